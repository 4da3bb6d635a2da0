//! Assembling a comment letter: the letter checked, its bill opened and analysed once, its proposal applied.

use crate::error::Result;
use crate::ingest;
use std::path::Path;

/// A comment letter's content from a checked letter, its bill version opened and analysed (by the caller:
/// the web UI's letter page passes the analysis it keeps), and the proposal it attaches: apply the
/// proposal, assemble. The CLI's `comment` comes through [`letter_file`].
pub fn letter(
    letter: crate::letter::Letter,
    opened: &super::Opened,
    report: &crate::terms::TermsReport,
    proposal: Option<crate::propose::proposal::Proposal>,
    glossary: &crate::glossary::Glossary,
) -> Result<crate::letter::Content> {
    let proposal = match proposal {
        Some(proposal) => {
            crate::propose::fits(&proposal, opened.source.bill.as_deref())?;
            let outcome = super::propose(&opened.bill, report, &proposal, glossary)?;
            Some((proposal, outcome))
        }
        None => None,
    };
    Ok(crate::letter::assemble(
        letter,
        &opened.bill,
        report,
        glossary,
        proposal,
    ))
}

/// A letter file's content: read and check it, find its bill and proposal beside it, then [`letter`].
pub fn letter_file(path: &Path, glossary: &crate::glossary::Glossary) -> Result<crate::letter::Content> {
    let name = path.display().to_string();
    let raw = ingest::letter::read(path)?;
    let checked = crate::letter::validate(&raw, &name)?;
    let located = ingest::letter::locate(path, &checked.bill, checked.proposal.as_deref())?;
    let proposal = located.proposal.as_deref().map(ingest::proposal::read).transpose()?;
    let opened = super::open(&located.bill, checked.version.as_deref(), None)?;
    let report = crate::terms::analyse(&opened.bill, glossary);
    letter(checked, &opened, &report, proposal, glossary)
}
