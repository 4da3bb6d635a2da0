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
        self.parser().parse_query(&and_not(text)).map_err(|e| Error::Query {
            query: text.to_string(),
            problem: QueryProblem::Syntax { message: e.to_string() },
        })
    }

    /// Run a query: ranked provisions with snippets.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>> {
        let f = self.fields;
        let user = self.parse(&q.text)?;
        let term = |field, value: &str| -> Box<dyn tantivy::query::Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, &value.to_lowercase()),
                IndexRecordOption::Basic,
            ))
        };
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
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = searcher
            .search(&query, &TopDocs::with_limit(q.limit.max(1)).order_by_score())
            .map_err(|e| err(&self.dir, e))?;
        let mut snippets = SnippetGenerator::create(&searcher, &*user, f.text).map_err(|e| err(&self.dir, e))?;
        snippets.set_max_num_chars(220);
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| err(&self.dir, e))?;
            let s = |field| super::schema::text(&d, field);
            let snippet = snippets.snippet_from_doc(&d);
            let (fragment, highlights) = if snippet.fragment().is_empty() {
                // The match was in another field (defines:, heading:): show the text's beginning.
                let text = s(f.text);
                let cut = text.char_indices().nth(200).map_or(text.len(), |(i, _)| i);
                (text[..cut].to_string(), Vec::new())
            } else {
                (
                    snippet.fragment().to_string(),
                    snippet
                        .highlighted()
                        .iter()
                        .map(|r: &Range<usize>| (r.start, r.end))
                        .collect(),
                )
            };
            out.push(Hit {
                bill: s(f.bill),
                measure: s(f.measure),
                version: s(f.version),
                date: s(f.date),
                path: s(f.path),
                heading: s(f.heading),
                score,
                snippet: fragment,
                highlights,
                defines: d
                    .get_all(f.defines)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            });
        }
        Ok(out)
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
/// What is wrong with a query's shape, in the user's terms, before the parser's own message: an unclosed
/// quotation or parenthesis (with its position), a stray closing parenthesis, an operator at the end.
fn shape_problem(text: &str) -> Option<QueryProblem> {
    let mut quote: Option<usize> = None;
    let mut parens: Vec<usize> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let at = i + 1;
        match c {
            '"' => quote = if quote.is_some() { None } else { Some(at) },
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
