//! Letters as PDF, written with pdf-writer.
//!
//! pdf-writer (from the typst project) writes PDF objects correctly and stays out of layout, so the layout
//! here is ours and simple: US Letter pages, one-inch margins, the standard Times faces (every PDF reader
//! has them, so no font is embedded and text extracts cleanly), greedy line breaking with the fonts' Adobe
//! metrics, a letterhead on the first page, and a footer with the page number on every page. Deleted text
//! of a redline is red and struck through, added text blue and italic.

use super::letter::{Block, Kind, Run, Style};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::HashMap;
use std::sync::OnceLock;

const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
const MARGIN: f32 = 72.0;
const FOOTER: f32 = 40.0;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Face {
    Roman,
    Bold,
    Italic,
}

impl Face {
    fn name(self) -> Name<'static> {
        match self {
            Face::Roman => Name(b"F1"),
            Face::Bold => Name(b"F2"),
            Face::Italic => Name(b"F3"),
        }
    }
}

/// Glyph widths (per 1000 units of font size) by glyph name, from the fonts' AFM files.
fn metrics(face: Face) -> &'static HashMap<String, f32> {
    static M: OnceLock<[HashMap<String, f32>; 3]> = OnceLock::new();
    let all = M.get_or_init(|| {
        let parse = |afm: &str| {
            let mut m = HashMap::new();
            for line in afm.lines().filter(|l| l.starts_with("C ")) {
                let (mut wx, mut name) = (None, None);
                for part in line.split(';') {
                    let mut it = part.split_whitespace();
                    match (it.next(), it.next()) {
                        (Some("WX"), Some(w)) => wx = w.parse::<f32>().ok(),
                        (Some("N"), Some(n)) => name = Some(n.to_string()),
                        _ => {}
                    }
                }
                if let (Some(w), Some(n)) = (wx, name) {
                    m.insert(n, w);
                }
            }
            m
        };
        [
            parse(pdf_core_14_font_afms::TIMES_ROMAN),
            parse(pdf_core_14_font_afms::TIMES_BOLD),
            parse(pdf_core_14_font_afms::TIMES_ITALIC),
        ]
    });
    &all[match face {
        Face::Roman => 0,
        Face::Bold => 1,
        Face::Italic => 2,
    }]
}

/// The PostScript glyph name of a character (for its width), for the characters letters use.
fn glyph(c: char) -> &'static str {
    const ASCII: [&str; 95] = [
        "space",
        "exclam",
        "quotedbl",
        "numbersign",
        "dollar",
        "percent",
        "ampersand",
        "quotesingle",
        "parenleft",
        "parenright",
        "asterisk",
        "plus",
        "comma",
        "hyphen",
        "period",
        "slash",
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "colon",
        "semicolon",
        "less",
        "equal",
        "greater",
        "question",
        "at",
        "A",
        "B",
        "C",
        "D",
        "E",
        "F",
        "G",
        "H",
        "I",
        "J",
        "K",
        "L",
        "M",
        "N",
        "O",
        "P",
        "Q",
        "R",
        "S",
        "T",
        "U",
        "V",
        "W",
        "X",
        "Y",
        "Z",
        "bracketleft",
        "backslash",
        "bracketright",
        "asciicircum",
        "underscore",
        "grave",
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "g",
        "h",
        "i",
        "j",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "q",
        "r",
        "s",
        "t",
        "u",
        "v",
        "w",
        "x",
        "y",
        "z",
        "braceleft",
        "bar",
        "braceright",
        "asciitilde",
    ];
    match c {
        ' '..='~' => ASCII[c as usize - 32],
        '“' => "quotedblleft",
        '”' => "quotedblright",
        '‘' => "quoteleft",
        '’' => "quoteright",
        '—' => "emdash",
        '–' => "endash",
        '•' => "bullet",
        '…' => "ellipsis",
        '§' => "section",
        '¶' => "paragraph",
        '·' => "periodcentered",
        'é' => "eacute",
        _ => "question",
    }
}

/// The WinAnsiEncoding byte of a character; `?` for what the encoding lacks.
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '“' => 0x93,
        '”' => 0x94,
        '‘' => 0x91,
        '’' => 0x92,
        '—' => 0x97,
        '–' => 0x96,
        '•' => 0x95,
        '…' => 0x85,
        '→' => b'>',
        c if ('\u{a0}'..='\u{ff}').contains(&c) => c as u32 as u8,
        _ => b'?',
    }
}

fn width(text: &str, face: Face, size: f32) -> f32 {
    let m = metrics(face);
    text.chars()
        .map(|c| m.get(glyph(c)).copied().unwrap_or(500.0))
        .sum::<f32>()
        * size
        / 1000.0
}

fn face_of(style: Style) -> Face {
    match style {
        Style::Bold => Face::Bold,
        Style::Italic | Style::Ins => Face::Italic,
        _ => Face::Roman,
    }
}

/// A piece of text placed on a page.
#[derive(Debug, Clone)]
struct Placed {
    x: f32,
    y: f32,
    text: String,
    style: Style,
    size: f32,
}

struct Layout {
    pages: Vec<Vec<Placed>>,
    y: f32,
}

impl Layout {
    fn page(&mut self) -> &mut Vec<Placed> {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - MARGIN;
    }

    fn need(&mut self, h: f32) {
        if self.y - h < MARGIN + FOOTER {
            self.new_page();
        }
    }

    /// Lay out runs as a paragraph between `left` and the right margin.
    fn paragraph(&mut self, runs: &[Run], size: f32, left: f32, leading: f32) {
        let right = PAGE_W - MARGIN;
        // Words with the spaces that follow them, each in one style.
        let mut words: Vec<(String, Style)> = Vec::new();
        for r in runs {
            let mut cur = String::new();
            for c in r.text.chars() {
                cur.push(if c == '\n' { ' ' } else { c });
                if c == ' ' || c == '\n' {
                    words.push((std::mem::take(&mut cur), r.style));
                }
            }
            if !cur.is_empty() {
                words.push((cur, r.style));
            }
        }
        let mut line: Vec<(String, Style)> = Vec::new();
        let mut x = left;
        let flush = |line: &mut Vec<(String, Style)>, lay: &mut Layout| {
            if line.is_empty() {
                return;
            }
            lay.need(leading);
            lay.y -= leading;
            let mut px = left;
            let y = lay.y;
            // Merge neighbours of one style into one piece: fewer text operators, cleaner extraction.
            let mut merged: Vec<(String, Style)> = Vec::new();
            for (t, s) in line.drain(..) {
                match merged.last_mut() {
                    Some((lt, ls)) if *ls == s => lt.push_str(&t),
                    _ => merged.push((t, s)),
                }
            }
            for (t, s) in merged {
                let w = width(&t, face_of(s), size);
                lay.page().push(Placed {
                    x: px,
                    y,
                    text: t,
                    style: s,
                    size,
                });
                px += w;
            }
        };
        for (w, s) in words {
            let ww = width(w.trim_end(), face_of(s), size);
            if x + ww > right && !line.is_empty() {
                flush(&mut line, self);
                x = left;
            }
            x += width(&w, face_of(s), size);
            line.push((w, s));
        }
        flush(&mut line, self);
    }
}

fn lay_out(blocks: &[Block]) -> Vec<Vec<Placed>> {
    let mut lay = Layout {
        pages: Vec::new(),
        y: 0.0,
    };
    lay.new_page();
    for b in blocks {
        match b.kind {
            Kind::Letterhead => {
                for (i, r) in b.runs.iter().enumerate() {
                    let size = if i == 0 { 15.0 } else { 9.5 };
                    lay.paragraph(std::slice::from_ref(r), size, MARGIN, size + 3.0);
                }
                lay.y -= 8.0;
                let y = lay.y;
                // The rule under the letterhead: a line of underscores would extract as text, so it is a
                // zero-width marker; the rule itself is drawn in the content stream.
                lay.page().push(Placed {
                    x: MARGIN,
                    y,
                    text: String::new(),
                    style: Style::Normal,
                    size: 0.0,
                });
                lay.y -= 14.0;
            }
            Kind::Line => lay.paragraph(&b.runs, 11.0, MARGIN, 14.0),
            Kind::Heading => {
                lay.y -= 10.0;
                lay.need(40.0);
                let runs: Vec<Run> = b
                    .runs
                    .iter()
                    .map(|r| Run {
                        text: r.text.clone(),
                        style: Style::Bold,
                    })
                    .collect();
                lay.paragraph(&runs, 12.5, MARGIN, 16.0);
                lay.y -= 2.0;
            }
            Kind::Para => {
                lay.y -= 7.0;
                lay.paragraph(&b.runs, 11.0, MARGIN, 14.0);
            }
            Kind::Item => {
                lay.y -= 4.0;
                lay.paragraph(&b.runs, 11.0, MARGIN + 14.0, 14.0);
            }
            Kind::Redline => {
                lay.y -= 5.0;
                lay.paragraph(&b.runs, 10.5, MARGIN + 14.0, 13.5);
            }
            Kind::Small => {
                lay.y -= 5.0;
                lay.paragraph(&b.runs, 9.0, MARGIN, 11.5);
            }
        }
    }
    lay.pages
}

fn encode(s: &str) -> Vec<u8> {
    s.chars().map(win_ansi).collect()
}

/// The letter as a PDF: the blocks, a title for the document properties, and a footer line.
pub fn letter(blocks: &[Block], title: &str, footer: &str) -> Vec<u8> {
    let pages = lay_out(blocks);
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let fonts = [
        (Face::Roman, Ref::new(3), "Times-Roman"),
        (Face::Bold, Ref::new(4), "Times-Bold"),
        (Face::Italic, Ref::new(5), "Times-Italic"),
    ];
    let info = Ref::new(6);
    let first = 7;
    let page_ids: Vec<Ref> = (0..pages.len()).map(|i| Ref::new(first + 2 * i as i32)).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages.len() as i32);
    for (face, id, base) in fonts {
        let _ = face;
        pdf.type1_font(id)
            .base_font(Name(base.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(title))
        .creator(TextStr("billdiff"));
    let total = pages.len();
    for (i, placed) in pages.iter().enumerate() {
        let page_id = page_ids[i];
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree);
        page.contents(content_id);
        {
            let mut res = page.resources();
            let mut f = res.fonts();
            for (face, id, _) in fonts {
                f.pair(face.name(), id);
            }
        }
        page.finish();
        let mut c = Content::new();
        for p in placed {
            if p.size == 0.0 {
                // The letterhead rule.
                c.set_stroke_rgb(0.3, 0.3, 0.3)
                    .set_line_width(0.8)
                    .move_to(MARGIN, p.y)
                    .line_to(PAGE_W - MARGIN, p.y)
                    .stroke();
                continue;
            }
            let (r, g, b) = match p.style {
                Style::Del => (0.72, 0.0, 0.0),
                Style::Ins => (0.0, 0.2, 0.8),
                _ => (0.0, 0.0, 0.0),
            };
            c.set_fill_rgb(r, g, b);
            c.begin_text();
            c.set_font(
                face_of(p.style).name(),
                if p.style == Style::Note { p.size * 0.8 } else { p.size },
            );
            c.next_line(
                p.x,
                if p.style == Style::Note {
                    p.y + p.size * 0.3
                } else {
                    p.y
                },
            );
            c.show(Str(&encode(&p.text)));
            c.end_text();
            if p.style == Style::Del {
                let w = width(p.text.trim_end(), Face::Roman, p.size);
                let y = p.y + p.size * 0.28;
                c.set_stroke_rgb(0.72, 0.0, 0.0)
                    .set_line_width(0.7)
                    .move_to(p.x, y)
                    .line_to(p.x + w, y)
                    .stroke();
            }
        }
        // Footer: the notice on the left (wrapped to two lines at most), the page number on the right.
        c.set_fill_rgb(0.25, 0.25, 0.25);
        let room = PAGE_W - 2.0 * MARGIN - 80.0;
        let mut lines: Vec<String> = vec![String::new()];
        for word in footer.split(' ') {
            let last = lines.last_mut().expect("a line");
            let candidate = if last.is_empty() {
                word.to_string()
            } else {
                format!("{last} {word}")
            };
            if width(&candidate, Face::Roman, 7.5) > room && !last.is_empty() && lines.len() < 2 {
                lines.push(word.to_string());
            } else {
                *lines.last_mut().expect("a line") = candidate;
            }
        }
        for (k, line) in lines.iter().enumerate() {
            c.begin_text()
                .set_font(Face::Roman.name(), 7.5)
                .next_line(MARGIN, MARGIN - 10.0 - 9.0 * k as f32)
                .show(Str(&encode(line)))
                .end_text();
        }
        let num = format!("Page {} of {total}", i + 1);
        let w = width(&num, Face::Roman, 9.0);
        c.begin_text()
            .set_font(Face::Roman.name(), 9.0)
            .next_line(PAGE_W - MARGIN - w, MARGIN - 24.0)
            .show(Str(&encode(&num)))
            .end_text();
        pdf.stream(content_id, &c.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_and_encoding() {
        // Times-Roman: "space" is 250 units, "M" 889.
        assert_eq!(width(" ", Face::Roman, 1000.0), 250.0);
        assert_eq!(width("M", Face::Roman, 1000.0), 889.0);
        assert!(width("covered model", Face::Italic, 11.0) > 50.0);
        assert_eq!(encode("“a” — §"), vec![0x93, b'a', 0x94, b' ', 0x97, b' ', 0xa7]);
    }
}
