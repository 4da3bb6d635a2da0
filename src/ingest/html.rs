//! The bill page as saved from leginfo.legislature.ca.gov.
//!
//! The page is parsed with a real HTML parser (scraper, on html5ever), never with patterns over tags.
//! The bill itself sits in `<div id="bill_all">`; the rest is site navigation. Within it, every
//! block-level element (div, p, td, h1–h6, li) is a block and everything else is inline, which is how the
//! page reads on screen and how text copied from it comes out. Two leginfo habits matter:
//!
//! - section numbers are headings styled `display:inline` (`<h3 style="display:inline">SEC. 2.</h3> The
//!   Legislature finds ...`), so such headings are read as inline text;
//! - nested provisions are indented with `margin-left` (1em, 2.5em, 4em, 5.5em for paragraph, subparagraph,
//!   clause, subclause), which becomes the block's indentation hint.

use super::{Block, BlockKind, block};
use scraper::{ElementRef, Html, Node, Selector};

const SKIP: &[&str] = &[
    "script", "style", "noscript", "head", "title", "template", "select", "option", "button", "input", "textarea",
];
const BLOCKS: &[&str] = &[
    "div",
    "p",
    "td",
    "th",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "pre",
    "form",
    "center",
];

struct Walker {
    out: Vec<(Block, u8)>,
    current: String,
    /// Indentation of each open block element, innermost last.
    indents: Vec<u8>,
    /// Heading level of each open block element (0 for non-headings).
    headings: Vec<u8>,
}

impl Walker {
    fn flush(&mut self) {
        let indent = self.indents.last().copied().unwrap_or(0);
        let level = self.headings.last().copied().unwrap_or(0);
        let kind = if level > 0 {
            BlockKind::Heading(level)
        } else {
            BlockKind::Paragraph
        };
        if let Some(b) = block(&self.current, kind, None) {
            self.out.push((b, indent));
        }
        self.current.clear();
    }

    fn walk(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    if SKIP.contains(&name) {
                        continue;
                    }
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if name == "br" {
                        self.current.push('\n');
                        continue;
                    }
                    let style = e.attr("style").unwrap_or("");
                    let inline_heading = name.starts_with('h') && compact(style).contains("display:inline");
                    if BLOCKS.contains(&name) && !inline_heading {
                        self.flush();
                        let parent = self.indents.last().copied().unwrap_or(0);
                        self.indents.push(margin_left_depth(style).unwrap_or(parent));
                        self.headings.push(heading_level(name));
                        self.walk(child_el);
                        self.flush();
                        self.indents.pop();
                        self.headings.pop();
                    } else {
                        self.walk(child_el);
                    }
                }
                _ => {}
            }
        }
    }
}

fn compact(style: &str) -> String {
    style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn heading_level(name: &str) -> u8 {
    match name {
        "h1" => 1,
        "h2" => 2,
        "h3" => 3,
        "h4" => 4,
        "h5" => 5,
        "h6" => 6,
        _ => 0,
    }
}

/// Nesting depth from a `margin-left` declaration: leginfo indents 1em, 2.5em, 4em, 5.5em for depths 1–4.
fn margin_left_depth(style: &str) -> Option<u8> {
    let style = compact(style);
    let value = style.split(';').rev().find_map(|d| d.strip_prefix("margin-left:"))?;
    let (number, unit) = value.split_at(
        value
            .find(|c: char| c.is_ascii_alphabetic() || c == '%')
            .unwrap_or(value.len()),
    );
    let n: f32 = number.parse().ok()?;
    let em = match unit {
        "em" | "rem" | "" => n,
        "px" => n / 16.0,
        "pt" => n / 12.0,
        _ => return None,
    };
    if em <= 0.0 {
        return Some(0);
    }
    Some(((em + 0.5) / 1.5).round().clamp(0.0, 12.0) as u8)
}

/// Split an HTML page into blocks.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let doc = Html::parse_document(text);
    let root = ["#bill_all", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|sel| doc.select(&sel).next())
        .unwrap_or_else(|| doc.root_element());
    let mut w = Walker {
        out: Vec::new(),
        current: String::new(),
        indents: Vec::new(),
        headings: Vec::new(),
    };
    w.walk(root);
    w.flush();
    let indented = w.out.iter().any(|(_, d)| *d > 0);
    w.out
        .into_iter()
        .map(|(mut b, depth)| {
            if indented && b.kind == BlockKind::Paragraph {
                b.indent = Some(depth);
            }
            b
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_become_depths() {
        assert_eq!(margin_left_depth("margin:0 0 1em 0;margin-left: 1em;"), Some(1));
        assert_eq!(margin_left_depth("margin-left: 2.5em"), Some(2));
        assert_eq!(margin_left_depth("margin-left:4em"), Some(3));
        assert_eq!(margin_left_depth("margin-left: 5.5em;"), Some(4));
        assert_eq!(margin_left_depth("margin:0 0 1em 0;"), None);
    }

    #[test]
    fn inline_headings_stay_in_their_paragraph() {
        let html = r#"<html><body><div id="bill_all"><div style="margin:0 0 1em 0;"><h3 style="font-weight:bold; display:inline;">SEC. 2.</h3> The Legislature finds:</div><div style="margin-left: 1em;">(1) One&nbsp;thing.<script>x()</script></div><h5>CHAPTER 1. Things</h5></div></body></html>"#;
        let b = blocks(html);
        let t: Vec<_> = b.iter().map(|b| (b.text.as_str(), b.indent)).collect();
        assert_eq!(
            t,
            [
                ("SEC. 2. The Legislature finds:", Some(0)),
                ("(1) One thing.", Some(1)),
                ("CHAPTER 1. Things", None)
            ]
        );
    }
}
