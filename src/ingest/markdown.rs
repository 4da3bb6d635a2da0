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

/// Split Markdown into blocks. Markdown nested deeper than [`super::html::MAX_DEPTH`] levels (block
/// quotes, lists, emphasis) is refused, as a page nested so deep is: no bill is, and what comes after
/// (the provision tree, the pages) should not have to carry it.
pub(super) fn blocks(source_name: &str, text: &str) -> crate::Result<Vec<Block>> {
    let mut b = Builder {
        out: Vec::new(),
        current: String::new(),
        kind: BlockKind::Paragraph,
        prefix: None,
    };
    // Next number of each open list (None for bullet lists).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut depth = 0usize;
    for event in new_cmark_parser(text) {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > super::html::MAX_DEPTH {
            return Err(crate::Error::TooDeep {
                source_name: source_name.into(),
                limit: super::html::MAX_DEPTH,
            });
        }
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
    Ok(b.out
        .into_iter()
        .map(|(mut block, lead)| {
            if indented && block.kind == BlockKind::Paragraph {
                block.indent = u8::try_from(lead / NBSP_PER_LEVEL).ok();
            }
            block
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_indents() {
        let md = "## SECTION 2.\nChapter text, to read:\n\n**22757.10.** This chapter.\n\n(c) Means:\n\n&nbsp;&nbsp;(1) One.\n";
        let b = blocks("t.md", md).unwrap();
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
        let b = blocks("t.md", "1107. For purposes of this chapter:\n\n(a) “X” means y.\n").unwrap();
        assert_eq!(b[0].text, "1107. For purposes of this chapter:");
        assert_eq!(b[1].text, "(a) “X” means y.");
    }

    #[test]
    fn nesting_past_the_limit_is_refused_and_up_to_it_is_read() {
        let deep = |n: usize| format!("SEC. 1. x\n\n{}deep\n", "> ".repeat(n));
        let err = blocks("d.md", &deep(200_000)).unwrap_err();
        assert!(matches!(err, crate::Error::TooDeep { limit, .. } if limit == super::super::html::MAX_DEPTH));
        // Each quote level is one container and its paragraph one more.
        let ok = blocks("d.md", &deep(super::super::html::MAX_DEPTH - 2)).unwrap();
        assert_eq!(ok.last().map(|b| b.text.as_str()), Some("deep"));
        let emphasis = format!("SEC. 1. {}x{}\n", "*".repeat(5_000), "*".repeat(5_000));
        assert!(matches!(blocks("e.md", &emphasis), Err(crate::Error::TooDeep { .. })));
    }
}
