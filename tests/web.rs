//! The web UI's router, driven in-process with tower's `oneshot`: every page, and every error path.
//!
//! Each test gets its own workspace: a temporary copy of the built-in `bills/` (so saves and uploads never
//! touch the project), indexed when the state is built.

use crate::support;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use billdiff::web::{self, AppState, Config, auth::Access};
use http_body_util::BodyExt;
use std::path::Path;
use std::time::Duration;
use tower::ServiceExt;

/// A temporary workspace with a copy of `bills/`.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    crate::support::copy(&support::root().join("bills"), &dir.path().join("bills"));
    dir
}

pub fn config(ws: &Path, access: Access) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        workspace: ws.to_path_buf(),
        glossary: billdiff::ingest::glossary::read(&support::root().join("glossary")).unwrap(),
        access,
        insecure_public: false,
        max_body: 256 * 1024,
        timeout: Duration::from_secs(30),
        cache_bytes: 512 << 20,
    }
}

struct App {
    _ws: tempfile::TempDir,
    root: std::path::PathBuf,
    state: AppState,
    config: Config,
}

impl App {
    fn new() -> App {
        Self::with(Access::Open, |_| {})
    }

    fn with(access: Access, prepare: impl FnOnce(&Path)) -> App {
        let ws = workspace();
        prepare(ws.path());
        let config = config(ws.path(), access);
        let state = web::state(&config).expect("state");
        App {
            root: ws.path().to_path_buf(),
            _ws: ws,
            state,
            config,
        }
    }

    async fn send(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let r = web::router(self.state.clone(), &self.config)
            .oneshot(req)
            .await
            .unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let body = r.into_body().collect().await.unwrap().to_bytes().to_vec();
        (status, headers, body)
    }

    async fn get(&self, uri: &str) -> (StatusCode, String) {
        let (s, _, b) = self.send(Request::get(uri).body(Body::empty()).unwrap()).await;
        (s, String::from_utf8(b).unwrap())
    }

    async fn post_form(&self, uri: &str, fields: &[(&str, &str)]) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let body = form_body(fields);
        self.send(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A multipart upload to `/bills`: the form's fields, then the file.
fn upload_request(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> Request<Body> {
    let boundary = "XBOUNDARYX";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post("/bills")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The value of a form field in a rendered page (inputs by `value=`, textareas by content), unescaped.
fn field(page: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(page);
    let sel = scraper::Selector::parse(&format!("[name=\"{name}\"]")).unwrap();
    let el = doc.select(&sel).next().unwrap_or_else(|| panic!("no field {name}"));
    match el.value().name() {
        "textarea" => el.text().collect(),
        _ => el.value().attr("value").unwrap_or_default().to_string(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn library_glossary_and_security_headers() {
    let app = App::new();
    let (s, h, b) = app.send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    let page = text(&b);
    assert!(page.contains("href=\"/bills/ca-sb1047/enrolled\""), "{page}");
    assert!(page.contains("href=\"/bills/ca-sb53/chaptered\""));
    assert!(page.contains("/bills/ca-sb1047/builder?proposal=deployed-systems"));
    assert!(page.contains("enctype=\"multipart/form-data\""));
    let csp = h.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe"), "{csp}");
    assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    let (s, g) = app.get("/glossary").await;
    assert_eq!(s, StatusCode::OK);
    assert!(g.contains("<dt id=\"release\">release</dt>"), "glossary lists release");
    let (s, css) = app.get("/static/app.css").await;
    assert_eq!(s, StatusCode::OK);
    assert!(css.contains("@media print"));
}

#[tokio::test(flavor = "multi_thread")]
async fn bill_page_marks_defined_terms_and_terms_of_art() {
    let app = App::new();
    let (s, page) = app.get("/bills/ca-sb1047/enrolled").await;
    assert_eq!(s, StatusCode::OK);
    let doc = scraper::Html::parse_document(&page);
    // Every provision is an anchor named by its path.
    let sel = scraper::Selector::parse("[id=\"22602(e)(1)(A)(i)\"]").unwrap();
    assert_eq!(doc.select(&sel).count(), 1, "provision anchor");
    // Uses of "covered model" link to its definition and are described by it.
    let uses = scraper::Selector::parse("a.term").unwrap();
    let covered: Vec<_> = doc
        .select(&uses)
        .filter(|a| a.text().collect::<String>().to_lowercase().starts_with("covered model"))
        .filter(|a| !a.text().collect::<String>().to_lowercase().contains("derivative"))
        .collect();
    let report = {
        let bill = support::open(&support::root().join("bills/ca-sb1047"));
        let g = billdiff::ingest::glossary::read(&support::root().join("glossary")).unwrap();
        billdiff::terms::analyse(&bill, &g)
    };
    let def = report.definitions.iter().find(|d| d.term == "covered model").unwrap();
    assert_eq!(
        covered.len(),
        def.uses.len() + def.out_of_scope.len(),
        "one link per use"
    );
    let first = covered[0].value();
    assert_eq!(first.attr("href"), Some("#22602(e)(1)"));
    let tip_id = first.attr("aria-describedby").unwrap();
    let tip = scraper::Selector::parse(&format!("[id=\"{tip_id}\"]")).unwrap();
    let tip_text: String = doc.select(&tip).next().expect("the tooltip text").text().collect();
    assert!(
        tip_text.contains("“Covered model” means either of the following"),
        "{tip_text}"
    );
    // "release" is a term of art SB 1047 does not define: marked, with a footnote from the glossary.
    let art = scraper::Selector::parse("span.art").unwrap();
    let release = doc
        .select(&art)
        .find(|s| s.text().collect::<String>().to_lowercase() == "release")
        .expect("release is marked");
    let sup = release.next_sibling().and_then(scraper::ElementRef::wrap).unwrap();
    let href = sup
        .select(&scraper::Selector::parse("a").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let note = scraper::Selector::parse(&format!("[id=\"{}\"]", &href[1..])).unwrap();
    let note_text: String = doc.select(&note).next().expect("the note").text().collect();
    assert!(note_text.starts_with("release"), "{note_text}");
    assert!(note_text.contains("glossary"));
    // The digest is there, apart from the operative text.
    assert!(page.contains("Legislative Counsel's Digest (not operative text)"));
    // Shortcut to the latest version.
    let (s, h, _) = app
        .send(Request::get("/bills/ca-sb53").body(Body::empty()).unwrap())
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(h.get(header::LOCATION).unwrap(), "/bills/ca-sb53/chaptered");
}

#[tokio::test(flavor = "multi_thread")]
async fn terms_page_has_counts_and_findings() {
    let app = App::new();
    let (s, page) = app.get("/bills/ca-sb1047/enrolled/terms").await;
    assert_eq!(s, StatusCode::OK);
    let doc = scraper::Html::parse_document(&page);
    let rows = scraper::Selector::parse("#defined ~ table tbody tr").unwrap();
    let row = doc
        .select(&rows)
        .find(|r| {
            r.select(&scraper::Selector::parse("th").unwrap())
                .next()
                .unwrap()
                .text()
                .collect::<String>()
                .starts_with("covered model")
        })
        .expect("a row for covered model");
    let cells: Vec<String> = row
        .select(&scraper::Selector::parse("td").unwrap())
        .map(|c| c.text().collect::<String>())
        .collect();
    // Hand-checked: 74 uses in scope and 5 outside it (tests/terms.rs).
    assert_eq!(cells[3], "74");
    assert_eq!(cells[4], "5");
    assert!(
        page.contains("href=\"/glossary#release\">release</a>"),
        "release is listed as undefined"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn search_page_results_and_syntax_errors() {
    let app = App::new();
    let (s, page) = app.get("/search?q=undefined%3Arelease&bill=ca-sb1047").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("href=\"/bills/ca-sb1047/enrolled#22603(b)(2)\""),
        "{page}"
    );
    let (s, page) = app.get("/search?q=%22full+shutdown%22&bill=ca-sb1047").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("<mark>full</mark> <mark>shutdown</mark>"),
        "snippets highlight the match: {page}"
    );
    let (s, page) = app.get("/search?q=%22covered+model%22~2+AND+NOT+derivative").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("provisions match"), "{page}");
    // The README's example: `AND NOT` finds the other bills' hits; pages of 5 link to each other, and the
    // heading counts all the hits, not the page's.
    let (s, page) = app.get("/search?q=model+AND+NOT+bill%3Aca-sb53&limit=5").await;
    assert_eq!(s, StatusCode::OK);
    let heading = page
        .split("<h2 id=\"results-h\">")
        .nth(1)
        .unwrap()
        .split("</h2>")
        .next()
        .unwrap();
    let total: usize = heading
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{heading}"));
    assert!(total > 5 && heading.ends_with("1–5 shown."), "{heading}");
    assert!(!page.contains("/bills/ca-sb53/"), "no SB 53 hit");
    assert_eq!(page.matches("<li><a href=\"/bills/").count(), 5);
    assert!(page.contains("rel=\"next\"") && !page.contains("rel=\"prev\""));
    let (s, second) = app.get("/search?q=model+AND+NOT+bill%3Aca-sb53&limit=5&page=2").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        second.contains("start=\"6\"") && second.contains("rel=\"prev\""),
        "{second}"
    );
    assert!(
        second.contains(&format!("{total} provisions match; 6–10 shown.")),
        "{second}"
    );
    // `sense:` picks the uses `undefined:` finds; a bad sense is a 400 naming it.
    let (s, page) = app
        .get("/search?q=undefined%3Arelease+sense%3Aordinary&bill=ca-sb1047")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("provision"), "{page}");
    let (s, page) = app.get("/search?q=undefined%3Arelease+sense%3Amaybe").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(page.contains("sense:maybe is not a sense"), "{page}");
    let (s, page) = app.get("/search?q=%22unclosed").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(page.contains("bad query"), "{page}");
    let (s, page) = app.get("/search").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("name=\"q\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn compare_page_shows_a_redline_and_a_summary() {
    let app = App::new();
    let (s, page) = app
        .get("/bills/ca-sb53/compare?from=amended-asm-2025-07-08&to=chaptered")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("<del class=\"del\"><span class=\"sr\">[deleted: </span>"));
    assert!(page.contains("<ins class=\"ins\"><span class=\"sr\">[inserted: </span>"));
    assert!(page.contains("renumbered"), "summary");
    assert!(page.contains("Not an official document"));
    let (s, _) = app.get("/bills/ca-sb53/compare?from=nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.get("/bills/ca-sb1047/compare").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "one version: nothing to compare");
    assert!(
        !page.contains("official change marks"),
        "a Markdown version carries no marks"
    );
}

/// A CAML version carries the official change marks: the page scores billdiff's redline against them and
/// shows them beside it. SB 2's third version inserts "2003–04" for "2002–03" (read in the XML).
#[tokio::test(flavor = "multi_thread")]
async fn compare_page_shows_the_official_marks_beside_the_redline() {
    let app = App::new();
    let (s, page) = app
        .get("/bills/ca-sb2-1999x1/compare?from=amended-sen-1999-02-23&to=amended-sen-1999-02-25")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Agreement with the official change marks: "), "{page}");
    let official = &page[page
        .find("The official change marks of the newer version")
        .expect("the marks' redline")..];
    assert!(official.contains("2002–03") && official.contains("2003–04"));
    assert!(official.contains("<del class=\"del\">"));
}

/// A version against current law: the workspace's law store holds the existing text of the paragraph of
/// CPLR 8303 that S.434 restates (the print's unchanged and struck text); the page redlines the bill's
/// changes to it, names the change context and scores the redline against the print's marks.
#[tokio::test(flavor = "multi_thread")]
async fn compare_page_compares_a_version_with_current_law() {
    let app = App::with(Access::Open, |root| {
        let file = root.join("bills/ny-s434/s434-2015-introduced.html");
        let doc = billdiff::ingest::read(&file, None).unwrap();
        let style = billdiff::parse::bill(&doc).unwrap().style;
        let before = doc.side(billdiff::ingest::Side::Before).unwrap();
        let before = billdiff::parse::bill_in(&before, billdiff::parse::style::by_id(&style)).unwrap();
        let old = before.body.find("SEC. 2").unwrap();
        let text: Vec<String> = old.children.iter().map(|c| c.full_text()).collect();
        std::fs::create_dir_all(root.join("law")).unwrap();
        let mut store = billdiff::ingest::law::Store::open(&root.join("law")).unwrap();
        store
            .put(
                "CPLR",
                Some("civil practice law and rules"),
                "8303",
                &text.join("\n"),
                "test",
            )
            .unwrap();
    });
    let (s, page) = app.get("/bills/ny-s434/compare?against=law").await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert!(page.contains("Changes to existing law made by"), "{page}");
    assert!(page.contains("Compare with the previous version instead"));
    assert!(page.contains("1 bill section compared"), "{page}");
    assert!(
        page.contains("<del class=\"del\"><span class=\"sr\">[deleted: </span>articles"),
        "{page}"
    );
    assert!(page.contains("Agreement with the official change marks: "));
    assert!(page.contains("changes to the law it amends"), "the marks' context");
    let (s, _) = app.get("/bills/ny-s434/compare?against=nonsense").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // Without a law store, a page that says how to make one.
    let (s, page) = App::new().get("/bills/ny-s434/compare?against=law").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(page.contains("no law store"), "{page}");
}

/// A session imported from the pubinfo sample beside the shipped bills: the library lists them searched,
/// filtered (house, status, author, session) and paged.
#[tokio::test(flavor = "multi_thread")]
async fn the_library_lists_a_session_searched_filtered_and_paged() {
    let app = App::with(Access::Open, |root| {
        let target = billdiff::ingest::pubinfo::Target {
            library: &root.join("bills"),
            law: &root.join("law"),
        };
        billdiff::ingest::pubinfo::import(
            &support::root().join("../shared/corpus/ca-pubinfo"),
            target,
            &mut |_| {},
        )
        .unwrap();
        // Sixty small measures of another session, to page through.
        for n in 0..60 {
            let dir = root.join(format!("bills/xx-hb{n}"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("t.txt"), "SECTION 1. The board shall report.\n").unwrap();
            std::fs::write(
                dir.join("bill.toml"),
                format!(
                    "id = \"xx-hb{n}\"\njurisdiction = \"xx\"\nsession = \"2031 Session\"\nmeasure = \"HB {n}\"\ntitle = \"Reports number {n}\"\nsource = \"https://example.org\"\n[[versions]]\nid = \"introduced\"\nstage = \"introduced\"\ndate = \"2031-01-0{}\"\nfile = \"t.txt\"\nsource = \"https://example.org\"\n",
                    1 + n % 9
                ),
            )
            .unwrap();
        }
    });
    let (s, page) = app.get("/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("Showing 1–50 of 71 measures."),
        "6 shipped, 5 imported, 60 made"
    );
    assert!(page.contains("rel=\"next\""));
    let (_, page) = app.get("/?page=2").await;
    assert!(page.contains("Showing 51–71 of 71 measures."), "{page}");
    assert!(page.contains("rel=\"prev\"") && !page.contains("rel=\"next\""));
    // The author the import recorded.
    let (_, page) = app.get("/?author=vuich").await;
    assert!(page.contains("Showing 1 measure."), "{page}");
    assert!(page.contains("href=\"/bills/ca-sjr31-1989\""));
    // House and session; a search and a filter together, kept in the paging links.
    let (_, page) = app.get("/?house=Senate&session=2031+Session").await;
    assert!(page.contains("No measure matches."), "{page}");
    let (_, page) = app.get("/?q=reports&house=House").await;
    assert!(page.contains("Showing 1–50 of 60 measures."), "{page}");
    assert!(
        page.contains("href=\"/?q=reports&#38;house=House&#38;page=2\""),
        "{page}"
    );
    let (_, page) = app.get("/?status=Chaptered").await;
    assert!(page.contains("ca-sb729-1989") && !page.contains("xx-hb1\""), "{page}");
    let (s, _) = app.get("/?page=x").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "a page that is not a number");
}

#[tokio::test(flavor = "multi_thread")]
async fn builder_adds_rules_previews_saves_and_downloads() {
    let app = App::new();
    let (s, page) = app.get("/bills/ca-sb1047/builder").await;
    assert_eq!(s, StatusCode::OK);
    let toml = field(&page, "toml");
    assert!(toml.contains("bill = \"ca-sb1047\""));
    let (s, _, b) = app
        .post_form(
            "/bills/ca-sb1047/builder",
            &[
                ("toml", &toml),
                ("title", "Systems, not models"),
                ("summary", "Rename the regulated thing."),
                ("version", "enrolled"),
                ("action", "add-rename"),
                ("r_from", "covered model"),
                ("r_to", "covered system"),
                ("r_rationale", "A model does nothing until a system runs it."),
                ("r_glossary", "ai-system, deploy"),
            ],
        )
        .await;
    let page = text(&b);
    assert_eq!(s, StatusCode::OK, "{page}");
    let toml = field(&page, "toml");
    let p = billdiff::ingest::proposal::parse("t", &toml).expect("the builder's TOML is a proposal");
    assert_eq!(p.title, "Systems, not models");
    assert_eq!(p.rules.len(), 1);
    assert!(page.contains("Rename the defined term “covered model” to “covered system”"));
    assert!(
        page.contains("<ins class=\"ins\"><span class=\"sr\">[inserted: </span>system"),
        "preview redline"
    );
    assert_eq!(field(&page, "r_from"), "", "the add form is cleared");
    // The live-preview endpoint returns the fragment alone.
    let (s, _, b) = app
        .post_form(
            "/bills/ca-sb1047/builder/preview",
            &[("toml", &toml), ("version", "enrolled")],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(text(&b).contains("Amendments") && !text(&b).contains("<html"));
    // Save under a new name.
    let save = |name: &'static str, base: String, toml: String| {
        let app = &app;
        async move {
            app.post_form(
                "/bills/ca-sb1047/builder",
                &[
                    ("toml", &toml),
                    ("action", "save"),
                    ("name", name),
                    ("loaded", name),
                    ("base", &base),
                ],
            )
            .await
        }
    };
    let (s, _, b) = save("systems", String::new(), toml.clone()).await;
    let page = text(&b);
    assert_eq!(s, StatusCode::OK, "{page}");
    assert!(page.contains("Saved as proposals/systems.toml"));
    let saved = app.root.join("bills/ca-sb1047/proposals/systems.toml");
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), field(&page, "toml"));
    let base = field(&page, "base");
    // A second "new" proposal with the same name is refused, and the text comes back.
    let (s, _, b) = save("systems", String::new(), toml.clone() + "\n# mine\n").await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(text(&b).contains("already exists"));
    assert!(field(&text(&b), "toml").contains("# mine"), "the edit is not lost");
    // Someone else changes the file: saving over it with the old base is refused.
    std::fs::write(&saved, std::fs::read_to_string(&saved).unwrap() + "\n# theirs\n").unwrap();
    let (s, _, b) = save("systems", base.clone(), toml.clone() + "\n# mine\n").await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(text(&b).contains("changed by someone else"));
    assert!(
        std::fs::read_to_string(&saved).unwrap().contains("# theirs"),
        "their edit is kept"
    );
    // Downloads: every format.
    for (format, needle) in [
        ("amendments", "Amendment 1"),
        ("html", "<del class=\"del\">"),
        ("md", "<del>model</del><ins><em>system</em></ins>"),
        ("json", "\"schema_version\""),
        ("amended", "covered system"),
        ("text", "covered system"),
    ] {
        let (s, h, b) = app
            .post_form(
                "/bills/ca-sb1047/builder",
                &[
                    ("toml", &toml),
                    ("action", "download"),
                    ("format", format),
                    ("name", "systems"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{format}: {}", text(&b));
        let cd = h.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
        assert!(cd.starts_with("attachment; filename=\"ca-sb1047-systems-"), "{cd}");
        assert!(text(&b).contains(needle), "{format}");
    }
    // Remove the rule.
    let (s, _, b) = app
        .post_form("/bills/ca-sb1047/builder", &[("toml", &toml), ("action", "remove-0")])
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(!field(&text(&b), "toml").contains("[[rules]]"));
    // Start from a shipped proposal.
    let (s, page) = app.get("/bills/ca-sb1047/builder?proposal=deployed-systems").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Rules (9)"), "the shipped proposal's rules are listed");
}

#[tokio::test(flavor = "multi_thread")]
async fn builder_refuses_malformed_input() {
    let app = App::new();
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[("toml", "title = \n"), ("action", "preview")], "the proposal"),
        (
            &[
                ("toml", "title = \"t\"\nsummary = \"s\"\n"),
                ("action", "add-rename"),
                ("r_from", "covered model"),
            ],
            "Fill in its new name",
        ),
        (
            &[("toml", "title = \"t\"\nsummary = \"s\"\n"), ("action", "explode")],
            "Unknown action",
        ),
        (
            &[("toml", "title = \"t\"\nsummary = \"s\"\n"), ("action", "remove-4")],
            "no [[rules]] to remove",
        ),
        (
            &[
                (
                    "toml",
                    "title = \"t\"\nsummary = \"s\"\n[[rules]]\nkind = \"rename-term\"\nfrom = \"x\"\nto = \"y\"\nrationale = \"r\"\n",
                ),
                ("action", "save"),
                ("name", "../../etc/passwd"),
            ],
            "not a valid name",
        ),
        (
            &[
                (
                    "toml",
                    "title = \"t\"\nsummary = \"s\"\n[[rules]]\nkind = \"rename-term\"\nfrom = \"no such term\"\nto = \"y\"\nrationale = \"r\"\n",
                ),
                ("action", "preview"),
            ],
            "no such term",
        ),
    ];
    for (fields, needle) in cases {
        let (s, _, b) = app.post_form("/bills/ca-sb1047/builder", fields).await;
        let page = text(&b);
        assert_eq!(s, StatusCode::BAD_REQUEST, "{fields:?}: {page}");
        assert!(page.contains(needle), "{fields:?}: expected {needle:?} in the page");
    }
    // A form that is not a form.
    let (s, _, _) = app
        .send(
            Request::post("/bills/ca-sb1047/builder")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert!(s.is_client_error(), "{s}");
    let (s, _) = app.get("/bills/ca-sb1047/builder?proposal=..%2F..%2Fbill").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app.get("/bills/ca-sb1047/builder?proposal=missing").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(!app.root.join("etc").exists() && !app.root.join("bills/etc").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn letter_page_prefills_and_renders_every_format() {
    let app = App::new();
    let (s, page) = app.get("/bills/ca-sb1047/letter?from=oppose-unless-amended").await;
    assert_eq!(s, StatusCode::OK);
    let names = [
        "version",
        "proposal",
        "stance",
        "committee",
        "date",
        "subject",
        "paragraphs",
        "closing",
        "s_org",
        "s_name",
        "s_title",
        "s_address",
        "s_email",
        "s_phone",
        "a_name",
        "a_title",
        "a_address",
        "a_salutation",
    ];
    let doc = scraper::Html::parse_document(&page);
    let mut fields: Vec<(String, String)> = Vec::new();
    for n in names {
        let sel = scraper::Selector::parse(&format!("[name=\"{n}\"]")).unwrap();
        let el = doc.select(&sel).next().unwrap();
        let v = match el.value().name() {
            "textarea" => el.text().collect(),
            "select" => {
                let opt = scraper::Selector::parse("option[selected]").unwrap();
                el.select(&opt)
                    .next()
                    .map(|o| {
                        o.value()
                            .attr("value")
                            .map_or_else(|| o.text().collect(), str::to_string)
                    })
                    .unwrap_or_default()
            }
            _ => el.value().attr("value").unwrap_or_default().to_string(),
        };
        fields.push((n.to_string(), v));
    }
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).unwrap().1.clone();
    assert_eq!(
        get("committee"),
        "Assembly Committee on Privacy and Consumer Protection"
    );
    assert_eq!(get("proposal"), "deployed-systems");
    assert_eq!(get("stance"), "oppose-unless-amended");
    for (format, magic, media) in [
        ("pdf", &b"%PDF"[..], "application/pdf"),
        ("docx", &b"PK"[..], "application/vnd.openxmlformats"),
        ("md", &b"Example Open Models Coalition"[..], "text/markdown"),
        ("txt", &b""[..], "text/plain"),
        ("html", &b"<!DOCTYPE html>"[..], "text/html"),
    ] {
        let mut f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        f.push(("format", format));
        let (s, h, b) = app.post_form("/bills/ca-sb1047/letter", &f).await;
        assert_eq!(s, StatusCode::OK, "{format}: {}", text(&b));
        assert!(b.starts_with(magic), "{format}");
        assert!(
            h.get(header::CONTENT_TYPE)
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(media)
        );
    }
    // A letter without a committee: a 400 naming it, with the form kept.
    let mut f: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| k != "committee")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    f.push(("format", "pdf"));
    let (s, _, b) = app.post_form("/bills/ca-sb1047/letter", &f).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let page = text(&b);
    assert!(page.contains("missing `committee`"), "{page}");
    assert!(
        !page.contains(&app.root.display().to_string()),
        "no server paths in messages"
    );
    assert_eq!(field(&page, "s_name"), "Alex Rivera");
    // A proposal that is not there: 404, and the form kept.
    let mut f: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| k != "proposal")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    f.push(("proposal", "deleted-meanwhile"));
    f.push(("format", "pdf"));
    let (s, _, b) = app.post_form("/bills/ca-sb1047/letter", &f).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(
        text(&b).contains("has no proposal &#34;deleted-meanwhile&#34;"),
        "{}",
        text(&b)
    );
    assert_eq!(field(&text(&b), "s_name"), "Alex Rivera");
    let (s, _) = app.get("/bills/ca-sb1047/letter?from=..%2Fbill").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn not_found_and_traversal() {
    let app = App::new();
    for uri in [
        "/nope",
        "/bills/ca-sb9999/enrolled",
        "/bills/ca-sb1047/draft-9",
        "/bills/ca-sb1047/enrolled/nope",
    ] {
        let (s, page) = app.get(uri).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.contains("404 Not Found"), "{uri}: an HTML error page");
    }
    for uri in [
        "/bills/..%2F..%2Fetc/enrolled",
        "/bills/ca-sb1047/..%2F..%2F..%2Fetc%2Fpasswd",
        "/bills/%2Fetc/enrolled/terms",
    ] {
        let (s, page) = app.get(uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}");
        assert!(!page.contains("root:"), "{uri}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn upload_adds_a_bill_and_escapes_what_it_carries() {
    let Some(path) = support::corpus("sb1047-2024-enrolled.txt") else {
        return;
    };
    let app = App::new();
    let original = std::fs::read_to_string(path).unwrap();
    let payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let hostile = original.replacen(
        "means either of the following:",
        &format!("means {payload} either of the following:"),
        1,
    );
    assert_ne!(hostile, original);
    let (s, h, b) = app
        .send(upload_request(
            &[("bill", "xss-test"), ("version", "hostile")],
            "sb1047.txt",
            hostile.as_bytes(),
        ))
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{}", text(&b));
    assert_eq!(h.get(header::LOCATION).unwrap(), "/bills/xss-test/hostile");
    let manifest = std::fs::read_to_string(app.root.join("bills/xss-test/bill.toml")).unwrap();
    assert!(manifest.contains("measure = \"SB 1047\""), "{manifest}");
    let (s, page) = app.get("/bills/xss-test/hostile").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!page.contains("<script>alert"), "the payload is not markup");
    assert!(!page.contains("<img src=x"));
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "it shows as text"
    );
    // The same version again is a conflict; a file that is not a bill is refused.
    let upload = |name: &str, bytes: &[u8], bill: &str| upload_request(&[("bill", bill)], name, bytes);
    let (s, _, _) = app.send(upload("sb1047.txt", hostile.as_bytes(), "xss-test")).await;
    assert_eq!(
        s,
        StatusCode::SEE_OTHER,
        "another version (its id from the text's stage and date)"
    );
    let (s, _, b) = app.send(upload("sb1047.txt", hostile.as_bytes(), "xss-test")).await;
    assert_eq!(s, StatusCode::CONFLICT, "{}", text(&b));
    let (s, _, b) = app.send(upload("notes.txt", b"Groceries: milk, eggs.\n", "")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(text(&b).contains("not a bill"), "{}", text(&b));
    let (s, _, _) = app.send(upload("x.bin", b"\x00\x01\x02", "")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _, _) = app.send(upload("sb1047.txt", original.as_bytes(), "../escape")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(!app.root.join("escape").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_over_the_limit_get_413() {
    let app = App::new();
    let big = vec![b'a'; app.config.max_body + 1];
    let (s, _, b) = app
        .send(
            Request::post("/bills")
                .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
                .header(header::CONTENT_LENGTH, big.len())
                .body(Body::from(big.clone()))
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(text(&b).contains("larger than this server accepts"));
    // Without a declared length (a stream), the limit still holds.
    let stream = futures_stream(big);
    let (s, _, _) = app
        .send(
            Request::post("/bills/ca-sb1047/builder")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(stream)
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

fn futures_stream(bytes: Vec<u8>) -> Body {
    let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = bytes
        .chunks(8192)
        .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(tokio_stream_iter(chunks))
}

fn tokio_stream_iter<T: Send + 'static>(items: Vec<T>) -> impl futures_core::Stream<Item = T> + Send + 'static {
    struct Iter<T>(std::vec::IntoIter<T>);
    impl<T> futures_core::Stream for Iter<T> {
        type Item = T;
        fn poll_next(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<Option<T>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    impl<T> Unpin for Iter<T> {}
    Iter(items.into_iter())
}

/// Failed sign-ins from one address: after the free ones, 429 with `Retry-After`, even for the right
/// token, while another address is still asked for credentials; once the wait has passed, the right token
/// lets the first address in again.
#[tokio::test(flavor = "multi_thread")]
async fn failed_sign_ins_make_that_address_wait() {
    use axum::extract::ConnectInfo;
    let app = App::with(Access::Token("a-long-shared-token-123".into()), |_| {});
    let basic = |user_and_password: &str| {
        // Standard base64, written out here so the test does not share the server's decoder.
        let table = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let bytes = user_and_password.as_bytes();
        let mut out = Vec::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(table[((n >> (18 - 6 * i)) & 63) as usize]);
                } else {
                    out.push(b'=');
                }
            }
        }
        format!("Basic {}", String::from_utf8(out).unwrap())
    };
    let from = |addr: [u8; 4], authorization: &str| {
        let mut r = Request::get("/")
            .header(header::AUTHORIZATION, authorization)
            .body(Body::empty())
            .unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::from((addr, 40_000))));
        r
    };
    let (a, b) = ([192, 0, 2, 1], [192, 0, 2, 2]);
    for i in 0..=web::auth::FREE_FAILURES {
        let (s, _, _) = app.send(from(a, &basic(&format!("staff:guess-{i}")))).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let (s, h, body) = app.send(from(a, &basic("staff:a-long-shared-token-123"))).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{}", String::from_utf8_lossy(&body));
    assert_eq!(h.get(header::RETRY_AFTER).unwrap(), "1");
    assert!(String::from_utf8_lossy(&body).contains("Too many failed sign-ins"));
    let (s, _, _) = app.send(from(b, &basic("staff:guess"))).await;
    assert_eq!(
        s,
        StatusCode::UNAUTHORIZED,
        "another address is asked, not made to wait"
    );
    let (s, _, _) = app.send(from(b, &basic("other:a-long-shared-token-123"))).await;
    assert_eq!(s, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let (s, _, _) = app.send(from(a, &basic("staff:a-long-shared-token-123"))).await;
    assert_eq!(s, StatusCode::OK, "after the wait, the right token is let in");
    let (s, _, _) = app.send(from(a, &basic("staff:guess-again"))).await;
    assert_eq!(
        s,
        StatusCode::UNAUTHORIZED,
        "a success forgot the failures: this one is free"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn access_control_and_cross_site_posts() {
    let app = App::with(Access::Token("a-long-shared-token-123".into()), |_| {});
    let (s, h, _) = app.send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(
        h.get(header::WWW_AUTHENTICATE)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
    // "staff:a-long-shared-token-123"
    let good = "Basic c3RhZmY6YS1sb25nLXNoYXJlZC10b2tlbi0xMjM=";
    let (s, _, _) = app
        .send(
            Request::get("/")
                .header(header::AUTHORIZATION, good)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _, _) = app
        .send(
            Request::get("/")
                .header(header::AUTHORIZATION, "Basic c3RhZmY6bm8=")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let open = App::new();
    let (s, _, _) = open
        .send(
            Request::post("/bills/ca-sb1047/builder")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::HOST, "127.0.0.1:8080")
                .header(header::ORIGIN, "https://evil.example")
                .body(Body::from("action=save&name=x"))
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[test]
fn a_public_address_needs_access_control() {
    let ws = workspace();
    let mut c = config(ws.path(), Access::Open);
    c.addr = "0.0.0.0:8080".parse().unwrap();
    let e = c.check().unwrap_err().to_string();
    assert!(e.contains("refusing to serve beyond this machine"), "{e}");
    c.insecure_public = true;
    assert!(c.check().is_ok());
    c.insecure_public = false;
    c.access = Access::Token("a-long-shared-token-123".into());
    assert!(c.check().is_ok());
    c.addr = "[::1]:8080".parse().unwrap();
    c.access = Access::Open;
    assert!(c.check().is_ok(), "loopback needs nothing");
    // The CLI says so in one line and exits 2, before binding anything.
    let out = assert_cmd::Command::cargo_bin("billdiff")
        .unwrap()
        .args(["serve", "--addr", "0.0.0.0:0", "--workspace"])
        .arg(ws.path())
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--auth USERS.toml"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn internal_errors_are_generic() {
    // A file where the index folder should be: the index cannot be built, so search is unavailable; and a
    // bill folder whose text file is empty: a fault in the workspace, not in the request.
    let app = App::with(Access::Open, |ws| {
        std::fs::create_dir_all(ws.join(".billdiff")).unwrap();
        std::fs::write(ws.join(".billdiff/index"), "not a folder").unwrap();
        let b = ws.join("bills/broken");
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(b.join("v1.txt"), "").unwrap();
        std::fs::write(
            b.join("bill.toml"),
            "id = \"broken\"\njurisdiction = \"ca\"\nsession = \"s\"\nmeasure = \"SB 1\"\ntitle = \"t\"\nsource = \"https://example.org\"\n\n[[versions]]\nid = \"v1\"\nstage = \"introduced\"\ndate = \"2025-01-01\"\nfile = \"v1.txt\"\nsource = \"https://example.org\"\n",
        )
        .unwrap();
    });
    let (s, page) = app.get("/search?q=release").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.contains("Search is unavailable"));
    assert!(!page.contains(".billdiff"), "no details leak");
    let (s, page) = app.get("/bills/broken/v1").await;
    assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(page.contains("Something went wrong on the server"));
    assert!(
        !page.contains("v1.txt") && !page.contains(&app.root.display().to_string()),
        "{page}"
    );
    let (s, page) = app.get("/").await;
    assert_eq!(s, StatusCode::OK, "the rest of the UI works without search");
    assert!(page.contains("Search is unavailable"));
}

#[tokio::test(flavor = "multi_thread")]
async fn dns_rebinding_and_opaque_origins_are_refused() {
    let app = App::new();
    let get = |host: &'static str| {
        Request::get("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    for (host, ok) in [
        ("localhost:8080", true),
        ("127.0.0.1:8080", true),
        ("[::1]:8080", true),
        ("evil.example:8080", false),
        ("evil.example", false),
    ] {
        let (s, _, _) = app.send(get(host)).await;
        assert_eq!(s == StatusCode::OK, ok, "{host}: {s}");
        if !ok {
            assert_eq!(s, StatusCode::MISDIRECTED_REQUEST);
        }
    }
    for (name, value) in [
        ("origin", "null"),
        ("sec-fetch-site", "same-site"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let (s, _, _) = app
            .send(
                Request::post("/bills/ca-sb1047/builder")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(name, value)
                    .body(Body::from("action=save&name=x"))
                    .unwrap(),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{name}: {value}");
    }
    assert!(!app.root.join("bills/ca-sb1047/proposals/x.toml").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn builder_keeps_toml_edits_and_the_chosen_version() {
    let Some(_) = support::corpus_dir() else { return };
    let app = App::new();
    let (_, page) = app.get("/bills/ca-sb53/builder?proposal=deploy-and-release").await;
    let toml = field(&page, "toml");
    let (title0, summary0) = (field(&page, "title0"), field(&page, "summary0"));
    assert_eq!(field(&page, "title"), title0);
    // The title changed in the TOML box, the title box untouched: the TOML wins.
    // Its version line is taken out: the version chosen in the form is the one saved. (Only chaptered:
    // the proposal applies to no earlier version, and a proposal that does not apply is not saved.)
    let edited = toml
        .replacen(&format!("title = \"{title0}\""), "title = \"Edited in the TOML\"", 1)
        .replacen("version = \"chaptered\"\n", "", 1);
    assert_ne!(edited, toml);
    assert!(!edited.contains("version = "), "{edited}");
    let (s, _, b) = app
        .post_form(
            "/bills/ca-sb53/builder",
            &[
                ("toml", &edited),
                ("title", &title0),
                ("title0", &title0),
                ("summary", &summary0),
                ("summary0", &summary0),
                ("version", "chaptered"),
                ("action", "save"),
                ("name", "edited"),
            ],
        )
        .await;
    let page = text(&b);
    assert_eq!(s, StatusCode::OK, "{page}");
    let saved = std::fs::read_to_string(app.root.join("bills/ca-sb53/proposals/edited.toml")).unwrap();
    let p = billdiff::ingest::proposal::parse("saved", &saved).unwrap();
    assert_eq!(p.title, "Edited in the TOML");
    assert_eq!(p.version.as_deref(), Some("chaptered"), "the chosen version is saved");
    assert_eq!(
        field(&page, "title"),
        "Edited in the TOML",
        "the box shows the TOML's title"
    );
    // A download that cannot be made: the builder again, with the text.
    let broken = "title = \"t\"\nsummary = \"s\"\n[[rules]]\nkind = \"rename-term\"\nfrom = \"no such term\"\nto = \"y\"\nrationale = \"r\"\n";
    let (s, h, b) = app
        .post_form(
            "/bills/ca-sb53/builder",
            &[("toml", broken), ("action", "download"), ("format", "amendments")],
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(h.get(header::CONTENT_DISPOSITION).is_none());
    assert!(field(&text(&b), "toml").contains("no such term"), "the text comes back");
}

#[tokio::test(flavor = "multi_thread")]
async fn uploads_are_checked_against_their_folder() {
    let Some(path) = support::corpus("sb53-2025-chaptered.txt") else {
        return;
    };
    let app = App::new();
    let bytes = std::fs::read(path).unwrap();
    let send = |fields: Vec<(&'static str, String)>| {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        upload_request(&fields, "sb53.txt", &bytes)
    };
    let (s, _, b) = app.send(send(vec![("bill", "ca-sb1047".into())])).await;
    assert_eq!(s, StatusCode::CONFLICT, "SB 53 into SB 1047's folder: {}", text(&b));
    let (s, _, b) = app
        .send(send(vec![
            ("bill", "new-53".into()),
            ("source", "javascript:alert(1)".into()),
        ]))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(text(&b).contains("not a web address"));
    let (s, _, _) = app
        .send(send(vec![("bill", "new-53".into()), ("version", "compare".into())]))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "a version id that names a page");
    let (s, h, _) = app
        .send(send(vec![
            ("bill", "new-53".into()),
            ("source", "https://leginfo.legislature.ca.gov/x".into()),
        ]))
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(h.get(header::LOCATION).unwrap(), "/bills/new-53/filed-2025-09-29");
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_requests_time_out() {
    let ws = workspace();
    let mut cfg = config(ws.path(), Access::Open);
    let state = web::state(&cfg).expect("state");
    // A deadline that has passed before the work starts: the compare runs on a blocking thread, so the
    // handler cannot answer on its first poll and the timeout always wins, whatever the machine's speed.
    cfg.timeout = Duration::ZERO;
    let r = web::router(state, &cfg)
        .oneshot(Request::get("/bills/ca-sb53/compare").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
}

/// A page of 200,000 nested elements (2.6 MB, under the upload limit) once took the whole server down with
/// a stack overflow: now the upload is refused with a 400 page naming the problem, and the server goes
/// on serving.
#[tokio::test(flavor = "multi_thread")]
async fn a_deeply_nested_upload_is_refused_and_the_server_keeps_serving() {
    let mut app = App::new();
    // The server's default upload limit (8 MiB), which the 2.6 MB page is under.
    app.config.max_body = 8 * 1024 * 1024;
    let deep = format!(
        "<html><body><div id=\"bill_all\">SECTION 1. {}x{}</div></body></html>",
        "<span>".repeat(200_000),
        "</span>".repeat(200_000)
    );
    let started = std::time::Instant::now();
    let (s, _, b) = app
        .send(upload_request(&[("bill", "deep")], "deep.html", deep.as_bytes()))
        .await;
    eprintln!("refused in {:?}", started.elapsed());
    assert_eq!(s, StatusCode::BAD_REQUEST, "{}", text(&b));
    assert!(text(&b).contains("nested deeper than 1000 levels"), "{}", text(&b));
    assert!(!app.root.join("bills/deep").exists(), "nothing written");
    let (s, _) = app.get("/").await;
    assert_eq!(s, StatusCode::OK, "the server keeps serving");
    let (s, _) = app.get("/bills/ca-sb1047/enrolled").await;
    assert_eq!(s, StatusCode::OK);
}

/// Pages go out compressed when the browser accepts it, carry a validator, and are not sent again when
/// the browser already has them.
#[tokio::test(flavor = "multi_thread")]
async fn pages_are_compressed_and_revalidated() {
    let app = App::new();
    let get = |uri: &str, headers: &[(header::HeaderName, &str)]| {
        let mut r = Request::get(uri);
        for (k, v) in headers {
            r = r.header(k, *v);
        }
        r.body(Body::empty()).unwrap()
    };
    for uri in [
        "/bills/ca-sb1047/enrolled",
        "/bills/ca-sb1047/enrolled/terms",
        "/glossary",
        "/bills/ca-sb53/compare",
        "/static/app.css",
    ] {
        let (s, h, plain) = app.send(get(uri, &[])).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        assert!(
            h.get(header::CONTENT_ENCODING).is_none(),
            "{uri}: not compressed unless asked"
        );
        let etag = h.get(header::ETAG).expect("an ETag").to_str().unwrap().to_string();
        assert!(etag.starts_with("W/\""), "{uri}: {etag}");
        for enc in ["gzip", "br"] {
            let (s, h, packed) = app.send(get(uri, &[(header::ACCEPT_ENCODING, enc)])).await;
            assert_eq!(s, StatusCode::OK);
            assert_eq!(h.get(header::CONTENT_ENCODING).unwrap(), enc, "{uri}");
            if enc == "gzip" {
                // The kept gzip is the page itself, whoever asked first.
                use std::io::Read;
                let mut unpacked = Vec::new();
                flate2::read::GzDecoder::new(&packed[..])
                    .read_to_end(&mut unpacked)
                    .unwrap();
                assert_eq!(unpacked, plain, "{uri}: the gzip is the page");
                let (_, again, twice) = app
                    .send(get(uri, &[(header::ACCEPT_ENCODING, "deflate, gzip;q=0.8")]))
                    .await;
                assert_eq!(again.get(header::CONTENT_ENCODING).unwrap(), "gzip");
                assert_eq!(twice, packed, "{uri}: compressed once, sent again");
                let (_, refused, _) = app.send(get(uri, &[(header::ACCEPT_ENCODING, "gzip;q=0")])).await;
                assert!(refused.get(header::CONTENT_ENCODING).is_none(), "{uri}: gzip refused");
            }
            assert!(
                packed.len() * 2 < plain.len(),
                "{uri}: {enc} {} of {}",
                packed.len(),
                plain.len()
            );
            assert_eq!(
                h.get(header::ETAG).unwrap(),
                etag.as_str(),
                "one validator whatever the encoding"
            );
        }
        let (s, h, body) = app
            .send(get(
                uri,
                &[(header::IF_NONE_MATCH, &etag), (header::ACCEPT_ENCODING, "gzip")],
            ))
            .await;
        assert_eq!(s, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(body.is_empty(), "{uri}: a 304 has no body");
        assert_eq!(h.get(header::ETAG).unwrap(), etag.as_str());
        let (s, _, _) = app
            .send(get(uri, &[(header::IF_NONE_MATCH, "W/\"0000000000000000\"")]))
            .await;
        assert_eq!(s, StatusCode::OK, "{uri}: another version's validator gets the page");
    }
    let (_, h, _) = app.send(get("/glossary", &[])).await;
    assert_eq!(
        h.get(header::CACHE_CONTROL).unwrap(),
        "no-cache",
        "pages are revalidated each time"
    );
    let (_, h, _) = app.send(get("/static/app.css", &[])).await;
    assert_eq!(h.get(header::CACHE_CONTROL).unwrap(), "public, max-age=300");
}

/// The bill page is rendered once and kept with its validator; a proposal saved beside the bill makes a new
/// page (the kept one listed the proposals there were).
#[tokio::test(flavor = "multi_thread")]
async fn the_kept_bill_page_follows_its_proposals() {
    let app = App::new();
    let uri = "/bills/ca-sb1047/enrolled";
    let get = || Request::get(uri).body(Body::empty()).unwrap();
    let (_, h1, page1) = app.send(get()).await;
    let (_, h2, page2) = app.send(get()).await;
    assert_eq!(page1, page2);
    assert_eq!(h1.get(header::ETAG), h2.get(header::ETAG));
    assert!(!String::from_utf8_lossy(&page1).contains("my-new-proposal"));
    std::fs::copy(
        app.root.join("bills/ca-sb1047/proposals/deployed-systems.toml"),
        app.root.join("bills/ca-sb1047/proposals/my-new-proposal.toml"),
    )
    .unwrap();
    let (_, h3, page3) = app.send(get()).await;
    assert!(String::from_utf8_lossy(&page3).contains("my-new-proposal"));
    assert_ne!(h3.get(header::ETAG), h1.get(header::ETAG));
}

/// An uploaded bill from another legislature is filed under its own jurisdiction and measure: a Texas bill
/// PDF becomes `tx-hb100`, not a California folder with no measure.
#[tokio::test]
async fn an_uploaded_texas_pdf_is_filed_as_texas() {
    let Some(path) = support::corpus("../tx/tx-89r-hb100-introduced.pdf") else {
        return;
    };
    let app = App::new();
    let bytes = std::fs::read(path).unwrap();
    let (s, h, b) = app
        .send(upload_request(&[("version", "introduced")], "hb100.pdf", &bytes))
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{}", text(&b));
    assert_eq!(h.get(header::LOCATION).unwrap(), "/bills/tx-hb100/introduced");
    let manifest = std::fs::read_to_string(app.root.join("bills/tx-hb100/bill.toml")).unwrap();
    assert!(manifest.contains("jurisdiction = \"tx\""), "{manifest}");
    assert!(manifest.contains("measure = \"HB 100\""), "{manifest}");
    let (s, page) = app.get("/bills/tx-hb100/introduced").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("31.024"), "the code section is on the page");
}

/// Out-of-scope uses are marked calmly and explained, and the annotations can be turned off.
#[tokio::test(flavor = "multi_thread")]
async fn bill_page_annotations_are_calm_and_can_be_turned_off() {
    let app = App::new();
    let (s, page) = app.get("/bills/ca-sb1047/enrolled").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("id=\"annotations\""), "the toggle");
    assert!(
        page.contains("where the definition does not apply"),
        "the dagger explained"
    );
    let (s, css) = app.get("/static/app.css").await;
    assert_eq!(s, StatusCode::OK);
    let oos: Vec<&str> = css.lines().filter(|l| l.contains(".oos")).collect();
    assert!(!oos.is_empty() && oos.iter().all(|l| !l.contains("wavy")), "{oos:?}");
    assert!(css.contains(".plain a.term"), "annotations off: the text as printed");
    let (_, js) = app.get("/static/app.js").await;
    assert!(js.contains("getElementById(\"annotations\")"));
}

/// The bill page counts the undefined terms of art as the CLI does: those with a technical or unclear use.
#[tokio::test(flavor = "multi_thread")]
async fn bill_page_and_cli_count_undefined_terms_alike() {
    let app = App::new();
    let (_, page) = app.get("/bills/ca-sb1047/enrolled").await;
    let bill = support::open(&support::root().join("bills/ca-sb1047"));
    let g = billdiff::ingest::glossary::read(&support::root().join("glossary")).unwrap();
    let report = billdiff::terms::analyse(&bill, &g);
    let flagged = report.undefined.iter().filter(|u| u.flagged()).count();
    assert!(
        flagged < report.undefined.len(),
        "SB 1047 lists a term of art used only in its ordinary sense"
    );
    assert!(page.contains(&format!("{flagged} undefined terms of art")), "{flagged}");
    let cli = crate::cli::billdiff()
        .args(["terms", "bills/ca-sb1047"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&cli.stdout);
    assert!(
        out.contains(&format!("{flagged} technical terms of art used without a definition")),
        "{out}"
    );
}

/// The analysed versions kept in memory stay within their byte budget, least recently used let go first;
/// an analysis that was stopped (its request's deadline passed) is never kept.
#[test]
fn the_analysis_cache_keeps_within_its_budget_and_never_keeps_stopped_work() {
    use billdiff::terms::analyses_on_this_thread as analyses;
    use billdiff::web::workspace::Workspace;
    let ws = workspace();
    let glossary = billdiff::ingest::glossary::built_in().unwrap();
    let roomy = Workspace::new(ws.path(), glossary.clone(), 512 << 20);
    let n = analyses();
    let a = roomy.analysed("ca-sb1047", "latest").unwrap();
    roomy.analysed("ny-s434", "latest").unwrap();
    roomy.analysed("ca-sb1047", "latest").unwrap();
    assert_eq!(analyses() - n, 2, "both kept");
    // Room for one SB 1047 and not a byte more: a second bill pushes out the least recently used.
    let tight = Workspace::new(ws.path(), glossary, a.weight());
    let n = analyses();
    tight.analysed("ca-sb1047", "latest").unwrap();
    tight.analysed("ny-s434", "latest").unwrap();
    tight.analysed("ny-s434", "latest").unwrap();
    assert_eq!(analyses() - n, 2, "the one just analysed is kept");
    tight.analysed("ca-sb1047", "latest").unwrap();
    assert_eq!(analyses() - n, 3, "SB 1047 was let go for S.434 and is analysed again");
    // Stopped work: the analysis runs (and stops at once), and is not kept.
    let stop = billdiff::work::Stop::new();
    stop.raise();
    let n = analyses();
    let stopped = stop.watch(|| roomy.analysed("ca-sb53", "latest").unwrap());
    assert!(
        stopped.report.definitions.len() < 3,
        "stopped early: {}",
        stopped.report.definitions.len()
    );
    let whole = roomy.analysed("ca-sb53", "latest").unwrap();
    assert_eq!(analyses() - n, 2, "analysed again: the stopped one was not kept");
    assert!(
        whole.report.definitions.len() > 10,
        "{}",
        whole.report.definitions.len()
    );
}

/// The builder saves only a proposal that applies: the shipped SB 1047 proposal with a rule added that
/// does not apply is refused (422, the failing rule named, the user's text kept), and the shipped file
/// stays byte for byte as it was.
#[tokio::test(flavor = "multi_thread")]
async fn the_builder_refuses_to_save_a_proposal_that_does_not_apply() {
    let app = App::new();
    let path = app.root.join("bills/ca-sb1047/proposals/deployed-systems.toml");
    let shipped = std::fs::read(&path).unwrap();
    let original = String::from_utf8(shipped.clone()).unwrap();
    let broken = format!(
        "{original}\n[[rules]]\nkind = \"rename-term\"\nfrom = \"flux capacitor\"\nto = \"time machine\"\nrationale = \"A test.\"\n"
    );
    let base = billdiff::web::workspace::content_hash(&original);
    // Save `toml` over the shipped proposal, as the builder does after opening it.
    let save = |toml: String| {
        let (app, base) = (&app, &base);
        async move {
            app.post_form(
                "/bills/ca-sb1047/builder",
                &[
                    ("toml", &toml),
                    ("action", "save"),
                    ("name", "deployed-systems"),
                    ("loaded", "deployed-systems"),
                    ("base", base),
                    ("version", "enrolled"),
                ],
            )
            .await
        }
    };
    let (s, _, b) = save(broken).await;
    let page = text(&b);
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("Not saved: the proposal does not apply"), "{page}");
    assert!(page.contains("the bill does not define “flux capacitor”"), "{page}");
    assert!(
        field(&page, "toml").contains("flux capacitor"),
        "the user's text is kept"
    );
    assert_eq!(std::fs::read(&path).unwrap(), shipped, "the shipped file is unchanged");
    // The same text without the broken rule saves (it applies).
    let (s, _, b) = save(original.clone()).await;
    assert_eq!(s, StatusCode::OK, "{}", text(&b));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        shipped,
        "saved as it was: comments and all"
    );
}
