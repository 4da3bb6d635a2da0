//! Markdown transcriptions of bills, read through pulldown-cmark.
//!
//! The transcriptions use `## SECTION 1.` headings, `**22757.10.**` for code section numbers, and
//! `&nbsp;` runs to indent nested provisions (two per level). Markdown is read as a stream of events, never
//! by string surgery on the source: the events give paragraphs and headings; text inside them is joined.
//!
//! One trap: a paragraph that starts `1107. For purposes of this chapter:` is, to CommonMark, an ordered
//! list item numbered 1107, and the number is not part of the item's text. The list's start number is
//! put back in front of the item's text so the section number survives.

use super::{Block, BlockKind, block};
use crate::cmark::new_cmark_parser;
use pulldown_cmark::{Event, Tag, TagEnd};

/// Leading non-breaking spaces per nesting level in the transcriptions.
const NBSP_PER_LEVEL: usize = 2;

struct Builder {
    out: Vec<(Block, usize)>,
    current: String,
    kind: BlockKind,
    /// Text owed to the next block: an ordered-list item's number.
    prefix: Option<String>,
}

impl Builder {
    fn flush(&mut self) {
        if self.current.trim().is_empty() {
            self.current.clear();
            return;
        }
        let lead = self
            .current
            .chars()
            .take_while(|c| c.is_whitespace())
            .filter(|&c| c == '\u{a0}')
            .count();
        let raw = match self.prefix.take() {
            Some(p) => format!("{p} {}", self.current),
            None => std::mem::take(&mut self.current),
        };
        self.current.clear();
        if let Some(b) = block(&raw, self.kind, None) {
            self.out.push((b, lead));
        }
    }
}

/// Split Markdown into blocks.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut b = Builder {
        out: Vec::new(),
        current: String::new(),
        kind: BlockKind::Paragraph,
        prefix: None,
    };
    // Next number of each open list (None for bullet lists).
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in new_cmark_parser(text) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                b.flush();
                b.kind = BlockKind::Heading(level as u8);
            }
            Event::End(TagEnd::Heading(_)) => {
                b.flush();
                b.kind = BlockKind::Paragraph;
            }
            Event::Start(Tag::List(start)) => {
                b.flush();
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                b.flush();
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                b.flush();
                if let Some(Some(n)) = lists.last_mut() {
                    b.prefix = Some(format!("{n}."));
                    *n += 1;
                }
            }
            Event::Start(
                Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::TableCell
                | Tag::TableRow
                | Tag::TableHead,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            )
            | Event::Rule => b.flush(),
            Event::Text(t) | Event::Code(t) => b.current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => b.current.push('\n'),
            // Inline HTML (`<br>`, `<u>`) is markup, not text.
            Event::Html(_) | Event::InlineHtml(_) => b.current.push(' '),
            _ => {}
        }
    }
    b.flush();
    let indented = b.out.iter().any(|(_, lead)| *lead > 0);
    b.out
        .into_iter()
        .map(|(mut block, lead)| {
            if indented && block.kind == BlockKind::Paragraph {
                block.indent = u8::try_from(lead / NBSP_PER_LEVEL).ok();
            }
            block
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_indents() {
        let md = "## SECTION 2.\nChapter text, to read:\n\n**22757.10.** This chapter.\n\n(c) Means:\n\n&nbsp;&nbsp;(1) One.\n";
        let b = blocks(md);
        let t: Vec<_> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "SECTION 2.",
                "Chapter text, to read:",
                "22757.10. This chapter.",
                "(c) Means:",
                "(1) One."
            ]
        );
        assert_eq!(b[0].kind, BlockKind::Heading(2));
        assert_eq!(b[3].indent, Some(0));
        assert_eq!(b[4].indent, Some(1));
    }

    #[test]
    fn ordered_list_numbers_survive() {
        let b = blocks("1107. For purposes of this chapter:\n\n(a) “X” means y.\n");
        assert_eq!(b[0].text, "1107. For purposes of this chapter:");
        assert_eq!(b[1].text, "(a) “X” means y.");
    }
}
