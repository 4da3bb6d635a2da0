//! `billdiff index`.

use super::output;
use anyhow::Context;
use billdiff::index::{self, SCHEMA_VERSION, Writer};
use billdiff::ingest::{self, BillFolder};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `billdiff index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Bill folders, or folders of bill folders, or bill files (default: bills/).
    paths: Vec<PathBuf>,

    /// The index folder (default: $BILLDIFF_INDEX, else .billdiff/index).
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,

    /// The glossary of terms of art (default: $BILLDIFF_GLOSSARY, ./glossary, or the built-in one).
    #[arg(long, value_name = "DIR")]
    glossary: Option<PathBuf>,

    /// Commit after this many bill versions (each commit holds whole versions only).
    #[arg(long, default_value_t = 200, value_name = "N")]
    batch: usize,
}

/// A bill version to index.
struct Target {
    folder: Option<BillFolder>,
    version: Option<ingest::ManifestVersion>,
    bill: String,
    version_id: String,
    date: String,
    file: PathBuf,
}

fn targets(paths: &[PathBuf]) -> anyhow::Result<Vec<Target>> {
    let mut out = Vec::new();
    let add_folder = |f: BillFolder, out: &mut Vec<Target>| {
        for v in &f.manifest.versions {
            out.push(Target {
                bill: f.manifest.id.clone(),
                version_id: v.id.clone(),
                date: v.date.to_string(),
                file: f.version_path(v),
                version: Some(v.clone()),
                folder: Some(f.clone()),
            });
        }
    };
    for p in paths {
        if BillFolder::is_bill_folder(p) {
            add_folder(BillFolder::open(p)?, &mut out);
        } else if p.is_dir() {
            let folders = ingest::library::list(p)?;
            if folders.is_empty() {
                anyhow::bail!("{}: no bill folders (with a bill.toml) inside", p.display());
            }
            for f in folders {
                add_folder(f, &mut out);
            }
        } else {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .context("not a file name")?;
            out.push(Target {
                folder: None,
                version: None,
                bill: stem,
                version_id: "file".into(),
                date: String::new(),
                file: p.clone(),
            });
        }
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from("bills")]
    } else {
        args.paths.clone()
    };
    let targets = targets(&roots)?;
    let gdir = args.glossary.clone().unwrap_or_else(ingest::glossary::default_dir);
    let glossary = ingest::glossary::read(&gdir).context("reading the glossary")?;
    // A changed glossary changes every version's terms of art: it is part of each version's hash.
    let gfp = serde_json::to_vec(&glossary).context("glossary")?;
    let dir = args.index.clone().unwrap_or_else(index::default_dir);
    let mut writer = Writer::open(&dir)?;
    let existing: HashMap<String, index::IndexedVersion> =
        writer.versions()?.into_iter().map(|v| (v.key.clone(), v)).collect();
    let bar = progress(targets.len());
    let (mut indexed, mut unchanged, mut provisions) = (0, 0, 0);
    let mut seen: HashSet<String> = HashSet::new();
    let mut seen_bills: HashSet<String> = HashSet::new();
    for t in &targets {
        let key = format!("{}@{}", t.bill, t.version_id);
        seen.insert(key.clone());
        seen_bills.insert(t.bill.clone());
        bar.set_message(key.clone());
        let bytes = std::fs::read(&t.file).with_context(|| format!("reading {}", t.file.display()))?;
        let hash = index::fnv64(&[
            &bytes,
            &gfp,
            &SCHEMA_VERSION.to_le_bytes(),
            env!("CARGO_PKG_VERSION").as_bytes(),
        ]);
        if existing.get(&key).is_some_and(|v| v.hash == format!("{hash:016x}")) {
            unchanged += 1;
            bar.inc(1);
            continue;
        }
        let bill = match (&t.folder, &t.version) {
            (Some(f), Some(v)) => billdiff::pipeline::parse_version(f, v, &bytes)?,
            _ => billdiff::parse::bill(&ingest::decode(&t.file.display().to_string(), &bytes, None)?)?,
        };
        let report = billdiff::terms::analyse(&bill, &glossary);
        let docs = index::provision_docs(
            &bill,
            &report,
            &t.bill,
            &t.version_id,
            &t.date,
            &t.file.display().to_string(),
            hash,
        );
        provisions += docs.provisions.len();
        writer.replace(&docs)?;
        indexed += 1;
        if writer.pending() >= args.batch {
            writer.commit()?;
        }
        bar.inc(1);
    }
    // Versions whose file is gone, or dropped from a bill's manifest.
    let mut removed = 0;
    for (key, v) in &existing {
        let bill = key.split('@').next().unwrap_or_default();
        let gone = !Path::new(&v.source).exists() || (seen_bills.contains(bill) && !seen.contains(key));
        if gone {
            writer.remove(key);
            removed += 1;
        }
    }
    writer.finish()?;
    bar.finish_and_clear();
    output::stdout(&format!(
        "indexed {indexed} bill version{} ({provisions} provisions), {unchanged} unchanged, {removed} removed, in {:.1} s; index: {}\n",
        if indexed == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64(),
        dir.display()
    ))?;
    Ok(super::exit::ok())
}

fn progress(n: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if n < 50 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}
