//! The interface's own words (labels, headings, help), one file per declared language:
//! `themes/<theme>/i18n/<code>.yaml`, read at build time so a theme editor changes a label
//! without recompiling. Record text comes from content/; these are the words around it.
//!
//! The first language's file is the reference: every other language's file needs each of
//! its keys, and it needs every key the code itself prints (`CODE_KEYS`).

use crate::diag::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::model::Step;
use crate::model::{Lang, Languages, Limits};
use crate::yaml::Nodes;
use std::collections::BTreeMap;
use std::path::Path;

/// The theme folder, relative to the site root.
pub(crate) const THEME: &str = "themes/default";

/// Keys printed by the site model rather than by a template.
const CODE_KEYS: &[&str] = &[
    "citywide",
    "list_sep",
    "data_taxonomy_stage",
    "data_taxonomy_stage_description",
    "data_taxonomy_tier",
    "data_taxonomy_tier_description",
    "data_taxonomy_audience",
    "data_taxonomy_audience_description",
    "data_taxonomy_unconfirmed",
    "data_taxonomy_unconfirmed_description",
    "data_source_label",
    "data_source_undated",
    "data_page",
    "to_be_confirmed",
    "networks",
    "stage_ward_title",
    "date_long",
    "months",
    "source_date",
    "source_meeting",
    "source_page_updated",
    "source_no_date",
    "this_page_in_language",
    "audiences",
    "for_staff",
    "handout",
    "not_found",
    "search",
    "stages",
    "tiers",
    "updates",
    "wards",
    // The counter card prints each phrase in the reader's language and the first one.
    "counter_phrase_slowly",
    "counter_phrase_write",
];

/// One language's words, by key; templates print them as `t.<key>`.
pub(crate) type Labels = BTreeMap<String, String>;

/// Every declared language's words.
#[derive(Debug, Clone)]
pub struct UiStrings {
    by_lang: Vec<(Lang, Labels)>,
}

impl UiStrings {
    /// The words of `lang` (a declared language: [`load`] read a file for each).
    pub(crate) fn labels(&self, lang: Lang) -> &Labels {
        &self
            .by_lang
            .iter()
            .find(|l| l.0 == lang)
            .expect("a file was loaded for every declared language")
            .1
    }

    /// The word `key` in `lang`; `key` is one of `CODE_KEYS`, which loading checked.
    pub(crate) fn get(&self, lang: Lang, key: &str) -> &str {
        debug_assert!(CODE_KEYS.contains(&key), "`{key}` is not in CODE_KEYS");
        self.labels(lang).get(key).map_or("", String::as_str)
    }

    /// [`get`](Self::get) with each `{name}` replaced by its value.
    pub(crate) fn fill(&self, lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.get(lang, key).to_string(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

/// The theme folder's i18n file of `lang`, relative to the site root.
fn rel_path(theme_rel: &str, lang: Lang) -> String {
    format!("{theme_rel}/i18n/{}.yaml", lang.code())
}

/// Reads every declared language's file under `root/theme_rel`. Returns the words when no
/// file has an error, and every problem either way (a missing key is an error at the file
/// that lacks it, with the nearest key it has).
pub(crate) fn load(
    root: &Path,
    theme_rel: &str,
    languages: &Languages,
    limits: &Limits,
) -> (Option<UiStrings>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut by_lang = Vec::new();
    let mut texts = Vec::new();
    for lang in languages.langs() {
        let rel = rel_path(theme_rel, lang);
        let Some(src) = crate::load::read_optional(root, &rel, limits, &mut diags) else {
            if !diags.has_errors() {
                diags.push(Diagnostic::error(
                    Path::new(&rel),
                    Pos::START,
                    format!("no interface words for the language `{lang}`"),
                    format!(
                        "create {rel}: copy the first language's file and translate each value"
                    ),
                ));
            }
            continue;
        };
        match crate::yaml::parse_within::<Labels>(&src.path, &src.text, limits) {
            Ok(labels) => {
                for d in crate::ruby::check_yaml(&src.path, &src.text) {
                    diags.push(d);
                }
                texts.push((src, lang));
                by_lang.push((lang, labels));
            }
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        return (None, diags);
    }
    check_keys(&by_lang, &texts, &mut diags);
    let ok = !diags.has_errors();
    (ok.then_some(UiStrings { by_lang }), diags)
}

/// Every key of the reference (first) file in every other file, every code key in the
/// reference, and no key only one translation has.
fn check_keys(
    by_lang: &[(Lang, Labels)],
    texts: &[(crate::load::Source, Lang)],
    diags: &mut Diagnostics,
) {
    let (reference, ref_src) = (&by_lang[0].1, &texts[0].0);
    for key in CODE_KEYS.iter().filter(|k| !reference.contains_key(**k)) {
        diags.push(missing(ref_src, key, reference));
    }
    for ((_, labels), (src, _)) in by_lang.iter().zip(texts).skip(1) {
        for key in reference.keys().filter(|k| !labels.contains_key(*k)) {
            diags.push(missing(src, key, labels));
        }
        for key in labels.keys().filter(|k| !reference.contains_key(*k)) {
            let pos = Nodes::of(&src.text).key_or_holder(&[Step::Key(key)]);
            diags.push(Diagnostic::warning(
                &src.path,
                pos,
                format!(
                    "`{key}` is not in {}, so nothing prints it",
                    ref_src.path.display()
                ),
                format!(
                    "remove it, or fix its name: {}",
                    did_you_mean(key, reference.keys().map(String::as_str))
                ),
            ));
        }
    }
}

fn missing(src: &crate::load::Source, key: &str, has: &Labels) -> Diagnostic {
    let near = crate::diag::nearest(key, has.keys().map(String::as_str), 1);
    let (pos, help) = match near.first() {
        Some(n) if crate::diag::edit_distance(key, n) <= (key.len() / 2).max(2) => (
            Nodes::of(&src.text).key_or_holder(&[Step::Key(n)]),
            format!("did you mean `{n}`? The key must be spelled `{key}`"),
        ),
        _ => (
            Pos::START,
            format!("add `{key}: …` with the words in this language"),
        ),
    };
    Diagnostic::error(
        &src.path,
        pos,
        format!("the interface words lack `{key}`"),
        help,
    )
}

/// The words of the site at `root` whose content is `content`, or every problem found.
pub fn for_site(root: &Path, content: &crate::load::Content) -> Result<UiStrings, Diagnostics> {
    let site = &content.site.data;
    match load(root, THEME, &site.languages, &site.limits) {
        (Some(ui), _) => Ok(ui),
        (None, diags) => Err(diags),
    }
}

/// The shipped theme's words for the shipped site's languages (for unit tests).
#[cfg(test)]
pub(crate) fn shipped() -> (UiStrings, Languages) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let site: crate::model::SiteConfig = serde_yaml_ng::from_str(&site).unwrap();
    let (ui, diags) = load(root, THEME, &site.languages, &Limits::default());
    (ui.unwrap_or_else(|| panic!("{diags:?}")), site.languages)
}
