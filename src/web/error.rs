//! The web UI's one error type. Bad input becomes a 4xx page that says what is wrong; anything else is a
//! 500 page with a generic message, and the details go to the log only.

use super::pages::Chrome;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What went wrong while answering a request.
#[derive(Debug)]
pub enum WebError {
    /// 400: the request (a form, a query, an upload) is malformed; the message says how.
    BadRequest(String),
    /// 404: no such bill, version, proposal or page.
    NotFound(String),
    /// 409: a save would overwrite someone else's work.
    Conflict(String),
    /// 422: well-formed, but it cannot be done as asked (a proposal that does not apply to its bill).
    Unprocessable(String),
    /// 413: the body is over the limit.
    TooLarge(String),
    /// 503: a part of the service (search) is not available.
    Unavailable(String),
    /// 503 with `Retry-After`: the server has no place for the work now.
    Busy(String),
    /// 500: a fault on our side; the text is logged, never sent.
    Internal(String),
}

impl WebError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Unavailable(_) | WebError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the user is told.
    pub fn public_message(&self) -> &str {
        match self {
            WebError::BadRequest(m)
            | WebError::NotFound(m)
            | WebError::Conflict(m)
            | WebError::Unprocessable(m)
            | WebError::TooLarge(m)
            | WebError::Unavailable(m)
            | WebError::Busy(m) => m,
            WebError::Internal(_) => "Something went wrong on the server. The details are in the server's log.",
        }
    }

    /// A request-input error from the library: the user's input was at fault.
    pub fn input(e: crate::Error) -> WebError {
        use crate::Error as E;
        match e {
            E::Io { .. } | E::Manifest { .. } | E::Glossary { .. } | E::Index { .. } => {
                WebError::Internal(e.to_string())
            }
            E::UnknownVersion { .. } | E::ProvisionNotFound { .. } => WebError::NotFound(e.to_string()),
            E::Exists { what } => WebError::Conflict(capitalize(&what.to_string())),
            E::TooLarge { .. } => WebError::TooLarge(e.to_string()),
            other => WebError::BadRequest(other.to_string()),
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect::<String>() + ".")
        .unwrap_or_default()
}

impl From<crate::Error> for WebError {
    fn from(e: crate::Error) -> WebError {
        WebError::input(e)
    }
}

impl From<tokio::task::JoinError> for WebError {
    fn from(e: tokio::task::JoinError) -> WebError {
        WebError::Internal(format!("a worker task failed: {e}"))
    }
}

#[derive(Template)]
#[template(path = "web/error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
    status: u16,
    reason: &'a str,
    message: &'a str,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let WebError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        } else {
            tracing::debug!(
                status = status.as_u16(),
                message = self.public_message(),
                "request refused"
            );
        }
        let page = ErrorPage {
            chrome: Chrome::new(status.canonical_reason().unwrap_or("Error")),
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("Error"),
            message: self.public_message(),
        };
        let body = page
            .render()
            .unwrap_or_else(|_| format!("{} {}", status.as_u16(), self.public_message()));
        let busy = matches!(self, WebError::Busy(_));
        let mut r = (status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        if busy {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        r
    }
}
