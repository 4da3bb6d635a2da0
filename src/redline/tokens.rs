//! Words, and how alike two texts are: the one tokenizer and the one similarity the diff and the version
//! compare both read.
//!
//! A redline must never split a word, and the compare stage judges "the same provision, edited" by the
//! words two texts share. If the two used different tokenizers, a word the diff keeps whole could count as
//! two words (or none) when provisions are paired, and a threshold tuned in one place would mean something
//! else in the other. So both read text through [`tokens`] and compare texts with [`dice`].
//!
//! Tokens are runs of letters and digits (with inner apostrophes: `model’s`), runs of spaces or tabs, and
//! single other characters; a line break is always a token of its own. Joining the tokens gives the text
//! back exactly, which is what lets a word diff rebuild both texts.
//!
//! Similarity is the Dice coefficient over word multisets: twice the words in common over all the words of
//! both texts, so 1 is the same words (in any order) and 0 is nothing shared. Words are lowercased, and a
//! typographic apostrophe counts as a straight one, because a transcription that swaps one for the other
//! has not changed the words.

use std::collections::HashMap;

/// Tokens: runs of letters and digits (with inner apostrophes), single other characters, runs of spaces.
/// A line break is always a token of its own.
pub fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        // Numbers and amounts are whole words: `$100,000,000`, `22757.11`, `10.5` (a changed amount is struck
        // and inserted whole, not digit group by digit group).
        let amount = c == '$' && chars.peek().is_some_and(|&(_, d)| d.is_ascii_digit());
        if amount || c.is_ascii_digit() {
            let mut last_digit = c.is_ascii_digit();
            while let Some(&(j, d)) = chars.peek() {
                let joins = d.is_alphanumeric()
                    || (matches!(d, ',' | '.') && last_digit && {
                        let mut ahead = chars.clone();
                        ahead.next();
                        ahead.peek().is_some_and(|&(_, e)| e.is_ascii_digit())
                    });
                if !joins {
                    break;
                }
                last_digit = d.is_ascii_digit();
                end = j + d.len_utf8();
                chars.next();
            }
        } else if c.is_alphanumeric() {
            while let Some(&(j, d)) = chars.peek() {
                let inner_apostrophe = matches!(d, '\'' | '’') && {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead.peek().is_some_and(|&(_, e)| e.is_alphanumeric())
                };
                if d.is_alphanumeric() || inner_apostrophe {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        } else if c == ' ' || c == '\t' {
            while let Some(&(j, d)) = chars.peek() {
                if d == ' ' || d == '\t' {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        }
        out.push(&s[i..end]);
    }
    out
}

/// A text's words (tokens with a letter or digit), lowercased, each with how often it occurs.
pub type Bag = HashMap<String, usize>;

/// The [`Bag`] of a text's words.
pub fn bag(s: &str) -> Bag {
    let mut m = Bag::new();
    for t in tokens(s).into_iter().filter(|t| t.chars().any(char::is_alphanumeric)) {
        *m.entry(t.to_lowercase().replace('’', "'")).or_insert(0) += 1;
    }
    m
}

/// Share of words two bags have in common, 0 to 1 (Dice coefficient). Two empty texts are alike.
pub fn dice(a: &Bag, b: &Bag) -> f64 {
    let (na, nb): (usize, usize) = (a.values().sum(), b.values().sum());
    if na + nb == 0 {
        return 1.0;
    }
    let common: usize = a.iter().map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0))).sum();
    2.0 * common as f64 / (na + nb) as f64
}

/// Share of words two texts have in common: [`dice`] of their [`bag`]s.
pub fn similarity(a: &str, b: &str) -> f64 {
    dice(&bag(a), &bag(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_rebuild_the_text_and_keep_words_whole() {
        let s = "A model’s  weights,\tits\n(e) 10 o'clock 'quoted'";
        let t = tokens(s);
        assert_eq!(t.concat(), s);
        assert!(t.contains(&"model’s") && t.contains(&"o'clock"));
        assert!(t.contains(&"  ") && t.contains(&"\t") && t.contains(&"\n"));
        // A closing quote is not part of the word before it.
        assert!(t.contains(&"quoted") && !t.contains(&"quoted'"));
    }

    #[test]
    fn numbers_and_amounts_are_whole_words() {
        let t = tokens("costs $100,000,000 under Section 22757.11. At 10^26, (3) or 1.5.");
        assert!(t.contains(&"$100,000,000"), "{t:?}");
        assert!(
            t.contains(&"22757.11") && t.contains(&"."),
            "a sentence's period is its own: {t:?}"
        );
        assert!(t.contains(&"1.5") && t.contains(&"10") && t.contains(&"^"), "{t:?}");
        assert_eq!(
            t.concat(),
            "costs $100,000,000 under Section 22757.11. At 10^26, (3) or 1.5."
        );
        let (segs, _) = crate::redline::diff_texts(
            "a fine of $100,000,000.",
            "a fine of $500,000,000.",
            crate::redline::Budget::default(),
        );
        let del: Vec<&str> = segs
            .iter()
            .filter(|s| s.op == crate::redline::Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(del, ["$100,000,000"], "the whole amount struck");
    }

    #[test]
    fn bags_count_lowercased_words_and_ignore_punctuation() {
        let b = bag("The model, the MODEL’s (a) model.");
        assert_eq!(b.get("the"), Some(&2));
        assert_eq!(b.get("model"), Some(&2));
        assert_eq!(b.get("model's"), Some(&1), "typographic apostrophe counts as straight");
        assert_eq!(b.get("a"), Some(&1));
        assert_eq!(b.values().sum::<usize>(), 6);
    }

    #[test]
    fn dice_is_twice_the_common_words_over_all_words() {
        // 3 words each, 2 in common: 2·2 / 6.
        assert!((similarity("red green blue", "red green black") - 4.0 / 6.0).abs() < 1e-12);
        // Multiset: "a a b" and "a b b" share one "a" and one "b".
        assert!((similarity("a a b", "a b b") - 4.0 / 6.0).abs() < 1e-12);
        assert_eq!(similarity("one two", "two one"), 1.0, "order does not matter");
        assert_eq!(similarity("one two", "three four"), 0.0);
        assert_eq!(similarity("", "(—)."), 1.0, "no words on either side: alike");
        assert_eq!(similarity("", "word"), 0.0);
    }
}
