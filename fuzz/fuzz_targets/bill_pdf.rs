//! Bytes read as Pdf, whatever they look like.
#![no_main]
use billdiff::model::InputFormat;
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    common::bill("fuzz.pdf", data, Some(InputFormat::Pdf));
});
