//! The consistency check run on an amended bill.
//!
//! After a proposal is applied, billdiff re-reads the amended bill and checks what a careful drafter
//! would: no stale use of a renamed term is left; every term the proposal defines is used where its
//! definition applies; no cross-reference points at a provision that no longer exists; definitions are
//! still in alphabetical order and lettered (a), (b), (c) without gaps; and the amended text parses
//! without the structure builder having to guess.

use super::apply::sort_key;
use super::proposal::{Proposal, Rule};
use crate::glossary::Glossary;
use crate::model::{Bill, ProvisionKind};
use crate::parse::grammar::alpha_ordinal;
use crate::terms::{
    TermsReport,
    definitions::normalize_term,
    matcher::{Matcher, tokenize},
};
use serde::{Deserialize, Serialize};

/// A problem found in the amended bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CheckFinding {
    /// A renamed term still appears under its old name.
    StaleTerm {
        /// The old name.
        term: String,
        /// Where.
        locations: Vec<String>,
    },
    /// A term the proposal defines is not used where its definition applies.
    UnusedDefinition {
        /// The term.
        term: String,
        /// Where it is defined in the amended bill, if it was recognised as a definition.
        location: Option<String>,
    },
    /// A cross-reference points at a provision the amended bill does not have.
    MissingReference {
        /// The citing provision.
        from: String,
        /// The citation.
        citation: String,
        /// What it names.
        target: String,
    },
    /// Two definitions out of alphabetical order.
    OutOfOrder {
        /// The definitions section.
        section: String,
        /// The earlier subdivision.
        first: String,
        /// The later one, which sorts before it.
        second: String,
    },
    /// A subdivision lettered out of sequence.
    Lettering {
        /// The provision.
        path: String,
        /// The letter expected there.
        expected: String,
    },
    /// The amended text needed a guess to parse.
    Structure {
        /// Where.
        path: String,
        /// What.
        message: String,
    },
}

impl CheckFinding {
    /// One sentence.
    pub fn message(&self) -> String {
        match self {
            CheckFinding::StaleTerm { term, locations } => {
                format!("“{term}” is still used after the rename, in {}", locations.join(", "))
            }
            CheckFinding::UnusedDefinition {
                term,
                location: Some(l),
            } => {
                format!("the new definition of “{term}” ({l}) is not used where it applies")
            }
            CheckFinding::UnusedDefinition { term, location: None } => {
                format!("the new text for “{term}” is not read as a definition (write it as “{term}” means ...)")
            }
            CheckFinding::MissingReference { from, citation, target } => {
                format!("{from} cites “{citation}”, but the amended bill has no {target}")
            }
            CheckFinding::OutOfOrder { section, first, second } => {
                format!("definitions in {section} are out of alphabetical order: {first} before {second}")
            }
            CheckFinding::Lettering { path, expected } => format!("{path} should be lettered ({expected})"),
            CheckFinding::Structure { path, message } => format!("{path}: {message}"),
        }
    }
}

/// Check the amended bill.
pub fn check(old_report: &TermsReport, new: &Bill, proposal: &Proposal, glossary: &Glossary) -> Vec<CheckFinding> {
    let mut out: Vec<CheckFinding> = new
        .warnings
        .iter()
        .map(|w| CheckFinding::Structure {
            path: w.path.clone(),
            message: w.message.clone(),
        })
        .collect();
    let new_report = crate::terms::analyse(new, glossary);

    // Stale names: every old name of a renamed term (and of terms renamed with it).
    for r in &proposal.rules {
        let Rule::RenameTerm {
            from, derived, except, ..
        } = &r.rule
        else {
            continue;
        };
        let from_n = normalize_term(from);
        let mut old_names = vec![from_n.clone()];
        if *derived {
            let fw: Vec<String> = tokenize(&from_n).into_iter().map(|t| t.lower).collect();
            for d in &old_report.definitions {
                let w: Vec<String> = tokenize(&d.term).into_iter().map(|t| t.lower).collect();
                if d.term != from_n && w.windows(fw.len()).any(|x| x == fw.as_slice()) {
                    old_names.push(d.term.clone());
                }
            }
        }
        let except: Vec<String> = except
            .iter()
            .filter_map(|e| crate::parse::path::normalize(e).ok())
            .collect();
        for name in old_names {
            let m = Matcher::new([(name.clone(), ())]);
            let mut locations: Vec<String> = Vec::new();
            for p in new.body.walk() {
                if except.contains(&p.path) {
                    continue;
                }
                let toks = tokenize(&p.text);
                if !m.find(&p.text, &toks, |_| false).is_empty() && !locations.contains(&p.path) {
                    locations.push(p.path.clone());
                }
            }
            // A longer old name (covered model derivative) also matches the shorter: count each once.
            if !locations.is_empty()
                && !out
                    .iter()
                    .any(|f| matches!(f, CheckFinding::StaleTerm { locations: l, .. } if *l == locations))
            {
                out.push(CheckFinding::StaleTerm { term: name, locations });
            }
        }
    }

    // New definitions are used.
    for r in &proposal.rules {
        let Rule::DefineTerm { term, .. } = &r.rule else {
            continue;
        };
        let t = normalize_term(term);
        match new_report.definitions.iter().find(|d| d.term == t) {
            Some(d) if d.uses.is_empty() => out.push(CheckFinding::UnusedDefinition {
                term: t,
                location: Some(d.location.clone()),
            }),
            Some(_) => {}
            None => out.push(CheckFinding::UnusedDefinition {
                term: t,
                location: None,
            }),
        }
    }

    // Cross-references.
    for r in crate::parse::xref::references(new).into_iter().filter(|r| !r.exists) {
        out.push(CheckFinding::MissingReference {
            from: r.from,
            citation: r.citation,
            target: r.target,
        });
    }

    // Definitions sections: order and lettering.
    for sec in new.body.walk().filter(|p| p.kind == ProvisionKind::CodeSection) {
        let subs: Vec<_> = sec
            .children
            .iter()
            .filter(|c| c.kind == ProvisionKind::Subdivision)
            .collect();
        let defined: Vec<(&str, String)> = subs
            .iter()
            .filter_map(|c| {
                new_report
                    .definitions
                    .iter()
                    .find(|d| d.location == c.path || d.location.starts_with(&format!("{}(", c.path)))
                    .map(|d| (c.path.as_str(), d.term.clone()))
            })
            .collect();
        if defined.len() < 2 || defined.len() < subs.len() {
            continue;
        }
        for w in defined.windows(2) {
            if sort_key(&w[0].1) > sort_key(&w[1].1) {
                out.push(CheckFinding::OutOfOrder {
                    section: sec.path.clone(),
                    first: w[0].0.to_string(),
                    second: w[1].0.to_string(),
                });
            }
        }
        for (k, c) in subs.iter().enumerate() {
            if alpha_ordinal(&c.num) != Some(k as u32 + 1) {
                out.push(CheckFinding::Lettering {
                    path: c.path.clone(),
                    expected: crate::parse::grammar::alpha_label(k as u32 + 1).unwrap_or_default(),
                });
            }
        }
    }
    out
}
