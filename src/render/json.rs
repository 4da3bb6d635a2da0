//! JSON output: an API, versioned.
//!
//! Every JSON document billdiff prints is an object with `schema_version` (currently
//! [`SCHEMA_VERSION`]) and `kind` (`outline`, `provision`). Changes to the shape are listed in
//! CHANGELOG.md; fields are only added within a version.
//!
//! `outline` — `{schema_version, kind, source, bill}` where `bill` is the whole [`Bill`]: `kind` (`bill`,
//! `act`, `code`, `fragment`), `style` (the drafting style's id: `ca`, `us`, `tx`, `ny`, `co`, `wa`, `eu`,
//! `uk`), `meta` (jurisdiction, measure `{kind, number, year?, suffix?}`, session, history `[{stage, house,
//! date}]`, authors, coauthors, title, subject, chapter), `digest` (`{paragraphs, key}` or null), `body`
//! (`{text, provisions}`) and `warnings`. Every provision has `kind`, `path`, `label`, `num`, `text`, `span` (`{start, end}`, byte
//! offsets into `body.text`), `children`, and where they apply `action` and `code`.
//!
//! `provision` — `{schema_version, kind, source, measure, provision, full_text}` for `billdiff show`.
//!
//! `proposal` — `{schema_version, kind, source, measure, notice, proposal, redline, amendments, findings}` for
//! `billdiff propose`: `proposal` is `{title, summary, bill, version, file}`; `redline` is
//! `{paragraphs[], changes[], footnotes[], coarse}` where each paragraph has `path`, `segments[]`
//! (`op`: equal/delete/insert, `text`, `old_at`, `new_at`, `changes`), `changed` and `end` (the line break's
//! op, null for the last); each change is tagged by `kind` (rename, insert, renumber, cross-reference,
//! replace, strike, insert-text) with its `footnotes`; `amendments[]` are numbered with `location`,
//! `instructions[]` (tagged by `do`), `footnotes` and `changes`; `findings[]` are tagged by `kind`.
//!
//! `compare` — `{schema_version, kind, source: {old, new}, notice, summary, pairs, redline, amendments}` for
//! `billdiff diff`: `summary` counts provisions `added`, `deleted`, `moved`, `renumbered`, `changed`, words
//! struck and inserted, `definitions` (`added`, `removed`, `changed` with word counts, `unchanged`), and
//! the provisions `renumbers[]` and `moves[]` (each `{old, new}` paths);
//! `pairs[]` are the aligned provisions `{old, new, how, similarity}` (`how`: identical, similar,
//! same-path, children, position); changes add `move`, `delete` and `edit` (with `pieces[]` of
//! `{old, new, after}`) to the kinds of `proposal`.
//!
//! `terms` — `{schema_version, kind, source, measure, definitions, undefined, digest, findings}` for
//! `billdiff terms`: `definitions[]` has `term`, `written`, `aliases`, `location`, `parts[]` (`location`,
//! `kind`: means/includes/excludes/by-reference, `reference`, `term_spans`, `definiens`), `scope` (`unit`,
//! `anchor`, `stated`, `phrase`, `phrase_at`, `covers`, `note`), `uses[]`, `out_of_scope[]`, `mentions[]`
//! (each `{path, span, text}`) and `glossary`; `undefined[]` has `term`, `glossary`, `uses[]` (`path`,
//! `span`, `text`, `sense`: technical/ordinary/unclear, `signal`) and `locations`; `digest[]` has `term`,
//! `defined`, `paragraph`, `text`; `findings[]` are tagged by `kind`.

use crate::model::Source;
use crate::model::{Bill, Measure, Provision};
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

/// `billdiff propose --format json`: the proposal, the redline, the numbered amendments, the findings.
pub fn proposal<F: Serialize>(
    measure: Option<&Measure>,
    proposal: &crate::propose::proposal::Proposal,
    redline: &crate::redline::Redline,
    findings: &[F],
    source: &Source,
) -> String {
    #[derive(Serialize)]
    struct About<'a> {
        title: &'a str,
        summary: &'a str,
        bill: Option<&'a str>,
        version: Option<&'a str>,
        file: &'a str,
    }
    #[derive(Serialize)]
    struct Payload<'a, F: Serialize> {
        measure: Option<String>,
        notice: &'static str,
        proposal: About<'a>,
        redline: &'a crate::redline::Redline,
        amendments: Vec<crate::redline::amendments::Amendment>,
        findings: &'a [F],
    }
    to_string(
        "proposal",
        source,
        Payload {
            measure: measure.map(ToString::to_string),
            notice: super::redline::NOTICE,
            proposal: About {
                title: &proposal.title,
                summary: proposal.summary.trim(),
                bill: proposal.bill.as_deref(),
                version: proposal.version.as_deref(),
                file: &proposal.source_name,
            },
            redline,
            amendments: crate::redline::amendments::amendments(redline),
            findings,
        },
    )
}

/// `billdiff diff --format json`: the summary, the aligned pairs, the redline, the amendments.
pub fn compare(old: &Source, new: &Source, c: &crate::compare::Comparison) -> String {
    #[derive(Serialize)]
    struct Sources<'a> {
        old: &'a Source,
        new: &'a Source,
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        schema_version: u32,
        kind: &'static str,
        source: Sources<'a>,
        notice: &'static str,
        summary: &'a crate::compare::Summary,
        pairs: &'a [crate::compare::Pair],
        redline: &'a crate::redline::Redline,
        amendments: Vec<crate::redline::amendments::Amendment>,
        #[serde(skip_serializing_if = "Option::is_none")]
        official_agreement: Option<&'a crate::compare::official::Agreement>,
        context: crate::compare::law::Context,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        law: &'a [crate::compare::law::LawUse],
    }
    let mut s = serde_json::to_string_pretty(&Doc {
        schema_version: SCHEMA_VERSION,
        kind: "compare",
        context: c.context,
        law: &c.law,
        source: Sources { old, new },
        notice: super::redline::COMPARE_NOTICE,
        summary: &c.summary,
        pairs: &c.pairs,
        redline: &c.redline,
        amendments: crate::redline::amendments::amendments(&c.redline),
        official_agreement: c.official.as_ref(),
    })
    .expect("comparison serializes");
    s.push('\n');
    s
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
