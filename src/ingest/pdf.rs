//! Bill PDFs: the text layer laid out as lines, then read like a text (usually a line-numbered print).
//!
//! A PDF has no lines or paragraphs, only glyphs placed on pages. lopdf parses the file and decodes each
//! font's encoding; this module runs the page's content stream (text and graphics state, matrices),
//! places every glyph, and rebuilds the printed lines: glyphs grouped by baseline, ordered left to right,
//! a space where the gap between glyphs is a word gap, and the line's start at the column its position
//! gives, so a paragraph's first-line indent and the margin's line numbers survive. A wide vertical gap
//! becomes a blank line. The result goes through [`super::print`] (or the plain-text reader when it is
//! no print).
//!
//! Texas prints fill the gap between words with invisible glyphs (text render mode 3: an `A` drawn but
//! not painted; other text extractors show `SECTIONA1.AA`). Invisible text is dropped on a page that has
//! visible text, and its width still counts as a gap; on a page whose text is all invisible (a scan's
//! recognized text layer) it is kept.
//!
//! Text inside form XObjects is read too (a re-saved Texas PDF keeps each page's text in forms), to a
//! nesting limit. The reader runs under `catch_unwind`: a malformed file must give an error, never a
//! crash.

use super::{Block, print, text};
use crate::error::{Error, PdfProblem, Result};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, HashMap};

/// Read a PDF's text into blocks.
pub(super) fn blocks(source_name: &str, bytes: &[u8]) -> Result<Vec<Block>> {
    let err = |problem| Error::Pdf {
        source_name: source_name.into(),
        problem,
    };
    let laid_out = std::panic::catch_unwind(|| text_of(bytes))
        .unwrap_or(Err(PdfProblem::Unreadable { message: None }))
        .map_err(err)?;
    if laid_out.trim().is_empty() {
        return Err(err(PdfProblem::NoText));
    }
    Ok(if print::is_print(&laid_out) {
        print::blocks(&laid_out)
    } else {
        text::blocks(&laid_out)
    })
}

/// An affine matrix `[a b c d e f]`, PDF's row-vector convention.
#[derive(Debug, Clone, Copy)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a1, b1, c1, d1, e1, f1] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a1 * a2 + b1 * c2,
            a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2,
            c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2,
            e1 * b2 + f1 * d2 + f2,
        ])
    }
}

/// A placed glyph: its origin, where its advance ends, its size, its text.
#[derive(Debug, Clone)]
struct Glyph {
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    text: String,
    invisible: bool,
}

/// What a font needs to decode and measure its codes.
struct Font<'a> {
    encoding: Option<lopdf::Encoding<'a>>,
    /// Two-byte codes (a composite, `Type0`, font).
    wide: bool,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

impl Font<'_> {
    fn width(&self, code: u32) -> f32 {
        self.widths.get(&code).copied().unwrap_or(self.default_width) / 1000.0
    }

    fn decode(&self, code: u32) -> String {
        let bytes: Vec<u8> = if self.wide {
            vec![(code >> 8) as u8, code as u8]
        } else {
            vec![code as u8]
        };
        match &self.encoding {
            Some(e) => e.bytes_to_string(&bytes).unwrap_or_default(),
            None => bytes.iter().map(|&b| char::from(b)).collect(),
        }
    }
}

fn number(o: &Object) -> f32 {
    o.as_float().unwrap_or(0.0)
}

/// Widths of the standard 14 fonts, which a PDF may use without listing widths: from their Adobe metrics
/// (the `C code ; WX width` lines).
fn standard_widths(base_font: &[u8]) -> Option<HashMap<u32, f32>> {
    let name = String::from_utf8_lossy(base_font);
    let afm = match name.as_ref() {
        n if n.starts_with("Courier") => pdf_core_14_font_afms::COURIER,
        "Helvetica" | "Arial" | "ArialMT" => pdf_core_14_font_afms::HELVETICA,
        n if n.starts_with("Helvetica-Bold") => pdf_core_14_font_afms::HELVETICA_BOLD,
        n if n.starts_with("Helvetica") => pdf_core_14_font_afms::HELVETICA,
        "Times-Bold" | "Times-BoldItalic" => pdf_core_14_font_afms::TIMES_BOLD,
        "Times-Italic" => pdf_core_14_font_afms::TIMES_ITALIC,
        n if n.starts_with("Times") => pdf_core_14_font_afms::TIMES_ROMAN,
        _ => return None,
    };
    let mut widths = HashMap::new();
    for line in afm.lines().filter(|l| l.starts_with("C ")) {
        let mut code = None;
        let mut width = None;
        for part in line.split(';') {
            let mut words = part.split_whitespace();
            match (words.next(), words.next()) {
                (Some("C"), Some(c)) => code = c.parse::<i64>().ok(),
                (Some("WX"), Some(w)) => width = w.parse::<f32>().ok(),
                _ => {}
            }
        }
        if let (Some(c), Some(w)) = (code, width)
            && c >= 0
        {
            widths.insert(c as u32, w);
        }
    }
    Some(widths)
}

fn font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
    let wide = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice());
    let encoding = dict.get_font_encoding(doc).ok();
    let mut widths = HashMap::new();
    let mut default_width = 500.0;
    if wide {
        let descendant = dict
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        if let Some(d) = descendant {
            default_width = d.get(b"DW").map(number).unwrap_or(1000.0);
            if let Ok(w) = d.get_deref(b"W", doc).and_then(Object::as_array) {
                let mut i = 0;
                while i + 1 < w.len() {
                    let first = number(&w[i]) as u32;
                    match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
                        Ok(Object::Array(list)) => {
                            for (k, o) in list.iter().enumerate() {
                                widths.insert(first + k as u32, number(o));
                            }
                            i += 2;
                        }
                        _ if i + 2 < w.len() => {
                            let last = number(&w[i + 1]) as u32;
                            let width = number(&w[i + 2]);
                            // A range is bounded by what a two-byte code can name.
                            for c in first..=last.min(first.saturating_add(0xffff)) {
                                widths.insert(c, width);
                            }
                            i += 3;
                        }
                        _ => break,
                    }
                }
            }
        }
    } else if let Ok(list) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
        let first = dict.get(b"FirstChar").map(number).unwrap_or(0.0) as u32;
        for (k, o) in list.iter().enumerate() {
            let w = doc.dereference(o).map(|(_, o)| number(o)).unwrap_or(0.0);
            widths.insert(first + k as u32, w);
        }
        if let Ok(missing) = dict
            .get_deref(b"FontDescriptor", doc)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"MissingWidth"))
        {
            default_width = number(missing);
        }
    } else if let Some(std) = dict
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .ok()
        .and_then(standard_widths)
    {
        widths = std;
    }
    Font {
        encoding,
        wide,
        widths,
        default_width,
    }
}

/// The part of the graphics state text showing reads.
#[derive(Clone, Copy)]
struct State {
    ctm: Matrix,
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    render: i64,
}

/// How deep form XObjects may nest inside each other (real files nest one or two).
const MAX_FORM_DEPTH: usize = 8;

/// The most content-stream operations billdiff runs for one document. A bill of hundreds of pages runs
/// well under a million; forms that draw each other can fan out exponentially inside the depth limit, so
/// the whole document shares one budget and a file over it is refused, not ground through.
const MAX_OPERATIONS: usize = 20_000_000;

/// What one run of a form XObject costs from that budget beyond its operations: decoding its stream again.
/// A bill draws a form or two per page; 10,000 runs of forms is far past any real document.
const FORM_RUN_COST: usize = MAX_OPERATIONS / 10_000;

/// The rightmost column a glyph is placed at. A printed line is a hundred columns or so (a Letter page of
/// 11-point type); a glyph positioned further right, or a page whose leftmost glyph sits far to the left of
/// the rest, would otherwise be padded out with as many spaces as its position asks for: billions, from a
/// coordinate of 10^10.
const MAX_COLUMN: usize = 500;

/// The fonts of a resource dictionary, by name.
fn fonts_of<'a>(doc: &'a Document, resources: Option<&'a Dictionary>) -> Vec<(Vec<u8>, Font<'a>)> {
    let Some(dict) = resources
        .and_then(|r| r.get_deref(b"Font", doc).ok())
        .and_then(|f| f.as_dict().ok())
    else {
        return Vec::new();
    };
    dict.iter()
        .filter_map(|(name, o)| {
            let d = doc.dereference(o).ok()?.1.as_dict().ok()?;
            Some((name.clone(), font(doc, d)))
        })
        .collect()
}

/// The glyphs of one page, in content order.
fn page_glyphs(doc: &Document, page: ObjectId, budget: &mut usize) -> std::result::Result<Vec<Glyph>, PdfProblem> {
    let content = doc.get_page_content(page).map_err(unreadable)?;
    let fonts: Vec<(Vec<u8>, Font)> = doc
        .get_page_fonts(page)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, d)| (name, font(doc, d)))
        .collect();
    let (own, inherited) = doc.get_page_resources(page).unwrap_or((None, Vec::new()));
    let xobjects = own
        .into_iter()
        .chain(inherited.iter().filter_map(|id| doc.get_dictionary(*id).ok()))
        .find_map(|r| r.get_deref(b"XObject", doc).and_then(Object::as_dict).ok());
    let state = State {
        ctm: Matrix::IDENTITY,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
        render: 0,
    };
    let mut out = Drawn {
        glyphs: Vec::new(),
        budget,
    };
    run(doc, &content, &fonts, xobjects, state, 0, &mut out)?;
    Ok(out.glyphs)
}

fn unreadable(e: lopdf::Error) -> PdfProblem {
    PdfProblem::Unreadable {
        message: Some(e.to_string()),
    }
}

/// What running content streams produces: the glyphs placed, and what is left of the document's budget.
struct Drawn<'b> {
    glyphs: Vec<Glyph>,
    budget: &'b mut usize,
}

/// Run a content stream (a page's, or a form XObject's at `depth`), placing its glyphs.
fn run<'a>(
    doc: &'a Document,
    content: &[u8],
    fonts: &[(Vec<u8>, Font<'a>)],
    xobjects: Option<&'a Dictionary>,
    mut state: State,
    depth: usize,
    out: &mut Drawn,
) -> std::result::Result<(), PdfProblem> {
    let ops = Content::decode(content).map_err(unreadable)?.operations;
    *out.budget = out
        .budget
        .checked_sub(ops.len().max(1))
        .ok_or(PdfProblem::TooComplex { limit: MAX_OPERATIONS })?;
    let mut saved: Vec<State> = Vec::new();
    let (mut tm, mut tlm) = (Matrix::IDENTITY, Matrix::IDENTITY);
    for op in &ops {
        let n = |i: usize| op.operands.get(i).map_or(0.0, number);
        match op.operator.as_str() {
            "q" => saved.push(state),
            "Q" => state = saved.pop().unwrap_or(state),
            "cm" => {
                state.ctm = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]).then(state.ctm);
            }
            "Do" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok());
                let form = name
                    .and_then(|nm| xobjects?.get_deref(nm, doc).ok())
                    .and_then(|o| o.as_stream().ok())
                    .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form".as_slice()));
                let Some(form) = form else { continue };
                if depth >= MAX_FORM_DEPTH {
                    return Err(PdfProblem::NestedTooDeep { limit: MAX_FORM_DEPTH });
                }
                let mut inner = state;
                if let Ok(m) = form.dict.get(b"Matrix").and_then(Object::as_array)
                    && m.len() == 6
                {
                    let v: Vec<f32> = m.iter().map(number).collect();
                    inner.ctm = Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]).then(state.ctm);
                }
                let resources = form.dict.get_deref(b"Resources", doc).and_then(Object::as_dict).ok();
                let own_fonts = fonts_of(doc, resources);
                let (inner_fonts, inner_xobjects) = match resources {
                    Some(r) => (
                        own_fonts.as_slice(),
                        r.get_deref(b"XObject", doc).and_then(Object::as_dict).ok(),
                    ),
                    None => (fonts, xobjects),
                };
                if resources.is_some() {
                    inner.font = None;
                }
                *out.budget = out
                    .budget
                    .checked_sub(FORM_RUN_COST)
                    .ok_or(PdfProblem::TooComplex { limit: MAX_OPERATIONS })?;
                let body = form.decompressed_content().unwrap_or_else(|_| form.content.clone());
                run(doc, &body, inner_fonts, inner_xobjects, inner, depth + 1, out)?;
            }
            "BT" => {
                tm = Matrix::IDENTITY;
                tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok());
                state.font = name.and_then(|nm| fonts.iter().position(|(k, _)| k.as_slice() == nm));
                state.size = n(1);
            }
            "Tc" => state.char_spacing = n(0),
            "Tw" => state.word_spacing = n(0),
            "Tz" => state.scale = n(0) / 100.0,
            "TL" => state.leading = n(0),
            "Ts" => state.rise = n(0),
            "Tr" => state.render = op.operands.first().and_then(|o| o.as_i64().ok()).unwrap_or(0),
            "Td" | "TD" => {
                if op.operator == "TD" {
                    state.leading = -n(1);
                }
                tlm = Matrix::translate(n(0), n(1)).then(tlm);
                tm = tlm;
            }
            "Tm" => {
                tlm = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]);
                tm = tlm;
            }
            "T*" | "'" | "\"" => {
                if op.operator == "\"" {
                    state.word_spacing = n(0);
                    state.char_spacing = n(1);
                }
                tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                tm = tlm;
                if op.operator != "T*"
                    && let Some(s) = op.operands.last().and_then(|o| o.as_str().ok())
                {
                    show(s, &state, fonts, &mut tm, &mut out.glyphs);
                }
            }
            "Tj" => {
                if let Some(s) = op.operands.first().and_then(|o| o.as_str().ok()) {
                    show(s, &state, fonts, &mut tm, &mut out.glyphs);
                }
            }
            "TJ" => {
                let items = op.operands.first().and_then(|o| o.as_array().ok());
                for item in items.into_iter().flatten() {
                    match item {
                        Object::String(s, _) => show(s, &state, fonts, &mut tm, &mut out.glyphs),
                        o => {
                            let tx = -number(o) / 1000.0 * state.size * state.scale;
                            tm = Matrix::translate(tx, 0.0).then(tm);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Place the glyphs of one string and advance the text matrix past them.
fn show(s: &[u8], state: &State, fonts: &[(Vec<u8>, Font)], tm: &mut Matrix, out: &mut Vec<Glyph>) {
    let Some((_, font)) = state.font.and_then(|i| fonts.get(i)) else {
        return;
    };
    let codes: Vec<u32> = if font.wide {
        s.chunks(2)
            .map(|c| (u32::from(c[0]) << 8) | u32::from(c.get(1).copied().unwrap_or(0)))
            .collect()
    } else {
        s.iter().map(|&b| u32::from(b)).collect()
    };
    for code in codes {
        let render = Matrix([state.size * state.scale, 0.0, 0.0, state.size, 0.0, state.rise])
            .then(*tm)
            .then(state.ctm);
        let [a, b, c, d, x, y] = render.0;
        let size = (a * d - b * c).abs().sqrt();
        let single_space = !font.wide && code == 32;
        let advance =
            (font.width(code) * state.size + state.char_spacing + if single_space { state.word_spacing } else { 0.0 })
                * state.scale;
        *tm = Matrix::translate(advance, 0.0).then(*tm);
        let end = Matrix::IDENTITY.then(*tm).then(state.ctm).0[4];
        out.push(Glyph {
            x,
            y,
            end,
            size,
            text: font.decode(code),
            invisible: state.render == 3 || state.render == 7,
        });
    }
}

/// Every page's text, laid out as lines.
fn text_of(bytes: &[u8]) -> std::result::Result<String, PdfProblem> {
    let doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) => PdfProblem::Encrypted,
        e => PdfProblem::Unreadable {
            message: Some(e.to_string()),
        },
    })?;
    if doc.is_encrypted() && doc.authenticate_password("").is_err() {
        return Err(PdfProblem::Encrypted);
    }
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    let mut glyphs_by_page = Vec::new();
    let mut budget = MAX_OPERATIONS;
    for page in pages.values() {
        let mut glyphs = page_glyphs(&doc, *page, &mut budget)?;
        glyphs.retain(|g| g.size > 0.0 && !g.text.is_empty());
        if glyphs.iter().any(|g| !g.invisible && !g.text.trim().is_empty()) {
            for g in &mut glyphs {
                if g.invisible {
                    g.text = " ".into();
                }
            }
        }
        glyphs_by_page.push(glyphs);
    }
    Ok(lay_out(&glyphs_by_page))
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    v.retain(|x| x.is_finite());
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}

/// Lines from glyphs: by baseline, left to right, at the columns their positions give.
fn lay_out(pages: &[Vec<Glyph>]) -> String {
    let all = || pages.iter().flatten().filter(|g| !g.text.trim().is_empty());
    let Some(column) = median(all().map(|g| g.end - g.x).filter(|w| *w > 0.0).collect()) else {
        return String::new();
    };
    let left = all().map(|g| g.x).fold(f32::INFINITY, f32::min);

    let mut lines_by_page: Vec<Vec<(f32, Vec<&Glyph>)>> = Vec::new();
    for page in pages {
        let mut sorted: Vec<&Glyph> = page.iter().collect();
        sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<(f32, Vec<&Glyph>)> = Vec::new();
        for g in sorted {
            match lines.last_mut() {
                Some((y, line)) if (*y - g.y).abs() <= g.size * 0.35 => line.push(g),
                _ => lines.push((g.y, vec![g])),
            }
        }
        lines.retain(|(_, l)| l.iter().any(|g| !g.text.trim().is_empty()));
        lines_by_page.push(lines);
    }
    let gaps: Vec<f32> = lines_by_page
        .iter()
        .flat_map(|lines| lines.windows(2).map(|w| w[0].0 - w[1].0))
        .collect();
    let line_gap = median(gaps).unwrap_or(f32::INFINITY);

    let mut out = String::new();
    for lines in &lines_by_page {
        let mut prev_y: Option<f32> = None;
        for (y, line) in lines {
            if prev_y.is_some_and(|p| p - y > line_gap * 1.6) {
                out.push('\n');
            }
            prev_y = Some(*y);
            let mut line = line.clone();
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut cols = 0usize;
            let mut prev_end: Option<f32> = None;
            let mut pending_space = false;
            for g in line {
                if g.text.trim().is_empty() {
                    pending_space = true;
                    continue;
                }
                let target = (((g.x - left) / column).round().max(0.0) as usize).min(MAX_COLUMN);
                let gap = prev_end.map_or(f32::INFINITY, |e| g.x - e);
                if prev_end.is_none() || pending_space || gap > g.size * 0.15 {
                    let pad = if prev_end.is_none() {
                        target.saturating_sub(cols)
                    } else {
                        target.saturating_sub(cols).max(1)
                    };
                    text.extend(std::iter::repeat_n(' ', pad));
                    cols += pad;
                }
                text.push_str(&g.text);
                cols += g.text.chars().count();
                prev_end = Some(g.end);
                pending_space = false;
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
