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

/// Where user-facing English is written.
const WORD_OWNERS: [&str; 4] = ["render/", "cli/", "web/", "main.rs"];

/// Literals outside [`WORD_OWNERS`] that look like English but are data, not sentences. Each is here
/// for a reason; a new entry needs one too.
const NOT_SENTENCES: &[&str] = &[
    // Phrases the parser *matches* in bill text (scope phrases, definition verbs, heading ranges): the bill's
    // words, looked for, never shown as ours.
    "as used in this",
    "for purposes of this",
    "does not include",
    "commencing with section",
];

/// The string literals of `code` (normal, escaped and raw), each with the byte offset of its opening quote.
fn string_literals(code: &str) -> Vec<(usize, String)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            // A char literal ('"', '\'', '\n'), or a lifetime (left as it is).
            b'\'' => {
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 2;
                } else if let Some(len) = code[i + 1..].chars().next().map(char::len_utf8)
                    && b.get(i + 1 + len) == Some(&b'\'')
                {
                    i += len + 1;
                }
                i += 1;
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let open = i + 1 + hashes;
                if b.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = code[open + 1..].find(&close).map_or(b.len(), |k| open + 1 + k);
                out.push((i, code[open + 1..end].to_string()));
                i = end + close.len();
            }
            b'"' => {
                let start = i;
                let mut s = String::new();
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                s.push_str(&code[start + 1..i.min(b.len())]);
                out.push((start, s));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether `s` holds three or more lowercase words in a row (letters only, one space apart).
fn has_sentence(s: &str) -> bool {
    let mut run = 0;
    let mut word = String::new();
    let mut gap_ok = true;
    let flush = |word: &mut String, run: &mut usize, gap_ok: bool| {
        if word.is_empty() {
            return;
        }
        let lower = word.chars().all(|c| c.is_ascii_lowercase());
        *run = if lower { if gap_ok { *run + 1 } else { 1 } } else { 0 };
        word.clear();
    };
    let mut prev_space = false;
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            if word.is_empty() {
                gap_ok = prev_space;
            }
            word.push(c);
        } else {
            flush(&mut word, &mut run, gap_ok);
            if run >= 3 {
                return true;
            }
            if c != ' ' || prev_space {
                run = 0;
            }
            prev_space = c == ' ' && !prev_space;
            continue;
        }
        prev_space = false;
    }
    flush(&mut word, &mut run, gap_ok);
    run >= 3
}

/// Calls whose string arguments a user reads: formatting, and the library's error and warning builders
/// (with serde's `custom` and `io::Error::other`, whose messages reach the user as a cause).
const WORDING_CALLS: [&str; 11] = [
    "format!",
    "write!",
    "writeln!",
    "print!",
    "println!",
    "eprintln!",
    "err",
    "bad",
    "warn",
    "custom",
    "other",
];
/// Struct fields that carry words to a user (the payloads of errors, warnings and notes).
const WORDING_FIELDS: [&str; 8] = ["message", "reason", "why", "what", "note", "hint", "problem", "text"];

/// Whether the literal at `at` is an argument of a [`WORDING_CALLS`] call (however deeply nested in the one
/// statement, through `if`/`match` blocks and closures too) or the value of a [`WORDING_FIELDS`] field.
fn is_wording(code: &str, at: usize) -> bool {
    let before = code[..at].trim_end();
    let before = before.strip_suffix("Some(").unwrap_or(before).trim_end();
    if let Some(field) = before.strip_suffix(':') {
        let name: String = field
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if WORDING_FIELDS.contains(&name.as_str()) && !field.ends_with(':') {
            return true;
        }
    }
    // Walk back to each unclosed `(` of the statement and read the name before it.
    let b = code.as_bytes();
    let (mut depth, mut braces) = (0usize, 0usize);
    let mut i = at;
    while i > 0 {
        i -= 1;
        match b[i] {
            b')' | b']' => depth += 1,
            b'(' | b'[' if depth > 0 => depth -= 1,
            b'}' => braces += 1,
            // An enclosing block: the call it is an argument of, if any, is further back.
            b'{' => braces = braces.saturating_sub(1),
            b';' if depth == 0 && braces == 0 => return false,
            b'(' => {
                let name: String = code[..i]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '!')
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if WORDING_CALLS.contains(&name.as_str()) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[test]
fn only_render_cli_and_web_write_english() {
    let mut problems = Vec::new();
    for (rel, text) in sources() {
        if WORD_OWNERS.iter().any(|o| rel.starts_with(o)) {
            continue;
        }
        let code = code(&text);
        for (at, lit) in string_literals(&code) {
            if !has_sentence(&lit) || NOT_SENTENCES.iter().any(|a| lit.to_lowercase().contains(a)) {
                continue;
            }
            if is_wording(&code, at) {
                let line = code[..at].matches('\n').count() + 1;
                problems.push(format!("src/{rel}:{line}: {lit:?}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "user-facing English outside {WORD_OWNERS:?} (move it to render/, or if it is data, not a \
         sentence, add it to NOT_SENTENCES with a reason):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_english_detector_sees_sentences_in_wording_calls() {
    assert!(has_sentence("{path} appears more than once"));
    assert!(has_sentence("(a bill folder, relative"));
    assert!(!has_sentence("SEC. 2(a) of Chapter"));
    assert!(!has_sentence("a  b c"), "one space apart");
    assert!(!has_sentence("{}: {} ({})"));
    let c = "let x = format!(\"{a} is not here\", a = f(\"as is\"));\nlet y = Error::X { message: \"no such thing here\".into() };\nlet z = tag(\"one two three\");\nlet q = '\"'; bad(src, \"the file is odd\");\nerr(d, if e { \"it was built elsewhere\" } else { \"x\" });\nfn f() { \"not a call argument\" }\nlet e = Error::io(p, std::io::Error::other(\"the path has none\"));";
    let lits = string_literals(c);
    let flagged: Vec<&str> = lits
        .iter()
        .filter(|(at, l)| has_sentence(l) && is_wording(c, *at))
        .map(|(_, l)| l.as_str())
        .collect();
    assert_eq!(
        flagged,
        [
            "{a} is not here",
            "no such thing here",
            "the file is odd",
            "it was built elsewhere",
            "the path has none"
        ]
    );
}
