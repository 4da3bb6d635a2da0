//! Public-record comment letters for advocates.
//!
//! An advocate writes a letter file (TOML) with who writes to whom, about which bill and version, for which
//! committee, with one stance, in their own words — and the amendment proposal to attach. billdiff checks it
//! ([`validate`]: one raw type in, one checked type out; pure — the caller resolves where the bill and
//! proposal are), then assembles the content ([`assemble`]): the
//! concerns the terms analysis finds (technical terms of art used without a definition, definitions that
//! do not match the technology per the glossary), each traceable to provision paths; the proposal's
//! amendments, redline and technical footnotes. Renderers turn that content into Markdown, HTML, plain text
//! for web forms, PDF and Word with tracked changes.

use crate::error::{Error, LetterProblem, Result};
use crate::glossary::Glossary;
pub use crate::model::letter::{RawLetter, RawParty, Stance};
use crate::model::{Bill, Date, DefinitionRef, HistoryEntry};
use crate::propose::Outcome;
use crate::propose::proposal::Proposal;
use crate::redline::Footnote;
use crate::terms::{Sense, TermsReport};
use serde::{Deserialize, Serialize};

/// A sender or addressee, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Organization.
    pub organization: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Address lines.
    pub address: Vec<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

impl Party {
    /// Name or organization, for the signature and letterhead.
    pub fn display(&self) -> &str {
        self.name
            .as_deref()
            .or(self.organization.as_deref())
            .unwrap_or_default()
    }
}

/// A letter, checked: what the renderers and the assembly rely on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    /// Who writes.
    pub sender: Party,
    /// To whom.
    pub addressee: Party,
    /// Salutation, if given (render's default greets the addressee).
    pub salutation: Option<String>,
    /// The bill as the letter names it: a bill folder relative to the letter, or a bill id in the library
    /// the letter sits in. Where it is on disk is the caller's to resolve (`ingest::letter::locate`).
    pub bill: String,
    /// The version selector, if given.
    pub version: Option<String>,
    /// The committee.
    pub committee: String,
    /// The stance.
    pub stance: Stance,
    /// Subject line, if given.
    pub subject: Option<String>,
    /// The letter's date.
    pub date: Date,
    /// The proposal to attach, as the letter names it (relative to the letter), if any.
    pub proposal: Option<String>,
    /// The advocate's paragraphs.
    pub paragraphs: Vec<String>,
    /// Closing, if given (render's default: "Sincerely,").
    pub closing: Option<String>,
}

fn bad(source: &str, problem: LetterProblem) -> Error {
    Error::Letter {
        source_name: source.to_string(),
        line: None,
        problem,
    }
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

fn party(p: &RawParty) -> Party {
    Party {
        organization: nonempty(&p.organization),
        name: nonempty(&p.name),
        title: nonempty(&p.title),
        address: p
            .address
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        email: nonempty(&p.email),
        phone: nonempty(&p.phone),
    }
}

/// The support or opposition a subject line names, longest phrase first ("oppose unless amended" before
/// "oppose"); a concern is no stance a subject line states, so it is not looked for.
fn stance_named(subject: &str) -> Option<Stance> {
    let s = subject.to_lowercase().replace('-', " ");
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |phrase: &[&str]| words.windows(phrase.len()).any(|w| w == phrase);
    [
        (&["oppose", "unless", "amended"][..], Stance::OpposeUnlessAmended),
        (&["support", "if", "amended"][..], Stance::SupportIfAmended),
        (&["support"][..], Stance::Support),
        (&["oppose"][..], Stance::Oppose),
    ]
    .into_iter()
    .find(|(p, _)| has(p))
    .map(|(_, st)| st)
}

/// Check a raw letter: everything a letter needs is there and well formed, and its subject does not name
/// another stance. Pure: no file is looked at (`source_name` is for messages); where the bill and proposal
/// are is resolved by the caller.
pub fn validate(raw: &RawLetter, source_name: &str) -> Result<Letter> {
    let src = source_name;
    let sender = raw
        .sender
        .as_ref()
        .ok_or_else(|| bad(src, LetterProblem::MissingSender))?;
    let sender = party(sender);
    if sender.name.is_none() && sender.organization.is_none() {
        return Err(bad(src, LetterProblem::SenderUnnamed));
    }
    let addressee_raw = raw
        .addressee
        .as_ref()
        .ok_or_else(|| bad(src, LetterProblem::MissingAddressee))?;
    let addressee = party(addressee_raw);
    if addressee.name.is_none() && addressee.organization.is_none() {
        return Err(bad(src, LetterProblem::AddresseeUnnamed));
    }
    let bill = nonempty(&raw.bill).ok_or_else(|| bad(src, LetterProblem::MissingBill))?;
    let stances = || Stance::ALL.map(|s| s.as_str().to_string()).to_vec();
    let stance_text =
        nonempty(&raw.stance).ok_or_else(|| bad(src, LetterProblem::MissingStance { stances: stances() }))?;
    let stance = Stance::parse(&stance_text).ok_or_else(|| {
        bad(
            src,
            LetterProblem::UnknownStance {
                given: stance_text.clone(),
                stances: stances(),
            },
        )
    })?;
    // A subject that names a stance must name this one ("Oppose unless amended" on a letter of support).
    if let Some(subject) = nonempty(&raw.subject)
        && let Some(named) = stance_named(&subject)
        && named != stance
    {
        return Err(bad(
            src,
            LetterProblem::SubjectContradictsStance {
                subject_says: named.as_str().to_string(),
                stance: stance.as_str().to_string(),
            },
        ));
    }
    let proposal = nonempty(&raw.proposal);
    if stance.needs_amendments() && proposal.is_none() {
        return Err(bad(
            src,
            LetterProblem::StanceNeedsProposal {
                stance: stance.as_str().to_string(),
            },
        ));
    }
    let committee = nonempty(&raw.committee).ok_or_else(|| bad(src, LetterProblem::MissingCommittee))?;
    let date = match nonempty(&raw.date) {
        Some(d) => Date::parse_iso(&d).ok_or_else(|| bad(src, LetterProblem::BadDate { given: d.clone() }))?,
        None => return Err(bad(src, LetterProblem::MissingDate)),
    };
    let paragraphs: Vec<String> = raw
        .paragraphs
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(bad(src, LetterProblem::NoParagraphs));
    }
    Ok(Letter {
        sender,
        addressee,
        salutation: nonempty(&addressee_raw.salutation),
        bill,
        version: nonempty(&raw.version),
        committee,
        stance,
        subject: nonempty(&raw.subject),
        date,
        proposal,
        paragraphs,
        closing: nonempty(&raw.closing),
    })
}

/// A concern found in the bill, traceable to provisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Concern {
    /// A technical term of art used without a definition in scope.
    UndefinedTermOfArt {
        /// Headword.
        term: String,
        /// Technical uses.
        uses: usize,
        /// Where.
        paths: Vec<String>,
        /// The note explaining it (1-based, into the letter's notes).
        note: usize,
    },
    /// A definition whose words do not match the technology, per the glossary.
    Definition {
        /// The defined term and where.
        definition: DefinitionRef,
        /// The glossary's note.
        text: String,
        /// The note explaining the term.
        note: usize,
    },
}

/// Everything a letter says, assembled: the checked letter, the bill, concerns, amendments and notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// The letter.
    pub letter: Letter,
    /// Measure ("SB 1047"), when the bill names one.
    pub measure: Option<String>,
    /// The version: the latest line of the bill's history (stage and date), when it prints one.
    pub version: Option<HistoryEntry>,
    /// Concerns from the terms analysis.
    pub concerns: Vec<Concern>,
    /// The proposal and what applying it gave, if the letter attaches one.
    pub proposal: Option<(Proposal, Outcome)>,
    /// Technical notes: the proposal's footnotes, then notes for concerns, numbered on.
    pub notes: Vec<Footnote>,
}

/// Assemble the letter's content.
pub fn assemble(
    letter: Letter,
    bill: &Bill,
    report: &TermsReport,
    glossary: &Glossary,
    proposal: Option<(Proposal, Outcome)>,
) -> Content {
    let meta = &bill.meta;
    let measure = meta.measure.as_ref().map(ToString::to_string);
    let version = meta.current().cloned();
    let mut notes: Vec<Footnote> = proposal
        .as_ref()
        .map(|(_, o)| o.redline.footnotes.clone())
        .unwrap_or_default();
    // A note for a glossary entry: reuse one that carries it, else add one.
    let note_for = |id: &str, notes: &mut Vec<Footnote>| -> usize {
        if let Some(n) = notes.iter().find(|n| n.glossary.iter().any(|g| g.id == id)) {
            return n.number;
        }
        let e = glossary.get(id).expect("ids come from the glossary");
        let number = notes.len() + 1;
        notes.push(Footnote {
            number,
            // No rationale of its own: render names the term the note is on.
            rationale: String::new(),
            glossary: vec![crate::redline::GlossaryNote {
                id: e.id.clone(),
                term: e.term.clone(),
                definition: e.definition.clone(),
                note: e.note().to_string(),
                footnote: e.footnote.clone(),
            }],
        });
        number
    };
    let mut concerns = Vec::new();
    for u in &report.undefined {
        let technical: Vec<&crate::terms::ArtUse> = u.uses.iter().filter(|x| x.sense == Sense::Technical).collect();
        if technical.is_empty() {
            continue;
        }
        let mut paths: Vec<String> = Vec::new();
        for t in &technical {
            if !paths.contains(&t.path) {
                paths.push(t.path.clone());
            }
        }
        let note = note_for(&u.glossary, &mut notes);
        concerns.push(Concern::UndefinedTermOfArt {
            term: u.term.clone(),
            uses: technical.len(),
            paths,
            note,
        });
    }
    for d in &report.definitions {
        let Some(id) = &d.glossary else { continue };
        let Some(e) = glossary.get(id) else { continue };
        let words: String = d
            .parts
            .iter()
            .map(|p| p.definiens.to_lowercase())
            .chain(bill.body.find(&d.location).map(|p| p.full_text().to_lowercase()))
            .collect::<Vec<_>>()
            .join(" ");
        for flag in &e.flags {
            if flag.words.iter().any(|w| words.contains(w.as_str())) {
                let note = note_for(id, &mut notes);
                concerns.push(Concern::Definition {
                    definition: DefinitionRef {
                        term: d.term.clone(),
                        scope: d.scope.anchor.clone(),
                        location: d.location.clone(),
                    },
                    text: flag.note.clone(),
                    note,
                });
                break;
            }
        }
    }
    Content {
        letter,
        measure,
        version,
        concerns,
        proposal,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawLetter {
        toml::from_str(
            r#"date = "2026-11-30"
bill = "ca-sb1047"
committee = "Assembly Committee on Privacy and Consumer Protection"
stance = "Oppose unless amended"
proposal = "../proposals/p.toml"
paragraphs = ["  Our   reasons. ", ""]
[sender]
organization = " Example Advocates "
[addressee]
name = "The Honorable Chair"
"#,
        )
        .unwrap()
    }

    #[test]
    fn a_letter_is_checked_without_looking_at_files() {
        let l = validate(&raw(), "letter.toml").unwrap();
        // Names stay as written: where they are is the caller's question.
        assert_eq!(
            (l.bill.as_str(), l.proposal.as_deref()),
            ("ca-sb1047", Some("../proposals/p.toml"))
        );
        assert_eq!(l.stance, Stance::OpposeUnlessAmended, "stances are read loosely");
        assert_eq!(
            l.paragraphs,
            ["Our reasons."],
            "whitespace folded, empty paragraphs dropped"
        );
        assert_eq!(l.sender.organization.as_deref(), Some("Example Advocates"));
        assert_eq!(
            (l.salutation.as_deref(), l.closing.as_deref()),
            (None, None),
            "defaults are render's"
        );
        assert_eq!(l.date.to_string(), "2026-11-30");
    }

    #[test]
    fn each_problem_is_named() {
        let problem = |edit: fn(&mut RawLetter)| {
            let mut r = raw();
            edit(&mut r);
            validate(&r, "letter.toml").unwrap_err().to_string()
        };
        assert!(problem(|r| r.sender = None).contains("missing [sender]"));
        assert!(problem(|r| r.addressee = Some(RawParty::default())).contains("[addressee] needs a name"));
        assert!(problem(|r| r.bill = Some(" ".into())).contains("missing `bill`"));
        let e = problem(|r| r.stance = Some("lukewarm".into()));
        assert!(
            e.contains("use support, oppose, support-if-amended, oppose-unless-amended or concern"),
            "{e}"
        );
        assert!(problem(|r| r.proposal = None).contains("\"oppose unless amended\" needs the amendments"));
        let e = problem(|r| {
            r.stance = Some("support".into());
            r.subject = Some("SB 1047 (Wiener): Oppose unless amended".into());
        });
        assert!(
            e.contains("the subject says \"oppose unless amended\" but the stance is \"support\""),
            "{e}"
        );
        assert_eq!(
            stance_named("SB 1047 — Support if amended"),
            Some(Stance::SupportIfAmended)
        );
        assert_eq!(stance_named("Comments on SB 1047"), None);
        assert_eq!(stance_named("Supportive research"), None, "whole words only");
        assert!(problem(|r| r.date = Some("30/11/2026".into())).contains("is not YYYY-MM-DD"));
        assert!(problem(|r| r.paragraphs = vec![" ".into()]).contains("`paragraphs` is empty"));
        assert!(problem(|r| r.committee = None).contains("missing `committee`"));
        // A stance that needs no amendments needs no proposal.
        let mut r = raw();
        r.stance = Some("support".into());
        r.proposal = None;
        assert!(validate(&r, "letter.toml").is_ok());
    }
}
