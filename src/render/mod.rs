//! Renderers: pure functions from model data to text, JSON and (later) HTML.
//!
//! A renderer never parses or analyses; it formats what it is given. Each output format of a command is
//! one function here, so the CLI and the web UI show the same thing.

pub mod compare;
pub mod docx;
pub mod html;
pub mod json;
pub mod letter;
pub mod outline;
pub mod pdf;
pub mod redline;
pub mod terms;

/// How to style terminal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Emit ANSI escapes.
    pub color: bool,
}

impl Style {
    /// Bold text, when colour is on.
    pub fn bold(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    /// Dim text, when colour is on.
    pub fn dim(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// The first `n` words of `text`, with an ellipsis when cut.
pub fn first_words(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(n).collect();
    let mut s = head.join(" ");
    if words.next().is_some() {
        s.push('…');
    }
    s
}

/// Number of words in `text`.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}
