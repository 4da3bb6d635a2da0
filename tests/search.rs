//! Search: the index of the built-in library answers what the terms analysis and a plain scan say.

use crate::cli::billdiff;
use crate::support::{open, root};
use crate::terms::glossary;
use billdiff::index::{Query, Searcher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The built-in library indexed once, for all tests here.
pub(crate) fn library_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // One per test process, in the target's temp folder; those of test processes that have ended
        // are removed (nothing else would: a static lives until the process exits).
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for e in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if let Some(pid) = name.strip_prefix("billdiff-test-index-")
                && !Path::new("/proc").join(pid).exists()
            {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
        let dir = tmp.join(format!("billdiff-test-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = billdiff()
            .args(["index", "bills", "--index"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        dir
    })
}

fn searcher() -> Searcher {
    Searcher::open(library_index()).unwrap()
}

#[test]
fn defines_deploy_finds_sb53_22757_11_e() {
    let s = searcher();
    let m = s.matches("defines:deploy").unwrap();
    assert!(
        m.contains(&("ca-sb53".into(), "chaptered".into(), "22757.11(e)".into())),
        "{m:?}"
    );
    assert!(
        m.contains(&("ca-sb53".into(), "chaptered".into(), "22757.11(e)(2)".into())),
        "the exclusion too"
    );
    assert!(
        m.iter().all(|(b, _, p)| b == "ca-sb53" && p.starts_with("22757.11(e)")),
        "{m:?}"
    );
    // Case does not matter; SB 1047 defines no "deploy".
    assert_eq!(s.matches("defines:Deploy").unwrap(), m);
    let hits = s
        .search(&Query {
            text: "defines:deploy".into(),
            bill: Some("ca-sb53".into()),
            version: Some("chaptered".into()),
            limit: 10,
            offset: 0,
        })
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.version == "chaptered"));
}

/// `undefined:` follows the analysis's senses: by default the technical uses and the unclear ones (not
/// "publicly release … any complaint"); `sense:ordinary`, `sense:technical`, `sense:unclear` and `sense:any`
/// pick; several `sense:` filters are an OR.
#[test]
fn undefined_release_is_what_the_terms_analysis_reports_by_sense() {
    use billdiff::terms::Sense;
    let bill = open(&root().join("bills/ca-sb1047"));
    let report = billdiff::terms::analyse(&bill, &glossary());
    let release = report.undefined.iter().find(|u| u.term == "release").unwrap();
    let paths = |keep: &dyn Fn(Sense) -> bool| -> Vec<String> {
        let mut v: Vec<String> = release
            .uses
            .iter()
            .filter(|u| keep(u.sense))
            .map(|u| u.path.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let got = |q: &str| -> Vec<String> {
        let mut v: Vec<String> = searcher()
            .matches(&format!("{q} AND bill:ca-sb1047"))
            .unwrap()
            .into_iter()
            .map(|(_, _, p)| p)
            .collect();
        v.dedup();
        v
    };
    let default = paths(&|s| s != Sense::Ordinary);
    let ordinary = paths(&|s| s == Sense::Ordinary);
    assert!(
        !default.is_empty() && !ordinary.is_empty(),
        "SB 1047 uses release in both senses"
    );
    assert_eq!(got("undefined:release"), default);
    assert_eq!(got("undefined:release sense:ordinary"), ordinary);
    assert_eq!(
        got("sense:ordinary AND undefined:release"),
        ordinary,
        "AND joining the filter goes with it"
    );
    assert_eq!(
        got("undefined:release sense:technical"),
        paths(&|s| s == Sense::Technical)
    );
    assert_eq!(got("undefined:release sense:unclear"), paths(&|s| s == Sense::Unclear));
    assert_eq!(got("undefined:release sense:technical sense:unclear"), default);
    let mut all = release.locations.clone();
    all.sort();
    all.dedup();
    assert_eq!(got("undefined:release sense:any"), all);
    assert!(got("undefined:release").contains(&"22602(c)(2)".to_string()));
    let bad = searcher()
        .matches("undefined:release sense:maybe")
        .unwrap_err()
        .to_string();
    assert!(bad.contains("sense:maybe is not a sense"), "{bad}");
}

/// A provision that reads the same in several versions is one hit with its versions listed; the total
/// counts such hits, pages follow one another without a gap or a repeat; a filter's words are highlighted
/// in the snippet and rank the hits.
#[test]
fn hits_are_grouped_across_versions_counted_and_paged() {
    let s = searcher();
    let q = |text: &str, limit, offset| Query {
        text: text.into(),
        bill: Some("ca-sb53".into()),
        version: None,
        limit,
        offset,
    };
    let all = s.search(&q("\"frontier model\"", 500, 0)).unwrap();
    assert!(all.complete);
    assert_eq!(all.hits.len(), all.total);
    let matched = s.matches("\"frontier model\" AND bill:ca-sb53").unwrap();
    assert_eq!(all.matched, matched.len());
    let listed: usize = all.hits.iter().map(|h| h.versions.len()).sum();
    assert_eq!(
        listed,
        matched.len(),
        "every matched version is listed under exactly one hit"
    );
    assert!(
        all.total < matched.len(),
        "SB 53's versions share provisions: {} of {}",
        all.total,
        matched.len()
    );
    let shared = all
        .hits
        .iter()
        .find(|h| h.versions.len() > 1)
        .expect("a provision in several versions");
    assert_eq!(
        (shared.version.as_str(), shared.date.as_str()),
        (shared.versions[0].version.as_str(), shared.versions[0].date.as_str())
    );
    assert!(
        shared.versions.windows(2).all(|w| w[0].date >= w[1].date),
        "latest first: {:?}",
        shared.versions
    );
    let mut seen = std::collections::BTreeSet::new();
    for h in &all.hits {
        assert!(
            seen.insert((h.path.clone(), h.version.clone())),
            "{} {} twice",
            h.path,
            h.version
        );
    }
    // Pages of 7 put together are the whole list.
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let p = s.search(&q("\"frontier model\"", 7, offset)).unwrap();
        assert_eq!((p.total, p.offset), (all.total, offset));
        if p.hits.is_empty() {
            break;
        }
        offset += p.hits.len();
        paged.extend(p.hits);
    }
    let key = |h: &billdiff::index::Hit| (h.path.clone(), h.version.clone());
    assert_eq!(
        paged.iter().map(key).collect::<Vec<_>>(),
        all.hits.iter().map(key).collect::<Vec<_>>()
    );
    // A keyword filter's words are highlighted, and its hits do not all score the same.
    let r = s.search(&q("undefined:release sense:any", 50, 0)).unwrap();
    assert!(!r.hits.is_empty());
    let lit = r.hits.iter().filter(|h| !h.highlights.is_empty()).count();
    assert!(lit * 2 > r.hits.len(), "{lit} of {} hits highlighted", r.hits.len());
    // The marked words are the term's, as written or as the analysis found its uses ("unreleased",
    // "making a frontier model available").
    for h in &r.hits {
        for &(a, b) in &h.highlights {
            let w = h.snippet[a..b].to_lowercase();
            assert!(
                w.contains("releas") || w.ends_with("available"),
                "{w:?} in {}",
                h.snippet
            );
        }
    }
    let first = r.hits[0].score;
    assert!(r.hits.iter().any(|h| h.score != first), "scores differ");
}

/// Word sequence `phrase` in `text`, case-insensitively, as whole words.
fn contains_phrase(text: &str, phrase: &[String]) -> bool {
    let words: Vec<String> = billdiff::terms::matcher::tokenize(text)
        .into_iter()
        .map(|t| t.lower)
        .collect();
    words.windows(phrase.len()).any(|w| w == phrase)
}

#[test]
fn exact_phrases_match_a_plain_scan() {
    let s = searcher();
    let folders = billdiff::ingest::library::list(&root().join("bills")).unwrap();
    for phrase in [
        "full shutdown",
        "covered model derivative",
        "frontier model",
        "third party",
        "model weights",
    ] {
        let words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
        let mut want = Vec::new();
        for f in &folders {
            for v in &f.manifest.versions {
                let bill = billdiff::pipeline::open(&f.dir, Some(&v.id), None).unwrap().bill;
                for p in bill.body.walk() {
                    let sep = if p.label.is_empty() || p.text.is_empty() {
                        ""
                    } else {
                        " "
                    };
                    if contains_phrase(&format!("{}{sep}{}", p.label, p.text), &words) {
                        want.push((f.manifest.id.clone(), v.id.clone(), p.path.clone()));
                    }
                }
            }
        }
        want.sort();
        let got = s.matches(&format!("exact:\"{phrase}\"")).unwrap();
        assert_eq!(got, want, "{phrase}");
        assert!(!got.is_empty(), "{phrase}");
        // The stemmed phrase finds at least as much ("model weight" also finds "model weights").
        let stemmed = s.matches(&format!("\"{phrase}\"")).unwrap();
        assert!(want.iter().all(|w| stemmed.contains(w)), "{phrase}");
    }
}

/// A phrase of twenty repeated words within 79 (found by the `search_query` fuzz target: it ran for
/// minutes inside tantivy's sloppy phrase matching) is refused at once as too wide a proximity; within the
/// widest allowed window the worst such phrase is quick.
#[test]
fn a_proximity_wider_than_the_limit_is_refused_at_once() {
    let s = searcher();
    let found = std::fs::read(root().join("tests/data/fuzz/search-query-sloppy-phrase-timeout.bin")).unwrap();
    let text = String::from_utf8(found).unwrap();
    let started = std::time::Instant::now();
    let e = s.parse(&text).unwrap_err().to_string();
    assert!(e.contains("~79 is a wider proximity than search allows"), "{e}");
    let widest = format!("\"{}\"~{}", vec!["a"; 250].join(" "), billdiff::index::MAX_SLOP);
    let q = Query {
        text: widest,
        bill: None,
        version: None,
        limit: 5,
        offset: 0,
    };
    s.search(&q).unwrap();
    // Not a timing assertion: a note for whoever reads a slow run.
    eprintln!("refusal and the widest allowed phrase: {:?}", started.elapsed());
}

/// An excluded phrase (found by the `search_query` fuzz target: `11 -"f f"` tripped a debug assertion in
/// tantivy's phrase scorer) leaves exactly the term's hits that the phrase does not match, and a phrase
/// nothing matches excludes nothing.
#[test]
fn an_excluded_phrase_removes_exactly_its_hits() {
    use std::collections::BTreeSet;
    let s = searcher();
    let set = |q: &str| s.matches(q).unwrap().into_iter().collect::<BTreeSet<_>>();
    let model = set("model");
    let phrase = set("\"covered model\"");
    assert!(!phrase.is_empty() && phrase.is_subset(&model));
    let without = set("model -\"covered model\"");
    assert_eq!(without, &model - &phrase);
    assert!(!without.is_empty());
    assert_eq!(
        set("model -\"f f\""),
        model,
        "a phrase nothing matches excludes nothing"
    );
    assert_eq!(set("11 -\"f f\""), set("11"));
}

#[test]
fn query_syntax_and_filters() {
    let s = searcher();
    let near = s.matches("\"model weights\"~2 AND bill:ca-sb1047").unwrap();
    assert!(!near.is_empty());
    // `AND NOT` is "and not" (the parser alone reads it as a clause nothing matches): hits, none of them
    // in the excluded bill.
    // ("shutdown" is SB 1047's word only: nothing is left once it is excluded.)
    let not = s.matches("shutdown AND NOT bill:ca-sb1047").unwrap();
    assert!(not.is_empty());
    let not = s.matches("incident AND NOT bill:ca-sb1047").unwrap();
    assert!(!not.is_empty(), "AND NOT finds the other bills' hits");
    assert!(not.iter().all(|(b, _, _)| b != "ca-sb1047"));
    let readme = s.matches("\"covered model\"~3 AND NOT bill:ca-sb53").unwrap();
    assert!(
        !readme.is_empty() && readme.iter().all(|(b, _, _)| b != "ca-sb53"),
        "the README's example"
    );
    let section = s.matches("section:22603 AND \"full shutdown\"").unwrap();
    assert!(!section.is_empty() && section.iter().all(|(_, _, p)| p.starts_with("22603")));
    let session = s.matches("session:2025 AND defines:\"frontier model\"").unwrap();
    assert!(!session.is_empty() && session.iter().all(|(b, _, _)| b == "ca-sb53"));
    let uses: Vec<String> = s
        .matches("uses:\"covered model derivative\"")
        .unwrap()
        .into_iter()
        .map(|(_, _, p)| p)
        .collect();
    let report = billdiff::terms::analyse(&open(&root().join("bills/ca-sb1047")), &glossary());
    let d = report
        .definitions
        .iter()
        .find(|d| d.term == "covered model derivative")
        .unwrap();
    let mut want: Vec<String> = d.uses.iter().chain(&d.out_of_scope).map(|u| u.path.clone()).collect();
    want.sort();
    want.dedup();
    assert_eq!(uses, want);
    // Stemming: "releases" finds "release".
    assert!(!s.matches("releases AND bill:ca-sb1047").unwrap().is_empty());
    let hits = s
        .search(&Query {
            text: "\"full shutdown\"".into(),
            bill: None,
            version: None,
            limit: 3,
            offset: 0,
        })
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 3);
    assert!(hits[0].score >= hits[1].score && hits[1].score >= hits[2].score);
    let h = &hits[0];
    assert!(!h.highlights.is_empty());
    for (a, b) in &h.highlights {
        assert!(
            ["full", "shutdown"].contains(&h.snippet[*a..*b].to_lowercase().as_str()),
            "{:?}",
            &h.snippet[*a..*b]
        );
    }
}

#[test]
fn search_cli_errors_and_json() {
    let dir = library_index();
    let out = billdiff()
        .args(["search", "\"covered model\" AND (", "--index"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad query") && err.trim_end().lines().count() == 1,
        "{err}"
    );
    // The problem named in the user's terms, with its place, not the parser's raw text.
    assert!(err.contains("the '(' at character 21 is never closed"), "{err}");
    assert!(!err.contains("Syntax Error"), "{err}");
    let out = billdiff()
        .args(["search", "nosuchfield:x", "--index"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("nosuchfield"));
    let out = billdiff()
        .args(["search", "zzyzx", "--index"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "no hits → 1");
    let out = billdiff()
        .args(["search", "defines:release", "--format", "json", "--index"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "neither bill defines release");
    let out = billdiff()
        .args([
            "search",
            "undefined:release",
            "--bill",
            "ca-sb53",
            "--format",
            "json",
            "--index",
        ])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["schema_version"].as_u64(), v["kind"].as_str()),
        (Some(1), Some("search"))
    );
    let hits: Vec<billdiff::index::Hit> = serde_json::from_value(v["hits"].clone()).unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h.bill == "ca-sb53"));
    let out = billdiff()
        .args(["search", "x", "--index", "/nonexistent/index"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("no index here"));
}

pub(crate) fn write_library(dir: &Path, bills: usize, versions: usize, size: usize) {
    let sources = [
        open(&root().join("bills/ca-sb1047")),
        open(&root().join("bills/ca-sb53")),
    ];
    for f in crate::synth::library(5, bills, versions, size, &sources) {
        let d = dir.join(&f.manifest.id);
        std::fs::create_dir_all(&d).unwrap();
        for (name, text) in &f.files {
            std::fs::write(d.join(name), text).unwrap();
        }
        std::fs::write(d.join("bill.toml"), toml::to_string(&f.manifest).unwrap()).unwrap();
    }
}

#[test]
fn incremental_indexing() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    write_library(&lib, 4, 2, 15_000);
    let idx = tmp.path().join("idx");
    let run = || {
        let out = billdiff()
            .arg("index")
            .arg(&lib)
            .arg("--index")
            .arg(&idx)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run().starts_with("indexed 8 bill versions"));
    assert!(run().starts_with("indexed 0 bill versions"), "nothing changed");
    // One version edited: only it is indexed again.
    let v2 = lib.join("synth-00001/v2.txt");
    let text = std::fs::read_to_string(&v2).unwrap().replacen("shall", "must", 1);
    std::fs::write(&v2, text).unwrap();
    let out = run();
    assert!(out.starts_with("indexed 1 bill version "), "{out}");
    // A bill deleted: its versions leave the index.
    std::fs::remove_dir_all(lib.join("synth-00002")).unwrap();
    let out = run();
    assert!(out.contains("2 removed"), "{out}");
    let s = Searcher::open(&idx).unwrap();
    let keys: Vec<String> = s.versions().unwrap().into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys.len(), 6);
    assert!(!keys.iter().any(|k| k.starts_with("synth-00002")));
    assert!(s.matches("bill:synth-00002").unwrap().is_empty());
}

/// Kill an indexing run half-way: the index still answers, every version in it is whole, and the next
/// run completes.
///
/// The run's last input is a named pipe, so the run blocks there until the test is done with it: the
/// kill cannot come after the run has finished, however slow or fast the machine. The test waits for a
/// first commit (a condition, not a time), then kills.
#[cfg(unix)]
#[test]
fn a_killed_indexing_run_leaves_a_consistent_index() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    write_library(&lib, 60, 3, 30_000);
    let idx = tmp.path().join("idx");
    let last = tmp.path().join("last-bill.html");
    let made = std::process::Command::new("mkfifo").arg(&last).status().unwrap();
    assert!(made.success(), "mkfifo {}", last.display());
    let stderr = tmp.path().join("index.stderr");
    let bin = assert_cmd::cargo::cargo_bin("billdiff");
    let child = std::process::Command::new(&bin)
        .current_dir(root())
        .arg("index")
        .arg(&lib)
        .arg(&last)
        .arg("--index")
        .arg(&idx)
        .args(["--batch", "4"])
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    // Killed on every way out of the test, so a failing assertion never leaves it blocked on the pipe.
    struct Killed(std::process::Child);
    impl Drop for Killed {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Killed(child);
    // Wait for a first commit that a reader can see, then kill (SIGKILL: no chance to clean up).
    let started = std::time::Instant::now();
    let committed = || {
        Searcher::open(&idx)
            .and_then(|s| s.versions())
            .is_ok_and(|v| !v.is_empty())
    };
    while !committed() {
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!(
                "indexing ended ({status}) before the pipe was written: {}",
                std::fs::read_to_string(&stderr).unwrap_or_default()
            );
        }
        assert!(started.elapsed().as_secs() < 300, "no commit within 300 s");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.0.kill().unwrap();
    let status = child.0.wait().unwrap();
    eprintln!("indexing killed after {:?} ({status})", started.elapsed());
    // Every version the index has is whole: as many provision documents as the version document says.
    let s = Searcher::open(&idx).unwrap();
    let versions = s.versions().unwrap();
    let counts = s.provision_counts().unwrap();
    assert_eq!(versions, counts, "no version served in part");
    eprintln!("{} of 181 versions committed before the kill", versions.len());
    assert!(!versions.is_empty() && versions.len() < 181, "killed mid-run");
    assert!(s.matches("\"full shutdown\"").is_ok());
    // The pipe becomes an ordinary bill file; the next run repairs and completes.
    std::fs::remove_file(&last).unwrap();
    std::fs::copy(root().join("bills/ca-sb1047/sb1047-2024-enrolled.html"), &last).unwrap();
    let out = billdiff()
        .arg("index")
        .arg(&lib)
        .arg(&last)
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = Searcher::open(&idx).unwrap();
    assert_eq!(s.versions().unwrap().len(), 181);
    assert_eq!(s.versions().unwrap(), s.provision_counts().unwrap());
}
