//! `billdiff diff`.

use super::{InputFormatArg, exit, output};
use anyhow::bail;
use billdiff::ingest::BillFolder;
use billdiff::render::{self, Style, redline::Heading};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `billdiff diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old version: a bill file, or a bill folder (then give --from and --to, or a NEW file).
    old: PathBuf,

    /// The new version: a bill file or folder (latest version). Omit to compare versions of OLD's folder.
    new: Option<PathBuf>,

    /// With a bill folder: the old version (id, date YYYY-MM-DD, position 1 = oldest). Default: the one
    /// before --to.
    #[arg(long, value_name = "VERSION")]
    from: Option<String>,

    /// With a bill folder: the new version. Default: the latest.
    #[arg(long, value_name = "VERSION")]
    to: Option<String>,

    /// Output format (default: from the -o file's extension, else text).
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Write to this file (atomically) instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,

    /// Compare the two texts one marked version relates: the text before its official change marks
    /// (CAML, USLM, Washington XML) and the text as it reads. The redline is scored against the marks.
    #[arg(long)]
    marked: bool,

    /// Compare the bill with the current law it amends (`--against law`): each bill section that amends or
    /// repeals a section of law against that section's text in the law store; what the bill adds is new.
    /// Give one bill file or folder (and --to for a version).
    #[arg(long, value_enum, value_name = "WHAT")]
    against: Option<Against>,

    /// The law store for --against law (default: law/ beside the bill's library, else ./law).
    #[arg(long, value_name = "DIR", requires = "against")]
    law: Option<PathBuf>,

    /// Read the files as this format instead of detecting it.
    #[arg(long, value_enum)]
    input_format: Option<InputFormatArg>,

    #[command(flatten)]
    glossary: super::GlossaryArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Against {
    /// The current law in the law store (`billdiff import pubinfo`, `billdiff import law`).
    Law,
}

/// The law store beside a bill's library: `bills/ca-sb1047` → `law/`; for a file, `./law`.
fn default_law(target: &std::path::Path) -> PathBuf {
    match (
        BillFolder::is_bill_folder(target),
        target.parent().and_then(|l| l.parent()),
    ) {
        (true, Some(root)) => root.join("law"),
        _ => PathBuf::from("law"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Summary, then changed paragraphs with deletions and insertions marked, then the amendments.
    Text,
    /// The same as Markdown.
    #[value(alias = "markdown")]
    Md,
    /// A standalone HTML redline in leginfo's convention.
    Html,
    /// Everything as data (documented, versioned: schema_version).
    Json,
    /// The differences as numbered amendment instructions.
    Amendments,
}

/// A version line for the heading: "July 8, 2025 (amended-asm-2025-07-08)".
fn label(o: &billdiff::pipeline::Opened) -> String {
    let when = o
        .bill
        .meta
        .current()
        .map(|h| format!("{}, {}", h.stage.as_str(), h.date.long()))
        .unwrap_or_else(|| o.source.path.display().to_string());
    match &o.source.version {
        Some(v) => format!("{when} [{v}]"),
        None => when,
    }
}

pub fn run(args: Args, style: Style) -> anyhow::Result<ExitCode> {
    let format_in = args.input_format.map(Into::into);
    let glossary = args.glossary.load()?;
    let billdiff::pipeline::Compared {
        old,
        new,
        comparison: c,
    } = match &args.new {
        _ if args.against == Some(Against::Law) => {
            if args.new.is_some() || args.from.is_some() || args.marked {
                bail!("--against law compares one bill with current law: give one file (or a folder and --to)");
            }
            let law = args.law.clone().unwrap_or_else(|| default_law(&args.old));
            billdiff::pipeline::compare_law(&args.old, args.to.as_deref(), format_in, &law, &glossary)?
        }
        _ if args.marked => {
            if args.new.is_some() || args.from.is_some() {
                bail!("--marked compares the two sides of one marked version: give one file (or a folder and --to)");
            }
            billdiff::pipeline::compare_marked(&args.old, args.to.as_deref(), format_in, &glossary)?
        }
        Some(new) => {
            if args.from.is_some() || args.to.is_some() {
                bail!("--from and --to select versions of one bill folder; with two files give no --from/--to");
            }
            billdiff::pipeline::compare_files(&args.old, new, format_in, &glossary)?
        }
        None => {
            if !BillFolder::is_bill_folder(&args.old) {
                bail!(
                    "{}: give a NEW file to compare with, or a bill folder with --from and --to",
                    args.old.display()
                );
            }
            billdiff::pipeline::compare_versions(
                &args.old,
                args.from.as_deref(),
                args.to.as_deref(),
                format_in,
                &glossary,
            )?
        }
    };
    for o in [&old, &new] {
        for w in &o.bill.warnings {
            eprintln!(
                "billdiff: warning: {}: {}: {}",
                o.name(),
                w.path,
                billdiff::render::notes::warning(&w.kind)
            );
        }
    }
    let measure = new
        .bill
        .meta
        .measure
        .as_ref()
        .or(old.bill.meta.measure.as_ref())
        .map_or_else(|| "the bill".to_string(), ToString::to_string);
    let title = match c.context {
        billdiff::compare::law::Context::ExistingLaw => format!("current law → {}", label(&new)),
        billdiff::compare::law::Context::PreviousVersion => format!("{} → {}", label(&old), label(&new)),
    };
    let mut summary = format!(
        "{}\n\n{}",
        render::compare::context(c.context),
        render::compare::summary(&c.summary)
    );
    if c.context == billdiff::compare::law::Context::ExistingLaw {
        summary.push_str("\n\n");
        summary.push_str(&render::compare::law(&c.law));
    }
    if let Some(a) = &c.official {
        summary.push_str("\n\n");
        summary.push_str(&render::compare::agreement(a));
    }
    let heading = Heading {
        kind: render::compare::heading_kind(c.context),
        bill: &measure,
        title: &title,
        summary: &summary,
        notice: Some(render::redline::COMPARE_NOTICE),
    };
    let format = args
        .format
        .or_else(|| super::format_from_extension(args.output.as_deref()))
        .unwrap_or(Format::Text);
    let style = if args.output.is_some() { Style::default() } else { style };
    let out = match format {
        Format::Text => render::redline::text(&heading, &c.redline, None, style),
        Format::Md => render::redline::markdown(&heading, &c.redline, None),
        Format::Html => render::html::redline(&heading, &c.redline, None),
        Format::Json => render::json::compare(&old.source, &new.source, &c),
        Format::Amendments => render::redline::amendments(&heading, &c.redline),
    };
    match &args.output {
        Some(p) => output::write_atomic(p, &out)?,
        None => output::stdout(&out)?,
    }
    Ok(ExitCode::from(if c.summary.differs() {
        exit::FINDINGS
    } else {
        exit::OK
    }))
}
