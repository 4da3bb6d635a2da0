//! Bill folders: the built-in library in `bills/` and any folder laid out the same way.
//!
//! A bill folder holds a manifest, `bill.toml`, and the text of each version as published. The manifest
//! says what the bill is (jurisdiction, session, measure, title), where each version's official text lives
//! (`source`, a URL), and which file in the folder holds it:
//!
//! ```toml
//! id = "ca-sb1047"
//! jurisdiction = "ca"
//! session = "2023–2024 Regular Session"
//! measure = "SB 1047"
//! title = "Safe and Secure Innovation for Frontier Artificial Intelligence Models Act."
//! source = "https://leginfo.legislature.ca.gov/faces/billNavClient.xhtml?bill_id=202320240SB1047"
//!
//! [[versions]]
//! id = "enrolled"
//! stage = "enrolled"
//! date = "2024-09-03"
//! file = "sb1047-2024-enrolled.html"
//! source = "https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml?..."
//! ```
//!
//! A version is chosen by its id, its date (`2025-07-17`), its position (1 = oldest) or `latest`.

use crate::error::{Error, ManifestProblem, NameProblem, Result};
use crate::model::{Date, House, Stage};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The manifest's file name.
pub const MANIFEST: &str = "bill.toml";

/// `bill.toml`, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Folder name and identifier: `ca-sb1047`.
    pub id: String,
    /// Jurisdiction code: `ca`.
    pub jurisdiction: String,
    /// Session as printed on the bill.
    pub session: String,
    /// `SB 1047`.
    pub measure: String,
    /// The bill's short title.
    pub title: String,
    /// The official page for the bill.
    pub source: String,
    /// On what terms the text may be copied (`public domain: ...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Free-form remarks (where the copy came from, known differences).
    #[serde(default)]
    pub note: Option<String>,
    /// The versions, in any order.
    pub versions: Vec<ManifestVersion>,
}

/// One version of the bill in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestVersion {
    /// Short name: `enrolled`, `amended-asm-2025-07-08`, `chaptered`.
    pub id: String,
    /// Stage of the version.
    pub stage: Stage,
    /// House, for amended and passed versions.
    #[serde(default)]
    pub house: Option<House>,
    /// Date of the version.
    pub date: Date,
    /// The file holding its text, relative to the folder.
    pub file: String,
    /// Other files holding the same version in another form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternates: Vec<String>,
    /// The official text's URL.
    pub source: String,
    /// Free-form remarks.
    #[serde(default)]
    pub note: Option<String>,
}

impl ManifestVersion {
    /// The stage's name as printed ("Enrolled", "Amended").
    pub fn stage_name(&self) -> &'static str {
        self.stage.as_str()
    }

    /// A label for messages and listings: `enrolled (2024-09-03)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.id, self.date)
    }
}

/// A bill folder with its manifest read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct BillFolder {
    /// The folder.
    pub dir: PathBuf,
    /// Its manifest; `versions` sorted oldest first.
    pub manifest: Manifest,
}

impl BillFolder {
    /// Whether `dir` looks like a bill folder (has a manifest).
    pub fn is_bill_folder(dir: &Path) -> bool {
        dir.join(MANIFEST).is_file()
    }

    /// Read and check `dir/bill.toml`.
    pub fn open(dir: &Path) -> Result<BillFolder> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let mut manifest = parse_manifest(&path, &text)?;
        for v in &manifest.versions {
            for f in std::iter::once(&v.file).chain(&v.alternates) {
                if !dir.join(f).is_file() {
                    return Err(Error::Manifest {
                        path: path.clone(),
                        line: None,
                        problem: ManifestProblem::FileNotFound {
                            version: v.id.clone(),
                            file: f.clone(),
                        },
                    });
                }
            }
        }
        // Stable sort: versions of one day keep the manifest's order.
        manifest.versions.sort_by_key(|v| v.date);
        Ok(BillFolder {
            dir: dir.to_path_buf(),
            manifest,
        })
    }

    /// Pick a version: by id, ISO date, 1-based position (oldest first) or `latest`; `None` means latest.
    pub fn version(&self, selector: Option<&str>) -> Result<&ManifestVersion> {
        let versions = &self.manifest.versions;
        let found = match selector.map(str::trim) {
            None | Some("latest") => versions.last(),
            Some(s) => versions
                .iter()
                .find(|v| v.id == s)
                .or_else(|| Date::parse_iso(s).and_then(|d| versions.iter().rev().find(|v| v.date == d)))
                .or_else(|| {
                    s.parse::<usize>()
                        .ok()
                        .and_then(|i| i.checked_sub(1))
                        .and_then(|i| versions.get(i))
                }),
        };
        found.ok_or_else(|| Error::UnknownVersion {
            bill: self.manifest.id.clone(),
            version: selector.unwrap_or("latest").to_string(),
            available: versions.iter().map(ManifestVersion::label).collect(),
        })
    }

    /// The two versions a comparison of this bill takes, by the one rule the CLI and the web share: `to`
    /// is the version selected (default: the latest), `from` the one selected (default: the version just
    /// before `to`).
    pub fn pair(&self, from: Option<&str>, to: Option<&str>) -> Result<(&ManifestVersion, &ManifestVersion)> {
        let to = self.version(to)?;
        let from = match from {
            Some(f) => self.version(Some(f))?,
            None => {
                let vs = &self.manifest.versions;
                let i = vs.iter().position(|v| v.id == to.id).unwrap_or(0);
                i.checked_sub(1)
                    .and_then(|i| vs.get(i))
                    .ok_or_else(|| Error::NoEarlierVersion {
                        bill: self.manifest.id.clone(),
                        to: to.id.clone(),
                    })?
            }
        };
        Ok((from, to))
    }

    /// The path of a version's main file.
    pub fn version_path(&self, v: &ManifestVersion) -> PathBuf {
        self.dir.join(&v.file)
    }
}

/// Parse and check a manifest's text (`path` is for messages): the TOML, at least one version, plain file
/// names, distinct version ids. Pure; whether the files exist is [`BillFolder::open`]'s question.
pub fn parse_manifest(path: &Path, text: &str) -> Result<Manifest> {
    let toml_error = |e: toml::de::Error| Error::Manifest {
        path: path.to_path_buf(),
        line: super::toml_line(text, &e),
        problem: ManifestProblem::Toml {
            message: e.message().to_string(),
        },
    };
    // An imported bill's manifest (it has a `[pubinfo]` table) is read with its authors and import stamps,
    // which every other manifest is checked not to have.
    let manifest: Manifest = if is_imported(text) {
        toml::from_str::<ImportedManifest>(text).map_err(toml_error)?.into()
    } else {
        toml::from_str(text).map_err(toml_error)?
    };
    let bad = |problem: ManifestProblem| Error::Manifest {
        path: path.to_path_buf(),
        line: None,
        problem,
    };
    if manifest.versions.is_empty() {
        return Err(bad(ManifestProblem::NoVersions));
    }
    for v in &manifest.versions {
        for f in std::iter::once(&v.file).chain(&v.alternates) {
            if f.contains("..") || Path::new(f).is_absolute() {
                return Err(bad(ManifestProblem::FileNotPlain {
                    version: v.id.clone(),
                    file: f.clone(),
                }));
            }
        }
    }
    let mut ids: Vec<&str> = manifest.versions.iter().map(|v| v.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(bad(ManifestProblem::DuplicateVersion { id: w[0].to_string() }));
    }
    Ok(manifest)
}

/// Whether a manifest's text is an imported bill's (has a top-level `pubinfo` table).
fn is_imported(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        pubinfo: Option<toml::Value>,
    }
    toml::from_str::<Probe>(text).is_ok_and(|p| p.pubinfo.is_some())
}

/// The manifest of a bill folder made by `billdiff import pubinfo`: a [`Manifest`] whose versions also name
/// their authors, with the stamps that let a later import tell what changed (the pubinfo keys, the row's
/// `trans_update`, a hash of everything imported).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedManifest {
    /// As in [`Manifest`].
    pub id: String,
    /// As in [`Manifest`].
    pub jurisdiction: String,
    /// As in [`Manifest`].
    pub session: String,
    /// As in [`Manifest`].
    pub measure: String,
    /// As in [`Manifest`].
    pub title: String,
    /// As in [`Manifest`].
    pub source: String,
    /// As in [`Manifest`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// As in [`Manifest`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The bill's import stamp.
    pub pubinfo: BillStamp,
    /// The versions, oldest first.
    pub versions: Vec<ImportedVersion>,
}

/// One version of an imported bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedVersion {
    /// The version as every manifest has it.
    #[serde(flatten)]
    pub version: ManifestVersion,
    /// Its authors, as the authors table lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// Its import stamp.
    pub pubinfo: VersionStamp,
}

/// An author of a bill version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// The name as the table writes it (`Connelly`, a committee's name).
    pub name: String,
    /// The house.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house: Option<House>,
    /// The contribution, lowercased: `lead-author`, `principal-coauthor`, `coauthor`.
    pub role: String,
    /// Whether the author is a committee rather than a legislator.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub committee: bool,
}

/// What an import knows of a bill's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillStamp {
    /// `bill_id` (`198919900ACR65`).
    pub bill_id: String,
    /// The row's `trans_update`, when the dump had the bill's row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trans_update: Option<String>,
    /// `sha256:` and the hash of the bill's row as imported.
    pub hash: String,
}

/// What an import knows of a version's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionStamp {
    /// `bill_version_id` (`19890ACR6596CHP`).
    pub bill_version_id: String,
    /// The row's `trans_update`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trans_update: Option<String>,
    /// `sha256:` and the hash of the version as imported: its row, its authors and its text.
    pub hash: String,
}

impl From<ImportedManifest> for Manifest {
    fn from(m: ImportedManifest) -> Manifest {
        Manifest {
            id: m.id,
            jurisdiction: m.jurisdiction,
            session: m.session,
            measure: m.measure,
            title: m.title,
            source: m.source,
            licence: m.licence,
            note: m.note,
            versions: m.versions.into_iter().map(|v| v.version).collect(),
        }
    }
}

/// Read an imported bill's manifest with its authors and stamps; `None` when the manifest is not an
/// imported one (it was written by hand, or by an upload).
pub fn parse_imported(path: &Path, text: &str) -> Result<Option<ImportedManifest>> {
    if !is_imported(text) {
        return Ok(None);
    }
    toml::from_str(text).map(Some).map_err(|e| Error::Manifest {
        path: path.to_path_buf(),
        line: super::toml_line(text, &e),
        problem: ManifestProblem::Toml {
            message: e.message().to_string(),
        },
    })
}

/// All bill folders directly inside `root`, sorted by name.
pub fn list(root: &Path) -> Result<Vec<BillFolder>> {
    scan(root)?.into_iter().map(|(_, f)| f).collect()
}

/// Every folder directly inside `root` that has a manifest, sorted by name, each opened or with the
/// reason it could not be: one broken manifest does not hide the rest of a library.
pub fn scan(root: &Path) -> Result<Vec<(PathBuf, Result<BillFolder>)>> {
    let entries = std::fs::read_dir(root).map_err(|e| Error::io(root, e))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| BillFolder::is_bill_folder(p))
        .collect();
    dirs.sort();
    Ok(dirs
        .into_iter()
        .map(|d| {
            let f = BillFolder::open(&d);
            (d, f)
        })
        .collect())
}

/// Whether `s` is a safe name for a bill folder, version, proposal or letter: lowercase letters, digits, `-`,
/// `_` and `.`, starting with a letter or digit, at most 64 characters. Never a path.
pub fn valid_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && !s.contains("..")
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'_' | b'.'))
}

/// [`valid_name`], as an error naming what the name is for.
pub fn check_name(kind: &str, name: &str) -> Result<()> {
    if valid_name(name) {
        Ok(())
    } else {
        Err(Error::BadName {
            kind: kind.into(),
            name: name.into(),
            why: NameProblem::Unsafe,
        })
    }
}

/// A new `[[versions]]` entry.
pub struct NewEntry<'a> {
    /// Version id.
    pub id: &'a str,
    /// Stage.
    pub stage: Stage,
    /// House, if any.
    pub house: Option<House>,
    /// Date.
    pub date: Date,
    /// File name in the folder.
    pub file: &'a str,
    /// Official source URL.
    pub source: &'a str,
}

fn entry_table(e: &NewEntry<'_>) -> toml_edit::Table {
    let mut t = toml_edit::Table::new();
    t["id"] = toml_edit::value(e.id);
    t["stage"] = toml_edit::value(e.stage.id());
    if let Some(h) = e.house {
        t["house"] = toml_edit::value(h.as_str().to_lowercase());
    }
    t["date"] = toml_edit::value(e.date.to_string());
    t["file"] = toml_edit::value(e.file);
    t["source"] = toml_edit::value(e.source);
    t
}

/// A manifest's text with one more version, keeping the rest as written (comments included).
pub fn manifest_with_version(source_name: &Path, text: &str, e: &NewEntry<'_>) -> Result<String> {
    let bad = |problem: ManifestProblem| Error::Manifest {
        path: source_name.to_path_buf(),
        line: None,
        problem,
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| bad(ManifestProblem::Toml { message: e.to_string() }))?;
    doc.get_mut("versions")
        .and_then(|v| v.as_array_of_tables_mut())
        .ok_or_else(|| bad(ManifestProblem::NoVersions))?
        .push(entry_table(e));
    Ok(doc.to_string())
}

/// A new manifest with one version.
pub fn new_manifest(m: &Manifest, e: &NewEntry<'_>) -> String {
    let mut doc = toml_edit::DocumentMut::new();
    doc["id"] = toml_edit::value(&m.id);
    doc["jurisdiction"] = toml_edit::value(&m.jurisdiction);
    doc["session"] = toml_edit::value(&m.session);
    doc["measure"] = toml_edit::value(&m.measure);
    doc["title"] = toml_edit::value(&m.title);
    doc["source"] = toml_edit::value(&m.source);
    let mut a = toml_edit::ArrayOfTables::new();
    a.push(entry_table(e));
    doc["versions"] = toml_edit::Item::ArrayOfTables(a);
    doc.to_string()
}

/// A manifest's text as `bill.toml` holds it: serialized, then read back as every reader of the library
/// reads it, so a manifest that would not open is never written.
pub fn manifest_text<M: Serialize>(path: &Path, manifest: &M) -> Result<String> {
    let text = toml::to_string(manifest).map_err(|e| Error::Manifest {
        path: path.to_path_buf(),
        line: None,
        problem: ManifestProblem::Toml { message: e.to_string() },
    })?;
    parse_manifest(path, &text)?;
    Ok(text)
}

/// Write a bill folder whole: `files` (plain names) and the manifest go into a temporary sibling of `dir`,
/// which is then renamed to `dir`, so a reader sees no folder or the whole of it, and a failure at any
/// point leaves nothing behind. A folder already at `dir` is an error unless `replace`; then it is moved
/// aside, the new one renamed into its place (the old one put back if that fails) and the old one removed.
/// Returns whether a folder was replaced.
pub fn write_folder(dir: &Path, manifest: &Manifest, files: &[(String, Vec<u8>)], replace: bool) -> Result<bool> {
    let exists = || Error::Exists {
        what: crate::error::Existing::Folder { dir: dir.to_path_buf() },
    };
    if dir.exists() && !replace {
        return Err(exists());
    }
    let (parent, name) = match (dir.parent(), dir.file_name()) {
        (Some(p), Some(n)) => (
            if p.as_os_str().is_empty() { Path::new(".") } else { p },
            n.to_string_lossy(),
        ),
        _ => return Err(Error::io(dir, std::io::Error::other(crate::error::NoFileName))),
    };
    for (file, _) in files {
        if !valid_name(file) {
            return Err(Error::BadName {
                kind: "file".into(),
                name: file.clone(),
                why: NameProblem::Unsafe,
            });
        }
    }
    create_dir(parent)?;
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let sibling = |what: &str| parent.join(format!(".{name}.{}.{seq}.{what}", std::process::id()));
    let new = sibling("new");
    let built = (|| -> Result<()> {
        std::fs::create_dir(&new).map_err(|e| Error::io(&new, e))?;
        for (file, bytes) in files {
            super::write_atomic(&new.join(file), bytes)?;
        }
        let path = new.join(MANIFEST);
        super::write_atomic(&path, manifest_text(&dir.join(MANIFEST), manifest)?.as_bytes())
    })();
    if let Err(e) = built {
        let _ = std::fs::remove_dir_all(&new);
        return Err(e);
    }
    let mut old = None;
    if dir.exists() {
        let aside = sibling("old");
        if let Err(e) = std::fs::rename(dir, &aside) {
            let _ = std::fs::remove_dir_all(&new);
            return Err(Error::io(dir, e));
        }
        old = Some(aside);
    }
    if let Err(e) = std::fs::rename(&new, dir) {
        let _ = std::fs::remove_dir_all(&new);
        if let Some(aside) = &old {
            let _ = std::fs::rename(aside, dir);
        }
        // Someone else made the folder in between: the same refusal as before.
        return Err(if old.is_none() && dir.exists() {
            exists()
        } else {
            Error::io(dir, e)
        });
    }
    if let Some(aside) = &old {
        let _ = std::fs::remove_dir_all(aside);
    }
    Ok(old.is_some())
}

/// Read a manifest's text as written.
pub fn read_manifest_text(dir: &Path) -> Result<String> {
    let path = dir.join(MANIFEST);
    std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))
}

/// Create a folder (and its parents).
pub fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Remove a file written by a step that could not finish.
pub fn remove_file(path: &Path) {
    let _ = std::fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_ids_are_the_manifest_spelling() {
        for s in [
            Stage::Introduced,
            Stage::Amended,
            Stage::Passed,
            Stage::Enrolled,
            Stage::Chaptered,
            Stage::Approved,
            Stage::Filed,
            Stage::Vetoed,
        ] {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.id()));
        }
    }

    #[test]
    fn names() {
        for ok in ["ca-sb1047", "enrolled", "amended-asm-2025-07-08", "v1.2", "a_b"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "..", "../x", "a/b", "A", "-x", "a b", "x..y", "é", &"a".repeat(65)] {
            assert!(!valid_name(bad), "{bad}");
            assert!(check_name("bill", bad).is_err());
        }
    }

    #[test]
    fn line_numbers_count_from_one() {
        assert_eq!(crate::ingest::line_at("a\nb\nc", 0), 1);
        assert_eq!(crate::ingest::line_at("a\nb\nc", 2), 2);
        assert_eq!(crate::ingest::line_at("a\nb\nc", 99), 3);
    }

    #[test]
    fn a_folder_is_written_whole_or_not_at_all() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("lib/ca-sb1");
        let manifest = |title: &str| Manifest {
            id: "ca-sb1".into(),
            jurisdiction: "ca".into(),
            session: "2025–2026 Regular Session".into(),
            measure: "SB 1".into(),
            title: title.into(),
            source: "https://example.org/sb1".into(),
            licence: None,
            note: None,
            versions: vec![ManifestVersion {
                id: "introduced".into(),
                stage: Stage::Introduced,
                house: None,
                date: Date::parse_iso("2025-01-06").unwrap(),
                file: "sb1.txt".into(),
                alternates: Vec::new(),
                source: "https://example.org/sb1/introduced".into(),
                note: None,
            }],
        };
        let files = vec![("sb1.txt".to_string(), b"SECTION 1. Text.".to_vec())];
        let listing = || {
            let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("lib"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert!(!write_folder(&dir, &manifest("One"), &files, false).unwrap());
        assert_eq!(BillFolder::open(&dir).unwrap().manifest.title, "One");
        // There already: refused, and left as it was.
        assert!(matches!(
            write_folder(&dir, &manifest("Two"), &files, false),
            Err(Error::Exists { .. })
        ));
        assert_eq!(BillFolder::open(&dir).unwrap().manifest.title, "One");
        // A file that cannot be written (not a plain name): nothing changes, nothing is left beside it.
        let bad = vec![("../escape.txt".to_string(), Vec::new())];
        assert!(write_folder(&dir, &manifest("Three"), &bad, true).is_err());
        // A manifest that would not open again (no versions): the same.
        assert!(
            write_folder(
                &dir,
                &Manifest {
                    versions: Vec::new(),
                    ..manifest("Four")
                },
                &files,
                true
            )
            .is_err()
        );
        assert_eq!(BillFolder::open(&dir).unwrap().manifest.title, "One");
        assert_eq!(listing(), ["ca-sb1"]);
        // Replaced whole.
        assert!(write_folder(&dir, &manifest("Five"), &files, true).unwrap());
        assert_eq!(BillFolder::open(&dir).unwrap().manifest.title, "Five");
        assert_eq!(listing(), ["ca-sb1"]);
    }

    /// The manifest checks that need no file, as the fuzz target and `BillFolder::open` run them.
    #[test]
    fn manifest_text_is_checked_without_the_folder() {
        let head =
            "id = \"x\"\njurisdiction = \"ca\"\nsession = \"s\"\nmeasure = \"SB 1\"\ntitle = \"t\"\nsource = \"u\"\n";
        let version = |id: &str, file: &str| {
            format!(
                "[[versions]]\nid = \"{id}\"\nstage = \"introduced\"\ndate = \"2025-01-02\"\nfile = \"{file}\"\nsource = \"u\"\n"
            )
        };
        let p = Path::new("bill.toml");
        let problem = |text: &str| match parse_manifest(p, text) {
            Err(Error::Manifest { problem, .. }) => Some(problem),
            Err(e) => panic!("{e:?}"),
            Ok(_) => None,
        };
        assert_eq!(problem(&format!("{head}{}", version("a", "a.txt"))), None);
        assert_eq!(
            problem(&format!("{head}versions = []\n")),
            Some(ManifestProblem::NoVersions)
        );
        assert!(matches!(
            problem(&format!("{head}{}", version("a", "../a.txt"))),
            Some(ManifestProblem::FileNotPlain { .. })
        ));
        assert!(matches!(
            problem(&format!("{head}{}{}", version("a", "a.txt"), version("a", "b.txt"))),
            Some(ManifestProblem::DuplicateVersion { .. })
        ));
        assert!(matches!(problem("id = "), Some(ManifestProblem::Toml { .. })));
    }
}
