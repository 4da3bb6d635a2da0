//! Definition phrases, and the definitions they make.
//!
//! A phrase is a quoted term followed by a defining verb: `“X” means`, `“X” includes`, `“X” does not
//! include`, `“X” has the same meaning as (defined) in Section N`, `has the meaning set forth in / assigned
//! by`. Quotes may be curly or straight, double or single-curly (`‘AI system’ means`); text may be in
//! capitals (`“DEPLOY” MEANS`). `“X” or “Y” means` gives one term with an alias; `“X” and “Y” mean` two
//! terms. The federal style has no quotes: `The term covered developer means`.
//!
//! A term's phrases inside one subdivision — the first definition, restatements in its branches
//! (`(A) Before January 1, 2027, “covered model” means ...`), exclusions (`(2) “Deploy” does not include
//! ...`) — are parts of one [`Definition`]. The same term defined again elsewhere is a second definition,
//! which the findings report.

use super::{Definition, DefinitionKind, DefinitionPart, Scope, ScopeUnit};
use crate::model::{Bill, Provision, ProvisionKind, Span};
use crate::parse::citation;

/// A definition phrase found in one provision's text; offsets relative to that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Terms as written, with their byte ranges; the first is the term, later ones aliases (`or`).
    pub names: Vec<(String, usize, usize)>,
    /// How it defines.
    pub kind: DefinitionKind,
    /// For by-reference phrases, the cited law as written.
    pub reference: Option<String>,
    /// "... and includes ...": a second, includes part at the same place.
    pub and_includes: bool,
    /// "... means X, but does not include—": an excludes part at the same place.
    pub but_excludes: bool,
    /// Where the verb ends: text after it is the definition's body.
    pub body_start: usize,
}

fn closing_quote(open: char) -> Option<char> {
    match open {
        '“' => Some('”'),
        '"' => Some('"'),
        '‘' => Some('’'),
        '\'' => Some('\''),
        _ => None,
    }
}

/// A quoted stretch starting at byte `i` (the opening quote): (inner start, inner end, end after the close).
pub fn quoted_at(text: &str, i: usize) -> Option<(usize, usize, usize)> {
    let open = text[i..].chars().next()?;
    let close = closing_quote(open)?;
    let inner_start = i + open.len_utf8();
    let mut j = inner_start;
    for (k, c) in text[inner_start..].char_indices() {
        let at = inner_start + k;
        if at - inner_start > 120 {
            return None;
        }
        if c == close {
            // A single curly close quote doubles as an apostrophe: "‘operator’s duty’" — an apostrophe is
            // followed by a letter.
            let next = text[at + c.len_utf8()..].chars().next();
            if (close == '’' || close == '\'') && next.is_some_and(char::is_alphabetic) {
                continue;
            }
            j = at;
            break;
        }
        if matches!(c, '“' | '”' | '\n') || (close != '"' && c == '"') {
            return None;
        }
    }
    if j == inner_start || j <= i {
        return None;
    }
    Some((inner_start, j, j + close.len_utf8()))
}

/// Normalize a term: lowercase, spaces folded, punctuation the quotes enclosed ("“covered model,”") dropped.
pub fn normalize_term(s: &str) -> String {
    s.trim()
        .trim_end_matches([',', '.', ';', ':'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Case-insensitive ASCII prefix test that respects word ends.
fn starts_word(text: &str, word: &str) -> bool {
    text.len() >= word.len()
        && text.is_char_boundary(word.len())
        && text[..word.len()].eq_ignore_ascii_case(word)
        && !text[word.len()..].chars().next().is_some_and(char::is_alphanumeric)
}

const VERBS: &[(&str, DefinitionKind)] = &[
    ("does not include", DefinitionKind::Excludes),
    ("do not include", DefinitionKind::Excludes),
    ("shall not include", DefinitionKind::Excludes),
    ("has the same meaning as", DefinitionKind::ByReference),
    ("have the same meaning as", DefinitionKind::ByReference),
    ("shall have the same meaning as", DefinitionKind::ByReference),
    ("has the meanings", DefinitionKind::ByReference),
    ("have the meanings", DefinitionKind::ByReference),
    ("has the meaning", DefinitionKind::ByReference),
    ("have the meaning", DefinitionKind::ByReference),
    ("shall have the meaning", DefinitionKind::ByReference),
    ("shall mean", DefinitionKind::Means),
    ("means", DefinitionKind::Means),
    ("mean", DefinitionKind::Means),
    ("also includes", DefinitionKind::Includes),
    ("also include", DefinitionKind::Includes),
    ("may include", DefinitionKind::Includes),
    ("includes", DefinitionKind::Includes),
    ("include", DefinitionKind::Includes),
    ("shall include", DefinitionKind::Includes),
];

/// The defining verb at the start of `tail`: its kind and length.
fn verb(tail: &str) -> Option<(DefinitionKind, usize)> {
    VERBS
        .iter()
        .find(|(w, _)| starts_word(tail, w))
        .map(|(w, k)| (*k, w.len()))
}

/// A defining verb after at most twelve words with no quotation mark or sentence end before it: its offset
/// in `tail`, kind and length.
fn qualified_verb(tail: &str) -> Option<(usize, (DefinitionKind, usize))> {
    let mut words = 0;
    let mut prev = ' ';
    let mut chars = tail.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        // An apostrophe inside a word (`operator’s`) is part of it.
        let inner_apostrophe =
            matches!(c, '’' | '\'') && prev.is_alphabetic() && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        prev = c;
        if matches!(c, '“' | '”' | '"' | '‘' | '’' | '.' | ';' | ':' | '(') && !inner_apostrophe {
            return None;
        }
        if c == ' ' {
            words += 1;
            if words > 12 {
                return None;
            }
            let rest = &tail[at + 1..];
            if let Some(v) = verb(rest) {
                return Some((at + 1, v));
            }
        }
    }
    None
}

/// The end of the sentence that starts at `from` (exclusive): a period before a space or the end, or a
/// semicolon, outside parentheses. A period followed by a lowercase word or a number ends no sentence
/// (`22 U.S.C. 262r`, `No. 5`).
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b';' if depth == 0 => return i,
            b'.' if depth == 0 && (i + 1 == bytes.len() || bytes[i + 1] == b' ') => {
                let next = bytes.get(i + 2).copied().unwrap_or(b'A');
                if !(next.is_ascii_lowercase() || next.is_ascii_digit()) {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn finish(text: &str, names: Vec<(String, usize, usize)>, kind: DefinitionKind, verb_end: usize) -> Phrase {
    let end = sentence_end(text, verb_end);
    let rest = &text[verb_end..end];
    let reference = (kind == DefinitionKind::ByReference).then(|| {
        citation::find(rest)
            .into_iter()
            .find(|c| !c.this)
            .map(|c| rest[c.start..c.end].to_string())
            .unwrap_or_else(|| rest.trim().chars().take(100).collect())
    });
    let lower = rest.to_lowercase();
    let and_includes = matches!(kind, DefinitionKind::Means | DefinitionKind::ByReference)
        && (lower.contains(" and includes ") || lower.contains(" and shall include "));
    // "... means X, but does not include Y", "... means X; it excludes Y" (the EU's form).
    let after = text[end..].to_lowercase();
    let but_excludes = kind == DefinitionKind::Means
        && (lower.contains(" but does not include")
            || ["; it excludes ", "; it does not include ", "; but does not include "]
                .iter()
                .any(|w| after.starts_with(w)));
    Phrase {
        names,
        kind,
        reference,
        and_includes,
        but_excludes,
        body_start: verb_end,
    }
}

/// Stretches of `text` quoted in double quotation marks that open mid-sentence (`by striking “(1) ‘agency’
/// means—”`): words being struck or inserted, not this provision's own definitions.
fn quoted_passages(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', None) if i > 0 => open = Some(i),
            ('”', Some(s)) => {
                out.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Quoted-term phrases and federal-style phrases in one text.
pub fn phrases(text: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    let passages = quoted_passages(text);
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().expect("char boundary");
        // Passages are in order and do not overlap: the one that could hold `i` is the last to start before it.
        let nested = matches!(c, '‘' | '\'') && {
            let k = passages.partition_point(|&(s, _)| s < i);
            k > 0 && i < passages[k - 1].1
        };
        if closing_quote(c).is_some() && !nested {
            if let Some((phrases, next)) = quoted_phrases(text, i) {
                out.extend(phrases);
                i = next;
                continue;
            }
        }
        if (c == 't' || c == 'T') && (i == 0 || !text[..i].ends_with(char::is_alphanumeric)) {
            if let Some(p) = federal_phrase(text, i) {
                let next = p.body_start;
                out.push(p);
                i = next;
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// `“X” or “Y” means`, `“X” and “Y” mean`, `“X” means` starting at the quote at `i`.
fn quoted_phrases(text: &str, i: usize) -> Option<(Vec<Phrase>, usize)> {
    // Groups of names joined by "or" are one term; "and" starts a new term. In a list joined by commas
    // and a final "and" (`“X”, “Y” and “Z” have the same meaning`), every name is a term.
    let mut groups: Vec<Vec<(String, usize, usize)>> = vec![Vec::new()];
    let mut commas = 0;
    let mut ands = 0;
    let mut ors = 0;
    let mut pos = i;
    loop {
        let (s, e, after) = quoted_at(text, pos)?;
        let written = text[s..e].trim_end_matches([',', '.']).to_string();
        groups
            .last_mut()
            .expect("non-empty")
            .push((written, s, s + text[s..e].trim_end_matches([',', '.']).len()));
        let tail = &text[after..];
        let joiners: [(&str, bool); 6] = [
            (", or ", false),
            (" or ", false),
            (", and ", true),
            (" and ", true),
            (", ", false),
            (" ", false),
        ];
        let mut advanced = false;
        for (j, new_term) in joiners {
            if let Some(rest) = tail.strip_prefix(j).or_else(|| {
                // Capitals: " OR ", " AND ".
                let up = j.to_uppercase();
                tail.strip_prefix(up.as_str())
            }) {
                if rest.starts_with(['“', '"', '‘', '\'']) && j != " " {
                    if new_term {
                        groups.push(Vec::new());
                        ands += 1;
                    } else if j == ", " {
                        commas += 1;
                    } else {
                        ors += 1;
                    }
                    pos = text.len() - rest.len();
                    advanced = true;
                    break;
                }
            }
        }
        if advanced {
            continue;
        }
        if commas > 0 && ands > 0 && ors == 0 {
            groups = groups.into_iter().flatten().map(|n| vec![n]).collect();
        }
        let tail = tail.trim_start_matches(' ');
        let mut verb_at = text.len() - tail.len();
        let (kind, len) = match verb(tail) {
            Some(v) => v,
            // A term that opens its provision may carry a short qualifier before its verb: `'subject', for
            // the purpose of real-world testing, means`, `"Consent" in the context of sexual acts means`.
            None if qualifier_may_follow(&text[..i]) => {
                let (at, v) = qualified_verb(tail)?;
                verb_at += at;
                v
            }
            None => return None,
        };
        let phrases = groups
            .into_iter()
            .filter(|g| !g.is_empty())
            .map(|g| finish(text, g, kind, verb_at + len))
            .collect();
        return Some((phrases, verb_at + len));
    }
}

/// Whether a quoted term after `before` may carry a qualifier before its verb: when it opens its provision
/// or clause, alone (`“subject”, for the purpose of real-world testing, means`), after "the term" (`The
/// term “knowingly” with respect to conduct means`) or after a scope phrase (`In subsection (2) above “the
/// period of notice”, in relation to any registration, means`).
fn qualifier_may_follow(before: &str) -> bool {
    let clause_start = before
        .rfind([';', ':', '—'])
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .max(before.rfind(". ").map(|i| i + 2))
        .unwrap_or(0);
    let lead = before[clause_start..].trim().to_lowercase();
    lead.is_empty()
        || lead == "the term"
        || lead.ends_with(" the term")
        || ["in ", "for the purposes of ", "for purposes of ", "as used in "]
            .iter()
            .any(|w| lead.starts_with(w))
}

/// `The term covered developer means` (no quotes; up to six words).
fn federal_phrase(text: &str, i: usize) -> Option<Phrase> {
    let rest = &text[i..];
    if !starts_word(rest, "the term") {
        return None;
    }
    let after = i + "the term".len();
    let words_start = after + text[after..].len() - text[after..].trim_start().len();
    if text[words_start..].starts_with(['“', '"', '‘']) {
        return None;
    }
    // "the term of office", "the term is used": a term's name does not start with a function word.
    let first = text[words_start..].split(' ').next().unwrap_or("").to_lowercase();
    if [
        "of", "in", "for", "to", "shall", "is", "as", "that", "which", "and", "or", "used", "so", "may", "has",
    ]
    .contains(&first.as_str())
    {
        return None;
    }
    let mut pos = words_start;
    for _ in 0..7 {
        let here = &text[pos..];
        if let Some((kind, len)) = verb(here) {
            if pos == words_start {
                return None;
            }
            let written = text[words_start..pos].trim_end().to_string();
            if written.contains([',', '.', ';', ':', '(']) {
                return None;
            }
            let end = words_start + written.len();
            return Some(finish(text, vec![(written, words_start, end)], kind, pos + len));
        }
        let word_len = here.find(' ')?;
        pos += word_len + 1;
    }
    None
}

/// The section of law (else the bill section) a location belongs to.
fn section_of(bill: &Bill, location: &str) -> Option<String> {
    let lineage = bill.body.lineage(location).unwrap_or_default();
    lineage
        .iter()
        .rev()
        .find(|p| matches!(p.kind, ProvisionKind::CodeSection | ProvisionKind::BillSection))
        .map(|p| p.path.clone())
}

/// The subdivision-level unit a location belongs to: definitions parts in one unit are one definition.
fn unit_of(bill: &Bill, location: &str) -> String {
    let lineage = bill.body.lineage(location).unwrap_or_default();
    let section = lineage
        .iter()
        .rposition(|p| matches!(p.kind, ProvisionKind::CodeSection | ProvisionKind::BillSection));
    match section {
        Some(s) if s + 1 < lineage.len() => lineage[s + 1].path.clone(),
        _ => location.to_string(),
    }
}

fn placeholder_scope() -> Scope {
    Scope {
        unit: ScopeUnit::Section,
        anchor: String::new(),
        stated: false,
        phrase: None,
        phrase_at: None,
        covers: Vec::new().into(),
        note: None,
    }
}

/// Every definition in the bill's operative text, phrases grouped into definitions, in order.
pub fn find(bill: &Bill) -> Vec<Definition> {
    let mut defs: Vec<(String, Definition)> = Vec::new();
    for p in bill.body.walk() {
        if crate::work::stopped() {
            break;
        }
        let before = defs.len();
        for phrase in phrases(&p.text) {
            add(bill, p, phrase, &mut defs);
        }
        if defs.len() == before
            && let Some(name) = lead_in_term(&p.text)
        {
            for c in &p.children {
                if let Some((kind, body_start)) = child_part(c) {
                    let phrase = Phrase {
                        names: vec![name.clone()],
                        kind,
                        reference: None,
                        and_includes: false,
                        but_excludes: false,
                        body_start,
                    };
                    add_at(bill, c, p.text_start(), phrase, &mut defs);
                }
            }
        }
        // A wrap-up after a definition's list (`… means— (a) …, (b) …, but does not include …`) excludes
        // from the definition just made, in the same unit.
        let lower = p.text.trim_start().to_lowercase();
        if defs.len() == before
            && p.kind == ProvisionKind::Text
            && ["but does not include", "but do not include"]
                .iter()
                .any(|w| lower.starts_with(w))
            && let Some((_, d)) = defs.last_mut()
            && section_of(bill, &d.location) == section_of(bill, &p.path)
        {
            d.parts.push(DefinitionPart {
                location: p.path.clone(),
                kind: DefinitionKind::Excludes,
                reference: None,
                term_spans: Vec::new(),
                definiens: p.text.trim().to_string(),
            });
        }
    }
    defs.into_iter().map(|(_, d)| d).collect()
}

fn add(bill: &Bill, p: &Provision, phrase: Phrase, defs: &mut Vec<(String, Definition)>) {
    add_at(bill, p, p.text_start(), phrase, defs);
}

/// `The term “34th America's Cup”—` closing a provision's text: the term its children define, one verb
/// each (`(A) means …`, `(B) if …, includes …`).
fn lead_in_term(text: &str) -> Option<(String, usize, usize)> {
    let t = text.trim_end();
    let body = t.strip_suffix('—').or_else(|| t.strip_suffix(':'))?.trim_end();
    let inner = body.strip_suffix(['”', '"'])?;
    let open = inner.rfind(['“', '"'])?;
    if !inner[..open].trim_end().to_lowercase().ends_with("the term") {
        return None;
    }
    let start = open + inner[open..].chars().next().map_or(1, char::len_utf8);
    (start < inner.len()).then(|| (inner[start..].to_string(), start, inner.len()))
}

/// A definition part made by one child of a lead-in (`(A) means …`): the verb opening its text, or
/// following a short qualifier.
fn child_part(c: &Provision) -> Option<(DefinitionKind, usize)> {
    let t = c.text.trim_start();
    let lead = c.text.len() - t.len();
    verb(t)
        .map(|(k, len)| (k, lead + len))
        .or_else(|| qualified_verb(t).map(|(at, (k, len))| (k, lead + at + len)))
}

/// [`add`], with the phrase's name offsets counted from `base` in the body text (a lead-in's term is in
/// its parent's text, the part in the child's).
fn add_at(bill: &Bill, p: &Provision, base: usize, phrase: Phrase, defs: &mut Vec<(String, Definition)>) {
    let (written, _, _) = phrase.names[0].clone();
    let term = normalize_term(&written);
    let aliases: Vec<String> = phrase.names[1..].iter().map(|(w, _, _)| normalize_term(w)).collect();
    let spans: Vec<Span> = phrase
        .names
        .iter()
        .map(|(_, s, e)| Span {
            start: base + s,
            end: base + e,
        })
        .collect();
    let mut parts = vec![DefinitionPart {
        location: p.path.clone(),
        kind: phrase.kind,
        reference: phrase.reference.clone(),
        term_spans: spans,
        definiens: p.text[phrase.body_start..].trim().to_string(),
    }];
    if phrase.and_includes {
        parts.push(DefinitionPart {
            location: p.path.clone(),
            kind: DefinitionKind::Includes,
            reference: None,
            term_spans: Vec::new(),
            definiens: String::new(),
        });
    }
    if phrase.but_excludes {
        parts.push(DefinitionPart {
            location: p.path.clone(),
            kind: DefinitionKind::Excludes,
            reference: None,
            term_spans: Vec::new(),
            definiens: String::new(),
        });
    }
    let unit = unit_of(bill, &p.path);
    if let Some((_, d)) = defs.iter_mut().find(|(u, d)| *u == unit && d.term == term) {
        d.parts.extend(parts);
        for a in aliases {
            if !d.aliases.contains(&a) {
                d.aliases.push(a);
            }
        }
        return;
    }
    defs.push((
        unit,
        Definition {
            written,
            term,
            aliases,
            location: p.path.clone(),
            parts,
            scope: placeholder_scope(),
            uses: Vec::new(),
            out_of_scope: Vec::new(),
            mentions: Vec::new(),
            glossary: None,
        },
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (Vec<String>, DefinitionKind, Option<String>, bool) {
        let ps = phrases(text);
        assert_eq!(ps.len(), 1, "{text}: {ps:?}");
        let p = &ps[0];
        (
            p.names.iter().map(|n| n.0.clone()).collect(),
            p.kind,
            p.reference.clone(),
            p.and_includes,
        )
    }

    #[test]
    fn the_forms_bills_use() {
        assert_eq!(
            one("“Covered model” means either of the following:").0,
            ["Covered model"]
        );
        assert_eq!(
            one("Before January 1, 2027, “covered model” means x.").1,
            DefinitionKind::Means
        );
        assert_eq!(one("“Deploy” does not include making x.").1, DefinitionKind::Excludes);
        assert_eq!(one("\"Catastrophic risk\" has the meaning defined in Section 22757.11 of the Business and Professions Code.").2.as_deref(), Some("Section 22757.11 of the Business and Professions Code"));
        assert_eq!(one("As used in this section, “critical harm” has the same meaning as defined in Section 22602 of the Business and Professions Code.").2.as_deref(), Some("Section 22602 of the Business and Professions Code"));
        let (n, k, r, inc) = one(
            "“Employee” has the same meaning as defined in Section 1132.4 of the Labor Code and includes both of the following:",
        );
        assert_eq!(
            (n, k, r.as_deref(), inc),
            (
                vec!["Employee".to_string()],
                DefinitionKind::ByReference,
                Some("Section 1132.4 of the Labor Code"),
                true
            )
        );
        assert_eq!(one("‘AI system’ means a tool.").0, ["AI system"]);
        assert_eq!(one("“DEPLOY” MEANS TO OFFER A MODEL.").1, DefinitionKind::Means);
        assert_eq!(one("“Widget” or “gadget” means a device.").0, ["Widget", "gadget"]);
        assert_eq!(
            one("(a) The term covered developer means a person.").0,
            ["covered developer"]
        );
        assert_eq!(
            one("In this section, the term ‘red team exercise’ means an attempt.").0,
            ["red team exercise"]
        );
        assert_eq!(
            one("“Data broker” has the meaning set forth in subdivision (d) of Section 1798.99.80 of the Civil Code.")
                .2
                .as_deref(),
            Some("subdivision (d) of Section 1798.99.80 of the Civil Code")
        );
    }

    #[test]
    fn two_terms_with_and() {
        let ps = phrases("“Employer” and “employee” mean the persons so described.");
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].names[0].0, "employee");
    }

    #[test]
    fn mentions_are_not_definitions() {
        assert!(phrases("the definition of “covered model” in subparagraph (A) shall be operative").is_empty());
        assert!(phrases("to be known as “CalCompute.”").is_empty());
        assert!(phrases("during the term of the member’s appointment means nothing here").is_empty());
        assert!(phrases("The developer’s model and the operator’s data.").is_empty());
    }

    #[test]
    fn term_normalization() {
        assert_eq!(normalize_term(" Covered  model, "), "covered model");
        assert_eq!(normalize_term("Frontier AI framework"), "frontier ai framework");
    }
}
