//! What the targets share: the one way from bytes to an analysed bill.
#![allow(dead_code)]

use billdiff::glossary::Glossary;
use billdiff::model::{Bill, InputFormat};

/// Decode, parse and analyse `bytes` as `format` (or detected); any error is fine, a panic is a finding.
pub fn bill(name: &str, bytes: &[u8], format: Option<InputFormat>) -> Option<Bill> {
    let doc = billdiff::ingest::decode(name, bytes, format).ok()?;
    let bill = billdiff::parse::bill(&doc).ok()?;
    let _ = billdiff::terms::analyse(&bill, &Glossary::default());
    Some(bill)
}
