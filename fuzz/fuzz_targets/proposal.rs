//! Proposal TOML, parsed and applied to a small built-in bill (sections 22757.11 and 22757.12, as in
//! SB 53), and the redline rendered as text.
#![no_main]
use billdiff::glossary::Glossary;
use billdiff::model::{Bill, InputFormat};
use billdiff::render::Style;
use billdiff::render::redline::{Heading, NOTICE};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn small_bill() -> &'static Bill {
    static BILL: OnceLock<Bill> = OnceLock::new();
    BILL.get_or_init(|| {
        let text = include_bytes!("small-bill.txt");
        let doc = billdiff::ingest::decode("small-bill.txt", text, Some(InputFormat::Text)).unwrap();
        billdiff::parse::bill(&doc).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(proposal) = billdiff::ingest::proposal::parse("fuzz.toml", text) else {
        return;
    };
    let g = Glossary::default();
    let report = billdiff::terms::analyse(small_bill(), &g);
    let Ok(outcome) = billdiff::pipeline::propose(small_bill(), &report, &proposal, &g) else {
        return;
    };
    let h = Heading {
        kind: "Proposed amendments to",
        bill: "fuzz",
        title: proposal.title.as_str(),
        summary: proposal.summary.as_str(),
        notice: Some(NOTICE),
    };
    let _ = billdiff::render::redline::text(&h, &outcome.redline, None, Style { color: false });
});
