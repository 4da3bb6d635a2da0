//! The words of the library's errors: `Display` for [`Error`] and its problem types, and
//! `std::error::Error` for [`Error`].
//!
//! An error is data made where the problem is found (`crate::error`); what a user reads of it is written
//! here, once. The CLI prints `Display` on one line; the web pages show it for bad input. Where a
//! problem carries another library's message (the TOML parser's, tantivy's), it is passed on as is.

use crate::error::{
    BinaryProblem, ConfigProblem, Error, Existing, FetchProblem, GlossaryProblem, IndexProblem, LawPutProblem,
    LeginfoProblem, LetterProblem, ManifestProblem, NameProblem, NoFileName, NotABillReason, PathHint, PathProblem,
    ProposalProblem, PubinfoProblem, QueryProblem, RowProblem, RuleAbout, RuleRef, RuleSummary, SkippedRow, Transport,
};
use std::fmt::{self, Display, Formatter};

/// `:LINE`, or nothing.
struct AtLine(Option<usize>);

impl Display for AtLine {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(l) => write!(f, ":{l}"),
            None => Ok(()),
        }
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Empty { source_name } => write!(f, "{source_name}: the file is empty"),
            Error::ProposalForOtherBill { proposal_bill, bill } => write!(
                f,
                "the proposal is written for {proposal_bill}, not {bill}: apply it to {proposal_bill}, or change its `bill`"
            ),
            Error::NoMarks { source_name } => write!(
                f,
                "{source_name}: the file carries no official change marks (only CAML, USLM, Akoma Ntoso and Washington XML versions that mark their changes do)"
            ),
            Error::Binary { source_name, why } => write!(f, "{source_name}: not a text file ({why})"),
            Error::TooLarge {
                source_name,
                size,
                limit,
            } => write!(
                f,
                "{source_name}: file is {size} bytes, over the {limit}-byte limit for one bill"
            ),
            Error::TooDeep { source_name, limit } => write!(f, "{source_name}: nested deeper than {limit} levels"),
            Error::Xml {
                source_name,
                line,
                problem,
            } => write!(f, "{source_name}{}: {problem}", AtLine(*line)),
            Error::Pdf { source_name, problem } => write!(f, "{source_name}: {problem}"),
            Error::NotABill { source_name, reason } => write!(f, "{source_name}: not a bill: {reason}"),
            Error::Manifest { path, line, problem } => {
                write!(f, "{}{}: {problem}", path.display(), AtLine(*line))
            }
            Error::Glossary { path, line, problem } => {
                write!(f, "{}{}: {problem}", path.display(), AtLine(*line))
            }
            Error::Proposal {
                source_name,
                line,
                rule,
                problem,
            } => {
                write!(f, "{source_name}{}: ", AtLine(*line))?;
                if let Some(r) = rule {
                    write!(f, "{r}: ")?;
                }
                write!(f, "{problem}")
            }
            Error::Letter {
                source_name,
                line,
                problem,
            } => write!(f, "{source_name}{}: {problem}", AtLine(*line)),
            Error::Exists { what } => write!(f, "{what}"),
            Error::BadName { kind, name, why } => write!(f, "{kind} {name:?} is not a valid name: {why}"),
            Error::Config { source_name, problem } => write!(f, "{source_name}: {problem}"),
            Error::Index { dir, problem } => write!(f, "index {}: {problem}", dir.display()),
            Error::Query { query, problem } => write!(f, "bad query {query:?}: {problem}"),
            Error::UnknownVersion {
                bill,
                version,
                available,
            } => write!(f, "{bill}: no version {version:?} (versions: {})", available.join(", ")),
            Error::NoEarlierVersion { bill, to } => write!(
                f,
                "{bill}: no version before {to:?} to compare it with; give the earlier version"
            ),
            Error::ProvisionNotFound { bill, path, hint } => {
                write!(f, "{bill}: ")?;
                no_provision(f, path, hint.as_ref())
            }
            Error::BadPath { path, why } => bad_path(f, path, why),
            Error::Pubinfo { source_name, problem } => write!(f, "{source_name}: {problem}"),
            Error::Law { path, line, message } => write!(f, "{}{}: {message}", path.display(), AtLine(*line)),
            Error::LawPut { code, section, why } => {
                write!(f, "cannot put section {section} of {code} into the law store: {why}")
            }
            Error::Leginfo { given, problem } => leginfo(f, given, problem),
            Error::Fetch { host, problem } => write!(f, "{host}: {problem}"),
        }
    }
}

/// Every message is whole in its one line: the system's reason is already in an I/O error's message, so it
/// is not handed on again as its source (a chain printer would print it twice).
impl std::error::Error for Error {}

fn no_provision(f: &mut Formatter<'_>, path: &str, hint: Option<&PathHint>) -> fmt::Result {
    write!(f, "no provision {path:?}")?;
    match hint {
        Some(h) => write!(f, " ({h})"),
        None => Ok(()),
    }
}

fn bad_path(f: &mut Formatter<'_>, path: &str, why: &PathProblem) -> fmt::Result {
    write!(f, "not a provision path: {path:?} ({why})")
}

impl Display for NoFileName {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("the output path has no file name")
    }
}

impl std::error::Error for NoFileName {}

impl Display for BinaryProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            BinaryProblem::NulByte { offset } => write!(f, "NUL byte at offset {offset}"),
            BinaryProblem::InvalidUtf8 { valid_up_to } => write!(f, "invalid UTF-8 at byte {valid_up_to}"),
        }
    }
}

impl Display for NotABillReason {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotABillReason::NoBillSections => {
                "no legal structure found: no bill sections (SECTION 1.), sections of law (22602., Sec. 551.001., Article 3) or numbered provisions"
            }
            NotABillReason::FolderWithoutManifest => "it is a folder without a bill.toml manifest",
            NotABillReason::NoBillFolders => "no bill folders (with a bill.toml) inside",
            NotABillReason::NotAFileName => "not a file name",
            NotABillReason::Unnamed => {
                "it does not name its bill (no measure such as \"SB 1047\" in its header): give a bill id"
            }
        })
    }
}

impl Display for ManifestProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ManifestProblem::Toml { message } => f.write_str(message),
            ManifestProblem::NoVersions => f.write_str("no [[versions]]"),
            ManifestProblem::FileNotPlain { version, file } => {
                write!(
                    f,
                    "version {version}: file {file:?} must be a plain name inside the folder"
                )
            }
            ManifestProblem::FileNotFound { version, file } => write!(f, "version {version}: file {file:?} not found"),
            ManifestProblem::DuplicateVersion { id } => write!(f, "version id {id:?} appears twice"),
        }
    }
}

impl Display for GlossaryProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            GlossaryProblem::FileNameNotUtf8 => f.write_str("file name is not UTF-8"),
            GlossaryProblem::NoFrontMatter => f.write_str("expected TOML front matter opening with a +++ line"),
            GlossaryProblem::FrontMatterUnclosed => f.write_str("front matter is not closed by a +++ line"),
            GlossaryProblem::Toml { message } => f.write_str(message),
            GlossaryProblem::EmptyTerm => f.write_str("term is empty"),
            GlossaryProblem::EmptyForms => f.write_str("forms is empty"),
            GlossaryProblem::FormNotLowercase { form } => write!(f, "form {form:?} must be lowercase and non-empty"),
            GlossaryProblem::FormEllipsisAtEdge { form } => {
                write!(f, "form {form:?}: \"...\" must stand between words")
            }
            GlossaryProblem::EmptyDefinition => f.write_str("definition is empty"),
            GlossaryProblem::NoSources => f.write_str("an entry names at least one source"),
            GlossaryProblem::EmptyFootnote => f.write_str("the footnote (text after the front matter) is empty"),
            GlossaryProblem::UnknownRelated { id } => write!(f, "related entry {id:?} does not exist"),
            GlossaryProblem::NoEntries => f.write_str("no glossary entries (*.md) found"),
        }
    }
}

impl Display for RuleRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "rule {}", self.number)?;
        match &self.rule {
            Some(r) => write!(f, " ({r})"),
            None => Ok(()),
        }
    }
}

/// `rename-term “covered model”`, `replace-text at 22602(e)`: the rule named the way the file writes it.
impl Display for RuleSummary {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.about {
            RuleAbout::Term(t) => write!(f, "{} “{t}”", self.kind),
            RuleAbout::At(at) => write!(f, "{} at {at}", self.kind),
        }
    }
}

impl Display for ProposalProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use ProposalProblem as P;
        match self {
            P::Toml { message } => f.write_str(message),
            P::NoRules => f.write_str("the proposal has no [[rules]]"),
            P::TooManyRules { count, max } => {
                write!(f, "the proposal has {count} rules; at most {max} are allowed")
            }
            P::RuleNotATable => f.write_str("the rule did not serialize as a table"),
            P::RulesNotTables => f.write_str("rules must be written as [[rules]] tables to add one here"),
            P::NothingToRemove => f.write_str("there are no [[rules]] to remove"),
            P::NoSuchRule { number, count } => write!(f, "there is no rule {number} (the proposal has {count})"),
            P::EmptyRationale => f.write_str("rationale is empty: every rule says why"),
            P::UnknownGlossaryEntry { id } => write!(f, "no glossary entry {id:?}"),
            P::Overlap { path, other } => write!(
                f,
                "changes the same words in {path} as {other}; add an `except` or merge the rules"
            ),
            P::NoSubdivisions { section } => {
                write!(f, "section {section} has no subdivisions to insert a definition among")
            }
            P::NotLettered { section } => {
                write!(
                    f,
                    "section {section} is not lettered (a), (b), (c) ...; cannot reletter it"
                )
            }
            P::NoDefinitionsSection => {
                f.write_str("the bill has no definitions section; name one with `section = \"...\"`")
            }
            P::EmptyText => f.write_str("`text` is empty"),
            P::AlreadyDefined { term, section } => write!(f, "“{term}” is already defined for section {section}"),
            P::TextOmitsTerm { term } => write!(
                f,
                "the text does not mention “{term}”: it should read “{term}” means ..."
            ),
            P::TooManySubdivisions { section } => write!(
                f,
                "section {section} would need more subdivisions than letters can number"
            ),
            P::EmptyTo => f.write_str("`to` is empty"),
            P::NotDefined { term, near } => {
                write!(f, "the bill does not define “{term}”, so it cannot be renamed")?;
                match near {
                    Some(t) => write!(f, "; did you mean “{t}”?"),
                    None => Ok(()),
                }
            }
            P::AfterOrBefore => f.write_str("give exactly one of `after` or `before`"),
            P::EmptyFind => f.write_str("the text to find is empty"),
            P::TextNotFound { path, find, reads, cut } => {
                let more = if *cut { "…" } else { "" };
                write!(f, "{path} does not read “{find}”; it reads “{reads}{more}”")
            }
            P::TextAmbiguous { find, count, path } => {
                write!(f, "“{find}” appears {count} times in {path}; quote more of the text")
            }
            P::NoProvision { path, hint } => no_provision(f, path, hint.as_ref()),
            P::BadPath { path, why } => bad_path(f, path, why),
        }
    }
}

impl Display for LetterProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use LetterProblem as L;
        match self {
            L::Toml { message } => f.write_str(message),
            L::BillNotFound { bill } => write!(f, "bill {bill:?} not found (a bill folder, relative to the letter)"),
            L::MissingSender => f.write_str("missing [sender] (who writes the letter)"),
            L::SenderUnnamed => f.write_str("[sender] needs a name or an organization"),
            L::MissingAddressee => f.write_str("missing [addressee] (to whom)"),
            L::AddresseeUnnamed => f.write_str("[addressee] needs a name or an organization"),
            L::MissingBill => f.write_str("missing `bill` (the bill folder the letter is about)"),
            L::MissingStance { stances } => write!(f, "missing `stance` ({})", stances.join(", ")),
            L::UnknownStance { given, stances } => {
                let (last, rest) = stances.split_last().map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
                write!(f, "unknown stance {given:?}: use {} or {last}", rest.join(", "))
            }
            L::SubjectContradictsStance { subject_says, stance } => write!(
                f,
                "the subject says {:?} but the stance is {:?}: make them agree",
                subject_says.replace('-', " "),
                stance.replace('-', " ")
            ),
            L::StanceNeedsProposal { stance } => write!(
                f,
                "stance {:?} needs the amendments: give `proposal`",
                stance.replace('-', " ")
            ),
            L::MissingCommittee => f.write_str("missing `committee`"),
            L::BadDate { given } => write!(f, "date {given:?} is not YYYY-MM-DD"),
            L::MissingDate => f.write_str("missing `date` (the letter's date, YYYY-MM-DD)"),
            L::NoParagraphs => {
                f.write_str("`paragraphs` is empty: a letter states its reasons in the advocate's own words")
            }
        }
    }
}

impl Display for Existing {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Existing::OtherMeasure {
                file_measure,
                bill,
                measure,
            } => write!(
                f,
                "the file is {file_measure}, but {bill} is {measure}: add it under its own bill id"
            ),
            Existing::Version { bill, version } => {
                write!(
                    f,
                    "{bill} already has a version {version:?}: give it another version id"
                )
            }
            Existing::Folder { dir } => write!(
                f,
                "{} exists: give --force to replace it (or --library for another library)",
                dir.display()
            ),
        }
    }
}

impl Display for NameProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameProblem::Unsafe => "use lowercase letters, digits, '-', '_' and '.', at most 64 characters",
            NameProblem::NotAWebAddress => "not a web address (http:// or https://)",
        })
    }
}

impl Display for ConfigProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ConfigProblem::Toml { message } | ConfigProblem::Bind { message } => f.write_str(message),
            ConfigProblem::NoUsers => f.write_str("no users in [users]"),
            ConfigProblem::BadHash { user, message } => {
                write!(f, "user {user:?}: not an argon2 password hash ({message})")
            }
            ConfigProblem::PublicWithoutAuth => f.write_str(
                "refusing to serve beyond this machine without access control: give --auth USERS.toml or \
                 --token-file FILE, or --insecure-public if the network itself is trusted",
            ),
        }
    }
}

impl Display for IndexProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            IndexProblem::Engine { message } => f.write_str(message),
            IndexProblem::OtherSchema => {
                f.write_str("the index was built by another version of billdiff; run `billdiff index` again")
            }
            IndexProblem::Missing => f.write_str("no index here; build one with `billdiff index`"),
            IndexProblem::Glossary { message } => write!(f, "glossary: {message}"),
        }
    }
}

impl Display for QueryProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            QueryProblem::Empty => f.write_str("the query is empty"),
            QueryProblem::Unclosed { mark: '"', at } => {
                write!(f, "the quotation mark at character {at} is never closed")
            }
            QueryProblem::Unclosed { mark, at } => write!(f, "the {mark:?} at character {at} is never closed"),
            QueryProblem::Unopened { at } => write!(f, "the ')' at character {at} closes nothing"),
            QueryProblem::Dangling { operator } => {
                write!(f, "the query ends with {operator}: say what should follow it")
            }
            QueryProblem::Syntax { message } => f.write_str(message),
            QueryProblem::Slop { given, max } => write!(
                f,
                "~{given} is a wider proximity than search allows: use at most ~{max} (words apart)"
            ),
            QueryProblem::Sense { value } => write!(
                f,
                "sense:{value} is not a sense: use sense:technical, sense:ordinary, sense:unclear or sense:any"
            ),
        }
    }
}

impl Display for PathHint {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            PathHint::NoNested { prefix } => write!(f, "{prefix} exists but has no nested provisions"),
            PathHint::Contains { prefix, children } => write!(f, "{prefix} contains {}", children.join(", ")),
        }
    }
}

impl Display for PathProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            PathProblem::Trailing { rest } => write!(f, "cannot read {rest:?}; labels look like (e)(1)(A)"),
            PathProblem::NoSection => {
                f.write_str("expected a section number (22602), a bill section (SEC. 2) or a heading (Chapter 22.6)")
            }
        }
    }
}

impl Display for LawPutProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LawPutProblem::BadCode => {
                f.write_str("a code is named by its abbreviation: one to five letters (RCW, ELN, EDC)")
            }
            LawPutProblem::BadSection => {
                f.write_str("a section number is letters, digits, dots and hyphens (9.41.040, 7-104, 48859)")
            }
            LawPutProblem::EmptyText => f.write_str("the text is empty"),
            LawPutProblem::Toml(m) => write!(f, "the store's file cannot be written: {m}"),
        }
    }
}

impl Display for PubinfoProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            PubinfoProblem::NotAZip => {
                f.write_str("not a pubinfo dump: give the folder of its .dat and .lob files, or its .zip")
            }
            PubinfoProblem::BadZip { message } => write!(f, "not a readable zip archive: {message}"),
            PubinfoProblem::NoTables { tables } => {
                write!(f, "not a pubinfo dump: none of {} in it", tables.join(", "))
            }
            PubinfoProblem::NotATable { first } => {
                write!(f, "not a pubinfo table: no row reads (line 1: {first})")
            }
            PubinfoProblem::TooLarge { entry, size, limit } => {
                write!(f, "{entry} is {size} bytes, over the {limit}-byte limit")
            }
        }
    }
}

fn leginfo(f: &mut Formatter<'_>, given: &str, problem: &LeginfoProblem) -> fmt::Result {
    match problem {
        LeginfoProblem::NotAMeasure => write!(
            f,
            "not a California measure: {given:?} (write it as ca:SB-1047, SB 1047 or sb1047; the kinds are AB, SB, ACA, SCA, ACR, SCR, AJR, SJR, HR and SR)"
        ),
        LeginfoProblem::OtherJurisdiction { jurisdiction } => write!(
            f,
            "{given:?} is a measure of {jurisdiction:?}: billdiff fetches California's (ca:) only"
        ),
        LeginfoProblem::NotASession => write!(
            f,
            "not a session: {given:?} (give the year it starts, e.g. 2023 for 2023–2024, or 2023x1 for its first extraordinary session)"
        ),
        LeginfoProblem::NotASite => write!(
            f,
            "not a site's address: {given:?} (one like https://host or http://host:port)"
        ),
        LeginfoProblem::NotABillAddress => write!(
            f,
            "not the address of a leginfo bill page: {given:?} (one like https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml?bill_id=202320240SB1047)"
        ),
    }
}

impl Display for Transport {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Transport::HostNotFound => f.write_str("the host name does not resolve (is this machine offline?)"),
            Transport::Refused => f.write_str("the connection was refused"),
            Transport::TimedOut => f.write_str("no answer in time"),
            Transport::Tls { message } => write!(f, "no secure connection: {message}"),
            Transport::Other { message } => f.write_str(message),
        }
    }
}

/// `tried once`, `tried 4 times`.
struct Tries(u32);

impl Display for Tries {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("tried once"),
            n => write!(f, "tried {n} times"),
        }
    }
}

impl Display for FetchProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FetchProblem::Unreachable { cause, attempts } => {
                write!(f, "cannot be reached ({}): {cause}; nothing written", Tries(*attempts))
            }
            FetchProblem::Busy {
                status,
                attempts,
                retry_after: None,
            } => write!(
                f,
                "answered HTTP {status} ({}); try again later; nothing written",
                Tries(*attempts)
            ),
            FetchProblem::Busy {
                status,
                attempts,
                retry_after: Some(s),
            } => write!(
                f,
                "answered HTTP {status} and asks to wait {s} s ({}); try again later; nothing written",
                Tries(*attempts)
            ),
            FetchProblem::Refused { url, status } => write!(f, "answered HTTP {status} for {url}; nothing written"),
            FetchProblem::NoBill { measure, session } => {
                write!(f, "no bill {measure} in the {session} (HTTP 404); nothing written")
            }
            FetchProblem::NoVersion {
                measure,
                version,
                label,
            } => write!(
                f,
                "{measure}'s version {version} ({label}) is not there (HTTP 404); nothing written"
            ),
            FetchProblem::NotABillPage { url } => {
                write!(
                    f,
                    "{url} is not a leginfo bill page (no bill text or version list); nothing written"
                )
            }
            FetchProblem::OtherPage { url, expected, found } => {
                write!(f, "{url} is the page of {found}, not of {expected}; nothing written")
            }
            FetchProblem::BadVersionEntry { label } => write!(
                f,
                "the bill's version list has an entry billdiff cannot read: {label:?}; nothing written"
            ),
            FetchProblem::TooLarge { url, limit } => {
                write!(f, "{url} is over the {limit}-byte limit for one bill; nothing written")
            }
            FetchProblem::NotText { url } => write!(f, "{url} is not a text page (not UTF-8); nothing written"),
        }
    }
}

impl Display for RowProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::Columns { expected, found } => {
                write!(f, "{found} columns where the table has {expected}")
            }
            RowProblem::Unclosed => f.write_str("a `quoted string is never closed"),
            RowProblem::Missing { column } => write!(f, "no {column}"),
            RowProblem::Bad { column, value } => write!(f, "{column} {value:?} does not read"),
            RowProblem::MissingLob { lob } => write!(f, "{lob} is not in the dump"),
            RowProblem::BadLob { lob } => write!(f, "{lob} is not CAML text"),
            RowProblem::UnknownVersion { version } => {
                write!(f, "author of bill version {version}, which is not in the dump")
            }
            RowProblem::NotImported { folder } => {
                write!(f, "{folder} exists and was not made by an import; it is left as it is")
            }
        }
    }
}

/// `bill-1989/BILL_VERSION_TBL.dat:3: BILL_VERSION_TBL_99.lob is not in the dump; row skipped`: what
/// `billdiff import` prints for each row it leaves out.
impl Display for SkippedRow {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}; row skipped", self.file, self.line, self.problem)
    }
}

impl Display for crate::model::NotADate {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "not a date (YYYY-MM-DD): {:?}", self.0)
    }
}

impl Display for crate::error::XmlProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            crate::error::XmlProblem::Malformed { message } => write!(f, "not well-formed XML: {message}"),
            crate::error::XmlProblem::OnlyReferences { files } => write!(
                f,
                "an Akoma Ntoso collection that holds no text, only references to other files ({}): open those",
                files.join(", ")
            ),
            crate::error::XmlProblem::UnknownRoot { root } => {
                write!(
                    f,
                    "an XML document of a kind billdiff does not read (root element <{root}>)"
                )
            }
        }
    }
}

impl Display for crate::error::PdfProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            crate::error::PdfProblem::Unreadable { message: Some(m) } => write!(f, "not a readable PDF: {m}"),
            crate::error::PdfProblem::Unreadable { message: None } => f.write_str("not a readable PDF"),
            crate::error::PdfProblem::Encrypted => {
                f.write_str("the PDF is encrypted; save a copy without a password and read that")
            }
            crate::error::PdfProblem::NoText => {
                f.write_str("the PDF has no text to read (a scanned page needs text recognition first)")
            }
            crate::error::PdfProblem::NestedTooDeep { limit } => {
                write!(f, "the PDF nests its page contents deeper than {limit} levels")
            }
            crate::error::PdfProblem::TooComplex { limit } => {
                write!(f, "the PDF's pages draw more than {limit} operations; it is not read")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_named_the_way_the_file_writes_them() {
        let r = |kind: &str, about| RuleRef {
            number: 2,
            rule: Some(RuleSummary {
                kind: kind.into(),
                about,
            }),
        };
        assert_eq!(
            r("rename-term", RuleAbout::Term("covered model".into())).to_string(),
            "rule 2 (rename-term “covered model”)"
        );
        assert_eq!(
            r("strike-text", RuleAbout::At("22602(e)".into())).to_string(),
            "rule 2 (strike-text at 22602(e))"
        );
        assert_eq!(RuleRef { number: 3, rule: None }.to_string(), "rule 3");
    }

    #[test]
    fn errors_keep_their_one_line_messages() {
        let e = Error::Proposal {
            source_name: "p.toml".into(),
            line: None,
            rule: None,
            problem: Box::new(ProposalProblem::TooManyRules { count: 501, max: 500 }),
        };
        assert_eq!(
            e.to_string(),
            "p.toml: the proposal has 501 rules; at most 500 are allowed"
        );
        let e = Error::Letter {
            source_name: "l.toml".into(),
            line: None,
            problem: LetterProblem::UnknownStance {
                given: "meh".into(),
                stances: vec!["support".into(), "oppose".into(), "neutral".into()],
            },
        };
        assert_eq!(
            e.to_string(),
            "l.toml: unknown stance \"meh\": use support, oppose or neutral"
        );
        let e = Error::ProvisionNotFound {
            bill: "b".into(),
            path: "1(z)".into(),
            hint: Some(PathHint::Contains {
                prefix: "1".into(),
                children: vec!["(a)".into(), "(b)".into()],
            }),
        };
        assert_eq!(e.to_string(), "b: no provision \"1(z)\" (1 contains (a), (b))");
    }
}
