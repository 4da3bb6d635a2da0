//! The web UI for legislative staff: `billdiff serve`.
//!
//! An axum router over one workspace (see [`workspace`]); server-rendered askama pages from
//! `templates/web/`, with a little vanilla JavaScript for definition tooltips and the proposal builder's live
//! preview. Handlers call the same library functions as the CLI (the pipeline, terms, propose, compare,
//! search, letters) and the same renderers; they parse requests and pick templates, nothing more.
//!
//! Safety rails: the server binds to loopback unless it has access control ([`auth`]) or is told
//! `--insecure-public`; request bodies are capped (413) and requests time out; every string from a bill,
//! a proposal or a user is escaped; names that become file names are validated; cross-site form posts are
//! refused; internal errors show a generic page and go to the log. The search index is written only at
//! start and by a background task after an upload, never on a request; requests share one reader.

pub mod auth;
pub mod error;
pub mod pages;
pub mod workspace;

use crate::index::Searcher;
use auth::{Access, Gate};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use error::WebError;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use workspace::Workspace;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The workspace folder (with `bills/`).
    pub workspace: PathBuf,
    /// The glossary of terms of art.
    pub glossary: crate::glossary::Glossary,
    /// Who may use it.
    pub access: Access,
    /// Listen beyond loopback without access control.
    pub insecure_public: bool,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// How long a request may take.
    pub timeout: Duration,
    /// How many bytes of analysed versions the server keeps in memory (least recently used go first).
    pub cache_bytes: usize,
}

impl Config {
    /// Refuse a non-loopback address without access control, unless told `--insecure-public`.
    pub fn check(&self) -> crate::Result<()> {
        if !self.addr.ip().is_loopback() && self.access.is_open() && !self.insecure_public {
            return Err(crate::Error::Config {
                source_name: format!("--addr {}", self.addr),
                problem: crate::error::ConfigProblem::PublicWithoutAuth,
            });
        }
        Ok(())
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The workspace.
    pub ws: Arc<Workspace>,
    /// The one index reader (none when the index could not be built).
    pub searcher: Arc<RwLock<Option<Arc<Searcher>>>>,
    /// Asks the background indexer to bring the index up to date.
    pub reindex: tokio::sync::mpsc::Sender<()>,
    /// Access control.
    pub gate: Arc<Gate>,
    /// The body limit, for messages.
    pub max_body: usize,
}

impl AppState {
    /// The shared index reader.
    pub fn searcher(&self) -> Option<Arc<Searcher>> {
        self.searcher.read().ok().and_then(|s| s.clone())
    }
}

/// Open the workspace, bring its index up to date (blocking; before serving), and start the background
/// indexer. Call inside a tokio runtime.
pub fn state(config: &Config) -> crate::Result<AppState> {
    let ws = Arc::new(Workspace::new(
        &config.workspace,
        config.glossary.clone(),
        config.cache_bytes,
    ));
    let searcher = Arc::new(RwLock::new(None));
    update_index(&ws, &searcher);
    let (tx, mut rx) = tokio::sync::mpsc::channel::<()>(4);
    let (ws2, s2) = (ws.clone(), searcher.clone());
    tokio::spawn(async move {
        while rx.recv().await.is_some() {
            // Coalesce: one update covers every request queued meanwhile.
            while rx.try_recv().is_ok() {}
            let (ws, s) = (ws2.clone(), s2.clone());
            let _ = tokio::task::spawn_blocking(move || update_index(&ws, &s)).await;
        }
    });
    Ok(AppState {
        ws,
        searcher,
        reindex: tx,
        gate: Arc::new(Gate::new(config.access.clone())),
        max_body: config.max_body,
    })
}

/// Index the workspace's bills and (re)open the shared reader. Failures are logged: the rest of the UI works
/// without search.
fn update_index(ws: &Workspace, searcher: &RwLock<Option<Arc<Searcher>>>) {
    let started = std::time::Instant::now();
    let result = (|| -> crate::Result<crate::pipeline::index::Stats> {
        let ok: Vec<PathBuf> = ws
            .folders()
            .into_iter()
            .filter_map(|(name, f)| match f {
                Ok(f) => Some(f.dir),
                Err(e) => {
                    tracing::warn!(bill = %name, error = %e, "bill folder left out of the index");
                    None
                }
            })
            .collect();
        let targets = crate::pipeline::index::targets(&ok)?;
        crate::pipeline::index::update(&ws.index, &targets, &ws.glossary, 200, &mut |_| {})
    })();
    match result {
        Ok(s) => tracing::info!(
            indexed = s.indexed,
            unchanged = s.unchanged,
            removed = s.removed,
            ms = started.elapsed().as_millis() as u64,
            "index up to date"
        ),
        Err(e) => tracing::warn!(error = %e, "could not update the search index"),
    }
    let existing = searcher.read().ok().and_then(|s| s.clone());
    match existing {
        Some(s) => {
            if let Err(e) = s.reload() {
                tracing::warn!(error = %e, "could not reload the search index");
            }
        }
        None => match Searcher::open(&ws.index) {
            Ok(s) => {
                if let Ok(mut w) = searcher.write() {
                    *w = Some(Arc::new(s));
                }
            }
            Err(e) => tracing::warn!(error = %e, "search is unavailable"),
        },
    }
}

/// The router: every page, the limits, the headers, access control.
pub fn router(state: AppState, config: &Config) -> Router {
    let gate = state.gate.clone();
    let max_body = config.max_body;
    // Forms are small; only uploads need the full limit.
    let form_limit = DefaultBodyLimit::max(max_body.min(FORM_LIMIT));
    // Open access on loopback: only requests addressed to loopback names (a DNS-rebinding page is not).
    let loopback_only = config.access.is_open() && config.addr.ip().is_loopback();
    let request_timeout = config.timeout;
    Router::new()
        .route("/", get(pages::library::page))
        .route("/bills", post(pages::library::upload))
        .route("/bills/{bill}", get(pages::bill::latest))
        .route("/bills/{bill}/compare", get(pages::compare::page))
        .route(
            "/bills/{bill}/builder",
            get(pages::builder::page).post(pages::builder::action).layer(form_limit),
        )
        .route(
            "/bills/{bill}/builder/preview",
            post(pages::builder::preview_fragment).layer(form_limit),
        )
        .route(
            "/bills/{bill}/letter",
            get(pages::letter::page)
                .post(pages::letter::render_letter)
                .layer(form_limit),
        )
        .route("/bills/{bill}/{version}", get(pages::bill::page))
        .route("/bills/{bill}/{version}/terms", get(pages::terms::page))
        .route("/search", get(pages::search::page))
        .route("/glossary", get(pages::glossary::page))
        .route("/static/app.css", get(pages::assets::css))
        .route("/static/app.js", get(pages::assets::js))
        .fallback(not_found)
        .with_state(state)
        .layer(middleware::from_fn(same_origin_posts))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            too_large(req, next, max_body)
        }))
        .layer(middleware::from_fn_with_state(gate, auth::require))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            deadline(req, next, request_timeout)
        }))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            loopback_host(req, next, loopback_only)
        }))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(revalidate))
        // Outermost: pages are compressed (gzip or brotli, as the browser accepts) after their validator is
        // set, so one ETag names the page whatever the encoding (a weak validator says exactly that). The
        // fastest level: at the default one, compressing a 184 KB bill page on each request cut the page's
        // throughput from 0.2 to 0.04 of the static baseline's; the fastest still sends a fifth of the bytes.
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .br(true)
                .quality(CompressionLevel::Fastest),
        )
}

/// A weak validator for a page's bytes. SipHash (std's, fixed keys) reads the page in large blocks: a third
/// of the time of a byte-wise FNV on a 184 KB bill page. A validator only needs to change when the bytes do.
pub fn etag(bytes: &[u8]) -> String {
    use std::hash::{DefaultHasher, Hasher};
    let mut h = DefaultHasher::new();
    h.write(bytes);
    format!("W/\"{:016x}\"", h.finish())
}

/// Validators for what a GET answers: a weak `ETag` from the page's bytes on every 200 HTML page, style
/// sheet and script, and `304 Not Modified` (no body) when the browser already has those bytes
/// (`If-None-Match`). Pages say `Cache-Control: no-cache` (keep, but ask again each time: a bill page
/// changes when its workspace does); static assets carry their own `Cache-Control`.
async fn revalidate(req: Request, next: Next) -> Response {
    let is_get = req.method() == axum::http::Method::GET;
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let accepts_gzip = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .map(|v| v.to_str().is_ok_and(gzip_accepted));
    let r = next.run(req).await;
    let cacheable = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            ["text/html", "text/css", "text/javascript"]
                .iter()
                .any(|m| t.starts_with(m))
        });
    if !is_get || r.status() != StatusCode::OK || !cacheable || r.headers().contains_key(header::CONTENT_DISPOSITION) {
        return r;
    }
    let (mut parts, body) = r.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // A page kept between requests comes with its validator (made once, when it was rendered).
    let tag = match parts.headers.get(header::ETAG).and_then(|v| v.to_str().ok()) {
        Some(t) => t.to_string(),
        None => etag(&bytes),
    };
    let Ok(etag) = HeaderValue::from_str(&tag) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    parts.headers.insert(header::ETAG, etag.clone());
    let matches = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, axum::body::Body::empty());
    }
    if accepts_gzip.is_some_and(|a| a) {
        if let Some(packed) = gzipped(&tag, &bytes) {
            parts
                .headers
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            parts
                .headers
                .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            parts.headers.remove(header::CONTENT_LENGTH);
            // The compression layer leaves a response that already names its encoding alone.
            return Response::from_parts(parts, axum::body::Body::from(packed));
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Whether an `Accept-Encoding` value accepts gzip (`gzip`, `gzip;q=0.5`; not `gzip;q=0`).
fn gzip_accepted(accept: &str) -> bool {
    accept.split(',').any(|item| {
        let mut it = item.split(';');
        let name = it.next().unwrap_or_default().trim();
        let refused = it.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
        name.eq_ignore_ascii_case("gzip") && !refused
    })
}

/// The gzip of a page's bytes, made once for each validator and kept: a bill page is 184 KB, and
/// compressing it on every request held its throughput to a tenth of the static baseline's. At most
/// [`GZIP_KEPT`] pages are kept (the oldest half is dropped when full).
fn gzipped(tag: &str, bytes: &[u8]) -> Option<axum::body::Bytes> {
    use std::io::Write;
    type Kept = (std::collections::HashMap<String, axum::body::Bytes>, Vec<String>);
    static KEPT: std::sync::LazyLock<std::sync::Mutex<Kept>> = std::sync::LazyLock::new(Default::default);
    if let Some(b) = KEPT.lock().ok()?.0.get(tag) {
        return Some(b.clone());
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::default());
    enc.write_all(bytes).ok()?;
    let packed = axum::body::Bytes::from(enc.finish().ok()?);
    let mut kept = KEPT.lock().ok()?;
    if kept.1.len() >= GZIP_KEPT {
        let old: Vec<String> = kept.1.drain(..GZIP_KEPT / 2).collect();
        for t in old {
            kept.0.remove(&t);
        }
    }
    if kept.0.insert(tag.to_string(), packed.clone()).is_none() {
        kept.1.push(tag.to_string());
    }
    Some(packed)
}

/// How many pages' gzip [`gzipped`] keeps.
const GZIP_KEPT: usize = 256;

/// A request not answered within `timeout` is answered 503 with `Retry-After`, and its work is dropped:
/// blocking work it started on the pool sees its stop flag raised ([`blocking`]) and stops.
async fn deadline(req: Request, next: Next, timeout: Duration) -> Response {
    match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => WebError::Busy(format!(
            "This page took longer than {} s to make, and was stopped. Try again in a few seconds; if it \
             happens again, the page is too large for this server's time limit.",
            timeout.as_secs()
        ))
        .into_response(),
    }
}

async fn not_found() -> WebError {
    WebError::NotFound("There is no such page.".into())
}

/// A 413 from the body limit, as a page that says what the limit is.
async fn too_large(req: Request, next: Next, max: usize) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > max) {
        return WebError::TooLarge(format!(
            "The request is larger than this server accepts ({} KiB).",
            max / 1024
        ))
        .into_response();
    }
    let r = next.run(req).await;
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE
        && r.headers()
            .get(header::CONTENT_TYPE)
            .is_none_or(|t| t != "text/html; charset=utf-8")
    {
        return WebError::TooLarge(format!(
            "The request is larger than this server accepts ({} KiB).",
            max / 1024
        ))
        .into_response();
    }
    r
}

/// The largest form post (the builder's TOML, a letter), in bytes.
pub const FORM_LIMIT: usize = 1024 * 1024;

/// Refuse form posts from other sites (the browser says where a request comes from): a `Sec-Fetch-Site`
/// other than same-origin, an opaque (`null`) origin, or an origin whose host is not the one addressed.
async fn same_origin_posts(req: Request, next: Next) -> Response {
    if req.method() == Method::POST {
        let h = req.headers();
        let cross = h
            .get("sec-fetch-site")
            .is_some_and(|v| v != "same-origin" && v != "none");
        let origin = h.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let origin_host = origin.map(|o| o.split("://").nth(1).unwrap_or(o).to_string());
        let host = h.get(header::HOST).and_then(|v| v.to_str().ok());
        let mismatch = origin == Some("null") || matches!((origin_host.as_deref(), host), (Some(o), Some(h)) if o != h);
        if cross || mismatch {
            return (StatusCode::FORBIDDEN, "Cross-site form posts are refused.\n").into_response();
        }
    }
    next.run(req).await
}

/// With open access on loopback, answer only requests addressed to a loopback name: a page on another site
/// whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as the Host.
async fn loopback_host(req: Request, next: Next, enforce: bool) -> Response {
    if enforce && let Some(host) = req.headers().get(header::HOST) {
        let host = host.to_str().unwrap_or_default();
        let name = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => host.rsplit_once(':').map_or(host, |(n, _)| n),
        };
        let ok =
            name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if !ok {
            return (
                StatusCode::MISDIRECTED_REQUEST,
                "This server answers only to localhost, 127.0.0.1 or [::1].\n",
            )
                .into_response();
        }
    }
    next.run(req).await
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    if h.contains_key(header::CONTENT_SECURITY_POLICY) {
        // A page that set its own (a standalone letter with its inline stylesheet) keeps it.
    } else {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
            ),
        );
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

/// Serve until Ctrl-C.
pub async fn serve(config: Config) -> crate::Result<()> {
    config.check()?;
    let cfg = config.clone();
    let state = tokio::task::block_in_place(|| state(&cfg))?;
    let app = router(state, &config);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| crate::Error::Config {
            source_name: format!("--addr {}", config.addr),
            problem: crate::error::ConfigProblem::Bind { message: e.to_string() },
        })?;
    let local = listener
        .local_addr()
        .map_err(|e| crate::Error::io(&config.workspace, e))?;
    tracing::info!("billdiff serving {} on http://{local}/", config.workspace.display());
    eprintln!(
        "billdiff: serving {} on http://{local}/ (Ctrl-C stops)",
        config.workspace.display()
    );
    // The peer's address reaches the handlers (the sign-in back-off counts failures per address).
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| crate::Error::io(&config.workspace, e))
}

/// Heavy work yields the cores to the async threads that answer ordinary pages: a blocking-pool thread
/// lowers its own scheduling priority (nice +10) the first time it runs heavy work. Measured with
/// `benches/overload.sh` (256 connections of compares and previews): the bill page's p99 under that load
/// went from 14× its idle p99 to the figure in benches/README.md. Linux only, where each thread has its
/// own nice value; elsewhere the work runs at the server's priority.
fn yield_to_pages() {
    thread_local! {
        static LOWERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if LOWERED.with(std::cell::Cell::get) {
        return;
    }
    LOWERED.with(|l| l.set(true));
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority take plain integers and touch no memory of ours; a failure (no
        // permission) leaves the priority as it was, which is harmless.
        let lowered = unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, tid, 10)
        };
        if lowered != 0 {
            tracing::debug!("could not lower a blocking thread's priority");
        }
    }
}

/// How long a request waits for a place on the blocking pool before it is told the server is busy.
pub const BLOCKING_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The blocking pool's places: twice the cores (at least 2), so that a burst of heavy pages (compares,
/// analyses) queues for the cores instead of starting hundreds of threads that share them.
fn blocking_places() -> &'static std::sync::Arc<tokio::sync::Semaphore> {
    static PLACES: std::sync::OnceLock<std::sync::Arc<tokio::sync::Semaphore>> = std::sync::OnceLock::new();
    PLACES.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        std::sync::Arc::new(tokio::sync::Semaphore::new((2 * cores).max(2)))
    })
}

/// The handlers' way to run blocking work (parsing, analysis, diffs) off the async threads, on a bounded
/// pool: when no place frees up within [`BLOCKING_WAIT`], the request is answered 503 with `Retry-After`.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    bounded(blocking_places(), BLOCKING_WAIT, f).await
}

/// [`blocking`] on the pool `places`, waiting at most `wait` for a place.
async fn bounded<T: Send + 'static>(
    places: &std::sync::Arc<tokio::sync::Semaphore>,
    wait: std::time::Duration,
    f: impl FnOnce() -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    let place = match tokio::time::timeout(wait, places.clone().acquire_owned()).await {
        Ok(Ok(p)) => p,
        _ => {
            return Err(WebError::Busy(
                "The server is busy with other requests. Try again in a few seconds.".into(),
            ));
        }
    };
    // Raised when this future is dropped before the work returns (the request's deadline passed, or its
    // client went away): the stages the work is in poll it and stop ([`crate::work`]).
    struct RaiseOnDrop(Option<crate::work::Stop>);
    impl Drop for RaiseOnDrop {
        fn drop(&mut self) {
            if let Some(s) = self.0.take() {
                s.raise();
            }
        }
    }
    let stop = crate::work::Stop::new();
    let mut guard = RaiseOnDrop(Some(stop.clone()));
    let done = tokio::task::spawn_blocking(move || {
        let _place = place;
        yield_to_pages();
        let out = stop.watch(f);
        if stop.raised() {
            // Incomplete: no one is waiting for it, and it must not be mistaken for a result.
            return Err(WebError::Busy("The request was stopped.".into()));
        }
        out
    })
    .await;
    guard.0 = None;
    done?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_blocking_pool_answers_busy_and_frees_its_places() {
        let places = std::sync::Arc::new(tokio::sync::Semaphore::new(1));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let p = places.clone();
        let first = tokio::spawn(async move {
            bounded(&p, BLOCKING_WAIT, move || {
                rx.recv().ok();
                Ok(1)
            })
            .await
        });
        // Wait until the first holds the one place.
        while places.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let second = bounded(&places, std::time::Duration::from_millis(50), || Ok(2)).await;
        let e = second.expect_err("no place");
        assert_eq!(e.status(), axum::http::StatusCode::SERVICE_UNAVAILABLE);
        assert!(matches!(e, WebError::Busy(_)));
        let r = axum::response::IntoResponse::into_response(e);
        assert_eq!(r.headers().get(header::RETRY_AFTER).unwrap(), "5");
        tx.send(()).unwrap();
        assert_eq!(first.await.unwrap().unwrap(), 1);
        assert_eq!(places.available_permits(), 1, "the place is given back");
        assert_eq!(bounded(&places, BLOCKING_WAIT, || Ok(3)).await.unwrap(), 3);
    }

    /// A request dropped before its work is done (its deadline passed) raises the work's stop flag: the
    /// work, polling [`crate::work::stopped`], ends, and gives its place back.
    #[tokio::test]
    async fn work_whose_request_is_dropped_is_told_to_stop() {
        let places = std::sync::Arc::new(tokio::sync::Semaphore::new(1));
        let (tx, rx) = std::sync::mpsc::channel::<bool>();
        let p = places.clone();
        let request = bounded(&p, BLOCKING_WAIT, move || {
            let start = std::time::Instant::now();
            while !crate::work::stopped() && start.elapsed() < std::time::Duration::from_secs(20) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            tx.send(crate::work::stopped()).ok();
            Ok(())
        });
        let timed_out = tokio::time::timeout(std::time::Duration::from_millis(100), request).await;
        assert!(timed_out.is_err(), "the work runs until told to stop");
        let saw = tokio::task::spawn_blocking(move || rx.recv_timeout(std::time::Duration::from_secs(5)))
            .await
            .unwrap();
        assert_eq!(saw, Ok(true), "the work saw its flag raised");
        for _ in 0..500 {
            if places.available_permits() == 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert_eq!(places.available_permits(), 1, "the place is given back");
        assert!(!crate::work::stopped(), "the test's own thread was never watched");
    }
}
