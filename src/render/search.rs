//! Search results: the ranked hits as terminal text, as JSON (`kind: "search"`), and their snippets as
//! HTML for the web page. One walk over a snippet's highlighted ranges serves every form.

use super::Style;
use super::annotated::escape;
use crate::index::Hit;
use serde::Serialize;
use std::fmt::Write;

/// The snippet with each highlighted range wrapped in `open` … `close`, and every piece of text passed
/// through `text` (an escape, or nothing). Ranges out of order or off a character boundary are skipped.
fn marked(h: &Hit, open: &str, close: &str, text: impl Fn(&str) -> String) -> String {
    let mut s = String::new();
    let mut at = 0;
    for &(a, b) in &h.highlights {
        if a < at || b > h.snippet.len() || !h.snippet.is_char_boundary(a) || !h.snippet.is_char_boundary(b) {
            continue;
        }
        s.push_str(&text(&h.snippet[at..a]));
        s.push_str(open);
        s.push_str(&text(&h.snippet[a..b]));
        s.push_str(close);
        at = b;
    }
    s.push_str(&text(&h.snippet[at..]));
    s
}

/// The snippet as HTML, matched words in `<mark>`.
pub fn snippet_html(h: &Hit) -> String {
    marked(h, "<mark>", "</mark>", escape)
}

/// How a hit names its bill: the measure ("SB 1047") when the index knows it, else the folder id.
pub fn bill_name(h: &Hit) -> &str {
    if h.measure.is_empty() { &h.bill } else { &h.measure }
}

/// Ranked hits for the terminal: path, bill, version, date and score, then the snippet with the matched
/// words underlined (or in «guillemets» without colour).
pub fn text(hits: &[Hit], style: Style) -> String {
    let (open, close) = if style.color {
        ("\x1b[1;4m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let mut s = String::new();
    if hits.is_empty() {
        s.push_str("No provisions match.\n");
    }
    for (i, h) in hits.iter().enumerate() {
        let when = if h.date.is_empty() {
            String::new()
        } else {
            format!(" ({})", h.date)
        };
        let _ = writeln!(
            s,
            "{:>3}. {} · {} {}{when} · {}",
            i + 1,
            style.bold(&h.path),
            bill_name(h),
            h.version,
            style.dim(&format!("score {:.2}", h.score))
        );
        let _ = writeln!(s, "     {}", marked(h, open, close, str::to_string).replace('\n', " "));
    }
    s
}

/// The hits as JSON: `{"schema_version", "kind": "search", "query", "hits": [...]}` (see the README's
/// JSON section).
pub fn json(query: &str, hits: &[Hit]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema_version: u32,
        kind: &'static str,
        query: &'a str,
        hits: &'a [Hit],
    }
    let mut s = serde_json::to_string_pretty(&Doc {
        schema_version: super::json::SCHEMA_VERSION,
        kind: "search",
        query,
        hits,
    })
    .expect("search hits serialize: plain data");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(snippet: &str, highlights: Vec<(usize, usize)>) -> Hit {
        Hit {
            bill: "ca-sb1047".into(),
            measure: "SB 1047".into(),
            version: "enrolled".into(),
            date: "2024-09-03".into(),
            path: "22602(e)".into(),
            heading: String::new(),
            score: 1.5,
            snippet: snippet.into(),
            highlights,
            defines: vec![],
        }
    }

    #[test]
    fn snippets_mark_their_ranges_and_escape() {
        let h = hit("a <b> full shutdown", vec![(6, 10), (11, 19), (3, 4)]);
        assert_eq!(snippet_html(&h), "a &lt;b&gt; <mark>full</mark> <mark>shutdown</mark>");
        let t = text(&[h], Style { color: false });
        assert!(
            t.contains("  1. 22602(e) · SB 1047 enrolled (2024-09-03) · score 1.50"),
            "{t}"
        );
        assert!(t.contains("a <b> «full» «shutdown»"), "{t}");
        assert_eq!(text(&[], Style { color: false }), "No provisions match.\n");
    }

    #[test]
    fn json_names_its_kind() {
        let v: serde_json::Value = serde_json::from_str(&json("q", &[hit("x", vec![])])).unwrap();
        assert_eq!((v["kind"].as_str(), v["query"].as_str()), (Some("search"), Some("q")));
        assert_eq!(v["hits"][0]["path"], "22602(e)");
    }
}
