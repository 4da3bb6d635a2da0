//! Provision paths as people type them.
//!
//! billdiff's paths are `22602(e)(1)(B)(i)(II)`, `SEC. 2(a)`, `Chapter 22.6`, `SEC. 6¶2`. Staff also
//! write `Section 22602(e)`, `§ 22602 (e) (1)`, `sec 2(a)`, `SECTION 2`; [`normalize`] turns any of these
//! into the canonical form, or says what is wrong with it. `SEC.` and `SECTION` name bill sections;
//! `Section` and `§` name code sections, as in bill text.

use super::grammar::{HeadingKind, dotted_number, label_token};
use crate::error::{Error, PathHint, PathProblem, Result};
use crate::model::{Bill, Provision};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while1},
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
    let (rest, _) = opt(pair(alt((tag("Section"), tag("section"), tag("§"))), space0)).parse(i)?;
    let (rest, n) = dotted_number(rest)?;
    Ok((rest, n.to_string()))
}

fn heading(i: &str) -> IResult<&str, String> {
    let (rest, word) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)?;
    let kind = HeadingKind::from_word(word)
        .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))?;
    let (rest, n) = preceded(space1, dotted_number).parse(rest)?;
    Ok((rest, format!("{} {n}", kind.as_str())))
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

/// Canonical form of a provision path typed by a person.
pub fn normalize(input: &str) -> Result<String> {
    let bad = |why: PathProblem| Error::BadPath {
        path: input.to_string(),
        why,
    };
    match path(input) {
        Ok(("", p)) => Ok(p),
        Ok((rest, _)) => Err(bad(PathProblem::Trailing { rest: rest.to_string() })),
        Err(_) => Err(bad(PathProblem::NoSection)),
    }
}

/// The provision a typed path names, or an error with the nearest provision that does exist.
pub fn find<'a>(bill: &'a Bill, bill_name: &str, typed: &str) -> Result<&'a Provision> {
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
            ("Section 11547.6.1(a)", "11547.6.1(a)"),
            ("SEC. 2(a)", "SEC. 2(a)"),
            ("sec 2 (a)", "SEC. 2(a)"),
            ("SECTION 1", "SEC. 1"),
            ("chapter 22.6", "Chapter 22.6"),
            ("SEC. 6¶2", "SEC. 6¶2"),
            ("SEC. 6 p2", "SEC. 6¶2"),
            ("22602~2", "22602~2"),
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
