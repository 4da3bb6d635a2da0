//! The `billdiff` binary: output, JSON read back into typed structs, exit codes.

use crate::support::root;
use assert_cmd::Command;
use billdiff::model::{Bill, Provision};
use serde::Deserialize;

pub fn billdiff() -> Command {
    let mut c = Command::cargo_bin("billdiff").expect("binary builds");
    c.current_dir(root()).env("NO_COLOR", "1");
    c
}

#[derive(Deserialize)]
struct OutlineJson {
    schema_version: u32,
    kind: String,
    source: serde_json::Value,
    bill: Bill,
}

#[derive(Deserialize)]
struct ProvisionJson {
    schema_version: u32,
    kind: String,
    measure: Option<String>,
    provision: Provision,
    full_text: String,
}

#[test]
fn outline_json_reads_back_into_the_model() {
    let out = billdiff()
        .args(["outline", "bills/ca-sb1047", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: OutlineJson = serde_json::from_slice(&out.stdout).expect("outline JSON matches the model");
    assert_eq!((j.schema_version, j.kind.as_str()), (1, "outline"));
    assert_eq!(j.source["bill"], "ca-sb1047");
    assert_eq!(j.source["version"], "enrolled");
    assert_eq!(j.bill.meta.measure.unwrap().to_string(), "SB 1047");
    let p = j.bill.body.find("22602(e)(1)(B)(i)(II)").unwrap();
    assert_eq!(&j.bill.body.text[p.span.start..p.span.start + 4], "(II)");
    // Every provision carries at least path, label, text and children.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["bill"]["body"]["provisions"][0];
    for key in ["path", "label", "text", "children", "kind", "span"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn outline_text_of_a_bill_folder_version() {
    let out = billdiff()
        .args(["outline", "bills/ca-sb53", "--version", "2025-07-17"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("SB 53 · Amended in Assembly, July 17, 2025 · 2025–2026 Regular Session\n"),
        "{s}"
    );
    assert!(s.contains("\n    22757.16 "), "22757.16 exists in the July 17 version");
}

#[test]
fn show_prints_one_provision() {
    let out = billdiff()
        .args(["show", "bills/ca-sb1047", "22602(e)(1)(B)(i)(II)"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("(II) An artificial intelligence model created by fine-tuning a covered model"));
    assert_eq!(s.lines().count(), 1);

    let out = billdiff()
        .args(["show", "bills/ca-sb1047", "§ 22602 (k)"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.lines().count(), 4, "{s}");
    assert!(
        s.lines()
            .nth(1)
            .unwrap()
            .starts_with("  (1) The training of a covered model.")
    );

    let out = billdiff()
        .args(["show", "bills/ca-sb1047", "SEC. 2(a)", "--format", "json"])
        .output()
        .unwrap();
    let j: ProvisionJson = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (j.schema_version, j.kind.as_str(), j.measure.as_deref()),
        (1, "provision", Some("SB 1047"))
    );
    assert_eq!(j.provision.path, "SEC. 2(a)");
    assert!(j.full_text.starts_with("(a) California is leading the world"));
}

fn fails_with(args: &[&str], needle: &str) {
    let out = billdiff().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{args:?}: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn errors_are_one_line_with_exit_code_2() {
    fails_with(
        &["show", "bills/ca-sb1047", "22602(e)(9)"],
        "no provision \"22602(e)(9)\" (22602(e) contains (1), (2))",
    );
    fails_with(&["show", "bills/ca-sb1047", "22602(e"], "not a provision path");
    fails_with(
        &["outline", "bills/ca-sb53", "--version", "2019-01-01"],
        "no version \"2019-01-01\"",
    );
    fails_with(&["outline", "no/such/file.html"], "no/such/file.html");
    fails_with(&["outline", "src"], "not a bill");
    let out = billdiff().args(["outline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "usage error");
    let out = billdiff()
        .args(["outline", "bills/ca-sb1047", "--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "bad flag value");
}

/// A missing file is named once, with the system's reason once.
#[test]
fn a_missing_file_is_one_plain_line() {
    let out = billdiff().args(["outline", "no-such-bill.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    assert!(err.contains("no-such-bill.txt"), "{err}");
}

/// The place as billdiff's own amendment instructions name it is a path `show` reads.
#[test]
fn show_reads_the_tools_own_citation_style() {
    let out = billdiff()
        .args([
            "show",
            "bills/ca-sb1047",
            "Section 22602, subdivision (e), paragraph (1)",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("(1)"), "{shown}");
    let direct = billdiff()
        .args(["show", "bills/ca-sb1047", "22602(e)(1)"])
        .output()
        .unwrap();
    assert_eq!(out.stdout, direct.stdout);
}
