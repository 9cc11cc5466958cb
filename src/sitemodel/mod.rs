//! Stage 3: resolve references and build, per language, the list of pages to render with
//! every text already chosen in that language (and flagged when it fell back to Japanese).
//! Templates then only print; they never look anything up.

mod contacts;
mod counter;
mod handouts;
mod lists;
mod pages;
mod sections;
mod views;

pub use contacts::{ContactView, LocationView, Marks, Place, SourceView, tel_href};
pub use counter::{CounterCard, Phrase};
pub use handouts::{WardHandout, stage_url};
pub use lists::{ItemRef, LazyList, PAGE_SIZE, Pager, Style, Update};
pub use views::{Link, RecordView, StageView, StepView, TermView};

use crate::i18n::UiStrings;
use crate::load::{Content, Record};
use crate::markdown;
use crate::model::{Agency, Contact, Lang, Language, Localized, Program, Term};
use crate::routes;
use crate::validate::{CITYWIDE, parse_date};
use serde::Serialize;
use std::collections::BTreeMap;

/// Text in the page's language; `fallback` names the language it came from instead when
/// the page's language has none (templates mark it with that `lang`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub fallback: Option<Lang>,
    /// On a page in another language, a window's name in the first language printed
    /// beside its translated name: what the counter, the phone line and the signs say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<Original>,
}

/// Text in the site's first language shown beside its translation, with that language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Original {
    pub lang: Lang,
    pub text: String,
}

impl Text {
    /// Interface text already in the page's language (never a fallback).
    pub fn plain(text: &str) -> Text {
        Text {
            text: text.to_string(),
            fallback: None,
            original: None,
        }
    }

    /// `l` in the first language of `chain` that has it (a language, then its fallbacks).
    pub fn of(l: &Localized, chain: &[Lang]) -> Text {
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
pub struct PageSpec {
    pub rel: String,
    pub template: &'static str,
    pub title: String,
    pub data: PageData,
    /// What is built only when the page is rendered (in parallel, then dropped), so memory
    /// stays flat as records grow.
    pub lazy: Lazy,
}

impl PageSpec {
    /// A digest of everything the page is rendered from except the records its lists
    /// show: two builds giving a page the same digest and the same records render it
    /// the same (with the same templates and site settings).
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.rel, self.template, &self.title, &self.data).hash(&mut h);
        match &self.lazy {
            Lazy::None => 0u8.hash(&mut h),
            Lazy::Record(r) => (1u8, r).hash(&mut h),
            Lazy::Lists(lists) => (2u8, lists).hash(&mut h),
        }
        h.finish()
    }

    /// The records its lists show.
    pub fn listed(&self) -> impl Iterator<Item = ItemRef> + '_ {
        let lists = match &self.lazy {
            Lazy::Lists(lists) => lists.as_slice(),
            _ => &[],
        };
        lists.iter().flat_map(|l| l.items.iter().copied())
    }
}

#[derive(Debug, Clone)]
pub enum Lazy {
    /// `data` is all there is.
    None,
    /// A record page: `data` is empty, the record's view is built when rendered.
    Record(LazyRecord),
    /// Lists of records (see [`lists`]) to add to `data`.
    Lists(Vec<LazyList>),
}

/// A page's data kept as compact JSON text until it is rendered: a `serde_json::Value`
/// tree takes several times the memory.
#[derive(Debug, Clone, Hash)]
pub struct PageData(Box<str>);

impl From<serde_json::Value> for PageData {
    fn from(v: serde_json::Value) -> Self {
        PageData(v.to_string().into_boxed_str())
    }
}

impl PageData {
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(&self.0).expect("page data is JSON we wrote")
    }
}

#[derive(Debug, Clone, Copy, Hash)]
pub enum LazyRecord {
    Agency(usize),
    Program(usize),
    Network(usize),
}

pub struct SiteModel<'a> {
    pub pages: BTreeMap<Lang, Vec<PageSpec>>,
    builders: BTreeMap<Lang, Builder<'a>>,
}

impl SiteModel<'_> {
    /// Puts the data a page's template prints into `ctx`. Record views go in as they are,
    /// without a detour through a JSON tree: record pages are nearly all the pages.
    pub fn fill_context(&self, lang: Lang, page: &PageSpec, ctx: &mut tera::Context) {
        let b = &self.builders[&lang];
        let data = match &page.lazy {
            Lazy::Record(lazy) => {
                let (record, kind) = match *lazy {
                    LazyRecord::Agency(i) => (b.agency_view(&b.c.agencies[i], true), "agency"),
                    LazyRecord::Program(i) => (b.program_view(&b.c.programs[i], true), "program"),
                    LazyRecord::Network(i) => (b.network_view(&b.c.networks[i]), "network"),
                };
                ctx.insert("record", &record);
                ctx.insert("kind", kind);
                return;
            }
            Lazy::None => page.data.to_value(),
            Lazy::Lists(lists) => {
                let mut data = page.data.to_value();
                b.fill_lists(&mut data, lists);
                data
            }
        };
        if let serde_json::Value::Object(map) = data {
            for (k, v) in map {
                ctx.insert(k, &v);
            }
        }
    }
}

/// The pages of every declared language, with the interface words `ui` they print.
pub fn build<'a>(content: &'a Content, ui: &'a UiStrings) -> SiteModel<'a> {
    let mut pages = BTreeMap::new();
    let mut builders = BTreeMap::new();
    for language in content.site.data.languages.all() {
        let b = Builder::new(content, language, ui);
        pages.insert(language.lang, b.pages());
        builders.insert(language.lang, b);
    }
    SiteModel { pages, builders }
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
pub struct WardLink<'t> {
    pub id: &'t str,
    pub name: &'t Text,
    pub href: String,
}

fn ward_links<'t>(stage: &str, wards: &'t [TermView]) -> Vec<WardLink<'t>> {
    wards
        .iter()
        .map(|w| WardLink {
            id: &w.id,
            name: &w.name,
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
}
