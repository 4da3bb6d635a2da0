//! Assembling a comment letter: the letter checked, its bill opened and analysed, its proposal applied.

use crate::error::Result;
use crate::ingest;
use std::path::Path;

/// A comment letter's content from a checked letter, its bill folder and the proposal it attaches (read
/// by the caller): open the bill version, analyse the terms, apply the proposal, assemble. The web UI's
/// letter page comes through here, and the CLI's `comment` through [`letter_file`].
pub fn letter(
    letter: crate::letter::Letter,
    bill: &Path,
    proposal: Option<crate::propose::proposal::Proposal>,
    glossary: &crate::glossary::Glossary,
) -> Result<crate::letter::Content> {
    let opened = super::open(bill, letter.version.as_deref(), None)?;
    let report = crate::terms::analyse(&opened.bill, glossary);
    let proposal = match proposal {
        Some(proposal) => {
            crate::propose::fits(&proposal, opened.source.bill.as_deref())?;
            let outcome = crate::propose::apply(&opened.bill, &proposal, glossary)?;
            Some((proposal, outcome))
        }
        None => None,
    };
    Ok(crate::letter::assemble(
        letter,
        &opened.bill,
        &report,
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
    letter(checked, &located.bill, proposal, glossary)
}
