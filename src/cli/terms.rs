//! `billdiff terms`.

use super::{BillArgs, exit, output};
use billdiff::render::{self, Style};
use clap::ValueEnum;
use std::process::ExitCode;

/// Arguments of `billdiff terms`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    bill: BillArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    #[command(flatten)]
    glossary: super::GlossaryArgs,
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
    let glossary = args.glossary.load()?;
    let opened = args.bill.open()?;
    let report = billdiff::terms::analyse(&opened.bill, &glossary);
    let out = match args.format {
        Format::Text => render::terms::text(&opened.bill, &report, style),
        Format::Md => render::terms::markdown(&opened.bill, &report),
        Format::Json => render::json::terms(opened.bill.meta.measure.as_ref(), &report, &opened.source),
    };
    output::stdout(&out)?;
    if let Some(marked) = &opened.marked_terms {
        let a = billdiff::terms::markup::agreement(&report, marked);
        eprintln!("billdiff: {}", render::terms::markup_agreement(&a));
    }
    Ok(ExitCode::from(if report.findings.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    }))
}
