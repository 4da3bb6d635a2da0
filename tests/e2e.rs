//! End to end, in a real headless Chromium driven over WebDriver (Debian's chromium and chromedriver; CI
//! installs them): the main flow a legislative staffer follows, against a server started in-process on
//! loopback. Screenshots of each step are kept in `target/tmp/e2e-screenshots/` as test artifacts.
//!
//! Without chromedriver the test says so loudly and skips, except under CI, where it fails.

use crate::web::{config, workspace};
use billdiff::web::{self, auth::Access};
use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_driver() -> Option<(Driver, u16)> {
    if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
        if std::env::var_os("CI").is_some() {
            panic!("{CHROMEDRIVER} or {CHROMIUM} is missing: .ci/run installs chromium and chromium-driver");
        }
        eprintln!("\n*** SKIPPING the end-to-end test: install chromium and chromium-driver to run it ***\n");
        return None;
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some((driver, port))
}

struct Shots {
    dir: PathBuf,
    n: usize,
}

impl Shots {
    fn new() -> Shots {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Shots { dir, n: 0 }
    }

    async fn take(&mut self, c: &Client, name: &str) {
        self.n += 1;
        let png = c.screenshot().await.expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(self.dir.join(format!("{:02}-{name}.png", self.n)), png).unwrap();
    }
}

/// How long any one wait may take before the test fails.
const WAIT: Duration = Duration::from_secs(30);

/// A WebDriver answer that means "the page is not there yet", not "the page is wrong": an element not
/// found yet, an element that belonged to the document being replaced, a script that ran while the
/// document was being swapped. A wait keeps waiting on these; any other error fails the test at once.
fn not_yet(e: &CmdError) -> bool {
    if e.is_no_such_element() || e.is_stale_element_reference() || e.is_javascript_error() {
        return true;
    }
    // Chromium reports a script cut off by a navigation as an unknown error naming the lost context.
    matches!(e, CmdError::Standard(w) if w.error == ErrorStatus::UnknownError
        && ["context", "unloaded", "navigat", "detached"].iter().any(|k| w.message.contains(k)))
}

/// Wait until `probe` gives `Some`, treating "not there yet" errors (see [`not_yet`]) as "keep waiting",
/// up to [`WAIT`].
async fn wait_for<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>, CmdError>>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        let last = match probe().await {
            Ok(Some(v)) => return v,
            Ok(None) => "not yet".to_string(),
            Err(e) if not_yet(&e) => e.to_string(),
            Err(e) => panic!("waiting for {what}: {e}"),
        };
        assert!(
            Instant::now() < deadline,
            "timed out after {WAIT:?} waiting for {what} (last: {last})"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// [`wait_for`] a condition.
async fn wait_until<F, Fut>(what: &str, mut probe: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool, CmdError>>,
{
    wait_for(what, || {
        let f = probe();
        async move { f.await.map(|ok| ok.then_some(())) }
    })
    .await
}

/// The element `css` names, once the page has one.
async fn find(c: &Client, css: &str) -> Element {
    wait_for(css, || async { c.find(Locator::Css(css)).await.map(Some) }).await
}

/// The text of `css` as the page has it now; an error while the page is being replaced.
async fn try_text(c: &Client, css: &str) -> Result<String, CmdError> {
    c.find(Locator::Css(css)).await?.text().await
}

/// The text of `css`, once the page has the element.
async fn text_of(c: &Client, css: &str) -> String {
    wait_for(css, || async { try_text(c, css).await.map(Some) }).await
}

/// Wait until the text of `css` contains `needle`, and return it.
async fn text_containing(c: &Client, css: &str, needle: &str) -> String {
    wait_for(&format!("{css} to contain {needle:?}"), || async {
        let t = try_text(c, css).await?;
        Ok(t.contains(needle).then_some(t))
    })
    .await
}

async fn fill(c: &Client, css: &str, value: &str) {
    let el = find(c, css).await;
    el.clear().await.unwrap();
    el.send_keys(value).await.unwrap();
}

/// Click `css`, which loads a new page (a link, a form's submit button), and wait until the new page has
/// replaced the old one and finished loading. The old document is marked first, so nothing read
/// afterwards can come from the page being replaced.
async fn click_to_new_page(c: &Client, css: &str) {
    c.execute("window.__billdiffOldPage = true;", vec![]).await.unwrap();
    find(c, css).await.click().await.unwrap();
    wait_until(&format!("the page loaded by {css}"), || async {
        let v = c
            .execute(
                "return window.__billdiffOldPage !== true && document.readyState === 'complete';",
                vec![],
            )
            .await?;
        Ok(v.as_bool() == Some(true))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn staffer_main_flow_in_chromium() {
    let Some((_driver, port)) = start_driver() else { return };
    let ws = workspace();
    let downloads = tempfile::tempdir().unwrap();
    let cfg = config(ws.path(), Access::Open);
    let state = web::state(&cfg).expect("state");
    let app = web::router(state, &cfg);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let profile = tempfile::tempdir().unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.path().display()),
            ],
            "prefs": {
                "download.default_directory": downloads.path().display().to_string(),
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
            },
        }),
    );
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session");
    let mut shots = Shots::new();

    // 1. Open SB 1047.
    c.goto(&format!("{base}/")).await.unwrap();
    click_to_new_page(&c, "a[href='/bills/ca-sb1047/enrolled']").await;
    assert_eq!(c.current_url().await.unwrap().path(), "/bills/ca-sb1047/enrolled");
    assert!(c.title().await.unwrap().starts_with("SB 1047"));
    shots.take(&c, "bill").await;

    // 2. Focus a use of "covered model": its definition shows.
    let uses = c.find_all(Locator::Css("a.term")).await.unwrap();
    let mut covered = None;
    for u in uses {
        if u.text().await.unwrap() == "covered model" {
            covered = Some(u);
            break;
        }
    }
    let covered = covered.expect("a use of covered model");
    c.execute(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![serde_json::to_value(&covered).unwrap()],
    )
    .await
    .unwrap();
    // Keyboard focus as WebDriver gives it (a real focus event, unlike a script's focus() in a page
    // without window focus).
    covered
        .send_keys(&fantoccini::key::Key::Shift.to_string())
        .await
        .unwrap();
    let tip = find(&c, "#tip").await;
    wait_until("the tooltip", || async { tip.is_displayed().await }).await;
    let tip_text = text_containing(&c, "#tip", "covered model — defined in 22602(e)(1)").await;
    assert!(
        tip_text.contains("“Covered model” means either of the following"),
        "{tip_text}"
    );
    let active = c.active_element().await.unwrap();
    assert_eq!(
        active.text().await.unwrap(),
        "covered model",
        "keyboard focus is on the term"
    );
    shots.take(&c, "covered-model-definition").await;

    // 3. "release" is flagged, with its footnote.
    let arts = c.find_all(Locator::Css("span.art")).await.unwrap();
    let mut release = None;
    for a in arts {
        if a.text().await.unwrap().to_lowercase() == "release" {
            release = Some(a);
            break;
        }
    }
    let release = release.expect("release is marked as an undefined term of art");
    let marker = c
        .execute(
            "return arguments[0].nextElementSibling.querySelector('a').getAttribute('href');",
            vec![serde_json::to_value(&release).unwrap()],
        )
        .await
        .unwrap();
    let href = marker.as_str().unwrap().to_string();
    c.execute(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].nextElementSibling.querySelector('a').click();",
        vec![serde_json::to_value(&release).unwrap()],
    )
    .await
    .unwrap();
    wait_until("the footnote", || async {
        Ok(c.current_url().await?.fragment() == Some(&href[1..]))
    })
    .await;
    let note = text_of(&c, &format!("[id='{}']", &href[1..])).await;
    assert!(note.starts_with("release"), "{note}");
    assert!(note.contains("technical"), "{note}");
    shots.take(&c, "release-footnote").await;

    // 4. Search undefined:release from the header.
    fill(&c, "#top-q", "undefined:release").await;
    click_to_new_page(&c, ".topsearch button").await;
    assert_eq!(c.current_url().await.unwrap().path(), "/search");
    let results = text_of(&c, "#results-h").await;
    assert!(results.contains("provisions match"), "{results}");
    let first = find(&c, "ol.hits li a").await;
    assert!(first.attr("href").await.unwrap().unwrap().starts_with("/bills/"));
    shots.take(&c, "search-undefined-release").await;
    // The README's example, typed in the search page's own box: hits, none of them SB 53's.
    fill(&c, "#q", "model AND NOT bill:ca-sb53").await;
    click_to_new_page(&c, "form.panel button").await;
    let results = text_of(&c, "#results-h").await;
    assert!(results.contains("provisions match"), "{results}");
    let hits = c.find_all(Locator::Css("ol.hits li a")).await.unwrap();
    assert!(!hits.is_empty());
    for h in &hits {
        let href = h.attr("href").await.unwrap().unwrap();
        assert!(!href.starts_with("/bills/ca-sb53/"), "{href}");
    }

    // 5. Compare two versions of SB 53.
    c.goto(&format!("{base}/bills/ca-sb53/compare")).await.unwrap();
    find(&c, "#from")
        .await
        .select_by_value("amended-asm-2025-07-08")
        .await
        .unwrap();
    find(&c, "#to").await.select_by_value("chaptered").await.unwrap();
    click_to_new_page(&c, "form.panel button").await;
    let url = c.current_url().await.unwrap();
    assert!(
        url.query().is_some_and(|q| q.contains("from=amended-asm-2025-07-08")),
        "{url}"
    );
    assert!(!c.find_all(Locator::Css("del.del")).await.unwrap().is_empty());
    assert!(!c.find_all(Locator::Css("ins.ins")).await.unwrap().is_empty());
    assert!(text_of(&c, "#summary-h + p").await.contains("previous version"));
    assert!(text_of(&c, "#summary-h + p + p").await.contains("renumbered"));
    shots.take(&c, "compare-sb53").await;

    // 6. Build the model → system proposal.
    c.goto(&format!("{base}/bills/ca-sb1047/builder?version=enrolled"))
        .await
        .unwrap();
    fill(&c, "#title", "Regulate deployed systems, not released models").await;
    fill(
        &c,
        "#summary",
        "Rename covered models to covered systems and define deploy.",
    )
    .await;
    fill(&c, "#r_from", "covered model").await;
    fill(&c, "#r_to", "covered system").await;
    fill(
        &c,
        "#r_rationale",
        "A model is a file; harm follows only when a system built around it is deployed.",
    )
    .await;
    fill(&c, "#r_glossary", "ai-system, deploy").await;
    click_to_new_page(&c, "button[value='add-rename']").await;
    text_containing(&c, "ol.rules", "covered system").await;
    c.execute(
        "document.querySelectorAll('details').forEach(function (d) { d.open = true; });",
        vec![],
    )
    .await
    .unwrap();
    fill(&c, "#d_term", "deploy").await;
    fill(
        &c,
        "#d_text",
        "“Deploy” means to put an artificial intelligence system into operation, connected to inputs and outputs, for use by the developer or others.",
    )
    .await;
    fill(
        &c,
        "#d_rationale",
        "The bill regulates use but never says what putting a system into use is.",
    )
    .await;
    fill(&c, "#d_glossary", "deploy").await;
    click_to_new_page(&c, "button[value='add-define']").await;
    wait_until("two rules", || async {
        Ok(c.find_all(Locator::Css("ol.rules li")).await?.len() == 2)
    })
    .await;
    let preview = text_containing(&c, "#preview", "covered system").await;
    assert!(preview.contains("Deploy” means"), "and the new definition");
    assert!(!c.find_all(Locator::Css("#preview ins.ins")).await.unwrap().is_empty());
    assert!(
        !c.find_all(Locator::Css("#preview .footnotes"))
            .await
            .unwrap()
            .is_empty(),
        "footnotes"
    );
    // The live preview follows an edit to the proposal text.
    c.execute(
        "var t = document.getElementById('toml'); t.value = t.value.replace('to = \"covered system\"', 'to = \"covered deployment\"'); \
         t.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![],
    )
    .await
    .unwrap();
    text_containing(&c, "#preview", "covered deployment").await;
    shots.take(&c, "builder-preview").await;
    // Save it.
    fill(&c, "#name", "systems-e2e").await;
    click_to_new_page(&c, "button[value='save']").await;
    text_containing(&c, "p.ok", "Saved as proposals/systems-e2e.toml").await;
    let saved = std::fs::read_to_string(ws.path().join("bills/ca-sb1047/proposals/systems-e2e.toml")).unwrap();
    let p = billdiff::ingest::proposal::parse("saved", &saved).unwrap();
    assert_eq!(p.rules.len(), 2);
    shots.take(&c, "builder-saved").await;
    // Download the amendments.
    find(&c, "#format").await.select_by_value("amendments").await.unwrap();
    // A download answers with an attachment: the page stays, and the finished file appears under its
    // final name (Chromium writes to a .crdownload name and renames it when complete).
    find(&c, "button[value='download']").await.click().await.unwrap();
    let file = downloads.path().join("ca-sb1047-systems-e2e-amendments.txt");
    wait_until("the download", || async { Ok(file.exists()) }).await;
    let amendments = std::fs::read_to_string(&file).unwrap();
    assert!(amendments.contains("Amendment 1"), "{amendments}");
    assert!(amendments.contains("covered deployment"));
    assert!(amendments.contains("Not an official text"));
    shots.take(&c, "after-download").await;

    // 7. Open the shipped proposal, add a rule that does not apply, save: refused, the file untouched.
    let shipped_path = ws.path().join("bills/ca-sb1047/proposals/deployed-systems.toml");
    let shipped = std::fs::read(&shipped_path).unwrap();
    c.goto(&format!(
        "{base}/bills/ca-sb1047/builder?proposal=deployed-systems&version=enrolled"
    ))
    .await
    .unwrap();
    text_containing(&c, "ol.rules", "covered system").await;
    fill(&c, "#r_from", "flux capacitor").await;
    fill(&c, "#r_to", "time machine").await;
    fill(&c, "#r_rationale", "A rule that cannot apply.").await;
    click_to_new_page(&c, "button[value='add-rename']").await;
    fill(&c, "#name", "deployed-systems").await;
    click_to_new_page(&c, "button[value='save']").await;
    let refusal = text_containing(&c, "[role='alert']", "Not saved").await;
    assert!(refusal.contains("flux capacitor"), "{refusal}");
    assert_eq!(
        std::fs::read(&shipped_path).unwrap(),
        shipped,
        "the shipped proposal is byte-identical"
    );
    shots.take(&c, "builder-refuses-save").await;

    c.close().await.unwrap();
    eprintln!("e2e screenshots: {}", shots.dir.display());
}
