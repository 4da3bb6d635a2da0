//! The one way through the pipeline, above the stages: the CLI and the web UI call these functions, which
//! read what the stages need (through `ingest`), run the stages in order and hand back plain data.
//!
//! - opening a bill file or a version of a bill folder (here);
//! - [`letter()`] and [`letter_file`]: a comment letter assembled from its bill, terms analysis and proposal;
//! - [`index`]: building and updating the search index from bill folders;
//! - [`add_version`]: adding an uploaded text to a library as a new bill version.

use crate::error::Result;
use crate::ingest::{self, BillFolder, InputFormat};
use crate::model::{Bill, Source};
use crate::parse;

use std::path::Path;

pub mod index;
mod letter;
mod library;

pub use letter::{letter, letter_file};
pub use library::{NewVersion, add_version};

/// A parsed bill and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The bill.
    pub bill: Bill,
    /// Its source.
    pub source: Source,
    /// The official change marks the file carries (see [`ingest::Marks`]), when it carries any.
    pub marks: Option<ingest::Marks>,
    /// The defined terms the file's markup names, when it marks definitions.
    pub marked_terms: Option<Vec<String>>,
}

impl Opened {
    /// A short name for messages: the folder id or the file name.
    pub fn name(&self) -> String {
        self.source
            .bill
            .clone()
            .unwrap_or_else(|| self.source.path.display().to_string())
    }
}

/// Parse a version of a bill folder from bytes already read (the indexer hashes them first).
pub fn parse_version(folder: &BillFolder, v: &crate::ingest::ManifestVersion, bytes: &[u8]) -> Result<Bill> {
    let path = folder.version_path(v);
    let doc = ingest::decode(&path.display().to_string(), bytes, None)?;
    Ok(parse::with_manifest(parse::bill(&doc)?, &folder.manifest, v))
}

/// Open one version of a bill folder already read.
fn open_version(folder: &BillFolder, v: &ingest::ManifestVersion, format: Option<InputFormat>) -> Result<Opened> {
    open_version_in(folder, v, format, None)
}

fn open_version_in(
    folder: &BillFolder,
    v: &ingest::ManifestVersion,
    format: Option<InputFormat>,
    style: Option<&parse::Style>,
) -> Result<Opened> {
    let path = folder.version_path(v);
    let doc = ingest::read(&path, format)?;
    let bill = parse::with_manifest(parse::bill_in(&doc, style)?, &folder.manifest, v);
    Ok(Opened {
        bill,
        source: Source {
            path,
            format: doc.format,
            bill: Some(folder.manifest.id.clone()),
            version: Some(v.id.clone()),
            url: Some(v.source.clone()),
        },
        marks: doc.marks,
        marked_terms: doc.terms,
    })
}

/// Open a bill file, or a version of a bill folder (`version`: id, date, position or `latest`).
pub fn open(target: &Path, version: Option<&str>, format: Option<InputFormat>) -> Result<Opened> {
    open_in(target, version, format, None)
}

/// [`open`] in a drafting style given by the user (`--style`) instead of the one detected.
pub fn open_in(
    target: &Path,
    version: Option<&str>,
    format: Option<InputFormat>,
    style: Option<&parse::Style>,
) -> Result<Opened> {
    if BillFolder::is_bill_folder(target) {
        let folder = BillFolder::open(target)?;
        return open_version_in(&folder, folder.version(version)?, format, style);
    }
    let doc = ingest::read(target, format)?;
    let bill = parse::bill_in(&doc, style)?;
    Ok(Opened {
        bill,
        source: Source {
            path: target.to_path_buf(),
            format: doc.format,
            bill: None,
            version: None,
            url: None,
        },
        marks: doc.marks,
        marked_terms: doc.terms,
    })
}

/// The two texts one marked version relates (the text before its official change marks, and the text as
/// it reads), opened as two bills in the version's style, and compared: the CLI's `diff --marked` and the
/// web compare page's official redline come through here.
pub fn compare_marked(
    target: &Path,
    version: Option<&str>,
    format: Option<InputFormat>,
    glossary: &crate::glossary::Glossary,
) -> Result<Compared> {
    let new = open(target, version, format)?;
    let Some(marks) = &new.marks else {
        return Err(crate::error::Error::NoMarks {
            source_name: new.name(),
        });
    };
    let doc = marks.document(
        ingest::Side::Before,
        &new.name(),
        new.source.format,
        Some(new.bill.style.clone()),
    );
    let mut before = parse::bill_in(&doc, parse::style::by_id(&new.bill.style))?;
    // The text before the marks is the previous version's: its history (newest first) ends one step
    // earlier.
    if before.meta.history.len() > 1 {
        before.meta.history.remove(0);
    }
    let old = Opened {
        bill: before,
        source: new.source.clone(),
        marks: None,
        marked_terms: None,
    };
    Ok(compared(old, new, glossary))
}

/// A bill (a file, or a version of a bill folder) against the current law in the law store at `law`: each
/// bill section that amends or repeals a section of law compared with the section's current text, each
/// one that adds law all new (see [`crate::compare::law`]). The CLI's `diff BILL --against law` and the
/// web compare page's "vs current law" come through here.
pub fn compare_law(
    target: &Path,
    version: Option<&str>,
    format: Option<InputFormat>,
    law: &Path,
    glossary: &crate::glossary::Glossary,
) -> Result<Compared> {
    let new = open(target, version, format)?;
    let store = ingest::law::Store::open(law)?;
    let current = current_law(&store, &new.bill)?;
    compared_with_law(new, &current, glossary)
}

/// The current text, in `store`, of every section of law the bill's action lines amend or repeal.
pub fn current_law(store: &ingest::law::Store, bill: &Bill) -> Result<Vec<crate::compare::law::Current>> {
    let mut out = Vec::new();
    for p in crate::compare::law::sections_changing_law(bill) {
        for c in store.current_law(p)? {
            // The first version is the one in force; a later one waits for its operative date.
            let text = c.law.as_ref().map(|l| l.document(0)).transpose()?;
            out.push(crate::compare::law::Current {
                bill_section: p.path.clone(),
                code: c.code,
                section: c.section,
                text,
            });
        }
    }
    Ok(out)
}

/// Compare an opened bill with the current law given: the baseline (the bill changing nothing) is the
/// old side. When the bill's marks are its changes to existing law, the redline of the sections read
/// against law is scored against them.
pub fn compared_with_law(
    new: Opened,
    current: &[crate::compare::law::Current],
    glossary: &crate::glossary::Glossary,
) -> Result<Compared> {
    let (base, uses) = crate::compare::law::baseline(&new.bill, current);
    let (old_report, new_report) = rayon::join(
        || crate::terms::analyse(&base, glossary),
        || crate::terms::analyse(&new.bill, glossary),
    );
    let comparison = comparison_with_law(&new, &base, uses, &old_report, &new_report);
    let old = Opened {
        bill: base,
        source: Source {
            version: Some("current law".to_string()),
            ..new.source.clone()
        },
        marks: None,
        marked_terms: None,
    };
    Ok(Compared { old, new, comparison })
}

/// The comparison of a bill with its baseline ([`crate::compare::law::baseline`]), given both terms
/// analyses: what [`compared_with_law`] and the web compare page's "vs current law" show.
pub fn comparison_with_law(
    new: &Opened,
    base: &Bill,
    uses: Vec<crate::compare::law::LawUse>,
    base_report: &crate::terms::TermsReport,
    new_report: &crate::terms::TermsReport,
) -> crate::compare::Comparison {
    use crate::compare::law;
    let mut c = crate::compare::compare(base, &new.bill, base_report, new_report);
    c.context = law::Context::ExistingLaw;
    if let Some(marks) = new.marks.as_ref().filter(|m| m.against_law) {
        // Each section compared with the law it restates or repeals, scored against its own run of the
        // marks. Sections that add law are left out: prints differ in whether they mark new sections
        // (New York underlines them, Washington does not).
        let scored: Vec<&law::LawUse> = uses
            .iter()
            .filter(|u| matches!(u.outcome, law::Outcome::Compared | law::Outcome::Repealed))
            .filter(|u| new.bill.body.find(&u.bill_section).is_some())
            .collect();
        // Each path on either side, to the part it is in; then the redline's paragraphs dealt out in one pass.
        let mut part_of = std::collections::HashMap::new();
        for (i, u) in scored.iter().enumerate() {
            let one = std::slice::from_ref(*u);
            for p in law::paths_read(&new.bill, one)
                .into_iter()
                .chain(law::paths_read(base, one))
            {
                part_of.entry(p).or_insert(i);
            }
        }
        let mut parts: Vec<(String, crate::redline::Redline)> = scored
            .iter()
            .map(|u| {
                let text = new
                    .bill
                    .body
                    .find(&u.bill_section)
                    .map_or_else(String::new, |s| s.full_text());
                (text, crate::redline::Redline::default())
            })
            .collect();
        for p in &c.redline.paragraphs {
            if let Some(&i) = part_of.get(&p.path) {
                parts[i].1.paragraphs.push(p.clone());
            }
        }
        c.official = Some(crate::compare::official::agreement_in_parts(&parts, marks));
    }
    c.law = uses;
    c
}

/// Apply `proposal` to `bill`, given its terms analysis: the amended bill, its redline, and the
/// consistency check, which reads the amended bill's analysis (made here, once: the amended bill is new).
/// The CLI's `propose`, the web proposal builder and letters come through here.
pub fn propose(
    bill: &crate::model::Bill,
    report: &crate::terms::TermsReport,
    proposal: &crate::propose::proposal::Proposal,
    glossary: &crate::glossary::Glossary,
) -> Result<crate::propose::Outcome> {
    let crate::propose::Amended { amended, redline } = crate::propose::amend(bill, report, proposal, glossary)?;
    let amended_report = crate::terms::analyse(&amended, glossary);
    let findings = crate::propose::check::check(report, &amended_report, &amended, proposal);
    Ok(crate::propose::Outcome {
        amended,
        redline,
        findings,
    })
}

/// Compare two opened versions; when the new one carries official change marks, score the redline
/// against them.
pub fn compared(old: Opened, new: Opened, glossary: &crate::glossary::Glossary) -> Compared {
    // One version analysed on each core.
    let (old_report, new_report) = rayon::join(
        || crate::terms::analyse(&old.bill, glossary),
        || crate::terms::analyse(&new.bill, glossary),
    );
    let comparison = comparison(&old, &new, &old_report, &new_report);
    Compared { old, new, comparison }
}

/// Open two bill files (or folders' latest versions) at once, one on each core, and compare them: the
/// CLI's `diff OLD NEW`.
pub fn compare_files(
    old: &Path,
    new: &Path,
    format: Option<InputFormat>,
    glossary: &crate::glossary::Glossary,
) -> Result<Compared> {
    let (old, new) = rayon::join(|| open(old, None, format), || open(new, None, format));
    Ok(compared(old?, new?, glossary))
}

/// The comparison of two opened versions, given their terms analyses, scored against the new one's
/// official change marks when it carries them: what [`compared`] and the web compare page show.
pub fn comparison(
    old: &Opened,
    new: &Opened,
    old_report: &crate::terms::TermsReport,
    new_report: &crate::terms::TermsReport,
) -> crate::compare::Comparison {
    let mut c = crate::compare::compare(&old.bill, &new.bill, old_report, new_report);
    if let Some(marks) = &new.marks {
        c.official = Some(crate::compare::official::agreement(&c.redline, marks));
    }
    c
}

/// Two versions of a bill opened for comparison, and their comparison.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The earlier version.
    pub old: Opened,
    /// The later version.
    pub new: Opened,
    /// What changed.
    pub comparison: crate::compare::Comparison,
}

/// Compare two versions of the bill folder at `dir`, chosen by [`BillFolder::pair`] (default: the latest
/// and the one before it). The CLI's `diff` of a folder and the web compare page both come through here.
pub fn compare_versions(
    dir: &Path,
    from: Option<&str>,
    to: Option<&str>,
    format: Option<InputFormat>,
    glossary: &crate::glossary::Glossary,
) -> Result<Compared> {
    let folder = BillFolder::open(dir)?;
    let (from, to) = folder.pair(from, to)?;
    let (old, new) = rayon::join(
        || open_version(&folder, from, format),
        || open_version(&folder, to, format),
    );
    Ok(compared(old?, new?, glossary))
}
