//! Parsing throughput: SB 1047 enrolled from the leginfo HTML page and from its text copy.
//! See benches/README.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/ca")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (the benches read ../shared/corpus)", path.display()))
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for name in ["sb1047-2024-enrolled.html", "sb1047-2024-enrolled.txt"] {
        let bytes = corpus(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let doc = billdiff::ingest::decode(name, black_box(&bytes), None).expect("decodes");
                billdiff::parse::bill(&doc).expect("parses")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
