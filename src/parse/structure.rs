//! Building the provision tree from the body's blocks, as a drafting [`Style`] declares the markers.
//!
//! Each block opens with at most one marker — a bill section (`SEC. 3.`, `Section 1.`, `NEW SECTION. Sec.
//! 2.`), a container heading (`CHAPTER 22.6.`, `SUBCHAPTER A.`, `TITLE I—`, `ANNEX III`), a section of law
//! (`22602.`, `Sec. 551.001.`, `§ 1420.`, `Article 3`, `1 Interpretation`) — followed by zero or more labels
//! (`(e) (1)`, `1. (a)`) and then text. A block with no marker and no label is an unlabeled paragraph: the
//! text of the marker just before it when that marker stood alone (`### 22757.10.` then `This chapter shall
//! ...`; `Article 3` then `Definitions`), otherwise a paragraph of its own inside the enclosing unit (`SEC.
//! 6¶2`).
//!
//! Sections of law appear inside text a bill section adds ("... is added to read:", "... to read as
//! follows:"), or anywhere in a text with no bill sections (code text, an EU regulation, a UK Act). Where the
//! same marker could open either a bill section or a section of law (New York's `§ 2.` and `§ 1420.`), the
//! one that continues the bill's numbering is a bill section. Containers the style marks `bill_level` group
//! the bill's own sections (a federal bill's `TITLE I`); the others group sections of law.
//!
//! Labels are placed with a stack of open levels. A label's readings (see `grammar`) are tried against
//! the stack: it can continue a level that is open (`(f)` after `(e)`, `(b-1)` after `(b)`), or open the
//! level just below the deepest one (`(A)` after `(1)`, always at its first label). When both readings of an
//! ambiguous label fit — `(i)` after `(h)` while a subparagraph is open — the layout's indentation decides
//! where there is one; otherwise a parent whose text ends with a colon (or has no text) takes a first child,
//! and a parent that ends its sentence does not. Labels after the first in one paragraph (`(e) (1)`) always
//! open the next level.
//!
//! The body text is rebuilt canonically as the tree is built: each paragraph on its own line, a marker
//! and the text that follows it on one line. Every provision's span is its own segment of that text,
//! label and trailing separator included, so the spans tile the body text exactly.

use super::action;
use super::grammar::{self, Level, Reading};
use super::style::Style;
use crate::ingest::Block;
use crate::model::{Action, Body, ParseWarning, Provision, ProvisionKind, Span, WarningKind};
use std::collections::HashMap;

/// A node under construction; children by index.
struct Node {
    kind: ProvisionKind,
    path: String,
    label: String,
    num: String,
    text: String,
    start: usize,
    action: Option<Action>,
    code: Option<String>,
    children: Vec<usize>,
    /// The node it was placed in.
    parent: Option<usize>,
}

/// An open labeled level.
struct Open {
    reading: Reading,
    node: usize,
}

/// Where labeled provisions and unlabeled paragraphs currently go.
struct Section {
    /// The unit; `None` at the top of a fragment.
    node: Option<usize>,
    /// Labeled levels open inside it, outermost first.
    stack: Vec<Open>,
    /// Unlabeled paragraphs after its lead text so far.
    paragraphs: usize,
    /// Quoted law inside a provision: its first label starts the amended law's own ladder, at the
    /// outermost level that can read it (`“(i)` is that law's ninth subsection).
    quoted: bool,
}

impl Section {
    fn of(node: Option<usize>) -> Section {
        Section {
            node,
            stack: Vec::new(),
            paragraphs: 0,
            quoted: false,
        }
    }
}

struct Builder<'s> {
    style: &'s Style,
    /// No bill sections: everything is text of the law.
    unbilled: bool,
    nodes: Vec<Node>,
    roots: Vec<usize>,
    text: String,
    /// Paths used so far, with how often each was asked for.
    paths: HashMap<String, usize>,
    warnings: Vec<ParseWarning>,
    /// The current bill section.
    bill_section: Option<usize>,
    /// Whether the current bill section adds text to the law ("... to read:").
    adds_law_text: bool,
    /// Open containers of bill sections, outermost first, with their ranks.
    bill_headings: Vec<(u8, usize)>,
    /// Open containers of the law's text, outermost first.
    headings: Vec<(u8, usize)>,
    /// The current section of law, if inside one.
    code_section: Option<Section>,
    /// The section of law was opened inside quotation marks (federal amending text).
    quoted_section: bool,
    /// The quotation that opened it has not been closed yet.
    quote_open: bool,
    /// The section of law quoted law was opened in, to return to when the quotation ends.
    outer_section: Option<Section>,
    /// Labels directly under the innermost container (an annex's points).
    container_levels: Option<Section>,
    /// A quoted heading of amended law is open: the heading stack's length and the levels in use before
    /// it, restored when the quotation ends.
    quoted_heading: Option<(usize, Option<Section>, Option<Section>)>,
    /// The bill section's own labeled levels (text not inside any section of law).
    bill_levels: Option<Section>,
    /// Labels before any unit (a fragment).
    root_levels: Section,
    /// The node created last, if it has no text yet: the next unlabeled block becomes its text.
    awaiting_text: Option<usize>,
}

/// Whether a bill section's text says new law text follows.
fn adds_law_text(text: &str) -> bool {
    let t = text.trim_end().to_ascii_lowercase();
    ["to read:", "as follows:", "the following:", "to read"]
        .iter()
        .any(|e| t.ends_with(e))
}

/// `4.5` → (4, Some(5)).
fn section_number(num: &str) -> Option<(u32, bool)> {
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) => (i, !f.is_empty()),
        None => (num, false),
    };
    Some((int.parse().ok()?, frac))
}

impl<'s> Builder<'s> {
    fn unique_path(&mut self, path: String) -> String {
        // Each path maps to how many times it has been used; a repeat is cited as `path~N`.
        let seen = self.paths.entry(path.clone()).or_insert(0);
        *seen += 1;
        if *seen == 1 {
            return path;
        }
        let mut n = *seen;
        let candidate = loop {
            let c = format!("{path}~{n}");
            if !self.paths.contains_key(&c) {
                break c;
            }
            n += 1;
        };
        self.paths.insert(candidate.clone(), 1);
        self.warnings.push(ParseWarning {
            path: candidate.clone(),
            kind: WarningKind::Duplicate {
                path: path.to_string(),
                cited_as: candidate.clone(),
            },
        });
        candidate
    }

    /// Start a new segment of the body text; `same_paragraph` joins it to the previous one with a space.
    fn start_segment(&mut self, same_paragraph: bool) -> usize {
        if !self.text.is_empty() {
            self.text.push(if same_paragraph { ' ' } else { '\n' });
        }
        self.text.len()
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        parent: Option<usize>,
        kind: ProvisionKind,
        path: String,
        label: &str,
        num: &str,
        text: &str,
        same_paragraph: bool,
    ) -> usize {
        let start = self.start_segment(same_paragraph);
        self.text.push_str(label);
        if !text.is_empty() {
            if !label.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(text);
        }
        let path = self.unique_path(path);
        let code = parent.and_then(|p| self.nodes[p].code.clone());
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            path,
            label: label.to_string(),
            num: num.to_string(),
            text: text.to_string(),
            start,
            action: None,
            code,
            children: Vec::new(),
            parent,
        });
        match parent {
            Some(p) => self.nodes[p].children.push(id),
            None => self.roots.push(id),
        }
        id
    }

    /// Append text to a node that had none (its marker stood alone in the previous block).
    fn set_text(&mut self, id: usize, text: &str) {
        self.text.push(' ');
        self.text.push_str(text);
        self.nodes[id].text = text.to_string();
    }

    fn in_law_text(&self) -> bool {
        self.unbilled || self.code_section.is_some() || !self.headings.is_empty() || self.adds_law_text
    }

    /// Whether a bill section numbered `num` continues the bill's numbering.
    fn continues_bill(&self, num: &str) -> bool {
        let Some((next, frac)) = section_number(num) else {
            return false;
        };
        match self.bill_section.and_then(|b| section_number(&self.nodes[b].num)) {
            None => next == 1 || self.bill_section.is_none(),
            Some((prev, _)) => next == prev + 1 || (next == prev && frac),
        }
    }

    /// Whether a bill-level container numbered `num` continues the last one of its name.
    fn continues_heading(&self, c: &super::style::Container, num: &str) -> bool {
        let value = |n: &str| {
            grammar::roman_value(&n.to_ascii_lowercase())
                .filter(|_| c.number == super::style::NumberKind::Roman)
                .or_else(|| n.parse().ok())
                .or_else(|| grammar::alpha_ordinal(&n.to_ascii_lowercase()))
        };
        let last = self
            .bill_headings
            .iter()
            .rev()
            .find(|(_, id)| self.nodes[*id].path.starts_with(&format!("{} ", c.name)))
            .and_then(|(_, id)| value(&self.nodes[*id].num));
        match (last, value(num)) {
            (Some(l), Some(n)) => n == l + 1,
            (None, Some(n)) => n == 1,
            _ => false,
        }
    }

    fn bill_section(&mut self, label: &str, num: &str, text: &str) {
        let path = format!("SEC. {num}");
        let parent = self.bill_headings.last().map(|(_, id)| *id);
        let id = self.push(parent, ProvisionKind::BillSection, path, label, num, text, false);
        self.bill_section = Some(id);
        self.headings.clear();
        self.code_section = None;
        self.outer_section = None;
        self.quoted_section = false;
        self.container_levels = None;
        self.bill_levels = Some(Section::of(Some(id)));
        self.set_action(id);
    }

    fn set_action(&mut self, id: usize) {
        let text = self.nodes[id].text.clone();
        let a = action::parse(&text);
        self.nodes[id].code = a.as_ref().and_then(|a| a.code.clone());
        self.adds_law_text = a.as_ref().is_some_and(|a| a.to_read) || adds_law_text(&text);
        self.nodes[id].action = a;
    }

    /// A container heading: of bill sections (`bill_level`) or of the law's text.
    /// Whether the provisions open here amend a table of contents ("The table of contents in section 1(b)
    /// … is amended … by inserting after the item for title II the following:"): the headings they quote
    /// are its items, not headings of the law.
    fn amends_contents(&self) -> bool {
        let open = self.section_ref().stack.iter().map(|o| o.node);
        open.chain(self.bill_section).any(|id| {
            let t = self.nodes[id].text.to_lowercase();
            t.contains("table of contents") || t.contains("after the item for") || t.contains("before the item for")
        })
    }

    fn heading(&mut self, c: &super::style::Container, m: &grammar::MarkerMatch<'_>, prefix: &str) {
        let label = format!("{prefix}{}", m.label);
        let rank = c.rank;
        // A quoted heading (`“Subtitle A—…`) is a heading of the law being amended, inside the bill section
        // that quotes it, however high it ranks in the bill.
        let bill_level = c.bill_level && prefix.is_empty();
        if !prefix.is_empty() && self.quoted_heading.is_none() {
            self.quoted_heading = Some((
                self.headings.len(),
                self.container_levels.take(),
                self.code_section.take(),
            ));
        }
        let stack = if bill_level {
            &mut self.bill_headings
        } else {
            &mut self.headings
        };
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            stack.pop();
        }
        let enclosing = stack.last().map(|(_, id)| *id);
        let (parent, qualifier) = if bill_level {
            self.bill_section = None;
            self.bill_levels = None;
            self.adds_law_text = false;
            self.headings.clear();
            (enclosing, enclosing)
        } else {
            (enclosing.or(self.bill_section), enclosing)
        };
        let own = format!("{} {}", c.name, m.num);
        let path = match qualifier.filter(|_| c.qualified) {
            Some(q) => format!("{}, {own}", self.nodes[q].path),
            None => own,
        };
        let id = self.push(parent, ProvisionKind::Heading, path, &label, m.num, m.rest, false);
        if bill_level {
            self.bill_headings.push((rank, id));
        } else {
            self.headings.push((rank, id));
        }
        self.code_section = None;
        self.container_levels = Some(Section::of(Some(id)));
        self.awaiting_text = m.rest.is_empty().then_some(id);
    }

    fn code_section(&mut self, label: &str, path: String, num: &str, text: &str) {
        // A section of quoted law sits in the provision that quotes it; a second quoted section beside the
        // first, in the same host.
        let host = if label.starts_with(['“', '"']) || self.quoted_section {
            let host = match (&self.code_section, self.quoted_section) {
                (Some(s), true) => s.node.and_then(|n| self.parent_of(n)),
                _ => self
                    .section_ref()
                    .stack
                    .last()
                    .map(|o| o.node)
                    .or(self.section_ref().node),
            };
            if !self.quoted_section {
                self.outer_section = self.code_section.take();
                self.quoted_section = true;
            }
            host
        } else {
            None
        };
        let parent = host
            .or(self.headings.last().map(|(_, id)| *id))
            .or(self.bill_section)
            .or(self.bill_headings.last().map(|(_, id)| *id));
        let id = self.push(parent, ProvisionKind::CodeSection, path, label, num, text, false);
        self.code_section = Some(Section::of(Some(id)));
    }

    /// The parent of a node.
    fn parent_of(&self, id: usize) -> Option<usize> {
        self.nodes[id].parent
    }

    fn section_mut(&mut self) -> &mut Section {
        if let Some(s) = self.code_section.as_mut() {
            return s;
        }
        if let Some(s) = self.container_levels.as_mut() {
            return s;
        }
        if let Some(s) = self.bill_levels.as_mut() {
            return s;
        }
        &mut self.root_levels
    }

    fn section_ref(&self) -> &Section {
        self.code_section
            .as_ref()
            .or(self.container_levels.as_ref())
            .or(self.bill_levels.as_ref())
            .unwrap_or(&self.root_levels)
    }

    fn section_path(&self) -> String {
        self.section_ref()
            .node
            .map_or_else(String::new, |n| self.nodes[n].path.clone())
    }

    /// Place the labels of one block; `text` goes to the last label. `prefix` is printed before the first
    /// label (the opening quotation mark of quoted law).
    fn labels(
        &mut self,
        labels: &[(usize, grammar::LabelToken<'_>)],
        text: &str,
        indent: Option<u8>,
        mut same_paragraph: bool,
        prefix: &str,
    ) {
        let mut prev: Option<Level> = None;
        for (i, (_, token)) in labels.iter().enumerate() {
            let readings = token.readings(self.style);
            let own_text = if i + 1 == labels.len() { text } else { "" };
            let chosen = match prev {
                None => self.resolve_first(&readings, indent, token.0),
                Some(p) => self.resolve_chained(&readings, p, token.0),
            };
            let sec = self.section_mut();
            while sec.stack.last().is_some_and(|o| o.reading.level >= chosen.level) {
                sec.stack.pop();
            }
            let parent = sec.stack.last().map(|o| o.node).or(sec.node);
            let mut path = self.section_path();
            for o in &self.section_ref().stack {
                path.push('(');
                path.push_str(&self.nodes[o.node].num);
                path.push(')');
            }
            path.push('(');
            path.push_str(token.0);
            path.push(')');
            let kind = ProvisionKind::labeled(usize::from(chosen.level.depth())).expect("a level has a kind");
            let label = if i == 0 {
                format!("{prefix}{}", token.printed())
            } else {
                token.printed()
            };
            let id = self.push(parent, kind, path, &label, token.0, own_text, same_paragraph);
            same_paragraph = true;
            self.section_mut().stack.push(Open {
                reading: chosen,
                node: id,
            });
            prev = Some(chosen.level);
        }
    }

    fn warn(&mut self, kind: WarningKind) {
        let path = self.section_path();
        self.warnings.push(ParseWarning { path, kind });
    }

    /// Choose the reading of a paragraph's first label.
    fn resolve_first(&mut self, readings: &[Reading], indent: Option<u8>, token: &str) -> Reading {
        let sec = self.section_ref();
        if sec.quoted && sec.stack.is_empty() {
            if let Some(r) = readings.iter().min_by_key(|r| r.level) {
                return *r;
            }
        }
        let stack = &sec.stack;
        let deepest = stack.last();
        // (reading, is_first_child)
        let mut valid: Vec<(Reading, bool)> = Vec::new();
        for &r in readings {
            if let Some(open) = stack.iter().rev().find(|o| o.reading.level == r.level) {
                if r.follows(&open.reading) {
                    valid.push((r, false));
                }
            }
            let first_child = r.is_first()
                && match deepest {
                    None => true,
                    Some(d) => r.level as u8 == d.reading.level as u8 + 1,
                };
            if first_child {
                valid.push((r, true));
            }
        }
        if valid.len() == 1 {
            return valid[0].0;
        }
        if valid.len() > 1 {
            // At the start of a section the outermost level opens: Texas's `(a)` is a subsection there, not
            // the fifth level.
            if deepest.is_none() {
                return valid.iter().min_by_key(|(r, _)| r.level).expect("non-empty").0;
            }
            if let Some(h) = indent {
                let by_indent: Vec<_> = valid.iter().filter(|(r, _)| r.level.depth() == h).collect();
                if by_indent.len() == 1 {
                    return by_indent[0].0;
                }
            }
            let opens_list = deepest.is_some_and(|d| {
                let t = self.nodes[d.node].text.trim_end();
                t.is_empty() || t.ends_with(':') || t.ends_with('—')
            });
            if let Some((r, _)) = valid.iter().find(|(_, child)| *child == opens_list) {
                return *r;
            }
            return valid.iter().max_by_key(|(r, _)| r.level).expect("non-empty").0;
        }
        // Nothing fits the sequence: a gap in the lettering, or a drafting error. Keep the tree sane.
        let fallback = readings
            .iter()
            .filter(|r| stack.iter().any(|o| o.reading.level == r.level))
            .max_by_key(|r| r.level)
            .or_else(|| {
                readings
                    .iter()
                    .find(|r| deepest.is_none_or(|d| r.level > d.reading.level))
            })
            .or(readings.first())
            .copied()
            .unwrap_or(Reading {
                level: Level::Subdivision,
                ordinal: 1,
                inserted: 0,
            });
        let after = deepest.map(|d| self.nodes[d.node].num.clone());
        self.warn(WarningKind::OutOfSequence {
            label: token.to_string(),
            after,
            read_as: format!("{:?}", fallback.level),
        });
        fallback
    }

    /// A label after another in the same paragraph opens the level below it.
    fn resolve_chained(&mut self, readings: &[Reading], prev: Level, token: &str) -> Reading {
        if let Some(r) = readings.iter().find(|r| r.level as u8 == prev as u8 + 1) {
            if !r.is_first() {
                self.warn(WarningKind::NotFirstLabel {
                    label: token.to_string(),
                });
            }
            return *r;
        }
        let r = readings
            .iter()
            .find(|r| r.level > prev)
            .or(readings.first())
            .copied()
            .unwrap_or(Reading {
                level: Level::Subclause,
                ordinal: 1,
                inserted: 0,
            });
        self.warn(WarningKind::CannotFollow {
            label: token.to_string(),
        });
        r
    }

    /// An unlabeled paragraph: the text of a lone marker, or a paragraph of the enclosing unit.
    fn unlabeled(&mut self, text: &str) {
        if let Some(id) = self.awaiting_text.take() {
            self.set_text(id, text);
            if self.nodes[id].kind == ProvisionKind::BillSection {
                self.set_action(id);
            }
            return;
        }
        let sec = self.section_mut();
        sec.paragraphs += 1;
        // A unit's lead text is its first paragraph, so the first unlabeled one after it is ¶2 (at the top
        // of a fragment, where there is no unit, the first is ¶1).
        let (node, n) = (sec.node, sec.paragraphs + usize::from(sec.node.is_some()));
        let base = node.map_or_else(String::new, |n| self.nodes[n].path.clone());
        let path = format!("{base}¶{n}");
        self.push(node, ProvisionKind::Text, path, "", "", text, false);
    }

    fn block(&mut self, block: &Block) {
        let full = block.text.as_str();
        // Amending text is quoted: the federal style opens every paragraph of it with a quotation mark
        // (`“(1) the term ...`, `“§ 102. Definitions`), the UK only the first; either way the run of quoted
        // law ends with the paragraph whose text closes the quotation.
        let quote = if self.style.quoted_law {
            ["“", "\""].into_iter().find(|q| full.starts_with(q)).unwrap_or("")
        } else {
            ""
        };
        let in_run = !quote.is_empty() || ((self.quoted_section || self.quoted_heading.is_some()) && self.quote_open);
        if !in_run && self.quoted_section {
            self.code_section = self.outer_section.take();
            self.quoted_section = false;
        }
        if !in_run && let Some((depth, container, code)) = self.quoted_heading.take() {
            self.headings.truncate(depth);
            self.container_levels = container;
            self.code_section = code;
        }
        self.block_in(block, quote, in_run);
        if in_run {
            self.quote_open = !closes_quotation(full);
        }
    }

    fn block_in(&mut self, block: &Block, quote: &str, in_run: bool) {
        let full = block.text.as_str();
        let text = &full[quote.len()..];
        let joined = self.awaiting_text.is_some();
        let in_law = self.in_law_text() || in_run;
        let law = grammar::law_section_marker(self.style, text, in_law);
        if !self.unbilled {
            if let Some(m) = grammar::bill_section_marker(self.style, text) {
                if !quote.is_empty() {
                    // A section inside quoted law is a section of that law (`“SEC. 101.`), not of the bill.
                    self.awaiting_text = None;
                    let label = format!("{quote}{}", m.label);
                    self.law_section_then_rest(&label, m.num.to_string(), m.num, m.rest, block.indent);
                    self.quoted_section = true;
                    return;
                }
                if law.is_none() || !in_law || self.continues_bill(m.num) {
                    self.awaiting_text = None;
                    let label = m.label;
                    if let Some((heading, after)) = self.split_heading(m.rest) {
                        self.bill_section(label, m.num, heading);
                        let (r, labels) = grammar::label_chain(self.style, after).expect("split found labels");
                        self.labels(&labels, r, block.indent, true, "");
                        if r.is_empty() {
                            self.awaiting_text = self.section_ref().stack.last().map(|o| o.node);
                        }
                        return;
                    }
                    self.marker_then_rest(m.rest, block.indent, |b, own| b.bill_section(label, m.num, own));
                    return;
                }
            }
        }
        if let Some((c, m)) =
            grammar::container_marker(self.style, text).filter(|_| quote.is_empty() || !self.amends_contents())
        {
            // Inside law text a bill-level heading must continue the bill's own (a form's `PART I.` in an
            // amended section is the form's).
            let bill_heading = c.bill_level && quote.is_empty() && (!in_law || self.continues_heading(c, m.num));
            if bill_heading || ((!c.bill_level || !quote.is_empty()) && in_law) {
                self.awaiting_text = None;
                self.heading(c, &m, quote);
                return;
            }
        }
        // A unit numbered inside the innermost container (a UK schedule's paragraph).
        let style = self.style;
        let contained = self.headings.last().and_then(|(_, id)| {
            let path = &self.nodes[*id].path;
            let name = path.split(' ').next().unwrap_or("");
            grammar::contained_marker(style, text, name).map(|m| (format!("{path}, {}", m.num), m))
        });
        if let Some((path, m)) = contained {
            self.awaiting_text = None;
            let label = format!("{quote}{}", m.label);
            self.law_section_then_rest(&label, path, m.num, m.rest, block.indent);
            return;
        }
        if let Some((m, prefix)) = law {
            self.awaiting_text = None;
            let label = format!("{quote}{}", m.label);
            self.law_section_then_rest(&label, format!("{prefix}{}", m.num), m.num, m.rest, block.indent);
            self.quoted_section = in_run;
            return;
        }
        if let Ok((rest, labels)) = grammar::label_chain(self.style, text) {
            self.awaiting_text = None;
            if in_run && !self.quoted_section {
                // Quoted law begins inside the provision that introduces it.
                let host = self
                    .section_ref()
                    .stack
                    .last()
                    .map(|o| o.node)
                    .or(self.section_ref().node);
                let mut sec = Section::of(host);
                sec.quoted = true;
                self.outer_section = self.code_section.take();
                self.code_section = Some(sec);
                self.quoted_section = true;
            }
            self.labels(&labels, rest, block.indent, joined, quote);
            if rest.is_empty() {
                self.awaiting_text = self.section_ref().stack.last().map(|o| o.node);
            }
            return;
        }
        self.unlabeled(full);
    }

    /// A section of law, its heading if the style prints one before the first label, and what follows.
    /// A unit's heading and the labels after it, where the style prints headings before labels.
    fn split_heading<'t>(&self, rest: &'t str) -> Option<(&'t str, &'t str)> {
        if !self.style.section_headings || grammar::label_chain(self.style, rest).is_ok() {
            return None;
        }
        let split = heading_split(self.style, rest)?;
        let (heading, after) = rest.split_at(split);
        Some((heading.trim_end(), after.trim_start()))
    }

    fn law_section_then_rest(&mut self, label: &str, path: String, num: &str, rest: &str, indent: Option<u8>) {
        {
            if let Some((heading, after)) = self.split_heading(rest) {
                self.code_section(label, path, num, heading);
                let (r, labels) = grammar::label_chain(self.style, after).expect("heading_split found labels");
                self.labels(&labels, r, indent, true, "");
                if r.is_empty() {
                    self.awaiting_text = self.section_ref().stack.last().map(|o| o.node);
                }
                return;
            }
        }
        self.marker_then_rest(rest, indent, |b, own| b.code_section(label, path, num, own));
    }

    /// After a marker: its own text, or labels that follow on the same line, or nothing yet.
    fn marker_then_rest(&mut self, rest: &str, indent: Option<u8>, make: impl FnOnce(&mut Self, &str)) {
        match grammar::label_chain(self.style, rest) {
            Ok((after, labels)) => {
                make(self, "");
                self.labels(&labels, after, indent, true, "");
                if after.is_empty() {
                    self.awaiting_text = self.section_ref().stack.last().map(|o| o.node);
                }
            }
            Err(_) => {
                make(self, rest);
                if rest.is_empty() {
                    self.awaiting_text = Some(self.nodes.len() - 1);
                }
            }
        }
    }

    fn finish(self) -> (Body, Vec<ParseWarning>) {
        let Builder {
            nodes,
            roots,
            text,
            warnings,
            ..
        } = self;
        // Span ends: the next segment's start (segments were created in text order).
        let mut order: Vec<usize> = (0..nodes.len()).collect();
        order.sort_by_key(|&i| nodes[i].start);
        let mut ends = vec![text.len(); nodes.len()];
        for w in order.windows(2) {
            ends[w[0]] = nodes[w[1]].start;
        }
        // Built bottom-up with an explicit stack: the tree's depth is the input's, and input never
        // controls recursion.
        let mut slots: Vec<Option<Provision>> = (0..nodes.len()).map(|_| None).collect();
        let mut nodes: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
        let mut stack: Vec<(usize, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
        while let Some((id, done)) = stack.pop() {
            if !done {
                stack.push((id, true));
                let children = &nodes[id].as_ref().expect("each node has one parent").children;
                stack.extend(children.iter().rev().map(|&c| (c, false)));
                continue;
            }
            let n = nodes[id].take().expect("each node is finished once");
            let children = n
                .children
                .iter()
                .map(|&c| slots[c].take().expect("children finish first"))
                .collect();
            slots[id] = Some(Provision {
                kind: n.kind,
                path: n.path,
                label: n.label,
                num: n.num,
                text: n.text,
                span: Span {
                    start: n.start,
                    end: ends[id],
                },
                action: n.action,
                code: n.code,
                children,
            });
        }
        let provisions = roots
            .iter()
            .map(|&r| slots[r].take().expect("roots are finished"))
            .collect();
        (Body::new(text, provisions), warnings)
    }
}

/// Whether a paragraph closes a quotation: `... of this section.”`, `...”; and`, `...”.`.
fn closes_quotation(text: &str) -> bool {
    let mut t = text.trim_end();
    loop {
        let before = t.len();
        t = t.trim_end_matches([' ', '.', ';', ',', ':']);
        for w in [" and", " or"] {
            if let Some(r) = t.strip_suffix(w) {
                t = r;
            }
        }
        if t.len() == before {
            break;
        }
    }
    t.ends_with(['”', '"'])
}

/// Where a section's heading ends and its first label starts: `Prohibition on ... information. 1. It shall`,
/// `TITLE. (a) A school`, `FINDINGS AND INTENT.(1) Washington`. Only the first few sentence ends are tried,
/// so a label cited in running text is not taken for structure.
fn heading_split(style: &Style, rest: &str) -> Option<usize> {
    let mut from = 0;
    for _ in 0..3 {
        let k = rest[from..].find('.')? + from;
        if k > 300 {
            return None;
        }
        let after = &rest[k + 1..];
        let spaced = after.trim_start();
        if (spaced.len() < after.len() || after.starts_with('(')) && grammar::label_chain(style, spaced).is_ok() {
            return Some(k + 1);
        }
        from = k + 1;
    }
    None
}

/// Build the body from its blocks, in a drafting style. With `unbilled`, the text has no bill sections
/// (code text, an act, a fragment) and every marker of the law's text counts from the start.
pub fn build(style: &Style, blocks: &[Block], unbilled: bool) -> (Body, Vec<ParseWarning>) {
    let mut b = Builder {
        style,
        unbilled,
        nodes: Vec::new(),
        roots: Vec::new(),
        text: String::new(),
        paths: HashMap::new(),
        warnings: Vec::new(),
        bill_section: None,
        adds_law_text: false,
        bill_headings: Vec::new(),
        headings: Vec::new(),
        code_section: None,
        quoted_section: false,
        quote_open: false,
        outer_section: None,
        container_levels: None,
        quoted_heading: None,
        bill_levels: None,
        root_levels: Section::of(None),
        awaiting_text: None,
    };
    for block in blocks {
        b.block(block);
    }
    b.finish()
}

/// Whether a block opens a unit of the law's text in `style` (a section of law, a container or a label):
/// where a text with no bill sections starts.
pub fn opens_law_unit(style: &Style, text: &str) -> bool {
    grammar::law_section_marker(style, text, true).is_some() || grammar::container_marker(style, text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::BlockKind;
    use crate::parse::style::california;

    fn build(blocks: &[Block]) -> (Body, Vec<ParseWarning>) {
        super::build(california(), blocks, false)
    }

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|l| Block {
                text: l.to_string(),
                kind: BlockKind::Paragraph,
                indent: None,
            })
            .collect()
    }

    fn paths(body: &Body) -> Vec<String> {
        body.walk().map(|p| p.path.clone()).collect()
    }

    #[test]
    fn ambiguous_i_after_h_is_a_subdivision() {
        let (body, w) = build(&blocks(&[
            "SEC. 1. Section 5 is added to the Test Code, to read:",
            "5. As used in this section:",
            "(a) A.",
            "(b) B.",
            "(c) C.",
            "(d) D.",
            "(e) E.",
            "(f) F.",
            "(g) (1) “Harm” means any of the following:",
            "(A) One.",
            "(B) Two.",
            "(C) Damage from conduct that does both of the following:",
            "(i) Acts alone.",
            "(ii) Results in loss.",
            "(D) Other harms.",
            "(h) “Infrastructure” means assets.",
            "(i) “Developer” means a person.",
        ]));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            paths(&body),
            [
                "SEC. 1",
                "5",
                "5(a)",
                "5(b)",
                "5(c)",
                "5(d)",
                "5(e)",
                "5(f)",
                "5(g)",
                "5(g)(1)",
                "5(g)(1)(A)",
                "5(g)(1)(B)",
                "5(g)(1)(C)",
                "5(g)(1)(C)(i)",
                "5(g)(1)(C)(ii)",
                "5(g)(1)(D)",
                "5(h)",
                "5(i)"
            ]
        );
    }

    #[test]
    fn colon_decides_between_first_clause_and_next_subdivision() {
        let (body, _) = build(&blocks(&[
            "SEC. 1. Section 5 is added to the Test Code, to read:",
            "5. Text.",
            "(h) (1) (A) A thing that is one of the following:",
            "(i) A clause.",
        ]));
        assert!(body.find("5(h)(1)(A)(i)").is_some());
        let (body, _) = build(&blocks(&[
            "SEC. 1. Section 5 is added to the Test Code, to read:",
            "5. Text.",
            "(h) (1) (A) A complete sentence.",
            "(i) The next subdivision.",
        ]));
        assert!(body.find("5(i)").is_some());
    }

    #[test]
    fn indentation_breaks_ties() {
        let mut b = blocks(&[
            "SEC. 1. Section 5 is added to the Test Code, to read:",
            "5. Text.",
            "(h) (1) (A) A complete sentence.",
            "(i) A clause after all.",
        ]);
        b[3].indent = Some(3);
        let (body, _) = build(&b);
        assert!(body.find("5(h)(1)(A)(i)").is_some());
    }

    #[test]
    fn lone_markers_take_the_next_paragraph_and_spans_tile() {
        let (body, _) = build(&blocks(&[
            "SECTION 2.",
            "Chapter 1 (commencing with Section 10) is added to Division 2 of the Test Code, to read:",
            "CHAPTER 1. Things",
            "10.",
            "This chapter is short.",
            "11.",
            "(a) One.",
            "SEC. 3.",
            "First paragraph.",
            "Second paragraph.",
        ]));
        assert_eq!(
            paths(&body),
            ["SEC. 2", "Chapter 1", "10", "11", "11(a)", "SEC. 3", "SEC. 3¶2"]
        );
        let s2 = body.find("SEC. 2").unwrap();
        assert_eq!(s2.action.as_ref().unwrap().code.as_deref(), Some("Test Code"));
        assert_eq!(body.find("10").unwrap().text, "This chapter is short.");
        assert_eq!(body.find("11(a)").unwrap().code.as_deref(), Some("Test Code"));
        assert_eq!(
            body.text,
            "SECTION 2. Chapter 1 (commencing with Section 10) is added to Division 2 of the Test Code, to read:\nCHAPTER 1. Things\n10. This chapter is short.\n11. (a) One.\nSEC. 3. First paragraph.\nSecond paragraph."
        );
        let mut covered = vec![0u8; body.text.len()];
        for p in body.walk() {
            for c in &mut covered[p.span.start..p.span.end] {
                *c += 1;
            }
        }
        assert!(covered.iter().all(|&c| c == 1));
        assert_eq!(
            &body.text[body.find("11").unwrap().span.start..body.find("11").unwrap().span.end],
            "11. "
        );
    }

    #[test]
    fn duplicates_get_distinct_paths() {
        let (body, w) = build(&blocks(&["SEC. 1. Text.", "(a) One.", "(a) Again.", "SEC. 1. Again."]));
        assert_eq!(paths(&body), ["SEC. 1", "SEC. 1(a)", "SEC. 1(a)~2", "SEC. 1~2"]);
        assert!(!w.is_empty());
    }
}
