//! A comment letter file as written (TOML): the raw, everything-optional form that `ingest` reads and
//! `letter::validate` checks, and the stances a letter may take. Plain data.

use serde::{Deserialize, Serialize};

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
        let s = s.trim().to_lowercase().replace([' ', '_'], "-");
        let s = if s == "concerns" { "concern" } else { s.as_str() };
        Stance::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Every stance, in the portal's order.
    pub const ALL: [Stance; 5] = [
        Stance::Support,
        Stance::Oppose,
        Stance::SupportIfAmended,
        Stance::OpposeUnlessAmended,
        Stance::Concern,
    ];

    /// As written in letter files: `oppose-unless-amended`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
            Stance::SupportIfAmended => "support-if-amended",
            Stance::OpposeUnlessAmended => "oppose-unless-amended",
            Stance::Concern => "concern",
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
