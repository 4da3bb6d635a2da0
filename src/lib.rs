//! billdiff: a bill-text annotation and diff engine.
//!
//! billdiff reads a bill as published (the leginfo HTML page, text copied from it, a Markdown
//! transcription) into a tree of sections and provisions with stable, citable paths
//! (`22602(e)(1)(A)(i)`), and builds on that tree: defined and undefined terms, search, amendment
//! proposals with redlines, version comparison.
//!
//! The modules follow the pipeline, in order: [`ingest`] reads files into blocks, [`parse`] builds the
//! [`model`], [`terms`] analyses definitions and terms of art against the [`glossary`], and [`render`]
//! turns model data into text, Markdown or JSON. [`pipeline`] is the one way through for
//! a bill on disk. [`web`] serves it all to a browser. Each stage takes the previous stage's plain data and returns new plain data.

#![warn(missing_docs)]

pub mod error;
pub mod glossary;
pub mod model;

pub mod ingest;
pub mod parse;
pub mod pipeline;

pub mod terms;
pub mod xref;

pub mod compare;
pub mod index;
pub mod letter;
pub mod propose;
pub mod redline;

pub mod render;

pub mod synth;

pub mod web;

pub use error::{Error, Result};
