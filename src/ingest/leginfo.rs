//! California's identifiers, as leginfo.legislature.ca.gov and the pubinfo tables write them: a measure's
//! `bill_id` (`202320240SB1047`: the session's years, its number, the measure), the session's name, a
//! version's stage and house from the words the Legislature prints (`Amended Assembly`), and the version
//! ids the built-in library gives them (`amended-asm-2024-08-22`, `enrolled`). The pubinfo import and the
//! leginfo fetch share them, so a bill folder made either way names its versions alike.
//!
//! Beside them, what `billdiff fetch` reads: a measure as a person writes it (`ca:SB-1047`, `SB 1047`,
//! `sb1047`), a session by the year it starts (`2023`, `2023x1` for the first extraordinary session), the
//! addresses of leginfo's bill pages, and a bill page's facts ([`BillPage`]: its title, session and list of
//! versions, read with the HTML reader's parser).

use crate::error::{Error, FetchProblem, LeginfoProblem, Result};
use crate::model::{Date, House, Stage};
use std::collections::BTreeSet;

/// The Legislature's site: where the official texts are, and what every fetched manifest's sources name.
pub const SITE: &str = "https://leginfo.legislature.ca.gov";

/// The kinds of measure leginfo publishes: bills, constitutional amendments, concurrent and joint
/// resolutions, house resolutions, of each house.
const KINDS: [&str; 10] = ["AB", "SB", "ACA", "SCA", "ACR", "SCR", "AJR", "SJR", "HR", "SR"];

/// A session: the year it starts (sessions run two years from an odd year) and which one (0 the regular
/// session, 1 the first extraordinary session, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    /// The odd year it starts.
    pub year: u16,
    /// 0 regular, n the n-th extraordinary session.
    pub special: u8,
}

impl Session {
    /// The session a year falls in (2026 is in the session that started in 2025).
    pub fn of_year(year: u16) -> Session {
        Session {
            year: year - (1 - year % 2),
            special: 0,
        }
    }

    /// Read `2023`, `2024` (the session it falls in), `2023-24`, `2023–2024`, `2023x1`.
    pub fn parse(given: &str) -> Result<Session> {
        let bad = || Error::Leginfo {
            given: given.to_string(),
            problem: LeginfoProblem::NotASession,
        };
        let s = given.trim().to_ascii_lowercase();
        let (years, special) = match s.split_once('x') {
            Some((y, n)) => (y, n.parse::<u8>().ok().filter(|n| (1..=9).contains(n)).ok_or_else(bad)?),
            None => (s.as_str(), 0),
        };
        let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
        let (start, end) = match years.split_once(['-', '–']) {
            Some((a, b)) => (a, Some(b)),
            None => (years, None),
        };
        if !digits(start) || start.len() != 4 {
            return Err(bad());
        }
        let year: u16 = start.parse().map_err(|_| bad())?;
        if !(1989..=2999).contains(&year) {
            return Err(bad());
        }
        let session = Session::of_year(year);
        if let Some(end) = end {
            // The second year, whole (2024) or by its last digits (24), must be the one after an odd start.
            let next = (year + 1).to_string();
            if year % 2 == 0 || !digits(end) || !next.ends_with(end) || end.len() == 1 || end.len() == 3 {
                return Err(bad());
            }
        }
        Ok(Session { special, ..session })
    }
}

impl Measure {
    /// A measure as a person writes it (`ca:SB-1047`, `ca:sb1047`, `SB 1047`, `sb1047`, `ca-sb1047`), in
    /// `session`.
    pub fn parse(given: &str, session: Session) -> Result<Measure> {
        let bad = |problem| Error::Leginfo {
            given: given.to_string(),
            problem,
        };
        let mut s = given.trim();
        if let Some((j, rest)) = s.split_once(':') {
            if !j.trim().eq_ignore_ascii_case("ca") {
                return Err(bad(LeginfoProblem::OtherJurisdiction {
                    jurisdiction: j.trim().to_string(),
                }));
            }
            s = rest;
        } else if let Some(rest) = s.get(..3).filter(|p| p.eq_ignore_ascii_case("ca-")).map(|_| &s[3..]) {
            s = rest;
        }
        let compact: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_' | '.' | '\u{a0}'))
            .collect::<String>()
            .to_ascii_uppercase();
        let kind: String = compact.chars().take_while(char::is_ascii_alphabetic).collect();
        let number = compact[kind.len()..].trim_start_matches('0');
        let ok = KINDS.contains(&kind.as_str())
            && !number.is_empty()
            && number.len() <= 5
            && number.chars().all(|c| c.is_ascii_digit());
        if !ok {
            return Err(bad(LeginfoProblem::NotAMeasure));
        }
        Ok(Measure {
            year: session.year,
            session: session.special,
            kind,
            number: number.to_string(),
        })
    }

    /// Its `bill_id` on leginfo: `202320240SB1047`.
    pub fn bill_id(&self) -> String {
        format!(
            "{}{}{}{}{}",
            self.year,
            self.year + 1,
            self.session,
            self.kind,
            self.number
        )
    }

    /// How bills print it: `SB 1047`.
    pub fn designation(&self) -> String {
        format!("{} {}", self.kind, self.number)
    }

    /// The folder a fetched bill goes to, named as the built-in library's are: `ca-sb1047` for a regular
    /// session's measure, `ca-sb2-1999x1` for an extraordinary session's (whose numbers start again at 1).
    pub fn library_folder(&self) -> String {
        if self.session == 0 {
            format!("ca-{}{}", self.kind.to_ascii_lowercase(), self.number)
        } else {
            self.folder()
        }
    }
}

/// The address of a bill's text page on `base` (`https://leginfo.legislature.ca.gov`, or a test server),
/// of one version or of the current one.
pub fn text_url(base: &str, bill_id: &str, version: Option<&str>) -> String {
    let base = base.trim_end_matches('/');
    match version {
        Some(v) => format!("{base}/faces/billTextClient.xhtml?bill_id={bill_id}&version={v}"),
        None => format!("{base}/faces/billTextClient.xhtml?bill_id={bill_id}"),
    }
}

/// The address of a bill's page (its status, history and texts) on leginfo: a manifest's `source`.
pub fn bill_url(bill_id: &str) -> String {
    format!("{SITE}/faces/billNavClient.xhtml?bill_id={bill_id}")
}

/// The value of `name` in an address's query (`bill_id` of `...?bill_id=202320240SB1047&version=...`).
pub fn query_param<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A leginfo address, read: its site (`https://leginfo.legislature.ca.gov`), the measure, the version
/// when it names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillAddress {
    /// Scheme, host and port.
    pub base: String,
    /// The measure.
    pub measure: Measure,
    /// leginfo's id of the version, when the address names one.
    pub version: Option<String>,
}

impl BillAddress {
    /// Read the address of a bill page (`billTextClient.xhtml`, `billNavClient.xhtml`, any page that
    /// names a `bill_id`).
    pub fn parse(given: &str) -> Result<BillAddress> {
        let bad = || Error::Leginfo {
            given: given.to_string(),
            problem: LeginfoProblem::NotABillAddress,
        };
        let url = given.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(bad)?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if host.is_empty() {
            return Err(bad());
        }
        let base = &url[..url.len() - rest.len() + host.len()];
        let bill_id = query_param(url, "bill_id").ok_or_else(bad)?;
        let measure = Measure::from_bill_id(bill_id)
            .filter(|m| m.bill_id() == bill_id && KINDS.contains(&m.kind.as_str()))
            .ok_or_else(bad)?;
        let version = query_param(url, "version").map(str::to_string);
        if version
            .as_deref()
            .is_some_and(|v| !v.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(bad());
        }
        Ok(BillAddress {
            base: base.to_string(),
            measure,
            version,
        })
    }
}

/// A site's address (`http://127.0.0.1:8080`) to fetch from instead of [`SITE`], checked.
pub fn site(given: &str) -> Result<String> {
    let url = given.trim().trim_end_matches('/');
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ']) => Ok(url.to_string()),
        _ => Err(Error::Leginfo {
            given: given.to_string(),
            problem: LeginfoProblem::NotASite,
        }),
    }
}

/// The host (and port) of an address, for messages: `leginfo.legislature.ca.gov`, `127.0.0.1:8080`.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// One version in a bill page's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageVersion {
    /// leginfo's id: `20230SB104788ENR`.
    pub leginfo_id: String,
    /// The entry as the page writes it: `09/03/24 - Enrolled`.
    pub label: String,
    /// Its date.
    pub date: Date,
    /// Its stage.
    pub stage: Stage,
    /// The house, for amended and passed versions.
    pub house: Option<House>,
    /// Its id in a bill folder: `enrolled`, `amended-asm-2024-08-22`.
    pub id: String,
}

/// What a leginfo bill page says about the bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillPage {
    /// The `bill_id` the page is of, when it says.
    pub bill_id: Option<String>,
    /// The bill's short title (`Safe and Secure Innovation for Frontier Artificial Intelligence Models
    /// Act.`), when the page has one.
    pub title: Option<String>,
    /// The session as the bill prints it, in the manifests' case (`2023–2024 Regular Session`).
    pub session: Option<String>,
    /// Every version, oldest first, with the ids a bill folder gives them.
    pub versions: Vec<PageVersion>,
    /// The version the page shows.
    pub selected: Option<String>,
}

/// Read a leginfo bill page (`url` names it in errors) of a measure of the session starting in
/// `session_year`: `Ok(None)` when it is not a bill page (no bill text, or no version list).
pub fn read_page(url: &str, text: &str, session_year: u16) -> Result<Option<BillPage>> {
    let facts = super::html::page_facts(url, text)?;
    if !facts.has_text || facts.versions.is_empty() {
        return Ok(None);
    }
    let selected = facts.versions.iter().find(|v| v.2).map(|v| v.0.clone());
    // The page lists the newest first; ids are given oldest first, as the pubinfo import gives them.
    let mut taken = BTreeSet::new();
    let mut versions = Vec::with_capacity(facts.versions.len());
    for (value, label, _) in facts.versions.into_iter().rev() {
        let bad = || Error::Fetch {
            host: host(url).to_string(),
            problem: FetchProblem::BadVersionEntry { label: label.clone() },
        };
        let (date, action) = label.split_once(" - ").ok_or_else(bad)?;
        let date = short_date(date, session_year).ok_or_else(bad)?;
        let (stage, house) = stage(action).ok_or_else(bad)?;
        let id = version_id(stage, house, date, &taken);
        taken.insert(id.clone());
        versions.push(PageVersion {
            leginfo_id: value,
            label,
            date,
            stage,
            house,
            id,
        });
    }
    let title = facts.title.as_deref().and_then(short_title);
    let session = facts.session.as_deref().map(session_words);
    let bill_id = facts
        .text_link
        .as_deref()
        .and_then(|l| query_param(l, "bill_id"))
        .map(str::to_string);
    Ok(Some(BillPage {
        bill_id,
        title,
        session,
        versions,
        selected,
    }))
}

/// `09/03/24` as a date in the century that puts it nearest the session's start.
fn short_date(s: &str, session_year: u16) -> Option<Date> {
    let mut it = s.trim().split('/');
    let (m, d, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() {
        return None;
    }
    let (month, day): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    let year: u16 = match y.len() {
        2 => {
            let yy: u16 = y.parse().ok()?;
            let century = session_year / 100 * 100;
            [century.saturating_sub(100), century, century + 100]
                .into_iter()
                .map(|c| c + yy)
                .min_by_key(|y| y.abs_diff(session_year))?
        }
        4 => y.parse().ok()?,
        _ => return None,
    };
    Date::new(year, month, day)
}

/// The short title in a page's `<title>`: `Bill Text - SB-1047 Safe and Secure ... Act.` → `Safe and
/// Secure ... Act.`.
fn short_title(title: &str) -> Option<String> {
    let rest = title.split_once(" - ").map_or(title, |(_, r)| r).trim();
    let (first, subject) = rest.split_once(' ')?;
    let is_measure = first.chars().any(|c| c.is_ascii_digit())
        && first
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    let subject = subject.trim();
    (is_measure && !subject.is_empty()).then(|| subject.to_string())
}

/// `CALIFORNIA LEGISLATURE— 2023–2024 REGULAR SESSION` → `2023–2024 Regular Session`.
fn session_words(line: &str) -> String {
    let s = line.rsplit('—').next().unwrap_or(line).trim();
    s.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            let mut cs = lower.chars();
            match cs.next() {
                Some(c) => c.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A measure, from its `bill_id` (`198919900ACR65`: session 1989–90, session number 0, ACR 65).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// The year the session starts (odd: sessions run two years).
    pub year: u16,
    /// 0 for the regular session, 1 for the first extraordinary session, ...
    pub session: u8,
    /// `SB`, `AB`, `ACR`, ... (uppercase).
    pub kind: String,
    /// The number, without leading zeros.
    pub number: String,
}

impl Measure {
    /// Read a `bill_id`; `None` when it is not one.
    pub fn from_bill_id(id: &str) -> Option<Measure> {
        let id = id.trim();
        let year: u16 = id.get(0..4)?.parse().ok()?;
        let session: u8 = id.get(8..9)?.parse().ok()?;
        let rest = id.get(9..)?;
        let kind: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        let number = &rest[kind.len()..];
        (!kind.is_empty() && !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())).then(|| Measure {
            year,
            session,
            kind: kind.to_ascii_uppercase(),
            number: number.trim_start_matches('0').to_string(),
        })
    }

    /// The bill folder's id: `ca-acr65-1989`, `ca-sb2-1999x1` (as the built-in library names them).
    pub fn folder(&self) -> String {
        let x = if self.session == 0 {
            String::new()
        } else {
            format!("x{}", self.session)
        };
        format!("ca-{}{}-{}{x}", self.kind.to_ascii_lowercase(), self.number, self.year)
    }

    /// The session as the manifests write it: `1989–1990 Regular Session`,
    /// `1999–2000 First Extraordinary Session`.
    pub fn session_name(&self) -> String {
        const ORDINALS: [&str; 9] = [
            "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
        ];
        let years = format!("{}–{}", self.year, self.year + 1);
        match self.session {
            0 => format!("{years} Regular Session"),
            n => match ORDINALS.get(usize::from(n) - 1) {
                Some(o) => format!("{years} {o} Extraordinary Session"),
                None => format!("{years} Extraordinary Session {n}"),
            },
        }
    }
}

/// A version's stage and house from BILL_VERSION_TBL's `action` (`Introduced`, `Amended Assembly`,
/// `Amended Senate`, `Enrolled`, `Chaptered`, ...).
pub fn stage(action: &str) -> Option<(Stage, Option<House>)> {
    let a = action.trim().to_ascii_lowercase();
    let house = if a.contains("assembly") {
        Some(House::Assembly)
    } else if a.contains("senate") {
        Some(House::Senate)
    } else {
        None
    };
    let stage = [
        ("introduced", Stage::Introduced),
        ("amended", Stage::Amended),
        ("passed", Stage::Passed),
        ("enrolled", Stage::Enrolled),
        ("chaptered", Stage::Chaptered),
        ("vetoed", Stage::Vetoed),
        ("approved", Stage::Approved),
        ("filed", Stage::Filed),
    ]
    .into_iter()
    .find(|(w, _)| a.starts_with(w))?
    .1;
    Some((stage, house.filter(|_| matches!(stage, Stage::Amended | Stage::Passed))))
}

/// A version id as the built-in library writes them: `introduced`, `amended-asm-1999-03-08`, `enrolled`;
/// the date (and then a number) added when the id is taken.
pub fn version_id(stage: Stage, house: Option<House>, date: Date, taken: &BTreeSet<String>) -> String {
    let base = match (stage, house) {
        (Stage::Amended | Stage::Passed, Some(h)) => {
            let h = if h == House::Assembly { "asm" } else { "sen" };
            format!("{}-{h}-{date}", stage.id())
        }
        _ => stage.id().to_string(),
    };
    let mut id = base.clone();
    if taken.contains(&id) && !base.ends_with(&date.to_string()) {
        id = format!("{base}-{date}");
    }
    let mut n = 2;
    let stem = id.clone();
    while taken.contains(&id) {
        id = format!("{stem}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_as_people_write_them() {
        let s = Session::parse("2023").unwrap();
        for given in [
            "ca:SB-1047",
            "ca:sb1047",
            "SB 1047",
            "sb1047",
            "ca-sb1047",
            " CA: SB 01047 ",
        ] {
            let m = Measure::parse(given, s).unwrap_or_else(|e| panic!("{given}: {e}"));
            assert_eq!(
                (m.bill_id(), m.designation()),
                ("202320240SB1047".into(), "SB 1047".into())
            );
            assert_eq!(m.library_folder(), "ca-sb1047");
        }
        let m = Measure::parse("SB 2", Session::parse("1999x1").unwrap()).unwrap();
        assert_eq!(
            (m.bill_id(), m.library_folder()),
            ("199920001SB2".into(), "ca-sb2-1999x1".into())
        );
        let problem = |given: &str| match Measure::parse(given, s) {
            Err(Error::Leginfo { problem, .. }) => problem,
            other => panic!("{given}: {other:?}"),
        };
        for bad in ["", "SB", "1047", "XB 1047", "SB 10a47", "SB 0", "SB 123456", "ca:"] {
            assert_eq!(problem(bad), LeginfoProblem::NotAMeasure, "{bad}");
        }
        assert_eq!(
            problem("ny:S-1"),
            LeginfoProblem::OtherJurisdiction {
                jurisdiction: "ny".into()
            }
        );
    }

    #[test]
    fn sessions_by_the_year_they_start() {
        let s = |given: &str| Session::parse(given).map(|s| (s.year, s.special)).ok();
        assert_eq!(s("2023"), Some((2023, 0)));
        assert_eq!(s("2024"), Some((2023, 0)));
        assert_eq!(s("2023-24"), Some((2023, 0)));
        assert_eq!(s("2023–2024"), Some((2023, 0)));
        assert_eq!(s("2023x1"), Some((2023, 1)));
        for bad in [
            "", "23", "2023-25", "2024-25", "20233", "2023x0", "2023x", "1066", "twenty",
        ] {
            assert_eq!(s(bad), None, "{bad}");
        }
        assert_eq!(Session::of_year(2026), Session { year: 2025, special: 0 });
        assert_eq!(Session::of_year(2025), Session { year: 2025, special: 0 });
    }

    #[test]
    fn addresses() {
        let a = BillAddress::parse(
            "https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml?bill_id=202320240SB1047&version=20230SB104788ENR",
        )
        .unwrap();
        assert_eq!(a.base, SITE);
        assert_eq!(a.measure.designation(), "SB 1047");
        assert_eq!(a.version.as_deref(), Some("20230SB104788ENR"));
        let a = BillAddress::parse("http://127.0.0.1:8080/faces/billNavClient.xhtml?bill_id=202520260SB53").unwrap();
        assert_eq!((a.base.as_str(), a.version), ("http://127.0.0.1:8080", None));
        assert_eq!(host(&a.base), "127.0.0.1:8080");
        for bad in [
            "leginfo.legislature.ca.gov/faces/billTextClient.xhtml?bill_id=202320240SB1047",
            "https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml",
            "https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml?bill_id=nonsense",
            "https:///x?bill_id=202320240SB1047",
        ] {
            assert!(BillAddress::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            text_url(SITE, "202320240SB1047", Some("20230SB104788ENR")),
            "https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml?bill_id=202320240SB1047&version=20230SB104788ENR"
        );
    }

    #[test]
    fn the_sb1047_page_lists_its_versions() {
        let text = include_str!("../../bills/ca-sb1047/sb1047-2024-enrolled.html");
        let page = read_page("sb1047.html", text, 2023).unwrap().expect("a bill page");
        assert_eq!(page.bill_id.as_deref(), Some("202320240SB1047"));
        assert_eq!(
            page.title.as_deref(),
            Some("Safe and Secure Innovation for Frontier Artificial Intelligence Models Act.")
        );
        assert_eq!(page.session.as_deref(), Some("2023–2024 Regular Session"));
        assert_eq!(page.selected.as_deref(), Some("20230SB104788ENR"));
        assert_eq!(page.versions.len(), 12);
        let first = &page.versions[0];
        assert_eq!(
            (first.leginfo_id.as_str(), first.label.as_str(), first.id.as_str()),
            ("20230SB104799INT", "02/07/24 - Introduced", "introduced")
        );
        let ids: Vec<&str> = page.versions.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids[1], "amended-sen-2024-03-20");
        assert_eq!(ids[10], "amended-asm-2024-08-22");
        let last = page.versions.last().unwrap();
        assert_eq!(
            (last.id.as_str(), last.date.to_string(), last.house),
            ("enrolled", "2024-09-03".into(), None)
        );
        // A page with no version list is not a bill page; nor is one with a list and no bill.
        assert_eq!(
            read_page("x.html", "<html><body><p>Back soon.</p></body></html>", 2023).unwrap(),
            None
        );
        let list_only = "<html><body><select id=\"version\"><option value=\"v\">09/03/24 - Enrolled</option></select></body></html>";
        assert_eq!(read_page("x.html", list_only, 2023).unwrap(), None);
        // An entry that does not read is named.
        let odd = "<html><body><div id=\"bill_all\">SECTION 1.</div><select id=\"version\"><option value=\"v\">someday - Reprinted</option></select></body></html>";
        assert!(matches!(
            read_page("http://h/x", odd, 2023),
            Err(Error::Fetch {
                problem: FetchProblem::BadVersionEntry { .. },
                ..
            })
        ));
    }

    #[test]
    fn page_words() {
        assert_eq!(
            short_title("Bill Text - SB-1047 Safe and Secure Innovation Act.").as_deref(),
            Some("Safe and Secure Innovation Act.")
        );
        assert_eq!(short_title("Hello there"), None);
        assert_eq!(
            session_words("CALIFORNIA LEGISLATURE— 1999–2000 FIRST EXTRAORDINARY SESSION"),
            "1999–2000 First Extraordinary Session"
        );
        assert_eq!(short_date("09/03/24", 2023), Date::new(2024, 9, 3));
        assert_eq!(short_date("01/15/00", 1999), Date::new(2000, 1, 15));
        assert_eq!(short_date("12/07/98", 1997), Date::new(1998, 12, 7));
        assert_eq!(short_date("13/07/98", 1997), None);
    }

    #[test]
    fn measures_and_folders_from_bill_ids() {
        let m = Measure::from_bill_id("198919900ACR65").unwrap();
        assert_eq!(
            (m.folder(), m.session_name()),
            ("ca-acr65-1989".into(), "1989–1990 Regular Session".into())
        );
        let m = Measure::from_bill_id("199920001SB2").unwrap();
        assert_eq!(
            (m.folder(), m.session_name()),
            ("ca-sb2-1999x1".into(), "1999–2000 First Extraordinary Session".into())
        );
        assert_eq!(Measure::from_bill_id("nonsense"), None);
    }

    #[test]
    fn stages_and_version_ids() {
        assert_eq!(stage("Amended Assembly"), Some((Stage::Amended, Some(House::Assembly))));
        assert_eq!(stage("Chaptered"), Some((Stage::Chaptered, None)));
        assert_eq!(stage("Reprinted"), None);
        let d = Date::parse_iso("1999-03-08").unwrap();
        let mut taken = BTreeSet::new();
        assert_eq!(
            version_id(Stage::Amended, Some(House::Assembly), d, &taken),
            "amended-asm-1999-03-08"
        );
        taken.insert("amended-asm-1999-03-08".to_string());
        assert_eq!(
            version_id(Stage::Amended, Some(House::Assembly), d, &taken),
            "amended-asm-1999-03-08-2"
        );
        taken.insert("enrolled".to_string());
        assert_eq!(version_id(Stage::Enrolled, None, d, &taken), "enrolled-1999-03-08");
    }
}
