//! Tiny bills and proposals written inline for the propose stage's unit tests, read by the crate's own
//! parsers (as `billdiff` reads a `.txt` bill and a proposal's TOML), so a test reads like the bill it is
//! about.

use super::proposal::Proposal;
use crate::glossary::Glossary;
use crate::ingest::{InputFormat, decode};
use crate::model::Bill;

/// A definitions section, 22602, lettered (a)–(f) in alphabetical order: "covered model" (b) with a
/// derived term (c), "developer" (d) citing "subdivision (e)", "frontier model" (e). Section 22603 uses
/// the terms in their word forms: "a covered model", "A Covered model’s", "covered models", capitals.
pub(crate) const BILL: &str = "SECTION 1.
Chapter 1 (commencing with Section 22602) is added to the Example Code, to read:

22602.
As used in this chapter:

(a) “Artificial intelligence” means an engineered system that infers from its input how to generate outputs.

(b) “Covered model” means an artificial intelligence model trained using more than 10^26 operations.

(c) “Covered model derivative” means a copy of a covered model.

(d) “Developer” means a person that trains a model meeting the criteria in subdivision (e).

(e) “Frontier model” means a covered model of the greatest size.

(f) “Safety protocol” means documented procedures a developer follows.

22603.
(a) A developer shall, before training a covered model, implement a safety protocol.

(b) A Covered model’s weights, and the weights of all covered models and covered model derivatives, shall be protected by the developer.

(c) A frontier model shall not be released.

(d) COVERED MODELS SHALL BE TESTED.
";

/// A bill from its text.
pub(crate) fn bill(text: &str) -> Bill {
    crate::parse::bill(&decode("t", text.as_bytes(), Some(InputFormat::Text)).unwrap()).unwrap()
}

/// A proposal from its `[[rules]]` tables.
pub(crate) fn proposal(rules: &str) -> Proposal {
    crate::ingest::proposal::parse("p.toml", &format!("title = \"T\"\nsummary = \"S\"\n\n{rules}")).unwrap()
}

/// The rules applied to [`BILL`], with an empty glossary, and the amended bill checked.
pub(crate) fn apply(rules: &str) -> crate::error::Result<super::Outcome> {
    outcome(&bill(BILL), &proposal(rules))
}

/// `proposal` applied to `bill` and checked, with an empty glossary, as `pipeline::propose` does it.
pub(crate) fn outcome(bill: &Bill, proposal: &Proposal) -> crate::error::Result<super::Outcome> {
    let g = Glossary::default();
    let report = crate::terms::analyse(bill, &g);
    let super::Amended { amended, redline } = super::amend(bill, &report, proposal, &g)?;
    let findings = super::check::check(&report, &crate::terms::analyse(&amended, &g), &amended, proposal);
    Ok(super::Outcome {
        amended,
        redline,
        findings,
    })
}

/// The error applying the rules to [`BILL`] gives, as the CLI prints it.
pub(crate) fn error(rules: &str) -> String {
    match apply(rules) {
        Ok(_) => panic!("the rules applied: {rules}"),
        Err(e) => e.to_string(),
    }
}

/// The text of provision `path` of the amended bill.
pub(crate) fn amended(out: &super::Outcome, path: &str) -> String {
    out.amended
        .body
        .find(path)
        .unwrap_or_else(|| panic!("no {path} in the amended bill"))
        .text
        .clone()
}
