//! How far the analysis agrees with a file's own definitions markup (USLM and Akoma Ntoso `<term>`/`<def>`,
//! CLML `<Term>`): the terms both name, the terms only the markup names, and the terms only billdiff finds.
//! Terms are compared as the analysis normalizes them (lowercase, spaces folded, a typographic apostrophe
//! as a straight one); an alias counts as a term of its own.

use super::TermsReport;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The comparison of the analysis with the markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkupAgreement {
    /// Terms both name.
    pub both: usize,
    /// Terms the markup defines that the analysis did not find.
    pub only_marked: Vec<String>,
    /// Terms the analysis found that the markup does not define.
    pub only_found: Vec<String>,
}

impl MarkupAgreement {
    /// Terms both name over terms either names (1 when neither names any).
    pub fn ratio(&self) -> f64 {
        let all = self.both + self.only_marked.len() + self.only_found.len();
        if all == 0 { 1.0 } else { self.both as f64 / all as f64 }
    }
}

fn norm(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

/// Compare the analysis with the terms the markup names.
pub fn agreement(report: &TermsReport, marked: &[String]) -> MarkupAgreement {
    let marked: BTreeSet<String> = marked.iter().map(|t| norm(t)).collect();
    let found: BTreeSet<String> = report
        .definitions
        .iter()
        .flat_map(|d| std::iter::once(&d.term).chain(&d.aliases))
        .map(|t| norm(t))
        .collect();
    MarkupAgreement {
        both: marked.intersection(&found).count(),
        only_marked: marked.difference(&found).cloned().collect(),
        only_found: found.difference(&marked).cloned().collect(),
    }
}
