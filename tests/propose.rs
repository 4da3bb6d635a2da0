//! Proposals and redlines: the example proposals apply cleanly, redlines reconstruct both texts, every
//! output format is checked, bad proposals fail cleanly.

use crate::cli::billdiff;
use crate::support::{library_files, open, root};
use crate::terms::glossary;
use billdiff::model::{Bill, ProvisionKind};
use billdiff::propose::{Outcome, apply};
use billdiff::redline::{Budget, ChangeKind, Op, diff_texts};
use proptest::prelude::*;

fn proposal(path: &str) -> billdiff::propose::proposal::Proposal {
    let mut p = billdiff::ingest::proposal::read(&root().join(path)).unwrap();
    // As the CLI names it when run from the project: no absolute paths in snapshots.
    p.source_name = path.to_string();
    p
}

fn sb1047() -> (Bill, Outcome) {
    let bill = open(&root().join("bills/ca-sb1047"));
    let out = apply(
        &bill,
        &proposal("bills/ca-sb1047/proposals/deployed-systems.toml"),
        &glossary(),
    )
    .unwrap();
    (bill, out)
}

#[test]
fn sb1047_proposal_applies_cleanly() {
    let (bill, out) = sb1047();
    assert!(out.findings.is_empty(), "{:?}", out.findings);
    // Every linked occurrence of "covered model" and "covered model derivative" (uses in and out of scope,
    // quoted mentions, the definition phrases) is renamed, except in the provisions the rule excepts.
    let report = billdiff::terms::analyse(&bill, &glossary());
    let except = ["22602(e)(1)(A)(ii)", "22602(e)(1)(B)(i)(II)", "22603(b)", "22603(c)"];
    let mut linked = 0;
    for d in report
        .definitions
        .iter()
        .filter(|d| d.term == "covered model" || d.term == "covered model derivative")
    {
        let spots = d
            .uses
            .iter()
            .chain(&d.out_of_scope)
            .chain(&d.mentions)
            .map(|u| u.path.as_str())
            .chain(d.parts.iter().map(|p| p.location.as_str()));
        linked += spots.filter(|p| !except.contains(p)).count();
    }
    let rename = out
        .redline
        .changes
        .iter()
        .find_map(|c| match &c.kind {
            ChangeKind::Rename {
                occurrences, derived, ..
            } => Some((occurrences, derived)),
            _ => None,
        })
        .unwrap();
    assert_eq!(rename.0.len(), linked);
    assert_eq!(linked, 115);
    assert_eq!(
        rename.1,
        &vec![(
            "covered model derivative".to_string(),
            "covered system derivative".to_string()
        )]
    );
    let text = &out.amended.body.text;
    assert!(
        !text.to_lowercase().contains("covered model"),
        "no stale “covered model”"
    );
    assert!(text.contains("“Covered system derivative” means any of the following:"));
    assert!(text.contains("(3) All covered system derivatives controlled by a developer."));
    // Ordinary uses of "model" stay; the new definition of release adds one "model weights".
    let count = |t: &str, s: &str| t.matches(s).count();
    assert_eq!(
        count(text, "model weights"),
        count(&bill.body.text, "model weights") + 1
    );
    assert_eq!(count(text, "model weight"), count(&bill.body.text, "model weight") + 1);
    assert!(text.contains("“Model weight” means a numerical parameter in an artificial intelligence model"));
    // Definitions: alphabetical, lettered (a) to (q) without gaps, the new ones in place.
    let s = out.amended.body.find("22602").unwrap();
    let labels: String = s.children.iter().map(|c| c.num.clone()).collect();
    assert_eq!(labels, "abcdefghijklmnopq");
    assert!(
        out.amended
            .body
            .find("22602(i)(1)")
            .unwrap()
            .text
            .starts_with("“Deploy” means to operate")
    );
    assert!(
        out.amended
            .body
            .find("22602(j)")
            .unwrap()
            .text
            .starts_with("“Developer” means")
    );
    assert!(
        out.amended
            .body
            .find("22602(p)(1)")
            .unwrap()
            .text
            .starts_with("“Release” means")
    );
    assert!(
        out.amended
            .body
            .find("22602(q)")
            .unwrap()
            .text
            .starts_with("“Safety and security protocol”")
    );
    let after = billdiff::terms::analyse(&out.amended, &glossary());
    let terms: Vec<&str> = after
        .definitions
        .iter()
        .filter(|d| d.location.starts_with("22602("))
        .map(|d| d.term.as_str())
        .collect();
    let mut sorted = terms.clone();
    sorted.sort_by_key(|t| billdiff::propose::apply::sort_key(t));
    assert_eq!(terms, sorted);
    assert!(terms.contains(&"deploy") && terms.contains(&"release") && terms.contains(&"covered system"));
    // "deploy" and "release" are now defined and used; release is no longer an undefined term of art there.
    assert!(
        after
            .definitions
            .iter()
            .find(|d| d.term == "deploy")
            .unwrap()
            .uses
            .len()
            >= 2
    );
    assert!(
        !after
            .undefined
            .iter()
            .any(|u| u.term == "release" && u.locations.iter().any(|l| l.starts_with("2260")))
    );
    // The amended bill is the same model as a parsed one: it re-reads identically.
    assert!(out.amended.warnings.is_empty());
    assert_eq!(out.amended.meta, bill.meta);
}

#[test]
fn inserting_a_definition_updates_cross_references() {
    let bill = open(&root().join("bills/ca-sb1047"));
    let p = billdiff::ingest::proposal::parse(
        "affiliate.toml",
        r#"title = "T"
summary = "S"
[[rules]]
kind = "define-term"
term = "affiliate"
text = "“Affiliate” means a person controlling, controlled by, or under common control with a developer."
rationale = "A test."
"#,
    )
    .unwrap();
    let out = apply(&bill, &p, &glossary()).unwrap();
    // "affiliate" sorts after "advanced persistent threat": it becomes (b), and (b)-(o) move down one.
    let s = out.amended.body.find("22602").unwrap();
    assert_eq!(
        s.children[1].text,
        "“Affiliate” means a person controlling, controlled by, or under common control with a developer."
    );
    assert_eq!(s.children.len(), 16);
    // "the amount specified in subdivision (e)" in the developer definition now cites (f), the covered-model
    // definition's new letter; and clause (ii)'s "subparagraph (A)" (below the subdivision) is untouched.
    let developer = out.amended.body.find("22602(j)").unwrap();
    assert!(developer.text.starts_with("“Developer” means"));
    assert!(
        developer
            .text
            .ends_with("greater than the amount specified in subdivision (f)."),
        "{}",
        developer.text
    );
    let crossrefs: Vec<_> = out
        .redline
        .changes
        .iter()
        .filter_map(|c| match &c.kind {
            ChangeKind::CrossReference { location, from, to, .. } => {
                Some((location.path.clone(), from.clone(), to.clone()))
            }
            _ => None,
        })
        .collect();
    assert!(
        crossrefs.contains(&("22602(i)".to_string(), "e".to_string(), "f".to_string())),
        "{crossrefs:?}"
    );
    let renumbers = out
        .redline
        .changes
        .iter()
        .filter(|c| matches!(c.kind, ChangeKind::Renumber { .. }))
        .count();
    assert_eq!(renumbers, 14);
    // Every cross-reference of the amended bill resolves: nothing points at a provision that moved away.
    assert!(billdiff::xref::references(&out.amended).iter().all(|r| r.exists));
    // "affiliate" is never used: the consistency check says so.
    assert!(
        billdiff::render::check::findings(&out.findings)
            .iter()
            .any(|f| f.contains("“affiliate”")),
        "{:?}",
        out.findings
    );
}

#[test]
fn sb53_proposal_applies_cleanly() {
    let bill = open(&root().join("bills/ca-sb53"));
    let out = apply(
        &bill,
        &proposal("bills/ca-sb53/proposals/deploy-and-release.toml"),
        &glossary(),
    )
    .unwrap();
    assert!(out.findings.is_empty(), "{:?}", out.findings);
    let release = out.amended.body.find("22757.11(m)(1)").unwrap();
    assert!(
        release
            .text
            .starts_with("“Release” means to make the model weights of a frontier model")
    );
    assert!(
        out.amended
            .body
            .find("22757.12(c)(1)")
            .unwrap()
            .text
            .starts_with("Before, or concurrently with, deploying or releasing a new frontier model")
    );
    let after = billdiff::terms::analyse(&out.amended, &glossary());
    assert!(
        after
            .definitions
            .iter()
            .any(|d| d.term == "release" && !d.uses.is_empty())
    );
}

fn check_invariants(old: &str, new: &str) {
    let (segs, _) = diff_texts(old, new, Budget::default());
    let rebuilt = |drop: Op| {
        segs.iter()
            .filter(|s| s.op != drop)
            .map(|s| s.text.as_str())
            .collect::<String>()
    };
    assert_eq!(rebuilt(Op::Insert), old);
    assert_eq!(rebuilt(Op::Delete), new);
}

/// Dropping the insertions gives the old text and dropping the deletions the new, exactly — for every bill
/// in bills/ against each other version, against itself (an empty redline), and for both example proposals.
#[test]
fn redline_invariants_on_the_library() {
    let bills: Vec<Bill> = library_files().iter().map(|f| open(f)).collect();
    for a in &bills {
        let r = billdiff::redline::build(a, a, vec![], &[], vec![], Budget::default());
        assert!(r.is_empty());
        assert!(r.paragraphs.iter().all(|p| !p.changed));
        assert_eq!(r.old_text(), a.body.text);
        for b in &bills {
            check_invariants(&a.body.text, &b.body.text);
        }
    }
    let (bill, out) = sb1047();
    assert_eq!(out.redline.old_text(), bill.body.text);
    assert_eq!(out.redline.new_text(), out.amended.body.text);
    assert!(!out.redline.coarse);
    // Every changed segment is explained by a change.
    for s in out.redline.segments().filter(|s| s.op != Op::Equal) {
        assert!(!s.changes.is_empty(), "unexplained {:?} {:?}", s.op, s.text);
    }
}

fn words_of(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                // Whole words only: "state’s" is one word to the diff, not "state" and "’s".
                if !matches!(c, '’' | '\'') && !text[..s].ends_with(['’', '\'']) {
                    out.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Random word replacements, far apart, come back as exactly the planted changes.
    #[test]
    fn planted_edits_are_recovered(picks in prop::collection::btree_set(0usize..4000, 1..12)) {
        let bill = open(&root().join("bills/ca-sb53"));
        let old = bill.body.text.clone();
        let words = words_of(&old);
        // Keep picks at least 40 words apart.
        let mut chosen: Vec<usize> = Vec::new();
        for p in picks {
            let p = p % words.len();
            if chosen.last().is_none_or(|&l| p >= l + 40) {
                chosen.push(p);
            }
        }
        let mut new = String::new();
        let mut at = 0;
        let mut planted = Vec::new();
        for (n, &w) in chosen.iter().enumerate() {
            let (s, e) = words[w];
            new.push_str(&old[at..s]);
            let word = format!("zqx{n}");
            new.push_str(&word);
            planted.push((old[s..e].to_string(), word));
            at = e;
        }
        new.push_str(&old[at..]);
        let (segs, coarse) = diff_texts(&old, &new, Budget::default());
        prop_assert!(!coarse);
        let changes: Vec<(Op, String)> = segs.iter().filter(|s| s.op != Op::Equal).map(|s| (s.op, s.text.clone())).collect();
        let want: Vec<(Op, String)> = planted.iter().flat_map(|(o, n)| [(Op::Delete, o.clone()), (Op::Insert, n.clone())]).collect();
        prop_assert_eq!(changes, want);
        check_invariants(&old, &new);
    }

    /// Arbitrary edits of arbitrary texts keep the invariants.
    #[test]
    fn arbitrary_redlines_reconstruct_both_texts(a in "[ a-e\\n,.()]{0,200}", b in "[ a-e\\n,.()]{0,200}") {
        check_invariants(&a, &b);
    }
}

fn render_all() -> Vec<(&'static str, String)> {
    let (bill, out) = sb1047();
    let p = proposal("bills/ca-sb1047/proposals/deployed-systems.toml");
    let findings = billdiff::render::check::findings(&out.findings);
    let bill_line = billdiff::render::outline::bill_line(&bill);
    let h = billdiff::render::redline::Heading {
        kind: "Proposed amendments to",
        bill: &bill_line,
        title: &p.title,
        summary: &p.summary,
        notice: Some(billdiff::render::redline::NOTICE),
    };
    let source = billdiff::pipeline::Source {
        path: "bills/ca-sb1047/sb1047-2024-enrolled.html".into(),
        format: billdiff::ingest::InputFormat::Html,
        bill: Some("ca-sb1047".into()),
        version: Some("enrolled".into()),
        url: None,
    };
    vec![
        (
            "text",
            billdiff::render::redline::text(&h, &out.redline, Some(&findings), Default::default()),
        ),
        (
            "md",
            billdiff::render::redline::markdown(&h, &out.redline, Some(&findings)),
        ),
        (
            "html",
            billdiff::render::html::redline(&h, &out.redline, Some(&findings)),
        ),
        (
            "json",
            billdiff::render::json::proposal(bill.meta.measure.as_ref(), &p, &out.redline, &out.findings, &source),
        ),
        ("amended", billdiff::render::redline::amended(&h, &out.amended)),
        ("amendments", billdiff::render::redline::amendments(&h, &out.redline)),
    ]
}

/// Every output format of the SB 1047 proposal, reviewed.
#[test]
fn sb1047_proposal_snapshots() {
    for (format, text) in render_all() {
        insta::assert_snapshot!(format!("propose-sb1047-{format}"), text);
    }
}

#[test]
fn html_is_well_formed_and_marks_changes() {
    let html = render_all().into_iter().find(|(f, _)| *f == "html").unwrap().1;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, opts).expect("the HTML is well-formed XML");
    let count = |tag: &str, class: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name(tag) && n.attribute("class") == Some(class))
            .count()
    };
    assert!(count("del", "del") > 100 && count("ins", "ins") > 100);
    // Footnote markers link to footnotes that exist.
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    for n in doc.descendants().filter(|n| n.has_tag_name("a")) {
        let href = n.attribute("href").unwrap();
        assert!(ids.contains(&&href[1..]), "dangling link {href}");
    }
    assert!(ids.contains(&"fn9") && ids.contains(&"p-22602-e-1-A-i"));
    assert!(html.contains("Not an official text."));
    let text: String = doc
        .descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap())
        .collect();
    assert!(text.contains("Legislative Counsel prepares the official text"));
}

fn rejects(proposal_text: &str, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, proposal_text).unwrap();
    let out_file = dir.path().join("out.html");
    let out = billdiff()
        .args(["propose", "bills/ca-sb1047", "--proposal"])
        .arg(&p)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for n in needles {
        assert!(err.contains(n), "{n:?} not in {err}");
    }
    assert!(!out_file.exists(), "no output file on error");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left behind"
    );
}

const HEAD: &str = "title = \"T\"\nsummary = \"S\"\n\n";

#[test]
fn bad_proposals_fail_cleanly() {
    rejects(
        &format!("{HEAD}[[rules]]\nkind = \"rewrite-text\"\nat = \"22602(b)\"\n"),
        &["bad.toml:5: rule 1: unknown variant `rewrite-text`"],
    );
    rejects(
        &format!(
            "{HEAD}[[rules]]\nkind = \"replace-text\"\nat = \"22602(z)\"\nfind = \"x\"\nreplace = \"y\"\nrationale = \"r\"\n"
        ),
        &[
            "bad.toml:4:",
            "rule 1 (replace-text at 22602(z))",
            "no provision \"22602(z)\" (22602 contains (a), (b)",
        ],
    );
    rejects(
        &format!(
            "{HEAD}[[rules]]\nkind = \"strike-text\"\nat = \"22602(b)\"\ntext = \"thinking machine\"\nrationale = \"r\"\n\n[[rules]]\nkind = \"replace-text\"\nat = \"22602(d)\"\nfind = \"no such words\"\nreplace = \"y\"\nrationale = \"r\"\n"
        ),
        &[
            "bad.toml:4:",
            "rule 1 (strike-text at 22602(b))",
            "22602(b) does not read “thinking machine”; it reads ““Artificial intelligence” means",
        ],
    );
    rejects(
        &format!(
            "{HEAD}[[rules]]\nkind = \"rename-term\"\nfrom = \"frontier model\"\nto = \"frontier system\"\nrationale = \"r\"\n"
        ),
        &[
            "bad.toml:4:",
            "rule 1 (rename-term “frontier model”)",
            "the bill does not define “frontier model”",
        ],
    );
    rejects(
        &format!("{HEAD}[[rules]]\nkind = \"rename-term\"\nfrom = \"covered model\"\n"),
        &["rule 1", "missing field"],
    );
    rejects("title = \"T\"\nsummary = \"unterminated\n", &["bad.toml:2:"]);
    rejects(
        &format!(
            "{HEAD}[[rules]]\nkind = \"define-term\"\nterm = \"person\"\ntext = \"“Person” means anyone.\"\nrationale = \"r\"\n"
        ),
        &["bad.toml:4:", "“person” is already defined"],
    );
    rejects(
        &format!(
            "{HEAD}[[rules]]\nkind = \"rename-term\"\nfrom = \"covered model\"\nto = \"covered system\"\nrationale = \"r\"\nglossary = [\"no-such-entry\"]\n"
        ),
        &["bad.toml:4:", "no glossary entry \"no-such-entry\""],
    );
    // Two rules changing the same words.
    rejects(
        &format!(
            "{HEAD}[[rules]]\nkind = \"rename-term\"\nfrom = \"covered model\"\nto = \"covered system\"\nrationale = \"r\"\n\n[[rules]]\nkind = \"replace-text\"\nat = \"22602(f)(1)\"\nfind = \"An unmodified copy of a covered model.\"\nreplace = \"A copy.\"\nrationale = \"r\"\n"
        ),
        &["bad.toml:10:", "rule 2 (replace-text at 22602(f)(1))", "as rule 1"],
    );
}

#[test]
fn propose_cli_writes_files_atomically_and_reports_findings() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("redline.html");
    let out = billdiff()
        .args([
            "propose",
            "bills/ca-sb1047",
            "--proposal",
            "bills/ca-sb1047/proposals/deployed-systems.toml",
            "-o",
        ])
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&out_file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "format from the extension");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A proposal whose new definition is never used: exit 1 with the finding, 0 with --allow-findings.
    let p = dir.path().join("unused.toml");
    std::fs::write(
        &p,
        format!("{HEAD}[[rules]]\nkind = \"define-term\"\nterm = \"affiliate\"\ntext = \"“Affiliate” means a related person.\"\nrationale = \"r\"\n"),
    )
    .unwrap();
    let out = billdiff()
        .args(["propose", "bills/ca-sb1047", "--format", "amendments", "--proposal"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the new definition of “affiliate” (22602(b)) is not used"));
    let out = billdiff()
        .args([
            "propose",
            "bills/ca-sb1047",
            "--allow-findings",
            "--format",
            "amended",
            "--proposal",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let amended = String::from_utf8(out.stdout).unwrap();
    assert!(amended.contains("\n(b) “Affiliate” means a related person.\n"));
    // The amended text is a bill billdiff reads back.
    let back = dir.path().join("amended.txt");
    std::fs::write(&back, &amended).unwrap();
    let reread = open(&back);
    assert_eq!(reread.body.find("22602").unwrap().children.len(), 16);
    assert!(
        reread
            .body
            .walk()
            .any(|p| p.kind == ProvisionKind::Subdivision && p.path == "22602(p)")
    );
}
