//! Letter TOML, parsed and checked.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(raw) = billdiff::ingest::letter::parse("fuzz.toml", text) {
        let _ = billdiff::letter::validate(&raw, "fuzz.toml");
    }
});
