//! Time each stage of the pipeline in one process, for `benches/scale.sh`: ingest and parse, the terms
//! analysis, cross-references, a proposal (renaming the bill's most-used defined term) and the comparison
//! of two versions (each analysed once beforehand, as `pipeline::compared` does).
//!
//! `cargo run --release --example stages -- [--runs N] FILE [OLD NEW]`: one line per stage, tab-separated:
//! `stage  file  bytes  seconds` (the best of N runs; default 3).

use anyhow::{Context, bail};
use std::path::Path;
use std::time::Instant;

/// The best time of `runs` runs of `f`, and its last result.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(r);
    }
    (best, out.expect("at least one run"))
}

fn open(path: &Path) -> anyhow::Result<billdiff::model::Bill> {
    Ok(billdiff::pipeline::open(path, None, None)
        .with_context(|| path.display().to_string())?
        .bill)
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 3;
    if args.first().is_some_and(|a| a == "--runs") {
        runs = args.get(1).context("--runs N")?.parse()?;
        args.drain(..2);
    }
    let (file, pair) = match args.as_slice() {
        [f] => (f.clone(), None),
        [f, old, new] => (f.clone(), Some((old.clone(), new.clone()))),
        _ => bail!("usage: stages [--runs N] FILE [OLD NEW]"),
    };
    let glossary = billdiff::ingest::glossary::built_in()?;
    let path = Path::new(&file);
    let bytes = std::fs::metadata(path)?.len();
    let line = |stage: &str, name: &str, bytes: u64, secs: f64| println!("{stage}\t{name}\t{bytes}\t{secs:.6}");

    let (t, bill) = best(runs, || open(path));
    let bill = bill?;
    line("parse", &file, bytes, t);
    let (t, report) = best(runs, || billdiff::terms::analyse(&bill, &glossary));
    line("terms", &file, bytes, t);
    let (t, refs) = best(runs, || billdiff::parse::xref::references(&bill));
    line("xref", &file, bytes, t);
    eprintln!(
        "{file}: {} provisions, {} definitions, {} references",
        bill.body.walk().count(),
        report.definitions.len(),
        refs.len()
    );
    // The defined term with the most uses, renamed wherever it is used.
    if let Some(d) = report.definitions.iter().max_by_key(|d| d.uses.len()) {
        let toml = format!(
            "title = \"Rename\"\nsummary = \"Rename {t}.\"\n\n[[rules]]\nkind = \"rename-term\"\nfrom = \"{t}\"\nto = \"{t} system\"\nrationale = \"Benchmark.\"\n",
            t = d.term.to_lowercase()
        );
        let proposal = billdiff::ingest::proposal::parse("bench.toml", &toml)?;
        let (t, out) = best(runs, || {
            billdiff::pipeline::propose(&bill, &report, &proposal, &glossary)
        });
        match out {
            Ok(_) => line("propose", &file, bytes, t),
            Err(e) => eprintln!("{file}: the rename of {:?} does not apply: {e}", d.term),
        }
    }
    if let Some((old, new)) = pair {
        let (a, b) = (open(Path::new(&old))?, open(Path::new(&new))?);
        let (ra, rb) = (
            billdiff::terms::analyse(&a, &glossary),
            billdiff::terms::analyse(&b, &glossary),
        );
        let both = std::fs::metadata(&old)?.len() + std::fs::metadata(&new)?.len();
        let (t, c) = best(runs, || billdiff::compare::compare(&a, &b, &ra, &rb));
        line("diff", &old, both, t);
        eprintln!("{old}: {} pairs, {} changes", c.pairs.len(), c.redline.changes.len());
    }
    Ok(())
}
