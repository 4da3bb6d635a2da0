//! Building the index: documents from a parsed bill and its terms report; a writer that replaces whole
//! bill versions and commits only between them.

use super::schema::{self, Fields, SCHEMA_VERSION};
use crate::error::{Error, IndexProblem, Result};
use crate::model::{Bill, Provision, ProvisionKind};
use crate::terms::TermsReport;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tantivy::{Index, IndexWriter, TantivyDocument, Term, doc};

/// The group a provision's document is in: one per bill, path and text, across versions.
pub fn group_of(bill: &str, path: &str, text: &str) -> u64 {
    super::fnv64(&[bill.as_bytes(), b"\0", path.as_bytes(), b"\0", text.as_bytes()])
}

/// Between a term and its use's words in [`ProvisionDoc::undefined_words`] (a unit separator: no bill has it).
pub const WORDS_SEPARATOR: char = '\u{1f}';

/// One provision, ready to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionDoc {
    /// Path.
    pub path: String,
    /// Enclosing code or bill section.
    pub section: String,
    /// Nearest heading's words.
    pub heading: String,
    /// Label and own text.
    pub text: String,
    /// Terms defined here.
    pub defines: Vec<String>,
    /// Defined terms used here.
    pub uses: Vec<String>,
    /// Terms of art used here without a definition, in the technical sense or an unclear one.
    pub undefined: Vec<String>,
    /// Terms of art used here without a definition, by sense: technical, ordinary, unclear.
    pub undefined_by_sense: [Vec<String>; 3],
    /// Those uses' words as written, each after its term and [`WORDS_SEPARATOR`].
    pub undefined_words: Vec<String>,
}

/// A bill version's documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionDocs {
    /// Bill folder id.
    pub bill: String,
    /// Version id.
    pub version: String,
    /// Jurisdiction.
    pub jurisdiction: String,
    /// Session.
    pub session: String,
    /// Date (ISO).
    pub date: String,
    /// Measure.
    pub measure: String,
    /// The file indexed.
    pub source: String,
    /// Content hash (file, glossary, schema).
    pub hash: String,
    /// The provisions, in order.
    pub provisions: Vec<ProvisionDoc>,
}

impl VersionDocs {
    /// `bill@version`.
    pub fn key(&self) -> String {
        format!("{}@{}", self.bill, self.version)
    }
}

/// What the index holds about a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedVersion {
    /// `bill@version`.
    pub key: String,
    /// Content hash.
    pub hash: String,
    /// The file it was indexed from.
    pub source: String,
    /// Provisions indexed.
    pub count: u64,
}

/// The documents of a bill version: each provision with what the terms analysis says of it.
#[allow(clippy::too_many_arguments)]
pub fn provision_docs(
    bill: &Bill,
    report: &TermsReport,
    bill_id: &str,
    version: &str,
    date: &str,
    source: &str,
    hash: u64,
) -> VersionDocs {
    use std::collections::HashMap;
    let mut defines: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut uses: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut undefined: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut by_sense: [HashMap<&str, BTreeSet<&str>>; 3] = Default::default();
    let mut words: HashMap<&str, BTreeSet<(&str, &str)>> = HashMap::new();
    for d in &report.definitions {
        // The phrases' provisions, and the subdivision holding them: `defines:deploy` finds 22757.11(e)
        // as well as its paragraphs (1) and (2).
        let mut places: Vec<&str> = d.parts.iter().map(|p| p.location.as_str()).collect();
        if let Some(unit) = unit_of(bill, &d.location) {
            places.push(unit);
        }
        for place in places {
            defines.entry(place).or_default().insert(d.term.as_str());
            for a in &d.aliases {
                defines.entry(place).or_default().insert(a.as_str());
            }
        }
        for u in d.uses.iter().chain(&d.out_of_scope) {
            uses.entry(u.path.as_str()).or_default().insert(d.term.as_str());
        }
    }
    for u in &report.undefined {
        for a in &u.uses {
            let sense = match a.sense {
                crate::terms::Sense::Technical => 0,
                crate::terms::Sense::Ordinary => 1,
                crate::terms::Sense::Unclear => 2,
            };
            by_sense[sense]
                .entry(a.path.as_str())
                .or_default()
                .insert(u.term.as_str());
            words
                .entry(a.path.as_str())
                .or_default()
                .insert((u.term.as_str(), a.text.as_str()));
            if sense != 1 {
                undefined.entry(a.path.as_str()).or_default().insert(u.term.as_str());
            }
        }
    }
    let mut provisions = Vec::new();
    fn go<'a>(p: &'a Provision, section: &'a str, heading: &'a str, out: &mut Vec<(&'a Provision, &'a str, &'a str)>) {
        let section = if matches!(p.kind, ProvisionKind::CodeSection | ProvisionKind::BillSection) {
            p.path.as_str()
        } else {
            section
        };
        let heading = if p.kind == ProvisionKind::Heading {
            p.text.as_str()
        } else {
            heading
        };
        out.push((p, section, heading));
        for c in &p.children {
            go(c, section, heading, out);
        }
    }
    let mut all = Vec::new();
    for p in &bill.body.provisions {
        go(p, &p.path, "", &mut all);
    }
    let list = |m: &HashMap<&str, BTreeSet<&str>>, path: &str| -> Vec<String> {
        m.get(path)
            .map(|s| s.iter().map(|x| x.to_string()).collect())
            .unwrap_or_default()
    };
    for (p, section, heading) in all {
        provisions.push(ProvisionDoc {
            path: p.path.clone(),
            section: section.to_string(),
            heading: heading.to_string(),
            text: p.own_line(),
            defines: list(&defines, &p.path),
            uses: list(&uses, &p.path),
            undefined: list(&undefined, &p.path),
            undefined_by_sense: [0, 1, 2].map(|s| list(&by_sense[s], &p.path)),
            undefined_words: words
                .get(p.path.as_str())
                .map(|s| s.iter().map(|(t, w)| format!("{t}{WORDS_SEPARATOR}{w}")).collect())
                .unwrap_or_default(),
        });
    }
    let meta = &bill.meta;
    VersionDocs {
        bill: bill_id.to_string(),
        version: version.to_string(),
        jurisdiction: meta.jurisdiction.clone().unwrap_or_default(),
        session: meta.session.clone().unwrap_or_default(),
        date: date.to_string(),
        measure: meta.measure.as_ref().map(ToString::to_string).unwrap_or_default(),
        source: source.to_string(),
        hash: format!("{hash:016x}"),
        provisions,
    }
}

/// The provision just below the section that holds `path` (its subdivision), if `path` is deeper.
fn unit_of<'a>(bill: &'a Bill, path: &str) -> Option<&'a str> {
    let lineage = bill.body.lineage(path)?;
    let s = lineage
        .iter()
        .rposition(|p| matches!(p.kind, ProvisionKind::CodeSection | ProvisionKind::BillSection))?;
    lineage.get(s + 1).map(|p| p.path.as_str())
}

fn err(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::Index {
        dir: dir.to_path_buf(),
        problem: IndexProblem::Engine { message: e.to_string() },
    }
}

const SCHEMA_FILE: &str = "billdiff-schema-version";

/// Open the index in `dir`, creating it (or recreating it, if built by another schema version).
pub fn open_index(dir: &Path, create: bool) -> Result<(Index, Fields)> {
    let (schema, fields) = schema::build();
    let marker = dir.join(SCHEMA_FILE);
    let current = std::fs::read_to_string(&marker)
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    let exists = dir.join("meta.json").is_file();
    if !exists || current != Some(SCHEMA_VERSION) {
        if !create {
            return Err(Error::Index {
                dir: dir.to_path_buf(),
                problem: if exists {
                    IndexProblem::OtherSchema
                } else {
                    IndexProblem::Missing
                },
            });
        }
        if exists {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let index = Index::create_in_dir(dir, schema).map_err(|e| err(dir, e))?;
        std::fs::write(&marker, SCHEMA_VERSION.to_string()).map_err(|e| Error::io(&marker, e))?;
        schema::register(&index);
        return Ok((index, fields));
    }
    let index = Index::open_in_dir(dir).map_err(|e| err(dir, e))?;
    schema::register(&index);
    Ok((index, fields))
}

/// The index writer: replaces whole bill versions, commits between them.
pub struct Writer {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    writer: IndexWriter,
    pending: usize,
}

impl Writer {
    /// Open (or create) the index in `dir` for writing. Fails if another writer holds it.
    pub fn open(dir: &Path) -> Result<Writer> {
        let (index, fields) = open_index(dir, true)?;
        let writer = index.writer(64 * 1024 * 1024).map_err(|e| err(dir, e))?;
        Ok(Writer {
            dir: dir.to_path_buf(),
            index,
            fields,
            writer,
            pending: 0,
        })
    }

    /// The versions in the last commit.
    pub fn versions(&self) -> Result<Vec<IndexedVersion>> {
        let reader = self.index.reader().map_err(|e| err(&self.dir, e))?;
        let searcher = reader.searcher();
        let f = &self.fields;
        let q = tantivy::query::TermQuery::new(
            Term::from_field_text(f.doc_type, "version"),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let addrs = searcher
            .search(&q, &tantivy::collector::DocSetCollector)
            .map_err(|e| err(&self.dir, e))?;
        let mut out = Vec::new();
        for a in addrs {
            let d: TantivyDocument = searcher.doc(a).map_err(|e| err(&self.dir, e))?;
            let s = |field| super::schema::text(&d, field);
            out.push(IndexedVersion {
                key: s(f.key),
                hash: s(f.hash),
                source: s(f.source),
                count: super::schema::number(&d, f.count),
            });
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }

    /// Replace a version's documents (not visible until [`Writer::commit`]).
    pub fn replace(&mut self, v: &VersionDocs) -> Result<()> {
        let f = self.fields;
        let key = v.key();
        self.writer.delete_term(Term::from_field_text(f.key, &key));
        for (i, p) in v.provisions.iter().enumerate() {
            let mut d = doc!(
                f.doc_type => "provision",
                f.key => key.as_str(),
                f.bill => v.bill.as_str(),
                f.jurisdiction => v.jurisdiction.as_str(),
                f.session => v.session.as_str(),
                f.version => v.version.as_str(),
                f.date => v.date.as_str(),
                f.measure => v.measure.as_str(),
                f.path => p.path.as_str(),
                f.section => p.section.as_str(),
                f.heading => p.heading.as_str(),
                f.text => p.text.as_str(),
                f.exact => p.text.as_str(),
                f.order => i as u64,
                f.group => group_of(&v.bill, &p.path, &p.text),
            );
            for t in &p.defines {
                d.add_text(f.defines, t);
            }
            for t in &p.uses {
                d.add_text(f.uses, t);
            }
            for t in &p.undefined {
                d.add_text(f.undefined, t);
            }
            for (sense, terms) in p.undefined_by_sense.iter().enumerate() {
                for t in terms {
                    d.add_text(f.undefined_by_sense[sense], t);
                    d.add_text(f.undefined_by_sense[3], t);
                }
            }
            for w in &p.undefined_words {
                d.add_text(f.undefined_words, w);
            }
            self.writer.add_document(d).map_err(|e| err(&self.dir, e))?;
        }
        self.writer
            .add_document(doc!(
                f.doc_type => "version",
                f.key => key.as_str(),
                f.bill => v.bill.as_str(),
                f.version => v.version.as_str(),
                f.date => v.date.as_str(),
                f.hash => v.hash.as_str(),
                f.source => v.source.as_str(),
                f.count => v.provisions.len() as u64,
            ))
            .map_err(|e| err(&self.dir, e))?;
        self.pending += 1;
        Ok(())
    }

    /// Remove a version.
    pub fn remove(&mut self, key: &str) {
        self.writer.delete_term(Term::from_field_text(self.fields.key, key));
        self.pending += 1;
    }

    /// Versions replaced or removed since the last commit.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Make everything so far visible, atomically.
    pub fn commit(&mut self) -> Result<()> {
        if self.pending > 0 {
            self.writer.commit().map_err(|e| err(&self.dir, e))?;
            self.pending = 0;
        }
        Ok(())
    }

    /// Commit and wait for merges to finish.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer.wait_merging_threads().map_err(|e| err(&self.dir, e))
    }
}
