//! Comparing two versions of a bill structurally.
//!
//! A word diff of two versions drowns the reader: insert one definition and every later subdivision is
//! relettered; move a subdivision and a plain diff shows a deletion and an insertion pages apart. So the
//! stage works on the provision trees, in three steps, each in its own module:
//!
//! 1. **align** (`align`): which old provision each new one is, in passes from the surest evidence to
//!    the weakest (identical words; nearly the same words anywhere; sections by where their contents went;
//!    similar words within aligned sections; label-only provisions by their children; the same citation;
//!    the same place among unmatched siblings). Each pair records [`How`] it was matched;
//! 2. **classify** (`classify`): what each pair means — in place, **renumbered** (a new label under the
//!    same parent), **moved** (another parent, or out of order among its siblings; only when the words are
//!    nearly the same, because a false move is worse than a missed one), edited — and what was deleted or
//!    inserted. Those fates become the redline's changes;
//! 3. **summarize** (`summary`): the counts, the renumbered and moved provisions, and what the terms
//!    analysis says about definitions added, removed and changed.
//!
//! The literal redline is the same paragraph-then-word diff `propose` uses, so every renderer works for a
//! comparison too. Everything here is data: the sentences a reader sees are `render::compare`'s.

use crate::model::{Bill, DefinitionRef};
use crate::redline::{Budget, Redline};
use crate::terms::TermsReport;
use classify::Fate;
use serde::{Deserialize, Serialize};

mod align;
mod classify;
pub mod law;
pub mod official;
mod summary;

/// How a pair of provisions was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// Same words.
    Identical,
    /// Nearly the same words.
    Similar,
    /// Same citation.
    SamePath,
    /// Their contents were matched to each other.
    Children,
    /// Same place among unmatched siblings.
    Position,
}

/// One aligned pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// Old path.
    pub old: String,
    /// New path.
    pub new: String,
    /// How it was matched.
    pub how: How,
    /// Share of words in common (0 to 1).
    pub similarity: f64,
}

/// Changes to definitions between the versions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DefinitionChanges {
    /// Terms defined only in the new version: (term, scope, location).
    pub added: Vec<DefinitionRef>,
    /// Terms defined only in the old version.
    pub removed: Vec<DefinitionRef>,
    /// Terms defined in both with different words.
    pub changed: Vec<DefinitionChange>,
    /// Terms defined in both with the same words.
    pub unchanged: Vec<DefinitionRef>,
}

/// A definition whose words changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionChange {
    /// The term.
    pub term: String,
    /// Its scope's anchor.
    pub scope: String,
    /// Where it was defined.
    pub old_location: String,
    /// Where it is defined now.
    pub new_location: String,
    /// Words struck from the definition.
    pub words_deleted: usize,
    /// Words added to it.
    pub words_inserted: usize,
}

/// What changed, as data: counts, the provisions renumbered and moved, and the definitions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Provisions only in the new version.
    pub added: usize,
    /// Provisions only in the old version.
    pub deleted: usize,
    /// Provisions moved to another parent or out of order (as many as [`Summary::moves`]).
    pub moved: usize,
    /// Provisions relettered or renumbered in place (as many as [`Summary::renumbers`]).
    pub renumbered: usize,
    /// Provisions whose words changed (in place or moved).
    pub changed: usize,
    /// Words struck, over the whole bill.
    pub words_deleted: usize,
    /// Words inserted, over the whole bill.
    pub words_inserted: usize,
    /// Definitions added, removed, changed.
    pub definitions: DefinitionChanges,
    /// The provisions relettered or renumbered in place, in the old version's order.
    #[serde(default)]
    pub renumbers: Vec<PathChange>,
    /// The provisions moved, in the old version's order.
    #[serde(default)]
    pub moves: Vec<PathChange>,
}

/// A provision whose citation changed: renumbered or moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathChange {
    /// Its path in the old version.
    pub old: String,
    /// Its path in the new version.
    pub new: String,
}

impl Summary {
    /// Whether the versions differ at all.
    pub fn differs(&self) -> bool {
        self.added + self.deleted + self.moved + self.renumbered + self.changed > 0
    }
}

/// A comparison of two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The aligned pairs.
    pub pairs: Vec<Pair>,
    /// The redline, with a change for every move, renumber, edit, insertion and deletion.
    pub redline: Redline,
    /// What changed, counted and listed.
    pub summary: Summary,
    /// How far the redline agrees with the official change marks of the new version, when it has them.
    pub official: Option<official::Agreement>,
    /// What is compared: two versions, or a bill and the current law it amends.
    pub context: law::Context,
    /// Against current law: how each bill section that changes law was read (empty for two versions).
    pub law: Vec<law::LawUse>,
}

/// Compare two versions of a bill, given each version's terms analysis (made once by the caller: compare
/// never analyses a bill it is handed).
pub fn compare(old: &Bill, new: &Bill, old_report: &TermsReport, new_report: &TermsReport) -> Comparison {
    let mut alignment = align::align(old, new);
    let fates = classify::classify(&mut alignment, old.body.text.len());
    let (changes, links) = classify::emit(&fates, old, new);
    let mut counts = summary::count(&fates);
    counts.definitions = summary::definitions(old, new, old_report, new_report);
    let pairs = fates
        .iter()
        .filter_map(|f| match f {
            Fate::Kept(k) => Some(Pair {
                old: k.old.path.clone(),
                new: k.new.path.clone(),
                how: k.how,
                similarity: k.similarity,
            }),
            _ => None,
        })
        .collect();
    let redline = crate::redline::build(old, new, changes, &links, Vec::new(), Budget::default());
    Comparison {
        pairs,
        redline,
        summary: counts,
        official: None,
        context: law::Context::PreviousVersion,
        law: Vec::new(),
    }
}

#[cfg(test)]
mod testing {
    //! Tiny bills for the stage's unit tests, written as text and read by the crate's own parser, so a
    //! test says in a few lines which provisions it compares.

    use crate::ingest::{InputFormat, decode};
    use crate::model::Bill;

    /// [`super::compare`] with each bill analysed against an empty glossary, as a caller would.
    pub(super) fn compare(old: &Bill, new: &Bill) -> super::Comparison {
        let g = crate::glossary::Glossary::default();
        super::compare(
            old,
            new,
            &crate::terms::analyse(old, &g),
            &crate::terms::analyse(new, &g),
        )
    }

    /// A bill adding Chapter 5 of the Civil Code, whose code sections are `sections` (a provision a line).
    pub(super) fn bill(sections: &str) -> Bill {
        let text = format!(
            "SECTION 1. Chapter 5 (commencing with Section 100) is added to Division 2 of the Civil Code, \
             to read:\nCHAPTER 5. Test Provisions\n{sections}\n"
        );
        let doc = decode("test", text.as_bytes(), Some(InputFormat::Text)).expect("decodes");
        crate::parse::bill(&doc).expect("parses")
    }

    /// `n` words made from `stem` (`stem0 stem1 ...`), of which the first `keep` are those of
    /// `words(stem, n, n)` and the rest new ones: two such texts are exactly `keep / n` alike.
    pub(super) fn words(stem: &str, n: usize, keep: usize) -> String {
        let w: Vec<String> = (0..n)
            .map(|i| {
                if i < keep {
                    format!("{stem}{i}")
                } else {
                    format!("{stem}new{i}")
                }
            })
            .collect();
        format!("{}.", w.join(" "))
    }

    #[test]
    fn words_are_as_alike_as_asked() {
        let s = crate::redline::tokens::similarity(&words("w", 50, 50), &words("w", 50, 43));
        assert!((s - 0.86).abs() < 1e-9, "{s}");
    }
}

#[cfg(test)]
mod tests {
    use super::testing::bill;

    #[test]
    fn a_version_against_itself_is_identical() {
        let b = bill("100. (a) The seller shall keep records for three years.\n(b) The buyer shall pay.");
        let c = crate::compare::testing::compare(&b, &b);
        assert!(!c.summary.differs() && c.redline.changes.is_empty());
        assert!(c.pairs.iter().all(|p| p.old == p.new));
        assert_eq!(
            c.pairs.len(),
            5,
            "SEC. 1, the chapter heading, 100, (a), (b): {:?}",
            c.pairs
        );
    }
}
