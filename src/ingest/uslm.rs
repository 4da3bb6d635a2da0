//! Placeholder: the reader for this format is being written.

use super::xml::{self, Layout};
use crate::error::Result;

/// Lay the document out.
pub(super) fn layout(source_name: &str, text: &str) -> Result<Layout> {
    let doc = xml::parse(source_name, text)?;
    Err(xml::unknown_root(source_name, doc.root_element()))
}
