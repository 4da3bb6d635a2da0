//! billdiff's integration tests: one binary, one module per area (faster to build than many binaries).
//!
//! Tests that need the real bills read them from `../shared/corpus/` (see `support`).

mod support;
#[path = "../benches/support/synth.rs"]
mod synth;
#[path = "../benches/support/synth_pubinfo.rs"]
mod synth_pubinfo;

mod architecture;
mod bad_inputs;
mod cli;
mod compare;
mod corpus;
mod crash;
#[cfg(feature = "web")]
mod e2e;
mod export;
#[cfg(feature = "fetch")]
mod fetch;
mod format_akn;
mod format_clml;
mod format_uslm;
mod format_waxml;
mod formats;
mod import;
mod law;
mod letter;
mod once;
mod print;
mod properties;
mod propose;
mod robustness;
mod search;
mod styles;
mod terms;
#[cfg(feature = "web")]
mod web;
