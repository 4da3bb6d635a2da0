//! A bill against the law it amends: the bill as it would read if it changed nothing.
//!
//! A bill section that amends a section of law restates it whole ("Section 48859 of the Education Code is
//! amended to read: 48859. …"), or one part of it ("Subdivision 26 of section 7-104 of the election law …
//! is amended to read as follows: 26. …"). Its changes to existing law are the differences between the
//! restated text and the current one. So the comparison is built as a version compare: the **baseline**
//! is the bill with every restated text replaced by the current law's (found in the law store by the
//! pipeline and handed in as [`Current`]), the text a section adds left out (it is all new), and the text
//! a section repeals put in (it is all struck). Comparing the baseline with the bill gives the same
//! redline, amendments and summary as any compare, with the bill's own words (section numbers, action
//! lines, sections that change no law) unchanged in both.
//!
//! A section whose current text the store does not hold is left as the bill has it, and reported so: the
//! comparison then says nothing of it, rather than calling all of it new.

use crate::ingest::Document;
#[cfg(test)]
use crate::ingest::{InputFormat, decode};
use crate::model::{ActionVerb, Bill, Provision, ProvisionKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The current text of one section of law a bill section changes, as the law store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    /// The bill section's path (`SEC. 3`).
    pub bill_section: String,
    /// The code as the action line names it (`Education Code`, `election law`, `RCW`).
    pub code: String,
    /// The section's number as the action line names it.
    pub section: String,
    /// The section's current text; `None` when the store does not hold it.
    pub text: Option<Document>,
}

/// What a comparison is of: the change context every output names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Two versions of a bill: changes to the previous version.
    #[default]
    PreviousVersion,
    /// A bill against the current law it amends: changes to existing law.
    ExistingLaw,
}

/// How one bill section was read against current law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LawUse {
    /// The bill section (`SEC. 3`).
    pub bill_section: String,
    /// What its action line does.
    pub verb: ActionVerb,
    /// The code it names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The sections it names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    /// The part of the section it restates, outermost first (`["26"]`); empty for the whole section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    /// What became of it.
    pub outcome: Outcome,
}

/// What became of one bill section in the comparison with current law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Its restated text was compared with the current text.
    Compared,
    /// It adds new law: all of its text is new.
    Added,
    /// It repeals law: the current text is struck.
    Repealed,
    /// The store does not hold the current text: the section is left as the bill has it.
    NotInStore,
    /// The store holds the section, but not the part the bill restates (`within`).
    PartNotFound,
}

impl LawUse {
    /// Whether this section's words were read against current law (compared, added or repealed).
    pub fn read_against_law(&self) -> bool {
        matches!(self.outcome, Outcome::Compared | Outcome::Added | Outcome::Repealed)
    }
}

/// The bill sections whose action lines change law, in order: where [`baseline`] needs current text.
pub fn sections_changing_law(bill: &Bill) -> impl Iterator<Item = &Provision> {
    bill.body
        .walk()
        .filter(|p| p.kind == ProvisionKind::BillSection && p.action.is_some())
}

/// Where a provision's children lie in the body text: from the first child's start to the end of its last
/// descendant; `None` without children.
fn children_range(p: &Provision) -> Option<std::ops::Range<usize>> {
    let first = p.children.first()?;
    let mut last = p.children.last()?;
    while let Some(l) = last.children.last() {
        last = l;
    }
    Some(first.span.start..last.span.end)
}

/// The text of `doc` that the bill restates: all of it, or the part at `within` (each label found among
/// the children of the one before, starting at the top level or inside a single section of law at the
/// top). A paragraph a line; `None` when the part is not there.
fn restated_text(doc: &Document, within: &[String], bill: &Bill) -> Option<String> {
    if within.is_empty() {
        let lines: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        return Some(lines.join("\n"));
    }
    // The store may hold just the part the bill restates (`26. All paper ballots …`).
    let last = within.last().expect("within is not empty");
    let starts_with_part = doc.blocks.first().is_some_and(|b| {
        let t = b.text.to_ascii_lowercase();
        let l = last.to_ascii_lowercase();
        t.starts_with(&format!("{l}. ")) || t.starts_with(&format!("({l}) "))
    });
    let style = crate::parse::style::by_id(&bill.style);
    let Ok(law) = crate::parse::bill_in(doc, style) else {
        return starts_with_part.then(|| restated_text(doc, &[], bill)).flatten();
    };
    let same = |p: &&Provision, label: &str| p.num.eq_ignore_ascii_case(label);
    let mut level: &[Provision] = &law.body.provisions;
    // A whole section of law at the top: look inside it.
    if let [only] = level
        && !same(&only, &within[0])
        && matches!(only.kind, ProvisionKind::CodeSection | ProvisionKind::BillSection)
    {
        level = &only.children;
    }
    let mut found = None;
    for label in within {
        let Some(p) = level.iter().find(|p| same(p, label)) else {
            return starts_with_part.then(|| restated_text(doc, &[], bill)).flatten();
        };
        level = &p.children;
        found = Some(p);
    }
    found.map(|p| law.body.text_of(p).to_string())
}

/// The bill as it would read if it changed no law (see the module docs), and how each bill section that
/// changes law was read. `current` holds the store's text for the sections the bill's action lines name.
pub fn baseline(bill: &Bill, current: &[Current]) -> (Bill, Vec<LawUse>) {
    let mut by_section: HashMap<&str, Vec<&Current>> = HashMap::new();
    for c in current {
        by_section.entry(c.bill_section.as_str()).or_default().push(c);
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut uses = Vec::new();
    for p in sections_changing_law(bill) {
        let Some(a) = &p.action else { continue };
        let found: Vec<&Document> = by_section
            .get(p.path.as_str())
            .map(|cs| cs.iter().filter_map(|c| c.text.as_ref()).collect())
            .unwrap_or_default();
        let own_end = p.span.end;
        let outcome = match a.verb {
            ActionVerb::Add | ActionVerb::AmendByAdding => {
                if let Some(r) = children_range(p) {
                    edits.push((r, String::new()));
                }
                Outcome::Added
            }
            ActionVerb::Repeal => {
                if found.is_empty() {
                    Outcome::NotInStore
                } else {
                    let texts: Vec<String> = found.iter().filter_map(|d| restated_text(d, &a.within, bill)).collect();
                    edits.push((own_end..own_end, texts.join("\n") + "\n"));
                    Outcome::Repealed
                }
            }
            ActionVerb::Amend | ActionVerb::AmendAndRenumber | ActionVerb::RepealAndAdd => {
                if found.is_empty() {
                    Outcome::NotInStore
                } else {
                    let texts: Option<Vec<String>> = found.iter().map(|d| restated_text(d, &a.within, bill)).collect();
                    match texts {
                        None => Outcome::PartNotFound,
                        Some(texts) => {
                            let range = children_range(p).unwrap_or(own_end..own_end);
                            let ends_line = bill.body.text[..range.end].ends_with('\n') || range.is_empty();
                            let mut text = texts.join("\n");
                            if ends_line {
                                text.push('\n');
                            }
                            edits.push((range, text));
                            Outcome::Compared
                        }
                    }
                }
            }
        };
        uses.push(LawUse {
            bill_section: p.path.clone(),
            verb: a.verb,
            code: a.code.clone(),
            sections: a.sections.clone(),
            within: a.within.clone(),
            outcome,
        });
    }
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let old = &bill.body.text;
    let mut out = String::with_capacity(old.len());
    let mut at = 0;
    for (r, text) in &edits {
        // Bill sections do not overlap; an edit inside one already made is not possible, but is skipped.
        if r.start < at {
            continue;
        }
        out.push_str(&old[at..r.start]);
        out.push_str(text);
        at = r.end;
    }
    out.push_str(&old[at..]);
    let base = crate::parse::reparsed(bill, &Document::of_lines("existing law", &out));
    (base, uses)
}

/// The paths of the provisions in the bill sections read against law (`uses`), for scoring a redline
/// against official marks only where the comparison says something.
pub fn paths_read(bill: &Bill, uses: &[LawUse]) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for u in uses.iter().filter(|u| u.read_against_law()) {
        if let Some(p) = bill.body.find(&u.bill_section) {
            let mut stack = vec![p];
            while let Some(p) = stack.pop() {
                out.insert(p.path.clone());
                stack.extend(p.children.iter());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        decode("t", text.as_bytes(), Some(InputFormat::Text)).unwrap()
    }

    fn bill(text: &str) -> Bill {
        crate::parse::bill(&doc(text)).unwrap()
    }

    const BILL: &str = "SECTION 1. Section 100 of the Civil Code is amended to read:\n100. (a) The seller shall keep records for five years.\n(b) The buyer shall pay.\nSEC. 2. Section 200 is added to the Civil Code, to read:\n200. A new rule.\nSEC. 3. Section 300 of the Civil Code is repealed.\nSEC. 4. Section 400 of the Civil Code is amended to read:\n400. Not in the store.\n";

    fn current() -> Vec<Current> {
        let c = |s: &str, n: &str, t: Option<&str>| Current {
            bill_section: s.into(),
            code: "Civil Code".into(),
            section: n.into(),
            text: t.map(doc),
        };
        vec![
            c(
                "SEC. 1",
                "100",
                Some("100. (a) The seller shall keep records for three years.\n(b) The buyer shall pay."),
            ),
            c("SEC. 3", "300", Some("300. An old rule.")),
            c("SEC. 4", "400", None),
        ]
    }

    #[test]
    fn the_baseline_has_the_current_text_where_the_bill_restates_it() {
        let b = bill(BILL);
        let (base, uses) = baseline(&b, &current());
        let outcomes: Vec<_> = uses.iter().map(|u| (u.bill_section.as_str(), u.outcome)).collect();
        assert_eq!(
            outcomes,
            [
                ("SEC. 1", Outcome::Compared),
                ("SEC. 2", Outcome::Added),
                ("SEC. 3", Outcome::Repealed),
                ("SEC. 4", Outcome::NotInStore)
            ]
        );
        assert_eq!(
            base.body.text,
            "SECTION 1. Section 100 of the Civil Code is amended to read:\n100. (a) The seller shall keep records for three years.\n(b) The buyer shall pay.\nSEC. 2. Section 200 is added to the Civil Code, to read:\nSEC. 3. Section 300 of the Civil Code is repealed.\n300. An old rule.\nSEC. 4. Section 400 of the Civil Code is amended to read:\n400. Not in the store."
        );
        let c = crate::compare::testing::compare(&base, &b);
        assert_eq!(c.redline.old_text().matches("three").count(), 1);
        assert!(c.redline.new_text().contains("five years"));
        assert_eq!((c.summary.words_deleted, c.summary.words_inserted), (1 + 4, 1 + 3 + 1));
    }

    #[test]
    fn a_restated_part_is_found_inside_the_current_section() {
        let b = bill(
            "SECTION 1. Subdivision (b) of Section 100 of the Civil Code is amended to read:\n(b) The buyer shall pay at once.\n",
        );
        let mut cur = current();
        cur.truncate(1);
        // The action line is California's, which names no part; say which part by hand.
        let mut b2 = b.clone();
        b2.body.provisions[0].action.as_mut().unwrap().within = vec!["b".into()];
        let (base, uses) = baseline(&b2, &cur);
        assert_eq!(uses[0].outcome, Outcome::Compared);
        assert!(
            base.body.text.ends_with("(b) The buyer shall pay."),
            "{}",
            base.body.text
        );
        b2.body.provisions[0].action.as_mut().unwrap().within = vec!["c".into()];
        assert_eq!(baseline(&b2, &cur).1[0].outcome, Outcome::PartNotFound);
    }
}
