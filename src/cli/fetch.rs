//! `billdiff fetch`: a California measure's texts from leginfo.legislature.ca.gov into a bill folder.

use super::output;
use billdiff::ingest::fetch::{self, Manners, Request, Wanted};
use billdiff::ingest::leginfo::{self, BillAddress, Measure, Session};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

/// Arguments of `billdiff fetch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The measure: ca:SB-1047, SB 1047 or sb1047 (AB, SB, ACA, SCA, ACR, SCR, AJR, SJR, HR, SR).
    #[arg(required_unless_present = "url", conflicts_with = "url", value_name = "MEASURE")]
    measure: Option<String>,

    /// The session, by the year it starts (2023 for 2023–2024; a year in it will do; 2023x1 for its first
    /// extraordinary session). Default: the current session.
    #[arg(long, value_name = "YEAR")]
    session: Option<String>,

    /// A leginfo bill page's address instead of a measure (…/billTextClient.xhtml?bill_id=202320240SB1047);
    /// one that names a &version= fetches that version only.
    #[arg(long, value_name = "URL", conflicts_with_all = ["session", "base_url"])]
    url: Option<String>,

    /// Only these versions, comma-separated: stage names as bill.toml writes them (introduced, amended,
    /// passed, enrolled, chaptered, ...) or version ids (amended-asm-2024-08-22). Default: every version.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    versions: Vec<String>,

    /// The library of bill folders to fetch into.
    #[arg(long, default_value = "bills", value_name = "DIR")]
    library: PathBuf,

    /// Replace the bill's folder when it exists (the old one stays whole until the new one is).
    #[arg(long)]
    force: bool,

    /// Seconds to wait between requests, to go easy on the Legislature's site.
    #[arg(long, default_value = "1", value_parser = seconds, value_name = "SECONDS")]
    delay: Duration,

    /// How many times to retry a request after a connection error, 429 or 5xx (waiting 1, 2, 4, ... s, or
    /// as long as the site's Retry-After asks).
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    retries: u32,

    /// For testing: fetch from this site instead of https://leginfo.legislature.ca.gov (the manifest's
    /// sources still name leginfo).
    #[arg(long, hide = true, value_name = "URL")]
    base_url: Option<String>,
}

/// A number of seconds, 0 to an hour.
fn seconds(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<f64>() {
        Ok(n) if (0.0..=3600.0).contains(&n) => Ok(Duration::from_secs_f64(n)),
        _ => Err(billdiff::render::fetch::not_seconds(s)),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let wanted = match (&args.url, &args.measure) {
        (Some(url), _) => Wanted::Address(BillAddress::parse(url)?),
        (None, Some(m)) => {
            let session = match &args.session {
                Some(s) => Session::parse(s)?,
                None => Session::of_year(this_year()),
            };
            let base = match &args.base_url {
                Some(b) => leginfo::site(b)?,
                None => leginfo::SITE.to_string(),
            };
            Wanted::Measure {
                measure: Measure::parse(m, session)?,
                base,
            }
        }
        // clap requires one of them.
        (None, None) => unreachable!("clap requires a measure or --url"),
    };
    let req = Request {
        wanted,
        versions: &args.versions,
        library: &args.library,
        force: args.force,
        manners: Manners {
            delay: args.delay,
            retries: args.retries,
            ..Manners::default()
        },
    };
    let bar = output::progress(0, "{elapsed_precise} [{bar:20}] {pos}/{len} {msg}");
    bar.enable_steady_tick(Duration::from_millis(200));
    let report = fetch::fetch(&req, &mut |p| {
        if let fetch::Progress::Version { total, done, .. } = p {
            bar.set_length(total as u64);
            bar.set_position(done.saturating_sub(1) as u64);
        }
        bar.set_message(billdiff::render::fetch::progress(&p));
    });
    bar.finish_and_clear();
    output::stdout(&billdiff::render::fetch::summary(&report?))?;
    Ok(super::exit::ok())
}

/// This year, by the system clock (for the current session).
fn this_year() -> u16 {
    let days = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    billdiff::model::Date::from_days_since_epoch(days).year
}
