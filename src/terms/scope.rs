//! Where a definition applies.
//!
//! Scope phrases — "As used in this chapter", "For purposes of this section", "For the purposes of this
//! Regulation", "In this subtitle", "As used in this part 17", "The definitions in this section apply
//! throughout this chapter" — sit on the definition's own provision, on an ancestor (22602's "As used in
//! this chapter:" governs all of 22602(a)–(o)), or in an ancestor's lead-in paragraph (an EU article's
//! "For the purposes of this Regulation, the following definitions apply:" printed after its title). The
//! nearest phrase wins and is resolved to the provision it names. The phrase openings and what each unit
//! word names — a container, the section, a labeled level, the whole document — are the drafting style's
//! (`parse::style`): "this subsection" is the first labeled level in Texas, "this paragraph" the second in
//! California. With no phrase, billdiff takes the enclosing section and says so (`stated: false`).

use super::{Definition, Scope, ScopeNote, ScopeUnit};
use crate::model::{Bill, Provision, ProvisionKind};
use crate::parse::style::{self, ScopeTarget, Style};
use std::collections::HashMap;
use std::sync::Arc;

/// A scope phrase in `text`, in `style`'s words: the unit word, what it names, and the phrase as written.
pub fn phrase(style: &Style, text: &str) -> Option<(String, ScopeTarget, String)> {
    let lower = text.to_lowercase();
    let mut best: Option<(usize, String, ScopeTarget, String)> = None;
    for intro in &style.scope_intros {
        let mut from = 0;
        while let Some(k) = lower[from..].find(intro.as_str()) {
            let at = from + k;
            from = at + intro.len();
            // "In this section" opens its sentence; the others may follow an introductory clause.
            let before = lower[..at].trim_end();
            let opens = before.is_empty() || before.ends_with([',', '.', ':', ';', '—', '“', '"']);
            let word_start = at == 0 || !lower[..at].ends_with(char::is_alphanumeric);
            if !word_start || (intro == "in this " && !opens) {
                continue;
            }
            let rest = &lower[at + intro.len()..];
            let found = style
                .scope_units
                .iter()
                .filter(|(w, _)| rest.starts_with(w.as_str()) && !rest[w.len()..].starts_with(char::is_alphanumeric))
                .max_by_key(|(w, _)| w.len());
            if let Some((w, target)) = found {
                // "part 17", "article 1": the unit's number may follow the word.
                let mut end = at + intro.len() + w.len();
                let num = lower[end..]
                    .strip_prefix(' ')
                    .map(|r| {
                        r.bytes()
                            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'.')
                            .count()
                    })
                    .unwrap_or(0);
                let tail = &lower[end..];
                if num > 0 && tail[1..].starts_with(|c: char| c.is_ascii_digit()) {
                    end += 1 + num;
                    while lower[..end].ends_with('.') {
                        end -= 1;
                    }
                }
                // `lower` and `text` have the same length only for ASCII; take the phrase from `text`
                // when they line up, else from `lower`.
                let written = if lower.len() == text.len() {
                    &text[at..end]
                } else {
                    &lower[at..end]
                };
                if best.as_ref().is_none_or(|(b, ..)| at < *b) {
                    best = Some((at, w.clone(), target.clone(), written.to_string()));
                }
                break;
            }
        }
    }
    best.map(|(_, w, t, written)| (w, t, written))
}

/// A scope phrase that names one labeled unit of the same section: "In subsection (2) above", "For the
/// purposes of paragraph (b)": the unit word's level, the label, and the phrase as written. It must open
/// its clause.
pub fn named_unit(style: &Style, text: &str) -> Option<(String, u8, String, String)> {
    let lower = text.to_lowercase();
    for intro in ["in ", "for the purposes of ", "for purposes of ", "as used in "] {
        let mut from = 0;
        while let Some(k) = lower[from..].find(intro) {
            let at = from + k;
            from = at + intro.len();
            let before = lower[..at].trim_end();
            if !(before.is_empty() || before.ends_with(['.', ':', ';', '—'])) {
                continue;
            }
            let rest = &lower[from..];
            for (w, target) in &style.scope_units {
                let ScopeTarget::Level(d) = target else { continue };
                let Some(after) = rest.strip_prefix(w.as_str()).and_then(|r| r.strip_prefix(" (")) else {
                    continue;
                };
                let Some(close) = after.find(')') else { continue };
                let label = &after[..close];
                if label.is_empty() || label.len() > 5 || !label.chars().all(char::is_alphanumeric) {
                    continue;
                }
                let mut end = from + w.len() + 2 + close + 1;
                for tail in [" above", " below"] {
                    if lower[end..].starts_with(tail) {
                        end += tail.len();
                    }
                }
                let written = if lower.len() == text.len() {
                    &text[at..end]
                } else {
                    &lower[at..end]
                };
                // The label as printed: the text's own case.
                let printed = if lower.len() == text.len() {
                    &text[from + w.len() + 2..from + w.len() + 2 + close]
                } else {
                    label
                };
                return Some((w.clone(), *d, printed.to_string(), written.to_string()));
            }
        }
    }
    None
}

/// The enclosing section of law, else the bill section.
fn section_of<'a>(lineage: &[&'a Provision]) -> Option<&'a Provision> {
    lineage
        .iter()
        .rev()
        .find(|p| p.kind == ProvisionKind::CodeSection)
        .or_else(|| lineage.iter().rev().find(|p| p.kind == ProvisionKind::BillSection))
        .copied()
}

/// The sections of law (or, without any, the provision itself) a subtree holds; none for the whole bill,
/// which the anchor `bill` says (listing every section for every such definition grows with the square of
/// the bill).
fn covers(bill: &Bill, anchor: &str) -> Vec<String> {
    if anchor == "bill" {
        return Vec::new();
    }
    let Some(root) = bill.body.find(anchor) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(p) = stack.pop() {
        if p.kind == ProvisionKind::CodeSection {
            out.push(p.path.clone());
            continue;
        }
        stack.extend(p.children.iter().rev());
    }
    if out.is_empty() {
        out.push(anchor.to_string());
    }
    out
}

/// The sections each anchor covers, walked once per anchor and shared by every definition under it (a
/// chapter's hundred definitions hold one list, not a hundred copies).
#[derive(Debug, Default)]
pub struct Covers(HashMap<String, Arc<[String]>>);

impl Covers {
    fn of(&mut self, bill: &Bill, anchor: &str) -> Arc<[String]> {
        if let Some(c) = self.0.get(anchor) {
            return c.clone();
        }
        let c: Arc<[String]> = covers(bill, anchor).into();
        self.0.insert(anchor.to_string(), c.clone());
        c
    }
}

/// The texts a scope phrase for `lineage[depth]` may sit in: the provision's own text, then its unlabeled
/// lead-in paragraphs printed before the next provision on the way down.
fn phrase_texts<'a>(lineage: &[&'a Provision], depth: usize) -> Vec<&'a str> {
    let p = lineage[depth];
    let mut out = vec![p.text.as_str()];
    let next = lineage.get(depth + 1).map(|c| c.span.start);
    for c in &p.children {
        if c.kind != ProvisionKind::Text || next.is_some_and(|n| c.span.start > n) {
            break;
        }
        out.push(c.text.as_str());
    }
    out
}

/// Resolve the scope of a definition from its first part's location.
pub fn resolve(bill: &Bill, def: &Definition, cache: &mut Covers) -> Scope {
    let style = style::by_id(&bill.style).unwrap_or_else(style::california);
    let lineage = bill.body.lineage(&def.location).unwrap_or_default();
    let section = section_of(&lineage);
    // "In subsection (2) above “the period of notice” … means": the unit named is a sibling of the
    // definition's own, under the same parent.
    if let Some(p) = lineage.last()
        && let Some((word, d, label, written)) = named_unit(style, &p.text)
    {
        let parent = lineage
            .iter()
            .rev()
            .find(|a| a.kind.depth().is_some_and(|k| k + 1 == usize::from(d)) || (d == 0 && a.kind.depth().is_none()));
        let named = parent.map(|a| format!("{}({label})", a.path));
        if let Some(anchor) = named.filter(|n| bill.body.find(n).is_some()) {
            return Scope {
                unit: ScopeUnit::from_word(&word),
                covers: cache.of(bill, &anchor),
                anchor,
                stated: true,
                phrase: Some(written),
                phrase_at: Some(p.path.clone()),
                note: None,
            };
        }
    }
    // Nearest first: the provision itself, then its ancestors.
    for depth in (0..lineage.len()).rev() {
        let p = lineage[depth];
        let Some((word, target, written)) = phrase_texts(&lineage, depth).into_iter().find_map(|t| phrase(style, t))
        else {
            continue;
        };
        let unit = ScopeUnit::from_word(&word);
        let upto = &lineage[..=depth];
        // Inside quoted law, "this Act" is the Act being amended, which the bill does not print.
        let quoted = upto.iter().any(|a| a.label.starts_with(['“', '"']));
        let bill_section = upto.iter().find(|a| a.kind == ProvisionKind::BillSection);
        let (anchor, note) = match &target {
            ScopeTarget::Document if quoted && bill_section.is_some() => {
                let b = bill_section.expect("checked");
                (
                    b.path.clone(),
                    Some(ScopeNote::HeadingNotPrinted {
                        heading: word.clone(),
                        taken_as: b.path.clone(),
                    }),
                )
            }
            ScopeTarget::Document => ("bill".to_string(), None),
            ScopeTarget::Section => (
                section_of(upto).map_or_else(|| p.path.clone(), |s| s.path.clone()),
                None,
            ),
            ScopeTarget::Container(name) => {
                let word = format!("{name} ");
                match upto
                    .iter()
                    .rev()
                    .find(|a| a.kind == ProvisionKind::Heading && heading_named(&a.path, &word))
                {
                    Some(h) => (h.path.clone(), None),
                    None => {
                        // The bill section, else (an act or code text) the outermost section of law: the
                        // one that carries quoted law.
                        let fallback = upto
                            .iter()
                            .find(|a| a.kind == ProvisionKind::BillSection)
                            .or_else(|| upto.iter().find(|a| a.kind == ProvisionKind::CodeSection))
                            .unwrap_or(&p);
                        (
                            fallback.path.clone(),
                            Some(ScopeNote::HeadingNotPrinted {
                                heading: name.to_lowercase(),
                                taken_as: fallback.path.clone(),
                            }),
                        )
                    }
                }
            }
            ScopeTarget::Level(d) => match upto.iter().rev().find(|a| a.kind.depth() == Some(usize::from(*d))) {
                Some(a) => (a.path.clone(), None),
                None => (
                    p.path.clone(),
                    Some(ScopeNote::NoEnclosingUnit {
                        written: written.clone(),
                        taken_as: p.path.clone(),
                    }),
                ),
            },
        };
        let covers = cache.of(bill, &anchor);
        return Scope {
            unit,
            anchor,
            stated: true,
            phrase: Some(written),
            phrase_at: Some(p.path.clone()),
            covers,
            note,
        };
    }
    // A fragment's lead-in ("For the purposes of this Regulation, the following definitions apply:")
    // stands before its labeled provisions, at the top.
    if let Some(top) = lineage.first() {
        let lead = bill
            .body
            .provisions
            .iter()
            .take_while(|p| p.span.start < top.span.start)
            .filter(|p| p.kind == ProvisionKind::Text)
            .find_map(|p| phrase(style, &p.text).map(|x| (p, x)));
        if let Some((p, (word, ScopeTarget::Document, written))) = lead {
            return Scope {
                unit: ScopeUnit::from_word(&word),
                anchor: "bill".to_string(),
                stated: true,
                phrase: Some(written),
                phrase_at: Some(p.path.clone()),
                covers: cache.of(bill, "bill"),
                note: None,
            };
        }
    }
    let anchor = section.map_or_else(|| def.location.clone(), |s| s.path.clone());
    Scope {
        unit: ScopeUnit::Section,
        covers: cache.of(bill, &anchor),
        anchor,
        stated: false,
        phrase: None,
        phrase_at: None,
        note: Some(ScopeNote::Unstated),
    }
}

/// Whether a heading's path names a container of that word: `Chapter 22.6`, or a qualified `Chapter III,
/// Section 2` for `Section `.
fn heading_named(path: &str, word: &str) -> bool {
    path.rsplit(", ").next().is_some_and(|own| own.starts_with(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::style::{by_id, california};

    fn unit(style: &Style, text: &str) -> Option<(String, ScopeTarget)> {
        phrase(style, text).map(|(w, t, _)| (w, t))
    }

    #[test]
    fn scope_phrases() {
        let ca = california();
        let chapter = Some(("chapter".to_string(), ScopeTarget::Container("Chapter".into())));
        assert_eq!(unit(ca, "As used in this chapter:"), chapter);
        assert_eq!(unit(ca, "For purposes of this chapter:"), chapter);
        assert_eq!(unit(ca, "AS USED IN THIS CHAPTER:"), chapter);
        assert_eq!(
            unit(ca, "In this section, the term x means y.").unwrap().1,
            ScopeTarget::Section
        );
        assert_eq!(
            phrase(ca, "As used in this section, “critical harm” has").unwrap().2,
            "As used in this section"
        );
        assert_eq!(
            unit(ca, "Before 2027, for purposes of this subdivision, x").unwrap().1,
            ScopeTarget::Level(0)
        );
        assert!(phrase(ca, "A developer shall comply with this chapter.").is_none());
        assert!(phrase(ca, "The duties imposed in this section are cumulative.").is_none());
        assert!(phrase(ca, "In fulfilling its obligations under this chapter, a developer").is_none());
    }

    #[test]
    fn each_style_names_its_own_units() {
        let eu = by_id("eu").unwrap();
        assert_eq!(
            unit(
                eu,
                "For the purposes of this Regulation, the following definitions apply:"
            )
            .unwrap()
            .1,
            ScopeTarget::Document
        );
        // Texas: a subsection is the first labeled level; Colorado's "part 17" keeps its number.
        let tx = by_id("tx").unwrap();
        assert_eq!(unit(tx, "In this subsection:").unwrap().1, ScopeTarget::Level(0));
        assert_eq!(
            unit(tx, "DEFINITIONS. In this subtitle:").unwrap().1,
            ScopeTarget::Container("Subtitle".into())
        );
        let co = by_id("co").unwrap();
        let (w, t, written) = phrase(co, "AS USED IN THIS PART 17, UNLESS THE CONTEXT OTHERWISE REQUIRES:").unwrap();
        assert_eq!(
            (w.as_str(), t, written.as_str()),
            ("part", ScopeTarget::Container("Part".into()), "AS USED IN THIS PART 17")
        );
        let wa = by_id("wa").unwrap();
        assert_eq!(
            unit(wa, "The definitions in this section apply throughout this chapter unless the context clearly requires otherwise.")
                .unwrap()
                .1,
            ScopeTarget::Container("Chapter".into())
        );
        let us = by_id("us").unwrap();
        assert_eq!(unit(us, "In this Act:").unwrap().1, ScopeTarget::Document);
        assert_eq!(unit(us, "In this subsection—").unwrap().1, ScopeTarget::Level(0));
    }
}
