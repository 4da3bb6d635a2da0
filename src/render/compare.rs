//! The summary of a comparison, as paragraphs for the heading of any redline format.

use crate::compare::Summary;

fn n(k: usize, one: &str, many: &str) -> String {
    format!("{k} {}", if k == 1 { one } else { many })
}

fn quoted(terms: &[String]) -> String {
    terms.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join(", ")
}

/// "3 provisions added, 1 deleted, ..." then one paragraph per kind of definition change.
pub fn summary(s: &Summary) -> String {
    let mut paras = Vec::new();
    if !s.differs() {
        paras.push("The two versions are identical.".to_string());
        return paras.join("\n\n");
    }
    paras.push(format!(
        "{} added, {} deleted, {} moved, {} renumbered, {} changed in their words; {} struck and {} inserted.",
        n(s.added, "provision", "provisions"),
        s.deleted,
        s.moved,
        s.renumbered,
        s.changed,
        n(s.words_deleted, "word", "words"),
        n(s.words_inserted, "word", "words"),
    ));
    let d = &s.definitions;
    let scoped = |term: &str, scope: &str| format!("{term} ({scope})");
    if !d.changed.is_empty() {
        let items: Vec<String> = d
            .changed
            .iter()
            .map(|c| {
                format!(
                    "definition of “{}” changed ({} → {}; {} struck, {} inserted)",
                    scoped(&c.term, &c.scope),
                    c.old_location,
                    c.new_location,
                    c.words_deleted,
                    c.words_inserted
                )
            })
            .collect();
        paras.push(format!("Definitions changed: {}.", items.join("; ")));
    }
    if !d.added.is_empty() {
        let t: Vec<String> = d.added.iter().map(|x| scoped(&x.term, &x.scope)).collect();
        paras.push(format!("Definitions added: {}.", quoted(&t)));
    }
    if !d.removed.is_empty() {
        let t: Vec<String> = d.removed.iter().map(|x| scoped(&x.term, &x.scope)).collect();
        paras.push(format!("Definitions removed: {}.", quoted(&t)));
    }
    if !d.unchanged.is_empty() {
        paras.push(format!(
            "{} unchanged.",
            n(d.unchanged.len(), "definition", "definitions")
        ));
    }
    paras.join("\n\n")
}

/// Each definition change as (term, what happened): "changed: 22757.11(b) → 22757.11(c)(1) (65 words
/// struck, 207 inserted)", "added (Chapter 25.1)", "removed (Chapter 5.1)".
pub fn definition_lines(s: &Summary) -> Vec<(String, String)> {
    let d = &s.definitions;
    let mut out = Vec::new();
    for x in &d.changed {
        out.push((
            x.term.clone(),
            format!(
                "changed: {} → {} ({} words struck, {} inserted)",
                x.old_location, x.new_location, x.words_deleted, x.words_inserted
            ),
        ));
    }
    out.extend(d.added.iter().map(|x| (x.term.clone(), format!("added ({})", x.scope))));
    out.extend(
        d.removed
            .iter()
            .map(|x| (x.term.clone(), format!("removed ({})", x.scope))),
    );
    out
}
