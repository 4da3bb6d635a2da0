//! The search page: the CLI's query syntax and filters, ranked provisions with highlighted snippets.

use super::{Chrome, html, render};
use crate::index::Query;
use crate::render::annotated::element_id;
use crate::web::error::WebError;
use crate::web::{AppState, blocking};
use askama::Template;
use axum::extract::{Query as Q, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

/// The search form.
#[derive(Debug, Default, Deserialize)]
pub struct Form {
    #[serde(default)]
    q: String,
    #[serde(default)]
    bill: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    limit: Option<usize>,
}

struct HitView {
    href: String,
    path: String,
    bill: String,
    version: String,
    date: String,
    heading: String,
    snippet: String,
    defines: String,
}

#[derive(Template)]
#[template(path = "web/search.html")]
struct Page {
    chrome: Chrome,
    q: String,
    bill: String,
    version: String,
    bills: Vec<String>,
    searched: bool,
    error: String,
    hits: Vec<HitView>,
}

/// `/search?q=...&bill=...&version=...`.
pub async fn page(State(st): State<AppState>, Q(form): Q<Form>) -> Result<Response, WebError> {
    let q = form.q.trim().to_string();
    let mut page = Page {
        chrome: Chrome::new(if q.is_empty() {
            "Search".to_string()
        } else {
            format!("Search: {q}")
        }),
        q: q.clone(),
        bill: form.bill.clone(),
        version: form.version.clone(),
        bills: st.ws.folders().into_iter().map(|(n, _)| n).collect(),
        searched: false,
        error: String::new(),
        hits: Vec::new(),
    };
    if q.is_empty() {
        return Ok(html(StatusCode::OK, render(&page)?));
    }
    if q.len() > 2000 {
        return Err(WebError::BadRequest(
            "The query is longer than 2,000 characters.".into(),
        ));
    }
    let Some(searcher) = st.searcher() else {
        return Err(WebError::Unavailable(
            "Search is unavailable: the index could not be built. The details are in the server's log.".into(),
        ));
    };
    let query = Query {
        text: q,
        bill: Some(form.bill.clone()).filter(|s| !s.is_empty()),
        version: Some(form.version.clone()).filter(|s| !s.is_empty()),
        limit: form.limit.unwrap_or(30).clamp(1, 200),
    };
    let result = blocking(move || Ok(searcher.search(&query))).await?;
    page.searched = true;
    match result {
        Ok(hits) => {
            page.hits = hits
                .iter()
                .map(|h| HitView {
                    href: format!("/bills/{}/{}#{}", h.bill, h.version, element_id(&h.path)),
                    path: h.path.clone(),
                    bill: crate::render::search::bill_name(h).to_string(),
                    version: h.version.clone(),
                    date: h.date.clone(),
                    heading: h.heading.clone(),
                    snippet: crate::render::search::snippet_html(h),
                    defines: h.defines.join(", "),
                })
                .collect();
            Ok(html(StatusCode::OK, render(&page)?))
        }
        Err(e @ crate::Error::Query { .. }) => {
            page.error = e.to_string();
            Ok(html(StatusCode::BAD_REQUEST, render(&page)?))
        }
        Err(e) => Err(WebError::input(e)),
    }
}
