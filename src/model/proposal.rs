//! Amendment proposals, as written in `bills/<bill>/proposals/<name>.toml`: the file format, plain data
//! (`ingest::proposal` reads it, `propose` applies it).
//!
//! ```toml
//! title = "Regulate deployed systems, not released models"
//! summary = "..."
//! bill = "ca-sb1047"            # optional: the bill it was drafted for
//! version = "enrolled"          # optional: the version it was drafted against
//!
//! [[rules]]
//! kind = "rename-term"
//! from = "covered model"
//! to = "covered system"
//! rationale = "Why, in words a legislator reads."
//! glossary = ["ai-system", "deploy"]
//! except = ["22602(e)(1)(A)(ii)"]   # provisions whose own text is left alone (not their children)
//!
//! [[rules]]
//! kind = "define-term"
//! term = "deploy"
//! text = "“Deploy” means to ..."    # the new subdivision's text; more paragraphs on further lines
//! section = "22602"                 # optional: the definitions section (default: where the bill defines most)
//!
//! [[rules]]
//! kind = "replace-text"             # also "strike-text" (text = ...) and "insert-text" (after/before = ..., text = ...)
//! at = "22602(e)(1)(A)(i)"
//! find = "artificial intelligence model"   # the exact current text: a guard
//! replace = "artificial intelligence system"
//! ```

use serde::{Deserialize, Serialize};

/// A proposal: a title, a summary and rules applied in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Short title.
    pub title: String,
    /// What it does and why, in a paragraph or two.
    pub summary: String,
    /// The bill it was drafted for (a bill folder id), if stated.
    pub bill: Option<String>,
    /// The version it was drafted against, if stated.
    pub version: Option<String>,
    /// The rules, with the line each starts on.
    pub rules: Vec<RuleAt>,
    /// The file it came from, for messages.
    pub source_name: String,
}

/// A rule and where it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleAt {
    /// The rule.
    #[serde(flatten)]
    pub rule: Rule,
    /// Line of its `[[rules]]` header in the proposal file.
    pub line: usize,
}

/// What every rule carries for its footnote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Why {
    /// Why the change, in words a legislator reads.
    pub rationale: String,
    /// Glossary entries the footnote draws on.
    #[serde(default)]
    pub glossary: Vec<String>,
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Rule {
    /// Rename a defined term: its definition and every use the terms analysis links.
    RenameTerm {
        /// The defined term.
        from: String,
        /// Its new name.
        to: String,
        /// Also rename defined terms whose name contains `from` ("covered model derivative").
        #[serde(default = "yes")]
        derived: bool,
        /// Provisions whose own text is left alone (their nested provisions are not included).
        #[serde(default)]
        except: Vec<String>,
        /// Why.
        rationale: String,
        /// Glossary entries.
        #[serde(default)]
        glossary: Vec<String>,
    },
    /// Insert a definition, in alphabetical order, relettering what follows.
    DefineTerm {
        /// The term defined.
        term: String,
        /// The new provision's text ("“Deploy” means ..."); further paragraphs on further lines.
        text: String,
        /// The definitions section; default: the section holding the most definitions.
        #[serde(default)]
        section: Option<String>,
        /// Why.
        rationale: String,
        /// Glossary entries.
        #[serde(default)]
        glossary: Vec<String>,
    },
    /// Replace exact text in one provision.
    ReplaceText {
        /// The provision.
        at: String,
        /// The text as it reads now (guard).
        find: String,
        /// What replaces it.
        replace: String,
        /// Why.
        rationale: String,
        /// Glossary entries.
        #[serde(default)]
        glossary: Vec<String>,
    },
    /// Strike exact text from one provision.
    StrikeText {
        /// The provision.
        at: String,
        /// The text to strike, as it reads now (guard).
        text: String,
        /// Why.
        rationale: String,
        /// Glossary entries.
        #[serde(default)]
        glossary: Vec<String>,
    },
    /// Insert text into one provision, after or before exact text.
    InsertText {
        /// The provision.
        at: String,
        /// Insert after this text (guard).
        #[serde(default)]
        after: Option<String>,
        /// Insert before this text (guard).
        #[serde(default)]
        before: Option<String>,
        /// What to insert.
        text: String,
        /// Why.
        rationale: String,
        /// Glossary entries.
        #[serde(default)]
        glossary: Vec<String>,
    },
}

fn yes() -> bool {
    true
}

impl Rule {
    /// The rule's kind as written in the file.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::RenameTerm { .. } => "rename-term",
            Rule::DefineTerm { .. } => "define-term",
            Rule::ReplaceText { .. } => "replace-text",
            Rule::StrikeText { .. } => "strike-text",
            Rule::InsertText { .. } => "insert-text",
        }
    }

    /// Why, and the glossary entries.
    pub fn why(&self) -> Why {
        let (rationale, glossary) = match self {
            Rule::RenameTerm {
                rationale, glossary, ..
            }
            | Rule::DefineTerm {
                rationale, glossary, ..
            }
            | Rule::ReplaceText {
                rationale, glossary, ..
            }
            | Rule::StrikeText {
                rationale, glossary, ..
            }
            | Rule::InsertText {
                rationale, glossary, ..
            } => (rationale, glossary),
        };
        Why {
            rationale: rationale.clone(),
            glossary: glossary.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<Rule> {
        crate::propose::testing::proposal(
            "[[rules]]\nkind = \"rename-term\"\nfrom = \"covered model\"\nto = \"covered system\"\nrationale = \"Why.\"\nglossary = [\"deploy\"]\n\n[[rules]]\nkind = \"strike-text\"\nat = \"22602(e)\"\ntext = \"x\"\nrationale = \"Because.\"\n",
        )
        .rules
        .into_iter()
        .map(|r| r.rule)
        .collect()
    }

    #[test]
    fn kind_and_why() {
        let r = rules();
        assert_eq!((r[0].kind(), r[1].kind()), ("rename-term", "strike-text"));
        assert_eq!(
            r[0].why(),
            Why {
                rationale: "Why.".into(),
                glossary: vec!["deploy".into()]
            }
        );
        // `derived` is on unless the file turns it off.
        assert!(matches!(r[0], Rule::RenameTerm { derived: true, .. }));
    }
}
