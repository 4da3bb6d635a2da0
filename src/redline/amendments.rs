//! Amendment instructions, as data: the changes of a redline numbered and grouped the way a drafter
//! writes them — a rename once, with every provision it touches; the edits of one provision together;
//! relettering of one section in one amendment — each with its footnotes. Renderers word them.

use super::{ChangeKind, EditPiece, Location, Redline};
use serde::{Deserialize, Serialize};

/// One instruction inside an amendment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "kebab-case")]
pub enum Instruction {
    /// Strike out `from` wherever it appears and insert `to`.
    RenameThroughout {
        /// Old name.
        from: String,
        /// New name.
        to: String,
        /// Terms renamed with it.
        derived: Vec<(String, String)>,
        /// How many places.
        places: usize,
        /// The provisions touched, each once, in order.
        provisions: Vec<String>,
        /// Articles changed to agree.
        articles: usize,
    },
    /// Strike out `old` and insert `new`.
    StrikeAndInsert {
        /// Old words.
        old: String,
        /// New words.
        new: String,
    },
    /// Strike out `text`.
    Strike {
        /// The words.
        text: String,
    },
    /// Insert `text` after (or before) some words.
    InsertWords {
        /// The words.
        text: String,
        /// After these words.
        after: Option<String>,
        /// Before these words.
        before: Option<String>,
    },
    /// Add a provision, to read as `text`.
    AddProvision {
        /// What it is: "subdivision", "paragraph", "section".
        what: String,
        /// Its label as printed.
        label: String,
        /// Its text, label included.
        text: String,
        /// The existing provision it goes before (old path).
        before: Option<String>,
    },
    /// Reletter provisions: old labels to new labels, in order.
    Reletter {
        /// Old paths.
        from: Vec<String>,
        /// New paths.
        to: Vec<String>,
    },
    /// Move the provision (with what it contains) to another place.
    MoveTo {
        /// The new place.
        to: Location,
    },
    /// Strike the whole provision.
    StrikeProvision {
        /// Its text.
        text: String,
    },
    /// In a citation, change one label.
    CrossReference {
        /// The citation as written.
        citation: String,
        /// Old label.
        from: String,
        /// New label.
        to: String,
    },
}

/// A numbered amendment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    /// 1-based.
    pub number: usize,
    /// Where it applies; none for a rename throughout the bill.
    pub location: Option<Location>,
    /// What to do.
    pub instructions: Vec<Instruction>,
    /// Footnote numbers.
    pub footnotes: Vec<usize>,
    /// The changes it carries (indices into the redline's changes).
    pub changes: Vec<usize>,
}

/// The instructions for word edits inside a provision.
fn pieces(pieces: &[EditPiece]) -> Vec<Instruction> {
    pieces
        .iter()
        .map(|p| match (p.old.is_empty(), p.new.is_empty()) {
            (false, false) => Instruction::StrikeAndInsert {
                old: p.old.clone(),
                new: p.new.clone(),
            },
            (false, true) => Instruction::Strike { text: p.old.clone() },
            _ => Instruction::InsertWords {
                text: p.new.clone(),
                after: (!p.after.is_empty()).then(|| p.after.clone()),
                before: None,
            },
        })
        .collect()
}

fn add_notes(a: &mut Amendment, notes: &[usize]) {
    for n in notes {
        if !a.footnotes.contains(n) {
            a.footnotes.push(*n);
        }
    }
}

/// Which amendment a change joins: renames and inserts stand alone; renumbers group by section; everything
/// else groups by provision.
#[derive(PartialEq)]
enum Key {
    Alone,
    Reletter(String),
    Provision(String),
}

/// A path's own label: `(e)` of `22602(e)`, `3` of `SEC. 3`, `22602` of `22602`; an occurrence mark (`~2`)
/// aside.
fn own_label(path: &str) -> &str {
    let path = path.split('~').next().unwrap_or(path);
    match path.rfind('(') {
        Some(i) if path.ends_with(')') => &path[i..],
        _ => path.rsplit(' ').next().unwrap_or(path),
    }
}

/// Number and group the redline's changes.
pub fn amendments(redline: &Redline) -> Vec<Amendment> {
    let mut out: Vec<Amendment> = Vec::new();
    let mut keys: Vec<Key> = Vec::new();
    // Renames (throughout the bill) first, then in the order the bill reads.
    let mut order: Vec<usize> = (0..redline.changes.len()).collect();
    order.sort_by_key(|&i| {
        (
            !matches!(redline.changes[i].kind, ChangeKind::Rename { .. }),
            redline.changes[i].at,
        )
    });
    for i in order {
        let c = &redline.changes[i];
        // A provision whose own number or letter is unchanged (its path changed with its parent's) needs
        // no instruction of its own: "reletter (1) as (1)" is no amendment.
        if let ChangeKind::Renumber { from, to } = &c.kind
            && own_label(&from.path) == own_label(to)
        {
            continue;
        }
        let (key, location, instructions) = match &c.kind {
            ChangeKind::Move { from, to, pieces: p } => {
                let mut v = vec![Instruction::MoveTo { to: to.clone() }];
                v.extend(pieces(p));
                (Key::Provision(from.path.clone()), Some(from.clone()), v)
            }
            ChangeKind::Delete { location, text } => (
                Key::Provision(location.path.clone()),
                Some(location.clone()),
                vec![Instruction::StrikeProvision { text: text.clone() }],
            ),
            ChangeKind::Edit {
                location, pieces: p, ..
            } => (Key::Provision(location.path.clone()), Some(location.clone()), pieces(p)),
            other => {
                let (k, l, i) = one(other);
                (k, l, vec![i])
            }
        };
        let joined = if key == Key::Alone {
            None
        } else {
            keys.iter().position(|k| *k == key)
        };
        match joined {
            Some(j) => {
                let a = &mut out[j];
                for instruction in instructions {
                    match (a.instructions.last_mut(), instruction) {
                        (Some(Instruction::Reletter { from, to }), Instruction::Reletter { from: f, to: t }) => {
                            from.extend(f);
                            to.extend(t);
                        }
                        (_, ins) => a.instructions.push(ins),
                    }
                }
                a.changes.push(i);
                add_notes(a, &c.footnotes);
            }
            None => {
                let mut a = Amendment {
                    number: out.len() + 1,
                    location,
                    instructions,
                    footnotes: Vec::new(),
                    changes: vec![i],
                };
                add_notes(&mut a, &c.footnotes);
                out.push(a);
                keys.push(key);
            }
        }
    }
    out
}

/// The grouping key, location and instruction of a change with one instruction.
fn one(kind: &ChangeKind) -> (Key, Option<Location>, Instruction) {
    match kind {
        ChangeKind::Move { .. } | ChangeKind::Delete { .. } | ChangeKind::Edit { .. } => {
            unreachable!("handled by the caller")
        }
        ChangeKind::Rename {
            from,
            to,
            derived,
            occurrences,
            articles,
        } => {
            let mut provisions: Vec<String> = Vec::new();
            for o in occurrences {
                if !provisions.contains(&o.path) {
                    provisions.push(o.path.clone());
                }
            }
            (
                Key::Alone,
                None,
                Instruction::RenameThroughout {
                    from: from.clone(),
                    to: to.clone(),
                    derived: derived.clone(),
                    places: occurrences.len(),
                    provisions,
                    articles: *articles,
                },
            )
        }
        ChangeKind::Insert {
            location, text, before, ..
        } => {
            // The amendment is located at the parent; the instruction names what is added.
            let mut parent = location.clone();
            let (what, label) = match parent.levels.pop() {
                Some((k, l)) => (k.as_str().to_string(), format!("({l})")),
                None => ("section".to_string(), location.section.clone()),
            };
            parent.path = match location.path.rfind('(') {
                Some(i) if !parent.levels.is_empty() => location.path[..i].to_string(),
                _ => parent.section.clone(),
            };
            let at = (what != "section").then_some(parent);
            (
                Key::Alone,
                at,
                Instruction::AddProvision {
                    what,
                    label,
                    text: text.clone(),
                    before: before.clone(),
                },
            )
        }
        ChangeKind::Renumber { from, to } => {
            let mut section = from.clone();
            section.levels.clear();
            section.path = section.section.clone();
            (
                Key::Reletter(from.section.clone()),
                Some(section),
                Instruction::Reletter {
                    from: vec![from.path.clone()],
                    to: vec![to.clone()],
                },
            )
        }
        ChangeKind::CrossReference {
            location,
            citation,
            from,
            to,
        } => (
            Key::Provision(location.path.clone()),
            Some(location.clone()),
            Instruction::CrossReference {
                citation: citation.clone(),
                from: from.clone(),
                to: to.clone(),
            },
        ),
        ChangeKind::Replace { location, old, new } => (
            Key::Provision(location.path.clone()),
            Some(location.clone()),
            Instruction::StrikeAndInsert {
                old: old.clone(),
                new: new.clone(),
            },
        ),
        ChangeKind::Strike { location, text } => (
            Key::Provision(location.path.clone()),
            Some(location.clone()),
            Instruction::Strike { text: text.clone() },
        ),
        ChangeKind::InsertText {
            location,
            text,
            after,
            before,
        } => (
            Key::Provision(location.path.clone()),
            Some(location.clone()),
            Instruction::InsertWords {
                text: text.clone(),
                after: after.clone(),
                before: before.clone(),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProvisionKind, Span};
    use crate::redline::{Change, Occurrence};
    use crate::render::redline::amendment;

    fn at(path: &str) -> Location {
        let (section, levels) = match path.split_once('(') {
            Some((s, rest)) => (
                s.to_string(),
                rest.trim_end_matches(')')
                    .split(")(")
                    .zip([ProvisionKind::Subdivision, ProvisionKind::Paragraph])
                    .map(|(l, k)| (k, l.to_string()))
                    .collect(),
            ),
            None => (path.to_string(), Vec::new()),
        };
        Location {
            path: path.into(),
            section,
            bill_section: false,
            levels,
            style: "ca".into(),
        }
    }

    fn change(kind: ChangeKind, at: usize, note: usize) -> Change {
        Change {
            kind,
            at,
            footnotes: vec![note],
        }
    }

    fn redline(changes: Vec<Change>) -> Redline {
        Redline {
            paragraphs: Vec::new(),
            changes,
            footnotes: Vec::new(),
            coarse: false,
        }
    }

    #[test]
    fn strike_insert_and_replace_in_one_provision_are_one_amendment() {
        let r = redline(vec![
            change(
                ChangeKind::InsertText {
                    location: at("22603(a)"),
                    text: "annually".into(),
                    after: Some("protocol".into()),
                    before: None,
                },
                30,
                3,
            ),
            change(
                ChangeKind::Strike {
                    location: at("22603(a)"),
                    text: "before training".into(),
                },
                10,
                2,
            ),
            change(
                ChangeKind::Replace {
                    location: at("22603(c)"),
                    old: "shall not".into(),
                    new: "may".into(),
                },
                50,
                1,
            ),
        ]);
        let a = amendments(&r);
        assert_eq!(a.len(), 2);
        // In the order the bill reads, the edits of 22603(a) together, with both footnotes.
        assert_eq!(a[0].changes, [1, 0]);
        assert_eq!(a[0].footnotes, [2, 3]);
        assert_eq!(
            a[0].instructions,
            [
                Instruction::Strike {
                    text: "before training".into()
                },
                Instruction::InsertWords {
                    text: "annually".into(),
                    after: Some("protocol".into()),
                    before: None
                }
            ]
        );
        assert_eq!(
            amendment(&a[0]),
            "Amendment 1 [2][3] — In Section 22603, subdivision (a), strike out “before training”. Also after “protocol” insert “annually”."
        );
        assert_eq!(
            amendment(&a[1]),
            "Amendment 2 [1] — In Section 22603, subdivision (c), strike out “shall not” and insert “may”."
        );
    }

    #[test]
    fn an_unchanged_label_is_no_amendment() {
        assert_eq!(own_label("22602(e)"), "(e)");
        assert_eq!(own_label("SEC. 3"), "3");
        assert_eq!(own_label("701(a)(1)~2"), "(1)");
        let loc = |path: &str| Location {
            path: path.into(),
            section: path.split('(').next().unwrap().into(),
            bill_section: path.starts_with("SEC."),
            levels: Vec::new(),
            style: "ca".into(),
        };
        let r = Redline {
            paragraphs: Vec::new(),
            changes: vec![
                Change {
                    kind: ChangeKind::Renumber {
                        from: loc("701(a)(1)"),
                        to: "703(a)(1)".into(),
                    },
                    at: 5,
                    footnotes: Vec::new(),
                },
                Change {
                    kind: ChangeKind::Renumber {
                        from: loc("SEC. 3"),
                        to: "SEC. 3".into(),
                    },
                    at: 9,
                    footnotes: Vec::new(),
                },
            ],
            footnotes: Vec::new(),
            coarse: false,
        };
        assert!(amendments(&r).is_empty(), "{:?}", amendments(&r));
    }

    #[test]
    fn a_rename_comes_first_and_relettering_is_one_amendment() {
        let occurrence = |path: &str, start: usize| Occurrence {
            path: path.into(),
            old: "covered model".into(),
            new: "covered system".into(),
            span: Span { start, end: start + 13 },
        };
        let renumber = |from: &str, to: &str, at_: usize| {
            change(
                ChangeKind::Renumber {
                    from: at(from),
                    to: to.into(),
                },
                at_,
                2,
            )
        };
        let r = redline(vec![
            renumber("22602(d)", "22602(e)", 40),
            renumber("22602(e)", "22602(f)", 60),
            change(
                ChangeKind::Rename {
                    from: "covered model".into(),
                    to: "covered system".into(),
                    derived: Vec::new(),
                    occurrences: vec![occurrence("22602(b)", 70), occurrence("22603(a)", 90)],
                    articles: 0,
                },
                70,
                1,
            ),
        ]);
        let a = amendments(&r);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].location, None);
        assert!(matches!(
            &a[0].instructions[..],
            [Instruction::RenameThroughout { places: 2, provisions, .. }] if provisions == &["22602(b)", "22603(a)"]
        ));
        assert_eq!(
            a[1].instructions,
            [Instruction::Reletter {
                from: vec!["22602(d)".into(), "22602(e)".into()],
                to: vec!["22602(e)".into(), "22602(f)".into()],
            }]
        );
        assert_eq!(
            amendment(&a[1]),
            "Amendment 2 [2] — In Section 22602, reletter subdivisions (d) and (e) as (e) and (f), respectively."
        );
    }
}
