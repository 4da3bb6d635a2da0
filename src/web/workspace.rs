//! The server's workspace: a folder with `bills/` (bill folders, as in the built-in library) and
//! `.billdiff/index` (the search index). This module is the web UI's only door to it: it opens bill versions
//! through the pipeline and keeps each analysed version in memory until its file changes; it saves
//! proposals and uploaded bills atomically, under one lock, refusing to overwrite work it has not seen.

use super::error::WebError;
use crate::glossary::Glossary;
use crate::ingest::{self, BillFolder};
use crate::model::Date;
use crate::pipeline::Opened;
use crate::render::annotated::{AnnotatedBill, annotate};
use crate::terms::TermsReport;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

/// A bill version, parsed and analysed.
pub struct Analysed {
    /// The bill folder's id.
    pub bill: String,
    /// The version's id.
    pub version: String,
    /// The bill folder, as its manifest read when the version was analysed.
    pub folder: BillFolder,
    /// The parsed bill and its source.
    pub opened: Opened,
    /// Its terms.
    pub report: TermsReport,
    page: OnceLock<Arc<AnnotatedBill>>,
    /// The bill page as last rendered, with the proposals it listed (the one thing on it that changes
    /// while the version does not).
    rendered: Mutex<Option<(Vec<String>, KeptPage)>>,
}

impl Analysed {
    /// The bill page's annotated text, laid out once.
    pub fn annotated(&self, glossary: &Glossary) -> Arc<AnnotatedBill> {
        self.page
            .get_or_init(|| Arc::new(annotate(&self.opened.bill, &self.report, glossary)))
            .clone()
    }

    /// The bill page's bytes for a page listing `proposals`: the last rendering when it listed the same,
    /// else `render`'s, kept for the next request. The version itself is this value's: when its file
    /// changes, the workspace analyses it anew and the kept page goes with the old analysis.
    pub fn bill_page(
        &self,
        proposals: &[String],
        render: impl FnOnce() -> Result<String, WebError>,
    ) -> Result<KeptPage, WebError> {
        let kept = self.rendered.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((p, page)) = kept.as_ref()
            && p == proposals
        {
            return Ok(page.clone());
        }
        drop(kept);
        let bytes = axum::body::Bytes::from(render()?);
        let page = KeptPage {
            etag: super::etag(&bytes),
            bytes,
        };
        *self.rendered.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((proposals.to_vec(), page.clone()));
        Ok(page)
    }
}

impl Analysed {
    /// The memory this version holds, estimated: its text as the reader kept it, each provision's text
    /// and record, the analysis's records, and room for its pages (the annotated layout and the rendered
    /// page, which the cache's weight does not follow as they are made: each is counted as four times
    /// the text, about what the built-in bills' pages measure).
    pub fn weight(&self) -> usize {
        use std::mem::size_of_val;
        let bill = &self.opened.bill;
        let text = bill.body.text.len();
        let provisions: usize = bill
            .body
            .walk()
            .map(|p| std::mem::size_of::<crate::model::Provision>() + p.text.len() + p.path.len())
            .sum();
        let r = &self.report;
        let analysis = size_of_val(r.definitions.as_slice())
            + size_of_val(r.undefined.as_slice())
            + size_of_val(r.digest.as_slice())
            + size_of_val(r.findings.as_slice());
        let marks = self.opened.marks.as_ref().map_or(0, |_| 2 * text);
        text + provisions + analysis + marks + 8 * text
    }
}

/// A page rendered once and kept: its bytes and their validator.
#[derive(Debug, Clone)]
pub struct KeptPage {
    /// The page.
    pub bytes: axum::body::Bytes,
    /// Its weak `ETag` ([`super::etag`]).
    pub etag: String,
}

type Stamp = (u64, Option<SystemTime>, u64, Option<SystemTime>);

/// The workspace.
pub struct Workspace {
    /// The workspace folder.
    pub root: PathBuf,
    /// Its bill folders' parent.
    pub bills: PathBuf,
    /// Its search index.
    pub index: PathBuf,
    /// The glossary of terms of art.
    pub glossary: Arc<Glossary>,
    cache: Mutex<Cache>,
    writes: Mutex<()>,
}

/// Analysed versions kept in memory, by `bill@version`, within a byte budget: the least recently used
/// go first. Each entry's bytes are [`Analysed::weight`], an estimate.
struct Cache {
    entries: HashMap<String, Kept>,
    bytes: usize,
    budget: usize,
    clock: u64,
}

struct Kept {
    stamp: Stamp,
    analysed: Arc<Analysed>,
    weight: usize,
    used: u64,
}

impl Cache {
    fn new(budget: usize) -> Cache {
        Cache {
            entries: HashMap::new(),
            bytes: 0,
            budget,
            clock: 0,
        }
    }

    /// The entry for `key`, marked as just used.
    fn get(&mut self, key: &str) -> Option<(Stamp, Arc<Analysed>)> {
        self.clock += 1;
        let clock = self.clock;
        let k = self.entries.get_mut(key)?;
        k.used = clock;
        Some((k.stamp, k.analysed.clone()))
    }

    /// Keep `analysed` under `key`, then let the least recently used others go until the cache fits its
    /// budget (the newest entry stays even when it alone is over).
    fn put(&mut self, key: String, stamp: Stamp, analysed: Arc<Analysed>) {
        self.clock += 1;
        let weight = analysed.weight();
        if let Some(old) = self.entries.insert(
            key.clone(),
            Kept {
                stamp,
                analysed,
                weight,
                used: self.clock,
            },
        ) {
            self.bytes -= old.weight;
        }
        self.bytes += weight;
        while self.bytes > self.budget && self.entries.len() > 1 {
            let Some(oldest) = self
                .entries
                .iter()
                .filter(|(k, _)| **k != key)
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(gone) = self.entries.remove(&oldest) {
                self.bytes -= gone.weight;
            }
        }
    }
}

pub use crate::ingest::library::valid_name;

/// Version ids the bill pages' routes use for themselves.
const RESERVED: [&str; 4] = ["compare", "builder", "letter", "latest"];

fn check_name(kind: &str, s: &str) -> Result<(), WebError> {
    if kind == "version" && RESERVED.contains(&s) {
        return Err(WebError::BadRequest(format!(
            "{s:?} names a page, not a version: choose another version id"
        )));
    }
    crate::ingest::library::check_name(kind, s).map_err(WebError::input)
}

fn stamp(a: &Path, b: &Path) -> Stamp {
    let m = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| (m.len(), m.modified().ok()))
            .unwrap_or((0, None))
    };
    let (x, y) = (m(a), m(b));
    (x.0, x.1, y.0, y.1)
}

/// A content hash for conflict detection: what the editor saw when it loaded a file.
pub fn content_hash(text: &str) -> String {
    format!("{:016x}", crate::index::fnv64(&[text.as_bytes()]))
}

/// What an upload brought.
pub struct Upload {
    /// The file name as sent.
    pub file_name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The bill folder id to add it to (default: from the measure, e.g. `ca-sb1047`).
    pub bill: Option<String>,
    /// The version id (default: stage and date, e.g. `enrolled-2024-09-03`).
    pub version: Option<String>,
    /// The official source URL.
    pub source: Option<String>,
}

impl Workspace {
    /// A workspace at `root`, keeping up to `cache_bytes` of analysed versions in memory.
    pub fn new(root: &Path, glossary: Glossary, cache_bytes: usize) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            bills: root.join("bills"),
            index: root.join(".billdiff").join("index"),
            glossary: Arc::new(glossary),
            cache: Mutex::new(Cache::new(cache_bytes)),
            writes: Mutex::new(()),
        }
    }

    /// Every bill folder, each opened or with why it could not be.
    pub fn folders(&self) -> Vec<(String, Result<BillFolder, String>)> {
        match ingest::library::scan(&self.bills) {
            Ok(v) => v
                .into_iter()
                .map(|(d, f)| {
                    let name = d
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    (name, f.map_err(|e| e.to_string()))
                })
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// A bill folder by id.
    pub fn folder(&self, id: &str) -> Result<BillFolder, WebError> {
        check_name("bill", id)?;
        let dir = self.bills.join(id);
        if !BillFolder::is_bill_folder(&dir) {
            return Err(WebError::NotFound(format!(
                "There is no bill {id:?} in this workspace."
            )));
        }
        BillFolder::open(&dir).map_err(|e| WebError::Internal(e.to_string()))
    }

    /// A bill version, analysed (from memory unless its file or manifest changed). Blocking.
    pub fn analysed(&self, bill: &str, version: &str) -> Result<Arc<Analysed>, WebError> {
        let folder = self.folder(bill)?;
        if version != "latest" {
            check_name("version", version)?;
        }
        let v = folder.version(Some(version)).map_err(|_| {
            WebError::NotFound(format!(
                "{bill} has no version {version:?}; it has {}.",
                folder
                    .manifest
                    .versions
                    .iter()
                    .map(|v| v.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let key = format!("{bill}@{}", v.id);
        let st = stamp(&folder.version_path(v), &folder.dir.join(ingest::library::MANIFEST));
        if let Some((s, a)) = self.cache.lock().ok().and_then(|mut c| c.get(&key))
            && s == st
        {
            return Ok(a);
        }
        // The workspace's own files failing to read or parse is the server's problem, not the request's.
        let opened =
            crate::pipeline::open(&folder.dir, Some(&v.id), None).map_err(|e| WebError::Internal(e.to_string()))?;
        let report = crate::terms::analyse(&opened.bill, &self.glossary);
        let a = Arc::new(Analysed {
            bill: bill.to_string(),
            version: v.id.clone(),
            folder: folder.clone(),
            opened,
            report,
            page: OnceLock::new(),
            rendered: Mutex::new(None),
        });
        // Stopped work is incomplete: it is never kept.
        if !crate::work::stopped()
            && let Ok(mut c) = self.cache.lock()
        {
            c.put(key, st, a.clone());
        }
        Ok(a)
    }

    /// The bill page kept for `version` (an id) of `bill`, when the version was analysed, its file and
    /// manifest are as they were then, and it lists the proposals there are now: what a request for an
    /// unchanged page needs, without parsing the manifest or leaving the async thread (two `stat`s and a
    /// directory listing).
    pub fn kept_bill_page(&self, bill: &str, version: &str) -> Option<KeptPage> {
        if !valid_name(bill) || !valid_name(version) {
            return None;
        }
        let key = format!("{bill}@{version}");
        let (saved, a) = self.cache.lock().ok().and_then(|mut c| c.get(&key))?;
        let v = a.folder.manifest.versions.iter().find(|v| v.id == version)?;
        if stamp(&a.folder.version_path(v), &a.folder.dir.join(ingest::library::MANIFEST)) != saved {
            return None;
        }
        let proposals = self.proposals(&a.folder);
        let kept = a.rendered.lock().ok()?;
        kept.as_ref()
            .filter(|(p, _)| *p == proposals)
            .map(|(_, page)| page.clone())
    }

    fn toml_names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().to_string()))
                    .filter(|s| valid_name(s))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    /// The proposals saved with a bill.
    pub fn proposals(&self, folder: &BillFolder) -> Vec<String> {
        Self::toml_names(&folder.dir.join("proposals"))
    }

    /// The letters saved with a bill.
    pub fn letters(&self, folder: &BillFolder) -> Vec<String> {
        Self::toml_names(&folder.dir.join("letters"))
    }

    /// Where a proposal lives.
    pub fn proposal_path(&self, folder: &BillFolder, name: &str) -> Result<PathBuf, WebError> {
        check_name("proposal", name)?;
        Ok(folder.dir.join("proposals").join(format!("{name}.toml")))
    }

    /// A saved proposal's text.
    pub fn proposal_text(&self, folder: &BillFolder, name: &str) -> Result<String, WebError> {
        let path = self.proposal_path(folder, name)?;
        std::fs::read_to_string(&path)
            .map_err(|_| WebError::NotFound(format!("{} has no proposal {name:?}.", folder.manifest.id)))
    }

    /// A saved letter's text.
    pub fn letter_text(&self, folder: &BillFolder, name: &str) -> Result<String, WebError> {
        check_name("letter", name)?;
        std::fs::read_to_string(folder.dir.join("letters").join(format!("{name}.toml")))
            .map_err(|_| WebError::NotFound(format!("{} has no letter {name:?}.", folder.manifest.id)))
    }

    /// Save a proposal. `base` is the hash of the file as the editor loaded it (`None`: a new proposal).
    /// A name already taken, or a file changed since it was loaded, is a conflict: nothing is written.
    /// Returns the new hash.
    pub fn save_proposal(
        &self,
        folder: &BillFolder,
        name: &str,
        text: &str,
        base: Option<&str>,
    ) -> Result<String, WebError> {
        let path = self.proposal_path(folder, name)?;
        let _guard = self
            .writes
            .lock()
            .map_err(|_| WebError::Internal("write lock poisoned".into()))?;
        match (std::fs::read_to_string(&path).ok(), base) {
            (Some(_), None) => {
                return Err(WebError::Conflict(format!(
                    "A proposal named {name:?} already exists for {}. Choose another name, or open that proposal \
                     to edit it. Your text is kept below.",
                    folder.manifest.id
                )));
            }
            (Some(now), Some(b)) if content_hash(&now) != b => {
                return Err(WebError::Conflict(format!(
                    "{name:?} was changed by someone else after you opened it. Nothing was saved and your text is \
                     kept below: save it under another name, or open {name:?} again and redo your edits there."
                )));
            }
            (None, Some(_)) => {
                return Err(WebError::Conflict(format!(
                    "{name:?} was deleted or renamed after you opened it. Nothing was saved and your text is kept \
                     below: save it again to create it."
                )));
            }
            _ => {}
        }
        let dir = folder.dir.join("proposals");
        std::fs::create_dir_all(&dir).map_err(|e| WebError::Internal(format!("{}: {e}", dir.display())))?;
        ingest::write_output(&path, text.as_bytes()).map_err(|e| WebError::Internal(e.to_string()))?;
        Ok(content_hash(text))
    }

    /// Add an uploaded bill text as a new version (of a new or an existing bill folder), through the
    /// pipeline, under the workspace's write lock. Blocking.
    pub fn add_upload(&self, up: Upload) -> Result<(String, String), WebError> {
        if let Some(v) = up.version.as_deref().map(str::trim).filter(|v| RESERVED.contains(v)) {
            return Err(WebError::BadRequest(format!(
                "{v:?} names a page, not a version: choose another version id"
            )));
        }
        let _guard = self
            .writes
            .lock()
            .map_err(|_| WebError::Internal("write lock poisoned".into()))?;
        let nv = crate::pipeline::NewVersion {
            file_name: &up.file_name,
            bytes: &up.bytes,
            bill: up.bill.as_deref(),
            version: up.version.as_deref(),
            source: up.source.as_deref(),
            today: today(),
        };
        crate::pipeline::add_version(&self.bills, &nv).map_err(WebError::input)
    }
}

/// Today's date (UTC), for uploads whose text carries none.
fn today() -> Date {
    let days = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    Date::from_days_since_epoch(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_real_date() {
        let d = today();
        assert!(d.year >= 2024 && (1..=12).contains(&d.month) && (1..=31).contains(&d.day));
    }
}
