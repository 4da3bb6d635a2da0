//! Crash safety: billdiff killed with SIGKILL at random points while it writes — an `-o` output, the
//! search index, a proposal saved from the web — never leaves a half-written file, and never loses what
//! was saved before. Each test kills a real process in a loop, at times drawn across the command's own
//! measured run time (the seed is printed, so a failure can be replayed), and counts how many kills
//! landed while the process was still running: a loop whose kills all came too late would test nothing.

use crate::support::root;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The binary as a plain `std` command (the tests spawn and kill it; assert_cmd's wrapper only runs to
/// the end).
fn billdiff() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_billdiff"));
    c.current_dir(root()).env("NO_COLOR", "1");
    c
}

/// A small xorshift generator: the tests need spread, not quality, and a seed to print.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("BILLDIFF_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("crash test seed: BILLDIFF_CRASH_SEED={seed}");
        Rng(seed)
    }

    /// A duration drawn evenly from `0..max`.
    fn within(&mut self, max: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        max.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

/// Start `cmd`, SIGKILL it after `after`; whether it was still running when killed.
fn kill_after(mut cmd: Command, after: Duration) -> bool {
    let mut child: Child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    while start.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    running
}

/// How long `cmd` takes, run to the end (it must succeed).
fn timed(mut cmd: Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

/// The temporary files a writer of `name` in `dir` left.
fn temporaries(dir: &Path, name: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|f| f.starts_with(&format!(".{name}.")) && f.ends_with(".tmp"))
        .collect()
}

/// `billdiff diff … -o out.html` killed at random: `out.html` is always the previous output or the whole
/// new one; a run after the kills removes the temporaries the killed runs left.
#[test]
fn a_killed_output_write_leaves_the_old_file_or_the_whole_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.html");
    let diff = |to: &Path| {
        let mut c = billdiff();
        c.current_dir(root())
            .args([
                "diff",
                "bills/ca-sb53",
                "--from",
                "1",
                "--to",
                "chaptered",
                "--format",
                "html",
                "-o",
            ])
            .arg(to);
        c
    };
    let reference = dir.path().join("reference.html");
    let took = timed(diff(&reference));
    let new = std::fs::read(&reference).unwrap();
    let previous = b"<!doctype html><p>The comparison saved before.</p>\n".to_vec();
    let mut rng = Rng::new();
    let (mut mid_run, tries) = (0, 30);
    for i in 0..tries {
        std::fs::write(&out, &previous).unwrap();
        mid_run += usize::from(kill_after(diff(&out), rng.within(took.mul_f64(1.1))));
        let now = std::fs::read(&out).unwrap();
        assert!(
            now == previous || now == new,
            "kill {i}: out.html is neither the previous output nor the whole new one ({} bytes)",
            now.len()
        );
    }
    eprintln!("{mid_run} of {tries} kills mid-run (a whole run: {took:?})");
    assert!(mid_run >= tries / 3, "only {mid_run} of {tries} kills landed mid-run");
    timed(diff(&out));
    assert_eq!(std::fs::read(&out).unwrap(), new);
    assert_eq!(temporaries(dir.path(), "out.html"), Vec::<String>::new(), "swept");
}

/// `billdiff index` killed at random while it adds a library to an index: the index always opens, and
/// finds everything it found before; finished, it finds what a fresh index of the same bills finds.
#[test]
fn a_killed_index_update_loses_nothing_committed() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    crate::search::write_library(&lib, 6, 2, 30_000);
    let idx = tmp.path().join("idx");
    let index = |paths: &[&Path], to: &Path| {
        let mut c = billdiff();
        c.arg("index").args(paths).arg("--index").arg(to).args(["--batch", "2"]);
        c
    };
    let bills = root().join("bills");
    timed(index(&[&bills], &idx));
    let found = |dir: &Path, q: &str| -> BTreeSet<(String, String, String)> {
        billdiff::index::Searcher::open(dir)
            .unwrap()
            .matches(q)
            .unwrap()
            .into_iter()
            .collect()
    };
    let before = found(&idx, "\"covered model\"");
    assert!(!before.is_empty());
    let fresh = tmp.path().join("fresh");
    timed(index(&[&bills, &lib], &fresh));
    // The work each kill interrupts, timed once to the end: adding the library to the index of bills/.
    let work = tmp.path().join("work");
    crate::support::copy(&idx, &work);
    let took = timed(index(&[&bills, &lib], &work));
    let mut rng = Rng::new();
    let (mut mid_run, tries) = (0, 8);
    for i in 0..tries {
        let _ = std::fs::remove_dir_all(&work);
        crate::support::copy(&idx, &work);
        mid_run += usize::from(kill_after(index(&[&bills, &lib], &work), rng.within(took)));
        let now = found(&work, "\"covered model\"");
        assert!(before.is_subset(&now), "kill {i}: the index lost hits it had");
    }
    eprintln!("{mid_run} of {tries} kills mid-run (a whole run: {took:?})");
    assert!(mid_run >= tries / 3, "only {mid_run} of {tries} kills landed mid-run");
    // The last killed index, finished.
    timed(index(&[&bills, &lib], &work));
    for q in ["model", "\"covered model\"", "defines:deploy"] {
        assert_eq!(
            found(&work, q),
            found(&fresh, q),
            "{q}: the killed-and-finished index differs"
        );
    }
}

/// The web server killed at random while proposals are being saved: every proposal file there is whole
/// (exactly the text a save sent), and every one saved before is still there.
#[test]
fn a_killed_server_leaves_every_saved_proposal_whole() {
    use std::io::{Read, Write};
    let ws = crate::web::workspace();
    let proposals = ws.path().join("bills/ca-sb1047/proposals");
    let text = std::fs::read_to_string(proposals.join("deployed-systems.toml")).unwrap();
    let form = |name: &str| {
        let enc = |s: &str| {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        };
        format!("action=save&name={name}&loaded=&base=&toml={}", enc(&text))
    };
    let start = || {
        let mut child = billdiff()
            .args(["serve", "--addr", "127.0.0.1:0", "--workspace"])
            .arg(ws.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // "billdiff: serving … on http://127.0.0.1:PORT/ (Ctrl-C stops)"
        let mut err = child.stderr.take().unwrap();
        let mut seen = Vec::new();
        let mut byte = [0u8; 1];
        while !String::from_utf8_lossy(&seen).contains("(Ctrl-C stops)") {
            assert_eq!(err.read(&mut byte).unwrap(), 1, "{}", String::from_utf8_lossy(&seen));
            seen.push(byte[0]);
        }
        let line = String::from_utf8_lossy(&seen).to_string();
        let addr = line
            .split("http://")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_string();
        (child, addr)
    };
    let save = |addr: &str, name: &str| -> Option<u16> {
        let body = form(name);
        let mut s = std::net::TcpStream::connect(addr).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
        write!(
            s,
            "POST /bills/ca-sb1047/builder HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .ok()?;
        let mut head = [0u8; 12];
        s.read_exact(&mut head).ok()?;
        String::from_utf8_lossy(&head[9..12]).parse().ok()
    };
    let mut rng = Rng::new();
    let mut saved_before: Vec<String> = Vec::new();
    let (mut cut_off, tries) = (0, 8);
    for round in 0..tries {
        let (mut child, addr) = start();
        // Saves go on in a thread while the server is killed at a random moment.
        let names: Vec<String> = (0..40).map(|k| format!("r{round}-p{k}")).collect();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let answered = std::thread::scope(|scope| {
            let saver = scope.spawn(|| {
                let mut ok = Vec::new();
                for n in names {
                    match save(&addr, &n) {
                        Some(200) => ok.push(n),
                        Some(code) => panic!("save {n}: HTTP {code}"),
                        None => break,
                    }
                    done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
                ok
            });
            // The kill comes after the first save is answered (so each round has one saved before it),
            // at a random moment within the next few saves' time, however slow a save is on this machine.
            let started = Instant::now();
            while done.load(std::sync::atomic::Ordering::SeqCst) == 0 && started.elapsed() < Duration::from_secs(120) {
                std::thread::sleep(Duration::from_millis(2));
            }
            let one = started.elapsed();
            std::thread::sleep(rng.within(one * 4));
            child.kill().unwrap();
            child.wait().unwrap();
            saver.join().unwrap()
        });
        cut_off += usize::from(answered.len() < 40);
        for n in saved_before.iter().chain(&answered) {
            let p = proposals.join(format!("{n}.toml"));
            assert_eq!(
                std::fs::read_to_string(&p).ok().as_deref(),
                Some(text.as_str()),
                "{n}: lost or changed"
            );
        }
        // A save the kill cut off is whole or absent; never a part.
        for e in std::fs::read_dir(&proposals).unwrap() {
            let p = e.unwrap().path();
            let f = p.file_name().unwrap().to_string_lossy().to_string();
            if f.ends_with(".toml") && f.starts_with('r') {
                assert_eq!(std::fs::read_to_string(&p).unwrap(), text, "{f} is half-written");
            }
        }
        saved_before.extend(answered);
    }
    eprintln!(
        "{cut_off} of {tries} kills among the saves; {} saves answered",
        saved_before.len()
    );
    assert!(
        cut_off >= tries / 2,
        "only {cut_off} of {tries} kills landed among the saves"
    );
    assert!(
        saved_before.len() >= 4,
        "only {} saves answered across the rounds",
        saved_before.len()
    );
}
