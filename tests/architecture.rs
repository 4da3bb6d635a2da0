//! The house keeps its shape: the layers written in ARCHITECTURE.md hold for every `use crate::` (and, in
//! the binary, `billdiff::`) path of the non-test code, and only the modules that own the filesystem touch
//! it. The source is read as text, the way a reviewer reads it.

use crate::support::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers block of ARCHITECTURE.md: module name → layer number.
fn layers() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let start = doc.find("```layers\n").expect("a ```layers block in ARCHITECTURE.md") + "```layers\n".len();
    let end = start + doc[start..].find("```").expect("the layers block closes");
    let mut out = BTreeMap::new();
    for line in doc[start..end].lines().filter(|l| !l.trim().is_empty()) {
        let (n, names) = line.split_once(':').expect("a layer line is `N: module module`");
        let n: usize = n.trim().parse().expect("a layer number");
        for name in names.split_whitespace() {
            assert!(out.insert(name.to_string(), n).is_none(), "{name} is in two layers");
        }
    }
    out
}

/// Every `.rs` file under `src/`, as (path relative to `src/`, text).
fn sources() -> Vec<(String, String)> {
    let src = root().join("src");
    let mut out = Vec::new();
    let mut todo = vec![src.clone()];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without its test module (by convention the last item) and without comments.
fn code(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |i| &text[..i]);
    // Comment lines become blank, so line numbers stay those of the file.
    text.lines()
        .map(|l| if l.trim_start().starts_with("//") { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to, and how many `super::` reach the crate root from it.
fn module_of(rel: &str) -> Option<(String, usize)> {
    if rel == "lib.rs" {
        return None;
    }
    if rel == "main.rs" {
        return Some(("cli".into(), 0));
    }
    let mut parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
    if parts.last() == Some(&"mod") {
        parts.pop();
    }
    Some((parts[0].to_string(), parts.len()))
}

/// The first identifier of each item in a `{a::b, c, d::{e, f}}` group starting at `s[0] == '{'`.
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let (mut depth, mut item) = (0, String::new());
    for c in s.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    continue;
                }
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    heads.push(std::mem::take(&mut item));
                    break;
                }
            }
            ',' if depth == 1 => {
                heads.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    heads
        .iter()
        .filter_map(|h| {
            let w: String = h
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!w.is_empty()).then_some(w)
        })
        .collect()
}

/// The crate-level modules a file's code names.
fn imports(code: &str, depth: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for prefix in ["crate::", "billdiff::"] {
        for (i, _) in code.match_indices(prefix) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[i + prefix.len()..];
            if rest.starts_with('{') {
                out.extend(group_heads(rest));
            } else {
                let w: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !w.is_empty() {
                    out.insert(w);
                }
            }
        }
    }
    // `super::super::x` from deep enough reaches the crate root.
    for (i, _) in code.match_indices("super::") {
        if code[..i].ends_with("super::") {
            continue;
        }
        let mut rest = &code[i..];
        let mut n = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            rest = r;
            n += 1;
        }
        if n >= depth && depth > 0 {
            let w: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.insert(w);
        }
    }
    out
}

/// Module → (imported module → a file that imports it).
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (rel, text) in sources() {
        let Some((module, depth)) = module_of(&rel) else {
            continue;
        };
        let entry = g.entry(module.clone()).or_default();
        for m in imports(&code(&text), depth) {
            if m != module && !["self", "super", "crate", "Error", "Result"].contains(&m.as_str()) {
                entry.entry(m).or_insert_with(|| rel.clone());
            }
        }
    }
    g
}

#[test]
fn every_import_goes_down_the_layers() {
    let layers = layers();
    let g = graph();
    let mut problems = Vec::new();
    for (module, deps) in &g {
        let Some(&from) = layers.get(module) else {
            problems.push(format!("module {module} is not in ARCHITECTURE.md's layers"));
            continue;
        };
        for (dep, file) in deps {
            match layers.get(dep) {
                // A name that is not a module of ours (a type re-exported at the root, say): not an edge.
                None if !g.contains_key(dep) => {}
                None => problems.push(format!("module {dep} is not in ARCHITECTURE.md's layers")),
                Some(&to) if to >= from => problems.push(format!(
                    "src/{file}: {module} (layer {from}) imports {dep} (layer {to}), which is not below it"
                )),
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "the layers are broken:\n{}", problems.join("\n"));
    // Strictly downward edges cannot form a cycle; the layers say so only if every module is placed.
    for module in g.keys() {
        assert!(layers.contains_key(module), "{module} is placed in a layer");
    }
}

#[test]
fn the_layer_reader_sees_grouped_and_super_imports() {
    let c = "use crate::{model::Bill, terms::{self, Sense}, error};\nuse super::super::render::x;\n// use crate::web;";
    let got = imports(&code(c), 2);
    let want: BTreeSet<String> = ["model", "terms", "error", "render"].map(String::from).into();
    assert_eq!(got, want);
    assert!(
        imports("let x = my_crate::web::y;", 1).is_empty(),
        "only whole path segments count"
    );
}

/// Code outside these paths never touches the filesystem or the environment.
const FILE_OWNERS: [&str; 5] = ["ingest/", "cli/", "web/", "main.rs", "index/write.rs"];

#[test]
fn only_the_edges_touch_files_and_the_environment() {
    let touches = [
        "std::fs",
        "fs::",
        "File::",
        "OpenOptions",
        "std::env",
        "env::var",
        ".exists()",
        ".is_file()",
        ".is_dir()",
        "read_dir",
        "canonicalize",
        ".metadata(",
    ];
    let mut problems = Vec::new();
    for (rel, text) in sources() {
        if FILE_OWNERS.iter().any(|o| rel.starts_with(o)) {
            continue;
        }
        for (n, line) in code(&text).lines().enumerate() {
            if let Some(t) = touches.iter().find(|t| line.contains(*t)) {
                problems.push(format!("src/{rel}:{}: {t}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "only {FILE_OWNERS:?} may touch files or the environment:\n{}",
        problems.join("\n")
    );
    assert!(Path::new(&root().join("src/ingest")).is_dir(), "the owners exist");
}
