//! The library's one error type, as data.
//!
//! Every variant carries what a reader needs to find the problem: the source (file or bill), and where
//! it applies the provision path or the line; what is wrong is a typed problem (`LetterProblem`,
//! `ProposalProblem`, ...), never a sentence. The words are `render::error`'s: it implements `Display`
//! (the one-line message the CLI prints and exits 2 with; the web layer turns these into 4xx responses)
//! and `std::error::Error`. Messages name the problem in the user's terms ("not a bill: no bill sections
//! found"), never in the parser's. An underlying library's message (a TOML parser's, tantivy's) is
//! carried as a `String`: it is their sentence, passed on.

use std::path::PathBuf;

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong between reading a file and producing a result.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// A proposal written for one bill, applied to another.
    ProposalForOtherBill {
        /// The bill the proposal names (`bill = "ca-sb53"`).
        proposal_bill: String,
        /// The bill it was applied to.
        bill: String,
    },

    /// A marked version was asked for, and the file carries no official change marks.
    NoMarks {
        /// The input's name.
        source_name: String,
    },

    /// The input is empty (or whitespace only).
    Empty {
        /// The input's name.
        source_name: String,
    },

    /// The input is not text.
    Binary {
        /// The input's name.
        source_name: String,
        /// What gave it away.
        why: BinaryProblem,
    },

    /// The input is bigger than billdiff will read.
    TooLarge {
        /// The input's name.
        source_name: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },

    /// The input nests its elements deeper than billdiff reads (a real bill page nests a few dozen levels;
    /// a page nested thousands deep is malformed or hostile, and costs the HTML parser quadratic time).
    TooDeep {
        /// The input's name.
        source_name: String,
        /// The deepest nesting allowed.
        limit: usize,
    },

    /// The input is text but not a bill billdiff can read.
    NotABill {
        /// The input's name.
        source_name: String,
        /// What is missing.
        reason: NotABillReason,
    },

    /// An XML input that billdiff cannot read.
    Xml {
        /// The input's name.
        source_name: String,
        /// The line, when the parser names one.
        line: Option<usize>,
        /// What is wrong.
        problem: XmlProblem,
    },

    /// A PDF input that billdiff cannot read text from.
    Pdf {
        /// The input's name.
        source_name: String,
        /// What is wrong.
        problem: PdfProblem,
    },

    /// A bill folder's manifest (`bill.toml`) is missing or wrong.
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        problem: ManifestProblem,
    },

    /// A glossary entry is malformed.
    Glossary {
        /// The entry's file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        problem: GlossaryProblem,
    },

    /// A proposal is malformed or does not apply to the bill.
    Proposal {
        /// The proposal file.
        source_name: String,
        /// The line of the rule (or of the syntax error).
        line: Option<usize>,
        /// Which rule, when the problem is in one.
        rule: Option<RuleRef>,
        /// What is wrong (boxed: the problems are big, and errors are passed up by value).
        problem: Box<ProposalProblem>,
    },

    /// A letter file is incomplete or contradicts itself.
    Letter {
        /// The letter file.
        source_name: String,
        /// The line (of a syntax error), when known.
        line: Option<usize>,
        /// What is wrong.
        problem: LetterProblem,
    },

    /// Something with this name already exists (a bill version, a bill).
    Exists {
        /// What exists.
        what: Existing,
    },

    /// A name that would become a file name is not a safe one.
    BadName {
        /// Bill, version, proposal, letter, source.
        kind: String,
        /// The name.
        name: String,
        /// Why not.
        why: NameProblem,
    },

    /// A server setting (a users file, a token, an address) is unusable.
    Config {
        /// The file or option.
        source_name: String,
        /// What is wrong.
        problem: ConfigProblem,
    },

    /// The search index could not be used.
    Index {
        /// The index folder.
        dir: PathBuf,
        /// What went wrong.
        problem: IndexProblem,
    },

    /// A search query is malformed.
    Query {
        /// The query as given.
        query: String,
        /// What is wrong.
        problem: QueryProblem,
    },

    /// A version asked for is not in the bill's manifest.
    UnknownVersion {
        /// The bill.
        bill: String,
        /// What was asked for.
        version: String,
        /// The versions there are, as labelled in listings (`enrolled (2024-09-03)`).
        available: Vec<String>,
    },

    /// A comparison needs a version before the one it compares to, and the bill has none.
    NoEarlierVersion {
        /// The bill.
        bill: String,
        /// The later version's id.
        to: String,
    },

    /// A provision path does not exist in the bill.
    ProvisionNotFound {
        /// The bill.
        bill: String,
        /// The path asked for.
        path: String,
        /// A near miss, when there is one.
        hint: Option<PathHint>,
    },

    /// A pubinfo dump (`billdiff import pubinfo`) that cannot be read at all: not a folder or a zip, a
    /// broken zip, no pubinfo table in it, a table none of whose rows reads. A problem with one row is a
    /// [`RowProblem`] instead, and the import goes on.
    Pubinfo {
        /// The dump, or the table file in it.
        source_name: String,
        /// What is wrong.
        problem: PubinfoProblem,
    },

    /// The law store (`law/`) could not be read.
    Law {
        /// The store's file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong (the TOML library's message).
        message: String,
    },

    /// A section cannot be put into the law store as given.
    LawPut {
        /// The code as given.
        code: String,
        /// The section number as given.
        section: String,
        /// What is wrong.
        why: LawPutProblem,
    },

    /// A measure, session or leginfo address given to `billdiff fetch` that does not read as one.
    Leginfo {
        /// As given.
        given: String,
        /// What it should have been.
        problem: LeginfoProblem,
    },

    /// Fetching a bill from its web site failed (nothing is written then).
    Fetch {
        /// The site's host (and port, when it names one): `leginfo.legislature.ca.gov`.
        host: String,
        /// What went wrong.
        problem: FetchProblem,
    },

    /// A provision path is not well formed.
    BadPath {
        /// The path given.
        path: String,
        /// Why it does not parse.
        why: PathProblem,
    },
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// A path to write to has no file name: the cause an [`Error::Io`] carries for it (as the system's errors
/// are carried), worded by `render::error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoFileName;

/// Why an input is not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BinaryProblem {
    /// A NUL byte in the first 8 KiB.
    NulByte {
        /// Its byte offset.
        offset: usize,
    },
    /// The bytes are not UTF-8.
    InvalidUtf8 {
        /// How many leading bytes are valid.
        valid_up_to: usize,
    },
}

/// Why a text is not a bill billdiff can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotABillReason {
    /// No `SECTION 1.` (or later) marker.
    NoBillSections,
    /// A folder given as a bill has no manifest.
    FolderWithoutManifest,
    /// A library folder has no bill folders in it.
    NoBillFolders,
    /// The path has no file name to name the bill by.
    NotAFileName,
    /// An uploaded file's header names no measure, and no bill id was given.
    Unnamed,
}

/// What is wrong with an XML input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlProblem {
    /// Not well formed (the XML parser's message).
    Malformed {
        /// The parser's message.
        message: String,
    },
    /// Well formed, but its root is no format billdiff reads.
    UnknownRoot {
        /// The root element's name.
        root: String,
    },
    /// A collection that only refers to its documents, which are in other files.
    OnlyReferences {
        /// The files it refers to, as written.
        files: Vec<String>,
    },
}

/// What is wrong with a PDF input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfProblem {
    /// The file does not parse as a PDF (the PDF library's message; `None` when the reader failed
    /// without one).
    Unreadable {
        /// The PDF library's message.
        message: Option<String>,
    },
    /// The PDF is encrypted and opens only with a password.
    Encrypted,
    /// The PDF has no text layer (a scan without OCR, or only drawings).
    NoText,
    /// Its content streams run more operations than billdiff runs for one document (forms drawing each
    /// other many times over).
    TooComplex {
        /// The operations allowed.
        limit: usize,
    },
    /// Its form XObjects nest deeper than billdiff reads.
    NestedTooDeep {
        /// The deepest nesting read.
        limit: usize,
    },
}

/// What is wrong with a bill folder's manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestProblem {
    /// The TOML does not parse or does not fit (the parser's message).
    Toml {
        /// The TOML library's message.
        message: String,
    },
    /// There is no `[[versions]]` entry.
    NoVersions,
    /// A version's file is not a plain name inside the folder.
    FileNotPlain {
        /// The version's id.
        version: String,
        /// The file as written.
        file: String,
    },
    /// A version's file does not exist.
    FileNotFound {
        /// The version's id.
        version: String,
        /// The file as written.
        file: String,
    },
    /// Two versions share an id.
    DuplicateVersion {
        /// The id.
        id: String,
    },
}

/// What is wrong with a glossary entry (or folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossaryProblem {
    /// The file name cannot be an id.
    FileNameNotUtf8,
    /// The file does not open with `+++`.
    NoFrontMatter,
    /// No closing `+++`.
    FrontMatterUnclosed,
    /// The front matter's TOML does not parse or does not fit.
    Toml {
        /// The TOML library's message.
        message: String,
    },
    /// `term` is empty.
    EmptyTerm,
    /// `forms` is empty.
    EmptyForms,
    /// A form is empty or not lowercase.
    FormNotLowercase {
        /// The form.
        form: String,
    },
    /// A form starts or ends with `...`.
    FormEllipsisAtEdge {
        /// The form.
        form: String,
    },
    /// `definition` is empty.
    EmptyDefinition,
    /// No `[[sources]]`.
    NoSources,
    /// Nothing after the front matter.
    EmptyFootnote,
    /// `related` names an entry that is not there.
    UnknownRelated {
        /// The id named.
        id: String,
    },
    /// The folder has no entries.
    NoEntries,
}

/// A rule of a proposal, as an error names it: `rule 3 (replace-text at 22602(e))`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRef {
    /// 1-based, in file order.
    pub number: usize,
    /// The rule's kind and what it is about, when the rule was read.
    pub rule: Option<RuleSummary>,
}

/// A rule named the way the proposal file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSummary {
    /// The kind as written (`rename-term`).
    pub kind: String,
    /// What the rule is about.
    pub about: RuleAbout,
}

/// What a rule is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleAbout {
    /// A term (renames, new definitions).
    Term(String),
    /// A provision path (text edits).
    At(String),
}

/// What is wrong with a proposal, or with one of its rules applied to the bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProposalProblem {
    /// The TOML does not parse or does not fit (the TOML library's message).
    Toml {
        /// The library's message.
        message: String,
    },
    /// No `[[rules]]`.
    NoRules,
    /// More rules than allowed.
    TooManyRules {
        /// How many.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A rule did not serialize as a TOML table (while editing a proposal).
    RuleNotATable,
    /// `rules` is written inline, so a rule cannot be appended.
    RulesNotTables,
    /// Removing a rule from a proposal with none.
    NothingToRemove,
    /// Removing a rule past the end.
    NoSuchRule {
        /// 1-based.
        number: usize,
        /// How many rules there are.
        count: usize,
    },
    /// A rule's rationale is empty.
    EmptyRationale,
    /// A rule names a glossary entry that does not exist.
    UnknownGlossaryEntry {
        /// The id.
        id: String,
    },
    /// Two rules change the same words.
    Overlap {
        /// Where.
        path: String,
        /// The earlier rule.
        other: RuleRef,
    },
    /// A definition would go into a section without subdivisions.
    NoSubdivisions {
        /// The section.
        section: String,
    },
    /// The section's subdivisions are not plainly lettered.
    NotLettered {
        /// The section.
        section: String,
    },
    /// No section holds definitions and none was named.
    NoDefinitionsSection,
    /// `text` is empty.
    EmptyText,
    /// The term is already defined there.
    AlreadyDefined {
        /// The term as written.
        term: String,
        /// The section.
        section: String,
    },
    /// The definition's text does not mention its term.
    TextOmitsTerm {
        /// The term as written.
        term: String,
    },
    /// More subdivisions than letters.
    TooManySubdivisions {
        /// The section.
        section: String,
    },
    /// `to` is empty.
    EmptyTo,
    /// A rename of a term the bill does not define.
    NotDefined {
        /// The term as written.
        term: String,
        /// A defined term it may mean.
        near: Option<String>,
    },
    /// An insertion gives both or neither of `after` and `before`.
    AfterOrBefore,
    /// The text to find is empty.
    EmptyFind,
    /// The provision does not contain the text.
    TextNotFound {
        /// The provision.
        path: String,
        /// The text looked for.
        find: String,
        /// The start of what the provision reads.
        reads: String,
        /// Whether `reads` was cut short.
        cut: bool,
    },
    /// The text is in the provision more than once.
    TextAmbiguous {
        /// The text looked for.
        find: String,
        /// How many times.
        count: usize,
        /// The provision.
        path: String,
    },
    /// The rule names a provision the bill does not have.
    NoProvision {
        /// The path.
        path: String,
        /// A near miss.
        hint: Option<PathHint>,
    },
    /// The rule names a provision path that is not well formed.
    BadPath {
        /// The path.
        path: String,
        /// Why.
        why: PathProblem,
    },
}

/// What is wrong with a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterProblem {
    /// The TOML does not parse or does not fit (the TOML library's message).
    Toml {
        /// The library's message.
        message: String,
    },
    /// The bill the letter names is not there.
    BillNotFound {
        /// As the letter names it.
        bill: String,
    },
    /// No `[sender]`.
    MissingSender,
    /// The sender has neither name nor organization.
    SenderUnnamed,
    /// No `[addressee]`.
    MissingAddressee,
    /// The addressee has neither name nor organization.
    AddresseeUnnamed,
    /// No `bill`.
    MissingBill,
    /// No `stance`.
    MissingStance {
        /// The stances there are, as written in a letter file.
        stances: Vec<String>,
    },
    /// A stance that is not one of them.
    UnknownStance {
        /// As given.
        given: String,
        /// The stances there are.
        stances: Vec<String>,
    },
    /// A subject line that names another stance than the letter's.
    SubjectContradictsStance {
        /// The stance the subject names (`oppose-unless-amended`).
        subject_says: String,
        /// The letter's stance.
        stance: String,
    },
    /// A stance that needs amendments, without a proposal.
    StanceNeedsProposal {
        /// The stance as written in a letter file (`oppose-unless-amended`).
        stance: String,
    },
    /// No `committee`.
    MissingCommittee,
    /// A date that is not `YYYY-MM-DD`.
    BadDate {
        /// As given.
        given: String,
    },
    /// No `date`.
    MissingDate,
    /// No paragraphs.
    NoParagraphs,
}

/// What already exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existing {
    /// The file is another measure than the bill it is added to.
    OtherMeasure {
        /// The file's measure.
        file_measure: String,
        /// The bill id.
        bill: String,
        /// The bill's measure.
        measure: String,
    },
    /// The bill already has the version.
    Version {
        /// The bill id.
        bill: String,
        /// The version id.
        version: String,
    },
    /// A bill folder is there already (a fetch replaces one only when told to).
    Folder {
        /// The folder.
        dir: PathBuf,
    },
}

/// Why a name is not a valid one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameProblem {
    /// Not lowercase letters, digits, `-`, `_`, `.`, at most 64 characters.
    Unsafe,
    /// A source that is not an http(s) address.
    NotAWebAddress,
}

/// What is wrong with a server setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// The TOML does not parse or does not fit (the TOML library's message).
    Toml {
        /// The library's message.
        message: String,
    },
    /// A users file with no users.
    NoUsers,
    /// A user's hash is not an argon2 hash.
    BadHash {
        /// The user.
        user: String,
        /// The hash library's message.
        message: String,
    },
    /// A public address without access control.
    PublicWithoutAuth,
    /// The address could not be bound (the system's message).
    Bind {
        /// The system's message.
        message: String,
    },
}

/// What went wrong with the search index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexProblem {
    /// The search engine's error (tantivy's message).
    Engine {
        /// Its message.
        message: String,
    },
    /// Built by another schema version.
    OtherSchema,
    /// There is no index.
    Missing,
    /// The glossary could not be fingerprinted (serde's message).
    Glossary {
        /// Its message.
        message: String,
    },
}

/// What is wrong with a search query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryProblem {
    /// Empty or whitespace.
    Empty,
    /// A quotation mark or parenthesis opened at `at` (a character position, from 1) and never closed.
    Unclosed {
        /// `"` or `(`.
        mark: char,
        /// Where it opens.
        at: usize,
    },
    /// A closing parenthesis at `at` that closes nothing.
    Unopened {
        /// Where it is.
        at: usize,
    },
    /// `AND`, `OR` or `NOT` with nothing after it.
    Dangling {
        /// The operator.
        operator: String,
    },
    /// The query parser's message.
    Syntax {
        /// Its message.
        message: String,
    },
    /// A proximity (`"a b"~N`) looser than the search allows: a phrase's matches within a wide window
    /// cost time that grows very fast with the window (tantivy's sloppy phrase matching).
    Slop {
        /// The window asked for.
        given: u64,
        /// The widest allowed.
        max: u64,
    },
    /// `sense:` with a value that is not a sense.
    Sense {
        /// The value given.
        value: String,
    },
}

/// The nearest provision that exists, for a path that does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathHint {
    /// The prefix exists and has nothing nested.
    NoNested {
        /// The existing prefix.
        prefix: String,
    },
    /// The prefix exists and has these nested labels.
    Contains {
        /// The existing prefix.
        prefix: String,
        /// Its children's paths after the prefix (`(a)`, `(b)`).
        children: Vec<String>,
    },
}

/// Why a typed provision path does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProblem {
    /// Something after the labels.
    Trailing {
        /// What is left.
        rest: String,
    },
    /// No section number, bill section or heading at the start.
    NoSection,
}

/// Why a pubinfo dump cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PubinfoProblem {
    /// The path is a file that is not a zip archive.
    NotAZip,
    /// A zip archive that does not open (the zip library's message).
    BadZip {
        /// The library's message.
        message: String,
    },
    /// Neither the folder nor the zip holds a table billdiff imports.
    NoTables {
        /// The tables looked for.
        tables: Vec<String>,
    },
    /// A table file none of whose rows reads as the table's rows (the first row's problem).
    NotATable {
        /// The first row's problem.
        first: RowProblem,
    },
    /// An entry of the dump is larger than billdiff reads.
    TooLarge {
        /// The entry.
        entry: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

/// A row of a pubinfo table that was skipped, and why; the import goes on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The row has another number of columns than the table.
    Columns {
        /// How many the table has.
        expected: usize,
        /// How many the row has.
        found: usize,
    },
    /// A backtick-quoted string runs to the end of the file.
    Unclosed,
    /// A field the import needs is `NULL` or empty.
    Missing {
        /// The column.
        column: &'static str,
    },
    /// A field does not read as what its column holds (a date, a number, a stage).
    Bad {
        /// The column.
        column: &'static str,
        /// The value as written.
        value: String,
    },
    /// The `.lob` file a row names is not in the dump.
    MissingLob {
        /// The file named.
        lob: String,
    },
    /// The `.lob` file is not the text the row says it is (not UTF-8, not CAML).
    BadLob {
        /// The file named.
        lob: String,
    },
    /// An author row for a bill version that is not in the dump.
    UnknownVersion {
        /// The `bill_version_id`.
        version: String,
    },
    /// The bill's folder exists in the library but was not made by an import; it is left alone.
    NotImported {
        /// The folder.
        folder: String,
    },
}

/// A skipped row: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The table file, as named in the dump (`bill-1989/BILL_VERSION_TBL.dat`).
    pub file: String,
    /// Its 1-based line.
    pub line: usize,
    /// What is wrong.
    pub problem: RowProblem,
}

/// Why a section cannot be put into the law store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LawPutProblem {
    /// The code is not an abbreviation of one to five letters.
    BadCode,
    /// The section number is not letters, digits, dots and hyphens.
    BadSection,
    /// The text has no words.
    EmptyText,
    /// The store's file could not be written as TOML (the library's message).
    Toml(String),
}

/// What a `billdiff fetch` argument should have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeginfoProblem {
    /// Not a California measure (`ca:SB-1047`, `SB 1047`, `sb1047`).
    NotAMeasure,
    /// A measure of another jurisdiction than California's.
    OtherJurisdiction {
        /// The jurisdiction named (`ny`).
        jurisdiction: String,
    },
    /// Not a session (`2023`, `2023x1`).
    NotASession,
    /// Not the address of a leginfo bill page (`...billTextClient.xhtml?bill_id=202320240SB1047`).
    NotABillAddress,
    /// Not a site's address (`https://host[:port]`).
    NotASite,
}

/// How a connection to a site failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// The host name does not resolve (no network, or no such host).
    HostNotFound,
    /// Nothing listens there.
    Refused,
    /// No answer in time.
    TimedOut,
    /// The secure connection could not be set up (the TLS library's message).
    Tls {
        /// Its message.
        message: String,
    },
    /// Another failure (the HTTP library's message).
    Other {
        /// Its message.
        message: String,
    },
}

/// What went wrong fetching a bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchProblem {
    /// The site could not be reached, after every retry.
    Unreachable {
        /// The last failure.
        cause: Transport,
        /// Requests made.
        attempts: u32,
    },
    /// The site kept answering with a status that asks to come back (429, 5xx).
    Busy {
        /// The last status.
        status: u16,
        /// Requests made.
        attempts: u32,
        /// The wait the site asked for (`Retry-After`, seconds), when it was longer than billdiff waits.
        retry_after: Option<u64>,
    },
    /// The site refused the request (another 4xx).
    Refused {
        /// The address.
        url: String,
        /// The status.
        status: u16,
    },
    /// The site has no such bill (404).
    NoBill {
        /// The measure (`SB 1047`).
        measure: String,
        /// Its session.
        session: String,
    },
    /// A version the bill's page lists is not there (404).
    NoVersion {
        /// The measure.
        measure: String,
        /// leginfo's id of the version (`20230SB104799INT`).
        version: String,
        /// Its entry in the page's list (`02/07/24 - Introduced`).
        label: String,
    },
    /// The page is not a leginfo bill page (no version list, or no bill text).
    NotABillPage {
        /// The address.
        url: String,
    },
    /// The page is another bill's, or another version's, than the one asked for.
    OtherPage {
        /// The address.
        url: String,
        /// What was asked for (a `bill_id` or a version id).
        expected: String,
        /// What the page is.
        found: String,
    },
    /// A version in the page's list whose date or stage does not read.
    BadVersionEntry {
        /// The entry as the page writes it.
        label: String,
    },
    /// The page is larger than billdiff reads as one bill.
    TooLarge {
        /// The address.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The page is not text (not UTF-8).
    NotText {
        /// The address.
        url: String,
    },
}
