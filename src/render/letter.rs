//! Comment letters: the letter laid out once as blocks of styled runs ([`blocks`]), then written as
//! Markdown, plain text (with a length limit for web forms), HTML; `pdf` and `docx` write the same blocks.

use super::redline::{NOTICE, amendment};
use crate::letter::{Concern, Content, Letter, Stance};
use crate::redline::{Op, Redline};
use askama::Template;
use serde::Serialize;
use std::fmt::Write;

/// A stance as printed on a letter: "OPPOSE UNLESS AMENDED".
pub fn stance_label(s: Stance) -> &'static str {
    match s {
        Stance::Support => "SUPPORT",
        Stance::Oppose => "OPPOSE",
        Stance::SupportIfAmended => "SUPPORT IF AMENDED",
        Stance::OpposeUnlessAmended => "OPPOSE UNLESS AMENDED",
        Stance::Concern => "CONCERNS",
    }
}

/// A stance as a form offers it: "Oppose unless amended".
pub fn stance_choice(s: Stance) -> &'static str {
    match s {
        Stance::Support => "Support",
        Stance::Oppose => "Oppose",
        Stance::SupportIfAmended => "Support if amended",
        Stance::OpposeUnlessAmended => "Oppose unless amended",
        Stance::Concern => "Concerns",
    }
}

/// The measure as the letter names it: "SB 1047", or "the bill" when the text names none.
pub fn measure(c: &Content) -> &str {
    c.measure.as_deref().unwrap_or("the bill")
}

/// The version as a reader names it: "Enrolled, September 3, 2024" (empty when the bill prints no
/// history).
pub fn version(c: &Content) -> String {
    c.version
        .as_ref()
        .map_or_else(String::new, |h| format!("{}, {}", h.stage.as_str(), h.date.long()))
}

/// The measure and, when the bill prints its history, the version in parentheses: "SB 1047 (Enrolled,
/// September 3, 2024)", or just "the bill".
fn measure_and_version(c: &Content) -> String {
    match version(c) {
        v if v.is_empty() => measure(c).to_string(),
        v => format!("{} ({v})", measure(c)),
    }
}

/// The subject line: the letter's own, else measure, version and stance.
pub fn subject(c: &Content) -> String {
    c.letter
        .subject
        .clone()
        .unwrap_or_else(|| format!("{} — {}", measure_and_version(c), stance_label(c.letter.stance)))
}

/// The salutation: the letter's own, else "Dear" and the addressee.
pub fn salutation(l: &Letter) -> String {
    l.salutation
        .clone()
        .unwrap_or_else(|| format!("Dear {}:", l.addressee.display()))
}

/// The closing: the letter's own, else "Sincerely,".
pub fn closing(l: &Letter) -> String {
    l.closing.clone().unwrap_or_else(|| "Sincerely,".into())
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Plain.
    Normal,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Deleted text of a redline: struck through.
    Del,
    /// Inserted text of a redline: italic.
    Ins,
    /// A note marker: `[3]`.
    Note,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: Style,
}

fn run(text: impl Into<String>, style: Style) -> Run {
    Run {
        text: text.into(),
        style,
    }
}

/// Which part of the letter a block belongs to (the plain-text form drops parts to fit a length).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Letterhead, date, addressee, subject, salutation.
    Head,
    /// The advocate's own words.
    Body,
    /// Concerns found in the bill.
    Concerns,
    /// The numbered amendments.
    Amendments,
    /// The redline.
    Redline,
    /// Technical notes.
    Notes,
    /// Closing, signature, notice.
    Close,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The sender's letterhead lines (first line is the organization or name).
    Letterhead,
    /// A line of an address or the date.
    Line,
    /// A section heading.
    Heading,
    /// A paragraph.
    Para,
    /// An item of a numbered or bulleted list.
    Item,
    /// A redline paragraph, with the provision path in front.
    Redline,
    /// Small print.
    Small,
}

/// One block of the letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// What it is.
    pub kind: Kind,
    /// Which part.
    pub part: Part,
    /// Its runs (for a letterhead, one run per line).
    pub runs: Vec<Run>,
}

fn block(kind: Kind, part: Part, runs: Vec<Run>) -> Block {
    Block { kind, part, runs }
}

fn plain(kind: Kind, part: Part, text: impl Into<String>) -> Block {
    block(kind, part, vec![run(text, Style::Normal)])
}

/// A concern in words.
pub fn concern(c: &Concern) -> String {
    match c {
        Concern::UndefinedTermOfArt { term, uses, paths, .. } => {
            let shown: Vec<&str> = paths.iter().take(8).map(String::as_str).collect();
            let more = if paths.len() > 8 {
                format!(" and {} more", paths.len() - 8)
            } else {
                String::new()
            };
            format!(
                "The bill uses “{term}” in its technical sense {uses} time{} without defining it: {}{more}.",
                if *uses == 1 { "" } else { "s" },
                shown.join(", ")
            )
        }
        Concern::Definition { definition, text, .. } => {
            format!(
                "The definition of “{}” ({}): {text}",
                definition.term, definition.location
            )
        }
    }
}

fn concern_note(c: &Concern) -> usize {
    match c {
        Concern::UndefinedTermOfArt { note, .. } | Concern::Definition { note, .. } => *note,
    }
}

fn redline_blocks(r: &Redline, out: &mut Vec<Block>) {
    for p in r.paragraphs.iter().filter(|p| p.changed) {
        let mut runs = vec![run(format!("{} ", p.path), Style::Bold)];
        for s in &p.segments {
            let style = match s.op {
                Op::Equal => Style::Normal,
                Op::Delete => Style::Del,
                Op::Insert => Style::Ins,
            };
            runs.push(run(s.text.clone(), style));
        }
        out.push(block(Kind::Redline, Part::Redline, runs));
    }
}

/// The letter laid out.
pub fn blocks(c: &Content) -> Vec<Block> {
    let l = &c.letter;
    let mut out = Vec::new();
    let mut head: Vec<Run> = Vec::new();
    for line in [l.sender.organization.as_ref(), l.sender.name.as_ref()]
        .into_iter()
        .flatten()
    {
        head.push(run(line.clone(), Style::Bold));
    }
    for line in &l.sender.address {
        head.push(run(line.clone(), Style::Normal));
    }
    let contact: Vec<&str> = [l.sender.email.as_deref(), l.sender.phone.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !contact.is_empty() {
        head.push(run(contact.join(" · "), Style::Normal));
    }
    out.push(block(Kind::Letterhead, Part::Head, head));
    out.push(plain(Kind::Line, Part::Head, l.date.long()));
    for line in [
        l.addressee.name.as_ref(),
        l.addressee.title.as_ref(),
        l.addressee.organization.as_ref(),
    ]
    .into_iter()
    .flatten()
    .chain(&l.addressee.address)
    {
        out.push(plain(Kind::Line, Part::Head, line.clone()));
    }
    out.push(block(
        Kind::Para,
        Part::Head,
        vec![run("RE: ", Style::Bold), run(subject(c), Style::Bold)],
    ));
    out.push(plain(
        Kind::Para,
        Part::Head,
        match &c.version {
            Some(h) => format!(
                "{} — version of {} — {} — Position: {}",
                measure(c),
                h.date.long(),
                l.committee,
                stance_label(l.stance)
            ),
            None => format!(
                "{} — {} — Position: {}",
                measure(c),
                l.committee,
                stance_label(l.stance)
            ),
        },
    ));
    out.push(plain(Kind::Para, Part::Head, salutation(l)));
    for p in &l.paragraphs {
        out.push(plain(Kind::Para, Part::Body, p.clone()));
    }
    if !c.concerns.is_empty() {
        out.push(plain(Kind::Heading, Part::Concerns, "Concerns in the text of the bill"));
        out.push(plain(
            Kind::Para,
            Part::Concerns,
            format!(
                "A reading of {} finds the following; each names the provisions concerned.",
                measure_and_version(c)
            ),
        ));
        for con in &c.concerns {
            out.push(block(
                Kind::Item,
                Part::Concerns,
                vec![
                    run(concern(con), Style::Normal),
                    run(format!("[{}]", concern_note(con)), Style::Note),
                ],
            ));
        }
    }
    if let Some((p, o)) = &c.proposal {
        let list = crate::redline::amendments::amendments(&o.redline);
        out.push(plain(
            Kind::Heading,
            Part::Amendments,
            format!("Proposed amendments: {}", p.title),
        ));
        out.push(plain(Kind::Small, Part::Amendments, NOTICE));
        for a in &list {
            let text = amendment(a);
            let text = a
                .footnotes
                .iter()
                .fold(text, |t, n| t.replacen(&format!(" [{n}]"), "", 1));
            let mut runs = vec![run(text, Style::Normal)];
            if !a.footnotes.is_empty() {
                runs.push(run(
                    a.footnotes.iter().map(|n| format!("[{n}]")).collect::<String>(),
                    Style::Note,
                ));
            }
            out.push(block(Kind::Item, Part::Amendments, runs));
        }
        if !o.findings.is_empty() {
            out.push(plain(
                Kind::Small,
                Part::Amendments,
                format!(
                    "billdiff's consistency check of the amended text notes: {}",
                    super::check::findings(&o.findings).join("; ")
                ),
            ));
        }
        out.push(plain(Kind::Heading, Part::Redline, "The amendments in context"));
        out.push(block(
            Kind::Small,
            Part::Redline,
            vec![
                run("Deleted text is ", Style::Normal),
                run("struck through", Style::Del),
                run("; added text is in ", Style::Normal),
                run("italics", Style::Ins),
                run(". Only the provisions that change are shown.", Style::Normal),
            ],
        ));
        redline_blocks(&o.redline, &mut out);
    }
    if !c.notes.is_empty() {
        out.push(plain(Kind::Heading, Part::Notes, "Technical notes"));
        let mut shown: Vec<&str> = Vec::new();
        for n in &c.notes {
            out.push(block(
                Kind::Item,
                Part::Notes,
                vec![
                    run(format!("[{}] ", n.number), Style::Note),
                    run(note_rationale(n), Style::Normal),
                ],
            ));
            for g in &n.glossary {
                let mut runs = vec![
                    run(format!("{}: ", g.term), Style::Italic),
                    run(g.definition.clone(), Style::Normal),
                ];
                if shown.contains(&g.id.as_str()) {
                    runs.push(run(" (See above.)", Style::Normal));
                    out.push(block(Kind::Para, Part::Notes, runs));
                    continue;
                }
                shown.push(&g.id);
                out.push(block(Kind::Para, Part::Notes, runs));
                out.push(plain(
                    Kind::Small,
                    Part::Notes,
                    g.note.split_whitespace().collect::<Vec<_>>().join(" "),
                ));
            }
        }
    }
    out.push(plain(Kind::Para, Part::Close, closing(l)));
    for line in [
        l.sender.name.as_ref(),
        l.sender.title.as_ref(),
        l.sender.organization.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        out.push(plain(Kind::Line, Part::Close, line.clone()));
    }
    out.push(plain(
        Kind::Small,
        Part::Close,
        "Prepared with billdiff. Provision paths such as 22602(e)(1) cite the bill's sections and subdivisions.",
    ));
    out
}

fn text_of(runs: &[Run], markers: bool) -> String {
    let mut s = String::new();
    for r in runs {
        match (r.style, markers) {
            (Style::Del, true) => {
                let _ = write!(s, "[-{}-]", r.text);
            }
            (Style::Ins, true) => {
                let _ = write!(s, "{{+{}+}}", r.text);
            }
            _ => s.push_str(&r.text),
        }
    }
    s
}

/// Markdown.
pub fn markdown(blocks: &[Block]) -> String {
    let esc = super::redline::md_escape;
    let mut out = String::new();
    for b in blocks {
        let mut line = String::new();
        for r in &b.runs {
            let t = esc(&r.text);
            match r.style {
                Style::Normal => line.push_str(&t),
                Style::Bold => {
                    let _ = write!(line, "**{}**", t.trim());
                    if r.text.ends_with(' ') {
                        line.push(' ');
                    }
                }
                Style::Italic => {
                    let _ = write!(line, "*{}* ", t.trim());
                }
                Style::Del => {
                    let _ = write!(line, "<del>{t}</del>");
                }
                Style::Ins => {
                    let _ = write!(line, "<ins><em>{t}</em></ins>");
                }
                Style::Note => {
                    let _ = write!(line, " {t}");
                }
            }
        }
        match b.kind {
            Kind::Letterhead => {
                for r in &b.runs {
                    let _ = writeln!(out, "{}  ", esc(&r.text));
                }
                out.push('\n');
            }
            Kind::Line => {
                let _ = writeln!(out, "{line}  ");
            }
            Kind::Heading => {
                let _ = writeln!(out, "\n## {line}\n");
            }
            Kind::Item => {
                // Continuation lines stay inside the list item.
                let _ = writeln!(out, "- {}", line.replace('\n', "\n  "));
            }
            Kind::Small => {
                let _ = writeln!(out, "\n<small>{line}</small>\n");
            }
            Kind::Para | Kind::Redline => {
                let _ = writeln!(out, "\n{line}\n");
            }
        }
    }
    out
}

/// One block as plain text (a heading in capitals, an item as "- ...").
fn text_block(b: &Block) -> String {
    let t = text_of(&b.runs, true);
    let mut out = String::new();
    match b.kind {
        Kind::Letterhead => {
            for r in &b.runs {
                let _ = writeln!(out, "{}", r.text);
            }
            out.push('\n');
        }
        Kind::Line => {
            let _ = writeln!(out, "{t}");
        }
        Kind::Heading => {
            let _ = writeln!(out, "\n{}\n", t.to_uppercase());
        }
        Kind::Item => {
            let _ = writeln!(out, "- {}", t.replace('\n', " "));
        }
        _ => {
            let _ = writeln!(out, "\n{t}");
        }
    }
    out
}

/// What a shortened letter says it left out or cut, in words.
fn part_name(p: Part) -> &'static str {
    match p {
        Part::Head | Part::Close => "the letter's head and close",
        Part::Body => "the letter's own text",
        Part::Concerns => "the concerns",
        Part::Amendments => "the numbered amendments",
        Part::Redline => "the redline",
        Part::Notes => "the technical notes",
    }
}

/// The note a shortened letter ends with.
fn shortened_note(max: usize, dropped: &[Part], cut: &[Part]) -> String {
    let names = |v: &[Part]| v.iter().map(|p| part_name(*p)).collect::<Vec<_>>().join(", ");
    let mut said = Vec::new();
    if !dropped.is_empty() {
        said.push(format!("left out {}", names(dropped)));
    }
    if !cut.is_empty() {
        said.push(format!("shortened {}", names(cut)));
    }
    format!(
        "\n[Shortened to fit {max} characters: {}. The full letter, with the amendments, redline and technical notes, is in the attached PDF.]\n",
        said.join("; ")
    )
}

/// The fewest characters a plain-text letter can be: its head (sender, date, addressee, subject with the
/// bill and stance, salutation) and close (closing, signature, notice), and the note saying what was left
/// out. `--max-chars` below this is refused.
pub fn text_minimum(blocks: &[Block]) -> usize {
    let fixed: usize = blocks
        .iter()
        .filter(|b| matches!(b.part, Part::Head | Part::Close))
        .map(|b| text_block(b).chars().count())
        .sum();
    let all = [Part::Body, Part::Concerns, Part::Amendments, Part::Redline, Part::Notes];
    fixed + shortened_note(usize::MAX, &all, &[]).chars().count()
}

/// `text` cut to at most `budget` characters at a word boundary, with an ellipsis; `None` when not even
/// a few words fit.
fn cut_at_word(text: &str, budget: usize) -> Option<String> {
    const FEWEST: usize = 40;
    let body = text.trim_end_matches('\n');
    if budget < FEWEST + 2 {
        return None;
    }
    let limit = budget - 2;
    let mut end = 0;
    for (count, (i, c)) in body.char_indices().enumerate() {
        if count >= limit {
            break;
        }
        if c.is_whitespace() {
            end = i;
        }
    }
    (end >= FEWEST).then(|| format!("{}…\n", body[..end].trim_end()))
}

/// Plain text, for web comment forms. With `max_chars`, the letter is filled to the space it is given:
/// its head and close always (a limit below [`text_minimum`] is the caller's error to report), then the
/// advocate's own words, the amendments, the concerns, the redline and the technical notes, each block
/// whole while it fits and the first that does not cut at a word boundary; a closing note says what was
/// left out or shortened.
pub fn text(blocks: &[Block], max_chars: Option<usize>) -> String {
    let rendered: Vec<String> = blocks.iter().map(text_block).collect();
    let full: String = rendered.concat();
    let Some(max) = max_chars else { return full };
    if full.chars().count() <= max {
        return full;
    }
    let len = |s: &str| s.chars().count();
    let order = [Part::Body, Part::Amendments, Part::Concerns, Part::Redline, Part::Notes];
    // Room for the longest note this letter could need.
    let note_room = len(&shortened_note(max, &order, &order));
    let mut used: usize = blocks
        .iter()
        .zip(&rendered)
        .filter(|(b, _)| matches!(b.part, Part::Head | Part::Close))
        .map(|(_, r)| len(r))
        .sum::<usize>()
        + note_room;
    let mut chosen: Vec<Option<String>> = blocks
        .iter()
        .zip(&rendered)
        .map(|(b, r)| matches!(b.part, Part::Head | Part::Close).then(|| r.clone()))
        .collect();
    let (mut dropped, mut cut) = (Vec::new(), Vec::new());
    let mut full_up = false;
    for part in order {
        let mut kept_any = false;
        let mut lost_any = false;
        let mut shortened = false;
        for (k, (b, r)) in blocks.iter().zip(&rendered).enumerate() {
            if b.part != part {
                continue;
            }
            // A heading is kept with the first block of its part that is kept.
            if b.kind == Kind::Heading {
                continue;
            }
            let heading = (0..k)
                .rev()
                .find(|&h| blocks[h].part == part && blocks[h].kind == Kind::Heading);
            let heading_cost = match heading {
                Some(h) if chosen[h].is_none() => len(&rendered[h]),
                _ => 0,
            };
            let room = max.saturating_sub(used + heading_cost);
            if !full_up && len(r) <= room {
                chosen[k] = Some(r.clone());
                used += len(r) + heading_cost;
                if let Some(h) = heading {
                    chosen[h] = Some(rendered[h].clone());
                }
                kept_any = true;
            } else if !full_up && let Some(short) = cut_at_word(r, room) {
                used += len(&short) + heading_cost;
                chosen[k] = Some(short);
                if let Some(h) = heading {
                    chosen[h] = Some(rendered[h].clone());
                }
                kept_any = true;
                shortened = true;
                full_up = true;
            } else {
                lost_any = true;
                full_up = true;
            }
        }
        if lost_any && !kept_any {
            dropped.push(part);
        } else if lost_any || shortened {
            cut.push(part);
        }
    }
    let mut out: String = chosen.into_iter().flatten().collect();
    out.push_str(&shortened_note(max, &dropped, &cut));
    out
}

#[derive(Template)]
#[template(path = "letter.html")]
struct Page<'a> {
    title: &'a str,
    blocks: Vec<HtmlBlock>,
}

struct HtmlBlock {
    kind: &'static str,
    runs: Vec<(&'static str, String)>,
}

/// Standalone HTML.
pub fn html(c: &Content, blocks: &[Block]) -> String {
    let blocks = blocks
        .iter()
        .map(|b| HtmlBlock {
            kind: match b.kind {
                Kind::Letterhead => "letterhead",
                Kind::Line => "line",
                Kind::Heading => "heading",
                Kind::Para => "para",
                Kind::Item => "item",
                Kind::Redline => "redline",
                Kind::Small => "small",
            },
            runs: b
                .runs
                .iter()
                .map(|r| {
                    let s = match r.style {
                        Style::Normal => "n",
                        Style::Bold => "b",
                        Style::Italic => "i",
                        Style::Del => "del",
                        Style::Ins => "ins",
                        Style::Note => "note",
                    };
                    (s, r.text.clone())
                })
                .collect(),
        })
        .collect();
    Page {
        title: &subject(c),
        blocks,
    }
    .render()
    .expect("the letter template renders from plain data")
}

/// A note's rationale on one line; a note added for a concern has none of its own and is "On" its term.
fn note_rationale(n: &crate::redline::Footnote) -> String {
    if n.rationale.trim().is_empty()
        && let Some(g) = n.glossary.first()
    {
        return format!("On “{}”.", g.term);
    }
    n.rationale.split_whitespace().collect::<Vec<_>>().join(" ")
}
