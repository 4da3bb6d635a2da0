//! The proposal builder: start from a saved proposal or from nothing, add and remove rules with forms, see the
//! redline, amendment instructions and footnotes as you go, save to the workspace, download every format
//! `billdiff propose` writes.
//!
//! The proposal travels with the form as TOML text (the same file `billdiff propose` reads), so nothing is
//! held on the server between requests and a failed action never loses an edit: every response carries the
//! text back. Saving checks the file has not changed since it was loaded (a content hash in the form).

use super::{Chrome, VersionItem, download, html, render, versions};
use crate::propose::draft;
use crate::propose::proposal::{Proposal, Rule};
use crate::render::ProposalFormat;
use crate::render::html::RedlineView;
use crate::web::error::WebError;
use crate::web::workspace::content_hash;
use crate::web::{AppState, blocking};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

const SOURCE: &str = "the proposal";

/// Where a builder session starts.
#[derive(Debug, Default, Deserialize)]
pub struct Start {
    #[serde(default)]
    proposal: Option<String>,
    #[serde(default)]
    version: Option<String>,
}

/// Everything the builder's form posts.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Form {
    toml: String,
    loaded: String,
    base: String,
    name: String,
    version: String,
    title: String,
    summary: String,
    /// The title and summary as the page showed them: the boxes override the TOML only when edited.
    title0: String,
    summary0: String,
    action: String,
    format: String,
    r_from: String,
    r_to: String,
    r_except: String,
    r_rationale: String,
    r_glossary: String,
    d_term: String,
    d_text: String,
    d_section: String,
    d_rationale: String,
    d_glossary: String,
    x_at: String,
    x_find: String,
    x_replace: String,
    x_rationale: String,
    x_glossary: String,
}

struct RuleView {
    index: usize,
    text: String,
}

/// The live preview: a redline, or why there is none.
pub struct Preview {
    rl: Option<RedlineView>,
    error: String,
    empty: bool,
}

#[derive(Template)]
#[template(path = "web/builder.html")]
struct Page {
    chrome: Chrome,
    bill: String,
    measure: String,
    versions: Vec<VersionItem>,
    proposals: Vec<String>,
    glossary_ids: String,
    formats: Vec<(&'static str, &'static str)>,
    f: Form,
    rules: Vec<RuleView>,
    message: String,
    error: String,
    pv: Preview,
}

#[derive(Template)]
#[template(path = "web/preview.html")]
struct Fragment {
    pv: Preview,
}

fn label(format: ProposalFormat) -> &'static str {
    match format {
        ProposalFormat::Html => "Redline (HTML)",
        ProposalFormat::Amendments => "Amendment instructions (text)",
        ProposalFormat::Markdown => "Redline (Markdown)",
        ProposalFormat::Text => "Redline (plain text)",
        ProposalFormat::Amended => "Amended bill (text)",
        ProposalFormat::Json => "Everything (JSON)",
    }
}

fn ids(s: &str) -> Vec<String> {
    s.split([',', ' '])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn need(value: &str, what: &str) -> Result<String, WebError> {
    let v = value.trim();
    if v.is_empty() {
        Err(WebError::BadRequest(format!("Fill in {what}.")))
    } else {
        Ok(v.to_string())
    }
}

/// The title, summary and version boxes, into the TOML: each only when the user changed it, so an edit made
/// in the TOML box itself is not overwritten by a stale box.
fn apply_boxes(f: &mut Form) {
    let norm = |s: &str| s.replace("\r\n", "\n").trim().to_string();
    let (title_edited, summary_edited) = (norm(&f.title) != norm(&f.title0), norm(&f.summary) != norm(&f.summary0));
    if title_edited || summary_edited {
        let title = if title_edited {
            Some(f.title.clone())
        } else {
            draft::field(&f.toml, "title")
        };
        let summary = if summary_edited {
            Some(f.summary.clone())
        } else {
            draft::field(&f.toml, "summary")
        };
        if let (Some(title), Some(summary)) = (title, summary)
            && let Ok(t) = draft::set_heading(SOURCE, &f.toml, &title, &summary)
        {
            f.toml = t;
        }
    }
    if !f.version.trim().is_empty()
        && let Ok(t) = draft::set_field(SOURCE, &f.toml, "version", f.version.trim())
    {
        f.toml = t;
    }
}

/// The title and summary boxes show what the TOML says (or keep what was typed, when it does not parse).
fn sync_boxes(f: &mut Form) {
    if let (Some(title), Some(summary)) = (draft::field(&f.toml, "title"), draft::field(&f.toml, "summary")) {
        f.title = title;
        f.summary = summary;
    }
    f.title0 = f.title.clone();
    f.summary0 = f.summary.clone();
}

/// The outcome of one builder request, before rendering.
struct Session {
    f: Form,
    message: String,
    error: Option<WebError>,
    proposal: Option<Result<Proposal, String>>,
}

impl Session {
    fn parse(&mut self) {
        self.proposal = if draft::has_rules(&self.f.toml) {
            Some(crate::ingest::proposal::parse(SOURCE, &self.f.toml).map_err(|e| e.to_string()))
        } else {
            None
        };
    }
}

/// `GET /bills/{bill}/builder?proposal=NAME&version=V`.
pub async fn page(
    State(st): State<AppState>,
    Path(bill): Path<String>,
    Query(q): Query<Start>,
) -> Result<Response, WebError> {
    let folder = st.ws.folder(&bill)?;
    let mut f = Form::default();
    match q.proposal.as_deref().filter(|p| !p.is_empty()) {
        Some(name) => {
            f.toml = st.ws.proposal_text(&folder, name)?;
            f.loaded = name.to_string();
            f.base = content_hash(&f.toml);
            f.name = name.to_string();
        }
        None => f.toml = draft::blank(&bill, q.version.as_deref()),
    }
    // The boxes are filled from the TOML when the page renders; the version from the request or the proposal.
    if let Some(v) = q
        .version
        .clone()
        .filter(|v| !v.is_empty())
        .or_else(|| draft::field(&f.toml, "version").filter(|v| !v.is_empty()))
    {
        f.version = v;
    }
    let mut s = Session {
        f,
        message: String::new(),
        error: None,
        proposal: None,
    };
    s.parse();
    respond(&st, &bill, s, false).await
}

/// Apply the form's edits (title, summary) and its action.
fn act(st: &AppState, bill: &str, mut f: Form) -> Session {
    let mut s = Session {
        message: String::new(),
        error: None,
        proposal: None,
        f: Form::default(),
    };
    apply_boxes(&mut f);
    let action = f.action.clone();
    let edited: Result<Option<String>, WebError> = (|| {
        Ok(match action.as_str() {
            "add-rename" => {
                let rule = Rule::RenameTerm {
                    from: need(&f.r_from, "the term to rename")?,
                    to: need(&f.r_to, "its new name")?,
                    derived: true,
                    except: ids(&f.r_except),
                    rationale: need(&f.r_rationale, "why (the rationale, for the footnote)")?,
                    glossary: ids(&f.r_glossary),
                };
                Some(draft::add_rule(SOURCE, &f.toml, &rule)?)
            }
            "add-define" => {
                let rule = Rule::DefineTerm {
                    term: need(&f.d_term, "the term to define")?,
                    text: need(&f.d_text, "the definition's text")?,
                    section: Some(f.d_section.trim().to_string()).filter(|s| !s.is_empty()),
                    rationale: need(&f.d_rationale, "why (the rationale, for the footnote)")?,
                    glossary: ids(&f.d_glossary),
                };
                Some(draft::add_rule(SOURCE, &f.toml, &rule)?)
            }
            "add-replace" => {
                let rule = Rule::ReplaceText {
                    at: need(&f.x_at, "the provision (e.g. 22602(e)(1))")?,
                    find: need(&f.x_find, "the text as it reads now")?,
                    replace: f.x_replace.clone(),
                    rationale: need(&f.x_rationale, "why (the rationale, for the footnote)")?,
                    glossary: ids(&f.x_glossary),
                };
                Some(draft::add_rule(SOURCE, &f.toml, &rule)?)
            }
            a if a.starts_with("remove-") => {
                let i: usize = a["remove-".len()..]
                    .parse()
                    .map_err(|_| WebError::BadRequest(format!("Unknown action {a:?}.")))?;
                Some(draft::remove_rule(SOURCE, &f.toml, i)?)
            }
            "" | "preview" | "save" | "download" => None,
            other => return Err(WebError::BadRequest(format!("Unknown action {other:?}."))),
        })
    })();
    match edited {
        Ok(Some(text)) => {
            f.toml = text;
            // The rule is in; clear its form.
            match action.as_str() {
                "add-rename" => (f.r_from, f.r_to, f.r_except, f.r_rationale, f.r_glossary) = Default::default(),
                "add-define" => {
                    (f.d_term, f.d_text, f.d_section, f.d_rationale, f.d_glossary) = Default::default();
                }
                "add-replace" => {
                    (f.x_at, f.x_find, f.x_replace, f.x_rationale, f.x_glossary) = Default::default();
                }
                _ => {}
            }
        }
        Ok(None) => {}
        Err(e) => s.error = Some(e),
    }
    s.f = f;
    s.parse();
    if action == "save" && s.error.is_none() {
        let name = s.f.name.trim().to_string();
        let result = (|| -> Result<String, WebError> {
            if name.is_empty() {
                return Err(WebError::BadRequest(
                    "Give the proposal a name to save it under.".into(),
                ));
            }
            let proposal = match &s.proposal {
                Some(Ok(p)) => p,
                Some(Err(e)) => return Err(WebError::BadRequest(format!("Not saved: {e}"))),
                None => return Err(WebError::BadRequest("Not saved: the proposal has no rules yet.".into())),
            };
            let folder = st.ws.folder(bill)?;
            st.ws.proposal_path(&folder, &name)?;
            // Only a proposal that applies is saved: one that does not would fail whoever opens it next.
            let version = Some(s.f.version.trim()).filter(|v| !v.is_empty()).unwrap_or("latest");
            let a = st.ws.analysed(bill, version)?;
            if let Err(e) = crate::pipeline::propose(&a.opened.bill, &a.report, proposal, &st.ws.glossary) {
                return Err(WebError::Unprocessable(format!(
                    "Not saved: the proposal does not apply to {bill} ({}): {e}. Nothing was written; your text is \
                     kept below.",
                    a.version
                )));
            }
            let base = (s.f.loaded == name && !s.f.base.is_empty()).then_some(s.f.base.as_str());
            st.ws.save_proposal(&folder, &name, &s.f.toml, base)
        })();
        match result {
            Ok(hash) => {
                s.message = format!("Saved as proposals/{name}.toml in {bill}.");
                s.f.loaded = name;
                s.f.base = hash;
            }
            Err(e) => s.error = Some(e),
        }
    }
    s
}

/// The preview for a session: apply the proposal to the chosen version. Blocking.
fn preview(st: &AppState, bill: &str, s: &Session) -> (Preview, String) {
    let folder_version = {
        let v = s.f.version.trim();
        if v.is_empty() {
            "latest".to_string()
        } else {
            v.to_string()
        }
    };
    let mut pv = Preview {
        rl: None,
        error: String::new(),
        empty: false,
    };
    let mut version = folder_version.clone();
    match &s.proposal {
        None => pv.empty = true,
        Some(Err(e)) => pv.error = e.clone(),
        Some(Ok(p)) => match st.ws.analysed(bill, &folder_version) {
            Err(e) => pv.error = e.public_message().to_string(),
            Ok(a) => {
                version = a.version.clone();
                match crate::pipeline::propose(&a.opened.bill, &a.report, p, &st.ws.glossary) {
                    Ok(o) => {
                        let findings = crate::render::check::findings(&o.findings);
                        pv.rl = Some(crate::render::html::view(&o.redline, Some(&findings)).changed_only());
                    }
                    Err(e) => pv.error = e.to_string(),
                }
            }
        },
    }
    (pv, version)
}

async fn respond(st: &AppState, bill: &str, s: Session, is_post: bool) -> Result<Response, WebError> {
    let folder = st.ws.folder(bill)?;
    let f_action = s.f.action.clone();
    let (st2, b2) = (st.clone(), bill.to_string());
    let (s, pv, version) = blocking(move || {
        let (pv, version) = preview(&st2, &b2, &s);
        Ok((s, pv, version))
    })
    .await?;
    let mut f = s.f;
    f.version = version;
    sync_boxes(&mut f);
    let rules = match &s.proposal {
        Some(Ok(p)) => p
            .rules
            .iter()
            .enumerate()
            .map(|(index, r)| RuleView {
                index,
                text: crate::render::redline::rule(&r.rule),
            })
            .collect(),
        _ => Vec::new(),
    };
    let status = match &s.error {
        Some(e) => e.status(),
        // The proposal does not apply: a failed preview is a bad request; other actions (a save, opening a
        // saved proposal) succeeded, and the page says why there is no redline.
        None if !pv.error.is_empty() && matches!(f_action.as_str(), "preview" | "") && is_post => {
            StatusCode::BAD_REQUEST
        }
        None => StatusCode::OK,
    };
    let page = Page {
        chrome: Chrome::official_looking(
            format!("Proposal builder — {}", folder.manifest.measure),
            crate::render::redline::NOTICE,
        ),
        bill: bill.to_string(),
        measure: folder.manifest.measure.clone(),
        versions: versions(&folder),
        proposals: st.ws.proposals(&folder),
        glossary_ids: st
            .ws
            .glossary
            .entries
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        formats: ProposalFormat::ALL.iter().map(|f| (f.name(), label(*f))).collect(),
        f,
        rules,
        message: s.message,
        error: s
            .error
            .as_ref()
            .map(|e| e.public_message().to_string())
            .unwrap_or_default(),
        pv,
    };
    Ok(html(status, render(&page)?))
}

/// `POST /bills/{bill}/builder`: add or remove a rule, preview, save, or download.
pub async fn action(
    State(st): State<AppState>,
    Path(bill): Path<String>,
    axum::Form(f): axum::Form<Form>,
) -> Result<Response, WebError> {
    st.ws.folder(&bill)?;
    if f.action == "download" {
        let mut f = f;
        apply_boxes(&mut f);
        return match download_proposal(&st, &bill, f.clone()).await {
            Ok(r) => Ok(r),
            // Nothing to download: the builder again, with the reason and the text as it was.
            Err(e @ (WebError::BadRequest(_) | WebError::NotFound(_))) => {
                let mut s = Session {
                    f,
                    message: String::new(),
                    error: Some(e),
                    proposal: None,
                };
                s.parse();
                respond(&st, &bill, s, true).await
            }
            Err(e) => Err(e),
        };
    }
    let (st2, b2) = (st.clone(), bill.clone());
    let s = blocking(move || Ok(act(&st2, &b2, f))).await?;
    respond(&st, &bill, s, true).await
}

async fn download_proposal(st: &AppState, bill: &str, f: Form) -> Result<Response, WebError> {
    let format = ProposalFormat::from_name(&f.format)
        .ok_or_else(|| WebError::BadRequest(format!("Unknown format {:?}.", f.format)))?;
    let (st2, b2) = (st.clone(), bill.to_string());
    let name = if f.name.trim().is_empty() {
        "proposal".to_string()
    } else {
        f.name.trim().to_string()
    };
    let version = if f.version.trim().is_empty() {
        "latest".to_string()
    } else {
        f.version.trim().to_string()
    };
    let body = blocking(move || {
        let p = crate::ingest::proposal::parse(SOURCE, &f.toml)?;
        let a = st2.ws.analysed(&b2, &version)?;
        let o = crate::pipeline::propose(&a.opened.bill, &a.report, &p, &st2.ws.glossary)?;
        Ok(crate::render::proposal_document(
            format,
            &a.opened.bill,
            &p,
            &o,
            &a.opened.source,
            crate::render::Style::default(),
        ))
    })
    .await?;
    let media = match format {
        ProposalFormat::Html => "text/html; charset=utf-8",
        ProposalFormat::Json => "application/json",
        ProposalFormat::Markdown => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
    let file = format!("{bill}-{name}-{}.{}", format.name(), format.extension());
    Ok(download(media, &file, body.into_bytes()))
}

/// `POST /bills/{bill}/builder/preview`: the preview alone, for the page's script.
pub async fn preview_fragment(
    State(st): State<AppState>,
    Path(bill): Path<String>,
    axum::Form(mut f): axum::Form<Form>,
) -> Result<Response, WebError> {
    st.ws.folder(&bill)?;
    f.action = "preview".into();
    let (st2, b2) = (st.clone(), bill.clone());
    let pv = blocking(move || {
        let s = act(&st2, &b2, f);
        Ok(preview(&st2, &b2, &s).0)
    })
    .await?;
    let status = if pv.error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html(status, render(&Fragment { pv })?))
}
