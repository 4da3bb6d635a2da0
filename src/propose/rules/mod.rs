//! The rules of a proposal, one room per kind: what each rule means as text edits of the bill.
//!
//! A rule never touches the text directly. It reads the bill as it is now (the parsed tree and the terms
//! analysis made once for the whole proposal) and records, in the [`Ctx`] shared by all rules, the changes
//! it makes (the meaning: a rename, a definition inserted, a subdivision relettered) and the edits that
//! carry them out (byte ranges of the old body text and their new text). Because every edit is located in
//! the text as it reads now, the rules do not depend on each other's edits; [`super::apply::plan`] decides
//! the order they run in and checks that no two of them change the same words.
//!
//! - [`rename`]: rename a defined term everywhere the analysis links it, in the right word form;
//! - [`define`]: insert a definition in alphabetical order, relettering what follows and the
//!   cross-references to it;
//! - [`text`]: replace, strike or insert exact words in one provision, guarded by the words as they read.

pub(crate) mod define;
pub(crate) mod rename;
pub(crate) mod text;

use super::apply::{Edit, Plan};
use super::proposal::Proposal;
use crate::error::{Error, ProposalProblem, Result, RuleAbout, RuleRef, RuleSummary};
use crate::model::proposal::Rule;
use crate::model::{Bill, Provision, Span};
use crate::redline::{Change, ChangeKind};
use crate::terms::{TermsReport, matcher::tokenize};
use std::collections::HashMap;

/// What the rules share while a proposal is planned: the bill as it reads now and the plan so far.
pub(crate) struct Ctx<'a> {
    /// The bill the proposal amends.
    pub(crate) bill: &'a Bill,
    /// Its terms analysis, made once.
    pub(crate) report: &'a TermsReport,
    /// The proposal, for its rules and for messages.
    pub(crate) proposal: &'a Proposal,
    /// The edits and changes made so far.
    pub(crate) plan: Plan,
    /// Renamed terms: old normalized name → new name. Renames run first so that definitions inserted
    /// afterwards sort among the terms by their new names.
    pub(crate) renamed: HashMap<String, String>,
}

impl<'a> Ctx<'a> {
    /// A fresh context with an empty plan.
    pub(crate) fn new(bill: &'a Bill, report: &'a TermsReport, proposal: &'a Proposal) -> Ctx<'a> {
        Ctx {
            bill,
            report,
            proposal,
            plan: Plan::default(),
            renamed: HashMap::new(),
        }
    }

    /// An error in rule `i`, pointing at the line it starts on.
    pub(crate) fn err(&self, i: usize, problem: ProposalProblem) -> Error {
        let r = &self.proposal.rules[i];
        Error::Proposal {
            source_name: self.proposal.source_name.clone(),
            line: Some(r.line),
            rule: Some(self.rule_ref(i)),
            problem: Box::new(problem),
        }
    }

    /// Rule `i` as an error names it.
    pub(crate) fn rule_ref(&self, i: usize) -> RuleRef {
        RuleRef {
            number: i + 1,
            rule: Some(summary(&self.proposal.rules[i].rule)),
        }
    }

    /// Record a change made by rule `rule`, starting at byte `at` of the old text; returns its index.
    pub(crate) fn change(&mut self, rule: usize, at: usize, kind: ChangeKind) -> usize {
        self.plan.changes.push(Change {
            kind,
            at,
            footnotes: vec![rule + 1],
        });
        self.plan.change_rule.push(rule);
        self.plan.changes.len() - 1
    }

    /// Record an edit of the old text `start..end` that carries out change `change`.
    pub(crate) fn edit(&mut self, rule: usize, change: usize, start: usize, end: usize, text: String) {
        self.plan.edits.push(Edit {
            span: Span { start, end },
            text,
            change,
            rule,
        });
    }

    /// The provision rule `i` names, or an error in the rule's terms.
    pub(crate) fn provision(&self, i: usize, at: &str) -> Result<&'a Provision> {
        let bill: &'a Bill = self.bill;
        crate::parse::path::find(bill, "the bill", at).map_err(|e| match e {
            Error::ProvisionNotFound { path, hint, .. } => self.err(i, ProposalProblem::NoProvision { path, hint }),
            Error::BadPath { path, why } => self.err(i, ProposalProblem::BadPath { path, why }),
            e => e,
        })
    }
}

/// A rule's kind and what it is about, the way the proposal file writes it (for errors).
fn summary(rule: &Rule) -> RuleSummary {
    let about = match rule {
        Rule::RenameTerm { from, .. } => RuleAbout::Term(from.clone()),
        Rule::DefineTerm { term, .. } => RuleAbout::Term(term.clone()),
        Rule::ReplaceText { at, .. } | Rule::StrikeText { at, .. } | Rule::InsertText { at, .. } => {
            RuleAbout::At(at.clone())
        }
    };
    RuleSummary {
        kind: rule.kind().to_string(),
        about,
    }
}

/// The lowercase words of `s`, as the terms matcher splits them.
pub(crate) fn words(s: &str) -> Vec<String> {
    tokenize(s).into_iter().map(|t| t.lower).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::propose::testing::{BILL, bill, proposal};

    #[test]
    fn errors_name_the_rule_and_its_line() {
        let b = bill(BILL);
        let p = proposal("[[rules]]\nkind = \"strike-text\"\nat = \"22603(c)\"\ntext = \"not\"\nrationale = \"r\"\n");
        let report = crate::terms::analyse(&b, &crate::glossary::Glossary::default());
        let cx = Ctx::new(&b, &report, &p);
        assert_eq!(
            cx.err(0, ProposalProblem::EmptyText).to_string(),
            "p.toml:4: rule 1 (strike-text at 22603(c)): `text` is empty"
        );
        assert_eq!(cx.provision(0, "22603(c)").unwrap().path, "22603(c)");
        let e = cx.provision(0, "22603(q)").err().unwrap().to_string();
        assert!(
            e.starts_with("p.toml:4: rule 1 (strike-text at 22603(c)): no provision \"22603(q)\""),
            "{e}"
        );
    }

    #[test]
    fn changes_and_edits_are_tied_to_their_rule() {
        let b = bill(BILL);
        let p = proposal("[[rules]]\nkind = \"strike-text\"\nat = \"22603(c)\"\ntext = \"not\"\nrationale = \"r\"\n");
        let report = crate::terms::analyse(&b, &crate::glossary::Glossary::default());
        let mut cx = Ctx::new(&b, &report, &p);
        let kind = ChangeKind::Strike {
            location: crate::redline::Location::of(&b, "22603(c)"),
            text: "not".into(),
        };
        let c = cx.change(0, 7, kind);
        cx.edit(0, c, 7, 10, String::new());
        assert_eq!((c, cx.plan.change_rule.as_slice()), (0, &[0][..]));
        assert_eq!(cx.plan.changes[0].footnotes, [1]);
        assert_eq!(cx.plan.edits[0].span, Span { start: 7, end: 10 });
        // Words compare as the matcher normalises them: lowercase, straight apostrophes.
        assert_eq!(words("Covered model’s"), ["covered", "model's"]);
    }
}
