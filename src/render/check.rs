//! The consistency check's findings, in words.
//!
//! `propose::check` finds what a careful drafter would look for in an amended bill and returns it as
//! data; this is where each finding becomes the sentence the CLI prints, the web pages show and a letter
//! quotes, so all of them say the same thing.

use crate::propose::check::CheckFinding;

/// One finding as one sentence.
pub fn finding(f: &CheckFinding) -> String {
    match f {
        CheckFinding::StaleTerm { term, locations } => {
            format!("“{term}” is still used after the rename, in {}", locations.join(", "))
        }
        CheckFinding::UnusedDefinition {
            term,
            location: Some(l),
        } => {
            format!("the new definition of “{term}” ({l}) is not used where it applies")
        }
        CheckFinding::UnusedDefinition { term, location: None } => {
            format!("the new text for “{term}” is not read as a definition (write it as “{term}” means ...)")
        }
        CheckFinding::MissingReference { from, citation, target } => {
            format!("{from} cites “{citation}”, but the amended bill has no {target}")
        }
        CheckFinding::OutOfOrder { section, first, second } => {
            format!("definitions in {section} are out of alphabetical order: {first} before {second}")
        }
        CheckFinding::Lettering { path, expected } => format!("{path} should be lettered ({expected})"),
        CheckFinding::Structure { path, warning } => format!("{path}: {}", super::notes::warning(warning)),
    }
}

/// Every finding, each as one sentence, in order.
pub fn findings(findings: &[CheckFinding]) -> Vec<String> {
    findings.iter().map(finding).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_finding_is_one_sentence() {
        let cases = [
            (
                CheckFinding::StaleTerm {
                    term: "covered model".into(),
                    locations: vec!["22602(d)".into(), "22603(a)".into()],
                },
                "“covered model” is still used after the rename, in 22602(d), 22603(a)",
            ),
            (
                CheckFinding::UnusedDefinition {
                    term: "affiliate".into(),
                    location: Some("22602(b)".into()),
                },
                "the new definition of “affiliate” (22602(b)) is not used where it applies",
            ),
            (
                CheckFinding::UnusedDefinition {
                    term: "affiliate".into(),
                    location: None,
                },
                "the new text for “affiliate” is not read as a definition (write it as “affiliate” means ...)",
            ),
            (
                CheckFinding::MissingReference {
                    from: "22602(f)".into(),
                    citation: "subdivision (z)".into(),
                    target: "22602(z)".into(),
                },
                "22602(f) cites “subdivision (z)”, but the amended bill has no 22602(z)",
            ),
            (
                CheckFinding::OutOfOrder {
                    section: "22602".into(),
                    first: "22602(b)".into(),
                    second: "22602(c)".into(),
                },
                "definitions in 22602 are out of alphabetical order: 22602(b) before 22602(c)",
            ),
            (
                CheckFinding::Lettering {
                    path: "22602(d)".into(),
                    expected: "c".into(),
                },
                "22602(d) should be lettered (c)",
            ),
            (
                CheckFinding::Structure {
                    path: "22602".into(),
                    warning: crate::model::WarningKind::NotFirstLabel { label: "2".into() },
                },
                "22602: label (2) opens a level but is not its first label",
            ),
        ];
        for (f, want) in &cases {
            assert_eq!(finding(f), *want);
        }
        let all: Vec<CheckFinding> = cases.iter().map(|(f, _)| f.clone()).collect();
        assert_eq!(findings(&all).len(), cases.len());
    }
}
