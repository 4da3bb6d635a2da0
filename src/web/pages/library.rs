//! The library page: the workspace's bills and their versions, proposals and letters; uploading a bill.

use super::{Chrome, VersionItem, html, render, versions};
use crate::web::error::WebError;
use crate::web::workspace::Upload;
use crate::web::{AppState, blocking};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

struct BillItem {
    id: String,
    measure: String,
    title: String,
    session: String,
    versions: Vec<VersionItem>,
    proposals: Vec<String>,
    letters: Vec<String>,
}

#[derive(Template)]
#[template(path = "web/library.html")]
struct Page {
    chrome: Chrome,
    bills: Vec<BillItem>,
    broken: Vec<(String, String)>,
    max_kib: usize,
    search: bool,
}

/// `/`.
pub async fn page(State(st): State<AppState>) -> Result<Response, WebError> {
    let mut bills = Vec::new();
    let mut broken = Vec::new();
    for (name, f) in st.ws.folders() {
        match f {
            Ok(f) => bills.push(BillItem {
                id: f.manifest.id.clone(),
                measure: f.manifest.measure.clone(),
                title: f.manifest.title.clone(),
                session: f.manifest.session.clone(),
                versions: versions(&f),
                proposals: st.ws.proposals(&f),
                letters: st.ws.letters(&f),
            }),
            // The manifest's problem is the workspace owner's to fix; say which folder, not the server's paths.
            Err(e) => {
                tracing::warn!(bill = %name, error = %e, "unreadable bill folder");
                broken.push((
                    name,
                    "its bill.toml could not be read; see the server's log".to_string(),
                ));
            }
        }
    }
    let page = Page {
        chrome: Chrome::new("Library"),
        bills,
        broken,
        max_kib: st.max_body / 1024,
        search: st.searcher().is_some(),
    };
    Ok(html(StatusCode::OK, render(&page)?))
}

fn field_error(e: axum::extract::multipart::MultipartError) -> WebError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        WebError::TooLarge("The upload is larger than this server accepts.".into())
    } else {
        WebError::BadRequest(format!("The upload form could not be read: {}", e.body_text()))
    }
}

/// `POST /bills`: add an uploaded bill text (multipart: `file`, and optional `bill`, `version`, `source`).
pub async fn upload(State(st): State<AppState>, mut mp: Multipart) -> Result<Response, WebError> {
    let mut up = Upload {
        file_name: String::new(),
        bytes: Vec::new(),
        bill: None,
        version: None,
        source: None,
    };
    let mut got_file = false;
    while let Some(field) = mp.next_field().await.map_err(field_error)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" => {
                up.file_name = field
                    .file_name()
                    .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
                    .unwrap_or_else(|| "upload".into());
                up.bytes = field.bytes().await.map_err(field_error)?.to_vec();
                got_file = true;
            }
            "bill" => up.bill = Some(field.text().await.map_err(field_error)?),
            "version" => up.version = Some(field.text().await.map_err(field_error)?),
            "source" => up.source = Some(field.text().await.map_err(field_error)?),
            other => {
                return Err(WebError::BadRequest(format!(
                    "The upload form has an unknown field {other:?}."
                )));
            }
        }
    }
    if !got_file || up.bytes.is_empty() {
        return Err(WebError::BadRequest(
            "Choose a bill file to upload (a leginfo page, text or Markdown).".into(),
        ));
    }
    let ws = st.ws.clone();
    let (bill, version) = blocking(move || ws.add_upload(up)).await?;
    tracing::info!(%bill, %version, "bill uploaded");
    let _ = st.reindex.try_send(());
    Ok(Redirect::to(&format!("/bills/{bill}/{version}")).into_response())
}
