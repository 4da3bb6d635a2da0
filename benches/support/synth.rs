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
//!
//! Bench and test data, not part of the library: benches, the test suite and `examples/synth.rs` include
//! this file with `#[path]`, so each uses only some of it.
#![allow(dead_code)]

use billdiff::model::{Bill, Provision, ProvisionKind};

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
/// inserted at the top of the first definitions section (relettering what follows), one subdivision
/// deleted and one moved to the end of the last section. `text` must parse as a bill.
pub fn amend(text: &str, seed: u64, edits: usize) -> String {
    let mut rng = Rng::new(seed ^ 0xA5A5);
    let Ok(doc) = billdiff::ingest::decode("synthetic", text.as_bytes(), Some(billdiff::ingest::InputFormat::Text))
    else {
        return text.to_string();
    };
    let Ok(bill) = billdiff::parse::bill(&doc) else {
        return text.to_string();
    };
    let body = &bill.body.text;
    // (byte range, replacement), applied back to front.
    let mut edits_at: Vec<(usize, usize, String)> = Vec::new();
    let sections: Vec<&Provision> = bill
        .body
        .walk()
        .filter(|p| p.kind == ProvisionKind::CodeSection)
        .collect();
    fn subdivisions(s: &Provision) -> Vec<&Provision> {
        s.children
            .iter()
            .filter(|c| c.kind == ProvisionKind::Subdivision)
            .collect()
    }
    let plain = |subs: &[&Provision]| {
        subs.iter()
            .enumerate()
            .all(|(k, c)| billdiff::parse::grammar::alpha_ordinal(&c.num) == Some(k as u32 + 1))
    };
    // A definition at the top of the first definitions section, relettering what follows.
    let defs = sections.iter().find(|s| {
        let subs = subdivisions(s);
        subs.len() > 2 && subs.len() < 26 && plain(&subs) && subs[0].text.starts_with('“')
    });
    let mut touched: Vec<(usize, usize)> = Vec::new();
    if let Some(sec) = defs {
        let subs = subdivisions(sec);
        for (k, c) in subs.iter().enumerate() {
            let label = billdiff::parse::grammar::alpha_label(k as u32 + 2).unwrap_or_default();
            edits_at.push((c.span.start, c.span.start + c.label.len(), format!("({label})")));
        }
        edits_at.push((
            subs[0].span.start,
            subs[0].span.start,
            "(a) “Aardvark system” means a system inserted by the synthetic amendment.\n".into(),
        ));
        touched.push((sec.span.start, subs.last().map_or(sec.span.end, |c| c.span.end)));
    }
    // Word edits, away from the relettered section.
    let words: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = None;
        for (i, c) in body.char_indices() {
            match (c.is_ascii_lowercase(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if i - s > 3 && !matches!(c, '’' | '\'') {
                        v.push((s, i));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        v
    };
    let free = |a: usize, b: usize, edits: &[(usize, usize, String)], touched: &[(usize, usize)]| {
        !edits.iter().any(|(s, e, _)| a < (*e).max(*s + 1) && *s < b) && !touched.iter().any(|(s, e)| a < *e && *s < b)
    };
    for _ in 0..edits {
        if words.is_empty() {
            break;
        }
        let (a, b) = words[rng.below(words.len())];
        if free(a, b, &edits_at, &touched) {
            edits_at.push((a, b, format!("revised{}", rng.below(1000))));
        }
    }
    // Delete one childless subdivision (the last of its section, so nothing needs relettering) and move
    // another last one to the end of the bill's last section.
    let lasts: Vec<&Provision> = sections
        .iter()
        .filter_map(|s| subdivisions(s).last().copied())
        .filter(|c| c.children.is_empty() && free(c.span.start, c.span.end, &edits_at, &touched))
        .collect();
    if lasts.len() > 3 {
        let d = lasts[rng.below(lasts.len() / 2)];
        edits_at.push((d.span.start, d.span.end, String::new()));
        let m = lasts[lasts.len() / 2 + rng.below(lasts.len() / 2 - 1)];
        let last_sec = sections.last().expect("sections");
        let last_sub = subdivisions(last_sec)
            .last()
            .map_or(0, |c| billdiff::parse::grammar::alpha_ordinal(&c.num).unwrap_or(0));
        if m.span.end < last_sec.span.start && last_sub < 25 {
            let label = billdiff::parse::grammar::alpha_label(last_sub + 1).unwrap_or_default();
            let line = format!("\n({label}) {}", m.text);
            edits_at.push((m.span.start, m.span.end, String::new()));
            edits_at.push((body.len(), body.len(), line));
        }
    }
    edits_at.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out = String::with_capacity(body.len() + 4096);
    let mut at = 0;
    for (s, e, t) in edits_at {
        if s < at {
            continue;
        }
        out.push_str(&body[at..s]);
        out.push_str(&t);
        at = e;
    }
    out.push_str(&body[at..]);
    // A deleted segment may leave an empty line behind.
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A synthetic bill folder: its manifest and its version texts (file name, text).
#[derive(Debug, Clone)]
pub struct Folder {
    /// The manifest.
    pub manifest: billdiff::ingest::Manifest,
    /// (file name, text) per version, oldest first.
    pub files: Vec<(String, String)>,
}

/// `n` synthetic bill folders of `versions` versions each, every version about `size` bytes: the first
/// made by [`bill`], each later one by [`amend`] of the one before.
pub fn library(
    seed: u64,
    n: usize,
    versions: usize,
    size: usize,
    sources: &[Bill],
) -> impl Iterator<Item = Folder> + '_ {
    (0..n).map(move |i| {
        let id = format!("synth-{i:05}");
        let mut text = bill(seed.wrapping_add(i as u64), size, sources);
        let mut files = Vec::new();
        let mut mv = Vec::new();
        for v in 0..versions.max(1) {
            if v > 0 {
                text = amend(&text, seed ^ (i as u64 * 31 + v as u64), 20);
            }
            let file = format!("v{}.txt", v + 1);
            let date = billdiff::model::Date::new(2025, (v % 12 + 1) as u8, (i % 28 + 1) as u8).expect("valid date");
            mv.push(billdiff::ingest::ManifestVersion {
                id: format!("v{}", v + 1),
                stage: if v == 0 {
                    billdiff::model::Stage::Introduced
                } else {
                    billdiff::model::Stage::Amended
                },
                house: None,
                date,
                file: file.clone(),
                alternates: Vec::new(),
                source: "synthetic".into(),
                note: None,
            });
            files.push((file, text.clone()));
        }
        Folder {
            manifest: billdiff::ingest::Manifest {
                id: id.clone(),
                jurisdiction: "zz".into(),
                session: format!("{}–{} Synthetic Session", 2025 + i % 3, 2026 + i % 3),
                measure: format!("SB {}", 10_000 + i),
                title: format!("Synthetic bill {i}"),
                source: "synthetic".into(),
                licence: None,
                note: Some("Made by billdiff::synth from the provisions of the built-in bills.".into()),
                versions: mv,
            },
            files,
        }
    })
}

#[cfg(test)]
mod tests {
    // Benches (harness = false) compile this module without its #[test] functions.
    #[allow(unused_imports)]
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
