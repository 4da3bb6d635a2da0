//! California's CAML (`caml:MeasureDoc`, and the `caml:Content` of a code section), the XML the Legislative Counsel publishes every bill version in
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

use super::BlockKind;
use super::xml::{self, Change, Layout, child, is};
use crate::error::Result;
use crate::model::Date;
use roxmltree::{Node, NodeType};

/// CAML's namespace.
pub const NAMESPACE: &str = "http://lc.ca.gov/legalservices/schemas/caml.1#";

/// The text of `n` as it reads: text nodes in order, spacing spans as spaces, struck text (a deletion
/// mark's `data`) left out; whitespace folded. For the description's fields, which carry no marks.
fn text_of(n: Node<'_, '_>) -> String {
    let mut out = String::new();
    // `descendants` walks in document order without recursion.
    for d in n.descendants() {
        if d.is_text() {
            out.push_str(d.text().unwrap_or_default());
        } else if is_space(d) {
            out.push(' ');
        }
    }
    super::normalize(&out)
}

/// `<span class="EnSpace"/>`, `<br/>`: spacing written as markup.
fn is_space(d: Node<'_, '_>) -> bool {
    is(d, "br") || is(d, "span") && d.attribute("class").is_some_and(|c| c.contains("Space"))
}

/// Where the official marks stand as the walk goes: inside an insertion (between
/// `<?xm-insertion_mark_start?>` and `<?xm-insertion_mark_end?>`) or not. Insertions may span paragraphs,
/// so the flag lives across the whole walk.
///
/// The marks compare a version with the previous one, except inside a bill section the version adds: there
/// the restated law carries its changes to existing law, and to the previous version all of the section's
/// text is new. Such a section (its action line inserted) is laid out as added text, and its struck
/// existing law is left out.
#[derive(Default)]
struct Marking {
    inserted: bool,
    new_section: bool,
}

impl Marking {
    fn change(&self) -> Change {
        if self.inserted || self.new_section {
            Change::Added
        } else {
            Change::Same
        }
    }

    /// Read a processing instruction: an insertion's start or end, or a deletion (its struck text laid
    /// out as struck pieces). `joins_next`: a deletion between paragraphs whose struck text opens the
    /// next paragraph (no closing punctuation, a paragraph after it) is part of that paragraph.
    fn instruction(&mut self, out: &mut Layout, n: Node<'_, '_>, between_blocks: bool) {
        let Some(pi) = n.pi() else { return };
        match pi.target {
            "xm-insertion_mark_start" => self.inserted = true,
            "xm-insertion_mark_end" => self.inserted = false,
            "xm-deletion_mark" if self.new_section => {}
            "xm-deletion_mark" => {
                let data = pi.value.and_then(attribute_value).unwrap_or_default();
                let joins_next = between_blocks
                    && (n.next_sibling_element().is_some_and(|s| is(s, "p")) && !closes_sentence(&data)
                        || struck_ends_open(&data));
                struck(out, &data, joins_next);
            }
            _ => {}
        }
    }
}

/// Whether struck markup's text ends a sentence or a clause (`.`, `:`, `;`), its closing tags aside.
fn closes_sentence(data: &str) -> bool {
    let mut rest = data.trim_end();
    while let Some(tag_start) = rest.strip_suffix('>').and_then(|r| r.rfind('<')) {
        rest = rest[..tag_start].trim_end();
    }
    rest.ends_with(['.', ':', ';'])
}

/// Whether struck markup's last paragraph is left open (`…</p><p>The `): its text joins what follows.
fn struck_ends_open(data: &str) -> bool {
    data.rfind("<p").is_some_and(|open| !data[open..].contains("</p>"))
}

/// The value of `data="…"` in a processing instruction, its entities decoded (a processing instruction is
/// not parsed by XML, so `&lt;p>` is the characters as written): read by the XML parser as the attribute
/// of an element made of the instruction's text.
fn attribute_value(pi_value: &str) -> Option<String> {
    let element = format!("<x {pi_value}/>");
    let doc = roxmltree::Document::parse(&element).ok()?;
    doc.root_element().attribute("data").map(str::to_string)
}

/// Lay struck markup out as struck pieces: its text, with a struck paragraph break before each `<p>` (a
/// struck paragraph inside a paragraph of the text as it reads stands apart from it in the text before)
/// and at each `</p>` (the last one left open when the struck text joins the paragraph after it). The markup is read with the
/// XML parser; markup too broken to parse is read as text with its tags dropped.
fn struck(out: &mut Layout, data: &str, joins_next: bool) {
    let wrapped = format!("<x xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:caml=\"{NAMESPACE}\">{data}</x>");
    let Ok(doc) = roxmltree::Document::parse(&wrapped) else {
        let mut text = String::new();
        let mut in_tag = false;
        for c in data.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    text.push(' ');
                }
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.text(Change::Struck, &text);
        return;
    };
    // A paragraph closes after its last descendant: each paragraph's last node, with how many close there.
    let mut closes: std::collections::HashMap<roxmltree::NodeId, usize> = std::collections::HashMap::new();
    let mut last_close = None;
    for p in doc.root_element().descendants().filter(|d| is(*d, "p")) {
        let end = p.descendants().next_back().unwrap_or(p).id();
        *closes.entry(end).or_default() += 1;
        last_close = Some(end);
    }
    for d in doc.root_element().descendants() {
        if is(d, "p") {
            out.end(Change::Struck, BlockKind::Paragraph, None);
        }
        if d.is_text() {
            out.text(Change::Struck, d.text().unwrap_or_default());
        } else if is_space(d) {
            out.text(Change::Struck, " ");
        }
        for _ in 0..closes.get(&d.id()).copied().unwrap_or(0) {
            if !(joins_next && last_close == Some(d.id())) {
                out.end(Change::Struck, BlockKind::Paragraph, None);
            }
        }
    }
}

/// Lay out the inline content of `n` (a paragraph, action line, title): text in order, spacing spans as
/// spaces, insertions as added text and deletions as struck text.
fn inline(out: &mut Layout, marking: &mut Marking, n: Node<'_, '_>) {
    for d in n.descendants() {
        match d.node_type() {
            NodeType::Text => out.text(marking.change(), d.text().unwrap_or_default()),
            NodeType::PI => marking.instruction(out, d, false),
            NodeType::Element if is_space(d) => out.text(marking.change(), " "),
            _ => {}
        }
    }
}

/// A whole block of inline content, closed.
fn block_of(out: &mut Layout, marking: &mut Marking, n: Node<'_, '_>) {
    inline(out, marking, n);
    out.end(marking.change(), BlockKind::Paragraph, None);
}

/// The version history as leginfo prints it, newest first: `Amended IN Senate February 23, 1999`. CAML
/// files list the actions newest first or oldest first; they are ordered by date, and on one day by
/// stage (a bill is enrolled after it passes).
fn history(desc: Node<'_, '_>, out: &mut Layout) {
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
        out.para(&format!("{stage} {}", date.long()));
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
fn authors(desc: Node<'_, '_>, out: &mut Layout) {
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
    out.para(&line);
}

/// Everything before the first bill section: history, session, measure, title, digest.
fn header(desc: Node<'_, '_>, out: &mut Layout, marking: &mut Marking) {
    history(desc, out);
    let info = child(desc, "LegislativeInfo");
    let field = |name: &str| info.and_then(|i| child(i, name)).map(text_of).unwrap_or_default();
    let (kind, num) = (field("MeasureType"), field("MeasureNum"));
    if let Ok(year) = field("SessionYear").parse::<u32>()
        && field("SessionNum") == "0"
    {
        out.para(&format!("CALIFORNIA LEGISLATURE— {year}–{} REGULAR SESSION", year + 1));
    }
    if let Some(name) = measure_name(&kind) {
        out.para(&format!("{name} No. {num}"));
    }
    if let Some(ch) = desc.descendants().find(|d| is(*d, "ChapterNum")).map(text_of) {
        out.para(&format!("CHAPTER {ch}"));
    }
    authors(desc, out);
    if let Some(t) = child(desc, "Title") {
        block_of(out, marking, t);
    }
    let Some(digest) = child(desc, "DigestText") else {
        return;
    };
    out.para("LEGISLATIVE COUNSEL'S DIGEST");
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
        Some(lead) => out.para(&format!("{kind} {num}, {lead}. {subject}")),
        None => out.para(&format!("{kind} {num}. {subject}")),
    }
    blocks_in(out, marking, digest);
}

/// The paragraphs directly in `n` (a digest, a section's content), with the marks between them.
fn blocks_in(out: &mut Layout, marking: &mut Marking, n: Node<'_, '_>) {
    for c in n.children() {
        if is(c, "p") {
            block_of(out, marking, c);
        } else if c.is_pi() {
            marking.instruction(out, c, true);
        }
    }
}

/// The bill's body: the enacting clause, then each bill section's number and action line, its code
/// sections (number joined to their first paragraph, as printed) and headings, and their paragraphs.
fn body(bill: Node<'_, '_>, out: &mut Layout, marking: &mut Marking) {
    // A number waits for the text it opens ("SEC. 2." + the action line, "60850." + its first paragraph):
    // it is written into the open block, which the next paragraph closes.
    let mut number_open = false;
    let close_number = |out: &mut Layout, open: &mut bool, change: Change| {
        if std::mem::take(open) {
            out.end(change, BlockKind::Paragraph, None);
        }
    };
    // `None` marks the end of a bill section.
    let mut stack: Vec<Option<Node<'_, '_>>> = bill.children().map(Some).collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        let Some(n) = n else {
            marking.new_section = false;
            continue;
        };
        if n.is_pi() {
            marking.instruction(out, n, !number_open);
            continue;
        }
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "Preamble" | "p" => {
                block_of(out, marking, n);
                number_open = false;
            }
            "ActionLine" => {
                block_of(out, marking, n);
                number_open = false;
                if marking.inserted {
                    marking.new_section = true;
                }
            }
            "BillSection" => {
                stack.push(None);
                stack.extend(n.children().rev().map(Some));
            }
            "Num" => {
                close_number(out, &mut number_open, marking.change());
                inline(out, marking, n);
                out.text(Change::Same, " ");
                number_open = true;
            }
            "LawHeading" => {
                close_number(out, &mut number_open, marking.change());
                let kind = n.attribute("type").unwrap_or_default().to_string();
                let num = child(n, "Num").map(text_of).unwrap_or_default();
                let text = n
                    .descendants()
                    .find(|d| is(*d, "LawHeadingText"))
                    .map(text_of)
                    .unwrap_or_default();
                out.heading(3, &format!("{kind} {num} {text}"));
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
                stack.extend(kids.into_iter().rev().map(Some));
            }
            _ => stack.extend(n.children().rev().map(Some)),
        }
    }
    close_number(out, &mut number_open, marking.change());
}

/// Lay a CAML document out, with its official change marks. Besides a bill (`caml:MeasureDoc`), the reader
/// opens the code text the pubinfo law tables publish: a section's `caml:Content` alone (its paragraphs,
/// read as a fragment of code text) and a `caml:LawSection` (its number joined to its first paragraph, read
/// as a code section), as bills restate them.
pub(super) fn layout(source_name: &str, text: &str) -> Result<Layout> {
    let doc = xml::parse(source_name, text)?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(NAMESPACE) {
        return Err(xml::unknown_root(source_name, root));
    }
    let mut out = Layout::new(Some("ca"));
    let mut marking = Marking::default();
    match root.tag_name().name() {
        "MeasureDoc" => {}
        "Content" | "LawSection" => {
            if root.tag_name().name() == "LawSection" {
                out.kind = Some(crate::model::DocumentKind::Code);
            }
            out.body_starts();
            body(root, &mut out, &mut marking);
            return Ok(out);
        }
        _ => return Err(xml::unknown_root(source_name, root)),
    }
    if let Some(desc) = child(root, "Description") {
        header(desc, &mut out, &mut marking);
    }
    // A resolution's recitals and resolving clauses (`caml:Whereas`, `caml:Resolved`) are laid out as a
    // bill's sections are: `parse` reads the body from its first resolving clause.
    if let Some(bill) = child(root, "Bill").or_else(|| child(root, "Resolution")) {
        out.body_starts();
        body(bill, &mut out, &mut marking);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, XmlProblem};

    const DOC: &str = r#"<?xml version="1.0"?><caml:MeasureDoc xmlns:caml="http://lc.ca.gov/legalservices/schemas/caml.1#" xmlns="http://www.w3.org/1999/xhtml"><caml:Description><caml:History><caml:Action><caml:ActionText>AMENDED_SENATE</caml:ActionText><caml:ActionDate>1999-02-23</caml:ActionDate></caml:Action><caml:Action><caml:ActionText>INTRODUCED</caml:ActionText><caml:ActionDate>1999-01-19</caml:ActionDate></caml:Action></caml:History><caml:LegislativeInfo><caml:SessionYear>2023</caml:SessionYear><caml:SessionNum>0</caml:SessionNum><caml:MeasureType>SB</caml:MeasureType><caml:MeasureNum>2</caml:MeasureNum></caml:LegislativeInfo><caml:Title>An act to add Section 1 to the Example Code.</caml:Title></caml:Description><caml:Bill><caml:Preamble>The people of the State of California do enact as follows:</caml:Preamble><caml:BillSection><caml:Num>SECTION 1.</caml:Num><caml:ActionLine>Section 1 of the <caml:DocName>Example Code</caml:DocName> is amended to read:</caml:ActionLine><caml:Fragment><caml:LawSection><caml:Num>1.</caml:Num><caml:LawSectionVersion><caml:Content><p>(a)<span class="EnSpace"/>No <?xm-deletion_mark data="old"?><?xm-insertion_mark_start?>new<?xm-insertion_mark_end?> rule (<i>l</i>).</p><p>(b)<span class="EnSpace"/>Two.</p></caml:Content></caml:LawSectionVersion></caml:LawSection></caml:Fragment></caml:BillSection></caml:Bill></caml:MeasureDoc>"#;

    #[test]
    fn a_measure_doc_reads_as_the_printed_bill() {
        let d = layout("t.xml", DOC)
            .unwrap()
            .into_document("t.xml", crate::model::InputFormat::Caml);
        let t: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
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

    /// The pubinfo law tables publish a code section's text as `caml:Content` alone; with its number
    /// around it (`caml:LawSection`) it is a section of a code, as a bill restates it.
    #[test]
    fn a_law_sections_content_reads_alone_and_with_its_number() {
        let content = r#"<caml:Content xmlns:caml="http://lc.ca.gov/legalservices/schemas/caml.1#"><p>For purposes of this chapter:</p><p>(a)<span class="EnSpace"/>“Agency” means a county.</p></caml:Content>"#;
        let texts = |d: &crate::ingest::Document| d.blocks.iter().map(|b| b.text.clone()).collect::<Vec<_>>();
        let d = crate::ingest::decode("x.lob", content.as_bytes(), None).unwrap();
        assert_eq!(d.format, crate::model::InputFormat::Caml);
        assert_eq!(
            texts(&d),
            ["For purposes of this chapter:", "(a) “Agency” means a county."]
        );
        assert_eq!(d.kind, None);
        let section = format!(
            "<caml:LawSection xmlns:caml=\"{NAMESPACE}\"><caml:Num>48859.</caml:Num>{content}</caml:LawSection>"
        );
        let d = crate::ingest::decode("s.xml", section.as_bytes(), None).unwrap();
        assert_eq!(
            texts(&d),
            ["48859. For purposes of this chapter:", "(a) “Agency” means a county."]
        );
        assert_eq!(d.kind, Some(crate::model::DocumentKind::Code));
    }

    #[test]
    fn bad_xml_is_one_error_naming_the_problem() {
        let cut = &DOC[..DOC.len() / 2];
        let e = layout("cut.xml", cut).unwrap_err();
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
        let e = layout(
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
