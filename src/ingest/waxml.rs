//! The Washington Legislature's bill XML (namespace `http://leg.wa.gov/2012/document`): the form the
//! Legislature keeps its bills, amendments and session laws in, and from which its HTM and PDF prints are
//! made.
//!
//! A session law is a `CertifiedBill`: the enrolling certificate (`EnrollingCertificate`: chapter, passage
//! votes, signers), then the `Bill` itself (`BillHeading`, `BillBody`) and the `SLHistory` lines. The body
//! holds `Part`s (a `PART I` line and its caption) and `BillSection`s; a section's `BillSectionHeader` carries
//! its number (`Sec. 72.`), its caption (`SectionCaption`, new sections) or its action line (`SectionCite`
//! and the words around it, amendatory sections) and, often, its first paragraph. This reader lays those out
//! as the HTM prints them: `NEW SECTION.` before the number of a `type="new"` section (the XML leaves the
//! words to the printer), the number, caption and first paragraph as one line.
//!
//! Left out, as the print leaves them out: the code reviser's catchline of an amended RCW section
//! (`Caption`), and the RCW history and notes after it (`History`, `RCWNoteSection`). The catchlines are
//! not enacted text (the reviser supplies them) and a section's action line is what the bill enacts; laid
//! out, a catchline would be read as the first paragraph of every amended section.
//!
//! Change marks are `TextRun amendingStyle=…`: `add` is text the bill inserts (underlined in print),
//! `strike` text it deletes (struck through). One strike may run over several paragraphs: its first run is
//! `strikemarkleft`, wholly struck paragraphs in between `strikemarknone`, its last run `strikemarkright`;
//! the paragraph breaks inside such a strike exist only in the text before, so that `(b) <left>…</left>` /
//! `<right>(c)</right> Unlawful…` is two paragraphs of the old law and the one paragraph
//! `(b) Unlawful…` of the new. Both texts are rebuilt from the marks ([`super::Marks`]); the blocks are the
//! enacted text. The trees are walked with explicit stacks: the nesting is the input's to choose.

use super::BlockKind;
use super::xml::{self, Change, Layout, child, is, plain};
use crate::error::Result;
use roxmltree::Node;

/// The namespaces of the Legislature's documents start so (`http://leg.wa.gov/2012/document`).
const NAMESPACE_PREFIX: &str = "http://leg.wa.gov/";

/// The enacting clause, which the XML writes as an empty `<EnactedClause/>` and the print spells out.
const ENACTING_CLAUSE: &str = "BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF WASHINGTON:";

/// Where a strike spanning paragraphs stands as the walk goes: between its `strikemarkleft` run and its
/// `strikemarkright` run every paragraph break is struck. Reset at each bill section (no strike crosses
/// one), so a file missing a closing mark cannot join the rest of the bill into one paragraph.
#[derive(Default)]
struct Marking {
    open_strike: bool,
}

impl Marking {
    /// The change a paragraph break has here.
    fn break_change(&self) -> Change {
        if self.open_strike { Change::Struck } else { Change::Same }
    }
}

/// What an `amendingStyle` makes of the text inside it, and how it moves a strike spanning paragraphs.
fn amending(n: Node<'_, '_>, marking: &mut Marking) -> Option<Change> {
    let style = n.attribute("amendingStyle")?;
    match style {
        "add" => Some(Change::Added),
        "strikemarkleft" | "strikemarknone" => {
            marking.open_strike = true;
            Some(Change::Struck)
        }
        "strikemarkright" => {
            marking.open_strike = false;
            Some(Change::Struck)
        }
        s if s.starts_with("strike") => Some(Change::Struck),
        _ => None,
    }
}

/// Lay out the inline content of `n` (a paragraph, a title) into the open block.
fn inline(out: &mut Layout, marking: &mut Marking, n: Node<'_, '_>) {
    inline_nodes(out, marking, n.children());
}

/// Lay out inline nodes in order into the open block: text with the change its marks give it,
/// `<Hyphen/>` as a hyphen, `<Leader/>` as the dotted line the print shows, a repealer's `<RepealNumber>`
/// as its printed label `(3) `; catchlines, RCW history and notes skipped. A `<P>` inside (a section
/// header's first paragraph) is read in line.
fn inline_nodes<'a, 'i: 'a>(
    out: &mut Layout,
    marking: &mut Marking,
    nodes: impl DoubleEndedIterator<Item = Node<'a, 'i>>,
) {
    let mut stack: Vec<(Node<'a, 'i>, Change)> = nodes.rev().map(|c| (c, Change::Same)).collect();
    while let Some((d, change)) = stack.pop() {
        if d.is_text() {
            out.text(change, d.text().unwrap_or_default());
            continue;
        }
        if !d.is_element() {
            continue;
        }
        match d.tag_name().name() {
            "Caption" | "History" | "RCWNoteSection" => {}
            "Hyphen" => out.text(change, "-"),
            "Leader" => out.text(change, ". . . ."),
            "RepealNumber" => out.text(change, &format!("({}) ", plain(d))),
            _ => {
                let change = amending(d, marking).unwrap_or(change);
                stack.extend(d.children().rev().map(|c| (c, change)));
            }
        }
    }
}

/// A whole block of inline content, closed with the break the marks give it.
fn block_of(out: &mut Layout, marking: &mut Marking, n: Node<'_, '_>) {
    inline(out, marking, n);
    out.end(marking.break_change(), BlockKind::Paragraph, None);
}

/// The text of `n`'s child `name`, whitespace folded (empty when there is none).
fn field(n: Option<Node<'_, '_>>, name: &str) -> String {
    n.and_then(|n| child(n, name)).map(plain).unwrap_or_default()
}

/// The paragraphs under `n` in order (a table cell's, a certificate's), each its own block.
fn paragraphs_in(out: &mut Layout, marking: &mut Marking, n: Node<'_, '_>) {
    for p in n.descendants().filter(|d| is(*d, "P")) {
        block_of(out, marking, p);
    }
}

/// The certificate of enrollment as the HTM prints it: the bill's name, chapter, legislature and session,
/// caption, effective date, each house's passage with its signer, the clerk's certificate, approval and
/// filing.
fn certificate(cert: Node<'_, '_>, heading: Option<Node<'_, '_>>, out: &mut Layout, marking: &mut Marking) {
    out.para("CERTIFICATION OF ENROLLMENT");
    out.para(&field(heading, "LongBillId"));
    if let Some(ch) = child(cert, "ChapterLaw") {
        let year = ch.attribute("year").unwrap_or_default();
        out.para(&format!("Chapter {}, Laws of {year}", plain(ch)));
    }
    out.para(&field(heading, "Legislature").to_uppercase());
    out.para(&field(heading, "Session").to_uppercase());
    out.para(&field(Some(cert), "SessionLawCaption"));
    if let Some(e) = child(cert, "EffectiveDate") {
        out.text(Change::Same, "EFFECTIVE DATE: ");
        inline(out, marking, e);
        out.end(Change::Same, BlockKind::Paragraph, None);
    }
    for d in cert.descendants().filter(|d| d.is_element()) {
        match d.tag_name().name() {
            "PassedBy" => {
                let (house, officer) = match d.attribute("chamber") {
                    Some("s") => ("Senate", "President of the Senate"),
                    _ => ("House", "Speaker of the House of Representatives"),
                };
                out.para(&format!("Passed by the {house} {}", field(Some(d), "PassedDate")));
                out.para(&format!(
                    "Yeas {} Nays {}",
                    field(Some(d), "Yeas"),
                    field(Some(d), "Nays")
                ));
                out.para(&field(Some(d), "Signer"));
                out.para(officer);
            }
            "Certificate" => {
                out.para("CERTIFICATE");
                paragraphs_in(out, marking, d);
                out.para(&field(Some(d), "Certifier"));
                out.para(&field(Some(d), "CertifierPosition"));
            }
            "ApprovedDate" => out.para(&format!("Approved {}", plain(d))),
            "FiledDate" => {
                out.para("FILED");
                out.para(&plain(d));
            }
            "Governor" => {
                out.para(&plain(d));
                out.para("Governor of the State of Washington");
            }
            // The Secretary of State's cell: its own paragraphs.
            "TDEnroll" if child(d, "P").is_some() => paragraphs_in(out, marking, d),
            _ => {}
        }
    }
}

/// The bill's heading as printed: its name, the house that amended it, its passage, legislature and
/// session, sponsors and first reading.
fn bill_heading(h: Node<'_, '_>, out: &mut Layout) {
    let f = |name: &str| field(Some(h), name);
    out.para(&f("LongBillId"));
    let amended = f("AsAmended");
    if !amended.is_empty() {
        out.para(&format!("AS AMENDED BY THE {amended}"));
    }
    if let Some(pl) = child(h, "PLMessage") {
        out.para(&format!(
            "{} - {}",
            field(Some(pl), "Message"),
            field(Some(pl), "PLSession")
        ));
    }
    out.para("State of Washington");
    out.para(&f("Legislature"));
    out.para(&f("Session"));
    let sponsors = f("Sponsors");
    if !sponsors.is_empty() {
        out.para(&format!("By {sponsors}"));
    }
    if let Some(history) = child(h, "BillHistory") {
        for d in history.children().filter(|c| c.is_element()) {
            out.para(&plain(d));
        }
    }
}

/// A bill section's header as one line: `NEW SECTION.` for a new section, its number, its caption or
/// action line, and the first paragraph when the header holds it.
fn section_header(section: Node<'_, '_>, header: Node<'_, '_>, out: &mut Layout, marking: &mut Marking) {
    if section.attribute("type") == Some("new") {
        out.text(Change::Same, "NEW SECTION. ");
    }
    for c in header.children() {
        inline_nodes(out, marking, std::iter::once(c));
        // A caption runs into the text after it in print ("FINDINGS AND INTENT.(1) …"): a space keeps
        // the words apart.
        if is(c, "SectionCaption") {
            out.text(Change::Same, " ");
        }
    }
    out.end(marking.break_change(), BlockKind::Paragraph, None);
}

/// The bill's text: title, enacting clause, parts and sections with their paragraphs and tables (each
/// table cell's paragraphs a block, as printed).
fn body(b: Node<'_, '_>, out: &mut Layout, marking: &mut Marking) {
    let mut stack: Vec<Node<'_, '_>> = b.children().rev().collect();
    while let Some(n) = stack.pop() {
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "BillTitle" | "P" => block_of(out, marking, n),
            "EnactedClause" => {
                let text = plain(n);
                out.para(if text.is_empty() { ENACTING_CLAUSE } else { &text });
            }
            "BillSection" => {
                *marking = Marking::default();
                if let Some(h) = child(n, "BillSectionHeader") {
                    section_header(n, h, out, marking);
                }
                stack.extend(n.children().filter(|c| !is(*c, "BillSectionHeader")).rev());
            }
            "Caption" | "History" | "RCWNoteSection" | "BillSectionHeader" => {}
            _ => stack.extend(n.children().rev()),
        }
    }
}

/// Whether `root` is the Legislature's document element `name`.
fn is_wa(root: Node<'_, '_>, name: &str) -> bool {
    root.tag_name().name() == name
        && root
            .tag_name()
            .namespace()
            .is_some_and(|ns| ns.starts_with(NAMESPACE_PREFIX))
}

/// A `Bill`: its heading and its body.
fn bill(b: Node<'_, '_>, out: &mut Layout, marking: &mut Marking) {
    if let Some(h) = child(b, "BillHeading") {
        bill_heading(h, out);
    }
    if let Some(text) = child(b, "BillBody") {
        body(text, out, marking);
    }
}

/// Lay a Washington bill XML document out, with its change marks. A `CertifiedBill` (session law or
/// enrolled bill) and a `Bill` are read in full; an `Amendment`, whose layout this reader knows only from
/// the parts it shares with bills, is read paragraph by paragraph with its marks.
pub(super) fn layout(source_name: &str, text: &str) -> Result<Layout> {
    let doc = xml::parse(source_name, text)?;
    let root = doc.root_element();
    let mut out = Layout::new(Some("wa"));
    let mut marking = Marking::default();
    if is_wa(root, "CertifiedBill") {
        let b = child(root, "Bill");
        let heading = b.and_then(|b| child(b, "BillHeading"));
        if let Some(cert) = child(root, "EnrollingCertificate") {
            certificate(cert, heading, &mut out, &mut marking);
        }
        if let Some(b) = b {
            bill(b, &mut out, &mut marking);
        }
        if let Some(h) = child(root, "SLHistory") {
            paragraphs_in(&mut out, &mut marking, h);
        }
    } else if is_wa(root, "Bill") {
        bill(root, &mut out, &mut marking);
    } else if is_wa(root, "Amendment") {
        body(root, &mut out, &mut marking);
    } else {
        return Err(xml::unknown_root(source_name, root));
    }
    Ok(out)
}
