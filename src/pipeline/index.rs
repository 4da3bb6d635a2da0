//! Building and updating the search index from bill folders and files: the one indexing path, used by
//! `billdiff index` and by the web server (at start and after an upload, never on a request). It reads
//! and parses each version, runs the terms analysis, and hands the `index` stage plain documents.
//!
//! Each bill version's content hash (its bytes, the glossary, the schema and billdiff's version) is stored
//! in the index, so an update parses and analyses only versions that changed, and removes versions whose
//! file is gone or that a bill's manifest no longer lists.

use crate::error::{Error, IndexProblem, NotABillReason, Result};
use crate::glossary::Glossary;
use crate::index::{IndexedVersion, SCHEMA_VERSION, VersionDocs, Writer, fnv64, provision_docs};
use crate::ingest::{self, BillFolder, ManifestVersion};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A bill version to index.
#[derive(Debug, Clone)]
pub struct Target {
    folder: Option<BillFolder>,
    version: Option<ManifestVersion>,
    /// Bill folder id (or a loose file's stem).
    pub bill: String,
    /// Version id (`file` for a loose file).
    pub version_id: String,
    /// ISO date, when known.
    pub date: String,
    /// The file holding the text.
    pub file: PathBuf,
}

impl Target {
    /// `bill@version`, the key the index stores.
    pub fn key(&self) -> String {
        format!("{}@{}", self.bill, self.version_id)
    }
}

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Versions parsed, analysed and written.
    pub indexed: usize,
    /// Versions whose hash matched: left alone.
    pub unchanged: usize,
    /// Versions removed (file gone, or dropped from the manifest).
    pub removed: usize,
    /// Provision documents written.
    pub provisions: usize,
}

/// The versions to index under `paths`: bill folders, folders of bill folders, or bill files.
pub fn targets(paths: &[PathBuf]) -> Result<Vec<Target>> {
    let mut out = Vec::new();
    let add_folder = |f: BillFolder, out: &mut Vec<Target>| {
        for v in &f.manifest.versions {
            out.push(Target {
                bill: f.manifest.id.clone(),
                version_id: v.id.clone(),
                date: v.date.to_string(),
                file: f.version_path(v),
                version: Some(v.clone()),
                folder: Some(f.clone()),
            });
        }
    };
    for p in paths {
        if BillFolder::is_bill_folder(p) {
            add_folder(BillFolder::open(p)?, &mut out);
        } else if ingest::is_dir(p) {
            let folders = ingest::library::list(p)?;
            if folders.is_empty() {
                return Err(Error::NotABill {
                    source_name: p.display().to_string(),
                    reason: NotABillReason::NoBillFolders,
                });
            }
            for f in folders {
                add_folder(f, &mut out);
            }
        } else {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .ok_or_else(|| Error::NotABill {
                    source_name: p.display().to_string(),
                    reason: NotABillReason::NotAFileName,
                })?;
            out.push(Target {
                folder: None,
                version: None,
                bill: stem,
                version_id: "file".into(),
                date: String::new(),
                file: p.clone(),
            });
        }
    }
    Ok(out)
}

/// A version ready for the writer.
enum Prepared {
    /// Indexed already, with the same hash.
    Unchanged,
    /// Its documents, to replace what the index holds for it.
    Changed(Box<VersionDocs>),
}

/// Read, hash, parse and analyse one version (unless `indexed` has its hash): no writer needed.
fn prepare(t: &Target, indexed: Option<&IndexedVersion>, gfp: &[u8], glossary: &Glossary) -> Result<Prepared> {
    let bytes = ingest::read_bytes(&t.file)?;
    let hash = fnv64(&[
        &bytes,
        gfp,
        &SCHEMA_VERSION.to_le_bytes(),
        env!("CARGO_PKG_VERSION").as_bytes(),
    ]);
    if indexed.is_some_and(|v| v.hash == format!("{hash:016x}")) {
        return Ok(Prepared::Unchanged);
    }
    let bill = match (&t.folder, &t.version) {
        (Some(f), Some(v)) => super::parse_version(f, v, &bytes)?,
        _ => crate::parse::bill(&ingest::decode(&t.file.display().to_string(), &bytes, None)?)?,
    };
    let report = crate::terms::analyse(&bill, glossary);
    Ok(Prepared::Changed(Box::new(provision_docs(
        &bill,
        &report,
        &t.bill,
        &t.version_id,
        &t.date,
        &t.file.display().to_string(),
        hash,
    ))))
}

/// Bring the index in `dir` up to date with `targets`, committing every `batch` versions (whole versions
/// only). `progress` hears each version's key as it is reached.
pub fn update(
    dir: &Path,
    targets: &[Target],
    glossary: &Glossary,
    batch: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<Stats> {
    // A changed glossary changes every version's terms of art: it is part of each version's hash.
    let gfp = serde_json::to_vec(glossary).map_err(|e| Error::Index {
        dir: dir.to_path_buf(),
        problem: IndexProblem::Glossary { message: e.to_string() },
    })?;
    let mut writer = Writer::open(dir)?;
    let existing: HashMap<String, IndexedVersion> =
        writer.versions()?.into_iter().map(|v| (v.key.clone(), v)).collect();
    let mut stats = Stats::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut seen_bills: HashSet<String> = HashSet::new();
    // Versions are read, parsed and analysed in parallel (both cores), a chunk at a time, while the one
    // writer takes the previous chunk's documents in order: commits, progress and the first error are as a
    // sequential run's.
    const CHUNK: usize = 128;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Prepared>>>(1);
    std::thread::scope(|scope| -> Result<()> {
        let existing = &existing;
        let gfp = &gfp;
        scope.spawn(move || {
            for chunk in targets.chunks(CHUNK) {
                let prepared = chunk
                    .par_iter()
                    .map(|t| prepare(t, existing.get(&t.key()), gfp, glossary))
                    .collect();
                if tx.send(prepared).is_err() {
                    return; // The writer stopped at an error.
                }
            }
        });
        let rx = rx; // Dropped on an early return, which stops the reader.
        for (chunk, prepared) in targets.chunks(CHUNK).zip(rx.iter()) {
            for (t, p) in chunk.iter().zip(prepared) {
                let key = t.key();
                progress(&key);
                seen.insert(key);
                seen_bills.insert(t.bill.clone());
                let Prepared::Changed(docs) = p? else {
                    stats.unchanged += 1;
                    continue;
                };
                stats.provisions += docs.provisions.len();
                writer.replace(&docs)?;
                stats.indexed += 1;
                if writer.pending() >= batch.max(1) {
                    writer.commit()?;
                }
            }
        }
        Ok(())
    })?;
    for (key, v) in &existing {
        let bill = key.split('@').next().unwrap_or_default();
        let gone = !ingest::exists(Path::new(&v.source)) || (seen_bills.contains(bill) && !seen.contains(key));
        if gone {
            writer.remove(key);
            stats.removed += 1;
        }
    }
    writer.finish()?;
    Ok(stats)
}
