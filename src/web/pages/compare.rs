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
    /// `law`: compare the version (`to`) with the current law in the workspace's law store.
    #[serde(default)]
    against: String,
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
    /// What the official marks are changes to (a sentence of `render::compare`).
    official_context: &'static str,
    /// Whether the page compares the version with current law.
    against_law: bool,
    /// The page's own query (without `all`), for its links.
    query: String,
    /// The heading's words before the bill's name ("Compare versions of", "Changes to existing law made by").
    title_kind: &'static str,
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

/// A version's label: its stage and date, else its id.
fn label(a: &crate::web::workspace::Analysed) -> String {
    a.opened
        .bill
        .meta
        .current()
        .map(|h| format!("{}, {}", h.stage.as_str(), h.date.long()))
        .unwrap_or_else(|| a.version.clone())
}

/// `/bills/{bill}/compare?from=...&to=...` (default: the latest version and the one before it);
/// `?against=law&to=...`: the version against the current law in the workspace's law store.
pub async fn page(
    State(st): State<AppState>,
    Path(bill): Path<String>,
    Query(f): Query<Form>,
) -> Result<Response, WebError> {
    let folder = st.ws.folder(&bill)?;
    let against_law = f.against == "law";
    if !(f.against.is_empty() || against_law) {
        return Err(WebError::BadRequest(format!(
            "“{}” is not something to compare with: leave it out, or ask for against=law.",
            f.against
        )));
    }
    let (from, to) = if against_law {
        let to = folder
            .version(Some(&f.to).filter(|s| !s.is_empty()).map(String::as_str))
            .map_err(|e| WebError::NotFound(format!("{e}.")))?;
        (String::new(), to.id.clone())
    } else {
        choose(&bill, &folder, &f)?
    };
    let ws = st.ws.clone();
    let (b, fr, t) = (bill.clone(), from.clone(), to.clone());
    let (from_label, new, c) = blocking(move || {
        let new = ws.analysed(&b, &t)?;
        if against_law {
            let law = ws.root.join("law");
            let store = crate::ingest::law::Store::open(&law).map_err(|_| {
                WebError::NotFound(
                    "This workspace has no law store (law/ beside bills/): import one with billdiff import \
                     pubinfo or billdiff import law."
                        .to_string(),
                )
            })?;
            let current = crate::pipeline::current_law(&store, &new.opened.bill)?;
            let (base, uses) = crate::compare::law::baseline(&new.opened.bill, &current);
            let base_report = crate::terms::analyse(&base, &ws.glossary);
            let c = crate::pipeline::comparison_with_law(&new.opened, &base, uses, &base_report, &new.report);
            return Ok(("Current law".to_string(), new, c));
        }
        let old = ws.analysed(&b, &fr)?;
        let c = crate::pipeline::comparison(&old.opened, &new.opened, &old.report, &new.report);
        Ok((label(&old), new, c))
    })
    .await?;
    let all = f.all.is_some_and(|a| !a.is_empty() && a != "0");
    let mut summary = vec![crate::render::compare::context(c.context).to_string()];
    summary.extend(crate::render::compare::paragraphs(&c.summary));
    if against_law {
        summary.push(crate::render::compare::law(&c.law));
    }
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
        from_label,
        to_label: label(&new),
        official_context: crate::render::compare::marks_context(
            new.opened.marks.as_ref().is_some_and(|m| m.against_law),
        ),
        against_law,
        query: if against_law {
            format!("against=law&to={to}")
        } else {
            format!("from={from}&to={to}")
        },
        title_kind: if against_law {
            crate::render::compare::heading_kind(c.context)
        } else {
            "Compare versions of"
        },
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
