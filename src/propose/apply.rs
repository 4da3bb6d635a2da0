//! Applying a proposal: rules → text edits on the old body text → the amended bill, re-parsed.
//!
//! Every rule is turned into edits of the bill's canonical body text (what each kind of rule means is in
//! its own module under `rules`), all located in the text as it reads now, each tied to the change it
//! belongs to. The edits are checked not to overlap, spliced in, and the
//! result is parsed again by the same structure builder that read the bill, so the amended bill is the
//! same model as a parsed one (and relettered subdivisions get their new paths for free).

use super::proposal::{Proposal, Rule, RuleAt};
use super::rules::{self, Ctx, define::Define, rename::Rename};
use crate::error::{ProposalProblem, Result};
use crate::glossary::Glossary;
use crate::ingest::{InputFormat, decode};
use crate::model::{Bill, Span};
use crate::redline::{Change, Footnote, GlossaryNote};
use crate::terms::TermsReport;

pub use super::rules::define::sort_key;

/// A text edit of the old body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range replaced (empty for an insertion).
    pub span: Span,
    /// The new text.
    pub text: String,
    /// The change it belongs to.
    pub change: usize,
    /// The rule that made it (index into the proposal's rules).
    pub rule: usize,
}

/// The edits and changes of a whole proposal, before they are applied.
#[derive(Debug, Default)]
pub struct Plan {
    /// All edits.
    pub edits: Vec<Edit>,
    /// All changes; `changes[i]` made by rule `change_rule[i]`.
    pub changes: Vec<Change>,
    /// The rule behind each change.
    pub change_rule: Vec<usize>,
    /// Footnotes, one per rule, numbered in rule order.
    pub footnotes: Vec<Footnote>,
}

/// Turn a proposal into edits and changes against `bill`.
///
/// Renames run first, so definitions inserted later sort among the terms by their new names; then the
/// definitions, all of a section at once; then the text rules in the order written. Every edit is located
/// in the text as it reads now, so the order only matters for what the rules see of each other's names.
pub fn plan(bill: &Bill, report: &TermsReport, proposal: &Proposal, glossary: &Glossary) -> Result<Plan> {
    let mut cx = Ctx::new(bill, report, proposal);
    footnotes(&mut cx, glossary)?;
    for (i, r) in proposal.rules.iter().enumerate() {
        if let Rule::RenameTerm {
            from,
            to,
            derived,
            except,
            ..
        } = &r.rule
        {
            let rule = Rename {
                from,
                to,
                derived: *derived,
                except,
            };
            rules::rename::plan(&mut cx, i, &rule)?;
        }
    }
    let defines: Vec<Define<'_>> = proposal
        .rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.rule {
            Rule::DefineTerm {
                term, text, section, ..
            } => Some(Define {
                rule: i,
                term,
                text,
                section: section.as_deref(),
            }),
            _ => None,
        })
        .collect();
    if !defines.is_empty() {
        rules::define::plan(&mut cx, &defines)?;
    }
    for (i, r) in proposal.rules.iter().enumerate() {
        rules::text::plan(&mut cx, i, &r.rule)?;
    }
    no_overlaps(&mut cx)?;
    Ok(cx.plan)
}

/// One footnote per rule, numbered in rule order, checking the glossary entries it names.
fn footnotes(cx: &mut Ctx<'_>, glossary: &Glossary) -> Result<()> {
    for (i, RuleAt { rule, .. }) in cx.proposal.rules.iter().enumerate() {
        let why = rule.why();
        if why.rationale.trim().is_empty() {
            return Err(cx.err(i, ProposalProblem::EmptyRationale));
        }
        let mut notes = Vec::new();
        for id in &why.glossary {
            let e = glossary
                .get(id)
                .ok_or_else(|| cx.err(i, ProposalProblem::UnknownGlossaryEntry { id: id.clone() }))?;
            notes.push(GlossaryNote {
                id: e.id.clone(),
                term: e.term.clone(),
                definition: e.definition.clone(),
                note: e.note().to_string(),
                footnote: e.footnote.clone(),
            });
        }
        cx.plan.footnotes.push(Footnote {
            number: i + 1,
            rationale: why.rationale.trim().to_string(),
            glossary: notes,
        });
    }
    Ok(())
}

/// Sort the edits; two rules changing the same words is a conflict in the proposal, and an error. (The
/// same edit made twice, by two renames meeting in one phrase, is kept once.)
fn no_overlaps(cx: &mut Ctx<'_>) -> Result<()> {
    cx.plan.edits.sort_by_key(|e| (e.span.start, e.span.end));
    for w in cx.plan.edits.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let overlap = a.span.end > b.span.start || (a.span == b.span && a.span.is_empty() && a.rule != b.rule);
        if overlap && !(a.span == b.span && a.text == b.text) {
            let path = path_at(cx.bill, b.span.start);
            let (first, second) = (a.rule.min(b.rule), a.rule.max(b.rule));
            let other = cx.rule_ref(first);
            return Err(cx.err(second, ProposalProblem::Overlap { path, other }));
        }
    }
    cx.plan.edits.dedup_by(|a, b| a.span == b.span && a.text == b.text);
    Ok(())
}

fn path_at(bill: &Bill, at: usize) -> String {
    bill.body
        .walk()
        .filter(|p| p.span.start <= at)
        .last()
        .map_or_else(String::new, |p| p.path.clone())
}

/// Splice the edits into the old body text and parse the result into the amended bill.
pub fn amend(bill: &Bill, plan: &Plan) -> Result<Bill> {
    let old = &bill.body.text;
    let mut out = String::with_capacity(old.len() + 1024);
    let mut at = 0;
    for e in &plan.edits {
        out.push_str(&old[at..e.span.start]);
        out.push_str(&e.text);
        at = e.span.end;
    }
    out.push_str(&old[at..]);
    let doc = decode("amended bill", out.as_bytes(), Some(InputFormat::Text))?;
    Ok(crate::parse::reparsed(bill, &doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::propose::testing::{BILL, apply, bill, error, proposal};

    const RENAME: &str = "[[rules]]\nkind = \"rename-term\"\nfrom = \"covered model\"\nto = \"covered system\"\nrationale = \"  Systems act.  \"\n";
    const STRIKE: &str =
        "[[rules]]\nkind = \"strike-text\"\nat = \"22603(c)\"\ntext = \"not\"\nrationale = \"Let it out.\"\n";

    #[test]
    fn one_footnote_per_rule_in_rule_order() {
        let b = bill(BILL);
        let p = proposal(&format!("{RENAME}\n{STRIKE}"));
        let report = crate::terms::analyse(&b, &Glossary::default());
        let plan = plan(&b, &report, &p, &Glossary::default()).unwrap();
        let notes: Vec<(usize, &str)> = plan
            .footnotes
            .iter()
            .map(|f| (f.number, f.rationale.as_str()))
            .collect();
        assert_eq!(notes, [(1, "Systems act."), (2, "Let it out.")]);
        // Each change cites its rule's footnote, and the edits come sorted, each tied to a change of its rule.
        for (c, &rule) in plan.changes.iter().zip(&plan.change_rule) {
            assert_eq!(c.footnotes, [rule + 1]);
        }
        assert!(plan.edits.windows(2).all(|w| w[0].span.start <= w[1].span.start));
        assert!(plan.edits.iter().all(|e| plan.change_rule[e.change] == e.rule));
    }

    #[test]
    fn amend_splices_the_edits_and_parses_the_result() {
        let b = bill(BILL);
        let at = b.body.text.find("shall not").unwrap();
        let plan = Plan {
            edits: vec![Edit {
                span: Span {
                    start: at,
                    end: at + "shall not".len(),
                },
                text: "may".into(),
                change: 0,
                rule: 0,
            }],
            ..Plan::default()
        };
        let amended = amend(&b, &plan).unwrap();
        assert_eq!(
            amended.body.find("22603(c)").unwrap().text,
            "A frontier model may be released."
        );
        assert_eq!(amended.body.text, b.body.text.replace("shall not", "may"));
        assert_eq!(amended.meta, b.meta);
    }

    #[test]
    fn the_outcome_redlines_the_bill_into_the_amended_bill() {
        let out = apply(&format!("{RENAME}\n{STRIKE}")).unwrap();
        assert_eq!(out.redline.old_text(), bill(BILL).body.text);
        assert_eq!(out.redline.new_text(), out.amended.body.text);
        assert_eq!(out.redline.footnotes.len(), 2);
    }

    #[test]
    fn every_rule_says_why_and_names_real_glossary_entries() {
        let e = error("[[rules]]\nkind = \"strike-text\"\nat = \"22603(c)\"\ntext = \"not\"\nrationale = \" \"\n");
        assert!(
            e.contains("p.toml:4: rule 1 (strike-text at 22603(c)): rationale is empty: every rule says why"),
            "{e}"
        );
        let e = error(&format!("{STRIKE}glossary = [\"nope\"]\n"));
        assert!(e.contains("no glossary entry \"nope\""), "{e}");
    }

    #[test]
    fn two_rules_changing_the_same_words_conflict() {
        let replace = "[[rules]]\nkind = \"replace-text\"\nat = \"22603(a)\"\nfind = \"a covered model\"\nreplace = \"one\"\nrationale = \"r\"\n";
        let e = error(&format!("{RENAME}\n{replace}"));
        assert!(
            e.contains(
                "rule 2 (replace-text at 22603(a)): changes the same words in 22603(a) as rule 1 (rename-term “covered model”); add an `except` or merge the rules"
            ),
            "{e}"
        );
        // With the provision excepted from the rename, the two rules agree.
        let except = RENAME.replace("rationale", "except = [\"22603(a)\"]\nrationale");
        let out = apply(&format!("{except}\n{replace}")).unwrap();
        assert_eq!(
            out.amended.body.find("22603(a)").unwrap().text,
            "A developer shall, before training one, implement a safety protocol."
        );
    }
}
