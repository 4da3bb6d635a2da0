//! The real bills: SB 1047 enrolled (leginfo HTML and text) and SB 53 (four versions, chaptered text).

use crate::support::{corpus, corpus_files, library_files, open};
use billdiff::model::{Bill, House, Provision, ProvisionKind, Stage};

fn paths_of(bill: &Bill, kind: ProvisionKind) -> Vec<String> {
    bill.body
        .walk()
        .filter(|p| p.kind == kind)
        .map(|p| p.path.clone())
        .collect()
}

fn sb1047_checks(bill: &Bill) {
    assert_eq!(
        paths_of(bill, ProvisionKind::BillSection),
        [
            "SEC. 1", "SEC. 2", "SEC. 3", "SEC. 4", "SEC. 5", "SEC. 6", "SEC. 7", "SEC. 8"
        ]
    );
    assert_eq!(
        paths_of(bill, ProvisionKind::CodeSection),
        [
            "22602",
            "22603",
            "22604",
            "22606",
            "22607",
            "22608",
            "22609",
            "11547.6",
            "11547.6.1"
        ]
    );
    let codes: Vec<Option<&str>> = bill
        .body
        .walk()
        .filter(|p| p.kind == ProvisionKind::CodeSection)
        .map(|p| p.code.as_deref())
        .collect();
    assert_eq!(&codes[..7], &[Some("Business and Professions Code"); 7]);
    assert_eq!(&codes[7..], &[Some("Government Code"); 2]);
    let s22602 = bill.body.find("22602").expect("22602");
    let subdivisions: Vec<&str> = s22602.children.iter().map(|c| c.num.as_str()).collect();
    assert_eq!(
        subdivisions,
        "abcdefghijklmno".chars().map(|c| c.to_string()).collect::<Vec<_>>()
    );
    assert!(s22602.children.iter().all(|c| c.kind == ProvisionKind::Subdivision));
    let p = bill.body.find("22602(e)(1)(B)(i)(II)").expect("22602(e)(1)(B)(i)(II)");
    assert_eq!(p.kind, ProvisionKind::Subclause);
    assert!(
        p.text
            .starts_with("An artificial intelligence model created by fine-tuning a covered model"),
        "{}",
        p.text
    );
    // Several labels open one paragraph: (e) has no text of its own, (1) has the definition.
    assert_eq!(bill.body.find("22602(e)").unwrap().text, "");
    assert!(
        bill.body
            .find("22602(e)(1)")
            .unwrap()
            .text
            .starts_with("“Covered model” means")
    );
    // The (i) after (h) is a subdivision, not a clause.
    assert_eq!(bill.body.find("22602(i)").unwrap().kind, ProvisionKind::Subdivision);
    assert!(
        bill.body
            .find("22602(i)")
            .unwrap()
            .text
            .starts_with("“Developer” means")
    );
    // Meaning is kept, presentation noise is folded.
    let e1ai = &bill.body.find("22602(e)(1)(A)(i)").unwrap().text;
    assert!(
        e1ai.contains("greater than 10^26 integer or floating-point operations"),
        "{e1ai}"
    );
    assert!(e1ai.contains("($100,000,000)"));
    assert!(!bill.body.text.contains('\u{a0}'));

    let h = &bill.meta.history;
    assert_eq!(h.len(), 1 + 2 + 10 + 1, "{h:?}");
    assert_eq!(
        (h[0].stage, h[0].date.to_string()),
        (Stage::Enrolled, "2024-09-03".to_string())
    );
    assert_eq!(h.iter().filter(|e| e.stage == Stage::Passed).count(), 2);
    assert_eq!(h[1].house, Some(House::Senate));
    assert_eq!(h[2].house, Some(House::Assembly));
    assert_eq!(h.iter().filter(|e| e.stage == Stage::Amended).count(), 10);
    let last = h.last().unwrap();
    assert_eq!(
        (last.stage, last.date.to_string()),
        (Stage::Introduced, "2024-02-07".to_string())
    );
    assert_eq!(bill.meta.measure.as_ref().unwrap().to_string(), "SB 1047");
    assert_eq!(bill.meta.session.as_deref(), Some("2023–2024 Regular Session"));
    assert_eq!(bill.meta.authors, ["Senator Wiener"]);
    assert!(
        bill.meta
            .title
            .as_deref()
            .unwrap()
            .starts_with("An act to add Chapter 22.6")
    );
    let digest = bill.digest.as_ref().expect("digest");
    assert_eq!(digest.paragraphs.len(), 9);
    assert!(digest.paragraphs[0].starts_with("Existing law requires the Secretary of Government Operations"));
    // The digest is not operative text.
    assert!(!bill.body.text.contains("This bill would"));
    let a = bill.body.find("SEC. 3").unwrap().action.as_ref().unwrap();
    assert_eq!(a.target, "Chapter 22.6 (commencing with Section 22602)");
    assert_eq!(a.code.as_deref(), Some("Business and Professions Code"));
    assert!(bill.warnings.is_empty(), "{:?}", bill.warnings);
}

#[test]
fn sb1047_from_html() {
    let Some(p) = corpus("sb1047-2024-enrolled.html") else {
        return;
    };
    sb1047_checks(&open(&p));
}

#[test]
fn sb1047_from_text() {
    let Some(p) = corpus("sb1047-2024-enrolled.txt") else {
        return;
    };
    sb1047_checks(&open(&p));
}

/// The tree as data that does not depend on the input form.
fn shape(ps: &[Provision]) -> Vec<(String, ProvisionKind, String, String, usize)> {
    let mut out = Vec::new();
    fn go(ps: &[Provision], out: &mut Vec<(String, ProvisionKind, String, String, usize)>) {
        for p in ps {
            out.push((
                p.path.clone(),
                p.kind,
                p.label.clone(),
                p.text.clone(),
                p.children.len(),
            ));
            go(&p.children, out);
        }
    }
    go(ps, &mut out);
    out
}

#[test]
fn html_and_text_give_the_same_tree() {
    let (Some(h), Some(t)) = (corpus("sb1047-2024-enrolled.html"), corpus("sb1047-2024-enrolled.txt")) else {
        return;
    };
    let (h, t) = (open(&h), open(&t));
    let (sh, st) = (shape(&h.body.provisions), shape(&t.body.provisions));
    assert_eq!(sh.len(), st.len());
    for (a, b) in sh.iter().zip(&st) {
        assert_eq!(a, b);
    }
    assert_eq!(h.body, t.body);
    assert_eq!(h.meta, t.meta);
    assert_eq!(h.digest, t.digest);
}

#[test]
fn sb53_chaptered_text_and_markdown_agree() {
    let (Some(m), Some(t)) = (
        corpus("sb53-2025-chaptered-from-annotated.md"),
        corpus("sb53-2025-chaptered.txt"),
    ) else {
        return;
    };
    let (m, t) = (open(&m), open(&t));
    let strip = |v: Vec<(String, ProvisionKind, String, String, usize)>| {
        v.into_iter()
            // The transcription prints "SECTION N." where the official text has "SEC. N.".
            .map(|(p, k, l, x, n)| (p, k, l.replace("SECTION", "SEC."), x, n))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(shape(&m.body.provisions)), strip(shape(&t.body.provisions)));
    assert_eq!(t.meta.measure.as_ref().unwrap().to_string(), "SB 53");
    assert_eq!(t.meta.chapter.as_deref(), Some("138"));
    assert!(t.digest.is_some() && m.digest.is_none());
}

#[test]
fn sb53_versions_parse_cleanly() {
    for name in [
        "sb53-2025-07-08-amended-asm.md",
        "sb53-2025-07-17-amended-asm.md",
        "sb53-2025-09-02-amended-asm.md",
        "sb53-2025-chaptered-from-annotated.md",
        "sb53-2025-chaptered.txt",
    ] {
        let Some(p) = corpus(name) else { return };
        let bill = open(&p);
        assert!(bill.warnings.is_empty(), "{name}: {:?}", bill.warnings);
        let secs = paths_of(&bill, ProvisionKind::CodeSection);
        assert!(
            secs.contains(&"22757.11".to_string()) && secs.contains(&"1107".to_string()),
            "{name}: {secs:?}"
        );
        assert!(secs.contains(&"11546.8".to_string()), "{name}: {secs:?}");
        assert_eq!(
            bill.body.find("1107").unwrap().code.as_deref(),
            Some("Labor Code"),
            "{name}"
        );
        assert_eq!(
            bill.body.find("1107").unwrap().text,
            "For purposes of this chapter:",
            "{name}"
        );
        // Indented subparagraphs land under their paragraph.
        let c = bill.body.find("22757.11(c)").unwrap();
        assert!(!c.children.is_empty(), "{name}");
    }
    let Some(p) = corpus("sb53-2025-chaptered.txt") else {
        return;
    };
    let bill = open(&p);
    let e = bill.body.find("22757.11(e)").unwrap();
    assert_eq!(e.children.len(), 2);
    assert!(
        e.children[0]
            .text
            .starts_with("“Deploy” means to make a frontier model available")
    );
    assert!(e.children[1].text.starts_with("“Deploy” does not include"));
    let sec6 = bill.body.find("SEC. 6").unwrap();
    assert_eq!(sec6.children[0].path, "SEC. 6¶2");
    assert!(
        sec6.children[0]
            .text
            .starts_with("Information in critical safety incident reports")
    );
}

/// Every character of body text belongs to exactly one provision, and each provision's segment is its
/// label, its text and a separator — for every bill in bills/ and in the corpus.
#[test]
fn spans_tile_the_body_text() {
    // The smallest a real text's tree can be: the California bills have hundreds of provisions, the
    // CAML files (SB 2's introduced version is 9 KB) a dozen or more.
    // The other styles' bills in the library are smaller (H.R. 9025 names a post office in 3 provisions).
    let files: Vec<(_, usize)> = corpus_files()
        .into_iter()
        .map(|f| (f, 100))
        .chain(library_files().into_iter().map(|f| {
            // SB 2 (1999) in CAML is as small as the corpus's CAML files.
            let caml = f.extension().is_some_and(|x| x == "xml");
            let floor = if caml {
                10
            } else if is_california(&f) {
                100
            } else {
                2
            };
            (f, floor)
        }))
        .chain(crate::support::caml_files().into_iter().map(|f| (f, 10)))
        .collect();
    for (f, floor) in files {
        let bill = open(&f);
        let text = &bill.body.text;
        let mut covered = vec![0u32; text.len()];
        let mut n = 0;
        for p in bill.body.walk() {
            n += 1;
            for c in &mut covered[p.span.start..p.span.end] {
                *c += 1;
            }
            let seg = &text[p.span.start..p.span.end];
            let sep = if p.label.is_empty() || p.text.is_empty() {
                ""
            } else {
                " "
            };
            let own = format!("{}{sep}{}", p.label, p.text);
            assert!(
                seg.starts_with(&own),
                "{}: {}: segment {seg:?} does not start with {own:?}",
                f.display(),
                p.path
            );
            assert!(
                matches!(&seg[own.len()..], "" | " " | "\n"),
                "{}: {}: unowned text after the provision: {:?}",
                f.display(),
                p.path,
                &seg[own.len()..]
            );
        }
        assert!(n > floor, "{}: only {n} provisions", f.display());
        if let Some(i) = covered.iter().position(|&c| c != 1) {
            panic!(
                "{}: byte {i} covered {} times: {:?}",
                f.display(),
                covered[i],
                &text[i.saturating_sub(20)..]
            );
        }
    }
}

/// Whether a library or corpus file is one of the California bills.
fn is_california(f: &std::path::Path) -> bool {
    let s = f.display().to_string();
    s.contains("/bills/ca-") || s.contains("/corpus/ca/")
}

/// The words of the source from "SECTION 1." on, with Markdown syntax removed.
fn source_words(path: &std::path::Path) -> Vec<String> {
    let raw = std::fs::read_to_string(path).unwrap();
    let start = raw.find("SECTION 1.").expect("SECTION 1.");
    raw[start..]
        .replace("&nbsp;", " ")
        .replace("**", "")
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c == '#'))
        .map(str::to_string)
        .collect()
}

/// No unparsed remainder: the body text holds exactly the words of the source's operative text, in order.
/// (The HTML page is covered by `html_and_text_give_the_same_tree`.)
#[test]
fn body_text_holds_every_word_of_the_source() {
    for f in corpus_files().into_iter().chain(library_files()) {
        // Pages and PDFs are covered by their own tests (`html_and_text_give_the_same_tree`, `tests/print.rs`);
        // this reads the California texts' words from "SECTION 1." on.
        if !matches!(f.extension().and_then(|e| e.to_str()), Some("txt" | "md")) || !is_california(&f) {
            continue;
        }
        let bill = open(&f);
        let body: Vec<&str> = bill.body.text.split_whitespace().collect();
        let source = source_words(&f);
        if let Some(i) =
            (0..body.len().max(source.len())).find(|&i| body.get(i).copied() != source.get(i).map(String::as_str))
        {
            panic!(
                "{}: word {i} differs: body {:?} vs source {:?}",
                f.display(),
                &body[i.saturating_sub(3)..(i + 3).min(body.len())],
                &source[i.saturating_sub(3)..(i + 3).min(source.len())]
            );
        }
    }
}

/// The outline of every corpus bill, reviewed: a change in the tree shows up here.
#[test]
fn outline_snapshots() {
    for f in corpus_files() {
        let bill = open(&f);
        let name = f.file_name().unwrap().to_string_lossy().replace('.', "-");
        let text = billdiff::render::outline::text(&bill, billdiff::render::Style::default());
        insta::assert_snapshot!(format!("outline-{name}"), text);
    }
}

/// The canonical body text, read back as plain text, gives the same tree: the proposal engine amends the
/// body text and re-parses it, so this round trip must hold for every bill.
#[test]
fn body_text_reparses_to_the_same_tree() {
    for f in corpus_files().into_iter().chain(library_files()) {
        let bill = open(&f);
        let doc = billdiff::ingest::decode(
            "body",
            bill.body.text.as_bytes(),
            Some(billdiff::ingest::InputFormat::Text),
        )
        .unwrap();
        // Read in the bill's own style and kind, as the proposal engine reads an amended body.
        let again = billdiff::parse::reparsed(&bill, &doc);
        assert_eq!(again.body, bill.body, "{}", f.display());
        assert_eq!(
            again.warnings,
            bill.warnings,
            "{}: the round trip adds or loses warnings",
            f.display()
        );
    }
}

/// Every cross-reference in the built-in bills points at a provision that exists (SB 1047 cites its own
/// provisions 49 times).
#[test]
fn cross_references_resolve() {
    // The citation grammar is California's ("paragraph (1) of subdivision (e) of Section 22603").
    for f in library_files().into_iter().filter(|f| is_california(f)) {
        let bill = open(&f);
        let refs = billdiff::parse::xref::references(&bill);
        // A citation per 500 words at least, up to 20: SB 2's introduced version (463 words) cites one
        // provision, its second (1,935 words) ten, the AI bills dozens.
        let floor = (bill.body.text.split_whitespace().count() / 500).min(20);
        assert!(refs.len() >= floor.max(1), "{}: {} references", f.display(), refs.len());
        let missing: Vec<_> = refs.iter().filter(|r| !r.exists).collect();
        assert!(missing.is_empty(), "{}: {missing:?}", f.display());
    }
    let Some(p) = corpus("sb1047-2024-enrolled.txt") else {
        return;
    };
    let refs = billdiff::parse::xref::references(&open(&p));
    assert_eq!(refs.len(), 49);
    // "subdivision (e)" in 22602(i) is the covered-model definition.
    assert!(refs.iter().any(|r| r.from == "22602(i)" && r.target == "22602(e)"));
}
