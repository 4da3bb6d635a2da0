//! Renderers: pure functions from model data to text, JSON and (later) HTML.
//!
//! A renderer never parses or analyses; it formats what it is given. Each output format of a command is
//! one function here, so the CLI and the web UI show the same thing.

pub mod akn;
pub mod annotated;
pub mod check;
pub mod compare;
pub mod docx;
pub mod error;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod html;
pub mod import;
pub mod json;
pub mod letter;
pub mod notes;
pub mod outline;
pub mod pdf;
pub mod redline;
pub mod search;
pub mod terms;

/// How to style terminal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Emit ANSI escapes.
    pub color: bool,
}

impl Style {
    /// Bold text, when colour is on.
    pub fn bold(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    /// Dim text, when colour is on.
    pub fn dim(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// The first `n` words of `text`, with an ellipsis when cut.
pub fn first_words(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(n).collect();
    let mut s = head.join(" ");
    if words.next().is_some() {
        s.push('…');
    }
    s
}

/// Number of words in `text`.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The documents `billdiff propose` writes (and the web UI's builder downloads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalFormat {
    /// Changed paragraphs, amendments, footnotes, findings.
    Text,
    /// The same as Markdown.
    Markdown,
    /// A standalone HTML redline.
    Html,
    /// Everything as data.
    Json,
    /// The amended bill's text.
    Amended,
    /// Numbered amendment instructions with footnotes.
    Amendments,
}

impl ProposalFormat {
    /// Every format, for menus.
    pub const ALL: [ProposalFormat; 6] = [
        ProposalFormat::Html,
        ProposalFormat::Amendments,
        ProposalFormat::Markdown,
        ProposalFormat::Text,
        ProposalFormat::Amended,
        ProposalFormat::Json,
    ];

    /// Its name on the command line and in forms.
    pub fn name(self) -> &'static str {
        match self {
            ProposalFormat::Text => "text",
            ProposalFormat::Markdown => "md",
            ProposalFormat::Html => "html",
            ProposalFormat::Json => "json",
            ProposalFormat::Amended => "amended",
            ProposalFormat::Amendments => "amendments",
        }
    }

    /// The format with this name.
    pub fn from_name(s: &str) -> Option<ProposalFormat> {
        Self::ALL.into_iter().find(|f| f.name() == s)
    }

    /// A file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ProposalFormat::Markdown => "md",
            ProposalFormat::Html => "html",
            ProposalFormat::Json => "json",
            _ => "txt",
        }
    }
}

/// A proposal applied, as one document.
pub fn proposal_document(
    format: ProposalFormat,
    bill: &crate::model::Bill,
    proposal: &crate::propose::proposal::Proposal,
    outcome: &crate::propose::Outcome,
    source: &crate::model::Source,
    style: Style,
) -> String {
    let findings = check::findings(&outcome.findings);
    let bill_line = outline::bill_line(bill);
    let heading = redline::Heading {
        kind: "Proposed amendments to",
        bill: &bill_line,
        title: &proposal.title,
        summary: &proposal.summary,
        notice: Some(redline::NOTICE),
    };
    match format {
        ProposalFormat::Text => redline::text(&heading, &outcome.redline, Some(&findings), style),
        ProposalFormat::Markdown => redline::markdown(&heading, &outcome.redline, Some(&findings)),
        ProposalFormat::Html => html::redline(&heading, &outcome.redline, Some(&findings)),
        ProposalFormat::Json => json::proposal(
            bill.meta.measure.as_ref(),
            proposal,
            &outcome.redline,
            &outcome.findings,
            source,
        ),
        ProposalFormat::Amended => redline::amended(&heading, &outcome.amended),
        ProposalFormat::Amendments => redline::amendments(&heading, &outcome.redline),
    }
}

/// The documents `billdiff comment` writes (and the web UI's letter page downloads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterFormat {
    /// Markdown.
    Markdown,
    /// Standalone HTML.
    Html,
    /// PDF.
    Pdf,
    /// Word with tracked changes.
    Docx,
    /// Plain text for comment forms.
    Text,
}

impl LetterFormat {
    /// Every format, for menus.
    pub const ALL: [LetterFormat; 5] = [
        LetterFormat::Pdf,
        LetterFormat::Docx,
        LetterFormat::Markdown,
        LetterFormat::Html,
        LetterFormat::Text,
    ];

    /// Its name in forms, and its file name extension.
    pub fn name(self) -> &'static str {
        match self {
            LetterFormat::Markdown => "md",
            LetterFormat::Html => "html",
            LetterFormat::Pdf => "pdf",
            LetterFormat::Docx => "docx",
            LetterFormat::Text => "txt",
        }
    }

    /// The format with this name.
    pub fn from_name(s: &str) -> Option<LetterFormat> {
        Self::ALL.into_iter().find(|f| f.name() == s)
    }

    /// Its media type.
    pub fn media_type(self) -> &'static str {
        match self {
            LetterFormat::Markdown => "text/markdown; charset=utf-8",
            LetterFormat::Html => "text/html; charset=utf-8",
            LetterFormat::Pdf => "application/pdf",
            LetterFormat::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            LetterFormat::Text => "text/plain; charset=utf-8",
        }
    }
}

/// The fewest characters the plain-text letter of `content` can be shortened to (head, close and the note
/// of what was left out): a `--max-chars` below it cannot make a letter.
pub fn letter_text_minimum(content: &crate::letter::Content) -> usize {
    letter::text_minimum(&letter::blocks(content))
}

/// A letter as one document. `max_chars` applies to plain text.
pub fn letter_document(
    format: LetterFormat,
    content: &crate::letter::Content,
    max_chars: Option<usize>,
) -> std::io::Result<Vec<u8>> {
    let blocks = letter::blocks(content);
    Ok(match format {
        LetterFormat::Markdown => letter::markdown(&blocks).into_bytes(),
        LetterFormat::Html => letter::html(content, &blocks).into_bytes(),
        LetterFormat::Text => letter::text(&blocks, max_chars).into_bytes(),
        LetterFormat::Pdf => pdf::letter(&blocks, &letter::subject(content), redline::NOTICE),
        LetterFormat::Docx => docx::letter(&blocks, &content.letter.date.to_string())?,
    })
}
