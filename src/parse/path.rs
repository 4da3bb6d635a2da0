//! Provision paths as people type them.
//!
//! billdiff's paths are `22602(e)(1)(B)(i)(II)`, `SEC. 2(a)`, `Chapter 22.6`, `SEC. 6¶2`. Staff also
//! write `Section 22602(e)`, `§ 22602 (e) (1)`, `sec 2(a)`, `SECTION 2`; [`normalize`] turns any of these
//! into the canonical form, or says what is wrong with it. `SEC.` and `SECTION` name bill sections;
//! `Section` and `§` name code sections, as in bill text.

use super::grammar::{HeadingKind, code_number, dotted_number, label_token};
use crate::error::{Error, PathHint, PathProblem, Result};
use crate::model::{Bill, Provision};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while_m_n, take_while1},
    character::complete::{char, digit1, space0, space1},
    combinator::opt,
    multi::many0,
    sequence::{pair, preceded},
};

fn bill_section(i: &str) -> IResult<&str, String> {
    let (rest, _) = alt((
        tag("SECTION"),
        tag("SEC."),
        tag("SEC"),
        tag("Sec."),
        tag("sec."),
        tag("sec"),
    ))
    .parse(i)?;
    let (rest, n) = preceded(space0, dotted_number).parse(rest)?;
    Ok((rest, format!("SEC. {n}")))
}

fn code_section(i: &str) -> IResult<&str, String> {
    let (rest, _) = opt(pair(
        alt((tag("Section"), tag("section"), tag("Sec."), tag("§"))),
        space0,
    ))
    .parse(i)?;
    let (rest, n) = code_number(rest)?;
    Ok((rest, n.to_string()))
}

/// Container and article words of every drafting style, as paths write them.
const HEADING_WORDS: &[&str] = &[
    "Title",
    "Subtitle",
    "Division",
    "Part",
    "Chapter",
    "Subchapter",
    "Article",
    "Annex",
    "Schedule",
];

fn heading_word(i: &str) -> IResult<&str, String> {
    let (rest, word) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)?;
    let canonical = HeadingKind::from_word(word)
        .map(|k| k.as_str().to_string())
        .or_else(|| {
            HEADING_WORDS
                .iter()
                .find(|w| w.eq_ignore_ascii_case(word))
                .map(|w| w.to_string())
        })
        .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))?;
    let (rest, n) = preceded(
        space1,
        alt((
            dotted_number,
            take_while1(|c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')),
            take_while_m_n(1, 1, |c: char| c.is_ascii_uppercase()),
        )),
    )
    .parse(rest)?;
    Ok((rest, format!("{canonical} {n}")))
}

/// `Chapter 22.6`, `Article 3`, `Annex III`, `Chapter III, Section 2` (an EU section inside its chapter).
fn heading(i: &str) -> IResult<&str, String> {
    let (rest, mut out) = heading_word(i)?;
    let (rest, inner) = opt(preceded(
        pair(char(','), space0),
        pair(
            alt((tag("Section"), tag("SECTION"), tag("section"))),
            preceded(space1, digit1),
        ),
    ))
    .parse(rest)?;
    if let Some((_, n)) = inner {
        out.push_str(", Section ");
        out.push_str(n);
    }
    Ok((rest, out))
}

fn path(i: &str) -> IResult<&str, String> {
    let (rest, mut out) = preceded(space0, alt((bill_section, heading, code_section))).parse(i)?;
    let (rest, labels) = many0(preceded(space0, label_token)).parse(rest)?;
    for l in labels {
        out.push('(');
        out.push_str(l.0);
        out.push(')');
    }
    let (rest, para) = opt(preceded(pair(space0, alt((tag("¶"), tag_no_case("p")))), digit1)).parse(rest)?;
    if let Some(n) = para {
        out.push('¶');
        out.push_str(n);
    }
    let (rest, dup) = opt(preceded(char('~'), digit1)).parse(rest)?;
    if let Some(n) = dup {
        out.push('~');
        out.push_str(n);
    }
    let (rest, _) = space0(rest)?;
    Ok((rest, out))
}

/// A place as billdiff's amendment instructions name it — "Section 22602, subdivision (e), paragraph (1)",
/// "Section 3 of the bill, subdivision (a)" — as a path: `22602(e)(1)`, `SEC. 3(a)`.
fn from_description(input: &str) -> Option<String> {
    let mut parts = input.trim().split(", ");
    let first = parts.next()?;
    let num = first
        .strip_prefix("Section ")
        .or_else(|| first.strip_prefix("section "))?
        .trim();
    let mut out = match num.strip_suffix(" of the bill") {
        Some(n) => format!("SEC. {n}"),
        None => num.to_string(),
    };
    for part in parts {
        // "subdivision (e)": the level's word, then its label.
        let label = part.trim().rsplit(' ').next()?;
        if !(label.starts_with('(') && label.ends_with(')')) {
            return None;
        }
        out.push_str(label);
    }
    Some(out)
}

/// Canonical form of a provision path typed by a person (as printed, or as an amendment instruction
/// names the place).
pub fn normalize(input: &str) -> Result<String> {
    let bad = |why: PathProblem| Error::BadPath {
        path: input.to_string(),
        why,
    };
    let described = from_description(input);
    match path(described.as_deref().unwrap_or(input)) {
        Ok(("", p)) => Ok(p),
        Ok((rest, _)) => Err(bad(PathProblem::Trailing { rest: rest.to_string() })),
        Err(_) => Err(bad(PathProblem::NoSection)),
    }
}

/// The provision a typed path names, or an error with the nearest provision that does exist.
pub fn find<'a>(bill: &'a Bill, bill_name: &str, typed: &str) -> Result<&'a Provision> {
    // A path exactly as billdiff prints it needs no reading.
    if let Some(p) = bill.body.find(typed.trim()) {
        return Ok(p);
    }
    let path = normalize(typed)?;
    if let Some(p) = bill.body.find(&path) {
        return Ok(p);
    }
    // Walk up the path until something exists, and say what is there.
    let mut prefix = path.as_str();
    let hint = loop {
        let cut = prefix.rfind(['(', '¶', '~']).filter(|&i| i > 0);
        let Some(i) = cut else { break None };
        prefix = &prefix[..i];
        if let Some(p) = bill.body.find(prefix) {
            let kids: Vec<String> = p.children.iter().map(|c| c.path[p.path.len()..].to_string()).collect();
            let prefix = prefix.to_string();
            break Some(if kids.is_empty() {
                PathHint::NoNested { prefix }
            } else {
                PathHint::Contains { prefix, children: kids }
            });
        }
    };
    Err(Error::ProvisionNotFound {
        bill: bill_name.to_string(),
        path,
        hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_normalize() {
        for (typed, canonical) in [
            ("22602(e)(1)(B)(i)(II)", "22602(e)(1)(B)(i)(II)"),
            (" § 22602 (e) (1) ", "22602(e)(1)"),
            ("Section 22602, subdivision (e), paragraph (1)", "22602(e)(1)"),
            ("Section 3 of the bill, subdivision (a)", "SEC. 3(a)"),
            ("Section 11547.6.1(a)", "11547.6.1(a)"),
            ("SEC. 2(a)", "SEC. 2(a)"),
            ("sec 2 (a)", "SEC. 2(a)"),
            ("SECTION 1", "SEC. 1"),
            ("chapter 22.6", "Chapter 22.6"),
            ("SEC. 6¶2", "SEC. 6¶2"),
            ("SEC. 6 p2", "SEC. 6¶2"),
            ("22602~2", "22602~2"),
            ("551.001(3)", "551.001(3)"),
            ("§ 551.001 (b-1)", "551.001(b-1)"),
            ("§ 399-ppp(2)(a)", "399-ppp(2)(a)"),
            ("6-1-1701(7)", "6-1-1701(7)"),
            ("Article 3(1)", "Article 3(1)"),
            ("article 5 (1) (a)", "Article 5(1)(a)"),
            ("Annex III(1)(a)", "Annex III(1)(a)"),
            ("Chapter III, Section 2", "Chapter III, Section 2"),
            ("Part 17", "Part 17"),
            ("Subchapter A", "Subchapter A"),
        ] {
            assert_eq!(normalize(typed).unwrap(), canonical, "{typed}");
        }
    }

    #[test]
    fn malformed_paths_say_why() {
        assert!(normalize("").is_err());
        assert!(normalize("22602(e").unwrap_err().to_string().contains("cannot read"));
        assert!(normalize("covered model").is_err());
    }
}
