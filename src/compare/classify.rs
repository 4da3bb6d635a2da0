//! Deciding what became of each provision, and the redline changes that say so.
//!
//! Alignment says which old provision each new one is; classification says what that means for a reader:
//!
//! - a pair under aligned parents, in the same order as its siblings, is **in place**: unchanged, or
//!   **renumbered** (a new label or number: `(e)` became `(f)` because a definition was inserted above),
//!   and **edited** if its words changed;
//! - a pair under parents that are not aligned is a **move**, but only if its words are at least [`MOVE`]
//!   alike. A false move is worse than a missed one: a missed move still shows, truthfully, as a deletion
//!   and an insertion, while a false one tells the reader two unrelated provisions are the same. A pair
//!   below the bar is unpaired;
//! - a pair under aligned parents whose siblings changed order is a move too: the siblings on a longest
//!   run kept in the same order ([`longest_increasing`]) stay in place, the others moved, so swapping two
//!   subdivisions is one move, not a cascade;
//! - what is left unpaired is **deleted** or **inserted**, one change for the root of each deleted or
//!   inserted subtree (the subtree's words go with it).
//!
//! [`emit`] turns these fates into the redline's [`Change`]s and the [`Link`]s that tie each change to the
//! old and new text it covers; the counting is `summary`'s.

use super::How;
use super::align::Alignment;
use crate::model::{Bill, Provision, Span};
use crate::redline::{Budget, Change, ChangeKind, EditPiece, Link, Location, Op, diff_texts};
use std::collections::HashMap;

/// Words close enough for a move to be believed.
pub(super) const MOVE: f64 = 0.8;

/// What became of one provision.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Fate<'a> {
    /// Only in the old version; `root` when its parent is still there (it carries its subtree).
    Deleted { old: &'a Provision, root: bool },
    /// In both versions.
    Kept(Kept<'a>),
    /// Only in the new version; `root` when its parent was already there.
    Inserted {
        /// The new provision.
        new: &'a Provision,
        /// Whether it is the root of an inserted subtree.
        root: bool,
        /// The old provision it goes before: the counterpart of its next matched sibling.
        before: Option<String>,
        /// Where it goes in the old text.
        at: usize,
    },
}

/// A provision in both versions.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Kept<'a> {
    /// As it was.
    pub(super) old: &'a Provision,
    /// As it is.
    pub(super) new: &'a Provision,
    /// How it was matched.
    pub(super) how: How,
    /// Share of words in common.
    pub(super) similarity: f64,
    /// Where it went.
    pub(super) place: Place,
    /// How its own words changed, if they did.
    pub(super) edit: Option<Edit>,
}

/// Where a kept provision went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Where it was, with the same label.
    Same,
    /// Where it was, with a new label or number.
    Renumbered,
    /// Under another parent, or out of order among its siblings.
    Moved,
}

/// Word edits to a provision's own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Edit {
    /// The edits, each with a few words of context.
    pub(super) pieces: Vec<EditPiece>,
    /// Words struck.
    pub(super) deleted: usize,
    /// Words inserted.
    pub(super) inserted: usize,
}

/// The fate of every provision: the old version's in document order, then the inserted ones in the new
/// version's order. Drops the moves it does not believe from `a` first.
pub(super) fn classify<'a>(a: &mut Alignment<'a>, old_text_len: usize) -> Vec<Fate<'a>> {
    gate_moves(a);
    let reordered = reordered(a);
    let mut fates: Vec<Fate<'a>> = (0..a.o2n.len()).map(|o| old_fate(a, o, reordered[o])).collect();
    fates.extend(
        (0..a.n2o.len())
            .filter(|&n| a.n2o[n].is_none())
            .map(|n| inserted(a, n, old_text_len)),
    );
    fates
}

/// A pair whose parents are not aligned is a move only if its words are close; else it is unpaired. In
/// document order, so a provision whose parent was just unpaired is judged as a move too.
fn gate_moves(a: &mut Alignment<'_>) {
    for o in 0..a.o2n.len() {
        let Some(m) = a.o2n[o] else { continue };
        if !a.parents_aligned(o, m.new) && m.similarity < MOVE {
            a.unpair(o);
        }
    }
}

/// Which old provisions changed order relative to their siblings under aligned parents: those off a
/// longest run kept in the same order.
fn reordered(a: &Alignment<'_>) -> Vec<bool> {
    let mut groups: HashMap<Option<usize>, Vec<(usize, usize)>> = HashMap::new();
    for o in 0..a.o2n.len() {
        let Some(n) = a.counterpart(o) else { continue };
        if a.parents_aligned(o, n) {
            groups.entry(a.old.parent[o]).or_default().push((o, n));
        }
    }
    let mut out = vec![false; a.o2n.len()];
    for kids in groups.values() {
        let news: Vec<usize> = kids.iter().map(|(_, n)| *n).collect();
        let mut keep = vec![false; kids.len()];
        for i in longest_increasing(&news) {
            keep[i] = true;
        }
        for (i, (o, _)) in kids.iter().enumerate() {
            out[*o] = !keep[i];
        }
    }
    out
}

/// Indices (into `seq`) of a longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    // Patience sorting with back-pointers: O(n log n).
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the smallest tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t] < x);
        if k > 0 {
            prev[i] = Some(tails[k - 1]);
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev[i];
    }
    out.reverse();
    out
}

/// What became of old provision `o`.
fn old_fate<'a>(a: &Alignment<'a>, o: usize, reordered: bool) -> Fate<'a> {
    let old = a.old.nodes[o];
    let Some(m) = a.o2n[o] else {
        let root = a.old.parent[o].is_none_or(|p| a.o2n[p].is_some());
        return Fate::Deleted { old, root };
    };
    let new = a.new.nodes[m.new];
    let place = if reordered || !a.parents_aligned(o, m.new) {
        Place::Moved
    } else if (old.num != new.num && !old.num.is_empty()) || old.label != new.label {
        Place::Renumbered
    } else {
        Place::Same
    };
    // Texts that differ in typography alone are not edited (see `Budget::typography`).
    let edit = (old.text != new.text)
        .then(|| edit(&old.text, &new.text))
        .filter(|e| !e.pieces.is_empty());
    Fate::Kept(Kept {
        old,
        new,
        how: m.how,
        similarity: m.similarity,
        place,
        edit,
    })
}

/// New provision `n`, which has no counterpart: where it goes in the old text.
fn inserted<'a>(a: &Alignment<'a>, n: usize, old_text_len: usize) -> Fate<'a> {
    let parent = a.new.parent[n];
    let later = n + 1..a.n2o.len();
    let before = later
        .clone()
        .filter(|&m| a.new.parent[m] == parent)
        .find_map(|m| a.n2o[m])
        .map(|o| a.old.nodes[o].path.clone());
    // Before the old counterpart of the next matched new provision (at the end if there is none).
    let at = later
        .clone()
        .find_map(|m| a.n2o[m])
        .map_or(old_text_len, |o| a.old.nodes[o].span.start);
    Fate::Inserted {
        new: a.new.nodes[n],
        root: parent.is_none_or(|p| a.n2o[p].is_some()),
        before,
        at,
    }
}

/// How many times `phrase` occurs in `text` as whole words (spacing aside).
fn occurrences(text: &[&str], phrase: &[&str]) -> usize {
    if phrase.is_empty() || phrase.len() > text.len() {
        return 0;
    }
    text.windows(phrase.len()).filter(|w| *w == phrase).count()
}

/// Make a piece's words unique in the provision's old text, so that an instruction built from it points
/// at one place: words struck that occur more than once take the words before them along (struck and
/// inserted again: "strike out “an employee” and insert “a covered employee”"); an insertion's "after"
/// words grow until they occur once. `before` is the old text up to the piece.
fn locate(p: &mut EditPiece, before: &str, old: &[&str]) {
    let ctx: Vec<&str> = before.split_whitespace().collect();
    if !p.old.is_empty() {
        let struck: Vec<&str> = p.old.split_whitespace().collect();
        if occurrences(old, &struck) <= 1 {
            return;
        }
        for k in 1..=ctx.len().min(12) {
            let lead = &ctx[ctx.len() - k..];
            let wider: Vec<&str> = lead.iter().chain(&struck).copied().collect();
            if occurrences(old, &wider) == 1 {
                let lead = lead.join(" ");
                p.old = format!("{lead} {}", p.old);
                p.new = if p.new.is_empty() {
                    lead
                } else {
                    format!("{lead} {}", p.new)
                };
                let rest = &ctx[..ctx.len() - k];
                p.after = rest[rest.len().saturating_sub(4)..].join(" ");
                return;
            }
        }
    } else {
        let mut k = ctx.len().min(4);
        while k < ctx.len().min(16) && occurrences(old, &ctx[ctx.len() - k..]) > 1 {
            k += 1;
        }
        p.after = ctx[ctx.len() - k..].join(" ");
    }
}

/// Word edits between two own texts, each locating its words uniquely (see [`locate`]).
pub(super) fn edit(old: &str, new: &str) -> Edit {
    let (segs, _) = diff_texts(old, new, Budget::default());
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let mut out = Edit {
        pieces: Vec::new(),
        deleted: 0,
        inserted: 0,
    };
    let mut before = String::new();
    let mut current: Option<(EditPiece, String)> = None;
    let finish = |out: &mut Edit, current: Option<(EditPiece, String)>| {
        if let Some((mut p, before)) = current {
            p.old = p.old.trim().to_string();
            p.new = p.new.trim().to_string();
            locate(&mut p, &before, &old_words);
            out.pieces.push(p);
        }
    };
    for s in segs {
        if s.op == Op::Equal {
            finish(&mut out, current.take());
            before.push_str(s.old_text());
            continue;
        }
        let (p, _) = current.get_or_insert_with(|| {
            let words: Vec<&str> = before.split_whitespace().collect();
            (
                EditPiece {
                    old: String::new(),
                    new: String::new(),
                    after: words[words.len().saturating_sub(4)..].join(" "),
                },
                before.clone(),
            )
        });
        let words = s.text.split_whitespace().count();
        if s.op == Op::Delete {
            p.old.push_str(&s.text);
            out.deleted += words;
        } else {
            p.new.push_str(&s.text);
            out.inserted += words;
        }
    }
    finish(&mut out, current);
    out
}

/// A provision's whole subtree in the body text: moving or deleting it carries its contents.
fn subtree_span(p: &Provision) -> Span {
    let mut last = p;
    while let Some(c) = last.children.last() {
        last = c;
    }
    Span {
        start: p.span.start,
        end: last.span.end,
    }
}

/// The redline's changes for the fates, in order, each with the link to the text it covers.
pub(super) fn emit(fates: &[Fate<'_>], old: &Bill, new: &Bill) -> (Vec<Change>, Vec<Link>) {
    let mut out = Emitted::default();
    for f in fates {
        match f {
            Fate::Deleted { old: po, root: true } => out.push(
                ChangeKind::Delete {
                    location: Location::of(old, &po.path),
                    text: po.full_text(),
                },
                po.span.start,
                Some(subtree_span(po)),
                None,
            ),
            Fate::Kept(k) => out.kept(k, old, new),
            Fate::Inserted {
                new: pn,
                root: true,
                before,
                at,
            } => out.push(
                ChangeKind::Insert {
                    location: Location::of(new, &pn.path),
                    term: None,
                    text: pn.full_text(),
                    before: before.clone(),
                },
                *at,
                Some(Span { start: *at, end: *at }),
                Some(subtree_span(pn)),
            ),
            Fate::Deleted { .. } | Fate::Inserted { .. } => {}
        }
    }
    (out.changes, out.links)
}

#[derive(Default)]
struct Emitted {
    changes: Vec<Change>,
    links: Vec<Link>,
}

impl Emitted {
    fn push(&mut self, kind: ChangeKind, at: usize, old: Option<Span>, new: Option<Span>) {
        self.changes.push(Change {
            kind,
            at,
            footnotes: Vec::new(),
        });
        self.links.push(Link {
            old,
            new,
            change: self.changes.len() - 1,
        });
    }

    /// A move (with its edits inside), or a renumber and an edit, each when it applies.
    fn kept(&mut self, k: &Kept<'_>, old: &Bill, new: &Bill) {
        let (po, pn) = (k.old, k.new);
        let pieces = || k.edit.as_ref().map(|e| e.pieces.clone()).unwrap_or_default();
        if k.place == Place::Moved {
            let kind = ChangeKind::Move {
                from: Location::of(old, &po.path),
                to: Location::of(new, &pn.path),
                pieces: pieces(),
            };
            return self.push(kind, po.span.start, Some(subtree_span(po)), Some(subtree_span(pn)));
        }
        if k.place == Place::Renumbered {
            let label = |p: &Provision| Span {
                start: p.span.start,
                end: p.span.start + p.label.len(),
            };
            let kind = ChangeKind::Renumber {
                from: Location::of(old, &po.path),
                to: pn.path.clone(),
            };
            self.push(kind, po.span.start, Some(label(po)), Some(label(pn)));
        }
        if k.edit.is_some() {
            let text = |p: &Provision| Span {
                start: p.text_start(),
                end: p.text_start() + p.text.len(),
            };
            let kind = ChangeKind::Edit {
                location: Location::of(old, &po.path),
                to: pn.path.clone(),
                pieces: pieces(),
            };
            self.push(kind, po.text_start(), Some(text(po)), Some(text(pn)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::testing::{bill, words};
    use crate::compare::{Comparison, PathChange};

    fn kinds(c: &Comparison) -> Vec<&'static str> {
        c.redline
            .changes
            .iter()
            .map(|ch| match &ch.kind {
                ChangeKind::Insert { .. } => "insert",
                ChangeKind::Delete { .. } => "delete",
                ChangeKind::Renumber { .. } => "renumber",
                ChangeKind::Move { .. } => "move",
                ChangeKind::Edit { .. } => "edit",
                _ => "other",
            })
            .collect()
    }

    fn path_change(old: &str, new: &str) -> PathChange {
        PathChange {
            old: old.into(),
            new: new.into(),
        }
    }

    /// A definition inserted at (b): (b) to (e) are renumbered (c) to (f), nothing edited, one insertion
    /// before the old (b).
    #[test]
    fn an_inserted_definition_renumbers_what_follows() {
        let defs = [
            "“Apple” means a red fruit grown on a tree.",
            "“Banana” means a long yellow fruit.",
            "“Cherry” means a small dark fruit with a stone.",
            "“Date” means a sweet brown fruit of a palm.",
            "“Elderberry” means a dark berry of a shrub.",
        ];
        let lines = |labels: &str, first: Option<&str>| {
            let mut d: Vec<&str> = defs.to_vec();
            if let Some(f) = first {
                d.insert(1, f);
            }
            let body: Vec<String> = labels.chars().zip(d).map(|(l, t)| format!("({l}) {t}")).collect();
            format!("100. As used in this chapter:\n{}", body.join("\n"))
        };
        let old = bill(&lines("abcde", None));
        let new = bill(&lines(
            "abcdef",
            Some("“Avocado” means a green fruit with a large seed."),
        ));
        let c = crate::compare::testing::compare(&old, &new);
        assert_eq!(kinds(&c), ["renumber", "renumber", "renumber", "renumber", "insert"]);
        let s = &c.summary;
        assert_eq!((s.added, s.deleted, s.renumbered, s.moved, s.changed), (1, 0, 4, 0, 0));
        assert_eq!(s.renumbers[0], path_change("100(b)", "100(c)"));
        assert_eq!(s.renumbers[3], path_change("100(e)", "100(f)"));
        match &c.redline.changes[4].kind {
            ChangeKind::Insert { location, before, .. } => {
                assert_eq!((location.path.as_str(), before.as_deref()), ("100(b)", Some("100(b)")));
            }
            other => panic!("{other:?}"),
        }
        let old_b = old.body.find("100(b)").expect("(b)");
        assert_eq!(c.redline.changes[4].at, old_b.span.start, "goes where the old (b) was");
    }

    /// Old (b) becomes (2) under the old (c), now (b). Its words 0.82 alike: a move. 0.78 alike: not
    /// believed, so a deletion and an insertion.
    #[test]
    fn a_move_needs_nearly_the_same_words() {
        let old = bill(&format!(
            "100. The seller shall comply with this section.\n(a) The seller shall keep records for three \
             years.\n(b) {}\n(c) The seller shall also do the following:\n(1) Publish a list of prices.",
            words("beta", 50, 50)
        ));
        for (keep, moved) in [(41, true), (39, false)] {
            let new = bill(&format!(
                "100. The seller shall comply with this section.\n(a) The seller shall keep records for three \
                 years.\n(b) The seller shall also do the following:\n(1) Publish a list of prices.\n(2) {}",
                words("beta", 50, keep)
            ));
            let c = crate::compare::testing::compare(&old, &new);
            let s = &c.summary;
            assert_eq!(s.renumbers, [path_change("100(c)", "100(b)")], "{keep}");
            if moved {
                assert_eq!(kinds(&c), ["move", "renumber"]);
                assert_eq!(s.moves, [path_change("100(b)", "100(b)(2)")]);
                assert_eq!((s.moved, s.changed, s.added, s.deleted), (1, 1, 0, 0));
                let ChangeKind::Move { pieces, .. } = &c.redline.changes[0].kind else {
                    unreachable!()
                };
                assert!(!pieces.is_empty(), "the nine new words at the end go with the move");
            } else {
                assert_eq!(kinds(&c), ["delete", "renumber", "insert"]);
                assert!(s.moves.is_empty());
                assert_eq!((s.moved, s.added, s.deleted), (0, 1, 1));
            }
        }
    }

    /// (b) and (c) swap places with the same words: one of them moved (off the longest run kept in
    /// order), the other only relettered; not a cascade of moves.
    #[test]
    fn an_order_change_is_one_move() {
        let old = bill(
            "100. (a) The seller shall keep records for three years.\n(b) The buyer shall pay within thirty \
             days.\n(c) The buyer shall inspect the goods on arrival.",
        );
        let new = bill(
            "100. (a) The seller shall keep records for three years.\n(b) The buyer shall inspect the goods \
             on arrival.\n(c) The buyer shall pay within thirty days.",
        );
        let c = crate::compare::testing::compare(&old, &new);
        assert_eq!(kinds(&c), ["move", "renumber"]);
        assert_eq!(c.summary.moves, [path_change("100(b)", "100(c)")]);
        assert_eq!(c.summary.renumbers, [path_change("100(c)", "100(b)")]);
        assert_eq!(c.summary.changed, 0);
    }

    /// Deleting a subdivision with a paragraph: one change for the subtree, its words with it.
    #[test]
    fn a_deleted_subtree_is_one_change() {
        let old = bill(
            "100. (a) The seller shall keep records for three years.\n(b) The buyer shall:\n(1) Pay within \
             thirty days.",
        );
        let new = bill("100. (a) The seller shall keep records for three years.");
        let c = crate::compare::testing::compare(&old, &new);
        assert_eq!(kinds(&c), ["delete"]);
        let ChangeKind::Delete { location, text } = &c.redline.changes[0].kind else {
            unreachable!()
        };
        assert_eq!(location.path, "100(b)");
        assert!(text.contains("Pay within thirty days."), "{text}");
    }

    #[test]
    fn longest_increasing_keeps_the_longest_run_in_order() {
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[0, 2, 1]), [0, 2]);
        let seq = [3, 1, 2, 5, 4, 6];
        let keep = longest_increasing(&seq);
        assert_eq!(keep.len(), 4);
        assert!(keep.windows(2).all(|w| w[0] < w[1] && seq[w[0]] < seq[w[1]]));
    }

    #[test]
    fn edits_carry_the_words_before_them() {
        let e = edit(
            "the seller shall keep the records",
            "the seller must keep the records and receipts",
        );
        assert_eq!((e.deleted, e.inserted), (1, 3));
        assert_eq!(e.pieces.len(), 2);
        assert_eq!((e.pieces[0].old.as_str(), e.pieces[0].new.as_str()), ("shall", "must"));
        assert_eq!(e.pieces[0].after, "the seller");
        // Context is the words that stay: "must" is new, so it is not among them.
        assert_eq!(
            (e.pieces[1].new.as_str(), e.pieces[1].after.as_str()),
            ("and receipts", "seller keep the records")
        );
    }
}
