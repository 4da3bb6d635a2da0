//! Version compare: structural alignment, renumbering, moves, definitions summary, redline invariants.

use crate::cli::billdiff;
use crate::support::{corpus, open, root};
use crate::terms::glossary;
use billdiff::compare::{Comparison, How, Pair, PathChange, Summary};
use billdiff::ingest::{InputFormat, decode};
use billdiff::model::Bill;
use billdiff::redline::amendments::Amendment;
use billdiff::redline::{ChangeKind, Op, Redline};
use serde::Deserialize;

/// Compare two versions, each analysed once (as `pipeline::compared` does).
fn compare(old: &Bill, new: &Bill, g: &billdiff::glossary::Glossary) -> Comparison {
    let (a, b) = (billdiff::terms::analyse(old, g), billdiff::terms::analyse(new, g));
    billdiff::compare::compare(old, new, &a, &b)
}

fn from_text(text: &str) -> Bill {
    billdiff::parse::bill(&decode("t", text.as_bytes(), Some(InputFormat::Text)).unwrap()).unwrap()
}

fn kinds(c: &Comparison) -> Vec<&'static str> {
    c.redline
        .changes
        .iter()
        .map(|ch| match &ch.kind {
            ChangeKind::Insert { .. } => "insert",
            ChangeKind::Delete { .. } => "delete",
            ChangeKind::Renumber { .. } => "renumber",
            ChangeKind::Move { .. } => "move",
            ChangeKind::Edit { .. } => "edit",
            _ => "other",
        })
        .collect()
}

fn check_invariants(old: &Bill, new: &Bill, c: &Comparison) {
    assert_eq!(c.redline.old_text(), old.body.text);
    assert_eq!(c.redline.new_text(), new.body.text);
}

const SB53: [&str; 4] = [
    "sb53-2025-07-08-amended-asm.md",
    "sb53-2025-07-17-amended-asm.md",
    "sb53-2025-09-02-amended-asm.md",
    "sb53-2025-chaptered-from-annotated.md",
];

/// Every consecutive pair of SB 53's versions, and the first against the last: the redline rebuilds both
/// texts exactly, and every struck or inserted word belongs to a change.
#[test]
fn sb53_versions_compare_with_invariants() {
    let Some(_) = crate::support::corpus_dir() else { return };
    let bills: Vec<Bill> = SB53.iter().map(|n| open(&corpus(n).unwrap())).collect();
    let g = glossary();
    let mut pairs: Vec<(usize, usize)> = (0..3).map(|i| (i, i + 1)).collect();
    pairs.push((0, 3));
    for (a, b) in pairs {
        let c = compare(&bills[a], &bills[b], &g);
        check_invariants(&bills[a], &bills[b], &c);
        assert!(c.summary.differs(), "{} → {}", SB53[a], SB53[b]);
        assert!(!c.redline.coarse);
        let unexplained: Vec<_> = c
            .redline
            .segments()
            .filter(|s| s.op != Op::Equal && s.changes.is_empty())
            .collect();
        assert!(
            unexplained.is_empty(),
            "{} → {}: {:?}",
            SB53[a],
            SB53[b],
            unexplained.iter().take(3).collect::<Vec<_>>()
        );
    }
    // A version against itself: identical, nothing to report.
    let c = compare(&bills[3], &bills[3], &g);
    assert!(!c.summary.differs() && c.redline.is_empty() && c.redline.changes.is_empty());
}

/// Insert a definition near the top of SB 1047's 22602 (by hand, relettering the rest): one insertion and a
/// renumber for each later subdivision, no text edits inside them.
/// A version that only curls a quote or an apostrophe has not amended that text: SB 53 of July 17 has
/// "the public's right of access" and the chaptered text "the public’s right": no amendment, no struck
/// word, and both texts still rebuilt exactly from the redline.
#[test]
fn differences_of_typography_alone_are_not_amendments() {
    let old = open(&root().join("bills/ca-sb53/sb53-2025-07-17-amended-asm.md"));
    let new = open(&root().join("bills/ca-sb53/sb53-2025-chaptered.md"));
    assert!(old.body.text.contains("public's right") && new.body.text.contains("public’s right"));
    let c = compare(&old, &new, &glossary());
    check_invariants(&old, &new, &c);
    for seg in c.redline.segments().filter(|s| s.op != Op::Equal) {
        assert!(
            !seg.text.contains("public's") && !seg.text.contains("public’s"),
            "{:?} {:?}",
            seg.op,
            seg.text
        );
    }
    for a in billdiff::redline::amendments::amendments(&c.redline) {
        for i in &a.instructions {
            let said = format!("{i:?}");
            assert!(!said.contains("public's"), "amendment {}: {said}", a.number);
        }
    }
    let shown = c
        .redline
        .segments()
        .find(|s| s.was.as_deref().is_some_and(|w| w.contains("public's")));
    assert!(
        shown.is_some_and(|s| s.text.contains("public’s")),
        "the equal text is the new one's, the old kept beside it"
    );
}

/// Every word strike in the amendment instructions of SB 53 (first version → chaptered) points at one
/// place: its words occur once in the provision's old text (before, "strike out “an” … Also strike out
/// “an”" could not be told apart).
#[test]
fn struck_words_are_located_uniquely() {
    use billdiff::redline::amendments::Instruction;
    let folder = root().join("bills/ca-sb53");
    let c = billdiff::pipeline::compare_versions(&folder, Some("1"), Some("chaptered"), None, &glossary()).unwrap();
    let old = &c.old.bill;
    let (mut strikes, mut ambiguous) = (0, Vec::new());
    for a in billdiff::redline::amendments::amendments(&c.comparison.redline) {
        let Some(at) = a.location.as_ref() else { continue };
        let Some(p) = old.body.find(&at.path) else { continue };
        let text: Vec<&str> = p.text.split_whitespace().collect();
        for i in &a.instructions {
            let struck = match i {
                Instruction::StrikeAndInsert { old, .. } => old,
                Instruction::Strike { text } => text,
                _ => continue,
            };
            let words: Vec<&str> = struck.split_whitespace().collect();
            strikes += 1;
            let n = text.windows(words.len()).filter(|w| *w == words.as_slice()).count();
            if n > 1 {
                ambiguous.push(format!("amendment {} at {}: “{struck}” ×{n}", a.number, at.path));
            }
        }
    }
    assert!(strikes > 50, "{strikes}");
    assert!(
        ambiguous.is_empty(),
        "{} of {strikes} strikes ambiguous:\n{}",
        ambiguous.len(),
        ambiguous.join("\n")
    );
}

#[test]
fn relettering_is_renumbering_not_editing() {
    let old = open(&root().join("bills/ca-sb1047"));
    let mut lines: Vec<String> = old.body.text.lines().map(str::to_string).collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("(b) “Artificial intelligence” means"))
        .unwrap();
    let end = lines.iter().position(|l| l.starts_with("22603.")).unwrap();
    for l in &mut lines[start..end] {
        // Subdivision labels open their line with a lowercase letter: (b) → (c), ...; "(e) (1)" keeps (1).
        let bytes = l.as_bytes();
        if bytes[0] == b'('
            && bytes[2] == b')'
            && bytes[1].is_ascii_lowercase()
            && !matches!(bytes[1], b'i' | b'v' | b'x')
            || l.starts_with("(i) “Developer”")
        {
            let next = (bytes[1] + 1) as char;
            *l = format!("({next}){}", &l[3..]);
        }
    }
    lines.insert(
        start,
        "(b) “Agent” means a person acting on behalf of a developer.".to_string(),
    );
    let new = from_text(&lines.join("\n"));
    assert_eq!(new.body.find("22602").unwrap().children.len(), 16);
    let c = compare(&old, &new, &glossary());
    check_invariants(&old, &new, &c);
    let k = kinds(&c);
    assert_eq!(k.iter().filter(|x| **x == "insert").count(), 1, "{k:?}");
    assert_eq!(k.iter().filter(|x| **x == "renumber").count(), 14, "{k:?}");
    assert_eq!(k.len(), 15, "no edits, moves or deletions: {k:?}");
    assert_eq!(
        (
            c.summary.added,
            c.summary.renumbered,
            c.summary.changed,
            c.summary.moved
        ),
        (1, 14, 0, 0)
    );
    let renumbered: Vec<(String, String)> = c
        .redline
        .changes
        .iter()
        .filter_map(|ch| match &ch.kind {
            ChangeKind::Renumber { from, to } => Some((from.path.clone(), to.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(renumbered[0], ("22602(b)".to_string(), "22602(c)".to_string()));
    assert_eq!(renumbered[13], ("22602(o)".to_string(), "22602(p)".to_string()));
    assert_eq!(
        c.summary
            .definitions
            .added
            .iter()
            .map(|d| d.term.as_str())
            .collect::<Vec<_>>(),
        ["agent"]
    );
}

/// Move one subdivision to another section: one move (and the relettering it causes), nothing else.
#[test]
fn a_moved_subdivision_is_one_move() {
    let old = open(&root().join("bills/ca-sb1047"));
    let mut lines: Vec<String> = old.body.text.lines().map(str::to_string).collect();
    let from = lines
        .iter()
        .position(|l| l.starts_with("(b) A person that operates a computing cluster shall consider"))
        .unwrap();
    let moved = lines.remove(from);
    // 22604(c) becomes (b).
    let c_line = lines
        .iter()
        .position(|l| l.starts_with("(c) In complying with the requirements of this section, a person that operates"))
        .unwrap();
    lines[c_line] = format!("(b){}", &lines[c_line][3..]);
    // Append it to 22603 as (k), before 22604.
    let at = lines.iter().position(|l| l.starts_with("22604.")).unwrap();
    lines.insert(at, format!("(k){}", &moved[3..]));
    let new = from_text(&lines.join("\n"));
    let c = compare(&old, &new, &glossary());
    check_invariants(&old, &new, &c);
    let k = kinds(&c);
    assert_eq!(k.iter().filter(|x| **x == "move").count(), 1, "{k:?}");
    let (f, t) = c
        .redline
        .changes
        .iter()
        .find_map(|ch| match &ch.kind {
            ChangeKind::Move { from, to, pieces } => {
                assert!(pieces.is_empty());
                Some((from.path.clone(), to.path.clone()))
            }
            _ => None,
        })
        .unwrap();
    assert_eq!((f.as_str(), t.as_str()), ("22604(b)", "22603(k)"));
    assert_eq!(
        k.iter().filter(|x| **x != "move" && **x != "renumber").count(),
        0,
        "{k:?}"
    );
    assert_eq!(c.summary.renumbered, 1);
}

#[derive(Deserialize)]
struct Expected {
    added: Vec<Def>,
    removed: Vec<Def>,
    changed: Vec<Def>,
    unchanged: Vec<Def>,
}

#[derive(Deserialize)]
struct Def {
    term: String,
    scope: String,
}

/// The definitions summary for SB 53, July 8 → chaptered, against a hand-checked list.
#[test]
fn sb53_definitions_summary_matches_the_hand_check() {
    let (Some(a), Some(b)) = (corpus(SB53[0]), corpus(SB53[3])) else {
        return;
    };
    let c = compare(&open(&a), &open(&b), &glossary());
    let expected: Expected = toml::from_str(
        &std::fs::read_to_string(root().join("tests/data/compare/sb53-2025-07-08-to-chaptered.toml")).unwrap(),
    )
    .unwrap();
    let set = |v: &[Def]| {
        let mut s: Vec<(String, String)> = v.iter().map(|d| (d.term.clone(), d.scope.clone())).collect();
        s.sort();
        s
    };
    let d = &c.summary.definitions;
    let got = |v: Vec<(String, String)>| {
        let mut v = v;
        v.sort();
        v
    };
    assert_eq!(
        got(d.added.iter().map(|x| (x.term.clone(), x.scope.clone())).collect()),
        set(&expected.added)
    );
    assert_eq!(
        got(d.removed.iter().map(|x| (x.term.clone(), x.scope.clone())).collect()),
        set(&expected.removed)
    );
    assert_eq!(
        got(d.changed.iter().map(|x| (x.term.clone(), x.scope.clone())).collect()),
        set(&expected.changed)
    );
    assert_eq!(
        got(d.unchanged.iter().map(|x| (x.term.clone(), x.scope.clone())).collect()),
        set(&expected.unchanged)
    );
    let deploy = d.changed.iter().find(|x| x.term == "deploy").unwrap();
    assert_eq!(
        (deploy.words_deleted, deploy.words_inserted),
        (3, 3),
        "foundation → frontier, three times"
    );
    let summary = billdiff::render::compare::summary(&c.summary);
    assert!(
        summary.contains("definition of “deploy (Chapter 25.1)” changed"),
        "{summary}"
    );
}

#[test]
fn diff_cli_exit_codes() {
    let out = billdiff()
        .args([
            "diff",
            "bills/ca-sb53",
            "--from",
            "2025-07-17",
            "--to",
            "2025-09-02",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "different → 1");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["schema_version"].as_u64(), v["kind"].as_str()),
        (Some(1), Some("compare"))
    );
    assert!(v["summary"]["renumbered"].as_u64().unwrap() > 0);
    assert!(v["pairs"].as_array().unwrap().iter().any(|p| p["how"] == "identical"));
    let out = billdiff()
        .args(["diff", "bills/ca-sb53", "--from", "chaptered", "--to", "chaptered"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "identical → 0");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("The two versions are identical.")
    );
    let out = billdiff()
        .args([
            "diff",
            "bills/ca-sb53/sb53-2025-chaptered.md",
            "bills/ca-sb53/sb53-2025-chaptered.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "SECTION vs SEC. labels differ");
    let out = billdiff()
        .args(["diff", "bills/ca-sb53", "--from", "1999-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = billdiff()
        .args([
            "diff",
            "bills/ca-sb53/sb53-2025-chaptered.md",
            "bills/ca-sb1047",
            "--to",
            "latest",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("--from and --to select versions of one bill folder")
    );
}

/// A reviewed comparison: SB 53 as amended July 17 against September 2, as amendment instructions.
#[test]
fn compare_snapshot() {
    let out = billdiff()
        .args([
            "diff",
            "bills/ca-sb53",
            "--from",
            "2025-07-17",
            "--to",
            "2025-09-02",
            "--format",
            "amendments",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(
        "compare-sb53-07-17-to-09-02-amendments",
        String::from_utf8(out.stdout).unwrap()
    );
}

/// Synthetic bills parse as bills, and a synthetic amendment compares with the invariants intact.
#[test]
fn synthetic_bills_and_amendments() {
    let sources = [
        open(&root().join("bills/ca-sb1047")),
        open(&root().join("bills/ca-sb53")),
    ];
    let a = crate::synth::bill(1, 200_000, &sources);
    let b = crate::synth::bill(2, 200_000, &sources);
    assert_ne!(a, b);
    assert!(a.len() > 200_000 && a.len() < 260_000, "{}", a.len());
    let old = from_text(&a);
    assert!(
        old.body
            .walk()
            .filter(|p| p.kind == billdiff::model::ProvisionKind::CodeSection)
            .count()
            > 15
    );
    let new = from_text(&crate::synth::amend(&a, 9, 40));
    let c = compare(&old, &new, &glossary());
    check_invariants(&old, &new, &c);
    assert!(
        c.summary.added >= 1 && c.summary.renumbered > 0 && c.summary.changed >= 20,
        "{:?}",
        c.summary
    );
}

/// `billdiff diff --format json`, read back into the library's own types.
#[derive(Deserialize)]
struct CompareJson {
    schema_version: u32,
    kind: String,
    summary: Summary,
    pairs: Vec<Pair>,
    redline: Redline,
    amendments: Vec<Amendment>,
}

/// SB 53, July 8 → chaptered, as JSON: the document reads back into typed structs, the summary's lists
/// agree with its counts and with the redline's changes, and the text rebuilds both versions.
#[test]
fn diff_json_reads_back_into_typed_structs() {
    let out = billdiff()
        .args([
            "diff",
            "bills/ca-sb53",
            "--from",
            "2025-07-08",
            "--to",
            "chaptered",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "different → 1");
    let doc: CompareJson = serde_json::from_slice(&out.stdout).expect("the JSON reads back");
    assert_eq!((doc.schema_version, doc.kind.as_str()), (1, "compare"));
    let s = &doc.summary;
    assert_eq!((s.renumbered, s.moved), (s.renumbers.len(), s.moves.len()));
    assert!(s.renumbered > 0 && s.moved > 0, "{s:?}");
    let count = |f: fn(&ChangeKind) -> bool| doc.redline.changes.iter().filter(|c| f(&c.kind)).count();
    assert_eq!(count(|k| matches!(k, ChangeKind::Renumber { .. })), s.renumbered);
    assert_eq!(count(|k| matches!(k, ChangeKind::Move { .. })), s.moved);
    // 22757.14 was struck, and 22757.15 took its number.
    assert!(
        s.renumbers.contains(&PathChange {
            old: "22757.15".into(),
            new: "22757.14".into()
        }),
        "{:?}",
        s.renumbers
    );
    assert!(s.definitions.changed.iter().any(|d| d.term == "deploy"));
    assert!(doc.pairs.iter().all(|p| (0.0..=1.0).contains(&p.similarity)));
    assert!(doc.pairs.iter().any(|p| p.how == How::Identical));
    assert!(!doc.amendments.is_empty());
    let folder = root().join("bills/ca-sb53");
    let version = |v: &str| billdiff::pipeline::open(&folder, Some(v), None).unwrap().bill;
    assert_eq!(doc.redline.old_text(), version("amended-asm-2025-07-08").body.text);
    assert_eq!(doc.redline.new_text(), version("chaptered").body.text);
}
