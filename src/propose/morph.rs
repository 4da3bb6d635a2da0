//! Word forms for renames: "covered models" → "covered systems", "Covered model’s" → "Covered system’s",
//! "COVERED MODEL" → "COVERED SYSTEM", "a model" → "an artificial intelligence system".
//!
//! A use found by the terms analysis carries the inflection of its last word (plural, possessive) and the
//! capitals of its place (a sentence start, a heading in title case, a text in capitals). The new name
//! takes the same inflection and the same capitals; the article before it is made to agree.

use crate::terms::matcher::tokenize;

/// English plural of one word: "system" → "systems", "process" → "processes", "entity" → "entities".
pub fn pluralize(word: &str) -> String {
    let lower = word.to_lowercase();
    let vowel_before_y = lower.len() > 1 && lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if lower.ends_with('y') && !vowel_before_y {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|e| lower.ends_with(e)) {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Case {
    Lower,
    FirstCap,
    Title,
    Upper,
}

fn case_of(words: &[&str]) -> Case {
    let has_letters = |w: &str| w.chars().any(char::is_alphabetic);
    let upper = |w: &str| !w.chars().any(char::is_lowercase);
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if words.iter().all(|w| upper(w))
        && words
            .iter()
            .any(|w| has_letters(w) && w.chars().filter(|c| c.is_alphabetic()).count() > 1)
    {
        Case::Upper
    } else if words.len() > 1 && words.iter().all(|w| cap(w)) {
        Case::Title
    } else if words.first().is_some_and(|w| cap(w)) {
        Case::FirstCap
    } else {
        Case::Lower
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn apply_case(words: &[String], case: Case) -> Vec<String> {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| match case {
            Case::Upper => w.to_uppercase(),
            Case::Title => capitalize(w),
            Case::FirstCap if i == 0 => capitalize(w),
            _ => w.clone(),
        })
        .collect()
}

/// Rewrite one occurrence. `matched` is the text of a use of a term whose words are `term`; the words
/// `term[from..from + len]` are renamed to `to`. Returns `None` if `matched` does not have the term's
/// words (which the caller treats as a bug in the analysis, not a user error).
pub fn rename(matched: &str, term: &[String], from: usize, len: usize, to: &str) -> Option<String> {
    let toks = tokenize(matched);
    if toks.len() != term.len() || from + len > term.len() || len == 0 {
        return None;
    }
    let first = &toks[from];
    let last = &toks[from + len - 1];
    let old_words: Vec<&str> = toks[from..from + len]
        .iter()
        .map(|t| &matched[t.start..t.end])
        .collect();
    let case = case_of(&old_words);
    // The ending of the last renamed word ("s", "’s", "s’"), if it is the term's last word.
    let base = &term[from + len - 1];
    let ending = if from + len == term.len() {
        let written = &matched[last.start..last.end];
        let lower = written.to_lowercase().replace('’', "'");
        let ending = lower.strip_prefix(base.as_str()).map(str::to_string).or_else(|| {
            // entity → entities
            let stem = base.strip_suffix('y')?;
            lower
                .strip_prefix(stem)
                .filter(|r| r.starts_with("ies"))
                .map(|r| r.replacen("ies", "s", 1))
        });
        ending.map(|e| (e, written.contains('’')))
    } else {
        None
    };
    let hyphenated = (from..from + len - 1).all(|k| &matched[toks[k].end..toks[k + 1].start] == "-") && len > 1;
    let mut new_words: Vec<String> = to.split_whitespace().map(str::to_string).collect();
    if new_words.is_empty() {
        return None;
    }
    if let Some((e, curly)) = ending {
        let apostrophe = if curly { "’" } else { "'" };
        let last_word = new_words.last_mut().expect("non-empty");
        *last_word = match e.as_str() {
            "" => last_word.clone(),
            "s" | "es" => pluralize(last_word),
            "'s" => format!("{last_word}{apostrophe}s"),
            "s'" | "es'" => format!("{}{apostrophe}", pluralize(last_word)),
            _ => return None,
        };
    }
    let new_words = apply_case(&new_words, case);
    let joined = new_words.join(if hyphenated { "-" } else { " " });
    Some(format!("{}{}{}", &matched[..first.start], joined, &matched[last.end..]))
}

/// The article a word takes: "an" before a vowel sound.
pub fn article_for(word: &str) -> &'static str {
    let w = word.to_lowercase();
    let consonant_sound = ["uni", "use", "usa", "usu", "uti", "eu", "one", "once", "ur"];
    let vowel_sound = ["hour", "honest", "honor", "honour", "heir"];
    let acronym = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
    if acronym {
        // Letters read by name: "an AI", "an FBI", "a CPU".
        return if "aefhilmnorsx".contains(w.chars().next().unwrap_or('b')) {
            "an"
        } else {
            "a"
        };
    }
    if vowel_sound.iter().any(|v| w.starts_with(v)) {
        return "an";
    }
    if w.starts_with(['a', 'e', 'i', 'o', 'u']) && !consonant_sound.iter().any(|c| w.starts_with(c)) {
        "an"
    } else {
        "a"
    }
}

/// If `before` (the text just before a renamed occurrence) ends with an article that no longer agrees with
/// `new_first_word`, the byte range of the article in `before` and its replacement.
pub fn article_fix(before: &str, new_first_word: &str) -> Option<(usize, usize, String)> {
    let trimmed = before.strip_suffix(' ')?;
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[start..];
    if !matches!(word.to_lowercase().as_str(), "a" | "an") {
        return None;
    }
    let want = article_for(new_first_word);
    if word.eq_ignore_ascii_case(want) {
        return None;
    }
    let fixed = if word == word.to_uppercase() && word.len() > 1 {
        want.to_uppercase()
    } else if word.starts_with(char::is_uppercase) {
        capitalize(want)
    } else {
        want.to_string()
    };
    Some((start, trimmed.len(), fixed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn renames_keep_inflection_and_capitals() {
        let cm = words("covered model");
        assert_eq!(
            rename("covered models", &cm, 0, 2, "covered system").unwrap(),
            "covered systems"
        );
        assert_eq!(
            rename("Covered model", &cm, 0, 2, "covered system").unwrap(),
            "Covered system"
        );
        assert_eq!(
            rename("covered model’s", &cm, 0, 2, "covered system").unwrap(),
            "covered system’s"
        );
        assert_eq!(
            rename("covered models’", &cm, 0, 2, "covered system").unwrap(),
            "covered systems’"
        );
        assert_eq!(
            rename("COVERED MODEL", &cm, 0, 2, "covered system").unwrap(),
            "COVERED SYSTEM"
        );
        assert_eq!(
            rename("Covered Models", &cm, 0, 2, "covered system").unwrap(),
            "Covered Systems"
        );
        let cmd = words("covered model derivative");
        assert_eq!(
            rename("covered model derivatives", &cmd, 0, 2, "covered system").unwrap(),
            "covered system derivatives"
        );
        assert_eq!(
            rename("Covered model derivative", &cmd, 0, 2, "covered system").unwrap(),
            "Covered system derivative"
        );
        assert_eq!(
            rename("fine-tuning", &words("fine tuning"), 0, 2, "adaptation").unwrap(),
            "adaptation"
        );
        assert_eq!(
            rename("model", &words("model"), 0, 1, "artificial intelligence system").unwrap(),
            "artificial intelligence system"
        );
        assert_eq!(rename("entities", &words("entity"), 0, 1, "body").unwrap(), "bodies");
        assert!(rename("something else entirely", &cm, 0, 2, "x").is_none());
    }

    #[test]
    fn plurals() {
        assert_eq!(pluralize("system"), "systems");
        assert_eq!(pluralize("process"), "processes");
        assert_eq!(pluralize("entity"), "entities");
        assert_eq!(pluralize("key"), "keys");
        assert_eq!(pluralize("Box"), "Boxes");
    }

    #[test]
    fn articles_agree() {
        assert_eq!(article_for("system"), "a");
        assert_eq!(article_for("artificial"), "an");
        assert_eq!(article_for("AI"), "an");
        assert_eq!(article_for("unmodified"), "an");
        assert_eq!(article_for("unit"), "a");
        assert_eq!(article_for("hour"), "an");
        assert_eq!(article_fix("training a ", "artificial"), Some((9, 10, "an".into())));
        assert_eq!(article_fix("An ", "system"), Some((0, 2, "A".into())));
        assert_eq!(article_fix("of a ", "system"), None);
        assert_eq!(article_fix("data ", "artificial"), None);
        assert_eq!(article_fix("“a ", "artificial"), Some((3, 4, "an".into())));
    }
}
