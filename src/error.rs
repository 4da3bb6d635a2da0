//! The library's one error type.
//!
//! Every variant carries what a reader needs to find the problem: the source (file or bill), and where
//! it applies the provision path or the line. The CLI prints the message on one line and exits with 2;
//! the web layer turns these into 4xx responses. Messages name the problem in the user's terms
//! ("not a bill: no bill sections found"), never in the parser's.

use std::path::PathBuf;

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong between reading a file and producing a result.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// The input is empty (or whitespace only).
    #[error("{source_name}: the file is empty")]
    Empty {
        /// The input's name.
        source_name: String,
    },

    /// The input is not text.
    #[error("{source_name}: not a text file ({why})")]
    Binary {
        /// The input's name.
        source_name: String,
        /// What gave it away.
        why: String,
    },

    /// The input is bigger than billdiff will read.
    #[error("{source_name}: file is {size} bytes, over the {limit}-byte limit for one bill")]
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
    #[error("{source_name}: nested deeper than {limit} levels")]
    TooDeep {
        /// The input's name.
        source_name: String,
        /// The deepest nesting allowed.
        limit: usize,
    },

    /// The input is text but not a bill billdiff can read.
    #[error("{source_name}: not a bill: {reason}")]
    NotABill {
        /// The input's name.
        source_name: String,
        /// What is missing.
        reason: String,
    },

    /// A bill folder's manifest (`bill.toml`) is missing or wrong.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },

    /// A glossary entry is malformed.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Glossary {
        /// The entry's file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },

    /// A proposal is malformed or does not apply to the bill.
    #[error("{source_name}{}: {}{message}", line.map(|l| format!(":{l}")).unwrap_or_default(), rule.as_ref().map(|r| format!("{r}: ")).unwrap_or_default())]
    Proposal {
        /// The proposal file.
        source_name: String,
        /// The line of the rule (or of the syntax error).
        line: Option<usize>,
        /// Which rule, described: `rule 3 (replace-text at 22602(e))`.
        rule: Option<String>,
        /// What is wrong.
        message: String,
    },

    /// A letter file is incomplete or contradicts itself.
    #[error("{source_name}: {message}")]
    Letter {
        /// The letter file.
        source_name: String,
        /// What is wrong.
        message: String,
    },

    /// Something with this name already exists (a bill version, a proposal).
    #[error("{what}")]
    Exists {
        /// What, in a sentence.
        what: String,
    },

    /// A name that would become a file name is not a safe one.
    #[error("{kind} {name:?} is not a valid name: {why}")]
    BadName {
        /// Bill, version, proposal, letter.
        kind: String,
        /// The name.
        name: String,
        /// Why not.
        why: String,
    },

    /// A server setting (a users file, a token, an address) is unusable.
    #[error("{source_name}: {message}")]
    Config {
        /// The file or option.
        source_name: String,
        /// What is wrong.
        message: String,
    },

    /// The search index could not be used.
    #[error("index {}: {message}", dir.display())]
    Index {
        /// The index folder.
        dir: PathBuf,
        /// What went wrong.
        message: String,
    },

    /// A search query is malformed.
    #[error("bad query {query:?}: {message}")]
    Query {
        /// The query as given.
        query: String,
        /// What is wrong (the parser's words).
        message: String,
    },

    /// A version asked for is not in the bill's manifest.
    #[error("{bill}: no version {version:?} (versions: {available})")]
    UnknownVersion {
        /// The bill.
        bill: String,
        /// What was asked for.
        version: String,
        /// What there is.
        available: String,
    },

    /// A comparison needs a version before the one it compares to, and the bill has none.
    #[error("{bill}: no version before {to:?} to compare it with; give the earlier version")]
    NoEarlierVersion {
        /// The bill.
        bill: String,
        /// The later version's id.
        to: String,
    },

    /// A provision path does not exist in the bill.
    #[error("{bill}: no provision {path:?}{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    ProvisionNotFound {
        /// The bill.
        bill: String,
        /// The path asked for.
        path: String,
        /// A near miss, when there is one.
        hint: Option<String>,
    },

    /// A provision path is not well formed.
    #[error("not a provision path: {path:?} ({why})")]
    BadPath {
        /// The path given.
        path: String,
        /// Why it does not parse.
        why: String,
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
