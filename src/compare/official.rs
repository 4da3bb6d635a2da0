//! How far a redline agrees with the official one a file carries.
//!
//! A marked version (CAML's insertion and deletion marks, USLM's `changed` attributes, Washington's struck and
//! added text runs) says, word by word, what the drafters changed. billdiff's redline of the same change says
//! the same thing in its own way; scoring one against the other is the check that billdiff's diff is right.
//!
//! Each word of the text before is either kept or struck, and each word of the text after is kept or added,
//! in both redlines. The two redlines' texts are aligned word by word (they are the same texts, but billdiff's
//! redline covers the bill's body only, and the official one the whole file, header and digest included), and
//! a word scores when both redlines give it the same fate. Only the marks of the body are scored (a reader
//! says where the body starts). Agreement is the scoring words over the aligned
//! words of both sides; coverage says how many of the official words were aligned at all.

use crate::ingest::{Change, Marks, Piece, Side};
use crate::redline::{Op, Redline, tokens::tokens};
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::time::{Duration, Instant};

/// The score of a redline against the official marks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Words of both sides that the two redlines both cover.
    pub aligned: usize,
    /// Of those, the words both redlines give the same fate (kept, struck, added).
    pub agreeing: usize,
    /// Words of both sides of the official marks.
    pub official: usize,
    /// Of the official words, those the official marks strike or add.
    pub official_changed: usize,
    /// Where the two disagree: runs of aligned words one redline changes and the other keeps (the first
    /// [`DISAGREEMENTS_KEPT`] runs).
    pub disagreements: Vec<Disagreement>,
}

/// How many disagreeing runs an [`Agreement`] lists.
pub const DISAGREEMENTS_KEPT: usize = 50;

/// A run of aligned words on one side that one redline changes and the other keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    /// The side the words are on.
    pub side: Side,
    /// The words, joined by spaces.
    pub words: String,
    /// Whether the official marks change them (and billdiff keeps them), or the reverse.
    pub official_changes: bool,
    /// A few words before the run, for finding it.
    pub after_words: String,
}

impl Agreement {
    /// Agreeing words over aligned words (1 when nothing aligned).
    pub fn ratio(&self) -> f64 {
        if self.aligned == 0 {
            1.0
        } else {
            self.agreeing as f64 / self.aligned as f64
        }
    }

    /// Aligned words over the official words.
    pub fn coverage(&self) -> f64 {
        if self.official == 0 {
            1.0
        } else {
            self.aligned as f64 / self.official as f64
        }
    }
}

fn is_word(t: &str) -> bool {
    t.chars().any(char::is_alphanumeric)
}

/// The official words of one side, each with whether the marks change it.
fn official_side(marks: &Marks, side: Side) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for p in &marks.pieces[marks.body.min(marks.pieces.len())..] {
        if let Piece::Text { change, text } = p
            && change.on(side)
        {
            let changed = *change != Change::Same;
            out.extend(
                tokens(text)
                    .into_iter()
                    .filter(|t| is_word(t))
                    .map(|t| (t.to_string(), changed)),
            );
        }
    }
    out
}

/// billdiff's words of one side, each with whether its redline changes it.
fn redline_side(redline: &Redline, side: Side) -> Vec<(String, bool)> {
    let (keep, change) = match side {
        Side::Before => (Op::Equal, Op::Delete),
        Side::After => (Op::Equal, Op::Insert),
    };
    redline
        .segments()
        .filter(|s| s.op == keep || s.op == change)
        .flat_map(move |s| {
            // The side's own words: the old side of a typography-only equal segment is its old text.
            let text = if side == Side::Before { s.old_text() } else { &s.text };
            tokens(text)
                .into_iter()
                .filter(|t| is_word(t))
                .map(move |t| (t.to_string(), s.op == change))
        })
        .collect()
}

/// Score one side: align the words and count the fates that agree, listing the runs that do not.
fn score(side: Side, official: &[(String, bool)], ours: &[(String, bool)], deadline: Instant, out: &mut Agreement) {
    let a: Vec<&str> = official.iter().map(|(w, _)| w.as_str()).collect();
    let b: Vec<&str> = ours.iter().map(|(w, _)| w.as_str()).collect();
    let mut run: Option<(usize, usize, bool)> = None;
    let close = |run: &mut Option<(usize, usize, bool)>, out: &mut Agreement| {
        if let Some((from, to, official_changes)) = run.take()
            && out.disagreements.len() < DISAGREEMENTS_KEPT
        {
            out.disagreements.push(Disagreement {
                side,
                words: a[from..to].join(" "),
                official_changes,
                after_words: a[from.saturating_sub(6)..from].join(" "),
            });
        }
    };
    for op in capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline)) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            out.aligned += len;
            for k in 0..len {
                let (i, j) = (old_index + k, new_index + k);
                if official[i].1 == ours[j].1 {
                    out.agreeing += 1;
                    close(&mut run, out);
                } else {
                    match &mut run {
                        Some((_, to, changes)) if *to == i && *changes == official[i].1 => *to = i + 1,
                        _ => {
                            close(&mut run, out);
                            run = Some((i, i + 1, official[i].1));
                        }
                    }
                }
            }
        } else {
            close(&mut run, out);
        }
    }
    close(&mut run, out);
    out.official += official.len();
    out.official_changed += official.iter().filter(|(_, c)| *c).count();
}

/// The official change marks of the body as a redline, to show beside billdiff's: each marked piece a
/// segment (added text inserted, struck text deleted), each break the end of a paragraph. It carries no
/// changes of billdiff's (no amendments, no footnotes) and no paths: the marks name no provisions.
pub fn redline(marks: &Marks) -> Redline {
    let mut paragraphs = Vec::new();
    let mut segments: Vec<crate::redline::Segment> = Vec::new();
    let (mut old_at, mut new_at) = (0, 0);
    let op_of = |c: Change| match c {
        Change::Same => Op::Equal,
        Change::Added => Op::Insert,
        Change::Struck => Op::Delete,
    };
    for p in &marks.pieces[marks.body.min(marks.pieces.len())..] {
        match p {
            Piece::Text { change, text } => {
                let op = op_of(*change);
                let text = text.replace('\n', " ");
                if text.is_empty() {
                    continue;
                }
                match segments.last_mut() {
                    Some(last) if last.op == op => last.text.push_str(&text),
                    _ => segments.push(crate::redline::Segment {
                        op,
                        text: text.clone(),
                        old_at,
                        new_at,
                        changes: Vec::new(),
                        was: None,
                    }),
                }
                if op != Op::Insert {
                    old_at += text.len();
                }
                if op != Op::Delete {
                    new_at += text.len();
                }
            }
            Piece::End { change, .. } => {
                if segments.iter().all(|s| s.text.trim().is_empty()) {
                    segments.clear();
                    continue;
                }
                let changed = segments.iter().any(|s| s.op != Op::Equal && !s.text.trim().is_empty());
                paragraphs.push(crate::redline::Paragraph {
                    path: String::new(),
                    segments: std::mem::take(&mut segments),
                    changed,
                    end: Some(op_of(*change)),
                });
            }
        }
    }
    if !segments.is_empty() {
        let changed = segments.iter().any(|s| s.op != Op::Equal);
        paragraphs.push(crate::redline::Paragraph {
            path: String::new(),
            segments,
            changed,
            end: None,
        });
    }
    Redline {
        paragraphs,
        changes: Vec::new(),
        footnotes: Vec::new(),
        coarse: false,
    }
}

/// Score `redline` against `marks`.
pub fn agreement(redline: &Redline, marks: &Marks) -> Agreement {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut total = Agreement::default();
    for side in [Side::Before, Side::After] {
        let official = official_side(marks, side);
        let ours = redline_side(redline, side);
        score(side, &official, &ours, deadline, &mut total);
    }
    total
}

/// Score a redline against `marks` part by part, where the redline shows only some parts of the marked
/// text (a comparison with current law shows the bill sections that change law). Each part is the text it
/// reads as now (its after side) and the redline of it; its official words are the run of the marks' words
/// that reads as that text, found in order (searching from where the previous part ended, then from the
/// start), and the struck words up to the next part's text. A part whose text the marks do not have is not
/// scored. Aligning each part only with its own run keeps a common word from being matched to the same
/// word in another section.
pub fn agreement_in_parts(parts: &[(String, Redline)], marks: &Marks) -> Agreement {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut total = Agreement::default();
    // Every word of the marked body in order, with its change; and where the after side's words are.
    let mut merged: Vec<(String, Change)> = Vec::new();
    for p in &marks.pieces[marks.body.min(marks.pieces.len())..] {
        if let Piece::Text { change, text } = p {
            merged.extend(
                tokens(text)
                    .into_iter()
                    .filter(|t| is_word(t))
                    .map(|t| (t.to_string(), *change)),
            );
        }
    }
    let after_at: Vec<usize> = (0..merged.len()).filter(|&i| merged[i].1.on(Side::After)).collect();
    let after: Vec<&str> = after_at.iter().map(|&i| merged[i].0.as_str()).collect();
    let find = |words: &[&str], from: usize| -> Option<usize> {
        let k = words.len().min(12);
        let probe = &words[..k];
        (from..after.len().saturating_sub(k - 1)).find(|&i| after[i..i + k] == *probe)
    };
    let mut cursor = 0;
    for (text, redline) in parts {
        let words: Vec<&str> = tokens(text).into_iter().filter(|t| is_word(t)).collect();
        if words.is_empty() {
            continue;
        }
        let Some(a0) = find(&words, cursor).or_else(|| find(&words, 0)) else {
            continue;
        };
        let a1 = (a0 + words.len()).min(after.len());
        let (m0, m1) = (after_at[a0], after_at.get(a1).copied().unwrap_or(merged.len()));
        let region = &merged[m0..m1];
        for side in [Side::Before, Side::After] {
            let official: Vec<(String, bool)> = region
                .iter()
                .filter(|(_, c)| c.on(side))
                .map(|(w, c)| (w.clone(), *c != Change::Same))
                .collect();
            let ours = redline_side(redline, side);
            score(side, &official, &ours, deadline, &mut total);
        }
        cursor = a1;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{InputFormat, decode};

    fn bill(text: &str) -> crate::model::Bill {
        crate::parse::bill(&decode("t", text.as_bytes(), Some(InputFormat::Text)).unwrap()).unwrap()
    }

    fn marks(pieces: &[(Change, &str)]) -> Marks {
        let mut m = Marks::default();
        for (c, t) in pieces {
            m.pieces.push(Piece::Text {
                change: *c,
                text: t.to_string(),
            });
        }
        m
    }

    #[test]
    fn the_marks_read_as_a_redline() {
        let mut m = marks(&[
            (Change::Same, "(a) The "),
            (Change::Struck, "old"),
            (Change::Added, "new"),
            (Change::Same, " rule."),
        ]);
        m.pieces.push(Piece::End {
            change: Change::Same,
            kind: crate::ingest::BlockKind::Paragraph,
            indent: None,
        });
        m.pieces.push(Piece::Text {
            change: Change::Added,
            text: "(b) Added.".into(),
        });
        let r = redline(&m);
        assert_eq!(r.paragraphs.len(), 2);
        assert_eq!(r.old_text(), "(a) The old rule.\n");
        assert_eq!(r.new_text(), "(a) The new rule.\n(b) Added.");
    }

    #[test]
    fn a_redline_that_strikes_what_the_marks_strike_agrees_fully() {
        let old = bill("SECTION 1. The board shall adopt the old rule by 2002.");
        let new = bill("SECTION 1. The board shall adopt the new rule by 2003.");
        let c = crate::compare::testing::compare(&old, &new);
        let m = marks(&[
            (Change::Same, "SECTION 1. The board shall adopt the "),
            (Change::Struck, "old"),
            (Change::Added, "new"),
            (Change::Same, " rule by "),
            (Change::Struck, "2002"),
            (Change::Added, "2003"),
            (Change::Same, "."),
        ]);
        let a = agreement(&c.redline, &m);
        assert_eq!(a.official, 22);
        assert_eq!(a.official_changed, 4);
        assert_eq!(a.aligned, 22);
        assert_eq!(a.ratio(), 1.0);
        // Marks that say more changed than did: the kept words billdiff did not strike disagree.
        let m = marks(&[
            (Change::Same, "SECTION 1. The board shall "),
            (Change::Struck, "adopt the old"),
            (Change::Added, "adopt the new"),
            (Change::Same, " rule by "),
            (Change::Struck, "2002"),
            (Change::Added, "2003"),
            (Change::Same, "."),
        ]);
        let a = agreement(&c.redline, &m);
        assert_eq!(a.agreeing, 18, "{a:?}");
        assert_eq!(a.disagreements.len(), 2, "one run a side: {a:?}");
    }
}
