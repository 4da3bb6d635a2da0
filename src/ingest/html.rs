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
//!
//! New York's LBDC pages set the bill as a line-numbered print in `<pre>`, one element per page. A `<pre>`
//! keeps its text as laid out (inner elements such as `<b><u>` and `<s>` are inline); the texts of
//! adjacent `<pre>` elements are read together by [`super::print`] when they are such a print, so a
//! paragraph runs on across a page break. Any other `<pre>` is one block, as before.
//!
//! Such a print is also the official redline against existing law: matter the bill adds is underlined
//! (`<b><u>…</u></b>`) and matter it omits is struck and bracketed (`[<b><s>…</s></b>]`). Those marks
//! become data ([`super::Marks`]): the document's blocks are the law as the bill would have it (struck
//! matter and its brackets left out), and the marks rebuild the existing text beside it.

use super::xml::{Change, Layout};
use super::{Block, BlockKind, Document, InputFormat, block, print};
use crate::error::{Error, Result};
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

/// Inside a print, where underlined (added) and struck (omitted) matter opens and closes: characters of
/// Unicode's private use area, which no bill text carries, set into the print's text so that they travel
/// through [`print::blocks`] with the words they mark.
const ADD_OPEN: char = '\u{E000}';
const ADD_CLOSE: char = '\u{E001}';
const STRIKE_OPEN: char = '\u{E002}';
const STRIKE_CLOSE: char = '\u{E003}';
const MARKS: [char; 4] = [ADD_OPEN, ADD_CLOSE, STRIKE_OPEN, STRIKE_CLOSE];

/// What the walk yields: a block with its depth, or the raw text of a `<pre>` element.
enum Item {
    Block(Block, u8),
    Pre(String),
}

struct Walker {
    out: Vec<Item>,
    current: String,
    /// Indentation of each open block element, innermost last.
    indents: Vec<u8>,
    /// Heading level of each open block element (0 for non-headings).
    headings: Vec<u8>,
    /// How many `<pre>` elements are open: inside one, nothing is a block.
    in_pre: usize,
    /// The node before was struck text: a `))` closing it goes too.
    after_strike: bool,
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
            self.out.push(Item::Block(b, indent));
        }
        self.current.clear();
    }

    /// Walk the tree under `root` in document order with an explicit stack, never recursion: the page's
    /// nesting is the input's to choose, and a deep one must not exhaust the thread's stack.
    fn walk(&mut self, root: ElementRef<'_>) {
        // Per open element: the next child to visit, whether leaving it closes a block, whether it is a
        // `<pre>`, and the mark its end sets into a print's text.
        let mut stack = vec![(root.first_child(), false, false, None)];
        while let Some(top) = stack.last_mut() {
            let Some(node) = top.0 else {
                let (closes, pre, mark) = (top.1, top.2, top.3);
                stack.pop();
                if let Some(m) = mark {
                    self.current.push(m);
                }
                if pre {
                    self.in_pre -= 1;
                    if self.in_pre == 0 {
                        self.out.push(Item::Pre(std::mem::take(&mut self.current)));
                    }
                } else if closes {
                    self.flush();
                    self.indents.pop();
                    self.headings.pop();
                }
                continue;
            };
            top.0 = node.next_sibling();
            match node.value() {
                Node::Text(t) => {
                    let t: &str = t;
                    // Washington prints struck text as `((struck))`: the marks go with it.
                    let t = match self.after_strike {
                        true => t.strip_prefix("))").unwrap_or(t),
                        false => t,
                    };
                    self.after_strike = false;
                    self.current.push_str(t);
                }
                Node::Element(e) => {
                    let name = e.name();
                    if SKIP.contains(&name) {
                        continue;
                    }
                    // Struck text outside a print (`<s>`, `<strike>`, `<del>`, a line-through style) is matter
                    // the version deletes: the text is read as the version enacts it, as CAML's change marks
                    // are. (Inside a `<pre>` print, New York's bracketed deletions stay as printed.)
                    let struck = matches!(name, "s" | "strike" | "del")
                        || compact(e.attr("style").unwrap_or("")).contains("text-decoration:line-through");
                    if struck && self.in_pre == 0 {
                        if let Some(t) = self.current.strip_suffix("((") {
                            let keep = t.len();
                            self.current.truncate(keep);
                        }
                        self.after_strike = true;
                        continue;
                    }
                    if name == "br" {
                        self.current.push('\n');
                        continue;
                    }
                    if name == "pre" || self.in_pre > 0 {
                        if self.in_pre == 0 {
                            self.flush();
                        }
                        let pre = name == "pre";
                        self.in_pre += usize::from(pre);
                        // In a print, underlined matter is new and struck matter omitted.
                        let mark = match name {
                            "u" | "ins" => Some((ADD_OPEN, ADD_CLOSE)),
                            _ if struck => Some((STRIKE_OPEN, STRIKE_CLOSE)),
                            _ => None,
                        };
                        if let Some((open, _)) = mark {
                            self.current.push(open);
                        }
                        stack.push((node.first_child(), false, pre, mark.map(|m| m.1)));
                        continue;
                    }
                    let style = e.attr("style").unwrap_or("");
                    let inline_heading = name.starts_with('h') && compact(style).contains("display:inline");
                    let is_block = BLOCKS.contains(&name) && !inline_heading;
                    if is_block {
                        self.flush();
                        let parent = self.indents.last().copied().unwrap_or(0);
                        self.indents.push(margin_left_depth(style).unwrap_or(parent));
                        self.headings.push(heading_level(name));
                    }
                    stack.push((node.first_child(), is_block, false, None));
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

/// The deepest element nesting billdiff reads. leginfo's pages nest about twenty levels; the limit
/// leaves room for any real page and refuses, before parsing, one whose nesting would cost the parser
/// quadratic time.
pub const MAX_DEPTH: usize = 1_000;

/// Elements that hold no content, and elements a parser closes by itself when a sibling opens (so an
/// unclosed one does not nest): neither deepens the tree.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody", "tfoot", "rb", "rt", "rp",
];

/// How deep the page's elements nest, read from its tags in one pass (no tree is built): an open tag
/// deepens, its close tag returns; comments, declarations, script and style contents and the elements in
/// [`FLAT`] do not count. Stops counting once past `limit`.
fn nesting_depth(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    let find = |from: usize, pat: &str| text[from..].find(pat).map_or(bytes.len(), |k| from + k + pat.len());
    while i < bytes.len() && deepest <= limit {
        let Some(k) = text[i..].find('<') else { break };
        i += k + 1;
        if text[i..].starts_with("!--") {
            i = find(i, "-->");
            continue;
        }
        let close = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let end = start
            + text[start..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(text.len() - start);
        let name = &text[start..end];
        let tag_end = find(end, ">");
        let self_closing = tag_end >= 2 && bytes.get(tag_end - 2) == Some(&b'/');
        i = tag_end;
        if name.is_empty() || FLAT.iter().any(|f| f.eq_ignore_ascii_case(name)) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
                // Raw text: nothing inside is a tag. Skip to its close tag, in any case, without copying
                // the rest of the page (a page of many scripts stays one pass).
                i = text[i..]
                    .match_indices("</")
                    .map(|(k, _)| i + k)
                    .find(|&j| {
                        text.get(j + 2..j + 2 + name.len())
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    })
                    .unwrap_or(bytes.len());
                continue;
            }
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Read an HTML page: its blocks, and the marks of a print that carries them; a page nested deeper than
/// [`MAX_DEPTH`] is refused before parsing.
pub(super) fn document(source_name: &str, text: &str) -> Result<Document> {
    let blocks = blocks(source_name, text)?;
    if !blocks.iter().any(|b| b.text.contains(MARKS)) {
        return Ok(Document::of_blocks(source_name, InputFormat::Html, blocks));
    }
    let mut layout = Layout::new(None);
    // New York's prints mark the bill's changes to the law it amends.
    layout.marks_against_law();
    // A run of marked matter goes on across paragraphs, as the print's lines carry it.
    let mut open = (0, 0);
    for b in &blocks {
        marked_block(&mut layout, b, &mut open);
    }
    Ok(layout.into_document(source_name, InputFormat::Html))
}

/// Lay one block of a marked print out: its runs of unchanged, added and struck text, the brackets around
/// struck matter left out (they are the print's way of marking it), and its end in the texts it has words in.
/// `open` counts the added and struck runs open where the block starts, and where it ends.
fn marked_block(layout: &mut Layout, b: &Block, open: &mut (usize, usize)) {
    let mut runs: Vec<(Change, String)> = vec![(Change::Same, String::new())];
    let (mut added, mut struck) = *open;
    let mut after_strike = false;
    let change_of = |added: usize, struck: usize| match (added, struck) {
        (_, s) if s > 0 => Change::Struck,
        (a, _) if a > 0 => Change::Added,
        _ => Change::Same,
    };
    for c in b.text.chars() {
        match c {
            ADD_OPEN => added += 1,
            ADD_CLOSE => added = added.saturating_sub(1),
            STRIKE_OPEN => {
                // The bracket that opens struck matter goes with it.
                if let Some((Change::Same | Change::Added, t)) = runs.last_mut()
                    && let Some(keep) = t.trim_end().strip_suffix('[').map(str::len)
                {
                    t.truncate(keep);
                }
                struck += 1;
            }
            STRIKE_CLOSE => {
                struck = struck.saturating_sub(1);
                after_strike = struck == 0;
                continue;
            }
            ']' if after_strike => {
                after_strike = false;
                continue;
            }
            c => {
                after_strike &= c.is_whitespace();
                let change = change_of(added, struck);
                match runs.last_mut() {
                    Some((last, t)) if *last == change => t.push(c),
                    _ => runs.push((change, c.to_string())),
                }
            }
        }
    }
    *open = (added, struck);
    let has = |side: super::Side| runs.iter().any(|(c, t)| c.on(side) && !t.trim().is_empty());
    let end = match (has(super::Side::Before), has(super::Side::After)) {
        (true, false) => Change::Struck,
        (false, true) => Change::Added,
        _ => Change::Same,
    };
    for (change, text) in &runs {
        layout.text(*change, text);
    }
    layout.end(end, b.kind, b.indent);
}

/// A print marks each line of a run on its own (`<b><u>… tabu-</u></b>` / `<b><u>lated …</u></b>`): where
/// a line's mark closes at its end and the next line's same mark opens at its start, the run goes on, so
/// the marks are taken out there and a word broken across the lines reads as one.
fn continue_marks(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for i in 0..lines.len().saturating_sub(1) {
        let this = out[i].trim_end();
        let Some(close) = this
            .chars()
            .next_back()
            .filter(|c| [ADD_CLOSE, STRIKE_CLOSE].contains(c))
        else {
            continue;
        };
        let open = if close == ADD_CLOSE { ADD_OPEN } else { STRIKE_OPEN };
        let next = &out[i + 1];
        // The next line's text starts after its margin number and spaces.
        let digits = next.trim_start().bytes().take_while(u8::is_ascii_digit).count();
        let lead = next.len() - next.trim_start().len() + digits;
        let rest = &next[lead..];
        if !rest.trim_start().starts_with(open) {
            continue;
        }
        let at = lead + (rest.len() - rest.trim_start().len());
        let mut next = next.clone();
        next.replace_range(at..at + open.len_utf8(), "");
        let keep = this.len() - close.len_utf8();
        out[i].truncate(keep);
        out[i + 1] = next;
    }
    out.join("\n")
}

/// Split an HTML page into blocks (a print's marks still set in its text).
fn blocks(source_name: &str, text: &str) -> Result<Vec<Block>> {
    if nesting_depth(text, MAX_DEPTH) > MAX_DEPTH {
        return Err(Error::TooDeep {
            source_name: source_name.into(),
            limit: MAX_DEPTH,
        });
    }
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
        in_pre: 0,
        after_strike: false,
    };
    w.walk(root);
    w.flush();
    let indented = w.out.iter().any(|i| matches!(i, Item::Block(_, d) if *d > 0));
    let mut out = Vec::new();
    // A page that carries a line-numbered print (New York's LBDC pages) is that print: the menus, the
    // sponsor's memorandum and the bill's status around it are the page's, not the bill's.
    let mut print_blocks: Option<Vec<Block>> = None;
    let mut items = w.out.into_iter().peekable();
    while let Some(item) = items.next() {
        match item {
            Item::Block(mut b, depth) => {
                if indented && b.kind == BlockKind::Paragraph {
                    b.indent = Some(depth);
                }
                out.push(b);
            }
            Item::Pre(first) => {
                // Pages of one print are adjacent `<pre>` elements that each carry line numbers.
                let mut pres = vec![first];
                while print::has_numbers(pres.last().map_or("", String::as_str))
                    && matches!(items.peek(), Some(Item::Pre(p)) if print::has_numbers(p))
                {
                    if let Some(Item::Pre(p)) = items.next() {
                        pres.push(p);
                    }
                }
                let joined = continue_marks(&pres.join("\n"));
                if print::is_print(&joined) {
                    let b = print::blocks(&joined);
                    out.extend(b.iter().cloned());
                    if print_blocks.is_none() {
                        print_blocks = Some(b);
                    }
                } else {
                    out.extend(
                        pres.iter()
                            .filter_map(|p| block(&p.replace(MARKS, ""), BlockKind::Paragraph, None)),
                    );
                }
            }
        }
    }
    Ok(print_blocks.unwrap_or(out))
}

/// What a leginfo bill page says about itself, as the page writes it ([`super::leginfo`] reads the words).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PageFacts {
    /// The page's `<title>`, normalized: `Bill Text - SB-1047 Safe and Secure ...`.
    pub title: Option<String>,
    /// Where the page's own Text tab points (`/faces/billTextClient.xhtml?bill_id=202320240SB1047`).
    pub text_link: Option<String>,
    /// The bill's line naming its session: `CALIFORNIA LEGISLATURE— 2023–2024 REGULAR SESSION`.
    pub session: Option<String>,
    /// Whether the page holds a bill's text (`<div id="bill_all">`).
    pub has_text: bool,
    /// The version list (`<select id="version">`), as the page orders it: each option's value, its text
    /// (normalized), and whether it is the version the page shows.
    pub versions: Vec<(String, String, bool)>,
}

/// Read a leginfo bill page's facts with the same parser as its text (a page nested deeper than
/// [`MAX_DEPTH`] is refused before parsing).
pub(super) fn page_facts(source_name: &str, text: &str) -> Result<PageFacts> {
    if nesting_depth(text, MAX_DEPTH) > MAX_DEPTH {
        return Err(Error::TooDeep {
            source_name: source_name.into(),
            limit: MAX_DEPTH,
        });
    }
    let doc = Html::parse_document(text);
    let select = |s: &str| Selector::parse(s).ok();
    let first = |s: &str| select(s).and_then(|sel| doc.select(&sel).next());
    let text_of = |e: ElementRef<'_>| super::normalize(&e.text().collect::<String>());
    let mut facts = PageFacts {
        title: first("title").map(text_of).filter(|t| !t.is_empty()),
        text_link: first("a#nav_bar_top_text")
            .and_then(|a| a.attr("href"))
            .map(str::to_string),
        ..PageFacts::default()
    };
    if let Some(bill) = first("#bill_all") {
        facts.has_text = true;
        facts.session = bill
            .text()
            .map(super::normalize)
            .find(|t| t.len() < 200 && t.to_uppercase().ends_with(" SESSION"));
    }
    if let Some(options) = select("select#version option") {
        facts.versions = doc
            .select(&options)
            .filter_map(|o| {
                let value = o.attr("value")?.trim();
                (!value.is_empty()).then(|| (value.to_string(), text_of(o), o.attr("selected").is_some()))
            })
            .collect();
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::super::Piece;
    use super::*;

    #[test]
    fn nesting_is_counted_from_the_tags() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>", 99),
            3
        );
        assert_eq!(
            nesting_depth("<div><!-- <div><div> --><span/><script>if (a<b) {}</script></div>", 99),
            1
        );
        assert_eq!(nesting_depth("<ul><li>a<li>b</ul><table><tr><td>x</table>", 99), 1);
    }

    #[test]
    fn deep_pages_are_refused_and_deep_enough_ones_read() {
        // 200,000 levels: refused at once, with no tree built.
        let deep = format!(
            "<div id=\"bill_all\">{}x{}</div>",
            "<span>".repeat(200_000),
            "</span>".repeat(200_000)
        );
        let e = blocks("deep.html", &deep).unwrap_err().to_string();
        assert_eq!(e, "deep.html: nested deeper than 1000 levels");
        // Just under the limit: read by the explicit-stack walk on a test thread's small stack.
        let ok = format!(
            "<body><div id=\"bill_all\">{}SECTION 1. Text.{}</div></body>",
            "<span>".repeat(MAX_DEPTH - 3),
            "</span>".repeat(MAX_DEPTH - 3)
        );
        let b = blocks("ok.html", &ok).unwrap();
        assert_eq!(
            b.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(),
            ["SECTION 1. Text."]
        );
    }

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
        let b = blocks("t", html).unwrap();
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

    #[test]
    fn line_numbered_pre_pages_read_as_one_print() {
        let html = "<html><body><p>Status</p><pre>\n        AN ACT to amend the law\n\n     1    <b><u>Section 1. The law is amended by a new caller identifica-</u></b>\n     2  <b><u>tion section to read:</u></b>\n     3    &#167; 2. [<b><s>Old</s></b>] <b><u>New</u></b> text of the\n\n         EXPLANATION--Matter in italics is new\n                                   LBD00375-02-5\n</pre><p class=\"brk\"><pre>\n        S. 434      2\n\n     1  section goes on\n     2  and on\n     3  and on.\n     4    &#167; 3. This act shall take effect immediately.\n</pre><pre>Memo\ntext</pre></body></html>";
        let d = document("t", html).unwrap();
        let t: Vec<_> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        // The page is its print: the status line before it and the memorandum after it are the page's.
        // Its marks are data: the text reads as the bill has it, struck matter and its brackets left out;
        // underlined matter broken across lines is one run, its line-end hyphen joined.
        assert_eq!(
            t,
            [
                "AN ACT to amend the law",
                "Section 1. The law is amended by a new caller identification section to read:",
                "§ 2. New text of the section goes on and on and on.",
                "§ 3. This act shall take effect immediately.",
            ]
        );
        let before = d.side(super::super::Side::Before).unwrap();
        let t: Vec<_> = before.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "AN ACT to amend the law",
                "§ 2. Old text of the section goes on and on and on.",
                "§ 3. This act shall take effect immediately.",
            ]
        );
        let marks = d.marks.unwrap();
        assert!(marks.pieces.contains(&Piece::Text {
            change: Change::Added,
            text: "Section 1. The law is amended by a new caller identification section to read:".into()
        }));
    }

    #[test]
    fn struck_text_is_deleted_matter() {
        // Washington: `((struck))` in a line-through span; leginfo and others: <s>, <strike>, <del>.
        let html = r#"<html><body><div>(1) accessing, ((<span style="text-decoration: line-through;">obtaining, or</span>))<span style="text-decoration:underline;">having</span> firearms; <strike>old</strike>new <del>gone</del>kept</div></body></html>"#;
        let t: Vec<String> = blocks("t.html", html).unwrap().into_iter().map(|b| b.text).collect();
        assert_eq!(t, ["(1) accessing, having firearms; new kept"]);
    }
}
