//! The words of `billdiff import`: the summary of what an import added, changed and left alone, and the
//! rows it skipped (each worded by `render::error`).

use crate::ingest::pubinfo::{Counts, Report};

fn counts(c: &Counts) -> String {
    let mut s = format!("{} added, {} changed, {} unchanged", c.added, c.changed, c.unchanged);
    if c.removed > 0 {
        s.push_str(&format!(", {} removed", c.removed));
    }
    s
}

/// The summary printed at the end of an import: one line each for measures, versions and sections, then
/// the number of rows skipped, when any were.
pub fn summary(r: &Report) -> String {
    let mut out = format!("imported {}\n", r.dump);
    out.push_str(&format!("  measures: {}\n", counts(&r.measures)));
    out.push_str(&format!("  versions: {}\n", counts(&r.versions)));
    out.push_str(&format!("  sections: {}\n", counts(&r.sections)));
    match r.skipped.len() {
        0 => {}
        1 => out.push_str("  1 row skipped (see the warning)\n"),
        n => out.push_str(&format!("  {n} rows skipped (see the warnings)\n")),
    }
    out
}

/// A skipped row's warning line, after `billdiff: warning: `.
pub fn skipped(row: &crate::error::SkippedRow) -> String {
    row.to_string()
}

/// `billdiff import law`: what was put into the store.
pub fn law_put(code: &str, section: &str, store: &std::path::Path, changed: bool) -> String {
    let code = code.trim().to_ascii_uppercase();
    if changed {
        format!(
            "Put section {section} of {code} into the law store {}.\n",
            store.display()
        )
    } else {
        format!(
            "Section {section} of {code} is already in the law store {} with this text: nothing changed.\n",
            store.display()
        )
    }
}

/// The library list's count: "Showing 1–50 of 2,417 measures", "Showing the 1 measure", or that none match.
pub fn showing(from: usize, shown: usize, total: usize) -> String {
    match (shown, total) {
        (_, 0) => "No measure matches.".to_string(),
        (n, t) if n == t => format!("Showing {} measure{}.", t, if t == 1 { "" } else { "s" }),
        (n, t) => format!("Showing {}–{} of {} measures.", from + 1, from + n, t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_each_kind() {
        let r = Report {
            dump: "ca-pubinfo".into(),
            measures: Counts {
                added: 5,
                ..Counts::default()
            },
            sections: Counts {
                unchanged: 51,
                removed: 1,
                ..Counts::default()
            },
            ..Report::default()
        };
        assert_eq!(
            summary(&r),
            "imported ca-pubinfo\n  measures: 5 added, 0 changed, 0 unchanged\n  versions: 0 added, 0 changed, 0 unchanged\n  sections: 0 added, 0 changed, 51 unchanged, 1 removed\n"
        );
    }
}
