//! The bad-inputs corpus (`tests/bad-inputs/cases.toml`): every malformed input the suite knows of, run
//! through the CLI, each giving its one-line error and exit code 2, writing no output and leaving nothing
//! behind.

use crate::cli::billdiff;
use crate::support::root;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    input: Option<String>,
    make: Option<Make>,
    args: Vec<String>,
    error: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Make {
    name: String,
    before: String,
    open: String,
    middle: String,
    close: String,
    depth: usize,
    after: String,
}

/// Every file under `dir`, relative to it, sorted.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(base).unwrap().display().to_string());
            if p.is_dir() {
                walk(base, &p, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn every_bad_input_is_one_line_exit_2_and_writes_nothing() {
    let here = root().join("tests/bad-inputs");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(here.join("cases.toml")).unwrap()).unwrap();
    assert!(cases.case.len() >= 25, "{} cases", cases.case.len());
    // Every file of the corpus is some case's input: none is kept that nothing runs.
    let inputs: Vec<&str> = cases.case.iter().filter_map(|c| c.input.as_deref()).collect();
    for e in std::fs::read_dir(&here).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name != "cases.toml" && name != "README.md" {
            assert!(
                inputs.contains(&name.as_str()),
                "{name} is in tests/bad-inputs but no case uses it"
            );
        }
    }
    let bills = root().join("bills");
    let mut failures = Vec::new();
    for case in &cases.case {
        let dir = tempfile::tempdir().unwrap();
        let input = match (&case.input, &case.make) {
            (Some(name), None) => {
                crate::support::copy(&here.join(name), &dir.path().join(name));
                name.clone()
            }
            (None, Some(m)) => {
                let text = format!(
                    "{}{}{}{}{}",
                    m.before,
                    m.open.repeat(m.depth),
                    m.middle,
                    m.close.repeat(m.depth),
                    m.after
                );
                std::fs::write(dir.path().join(&m.name), text).unwrap();
                m.name.clone()
            }
            (None, None) => String::new(),
            (Some(_), Some(_)) => panic!("{:?}: input or make, not both", case.args),
        };
        let before = listing(dir.path());
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| {
                a.replace("{input}", &input)
                    .replace("{out}", "out.file")
                    .replace("{bills}", &bills.display().to_string())
                    .replace("{index}", &crate::search::library_index().display().to_string())
            })
            .collect();
        let started = std::time::Instant::now();
        let out = billdiff().args(&args).current_dir(dir.path()).output().unwrap();
        let took = started.elapsed();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let after = listing(dir.path());
        let mut wrong = Vec::new();
        if out.status.code() != Some(2) {
            wrong.push(format!("exit {:?}", out.status.code()));
        }
        if err.trim_end().lines().count() != 1 {
            wrong.push("not one line".to_string());
        }
        if !err.contains(&case.error) {
            wrong.push(format!("no {:?}", case.error));
        }
        if err.contains("panicked") {
            wrong.push("a panic".to_string());
        }
        if after != before {
            wrong.push(format!("left {after:?} (had {before:?})"));
        }
        if !wrong.is_empty() {
            failures.push(format!("{args:?}: {} — stderr: {}", wrong.join(", "), err.trim_end()));
        }
        // Not a timing assertion: a note for whoever reads a slow run.
        if took.as_secs() > 10 {
            eprintln!("{args:?} took {took:?}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}
