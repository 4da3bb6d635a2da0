//! Apply + redline of the SB 1047 example proposal (terms analysis, edits, re-parse, diff, consistency
//! check), parse of the bill excluded. See benches/README.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn propose(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bill = billdiff::pipeline::open(&root.join("bills/ca-sb1047"), None, None)
        .expect("SB 1047")
        .bill;
    let glossary = billdiff::ingest::glossary::read(&root.join("glossary")).expect("glossary");
    let proposal = billdiff::ingest::proposal::read(&root.join("bills/ca-sb1047/proposals/deployed-systems.toml"))
        .expect("proposal");
    let mut group = c.benchmark_group("propose");
    group.throughput(Throughput::Bytes(bill.body.text.len() as u64));
    group.bench_function("sb1047-deployed-systems", |b| {
        b.iter(|| {
            let report = billdiff::terms::analyse(black_box(&bill), &glossary);
            billdiff::pipeline::propose(&bill, &report, &proposal, &glossary).expect("applies")
        })
    });
    // The diff alone, on the same two texts: what `git diff --word-diff` does.
    let report = billdiff::terms::analyse(&bill, &glossary);
    let amended = billdiff::pipeline::propose(&bill, &report, &proposal, &glossary)
        .expect("applies")
        .amended;
    group.bench_function("sb1047-word-diff-only", |b| {
        b.iter(|| {
            billdiff::redline::diff_texts(
                black_box(&bill.body.text),
                &amended.body.text,
                billdiff::redline::Budget::default(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, propose);
criterion_main!(benches);
