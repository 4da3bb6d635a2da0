//! GPO's USLM bill versions: the committee amendments a reported version carries (`changed="added"` /
//! `changed="deleted"`, `<addedText>` / `<deletedText>`) rebuild both texts, checked against passages picked
//! by reading the XML; and the command line reads the files.

use crate::cli::billdiff;
use crate::support::corpus_dir;
use billdiff::ingest::{Document, InputFormat, Side};
use std::path::PathBuf;

fn formats(name: &str) -> Option<PathBuf> {
    corpus_dir().map(|d| d.join("../formats").join(name))
}

fn read(name: &str) -> Option<Document> {
    let f = formats(name)?;
    let doc = billdiff::ingest::read(&f, None).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    assert_eq!(doc.format, InputFormat::Uslm, "{name}: detected from its root");
    assert_eq!(doc.style.as_deref(), Some("us"), "{name}: USLM is federal");
    Some(doc)
}

/// Both sides of a marked document, each as its blocks' texts.
fn sides(doc: &Document) -> (Vec<String>, Vec<String>) {
    let texts = |d: Document| d.blocks.into_iter().map(|b| b.text).collect::<Vec<_>>();
    let before = doc.side(Side::Before).expect("the file carries change marks");
    let after = doc.side(Side::After).expect("the file carries change marks");
    (texts(before), texts(after))
}

fn has(blocks: &[String], text: &str) -> bool {
    blocks.iter().any(|b| b == text)
}

/// S. 2062 as reported: struck and inserted words inside quoted law, a struck subsection pair and the
/// inserted section that replaces it (SEC. 701).
#[test]
fn s2062_reported_both_texts() {
    let Some(doc) = read("us-uslm-110s2062-ris.xml") else {
        return;
    };
    let (before, after) = sides(&doc);
    assert_eq!(after, doc.blocks.iter().map(|b| b.text.clone()).collect::<Vec<_>>());
    // SEC. 204: new 205(c), `<deletedText>This section</deletedText><addedText>Paragraph (2) of subsection
    // (a)</addedText> applies only …”` then the quotation's closing period.
    let struck = "“(c) Applicability.—This section applies only to rental and homeownership units that are owned or operated by a recipient.”.";
    let added = "“(c) Applicability.—Paragraph (2) of subsection (a) applies only to rental and homeownership units that are owned or operated by a recipient.”.";
    assert!(has(&before, struck) && !has(&after, struck));
    assert!(has(&after, added) && !has(&before, added));
    // SEC. 207: new 232(a)(1), `<addedText>to or</addedText> on behalf of which …`.
    assert!(has(
        &before,
        "“(1) on behalf of which a grant is made under section 101;"
    ));
    assert!(has(
        &after,
        "“(1) to or on behalf of which a grant is made under section 101;"
    ));
    // SEC. 701: subsections (a) and (b) changed="deleted"; the instruction (<addedText>) and new section 703
    // changed="added".
    let old_a = "(a) Definition of Indian Organization.—In this section, the term “Indian organization” means—";
    assert!(has(&before, old_a) && !has(&after, old_a));
    let new_703 = "“SEC. 703. TRAINING AND TECHNICAL ASSISTANCE.";
    assert!(has(&after, new_703) && !has(&before, new_703));
    let instruction = "Section 703 of the Native American Housing Assistance and Self-Determination Act of 1996 (25 U.S.C. 4212) is amended to read as follows:";
    assert!(has(&after, instruction) && !has(&before, instruction));
    // The struck subsections' paragraph breaks are struck too: the old (a)'s paragraphs are blocks of
    // their own before, and nothing of them is left after.
    let old_a1 = "(1) an Indian organization representing the interests of Indian tribes, Indian housing authorities, and tribally designated housing entities throughout the United States;";
    assert!(has(&before, old_a1) && !has(&after, old_a1));
    // Only the reported text's terms are recorded: 703(a)'s, not the struck SEC. 701(a)'s twice.
    let terms = doc.terms.as_deref().unwrap();
    assert_eq!(terms.iter().filter(|t| *t == "Indian organization").count(), 1);
}

/// S. 1325 as reported: an amendment in the nature of a substitute. The struck component is the bill as
/// introduced (SEC. 1–7), the added one the committee's (SEC. 1–10); each side parses on its own.
#[test]
fn s1325_substitute_both_texts() {
    let Some(doc) = read("us-uslm-118s1325-rs.xml") else {
        return;
    };
    let (before, after) = sides(&doc);
    let old = "SEC. 7. WESTERN HEMISPHERE DEFINED.";
    let new = "SEC. 9. WESTERN HEMISPHERE DEFINED.";
    assert!(has(&before, old) && !has(&after, old));
    assert!(has(&after, new) && !has(&before, new));
    let old_text = "In this Act, the term “Western Hemisphere” does not include Cuba, Nicaragua, or Venezuela, except for purposes of section 6.";
    assert!(has(&before, old_text) && !has(&after, old_text));
    // Both sides keep the header and the enacting clause.
    for side in [&before, &after] {
        assert!(has(side, "S. 1325"));
        assert!(has(
            side,
            "Be it enacted by the Senate and House of Representatives of the United States of America in Congress assembled,"
        ));
    }
    let sections = |side: Side| {
        let bill = billdiff::parse::bill(&doc.side(side).unwrap()).unwrap();
        bill.body
            .walk()
            .filter(|p| p.kind == billdiff::model::ProvisionKind::BillSection)
            .count()
    };
    assert_eq!((sections(Side::Before), sections(Side::After)), (7, 10));
}

/// S. Con. Res. 10 as reported: the text before the committee's amendments is the resolution as
/// introduced (the other file), recital for recital and paragraph for paragraph.
#[test]
fn sconres10_reported_before_is_the_introduced_text() {
    let (Some(rs), Some(is)) = (read("us-uslm-116sconres10-rs.xml"), read("us-uslm-116sconres10-is.xml")) else {
        return;
    };
    assert!(is.marks.is_none(), "the introduced version carries no marks");
    let (before, after) = sides(&rs);
    let from = |blocks: &[String]| {
        let at = blocks
            .iter()
            .position(|b| b == "CONCURRENT RESOLUTION")
            .expect("the long title");
        blocks[at..].to_vec()
    };
    let introduced: Vec<String> = is.blocks.iter().map(|b| b.text.clone()).collect();
    assert_eq!(from(&before), from(&introduced));
    // 21 recitals struck, 23 added; paragraph (5) only in the reported text.
    let whereas = |blocks: &[String]| blocks.iter().filter(|b| b.starts_with("Whereas")).count();
    assert_eq!((whereas(&before), whereas(&after)), (21, 23));
    let p5 = "(5) the United States should accelerate its efforts to increase its leadership and participation in the international fora responsible for global telecommunications standards, and work with allies and partners as well as the private sector to also increase their engagement.";
    assert!(has(&after, p5) && !has(&before, p5));
}

/// The command line reads a marked USLM file: outline, terms, show.
#[test]
fn cli_outline_terms_and_show_read_uslm() {
    let Some(f) = formats("us-uslm-110s2062-ris.xml") else {
        return;
    };
    let out = billdiff().arg("outline").arg(&f).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("S. 2062"), "{stdout}");
    assert!(stdout.contains("read as a bill, US federal drafting style"), "{stdout}");
    assert!(stdout.contains("SEC. 701"), "{stdout}");
    let out = billdiff().arg("terms").arg(&f).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // 0 without findings, 1 with them; either way the table.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("qualifying indian tribe") || stdout.contains("qualifying Indian tribe"),
        "{stdout}"
    );
    let out = billdiff().arg("show").arg(&f).arg("703(b)").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains(
            "There are authorized to be appropriated to the Secretary, for transfer to an Indian organization"
        ),
        "{stdout}"
    );
}

/// The same bill at two stages: `billdiff diff` compares them (the text did not change between them).
#[test]
fn cli_diff_of_two_stages() {
    let (Some(eh), Some(rfs)) = (
        formats("us-uslm-116hr1037-eh.xml"),
        formats("us-uslm-116hr1037-rfs.xml"),
    ) else {
        return;
    };
    let out = billdiff().arg("diff").arg(&eh).arg(&rfs).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("H.R. 1037"), "{stdout}");
    assert!(stdout.contains("The two versions are identical."), "{stdout}");
}

/// A USLM file cut in half is one clear line and exit 2.
#[test]
fn cut_uslm_is_one_line_exit_2() {
    let Some(f) = formats("us-uslm-116hr1037-eh.xml") else {
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
}
