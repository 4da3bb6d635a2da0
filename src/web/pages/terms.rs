//! The terms page: every defined term with its scope and uses, the undefined terms of art, the findings.

use super::{Chrome, html, render};
use crate::render::annotated::element_id;
use crate::terms::Sense;
use crate::web::error::WebError;
use crate::web::{AppState, blocking};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

struct DefRow {
    term: String,
    aliases: String,
    kinds: String,
    path: String,
    anchor: String,
    scope: String,
    stated: bool,
    uses: usize,
    out_of_scope: usize,
    mentions: usize,
    glossary: Option<String>,
}

struct Loc {
    path: String,
    anchor: String,
}

struct ArtRow {
    term: String,
    glossary: String,
    technical: usize,
    ordinary: usize,
    unclear: usize,
    locations: Vec<Loc>,
    more: usize,
}

#[derive(Template)]
#[template(path = "web/terms.html")]
struct Page {
    chrome: Chrome,
    bill: String,
    version: String,
    heading: String,
    defs: Vec<DefRow>,
    arts: Vec<ArtRow>,
    findings: Vec<String>,
    digest: Vec<(String, usize)>,
}

/// `/bills/{bill}/{version}/terms`.
pub async fn page(
    State(st): State<AppState>,
    Path((bill, version)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let ws = st.ws.clone();
    let a = blocking(move || ws.analysed(&bill, &version)).await?;
    let r = &a.report;
    let defs = r
        .definitions
        .iter()
        .map(|d| {
            let mut kinds: Vec<&str> = Vec::new();
            for k in d.parts.iter().map(|p| p.kind.as_str()) {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
            DefRow {
                term: d.display(),
                aliases: d.aliases.join(", "),
                kinds: kinds.join(", "),
                path: d.location.clone(),
                anchor: element_id(&d.location),
                scope: crate::render::terms::scope_name(&d.scope.name()),
                stated: d.scope.stated,
                uses: d.uses.len(),
                out_of_scope: d.out_of_scope.len(),
                mentions: d.mentions.len(),
                glossary: d.glossary.clone(),
            }
        })
        .collect();
    let arts = r
        .undefined
        .iter()
        .map(|u| ArtRow {
            term: u.term.clone(),
            glossary: u.glossary.clone(),
            technical: u.count(Sense::Technical),
            ordinary: u.count(Sense::Ordinary),
            unclear: u.count(Sense::Unclear),
            locations: u
                .locations
                .iter()
                .take(12)
                .map(|p| Loc {
                    path: p.clone(),
                    anchor: element_id(p),
                })
                .collect(),
            more: u.locations.len().saturating_sub(12),
        })
        .collect();
    let digest = crate::render::terms::digest_counts(r);
    let heading = crate::render::outline::bill_line(&a.opened.bill);
    let page = Page {
        chrome: Chrome::new(format!("Terms — {heading}")),
        bill: a.bill.clone(),
        version: a.version.clone(),
        heading,
        defs,
        arts,
        findings: r.findings.iter().map(crate::render::terms::finding).collect(),
        digest,
    };
    Ok(html(StatusCode::OK, render(&page)?))
}
