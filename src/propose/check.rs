//! The consistency check run on an amended bill.
//!
//! After a proposal is applied, billdiff re-reads the amended bill and checks what a careful drafter
//! would: no stale use of a renamed term is left; every term the proposal defines is used where its
//! definition applies; no cross-reference points at a provision that no longer exists; definitions are
//! still in alphabetical order and lettered (a), (b), (c) without gaps; and the amended text parses
//! without the structure builder having to guess.
//!
//! The findings are data; `render::check` words them.

use super::apply::sort_key;
use super::proposal::{Proposal, Rule};
use crate::model::{Bill, Provision, ProvisionKind, WarningKind};
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
        /// What (in JSON, `message`: the words `render::notes::warning` gives it).
        #[serde(rename = "message")]
        warning: WarningKind,
    },
}

/// Check the amended bill `new`, given the terms analyses of the bill before (`old_report`) and of `new`.
pub fn check(old_report: &TermsReport, new_report: &TermsReport, new: &Bill, proposal: &Proposal) -> Vec<CheckFinding> {
    let mut out: Vec<CheckFinding> = new
        .warnings
        .iter()
        .map(|w| CheckFinding::Structure {
            path: w.path.clone(),
            warning: w.kind.clone(),
        })
        .collect();
    for r in &proposal.rules {
        if let Rule::RenameTerm {
            from, derived, except, ..
        } = &r.rule
        {
            stale_names(&mut out, old_report, new, from, *derived, except);
        }
    }
    for r in &proposal.rules {
        if let Rule::DefineTerm { term, .. } = &r.rule {
            out.extend(unused_definition(new_report, term));
        }
    }
    out.extend(missing_references(new));
    for sec in new.body.walk().filter(|p| p.kind == ProvisionKind::CodeSection) {
        definitions_section(&mut out, new_report, sec);
    }
    out
}

/// Every old name of a renamed term (and, with `derived`, of the terms renamed with it) still in the
/// amended text, outside the provisions the rule excepts.
fn stale_names(
    out: &mut Vec<CheckFinding>,
    old_report: &TermsReport,
    new: &Bill,
    from: &str,
    derived: bool,
    except: &[String],
) {
    let from_n = normalize_term(from);
    let mut old_names = vec![from_n.clone()];
    if derived {
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

/// A term the proposal defines that the amended bill does not use (or does not read as a definition).
fn unused_definition(new_report: &TermsReport, term: &str) -> Option<CheckFinding> {
    let t = normalize_term(term);
    match new_report.definitions.iter().find(|d| d.term == t) {
        Some(d) if d.uses.is_empty() => Some(CheckFinding::UnusedDefinition {
            term: t,
            location: Some(d.location.clone()),
        }),
        Some(_) => None,
        None => Some(CheckFinding::UnusedDefinition {
            term: t,
            location: None,
        }),
    }
}

/// Cross-references to provisions the amended bill does not have.
fn missing_references(new: &Bill) -> impl Iterator<Item = CheckFinding> {
    crate::parse::xref::references(new)
        .into_iter()
        .filter(|r| !r.exists)
        .map(|r| CheckFinding::MissingReference {
            from: r.from,
            citation: r.citation,
            target: r.target,
        })
}

/// A section whose subdivisions are all definitions: they are in alphabetical order and lettered (a), (b),
/// (c) ... without gaps.
fn definitions_section(out: &mut Vec<CheckFinding>, new_report: &TermsReport, sec: &Provision) {
    let subs: Vec<&Provision> = sec
        .children
        .iter()
        .filter(|c| c.kind == ProvisionKind::Subdivision)
        .collect();
    let defined: Vec<(&str, String)> = subs
        .iter()
        .filter_map(|c| {
            let nested = format!("{}(", c.path);
            new_report
                .definitions
                .iter()
                .find(|d| d.location == c.path || d.location.starts_with(&nested))
                .map(|d| (c.path.as_str(), d.term.clone()))
        })
        .collect();
    if defined.len() < 2 || defined.len() < subs.len() {
        return;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::propose::testing::{BILL, bill, proposal};

    /// The findings on `amended`, a hand-written amended text of [`BILL`], for the proposal's `rules`.
    fn findings(amended: &str, rules: &str) -> Vec<CheckFinding> {
        let g = crate::glossary::Glossary::default();
        let (old, new) = (bill(BILL), bill(amended));
        check(
            &crate::terms::analyse(&old, &g),
            &crate::terms::analyse(&new, &g),
            &new,
            &proposal(rules),
        )
    }

    /// A rule the check has nothing to say about (it reads only renames and definitions).
    const TEXT: &str = "[[rules]]\nkind = \"strike-text\"\nat = \"22603(c)\"\ntext = \"not\"\nrationale = \"r\"\n";

    const RENAME: &str =
        "[[rules]]\nkind = \"rename-term\"\nfrom = \"covered model\"\nto = \"covered system\"\nrationale = \"r\"\n";

    fn define(term: &str) -> String {
        format!("[[rules]]\nkind = \"define-term\"\nterm = \"{term}\"\ntext = \"x {term}\"\nrationale = \"r\"\n")
    }

    fn renamed() -> String {
        BILL.replace("Covered model", "Covered system")
            .replace("covered model", "covered system")
            .replace("COVERED MODELS", "COVERED SYSTEMS")
    }

    #[test]
    fn the_bill_as_it_was_has_no_findings() {
        assert_eq!(findings(BILL, TEXT), []);
        assert_eq!(findings(&renamed(), RENAME), []);
    }

    #[test]
    fn a_stale_use_of_the_old_name() {
        let stale = renamed().replace("A frontier model shall", "A covered model shall");
        assert_eq!(
            findings(&stale, RENAME),
            [CheckFinding::StaleTerm {
                term: "covered model".into(),
                locations: vec!["22603(c)".into()],
            }]
        );
        // Where the rule excepts the provision, the old name is meant.
        let except = RENAME.replace("rationale", "except = [\"22603(c)\"]\nrationale");
        assert_eq!(findings(&stale, &except), []);
    }

    #[test]
    fn a_new_definition_left_unused() {
        let zebra = BILL.replace(
            "(f) “Safety protocol”",
            "(f) “Zebra” means a striped horse.\n\n(g) “Safety protocol”",
        );
        let got = findings(&zebra, &format!("{}\n{}", define("zebra"), define("quokka")));
        assert!(
            got.contains(&CheckFinding::UnusedDefinition {
                term: "zebra".into(),
                location: Some("22602(f)".into()),
            }),
            "{got:?}"
        );
        // Not in the text as a definition at all.
        assert!(
            got.contains(&CheckFinding::UnusedDefinition {
                term: "quokka".into(),
                location: None,
            }),
            "{got:?}"
        );
        // And "zebra" sorts after "safety protocol": out of order.
        assert!(
            got.iter().any(|f| matches!(f, CheckFinding::OutOfOrder { .. })),
            "{got:?}"
        );
    }

    #[test]
    fn a_dangling_cross_reference() {
        let dangling = BILL.replace("in subdivision (e)", "in subdivision (z)");
        assert_eq!(
            findings(&dangling, TEXT),
            [CheckFinding::MissingReference {
                from: "22602(d)".into(),
                citation: "subdivision (z)".into(),
                target: "22602(z)".into(),
            }]
        );
    }

    #[test]
    fn definitions_out_of_alphabetical_order() {
        let apex = BILL.replace("“Frontier model”", "“Apex model”");
        assert_eq!(
            findings(&apex, TEXT),
            [CheckFinding::OutOfOrder {
                section: "22602".into(),
                first: "22602(d)".into(),
                second: "22602(e)".into(),
            }]
        );
    }

    #[test]
    fn a_gap_in_the_lettering() {
        let gap = BILL.replace("(f) “Safety", "(g) “Safety");
        assert_eq!(
            findings(&gap, TEXT),
            [
                // The structure builder noticed too, and says how it read the label.
                CheckFinding::Structure {
                    path: "22602".into(),
                    warning: WarningKind::OutOfSequence {
                        label: "g".into(),
                        after: Some("e".into()),
                        read_as: "Subdivision".into(),
                    },
                },
                CheckFinding::Lettering {
                    path: "22602(g)".into(),
                    expected: "f".into(),
                },
            ]
        );
    }

    #[test]
    fn a_guess_of_the_structure_builder() {
        let twice = BILL.replace("(c) “Covered model derivative”", "(b) “Covered model derivative”");
        let got = findings(&twice, TEXT);
        assert!(
            got.iter().any(|f| matches!(
                f,
                CheckFinding::Structure {
                    warning: WarningKind::Duplicate { .. },
                    ..
                }
            )),
            "{got:?}"
        );
    }
}
