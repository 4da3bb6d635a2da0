//! `billdiff import`: official bulk data into the library. One subcommand per source; the first is
//! California's pubinfo tables.

use super::output;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `billdiff import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    source: Source,
}

#[derive(Debug, clap::Subcommand)]
enum Source {
    /// Import the California Legislature's pubinfo tables: bill folders and the law store.
    ///
    /// The dump is a session's pubinfo_YYYY.zip, a daily pubinfo_daily_Day.zip, or the folder they
    /// unpack to. Each measure becomes a bill folder with every version (stage, date, authors, the CAML
    /// text); the code sections go into the law store (law/<code>/<section>.toml).
    ///
    /// Incremental: only what differs from the library is written (by the rows' content hashes), so a
    /// daily dump updates what changed and importing a dump again changes nothing. A row that does not
    /// read (wrong number of columns, a missing .lob file) is a warning with its file and line, and the
    /// rest is imported.
    ///
    /// Exit codes: 0 every row imported; 1 some rows were skipped (see the warnings); 2 the dump cannot
    /// be read at all (not a folder or a zip, a broken zip, no pubinfo table in it).
    Pubinfo(PubinfoArgs),
    /// Put one section of current law into the law store, from a text file: for `diff --against law` in
    /// jurisdictions without bulk data (`billdiff import law rcw-9.41.040.txt --code RCW --section
    /// 9.41.040 --name "Revised Code of Washington"`).
    ///
    /// The text is the section as the jurisdiction's bills restate it, a paragraph a line (a Washington
    /// section from its `(1)`; a New York section from `§ 7-104.`). Putting the same text again changes
    /// nothing.
    Law(LawArgs),
}

#[derive(Debug, clap::Args)]
struct LawArgs {
    /// The section's text (plain text, a paragraph a line).
    file: PathBuf,

    /// The code's abbreviation, one to five letters (RCW, ELN, EDC).
    #[arg(long)]
    code: String,

    /// The section's number (9.41.040, 7-104, 48859).
    #[arg(long)]
    section: String,

    /// The code's name as bills write it (`election law`, `Revised Code of Washington`), kept in
    /// codes.toml so that action lines naming it find it.
    #[arg(long)]
    name: Option<String>,

    /// The law store (default: ./law).
    #[arg(long, value_name = "DIR", default_value = "law")]
    law: PathBuf,
}

#[derive(Debug, clap::Args)]
struct PubinfoArgs {
    /// The dump: a folder of .dat and .lob files (searched through its subfolders), or a zip of them.
    dump: PathBuf,

    /// The library of bill folders to import into.
    #[arg(long, default_value = "bills", value_name = "DIR")]
    library: PathBuf,

    /// The law store to import code sections into (default: law/ beside the library).
    #[arg(long, value_name = "DIR")]
    law: Option<PathBuf>,

    /// Bring this search index up to date with the library after the import (incrementally: only the
    /// versions the import wrote are read), as `billdiff index LIBRARY --index DIR` would.
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,

    #[command(flatten)]
    glossary: super::GlossaryArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.source {
        Source::Pubinfo(a) => pubinfo(a),
        Source::Law(a) => law(a),
    }
}

fn law(args: LawArgs) -> anyhow::Result<ExitCode> {
    // A paragraph a line, kept as the lines are (a table's short rows are rows, not a wrapped paragraph).
    let text = billdiff::ingest::read_text(&args.file)?;
    billdiff::ingest::library::create_dir(&args.law)?;
    let mut store = billdiff::ingest::law::Store::open(&args.law)?;
    let changed = store.put(
        &args.code,
        args.name.as_deref(),
        &args.section,
        &text,
        &args.file.display().to_string(),
    )?;
    output::stdout(&billdiff::render::import::law_put(
        &args.code,
        &args.section,
        &args.law,
        changed,
    ))?;
    Ok(super::exit::ok())
}

fn pubinfo(args: PubinfoArgs) -> anyhow::Result<ExitCode> {
    let law = args.law.clone().unwrap_or_else(|| {
        args.library
            .parent()
            .map_or_else(|| PathBuf::from("law"), |p| p.join("law"))
    });
    let bar = output::progress(0, "{elapsed_precise} [{bar:40}] {pos}/{len} rows {msg}");
    let target = billdiff::ingest::pubinfo::Target {
        library: &args.library,
        law: &law,
    };
    let report = billdiff::ingest::pubinfo::import(&args.dump, target, &mut |p| {
        if bar.length() != Some(p.total as u64) {
            bar.set_length(p.total as u64);
        }
        bar.set_position(p.done as u64);
        if !p.item.is_empty() {
            bar.set_message(p.item.to_string());
        }
    });
    bar.finish_and_clear();
    let report = report?;
    for row in &report.skipped {
        eprintln!("billdiff: warning: {}", billdiff::render::import::skipped(row));
    }
    output::stdout(&billdiff::render::import::summary(&report))?;
    // The index follows the library: only what the import changed is read again.
    if let Some(dir) = &args.index {
        let targets = billdiff::pipeline::index::targets(std::slice::from_ref(&args.library))?;
        let glossary = args.glossary.load()?;
        let stats = billdiff::pipeline::index::update(dir, &targets, &glossary, 200, &mut |_| {})?;
        output::stdout(&format!(
            "  index {}: {} version{} indexed, {} unchanged, {} removed\n",
            dir.display(),
            stats.indexed,
            if stats.indexed == 1 { "" } else { "s" },
            stats.unchanged,
            stats.removed
        ))?;
    }
    Ok(if report.skipped.is_empty() {
        super::exit::ok()
    } else {
        ExitCode::from(super::exit::FINDINGS)
    })
}
