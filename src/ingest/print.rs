//! Line-numbered prints: the official layout of New York's LBDC texts and Texas bill PDFs.
//!
//! A print puts a line number in the margin of every line of the bill's body, counting up from 1 and
//! starting again on each page; everything else on a page (the running title `A. 3007--A  2`, the
//! `EXPLANATION--...` legend, a job number `LBD00375-02-5`, a page number) carries no number. Reading
//! one into paragraphs is therefore a question of structure, not of known strings:
//!
//! - **The body** runs from the first numbered line to the last. Inside it, an unnumbered line is page
//!   furniture and is dropped. Its shape (digits folded, spaces collapsed) is remembered, so the same
//!   running title is also dropped where it interrupts the unnumbered title pages before the body.
//! - **The header** (title, "AN ACT ...", the enacting clause) comes before the first numbered line; its
//!   paragraphs are separated by blank lines, as the print sets them. Lines after the body are furniture.
//! - **Paragraphs** in the body begin where the print indents a line's text further than continuation
//!   lines (LBDC indents a new paragraph two spaces; Texas by a tab stop). The continuation column is the
//!   margin: the leftmost one many lines share.
//! - **Line-end hyphens** are decided by the document's own words: `identifica-` + `tion` is joined when
//!   `identification` occurs elsewhere, kept when the hyphenated form does (`attorney-general`), and
//!   otherwise joined before a lowercase letter and kept before a digit or capital (`399-` + `A`),
//!   except that in capitals-only text (NY prints new matter so) a capital continues the word.

use super::{Block, BlockKind, block};
use std::collections::{HashMap, HashSet};

/// The fewest numbered lines that make a print (a short bill has a page of them).
const MIN_NUMBERED: usize = 5;

/// One line of the source, classified.
#[derive(Debug, Clone, Copy)]
enum Line<'a> {
    Blank,
    /// A line with a margin number: its text and the column the text starts at.
    Numbered {
        text: &'a str,
        column: usize,
    },
    /// A line without one.
    Plain(&'a str),
}

/// The margin number of a line, the column it ends at, and what follows it: digits, then spaces, then
/// text. A number alone on its line is a page number, not a line number.
fn margin_number(line: &str) -> Option<(u32, usize, &str, usize)> {
    let trimmed = line.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &trimmed[digits..];
    if !rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None;
    }
    let n = trimmed[..digits].parse().ok()?;
    let end = line[..line.len() - rest.len()].chars().count();
    let text = rest.trim_start();
    let column = line[..line.len() - text.len()].chars().count();
    Some((n, end, text.trim_end(), column))
}

/// Classify every line. A margin number counts where it continues the count or restarts it at 1, and
/// where it ends at the margin's column (numbers are right-aligned there; a page number or a stamp
/// elsewhere on the line is not one).
fn classify(text: &str) -> Vec<Line<'_>> {
    let mut ends: HashMap<usize, usize> = HashMap::new();
    for l in text.lines() {
        if let Some((_, end, _, _)) = margin_number(l) {
            *ends.entry(end).or_default() += 1;
        }
    }
    let margin = ends
        .iter()
        .max_by_key(|(end, n)| (**n, std::cmp::Reverse(**end)))
        .map(|(e, _)| *e);
    let mut last = 0;
    text.lines()
        .map(|l| {
            if l.trim().is_empty() {
                return Line::Blank;
            }
            match margin_number(l) {
                Some((n, end, text, column))
                    if margin.is_some_and(|m| end.abs_diff(m) <= 1) && (n == 1 || (last > 0 && n == last + 1)) =>
                {
                    last = n;
                    Line::Numbered { text, column }
                }
                _ => Line::Plain(l),
            }
        })
        .collect()
}

/// Whether `text` is a line-numbered print: from its first numbered line on, most non-blank lines carry
/// a counting margin number (the title pages before it carry none, however long they are).
pub(super) fn is_print(text: &str) -> bool {
    let lines = classify(text);
    let Some(first) = lines.iter().position(|l| matches!(l, Line::Numbered { .. })) else {
        return false;
    };
    let body = &lines[first..];
    let numbered = body.iter().filter(|l| matches!(l, Line::Numbered { .. })).count();
    let plain = body.iter().filter(|l| matches!(l, Line::Plain(_))).count();
    numbered >= MIN_NUMBERED && numbered >= 2 * plain
}

/// Whether any line of `text` carries a line number (a page of a print does; the test is cheap).
pub(super) fn has_numbers(text: &str) -> bool {
    classify(text).iter().any(|l| matches!(l, Line::Numbered { .. }))
}

/// A line's shape for recognizing repeated furniture: digits folded to `#`, spaces collapsed.
fn shape(line: &str) -> String {
    let mut out = String::new();
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut prev_digit = false;
        for c in word.chars() {
            let digit = c.is_ascii_digit();
            if !(digit && prev_digit) {
                out.push(if digit { '#' } else { c });
            }
            prev_digit = digit;
        }
    }
    out
}

/// Read a line-numbered print into paragraph blocks (see the module docs).
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let lines = classify(text);
    let Some(first) = lines.iter().position(|l| matches!(l, Line::Numbered { .. })) else {
        return Vec::new();
    };
    let last = lines
        .iter()
        .rposition(|l| matches!(l, Line::Numbered { .. }))
        .unwrap_or(first);
    let furniture: HashSet<String> = lines[first..=last]
        .iter()
        .filter_map(|l| match l {
            Line::Plain(p) => Some(shape(p)),
            _ => None,
        })
        .collect();

    // Paragraphs as lists of line fragments.
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    // The header: blank lines separate paragraphs, except around a dropped running title when the text
    // goes on in lowercase (a title paragraph running on to the next page).
    let mut after_furniture = false;
    let mut pending_break = false;
    for line in &lines[..first] {
        match line {
            Line::Blank => pending_break = true,
            Line::Plain(p) if furniture.contains(&shape(p)) => after_furniture = true,
            Line::Plain(p) | Line::Numbered { text: p, .. } => {
                let p = p.trim();
                let runs_on = after_furniture && p.starts_with(|c: char| c.is_lowercase());
                if pending_break && !runs_on && !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
                current.push(p);
                pending_break = false;
                after_furniture = false;
            }
        }
    }
    if !current.is_empty() {
        paragraphs.push(std::mem::take(&mut current));
    }

    // The body: numbered lines only; a deeper indent opens a paragraph.
    let mut columns: HashMap<usize, usize> = HashMap::new();
    for l in &lines[first..=last] {
        if let Line::Numbered { column, .. } = l {
            *columns.entry(*column).or_default() += 1;
        }
    }
    // Continuation lines sit at the margin: the leftmost column that a tenth of the lines share (so
    // a stray line further left does not count).
    let numbered: usize = columns.values().sum();
    let continuation = columns
        .iter()
        .filter(|(_, n)| **n * 10 >= numbered)
        .map(|(col, _)| *col)
        .min()
        .unwrap_or(0);
    for l in &lines[first..=last] {
        if let Line::Numbered { text, column } = l {
            if *column > continuation && !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            current.push(text);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }

    let vocabulary = vocabulary(&paragraphs);
    paragraphs
        .iter()
        .filter_map(|p| block(&join(p, &vocabulary), BlockKind::Paragraph, None))
        .collect()
}

/// Every word of the document, lowercased, hyphens inside words kept; a word broken at a line end is
/// left out (its halves are not words).
fn vocabulary(paragraphs: &[Vec<&str>]) -> HashSet<String> {
    let mut words = HashSet::new();
    for p in paragraphs {
        for (i, line) in p.iter().enumerate() {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            for (j, t) in tokens.iter().enumerate() {
                let broken_end = j + 1 == tokens.len() && t.ends_with('-') && i + 1 < p.len();
                let broken_start = j == 0 && i > 0 && p[i - 1].ends_with('-');
                if broken_end || broken_start {
                    continue;
                }
                let w = core(t);
                if !w.is_empty() {
                    words.insert(w.to_lowercase());
                }
            }
        }
    }
    words
}

/// A token without the punctuation around it: `[attorney-general],` → `attorney-general`.
fn core(token: &str) -> &str {
    token
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// Join a paragraph's lines, deciding each line-end hyphen.
fn join(lines: &[&str], vocabulary: &HashSet<String>) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        if out.ends_with('-') && joins_hyphen(&out, line, vocabulary) {
            out.pop();
        } else if !out.ends_with('-') || !keeps_hyphen_tight(&out, line) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// A kept line-end hyphen stays attached to the next line (`twenty-` + `two`) when a word goes on there.
fn keeps_hyphen_tight(before: &str, next: &str) -> bool {
    let left = before[..before.len() - 1].chars().next_back();
    left.is_some_and(char::is_alphanumeric) && next.starts_with(char::is_alphanumeric)
}

/// Whether the hyphen ending `before` (`... identifica-`) only broke the word continued in `next`.
fn joins_hyphen(before: &str, next: &str, vocabulary: &HashSet<String>) -> bool {
    let stem = &before[..before.len() - 1];
    let left_start = stem
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + stem[i..].chars().next().map_or(1, char::len_utf8));
    let left = stem[left_start..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let right_token = next.split_whitespace().next().unwrap_or("");
    let right = right_token.trim_end_matches(|c: char| !c.is_alphanumeric());
    let (Some(last), Some(first)) = (left.chars().next_back(), right.chars().next()) else {
        return false;
    };
    if !last.is_alphanumeric() || !first.is_alphanumeric() {
        return false;
    }
    if vocabulary.contains(&format!("{left}{right}").to_lowercase()) {
        return true;
    }
    if vocabulary.contains(&format!("{left}-{right}").to_lowercase()) {
        return false;
    }
    if last.is_ascii_digit() || first.is_ascii_digit() {
        return false;
    }
    if first.is_lowercase() {
        return true;
    }
    // A capital after the hyphen: a new word (`Part-` + `A`), unless the text is in capitals throughout.
    let caps = |w: &str| w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let right_word = right.split('-').next().unwrap_or(right);
    caps(left) && caps(right_word) && right_word.chars().count() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        blocks(t).into_iter().map(|b| b.text).collect()
    }

    const LBDC: &str = "
                STATE OF NEW YORK
        ____________________________

                        434

        AN ACT to amend the general business law, in relation to false caller
          identification information

          The  People of the State of New York, represented in Senate and Assem-
        bly, do enact as follows:

     1    Section 1. The general business law is amended by adding a new section
     2  399-ppp to read as follows:
     3    § 399-ppp. Prohibition on provision of deceptive caller identification
     4  information. 1. It shall be unlawful to transmit false caller identifica-
     5  tion information.

         EXPLANATION--Matter in italics (underscored) is new; matter in brackets
                              [ ] is old law to be omitted.
                                                                   LBD00375-02-5
        S. 434                              2

     1  This continues the paragraph of the first page, in the [attor-
     2  ney-general] section 399-
     3  A of a 2015-
     4  2016 law. The attorney-general may call-
     5  er back.
     6    § 2. This act shall take effect immediately.
";

    #[test]
    fn lbdc_print_reads_into_paragraphs() {
        assert!(is_print(LBDC));
        assert_eq!(
            texts(LBDC),
            [
                "STATE OF NEW YORK ____________________________",
                "434",
                "AN ACT to amend the general business law, in relation to false caller identification information",
                "The People of the State of New York, represented in Senate and Assembly, do enact as follows:",
                "Section 1. The general business law is amended by adding a new section 399-ppp to read as follows:",
                "§ 399-ppp. Prohibition on provision of deceptive caller identification information. 1. It shall be \
                 unlawful to transmit false caller identification information. This continues the paragraph of the \
                 first page, in the [attorney-general] section 399-A of a 2015-2016 law. The attorney-general may \
                 caller back.",
                "§ 2. This act shall take effect immediately.",
            ]
        );
    }

    #[test]
    fn plain_text_is_no_print() {
        assert!(!is_print("SECTION 1. The law.\n\n(a) One.\n\n(b) Two.\n"));
        assert!(!is_print("1 one\n2 two\n3 three\n"));
        // Numbers that do not count up are not line numbers.
        assert!(!is_print("10 a\n3 b\n7 c\n12 d\n4 e\n5 f\n1 g\n9 h\n"));
    }

    #[test]
    fn running_titles_in_the_header_are_dropped_and_the_title_runs_on() {
        let t = "   AN ACT to amend the law, in relation to the early\n     program for infants and the Essen-\n\n   A. 3007--A          2\n\n     tial Plan\n\n   The People enact:\n\n   A. 3007--A          3\n\n 1    Section 1. Text of the\n 2  section.\n 3    § 2. More.\n 4  Done.\n 5  End.\n\n   A. 3007--A          4\n\n 1    § 3. Last.\n";
        assert_eq!(
            texts(t),
            [
                "AN ACT to amend the law, in relation to the early program for infants and the Essential Plan",
                "The People enact:",
                "Section 1. Text of the section.",
                "§ 2. More. Done. End.",
                "§ 3. Last.",
            ]
        );
    }

    #[test]
    fn hyphens_follow_the_documents_words() {
        let v: HashSet<String> = ["judicial", "twenty-two", "399-ppp"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(joins_hyphen("a JUDI-", "CIAL order", &v));
        assert!(!joins_hyphen("twenty-", "two", &v));
        assert!(!joins_hyphen("section 399-", "ppp", &v));
        assert!(joins_hyphen("the Essen-", "tial Plan", &v));
        assert!(!joins_hyphen("Part-", "A of", &v));
        assert!(!joins_hyphen("in 2015-", "2016", &v));
        assert!(!joins_hyphen("a -", "b", &v));
    }
}
