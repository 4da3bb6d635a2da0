//! Public-record comment letters for advocates.
//!
//! An advocate writes a letter file (TOML) with who writes to whom, about which bill and version, for which
//! committee, with one stance, in their own words — and the amendment proposal to attach. billdiff checks it
//! ([`validate`]: one raw type in, one checked type out), then assembles the content ([`assemble`]): the
//! concerns the terms analysis finds (technical terms of art used without a definition, definitions that
//! do not match the technology per the glossary), each traceable to provision paths; the proposal's
//! amendments, redline and technical footnotes. Renderers turn that content into Markdown, HTML, plain text
//! for web forms, PDF and Word with tracked changes.

use crate::error::{Error, Result};
use crate::glossary::Glossary;
use crate::model::{Bill, Date, DefinitionRef};
use crate::propose::Outcome;
use crate::propose::proposal::Proposal;
use crate::redline::Footnote;
use crate::terms::{Sense, TermsReport};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The stances the Legislature's position letter portal offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    /// Support.
    Support,
    /// Oppose.
    Oppose,
    /// Support if amended.
    SupportIfAmended,
    /// Oppose unless amended.
    OpposeUnlessAmended,
    /// Concern.
    Concern,
}

impl Stance {
    /// As written in letter files.
    pub fn parse(s: &str) -> Option<Stance> {
        Some(match s.trim().to_lowercase().replace([' ', '_'], "-").as_str() {
            "support" => Stance::Support,
            "oppose" => Stance::Oppose,
            "support-if-amended" => Stance::SupportIfAmended,
            "oppose-unless-amended" => Stance::OpposeUnlessAmended,
            "concern" | "concerns" => Stance::Concern,
            _ => return None,
        })
    }

    /// As printed on a letter: "OPPOSE UNLESS AMENDED".
    pub fn label(self) -> &'static str {
        match self {
            Stance::Support => "SUPPORT",
            Stance::Oppose => "OPPOSE",
            Stance::SupportIfAmended => "SUPPORT IF AMENDED",
            Stance::OpposeUnlessAmended => "OPPOSE UNLESS AMENDED",
            Stance::Concern => "CONCERNS",
        }
    }

    /// Whether the stance depends on amendments, so a proposal is required.
    pub fn needs_amendments(self) -> bool {
        matches!(self, Stance::SupportIfAmended | Stance::OpposeUnlessAmended)
    }
}

/// A sender or an addressee, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    /// Organization, if any.
    #[serde(default)]
    pub organization: Option<String>,
    /// A person's name (for an addressee: "The Honorable ...").
    #[serde(default)]
    pub name: Option<String>,
    /// Title ("Policy Director"; "Chair, Assembly Committee on ...").
    #[serde(default)]
    pub title: Option<String>,
    /// Address lines.
    #[serde(default)]
    pub address: Vec<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// For an addressee: the salutation ("Dear Chair Bauer-Kahan:").
    #[serde(default)]
    pub salutation: Option<String>,
}

/// A letter file, as written: everything optional, so billdiff can say exactly what is missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLetter {
    /// Who writes.
    #[serde(default)]
    pub sender: Option<RawParty>,
    /// To whom.
    #[serde(default)]
    pub addressee: Option<RawParty>,
    /// The bill: a bill folder's path (relative to the letter file) or its id in the library.
    #[serde(default)]
    pub bill: Option<String>,
    /// The version the letter is about: id or date.
    #[serde(default)]
    pub version: Option<String>,
    /// The committee.
    #[serde(default)]
    pub committee: Option<String>,
    /// The stance.
    #[serde(default)]
    pub stance: Option<String>,
    /// The subject line (default: measure and stance).
    #[serde(default)]
    pub subject: Option<String>,
    /// The letter's date (YYYY-MM-DD).
    #[serde(default)]
    pub date: Option<String>,
    /// The proposal to attach, relative to the letter file.
    #[serde(default)]
    pub proposal: Option<String>,
    /// The advocate's own paragraphs.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// "Sincerely,".
    #[serde(default)]
    pub closing: Option<String>,
}

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
    /// Salutation.
    pub salutation: String,
    /// The bill folder.
    pub bill: PathBuf,
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
    /// The proposal file, if any.
    pub proposal: Option<PathBuf>,
    /// The advocate's paragraphs.
    pub paragraphs: Vec<String>,
    /// Closing.
    pub closing: String,
}

fn bad(source: &str, message: impl Into<String>) -> Error {
    Error::Letter {
        source_name: source.to_string(),
        message: message.into(),
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

/// Check a raw letter; `letter_path` is where it was read from (paths in it are relative to its folder).
pub fn validate(raw: &RawLetter, letter_path: &Path) -> Result<Letter> {
    let src = letter_path.display().to_string();
    let dir = letter_path.parent().unwrap_or(Path::new("."));
    let sender = raw
        .sender
        .as_ref()
        .ok_or_else(|| bad(&src, "missing [sender] (who writes the letter)"))?;
    let sender = party(sender);
    if sender.name.is_none() && sender.organization.is_none() {
        return Err(bad(&src, "[sender] needs a name or an organization"));
    }
    let addressee_raw = raw
        .addressee
        .as_ref()
        .ok_or_else(|| bad(&src, "missing [addressee] (to whom)"))?;
    let addressee = party(addressee_raw);
    if addressee.name.is_none() && addressee.organization.is_none() {
        return Err(bad(&src, "[addressee] needs a name or an organization"));
    }
    let bill = nonempty(&raw.bill).ok_or_else(|| bad(&src, "missing `bill` (the bill folder the letter is about)"))?;
    // A path relative to the letter, or a bill id in the library the letter sits in (bills/<id>/letters/).
    let as_path = dir.join(&bill);
    let bill_dir = if as_path.exists() {
        as_path
    } else {
        let in_library = dir.join("../..").join(&bill);
        if in_library.exists() {
            in_library
        } else {
            return Err(bad(
                &src,
                format!("bill {bill:?} not found (a bill folder, relative to the letter)"),
            ));
        }
    };
    let stance_text = nonempty(&raw.stance).ok_or_else(|| {
        bad(
            &src,
            "missing `stance` (support, oppose, support-if-amended, oppose-unless-amended, concern)",
        )
    })?;
    let stance = Stance::parse(&stance_text).ok_or_else(|| {
        bad(
            &src,
            format!("unknown stance {stance_text:?}: use support, oppose, support-if-amended, oppose-unless-amended or concern"),
        )
    })?;
    let proposal = nonempty(&raw.proposal).map(|p| dir.join(p));
    if stance.needs_amendments() && proposal.is_none() {
        return Err(bad(
            &src,
            format!(
                "stance {:?} needs the amendments: give `proposal`",
                stance.label().to_lowercase()
            ),
        ));
    }
    let committee = nonempty(&raw.committee).ok_or_else(|| bad(&src, "missing `committee`"))?;
    let date = match nonempty(&raw.date) {
        Some(d) => Date::parse_iso(&d).ok_or_else(|| bad(&src, format!("date {d:?} is not YYYY-MM-DD")))?,
        None => return Err(bad(&src, "missing `date` (the letter's date, YYYY-MM-DD)")),
    };
    let paragraphs: Vec<String> = raw
        .paragraphs
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(bad(
            &src,
            "`paragraphs` is empty: a letter states its reasons in the advocate's own words",
        ));
    }
    let salutation = nonempty(&addressee_raw.salutation).unwrap_or_else(|| {
        format!(
            "Dear {}:",
            addressee
                .name
                .as_deref()
                .or(addressee.organization.as_deref())
                .unwrap_or_default()
        )
    });
    Ok(Letter {
        sender,
        addressee,
        salutation,
        bill: bill_dir,
        version: nonempty(&raw.version),
        committee,
        stance,
        subject: nonempty(&raw.subject),
        date,
        proposal,
        paragraphs,
        closing: nonempty(&raw.closing).unwrap_or_else(|| "Sincerely,".into()),
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
    /// Measure ("SB 1047").
    pub measure: String,
    /// The version as a reader names it ("Enrolled, September 3, 2024").
    pub version: String,
    /// The version's date.
    pub version_date: Option<Date>,
    /// Subject line.
    pub subject: String,
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
    let measure = meta
        .measure
        .as_ref()
        .map_or_else(|| "the bill".to_string(), ToString::to_string);
    let current = meta.current();
    let version = current.map_or_else(String::new, |h| format!("{}, {}", h.stage.as_str(), h.date.long()));
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
            rationale: format!("On “{}”.", e.term),
            glossary: vec![crate::redline::GlossaryNote {
                id: e.id.clone(),
                term: e.term.clone(),
                definition: e.definition.clone(),
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
    let subject = letter
        .subject
        .clone()
        .unwrap_or_else(|| format!("{measure} ({version}) — {}", letter.stance.label()));
    Content {
        version_date: current.map(|h| h.date),
        letter,
        measure,
        version,
        subject,
        concerns,
        proposal,
        notes,
    }
}
