//! Any bytes as a bill file: format detection, decoding, the structure reader, the terms analysis.
#![no_main]
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    common::bill("fuzz.txt", data, None);
});
