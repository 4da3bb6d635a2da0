//! Terms analysis of SB 1047 enrolled (definitions, scopes, uses, terms of art), parse excluded.
//! See benches/README.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn terms(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("../shared/corpus/ca/sb1047-2024-enrolled.txt");
    let bill = billdiff::pipeline::open(&path, None, None)
        .expect("SB 1047 parses")
        .bill;
    let glossary = billdiff::ingest::glossary::read(&root.join("glossary")).expect("glossary reads");
    let mut group = c.benchmark_group("terms");
    group.throughput(Throughput::Bytes(bill.body.text.len() as u64));
    group.bench_function("sb1047-enrolled", |b| {
        b.iter(|| billdiff::terms::analyse(black_box(&bill), &glossary))
    });
    group.finish();
}

criterion_group!(benches, terms);
criterion_main!(benches);
