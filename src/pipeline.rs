//! The one way through the pipeline for a bill on disk: ingest, parse, and — for a bill folder — the
//! manifest's metadata. The CLI and the web UI both open bills here.

use crate::error::Result;
use crate::ingest::{self, BillFolder, InputFormat};
use crate::model::Bill;
use crate::parse;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where an opened bill came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
