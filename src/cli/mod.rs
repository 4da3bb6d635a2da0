//! The `billdiff` command line: clap derive, one module per subcommand.
//!
//! Each subcommand's `run` returns the exit code (see [`exit`]); errors bubble up as `anyhow` chains and
//! are printed on one line by `main`. Results go to stdout, warnings and logs to stderr.

mod comment;
mod diff;
pub mod exit;
mod export;
#[cfg(feature = "fetch")]
mod fetch;
mod import;
mod index;
mod outline;
mod output;
mod propose;
mod search;
#[cfg(feature = "web")]
mod serve;
mod show;
mod terms;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// billdiff — read, question and amend bills.
///
/// Parses a bill as published (leginfo HTML page, plain text, Markdown) into sections and provisions with
/// stable paths such as 22602(e)(1)(B)(i)(II).
///
/// Exit codes: 0 ok (no findings, no differences), 1 findings or differences, 2 usage or input error.
#[derive(Debug, Parser)]
#[command(name = "billdiff", version, propagate_version = false, max_term_width = 100)]
pub struct Cli {
    /// When to use colour on the terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a bill's provision tree: path, first words, counts.
    Outline(outline::Args),
    /// Print one provision's text, e.g. `billdiff show bills/ca-sb1047 "22602(e)(1)(B)(i)(II)"`.
    Show(show::Args),
    /// Defined terms with scope and uses, undefined terms of art, findings (exit 1 when there are findings).
    Terms(terms::Args),
    /// Apply an amendment proposal: redline, amendment instructions, footnotes, amended text.
    ///
    /// Exit 1 when the consistency check of the amended bill has findings (unless --allow-findings).
    Propose(propose::Args),
    /// Compare two versions of a bill: structure first (renumbered, moved, added, deleted provisions), then
    /// words; definitions added, removed and changed.
    ///
    /// Exit 0 when the versions are identical, 1 when they differ.
    Diff(diff::Args),
    /// Build or update the search index of bills (incremental; default: bills/).
    Index(index::Args),
    /// Import official bulk data into the library: `billdiff import pubinfo DIR|ZIP` (California's
    /// pubinfo tables: bill folders and the law/ store of code sections).
    Import(import::Args),
    #[cfg(feature = "fetch")]
    /// Download a California measure's texts from leginfo.legislature.ca.gov into a bill folder, e.g.
    /// `billdiff fetch ca:SB-1047 --session 2023`.
    ///
    /// Every version the bill's page lists (or those --versions names) is fetched, one request at a time
    /// (--delay apart, with retries and back-off), and written with its bill.toml into LIBRARY/ca-sb1047
    /// only once every page is in: a failure leaves nothing behind. An existing folder is replaced only
    /// with --force. Exit 2 when the site cannot be reached, has no such bill or version, or serves a page
    /// that is not a bill page.
    Fetch(fetch::Args),
    /// Search the index: phrases, proximity, AND/OR/NOT, bill:, session:, section:, defines:, uses:,
    /// undefined: (exit 1 when nothing matches).
    Search(search::Args),
    /// Write a bill, with its terms analysis, in a standard format: Akoma Ntoso 3.0.
    Export(export::Args),
    /// Render a public-record comment letter (Markdown, HTML, PDF, Word with tracked changes, plain text).
    Comment(comment::Args),
    #[cfg(feature = "web")]
    /// Serve the web UI for a workspace of bills (default: 127.0.0.1:8080, this folder's bills/).
    Serve(serve::Args),
    #[cfg(feature = "web")]
    /// Print a users-file line for `serve --auth`: the argon2 hash of a password read from stdin.
    HashPassword(serve::HashArgs),
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// A leginfo bill page.
    Html,
    /// Plain text.
    Text,
    /// Markdown.
    #[value(alias = "md")]
    Markdown,
    /// California's CAML XML.
    Caml,
    /// A PDF with a text layer.
    Pdf,
    /// US Legislative Markup (GPO bill XML).
    Uslm,
    /// Akoma Ntoso 3.0.
    Akn,
    /// UK legislation XML (CLML).
    Clml,
    /// Washington State Legislature bill XML.
    WaXml,
}

impl From<InputFormatArg> for billdiff::ingest::InputFormat {
    fn from(f: InputFormatArg) -> Self {
        match f {
            InputFormatArg::Html => billdiff::ingest::InputFormat::Html,
            InputFormatArg::Text => billdiff::ingest::InputFormat::Text,
            InputFormatArg::Markdown => billdiff::ingest::InputFormat::Markdown,
            InputFormatArg::Caml => billdiff::ingest::InputFormat::Caml,
            InputFormatArg::Pdf => billdiff::ingest::InputFormat::Pdf,
            InputFormatArg::Uslm => billdiff::ingest::InputFormat::Uslm,
            InputFormatArg::Akn => billdiff::ingest::InputFormat::Akn,
            InputFormatArg::Clml => billdiff::ingest::InputFormat::Clml,
            InputFormatArg::WaXml => billdiff::ingest::InputFormat::WaXml,
        }
    }
}

/// The glossary option of every subcommand that analyses terms.
#[derive(Debug, clap::Args)]
pub struct GlossaryArgs {
    /// A folder of glossary entries (*.md) to use instead of the glossary built into billdiff.
    #[arg(long = "glossary", env = "BILLDIFF_GLOSSARY", value_name = "DIR")]
    dir: Option<PathBuf>,
}

impl GlossaryArgs {
    /// The glossary: the folder given, else the built-in one (never a folder found by accident in the
    /// working directory).
    pub fn load(&self) -> anyhow::Result<billdiff::glossary::Glossary> {
        use anyhow::Context;
        billdiff::ingest::glossary::load(self.dir.as_deref()).context("reading the glossary")
    }
}

/// The `--format` value an output file's extension names (`-o redline.html` → html), for a subcommand
/// whose formats include it; `None` leaves the subcommand's default.
pub fn format_from_extension<F: ValueEnum>(output: Option<&std::path::Path>) -> Option<F> {
    let ext = output?.extension()?.to_str()?.to_ascii_lowercase();
    let name = match ext.as_str() {
        "htm" => "html",
        "markdown" => "md",
        e => e,
    };
    F::from_str(name, true).ok()
}

/// What every command that reads one bill takes.
#[derive(Debug, clap::Args)]
pub struct BillArgs {
    /// A bill file (.html, .txt, .md) or a bill folder with a bill.toml (e.g. bills/ca-sb1047).
    pub bill: PathBuf,

    /// For a bill folder: which version (id, date YYYY-MM-DD, position 1 = oldest, or "latest").
    #[arg(long = "version", value_name = "VERSION")]
    pub bill_version: Option<String>,

    /// Read the file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,

    /// Read the text in this drafting style instead of detecting it: ca (California), us (US federal),
    /// tx (Texas), ny (New York), co (Colorado), wa (Washington), eu (European Union), uk (United Kingdom).
    #[arg(long, value_parser = ["ca", "us", "tx", "ny", "co", "wa", "eu", "uk"])]
    pub style: Option<String>,
}

impl BillArgs {
    /// Open the bill through the library's pipeline; parse warnings go to stderr.
    pub fn open(&self) -> anyhow::Result<billdiff::pipeline::Opened> {
        let style = self.style.as_deref().and_then(billdiff::parse::style::by_id);
        let opened = billdiff::pipeline::open_in(
            &self.bill,
            self.bill_version.as_deref(),
            self.input_format.map(Into::into),
            style,
        )?;
        for w in &opened.bill.warnings {
            eprintln!(
                "billdiff: warning: {}: {}",
                w.path,
                billdiff::render::notes::warning(&w.kind)
            );
        }
        Ok(opened)
    }
}

impl ColorChoice {
    /// Whether to colour stdout.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
        }
    }
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let style = billdiff::render::Style {
        color: cli.color.enabled(),
    };
    match cli.command {
        Command::Outline(args) => outline::run(args, style),
        Command::Export(args) => export::run(args),
        Command::Show(args) => show::run(args),
        Command::Terms(args) => terms::run(args, style),
        Command::Propose(args) => propose::run(args, style),
        Command::Diff(args) => diff::run(args, style),
        Command::Index(args) => index::run(args),
        Command::Import(args) => import::run(args),
        #[cfg(feature = "fetch")]
        Command::Fetch(args) => fetch::run(args),
        Command::Search(args) => search::run(args, style),
        Command::Comment(args) => comment::run(args),
        #[cfg(feature = "web")]
        Command::Serve(args) => serve::run(args),
        #[cfg(feature = "web")]
        Command::HashPassword(args) => serve::hash(args),
    }
}
