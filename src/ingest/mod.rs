//! Ingest: the only library code that touches files — it reads every input, and writes the library's own
//! files (a bill folder's text and manifest, a saved proposal) atomically ([`write_atomic`]).
//!
//! A bill arrives in one of several published forms — the leginfo HTML page, plain text copied from it
//! (or LegiScan's layout), a Markdown transcription, CAML XML, or a line-numbered print: New York's LBDC
//! page (the print in `<pre>`) or its text, a Texas bill PDF. `print` reads a print's layout (margin
//! numbers, page furniture, indents, words broken at line ends) into paragraphs for the text, HTML and
//! PDF readers; `pdf` lays a PDF's glyphs out as lines first (PDFs are recognized by their `%PDF-`
//! header before any text check). Ingest turns each form into the same plain data, a [`Document`]: the sequence of blocks (paragraphs and headings) a reader sees, with presentation noise
//! folded away ([`normalize`]) and an indentation hint where the form carries one. Everything about bill
//! structure — which block is a section, which label opens a paragraph — is left to `parse`, so all input
//! forms go through one structure builder and give one tree.
//!
//! [`library`] reads bill folders (`bills/<bill>/bill.toml` plus version files) and edits their manifests;
//! [`glossary`] reads the glossary of technical terms of art (built into the binary, or a folder);
//! [`proposal`] and [`letter`] read proposal and letter files; [`pubinfo`] imports the California
//! Legislature's pubinfo tables into bill folders and the law store, which [`law`] reads; [`leginfo`]
//! holds California's identifiers (bill ids, sessions, stages, version ids) they share and reads leginfo's
//! bill pages for [`fetch`], which downloads a measure's versions into a bill folder (the `fetch`
//! feature: the only library code that opens a network connection).

mod akn;
mod caml;
mod clml;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod glossary;
mod html;
pub mod law;
pub mod leginfo;
pub mod letter;
pub mod library;
pub(crate) mod markdown;
mod pdf;
mod print;
pub mod proposal;
pub mod pubinfo;
mod text;
mod uslm;
mod waxml;
mod xml;

pub use xml::{Change, Marks, Piece, Side};

use crate::error::{BinaryProblem, Error, NoFileName, NotABillReason, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use crate::model::InputFormat;
pub use library::{BillFolder, Manifest, ManifestVersion};

/// Largest input billdiff reads as one bill. Real bills are well under 1 MB; the limit keeps a wrong
/// file (a database dump, a video) from being read whole into memory.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// What a block was in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading (`<h2>`, `## ...`), with its level.
    Heading(u8),
    /// A paragraph, table cell, list item or line.
    Paragraph,
}

/// One paragraph or heading of the source, normalized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// The block's text, normalized (see [`normalize`]); never empty.
    pub text: String,
    /// Heading or paragraph.
    pub kind: BlockKind,
    /// Nesting depth suggested by the layout (HTML margin, Markdown `&nbsp;` indent): 0 for flush left.
    /// `None` when the form carries no such hint.
    pub indent: Option<u8>,
}

/// A source read into blocks: what `parse` consumes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The file name (or other label) the document came from, for messages.
    pub source_name: String,
    /// The form it was read as.
    pub format: InputFormat,
    /// Its blocks, in reading order: the text as this version reads.
    pub blocks: Vec<Block>,
    /// Where the body starts (its first block), when the format says (an XML reader knows its `body`);
    /// `None` leaves it to `parse`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_start: Option<usize>,
    /// The drafting style the format itself names (`us` for USLM, `uk` for CLML), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    /// The official change marks the file carries (CAML, USLM, Washington XML, Akoma Ntoso), from which
    /// both texts of the marked change are rebuilt; `None` when it carries none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marks: Option<Marks>,
    /// The defined terms the markup names, in order; `None` when the format marks no definitions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Vec<String>>,
    /// What the markup itself says the text is (a CAML `caml:LawSection` is a section of a code, however
    /// plainly it reads); `None` leaves it to `parse`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::model::DocumentKind>,
}

impl Document {
    /// A document of plain blocks, with nothing the markup says beside them.
    pub fn of_blocks(source_name: &str, format: InputFormat, blocks: Vec<Block>) -> Document {
        Document {
            source_name: source_name.into(),
            format,
            blocks,
            body_start: None,
            style: None,
            marks: None,
            terms: None,
            kind: None,
        }
    }

    /// A document of a text that is already a paragraph a line (a bill's body text, as `parse` builds it;
    /// a section of the law store): each non-blank line one block, however short its lines are (a table's
    /// rows are not a hard-wrapped paragraph).
    pub fn of_lines(source_name: &str, text: &str) -> Document {
        let blocks = text
            .lines()
            .filter_map(|l| block(l, BlockKind::Paragraph, None))
            .collect();
        Document::of_blocks(source_name, InputFormat::Text, blocks)
    }

    /// One side of the document's official change marks, as a document of its own (the marks and the
    /// terms stay with the original); `None` when it carries no marks.
    pub fn side(&self, side: Side) -> Option<Document> {
        let marks = self.marks.as_ref()?;
        Some(marks.document(side, &self.source_name, self.format, self.style.clone()))
    }
}

/// Read a file and decode it into blocks. `format` overrides detection.
pub fn read(path: &Path, format: Option<InputFormat>) -> Result<Document> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    if meta.is_dir() {
        return Err(Error::NotABill {
            source_name: name,
            reason: NotABillReason::FolderWithoutManifest,
        });
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            source_name: name,
            size: meta.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode(&name, &bytes, format)
}

/// Read a text file (size-limited, checked to be text, without a byte-order mark).
pub fn read_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            source_name: path.display().to_string(),
            size: meta.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(as_text(&path.display().to_string(), &bytes)?.to_string())
}

/// Write `contents` to `path` atomically: to a temporary file beside it, synced, then renamed over it. On
/// any error nothing is left at `path` (an existing file is untouched) and the temporary file is removed.
/// The CLI's `-o` files and the web server's saved proposals and uploads are written this way, so no
/// reader ever sees half a file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| Error::io(path, std::io::Error::other(NoFileName)))?;
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{seq}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// [`write_atomic`] for a file a user names or saves (an `-o` output, a proposal saved from the web): first
/// the temporary files earlier writers of the same file left when they were killed mid-write are removed
/// (`.{name}.{pid}.{seq}.tmp` of a process that no longer runs; only where `/proc` tells which run). Bulk
/// library writes use [`write_atomic`] alone: they would list a large folder once per file.
pub fn write_output(path: &Path, contents: &[u8]) -> Result<()> {
    sweep_stale_temporaries(path);
    write_atomic(path, contents)
}

fn sweep_stale_temporaries(path: &Path) {
    let proc = Path::new("/proc");
    let (Some(name), true) = (path.file_name().map(|n| n.to_string_lossy().to_string()), proc.is_dir()) else {
        return;
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().to_string();
        let Some(rest) = file.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".tmp")) else {
            continue;
        };
        let Some(pid) = rest.split('.').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !proc.join(pid.to_string()).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Read a file's bytes as they are (the indexer hashes them before parsing).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Whether anything is at `path` (the pipeline asks through here: only `ingest` looks at the disk).
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// Whether `path` is a folder.
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// The 1-based line of byte offset `byte` in `text` (clamped to the end): how every TOML error names its
/// line.
pub fn line_at(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line a TOML parse error points at, if it points anywhere.
pub(crate) fn toml_line(text: &str, e: &toml::de::Error) -> Option<usize> {
    e.span().map(|s| line_at(text, s.start))
}

/// Decode bytes into blocks, detecting the format unless given. Pure: no I/O.
pub fn decode(source_name: &str, bytes: &[u8], format: Option<InputFormat>) -> Result<Document> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            source_name: source_name.into(),
            size: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    // PDFs are binary: recognized by their header before the text checks (the header may follow a few
    // bytes of junk; readers look in the first kilobyte).
    let pdf_header = bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-");
    if format == Some(InputFormat::Pdf) || (format.is_none() && pdf_header) {
        return Ok(Document::of_blocks(
            source_name,
            InputFormat::Pdf,
            pdf::blocks(source_name, bytes)?,
        ));
    }
    let text = as_text(source_name, bytes)?;
    if text.trim().is_empty() {
        return Err(Error::Empty {
            source_name: source_name.into(),
        });
    }
    let format = match format {
        Some(f) => f,
        None => detect_xml(source_name, text)?.unwrap_or_else(|| detect(source_name, text)),
    };
    let plain = |blocks| Ok(Document::of_blocks(source_name, format, blocks));
    match format {
        InputFormat::Html => html::document(source_name, text),
        InputFormat::Text => plain(text::blocks(text)),
        InputFormat::Markdown => plain(markdown::blocks(source_name, text)?),
        InputFormat::Pdf => plain(pdf::blocks(source_name, bytes)?),
        InputFormat::Caml => Ok(caml::layout(source_name, text)?.into_document(source_name, format)),
        InputFormat::Uslm => Ok(uslm::layout(source_name, text)?.into_document(source_name, format)),
        InputFormat::Akn => Ok(akn::layout(source_name, text)?.into_document(source_name, format)),
        InputFormat::Clml => Ok(clml::layout(source_name, text)?.into_document(source_name, format)),
        InputFormat::WaXml => Ok(waxml::layout(source_name, text)?.into_document(source_name, format)),
    }
}

/// The official XML format a text is in, from its root element; an XML document (one that opens with an
/// XML declaration) whose root is neither a known format nor a web page is an error naming the root.
fn detect_xml(source_name: &str, text: &str) -> Result<Option<InputFormat>> {
    let head = xml::head(text);
    if !head.starts_with('<') {
        return Ok(None);
    }
    if let Some(f) = xml::format_of(&head) {
        return Ok(Some(f));
    }
    let webby = ["<html", "<!doctype html", "<body", "<div", "<head"]
        .iter()
        .any(|t| head.contains(t));
    if head.starts_with("<?xml") && !webby {
        let doc = xml::parse(source_name, text)?;
        return Err(xml::unknown_root(source_name, doc.root_element()));
    }
    Ok(None)
}

/// Check the bytes are text and return them as `&str` (without a byte-order mark).
fn as_text<'a>(source_name: &str, bytes: &'a [u8]) -> Result<&'a str> {
    let binary = |why: BinaryProblem| Error::Binary {
        source_name: source_name.into(),
        why,
    };
    // A NUL in the first 8 KiB is the classic sign of a binary file (git and ripgrep use the same test).
    if let Some(i) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(binary(BinaryProblem::NulByte { offset: i }));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        binary(BinaryProblem::InvalidUtf8 {
            valid_up_to: e.valid_up_to(),
        })
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Guess the form from the content; the file name only breaks ties.
pub fn detect(source_name: &str, text: &str) -> InputFormat {
    let head: String = text
        .trim_start()
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    // New York's feed delivers a print as a bare fragment (`<STYLE>…<PRE>`), without `<html>`; inside an
    // XML record's CDATA section it is not HTML markup.
    let print_fragment = head.contains("<pre") && !head.contains("<![cdata[");
    if head.starts_with('<')
        && (["<html", "<!doctype", "<body", "<div", "<?xml", "<head"]
            .iter()
            .any(|t| head.contains(t))
            || print_fragment)
    {
        return InputFormat::Html;
    }
    let markdownish = text.lines().take(400).any(|l| {
        let l = l.trim_start();
        l.starts_with("# ")
            || l.starts_with("## ")
            || l.starts_with("### ")
            || l.starts_with("**")
            || l.starts_with("&nbsp;")
    });
    if markdownish {
        return InputFormat::Markdown;
    }
    let lower = source_name.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        InputFormat::Markdown
    } else if lower.ends_with(".html") || lower.ends_with(".htm") {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

/// Fold presentation noise, keep meaning.
///
/// Line breaks inside a paragraph, runs of spaces and tabs, non-breaking and other fixed-width spaces
/// all become one ordinary space; zero-width characters and soft hyphens disappear; the ends are trimmed.
/// Curly quotes, dashes, `10^26`, `$100,000,000` are text and stay exactly as they are.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match c {
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_whitespace() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// Make a block from raw text, or nothing if it normalizes to empty.
fn block(raw: &str, kind: BlockKind, indent: Option<u8>) -> Option<Block> {
    let text = normalize(raw);
    (!text.is_empty()).then_some(Block { text, kind, indent })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_noise_and_keeps_meaning() {
        assert_eq!(
            normalize("  (a)\u{a0}“Covered\n\t model”  costs $100,000,000\u{200b} at 10^26 "),
            "(a) “Covered model” costs $100,000,000 at 10^26"
        );
        assert_eq!(normalize("\u{a0}\u{a0}\n"), "");
    }

    #[test]
    fn detects_forms_by_content() {
        assert_eq!(detect("x.txt", "<!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(detect("x.txt", "## SECTION 1.\ntext"), InputFormat::Markdown);
        assert_eq!(detect("x", "SECTION 1. text"), InputFormat::Text);
        assert_eq!(detect("x.md", "SECTION 1. text"), InputFormat::Markdown);
    }

    #[test]
    fn rejects_binary_and_empty() {
        assert!(matches!(decode("b", b"ab\0cd", None), Err(Error::Binary { .. })));
        assert!(matches!(
            decode("b", &[0xff, 0xfe, 0x41], None),
            Err(Error::Binary { .. })
        ));
        assert!(matches!(decode("e", b"  \n\n ", None), Err(Error::Empty { .. })));
    }
}
