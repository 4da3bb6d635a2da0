//! Reading letter files (TOML) into the raw letter, and finding the files a letter names. A syntax error
//! names the line; what is missing or contradictory is reported by `letter::validate`, which looks at no
//! file.

use crate::error::{Error, LetterProblem, Result};
use crate::model::letter::RawLetter;
use std::path::{Path, PathBuf};

/// Parse a letter file's text into the raw letter. Pure.
pub fn parse(source_name: &str, text: &str) -> Result<RawLetter> {
    toml::from_str(text).map_err(|e| Error::Letter {
        source_name: source_name.to_string(),
        line: super::toml_line(text, &e),
        problem: LetterProblem::Toml {
            message: e.message().trim().to_string(),
        },
    })
}

/// Where the files a letter names are on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The bill folder.
    pub bill: PathBuf,
    /// The proposal file, if the letter attaches one.
    pub proposal: Option<PathBuf>,
}

/// Resolve the bill and proposal a letter names (`bill`, `proposal`, as written) against the folder of the
/// letter file at `letter_path`: the bill is a folder relative to the letter, or a bill id in the library
/// the letter sits in (`bills/<id>/letters/`); the proposal is relative to the letter.
pub fn locate(letter_path: &Path, bill: &str, proposal: Option<&str>) -> Result<Located> {
    let dir = letter_path.parent().unwrap_or(Path::new("."));
    let bill_dir = [dir.join(bill), dir.join("../..").join(bill)]
        .into_iter()
        .find(|p| p.exists())
        .ok_or_else(|| Error::Letter {
            source_name: letter_path.display().to_string(),
            line: None,
            problem: LetterProblem::BillNotFound { bill: bill.to_string() },
        })?;
    Ok(Located {
        bill: bill_dir,
        proposal: proposal.map(|p| dir.join(p)),
    })
}

/// Read a letter file into the raw letter (checked by `letter::validate`).
pub fn read(path: &Path) -> Result<RawLetter> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&path.display().to_string(), &text)
}
