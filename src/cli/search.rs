//! `billdiff search`.

use super::{exit, output};
use billdiff::index::{Query, Searcher};
use billdiff::render::Style;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `billdiff search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words (stemmed), "phrases", "proximity"~3, AND / OR / NOT, and field filters bill:,
    /// session:, section:, version:, defines:, uses:, undefined:, heading:, exact:"unstemmed phrase";
    /// sense:technical|ordinary|unclear|any picks the uses undefined: finds (default: technical and
    /// unclear).
    query: String,

    /// Only this bill (folder id, e.g. ca-sb1047).
    #[arg(long)]
    bill: Option<String>,

    /// Only this version (id or date).
    #[arg(long = "version", value_name = "VERSION")]
    bill_version: Option<String>,

    /// At most this many hits (a provision that reads the same in several versions is one hit).
    #[arg(long, default_value_t = 20)]
    limit: usize,

    /// Skip this many hits (the next page: the last page's --offset plus its --limit).
    #[arg(long, default_value_t = 0)]
    offset: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// The index folder.
    #[arg(long, env = "BILLDIFF_INDEX", default_value = billdiff::index::DEFAULT_DIR, value_name = "DIR")]
    index: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Ranked hits with highlighted snippets.
    Text,
    /// The hits as data (documented, versioned: schema_version).
    Json,
}

pub fn run(args: Args, style: Style) -> anyhow::Result<ExitCode> {
    let dir = args.index.clone();
    let searcher = Searcher::open(&dir)?;
    let found = searcher.search(&Query {
        text: args.query.clone(),
        bill: args.bill.clone(),
        version: args.bill_version.clone(),
        limit: args.limit,
        offset: args.offset,
    })?;
    let out = match args.format {
        Format::Json => billdiff::render::search::json(&args.query, &found),
        Format::Text => billdiff::render::search::text(&found, style),
    };
    output::stdout(&out)?;
    Ok(ExitCode::from(if found.total == 0 { exit::FINDINGS } else { exit::OK }))
}
