//! Search: a tantivy index of provisions, with what each defines, uses, and uses without a definition.
//!
//! One document per provision per bill version holds the bill, jurisdiction, session, version and date,
//! the provision's path, its section and heading, its text twice (English-stemmed for search, and
//! unstemmed for exact phrases) and three keyword lists from the terms analysis: the terms it defines, the
//! defined terms it uses, and the glossary terms of art it uses without a definition. One more document per
//! bill version records its content hash, so indexing again only redoes what changed.
//!
//! Writes go through [`Writer`]: a bill version's documents are replaced together and committed only at
//! a version boundary, so a reader never sees half a bill, and a run killed half-way leaves the last
//! commit intact (tantivy discards what was never committed; its writer lock is an OS file lock, freed
//! when the process dies). Readers ([`Searcher`]) see the last commit and are safe while a writer runs.

mod schema;
mod search;
mod write;

pub use schema::{Fields, SCHEMA_VERSION};
pub use search::{Found, GROUPED_AT_MOST, Hit, MAX_SLOP, Query, Searcher, VersionRef};
pub use write::{IndexedVersion, VersionDocs, Writer, provision_docs};

/// Where the index lives, relative to the folder billdiff runs in, when no other is named.
pub const DEFAULT_DIR: &str = ".billdiff/index";

/// A 64-bit FNV-1a hash: stable across runs and Rust versions, which is what a stored content hash needs.
pub fn fnv64(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // Separate the parts, so ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
