//! Bad input gets a clear one-line error and exit code 2 — or a correct parse where it is a bill.

use crate::cli::billdiff;
use crate::support::{corpus, open};
use std::path::Path;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn rejects(path: &Path, needle: &str) {
    let out = billdiff().arg("outline").arg(path).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{}: {err}", path.display());
    assert!(!err.contains("panicked"));
}

#[test]
fn empty_binary_and_unrelated_files() {
    let dir = tempfile::tempdir().unwrap();
    rejects(&write(dir.path(), "empty.txt", b""), "the file is empty");
    rejects(&write(dir.path(), "blank.html", b"  \n\n"), "the file is empty");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0xffu8, 200));
    rejects(&write(dir.path(), "image.html", &png), "not a text file");
    rejects(
        &write(dir.path(), "latin1.txt", b"caf\xe9 SECTION 1. x"),
        "invalid UTF-8",
    );
    let page = r#"<!DOCTYPE html><html><head><title>Weather</title><script>var SECTION = 1;</script></head>
        <body><h1>Forecast for Sacramento</h1><p>Sunny, 75°F. Section 1 of the report is below.</p>
        <table><tr><td>Mon</td><td>(a) warm</td></tr></table></body></html>"#;
    rejects(
        &write(dir.path(), "weather.html", page.as_bytes()),
        "not a bill: no legal structure found",
    );
    rejects(
        &write(dir.path(), "notes.md", b"# Notes\n\n(a) a list\n\n(b) more\n"),
        "not a bill",
    );
}

#[test]
fn a_folder_without_a_manifest_and_a_broken_manifest() {
    let dir = tempfile::tempdir().unwrap();
    rejects(dir.path(), "folder without a bill.toml");
    write(dir.path(), "bill.toml", b"id = \"x\"\njurisdiction = \n");
    rejects(dir.path(), "bill.toml:2:");
}

#[test]
fn truncated_bills_parse_as_far_as_they_go() {
    let (Some(txt), Some(html)) = (corpus("sb1047-2024-enrolled.txt"), corpus("sb1047-2024-enrolled.html")) else {
        return;
    };
    let full = open(&txt);
    let full_paths: Vec<String> = full.body.walk().map(|p| p.path.clone()).collect();
    let dir = tempfile::tempdir().unwrap();
    for (src, frac) in [(&txt, 0.6), (&html, 0.8)] {
        let bytes = std::fs::read(src).unwrap();
        let mut cut = (bytes.len() as f64 * frac) as usize;
        while std::str::from_utf8(&bytes[..cut]).is_err() {
            cut -= 1;
        }
        let name = format!("truncated.{}", src.extension().unwrap().to_string_lossy());
        let p = write(dir.path(), &name, &bytes[..cut]);
        let out = billdiff().arg("outline").arg(&p).output().unwrap();
        assert!(out.status.success(), "{name}");
        let part = open(&p);
        let paths: Vec<String> = part.body.walk().map(|p| p.path.clone()).collect();
        assert!(
            paths.len() > 50 && paths.len() < full_paths.len(),
            "{name}: {}",
            paths.len()
        );
        assert_eq!(
            &full_paths[..paths.len()],
            &paths[..],
            "{name}: a prefix of the full tree"
        );
    }
    // Cut before the first section: a header without a bill.
    let bytes = std::fs::read(&txt).unwrap();
    let p = write(dir.path(), "header-only.txt", &bytes[..3000]);
    rejects(&p, "not a bill");
}

#[test]
fn ten_megabyte_inputs() {
    let dir = tempfile::tempdir().unwrap();
    // 10 MB of prose that is not a bill.
    let words = "the quick brown fox jumps over a lazy dog and (a) keeps going\n";
    let prose = words.repeat(10 * 1024 * 1024 / words.len() + 1);
    rejects(&write(dir.path(), "prose.txt", prose.as_bytes()), "not a bill");
    // Over the size limit.
    let huge = vec![b'x'; (billdiff::ingest::MAX_INPUT_BYTES + 1) as usize];
    rejects(&write(dir.path(), "huge.txt", &huge), "over the");
    // 10 MB of bill: SB 1047 over and over. It parses; repeats are cited as path~N and reported.
    let Some(txt) = corpus("sb1047-2024-enrolled.txt") else {
        return;
    };
    let one = std::fs::read_to_string(&txt).unwrap();
    let body = &one[one.find("SECTION 1.").unwrap()..];
    let mut big = one.clone();
    while big.len() < 10 * 1024 * 1024 {
        big.push_str("\n\n");
        big.push_str(body);
    }
    let p = write(dir.path(), "big.txt", big.as_bytes());
    let bill = open(&p);
    let copies = (big.len() - one.len()) / body.len() + 1;
    assert_eq!(bill.body.provisions.len(), 8 * copies);
    assert!(bill.body.find("22602~2(e)(1)(B)(i)(II)").is_some());
    assert!(!bill.warnings.is_empty());
    let out = billdiff()
        .args(["outline", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
}

/// Pages nested 200,000 levels deep (once a stack overflow, exit 134): one line, exit 2, at once.
#[test]
fn deeply_nested_pages_are_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    for tag in ["span", "div"] {
        let page = format!(
            "<html><body><div id=\"bill_all\">SECTION 1. {}x{}</div></body></html>",
            format!("<{tag}>").repeat(200_000),
            format!("</{tag}>").repeat(200_000)
        );
        let p = write(dir.path(), &format!("nested-{tag}.html"), page.as_bytes());
        rejects(&p, "nested deeper than 1000 levels");
    }
}

/// A PDF glyph placed at x = 10^10 (found by the `bill_pdf` fuzz target: a mutated Texas print sat in the
/// line-numbered-print reader for minutes): its line was padded with a space per column up to its
/// position, billions of them. It is placed at the layout's last column instead, and the page reads.
#[test]
fn a_glyph_placed_far_off_the_page_is_not_padded_out_to_it() {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
    let mut pdf = Pdf::new();
    pdf.catalog(Ref::new(1)).pages(Ref::new(2));
    pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
    let mut page = pdf.page(Ref::new(3));
    page.media_box(Rect::new(0.0, 0.0, 612.0, 792.0))
        .parent(Ref::new(2))
        .contents(Ref::new(4));
    page.resources().fonts().pair(Name(b"F1"), Ref::new(5));
    page.finish();
    pdf.type1_font(Ref::new(5)).base_font(Name(b"Times-Roman"));
    let mut c = Content::new();
    for (x, y, text) in [
        (72.0, 700.0, "SECTION 1. The Legislature finds that bills are data."),
        (72.0, 686.0, "SEC. 2. This act takes effect at once."),
        (1.0e10, 686.0, "x"),
    ] {
        c.begin_text()
            .set_font(Name(b"F1"), 11.0)
            .next_line(x, y)
            .show(Str(text.as_bytes()))
            .end_text();
    }
    pdf.stream(Ref::new(4), &c.finish());
    let bytes = pdf.finish();

    let start = std::time::Instant::now();
    let doc = billdiff::ingest::decode("far-glyph.pdf", &bytes, None).expect("the PDF reads");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    let longest = doc.blocks.iter().map(|b| b.text.len()).max().unwrap_or(0);
    assert!(longest < 1000, "a block of {longest} bytes");
    let bill = billdiff::parse::bill(&doc).expect("a bill");
    assert!(bill.body.text.contains("takes effect at once"), "{}", bill.body.text);
}
