//! `billdiff propose`.

use super::{BillArgs, exit, output};
use billdiff::render::{self, ProposalFormat, Style};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `billdiff propose`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    bill: BillArgs,

    /// The proposal (TOML), e.g. bills/ca-sb1047/proposals/deployed-systems.toml.
    #[arg(long, value_name = "FILE")]
    proposal: PathBuf,

    /// Output format (default: from the -o file's extension, else text).
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Write to this file (atomically: never half a file) instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,

    /// Exit 0 even when the consistency check has findings.
    #[arg(long)]
    allow_findings: bool,

    #[command(flatten)]
    glossary: super::GlossaryArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Changed paragraphs with deletions and insertions marked, amendments, footnotes, findings.
    Text,
    /// The same as Markdown (~~struck~~, *inserted*).
    #[value(alias = "markdown")]
    Md,
    /// A standalone HTML redline in leginfo's convention.
    Html,
    /// Everything as data (documented, versioned: schema_version).
    Json,
    /// The amended bill's text.
    Amended,
    /// Numbered amendment instructions with footnotes.
    Amendments,
}

pub fn run(args: Args, style: Style) -> anyhow::Result<ExitCode> {
    let glossary = args.glossary.load()?;
    let proposal = billdiff::ingest::proposal::read(&args.proposal)?;
    let opened = args.bill.open()?;
    billdiff::propose::fits(&proposal, opened.source.bill.as_deref())?;
    let report = billdiff::terms::analyse(&opened.bill, &glossary);
    let outcome = billdiff::pipeline::propose(&opened.bill, &report, &proposal, &glossary)?;
    let findings = render::check::findings(&outcome.findings);
    let format = args
        .format
        .or_else(|| super::format_from_extension(args.output.as_deref()))
        .unwrap_or(Format::Text);
    // Colour only on a terminal, never into a file.
    let style = if args.output.is_some() { Style::default() } else { style };
    let format = match format {
        Format::Text => ProposalFormat::Text,
        Format::Md => ProposalFormat::Markdown,
        Format::Html => ProposalFormat::Html,
        Format::Json => ProposalFormat::Json,
        Format::Amended => ProposalFormat::Amended,
        Format::Amendments => ProposalFormat::Amendments,
    };
    let out = render::proposal_document(format, &opened.bill, &proposal, &outcome, &opened.source, style);
    match &args.output {
        Some(path) => output::write_atomic(path, &out)?,
        None => output::stdout(&out)?,
    }
    for f in &findings {
        eprintln!("billdiff: finding: {f}");
    }
    let code = if findings.is_empty() || args.allow_findings {
        exit::OK
    } else {
        exit::FINDINGS
    };
    Ok(ExitCode::from(code))
}
