//! `billdiff fetch` against a recorded leginfo: a server on a loopback port, in this test's own thread,
//! serves the saved SB 1047 page (`../shared/bills-src/ca-sb1047-2024-enrolled.leginfo.html`) for the
//! bill's address and for its enrolled version, and 404 for anything else, unless a test scripts it
//! otherwise (503s, a page that is not a bill's). No test reaches the network.

use crate::cli::billdiff;
use crate::support::root;
use billdiff::ingest::BillFolder;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The bill's address and its enrolled version's, as leginfo writes them.
const BILL: &str = "/faces/billTextClient.xhtml?bill_id=202320240SB1047";
const ENROLLED: &str = "/faces/billTextClient.xhtml?bill_id=202320240SB1047&version=20230SB104788ENR";

/// The recorded page. Missing ../shared: a loud skip on a developer machine, a failure under CI.
fn recorded() -> Option<Vec<u8>> {
    let path = root().join("../shared/bills-src/ca-sb1047-2024-enrolled.leginfo.html");
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} is missing: CI must run with ../shared beside the project",
                path.display()
            );
            eprintln!(
                "\n*** SKIPPING: {} not found; fetch tests did not run ***\n",
                path.display()
            );
            None
        }
    }
}

/// An answer: status, extra headers, body.
struct Reply(u16, Vec<(&'static str, &'static str)>, Vec<u8>);

impl Reply {
    fn page(body: &[u8]) -> Reply {
        Reply(200, vec![("Content-Type", "text/html;charset=UTF-8")], body.to_vec())
    }
    fn status(code: u16) -> Reply {
        Reply(code, Vec::new(), Vec::new())
    }
}

/// What the server answers for a request target, given how many times (from 1) it has been asked for it.
type Script = dyn Fn(&str, usize) -> Reply + Send + Sync;

/// The recorded leginfo: the page for the bill and its enrolled version, 404 for the rest.
fn leginfo(page: Vec<u8>) -> Box<Script> {
    Box::new(move |target, _| match target {
        BILL | ENROLLED => Reply::page(&page),
        _ => Reply::status(404),
    })
}

/// A request the server saw.
#[derive(Debug, Clone)]
struct Seen {
    target: String,
    user_agent: Option<String>,
}

/// A loopback HTTP/1.1 server, one connection per request (`Connection: close`), stopped when dropped.
struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(script: Box<Script>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (seen2, stop2) = (seen.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut conn) = conn else { continue };
                let Some(req) = read_request(&mut conn) else { continue };
                let n = {
                    let mut seen = seen2.lock().unwrap();
                    seen.push(req.clone());
                    seen.iter().filter(|s| s.target == req.target).count()
                };
                let Reply(code, headers, body) = script(&req.target, n);
                let mut head = format!(
                    "HTTP/1.1 {code} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let _ = conn.write_all(head.as_bytes()).and_then(|()| conn.write_all(&body));
            }
        });
        Server {
            addr,
            seen,
            stop,
            thread: Some(thread),
        }
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many times `target` was asked for.
    fn hits(&self, target: &str) -> usize {
        self.seen.lock().unwrap().iter().filter(|s| s.target == target).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The request line's target and the User-Agent, read up to the blank line (with a deadline: a client
/// that stops sending does not hang the server).
fn read_request(conn: &mut TcpStream) -> Option<Seen> {
    conn.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut chunk).ok()?;
        if n == 0 || buf.len() > 64 * 1024 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf);
    let mut lines = head.split("\r\n");
    let target = lines.next()?.split(' ').nth(1)?.to_string();
    let user_agent = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
        .map(|(_, v)| v.trim().to_string());
    Some(Seen { target, user_agent })
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn fetch(args: &[&str]) -> Run {
    let out = billdiff().arg("fetch").args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `fetch ca:SB-1047 --session 2023` into `lib` from the site at `base`, with `more` arguments.
fn fetch_sb1047(base: &str, lib: &Path, more: &[&str]) -> Run {
    let lib = lib.display().to_string();
    let mut args = vec![
        "ca:SB-1047",
        "--session",
        "2023",
        "--base-url",
        base,
        "--library",
        &lib,
        "--delay",
        "0",
    ];
    args.extend_from_slice(more);
    fetch(&args)
}

/// Everything under `dir` (names only), so a failed fetch can be seen to leave nothing, temporary
/// folders included.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    out.sort();
    out
}

/// A failure: exit 2, one line on stderr (returned), nothing in the library.
fn one_line_failure(run: &Run, lib: &Path) -> String {
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {:?}", run.stderr);
    assert!(lines[0].starts_with("billdiff: error: "), "{}", lines[0]);
    assert_eq!(listing(lib), Vec::<PathBuf>::new(), "nothing written");
    lines[0].to_string()
}

/// The facts of a manifest a fetch must reproduce: everything but the free-form note.
fn facts(dir: &Path) -> (BTreeMap<&'static str, String>, Vec<String>) {
    let m = BillFolder::open(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .manifest;
    let head = BTreeMap::from([
        ("id", m.id),
        ("jurisdiction", m.jurisdiction),
        ("session", m.session),
        ("measure", m.measure),
        ("title", m.title),
        ("source", m.source),
        ("licence", m.licence.unwrap_or_default()),
    ]);
    let versions = m
        .versions
        .iter()
        .map(|v| {
            format!(
                "{} {} {:?} {} {} {:?} {}",
                v.id,
                v.stage.id(),
                v.house,
                v.date,
                v.file,
                v.alternates,
                v.source
            )
        })
        .collect();
    (head, versions)
}

#[test]
fn fetches_the_enrolled_version_as_the_built_in_library_has_it() {
    let Some(page) = recorded() else { return };
    let builtin = root().join("bills/ca-sb1047");
    assert_eq!(
        page,
        std::fs::read(builtin.join("sb1047-2024-enrolled.html")).unwrap(),
        "the recorded page is the built-in library's"
    );
    let server = Server::start(leginfo(page.clone()));
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let run = fetch_sb1047(&server.base(), &lib, &["--versions", "enrolled"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no progress on a stderr that is not a terminal");
    let dir = lib.join("ca-sb1047");
    assert!(
        run.stdout.starts_with(&format!(
            "fetched SB 1047 (2023–2024 Regular Session): 1 version, 147,182 bytes; wrote {}\n",
            dir.display()
        )),
        "{}",
        run.stdout
    );
    assert_eq!(
        listing(&lib),
        std::slice::from_ref(&dir),
        "no temporary folder left beside it"
    );
    assert_eq!(facts(&dir), facts(&builtin));
    assert_eq!(std::fs::read(dir.join("sb1047-2024-enrolled.html")).unwrap(), page);
    let text = std::fs::read_to_string(dir.join("bill.toml")).unwrap();
    assert!(
        !text.contains("127.0.0.1"),
        "sources name leginfo, not the server:\n{text}"
    );
    // The listing and the version: two requests, each naming billdiff.
    assert_eq!((server.hits(BILL), server.hits(ENROLLED)), (1, 1));
    for s in server.seen.lock().unwrap().iter() {
        assert!(
            s.user_agent.as_deref().is_some_and(|u| u.starts_with("billdiff/")),
            "{s:?}"
        );
    }
    // The fetched folder reads as the built-in one does.
    let outline = |d: &Path| {
        let out = billdiff().arg("outline").arg(d).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    assert_eq!(
        String::from_utf8(outline(&dir)).unwrap(),
        String::from_utf8(outline(&builtin)).unwrap()
    );

    // Again: refused, the folder untouched; with --force, replaced whole.
    let again = fetch_sb1047(&server.base(), &lib, &["--versions", "enrolled"]);
    assert_eq!(again.code, 2, "{}", again.stdout);
    assert!(again.stderr.contains("exists: give --force"), "{}", again.stderr);
    assert_eq!(server.hits(BILL), 1, "refused before any request");
    let forced = fetch_sb1047(&server.base(), &lib, &["--versions", "enrolled", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(forced.stdout.contains("; replaced "), "{}", forced.stdout);
    assert_eq!(listing(&lib), std::slice::from_ref(&dir));
    assert_eq!(facts(&dir), facts(&builtin));
}

#[test]
fn an_address_names_the_bill_and_its_version() {
    let Some(page) = recorded() else { return };
    let server = Server::start(leginfo(page.clone()));
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let url = format!("{}{ENROLLED}", server.base());
    let run = fetch(&["--url", &url, "--library", &lib.display().to_string(), "--delay", "0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(facts(&lib.join("ca-sb1047")), facts(&root().join("bills/ca-sb1047")));
    assert_eq!(
        server.hits(ENROLLED),
        1,
        "the address's page lists the versions and is the version"
    );
    assert_eq!(server.hits(BILL), 0);
}

#[test]
fn an_unreachable_site_is_one_line_naming_the_host() {
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let base = format!("http://127.0.0.1:{port}");
    let run = fetch_sb1047(&base, &lib, &["--retries", "1"]);
    let line = one_line_failure(&run, &lib);
    assert!(line.contains(&format!("127.0.0.1:{port}: cannot be reached")), "{line}");
    assert!(line.contains("tried 2 times"), "bounded: {line}");
}

#[test]
fn busy_answers_are_retried_and_then_given_up() {
    let Some(page) = recorded() else { return };
    // 503 once, then the page.
    let once = page.clone();
    let server = Server::start(Box::new(move |target, n| match target {
        BILL if n == 1 => Reply(503, vec![("Retry-After", "0")], Vec::new()),
        BILL | ENROLLED => Reply::page(&once),
        _ => Reply::status(404),
    }));
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let run = fetch_sb1047(&server.base(), &lib, &["--versions", "enrolled"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.hits(BILL), 2);
    assert_eq!(
        std::fs::read(lib.join("ca-sb1047/sb1047-2024-enrolled.html")).unwrap(),
        page
    );

    // Always 503: the first try and three retries, then one line.
    let server = Server::start(Box::new(|_, _| Reply(503, vec![("Retry-After", "0")], Vec::new())));
    let lib = tmp.path().join("lib2");
    let run = fetch_sb1047(&server.base(), &lib, &["--versions", "enrolled"]);
    let line = one_line_failure(&run, &lib);
    assert!(line.contains("answered HTTP 503 (tried 4 times)"), "{line}");
    assert!(line.contains(&server.addr.to_string()), "{line}");
    assert_eq!(server.hits(BILL), 4);

    // A site that asks for a longer wait than billdiff sits out: given up at once.
    let server = Server::start(Box::new(|_, _| Reply(429, vec![("Retry-After", "3600")], Vec::new())));
    let lib = tmp.path().join("lib3");
    let line = one_line_failure(&fetch_sb1047(&server.base(), &lib, &[]), &lib);
    assert!(line.contains("asks to wait 3600 s (tried once)"), "{line}");
}

#[test]
fn a_page_that_is_not_a_bill_page_writes_nothing() {
    let server = Server::start(Box::new(|_, _| {
        Reply::page(
            b"<!DOCTYPE html><html><head><title>Maintenance</title></head><body><p>Back soon.</p></body></html>",
        )
    }));
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let line = one_line_failure(&fetch_sb1047(&server.base(), &lib, &[]), &lib);
    assert!(line.contains("is not a leginfo bill page"), "{line}");
    assert!(line.contains(BILL), "{line}");
}

#[test]
fn a_missing_version_is_named_and_nothing_is_written() {
    let Some(page) = recorded() else { return };
    let server = Server::start(leginfo(page));
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    // Every version the page lists: the server has only the enrolled one, and the oldest goes first.
    let line = one_line_failure(&fetch_sb1047(&server.base(), &lib, &[]), &lib);
    assert!(
        line.contains("SB 1047's version 20230SB104799INT (02/07/24 - Introduced) is not there (HTTP 404)"),
        "{line}"
    );
    // A version the bill does not have is named too, before any version is fetched.
    let line = one_line_failure(
        &fetch_sb1047(&server.base(), &lib, &["--versions", "enrolled,vetoed"]),
        &lib,
    );
    assert!(line.contains("SB 1047: no version \"vetoed\""), "{line}");
    assert_eq!(server.hits(ENROLLED), 0);
}

#[test]
fn malformed_arguments_are_one_line_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let lib_arg = lib.display().to_string();
    for (args, says) in [
        (vec!["ca:XB-1"], "not a California measure: \"ca:XB-1\""),
        (vec!["ny:S-1"], "billdiff fetches California's (ca:) only"),
        (vec!["SB 1047", "--session", "20x"], "not a session: \"20x\""),
        (
            vec!["--url", "https://example.org/page"],
            "not the address of a leginfo bill page",
        ),
    ] {
        let mut all = args.clone();
        all.extend(["--library", &lib_arg]);
        let line = one_line_failure(&fetch(&all), &lib);
        assert!(line.contains(says), "{args:?}: {line}");
    }
}
