//! What record pages tell search engines and link previews: a short plain-text
//! description (OpenGraph, `<meta name="description">`) and the record's JSON-LD
//! (`export::jsonld`), built when the page renders, like the record's view.

use super::*;
use crate::export::jsonld;
use crate::markdown::plain_text;

/// Characters of a record's description kept for `og:description` (previews show about
/// this many).
const DESCRIPTION_CHARS: usize = 160;

impl SiteModel<'_> {
    /// The page's own description as plain text: its record's, for a record page; `None`
    /// for other pages (they are described by the site's tagline).
    pub(crate) fn description(&self, lang: Lang, page: &PageSpec) -> Option<String> {
        let lazy = page.record()?;
        let b = &self.builders[&lang];
        let c = b.c;
        let markdown = match lazy {
            LazyRecord::Agency(i) => &c.agencies[i].data.description,
            LazyRecord::Program(i) => &c.programs[i].data.description,
            LazyRecord::Network(i) => &c.networks[i].data.description,
        };
        Some(shortened(&plain_text(
            markdown.get(b.chain).0,
            DESCRIPTION_CHARS,
        )))
    }
}

/// `text` cut to [`DESCRIPTION_CHARS`] characters, with `…` when cut.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(DESCRIPTION_CHARS) {
        Some((end, _)) => format!("{}…", text[..end].trim_end()),
        None => text.to_string(),
    }
}

impl Builder<'_> {
    /// The JSON-LD of the record page `page` (text safe inside `<script>`), with the
    /// page's published address when the base URL is known, else its own file name
    /// (JSON-LD resolves it against the page's address).
    pub(super) fn jsonld(&self, lazy: LazyRecord, page: &PageSpec) -> String {
        let site = &self.c.site.data;
        let url = match site.base_url.as_deref() {
            Some(base) => routes::published(base, self.prefix, &page.rel),
            None => "index.html".to_string(),
        };
        let (c, ui, lang) = (self.c, self.ui, self.lang);
        match lazy {
            LazyRecord::Agency(i) => jsonld::for_agency(c, ui, &c.agencies[i], lang, &url),
            LazyRecord::Program(i) => {
                let p = &c.programs[i];
                let operator = self.agencies.get(p.data.operator.as_str()).copied();
                jsonld::for_program(c, ui, p, operator, lang, &url)
            }
            LazyRecord::Network(i) => jsonld::for_network(c, ui, &c.networks[i], lang, &url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_with_an_ellipsis() {
        assert_eq!(shortened("short"), "short");
        let long = "あ".repeat(DESCRIPTION_CHARS + 5);
        let cut = shortened(&long);
        assert_eq!(cut.chars().count(), DESCRIPTION_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
