//! The outline of a bill and the text of one provision, for the terminal.

use super::{Style, first_words, word_count};
use crate::model::{Bill, Provision, ProvisionKind};
use std::fmt::Write;

/// One line saying which bill and version this is: `SB 1047 · Enrolled, September 3, 2024 · 2023–2024 Regular Session`.
pub fn bill_line(bill: &Bill) -> String {
    let meta = &bill.meta;
    let mut parts = Vec::new();
    parts.push(
        meta.measure
            .as_ref()
            .map_or("(measure not stated)".to_string(), ToString::to_string),
    );
    if let Some(h) = meta.current() {
        let house = h.house.map(|h| format!(" in {}", h.as_str())).unwrap_or_default();
        parts.push(format!("{}{house}, {}", h.stage.as_str(), h.date.long()));
    }
    if let Some(c) = &meta.chapter {
        parts.push(format!("Chapter {c}"));
    }
    if let Some(s) = &meta.session {
        parts.push(s.clone());
    }
    parts.join(" · ")
}

/// A document kind in words.
pub fn document_kind(kind: crate::model::DocumentKind) -> &'static str {
    match kind {
        crate::model::DocumentKind::Bill => "a bill",
        crate::model::DocumentKind::Act => "an act",
        crate::model::DocumentKind::Code => "code text",
        crate::model::DocumentKind::Fragment => "a fragment of law",
    }
}

/// `billdiff outline`: the tree, one provision per line — path, first words, and for provisions with
/// children how many there are.
pub fn text(bill: &Bill, style: Style) -> String {
    let mut out = String::new();
    let body = &bill.body;
    let all: Vec<&Provision> = body.walk().collect();
    let count = |k: ProvisionKind| all.iter().filter(|p| p.kind == k).count();
    let _ = writeln!(out, "{}", style.bold(&bill_line(bill)));
    if let Some(s) = &bill.meta.subject {
        let _ = writeln!(out, "{s}");
    }
    let digest = if bill.digest.is_some() {
        "; Legislative Counsel's Digest present"
    } else {
        ""
    };
    if bill.kind == crate::model::DocumentKind::Bill {
        let _ = writeln!(
            out,
            "{} bill sections, {} code sections, {} provisions, {} words{digest}",
            count(ProvisionKind::BillSection),
            count(ProvisionKind::CodeSection),
            all.len(),
            word_count(&body.text),
        );
    } else {
        let _ = writeln!(
            out,
            "{} sections, {} headings, {} provisions, {} words",
            count(ProvisionKind::CodeSection),
            count(ProvisionKind::Heading),
            all.len(),
            word_count(&body.text),
        );
    }
    let style_name = crate::parse::style::by_id(&bill.style).map_or(bill.style.as_str(), |s| s.name.as_str());
    let _ = writeln!(
        out,
        "{}",
        style.dim(&format!(
            "read as {}, {style_name} drafting style",
            document_kind(bill.kind)
        ))
    );
    out.push('\n');
    fn widest(ps: &[Provision], depth: usize) -> usize {
        ps.iter()
            .map(|p| (depth * 2 + p.path.chars().count()).max(widest(&p.children, depth + 1)))
            .max()
            .unwrap_or(0)
    }
    let width = widest(&body.provisions, 0).min(34);
    fn go(p: &Provision, depth: usize, width: usize, style: Style, out: &mut String) {
        let indent = "  ".repeat(depth);
        let path = format!("{indent}{}", p.path);
        let pad = width.saturating_sub(path.chars().count());
        let words = match (&p.action, p.kind) {
            (Some(a), _) => format!(
                "{} {}{}",
                verb(a.verb),
                a.target,
                a.code.as_ref().map(|c| format!(" — {c}")).unwrap_or_default()
            ),
            _ => first_words(&p.text, 10),
        };
        let counts = if p.children.is_empty() {
            String::new()
        } else {
            let n = p.children.len();
            let all = p.descendants();
            let noun = match p.children[0].kind {
                ProvisionKind::Text => "unlabeled paragraph",
                k => k.as_str(),
            };
            let noun = if n == 1 { noun.to_string() } else { format!("{noun}s") };
            if all > n {
                style.dim(&format!("  [{n} {noun}, {all} provisions]"))
            } else {
                style.dim(&format!("  [{n} {noun}]"))
            }
        };
        let _ = writeln!(out, "{}{} {}{}", style.bold(&path), " ".repeat(pad), words, counts);
        for c in &p.children {
            go(c, depth + 1, width, style, out);
        }
    }
    for p in &body.provisions {
        go(p, 0, width, style, &mut out);
    }
    out
}

fn verb(v: crate::model::ActionVerb) -> &'static str {
    use crate::model::ActionVerb::*;
    match v {
        Add => "adds",
        Amend => "amends",
        Repeal => "repeals",
        AmendAndRenumber => "amends and renumbers",
        RepealAndAdd => "repeals and adds",
        AmendByAdding => "adds to",
    }
}

/// `billdiff show`: a provision's full text, each nested provision on its own line, indented by level.
pub fn provision(p: &Provision) -> String {
    fn go(p: &Provision, depth: usize, out: &mut String) {
        let indent = "  ".repeat(depth);
        let _ = writeln!(out, "{indent}{}", p.own_line());
        for c in &p.children {
            go(c, depth + 1, out);
        }
    }
    let mut out = String::new();
    go(p, 0, &mut out);
    out
}
