//! Akoma Ntoso 3.0 (OASIS LegalDocML), the XML the EU institutions (AKN4EU), legislation.gov.uk and
//! others publish legislation in: `akomaNtoso` holding one `act`, `bill`, `doc` or `documentCollection`.
//!
//! An AKN document says outright what print only shows: every unit's `num` and `heading`, its `intro`,
//! `content` and `wrapUp`, the country whose drafting it follows (`FRBRcountry`), the terms a definition
//! defines, inserted and deleted text (`ins`, `del`), and quoted law (`quotedStructure`, `quotedText`). This
//! reader lays those out as the blocks a reader of the printed text sees, in the drafting style the country
//! names, so that the one structure builder (`parse`) reads it:
//!
//! - EU: `CHAPTER I` and its heading, `Article 3` and its heading, each a line of its own; `1.` paragraphs
//!   and `(a)` points joined to their first text.
//! - UK: `1 Heading` as one line, `(1)` subsections and `(a)` paragraphs joined to their text
//!   (legislation.gov.uk writes the numbers bare, `1` and `a`: print puts them in brackets); cross-headings
//!   are plain lines.
//! - US: `SEC. 2. DEFINITIONS.` as one line, `(1)` and `(A)` joined to their text.
//!
//! Quoted structures are printed inside the quotation marks their `startQuote`/`endQuote` name (a
//! `quotedText` too, when it names them; mostly its marks are in the text). Files converted from GPO's plain
//! text keep its typing, ``term'' and `--`: in US files they are printed “term” and —. Footnotes
//! (`authorialNote`) are not part of the provision they sit in and are left out, with the metadata and
//! editorial matter (`status="editorial"`: a page line of the Statutes at Large). A
//! collection (`documentCollection`) is read as its cover page and preface, then the acts and bills it
//! holds inline; the explanatory memorandum and financial statement that travel with an EU proposal
//! (`doc` components) are not legal text and are left out when an act or bill is there. A collection that
//! only refers to documents in other files (AKN4EU's `main.xml`) holds no text: it is an error naming the
//! files to open (`XmlProblem::OnlyReferences`).
//!
//! Defined terms go beside the blocks: a `term` beside the `def` that gives its meaning (the EU's
//! `‘<term>x</term>’ means <def>…</def>`), else the `def` itself when it holds the term (legislation.gov.uk's
//! `<def>“x”</def> means …`, the OASIS US example's `<def>Eligible vessel.</def>--The term ...`). A `term`
//! with no `def` beside it marks a use, not a definition.
//!
//! The tree is walked with an explicit stack: the document's nesting is the input's to choose.

use super::BlockKind;
use super::xml::{self, Change, Layout, child, is};
use crate::error::Result;
use roxmltree::{Node, NodeId};
use std::collections::HashSet;

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// How a drafting style prints an AKN unit's number and heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Print {
    /// `Article 3` / `Definitions`, each a line; `1.` paragraphs.
    Eu,
    /// `1 Heading`; `(1)` subsections from bare numbers.
    Uk,
    /// `SEC. 2. HEADING.`; `(1)` from the numbers as written.
    Us,
    /// billdiff's own export: the numbers as written, as `Us`, and the text exactly as written (no GPO
    /// typing to undo).
    Written,
}

/// What an element is to the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not printed as part of the text: metadata, footnotes, references to other files.
    Hidden,
    /// A grouping of units above the section (`part`, `chapter`, EU `section`, `hcontainer`).
    Container,
    /// The unit of citation: an EU `article`, a UK or US `section`.
    Section,
    /// A numbered level below the section (`subsection`, `paragraph`, `point`, `item`, ...).
    Level,
    /// A paragraph of text (`p`, `block`, a table cell).
    Block,
    /// A quotation of other law laid out as structure (`quotedStructure`, `embeddedStructure`).
    Quoted,
    /// Anything else: its children are read in order.
    Transparent,
}

fn role(n: Node<'_, '_>, print: Print) -> Role {
    match n.tag_name().name() {
        "meta" | "authorialNote" | "noteRef" | "note" | "img" | "documentRef" | "componentRef" | "popup" | "remark"
        | "marker" | "omissis" | "toc" => Role::Hidden,
        "book" | "tome" | "part" | "subpart" | "title" | "subtitle" | "chapter" | "subchapter" | "division"
        | "subdivision" => Role::Container,
        "hcontainer" | "crossHeading" => Role::Container,
        "section" if print == Print::Eu => Role::Container,
        "article" | "section" | "rule" | "subrule" => Role::Section,
        "subsection" | "paragraph" | "subparagraph" | "point" | "item" | "indent" | "alinea" | "clause"
        | "subclause" | "list" | "sublist" | "level" | "proviso" | "recital" | "citation" | "tblock"
        | "transitional" => Role::Level,
        "p" | "block" | "td" | "th" | "listIntroduction" | "listWrapUp" | "tocItem" | "heading" | "subheading"
        | "num" => Role::Block,
        "quotedStructure" | "embeddedStructure" => Role::Quoted,
        _ => Role::Transparent,
    }
}

/// The text under `n` (a number, a heading), footnotes left out and line breaks as spaces, folded.
fn text_of(n: Node<'_, '_>) -> String {
    text_up_to(n, usize::MAX)
}

/// The longest defined term read from the markup, in bytes: a `def` may hold a whole definition, and defs
/// may nest, so a term's text is not read past this.
const TERM_BYTES: usize = 1000;

/// [`text_of`], reading no further once `limit` bytes are collected.
fn text_up_to(n: Node<'_, '_>, limit: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![n];
    while let Some(d) = stack.pop() {
        if out.len() > limit {
            break;
        }
        if d.is_text() {
            out.push_str(d.text().unwrap_or_default());
        } else if is(d, "eol") || is(d, "br") {
            out.push(' ');
        } else if d.is_element() && (d == n || role(d, Print::Us) != Role::Hidden) {
            let kids: Vec<_> = d.children().collect();
            stack.extend(kids.into_iter().rev());
        }
    }
    super::normalize(&out)
}

/// A number as print shows it. legislation.gov.uk writes `1`, `a`, `2A` where the page prints `(1)`,
/// `(a)`, `(2A)`; numbers already bracketed or pointed (`(a)`, `1.`, `SEC. 3 .`) keep their form, with
/// a space before the closing point taken out.
fn printed_num(raw: &str, n: Node<'_, '_>, print: Print) -> String {
    let mut num = raw.to_string();
    if let Some(stem) = num.strip_suffix(" .") {
        num = format!("{}.", stem.trim_end());
    }
    let bare = !num.is_empty() && num.chars().all(|c| c.is_alphanumeric());
    if bare && role(n, print) == Role::Level {
        return if print == Print::Eu && is(n, "paragraph") {
            format!("{num}.")
        } else {
            format!("({num})")
        };
    }
    num
}

/// US text as printed from the typewriter conventions of GPO's plain text, which AKN files converted from
/// it keep: ``term'' is “term”, `--` is an em dash.
fn typeset(t: &str) -> String {
    t.replace("``", "“").replace("''", "”").replace("--", "—")
}

/// The writer between the walk and the [`Layout`]: numbers and opening quotation marks wait for the text
/// they open; a block's end waits until the next text, so that a closing quotation mark, and the
/// punctuation after a quotation, join the block they close.
struct Writer {
    out: Layout,
    /// Text owed to the start of the next text written: a number, a heading, an opening quotation mark.
    owed: Vec<(Change, String)>,
    /// The last block's end, not yet written.
    pending: Option<(Change, BlockKind, Option<u8>)>,
    /// The open block has text.
    open: bool,
    /// The pending end closes a quotation: punctuation that follows joins its block.
    after_quote: bool,
    /// Spacing came after the last text written (it becomes one space before the next word), in the
    /// texts of the change it was part of.
    gap: Option<Change>,
    /// The last character written into the open block.
    last: Option<char>,
}

/// Whether `s` (trimmed) opens with punctuation that belongs to the text before it.
fn opens_with_punctuation(s: &str) -> bool {
    s.trim_start().starts_with([',', '.', ';', ':', ')', '’', '”'])
}

impl Writer {
    fn new(out: Layout) -> Writer {
        Writer {
            out,
            owed: Vec::new(),
            pending: None,
            open: false,
            after_quote: false,
            gap: None,
            last: None,
        }
    }

    fn flush(&mut self) {
        if let Some((change, kind, indent)) = self.pending.take() {
            self.out.end(change, kind, indent);
        }
        self.after_quote = false;
        self.gap = None;
        self.last = None;
    }

    /// Text into the open block (a new block when none is open). Spacing between pieces is the XML's
    /// indentation as often as the text's: a space is kept between words, but not before closing
    /// punctuation (`Directive 2001/83/EC</ref> ;`, a footnote's marker left out before a comma) nor
    /// after an opening quotation mark (`‘<term> mixture</term>’`).
    fn text(&mut self, change: Change, s: &str) {
        let body = s.trim_end();
        let core = body.trim_start();
        if core.is_empty() {
            self.gap = self.gap.or(Some(change));
            return;
        }
        // The space goes with the text whose spacing it was (inserted text's leading space is inserted).
        let spaced = if core.len() < body.len() {
            Some(change)
        } else {
            self.gap
        };
        let trailing = (body.len() < s.len()).then_some(change);
        if !self.open && self.pending.is_some() {
            if self.after_quote && self.owed.is_empty() && opens_with_punctuation(core) {
                self.out.text(change, core);
                self.last = core.chars().next_back();
                self.gap = trailing;
                return;
            }
            self.flush();
        }
        for (c, t) in std::mem::take(&mut self.owed) {
            self.out.text(c, &t);
            if let Some(l) = t.chars().next_back() {
                self.last = Some(l);
            }
        }
        let after_opening = self.last.is_some_and(|c| "‘“([{".contains(c) || c.is_whitespace());
        if let Some(space) = spaced
            && self.open
            && !opens_with_punctuation(core)
            && !after_opening
        {
            self.out.text(space, " ");
        }
        self.out.text(change, core);
        self.last = core.chars().next_back();
        self.gap = trailing;
        self.open = true;
    }

    /// Owe `s` to the next text (a number joins the text it opens).
    fn owe(&mut self, change: Change, s: &str) {
        self.owed.push((change, s.to_string()));
    }

    /// End the open block, if it has text.
    fn end(&mut self, change: Change, kind: BlockKind, indent: Option<u8>) {
        if self.open {
            self.flush();
            self.pending = Some((change, kind, indent));
            self.open = false;
        }
    }

    /// Write what is owed and not yet taken up (a number whose unit has no text) as a block of its own.
    fn settle(&mut self, change: Change, indent: Option<u8>) {
        if !self.owed.is_empty() && self.owed.iter().any(|(_, t)| !t.trim().is_empty()) {
            let owed = std::mem::take(&mut self.owed);
            let quote_only = owed.iter().all(|(_, t)| t.trim().chars().all(|c| !c.is_alphanumeric()));
            if quote_only {
                self.owed = owed;
                return;
            }
            if self.open {
                self.end(change, BlockKind::Paragraph, indent);
            }
            for (c, t) in owed {
                self.text(c, &t);
            }
            self.end(change, BlockKind::Paragraph, indent);
        }
    }

    /// A whole block.
    fn block(&mut self, change: Change, kind: BlockKind, text: &str, indent: Option<u8>) {
        if text.trim().is_empty() {
            return;
        }
        if self.open {
            self.end(change, BlockKind::Paragraph, indent);
        }
        self.text(change, text);
        self.end(change, kind, indent);
    }

    /// Close a quotation: the mark joins the block that ends it.
    fn close_quote(&mut self, change: Change, mark: &str) {
        if mark.is_empty() {
            return;
        }
        if self.open || self.pending.is_some() {
            self.out.text(change, mark);
            if !self.open {
                self.after_quote = true;
            }
        }
    }

    fn finish(mut self) -> Layout {
        self.settle(Change::Same, None);
        if self.open {
            self.end(Change::Same, BlockKind::Paragraph, None);
        }
        self.flush();
        self.out
    }
}

/// What the walk does next.
enum Step<'a, 'i> {
    /// Read a node, with its change (inside `ins`/`del`).
    Enter(Node<'a, 'i>, Change),
    /// A block ends.
    EndBlock(Change),
    /// A quotation ends with this mark.
    EndQuote(Change, String),
    /// A numbered unit ends: a number it never used is written alone.
    EndUnit(Change),
    /// Text the markup implies: the closing mark of a quotation written inline.
    Mark(Change, &'static str),
}

/// Which elements hold a `def` and which a `term` among their children, found once for the document (a
/// `term` is a defined term when a `def` is beside it; a `def` is the term itself when no `term` is).
#[derive(Default)]
struct Definitions {
    with_def: HashSet<NodeId>,
    with_term: HashSet<NodeId>,
}

impl Definitions {
    fn of(root: Node<'_, '_>) -> Definitions {
        let mut d = Definitions::default();
        for n in root.descendants() {
            let set = if is(n, "def") {
                &mut d.with_def
            } else if is(n, "term") {
                &mut d.with_term
            } else {
                continue;
            };
            if let Some(p) = n.parent() {
                set.insert(p.id());
            }
        }
        d
    }

    /// Record the defined term `n` names, if it names one.
    fn record(&self, out: &mut Layout, n: Node<'_, '_>) {
        let parent = n.parent().map(|p| p.id());
        let beside = |set: &HashSet<NodeId>| parent.is_some_and(|p| set.contains(&p));
        if is(n, "term") && beside(&self.with_def) {
            out.term(&text_up_to(n, TERM_BYTES));
        } else if is(n, "def") && !beside(&self.with_term) {
            let t = text_up_to(n, TERM_BYTES);
            out.term(t.trim_end_matches(['.', ':', ',', '—', '-']));
        }
    }
}

/// Lay out the units, blocks and text under `root` (a document's `preface`, `body`, `conclusions`...).
fn walk<'a, 'i>(w: &mut Writer, defs: &Definitions, root: Node<'a, 'i>, print: Print) {
    let mut stack = vec![Step::Enter(root, Change::Same)];
    while let Some(step) = stack.pop() {
        let (n, change) = match step {
            Step::Enter(n, c) => (n, c),
            Step::EndBlock(c) => {
                w.end(c, BlockKind::Paragraph, None);
                continue;
            }
            Step::EndQuote(c, mark) => {
                w.settle(c, None);
                w.close_quote(c, &mark);
                continue;
            }
            Step::Mark(c, mark) => {
                w.text(c, mark);
                continue;
            }
            Step::EndUnit(c) => {
                w.settle(c, None);
                continue;
            }
        };
        if n.is_text() {
            let t = n.text().unwrap_or_default();
            if print == Print::Us && (t.contains("``") || t.contains("''") || t.contains("--")) {
                w.text(change, &typeset(t));
            } else {
                w.text(change, t);
            }
            continue;
        }
        if n.attribute("status") == Some("editorial") {
            continue;
        }
        if !n.is_element() {
            continue;
        }
        let change = match n.tag_name().name() {
            "ins" => Change::Added,
            "del" => Change::Struck,
            _ => change,
        };
        if is(n, "eol") || is(n, "br") || is(n, "eop") {
            w.text(change, " ");
            continue;
        }
        defs.record(&mut w.out, n);
        let push_children = |stack: &mut Vec<Step<'a, 'i>>| {
            let kids: Vec<_> = n.children().collect();
            stack.extend(kids.into_iter().rev().map(|c| Step::Enter(c, change)));
        };
        match role(n, print) {
            Role::Hidden => {}
            Role::Transparent if is(n, "quotedText") => {
                // The marks are in the text (`after “<quotedText>person</quotedText>”`) unless the element
                // names them.
                let mark = |name| match n.attribute(name) {
                    Some("“") => "“",
                    Some("”") => "”",
                    Some("‘") => "‘",
                    Some("’") => "’",
                    Some("\"") => "\"",
                    _ => "",
                };
                if !mark("startQuote").is_empty() {
                    w.text(change, mark("startQuote"));
                }
                stack.push(Step::Mark(change, mark("endQuote")));
                push_children(&mut stack);
            }
            Role::Transparent => push_children(&mut stack),
            Role::Block => {
                stack.push(Step::EndBlock(change));
                push_children(&mut stack);
            }
            Role::Quoted => {
                let open = n.attribute("startQuote").unwrap_or_default();
                let close = n.attribute("endQuote").unwrap_or_default().to_string();
                if w.open {
                    w.end(change, BlockKind::Paragraph, None);
                }
                w.owe(change, open);
                stack.push(Step::EndQuote(change, close));
                push_children(&mut stack);
            }
            Role::Container | Role::Section | Role::Level => unit(w, &mut stack, n, change, print),
        }
    }
}

/// Lay out a unit's number and heading as its style prints them, then walk the rest of it.
fn unit<'a, 'i>(w: &mut Writer, stack: &mut Vec<Step<'a, 'i>>, n: Node<'a, 'i>, change: Change, print: Print) {
    let num = child(n, "num")
        .map(|c| printed_num(&text_of(c), n, print))
        .unwrap_or_default();
    let heading = child(n, "heading").map(text_of).unwrap_or_default();
    let subheading = child(n, "subheading").map(text_of).unwrap_or_default();
    let role = role(n, print);
    // A new unit's number must not join the text of the one before.
    // A new number must not join the text of the unit before, nor a number never used.
    if !num.is_empty() || role != Role::Level {
        if w.open {
            w.end(change, BlockKind::Paragraph, None);
        }
        w.settle(change, None);
    }
    match role {
        Role::Container => {
            match (print, num.is_empty()) {
                (Print::Us | Print::Written, false) if !heading.is_empty() => {
                    w.block(change, BlockKind::Heading(1), &format!("{num}—{heading}"), None)
                }
                _ => {
                    let kind = if num.is_empty() {
                        BlockKind::Paragraph
                    } else {
                        BlockKind::Heading(1)
                    };
                    w.block(change, kind, &num, None);
                    w.block(change, kind, &heading, None);
                }
            }
            w.block(change, BlockKind::Paragraph, &subheading, None);
        }
        Role::Section => {
            match print {
                Print::Eu => {
                    w.block(change, BlockKind::Heading(2), &num, None);
                    w.block(change, BlockKind::Heading(3), &heading, None);
                }
                Print::Uk | Print::Us | Print::Written => {
                    let line = format!("{num} {heading}");
                    w.block(change, BlockKind::Paragraph, line.trim(), None);
                }
            }
            w.block(change, BlockKind::Paragraph, &subheading, None);
        }
        _ => {
            if !num.is_empty() {
                w.owe(change, &format!("{num} "));
            }
            for h in [&heading, &subheading] {
                if !h.is_empty() {
                    w.owe(change, &format!("{h} "));
                }
            }
        }
    }
    stack.push(Step::EndUnit(change));
    let kids: Vec<_> = n
        .children()
        .filter(|c| !(is(*c, "num") || is(*c, "heading") || is(*c, "subheading")))
        .collect();
    stack.extend(kids.into_iter().rev().map(|c| Step::Enter(c, change)));
}

/// The drafting style a document's country names (`FRBRcountry`: `eu`, `GB-UKM`, `us`).
fn style_of(document: Node<'_, '_>) -> Option<(&'static str, Print)> {
    // billdiff's own export names the style it read the text in; the states' styles print their numbers
    // as written, joined to their text, as the federal style does.
    let own = child(document, "meta")
        .into_iter()
        .flat_map(|m| m.children().filter(|c| is(*c, "proprietary")))
        .flat_map(|p| p.children().filter(|c| is(*c, "reading")))
        .find_map(|r| r.attribute("style"))
        .and_then(builtin_style);
    if let Some(id) = own {
        let print = match id {
            "eu" => Print::Eu,
            "uk" => Print::Uk,
            _ => Print::Written,
        };
        return Some((id, print));
    }
    let country = child(document, "meta")
        .and_then(|m| child(m, "identification"))
        .and_then(|i| child(i, "FRBRWork"))
        .and_then(|f| child(f, "FRBRcountry"))
        .and_then(|c| c.attribute("value"))?
        .to_ascii_lowercase();
    let head = country.split(['-', '_']).next().unwrap_or_default();
    match head {
        "eu" => Some(("eu", Print::Eu)),
        "gb" | "uk" => Some(("uk", Print::Uk)),
        "us" => Some(("us", Print::Us)),
        _ => None,
    }
}

/// A built-in drafting style's id, as a billdiff export names it.
fn builtin_style(id: &str) -> Option<&'static str> {
    ["ca", "us", "tx", "ny", "co", "wa", "eu", "uk"]
        .into_iter()
        .find(|s| *s == id)
}

/// The documents a collection holds inline, in order (nested collections opened in place).
fn inline_documents<'a, 'i>(collection: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    let mut stack: Vec<Node> = vec![collection];
    while let Some(n) = stack.pop() {
        let holders = n
            .children()
            .filter(|c| is(*c, "collectionBody") || is(*c, "components"))
            .flat_map(|h| h.children().filter(|c| is(*c, "component")))
            .flat_map(|c| c.children().filter(|d| d.is_element() && !is(*d, "documentRef")));
        let mut collections = Vec::new();
        for d in holders {
            if is(d, "documentCollection") {
                collections.push(d);
            } else {
                out.push(d);
            }
        }
        stack.extend(collections.into_iter().rev());
    }
    out
}

/// The parts of a document in reading order, metadata left out.
fn read_document(w: &mut Writer, defs: &Definitions, d: Node<'_, '_>, print: Print) {
    for part in d.children().filter(|c| c.is_element()) {
        match part.tag_name().name() {
            "meta" | "collectionBody" | "components" | "attachments" => {}
            "body" | "mainBody" => {
                w.out.body_starts();
                walk(w, defs, part, print);
            }
            _ => walk(w, defs, part, print),
        }
        if w.open {
            w.end(Change::Same, BlockKind::Paragraph, None);
        }
    }
}

/// Lay an Akoma Ntoso document out.
pub(super) fn layout(source_name: &str, text: &str) -> Result<Layout> {
    let doc = xml::parse(source_name, text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "akomaNtoso" || root.tag_name().namespace() != Some(NAMESPACE) {
        return Err(xml::unknown_root(source_name, root));
    }
    let Some(top) = root.children().find(|c| c.is_element()) else {
        return Err(xml::unknown_root(source_name, root));
    };
    // A collection's components are inside it or, as AKN also allows, beside it under the root.
    let inline = if is(top, "documentCollection") {
        let mut docs = inline_documents(top);
        docs.extend(inline_documents(root));
        docs
    } else {
        Vec::new()
    };
    // A collection that only refers to documents in other files (AKN4EU's `main.xml`) holds no text to
    // read: say which files hold it.
    if is(top, "documentCollection") && inline.is_empty() {
        let files: Vec<String> = root
            .descendants()
            .filter(|d| is(*d, "documentRef"))
            .filter_map(|d| d.attribute("href"))
            .map(str::to_string)
            .collect();
        if !files.is_empty() {
            return Err(crate::error::Error::Xml {
                source_name: source_name.into(),
                line: None,
                problem: crate::error::XmlProblem::OnlyReferences { files },
            });
        }
    }
    let style = style_of(top).or_else(|| inline.iter().find_map(|d| style_of(*d)));
    let print = style.map_or(Print::Us, |(_, p)| p);
    let mut w = Writer::new(Layout::new(style.map(|(id, _)| id)));
    let defs = Definitions::of(root);
    read_document(&mut w, &defs, top, print);
    let legal = |d: &Node| is(*d, "act") || is(*d, "bill");
    let any_legal = inline.iter().any(legal);
    for d in inline.iter().filter(|d| legal(d) || !any_legal) {
        read_document(&mut w, &defs, *d, print);
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, XmlProblem};
    use crate::ingest::{Block, InputFormat, Side};

    fn doc(xml: &str) -> crate::ingest::Document {
        layout("t.xml", xml).unwrap().into_document("t.xml", InputFormat::Akn)
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    fn act(country: &str, body: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><akomaNtoso xmlns="{NAMESPACE}"><act><meta><identification><FRBRWork><FRBRcountry value="{country}"/></FRBRWork></identification></meta><body>{body}</body></act></akomaNtoso>"#
        )
    }

    #[test]
    fn an_eu_article_prints_number_and_heading_on_lines_of_their_own() {
        let d = doc(&act(
            "eu",
            r##"<chapter><num>CHAPTER I</num><heading>General</heading><article><num>Article 2</num><heading>Definitions</heading>
            <list><intro><p>For the purpose of this Regulation:</p></intro>
            <point><num>(a)</num><content><p>‘<term refersTo="#m">mixture</term>’ means <def refersTo="#m">a mixture<authorialNote marker="1"><p>OJ L 1.</p></authorialNote>
            </def>;</p></content></point></list>
            <paragraph><num>2.</num><content><p>Uses of <term refersTo="#m">mixtures</term>.</p></content></paragraph></article></chapter>"##,
        ));
        assert_eq!(d.style.as_deref(), Some("eu"));
        assert_eq!(
            texts(&d.blocks),
            [
                "CHAPTER I",
                "General",
                "Article 2",
                "Definitions",
                "For the purpose of this Regulation:",
                "(a) ‘mixture’ means a mixture;",
                "2. Uses of mixtures.",
            ]
        );
        // A term beside its definition is defined; a term alone marks a use.
        assert_eq!(d.terms.as_deref(), Some(&["mixture".to_string()][..]));
    }

    #[test]
    fn a_uk_section_brackets_its_bare_numbers_and_quotes_what_it_inserts() {
        let d = doc(&act(
            "GB-UKM",
            r#"<hcontainer name="crossheading"><heading>Retention</heading><section><num>4</num><heading>Amendments</heading>
            <subsection><num>1</num><content><p><def>“operator”</def> means a person.</p></content></subsection>
            <subsection><num>2</num><content><p>After subsection (2) insert—</p><p><mod><quotedStructure startQuote="“" endQuote="”">
            <subsection><num>2A</num><intro><p>A copy may be served—</p></intro><paragraph><num>a</num><content><p>by post.</p></content></paragraph></subsection>
            </quotedStructure>.</mod></p></content></subsection></section></hcontainer>"#,
        ));
        assert_eq!(d.style.as_deref(), Some("uk"));
        assert_eq!(
            texts(&d.blocks),
            [
                "Retention",
                "4 Amendments",
                "(1) “operator” means a person.",
                "(2) After subsection (2) insert—",
                "“(2A) A copy may be served—",
                "(a) by post.”.",
            ]
        );
        assert_eq!(d.terms.as_deref(), Some(&["operator".to_string()][..]));
    }

    #[test]
    fn a_us_section_is_one_line_and_its_def_heading_names_the_term() {
        let d = doc(&act(
            "us",
            r##"<section><num>SEC. 2 .</num><heading>DEFINITIONS.</heading><list><intro><p>In this Act:</p></intro>
            <point><num>(1)</num><content><p><def refersTo="#v">Eligible vessel.</def>--The term ``eligible vessel'' means a boat.</p></content></point></list></section>"##,
        ));
        assert_eq!(
            texts(&d.blocks),
            [
                "SEC. 2. DEFINITIONS.",
                "In this Act:",
                "(1) Eligible vessel.—The term “eligible vessel” means a boat.",
            ]
        );
        assert_eq!(d.terms.as_deref(), Some(&["Eligible vessel".to_string()][..]));
    }

    #[test]
    fn quoted_text_takes_the_marks_its_element_names() {
        let d = doc(&act(
            "GB-UKM",
            r#"<section><num>3</num><heading>Words</heading><subsection><num>1</num><content><p><mod>After <quotedText startQuote="“" endQuote="”">purpose</quotedText> insert “<quotedText>of the UK</quotedText>”.</mod></p></content></subsection></section>"#,
        ));
        assert_eq!(texts(&d.blocks), ["3 Words", "(1) After “purpose” insert “of the UK”."]);
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let depth = 20_000;
        let mut body = String::from("<section><num>1</num><heading>Deep</heading>");
        for _ in 0..depth {
            body.push_str("<point><num>(a)</num><content><p>x</p></content>");
        }
        body.push_str(&"</point>".repeat(depth));
        body.push_str("</section>");
        let d = doc(&act("us", &body));
        assert_eq!(d.blocks.len(), depth + 1);
    }

    #[test]
    fn inserted_and_deleted_text_are_the_two_sides() {
        let d = doc(&format!(
            r#"<an:akomaNtoso xmlns:an="{NAMESPACE}"><an:act><an:body><an:section><an:num>1</an:num><an:heading>Rule</an:heading>
            <an:subsection><an:num>1</an:num><an:content><an:p>The <an:del>old</an:del><an:ins>new</an:ins> rule.</an:p></an:content></an:subsection>
            <an:subsection><an:num>2</an:num><an:content><an:p><an:ins>Added whole.</an:ins></an:p></an:content></an:subsection>
            </an:section></an:body></an:act></an:akomaNtoso>"#
        ));
        assert_eq!(texts(&d.blocks), ["1 Rule", "(1) The new rule.", "(2) Added whole."]);
        let marks = d.marks.expect("marked");
        assert_eq!(
            texts(&marks.blocks(Side::Before)),
            ["1 Rule", "(1) The old rule.", "(2)"]
        );
    }

    #[test]
    fn a_collection_of_references_names_its_files() {
        let e = layout("t.xml", &format!(
            r#"<akomaNtoso xmlns="{NAMESPACE}"><documentCollection><meta><identification><FRBRWork><FRBRcountry value="EU"/></FRBRWork></identification></meta>
            <coverPage><container name="t"><p><docTitle>Position of the Council</docTitle></p></container></coverPage>
            <collectionBody><component><documentRef href="bill_123.xml" showAs="DECISION"/></component></collectionBody></documentCollection></akomaNtoso>"#
        ))
        .unwrap_err();
        assert!(
            matches!(&e, Error::Xml { problem: XmlProblem::OnlyReferences { files }, .. } if files.len() == 1),
            "{e:?}"
        );
    }

    #[test]
    fn bad_xml_is_one_error_naming_the_problem() {
        let good = act("eu", "<article><num>Article 1</num></article>");
        let cut = &good[..good.len() / 2];
        let e = layout("cut.xml", cut).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Xml {
                    problem: XmlProblem::Malformed { .. },
                    line: Some(_),
                    ..
                }
            ),
            "{e:?}"
        );
        let e = layout("other.xml", "<?xml version=\"1.0\"?><akomaNtoso><act/></akomaNtoso>").unwrap_err();
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
