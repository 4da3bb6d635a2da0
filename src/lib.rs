//! billdiff: a bill-text annotation and diff engine.
//!
//! billdiff reads a bill as published (the leginfo HTML page, text copied from it, a Markdown
//! transcription) into a tree of sections and provisions with stable, citable paths
//! (`22602(e)(1)(A)(i)`), and builds on that tree: defined and undefined terms, search, amendment
//! proposals with redlines, version comparison.
//!
//! The modules follow the pipeline, in layers (`ARCHITECTURE.md` is the map, and a test holds the code to
//! it): the leaves [`error`], [`cmark`], [`glossary`], [`model`] and [`work`] (the stop flag long stages poll); [`ingest`] reads files; [`parse`]
//! builds the [`model`]; [`terms`] analyses definitions and terms of art; [`redline`] diffs words;
//! [`compare`], [`propose`] and [`index`] act on bills; [`letter`] checks and assembles letters;
//! [`pipeline`] is the one way through for the CLI and the web UI; [`render`] owns every word a user
//! reads; `web` (the default-on `web` feature) serves it all to a browser. Each stage takes the previous
//! stage's plain data and returns new plain data, and imports only the layers below it.

#![warn(missing_docs)]

pub mod cmark;
pub mod error;
pub mod glossary;
pub mod model;
pub mod work;

pub mod ingest;

pub mod parse;

pub mod terms;

pub mod redline;

pub mod compare;
pub mod index;
pub mod propose;

pub mod letter;

pub mod pipeline;

pub mod render;

#[cfg(feature = "web")]
pub mod web;

pub use error::{Error, Result};
