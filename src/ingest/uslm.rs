//! USLM 2.1, the XML the Government Publishing Office publishes every version of a congressional bill or
//! resolution in (`<bill>`/`<resolution>` in `http://schemas.gpo.gov/xml/uslm`).
//!
//! A USLM file says outright what the printed bill only shows: the congress, session and measure
//! (`preface`), the stage (`docStage`), each provision's level (`section`, `subsection`, `paragraph`, …) with
//! its printed number (`<num value="2">SEC. 2. </num>`: the element's text is what is printed, `value` the bare
//! number), heading, lead-in (`chapeau`), text (`content`) and the words after its sub-provisions
//! (`continuation`). This reader lays those out as the blocks a reader of the printed bill sees — `SEC. 2.
//! SHORT TITLE.` on a line of its own, `(a) In general.—Not later than …` with the number, heading and first
//! words on one — so that the one structure builder (`parse`) gives the same tree as for GPO's own text
//! and HTML renderings.
//!
//! Text an amending section inserts (`quotedContent`, `quotedText`) already carries its quotation marks in
//! GPO's files (`<num>“(9) </num>`, `… the Secretary.”`), as the bill prints it; it is laid out as printed,
//! the punctuation after the quotation (`<inline role="after-quoted-block">.</inline>`) joined to its last
//! line, so the `us` style's quoted-law rules read it inside the provision that quotes it.
//!
//! Reported versions carry the committee's amendments as data: `changed="added"`/`changed="deleted"` on
//! whole elements (a substituted text, a struck subsection, a new recital) and `<addedText>`/`<deletedText>`
//! (`<added>`/`<deleted>` in other USLM files) around words. They become Added and Struck pieces — a wholly
//! added or deleted provision's paragraph breaks too — so both texts are rebuilt from the marks; the blocks
//! are the text as reported. Defined terms the markup names (`<term>`) are recorded beside the blocks.
//!
//! Walked with an explicit stack (enter and leave steps): the nesting is the input's to choose.

use super::BlockKind;
use super::xml::{self, Change, Layout, child, is};
use crate::error::Result;
use roxmltree::Node;

/// USLM's namespace as GPO publishes bill versions.
pub const NAMESPACE: &str = "http://schemas.gpo.gov/xml/uslm";

/// The namespace of the House's earlier USLM files (the United States Code).
const HOUSE_NAMESPACE: &str = "http://xml.house.gov/schemas/uslm/1.0";

/// Containers above sections: printed as one heading line, `TITLE I—GENERAL PROVISIONS`.
const CONTAINERS: &[&str] = &[
    "division",
    "subdivision",
    "title",
    "subtitle",
    "part",
    "subpart",
    "chapter",
    "subchapter",
];

/// The levels below a section, outermost first: a level's place here is its depth (0 for a subsection), as
/// the `us` style's ladder counts it.
const LEVELS: &[&str] = &[
    "subsection",
    "paragraph",
    "subparagraph",
    "clause",
    "subclause",
    "item",
    "subitem",
    "subsubitem",
];

/// Elements whose text is a block of its own: a lead-in, a provision's text, the words after its
/// sub-provisions, a paragraph of running text, a recital.
const BLOCKS: &[&str] = &[
    "chapeau",
    "content",
    "continuation",
    "text",
    "p",
    "recital",
    "enactingFormula",
    "docTitle",
    "officialTitle",
    "resolvingClause",
];

/// The mark an element puts on what it holds, if any.
fn own_mark(n: Node<'_, '_>) -> Option<Change> {
    match n.attribute("changed") {
        Some("added") => return Some(Change::Added),
        Some("deleted") => return Some(Change::Struck),
        _ => {}
    }
    match n.tag_name().name() {
        "addedText" | "added" => Some(Change::Added),
        "deletedText" | "deleted" => Some(Change::Struck),
        _ => None,
    }
}

/// Where a piece of the document belongs: to one or both texts, or — added inside something deleted, or
/// deleted inside something added — to neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    In(Change),
    Neither,
}

impl Mark {
    fn within(self, own: Option<Change>) -> Mark {
        match (self, own) {
            (Mark::Neither, _) => Mark::Neither,
            (m, None) => m,
            (Mark::In(Change::Same), Some(c)) => Mark::In(c),
            (Mark::In(a), Some(b)) if a == b => Mark::In(a),
            _ => Mark::Neither,
        }
    }
}

/// The blocks as they are written: text goes into the open block, which stays open until something that
/// starts a new line closes it (so the punctuation after a quotation joins the quotation's last line). A
/// block's paragraph break is in each text the block has words in.
struct Writer {
    out: Layout,
    open: bool,
    before: bool,
    after: bool,
    /// The open block holds only a provision's number and heading: its lead-in or text joins it.
    label_only: bool,
    kind: BlockKind,
    indent: Option<u8>,
    /// How many quotations (`quotedContent`) the walk is inside.
    quoted: usize,
    /// How many `<term>`s the walk is inside (a term inside a term is part of it).
    in_term: usize,
    /// The last character of the open block's words, if any.
    last: Option<char>,
}

/// Quotation marks a quoted line may open or close with (GPO nests ‘…’ inside “…”).
const QUOTES: &[char] = &['“', '”', '"', '‘', '’'];

impl Writer {
    fn new() -> Writer {
        Writer {
            out: Layout::new(Some("us")),
            open: false,
            before: false,
            after: false,
            label_only: false,
            kind: BlockKind::Paragraph,
            indent: None,
            quoted: 0,
            in_term: 0,
            last: None,
        }
    }

    fn text(&mut self, mark: Mark, text: &str) {
        let Mark::In(change) = mark else { return };
        let words = !text.trim().is_empty();
        if !words && !self.open {
            return;
        }
        // Every line of quoted law opens with a quotation mark in print. GPO's files carry it in the
        // text (`<num>“(9) </num>`); a file that leaves it to the style sheet gets it here.
        if words && !self.open && self.quoted > 0 && !text.trim_start().starts_with(QUOTES) {
            self.out.text(change, "“");
        }
        self.out.text(change, text);
        if words {
            self.last = text.trim_end().chars().next_back();
            self.open = true;
            self.before |= change.on(xml::Side::Before);
            self.after |= change.on(xml::Side::After);
        }
    }

    /// The change a block holding only this side's words has.
    fn one_sided(&self) -> Option<Change> {
        match (self.before, self.after) {
            (true, false) => Some(Change::Struck),
            (false, true) => Some(Change::Added),
            _ => None,
        }
    }

    fn close(&mut self) {
        if self.open {
            let change = match (self.before, self.after) {
                (true, true) => Change::Same,
                (false, true) => Change::Added,
                _ => Change::Struck,
            };
            self.out.end(change, self.kind, self.indent);
        }
        self.open = false;
        self.before = false;
        self.after = false;
        self.last = None;
        self.label_only = false;
        self.kind = BlockKind::Paragraph;
        self.indent = None;
    }

    /// Start a new block of `kind` (closing the open one).
    fn start(&mut self, kind: BlockKind, indent: Option<u8>) {
        self.close();
        self.kind = kind;
        self.indent = indent;
    }

    /// A whole unmarked line.
    fn line(&mut self, text: &str) {
        self.start(BlockKind::Paragraph, None);
        self.text(Mark::In(Change::Same), text);
        self.close();
    }
}

/// The text under `n` as printed: its text nodes in order, elements marked `display="no"` left out (walked
/// with a stack, pruning hidden subtrees: linear in the subtree).
fn printed(n: Node<'_, '_>) -> String {
    let mut out = String::new();
    let mut stack = vec![n];
    while let Some(d) = stack.pop() {
        if d.is_text() {
            out.push_str(d.text().unwrap_or_default());
        } else if d.is_element() && (d == n || !hidden(d)) {
            stack.extend(d.children().rev());
        }
    }
    super::normalize(&out)
}

fn hidden(n: Node<'_, '_>) -> bool {
    n.attribute("display") == Some("no")
}

/// The header as GPO prints it above the text: `116th CONGRESS 1st Session`, the measure (`H. R. 1037`), the
/// calendar and report numbers, the house (`IN THE SENATE OF THE UNITED STATES`), each action's date and
/// words. (The slug line and distribution code are print furniture; the preface's title repeats the long
/// title below.)
fn preface(w: &mut Writer, preface: Node<'_, '_>) {
    let kids: Vec<Node<'_, '_>> = preface.children().filter(|c| c.is_element() && !hidden(*c)).collect();
    let mut i = 0;
    while i < kids.len() {
        let n = kids[i];
        i += 1;
        match n.tag_name().name() {
            "congress" => {
                let mut line = printed(n);
                if let Some(s) = kids.get(i).filter(|s| is(**s, "session")) {
                    line = format!("{line} {}", printed(*s));
                    i += 1;
                }
                w.line(&line);
            }
            "session" | "relatedDocument" | "currentChamber" => w.line(&printed(n)),
            "type" => {
                let mut line = printed(n);
                if let Some(s) = kids.get(i).filter(|s| is(**s, "docNumber")) {
                    line = format!("{line} {}", printed(*s));
                    i += 1;
                }
                w.line(&line);
            }
            "action" => {
                for part in n.children().filter(|c| c.is_element() && !hidden(*c)) {
                    w.line(&printed(part));
                }
            }
            _ => {}
        }
    }
}

/// What the walk does at an element: enter it (and later leave it), with the mark it is under.
enum Step<'a, 'i> {
    Enter(Node<'a, 'i>, Mark),
    Leave(Node<'a, 'i>),
}

/// The depth of a level below a section, for the block's indent.
fn depth(name: &str) -> Option<u8> {
    LEVELS
        .iter()
        .position(|l| *l == name)
        .and_then(|d| u8::try_from(d).ok())
}

/// Lay out the body (`main`): containers, sections and their levels, with the marks they are under.
fn body(w: &mut Writer, main: Node<'_, '_>) {
    let mut stack = vec![Step::Enter(main, Mark::In(Change::Same))];
    while let Some(step) = stack.pop() {
        let (n, mark) = match step {
            Step::Enter(n, mark) => (n, mark),
            Step::Leave(n) => {
                leave(w, n);
                continue;
            }
        };
        if n.is_text() {
            // Spacing between elements of a provision is layout, not text.
            let between = n.parent().is_some_and(|p| {
                let name = p.tag_name().name();
                LEVELS.contains(&name)
                    || CONTAINERS.contains(&name)
                    || [
                        "section",
                        "main",
                        "quotedContent",
                        "preamble",
                        "collection",
                        "component",
                        "toc",
                    ]
                    .contains(&name)
            });
            if !between {
                w.text(mark, n.text().unwrap_or_default());
            }
            continue;
        }
        if !n.is_element() || hidden(n) {
            continue;
        }
        let mark = mark.within(own_mark(n));
        let name = n.tag_name().name();
        if CONTAINERS.contains(&name) || name == "section" {
            w.start(
                if name == "section" {
                    BlockKind::Paragraph
                } else {
                    BlockKind::Heading(2)
                },
                None,
            );
        } else if let Some(d) = depth(name) {
            // A level printed run-in (`class="inline"`: `“(iii)(I) would help …`) joins the number it
            // follows.
            let run_in = w.label_only
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == "inline"));
            if !run_in {
                w.start(BlockKind::Paragraph, Some(d));
            }
            w.label_only = true;
        } else if BLOCKS.contains(&name) {
            if !w.label_only {
                w.start(BlockKind::Paragraph, None);
            }
            w.label_only = false;
        } else if name == "term" {
            // The terms of the text as it reads: a term in struck text is defined in neither version's
            // blocks.
            if w.in_term == 0 && matches!(mark, Mark::In(Change::Same | Change::Added)) {
                w.out.term(&printed(n));
            }
            w.in_term += 1;
        } else if name == "quotedContent" {
            w.close();
            w.quoted += 1;
        } else if name == "toc" {
            // A table of contents is one block of its own: its lines (`Sec. 101. Block grants.`, `TITLE
            // I—BLOCK GRANTS`) name sections and titles but open none.
            w.start(BlockKind::Paragraph, None);
        } else if name == "referenceItem" {
            w.text(mark, " ");
        } else if name == "tr" {
            // A table's row: a line of text inside the provision that prints it.
            w.start(BlockKind::Paragraph, None);
        } else if name == "td" || name == "th" {
            w.text(mark, " ");
        } else if name == "inline" && n.attribute("role") == Some("after-quoted-block") {
            // The punctuation closing a quotation belongs to it: marked as the quotation is.
            let m = match (mark, w.one_sided()) {
                (Mark::In(Change::Same), Some(c)) => Mark::In(c),
                _ => mark,
            };
            w.text(m, &printed(n));
            continue;
        }
        stack.push(Step::Leave(n));
        let kids: Vec<_> = n.children().map(|c| Step::Enter(c, mark)).collect();
        stack.extend(kids.into_iter().rev());
    }
    w.close();
}

/// What leaving an element ends: a block of text that is a line of its own (a recital, the title, a
/// table). A heading's or table of contents' line is ended by whatever starts the next one, so the
/// punctuation after a quoted one (`“Subtitle A—General”;`) stays on it.
fn leave(w: &mut Writer, n: Node<'_, '_>) {
    let name = n.tag_name().name();
    match name {
        "term" => w.in_term = w.in_term.saturating_sub(1),
        "quotedContent" => {
            // The quotation closes on its last line (`… the Secretary.”`), in the texts that line is in.
            if w.open && !w.last.is_some_and(|c| QUOTES.contains(&c)) {
                let change = w.one_sided().unwrap_or(Change::Same);
                w.text(Mark::In(change), "”");
            }
            w.quoted = w.quoted.saturating_sub(1);
        }
        _ => {}
    }
    let own_line = name == "table" || BLOCKS.contains(&name) && !matches!(name, "content" | "chapeau" | "continuation");
    if own_line {
        w.close();
    }
}

/// Lay a USLM bill or resolution out, with its official change marks and defined terms.
pub(super) fn layout(source_name: &str, text: &str) -> Result<Layout> {
    let doc = xml::parse(source_name, text)?;
    let root = doc.root_element();
    let ns = root.tag_name().namespace();
    let main = child(root, "main");
    let ours = ns == Some(NAMESPACE) || ns == Some(HOUSE_NAMESPACE);
    let (true, Some(main)) = (ours, main) else {
        return Err(xml::unknown_root(source_name, root));
    };
    let mut w = Writer::new();
    if let Some(p) = child(root, "preface") {
        preface(&mut w, p);
    }
    w.out.body_starts();
    body(&mut w, main);
    // The attestation (`Passed the House of Representatives …`, the Clerk's signature) and the
    // endorsement (the back page, repeating the header) follow the text in print; they are no part of
    // any provision, and read after the last section they would join its text.
    Ok(w.out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, XmlProblem};
    use crate::ingest::{Block, InputFormat, Side};

    fn doc(body: &str) -> crate::ingest::Document {
        let text = format!(
            r#"<?xml version="1.0"?><bill xmlns="{NAMESPACE}"><preface><congress value="116">116th CONGRESS</congress><session value="1">1st Session</session><type xmlns="http://purl.org/dc/elements/1.1/">H. R. </type><docNumber>7</docNumber></preface><main>{body}</main></bill>"#
        );
        layout("t.xml", &text)
            .unwrap()
            .into_document("t.xml", InputFormat::Uslm)
    }

    fn texts(b: &[Block]) -> Vec<&str> {
        b.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn numbers_headings_and_text_are_laid_out_as_printed() {
        let d = doc(concat!(
            r#"<section><num value="2">SEC. 2. </num><heading>DEFINITIONS.</heading><chapeau>In this Act:</chapeau>"#,
            r#"<paragraph><num value="1">(1) </num><heading><inline>Agency</inline>.—</heading><content>The term “<term>agency</term>” means—</content>"#,
            r#"<subparagraph><num value="A">(A) </num><content>a department; or</content></subparagraph></paragraph>"#,
            r#"<continuation>as the case may be.</continuation></section>"#,
        ));
        assert_eq!(
            texts(&d.blocks),
            [
                "116th CONGRESS 1st Session",
                "H. R. 7",
                "SEC. 2. DEFINITIONS.",
                "In this Act:",
                "(1) Agency.—The term “agency” means—",
                "(A) a department; or",
                "as the case may be.",
            ]
        );
        assert_eq!(d.blocks[4].indent, Some(1));
        assert_eq!(d.terms.as_deref(), Some(&["agency".to_string()][..]));
        assert_eq!(d.style.as_deref(), Some("us"));
    }

    #[test]
    fn containers_are_heading_lines_and_a_toc_is_not_sections() {
        let d = doc(concat!(
            r#"<section><num>SECTION 1. </num><heading>SHORT TITLE.</heading><content>The table:<toc>"#,
            r#"<referenceItem><designator>Sec. 1. </designator><label>Short title.</label></referenceItem>"#,
            r#"<referenceItem><designator>TITLE I—</designator><label>GRANTS</label></referenceItem>"#,
            r#"</toc></content></section>"#,
            r#"<title><num value="I">TITLE I—</num><heading>GRANTS</heading>"#,
            r#"<section><num>SEC. 101. </num><heading>GRANTS.</heading><content>Text.</content></section></title>"#,
        ));
        assert_eq!(
            texts(&d.blocks)[2..],
            [
                "SECTION 1. SHORT TITLE.",
                "The table:",
                "Sec. 1. Short title. TITLE I—GRANTS",
                "TITLE I—GRANTS",
                "SEC. 101. GRANTS.",
                "Text."
            ]
        );
        assert_eq!(d.blocks[5].kind, BlockKind::Heading(2));
    }

    #[test]
    fn quoted_text_keeps_its_marks_and_the_closing_punctuation_joins_it() {
        let d = doc(concat!(
            r#"<section><num>SEC. 3. </num><heading>AMENDMENT.</heading><content>Section 5 is amended by adding at the end the following:"#,
            r#"<quotedContent><subsection><num value="c">“(c) </num><heading>Limit.—</heading><content>No more.”</content></subsection></quotedContent>"#,
            r#"<inline role="after-quoted-block">.</inline></content></section>"#,
        ));
        assert_eq!(
            texts(&d.blocks)[3..],
            [
                "Section 5 is amended by adding at the end the following:",
                "“(c) Limit.—No more.”."
            ]
        );
    }

    #[test]
    fn committee_amendments_are_both_texts() {
        let d = doc(concat!(
            r#"<section><num>SEC. 2. </num><heading>RULE.</heading>"#,
            r#"<subsection changed="deleted"><num>(a) </num><content>Old <term>regulation</term>.</content></subsection>"#,
            r#"<subsection changed="added"><num>(a) </num><content>New <term>rule</term>.</content></subsection>"#,
            r#"<subsection><num>(b) </num><content>The <deletedText>old</deletedText><addedText>new</addedText> text.</content></subsection>"#,
            r#"</section>"#,
        ));
        assert_eq!(
            texts(&d.blocks)[2..],
            ["SEC. 2. RULE.", "(a) New rule.", "(b) The new text."]
        );
        let before = d.side(Side::Before).unwrap();
        assert_eq!(
            texts(&before.blocks)[2..],
            ["SEC. 2. RULE.", "(a) Old regulation.", "(b) The old text."]
        );
    }

    #[test]
    fn a_whole_substitute_is_struck_and_added() {
        let d = doc(concat!(
            r#"<collection><component changed="deleted"><main><section><num>SECTION 1. </num><heading>OLD.</heading>"#,
            r#"<content>Old.</content></section></main></component>"#,
            r#"<component changed="added"><main><section><num>SECTION 1. </num><heading>NEW.</heading>"#,
            r#"<content>New.</content></section></main></component></collection>"#,
        ));
        assert_eq!(texts(&d.blocks)[2..], ["SECTION 1. NEW.", "New."]);
        let before = d.side(Side::Before).unwrap();
        assert_eq!(texts(&before.blocks)[2..], ["SECTION 1. OLD.", "Old."]);
    }

    #[test]
    fn a_run_in_level_joins_the_number_it_follows() {
        let d = doc(concat!(
            r#"<section><num>SEC. 1. </num><heading>A.</heading><clause><num value="iii">(iii)</num>"#,
            r#"<subclause class="inline"><num value="I">(I) </num><content>one;</content></subclause>"#,
            r#"<subclause class="indent3"><num value="II">(II) </num><content>two.</content></subclause></clause></section>"#,
        ));
        assert_eq!(texts(&d.blocks)[3..], ["(iii)(I) one;", "(II) two."]);
    }

    #[test]
    fn quoted_lines_get_their_quotation_marks_when_the_file_leaves_them_out() {
        let d = doc(concat!(
            r#"<section><num>SEC. 3. </num><heading>AMENDMENT.</heading><content>Section 5 is amended by adding:"#,
            r#"<quotedContent><subsection><num value="c">(c) </num><heading>Limit.—</heading></subsection>"#,
            r#"<subsection><num value="d">(d) </num><content>No more.</content></subsection></quotedContent>"#,
            r#"<inline role="after-quoted-block">.</inline></content></section>"#,
        ));
        assert_eq!(texts(&d.blocks)[4..], ["“(c) Limit.—", "“(d) No more.”."]);
    }

    #[test]
    fn a_table_is_a_line_per_row() {
        let d = doc(concat!(
            r#"<section><num>SEC. 4. </num><heading>AMOUNTS.</heading><content>As follows:"#,
            r#"<table xmlns="http://www.w3.org/1999/xhtml"><tr><th>Year</th><th>Amount</th></tr>"#,
            r#"<tr><td>2024</td><td>$5</td></tr></table></content></section>"#,
        ));
        assert_eq!(texts(&d.blocks)[3..], ["As follows:", "Year Amount", "2024 $5"]);
    }

    #[test]
    fn hidden_elements_are_not_printed() {
        let d = doc(
            r#"<section><num>SEC. 1. </num><heading>A.</heading><content>Yes<note display="no"> no</note>.</content></section>"#,
        );
        assert_eq!(texts(&d.blocks)[3], "Yes.");
    }

    #[test]
    fn a_file_cut_in_half_is_an_xml_error() {
        let whole = format!(
            r#"<?xml version="1.0"?><bill xmlns="{NAMESPACE}"><main><section><num>SEC. 1. </num></section></main></bill>"#
        );
        let half = &whole[..whole.len() / 2];
        let e = layout("cut.xml", half).unwrap_err();
        assert!(
            matches!(
                &e,
                Error::Xml {
                    problem: XmlProblem::Malformed { .. },
                    line: Some(_),
                    ..
                }
            ),
            "{e:?}"
        );
        let e = layout("other.xml", r#"<bill xmlns="urn:other"><main/></bill>"#).unwrap_err();
        assert!(
            matches!(
                &e,
                Error::Xml {
                    problem: XmlProblem::UnknownRoot { .. },
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
