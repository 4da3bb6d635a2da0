//! Letters as Word documents, written with docx-rs.
//!
//! docx-rs builds the package (content types, relationships, the document part) and knows Word's
//! revision marks, so the redline of the attached amendments goes in as tracked changes: deleted words as
//! `w:del`, added words as `w:ins`, by author "billdiff (proposed)". Committee staff can accept or reject
//! each change in Word. The rest of the letter is ordinary text.

use super::letter::{Block, Kind, Style};
use docx_rs::{Delete, Docx, Insert, Paragraph, Run};

/// Who the tracked changes are by.
pub const AUTHOR: &str = "billdiff (proposed amendments)";

fn styled(text: &str, style: Style, size: usize) -> Run {
    let r = Run::new().add_text(text).size(size);
    match style {
        Style::Bold => r.bold(),
        Style::Italic => r.italic(),
        Style::Note => r.size(size * 8 / 10),
        _ => r,
    }
}

/// The letter as a .docx; `date` (ISO 8601) stamps the tracked changes.
pub fn letter(blocks: &[Block], date: &str) -> std::io::Result<Vec<u8>> {
    let stamp = format!("{date}T00:00:00Z");
    let mut doc = Docx::new();
    for b in blocks {
        // Sizes are in half-points.
        let size = match b.kind {
            Kind::Heading => 25,
            Kind::Small => 18,
            Kind::Redline => 21,
            _ => 22,
        };
        if b.kind == Kind::Letterhead {
            for (i, r) in b.runs.iter().enumerate() {
                let s = if i == 0 { 30 } else { 19 };
                doc = doc.add_paragraph(Paragraph::new().add_run(styled(&r.text, r.style, s)));
            }
            continue;
        }
        let mut p = Paragraph::new();
        if matches!(b.kind, Kind::Item | Kind::Redline) {
            p = p.indent(Some(360), None, None, None);
        }
        for r in &b.runs {
            let style = if b.kind == Kind::Heading { Style::Bold } else { r.style };
            // Only the redline's changes are revisions; elsewhere (the legend) they are just styled.
            if b.kind != Kind::Redline && matches!(style, Style::Del | Style::Ins) {
                let run = Run::new().add_text(&r.text).size(size);
                p = p.add_run(if style == Style::Del {
                    run.strike()
                } else {
                    run.italic()
                });
                continue;
            }
            p = match style {
                Style::Del => p.add_delete(
                    Delete::new()
                        .add_run(Run::new().add_delete_text(&r.text).size(size))
                        .author(AUTHOR)
                        .date(&stamp),
                ),
                Style::Ins => p.add_insert(
                    Insert::new(Run::new().add_text(&r.text).size(size))
                        .author(AUTHOR)
                        .date(&stamp),
                ),
                s => p.add_run(styled(&r.text, s, size)),
            };
        }
        doc = doc.add_paragraph(p);
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.pack(&mut buf).map_err(std::io::Error::other)?;
    Ok(buf.into_inner())
}
