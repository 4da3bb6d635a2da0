//! Standalone HTML redlines, in leginfo's convention: deleted text struck through in red, added text in
//! blue italics, footnote markers linking to the footnotes. Rendered with askama from `templates/`; every
//! string from a bill, a proposal or the glossary is escaped by the template, and the glossary's Markdown
//! footnotes are converted with raw HTML turned into text.

use super::redline::{Heading, amendment};
use crate::redline::{Op, Redline};
use askama::Template;
use pulldown_cmark::Event;

/// One run of a redline paragraph: `op` is `eq`, `del` or `ins`.
pub(crate) struct Piece {
    pub(crate) op: &'static str,
    pub(crate) text: String,
}

/// One paragraph of a redline.
pub(crate) struct Para {
    pub(crate) anchor: String,
    pub(crate) path: String,
    pub(crate) changed: bool,
    pub(crate) pieces: Vec<Piece>,
    pub(crate) notes: Vec<usize>,
}

pub(crate) struct Amend {
    pub(crate) number: usize,
    pub(crate) lines: Vec<String>,
    pub(crate) notes: Vec<usize>,
}

pub(crate) struct Note {
    pub(crate) term: String,
    pub(crate) definition: String,
    /// The short note (the entry's first paragraph), as HTML.
    pub(crate) html: String,
    /// The rest of the entry, as HTML, folded under the note.
    pub(crate) full: String,
    pub(crate) id: String,
    pub(crate) first: bool,
}

pub(crate) struct Foot {
    pub(crate) number: usize,
    pub(crate) rationale: String,
    pub(crate) glossary: Vec<Note>,
}

/// A redline ready for `templates/redline-body.html`: the text, the amendments, the footnotes and the
/// consistency check. The standalone page and the web UI's compare and builder pages include that one
/// template, so a redline reads the same everywhere.
pub struct RedlineView {
    pub(crate) paragraphs: Vec<Para>,
    pub(crate) coarse: bool,
    pub(crate) amendments: Vec<Amend>,
    pub(crate) footnotes: Vec<Foot>,
    pub(crate) check: bool,
    pub(crate) findings: Vec<String>,
}

impl RedlineView {
    /// Keep only the changed paragraphs (a preview, a long comparison): the amendments and footnotes stay.
    pub fn changed_only(mut self) -> RedlineView {
        self.paragraphs.retain(|p| p.changed);
        self
    }
}

#[derive(Template)]
#[template(path = "redline.html")]
struct Page {
    kind: String,
    bill: String,
    title: String,
    notice: bool,
    notice_text: String,
    summary: Vec<String>,
    rl: RedlineView,
}

/// Markdown to HTML through the one configured parser; raw HTML in the source becomes text.
pub fn markdown_to_html(md: &str) -> String {
    let events = crate::cmark::new_cmark_parser(md).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        e => e,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// An anchor for a provision path that survives in a URL fragment: `22602(e)(1)` → `p-22602-e-1`.
pub fn anchor(path: &str) -> String {
    let mut s = String::from("p-");
    let mut dash = false;
    let mut prev = ' ';
    for c in path.chars() {
        let keep = c.is_ascii_alphanumeric() || (c == '.' && prev.is_ascii_digit());
        prev = c;
        if keep {
            if dash && !s.ends_with('-') {
                s.push('-');
            }
            s.push(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    s
}

/// The redline's view data, for the templates.
pub fn view(r: &Redline, findings: Option<&[String]>) -> RedlineView {
    let mut seen_anchor: Vec<String> = Vec::new();
    let paragraphs = r
        .paragraphs
        .iter()
        .map(|p| {
            let mut notes: Vec<usize> = Vec::new();
            for s in &p.segments {
                for c in &s.changes {
                    for f in &r.changes[*c].footnotes {
                        if !notes.contains(f) {
                            notes.push(*f);
                        }
                    }
                }
            }
            let mut a = anchor(&p.path);
            if seen_anchor.contains(&a) {
                a = format!("{a}-{}", seen_anchor.len());
            }
            seen_anchor.push(a.clone());
            Para {
                anchor: a,
                path: p.path.clone(),
                changed: p.changed,
                pieces: p
                    .segments
                    .iter()
                    .map(|s| Piece {
                        op: match s.op {
                            Op::Equal => "eq",
                            Op::Delete => "del",
                            Op::Insert => "ins",
                        },
                        text: s.text.clone(),
                    })
                    .collect(),
                notes,
            }
        })
        .collect();
    let amendments = crate::redline::amendments::amendments(r)
        .iter()
        .map(|a| {
            let text = amendment(a);
            // The footnote markers are links in HTML; drop the bracketed ones from the words.
            let text = a
                .footnotes
                .iter()
                .fold(text, |t, n| t.replacen(&format!("[{n}]"), "", 1));
            Amend {
                number: a.number,
                lines: text.replace("  — ", " — ").lines().map(str::to_string).collect(),
                notes: a.footnotes.clone(),
            }
        })
        .collect();
    let mut shown: Vec<String> = Vec::new();
    let footnotes = r
        .footnotes
        .iter()
        .map(|f| Foot {
            number: f.number,
            rationale: f.rationale.split_whitespace().collect::<Vec<_>>().join(" "),
            glossary: f
                .glossary
                .iter()
                .map(|g| {
                    let first = !shown.contains(&g.id);
                    shown.push(g.id.clone());
                    Note {
                        term: g.term.clone(),
                        definition: g.definition.clone(),
                        html: if first {
                            markdown_to_html(&g.note)
                        } else {
                            String::new()
                        },
                        full: if first {
                            markdown_to_html(g.footnote.trim_start().split_once("\n\n").map_or("", |(_, rest)| rest))
                        } else {
                            String::new()
                        },
                        id: g.id.clone(),
                        first,
                    }
                })
                .collect(),
        })
        .collect();
    RedlineView {
        paragraphs,
        coarse: r.coarse,
        amendments,
        footnotes,
        check: findings.is_some(),
        findings: findings.unwrap_or_default().to_vec(),
    }
}

/// The whole redline as a standalone HTML document.
pub fn redline(h: &Heading<'_>, r: &Redline, findings: Option<&[String]>) -> String {
    let page = Page {
        kind: h.kind.to_string(),
        bill: h.bill.to_string(),
        title: h.title.to_string(),
        notice: h.notice.is_some(),
        notice_text: h.notice.unwrap_or_default().to_string(),
        summary: h
            .summary
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect(),
        rl: view(r, findings),
    };
    page.render().expect("the redline template renders from plain data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_escaping() {
        assert_eq!(anchor("22602(e)(1)(B)(i)(II)"), "p-22602-e-1-B-i-II");
        assert_eq!(anchor("SEC. 6¶2"), "p-SEC-6-2");
        assert_eq!(anchor("22757.11(e)"), "p-22757.11-e");
        assert_eq!(
            markdown_to_html("A *b* <script>x</script>"),
            "<p>A <em>b</em> &lt;script&gt;x&lt;/script&gt;</p>\n"
        );
    }
}
