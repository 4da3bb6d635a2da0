//! The one place the Markdown parser is configured (mdBook keeps one `new_cmark_parser` for the same
//! reason): reading a Markdown bill (`ingest`) and writing Markdown glossary footnotes as HTML (`render`)
//! must agree on what Markdown means. A leaf: it imports nothing from the crate.

use pulldown_cmark::Parser;

/// A pulldown-cmark parser over `text` with billdiff's options (tables on; nothing else).
pub fn new_cmark_parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES)
}
