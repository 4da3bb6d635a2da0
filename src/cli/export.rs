//! `billdiff export`.

use super::{BillArgs, output};
use billdiff::render;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `billdiff export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    bill: BillArgs,

    /// The standard format to write.
    #[arg(long, value_enum, default_value_t = Format::Akn)]
    format: Format,

    /// Write to this file (atomically) instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,

    #[command(flatten)]
    glossary: super::GlossaryArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Akoma Ntoso 3.0 (OASIS LegalDocML): the provision tree with eIds, each definition (`def`), each use
    /// (`term`), the defined terms (`TLCTerm`) and their scopes.
    Akn,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let glossary = args.glossary.load()?;
    let opened = args.bill.open()?;
    let report = billdiff::terms::analyse(&opened.bill, &glossary);
    let out = match args.format {
        Format::Akn => render::akn::export(&opened.bill, &report),
    };
    match &args.output {
        Some(p) => output::write_atomic(p, &out)?,
        None => output::stdout(&out)?,
    }
    Ok(super::exit::ok())
}
