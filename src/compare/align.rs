//! Aligning two provision trees: which old provision each new one is.
//!
//! Labels cannot be trusted to align versions (insert a definition and every later subdivision is
//! relettered; strike a section and the next one takes its number), and words alone cannot either (two
//! subdivisions reading "(A) Public safety." are different provisions). So alignment runs in passes, from
//! the most certain evidence to the least, and each pass only pairs provisions no earlier pass paired:
//!
//! 1. [`identical`](Alignment::identical): the same words, of the same kind, unique in both versions (or,
//!    for repeated words, at the same path);
//! 2. [`similar`](Alignment::similar) anywhere: mutual best matches sharing at least [`SIMILAR_ANYWHERE`]
//!    of their words. Only near-identical words are trusted across sections; this is where moves come from;
//! 3. [`sections`](Alignment::sections): code and bill sections and headings by where their contents went,
//!    and by number only when nothing inside them matched;
//! 4. [`similar`](Alignment::similar) within aligned sections, at the looser [`SIMILAR`]: inside one
//!    section an edited provision keeps half its words;
//! 5. [`children`](Alignment::children): a provision whose matched children all went into one provision of
//!    the other version (a label-only `(e)` above `(1) “Covered model” means`);
//! 6. [`same_path`](Alignment::same_path): the same citation, if the words still overlap by [`OVERLAP`];
//! 7. [`position`](Alignment::position): the same place among still-unmatched siblings of aligned parents,
//!    if the words overlap by [`OVERLAP`].
//!
//! Every pass pairs only provisions of compatible kinds, and records how it paired them ([`How`]) and how
//! similar their words are, which is what classification reads next.

use super::How;
use crate::model::{Bill, Provision, ProvisionKind};
use crate::redline::tokens::{Bag, bag, dice};
use std::collections::HashMap;

/// Words close enough to be the same provision, edited, within one section.
pub(super) const SIMILAR: f64 = 0.5;
/// Words close enough to pair provisions across sections (candidate moves).
pub(super) const SIMILAR_ANYWHERE: f64 = 0.85;
/// Overlap required to trust a same-path or same-position pairing.
pub(super) const OVERLAP: f64 = 0.3;
/// Above this many candidate pairs, similarity is only looked for within aligned sections: comparing
/// every old provision with every new one would grow with the square of the bill.
const GLOBAL_LIMIT: usize = 4_000_000;
/// Provisions with fewer words than this are never paired by similarity: "(A) Public safety." shares
/// most of its words with too many others.
const MIN_WORDS: usize = 3;

/// A bill's provisions in document order, with the tree as index tables (parents before children).
pub(super) struct Flat<'a> {
    /// The provisions, in document order.
    pub(super) nodes: Vec<&'a Provision>,
    /// Each node's parent.
    pub(super) parent: Vec<Option<usize>>,
    /// Each node's children, in order.
    kids: Vec<Vec<usize>>,
    /// The top-level nodes, in order.
    roots: Vec<usize>,
    /// Index of each node's code or bill section (itself for sections).
    section: Vec<usize>,
}

impl<'a> Flat<'a> {
    fn new(bill: &'a Bill) -> Flat<'a> {
        let mut f = Flat {
            nodes: Vec::new(),
            parent: Vec::new(),
            kids: Vec::new(),
            roots: Vec::new(),
            section: Vec::new(),
        };
        // An explicit stack, so a deeply nested tree cannot overflow the call stack.
        let mut stack: Vec<(&Provision, Option<usize>, Option<usize>)> =
            bill.body.provisions.iter().rev().map(|p| (p, None, None)).collect();
        while let Some((p, parent, section)) = stack.pop() {
            let i = f.nodes.len();
            f.nodes.push(p);
            f.parent.push(parent);
            f.kids.push(Vec::new());
            match parent {
                Some(q) => f.kids[q].push(i),
                None => f.roots.push(i),
            }
            let sec = match p.kind {
                ProvisionKind::CodeSection | ProvisionKind::BillSection => i,
                _ => section.unwrap_or(i),
            };
            f.section.push(sec);
            stack.extend(p.children.iter().rev().map(|c| (c, Some(i), Some(sec))));
        }
        f
    }

    /// The children of `parent` (the top-level nodes for `None`).
    fn children_of(&self, parent: Option<usize>) -> &[usize] {
        match parent {
            Some(p) => &self.kids[p],
            None => &self.roots,
        }
    }
}

/// An old provision's counterpart in the new version.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Match {
    /// The new provision (index into [`Alignment::new`]).
    pub(super) new: usize,
    /// How it was matched.
    pub(super) how: How,
    /// Share of words in common.
    pub(super) similarity: f64,
}

/// Two flattened bills and the pairing between them, built up pass by pass.
pub(super) struct Alignment<'a> {
    /// The old version.
    pub(super) old: Flat<'a>,
    /// The new version.
    pub(super) new: Flat<'a>,
    bags_old: Vec<Bag>,
    bags_new: Vec<Bag>,
    /// Each old provision's counterpart.
    pub(super) o2n: Vec<Option<Match>>,
    /// Each new provision's counterpart.
    pub(super) n2o: Vec<Option<usize>>,
}

/// Align two versions, running every pass in order.
pub(super) fn align<'a>(old: &'a Bill, new: &'a Bill) -> Alignment<'a> {
    let mut a = Alignment::new(old, new);
    a.identical();
    a.similar(SIMILAR_ANYWHERE, false);
    a.sections();
    a.similar(SIMILAR, true);
    // Label-only provisions ("(2)" above "(2) (A) ...") and renumbered sections follow their contents
    // before their old labels; then what is newly aligned is compared section by section again.
    a.children();
    a.similar(SIMILAR, true);
    a.same_path();
    a.children();
    a.position();
    a
}

fn is_section(p: &Provision) -> bool {
    matches!(
        p.kind,
        ProvisionKind::CodeSection | ProvisionKind::BillSection | ProvisionKind::Heading
    )
}

/// Pairs that are each other's best: from `(left, right) → score` keep those where `right` is the best
/// for `left` and `left` the best for `right` (ties go to the first seen). In index order.
fn mutual_best<S: PartialOrd + Copy>(scores: impl IntoIterator<Item = ((usize, usize), S)>) -> Vec<(usize, usize)> {
    let mut best_left: HashMap<usize, (usize, S)> = HashMap::new();
    let mut best_right: HashMap<usize, (usize, S)> = HashMap::new();
    for ((l, r), s) in scores {
        if best_left.get(&l).is_none_or(|b| s > b.1) {
            best_left.insert(l, (r, s));
        }
        if best_right.get(&r).is_none_or(|b| s > b.1) {
            best_right.insert(r, (l, s));
        }
    }
    let mut pairs: Vec<(usize, usize)> = best_left
        .iter()
        .filter(|(l, (r, _))| best_right.get(r).is_some_and(|(bl, _)| bl == *l))
        .map(|(l, (r, _))| (*l, *r))
        .collect();
    pairs.sort_unstable();
    pairs
}

impl<'a> Alignment<'a> {
    /// Two versions with nothing paired yet.
    pub(super) fn new(old: &'a Bill, new: &'a Bill) -> Alignment<'a> {
        let (old, new) = (Flat::new(old), Flat::new(new));
        Alignment {
            bags_old: old.nodes.iter().map(|p| bag(&p.text)).collect(),
            bags_new: new.nodes.iter().map(|p| bag(&p.text)).collect(),
            o2n: vec![None; old.nodes.len()],
            n2o: vec![None; new.nodes.len()],
            old,
            new,
        }
    }

    fn pair(&mut self, o: usize, n: usize, how: How) {
        let similarity = self.sim(o, n);
        self.o2n[o] = Some(Match {
            new: n,
            how,
            similarity,
        });
        self.n2o[n] = Some(o);
    }

    /// Undo a pairing (classification drops moves it does not believe).
    pub(super) fn unpair(&mut self, o: usize) {
        if let Some(m) = self.o2n[o].take() {
            self.n2o[m.new] = None;
        }
    }

    fn sim(&self, o: usize, n: usize) -> f64 {
        dice(&self.bags_old[o], &self.bags_new[n])
    }

    /// The new counterpart of old provision `o`, if any.
    pub(super) fn counterpart(&self, o: usize) -> Option<usize> {
        self.o2n[o].map(|m| m.new)
    }

    /// Whether old `o` and new `n` sit under aligned parents: both at the top level, or their parents
    /// paired with each other.
    pub(super) fn parents_aligned(&self, o: usize, n: usize) -> bool {
        match (self.old.parent[o], self.new.parent[n]) {
            (None, None) => true,
            (Some(po), Some(pn)) => self.counterpart(po) == Some(pn),
            _ => false,
        }
    }

    /// Kinds that may pair: the same kind, or two labeled levels (a subdivision that became a paragraph).
    fn same_kind(&self, o: usize, n: usize) -> bool {
        let (a, b) = (self.old.nodes[o].kind, self.new.nodes[n].kind);
        a == b || (a.is_labeled_level() && b.is_labeled_level())
    }

    /// The same words (and kind), unique in both versions; repeated words ("(A) Public safety.") pair only
    /// where the path is the same too.
    fn identical(&mut self) {
        fn by_text<'b>(f: &Flat<'b>) -> HashMap<(&'b str, ProvisionKind), Vec<usize>> {
            let mut m: HashMap<(&str, ProvisionKind), Vec<usize>> = HashMap::new();
            for (i, p) in f.nodes.iter().enumerate() {
                if !p.text.is_empty() {
                    m.entry((p.text.as_str(), p.kind)).or_default().push(i);
                }
            }
            m
        }
        let (count_old, count_new) = (by_text(&self.old), by_text(&self.new));
        let mut pairs = Vec::new();
        for (key, olds) in &count_old {
            let Some(news) = count_new.get(key) else { continue };
            if olds.len() == 1 && news.len() == 1 {
                pairs.push((olds[0], news[0]));
                continue;
            }
            for &o in olds {
                let path = &self.old.nodes[o].path;
                if let Some(&n) = news.iter().find(|&&n| self.new.nodes[n].path == *path) {
                    pairs.push((o, n));
                }
            }
        }
        pairs.sort_unstable();
        for (o, n) in pairs {
            if self.o2n[o].is_none() && self.n2o[n].is_none() {
                self.pair(o, n, How::Identical);
            }
        }
    }

    /// Unmatched old and new indices.
    fn unmatched(&self) -> (Vec<usize>, Vec<usize>) {
        (
            (0..self.o2n.len()).filter(|&i| self.o2n[i].is_none()).collect(),
            (0..self.n2o.len()).filter(|&i| self.n2o[i].is_none()).collect(),
        )
    }

    /// Mutual best matches at or above `threshold`; `local` keeps to provisions whose sections are aligned.
    fn similar(&mut self, threshold: f64, local: bool) {
        let (olds, news) = self.unmatched();
        if !local && olds.len() * news.len() > GLOBAL_LIMIT {
            return;
        }
        let long = |p: &Provision| p.text.split_whitespace().count() >= MIN_WORDS;
        let news: Vec<usize> = news.into_iter().filter(|&n| long(self.new.nodes[n])).collect();
        let mut scores = Vec::new();
        for &o in olds.iter().filter(|&&o| long(self.old.nodes[o])) {
            if crate::work::stopped() {
                return;
            }
            let aligned_section = self.counterpart(self.old.section[o]);
            for &n in &news {
                if !self.same_kind(o, n) || (local && aligned_section != Some(self.new.section[n])) {
                    continue;
                }
                let s = self.sim(o, n);
                if s >= threshold {
                    scores.push(((o, n), s));
                }
            }
        }
        for (o, n) in mutual_best(scores) {
            self.pair(o, n, How::Similar);
        }
    }

    /// Sections and headings: paired by where their contents went (most of the matched provisions of an
    /// old section ending up in one new section, and the reverse), falling back to the same number when
    /// nothing inside them matched. A bill can renumber sections (22757.15 becoming 22757.14 when
    /// 22757.14 is struck), so the number alone is not trusted.
    fn sections(&mut self) {
        // Votes: (old section, new section) → matched provisions between them.
        let mut votes: HashMap<(usize, usize), usize> = HashMap::new();
        for o in 0..self.o2n.len() {
            let Some(n) = self.counterpart(o) else { continue };
            if !is_section(self.old.nodes[o]) {
                *votes.entry((self.old.section[o], self.new.section[n])).or_insert(0) += 1;
            }
        }
        // In index order, so that ties go to the earliest sections, the same on every run.
        let mut ballots: Vec<((usize, usize), usize)> = votes.iter().map(|(&k, &v)| (k, v)).collect();
        ballots.sort_unstable();
        for (o, n) in mutual_best(ballots) {
            if self.o2n[o].is_none() && self.n2o[n].is_none() && self.same_kind(o, n) {
                self.pair(o, n, How::Children);
            }
        }
        // Nothing inside matched: trust the number.
        let voted: std::collections::HashSet<usize> = votes.keys().map(|(o, _)| *o).collect();
        let by_path: HashMap<(&str, ProvisionKind), usize> = self
            .new
            .nodes
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.path.as_str(), p.kind), i))
            .collect();
        for o in 0..self.o2n.len() {
            let p = self.old.nodes[o];
            if !is_section(p) || self.o2n[o].is_some() || voted.contains(&o) {
                continue;
            }
            if let Some(&n) = by_path.get(&(p.path.as_str(), p.kind)) {
                if self.n2o[n].is_none() {
                    self.pair(o, n, How::SamePath);
                }
            }
        }
    }

    /// The same citation, of a compatible kind, if the words still overlap (or both are label-only).
    fn same_path(&mut self) {
        let by_path: HashMap<&str, usize> = self
            .new
            .nodes
            .iter()
            .enumerate()
            .map(|(i, p)| (p.path.as_str(), i))
            .collect();
        for o in 0..self.o2n.len() {
            if self.o2n[o].is_some() {
                continue;
            }
            let Some(&n) = by_path.get(self.old.nodes[o].path.as_str()) else {
                continue;
            };
            if self.n2o[n].is_some() || !self.same_kind(o, n) {
                continue;
            }
            let both_empty = self.old.nodes[o].text.is_empty() && self.new.nodes[n].text.is_empty();
            if both_empty || self.sim(o, n) >= OVERLAP {
                self.pair(o, n, How::SamePath);
            }
        }
    }

    /// Bottom-up: an unmatched provision whose matched children (at least half of them) all went into
    /// one unmatched provision.
    fn children(&mut self) {
        for o in (0..self.o2n.len()).rev() {
            if self.o2n[o].is_some() {
                continue;
            }
            let kids = &self.old.kids[o];
            let targets: Vec<usize> = kids
                .iter()
                .filter_map(|&c| self.counterpart(c))
                .filter_map(|n| self.new.parent[n])
                .collect();
            let Some(&t) = targets.first() else { continue };
            if targets.iter().all(|&x| x == t)
                && self.n2o[t].is_none()
                && self.same_kind(o, t)
                && targets.len() * 2 >= kids.len()
            {
                self.pair(o, t, How::Children);
            }
        }
    }

    /// Under each aligned pair of parents (and at the top level), the still-unmatched children in order,
    /// when there are as many on each side and their words overlap.
    fn position(&mut self) {
        let mut parents: Vec<(Option<usize>, Option<usize>)> = vec![(None, None)];
        parents.extend((0..self.o2n.len()).filter_map(|o| self.counterpart(o).map(|n| (Some(o), Some(n)))));
        for (po, pn) in parents {
            let olds: Vec<usize> = self
                .old
                .children_of(po)
                .iter()
                .copied()
                .filter(|&c| self.o2n[c].is_none())
                .collect();
            let news: Vec<usize> = self
                .new
                .children_of(pn)
                .iter()
                .copied()
                .filter(|&c| self.n2o[c].is_none())
                .collect();
            if olds.len() != news.len() {
                continue;
            }
            for (o, n) in olds.into_iter().zip(news) {
                if self.same_kind(o, n) && self.sim(o, n) >= OVERLAP {
                    self.pair(o, n, How::Position);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::testing::{bill, words};

    fn at(f: &Flat<'_>, path: &str) -> usize {
        f.nodes
            .iter()
            .position(|p| p.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
    }

    /// How old `old` was paired with new `new`, if it was.
    fn paired(a: &Alignment<'_>, old: &str, new: &str) -> Option<How> {
        let m = a.o2n[at(&a.old, old)]?;
        (m.new == at(&a.new, new)).then_some(m.how)
    }

    fn unmatched(a: &Alignment<'_>, old: &str) -> bool {
        a.o2n[at(&a.old, old)].is_none()
    }

    #[test]
    fn flat_is_document_order_with_parents_and_sections() {
        let b = bill("100. (a) The seller shall keep records.\n(1) In writing.\n(b) The buyer shall pay.\n101. Words.");
        let f = Flat::new(&b);
        let paths: Vec<&str> = f.nodes.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["SEC. 1", "Chapter 5", "100", "100(a)", "100(a)(1)", "100(b)", "101"]
        );
        assert_eq!(f.parent[at(&f, "100(a)(1)")], Some(at(&f, "100(a)")));
        assert_eq!(f.kids[at(&f, "100")], [at(&f, "100(a)"), at(&f, "100(b)")]);
        assert_eq!(f.section[at(&f, "100(a)(1)")], at(&f, "100"));
        assert_eq!(f.roots, [0]);
    }

    #[test]
    fn identical_pairs_unique_words_anywhere_and_repeated_words_by_path() {
        let old = bill("100. (a) Public safety.\n(b) The developer shall publish a policy.\n101. (a) Public safety.");
        let new = bill(
            "100. (a) Public safety.\n101. (a) Public safety.\n(b) The developer shall publish a policy.\n\
             102. (a) Public safety.",
        );
        let mut a = Alignment::new(&old, &new);
        a.identical();
        assert_eq!(paired(&a, "100(b)", "101(b)"), Some(How::Identical));
        assert_eq!(paired(&a, "100(a)", "100(a)"), Some(How::Identical));
        assert_eq!(paired(&a, "101(a)", "101(a)"), Some(How::Identical));
        assert!(
            a.n2o[at(&a.new, "102(a)")].is_none(),
            "a third “Public safety.” has no counterpart"
        );
        assert!(
            unmatched(&a, "100") && unmatched(&a, "101"),
            "label-only sections have no words to match"
        );
    }

    /// Across sections only nearly the same words pair: 0.86 alike does, 0.84 does not.
    #[test]
    fn similar_anywhere_needs_most_words_shared() {
        let old = bill(&format!(
            "100. (a) {}\n(b) The seller shall keep records for three years.\n\
             101. (a) The buyer shall pay within thirty days of delivery.",
            words("alpha", 50, 50)
        ));
        for (keep, pairs) in [(43, true), (42, false)] {
            let new = bill(&format!(
                "100. (a) The seller shall keep records for three years.\n\
                 101. (a) The buyer shall pay within thirty days of delivery.\n(b) {}",
                words("alpha", 50, keep)
            ));
            let mut a = Alignment::new(&old, &new);
            a.identical();
            a.similar(SIMILAR_ANYWHERE, false);
            let got = paired(&a, "100(a)", "101(b)");
            assert_eq!(got, pairs.then_some(How::Similar), "{keep} of 50 words");
        }
    }

    /// A section struck and the next one renumbered into its place follows its contents, not its number;
    /// a section with nothing matched inside keeps its number.
    #[test]
    fn sections_follow_their_contents_then_their_numbers() {
        let old = bill(
            "100. (a) The seller shall keep records for three years.\n\
             101. (a) The buyer shall pay within thirty days of delivery.\n\
             (b) The buyer shall inspect the goods on arrival.\n\
             102. (a) The court may award damages to the buyer.",
        );
        let new = bill(
            "100. (a) The buyer shall pay within thirty days of delivery.\n\
             (b) The buyer shall inspect the goods on arrival.\n\
             102. (a) Entirely different words stand here in this version.",
        );
        let mut a = Alignment::new(&old, &new);
        a.identical();
        a.sections();
        assert_eq!(paired(&a, "101", "100"), Some(How::Children));
        assert_eq!(paired(&a, "102", "102"), Some(How::SamePath));
        assert!(unmatched(&a, "100"), "its number went to another section's contents");
    }

    /// Within aligned sections half the words are enough: 0.52 alike pairs, 0.48 does not.
    #[test]
    fn similar_within_a_section_needs_half_the_words() {
        let old = bill(&format!(
            "100. (a) The seller shall keep records for three years.\n(b) {}",
            words("beta", 50, 50)
        ));
        for (keep, pairs) in [(26, true), (24, false)] {
            let new = bill(&format!(
                "100. (a) The seller shall keep records for three years.\n(b) {}",
                words("beta", 50, keep)
            ));
            let mut a = Alignment::new(&old, &new);
            a.identical();
            a.sections();
            assert_eq!(paired(&a, "100", "100"), Some(How::Children));
            a.similar(SIMILAR, true);
            assert_eq!(
                paired(&a, "100(b)", "100(b)"),
                pairs.then_some(How::Similar),
                "{keep} of 50 words"
            );
        }
    }

    /// A label-only `(b)` above `(1)` and `(2)` follows them when they went under one new provision.
    #[test]
    fn children_carry_their_label_only_parent() {
        let old = bill(
            "100. (a) The seller shall keep records for three years.\n(b) (1) The buyer shall pay within \
             thirty days.\n(2) The buyer shall inspect the goods.",
        );
        let new = bill(
            "100. (a) The seller shall keep records for three years.\n(b) The seller shall deliver the goods \
             on time.\n(c) (1) The buyer shall pay within thirty days.\n(2) The buyer shall inspect the goods.",
        );
        let mut a = Alignment::new(&old, &new);
        assert!(
            a.old.nodes[at(&a.old, "100(b)")].text.is_empty(),
            "(b) has only a label"
        );
        a.identical();
        a.children();
        assert_eq!(paired(&a, "100(b)", "100(c)"), Some(How::Children));
        assert!(a.n2o[at(&a.new, "100(b)")].is_none(), "the new (b) is an insertion");
    }

    /// The same citation pairs when the words overlap: 0.32 alike does, 0.28 does not.
    #[test]
    fn same_path_needs_some_overlap() {
        let old = bill(&format!("100. (a) {}", words("delta", 50, 50)));
        for (keep, pairs) in [(16, true), (14, false)] {
            let new = bill(&format!("100. (a) {}", words("delta", 50, keep)));
            let mut a = Alignment::new(&old, &new);
            a.same_path();
            assert_eq!(paired(&a, "100", "100"), Some(How::SamePath), "both label-only");
            let got = paired(&a, "100(a)", "100(a)");
            assert_eq!(got, pairs.then_some(How::SamePath), "{keep} of 50 words");
        }
    }

    /// The only unmatched child under aligned parents pairs with the only new one when the words overlap
    /// (0.32 alike), whatever its label; not when they barely do (0.28).
    #[test]
    fn position_pairs_the_remaining_children_in_order() {
        let old = bill(&format!(
            "100. As used in this chapter, these words apply:\n(a) {}",
            words("eps", 50, 50)
        ));
        for (keep, pairs) in [(16, true), (14, false)] {
            let new = bill(&format!(
                "100. As used in this chapter, these words apply:\n(b) {}",
                words("eps", 50, keep)
            ));
            let mut a = Alignment::new(&old, &new);
            a.identical();
            a.position();
            let got = paired(&a, "100(a)", "100(b)");
            assert_eq!(got, pairs.then_some(How::Position), "{keep} of 50 words");
        }
    }

    #[test]
    fn mutual_best_keeps_only_pairs_that_choose_each_other() {
        // 0 prefers 10; 1 prefers 10 too but 10 prefers 0; 1's only other choice, 11, prefers 1.
        let scores = [((0, 10), 0.9), ((1, 10), 0.8), ((1, 11), 0.7), ((2, 11), 0.6)];
        assert_eq!(mutual_best(scores), [(0, 10)], "1 chose 10, which chose 0");
        let scores = [((0, 10), 0.9), ((1, 11), 0.7), ((2, 11), 0.6)];
        assert_eq!(mutual_best(scores), [(0, 10), (1, 11)]);
    }
}
