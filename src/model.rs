//! The bill model: plain data that every later stage reads.
//!
//! A [`Bill`] is one version of a bill as published: its header metadata (measure, session, the version
//! history printed at the top of the page, authors, title), the Legislative Counsel's Digest kept apart
//! from the operative text, and the body as a tree of [`Provision`]s.
//!
//! Every provision has a stable, citable [`Provision::path`] (`22602(e)(1)(B)(i)(II)`, `SEC. 2(a)`), its own
//! text (without its label and without its children) and a [`Span`] into the bill's normalized body text
//! ([`Body::text`]). The spans of all provisions tile the body text exactly: every byte belongs to exactly
//! one provision. That invariant is what lets later stages (terms, redlines, search snippets) point back at
//! the text without re-parsing it.
//!
//! The model is deliberately dumb: no parsing, no formatting, no I/O. It is built by `parse` from what
//! `ingest` read, and read by everything else.

pub mod letter;
pub mod proposal;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// One version of a bill, parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bill {
    /// What the text is: a bill, an act, code text, a fragment.
    #[serde(default)]
    pub kind: DocumentKind,
    /// The drafting style it was read in (`ca`, `tx`, `eu`; see `parse::style`).
    #[serde(default = "default_style")]
    pub style: String,
    /// Header metadata as printed on the bill (or supplied by a manifest).
    pub meta: BillMeta,
    /// The Legislative Counsel's Digest, when the source carries one. Not operative text.
    pub digest: Option<Digest>,
    /// The operative text: bill sections and everything inside them.
    pub body: Body,
    /// Things the parser noticed but could resolve (an unexpected label order, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ParseWarning>,
}

fn default_style() -> String {
    "ca".to_string()
}

/// What kind of legal text a document is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A bill (or a session law): the bill's own sections, which may add or amend law.
    #[default]
    Bill,
    /// An enacted act read as its own sections or articles (an EU regulation, a UK Act).
    Act,
    /// Sections of a code with no bill around them: current law.
    Code,
    /// Part of a law with no section around it: a definitions list, a run of subdivisions.
    Fragment,
}

impl DocumentKind {
    /// Its id in JSON and messages: `bill`, `act`, `code`, `fragment`.
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::Bill => "bill",
            DocumentKind::Act => "act",
            DocumentKind::Code => "code",
            DocumentKind::Fragment => "fragment",
        }
    }
}

/// Header metadata of a bill version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BillMeta {
    /// Jurisdiction code, e.g. `ca`.
    pub jurisdiction: Option<String>,
    /// The measure, e.g. `SB 1047`.
    pub measure: Option<Measure>,
    /// The session as printed, e.g. `2023–2024 Regular Session`.
    pub session: Option<String>,
    /// The version history as printed in the header, newest first (as leginfo prints it).
    pub history: Vec<HistoryEntry>,
    /// The author line, e.g. `Senator Wiener`.
    pub authors: Vec<String>,
    /// Coauthors as printed, e.g. `Senators Roth, Rubio, and Stern`.
    pub coauthors: Vec<String>,
    /// The title: "An act to add ...".
    pub title: Option<String>,
    /// The short subject from the digest heading, e.g. `Safe and Secure Innovation ... Act.`
    pub subject: Option<String>,
    /// Chapter number in the statutes, for chaptered bills (`138`).
    pub chapter: Option<String>,
}

impl BillMeta {
    /// The stage and date of the version this text is: the newest entry of the history.
    pub fn current(&self) -> Option<&HistoryEntry> {
        self.history.first()
    }
}

/// A measure: house of origin and number, with the year where the designation carries one (Colorado's
/// `SB 24-205`, the EU's `Regulation (EU) 2024/1689`) and a version suffix (New York's `A 1646-A`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    /// `SB`, `AB`, `SCR`, `HB`, `H.R.`, `Regulation (EU)`, ...
    pub kind: String,
    /// The bill number.
    pub number: u32,
    /// The year printed in the designation: `24` (`24-205`) or `2024` (`2024/1689`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
    /// A version suffix as printed after the number: `-A`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.kind)?;
        match self.year.as_deref() {
            Some(y) if y.len() == 4 => write!(f, "{y}/")?,
            Some(y) => write!(f, "{y}-")?,
            None => {}
        }
        write!(f, "{}{}", self.number, self.suffix.as_deref().unwrap_or(""))
    }
}

/// One line of the version history ("Amended IN Assembly August 22, 2024").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// What happened.
    pub stage: Stage,
    /// Where, when the line names a house.
    pub house: Option<House>,
    /// When.
    pub date: Date,
}

/// The stages printed in a bill's version history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// First printed version.
    Introduced,
    /// Amended in a house.
    Amended,
    /// Passed a house.
    Passed,
    /// Passed both houses and sent to the Governor.
    Enrolled,
    /// Signed into law and given a chapter number.
    Chaptered,
    /// "Approved by Governor".
    Approved,
    /// "Filed with Secretary of State".
    Filed,
    /// Returned without signature.
    Vetoed,
}

impl Stage {
    /// Its id in manifests and version ids: `enrolled`, `chaptered`, ...
    pub fn id(self) -> &'static str {
        match self {
            Stage::Introduced => "introduced",
            Stage::Amended => "amended",
            Stage::Passed => "passed",
            Stage::Enrolled => "enrolled",
            Stage::Chaptered => "chaptered",
            Stage::Approved => "approved",
            Stage::Filed => "filed",
            Stage::Vetoed => "vetoed",
        }
    }

    /// The stage's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Introduced => "Introduced",
            Stage::Amended => "Amended",
            Stage::Passed => "Passed",
            Stage::Enrolled => "Enrolled",
            Stage::Chaptered => "Chaptered",
            Stage::Approved => "Approved by Governor",
            Stage::Filed => "Filed with Secretary of State",
            Stage::Vetoed => "Vetoed",
        }
    }
}

/// A legislative house.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum House {
    /// The Senate.
    Senate,
    /// The Assembly.
    Assembly,
}

impl House {
    /// The house's name.
    pub fn as_str(self) -> &'static str {
        match self {
            House::Senate => "Senate",
            House::Assembly => "Assembly",
        }
    }
}

/// A calendar date. Serialized as ISO 8601 (`2024-09-03`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date, if the fields make one.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=12).contains(&month) && (1..=31).contains(&day) && year >= 1800;
        ok.then_some(Date { year, month, day })
    }

    /// Parse `2024-09-03`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }

    /// The long form used in bills: `September 3, 2024`.
    pub fn long(&self) -> String {
        format!("{} {}, {}", MONTHS[usize::from(self.month) - 1], self.day, self.year)
    }

    /// The civil (proleptic Gregorian) date `days` days after 1970-01-01, as the system clock counts them:
    /// how the edges that read the clock (an upload's date, the current session) turn it into a date.
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date::new(year, month, day).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }

    /// Month number for an English month name (any case), 1-based.
    pub fn month_from_name(name: &str) -> Option<u8> {
        MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(name))
            .and_then(|i| u8::try_from(i + 1).ok())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(NotADate(s)))
    }
}

/// A string that was to be a date and is not one: the error a date field's deserializer reports (worded by
/// `render::error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADate(pub String);

/// The Legislative Counsel's Digest: a summary, not operative text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// The digest's paragraphs, normalized, in order (the subject line is in [`BillMeta::subject`]).
    pub paragraphs: Vec<String>,
    /// The digest key ("Vote: MAJORITY ...") as printed, when present.
    pub key: Option<String>,
}

/// The operative text of the bill.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// The normalized body text. Provision spans index into it. Paragraphs are separated by `\n`.
    pub text: String,
    /// The top-level provisions: bill sections, in order.
    pub provisions: Vec<Provision>,
    /// Path → provision and parent table, built on the first lookup (the tree is not edited once built).
    #[serde(skip)]
    lookup: Lookup,
}

impl Body {
    /// A body of `text` whose provisions are `provisions`.
    pub fn new(text: String, provisions: Vec<Provision>) -> Body {
        Body {
            text,
            provisions,
            lookup: Lookup::default(),
        }
    }

    /// All provisions in document order (pre-order walk of the tree).
    pub fn walk(&self) -> Walk<'_> {
        Walk {
            stack: self.provisions.iter().rev().collect(),
        }
    }

    /// A provision's text with everything below it, as the body lays it out (its paragraph breaks where the
    /// text has them; [`Provision::full_text`] puts each provision on a line of its own instead).
    pub fn text_of(&self, p: &Provision) -> &str {
        let mut last = p;
        while let Some(l) = last.children.last() {
            last = l;
        }
        let (start, end) = (p.span.start, last.span.end.max(p.span.end));
        self.text.get(start..end).unwrap_or_default().trim_end()
    }

    /// The provision at `path`, if any (the first in document order when a path repeats).
    pub fn find(&self, path: &str) -> Option<&Provision> {
        let slots = self.slots(path)?;
        let mut nodes = &self.provisions;
        let mut found = None;
        for s in slots {
            let p = &nodes[s];
            nodes = &p.children;
            found = Some(p);
        }
        found
    }

    /// The provision at `path` and its ancestors, outermost first.
    pub fn lineage(&self, path: &str) -> Option<Vec<&Provision>> {
        let slots = self.slots(path)?;
        let mut nodes = &self.provisions;
        let mut out = Vec::with_capacity(slots.len());
        for s in slots {
            let p = &nodes[s];
            nodes = &p.children;
            out.push(p);
        }
        Some(out)
    }

    /// The child positions leading from the top level down to `path`'s provision.
    fn slots(&self, path: &str) -> Option<Vec<usize>> {
        let table = self.lookup.0.get_or_init(|| Table::of(&self.provisions));
        let mut at = *table.by_path.get(path)?;
        let mut slots = Vec::new();
        loop {
            let n = table.nodes[at as usize];
            slots.push(n.slot as usize);
            if n.parent == u32::MAX {
                break;
            }
            at = n.parent;
        }
        slots.reverse();
        Some(slots)
    }
}

/// The lazily built lookup table of a [`Body`]; equal to every other (it is derived from the tree).
#[derive(Clone, Default)]
struct Lookup(std::sync::OnceLock<Table>);

impl PartialEq for Lookup {
    fn eq(&self, _: &Lookup) -> bool {
        true
    }
}

impl fmt::Debug for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Lookup")
    }
}

/// Every provision in document order: its parent and its position among its siblings; paths indexed.
#[derive(Debug, Clone)]
struct Table {
    nodes: Vec<Node>,
    by_path: std::collections::HashMap<String, u32>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The parent's index in [`Table::nodes`]; `u32::MAX` at the top level.
    parent: u32,
    /// The position among the parent's children.
    slot: u32,
}

impl Table {
    fn of(top: &[Provision]) -> Table {
        let mut table = Table {
            nodes: Vec::new(),
            by_path: std::collections::HashMap::new(),
        };
        // Pre-order with an explicit stack: (provision, parent index, slot).
        let mut stack: Vec<(&Provision, u32, u32)> = top
            .iter()
            .enumerate()
            .rev()
            .map(|(i, p)| (p, u32::MAX, i as u32))
            .collect();
        while let Some((p, parent, slot)) = stack.pop() {
            let me = table.nodes.len() as u32;
            table.nodes.push(Node { parent, slot });
            table.by_path.entry(p.path.clone()).or_insert(me);
            stack.extend(p.children.iter().enumerate().rev().map(|(i, c)| (c, me, i as u32)));
        }
        table
    }
}

/// Pre-order iterator over a provision tree.
pub struct Walk<'a> {
    stack: Vec<&'a Provision>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = &'a Provision;
    fn next(&mut self) -> Option<&'a Provision> {
        let p = self.stack.pop()?;
        self.stack.extend(p.children.iter().rev());
        Some(p)
    }
}

/// What a provision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    /// A section of the bill: `SECTION 1.`, `SEC. 2.`, `NEW SECTION. Sec. 3.`
    BillSection,
    /// A container heading: `CHAPTER 22.6. ...`, `SUBCHAPTER A.`, a bill's `TITLE I—`, an EU `ANNEX III`.
    Heading,
    /// A section of law: a code section (`22602.`, `Sec. 551.001.`, `§ 1420.`), an EU article, a UK Act's
    /// section.
    CodeSection,
    /// The first labeled level: `(a)` in California (the names of the labeled kinds are California's; each
    /// drafting style names its levels, see `parse::style`).
    Subdivision,
    /// `(1)`
    Paragraph,
    /// `(A)`
    Subparagraph,
    /// `(i)`
    Clause,
    /// `(I)`
    Subclause,
    /// `(aa)`: the federal item, the sixth labeled level.
    Item,
    /// `(AA)`: the federal subitem, the seventh.
    Subitem,
    /// An unlabeled paragraph that follows labeled ones inside a section.
    Text,
}

impl ProvisionKind {
    /// The word bills use for this level ("subdivision", "paragraph", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ProvisionKind::BillSection => "bill section",
            ProvisionKind::Heading => "heading",
            ProvisionKind::CodeSection => "section",
            ProvisionKind::Subdivision => "subdivision",
            ProvisionKind::Paragraph => "paragraph",
            ProvisionKind::Subparagraph => "subparagraph",
            ProvisionKind::Clause => "clause",
            ProvisionKind::Subclause => "subclause",
            ProvisionKind::Item => "item",
            ProvisionKind::Subitem => "subitem",
            ProvisionKind::Text => "text",
        }
    }

    /// Whether this kind is one of the labeled levels inside a section.
    pub fn is_labeled_level(self) -> bool {
        self.depth().is_some()
    }

    /// The labeled kind at a depth below a section (0 → `Subdivision`), the inverse of [`Self::depth`].
    pub fn labeled(depth: usize) -> Option<ProvisionKind> {
        [
            ProvisionKind::Subdivision,
            ProvisionKind::Paragraph,
            ProvisionKind::Subparagraph,
            ProvisionKind::Clause,
            ProvisionKind::Subclause,
            ProvisionKind::Item,
            ProvisionKind::Subitem,
        ]
        .get(depth)
        .copied()
    }

    /// A labeled level's depth below its section (0 for `(a)` in California, `(1)` in Colorado).
    pub fn depth(self) -> Option<usize> {
        Some(match self {
            ProvisionKind::Subdivision => 0,
            ProvisionKind::Paragraph => 1,
            ProvisionKind::Subparagraph => 2,
            ProvisionKind::Clause => 3,
            ProvisionKind::Subclause => 4,
            ProvisionKind::Item => 5,
            ProvisionKind::Subitem => 6,
            _ => return None,
        })
    }
}

/// A byte range `[start, end)` into [`Body::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span's length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One node of the provision tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provision {
    /// What this node is.
    pub kind: ProvisionKind,
    /// The stable, citable path: `22602(e)(1)(B)(i)(II)`, `SEC. 2(a)`, `Chapter 22.6`, `SEC. 6¶2`.
    pub path: String,
    /// The label as printed: `(e)`, `SEC. 3.`, `22602.`, `CHAPTER 22.6.`; empty for unlabeled text.
    pub label: String,
    /// The number or letter alone: `e`, `3`, `22602`, `22.6`.
    pub num: String,
    /// The provision's own text: without its label and without its children.
    pub text: String,
    /// Where the provision's own segment (label, text, trailing separator) lies in the body text.
    pub span: Span,
    /// For a bill section: what it does to which code, parsed from its action line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// The code this provision belongs to ("Business and Professions Code"), for code sections and below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Nested provisions, in order.
    pub children: Vec<Provision>,
}

impl Provision {
    /// Where the provision's own text starts in the body text (after its label and a space).
    pub fn text_start(&self) -> usize {
        let sep = usize::from(!self.label.is_empty() && !self.text.is_empty());
        self.span.start + self.label.len() + sep
    }

    /// Number of provisions below this one.
    pub fn descendants(&self) -> usize {
        self.children.iter().map(|c| 1 + c.descendants()).sum()
    }

    /// The provision's full text as it reads: its label and text, then its children's, one per line.
    pub fn full_text(&self) -> String {
        let mut out = String::new();
        self.write_full(&mut out);
        out
    }

    /// The provision's own line as it reads: its label, a space when both are there, and its text (the one
    /// rule for it: outlines, search documents and diffs all print it so).
    pub fn own_line(&self) -> String {
        let sep = if self.label.is_empty() || self.text.is_empty() {
            ""
        } else {
            " "
        };
        format!("{}{sep}{}", self.label, self.text)
    }

    fn write_full(&self, out: &mut String) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.own_line());
        for c in &self.children {
            c.write_full(out);
        }
    }
}

/// What a bill section does, parsed from its action line
/// ("Chapter 22.6 (commencing with Section 22602) is added to Division 8 of the Business and Professions Code, to read:").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Added, amended, repealed, ...
    pub verb: ActionVerb,
    /// What is acted on, as printed: `Chapter 22.6 (commencing with Section 22602)`, `Section 11547.6`.
    pub target: String,
    /// The code named, e.g. `Business and Professions Code`.
    pub code: Option<String>,
    /// Section numbers the target names (`22602` for a chapter commencing with it).
    pub sections: Vec<String>,
    /// Whether new text follows ("to read:").
    pub to_read: bool,
    /// Where inside the (one) section the action applies, outermost first, as numbered: `["26"]` for
    /// "Subdivision 26 of section 7-104", `["2", "a"]` for "Paragraph (a) of subdivision 2 of section …";
    /// empty when the whole section is acted on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
}

/// The verbs of action lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionVerb {
    /// "is added"
    Add,
    /// "is amended"
    Amend,
    /// "is repealed"
    Repeal,
    /// "is amended and renumbered"
    AmendAndRenumber,
    /// "is repealed and added"
    RepealAndAdd,
    /// "is amended by adding a new subdivision 9": new matter added inside an existing section.
    AmendByAdding,
}

/// Something the parser resolved by guessing, reported so a reader can check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseWarning {
    /// The provision concerned.
    pub path: String,
    /// What was odd. In JSON it is the field `message`, the words `render::notes::warning` gives it.
    #[serde(rename = "message")]
    pub kind: WarningKind,
}

/// What the parser guessed at. Serialized as its words (`render::notes`), so JSON output keeps the
/// `message` string it always had; read back, those words become [`WarningKind::Read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// A path seen before: this occurrence gets a `~N` path.
    Duplicate {
        /// The path as printed.
        path: String,
        /// The path this occurrence is cited as.
        cited_as: String,
    },
    /// A paragraph's first label does not follow the label before it; read at a level by guessing.
    OutOfSequence {
        /// The label token (`A`).
        label: String,
        /// The label it was expected to follow (`3`); `None` at the start of the section.
        after: Option<String>,
        /// The level it was read as (`Subparagraph`).
        read_as: String,
    },
    /// A label chained in a paragraph opens a level but is not that level's first label.
    NotFirstLabel {
        /// The label token.
        label: String,
    },
    /// A label chained in a paragraph cannot follow the one before it.
    CannotFollow {
        /// The label token.
        label: String,
    },
    /// A warning read back from JSON output: its words, as they were written.
    Read(String),
}

impl<'de> Deserialize<'de> for WarningKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WarningKind, D::Error> {
        String::deserialize(d).map(WarningKind::Read)
    }
}

/// The published forms billdiff reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// The bill page as saved from leginfo.legislature.ca.gov.
    Html,
    /// Plain text: paragraphs separated by blank lines, or one paragraph per line.
    Text,
    /// A Markdown transcription.
    Markdown,
    /// California's CAML XML (`caml:MeasureDoc`).
    Caml,
    /// A PDF with a text layer (Texas bill PDFs and other line-numbered prints).
    Pdf,
    /// United States Legislative Markup (USLM), the GPO's XML for bills and resolutions.
    Uslm,
    /// Akoma Ntoso 3.0 (OASIS LegalDocML), including the EU's AKN4EU profile.
    Akn,
    /// The UK's Crown Legislation Markup Language (legislation.gov.uk XML).
    Clml,
    /// The Washington State Legislature's bill XML.
    WaXml,
}

impl InputFormat {
    /// The format's name.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Html => "html",
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Caml => "caml",
            InputFormat::Pdf => "pdf",
            InputFormat::Uslm => "uslm",
            InputFormat::Akn => "akn",
            InputFormat::Clml => "clml",
            InputFormat::WaXml => "wa-xml",
        }
    }
}

/// Where an opened bill came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The file read.
    pub path: PathBuf,
    /// The form it was read as.
    pub format: InputFormat,
    /// The bill folder's id (`ca-sb1047`), when opened from one.
    pub bill: Option<String>,
    /// The version's id in the folder's manifest (`enrolled`).
    pub version: Option<String>,
    /// The official source URL from the manifest.
    pub url: Option<String>,
}

/// A defined term of one version, named by the scope it applies in and where it is defined: plain data
/// that the compare summary and a letter's concerns both point at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionRef {
    /// The term.
    pub term: String,
    /// Its scope's anchor (`Chapter 25.1`).
    pub scope: String,
    /// Where it is defined.
    pub location: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_are_civil_dates() {
        let d = |days| Date::from_days_since_epoch(days).to_string();
        assert_eq!(d(0), "1970-01-01");
        assert_eq!(d(11_016), "2000-02-29");
        assert_eq!(d(19_969), "2024-09-03");
    }
}
