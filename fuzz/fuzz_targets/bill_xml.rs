//! Text read by each XML reader in turn (CAML, USLM, Akoma Ntoso, CLML, Washington's XML).
#![no_main]
use billdiff::model::InputFormat;
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    for f in [
        InputFormat::Caml,
        InputFormat::Uslm,
        InputFormat::Akn,
        InputFormat::Clml,
        InputFormat::WaXml,
    ] {
        common::bill("fuzz.xml", data, Some(f));
    }
});
