//! The law store: current code sections, as `billdiff import pubinfo` writes them from the Legislature's
//! LAW_SECTION_TBL, for reading a bill's amendments against the law they amend.
//!
//! The store is a folder (`law/`, beside the bill library): `codes.toml` names the codes (`EDC` =
//! Education Code), and each section is one file, `law/<code>/<section>.toml` (`law/edc/48859.toml`),
//! holding every version of it the table holds — most sections have one; a section with a later operative
//! version (Government Code 100501) has two — each with its history line, its place in the code, where it
//! came from, a content hash, and its text as published: a CAML fragment (`caml:Content`). In the
//! California Constitution sections are numbered within articles: `law/cons/i-2.toml` is article I,
//! section 2. One file per section keeps an update atomic: a daily import rewrites only the sections that
//! changed.
//!
//! [`Store::section`] looks a section up by code (abbreviation or name) and number; [`Store::current_law`]
//! finds, for a bill section whose action line amends or repeals code sections, each one's current text.
//!
//! Other jurisdictions' current law goes in with [`Store::put`] (`billdiff import law`): a section's text
//! as that jurisdiction's bills restate it (`(1) …` for a section of the Revised Code of Washington,
//! `§ 7-104. … 1. …` for a section of a New York law), kept as plain text (`form = "text"`).

use super::Document;
use crate::error::{Error, LawPutProblem, Result};
use crate::model::{ActionVerb, Date, InputFormat, Provision};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The codes file's name.
pub const CODES: &str = "codes.toml";

/// `codes.toml`: abbreviation → name (`EDC` → `Education Code`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// The codes.
    #[serde(default)]
    pub codes: BTreeMap<String, String>,
}

/// One section file: a section of a code with every version of it in the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawSection {
    /// The code's abbreviation, as the tables write it: `EDC`, `BPC`, `CONS`.
    pub code: String,
    /// The section's number, without its period: `48859`, `48900.2`, `2`.
    pub section: String,
    /// For the Constitution, the article the section is in (`I`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// The versions in force, in the order of their ids.
    pub versions: Vec<LawVersion>,
}

/// One version of a section, as one row of LAW_SECTION_TBL and its `.lob`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawVersion {
    /// The row's id (`EDC48859.20213946`).
    pub id: String,
    /// The history line: `Amended by Stats. 2021, Ch. 394, Sec. 6. (AB 27) Effective September 29, 2021.`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<String>,
    /// The effective date, when the table gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    /// The statute that made this text: year, chapter and section (`2021`, `394`, `6`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statutes: Option<String>,
    /// The statute's chapter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statute_chapter: Option<String>,
    /// The statute's section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statute_section: Option<String>,
    /// Where the section stands in its code: division, title, part, chapter, article, as numbered
    /// (`division = "4."`); only the levels the code has.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub place: BTreeMap<String, String>,
    /// Where the text came from: the dump and its `.lob` file.
    pub source: String,
    /// The row's `trans_update`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trans_update: Option<String>,
    /// `sha256:` and the hash of the row and text as imported.
    pub hash: String,
    /// The form of [`LawVersion::text`].
    #[serde(default, skip_serializing_if = "LawForm::is_caml")]
    pub form: LawForm,
    /// The text as published: a CAML fragment (`<caml:Content>…</caml:Content>`), or plain text.
    pub text: String,
}

/// The form a section's text is kept in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LawForm {
    /// A CAML fragment, as California's LAW_SECTION_TBL gives it.
    #[default]
    Caml,
    /// Plain text, a paragraph a line, as the jurisdiction's bills restate the section.
    Text,
}

impl LawForm {
    fn is_caml(&self) -> bool {
        *self == LawForm::Caml
    }
}

impl LawSection {
    /// The section as a document of code text: its number joined to its first paragraph
    /// (`48859. For purposes of this chapter, …`), read by the CAML reader, so that `parse` gives a
    /// code section at path `48859` (in the Constitution, a section at `SEC. 2`). `version` indexes
    /// [`LawSection::versions`] (past the end: the last).
    pub fn document(&self, version: usize) -> Result<Document> {
        let Some(v) = self.versions.get(version).or_else(|| self.versions.last()) else {
            return Err(Error::Empty {
                source_name: format!("{}/{}.toml", self.code.to_lowercase(), self.file_stem()),
            });
        };
        let name = format!("{}/{} ({})", self.code.to_lowercase(), self.file_stem(), v.id);
        if v.form == LawForm::Text {
            return Ok(Document::of_lines(&name, &v.text));
        }
        let content = v.text.trim_start();
        // An XML declaration may open the fragment; inside the wrapper it would not be well formed.
        let content = match content.strip_prefix("<?xml") {
            Some(rest) => rest.split_once("?>").map_or(content, |(_, r)| r),
            None => content,
        };
        let xml = format!(
            "<caml:LawSection xmlns:caml=\"{}\"><caml:Num>{}</caml:Num><caml:LawSectionVersion>{content}</caml:LawSectionVersion></caml:LawSection>",
            super::caml::NAMESPACE,
            escape(&self.printed_number())
        );
        super::decode(&name, xml.as_bytes(), Some(InputFormat::Caml))
    }

    /// The number as the law prints it: `48859.`; in the Constitution `SECTION 1.` for an article's first
    /// section and `SEC. 2.` for the others (which read as sections the way a constitutional amendment
    /// restates them).
    pub fn printed_number(&self) -> String {
        match (&self.article, self.section.as_str()) {
            (Some(_), "1") => "SECTION 1.".to_string(),
            (Some(_), n) => format!("SEC. {n}."),
            (None, n) => format!("{n}."),
        }
    }

    /// The file's name in its code's folder, without `.toml`: `48859`, `i-2`.
    pub fn file_stem(&self) -> String {
        stem(self.article.as_deref(), &self.section)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A section number as the store keys it: without a trailing period and without `SECTION`/`SEC.`
/// (`48900.2.` → `48900.2`, `SEC. 2.` → `2`).
pub fn section_number(num: &str) -> String {
    let n = num.trim();
    let lower = n.to_ascii_lowercase();
    let n = ["section ", "sec. ", "sec "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(n, |p| n[p.len()..].trim_start());
    n.trim_end_matches('.').trim().to_string()
}

/// A section's file stem: its number, after its article in the Constitution, lowercased.
pub(crate) fn stem(article: Option<&str>, section: &str) -> String {
    match article {
        Some(a) => format!("{}-{}", a.trim().trim_end_matches('.'), section),
        None => section.to_string(),
    }
    .to_lowercase()
}

/// For a code section a bill's action line names: the code and number as the bill names them, and the
/// section in the store, if it is there.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentLaw {
    /// The code as the action line names it (`Education Code`).
    pub code: String,
    /// The section number as the action line names it (`48859`).
    pub section: String,
    /// The section as the store holds it; `None` when the store does not have it.
    pub law: Option<LawSection>,
}

/// An opened law store.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    codes: Codes,
}

impl Store {
    /// Open the store in `dir` (a missing `codes.toml` leaves lookups by name unresolved; lookups by
    /// abbreviation still work).
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let path = dir.join(CODES);
        let codes = if path.is_file() {
            read_toml(&path)?
        } else {
            Codes::default()
        };
        Ok(Store {
            dir: dir.to_path_buf(),
            codes,
        })
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The codes the store names.
    pub fn codes(&self) -> &Codes {
        &self.codes
    }

    /// A code's abbreviation from its abbreviation or its name, any case (`EDC`, `Education Code`,
    /// `education code` → `EDC`); `None` for a code the store does not name.
    pub fn code(&self, code: &str) -> Option<String> {
        let c = code.trim();
        self.codes
            .codes
            .iter()
            .find(|(abbr, name)| abbr.eq_ignore_ascii_case(c) || name.eq_ignore_ascii_case(c))
            .map(|(abbr, _)| abbr.clone())
            .or_else(|| {
                // Abbreviations are short capitals; one the store has files for counts without codes.toml.
                let abbr = c.to_ascii_uppercase();
                (abbr.len() <= 5
                    && abbr.chars().all(|ch| ch.is_ascii_alphabetic())
                    && self.dir.join(abbr.to_lowercase()).is_dir())
                .then_some(abbr)
            })
    }

    /// The section `num` of `code` (abbreviation or name; `48859`, `48859.`, `Section 48859`), with
    /// every version the store holds; `None` when the store does not have it. In the Constitution, name
    /// the article too: `section("CONS", "I-2")`.
    pub fn section(&self, code: &str, num: &str) -> Result<Option<LawSection>> {
        let Some(abbr) = self.code(code) else { return Ok(None) };
        let stem = section_number(num).to_lowercase();
        if !super::library::valid_name(&stem) {
            return Ok(None);
        }
        let path = self.dir.join(abbr.to_lowercase()).join(format!("{stem}.toml"));
        if !path.is_file() {
            return Ok(None);
        }
        // A section with no version left is not in the store.
        let s: LawSection = read_toml(&path)?;
        Ok((!s.versions.is_empty()).then_some(s))
    }

    /// For a bill section whose action line amends or repeals sections of a code ("Section 48859 of the
    /// Education Code is amended to read:"), each section it names with its current text in the store.
    /// Empty for a provision without such an action line (one that adds sections has no current law).
    pub fn current_law(&self, bill_section: &Provision) -> Result<Vec<CurrentLaw>> {
        let Some(action) = &bill_section.action else {
            return Ok(Vec::new());
        };
        let existing = matches!(
            action.verb,
            ActionVerb::Amend | ActionVerb::AmendAndRenumber | ActionVerb::Repeal | ActionVerb::RepealAndAdd
        );
        let Some(code) = action.code.as_deref().filter(|_| existing) else {
            return Ok(Vec::new());
        };
        action
            .sections
            .iter()
            .map(|num| {
                Ok(CurrentLaw {
                    code: code.to_string(),
                    section: num.clone(),
                    law: self.section(code, num)?,
                })
            })
            .collect()
    }
}

impl Store {
    /// Put the current text of section `num` of `code` (an abbreviation: letters, at most five) into the
    /// store as plain text, replacing what the store held for it; `name` names the code in `codes.toml`
    /// (`RCW` = `Revised Code of Washington`), so that bills that name it so find it. `source` says where
    /// the text came from. Returns whether anything changed (the same text again changes nothing).
    pub fn put(&mut self, code: &str, name: Option<&str>, num: &str, text: &str, source: &str) -> Result<bool> {
        let abbr = code.trim().to_ascii_uppercase();
        let section = section_number(num);
        let stem = stem(None, &section);
        let bad = |why: LawPutProblem| Error::LawPut {
            code: code.to_string(),
            section: num.to_string(),
            why,
        };
        if abbr.is_empty() || abbr.len() > 5 || !abbr.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(bad(LawPutProblem::BadCode));
        }
        if !super::library::valid_name(&stem) {
            return Err(bad(LawPutProblem::BadSection));
        }
        let text = text_lines(text);
        if text.trim().is_empty() {
            return Err(bad(LawPutProblem::EmptyText));
        }
        let mut changed = false;
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty())
            && self.codes.codes.get(&abbr).map(String::as_str) != Some(name)
        {
            self.codes.codes.insert(abbr.clone(), name.to_string());
            let text = toml::to_string(&self.codes).map_err(|e| bad(LawPutProblem::Toml(e.to_string())))?;
            super::write_atomic(&self.dir.join(CODES), text.as_bytes())?;
            changed = true;
        }
        let hash = super::pubinfo::hash(&[text.as_bytes()]);
        let path = self.dir.join(abbr.to_lowercase()).join(format!("{stem}.toml"));
        if path.is_file() {
            let old: LawSection = read_toml(&path)?;
            if old.versions.len() == 1 && old.versions[0].hash == hash {
                return Ok(changed);
            }
        }
        let s = LawSection {
            code: abbr.clone(),
            section: section.clone(),
            article: None,
            versions: vec![LawVersion {
                id: format!("{abbr}{section}"),
                history: None,
                effective: None,
                statutes: None,
                statute_chapter: None,
                statute_section: None,
                place: BTreeMap::new(),
                source: source.to_string(),
                trans_update: None,
                hash,
                form: LawForm::Text,
                text,
            }],
        };
        let out = toml::to_string(&s).map_err(|e| bad(LawPutProblem::Toml(e.to_string())))?;
        super::library::create_dir(&self.dir.join(abbr.to_lowercase()))?;
        super::write_atomic(&path, out.as_bytes())?;
        Ok(true)
    }
}

/// A text a paragraph a line: each line normalized, blank lines left out.
fn text_lines(text: &str) -> String {
    text.lines()
        .map(super::normalize)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Read a TOML file of the store.
pub(crate) fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    toml::from_str(&text).map_err(|e| Error::Law {
        path: path.to_path_buf(),
        line: super::toml_line(&text, &e),
        message: e.message().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers_are_keyed_without_their_period() {
        assert_eq!(section_number("48900.2."), "48900.2");
        assert_eq!(section_number("SEC. 2."), "2");
        assert_eq!(section_number("SECTION 1."), "1");
        assert_eq!(section_number("Section 48859"), "48859");
        assert_eq!(stem(Some("I"), "2"), "i-2");
    }
}
