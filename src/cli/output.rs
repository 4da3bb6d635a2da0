//! Writing results: to stdout (a closed pipe ends the program quietly) or atomically to a file.

use std::io::{self, Write};

/// Write `s` to stdout. A closed pipe (`billdiff outline x | head`) is not an error.
pub fn stdout(s: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
