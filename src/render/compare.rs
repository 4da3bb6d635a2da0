//! The summary of a comparison in words: paragraphs for the heading of any redline format, the list of
//! renumbered and moved provisions, and one line per definition change.
//!
//! The compare stage hands over counts and lists; every sentence a reader sees about them is made here,
//! so the CLI and the web page say the same thing about the same comparison.

use crate::compare::Summary;

fn n(k: usize, one: &str, many: &str) -> String {
    format!("{k} {}", if k == 1 { one } else { many })
}

fn quoted(terms: &[String]) -> String {
    terms.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join(", ")
}

/// [`paragraphs`], joined by blank lines.
pub fn summary(s: &Summary) -> String {
    paragraphs(s).join("\n\n")
}

/// The heading's words before the bill's name, which name the change context: "Changes in" (to the
/// previous version) or "Changes to existing law made by".
pub fn heading_kind(context: crate::compare::law::Context) -> &'static str {
    match context {
        crate::compare::law::Context::PreviousVersion => "Changes in",
        crate::compare::law::Context::ExistingLaw => "Changes to existing law made by",
    }
}

/// The change context, as a sentence for the summary.
pub fn context(context: crate::compare::law::Context) -> &'static str {
    match context {
        crate::compare::law::Context::PreviousVersion => "Changes to the previous version.",
        crate::compare::law::Context::ExistingLaw => {
            "Changes to existing law: each section of law the bill amends or repeals, as the law store holds              it now, against the bill's text; what the bill adds is new."
        }
    }
}

/// What a file's own change marks are changes to, for the page that shows them beside billdiff's redline.
pub fn marks_context(against_law: bool) -> &'static str {
    if against_law {
        "As the file itself marks the bill's changes to the law it amends: struck text deleted, added text \
         inserted. Beside billdiff's redline above, for checking it."
    } else {
        "As the file itself marks its changes against the previous version: struck text deleted, added text \
         inserted. Beside billdiff's redline above, for checking it."
    }
}

/// How the bill sections that change law were read against the law store: counts, then the sections the
/// store could not give, which the comparison leaves as the bill has them.
pub fn law(uses: &[crate::compare::law::LawUse]) -> String {
    use crate::compare::law::Outcome;
    let n = |o: Outcome| uses.iter().filter(|u| u.outcome == o).count();
    let mut out = format!(
        "Read against current law: {} bill section{} compared with the section{} {} restate{}, {} adding law, {} repealing it.",
        n(Outcome::Compared),
        plural(n(Outcome::Compared)),
        plural(n(Outcome::Compared)),
        if n(Outcome::Compared) == 1 { "it" } else { "they" },
        if n(Outcome::Compared) == 1 { "s" } else { "" },
        n(Outcome::Added),
        n(Outcome::Repealed),
    );
    let missing: Vec<String> = uses
        .iter()
        .filter(|u| matches!(u.outcome, Outcome::NotInStore | Outcome::PartNotFound))
        .map(|u| {
            let what = match (u.sections.as_slice(), u.code.as_deref()) {
                ([], Some(c)) => c.to_string(),
                (s, Some(c)) => format!("section {} of {c}", s.join(", ")),
                (s, None) => format!("section {}", s.join(", ")),
            };
            let why = match u.outcome {
                Outcome::PartNotFound => format!("the store's text has no {}", u.within.join(" of ")),
                _ => "not in the law store".to_string(),
            };
            format!("{} ({what}: {why})", u.bill_section)
        })
        .collect();
    if !missing.is_empty() {
        out.push_str(&format!(
            " Not compared, left as the bill has them: {}.",
            missing.join("; ")
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "Agreement with the official change marks: 97.8% of the 2,417 words both redlines cover (...)": how the
/// redline scores against the marks the new version carries.
pub fn agreement(a: &crate::compare::official::Agreement) -> String {
    // An amendment in the nature of a substitute marks the whole text struck and the whole text added:
    // its marks say nothing word by word.
    if a.official > 0 && a.official_changed * 10 >= a.official * 9 {
        return format!(
            "The official change marks replace the whole text ({} of its {} words marked struck or added, as an \
             amendment in the nature of a substitute does): they say nothing word by word, so this redline is \
             not scored against them.",
            thousands(a.official_changed),
            thousands(a.official)
        );
    }
    format!(
        "Agreement with the official change marks: {:.1}% of the {} words both redlines cover ({:.1}% of \
         the {} words of the marked body, {} of them marked struck or added).",
        a.ratio() * 100.0,
        thousands(a.aligned),
        a.coverage() * 100.0,
        thousands(a.official),
        thousands(a.official_changed),
    )
}

/// `12345` → `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "3 provisions added, 1 deleted, ..." then one paragraph per kind of definition change.
pub fn paragraphs(s: &Summary) -> Vec<String> {
    let mut paras = Vec::new();
    if !s.differs() {
        paras.push("The two versions are identical.".to_string());
        return paras;
    }
    paras.push(format!(
        "{} added, {} deleted, {} moved, {} renumbered, {} changed in their words; {} struck and {} inserted.",
        n(s.added, "provision", "provisions"),
        s.deleted,
        s.moved,
        s.renumbered,
        s.changed,
        n(s.words_deleted, "word", "words"),
        n(s.words_inserted, "word", "words"),
    ));
    let d = &s.definitions;
    let scoped = |term: &str, scope: &str| format!("{term} ({scope})");
    if !d.changed.is_empty() {
        let items: Vec<String> = d
            .changed
            .iter()
            .map(|c| {
                format!(
                    "definition of “{}” changed ({} → {}; {} struck, {} inserted)",
                    scoped(&c.term, &c.scope),
                    c.old_location,
                    c.new_location,
                    c.words_deleted,
                    c.words_inserted
                )
            })
            .collect();
        paras.push(format!("Definitions changed: {}.", items.join("; ")));
    }
    if !d.added.is_empty() {
        let t: Vec<String> = d.added.iter().map(|x| scoped(&x.term, &x.scope)).collect();
        paras.push(format!("Definitions added: {}.", quoted(&t)));
    }
    if !d.removed.is_empty() {
        let t: Vec<String> = d.removed.iter().map(|x| scoped(&x.term, &x.scope)).collect();
        paras.push(format!("Definitions removed: {}.", quoted(&t)));
    }
    if !d.unchanged.is_empty() {
        paras.push(format!(
            "{} unchanged.",
            n(d.unchanged.len(), "definition", "definitions")
        ));
    }
    paras
}

/// A provision whose citation changed, as one line of a list: `old` → `new`, and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathLine {
    /// Its path in the old version.
    pub old: String,
    /// Its path in the new version.
    pub new: String,
    /// "renumbered" or "moved".
    pub what: &'static str,
}

/// The renumbered and moved provisions of the summary: a heading ("15 provisions renumbered or moved")
/// and one line each, the renumbered first; `None` when there are none.
pub fn path_changes(s: &Summary) -> Option<(String, Vec<PathLine>)> {
    let line = |what: &'static str| {
        move |p: &crate::compare::PathChange| PathLine {
            old: p.old.clone(),
            new: p.new.clone(),
            what,
        }
    };
    let lines: Vec<PathLine> = (s.renumbers.iter().map(line("renumbered")))
        .chain(s.moves.iter().map(line("moved")))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let heading = format!("{} renumbered or moved", n(lines.len(), "provision", "provisions"));
    Some((heading, lines))
}

/// Each definition change as (term, what happened): "changed: 22757.11(b) → 22757.11(c)(1) (65 words
/// struck, 207 inserted)", "added (Chapter 25.1)", "removed (Chapter 5.1)".
pub fn definition_lines(s: &Summary) -> Vec<(String, String)> {
    let d = &s.definitions;
    let mut out = Vec::new();
    for x in &d.changed {
        out.push((
            x.term.clone(),
            format!(
                "changed: {} → {} ({} words struck, {} inserted)",
                x.old_location, x.new_location, x.words_deleted, x.words_inserted
            ),
        ));
    }
    out.extend(d.added.iter().map(|x| (x.term.clone(), format!("added ({})", x.scope))));
    out.extend(
        d.removed
            .iter()
            .map(|x| (x.term.clone(), format!("removed ({})", x.scope))),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::PathChange;

    fn summary_with(renumbers: &[(&str, &str)], moves: &[(&str, &str)]) -> Summary {
        let list = |v: &[(&str, &str)]| -> Vec<PathChange> {
            v.iter()
                .map(|(o, n)| PathChange {
                    old: o.to_string(),
                    new: n.to_string(),
                })
                .collect()
        };
        Summary {
            renumbered: renumbers.len(),
            moved: moves.len(),
            renumbers: list(renumbers),
            moves: list(moves),
            ..Summary::default()
        }
    }

    #[test]
    fn path_changes_list_the_renumbered_then_the_moved() {
        let s = summary_with(&[("22602(e)", "22602(f)")], &[("22604(b)", "22603(k)")]);
        let (heading, lines) = path_changes(&s).expect("two");
        assert_eq!(heading, "2 provisions renumbered or moved");
        let got: Vec<(&str, &str, &str)> = lines.iter().map(|l| (l.old.as_str(), l.new.as_str(), l.what)).collect();
        assert_eq!(
            got,
            [
                ("22602(e)", "22602(f)", "renumbered"),
                ("22604(b)", "22603(k)", "moved")
            ]
        );
        let one = summary_with(&[], &[("22604(b)", "22603(k)")]);
        assert_eq!(path_changes(&one).expect("one").0, "1 provision renumbered or moved");
        assert_eq!(path_changes(&Summary::default()), None);
    }

    #[test]
    fn paragraphs_are_the_summary_split() {
        let s = summary_with(&[("22602(e)", "22602(f)")], &[]);
        let p = paragraphs(&s);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("0 provisions added, 0 deleted, 0 moved, 1 renumbered"),
            "{}",
            p[0]
        );
        assert_eq!(summary(&s), p.join("\n\n"));
        assert_eq!(paragraphs(&Summary::default()), ["The two versions are identical."]);
    }
}
