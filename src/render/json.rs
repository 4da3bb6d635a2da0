//! JSON output: an API, versioned.
//!
//! Every JSON document billdiff prints is an object with `schema_version` (currently
//! [`SCHEMA_VERSION`]) and `kind` (`outline`, `provision`). Changes to the shape are listed in
//! CHANGELOG.md; fields are only added within a version.
//!
//! `outline` — `{schema_version, kind, source, bill}` where `bill` is the whole [`Bill`]: `meta`
//! (jurisdiction, measure `{kind, number}`, session, history `[{stage, house, date}]`, authors, coauthors,
//! title, subject, chapter), `digest` (`{paragraphs, key}` or null), `body` (`{text, provisions}`) and
//! `warnings`. Every provision has `kind`, `path`, `label`, `num`, `text`, `span` (`{start, end}`, byte
//! offsets into `body.text`), `children`, and where they apply `action` and `code`.
//!
//! `provision` — `{schema_version, kind, source, measure, provision, full_text}` for `billdiff show`.
//!
//! `terms` — `{schema_version, kind, source, measure, definitions, undefined, digest, findings}` for
//! `billdiff terms`: `definitions[]` has `term`, `written`, `aliases`, `location`, `parts[]` (`location`,
//! `kind`: means/includes/excludes/by-reference, `reference`, `term_spans`, `definiens`), `scope` (`unit`,
//! `anchor`, `stated`, `phrase`, `phrase_at`, `covers`, `note`), `uses[]`, `out_of_scope[]`, `mentions[]`
//! (each `{path, span, text}`) and `glossary`; `undefined[]` has `term`, `glossary`, `uses[]` (`path`,
//! `span`, `text`, `sense`: technical/ordinary/unclear, `signal`) and `locations`; `digest[]` has `term`,
//! `defined`, `paragraph`, `text`; `findings[]` are tagged by `kind`.

use crate::model::{Bill, Measure, Provision};
use crate::pipeline::Source;
use serde::Serialize;

/// The current JSON schema version.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    schema_version: u32,
    kind: &'static str,
    source: &'a Source,
    #[serde(flatten)]
    payload: T,
}

fn to_string<T: Serialize>(kind: &'static str, source: &Source, payload: T) -> String {
    let env = Envelope {
        schema_version: SCHEMA_VERSION,
        kind,
        source,
        payload,
    };
    let mut s = serde_json::to_string_pretty(&env).expect("model types serialize");
    s.push('\n');
    s
}

/// `billdiff outline --format json`.
pub fn outline(bill: &Bill, source: &Source) -> String {
    #[derive(Serialize)]
    struct Payload<'a> {
        bill: &'a Bill,
    }
    to_string("outline", source, Payload { bill })
}

/// `billdiff terms --format json`.
pub fn terms(measure: Option<&Measure>, report: &crate::terms::TermsReport, source: &Source) -> String {
    #[derive(Serialize)]
    struct Payload<'a> {
        measure: Option<String>,
        #[serde(flatten)]
        report: &'a crate::terms::TermsReport,
    }
    to_string(
        "terms",
        source,
        Payload {
            measure: measure.map(ToString::to_string),
            report,
        },
    )
}

/// `billdiff show --format json`.
pub fn provision(measure: Option<&Measure>, p: &Provision, source: &Source) -> String {
    #[derive(Serialize)]
    struct Payload<'a> {
        measure: Option<String>,
        provision: &'a Provision,
        full_text: String,
    }
    to_string(
        "provision",
        source,
        Payload {
            measure: measure.map(ToString::to_string),
            provision: p,
            full_text: p.full_text(),
        },
    )
}
