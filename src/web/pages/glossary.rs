//! The glossary page: the terms of art billdiff knows, with their footnotes and sources.

use super::{Chrome, html, render};
use crate::glossary::GlossaryEntry;
use crate::render::html::markdown_to_html;
use crate::web::AppState;
use crate::web::error::WebError;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

struct Entry<'a> {
    e: &'a GlossaryEntry,
    footnote: String,
    forms: String,
}

#[derive(Template)]
#[template(path = "web/glossary.html")]
struct Page<'a> {
    chrome: Chrome,
    entries: Vec<Entry<'a>>,
}

/// `/glossary`.
pub async fn page(State(st): State<AppState>) -> Result<Response, WebError> {
    let g = st.ws.glossary.clone();
    let page = Page {
        chrome: Chrome::new("Glossary of terms of art"),
        entries: g
            .entries
            .iter()
            .map(|e| Entry {
                e,
                footnote: markdown_to_html(&e.footnote),
                forms: e.forms.join(", "),
            })
            .collect(),
    };
    Ok(html(StatusCode::OK, render(&page)?))
}
