//! Reading `glossary/*.md`: TOML front matter between `+++` lines, then the footnote in Markdown.
//!
//! Every entry is checked when it is read — required keys present and typed, forms lowercase and
//! non-empty, related entries existing, a footnote present — and a broken entry is an error naming the
//! file and the line.

use crate::error::{Error, GlossaryProblem, Result};
use crate::glossary::{Glossary, GlossaryEntry, GlossaryFlag, GlossarySource};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    term: String,
    forms: Vec<String>,
    related: Vec<String>,
    definition: String,
    distinguish: String,
    technical_context: Vec<String>,
    ordinary_context: Vec<String>,
    sources: Vec<GlossarySource>,
    #[serde(default)]
    flags: Vec<GlossaryFlag>,
}

fn err(path: &Path, line: Option<usize>, problem: GlossaryProblem) -> Error {
    Error::Glossary {
        path: path.to_path_buf(),
        line,
        problem,
    }
}

/// Parse one entry from its file's text. Pure: `path` is only used in messages and for the id.
pub fn parse_entry(path: &Path, text: &str) -> Result<GlossaryEntry> {
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| err(path, None, GlossaryProblem::FileNameNotUtf8))?
        .to_string();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or_else(|| err(path, Some(1), GlossaryProblem::NoFrontMatter))?;
    let close = rest
        .find("\n+++")
        .ok_or_else(|| err(path, None, GlossaryProblem::FrontMatterUnclosed))?;
    let toml_text = &rest[..=close];
    let body = rest[close + 4..].trim();
    let fm: FrontMatter = toml::from_str(toml_text).map_err(|e| {
        // +1 for the opening +++ line.
        let line = super::toml_line(toml_text, &e).map(|l| l + 1);
        err(
            path,
            line,
            GlossaryProblem::Toml {
                message: e.message().to_string(),
            },
        )
    })?;
    let line_of = |needle: &str| {
        toml_text
            .lines()
            .position(|l| l.trim_start().starts_with(needle))
            .map(|i| i + 2)
    };
    if fm.term.trim().is_empty() {
        return Err(err(path, line_of("term"), GlossaryProblem::EmptyTerm));
    }
    if fm.forms.is_empty() {
        return Err(err(path, line_of("forms"), GlossaryProblem::EmptyForms));
    }
    for f in &fm.forms {
        if f.trim().is_empty() || f.to_lowercase() != *f {
            return Err(err(
                path,
                line_of("forms"),
                GlossaryProblem::FormNotLowercase { form: f.clone() },
            ));
        }
        if f.trim() == "..." || f.starts_with("...") || f.ends_with("...") {
            return Err(err(
                path,
                line_of("forms"),
                GlossaryProblem::FormEllipsisAtEdge { form: f.clone() },
            ));
        }
    }
    if fm.definition.trim().is_empty() {
        return Err(err(path, line_of("definition"), GlossaryProblem::EmptyDefinition));
    }
    if fm.sources.is_empty() {
        return Err(err(path, line_of("[[sources]]"), GlossaryProblem::NoSources));
    }
    if body.is_empty() {
        return Err(err(path, None, GlossaryProblem::EmptyFootnote));
    }
    Ok(GlossaryEntry {
        id,
        term: fm.term,
        forms: fm.forms,
        related: fm.related,
        definition: fm.definition,
        distinguish: fm.distinguish,
        technical_context: fm.technical_context,
        ordinary_context: fm.ordinary_context,
        sources: fm.sources,
        flags: fm.flags,
        footnote: body.to_string(),
    })
}

/// The glossary billdiff ships, embedded in the binary at build time from `glossary/`, so an installed
/// `billdiff` has it in any directory. Nothing on disk is read.
static BUILT_IN: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/glossary");

/// The built-in glossary (`glossary/` as it was at build time), parsed and checked like one read from a
/// folder.
pub fn built_in() -> Result<Glossary> {
    let files = BUILT_IN
        .files()
        .filter_map(|f| Some((Path::new("glossary").join(f.path()), f.contents_utf8()?.to_string())))
        .collect();
    from_files(Path::new("glossary"), files)
}

/// The glossary in `dir` when one is given (a `--glossary` option, `$BILLDIFF_GLOSSARY`), else the
/// built-in one. A folder is never picked up implicitly from the working directory.
pub fn load(dir: Option<&Path>) -> Result<Glossary> {
    match dir {
        Some(d) => read(d),
        None => built_in(),
    }
}

/// Read every `*.md` entry in `dir` (a `README.md` is documentation, not an entry) and check the
/// cross-references between entries.
pub fn read(dir: &Path) -> Result<Glossary> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for p in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if is_entry(&p) {
            let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
            files.push((p, text));
        }
    }
    from_files(dir, files)
}

fn is_entry(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "md") && p.file_name().is_some_and(|n| n != "README.md")
}

/// Parse and cross-check entries given as (path, text). Pure: `dir` and the paths are for messages.
fn from_files(dir: &Path, mut files: Vec<(PathBuf, String)>) -> Result<Glossary> {
    files.retain(|(p, _)| is_entry(p));
    files.sort();
    let mut out = Vec::with_capacity(files.len());
    for (f, text) in &files {
        out.push(parse_entry(f, text)?);
    }
    for (e, (f, text)) in out.iter().zip(&files) {
        for r in &e.related {
            if !out.iter().any(|o| &o.id == r) {
                let line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with("related"))
                    .map(|i| i + 1);
                return Err(err(f, line, GlossaryProblem::UnknownRelated { id: r.clone() }));
            }
        }
    }
    if out.is_empty() {
        return Err(err(dir, None, GlossaryProblem::NoEntries));
    }
    Ok(Glossary { entries: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nterm = \"release\"\nforms = [\"release\", \"make ... available\"]\nrelated = []\ndefinition = \"d\"\ndistinguish = \"x\"\ntechnical_context = [\"model\"]\nordinary_context = []\n[[sources]]\ntitle = \"t\"\n+++\n\nThe footnote.\n";

    #[test]
    fn the_built_in_glossary_is_the_folder() {
        let built_in = built_in().unwrap();
        let folder = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary")).unwrap();
        assert!(built_in.entries.len() >= 20);
        let ids = |g: &Glossary| g.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&built_in), ids(&folder));
        assert_eq!(built_in.entries[0].footnote, folder.entries[0].footnote);
    }

    /// The glossary explains the technology neutrally and names technical sources: no entry speaks for
    /// an essay or argues a position, every entry cites something besides the bills, and the note a
    /// proposal's footnote carries (the first paragraph) is a few sentences.
    #[test]
    fn entries_are_neutral_sourced_and_their_notes_short() {
        let g = built_in().unwrap();
        for e in &g.entries {
            let all = format!("{} {} {}", e.definition, e.distinguish, e.footnote).to_lowercase();
            for phrase in ["essay", " argues", "recommends", "we propose", "should be regulated"] {
                assert!(!all.contains(phrase), "{}: {phrase:?}", e.id);
            }
            let technical = e
                .sources
                .iter()
                .filter(|s| !s.title.starts_with("SB ") && !s.title.contains("Howard, “A policy maker"))
                .count();
            // The bills' own sections explain these two: they are the bills' terms, not the field's.
            if !["computing-cluster", "full-shutdown"].contains(&e.id.as_str()) {
                assert!(technical >= 1, "{}: no technical source", e.id);
            }
            let note = e.note();
            let sentences = note.matches(". ").count() + 1;
            let words = note.split_whitespace().count();
            assert!(
                (2..=8).contains(&sentences) && words <= 160,
                "{}: {sentences} sentences, {words} words",
                e.id
            );
            assert!(
                note.len() < e.footnote.trim().len(),
                "{}: the note is part of the entry",
                e.id
            );
        }
    }

    #[test]
    fn reads_an_entry() {
        let e = parse_entry(Path::new("glossary/release.md"), GOOD).unwrap();
        assert_eq!(
            (e.id.as_str(), e.term.as_str(), e.footnote.as_str()),
            ("release", "release", "The footnote.")
        );
        assert_eq!(e.forms.len(), 2);
    }

    #[test]
    fn broken_entries_name_file_and_line() {
        let p = Path::new("glossary/x.md");
        let e = parse_entry(p, &GOOD.replace("definition = \"d\"", "definition = d")).unwrap_err();
        assert_eq!(e.to_string().split(": ").next(), Some("glossary/x.md:5"), "{e}");
        let e = parse_entry(p, &GOOD.replace("\"release\", \"make", "\"Release\", \"make")).unwrap_err();
        assert!(e.to_string().starts_with("glossary/x.md:3: form \"Release\""), "{e}");
        let e = parse_entry(p, &GOOD.replace("definition", "defn")).unwrap_err();
        assert!(e.to_string().contains("unknown field"), "{e}");
        assert!(
            parse_entry(p, "no front matter")
                .unwrap_err()
                .to_string()
                .contains("glossary/x.md:1")
        );
        assert!(
            parse_entry(p, &GOOD.replace("The footnote.", ""))
                .unwrap_err()
                .to_string()
                .contains("footnote")
        );
    }
}
