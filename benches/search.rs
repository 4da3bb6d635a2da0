//! Search latency. Builds an index of the built-in library in a temporary folder (or uses the one in
//! `BILLDIFF_SCALE_INDEX`, e.g. of 10,000 synthetic versions) and measures representative queries with
//! criterion; then runs 1,000 varied queries once each and prints p50 and p99 latency. The phrases used
//! are written to `BILLDIFF_BENCH_OUT/phrases.txt` when set, for the ripgrep baseline. See benches/README.md.

#[path = "support/synth.rs"]
mod synth;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn index_dir() -> PathBuf {
    if let Ok(d) = std::env::var("BILLDIFF_SCALE_INDEX") {
        return PathBuf::from(d);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join("billdiff-bench-index");
    let _ = std::fs::remove_dir_all(&dir);
    let glossary = billdiff::ingest::glossary::read(&root.join("glossary")).unwrap();
    let mut w = billdiff::index::Writer::open(&dir).unwrap();
    for f in billdiff::ingest::library::list(&root.join("bills")).unwrap() {
        for v in &f.manifest.versions {
            let bill = billdiff::pipeline::open(&f.dir, Some(&v.id), None).unwrap().bill;
            let report = billdiff::terms::analyse(&bill, &glossary);
            let docs =
                billdiff::index::provision_docs(&bill, &report, &f.manifest.id, &v.id, &v.date.to_string(), "", 0);
            w.replace(&docs).unwrap();
        }
    }
    w.finish().unwrap();
    dir
}

/// 1,000 varied queries from the built-in bills' words: phrases, words, boolean, proximity, fields.
fn queries() -> (Vec<String>, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut words: Vec<String> = Vec::new();
    for f in billdiff::ingest::library::list(&root.join("bills")).unwrap() {
        let bill = billdiff::pipeline::open(&f.dir, None, None).unwrap().bill;
        for t in billdiff::terms::matcher::tokenize(&bill.body.text) {
            if t.lower.len() > 3 && t.lower.chars().all(|c| c.is_ascii_lowercase()) {
                words.push(t.lower);
            }
        }
    }
    let mut rng = synth::Rng::new(11);
    let terms = [
        "covered model",
        "frontier model",
        "deploy",
        "critical harm",
        "developer",
        "artificial intelligence model",
    ];
    let arts = ["release", "training", "fine-tuning", "deploy", "model weights"];
    let (mut qs, mut phrases) = (Vec::new(), Vec::new());
    for i in 0..1000 {
        let k = rng.below(words.len() - 1);
        let (a, b) = (&words[k], &words[k + 1]);
        let q = match i % 10 {
            0..=3 => {
                phrases.push(format!("{a} {b}"));
                format!("\"{a} {b}\"")
            }
            4 | 5 => a.clone(),
            6 => format!("{a} AND {}", words[rng.below(words.len())]),
            7 => format!("\"{a} {b}\"~3"),
            8 => format!(
                "defines:\"{}\" OR uses:\"{}\"",
                terms[rng.below(terms.len())],
                terms[rng.below(terms.len())]
            ),
            _ => format!("undefined:\"{}\" AND {a}", arts[rng.below(arts.len())]),
        };
        qs.push(q);
    }
    (qs, phrases)
}

fn search(c: &mut Criterion) {
    let dir = index_dir();
    let s = billdiff::index::Searcher::open(&dir).unwrap();
    let q = |t: &str| billdiff::index::Query {
        text: t.into(),
        bill: None,
        version: None,
        limit: 20,
        offset: 0,
    };
    let mut group = c.benchmark_group("search");
    for (name, text) in [
        ("phrase", "\"full shutdown\""),
        ("proximity", "\"covered model\"~3"),
        ("boolean", "shutdown AND NOT release"),
        ("field", "defines:deploy"),
    ] {
        group.bench_function(name, |b| b.iter(|| s.search(black_box(&q(text))).unwrap()));
    }
    group.finish();
    let (qs, phrases) = queries();
    if let Ok(out) = std::env::var("BILLDIFF_BENCH_OUT") {
        std::fs::write(Path::new(&out).join("phrases.txt"), phrases.join("\n")).unwrap();
    }
    let mut times: Vec<f64> = qs
        .iter()
        .map(|t| {
            let start = Instant::now();
            let hits = s.search(&q(t)).unwrap();
            black_box(hits);
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "search latency over {} varied queries on {}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        dir.display(),
        pct(0.5),
        pct(0.99),
        times.last().unwrap()
    );
}

criterion_group!(benches, search);
criterion_main!(benches);
