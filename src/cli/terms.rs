//! `billdiff terms`.

use super::{BillArgs, exit, output};
use anyhow::Context;
use billdiff::render::{self, Style};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `billdiff terms`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    bill: BillArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// The glossary of terms of art (default: $BILLDIFF_GLOSSARY, ./glossary, or the built-in one).
    #[arg(long, value_name = "DIR")]
    glossary: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table of terms, then the findings.
    Text,
    /// The full report (documented, versioned: schema_version).
    Json,
    /// Markdown tables.
    #[value(alias = "markdown")]
    Md,
}

pub fn run(args: Args, style: Style) -> anyhow::Result<ExitCode> {
    let dir = args
        .glossary
        .clone()
        .unwrap_or_else(billdiff::ingest::glossary::default_dir);
    let glossary = billdiff::ingest::glossary::read(&dir).context("reading the glossary")?;
    let opened = args.bill.open()?;
    let report = billdiff::terms::analyse(&opened.bill, &glossary);
    let out = match args.format {
        Format::Text => render::terms::text(&opened.bill, &report, style),
        Format::Md => render::terms::markdown(&opened.bill, &report),
        Format::Json => render::json::terms(opened.bill.meta.measure.as_ref(), &report, &opened.source),
    };
    output::stdout(&out)?;
    Ok(ExitCode::from(if report.findings.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    }))
}
