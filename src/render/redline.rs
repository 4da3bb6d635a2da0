//! Redlines for the terminal and Markdown, amendment instructions, and the amended text.
//!
//! California's convention: deleted text struck through, added text in italics. On a terminal that is
//! red and struck, blue and italic (underlined too, for terminals without italics); without colour the
//! markers of `git diff --word-diff` are used: `[-deleted-]{+added+}`.

use super::Style;
use crate::model::{Bill, ProvisionKind};
use crate::redline::amendments::{Amendment, Instruction};
use crate::redline::{Location, Op, Paragraph, Redline};
use std::fmt::Write;

/// What a comparison says: it reads like leginfo's compare page, but is not one.
pub const COMPARE_NOTICE: &str =
    "Not an official document. This comparison was prepared with billdiff from the published texts.";

/// What every output that could pass for an official document says.
pub const NOTICE: &str = "Not an official text. These are proposed amendments drafted with billdiff; in California, \
Legislative Counsel prepares the official text of every amendment.";

/// What a redline is of: a proposal, or a comparison of two versions.
#[derive(Debug, Clone, Copy)]
pub struct Heading<'a> {
    /// "Proposed amendments to" or "Changes in".
    pub kind: &'a str,
    /// The bill line (`SB 1047 · Enrolled, September 3, 2024 · ...`).
    pub bill: &'a str,
    /// The proposal's title, or "July 8 → September 2".
    pub title: &'a str,
    /// The proposal's summary (may be empty).
    pub summary: &'a str,
    /// The not-official notice to print ([`NOTICE`], [`COMPARE_NOTICE`]), if any.
    pub notice: Option<&'a str>,
}

/// A labeled level's name in the location's drafting style: "subdivision" in California, "subsection" in
/// Texas, "point" in the EU.
fn kind_word(k: ProvisionKind, style: &str) -> &str {
    match (crate::parse::style::by_id(style), k.depth()) {
        (Some(s), Some(d)) => s.level_name(d),
        _ => k.as_str(),
    }
}

/// "Section 22602, subdivision (e), paragraph (1)"; a bill section reads "Section 2 of the bill"; a unit
/// whose path names itself stays so ("Article 3, paragraph (1)").
pub fn describe(loc: &Location) -> String {
    let mut s = if loc.bill_section {
        format!("Section {} of the bill", loc.section.trim_start_matches("SEC. "))
    } else if loc.section.starts_with(|c: char| c.is_alphabetic()) {
        loc.section.clone()
    } else {
        format!("Section {}", loc.section)
    };
    for (k, label) in &loc.levels {
        let _ = write!(s, ", {} ({label})", kind_word(*k, &loc.style));
    }
    s
}

fn quote(s: &str) -> String {
    format!("“{s}”")
}

/// "subdivision (o)" for `22602(o)`, "Section 22603" for a section path.
fn label_of_path(path: &str) -> String {
    match path.rfind('(') {
        Some(i) => format!("{} {}", level_word(path), &path[i..]),
        None => format!("Section {}", path.trim_start_matches("SEC. ")),
    }
}

/// The level a path's last label is at, by counting labels (1 = subdivision).
fn level_word(path: &str) -> &'static str {
    match path.matches('(').count() {
        1 => "subdivision",
        2 => "paragraph",
        3 => "subparagraph",
        4 => "clause",
        _ => "subclause",
    }
}

fn label_of(path: &str) -> &str {
    path.rfind('(').map_or(path, |i| &path[i..])
}

fn list_and(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        2 => format!("{} and {}", items[0], items[1]),
        n => format!("{}, and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// One instruction, in words.
pub fn instruction(i: &Instruction) -> String {
    match i {
        Instruction::RenameThroughout {
            from,
            to,
            derived,
            places,
            provisions,
            articles,
        } => {
            let mut s = format!(
                "Throughout the bill, strike out {} wherever it appears and insert {}",
                quote(from),
                quote(to)
            );
            for (a, b) in derived {
                let _ = write!(s, ", and strike out {} and insert {}", quote(a), quote(b));
            }
            let _ = write!(
                s,
                ", with the plural and possessive forms ({places} place{} in {} provision{}",
                if *places == 1 { "" } else { "s" },
                provisions.len(),
                if provisions.len() == 1 { "" } else { "s" }
            );
            if *articles > 0 {
                let _ = write!(
                    s,
                    "; {articles} article{} changed to agree",
                    if *articles == 1 { "" } else { "s" }
                );
            }
            let _ = write!(s, "): {}.", provisions.join(", "));
            s
        }
        Instruction::StrikeAndInsert { old, new } => format!("strike out {} and insert {}.", quote(old), quote(new)),
        Instruction::Strike { text } => format!("strike out {}.", quote(text)),
        Instruction::InsertWords {
            text, after: Some(a), ..
        } => format!("after {} insert {}.", quote(a), quote(text)),
        Instruction::InsertWords {
            text, before: Some(b), ..
        } => format!("before {} insert {}.", quote(b), quote(text)),
        Instruction::InsertWords { text, .. } => format!("insert {}.", quote(text)),
        Instruction::AddProvision {
            what,
            label,
            text,
            before,
        } => {
            let what = if what == "section" {
                "Section".to_string()
            } else {
                what.clone()
            };
            let label = label.trim_end_matches('.');
            match before {
                Some(b) => format!(
                    "before {} (as the bill now reads), add {what} {label}, to read:\n{text}",
                    label_of_path(b)
                ),
                None => format!("at the end, add {what} {label}, to read:\n{text}"),
            }
        }
        Instruction::Reletter { from, to } => {
            // Sections are renumbered, labeled provisions relettered.
            let (mut secs, mut labels): (Vec<String>, Vec<(String, String)>) = (Vec::new(), Vec::new());
            let mut levels: Vec<&str> = Vec::new();
            for (f, t) in from.iter().zip(to) {
                if f.contains('(') || t.contains('(') {
                    labels.push((label_of(f).to_string(), label_of(t).to_string()));
                    levels.push(level_word(f));
                } else {
                    secs.push(format!(
                        "Section {} as Section {}",
                        f.trim_start_matches("SEC. "),
                        t.trim_start_matches("SEC. ")
                    ));
                }
            }
            let mut parts = Vec::new();
            if !secs.is_empty() {
                parts.push(format!("renumber {}", list_and(&secs)));
            }
            if !labels.is_empty() {
                let f: Vec<String> = labels.iter().map(|x| x.0.clone()).collect();
                let t: Vec<String> = labels.iter().map(|x| x.1.clone()).collect();
                let same_level = levels.windows(2).all(|w| w[0] == w[1]);
                let noun = match (f.len(), same_level) {
                    (1, _) => levels[0].to_string(),
                    (_, true) => format!("{}s", levels[0]),
                    _ => "provisions".to_string(),
                };
                parts.push(format!(
                    "reletter {noun} {} as {}{}",
                    list_and(&f),
                    list_and(&t),
                    if f.len() > 1 { ", respectively" } else { "" }
                ));
            }
            format!("{}.", parts.join(", and "))
        }
        Instruction::MoveTo { to } => format!("move it, with what it contains, to {}.", describe(to)),
        Instruction::StrikeProvision { text } => {
            format!("strike out the provision in full: {}.", quote(text))
        }
        Instruction::CrossReference { citation, from, to } => {
            format!("in {}, strike out “({from})” and insert “({to})”.", quote(citation))
        }
    }
}

fn notes(n: &[usize]) -> String {
    n.iter().map(|x| format!("[{x}]")).collect::<Vec<_>>().join("")
}

/// A rule in one line, for lists: "Rename the defined term “covered model” to “covered system”".
pub fn rule(rule: &crate::propose::proposal::Rule) -> String {
    use crate::propose::proposal::Rule;
    match rule {
        Rule::RenameTerm { from, to, except, .. } => {
            let mut s = format!("Rename the defined term “{from}” to “{to}”");
            if !except.is_empty() {
                s.push_str(&format!(", except in {}", except.join(", ")));
            }
            s
        }
        Rule::DefineTerm { term, section, .. } => match section {
            Some(s) => format!("Define “{term}” in section {s}"),
            None => format!("Define “{term}” among the bill's definitions"),
        },
        Rule::ReplaceText { at, find, replace, .. } => format!("In {at}, replace “{find}” with “{replace}”"),
        Rule::StrikeText { at, text, .. } => format!("In {at}, strike “{text}”"),
        Rule::InsertText {
            at,
            after,
            before,
            text,
            ..
        } => match (after, before) {
            (Some(a), _) => format!("In {at}, after “{a}”, insert “{text}”"),
            (_, Some(b)) => format!("In {at}, before “{b}”, insert “{text}”"),
            _ => format!("In {at}, insert “{text}”"),
        },
    }
}

/// One amendment, in words: "Amendment 3 \[2\] — In Section 22602, subdivision (e), strike out ...".
pub fn amendment(a: &Amendment) -> String {
    let mut s = format!("Amendment {}", a.number);
    if !a.footnotes.is_empty() {
        let _ = write!(s, " {}", notes(&a.footnotes));
    }
    s.push_str(" — ");
    match &a.location {
        Some(l) => {
            let _ = write!(s, "In {}, ", describe(l));
            let parts: Vec<String> = a.instructions.iter().map(instruction).collect();
            s.push_str(&parts.join(" Also "));
        }
        None => {
            // The instruction opens the sentence: "At the end, add Section 3, to read:".
            let parts: Vec<String> = a
                .instructions
                .iter()
                .map(instruction)
                .map(|p| sentence_case(&p))
                .collect();
            s.push_str(&parts.join(" "));
        }
    }
    s
}

/// The first letter capitalized.
fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `--format amendments`: numbered instructions, then the footnotes.
pub fn amendments(h: &Heading<'_>, redline: &Redline) -> String {
    let mut out = String::new();
    head(&mut out, h, None);
    let list = crate::redline::amendments::amendments(redline);
    if list.is_empty() {
        let _ = writeln!(out, "No amendments.");
    }
    for a in &list {
        let _ = writeln!(out, "{}\n", amendment(a));
    }
    footnotes_text(&mut out, redline);
    out
}

fn head(out: &mut String, h: &Heading<'_>, style: Option<Style>) {
    let bold = |s: &str| style.map_or_else(|| s.to_string(), |st| st.bold(s));
    let _ = writeln!(out, "{}", bold(&format!("{} {}", h.kind, h.bill)));
    if !h.title.is_empty() {
        let _ = writeln!(out, "{}", bold(h.title));
    }
    if let Some(n) = h.notice {
        let _ = writeln!(out, "{n}");
    }
    out.push('\n');
    for para in h
        .summary
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
    {
        if !para.is_empty() {
            let _ = writeln!(out, "{para}\n");
        }
    }
}

/// Where a technical note's whole entry is, for the outputs that cannot fold it in: the glossary page of
/// `billdiff serve` and the entry's file.
pub fn full_entry(g: &crate::redline::GlossaryNote) -> String {
    format!(
        "The full entry: “{}” in billdiff’s glossary (/glossary#{} in billdiff serve; glossary/{}.md).",
        g.term, g.id, g.id
    )
}

fn footnotes_text(out: &mut String, redline: &Redline) {
    if redline.footnotes.is_empty() {
        return;
    }
    let _ = writeln!(out, "Footnotes\n");
    let mut shown: Vec<&str> = Vec::new();
    for f in &redline.footnotes {
        let _ = writeln!(
            out,
            "[{}] {}",
            f.number,
            f.rationale.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for g in &f.glossary {
            if shown.contains(&g.id.as_str()) {
                let _ = writeln!(out, "    Technical note, {}: {} (see above)", g.term, g.definition);
                continue;
            }
            shown.push(&g.id);
            let _ = writeln!(out, "    Technical note, {}: {}", g.term, g.definition);
            let _ = writeln!(out, "      {}", g.note.split_whitespace().collect::<Vec<_>>().join(" "));
            let _ = writeln!(out, "      {}", full_entry(g));
        }
        out.push('\n');
    }
}

/// Footnote numbers of a paragraph's changes.
fn paragraph_notes(p: &Paragraph, redline: &Redline) -> Vec<usize> {
    let mut n: Vec<usize> = Vec::new();
    for s in &p.segments {
        for c in &s.changes {
            for f in &redline.changes[*c].footnotes {
                if !n.contains(f) {
                    n.push(*f);
                }
            }
        }
    }
    n
}

/// The terminal redline: changed paragraphs with their paths, then the amendments, footnotes, findings.
pub fn text(h: &Heading<'_>, redline: &Redline, findings: Option<&[String]>, style: Style) -> String {
    let mut out = String::new();
    head(&mut out, h, Some(style));
    let (del, ins) = if style.color {
        (("\x1b[9;31m", "\x1b[0m"), ("\x1b[3;4;34m", "\x1b[0m"))
    } else {
        (("[-", "-]"), ("{+", "+}"))
    };
    let mut skipped = 0;
    for p in &redline.paragraphs {
        if !p.changed {
            skipped += 1;
            continue;
        }
        if skipped > 0 {
            let _ = writeln!(
                out,
                "{}",
                style.dim(&format!(
                    "  … {skipped} unchanged paragraph{}",
                    if skipped == 1 { "" } else { "s" }
                ))
            );
            skipped = 0;
        }
        let mut line = String::new();
        for s in &p.segments {
            match s.op {
                Op::Equal => line.push_str(&s.text),
                Op::Delete => {
                    let _ = write!(line, "{}{}{}", del.0, s.text, del.1);
                }
                Op::Insert => {
                    let _ = write!(line, "{}{}{}", ins.0, s.text, ins.1);
                }
            }
        }
        // A paragraph struck or inserted whole is marked so by its words; its break needs no mark of its own.
        match p.end {
            Some(Op::Delete) if p.segments.iter().all(|s| s.op == Op::Delete) => {}
            Some(Op::Delete) => line.push_str(&format!("{}¶{}", del.0, del.1)),
            Some(Op::Insert) if p.segments.iter().all(|s| s.op == Op::Insert) => {}
            Some(Op::Insert) => line.push_str(&format!("{}¶{}", ins.0, ins.1)),
            _ => {}
        }
        let n = paragraph_notes(p, redline);
        let _ = writeln!(out, "{}", style.bold(&p.path));
        let _ = writeln!(out, "  {line} {}", notes(&n));
    }
    if skipped > 0 {
        let _ = writeln!(
            out,
            "{}",
            style.dim(&format!(
                "  … {skipped} unchanged paragraph{}",
                if skipped == 1 { "" } else { "s" }
            ))
        );
    }
    if redline.coarse {
        let _ = writeln!(
            out,
            "\nNote: some paragraphs were compared whole (word comparison ran out of time)."
        );
    }
    let list = crate::redline::amendments::amendments(redline);
    if !list.is_empty() {
        let _ = writeln!(out, "\n{}\n", style.bold("Amendments"));
        for a in &list {
            let _ = writeln!(out, "{}\n", amendment(a));
        }
    }
    footnotes_text(&mut out, redline);
    if let Some(f) = findings {
        findings_text(&mut out, f);
    }
    out
}

fn findings_text(out: &mut String, findings: &[String]) {
    if findings.is_empty() {
        let _ = writeln!(out, "Consistency check: no findings.");
    } else {
        let _ = writeln!(
            out,
            "Consistency check ({} finding{}):",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        );
        for f in findings {
            let _ = writeln!(out, "  - {f}");
        }
    }
}

/// Escape Markdown's inline markup characters.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Wrap a change in inline HTML, which Markdown keeps as is (emphasis markers would depend on the
/// characters around them): `<del>` for struck text, `<ins><em>` for added text.
fn md_wrap(text: &str, open: &str, close: &str) -> String {
    if text.trim().is_empty() {
        return format!("{open}{}{close}", text.replace(' ', "&#32;"));
    }
    format!("{open}{}{close}", md_escape(text))
}

/// `--format md`.
pub fn markdown(h: &Heading<'_>, redline: &Redline, findings: Option<&[String]>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} {}\n", h.kind, md_escape(h.bill));
    if !h.title.is_empty() {
        let _ = writeln!(out, "## {}\n", md_escape(h.title));
    }
    if let Some(n) = h.notice {
        let _ = writeln!(out, "> **{n}**\n");
    }
    if !h.summary.trim().is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            md_escape(&h.summary.split_whitespace().collect::<Vec<_>>().join(" "))
        );
    }
    let _ = writeln!(
        out,
        "Deleted text is <del>struck through</del>; added text is <ins><em>in italics</em></ins>.\n"
    );
    let _ = writeln!(out, "## Redline\n");
    for p in redline.paragraphs.iter().filter(|p| p.changed) {
        let mut line = String::new();
        for s in &p.segments {
            match s.op {
                Op::Equal => line.push_str(&md_escape(&s.text)),
                Op::Delete => line.push_str(&md_wrap(&s.text, "<del>", "</del>")),
                Op::Insert => line.push_str(&md_wrap(&s.text, "<ins><em>", "</em></ins>")),
            }
        }
        let n: String = paragraph_notes(p, redline).iter().map(|x| format!("[^{x}]")).collect();
        let _ = writeln!(out, "**{}** — {line}{n}\n", md_escape(&p.path));
    }
    let list = crate::redline::amendments::amendments(redline);
    if !list.is_empty() {
        let _ = writeln!(out, "## Amendments\n");
        for a in &list {
            let text = amendment(a);
            let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
            let _ = writeln!(
                out,
                "{}. {}",
                a.number,
                md_escape(first.split_once(" — ").map_or(first, |(_, r)| r))
            );
            for l in rest.lines() {
                let _ = writeln!(out, "   > {}", md_escape(l));
            }
            if !a.footnotes.is_empty() {
                let _ = writeln!(
                    out,
                    "   {}",
                    a.footnotes.iter().map(|x| format!("[^{x}]")).collect::<String>()
                );
            }
            out.push('\n');
        }
    }
    if !redline.footnotes.is_empty() {
        let _ = writeln!(out, "## Footnotes\n");
        let mut shown: Vec<&str> = Vec::new();
        for f in &redline.footnotes {
            let mut body = md_escape(&f.rationale.split_whitespace().collect::<Vec<_>>().join(" "));
            for g in &f.glossary {
                let _ = write!(
                    body,
                    " *Technical note — {}:* {}",
                    md_escape(&g.term),
                    md_escape(&g.definition)
                );
                if !shown.contains(&g.id.as_str()) {
                    shown.push(&g.id);
                    let _ = write!(
                        body,
                        "\n\n    {}\n\n    {}",
                        md_escape(&g.note.split_whitespace().collect::<Vec<_>>().join(" ")),
                        md_escape(&full_entry(g))
                    );
                }
            }
            let _ = writeln!(out, "[^{}]: {body}\n", f.number);
        }
    }
    if let Some(findings) = findings {
        let _ = writeln!(out, "## Consistency check\n");
        if findings.is_empty() {
            let _ = writeln!(out, "No findings.");
        }
        for f in findings {
            let _ = writeln!(out, "- {}", md_escape(f));
        }
    }
    out
}

/// `--format amended`: the amended bill's operative text, one paragraph per block.
pub fn amended(h: &Heading<'_>, bill: &Bill) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — the text as it would read with the proposed amendments",
        h.bill
    );
    if !h.title.is_empty() {
        let _ = writeln!(out, "{}", h.title);
    }
    if let Some(n) = h.notice {
        let _ = writeln!(out, "{n}");
    }
    out.push('\n');
    for line in bill.body.text.lines() {
        let _ = writeln!(out, "{line}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(section: &str, levels: &[(ProvisionKind, &str)], style: &str) -> Location {
        Location {
            path: String::new(),
            section: section.into(),
            bill_section: false,
            levels: levels.iter().map(|(k, l)| (*k, l.to_string())).collect(),
            style: style.into(),
        }
    }

    #[test]
    fn an_instruction_that_opens_its_sentence_starts_with_a_capital() {
        let a = Amendment {
            number: 4,
            footnotes: Vec::new(),
            location: None,
            changes: Vec::new(),
            instructions: vec![crate::redline::amendments::Instruction::AddProvision {
                what: "section".into(),
                label: "SEC. 3.".into(),
                text: "SEC. 3. Text.".into(),
                before: None,
            }],
        };
        assert!(
            amendment(&a).starts_with("Amendment 4 — At the end, add"),
            "{}",
            amendment(&a)
        );
    }

    #[test]
    fn a_paragraph_struck_whole_carries_no_stray_break_mark() {
        use crate::redline::{Paragraph, Redline, Segment};
        let seg = |op, text: &str| Segment {
            op,
            text: text.into(),
            old_at: 0,
            new_at: 0,
            changes: Vec::new(),
            was: None,
        };
        let para = |segments, end| Paragraph {
            path: "1".into(),
            segments,
            changed: true,
            end,
        };
        let r = Redline {
            paragraphs: vec![
                para(vec![seg(Op::Delete, "(a) Gone.")], Some(Op::Delete)),
                para(
                    vec![seg(Op::Equal, "(b) Kept"), seg(Op::Delete, " and joined")],
                    Some(Op::Delete),
                ),
                para(vec![seg(Op::Equal, "(c) Next.")], None),
            ],
            changes: Vec::new(),
            footnotes: Vec::new(),
            coarse: false,
        };
        let h = Heading {
            kind: "Changes in",
            bill: "SB 1",
            title: "t",
            summary: "",
            notice: None,
        };
        let out = text(&h, &r, None, Style::default());
        assert!(out.contains("[-(a) Gone.-] "), "{out}");
        assert!(!out.contains("Gone.-][-¶-]"), "{out}");
        assert!(
            out.contains("(b) Kept[- and joined-][-¶-]"),
            "a break struck inside a paragraph is shown: {out}"
        );
    }

    #[test]
    fn places_are_named_in_each_styles_words() {
        let levels = [(ProvisionKind::Subdivision, "a"), (ProvisionKind::Paragraph, "1")];
        assert_eq!(
            describe(&loc("22602", &levels, "ca")),
            "Section 22602, subdivision (a), paragraph (1)"
        );
        assert_eq!(
            describe(&loc("551.001", &levels, "tx")),
            "Section 551.001, subsection (a), subdivision (1)"
        );
        let eu = [(ProvisionKind::Subdivision, "1"), (ProvisionKind::Paragraph, "a")];
        assert_eq!(
            describe(&loc("Article 5", &eu, "eu")),
            "Article 5, paragraph (1), point (a)"
        );
    }
}
