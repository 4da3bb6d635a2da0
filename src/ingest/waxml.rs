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
    out.end(break_after(marking, n), BlockKind::Paragraph, None);
}

/// The paragraph break after `n`: struck inside a strike spanning paragraphs; only in the new text when
/// the next paragraph is an added one that carries the old paragraph's closing stop (`…license<add>;</add>`
/// then `<add>(e) Other than …</add>.`: the old text read "…license."); in both texts otherwise.
fn break_after(marking: &Marking, n: Node<'_, '_>) -> Change {
    if marking.open_strike {
        return Change::Struck;
    }
    match n.next_sibling_element() {
        Some(next) if is(next, "P") && carries_old_close(next) => Change::Added,
        _ => Change::Same,
    }
}

/// Whether paragraph `p` opens with added text and has nothing unmarked but closing punctuation.
fn carries_old_close(p: Node<'_, '_>) -> bool {
    let mut kids = p
        .children()
        .filter(|c| !(c.is_text() && c.text().unwrap_or_default().trim().is_empty()));
    let opens_added = kids.next().is_some_and(|c| c.attribute("amendingStyle") == Some("add"));
    let mut rest = String::new();
    for c in kids {
        if c.is_text() {
            rest.push_str(c.text().unwrap_or_default());
        } else if c.attribute("amendingStyle").is_none() {
            // Unmarked markup inside: more than punctuation.
            return false;
        }
    }
    let rest = rest.trim();
    opens_added && !rest.is_empty() && rest.chars().all(|c| ".;:,".contains(c))
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
    out.end(break_after(marking, header), BlockKind::Paragraph, None);
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
                close_strike(out, marking);
                if let Some(h) = child(n, "BillSectionHeader") {
                    section_header(n, h, out, marking);
                }
                stack.extend(n.children().filter(|c| !is(*c, "BillSectionHeader")).rev());
            }
            "Caption" | "History" | "RCWNoteSection" | "BillSectionHeader" => {}
            _ => stack.extend(n.children().rev()),
        }
    }
    close_strike(out, marking);
}

/// End a strike spanning paragraphs that its bill section left open (a missing `strikemarkright`): the
/// paragraph it struck the break of ends here in both texts.
fn close_strike(out: &mut Layout, marking: &mut Marking) {
    if std::mem::take(&mut marking.open_strike) {
        out.end(Change::Same, BlockKind::Paragraph, None);
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
        out.body_starts();
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
    // Struck and added runs are the bill's changes to the sections of the Revised Code it amends.
    out.marks_against_law();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, XmlProblem};
    use crate::ingest::{Block, Document, InputFormat, Side};

    const NS: &str = "http://leg.wa.gov/2012/document";

    /// A bill with one new section (caption and first paragraph in the header) and one amendatory section
    /// (action line, catchline, RCW history and notes), in the Legislature's markup.
    fn bill(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?><CertifiedBill type="sl" xmlns="{NS}"><EnrollingCertificate type="hBill"><ChapterLaw year="2021">215</ChapterLaw><SessionLawCaption>CIVIL PROTECTION ORDERS</SessionLawCaption></EnrollingCertificate><Bill type="bill"><BillHeading><ShortBillId>HB 1.SL</ShortBillId><LongBillId>HOUSE BILL 1</LongBillId><Legislature>67th Legislature</Legislature><Session>2021 Regular Session</Session><Sponsors>Representative Goodman</Sponsors></BillHeading><BillBody><BillTitle>AN ACT Relating to orders.</BillTitle><EnactedClause /><Part><P>PART I</P><P>FINDINGS</P></Part>{body}</BillBody></Bill></CertifiedBill>"#
        )
    }

    const NEW_SECTION: &str = r#"<BillSection type="new"><BillSectionHeader><BillSectionNumber><TextRun>Sec. </TextRun><Value>1</Value><TextRun>.  </TextRun></BillSectionNumber><SectionCaption>FINDINGS AND INTENT.</SectionCaption><P>(1) A no<Hyphen type="nobreak" />contact order.</P></BillSectionHeader><P>(2) Petitioner<Leader character="dot" /></P></BillSection>"#;

    const AMENDATORY: &str = r#"<BillSection type="amendatory" action="amend"><BillSectionHeader><BillSectionNumber><TextRun>Sec. </TextRun><Value>2</Value><TextRun>.  </TextRun></BillSectionNumber><SectionCite><TextRun>RCW </TextRun><TitleNumber>9</TitleNumber><TextRun>.</TextRun><ChapterNumber>41</ChapterNumber><TextRun>.</TextRun><SectionNumber>040</SectionNumber></SectionCite> and 2020 c 29 s 4 are each amended to read as follows:<Caption>Unlawful possession<TextRun>—</TextRun>Penalties.</Caption></BillSectionHeader>
<P>(1) Under <TextRun amendingStyle="strike">eighteen</TextRun> <TextRun amendingStyle="add">18</TextRun> years.</P>
<P>(b) <TextRun amendingStyle="strikemarkleft">Old (b) text.</TextRun></P>
<P><TextRun amendingStyle="strikemarknone">(c) Old (c) text.</TextRun></P>
<P><TextRun amendingStyle="strikemarkright">(d)</TextRun> Kept text.</P>
<P>(e) A license<TextRun amendingStyle="add">;</TextRun></P>
<P><TextRun amendingStyle="add">(f) A new paragraph</TextRun>.</P>
<History>2020 c 29 § 4.</History><RCWNoteSection><AnnNote><NoteP>Effective date.</NoteP></AnnNote></RCWNoteSection></BillSection>"#;

    fn read(xml: &str) -> Document {
        layout("t.xml", xml).unwrap().into_document("t.xml", InputFormat::WaXml)
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn a_session_law_reads_as_the_htm_prints_it() {
        let d = read(&bill(NEW_SECTION));
        assert_eq!(d.style.as_deref(), Some("wa"));
        assert_eq!(
            texts(&d.blocks),
            [
                "CERTIFICATION OF ENROLLMENT",
                "HOUSE BILL 1",
                "Chapter 215, Laws of 2021",
                "67TH LEGISLATURE",
                "2021 REGULAR SESSION",
                "CIVIL PROTECTION ORDERS",
                "HOUSE BILL 1",
                "State of Washington",
                "67th Legislature",
                "2021 Regular Session",
                "By Representative Goodman",
                "AN ACT Relating to orders.",
                "BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF WASHINGTON:",
                "PART I",
                "FINDINGS",
                "NEW SECTION. Sec. 1. FINDINGS AND INTENT. (1) A no-contact order.",
                "(2) Petitioner. . . .",
            ]
        );
        assert!(d.marks.is_none(), "no change marks");
        assert!(d.terms.is_none(), "the format marks no definitions");
    }

    /// An amended RCW section: the action line alone (its catchline, history and notes are not printed),
    /// added text in the new text, struck text in the old; a strike spanning paragraphs strikes the
    /// breaks inside it, and an added paragraph carrying the old closing stop adds the break before it.
    #[test]
    fn change_marks_give_both_texts() {
        let d = read(&bill(AMENDATORY));
        let after = texts(&d.blocks);
        let at = after.iter().position(|t| t.starts_with("Sec. 2.")).unwrap();
        assert_eq!(
            &after[at..],
            [
                "Sec. 2. RCW 9.41.040 and 2020 c 29 s 4 are each amended to read as follows:",
                "(1) Under 18 years.",
                "(b) Kept text.",
                "(e) A license;",
                "(f) A new paragraph.",
            ]
        );
        let before_doc = d.side(Side::Before).unwrap();
        let before = texts(&before_doc.blocks);
        let at = before.iter().position(|t| t.starts_with("Sec. 2.")).unwrap();
        assert_eq!(
            &before[at + 1..],
            [
                "(1) Under eighteen years.",
                "(b) Old (b) text.",
                "(c) Old (c) text.",
                "(d) Kept text.",
                "(e) A license.",
            ]
        );
    }

    /// A strike whose closing mark is missing ends with its bill section: the next section's paragraphs
    /// stay apart.
    #[test]
    fn an_unclosed_strike_ends_with_its_section() {
        let open = r#"<BillSection type="amendatory"><BillSectionHeader><BillSectionNumber>Sec. 3.</BillSectionNumber></BillSectionHeader><P>(1) <TextRun amendingStyle="strikemarkleft">Gone.</TextRun></P></BillSection>"#;
        let d = read(&bill(&format!("{open}{NEW_SECTION}")));
        let t = texts(&d.blocks);
        assert!(t.contains(&"(2) Petitioner. . . ."), "{t:?}");
        assert!(t.contains(&"NEW SECTION. Sec. 1. FINDINGS AND INTENT. (1) A no-contact order."));
    }

    #[test]
    fn a_bill_without_certificate_and_deep_nesting_read() {
        let deep = format!(
            "{}x{}",
            r#"<TextRun amendingStyle="add">"#.repeat(5000),
            "</TextRun>".repeat(5000)
        );
        let xml = format!(
            r#"<Bill xmlns="{NS}"><BillHeading><LongBillId>HOUSE BILL 2</LongBillId></BillHeading><BillBody><BillSection type="new"><BillSectionHeader><BillSectionNumber>Sec. 1. </BillSectionNumber><P>{deep}</P></BillSectionHeader></BillSection></BillBody></Bill>"#
        );
        let d = read(&xml);
        assert_eq!(d.blocks[0].text, "HOUSE BILL 2");
        assert_eq!(d.blocks.last().unwrap().text, "NEW SECTION. Sec. 1. x");
    }

    #[test]
    fn bad_xml_is_one_error_naming_the_problem() {
        let xml = bill(AMENDATORY);
        let e = layout("cut.xml", &xml[..xml.len() / 2]).unwrap_err();
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
        for other in [
            format!(r#"<?xml version="1.0"?><Recipe xmlns="{NS}"/>"#),
            r#"<?xml version="1.0"?><CertifiedBill xmlns="http://example.com/other"/>"#.to_string(),
        ] {
            let e = layout("other.xml", &other).unwrap_err();
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
}
