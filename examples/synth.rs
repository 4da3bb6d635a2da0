//! Write a synthetic library of bill folders made from real provisions, for scale tests and benchmarks:
//! `cargo run --release --example synth -- --out DIR --bills 2000 --versions 5`.

#[path = "../benches/support/synth.rs"]
mod synth;

use anyhow::Context;
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a synthetic library of bill folders made from real provisions (for scale tests).
#[derive(Debug, Parser)]
pub struct Args {
    /// Where to write the bill folders.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// Number of bills.
    #[arg(long, default_value_t = 100)]
    bills: usize,

    /// Versions per bill.
    #[arg(long, default_value_t = 3)]
    versions: usize,

    /// Approximate size of each version, in bytes.
    #[arg(long, default_value_t = 30_000)]
    size: usize,

    /// Seed (the same seed gives the same library).
    #[arg(long, default_value_t = 1)]
    seed: u64,

    /// The bills whose provisions are used (default: bills/).
    #[arg(long, value_name = "DIR", default_value = "bills")]
    from: PathBuf,
}

fn main() -> anyhow::Result<ExitCode> {
    let args = Args::parse();
    let folders = billdiff::ingest::library::list(&args.from)?;
    let mut sources = Vec::new();
    for f in &folders {
        for v in &f.manifest.versions {
            sources.push(billdiff::pipeline::open(&f.dir, Some(&v.id), None)?.bill);
        }
    }
    anyhow::ensure!(
        !sources.is_empty(),
        "{}: no bills to take provisions from",
        args.from.display()
    );
    std::fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    let mut written = 0;
    for folder in synth::library(args.seed, args.bills, args.versions, args.size, &sources) {
        let dir = args.out.join(&folder.manifest.id);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        for (name, text) in &folder.files {
            std::fs::write(dir.join(name), text).with_context(|| format!("writing {name}"))?;
            written += 1;
        }
        let manifest = toml::to_string(&folder.manifest).context("manifest")?;
        std::fs::write(dir.join("bill.toml"), manifest).context("writing bill.toml")?;
    }
    println!(
        "wrote {} bills, {written} versions, to {}",
        args.bills,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
