//! Line-numbered prints: New York's LBDC pages and plain text, Texas bill PDFs, and a PDF print this test
//! writes itself from a known text, which must read back into the same blocks as the text.

use crate::cli::billdiff;
use crate::support::corpus_dir;
use billdiff::ingest::{self, Document, InputFormat};
use billdiff::model::Bill;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use std::path::{Path, PathBuf};

/// A file of `../shared/corpus/<state>/`, or `None` (loudly) when the corpus is absent.
fn corpus(state: &str, name: &str) -> Option<PathBuf> {
    corpus_dir().map(|d| d.join("..").join(state).join(name))
}

fn read(path: &Path) -> Document {
    ingest::read(path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| b.text.as_str()).collect()
}

/// No block carries page furniture or margin line numbers. Leaked numbers count up a line (about ten
/// words) apart: three bare numbers `n`, `n+1`, `n+2` in a row, each 3 to 20 words after the last.
fn assert_clean(doc: &Document, furniture: &[&str]) {
    for b in &doc.blocks {
        for f in furniture {
            assert!(!b.text.contains(f), "{f:?} left in {:?}", b.text);
        }
        let bare: Vec<(usize, u32)> = b
            .text
            .split_whitespace()
            .enumerate()
            .filter(|(_, w)| w.len() <= 2)
            .filter_map(|(i, w)| Some((i, w.parse().ok()?)))
            .collect();
        let counting = bare.iter().any(|&(i, n)| {
            let next = |from: usize, want: u32| {
                bare.iter()
                    .find(|&&(j, m)| m == want && j > from + 2 && j <= from + 20)
                    .map(|&(j, _)| j)
            };
            next(i, n + 1).and_then(|j| next(j, n + 2)).is_some()
        });
        assert!(!counting, "line numbers left in {:?}", b.text);
        assert_eq!(b.indent, None);
    }
}

#[test]
fn ny_lbdc_page_reads_into_clean_paragraphs() {
    let Some(path) = corpus("ny", "ny-lbdc-s434-2015-gbl-new-section.html") else {
        return;
    };
    let doc = read(&path);
    let t = texts(&doc);
    assert!(t.contains(
        &"Section 1. The general business law is amended by adding a new section 399-ppp to read as follows:"
    ));
    let section = t
        .iter()
        .find(|b| b.starts_with("§ 399-ppp."))
        .expect("the new section's block");
    assert!(
        section.starts_with(
            "§ 399-ppp. Prohibition on provision of deceptive caller identification information. 1. It shall \
             be unlawful for any business entity, in connection with any telecommunications service or VoIP \
             service, to cause any caller identification service to transmit false caller identification \
             information, with the intent to defraud or harass, when making a call to any person within the state."
        ),
        "{section}"
    );
    assert!(t.contains(
        &"(c) \"Caller identification service\" means any service or device designed to provide the user of \
          the service or device with the telephone number of, or other information regarding the origination \
          of, a call made using a telecommunications service or VoIP service. Such term includes automatic \
          number identification services."
    ));
    // Across the page break, in one paragraph; a word broken across lines joined by the document's own
    // spelling. The print's marks are data: the text reads as the bill has it, and the struck matter (a
    // hyphenated word broken inside its strike) is the text before.
    assert!(t.iter().any(|b| b.starts_with(
        "6. to the plaintiffs in an action or proceeding brought by the attorney general under article \
         twenty-two, twenty-two-A,"
    )));
    let before = doc.side(ingest::Side::Before).expect("the print's marks");
    assert!(texts(&before).iter().any(|b| b.starts_with(
        "6. to the plaintiffs in an action or proceeding brought by the attorney-general under articles \
         twenty-two, twenty-two-A,"
    )));
    assert!(
        t.iter()
            .any(|b| b.contains("including caller identification service, is used"))
    );
    assert!(
        t.contains(&"The People of the State of New York, represented in Senate and Assembly, do enact as follows:")
    );
    assert_clean(&doc, &["EXPLANATION", "LBD00375", "S. 434 2", "old law to be omitted"]);
}

#[test]
fn ny_plain_text_print_drops_running_titles_and_joins_words() {
    let Some(path) = corpus("ny", "ny-openleg-plaintext-a3007a-2017.txt") else {
        return;
    };
    let doc = read(&path);
    assert_eq!(doc.format, InputFormat::Text);
    let t = texts(&doc);
    assert!(t.len() > 300, "{} blocks", t.len());
    assert_clean(&doc, &["A. 3007--A"]);
    let act = t.iter().find(|b| b.starts_with("AN ACT to amend")).expect("the title");
    assert!(
        act.contains("monthly premium payments for the Essential Plan (Part C)"),
        "{act}"
    );
    // The title runs over several pages; a running title between them does not split it (but see the
    // note in `ingest::print` on the first page's legend).
    assert!(
        t.iter()
            .any(|b| b.contains("encouraging comprehensive health services, in relation to the effectiveness")),
        "{t:#?}"
    );
    assert!(
        t.iter()
            .any(|b| b.starts_with("Section 1. This act enacts into law major components of legislation"))
    );
    assert!(
        t.iter()
            .any(|b| b.contains("EXCEPT IN ACCORDANCE WITH PROPER JUDICIAL ORDER"))
    );
}

#[test]
fn tx_pdfs_read_as_prints() {
    let cases = [
        ("tx-89r-hb100-introduced.pdf", "Sec. 31.024.", "H.B. No. 100", "89R1523"),
        ("tx-89r-hb101-filed.pdf", "Sec. 437.311.", "H.B. No. 101", "As Received"),
    ];
    for (name, code_section, running_title, footer) in cases {
        let Some(path) = corpus("tx", name) else { return };
        let started = std::time::Instant::now();
        let doc = read(&path);
        eprintln!("{name}: read in {:?}", started.elapsed());
        assert_eq!(doc.format, InputFormat::Pdf);
        let t = texts(&doc);
        assert!(t.iter().any(|b| b.starts_with("SECTION 1. ")), "{name}: {t:#?}");
        assert!(t.iter().any(|b| b.starts_with(code_section)), "{name}: {t:#?}");
        assert!(
            t.contains(&"BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF TEXAS:"),
            "{name}"
        );
        // The running title is kept once, in the header of the first page, and nowhere in the body.
        let with_title = t.iter().filter(|b| b.contains(running_title)).count();
        assert_eq!(with_title, 1, "{name}: {t:#?}");
        assert!(t[0].contains(running_title), "{name}: {}", t[0]);
        // No filler glyphs where the print has spaces.
        for b in &t {
            assert!(
                !b.contains("AA") && !b.contains("SECTIONA") && !b.contains("Sec.A"),
                "{name}: {b}"
            );
        }
        assert_clean(&doc, &[footer]);
    }
    let Some(path) = corpus("tx", "tx-89r-hb100-introduced.pdf") else {
        return;
    };
    let doc = read(&path);
    assert!(texts(&doc).contains(
        &"Sec. 31.024. LIMITATION ON THE ADOPTION AND USE OF INSTRUCTIONAL MATERIAL. A school district may not \
          adopt or otherwise use instructional material included on the list of rejected instructional materials \
          maintained by the State Board of Education under Section 31.022(a)."
    ));
    assert!(texts(&doc).contains(&"SECTION 5. This Act applies beginning with the 2025-2026 school year."));
}

// ---- A print written by the test -------------------------------------------------------------------

/// One printed line.
enum Printed {
    /// A numbered line of the body: its number, whether it opens a paragraph, its text.
    Numbered(u32, bool, String),
    /// A line of the title pages.
    Title(String),
    /// The space between two title paragraphs.
    Gap,
}

const LINES_PER_PAGE: usize = 24;
const TITLE_LINES_PER_PAGE: usize = 36;
const WIDTH: usize = 70;

/// Wrap a paragraph at `WIDTH` columns. In the body, a long lowercase word that does not fit is
/// hyphenated across the line end, as a print does.
fn wrap(text: &str, hyphenate: bool) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("a line");
        let room = WIDTH.saturating_sub(line.len() + 1);
        if line.is_empty() || word.len() <= room {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        let breakable = word.len() >= 9 && word.bytes().all(|b| b.is_ascii_lowercase());
        if hyphenate && breakable && room >= 5 {
            let cut = (room - 1).min(word.len() - 4);
            line.push(' ');
            line.push_str(&word[..cut]);
            line.push('-');
            lines.push(word[cut..].to_string());
        } else {
            lines.push(word.to_string());
        }
    }
    lines
}

/// The print's pages: the blocks before `SECTION 1.` as title pages (broken between paragraphs), the
/// rest as numbered lines, `LINES_PER_PAGE` to a page.
fn paginate(blocks: &[&str]) -> Vec<Vec<Printed>> {
    let first = blocks
        .iter()
        .position(|b| b.starts_with("SECTION 1."))
        .expect("SECTION 1.");
    let mut pages: Vec<Vec<Printed>> = vec![Vec::new()];
    for b in &blocks[..first] {
        let lines = wrap(b, false);
        let used = pages.last().map_or(0, Vec::len);
        if used > 0 && used + lines.len() + 1 > TITLE_LINES_PER_PAGE {
            pages.push(Vec::new());
        }
        let page = pages.last_mut().expect("a page");
        if !page.is_empty() {
            page.push(Printed::Gap);
        }
        page.extend(lines.into_iter().map(Printed::Title));
    }
    pages.push(Vec::new());
    let mut n = 0;
    for b in &blocks[first..] {
        for (k, line) in wrap(b, true).into_iter().enumerate() {
            if n == LINES_PER_PAGE {
                pages.push(Vec::new());
                n = 0;
            }
            n += 1;
            pages
                .last_mut()
                .expect("a page")
                .push(Printed::Numbered(n as u32, k == 0, line));
        }
    }
    pages
}

const RUNNING_TITLE: &str = "SB 53 Chaptered";

/// The print as plain text: LBDC's layout (number right-aligned, two more spaces opening a paragraph).
fn print_text(pages: &[Vec<Printed>]) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push_str(&format!("        {RUNNING_TITLE}{:>40}\n\n", i + 1));
        }
        for line in page {
            match line {
                Printed::Numbered(n, opens, text) => {
                    out.push_str(&format!("{n:>6}  {}{text}\n", if *opens { "  " } else { "" }))
                }
                Printed::Title(text) => out.push_str(&format!("        {text}\n")),
                Printed::Gap => out.push('\n'),
            }
        }
        out.push_str(&format!("\n{:>40}\n", i + 1));
    }
    out
}

/// WinAnsiEncoding, for what the bill's text holds.
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            _ => panic!("no WinAnsi code for {c:?}"),
        })
        .collect()
}

/// Width of digits in Times-Roman (every digit is 500 units).
fn digits_width(n: u32, size: f32) -> f32 {
    n.to_string().len() as f32 * 0.5 * size
}

/// The print as a PDF: Times-Roman, numbers right-aligned in the margin, paragraphs indented, a running
/// title on every page after the first and the page number at the foot.
fn print_pdf(pages: &[Vec<Printed>]) -> Vec<u8> {
    let (page_w, page_h, size, leading) = (612.0, 792.0, 11.0, 14.0);
    let mut pdf = Pdf::new();
    let (catalog, tree, font) = (Ref::new(1), Ref::new(2), Ref::new(3));
    let page_ids: Vec<Ref> = (0..pages.len()).map(|i| Ref::new(10 + 2 * i as i32)).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages.len() as i32);
    pdf.type1_font(font)
        .base_font(Name(b"Times-Roman"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (i, lines) in pages.iter().enumerate() {
        let content_id = Ref::new(page_ids[i].get() + 1);
        let mut page = pdf.page(page_ids[i]);
        page.media_box(Rect::new(0.0, 0.0, page_w, page_h));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(Name(b"F1"), font);
        page.finish();
        let mut c = Content::new();
        let put = |c: &mut Content, x: f32, y: f32, text: &str| {
            c.begin_text()
                .set_font(Name(b"F1"), size)
                .next_line(x, y)
                .show(Str(&win_ansi(text)))
                .end_text();
        };
        if i > 0 {
            put(&mut c, 72.0, page_h - 40.0, RUNNING_TITLE);
            let n = (i + 1) as u32;
            put(&mut c, 540.0 - digits_width(n, size), page_h - 40.0, &n.to_string());
        }
        let mut y = page_h - 80.0;
        for line in lines {
            match line {
                Printed::Numbered(n, opens, text) => {
                    put(&mut c, 60.0 - digits_width(*n, size), y, &n.to_string());
                    put(&mut c, if *opens { 86.0 } else { 72.0 }, y, text);
                }
                Printed::Title(text) => put(&mut c, 72.0, y, text),
                Printed::Gap => {}
            }
            y -= leading;
        }
        put(&mut c, page_w / 2.0, 40.0, &(i + 1).to_string());
        pdf.stream(content_id, &c.finish());
    }
    pdf.finish()
}

fn bill(doc: &Document) -> Bill {
    billdiff::parse::bill(doc).unwrap_or_else(|e| panic!("{}: {e}", doc.source_name))
}

#[test]
fn a_pdf_print_reads_back_as_its_text() {
    let Some(path) = corpus("ca", "sb53-2025-chaptered.txt") else {
        return;
    };
    let original = std::fs::read(&path).expect("SB 53 reads");
    let text_doc = ingest::decode("sb53.txt", &original, None).expect("the text decodes");
    let pages = paginate(&texts(&text_doc));
    assert!(pages.len() > 10, "{} pages", pages.len());
    let printed = print_text(&pages);
    assert!(printed.contains("-\n"), "the print hyphenates a word at a line end");

    // The same print, as text and as PDF: both read back into the text's blocks.
    let from_text = ingest::decode("sb53-print.txt", printed.as_bytes(), None).expect("the print decodes");
    assert_eq!(texts(&from_text), texts(&text_doc));
    let pdf = print_pdf(&pages);
    let from_pdf = ingest::decode("sb53-print.pdf", &pdf, None).expect("the PDF decodes");
    assert_eq!(from_pdf.format, InputFormat::Pdf);
    assert_eq!(texts(&from_pdf), texts(&text_doc));
    assert_eq!(bill(&from_pdf).body, bill(&text_doc).body);
    assert_eq!(bill(&from_pdf).meta, bill(&text_doc).meta);
}

// ---- Bad PDFs --------------------------------------------------------------------------------------

/// A one-page PDF with a drawing and no text.
/// A one-page PDF drawing `content` (objects 1 to 4).
fn one_page(content: &[u8]) -> Pdf {
    let mut pdf = Pdf::new();
    pdf.catalog(Ref::new(1)).pages(Ref::new(2));
    pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
    pdf.page(Ref::new(3))
        .media_box(Rect::new(0.0, 0.0, 612.0, 792.0))
        .parent(Ref::new(2))
        .contents(Ref::new(4));
    pdf.stream(Ref::new(4), content);
    pdf
}

fn pdf_without_text() -> Vec<u8> {
    let mut c = Content::new();
    c.rect(72.0, 72.0, 200.0, 100.0).fill_nonzero();
    one_page(&c.finish()).finish()
}

/// A PDF whose page draws a form that draws the next form twenty times, seven deep: 20^7 runs of the last
/// form, within the nesting limit. Read naively it never ends.
fn pdf_of_forms_drawing_forms() -> Vec<u8> {
    let mut pdf = Pdf::new();
    pdf.catalog(Ref::new(1)).pages(Ref::new(2));
    pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
    {
        let mut page = pdf.page(Ref::new(3));
        page.media_box(Rect::new(0.0, 0.0, 612.0, 792.0))
            .parent(Ref::new(2))
            .contents(Ref::new(4));
        page.resources().x_objects().pair(Name(b"X"), Ref::new(10));
    }
    pdf.stream(Ref::new(4), b"/X Do");
    for k in 0..7 {
        let body = if k < 6 {
            "/X Do ".repeat(20)
        } else {
            "BT ET".to_string()
        };
        let mut form = pdf.form_xobject(Ref::new(10 + k), body.as_bytes());
        form.bbox(Rect::new(0.0, 0.0, 612.0, 792.0));
        if k < 6 {
            form.resources().x_objects().pair(Name(b"X"), Ref::new(11 + k));
        }
    }
    pdf.finish()
}

/// A PDF whose trailer names an encryption dictionary no empty password opens.
fn encrypted_pdf() -> Vec<u8> {
    let mut pdf = one_page(b"BT /F1 12 Tf 72 700 Td (secret) Tj ET");
    pdf.indirect(Ref::new(5))
        .dict()
        .pair(Name(b"Filter"), Name(b"Standard"))
        .pair(Name(b"V"), 1)
        .pair(Name(b"R"), 2)
        .pair(Name(b"O"), Str(&[7u8; 32]))
        .pair(Name(b"U"), Str(&[9u8; 32]))
        .pair(Name(b"P"), -4);
    let bytes = pdf.finish();
    // The trailer follows the cross-reference table, so adding to it moves no object.
    let at = bytes.windows(7).rposition(|w| w == b"trailer").expect("a trailer") + 7;
    let open = at + bytes[at..].iter().position(|&b| b == b'<').expect("<<") + 2;
    let mut out = bytes[..open].to_vec();
    out.extend_from_slice(
        b"\n  /Encrypt 5 0 R\n  /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
    );
    out.extend_from_slice(&bytes[open..]);
    out
}

#[test]
fn bad_pdfs_are_typed_errors() {
    use billdiff::error::{Error, PdfProblem};
    let problem = |bytes: &[u8]| match ingest::decode("x.pdf", bytes, None) {
        Err(Error::Pdf { problem, .. }) => problem,
        other => panic!("expected a PDF error, got {other:?}"),
    };
    assert!(matches!(
        problem(b"%PDF-1.4\n\x00\x01 this is no PDF at all \xff\xfe"),
        PdfProblem::Unreadable { .. }
    ));
    assert_eq!(problem(&pdf_without_text()), PdfProblem::NoText);
    assert_eq!(problem(&encrypted_pdf()), PdfProblem::Encrypted);
    assert!(matches!(
        problem(&pdf_of_forms_drawing_forms()),
        PdfProblem::TooComplex { .. }
    ));
    // Forced, any bytes are read as PDF, and fail as one.
    assert!(matches!(
        ingest::decode("x.txt", b"SECTION 1. Text.", Some(InputFormat::Pdf)),
        Err(Error::Pdf { .. })
    ));
}

#[test]
fn bad_pdfs_are_one_line_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("junk.pdf", b"%PDF-1.4\njunk junk junk\n".to_vec(), "not a readable PDF"),
        ("scan.pdf", pdf_without_text(), "no text"),
        ("locked.txt", encrypted_pdf(), "encrypted"),
    ];
    for (name, bytes, needle) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = billdiff().arg("outline").arg(&path).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: one line: {err}");
        assert!(err.contains(needle), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}
