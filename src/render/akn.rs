//! Akoma Ntoso 3.0 out: the parsed bill with its terms analysis, as a standard document another tool can
//! read (`billdiff export --format akn`).
//!
//! - Each provision is the hierarchy element its kind names (`section`, `subsection`, `paragraph`, …; a
//!   heading is the container its label names, `chapter`, `part`, `article`, or an `hcontainer`), with its
//!   printed label as `num`, its own text as `content` (or `intro` when it has children), and an `eId`
//!   derived from its path: `22602(e)(1)` is `sec_22602__e__1`.
//! - Each defining phrase's term is a `<def refersTo="#term-…">`, each use a `<term refersTo="#term-…">`,
//!   and every defined term has its `TLCTerm` in `<references>`.
//! - What Akoma Ntoso has no element for — each definition's scope, kind and parts, and the drafting
//!   style the text was read in — is data in billdiff's own namespace inside `<proprietary>`.
//!
//! The document is valid against the OASIS Akoma Ntoso 3.0 schema (a test runs `xmllint --schema` on the
//! export of every bill in `bills/`). It is billdiff's reading of the text, not an official publication;
//! the document says so in its `<preface>`.

use crate::model::{Bill, DocumentKind, Provision, ProvisionKind, Span};
use crate::terms::TermsReport;
use std::collections::HashMap;
use std::fmt::Write;

/// Akoma Ntoso 3.0's namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// billdiff's namespace for the analysis inside `<proprietary>`.
pub const BILLDIFF_NAMESPACE: &str = "https://billdiff.org/ns/analysis/1";

/// The sentence every export carries: what the document is and is not.
pub const NOTICE: &str = "Produced by billdiff from the published text, with billdiff's analysis of its defined terms. \
     Not an official text: the Legislature's (or Parliament's) own publication is authoritative.";

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow (control characters other than tab and line breaks).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An `eId`-safe piece: letters, digits, `.` and `-` kept; everything else `-`.
fn id_piece(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The `eId` of the provision at `path`: its unit (`sec_22602`, `billsec_2`, `chapter_22.6`,
/// `article_3`) and then each label (`__e__1`); an unlabeled paragraph (`¶2`) adds `__p2`, a repeated
/// label's later occurrence (`~2`) `__dup2`.
pub fn eid(path: &str) -> String {
    let cut = path.find(['(', '¶', '~']).unwrap_or(path.len());
    let (unit, mut rest) = path.split_at(cut);
    let unit = unit.trim();
    let upper = unit.to_ascii_uppercase();
    let mut out = if let Some(num) = upper.strip_prefix("SECTION").or_else(|| upper.strip_prefix("SEC.")) {
        format!("billsec_{}", id_piece(num))
    } else if let Some((word, num)) = unit.split_once(' ') {
        format!("{}_{}", id_piece(&word.to_lowercase()), id_piece(num))
    } else {
        format!("sec_{}", id_piece(unit))
    };
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        let end = after.find(['(', '¶', '~']).unwrap_or(after.len());
        let piece = after[..end].trim_end_matches(')');
        let prefix = match c {
            '¶' => "p",
            '~' => "dup",
            _ => "",
        };
        let _ = write!(out, "__{prefix}{}", id_piece(piece));
        rest = &after[end..];
    }
    out
}

/// The Akoma Ntoso element for a provision.
fn element(p: &Provision) -> (&'static str, Option<String>) {
    let word = p.label.split_whitespace().next().unwrap_or("").to_lowercase();
    let word = word.trim_end_matches('.');
    match p.kind {
        ProvisionKind::BillSection | ProvisionKind::CodeSection => ("section", None),
        ProvisionKind::Heading => match word {
            "chapter" => ("chapter", None),
            "part" => ("part", None),
            "article" => ("article", None),
            "title" => ("title", None),
            "subtitle" => ("subtitle", None),
            "division" => ("division", None),
            "subchapter" => ("subchapter", None),
            "subpart" => ("subpart", None),
            "book" => ("book", None),
            _ => (
                "hcontainer",
                Some(if word.is_empty() {
                    "heading".to_string()
                } else {
                    id_piece(word)
                }),
            ),
        },
        ProvisionKind::Subdivision => ("subsection", None),
        ProvisionKind::Paragraph => ("paragraph", None),
        ProvisionKind::Subparagraph => ("subparagraph", None),
        ProvisionKind::Clause => ("clause", None),
        ProvisionKind::Subclause => ("subclause", None),
        ProvisionKind::Item | ProvisionKind::Subitem => ("point", None),
        ProvisionKind::Text => ("hcontainer", Some("unlabeled".to_string())),
    }
}

/// Inline marks in the body text: defining phrases and uses, by start.
#[derive(Clone, Copy)]
enum Mark {
    Def(usize),
    Use(usize),
}

/// The term ids (`term-covered-model`), unique per definition.
fn term_ids(report: &TermsReport) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    report
        .definitions
        .iter()
        .map(|d| {
            let base = format!("term-{}", id_piece(&d.term.to_lowercase()));
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
}

/// Every defining phrase and use, sorted by start, overlaps dropped (the first wins).
fn marks(report: &TermsReport) -> Vec<(Span, Mark)> {
    let mut all = Vec::new();
    for (i, d) in report.definitions.iter().enumerate() {
        for part in &d.parts {
            all.extend(part.term_spans.iter().map(|s| (*s, Mark::Def(i))));
        }
        all.extend(d.uses.iter().map(|u| (u.span, Mark::Use(i))));
    }
    all.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<(Span, Mark)> = Vec::with_capacity(all.len());
    for (s, m) in all {
        if s.start < s.end && out.last().is_none_or(|(last, _)| last.end <= s.start) {
            out.push((s, m));
        }
    }
    out
}

/// A provision's own text with its marks, as the inline content of a `<p>`.
fn inline(body: &str, p: &Provision, marks: &[(Span, Mark)], ids: &[String]) -> String {
    let start = p.text_start();
    let end = start + p.text.len();
    // The marks are positions in the body text: they apply when the provision's text is the body's there.
    if body.get(start..end) != Some(p.text.as_str()) {
        return esc(&p.text);
    }
    let first = marks.partition_point(|(s, _)| s.start < start);
    let mut out = String::new();
    let mut at = start;
    for (s, m) in marks[first..].iter().take_while(|(s, _)| s.start < end) {
        if s.end > end {
            break;
        }
        out.push_str(&esc(&body[at..s.start]));
        let words = esc(&body[s.start..s.end]);
        match m {
            Mark::Def(i) => {
                let _ = write!(out, "<def refersTo=\"#{}\">{words}</def>", ids[*i]);
            }
            Mark::Use(i) => {
                let _ = write!(out, "<term refersTo=\"#{}\">{words}</term>", ids[*i]);
            }
        }
        at = s.end;
    }
    out.push_str(&esc(&body[at..end]));
    out
}

/// The country code Akoma Ntoso names a jurisdiction by (ISO 3166: `us-ca`, `gb`, `eu`).
pub fn country(jurisdiction: &str) -> String {
    match jurisdiction {
        "us" | "eu" => jurisdiction.to_string(),
        "uk" => "gb".to_string(),
        j if j.len() == 2 => format!("us-{j}"),
        j => id_piece(j),
    }
}

/// The Akoma Ntoso document of `bill` with its terms analysis.
pub fn export(bill: &Bill, report: &TermsReport) -> String {
    let ids = term_ids(report);
    let marks = marks(report);
    let meta = &bill.meta;
    let jurisdiction = meta.jurisdiction.clone().unwrap_or_else(|| bill.style.clone());
    let country = country(&jurisdiction);
    let doc_type = if bill.kind == DocumentKind::Bill { "bill" } else { "act" };
    let number = meta
        .measure
        .as_ref()
        .map_or_else(|| "unnumbered".to_string(), |m| id_piece(&m.to_string().to_lowercase()));
    let date = meta
        .current()
        .map_or_else(|| "0001-01-01".to_string(), |h| h.date.to_string());
    let work = format!("/akn/{country}/{doc_type}/{date}/{number}");
    let mut x = String::new();
    let _ = writeln!(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        x,
        "<akomaNtoso xmlns=\"{NAMESPACE}\" xmlns:bd=\"{BILLDIFF_NAMESPACE}\">"
    );
    let _ = writeln!(x, "  <{doc_type} name=\"{}\">", esc(bill.kind.id()));
    let _ = writeln!(x, "    <meta>");
    let _ = writeln!(x, "      <identification source=\"#billdiff\">");
    let _ = writeln!(x, "        <FRBRWork>");
    let _ = writeln!(x, "          <FRBRthis value=\"{work}/!main\"/>");
    let _ = writeln!(x, "          <FRBRuri value=\"{work}\"/>");
    let _ = writeln!(x, "          <FRBRdate date=\"{date}\" name=\"version\"/>");
    let _ = writeln!(x, "          <FRBRauthor href=\"#legislature\"/>");
    let _ = writeln!(x, "          <FRBRcountry value=\"{country}\"/>");
    if let Some(m) = &meta.measure {
        let _ = writeln!(x, "          <FRBRnumber value=\"{}\"/>", esc(&m.to_string()));
    }
    let _ = writeln!(x, "        </FRBRWork>");
    let _ = writeln!(x, "        <FRBRExpression>");
    let _ = writeln!(x, "          <FRBRthis value=\"{work}/eng@{date}/!main\"/>");
    let _ = writeln!(x, "          <FRBRuri value=\"{work}/eng@{date}\"/>");
    let _ = writeln!(x, "          <FRBRdate date=\"{date}\" name=\"version\"/>");
    let _ = writeln!(x, "          <FRBRauthor href=\"#legislature\"/>");
    let _ = writeln!(x, "          <FRBRlanguage language=\"eng\"/>");
    let _ = writeln!(x, "        </FRBRExpression>");
    let _ = writeln!(x, "        <FRBRManifestation>");
    let _ = writeln!(x, "          <FRBRthis value=\"{work}/eng@{date}/!main.xml\"/>");
    let _ = writeln!(x, "          <FRBRuri value=\"{work}/eng@{date}.akn\"/>");
    let _ = writeln!(x, "          <FRBRdate date=\"{date}\" name=\"transform\"/>");
    let _ = writeln!(x, "          <FRBRauthor href=\"#billdiff\"/>");
    let _ = writeln!(x, "        </FRBRManifestation>");
    let _ = writeln!(x, "      </identification>");
    let _ = writeln!(x, "      <references source=\"#billdiff\">");
    let _ = writeln!(
        x,
        "        <TLCOrganization eId=\"legislature\" href=\"/ontology/organization/{country}/legislature\" showAs=\"Legislature\"/>"
    );
    let _ = writeln!(
        x,
        "        <TLCOrganization eId=\"billdiff\" href=\"/ontology/organization/billdiff\" showAs=\"billdiff\"/>"
    );
    for (d, id) in report.definitions.iter().zip(&ids) {
        let _ = writeln!(
            x,
            "        <TLCTerm eId=\"{id}\" href=\"/ontology/term/{country}/{number}/{}\" showAs=\"{}\"/>",
            id.trim_start_matches("term-"),
            esc(&d.display())
        );
    }
    let _ = writeln!(x, "      </references>");
    let _ = writeln!(x, "      <proprietary source=\"#billdiff\">");
    let _ = writeln!(
        x,
        "        <bd:reading style=\"{}\" kind=\"{}\"/>",
        esc(&bill.style),
        bill.kind.id()
    );
    for (d, id) in report.definitions.iter().zip(&ids) {
        let _ = writeln!(
            x,
            "        <bd:definition term=\"#{id}\" at=\"#{}\" scope=\"{}\" scopeAt=\"{}\" stated=\"{}\">",
            eid(&d.location),
            esc(&d.scope.anchor),
            if d.scope.anchor == "bill" {
                String::new()
            } else {
                format!("#{}", eid(&d.scope.anchor))
            },
            d.scope.stated
        );
        for p in &d.parts {
            let _ = writeln!(
                x,
                "          <bd:part at=\"#{}\" kind=\"{}\"/>",
                eid(&p.location),
                p.kind.as_str()
            );
        }
        let _ = writeln!(x, "        </bd:definition>");
    }
    let _ = writeln!(x, "      </proprietary>");
    let _ = writeln!(x, "    </meta>");
    let _ = writeln!(x, "    <preface>");
    if let Some(m) = &meta.measure {
        let _ = writeln!(
            x,
            "      <p class=\"number\"><docNumber>{}</docNumber></p>",
            esc(&m.to_string())
        );
    }
    if let Some(t) = &meta.title {
        let _ = writeln!(x, "      <longTitle><p>{}</p></longTitle>", esc(t));
    }
    let _ = writeln!(x, "      <p class=\"notice\">{}</p>", esc(NOTICE));
    let _ = writeln!(x, "    </preface>");
    let _ = writeln!(x, "    <body>");
    body(&mut x, bill, &marks, &ids);
    let _ = writeln!(x, "    </body>");
    let _ = writeln!(x, "  </{doc_type}>");
    let _ = writeln!(x, "</akomaNtoso>");
    x
}

/// The provisions, depth first with an explicit stack (a closing tag is pushed under each open
/// provision's children).
fn body(x: &mut String, bill: &Bill, marks: &[(Span, Mark)], ids: &[String]) {
    enum Step<'a> {
        Open(&'a Provision, usize),
        Close(&'static str, usize),
    }
    let text = &bill.body.text;
    let mut stack: Vec<Step<'_>> = bill.body.provisions.iter().rev().map(|p| Step::Open(p, 3)).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(el, depth) => {
                let _ = writeln!(x, "{}</{el}>", "  ".repeat(depth));
            }
            Step::Open(p, depth) => {
                let pad = "  ".repeat(depth);
                let (el, name) = element(p);
                let name = name.map_or_else(String::new, |n| format!(" name=\"{n}\""));
                let _ = writeln!(x, "{pad}<{el} eId=\"{}\"{name}>", eid(&p.path));
                if !p.label.is_empty() {
                    let _ = writeln!(x, "{pad}  <num>{}</num>", esc(&p.label));
                }
                let own = inline(text, p, marks, ids);
                if p.kind == ProvisionKind::Heading {
                    if !p.text.is_empty() {
                        let _ = writeln!(x, "{pad}  <heading>{own}</heading>");
                    }
                } else if p.children.is_empty() {
                    let _ = writeln!(x, "{pad}  <content><p>{own}</p></content>");
                } else if !p.text.is_empty() {
                    let _ = writeln!(x, "{pad}  <intro><p>{own}</p></intro>");
                }
                if p.children.is_empty() && p.kind == ProvisionKind::Heading {
                    let _ = writeln!(x, "{pad}  <content><p/></content>");
                }
                stack.push(Step::Close(el, depth));
                stack.extend(p.children.iter().rev().map(|c| Step::Open(c, depth + 1)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eids_come_from_paths() {
        assert_eq!(eid("22602(e)(1)(A)(i)"), "sec_22602__e__1__A__i");
        assert_eq!(eid("SEC. 2(a)"), "billsec_2__a");
        assert_eq!(eid("SECTION 1"), "billsec_1");
        assert_eq!(eid("Chapter 22.6"), "chapter_22.6");
        assert_eq!(eid("SEC. 6¶2"), "billsec_6__p2");
        assert_eq!(eid("22602(b)~2"), "sec_22602__b__dup2");
        assert_eq!(eid("Article 3(1)"), "article_3__1");
        assert_eq!(eid("6-1-1701(3)(c)(II)"), "sec_6-1-1701__3__c__II");
    }
}
