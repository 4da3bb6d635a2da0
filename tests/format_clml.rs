//! The UK's CLML (legislation.gov.uk XML): the point-in-time versions' change marks rebuild both texts, and
//! the CLI reads the files. The passages were picked by reading the XML: words inside `<Addition>` are in
//! the text as it stands and not in the text before; words inside `<Repeal>` the reverse.

use crate::cli::billdiff;
use crate::support::corpus_dir;
use billdiff::ingest::{Document, InputFormat, Side};
use std::path::PathBuf;

fn formats(name: &str) -> Option<PathBuf> {
    corpus_dir().map(|d| d.join("../formats").join(name))
}

const ANAW: &str = "uk-clml-anaw-2018-1-whole-act.xml";
const TRANSPORT: &str = "uk-clml-ukpga-1985-67-s6-2007-09-01.xml";
const DISABILITY: &str = "uk-clml-ukpga-1995-50-s1-2009-10-01.xml";

/// One side's blocks as a document of its own, and all its text on one line.
fn side(doc: &Document, side: Side) -> String {
    let d = doc.side(side).expect("the file carries change marks");
    d.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")
}

fn block<'a>(text: &'a str, starts: &str) -> Option<&'a str> {
    text.lines().find(|l| l.starts_with(starts))
}

/// The Disability Discrimination Act 1995, s. 1 at 1 October 2009: "and Part III of the 2005 Order" was
/// inserted (twice) by the 2005 Order (F-note c20506311).
#[test]
fn disability_act_additions_are_after_only() {
    let Some(f) = formats(DISABILITY) else { return };
    let doc = billdiff::ingest::read(&f, None).unwrap();
    assert_eq!(doc.format, InputFormat::Clml);
    assert_eq!(doc.style.as_deref(), Some("uk"));
    let (before, after) = (side(&doc, Side::Before), side(&doc, Side::After));
    assert_eq!(
        block(&after, "(1)"),
        Some(
            "(1) Subject to the provisions of Schedule 1, a person has a disability for the purposes of this Act and \
             Part III of the 2005 Order if he has a physical or mental impairment which has a substantial and \
             long-term adverse effect on his ability to carry out normal day-to-day activities."
        )
    );
    assert_eq!(
        block(&before, "(1)"),
        Some(
            "(1) Subject to the provisions of Schedule 1, a person has a disability for the purposes of this Act if \
             he has a physical or mental impairment which has a substantial and long-term adverse effect on his \
             ability to carry out normal day-to-day activities."
        )
    );
    assert_eq!(
        block(&before, "(2)"),
        Some("(2) In this Act “disabled person” means a person who has a disability.")
    );
    assert!(!before.contains("2005 Order"));
    assert_eq!(after.matches("and Part III of the 2005 Order").count(), 2);
    // The blocks are the After side; the header comes from the metadata (the extract has no prelims).
    assert_eq!(
        doc.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        after
    );
    assert_eq!(doc.blocks[0].text, "Disability Discrimination Act 1995");
    assert_eq!(doc.blocks[1].text, "1995 c. 50");
    // The commentaries are not provision text.
    assert!(!after.contains("wholly in force"));
    assert_eq!(doc.terms, Some(vec!["disabled person".to_string()]));
}

/// The Transport Act 1985, s. 6 at 1 September 2007: subsections (1A) to (1C) were inserted whole
/// (F-note c19469851), words added to (1) (c19469831), and words substituted in (1) (c19459341).
#[test]
fn transport_act_inserted_subsections_are_after_only() {
    let Some(f) = formats(TRANSPORT) else { return };
    let doc = billdiff::ingest::read(&f, None).unwrap();
    let (before, after) = (side(&doc, Side::Before), side(&doc, Side::After));
    for inserted in [
        "(1A) A service falls within this subsection if conditions A and B are satisfied in relation to it.",
        "(1B) Condition A is satisfied if the service is provided in pursuance of—",
        "(c) a person involved with the provision of education or training at any such premises.",
    ] {
        assert!(after.lines().any(|l| l == inserted), "after: {inserted}");
        assert!(!before.lines().any(|l| l == inserted), "before: {inserted}");
    }
    let one_after = block(&after, "(1) In this section").unwrap();
    let one_before = block(&before, "(1) In this section").unwrap();
    assert!(
        one_after.contains("neither a London local service nor a service which falls within subsection (1A) below nor")
    );
    assert!(one_before.contains("neither a London local service nor a service provided under an agreement ."));
    // The substituted words stand in the text as it is; what they replaced is not in the file.
    assert!(one_after.contains("under section 40 of the Railways Act 2005"));
    assert!(!one_before.contains("Railways Act 2005"));
    // Text no later Act touched is on both sides.
    for same in [
        "(l) for excluding from the application of this section services which are—",
        "(ii) excursions or tours falling within a prescribed class.",
    ] {
        assert!(
            after.lines().any(|l| l == same) && before.lines().any(|l| l == same),
            "{same}"
        );
    }
    // The alternative text for Scotland (`Versions`) is not this version's: its (8A) is on neither side.
    assert!(!after.contains("(8A)") && !before.contains("(8A)"));
    assert_eq!(
        doc.terms,
        Some(vec![
            "service".into(),
            "the period of notice".into(),
            "unconditional".into()
        ])
    );
}

/// A repeal the file keeps (`<Repeal>`, text retained) is struck: in the text before, not as it stands. No
/// corpus file has one, so a small document in the same markup.
#[test]
fn a_repeal_is_before_only() {
    let xml = r#"<?xml version="1.0"?><Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"><Primary><Body><P1group><Title>Fees</Title><P1><Pnumber>4</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>A fee is payable<Repeal ChangeId="k1" RetainText="true"> on each application</Repeal>.</Text></P2para></P2></P1para></P1></P1group></Body></Primary></Legislation>"#;
    let doc = billdiff::ingest::decode("fees.xml", xml.as_bytes(), None).unwrap();
    assert_eq!(doc.format, InputFormat::Clml);
    assert_eq!(side(&doc, Side::After), "4 Fees\n(1) A fee is payable.");
    assert_eq!(
        side(&doc, Side::Before),
        "4 Fees\n(1) A fee is payable on each application."
    );
    let bill = billdiff::parse::bill(&doc).unwrap();
    assert_eq!(bill.body.find("4(1)").unwrap().text, "A fee is payable.");
}

/// An enacted text carries no change marks.
#[test]
fn an_enacted_act_has_no_marks() {
    let Some(f) = formats(ANAW) else { return };
    let doc = billdiff::ingest::read(&f, None).unwrap();
    assert!(doc.marks.is_none());
    assert_eq!(doc.blocks[1].text, "2018 anaw 1");
}

#[test]
fn the_cli_reads_clml() {
    let Some(dir) = corpus_dir().map(|d| d.join("../formats")) else {
        return;
    };
    for (file, path, words) in [
        (TRANSPORT, "6(9)(c)(ii)", "subsection (8) above shall have effect"),
        (
            DISABILITY,
            "1(2)",
            "“disabled person” means a person who has a disability.",
        ),
        (ANAW, "121ZA(2)(b)", "“relevant date” means the day on which section 2"),
    ] {
        let f = dir.join(file);
        let out = billdiff().arg("outline").arg(&f).output().unwrap();
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            s.contains("read as an act, United Kingdom drafting style"),
            "{file}: {s}"
        );
        let out = billdiff().arg("show").arg(&f).arg(path).output().unwrap();
        assert!(
            out.status.success(),
            "{file} {path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(s.contains(words), "{file} {path}: {s}");
        // `terms` exits 0, or 1 when it has findings; never 2.
        let out = billdiff().arg("terms").arg(&f).output().unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{file}: {out:?}");
        assert!(String::from_utf8(out.stdout).unwrap().contains("TERM"), "{file}");
    }
}

/// A CLML file cut in half is one clear XML error and exit 2.
#[test]
fn a_cut_file_is_an_input_error() {
    let Some(f) = formats(DISABILITY) else { return };
    let text = std::fs::read_to_string(f).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let out = billdiff().arg("outline").arg(&cut).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("cut.xml"), "{err}");
}
