//! The library page: the workspace's bills and their versions, proposals and letters; uploading a bill.
//!
//! A whole session imported from the Legislature's tables is thousands of measures, so the list is
//! searched and filtered (words of the measure, title or id; session, house, status — the latest
//! version's stage — and author) and paged, [`PAGE`] measures at a time. The choices each filter offers are
//! the values the library holds.

use super::{Chrome, VersionItem, html, render, versions};
use crate::web::error::WebError;
use crate::web::workspace::Upload;
use crate::web::{AppState, blocking};
use askama::Template;
use axum::extract::{Multipart, Query, State};
use serde::Deserialize;

/// Measures a page lists.
pub const PAGE: usize = 50;

/// The list's search and filters, from the query string; empty fields do not filter.
#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    session: String,
    #[serde(default)]
    house: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    page: Option<usize>,
}
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

struct BillItem {
    id: String,
    measure: String,
    title: String,
    session: String,
    /// The house the measure was introduced in, from its designation (`SB` → Senate), when it says.
    house: String,
    /// The latest version's stage.
    status: String,
    /// The authors the import recorded, any version.
    authors: Vec<String>,
    versions: Vec<VersionItem>,
    proposals: Vec<String>,
    letters: Vec<String>,
}

#[derive(Template)]
#[template(path = "web/library.html")]
struct Page {
    chrome: Chrome,
    bills: Vec<BillItem>,
    /// The filters as asked, for the form.
    q: String,
    session: String,
    house: String,
    status: String,
    author: String,
    /// The choices each filter offers.
    sessions: Vec<String>,
    houses: Vec<String>,
    statuses: Vec<String>,
    /// "Showing 1–50 of 2,417 measures" (or that none match).
    showing: String,
    /// Links to the pages before and after, when there are.
    prev: Option<String>,
    next: Option<String>,
    broken: Vec<(String, String)>,
    max_kib: usize,
    search: bool,
}

/// The house a designation names by its first letter (`SB`, `SCR` → Senate; `AB`, `HB`, `HR` → the lower
/// house, named as the Legislature names it: Assembly in California and New York, House elsewhere).
fn house(measure: &str, jurisdiction: &str) -> String {
    match measure.trim_start().chars().next().map(|c| c.to_ascii_uppercase()) {
        Some('S') => "Senate".into(),
        Some('A') => "Assembly".into(),
        Some('H') if matches!(jurisdiction, "ca" | "ny") => "Assembly".into(),
        Some('H') => "House".into(),
        _ => String::new(),
    }
}

/// The authors an imported bill's manifest records, each once, in order.
fn authors(f: &crate::ingest::BillFolder) -> Vec<String> {
    let path = f.dir.join(crate::ingest::library::MANIFEST);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let Ok(Some(m)) = crate::ingest::library::parse_imported(&path, &text) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for a in m.versions.iter().flat_map(|v| &v.authors) {
        if !out.contains(&a.name) {
            out.push(a.name.clone());
        }
    }
    out
}

/// Whether a bill passes the filter.
fn passes(b: &BillItem, f: &Filter) -> bool {
    let has = |hay: &str, needle: &str| hay.to_lowercase().contains(&needle.trim().to_lowercase());
    let q = f.q.trim();
    (q.is_empty()
        || q.split_whitespace()
            .all(|w| has(&b.measure, w) || has(&b.title, w) || has(&b.id, w)))
        && (f.session.is_empty() || b.session == f.session)
        && (f.house.is_empty() || b.house == f.house)
        && (f.status.is_empty() || b.status == f.status)
        && (f.author.trim().is_empty() || b.authors.iter().any(|a| has(a, &f.author)))
}

/// `/`: the library, searched, filtered and paged.
pub async fn page(State(st): State<AppState>, Query(f): Query<Filter>) -> Result<Response, WebError> {
    let ws = st.ws.clone();
    let folders = blocking(move || Ok(ws.folders())).await?;
    let mut bills = Vec::new();
    let mut broken = Vec::new();
    for (name, folder) in folders {
        match folder {
            Ok(folder) => bills.push(BillItem {
                id: folder.manifest.id.clone(),
                measure: folder.manifest.measure.clone(),
                title: folder.manifest.title.clone(),
                session: folder.manifest.session.clone(),
                house: house(&folder.manifest.measure, &folder.manifest.jurisdiction),
                status: folder
                    .manifest
                    .versions
                    .last()
                    .map(|v| v.stage.as_str().to_string())
                    .unwrap_or_default(),
                authors: authors(&folder),
                versions: versions(&folder),
                proposals: st.ws.proposals(&folder),
                letters: st.ws.letters(&folder),
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
    let choices = |get: fn(&BillItem) -> &String| {
        let mut v: Vec<String> = bills.iter().map(|b| get(b).clone()).filter(|s| !s.is_empty()).collect();
        v.sort();
        v.dedup();
        v
    };
    let (sessions, houses, statuses) = (choices(|b| &b.session), choices(|b| &b.house), choices(|b| &b.status));
    let matching: Vec<BillItem> = bills.into_iter().filter(|b| passes(b, &f)).collect();
    let total = matching.len();
    let pages = total.div_ceil(PAGE).max(1);
    let page_no = f.page.unwrap_or(1).clamp(1, pages);
    let from = (page_no - 1) * PAGE;
    let shown: Vec<BillItem> = matching.into_iter().skip(from).take(PAGE).collect();
    let link = |n: usize| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &f.q),
            ("session", &f.session),
            ("house", &f.house),
            ("status", &f.status),
            ("author", &f.author),
        ] {
            if !v.is_empty() {
                q.append_pair(k, v);
            }
        }
        q.append_pair("page", &n.to_string());
        format!("/?{}", q.finish())
    };
    let page = Page {
        chrome: Chrome::new("Library"),
        showing: crate::render::import::showing(from, shown.len(), total),
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: (page_no < pages).then(|| link(page_no + 1)),
        bills: shown,
        q: f.q.clone(),
        session: f.session.clone(),
        house: f.house.clone(),
        status: f.status.clone(),
        author: f.author.clone(),
        sessions,
        houses,
        statuses,
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
