//! Comment letters: every format of the example letter, read back; the text form's limit; bad letters.

use crate::cli::billdiff;
use crate::support::root;
use billdiff::redline::Op;
use std::path::{Path, PathBuf};

const LETTER: &str = "bills/ca-sb1047/letters/oppose-unless-amended.toml";

fn render(format: &str, dir: &Path) -> PathBuf {
    let out = dir.join(format!("letter.{format}"));
    let r = billdiff().args(["comment", LETTER, "-o"]).arg(&out).output().unwrap();
    assert!(r.status.success(), "{format}: {}", String::from_utf8_lossy(&r.stderr));
    assert!(out.is_file());
    out
}

/// The letter's content, as the CLI's `comment` gets it (`pipeline::letter_file`), to know what every
/// format must carry.
fn content() -> billdiff::letter::Content {
    billdiff::pipeline::letter_file(&root().join(LETTER), &crate::terms::glossary()).unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_example_letter_renders_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["md", "html", "txt", "pdf", "docx"] {
        render(f, dir.path());
    }
    let html = std::fs::read_to_string(dir.path().join("letter.html")).unwrap();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&html, opts).expect("well-formed HTML");
    assert!(html.contains("OPPOSE UNLESS AMENDED") && html.contains("<del class=\"del\">"));
}

#[test]
fn the_pdf_carries_bill_version_stance_amendments_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render("pdf", dir.path());
    let text = squash(&pdf_extract::extract_text(&pdf).expect("the PDF reads back"));
    let c = content();
    for needle in [
        "SB 1047",
        "September 3, 2024",
        "OPPOSE UNLESS AMENDED",
        "Example Open Models Coalition",
        "Page 1 of",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the PDF");
    }
    let (_, outcome) = c.proposal.as_ref().unwrap();
    let list = billdiff::redline::amendments::amendments(&outcome.redline);
    assert_eq!(list.len(), 10);
    for a in &list {
        let words = squash(&billdiff::render::redline::amendment(a));
        // The amendment's number and its opening words (up to the first quotation).
        let head: String = words.split(" [").next().unwrap().chars().take(60).collect();
        assert!(
            text.contains(&format!("Amendment {} —", a.number)),
            "amendment {}",
            a.number
        );
        assert!(
            text.contains(head.split_once("— ").map_or(&head[..], |(_, h)| h)),
            "amendment {}: {head:?}",
            a.number
        );
    }
    assert!(c.notes.len() >= 9);
    for n in &c.notes {
        let start: String = squash(&n.rationale).chars().take(50).collect();
        assert!(text.contains(&format!("[{}]", n.number)), "note {}", n.number);
        assert!(text.contains(&start), "note {}: {start:?}", n.number);
    }
    // The redline's words are there too: struck and inserted alike.
    assert!(
        text.contains("“Covered modelsystem” means") || text.contains("“Covered model system” means"),
        "redline in the PDF"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn the_docx_has_the_redline_as_tracked_changes() {
    let dir = tempfile::tempdir().unwrap();
    let docx = render("docx", dir.path());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).expect("a zip package");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("document.xml is XML");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let texts = |tag: &str, text_tag: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.tag_name().name() == tag && n.tag_name().namespace() == Some(w))
            .map(|n| {
                n.descendants()
                    .filter(|t| t.tag_name().name() == text_tag)
                    .filter_map(|t| t.text())
                    .collect::<String>()
            })
            .collect()
    };
    let ins = texts("ins", "t");
    let del = texts("del", "delText");
    let c = content();
    let (_, o) = c.proposal.as_ref().unwrap();
    let want_ins: Vec<String> = o
        .redline
        .segments()
        .filter(|s| s.op == Op::Insert)
        .map(|s| s.text.clone())
        .collect();
    let want_del: Vec<String> = o
        .redline
        .segments()
        .filter(|s| s.op == Op::Delete)
        .map(|s| s.text.clone())
        .collect();
    assert_eq!(
        ins, want_ins,
        "every insertion of the redline, in order, as a tracked insertion"
    );
    assert_eq!(del, want_del, "every deletion, as a tracked deletion");
    assert!(ins.contains(&"system".to_string()) && del.contains(&"model".to_string()));
    assert!(xml.contains(billdiff::render::docx::AUTHOR));
}

#[test]
fn the_text_form_fits_a_web_form() {
    let full = billdiff()
        .args(["comment", LETTER, "--format", "txt"])
        .output()
        .unwrap();
    let full = String::from_utf8(full.stdout).unwrap();
    assert!(full.chars().count() > 20_000, "the whole letter is long");
    let signature = full
        .lines()
        .rev()
        .find(|l| l.contains("Prepared with billdiff"))
        .expect("the notice closes the letter")
        .to_string();
    for max in [5000usize, 2500, 1500] {
        let out = billdiff()
            .args(["comment", LETTER, "--format", "txt", "--max-chars", &max.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success());
        let t = String::from_utf8(out.stdout).unwrap();
        let n = t.chars().count();
        assert!(n <= max, "{max}: {n}");
        assert!(n * 10 >= max * 9, "{max}: uses the space it is given ({n})");
        assert!(
            t.contains(&format!("Shortened to fit {max} characters: left out")),
            "{max}: says what it cut"
        );
        assert!(t.contains("the technical notes"), "{max}");
        assert!(
            t.contains("OPPOSE UNLESS AMENDED") && t.contains("SB 1047"),
            "{max}: the stance and bill"
        );
        assert!(
            t.contains("Respectfully,") && t.contains(&signature),
            "{max}: the closing and signature"
        );
        // Cuts fall between words: what precedes each ellipsis is in the full letter, followed by a space.
        for line in t.lines().filter(|l| l.ends_with('…')) {
            let kept = line.trim_end_matches('…').trim_start_matches("- ");
            assert!(full.contains(&format!("{kept} ")), "{max}: cut mid-word: {line:?}");
        }
        if max == 5000 {
            assert!(
                t.contains("- Amendment 1 — Throughout the bill"),
                "amendments kept: {t}"
            );
            assert!(
                t.contains("We write on behalf of researchers"),
                "the advocate's own words stay"
            );
        }
    }
    // Below what a letter needs (addressee, bill, stance, signature): one line, exit 2, nothing printed.
    let out = billdiff()
        .args(["comment", LETTER, "--format", "txt", "--max-chars", "100"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("too few for this letter") && err.trim_end().lines().count() == 1,
        "{err}"
    );
}

fn rejects(letter: &str, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let lib = root().join("bills/ca-sb1047");
    let file = dir.path().join("bad.toml");
    let letter = letter.replace("BILL", &lib.display().to_string()).replace(
        "PROPOSAL",
        &lib.join("proposals/deployed-systems.toml").display().to_string(),
    );
    std::fs::write(&file, letter).unwrap();
    let out_file = dir.path().join("out.pdf");
    let out = billdiff()
        .arg("comment")
        .arg(&file)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(needle), "{needle:?} not in {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!out_file.exists(), "no output file");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing left behind");
}

const GOOD: &str = r#"date = "2024-09-06"
bill = "BILL"
committee = "Assembly Committee on Privacy and Consumer Protection"
stance = "oppose-unless-amended"
proposal = "PROPOSAL"
paragraphs = ["Our reasons."]
[sender]
name = "A. Person"
[addressee]
name = "The Honorable Chair"
"#;

#[test]
fn bad_letters_fail_cleanly() {
    rejects(&GOOD.replace("bill = \"BILL\"\n", ""), "missing `bill`");
    rejects(
        &GOOD.replace("oppose-unless-amended", "lukewarm"),
        "unknown stance \"lukewarm\"",
    );
    rejects(
        &GOOD.replace("proposal = \"PROPOSAL\"\n", ""),
        "needs the amendments: give `proposal`",
    );
    rejects(
        &GOOD.replace("bill = \"BILL\"", "bill = \"no-such-bill\""),
        "bill \"no-such-bill\" not found",
    );
    rejects(
        &GOOD.replace("[sender]\nname = \"A. Person\"\n", ""),
        "missing [sender]",
    );
    rejects(
        &GOOD.replace("date = \"2024-09-06\"", "date = \"September\""),
        "is not YYYY-MM-DD",
    );
    rejects(
        &GOOD.replace("paragraphs = [\"Our reasons.\"]", "paragraphs = []"),
        "`paragraphs` is empty",
    );
    rejects(&GOOD.replace("stance =", "stanse ="), "unknown field `stanse`");
    // A proposal that fails to apply.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.toml");
    std::fs::write(&p, "title = \"T\"\nsummary = \"S\"\n[[rules]]\nkind = \"rename-term\"\nfrom = \"frontier model\"\nto = \"x\"\nrationale = \"r\"\n").unwrap();
    rejects(
        &GOOD.replace("PROPOSAL", &p.display().to_string()),
        "the bill does not define “frontier model”",
    );
}

const SMALL_LETTER: &str = "tests/data/letters/small-oppose-unless-amended.toml";

/// Every format of a short letter as the CLI and the web page make it (`pipeline::letter_file`, then
/// `render::letter_document`), reviewed whole: Markdown, HTML and text as they are; the PDF as the text it
/// extracts to; the Word file as its tracked changes.
#[test]
fn small_letter_snapshots() {
    use billdiff::render::{LetterFormat, letter_document};
    let content = billdiff::pipeline::letter_file(&root().join(SMALL_LETTER), &crate::terms::glossary()).unwrap();
    for format in LetterFormat::ALL {
        let bytes = letter_document(format, &content, None).unwrap();
        let text = match format {
            LetterFormat::Pdf => {
                let t = pdf_extract::extract_text_from_mem(&bytes).unwrap();
                t.lines()
                    .map(str::trim_end)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            LetterFormat::Docx => tracked_changes(&bytes).join("\n"),
            _ => String::from_utf8(bytes).unwrap(),
        };
        insta::assert_snapshot!(format!("letter-small-{}", format.name()), text);
    }
}

/// A .docx's tracked changes in document order: "inserted: …" and "deleted: …".
fn tracked_changes(docx: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("document.xml is XML");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    doc.descendants()
        .filter(|n| n.tag_name().namespace() == Some(w) && ["ins", "del"].contains(&n.tag_name().name()))
        .map(|n| {
            let (label, text_tag) = if n.tag_name().name() == "ins" {
                ("inserted", "t")
            } else {
                ("deleted", "delText")
            };
            let text: String = n
                .descendants()
                .filter(|t| t.tag_name().name() == text_tag)
                .filter_map(|t| t.text())
                .collect();
            format!("{label}: {text}")
        })
        .collect()
}
