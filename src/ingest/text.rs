//! Plain text in the two layouts bills are copied in.
//!
//! Text copied from a leginfo page separates paragraphs with blank lines and may break lines inside a
//! paragraph (`governing clause\n(ii) of subparagraph (A)` is one paragraph, not a new clause (ii)).
//! LegiScan's layout puts one paragraph on each line with no blank lines between them. The layout is
//! decided once per document from how often blank lines occur. A line-numbered print saved as text (New
//! York's) is read by [`super::print`].

use super::{Block, BlockKind, block};

/// Split text into paragraph blocks.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    if super::print::is_print(text) {
        return super::print::blocks(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let nonblank = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let blank_separated = lines
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && w[1].trim().is_empty())
        .count();
    // In blank-line layout nearly every paragraph is followed by a blank line; in line layout blank
    // lines are rare (LegiScan's SB 53 has 5 among 230 lines). One in four is a wide margin either way.
    let paragraph_layout = blank_separated * 4 >= nonblank;
    if paragraph_layout {
        let mut out = Vec::new();
        let mut current = String::new();
        for line in lines {
            if line.trim().is_empty() {
                out.extend(block(&current, BlockKind::Paragraph, None));
                current.clear();
            } else {
                current.push('\n');
                current.push_str(line);
            }
        }
        out.extend(block(&current, BlockKind::Paragraph, None));
        out
    } else {
        lines
            .into_iter()
            .filter_map(|l| block(l, BlockKind::Paragraph, None))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        blocks(t).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blank_line_layout_joins_hard_breaks() {
        let t = "(B) If the agency does not adopt a regulation governing clause\n(ii) of subparagraph (A) by then.\n\n(4) A copy.\n";
        assert_eq!(
            texts(t),
            vec![
                "(B) If the agency does not adopt a regulation governing clause (ii) of subparagraph (A) by then.",
                "(4) A copy."
            ]
        );
    }

    #[test]
    fn line_layout_keeps_one_paragraph_per_line() {
        let t = "SEC. 2. Text:\n(a) One.\n(b) Two.\n(c) Three.\n(d) Four.\n\n(e) Five.\n";
        assert_eq!(texts(t).len(), 6);
    }
}
