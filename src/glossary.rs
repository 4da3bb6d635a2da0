//! The glossary: technical terms of art, as plain data.
//!
//! Bills about AI use words with a technical meaning — "release", "fine-tuning", "model weights" — that
//! they often leave undefined. Each glossary entry names a term, the surface forms a bill may use, how to
//! tell the technical sense from ordinary English (context words on either side), a one-line definition,
//! and a footnote a legislator can read. The entries live in `glossary/*.md` (TOML front matter between
//! `+++` lines, then the footnote in Markdown) and are read and checked by `ingest::glossary`.

use serde::{Deserialize, Serialize};

/// A source an entry draws on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossarySource {
    /// Title, authors, year.
    pub title: String,
    /// Where to read it, when known.
    #[serde(default)]
    pub url: Option<String>,
}

/// A note the glossary attaches to a bill's definition of the term when the definition uses certain words
/// (SB 53's "deploy" takes in "copying" and "modification", which need the weights: what engineers call
/// release).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFlag {
    /// Any of these words (lowercase) in a bill's definition of the term raises the note.
    pub words: Vec<String>,
    /// What the words mean technically, in one or two sentences.
    pub note: String,
}

/// One term of art.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// File stem: `release`, `model-weights`.
    pub id: String,
    /// Headword, lowercase.
    pub term: String,
    /// Surface forms, lowercase; `...` stands for up to eight words (`make ... available`).
    pub forms: Vec<String>,
    /// Ids of related entries.
    pub related: Vec<String>,
    /// One plain sentence.
    pub definition: String,
    /// How to tell the technical sense from ordinary English.
    pub distinguish: String,
    /// Words near a use that mark the technical sense.
    pub technical_context: Vec<String>,
    /// Words near a use that mark the ordinary sense.
    pub ordinary_context: Vec<String>,
    /// Sources.
    pub sources: Vec<GlossarySource>,
    /// Notes on definitions that do not match the technology.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<GlossaryFlag>,
    /// The footnote, in Markdown: the whole entry's text.
    pub footnote: String,
}

impl GlossaryEntry {
    /// The short note a proposal's footnote carries: the entry's first paragraph (a few sentences); the
    /// rest is one click away, on the glossary page and in an HTML redline.
    pub fn note(&self) -> &str {
        let body = self.footnote.trim_start();
        body.split("\n\n").next().unwrap_or(body).trim()
    }
}

/// All entries, sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Glossary {
    /// The entries.
    pub entries: Vec<GlossaryEntry>,
}

impl Glossary {
    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&GlossaryEntry> {
        self.entries.iter().find(|e| e.id == id)
    }
}
