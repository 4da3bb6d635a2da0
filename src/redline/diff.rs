//! The literal layer of a redline: a two-level diff (paragraphs, then words) with a time budget.

use super::tokens::{Bag, bag, dice, tokens};
use super::{Op, Paragraph, Segment};
use similar::{Algorithm, DiffOp, capture_diff_slices, capture_diff_slices_deadline};
use std::time::{Duration, Instant};

/// Limits on one word-level diff (one run of changed paragraphs), and what counts as a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Time allowed for one word diff.
    pub deadline: Duration,
    /// Tokens (both sides together) above which a run is compared whole without a word diff.
    pub max_tokens: usize,
    /// Whether differences of typography alone (straight and curly quotes and apostrophes, a
    /// non-breaking space for a space, one space for several) are changes. By default they are not: a
    /// transcription that curls its quotes has not amended the bill.
    pub typography: bool,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            deadline: Duration::from_millis(500),
            max_tokens: 400_000,
            typography: false,
        }
    }
}

/// `s` with its typography made plain: curly quotes and apostrophes straight, every run of spaces
/// (non-breaking ones included) one space. Two texts with the same plain form differ in typography alone.
pub fn plain_typography(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\t' => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            space = false;
            out.push(c);
        }
    }
    out
}

/// The segments with every strike-and-insert of typography alone shown as the new text, unchanged.
fn without_typography(segs: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segs.len());
    let mut it = segs.into_iter().peekable();
    while let Some(s) = it.next() {
        let pair = s.op == Op::Delete
            && it
                .peek()
                .is_some_and(|n| n.op == Op::Insert && plain_typography(&n.text) == plain_typography(&s.text));
        let s = if pair {
            let ins = it.next().expect("peeked");
            Segment {
                op: Op::Equal,
                text: ins.text,
                old_at: s.old_at,
                new_at: ins.new_at,
                changes: Vec::new(),
                was: Some(s.text),
            }
        } else {
            s
        };
        match out.last_mut() {
            Some(last) if last.op == s.op && s.op == Op::Equal => {
                if last.was.is_some() || s.was.is_some() {
                    let mut was = last.old_text().to_string();
                    was.push_str(s.old_text());
                    last.was = Some(was);
                }
                last.text.push_str(&s.text);
            }
            _ => out.push(s),
        }
    }
    out
}

/// Byte offset where each line starts, and one past the end.
fn line_starts(s: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(s.match_indices('\n').map(|(i, _)| i + 1));
    if *v.last().expect("non-empty") != s.len() || s.is_empty() {
        v.push(s.len());
    }
    v
}

struct Out {
    segs: Vec<Segment>,
    coarse: bool,
}

impl Out {
    fn push(&mut self, op: Op, text: &str, old_at: usize, new_at: usize) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.segs.last_mut() {
            if last.op == op {
                last.text.push_str(text);
                return;
            }
        }
        self.segs.push(Segment {
            op,
            text: text.to_string(),
            old_at,
            new_at,
            changes: Vec::new(),
            was: None,
        });
    }
}

/// Word-diff one run of changed lines.
fn words(out: &mut Out, old: &str, new: &str, old_base: usize, new_base: usize, budget: Budget) {
    let (a, b) = (tokens(old), tokens(new));
    let whole = |out: &mut Out| {
        out.push(Op::Delete, old, old_base, new_base);
        out.push(Op::Insert, new, old_base + old.len(), new_base);
    };
    if a.len() + b.len() > budget.max_tokens {
        out.coarse = true;
        return whole(out);
    }
    let started = Instant::now();
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(started + budget.deadline));
    if started.elapsed() > budget.deadline {
        out.coarse = true;
        return whole(out);
    }
    // Byte offsets of each token.
    let offsets = |t: &[&str]| {
        let mut v = Vec::with_capacity(t.len() + 1);
        let mut at = 0;
        for x in t {
            v.push(at);
            at += x.len();
        }
        v.push(at);
        v
    };
    let (oa, ob) = (offsets(&a), offsets(&b));
    // (op, old range, new range) in token offsets of `old` and `new`.
    let mut items: Vec<(Op, std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                items.push((
                    Op::Equal,
                    oa[old_index]..oa[old_index + len],
                    ob[new_index]..ob[new_index + len],
                ));
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                items.push((
                    Op::Delete,
                    oa[old_index]..oa[old_index + old_len],
                    ob[new_index]..ob[new_index],
                ));
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                items.push((
                    Op::Insert,
                    oa[old_index]..oa[old_index],
                    ob[new_index]..ob[new_index + new_len],
                ));
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                items.push((
                    Op::Delete,
                    oa[old_index]..oa[old_index + old_len],
                    ob[new_index]..ob[new_index],
                ));
                items.push((
                    Op::Insert,
                    oa[old_index + old_len]..oa[old_index + old_len],
                    ob[new_index]..ob[new_index + new_len],
                ));
            }
        }
    }
    // Readable redlines: a space, a comma or a short word left equal between two changes is folded into
    // them, so a rewritten phrase reads as one struck phrase and one inserted phrase.
    let trivial = |r: &std::ops::Range<usize>| {
        let t = old[r.clone()].trim();
        // Parentheses delimit labels and citations: "(j) Adverse" → "(i) Incident" keeps its label change apart.
        !t.contains(['(', ')'])
            && (!t.chars().any(char::is_alphanumeric) || (t.len() <= 3 && !t.contains(char::is_whitespace)))
    };
    // A short run of equal words between two changes at least as long is folded too (the rule of
    // diff-match-patch's semantic cleanup, in words): official redlines strike "Section 60850" and insert
    // "Sections 60850 and 60851" rather than keep the lone "60850" between a struck and an inserted word.
    let word_count = |t: &str| {
        t.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let changed_words = |run: &[(Op, std::ops::Range<usize>, std::ops::Range<usize>)]| {
        let del: usize = run
            .iter()
            .filter(|it| it.0 == Op::Delete)
            .map(|it| word_count(&old[it.1.clone()]))
            .sum();
        let ins: usize = run
            .iter()
            .filter(|it| it.0 == Op::Insert)
            .map(|it| word_count(&new[it.2.clone()]))
            .sum();
        del.max(ins)
    };
    let short_between = |e: usize| {
        let eq = &old[items[e].1.clone()];
        if eq.contains(['(', ')', '\n']) {
            return false;
        }
        let w = word_count(eq);
        let before_start = items[..e].iter().rposition(|it| it.0 == Op::Equal).map_or(0, |x| x + 1);
        let after_end = items[e + 1..]
            .iter()
            .position(|it| it.0 == Op::Equal)
            .map_or(items.len(), |x| e + 1 + x);
        w <= 2 && w <= changed_words(&items[before_start..e]) && w <= changed_words(&items[e + 1..after_end])
    };
    // A change inside a word strikes and inserts the whole word, as official redlines do
    // ("attorney-general" → "attorney general" strikes the one and inserts the other, not the hyphen): the
    // part of the word left equal on either side of a run goes into it. A word here is letters, digits,
    // hyphens and apostrophes; a label's parentheses end it, so "(e)" → "(f)" stays a letter's change.
    let in_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    let tail_len = |t: &str| t.len() - t.trim_end_matches(in_word).len();
    let head_len = |t: &str| t.len() - t.trim_start_matches(in_word).len();
    // An equal run not yet written (its end may go into the next change), and how much of the next equal
    // run the last change took.
    let mut pending: Option<(std::ops::Range<usize>, std::ops::Range<usize>)> = None;
    let mut taken = 0;
    let flush = |out: &mut Out, pending: &mut Option<(std::ops::Range<usize>, std::ops::Range<usize>)>| {
        if let Some((o, n)) = pending.take()
            && !o.is_empty()
        {
            out.push(Op::Equal, &old[o.clone()], old_base + o.start, new_base + n.start);
        }
    };
    let mut k = 0;
    while k < items.len() {
        // A run of changes, with trivial equals inside it: [k, end).
        if items[k].0 == Op::Equal {
            let (mut o, mut n) = (items[k].1.clone(), items[k].2.clone());
            let t = taken.min(o.len());
            o.start += t;
            n.start += t;
            taken = 0;
            flush(out, &mut pending);
            pending = Some((o, n));
            k += 1;
            continue;
        }
        let mut end = k;
        while end < items.len() {
            let inside_run = items[end].0 != Op::Equal
                || ((trivial(&items[end].1) || (end > k && end + 1 < items.len() && short_between(end)))
                    && end + 1 < items.len()
                    && items[end + 1].0 != Op::Equal);
            if !inside_run {
                break;
            }
            end += 1;
        }
        let (mut o0, mut n0) = (items[k].1.start, items[k].2.start);
        let (mut o1, mut n1) = (items[end - 1].1.end, items[end - 1].2.end);
        let mut folded = items[k..end].iter().any(|it| it.0 == Op::Equal);
        // Whether the changed text, on either side, starts or ends with a word's character.
        let starts_in_word =
            old[o0..o1].chars().next().is_some_and(in_word) || new[n0..n1].chars().next().is_some_and(in_word);
        let ends_in_word = old[o0..o1].chars().next_back().is_some_and(in_word)
            || new[n0..n1].chars().next_back().is_some_and(in_word);
        if let Some((po, pn)) = &mut pending
            && old[po.clone()].chars().next_back().is_some_and(char::is_alphanumeric)
            && starts_in_word
        {
            let t = tail_len(&old[po.clone()]);
            po.end -= t;
            pn.end -= t;
            o0 -= t;
            n0 -= t;
            folded |= t > 0;
        }
        flush(out, &mut pending);
        if let Some((Op::Equal, no, _)) = items.get(end)
            && old[no.clone()].chars().next().is_some_and(char::is_alphanumeric)
            && ends_in_word
        {
            let h = head_len(&old[no.clone()]);
            o1 += h;
            n1 += h;
            taken = h;
            folded |= h > 0;
        }
        if folded {
            out.push(Op::Delete, &old[o0..o1], old_base + o0, new_base + n0);
            out.push(Op::Insert, &new[n0..n1], old_base + o1, new_base + n0);
        } else {
            for (op, o, n) in &items[k..end] {
                match op {
                    Op::Delete => out.push(Op::Delete, &old[o.clone()], old_base + o.start, new_base + n.start),
                    _ => out.push(Op::Insert, &new[n.clone()], old_base + o.start, new_base + n.start),
                }
            }
        }
        k = end;
    }
    flush(out, &mut pending);
}

/// Diff two texts: paragraphs (lines) first, then words inside changed runs of lines.
/// Returns the segments and whether any run was compared whole for lack of time.
pub fn diff_texts(old: &str, new: &str, budget: Budget) -> (Vec<Segment>, bool) {
    let (ls_old, ls_new) = (line_starts(old), line_starts(new));
    let lines =
        |s: &'_ str, ls: &[usize]| -> Vec<String> { ls.windows(2).map(|w| s[w[0]..w[1]].to_string()).collect() };
    let (la, lb) = (lines(old, &ls_old), lines(new, &ls_new));
    let ops = capture_diff_slices(Algorithm::Patience, &la, &lb);
    let mut out = Out {
        segs: Vec::new(),
        coarse: false,
    };
    let range = |ls: &[usize], i: usize, n: usize| ls[i]..ls[i + n];
    for op in ops {
        if crate::work::stopped() {
            break;
        }
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                let r = range(&ls_old, old_index, len);
                out.push(Op::Equal, &old[r.clone()], r.start, ls_new[new_index]);
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                let r = range(&ls_old, old_index, old_len);
                out.push(Op::Delete, &old[r.clone()], r.start, ls_new[new_index]);
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                let r = range(&ls_new, new_index, new_len);
                out.push(Op::Insert, &new[r.clone()], ls_old[old_index], r.start);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let old_lines: Vec<(usize, &str)> = (old_index..old_index + old_len)
                    .map(|i| (ls_old[i], &old[ls_old[i]..ls_old[i + 1]]))
                    .collect();
                let new_lines: Vec<(usize, &str)> = (new_index..new_index + new_len)
                    .map(|i| (ls_new[i], &new[ls_new[i]..ls_new[i + 1]]))
                    .collect();
                replace_block(&mut out, &old_lines, &new_lines, budget);
            }
        }
    }
    if budget.typography {
        (out.segs, out.coarse)
    } else {
        (without_typography(out.segs), out.coarse)
    }
}

/// Lines at least this similar (shared words over all words) are the same paragraph, edited.
const SAME_PARAGRAPH: f64 = 0.5;
/// Pairs of lines above which a changed block is word-diffed whole instead of aligned line by line.
const ALIGN_LIMIT: usize = 40_000;

/// The markers and labels a paragraph opens with: `SEC. 3.`, `22602.`, `(e) (1)`.
fn opening_labels(line: &str) -> &str {
    use crate::parse::grammar::{bill_section_marker, label_chain, law_section_marker};
    // The redline's paragraphs are California's (the style proposals are drafted in).
    let style = crate::parse::style::california();
    let rest = bill_section_marker(style, line)
        .map(|m| m.rest)
        .or_else(|| law_section_marker(style, line, true).map(|(m, _)| m.rest))
        .unwrap_or(line);
    let rest = label_chain(style, rest).map_or(rest, |(r, _)| r);
    line[..line.len() - rest.len()].trim_end()
}

/// A run of changed lines: pair each old paragraph with the new paragraph it became (in order, by
/// similarity) and word-diff the pairs; the rest are whole paragraphs deleted or inserted. So a
/// definition inserted among relettered ones shows as one inserted paragraph and label changes, not as
/// words drifting between paragraphs.
fn replace_block(out: &mut Out, old: &[(usize, &str)], new: &[(usize, &str)], budget: Budget) {
    let (n, m) = (old.len(), new.len());
    if n * m > ALIGN_LIMIT {
        let (a0, b0) = (old[0].0, new[0].0);
        let a: String = old.iter().map(|(_, l)| *l).collect();
        let b: String = new.iter().map(|(_, l)| *l).collect();
        return words(out, &a, &b, a0, b0, budget);
    }
    // Paragraphs opening with the same labels ("(e) (1)") may pair however much their words changed, but
    // only at their real similarity, so a better-matching pair (a relettered twin) still wins.
    // Each paragraph's words and opening labels, once (not once per pair).
    let (bags_old, bags_new): (Vec<Bag>, Vec<Bag>) = (
        old.iter().map(|(_, a)| bag(a)).collect(),
        new.iter().map(|(_, b)| bag(b)).collect(),
    );
    let labels_old: Vec<_> = old.iter().map(|(_, a)| opening_labels(a)).collect();
    let labels_new: Vec<_> = new.iter().map(|(_, b)| opening_labels(b)).collect();
    let sim: Vec<Vec<f64>> = bags_old
        .iter()
        .map(|a| bags_new.iter().map(|b| dice(a, b)).collect())
        .collect();
    let ok: Vec<Vec<bool>> = (0..n)
        .map(|i| {
            (0..m)
                .map(|j| {
                    sim[i][j] >= SAME_PARAGRAPH
                        || (sim[i][j] >= 0.15 && !labels_old[i].is_empty() && labels_old[i] == labels_new[j])
                })
                .collect()
        })
        .collect();
    // score[i][j]: best total similarity aligning old[..i] with new[..j].
    let mut score = vec![vec![0.0f64; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let mut best = score[i - 1][j].max(score[i][j - 1]);
            if ok[i - 1][j - 1] {
                best = best.max(score[i - 1][j - 1] + sim[i - 1][j - 1]);
            }
            score[i][j] = best;
        }
    }
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        // A pair is read back by the rule it was scored by: same-label paragraphs pair below the general
        // threshold too, so a subdivision that gained a sentence is word-diffed, not struck and re-inserted.
        if i > 0 && j > 0 && ok[i - 1][j - 1] && score[i][j] == score[i - 1][j - 1] + sim[i - 1][j - 1] {
            pairs.push((Some(i - 1), Some(j - 1)));
            i -= 1;
            j -= 1;
        } else if j > 0 && (i == 0 || score[i][j] == score[i][j - 1]) {
            // Walking backwards, inserts first: read forwards, a gap shows what was struck, then what was added.
            pairs.push((None, Some(j - 1)));
            j -= 1;
        } else {
            pairs.push((Some(i - 1), None));
            i -= 1;
        }
    }
    pairs.reverse();
    // Where the next old and new line start, for inserts and deletes between pairs.
    let end_old = old.last().map_or(0, |(at, l)| at + l.len());
    let end_new = new.last().map_or(0, |(at, l)| at + l.len());
    for (k, pair) in pairs.iter().enumerate() {
        let next_old = pairs[k..].iter().find_map(|p| p.0).map_or(end_old, |x| old[x].0);
        let next_new = pairs[k..].iter().find_map(|p| p.1).map_or(end_new, |x| new[x].0);
        match *pair {
            (Some(a), Some(b)) => words(out, old[a].1, new[b].1, old[a].0, new[b].0, budget),
            (Some(a), None) => out.push(Op::Delete, old[a].1, old[a].0, next_new),
            (None, Some(b)) => out.push(Op::Insert, new[b].1, next_old, new[b].0),
            (None, None) => {}
        }
    }
}

/// Split segments into paragraphs at line breaks; `path` names the provision at a paragraph's start.
pub fn paragraphs(segments: Vec<Segment>, path: impl Fn(usize, usize, Op) -> String) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Vec<Segment> = Vec::new();
    let close = |current: &mut Vec<Segment>, end: Option<Op>, out: &mut Vec<Paragraph>| {
        let segs = std::mem::take(current);
        let (old_at, new_at, op) = segs.first().map_or((0, 0, Op::Equal), |s| (s.old_at, s.new_at, s.op));
        let path = path(old_at, new_at, op);
        out.push(Paragraph {
            path,
            changed: segs.iter().any(|s| s.op != Op::Equal) || end.is_some_and(|e| e != Op::Equal),
            segments: segs,
            end,
        });
    };
    for seg in segments {
        let mut old_at = seg.old_at;
        let mut new_at = seg.new_at;
        let mut rest = seg.text.as_str();
        // The old text of a typography-only equal segment, split at the same line breaks (typography
        // never touches them).
        let mut was_rest = seg.was.as_deref();
        while !rest.is_empty() {
            let (piece, brk) = match rest.find('\n') {
                Some(i) => (&rest[..i], true),
                None => (rest, false),
            };
            let was_piece = was_rest.map(|w| w.find('\n').map_or(w, |i| &w[..i]));
            if !piece.is_empty() {
                current.push(Segment {
                    op: seg.op,
                    text: piece.to_string(),
                    old_at,
                    new_at,
                    changes: seg.changes.clone(),
                    was: was_piece.filter(|w| *w != piece).map(str::to_string),
                });
            }
            let consumed = piece.len() + usize::from(brk);
            let old_consumed = was_piece.map_or(consumed, |w| w.len() + usize::from(brk));
            was_rest = was_rest.map(|w| &w[old_consumed.min(w.len())..]);
            if seg.op != Op::Insert {
                old_at += old_consumed;
            }
            if seg.op != Op::Delete {
                new_at += consumed;
            }
            rest = &rest[consumed..];
            if brk {
                close(&mut current, Some(seg.op), &mut out);
            }
        }
    }
    if !current.is_empty() {
        close(&mut current, None, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(segs: &[Segment], drop: Op) -> String {
        segs.iter().filter(|s| s.op != drop).map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn tokens_never_split_words() {
        assert_eq!(
            tokens("a covered model’s  weights.\n(e)"),
            [
                "a",
                " ",
                "covered",
                " ",
                "model’s",
                "  ",
                "weights",
                ".",
                "\n",
                "(",
                "e",
                ")"
            ]
        );
    }

    #[test]
    fn word_changes_inside_changed_paragraphs() {
        let old = "SEC. 1. A covered model.\n(a) Same.\n(b) A covered model derivative.";
        let new = "SEC. 1. A covered system.\n(a) Same.\n(b) A covered system derivative.";
        let (segs, coarse) = diff_texts(old, new, Budget::default());
        assert!(!coarse);
        assert_eq!(rebuild(&segs, Op::Insert), old);
        assert_eq!(rebuild(&segs, Op::Delete), new);
        let changed: Vec<(Op, &str)> = segs
            .iter()
            .filter(|s| s.op != Op::Equal)
            .map(|s| (s.op, s.text.as_str()))
            .collect();
        assert_eq!(
            changed,
            [
                (Op::Delete, "model"),
                (Op::Insert, "system"),
                (Op::Delete, "model"),
                (Op::Insert, "system")
            ]
        );
    }

    #[test]
    fn an_inserted_paragraph_is_one_insert() {
        let old = "(a) A.\n(b) B.";
        let new = "(a) A.\n(b) New.\n(c) B.";
        let (segs, _) = diff_texts(old, new, Budget::default());
        assert_eq!(rebuild(&segs, Op::Insert), old);
        assert_eq!(rebuild(&segs, Op::Delete), new);
        let paras = paragraphs(segs, |_, _, _| String::new());
        assert_eq!(paras.len(), 3);
        assert!(paras[1].changed);
    }

    #[test]
    fn inserted_paragraph_among_relettered_ones() {
        let old = "(h) “Harm” means x.\n(i) “Developer” means a person.\n(j) “Model” means y.";
        let new =
            "(h) “Harm” means x.\n(i) “Deploy” means to run.\n(j) “Developer” means a person.\n(k) “Model” means y.";
        let (segs, _) = diff_texts(old, new, Budget::default());
        assert_eq!(rebuild(&segs, Op::Insert), old);
        assert_eq!(rebuild(&segs, Op::Delete), new);
        let changed: Vec<(Op, &str)> = segs
            .iter()
            .filter(|s| s.op != Op::Equal)
            .map(|s| (s.op, s.text.as_str()))
            .collect();
        assert_eq!(
            changed,
            [
                (Op::Insert, "(i) “Deploy” means to run.\n"),
                (Op::Delete, "i"),
                (Op::Insert, "j"),
                (Op::Delete, "j"),
                (Op::Insert, "k")
            ]
        );
    }

    #[test]
    fn budget_falls_back_to_whole_paragraphs() {
        let old = "one two three four";
        let new = "one too three for";
        let (segs, coarse) = diff_texts(
            old,
            new,
            Budget {
                deadline: Duration::from_secs(1),
                max_tokens: 3,
                ..Budget::default()
            },
        );
        assert!(coarse);
        assert_eq!(segs.len(), 2);
        assert_eq!(rebuild(&segs, Op::Insert), old);
        assert_eq!(rebuild(&segs, Op::Delete), new);
    }

    #[test]
    fn differences_of_typography_alone_are_not_changes_unless_asked() {
        let old = "the public's right  of access to “meetings” and the writings";
        let new = "the public’s right of access to \"meetings\" and the records";
        let (segs, _) = diff_texts(old, new, Budget::default());
        let changed: Vec<(Op, &str)> = segs
            .iter()
            .filter(|s| s.op != Op::Equal)
            .map(|s| (s.op, s.text.as_str()))
            .collect();
        assert_eq!(changed, [(Op::Delete, "writings"), (Op::Insert, "records")]);
        // The text shown is the new one's.
        let shown: String = segs
            .iter()
            .filter(|s| s.op != Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(shown, new);
        let shown = Budget {
            typography: true,
            ..Budget::default()
        };
        let (segs, _) = diff_texts(old, new, shown);
        let struck: Vec<&str> = segs
            .iter()
            .filter(|s| s.op == Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert!(struck.iter().any(|t| t.contains("public's")), "{struck:?}");
        assert_eq!(plain_typography("a\u{a0} ‘b’ “c”"), "a 'b' \"c\"");
    }
}
