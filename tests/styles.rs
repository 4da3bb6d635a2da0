//! Every drafting style against real texts, hand-checked: `tests/data/styles/*.toml` name a text (in
//! `../shared/corpus/` or `tests/fixtures/styles/`), the style and kind billdiff must read it as, every
//! bill section, container and section of law by path in order, a sample of labeled provisions with the
//! first words of their text, and every definition with its scope and parts. The lists were written by
//! reading the texts, not billdiff's output; precision and recall of the definitions must both be 100%.

use crate::support::{corpus_dir, root};
use crate::terms::{ExpectedDefinition, kind_name};
use billdiff::model::{Bill, ProvisionKind};
use billdiff::terms::{TermsReport, analyse};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Expected {
    source: String,
    /// Other published forms of the same text (the official XML beside its HTML rendering), each checked
    /// against the same lists.
    #[serde(default)]
    also: Vec<String>,
    style: String,
    kind: String,
    #[serde(default)]
    jurisdiction: Option<String>,
    #[serde(default)]
    measure: Option<String>,
    #[serde(default)]
    partial: Option<String>,
    structure: Vec<String>,
    #[serde(default)]
    provision: Vec<ExpectedProvision>,
    #[serde(default)]
    definition: Vec<ExpectedDefinition>,
    /// Where the file's definitions markup is wrong against the hand-checked list: a defined term it does
    /// not mark (the list defines it), or a marked term the text does not define (the list does not).
    #[serde(default)]
    markup_gap: Vec<MarkupGap>,
}

#[derive(Deserialize)]
struct MarkupGap {
    term: String,
    why: String,
}

#[derive(Deserialize)]
struct ExpectedProvision {
    path: String,
    starts: String,
}

/// Where a source is: a fixture of ours, or a corpus file.
fn source(name: &str) -> Option<PathBuf> {
    if let Some(f) = name.strip_prefix("fixtures/") {
        return Some(root().join("tests/fixtures/styles").join(f));
    }
    corpus_dir().map(|d| d.join("..").join(name))
}

fn facts(e: &Expected) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in &e.definition {
        out.insert(format!("term {} scope {} aliases {:?}", d.term, d.scope, d.aliases));
        for p in &d.part {
            out.insert(format!("part {} at {} {}", d.term, p.location, p.kind));
        }
    }
    out
}

fn actual_facts(r: &TermsReport, within: &dyn Fn(&str) -> bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in r.definitions.iter().filter(|d| within(&d.location)) {
        out.insert(format!(
            "term {} scope {} aliases {:?}",
            d.term, d.scope.anchor, d.aliases
        ));
        for p in &d.parts {
            let kind = kind_name(p.kind);
            out.insert(format!("part {} at {} {kind}", d.term, p.location));
        }
    }
    out
}

/// `partial = "SEC. 1..SEC. 78"`: only definitions in these bill sections were checked.
fn within(bill: &Bill, partial: Option<&str>) -> impl Fn(&str) -> bool {
    let sections: Option<BTreeSet<String>> = partial.map(|p| {
        let (from, to) = p.split_once("..").expect("partial is FROM..TO");
        let all: Vec<String> = bill
            .body
            .walk()
            .filter(|p| p.kind == ProvisionKind::BillSection)
            .map(|p| p.path.clone())
            .collect();
        let a = all.iter().position(|p| p == from).expect("partial's first section");
        let b = all.iter().position(|p| p == to).expect("partial's last section");
        all[a..=b].iter().cloned().collect()
    });
    let lineage: Vec<(String, String)> = bill
        .body
        .provisions
        .iter()
        .flat_map(|top| {
            let mut v = Vec::new();
            let mut stack = vec![(top, top.path.clone())];
            while let Some((p, sec)) = stack.pop() {
                let sec = if p.kind == ProvisionKind::BillSection {
                    p.path.clone()
                } else {
                    sec
                };
                v.push((p.path.clone(), sec.clone()));
                stack.extend(p.children.iter().map(|c| (c, sec.clone())));
            }
            v
        })
        .collect();
    let section_of: std::collections::HashMap<String, String> = lineage.into_iter().collect();
    move |loc: &str| match &sections {
        None => true,
        Some(s) => section_of.get(loc).is_some_and(|sec| s.contains(sec)),
    }
}

fn check(list: &Path) {
    let e: Expected = toml::from_str(&std::fs::read_to_string(list).unwrap())
        .unwrap_or_else(|err| panic!("{}: {err}", list.display()));
    let file = list.file_name().unwrap().to_string_lossy().to_string();
    for src in std::iter::once(&e.source).chain(&e.also) {
        let Some(path) = source(src) else { return };
        check_source(&e, &path, &format!("{file} ({src})"));
    }
}

/// Where the source marks its definitions (`<term>`, `<def>`, `<Term>`), how far billdiff's own analysis
/// of the text agrees with the markup (`terms::markup`): the terms both name, over the terms either names.
/// Every disagreement is printed. A disagreement the expectation lists as a gap in the markup (checked
/// against the hand-checked definitions: a term the list defines and the markup does not mark, or the
/// reverse) is left out of the figure; one that is not listed, or a listed one that is no disagreement,
/// fails.
fn markup_agreement(e: &Expected, name: &str, path: &Path, report: &TermsReport, gaps: &mut Vec<String>) {
    let Some(doc) = billdiff::ingest::read(path, None).ok() else {
        return;
    };
    let Some(marked) = doc.terms.as_deref() else {
        assert!(
            e.markup_gap.is_empty(),
            "{name}: markup gaps listed for a file without markup"
        );
        return;
    };
    let a = billdiff::terms::markup::agreement(report, marked);
    let listed: BTreeSet<String> = e
        .definition
        .iter()
        .flat_map(|d| std::iter::once(&d.term).chain(&d.aliases))
        .map(|t| t.to_lowercase().replace('’', "'"))
        .collect();
    let mut excused = 0;
    for g in &e.markup_gap {
        let t = g.term.to_lowercase();
        let unmarked_definition = a.only_found.contains(&t) && listed.contains(&t);
        let marked_non_definition = a.only_marked.contains(&t) && !listed.contains(&t);
        if unmarked_definition || marked_non_definition {
            excused += 1;
            eprintln!("{name}: markup gap “{}”: {}", g.term, g.why);
        } else {
            gaps.push(format!(
                "markup gap “{}” is not a gap in the markup (or no longer)",
                g.term
            ));
        }
    }
    let all = a.both + a.only_marked.len() + a.only_found.len();
    let adjusted = a.both as f64 / (all - excused).max(1) as f64;
    eprintln!(
        "{name}: markup and analysis agree on {} terms: {:.3} of the {all} either names; {:.3} with the {excused} listed markup gaps set aside\n marked, not found: {:?}\n found, not marked: {:?}",
        a.both,
        a.ratio(),
        adjusted,
        a.only_marked,
        a.only_found
    );
    if adjusted < 0.99 {
        gaps.push(format!("agreement with the definitions markup {adjusted:.3} < 0.99"));
    }
}

fn check_source(e: &Expected, path: &Path, name: &str) {
    let bill = crate::support::open(path);
    let name = name.to_string();
    assert_eq!(bill.style, e.style, "{name}: style");
    assert_eq!(bill.kind.id(), e.kind, "{name}: document kind");
    if let Some(j) = &e.jurisdiction {
        assert_eq!(
            bill.meta.jurisdiction.as_deref(),
            Some(j.as_str()),
            "{name}: jurisdiction"
        );
    }
    if let Some(m) = &e.measure {
        assert_eq!(
            bill.meta.measure.as_ref().map(|m| m.to_string()),
            Some(m.clone()),
            "{name}: measure"
        );
    }
    // Structure: every bill section, container and section of law, in order.
    let got: Vec<String> = bill
        .body
        .walk()
        .filter(|p| {
            matches!(
                p.kind,
                ProvisionKind::BillSection | ProvisionKind::Heading | ProvisionKind::CodeSection
            )
        })
        .map(|p| p.path.clone())
        .collect();
    if got != e.structure {
        let want: BTreeSet<_> = e.structure.iter().collect();
        let have: BTreeSet<_> = got.iter().collect();
        panic!(
            "{name}: structure differs\n missing {:?}\n extra {:?}\n got {got:?}",
            want.difference(&have).collect::<Vec<_>>(),
            have.difference(&want).collect::<Vec<_>>()
        );
    }
    // No path falls back to ¶N where the text numbers its parts: each sampled provision is where the list
    // says, with its words.
    let mut gaps = Vec::new();
    for p in &e.provision {
        let Some(found) = bill.body.find(&p.path) else {
            let parent = p.path.rsplit_once('(').map_or("", |(a, _)| a);
            let near: Vec<String> = bill
                .body
                .walk()
                .filter(|q| !parent.is_empty() && q.path.starts_with(parent))
                .take(6)
                .map(|q| format!("{} {:?}", q.path, q.own_line().chars().take(30).collect::<String>()))
                .collect();
            gaps.push(format!("no provision {} (near: {near:?})", p.path));
            continue;
        };
        // Case aside: GPO prints subsection headings in small capitals by style sheet (`In general.—` in
        // the markup, IN GENERAL.— on the page); billdiff keeps the text's own letters.
        let text = found
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let want = p.starts.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        assert!(
            text.starts_with(&want),
            "{name}: {} reads {text:?}, expected {want:?}",
            p.path
        );
    }
    // Spans tile the body text.
    let mut covered = vec![0u8; bill.body.text.len()];
    for p in bill.body.walk() {
        for c in &mut covered[p.span.start..p.span.end] {
            *c += 1;
        }
    }
    assert!(covered.iter().all(|&c| c == 1), "{name}: spans do not tile the body");
    // Definitions: precision and recall 100%.
    let report = analyse(&bill, &crate::terms::glossary());
    let want = facts(e);
    let got = actual_facts(&report, &within(&bill, e.partial.as_deref()));
    let missed: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    let tp = want.intersection(&got).count();
    eprintln!(
        "{name}: {} structure entries, definitions precision {:.3} recall {:.3} ({} facts)",
        e.structure.len(),
        tp as f64 / got.len().max(1) as f64,
        tp as f64 / want.len().max(1) as f64,
        want.len()
    );
    if !(missed.is_empty() && extra.is_empty()) {
        gaps.push(format!("definitions:\n missed {missed:#?}\n extra {extra:#?}"));
    }
    markup_agreement(e, &name, path, &report, &mut gaps);
    assert!(gaps.is_empty(), "{name}:\n{}", gaps.join("\n"));
}

fn lists() -> Vec<PathBuf> {
    let dir = root().join("tests/data/styles");
    let mut lists: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    lists.sort();
    lists
}

macro_rules! style_test {
    ($name:ident, $file:literal) => {
        #[test]
        fn $name() {
            check(&root().join("tests/data/styles").join($file));
        }
    };
}

style_test!(colorado_act_fixture, "co-ai-act-fixture.toml");
style_test!(eu_ai_act_markdown, "eu-ai-act-2024.toml");
style_test!(eu_akn4eu_council_position, "eu-akn4eu-council-position-2013.toml");
style_test!(eu_com_proposal_akn, "eu-com-2013-619-akn.toml");
style_test!(new_york_s434_lbdc_page, "ny-s434-2015.toml");
style_test!(new_york_a1646a_lbdc_page, "ny-a1646a-2017.toml");
style_test!(texas_hb100_pdf, "tx-hb100-2025.toml");
style_test!(texas_hb101_pdf, "tx-hb101-2025.toml");
style_test!(uk_act_from_clml_text, "uk-anaw-2018-1.toml");
style_test!(uk_ukpga_1985_67_s6_point_in_time_clml, "uk-ukpga-1985-67-s6.toml");
style_test!(uk_ukpga_1995_50_s1_point_in_time_clml, "uk-ukpga-1995-50-s1.toml");
style_test!(uk_dripa_akn, "uk-ukpga-2014-27-dripa-akn.toml");
style_test!(us_act_akn, "us-akn-act-2011-americas-cup.toml");
style_test!(us_federal_gpo_html, "us-hr6028-2025.toml");
style_test!(us_federal_uslm_hr1037_engrossed, "us-hr1037-2019-eh.toml");
style_test!(us_federal_uslm_hr1037_referred, "us-hr1037-2019-rfs.toml");
style_test!(us_federal_uslm_s1325_reported, "us-s1325-2023-rs.toml");
style_test!(us_federal_uslm_s2062_reported, "us-s2062-2007-ris.toml");
style_test!(us_federal_uslm_sconres10_introduced, "us-sconres10-2019-is.toml");
style_test!(us_federal_uslm_sconres10_reported, "us-sconres10-2019-rs.toml");
style_test!(washington_session_law_htm, "wa-hb1320-2021.toml");

#[test]
fn every_expectation_file_has_a_test() {
    let names: Vec<String> = lists()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    let this = std::fs::read_to_string(root().join("tests/styles.rs")).unwrap();
    for n in &names {
        assert!(this.contains(&format!("\"{n}\"")), "{n} has no style_test! line");
    }
    assert!(names.len() >= 9);
}

/// The text of a `caml:Content` fragment as a code prints it: one paragraph per `<p>`, `EnSpace` as a space.
fn caml_content_paragraphs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("law section XML parses");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            let mut s = String::new();
            for d in p.descendants() {
                if d.is_text() {
                    s.push_str(d.text().unwrap_or(""));
                } else if d.tag_name().name() == "span" {
                    s.push(' ');
                }
            }
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Current law with no bill around it: the Education Code sections of the Legislature's own law-section table
/// (`../shared/corpus/ca-pubinfo/law-section`), printed one after another as the code prints them
/// (`48900.2. (a) ...`), read as code text: every section by its number, its subdivisions inside it.
#[test]
fn california_code_text_parses_as_code() {
    let Some(dir) = corpus_dir().map(|d| d.join("../ca-pubinfo/law-section")) else {
        return;
    };
    let table = std::fs::read_to_string(dir.join("LAW_SECTION_TBL.dat")).unwrap();
    let mut text = String::new();
    let mut numbers = Vec::new();
    let mut subdivisions = 0;
    for row in table.lines() {
        let cols: Vec<&str> = row.split('\t').map(|c| c.trim_matches('`')).collect();
        if cols[1] != "EDC" {
            continue;
        }
        let num = cols[2].trim_end_matches('.');
        let paragraphs = caml_content_paragraphs(&std::fs::read_to_string(dir.join(cols[14])).unwrap());
        subdivisions += paragraphs.iter().filter(|p| p.starts_with("(a) ")).count();
        text.push_str(&format!("{num}. {}\n\n", paragraphs.join("\n\n")));
        numbers.push(num.to_string());
    }
    assert_eq!(numbers.len(), 41, "the table's 41 Education Code sections");
    let doc = billdiff::ingest::decode("edc.txt", text.as_bytes(), None).unwrap();
    let bill = billdiff::parse::bill(&doc).unwrap();
    assert_eq!(bill.kind.id(), "code");
    assert_eq!(bill.style, "ca");
    let sections: Vec<String> = bill
        .body
        .walk()
        .filter(|p| p.kind == ProvisionKind::CodeSection)
        .map(|p| p.path.clone())
        .collect();
    assert_eq!(sections, numbers);
    let firsts = bill.body.walk().filter(|p| p.path.ends_with("(a)")).count();
    assert!(
        firsts >= subdivisions,
        "{firsts} (a) subdivisions, {subdivisions} in the XML"
    );
    // Nothing outside a section: the text starts at its first section.
    assert!(
        bill.body
            .provisions
            .iter()
            .all(|p| p.kind == ProvisionKind::CodeSection)
    );
}

/// New York prints its bills with words hyphenated across lines (`identifica-` / `tion`): joined, every
/// defined term of S 434 is found in use, and no use is split in two.
#[test]
fn hyphenated_line_ends_hide_no_use() {
    let Some(path) = corpus_dir().map(|d| d.join("../ny/ny-lbdc-s434-2015-gbl-new-section.html")) else {
        return;
    };
    let bill = crate::support::open(&path);
    assert!(
        !bill.body.text.contains("identifica- tion"),
        "line-end hyphens are joined"
    );
    let report = analyse(&bill, &crate::terms::glossary());
    assert_eq!(report.definitions.len(), 4);
    for d in &report.definitions {
        assert!(!d.uses.is_empty(), "{} has no use", d.term);
    }
    assert!(
        !report
            .findings
            .iter()
            .any(|f| matches!(f, billdiff::terms::findings::Finding::UnusedDefinition { .. })),
        "{:?}",
        report.findings
    );
    // "caller identification information" is printed "caller identifica-" / "tion information" in the
    // print's (b) and used again in the (c) definition's text.
    let used = report
        .definitions
        .iter()
        .find(|d| d.term == "caller identification information")
        .unwrap();
    assert!(used.uses.len() + used.out_of_scope.len() >= 2);
}

/// A part of a law with no section around it: the EU AI Act's definitions, copied alone from Article 3 (its
/// lead-in and the 68 points), read as a fragment of law with paths `(1)` to `(68)` and the lead-in's scope.
#[test]
fn a_definitions_list_alone_is_a_fragment() {
    let Some(path) = corpus_dir().map(|d| d.join("../formats/eu-ai-act-2024-1689-markdown-derived.md")) else {
        return;
    };
    let md = std::fs::read_to_string(path).unwrap();
    let start = md
        .find("For the purposes of this Regulation, the following definitions apply:")
        .unwrap();
    let end = start + md[start..].find("## Article 4").unwrap();
    let doc = billdiff::ingest::decode("article-3.md", &md.as_bytes()[start..end], None).unwrap();
    let bill = billdiff::parse::bill(&doc).unwrap();
    assert_eq!((bill.kind.id(), bill.style.as_str()), ("fragment", "eu"));
    assert_eq!(
        bill.body.find("(1)").unwrap().text.split(" means").next(),
        Some("'AI system'")
    );
    assert!(bill.body.find("(68)").is_some());
    let report = analyse(&bill, &crate::terms::glossary());
    assert_eq!(report.definitions.len(), 68);
    assert!(
        report
            .definitions
            .iter()
            .all(|d| d.scope.anchor == "bill" && d.scope.stated)
    );
}
