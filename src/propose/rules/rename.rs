//! The `rename-term` rule: a defined term gets a new name everywhere the bill uses it.
//!
//! "Everywhere" is what the terms analysis links to the definition: the defined phrase itself, its uses in
//! and out of its scope, and quoted mentions. Text matching alone would miss "covered models’" and catch
//! "covered" in other senses; the analysis has already decided which words are the term. Each place is
//! rewritten in its own word form (plural, possessive, capitals, see [`crate::propose::morph`]) and an
//! article before it is made to agree ("a covered model" → "an AI system"). With `derived`, defined terms
//! whose name contains the renamed one ("covered model derivative") are renamed with it. Provisions named
//! in `except` keep their own text (not their children's), for places another rule rewrites whole.

use super::{Ctx, words};
use crate::error::{ProposalProblem, Result};
use crate::model::Span;
use crate::propose::morph;
use crate::redline::{ChangeKind, Occurrence};
use crate::terms::{Definition, definitions::normalize_term};

/// A `rename-term` rule as written.
pub(crate) struct Rename<'r> {
    /// The defined term.
    pub(crate) from: &'r str,
    /// Its new name.
    pub(crate) to: &'r str,
    /// Whether terms containing it are renamed too.
    pub(crate) derived: bool,
    /// Provisions left alone.
    pub(crate) except: &'r [String],
}

/// A definition renamed, and where in its name the renamed words start (0 for the term itself).
type Target<'a> = (&'a Definition, usize);

/// Plan rule `i`, a rename: one change listing every occurrence, and an edit per occurrence and article.
pub(crate) fn plan(cx: &mut Ctx<'_>, i: usize, rule: &Rename<'_>) -> Result<()> {
    let from_n = normalize_term(rule.from);
    let to = rule.to.trim();
    if to.is_empty() {
        return Err(cx.err(i, ProposalProblem::EmptyTo));
    }
    let main = definitions_of(cx, i, rule.from, &from_n)?;
    let mut except = Vec::new();
    for e in rule.except {
        except.push(cx.provision(i, e)?.path.clone());
    }
    let from_words = words(&from_n);
    let (targets, derived_names) = targets(cx, main, &from_n, &from_words, to, rule.derived);
    for (old, new) in &derived_names {
        cx.renamed.insert(old.clone(), new.clone());
    }
    cx.renamed.insert(from_n.clone(), normalize_term(to));
    let change = cx.change(
        i,
        0,
        ChangeKind::Rename {
            from: from_n,
            to: to.to_string(),
            derived: derived_names,
            occurrences: Vec::new(),
            articles: 0,
        },
    );
    let mut rewrite = Rewrite::default();
    for (d, pos) in targets {
        rewrite.definition(cx.bill.body.text.as_str(), d, pos, from_words.len(), to, &except);
    }
    let Rewrite {
        mut occurrences,
        articles,
        edits,
    } = rewrite;
    occurrences.sort_by_key(|o| o.span.start);
    cx.plan.changes[change].at = occurrences.first().map_or(0, |o| o.span.start);
    for (a, b, t) in edits {
        cx.edit(i, change, a, b, t);
    }
    if let ChangeKind::Rename {
        occurrences: o,
        articles: n,
        ..
    } = &mut cx.plan.changes[change].kind
    {
        *o = occurrences;
        *n = articles;
    }
    Ok(())
}

/// The definitions of the term (by name or alias), or an error suggesting a defined term it may mean.
fn definitions_of<'a>(cx: &Ctx<'a>, i: usize, from: &str, from_n: &str) -> Result<Vec<&'a Definition>> {
    let report = cx.report;
    let main: Vec<&Definition> = report
        .definitions
        .iter()
        .filter(|d| d.term == from_n || d.aliases.iter().any(|a| a == from_n))
        .collect();
    if !main.is_empty() {
        return Ok(main);
    }
    let near = report
        .definitions
        .iter()
        .map(|d| d.term.as_str())
        .find(|t| t.contains(from_n) || from_n.contains(*t))
        .map(str::to_string);
    Err(cx.err(
        i,
        ProposalProblem::NotDefined {
            term: from.to_string(),
            near,
        },
    ))
}

/// The definitions renamed: the term itself and, if asked, terms whose name contains it; with the new
/// names of the derived terms.
fn targets<'a>(
    cx: &Ctx<'a>,
    main: Vec<&'a Definition>,
    from_n: &str,
    from_words: &[String],
    to: &str,
    derived: bool,
) -> (Vec<Target<'a>>, Vec<(String, String)>) {
    let mut targets: Vec<Target<'a>> = main.into_iter().map(|d| (d, 0)).collect();
    let mut derived_names = Vec::new();
    if !derived {
        return (targets, derived_names);
    }
    for d in &cx.report.definitions {
        if d.term == from_n {
            continue;
        }
        let w = words(&d.term);
        if let Some(pos) = w.windows(from_words.len()).position(|x| x == from_words) {
            targets.push((d, pos));
            let mut new_w = w.clone();
            new_w.splice(pos..pos + from_words.len(), words(to));
            derived_names.push((d.term.clone(), new_w.join(" ")));
        }
    }
    (targets, derived_names)
}

/// Every place the analysis links to a definition: the defined phrase (not its aliases, which are other
/// names) and every use and mention.
fn places(text: &str, d: &Definition, term_words: &[String]) -> Vec<(String, Span)> {
    let mut spots: Vec<(String, Span)> = Vec::new();
    for part in &d.parts {
        for s in &part.term_spans {
            if words(&text[s.start..s.end]).len() == term_words.len() {
                spots.push((part.location.clone(), *s));
            }
        }
    }
    for u in d.uses.iter().chain(&d.out_of_scope).chain(&d.mentions) {
        spots.push((u.path.clone(), u.span));
    }
    spots
}

/// The occurrences and edits of a rename, gathered definition by definition.
#[derive(Default)]
struct Rewrite {
    occurrences: Vec<Occurrence>,
    articles: usize,
    edits: Vec<(usize, usize, String)>,
}

impl Rewrite {
    /// Rename every place of definition `d`, whose words `pos..pos + len` are the renamed ones.
    fn definition(&mut self, text: &str, d: &Definition, pos: usize, len: usize, to: &str, except: &[String]) {
        let term_words = words(&d.term);
        for (path, span) in places(text, d, &term_words) {
            // Each exception names one provision's own text, not its children's.
            if except.contains(&path) {
                continue;
            }
            let old = &text[span.start..span.end];
            let Some(new) = morph::rename(old, &term_words, pos, len, to) else {
                continue;
            };
            // Only a rename of the first words can change the article before them.
            if pos == 0 {
                self.article(text, span.start, &new);
            }
            self.occurrences.push(Occurrence {
                path,
                old: old.to_string(),
                new: new.clone(),
                span,
            });
            self.edits.push((span.start, span.end, new));
        }
    }

    /// Make "a"/"an" just before byte `at` agree with the new words there.
    fn article(&mut self, text: &str, at: usize, new: &str) {
        let Some(first) = new.split_whitespace().next() else {
            return;
        };
        let line_start = text[..at].rfind('\n').map_or(0, |k| k + 1);
        if let Some((a, b, art)) = morph::article_fix(&text[line_start..at], first) {
            self.edits.push((line_start + a, line_start + b, art));
            self.articles += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::propose::testing::{BILL, amended, apply, error};
    use crate::redline::ChangeKind;

    fn rename(from: &str, to: &str, extra: &str) -> String {
        format!("[[rules]]\nkind = \"rename-term\"\nfrom = \"{from}\"\nto = \"{to}\"\nrationale = \"r\"\n{extra}")
    }

    #[test]
    fn plural_possessive_and_capitals_follow_each_place() {
        let out = apply(&rename("covered model", "covered system", "")).unwrap();
        assert_eq!(
            amended(&out, "22603(b)"),
            "A Covered system’s weights, and the weights of all covered systems and covered system derivatives, shall be protected by the developer."
        );
        assert_eq!(amended(&out, "22603(d)"), "COVERED SYSTEMS SHALL BE TESTED.");
        assert!(amended(&out, "22602(b)").starts_with("“Covered system” means"));
        assert!(!out.amended.body.text.to_lowercase().contains("covered model"));
        assert!(out.findings.is_empty(), "{:?}", out.findings);
    }

    #[test]
    fn derived_terms_are_renamed_with_the_term() {
        let out = apply(&rename("covered model", "covered system", "")).unwrap();
        assert_eq!(
            amended(&out, "22602(c)"),
            "“Covered system derivative” means a copy of a covered system."
        );
        let ChangeKind::Rename { from, to, derived, .. } = &out.redline.changes[0].kind else {
            panic!("{:?}", out.redline.changes[0]);
        };
        assert_eq!((from.as_str(), to.as_str()), ("covered model", "covered system"));
        assert_eq!(
            derived,
            &[(
                "covered model derivative".to_string(),
                "covered system derivative".to_string()
            )]
        );
    }

    #[test]
    fn without_derived_the_derived_term_keeps_its_name() {
        let out = apply(&rename("covered model", "covered system", "derived = false\n")).unwrap();
        assert_eq!(
            amended(&out, "22602(c)"),
            "“Covered model derivative” means a copy of a covered system."
        );
        assert!(amended(&out, "22603(b)").contains("covered systems and covered model derivatives"));
    }

    #[test]
    fn articles_agree_with_the_new_name() {
        let out = apply(&rename("covered model", "AI system", "")).unwrap();
        assert_eq!(
            amended(&out, "22603(a)"),
            "A developer shall, before training an AI system, implement a safety protocol."
        );
        assert!(amended(&out, "22603(b)").starts_with("An AI system’s weights"));
        assert_eq!(
            amended(&out, "22602(e)"),
            "“Frontier model” means an AI system of the greatest size."
        );
        let ChangeKind::Rename {
            occurrences, articles, ..
        } = &out.redline.changes[0].kind
        else {
            panic!("{:?}", out.redline.changes[0]);
        };
        // (b)'s definition, (c)'s phrase and use, (e), 22603(a), (b) three times, (d).
        assert_eq!(occurrences.len(), 9);
        assert_eq!(*articles, 4);
        // The occurrences are in text order, and the change starts at the first.
        assert!(occurrences.windows(2).all(|w| w[0].span.start < w[1].span.start));
        assert_eq!(out.redline.changes[0].at, occurrences[0].span.start);
        let old = crate::propose::testing::bill(BILL).body.text;
        let first = occurrences[0].span;
        assert_eq!(&old[first.start..first.end], "Covered model");
        assert_eq!(occurrences[0].new, "AI system");
    }

    #[test]
    fn except_leaves_a_provision_alone() {
        let out = apply(&rename("covered model", "covered system", "except = [\"22603(a)\"]\n")).unwrap();
        assert_eq!(
            amended(&out, "22603(a)"),
            "A developer shall, before training a covered model, implement a safety protocol."
        );
        assert!(amended(&out, "22603(b)").contains("all covered systems"));
        // An excepted provision is not a stale use.
        assert!(out.findings.is_empty(), "{:?}", out.findings);
    }

    #[test]
    fn bad_renames_say_what_is_wrong() {
        assert!(
            error(&rename("model", "system", "")).contains(
                "rule 1 (rename-term “model”): the bill does not define “model”, so it cannot be renamed; did you mean “covered model”?"
            ),
            "{}",
            error(&rename("model", "system", ""))
        );
        assert!(error(&rename("covered model", " ", "")).contains("`to` is empty"));
        assert!(
            error(&rename("covered model", "x", "except = [\"22609\"]\n"))
                .contains("rule 1 (rename-term “covered model”)")
        );
    }
}
