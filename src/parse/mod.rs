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
pub mod xref;

use crate::error::{Error, NotABillReason, Result};
use crate::ingest::{Document, ManifestVersion, library::Manifest};
use crate::model::{Bill, HistoryEntry, Measure};

/// Parse a document into a bill.
pub fn bill(doc: &Document) -> Result<Bill> {
    let first_section = doc
        .blocks
        .iter()
        .position(|b| grammar::bill_section_marker(&b.text).is_ok())
        .ok_or_else(|| Error::NotABill {
            source_name: doc.source_name.clone(),
            reason: NotABillReason::NoBillSections,
        })?;
    let header_blocks: Vec<&str> = doc.blocks[..first_section].iter().map(|b| b.text.as_str()).collect();
    let (meta, digest) = header::parse(&header_blocks);
    let (body, warnings) = structure::build(&doc.blocks[first_section..]);
    Ok(Bill {
        meta,
        digest,
        body,
        warnings,
    })
}

/// Fill what the text itself does not say from the bill folder's manifest: jurisdiction, session, measure,
/// and — for transcriptions without a header — the version's stage and date.
pub fn with_manifest(mut bill: Bill, manifest: &Manifest, version: &ManifestVersion) -> Bill {
    let meta = &mut bill.meta;
    meta.jurisdiction.get_or_insert_with(|| manifest.jurisdiction.clone());
    meta.session.get_or_insert_with(|| manifest.session.clone());
    if meta.measure.is_none() {
        meta.measure = manifest.measure.split_once(' ').and_then(|(k, n)| {
            Some(Measure {
                kind: k.to_string(),
                number: n.trim().parse().ok()?,
            })
        });
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
