//! Findings: what a reader of the terms analysis should look at.
//!
//! - a technical term of art used without a definition in scope (with its technical and ordinary uses
//!   counted apart; a term used only in its ordinary sense is not a finding);
//! - a use of a defined term outside the scope of its definition;
//! - the same term defined twice where the scopes overlap (duplicate when the words agree, conflicting
//!   when they differ);
//! - a definition never used;
//! - a definition by reference, with the cited law, so a reader knows to look it up.

use super::{Definition, DefinitionKind, ScopeName, Sense, UndefinedTerm};
use crate::model::Bill;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Finding {
    /// A term of art used in operative text without a definition in scope.
    UndefinedTermOfArt {
        /// Glossary headword.
        term: String,
        /// Glossary entry id.
        glossary: String,
        /// Uses in the technical sense.
        technical: usize,
        /// Uses in the ordinary sense.
        ordinary: usize,
        /// Uses whose sense the context does not settle.
        unclear: usize,
        /// Provisions with technical or unclear uses.
        locations: Vec<String>,
    },
    /// Uses of a defined term where its definition does not apply.
    OutOfScopeUse {
        /// The term.
        term: String,
        /// Where it is defined.
        defined_at: String,
        /// The definition's scope (in JSON, its words).
        scope: ScopeName,
        /// Provisions using it outside the scope, each once.
        locations: Vec<String>,
        /// Number of such uses.
        uses: usize,
    },
    /// The same term defined twice, same words, overlapping scopes.
    DuplicateDefinition {
        /// The term.
        term: String,
        /// Both locations.
        locations: Vec<String>,
    },
    /// The same term defined twice, different words, overlapping scopes.
    ConflictingDefinition {
        /// The term.
        term: String,
        /// Both locations.
        locations: Vec<String>,
    },
    /// A definition with no use in its scope.
    UnusedDefinition {
        /// The term.
        term: String,
        /// Where it is defined.
        location: String,
    },
    /// A definition that refers to other law for its meaning.
    ByReference {
        /// The term.
        term: String,
        /// Where.
        location: String,
        /// The cited law as written.
        reference: String,
    },
}

fn dedup_paths<'a>(it: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in it {
        if !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

/// The pairs `(i, j)`, `i < j`, of definitions of one term where either's scope reaches the other's location,
/// in order. Found from each definition's ancestors (the definitions anchored at each), not by trying every
/// pair: a term defined for each of a thousand sections is a thousand lookups, not half a million pairs.
fn overlapping(bill: &Bill, defs: &[Definition]) -> Vec<(usize, usize)> {
    // (term, anchor) → the definitions of the term anchored there.
    let mut anchored: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, d) in defs.iter().enumerate() {
        anchored
            .entry((d.term.as_str(), d.scope.anchor.as_str()))
            .or_default()
            .push(i);
    }
    let mut pairs = std::collections::BTreeSet::new();
    for (j, y) in defs.iter().enumerate() {
        let lineage = bill.body.lineage(&y.location).unwrap_or_default();
        let anchors = lineage.iter().map(|p| p.path.as_str()).chain(["bill"]);
        for anchor in anchors {
            for &i in anchored.get(&(y.term.as_str(), anchor)).into_iter().flatten() {
                if i != j {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.into_iter().collect()
}

/// All findings, in the order a reader should see them.
pub fn find(bill: &Bill, defs: &[Definition], undefined: &[UndefinedTerm]) -> Vec<Finding> {
    let mut out = Vec::new();
    for u in undefined {
        let (technical, ordinary, unclear) = (
            u.count(Sense::Technical),
            u.count(Sense::Ordinary),
            u.count(Sense::Unclear),
        );
        if technical + unclear == 0 {
            continue;
        }
        out.push(Finding::UndefinedTermOfArt {
            term: u.term.clone(),
            glossary: u.glossary.clone(),
            technical,
            ordinary,
            unclear,
            locations: dedup_paths(u.uses.iter().filter(|x| x.sense != Sense::Ordinary).map(|x| &x.path)),
        });
    }
    for d in defs.iter().filter(|d| !d.out_of_scope.is_empty()) {
        out.push(Finding::OutOfScopeUse {
            term: d.term.clone(),
            defined_at: d.location.clone(),
            scope: d.scope.name(),
            locations: dedup_paths(d.out_of_scope.iter().map(|u| &u.path)),
            uses: d.out_of_scope.len(),
        });
    }
    for (a, b) in overlapping(bill, defs) {
        let (a, b) = (&defs[a], &defs[b]);
        let locations = vec![a.location.clone(), b.location.clone()];
        let same = a
            .parts
            .iter()
            .map(|p| (&p.kind, &p.definiens))
            .eq(b.parts.iter().map(|p| (&p.kind, &p.definiens)));
        out.push(if same {
            Finding::DuplicateDefinition {
                term: a.term.clone(),
                locations,
            }
        } else {
            Finding::ConflictingDefinition {
                term: a.term.clone(),
                locations,
            }
        });
    }
    for d in defs.iter().filter(|d| d.uses.is_empty()) {
        out.push(Finding::UnusedDefinition {
            term: d.term.clone(),
            location: d.location.clone(),
        });
    }
    for d in defs {
        for p in d.parts.iter().filter(|p| p.kind == DefinitionKind::ByReference) {
            out.push(Finding::ByReference {
                term: d.term.clone(),
                location: p.location.clone(),
                reference: p.reference.clone().unwrap_or_default(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{InputFormat, decode};

    const BILL: &str = "SECTION 1.
Chapter 1 (commencing with Section 100) is added to the Example Code, to read:

100.
As used in this chapter:

(a) “Widget” means a device.

(b) “Gadget” means a tool.

(c) “Sprocket” has the meaning given in Section 5 of the Other Code.

101.
For purposes of this section, “widget” means a small device.

102.
A widget and a sprocket shall be registered. The developer shall not release the model weights.

SEC. 2.
A gadget is not sold.
";

    fn findings() -> Vec<Finding> {
        let bill = crate::parse::bill(&decode("t", BILL.as_bytes(), Some(InputFormat::Text)).unwrap()).unwrap();
        let glossary = crate::ingest::glossary::built_in().unwrap();
        super::super::analyse(&bill, &glossary).findings
    }

    #[test]
    fn each_kind_of_finding_on_a_tiny_bill() {
        let f = findings();
        let kinds: Vec<&str> = f
            .iter()
            .map(|x| match x {
                Finding::UndefinedTermOfArt { term, .. } => term.as_str(),
                Finding::OutOfScopeUse { .. } => "out of scope",
                Finding::DuplicateDefinition { .. } => "duplicate",
                Finding::ConflictingDefinition { .. } => "conflicting",
                Finding::UnusedDefinition { .. } => "unused",
                Finding::ByReference { .. } => "by reference",
            })
            .collect();
        assert!(kinds.contains(&"release"), "{f:#?}");
        assert!(
            f.contains(&Finding::OutOfScopeUse {
                term: "gadget".into(),
                defined_at: "100(b)".into(),
                // The chapter's heading is not printed, so "this chapter" is taken as the bill section.
                scope: super::super::ScopeName::Anchor("SEC. 1".into()),
                locations: vec!["SEC. 2".into()],
                uses: 1,
            }),
            "{f:#?}"
        );
        assert!(
            f.contains(&Finding::UnusedDefinition {
                term: "gadget".into(),
                location: "100(b)".into()
            }),
            "used only outside its scope is unused: {f:#?}"
        );
        assert!(
            f.contains(&Finding::UnusedDefinition {
                term: "widget".into(),
                location: "101".into()
            }),
            "a section-scoped definition is not used by the next section: {f:#?}"
        );
        assert!(
            f.iter()
                .any(|x| matches!(x, Finding::ConflictingDefinition { term, locations }
                if term == "widget" && locations == &["100(a)".to_string(), "101".to_string()])),
            "{f:#?}"
        );
        assert!(
            f.iter()
                .any(|x| matches!(x, Finding::ByReference { term, .. } if term == "sprocket")),
            "{f:#?}"
        );
        // Undefined terms of art come first: the order a reader should see them in.
        assert!(matches!(f[0], Finding::UndefinedTermOfArt { .. }), "{f:#?}");
    }
}
