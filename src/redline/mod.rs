//! Redlines: what changed between two texts of a bill, word by word, with the meaning of each change.
//!
//! A [`Redline`] holds two layers. The literal layer is a word-level diff of the old and new body text
//! ([`Segment`]s, grouped into the new text's paragraphs): dropping the insertions gives the old text
//! exactly, dropping the deletions gives the new text exactly. The semantic layer is the list of
//! [`Change`]s that explain it — one rename listing all its occurrences, a definition inserted, a
//! subdivision relettered, a cross-reference updated — each with footnotes. Every renderer (terminal,
//! Markdown, HTML, JSON, amendment instructions) reads this one structure; the proposal engine and the
//! version compare both produce it.
//!
//! The diff is computed paragraph by paragraph first (lines of the canonical body text), then word by word
//! inside changed paragraphs, so unchanged paragraphs cost nothing and a change never drifts into another
//! paragraph. Words are never split: tokens are runs of letters and digits, single punctuation marks, and
//! whitespace. Each word diff has a deadline; past it the paragraph is shown as deleted and re-inserted
//! whole (`coarse`), never a wrong diff.

pub mod amendments;
mod diff;
pub mod tokens;

pub use diff::{Budget, diff_texts};

use crate::model::{Bill, ProvisionKind, Span};
use serde::{Deserialize, Serialize};

/// Equal, deleted or inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text: struck through.
    Delete,
    /// Only in the new text: in italics.
    Insert,
}

/// A run of text with one op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Equal, delete, insert.
    pub op: Op,
    /// The text.
    pub text: String,
    /// Where it starts in the old text (for inserts: where it goes).
    pub old_at: usize,
    /// Where it starts in the new text (for deletes: where it was).
    pub new_at: usize,
    /// The changes (indices into [`Redline::changes`]) this segment belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<usize>,
    /// For an equal segment whose old text differs from `text` in typography alone (curly for straight
    /// quotes, spacing; see [`Budget::typography`]): the old text as it was. `text` is the new text's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
}

impl Segment {
    /// The segment's text as the old version has it.
    pub fn old_text(&self) -> &str {
        self.was.as_deref().unwrap_or(&self.text)
    }
}

/// A paragraph of the redline: segments up to a line break of either text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The provision the paragraph opens with, in the new text (or the old, for a deleted paragraph).
    pub path: String,
    /// Its segments; no segment holds a line break.
    pub segments: Vec<Segment>,
    /// Whether any segment is not equal.
    pub changed: bool,
    /// How the paragraph ends: a line break in both texts (equal), only in the old (delete: the next
    /// paragraph was joined to this one) or only in the new (insert); none for the last paragraph.
    pub end: Option<Op>,
}

/// A provision's place, for amendment instructions: "Section 22602, subdivision (e), paragraph (1)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The provision's path.
    pub path: String,
    /// The code section (`22602`) or bill section (`SEC. 2`) it is in.
    pub section: String,
    /// Whether `section` is a bill section.
    pub bill_section: bool,
    /// The levels below the section, outermost first: (kind, label without parentheses).
    pub levels: Vec<(ProvisionKind, String)>,
    /// The drafting style whose names the levels take (`subsection` in Texas); omitted for California.
    #[serde(default = "california", skip_serializing_if = "is_california")]
    pub style: String,
}

fn california() -> String {
    "ca".to_string()
}

fn is_california(s: &str) -> bool {
    s == "ca"
}

impl Location {
    /// The location of `path` in `bill` (levels from the tree; a path not in the tree gets none).
    pub fn of(bill: &Bill, path: &str) -> Location {
        let lineage = bill.body.lineage(path).unwrap_or_default();
        let sec = lineage
            .iter()
            .rposition(|p| p.kind == ProvisionKind::CodeSection)
            .or_else(|| lineage.iter().rposition(|p| p.kind == ProvisionKind::BillSection));
        match sec {
            Some(i) => Location {
                path: path.to_string(),
                section: lineage[i].path.clone(),
                bill_section: lineage[i].kind == ProvisionKind::BillSection,
                levels: lineage[i + 1..]
                    .iter()
                    .filter(|p| p.kind.is_labeled_level())
                    .map(|p| (p.kind, p.num.clone()))
                    .collect(),
                style: bill.style.clone(),
            },
            None => Location {
                path: path.to_string(),
                section: path.to_string(),
                bill_section: path.starts_with("SEC. "),
                levels: Vec::new(),
                style: bill.style.clone(),
            },
        }
    }
}

/// One place a rename touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// The provision (old path).
    pub path: String,
    /// The words before ("covered models").
    pub old: String,
    /// The words after ("covered systems").
    pub new: String,
    /// Where in the old body text.
    pub span: Span,
}

/// What a change means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ChangeKind {
    /// A defined term renamed everywhere the terms analysis links it.
    Rename {
        /// Old name.
        from: String,
        /// New name.
        to: String,
        /// Defined terms renamed with it ("covered model derivative" → "covered system derivative").
        derived: Vec<(String, String)>,
        /// Every place, in order.
        occurrences: Vec<Occurrence>,
        /// Articles changed to agree ("a" → "an").
        articles: usize,
    },
    /// A new provision (a definition) inserted.
    Insert {
        /// Where it goes (new path) and what precedes it.
        location: Location,
        /// The term it defines, if a definition.
        term: Option<String>,
        /// Its text as inserted, label included.
        text: String,
        /// The provision it is inserted before (old path), if any.
        before: Option<String>,
    },
    /// A provision relettered or renumbered; its text unchanged.
    Renumber {
        /// Old path.
        from: Location,
        /// New path.
        to: String,
    },
    /// A cross-reference updated to follow a renumbering.
    CrossReference {
        /// The citing provision.
        location: Location,
        /// The citation as written before.
        citation: String,
        /// Old label.
        from: String,
        /// New label.
        to: String,
    },
    /// Text replaced in a provision.
    Replace {
        /// Where.
        location: Location,
        /// Old words.
        old: String,
        /// New words.
        new: String,
    },
    /// Text struck from a provision.
    Strike {
        /// Where.
        location: Location,
        /// The words struck.
        text: String,
    },
    /// A provision moved to another place (with its nested provisions); its words may also have changed.
    Move {
        /// Where it was.
        from: Location,
        /// Where it is now.
        to: Location,
        /// Word edits inside it, if any.
        pieces: Vec<EditPiece>,
    },
    /// A provision deleted.
    Delete {
        /// Where it was.
        location: Location,
        /// Its text, label included.
        text: String,
    },
    /// The words of a provision changed in place.
    Edit {
        /// Where (old path), and its new path if it was also relettered.
        location: Location,
        /// New path.
        to: String,
        /// The edits: struck and inserted words, with the words before them.
        pieces: Vec<EditPiece>,
    },
    /// Text inserted into a provision.
    InsertText {
        /// Where.
        location: Location,
        /// The words inserted.
        text: String,
        /// The words it follows, if placed after them.
        after: Option<String>,
        /// The words it precedes, if placed before them.
        before: Option<String>,
    },
}

/// One edit inside a provision: words struck and words inserted, after some words that stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditPiece {
    /// Words struck (empty for a pure insertion).
    pub old: String,
    /// Words inserted (empty for a pure deletion).
    pub new: String,
    /// The few words before, which stay ("after “...” insert").
    pub after: String,
}

/// A change and its footnotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// What it is.
    #[serde(flatten)]
    pub kind: ChangeKind,
    /// Where it starts in the old body text (its first place, for a rename): amendments follow this order.
    pub at: usize,
    /// Footnote numbers (1-based, into [`Redline::footnotes`]).
    pub footnotes: Vec<usize>,
}

/// What a footnote draws from the glossary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryNote {
    /// Entry id.
    pub id: String,
    /// Headword.
    pub term: String,
    /// One-line definition.
    pub definition: String,
    /// The short technical note: the entry's first paragraph (Markdown).
    pub note: String,
    /// The whole entry (Markdown), for the outputs that can keep it a click away.
    pub footnote: String,
}

/// A footnote: why a change is proposed, and the technology behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    /// 1-based number.
    pub number: usize,
    /// The rule's rationale.
    pub rationale: String,
    /// Glossary entries it draws on.
    pub glossary: Vec<GlossaryNote>,
}

/// The whole redline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redline {
    /// Paragraphs, in the new text's order (deleted paragraphs where they were).
    pub paragraphs: Vec<Paragraph>,
    /// What the changes mean.
    pub changes: Vec<Change>,
    /// Footnotes, numbered from 1.
    pub footnotes: Vec<Footnote>,
    /// Whether some paragraph was compared whole because its word diff ran out of time.
    pub coarse: bool,
}

impl Redline {
    /// All segments in order.
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.paragraphs.iter().flat_map(|p| p.segments.iter())
    }

    /// The old text, rebuilt from the redline (equal and deleted text, and the old line breaks).
    pub fn old_text(&self) -> String {
        self.rebuild(Op::Insert)
    }

    /// The new text, rebuilt from the redline (equal and inserted text, and the new line breaks).
    pub fn new_text(&self) -> String {
        self.rebuild(Op::Delete)
    }

    fn rebuild(&self, drop: Op) -> String {
        let mut s = String::new();
        for p in &self.paragraphs {
            for seg in p.segments.iter().filter(|seg| seg.op != drop) {
                s.push_str(if drop == Op::Insert { seg.old_text() } else { &seg.text });
            }
            if p.end.is_some_and(|e| e != drop) {
                s.push('\n');
            }
        }
        s
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.paragraphs
            .iter()
            .all(|p| !p.changed && p.end != Some(Op::Delete) && p.end != Some(Op::Insert))
    }
}

/// Ties a change to the text it touches: a range of the old text (for an insertion, an empty range at the
/// insertion point) and, where known, a range of the new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// Range in the old body text.
    pub old: Option<Span>,
    /// Range in the new body text.
    pub new: Option<Span>,
    /// The change (index into the changes).
    pub change: usize,
}

/// Build a redline of two bills' body texts, with the changes that explain it; `links` let each segment
/// know the changes it belongs to.
pub fn build(
    old: &Bill,
    new: &Bill,
    changes: Vec<Change>,
    links: &[Link],
    footnotes: Vec<Footnote>,
    budget: Budget,
) -> Redline {
    let (segments, coarse) = diff_texts(&old.body.text, &new.body.text, budget);
    let (old_starts, new_starts) = (starts(old), starts(new));
    let mut paragraphs = diff::paragraphs(segments, |old_at, new_at, op| {
        let (starts, at) = if op == Op::Delete {
            (&old_starts, old_at)
        } else {
            (&new_starts, new_at)
        };
        path_at(starts, at)
    });
    for p in &mut paragraphs {
        for seg in &mut p.segments {
            if seg.op == Op::Equal {
                continue;
            }
            let hits: Vec<usize> = if seg.op == Op::Delete {
                let (a, b) = (seg.old_at, seg.old_at + seg.text.len());
                links
                    .iter()
                    .filter(|l| {
                        l.old.is_some_and(|span| {
                            a < span.end && span.start < b || span.is_empty() && a <= span.start && span.start <= b
                        })
                    })
                    .map(|l| l.change)
                    .collect()
            } else {
                // An insertion belongs to the changes whose new text it falls in; failing that, to an insertion
                // at the same place of the old text, else to the edit whose old range it falls in or ends.
                let (a, b) = (seg.new_at, seg.new_at + seg.text.len());
                let by_new: Vec<usize> = links
                    .iter()
                    .filter(|l| l.new.is_some_and(|s| a < s.end && s.start < b))
                    .map(|l| l.change)
                    .collect();
                let at = seg.old_at;
                let exact: Vec<usize> = links
                    .iter()
                    .filter(|l| l.old.is_some_and(|s| s.is_empty() && s.start == at))
                    .map(|l| l.change)
                    .collect();
                if !by_new.is_empty() {
                    by_new
                } else if !exact.is_empty() {
                    exact
                } else {
                    links
                        .iter()
                        .filter(|l| l.old.is_some_and(|s| !s.is_empty() && s.start <= at && at <= s.end))
                        .map(|l| l.change)
                        .collect()
                }
            };
            for c in hits {
                if !seg.changes.contains(&c) {
                    seg.changes.push(c);
                }
            }
        }
    }
    Redline {
        paragraphs,
        changes,
        footnotes,
        coarse,
    }
}

/// Each provision's segment start and path, in text order.
fn starts(bill: &Bill) -> Vec<(usize, &str)> {
    bill.body.walk().map(|p| (p.span.start, p.path.as_str())).collect()
}

/// The provision whose segment holds byte `at` (the last one starting at or before it).
fn path_at(starts: &[(usize, &str)], at: usize) -> String {
    let i = starts.partition_point(|(s, _)| *s <= at);
    i.checked_sub(1).map_or_else(String::new, |i| starts[i].1.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{InputFormat, decode};

    fn bill(text: &str) -> Bill {
        crate::parse::bill(&decode("t", text.as_bytes(), Some(InputFormat::Text)).unwrap()).unwrap()
    }

    const OLD: &str = "SECTION 1.\nSection 100 is added to the Example Code, to read:\n\n100.\n(a) A frontier model shall not be released.\n\n(b) (1) A developer shall test it.\n";
    const NEW: &str = "SECTION 1.\nSection 100 is added to the Example Code, to read:\n\n100.\n(a) A frontier model may be released.\n\n(b) (1) A developer shall test it.\n\n(c) A new rule.\n";

    #[test]
    fn a_redline_reconstructs_both_texts() {
        let (old, new) = (bill(OLD), bill(NEW));
        let r = build(&old, &new, vec![], &[], vec![], Budget::default());
        assert_eq!(r.old_text(), old.body.text);
        assert_eq!(r.new_text(), new.body.text);
        assert!(!r.is_empty() && !r.coarse);
        let changed: Vec<&str> = r
            .paragraphs
            .iter()
            .filter(|p| p.changed)
            .map(|p| p.path.as_str())
            .collect();
        // A paragraph is named by the provision it opens with ("100. (a) ..." is one line); the old last
        // paragraph gains a line break before the new (c), so it is changed too.
        assert_eq!(changed, ["100", "100(b)", "100(c)"]);
        let same = build(&old, &old, vec![], &[], vec![], Budget::default());
        assert!(same.is_empty());
        assert_eq!(same.new_text(), old.body.text);
    }

    #[test]
    fn links_tie_segments_to_their_change() {
        let (old, new) = (bill(OLD), bill(NEW));
        let at = old.body.text.find("shall not").unwrap();
        let change = Change {
            kind: ChangeKind::Replace {
                location: Location::of(&old, "100(a)"),
                old: "shall not".into(),
                new: "may".into(),
            },
            at,
            footnotes: vec![1],
        };
        let link = Link {
            old: Some(Span {
                start: at,
                end: at + "shall not".len(),
            }),
            new: None,
            change: 0,
        };
        let r = build(&old, &new, vec![change], &[link], vec![], Budget::default());
        let marked: Vec<(Op, &str, &[usize])> = r
            .segments()
            .filter(|s| s.op != Op::Equal && s.text.trim() != "" && !s.text.contains("new rule"))
            .map(|s| (s.op, s.text.as_str(), s.changes.as_slice()))
            .collect();
        assert_eq!(
            marked,
            [(Op::Delete, "shall not", &[0][..]), (Op::Insert, "may", &[0][..])]
        );
    }

    #[test]
    fn a_location_names_the_section_and_levels() {
        let b = bill(OLD);
        let l = Location::of(&b, "100(b)(1)");
        assert_eq!(l.section, "100");
        assert!(!l.bill_section);
        assert_eq!(
            l.levels,
            [
                (ProvisionKind::Subdivision, "b".to_string()),
                (ProvisionKind::Paragraph, "1".to_string())
            ]
        );
        let s = Location::of(&b, "SEC. 1");
        assert!(s.bill_section && s.levels.is_empty());
        assert_eq!(Location::of(&b, "999").levels, []);
    }
}
