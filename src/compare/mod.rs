//! Comparing two versions of a bill structurally.
//!
//! A word diff of two versions drowns the reader: insert one definition and every later subdivision is
//! relettered; move a subdivision and a plain diff shows a deletion and an insertion pages apart. So the
//! provision trees are aligned first, in passes, each pair recording how it was matched:
//!
//! 1. **identical** — the same words (unique in both versions), and **similar** anywhere (most words
//!    shared, mutual best match), which is where moves come from;
//! 2. sections and headings by where their contents went (numbers only when nothing inside matched),
//!    then **similar** within aligned sections (half the words shared, mutual best match);
//! 3. **children** — a provision whose contents were matched into one provision of the other version
//!    (a label-only `(e)` above `(1) “Covered model” means`);
//! 4. **same path** — the same citation (`22602(e)`), if the words still overlap (then children again);
//! 5. **position** — the same place among still-unmatched siblings, if the words overlap somewhat.
//!
//! Each pair is then classified: the same label under the same parent is in place (changed or not); a
//! new label under the same parent is a **renumber**; a different parent is a **move** — only when the
//! words are nearly the same, because a false move is worse than a missed one (a missed move still shows
//! as a deletion and an insertion). Unmatched provisions are deleted or inserted. The literal redline is
//! the same paragraph-then-word diff `propose` uses, so every renderer works for a comparison too; the
//! summary adds what the terms analysis says about definitions added, removed and changed.

use crate::glossary::Glossary;
use crate::model::{Bill, Provision, ProvisionKind, Span};
use crate::redline::{Budget, Change, ChangeKind, EditPiece, Link, Location, Op, Redline, diff_texts};
use crate::terms::TermsReport;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// A definition in one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionRef {
    /// The term.
    pub term: String,
    /// Its scope's anchor (`Chapter 25.1`).
    pub scope: String,
    /// Where it is defined.
    pub location: String,
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

/// Counts of what changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Provisions only in the new version.
    pub added: usize,
    /// Provisions only in the old version.
    pub deleted: usize,
    /// Provisions moved to another parent.
    pub moved: usize,
    /// Provisions relettered or renumbered in place.
    pub renumbered: usize,
    /// Provisions whose words changed (in place or moved).
    pub changed: usize,
    /// Words struck, over the whole bill.
    pub words_deleted: usize,
    /// Words inserted, over the whole bill.
    pub words_inserted: usize,
    /// Definitions added, removed, changed.
    pub definitions: DefinitionChanges,
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
    /// What changed, counted.
    pub summary: Summary,
}

struct Flat<'a> {
    nodes: Vec<&'a Provision>,
    parent: Vec<Option<usize>>,
    /// Each node's children, in order.
    kids: Vec<Vec<usize>>,
    /// The top-level nodes, in order.
    roots: Vec<usize>,
    /// Index of each node's code or bill section (itself for sections).
    section: Vec<usize>,
}

fn flatten(bill: &Bill) -> Flat<'_> {
    let mut f = Flat {
        nodes: Vec::new(),
        parent: Vec::new(),
        kids: Vec::new(),
        roots: Vec::new(),
        section: Vec::new(),
    };
    fn go<'a>(p: &'a Provision, parent: Option<usize>, section: Option<usize>, f: &mut Flat<'a>) {
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
        for c in &p.children {
            go(c, Some(i), Some(sec), f);
        }
    }
    for p in &bill.body.provisions {
        go(p, None, None, &mut f);
    }
    f
}

/// Lowercased words of a text, counted.
fn bag(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for t in crate::terms::matcher::tokenize(text) {
        *m.entry(t.lower).or_insert(0) += 1;
    }
    m
}

fn dice(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> f64 {
    let (na, nb): (usize, usize) = (a.values().sum(), b.values().sum());
    if na + nb == 0 {
        return 1.0;
    }
    let common: usize = a.iter().map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0))).sum();
    2.0 * common as f64 / (na + nb) as f64
}

/// Words close enough to be the same provision, edited, within one section.
const SIMILAR: f64 = 0.5;
/// Words close enough to pair provisions across sections (candidate moves).
const SIMILAR_ANYWHERE: f64 = 0.85;
/// Words close enough for a move to be believed.
const MOVE: f64 = 0.8;
/// Overlap required to trust a same-path or same-position pairing.
const OVERLAP: f64 = 0.3;
/// Above this many candidate pairs, similarity is only looked for within aligned sections.
const GLOBAL_LIMIT: usize = 4_000_000;

struct Aligner<'a> {
    old: Flat<'a>,
    new: Flat<'a>,
    bags_old: Vec<HashMap<String, usize>>,
    bags_new: Vec<HashMap<String, usize>>,
    o2n: Vec<Option<(usize, How, f64)>>,
    n2o: Vec<Option<usize>>,
}

impl Aligner<'_> {
    fn pair(&mut self, o: usize, n: usize, how: How) {
        let sim = dice(&self.bags_old[o], &self.bags_new[n]);
        self.o2n[o] = Some((n, how, sim));
        self.n2o[n] = Some(o);
    }

    fn sim(&self, o: usize, n: usize) -> f64 {
        dice(&self.bags_old[o], &self.bags_new[n])
    }

    /// Kinds that may pair: the same kind, or two labeled levels (a subdivision that became a paragraph).
    fn same_kind(&self, o: usize, n: usize) -> bool {
        let (a, b) = (self.old.nodes[o].kind, self.new.nodes[n].kind);
        a == b || (a.is_labeled_level() && b.is_labeled_level())
    }

    /// Sections and headings: paired by where their contents went (most of the matched provisions of an
    /// old section ending up in one new section, and the reverse), falling back to the same number when
    /// nothing inside them matched. A bill can renumber sections (22757.15 becoming 22757.14 when
    /// 22757.14 is struck), so the number alone is not trusted.
    fn sections(&mut self) {
        let is_section = |p: &Provision| {
            matches!(
                p.kind,
                ProvisionKind::CodeSection | ProvisionKind::BillSection | ProvisionKind::Heading
            )
        };
        // Votes: (old section, new section) → matched provisions between them.
        let mut votes: HashMap<(usize, usize), usize> = HashMap::new();
        for o in 0..self.o2n.len() {
            let Some((n, _, _)) = self.o2n[o] else { continue };
            if is_section(self.old.nodes[o]) {
                continue;
            }
            *votes.entry((self.old.section[o], self.new.section[n])).or_insert(0) += 1;
        }
        let mut best_old: HashMap<usize, (usize, usize)> = HashMap::new();
        let mut best_new: HashMap<usize, (usize, usize)> = HashMap::new();
        for (&(o, n), &v) in &votes {
            if best_old.get(&o).is_none_or(|b| v > b.1) {
                best_old.insert(o, (n, v));
            }
            if best_new.get(&n).is_none_or(|b| v > b.1) {
                best_new.insert(n, (o, v));
            }
        }
        let mut pairs: Vec<(usize, usize)> = best_old
            .iter()
            .filter(|(o, (n, _))| best_new.get(n).is_some_and(|(bo, _)| bo == *o))
            .map(|(o, (n, _))| (*o, *n))
            .collect();
        pairs.sort_unstable();
        for (o, n) in pairs {
            if self.o2n[o].is_none() && self.n2o[n].is_none() && self.same_kind(o, n) {
                self.pair(o, n, How::Children);
            }
        }
        // Nothing inside matched: trust the number.
        let by_path: HashMap<(&str, ProvisionKind), usize> = self
            .new
            .nodes
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.path.as_str(), p.kind), i))
            .collect();
        for o in 0..self.o2n.len() {
            let p = self.old.nodes[o];
            if !is_section(p) || self.o2n[o].is_some() || votes.keys().any(|(vo, _)| *vo == o) {
                continue;
            }
            if let Some(&n) = by_path.get(&(p.path.as_str(), p.kind)) {
                if self.n2o[n].is_none() {
                    self.pair(o, n, How::SamePath);
                }
            }
        }
    }

    fn identical(&mut self) {
        let mut count_old: HashMap<(&str, ProvisionKind), Vec<usize>> = HashMap::new();
        for (i, p) in self.old.nodes.iter().enumerate() {
            if !p.text.is_empty() {
                count_old.entry((p.text.as_str(), p.kind)).or_default().push(i);
            }
        }
        let mut count_new: HashMap<(&str, ProvisionKind), Vec<usize>> = HashMap::new();
        for (i, p) in self.new.nodes.iter().enumerate() {
            if !p.text.is_empty() {
                count_new.entry((p.text.as_str(), p.kind)).or_default().push(i);
            }
        }
        let mut pairs = Vec::new();
        for (key, olds) in &count_old {
            let Some(news) = count_new.get(key) else { continue };
            if olds.len() == 1 && news.len() == 1 {
                pairs.push((olds[0], news[0]));
            } else {
                // Repeated words ("(A) Public safety."): pair those with the same path.
                for &o in olds {
                    if let Some(&n) = news.iter().find(|&&n| self.new.nodes[n].path == self.old.nodes[o].path) {
                        pairs.push((o, n));
                    }
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
        let mut best_for_old: HashMap<usize, (usize, f64)> = HashMap::new();
        let mut best_for_new: HashMap<usize, (usize, f64)> = HashMap::new();
        for &o in &olds {
            if self.old.nodes[o].text.split_whitespace().count() < 3 {
                continue;
            }
            let os = self.old.section[o];
            let aligned_section = self.o2n[os].map(|x| x.0);
            for &n in &news {
                if !self.same_kind(o, n) || self.new.nodes[n].text.split_whitespace().count() < 3 {
                    continue;
                }
                if local && aligned_section != Some(self.new.section[n]) {
                    continue;
                }
                let s = self.sim(o, n);
                if s < threshold {
                    continue;
                }
                if best_for_old.get(&o).is_none_or(|b| s > b.1) {
                    best_for_old.insert(o, (n, s));
                }
                if best_for_new.get(&n).is_none_or(|b| s > b.1) {
                    best_for_new.insert(n, (o, s));
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = best_for_old
            .iter()
            .filter(|(o, (n, _))| best_for_new.get(n).is_some_and(|(bo, _)| bo == *o))
            .map(|(o, (n, _))| (*o, *n))
            .collect();
        pairs.sort_unstable();
        for (o, n) in pairs {
            self.pair(o, n, How::Similar);
        }
    }

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

    /// Bottom-up: an unmatched provision whose matched children all went into one unmatched provision.
    fn children(&mut self) {
        for o in (0..self.o2n.len()).rev() {
            if self.o2n[o].is_some() {
                continue;
            }
            let kids: Vec<usize> = (o + 1..self.old.nodes.len())
                .filter(|&c| self.old.parent[c] == Some(o))
                .collect();
            let targets: Vec<usize> = kids
                .iter()
                .filter_map(|&c| self.o2n[c].map(|(n, _, _)| n))
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

    fn position(&mut self) {
        // For each aligned pair of parents (and the two roots), pair unmatched children in order.
        let mut parents: Vec<(Option<usize>, Option<usize>)> = vec![(None, None)];
        for o in 0..self.o2n.len() {
            if let Some((n, _, _)) = self.o2n[o] {
                parents.push((Some(o), Some(n)));
            }
        }
        for (po, pn) in parents {
            let olds: Vec<usize> = (0..self.old.nodes.len())
                .filter(|&c| self.old.parent[c] == po && self.o2n[c].is_none())
                .collect();
            let news: Vec<usize> = (0..self.new.nodes.len())
                .filter(|&c| self.new.parent[c] == pn && self.n2o[c].is_none())
                .collect();
            if olds.len() != news.len() {
                continue;
            }
            for (&o, &n) in olds.iter().zip(&news) {
                if self.same_kind(o, n) && self.sim(o, n) >= OVERLAP {
                    self.pair(o, n, How::Position);
                }
            }
        }
    }
}

fn text_of(p: &Provision) -> String {
    let sep = if p.label.is_empty() || p.text.is_empty() {
        ""
    } else {
        " "
    };
    format!("{}{sep}{}", p.label, p.text)
}

/// Word edits between two own texts, with a few words of context before each.
fn pieces(old: &str, new: &str) -> (Vec<EditPiece>, usize, usize) {
    let (segs, _) = diff_texts(old, new, Budget::default());
    let mut out: Vec<EditPiece> = Vec::new();
    let (mut del, mut ins) = (0, 0);
    let mut before = String::new();
    let mut current: Option<EditPiece> = None;
    for s in segs {
        match s.op {
            Op::Equal => {
                if let Some(p) = current.take() {
                    out.push(p);
                }
                before.push_str(&s.text);
            }
            Op::Delete | Op::Insert => {
                let p = current.get_or_insert_with(|| {
                    let words: Vec<&str> = before.split_whitespace().collect();
                    EditPiece {
                        old: String::new(),
                        new: String::new(),
                        after: words[words.len().saturating_sub(4)..].join(" "),
                    }
                });
                if s.op == Op::Delete {
                    p.old.push_str(&s.text);
                    del += s.text.split_whitespace().count();
                } else {
                    p.new.push_str(&s.text);
                    ins += s.text.split_whitespace().count();
                }
            }
        }
    }
    if let Some(p) = current.take() {
        out.push(p);
    }
    for p in &mut out {
        p.old = p.old.trim().to_string();
        p.new = p.new.trim().to_string();
    }
    (out, del, ins)
}

/// A provision's whole subtree in the body text: moving or deleting it carries its contents.
fn subtree_span(p: &Provision) -> Span {
    fn end(p: &Provision) -> usize {
        p.children.last().map_or(p.span.end, end)
    }
    Span {
        start: p.span.start,
        end: end(p),
    }
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

fn definitions(old: &Bill, new: &Bill, ro: &TermsReport, rn: &TermsReport) -> DefinitionChanges {
    let mut out = DefinitionChanges::default();
    let key = |d: &crate::terms::Definition| (d.term.clone(), d.scope.anchor.clone());
    for d in &ro.definitions {
        match rn.definitions.iter().find(|e| key(e) == key(d)) {
            None => out.removed.push(DefinitionRef {
                term: d.term.clone(),
                scope: d.scope.anchor.clone(),
                location: d.location.clone(),
            }),
            Some(e) => {
                let (a, b) = (definition_words(old, &d.location), definition_words(new, &e.location));
                if a == b {
                    out.unchanged.push(DefinitionRef {
                        term: e.term.clone(),
                        scope: e.scope.anchor.clone(),
                        location: e.location.clone(),
                    });
                } else {
                    let (_, del, ins) = pieces(&a, &b);
                    out.changed.push(DefinitionChange {
                        term: d.term.clone(),
                        scope: d.scope.anchor.clone(),
                        old_location: d.location.clone(),
                        new_location: e.location.clone(),
                        words_deleted: del,
                        words_inserted: ins,
                    });
                }
            }
        }
    }
    for e in &rn.definitions {
        if !ro.definitions.iter().any(|d| key(d) == key(e)) {
            out.added.push(DefinitionRef {
                term: e.term.clone(),
                scope: e.scope.anchor.clone(),
                location: e.location.clone(),
            });
        }
    }
    out
}

/// Compare two versions of a bill.
pub fn compare(old: &Bill, new: &Bill, glossary: &Glossary) -> Comparison {
    let (fo, fne) = (flatten(old), flatten(new));
    let mut a = Aligner {
        bags_old: fo.nodes.iter().map(|p| bag(&p.text)).collect(),
        bags_new: fne.nodes.iter().map(|p| bag(&p.text)).collect(),
        o2n: vec![None; fo.nodes.len()],
        n2o: vec![None; fne.nodes.len()],
        old: fo,
        new: fne,
    };
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

    let mut changes: Vec<Change> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut summary = Summary::default();
    let mut pairs = Vec::new();
    let mut push = |kind: ChangeKind, at: usize, old: Option<Span>, new: Option<Span>, changes: &mut Vec<Change>| {
        changes.push(Change {
            kind,
            at,
            footnotes: Vec::new(),
        });
        links.push(Link {
            old,
            new,
            change: changes.len() - 1,
        });
    };
    // A pair whose parents are not aligned is a move only if its words are close; else it is unpaired.
    for o in 0..a.o2n.len() {
        let Some((n, _, sim)) = a.o2n[o] else { continue };
        let in_place = match (a.old.parent[o], a.new.parent[n]) {
            (None, None) => true,
            (Some(po), Some(pn)) => a.o2n[po].map(|x| x.0) == Some(pn),
            _ => false,
        };
        if !in_place && sim < MOVE {
            a.o2n[o] = None;
            a.n2o[n] = None;
        }
    }
    // Within aligned parents, children that changed order relative to the others moved too: those off a
    // longest run in the same order.
    let mut reordered = vec![false; a.o2n.len()];
    {
        let mut groups: HashMap<Option<usize>, Vec<(usize, usize)>> = HashMap::new();
        for o in 0..a.o2n.len() {
            let Some((n, _, _)) = a.o2n[o] else { continue };
            let aligned_parent = match (a.old.parent[o], a.new.parent[n]) {
                (None, None) => Some(None),
                (Some(x), Some(y)) if a.o2n[x].map(|z| z.0) == Some(y) => Some(Some(x)),
                _ => None,
            };
            if let Some(key) = aligned_parent {
                groups.entry(key).or_default().push((o, n));
            }
        }
        for kids in groups.values() {
            let news: Vec<usize> = kids.iter().map(|(_, n)| *n).collect();
            let keep = longest_increasing(&news);
            for (i, (o, _)) in kids.iter().enumerate() {
                if !keep.contains(&i) {
                    reordered[*o] = true;
                }
            }
        }
    }
    #[allow(clippy::needless_range_loop)] // o indexes four parallel tables
    for o in 0..a.o2n.len() {
        let po = a.old.nodes[o];
        let Some((n, how, sim)) = a.o2n[o] else {
            summary.deleted += 1;
            summary.words_deleted += text_of(po).split_whitespace().count();
            // One change for a deleted subtree: its root, with everything in it.
            if a.old.parent[o].is_some_and(|p| a.o2n[p].is_none()) {
                continue;
            }
            push(
                ChangeKind::Delete {
                    location: Location::of(old, &po.path),
                    text: po.full_text(),
                },
                po.span.start,
                Some(subtree_span(po)),
                None,
                &mut changes,
            );
            continue;
        };
        let pn = a.new.nodes[n];
        pairs.push(Pair {
            old: po.path.clone(),
            new: pn.path.clone(),
            how,
            similarity: sim,
        });
        let in_place = !reordered[o]
            && match (a.old.parent[o], a.new.parent[n]) {
                (None, None) => true,
                (Some(x), Some(y)) => a.o2n[x].map(|z| z.0) == Some(y),
                _ => false,
            };
        let edited = po.text != pn.text;
        let (pcs, del, ins) = if edited {
            pieces(&po.text, &pn.text)
        } else {
            (Vec::new(), 0, 0)
        };
        if edited {
            summary.changed += 1;
            summary.words_deleted += del;
            summary.words_inserted += ins;
        }
        if !in_place {
            summary.moved += 1;
            push(
                ChangeKind::Move {
                    from: Location::of(old, &po.path),
                    to: Location::of(new, &pn.path),
                    pieces: pcs,
                },
                po.span.start,
                Some(subtree_span(po)),
                Some(subtree_span(pn)),
                &mut changes,
            );
            continue;
        }
        if (po.num != pn.num && !po.num.is_empty()) || po.label != pn.label {
            summary.renumbered += 1;
            let label = |p: &Provision| Span {
                start: p.span.start,
                end: p.span.start + p.label.len(),
            };
            push(
                ChangeKind::Renumber {
                    from: Location::of(old, &po.path),
                    to: pn.path.clone(),
                },
                po.span.start,
                Some(label(po)),
                Some(label(pn)),
                &mut changes,
            );
        }
        if edited {
            let text = |p: &Provision| Span {
                start: p.text_start(),
                end: p.text_start() + p.text.len(),
            };
            push(
                ChangeKind::Edit {
                    location: Location::of(old, &po.path),
                    to: pn.path.clone(),
                    pieces: pcs,
                },
                po.text_start(),
                Some(text(po)),
                Some(text(pn)),
                &mut changes,
            );
        }
    }
    for n in 0..a.n2o.len() {
        if a.n2o[n].is_some() {
            continue;
        }
        let pn = a.new.nodes[n];
        summary.added += 1;
        summary.words_inserted += text_of(pn).split_whitespace().count();
        if a.new.parent[n].is_some_and(|p| a.n2o[p].is_none()) {
            continue;
        }
        // The old provision it goes before: the counterpart of its next matched sibling.
        let before = (n + 1..a.n2o.len())
            .filter(|&m| a.new.parent[m] == a.new.parent[n])
            .find_map(|m| a.n2o[m])
            .map(|o| a.old.nodes[o].path.clone());
        // Where it goes in the old text: before the old counterpart of the next matched new provision.
        let at = (n + 1..a.n2o.len())
            .find_map(|m| a.n2o[m])
            .map_or(old.body.text.len(), |o| a.old.nodes[o].span.start);
        push(
            ChangeKind::Insert {
                location: Location::of(new, &pn.path),
                term: None,
                text: pn.full_text(),
                before,
            },
            at,
            Some(Span { start: at, end: at }),
            Some(subtree_span(pn)),
            &mut changes,
        );
    }
    let glossary_report = |b: &Bill| crate::terms::analyse(b, glossary);
    summary.definitions = definitions(old, new, &glossary_report(old), &glossary_report(new));
    let redline = crate::redline::build(old, new, changes, &links, Vec::new(), Budget::default());
    Comparison {
        pairs,
        redline,
        summary,
    }
}
