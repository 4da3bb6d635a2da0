//! `billdiff import pubinfo`: the Legislature's pubinfo tables of `../shared/corpus/ca-pubinfo/` (five
//! 1989–90 measures, 52 code sections) into a library and a law store in a temporary folder. The corpus
//! is read in place; a test that edits it edits a copy.

use crate::cli::billdiff;
use crate::support::root;
use billdiff::ingest::law::Store;
use billdiff::ingest::library::{self, BillFolder, ImportedManifest};
use billdiff::ingest::pubinfo::{self, Counts, Report, Target};
use billdiff::model::{DocumentKind, House, Stage};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `../shared/corpus/ca-pubinfo`. Missing: a loud skip on a developer machine, a failure under CI.
fn dump_dir() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus/ca-pubinfo");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing: CI must run with ../shared beside the project",
        dir.display()
    );
    eprintln!(
        "\n*** SKIPPING: {} not found; import tests did not run ***\n",
        dir.display()
    );
    None
}

fn import(dump: &Path, out: &Path) -> Report {
    let target = Target {
        library: &out.join("bills"),
        law: &out.join("law"),
    };
    pubinfo::import(dump, target, &mut |_| {}).unwrap_or_else(|e| panic!("{}: {e}", dump.display()))
}

fn counts(added: usize, changed: usize, unchanged: usize) -> Counts {
    Counts {
        added,
        changed,
        unchanged,
        removed: 0,
    }
}

/// Every file under `dir`, with its inode and bytes: what a re-import must leave as it is.
fn files(dir: &Path) -> BTreeMap<PathBuf, (u64, Vec<u8>)> {
    use std::os::unix::fs::MetadataExt;
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let ino = std::fs::metadata(&p).unwrap().ino();
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    (ino, std::fs::read(&p).unwrap()),
                );
            }
        }
    }
    out
}

fn manifest(out: &Path, id: &str) -> ImportedManifest {
    let dir = out.join("bills").join(id);
    let text = library::read_manifest_text(&dir).unwrap();
    library::parse_imported(&dir.join("bill.toml"), &text)
        .unwrap()
        .expect("an imported manifest")
}

#[test]
fn the_corpus_gives_five_measures_with_their_authors_and_52_code_sections() {
    let Some(dump) = dump_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    let r = import(&dump, out.path());
    assert_eq!(r.skipped, []);
    assert_eq!(
        (r.measures, r.versions, r.sections),
        (counts(5, 0, 0), counts(5, 0, 0), counts(52, 0, 0))
    );

    // The folders open as every bill folder does, named as the built-in library names them.
    let folders = library::list(&out.path().join("bills")).unwrap();
    let ids: Vec<&str> = folders.iter().map(|f| f.manifest.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ca-acr65-1989",
            "ca-sb729-1989",
            "ca-scr39-1989",
            "ca-sjr27-1989",
            "ca-sjr31-1989"
        ]
    );
    let sb729 = BillFolder::open(&out.path().join("bills/ca-sb729-1989")).unwrap();
    assert_eq!(
        (sb729.manifest.measure.as_str(), sb729.manifest.session.as_str()),
        ("SB 729", "1989–1990 Regular Session")
    );
    assert_eq!(sb729.manifest.title, "Monterey Peninsula Water Management District.");
    // The table's double spaces folded, as every reader folds them.
    assert_eq!(
        manifest(out.path(), "ca-sjr27-1989").title,
        "Harbors: dredging and maintenance."
    );
    let v = sb729.version(None).unwrap();
    assert_eq!(
        (v.id.as_str(), v.stage, v.date.to_string()),
        ("chaptered", Stage::Chaptered, "1989-09-21".into())
    );
    assert_eq!(v.file, "19890SB72994CHP.xml");
    assert_eq!(
        v.source,
        "ca-pubinfo/bill-1989/BILL_VERSION_TBL_1094.lob (bill_version_id 19890SB72994CHP)"
    );
    // The text is the .lob byte for byte, and reads as the bill.
    assert_eq!(
        std::fs::read(sb729.version_path(v)).unwrap(),
        std::fs::read(dump.join("bill-1989/BILL_VERSION_TBL_1094.lob")).unwrap()
    );
    let bill = billdiff::pipeline::open(&sb729.dir, None, None).unwrap().bill;
    assert!(bill.body.find("SEC. 1").is_some());
    // The four resolutions open too, from their first resolving clause (`caml:Resolution`).
    for f in &folders[..] {
        let bill = billdiff::pipeline::open(&f.dir, None, None)
            .unwrap_or_else(|e| panic!("{}: {e}", f.manifest.id))
            .bill;
        let first = bill.body.walk().next().unwrap().full_text();
        let resolution = f.manifest.measure.contains('R');
        assert_eq!(
            first.starts_with("Resolved by the"),
            resolution,
            "{}: {first}",
            f.manifest.id
        );
    }

    // Authors from BILL_VERSION_AUTHORS_TBL, in the table's order, with house and role.
    let sjr31 = manifest(out.path(), "ca-sjr31-1989");
    let authors = &sjr31.versions[0].authors;
    assert_eq!(authors.len(), 13);
    assert_eq!(
        (authors[0].name.as_str(), authors[0].house, authors[0].role.as_str()),
        ("Vuich", Some(House::Senate), "lead-author")
    );
    let last = authors.last().unwrap();
    assert_eq!(
        (last.name.as_str(), last.house, last.role.as_str()),
        ("Norman Waters", Some(House::Assembly), "coauthor")
    );
    let acr65 = manifest(out.path(), "ca-acr65-1989");
    let roles: Vec<&str> = acr65.versions[0].authors.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(roles, ["lead-author", "principal-coauthor", "principal-coauthor"]);
    assert_eq!(acr65.pubinfo.bill_id, "198919900ACR65");
    assert_eq!(acr65.versions[0].pubinfo.bill_version_id, "19890ACR6596CHP");

    // The law store: 52 rows are 51 sections, Government Code 100501 having a later operative version.
    let store = Store::open(&out.path().join("law")).unwrap();
    assert_eq!(store.code("Education Code").as_deref(), Some("EDC"));
    assert_eq!(store.code("cons").as_deref(), Some("CONS"));
    let section_files: usize = ["edc", "bpc", "gov", "pen", "cons"]
        .iter()
        .map(|c| std::fs::read_dir(out.path().join("law").join(c)).unwrap().count())
        .sum();
    assert_eq!(section_files, 51);
    let gov = store.section("Government Code", "100501").unwrap().expect("GOV 100501");
    let ids: Vec<&str> = gov.versions.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["GOV100501.201352", "GOV100501.201353"]);
    let edc = store.section("EDC", "48859.").unwrap().expect("EDC 48859");
    let v = &edc.versions[0];
    assert_eq!(
        v.history.as_deref(),
        Some("Amended by Stats. 2021, Ch. 394, Sec. 6. (AB 27) Effective September 29, 2021.")
    );
    assert_eq!(v.effective.map(|d| d.to_string()).as_deref(), Some("2021-09-29"));
    assert_eq!(v.place.get("division").map(String::as_str), Some("4."));
    assert_eq!(
        v.text,
        std::fs::read_to_string(dump.join("law-section/LAW_SECTION_TBL_4.lob")).unwrap()
    );
    // The Constitution numbers its sections within articles.
    let cons = store
        .section("California Constitution", "I-1")
        .unwrap()
        .expect("Article I, Section 1");
    assert_eq!((cons.section.as_str(), cons.article.as_deref()), ("1", Some("I")));
    assert!(
        cons.versions[0]
            .text
            .contains("All people are by nature free and independent")
    );
    assert_eq!(store.section("EDC", "99999").unwrap(), None);
    assert_eq!(store.section("Water Code", "20200").unwrap(), None);
}

/// Every section of the store, with its number, reads as code text: a code section at its number.
#[test]
fn every_imported_section_reads_as_a_code_section() {
    let Some(dump) = dump_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    import(&dump, out.path());
    let store = Store::open(&out.path().join("law")).unwrap();
    let mut read = 0;
    for code in store.codes().codes.keys() {
        let Ok(entries) = std::fs::read_dir(out.path().join("law").join(code.to_lowercase())) else {
            continue;
        };
        for e in entries {
            let stem = e.unwrap().path().file_stem().unwrap().to_string_lossy().to_string();
            let s = store.section(code, &stem).unwrap().unwrap();
            for i in 0..s.versions.len() {
                let doc = s.document(i).unwrap();
                let bill = billdiff::parse::bill(&doc).unwrap_or_else(|e| panic!("{code} {stem}: {e}"));
                // The Constitution's sections read as the sections a constitutional amendment restates.
                let (kind, path) = match &s.article {
                    None => (DocumentKind::Code, s.section.clone()),
                    Some(_) => (DocumentKind::Bill, format!("SEC. {}", s.section)),
                };
                assert_eq!(bill.kind, kind, "{code} {stem}");
                let p = bill
                    .body
                    .find(&path)
                    .unwrap_or_else(|| panic!("{code} {stem}: no provision {path}"));
                assert!(!p.full_text().is_empty());
                read += 1;
            }
        }
    }
    assert_eq!(read, 52);
}

/// `--index DIR`: the search index follows the import, reading only what the import wrote.
#[test]
fn the_index_follows_the_import() {
    let Some(dump) = dump_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    let run = || {
        let o = billdiff()
            .args(["import", "pubinfo"])
            .arg(&dump)
            .arg("--library")
            .arg(out.path().join("bills"))
            .arg("--index")
            .arg(out.path().join("index"))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let first = run();
    assert!(first.contains("versions indexed, 0 unchanged, 0 removed"), "{first}");
    let again = run();
    assert!(again.contains(": 0 versions indexed,"), "{again}");
    let found = billdiff()
        .args(["search", "bill:ca-sb729-1989", "--index"])
        .arg(out.path().join("index"))
        .output()
        .unwrap();
    assert_eq!(
        found.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&found.stderr)
    );
}

#[test]
fn importing_again_changes_nothing() {
    let Some(dump) = dump_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    import(&dump, out.path());
    let before = files(out.path());
    let r = import(&dump, out.path());
    assert_eq!(
        (r.measures, r.versions, r.sections),
        (counts(0, 0, 5), counts(0, 0, 5), counts(0, 0, 52))
    );
    assert_eq!(r.skipped, []);
    assert!(before == files(out.path()), "a second import rewrote files");
}

#[test]
fn an_edited_row_and_an_edited_lob_change_only_their_own_files() {
    let Some(dump) = dump_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("ca-pubinfo");
    crate::support::copy(&dump, &copy);
    let out = tmp.path().join("library");
    import(&copy, &out);
    let before = files(&out);

    // One row: Education Code 48859's history line. One .lob: SJR 27's text.
    let table = copy.join("law-section/LAW_SECTION_TBL.dat");
    let text = std::fs::read_to_string(&table).unwrap();
    let edited = text.replacen(
        "(AB 27)   Effective September 29, 2021.",
        "(AB 27)   Effective October 1, 2021.",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&table, edited).unwrap();
    let lob = copy.join("bill-1989/BILL_VERSION_TBL_101.lob");
    let text = std::fs::read_to_string(&lob).unwrap();
    let edited = text.replacen("dredging", "dredgeing", 1);
    assert_ne!(edited, text);
    std::fs::write(&lob, &edited).unwrap();

    let r = import(&copy, &out);
    assert_eq!(r.skipped, []);
    assert_eq!(
        (r.measures, r.versions, r.sections),
        (counts(0, 1, 4), counts(0, 1, 4), counts(0, 1, 51))
    );
    let after = files(&out);
    let changed: Vec<String> = after
        .iter()
        .filter(|(p, f)| before.get(*p) != Some(f))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(
        changed,
        [
            "bills/ca-sjr27-1989/19890SJR2796CHP.xml",
            "bills/ca-sjr27-1989/bill.toml",
            "law/edc/48859.toml"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(out.join("bills/ca-sjr27-1989/19890SJR2796CHP.xml")).unwrap(),
        edited
    );
    let store = Store::open(&out.join("law")).unwrap();
    let s = store.section("EDC", "48859").unwrap().unwrap();
    assert!(
        s.versions[0]
            .history
            .as_deref()
            .unwrap()
            .ends_with("Effective October 1, 2021.")
    );
}

/// A zip of the dump is the same dump: one code path over named byte sources.
#[test]
fn a_zip_imports_as_its_folder_does() {
    use std::io::Write;
    let Some(dump) = dump_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("pubinfo_1989.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for sub in ["bill-1989", "law-section"] {
        let mut names: Vec<_> = std::fs::read_dir(dump.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for p in names {
            // Flat, as the Legislature's zips are.
            zip.start_file(p.file_name().unwrap().to_string_lossy(), opts).unwrap();
            zip.write_all(&std::fs::read(&p).unwrap()).unwrap();
        }
    }
    zip.finish().unwrap();
    let from_zip = tmp.path().join("z");
    let r = import(&zip_path, &from_zip);
    assert_eq!(r.skipped, []);
    assert_eq!(
        (r.measures, r.versions, r.sections),
        (counts(5, 0, 0), counts(5, 0, 0), counts(52, 0, 0))
    );
    let m = manifest(&from_zip, "ca-scr39-1989");
    assert_eq!(
        m.versions[0].version.source,
        "pubinfo_1989.zip/BILL_VERSION_TBL_102.lob (bill_version_id 19890SCR3997CHP)"
    );
    let from_dir = tmp.path().join("d");
    import(&dump, &from_dir);
    // The same texts; the manifests differ only in the sources they name.
    let (z, d) = (files(&from_zip), files(&from_dir));
    assert_eq!(z.keys().collect::<Vec<_>>(), d.keys().collect::<Vec<_>>());
    for (p, (_, bytes)) in &z {
        if p.extension().is_some_and(|e| e == "xml") {
            assert_eq!(bytes, &d[p].1, "{}", p.display());
        }
    }
}

#[test]
fn current_law_for_a_bill_section_that_amends_a_code_section() {
    let Some(dump) = dump_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    import(&dump, out.path());
    let store = Store::open(&out.path().join("law")).unwrap();
    let law = store.section("EDC", "48859").unwrap().unwrap();
    let current = billdiff::parse::bill(&law.document(0).unwrap()).unwrap();
    let current_48859 = current.body.find("48859").unwrap().full_text();

    // A bill section restating the section with one change, written as the printed bill reads.
    let restated = current_48859.replacen("county social services department", "county welfare department", 1);
    assert_ne!(restated, current_48859);
    let text = format!(
        "The people of the State of California do enact as follows:\n\nSECTION 1. Section 48859 of the Education Code is amended to read:\n\n{}\n",
        restated.replace('\n', "\n\n")
    );
    let doc = billdiff::ingest::decode("amends-48859.txt", text.as_bytes(), None).unwrap();
    let bill = billdiff::parse::bill(&doc).unwrap();
    let sec1 = bill.body.find("SEC. 1").expect("SEC. 1");
    let found = store.current_law(sec1).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].code.as_str(), found[0].section.as_str()),
        ("Education Code", "48859")
    );
    let law = found[0].law.as_ref().expect("EDC 48859 is in the store");
    assert_eq!(law.versions[0].id, "EDC48859.20213946");
    // Both sides read as the same provision tree; only the changed words differ.
    let theirs = billdiff::parse::bill(&law.document(0).unwrap()).unwrap();
    let a = theirs.body.find("48859(a)").unwrap();
    let b = bill.body.find("48859(a)").expect("the bill restates (a)");
    assert_eq!(a.text.replace("county social services", "county welfare"), b.text);
    assert_eq!(
        theirs.body.find("48859(d)").unwrap().text,
        bill.body.find("48859(d)").unwrap().text
    );

    // A real bill: SB 729 (1989) amends Section 20200 of the Water Code, which the store does not hold.
    let sb729 = billdiff::pipeline::open(&out.path().join("bills/ca-sb729-1989"), None, None)
        .unwrap()
        .bill;
    let sec1 = sb729.body.find("SEC. 1").unwrap();
    let found = store.current_law(sec1).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0].code.as_str(),
            found[0].section.as_str(),
            found[0].law.is_none()
        ),
        ("Water Code", "20200", true)
    );
}

#[test]
fn a_law_section_lob_reads_as_code_text() {
    let Some(dump) = dump_dir() else { return };
    let bill = crate::support::open(&dump.join("law-section/LAW_SECTION_TBL_4.lob"));
    assert_eq!(bill.kind, DocumentKind::Fragment);
    let labels: Vec<&str> = bill.body.provisions.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["", "(a)", "(b)", "(c)", "(d)"]);
}

#[test]
fn bad_rows_are_warnings_with_file_and_line_and_the_rest_imports() {
    let Some(dump) = dump_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("ca-pubinfo");
    crate::support::copy(&dump, &copy);
    // Line 3 of LAW_SECTION_TBL loses a column; line 2 of BILL_VERSION_TBL names a .lob that is gone.
    let table = copy.join("law-section/LAW_SECTION_TBL.dat");
    let text = std::fs::read_to_string(&table).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[2] = lines[2].split_once('\t').unwrap().1.to_string();
    std::fs::write(&table, lines.join("\n") + "\n").unwrap();
    std::fs::remove_file(copy.join("bill-1989/BILL_VERSION_TBL_100.lob")).unwrap();

    let out = billdiff()
        .args(["import", "pubinfo"])
        .arg(&copy)
        .arg("--library")
        .arg(tmp.path().join("bills"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "billdiff: warning: ca-pubinfo/law-section/LAW_SECTION_TBL.dat:3: 17 columns where the table has 18; row skipped",
            "billdiff: warning: ca-pubinfo/bill-1989/BILL_VERSION_TBL.dat:2: BILL_VERSION_TBL_100.lob is not in the dump; row skipped",
        ]
    );
    assert_eq!(
        stdout,
        "imported ca-pubinfo\n  measures: 4 added, 0 changed, 0 unchanged\n  versions: 4 added, 0 changed, 0 unchanged\n  sections: 51 added, 0 changed, 0 unchanged\n  2 rows skipped (see the warnings)\n"
    );
    assert!(
        !tmp.path().join("bills/ca-sjr31-1989").exists(),
        "no folder for a bill with no text"
    );
    assert!(
        !tmp.path().join("law/edc/48900.2.toml").exists(),
        "the row that lost a column"
    );
    assert!(tmp.path().join("law/edc/48859.toml").exists());
}

#[test]
fn what_is_not_a_dump_is_one_error() {
    let Some(dump) = dump_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let fake_zip = tmp.path().join("pubinfo_2025.zip");
    std::fs::write(&fake_zip, b"PK\x03\x04 this is not really a zip").unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let cases: [(PathBuf, &str); 4] = [
        (
            dump.join("COLUMNS.md"),
            "COLUMNS.md: not a pubinfo dump: give the folder of its .dat and .lob files, or its .zip",
        ),
        (fake_zip.clone(), "pubinfo_2025.zip: not a readable zip archive: "),
        (
            empty.clone(),
            "empty: not a pubinfo dump: none of BILL_TBL.dat, BILL_VERSION_TBL.dat, BILL_VERSION_AUTHORS_TBL.dat, LAW_SECTION_TBL.dat, CODES_TBL.dat in it",
        ),
        (tmp.path().join("nowhere"), "nowhere: "),
    ];
    for (path, want) in cases {
        let out = billdiff()
            .args(["import", "pubinfo"])
            .arg(&path)
            .arg("--library")
            .arg(tmp.path().join("bills"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        let msg = stderr.trim_end().strip_prefix("billdiff: error: ").unwrap();
        let msg = msg.rsplit_once('/').map_or(msg, |(_, m)| m);
        assert!(msg.starts_with(want), "{msg:?} does not start with {want:?}");
    }
    assert!(!tmp.path().join("bills").exists(), "nothing written");

    // A table whose rows are all the wrong shape is not a pubinfo table.
    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("BILL_TBL.dat"), "name,age\nalice,3\n").unwrap();
    let target = Target {
        library: &tmp.path().join("bills"),
        law: &tmp.path().join("law"),
    };
    let e = pubinfo::import(&bad, target, &mut |_| {}).unwrap_err();
    assert_eq!(
        e.to_string(),
        "bad/BILL_TBL.dat: not a pubinfo table: no row reads (line 1: 1 columns where the table has 19)"
    );
}

/// A folder the import did not make (the built-in SB 2 of 1999, say) is never touched.
#[test]
fn a_folder_written_by_hand_is_left_alone() {
    let Some(dump) = dump_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let bills = tmp.path().join("bills");
    crate::support::copy(&root().join("bills/ca-sb2-1999x1"), &bills.join("ca-sb729-1989"));
    let before = files(&bills.join("ca-sb729-1989"));
    let target = Target {
        library: &bills,
        law: &tmp.path().join("law"),
    };
    let r = pubinfo::import(&dump, target, &mut |_| {}).unwrap();
    assert_eq!(r.measures, counts(4, 0, 0));
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(
        r.skipped[0].to_string(),
        "ca-pubinfo/bill-1989/BILL_TBL.dat:5: ca-sb729-1989 exists and was not made by an import; it is left as it is; row skipped"
    );
    assert!(before == files(&bills.join("ca-sb729-1989")));
}

/// Write the files a synthetic dump is made of into `dir`; their names and bytes, in order.
fn write_synthetic(
    dir: &Path,
    make: impl FnOnce(&mut dyn FnMut(crate::synth_pubinfo::File)),
) -> Vec<(String, Vec<u8>)> {
    std::fs::create_dir_all(dir).unwrap();
    let mut written = Vec::new();
    make(&mut |(name, bytes)| {
        std::fs::write(dir.join(&name), &bytes).unwrap();
        written.push((name, bytes));
    });
    written
}

/// The synthetic session of `benches/import.sh` (`benches/support/synth_pubinfo.rs`, made from this
/// corpus) is a dump the import takes whole — every measure, version and section, no row skipped — whose
/// versions open as bills and resolutions and differ from each other; the same seed gives the same bytes;
/// its daily dump adds a version to some measures and a text to some sections.
#[test]
fn a_synthetic_session_imports_whole_and_its_daily_dump_updates_it() {
    use crate::synth_pubinfo::{Sample, Session, Size};
    let Some(dir) = dump_dir() else { return };
    let sample = Sample::read(&dir).unwrap();
    let size = Size {
        measures: 10,
        versions: 3,
        sections_per_measure: 2,
        year: 2025,
    };
    let session = Session::new(&sample, 7, size).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("pubinfo_2025");
    let files = write_synthetic(&dump, |f| session.dump(f));
    assert_eq!(
        files.len(),
        30 + 20 + 5,
        "a .lob per version and per section, five tables"
    );
    let again = write_synthetic(&tmp.path().join("again"), |f| {
        Session::new(&sample, 7, size).unwrap().dump(f)
    });
    assert!(files == again, "the same seed gave another dump");

    let out = tmp.path().join("lib");
    let r = import(&dump, &out);
    assert_eq!(r.skipped, []);
    assert_eq!(
        (r.measures, r.versions, r.sections),
        (counts(10, 0, 0), counts(30, 0, 0), counts(20, 0, 0))
    );
    let folders = library::list(&out.join("bills")).unwrap();
    let ids: Vec<&str> = folders.iter().map(|f| f.manifest.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ca-ab1-2025",
            "ca-ab2-2025",
            "ca-ab3-2025",
            "ca-ab4-2025",
            "ca-ab5-2025",
            "ca-acr1-2025",
            "ca-sb1-2025",
            "ca-sb2-2025",
            "ca-sb3-2025",
            "ca-sb4-2025"
        ]
    );
    for f in &folders {
        let mut bodies = Vec::new();
        for v in &f.manifest.versions {
            let opened = billdiff::pipeline::open(&f.dir, Some(&v.id), None)
                .unwrap_or_else(|e| panic!("{} {}: {e}", f.manifest.id, v.id));
            assert!(opened.bill.body.provisions.len() > 1, "{} {}", f.manifest.id, v.id);
            bodies.push(opened.bill.body.text.clone());
        }
        assert!(
            bodies.windows(2).all(|w| w[0] != w[1]),
            "{}: a version reads as the one before",
            f.manifest.id
        );
    }
    let stages: Vec<Stage> = manifest(&out, "ca-ab1-2025")
        .versions
        .iter()
        .map(|v| v.version.stage)
        .collect();
    assert_eq!(stages, [Stage::Introduced, Stage::Amended, Stage::Chaptered]);
    let store = Store::open(&out.join("law")).unwrap();
    assert!(store.codes().codes.contains_key("EDC"));

    let r = import(&dump, &out);
    assert_eq!(
        (r.measures, r.versions, r.sections),
        (counts(0, 0, 10), counts(0, 0, 30), counts(0, 0, 20))
    );
    let daily = tmp.path().join("pubinfo_daily_Mon");
    write_synthetic(&daily, |f| session.daily(2, f));
    let r = import(&daily, &out);
    assert_eq!(r.skipped, []);
    assert_eq!(
        (r.measures, r.versions, r.sections),
        (counts(0, 2, 0), counts(2, 0, 0), counts(0, 2, 0))
    );
    assert_eq!(
        manifest(&out, "ca-ab3-2025").versions.len(),
        3,
        "a measure the day left alone"
    );
    for id in ["ca-ab2-2025", "ca-sb3-2025"] {
        let m = manifest(&out, id);
        assert_eq!(m.versions.len(), 4, "{id}");
        assert_eq!(m.versions[3].version.stage, Stage::Amended, "{id}");
    }
}
