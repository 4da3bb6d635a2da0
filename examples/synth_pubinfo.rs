//! Write a synthetic pubinfo dump (a folder and its zip) in the shape of the real sample, for benchmarking
//! `billdiff import pubinfo` and `billdiff index` at the size of a session:
//! `cargo run --release --example synth_pubinfo -- --out DIR --measures 5000 --versions 3 --daily 20`.
//!
//! Writes `DIR/pubinfo_YYYY/` and `DIR/pubinfo_YYYY.zip` (every table and `.lob` at the top, as the
//! Legislature's zips are), and with `--daily N` a day's changes to the same session as
//! `DIR/pubinfo_daily_Mon/` and `DIR/pubinfo_daily_Mon.zip`. The texts are made from the sample's real CAML
//! (`benches/support/synth_pubinfo.rs`), read at run time from `--sample`.

#[path = "../benches/support/synth.rs"]
mod synth;
#[path = "../benches/support/synth_pubinfo.rs"]
mod synth_pubinfo;

use anyhow::Context;
use clap::Parser;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use synth_pubinfo::{Sample, Session, Size};

/// Write a synthetic pubinfo dump (folder and zip) made from the real sample's texts.
#[derive(Debug, Parser)]
pub struct Args {
    /// Where to write the dumps.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// Measures in the session.
    #[arg(long, default_value_t = 500)]
    measures: usize,

    /// Versions of each measure.
    #[arg(long, default_value_t = 3)]
    versions: usize,

    /// Code sections (LAW_SECTION_TBL rows) per measure.
    #[arg(long, default_value_t = 5)]
    sections: usize,

    /// Also write a daily dump: a new version of this many measures and a new text of this many sections.
    #[arg(long, default_value_t = 0)]
    daily: usize,

    /// The session's first year.
    #[arg(long, default_value_t = 2025)]
    year: u16,

    /// Seed (the same seed gives the same dump).
    #[arg(long, default_value_t = 1)]
    seed: u64,

    /// The real sample: a folder with bill-1989/ and law-section/ (as ../shared/corpus/ca-pubinfo).
    #[arg(long, value_name = "DIR", default_value = "../shared/corpus/ca-pubinfo")]
    sample: PathBuf,
}

/// Write one dump as `dir/` and `dir.zip`; returns (files, bytes).
fn write_dump(dir: &Path, make: impl FnOnce(&mut dyn FnMut(synth_pubinfo::File))) -> anyhow::Result<(usize, u64)> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let zip_path = dir.with_extension("zip");
    let file = std::fs::File::create(&zip_path).with_context(|| format!("creating {}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    // Deflated, as the Legislature's zips are; the fixed default time keeps the zip the same for a seed.
    let options = zip::write::SimpleFileOptions::DEFAULT.compression_method(zip::CompressionMethod::Deflated);
    let (mut n, mut bytes) = (0, 0u64);
    let mut failed: Option<anyhow::Error> = None;
    make(&mut |(name, data)| {
        if failed.is_some() {
            return;
        }
        let result = std::fs::write(dir.join(&name), &data)
            .with_context(|| format!("writing {name}"))
            .and_then(|()| zip.start_file(name.as_str(), options).context("zip entry"))
            .and_then(|()| zip.write_all(&data).context("zip entry"));
        match result {
            Ok(()) => {
                n += 1;
                bytes += data.len() as u64;
            }
            Err(e) => failed = Some(e),
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    zip.finish().context("finishing the zip")?.flush()?;
    Ok((n, bytes))
}

fn main() -> anyhow::Result<ExitCode> {
    let args = Args::parse();
    let sample = Sample::read(&args.sample)?;
    let size = Size {
        measures: args.measures,
        versions: args.versions.max(1),
        sections_per_measure: args.sections,
        year: args.year,
    };
    let session =
        Session::new(&sample, args.seed, size).map_err(|e| anyhow::anyhow!("{}: {e}", args.sample.display()))?;
    let dir = args.out.join(format!("pubinfo_{}", args.year));
    let (n, bytes) = write_dump(&dir, |f| session.dump(f))?;
    println!(
        "wrote {} measures × {} versions, {} code sections: {n} files, {bytes} bytes, in {} and .zip",
        size.measures,
        size.versions,
        size.measures * size.sections_per_measure,
        dir.display()
    );
    if args.daily > 0 {
        let dir = args.out.join("pubinfo_daily_Mon");
        let (n, bytes) = write_dump(&dir, |f| session.daily(args.daily, f))?;
        println!(
            "wrote a daily dump: {n} files, {bytes} bytes, in {} and .zip",
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
