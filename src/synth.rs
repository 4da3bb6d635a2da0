//! Synthetic bills for scale tests and benchmarks, made from real bills' provisions without a network.
//!
//! A synthetic bill takes code sections from the given source bills, shuffles them, gives them new
//! section numbers in a new chapter of an invented code, and varies their words (swapping the source
//! bills' defined terms for others, changing numbers and dates), so thousands of distinct but realistic
//! bill versions can be made. [`amend`] makes a later version of a synthetic bill: word edits, an inserted
//! definition that reletters what follows, a deleted paragraph, a moved subdivision.
//!
//! Everything is deterministic for a seed (a small xorshift generator; no randomness crate needed for
//! this).

use crate::model::{Bill, Provision, ProvisionKind};

/// A small deterministic generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Shuffle a slice in place.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

const CODES: &[&str] = &[
    "Business and Professions Code",
    "Government Code",
    "Civil Code",
    "Labor Code",
    "Health and Safety Code",
    "Public Utilities Code",
];

const TERMS: &[&str] = &[
    "automated decision system",
    "covered platform",
    "frontier system",
    "high-risk application",
    "model operator",
    "data broker",
    "synthetic content",
    "covered entity",
    "critical vendor",
    "digital replica",
];

const WORDS: &[&str] = &[
    "operator", "system", "platform", "provider", "model", "service", "agency", "report", "record", "notice",
];

/// Lines of a provision subtree as the canonical body text writes them.
fn lines_of(p: &Provision, out: &mut Vec<String>) {
    let sep = if p.label.is_empty() || p.text.is_empty() {
        ""
    } else {
        " "
    };
    out.push(format!("{}{sep}{}", p.label, p.text));
    for c in &p.children {
        lines_of(c, out);
    }
}

/// Vary a line's words: replace some words with others of the same length class, change numbers.
fn vary(line: &str, rng: &mut Rng, rate: usize) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, w) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let plain = w.chars().all(|c| c.is_ascii_lowercase());
        if i > 1 && plain && w.len() > 3 && rng.below(rate) == 0 {
            out.push_str(WORDS[rng.below(WORDS.len())]);
        } else if w.chars().all(|c| c.is_ascii_digit()) && w.len() < 5 && i > 1 && rng.below(3) == 0 {
            out.push_str(&(rng.below(900) + 10).to_string());
        } else {
            out.push_str(w);
        }
    }
    out
}

/// A synthetic bill text (canonical layout: one paragraph per line) of about `target` bytes, made from
/// the code sections of `sources`.
pub fn bill(seed: u64, target: usize, sources: &[Bill]) -> String {
    let mut rng = Rng::new(seed);
    let sections: Vec<&Provision> = sources
        .iter()
        .flat_map(|b| b.body.walk())
        .filter(|p| p.kind == ProvisionKind::CodeSection && !p.children.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let code = CODES[rng.below(CODES.len())];
    let chapter = rng.below(40) + 1;
    let base = 1000 * (rng.below(90) + 10);
    out.push(format!(
        "SECTION 1. The Legislature finds and declares that this act, number {seed}, is needed."
    ));
    out.push(format!(
        "SEC. 2. Chapter {chapter} (commencing with Section {base}) is added to Division {} of the {code}, to read:",
        rng.below(20) + 1
    ));
    out.push(format!("CHAPTER {chapter}. Synthetic Provisions {seed}"));
    let mut size: usize = out.iter().map(|l| l.len() + 1).sum();
    let mut n = 0;
    let renames: Vec<(&str, &str)> = vec![
        ("covered model", TERMS[rng.below(TERMS.len())]),
        ("frontier model", TERMS[rng.below(TERMS.len())]),
        ("large developer", TERMS[rng.below(TERMS.len())]),
    ];
    while size < target && !sections.is_empty() {
        let mut order: Vec<usize> = (0..sections.len()).collect();
        rng.shuffle(&mut order);
        for &i in &order {
            if size >= target {
                break;
            }
            n += 1;
            let mut lines = Vec::new();
            lines_of(sections[i], &mut lines);
            let num = format!("{}.{}", base + n / 10, n % 10 + 1);
            for (k, l) in lines.into_iter().enumerate() {
                let mut l = if k == 0 {
                    // The section number line: "22602. As used ..." → "17003.4. As used ...".
                    let rest = l.split_once(". ").map_or("", |(_, r)| r);
                    if rest.is_empty() {
                        format!("{num}.")
                    } else {
                        format!("{num}. {rest}")
                    }
                } else {
                    l
                };
                for (from, to) in &renames {
                    l = l.replace(from, to);
                }
                let l = vary(&l, &mut rng, 25);
                size += l.len() + 1;
                out.push(l);
            }
        }
    }
    out.join("\n")
}

/// A later version of a synthetic bill: about `edits` word changes spread through it, one definition
/// inserted at the top of the first definitions section (relettering what follows), one paragraph
/// deleted and one subdivision moved to the end of another section.
pub fn amend(text: &str, seed: u64, edits: usize) -> String {
    let mut rng = Rng::new(seed ^ 0xA5A5);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..edits {
        let i = rng.below(lines.len());
        let words: Vec<&str> = lines[i].split(' ').collect();
        if words.len() < 4 {
            continue;
        }
        let k = 2 + rng.below(words.len() - 2);
        let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        w[k] = format!("revised{}", rng.below(1000));
        lines[i] = w.join(" ");
    }
    // Insert a definition before the first "(a) “" line and reletter the following subdivisions of that
    // section.
    if let Some(start) = lines.iter().position(|l| l.starts_with("(a) “")) {
        let mut j = start;
        while j < lines.len()
            && !lines[j]
                .split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit() || c == '.'))
        {
            let l = &lines[j];
            let b = l.as_bytes();
            if b.len() > 3 && b[0] == b'(' && b[2] == b')' && b[1].is_ascii_lowercase() && b[1] < b'z' {
                let next = (b[1] + 1) as char;
                lines[j] = format!("({next}){}", &l[3..]);
            }
            j += 1;
        }
        lines.insert(
            start,
            "(a) “Aardvark system” means a system inserted by the synthetic amendment.".to_string(),
        );
    }
    // Delete one paragraph, move one subdivision.
    if lines.len() > 20 {
        let d = 10 + rng.below(lines.len() - 10);
        if lines[d].starts_with('(') {
            lines.remove(d);
        }
        let m = 10 + rng.below(lines.len() - 11);
        if lines[m].starts_with("(") {
            let moved = lines.remove(m);
            lines.push(moved);
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_shuffles() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(
            (0..10).map(|_| a.below(100)).collect::<Vec<_>>(),
            (0..10).map(|_| b.below(100)).collect::<Vec<_>>()
        );
        let mut v: Vec<u32> = (0..20).collect();
        Rng::new(3).shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
        assert_ne!(v, sorted);
    }
}
