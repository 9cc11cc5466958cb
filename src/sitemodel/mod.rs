//! Stage 3: resolve references and build, per language, the list of pages to render with
//! every text already chosen in that language (and flagged when it fell back to Japanese).
//! Templates then only print; they never look anything up.

mod contacts;
mod context;
mod counter;
mod discovery;
mod handouts;
mod lists;
mod open_data;
mod pages;
mod sections;
mod views;

pub use contacts::tel_href;
pub(crate) use contacts::{ContactView, Marks, Place, SourceView};
pub(crate) use context::*;
pub(crate) use counter::CounterCard;
// `qr`'s test checks `HANDOUT_TAIL_MAX` against the longest address this makes.
#[cfg(test)]
pub(crate) use handouts::stage_url;
pub(crate) use lists::{ItemRef, Items, Pager};
pub(crate) use open_data::OpenData;
pub(crate) use views::{Link, RecordView, StageView, TermView};

use crate::i18n::UiStrings;
use crate::load::{Content, Record};
use crate::markdown;
use crate::model::{Agency, Contact, Kind, Lang, Language, Localized, Program, Term};
use crate::routes;
use crate::validate::{CITYWIDE, parse_date};
use serde::Serialize;
use std::collections::BTreeMap;

/// Text in the page's language; `fallback` names the language it came from instead when
/// the page's language has none (templates mark it with that language's `lang` tag).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Text {
    /// The text (HTML for Markdown texts, already sanitized).
    pub(crate) text: String,
    // Left out when absent: a page holds hundreds of texts, each one more map entry for
    // tera to build and drop, and templates only ever test it (`{% if x.fallback %}`).
    /// The language the text came from, when not the page's own.
    #[serde(serialize_with = "tag_if_any", skip_serializing_if = "Option::is_none")]
    pub(crate) fallback: Option<Lang>,
    /// On a page in another language, a window's name in the first language printed
    /// beside its translated name: what the counter, the phone line and the signs say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) original: Option<Original>,
}

/// Text in the site's first language shown beside its translation, with that language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Original {
    /// The first language.
    #[serde(serialize_with = "Lang::serialize_tag")]
    pub(crate) lang: Lang,
    /// The text in it.
    pub(crate) text: String,
}

/// A text mark's language as the tag its `lang` attribute prints.
fn tag_if_any<S: serde::Serializer>(lang: &Option<Lang>, s: S) -> Result<S::Ok, S::Error> {
    match lang {
        Some(l) => l.serialize_tag(s),
        None => s.serialize_none(),
    }
}

impl Text {
    /// Interface text already in the page's language (never a fallback).
    pub(crate) fn plain(text: &str) -> Text {
        Text {
            text: text.to_string(),
            fallback: None,
            original: None,
        }
    }

    /// `l` in the first language of `chain` that has it (a language, then its fallbacks).
    pub(crate) fn of(l: &Localized, chain: &[Lang]) -> Text {
        let (t, from) = l.get(chain);
        Text {
            text: t.to_string(),
            fallback: (Some(&from) != chain.first()).then_some(from),
            original: None,
        }
    }
    fn opt(l: Option<&Localized>, chain: &[Lang]) -> Option<Text> {
        l.map(|l| Text::of(l, chain))
    }
    /// Markdown rendered to sanitized HTML.
    fn markdown(l: &Localized, chain: &[Lang]) -> Text {
        let mut t = Text::of(l, chain);
        t.text = markdown::to_html(&t.text);
        t
    }
}

/// One page to render: where it goes (relative to the language root), with which template,
/// and the data the template prints.
#[derive(Debug, Clone)]
pub(crate) struct PageSpec {
    /// Where the page goes, relative to the language root.
    pub(crate) rel: String,
    /// The template's file name.
    pub(crate) template: &'static str,
    /// The page's title (the `<title>` and headings).
    pub(crate) title: String,
    /// What the template prints besides the frame every page shares; record pages and
    /// lists of records are built only when the page is rendered (in parallel, then
    /// dropped), so memory stays flat as records grow.
    pub(crate) data: PageData,
}

impl PageSpec {
    /// The page at `rel` printing `data` with its template.
    pub(crate) fn new(rel: String, title: String, data: PageData) -> PageSpec {
        PageSpec {
            rel,
            template: data.template(),
            title,
            data,
        }
    }

    /// A digest of everything the page is rendered from except the records its lists
    /// show: two builds giving a page the same digest and the same records render it
    /// the same (with the same templates and site settings).
    pub(crate) fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.rel, self.template, &self.title).hash(&mut h);
        serde_json::to_writer(HashWriter(&mut h), &self.data).expect("page data serializes");
        h.finish()
    }

    /// The records its lists show.
    pub(crate) fn listed(&self) -> impl Iterator<Item = ItemRef> + '_ {
        self.data
            .lists()
            .into_iter()
            .flat_map(|l| l.iter().copied())
    }

    /// The record a record page shows.
    pub(crate) fn record(&self) -> Option<LazyRecord> {
        match &self.data {
            PageData::Record(r) => Some(r.lazy),
            _ => None,
        }
    }
}

/// Feeds what is written to it into a hasher.
struct HashWriter<'h, H>(&'h mut H);

impl<H: std::hash::Hasher> std::io::Write for HashWriter<'_, H> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A record page's record, by its position in the loaded content.
#[derive(Debug, Clone, Copy, Hash)]
pub(crate) enum LazyRecord {
    /// Position in `Content::agencies`.
    Agency(usize),
    /// Position in `Content::programs`.
    Program(usize),
    /// Position in `Content::networks`.
    Network(usize),
}

/// Every page of the site, by language, with what builds them.
pub(crate) struct SiteModel<'a> {
    /// The pages of each language, in the order they are rendered.
    pub(crate) pages: BTreeMap<Lang, Vec<PageSpec>>,
    builders: BTreeMap<Lang, Builder<'a>>,
    /// Which pages of each language show draft text.
    drafts: BTreeMap<Lang, crate::review::Drafts>,
}

impl SiteModel<'_> {
    /// Whether `page` in `lang`, given its `data` ([`SiteModel::page_data`]), shows text
    /// in its language no fluent reader at the city has checked (`draft_notice`).
    pub(crate) fn shows_draft(&self, lang: Lang, page: &PageSpec, data: &PageData) -> bool {
        self.drafts
            .get(&lang)
            .is_some_and(|d| d.page(&page.rel, data))
    }

    /// The data `page`'s template prints, with its record or lists built (and a record
    /// page's JSON-LD).
    pub(crate) fn page_data(&self, lang: Lang, page: &PageSpec) -> PageData {
        let b = &self.builders[&lang];
        let mut data = page.data.clone();
        b.fill(&mut data);
        if let PageData::Record(p) = &mut data {
            p.jsonld = Some(b.jsonld(p.lazy, page));
        }
        data
    }
}

/// The pages of every declared language, with the interface words `ui` they print.
pub(crate) fn build<'a>(content: &'a Content, ui: &'a UiStrings) -> SiteModel<'a> {
    let mut pages = BTreeMap::new();
    let mut builders = BTreeMap::new();
    let mut drafts = BTreeMap::new();
    for language in content.site.data.languages.all() {
        let b = Builder::new(content, language, ui);
        pages.insert(language.lang, b.pages());
        builders.insert(language.lang, b);
        drafts.insert(language.lang, crate::review::Drafts::of(content, language));
    }
    SiteModel {
        pages,
        builders,
        drafts,
    }
}

/// Entries of the Atom feed: the most recently verified records. The updates pages list all.
const FEED_ENTRIES: usize = 100;

/// Records the tier overview shows under each tier; a bigger tier gets its own paged list.
const TIER_PREVIEW: usize = 50;

fn agency_href(id: &str) -> String {
    routes::entry(routes::AGENCIES, id)
}
fn program_href(id: &str) -> String {
    routes::entry(routes::PROGRAMS, id)
}
fn network_href(id: &str) -> String {
    routes::entry(routes::NETWORKS, id)
}
fn stage_href(id: &str) -> String {
    routes::entry(routes::STAGES, id)
}

/// A stage page narrowed to one ward, for the ward filter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WardLink {
    /// The ward's id.
    pub(crate) id: String,
    /// The ward's name.
    pub(crate) name: Text,
    /// The stage page narrowed to the ward.
    pub(crate) href: String,
}

fn ward_links(stage: &str, wards: &[TermView]) -> Vec<WardLink> {
    wards
        .iter()
        .map(|w| WardLink {
            id: w.id.clone(),
            name: w.name.clone(),
            href: routes::stage_ward(stage, &w.id),
        })
        .collect()
}

struct Builder<'a> {
    c: &'a Content,
    lang: Lang,
    /// The page's language, then where its text falls back to.
    chain: &'a [Lang],
    /// The site's first language (names are shown in it beside their translation).
    first: Lang,
    /// Its path prefix (e.g. `en/`), for the published addresses in QR codes.
    prefix: &'a str,
    ui: &'a UiStrings,
    agencies: BTreeMap<&'a str, &'a Record<Agency>>,
    programs: BTreeMap<&'a str, &'a Record<Program>>,
    /// Reverse references: program ids by operator, network indexes by member.
    programs_by_operator: BTreeMap<&'a str, Vec<&'a str>>,
    networks_by_member: BTreeMap<&'a str, Vec<usize>>,
    /// Each ward's offices, as agency and location positions (`contacts::offices_by_ward`).
    offices_by_ward: BTreeMap<&'a str, Vec<(usize, usize)>>,
    kana_order: lists::KanaOrder,
}

impl<'a> Builder<'a> {
    fn new(c: &'a Content, language: &'a Language, ui: &'a UiStrings) -> Self {
        Builder {
            c,
            lang: language.lang,
            chain: &language.chain,
            first: c.site.data.languages.first().lang,
            prefix: &language.prefix,
            ui,
            agencies: c.agencies.iter().map(|r| (r.id.as_str(), r)).collect(),
            programs: c.programs.iter().map(|r| (r.id.as_str(), r)).collect(),
            kana_order: lists::KanaOrder::new(c),
            offices_by_ward: contacts::offices_by_ward(c),
            programs_by_operator: c.programs.iter().fold(BTreeMap::new(), |mut m, p| {
                m.entry(p.data.operator.as_str())
                    .or_insert_with(Vec::new)
                    .push(p.id.as_str());
                m
            }),
            networks_by_member: c.networks.iter().enumerate().fold(
                BTreeMap::new(),
                |mut m, (i, n)| {
                    for member in &n.data.members {
                        m.entry(member.as_str()).or_insert_with(Vec::new).push(i);
                    }
                    m
                },
            ),
        }
    }

    fn t(&self, l: &Localized) -> Text {
        Text::of(l, self.chain)
    }

    /// A window's, program's or network's name: on a page in another language with its
    /// name in the first language beside it, so a parent can show or say it at the counter.
    fn name(&self, l: &Localized) -> Text {
        let mut t = Text::of(l, self.chain);
        if self.lang != self.first && t.fallback.is_none() {
            t.original = l
                .exact(self.first)
                .filter(|o| *o != t.text)
                .map(|o| Original {
                    lang: self.first,
                    text: o.to_string(),
                });
        }
        t
    }

    fn label(&self, key: &str) -> Text {
        Text::plain(self.ui.get(self.lang, key))
    }

    /// A record page's record.
    fn record_view(&self, lazy: LazyRecord) -> RecordView {
        match lazy {
            LazyRecord::Agency(i) => self.agency_view(&self.c.agencies[i], true),
            LazyRecord::Program(i) => self.program_view(&self.c.programs[i], true),
            LazyRecord::Network(i) => self.network_view(&self.c.networks[i]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_names_its_fallback_only_when_it_has_one() {
        let own = serde_json::to_value(Text::plain("窓口")).unwrap();
        assert_eq!(own, serde_json::json!({"text": "窓口"}));
        let en = Lang::intern("en").unwrap();
        let fallen = Text {
            text: "Counter".into(),
            fallback: Some(en),
            original: None,
        };
        assert_eq!(
            serde_json::to_value(fallen).unwrap(),
            serde_json::json!({"text": "Counter", "fallback": en.tag()})
        );
    }
}
