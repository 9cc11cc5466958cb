//! Translations and their review status: which texts a record has (listed once here for
//! validation, `check` and the pages), whether a text in a language is still a draft no
//! fluent reader at the city has checked, which pages must say so (`draft_notice`), and
//! `check`'s report per language (coverage, draft status, the missing translations).
//!
//! A text's status is its record's `review: {<code>: …}` entry (a Markdown page's front
//! matter `review:`), else its language's `review:` in site.yaml. A page shows the notice
//! when any text it shows in its own language is a draft; the interface words are on
//! every page and have their language's status, so a draft language's every page does.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::load::{Content, Source};
use crate::model::{Field, Lang, Language, Localized, Review, Reviews, Step};
use crate::routes;
use crate::yaml::Nodes;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// A record's translatable texts, with where its page is and its own review entries.
pub(crate) struct RecordTexts<'a> {
    /// The record's file, for messages.
    pub(crate) src: &'a Source,
    /// The record's page (relative to a language's root); stages have theirs too.
    pub(crate) rel: String,
    /// The record's own `review:` entries.
    pub(crate) reviews: &'a Reviews,
    /// `(field, text)` in the order the record is read.
    pub(crate) texts: Vec<(Field, &'a Localized)>,
}

/// Every record's translatable texts: what validation checks, `check` counts and the
/// draft notice looks at (read from each record's fields by role, `About::texts`).
pub(crate) fn record_texts(c: &Content) -> Vec<RecordTexts<'_>> {
    c.records()
        .map(|r| RecordTexts {
            src: r.src,
            rel: routes::entry(r.kind.dir(), r.id),
            reviews: r.about.review,
            texts: r.about.written_texts().collect(),
        })
        .collect()
}

/// The review entries of the record `id`, if there is such a record.
pub(crate) fn reviews_of<'c>(c: &'c Content, id: &str) -> Option<&'c Reviews> {
    c.record(id).map(|r| r.about.review)
}

/// The status of a record's texts in `language`: its own entry, else the language's.
pub(crate) fn status(language: &Language, reviews: &Reviews) -> Review {
    reviews
        .get(language.code())
        .copied()
        .unwrap_or(language.review)
}

/// The status of a Markdown page written in `language`: its front matter's, else the
/// language's.
pub(crate) fn page_status(language: &Language, own: Review) -> Review {
    if own == Review::None {
        language.review
    } else {
        own
    }
}

/// Which pages of one language show draft text, decided once per page.
#[derive(Debug, Default)]
pub(crate) struct Drafts {
    /// The language itself is a draft: its interface words are on every page.
    all: bool,
    /// The pages (relative to the language's root) of the records and Markdown pages
    /// whose text in the language is a draft.
    pages: HashSet<String>,
}

impl Drafts {
    /// The draft pages of `language`: records with text in it whose status is draft, and
    /// its own Markdown pages marked draft.
    pub(crate) fn of(c: &Content, language: &Language) -> Drafts {
        let all = language.review == Review::Draft;
        if all {
            return Drafts {
                all,
                pages: HashSet::new(),
            };
        }
        let lang = language.lang;
        let mut pages: HashSet<String> = record_texts(c)
            .into_iter()
            .filter(|r| status(language, r.reviews) == Review::Draft)
            .filter(|r| r.texts.iter().any(|(_, t)| t.has(lang)))
            .map(|r| r.rel)
            .collect();
        pages.extend(
            (c.pages.iter())
                .filter(|p| p.lang == lang && page_status(language, p.review) == Review::Draft)
                .map(|p| routes::page(&p.id)),
        );
        Drafts { all, pages }
    }

    /// Whether the page at `rel` showing `data` shows draft text. Every record's text a
    /// page is given sits beside the `href` of the record's page (links, list entries,
    /// steps, places, record views), so the page is a draft when it is such a page or
    /// links one. Only sites marking single records draft pay for looking.
    pub(crate) fn page<T: serde::Serialize>(&self, rel: &str, data: &T) -> bool {
        if self.all {
            return true;
        }
        if self.pages.is_empty() {
            return false;
        }
        self.pages.contains(rel) || serde_json::to_value(data).is_ok_and(|v| self.links_a_draft(&v))
    }

    fn links_a_draft(&self, v: &serde_json::Value) -> bool {
        use serde_json::Value;
        match v {
            Value::Object(map) => map.iter().any(|(k, v)| {
                (k == "href" && v.as_str().is_some_and(|h| self.pages.contains(h)))
                    || self.links_a_draft(v)
            }),
            Value::Array(items) => items.iter().any(|v| self.links_a_draft(v)),
            _ => false,
        }
    }
}

/// What `check` says about each language but the first: how many record texts it has,
/// their review status and, when some are missing, where most are (listing each missing
/// one only for the languages in `list_missing`).
pub(crate) fn report(c: &Content, list_missing: &[Lang]) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let records = record_texts(c);
    let site = Nodes::of(&c.site.src.text);
    for (i, language) in c.site.data.languages.all().iter().enumerate().skip(1) {
        let missing = missing(c, &records, language);
        let counts = Counts::of(&records, language);
        if missing.is_empty() && counts.draft == 0 {
            continue;
        }
        let src = &c.site.src;
        // The language's code in its declaration (a bare code is the declaration).
        let code = [Step::Key("languages"), Step::Index(i), Step::Key("code")];
        let pos = site.value_or_holder(&code);
        diags.push(Diagnostic::warning(
            &src.path,
            pos,
            counts.summary(language),
            help(language, &missing, counts.draft > 0),
        ));
        if list_missing.contains(&language.lang) {
            diags.items.extend(missing);
        }
    }
    diags
}

/// A language's record texts: in all, translated, and of those reviewed and draft.
struct Counts {
    total: usize,
    has: usize,
    reviewed: usize,
    draft: usize,
}

impl Counts {
    fn of(records: &[RecordTexts], language: &Language) -> Counts {
        let mut n = Counts {
            total: 0,
            has: 0,
            reviewed: 0,
            draft: 0,
        };
        for r in records {
            let translated = r.texts.iter().filter(|t| t.1.has(language.lang)).count();
            n.total += r.texts.len();
            n.has += translated;
            match status(language, r.reviews) {
                Review::Reviewed => n.reviewed += translated,
                Review::Draft => n.draft += translated,
                Review::None => {}
            }
        }
        n
    }

    /// "Tiếng Việt (vi): 78 of 214 record texts (36%), all draft".
    fn summary(&self, language: &Language) -> String {
        let percent = self.has * 100 / self.total.max(1);
        let status = if self.reviewed + self.draft == 0 {
            String::new()
        } else if self.draft == self.has {
            ", all draft".into()
        } else if self.reviewed == self.has {
            ", all reviewed".into()
        } else {
            format!(", {} reviewed, {} draft", self.reviewed, self.draft)
        };
        format!(
            "{} ({}): {} of {} record texts ({percent}%){status}",
            language.name,
            language.code(),
            self.has,
            self.total
        )
    }
}

/// How to go on: where most texts are missing, and how to mark texts reviewed.
fn help(language: &Language, missing: &[Diagnostic], draft: bool) -> String {
    let mut out = Vec::new();
    if !missing.is_empty() {
        let mut by_file: BTreeMap<&Path, usize> = BTreeMap::new();
        for d in missing {
            *by_file.entry(&d.file).or_default() += 1;
        }
        let mut files: Vec<(&Path, usize)> = by_file.into_iter().collect();
        files.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let most: Vec<String> = (files.iter().take(3))
            .map(|(f, n)| format!("{} ({n})", f.display()))
            .collect();
        out.push(format!(
            "{} translations are missing, most in {}; `madoguchi check --missing {}` lists each. Until one is written, its fallback language's text is shown, marked as untranslated.",
            missing.len(),
            most.join(", "),
            language.code()
        ));
    }
    if draft {
        out.push(format!(
            "Pages showing draft text say so. When a fluent reader at the city has checked them, write `review: reviewed` on the language in site.yaml, or `review: {{{}: reviewed}}` in a record, `review: reviewed` at the top of a page.",
            language.code()
        ));
    }
    out.join(" ")
}

/// One warning per text (and Markdown page) `language` lacks, at the first language's
/// text (or page) it would translate.
fn missing(c: &Content, records: &[RecordTexts], language: &Language) -> Vec<Diagnostic> {
    let first = c.site.data.languages.first();
    let mut out = Vec::new();
    for r in records {
        // Read only for a record with a missing text: most have none.
        let mut nodes: Option<Nodes> = None;
        for (field, text) in &r.texts {
            if !text.has(first.lang) || text.has(language.lang) {
                continue;
            }
            let nodes = nodes.get_or_insert_with(|| Nodes::of(&r.src.text));
            // The text it would translate, found by its own field: the same words may be
            // written elsewhere in the file too (a place's name as an alias).
            let pos = nodes.value_or_holder(&field.with(&[Step::Key(first.code())]));
            out.push(Diagnostic::warning(
                &r.src.path,
                pos,
                format!("missing {} translation of `{}`", language.name, field.name()),
                format!(
                    "add `{}:` beside `{}:`; until then the text of its fallback language is shown, marked as untranslated",
                    language.code(),
                    first.code()
                ),
            ));
        }
    }
    let has_page = |id: &str| {
        c.pages
            .iter()
            .any(|p| p.id == id && p.lang == language.lang)
    };
    for p in (c.pages.iter()).filter(|p| p.lang == first.lang && !has_page(&p.id)) {
        out.push(Diagnostic::warning(
            &p.src.path,
            Pos::START,
            format!("the page `{}` has no {} version", p.id, language.name),
            format!(
                "add content/pages/{}.{}.md; until then the page of its fallback language is shown under /{}",
                p.id,
                language.code(),
                language.prefix
            ),
        ));
    }
    out
}
