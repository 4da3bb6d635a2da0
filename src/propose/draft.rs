//! Drafting a proposal: edits to a proposal's TOML text that keep the rest of it as its author wrote it.
//!
//! The web UI's proposal builder keeps the proposal as TOML text (the same file `billdiff propose` reads),
//! and its forms add a rule, remove one, or set the title and summary. Each edit goes through `toml_edit`,
//! which keeps comments, order and layout, and the result is checked by parsing it as a proposal's TOML.

use crate::error::{Error, ProposalProblem, Result};
use crate::propose::proposal::Rule;
use serde::Serialize;
use toml_edit::{DocumentMut, value};

/// The text of a new, empty proposal for a bill.
pub fn blank(bill: &str, version: Option<&str>) -> String {
    let mut doc = DocumentMut::new();
    doc["title"] = value("");
    doc["summary"] = value("");
    doc["bill"] = value(bill);
    if let Some(v) = version {
        doc["version"] = value(v);
    }
    doc.to_string()
}

fn parse(source_name: &str, text: &str) -> Result<DocumentMut> {
    text.parse::<DocumentMut>().map_err(|e| Error::Proposal {
        source_name: source_name.into(),
        line: e.span().map(|s| crate::ingest::line_at(text, s.start)),
        rule: None,
        problem: Box::new(ProposalProblem::Toml {
            message: e.message().trim().to_string(),
        }),
    })
}

fn bad(source_name: &str, problem: ProposalProblem) -> Error {
    Error::Proposal {
        source_name: source_name.into(),
        line: None,
        rule: None,
        problem: Box::new(problem),
    }
}

fn toml(message: impl ToString) -> ProposalProblem {
    ProposalProblem::Toml {
        message: message.to_string(),
    }
}

/// Set the title and summary (multi-line summaries are written as a multi-line string).
pub fn set_heading(source_name: &str, text: &str, title: &str, summary: &str) -> Result<String> {
    let mut doc = parse(source_name, text)?;
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if doc.get("title").and_then(|t| t.as_str()) != Some(title.as_str()) {
        doc["title"] = value(title);
    }
    let summary = summary.replace("\r\n", "\n").trim().to_string();
    if doc.get("summary").and_then(|t| t.as_str()).map(str::trim) != Some(summary.as_str()) {
        doc["summary"] = value(summary);
    }
    Ok(doc.to_string())
}

/// Whether the text has rules yet (a text that does not parse counts as having them: parsing it as a
/// proposal will say what is wrong).
pub fn has_rules(text: &str) -> bool {
    text.parse::<DocumentMut>()
        .map(|d| d.get("rules").is_some())
        .unwrap_or(true)
}

/// A top-level string field as the text has it (`title`, `summary`, `version`), when the text parses.
pub fn field(text: &str, key: &str) -> Option<String> {
    let doc = text.parse::<DocumentMut>().ok()?;
    Some(
        doc.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .trim()
            .to_string(),
    )
}

/// Set a top-level string field (`version`, `bill`), when it differs.
pub fn set_field(source_name: &str, text: &str, key: &str, to: &str) -> Result<String> {
    let mut doc = parse(source_name, text)?;
    if doc.get(key).and_then(|v| v.as_str()) == Some(to) {
        return Ok(text.to_string());
    }
    doc[key] = value(to);
    Ok(doc.to_string())
}

/// Append a rule.
pub fn add_rule(source_name: &str, text: &str, rule: &Rule) -> Result<String> {
    #[derive(Serialize)]
    struct One<'a> {
        rules: [&'a Rule; 1],
    }
    let mut doc = parse(source_name, text)?;
    let one = toml::to_string(&One { rules: [rule] }).map_err(|e| bad(source_name, toml(e)))?;
    let one: DocumentMut = one
        .parse()
        .map_err(|e: toml_edit::TomlError| bad(source_name, toml(e)))?;
    let table = one["rules"]
        .as_array_of_tables()
        .and_then(|a| a.get(0))
        .cloned()
        .ok_or_else(|| bad(source_name, ProposalProblem::RuleNotATable))?;
    match doc.get_mut("rules") {
        None => {
            let mut a = toml_edit::ArrayOfTables::new();
            a.push(table);
            doc["rules"] = toml_edit::Item::ArrayOfTables(a);
        }
        Some(item) => item
            .as_array_of_tables_mut()
            .ok_or_else(|| bad(source_name, ProposalProblem::RulesNotTables))?
            .push(table),
    }
    Ok(doc.to_string())
}

/// Remove rule `index` (0-based).
pub fn remove_rule(source_name: &str, text: &str, index: usize) -> Result<String> {
    let mut doc = parse(source_name, text)?;
    let rules = doc
        .get_mut("rules")
        .and_then(|r| r.as_array_of_tables_mut())
        .ok_or_else(|| bad(source_name, ProposalProblem::NothingToRemove))?;
    if index >= rules.len() {
        return Err(bad(
            source_name,
            ProposalProblem::NoSuchRule {
                number: index + 1,
                count: rules.len(),
            },
        ));
    }
    rules.remove(index);
    if rules.is_empty() {
        doc.remove("rules");
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const WITH_COMMENTS: &str = "# drafted for the committee\ntitle = \"T\"\nsummary = \"S\"\n\n# first\n[[rules]]\nkind = \"rename-term\"\nfrom = \"a\"\nto = \"b\"\nrationale = \"r\"\n";

    #[test]
    fn adding_and_removing_rules_keeps_comments_and_parses() {
        let rule = Rule::DefineTerm {
            term: "deploy".into(),
            text: "“Deploy” means to run.".into(),
            section: None,
            rationale: "why".into(),
            glossary: vec!["deploy".into()],
        };
        let added = add_rule("p", WITH_COMMENTS, &rule).unwrap();
        assert!(added.starts_with("# drafted for the committee\n"), "{added}");
        assert!(added.contains("# first\n[[rules]]"), "{added}");
        let p = crate::ingest::proposal::parse("p", &added).unwrap();
        assert_eq!(p.rules.len(), 2);
        assert_eq!(p.rules[1].rule, rule);
        let removed = remove_rule("p", &added, 0).unwrap();
        let p = crate::ingest::proposal::parse("p", &removed).unwrap();
        assert_eq!(p.rules.len(), 1);
        assert_eq!(p.rules[0].rule, rule);
        assert!(removed.contains("# drafted for the committee"));
        assert!(
            remove_rule("p", &removed, 5)
                .unwrap_err()
                .to_string()
                .contains("no rule 6")
        );
    }

    #[test]
    fn blank_proposal_gets_rules_and_heading() {
        let b = blank("ca-sb1047", Some("enrolled"));
        let b = set_heading("p", &b, "  Systems,\n not models ", "Line one.\r\nLine two.").unwrap();
        let rule = Rule::RenameTerm {
            from: "covered model".into(),
            to: "covered system".into(),
            derived: true,
            except: vec![],
            rationale: "why".into(),
            glossary: vec![],
        };
        let b = add_rule("p", &b, &rule).unwrap();
        let p = crate::ingest::proposal::parse("p", &b).unwrap();
        assert_eq!(p.title, "Systems, not models");
        assert_eq!(p.summary, "Line one.\nLine two.");
        assert_eq!(p.bill.as_deref(), Some("ca-sb1047"));
        assert_eq!(p.rules[0].rule, rule);
        assert!(set_heading("p", "title = ", "a", "b").is_err());
    }
}
