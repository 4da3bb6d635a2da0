//! The analysis computed once: `compare`, `propose` and letters are handed a bill's terms analysis and never
//! make it again (the counter counts `terms::analyse` calls on this thread). The only analysis they cause
//! is of the amended bill a proposal makes, which nobody else has.

use crate::support::root;
use billdiff::terms::{analyse, analyses_on_this_thread};

const LETTER: &str = "bills/ca-sb1047/letters/oppose-unless-amended.toml";
const PROPOSAL: &str = "bills/ca-sb1047/proposals/deployed-systems.toml";

/// How many analyses `f` makes.
fn analyses<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = analyses_on_this_thread();
    let out = f();
    (out, analyses_on_this_thread() - before)
}

#[test]
fn compare_uses_the_analyses_it_is_handed() {
    let g = crate::terms::glossary();
    let folder = root().join("bills/ca-sb53");
    let old = billdiff::pipeline::open(&folder, Some("amended-asm-2025-07-17"), None).unwrap();
    let new = billdiff::pipeline::open(&folder, None, None).unwrap();
    let (ro, rn) = (analyse(&old.bill, &g), analyse(&new.bill, &g));
    let (c, n) = analyses(|| billdiff::compare::compare(&old.bill, &new.bill, &ro, &rn));
    assert_eq!(n, 0, "compare analysed a bill it was handed");
    assert!(c.summary.differs() && !c.summary.definitions.unchanged.is_empty());
    let (_, n) = analyses(|| billdiff::pipeline::comparison(&old, &new, &ro, &rn));
    assert_eq!(n, 0, "pipeline::comparison analysed a bill it was handed");
    // `compared` is handed none: it analyses each version itself (on rayon's pool, which this thread's
    // counter does not see) and compares the same.
    let both = billdiff::pipeline::compared(old.clone(), new.clone(), &g);
    assert_eq!(both.comparison, c);
}

#[test]
fn propose_analyses_only_the_amended_bill() {
    let g = crate::terms::glossary();
    let opened = billdiff::pipeline::open(&root().join("bills/ca-sb1047"), None, None).unwrap();
    let proposal = billdiff::ingest::proposal::read(&root().join(PROPOSAL)).unwrap();
    let report = analyse(&opened.bill, &g);
    let (amended, n) = analyses(|| billdiff::propose::amend(&opened.bill, &report, &proposal, &g).unwrap());
    assert_eq!(n, 0, "propose analysed the bill it was handed");
    assert_ne!(amended.amended.body.text, opened.bill.body.text);
    let (outcome, n) = analyses(|| billdiff::pipeline::propose(&opened.bill, &report, &proposal, &g).unwrap());
    assert_eq!(n, 1, "the amended bill, once");
    assert_eq!(outcome.amended, amended.amended);
}

#[test]
fn a_letter_reuses_its_bills_analysis() {
    let g = crate::terms::glossary();
    let path = root().join(LETTER);
    let raw = billdiff::ingest::letter::read(&path).unwrap();
    let letter = billdiff::letter::validate(&raw, LETTER).unwrap();
    let located = billdiff::ingest::letter::locate(&path, &letter.bill, letter.proposal.as_deref()).unwrap();
    let proposal = billdiff::ingest::proposal::read(located.proposal.as_deref().unwrap()).unwrap();
    let opened = billdiff::pipeline::open(&located.bill, letter.version.as_deref(), None).unwrap();
    let report = analyse(&opened.bill, &g);
    let (content, n) =
        analyses(|| billdiff::pipeline::letter(letter.clone(), &opened, &report, Some(proposal), &g).unwrap());
    assert_eq!(n, 1, "only the amended bill its proposal makes");
    let (without, n) = analyses(|| billdiff::pipeline::letter(letter, &opened, &report, None, &g).unwrap());
    assert_eq!(n, 0);
    // The same content the CLI's `comment` makes from the file.
    let (from_file, n) = analyses(|| billdiff::pipeline::letter_file(&path, &g).unwrap());
    assert_eq!(n, 2, "the bill and the amended bill, once each");
    assert_eq!(format!("{content:?}"), format!("{from_file:?}"));
    assert_ne!(format!("{content:?}"), format!("{without:?}"));
}
