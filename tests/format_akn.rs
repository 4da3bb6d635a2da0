//! Akoma Ntoso 3.0: the five corpus files (`../shared/corpus/formats/akn-*.xml`, `akn4eu-*.xml`) through the
//! library and the CLI, and change marks (`ins`/`del`) rebuilt into both texts. Passages were picked by
//! reading the XML.

use crate::cli::billdiff;
use crate::support::corpus_dir;
use billdiff::ingest::{InputFormat, Side};
use std::path::PathBuf;

fn formats(name: &str) -> Option<PathBuf> {
    corpus_dir().map(|d| d.join("../formats").join(name))
}

/// The four files that hold legal text, with a provision each and words the XML gives it.
const LEGAL: [(&str, &str, &str); 4] = [
    (
        "akn-eu-com-2013-0619-proposal.xml",
        "Article 2(a)",
        "‘new psychoactive substance’ means a natural or synthetic substance",
    ),
    (
        "akn-uk-ukpga-2014-27-dripa-enacted.xml",
        "8(5)",
        "This Act may be cited as the Data Retention and Investigatory Powers Act 2014.",
    ),
    (
        "akn-us-act-2011-11-29.xml",
        "SEC. 4(b)",
        "Issuance.—The Administrator of the Maritime Administration",
    ),
    (
        "akn4eu-cov-dlv20-council-position-bill.xml",
        "Article 9",
        "This Decision shall enter into force on the third day",
    ),
];

fn texts(blocks: &[billdiff::ingest::Block]) -> Vec<String> {
    blocks.iter().map(|b| b.text.clone()).collect()
}

/// Every AKN file is detected as AKN; none of the five carries `ins`/`del`, so none has marks, and the
/// footnotes (`authorialNote`) are not in the text.
#[test]
fn the_corpus_files_read_as_akoma_ntoso() {
    for (file, _, _) in LEGAL {
        let Some(f) = formats(file) else { return };
        let doc = billdiff::ingest::read(&f, None).unwrap();
        assert_eq!(doc.format, InputFormat::Akn, "{file}");
        assert!(doc.marks.is_none(), "{file}: no ins/del in the file");
        let all = texts(&doc.blocks).join("\n");
        // Footnote texts picked from each file's authorialNotes.
        for note in [
            "OJ L 194, 18.7.2001, p. 26.",
            "NOTE: Nov. 29, 2011",
            "OJ L 196, 28.7.1999, p. 48.",
        ] {
            assert!(!all.contains(note), "{file}: footnote {note:?} in the text");
        }
    }
    // The EU proposal: the memorandum and financial statement that travel with it are not read, the proposal is.
    let Some(f) = formats("akn-eu-com-2013-0619-proposal.xml") else {
        return;
    };
    let doc = billdiff::ingest::read(&f, None).unwrap();
    let all = texts(&doc.blocks);
    assert!(all.iter().any(|t| t == "COM(2013) 619 final"));
    assert!(all.iter().any(|t| t == "HAVE ADOPTED THIS REGULATION:"));
    assert!(!all.iter().any(|t| t.contains("EXPLANATORY MEMORANDUM")));
    assert!(!all.iter().any(|t| t.contains("LEGISLATIVE FINANCIAL STATEMENT")));
    assert_eq!(doc.style.as_deref(), Some("eu"));
    // DRIPA: a quoted subsection opens with the quotation mark its quotedStructure names, the mark closes its
    // last paragraph, and the text after the quotation's end stays with it.
    let Some(f) = formats("akn-uk-ukpga-2014-27-dripa-enacted.xml") else {
        return;
    };
    let doc = billdiff::ingest::read(&f, None).unwrap();
    let all = texts(&doc.blocks);
    assert!(
        all.iter()
            .any(|t| t.starts_with("“(2A) A copy of a warrant may be served"))
    );
    assert!(
        all.iter()
            .any(|t| t.starts_with("The steps mentioned in paragraph (b)") && t.ends_with("inspection.”"))
    );
    assert!(all.iter().any(|t| t == "2014 Chapter 27"));
    assert_eq!(
        doc.terms.as_deref(),
        Some(&["telecommunications service provider".to_string()][..]),
        "the one <def> the file marks"
    );
}

/// Inserted and deleted text: the text as it reads is the amended one; the text before is rebuilt from the
/// marks. Namespace with a prefix, as some publishers write it.
#[test]
fn ins_and_del_are_the_two_texts() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><an:act>
<an:meta><an:identification><an:FRBRWork><an:FRBRcountry value="GB-UKM"/></an:FRBRWork></an:identification></an:meta>
<an:body><an:section eId="sec_1"><an:num>1</an:num><an:heading>Retention notices</an:heading>
<an:subsection><an:num>1</an:num><an:content><an:p>A notice must be given <an:del>in writing</an:del><an:ins>in writing or by electronic means</an:ins>.</an:p></an:content></an:subsection>
<an:subsection><an:num>2</an:num><an:content><an:p><an:del>This subsection expires at the end of 2016.</an:del></an:p></an:content></an:subsection>
<an:subsection><an:num>3</an:num><an:content><an:p>The Secretary of State must keep a register<an:ins> of notices</an:ins>.</an:p></an:content></an:subsection>
</an:section></an:body></an:act></an:akomaNtoso>"#;
    let doc = billdiff::ingest::decode("marked.xml", xml.as_bytes(), None).unwrap();
    assert_eq!(doc.format, InputFormat::Akn);
    let after = texts(&doc.blocks);
    let marks = doc.marks.as_ref().expect("marked");
    let before = texts(&marks.blocks(Side::Before));
    let struck = "This subsection expires at the end of 2016.";
    assert!(before.iter().any(|t| t.contains(struck)));
    assert!(!after.iter().any(|t| t.contains(struck)));
    assert!(before.contains(&"(1) A notice must be given in writing.".to_string()));
    assert!(after.contains(&"(1) A notice must be given in writing or by electronic means.".to_string()));
    assert!(after.contains(&"(3) The Secretary of State must keep a register of notices.".to_string()));
    assert!(before.contains(&"(3) The Secretary of State must keep a register.".to_string()));
    // Both sides parse as the Act they are.
    let bill = billdiff::parse::bill(&doc).unwrap();
    assert_eq!(bill.style, "uk");
    assert!(bill.body.find("1(3)").unwrap().text.contains("register of notices"));
    let old = billdiff::parse::bill(&doc.side(Side::Before).unwrap()).unwrap();
    assert!(old.body.find("1(3)").unwrap().text.ends_with("keep a register."));
}

/// `outline`, `terms` and `show` run on every file with legal text.
#[test]
fn the_cli_reads_akoma_ntoso() {
    for (file, path, starts) in LEGAL {
        let Some(f) = formats(file) else { return };
        let f = f.display().to_string();
        let out = billdiff().args(["outline", &f]).output().unwrap();
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(path),
            "{file}: outline names {path}"
        );
        let out = billdiff().args(["terms", &f]).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = billdiff().args(["show", &f, path]).output().unwrap();
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        let shown = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(shown.contains(starts), "{file} {path}: {shown}");
    }
}

/// AKN4EU's `main.xml` is a collection that only refers to its documents (`documentRef href="bill_123.xml"`):
/// there is no text to read, and the CLI says which file holds it, in one line with exit code 2.
#[test]
fn a_collection_of_references_names_the_files_to_open() {
    let Some(f) = formats("akn4eu-cov-dlv20-council-position-main.xml") else {
        return;
    };
    let err = billdiff::ingest::read(&f, None).unwrap_err();
    assert!(
        matches!(
            &err,
            billdiff::error::Error::Xml {
                problem: billdiff::error::XmlProblem::OnlyReferences { files },
                ..
            } if files == &["bill_123.xml".to_string()]
        ),
        "{err:?}"
    );
    let out = billdiff().args(["outline", &f.display().to_string()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("bill_123.xml"), "{err}");
}

/// A file cut in half is one line naming the problem, exit code 2.
#[test]
fn a_cut_file_is_one_error_line() {
    let Some(f) = formats("akn-us-act-2011-11-29.xml") else {
        return;
    };
    let xml = std::fs::read_to_string(&f).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &xml[..xml.len() / 2]).unwrap();
    let err = billdiff::ingest::read(&cut, None).unwrap_err();
    assert!(matches!(err, billdiff::error::Error::Xml { .. }), "{err:?}");
    let out = billdiff()
        .args(["outline", &cut.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&out.stderr);
    assert_eq!(msg.trim_end().lines().count(), 1, "{msg}");
}
