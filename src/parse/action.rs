//! Action lines: what a bill section does to the codes.
//!
//! `Chapter 22.6 (commencing with Section 22602) is added to Division 8 of the Business and Professions
//! Code, to read:` — the target (a chapter, a section, several sections), the verb, the code, and whether
//! the new text follows. The target is parsed with the citation grammar; the verb and code are found in
//! what follows it.

use super::citation::{Unit, code_name};
use super::grammar::dotted_number;
use crate::model::{Action, ActionVerb};
use nom::{
    Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case},
    character::complete::{char, space1},
    combinator::recognize,
    sequence::{delimited, pair, preceded},
};

/// Parse an action line; `None` when the text is not one.
pub fn parse(text: &str) -> Option<Action> {
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
    let verb = [
        (" amended and renumbered", ActionVerb::AmendAndRenumber),
        (" repealed and added", ActionVerb::RepealAndAdd),
        (" added", ActionVerb::Add),
        (" amended", ActionVerb::Amend),
        (" repealed", ActionVerb::Repeal),
    ]
    .into_iter()
    .filter_map(|(w, v)| {
        lower
            .find(&format!(" is{w}"))
            .or_else(|| lower.find(&format!(" are{w}")))
            .map(|i| (i, v))
    })
    .min_by_key(|(i, _)| *i)?
    .1;
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
    fn not_action_lines() {
        assert!(parse("The Legislature finds and declares all of the following:").is_none());
        assert!(parse("This act shall be known as the Act.").is_none());
        assert!(parse("Section 2 of this act imposes a limitation.").is_none());
    }
}
