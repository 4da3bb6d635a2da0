//! `billdiff export --format akn`: every bill in `bills/` written as Akoma Ntoso 3.0, valid against the OASIS
//! schema (`../shared/schemas/akn30/`, checked with the system's `xmllint`), carrying the analysis.

use crate::cli::billdiff;
use crate::support::root;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The schema, and `xmllint` to check it with. Missing: a loud skip on a developer machine, a failure under
/// CI (`.ci/run` installs libxml2-utils).
fn validator() -> Option<PathBuf> {
    let schema = root().join("../shared/schemas/akn30/akomantoso30.xsd");
    let have_xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    if schema.is_file() && have_xmllint {
        return Some(schema);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI needs xmllint (libxml2-utils) and ../shared/schemas/akn30"
    );
    eprintln!("SKIP: xmllint or the Akoma Ntoso schema is missing");
    None
}

fn bill_folders() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("bills"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("bill.toml").is_file())
        .collect();
    v.sort();
    v
}

fn export(bill: &Path, out: &Path) {
    billdiff()
        .args(["export", "--format", "akn", "-o"])
        .arg(out)
        .arg(bill)
        .assert()
        .success();
}

#[test]
fn every_bill_exports_valid_akoma_ntoso() {
    let Some(schema) = validator() else { return };
    let dir = tempfile::tempdir().unwrap();
    let folders = bill_folders();
    assert!(folders.len() >= 6);
    for b in folders {
        let name = b.file_name().unwrap().to_string_lossy().to_string();
        let out = dir.path().join(format!("{name}.xml"));
        export(&b, &out);
        let v = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(&schema)
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            v.status.success(),
            "{name}: not valid Akoma Ntoso 3.0:\n{}",
            String::from_utf8_lossy(&v.stderr)
        );
    }
}

/// The export carries the analysis: a `TLCTerm` and a scope for every definition, a `<def>` at each
/// defining phrase, a `<term>` at each use; eIds from the paths. SB 1047 (amended August 2024, the latest
/// version) defines "covered model" in 22602(e)(1) with the chapter as its scope.
#[test]
fn the_export_carries_the_definitions_and_their_uses() {
    let out = billdiff().args(["export", "bills/ca-sb1047"]).output().unwrap();
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let bill = crate::support::open(&root().join("bills/ca-sb1047"));
    let report = billdiff::terms::analyse(&bill, &crate::terms::glossary());
    let tlc: Vec<_> = doc.descendants().filter(|n| n.tag_name().name() == "TLCTerm").collect();
    assert_eq!(tlc.len(), report.definitions.len());
    let covered = tlc
        .iter()
        .find(|n| n.attribute("showAs") == Some("covered model"))
        .expect("covered model has a TLCTerm");
    let id = covered.attribute("eId").unwrap();
    let reference = format!("#{id}");
    let defs = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "def" && n.attribute("refersTo") == Some(reference.as_str()))
        .count();
    let uses = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "term" && n.attribute("refersTo") == Some(reference.as_str()))
        .count();
    let d = report.definitions.iter().find(|d| d.term == "covered model").unwrap();
    assert_eq!(defs, d.parts.iter().map(|p| p.term_spans.len()).sum::<usize>());
    assert_eq!(uses, d.uses.len());
    assert!(uses > 20, "covered model is used throughout: {uses}");
    // The defining phrase sits in the provision whose eId is its path's.
    let def = doc
        .descendants()
        .find(|n| n.tag_name().name() == "def" && n.attribute("refersTo") == Some(reference.as_str()))
        .unwrap();
    let holder = def.ancestors().find(|a| a.attribute("eId").is_some()).unwrap();
    assert!(d.location.starts_with("22602(e)"), "{}", d.location);
    assert_eq!(
        holder.attribute("eId"),
        Some(billdiff::render::akn::eid(&d.location).as_str())
    );
    let scope = doc
        .descendants()
        .find(|n| n.tag_name().name() == "definition" && n.attribute("term") == Some(reference.as_str()))
        .unwrap();
    assert_eq!(scope.attribute("scope"), Some(d.scope.anchor.as_str()));
    assert!(xml.contains(billdiff::render::akn::NOTICE.split_whitespace().next().unwrap()));
}

/// A bad target is one line and exit 2, and no output file appears.
#[test]
fn a_bad_target_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xml");
    let bad = dir.path().join("recipe.xml");
    std::fs::write(&bad, "<?xml version=\"1.0\"?><recipe><step>Boil.</step></recipe>").unwrap();
    let r = billdiff().args(["export", "-o"]).arg(&out).arg(&bad).output().unwrap();
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("<recipe>"), "{err}");
    assert!(!out.exists());
}

/// Reading an export back gives the same tree (every path, kind and text) and the same definitions
/// (term, place, scope and parts), for every bill in `bills/`.
#[test]
fn an_export_reads_back_as_the_same_bill() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = crate::terms::glossary();
    for b in bill_folders() {
        let name = b.file_name().unwrap().to_string_lossy().to_string();
        let out = dir.path().join(format!("{name}.xml"));
        export(&b, &out);
        let doc = billdiff::ingest::read(&out, None).unwrap();
        assert_eq!(doc.format, billdiff::ingest::InputFormat::Akn, "{name}");
        let back = billdiff::parse::bill(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        let original = crate::support::open(&b);
        assert_eq!(back.style, original.style, "{name}: style");
        assert_eq!(back.kind, original.kind, "{name}: kind");
        let tree = |bill: &billdiff::model::Bill| {
            bill.body
                .walk()
                .map(|p| format!("{} {:?} {}", p.path, p.kind, p.text))
                .collect::<Vec<_>>()
        };
        let (a, z) = (tree(&original), tree(&back));
        if let Some(i) = (0..a.len().max(z.len())).find(|&i| a.get(i) != z.get(i)) {
            panic!(
                "{name}: the tree read back differs at provision {i}:\n  exported {:?}\n  read back {:?}",
                a.get(i),
                z.get(i)
            );
        }
        let defs = |bill: &billdiff::model::Bill| {
            billdiff::terms::analyse(bill, &glossary)
                .definitions
                .iter()
                .map(|d| {
                    let parts: Vec<String> = d.parts.iter().map(|p| format!("{} {:?}", p.location, p.kind)).collect();
                    format!("{} at {} scope {} {parts:?}", d.term, d.location, d.scope.anchor)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(defs(&back), defs(&original), "{name}: definitions");
    }
}
