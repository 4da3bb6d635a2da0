//! Invariants over generated input: parsing never panics, and whatever parses has spans that tile.

use billdiff::ingest::{InputFormat, decode};
use billdiff::model::Bill;
use proptest::prelude::*;

fn check_tiling(bill: &Bill) {
    let mut covered = vec![0u8; bill.body.text.len()];
    for p in bill.body.walk() {
        for c in &mut covered[p.span.start..p.span.end] {
            *c += 1;
        }
    }
    assert!(covered.iter().all(|&c| c == 1), "spans do not tile");
}

fn parse_any(text: &str, format: Option<InputFormat>) {
    if let Ok(doc) = decode("prop", text.as_bytes(), format) {
        if let Ok(bill) = billdiff::parse::bill(&doc) {
            check_tiling(&bill);
        }
    }
}

/// Pieces bills are made of, to reach deep into the structure builder.
fn bill_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("SECTION 1.".to_string()),
        Just("SEC. 2.".to_string()),
        Just("22602.".to_string()),
        Just("11547.6.1.".to_string()),
        Just("CHAPTER 22.6. Things".to_string()),
        Just("Article 1. Definitions".to_string()),
        Just("Chapter 1 (commencing with Section 10) is added to the Test Code, to read:".to_string()),
        "\\((a|b|h|i|ii|v|x|1|2|A|B|I|II|V|aa|zz|iv)\\)".prop_map(|s| s),
        Just("“Covered model” means either of the following:".to_string()),
        Just("text.".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("## ".to_string()),
        Just("**".to_string()),
        Just("&nbsp;&nbsp;".to_string()),
        Just("<div style=\"margin-left: 2.5em\">".to_string()),
        Just("</div>".to_string()),
        "[ -~\u{a0}“”’]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        parse_any(&s, None);
        parse_any(&s, Some(InputFormat::Html));
        parse_any(&s, Some(InputFormat::Markdown));
        parse_any(&s, Some(InputFormat::Text));
    }

    #[test]
    fn bill_like_text_never_panics(tokens in prop::collection::vec(bill_token(), 0..80)) {
        let s = tokens.join(" ");
        parse_any(&s, None);
        parse_any(&s, Some(InputFormat::Html));
        parse_any(&s, Some(InputFormat::Markdown));
        parse_any(&s, Some(InputFormat::Text));
    }

    #[test]
    fn mangled_real_bills_never_panic(ops in prop::collection::vec((0usize..800, 0u8..3), 0..30)) {
        let Some(p) = crate::support::corpus("sb1047-2024-enrolled.txt") else { return Ok(()) };
        let text = std::fs::read_to_string(p).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        for (i, op) in ops {
            if lines.is_empty() { break; }
            let i = i % lines.len();
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i]; lines.insert(i, l); }
                _ => { let j = (i * 7 + 3) % lines.len(); lines.swap(i, j); }
            }
        }
        parse_any(&lines.join("\n"), None);
    }
}
