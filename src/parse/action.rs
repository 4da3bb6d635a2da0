//! Action lines: what a bill section does to the codes.
//!
//! `Chapter 22.6 (commencing with Section 22602) is added to Division 8 of the Business and Professions
//! Code, to read:` — the target (a chapter, a section, several sections), the verb, the code, and whether
//! the new text follows. The target is parsed with the citation grammar; the verb and code are found in
//! what follows it.
//!
//! Legislatures whose laws are not "codes" name them another way, and these forms are read too:
//! New York's consolidated laws (`Subdivision 26 of section 7-104 of the election law, as added by chapter
//! 411 of the laws of 2019, is amended to read as follows:`, `The general business law is amended by adding
//! a new section 399-ppp to read as follows:`) and Washington's Revised Code (`RCW 9.41.040 and 2020 c 29 s 4
//! are each amended to read as follows:`, `A new section is added to chapter 9.41 RCW to read as follows:`).

use super::citation::{Unit, code_name};
use super::grammar::{code_number, dotted_number, label_token};
use crate::model::{Action, ActionVerb};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case},
    character::complete::{char, space1},
    combinator::recognize,
    sequence::{delimited, pair, preceded},
};

/// Parse an action line; `None` when the text is not one.
pub fn parse(text: &str) -> Option<Action> {
    law_form(text).or_else(|| code_form(text))
}

/// The verbs, longest first where one phrase starts another, and where the earliest one in `lower` is.
fn verb_in(lower: &str) -> Option<(usize, ActionVerb)> {
    [
        (" amended and renumbered", ActionVerb::AmendAndRenumber),
        (" repealed and added", ActionVerb::RepealAndAdd),
        (" amended by adding", ActionVerb::AmendByAdding),
        (" reenacted and amended", ActionVerb::Amend),
        (" added", ActionVerb::Add),
        (" amended", ActionVerb::Amend),
        (" repealed", ActionVerb::Repeal),
    ]
    .into_iter()
    .filter_map(|(w, v)| {
        [" is", " are", " are each", " is hereby", " are hereby"]
            .iter()
            .filter_map(|be| lower.find(&format!("{be}{w}")))
            .min()
            .map(|i| (i, v))
    })
    // The earliest verb; at one place, the longer phrase (listed first).
    .min_by_key(|(i, _)| *i)
}

/// A law named by its words, not as a code: `the election law`, `the general business law`, `the civil
/// practice law and rules` — lower-case words ending in `law` (and `law and rules`). Returns the name
/// without `the`.
fn law_name(i: &str) -> IResult<&str, &str> {
    let (body, _) = tag_no_case("the ").parse(i)?;
    let mut end = None;
    let mut pos = 0;
    for (n, word) in body.split(' ').enumerate().take(7) {
        let clean = word.trim_end_matches([',', '.', ';', ':']);
        if clean.is_empty() || !clean.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            break;
        }
        if clean == "law" && n > 0 {
            let mut e = pos + clean.len();
            if body[e..].starts_with(" and rules") {
                e += " and rules".len();
            }
            end = Some(e);
            break;
        }
        pos += word.len() + 1;
    }
    match end {
        Some(e) => Ok((&body[e..], &body[..e])),
        None => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag))),
    }
}

/// A level inside a section, as a consolidated law cites it: `Subdivision 26`, `paragraph (a)`,
/// `subparagraph (ii)`; the number or letter alone.
fn level_ref(i: &str) -> IResult<&str, &str> {
    let (rest, _) = alt((
        tag_no_case("subdivision"),
        tag_no_case("subparagraph"),
        tag_no_case("paragraph"),
        tag_no_case("clause"),
        tag_no_case("item"),
    ))
    .parse(i)?;
    let (rest, _) = space1(rest)?;
    alt((label_token.map(|t| t.0), code_number)).parse(rest)
}

/// The New York and Washington forms of an action line; `None` for any other text.
fn law_form(text: &str) -> Option<Action> {
    let lower = text.to_ascii_lowercase();
    let (verb_at, verb) = verb_in(&lower)?;
    let before = &text[..verb_at];
    let to_read = lower[verb_at..].contains("to read");
    // Washington: `RCW 9.41.040 and 2020 c 29 s 4`, `RCW 26.50.010, 26.50.020, and 26.50.030`.
    if let Some(rest) = before.strip_prefix("RCW ") {
        let mut sections = Vec::new();
        let mut r = rest;
        while let Ok((after, n)) = code_number(r) {
            // `2020 c 29 s 4` is a session law, not a section of the code.
            if !n.contains('.') {
                break;
            }
            sections.push(n.to_string());
            let Ok((after, _)) = alt((
                tag::<&str, &str, nom::error::Error<&str>>(", and "),
                tag(", "),
                tag(" and "),
            ))
            .parse(after) else {
                break;
            };
            r = after.strip_prefix("RCW ").unwrap_or(after);
        }
        if sections.is_empty() {
            return None;
        }
        return Some(Action {
            verb,
            target: format!("RCW {}", sections.join(", ")),
            code: Some("RCW".to_string()),
            sections,
            to_read,
            within: Vec::new(),
        });
    }
    // Washington: `A new section is added to chapter 9.41 RCW`.
    if let Some(i) = lower[verb_at..].find(" to chapter ") {
        let at = verb_at + i + " to chapter ".len();
        if let Ok((rest, n)) = code_number(&text[at..])
            && rest.starts_with(" RCW")
        {
            return Some(Action {
                verb,
                target: format!("chapter {n} RCW"),
                code: Some("RCW".to_string()),
                sections: Vec::new(),
                to_read,
                within: Vec::new(),
            });
        }
    }
    // New York: `The general business law is amended by adding a new section 399-ppp`.
    if let Ok((rest, law)) = law_name(before)
        && rest.trim().is_empty()
    {
        let after = &text[verb_at..];
        let sections = after
            .to_ascii_lowercase()
            .find(" new section ")
            .and_then(|i| code_number(&after[i + " new section ".len()..]).ok())
            .map(|(_, n)| vec![n.to_string()])
            .unwrap_or_default();
        return Some(Action {
            verb: if verb == ActionVerb::AmendByAdding && !sections.is_empty() {
                ActionVerb::Add
            } else {
                verb
            },
            target: format!("the {law}"),
            code: Some(law.to_string()),
            sections,
            to_read,
            within: Vec::new(),
        });
    }
    // New York: `Paragraph (a) of subdivision 2 of section 5-210 of the election law, as amended by …,`.
    let mut within = Vec::new();
    let mut r = before;
    while let Ok((after, label)) = level_ref(r) {
        within.push(label.to_string());
        r = after.strip_prefix(" of ")?;
    }
    let section_word = |i| -> IResult<&str, &str> { alt((tag_no_case("sections"), tag_no_case("section"))).parse(i) };
    let (after, _) = pair(section_word, space1).parse(r).ok()?;
    let (after, section) = code_number(after).ok()?;
    let (after, law) = preceded(tag(" of "), law_name).parse(after).ok()?;
    // What is left is a note of the section's history (`, as added by chapter 411 of the laws of 2019,`).
    if !(after.trim().is_empty() || after.starts_with(", as ")) {
        return None;
    }
    within.reverse();
    Some(Action {
        verb,
        target: before[..before.len() - after.len()].to_string(),
        code: Some(law.to_string()),
        sections: vec![section.to_string()],
        to_read,
        within,
    })
}

/// The California form: `Section 48859 of the Education Code is amended to read:`.
fn code_form(text: &str) -> Option<Action> {
    let cites = super::citation::find(text);
    let first = cites.first().filter(|c| c.start == 0 && !c.this)?;
    let target_end = match text[first.end..].strip_prefix(' ') {
        // "Chapter 22.6 (commencing with Section 22602)": keep the parenthetical in the target.
        Some(rest) if rest.to_ascii_lowercase().starts_with("(commencing") => {
            let r = delimited(
                char('('),
                recognize(pair(tag_no_case("commencing with section "), dotted_number)),
                char(')'),
            )
            .parse(rest)
            .ok()?
            .0;
            text.len() - r.len()
        }
        _ => first.end,
    };
    let target = &text[..target_end];
    let after = &text[target_end..];
    let lower = after.to_ascii_lowercase();
    let verb = verb_in(&lower)?.1;
    let mut sections: Vec<String> = first
        .parts
        .iter()
        .filter(|p| p.unit == Unit::Section)
        .flat_map(|p| p.refs.iter().map(|r| r.text.clone()))
        .collect();
    if let Some(i) = target.to_ascii_lowercase().find("(commencing with section ") {
        let rest = &target[i + "(commencing with section ".len()..];
        if let Ok((_, n)) = dotted_number(rest) {
            sections.push(n.to_string());
        }
    }
    let code = first.code.clone().or_else(|| last_code(after));
    Some(Action {
        verb,
        target: target.to_string(),
        code,
        sections,
        to_read: lower.contains("to read"),
        within: Vec::new(),
    })
}

/// The last code named in `text` (`... to Division 8 of the Business and Professions Code, to read:`).
fn last_code(text: &str) -> Option<String> {
    let mut found = None;
    let mut rest = text;
    while let Some(i) = rest.to_ascii_lowercase().find(" the ") {
        let after = &rest[i + " the ".len()..];
        if let Ok((r, c)) = code_name(after) {
            found = Some(c.to_string());
            rest = r;
        } else {
            rest = after;
        }
    }
    // "to the Government Code" is covered above; also accept "of Code" forms without "the".
    found.or_else(|| {
        preceded(pair(tag(" of"), space1), alt((code_name, tag("Code"))))
            .parse(text)
            .ok()
            .map(|(_, c)| c.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_added() {
        let a = parse("Chapter 22.6 (commencing with Section 22602) is added to Division 8 of the Business and Professions Code, to read:").unwrap();
        assert_eq!(a.verb, ActionVerb::Add);
        assert_eq!(a.target, "Chapter 22.6 (commencing with Section 22602)");
        assert_eq!(a.code.as_deref(), Some("Business and Professions Code"));
        assert_eq!(a.sections, vec!["22602"]);
        assert!(a.to_read);
    }

    #[test]
    fn sections_amended_and_repealed() {
        let a = parse("Section 11547.6 is added to the Government Code, to read:").unwrap();
        assert_eq!(
            (a.verb, a.code.as_deref(), a.sections.clone()),
            (ActionVerb::Add, Some("Government Code"), vec!["11547.6".to_string()])
        );
        let a = parse("Section 1102.5 of the Labor Code is amended to read:").unwrap();
        assert_eq!((a.verb, a.code.as_deref()), (ActionVerb::Amend, Some("Labor Code")));
        let a = parse("Sections 10 and 11 of the Penal Code are repealed.").unwrap();
        assert_eq!((a.verb, a.sections.len(), a.to_read), (ActionVerb::Repeal, 2, false));
        let a = parse("Section 7 of the Labor Code is amended and renumbered to read:").unwrap();
        assert_eq!(a.verb, ActionVerb::AmendAndRenumber);
    }

    #[test]
    fn capitals() {
        let a = parse("CHAPTER 7 (COMMENCING WITH SECTION 700) IS ADDED TO DIVISION 8 OF THE EXAMPLE CODE, TO READ:")
            .unwrap();
        assert_eq!(
            (a.verb, a.code.as_deref(), a.sections.clone(), a.to_read),
            (ActionVerb::Add, Some("EXAMPLE CODE"), vec!["700".to_string()], true)
        );
    }

    #[test]
    fn new_york_forms() {
        let a = parse("Subdivision 26 of section 7-104 of the election law, as added by chapter 411 of the laws of 2019, is amended to read as follows:").unwrap();
        assert_eq!(
            (
                a.verb,
                a.code.as_deref(),
                a.sections.clone(),
                a.within.clone(),
                a.to_read
            ),
            (
                ActionVerb::Amend,
                Some("election law"),
                vec!["7-104".to_string()],
                vec!["26".to_string()],
                true
            )
        );
        assert_eq!(a.target, "Subdivision 26 of section 7-104 of the election law");
        let a =
            parse("Paragraph (a) of subdivision 2 of section 5-210 of the election law is amended to read as follows:")
                .unwrap();
        assert_eq!(a.within, vec!["2", "a"]);
        let a = parse(
            "Section 1-104 of the election law is amended by adding two new subdivisions 40 and 41 to read as follows:",
        )
        .unwrap();
        assert_eq!(
            (a.verb, a.sections.clone(), a.within.len()),
            (ActionVerb::AmendByAdding, vec!["1-104".to_string()], 0)
        );
        let a =
            parse("The general business law is amended by adding a new section 399-ppp to read as follows:").unwrap();
        assert_eq!(
            (a.verb, a.code.as_deref(), a.sections.clone()),
            (
                ActionVerb::Add,
                Some("general business law"),
                vec!["399-ppp".to_string()]
            )
        );
        let a = parse("Section 3216 of the civil practice law and rules is amended to read as follows:").unwrap();
        assert_eq!(a.code.as_deref(), Some("civil practice law and rules"));
    }

    #[test]
    fn washington_forms() {
        let a = parse(
            "RCW 9.41.800 and 2019 c 245 s 1 and 2019 c 46 s 5006 are each reenacted and amended to read as follows:",
        )
        .unwrap();
        assert_eq!(
            (a.verb, a.code.as_deref(), a.sections.clone(), a.to_read),
            (ActionVerb::Amend, Some("RCW"), vec!["9.41.800".to_string()], true)
        );
        let a = parse("RCW 26.50.010, 26.50.020, and 26.50.030 are each repealed.").unwrap();
        assert_eq!((a.verb, a.sections.len()), (ActionVerb::Repeal, 3));
        let a = parse("A new section is added to chapter 9.41 RCW to read as follows:").unwrap();
        assert_eq!(
            (a.verb, a.target.as_str(), a.sections.len()),
            (ActionVerb::Add, "chapter 9.41 RCW", 0)
        );
    }

    #[test]
    fn not_action_lines() {
        assert!(parse("The Legislature finds and declares all of the following:").is_none());
        assert!(parse("This act shall be known as the Act.").is_none());
        assert!(parse("Section 2 of this act imposes a limitation.").is_none());
    }
}
