//! The terms report as a terminal table, Markdown, and (in `json`) JSON.

use super::Style;
use crate::model::Bill;
use crate::terms::findings::Finding;
use crate::terms::{Definition, ScopeName, Sense, TermsReport};
use std::fmt::Write;

/// What a scope covers, as a reader is told it: `Chapter 22.6`, `section 22607`, `the whole act`.
pub fn scope_name(n: &ScopeName) -> String {
    match n {
        ScopeName::Act => "the whole act".into(),
        ScopeName::CodeSection(s) => format!("section {s}"),
        ScopeName::Anchor(a) | ScopeName::Read(a) => a.clone(),
    }
}

impl serde::Serialize for ScopeName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&scope_name(self))
    }
}

fn defined_at(d: &Definition) -> String {
    let more = d
        .parts
        .iter()
        .map(|p| &p.location)
        .filter(|l| **l != d.location)
        .count();
    if more > 0 {
        format!("{} (+{more})", d.location)
    } else {
        d.location.clone()
    }
}

fn kinds(d: &Definition) -> String {
    let mut ks: Vec<&str> = Vec::new();
    for p in &d.parts {
        if !ks.contains(&p.kind.as_str()) {
            ks.push(p.kind.as_str());
        }
    }
    ks.join(", ")
}

fn status(d: &Definition) -> String {
    let mut s = Vec::new();
    if d.uses.is_empty() {
        s.push("never used".to_string());
    }
    if !d.out_of_scope.is_empty() {
        s.push(format!("{} used outside scope", d.out_of_scope.len()));
    }
    if !d.aliases.is_empty() {
        s.push(format!("also “{}”", d.aliases.join("”, “")));
    }
    if let Some(r) = d.parts.iter().find_map(|p| p.reference.as_ref()) {
        s.push(format!("see {r}"));
    }
    if !d.scope.stated {
        s.push("scope not stated".into());
    }
    if s.is_empty() { "ok".into() } else { s.join("; ") }
}

fn summary(report: &TermsReport) -> String {
    let undefined = report.undefined.iter().filter(|u| u.flagged()).count();
    format!(
        "{} definitions · {} technical terms of art used without a definition · {} findings",
        report.definitions.len(),
        undefined,
        report.findings.len()
    )
}

/// `billdiff terms` for the terminal.
pub fn text(bill: &Bill, report: &TermsReport, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.bold(&super::outline::bill_line(bill)));
    let _ = writeln!(out, "{}\n", summary(report));
    let rows: Vec<[String; 6]> = report
        .definitions
        .iter()
        .map(|d| {
            [
                d.display(),
                defined_at(d),
                kinds(d),
                scope_name(&d.scope.name()),
                d.uses.len().to_string(),
                status(d),
            ]
        })
        .collect();
    let head = ["TERM", "DEFINED AT", "KIND", "SCOPE", "USES", "STATUS"];
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([head[i].len()])
                .max()
                .unwrap_or(0)
                .min(40)
        })
        .collect();
    let line = |cells: &[String]| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == 4 {
                let _ = write!(l, "{:>w$}  ", c, w = widths[i]);
            } else if i == 5 {
                l.push_str(c);
            } else {
                let pad = widths[i].saturating_sub(c.chars().count());
                let _ = write!(l, "{c}{}  ", " ".repeat(pad));
            }
        }
        l.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", style.bold(&line(&head.map(String::from))));
    for r in &rows {
        let _ = writeln!(out, "{}", line(r));
    }
    if !report.undefined.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            style.bold("Terms of art used without a definition in scope (from the glossary):")
        );
        for u in &report.undefined {
            let technical: Vec<&str> = u
                .uses
                .iter()
                .filter(|x| x.sense == Sense::Technical)
                .map(|x| x.path.as_str())
                .collect();
            let ordinary: Vec<&str> = u
                .uses
                .iter()
                .filter(|x| x.sense == Sense::Ordinary)
                .map(|x| x.path.as_str())
                .collect();
            let unclear: Vec<&str> = u
                .uses
                .iter()
                .filter(|x| x.sense == Sense::Unclear)
                .map(|x| x.path.as_str())
                .collect();
            let _ = writeln!(
                out,
                "  {} — {} use{}",
                u.term,
                u.uses.len(),
                if u.uses.len() == 1 { "" } else { "s" }
            );
            for (label, paths) in [("technical", technical), ("ordinary", ordinary), ("unclear", unclear)] {
                if !paths.is_empty() {
                    let _ = writeln!(out, "      {label:<9} {}: {}", paths.len(), dedup(&paths).join(", "));
                }
            }
        }
    }
    if !report.digest.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            style.bold("In the Legislative Counsel's Digest (not operative text):")
        );
        let parts: Vec<String> = digest_counts(report)
            .iter()
            .map(|(t, n)| format!("{t} ({n})"))
            .collect();
        let _ = writeln!(out, "  {}", parts.join(", "));
    }
    if report.findings.is_empty() {
        let _ = writeln!(out, "\nNo findings.");
    } else {
        let _ = writeln!(
            out,
            "\n{}",
            style.bold(&format!("Findings ({}):", report.findings.len()))
        );
        for (i, f) in report.findings.iter().enumerate() {
            let _ = writeln!(out, "{:>3}. {}", i + 1, finding(f));
        }
    }
    out
}

fn dedup<'a>(paths: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for p in paths {
        if !out.contains(p) {
            out.push(p);
        }
    }
    out
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

/// `billdiff terms --format md`.
pub fn markdown(bill: &Bill, report: &TermsReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Terms: {}\n", super::outline::bill_line(bill));
    let _ = writeln!(out, "{}\n", summary(report));
    let _ = writeln!(out, "## Definitions\n");
    let _ = writeln!(out, "| Term | Defined at | Kind | Scope | Uses | Status |");
    let _ = writeln!(out, "|---|---|---|---|---:|---|");
    for d in &report.definitions {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            md_escape(&d.display()),
            defined_at(d),
            kinds(d),
            md_escape(&scope_name(&d.scope.name())),
            d.uses.len(),
            md_escape(&status(d))
        );
    }
    if !report.undefined.is_empty() {
        let _ = writeln!(out, "\n## Terms of art used without a definition\n");
        let _ = writeln!(
            out,
            "| Term | Technical | Ordinary | Unclear | Where (technical and unclear) |"
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---|");
        for u in &report.undefined {
            let paths: Vec<&str> = u
                .uses
                .iter()
                .filter(|x| x.sense != Sense::Ordinary)
                .map(|x| x.path.as_str())
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                u.term,
                u.count(Sense::Technical),
                u.count(Sense::Ordinary),
                u.count(Sense::Unclear),
                dedup(&paths)
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let _ = writeln!(out, "\n## Findings\n");
    if report.findings.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for (i, f) in report.findings.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, md_escape(&finding(f)));
    }
    out
}

/// Uses in the Legislative Counsel's Digest, counted per term, in order of first use.
pub fn digest_counts(report: &TermsReport) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for d in &report.digest {
        match counts.iter_mut().find(|(t, _)| *t == d.term) {
            Some((_, n)) => *n += 1,
            None => counts.push((d.term.clone(), 1)),
        }
    }
    counts
}

/// A finding as one sentence a reader understands.
pub fn finding(f: &Finding) -> String {
    match f {
        Finding::UndefinedTermOfArt {
            term,
            technical,
            ordinary,
            unclear,
            locations,
            ..
        } => {
            let mut s = format!(
                "“{term}” is a technical term of art the bill uses without defining it: {technical} technical use{}",
                plural(*technical)
            );
            if *unclear > 0 {
                s.push_str(&format!(", {unclear} unclear"));
            }
            if *ordinary > 0 {
                s.push_str(&format!(" ({ordinary} ordinary use{} not counted)", plural(*ordinary)));
            }
            s.push_str(&format!(", in {}", list(locations)));
            s
        }
        Finding::OutOfScopeUse {
            term,
            defined_at,
            scope,
            locations,
            uses,
        } => format!(
            "“{term}” is defined in {defined_at} for {} but used outside that scope {uses} time{}: {}",
            scope_name(scope),
            plural(*uses),
            list(locations)
        ),
        Finding::DuplicateDefinition { term, locations } => {
            format!(
                "“{term}” is defined twice with the same words where the scopes overlap: {}",
                locations.join(", ")
            )
        }
        Finding::ConflictingDefinition { term, locations } => {
            format!(
                "“{term}” is defined differently in places whose scopes overlap: {}",
                locations.join(", ")
            )
        }
        Finding::UnusedDefinition { term, location } => {
            format!("“{term}” (defined in {location}) is never used where its definition applies")
        }
        Finding::ByReference {
            term,
            location,
            reference,
        } => format!("“{term}” ({location}) takes its meaning from {reference}: read it there"),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn list(paths: &[String]) -> String {
    const MAX: usize = 8;
    if paths.len() <= MAX {
        paths.join(", ")
    } else {
        format!("{} and {} more", paths[..MAX].join(", "), paths.len() - MAX)
    }
}

/// "The file's markup defines 12 terms; billdiff's analysis agrees on 11 (91.7% of 12 named by either); only
/// the markup: …; only billdiff: …".
pub fn markup_agreement(a: &crate::terms::markup::MarkupAgreement) -> String {
    let quoted = |v: &[String]| v.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join(", ");
    let mut s = format!(
        "the file's definitions markup and billdiff's analysis name {} terms alike ({:.1}% of the {} either names)",
        a.both,
        a.ratio() * 100.0,
        a.both + a.only_marked.len() + a.only_found.len()
    );
    if !a.only_marked.is_empty() {
        s.push_str(&format!("; only the markup defines {}", quoted(&a.only_marked)));
    }
    if !a.only_found.is_empty() {
        s.push_str(&format!("; only billdiff finds {}", quoted(&a.only_found)));
    }
    s
}
