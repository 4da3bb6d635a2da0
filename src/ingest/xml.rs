//! What every official XML reader shares: one parser configuration, the root test that tells the formats
//! apart, small tree helpers, and [`Layout`], the builder each reader lays its document out with.
//!
//! Every reader turns its XML into the blocks a reader of the printed text sees (numbers joined to the text
//! they open, headings as headings), so one structure builder (`parse`) reads every form of a bill. What the
//! XML says outright and print only shows travels beside the blocks as data: the change marks (a stream of
//! [`Piece`]s from which both texts a marked version relates are rebuilt) and the terms the markup defines.
//!
//! Readers walk their trees with explicit stacks or `descendants()` (document order, no recursion): the
//! nesting is the input's to choose.

use super::{Block, BlockKind, Document, InputFormat, normalize};
use crate::error::{Error, Result, XmlProblem};
use roxmltree::{Node, ParsingOptions};
use serde::{Deserialize, Serialize};

/// The most elements and text nodes one document may have (bounds the memory a hostile file can ask for;
/// the largest real bills have well under a million).
const NODES_LIMIT: u32 = 4_000_000;

/// Parse XML with the options every reader uses (no DTDs, a node limit), naming the line of a fault.
pub(super) fn parse<'a>(source_name: &str, text: &'a str) -> Result<roxmltree::Document<'a>> {
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, opts).map_err(|e| Error::Xml {
        source_name: source_name.into(),
        line: Some(e.pos().row as usize),
        problem: XmlProblem::Malformed { message: e.to_string() },
    })
}

/// A text's start as [`format_of`] reads it: its first 4,096 characters after leading space, lowercased.
pub(super) fn head(text: &str) -> String {
    text.trim_start()
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The official XML format a document's start names, from its root element and namespace (read from the
/// text, so that a file cut in half is still recognized and then reported as malformed).
pub(super) fn format_of(head_lowercase: &str) -> Option<InputFormat> {
    let root = root_tag(head_lowercase)?;
    let local = root.rsplit(':').next().unwrap_or(root);
    let has = |s: &str| head_lowercase.contains(s);
    Some(match local {
        "measuredoc" if has("lc.ca.gov/legalservices/schemas/caml") || root.contains(':') => InputFormat::Caml,
        // A code section's text as the pubinfo law tables publish it (`caml:Content`), or with its number.
        "content" | "lawsection" if has("lc.ca.gov/legalservices/schemas/caml") => InputFormat::Caml,
        "bill" | "resolution" | "amendment" | "uscdoc"
            if has("schemas.gpo.gov/xml/uslm") || has("xml.house.gov/schemas/uslm") =>
        {
            InputFormat::Uslm
        }
        "akomantoso" => InputFormat::Akn,
        "legislation" if has("legislation.gov.uk/namespaces/legislation") => InputFormat::Clml,
        "certifiedbill" | "bill" | "amendment" if has("leg.wa.gov") => InputFormat::WaXml,
        _ => return None,
    })
}

/// The first element's name in a document's start (after the declaration, comments, processing
/// instructions and a doctype).
fn root_tag(head: &str) -> Option<&str> {
    let mut rest = head;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        return Some(&rest[..end]);
    }
}

/// Whether `n` is an element with local name `name` (in any namespace).
pub(super) fn is(n: Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// `n`'s first child element named `name`.
pub(super) fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

/// The text under `n`, whitespace folded (line breaks and spacing elements are the reader's business;
/// this is for metadata fields).
pub(super) fn plain(n: Node<'_, '_>) -> String {
    let mut out = String::new();
    for d in n.descendants().filter(|d| d.is_text()) {
        out.push_str(d.text().unwrap_or_default());
    }
    normalize(&out)
}

/// What a piece of a marked version is to the two texts it relates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// In both texts.
    Same,
    /// Only in the text as amended (inserted: italic, underlined, `changed="added"`).
    Added,
    /// Only in the text before (struck: `<?xm-deletion_mark?>`, `amendingStyle="strike"`, `<del>`).
    Struck,
}

/// Which of the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The text before the marked changes.
    Before,
    /// The text as the version reads.
    After,
}

impl Change {
    /// Whether text with this change is part of `side`.
    pub fn on(self, side: Side) -> bool {
        matches!(
            (self, side),
            (Change::Same, _) | (Change::Added, Side::After) | (Change::Struck, Side::Before)
        )
    }
}

/// One piece of a marked document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "piece")]
pub enum Piece {
    /// Text (raw: folded when the blocks are built).
    Text {
        /// Which texts it is in.
        change: Change,
        /// The text.
        text: String,
    },
    /// The end of a block: a paragraph break in the texts `change` puts it in.
    End {
        /// Which texts break here.
        change: Change,
        /// What the block ending here was.
        kind: BlockKind,
        /// Its layout depth, if the format has one.
        indent: Option<u8>,
    },
}

/// The official change marks of a version, as data: the document as a stream of pieces, each in one or
/// both of the texts it relates. [`Marks::blocks`] rebuilds either text as blocks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Marks {
    /// The pieces, in reading order.
    pub pieces: Vec<Piece>,
    /// Where the body starts: the index of its first piece (0 when the reader does not say). What comes
    /// before is the header (titles, digest), which a version compare does not redline.
    #[serde(default)]
    pub body: usize,
    /// Whether the marks are the changes to existing law (New York's and Washington's prints mark what a
    /// bill changes in the law it amends), not to a previous version of the bill (California's and the
    /// federal committee prints): a comparison with current law is scored only against such marks.
    #[serde(default)]
    pub against_law: bool,
}

impl Marks {
    /// The blocks of one side: its text pieces joined up to each break that side has.
    pub fn blocks(&self, side: Side) -> Vec<Block> {
        self.blocks_and_body(side).0
    }

    /// The blocks of one side, and the index of the first block of the body.
    pub fn blocks_and_body(&self, side: Side) -> (Vec<Block>, usize) {
        let mut out = Vec::new();
        let mut raw = String::new();
        let mut body = None;
        for (i, p) in self.pieces.iter().enumerate() {
            if i == self.body && body.is_none() {
                // A block open here belongs to the body.
                body = Some(out.len());
            }
            match p {
                Piece::Text { change, text } if change.on(side) => raw.push_str(text),
                Piece::End { change, kind, indent } if change.on(side) => {
                    let text = normalize(&raw);
                    raw.clear();
                    if !text.is_empty() {
                        out.push(Block {
                            text,
                            kind: *kind,
                            indent: *indent,
                        });
                    }
                }
                _ => {}
            }
        }
        let text = normalize(&raw);
        if !text.is_empty() {
            out.push(Block {
                text,
                kind: BlockKind::Paragraph,
                indent: None,
            });
        }
        let body = body.unwrap_or(out.len()).min(out.len());
        (out, body)
    }

    /// One side as a document of its own (no marks, no terms): what a version compare reads.
    pub fn document(&self, side: Side, source_name: &str, format: InputFormat, style: Option<String>) -> Document {
        let (blocks, body) = self.blocks_and_body(side);
        Document {
            source_name: source_name.into(),
            format,
            blocks,
            body_start: Some(body),
            style,
            marks: None,
            terms: None,
            kind: None,
        }
    }

    /// Whether anything is marked added or struck.
    pub fn any(&self) -> bool {
        self.pieces.iter().any(|p| match p {
            Piece::Text { change, text } => *change != Change::Same && !text.trim().is_empty(),
            Piece::End { .. } => false,
        })
    }
}

/// The builder every reader lays its document out with: text goes into the open block, marked with the
/// change it belongs to; [`Layout::end`] closes the block.
#[derive(Debug, Default)]
pub(super) struct Layout {
    marks: Marks,
    /// The drafting style the format belongs to (`us` for USLM), when the format says.
    pub style: Option<&'static str>,
    /// The defined terms the markup names (`<term>`, `<def>`, `<Term>`), in order; `None` when the format
    /// marks no definitions.
    pub terms: Option<Vec<String>>,
    /// What the markup says the document is, when it says (see [`Document::kind`]).
    pub kind: Option<crate::model::DocumentKind>,
    body_marked: bool,
}

impl Layout {
    /// A layout for a document in `style` (when the format fixes one).
    pub fn new(style: Option<&'static str>) -> Layout {
        Layout {
            style,
            ..Layout::default()
        }
    }

    /// Add text to the open block.
    pub fn text(&mut self, change: Change, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Piece::Text { change: c, text: t }) = self.marks.pieces.last_mut()
            && *c == change
        {
            t.push_str(text);
            return;
        }
        self.marks.pieces.push(Piece::Text {
            change,
            text: text.to_string(),
        });
    }

    /// Close the open block (a paragraph break in the texts `change` puts it in).
    pub fn end(&mut self, change: Change, kind: BlockKind, indent: Option<u8>) {
        self.marks.pieces.push(Piece::End { change, kind, indent });
    }

    /// Say the marks are the changes to existing law (see [`Marks::against_law`]).
    pub fn marks_against_law(&mut self) {
        self.marks.against_law = true;
    }

    /// Note that the body starts here (everything laid out so far is the header); the first call counts.
    pub fn body_starts(&mut self) {
        if !self.body_marked {
            self.body_marked = true;
            self.marks.body = self.marks.pieces.len();
        }
    }

    /// A whole unmarked paragraph.
    pub fn para(&mut self, text: &str) {
        self.text(Change::Same, text);
        self.end(Change::Same, BlockKind::Paragraph, None);
    }

    /// A whole unmarked heading.
    pub fn heading(&mut self, level: u8, text: &str) {
        self.text(Change::Same, text);
        self.end(Change::Same, BlockKind::Heading(level), None);
    }

    /// A defined term the markup names.
    pub fn term(&mut self, term: &str) {
        let term = normalize(term.trim_matches(|c: char| "“”\"‘’'".contains(c) || c.is_whitespace()));
        if !term.is_empty() {
            self.terms.get_or_insert_with(Vec::new).push(term);
        }
    }

    /// The document: its blocks are the text as it reads; the marks travel with it when there are any.
    pub fn into_document(self, source_name: &str, format: InputFormat) -> Document {
        let (blocks, body) = self.marks.blocks_and_body(Side::After);
        let body_start = self.body_marked.then_some(body);
        let marks = self.marks.any().then_some(self.marks);
        Document {
            source_name: source_name.into(),
            format,
            blocks,
            body_start,
            style: self.style.map(str::to_string),
            marks,
            terms: self.terms,
            kind: self.kind,
        }
    }
}

/// The error for a well-formed document whose root is not the format's.
pub(super) fn unknown_root(source_name: &str, root: Node<'_, '_>) -> Error {
    Error::Xml {
        source_name: source_name.into(),
        line: None,
        problem: XmlProblem::UnknownRoot {
            root: root.tag_name().name().to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_names_the_format() {
        let f = |s: &str| format_of(&s.to_ascii_lowercase());
        assert_eq!(
            f(r#"<?xml version="1.0"?><caml:MeasureDoc xmlns:caml="http://lc.ca.gov/legalservices/schemas/caml.1#">"#),
            Some(InputFormat::Caml)
        );
        assert_eq!(
            f(r#"<?xml version="1.0"?><!-- x --><bill xmlns="http://schemas.gpo.gov/xml/uslm">"#),
            Some(InputFormat::Uslm)
        );
        assert_eq!(
            f(r#"<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">"#),
            Some(InputFormat::Akn)
        );
        assert_eq!(
            f(r#"<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation">"#),
            Some(InputFormat::Clml)
        );
        assert_eq!(
            f(r#"<CertifiedBill xmlns="http://leg.wa.gov/2012/document">"#),
            Some(InputFormat::WaXml)
        );
        assert_eq!(f("<html><body>"), None);
        assert_eq!(f("<recipe>"), None);
    }

    #[test]
    fn both_sides_are_rebuilt_from_the_marks() {
        let mut l = Layout::new(None);
        l.text(Change::Same, "(a) The ");
        l.text(Change::Struck, "old");
        l.text(Change::Added, "new");
        l.text(Change::Same, " rule.");
        l.end(Change::Same, BlockKind::Paragraph, None);
        l.text(Change::Struck, "(b) Gone.");
        l.end(Change::Struck, BlockKind::Paragraph, None);
        let doc = l.into_document("t", InputFormat::Caml);
        let texts = |b: Vec<Block>| b.into_iter().map(|b| b.text).collect::<Vec<_>>();
        assert_eq!(texts(doc.blocks.clone()), ["(a) The new rule."]);
        let marks = doc.marks.expect("marked");
        assert_eq!(texts(marks.blocks(Side::Before)), ["(a) The old rule.", "(b) Gone."]);
    }
}
