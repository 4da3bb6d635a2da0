//! Search results: the ranked hits as terminal text, as JSON (`kind: "search"`), and their snippets as
//! HTML for the web page. One walk over a snippet's highlighted ranges serves every form.

use super::Style;
use super::annotated::escape;
use crate::index::{Found, Hit};
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

/// How many provisions a search found, and which of them are shown: "33 provisions match; 21–33 shown."
pub fn count_line(found: &Found) -> String {
    let n = found.total;
    let at_least = if found.complete { "" } else { "at least " };
    let plural = if n == 1 {
        "provision matches"
    } else {
        "provisions match"
    };
    let shown = found.hits.len();
    if shown == 0 || (found.offset == 0 && shown == n) {
        return format!("{at_least}{n} {plural}.");
    }
    let (first, last) = (found.offset + 1, found.offset + shown);
    format!("{at_least}{n} {plural}; {first}–{last} shown.")
}

/// The other versions a hit's provision reads the same in: "also in amended-2024-08-22 (2024-08-22), …".
pub fn also_in(h: &Hit) -> String {
    let others: Vec<String> = h
        .versions
        .iter()
        .skip(1)
        .map(|v| {
            if v.date.is_empty() || v.date == v.version {
                v.version.clone()
            } else {
                format!("{} ({})", v.version, v.date)
            }
        })
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!("the same in {}", others.join(", "))
    }
}

/// Ranked hits for the terminal: how many, then each hit's path, bill, version, date and score, the other
/// versions it reads the same in, and the snippet with the matched words underlined (or in «guillemets»
/// without colour); how to ask for the next page.
pub fn text(found: &Found, style: Style) -> String {
    let (open, close) = if style.color {
        ("\x1b[1;4m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let hits = &found.hits;
    let mut s = String::new();
    if hits.is_empty() {
        s.push_str(if found.total == 0 {
            "No provisions match.\n"
        } else {
            "No provisions on this page: the --offset is past the last.\n"
        });
        return s;
    }
    let _ = writeln!(s, "{}", count_line(found));
    for (i, h) in hits.iter().enumerate() {
        let when = if h.date.is_empty() {
            String::new()
        } else {
            format!(" ({})", h.date)
        };
        let _ = writeln!(
            s,
            "{:>3}. {} · {} {}{when} · {}",
            found.offset + i + 1,
            style.bold(&h.path),
            bill_name(h),
            h.version,
            style.dim(&format!("score {:.2}", h.score))
        );
        let also = also_in(h);
        if !also.is_empty() {
            let _ = writeln!(s, "     {}", style.dim(&also));
        }
        let _ = writeln!(s, "     {}", marked(h, open, close, str::to_string).replace('\n', " "));
    }
    let next = found.offset + hits.len();
    if next < found.total {
        let _ = writeln!(s, "More: --offset {next}.");
    }
    s
}

/// The hits as JSON: `{"schema_version", "kind": "search", "query", "total", "matched", "complete",
/// "offset", "hits": [...]}` (see the README's JSON section).
pub fn json(query: &str, found: &Found) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema_version: u32,
        kind: &'static str,
        query: &'a str,
        #[serde(flatten)]
        found: &'a Found,
    }
    let mut s = serde_json::to_string_pretty(&Doc {
        schema_version: super::json::SCHEMA_VERSION,
        kind: "search",
        query,
        found,
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
            versions: vec![
                crate::index::VersionRef {
                    version: "enrolled".into(),
                    date: "2024-09-03".into(),
                },
                crate::index::VersionRef {
                    version: "amended-2024-08-22".into(),
                    date: "2024-08-22".into(),
                },
            ],
        }
    }

    fn found(hits: Vec<Hit>, total: usize, offset: usize) -> Found {
        Found {
            matched: total,
            complete: true,
            hits,
            total,
            offset,
        }
    }

    #[test]
    fn snippets_mark_their_ranges_and_escape() {
        let h = hit("a <b> full shutdown", vec![(6, 10), (11, 19), (3, 4)]);
        assert_eq!(snippet_html(&h), "a &lt;b&gt; <mark>full</mark> <mark>shutdown</mark>");
        let t = text(&found(vec![h.clone()], 1, 0), Style { color: false });
        assert!(t.starts_with("1 provision matches.\n"), "{t}");
        assert!(
            t.contains("  1. 22602(e) · SB 1047 enrolled (2024-09-03) · score 1.50"),
            "{t}"
        );
        assert!(t.contains("the same in amended-2024-08-22 (2024-08-22)"), "{t}");
        assert!(t.contains("a <b> «full» «shutdown»"), "{t}");
        assert!(!t.contains("More:"), "{t}");
        assert_eq!(
            text(&found(vec![], 0, 0), Style { color: false }),
            "No provisions match.\n"
        );
        let paged = text(&found(vec![h.clone(), h], 33, 20), Style { color: false });
        assert!(paged.starts_with("33 provisions match; 21–22 shown.\n"), "{paged}");
        assert!(
            paged.contains(" 21. 22602(e)") && paged.contains(" 22. 22602(e)"),
            "{paged}"
        );
        assert!(paged.ends_with("More: --offset 22.\n"), "{paged}");
    }

    #[test]
    fn json_names_its_kind() {
        let v: serde_json::Value = serde_json::from_str(&json("q", &found(vec![hit("x", vec![])], 1, 0))).unwrap();
        assert_eq!((v["kind"].as_str(), v["query"].as_str()), (Some("search"), Some("q")));
        assert_eq!(v["hits"][0]["path"], "22602(e)");
        assert_eq!((v["total"].as_u64(), v["offset"].as_u64()), (Some(1), Some(0)));
        assert_eq!(v["hits"][0]["versions"][1]["version"], "amended-2024-08-22");
    }
}
