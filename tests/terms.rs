//! The terms analysis on real bills and on fixtures for other drafting styles, against hand-checked lists.

use crate::support::{corpus, open, root};
use billdiff::glossary::Glossary;
use billdiff::terms::{DefinitionKind, Sense, TermsReport, analyse};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub fn glossary() -> Glossary {
    billdiff::ingest::glossary::read(&root().join("glossary")).expect("the glossary reads")
}

fn report(path: &Path) -> TermsReport {
    analyse(&open(path), &glossary())
}

#[derive(Deserialize)]
struct Expected {
    sources: Vec<String>,
    #[serde(default)]
    definition: Vec<ExpectedDefinition>,
}

/// One definition of a hand-checked list (here and in `tests/styles.rs`).
#[derive(Deserialize)]
pub struct ExpectedDefinition {
    pub term: String,
    pub aliases: Vec<String>,
    pub scope: String,
    pub part: Vec<ExpectedPart>,
}

#[derive(Deserialize)]
pub struct ExpectedPart {
    pub location: String,
    pub kind: String,
    pub reference: Option<String>,
}

/// A definition part's kind as the lists write it.
pub fn kind_name(kind: DefinitionKind) -> &'static str {
    match kind {
        DefinitionKind::Means => "means",
        DefinitionKind::Includes => "includes",
        DefinitionKind::Excludes => "excludes",
        DefinitionKind::ByReference => "by-reference",
    }
}

/// Facts a definition list asserts, one per line, so precision and recall count every detail.
fn expected_facts(e: &Expected) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in &e.definition {
        out.insert(format!("term {} scope {} aliases {:?}", d.term, d.scope, d.aliases));
        for p in &d.part {
            out.insert(format!(
                "part {} at {} {} {:?}",
                d.term, p.location, p.kind, p.reference
            ));
        }
    }
    out
}

fn actual_facts(r: &TermsReport) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in &r.definitions {
        let scope = if d.scope.anchor == "bill" {
            "bill".to_string()
        } else {
            d.scope.anchor.clone()
        };
        out.insert(format!("term {} scope {scope} aliases {:?}", d.term, d.aliases));
        for p in &d.parts {
            let kind = kind_name(p.kind);
            out.insert(format!("part {} at {} {kind} {:?}", d.term, p.location, p.reference));
        }
    }
    out
}

/// Precision and recall of definition extraction against one hand-checked list; both must be 100%.
fn check_list(list: &Path, base: &Path) -> (usize, usize) {
    let expected: Expected = toml::from_str(&std::fs::read_to_string(list).unwrap()).unwrap();
    let want = expected_facts(&expected);
    assert!(!want.is_empty(), "{}: empty list", list.display());
    let mut checked = 0;
    for src in &expected.sources {
        let path: PathBuf = base.join(src);
        let got = actual_facts(&report(&path));
        let missed: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got.difference(&want).collect();
        let tp = want.intersection(&got).count();
        let precision = tp as f64 / got.len().max(1) as f64;
        let recall = tp as f64 / want.len() as f64;
        eprintln!(
            "{}: precision {:.3}, recall {:.3} ({} facts)",
            path.display(),
            precision,
            recall,
            want.len()
        );
        assert!(
            missed.is_empty() && extra.is_empty(),
            "{}:\n missed {missed:#?}\n extra {extra:#?}",
            path.display()
        );
        checked += 1;
    }
    (checked, want.len())
}

#[test]
fn definitions_in_real_bills_match_the_hand_checked_lists() {
    let Some(corpus_dir) = crate::support::corpus_dir() else {
        return;
    };
    let dir = root().join("tests/data/definitions");
    let mut lists: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    lists.sort();
    assert_eq!(lists.len(), 5);
    let mut sources = 0;
    for l in &lists {
        sources += check_list(l, corpus_dir.parent().unwrap()).0;
    }
    assert_eq!(sources, 7, "every corpus text is covered by a list");
    // The built-in library's files are the same texts: run them through the same lists.
    let lib = root().join("bills");
    for (list, file) in [
        ("sb1047-2024-enrolled.toml", "ca-sb1047/sb1047-2024-enrolled.html"),
        (
            "sb53-2025-07-08-amended-asm.toml",
            "ca-sb53/sb53-2025-07-08-amended-asm.md",
        ),
        (
            "sb53-2025-07-17-amended-asm.toml",
            "ca-sb53/sb53-2025-07-17-amended-asm.md",
        ),
        (
            "sb53-2025-09-02-amended-asm.toml",
            "ca-sb53/sb53-2025-09-02-amended-asm.md",
        ),
        ("sb53-2025-chaptered.toml", "ca-sb53/sb53-2025-chaptered.txt"),
        ("sb53-2025-chaptered.toml", "ca-sb53/sb53-2025-chaptered.md"),
    ] {
        let expected: Expected = toml::from_str(&std::fs::read_to_string(dir.join(list)).unwrap()).unwrap();
        let got = actual_facts(&report(&lib.join(file)));
        assert_eq!(expected_facts(&expected), got, "{file}");
    }
}

#[test]
fn definitions_in_other_drafting_styles_match_the_fixtures() {
    let dir = root().join("tests/fixtures/definitions");
    let mut lists: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    lists.sort();
    assert!(lists.len() >= 10);
    for l in &lists {
        check_list(l, &dir);
    }
}

fn sb1047() -> Option<TermsReport> {
    corpus("sb1047-2024-enrolled.txt").map(|p| report(&p))
}

/// Counted by hand: in the operative text (from SECTION 1.), "covered model" occurs 130 times, 46 of them
/// as "covered model derivative(s)". Of the other 84, five are in quotes — three definition phrases
/// (22602(e)(1), (e)(1)(A), (e)(1)(B)(i)) and two mentions ("the definition of “covered model”" in
/// 22602(e)(1)(B)(ii) and 11547.6(d)(1)) — leaving 79 uses: 74 in Chapter 22.6 and 5 outside it (four in
/// 11547.6, one in SEC. 8). Of the 46 derivatives, one is its definition phrase (22602(f)); 43 uses are in
/// Chapter 22.6 and 2 outside (11547.6(f)(1), SEC. 8).
#[test]
fn sb1047_use_counts_counted_by_hand() {
    let Some(r) = sb1047() else { return };
    let cm = r.definitions.iter().find(|d| d.term == "covered model").unwrap();
    assert_eq!((cm.uses.len(), cm.out_of_scope.len(), cm.mentions.len()), (74, 5, 2));
    assert_eq!(cm.parts.len(), 3);
    let mention_paths: Vec<&str> = cm.mentions.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(mention_paths, ["22602(e)(1)(B)(ii)", "11547.6(d)(1)"]);
    let cmd = r
        .definitions
        .iter()
        .find(|d| d.term == "covered model derivative")
        .unwrap();
    assert_eq!((cmd.uses.len(), cmd.out_of_scope.len(), cmd.mentions.len()), (43, 2, 0));
    // Longest match first: no "covered model" use sits inside a "covered model derivative".
    for u in &cm.uses {
        assert!(
            !cmd.uses
                .iter()
                .any(|d| d.span.start <= u.span.start && u.span.end <= d.span.end)
        );
        assert!(u.text.to_lowercase().starts_with("covered model"));
    }
    // Inflected forms count: "covered models" (22602(o)(1)) is a use.
    assert!(
        cm.uses
            .iter()
            .any(|u| u.text == "covered models" && u.path == "22602(o)(1)")
    );
    // Proper names are not uses (counted by hand: the bill has "Artificial Intelligence" six times, all
    // in names: the act's title "… Frontier Artificial Intelligence Models Act" twice and the "U.S.
    // Artificial Intelligence Safety Institute" four times); of its 28 lowercase or sentence-initial
    // occurrences, 8 are in the definition's scope and 14 outside it (the other 6 are the names).
    let ai = r
        .definitions
        .iter()
        .find(|d| d.term == "artificial intelligence")
        .unwrap();
    assert_eq!((ai.uses.len(), ai.out_of_scope.len()), (8, 14));
    assert!(
        ai.uses
            .iter()
            .chain(&ai.out_of_scope)
            .all(|u| u.text != "Artificial Intelligence"),
        "no use inside a name"
    );
    // Coordinated forms are uses: "contractors and subcontractors" (22607(d), 22607(e)(1)(B)) of
    // "contractor or subcontractor"; 7 uses in all (the eighth occurrence is the definition itself).
    let cs = r
        .definitions
        .iter()
        .find(|d| d.term == "contractor or subcontractor")
        .unwrap();
    assert_eq!(cs.uses.len(), 7);
    let coordinated: Vec<&str> = cs
        .uses
        .iter()
        .filter(|u| u.text == "contractors and subcontractors")
        .map(|u| u.path.as_str())
        .collect();
    assert_eq!(coordinated, ["22607(d)", "22607(e)(1)(B)"]);
}

#[test]
fn sb1047_scopes_and_references() {
    let Some(r) = sb1047() else { return };
    let by_location = |l: &str| r.definitions.iter().find(|d| d.location == l).unwrap();
    let in_22602: Vec<&str> = r
        .definitions
        .iter()
        .filter(|d| d.location.starts_with("22602("))
        .map(|d| d.scope.anchor.as_str())
        .collect();
    assert_eq!(in_22602, vec!["Chapter 22.6"; 15]);
    let chapter = &by_location("22602(a)").scope;
    assert_eq!(chapter.phrase.as_deref(), Some("As used in this chapter"));
    assert_eq!(chapter.phrase_at.as_deref(), Some("22602"));
    assert_eq!(
        *chapter.covers,
        ["22602", "22603", "22604", "22606", "22607", "22608", "22609"]
    );
    let employee = by_location("22607(g)(1)");
    assert_eq!(
        (employee.term.as_str(), employee.scope.anchor.as_str()),
        ("employee", "22607")
    );
    assert_eq!(
        employee.parts[0].reference.as_deref(),
        Some("Section 1132.4 of the Labor Code")
    );
    assert_eq!(employee.parts[1].kind, DefinitionKind::Includes);
    let harm = by_location("11547.6(a)");
    assert_eq!(
        (harm.term.as_str(), harm.scope.anchor.as_str()),
        ("critical harm", "11547.6")
    );
    assert_eq!(
        harm.parts[0].reference.as_deref(),
        Some("Section 22602 of the Business and Professions Code")
    );
    // Uses of "critical harm" in 11547.6 are governed by 11547.6(a), not by 22602(g).
    assert!(harm.uses.iter().all(|u| u.path.starts_with("11547.6(")));
    assert!(!harm.uses.is_empty());
    // The out-of-scope uses of "covered model" in 11547.6 are a finding.
    let f = r
        .findings
        .iter()
        .find_map(|f| match f {
            billdiff::terms::findings::Finding::OutOfScopeUse { term, locations, .. } if term == "covered model" => {
                Some(locations.clone())
            }
            _ => None,
        })
        .expect("out-of-scope finding for covered model");
    assert_eq!(
        f,
        [
            "11547.6(d)(2)(A)",
            "11547.6(d)(2)(B)",
            "11547.6(d)(3)(A)",
            "11547.6(f)(1)",
            "SEC. 8¶2"
        ]
    );
}

#[test]
fn sb1047_release_is_an_undefined_term_of_art() {
    let Some(r) = sb1047() else { return };
    let release = r
        .undefined
        .iter()
        .find(|u| u.term == "release")
        .expect("release reported");
    let technical: Vec<&str> = release
        .uses
        .iter()
        .filter(|u| u.sense == Sense::Technical)
        .map(|u| u.path.as_str())
        .collect();
    let ordinary: Vec<&str> = release
        .uses
        .iter()
        .filter(|u| u.sense == Sense::Ordinary)
        .map(|u| u.path.as_str())
        .collect();
    assert!(
        technical.contains(&"22602(c)(2)") && technical.contains(&"22602(g)(2)(C)"),
        "{technical:?}"
    );
    assert!(
        technical.contains(&"22603(j)(2)"),
        "commercial or public release of a covered model"
    );
    assert_eq!(
        ordinary,
        ["22607(c)(1)", "22607(c)(2)"],
        "a complaint publicly released"
    );
    let c2 = release.uses.iter().find(|u| u.path == "22602(c)(2)").unwrap();
    assert_eq!(
        (c2.text.as_str(), c2.signal.as_deref()),
        ("release", Some("model weights"))
    );
    // "made available for commercial, public, or foreseeably public use" is a form of release.
    assert!(
        release
            .uses
            .iter()
            .any(|u| u.text.starts_with("made available") || u.text.starts_with("making"))
    );
    // SB 1047 defines neither deploy nor release; "fine-tuning" and "model weight" it defines.
    assert!(r.undefined.iter().any(|u| u.term == "deploy"));
    assert!(!r.undefined.iter().any(|u| u.glossary == "fine-tuning"));
    assert!(
        !r.undefined
            .iter()
            .any(|u| u.glossary == "model-weights" && u.uses.iter().any(|x| x.path.starts_with("22602")))
    );
    assert_eq!(
        r.definitions
            .iter()
            .find(|d| d.term == "fine-tuning")
            .unwrap()
            .glossary
            .as_deref(),
        Some("fine-tuning")
    );
}

#[test]
fn sb1047_digest_is_reported_apart() {
    let Some(r) = sb1047() else { return };
    let in_digest = r.digest.iter().filter(|d| d.term == "covered model").count();
    assert_eq!(in_digest, 15);
    // The digest's uses are not among the operative uses.
    let cm = r.definitions.iter().find(|d| d.term == "covered model").unwrap();
    assert_eq!(cm.uses.len() + cm.out_of_scope.len(), 79);
}

#[test]
fn sb53_deploy_and_labor_code_definitions() {
    let Some(p) = corpus("sb53-2025-chaptered.txt") else {
        return;
    };
    let r = report(&p);
    let deploy = r.definitions.iter().find(|d| d.term == "deploy").unwrap();
    assert_eq!(deploy.location, "22757.11(e)(1)");
    let kinds: Vec<_> = deploy.parts.iter().map(|p| (p.location.as_str(), p.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("22757.11(e)(1)", DefinitionKind::Means),
            ("22757.11(e)(2)", DefinitionKind::Excludes)
        ]
    );
    assert_eq!(deploy.glossary.as_deref(), Some("deploy"));
    assert!(
        deploy
            .uses
            .iter()
            .any(|u| u.text == "deploying" || u.text == "deployed"),
        "verb forms of a defined verb"
    );
    let labor: Vec<_> = r
        .definitions
        .iter()
        .filter(|d| d.location.starts_with("1107("))
        .collect();
    assert_eq!(labor.len(), 6);
    assert!(
        labor
            .iter()
            .all(|d| d.scope.anchor == "Chapter 5.1" && *d.scope.covers == ["1107", "1107.1", "1107.2"])
    );
    let refs: Vec<&str> = labor
        .iter()
        .flat_map(|d| d.parts.iter().filter_map(|p| p.reference.as_deref()))
        .collect();
    assert_eq!(refs, vec!["Section 22757.11 of the Business and Professions Code"; 3]);
    // "deploy" is defined only for Chapter 25.1: in the Labor Code chapter it is undefined.
    let undefined_deploy = r.undefined.iter().find(|u| u.term == "deploy").unwrap();
    assert!(undefined_deploy.locations.contains(&"1107(a)(1)".to_string()));
    assert!(!undefined_deploy.locations.iter().any(|l| l.starts_with("22757.")));
    // SB 53 leaves "release" undefined, and its definition of deploy reads as release.
    assert!(
        r.undefined
            .iter()
            .find(|u| u.term == "release")
            .unwrap()
            .locations
            .contains(&"22757.11(e)(1)".to_string())
    );
}

#[test]
fn glossary_has_the_terms_of_art() {
    let g = glossary();
    assert!(g.entries.len() >= 12, "{}", g.entries.len());
    for id in [
        "release",
        "deploy",
        "model-weights",
        "model-code",
        "ai-model",
        "ai-system",
        "training",
        "fine-tuning",
        "base-model",
        "inference",
        "compute-threshold",
        "open-weights",
        "derivative-model",
        "merge",
        "ensemble",
    ] {
        let e = g.get(id).unwrap_or_else(|| panic!("glossary entry {id}"));
        assert!(
            !e.sources.is_empty() && e.footnote.split_whitespace().count() > 100,
            "{id}"
        );
    }
}

#[test]
fn terms_cli_exit_codes_and_formats() {
    use crate::cli::billdiff;
    let out = billdiff()
        .args(["terms", "bills/ca-sb1047", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "findings → exit 1");
    #[derive(Deserialize)]
    struct TermsJson {
        schema_version: u32,
        kind: String,
        definitions: Vec<billdiff::terms::Definition>,
        undefined: Vec<billdiff::terms::UndefinedTerm>,
        findings: Vec<billdiff::terms::findings::Finding>,
    }
    let j: TermsJson = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((j.schema_version, j.kind.as_str()), (1, "terms"));
    assert_eq!(j.definitions.len(), 18);
    assert!(
        j.undefined
            .iter()
            .any(|u| u.term == "release" && !u.locations.is_empty())
    );
    assert!(!j.findings.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["term", "aliases", "location", "scope", "uses"] {
        assert!(v["definitions"][0].get(key).is_some(), "definitions[].{key}");
    }
    for key in ["term", "uses", "locations"] {
        assert!(v["undefined"][0].get(key).is_some(), "undefined[].{key}");
    }
    let md = billdiff()
        .args(["terms", "bills/ca-sb53", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("| deploy | `22757.11(e)(1) (+1)` | means, excludes | Chapter 25.1 |"),
        "{md}"
    );

    // A bill whose one definition is used, with no term of art: no findings, exit 0.
    let dir = tempfile::tempdir().unwrap();
    let bill = dir.path().join("clean.txt");
    std::fs::write(
        &bill,
        "SECTION 1.\nSection 5 is added to the Example Code, to read:\n\n5.\n(a) As used in this section, “widget” means a small device.\n\n(b) A seller of a widget shall label it.\n",
    )
    .unwrap();
    let out = billdiff().arg("terms").arg(&bill).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8(out.stdout).unwrap().contains("No findings."));

    // A broken glossary entry: exit 2, the file and line named.
    let g = dir.path().join("glossary");
    std::fs::create_dir(&g).unwrap();
    std::fs::write(g.join("bad.md"), "+++\nterm = \"x\"\nforms = [\"x\"\n+++\nbody\n").unwrap();
    let out = billdiff()
        .arg("terms")
        .arg(&bill)
        .arg("--glossary")
        .arg(&g)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.md:") && err.lines().count() == 1, "{err}");
}

/// The terms report of both bills, reviewed.
#[test]
fn terms_snapshots() {
    for (name, path) in [("sb1047", "bills/ca-sb1047"), ("sb53", "bills/ca-sb53")] {
        let bill = open(&root().join(path));
        let r = analyse(&bill, &glossary());
        insta::assert_snapshot!(
            format!("terms-{name}"),
            billdiff::render::terms::text(&bill, &r, Default::default())
        );
    }
}
