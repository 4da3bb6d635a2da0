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
    } else if hard_wrapped(&lines) {
        // Hard-wrapped at a fixed width with no blank lines between paragraphs (a bill typed or copied
        // from a print): a line continues the paragraph above unless it opens a unit.
        let mut out = Vec::new();
        let mut current = String::new();
        for line in lines {
            if line.trim().is_empty() || opens_unit(line.trim_start()) {
                out.extend(block(&current, BlockKind::Paragraph, None));
                current.clear();
            }
            current.push('\n');
            current.push_str(line);
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

/// Whether lines are wrapped at a width: nearly all are short, and many end mid-sentence. LegiScan's
/// one-paragraph-per-line layout has long lines that end their sentences.
fn hard_wrapped(lines: &[&str]) -> bool {
    let nonblank: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| !l.trim().is_empty())
        .collect();
    if nonblank.len() < 8 {
        return false;
    }
    let short = nonblank.iter().filter(|l| l.chars().count() <= 100).count();
    let open_ended = nonblank.iter().filter(|l| !l.ends_with(['.', ':', ';', '—'])).count();
    short * 10 >= nonblank.len() * 9 && open_ended * 3 >= nonblank.len()
}

/// Whether a line opens a unit of a legal text in any drafting style: a label (`(a)`, `(b-1)`), a numbered
/// section (`6-1-1701.`, `22602.`, `1.`), or a marker word and number (`SECTION 2.`, `§ 4`, `PART 17`).
/// Text layout knows no style; these shapes are common to all of them.
fn opens_unit(line: &str) -> bool {
    let label = line
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .is_some_and(|(inner, after)| {
            let (base, ins) = inner.split_once('-').unwrap_or((inner, "1"));
            !base.is_empty()
                && base.len() <= 5
                && (base.bytes().all(|b| b.is_ascii_digit())
                    || base.bytes().all(|b| b.is_ascii_lowercase())
                    || base.bytes().all(|b| b.is_ascii_uppercase()))
                && !ins.is_empty()
                && ins.bytes().all(|b| b.is_ascii_alphanumeric())
                && (after.is_empty() || after.starts_with(' '))
        });
    let numbered = {
        let head: String = line.chars().take_while(|c| !c.is_whitespace()).collect();
        head.len() > 1
            && head.ends_with('.')
            && head.starts_with(|c: char| c.is_ascii_digit())
            && head[..head.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    };
    const WORDS: &[&str] = &[
        "SECTION",
        "Section",
        "SEC.",
        "Sec.",
        "NEW SECTION.",
        "§",
        "Article",
        "ARTICLE",
        "PART",
        "CHAPTER",
        "SUBCHAPTER",
        "TITLE",
        "SUBTITLE",
        "DIVISION",
        "ANNEX",
        "SCHEDULE",
    ];
    // The word, then (after a space, unless the word ends in `.` or `§`) a number or a Roman numeral.
    let marker = WORDS.iter().any(|w| {
        line.strip_prefix(w).is_some_and(|r| {
            (r.starts_with(char::is_whitespace) || w.ends_with(['.', '§']))
                && r.trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || "IVXLC".contains(c))
        })
    });
    label || numbered || marker
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
    fn hard_wrapped_text_joins_lines_until_a_unit_opens() {
        let t = "SECTION 1. In Colorado Revised Statutes, add part 17 to article 1 of title\n6 as follows:\nPART 17\nARTIFICIAL INTELLIGENCE\n6-1-1701. Definitions. AS USED IN THIS PART 17, UNLESS THE CONTEXT\nOTHERWISE REQUIRES:\n(1) \"A\" MEANS THE FIRST LETTER OF THE ALPHABET AS IT IS WRITTEN IN\nTHE LAW.\n(2) \"DEVELOPER\" OR\n\"AI DEVELOPER\" MEANS A PERSON DOING BUSINESS IN THIS STATE THAT\nDEVELOPS A SYSTEM.\n";
        assert_eq!(
            texts(t),
            vec![
                "SECTION 1. In Colorado Revised Statutes, add part 17 to article 1 of title 6 as follows:",
                "PART 17 ARTIFICIAL INTELLIGENCE",
                "6-1-1701. Definitions. AS USED IN THIS PART 17, UNLESS THE CONTEXT OTHERWISE REQUIRES:",
                "(1) \"A\" MEANS THE FIRST LETTER OF THE ALPHABET AS IT IS WRITTEN IN THE LAW.",
                "(2) \"DEVELOPER\" OR \"AI DEVELOPER\" MEANS A PERSON DOING BUSINESS IN THIS STATE THAT DEVELOPS A SYSTEM.",
            ]
        );
    }

    #[test]
    fn line_layout_keeps_one_paragraph_per_line() {
        let t = "SEC. 2. Text:\n(a) One.\n(b) Two.\n(c) Three.\n(d) Four.\n\n(e) Five.\n";
        assert_eq!(texts(t).len(), 6);
    }
}
