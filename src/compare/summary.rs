//! What changed, as data: counts of provisions and words, which provisions were renumbered or moved, and
//! what happened to the definitions.
//!
//! The counts come from the fates classification decided, never from the redline's text, so they agree
//! with the changes the redline lists. Definitions come from the terms analysis of each version: a term
//! (in its scope) defined in only one version was added or removed; defined in both, it changed if the
//! words of the provision defining it changed. Words are compared without the provision's own label, so a
//! definition that was only relettered (`(e)` to `(f)`) is unchanged. Turning any of this into sentences
//! is `render::compare`'s.

use super::classify::{Fate, Place, edit};
use super::{DefinitionChange, DefinitionChanges, PathChange, Summary};
use crate::model::{Bill, DefinitionRef, Provision, ProvisionKind};
use crate::terms::{Definition, TermsReport};
use std::collections::HashMap;

/// Words of a provision with its label.
fn words_of(p: &Provision) -> usize {
    p.label.split_whitespace().count() + p.text.split_whitespace().count()
}

/// Count the fates; definitions are left empty for [`definitions`].
pub(super) fn count(fates: &[Fate<'_>]) -> Summary {
    let mut s = Summary::default();
    for f in fates {
        match f {
            Fate::Deleted { old, .. } => {
                s.deleted += 1;
                s.words_deleted += words_of(old);
            }
            Fate::Inserted { new, .. } => {
                s.added += 1;
                s.words_inserted += words_of(new);
            }
            Fate::Kept(k) => {
                if let Some(e) = &k.edit {
                    s.changed += 1;
                    s.words_deleted += e.deleted;
                    s.words_inserted += e.inserted;
                }
                let path = || PathChange {
                    old: k.old.path.clone(),
                    new: k.new.path.clone(),
                };
                match k.place {
                    Place::Same => {}
                    Place::Renumbered => s.renumbers.push(path()),
                    Place::Moved => s.moves.push(path()),
                }
            }
        }
    }
    s.renumbered = s.renumbers.len();
    s.moved = s.moves.len();
    s
}

/// The text of a definition's provision, without its own label, for telling changed definitions apart.
fn definition_words(bill: &Bill, location: &str) -> String {
    let lineage = bill.body.lineage(location).unwrap_or_default();
    let unit = lineage
        .iter()
        .rposition(|p| matches!(p.kind, ProvisionKind::CodeSection | ProvisionKind::BillSection))
        .and_then(|i| lineage.get(i + 1))
        .or(lineage.last());
    let Some(unit) = unit else { return String::new() };
    let full = unit.full_text();
    full.strip_prefix(&unit.label)
        .unwrap_or(&full)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn reference(d: &Definition) -> DefinitionRef {
    DefinitionRef {
        term: d.term.clone(),
        scope: d.scope.anchor.clone(),
        location: d.location.clone(),
    }
}

/// Definitions added, removed, changed and unchanged between two versions' terms analyses.
pub(super) fn definitions(old: &Bill, new: &Bill, ro: &TermsReport, rn: &TermsReport) -> DefinitionChanges {
    let key = |d: &Definition| (d.term.clone(), d.scope.anchor.clone());
    // The first definition of each (term, scope), as a scan of the list would find it.
    let index = |r: &TermsReport| {
        let mut m: HashMap<(String, String), usize> = HashMap::new();
        for (i, d) in r.definitions.iter().enumerate() {
            m.entry(key(d)).or_insert(i);
        }
        m
    };
    let (in_old, in_new) = (index(ro), index(rn));
    let mut out = DefinitionChanges::default();
    for d in &ro.definitions {
        let Some(e) = in_new.get(&key(d)).map(|&i| &rn.definitions[i]) else {
            out.removed.push(reference(d));
            continue;
        };
        let (a, b) = (definition_words(old, &d.location), definition_words(new, &e.location));
        if a == b {
            out.unchanged.push(reference(e));
            continue;
        }
        let words = edit(&a, &b);
        out.changed.push(DefinitionChange {
            term: d.term.clone(),
            scope: d.scope.anchor.clone(),
            old_location: d.location.clone(),
            new_location: e.location.clone(),
            words_deleted: words.deleted,
            words_inserted: words.inserted,
        });
    }
    out.added = rn
        .definitions
        .iter()
        .filter(|e| !in_old.contains_key(&key(e)))
        .map(reference)
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use crate::compare::PathChange;
    use crate::compare::testing::bill;

    /// Every deleted or inserted provision counts, with its label's words; edits count their own words.
    #[test]
    fn counts_cover_every_provision_and_word() {
        let old = bill(
            "100. (a) The seller shall keep records for three years.\n(b) The buyer shall:\n(1) Pay within \
             thirty days.",
        );
        let new = bill("100. (a) The seller shall keep written records for three years.\n(b) Notices must be posted.");
        let c = crate::compare::testing::compare(&old, &new);
        let s = &c.summary;
        // (a) is edited; the old (b) and its (1) share no word with the new (b): deleted and inserted.
        assert_eq!((s.changed, s.deleted, s.added), (1, 2, 1), "{s:?}");
        // "written", and "(b) Notices must be posted." with its label.
        assert_eq!(s.words_inserted, 1 + 5, "{s:?}");
        // "(b) The buyer shall:" and "(1) Pay within thirty days.", labels included.
        assert_eq!(s.words_deleted, 4 + 5, "{s:?}");
        assert!(s.renumbers.is_empty() && s.moves.is_empty() && s.differs());
        assert_eq!(
            c.redline.changes.len(),
            3,
            "an edit, one deletion for the subtree, an insertion"
        );
    }

    #[test]
    fn renumbered_and_moved_lists_match_their_counts() {
        let old = bill("100. (a) The buyer shall pay within thirty days.\n(b) The buyer shall inspect the goods.");
        let new = bill(
            "100. (a) The seller shall post a notice of the terms.\n(b) The buyer shall pay within thirty \
             days.\n(c) The buyer shall inspect the goods.",
        );
        let s = crate::compare::testing::compare(&old, &new).summary;
        let p = |o: &str, n: &str| PathChange {
            old: o.into(),
            new: n.into(),
        };
        assert_eq!(s.renumbers, [p("100(a)", "100(b)"), p("100(b)", "100(c)")]);
        assert_eq!((s.renumbered, s.moved, s.added), (2, 0, 1));
    }

    /// Definitions by term and scope: a relettered definition with the same words is unchanged; one
    /// word more is a change, counted.
    #[test]
    fn definitions_added_removed_changed_and_unchanged() {
        let old = bill(
            "100. As used in this chapter:\n(a) “Apple” means a red fruit.\n(b) “Banana” means a yellow \
             fruit.\n(c) “Cherry” means a small fruit.",
        );
        let new = bill(
            "100. As used in this chapter:\n(a) “Avocado” means a green fruit.\n(b) “Apple” means a red \
             fruit.\n(c) “Banana” means a long yellow fruit.",
        );
        let d = crate::compare::testing::compare(&old, &new).summary.definitions;
        let terms = |v: &[crate::model::DefinitionRef]| v.iter().map(|x| x.term.clone()).collect::<Vec<_>>();
        assert_eq!(terms(&d.added), ["avocado"]);
        assert_eq!(terms(&d.removed), ["cherry"]);
        assert_eq!(terms(&d.unchanged), ["apple"]);
        assert_eq!(d.unchanged[0].location, "100(b)", "where it is now");
        assert_eq!(d.changed.len(), 1, "{d:?}");
        let c = &d.changed[0];
        assert_eq!(
            (c.term.as_str(), c.old_location.as_str(), c.new_location.as_str()),
            ("banana", "100(b)", "100(c)")
        );
        assert_eq!((c.words_deleted, c.words_inserted), (0, 1));
        assert_eq!(c.scope, d.added[0].scope, "one chapter, one scope");
    }
}
