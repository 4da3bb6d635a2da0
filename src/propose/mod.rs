//! Amendment proposals: rules → the amended bill → a redline with footnotes → a consistency check.
//!
//! A [`proposal::Proposal`] (read by `ingest::proposal`) is applied to a bill version by [`amend()`]: the rules
//! become text edits of the bill as it reads now (given its terms analysis) ([`apply::plan`], each kind of rule in its own module under
//! `rules`), the edits are spliced in and the result
//! re-parsed ([`apply::amend`]), the redline is computed between the two texts with the rules' changes
//! and footnotes attached, and the amended bill is checked ([`check`]). Everything is plain data for the
//! renderers.

pub mod apply;
pub mod check;
pub mod draft;
pub mod morph;
// The proposal file format is plain data in the model; its old path stays for callers.
pub use crate::model::proposal;
mod rules;
#[cfg(test)]
pub(crate) mod testing;

use crate::error::Result;
use crate::glossary::Glossary;
use crate::model::Bill;
use crate::redline::{Budget, Link, Redline};
use crate::terms::TermsReport;
use check::CheckFinding;
use proposal::Proposal;

/// A proposal applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The amended bill.
    pub amended: Bill,
    /// The redline from the bill to the amended bill.
    pub redline: Redline,
    /// What the consistency check found.
    pub findings: Vec<CheckFinding>,
}

/// Whether a proposal may be applied to the bill folder `bill_id` (`None`: a bill file, which names no
/// folder): a proposal that names its bill must name this one.
pub fn fits(proposal: &Proposal, bill_id: Option<&str>) -> Result<()> {
    match (proposal.bill.as_deref(), bill_id) {
        (Some(named), Some(id)) if !named.eq_ignore_ascii_case(id) => Err(crate::error::Error::ProposalForOtherBill {
            proposal_bill: named.to_string(),
            bill: id.to_string(),
        }),
        _ => Ok(()),
    }
}

/// A proposal's rules applied: the amended bill and the redline to it, before the consistency check.
#[derive(Debug, Clone, PartialEq)]
pub struct Amended {
    /// The amended bill.
    pub amended: Bill,
    /// The redline from the bill to the amended bill.
    pub redline: Redline,
}

/// Apply `proposal` to `bill`, given the bill's terms analysis: the amended bill and its redline. The
/// consistency check ([`check::check`]) reads the amended bill's analysis, which the caller makes
/// (`pipeline::propose` is the one way through): propose never analyses a bill.
pub fn amend(bill: &Bill, report: &TermsReport, proposal: &Proposal, glossary: &Glossary) -> Result<Amended> {
    let plan = apply::plan(bill, report, proposal, glossary)?;
    let amended = apply::amend(bill, &plan)?;
    let links: Vec<Link> = plan
        .edits
        .iter()
        .map(|e| Link {
            old: Some(e.span),
            new: None,
            change: e.change,
        })
        .collect();
    let redline = crate::redline::build(bill, &amended, plan.changes, &links, plan.footnotes, Budget::default());
    Ok(Amended { amended, redline })
}

#[cfg(test)]
mod tests {
    use super::testing;
    use crate::redline::Op;

    #[test]
    fn every_changed_word_is_explained_by_a_rule() {
        let out = testing::apply(
            "[[rules]]\nkind = \"rename-term\"\nfrom = \"covered model\"\nto = \"AI system\"\nrationale = \"r\"\n\n[[rules]]\nkind = \"define-term\"\nterm = \"deploy\"\ntext = \"“Deploy” means to put an AI system into use.\"\nrationale = \"r\"\n",
        )
        .unwrap();
        assert_eq!(out.redline.old_text(), testing::bill(testing::BILL).body.text);
        assert_eq!(out.redline.new_text(), out.amended.body.text);
        for s in out.redline.segments().filter(|s| s.op != Op::Equal) {
            assert!(!s.changes.is_empty(), "unexplained {:?} {:?}", s.op, s.text);
        }
        assert_eq!(out.redline.footnotes.len(), 2);
        // The amended bill is a parsed bill: the new definition has its path.
        assert!(out.amended.body.find("22602(d)").unwrap().text.starts_with("“Deploy”"));
    }
}
