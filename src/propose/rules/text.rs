//! The text rules: `replace-text`, `strike-text` and `insert-text`, exact words in one provision.
//!
//! Each names a provision and quotes words as they read there now. The quote is a guard: it must appear
//! exactly once in the provision's own text (not its children's), so a proposal drafted against another
//! version of the bill fails with what the provision reads instead of silently changing the wrong words.
//! A strike takes one neighbouring space with it, and an insertion brings its own, so the amended text
//! never has a double space or a space before punctuation.

use super::Ctx;
use crate::error::{ProposalProblem, Result};
use crate::propose::proposal::Rule;
use crate::redline::{ChangeKind, Location};

/// What a text rule does with the words it finds.
enum TextOp<'a> {
    Replace(&'a str, &'a str),
    Strike(&'a str),
    After(&'a str, &'a str),
    Before(&'a str, &'a str),
}

impl<'a> TextOp<'a> {
    /// The words that must be found.
    fn guard(&self) -> &'a str {
        match self {
            TextOp::Replace(g, _) | TextOp::Strike(g) | TextOp::After(g, _) | TextOp::Before(g, _) => g,
        }
    }
}

/// Plan rule `i` if it is a text rule (other rules are planned elsewhere).
pub(crate) fn plan(cx: &mut Ctx<'_>, i: usize, rule: &Rule) -> Result<()> {
    let (at, op) = match rule {
        Rule::ReplaceText { at, find, replace, .. } => (at, TextOp::Replace(find, replace)),
        Rule::StrikeText { at, text, .. } => (at, TextOp::Strike(text)),
        Rule::InsertText {
            at,
            after,
            before,
            text,
            ..
        } => match (after, before) {
            (Some(a), None) => (at, TextOp::After(a, text)),
            (None, Some(b)) => (at, TextOp::Before(b, text)),
            _ => return Err(cx.err(i, ProposalProblem::AfterOrBefore)),
        },
        Rule::RenameTerm { .. } | Rule::DefineTerm { .. } => return Ok(()),
    };
    apply(cx, i, at, op)
}

/// The provision's path, own text and where that text starts in the body.
struct Found {
    path: String,
    own: String,
    base: usize,
    /// Where the guard is in `own`.
    k: usize,
}

/// Find the guard words, exactly once, in the own text of provision `at`.
fn find(cx: &Ctx<'_>, i: usize, at: &str, guard: &str) -> Result<Found> {
    let p = cx.provision(i, at)?;
    let (path, own, base) = (p.path.clone(), p.text.clone(), p.text_start());
    if guard.is_empty() {
        return Err(cx.err(i, ProposalProblem::EmptyFind));
    }
    let hits: Vec<usize> = own.match_indices(guard).map(|(k, _)| k).collect();
    match hits.as_slice() {
        [k] => Ok(Found { k: *k, path, own, base }),
        [] => {
            let reads: String = own.chars().take(160).collect();
            let cut = own.chars().count() > 160;
            Err(cx.err(
                i,
                ProposalProblem::TextNotFound {
                    path,
                    find: guard.to_string(),
                    reads,
                    cut,
                },
            ))
        }
        many => Err(cx.err(
            i,
            ProposalProblem::TextAmbiguous {
                find: guard.to_string(),
                count: many.len(),
                path,
            },
        )),
    }
}

fn apply(cx: &mut Ctx<'_>, i: usize, at: &str, op: TextOp<'_>) -> Result<()> {
    let f = find(cx, i, at, op.guard())?;
    let location = Location::of(cx.bill, &f.path);
    let (base, k) = (f.base, f.k);
    match op {
        TextOp::Replace(find, replace) => {
            let kind = ChangeKind::Replace {
                location,
                old: find.to_string(),
                new: replace.to_string(),
            };
            let c = cx.change(i, base + k, kind);
            cx.edit(i, c, base + k, base + k + find.len(), replace.to_string());
        }
        TextOp::Strike(text) => {
            let (a, b) = strike_range(&f.own, k, k + text.len());
            let kind = ChangeKind::Strike {
                location,
                text: text.to_string(),
            };
            let c = cx.change(i, base + a, kind);
            cx.edit(i, c, base + a, base + b, String::new());
        }
        TextOp::After(guard, text) | TextOp::Before(guard, text) => {
            let is_after = matches!(op, TextOp::After(..));
            let at_k = if is_after { k + guard.len() } else { k };
            let t = text.trim();
            let kind = ChangeKind::InsertText {
                location,
                text: t.to_string(),
                after: is_after.then(|| guard.to_string()),
                before: (!is_after).then(|| guard.to_string()),
            };
            let c = cx.change(i, base + at_k, kind);
            cx.edit(i, c, base + at_k, base + at_k, insertion(t, is_after));
        }
    }
    Ok(())
}

/// The range struck for the words `a..b` of `own`: with one neighbouring space, so no double space is left.
fn strike_range(own: &str, a: usize, b: usize) -> (usize, usize) {
    let (mut a, mut b) = (a, b);
    if own[..a].ends_with(' ')
        && (own[b..].starts_with(' ') || own[b..].starts_with([',', '.', ';', ':']) || b == own.len())
    {
        a -= 1;
    } else if own[b..].starts_with(' ') && a == 0 {
        b += 1;
    }
    (a, b)
}

/// The text inserted after (or before) the guard words: with a space between, unless it starts with
/// punctuation that follows the words directly.
fn insertion(t: &str, is_after: bool) -> String {
    if !is_after {
        format!("{t} ")
    } else if t.starts_with([',', '.', ';', ':']) {
        t.to_string()
    } else {
        format!(" {t}")
    }
}

#[cfg(test)]
mod tests {
    use super::{insertion, strike_range};
    use crate::propose::testing::{amended, apply, error};
    use crate::redline::ChangeKind;

    fn rule(kind: &str, at: &str, fields: &str) -> String {
        format!("[[rules]]\nkind = \"{kind}\"\nat = \"{at}\"\n{fields}rationale = \"r\"\n")
    }

    #[test]
    fn replace_strike_and_insert_change_exact_words() {
        let rules = [
            rule("replace-text", "22603(c)", "find = \"shall not\"\nreplace = \"may\"\n"),
            rule(
                "strike-text",
                "22603(a)",
                "text = \"before training a covered model,\"\n",
            ),
            rule("insert-text", "22603(d)", "after = \"TESTED\"\ntext = \", ANNUALLY\"\n"),
            rule(
                "insert-text",
                "22602(f)",
                "before = \"documented\"\ntext = \"written and\"\n",
            ),
        ]
        .join("\n");
        let out = apply(&rules).unwrap();
        assert_eq!(amended(&out, "22603(c)"), "A frontier model may be released.");
        assert_eq!(
            amended(&out, "22603(a)"),
            "A developer shall, implement a safety protocol."
        );
        assert_eq!(amended(&out, "22603(d)"), "COVERED MODELS SHALL BE TESTED, ANNUALLY.");
        assert_eq!(
            amended(&out, "22602(f)"),
            "“Safety protocol” means written and documented procedures a developer follows."
        );
        let insert = out
            .redline
            .changes
            .iter()
            .find_map(|c| match &c.kind {
                ChangeKind::InsertText { text, before, .. } if text == "written and" => Some(before.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(insert.as_deref(), Some("documented"));
    }

    #[test]
    fn a_strike_takes_one_space_with_it() {
        let own = "one two three, four";
        assert_eq!(strike_range(own, 4, 7), (3, 7)); // "one three, four"
        assert_eq!(strike_range(own, 8, 13), (7, 13)); // "one two, four"
        assert_eq!(strike_range(own, 0, 3), (0, 4)); // "two three, four"
        assert_eq!(strike_range(own, 15, 19), (14, 19)); // "one two three,"
    }

    #[test]
    fn an_insertion_brings_its_own_space() {
        assert_eq!(insertion("annually", true), " annually");
        assert_eq!(insertion(", annually", true), ", annually");
        assert_eq!(insertion("written", false), "written ");
    }

    #[test]
    fn guards_that_do_not_match_are_errors() {
        let e = error(&rule("strike-text", "22603(c)", "text = \"shall never\"\n"));
        assert!(
            e.contains(
                "rule 1 (strike-text at 22603(c)): 22603(c) does not read “shall never”; it reads “A frontier model shall not be released.”"
            ),
            "{e}"
        );
        let e = error(&rule(
            "replace-text",
            "22603(b)",
            "find = \"weights\"\nreplace = \"parameters\"\n",
        ));
        assert!(
            e.contains("“weights” appears 2 times in 22603(b); quote more of the text"),
            "{e}"
        );
        let e = error(&rule("insert-text", "22603(c)", "text = \"x\"\n"));
        assert!(e.contains("give exactly one of `after` or `before`"), "{e}");
        let e = error(&rule(
            "insert-text",
            "22603(c)",
            "after = \"A\"\nbefore = \"model\"\ntext = \"x\"\n",
        ));
        assert!(e.contains("give exactly one of `after` or `before`"), "{e}");
        assert!(error(&rule("strike-text", "22603(c)", "text = \"\"\n")).contains("the text to find is empty"));
        let e = error(&rule("strike-text", "22603(z)", "text = \"x\"\n"));
        assert!(
            e.contains("rule 1 (strike-text at 22603(z)): no provision \"22603(z)\""),
            "{e}"
        );
    }
}
