//! Applying a proposal: rules → text edits on the old body text → the amended bill, re-parsed.
//!
//! Every rule is turned into edits of the bill's canonical body text, all located in the text as it reads
//! now, each tied to the change it belongs to. The edits are checked not to overlap, spliced in, and the
//! result is parsed again by the same structure builder that read the bill, so the amended bill is the
//! same model as a parsed one (and relettered subdivisions get their new paths for free).

use super::morph;
use super::proposal::{Proposal, Rule, RuleAt};
use crate::error::{Error, Result};
use crate::glossary::Glossary;
use crate::ingest::{InputFormat, decode};
use crate::model::{Bill, Provision, ProvisionKind, Span};
use crate::parse::grammar::{Level, alpha_ordinal, label_for};
use crate::redline::{Change, ChangeKind, Footnote, GlossaryNote, Location, Occurrence};
use crate::terms::{Definition, TermsReport, definitions::normalize_term, matcher::tokenize};
use std::collections::HashMap;

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

struct Ctx<'a> {
    bill: &'a Bill,
    report: &'a TermsReport,
    proposal: &'a Proposal,
    plan: Plan,
    /// Renamed terms: old normalized name → new name.
    renamed: HashMap<String, String>,
}

impl<'a> Ctx<'a> {
    fn err(&self, i: usize, message: impl Into<String>) -> Error {
        let r = &self.proposal.rules[i];
        Error::Proposal {
            source_name: self.proposal.source_name.clone(),
            line: Some(r.line),
            rule: Some(format!("rule {} ({})", i + 1, r.rule.describe())),
            message: message.into(),
        }
    }

    fn change(&mut self, rule: usize, at: usize, kind: ChangeKind) -> usize {
        self.plan.changes.push(Change {
            kind,
            at,
            footnotes: vec![rule + 1],
        });
        self.plan.change_rule.push(rule);
        self.plan.changes.len() - 1
    }

    fn edit(&mut self, rule: usize, change: usize, start: usize, end: usize, text: String) {
        self.plan.edits.push(Edit {
            span: Span { start, end },
            text,
            change,
            rule,
        });
    }

    fn provision(&self, i: usize, at: &str) -> Result<&'a Provision> {
        let bill: &'a Bill = self.bill;
        crate::parse::path::find(bill, "the bill", at).map_err(|e| self.err(i, e.to_string().replace("the bill: ", "")))
    }
}

/// Turn a proposal into edits and changes against `bill`.
pub fn plan(bill: &Bill, report: &TermsReport, proposal: &Proposal, glossary: &Glossary) -> Result<Plan> {
    let mut cx = Ctx {
        bill,
        report,
        proposal,
        plan: Plan::default(),
        renamed: HashMap::new(),
    };
    // Footnotes first (one per rule), checking the glossary entries they name.
    for (i, RuleAt { rule, .. }) in proposal.rules.iter().enumerate() {
        let why = rule.why();
        if why.rationale.trim().is_empty() {
            return Err(cx.err(i, "rationale is empty: every rule says why"));
        }
        let mut notes = Vec::new();
        for id in &why.glossary {
            let e = glossary
                .get(id)
                .ok_or_else(|| cx.err(i, format!("no glossary entry {id:?}")))?;
            notes.push(GlossaryNote {
                id: e.id.clone(),
                term: e.term.clone(),
                definition: e.definition.clone(),
                footnote: e.footnote.clone(),
            });
        }
        cx.plan.footnotes.push(Footnote {
            number: i + 1,
            rationale: why.rationale.trim().to_string(),
            glossary: notes,
        });
    }
    // Renames first: later rules (definitions in alphabetical order) see the new names.
    for (i, r) in proposal.rules.iter().enumerate() {
        if let Rule::RenameTerm {
            from,
            to,
            derived,
            except,
            ..
        } = &r.rule
        {
            rename(&mut cx, i, from, to, *derived, except)?;
        }
    }
    // Definitions, grouped by the section they go into.
    let defines: Vec<usize> = proposal
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.rule, Rule::DefineTerm { .. }))
        .map(|(i, _)| i)
        .collect();
    if !defines.is_empty() {
        define(&mut cx, &defines)?;
    }
    for (i, r) in proposal.rules.iter().enumerate() {
        match &r.rule {
            Rule::ReplaceText { at, find, replace, .. } => text_rule(&mut cx, i, at, TextOp::Replace(find, replace))?,
            Rule::StrikeText { at, text, .. } => text_rule(&mut cx, i, at, TextOp::Strike(text))?,
            Rule::InsertText {
                at,
                after,
                before,
                text,
                ..
            } => match (after, before) {
                (Some(a), None) => text_rule(&mut cx, i, at, TextOp::After(a, text))?,
                (None, Some(b)) => text_rule(&mut cx, i, at, TextOp::Before(b, text))?,
                _ => return Err(cx.err(i, "give exactly one of `after` or `before`")),
            },
            _ => {}
        }
    }
    // Edits must not overlap: two rules changing the same words is a conflict in the proposal.
    cx.plan.edits.sort_by_key(|e| (e.span.start, e.span.end));
    for w in cx.plan.edits.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let overlap = a.span.end > b.span.start || (a.span == b.span && a.span.is_empty() && a.rule != b.rule);
        if overlap && !(a.span == b.span && a.text == b.text) {
            let path = path_at(bill, b.span.start);
            let (first, second) = (a.rule.min(b.rule), a.rule.max(b.rule));
            return Err(cx.err(
                second,
                format!(
                    "changes the same words in {path} as rule {} ({}); add an `except` or merge the rules",
                    first + 1,
                    proposal.rules[first].rule.describe()
                ),
            ));
        }
    }
    cx.plan.edits.dedup_by(|a, b| a.span == b.span && a.text == b.text);
    Ok(cx.plan)
}

fn path_at(bill: &Bill, at: usize) -> String {
    bill.body
        .walk()
        .filter(|p| p.span.start <= at)
        .last()
        .map_or_else(String::new, |p| p.path.clone())
}

fn words(s: &str) -> Vec<String> {
    tokenize(s).into_iter().map(|t| t.lower).collect()
}

/// Whether `path` is one of the exceptions (each names one provision's own text, not its children).
fn excepted(except: &[String], path: &str) -> bool {
    except.iter().any(|e| path == e)
}

fn rename(cx: &mut Ctx<'_>, i: usize, from: &str, to: &str, derived: bool, except: &[String]) -> Result<()> {
    let from_n = normalize_term(from);
    let to = to.trim();
    if to.is_empty() {
        return Err(cx.err(i, "`to` is empty"));
    }
    let main: Vec<&Definition> = cx
        .report
        .definitions
        .iter()
        .filter(|d| d.term == from_n || d.aliases.contains(&from_n))
        .collect();
    if main.is_empty() {
        let defined: Vec<&str> = cx.report.definitions.iter().map(|d| d.term.as_str()).collect();
        let near = defined
            .iter()
            .find(|t| t.contains(&from_n) || from_n.contains(*t))
            .map(|t| format!("; did you mean “{t}”?"))
            .unwrap_or_default();
        return Err(cx.err(
            i,
            format!("the bill does not define “{from}”, so it cannot be renamed{near}"),
        ));
    }
    let mut except_norm = Vec::new();
    for e in except {
        let p = cx.provision(i, e)?;
        except_norm.push(p.path.clone());
    }
    let from_words = words(&from_n);
    // The definitions renamed: the term itself and, if asked, terms whose name contains it.
    let mut targets: Vec<(&Definition, usize)> = main.iter().map(|d| (*d, 0)).collect();
    let mut derived_names = Vec::new();
    if derived {
        for d in &cx.report.definitions {
            if d.term == from_n {
                continue;
            }
            let w = words(&d.term);
            if let Some(pos) = w.windows(from_words.len()).position(|x| x == from_words.as_slice()) {
                targets.push((d, pos));
                let mut new_w = w.clone();
                new_w.splice(pos..pos + from_words.len(), words(to));
                derived_names.push((d.term.clone(), new_w.join(" ")));
            }
        }
    }
    for (old, new) in &derived_names {
        cx.renamed.insert(old.clone(), new.clone());
    }
    cx.renamed.insert(from_n.clone(), normalize_term(to));
    let change = cx.change(
        i,
        0,
        ChangeKind::Rename {
            from: from_n.clone(),
            to: to.to_string(),
            derived: derived_names,
            occurrences: Vec::new(),
            articles: 0,
        },
    );
    let text = &cx.bill.body.text;
    let mut occurrences = Vec::new();
    let mut articles = 0;
    let mut edits = Vec::new();
    for (d, pos) in targets {
        let term_words = words(&d.term);
        let mut spots: Vec<(String, Span)> = Vec::new();
        for part in &d.parts {
            for s in &part.term_spans {
                // Aliases are other names: only the span that reads as this term is renamed.
                if words(&text[s.start..s.end]).len() == term_words.len() {
                    spots.push((part.location.clone(), *s));
                }
            }
        }
        for u in d.uses.iter().chain(&d.out_of_scope).chain(&d.mentions) {
            spots.push((u.path.clone(), u.span));
        }
        for (path, span) in spots {
            if excepted(&except_norm, &path) {
                continue;
            }
            let old = &text[span.start..span.end];
            let Some(new) = morph::rename(old, &term_words, pos, from_words.len(), to) else {
                continue;
            };
            if pos == 0 {
                if let Some(first) = new.split_whitespace().next() {
                    let line_start = text[..span.start].rfind('\n').map_or(0, |k| k + 1);
                    if let Some((a, b, art)) = morph::article_fix(&text[line_start..span.start], first) {
                        edits.push((line_start + a, line_start + b, art));
                        articles += 1;
                    }
                }
            }
            occurrences.push(Occurrence {
                path,
                old: old.to_string(),
                new: new.clone(),
                span,
            });
            edits.push((span.start, span.end, new));
        }
    }
    occurrences.sort_by_key(|o| o.span.start);
    cx.plan.changes[change].at = occurrences.first().map_or(0, |o| o.span.start);
    for (a, b, t) in edits {
        cx.edit(i, change, a, b, t);
    }
    if let ChangeKind::Rename {
        occurrences: o,
        articles: n,
        ..
    } = &mut cx.plan.changes[change].kind
    {
        *o = occurrences;
        *n = articles;
    }
    Ok(())
}

/// The section a definition goes into: as given, or the one holding the most definitions.
fn definitions_section<'a>(cx: &Ctx<'a>, i: usize, section: Option<&str>) -> Result<&'a Provision> {
    if let Some(s) = section {
        let p = cx.provision(i, s)?;
        return Ok(p);
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
    let best = counts.iter().max_by_key(|(_, n)| *n).ok_or_else(|| {
        cx.err(
            i,
            "the bill has no definitions section; name one with `section = \"...\"`",
        )
    })?;
    cx.provision(i, &best.0)
}

/// The term a subdivision defines (its first definition), with renames applied.
fn defined_by<'a>(cx: &Ctx<'a>, child: &Provision) -> Option<String> {
    cx.report
        .definitions
        .iter()
        .find(|d| d.location == child.path || d.location.starts_with(&format!("{}(", child.path)))
        .map(|d| cx.renamed.get(&d.term).cloned().unwrap_or_else(|| d.term.clone()))
}

/// Sort key for definitions: letters and digits only, lowercase ("fine-tuning" sorts as "finetuning").
pub fn sort_key(term: &str) -> String {
    term.chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .to_lowercase()
}

fn define(cx: &mut Ctx<'_>, rules: &[usize]) -> Result<()> {
    // Group by section.
    let mut by_section: Vec<(String, Vec<usize>)> = Vec::new();
    for &i in rules {
        let Rule::DefineTerm { section, .. } = &cx.proposal.rules[i].rule else {
            unreachable!()
        };
        let sec = definitions_section(cx, i, section.as_deref())?.path.clone();
        match by_section.iter_mut().find(|(s, _)| *s == sec) {
            Some((_, v)) => v.push(i),
            None => by_section.push((sec, vec![i])),
        }
    }
    let bill: &Bill = cx.bill;
    let references = crate::parse::xref::references(bill);
    for (sec_path, rules) in by_section {
        let sec = bill.body.find(&sec_path).expect("found above");
        let children: Vec<&Provision> = sec
            .children
            .iter()
            .filter(|c| c.kind == ProvisionKind::Subdivision)
            .collect();
        if children.is_empty() {
            return Err(cx.err(
                rules[0],
                format!("section {sec_path} has no subdivisions to insert a definition among"),
            ));
        }
        // Final order: existing subdivisions keep their order; each new definition goes before the first
        // existing definition that sorts after it.
        enum Item<'p> {
            Old(&'p Provision),
            New(usize),
        }
        let mut items: Vec<Item<'_>> = children.iter().map(|c| Item::Old(c)).collect();
        let mut new_terms: Vec<(usize, String)> = Vec::new();
        for &i in &rules {
            let Rule::DefineTerm { term, text, .. } = &cx.proposal.rules[i].rule else {
                unreachable!()
            };
            let t = normalize_term(term);
            if text.trim().is_empty() {
                return Err(cx.err(i, "`text` is empty"));
            }
            if cx
                .report
                .definitions
                .iter()
                .any(|d| d.term == t && d.scope.covers.contains(&sec_path))
                || new_terms.iter().any(|(_, n)| *n == t)
            {
                return Err(cx.err(i, format!("“{term}” is already defined for section {sec_path}")));
            }
            if !text.to_lowercase().contains(&t) {
                return Err(cx.err(
                    i,
                    format!(
                        "the text does not mention “{term}”: it should read “{}” means ...",
                        term
                    ),
                ));
            }
            new_terms.push((i, t));
        }
        new_terms.sort_by_key(|(_, t)| sort_key(t));
        for (i, t) in &new_terms {
            let key = sort_key(t);
            let pos = items
                .iter()
                .position(|it| match it {
                    Item::Old(c) => defined_by(cx, c).is_some_and(|d| sort_key(&d) > key),
                    Item::New(_) => false,
                })
                .unwrap_or(items.len());
            items.insert(pos, Item::New(*i));
        }
        // Letters: only reletter when the existing lettering is the plain sequence (a), (b), ...
        let plain = children
            .iter()
            .enumerate()
            .all(|(k, c)| alpha_ordinal(&c.num) == Some(k as u32 + 1));
        if !plain {
            return Err(cx.err(
                rules[0],
                format!("section {sec_path} is not lettered (a), (b), (c) ...; cannot reletter it"),
            ));
        }
        let text = &bill.body.text;
        for (k, item) in items.iter().enumerate() {
            let Some(label) = label_for(Level::Subdivision, k as u32 + 1) else {
                return Err(cx.err(
                    rules[0],
                    format!("section {sec_path} would need more subdivisions than letters can number"),
                ));
            };
            match item {
                Item::Old(c) => {
                    if c.num != label {
                        let renumber = cx.change(
                            // Renumbering follows from the definitions inserted: attribute it to the first.
                            new_terms[0].0,
                            c.span.start,
                            ChangeKind::Renumber {
                                from: Location::of(bill, &c.path),
                                to: format!("{sec_path}({label})"),
                            },
                        );
                        cx.edit(
                            new_terms[0].0,
                            renumber,
                            c.span.start,
                            c.span.start + c.label.len(),
                            format!("({label})"),
                        );
                        // Cross-references to it.
                        for r in references.iter().filter(|r| r.target == c.path) {
                            let x = cx.change(
                                new_terms[0].0,
                                r.span.start,
                                ChangeKind::CrossReference {
                                    location: Location::of(bill, &r.from),
                                    citation: r.citation.clone(),
                                    from: r.label.clone(),
                                    to: label.clone(),
                                },
                            );
                            cx.edit(new_terms[0].0, x, r.span.start, r.span.end, label.clone());
                        }
                    }
                }
                Item::New(i) => {
                    let Rule::DefineTerm { term, text: body, .. } = &cx.proposal.rules[*i].rule else {
                        unreachable!()
                    };
                    let lines: Vec<String> = body
                        .lines()
                        .map(crate::ingest::normalize)
                        .filter(|l| !l.is_empty())
                        .collect();
                    let inserted = format!("({label}) {}", lines.join("\n"));
                    // Before the subdivision now at this place, or after the last one.
                    let (at, piece, before) = match items[k + 1..].iter().find_map(|it| match it {
                        Item::Old(c) => Some(*c),
                        Item::New(_) => None,
                    }) {
                        Some(next) => (next.span.start, format!("{inserted}\n"), Some(next.path.clone())),
                        None => {
                            let last = children.last().expect("non-empty");
                            let end = subtree_end(last);
                            let end = if text[..end].ends_with('\n') { end - 1 } else { end };
                            (end, format!("\n{inserted}"), None)
                        }
                    };
                    let change = cx.change(
                        *i,
                        at,
                        ChangeKind::Insert {
                            location: Location {
                                path: format!("{sec_path}({label})"),
                                section: sec_path.clone(),
                                bill_section: false,
                                levels: vec![(ProvisionKind::Subdivision, label.clone())],
                            },
                            term: Some(normalize_term(term)),
                            text: inserted.clone(),
                            before,
                        },
                    );
                    cx.edit(*i, change, at, at, piece);
                }
            }
        }
    }
    Ok(())
}

/// One past the last byte of a provision's subtree in the body text.
fn subtree_end(p: &Provision) -> usize {
    p.children.last().map_or(p.span.end, subtree_end)
}

enum TextOp<'a> {
    Replace(&'a str, &'a str),
    Strike(&'a str),
    After(&'a str, &'a str),
    Before(&'a str, &'a str),
}

fn text_rule(cx: &mut Ctx<'_>, i: usize, at: &str, op: TextOp<'_>) -> Result<()> {
    let p = cx.provision(i, at)?;
    let (path, own, base) = (p.path.clone(), p.text.clone(), p.text_start());
    let guard = match op {
        TextOp::Replace(g, _) | TextOp::Strike(g) | TextOp::After(g, _) | TextOp::Before(g, _) => g,
    };
    if guard.is_empty() {
        return Err(cx.err(i, "the text to find is empty"));
    }
    let hits: Vec<usize> = own.match_indices(guard).map(|(k, _)| k).collect();
    let k = match hits.as_slice() {
        [k] => *k,
        [] => {
            let shown: String = own.chars().take(160).collect();
            let more = if own.chars().count() > 160 { "…" } else { "" };
            return Err(cx.err(i, format!("{path} does not read “{guard}”; it reads “{shown}{more}”")));
        }
        many => {
            return Err(cx.err(
                i,
                format!(
                    "“{guard}” appears {} times in {path}; quote more of the text",
                    many.len()
                ),
            ));
        }
    };
    let location = Location::of(cx.bill, &path);
    match op {
        TextOp::Replace(find, replace) => {
            let c = cx.change(
                i,
                base + k,
                ChangeKind::Replace {
                    location,
                    old: find.to_string(),
                    new: replace.to_string(),
                },
            );
            cx.edit(i, c, base + k, base + k + find.len(), replace.to_string());
        }
        TextOp::Strike(text) => {
            // Take one neighbouring space with it, so no double space is left.
            let (mut a, mut b) = (k, k + text.len());
            if own[..a].ends_with(' ')
                && (own[b..].starts_with(' ') || own[b..].starts_with([',', '.', ';', ':']) || b == own.len())
            {
                a -= 1;
            } else if own[b..].starts_with(' ') && a == 0 {
                b += 1;
            }
            let c = cx.change(
                i,
                base + a,
                ChangeKind::Strike {
                    location,
                    text: text.to_string(),
                },
            );
            cx.edit(i, c, base + a, base + b, String::new());
        }
        TextOp::After(after, text) | TextOp::Before(after, text) => {
            let is_after = matches!(op, TextOp::After(..));
            let at_k = if is_after { k + after.len() } else { k };
            let t = text.trim();
            let piece = if is_after {
                if t.starts_with([',', '.', ';', ':']) {
                    t.to_string()
                } else {
                    format!(" {t}")
                }
            } else {
                format!("{t} ")
            };
            let c = cx.change(
                i,
                base + at_k,
                ChangeKind::InsertText {
                    location,
                    text: t.to_string(),
                    after: is_after.then(|| after.to_string()),
                    before: (!is_after).then(|| after.to_string()),
                },
            );
            cx.edit(i, c, base + at_k, base + at_k, piece);
        }
    }
    Ok(())
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
    let parsed = crate::parse::bill(&doc)?;
    Ok(Bill {
        meta: bill.meta.clone(),
        digest: bill.digest.clone(),
        body: parsed.body,
        warnings: parsed.warnings,
    })
}
