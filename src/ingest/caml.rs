//! California's CAML (`caml:MeasureDoc`), the XML the Legislative Counsel publishes every bill version in
//! (leginfo's downloads and the pubinfo tables).
//!
//! A CAML document says outright what the leginfo page only shows: the measure, session and version
//! history (`caml:Description`), the digest (`caml:DigestText`), and each bill section's number
//! (`caml:BillSection/caml:Num`), action line and restated code sections (`caml:LawSection/caml:Num`,
//! `caml:Content/p`) with their headings (`caml:LawHeading type="CHAPTER"`). This reader lays those out as
//! the blocks a reader of the printed bill sees, in the order leginfo prints them, so that one structure
//! builder (`parse`) reads every form of a bill.
//!
//! Spacing is markup in CAML: `(a)<span class="EnSpace"/>No` is "(a) No". Amended versions carry the
//! official change marks against the previous version as processing instructions
//! (`<?xm-insertion_mark_start?>…<?xm-insertion_mark_end?>` around added text,
//! `<?xm-deletion_mark data="…"?>` for struck text); this reader gives the text as the version reads —
//! added text kept, struck text left out. The tree is walked with an explicit stack: the document's nesting
//! is the input's to choose.

use super::{Block, BlockKind, block};
use crate::error::{Error, Result, XmlProblem};
use crate::model::Date;
use roxmltree::{Document, Node, ParsingOptions};

/// CAML's namespace.
pub const NAMESPACE: &str = "http://lc.ca.gov/legalservices/schemas/caml.1#";

/// The most elements and text nodes one document may have (bounds the memory a hostile file can ask for;
/// the largest real bills have well under a million).
const NODES_LIMIT: u32 = 4_000_000;

/// Whether the start of a text is a CAML document.
pub(super) fn is_caml(head_lowercase: &str) -> bool {
    head_lowercase.contains("<caml:measuredoc") || head_lowercase.contains(&NAMESPACE.to_ascii_lowercase())
}

/// Parse XML with the options every reader uses (no DTDs, a node limit), naming the line of a fault.
pub(super) fn parse_xml<'a>(source_name: &str, text: &'a str) -> Result<Document<'a>> {
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opts).map_err(|e| Error::Xml {
        source_name: source_name.into(),
        line: Some(e.pos().row as usize),
        problem: XmlProblem::Malformed { message: e.to_string() },
    })
}

fn is(n: Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

/// The text of `n` as it reads: text nodes in order, spacing spans as spaces, struck text (a deletion
/// mark's `data`) left out; whitespace folded.
fn text_of(n: Node<'_, '_>) -> String {
    let mut out = String::new();
    // `descendants` walks in document order without recursion.
    for d in n.descendants() {
        if d.is_text() {
            out.push_str(d.text().unwrap_or_default());
        } else if is(d, "br") || is(d, "span") && d.attribute("class").is_some_and(|c| c.contains("Space")) {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn para(out: &mut Vec<Block>, text: &str) {
    if let Some(b) = block(text, BlockKind::Paragraph, None) {
        out.push(b);
    }
}

/// The version history as leginfo prints it, newest first: `Amended IN Senate February 23, 1999`. CAML
/// files list the actions newest first or oldest first; they are ordered by date, and on one day by
/// stage (a bill is enrolled after it passes).
fn history(desc: Node<'_, '_>, out: &mut Vec<Block>) {
    const STAGES: [(&str, &str); 7] = [
        ("INTRODUCED", "Introduced"),
        ("AMENDED_SENATE", "Amended IN Senate"),
        ("AMENDED_ASSEMBLY", "Amended IN Assembly"),
        ("PASSED_SENATE", "Passed IN Senate"),
        ("PASSED_ASSEMBLY", "Passed IN Assembly"),
        ("ENROLLED", "Enrolled"),
        ("CHAPTERED", "Chaptered"),
    ];
    let Some(h) = child(desc, "History") else { return };
    let mut lines: Vec<(Date, usize, &str)> = h
        .children()
        .filter(|c| is(*c, "Action"))
        .filter_map(|a| {
            let what = child(a, "ActionText").map(text_of)?;
            let date = child(a, "ActionDate").map(text_of).and_then(|d| Date::parse_iso(&d))?;
            let rank = STAGES.iter().position(|(k, _)| *k == what)?;
            Some((date, rank, STAGES[rank].1))
        })
        .collect();
    lines.sort_by_key(|&(date, rank, _)| std::cmp::Reverse((date, rank)));
    for (date, _, stage) in lines {
        para(out, &format!("{stage} {}", date.long()));
    }
}

/// `SB` → `Senate Bill`, as the printed bill names its measure.
fn measure_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "SB" => "Senate Bill",
        "AB" => "Assembly Bill",
        "SCR" => "Senate Concurrent Resolution",
        "ACR" => "Assembly Concurrent Resolution",
        "SJR" => "Senate Joint Resolution",
        "AJR" => "Assembly Joint Resolution",
        _ => return None,
    })
}

/// `Introduced by Senator O'Connell (Coauthors: Assembly Member Maldonado, Senator Solis)`: the lead
/// author, then everyone else in the file's order, each with the house's title.
fn authors(desc: Node<'_, '_>, out: &mut Vec<Block>) {
    let Some(list) = child(desc, "Authors") else { return };
    let mut lead = Vec::new();
    let mut others = Vec::new();
    for l in list.children().filter(|c| is(*c, "Legislator")) {
        let title = match child(l, "House").map(text_of).as_deref() {
            Some("SENATE") => "Senator",
            Some("ASSEMBLY") => "Assembly Member",
            _ => "",
        };
        let name = format!("{title} {}", child(l, "Name").map(text_of).unwrap_or_default());
        let name = name.trim().to_string();
        if child(l, "Contribution").map(text_of).as_deref() == Some("LEAD_AUTHOR") {
            lead.push(name);
        } else {
            others.push(name);
        }
    }
    if lead.is_empty() {
        return;
    }
    let mut line = format!("Introduced by {}", lead.join(" and "));
    if !others.is_empty() {
        line.push_str(&format!(" (Coauthors: {})", others.join(", ")));
    }
    para(out, &line);
}

/// Everything before the first bill section: history, session, measure, title, digest.
fn header(desc: Node<'_, '_>, out: &mut Vec<Block>) {
    history(desc, out);
    let info = child(desc, "LegislativeInfo");
    let field = |name: &str| info.and_then(|i| child(i, name)).map(text_of).unwrap_or_default();
    let (kind, num) = (field("MeasureType"), field("MeasureNum"));
    if let Ok(year) = field("SessionYear").parse::<u32>()
        && field("SessionNum") == "0"
    {
        para(
            out,
            &format!("CALIFORNIA LEGISLATURE— {year}–{} REGULAR SESSION", year + 1),
        );
    }
    if let Some(name) = measure_name(&kind) {
        para(out, &format!("{name} No. {num}"));
    }
    if let Some(ch) = desc.descendants().find(|d| is(*d, "ChapterNum")).map(text_of) {
        para(out, &format!("CHAPTER {ch}"));
    }
    authors(desc, out);
    if let Some(t) = child(desc, "Title") {
        para(out, &text_of(t));
    }
    let Some(digest) = child(desc, "DigestText") else {
        return;
    };
    para(out, "LEGISLATIVE COUNSEL'S DIGEST");
    let lead = child(desc, "Authors")
        .and_then(|a| {
            a.children()
                .filter(|l| is(*l, "Legislator"))
                .find(|l| child(*l, "Contribution").map(text_of).as_deref() == Some("LEAD_AUTHOR"))
        })
        .and_then(|l| child(l, "Name"))
        .map(text_of);
    let subject = child(desc, "GeneralSubject")
        .and_then(|g| child(g, "Subject"))
        .map(text_of)
        .unwrap_or_default();
    match lead {
        Some(lead) => para(out, &format!("{kind} {num}, {lead}. {subject}")),
        None => para(out, &format!("{kind} {num}. {subject}")),
    }
    for p in digest.children().filter(|c| is(*c, "p")) {
        para(out, &text_of(p));
    }
}

/// The bill's body: the enacting clause, then each bill section's number and action line, its code
/// sections (number joined to their first paragraph, as printed) and headings, and their paragraphs.
fn body(bill: Node<'_, '_>, out: &mut Vec<Block>) {
    // A number waits for the text it opens ("SEC. 2." + the action line, "60850." + its first paragraph).
    let mut pending = String::new();
    let flush = |out: &mut Vec<Block>, pending: &mut String, text: &str| {
        let joined = if pending.is_empty() {
            text.to_string()
        } else {
            format!("{pending} {text}")
        };
        para(out, &joined);
        pending.clear();
    };
    let mut stack: Vec<Node<'_, '_>> = bill.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "Preamble" | "ActionLine" | "p" => flush(out, &mut pending, &text_of(n)),
            "Num" => {
                if !pending.is_empty() {
                    let num = std::mem::take(&mut pending);
                    para(out, &num);
                }
                pending = text_of(n);
            }
            "LawHeading" => {
                let kind = n.attribute("type").unwrap_or_default().to_string();
                let num = child(n, "Num").map(text_of).unwrap_or_default();
                let text = n
                    .descendants()
                    .find(|d| is(*d, "LawHeadingText"))
                    .map(text_of)
                    .unwrap_or_default();
                if !pending.is_empty() {
                    let num = std::mem::take(&mut pending);
                    para(out, &num);
                }
                if let Some(b) = block(&format!("{kind} {num} {text}"), BlockKind::Heading(3), None) {
                    out.push(b);
                }
                // The heading's own number and text are read; its sections are walked below.
                let kids: Vec<_> = n
                    .children()
                    .filter(|c| !is(*c, "Num"))
                    .flat_map(|c| {
                        if is(c, "LawHeadingVersion") {
                            c.children().filter(|k| !is(*k, "LawHeadingText")).collect::<Vec<_>>()
                        } else {
                            vec![c]
                        }
                    })
                    .collect();
                stack.extend(kids.into_iter().rev());
            }
            _ => {
                let kids: Vec<_> = n.children().collect();
                stack.extend(kids.into_iter().rev());
            }
        }
    }
    if !pending.is_empty() {
        para(out, &pending);
    }
}

/// Lay a CAML document out as blocks.
pub(super) fn blocks(source_name: &str, text: &str) -> Result<Vec<Block>> {
    let doc = parse_xml(source_name, text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "MeasureDoc" || root.tag_name().namespace() != Some(NAMESPACE) {
        return Err(Error::Xml {
            source_name: source_name.into(),
            line: None,
            problem: XmlProblem::UnknownRoot {
                root: root.tag_name().name().to_string(),
            },
        });
    }
    let mut out = Vec::new();
    if let Some(desc) = child(root, "Description") {
        header(desc, &mut out);
    }
    if let Some(bill) = child(root, "Bill") {
        body(bill, &mut out);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0"?><caml:MeasureDoc xmlns:caml="http://lc.ca.gov/legalservices/schemas/caml.1#" xmlns="http://www.w3.org/1999/xhtml"><caml:Description><caml:History><caml:Action><caml:ActionText>AMENDED_SENATE</caml:ActionText><caml:ActionDate>1999-02-23</caml:ActionDate></caml:Action><caml:Action><caml:ActionText>INTRODUCED</caml:ActionText><caml:ActionDate>1999-01-19</caml:ActionDate></caml:Action></caml:History><caml:LegislativeInfo><caml:SessionYear>2023</caml:SessionYear><caml:SessionNum>0</caml:SessionNum><caml:MeasureType>SB</caml:MeasureType><caml:MeasureNum>2</caml:MeasureNum></caml:LegislativeInfo><caml:Title>An act to add Section 1 to the Example Code.</caml:Title></caml:Description><caml:Bill><caml:Preamble>The people of the State of California do enact as follows:</caml:Preamble><caml:BillSection><caml:Num>SECTION 1.</caml:Num><caml:ActionLine>Section 1 of the <caml:DocName>Example Code</caml:DocName> is amended to read:</caml:ActionLine><caml:Fragment><caml:LawSection><caml:Num>1.</caml:Num><caml:LawSectionVersion><caml:Content><p>(a)<span class="EnSpace"/>No <?xm-deletion_mark data="old"?><?xm-insertion_mark_start?>new<?xm-insertion_mark_end?> rule (<i>l</i>).</p><p>(b)<span class="EnSpace"/>Two.</p></caml:Content></caml:LawSectionVersion></caml:LawSection></caml:Fragment></caml:BillSection></caml:Bill></caml:MeasureDoc>"#;

    #[test]
    fn a_measure_doc_reads_as_the_printed_bill() {
        let b = blocks("t.xml", DOC).unwrap();
        let t: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "Amended IN Senate February 23, 1999",
                "Introduced January 19, 1999",
                "CALIFORNIA LEGISLATURE— 2023–2024 REGULAR SESSION",
                "Senate Bill No. 2",
                "An act to add Section 1 to the Example Code.",
                "The people of the State of California do enact as follows:",
                "SECTION 1. Section 1 of the Example Code is amended to read:",
                "1. (a) No new rule (l).",
                "(b) Two.",
            ]
        );
    }

    #[test]
    fn bad_xml_is_one_error_naming_the_problem() {
        let cut = &DOC[..DOC.len() / 2];
        let e = blocks("cut.xml", cut).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Xml {
                    problem: XmlProblem::Malformed { .. },
                    ..
                }
            ),
            "{e:?}"
        );
        let e = blocks(
            "other.xml",
            "<?xml version=\"1.0\"?><recipe><step>Boil.</step></recipe>",
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::Xml {
                    problem: XmlProblem::UnknownRoot { .. },
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
