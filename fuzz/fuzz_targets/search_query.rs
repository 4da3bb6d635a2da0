//! A query string, parsed and run on a tiny index (the small built-in bill) built once in a temp dir.
#![no_main]
use billdiff::glossary::Glossary;
use billdiff::index::{Query, Searcher};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn searcher() -> &'static Searcher {
    static S: OnceLock<(tempfile::TempDir, Searcher)> = OnceLock::new();
    &S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let bill = dir.path().join("small-bill.txt");
        std::fs::write(&bill, include_bytes!("small-bill.txt")).unwrap();
        let index = dir.path().join("index");
        let targets = billdiff::pipeline::index::targets(&[bill]).unwrap();
        billdiff::pipeline::index::update(&index, &targets, &Glossary::default(), 10, &mut |_| {}).unwrap();
        let s = Searcher::open(&index).unwrap();
        (dir, s)
    })
    .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let s = searcher();
    if s.parse(text).is_ok() {
        let _ = s.search(&Query {
            text: text.to_string(),
            bill: None,
            version: None,
            limit: 5,
            offset: 0,
        });
    }
});
