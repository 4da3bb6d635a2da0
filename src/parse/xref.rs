//! Cross-references: the bill's citations of its own provisions, resolved against the tree.
//!
//! `parse::citation` finds citations in text; this module says what each one points at. A citation is
//! read from its outermost part inward: `paragraph (1) of subdivision (e) of Section 22603` is
//! `22603(e)(1)`. A citation without a section is relative to where it stands — `subdivision (e)` inside
//! 22602 is `22602(e)`; `clause (ii)` inside `22602(e)(1)(B)(i)` is the sibling clause `22602(e)(1)(B)(ii)`.
//! Citations of another code's sections ("Section 1132.4 of the Labor Code") point outside the bill.
//!
//! The proposal engine uses this to reletter cross-references after inserting a definition, and to check
//! that none points at a provision that no longer exists.

use crate::model::{Bill, Provision, ProvisionKind, Span};
use crate::parse::citation::{self, Unit};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where one label of a citation points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The citing provision.
    pub from: String,
    /// The label or number as written, with its span in the body text.
    pub label: String,
    /// Its span in the body text.
    pub span: Span,
    /// The path it names (`22602(e)`), for references inside the bill.
    pub target: String,
    /// Whether the target exists in the bill.
    pub exists: bool,
    /// The whole citation as written.
    pub citation: String,
}

fn level_kind(unit: Unit) -> Option<ProvisionKind> {
    Some(match unit {
        Unit::Subdivision => ProvisionKind::Subdivision,
        Unit::Paragraph => ProvisionKind::Paragraph,
        Unit::Subparagraph => ProvisionKind::Subparagraph,
        Unit::Clause => ProvisionKind::Clause,
        Unit::Subclause => ProvisionKind::Subclause,
        _ => return None,
    })
}

/// The kind one level above a labeled kind (subdivision's parent is the section).
fn parent_kind(k: ProvisionKind) -> Option<ProvisionKind> {
    Some(match k {
        ProvisionKind::Paragraph => ProvisionKind::Subdivision,
        ProvisionKind::Subparagraph => ProvisionKind::Paragraph,
        ProvisionKind::Clause => ProvisionKind::Subparagraph,
        ProvisionKind::Subclause => ProvisionKind::Clause,
        _ => return None,
    })
}

/// The sections this bill holds, by number, with the codes they belong to.
type Sections<'a> = HashMap<&'a str, Vec<Option<&'a str>>>;

/// The sections this bill holds, by number, with their codes (a number may be printed in two codes).
fn bill_sections(bill: &Bill) -> Sections<'_> {
    let mut out: Sections<'_> = HashMap::new();
    for p in bill.body.walk().filter(|p| p.kind == ProvisionKind::CodeSection) {
        out.entry(p.path.as_str()).or_default().push(p.code.as_deref());
    }
    out
}

/// Resolve every citation in the bill's operative text that points at a provision of the bill.
pub fn references(bill: &Bill) -> Vec<Reference> {
    let sections = bill_sections(bill);
    let mut out = Vec::new();
    let mut lineage: Vec<&Provision> = Vec::new();
    fn go<'a>(
        p: &'a Provision,
        lineage: &mut Vec<&'a Provision>,
        bill: &Bill,
        sections: &Sections<'_>,
        out: &mut Vec<Reference>,
    ) {
        lineage.push(p);
        resolve_in(p, lineage, bill, sections, out);
        for c in &p.children {
            go(c, lineage, bill, sections, out);
        }
        lineage.pop();
    }
    for p in &bill.body.provisions {
        go(p, &mut lineage, bill, &sections, &mut out);
    }
    out
}

fn resolve_in(p: &Provision, lineage: &[&Provision], bill: &Bill, sections: &Sections<'_>, out: &mut Vec<Reference>) {
    let base = p.text_start();
    let enclosing_section = lineage
        .iter()
        .rev()
        .find(|a| a.kind == ProvisionKind::CodeSection)
        .or_else(|| lineage.iter().rev().find(|a| a.kind == ProvisionKind::BillSection));
    for c in citation::find(&p.text) {
        if c.this {
            continue;
        }
        let written = &p.text[c.start..c.end];
        // Outermost first.
        let parts: Vec<_> = c.parts.iter().rev().collect();
        let Some(first) = parts.first() else { continue };
        // The base path the labeled parts hang from.
        let (mut prefixes, mut start) = match first.unit {
            Unit::Section => {
                // Another code's section is outside the bill; so is a section the bill does not hold.
                let same_code = |code: Option<&str>| match (&c.code, code) {
                    (None, _) => true,
                    (Some(named), Some(have)) => named.eq_ignore_ascii_case(have),
                    (Some(_), None) => false,
                };
                let mut bases = Vec::new();
                for r in &first.refs {
                    if sections
                        .get(r.text.as_str())
                        .is_some_and(|codes| codes.iter().any(|code| same_code(*code)))
                    {
                        bases.push(r.text.clone());
                    }
                }
                if bases.is_empty() {
                    continue;
                }
                if parts.len() == 1 {
                    for r in &first.refs {
                        if bases.contains(&r.text) {
                            out.push(Reference {
                                from: p.path.clone(),
                                label: r.text.clone(),
                                span: Span {
                                    start: base + r.start,
                                    end: base + r.end,
                                },
                                target: r.text.clone(),
                                exists: bill.body.find(&r.text).is_some(),
                                citation: written.to_string(),
                            });
                        }
                    }
                    continue;
                }
                (bases, 1)
            }
            Unit::Heading(_) => continue,
            unit => {
                // "paragraph (17) of subsection (a) of Section 1412 of Title 20 of the United States Code":
                // a chain the grammar stopped reading before its "of" names something outside this
                // drafting style's units, so it is not a citation of the bill's own provision.
                if c.code.is_some() || p.text[c.end..].starts_with(" of ") {
                    continue;
                }
                // Relative: the nearest enclosing provision one level above the cited unit.
                let Some(kind) = level_kind(unit) else { continue };
                let anchor = match parent_kind(kind) {
                    None => enclosing_section.map(|s| s.path.clone()),
                    Some(pk) => lineage.iter().rev().find(|a| a.kind == pk).map(|a| a.path.clone()),
                };
                let Some(anchor) = anchor else { continue };
                (vec![anchor], 0)
            }
        };
        // Walk inward: each part appends its label(s) to every prefix; the innermost part's labels are the
        // references reported, and outer labels too (each can be relettered on its own).
        while start < parts.len() {
            let part = parts[start];
            if level_kind(part.unit).is_none() {
                break;
            }
            let mut next = Vec::new();
            for prefix in &prefixes {
                for r in &part.refs {
                    let target = format!("{prefix}({})", r.text);
                    out.push(Reference {
                        from: p.path.clone(),
                        label: r.text.clone(),
                        span: Span {
                            start: base + r.start,
                            end: base + r.end,
                        },
                        exists: bill.body.find(&target).is_some(),
                        target: target.clone(),
                        citation: written.to_string(),
                    });
                    next.push(target);
                }
            }
            // An outer part with several labels ("subdivisions (a) and (b)") cannot take inner parts;
            // keep the first as the prefix.
            prefixes = next.into_iter().take(1).collect();
            start += 1;
        }
        // Drop duplicate spans (an outer label reported once per prefix).
        out.dedup_by(|a, b| a.span == b.span && a.target == b.target);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{InputFormat, decode};

    fn bill(text: &str) -> Bill {
        crate::parse::bill(&decode("t", text.as_bytes(), Some(InputFormat::Text)).unwrap()).unwrap()
    }

    #[test]
    fn relative_and_absolute_citations() {
        let b = bill(
            "SEC. 1. Section 5 is added to the Test Code, to read:\n5. Text.\n(a) One.\n(b) (1) See subdivision (a).\n(2) As in paragraph (1) of subdivision (b) of Section 5.\n(c) Except as in paragraph (2), and Section 1102.5 of the Labor Code, and subdivision (z).",
        );
        let r = references(&b);
        let got: Vec<(&str, &str, &str, bool)> = r
            .iter()
            .map(|x| (x.from.as_str(), x.label.as_str(), x.target.as_str(), x.exists))
            .collect();
        assert_eq!(
            got,
            [
                ("SEC. 1", "5", "5", true),
                ("5(b)(1)", "a", "5(a)", true),
                ("5(b)(2)", "b", "5(b)", true),
                ("5(b)(2)", "1", "5(b)(1)", true),
                ("5(c)", "2", "5(c)(2)", false),
                ("5(c)", "z", "5(z)", false),
            ]
        );
        let b2 = bill(
            "SEC. 1. Section 5 is added to the Test Code, to read:\n5. Text.\n(a) (1) One.\n(2) Two, unlike paragraph (1).",
        );
        let r = references(&b2);
        let r = r.iter().find(|x| x.from == "5(a)(2)").unwrap();
        assert_eq!(r.target, "5(a)(1)");
        assert!(r.exists);
        assert_eq!(&b2.body.text[r.span.start..r.span.end], "1");
    }
}
