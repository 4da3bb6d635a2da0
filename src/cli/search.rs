//! `billdiff search`.

use super::{exit, output};
use billdiff::index::{Hit, Query, Searcher};
use billdiff::render::Style;
use clap::ValueEnum;
use serde::Serialize;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `billdiff search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words (stemmed), "phrases", "proximity"~3, AND / OR / NOT, and field filters bill:,
    /// session:, section:, version:, defines:, uses:, undefined:, heading:, exact:"unstemmed phrase".
    query: String,

    /// Only this bill (folder id, e.g. ca-sb1047).
    #[arg(long)]
    bill: Option<String>,

    /// Only this version (id or date).
    #[arg(long = "version", value_name = "VERSION")]
    bill_version: Option<String>,

    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    limit: usize,

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

fn highlight(h: &Hit, style: Style) -> String {
    let (open, close) = if style.color {
        ("\x1b[1;4m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let mut s = String::new();
    let mut at = 0;
    for (a, b) in &h.highlights {
        if *a < at || *b > h.snippet.len() || !h.snippet.is_char_boundary(*a) || !h.snippet.is_char_boundary(*b) {
            continue;
        }
        s.push_str(&h.snippet[at..*a]);
        let _ = write!(s, "{open}{}{close}", &h.snippet[*a..*b]);
        at = *b;
    }
    s.push_str(&h.snippet[at..]);
    s
}

pub fn run(args: Args, style: Style) -> anyhow::Result<ExitCode> {
    let dir = args.index.clone();
    let searcher = Searcher::open(&dir)?;
    let hits = searcher.search(&Query {
        text: args.query.clone(),
        bill: args.bill.clone(),
        version: args.bill_version.clone(),
        limit: args.limit,
    })?;
    let out = match args.format {
        Format::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                schema_version: u32,
                kind: &'static str,
                query: &'a str,
                hits: &'a [Hit],
            }
            let mut s = serde_json::to_string_pretty(&Doc {
                schema_version: billdiff::render::json::SCHEMA_VERSION,
                kind: "search",
                query: &args.query,
                hits: &hits,
            })?;
            s.push('\n');
            s
        }
        Format::Text => {
            let mut s = String::new();
            if hits.is_empty() {
                s.push_str("No provisions match.\n");
            }
            for (i, h) in hits.iter().enumerate() {
                let when = if h.date.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", h.date)
                };
                let _ = writeln!(
                    s,
                    "{:>3}. {} · {} {}{when} · {}",
                    i + 1,
                    style.bold(&h.path),
                    if h.measure.is_empty() { &h.bill } else { &h.measure },
                    h.version,
                    style.dim(&format!("score {:.2}", h.score))
                );
                let _ = writeln!(s, "     {}", highlight(h, style).replace('\n', " "));
            }
            s
        }
    };
    output::stdout(&out)?;
    Ok(ExitCode::from(if hits.is_empty() { exit::FINDINGS } else { exit::OK }))
}
