//! Drafting styles as data.
//!
//! Legislatures number and word their texts differently: California's bill sections are `SEC. 2.` and its
//! code sections `22602.`; Texas prints `SECTION 1.` around `Sec. 551.001.`; New York opens subdivisions with
//! `1.` and sections with `§`; an EU regulation has `Article 3` and points `(1)`; a UK Act numbers its sections
//! `1 Interpretation`. The label ladders differ too: `(a)` is the first level in California and Texas, the
//! second in New York and Colorado. A [`Style`] declares all of that — section markers, container headings,
//! the ladder of labeled levels, scope words and measure designations — and one generic reader
//! (`structure`) and one scope resolver (`terms::scope`) use it. Nothing about a legislature is code.
//!
//! The built-in styles are TOML files in `src/parse/styles/`, embedded in the binary and checked into typed
//! [`Style`]s once ([`builtin`]). [`detect`] picks the style of a text by scoring each style's markers and
//! signal phrases over the text's blocks; `--style` overrides it.

use crate::model::DocumentKind;
use serde::Deserialize;
use std::sync::LazyLock;

/// How a number in a marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// `1`, `4.5`: a bill section's number.
    Section,
    /// `22602`, `11547.6.1`, `551.001`, `6-1-1701`, `399-ppp`, `1798.100a`, `43.21C.030`.
    Code,
    /// `1`, `113`.
    Arabic,
    /// `I`, `XIV`.
    Roman,
    /// `A`, `D`.
    Letter,
    /// `1`, `16B`, `121ZA`: a number with capital letters inserted after it (UK sections).
    Suffixed,
}

/// A marker that opens a unit: the words before its number, the number, and what may follow.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marker {
    /// The words before the number, longest first, case as printed; `""` for a bare number.
    pub words: Vec<String>,
    /// How the number is written.
    pub number: NumberKind,
    /// Whether the number must end with a period (`CHAPTER 22.6.`).
    #[serde(default)]
    pub dot: bool,
    /// Only inside text a bill section adds to the law (or in a text with no bill sections).
    #[serde(default)]
    pub law_text_only: bool,
    /// The number is followed by a space and the unit's heading, with no period (`1 Interpretation`).
    #[serde(default)]
    pub bare: bool,
    /// What a path starts with before the number (`Article `); empty for a bare number.
    #[serde(default)]
    pub path: String,
    /// The marker is the whole block (an EU `Article 3` stands on its own line; `Article 18 of Regulation
    /// ...` in running text is a citation).
    #[serde(default)]
    pub alone: bool,
    /// Only inside a container of this name, whose path qualifies the unit's (`Schedule 1, 3`: a UK
    /// schedule's paragraph); such a number may be followed directly by a label (`3 (1) ...`).
    #[serde(default)]
    pub within: Option<String>,
}

/// A heading that groups sections: a title, chapter, part, annex.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Container {
    /// The words that open it, case as printed (`CHAPTER`, `Chapter`).
    pub words: Vec<String>,
    /// The word in paths and scope targets (`Chapter`).
    pub name: String,
    /// How its number is written.
    pub number: NumberKind,
    /// Whether the number must end with a period.
    #[serde(default)]
    pub dot: bool,
    /// Nesting order: a container closes every open one of the same or a higher rank.
    pub rank: u8,
    /// Groups the bill's own sections (a bill's `TITLE I`), rather than sections of the law.
    #[serde(default)]
    pub bill_level: bool,
    /// Numbered afresh in each parent, so its path names the parent (`Chapter III, Section 2`).
    #[serde(default)]
    pub qualified: bool,
}

/// How a label's number or letter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `1`, `2`, ...
    Arabic,
    /// `a` ... `z`, then `aa`, `bb` (California numbers past `z` by doubling).
    Lower,
    /// `A` ... `Z`, `AA`, ...
    Upper,
    /// `i`, `ii`, `iv`.
    LowerRoman,
    /// `I`, `II`, `IV`.
    UpperRoman,
    /// `aa`, `bb`: a level that starts at doubled letters (the federal item).
    LowerDouble,
    /// `AA`, `BB`.
    UpperDouble,
}

impl Scheme {
    /// Every scheme.
    pub const ALL: [Scheme; 7] = [
        Scheme::Arabic,
        Scheme::Lower,
        Scheme::Upper,
        Scheme::LowerRoman,
        Scheme::UpperRoman,
        Scheme::LowerDouble,
        Scheme::UpperDouble,
    ];
}

/// How a label is set off: `(a)` or `1.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decoration {
    /// `(a)`
    Paren,
    /// `1.`
    Dot,
}

/// One way a level's labels are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Form {
    /// The numbering.
    pub scheme: Scheme,
    /// The punctuation around it.
    pub decoration: Decoration,
}

impl Form {
    /// Read a form from its first label as a style file writes it: `(a)`, `(1)`, `(A)`, `(i)`, `(I)`,
    /// `(aa)`, `(AA)`, `1.`.
    fn parse(s: &str) -> Option<Form> {
        let (inner, decoration) = if let Some(i) = s.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
            (i, Decoration::Paren)
        } else {
            (s.strip_suffix('.')?, Decoration::Dot)
        };
        let scheme = match inner {
            "1" => Scheme::Arabic,
            "a" => Scheme::Lower,
            "A" => Scheme::Upper,
            "i" => Scheme::LowerRoman,
            "I" => Scheme::UpperRoman,
            "aa" => Scheme::LowerDouble,
            "AA" => Scheme::UpperDouble,
            _ => return None,
        };
        Some(Form { scheme, decoration })
    }
}

/// One labeled level of the ladder.
#[derive(Debug, Clone)]
pub struct Rung {
    /// What the style calls it (`subdivision` in California, `subsection` in Texas).
    pub name: String,
    /// How its labels are printed.
    pub forms: Vec<Form>,
}

/// What a scope phrase's unit word names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeTarget {
    /// The whole document (`this Act`, `this Regulation`).
    Document,
    /// The enclosing section of law, else the bill section.
    Section,
    /// The enclosing container of that name (`Chapter`).
    Container(String),
    /// The enclosing labeled level at that depth (0 = the first level below a section).
    Level(u8),
}

/// A measure designation as printed: `H.B. No. 149` → kind `HB`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasurePattern {
    /// The words before the number, as printed.
    pub words: Vec<String>,
    /// The kind billdiff writes (`HB`).
    pub kind: String,
    /// The number is `YYYY/N` (EU acts).
    #[serde(default)]
    pub year: bool,
    /// The words are a line of their own (`IN SENATE`, spaced out or not) and the number a line near
    /// it (`434`, `1646--A`), as New York prints its bills.
    #[serde(default)]
    pub own_line: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    name: String,
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    intros: Vec<String>,
    units: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    id: String,
    name: String,
    jurisdiction: String,
    example: String,
    signals: Vec<String>,
    unbilled: DocumentKind,
    #[serde(default)]
    section_headings: bool,
    #[serde(default)]
    quoted_law: bool,
    #[serde(default)]
    bill_section: Vec<Marker>,
    #[serde(default)]
    law_section: Vec<Marker>,
    #[serde(default)]
    container: Vec<Container>,
    level: Vec<RawLevel>,
    #[serde(default)]
    measure: Vec<MeasurePattern>,
    scope: RawScope,
}

/// A drafting style, checked.
#[derive(Debug, Clone)]
pub struct Style {
    /// Its id (`ca`, `tx`, `eu`): what `--style` takes and JSON reports.
    pub id: String,
    /// Its name (`California`).
    pub name: String,
    /// The jurisdiction code bills in this style get (`ca`).
    pub jurisdiction: String,
    /// A line of text in the style, for the README and `--help`.
    pub example: String,
    /// Phrases (lowercase) that suggest the style.
    pub signals: Vec<String>,
    /// What a text with sections of law but no bill sections is (`code` or `act`).
    pub unbilled: DocumentKind,
    /// A section's number may be followed by a heading sentence before its first label (`Sec. 31.024.
    /// TITLE. (a) ...`, `§ 399-ppp. Heading. 1. ...`).
    pub section_headings: bool,
    /// Amending text is printed in quotation marks (`“(1) ...`).
    pub quoted_law: bool,
    /// Markers of the bill's own sections.
    pub bill_sections: Vec<Marker>,
    /// Markers of sections of law (code sections, articles, an Act's sections).
    pub law_sections: Vec<Marker>,
    /// Container headings.
    pub containers: Vec<Container>,
    /// Labeled levels, outermost first.
    pub ladder: Vec<Rung>,
    /// Measure designations.
    pub measures: Vec<MeasurePattern>,
    /// Scope phrase openings, lowercase, each ending in a space (`as used in this `).
    pub scope_intros: Vec<String>,
    /// Scope unit words, lowercase, and what each names; longer words first where one starts another.
    pub scope_units: Vec<(String, ScopeTarget)>,
}

/// A style file that does not check: which file and why (a built-in style failing is a build defect, caught
/// by the unit tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleProblem {
    /// The style file.
    pub file: String,
    /// What is wrong.
    pub what: String,
}

impl Style {
    fn check(file: &str, text: &str) -> Result<Style, StyleProblem> {
        let bad = |what: String| StyleProblem {
            file: file.to_string(),
            what,
        };
        let raw: RawStyle = toml::from_str(text).map_err(|e| bad(e.message().to_string()))?;
        let mut ladder = Vec::new();
        for l in raw.level {
            let forms = l
                .forms
                .iter()
                .map(|f| Form::parse(f).ok_or_else(|| bad(format!("label form {f}"))))
                .collect::<Result<Vec<_>, _>>()?;
            ladder.push(Rung { name: l.name, forms });
        }
        if ladder.is_empty() || ladder.len() > crate::parse::grammar::MAX_DEPTH {
            return Err(bad(format!("{} levels", ladder.len())));
        }
        let mut scope_units = Vec::new();
        for (word, target) in raw.scope.units {
            let target = match target.as_str() {
                "document" => ScopeTarget::Document,
                "section" => ScopeTarget::Section,
                t => match t.strip_prefix("level ") {
                    Some(d) => {
                        let d: u8 = d.parse().map_err(|_| bad(format!("scope target {t}")))?;
                        if usize::from(d) >= ladder.len() {
                            return Err(bad(format!("scope target {t}")));
                        }
                        ScopeTarget::Level(d)
                    }
                    // A container the style's texts name but may not print (Washington's chapters).
                    None if t.starts_with(|c: char| c.is_uppercase()) => ScopeTarget::Container(t.to_string()),
                    None => return Err(bad(format!("scope target {t}"))),
                },
            };
            scope_units.push((word.to_lowercase(), target));
        }
        Ok(Style {
            id: raw.id,
            name: raw.name,
            jurisdiction: raw.jurisdiction,
            example: raw.example,
            signals: raw.signals.iter().map(|s| s.to_lowercase()).collect(),
            unbilled: raw.unbilled,
            section_headings: raw.section_headings,
            quoted_law: raw.quoted_law,
            bill_sections: raw.bill_section,
            law_sections: raw.law_section,
            containers: raw.container,
            ladder,
            measures: raw.measure,
            scope_intros: raw.scope.intros.iter().map(|s| s.to_lowercase()).collect(),
            scope_units,
        })
    }

    /// The name of the labeled level at `depth` (`subdivision`), for messages and instructions.
    pub fn level_name(&self, depth: usize) -> &str {
        self.ladder.get(depth).map_or("provision", |r| r.name.as_str())
    }

    /// Whether the ladder uses `1.`-style labels anywhere.
    pub fn has_dot_labels(&self) -> bool {
        self.ladder
            .iter()
            .any(|r| r.forms.iter().any(|f| f.decoration == Decoration::Dot))
    }
}

const FILES: &[(&str, &str)] = &[
    ("ca.toml", include_str!("styles/ca.toml")),
    ("us.toml", include_str!("styles/us.toml")),
    ("tx.toml", include_str!("styles/tx.toml")),
    ("ny.toml", include_str!("styles/ny.toml")),
    ("co.toml", include_str!("styles/co.toml")),
    ("wa.toml", include_str!("styles/wa.toml")),
    ("eu.toml", include_str!("styles/eu.toml")),
    ("uk.toml", include_str!("styles/uk.toml")),
];

static BUILTIN: LazyLock<Vec<Style>> = LazyLock::new(|| {
    FILES
        .iter()
        .filter_map(|(file, text)| Style::check(file, text).ok())
        .collect()
});

/// The built-in styles, California first (the default when nothing else fits).
pub fn builtin() -> &'static [Style] {
    &BUILTIN
}

/// The built-in style with this id.
pub fn by_id(id: &str) -> Option<&'static Style> {
    builtin().iter().find(|s| s.id.eq_ignore_ascii_case(id))
}

/// California's style: the default.
pub fn california() -> &'static Style {
    &builtin()[0]
}

/// Pick the style of a text from its blocks: each block that opens with one of a style's section markers
/// scores for it (a bill section most), each signal phrase found in the text scores once; the highest score
/// wins, California on a tie.
pub fn detect(blocks: &[&str]) -> &'static Style {
    let mut lower = String::new();
    for b in blocks.iter().take(4000) {
        lower.push_str(&b.to_lowercase());
        lower.push('\n');
    }
    // Which signals of which styles the text holds, in one pass over it (not one per signal).
    // Each distinct signal once, with the styles that list it.
    type Signals = (aho_corasick::AhoCorasick, Vec<Vec<usize>>);
    static SIGNALS: std::sync::LazyLock<Signals> = std::sync::LazyLock::new(|| {
        let (mut words, mut owners): (Vec<String>, Vec<Vec<usize>>) = (Vec::new(), Vec::new());
        for (i, style) in builtin().iter().enumerate() {
            for s in &style.signals {
                match words.iter().position(|w| w == s) {
                    Some(k) => owners[k].push(i),
                    None => {
                        words.push(s.clone());
                        owners.push(vec![i]);
                    }
                }
            }
        }
        (
            aho_corasick::AhoCorasick::new(words).expect("the built-in signals build an automaton"),
            owners,
        )
    });
    let (automaton, owners) = &*SIGNALS;
    let mut found = vec![false; owners.len()];
    for m in automaton.find_overlapping_iter(&lower) {
        found[m.pattern().as_usize()] = true;
    }
    let mut signal_score = vec![0usize; builtin().len()];
    for (k, styles) in owners.iter().enumerate() {
        if found[k] {
            for &i in styles {
                signal_score[i] += 3;
            }
        }
    }
    let mut best = (california(), 0usize);
    for (i, style) in builtin().iter().enumerate() {
        let mut score = signal_score[i];
        for b in blocks.iter().take(4000) {
            let b = b.trim_start_matches(['“', '"']);
            let law = style
                .law_sections
                .iter()
                .any(|m| !m.words.iter().all(String::is_empty) && crate::parse::grammar::marker(m, b).is_some());
            if law || crate::parse::grammar::bill_section_marker(style, b).is_some() {
                score += 2;
            } else if crate::parse::grammar::container_marker(style, b).is_some() {
                score += 1;
            }
        }
        if score > best.1 {
            best = (style, score);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_style_checks() {
        for (file, text) in FILES {
            if let Err(e) = Style::check(file, text) {
                panic!("{}: {}", e.file, e.what);
            }
        }
        assert_eq!(builtin().len(), FILES.len());
        assert_eq!(california().id, "ca");
    }

    #[test]
    fn a_bad_style_is_named() {
        let e = Style::check("x.toml", "id = 1").unwrap_err();
        assert_eq!(e.file, "x.toml");
    }
}
