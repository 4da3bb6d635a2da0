//! The small grammars of bill text, written with nom: provision labels, section markers, headings, dates.
//!
//! California drafting nests provisions five deep — subdivision `(a)`, paragraph `(1)`, subparagraph
//! `(A)`, clause `(i)`, subclause `(I)` — and after `(z)` continues `(aa)`, `(bb)`. A label token alone is
//! ambiguous: `(i)` is the ninth subdivision or the first clause, `(v)` the twenty-second subdivision or the
//! fifth clause, `(I)` the ninth subparagraph or the first subclause. [`LabelToken::readings`] lists every
//! reading; `structure` picks one from context.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n, take_while1},
    character::complete::{char, digit1, space0, space1},
    combinator::{all_consuming, map_res, opt, recognize},
    multi::many0,
    sequence::{delimited, pair, preceded, terminated},
};

/// The five labeled levels inside a section, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `(a)`
    Subdivision = 0,
    /// `(1)`
    Paragraph = 1,
    /// `(A)`
    Subparagraph = 2,
    /// `(i)`
    Clause = 3,
    /// `(I)`
    Subclause = 4,
}

impl Level {
    /// Depth below the section, 0-based.
    pub fn depth(self) -> u8 {
        self as u8
    }
}

/// One reading of a label: a level and the label's ordinal at that level (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The level.
    pub level: Level,
    /// 1 for `(a)`, `(1)`, `(A)`, `(i)`, `(I)`; 27 for `(aa)`.
    pub ordinal: u32,
}

/// A label token as printed, without parentheses: `e`, `1`, `B`, `ii`, `II`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelToken<'a>(pub &'a str);

impl LabelToken<'_> {
    /// Every level this token could be at, with its ordinal there.
    pub fn readings(&self) -> Vec<Reading> {
        let s = self.0;
        let mut out = Vec::new();
        if s.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = s.parse() {
                out.push(Reading {
                    level: Level::Paragraph,
                    ordinal: n,
                });
            }
        } else if s.bytes().all(|b| b.is_ascii_lowercase()) {
            if let Some(n) = alpha_ordinal(s) {
                out.push(Reading {
                    level: Level::Subdivision,
                    ordinal: n,
                });
            }
            if let Some(n) = roman_value(s) {
                out.push(Reading {
                    level: Level::Clause,
                    ordinal: n,
                });
            }
        } else if s.bytes().all(|b| b.is_ascii_uppercase()) {
            if let Some(n) = alpha_ordinal(&s.to_ascii_lowercase()) {
                out.push(Reading {
                    level: Level::Subparagraph,
                    ordinal: n,
                });
            }
            if let Some(n) = roman_value(&s.to_ascii_lowercase()) {
                out.push(Reading {
                    level: Level::Subclause,
                    ordinal: n,
                });
            }
        }
        out
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

/// The label text for an ordinal at a level: (Subdivision, 5) → `e`.
pub fn label_for(level: Level, ordinal: u32) -> Option<String> {
    match level {
        Level::Subdivision => alpha_label(ordinal),
        Level::Paragraph => (ordinal > 0).then(|| ordinal.to_string()),
        Level::Subparagraph => alpha_label(ordinal).map(|s| s.to_ascii_uppercase()),
        Level::Clause => roman_label(ordinal),
        Level::Subclause => roman_label(ordinal).map(|s| s.to_ascii_uppercase()),
    }
}

fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// `(e)` → `e`. Only single-case letters or digits count: `(Reserved)` is not a label.
pub fn label_token(i: &str) -> IResult<&str, LabelToken<'_>> {
    let (rest, inner) = delimited(char('('), take_while_m_n(1, 5, is_label_char), char(')')).parse(i)?;
    let uniform = inner.bytes().all(|b| b.is_ascii_digit())
        || inner.bytes().all(|b| b.is_ascii_lowercase())
        || inner.bytes().all(|b| b.is_ascii_uppercase());
    if uniform && !LabelToken(inner).readings().is_empty() {
        Ok((rest, LabelToken(inner)))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// The labels that open a paragraph: `(e) (1) “Covered model” means` → [`e`, `1`] and the byte offset of
/// each label's `(` in `i`. Returns the rest of the paragraph after the labels and following spaces.
pub fn label_chain(i: &str) -> IResult<&str, Vec<(usize, LabelToken<'_>)>> {
    let start = i.len();
    let (mut rest, first) = label_token(i)?;
    let mut out = vec![(0, first)];
    loop {
        let offset = start - rest.len();
        match preceded(space1, label_token).parse(rest) {
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
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
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

/// `SECTION 1.` or `SEC. 2.` → `1`, `2`. The rest starts after the marker and following spaces.
pub fn bill_section_marker(i: &str) -> IResult<&str, &str> {
    let (rest, num) = preceded(
        pair(alt((tag("SECTION"), tag("SEC."))), space1),
        terminated(recognize(pair(digit1, opt(pair(char('.'), digit1)))), char('.')),
    )
    .parse(i)?;
    end_of_marker(i, rest, num)
}

/// `22602.` → `22602` (a code section number opening a paragraph).
pub fn code_section_marker(i: &str) -> IResult<&str, &str> {
    let (rest, num) = terminated(dotted_number, char('.')).parse(i)?;
    end_of_marker(i, rest, num)
}

fn end_of_marker<'a>(i: &'a str, rest: &'a str, num: &'a str) -> IResult<&'a str, &'a str> {
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, _) = space0(rest)?;
    Ok((rest, num))
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

/// `CHAPTER 22.6. Safe and Secure ...` → (Chapter, `22.6`, label `CHAPTER 22.6.`); rest is the heading text.
/// Headings are printed in capitals (`CHAPTER`) or, for articles, in title case (`Article 1.`).
pub fn heading_marker(i: &str) -> IResult<&str, (HeadingKind, &str, &str)> {
    let (rest, word) = alt((
        tag("CHAPTER"),
        tag("ARTICLE"),
        tag("PART"),
        tag("DIVISION"),
        tag("TITLE"),
        tag("Chapter"),
        tag("Article"),
    ))
    .parse(i)?;
    let (rest, _) = space1(rest)?;
    let (rest, num) = terminated(dotted_number, char('.')).parse(rest)?;
    let label = &i[..i.len() - rest.len()];
    let (rest, num) = end_of_marker(i, rest, num)?;
    let kind = HeadingKind::from_word(word).expect("alternatives above are heading words");
    Ok((rest, (kind, num, label)))
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

    #[test]
    fn label_readings_cover_the_ambiguities() {
        let r = |s: &str| LabelToken(s).readings();
        assert_eq!(
            r("i"),
            vec![
                Reading {
                    level: Level::Subdivision,
                    ordinal: 9
                },
                Reading {
                    level: Level::Clause,
                    ordinal: 1
                }
            ]
        );
        assert_eq!(r("v").len(), 2);
        assert_eq!(
            r("ii"),
            vec![
                Reading {
                    level: Level::Subdivision,
                    ordinal: 35
                },
                Reading {
                    level: Level::Clause,
                    ordinal: 2
                }
            ]
        );
        assert_eq!(
            r("iv"),
            vec![Reading {
                level: Level::Clause,
                ordinal: 4
            }]
        );
        assert_eq!(r("I").len(), 2);
        assert_eq!(
            r("II"),
            vec![
                Reading {
                    level: Level::Subparagraph,
                    ordinal: 35
                },
                Reading {
                    level: Level::Subclause,
                    ordinal: 2
                }
            ]
        );
        assert_eq!(
            r("aa"),
            vec![Reading {
                level: Level::Subdivision,
                ordinal: 27
            }]
        );
        assert_eq!(
            r("12"),
            vec![Reading {
                level: Level::Paragraph,
                ordinal: 12
            }]
        );
        assert!(r("ab").is_empty());
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
    }

    #[test]
    fn chains_and_non_labels() {
        let (rest, labels) = label_chain("(e) (1) “Covered model” means").unwrap();
        assert_eq!(rest, "“Covered model” means");
        assert_eq!(
            labels.iter().map(|(o, t)| (*o, t.0)).collect::<Vec<_>>(),
            vec![(0, "e"), (4, "1")]
        );
        assert!(label_chain("(Reserved)").is_err());
        assert!(label_chain("(a)bc").is_err());
        assert_eq!(label_chain("(a)").unwrap().0, "");
    }

    #[test]
    fn markers() {
        assert_eq!(bill_section_marker("SECTION 1. This act").unwrap(), ("This act", "1"));
        assert_eq!(bill_section_marker("SEC. 2.").unwrap(), ("", "2"));
        assert_eq!(bill_section_marker("SEC. 1.5. Text").unwrap(), ("Text", "1.5"));
        assert!(bill_section_marker("Section 2. text").is_err());
        assert_eq!(
            code_section_marker("11547.6.1. (a) There").unwrap(),
            ("(a) There", "11547.6.1")
        );
        assert_eq!(code_section_marker("22602.").unwrap(), ("", "22602"));
        assert!(code_section_marker("22602 is").is_err());
        assert!(code_section_marker("2.5x").is_err());
        let (rest, (k, n, label)) = heading_marker("CHAPTER  25.1. Transparency").unwrap();
        assert_eq!(
            (rest, k, n, label),
            ("Transparency", HeadingKind::Chapter, "25.1", "CHAPTER  25.1.")
        );
        assert!(heading_marker("Chapter 22.6 (commencing with Section 22602) is added").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(only_date("September 03, 2024").unwrap().to_string(), "2024-09-03");
        assert!(only_date("Smarch 03, 2024").is_none());
        assert!(only_date("February 30x, 2024").is_none());
    }
}
