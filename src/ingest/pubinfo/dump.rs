//! A pubinfo dump as named byte sources: the files of a folder (searched through its subfolders) or the
//! entries of a zip archive, each named by its path inside the dump with `/` separators. Everything after
//! opening — finding the tables, reading them, reading the `.lob` files their rows name — goes through
//! [`Dump::names`] and [`Dump::read`], so a folder and a zip are one code path.

use crate::error::{Error, PubinfoProblem, Result};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest entry read (a whole session's LAW_SECTION_TBL.dat is well under this).
pub(super) const MAX_ENTRY_BYTES: u64 = 1024 * 1024 * 1024;

/// How deep a folder dump is searched.
const MAX_DEPTH: usize = 8;

enum Backing {
    Folder(BTreeMap<String, PathBuf>),
    Zip(Box<zip::ZipArchive<std::fs::File>>),
}

/// An opened dump.
pub(super) struct Dump {
    /// The dump's name for messages and sources: the folder's or the zip's file name.
    pub name: String,
    names: Vec<String>,
    backing: Backing,
}

impl Dump {
    /// Open a folder or a zip archive; anything else is not a dump.
    pub fn open(path: &Path) -> Result<Dump> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        let name = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().to_string());
        if meta.is_dir() {
            let files = folder_files(path)?;
            return Ok(Dump {
                name,
                names: files.keys().cloned().collect(),
                backing: Backing::Folder(files),
            });
        }
        let bad = |problem| Error::Pubinfo {
            source_name: path.display().to_string(),
            problem,
        };
        let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut magic = [0u8; 4];
        let n = file.read(&mut magic).map_err(|e| Error::io(path, e))?;
        // A zip opens with a local file header (or, empty, with the end of its central directory).
        if n < 4 || !(magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06") {
            return Err(bad(PubinfoProblem::NotAZip));
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let archive = zip::ZipArchive::new(file).map_err(|e| bad(PubinfoProblem::BadZip { message: e.to_string() }))?;
        let mut names: Vec<String> = archive
            .file_names()
            .filter(|n| !n.ends_with('/'))
            .map(str::to_string)
            .collect();
        names.sort();
        Ok(Dump {
            name,
            names,
            backing: Backing::Zip(Box::new(archive)),
        })
    }

    /// Every entry's name, sorted.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The bytes of entry `name`; `None` when the dump has no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let too_large = |size: u64| Error::Pubinfo {
            source_name: self.name.clone(),
            problem: PubinfoProblem::TooLarge {
                entry: name.to_string(),
                size,
                limit: MAX_ENTRY_BYTES,
            },
        };
        match &mut self.backing {
            Backing::Folder(files) => {
                let Some(path) = files.get(name) else { return Ok(None) };
                let size = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
                if size > MAX_ENTRY_BYTES {
                    return Err(too_large(size));
                }
                std::fs::read(path).map(Some).map_err(|e| Error::io(path, e))
            }
            Backing::Zip(archive) => {
                let mut entry = match archive.by_name(name) {
                    Ok(e) => e,
                    Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                    Err(e) => {
                        return Err(Error::Pubinfo {
                            source_name: format!("{}/{name}", self.name),
                            problem: PubinfoProblem::BadZip { message: e.to_string() },
                        });
                    }
                };
                if entry.size() > MAX_ENTRY_BYTES {
                    return Err(too_large(entry.size()));
                }
                let mut bytes = Vec::with_capacity(entry.size() as usize);
                // The declared size bounds the allocation; `take` bounds what a lying header can add.
                (&mut entry)
                    .take(MAX_ENTRY_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::Pubinfo {
                        source_name: format!("{}/{name}", self.name),
                        problem: PubinfoProblem::BadZip { message: e.to_string() },
                    })?;
                if bytes.len() as u64 > MAX_ENTRY_BYTES {
                    return Err(too_large(bytes.len() as u64));
                }
                Ok(Some(bytes))
            }
        }
    }
}

/// The files under `root` (not following symbolic links), by their path relative to it.
fn folder_files(root: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![(root.to_path_buf(), String::new(), 0usize)];
    while let Some((dir, prefix, depth)) = todo.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for e in entries {
            let e = e.map_err(|e| Error::io(&dir, e))?;
            let Ok(kind) = e.file_type() else { continue };
            let name = e.file_name().to_string_lossy().to_string();
            let rel = format!("{prefix}{name}");
            if kind.is_dir() && depth < MAX_DEPTH {
                todo.push((e.path(), format!("{rel}/"), depth + 1));
            } else if kind.is_file() {
                out.insert(rel, e.path());
            }
        }
    }
    Ok(out)
}
