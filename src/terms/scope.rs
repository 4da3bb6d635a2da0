//! Where a definition applies.
//!
//! Scope phrases — "As used in this chapter", "For purposes of this section", "For the purposes of this
//! Regulation", "In this section", "As used in this subdivision, ..." — sit on the definition's own
//! provision or on an ancestor (22602's "As used in this chapter:" governs all of 22602(a)–(o)). The nearest
//! phrase wins and is resolved to the provision it names: the enclosing chapter heading, code section,
//! subdivision, or the whole act. With no phrase, billdiff takes the enclosing section and says so
//! (`stated: false`).

use super::{Definition, Scope, ScopeNote, ScopeUnit};
use crate::model::{Bill, Provision, ProvisionKind};

const INTROS: &[&str] = &[
    "as used in this ",
    "for the purposes of this ",
    "for purposes of this ",
    "in this ",
];

const UNITS: &[(&str, ScopeUnit)] = &[
    ("subparagraph", ScopeUnit::Subparagraph),
    ("subdivision", ScopeUnit::Subdivision),
    ("paragraph", ScopeUnit::Paragraph),
    ("clause", ScopeUnit::Clause),
    ("section", ScopeUnit::Section),
    ("article", ScopeUnit::Article),
    ("chapter", ScopeUnit::Chapter),
    ("division", ScopeUnit::Division),
    ("part", ScopeUnit::Part),
    ("title", ScopeUnit::Title),
    ("act", ScopeUnit::Act),
    ("regulation", ScopeUnit::Act),
    ("bill", ScopeUnit::Act),
];

/// A scope phrase in `text`: the unit and the phrase as written.
pub fn phrase(text: &str) -> Option<(ScopeUnit, String)> {
    let lower = text.to_lowercase();
    for intro in INTROS {
        let mut from = 0;
        while let Some(k) = lower[from..].find(intro) {
            let at = from + k;
            from = at + intro.len();
            // "In this section" opens its sentence; the others may follow an introductory clause.
            let opens = at == 0 || lower[..at].trim_end().ends_with([',', '.', ':', ';']);
            let word_start = at == 0 || !lower[..at].ends_with(char::is_alphanumeric);
            if !word_start || (*intro == "in this " && !opens) {
                continue;
            }
            let rest = &lower[at + intro.len()..];
            for (w, unit) in UNITS {
                if rest.starts_with(w) && !rest[w.len()..].starts_with(char::is_alphanumeric) {
                    // `lower` and `text` have the same length only for ASCII; take the phrase from `text`
                    // when they line up, else from `lower`.
                    let end = at + intro.len() + w.len();
                    let written = if lower.len() == text.len() {
                        &text[at..end]
                    } else {
                        &lower[at..end]
                    };
                    return Some((*unit, written.to_string()));
                }
            }
        }
    }
    None
}

fn heading_word(unit: ScopeUnit) -> Option<&'static str> {
    Some(match unit {
        ScopeUnit::Title => "Title ",
        ScopeUnit::Division => "Division ",
        ScopeUnit::Part => "Part ",
        ScopeUnit::Chapter => "Chapter ",
        ScopeUnit::Article => "Article ",
        _ => return None,
    })
}

fn kind_of(unit: ScopeUnit) -> Option<ProvisionKind> {
    Some(match unit {
        ScopeUnit::Subdivision => ProvisionKind::Subdivision,
        ScopeUnit::Paragraph => ProvisionKind::Paragraph,
        ScopeUnit::Subparagraph => ProvisionKind::Subparagraph,
        ScopeUnit::Clause => ProvisionKind::Clause,
        _ => return None,
    })
}

/// The enclosing code section, else the bill section.
fn section_of<'a>(lineage: &[&'a Provision]) -> Option<&'a Provision> {
    lineage
        .iter()
        .rev()
        .find(|p| p.kind == ProvisionKind::CodeSection)
        .or_else(|| lineage.iter().rev().find(|p| p.kind == ProvisionKind::BillSection))
        .copied()
}

/// The code sections (or, without any, the provision itself) a subtree holds.
fn covers(bill: &Bill, anchor: &str) -> Vec<String> {
    if anchor == "bill" {
        return bill.body.provisions.iter().map(|p| p.path.clone()).collect();
    }
    let Some(root) = bill.body.find(anchor) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    fn go(p: &Provision, out: &mut Vec<String>) {
        if p.kind == ProvisionKind::CodeSection {
            out.push(p.path.clone());
            return;
        }
        p.children.iter().for_each(|c| go(c, out));
    }
    go(root, &mut out);
    if out.is_empty() {
        out.push(anchor.to_string());
    }
    out
}

/// Resolve the scope of a definition from its first part's location.
pub fn resolve(bill: &Bill, def: &Definition) -> Scope {
    let lineage = bill.body.lineage(&def.location).unwrap_or_default();
    let section = section_of(&lineage);
    // Nearest first: the provision itself, then its ancestors.
    for (depth, p) in lineage.iter().enumerate().rev() {
        let Some((unit, written)) = phrase(&p.text) else {
            continue;
        };
        let upto = &lineage[..=depth];
        let (anchor, note) = match unit {
            ScopeUnit::Act => ("bill".to_string(), None),
            ScopeUnit::Section => (
                section_of(upto).map_or_else(|| p.path.clone(), |s| s.path.clone()),
                None,
            ),
            u if heading_word(u).is_some() => {
                let word = heading_word(u).expect("heading unit");
                match upto
                    .iter()
                    .rev()
                    .find(|a| a.kind == ProvisionKind::Heading && a.path.starts_with(word))
                {
                    Some(h) => (h.path.clone(), None),
                    None => {
                        let fallback = upto.iter().find(|a| a.kind == ProvisionKind::BillSection).unwrap_or(p);
                        (
                            fallback.path.clone(),
                            Some(ScopeNote::HeadingNotPrinted {
                                heading: word.trim().to_lowercase(),
                                taken_as: fallback.path.clone(),
                            }),
                        )
                    }
                }
            }
            u => {
                let kind = kind_of(u).expect("labeled unit");
                match upto.iter().rev().find(|a| a.kind == kind) {
                    Some(a) => (a.path.clone(), None),
                    None => (
                        p.path.clone(),
                        Some(ScopeNote::NoEnclosingUnit {
                            written: written.clone(),
                            taken_as: p.path.clone(),
                        }),
                    ),
                }
            }
        };
        let covers = covers(bill, &anchor);
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
    let anchor = section.map_or_else(|| def.location.clone(), |s| s.path.clone());
    Scope {
        unit: ScopeUnit::Section,
        covers: covers(bill, &anchor),
        anchor,
        stated: false,
        phrase: None,
        phrase_at: None,
        note: Some(ScopeNote::Unstated),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_phrases() {
        assert_eq!(phrase("As used in this chapter:").unwrap().0, ScopeUnit::Chapter);
        assert_eq!(phrase("For purposes of this chapter:").unwrap().0, ScopeUnit::Chapter);
        assert_eq!(
            phrase("For the purposes of this Regulation:").unwrap().0,
            ScopeUnit::Act
        );
        assert_eq!(
            phrase("In this section, the term x means y.").unwrap().0,
            ScopeUnit::Section
        );
        assert_eq!(
            phrase("As used in this section, “critical harm” has").unwrap(),
            (ScopeUnit::Section, "As used in this section".into())
        );
        assert_eq!(phrase("AS USED IN THIS CHAPTER:").unwrap().0, ScopeUnit::Chapter);
        assert_eq!(
            phrase("Before 2027, for purposes of this subdivision, x").unwrap().0,
            ScopeUnit::Subdivision
        );
        assert!(phrase("A developer shall comply with this chapter.").is_none());
        assert!(phrase("The duties imposed in this section are cumulative.").is_none());
        assert!(phrase("In fulfilling its obligations under this chapter, a developer").is_none());
    }
}
