//! `billdiff outline`.

use super::{BillArgs, output};
use billdiff::render::{self, Style};
use clap::ValueEnum;
use std::process::ExitCode;

/// Arguments of `billdiff outline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    bill: BillArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The tree, one provision per line.
    Text,
    /// The whole bill model (documented, versioned: schema_version).
    Json,
}

pub fn run(args: Args, style: Style) -> anyhow::Result<ExitCode> {
    let opened = args.bill.open()?;
    let out = match args.format {
        Format::Text => render::outline::text(&opened.bill, style),
        Format::Json => render::json::outline(&opened.bill, &opened.source),
    };
    output::stdout(&out)?;
    Ok(super::exit::ok())
}
