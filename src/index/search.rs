//! Searching the index: the query syntax, filters, ranked hits with highlighted snippets.
//!
//! Queries use tantivy's syntax with billdiff's fields: words (stemmed: `release` finds "released"),
//! phrases (`"full shutdown"`), proximity (`"covered model"~3`), `AND`, `OR`, `NOT` (and `+`, `-`),
//! parentheses, and field filters — `bill:`, `session:`, `section:`, `version:`, `path:`, `defines:`,
//! `uses:`, `undefined:`, `heading:` and `exact:` (unstemmed). Words are joined by AND unless told
//! otherwise: legal research narrows.

use super::schema::Fields;
use super::write::open_index;
use crate::error::{Error, IndexProblem, QueryProblem, Result};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

/// A search request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The query text.
    pub text: String,
    /// Only this bill (folder id).
    pub bill: Option<String>,
    /// Only this version (id or date).
    pub version: Option<String>,
    /// At most this many hits.
    pub limit: usize,
    /// Hits to skip (for the next page).
    pub offset: usize,
}

/// How many matching provision documents a search reads to group and count its hits: past this, the
/// total is a lower bound ([`Found::complete`] is false).
pub const GROUPED_AT_MOST: usize = 5_000;

/// A search's page of hits and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    /// The hits asked for (`offset`, `limit`), best first.
    pub hits: Vec<Hit>,
    /// Hits in all: provisions, each counted once however many versions have it word for word.
    pub total: usize,
    /// Provision documents matched (one per provision per version).
    pub matched: usize,
    /// Whether every matched document was grouped (else `total` counts the best
    /// [`GROUPED_AT_MOST`] of them).
    pub complete: bool,
    /// Hits skipped before these.
    pub offset: usize,
}

/// A version a hit's provision reads the same in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRef {
    /// Version id.
    pub version: String,
    /// Version date.
    pub date: String,
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Bill folder id.
    pub bill: String,
    /// Measure.
    pub measure: String,
    /// Version id.
    pub version: String,
    /// Version date.
    pub date: String,
    /// Provision path.
    pub path: String,
    /// Nearest heading.
    pub heading: String,
    /// Relevance (BM25).
    pub score: f32,
    /// A fragment of the provision's text.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// Terms the provision defines.
    pub defines: Vec<String>,
    /// Every version the provision reads the same in (with the same path), latest first; `version` and
    /// `date` name the first of them.
    pub versions: Vec<VersionRef>,
}

/// A reader over the last commit of an index.
pub struct Searcher {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

fn err(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::Index {
        dir: dir.to_path_buf(),
        problem: IndexProblem::Engine { message: e.to_string() },
    }
}

impl Searcher {
    /// Open the index in `dir` for reading.
    pub fn open(dir: &Path) -> Result<Searcher> {
        let (index, fields) = open_index(dir, false)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| err(dir, e))?;
        Ok(Searcher {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
        })
    }

    /// Pick up a newer commit, if there is one.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(|e| err(&self.dir, e))
    }

    fn parser(&self) -> QueryParser {
        let f = &self.fields;
        let mut qp = QueryParser::for_index(&self.index, vec![f.text, f.heading]);
        qp.set_conjunction_by_default();
        qp
    }

    /// Parse a query, or say what is wrong with it (`AND NOT` read as `NOT`, as `and_not` says).
    pub fn parse(&self, text: &str) -> Result<Box<dyn tantivy::query::Query>> {
        if text.trim().is_empty() {
            return Err(Error::Query {
                query: text.to_string(),
                problem: QueryProblem::Empty,
            });
        }
        if let Some(problem) = shape_problem(text) {
            return Err(Error::Query {
                query: text.to_string(),
                problem,
            });
        }
        let sensed = with_senses(text).map_err(|problem| Error::Query {
            query: text.to_string(),
            problem,
        })?;
        if sensed.trim().is_empty() {
            return Err(Error::Query {
                query: text.to_string(),
                problem: QueryProblem::Empty,
            });
        }
        self.parser().parse_query(&and_not(&sensed)).map_err(|e| Error::Query {
            query: text.to_string(),
            problem: QueryProblem::Syntax { message: e.to_string() },
        })
    }

    /// Run a query: ranked provisions with snippets, a provision that reads the same in several versions
    /// once (with its versions listed), paged by `offset` and `limit`, with the total.
    pub fn search(&self, q: &Query) -> Result<Found> {
        let f = self.fields;
        let user = self.parse(&q.text)?;
        let term = |field, value: &str| -> Box<dyn tantivy::query::Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, &value.to_lowercase()),
                IndexRecordOption::Basic,
            ))
        };
        // The words the keyword filters name, as phrases in the text: they rank a provision by how often
        // it uses them and are highlighted in its snippet.
        let named: Vec<Box<dyn tantivy::query::Query>> = named_terms(&q.text)
            .iter()
            .filter_map(|t| {
                let words: String = t.chars().filter(|c| c.is_alphanumeric() || c.is_whitespace()).collect();
                (!words.trim().is_empty())
                    .then(|| self.parser().parse_query(&format!("text:\"{}\"", words.trim())).ok())
                    .flatten()
            })
            .collect();
        let mut clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = vec![
            (Occur::Must, user.box_clone()),
            (Occur::Must, term(f.doc_type, "provision")),
        ];
        if let Some(b) = &q.bill {
            clauses.push((Occur::Must, term(f.bill, b)));
        }
        if let Some(v) = &q.version {
            let either: Vec<(Occur, Box<dyn tantivy::query::Query>)> =
                vec![(Occur::Should, term(f.version, v)), (Occur::Should, term(f.date, v))];
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(either))));
        }
        for n in &named {
            clauses.push((Occur::Should, n.box_clone()));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let (matched, top) = searcher
            .search(
                &query,
                &(
                    tantivy::collector::Count,
                    TopDocs::with_limit(GROUPED_AT_MOST).order_by_score(),
                ),
            )
            .map_err(|e| err(&self.dir, e))?;
        // Group: one hit per bill, path and text, in the order of its best-scoring version, by the
        // documents' group field (a fast field: no document is read to group).
        struct Group {
            score: f32,
            docs: Vec<tantivy::DocAddress>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut at: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        let mut columns: std::collections::HashMap<u32, tantivy::columnar::Column<u64>> = Default::default();
        for &(score, addr) in &top {
            let column = match columns.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(
                    searcher
                        .segment_reader(addr.segment_ord)
                        .fast_fields()
                        .u64("group")
                        .map_err(|e| err(&self.dir, e))?,
                ),
            };
            let key = column
                .first(addr.doc_id)
                .unwrap_or(u64::from(addr.doc_id) ^ (u64::from(addr.segment_ord) << 32));
            let next = groups.len();
            let g = *at.entry(key).or_insert(next);
            if g == next {
                groups.push(Group {
                    score,
                    docs: Vec::new(),
                });
            }
            groups[g].docs.push(addr);
        }
        let total = groups.len();
        let mut highlight: Vec<(Occur, Box<dyn tantivy::query::Query>)> = vec![(Occur::Should, user.box_clone())];
        highlight.extend(named.iter().map(|n| (Occur::Should, n.box_clone())));
        let highlight = BooleanQuery::new(highlight);
        let mut snippets = SnippetGenerator::create(&searcher, &highlight, f.text).map_err(|e| err(&self.dir, e))?;
        snippets.set_max_num_chars(220);
        // The terms the query's `undefined:` filters name, lowercased.
        let asked: Vec<String> = named_undefined(&q.text);
        let mut out = Vec::new();
        for g in groups.into_iter().skip(q.offset).take(q.limit.max(1)) {
            let d: TantivyDocument = searcher.doc(g.docs[0]).map_err(|e| err(&self.dir, e))?;
            // The versions: each of the group's documents' version and date (read only for the hits shown).
            let mut versions = Vec::with_capacity(g.docs.len());
            for &addr in &g.docs {
                let v: TantivyDocument = searcher.doc(addr).map_err(|e| err(&self.dir, e))?;
                versions.push(VersionRef {
                    version: super::schema::text(&v, f.version),
                    date: super::schema::text(&v, f.date),
                });
            }
            let s = |field| super::schema::text(&d, field);
            let snippet = snippets.snippet_from_doc(&d);
            // An `undefined:` query also marks the uses' words as the analysis found them
            // ("unreleased", "make a frontier model available"), which the query's words need not be.
            let written: Vec<String> = d
                .get_all(f.undefined_words)
                .filter_map(|v| v.as_str())
                .filter_map(|v| v.split_once(super::write::WORDS_SEPARATOR))
                .filter(|(term, _)| asked.contains(&term.to_lowercase()))
                .map(|(_, w)| w.to_string())
                .collect();
            let (fragment, mut highlights): (String, Vec<(usize, usize)>) = if !snippet.fragment().is_empty() {
                (
                    snippet.fragment().to_string(),
                    snippet
                        .highlighted()
                        .iter()
                        .map(|r: &Range<usize>| (r.start, r.end))
                        .collect(),
                )
            } else {
                // The match was in another field (heading:, a filter whose words the query does not
                // have): the text around the first use's words, else its beginning.
                let text = s(f.text);
                let at = written
                    .iter()
                    .filter_map(|w| find_words(&text, w).first().copied())
                    .min();
                (window(&text, at.map_or(0, |(a, _)| a), 220).to_string(), Vec::new())
            };
            for w in &written {
                for r in find_words(&fragment, w) {
                    if !highlights.iter().any(|&(a, b)| r.0 < b && a < r.1) {
                        highlights.push(r);
                    }
                }
            }
            highlights.sort_unstable();
            // Latest first; a version without a date last.
            versions.sort_by(|a, b| {
                a.date
                    .is_empty()
                    .cmp(&b.date.is_empty())
                    .then_with(|| b.date.cmp(&a.date))
            });
            versions.dedup();
            let first = versions.first().cloned().unwrap_or(VersionRef {
                version: s(f.version),
                date: s(f.date),
            });
            out.push(Hit {
                bill: s(f.bill),
                measure: s(f.measure),
                version: first.version,
                date: first.date,
                path: s(f.path),
                heading: s(f.heading),
                score: g.score,
                snippet: fragment,
                highlights,
                defines: d
                    .get_all(f.defines)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                versions,
            });
        }
        Ok(Found {
            hits: out,
            total,
            matched,
            complete: matched <= GROUPED_AT_MOST,
            offset: q.offset,
        })
    }

    /// Every provision a query matches, as (bill, version, path), unranked — for tests and tooling.
    pub fn matches(&self, text: &str) -> Result<Vec<(String, String, String)>> {
        let f = self.fields;
        let user = self.parse(text)?;
        let query = BooleanQuery::new(vec![
            (Occur::Must, user),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.doc_type, "provision"),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let searcher = self.reader.searcher();
        let addrs = searcher
            .search(&query, &tantivy::collector::DocSetCollector)
            .map_err(|e| err(&self.dir, e))?;
        let mut out = Vec::new();
        for a in addrs {
            let d: TantivyDocument = searcher.doc(a).map_err(|e| err(&self.dir, e))?;
            let s = |field| super::schema::text(&d, field);
            out.push((s(f.bill), s(f.version), s(f.path)));
        }
        out.sort();
        Ok(out)
    }

    /// Provisions indexed per version key, from the version documents.
    pub fn versions(&self) -> Result<Vec<(String, u64)>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let q = TermQuery::new(Term::from_field_text(f.doc_type, "version"), IndexRecordOption::Basic);
        let addrs = searcher
            .search(&q, &tantivy::collector::DocSetCollector)
            .map_err(|e| err(&self.dir, e))?;
        let mut out = Vec::new();
        for a in addrs {
            let d: TantivyDocument = searcher.doc(a).map_err(|e| err(&self.dir, e))?;
            out.push((super::schema::text(&d, f.key), super::schema::number(&d, f.count)));
        }
        out.sort();
        Ok(out)
    }

    /// Provision documents per version key, counted from the provisions themselves.
    pub fn provision_counts(&self) -> Result<Vec<(String, u64)>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let q = TermQuery::new(Term::from_field_text(f.doc_type, "provision"), IndexRecordOption::Basic);
        let addrs = searcher
            .search(&q, &tantivy::collector::DocSetCollector)
            .map_err(|e| err(&self.dir, e))?;
        let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
        for a in addrs {
            let d: TantivyDocument = searcher.doc(a).map_err(|e| err(&self.dir, e))?;
            *counts.entry(super::schema::text(&d, f.key)).or_insert(0) += 1;
        }
        Ok(counts.into_iter().collect())
    }
}
/// The query's whitespace-separated pieces, each with the spaces before it; a quoted phrase stays inside its
/// piece (`undefined:"model weights"` is one).
fn pieces(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let (mut space, mut word, mut quoted) = (String::new(), String::new(), false);
    for c in text.chars() {
        if c.is_whitespace() && !quoted {
            if !word.is_empty() {
                out.push((std::mem::take(&mut space), std::mem::take(&mut word)));
            }
            space.push(c);
        } else {
            if c == '"' {
                quoted = !quoted;
            }
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push((space, word));
    }
    out
}

/// A piece's core: without the parentheses around it and a leading `-` or `+`; and what was around it.
fn core(piece: &str) -> (&str, &str, &str) {
    let start = piece.len() - piece.trim_start_matches(['(', '-', '+']).len();
    let end = piece.trim_end_matches(')').len().max(start);
    (&piece[..start], &piece[start..end], &piece[end..])
}

/// The query with its `sense:` filters applied: each `sense:S` is taken out (with an `AND` joining it),
/// and every `undefined:` term is pointed at the uses in the senses asked for (`undefined_ordinary:`, or
/// an `OR` of the fields when several are asked for). Without a `sense:` filter, `undefined:` keeps its
/// default: the technical uses and the unclear ones. `sense:any` is every use.
pub fn with_senses(text: &str) -> std::result::Result<String, QueryProblem> {
    use super::schema::SENSE_FIELDS;
    let mut pieces = pieces(text);
    let mut senses: Vec<&'static str> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let (open, c, close) = core(&pieces[i].1);
        let Some(value) = c.strip_prefix("sense:").filter(|_| !open.contains(['-', '+'])) else {
            i += 1;
            continue;
        };
        let field = match value {
            "technical" => SENSE_FIELDS[0],
            "ordinary" => SENSE_FIELDS[1],
            "unclear" => SENSE_FIELDS[2],
            "any" => SENSE_FIELDS[3],
            _ => {
                return Err(QueryProblem::Sense {
                    value: value.to_string(),
                });
            }
        };
        if !senses.contains(&field) {
            senses.push(field);
        }
        let rest = format!("{open}{close}");
        // `(sense:x)` leaves `()`: nothing.
        if rest.chars().all(|c| c == '(' || c == ')') && rest.matches('(').count() == rest.matches(')').count() {
            pieces.remove(i);
            if i > 0 && pieces[i - 1].1 == "AND" {
                pieces.remove(i - 1);
                i -= 1;
            } else if i < pieces.len() && pieces[i].1 == "AND" {
                pieces.remove(i);
            }
        } else {
            pieces[i].1 = rest;
            i += 1;
        }
    }
    if senses.contains(&SENSE_FIELDS[3]) {
        senses = vec![SENSE_FIELDS[3]];
    }
    let mut out = String::new();
    for (space, piece) in &pieces {
        out.push_str(if out.is_empty() { "" } else { space });
        let (open, c, close) = core(piece);
        match c.strip_prefix("undefined:") {
            Some(value) if !senses.is_empty() => {
                let terms: Vec<String> = senses.iter().map(|f| format!("{f}:{value}")).collect();
                if terms.len() == 1 {
                    out.push_str(&format!("{open}{}{close}", terms[0]));
                } else {
                    out.push_str(&format!("{open}({}){close}", terms.join(" OR ")));
                }
            }
            _ => out.push_str(piece),
        }
    }
    Ok(out)
}

/// The terms a query's `undefined:` filters name (not those it excludes), lowercased.
fn named_undefined(text: &str) -> Vec<String> {
    pieces(text)
        .iter()
        .filter_map(|(_, piece)| {
            let (open, c, _) = core(piece);
            let v = c.strip_prefix("undefined:").filter(|_| !open.contains('-'))?;
            Some(v.trim_matches('"').trim().to_lowercase())
        })
        .filter(|v| !v.is_empty())
        .collect()
}

/// Where `words` occur in `text` as whole words, case aside: byte ranges.
fn find_words(text: &str, words: &str) -> Vec<(usize, usize)> {
    let (hay, needle) = (text.to_lowercase(), words.to_lowercase());
    if needle.is_empty() || hay.len() != text.len() {
        // Lowercasing changed the byte lengths (rare scripts): no ranges rather than wrong ones.
        return Vec::new();
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(&needle)
        .map(|(a, m)| (a, a + m.len()))
        .filter(|&(a, b)| !word(hay[..a].chars().next_back()) && !word(hay[b..].chars().next()))
        .collect()
}

/// About `max` bytes of `text` from a little before `at`, cut at character boundaries and, where it can
/// be, at spaces.
fn window(text: &str, at: usize, max: usize) -> &str {
    let floor = |i: usize| {
        (0..=i.min(text.len()))
            .rev()
            .find(|&j| text.is_char_boundary(j))
            .unwrap_or(0)
    };
    let mut start = floor(at.saturating_sub(max / 4));
    if start > 0
        && let Some(sp) = text[start..at.max(start)].find(' ')
    {
        start += sp + 1;
    }
    let mut end = floor(start + max);
    if end < text.len()
        && let Some(sp) = text[start..end].rfind(' ')
    {
        end = start + sp;
    }
    &text[start..end]
}

/// The words a query's keyword filters name (`defines:`, `uses:`, `undefined:` and its sense fields):
/// looked for in the provision's text as phrases, so that they rank and are highlighted where they are.
fn named_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (_, piece) in pieces(text) {
        let (open, c, _) = core(&piece);
        if open.contains('-') {
            continue;
        }
        let Some((field, value)) = c.split_once(':') else {
            continue;
        };
        if ["defines", "uses", "undefined"].contains(&field) || super::schema::SENSE_FIELDS.contains(&field) {
            let v = value.trim_matches('"').trim();
            if !v.is_empty() && !out.iter().any(|o: &String| o == v) {
                out.push(v.to_string());
            }
        }
    }
    out
}

/// The widest proximity a query may ask for (`"a b"~10`). Sloppy phrase matching costs time that grows
/// very fast with the window when a phrase repeats common words (found by the `search_query` fuzz target:
/// twenty "a"s within 79 words took over a minute on a six-bill index); within 10 words, a phrase of 250
/// repeated words takes a tenth of a second.
pub const MAX_SLOP: u64 = 10;

/// What is wrong with a query's shape, in the user's terms, before the parser's own message: an unclosed
/// quotation or parenthesis (with its position), a stray closing parenthesis, an operator at the end.
fn shape_problem(text: &str) -> Option<QueryProblem> {
    let mut quote: Option<usize> = None;
    let mut parens: Vec<usize> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let at = i + 1;
        match c {
            '"' if quote.is_some() => {
                quote = None;
                // A proximity after the closing quote: `"a b"~N`.
                if chars.get(i + 1) == Some(&'~') {
                    let digits: String = chars[i + 2..].iter().take_while(|c| c.is_ascii_digit()).collect();
                    let given = digits
                        .parse::<u64>()
                        .unwrap_or(if digits.is_empty() { 0 } else { u64::MAX });
                    if given > MAX_SLOP {
                        return Some(QueryProblem::Slop { given, max: MAX_SLOP });
                    }
                }
            }
            '"' => quote = Some(at),
            '(' if quote.is_none() => parens.push(at),
            ')' if quote.is_none() && parens.pop().is_none() => {
                return Some(QueryProblem::Unopened { at });
            }
            _ => {}
        }
    }
    if let Some(at) = quote {
        return Some(QueryProblem::Unclosed { mark: '"', at });
    }
    if let Some(&at) = parens.first() {
        return Some(QueryProblem::Unclosed { mark: '(', at });
    }
    let last = text.split_whitespace().next_back()?;
    ["AND", "OR", "NOT"].contains(&last).then(|| QueryProblem::Dangling {
        operator: last.to_string(),
    })
}

/// `model AND NOT bill:ca-sb53` as the query parser reads it: `model NOT bill:ca-sb53`. The parser takes
/// `AND NOT x` for a clause that must match `NOT x` alone, which nothing does; the README's (and every search
/// engine's) meaning is "and not". Words inside quotation marks are left alone.
pub fn and_not(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut rest = text;
    while !rest.is_empty() {
        if !quoted
            && (out.is_empty() || out.ends_with(char::is_whitespace))
            && let Some(after) = rest.strip_prefix("AND")
            && after.starts_with(char::is_whitespace)
            && after.trim_start().starts_with("NOT")
            && after.trim_start()[3..].starts_with(char::is_whitespace)
        {
            rest = after.trim_start();
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        if c == '"' {
            quoted = !quoted;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::and_not;

    #[test]
    fn a_query_s_shape_is_checked_in_the_user_s_terms() {
        use super::shape_problem;
        use crate::error::QueryProblem;
        assert_eq!(
            shape_problem("\"unclosed"),
            Some(QueryProblem::Unclosed { mark: '"', at: 1 })
        );
        assert_eq!(
            shape_problem("(a OR b"),
            Some(QueryProblem::Unclosed { mark: '(', at: 1 })
        );
        assert_eq!(shape_problem("a OR b)"), Some(QueryProblem::Unopened { at: 7 }));
        assert_eq!(
            shape_problem("model AND"),
            Some(QueryProblem::Dangling { operator: "AND".into() })
        );
        assert_eq!(shape_problem("\"a (b\" AND (c)"), None);
        assert_eq!(shape_problem("\"covered model\"~10 AND x"), None);
        assert_eq!(
            shape_problem("\"a a a\"~79"),
            Some(QueryProblem::Slop { given: 79, max: 10 })
        );
        assert_eq!(
            shape_problem("\"a\"~99999999999999999999999"),
            Some(QueryProblem::Slop {
                given: u64::MAX,
                max: 10
            })
        );
    }

    #[test]
    fn sense_filters_point_undefined_at_their_fields() {
        use super::with_senses;
        assert_eq!(with_senses("undefined:release").unwrap(), "undefined:release");
        assert_eq!(
            with_senses("undefined:release sense:ordinary").unwrap(),
            "undefined:release".replace("undefined", "undefined_ordinary")
        );
        assert_eq!(
            with_senses("sense:technical AND (undefined:\"model weights\" OR x)").unwrap(),
            "(undefined_technical:\"model weights\" OR x)"
        );
        assert_eq!(
            with_senses("-undefined:deploy sense:technical sense:unclear").unwrap(),
            "-(undefined_technical:deploy OR undefined_unclear:deploy)"
        );
        assert_eq!(
            with_senses("undefined:x sense:any sense:ordinary").unwrap(),
            "undefined_any:x"
        );
        assert_eq!(
            with_senses("undefined:x AND (sense:ordinary)").unwrap(),
            "undefined_ordinary:x"
        );
        assert_eq!(
            with_senses("undefined:x sense:maybe"),
            Err(crate::error::QueryProblem::Sense { value: "maybe".into() })
        );
        assert_eq!(
            with_senses("\"sense:ordinary\" x").unwrap(),
            "\"sense:ordinary\" x",
            "quoted: words"
        );
        assert_eq!(
            super::named_undefined("undefined:Release -undefined:deploy"),
            ["release"]
        );
        assert_eq!(
            super::find_words("Unreleased; released. release", "release"),
            [(22, 29)]
        );
    }

    #[test]
    fn and_not_is_not() {
        assert_eq!(and_not("model AND NOT bill:ca-sb53"), "model NOT bill:ca-sb53");
        assert_eq!(and_not("a AND  NOT b AND c"), "a NOT b AND c");
        assert_eq!(and_not("\"x AND NOT y\" AND NOT z"), "\"x AND NOT y\" NOT z");
        assert_eq!(and_not("BRAND NOTHING"), "BRAND NOTHING");
        assert_eq!(and_not("a AND NOTE"), "a AND NOTE");
    }
}
