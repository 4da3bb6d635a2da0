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
    /// The page of hits, from 1.
    #[serde(default)]
    page: Option<usize>,
}

/// Hits on a page.
const PER_PAGE: usize = 30;

struct HitView {
    href: String,
    path: String,
    bill: String,
    version: String,
    date: String,
    heading: String,
    snippet: String,
    defines: String,
    also: String,
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
    /// "33 provisions match; 1–30 shown."
    count: String,
    /// The first hit's number on this page (for the list's `start`).
    first: usize,
    /// Links to the previous and next pages, when there are such pages.
    previous: String,
    next: String,
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
        count: String::new(),
        first: 1,
        previous: String::new(),
        next: String::new(),
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
    let limit = form.limit.unwrap_or(PER_PAGE).clamp(1, 200);
    let page_no = form.page.unwrap_or(1).clamp(1, 10_000);
    let query = Query {
        text: q,
        bill: Some(form.bill.clone()).filter(|s| !s.is_empty()),
        version: Some(form.version.clone()).filter(|s| !s.is_empty()),
        limit,
        offset: (page_no - 1) * limit,
    };
    let link = |n: usize| {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        pairs.append_pair("q", &form.q);
        for (k, v) in [("bill", &form.bill), ("version", &form.version)] {
            if !v.is_empty() {
                pairs.append_pair(k, v);
            }
        }
        if let Some(l) = form.limit {
            pairs.append_pair("limit", &l.to_string());
        }
        pairs.append_pair("page", &n.to_string());
        format!("/search?{}", pairs.finish())
    };
    let result = blocking(move || Ok(searcher.search(&query))).await?;
    page.searched = true;
    match result {
        Ok(found) => {
            page.count = crate::render::search::count_line(&found);
            page.first = found.offset + 1;
            if page_no > 1 {
                page.previous = link(page_no - 1);
            }
            if found.offset + found.hits.len() < found.total {
                page.next = link(page_no + 1);
            }
            page.hits = found
                .hits
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
                    also: crate::render::search::also_in(h),
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
