//! The compare page: two versions of a bill, aligned by structure, as a redline in leginfo's convention with a
//! summary of renumbered and moved provisions and changed definitions.
//!
//! Every word of the summary comes from `render::compare`, from the comparison's own summary, so the page
//! says what the CLI says; the page only adds links to where each provision is now.

use super::{Chrome, VersionItem, html, render, versions};
use crate::ingest::BillFolder;
use crate::render::annotated::element_id;
use crate::render::html::RedlineView;
use crate::web::error::WebError;
use crate::web::{AppState, blocking};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

/// The version picker.
#[derive(Debug, Default, Deserialize)]
pub struct Form {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// Show unchanged paragraphs too.
    #[serde(default)]
    all: Option<String>,
}

struct Moved {
    old: String,
    new: String,
    new_anchor: String,
    what: &'static str,
}

struct DefChange {
    term: String,
    what: String,
}

#[derive(Template)]
#[template(path = "web/compare.html")]
struct Page {
    chrome: Chrome,
    bill: String,
    measure: String,
    versions: Vec<VersionItem>,
    from: String,
    to: String,
    from_label: String,
    to_label: String,
    summary: Vec<String>,
    moved_heading: String,
    moved: Vec<Moved>,
    defs: Vec<DefChange>,
    all: bool,
    rl: RedlineView,
    /// The newer version's own change marks as a redline, when it carries them.
    official: Option<RedlineView>,
}

/// The two versions to compare, by id, by the rule the CLI's `diff` follows (`BillFolder::pair`): those
/// asked for, by default the latest and the one before it.
fn choose(bill: &str, folder: &BillFolder, f: &Form) -> Result<(String, String), WebError> {
    if folder.manifest.versions.len() < 2 {
        return Err(WebError::NotFound(format!(
            "{bill} has only one version: there is nothing to compare."
        )));
    }
    fn given(s: &str) -> Option<&str> {
        Some(s).filter(|s| !s.is_empty())
    }
    let (from, to) = folder.pair(given(&f.from), given(&f.to)).map_err(|e| match e {
        crate::Error::UnknownVersion { version, .. } => {
            WebError::NotFound(format!("{bill} has no version {version:?}."))
        }
        e => WebError::NotFound(format!("{e}.")),
    })?;
    Ok((from.id.clone(), to.id.clone()))
}

/// `/bills/{bill}/compare?from=...&to=...` (default: the latest version and the one before it).
pub async fn page(
    State(st): State<AppState>,
    Path(bill): Path<String>,
    Query(f): Query<Form>,
) -> Result<Response, WebError> {
    let folder = st.ws.folder(&bill)?;
    let (from, to) = choose(&bill, &folder, &f)?;
    let ws = st.ws.clone();
    let (b, fr, t) = (bill.clone(), from.clone(), to.clone());
    let (old, new, c) = blocking(move || {
        let old = ws.analysed(&b, &fr)?;
        let new = ws.analysed(&b, &t)?;
        let c = crate::pipeline::comparison(&old.opened, &new.opened, &old.report, &new.report);
        Ok((old, new, c))
    })
    .await?;
    let label = |a: &crate::web::workspace::Analysed| {
        a.opened
            .bill
            .meta
            .current()
            .map(|h| format!("{}, {}", h.stage.as_str(), h.date.long()))
            .unwrap_or_else(|| a.version.clone())
    };
    let all = f.all.is_some_and(|a| !a.is_empty() && a != "0");
    let mut summary = crate::render::compare::paragraphs(&c.summary);
    if let Some(a) = &c.official {
        summary.push(crate::render::compare::agreement(a));
    }
    let official = new.opened.marks.as_ref().map(|m| {
        let v = crate::render::html::view(&crate::compare::official::redline(m), None);
        if all { v } else { v.changed_only() }
    });
    let (moved_heading, moved) = crate::render::compare::path_changes(&c.summary).unwrap_or_default();
    let moved = moved
        .into_iter()
        .map(|p| Moved {
            new_anchor: element_id(&p.new),
            old: p.old,
            new: p.new,
            what: p.what,
        })
        .collect();
    let defs: Vec<DefChange> = crate::render::compare::definition_lines(&c.summary)
        .into_iter()
        .map(|(term, what)| DefChange { term, what })
        .collect();
    let measure = crate::render::outline::bill_line(&new.opened.bill);
    let rl = crate::render::html::view(&c.redline, None);
    let rl = if all { rl } else { rl.changed_only() };
    let page = Page {
        chrome: Chrome::official_looking(format!("Compare {measure}"), crate::render::redline::COMPARE_NOTICE),
        bill,
        measure,
        versions: versions(&folder),
        from_label: label(&old),
        to_label: label(&new),
        from,
        to,
        summary,
        moved_heading,
        moved,
        defs,
        all,
        rl,
        official,
    };
    Ok(html(StatusCode::OK, render(&page)?))
}
