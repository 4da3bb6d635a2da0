//! `billdiff comment`.

use super::output;
use anyhow::{Context, bail};
use billdiff::render::{self, LetterFormat};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `billdiff comment`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The letter file (TOML), e.g. bills/ca-sb1047/letters/oppose-unless-amended.toml.
    letter: PathBuf,

    /// Output format (default: from the -o file's extension, else Markdown).
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Write to this file (atomically: never half a file) instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,

    /// For --format txt: the most characters a web comment form takes; parts are left out to fit, and the
    /// letter says which.
    #[arg(long, value_name = "N")]
    max_chars: Option<usize>,

    #[command(flatten)]
    glossary: super::GlossaryArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Markdown.
    #[value(alias = "markdown")]
    Md,
    /// Standalone HTML.
    Html,
    /// PDF with letterhead and page numbers.
    Pdf,
    /// Word, with the amendments as tracked changes.
    Docx,
    /// Plain text for web comment forms (see --max-chars).
    Txt,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = args
        .format
        .or_else(|| super::format_from_extension(args.output.as_deref()))
        .unwrap_or(Format::Md);
    if matches!(format, Format::Pdf | Format::Docx) && args.output.is_none() && std::io::stdout().is_terminal() {
        bail!(
            "{} is a binary format: give -o FILE (or redirect stdout)",
            if format == Format::Pdf { "PDF" } else { ".docx" }
        );
    }
    if args.max_chars.is_some() && format != Format::Txt {
        bail!("--max-chars applies to --format txt");
    }
    let glossary = args.glossary.load()?;
    // Its errors name the file at fault (the letter, its bill, or its proposal): no context to add.
    let content = billdiff::pipeline::letter_file(&args.letter, &glossary)?;
    let format = match format {
        Format::Md => LetterFormat::Markdown,
        Format::Html => LetterFormat::Html,
        Format::Txt => LetterFormat::Text,
        Format::Pdf => LetterFormat::Pdf,
        Format::Docx => LetterFormat::Docx,
    };
    if let Some(max) = args.max_chars {
        let need = render::letter_text_minimum(&content);
        if max < need {
            bail!(
                "--max-chars {max} is too few for this letter: its addressee, bill, stance, closing and signature need {need} characters"
            );
        }
    }
    let bytes = render::letter_document(format, &content, args.max_chars).context("writing the letter")?;
    match &args.output {
        Some(p) => output::write_atomic_bytes(p, &bytes)?,
        None => output::stdout_bytes(&bytes)?,
    }
    Ok(super::exit::ok())
}
