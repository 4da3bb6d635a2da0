//! Uses of defined terms, and of the glossary's terms of art.
//!
//! Defined terms are matched first, all at once, longest first (see [`super::matcher`]); the words of a
//! definition phrase ("“Covered model” means") are the definition, not a use, and a term inside quotes
//! elsewhere ("the definition of “covered model” in subparagraph (A)") is a mention. Each use is linked to
//! the definition whose scope covers it, the narrowest if several do; a use no definition covers is
//! reported as out of scope.
//!
//! Terms of art are matched next. A match that lies wholly inside a defined term's match is part of that
//! term ("training" in "post-training modification") and is skipped; a term of art the bill defines, used
//! where that definition applies, is not undefined. Each remaining use is classified from the nearest
//! context word in its sentence: technical ("inadvertent release ... of the model weights") or ordinary
//! ("publicly release ... any complaint").

use super::matcher::{Form, Match, Matcher, Token, inflects, tokenize};
use super::{ArtUse, Definition, DigestUse, Sense, UndefinedTerm, Use};
use crate::glossary::{Glossary, GlossaryEntry};
use crate::model::{Bill, Provision, Span};
use std::collections::HashMap;

/// Context words farther than this from a use (in words) do not count.
pub const CONTEXT_WINDOW: usize = 12;

/// What [`find`] returns besides filling in the definitions' uses.
pub struct Found {
    /// Terms of art used without a definition in scope.
    pub undefined: Vec<UndefinedTerm>,
    /// Uses in the digest.
    pub digest: Vec<DigestUse>,
}

/// Two terms name the same thing: same words, each equal or inflected either way.
pub fn same_term(a: &str, b: &str) -> bool {
    same_words(&words(a), &words(b))
}

/// A term's words, lowercased.
fn words(t: &str) -> Vec<String> {
    tokenize(t).into_iter().map(|t| t.lower).collect()
}

/// [`same_term`] on words already split.
fn same_words(wa: &[String], wb: &[String]) -> bool {
    wa.len() == wb.len() && wa.iter().zip(wb).all(|(x, y)| inflects(x, y) || inflects(y, x))
}

struct Scoping<'a> {
    /// For each provision path, its ancestors' paths (itself included), outermost first.
    lineage: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Scoping<'a> {
    fn new(bill: &'a Bill) -> Scoping<'a> {
        let mut lineage = HashMap::new();
        fn go<'a>(p: &'a Provision, stack: &mut Vec<&'a str>, out: &mut HashMap<&'a str, Vec<&'a str>>) {
            stack.push(&p.path);
            out.insert(p.path.as_str(), stack.clone());
            for c in &p.children {
                go(c, stack, out);
            }
            stack.pop();
        }
        let mut stack = Vec::new();
        for p in &bill.body.provisions {
            go(p, &mut stack, &mut lineage);
        }
        Scoping { lineage }
    }

    /// The ancestors' paths of `path` (itself included), outermost first.
    fn lineage(&self, path: &str) -> Option<&[&'a str]> {
        self.lineage.get(path).map(Vec::as_slice)
    }

    /// How deep the definition's anchor sits above `path` (None: not covering it). Smaller is narrower.
    fn covers(&self, def: &Definition, path: &str) -> Option<usize> {
        let lineage = self.lineage.get(path)?;
        if def.scope.anchor == "bill" {
            return Some(usize::MAX);
        }
        let at = lineage.iter().position(|p| *p == def.scope.anchor)?;
        Some(lineage.len() - at)
    }
}

/// Whether the match is enclosed in quotes: “covered model” or “covered model,”.
fn quoted(text: &str, m: &Match<usize>) -> bool {
    let before = text[..m.start].chars().next_back();
    let after = text[m.end..].trim_start_matches([',', '.']).chars().next();
    matches!(before, Some('“' | '"' | '‘')) && matches!(after, Some('”' | '"' | '’'))
}

/// Sense of a term-of-art use from the nearest context word in its sentence.
fn sense(entry: &ContextMatchers, text: &str, tokens: &[Token], m: &Match<usize>) -> (Sense, Option<String>) {
    let sentence = tokens[m.first].sentence;
    let mut best: Option<(usize, bool, String)> = None;
    for (matcher, technical) in [(&entry.technical, true), (&entry.ordinary, false)] {
        for c in matcher.find(text, tokens, |_| false) {
            if tokens[c.first].sentence != sentence {
                continue;
            }
            let distance = if c.last <= m.first {
                m.first - c.last
            } else {
                c.first.saturating_sub(m.last)
            };
            if distance > CONTEXT_WINDOW {
                continue;
            }
            // Nearest wins; at equal distance, technical.
            let better = best
                .as_ref()
                .is_none_or(|(d, t, _)| distance < *d || (distance == *d && technical && !t));
            if better {
                best = Some((distance, technical, text[c.start..c.end].to_string()));
            }
        }
    }
    match best {
        Some((_, true, w)) => (Sense::Technical, Some(w)),
        Some((_, false, w)) => (Sense::Ordinary, Some(w)),
        None => (Sense::Unclear, None),
    }
}

struct ContextMatchers {
    technical: Matcher<()>,
    ordinary: Matcher<()>,
}

impl ContextMatchers {
    fn new(e: &GlossaryEntry) -> ContextMatchers {
        ContextMatchers {
            technical: Matcher::new(e.technical_context.iter().map(|w| (w.clone(), ()))),
            ordinary: Matcher::new(e.ordinary_context.iter().map(|w| (w.clone(), ()))),
        }
    }
}

/// Whether the words of tokens `first..last` are part of a proper name: each of them capitalized (short
/// joining words such as "of" and "or" aside), and a capitalized word right before them in the same
/// sentence, or right after them. A term at the start of a sentence ("Artificial intelligence means …")
/// is not a name: only its first word is capitalized.
pub fn in_proper_name(text: &str, tokens: &[crate::terms::matcher::Token], first: usize, last: usize) -> bool {
    const JOINING: [&str; 8] = ["of", "or", "and", "the", "for", "in", "on", "to"];
    let capital =
        |t: &crate::terms::matcher::Token| text[t.start..t.end].chars().next().is_some_and(char::is_uppercase);
    // The term's own words in title case: "Artificial Intelligence", not "ARTIFICIAL INTELLIGENCE" (a
    // heading set in capitals names nothing).
    let title = |t: &crate::terms::matcher::Token| {
        let w = &text[t.start..t.end];
        capital(t) && w.chars().skip(1).any(char::is_lowercase)
    };
    let words = &tokens[first..last];
    if words.is_empty() || !words.iter().all(|t| JOINING.contains(&t.lower.as_str()) || title(t)) {
        return false;
    }
    if !words.iter().any(|t| !JOINING.contains(&t.lower.as_str())) {
        return false;
    }
    let before = first
        .checked_sub(1)
        .map(|i| &tokens[i])
        .is_some_and(|t| t.sentence == words[0].sentence && capital(t));
    let after = tokens
        .get(last)
        .is_some_and(|t| t.sentence == words[words.len() - 1].sentence && capital(t));
    before || after
}

/// Fill in every definition's uses, out-of-scope uses and mentions; find undefined terms of art and
/// digest uses.
pub fn find(bill: &Bill, defs: &mut [Definition], glossary: &Glossary) -> Found {
    // Link definitions to glossary entries.
    // Each entry's term and forms, split once.
    let entry_words: Vec<Vec<Vec<String>>> = glossary
        .entries
        .iter()
        .map(|e| std::iter::once(&e.term).chain(&e.forms).map(|f| words(f)).collect())
        .collect();
    for d in defs.iter_mut() {
        let names: Vec<Vec<String>> = std::iter::once(&d.term).chain(&d.aliases).map(|t| words(t)).collect();
        d.glossary = glossary
            .entries
            .iter()
            .zip(&entry_words)
            .find(|(_, forms)| names.iter().any(|n| forms.iter().any(|f| same_words(n, f))))
            .map(|(e, _)| e.id.clone());
    }
    // One matcher for every defined name; the owner is the definition's index (any of a term's
    // definitions: the governing one is chosen per use).
    // A verb definition ("“Deploy” means to make ...") also matches "deployed" and "deploying". A term
    // naming alternatives ("contractor or subcontractor") is also used coordinated: "contractors and
    // subcontractors".
    let defined = Matcher::from_forms(defs.iter().enumerate().flat_map(|(i, d)| {
        let verb = d.parts.iter().any(|p| p.definiens.starts_with("to "));
        std::iter::once(d.term.clone())
            .chain(d.aliases.clone())
            .flat_map(|t| {
                let coordinated = t.contains(" or ").then(|| t.replace(" or ", " and "));
                std::iter::once(t).chain(coordinated)
            })
            .map(move |t| {
                let f = Form::new(&t);
                (if verb { f.as_verb() } else { f }, i)
            })
    }));
    let terms = Matcher::new(
        glossary
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.forms.iter().map(move |f| (f.clone(), i))),
    );
    let contexts: Vec<ContextMatchers> = glossary.entries.iter().map(ContextMatchers::new).collect();
    let phrase_spans: Vec<Span> = defs
        .iter()
        .flat_map(|d| d.parts.iter().flat_map(|p| p.term_spans.iter().copied()))
        .collect();
    let mut phrase_spans = phrase_spans;
    phrase_spans.sort_by_key(|sp| sp.start);
    let scoping = Scoping::new(bill);
    let namesakes = Namesakes::new(defs);
    let mut by_entry: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, d) in defs.iter().enumerate() {
        if let Some(g) = &d.glossary {
            by_entry.entry(g.clone()).or_default().push(i);
        }
    }
    let mut art: Vec<Vec<ArtUse>> = vec![Vec::new(); glossary.entries.len()];

    for p in bill.body.walk() {
        if crate::work::stopped() {
            break;
        }
        let text = &p.text;
        let base = p.text_start();
        let tokens = tokenize(text);
        let in_phrase = |i: usize| {
            let (s, e) = (base + tokens[i].start, base + tokens[i].end);
            // Spans are sorted and do not overlap: look at the one that starts last before `e`.
            let k = phrase_spans.partition_point(|sp| sp.start < e);
            k > 0 && phrase_spans[k - 1].end > s
        };
        let mut def_matches = defined.find(text, &tokens, in_phrase);
        // Inside a proper name ("U.S. Artificial Intelligence Safety Institute", a title "… Frontier
        // Artificial Intelligence Models Act") the words are part of the name, not a use of the term.
        def_matches.retain(|m| !in_proper_name(text, &tokens, m.first, m.last));
        for m in &def_matches {
            let (governing, first) = namesakes.governing(m.owner, scoping.lineage(&p.path));
            let u = Use {
                path: p.path.clone(),
                span: Span {
                    start: base + m.start,
                    end: base + m.end,
                },
                text: text[m.start..m.end].to_string(),
            };
            match governing {
                Some(i) if quoted(text, m) => defs[i].mentions.push(u),
                Some(i) => defs[i].uses.push(u),
                None if quoted(text, m) => defs[first].mentions.push(u),
                None => defs[first].out_of_scope.push(u),
            }
        }
        for m in terms.find(text, &tokens, in_phrase) {
            if def_matches.iter().any(|d| d.first <= m.first && m.last <= d.last) {
                continue;
            }
            let entry = &glossary.entries[m.owner];
            let defined_here = by_entry
                .get(entry.id.as_str())
                .is_some_and(|ds| ds.iter().any(|&d| scoping.covers(&defs[d], &p.path).is_some()));
            if defined_here {
                continue;
            }
            let (sense, signal) = sense(&contexts[m.owner], text, &tokens, &m);
            art[m.owner].push(ArtUse {
                path: p.path.clone(),
                span: Span {
                    start: base + m.start,
                    end: base + m.end,
                },
                text: text[m.start..m.end].to_string(),
                sense,
                signal,
            });
        }
    }

    let undefined = glossary
        .entries
        .iter()
        .zip(art)
        .filter(|(_, uses)| !uses.is_empty())
        .map(|(e, uses)| {
            let mut locations: Vec<String> = Vec::new();
            for u in &uses {
                if locations.last() != Some(&u.path) {
                    locations.push(u.path.clone());
                }
            }
            UndefinedTerm {
                term: e.term.clone(),
                glossary: e.id.clone(),
                uses,
                locations,
            }
        })
        .collect();

    let mut digest = Vec::new();
    for (i, para) in bill.digest.iter().flat_map(|d| d.paragraphs.iter()).enumerate() {
        let tokens = tokenize(para);
        let dm = defined.find(para, &tokens, |_| false);
        for m in &dm {
            digest.push(DigestUse {
                term: defs[m.owner].term.clone(),
                defined: true,
                paragraph: i,
                text: para[m.start..m.end].to_string(),
            });
        }
        for m in terms.find(para, &tokens, |_| false) {
            if dm.iter().any(|d| d.first <= m.first && m.last <= d.last) {
                continue;
            }
            digest.push(DigestUse {
                term: glossary.entries[m.owner].term.clone(),
                defined: defs
                    .iter()
                    .any(|d| d.glossary.as_deref() == Some(glossary.entries[m.owner].id.as_str())),
                paragraph: i,
                text: para[m.start..m.end].to_string(),
            });
        }
    }
    Found { undefined, digest }
}

/// Which definitions define each name (term or alias), and where their scopes are anchored: the candidates
/// to govern a use of a name, found without trying every definition of it.
struct Namesakes {
    /// Each definition's names.
    names: Vec<Vec<String>>,
    /// The first definition (lowest index) of each name.
    first: HashMap<String, usize>,
    /// The first definition of each name anchored at each provision (or `bill`).
    anchored: HashMap<(String, String), usize>,
}

impl Namesakes {
    fn new(defs: &[Definition]) -> Namesakes {
        let names: Vec<Vec<String>> = defs
            .iter()
            .map(|d| std::iter::once(d.term.clone()).chain(d.aliases.clone()).collect())
            .collect();
        let mut first = HashMap::new();
        let mut anchored = HashMap::new();
        for (i, (d, ns)) in defs.iter().zip(&names).enumerate() {
            for n in ns {
                first.entry(n.clone()).or_insert(i);
                anchored.entry((n.clone(), d.scope.anchor.clone())).or_insert(i);
            }
        }
        Namesakes { names, first, anchored }
    }

    /// For a use of one of `owner`'s names at a provision whose ancestors are `lineage` (outermost first):
    /// the definition of any of those names whose scope is the narrowest that covers the use (the first
    /// defined at equal depth), and the first definition of those names (for a use no scope covers).
    fn governing(&self, owner: usize, lineage: Option<&[&str]>) -> (Option<usize>, usize) {
        let names = &self.names[owner];
        let first = names
            .iter()
            .filter_map(|n| self.first.get(n))
            .copied()
            .min()
            .unwrap_or(owner);
        let at = |anchor: &str| {
            names
                .iter()
                .filter_map(|n| self.anchored.get(&(n.clone(), anchor.to_string())))
                .copied()
                .min()
        };
        let Some(lineage) = lineage else {
            return (None, first);
        };
        let narrowest = lineage.iter().rev().find_map(|a| at(a)).or_else(|| at("bill"));
        (narrowest, first)
    }
}
