//! `billdiff show`.

use super::{BillArgs, output};
use billdiff::render;
use clap::ValueEnum;
use std::process::ExitCode;

/// Arguments of `billdiff show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    bill: BillArgs,

    /// The provision's path, e.g. "22602(e)(1)(B)(i)(II)", "SEC. 2(a)", "Chapter 22.6".
    path: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The provision's text with its nested provisions.
    Text,
    /// The provision as JSON (documented, versioned: schema_version).
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opened = args.bill.open()?;
    let p = billdiff::parse::path::find(&opened.bill, &opened.name(), &args.path)?;
    let out = match args.format {
        Format::Text => render::outline::provision(p),
        Format::Json => render::json::provision(opened.bill.meta.measure.as_ref(), p, &opened.source),
    };
    output::stdout(&out)?;
    Ok(super::exit::ok())
}
