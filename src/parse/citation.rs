//! Citations inside bill text, written with nom.
//!
//! Bills cite their own provisions and other law in a small, regular language:
//! `subdivision (e)`, `paragraph (1) of subdivision (f)`, `subclauses (I) and (II) of clause (i)`,
//! `subparagraphs (A) to (C), inclusive`, `Section 22602`, `Sections 1102.61 and 1102.62 of the Labor Code`,
//! `Chapter 25.1 (commencing with Section 22757.10) of Division 8 of the Business and Professions Code`,
//! `this chapter`. [`find`] returns every citation in a text with the byte span of the whole citation and
//! of each label or number in it, so a later stage can resolve it against the tree and rewrite one label
//! (`(e)` → `(f)`) without touching the words around it.

use super::grammar::{HeadingKind, dotted_number, label_token};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case},
    character::complete::{char, space1},
    combinator::opt,
    sequence::{delimited, pair, preceded},
};
use serde::{Deserialize, Serialize};

/// What a citation unit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A code section (`Section 22602`).
    Section,
    /// `subdivision (a)`
    Subdivision,
    /// `paragraph (1)`
    Paragraph,
    /// `subparagraph (A)`
    Subparagraph,
    /// `clause (i)`
    Clause,
    /// `subclause (I)`
    Subclause,
    /// `Chapter 22.6`, `Article 1`, ...
    Heading(HeadingKind),
}

/// A label or number inside a citation, with its byte span in the cited text (without parentheses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ref {
    /// `e`, `1`, `22602`.
    pub text: String,
    /// Where it is.
    pub start: usize,
    /// One past its end.
    pub end: usize,
}

/// One link of a citation chain: `subdivisions (a) and (b)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// The unit named.
    pub unit: Unit,
    /// The labels or numbers.
    pub refs: Vec<Ref>,
    /// `(A) to (C), inclusive`: the refs are the ends of a range.
    pub range: bool,
}

/// A citation: its parts innermost first, as written (`paragraph (1) of subdivision (e)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// Byte offset of the citation in the text.
    pub start: usize,
    /// One past its end.
    pub end: usize,
    /// The chain of units.
    pub parts: Vec<Part>,
    /// The code named at the end (`Labor Code`), when there is one.
    pub code: Option<String>,
    /// `this section`, `this chapter`: a reference to the enclosing unit.
    pub this: bool,
}

fn unit_word(i: &str) -> IResult<&str, Unit> {
    // Longest words first: "subparagraph" before "paragraph", plurals before singulars.
    let (rest, w) = alt((
        tag_no_case("subdivisions"),
        tag_no_case("subdivision"),
        tag_no_case("subparagraphs"),
        tag_no_case("subparagraph"),
        tag_no_case("paragraphs"),
        tag_no_case("paragraph"),
        tag_no_case("subclauses"),
        tag_no_case("subclause"),
        tag_no_case("clauses"),
        tag_no_case("clause"),
    ))
    .parse(i)?;
    let w = w.to_ascii_lowercase();
    let unit = if w.starts_with("subdivision") {
        Unit::Subdivision
    } else if w.starts_with("subparagraph") {
        Unit::Subparagraph
    } else if w.starts_with("paragraph") {
        Unit::Paragraph
    } else if w.starts_with("subclause") {
        Unit::Subclause
    } else {
        Unit::Clause
    };
    Ok((rest, unit))
}

/// Separators in a list of labels or numbers; returns whether it makes a range.
fn list_sep(i: &str) -> IResult<&str, bool> {
    alt((
        tag(", and ").map(|_| false),
        tag(", or ").map(|_| false),
        tag(", ").map(|_| false),
        tag(" and ").map(|_| false),
        tag(" or ").map(|_| false),
        tag(" to ").map(|_| true),
        tag(" through ").map(|_| true),
    ))
    .parse(i)
}

/// Parses a list of items, recording each item's span relative to `base` (the full text's length).
fn item_list<'a>(
    i: &'a str,
    base: usize,
    item: impl Fn(&'a str) -> IResult<&'a str, &'a str>,
    parens: bool,
) -> IResult<&'a str, (Vec<Ref>, bool)> {
    let mk = |rest_before: &'a str, inner: &'a str| {
        let start = base - rest_before.len() + usize::from(parens);
        Ref {
            text: inner.to_string(),
            start,
            end: start + inner.len(),
        }
    };
    let (mut rest, first) = item(i)?;
    let mut refs = vec![mk(i, first)];
    let mut range = false;
    while let Ok((r, is_range)) = list_sep(rest) {
        let Ok((r2, next)) = item(r) else { break };
        refs.push(mk(r, next));
        range |= is_range;
        rest = r2;
    }
    if let Ok((r, _)) = tag::<&str, &str, nom::error::Error<&str>>(", inclusive").parse(rest) {
        rest = r;
    }
    Ok((rest, (refs, range)))
}

fn paren_label(i: &str) -> IResult<&str, &str> {
    let (rest, t) = label_token(i)?;
    Ok((rest, t.0))
}

/// `subdivision (e)` / `subclauses (I) and (II)`.
fn label_part(base: usize) -> impl Fn(&str) -> IResult<&str, Part> {
    move |i| {
        let (rest, unit) = unit_word(i)?;
        let (rest, _) = space1(rest)?;
        let (rest, (refs, range)) = item_list(rest, base, paren_label, true)?;
        Ok((rest, Part { unit, refs, range }))
    }
}

/// `Section 22602`, `Sections 1102.61 and 1102.62`.
fn section_part(base: usize) -> impl Fn(&str) -> IResult<&str, Part> {
    move |i| {
        let (rest, _) = alt((tag_no_case("sections"), tag_no_case("section"))).parse(i)?;
        let (rest, _) = space1(rest)?;
        let (rest, (refs, range)) = item_list(rest, base, dotted_number, false)?;
        Ok((
            rest,
            Part {
                unit: Unit::Section,
                refs,
                range,
            },
        ))
    }
}

/// `Chapter 22.6`, `Division 8`, `Part 2 (commencing with Section 16600)` (the parenthetical is skipped).
fn heading_part(base: usize) -> impl Fn(&str) -> IResult<&str, Part> {
    move |i| {
        let (rest, word) = alt((
            tag_no_case("chapters"),
            tag_no_case("chapter"),
            tag_no_case("articles"),
            tag_no_case("article"),
            tag_no_case("parts"),
            tag_no_case("part"),
            tag_no_case("divisions"),
            tag_no_case("division"),
            tag_no_case("titles"),
            tag_no_case("title"),
        ))
        .parse(i)?;
        let kind = HeadingKind::from_word(word.to_lowercase().trim_end_matches('s')).expect("heading words above");
        let (rest, _) = space1(rest)?;
        let (rest, (refs, range)) = item_list(rest, base, dotted_number, false)?;
        let (rest, _) = opt(preceded(
            char(' '),
            delimited(
                char('('),
                pair(tag_no_case("commencing with section "), dotted_number),
                char(')'),
            ),
        ))
        .parse(rest)?;
        Ok((
            rest,
            Part {
                unit: Unit::Heading(kind),
                refs,
                range,
            },
        ))
    }
}

/// A code's name: `Labor Code`, `Business and Professions Code`, `Code of Civil Procedure` (also in capitals).
pub fn code_name(i: &str) -> IResult<&str, &str> {
    if let Ok(r) = tag_no_case::<&str, &str, nom::error::Error<&str>>("Code of Civil Procedure").parse(i) {
        return Ok(r);
    }
    // Capitalized words (and "and") up to the word "Code".
    let mut pos = 0;
    for (words, word) in i.split(' ').enumerate() {
        let clean = word.trim_end_matches([',', '.', ';', ':', ')']);
        if clean == "Code" || clean == "CODE" {
            if words == 0 {
                break;
            }
            let end = pos + clean.len();
            return Ok((&i[end..], &i[..end]));
        }
        let capitalized = clean.len() == word.len() && word.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        if !(capitalized || word == "and" || word == "AND") || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
            break;
        }
        pos += word.len() + 1;
    }
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
}

fn this_citation(i: &str) -> IResult<&str, Unit> {
    let (rest, _) = pair(tag_no_case("this"), space1).parse(i)?;
    alt((
        unit_word,
        tag_no_case("section").map(|_| Unit::Section),
        alt((
            tag_no_case("chapter"),
            tag_no_case("article"),
            tag_no_case("part"),
            tag_no_case("division"),
            tag_no_case("title"),
        ))
        .map(|w: &str| Unit::Heading(HeadingKind::from_word(w).expect("heading words above"))),
    ))
    .parse(rest)
}

/// Parse one citation at the start of `i`; `base` is the length of the whole text `i` is a suffix of.
fn citation_at(i: &str, base: usize) -> Option<(usize, Citation)> {
    let start = base - i.len();
    if let Ok((rest, unit)) = this_citation(i) {
        // "this section" but not "this sectional".
        if rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
            return Some((
                i.len() - rest.len(),
                Citation {
                    start,
                    end: base - rest.len(),
                    parts: vec![Part {
                        unit,
                        refs: vec![],
                        range: false,
                    }],
                    code: None,
                    this: true,
                },
            ));
        }
    }
    let part = |s| alt((label_part(base), section_part(base), heading_part(base))).parse(s);
    let (mut rest, first) = part(i).ok()?;
    let mut parts = vec![first];
    while let Ok((r, p)) = preceded(tag_no_case(" of "), part).parse(rest) {
        parts.push(p);
        rest = r;
    }
    let mut code = None;
    if let Ok((r, c)) = preceded(alt((tag_no_case(" of the "), tag_no_case(" of "))), code_name).parse(rest) {
        code = Some(c.to_string());
        rest = r;
    }
    Some((
        i.len() - rest.len(),
        Citation {
            start,
            end: base - rest.len(),
            parts,
            code,
            this: false,
        },
    ))
}

/// Every citation in `text`, in order, not overlapping.
pub fn find(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut prev_alnum = false;
    while pos < text.len() {
        let c = text[pos..].chars().next().expect("pos is on a char boundary");
        if !prev_alnum && c.is_ascii_alphabetic() {
            if let Some((len, cite)) = citation_at(&text[pos..], text.len()) {
                out.push(cite);
                pos += len;
                prev_alnum = true;
                continue;
            }
        }
        prev_alnum = c.is_alphanumeric();
        pos += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(c: &Citation, text: &str) -> Vec<Vec<String>> {
        c.parts
            .iter()
            .map(|p| p.refs.iter().map(|r| text[r.start..r.end].to_string()).collect())
            .collect()
    }

    #[test]
    fn chains_with_spans() {
        let t =
            "as specified in paragraph (1) of subdivision (e) of Section 22603 of the Business and Professions Code.";
        let c = find(t);
        assert_eq!(c.len(), 1);
        let c = &c[0];
        assert_eq!(
            &t[c.start..c.end],
            "paragraph (1) of subdivision (e) of Section 22603 of the Business and Professions Code"
        );
        assert_eq!(refs(c, t), vec![vec!["1"], vec!["e"], vec!["22603"]]);
        assert_eq!(
            c.parts.iter().map(|p| p.unit).collect::<Vec<_>>(),
            vec![Unit::Paragraph, Unit::Subdivision, Unit::Section]
        );
        assert_eq!(c.code.as_deref(), Some("Business and Professions Code"));
    }

    #[test]
    fn lists_ranges_and_this() {
        let t =
            "governing subclauses (I) and (II) of clause (i) and subparagraphs (A) to (C), inclusive, of this section.";
        let c = find(t);
        assert_eq!(c.len(), 3);
        assert_eq!(refs(&c[0], t), vec![vec!["I", "II"], vec!["i"]]);
        assert!(c[1].parts[0].range);
        assert_eq!(refs(&c[1], t), vec![vec!["A", "C"]]);
        assert!(c[2].this);
        assert_eq!(c[2].parts[0].unit, Unit::Section);
    }

    #[test]
    fn sections_and_headings() {
        let t = "Sections 1102.61 and 1102.62 of the Labor Code; Chapter 25.1 (commencing with Section 22757.10) of Division 8 of the Business and Professions Code; Section 916 of the Code of Civil Procedure";
        let c = find(t);
        assert_eq!(c.len(), 3);
        assert_eq!(refs(&c[0], t), vec![vec!["1102.61", "1102.62"]]);
        assert_eq!(c[0].code.as_deref(), Some("Labor Code"));
        assert_eq!(c[1].parts[0].unit, Unit::Heading(HeadingKind::Chapter));
        assert_eq!(refs(&c[1], t), vec![vec!["25.1"], vec!["8"]]);
        assert_eq!(c[2].code.as_deref(), Some("Code of Civil Procedure"));
    }

    #[test]
    fn capitals() {
        let t = "CHAPTER 25.1 (COMMENCING WITH SECTION 22757.10) OF DIVISION 8 OF THE BUSINESS AND PROFESSIONS CODE";
        let c = find(t);
        assert_eq!(refs(&c[0], t), vec![vec!["25.1"], vec!["8"]]);
        assert_eq!(c[0].code.as_deref(), Some("BUSINESS AND PROFESSIONS CODE"));
    }

    #[test]
    fn words_that_only_look_like_citations() {
        assert!(find("the subsection (x) heading").is_empty());
        assert!(find("a clause in a contract").is_empty());
        assert!(find("this sectional view").is_empty());
    }
}
