//! Shared helpers: where the corpus and the built-in library are, and how to open bills.

use billdiff::model::Bill;
use std::path::{Path, PathBuf};

/// The crate's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus/ca`. Missing corpus: a loud skip on a developer machine, a failure under CI.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus/ca");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} is missing: CI must run with ../shared beside the project",
            dir.display()
        );
    }
    eprintln!(
        "\n*** SKIPPING: {} not found; corpus tests did not run ***\n",
        dir.display()
    );
    None
}

/// A file of the corpus, or `None` (after a loud message) when the corpus is absent.
pub fn corpus(name: &str) -> Option<PathBuf> {
    corpus_dir().map(|d| d.join(name))
}

/// Every bill text in the corpus.
pub fn corpus_files() -> Vec<PathBuf> {
    let Some(dir) = corpus_dir() else { return Vec::new() };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus dir readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("html" | "txt" | "md")))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "expected the seven corpus texts, found {files:?}");
    files
}

/// The California CAML files of `../shared/corpus/formats/` (nine: AB 2302 and the seven SB 2 versions).
pub fn caml_files() -> Vec<PathBuf> {
    let Some(dir) = corpus_dir().map(|d| d.join("../formats")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("formats dir readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ca-caml-"))
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 9, "the nine CAML files: {files:?}");
    files
}

/// Every version file (main and alternates) of every bill in `bills/`.
pub fn library_files() -> Vec<PathBuf> {
    let folders = billdiff::ingest::library::list(&root().join("bills")).expect("bills/ lists");
    assert!(folders.len() >= 2, "bills/ should hold SB 1047 and SB 53");
    let mut out = Vec::new();
    for f in folders {
        for v in &f.manifest.versions {
            out.push(f.dir.join(&v.file));
            out.extend(v.alternates.iter().map(|a| f.dir.join(a)));
        }
    }
    out
}

/// Open and parse a bill file or folder.
pub fn open(path: &Path) -> Bill {
    billdiff::pipeline::open(path, None, None)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .bill
}

/// Copy a file, or a folder with everything in it, to `to`; the copies are writable (the corpus is read-only).
pub fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
        let mut perm = std::fs::metadata(to).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perm.set_readonly(false);
        std::fs::set_permissions(to, perm).unwrap();
    }
}
