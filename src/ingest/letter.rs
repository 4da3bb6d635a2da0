//! Reading letter files (TOML). A syntax error names the line; what is missing or contradictory is
//! reported by `letter::validate`.

use crate::error::{Error, Result};
use crate::letter::{Letter, RawLetter, validate};
use std::path::Path;

/// Parse a letter file's text into the raw letter. Pure.
pub fn parse(source_name: &str, text: &str) -> Result<RawLetter> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| {
            text.as_bytes()[..s.start.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        });
        Error::Letter {
            source_name: match line {
                Some(l) => format!("{source_name}:{l}"),
                None => source_name.to_string(),
            },
            message: e.message().trim().to_string(),
        }
    })
}

/// Read and check a letter file.
pub fn read(path: &Path) -> Result<Letter> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let raw = parse(&path.display().to_string(), &text)?;
    validate(&raw, path)
}
