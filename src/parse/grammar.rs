//! The small grammars of bill text, written with nom: provision labels, section markers, headings, dates.
//!
//! Markers and labels are read as a [`Style`] declares them. California drafting nests provisions five deep
//! — subdivision `(a)`, paragraph `(1)`, subparagraph `(A)`, clause `(i)`, subclause `(I)` — and after `(z)`
//! continues `(aa)`, `(bb)`; Texas puts `(a)` at the first and the fifth level; New York opens with `1.`. A
//! label token alone is ambiguous: `(i)` is the ninth subdivision or the first clause, `(v)` the
//! twenty-second subdivision or the fifth clause, `(I)` the ninth subparagraph or the first subclause.
//! [`LabelToken::readings`] lists every reading the style's ladder allows; `structure` picks one from
//! context.

use super::style::{Container, Decoration, Marker, NumberKind, Scheme, Style};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{take_while_m_n, take_while1},
    character::complete::{char, digit1, space0, space1},
    combinator::{all_consuming, map_res, opt, recognize},
    multi::many0,
    sequence::{delimited, pair, preceded, terminated},
};

/// The labeled levels inside a section, outermost first, by depth. The names are California's (the first
/// style billdiff read); a [`Style`]'s ladder says what each depth is called and how its labels look there
/// (Texas calls depth 0 a subsection, New York numbers it `1.`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Depth 0: `(a)` in California.
    Subdivision = 0,
    /// Depth 1: `(1)`.
    Paragraph = 1,
    /// Depth 2: `(A)`.
    Subparagraph = 2,
    /// Depth 3: `(i)`.
    Clause = 3,
    /// Depth 4: `(I)`.
    Subclause = 4,
    /// Depth 5: the federal item `(aa)`.
    Item = 5,
    /// Depth 6: the federal subitem `(AA)`.
    Subitem = 6,
}

/// How many labeled levels a style may declare.
pub const MAX_DEPTH: usize = 7;

impl Level {
    /// Depth below the section, 0-based.
    pub fn depth(self) -> u8 {
        self as u8
    }

    /// The level at a depth.
    pub fn at(depth: usize) -> Option<Level> {
        Some(match depth {
            0 => Level::Subdivision,
            1 => Level::Paragraph,
            2 => Level::Subparagraph,
            3 => Level::Clause,
            4 => Level::Subclause,
            5 => Level::Item,
            6 => Level::Subitem,
            _ => return None,
        })
    }
}

/// One reading of a label: a level and the label's ordinal at that level (1-based), with the number of an
/// inserted label (`(b-1)` is ordinal 2, inserted 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The level.
    pub level: Level,
    /// 1 for `(a)`, `(1)`, `(A)`, `(i)`, `(I)`; 27 for `(aa)` in California.
    pub ordinal: u32,
    /// 0, or N for a label inserted after another (`(b-1)`, New York's `1-a.`).
    pub inserted: u32,
}

impl Reading {
    /// A level's first label.
    pub fn is_first(&self) -> bool {
        self.ordinal == 1 && self.inserted == 0
    }

    /// Whether this label comes right after `prev` at the same level: the next letter or number, or a label
    /// inserted after it (`(b)` → `(b-1)` → `(b-2)` → `(c)`).
    pub fn follows(&self, prev: &Reading) -> bool {
        (self.ordinal == prev.ordinal + 1 && self.inserted == 0)
            || (self.ordinal == prev.ordinal && self.inserted == prev.inserted + 1)
    }
}

/// A label token as printed, without its punctuation: `e`, `1`, `B`, `ii`, `II`, `b-1`; and how it was set
/// off (`(e)` or `1.`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelToken<'a>(pub &'a str, pub Decoration);

impl LabelToken<'_> {
    /// Every level of `style`'s ladder this token could be at, with its ordinal there.
    pub fn readings(&self, style: &Style) -> Vec<Reading> {
        let (base, inserted) = match self.0.split_once('-') {
            Some((b, n)) => match inserted_number(n) {
                Some(k) => (b, k),
                None => return Vec::new(),
            },
            None => match suffixed(self.0) {
                Some((b, k)) => (b, k),
                None => (self.0, 0),
            },
        };
        let mut out = Vec::new();
        for (depth, rung) in style.ladder.iter().enumerate() {
            let Some(level) = Level::at(depth) else { break };
            for form in &rung.forms {
                if form.decoration != self.1 {
                    continue;
                }
                if let Some(ordinal) = scheme_ordinal(form.scheme, base) {
                    if !out.iter().any(|r: &Reading| r.level == level) {
                        out.push(Reading {
                            level,
                            ordinal,
                            inserted,
                        });
                    }
                }
            }
        }
        out
    }

    /// The label as printed: `(e)`, `1.`.
    pub fn printed(&self) -> String {
        match self.1 {
            Decoration::Paren => format!("({})", self.0),
            Decoration::Dot => format!("{}.", self.0),
        }
    }
}

/// A number with a capital-letter suffix, as the UK numbers inserted provisions: `1A` is inserted after
/// `1` (inserted 1), `1B` after it; `1ZA`, inserted before `1A`, counts as `1A` does.
fn suffixed(s: &str) -> Option<(&str, u32)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let letters = &s[digits..];
    if digits == 0 || letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let own = letters.trim_start_matches('Z');
    let own = if own.is_empty() { "Z" } else { own };
    if own.len() != 1 {
        return None;
    }
    Some((&s[..digits], u32::from(own.as_bytes()[0] - b'A') + 1))
}

/// The number of an inserted label's suffix: `1` in `b-1`, `a` in `1-a` (1).
fn inserted_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().filter(|&n| n > 0);
    }
    alpha_ordinal(s)
}

/// A token's ordinal in a numbering scheme, if the token is written in it.
fn scheme_ordinal(scheme: Scheme, s: &str) -> Option<u32> {
    let lower = s.bytes().all(|b| b.is_ascii_lowercase());
    let upper = s.bytes().all(|b| b.is_ascii_uppercase());
    let doubled = s.len() == 2 && s.as_bytes()[0] == s.as_bytes()[1];
    match scheme {
        Scheme::Arabic => (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|&n| n > 0),
        Scheme::Lower if lower => alpha_ordinal(s),
        Scheme::Upper if upper => alpha_ordinal(&s.to_ascii_lowercase()),
        Scheme::LowerRoman if lower => roman_value(s),
        Scheme::UpperRoman if upper => roman_value(&s.to_ascii_lowercase()),
        Scheme::LowerDouble if lower && doubled => Some(u32::from(s.as_bytes()[0] - b'a') + 1),
        Scheme::UpperDouble if upper && doubled => Some(u32::from(s.as_bytes()[0] - b'A') + 1),
        _ => None,
    }
}

/// `a` → 1 … `z` → 26, `aa` → 27 … `zz` → 52, `aaa` → 53 …: letters repeated, as California numbers past (z).
pub fn alpha_ordinal(s: &str) -> Option<u32> {
    let first = s.bytes().next()?;
    if !first.is_ascii_lowercase() || !s.bytes().all(|b| b == first) || s.len() > 3 {
        return None;
    }
    Some((s.len() as u32 - 1) * 26 + u32::from(first - b'a') + 1)
}

/// The inverse of [`alpha_ordinal`].
pub fn alpha_label(n: u32) -> Option<String> {
    if n == 0 || n > 78 {
        return None;
    }
    let reps = ((n - 1) / 26 + 1) as usize;
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    Some(std::iter::repeat_n(letter, reps).collect())
}

/// Value of a lowercase Roman numeral from 1 to 39, in canonical form only (`iiii` is not a numeral).
pub fn roman_value(s: &str) -> Option<u32> {
    (1..40).find(|&n| roman_label(n).as_deref() == Some(s))
}

/// Lowercase Roman numeral for 1–39.
pub fn roman_label(n: u32) -> Option<String> {
    if !(1..40).contains(&n) {
        return None;
    }
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let mut s = "x".repeat((n / 10) as usize);
    s.push_str(ONES[(n % 10) as usize]);
    Some(s)
}

/// The label text for an ordinal at a level, in California's ladder: (Subdivision, 5) → `e`.
pub fn label_for(level: Level, ordinal: u32) -> Option<String> {
    match level {
        Level::Subdivision => alpha_label(ordinal),
        Level::Paragraph => (ordinal > 0).then(|| ordinal.to_string()),
        Level::Subparagraph => alpha_label(ordinal).map(|s| s.to_ascii_uppercase()),
        Level::Clause => roman_label(ordinal),
        Level::Subclause => roman_label(ordinal).map(|s| s.to_ascii_uppercase()),
        Level::Item => (1..=26).contains(&ordinal).then(|| {
            let c = char::from(b'a' + (ordinal - 1) as u8);
            format!("{c}{c}")
        }),
        Level::Subitem => label_for(Level::Item, ordinal).map(|s| s.to_ascii_uppercase()),
    }
}

fn verify_error(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))
}

/// The inside of a label: one to five letters or digits of one case, or such a run, a hyphen and an
/// inserted number (`b-1`, `1-a`).
fn label_inner(inner: &str) -> bool {
    let uniform = |s: &str| {
        !s.is_empty()
            && s.len() <= 5
            && (s.bytes().all(|b| b.is_ascii_digit())
                || s.bytes().all(|b| b.is_ascii_lowercase())
                || s.bytes().all(|b| b.is_ascii_uppercase()))
    };
    match inner.split_once('-') {
        Some((a, b)) => uniform(a) && inserted_number(b).is_some() && b.len() <= 3,
        None => uniform(inner) || suffixed(inner).is_some(),
    }
}

/// `(e)` → `e`, `(b-1)` → `b-1`. Only single-case letters or digits count: `(Reserved)` is not a label.
/// Readings are not checked here: a citation's `(e)` needs no style.
pub fn label_token(i: &str) -> IResult<&str, LabelToken<'_>> {
    let (rest, inner) = delimited(
        char('('),
        take_while_m_n(1, 9, |c: char| c.is_ascii_alphanumeric() || c == '-'),
        char(')'),
    )
    .parse(i)?;
    // A token no numbering scheme can read ("(ab)") is not a label.
    let base = inner
        .split_once('-')
        .map(|(b, _)| b)
        .or_else(|| suffixed(inner).map(|(b, _)| b))
        .unwrap_or(inner);
    if label_inner(inner) && Scheme::ALL.iter().any(|&s| scheme_ordinal(s, base).is_some()) {
        return Ok((rest, LabelToken(inner, Decoration::Paren)));
    }
    Err(verify_error(i))
}

/// `1.` → `1`, `1-a.` → `1-a`: a numbered label as New York and the EU print them.
fn dot_label_token(i: &str) -> IResult<&str, LabelToken<'_>> {
    let (rest, inner) = terminated(
        recognize(pair(
            take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
            opt(pair(
                char('-'),
                take_while_m_n(1, 3, |c: char| c.is_ascii_alphanumeric()),
            )),
        )),
        char('.'),
    )
    .parse(i)?;
    if !label_inner(inner) {
        return Err(verify_error(i));
    }
    Ok((rest, LabelToken(inner, Decoration::Dot)))
}

/// One label of `style`'s ladder at the start of `i`, readable at some level.
fn style_label<'a>(style: &Style, i: &'a str) -> IResult<&'a str, LabelToken<'a>> {
    let (rest, t) = if style.has_dot_labels() {
        alt((label_token, dot_label_token)).parse(i)?
    } else {
        label_token(i)?
    };
    if t.readings(style).is_empty() {
        return Err(verify_error(i));
    }
    Ok((rest, t))
}

/// The labels that open a paragraph: `(e) (1) “Covered model” means` → [`e`, `1`] and the byte offset of
/// each label in `i`. Returns the rest of the paragraph after the labels and following spaces.
pub fn label_chain<'a>(style: &Style, i: &'a str) -> IResult<&'a str, Vec<(usize, LabelToken<'a>)>> {
    let start = i.len();
    let (mut rest, first) = style_label(style, i)?;
    let mut out = vec![(0, first)];
    loop {
        let offset = start - rest.len();
        // `(e) (1)` or, as Washington prints them, `(5)(a)`.
        match preceded(space0, |x| style_label(style, x)).parse(rest) {
            Ok((r, t)) => {
                let ws = rest.len() - rest.trim_start().len();
                out.push((offset + ws, t));
                rest = r;
            }
            Err(_) => break,
        }
    }
    // A label must be followed by a space or the end: "(a)" in "(a)bc" is not a label.
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return Err(verify_error(i));
    }
    let (rest, _) = space0(rest)?;
    Ok((rest, out))
}

/// A dotted number: `22602`, `11547.6.1`, `22.6`, `1.5`, `22757.10`, with an optional letter suffix (`1798.100a`).
pub fn dotted_number(i: &str) -> IResult<&str, &str> {
    recognize((
        digit1,
        many0(pair(char('.'), digit1)),
        opt(take_while_m_n(1, 1, |c: char| c.is_ascii_lowercase())),
    ))
    .parse(i)
}

/// A section of law's number: `551.001`, `6-1-1701`, `399-ppp`, `43.21C.030`, `22602`, `1798.100a`.
pub fn code_number(i: &str) -> IResult<&str, &str> {
    recognize(pair(
        pair(digit1, take_while_m_n(0, 3, |c: char| c.is_ascii_uppercase())),
        many0(pair(
            alt((char('.'), char('-'))),
            take_while_m_n(1, 12, |c: char| c.is_ascii_alphanumeric()),
        )),
    ))
    .parse(i)
}

fn roman_number(i: &str) -> IResult<&str, &str> {
    let (rest, n) = take_while_m_n(1, 8, |c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')).parse(i)?;
    if roman_value(&n.to_ascii_lowercase()).is_none() {
        return Err(verify_error(i));
    }
    Ok((rest, n))
}

fn number(kind: NumberKind, i: &str) -> IResult<&str, &str> {
    match kind {
        NumberKind::Section => recognize(pair(digit1, opt(pair(char('.'), digit1)))).parse(i),
        NumberKind::Code => code_number(i),
        NumberKind::Arabic => digit1(i),
        NumberKind::Roman => roman_number(i),
        NumberKind::Letter => take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase()).parse(i),
        NumberKind::Suffixed => {
            recognize(pair(digit1, take_while_m_n(0, 3, |c: char| c.is_ascii_uppercase()))).parse(i)
        }
    }
}

/// A marker matched at the start of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerMatch<'a> {
    /// The marker as printed, without trailing spaces: `SEC. 2.`, `Sec. 551.001.`, `CHAPTER 22.6.`.
    pub label: &'a str,
    /// The number alone: `2`, `551.001`, `22.6`.
    pub num: &'a str,
    /// The rest of the block after the marker and following spaces.
    pub rest: &'a str,
}

/// What matching a marker reads of it: a section's [`Marker`], or a [`Container`]'s words and number.
struct Shape<'m> {
    words: &'m [String],
    number: NumberKind,
    dot: bool,
    bare: bool,
    alone: bool,
    contained: bool,
}

/// Match one marker at the start of `i`: one of its words, spaces, the number, its punctuation.
pub fn marker<'a>(m: &Marker, i: &'a str) -> Option<MarkerMatch<'a>> {
    shape(
        &Shape {
            words: &m.words,
            number: m.number,
            dot: m.dot,
            bare: m.bare,
            alone: m.alone,
            contained: m.within.is_some(),
        },
        i,
    )
}

fn shape<'a>(m: &Shape<'_>, i: &'a str) -> Option<MarkerMatch<'a>> {
    for w in m.words {
        let Some(after_word) = i.strip_prefix(w.as_str()) else {
            continue;
        };
        let after_space = if w.is_empty() {
            after_word
        } else {
            let t = after_word.trim_start_matches([' ', '\u{a0}']);
            if t.len() == after_word.len() && !w.ends_with('.') && !w.ends_with('§') {
                continue;
            }
            t
        };
        let Ok((after_num, num)) = number(m.number, after_space) else {
            continue;
        };
        if m.bare {
            // `1 Interpretation`: a space, then a capital letter; never a period. A schedule's `3 (1) ...`.
            let t = after_num.trim_start_matches(' ');
            let opens = t.starts_with(|c: char| c.is_uppercase()) || (m.contained && t.starts_with('('));
            if t.len() == after_num.len() || !opens || num.len() > 7 {
                continue;
            }
            let label = &i[..i.len() - after_num.len()];
            return Some(MarkerMatch { label, num, rest: t });
        }
        let after_dot = after_num.strip_prefix('.');
        if m.dot && after_dot.is_none() {
            continue;
        }
        let mut end = after_dot.unwrap_or(after_num);
        let dashed = end.starts_with('—');
        if dashed {
            end = &end['—'.len_utf8()..];
        }
        if !(dashed || end.is_empty() || end.starts_with(char::is_whitespace)) {
            continue;
        }
        let label = i[..i.len() - end.len()].trim_end_matches('—');
        if m.alone && !end.trim().is_empty() {
            continue;
        }
        return Some(MarkerMatch {
            label,
            num,
            rest: end.trim_start(),
        });
    }
    None
}

/// A bill section's marker in `style`: `SECTION 1.`, `SEC. 2.`, `Section 1.`, `§ 2.`, `NEW SECTION. Sec. 3.`.
pub fn bill_section_marker<'a>(style: &Style, i: &'a str) -> Option<MarkerMatch<'a>> {
    style.bill_sections.iter().find_map(|m| marker(m, i))
}

/// A section of law's marker: `22602.` (where bare numbers may open sections: `in_law_text`), `Sec.
/// 551.001.`, `§ 1420.`, `Article 3`; with the path prefix of its marker (`Article `).
pub fn law_section_marker<'a>(style: &'a Style, i: &'a str, in_law_text: bool) -> Option<(MarkerMatch<'a>, &'a str)> {
    style
        .law_sections
        .iter()
        .filter(|m| (in_law_text || !m.law_text_only) && m.within.is_none())
        .find_map(|m| marker_and_path(m, i))
}

/// A unit numbered inside a container (`3 (1) ...` in a UK schedule), when the innermost open container is
/// named `container`.
pub fn contained_marker<'a>(style: &'a Style, i: &'a str, container: &str) -> Option<MarkerMatch<'a>> {
    style
        .law_sections
        .iter()
        .filter(|m| m.within.as_deref() == Some(container))
        .find_map(|m| marker(m, i))
}

fn marker_and_path<'a>(m: &'a Marker, i: &'a str) -> Option<(MarkerMatch<'a>, &'a str)> {
    marker(m, i).map(|x| (x, m.path.as_str()))
}

/// A container heading: `CHAPTER 22.6. Safe and Secure ...`, `SUBCHAPTER A. GENERAL PROVISIONS`, `TITLE
/// I—GENERAL`, `CHAPTER I`, `ANNEX III`, `PART 17`.
pub fn container_marker<'a>(style: &'a Style, i: &'a str) -> Option<(&'a Container, MarkerMatch<'a>)> {
    style.containers.iter().find_map(|c| {
        let m = Shape {
            words: &c.words,
            number: c.number,
            dot: c.dot,
            bare: false,
            alone: false,
            contained: false,
        };
        let x = shape(&m, i)?;
        // A heading's number ends the line or is followed by its title — not by running text such as
        // "Chapter 22.6 (commencing with Section 22602) is added".
        (x.rest.is_empty() || !x.rest.starts_with('(')).then_some((c, x))
    })
}

/// Kinds of heading inside codes, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadingKind {
    /// TITLE
    Title,
    /// DIVISION
    Division,
    /// PART
    Part,
    /// CHAPTER
    Chapter,
    /// ARTICLE
    Article,
}

impl HeadingKind {
    /// The word as used in paths: `Chapter`.
    pub fn as_str(self) -> &'static str {
        match self {
            HeadingKind::Title => "Title",
            HeadingKind::Division => "Division",
            HeadingKind::Part => "Part",
            HeadingKind::Chapter => "Chapter",
            HeadingKind::Article => "Article",
        }
    }

    /// Parse a heading word, as printed in a heading (`CHAPTER`, `Article`) or a citation (`chapter`).
    pub fn from_word(w: &str) -> Option<HeadingKind> {
        Some(match w.to_ascii_lowercase().as_str() {
            "title" => HeadingKind::Title,
            "division" => HeadingKind::Division,
            "part" => HeadingKind::Part,
            "chapter" => HeadingKind::Chapter,
            "article" => HeadingKind::Article,
            _ => return None,
        })
    }
}

/// `September 03, 2024` → a date.
pub fn long_date(i: &str) -> IResult<&str, crate::model::Date> {
    map_res(
        (
            take_while1(|c: char| c.is_ascii_alphabetic()),
            space1,
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            char(','),
            space0,
            take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        ),
        |(m, _, d, _, _, y): (&str, &str, &str, char, &str, &str)| {
            let month = crate::model::Date::month_from_name(m).ok_or("month")?;
            crate::model::Date::new(y.parse().map_err(|_| "year")?, month, d.parse().map_err(|_| "day")?).ok_or("date")
        },
    )
    .parse(i)
}

/// The whole string is a long date.
pub fn only_date(s: &str) -> Option<crate::model::Date> {
    all_consuming(long_date).parse(s.trim()).ok().map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::style::{by_id, california};

    fn r(level: Level, ordinal: u32) -> Reading {
        Reading {
            level,
            ordinal,
            inserted: 0,
        }
    }

    fn paren(s: &str) -> Vec<Reading> {
        LabelToken(s, Decoration::Paren).readings(california())
    }

    #[test]
    fn label_readings_cover_the_ambiguities() {
        assert_eq!(paren("i"), vec![r(Level::Subdivision, 9), r(Level::Clause, 1)]);
        assert_eq!(paren("v").len(), 2);
        assert_eq!(paren("ii"), vec![r(Level::Subdivision, 35), r(Level::Clause, 2)]);
        assert_eq!(paren("iv"), vec![r(Level::Clause, 4)]);
        assert_eq!(paren("I").len(), 2);
        assert_eq!(paren("II"), vec![r(Level::Subparagraph, 35), r(Level::Subclause, 2)]);
        assert_eq!(paren("aa"), vec![r(Level::Subdivision, 27)]);
        assert_eq!(paren("12"), vec![r(Level::Paragraph, 12)]);
        assert!(paren("ab").is_empty());
    }

    #[test]
    fn readings_follow_each_styles_ladder() {
        let tx = by_id("tx").unwrap();
        // The UK: (1A) is inserted after (1).
        let uk = crate::parse::style::by_id("uk").unwrap();
        let (_, t) = label_token("(1A)").unwrap();
        let uk_readings = t.readings(uk);
        assert_eq!((uk_readings[0].ordinal, uk_readings[0].inserted), (1, 1));
        assert!(label_token("(1a)").is_err(), "a lowercase suffix is no label");
        // Texas: (a) is a subsection (depth 0) or a sub-subparagraph (depth 4); (b-1) is inserted after (b).
        let a = LabelToken("a", Decoration::Paren).readings(tx);
        assert_eq!(a, vec![r(Level::Subdivision, 1), r(Level::Subclause, 1)]);
        let b1 = LabelToken("b-1", Decoration::Paren).readings(tx)[0];
        assert_eq!((b1.ordinal, b1.inserted), (2, 1));
        assert!(b1.follows(&r(Level::Subdivision, 2)));
        assert!(r(Level::Subdivision, 3).follows(&b1));
        // New York: 1. opens a subdivision, (a) is a paragraph.
        let ny = by_id("ny").unwrap();
        assert_eq!(
            LabelToken("1", Decoration::Dot).readings(ny),
            vec![r(Level::Subdivision, 1)]
        );
        assert_eq!(
            LabelToken("a", Decoration::Paren).readings(ny)[0].level,
            Level::Paragraph
        );
        // The federal item (aa) is the first at depth 5, and also California's 27th subdivision.
        let us = by_id("us").unwrap();
        let aa = LabelToken("aa", Decoration::Paren).readings(us);
        assert!(aa.contains(&r(Level::Item, 1)) && aa.contains(&r(Level::Subdivision, 27)));
        // The EU numbers paragraphs 1. and definitions (1) at the same level.
        let eu = by_id("eu").unwrap();
        assert_eq!(
            LabelToken("3", Decoration::Dot).readings(eu),
            vec![r(Level::Subdivision, 3)]
        );
        assert_eq!(
            LabelToken("3", Decoration::Paren).readings(eu),
            vec![r(Level::Subdivision, 3)]
        );
    }

    #[test]
    fn label_round_trips() {
        for n in 1..40 {
            assert_eq!(roman_value(&roman_label(n).unwrap()), Some(n));
        }
        for n in 1..=78 {
            assert_eq!(alpha_ordinal(&alpha_label(n).unwrap()), Some(n));
        }
        assert_eq!(label_for(Level::Subclause, 2).as_deref(), Some("II"));
        assert_eq!(label_for(Level::Item, 2).as_deref(), Some("bb"));
    }

    #[test]
    fn chains_and_non_labels() {
        let ca = california();
        let (rest, labels) = label_chain(ca, "(e) (1) “Covered model” means").unwrap();
        assert_eq!(rest, "“Covered model” means");
        assert_eq!(
            labels.iter().map(|(o, t)| (*o, t.0)).collect::<Vec<_>>(),
            vec![(0, "e"), (4, "1")]
        );
        assert!(label_chain(ca, "(Reserved)").is_err());
        assert!(label_chain(ca, "(a)bc").is_err());
        assert_eq!(label_chain(ca, "(a)").unwrap().0, "");
        // California has no `1.` labels; New York does, chained with (a).
        assert!(label_chain(ca, "1. Text").is_err());
        let ny = by_id("ny").unwrap();
        let (rest, labels) = label_chain(ny, "12. (a) AS USED IN THIS SECTION").unwrap();
        assert_eq!(rest, "AS USED IN THIS SECTION");
        assert_eq!(labels[0].1.printed(), "12.");
        assert_eq!(labels[1].1.printed(), "(a)");
    }

    #[test]
    fn markers() {
        let ca = california();
        let m = bill_section_marker(ca, "SECTION 1. This act").unwrap();
        assert_eq!((m.rest, m.num, m.label), ("This act", "1", "SECTION 1."));
        assert_eq!(bill_section_marker(ca, "SEC. 2.").unwrap().rest, "");
        assert_eq!(bill_section_marker(ca, "SEC. 1.5. Text").unwrap().num, "1.5");
        assert!(bill_section_marker(ca, "Section 2. text").is_none());
        let (m, _) = law_section_marker(ca, "11547.6.1. (a) There", true).unwrap();
        assert_eq!((m.rest, m.num), ("(a) There", "11547.6.1"));
        assert!(law_section_marker(ca, "11547.6.1. (a) There", false).is_none());
        assert!(law_section_marker(ca, "22602 is", true).is_none());
        assert!(law_section_marker(ca, "2.5x", true).is_none());
        let (c, m) = container_marker(ca, "CHAPTER  25.1. Transparency").unwrap();
        assert_eq!(
            (m.rest, c.name.as_str(), m.num, m.label),
            ("Transparency", "Chapter", "25.1", "CHAPTER  25.1.")
        );
        assert!(container_marker(ca, "Chapter 22.6 (commencing with Section 22602) is added").is_none());

        let tx = by_id("tx").unwrap();
        let (m, _) = law_section_marker(tx, "Sec. 551.001. DEFINITIONS. In this chapter:", false).unwrap();
        assert_eq!((m.num, m.rest), ("551.001", "DEFINITIONS. In this chapter:"));
        let ny = by_id("ny").unwrap();
        let (m, _) = law_section_marker(ny, "§ 399-ppp. Prohibition on provision", false).unwrap();
        assert_eq!(m.num, "399-ppp");
        let co = by_id("co").unwrap();
        assert_eq!(
            law_section_marker(co, "6-1-1701. Definitions.", true).unwrap().0.num,
            "6-1-1701"
        );
        let us = by_id("us").unwrap();
        let (c, m) = container_marker(us, "TITLE II—LIBRARY OF CONGRESS").unwrap();
        assert_eq!((c.name.as_str(), m.num, m.rest), ("Title", "II", "LIBRARY OF CONGRESS"));
        let eu = by_id("eu").unwrap();
        let (m, path) = law_section_marker(eu, "Article 3", false).unwrap();
        assert_eq!((m.num, path), ("3", "Article "));
        assert!(law_section_marker(eu, "Articles 3 and 4", false).is_none());
        assert_eq!(container_marker(eu, "ANNEX III").unwrap().1.num, "III");
        let uk = by_id("uk").unwrap();
        let (m, _) = law_section_marker(uk, "1 Abolition of the right to buy", false).unwrap();
        assert_eq!((m.num, m.rest), ("1", "Abolition of the right to buy"));
        assert!(law_section_marker(uk, "1. text", false).is_none());
        let wa = by_id("wa").unwrap();
        let m = bill_section_marker(wa, "NEW SECTION. Sec. 2. The definitions").unwrap();
        assert_eq!((m.num, m.label), ("2", "NEW SECTION. Sec. 2."));
    }

    #[test]
    fn dates() {
        assert_eq!(only_date("September 03, 2024").unwrap().to_string(), "2024-09-03");
        assert!(only_date("Smarch 03, 2024").is_none());
        assert!(only_date("February 30x, 2024").is_none());
    }
}
