//! The bill's header: everything printed before the first bill section.
//!
//! leginfo prints, in order: the version history (`Enrolled September 03, 2024`, `Amended IN Assembly
//! August 22, 2024`, ...), `CALIFORNIA LEGISLATURE— 2023–2024 REGULAR SESSION`, `Senate Bill` `No. 1047`,
//! `Introduced by Senator Wiener (Coauthors: ...)`, the introduction date, the title (`An act to add ...`),
//! then the Legislative Counsel's Digest and its key, and the enacting clause. LegiScan's chaptered layout
//! prints `Senate Bill No. 53`, `CHAPTER 138`, the title, `[ Approved by Governor ... Filed with Secretary
//! of State ... ]` and the digest. Each block is recognised by its own shape, so the order can vary and
//! missing parts are simply absent.

use super::grammar::{long_date, only_date};
use super::style::Style;
use crate::model::{BillMeta, Date, Digest, HistoryEntry, House, Measure, Stage};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case},
    character::complete::{digit1, space0, space1},
    combinator::{all_consuming, opt},
    sequence::preceded,
};

const ENACTING_CLAUSE: &str = "The people of the State of California do enact as follows:";

fn house(i: &str) -> IResult<&str, House> {
    alt((
        tag_no_case("Senate").map(|_| House::Senate),
        tag_no_case("Assembly").map(|_| House::Assembly),
    ))
    .parse(i)
}

/// `Amended IN Assembly August 22, 2024`, `Enrolled September 03, 2024`, `Introduced February 07, 2024`.
fn history_line(i: &str) -> IResult<&str, HistoryEntry> {
    let (rest, stage) = alt((
        tag_no_case("Enrolled").map(|_| Stage::Enrolled),
        tag_no_case("Passed").map(|_| Stage::Passed),
        tag_no_case("Amended").map(|_| Stage::Amended),
        tag_no_case("Introduced").map(|_| Stage::Introduced),
        tag_no_case("Chaptered").map(|_| Stage::Chaptered),
        tag_no_case("Vetoed").map(|_| Stage::Vetoed),
    ))
    .parse(i)?;
    let (rest, house) = opt(preceded((space1, tag_no_case("IN"), space1), house)).parse(rest)?;
    let (rest, date) = preceded(space1, long_date).parse(rest)?;
    Ok((rest, HistoryEntry { stage, house, date }))
}

/// `SB 1047, Wiener.` at the start of the digest's subject line: measure kind and number.
fn digest_measure(i: &str) -> IResult<&str, Measure> {
    let (rest, kind) = alt((tag("SB"), tag("AB"), tag("SCR"), tag("ACR"), tag("SJR"), tag("AJR"))).parse(i)?;
    let (rest, n) = preceded(space1, digit1).parse(rest)?;
    Ok((
        rest,
        Measure {
            kind: kind.to_string(),
            number: n.parse().unwrap_or(0),
            ..Measure::default()
        },
    ))
}

/// `Senate Bill No. 53`, `Senate Bill`, `No. 1047`.
fn measure_kind(text: &str) -> Option<&'static str> {
    match text.trim().to_ascii_lowercase().as_str() {
        "senate bill" => Some("SB"),
        "assembly bill" => Some("AB"),
        "senate concurrent resolution" => Some("SCR"),
        "assembly concurrent resolution" => Some("ACR"),
        _ => None,
    }
}

fn number_line(i: &str) -> Option<u32> {
    let r: IResult<&str, &str> = all_consuming(preceded((tag("No."), space0), digit1)).parse(i.trim());
    r.ok().and_then(|(_, n)| n.parse().ok())
}

/// Dates inside `[ Approved by Governor September 29, 2025. Filed with Secretary of State September 29, 2025. ]`.
fn approval(text: &str) -> Vec<HistoryEntry> {
    let mut out = Vec::new();
    for (phrase, stage) in [
        ("Filed with Secretary of State", Stage::Filed),
        ("Approved by Governor", Stage::Approved),
    ] {
        if let Some(i) = text.find(phrase) {
            let rest = text[i + phrase.len()..].trim_start();
            if let Ok((_, date)) = long_date(rest) {
                out.push(HistoryEntry {
                    stage,
                    house: None,
                    date,
                });
            }
        }
    }
    out
}

#[derive(PartialEq)]
enum State {
    Top,
    /// The next block is the digest's subject line.
    DigestSubject,
    Digest,
    After,
}

/// Read the header blocks into metadata and the digest.
pub fn parse(blocks: &[&str]) -> (BillMeta, Option<Digest>) {
    let mut meta = BillMeta::default();
    let mut digest: Option<Digest> = None;
    let mut state = State::Top;
    let mut pending_kind: Option<&'static str> = None;
    let mut introduced: Option<Date> = None;
    let mut after_authors = false;
    for &text in blocks {
        let upper = text.to_ascii_uppercase();
        if upper == "LEGISLATIVE COUNSEL'S DIGEST" || upper == "LEGISLATIVE COUNSEL’S DIGEST" {
            state = State::DigestSubject;
            digest.get_or_insert_with(Digest::default);
            continue;
        }
        if text == ENACTING_CLAUSE || upper == "BILL TEXT" || upper == "BILL START" {
            if state != State::Top {
                state = State::After;
            }
            continue;
        }
        if upper == "DIGEST KEY" {
            state = State::After;
            continue;
        }
        if text.starts_with("Vote:") {
            digest.get_or_insert_with(Digest::default).key = Some(text.to_string());
            state = State::After;
            continue;
        }
        match state {
            State::DigestSubject => {
                if let Ok((rest, m)) = digest_measure(text) {
                    meta.measure.get_or_insert(m);
                    // "SB 1047, Wiener. Safe and Secure ... Act." → the subject after the author.
                    let subject = rest.trim_start_matches(',').trim();
                    let subject = subject.split_once(". ").map_or(subject, |(_, s)| s);
                    meta.subject = Some(subject.to_string());
                    state = State::Digest;
                    continue;
                }
                state = State::Digest;
                digest
                    .get_or_insert_with(Digest::default)
                    .paragraphs
                    .push(text.to_string());
                continue;
            }
            State::Digest => {
                digest
                    .get_or_insert_with(Digest::default)
                    .paragraphs
                    .push(text.to_string());
                continue;
            }
            State::Top | State::After => {}
        }
        if let Ok((_, e)) = all_consuming(history_line).parse(text) {
            meta.history.push(e);
        } else if let Some(session) = upper.strip_prefix("CALIFORNIA LEGISLATURE") {
            let s = session.trim_start_matches(['—', '-', '–', ' ']).trim();
            meta.session = Some(title_case_session(s));
            meta.jurisdiction.get_or_insert_with(|| "ca".into());
        } else if let Some(kind) = measure_kind(text) {
            pending_kind = Some(kind);
        } else if let Some(n) = number_line(text) {
            if let Some(kind) = pending_kind.take() {
                meta.measure = Some(Measure {
                    kind: kind.into(),
                    number: n,
                    ..Measure::default()
                });
            }
        } else if let Some((kind, n)) = text
            .rsplit_once(" No. ")
            .and_then(|(k, n)| Some((measure_kind(k)?, n.trim().parse::<u32>().ok()?)))
        {
            meta.measure = Some(Measure {
                kind: kind.into(),
                number: n,
                ..Measure::default()
            });
        } else if let Some(chapter) = upper
            .strip_prefix("CHAPTER ")
            .filter(|c| c.trim().bytes().all(|b| b.is_ascii_digit()))
        {
            meta.chapter = Some(chapter.trim().to_string());
        } else if let Some(by) = text.strip_prefix("Introduced by ") {
            let (authors, coauthors) = match by.split_once("(Coauthors:") {
                Some((a, c)) => (a, Some(c.trim().trim_end_matches(')'))),
                None => (by, None),
            };
            meta.authors = vec![authors.trim().to_string()];
            meta.coauthors = coauthors.map(|c| vec![c.trim().to_string()]).unwrap_or_default();
            after_authors = true;
        } else if let (true, Some(d)) = (after_authors, only_date(text)) {
            introduced = Some(d);
            after_authors = false;
        } else if ["an act ", "a bill for an act ", "a bill to ", "an act to "]
            .iter()
            .any(|w| text.to_ascii_lowercase().starts_with(w))
        {
            meta.title = Some(text.to_string());
        } else if text.starts_with('[') && text.contains("Approved by Governor") {
            meta.history.extend(approval(text));
        }
    }
    if let Some(date) = introduced {
        meta.history.push(HistoryEntry {
            stage: Stage::Introduced,
            house: None,
            date,
        });
    }
    (meta, digest.filter(|d| !d.paragraphs.is_empty() || d.key.is_some()))
}

/// A measure designation in the header, in one of `style`'s forms: `H.B. No. 149`, `H. R. 6028`,
/// `SENATE BILL 24-205`, `REGULATION (EU) 2024/1689`, `E2SHB 1320`.
pub fn measure(style: &Style, blocks: &[&str]) -> Option<Measure> {
    let squeeze = |t: &str| {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase()
    };
    for p in style.measures.iter().filter(|p| p.own_line) {
        for (i, text) in blocks.iter().enumerate().take(400) {
            if !p.words.iter().any(|w| squeeze(text) == squeeze(w)) {
                continue;
            }
            let near = blocks[i.saturating_sub(6)..(i + 6).min(blocks.len())].iter();
            if let Some(m) = near
                .filter(|b| b.trim().starts_with(|c: char| c.is_ascii_digit()) && b.len() <= 12)
                .find_map(|b| designation(b.trim(), &p.kind, false).filter(|_| !b.contains(' ')))
            {
                return Some(m);
            }
        }
    }
    for text in blocks.iter().take(400) {
        for p in style.measures.iter().filter(|p| !p.own_line) {
            for w in &p.words {
                let mut from = 0;
                while let Some(k) = text[from..].find(w.as_str()) {
                    let at = from + k;
                    from = at + w.len();
                    let before_ok = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                    if !before_ok {
                        continue;
                    }
                    if let Some(m) = designation(&text[at + w.len()..], &p.kind, p.year) {
                        return Some(m);
                    }
                }
            }
        }
    }
    None
}

/// The session and the first date where other legislatures print them: `2015-2016 Regular Sessions` (New
/// York), `119th CONGRESS` and `2d Session` (Congress), `2021 REGULAR SESSION` (Washington); the date printed
/// alone after `IN SENATE` / `IN THE HOUSE OF REPRESENTATIVES` is the day the bill was introduced.
pub fn session_and_date(blocks: &[&str]) -> (Option<String>, Option<Date>) {
    let mut session: Option<String> = None;
    let mut congress: Option<String> = None;
    let mut date = None;
    let mut after_house = false;
    for (i, &text) in blocks.iter().enumerate().take(400) {
        let t = text.trim();
        let upper = t.to_ascii_uppercase();
        let squeezed: String = upper.chars().filter(|c| !c.is_whitespace()).collect();
        if session.is_none()
            && (upper.ends_with("REGULAR SESSION") || upper.ends_with("REGULAR SESSIONS"))
            && t.len() < 60
        {
            let s = t.trim_start_matches(['-', '–', '—', ' ']);
            if s.starts_with(|c: char| c.is_ascii_digit()) {
                session = Some(title_case_session(s));
            }
        }
        // `119th CONGRESS`, then `2d Session` on its line or the next.
        let words: Vec<&str> = t.split_whitespace().collect();
        if congress.is_none()
            && t.len() < 40
            && words.len() >= 2
            && words[0].starts_with(|c: char| c.is_ascii_digit())
            && words[1].eq_ignore_ascii_case("congress")
        {
            let n = words[0].to_ascii_lowercase();
            let rest = words[2..].join(" ");
            let next = blocks.get(i + 1).map(|b| b.trim()).unwrap_or("");
            let session = if rest.to_ascii_lowercase().ends_with("session") {
                rest
            } else if next.to_ascii_lowercase().ends_with(" session") && next.len() < 20 {
                next.to_string()
            } else {
                String::new()
            };
            congress = Some(match session.is_empty() {
                true => format!("{n} Congress"),
                false => format!("{n} Congress, {session}"),
            });
        }
        if [
            "INSENATE",
            "INASSEMBLY",
            "INTHEHOUSEOFREPRESENTATIVES",
            "INTHESENATEOFTHEUNITEDSTATES",
        ]
        .contains(&squeezed.as_str())
        {
            after_house = true;
            continue;
        }
        if after_house && date.is_none() {
            // `January 7, 2015 ___________`: the rule under the date is printed with it.
            if let Some(d) = only_date(t.trim_end_matches(['_', ' '])) {
                date = Some(d);
            } else if !t.starts_with('(') {
                after_house = false;
            }
        }
    }
    (session.or(congress), date)
}

/// A measure as a manifest writes it: `SB 1047`, `H.R. 6028`, `SB 24-205`, `Regulation (EU) 2024/1689`.
pub fn designation_as_written(s: &str) -> Option<Measure> {
    let (kind, rest) = s.trim().rsplit_once(' ')?;
    designation(rest, kind, rest.contains('/'))
}

/// What follows a measure's words: ` 1320`, ` 24-205`, ` 2024/1689`, ` 1646-A`, `6028`.
fn designation(rest: &str, kind: &str, year: bool) -> Option<Measure> {
    let r = rest.trim_start_matches([' ', '\u{a0}']);
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let n = digits(r);
    if n == 0 {
        return None;
    }
    let (mut measure, after) = if year {
        let y = &r[..n];
        let after = r[n..].strip_prefix('/')?;
        let k = digits(after);
        (
            Measure {
                kind: kind.to_string(),
                number: after[..k].parse().ok()?,
                year: Some(y.to_string()),
                suffix: None,
            },
            &after[k..],
        )
    } else if n == 2 && r[n..].starts_with('-') && digits(&r[n + 1..]) > 0 {
        let k = digits(&r[n + 1..]);
        (
            Measure {
                kind: kind.to_string(),
                number: r[n + 1..n + 1 + k].parse().ok()?,
                year: Some(r[..n].to_string()),
                suffix: None,
            },
            &r[n + 1 + k..],
        )
    } else {
        (
            Measure {
                kind: kind.to_string(),
                number: r[..n].parse().ok()?,
                ..Measure::default()
            },
            &r[n..],
        )
    };
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // `1646-A`, `3007--A`: a version letter.
    let t = after.trim_start_matches('-');
    if t.len() < after.len()
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && !t[1..].starts_with(char::is_alphanumeric)
    {
        measure.suffix = Some(format!("-{}", &t[..1]));
    }
    Some(measure)
}

/// `2023–2024 REGULAR SESSION` → `2023–2024 Regular Session`.
fn title_case_session(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if f.is_alphabetic() => f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leginfo_header() {
        let blocks = [
            "Enrolled September 03, 2024",
            "Passed IN Senate August 29, 2024",
            "Amended IN Assembly August 22, 2024",
            "CALIFORNIA LEGISLATURE— 2023–2024 REGULAR SESSION",
            "Senate Bill",
            "No. 1047",
            "Introduced by Senator Wiener (Coauthors: Senators Roth, Rubio, and Stern)",
            "February 07, 2024",
            "An act to add Chapter 22.6 to Division 8 of the Business and Professions Code.",
            "LEGISLATIVE COUNSEL'S DIGEST",
            "SB 1047, Wiener. Safe and Secure Innovation for Frontier Artificial Intelligence Models Act.",
            "Existing law requires things.",
            "This bill would do things.",
            "Digest Key",
            "Vote: MAJORITY Appropriation: NO Fiscal Committee: YES Local Program: NO",
            "Bill Text",
            ENACTING_CLAUSE,
        ];
        let (meta, digest) = parse(&blocks);
        assert_eq!(meta.measure.as_ref().unwrap().to_string(), "SB 1047");
        assert_eq!(meta.session.as_deref(), Some("2023–2024 Regular Session"));
        assert_eq!(meta.history.len(), 4);
        assert_eq!(
            meta.history[1],
            HistoryEntry {
                stage: Stage::Passed,
                house: Some(House::Senate),
                date: Date::new(2024, 8, 29).unwrap()
            }
        );
        assert_eq!(meta.history[3].stage, Stage::Introduced);
        assert_eq!(meta.authors, vec!["Senator Wiener"]);
        assert_eq!(meta.coauthors, vec!["Senators Roth, Rubio, and Stern"]);
        assert_eq!(
            meta.subject.as_deref(),
            Some("Safe and Secure Innovation for Frontier Artificial Intelligence Models Act.")
        );
        let digest = digest.unwrap();
        assert_eq!(
            digest.paragraphs,
            vec!["Existing law requires things.", "This bill would do things."]
        );
        assert!(digest.key.unwrap().starts_with("Vote: MAJORITY"));
    }

    #[test]
    fn legiscan_chaptered_header() {
        let blocks = [
            "Senate Bill No. 53",
            "CHAPTER 138",
            "An act to add things, relating to artificial intelligence.",
            "[ Approved by Governor September 29, 2025. Filed with Secretary of State September 29, 2025. ]",
            "LEGISLATIVE COUNSEL'S DIGEST",
            "SB 53, Wiener. Artificial intelligence models: large developers.",
            "(1) Existing law generally regulates artificial intelligence.",
            "Digest Key",
            "Vote: MAJORITY Appropriation: NO Fiscal Committee: YES Local Program: NO",
        ];
        let (meta, digest) = parse(&blocks);
        assert_eq!(meta.measure.unwrap().to_string(), "SB 53");
        assert_eq!(meta.chapter.as_deref(), Some("138"));
        assert_eq!(
            meta.history.iter().map(|h| h.stage).collect::<Vec<_>>(),
            vec![Stage::Filed, Stage::Approved]
        );
        assert_eq!(digest.unwrap().paragraphs.len(), 1);
    }

    #[test]
    fn sessions_and_introduction_dates_of_other_legislatures() {
        let ny = [
            "STATE OF NEW YORK",
            "434",
            "2015-2016 Regular Sessions",
            "IN SENATE",
            "(Prefiled)",
            "January 7, 2015 ___________",
        ];
        let (session, date) = session_and_date(&ny);
        assert_eq!(session.as_deref(), Some("2015-2016 Regular Sessions"));
        assert_eq!(date, Date::new(2015, 1, 7));
        let us = [
            "119th CONGRESS 2d Session",
            "H. R. 9025",
            "To designate the facility",
            "IN THE HOUSE OF REPRESENTATIVES",
            "May 26, 2026",
        ];
        let (session, date) = session_and_date(&us);
        assert_eq!(session.as_deref(), Some("119th Congress, 2d Session"));
        assert_eq!(date, Date::new(2026, 5, 26));
        let wa = [
            "67TH LEGISLATURE",
            "2021 REGULAR SESSION",
            "Passed by the House April 14, 2021",
        ];
        assert_eq!(session_and_date(&wa), (Some("2021 Regular Session".to_string()), None));
    }
}
