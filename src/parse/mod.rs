//! Parse: from the blocks `ingest` read to the bill model.
//!
//! The blocks before the first bill section (`SECTION 1.`) are the header — version history, measure,
//! authors, title, the Legislative Counsel's Digest — and are read by `header`; the rest is the body,
//! built into the provision tree by `structure`. The small grammars (labels, markers, dates, citations,
//! action lines, provision paths) are nom parsers in [`grammar`], [`citation`], [`action`] and [`path`].

pub mod action;
pub mod citation;
pub mod grammar;
mod header;
pub mod path;
mod structure;
pub mod style;
pub mod xref;

use crate::error::{Error, NotABillReason, Result};
use crate::ingest::{Document, ManifestVersion, library::Manifest};
use crate::model::{Bill, DocumentKind, HistoryEntry};
pub use style::Style;

/// Parse a document into a bill, in the drafting style detected from its text.
pub fn bill(doc: &Document) -> Result<Bill> {
    bill_in(doc, None)
}

/// Parse a document into a bill in `style` (detected from the text when `None`).
///
/// Where the body starts, and what kind of document it is, follows from the markers found: the first bill
/// section starts a bill's body (what comes before is its header: history, measure, title, digest); with no
/// bill section, the first section of law or container heading starts an act or code text; with neither,
/// a run of labeled provisions is a fragment. A text with none of these has no legal structure: not a bill.
pub fn bill_in(doc: &Document, style: Option<&Style>) -> Result<Bill> {
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    // The user's choice, else the style the format itself names (USLM is federal), else what the text
    // reads like.
    let style = style
        .or_else(|| doc.style.as_deref().and_then(style::by_id))
        .unwrap_or_else(|| style::detect(&texts));
    let first_bill = texts
        .iter()
        .position(|t| !t.starts_with(['“', '"']) && grammar::bill_section_marker(style, t).is_some());
    let (kind, start) = match first_bill {
        // A bill-level heading just before the first section (`PART I`, its title) opens the body.
        Some(i) => (DocumentKind::Bill, i - leading_bill_heading(style, &texts[..i])),
        None => {
            let first_law = texts
                .iter()
                .position(|t| structure::opens_law_unit(style, t.trim_start_matches(['“', '"'])));
            let labeled = texts.iter().filter(|t| grammar::label_chain(style, t).is_ok()).count();
            // A resolution with one unnumbered section: its resolving clause ("Resolved by the Senate (the
            // House of Representatives concurring), That—") opens the body, its paragraphs at the top.
            let resolved = texts
                .iter()
                .position(|t| t.starts_with("Resolved") || t.starts_with("RESOLVED"))
                .filter(|&i| i + 1 < texts.len() || texts[i].split_whitespace().count() > 8);
            match first_law {
                _ if resolved.is_some() && first_law.is_none_or(|l| Some(l) > resolved) => {
                    (DocumentKind::Bill, resolved.expect("checked"))
                }
                // A section with no labels and no "shall" is law when the markup says so.
                Some(i)
                    if labeled > 0
                        || doc.kind == Some(DocumentKind::Code)
                        || texts[i..].iter().any(|t| t.contains(" shall ")) =>
                {
                    (style.unbilled, i)
                }
                _ if labeled >= 2 && legal_words(&texts) => (DocumentKind::Fragment, 0),
                _ => {
                    return Err(Error::NotABill {
                        source_name: doc.source_name.clone(),
                        reason: NotABillReason::NoBillSections,
                    });
                }
            }
        }
    };
    // The reader knows where an XML document's body starts: nothing before it is body, whatever it reads
    // like (the UK's `2014 Chapter 27` is a citation, not section 2014).
    let start = match doc.body_start {
        Some(b) if b > start && b < texts.len() => b,
        _ => start,
    };
    let header_blocks = &texts[..start];
    let (mut meta, digest) = header::parse(header_blocks);
    if meta.measure.is_none() {
        meta.measure = header::measure(style, header_blocks);
    }
    let (session, introduced) = header::session_and_date(header_blocks);
    if meta.session.is_none() {
        meta.session = session;
    }
    // A reprint after amendment (`1646--A`) still prints the day the bill was introduced, not its own.
    let reprint = meta.measure.as_ref().is_some_and(|m| m.suffix.is_some());
    if let (true, false, Some(date)) = (meta.history.is_empty(), reprint, introduced) {
        meta.history.push(HistoryEntry {
            stage: crate::model::Stage::Introduced,
            house: None,
            date,
        });
    }
    meta.jurisdiction = Some(style.jurisdiction.clone());
    // A resolution's paragraphs stand at the top, as a fragment's do.
    let top_level = kind != DocumentKind::Bill || first_bill.is_none();
    let (body, warnings) = structure::build(style, &doc.blocks[start..], top_level);
    Ok(Bill {
        kind,
        style: style.id.clone(),
        meta,
        digest,
        body,
        warnings,
    })
}

/// How many blocks before the first bill section are a bill-level heading and its title.
fn leading_bill_heading(style: &Style, before: &[&str]) -> usize {
    let is_heading = |t: &str| grammar::container_marker(style, t).is_some_and(|(c, _)| c.bill_level);
    match before {
        [.., h, _] if is_heading(h) => 2,
        [.., h] if is_heading(h) => 1,
        _ => 0,
    }
}

/// Whether a run of labeled paragraphs reads as law (a definitions list, obligations), not as any list.
fn legal_words(texts: &[&str]) -> bool {
    const WORDS: &[&str] = &[
        " means ",
        " shall ",
        " must ",
        " includes ",
        " pursuant to ",
        " section ",
        " subdivision ",
    ];
    texts.iter().any(|t| {
        let t = format!(" {} ", t.to_lowercase());
        WORDS.iter().any(|w| t.contains(w))
    })
}

/// `bill` with a new body: `doc` (an amended bill's body text, say) parsed in the style and kind of the
/// bill it came from, the whole document as body; the header (meta, digest) is the bill's.
pub fn reparsed(bill: &Bill, doc: &Document) -> Bill {
    let style = style::by_id(&bill.style).unwrap_or_else(style::california);
    let (body, warnings) = structure::build(style, &doc.blocks, bill.kind != DocumentKind::Bill);
    Bill {
        kind: bill.kind,
        style: bill.style.clone(),
        meta: bill.meta.clone(),
        digest: bill.digest.clone(),
        body,
        warnings,
    }
}

/// Fill what the text itself does not say from the bill folder's manifest: jurisdiction, session, measure,
/// and — for transcriptions without a header — the version's stage and date.
pub fn with_manifest(mut bill: Bill, manifest: &Manifest, version: &ManifestVersion) -> Bill {
    let meta = &mut bill.meta;
    meta.jurisdiction = Some(manifest.jurisdiction.clone());
    meta.session.get_or_insert_with(|| manifest.session.clone());
    if meta.measure.is_none() {
        meta.measure = header::designation_as_written(&manifest.measure);
    }
    meta.subject.get_or_insert_with(|| manifest.title.clone());
    if meta.history.is_empty() {
        meta.history.push(HistoryEntry {
            stage: version.stage,
            house: version.house,
            date: version.date,
        });
    }
    bill
}
