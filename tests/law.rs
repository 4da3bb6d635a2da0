//! `billdiff diff BILL --against law`: a bill compared with the current law it amends, checked against the
//! official marks of prints that show a bill's changes to existing law (New York's LBDC pages, Washington's
//! session-law XML).
//!
//! The existing law is what those prints mark as unchanged and struck. For each section a bill restates,
//! that text is put into a law store in a temporary folder with `billdiff import law`; `diff --against law`
//! then rebuilds the changes from the law store alone, and its redline is scored word by word against the
//! print's marks.

use crate::cli::billdiff;
use crate::support::{corpus_dir, root};
use billdiff::ingest::{self, Side};
use billdiff::model::{ActionVerb, ProvisionKind};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus(folder: &str, name: &str) -> Option<PathBuf> {
    corpus_dir().map(|d| d.join("..").join(folder).join(name))
}

/// An abbreviation for a law named by words (`election law` → `EL`), for the store's folder name.
fn abbreviation(code: &str) -> String {
    let a: String = code
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_alphabetic)
        .take(5)
        .collect();
    a
}

/// Put into a law store at `law` the existing text of every section `file` restates: the print's text
/// before its marks (unchanged and struck matter), the part the action line names. A print holds only the
/// parts it restates, not the whole section, so where several bill sections restate parts of one section
/// only the first part is put (the others are then reported as parts the store's text does not have).
/// Returns how many sections were put.
fn put_existing_law(file: &Path, law: &Path) -> usize {
    let doc = ingest::read(file, None).unwrap();
    let bill = billdiff::parse::bill(&doc).unwrap();
    let before_doc = doc.side(Side::Before).expect("the print carries marks");
    let before = billdiff::parse::bill_in(&before_doc, billdiff::parse::style::by_id(&bill.style)).unwrap();
    let mut put = 0;
    let mut seen = std::collections::HashSet::new();
    let dir = tempfile::tempdir().unwrap();
    for p in bill.body.walk().filter(|p| p.kind == ProvisionKind::BillSection) {
        let Some(a) = &p.action else { continue };
        if !matches!(a.verb, ActionVerb::Amend) || a.sections.len() != 1 || a.code.is_none() {
            continue;
        }
        let old = before
            .body
            .find(&p.path)
            .expect("the same bill section before the marks");
        // The restated text as the print lays it out (a section's first subdivision runs on from its heading).
        let text: Vec<String> = old
            .children
            .iter()
            .map(|c| before.body.text_of(c).to_string())
            .collect();
        let code = a.code.clone().expect("the action line names the law");
        if !seen.insert((code.clone(), a.sections[0].clone())) {
            continue;
        }
        let file = dir.path().join(format!("{put}.txt"));
        std::fs::write(&file, text.join("\n")).unwrap();
        billdiff()
            .args(["import", "law"])
            .arg(&file)
            .args([
                "--code",
                &abbreviation(&code),
                "--name",
                &code,
                "--section",
                &a.sections[0],
            ])
            .arg("--law")
            .arg(law)
            .assert()
            .success();
        put += 1;
    }
    put
}

/// `diff FILE --against law --format json` with the store at `law`.
fn against_law(file: &Path, law: &Path) -> Value {
    let out = billdiff()
        .arg("diff")
        .arg(file)
        .args(["--against", "law", "--format", "json", "--law"])
        .arg(law)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Score `diff --against law` on a print against its marks; returns (agreeing, aligned, sections compared).
fn score(file: &Path) -> (u64, u64, usize) {
    let law = tempfile::tempdir().unwrap();
    let put = put_existing_law(file, law.path());
    if std::env::var_os("BILLDIFF_DEBUG_LAW").is_some() {
        let keep = std::env::temp_dir().join(format!("law-{}", file.file_name().unwrap().to_string_lossy()));
        let _ = std::fs::remove_dir_all(&keep);
        std::fs::rename(law.path(), &keep).unwrap();
        std::fs::create_dir(law.path()).unwrap();
        eprintln!("law store kept in {}", keep.display());
        let j = against_law(file, &keep);
        return score_of(&j, put);
    }
    assert!(put > 0, "{}: no amended section", file.display());
    let j = against_law(file, law.path());
    score_of(&j, put)
}

fn score_of(j: &Value, put: usize) -> (u64, u64, usize) {
    assert_eq!(j["context"], "existing_law");
    let compared = j["law"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["outcome"] == "compared")
        .count();
    assert_eq!(
        compared, put,
        "every section put into the store is compared: {}",
        j["law"]
    );
    let a = &j["official_agreement"];
    if std::env::var_os("BILLDIFF_DEBUG_LAW").is_some() {
        for d in a["disagreements"].as_array().unwrap().iter().take(12) {
            eprintln!("{d}");
        }
    }
    (
        a["agreeing"].as_u64().unwrap(),
        a["aligned"].as_u64().unwrap(),
        compared,
    )
}

#[test]
fn new_york_and_washington_bills_against_the_existing_law_agree_with_their_marks() {
    let Some(dir) = corpus_dir() else { return };
    let files = [
        ("ny", "ny-lbdc-s6169b-2023-election-law.html"),
        ("ny", "ny-lbdc-s434-2015-gbl-new-section.html"),
        ("ny", "ny-lbdc-budget-a3007a-2017.html-fragment.txt"),
        ("formats", "wa-xml-hb1320-s2-2021-session-law.xml"),
    ];
    let _ = dir;
    let (mut agreeing, mut aligned) = (0, 0);
    for (folder, name) in files {
        let file = corpus(folder, name).unwrap();
        let (a, n, sections) = score(&file);
        let ratio = a as f64 / n as f64;
        println!(
            "{name}: {sections} sections against current law, {:.2}% of {n} words agree with the marks",
            ratio * 100.0
        );
        assert!(n > 20, "{name}: {n} words aligned");
        assert!(ratio >= 0.97, "{name}: {:.2}%", ratio * 100.0);
        agreeing += a;
        aligned += n;
    }
    let ratio = agreeing as f64 / aligned as f64;
    println!("all: {:.2}% of {aligned} words", ratio * 100.0);
    assert!(ratio >= 0.99, "{:.2}%", ratio * 100.0);
}

#[test]
fn a_california_bill_section_against_a_code_section_of_the_imported_law() {
    let Some(_) = corpus_dir() else { return };
    let dump = root().join("../shared/corpus/ca-pubinfo");
    let out = tempfile::tempdir().unwrap();
    billdiff()
        .args(["import", "pubinfo"])
        .arg(&dump)
        .arg("--library")
        .arg(out.path().join("bills"))
        .arg("--law")
        .arg(out.path().join("law"))
        .assert()
        .code(0);
    // A bill restating Education Code section 48859 with one word changed, and adding a section.
    let store = ingest::law::Store::open(&out.path().join("law")).unwrap();
    let section = store.section("EDC", "48859").unwrap().expect("48859 in the sample");
    let current = section.document(0).unwrap();
    let text: Vec<&str> = current.blocks.iter().map(|b| b.text.as_str()).collect();
    let current_text = text.join("\n");
    let first_word = current_text
        .split_whitespace()
        .find(|w| w.len() > 6 && w.chars().all(char::is_alphabetic))
        .expect("a long word")
        .to_string();
    let restated = current_text.replacen(&first_word, "REPLACEDWORD", 1);
    let bill = format!(
        "SECTION 1. Section 48859 of the Education Code is amended to read:\n{restated}\nSEC. 2. Section 99999 is added to the Education Code, to read:\n99999. The board shall publish a report.\n"
    );
    let file = out.path().join("bill.txt");
    std::fs::write(&file, bill).unwrap();
    let j = against_law(&file, &out.path().join("law"));
    assert_eq!(j["context"], "existing_law");
    let outcomes: Vec<(&str, &str)> = j["law"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["bill_section"].as_str().unwrap(), u["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(outcomes, [("SEC. 1", "compared"), ("SEC. 2", "added")]);
    let s = &j["summary"];
    assert_eq!(s["words_deleted"], 1, "{s}");
    assert_eq!(s["words_inserted"], 1 + 7, "the word and the new section: {s}");
    // The text form names the change context and the current law.
    let text = billdiff()
        .arg("diff")
        .arg(&file)
        .args(["--against", "law", "--law"])
        .arg(out.path().join("law"))
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Changes to existing law made by"), "{text}");
    assert!(text.contains(&format!("[-{first_word}-]{{+REPLACEDWORD+}}")), "{text}");
}

#[test]
fn a_section_not_in_the_store_is_named_and_left_alone() {
    let file = root().join("bills/ny-s434");
    let law = tempfile::tempdir().unwrap();
    let j = against_law(&file, law.path());
    let uses = j["law"].as_array().unwrap();
    assert!(uses.iter().any(|u| u["outcome"] == "not_in_store"), "{}", j["law"]);
    let text = billdiff()
        .args(["diff", "bills/ny-s434", "--against", "law", "--law"])
        .arg(law.path())
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("not in the law store"), "{text}");
    // A law store that is not there is one line, exit 2.
    let out = billdiff()
        .args(["diff", "bills/ny-s434", "--against", "law", "--law", "no/such/law"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim().lines().count(), 1);
}
