//! `billdiff fetch`: a measure's texts downloaded from leginfo.legislature.ca.gov into a bill folder.
//!
//! The bill's text page lists every version (`<select id="version">`); each version's page is fetched
//! and kept byte for byte as the site served it, beside a manifest naming each version's stage, date and
//! official address ([`super::leginfo`] reads the pages and names the versions as the pubinfo import does).
//! The page is the same one `billdiff` reads as a bill, so a fetched folder opens with every command.
//!
//! **Polite and bounded.** One request at a time, `delay` apart; a `User-Agent` naming billdiff; connect
//! and read timeouts. A connection error, 429 or 5xx is retried `retries` times with exponential back-off
//! (or after the `Retry-After` the site asks for, when it asks for no more than [`MAX_WAIT`]), and then is
//! one error naming the host. A 404 for the bill or for a listed version, and a page that is not a bill
//! page, are errors at once.
//!
//! **Nothing half-written.** Every page is downloaded before anything is written; the folder is then built
//! in a temporary sibling and renamed into place ([`super::library::write_folder`]), so a failure at any
//! point leaves the library as it was. An existing folder is replaced only when the request says so, and
//! then whole.

use super::leginfo::{self, BillAddress, BillPage, Measure, PageVersion};
use super::library::{self, Manifest, ManifestVersion};
use crate::error::{Error, FetchProblem, Transport};
use crate::model::Date;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The longest wait between two tries: a `Retry-After` asking for more is an error at once (the site is
/// busy for longer than a command should sit waiting).
pub const MAX_WAIT: Duration = Duration::from_secs(60);

/// The manifests' licence line for fetched bills.
const LICENCE: &str = "Public domain: California bills are edicts of government, free of copyright.";

/// How billdiff treats the site.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Manners {
    /// The least time between two requests.
    pub delay: Duration,
    /// Tries after the first, for a connection error, 429 or 5xx.
    pub retries: u32,
    /// The first back-off; it doubles with each retry (capped at [`MAX_WAIT`]).
    pub backoff: Duration,
    /// How long to wait for a connection.
    pub connect_timeout: Duration,
    /// How long to wait for the answer, and for the page once it starts.
    pub read_timeout: Duration,
}

impl Default for Manners {
    fn default() -> Self {
        Manners {
            delay: Duration::from_secs(1),
            retries: 3,
            backoff: Duration::from_secs(1),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
        }
    }
}

/// Which bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// A measure of a session, on a site (`leginfo::SITE`, or a test server).
    Measure {
        /// The measure.
        measure: Measure,
        /// The site.
        base: String,
    },
    /// A bill page's address; one that names a version asks for that version only (unless `versions`
    /// says otherwise).
    Address(BillAddress),
}

/// A fetch to do.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Which bill.
    pub wanted: Wanted,
    /// Which versions: stage names (`enrolled`, `amended`) or version ids (`amended-asm-2024-08-22`);
    /// empty for every version.
    pub versions: &'a [String],
    /// The library the bill folder goes into.
    pub library: &'a Path,
    /// Replace the bill folder when it exists.
    pub force: bool,
    /// How to treat the site.
    pub manners: Manners,
}

/// Why a request is tried again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryCause {
    /// The site answered with this status (429, 5xx).
    Status(u16),
    /// The connection failed.
    Transport(Transport),
}

/// Where a fetch is, as data (`render::fetch` words it).
#[derive(Debug, Clone, PartialEq)]
pub enum Progress<'a> {
    /// Reading the bill's page for its list of versions.
    Listing {
        /// The address.
        url: &'a str,
    },
    /// Fetching a version: the `done`-th (from 1) of `total`.
    Version {
        /// Which one.
        done: usize,
        /// Of how many.
        total: usize,
        /// Its id in the folder.
        id: &'a str,
    },
    /// A request failed and is tried again after `wait`.
    Retrying {
        /// The address.
        url: &'a str,
        /// The try that comes next (2 for the first retry).
        attempt: u32,
        /// How long billdiff waits first.
        wait: Duration,
        /// Why.
        cause: &'a RetryCause,
    },
}

/// A version fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// Its id in the folder.
    pub id: String,
    /// Its date.
    pub date: Date,
    /// Its file in the folder.
    pub file: String,
    /// Its size.
    pub bytes: u64,
}

/// What a fetch did, as data (`render::fetch` words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `SB 1047`.
    pub measure: String,
    /// `2023–2024 Regular Session`.
    pub session: String,
    /// The folder written.
    pub folder: PathBuf,
    /// Whether it replaced one that was there.
    pub replaced: bool,
    /// The versions, oldest first.
    pub versions: Vec<Fetched>,
    /// Requests made (retries included).
    pub requests: u32,
}

impl Report {
    /// The bytes of every version.
    pub fn bytes(&self) -> u64 {
        self.versions.iter().map(|v| v.bytes).sum()
    }
}

/// Fetch a bill's versions into its folder in the library; `progress` hears of each page.
pub fn fetch(req: &Request<'_>, progress: &mut dyn FnMut(Progress<'_>)) -> crate::error::Result<Report> {
    let (measure, base, listing, only) = match &req.wanted {
        Wanted::Measure { measure, base } => (
            measure,
            base.as_str(),
            leginfo::text_url(base, &measure.bill_id(), None),
            None,
        ),
        Wanted::Address(a) => (
            &a.measure,
            a.base.as_str(),
            leginfo::text_url(&a.base, &a.measure.bill_id(), a.version.as_deref()),
            a.version.as_deref(),
        ),
    };
    let bill_id = measure.bill_id();
    let dir = req.library.join(measure.library_folder());
    // Refused before any request: a fetch that could not be written is not worth the site's time.
    if super::exists(&dir) && !req.force {
        return Err(Error::Exists {
            what: crate::error::Existing::Folder { dir },
        });
    }
    let mut client = Client::new(base, req.manners);
    progress(Progress::Listing { url: &listing });
    let page = client.get(&listing, progress)?.ok_or_else(|| {
        client.problem(FetchProblem::NoBill {
            measure: measure.designation(),
            session: measure.session_name(),
        })
    })?;
    let listed = bill_page(&client, &listing, &page, measure, &bill_id)?;
    let chosen = choose(&listed, req.versions, only, measure)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(chosen.len());
    let mut fetched = Vec::with_capacity(chosen.len());
    for (i, v) in chosen.iter().enumerate() {
        progress(Progress::Version {
            done: i + 1,
            total: chosen.len(),
            id: &v.id,
        });
        let url = leginfo::text_url(base, &bill_id, Some(&v.leginfo_id));
        // An address naming the version was fetched already, as the listing.
        let bytes = if url == listing {
            page.clone()
        } else {
            client.get(&url, progress)?.ok_or_else(|| {
                client.problem(FetchProblem::NoVersion {
                    measure: measure.designation(),
                    version: v.leginfo_id.clone(),
                    label: v.label.clone(),
                })
            })?
        };
        let shown = bill_page(&client, &url, &bytes, measure, &bill_id)?;
        if let Some(s) = shown.selected.as_deref().filter(|s| *s != v.leginfo_id) {
            return Err(client.problem(FetchProblem::OtherPage {
                url,
                expected: v.leginfo_id.clone(),
                found: s.to_string(),
            }));
        }
        let file = file_name(measure, v);
        fetched.push(Fetched {
            id: v.id.clone(),
            date: v.date,
            file: file.clone(),
            bytes: bytes.len() as u64,
        });
        files.push((file, bytes));
    }
    let manifest = Manifest {
        id: measure.library_folder(),
        jurisdiction: "ca".into(),
        session: listed.session.clone().unwrap_or_else(|| measure.session_name()),
        measure: measure.designation(),
        title: listed.title.clone().unwrap_or_else(|| measure.designation()),
        source: leginfo::bill_url(&bill_id),
        licence: Some(LICENCE.into()),
        note: None,
        versions: chosen
            .iter()
            .zip(&fetched)
            .map(|(v, f)| ManifestVersion {
                id: v.id.clone(),
                stage: v.stage,
                house: v.house,
                date: v.date,
                file: f.file.clone(),
                alternates: Vec::new(),
                // The official address, whichever site the page came from.
                source: leginfo::text_url(leginfo::SITE, &bill_id, Some(&v.leginfo_id)),
                note: None,
            })
            .collect(),
    };
    let replaced = library::write_folder(&dir, &manifest, &files, req.force)?;
    Ok(Report {
        measure: manifest.measure,
        session: manifest.session,
        folder: dir,
        replaced,
        versions: fetched,
        requests: client.requests,
    })
}

/// Read a fetched page as the bill's page: text, a bill page, and of this bill.
fn bill_page(
    client: &Client,
    url: &str,
    bytes: &[u8],
    measure: &Measure,
    bill_id: &str,
) -> crate::error::Result<BillPage> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| client.problem(FetchProblem::NotText { url: url.to_string() }))?;
    let page = leginfo::read_page(url, text, measure.year)?
        .ok_or_else(|| client.problem(FetchProblem::NotABillPage { url: url.to_string() }))?;
    if let Some(found) = page.bill_id.as_deref().filter(|b| *b != bill_id) {
        return Err(client.problem(FetchProblem::OtherPage {
            url: url.to_string(),
            expected: bill_id.to_string(),
            found: found.to_string(),
        }));
    }
    Ok(page)
}

/// The versions to fetch, oldest first: those `wanted` names (by stage or id), else the one the address
/// names, else all.
fn choose<'p>(
    page: &'p BillPage,
    wanted: &[String],
    only: Option<&str>,
    measure: &Measure,
) -> crate::error::Result<Vec<&'p PageVersion>> {
    let wanted: Vec<String> = wanted
        .iter()
        .map(|w| w.trim().to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if wanted.is_empty() {
        let chosen: Vec<&PageVersion> = match only {
            Some(o) => page.versions.iter().filter(|v| v.leginfo_id == o).collect(),
            None => page.versions.iter().collect(),
        };
        if chosen.is_empty() {
            return Err(unknown(page, measure, only.unwrap_or_default()));
        }
        return Ok(chosen);
    }
    let matches = |v: &PageVersion, w: &str| v.stage.id() == w || v.id == w || v.leginfo_id.eq_ignore_ascii_case(w);
    if let Some(w) = wanted.iter().find(|w| !page.versions.iter().any(|v| matches(v, w))) {
        return Err(unknown(page, measure, w));
    }
    Ok(page
        .versions
        .iter()
        .filter(|v| wanted.iter().any(|w| matches(v, w)))
        .collect())
}

fn unknown(page: &BillPage, measure: &Measure, asked: &str) -> Error {
    Error::UnknownVersion {
        bill: measure.designation(),
        version: asked.to_string(),
        available: page.versions.iter().map(|v| format!("{} ({})", v.id, v.date)).collect(),
    }
}

/// A version's file: `sb1047-2024-enrolled.html` (as the built-in library names SB 1047's), or with the
/// id alone when it carries the date already: `sb1047-amended-asm-2024-08-22.html`.
fn file_name(measure: &Measure, v: &PageVersion) -> String {
    let stem = format!("{}{}", measure.kind.to_ascii_lowercase(), measure.number);
    if v.id.contains(&v.date.to_string()) {
        format!("{stem}-{}.html", v.id)
    } else {
        format!("{stem}-{}-{}.html", v.date.year, v.id)
    }
}

/// The HTTP client: one agent, the manners, and when the last request ended.
struct Client {
    agent: ureq::Agent,
    manners: Manners,
    host: String,
    last: Option<Instant>,
    requests: u32,
}

/// What the site is told billdiff is.
const USER_AGENT: &str = concat!("billdiff/", env!("CARGO_PKG_VERSION"), " (bill text fetch)");

impl Client {
    fn new(base: &str, manners: Manners) -> Client {
        let config = ureq::Agent::config_builder()
            // Statuses are answers to read (404 is "no such bill"), not errors of the transport.
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .timeout_connect(Some(manners.connect_timeout))
            .timeout_recv_response(Some(manners.read_timeout))
            .timeout_recv_body(Some(manners.read_timeout))
            .max_redirects(5)
            .build();
        Client {
            agent: ureq::Agent::new_with_config(config),
            manners,
            host: leginfo::host(base).to_string(),
            last: None,
            requests: 0,
        }
    }

    fn problem(&self, problem: FetchProblem) -> Error {
        Error::Fetch {
            host: self.host.clone(),
            problem,
        }
    }

    /// GET `url`: the page, or `None` for 404 and 410. Retries what may pass (connection errors, 429, 5xx)
    /// with back-off; every other status is an error.
    fn get(&mut self, url: &str, progress: &mut dyn FnMut(Progress<'_>)) -> crate::error::Result<Option<Vec<u8>>> {
        let mut attempt = 1u32;
        let mut backoff = self.manners.backoff;
        loop {
            if let Some(last) = self.last {
                let since = last.elapsed();
                if since < self.manners.delay {
                    std::thread::sleep(self.manners.delay - since);
                }
            }
            self.requests += 1;
            let result = self.agent.get(url).call();
            self.last = Some(Instant::now());
            let (cause, asked) = match result {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    match status {
                        200..=299 => {
                            let body = resp
                                .body_mut()
                                .with_config()
                                .limit(super::MAX_INPUT_BYTES)
                                .read_to_vec();
                            match body {
                                Ok(b) => return Ok(Some(b)),
                                Err(ureq::Error::BodyExceedsLimit(_)) => {
                                    return Err(self.problem(FetchProblem::TooLarge {
                                        url: url.to_string(),
                                        limit: super::MAX_INPUT_BYTES,
                                    }));
                                }
                                Err(e) => match transport(e) {
                                    (t, true) => (RetryCause::Transport(t), None),
                                    (t, false) => return Err(self.unreachable(t, attempt)),
                                },
                            }
                        }
                        404 | 410 => return Ok(None),
                        429 | 500..=599 => {
                            let asked = resp
                                .headers()
                                .get("retry-after")
                                .and_then(|v| v.to_str().ok())
                                .and_then(|v| v.trim().parse::<u64>().ok());
                            (RetryCause::Status(status), asked)
                        }
                        _ => {
                            return Err(self.problem(FetchProblem::Refused {
                                url: url.to_string(),
                                status,
                            }));
                        }
                    }
                }
                Err(e) => match transport(e) {
                    (t, true) => (RetryCause::Transport(t), None),
                    (t, false) => return Err(self.unreachable(t, attempt)),
                },
            };
            let too_long = asked.is_some_and(|s| Duration::from_secs(s) > MAX_WAIT);
            if attempt > self.manners.retries || too_long {
                return Err(match cause {
                    RetryCause::Status(status) => self.problem(FetchProblem::Busy {
                        status,
                        attempts: attempt,
                        retry_after: asked.filter(|_| too_long),
                    }),
                    RetryCause::Transport(t) => self.unreachable(t, attempt),
                });
            }
            let wait = asked.map_or(backoff, Duration::from_secs).max(self.manners.delay);
            attempt += 1;
            progress(Progress::Retrying {
                url,
                attempt,
                wait,
                cause: &cause,
            });
            std::thread::sleep(wait);
            // The wait is the politeness delay too.
            self.last = None;
            backoff = (backoff * 2).min(MAX_WAIT);
        }
    }

    fn unreachable(&self, cause: Transport, attempts: u32) -> Error {
        self.problem(FetchProblem::Unreachable { cause, attempts })
    }
}

/// A transport failure as data, and whether trying again may help (a refused connection or a timeout
/// may pass; a TLS failure or an address that is not one will not).
fn transport(e: ureq::Error) -> (Transport, bool) {
    use std::io::ErrorKind;
    match e {
        ureq::Error::HostNotFound => (Transport::HostNotFound, true),
        ureq::Error::Timeout(_) => (Transport::TimedOut, true),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => (Transport::Refused, true),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => (Transport::TimedOut, true),
            // The system resolver's failure comes as an uncategorized I/O error whose only mark is std's
            // message: it is the offline machine's usual answer, and worth saying so.
            _ if io.to_string().starts_with("failed to lookup address") => (Transport::HostNotFound, true),
            _ => (
                Transport::Other {
                    message: io.to_string(),
                },
                true,
            ),
        },
        ureq::Error::Tls(m) => (Transport::Tls { message: m.to_string() }, false),
        e @ (ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::InvalidProxyUrl) => {
            (Transport::Other { message: e.to_string() }, false)
        }
        e => (Transport::Other { message: e.to_string() }, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    #[test]
    fn files_are_named_as_the_built_in_library_names_them() {
        let m = Measure::parse("SB 1047", leginfo::Session::parse("2023").unwrap()).unwrap();
        let v = |id: &str, stage, date| PageVersion {
            leginfo_id: String::new(),
            label: String::new(),
            date: Date::parse_iso(date).unwrap(),
            stage,
            house: None,
            id: id.into(),
        };
        assert_eq!(
            file_name(&m, &v("enrolled", Stage::Enrolled, "2024-09-03")),
            "sb1047-2024-enrolled.html"
        );
        assert_eq!(
            file_name(&m, &v("amended-asm-2024-08-22", Stage::Amended, "2024-08-22")),
            "sb1047-amended-asm-2024-08-22.html"
        );
    }
}
