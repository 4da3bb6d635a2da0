//! The Washington Legislature's bill XML: E2SHB 1320 (2021), the session law, read through its change
//! marks. The amended RCW sections carry the text the bill strikes (`amendingStyle="strike"`,
//! `strikemarkleft`/`none`/`right` for one strike over several paragraphs) and the text it adds
//! (`amendingStyle="add"`); the reader rebuilds the RCW as it stood (struck and unmarked text) and as
//! enacted (added and unmarked text). The passages below were picked by reading the XML.

use crate::cli::billdiff;
use crate::support::corpus_dir;
use billdiff::ingest::Side;
use std::path::{Path, PathBuf};

const FILE: &str = "wa-xml-hb1320-s2-2021-session-law.xml";

fn file() -> Option<PathBuf> {
    corpus_dir().map(|d| d.join("../formats").join(FILE))
}

/// The blocks of one side of the marks.
fn side(path: &Path, side: Side) -> Vec<String> {
    let doc = billdiff::ingest::read(path, None).unwrap();
    assert_eq!(doc.format, billdiff::ingest::InputFormat::WaXml);
    let doc = doc.side(side).expect("the session law carries change marks");
    doc.blocks.into_iter().map(|b| b.text).collect()
}

/// The words of `s` joined by single spaces; a stop or comma written apart from its word (where a
/// paragraph break falls before it on one side, `license` / `.`) joined to it, since the breaks are
/// checked by the passages.
fn words(s: &str) -> String {
    let mut out = String::new();
    for w in s.split_whitespace() {
        if !out.is_empty() && !w.chars().all(|c| ".,;:".contains(c)) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The blocks of bill section `n`: from its `Sec. n.` line to the next section or part.
fn section(blocks: &[String], n: u32) -> Vec<String> {
    let head = format!("Sec. {n}. ");
    let opens = |b: &String| b.starts_with("Sec. ") || b.starts_with("NEW SECTION. ") || b.starts_with("PART ");
    let at = blocks
        .iter()
        .position(|b| b.starts_with(&head) || b.strip_prefix("NEW SECTION. ").is_some_and(|r| r.starts_with(&head)))
        .unwrap_or_else(|| panic!("no Sec. {n}."));
    let len = blocks[at + 1..].iter().position(opens).unwrap_or(blocks.len() - at - 1);
    blocks[at..=at + len].to_vec()
}

/// Bill section `n` as the XML says it, read here on its own (not with the reader): every text node of the
/// section in order, leaving out the catchline, the RCW history and notes, and the text the other side has
/// alone (`add` for the text before, `strike…` for the text enacted).
fn xml_section(xml: &str, n: u32, side: Side) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let section = doc
        .descendants()
        .filter(|d| d.tag_name().name() == "BillSection")
        .find(|s| {
            s.descendants()
                .find(|d| d.tag_name().name() == "Value")
                .and_then(|v| v.text())
                == Some(n.to_string().as_str())
        })
        .unwrap_or_else(|| panic!("no BillSection {n} in the XML"));
    let mut out = String::new();
    for t in section.descendants().filter(|d| d.is_text()) {
        let mut keep = true;
        for a in t.ancestors().take_while(|a| *a != section) {
            match a.tag_name().name() {
                "Caption" | "History" | "RCWNoteSection" => keep = false,
                _ => {}
            }
            match a.attribute("amendingStyle") {
                Some("add") if side == Side::Before => keep = false,
                Some(s) if s.starts_with("strike") && side == Side::After => keep = false,
                _ => {}
            }
        }
        if keep {
            out.push_str(t.text().unwrap());
        }
    }
    words(&out)
}

/// Amended sections picked for their marks: SEC. 72 (RCW 9.41.040: words struck and added, a strike over
/// two paragraphs), SEC. 74 (RCW 9.41.800: a strike over six paragraphs, an added paragraph carrying the
/// old stop), SEC. 79 (RCW 26.55.010: a strike from mid-paragraph over four more), SEC. 82 (RCW 26.55.030:
/// struck labels with added ones beside them). Each side's whole section reads word for word as the XML.
#[test]
fn both_sides_of_amended_sections_read_as_the_xml() {
    let Some(f) = file() else { return };
    let xml = std::fs::read_to_string(&f).unwrap();
    let (before, after) = (side(&f, Side::Before), side(&f, Side::After));
    for n in [72, 74, 79, 82] {
        let text = |blocks: &[String]| words(&section(blocks, n).join(" "));
        assert_eq!(text(&before), xml_section(&xml, n, Side::Before), "SEC. {n} before");
        assert_eq!(text(&after), xml_section(&xml, n, Side::After), "SEC. {n} after");
    }
}

/// Hand-picked passages: struck text present before and absent after, added text the reverse, and the
/// paragraph breaks each side has.
#[test]
fn struck_and_added_passages_land_on_their_side() {
    let Some(f) = file() else { return };
    let doc = billdiff::ingest::read(&f, None).unwrap();
    let (before, after) = (side(&f, Side::Before), side(&f, Side::After));
    assert_eq!(
        after,
        doc.blocks.iter().map(|b| b.text.clone()).collect::<Vec<_>>(),
        "the document's blocks are the enacted text"
    );
    let has = |v: &[String], s: &str| v.iter().any(|b| b == s);
    let mentions = |v: &[String], s: &str| v.iter().any(|b| b.contains(s));
    let (b72, a72) = (section(&before, 72), section(&after, 72));
    let (b74, a74) = (section(&before, 74), section(&after, 74));
    let (b79, a79) = (section(&before, 79), section(&after, 79));
    let (b82, a82) = (section(&before, 82), section(&after, 82));

    // SEC. 72, RCW 9.41.040(2)(a)(vi): "eighteen" struck, "18" added.
    assert!(has(
        &b72,
        "(vi) If the person is under eighteen years of age, except as provided in RCW 9.41.042; and/or"
    ));
    assert!(has(
        &a72,
        "(vi) If the person is under 18 years of age, except as provided in RCW 9.41.042; and/or"
    ));
    // SEC. 72, (2)(b)-(c): old (b) struck whole (strikemarkleft) with the old label "(c)" (strikemarkright):
    // two paragraphs before, one after.
    assert!(has(
        &b72,
        "(b) (a)(iii) of this subsection does not apply to a sexual assault protection order under chapter 7.90 RCW if the order has been modified pursuant to RCW 7.90.170 to remove any restrictions on firearm purchase, transfer, or possession."
    ));
    assert!(has(
        &b72,
        "(c) Unlawful possession of a firearm in the second degree is a class C felony punishable according to chapter 9A.20 RCW."
    ));
    assert!(has(
        &a72,
        "(b) Unlawful possession of a firearm in the second degree is a class C felony punishable according to chapter 9A.20 RCW."
    ));
    assert!(!mentions(&after, "7.90.170 to remove any restrictions"));
    // SEC. 74, RCW 9.41.800(1)(e): a paragraph added whole; the old (d) ended with the stop it carries.
    assert!(mentions(
        &a74,
        "(e) Other than for ex parte temporary protection orders, unless the ex parte"
    ));
    assert!(!mentions(
        &before,
        "Other than for ex parte temporary protection orders, unless the ex parte"
    ));
    assert!(has(
        &a74,
        "(d) Prohibit the party from obtaining or possessing a concealed pistol license;"
    ));
    assert!(has(
        &b74,
        "(d) Prohibit the party from obtaining or possessing a concealed pistol license."
    ));
    assert!(!has(&before, "."), "no stop left alone in a paragraph");
    assert!(!has(&after, "."), "no stop left alone in a paragraph");
    // SEC. 79, RCW 26.55.010(1): "and prohibits a respondent from:" and (a)-(d) struck; the enacted
    // definition ends at "domestic violence." in one paragraph. (SEC. 80 enacts the list anew.)
    assert!(has(
        &a79,
        "(1) \"Canadian domestic violence protection order\" means a judgment or part of a judgment or order issued in a civil proceeding by a court of Canada under law of the issuing jurisdiction which relates to domestic violence."
    ));
    assert!(has(
        &b79,
        "(a) Being in physical proximity to a protected individual or following a protected individual;"
    ));
    assert!(!mentions(&a79, "Being in physical proximity to a protected individual"));
    assert!(mentions(
        &b79,
        "which relates to domestic violence and prohibits a respondent from:"
    ));
    // SEC. 82, RCW 26.55.030: old (4) struck whole, old label "(5)" struck and "(7)" added.
    assert!(has(
        &b82,
        "(4) A Canadian domestic violence protection order valid on its face is prima facie evidence of its enforceability under this section."
    ));
    assert!(!mentions(&a82, "valid on its face is prima facie evidence"));
    assert!(
        b82.iter()
            .any(|b| b.starts_with("(5) A claim that a Canadian domestic violence protection order"))
    );
    assert!(
        a82.iter()
            .any(|b| b.starts_with("(7) A claim that a Canadian domestic violence protection order"))
    );
    // The catchlines, RCW history and notes the print leaves out are on neither side.
    for v in [&before, &after] {
        assert!(!mentions(v, "Unlawful possession of firearms—Ownership"));
        assert!(!mentions(v, "Reviser's note"));
        assert!(!mentions(v, "2019 c 248 § 2"));
    }
}
/// `outline`, `terms` and `show` read the XML through the CLI.
#[test]
fn the_cli_reads_the_xml() {
    let Some(f) = file() else { return };
    let out = billdiff().arg("outline").arg(&f).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("E2SHB 1320"), "{s}");
    assert!(s.contains("172 bill sections"), "{s}");
    assert!(s.contains("read as a bill, Washington drafting style"), "{s}");
    let out = billdiff().arg("terms").arg(&f).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("course of conduct"), "{s}");
    let out = billdiff().arg("show").arg(&f).arg("SEC. 74(3)").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("The court may order temporary surrender and prohibit the purchase of all firearms"),
        "{s}"
    );
}

/// The XML cut in half is one clear line and exit 2.
#[test]
fn a_cut_file_is_one_line_exit_2() {
    let Some(f) = file() else { return };
    let xml = std::fs::read_to_string(&f).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.xml");
    let mut half = xml.len() / 2;
    while !xml.is_char_boundary(half) {
        half -= 1;
    }
    std::fs::write(&cut, &xml[..half]).unwrap();
    let out = billdiff().arg("outline").arg(&cut).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("not well-formed XML"), "{err}");
}
