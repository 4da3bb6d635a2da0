//! Version compare: the two largest SB 53 versions (July 17 and chaptered, Markdown), and a synthetic pair
//! of about 1 MB. See benches/README.md.

#[path = "support/synth.rs"]
mod synth;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn parse_text(text: &str) -> billdiff::model::Bill {
    let doc =
        billdiff::ingest::decode("synthetic", text.as_bytes(), Some(billdiff::ingest::InputFormat::Text)).unwrap();
    billdiff::parse::bill(&doc).unwrap()
}

fn compare(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus/ca");
    let open = |p: &Path| billdiff::pipeline::open(p, None, None).expect("bill").bill;
    let glossary = billdiff::ingest::glossary::read(&root.join("glossary")).expect("glossary");
    let old = open(&corpus.join("sb53-2025-07-17-amended-asm.md"));
    let new = open(&corpus.join("sb53-2025-chaptered-from-annotated.md"));
    let mut group = c.benchmark_group("compare");
    group.throughput(Throughput::Bytes((old.body.text.len() + new.body.text.len()) as u64));
    // Each version analysed once, as `pipeline::compared` does; the comparison alone is timed.
    let report = |b: &billdiff::model::Bill| billdiff::terms::analyse(b, &glossary);
    let (ro, rn) = (report(&old), report(&new));
    group.bench_function("sb53-07-17-vs-chaptered", |b| {
        b.iter(|| billdiff::compare::compare(black_box(&old), black_box(&new), &ro, &rn))
    });
    let sources = [open(&root.join("bills/ca-sb1047")), open(&root.join("bills/ca-sb53"))];
    let a = synth::bill(42, 1_000_000, &sources);
    let b = synth::amend(&a, 7, 400);
    if let Ok(dir) = std::env::var("BILLDIFF_BENCH_OUT") {
        // The same pair as files, for the baselines (git diff --word-diff, difflib).
        std::fs::write(Path::new(&dir).join("synthetic-old.txt"), &a).unwrap();
        std::fs::write(Path::new(&dir).join("synthetic-new.txt"), &b).unwrap();
        std::fs::write(Path::new(&dir).join("sb53-old.txt"), &old.body.text).unwrap();
        std::fs::write(Path::new(&dir).join("sb53-new.txt"), &new.body.text).unwrap();
    }
    let (sa, sb) = (parse_text(&a), parse_text(&b));
    let (ra, rb) = (report(&sa), report(&sb));
    group.throughput(Throughput::Bytes((a.len() + b.len()) as u64));
    group.sample_size(10);
    group.bench_function("synthetic-1mb", |bch| {
        bch.iter(|| billdiff::compare::compare(black_box(&sa), black_box(&sb), &ra, &rb))
    });
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
