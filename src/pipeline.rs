//! The one way through the pipeline for a bill on disk: ingest, parse, and — for a bill folder — the
//! manifest's metadata. The CLI and the web UI both open bills here.

use crate::error::Result;
use crate::ingest::{self, BillFolder, InputFormat};
use crate::model::Bill;
use crate::parse;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where an opened bill came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The file read.
    pub path: PathBuf,
    /// The form it was read as.
    pub format: InputFormat,
    /// The bill folder's id (`ca-sb1047`), when opened from one.
    pub bill: Option<String>,
    /// The version's id in the folder's manifest (`enrolled`).
    pub version: Option<String>,
    /// The official source URL from the manifest.
    pub url: Option<String>,
}

/// A parsed bill and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The bill.
    pub bill: Bill,
    /// Its source.
    pub source: Source,
}

impl Opened {
    /// A short name for messages: the folder id or the file name.
    pub fn name(&self) -> String {
        self.source
            .bill
            .clone()
            .unwrap_or_else(|| self.source.path.display().to_string())
    }
}

/// Parse a version of a bill folder from bytes already read (the indexer hashes them first).
pub fn parse_version(folder: &BillFolder, v: &crate::ingest::ManifestVersion, bytes: &[u8]) -> Result<Bill> {
    let path = folder.version_path(v);
    let doc = ingest::decode(&path.display().to_string(), bytes, None)?;
    Ok(parse::with_manifest(parse::bill(&doc)?, &folder.manifest, v))
}

/// Open a bill file, or a version of a bill folder (`version`: id, date, position or `latest`).
pub fn open(target: &Path, version: Option<&str>, format: Option<InputFormat>) -> Result<Opened> {
    if BillFolder::is_bill_folder(target) {
        let folder = BillFolder::open(target)?;
        let v = folder.version(version)?;
        let path = folder.version_path(v);
        let doc = ingest::read(&path, format)?;
        let bill = parse::with_manifest(parse::bill(&doc)?, &folder.manifest, v);
        return Ok(Opened {
            bill,
            source: Source {
                path,
                format: doc.format,
                bill: Some(folder.manifest.id.clone()),
                version: Some(v.id.clone()),
                url: Some(v.source.clone()),
            },
        });
    }
    let doc = ingest::read(target, format)?;
    let bill = parse::bill(&doc)?;
    Ok(Opened {
        bill,
        source: Source {
            path: target.to_path_buf(),
            format: doc.format,
            bill: None,
            version: None,
            url: None,
        },
    })
}

/// A comment letter's content from a checked letter: open its bill version, analyse the terms, apply the
/// letter's proposal (when it attaches one), assemble. The CLI's `comment` and the web UI's letter page
/// both come through here.
pub fn letter(letter: crate::letter::Letter, glossary: &crate::glossary::Glossary) -> Result<crate::letter::Content> {
    let opened = open(&letter.bill, letter.version.as_deref(), None)?;
    let report = crate::terms::analyse(&opened.bill, glossary);
    let proposal = match &letter.proposal {
        Some(p) => {
            let proposal = ingest::proposal::read(p)?;
            let outcome = crate::propose::apply(&opened.bill, &proposal, glossary)?;
            Some((proposal, outcome))
        }
        None => None,
    };
    Ok(crate::letter::assemble(
        letter,
        &opened.bill,
        &report,
        glossary,
        proposal,
    ))
}

/// A bill text to add to a library of bill folders.
#[derive(Debug, Clone)]
pub struct NewVersion<'a> {
    /// The file name it came with (for messages and detection).
    pub file_name: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
    /// The bill folder id (default: from the measure, e.g. `ca-sb1047`).
    pub bill: Option<&'a str>,
    /// The version id (default: stage and date, e.g. `enrolled-2024-09-03`).
    pub version: Option<&'a str>,
    /// The official source URL (http or https).
    pub source: Option<&'a str>,
    /// The date to use when the text carries none.
    pub today: crate::model::Date,
}

/// Add a bill text to the library in `root` as a new version of its bill folder (created when new): read and
/// parse it (a file that is not a bill is refused), choose the folder and version ids, refuse a text of
/// another measure and a version that exists, then write the text and the manifest atomically. Returns the
/// bill and version ids. Callers that run concurrently must serialize calls.
pub fn add_version(root: &Path, nv: &NewVersion<'_>) -> Result<(String, String)> {
    use crate::error::Error;
    use crate::ingest::library::{self, NewEntry, check_name};
    let doc = ingest::decode(nv.file_name, nv.bytes, None)?;
    let bill = parse::bill(&doc)?;
    let meta = &bill.meta;
    let current = meta.current();
    let jurisdiction = meta.jurisdiction.clone().unwrap_or_else(|| "ca".into());
    let given = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let id = match (given(nv.bill), &meta.measure) {
        (Some(id), _) => id,
        (None, Some(m)) => format!("{jurisdiction}-{}{}", m.kind.to_lowercase(), m.number),
        (None, None) => {
            return Err(Error::NotABill {
                source_name: nv.file_name.into(),
                reason: "it does not name its bill (no measure such as \"SB 1047\" in its header): give a bill id"
                    .into(),
            });
        }
    };
    check_name("bill", &id)?;
    let (stage, date) = current.map_or((crate::model::Stage::Introduced, nv.today), |h| (h.stage, h.date));
    let version = match given(nv.version) {
        Some(v) => v,
        None if current.is_some() => format!("{}-{date}", stage.id()),
        None => format!("uploaded-{date}"),
    };
    check_name("version", &version)?;
    let source = match given(nv.source) {
        Some(s) if s.starts_with("https://") || s.starts_with("http://") => s,
        Some(s) => {
            return Err(Error::BadName {
                kind: "source".into(),
                name: s,
                why: "not a web address (http:// or https://)".into(),
            });
        }
        None => format!("uploaded as {:?}", nv.file_name),
    };
    let ext = match doc.format {
        InputFormat::Html => "html",
        InputFormat::Text => "txt",
        InputFormat::Markdown => "md",
    };
    let file = format!("{version}.{ext}");
    let dir = root.join(&id);
    let entry = NewEntry {
        id: &version,
        stage,
        house: current.and_then(|h| h.house),
        date,
        file: &file,
        source: &source,
    };
    let manifest = if BillFolder::is_bill_folder(&dir) {
        let folder = BillFolder::open(&dir)?;
        if let Some(m) = &meta.measure
            && !folder.manifest.measure.is_empty()
            && m.to_string() != folder.manifest.measure
        {
            return Err(Error::Exists {
                what: format!(
                    "the file is {m}, but {id} is {}: add it under its own bill id",
                    folder.manifest.measure
                ),
            });
        }
        if folder.manifest.versions.iter().any(|v| v.id == version) || dir.join(&file).exists() {
            return Err(Error::Exists {
                what: format!("{id} already has a version {version:?}: give it another version id"),
            });
        }
        let path = dir.join(library::MANIFEST);
        library::manifest_with_version(&path, &library::read_manifest_text(&dir)?, &entry)?
    } else {
        let m = library::Manifest {
            id: id.clone(),
            jurisdiction,
            session: meta.session.clone().unwrap_or_default(),
            measure: meta.measure.as_ref().map(ToString::to_string).unwrap_or_default(),
            title: meta
                .subject
                .clone()
                .or_else(|| meta.title.clone())
                .unwrap_or_else(|| id.clone()),
            source: source.clone(),
            note: None,
            versions: Vec::new(),
        };
        library::new_manifest(&m, &entry)
    };
    library::create_dir(&dir)?;
    ingest::write_atomic(&dir.join(&file), nv.bytes)?;
    if let Err(e) = ingest::write_atomic(&dir.join(library::MANIFEST), manifest.as_bytes()) {
        library::remove_file(&dir.join(&file));
        return Err(e);
    }
    Ok((id, version))
}
