//! One module per page. A handler parses its request, calls the library (through [`super::workspace`] and
//! the pipeline), and fills a template struct with plain strings; the templates in `templates/web/` escape
//! everything they print.

pub mod assets;
pub mod bill;
pub mod builder;
pub mod compare;
pub mod glossary;
pub mod letter;
pub mod library;
pub mod search;
pub mod terms;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What every page's layout needs.
pub struct Chrome {
    /// The page title.
    pub title: String,
    /// Show the "not an official text" notice.
    pub notice: bool,
    /// The notice's words.
    pub notice_text: &'static str,
}

impl Chrome {
    /// A page titled `title`, without the notice.
    pub fn new(title: impl Into<String>) -> Chrome {
        Chrome {
            title: title.into(),
            notice: false,
            notice_text: crate::render::redline::NOTICE,
        }
    }

    /// A page that could be mistaken for an official text: it carries the notice.
    pub fn official_looking(title: impl Into<String>, notice: &'static str) -> Chrome {
        Chrome {
            title: title.into(),
            notice: true,
            notice_text: notice,
        }
    }
}

/// An HTML page with a status.
pub fn html(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

/// An HTML page with a status, from bytes kept between requests.
pub fn html_bytes(status: StatusCode, body: axum::body::Bytes) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

/// A download: the body with a media type and a file name.
pub fn download(media_type: &'static str, file_name: &str, body: Vec<u8>) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    let safe: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// Render a template, or a 500.
pub fn render(t: &impl askama::Template) -> Result<String, super::error::WebError> {
    t.render()
        .map_err(|e| super::error::WebError::Internal(format!("template: {e}")))
}

/// A version for menus.
pub struct VersionItem {
    /// Its id.
    pub id: String,
    /// "Enrolled, 2024-09-03".
    pub label: String,
}

/// The versions of a bill folder, oldest first.
pub fn versions(folder: &crate::ingest::BillFolder) -> Vec<VersionItem> {
    folder
        .manifest
        .versions
        .iter()
        .map(|v| VersionItem {
            id: v.id.clone(),
            label: format!(
                "{}{}, {}",
                v.stage_name(),
                v.house.map(|h| format!(" in {}", h.as_str())).unwrap_or_default(),
                v.date
            ),
        })
        .collect()
}
