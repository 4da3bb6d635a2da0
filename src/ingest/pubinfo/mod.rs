//! `billdiff import pubinfo`: the California Legislature's pubinfo tables into the library — a bill folder
//! per measure with every version (stage, date, authors, the CAML text), and the law store of code sections
//! ([`super::law`]).
//!
//! A dump is a folder or a zip (`dump`) of `.dat` tables (`table`) and the `.lob` files their rows
//! name. The import reads BILL_TBL, BILL_VERSION_TBL, BILL_VERSION_AUTHORS_TBL, LAW_SECTION_TBL and
//! CODES_TBL (in any subfolder; a row's `.lob` is looked for beside its table) and leaves the other
//! tables alone.
//!
//! **Incremental.** Every version and section written carries a stamp: its pubinfo key, the row's
//! `trans_update`, and a SHA-256 of everything imported (the row's fields, the authors, the text). A later
//! import — the same dump again, or a daily dump of what changed — compares stamps and writes only what
//! differs; what the dump does not mention is left as it is. A section row whose `active_flg` is `N` is
//! removed from the store.
//!
//! **Nothing half-written.** Each file is written with [`super::write_atomic`]; a bill's texts are written
//! before its manifest, so a manifest never names a text that is not there, and an import stopped midway
//! is finished by the next one. A row that does not read — wrong number of columns, a missing `.lob`, a
//! date that is not one — is reported with its file and line ([`SkippedRow`]) and the rest goes on; only a
//! dump that cannot be read at all is an error.
//!
//! A bill folder that exists without an import stamp (written by hand, or uploaded) is never touched.

mod dump;
mod table;

use super::law::{self, Codes, LawSection, LawVersion};
use super::leginfo::{Measure, stage, version_id};
use super::library::{
    self, Author, BillFolder, BillStamp, ImportedManifest, ImportedVersion, ManifestVersion, VersionStamp,
};
use crate::error::{Error, PubinfoProblem, Result, RowProblem, SkippedRow};
use crate::model::{Date, House, InputFormat, Stage};
use dump::Dump;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use table::Row;

/// The tables the import reads, with their number of columns (COLUMNS.md, from the load scripts).
const BILL_TBL: (&str, usize) = ("BILL_TBL.dat", 19);
const BILL_VERSION_TBL: (&str, usize) = ("BILL_VERSION_TBL.dat", 18);
const BILL_VERSION_AUTHORS_TBL: (&str, usize) = ("BILL_VERSION_AUTHORS_TBL.dat", 10);
const LAW_SECTION_TBL: (&str, usize) = ("LAW_SECTION_TBL.dat", 18);
const CODES_TBL: (&str, usize) = ("CODES_TBL.dat", 2);
const TABLES: [(&str, usize); 5] = [
    BILL_TBL,
    BILL_VERSION_TBL,
    BILL_VERSION_AUTHORS_TBL,
    LAW_SECTION_TBL,
    CODES_TBL,
];

/// The manifests' licence line for imported bills.
const LICENCE: &str = "Public domain: California bills are edicts of government, free of copyright (the CAML files carry the Legislative Counsel Bureau's notice).";

/// How many things an import added, changed, left as they were, and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// New.
    pub added: usize,
    /// Rewritten because they differ.
    pub changed: usize,
    /// The same as in the library already.
    pub unchanged: usize,
    /// Removed (sections the dump marks inactive).
    pub removed: usize,
}

/// What an import did, as data (`render::import` words it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The dump's name.
    pub dump: String,
    /// Measures: bill folders.
    pub measures: Counts,
    /// Bill versions.
    pub versions: Counts,
    /// Code sections (one per row of LAW_SECTION_TBL: a version of a section).
    pub sections: Counts,
    /// Rows left out, with why.
    pub skipped: Vec<SkippedRow>,
}

/// Where a long import is: `done` of `total` rows, the last one's name.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// Rows done.
    pub done: usize,
    /// Rows in all.
    pub total: usize,
    /// What was just done (a bill folder, a section).
    pub item: &'a str,
}

/// Where the import writes.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The library of bill folders (`bills/`).
    pub library: &'a Path,
    /// The law store (`law/`).
    pub law: &'a Path,
}

/// Import the dump at `path` (a folder or a zip) into `target`; `progress` hears of each row.
pub fn import(path: &Path, target: Target<'_>, progress: &mut dyn FnMut(Progress<'_>)) -> Result<Report> {
    let mut dump = Dump::open(path)?;
    let mut report = Report {
        dump: dump.name.clone(),
        ..Report::default()
    };
    let mut found: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for name in dump.names() {
        let base = name.rsplit('/').next().unwrap_or(name);
        if let Some((t, _)) = TABLES.iter().find(|(t, _)| base.eq_ignore_ascii_case(t)) {
            found.entry(t).or_default().push(name.clone());
        }
    }
    if found.is_empty() {
        return Err(Error::Pubinfo {
            source_name: path.display().to_string(),
            problem: PubinfoProblem::NoTables {
                tables: TABLES.iter().map(|(t, _)| t.to_string()).collect(),
            },
        });
    }
    let mut tables: BTreeMap<&str, Vec<(String, Row)>> = BTreeMap::new();
    for (t, columns) in TABLES {
        for entry in found.get(t).into_iter().flatten() {
            let rows = read_table(&mut dump, entry, columns, &mut report.skipped)?;
            tables
                .entry(t)
                .or_default()
                .extend(rows.into_iter().map(|r| (entry.clone(), r)));
        }
    }
    let mut take = |t: (&str, usize)| tables.remove(t.0).unwrap_or_default();
    let (bills, versions, authors) = (take(BILL_TBL), take(BILL_VERSION_TBL), take(BILL_VERSION_AUTHORS_TBL));
    let (sections, codes) = (take(LAW_SECTION_TBL), take(CODES_TBL));
    let mut ctx = Ctx {
        dump,
        report,
        done: 0,
        total: versions.len() + sections.len(),
        progress,
    };
    import_bills(&mut ctx, target.library, bills, versions, authors)?;
    if !codes.is_empty() || !sections.is_empty() {
        import_codes(&mut ctx, target.law, codes)?;
        import_sections(&mut ctx, target.law, sections)?;
    }
    Ok(ctx.report)
}

struct Ctx<'p> {
    dump: Dump,
    report: Report,
    done: usize,
    total: usize,
    progress: &'p mut dyn FnMut(Progress<'_>),
}

impl Ctx<'_> {
    fn skip(&mut self, entry: &str, line: usize, problem: RowProblem) {
        self.report.skipped.push(SkippedRow {
            file: format!("{}/{entry}", self.report.dump),
            line,
            problem,
        });
    }

    fn tick(&mut self, item: &str) {
        self.done += 1;
        (self.progress)(Progress {
            done: self.done,
            total: self.total,
            item,
        });
    }

    /// A `.lob` named by a row of `entry`: looked for beside the table.
    fn lob(&mut self, entry: &str, lob: &str) -> Result<Option<(String, Vec<u8>)>> {
        let dir = entry.rfind('/').map_or("", |i| &entry[..=i]);
        let name = format!("{dir}{}", lob.trim());
        Ok(self.dump.read(&name)?.map(|b| (name, b)))
    }
}

/// Read one table: its rows of the right shape; the others are skipped rows. A table none of whose rows
/// reads is not a pubinfo table.
fn read_table(dump: &mut Dump, entry: &str, columns: usize, skipped: &mut Vec<SkippedRow>) -> Result<Vec<Row>> {
    let bytes = dump.read(entry)?.unwrap_or_default();
    let text = table::decode(&bytes);
    let rows = table::rows(&text, columns);
    let file = format!("{}/{entry}", dump.name);
    if !rows.is_empty() && rows.iter().all(Result::is_err) {
        let first = rows.into_iter().find_map(Result::err).map(|(_, p)| p);
        return Err(Error::Pubinfo {
            source_name: file,
            problem: PubinfoProblem::NotATable {
                first: first.unwrap_or(RowProblem::Unclosed),
            },
        });
    }
    let mut out = Vec::new();
    for r in rows {
        match r {
            Ok(r) => out.push(r),
            Err((line, problem)) => skipped.push(SkippedRow {
                file: file.clone(),
                line,
                problem,
            }),
        }
    }
    Ok(out)
}

/// `sha256:` and the hash of `parts`, each length-prefixed (so ("ab", "c") and ("a", "bc") differ).
pub(in crate::ingest) fn hash(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    let digest = h.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The fields of a row, for hashing (NULL and empty apart).
fn row_bytes(row: &Row, skip: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, f) in row.fields.iter().enumerate() {
        if skip.contains(&i) {
            continue;
        }
        match f {
            None => out.push(0),
            Some(s) => {
                out.push(1);
                out.extend_from_slice(&(s.len() as u64).to_le_bytes());
                out.extend_from_slice(s.as_bytes());
            }
        }
    }
    out
}

/// Whether a `.lob` is CAML text.
fn is_caml(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let head = super::xml::head(text);
    super::xml::format_of(&head) == Some(InputFormat::Caml)
}

// ---------------------------------------------------------------------------------------------------
// Bills.

/// A version row, read.
struct VersionRow {
    entry: String,
    line: usize,
    id: String,
    bill_id: String,
    version_num: u32,
    date: Date,
    stage: Stage,
    house: Option<House>,
    subject: Option<String>,
    lob: String,
    trans_update: Option<String>,
    fields: Vec<u8>,
}

fn version_row(entry: &str, r: &Row) -> std::result::Result<VersionRow, RowProblem> {
    let id = r.need(0, "bill_version_id")?.to_string();
    let bill_id = r.need(1, "bill_id")?.to_string();
    let num = r.need(2, "version_num")?;
    let version_num = num.parse().map_err(|_| RowProblem::Bad {
        column: "version_num",
        value: num.to_string(),
    })?;
    let date = r
        .date(3, "action_date")?
        .ok_or(RowProblem::Missing { column: "action_date" })?;
    let action = r.need(4, "action")?;
    let (stage, house) = stage(action).ok_or_else(|| RowProblem::Bad {
        column: "action",
        value: action.to_string(),
    })?;
    Ok(VersionRow {
        entry: entry.to_string(),
        line: r.line,
        id,
        bill_id,
        version_num,
        date,
        stage,
        house,
        subject: r.get(6).map(super::normalize),
        lob: r.need(14, "lob_file")?.to_string(),
        trans_update: r.get(17).map(str::to_string),
        // The row as imported, without trans_uid and trans_update (bookkeeping, not content).
        fields: row_bytes(r, &[16, 17]),
    })
}

fn author_row(r: &Row) -> std::result::Result<(String, Author), RowProblem> {
    let version = r.need(0, "bill_version_id")?.to_string();
    let name = r.need(3, "name")?.to_string();
    let house = match r.get(2).map(str::to_ascii_uppercase).as_deref() {
        Some("ASSEMBLY") => Some(House::Assembly),
        Some("SENATE") => Some(House::Senate),
        _ => None,
    };
    let role = r
        .get(4)
        .unwrap_or("author")
        .to_ascii_lowercase()
        .replace(['_', ' '], "-");
    let committee = r.get(1).is_some_and(|t| t.eq_ignore_ascii_case("committee"));
    Ok((
        version,
        Author {
            name,
            house,
            role,
            committee,
        },
    ))
}

/// What one bill folder's update did.
#[derive(Default)]
struct BillOutcome {
    versions: Counts,
    wrote_manifest: bool,
    new_folder: bool,
}

fn import_bills(
    ctx: &mut Ctx<'_>,
    library: &Path,
    bills: Vec<(String, Row)>,
    versions: Vec<(String, Row)>,
    authors: Vec<(String, Row)>,
) -> Result<()> {
    // Bill rows by bill_id.
    let mut bill_rows: BTreeMap<String, (String, Row)> = BTreeMap::new();
    for (entry, r) in bills {
        match r.need(0, "bill_id") {
            Ok(id) => {
                bill_rows.insert(id.to_string(), (entry, r));
            }
            Err(p) => ctx.skip(&entry, r.line, p),
        }
    }
    // Versions by bill_id.
    let mut by_bill: BTreeMap<String, Vec<VersionRow>> = BTreeMap::new();
    let mut version_ids = BTreeSet::new();
    for (entry, r) in &versions {
        match version_row(entry, r) {
            Ok(v) => {
                version_ids.insert(v.id.clone());
                by_bill.entry(v.bill_id.clone()).or_default().push(v);
            }
            Err(p) => {
                if let Some(id) = r.get(0) {
                    version_ids.insert(id.to_string());
                }
                ctx.skip(entry, r.line, p);
                ctx.tick("");
            }
        }
    }
    // Authors by bill_version_id, in the table's order.
    let mut by_version: BTreeMap<String, Vec<Author>> = BTreeMap::new();
    for (entry, r) in &authors {
        match author_row(r) {
            Ok((v, _)) if !version_ids.contains(&v) => {
                ctx.skip(entry, r.line, RowProblem::UnknownVersion { version: v });
            }
            Ok((v, a)) => by_version.entry(v).or_default().push(a),
            Err(p) => ctx.skip(entry, r.line, p),
        }
    }
    let ids: BTreeSet<String> = by_bill.keys().chain(bill_rows.keys()).cloned().collect();
    for bill_id in ids {
        let rows = by_bill.remove(&bill_id).unwrap_or_default();
        let bill_row = bill_rows.remove(&bill_id);
        let Some(measure) = Measure::from_bill_id(&bill_id) else {
            let (entry, line) = match (&bill_row, rows.first()) {
                (Some((e, r)), _) => (e.clone(), r.line),
                (None, Some(v)) => (v.entry.clone(), v.line),
                (None, None) => continue,
            };
            ctx.skip(
                &entry,
                line,
                RowProblem::Bad {
                    column: "bill_id",
                    value: bill_id.clone(),
                },
            );
            continue;
        };
        let n = rows.len();
        let outcome = import_bill(
            ctx,
            library,
            &bill_id,
            &measure,
            bill_row.as_ref(),
            rows,
            &mut by_version,
        )?;
        let c = &mut ctx.report;
        c.versions.added += outcome.versions.added;
        c.versions.changed += outcome.versions.changed;
        c.versions.unchanged += outcome.versions.unchanged;
        match (outcome.new_folder, outcome.wrote_manifest) {
            (true, true) => c.measures.added += 1,
            (false, true) => c.measures.changed += 1,
            (false, false) if outcome.versions.unchanged > 0 || n == 0 => c.measures.unchanged += 1,
            _ => {}
        }
    }
    Ok(())
}

fn import_bill(
    ctx: &mut Ctx<'_>,
    library: &Path,
    bill_id: &str,
    measure: &Measure,
    bill_row: Option<&(String, Row)>,
    mut rows: Vec<VersionRow>,
    authors: &mut BTreeMap<String, Vec<Author>>,
) -> Result<BillOutcome> {
    let folder = measure.folder();
    let dir = library.join(&folder);
    let mut outcome = BillOutcome::default();
    let existing = if BillFolder::is_bill_folder(&dir) {
        let path = dir.join(library::MANIFEST);
        let text = library::read_manifest_text(&dir)?;
        match library::parse_imported(&path, &text)? {
            Some(m) => Some(m),
            None => {
                let (entry, line) = match (bill_row, rows.first()) {
                    (Some((e, r)), _) => (e.clone(), r.line),
                    (None, Some(v)) => (v.entry.clone(), v.line),
                    (None, None) => return Ok(outcome),
                };
                ctx.skip(&entry, line, RowProblem::NotImported { folder });
                for v in &rows {
                    ctx.tick(&v.id);
                }
                return Ok(outcome);
            }
        }
    } else {
        None
    };
    if existing.is_none() && rows.is_empty() {
        // A bill row without text: nothing to hold in a folder yet.
        return Ok(outcome);
    }
    let bill_hash = match bill_row {
        Some((_, r)) => hash(&[bill_id.as_bytes(), &row_bytes(r, &[12, 13])]),
        None => existing
            .as_ref()
            .map_or_else(|| hash(&[bill_id.as_bytes()]), |m| m.pubinfo.hash.clone()),
    };
    let stamp = BillStamp {
        bill_id: bill_id.to_string(),
        trans_update: bill_row
            .and_then(|(_, r)| r.get(13).map(str::to_string))
            .or_else(|| existing.as_ref().and_then(|m| m.pubinfo.trans_update.clone())),
        hash: bill_hash,
    };
    let mut manifest = existing.clone().unwrap_or_else(|| ImportedManifest {
        id: folder.clone(),
        jurisdiction: "ca".into(),
        session: measure.session_name(),
        measure: format!("{} {}", measure.kind, measure.number),
        title: String::new(),
        source: format!("https://leginfo.legislature.ca.gov/faces/billNavClient.xhtml?bill_id={bill_id}"),
        licence: Some(LICENCE.into()),
        note: None,
        pubinfo: stamp.clone(),
        versions: Vec::new(),
    });
    manifest.pubinfo = stamp;
    // Oldest first: by date, then by version number (which counts down as a bill is amended).
    rows.sort_by_key(|v| (v.date, std::cmp::Reverse(v.version_num)));
    let mut writes: Vec<(String, Vec<u8>)> = Vec::new();
    let mut latest_subject: Option<(Date, String)> = None;
    for v in rows {
        ctx.tick(&folder);
        let Some((lob_name, bytes)) = ctx.lob(&v.entry, &v.lob)? else {
            ctx.skip(&v.entry, v.line, RowProblem::MissingLob { lob: v.lob.clone() });
            continue;
        };
        if !is_caml(&bytes) {
            ctx.skip(&v.entry, v.line, RowProblem::BadLob { lob: v.lob.clone() });
            continue;
        }
        let authors = authors.remove(&v.id).unwrap_or_default();
        let authors_bytes: Vec<u8> = authors
            .iter()
            .flat_map(|a| {
                format!(
                    "{}	{:?}	{}	{}
",
                    a.name, a.house, a.role, a.committee
                )
                .into_bytes()
            })
            .collect();
        let h = hash(&[&v.fields, &authors_bytes, &bytes]);
        if let Some(s) = &v.subject
            && latest_subject.as_ref().is_none_or(|(d, _)| v.date >= *d)
        {
            latest_subject = Some((v.date, s.clone()));
        }
        let source = format!("{}/{lob_name} (bill_version_id {})", ctx.report.dump, v.id);
        let stamp = VersionStamp {
            bill_version_id: v.id.clone(),
            trans_update: v.trans_update.clone(),
            hash: h.clone(),
        };
        match manifest.versions.iter_mut().find(|m| m.pubinfo.bill_version_id == v.id) {
            Some(m) if m.pubinfo.hash == h => outcome.versions.unchanged += 1,
            Some(m) => {
                m.version.stage = v.stage;
                m.version.house = v.house;
                m.version.date = v.date;
                m.version.source = source;
                m.authors = authors;
                m.pubinfo = stamp;
                writes.push((m.version.file.clone(), bytes));
                outcome.versions.changed += 1;
            }
            None => {
                let taken: BTreeSet<String> = manifest.versions.iter().map(|m| m.version.id.clone()).collect();
                let id = version_id(v.stage, v.house, v.date, &taken);
                let file = format!("{}.xml", v.id);
                if library::check_name("version", &id).is_err() || file.contains('/') || file.contains("..") {
                    ctx.skip(
                        &v.entry,
                        v.line,
                        RowProblem::Bad {
                            column: "bill_version_id",
                            value: v.id.clone(),
                        },
                    );
                    continue;
                }
                manifest.versions.push(ImportedVersion {
                    version: ManifestVersion {
                        id,
                        stage: v.stage,
                        house: v.house,
                        date: v.date,
                        file: file.clone(),
                        alternates: Vec::new(),
                        source,
                        note: None,
                    },
                    authors,
                    pubinfo: stamp,
                });
                writes.push((file, bytes));
                outcome.versions.added += 1;
            }
        }
    }
    if manifest.versions.is_empty() {
        // Every version row was skipped: no folder for a bill with no text.
        return Ok(outcome);
    }
    // The title is the newest version's subject (a daily dump with only an older version keeps it).
    if let Some((date, s)) = latest_subject {
        let newest = manifest.versions.iter().map(|v| v.version.date).max();
        if newest.is_none_or(|d| date >= d) || manifest.title.is_empty() {
            manifest.title = s;
        }
    }
    if manifest.title.is_empty() {
        manifest.title = manifest.measure.clone();
    }
    manifest.versions.sort_by_key(|v| v.version.date);
    if existing.as_ref() == Some(&manifest) {
        return Ok(outcome);
    }
    outcome.new_folder = existing.is_none();
    library::create_dir(&dir)?;
    for (file, bytes) in &writes {
        super::write_atomic(&dir.join(file), bytes)?;
    }
    let text = library::manifest_text(&dir.join(library::MANIFEST), &manifest)?;
    super::write_atomic(&dir.join(library::MANIFEST), text.as_bytes())?;
    outcome.wrote_manifest = true;
    Ok(outcome)
}

// ---------------------------------------------------------------------------------------------------
// The law store.

/// CODES_TBL's title without the abbreviation it repeats: `Education Code - EDC` → `Education Code`,
/// `* California Constitution - CONS` → `California Constitution`.
fn code_title(code: &str, title: &str) -> String {
    let t = title.trim().trim_start_matches('*').trim();
    let t = t
        .strip_suffix(code)
        .map_or(t, |r| r.trim_end().trim_end_matches('-').trim_end());
    t.to_string()
}

fn import_codes(ctx: &mut Ctx<'_>, law_dir: &Path, rows: Vec<(String, Row)>) -> Result<()> {
    let path = law_dir.join(law::CODES);
    let existing: Codes = if path.is_file() {
        law::read_toml(&path)?
    } else {
        Codes::default()
    };
    let mut codes = existing.clone();
    for (entry, r) in rows {
        match (r.need(0, "code"), r.need(1, "title")) {
            (Ok(code), Ok(title)) => {
                codes.codes.insert(code.to_string(), code_title(code, title));
            }
            (Err(p), _) | (_, Err(p)) => ctx.skip(&entry, r.line, p),
        }
    }
    if codes != existing || !path.is_file() {
        library::create_dir(law_dir)?;
        let text = toml::to_string(&codes).map_err(|e| Error::Law {
            path: path.clone(),
            line: None,
            message: e.to_string(),
        })?;
        super::write_atomic(&path, text.as_bytes())?;
    }
    Ok(())
}

/// Columns of LAW_SECTION_TBL that place a section in its code.
const PLACE: [(usize, &str); 5] = [
    (8, "division"),
    (9, "title"),
    (10, "part"),
    (11, "chapter"),
    (12, "article"),
];

/// A section row, read (before its text).
struct SectionRow {
    entry: String,
    line: usize,
    code: String,
    section: String,
    article: Option<String>,
    active: bool,
    lob: String,
    version: LawVersion,
    fields: Vec<u8>,
}

fn section_row(entry: &str, r: &Row) -> std::result::Result<SectionRow, RowProblem> {
    let id = r.need(0, "id")?.to_string();
    let code = r.need(1, "law_code")?.to_ascii_uppercase();
    let num = r.need(2, "section_num")?;
    let section = law::section_number(num);
    // Only the Constitution numbers its sections within articles.
    let article = (code == "CONS")
        .then(|| r.get(12).map(|a| a.trim_end_matches('.').to_string()))
        .flatten();
    let stem = law::stem(article.as_deref(), &section);
    if !library::valid_name(&stem) || !library::valid_name(&code.to_lowercase()) {
        return Err(RowProblem::Bad {
            column: "section_num",
            value: num.to_string(),
        });
    }
    let place = PLACE
        .iter()
        .filter_map(|&(i, name)| r.get(i).map(|v| (name.to_string(), v.to_string())))
        .collect();
    Ok(SectionRow {
        entry: entry.to_string(),
        line: r.line,
        code,
        section,
        article,
        active: !r.get(15).is_some_and(|f| f.eq_ignore_ascii_case("N")),
        lob: r.need(14, "lob_file")?.to_string(),
        version: LawVersion {
            id,
            history: r.get(13).map(super::normalize),
            effective: r.date(6, "effective_date")?,
            statutes: r.get(3).map(str::to_string),
            statute_chapter: r.get(4).map(str::to_string),
            statute_section: r.get(5).map(str::to_string),
            place,
            source: String::new(),
            trans_update: r.get(17).map(str::to_string),
            hash: String::new(),
            form: super::law::LawForm::Caml,
            text: String::new(),
        },
        fields: row_bytes(r, &[16, 17]),
    })
}

fn import_sections(ctx: &mut Ctx<'_>, law_dir: &Path, rows: Vec<(String, Row)>) -> Result<()> {
    // Rows by the file they go to.
    let mut files: BTreeMap<(String, String), Vec<SectionRow>> = BTreeMap::new();
    for (entry, r) in &rows {
        match section_row(entry, r) {
            Ok(s) => files
                .entry((s.code.to_lowercase(), law::stem(s.article.as_deref(), &s.section)))
                .or_default()
                .push(s),
            Err(p) => {
                ctx.skip(entry, r.line, p);
                ctx.tick("");
            }
        }
    }
    for ((code_dir, stem), rows) in files {
        let path = law_dir.join(&code_dir).join(format!("{stem}.toml"));
        let existing: Option<LawSection> = if path.is_file() {
            Some(law::read_toml(&path)?)
        } else {
            None
        };
        let first = &rows[0];
        let mut section = existing.clone().unwrap_or_else(|| LawSection {
            code: first.code.clone(),
            section: first.section.clone(),
            article: first.article.clone(),
            versions: Vec::new(),
        });
        for mut s in rows {
            ctx.tick(&format!("{code_dir}/{stem}"));
            let at = section.versions.iter().position(|v| v.id == s.version.id);
            if !s.active {
                if let Some(i) = at {
                    section.versions.remove(i);
                    ctx.report.sections.removed += 1;
                }
                continue;
            }
            let Some((lob_name, bytes)) = ctx.lob(&s.entry, &s.lob)? else {
                ctx.skip(&s.entry, s.line, RowProblem::MissingLob { lob: s.lob.clone() });
                continue;
            };
            let text = match String::from_utf8(bytes) {
                Ok(t) if is_caml(t.as_bytes()) => t,
                _ => {
                    ctx.skip(&s.entry, s.line, RowProblem::BadLob { lob: s.lob.clone() });
                    continue;
                }
            };
            let h = hash(&[&s.fields, text.as_bytes()]);
            match at {
                Some(i) if section.versions[i].hash == h => {
                    ctx.report.sections.unchanged += 1;
                    continue;
                }
                Some(_) => ctx.report.sections.changed += 1,
                None => ctx.report.sections.added += 1,
            }
            s.version.source = format!("{}/{lob_name}", ctx.report.dump);
            s.version.hash = h;
            s.version.text = text;
            match at {
                Some(i) => section.versions[i] = s.version,
                None => section.versions.push(s.version),
            }
        }
        section.versions.sort_by(|a, b| a.id.cmp(&b.id));
        if existing.as_ref() == Some(&section) {
            continue;
        }
        if section.versions.is_empty() {
            library::remove_file(&path);
            continue;
        }
        let text = toml::to_string(&section).map_err(|e| Error::Law {
            path: path.clone(),
            line: None,
            message: e.to_string(),
        })?;
        library::create_dir(&law_dir.join(&code_dir))?;
        super::write_atomic(&path, text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_titles_lose_their_abbreviation() {
        assert_eq!(code_title("EDC", "Education Code - EDC"), "Education Code");
        assert_eq!(
            code_title("CONS", "* California Constitution - CONS"),
            "California Constitution"
        );
    }
}
