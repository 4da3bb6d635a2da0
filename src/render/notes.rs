//! The words of the parser's warnings and of the terms analysis's scope notes.
//!
//! Both are data where they are found (`model::WarningKind`, `terms::ScopeNote`); every reader — the CLI's
//! stderr, the bill page, the consistency check, JSON output — takes their words from here. In JSON they
//! are strings (`warnings[].message`, `scope.note`), as they have always been: the `Serialize` impls
//! below write these words.

use crate::model::WarningKind;
use crate::terms::ScopeNote;
use serde::{Serialize, Serializer};

/// What a parse warning says (after its path).
pub fn warning(w: &WarningKind) -> String {
    match w {
        WarningKind::Duplicate { path, cited_as } => {
            format!("{path} appears more than once; this occurrence is cited as {cited_as}")
        }
        WarningKind::OutOfSequence { label, after, read_as } => {
            let after = after
                .as_ref()
                .map_or_else(|| "the start of the section".to_string(), |a| format!("({a})"));
            // The whole sentence, label included, has always been lowercased.
            format!("label ({label}) does not follow {after} in sequence; read as a {read_as}").to_lowercase()
        }
        WarningKind::NotFirstLabel { label } => format!("label ({label}) opens a level but is not its first label"),
        WarningKind::CannotFollow { label } => {
            format!("label ({label}) cannot follow the label before it in one paragraph")
        }
        WarningKind::Read(words) => words.clone(),
    }
}

/// What a scope note says.
pub fn scope_note(n: &ScopeNote) -> String {
    match n {
        ScopeNote::Unstated => "no scope stated; taken as the section where the term is defined".into(),
        ScopeNote::HeadingNotPrinted { heading, taken_as } => {
            format!("the bill does not print the {heading} heading; taken as {taken_as}")
        }
        ScopeNote::NoEnclosingUnit { written, taken_as } => {
            format!("\"{written}\" where no such unit encloses it; taken as {taken_as}")
        }
        ScopeNote::Read(words) => words.clone(),
    }
}

impl Serialize for WarningKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&warning(self))
    }
}

impl Serialize for ScopeNote {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&scope_note(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_and_notes_keep_their_words_in_json() {
        let w = WarningKind::OutOfSequence {
            label: "A".into(),
            after: None,
            read_as: "Subparagraph".into(),
        };
        let words = "label (a) does not follow the start of the section in sequence; read as a subparagraph";
        assert_eq!(warning(&w), words);
        assert_eq!(serde_json::to_string(&w).unwrap(), format!("\"{words}\""));
        let w = WarningKind::OutOfSequence {
            label: "g".into(),
            after: Some("e".into()),
            read_as: "Subdivision".into(),
        };
        assert_eq!(
            warning(&w),
            "label (g) does not follow (e) in sequence; read as a subdivision"
        );
        let back: WarningKind = serde_json::from_str(&format!("\"{words}\"")).unwrap();
        assert_eq!(warning(&back), words);
        let n = ScopeNote::HeadingNotPrinted {
            heading: "chapter".into(),
            taken_as: "SEC. 2".into(),
        };
        assert_eq!(
            serde_json::to_string(&n).unwrap(),
            "\"the bill does not print the chapter heading; taken as SEC. 2\""
        );
        assert_eq!(
            scope_note(&ScopeNote::Unstated),
            "no scope stated; taken as the section where the term is defined"
        );
    }
}
