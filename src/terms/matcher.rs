//! Finding a term's forms in text: words, not characters.
//!
//! Text is split into words (letters and digits, with inner apostrophes: `model’s`). A form is a sequence
//! of words; it matches where the text has the same words, case-insensitively, joined only by spaces or
//! hyphens (so "fine-tuning" matches "fine tuning" and "Fine-Tuning", but "model, weights" is not "model
//! weights"). Each word may carry a plural or possessive ending (`models`, `model’s`, `entities`).
//! `...` in a form stands for up to [`GAP_WORDS`] words inside one clause ("make a covered model
//! available"). When several forms match at one place the longest wins, so "covered model derivative" is
//! never read as "covered model" followed by "derivative".

/// Words that `...` in a form may stand for.
pub const GAP_WORDS: usize = 8;

/// A word of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the text.
    pub start: usize,
    /// One past the end.
    pub end: usize,
    /// Lowercase, with curly apostrophes made straight.
    pub lower: String,
    /// Sentence number within the text (0-based).
    pub sentence: usize,
}

/// Split text into words.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut sentence = 0;
    let mut chars = text.char_indices().peekable();
    let mut last_end = 0;
    while let Some((i, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
            } else if matches!(d, '\'' | '’') {
                // An apostrophe inside a word ("model’s"), not a closing quote.
                let mut ahead = chars.clone();
                ahead.next();
                match ahead.peek() {
                    Some(&(_, e)) if e.is_alphabetic() => {
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        if ends_sentence(&text[last_end..start]) && !out.is_empty() {
            sentence += 1;
        }
        let word = &text[start..end];
        let lower = if word.contains('’') {
            word.to_lowercase().replace('’', "'")
        } else {
            word.to_lowercase()
        };
        out.push(Token {
            start,
            end,
            lower,
            sentence,
        });
        last_end = end;
    }
    out
}

fn ends_sentence(gap: &str) -> bool {
    gap.contains(['.', ';', ':', '?', '!'])
}

/// Whether two adjacent words are joined the way a term's words are: spaces or one hyphen.
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.end..b.start];
    !gap.is_empty() && (gap.chars().all(char::is_whitespace) || gap == "-" || gap == "‑")
}

/// Whether `word` is `base` with a plural or possessive ending.
pub fn inflects(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    let Some(rest) = word.strip_prefix(base) else {
        // entity → entities
        return base
            .strip_suffix('y')
            .and_then(|stem| word.strip_prefix(stem))
            .is_some_and(|r| r == "ies" || r == "ies'");
    };
    matches!(rest, "s" | "es" | "'s" | "s'")
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Piece {
    Word(String),
    Gap,
}

/// `deploy` → `deployed`, `deploying`; `release` → `released`, `releasing`.
pub fn verb_inflects(word: &str, base: &str) -> bool {
    let stem = base.strip_suffix('e').unwrap_or(base);
    word.strip_prefix(base)
        .is_some_and(|r| matches!(r, "ed" | "s") || (r == "d" && base.ends_with('e')))
        || word.strip_prefix(stem).is_some_and(|r| r == "ing" || r == "ed")
}

/// A form, split into words (`...` becomes a gap).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Form {
    pieces: Vec<Piece>,
    /// A one-word verb ("“Deploy” means to make ..."): also matches its -ed and -ing forms.
    verb: bool,
}

impl Form {
    /// Split a form: words at spaces and hyphens, `...` a gap.
    pub fn new(form: &str) -> Form {
        let mut pieces = Vec::new();
        for chunk in form.split_whitespace() {
            if chunk == "..." || chunk == "…" {
                pieces.push(Piece::Gap);
                continue;
            }
            for w in tokenize(chunk) {
                pieces.push(Piece::Word(w.lower));
            }
        }
        Form { pieces, verb: false }
    }

    /// The same form, also matching verb endings when it is one word.
    pub fn as_verb(mut self) -> Form {
        self.verb = self.words() == 1;
        self
    }

    /// Number of words (gaps not counted).
    pub fn words(&self) -> usize {
        self.pieces.iter().filter(|p| matches!(p, Piece::Word(_))).count()
    }

    /// Match at token `i`; returns one past the last token matched.
    fn match_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<usize> {
        fn go(
            pieces: &[Piece],
            text: &str,
            tokens: &[Token],
            i: usize,
            prev: Option<usize>,
            verb: bool,
        ) -> Option<usize> {
            let Some((first, rest)) = pieces.split_first() else {
                return Some(i);
            };
            match first {
                Piece::Word(w) => {
                    let t = tokens.get(i)?;
                    if !(inflects(&t.lower, w) || verb && verb_inflects(&t.lower, w)) {
                        return None;
                    }
                    if let Some(p) = prev {
                        if !joined(text, &tokens[p], t) {
                            return None;
                        }
                    }
                    go(rest, text, tokens, i + 1, Some(i), verb)
                }
                Piece::Gap => {
                    let sentence = tokens.get(i.checked_sub(1)?)?.sentence;
                    // Shortest gap first: "make X available" rather than a longer reach.
                    (0..=GAP_WORDS).find_map(|skip| {
                        let next = i + skip;
                        let t = tokens.get(next)?;
                        if t.sentence != sentence || next > i && tokens[next - 1].sentence != sentence {
                            return None;
                        }
                        go(rest, text, tokens, next, None, verb)
                    })
                }
            }
        }
        if self.pieces.is_empty() {
            return None;
        }
        go(&self.pieces, text, tokens, i, None, self.verb)
    }
}

/// A match: which owner's form, where (tokens and bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match<K> {
    /// Whose form matched.
    pub owner: K,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Byte span in the text.
    pub start: usize,
    /// One past the end.
    pub end: usize,
}

/// Many forms, each belonging to an owner (a definition, a glossary entry).
#[derive(Debug, Clone)]
pub struct Matcher<K> {
    forms: Vec<(Form, K)>,
    /// Forms by their first word, so each position of a text only tries the forms that can start there.
    by_first: std::collections::HashMap<String, Vec<usize>>,
}

/// The words a token could be an inflection of: itself, without a plural or possessive ending, without a
/// verb ending. Each is handed to `f` (one buffer for the forms that need a letter added).
fn each_base(word: &str, mut f: impl FnMut(&str)) {
    f(word);
    let mut buf = String::new();
    for suffix in ["'s", "s'", "es'", "s", "es", "ed", "d", "ing"] {
        if let Some(b) = word.strip_suffix(suffix) {
            if !b.is_empty() {
                f(b);
                if suffix == "ing" || suffix == "ed" {
                    buf.clear();
                    buf.push_str(b);
                    buf.push('e');
                    f(&buf);
                }
            }
        }
    }
    for suffix in ["ies", "ies'"] {
        if let Some(b) = word.strip_suffix(suffix) {
            buf.clear();
            buf.push_str(b);
            buf.push('y');
            f(&buf);
        }
    }
}

impl<K: Clone> Matcher<K> {
    /// A matcher over `(form, owner)` pairs.
    pub fn new(forms: impl IntoIterator<Item = (String, K)>) -> Matcher<K> {
        Matcher::from_forms(forms.into_iter().map(|(f, k)| (Form::new(&f), k)))
    }

    /// A matcher over prepared forms.
    pub fn from_forms(forms: impl IntoIterator<Item = (Form, K)>) -> Matcher<K> {
        let mut forms: Vec<(Form, K)> = forms.into_iter().filter(|(f, _)| f.words() > 0).collect();
        // Longest first, so ties at one position go to the longer form.
        forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.pieces.len()));
        // Of identical forms the first always wins a tie, so the others can never match: keep one (a term
        // defined in a hundred sections is tried once at each word, not a hundred times).
        let mut seen = std::collections::HashSet::new();
        forms.retain(|(f, _)| seen.insert(f.clone()));
        let mut by_first: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (i, (f, _)) in forms.iter().enumerate() {
            if let Some(Piece::Word(w)) = f.pieces.first() {
                by_first.entry(w.clone()).or_default().push(i);
            }
        }
        Matcher { forms, by_first }
    }

    /// Every non-overlapping match in `tokens` of `text`, leftmost-longest, skipping tokens where
    /// `blocked(i)` is true (words already claimed by another matcher).
    pub fn find(&self, text: &str, tokens: &[Token], blocked: impl Fn(usize) -> bool) -> Vec<Match<K>> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut candidates: Vec<usize> = Vec::new();
        while i < tokens.len() {
            if blocked(i) {
                i += 1;
                continue;
            }
            candidates.clear();
            each_base(&tokens[i].lower, |b| {
                if let Some(c) = self.by_first.get(b) {
                    candidates.extend_from_slice(c);
                }
            });
            if candidates.is_empty() {
                i += 1;
                continue;
            }
            // In form order (longest first), so ties go to the longer form as before.
            candidates.sort_unstable();
            candidates.dedup();
            let best = candidates
                .iter()
                .copied()
                .map(|c| (&self.forms[c].0, &self.forms[c].1))
                .filter_map(|(f, k)| {
                    let end = f.match_at(text, tokens, i)?;
                    (!(i..end).any(&blocked)).then_some((end, k))
                })
                .rev()
                .max_by_key(|(end, _)| *end);
            match best {
                Some((end, k)) => {
                    out.push(Match {
                        owner: k.clone(),
                        first: i,
                        last: end,
                        start: tokens[i].start,
                        end: tokens[end - 1].end,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(m: &Matcher<&'static str>, text: &str) -> Vec<(&'static str, String)> {
        let t = tokenize(text);
        m.find(text, &t, |_| false)
            .into_iter()
            .map(|x| (x.owner, text[x.start..x.end].to_string()))
            .collect()
    }

    #[test]
    fn words_apostrophes_sentences() {
        let t = tokenize("A model’s weights. Then “fine-tuning” and 10^26, the developers’ rights");
        let words: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "a",
                "model's",
                "weights",
                "then",
                "fine",
                "tuning",
                "and",
                "10",
                "26",
                "the",
                "developers",
                "rights"
            ]
        );
        assert_eq!(t[3].sentence, 1);
    }

    #[test]
    fn longest_match_inflections_and_variants() {
        let m = Matcher::new([
            ("covered model".to_string(), "cm"),
            ("covered model derivative".to_string(), "cmd"),
            ("fine-tuning".to_string(), "ft"),
        ]);
        assert_eq!(
            spans(
                &m,
                "Covered models, a covered model derivative, the covered model’s weights, fine tuning and Fine-Tuning."
            ),
            [
                ("cm", "Covered models".to_string()),
                ("cmd", "covered model derivative".to_string()),
                ("cm", "covered model’s".to_string()),
                ("ft", "fine tuning".to_string()),
                ("ft", "Fine-Tuning".to_string())
            ]
        );
        assert!(spans(&m, "covered, model").is_empty());
        assert!(spans(&m, "uncovered models").is_empty());
    }

    #[test]
    fn gaps_stay_in_their_clause() {
        let m = Matcher::new([
            ("making ... available".to_string(), "release"),
            ("make ... available".to_string(), "release"),
        ]);
        assert_eq!(
            spans(
                &m,
                "making a covered model or a covered model derivative available for use"
            ),
            [(
                "release",
                "making a covered model or a covered model derivative available".to_string()
            )]
        );
        assert_eq!(spans(&m, "make it available").len(), 1);
        assert!(spans(&m, "make sure. It is available").is_empty());
        let m = Matcher::new([
            ("make ... available".to_string(), "r"),
            ("making ... available".to_string(), "r"),
        ]);
        assert_eq!(spans(&m, "making it available").len(), 1);
    }

    #[test]
    fn inflections() {
        assert!(inflects("models", "model"));
        assert!(inflects("model's", "model"));
        assert!(inflects("entities", "entity"));
        assert!(inflects("developers'", "developer"));
        assert!(!inflects("modeling", "model"));
        assert!(verb_inflects("deployed", "deploy") && verb_inflects("deploying", "deploy"));
        assert!(verb_inflects("released", "release") && verb_inflects("releasing", "release"));
        assert!(!verb_inflects("deployment", "deploy") && !verb_inflects("deployd", "deploy"));
    }
}
