//! The `.dat` tables: MySQL `LOAD DATA` text, as the Legislature's load scripts read it — one row a line,
//! fields separated by tabs, strings optionally enclosed in backticks, `NULL` (bare) for no value, and a
//! backslash escaping the next character (`\t`, `\n` and `\r` standing for the control characters, `\N`
//! for NULL). A backtick closes a string only before a tab, the line's end or the file's end, so a
//! backtick inside a string stays text. Tables are UTF-8; a file that is not is read as Latin-1, which
//! older dumps use. A `\r` before a line's end (a copy that passed through Windows) is dropped.
//!
//! A row that does not read is a [`RowProblem`] at its line, and the rest of the table reads on.

use crate::error::RowProblem;
use crate::model::Date;

/// One row: its 1-based line and its fields (`None` for NULL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    pub line: usize,
    pub fields: Vec<Option<String>>,
}

impl Row {
    /// Field `i`, `None` when NULL, missing or empty after trimming.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.fields
            .get(i)
            .and_then(|f| f.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// Field `i`, required.
    pub fn need(&self, i: usize, column: &'static str) -> Result<&str, RowProblem> {
        self.get(i).ok_or(RowProblem::Missing { column })
    }

    /// Field `i` as a date (`1989-08-23 00:00:00`, the time ignored), when there is one.
    pub fn date(&self, i: usize, column: &'static str) -> Result<Option<Date>, RowProblem> {
        match self.get(i) {
            None => Ok(None),
            Some(s) => Date::parse_iso(s.get(..10).unwrap_or(s))
                .map(Some)
                .ok_or_else(|| RowProblem::Bad {
                    column,
                    value: s.to_string(),
                }),
        }
    }
}

/// Decode a table's bytes: UTF-8, else Latin-1.
pub(super) fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').unwrap_or(s).to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Split a table into rows of exactly `columns` fields; other rows are problems at their line.
pub(super) fn rows(text: &str, columns: usize) -> Vec<Result<Row, (usize, RowProblem)>> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let start = line;
        let mut fields: Vec<Option<String>> = Vec::new();
        let mut problem = None;
        // One row: fields until the line's end.
        loop {
            let (field, end) = field(&mut chars, &mut line);
            match field {
                Ok(f) => fields.push(f),
                Err(p) => problem = problem.or(Some(p)),
            }
            match end {
                End::Field => continue,
                End::Line | End::File => break,
            }
        }
        if fields.len() == 1 && fields[0].as_deref() == Some("") && problem.is_none() {
            continue; // a blank line
        }
        out.push(match problem {
            Some(p) => Err((start, p)),
            None if fields.len() != columns => Err((
                start,
                RowProblem::Columns {
                    expected: columns,
                    found: fields.len(),
                },
            )),
            None => Ok(Row { line: start, fields }),
        });
    }
    out
}

enum End {
    Field,
    Line,
    File,
}

/// The escaped character `c` stands for.
fn unescape(c: char) -> char {
    match c {
        '0' => '\0',
        'b' => '\u{8}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'Z' => '\u{1a}',
        c => c,
    }
}

/// Read one field and what ended it. A string left open at the line's end is a problem (a raw line break
/// is never inside a string: the export escapes it), so one broken row does not swallow the rest.
fn field(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    line: &mut usize,
) -> (Result<Option<String>, RowProblem>, End) {
    let mut s = String::new();
    if chars.peek() == Some(&'`') {
        chars.next();
        loop {
            match chars.next() {
                None => return (Err(RowProblem::Unclosed), End::File),
                Some('\n') => {
                    *line += 1;
                    return (Err(RowProblem::Unclosed), End::Line);
                }
                Some('\\') => match chars.next() {
                    Some(c) => s.push(unescape(c)),
                    None => return (Err(RowProblem::Unclosed), End::File),
                },
                Some('`') => match chars.peek() {
                    None => return (Ok(Some(s)), End::File),
                    Some('\t') => {
                        chars.next();
                        return (Ok(Some(s)), End::Field);
                    }
                    Some('\n') => {
                        chars.next();
                        *line += 1;
                        return (Ok(Some(s)), End::Line);
                    }
                    Some('\r') => {
                        let mut ahead = chars.clone();
                        ahead.next();
                        if matches!(ahead.peek(), Some('\n') | None) {
                            chars.next();
                            continue;
                        }
                        s.push('`');
                    }
                    Some(_) => s.push('`'),
                },
                Some(c) => s.push(c),
            }
        }
    }
    let mut raw = String::new();
    let end = loop {
        match chars.next() {
            None => break End::File,
            Some('\t') => break End::Field,
            Some('\n') => {
                *line += 1;
                break End::Line;
            }
            Some('\\') => {
                raw.push('\\');
                match chars.next() {
                    Some(c) => {
                        raw.push(c);
                        s.push(unescape(c));
                    }
                    None => break End::File,
                }
            }
            Some(c) => {
                raw.push(c);
                s.push(c);
            }
        }
    };
    if matches!(end, End::Line | End::File) && s.ends_with('\r') {
        s.pop();
        raw.pop();
    }
    let value = if raw == "NULL" || raw == "\\N" { None } else { Some(s) };
    (Ok(value), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Fields = Vec<Option<String>>;

    fn fields(text: &str, n: usize) -> Vec<Result<Fields, (usize, RowProblem)>> {
        rows(text, n).into_iter().map(|r| r.map(|r| r.fields)).collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn strings_nulls_numbers_and_dates() {
        let got = fields("`EDC`\tNULL\t65\t1989-08-23 00:00:00\t``\n", 5);
        assert_eq!(
            got,
            [Ok(vec![s("EDC"), None, s("65"), s("1989-08-23 00:00:00"), s("")])]
        );
    }

    #[test]
    fn backticks_and_escapes_inside_strings() {
        let got = fields("`it`s`\t`a\\tb\\nc \\` d`\t`NULL`\t\\N\r\n`x`\t`y`\t`z`\t`w`", 4);
        assert_eq!(
            got,
            [
                Ok(vec![s("it`s"), s("a\tb\nc ` d"), s("NULL"), None]),
                Ok(vec![s("x"), s("y"), s("z"), s("w")]),
            ]
        );
    }

    #[test]
    fn broken_rows_are_problems_at_their_line_and_the_rest_reads() {
        let got = fields("`a`\t`b`\n`only one`\n\n`open\t`b\n`c`\t`d`\n", 2);
        assert_eq!(
            got,
            [
                Ok(vec![s("a"), s("b")]),
                Err((2, RowProblem::Columns { expected: 2, found: 1 })),
                Err((4, RowProblem::Unclosed)),
                Ok(vec![s("c"), s("d")]),
            ]
        );
    }

    #[test]
    fn latin1_tables_read() {
        assert_eq!(decode(b"`Pe\xf1a`"), "`Peña`");
    }
}
