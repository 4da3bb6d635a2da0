//! Building the provision tree from the body's blocks.
//!
//! Each block opens with at most one marker — a bill section (`SEC. 3.`), a heading (`CHAPTER 22.6.`), a
//! code section (`22602.`) — followed by zero or more labels (`(e) (1)`) and then text. A block with no
//! marker and no label is an unlabeled paragraph: the text of the marker just before it when that marker
//! stood alone (`### 22757.10.` then `This chapter shall ...`), otherwise a paragraph of its own inside the
//! enclosing section (`SEC. 6¶2`).
//!
//! Labels are placed with a stack of open levels. A label's readings (see `grammar`) are tried against
//! the stack: it can continue a level that is open (`(f)` after `(e)`), or open the level just below the
//! deepest one (`(A)` after `(1)`, always with ordinal 1). When both readings of an ambiguous label fit —
//! `(i)` after `(h)` while a subparagraph is open — the layout's indentation decides where there is one;
//! otherwise a parent whose text ends with a colon (or has no text) takes a first child, and a parent that
//! ends its sentence does not. Labels after the first in one paragraph (`(e) (1)`) always open the next level.
//!
//! The body text is rebuilt canonically as the tree is built: each paragraph on its own line, a marker
//! and the text that follows it on one line. Every provision's span is its own segment of that text,
//! label and trailing separator included, so the spans tile the body text exactly.

use super::action;
use super::grammar::{self, HeadingKind, Level, Reading};
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
}

/// An open labeled level.
struct Open {
    reading: Reading,
    node: usize,
}

/// Where labeled provisions and unlabeled paragraphs currently go.
struct Section {
    node: usize,
    /// Labeled levels open inside it, outermost first.
    stack: Vec<Open>,
    /// Unlabeled paragraphs after its lead text so far.
    paragraphs: usize,
}

struct Builder {
    nodes: Vec<Node>,
    roots: Vec<usize>,
    text: String,
    /// Paths used so far, with how often each was asked for.
    paths: HashMap<String, usize>,
    warnings: Vec<ParseWarning>,
    /// The current bill section.
    bill_section: Option<usize>,
    /// Open headings inside the bill section, outermost first.
    headings: Vec<(HeadingKind, usize)>,
    /// The current code section, if inside one.
    code_section: Option<Section>,
    /// The bill section's own labeled levels (text not inside any code section).
    bill_levels: Option<Section>,
    /// The node created last, if it has no text yet: the next unlabeled block becomes its text.
    awaiting_text: Option<usize>,
}

impl Builder {
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

    fn in_code_text(&self) -> bool {
        self.code_section.is_some()
            || !self.headings.is_empty()
            || self
                .bill_section
                .and_then(|b| self.nodes[b].action.as_ref())
                .is_some_and(|a| a.to_read)
    }

    fn bill_section(&mut self, label: &str, num: &str, text: &str) {
        let path = format!("SEC. {num}");
        let id = self.push(None, ProvisionKind::BillSection, path, label, num, text, false);
        self.bill_section = Some(id);
        self.headings.clear();
        self.code_section = None;
        self.bill_levels = Some(Section {
            node: id,
            stack: Vec::new(),
            paragraphs: 0,
        });
        self.set_action(id);
    }

    fn set_action(&mut self, id: usize) {
        let a = action::parse(&self.nodes[id].text);
        self.nodes[id].code = a.as_ref().and_then(|a| a.code.clone());
        self.nodes[id].action = a;
    }

    fn heading(&mut self, kind: HeadingKind, num: &str, label: &str, text: &str, same_paragraph: bool) {
        while self.headings.last().is_some_and(|(k, _)| *k >= kind) {
            self.headings.pop();
        }
        let parent = self.headings.last().map(|(_, id)| *id).or(self.bill_section);
        let path = format!("{} {num}", kind.as_str());
        let id = self.push(parent, ProvisionKind::Heading, path, label, num, text, same_paragraph);
        self.headings.push((kind, id));
        self.code_section = None;
    }

    fn code_section(&mut self, num: &str, text: &str, same_paragraph: bool) {
        let parent = self.headings.last().map(|(_, id)| *id).or(self.bill_section);
        let id = self.push(
            parent,
            ProvisionKind::CodeSection,
            num.to_string(),
            &format!("{num}."),
            num,
            text,
            same_paragraph,
        );
        self.code_section = Some(Section {
            node: id,
            stack: Vec::new(),
            paragraphs: 0,
        });
    }

    fn section_mut(&mut self) -> &mut Section {
        self.code_section
            .as_mut()
            .or(self.bill_levels.as_mut())
            .expect("the body starts with a bill section")
    }

    /// Place the labels of one block; `text` goes to the last label.
    fn labels(
        &mut self,
        labels: &[(usize, grammar::LabelToken<'_>)],
        text: &str,
        indent: Option<u8>,
        mut same_paragraph: bool,
    ) {
        let mut prev: Option<Level> = None;
        for (i, (_, token)) in labels.iter().enumerate() {
            let readings = token.readings();
            let own_text = if i + 1 == labels.len() { text } else { "" };
            let chosen = match prev {
                None => self.resolve_first(&readings, indent, token.0),
                Some(p) => self.resolve_chained(&readings, p, token.0),
            };
            let sec = self.section_mut();
            while sec.stack.last().is_some_and(|o| o.reading.level >= chosen.level) {
                sec.stack.pop();
            }
            let parent = sec.stack.last().map_or(sec.node, |o| o.node);
            let base = &self.nodes[self.section_node()].path;
            let mut path = base.clone();
            for o in &self.section_ref().stack {
                path.push('(');
                path.push_str(&self.nodes[o.node].num);
                path.push(')');
            }
            path.push('(');
            path.push_str(token.0);
            path.push(')');
            let kind = match chosen.level {
                Level::Subdivision => ProvisionKind::Subdivision,
                Level::Paragraph => ProvisionKind::Paragraph,
                Level::Subparagraph => ProvisionKind::Subparagraph,
                Level::Clause => ProvisionKind::Clause,
                Level::Subclause => ProvisionKind::Subclause,
            };
            let label = format!("({})", token.0);
            let id = self.push(Some(parent), kind, path, &label, token.0, own_text, same_paragraph);
            same_paragraph = true;
            self.section_mut().stack.push(Open {
                reading: chosen,
                node: id,
            });
            prev = Some(chosen.level);
        }
    }

    fn section_ref(&self) -> &Section {
        self.code_section
            .as_ref()
            .or(self.bill_levels.as_ref())
            .expect("the body starts with a bill section")
    }

    fn section_node(&self) -> usize {
        self.section_ref().node
    }

    fn warn(&mut self, kind: WarningKind) {
        let path = self.nodes[self.section_node()].path.clone();
        self.warnings.push(ParseWarning { path, kind });
    }

    /// Choose the reading of a paragraph's first label.
    fn resolve_first(&mut self, readings: &[Reading], indent: Option<u8>, token: &str) -> Reading {
        let stack = &self.section_ref().stack;
        let deepest = stack.last();
        // (reading, is_first_child)
        let mut valid: Vec<(Reading, bool)> = Vec::new();
        for &r in readings {
            if let Some(open) = stack.iter().rev().find(|o| o.reading.level == r.level) {
                if open.reading.ordinal + 1 == r.ordinal {
                    valid.push((r, false));
                }
            }
            let first_child = r.ordinal == 1
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
            if r.ordinal != 1 {
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
            });
        self.warn(WarningKind::CannotFollow {
            label: token.to_string(),
        });
        r
    }

    /// An unlabeled paragraph: the text of a lone marker, or a paragraph of the enclosing section.
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
        // The section's lead text is its first paragraph, so the first unlabeled one after it is ¶2.
        let (node, n) = (sec.node, sec.paragraphs + 1);
        let path = format!("{}¶{n}", self.nodes[node].path);
        self.push(Some(node), ProvisionKind::Text, path, "", "", text, false);
    }

    fn block(&mut self, block: &Block) {
        let text = block.text.as_str();
        let joined = self.awaiting_text.is_some();
        // A bill section starts anywhere in the body.
        if let Ok((rest, num)) = grammar::bill_section_marker(text) {
            let label = text[..text.len() - rest.len()].trim_end();
            self.awaiting_text = None;
            self.marker_then_rest(rest, block.indent, |b, own| {
                b.bill_section(label, num, own);
            });
            return;
        }
        if self.in_code_text() {
            if let Ok((rest, (kind, num, label))) = grammar::heading_marker(text) {
                self.awaiting_text = None;
                self.heading(kind, num, label, rest, false);
                if rest.is_empty() {
                    self.awaiting_text = self.headings.last().map(|(_, id)| *id);
                }
                return;
            }
            if let Ok((rest, num)) = grammar::code_section_marker(text) {
                // "SEC. 4." alone then "11547.6. (a) ...": a new paragraph, not the bill section's text.
                self.awaiting_text = None;
                self.marker_then_rest(rest, block.indent, |b, own| b.code_section(num, own, false));
                return;
            }
        }
        if let Ok((rest, labels)) = grammar::label_chain(text) {
            self.awaiting_text = None;
            self.labels(&labels, rest, block.indent, joined);
            if rest.is_empty() {
                self.awaiting_text = self.section_ref().stack.last().map(|o| o.node);
            }
            return;
        }
        self.unlabeled(text);
    }

    /// After a marker: its own text, or labels that follow on the same line, or nothing yet.
    fn marker_then_rest(&mut self, rest: &str, indent: Option<u8>, make: impl FnOnce(&mut Self, &str)) {
        match grammar::label_chain(rest) {
            Ok((after, labels)) => {
                make(self, "");
                self.labels(&labels, after, indent, true);
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
        let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
        fn build(id: usize, slots: &mut [Option<Node>], ends: &[usize]) -> Provision {
            let n = slots[id].take().expect("each node has one parent");
            let children = n.children.iter().map(|&c| build(c, slots, ends)).collect();
            Provision {
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
            }
        }
        let provisions = roots.iter().map(|&r| build(r, &mut slots, &ends)).collect();
        (Body { text, provisions }, warnings)
    }
}

/// Build the body from its blocks. The first block must open a bill section.
pub fn build(blocks: &[Block]) -> (Body, Vec<ParseWarning>) {
    let mut b = Builder {
        nodes: Vec::new(),
        roots: Vec::new(),
        text: String::new(),
        paths: HashMap::new(),
        warnings: Vec::new(),
        bill_section: None,
        headings: Vec::new(),
        code_section: None,
        bill_levels: None,
        awaiting_text: None,
    };
    for block in blocks {
        b.block(block);
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::BlockKind;

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
