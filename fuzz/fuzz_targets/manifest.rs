//! `bill.toml` text, parsed and checked; a valid manifest also gets a version added, as `billdiff add` does.
#![no_main]
use billdiff::ingest::library::{NewEntry, manifest_with_version, parse_manifest};
use billdiff::model::{Date, Stage};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("bill.toml");
    if let Ok(m) = parse_manifest(path, text) {
        for v in &m.versions {
            let _ = v.label();
        }
    }
    let e = NewEntry {
        id: "fuzz",
        stage: Stage::Introduced,
        house: None,
        date: Date {
            year: 2026,
            month: 1,
            day: 2,
        },
        file: "fuzz.txt",
        source: "https://example.org/",
    };
    if let Ok(t) = manifest_with_version(path, text, &e) {
        let _ = parse_manifest(path, &t);
    }
});
