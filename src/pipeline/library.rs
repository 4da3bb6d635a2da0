//! Writing to a library of bill folders: a new bill text becomes a version of its bill folder.

use crate::error::Result;
use crate::ingest::{self, BillFolder, InputFormat};
use crate::parse;
use std::path::Path;

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
    use crate::error::{Error, Existing, NameProblem, NotABillReason};
    use crate::ingest::library::{self, NewEntry, check_name};
    let doc = ingest::decode(nv.file_name, nv.bytes, None)?;
    let bill = parse::bill(&doc)?;
    let meta = &bill.meta;
    let current = meta.current();
    let jurisdiction = meta.jurisdiction.clone().unwrap_or_else(|| "ca".into());
    let given = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let id = match (given(nv.bill), &meta.measure) {
        (Some(id), _) => id,
        // `ca-sb1047`, `tx-hb100`, `us-hr6028`, `co-sb24-205`: letters and digits of the measure's kind.
        (None, Some(m)) => {
            let kind: String = m
                .kind
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase();
            let year = m.year.as_deref().map(|y| format!("{y}-")).unwrap_or_default();
            format!("{jurisdiction}-{kind}{year}{}", m.number)
        }
        (None, None) => {
            return Err(Error::NotABill {
                source_name: nv.file_name.into(),
                reason: NotABillReason::Unnamed,
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
                why: NameProblem::NotAWebAddress,
            });
        }
        None => format!("uploaded as {:?}", nv.file_name),
    };
    let ext = match doc.format {
        InputFormat::Html => "html",
        InputFormat::Text => "txt",
        InputFormat::Markdown => "md",
        InputFormat::Caml | InputFormat::Uslm | InputFormat::Akn | InputFormat::Clml | InputFormat::WaXml => "xml",
        InputFormat::Pdf => "pdf",
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
                what: Existing::OtherMeasure {
                    file_measure: m.to_string(),
                    bill: id.clone(),
                    measure: folder.manifest.measure.clone(),
                },
            });
        }
        if folder.manifest.versions.iter().any(|v| v.id == version) || ingest::exists(&dir.join(&file)) {
            return Err(Error::Exists {
                what: Existing::Version {
                    bill: id.clone(),
                    version: version.clone(),
                },
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
            licence: None,
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
