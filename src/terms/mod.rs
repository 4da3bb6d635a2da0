//! Terms: what a bill defines, where each definition applies, every use — and the technical terms of art
//! it uses without defining.
//!
//! The analysis runs over the provision tree in four steps, each in its own module:
//!
//! 1. [`definitions`] finds definition phrases ("“X” means", "“X” or “Y” means", "has the same meaning as
//!    in Section N", "does not include", the federal "The term X means") and groups a term's nested
//!    restatements and exclusions into one [`Definition`];
//! 2. [`scope`] reads scope phrases ("As used in this chapter", "For purposes of this section", "In this
//!    section") on the definition's provision or an ancestor and resolves them to the part of the tree they
//!    cover, with a stated default when the bill gives none;
//! 3. [`uses`] finds every use of every defined term (longest match first, inflected, hyphen or space),
//!    tells quoted mentions apart from uses, links each use to the definition that governs it, and — on the
//!    words no defined term claimed — finds the glossary's terms of art and classifies each use as
//!    technical or ordinary from the words around it;
//! 4. [`findings`] turns all that into the problems a reader should look at.
//!
//! The result, [`TermsReport`], is plain data: renderers format it, the index and the proposal engine read it.

pub mod definitions;
pub mod findings;
pub mod markup;
pub mod matcher;
pub mod scope;
pub mod uses;

use crate::glossary::Glossary;
use crate::model::{Bill, Span};
use serde::{Deserialize, Serialize};

/// The full analysis of one bill version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermsReport {
    /// Every definition in the operative text, in order of appearance.
    pub definitions: Vec<Definition>,
    /// Glossary terms of art used in operative text without a definition in scope.
    pub undefined: Vec<UndefinedTerm>,
    /// Uses of defined terms and terms of art in the Legislative Counsel's Digest (not operative text).
    pub digest: Vec<DigestUse>,
    /// What a reader should look at.
    pub findings: Vec<findings::Finding>,
}

/// How a definition part defines its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DefinitionKind {
    /// "“X” means ..."
    Means,
    /// "“X” includes ..."
    Includes,
    /// "“X” does not include ..."
    Excludes,
    /// "“X” has the same meaning as (defined) in Section N ..."
    ByReference,
}

impl DefinitionKind {
    /// A short word for tables.
    pub fn as_str(self) -> &'static str {
        match self {
            DefinitionKind::Means => "means",
            DefinitionKind::Includes => "includes",
            DefinitionKind::Excludes => "excludes",
            DefinitionKind::ByReference => "by reference",
        }
    }
}

/// One definition phrase: where and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionPart {
    /// The provision holding the phrase.
    pub location: String,
    /// Means, includes, excludes, by reference.
    pub kind: DefinitionKind,
    /// For by-reference definitions: the cited law as written ("Section 1132.4 of the Labor Code").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The quoted term (or terms, with aliases) in the body text: not a use of the term.
    pub term_spans: Vec<Span>,
    /// What follows the verb, to the end of the provision's own text ("either of the following:").
    pub definiens: String,
}

/// What a scope phrase names: its unit word (`this chapter`, `this subsection`, `this Regulation`). Which
/// part of the tree the word means is the drafting style's question (`parse::style`): "subsection" is the
/// first labeled level in Texas and the federal style, "paragraph" the second in California.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeUnit {
    /// The whole act (also "this Regulation", "this bill", "this Directive").
    Act,
    /// A container.
    Title,
    /// A container.
    Subtitle,
    /// A container.
    Division,
    /// A container.
    Part,
    /// A container.
    Chapter,
    /// A container.
    Subchapter,
    /// A container.
    Article,
    /// A container.
    Annex,
    /// A container.
    Schedule,
    /// A section of law, or a bill section for uncodified text.
    Section,
    /// A labeled level.
    Subsection,
    /// A labeled level.
    Subdivision,
    /// A labeled level.
    Paragraph,
    /// A labeled level.
    Subparagraph,
    /// A labeled level.
    Clause,
    /// A labeled level.
    Subclause,
    /// A labeled level.
    Point,
}

impl ScopeUnit {
    /// The unit a scope word names (lowercase): `chapter` → Chapter, `regulation` → Act.
    pub fn from_word(word: &str) -> ScopeUnit {
        match word {
            "title" => ScopeUnit::Title,
            "subtitle" => ScopeUnit::Subtitle,
            "division" => ScopeUnit::Division,
            "part" => ScopeUnit::Part,
            "chapter" => ScopeUnit::Chapter,
            "subchapter" => ScopeUnit::Subchapter,
            "article" => ScopeUnit::Article,
            "annex" => ScopeUnit::Annex,
            "schedule" => ScopeUnit::Schedule,
            "section" => ScopeUnit::Section,
            "subsection" => ScopeUnit::Subsection,
            "subdivision" => ScopeUnit::Subdivision,
            "paragraph" => ScopeUnit::Paragraph,
            "subparagraph" => ScopeUnit::Subparagraph,
            "clause" => ScopeUnit::Clause,
            "subclause" => ScopeUnit::Subclause,
            "point" => ScopeUnit::Point,
            _ => ScopeUnit::Act,
        }
    }
}

/// Where a definition applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// The unit the phrase names.
    pub unit: ScopeUnit,
    /// The path of the provision the scope covers, with everything below it; `bill` for the whole act.
    pub anchor: String,
    /// Whether the bill states the scope; `false` means billdiff's default (the enclosing section).
    pub stated: bool,
    /// The phrase as written ("As used in this chapter"), when stated.
    pub phrase: Option<String>,
    /// Where the phrase is.
    pub phrase_at: Option<String>,
    /// The code sections (or bill sections) the scope covers; empty for the whole bill (anchor `bill`).
    pub covers: std::sync::Arc<[String]>,
    /// A caveat about the resolution, e.g. a chapter the bill does not print. In JSON, its words
    /// (`render::notes::scope_note`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<ScopeNote>,
}

/// A caveat about how a scope was resolved. Serialized as its words (`render::notes`), so JSON output
/// keeps the `note` string it always had; read back, those words become [`ScopeNote::Read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeNote {
    /// No scope phrase: the enclosing section is taken.
    Unstated,
    /// The phrase names a heading (chapter, part, ...) the bill does not print.
    HeadingNotPrinted {
        /// The heading's word, lowercase (`chapter`).
        heading: String,
        /// The provision taken instead.
        taken_as: String,
    },
    /// The phrase names a labeled unit (`this subdivision`) that does not enclose it.
    NoEnclosingUnit {
        /// The phrase's unit words as written.
        written: String,
        /// The provision taken instead.
        taken_as: String,
    },
    /// A note read back from JSON output: its words, as they were written.
    Read(String),
}

impl<'de> Deserialize<'de> for ScopeNote {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ScopeNote, D::Error> {
        String::deserialize(d).map(ScopeNote::Read)
    }
}

impl Scope {
    /// What the scope covers, named (worded by `render::terms::scope_name`: `Chapter 22.6`, `section 22607`,
    /// `the whole act`).
    pub fn name(&self) -> ScopeName {
        match self.unit {
            ScopeUnit::Act => ScopeName::Act,
            ScopeUnit::Section if self.anchor.starts_with("SEC. ") => ScopeName::Anchor(self.anchor.clone()),
            ScopeUnit::Section => ScopeName::CodeSection(self.anchor.clone()),
            _ => ScopeName::Anchor(self.anchor.clone()),
        }
    }
}

/// What a scope covers, as a reader is told it. Serialized as its words (`render::terms`), so JSON output
/// keeps the string it always had; read back, those words become [`ScopeName::Read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeName {
    /// The whole act.
    Act,
    /// A code section, by number.
    CodeSection(String),
    /// A provision named by its path as it stands (`SEC. 2`, `Chapter 22.6`).
    Anchor(String),
    /// A name read back from JSON output: its words, as they were written.
    Read(String),
}

impl<'de> Deserialize<'de> for ScopeName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ScopeName, D::Error> {
        String::deserialize(d).map(ScopeName::Read)
    }
}

/// A use of a defined term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Use {
    /// The provision.
    pub path: String,
    /// Where in the body text.
    pub span: Span,
    /// The words as written ("covered models").
    pub text: String,
}

/// A defined term: one or more definition phrases with one scope, and its uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    /// The term as written in its first definition phrase ("Covered model").
    pub written: String,
    /// The term normalized: lowercase, spaces folded ("covered model").
    pub term: String,
    /// Other names of the same term ("“X” or “Y” means"), normalized.
    pub aliases: Vec<String>,
    /// The first definition phrase's provision.
    pub location: String,
    /// Every definition phrase: the first, restatements, exclusions, references.
    pub parts: Vec<DefinitionPart>,
    /// Where it applies.
    pub scope: Scope,
    /// Uses in operative text inside the scope.
    pub uses: Vec<Use>,
    /// Uses in operative text outside the scope of this definition (and of any other of the same term).
    pub out_of_scope: Vec<Use>,
    /// Quoted mentions ("the definition of “covered model” in subparagraph (A)"): talk about the term, not uses.
    pub mentions: Vec<Use>,
    /// The glossary entry for this term, when it is also a technical term of art.
    pub glossary: Option<String>,
}

impl Definition {
    /// The term for display: as written, without the capital a sentence start gave it ("Frontier AI
    /// framework" → "frontier AI framework"); a term written in capitals is shown in lowercase.
    pub fn display(&self) -> String {
        let w = self.written.split_whitespace().collect::<Vec<_>>().join(" ");
        if !w.chars().any(char::is_lowercase) {
            return w.to_lowercase();
        }
        let mut chars = w.chars();
        match (chars.next(), chars.next()) {
            (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
                a.to_lowercase().chain(std::iter::once(b)).chain(chars).collect()
            }
            _ => w,
        }
    }
}

/// How a term of art is used at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sense {
    /// The technical sense (model weights released), by a nearby technical context word.
    Technical,
    /// The ordinary English sense (a complaint released), by a nearby ordinary context word.
    Ordinary,
    /// No context word near enough to tell.
    Unclear,
}

/// One use of a term of art.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtUse {
    /// The provision.
    pub path: String,
    /// Where in the body text.
    pub span: Span,
    /// The words as written ("inadvertent release" → "release").
    pub text: String,
    /// Technical or ordinary.
    pub sense: Sense,
    /// The context word that decided, when one did.
    pub signal: Option<String>,
}

/// A glossary term of art used without a definition in scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndefinedTerm {
    /// The glossary headword ("release").
    pub term: String,
    /// The glossary entry's id.
    pub glossary: String,
    /// Every use in operative text not covered by a definition.
    pub uses: Vec<ArtUse>,
    /// The provisions with uses, in order, each once.
    pub locations: Vec<String>,
}

impl UndefinedTerm {
    /// Whether any use reads as the technical term (or may): the terms every summary counts as "technical
    /// terms of art used without a definition". One used only in its ordinary sense is listed, not counted.
    pub fn flagged(&self) -> bool {
        self.count(Sense::Technical) + self.count(Sense::Unclear) > 0
    }

    /// Uses in one sense.
    pub fn count(&self, sense: Sense) -> usize {
        self.uses.iter().filter(|u| u.sense == sense).count()
    }
}

/// A use in the Legislative Counsel's Digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestUse {
    /// The defined term or glossary headword.
    pub term: String,
    /// Whether the bill defines the term (else it is a glossary term of art).
    pub defined: bool,
    /// Digest paragraph, 0-based.
    pub paragraph: usize,
    /// The words as written.
    pub text: String,
}

thread_local! {
    static ANALYSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many terms analyses this thread has made: tests check with it that a stage handed a bill's analysis
/// does not make it again.
#[doc(hidden)]
pub fn analyses_on_this_thread() -> usize {
    ANALYSES.with(std::cell::Cell::get)
}

/// Analyse a bill's terms against a glossary.
pub fn analyse(bill: &Bill, glossary: &Glossary) -> TermsReport {
    ANALYSES.with(|n| n.set(n.get() + 1));
    let mut definitions = definitions::find(bill);
    let mut covers = scope::Covers::default();
    for d in &mut definitions {
        d.scope = scope::resolve(bill, d, &mut covers);
    }
    let found = uses::find(bill, &mut definitions, glossary);
    let findings = findings::find(bill, &definitions, &found.undefined);
    TermsReport {
        definitions,
        undefined: found.undefined,
        digest: found.digest,
        findings,
    }
}
