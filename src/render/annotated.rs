//! A bill's text as HTML with its terms marked: the web UI's bill page.
//!
//! Every provision is an element whose id is its path (spaces dropped: `22602(e)(1)`, `SEC.2(a)`), so a
//! staffer can cite and share `…/enrolled#22602(e)`. Uses of defined terms link to their definition and
//! name a hidden description (the definition's text) that the page shows on hover and keyboard focus; uses
//! outside the definition's scope are marked; glossary terms of art used without a definition carry a
//! footnote marker. Everything is read from the terms report: this module only formats.

use super::html::markdown_to_html;
use crate::glossary::Glossary;
use crate::model::{Bill, Provision, ProvisionKind, Span};
use crate::terms::{Sense, TermsReport};
use std::collections::HashMap;
use std::fmt::Write;

/// A definition's hover text.
pub struct Tip {
    /// Element id (`tip-3`).
    pub id: String,
    /// The term, as a reader writes it.
    pub term: String,
    /// Where it is defined.
    pub path: String,
    /// Its element id on the page.
    pub anchor: String,
    /// Where it applies.
    pub scope: String,
    /// The defining provision's text (shortened).
    pub text: String,
}

/// A footnote for a term of art the bill uses without defining.
pub struct ArtNote {
    /// Footnote number, in order of first use.
    pub number: usize,
    /// Glossary entry id.
    pub id: String,
    /// Headword.
    pub term: String,
    /// The glossary's one-line definition.
    pub definition: String,
    /// The glossary's footnote, as HTML.
    pub html: String,
    /// Uses in the technical, ordinary and unclear senses.
    pub senses: (usize, usize, usize),
}

/// The bill page's parts.
pub struct AnnotatedBill {
    /// Outline navigation: nested lists of links (HTML).
    pub outline: String,
    /// The provisions (HTML).
    pub text: String,
    /// Definition texts for hover and focus.
    pub tips: Vec<Tip>,
    /// Footnotes for undefined terms of art.
    pub notes: Vec<ArtNote>,
}

/// The element id of a provision: its path without spaces.
pub fn element_id(path: &str) -> String {
    path.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Mark {
    /// The term in its own defining phrase.
    Defining(usize, bool),
    /// A use of definition `i`; `true` when outside its scope.
    Use(usize, bool),
    /// A quoted mention of definition `i`.
    Mention(usize),
    /// A use of undefined term of art `i`.
    Art(usize, Sense),
}

/// Lay out the bill with its terms marked.
pub fn annotate(bill: &Bill, report: &TermsReport, glossary: &Glossary) -> AnnotatedBill {
    let mut marks: HashMap<&str, Vec<(Span, Mark)>> = HashMap::new();
    for (i, d) in report.definitions.iter().enumerate() {
        for (k, part) in d.parts.iter().enumerate() {
            for (j, s) in part.term_spans.iter().enumerate() {
                marks
                    .entry(part.location.as_str())
                    .or_default()
                    .push((*s, Mark::Defining(i, k == 0 && j == 0)));
            }
        }
        for u in &d.uses {
            marks
                .entry(u.path.as_str())
                .or_default()
                .push((u.span, Mark::Use(i, false)));
        }
        for u in &d.out_of_scope {
            marks
                .entry(u.path.as_str())
                .or_default()
                .push((u.span, Mark::Use(i, true)));
        }
        for u in &d.mentions {
            marks
                .entry(u.path.as_str())
                .or_default()
                .push((u.span, Mark::Mention(i)));
        }
    }
    for (i, u) in report.undefined.iter().enumerate() {
        for a in &u.uses {
            marks
                .entry(a.path.as_str())
                .or_default()
                .push((a.span, Mark::Art(i, a.sense)));
        }
    }
    for v in marks.values_mut() {
        v.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    }

    let anchors: Vec<String> = report.definitions.iter().map(|d| element_id(&d.location)).collect();
    let tips = report
        .definitions
        .iter()
        .enumerate()
        .map(|(i, d)| Tip {
            id: format!("tip-{i}"),
            term: d.display(),
            path: d.location.clone(),
            anchor: anchors[i].clone(),
            scope: super::terms::scope_name(&d.scope.name()),
            text: bill
                .body
                .find(&d.location)
                .map(|p| super::first_words(&p.full_text(), 90))
                .unwrap_or_default(),
        })
        .collect();

    let mut ctx = Ctx {
        body: &bill.body.text,
        marks: &marks,
        anchors: &anchors,
        note_of: vec![None; report.undefined.len()],
        notes: Vec::new(),
        report,
        glossary,
    };
    let mut text = String::new();
    for p in &bill.body.provisions {
        ctx.provision(p, &mut text);
    }
    let mut outline = String::from("<ul>");
    for p in &bill.body.provisions {
        outline_item(p, &mut outline);
    }
    outline.push_str("</ul>");
    AnnotatedBill {
        outline,
        text,
        tips,
        notes: ctx.notes,
    }
}

fn outline_item(p: &Provision, out: &mut String) {
    let name = if p.label.is_empty() { &p.path } else { &p.label };
    let _ = write!(
        out,
        "<li><a href=\"#{}\">{} <span class=\"ow\">{}</span></a>",
        escape(&element_id(&p.path)),
        escape(name),
        escape(&super::first_words(&p.text, 6))
    );
    let kids: Vec<&Provision> = p
        .children
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ProvisionKind::BillSection
                    | ProvisionKind::Heading
                    | ProvisionKind::CodeSection
                    | ProvisionKind::Subdivision
            )
        })
        .collect();
    if !kids.is_empty() {
        out.push_str("<ul>");
        for c in kids {
            outline_item(c, out);
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>");
}

struct Ctx<'a> {
    body: &'a str,
    marks: &'a HashMap<&'a str, Vec<(Span, Mark)>>,
    anchors: &'a [String],
    note_of: Vec<Option<usize>>,
    notes: Vec<ArtNote>,
    report: &'a TermsReport,
    glossary: &'a Glossary,
}

impl Ctx<'_> {
    fn provision(&mut self, p: &Provision, out: &mut String) {
        let id = escape(&element_id(&p.path));
        let _ = write!(
            out,
            "<div class=\"prov k-{}\" id=\"{id}\">",
            p.kind.as_str().replace(' ', "-")
        );
        let tag = if p.kind == ProvisionKind::Heading { "h3" } else { "p" };
        let _ = write!(out, "<{tag} class=\"pt\">");
        if p.label.is_empty() {
            let _ = write!(
                out,
                "<a class=\"label anon\" href=\"#{id}\" title=\"{0}\"><span class=\"sr\">{0}</span></a>",
                escape(&p.path)
            );
        } else {
            let _ = write!(
                out,
                "<a class=\"label\" href=\"#{id}\" title=\"Link to {0}\">{1}</a> ",
                escape(&p.path),
                escape(&p.label)
            );
        }
        self.text(p, out);
        let _ = write!(out, "</{tag}>");
        for c in &p.children {
            self.provision(c, out);
        }
        out.push_str("</div>\n");
    }

    fn text(&mut self, p: &Provision, out: &mut String) {
        let start = p.text_start();
        let end = start + p.text.len();
        let marks = self.marks.get(p.path.as_str());
        let aligned = self.body.get(start..end) == Some(p.text.as_str());
        let (Some(marks), true) = (marks, aligned) else {
            out.push_str(&escape(&p.text));
            return;
        };
        let marks: Vec<(Span, Mark)> = marks
            .iter()
            .filter(|(s, _)| s.start >= start && s.end <= end && s.start < s.end)
            .copied()
            .collect();
        self.range(start, end, &marks, out);
    }

    /// Text from `start` to `end` with `marks` (sorted, inside the range). A mark inside another is nested
    /// in it (a defined term inside a term of art: "operating covered models"); one that straddles another's
    /// end is left out.
    fn range(&mut self, start: usize, end: usize, marks: &[(Span, Mark)], out: &mut String) {
        let mut at = start;
        let mut i = 0;
        while i < marks.len() {
            let (span, mark) = marks[i];
            i += 1;
            if span.start < at {
                continue;
            }
            let mut j = i;
            while j < marks.len() && marks[j].0.start < span.end {
                j += 1;
            }
            let inner: Vec<(Span, Mark)> = marks[i..j].iter().filter(|(s, _)| s.end <= span.end).copied().collect();
            i = j;
            let (Some(before), true) = (self.body.get(at..span.start), self.body.is_char_boundary(span.end)) else {
                continue;
            };
            out.push_str(&escape(before));
            let close = self.open(mark, out);
            self.range(span.start, span.end, &inner, out);
            out.push_str(&close);
            at = span.end;
        }
        out.push_str(&escape(self.body.get(at..end).unwrap_or_default()));
    }

    /// Open a mark's element; returns what closes it.
    fn open(&mut self, mark: Mark, out: &mut String) -> String {
        match mark {
            Mark::Defining(i, first) => {
                let id = if first {
                    format!(" id=\"def-{i}\"")
                } else {
                    String::new()
                };
                let _ = write!(out, "<dfn class=\"dfn\"{id}>");
                "</dfn>".into()
            }
            Mark::Use(i, oos) => {
                let (class, sr) = if oos {
                    (
                        "term oos",
                        "<span class=\"sr\"> (used outside the scope of its definition)</span>",
                    )
                } else {
                    ("term", "")
                };
                let _ = write!(
                    out,
                    "<a class=\"{class}\" href=\"#{}\" data-tip=\"tip-{i}\" aria-describedby=\"tip-{i}\">",
                    escape(&self.anchors[i])
                );
                format!("{sr}</a>")
            }
            Mark::Mention(i) => {
                let _ = write!(
                    out,
                    "<span class=\"mention\" title=\"A mention of the term, not a use\" data-tip=\"tip-{i}\">"
                );
                "</span>".into()
            }
            Mark::Art(i, sense) => {
                let n = self.note(i);
                let sense = match sense {
                    Sense::Technical => "technical",
                    Sense::Ordinary => "ordinary",
                    Sense::Unclear => "unclear",
                };
                let term = escape(&self.report.undefined[i].term);
                let _ = write!(out, "<span class=\"art s-{sense}\">");
                format!(
                    "</span><sup class=\"fnref\"><a href=\"#note-{n}\" \
                     aria-label=\"note {n}: {term}, a term of art the bill does not define ({sense} sense)\">{n}</a></sup>"
                )
            }
        }
    }

    fn note(&mut self, i: usize) -> usize {
        if let Some(n) = self.note_of[i] {
            return n;
        }
        let u = &self.report.undefined[i];
        let n = self.notes.len() + 1;
        let entry = self.glossary.get(&u.glossary);
        self.notes.push(ArtNote {
            number: n,
            id: u.glossary.clone(),
            term: u.term.clone(),
            definition: entry.map(|e| e.definition.clone()).unwrap_or_default(),
            html: entry.map(|e| markdown_to_html(&e.footnote)).unwrap_or_default(),
            senses: (
                u.count(Sense::Technical),
                u.count(Sense::Ordinary),
                u.count(Sense::Unclear),
            ),
        });
        self.note_of[i] = Some(n);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_escaping() {
        assert_eq!(element_id("SEC. 2(a)"), "SEC.2(a)");
        assert_eq!(element_id("22602(e)(1)(B)(i)(II)"), "22602(e)(1)(B)(i)(II)");
        assert_eq!(
            escape("<script>\"a\" & 'b'"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;"
        );
    }
}
