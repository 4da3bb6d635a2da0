//! Two halves of the input as two versions of a bill, compared, and the redline rendered as text.
#![no_main]
use billdiff::glossary::Glossary;
use billdiff::render::Style;
use billdiff::render::redline::{COMPARE_NOTICE, Heading};
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let (a, b) = data.split_at(data.len() / 2);
    let (Some(old), Some(new)) = (common::bill("old.txt", a, None), common::bill("new.txt", b, None)) else {
        return;
    };
    let g = Glossary::default();
    let (ro, rn) = (billdiff::terms::analyse(&old, &g), billdiff::terms::analyse(&new, &g));
    let c = billdiff::compare::compare(&old, &new, &ro, &rn);
    let h = Heading {
        kind: "Changes in",
        bill: "fuzz",
        title: "old → new",
        summary: "",
        notice: Some(COMPARE_NOTICE),
    };
    let _ = billdiff::render::redline::text(&h, &c.redline, None, Style { color: false });
});
