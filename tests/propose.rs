//! Proposals and redlines: the example proposals apply cleanly, redlines reconstruct both texts, every
//! output format is checked as `render::proposal_document` (what the CLI and the web write) makes it,
//! the JSON reads back into typed structs, bad proposals fail cleanly.

use crate::cli::billdiff;
use crate::support::{library_files, open, root};
use crate::terms::glossary;
use billdiff::model::Source;
use billdiff::model::{Bill, ProvisionKind};
use billdiff::pipeline::Opened;
use billdiff::propose::Outcome;
use billdiff::propose::check::CheckFinding;
use billdiff::redline::amendments::Amendment;
use billdiff::redline::{Budget, ChangeKind, Op, Redline, diff_texts};
use billdiff::render::{ProposalFormat, Style};
use proptest::prelude::*;
use serde::Deserialize;

/// `proposal` applied to `bill` as the CLI applies it: the bill analysed once, then `pipeline::propose`.
fn apply(
    bill: &Bill,
    proposal: &billdiff::propose::proposal::Proposal,
    g: &billdiff::glossary::Glossary,
) -> billdiff::Result<Outcome> {
    billdiff::pipeline::propose(bill, &billdiff::terms::analyse(bill, g), proposal, g)
}

fn proposal(path: &str) -> billdiff::propose::proposal::Proposal {
    let mut p = billdiff::ingest::proposal::read(&root().join(path)).unwrap();
    // As the CLI names it when run from the project: no absolute paths in snapshots.
    p.source_name = path.to_string();
    p
}

fn sb1047() -> (Bill, Outcome) {
    let bill = open(&root().join(SB1047));
    let out = apply(&bill, &proposal(DEPLOYED_SYSTEMS), &glossary()).unwrap();
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
    assert!(billdiff::parse::xref::references(&out.amended).iter().all(|r| r.exists));
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
    // The old side of an equal segment is its old text (which differs from `text` in typography alone).
    let rebuilt = |drop: Op| {
        segs.iter()
            .filter(|s| s.op != drop)
            .map(|s| {
                if drop == Op::Insert {
                    s.old_text()
                } else {
                    s.text.as_str()
                }
            })
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

const SB1047: &str = "bills/ca-sb1047";
const DEPLOYED_SYSTEMS: &str = "bills/ca-sb1047/proposals/deployed-systems.toml";
/// A short bill and a two-rule proposal for it: a JSON document short enough to read whole.
const SMALL_BILL: &str = "tests/data/propose/two-definitions.txt";
const SMALL_PROPOSAL: &str = "tests/data/propose/rename-and-define.toml";

/// A bill as `billdiff propose` opens it, its source named as the CLI names it when run from the project.
fn opened(path: &str) -> Opened {
    let mut o = billdiff::pipeline::open(&root().join(path), None, None).unwrap();
    o.source.path = o.source.path.strip_prefix(root()).unwrap().to_path_buf();
    o
}

/// Every document `billdiff propose` writes for the proposal, each made by the function the CLI and the
/// web builder call.
fn documents(bill: &str, proposal_path: &str) -> Vec<(ProposalFormat, String)> {
    let o = opened(bill);
    let p = proposal(proposal_path);
    let out = apply(&o.bill, &p, &glossary()).unwrap();
    ProposalFormat::ALL
        .into_iter()
        .map(|f| {
            let doc = billdiff::render::proposal_document(f, &o.bill, &p, &out, &o.source, Style::default());
            (f, doc)
        })
        .collect()
}

fn document(bill: &str, proposal_path: &str, format: ProposalFormat) -> String {
    documents(bill, proposal_path)
        .into_iter()
        .find(|(f, _)| *f == format)
        .unwrap()
        .1
}

/// Every output format of the SB 1047 proposal, reviewed. Its JSON (thousands of lines) is not
/// snapshotted: the small proposal's is, and both are read back into typed structs below.
#[test]
fn sb1047_proposal_snapshots() {
    for (format, text) in documents(SB1047, DEPLOYED_SYSTEMS) {
        if format != ProposalFormat::Json {
            insta::assert_snapshot!(format!("propose-sb1047-{}", format.name()), text);
        }
    }
}

/// The small proposal's JSON and amendments, reviewed whole.
#[test]
fn small_proposal_snapshots() {
    for (format, text) in documents(SMALL_BILL, SMALL_PROPOSAL) {
        if matches!(format, ProposalFormat::Json | ProposalFormat::Amendments) {
            insta::assert_snapshot!(format!("propose-small-{}", format.name()), text);
        }
    }
}

/// `billdiff propose --format json` as a consumer reads it: exactly the documented fields, typed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProposalJson {
    schema_version: u32,
    kind: String,
    source: Source,
    measure: Option<String>,
    notice: String,
    proposal: AboutJson,
    redline: Redline,
    amendments: Vec<Amendment>,
    findings: Vec<CheckFinding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AboutJson {
    title: String,
    summary: String,
    bill: Option<String>,
    version: Option<String>,
    file: String,
}

fn read_back(json: &str) -> ProposalJson {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("the proposal JSON reads back: {e}"))
}

#[test]
fn proposal_json_reads_back_into_typed_structs() {
    let o = opened(SMALL_BILL);
    let p = proposal(SMALL_PROPOSAL);
    let out = apply(&o.bill, &p, &glossary()).unwrap();
    let doc = read_back(&document(SMALL_BILL, SMALL_PROPOSAL, ProposalFormat::Json));
    assert_eq!(doc.schema_version, billdiff::render::json::SCHEMA_VERSION);
    assert_eq!(doc.kind, "proposal");
    assert_eq!(doc.source, o.source);
    assert_eq!(doc.source.path, std::path::Path::new(SMALL_BILL));
    assert_eq!(doc.measure, None);
    assert_eq!(doc.notice, billdiff::render::redline::NOTICE);
    assert_eq!(doc.proposal.title, "Systems, and what compute is");
    assert_eq!(doc.proposal.summary, p.summary.trim());
    assert_eq!((doc.proposal.bill, doc.proposal.version), (None, None));
    assert_eq!(doc.proposal.file, SMALL_PROPOSAL);
    // The redline and amendments are the ones the proposal made, field for field.
    assert_eq!(doc.redline, out.redline);
    assert_eq!(doc.amendments, billdiff::redline::amendments::amendments(&out.redline));
    assert_eq!(doc.redline.new_text(), out.amended.body.text);
    assert!(doc.findings.is_empty());
    let kinds: Vec<&str> = doc
        .redline
        .changes
        .iter()
        .map(|c| match &c.kind {
            ChangeKind::Rename { .. } => "rename",
            ChangeKind::Insert { .. } => "insert",
            ChangeKind::Renumber { .. } => "renumber",
            ChangeKind::CrossReference { .. } => "cross-reference",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["rename", "insert", "renumber", "cross-reference", "renumber"]);
    assert!(matches!(
        &doc.redline.changes[3].kind,
        ChangeKind::CrossReference { citation, from, to, .. } if citation == "subdivision (a)" && from == "a" && to == "b"
    ));
    assert_eq!(doc.amendments.len(), 4);
    assert_eq!(
        doc.redline.footnotes[1].rationale,
        "The bill counts compute without saying what it is."
    );

    // The SB 1047 proposal's JSON reads back too, and is its redline.
    let (_, big) = sb1047();
    let doc = read_back(&document(SB1047, DEPLOYED_SYSTEMS, ProposalFormat::Json));
    assert_eq!(doc.redline, big.redline);
    assert_eq!(doc.source.bill.as_deref(), Some("ca-sb1047"));
}

#[test]
fn findings_read_back_from_the_json() {
    let o = opened(SMALL_BILL);
    let p = billdiff::ingest::proposal::parse(
        "unused.toml",
        "title = \"T\"\nsummary = \"S\"\n[[rules]]\nkind = \"define-term\"\nterm = \"zebra\"\ntext = \"“Zebra” means a striped horse.\"\nrationale = \"r\"\n",
    )
    .unwrap();
    let out = apply(&o.bill, &p, &glossary()).unwrap();
    let json =
        billdiff::render::proposal_document(ProposalFormat::Json, &o.bill, &p, &out, &o.source, Style::default());
    let doc = read_back(&json);
    assert_eq!(
        doc.findings,
        [CheckFinding::UnusedDefinition {
            term: "zebra".into(),
            location: Some("22602(c)".into()),
        }]
    );
    assert_eq!(doc.findings, out.findings);
}

#[test]
fn html_is_well_formed_and_marks_changes() {
    let html = document(SB1047, DEPLOYED_SYSTEMS, ProposalFormat::Html);
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

/// A proposal written for SB 53, applied to SB 1047, is refused by naming the wrong bill (not by its first
/// rule that finds no provision).
#[test]
fn a_proposal_for_another_bill_names_it() {
    let out = crate::cli::billdiff()
        .args([
            "propose",
            "bills/ca-sb1047",
            "--proposal",
            "bills/ca-sb53/proposals/deploy-and-release.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("written for ca-sb53, not ca-sb1047"), "{err}");
    assert!(!err.contains("rule"), "{err}");
}
