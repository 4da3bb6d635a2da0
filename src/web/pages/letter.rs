//! The letter page: fill in a public-record comment letter from a proposal and download it as PDF, Word
//! (amendments as tracked changes), Markdown, HTML or plain text. Nothing is stored: the letter is rendered
//! from the form, through the same pipeline as `billdiff comment`.

use super::{Chrome, VersionItem, download, html, render, versions};
use crate::letter::{RawLetter, RawParty};
use crate::render::LetterFormat;
use crate::web::error::WebError;
use crate::web::{AppState, blocking};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

/// Where the form starts.
#[derive(Debug, Default, Deserialize)]
pub struct Start {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    proposal: Option<String>,
    #[serde(default)]
    version: Option<String>,
}

/// The letter form.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Form {
    version: String,
    proposal: String,
    stance: String,
    committee: String,
    date: String,
    subject: String,
    paragraphs: String,
    closing: String,
    s_org: String,
    s_name: String,
    s_title: String,
    s_address: String,
    s_email: String,
    s_phone: String,
    a_name: String,
    a_title: String,
    a_address: String,
    a_salutation: String,
    format: String,
    max_chars: String,
}

#[derive(Template)]
#[template(path = "web/letter.html")]
struct Page {
    chrome: Chrome,
    bill: String,
    measure: String,
    versions: Vec<VersionItem>,
    proposals: Vec<String>,
    letters: Vec<String>,
    stances: Vec<(&'static str, &'static str)>,
    formats: Vec<&'static str>,
    f: Form,
    error: String,
}

fn s(x: &Option<String>) -> String {
    x.clone().unwrap_or_default()
}

fn form_from(raw: &RawLetter) -> Form {
    let sender = raw.sender.clone().unwrap_or_default();
    let to = raw.addressee.clone().unwrap_or_default();
    Form {
        version: s(&raw.version),
        proposal: raw
            .proposal
            .as_deref()
            .and_then(|p| std::path::Path::new(p).file_stem())
            .map(|p| p.to_string_lossy().to_string())
            .unwrap_or_default(),
        stance: s(&raw.stance),
        committee: s(&raw.committee),
        date: s(&raw.date),
        subject: s(&raw.subject),
        paragraphs: raw
            .paragraphs
            .iter()
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n"),
        closing: s(&raw.closing),
        s_org: s(&sender.organization),
        s_name: s(&sender.name),
        s_title: s(&sender.title),
        s_address: sender.address.join("\n"),
        s_email: s(&sender.email),
        s_phone: s(&sender.phone),
        a_name: s(&to.name),
        a_title: s(&to.title),
        a_address: to.address.join("\n"),
        a_salutation: s(&to.salutation),
        format: "pdf".into(),
        max_chars: String::new(),
    }
}

fn opt(x: &str) -> Option<String> {
    Some(x.trim().to_string()).filter(|s| !s.is_empty())
}

fn lines(x: &str) -> Vec<String> {
    x.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn raw_from(f: &Form, bill: &str) -> Result<RawLetter, WebError> {
    let proposal = match opt(&f.proposal) {
        Some(p) => {
            if !crate::web::workspace::valid_name(&p) {
                return Err(WebError::BadRequest(format!("{p:?} is not a proposal name.")));
            }
            Some(p)
        }
        None => None,
    };
    Ok(RawLetter {
        sender: Some(RawParty {
            organization: opt(&f.s_org),
            name: opt(&f.s_name),
            title: opt(&f.s_title),
            address: lines(&f.s_address),
            email: opt(&f.s_email),
            phone: opt(&f.s_phone),
            salutation: None,
        }),
        addressee: Some(RawParty {
            organization: None,
            name: opt(&f.a_name),
            title: opt(&f.a_title),
            address: lines(&f.a_address),
            email: None,
            phone: None,
            salutation: opt(&f.a_salutation),
        }),
        bill: Some(bill.into()),
        version: opt(&f.version),
        committee: opt(&f.committee),
        stance: opt(&f.stance),
        subject: opt(&f.subject),
        date: opt(&f.date),
        proposal,
        paragraphs: f
            .paragraphs
            .replace("\r\n", "\n")
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        closing: opt(&f.closing),
    })
}

fn page_for(st: &AppState, bill: &str, f: Form, error: String) -> Result<Page, WebError> {
    let folder = st.ws.folder(bill)?;
    Ok(Page {
        chrome: Chrome::official_looking(
            format!("Comment letter — {}", folder.manifest.measure),
            crate::render::redline::NOTICE,
        ),
        bill: bill.to_string(),
        measure: folder.manifest.measure.clone(),
        versions: versions(&folder),
        proposals: st.ws.proposals(&folder),
        letters: st.ws.letters(&folder),
        stances: crate::letter::Stance::ALL
            .iter()
            .map(|&s| (s.as_str(), crate::render::letter::stance_choice(s)))
            .collect(),
        formats: LetterFormat::ALL.iter().map(|f| f.name()).collect(),
        f,
        error,
    })
}

/// `GET /bills/{bill}/letter?from=LETTER&proposal=NAME&version=V`.
pub async fn page(
    State(st): State<AppState>,
    Path(bill): Path<String>,
    Query(q): Query<Start>,
) -> Result<Response, WebError> {
    let folder = st.ws.folder(&bill)?;
    let mut f = match q.from.as_deref().filter(|x| !x.is_empty()) {
        Some(name) => {
            let text = st.ws.letter_text(&folder, name)?;
            let raw = crate::ingest::letter::parse(name, &text).map_err(WebError::input)?;
            form_from(&raw)
        }
        None => Form {
            stance: "oppose-unless-amended".into(),
            format: "pdf".into(),
            ..Form::default()
        },
    };
    if let Some(p) = q.proposal.filter(|p| !p.is_empty()) {
        f.proposal = p;
    }
    if let Some(v) = q.version.filter(|v| !v.is_empty()) {
        f.version = v;
    }
    Ok(html(StatusCode::OK, render(&page_for(&st, &bill, f, String::new())?)?))
}

/// `POST /bills/{bill}/letter`: the letter in the chosen format (HTML is shown in the browser).
pub async fn render_letter(
    State(st): State<AppState>,
    Path(bill): Path<String>,
    axum::Form(f): axum::Form<Form>,
) -> Result<Response, WebError> {
    let folder = st.ws.folder(&bill)?;
    let result: Result<(LetterFormat, Vec<u8>, String), WebError> = async {
        let format = LetterFormat::from_name(&f.format)
            .ok_or_else(|| WebError::BadRequest(format!("Unknown format {:?}.", f.format)))?;
        let max_chars = match f.max_chars.trim() {
            "" => None,
            n => Some(
                n.parse::<usize>()
                    .map_err(|_| WebError::BadRequest(format!("{n:?} is not a number of characters.")))?,
            ),
        };
        let raw = raw_from(&f, &bill)?;
        // The form names its bill by the page it is on and its proposal by name: no path comes from the
        // request, and none goes back in a message.
        let proposal = match opt(&f.proposal) {
            Some(p) => {
                let text = st.ws.proposal_text(&folder, &p)?;
                Some(crate::ingest::proposal::parse(&format!("proposals/{p}.toml"), &text).map_err(WebError::input)?)
            }
            None => None,
        };
        let (ws, b) = (st.ws.clone(), bill.clone());
        let (bytes, subject) = blocking(move || {
            let clean = |e: crate::Error| -> WebError {
                match e {
                    crate::Error::Letter { problem, .. } => WebError::BadRequest(problem.to_string()),
                    e => WebError::input(e),
                }
            };
            let letter = crate::letter::validate(&raw, "the letter form").map_err(clean)?;
            let analysed = ws.analysed(&b, letter.version.as_deref().unwrap_or("latest"))?;
            let content = crate::pipeline::letter(letter, &analysed.opened, &analysed.report, proposal, &ws.glossary)
                .map_err(clean)?;
            if let Some(max) = max_chars {
                let need = crate::render::letter_text_minimum(&content);
                if max < need {
                    return Err(WebError::BadRequest(format!(
                        "{max} characters are too few for this letter: its addressee, bill, stance, closing and signature need {need}."
                    )));
                }
            }
            let bytes = crate::render::letter_document(format, &content, max_chars)
                .map_err(|e| WebError::Internal(format!("letter: {e}")))?;
            Ok((bytes, crate::render::letter::subject(&content)))
        })
        .await?;
        Ok((format, bytes, subject))
    }
    .await;
    match result {
        Ok((format, bytes, _subject)) => {
            if format == LetterFormat::Html {
                // A standalone document with its own stylesheet and no scripts.
                let mut r = html(StatusCode::OK, String::from_utf8_lossy(&bytes).into_owned());
                r.headers_mut().insert(
                    axum::http::header::CONTENT_SECURITY_POLICY,
                    axum::http::HeaderValue::from_static(
                        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
                    ),
                );
                return Ok(r);
            }
            let file = format!("{bill}-letter.{}", format.name());
            Ok(download(format.media_type(), &file, bytes))
        }
        // Any failure: the form again, as the user filled it, with the reason (a generic one for ours).
        Err(e) => {
            let status = e.status();
            let message = e.public_message().to_string();
            if let WebError::Internal(detail) = &e {
                tracing::error!(%detail, "letter");
            }
            let page = page_for(&st, &bill, f, message)?;
            Ok(html(status, render(&page)?))
        }
    }
}
