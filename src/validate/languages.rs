//! Language checks: `site.yaml`'s `languages:` declarations (unknown fallbacks, loops,
//! duplicate codes, prefixes and hreflangs, tags not shaped like BCP 47), record text keyed by an undeclared language, text missing
//! in the first language, translations still to do, and pages without a first-language
//! version.

use super::Checker;
use crate::diag::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::load::Content;
use crate::model::{
    Field, Language, Languages, Localized, Review, Reviews, Step, fallback_loop, is_language_tag,
};
use std::collections::BTreeSet;

/// The `languages:` declarations of site.yaml.
pub(super) fn check_declarations(content: &Content, diags: &mut Diagnostics) {
    let site = &content.site;
    let langs = &site.data.languages;
    let mut c = Checker::new(&site.src, diags);
    let codes: Vec<&str> = langs.all().iter().map(|l| l.code()).collect();
    let (mut seen_codes, mut seen_prefixes) = (BTreeSet::new(), BTreeSet::new());
    let mut seen_hreflangs = BTreeSet::new();
    for (i, l) in langs.all().iter().enumerate() {
        check_tags(&mut c, i, l, &mut seen_hreflangs);
        let at = c.value_at(&declared(i, &[Step::Key("code")]));
        if !seen_codes.insert(l.code()) {
            c.error(
                at,
                format!("the language `{}` is declared twice", l.code()),
                "remove one of them".into(),
            );
        }
        // A prefix error is at the prefix when it is written (a default is the code's).
        let prefix_at = (c.nodes())
            .value(&declared(i, &[Step::Key("prefix")]))
            .unwrap_or(at);
        if !seen_prefixes.insert(l.prefix.as_str()) {
            c.error(
                prefix_at,
                format!("the languages share the path prefix `{}`", l.prefix),
                "give each language its own `prefix:` (the first `\"\"`, the others e.g. `en/`)"
                    .into(),
            );
        }
        if !prefix_is_safe(&l.prefix, i == 0) {
            c.error(
                prefix_at,
                format!("`prefix: {}` is not a language folder name ending in `/`", l.prefix),
                "use a language code and a slash, e.g. `prefix: en/`, `prefix: pt-br/` or `prefix: easy/`, but not a folder the site writes itself (`stages/`, `data/`, …); the first language has `\"\"`"
                    .into(),
            );
        }
        if i == 0 && l.review != Review::None {
            c.error(
                at,
                format!("the first language `{}` has a `review:`", l.code()),
                "remove its `review:`: the first language is the source the translations are checked against; `review:` belongs on the other languages".into(),
            );
        }
        if i == 0 && !l.fallback.is_empty() {
            c.error(
                at,
                format!("the first language `{}` has a fallback", l.code()),
                "remove its `fallback:`: every text must be in the first language, so nothing falls back from it".into(),
            );
        }
        for (j, f) in l.fallback.iter().enumerate() {
            if !codes.contains(&f.as_str()) {
                let pos = c.value_at(&declared(i, &[Step::Key("fallback"), Step::Index(j)]));
                c.error(
                    pos,
                    format!(
                        "the fallback `{f}` of `{}` is not a declared language",
                        l.code()
                    ),
                    did_you_mean(f, codes.iter().copied()),
                );
            }
        }
    }
    check_loop(&mut c, langs);
}

/// Fallbacks that go round in a loop: reported at the fallback of the loop's first
/// language that leads on round it.
fn check_loop(c: &mut Checker, langs: &Languages) {
    if let Some(cycle) = fallback_loop(langs) {
        // The fallback of the loop's first language that leads on round it.
        let from = langs.all().iter().position(|l| l.code() == cycle[0]);
        let entry = from.and_then(|i| {
            let j = langs.all()[i].fallback.iter().position(|f| f == cycle[1])?;
            Some(declared(i, &[Step::Key("fallback"), Step::Index(j)]))
        });
        let pos = c.value_at(&entry.unwrap_or_default());
        c.error(
            pos,
            format!("the fallbacks go round in a loop: {}", cycle.join(" → ")),
            "remove one of these fallbacks; a chain must end (the first language is always last)"
                .into(),
        );
    }
}

/// A language's `tag` and `hreflang`: shaped like BCP 47 tags (they are printed in
/// attributes), and no `hreflang` twice (search engines could not tell the pages apart).
/// Two languages may share a `tag`: やさしい日本語 is Japanese.
fn check_tags<'a>(
    c: &mut Checker,
    i: usize,
    l: &'a Language,
    seen_hreflangs: &mut BTreeSet<&'a str>,
) {
    for (key, value) in [("tag", &l.tag), ("hreflang", &l.hreflang)] {
        if !is_language_tag(value) {
            // Where it is written; a default is the code's own.
            let at = c.value_at(&declared(i, &[Step::Key(key)]));
            c.error(
                at,
                format!("`{key}: {value}` of `{}` is not a BCP 47 language tag", l.code()),
                "write a tag such as `ja`, `zh-Hans` or `ja-x-easy` (a 2–3 letter language in lowercase, then parts of 1–8 letters or digits joined by `-`)".into(),
            );
        }
    }
    if !seen_hreflangs.insert(l.hreflang.as_str()) {
        // Where the language is declared: its hreflang may be a default, not written.
        let at = c.value_at(&declared(i, &[Step::Key("code")]));
        c.error(
            at,
            format!("the languages share the hreflang `{}`", l.hreflang),
            format!(
                "give `{}` its own `hreflang:` (e.g. `hreflang: {}-x-{}`): each language's pages need their own",
                l.code(),
                l.tag.split('-').next().unwrap_or("ja"),
                l.code()
            ),
        );
    }
}

/// The path of `more` in the `i`th language declaration (a bare code is the declaration
/// itself: looking a key up in it finds the code).
fn declared<'a>(i: usize, more: &[Step<'a>]) -> Vec<Step<'a>> {
    let mut path = vec![Step::Key("languages"), Step::Index(i)];
    path.extend_from_slice(more);
    path
}

/// `""` for the first language; otherwise one folder name of letters, digits and `-`
/// that is not one of the site's own folders, then `/`.
fn prefix_is_safe(prefix: &str, first: bool) -> bool {
    if prefix.is_empty() {
        return first;
    }
    prefix
        .strip_suffix('/')
        .is_some_and(crate::routes::is_language_folder)
}

impl Checker<'_> {
    /// Each text: its keys are declared languages and it has the first language. The
    /// translations still to do are `check`'s report (`review::report`).
    pub(super) fn translations<'t>(
        &mut self,
        langs: &Languages,
        texts: impl IntoIterator<Item = (Field, &'t Localized)>,
    ) {
        let first = langs.first();
        for (field, text) in texts {
            let key = field.name();
            for (lang, _) in text.texts().filter(|(l, _)| langs.get(*l).is_none()) {
                let pos = self.key_at(&field.with(&[Step::Key(lang.code())]));
                self.error(
                    pos,
                    format!("`{key}` has text in `{lang}`, which site.yaml does not declare"),
                    did_you_mean(lang.code(), langs.all().iter().map(|l| l.code())),
                );
            }
            if text.exact(first.lang).is_none() {
                let pos = self.key_at(field.steps());
                self.error(
                    pos,
                    format!("`{key}` has no `{}` text", first.code()),
                    format!(
                        "add `{}:`: {} is the site's first language, which every text needs",
                        first.code(),
                        first.name
                    ),
                );
            }
        }
    }

    /// A record's `review:` entries: each names a declared language but the first (the
    /// source, which nobody reviews).
    pub(super) fn reviews(&mut self, langs: &Languages, reviews: &Reviews) {
        let first = langs.first();
        for code in reviews.keys() {
            let pos = self.key_at(&[Step::Key("review"), Step::Key(code)]);
            if code == first.code() {
                self.error(
                    pos,
                    format!("`review:` gives a status to `{code}`, the site's first language"),
                    format!(
                        "remove `{code}:` from `review:`: {} is the source the translations are checked against",
                        first.name
                    ),
                );
            } else if langs.by_code(code).is_none() {
                self.error(
                    pos,
                    format!("`review:` names `{code}`, which site.yaml does not declare"),
                    did_you_mean(code, langs.all().iter().map(|l| l.code())),
                );
            }
        }
    }
}

/// Every page in a declared language, and in the first language (the others fall back
/// to it); no `review:` on a page in the first language.
pub(super) fn check_page_pairs(content: &Content, diags: &mut Diagnostics) {
    let langs = &content.site.data.languages;
    let first = langs.first();
    let seen: BTreeSet<_> = content
        .pages
        .iter()
        .map(|p| (p.id.as_str(), p.lang))
        .collect();
    for p in &content.pages {
        let Some(l) = langs.get(p.lang) else {
            diags.push(Diagnostic::error(
                &p.src.path,
                Pos::START,
                format!(
                    "the page `{}` is in `{}`, which site.yaml does not declare",
                    p.id, p.lang
                ),
                format!(
                    "rename it to a declared language: {}",
                    did_you_mean(p.lang.code(), langs.all().iter().map(|l| l.code()))
                ),
            ));
            continue;
        };
        if l.lang != first.lang && !seen.contains(&(p.id.as_str(), first.lang)) {
            diags.push(Diagnostic::error(
                &p.src.path,
                Pos::START,
                format!("the page `{}` has no {} version", p.id, first.name),
                format!(
                    "add content/pages/{}.{}.md: {} is the site's default language",
                    p.id,
                    first.code(),
                    first.name
                ),
            ));
        }
        if l.lang == first.lang && p.review != Review::None {
            diags.push(Diagnostic::error(
                &p.src.path,
                front_matter_review(&p.src.text),
                format!(
                    "the page `{}` is in {}, the site's first language, and has a `review:`",
                    p.id, first.name
                ),
                "remove `review:` from its front matter: the first language is the source the translations are checked against",
            ));
        }
    }
}

/// Where a page's front matter writes `review:` (the block is the file's first YAML
/// document: the Markdown after it is never read as far as this key).
fn front_matter_review(text: &str) -> Pos {
    crate::yaml::Nodes::of(text).key_or_holder(&[Step::Key("review")])
}
