//! `billdiff index`.

use super::output;
use billdiff::pipeline::index as build;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `billdiff index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Bill folders, or folders of bill folders, or bill files (default: bills/).
    paths: Vec<PathBuf>,

    /// The index folder.
    #[arg(long, env = "BILLDIFF_INDEX", default_value = billdiff::index::DEFAULT_DIR, value_name = "DIR")]
    index: PathBuf,

    #[command(flatten)]
    glossary: super::GlossaryArgs,

    /// Commit after this many bill versions (each commit holds whole versions only).
    #[arg(long, default_value_t = 200, value_name = "N")]
    batch: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from("bills")]
    } else {
        args.paths.clone()
    };
    let targets = build::targets(&roots)?;
    let glossary = args.glossary.load()?;
    let dir = args.index.clone();
    // A few versions index too fast for a bar.
    let bar = match targets.len() {
        n if n < 50 => indicatif::ProgressBar::hidden(),
        n => output::progress(n as u64, "{elapsed_precise} [{bar:40}] {pos}/{len} {msg}"),
    };
    let stats = build::update(&dir, &targets, &glossary, args.batch, &mut |key| {
        bar.set_message(key.to_string());
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    output::stdout(&format!(
        "indexed {} bill version{} ({} provisions), {} unchanged, {} removed, in {:.1} s; index: {}\n",
        stats.indexed,
        if stats.indexed == 1 { "" } else { "s" },
        stats.provisions,
        stats.unchanged,
        stats.removed,
        started.elapsed().as_secs_f64(),
        dir.display()
    ))?;
    Ok(super::exit::ok())
}
