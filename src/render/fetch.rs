//! The words of `billdiff fetch`: its progress lines and the summary of what it fetched.

use crate::ingest::fetch::{Progress, Report, RetryCause};

/// `147,182`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 version`, `12 versions`.
fn versions(n: usize) -> String {
    match n {
        1 => "1 version".into(),
        n => format!("{n} versions"),
    }
}

/// Why a `--delay` is refused.
pub fn not_seconds(given: &str) -> String {
    format!("not a number of seconds from 0 to 3600: {given:?}")
}

/// A line of progress, for the progress bar's message.
pub fn progress(p: &Progress<'_>) -> String {
    match p {
        Progress::Listing { url } => format!("reading the list of versions: {url}"),
        Progress::Version { done, total, id } => format!("version {done} of {total}: {id}"),
        Progress::Retrying {
            url,
            attempt,
            wait,
            cause,
        } => {
            let why = match cause {
                RetryCause::Status(s) => format!("HTTP {s}"),
                RetryCause::Transport(t) => t.to_string(),
            };
            format!("{why}; try {attempt} in {:.1} s: {url}", wait.as_secs_f64())
        }
    }
}

/// The summary printed at the end: what was fetched, where it went, then a line per version.
pub fn summary(r: &Report) -> String {
    let verb = if r.replaced { "replaced" } else { "wrote" };
    let mut out = format!(
        "fetched {} ({}): {}, {} bytes; {verb} {}\n",
        r.measure,
        r.session,
        versions(r.versions.len()),
        thousands(r.bytes()),
        r.folder.display()
    );
    let width = r.versions.iter().map(|v| v.id.len()).max().unwrap_or(0);
    for v in &r.versions {
        out.push_str(&format!(
            "  {:width$}  {}  {}  {} bytes\n",
            v.id,
            v.date,
            v.file,
            thousands(v.bytes)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Transport;
    use crate::ingest::fetch::Fetched;
    use crate::model::Date;
    use std::time::Duration;

    #[test]
    fn the_summary_names_each_version() {
        let r = Report {
            measure: "SB 1047".into(),
            session: "2023–2024 Regular Session".into(),
            folder: "bills/ca-sb1047".into(),
            replaced: false,
            versions: vec![
                Fetched {
                    id: "introduced".into(),
                    date: Date::parse_iso("2024-02-07").unwrap(),
                    file: "sb1047-2024-introduced.html".into(),
                    bytes: 61_234,
                },
                Fetched {
                    id: "enrolled".into(),
                    date: Date::parse_iso("2024-09-03").unwrap(),
                    file: "sb1047-2024-enrolled.html".into(),
                    bytes: 147_182,
                },
            ],
            requests: 3,
        };
        assert_eq!(
            summary(&r),
            "fetched SB 1047 (2023–2024 Regular Session): 2 versions, 208,416 bytes; wrote bills/ca-sb1047\n  \
             introduced  2024-02-07  sb1047-2024-introduced.html  61,234 bytes\n  \
             enrolled    2024-09-03  sb1047-2024-enrolled.html  147,182 bytes\n"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn retries_say_why_and_when() {
        let cause = RetryCause::Transport(Transport::Refused);
        let p = Progress::Retrying {
            url: "http://x/y",
            attempt: 2,
            wait: Duration::from_millis(1500),
            cause: &cause,
        };
        assert_eq!(progress(&p), "the connection was refused; try 2 in 1.5 s: http://x/y");
    }
}
