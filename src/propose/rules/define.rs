//! The `define-term` rule: a new definition, inserted in alphabetical order among the bill's definitions.
//!
//! California definitions sections letter their subdivisions (a), (b), (c) ... in alphabetical order of
//! the terms they define, so a new definition takes the letter of its place and every definition after
//! it moves down one letter; and every cross-reference to a moved subdivision ("the amount specified in
//! subdivision (e)") must follow it. Each new definition goes before the first existing definition that
//! sorts after it (by its name after any rename in the same proposal); existing definitions keep their
//! order, even when the bill had them out of order. Relettering is only attempted on a section lettered
//! as the plain sequence (a), (b), (c) ...: anything else is the drafter's call, and an error here.
//!
//! All the definitions a proposal adds to one section are placed together, so their letters and the
//! relettering of what follows are worked out once.

use super::Ctx;
use crate::error::{ProposalProblem, Result};
use crate::model::{Provision, ProvisionKind};
use crate::parse::grammar::{Level, alpha_ordinal, label_for};
use crate::parse::xref::Reference;
use crate::redline::{ChangeKind, Location};
use crate::terms::definitions::normalize_term;

/// A `define-term` rule as written.
pub(crate) struct Define<'r> {
    /// Its index in the proposal.
    pub(crate) rule: usize,
    /// The term.
    pub(crate) term: &'r str,
    /// The new subdivision's text, without its label.
    pub(crate) text: &'r str,
    /// The definitions section, if named.
    pub(crate) section: Option<&'r str>,
}

/// Sort key for definitions: letters and digits only, lowercase ("fine-tuning" sorts as "finetuning").
pub fn sort_key(term: &str) -> String {
    term.chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .to_lowercase()
}

/// A subdivision of the amended section: one already there, or the definition of a rule.
enum Item<'p, 'r> {
    Old(&'p Provision),
    New(&'r Define<'r>),
}

/// The section being changed and what it needs to know once.
struct Section<'p> {
    sec: &'p Provision,
    children: Vec<&'p Provision>,
    /// Cross-references in the bill, to follow the relettering.
    references: &'p [Reference],
    /// The rule the relettering is attributed to: the first definition inserted.
    first: usize,
    /// The rule errors about the section are reported on: the first naming it.
    rule: usize,
}

/// Plan all `define-term` rules of the proposal.
pub(crate) fn plan(cx: &mut Ctx<'_>, rules: &[Define<'_>]) -> Result<()> {
    let references = crate::parse::xref::references(cx.bill);
    for (sec, rules) in by_section(cx, rules)? {
        let children: Vec<&Provision> = sec
            .children
            .iter()
            .filter(|c| c.kind == ProvisionKind::Subdivision)
            .collect();
        let Some(first) = rules.first() else { continue };
        if children.is_empty() {
            return Err(cx.err(
                first.rule,
                ProposalProblem::NoSubdivisions {
                    section: sec.path.clone(),
                },
            ));
        }
        let new = check_new_terms(cx, &sec.path, &rules)?;
        // Relettering follows from the definitions inserted: attribute it to the first in order.
        let Some(attributed) = new.first().map(|d| d.rule) else {
            continue;
        };
        let items = order(cx, &children, new);
        let plain = children
            .iter()
            .enumerate()
            .all(|(k, c)| alpha_ordinal(&c.num) == Some(k as u32 + 1));
        if !plain {
            return Err(cx.err(
                first.rule,
                ProposalProblem::NotLettered {
                    section: sec.path.clone(),
                },
            ));
        }
        let s = Section {
            sec,
            children,
            references: &references,
            first: attributed,
            rule: first.rule,
        };
        letter(cx, &s, &items)?;
    }
    Ok(())
}

/// The rules grouped by the section they go into, in the order sections are first named.
fn by_section<'a, 'r>(cx: &Ctx<'a>, rules: &'r [Define<'r>]) -> Result<Vec<(&'a Provision, Vec<&'r Define<'r>>)>> {
    let mut out: Vec<(&'a Provision, Vec<&'r Define<'r>>)> = Vec::new();
    for d in rules {
        let sec = definitions_section(cx, d.rule, d.section)?;
        match out.iter_mut().find(|(s, _)| s.path == sec.path) {
            Some((_, v)) => v.push(d),
            None => out.push((sec, vec![d])),
        }
    }
    Ok(out)
}

/// The section a definition goes into: as given, or the one holding the most definitions.
fn definitions_section<'a>(cx: &Ctx<'a>, i: usize, section: Option<&str>) -> Result<&'a Provision> {
    if let Some(s) = section {
        return cx.provision(i, s);
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for d in &cx.report.definitions {
        let lineage = cx.bill.body.lineage(&d.location).unwrap_or_default();
        if let Some(sec) = lineage.iter().rev().find(|p| p.kind == ProvisionKind::CodeSection) {
            match counts.iter_mut().find(|(p, _)| *p == sec.path) {
                Some((_, n)) => *n += 1,
                None => counts.push((sec.path.clone(), 1)),
            }
        }
    }
    let best = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .ok_or_else(|| cx.err(i, ProposalProblem::NoDefinitionsSection))?;
    cx.provision(i, &best.0)
}

/// Check each new definition (text given, not yet defined there, mentions its term) and return the rules
/// in alphabetical order of their terms.
fn check_new_terms<'r>(cx: &Ctx<'_>, sec_path: &str, rules: &[&'r Define<'r>]) -> Result<Vec<&'r Define<'r>>> {
    let mut new: Vec<(&'r Define<'r>, String)> = Vec::new();
    for d in rules {
        let t = normalize_term(d.term);
        if d.text.trim().is_empty() {
            return Err(cx.err(d.rule, ProposalProblem::EmptyText));
        }
        let defined = cx
            .report
            .definitions
            .iter()
            .any(|x| x.term == t && (x.scope.anchor == "bill" || x.scope.covers.iter().any(|c| c == sec_path)));
        if defined || new.iter().any(|(_, n)| *n == t) {
            return Err(cx.err(
                d.rule,
                ProposalProblem::AlreadyDefined {
                    term: d.term.to_string(),
                    section: sec_path.to_string(),
                },
            ));
        }
        if !d.text.to_lowercase().contains(&t) {
            return Err(cx.err(
                d.rule,
                ProposalProblem::TextOmitsTerm {
                    term: d.term.to_string(),
                },
            ));
        }
        new.push((d, t));
    }
    new.sort_by_key(|(_, t)| sort_key(t));
    Ok(new.into_iter().map(|(d, _)| d).collect())
}

/// The term a subdivision defines (its first definition), with renames applied.
fn defined_by(cx: &Ctx<'_>, child: &Provision) -> Option<String> {
    let nested = format!("{}(", child.path);
    cx.report
        .definitions
        .iter()
        .find(|d| d.location == child.path || d.location.starts_with(&nested))
        .map(|d| cx.renamed.get(&d.term).cloned().unwrap_or_else(|| d.term.clone()))
}

/// The subdivisions in their final order: each new definition (taken alphabetically) goes before the first
/// existing definition that sorts after it, or at the end.
fn order<'p, 'r>(cx: &Ctx<'_>, children: &[&'p Provision], new: Vec<&'r Define<'r>>) -> Vec<Item<'p, 'r>> {
    let mut items: Vec<Item<'p, 'r>> = children.iter().map(|c| Item::Old(c)).collect();
    for d in new {
        let key = sort_key(&normalize_term(d.term));
        let pos = items
            .iter()
            .position(|it| match it {
                Item::Old(c) => defined_by(cx, c).is_some_and(|t| sort_key(&t) > key),
                Item::New(_) => false,
            })
            .unwrap_or(items.len());
        items.insert(pos, Item::New(d));
    }
    items
}

/// Give every subdivision its letter: existing ones that move are relettered, new ones are inserted.
fn letter(cx: &mut Ctx<'_>, s: &Section<'_>, items: &[Item<'_, '_>]) -> Result<()> {
    for (k, item) in items.iter().enumerate() {
        let Some(label) = label_for(Level::Subdivision, k as u32 + 1) else {
            return Err(cx.err(
                s.rule,
                ProposalProblem::TooManySubdivisions {
                    section: s.sec.path.clone(),
                },
            ));
        };
        match item {
            Item::Old(c) if c.num != label => reletter(cx, s, c, &label),
            Item::Old(_) => {}
            Item::New(d) => {
                let next = items[k + 1..].iter().find_map(|it| match it {
                    Item::Old(c) => Some(*c),
                    Item::New(_) => None,
                });
                insert(cx, s, d, &label, next);
            }
        }
    }
    Ok(())
}

/// Reletter subdivision `c` to `label`, and every cross-reference to it.
fn reletter(cx: &mut Ctx<'_>, s: &Section<'_>, c: &Provision, label: &str) {
    let bill = cx.bill;
    let sec_path = &s.sec.path;
    let renumber = cx.change(
        s.first,
        c.span.start,
        ChangeKind::Renumber {
            from: Location::of(bill, &c.path),
            to: format!("{sec_path}({label})"),
        },
    );
    cx.edit(
        s.first,
        renumber,
        c.span.start,
        c.span.start + c.label.len(),
        format!("({label})"),
    );
    for r in s.references.iter().filter(|r| r.target == c.path) {
        let x = cx.change(
            s.first,
            r.span.start,
            ChangeKind::CrossReference {
                location: Location::of(bill, &r.from),
                citation: r.citation.clone(),
                from: r.label.clone(),
                to: label.to_string(),
            },
        );
        cx.edit(s.first, x, r.span.start, r.span.end, label.to_string());
    }
}

/// Insert definition `d` as subdivision `label`: before `next` (the existing subdivision now after it),
/// or after the section's last subdivision.
fn insert(cx: &mut Ctx<'_>, s: &Section<'_>, d: &Define<'_>, label: &str, next: Option<&Provision>) {
    let lines: Vec<String> = d
        .text
        .lines()
        .map(crate::ingest::normalize)
        .filter(|l| !l.is_empty())
        .collect();
    let inserted = format!("({label}) {}", lines.join("\n"));
    let text = &cx.bill.body.text;
    let (at, piece, before) = match next {
        Some(next) => (next.span.start, format!("{inserted}\n"), Some(next.path.clone())),
        None => {
            let end = s.children.last().map_or(s.sec.span.end, |last| subtree_end(last));
            let end = if text[..end].ends_with('\n') { end - 1 } else { end };
            (end, format!("\n{inserted}"), None)
        }
    };
    let sec_path = &s.sec.path;
    let change = cx.change(
        d.rule,
        at,
        ChangeKind::Insert {
            location: Location {
                path: format!("{sec_path}({label})"),
                section: sec_path.clone(),
                bill_section: false,
                levels: vec![(ProvisionKind::Subdivision, label.to_string())],
                style: cx.bill.style.clone(),
            },
            term: Some(normalize_term(d.term)),
            text: inserted,
            before,
        },
    );
    cx.edit(d.rule, change, at, at, piece);
}

/// One past the last byte of a provision's subtree in the body text.
fn subtree_end(p: &Provision) -> usize {
    p.children.last().map_or(p.span.end, subtree_end)
}

#[cfg(test)]
mod tests {
    use super::sort_key;
    use crate::propose::testing::{amended, apply, bill, error, proposal};
    use crate::redline::ChangeKind;

    fn define(term: &str, text: &str) -> String {
        format!("[[rules]]\nkind = \"define-term\"\nterm = \"{term}\"\ntext = \"{text}\"\nrationale = \"r\"\n")
    }

    fn kinds(out: &crate::propose::Outcome) -> Vec<&'static str> {
        out.redline
            .changes
            .iter()
            .map(|c| match c.kind {
                ChangeKind::Insert { .. } => "insert",
                ChangeKind::Renumber { .. } => "renumber",
                ChangeKind::CrossReference { .. } => "cross-reference",
                _ => "other",
            })
            .collect()
    }

    #[test]
    fn sort_key_ignores_case_and_punctuation() {
        assert_eq!(sort_key("Fine-tuning"), "finetuning");
        assert!(sort_key("deploy") < sort_key("Developer"));
    }

    #[test]
    fn a_definition_takes_its_place_and_the_rest_move_down_one_letter() {
        let out = apply(&define("deploy", "“Deploy” means to put a covered model into use.")).unwrap();
        assert_eq!(
            amended(&out, "22602(d)"),
            "“Deploy” means to put a covered model into use."
        );
        assert!(amended(&out, "22602(e)").starts_with("“Developer” means"));
        assert!(amended(&out, "22602(f)").starts_with("“Frontier model” means"));
        assert!(amended(&out, "22602(g)").starts_with("“Safety protocol” means"));
        assert_eq!(
            kinds(&out),
            ["insert", "renumber", "renumber", "cross-reference", "renumber"]
        );
        let ChangeKind::Renumber { from, to } = &out.redline.changes[2].kind else {
            panic!("{:?}", out.redline.changes[2]);
        };
        assert_eq!((from.path.as_str(), to.as_str()), ("22602(e)", "22602(f)"));
        let ChangeKind::Insert {
            location, term, before, ..
        } = &out.redline.changes[0].kind
        else {
            panic!("{:?}", out.redline.changes[0]);
        };
        assert_eq!(location.path, "22602(d)");
        assert_eq!(term.as_deref(), Some("deploy"));
        assert_eq!(before.as_deref(), Some("22602(d)"));
    }

    #[test]
    fn cross_references_follow_the_relettering() {
        let out = apply(&define("deploy", "“Deploy” means to put a covered model into use.")).unwrap();
        // The developer definition cited the frontier-model definition as (e); it is (f) now.
        assert_eq!(
            amended(&out, "22602(e)"),
            "“Developer” means a person that trains a model meeting the criteria in subdivision (f)."
        );
        let ChangeKind::CrossReference {
            location,
            citation,
            from,
            to,
        } = &out.redline.changes[3].kind
        else {
            panic!("{:?}", out.redline.changes[3]);
        };
        assert_eq!(location.path, "22602(d)");
        assert_eq!(citation, "subdivision (e)");
        assert_eq!((from.as_str(), to.as_str()), ("e", "f"));
        assert!(crate::parse::xref::references(&out.amended).iter().all(|r| r.exists));
    }

    #[test]
    fn a_definition_sorting_last_goes_at_the_end() {
        let out = apply(&define(
            "training run",
            "“Training run” means one training of a covered model.",
        ))
        .unwrap();
        assert_eq!(
            amended(&out, "22602(g)"),
            "“Training run” means one training of a covered model."
        );
        assert_eq!(kinds(&out), ["insert"]);
        assert!(matches!(
            &out.redline.changes[0].kind,
            ChangeKind::Insert { before: None, .. }
        ));
    }

    #[test]
    fn definitions_of_one_section_are_lettered_together() {
        // Written release first: relettering is attributed to the first definition in order, "deploy" (rule 2).
        let rules = format!(
            "{}\n{}",
            define("release", "“Release” means to publish the weights of a covered model."),
            define("deploy", "“Deploy” means to put a covered model into use.")
        );
        let out = apply(&rules).unwrap();
        let s = out.amended.body.find("22602").unwrap();
        let starts: Vec<String> = s.children.iter().map(|c| c.text.chars().take(12).collect()).collect();
        assert_eq!(
            starts,
            [
                "“Artificial ",
                "“Covered mod",
                "“Covered mod",
                "“Deploy” mea",
                "“Developer” ",
                "“Frontier mo",
                "“Release” me",
                "“Safety prot"
            ]
        );
        for c in &out.redline.changes {
            let want = match &c.kind {
                ChangeKind::Insert { term, .. } if term.as_deref() == Some("release") => 1,
                _ => 2,
            };
            assert_eq!(c.footnotes, [want], "{c:?}");
        }
    }

    #[test]
    fn renames_run_first_so_definitions_sort_by_new_names() {
        let rules = format!(
            "{}\n[[rules]]\nkind = \"rename-term\"\nfrom = \"artificial intelligence\"\nto = \"machine intelligence\"\nrationale = \"r\"\n",
            define("deploy", "“Deploy” means to put a covered model into use.")
        );
        let out = apply(&rules).unwrap();
        // "machine intelligence", still (a) in the bill's own order, now sorts after "deploy".
        assert_eq!(
            amended(&out, "22602(a)"),
            "“Deploy” means to put a covered model into use."
        );
        assert!(amended(&out, "22602(b)").starts_with("“Machine intelligence” means"));
    }

    #[test]
    fn bad_definitions_say_what_is_wrong() {
        let e = error(&define("developer", "“Developer” means anyone."));
        assert!(
            e.contains("rule 1 (define-term “developer”): “developer” is already defined for section 22602"),
            "{e}"
        );
        let e = error(&define("deploy", "To put into use."));
        assert!(
            e.contains("the text does not mention “deploy”: it should read “deploy” means ..."),
            "{e}"
        );
        assert!(error(&define("deploy", " ")).contains("`text` is empty"));
        let e = error(&format!(
            "{}section = \"22602(a)\"\n",
            define("deploy", "“Deploy” means use.")
        ));
        assert!(
            e.contains("section 22602(a) has no subdivisions to insert a definition among"),
            "{e}"
        );
        // Lettered (a), (c): relettering it is the drafter's call.
        let gap = bill(
            "SECTION 1.\nChapter 1 (commencing with Section 100) is added to the Example Code, to read:\n\n100.\nAs used in this chapter:\n\n(a) “Apple” means a fruit.\n\n(c) “Cherry” means a fruit.\n",
        );
        let p = proposal(&define("banana", "“Banana” means a fruit."));
        let e = crate::propose::testing::outcome(&gap, &p).unwrap_err().to_string();
        assert!(
            e.contains("section 100 is not lettered (a), (b), (c) ...; cannot reletter it"),
            "{e}"
        );
    }
}
