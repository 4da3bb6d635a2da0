//! Reading proposal files (TOML). Every rule keeps the line it starts on, so an error in applying it can
//! point at the file and line; a malformed file is an error naming the line too.

use crate::error::{Error, ProposalProblem, Result, RuleRef};
use crate::model::proposal::{Proposal, Rule, RuleAt};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: String,
    summary: String,
    #[serde(default)]
    bill: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    rules: Vec<toml::Spanned<Rule>>,
}

/// The most rules one proposal may carry (bounds the work one file, or one web request, can ask for).
pub const MAX_RULES: usize = 500;

/// Parse a proposal from its text. Pure; `source_name` is for messages.
pub fn parse(source_name: &str, text: &str) -> Result<Proposal> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let line = super::toml_line(text, &e);
        // Inside a rule: say which one (the count of [[rules]] headers above the error).
        let rule = line.and_then(|l| {
            let n = text
                .lines()
                .take(l)
                .filter(|x| x.trim_start().starts_with("[[rules]]"))
                .count();
            (n > 0).then_some(RuleRef { number: n, rule: None })
        });
        Error::Proposal {
            source_name: source_name.into(),
            line,
            rule,
            problem: Box::new(ProposalProblem::Toml {
                message: e.message().trim().to_string(),
            }),
        }
    })?;
    if raw.rules.is_empty() {
        return Err(Error::Proposal {
            source_name: source_name.into(),
            line: None,
            rule: None,
            problem: Box::new(ProposalProblem::NoRules),
        });
    }
    if raw.rules.len() > MAX_RULES {
        return Err(Error::Proposal {
            source_name: source_name.into(),
            line: None,
            rule: None,
            problem: Box::new(ProposalProblem::TooManyRules {
                count: raw.rules.len(),
                max: MAX_RULES,
            }),
        });
    }
    // Each rule's line is its `[[rules]]` header; rules written inline fall back to the parser's span.
    let headers: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[rules]]"))
        .map(|(i, _)| i + 1)
        .collect();
    let by_header = headers.len() == raw.rules.len();
    let rules = raw
        .rules
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let line = if by_header {
                headers[i]
            } else {
                super::line_at(text, s.span().start)
            };
            RuleAt {
                rule: s.into_inner(),
                line,
            }
        })
        .collect();
    Ok(Proposal {
        title: raw.title,
        summary: raw.summary,
        bill: raw.bill,
        version: raw.version,
        rules,
        source_name: source_name.into(),
    })
}

/// Read a proposal file.
pub fn read(path: &Path) -> Result<Proposal> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&path.display().to_string(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"title = "T"
summary = "S"

[[rules]]
kind = "rename-term"
from = "covered model"
to = "covered system"
rationale = "why"

[[rules]]
kind = "replace-text"
at = "22602(b)"
find = "a"
replace = "b"
rationale = "why"
glossary = ["release"]
"#;

    #[test]
    fn too_many_rules_is_an_error() {
        let rule = "[[rules]]\nkind = \"strike-text\"\nat = \"22602(a)\"\ntext = \"x\"\nrationale = \"r\"\n";
        let text = format!("title = \"T\"\nsummary = \"S\"\n{}", rule.repeat(MAX_RULES + 1));
        let e = parse("p.toml", &text).unwrap_err().to_string();
        assert!(e.contains("at most 500"), "{e}");
        let ok = format!("title = \"T\"\nsummary = \"S\"\n{}", rule.repeat(MAX_RULES));
        assert_eq!(parse("p.toml", &ok).unwrap().rules.len(), MAX_RULES);
    }

    #[test]
    fn rules_keep_their_lines() {
        let p = parse("p.toml", GOOD).unwrap();
        assert_eq!(p.rules.iter().map(|r| r.line).collect::<Vec<_>>(), [4, 10]);
        assert_eq!(p.rules[0].rule.kind(), "rename-term");
        assert!(matches!(&p.rules[0].rule, Rule::RenameTerm { derived: true, .. }));
    }

    #[test]
    fn malformed_proposals_name_the_line() {
        let e = parse(
            "p.toml",
            &GOOD.replace("kind = \"replace-text\"", "kind = \"rewrite-text\""),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("p.toml:"), "{e}");
        assert!(e.to_string().contains("rewrite-text"), "{e}");
        let e = parse("p.toml", &GOOD.replace("rationale = \"why\"\n\n", "\n\n")).unwrap_err();
        assert!(e.to_string().contains("rationale"), "{e}");
        let e = parse("p.toml", "title = \"T\"\nsummary = ").unwrap_err();
        assert!(e.to_string().starts_with("p.toml:2:"), "{e}");
        assert!(
            parse("p.toml", "title = \"T\"\nsummary = \"S\"\n")
                .unwrap_err()
                .to_string()
                .contains("no [[rules]]")
        );
    }
}
