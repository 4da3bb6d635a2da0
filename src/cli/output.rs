//! Writing results: to stdout (a closed pipe ends the program quietly) or atomically to a file.

use std::io::{self, Write};

/// Write `s` to stdout. A closed pipe (`billdiff outline x | head`) is not an error.
pub fn stdout(s: &str) -> anyhow::Result<()> {
    stdout_bytes(s.as_bytes())
}

/// Write bytes to stdout; a closed pipe is not an error.
pub fn stdout_bytes(b: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(b).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

/// Write `contents` to `path` atomically: to a temporary file beside it, then renamed over it. On any
/// error nothing is left at `path` (an existing file is untouched) and the temporary file is removed.
pub fn write_atomic(path: &std::path::Path, contents: &str) -> anyhow::Result<()> {
    write_atomic_bytes(path, contents.as_bytes())
}

/// [`write_atomic`] for bytes.
pub fn write_atomic_bytes(path: &std::path::Path, contents: &[u8]) -> anyhow::Result<()> {
    Ok(billdiff::ingest::write_output(path, contents)?)
}

/// A progress bar of `len` steps on stderr, in `template` (indicatif's), when stderr is a terminal;
/// hidden otherwise (a pipe or a log gets no bar).
pub fn progress(len: u64, template: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}
