//! What every page's template receives besides its own data (`sitemodel::context`):
//! `base.html` prints these on every page. `docs/templates.md` is generated from this
//! file's `///` comments (`tests/templates_doc.rs`).

use crate::i18n::Labels;
use crate::model::Dir;
use crate::sitemodel::Text;
use serde::Serialize;

/// What every page of one language shares; converted for tera once per language.
#[derive(Serialize)]
pub(super) struct LanguageFrame<'a> {
    /// The page's language code (BCP 47).
    pub(super) lang: &'static str,
    /// The language's BCP 47 tag for `lang` attributes (site.yaml `tag:`, else the code).
    pub(super) lang_tag: &'a str,
    /// Its text direction, `ltr` or `rtl`.
    pub(super) dir: &'a Dir,
    /// Its path prefix (`""`, `en/`, …).
    pub(super) prefix: &'a str,
    /// The site's title in the language.
    pub(super) site_title: &'a str,
    /// The site's tagline, when site.yaml has one.
    pub(super) tagline: Option<Text>,
    /// Where to confirm what the site says.
    pub(super) confirm_at: Text,
    /// The interface words of the language (`themes/default/i18n/<code>.yaml`), as `t.<key>`.
    pub(super) t: &'a Labels,
    /// The open data page (print it after `base`), when the site publishes open data.
    pub(super) data_page_href: Option<String>,
}

/// What each page gets besides its language's frame.
#[derive(Serialize)]
pub(super) struct Frame<'a> {
    /// `../` up to the output root (the published address on the 404 page).
    pub(super) root: String,
    /// `root` plus `prefix`: where this language's pages start.
    pub(super) base: String,
    /// The page itself, each other language that has it, then `x-default`.
    pub(super) alternates: Vec<Alternate<'a>>,
    /// The language switch: each other language.
    pub(super) switches: Vec<Switch<'a>>,
    /// The page's path in its language.
    pub(super) rel: &'a str,
    /// The page's title.
    pub(super) title: &'a str,
    /// The page's own link.
    pub(super) self_href: String,
    /// The page's published address, when `base_url` is set.
    pub(super) canonical: Option<String>,
    /// The page's description and locales for search engines and link previews.
    pub(super) discovery: Discovery,
    /// True when the page shows text in its language that the city has not checked yet
    /// (site.yaml `review: draft` on the language, a record's `review: {<code>: draft}`,
    /// a page's `review: draft`): every such page prints `t.draft_notice`, but the
    /// one-page handouts the shorter `t.handout_draft`.
    pub(super) draft: bool,
}

/// A `<link rel="alternate" hreflang>` of a page.
#[derive(Serialize)]
pub(super) struct Alternate<'a> {
    /// The language's `hreflang` (site.yaml `hreflang:`, else its tag), or `x-default`.
    pub(super) code: &'a str,
    /// The page in that language.
    pub(super) href: String,
}

/// An entry of the language switch: the same page in another language, or that
/// language's home when it lacks the page.
#[derive(Serialize)]
pub(super) struct Switch<'a> {
    /// The language's `hreflang`.
    pub(super) hreflang: &'a str,
    /// The language's BCP 47 tag, for the `lang` of its name.
    pub(super) tag: &'a str,
    /// The language's own name.
    pub(super) name: &'a str,
    /// "This page in <language>", in that language.
    pub(super) label: &'a str,
    /// The page in that language, or that language's home.
    pub(super) href: String,
}

/// What a page tells search engines and link previews (OpenGraph) besides its canonical
/// link: the page's description (its record's, else the site's tagline) and its locales.
#[derive(Serialize)]
pub(super) struct Discovery {
    /// `og:type`: `website` for the home page, else `article`.
    pub(super) kind: &'static str,
    /// `og:description` and `<meta name="description">`: plain text.
    pub(super) description: String,
    /// `og:locale`: the language's tag with `_` (`ja`, `zh_Hans`).
    pub(super) locale: String,
    /// The page's other languages as `og:locale:alternate`, each tag once.
    pub(super) locale_alternates: Vec<String>,
}
