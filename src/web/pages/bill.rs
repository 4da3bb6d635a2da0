//! The bill page: outline, text with defined terms and terms of art marked, footnotes.

use super::{Chrome, VersionItem, html_bytes, render, versions};
use crate::render::annotated::AnnotatedBill;
use crate::web::error::WebError;
use crate::web::{AppState, blocking};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use std::sync::Arc;

#[derive(Template)]
#[template(path = "web/bill.html")]
struct Page {
    chrome: Chrome,
    bill: String,
    version: String,
    heading: String,
    title: String,
    session: String,
    authors: String,
    source: String,
    versions: Vec<VersionItem>,
    proposals: Vec<String>,
    digest: Vec<String>,
    warnings: Vec<String>,
    undefined: usize,
    defined: usize,
    a: Arc<AnnotatedBill>,
}

/// `/bills/{bill}`: the latest version.
pub async fn latest(State(st): State<AppState>, Path(bill): Path<String>) -> Result<Redirect, WebError> {
    let folder = st.ws.folder(&bill)?;
    let v = folder.version(None).map_err(WebError::input)?;
    Ok(Redirect::to(&format!("/bills/{bill}/{}", v.id)))
}

/// `/bills/{bill}/{version}`.
pub async fn page(
    State(st): State<AppState>,
    Path((bill, version)): Path<(String, String)>,
) -> Result<Response, WebError> {
    // An unchanged page is sent as kept, without a trip to the blocking pool.
    let body = match st.ws.kept_bill_page(&bill, &version) {
        Some(page) => page,
        None => rendered(st, bill, version).await?,
    };
    let mut r = html_bytes(StatusCode::OK, body.bytes);
    if let Ok(tag) = axum::http::HeaderValue::from_str(&body.etag) {
        r.headers_mut().insert(axum::http::header::ETAG, tag);
    }
    Ok(r)
}

/// The page analysed (from the workspace's memory unless its files changed) and rendered, on the blocking
/// pool, and kept.
async fn rendered(st: AppState, bill: String, version: String) -> Result<crate::web::workspace::KeptPage, WebError> {
    let ws = st.ws.clone();
    blocking(move || {
        let a = ws.analysed(&bill, &version)?;
        let proposals = ws.proposals(&a.folder);
        // The page is rendered once per version (and list of proposals), not once per request.
        a.bill_page(&proposals, || {
            let annotated = a.annotated(&ws.glossary);
            render(&page_of(&a, proposals.clone(), annotated))
        })
    })
    .await
}

/// The bill page of an analysed version.
fn page_of(a: &crate::web::workspace::Analysed, proposals: Vec<String>, annotated: Arc<AnnotatedBill>) -> Page {
    let meta = &a.opened.bill.meta;
    let heading = crate::render::outline::bill_line(&a.opened.bill);
    Page {
        chrome: Chrome::new(heading.clone()),
        bill: a.bill.clone(),
        version: a.version.clone(),
        heading,
        title: meta.title.clone().unwrap_or_default(),
        session: meta.session.clone().unwrap_or_default(),
        authors: meta.authors.join(", "),
        source: a.opened.source.url.clone().unwrap_or_default(),
        versions: versions(&a.folder),
        proposals,
        digest: a
            .opened
            .bill
            .digest
            .as_ref()
            .map(|d| d.paragraphs.clone())
            .unwrap_or_default(),
        warnings: a
            .opened
            .bill
            .warnings
            .iter()
            .map(|w| format!("{}: {}", w.path, crate::render::notes::warning(&w.kind)))
            .collect(),
        undefined: a.report.undefined.iter().filter(|u| u.flagged()).count(),
        defined: a.report.definitions.len(),
        a: annotated,
    }
}
