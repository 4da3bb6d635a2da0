//! Official machine formats, read against hand-checked paths and texts: California's CAML.

use crate::cli::billdiff;
use crate::support::{caml_files, corpus_dir, open};
use std::path::PathBuf;

fn formats(name: &str) -> Option<PathBuf> {
    corpus_dir().map(|d| d.join("../formats").join(name))
}

fn text_of(bill: &billdiff::model::Bill, path: &str) -> String {
    bill.body
        .find(path)
        .unwrap_or_else(|| panic!("no provision {path}"))
        .text
        .clone()
}

/// Every CAML file is read as CAML (detected from its root), with bill sections and code sections.
#[test]
fn every_caml_file_reads() {
    for f in caml_files() {
        let doc = billdiff::ingest::read(&f, None).unwrap();
        assert_eq!(doc.format, billdiff::ingest::InputFormat::Caml, "{}", f.display());
        let bill = open(&f);
        assert!(bill.meta.measure.is_some(), "{}: a measure", f.display());
        assert!(bill.digest.is_some(), "{}: the digest", f.display());
        assert!(bill.body.walk().any(|p| p.path == "SEC. 1"), "{}: SEC. 1", f.display());
    }
}

/// AB 2302 (2024), chaptered: the header from `caml:Description`, the code section restated in SEC. 1.
#[test]
fn ab2302_chaptered() {
    let Some(f) = formats("ca-caml-ab2302-2024-chaptered.xml") else {
        return;
    };
    let bill = open(&f);
    let m = &bill.meta;
    assert_eq!(m.measure.as_ref().unwrap().to_string(), "AB 2302");
    assert_eq!(m.chapter.as_deref(), Some("389"));
    assert_eq!(m.session.as_deref(), Some("2023–2024 Regular Session"));
    let stages: Vec<String> = m.history.iter().map(|h| format!("{:?} {}", h.stage, h.date)).collect();
    assert_eq!(
        stages,
        [
            "Chaptered 2024-09-22",
            "Enrolled 2024-08-22",
            "Passed 2024-08-19",
            "Passed 2024-05-09",
            "Introduced 2024-02-12"
        ],
        "newest first, though the file lists them oldest first"
    );
    assert_eq!(m.authors, ["Assembly Member Addis"]);
    assert_eq!(
        text_of(&bill, "54953(a)"),
        "All meetings of the legislative body of a local agency shall be open and public, and all persons shall be permitted to attend any meeting of the legislative body of a local agency, except as otherwise provided in this chapter."
    );
    assert_eq!(
        text_of(&bill, "54953(b)(2)(A)"),
        "All votes taken during a teleconferenced meeting shall be by rollcall."
    );
    assert!(bill.body.find("SEC. 2").is_some());
}

/// SB 2 (1999–2000 First Extraordinary Session), enrolled: eight bill sections, a chapter heading, an
/// italic subdivision letter, and three definitions scoped to their section.
#[test]
fn sb2_enrolled() {
    let Some(f) = formats("ca-caml-sb2-1999x1-v7-19991SB293ENR.xml") else {
        return;
    };
    let bill = open(&f);
    let sections: Vec<&str> = bill.body.provisions.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        sections,
        [
            "SEC. 1", "SEC. 2", "SEC. 3", "SEC. 4", "SEC. 5", "SEC. 6", "SEC. 7", "SEC. 8"
        ]
    );
    for code in ["37252", "48980", "60850", "60851", "60852", "60853", "60855", "60856"] {
        assert!(bill.body.find(code).is_some(), "code section {code}");
    }
    // `(<i>l</i>)<span class="EnSpace"/>The notification ...`: the italic letter is the label, the
    // space markup a space.
    assert!(text_of(&bill, "48980(l)").starts_with("The notification shall advise the parent or guardian that no"));
    let glossary = crate::terms::glossary();
    let report = billdiff::terms::analyse(&bill, &glossary);
    let defs: Vec<(&str, &str)> = report
        .definitions
        .iter()
        .map(|d| (d.term.as_str(), d.location.as_str()))
        .collect();
    assert_eq!(
        defs,
        [
            ("adequate notice", "60850(f)(1)"),
            ("curricular validity", "60850(f)(2)"),
            ("instructional validity", "60850(f)(3)")
        ]
    );
    assert!(report.definitions.iter().all(|d| d.scope.anchor == "60850"));
}

/// An amended version reads as it stands: text inside insertion marks kept, text in deletion marks
/// left out.
#[test]
fn change_marks_give_the_text_as_amended() {
    let Some(f) = formats("ca-caml-sb2-1999x1-v2-19991SB298AMD.xml") else {
        return;
    };
    let xml = std::fs::read_to_string(&f).unwrap();
    assert!(xml.contains("<?xm-deletion_mark") && xml.contains("<?xm-insertion_mark_start?>"));
    let bill = open(&f);
    let m = &bill.meta;
    assert_eq!(m.measure.as_ref().unwrap().to_string(), "SB 2");
    assert_eq!(
        m.history[0].date.to_string(),
        "1999-02-23",
        "the amendment is the current version"
    );
    // The title's inserted words are there.
    assert!(
        m.title
            .as_deref()
            .unwrap()
            .starts_with("An act to amend Section 37252 of, to add Chapter 8")
    );
    for p in bill.body.walk() {
        assert!(!p.text.contains("xm-"), "{}: no change-mark markup in the text", p.path);
    }
}

/// The marks are data: the text before an amendment is rebuilt from them. In SB 2's second version,
/// SEC. 60850 of the Education Code strikes "begin to develop ... in other states" and inserts "shall develop a
/// high school exit examination in language arts and mathematics"; its digest drops a whole paragraph ("For
/// purposes of this section, a pupil shall be considered to be enrolled in a grade immediately upon completion
/// of the preceding grade." struck as `<p>` markup inside a deletion mark) — checked by reading the XML.
#[test]
fn both_sides_of_a_marked_version() {
    use billdiff::ingest::Side;
    let Some(f) = formats("ca-caml-sb2-1999x1-v3-19991SB297AMD.xml") else {
        return;
    };
    let doc = billdiff::ingest::read(&f, None).unwrap();
    let before = doc.side(Side::Before).expect("an amended version carries marks");
    let joined =
        |blocks: &[billdiff::ingest::Block]| blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    let (b, a) = (joined(&before.blocks), joined(&doc.blocks));
    // Struck in this version: in the text before only.
    let struck = "For purposes of this section, a pupil shall be considered to be enrolled in a grade immediately upon completion of the preceding grade.";
    assert!(b.contains(struck) && !a.contains(struck));
    // "2002–03" became "2003–04".
    assert!(b.contains("Commencing with the 2002–03 school year"), "{b}");
    assert!(a.contains("Commencing with the 2003–04 school year"));
    assert!(!b.contains("Commencing with the 2003–04 school year"));
    // A struck paragraph is a paragraph of its own on the side it is in.
    assert!(before.blocks.iter().any(|bl| bl.text == struck), "{b}");
}

/// Consecutive versions of SB 2 (1999): billdiff's redline of each pair, scored word by word against the
/// official marks the later version carries. Every disagreement is printed. The figures are in the closing
/// note of issue 12; the floor here guards them (the issue's target is 99%).
#[test]
fn sb2_redlines_against_the_official_marks() {
    let Some(dir) = corpus_dir().map(|_| crate::support::root().join("bills/ca-sb2-1999x1")) else {
        return;
    };
    let glossary = billdiff::glossary::Glossary::default();
    let mut total = (0usize, 0usize);
    for (from, to) in [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)] {
        let c =
            billdiff::pipeline::compare_versions(&dir, Some(&from.to_string()), Some(&to.to_string()), None, &glossary)
                .unwrap();
        let a = c.comparison.official.expect("amended versions carry marks");
        eprintln!(
            "SB 2 v{from} → v{to}: {:.4} of {} aligned words agree ({:.3} of {} official words aligned; {} marked)",
            a.ratio(),
            a.aligned,
            a.coverage(),
            a.official,
            a.official_changed
        );
        for d in &a.disagreements {
            eprintln!(
                "  {:?} {} … {:?}: {:?}",
                d.side,
                if d.official_changes {
                    "official changes, billdiff keeps"
                } else {
                    "billdiff changes, official keeps"
                },
                d.after_words,
                d.words.chars().take(100).collect::<String>()
            );
        }
        assert!(a.coverage() > 0.98, "v{from} → v{to}: the body's words align");
        assert!(a.ratio() > 0.975, "v{from} → v{to}: agreement {:.4}", a.ratio());
        total.0 += a.aligned;
        total.1 += a.agreeing;
    }
    let overall = total.1 as f64 / total.0 as f64;
    eprintln!("SB 2, all pairs: {overall:.4} of {} words", total.0);
    assert!(overall > 0.988);
}

/// The two texts one marked version relates, compared by billdiff and scored against the file's own marks:
/// Washington's session law (`TextRun amendingStyle="add|strike"`), a reported Senate bill's committee
/// amendments (USLM `changed="added|deleted"`), a UK point-in-time section (`Addition`/`Substitution`).
#[test]
fn redlines_of_marked_versions_against_their_marks() {
    let glossary = billdiff::glossary::Glossary::default();
    // (file, floor): the Washington act's figure is the issue's target; the others guard what was
    // measured (S. 2062's disagreements are SEC. 701 moved into quoted law as section 703, which the
    // official marks strike and insert and billdiff reads as a move).
    for (file, floor) in [
        ("wa-xml-hb1320-s2-2021-session-law.xml", 0.99),
        ("us-uslm-110s2062-ris.xml", 0.97),
        ("uk-clml-ukpga-1985-67-s6-2007-09-01.xml", 0.99),
    ] {
        let Some(f) = formats(file) else { return };
        let c = billdiff::pipeline::compare_marked(&f, None, None, &glossary).unwrap();
        let a = c.comparison.official.expect("a marked version is scored");
        eprintln!(
            "{file}: {:.4} of {} aligned words agree ({:.3} of {} official words aligned; {} marked)",
            a.ratio(),
            a.aligned,
            a.coverage(),
            a.official,
            a.official_changed
        );
        for d in &a.disagreements {
            eprintln!(
                "  {:?} {}: {:?}",
                d.side,
                d.official_changes,
                d.words.chars().take(80).collect::<String>()
            );
        }
        assert!(a.coverage() > 0.98, "{file}: coverage {:.3}", a.coverage());
        assert!(a.ratio() >= floor, "{file}: agreement {:.4}", a.ratio());
    }
}

/// A CAML file cut in half, or XML that is no bill, is one clear line and exit 2.
#[test]
fn bad_xml_is_one_line_exit_2() {
    let Some(f) = formats("ca-caml-ab2302-2024-chaptered.xml") else {
        return;
    };
    let xml = std::fs::read_to_string(&f).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &xml[..xml.len() / 2]).unwrap();
    let out = billdiff().arg("outline").arg(&cut).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("not well-formed XML"), "{err}");
    let other = dir.path().join("other.xml");
    std::fs::write(
        &other,
        "<?xml version=\"1.0\"?><caml:Recipe xmlns:caml=\"http://lc.ca.gov/legalservices/schemas/caml.1#\"/>",
    )
    .unwrap();
    let out = billdiff().arg("outline").arg(&other).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("root element <Recipe>"), "{err}");
}

/// An XML file of each official format nested 200,000 levels deep is refused with one line and exit 2, in
/// well under a second, and never overflows the stack (every reader walks with an explicit stack).
#[test]
fn deeply_nested_xml_is_one_error_line() {
    let n = 200_000;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "caml",
            r#"<caml:MeasureDoc xmlns:caml="http://lc.ca.gov/legalservices/schemas/caml.1#"><caml:Bill>"#,
            "span",
            "</caml:Bill></caml:MeasureDoc>",
        ),
        (
            "akn",
            r#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>"#,
            "point",
            "</body></act></akomaNtoso>",
        ),
        (
            "uslm",
            r#"<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main>"#,
            "section",
            "</main></bill>",
        ),
        (
            "clml",
            r#"<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body>"#,
            "P1",
            "</Body></Primary></Legislation>",
        ),
        (
            "wa",
            r#"<CertifiedBill xmlns="http://leg.wa.gov/2012/document"><Bill><BillBody>"#,
            "P",
            "</BillBody></Bill></CertifiedBill>",
        ),
    ];
    for (name, open, tag, close) in cases {
        let xml = format!(
            "<?xml version=\"1.0\"?>{open}{}x{}{close}",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        );
        let f = dir.path().join(format!("{name}.xml"));
        std::fs::write(&f, xml).unwrap();
        let out = billdiff().args(["outline", &f.display().to_string()]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
    }
}
