//! A synthetic pubinfo dump in the shape of the real sample (`../shared/corpus/ca-pubinfo/`), at any size: a
//! session of N measures × V versions and their code sections, for benchmarking `billdiff import pubinfo` and
//! `billdiff index` at the size of a whole session (`examples/synth_pubinfo.rs`, `benches/import.sh`).
//!
//! Every text is made from the sample's real CAML, read at run time and never copied into the project: a
//! synthetic bill takes the bill sections of the sample's bills (shuffled, some duplicated, renumbered
//! `SECTION 1.`, `SEC. 2.`, ...), a resolution the recitals of the sample's resolutions, each inside the
//! description of a real text with the measure, version, history and authors rewritten. Each measure's
//! words differ from the others' (a few words of every section swapped for other words of the sample), and
//! each version from the one before (more swapped words, now and then a section added or dropped). The code
//! sections are the sample's LAW_SECTION_TBL rows and `.lob` texts under new section numbers, their words
//! varied the same way. The tables follow the sample's conventions: tab-separated, strings in backticks,
//! numbers, dates and `.lob` names bare, `NULL` for no value.
//!
//! A daily dump ([`Session::daily`]) holds what a day of the same session changes: a new version of a few
//! measures (with their BILL_TBL rows and authors) and a new text of a few code sections.
//!
//! Where XML is read it is read with roxmltree; a text is made by splicing new pieces into the byte ranges the
//! parser reports. Deterministic for a seed ([`crate::synth::Rng`]).
//!
//! Bench and test data, not part of the library: `examples/synth_pubinfo.rs` and the test suite include
//! this file with `#[path]` (beside `synth.rs`).
#![allow(dead_code)]

use crate::synth::Rng;
use std::collections::BTreeSet;
use std::ops::Range;

/// The real sample the synthetic dump is made from, as read from its files.
#[derive(Debug, Clone, Default)]
pub struct Sample {
    /// The CAML `caml:MeasureDoc` texts of the bill versions (the `.lob` files BILL_VERSION_TBL names).
    pub bill_texts: Vec<String>,
    /// BILL_VERSION_AUTHORS_TBL.dat.
    pub authors_table: String,
    /// LAW_SECTION_TBL.dat.
    pub law_table: String,
    /// The `caml:Content` text of each LAW_SECTION_TBL row, by its `.lob` file name.
    pub law_texts: Vec<(String, String)>,
    /// CODES_TBL.dat, written into the dump as it is.
    pub codes_table: String,
}

impl Sample {
    /// Read the sample from its folder (`bill-1989/` and `law-section/`, as in `../shared/corpus/ca-pubinfo`):
    /// the tables, and each `.lob` a row names.
    pub fn read(dir: &std::path::Path) -> std::io::Result<Sample> {
        let read = |p: std::path::PathBuf| {
            std::fs::read_to_string(&p).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", p.display())))
        };
        let (bills, law) = (dir.join("bill-1989"), dir.join("law-section"));
        let mut s = Sample {
            authors_table: read(bills.join("BILL_VERSION_AUTHORS_TBL.dat"))?,
            law_table: read(law.join("LAW_SECTION_TBL.dat"))?,
            codes_table: read(law.join("CODES_TBL.dat"))?,
            ..Sample::default()
        };
        for r in sample_rows(&read(bills.join("BILL_VERSION_TBL.dat"))?) {
            if let Some(Some(lob)) = r.get(14) {
                s.bill_texts.push(read(bills.join(lob))?);
            }
        }
        for r in sample_rows(&s.law_table) {
            if let Some(Some(lob)) = r.get(14) {
                s.law_texts.push((lob.clone(), read(law.join(lob))?));
            }
        }
        Ok(s)
    }
}

/// How big a session to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Measures (bills and resolutions).
    pub measures: usize,
    /// Versions of each measure.
    pub versions: usize,
    /// Code sections (LAW_SECTION_TBL rows) per measure.
    pub sections_per_measure: usize,
    /// The session's first year (a regular session: `2025` is 2025–26).
    pub year: u16,
}

/// One row's fields of a sample table: `None` for NULL, backticks removed (the sample has no escapes).
fn sample_rows(table: &str) -> Vec<Vec<Option<String>>> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split('\t')
                .map(|f| {
                    let f = f.trim_end_matches('\r');
                    (f != "NULL").then(|| f.trim_matches('`').to_string())
                })
                .collect()
        })
        .collect()
}

/// A string field: backticks around, backslash escapes (as the Legislature's export writes them).
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('`');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('`');
    out
}

/// A string field or NULL.
fn qn(s: Option<&str>) -> String {
    s.map_or_else(|| "NULL".to_string(), q)
}

/// Text for XML content.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A day of the year as `YYYY-MM-DD` (non-leap months; `day` 0-based, capped at December 31).
fn date(year: u16, day: usize) -> String {
    const MONTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = day.min(364);
    for (m, len) in MONTHS.iter().enumerate() {
        if d < *len {
            return format!("{year}-{:02}-{:02}", m + 1, d + 1);
        }
        d -= len;
    }
    unreachable!("day capped at 364")
}

/// A piece of a real text that a synthetic one is assembled from: a bill section or a recital.
#[derive(Debug, Clone)]
struct Block {
    raw: String,
    /// Where the block's own number is (`SEC. 3.`), relative to `raw`.
    num: Option<Range<usize>>,
    /// The words that may be swapped (lowercase, four letters or more, in text), relative to `raw`.
    words: Vec<Range<usize>>,
    /// A resolving clause (`caml:Resolved`): it stays at the end of its resolution, after the recitals.
    resolving: bool,
}

/// What a real text's description and body are, as byte ranges of its text.
#[derive(Debug, Clone)]
struct Template {
    text: String,
    resolution: bool,
    id: Option<Range<usize>>,
    version_num: Option<Range<usize>>,
    history: Option<Range<usize>>,
    info: Option<Range<usize>>,
    authors: Option<Range<usize>>,
    /// From the first block to the end of the last: replaced by the synthetic blocks.
    body: Range<usize>,
    /// A resolution's own resolving clauses (indices in the pool of recitals and clauses).
    resolved: Vec<usize>,
    subject: String,
}

/// Words of the text nodes in `range` of `text` that can be swapped without touching markup: runs of
/// lowercase ASCII letters, four or more, that are not an entity's name.
fn words_in(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut i = range.start;
    while i < range.end {
        if b[i].is_ascii_lowercase() {
            let s = i;
            while i < range.end && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let whole = b[s..i].iter().all(u8::is_ascii_lowercase);
            let after_word = s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'&' | b'#'));
            let entity = i < b.len() && b[i] == b';';
            if whole && !after_word && !entity && i - s >= 4 {
                out.push(s..i);
            }
        } else {
            i += 1;
        }
    }
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The range of an element's text (its first text child), for a one-value element such as `caml:Id`.
fn text_range(n: Option<roxmltree::Node<'_, '_>>) -> Option<Range<usize>> {
    n?.children().find(|c| c.is_text()).map(|t| t.range())
}

/// Read a sample CAML text into its template and its blocks.
fn template(text: &str) -> Option<(Template, Vec<Block>)> {
    let doc = roxmltree::Document::parse(text).ok()?;
    let root = doc.root_element();
    let desc = child(root, "Description")?;
    let (body, resolution) = match child(root, "Bill") {
        Some(b) => (b, false),
        None => (child(root, "Resolution")?, true),
    };
    // A bill's sections; a resolution's recitals and resolving clauses (which a reader reads from).
    let kinds: &[&str] = if resolution {
        &["Whereas", "Resolved"]
    } else {
        &["BillSection"]
    };
    let nodes: Vec<_> = body
        .children()
        .filter(|c| c.is_element() && kinds.contains(&c.tag_name().name()))
        .collect();
    let (first, last) = (nodes.first()?, nodes.last()?);
    let mut blocks = Vec::new();
    for n in &nodes {
        let r = n.range();
        let mut words = Vec::new();
        for t in n.descendants().filter(|d| d.is_text()) {
            words_in(text, t.range(), &mut words);
        }
        blocks.push(Block {
            raw: text[r.clone()].to_string(),
            num: text_range(child(*n, "Num")).map(|x| x.start - r.start..x.end - r.start),
            words: words.into_iter().map(|w| w.start - r.start..w.end - r.start).collect(),
            resolving: n.tag_name().name() == "Resolved",
        });
    }
    let subject = child(desc, "GeneralSubject")
        .and_then(|g| child(g, "Subject"))
        .and_then(|s| s.text())
        .unwrap_or("Synthetic measure.")
        .to_string();
    Some((
        Template {
            text: text.to_string(),
            resolution,
            id: text_range(child(desc, "Id")),
            version_num: text_range(child(desc, "VersionNum")),
            history: child(desc, "History").map(|n| n.range()),
            info: child(desc, "LegislativeInfo").map(|n| n.range()),
            authors: child(desc, "Authors").map(|n| n.range()),
            body: first.range().start..last.range().end,
            resolved: Vec::new(),
            subject,
        },
        blocks,
    ))
}

/// A block in a version: which block, and its swapped words (word index, vocabulary index).
#[derive(Debug, Clone)]
struct Piece {
    block: usize,
    swaps: Vec<(usize, usize)>,
}

/// A version's stage, as BILL_VERSION_TBL's `action` and the id's suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Introduced,
    Amended { senate: bool },
    Enrolled,
    Chaptered,
}

impl Step {
    fn action(self) -> &'static str {
        match self {
            Step::Introduced => "Introduced",
            Step::Amended { senate: true } => "Amended Senate",
            Step::Amended { senate: false } => "Amended Assembly",
            Step::Enrolled => "Enrolled",
            Step::Chaptered => "Chaptered",
        }
    }
    fn state(self) -> &'static str {
        match self {
            Step::Introduced => "INT",
            Step::Amended { .. } => "AMD",
            Step::Enrolled => "ENR",
            Step::Chaptered => "CHP",
        }
    }
}

/// A synthetic measure: who it is and what its versions are, before any text is written.
#[derive(Debug, Clone)]
struct Measure {
    kind: &'static str,
    number: usize,
    senate: bool,
    template: usize,
    /// (house, name) of the lead author, then the coauthors.
    authors: Vec<(String, String)>,
    versions: Vec<Version>,
}

#[derive(Debug, Clone)]
struct Version {
    step: Step,
    day: usize,
    pieces: Vec<Piece>,
    /// How many of the measure's authors this version lists (coauthors join as it is amended).
    authors: usize,
}

/// One table row per line, or a text, named as in the dump.
pub type File = (String, Vec<u8>);

/// The rows and texts of one measure (or, in a daily dump, of what changed in it).
#[derive(Debug, Clone, Default)]
struct Rows {
    bill: Vec<String>,
    versions: Vec<String>,
    authors: Vec<String>,
}

/// A session to generate: the sample, read into templates and pools of blocks and words.
#[derive(Debug, Clone)]
pub struct Session {
    seed: u64,
    size: Size,
    bills: Vec<Template>,
    resolutions: Vec<Template>,
    sections: Vec<Block>,
    recitals: Vec<Block>,
    vocabulary: Vec<String>,
    /// (house, name) of the sample's authors.
    legislators: Vec<(String, String)>,
    /// The sample's LAW_SECTION_TBL rows, each with its text's template.
    law: Vec<(Vec<Option<String>>, Block)>,
    codes_table: String,
}

impl Session {
    /// A session of `size` made from `sample`; an error names what the sample lacks.
    pub fn new(sample: &Sample, seed: u64, size: Size) -> Result<Session, String> {
        let (mut bills, mut resolutions, mut sections, mut recitals) = (vec![], vec![], vec![], vec![]);
        for text in &sample.bill_texts {
            let Some((mut t, blocks)) = template(text) else {
                continue;
            };
            let (templates, pool) = if t.resolution {
                (&mut resolutions, &mut recitals)
            } else {
                (&mut bills, &mut sections)
            };
            for b in blocks {
                if b.resolving {
                    t.resolved.push(pool.len());
                }
                pool.push(b);
            }
            templates.push(t);
        }
        if bills.is_empty() || resolutions.is_empty() {
            return Err("the sample needs a bill with bill sections and a resolution with recitals".into());
        }
        let mut vocabulary = BTreeSet::new();
        for b in sections.iter().chain(&recitals) {
            for w in &b.words {
                vocabulary.insert(b.raw[w.clone()].to_string());
            }
        }
        let mut legislators = Vec::new();
        for r in sample_rows(&sample.authors_table) {
            if let (Some(Some(house)), Some(Some(name))) = (r.get(2), r.get(3)) {
                let a = (house.clone(), name.clone());
                if !legislators.contains(&a) {
                    legislators.push(a);
                }
            }
        }
        if !legislators.iter().any(|(h, _)| h == "SENATE") || !legislators.iter().any(|(h, _)| h == "ASSEMBLY") {
            return Err("the sample needs authors of both houses".into());
        }
        let mut law = Vec::new();
        for r in sample_rows(&sample.law_table) {
            let Some(Some(lob)) = r.get(14) else { continue };
            let Some((_, text)) = sample.law_texts.iter().find(|(n, _)| n == lob) else {
                continue;
            };
            let Ok(doc) = roxmltree::Document::parse(text) else {
                continue;
            };
            let mut words = Vec::new();
            for t in doc.descendants().filter(|d| d.is_text()) {
                words_in(text, t.range(), &mut words);
            }
            if r.len() == 18 {
                law.push((
                    r,
                    Block {
                        raw: text.clone(),
                        num: None,
                        words,
                        resolving: false,
                    },
                ));
            }
        }
        if law.is_empty() && size.sections_per_measure > 0 {
            return Err("the sample has no LAW_SECTION_TBL row with its text".into());
        }
        Ok(Session {
            seed,
            size,
            bills,
            resolutions,
            sections,
            recitals,
            vocabulary: vocabulary.into_iter().collect(),
            legislators,
            law,
            codes_table: sample.codes_table.clone(),
        })
    }

    /// Swap about one word in `per` of a block's words (at least one).
    fn swaps(&self, rng: &mut Rng, block: &Block, per: usize) -> Vec<(usize, usize)> {
        let n = (block.words.len() / per.max(1)).max(1).min(block.words.len());
        (0..n)
            .map(|_| (rng.below(block.words.len()), rng.below(self.vocabulary.len())))
            .collect()
    }

    /// Measure `i` with `versions` versions: the first `size.versions` are the session's, a further one is
    /// what a daily dump brings.
    fn measure(&self, i: usize, versions: usize) -> Measure {
        let mut rng = Rng::new(self.seed ^ (i as u64).wrapping_mul(0x9E37_79B9) ^ 0x5EED);
        // About one measure in ten is a resolution, as in a real session; AB and SB alternate.
        let kind = match i % 20 {
            9 => "ACR",
            19 => "SJR",
            r if r % 2 == 0 => "AB",
            _ => "SB",
        };
        let resolution = kind.ends_with('R');
        let senate = kind.starts_with('S');
        let number = if resolution { i / 20 + 1 } else { i / 2 + 1 };
        let (templates, pool) = if resolution {
            (self.resolutions.len(), &self.recitals)
        } else {
            (self.bills.len(), &self.sections)
        };
        let template = rng.below(templates);
        let house = if senate { "SENATE" } else { "ASSEMBLY" };
        let of_house: Vec<&(String, String)> = self.legislators.iter().filter(|(h, _)| h == house).collect();
        let mut authors = vec![of_house[rng.below(of_house.len())].clone()];
        for _ in 0..rng.below(4) {
            let a = self.legislators[rng.below(self.legislators.len())].clone();
            if !authors.contains(&a) {
                authors.push(a);
            }
        }
        // A coauthor who joins when the measure is first amended (unless already one).
        let first = authors.len();
        let joins = self.legislators[rng.below(self.legislators.len())].clone();
        if !authors.contains(&joins) {
            authors.push(joins);
        }
        // The blocks a measure is made of: bill sections, or recitals (its resolving clauses follow them).
        let free: Vec<usize> = (0..pool.len()).filter(|&b| !pool[b].resolving).collect();
        let n = if resolution {
            2 + rng.below(6)
        } else {
            3 + rng.below(10)
        };
        let mut pieces: Vec<Piece> = (0..n)
            .map(|_| {
                let block = free[rng.below(free.len())];
                Piece {
                    block,
                    swaps: self.swaps(&mut rng, &pool[block], 25),
                }
            })
            .collect();
        if resolution {
            for &block in &self.resolutions[template].resolved {
                let swaps = self.swaps(&mut rng, &pool[block], 25);
                pieces.push(Piece { block, swaps });
            }
        }
        let last = match i % 3 {
            0 => Step::Chaptered,
            1 => Step::Enrolled,
            _ => Step::Amended { senate: !senate },
        };
        let start = 5 + i % 40;
        let mut out = Vec::new();
        for k in 0..versions {
            let step = if k == 0 {
                Step::Introduced
            } else if k + 1 == self.size.versions {
                last
            } else if k >= self.size.versions {
                // A daily dump's version (of a measure still being amended): amended again.
                Step::Amended { senate: !senate }
            } else {
                // Amended first in the house of origin, then in the other.
                Step::Amended {
                    senate: (k % 2 == 1) == senate,
                }
            };
            if k > 0 {
                // A few more words change; now and then a section comes in or goes.
                // One in the last block, so the text a reader reads changes (a resolution is read from its
                // resolving clauses, the last blocks).
                for j in 0..8 {
                    let p = if j == 0 {
                        pieces.len() - 1
                    } else {
                        rng.below(pieces.len())
                    };
                    let b = &pool[pieces[p].block];
                    if !b.words.is_empty() {
                        let swap = (rng.below(b.words.len()), rng.below(self.vocabulary.len()));
                        pieces[p].swaps.push(swap);
                    }
                }
                // Sections and recitals, not resolving clauses, come and go.
                let movable = pieces.iter().take_while(|p| !pool[p.block].resolving).count();
                match rng.below(4) {
                    0 if movable > 2 => {
                        pieces.remove(rng.below(movable));
                    }
                    1 => {
                        let block = free[rng.below(free.len())];
                        let swaps = self.swaps(&mut rng, &pool[block], 25);
                        pieces.insert(rng.below(movable + 1), Piece { block, swaps });
                    }
                    _ => {}
                }
            }
            out.push(Version {
                step,
                day: start + 45 * k + rng.below(7),
                pieces: pieces.clone(),
                authors: if k == 0 { first } else { authors.len() },
            });
        }
        Measure {
            kind,
            number,
            senate,
            template,
            authors,
            versions: out,
        }
    }

    fn bill_id(&self, m: &Measure) -> String {
        format!("{}{}0{}{}", self.size.year, self.size.year + 1, m.kind, m.number)
    }

    fn version_id(&self, m: &Measure, k: usize) -> String {
        format!(
            "{}0{}{}{}{}",
            self.size.year,
            m.kind,
            m.number,
            99 - k,
            m.versions[k].step.state()
        )
    }

    /// The `.lob` of measure `i`'s version `k`.
    fn version_lob(i: usize, k: usize) -> String {
        format!("BILL_VERSION_TBL_{}.lob", 1000 + i * 100 + k)
    }

    fn trans_update(&self, day: usize) -> String {
        format!("{} 18:{:02}:{:02}", date(self.size.year, day), day % 60, (day * 7) % 60)
    }

    /// The CAML text of version `k` of `m`.
    fn caml(&self, m: &Measure, k: usize) -> String {
        let v = &m.versions[k];
        let (t, pool) = if matches!(m.kind, "ACR" | "SCR" | "AJR" | "SJR") {
            (&self.resolutions[m.template], &self.recitals)
        } else {
            (&self.bills[m.template], &self.sections)
        };
        let year = self.size.year;
        let mut splices: Vec<(Range<usize>, String)> = Vec::new();
        if let Some(r) = &t.id {
            splices.push((r.clone(), self.version_id(m, k)));
        }
        if let Some(r) = &t.version_num {
            splices.push((r.clone(), (99 - k).to_string()));
        }
        if let Some(r) = &t.history {
            let mut actions: Vec<(&str, String)> = Vec::new();
            let passed = |senate: bool| if senate { "PASSED_SENATE" } else { "PASSED_ASSEMBLY" };
            for w in &m.versions[..=k] {
                let d = date(year, w.day);
                match w.step {
                    Step::Introduced => actions.push(("INTRODUCED", d)),
                    Step::Amended { senate } => {
                        actions.push((if senate { "AMENDED_SENATE" } else { "AMENDED_ASSEMBLY" }, d));
                    }
                    Step::Enrolled | Step::Chaptered => {
                        // Passed by the house of origin, then the other, before it is enrolled.
                        let before = date(year, w.day.saturating_sub(3));
                        actions.push((passed(m.senate), before.clone()));
                        actions.push((passed(!m.senate), before));
                        if w.step == Step::Enrolled {
                            actions.push(("ENROLLED", d));
                        } else {
                            actions.push(("APPROVED", d.clone()));
                            actions.push(("FILED", d));
                        }
                    }
                }
            }
            let mut h = String::from("<caml:History>");
            for (what, d) in actions.iter().rev() {
                h.push_str(&format!(
                    "\n      <caml:Action>\n        <caml:ActionText>{what}</caml:ActionText>\n        <caml:ActionDate>{d}</caml:ActionDate>\n      </caml:Action>"
                ));
            }
            h.push_str("\n    </caml:History>");
            splices.push((r.clone(), h));
        }
        if let Some(r) = &t.info {
            let mut s = format!(
                "<caml:LegislativeInfo>\n      <caml:SessionYear>{year}</caml:SessionYear>\n      <caml:SessionNum>0</caml:SessionNum>\n      <caml:MeasureType>{}</caml:MeasureType>\n      <caml:MeasureNum>{}</caml:MeasureNum>\n      <caml:MeasureState>{}</caml:MeasureState>",
                m.kind,
                m.number,
                v.step.state()
            );
            if v.step == Step::Chaptered {
                let ch = if t.resolution { "CHR" } else { "CHP" };
                s.push_str(&format!(
                    "\n      <caml:ChapterYear>{year}</caml:ChapterYear>\n      <caml:ChapterType>{ch}</caml:ChapterType>\n      <caml:ChapterSessionNum>0</caml:ChapterSessionNum>\n      <caml:ChapterNum>{}</caml:ChapterNum>",
                    m.number
                ));
            }
            s.push_str("\n    </caml:LegislativeInfo>");
            splices.push((r.clone(), s));
        }
        if let Some(r) = &t.authors {
            let mut s = String::from("<caml:Authors>");
            for (j, (house, name)) in m.authors[..v.authors].iter().enumerate() {
                let role = if j == 0 { "LEAD_AUTHOR" } else { "COAUTHOR" };
                s.push_str(&format!(
                    "\n      <caml:Legislator>\n        <caml:Contribution>{role}</caml:Contribution>\n        <caml:House>{house}</caml:House>\n        <caml:Name>{}</caml:Name>\n      </caml:Legislator>",
                    esc(name)
                ));
            }
            s.push_str("\n    </caml:Authors>");
            splices.push((r.clone(), s));
        }
        let mut body = String::new();
        for (n, p) in v.pieces.iter().enumerate() {
            if n > 0 {
                body.push_str("\n    ");
            }
            let b = &pool[p.block];
            let mut edits: Vec<(Range<usize>, &str)> = p
                .swaps
                .iter()
                .map(|&(w, x)| (b.words[w].clone(), self.vocabulary[x].as_str()))
                .collect();
            let num = if n == 0 {
                "SECTION 1.".to_string()
            } else {
                format!("SEC. {}.", n + 1)
            };
            if let Some(r) = &b.num {
                edits.push((r.clone(), num.as_str()));
            }
            body.push_str(&splice(&b.raw, edits));
        }
        splices.push((t.body.clone(), body));
        splice(&t.text, splices.iter().map(|(r, s)| (r.clone(), s.as_str())).collect())
    }

    fn rows(&self, i: usize, m: &Measure, ks: Range<usize>, rows: &mut Rows, files: &mut dyn FnMut(File)) {
        let bill_id = self.bill_id(m);
        let latest = m.versions.len() - 1;
        let last = &m.versions[latest];
        let chaptered = last.step == Step::Chaptered;
        let resolution = matches!(m.kind, "ACR" | "SCR" | "AJR" | "SJR");
        let ch = |s: &str| if chaptered { q(s) } else { "NULL".to_string() };
        rows.bill.push(
            [
                q(&bill_id),
                q(&format!("{}{}", self.size.year, self.size.year + 1)),
                q("0"),
                q(m.kind),
                m.number.to_string(),
                q(last.step.action()),
                ch(&self.size.year.to_string()),
                ch(if resolution { "CHR" } else { "CHP" }),
                ch("0"),
                ch(&m.number.to_string()),
                q(&self.version_id(m, latest)),
                q("Y"),
                q("LEG_ESI"),
                self.trans_update(last.day),
                "NULL".into(),
                "NULL".into(),
                "NULL".into(),
                "NULL".into(),
                "NULL".into(),
            ]
            .join("\t"),
        );
        let subject = if resolution {
            &self.resolutions[m.template].subject
        } else {
            &self.bills[m.template].subject
        };
        for k in ks {
            let v = &m.versions[k];
            let id = self.version_id(m, k);
            let lob = Self::version_lob(i, k);
            let mut fields = vec![
                q(&id),
                q(&bill_id),
                (99 - k).to_string(),
                format!("{} 00:00:00", date(self.size.year, v.day)),
                q(v.step.action()),
                "NULL".into(),
                q(subject),
            ];
            fields.extend(std::iter::repeat_n("NULL".to_string(), 7));
            fields.extend([lob.clone(), q("Y"), q("LEG_ESI"), self.trans_update(v.day)]);
            rows.versions.push(fields.join("\t"));
            for (j, (house, name)) in m.authors[..v.authors].iter().enumerate() {
                let role = if j == 0 { "LEAD_AUTHOR" } else { "COAUTHOR" };
                rows.authors.push(
                    [
                        q(&id),
                        q("Legislator"),
                        q(house),
                        q(name),
                        q(role),
                        "NULL".into(),
                        q("Y"),
                        q("LEG_ESI"),
                        self.trans_update(v.day),
                        q(if j == 0 { "Y" } else { "N" }),
                    ]
                    .join("\t"),
                );
            }
            files((lob, self.caml(m, k).into_bytes()));
        }
    }

    /// Code section `k` (0-based), in its `revision` (0 in the session dump; a daily dump's new text is 1).
    fn section(&self, k: usize, revision: usize, files: &mut dyn FnMut(File)) -> String {
        let (row, block) = &self.law[k % self.law.len()];
        let mut rng = Rng::new(self.seed ^ (k as u64).wrapping_mul(0xC2B2_AE35) ^ 0x1A3);
        let mut swaps = if block.words.is_empty() {
            vec![]
        } else {
            self.swaps(&mut rng, block, 20)
        };
        for _ in 0..revision * 3 {
            if !block.words.is_empty() {
                swaps.push((rng.below(block.words.len()), rng.below(self.vocabulary.len())));
            }
        }
        let edits = swaps
            .iter()
            .map(|&(w, x)| (block.words[w].clone(), self.vocabulary[x].as_str()))
            .collect();
        let text = splice(&block.raw, edits);
        let lob = format!("LAW_SECTION_TBL_{}.lob", k + 1);
        files((lob.clone(), text.into_bytes()));
        let f = |i: usize| row.get(i).cloned().flatten();
        let code = f(1).unwrap_or_else(|| "EDC".into());
        let num = format!("{}.", 100_000 + k);
        let (statutes, chapter, section) = (f(3), f(4), f(5));
        let id = format!(
            "{code}{num}{}{}{}",
            statutes.as_deref().unwrap_or(""),
            chapter.as_deref().unwrap_or(""),
            section.as_deref().unwrap_or("")
        );
        let day = 200 + revision * 30 + k % 30;
        let mut fields = vec![
            q(&id),
            q(&code),
            q(&num),
            qn(statutes.as_deref()),
            qn(chapter.as_deref()),
            qn(section.as_deref()),
            f(6).unwrap_or_else(|| "NULL".into()),
            q(&format!("id_{:08x}-{:04x}-synth", k, revision)),
        ];
        fields.extend((8..14).map(|i| qn(f(i).as_deref())));
        fields.extend([lob, q("Y"), q("LEG_ESI"), self.trans_update(day)]);
        fields.join("\t")
    }

    /// The session dump: every `.lob`, then the tables, each handed to `files` once.
    pub fn dump(&self, files: &mut dyn FnMut(File)) {
        let mut rows = Rows::default();
        for i in 0..self.size.measures {
            let m = self.measure(i, self.size.versions);
            self.rows(i, &m, 0..self.size.versions, &mut rows, files);
        }
        let sections: Vec<String> = (0..self.size.measures * self.size.sections_per_measure)
            .map(|k| self.section(k, 0, files))
            .collect();
        self.tables(rows, sections, files);
    }

    /// A daily dump of the same session: a new version of `n` measures (spread through the session, among
    /// those not yet enrolled or chaptered) and a new text of `n` code sections.
    pub fn daily(&self, n: usize, files: &mut dyn FnMut(File)) {
        let mut rows = Rows::default();
        let amended: Vec<usize> = (0..self.size.measures).filter(|i| i % 3 == 2).collect();
        let step = (amended.len() / n.max(1)).max(1);
        for &i in amended.iter().step_by(step).take(n) {
            let m = self.measure(i, self.size.versions + 1);
            self.rows(i, &m, self.size.versions..self.size.versions + 1, &mut rows, files);
        }
        let total = self.size.measures * self.size.sections_per_measure;
        let step = (total / n.max(1)).max(1);
        let sections: Vec<String> = (0..total)
            .step_by(step)
            .take(n)
            .map(|k| self.section(k, 1, files))
            .collect();
        self.tables(rows, sections, files);
    }

    fn tables(&self, rows: Rows, sections: Vec<String>, files: &mut dyn FnMut(File)) {
        let table = |rows: Vec<String>| {
            let mut s = rows.join("\n");
            if !s.is_empty() {
                s.push('\n');
            }
            s.into_bytes()
        };
        files(("BILL_TBL.dat".into(), table(rows.bill)));
        files(("BILL_VERSION_TBL.dat".into(), table(rows.versions)));
        files(("BILL_VERSION_AUTHORS_TBL.dat".into(), table(rows.authors)));
        if !sections.is_empty() {
            files(("LAW_SECTION_TBL.dat".into(), table(sections)));
            files(("CODES_TBL.dat".into(), self.codes_table.clone().into_bytes()));
        }
    }
}

/// `text` with each range replaced (ranges do not overlap; a range that would is left out).
fn splice(text: &str, mut edits: Vec<(Range<usize>, &str)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (r, s) in edits {
        if r.start < at {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(s);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}
