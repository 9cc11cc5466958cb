//! Stage 3: resolve references and build, per language, the list of pages to render with
//! every text already chosen in that language (and flagged when it fell back to Japanese).
//! Templates then only print; they never look anything up.

mod contacts;
mod lists;

pub use contacts::{ContactView, LocationView, Marks, Place, SourceView, tel_href};
pub use lists::{ItemRef, LazyList, PAGE_SIZE, Pager, Style};

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

/// A link to another page of the site, relative to the language root (`base`).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub href: String,
    pub name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub id: String,
    pub name: Text,
    pub short: Text,
    pub description: Option<Text>,
    pub href: String,
}

/// Fields shared by the record pages (agency, program, network).
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub id: String,
    pub href: String,
    pub name: Text,
    pub kana: String,
    pub kind: Option<Text>,
    pub tier: Option<TermView>,
    pub areas: Vec<Text>,
    pub audiences: Vec<TermView>,
    pub stages: Vec<Link>,
    pub description: Text,
    pub application_process: Option<Text>,
    pub schedule: Option<Text>,
    pub fees: Option<Text>,
    pub eligibility: Option<Text>,
    pub contact: ContactView,
    pub operated_by: Option<Text>,
    pub operator: Option<Link>,
    pub programs: Vec<Link>,
    pub networks: Vec<Link>,
    pub members: Vec<Link>,
    pub activities: Vec<Text>,
    pub source: String,
    pub verified_on: String,
    /// The record's source as printed, with the source's own date.
    pub provenance: SourceView,
    /// Verified longer ago than `stale_after_months` before the edition's `issued` month.
    pub stale: bool,
    /// Statements the source does not support, marked 要確認 on the page.
    pub unconfirmed: Marks,
    /// Statements of general national rules, labelled as general information.
    pub general: Marks,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    pub id: String,
    pub href: String,
    pub name: Text,
    pub age: Text,
    pub summary: Text,
    pub first_windows: Vec<StepView>,
    pub next_steps: Vec<StepView>,
    pub while_waiting: Vec<StepView>,
    pub what_to_say: Option<Text>,
    /// On a page in another language, the phone script in the first language, to show
    /// or read at the counter.
    pub what_to_say_original: Option<Original>,
    pub handout: bool,
    pub source: String,
    pub verified_on: String,
    pub provenance: SourceView,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub href: String,
    pub name: Text,
    pub tier: Option<TermView>,
    pub why: Text,
    pub how: Option<Text>,
    pub contact: ContactView,
    /// The window serves the whole city (not one ward at a time).
    pub citywide: bool,
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

    fn term(&self, terms: &[Term], id: &str, section: &str) -> Option<TermView> {
        terms.iter().find(|t| t.id == id).map(|t| TermView {
            id: t.id.clone(),
            name: self.t(&t.name),
            short: self.t(t.short.as_ref().unwrap_or(&t.name)),
            description: Text::opt(t.description.as_ref(), self.chain),
            href: routes::entry(section, &t.id),
        })
    }

    fn tier(&self, id: &str) -> Option<TermView> {
        self.term(&self.c.site.data.tiers, id, "tiers")
            .map(|mut t| {
                t.href = routes::tier_anchor(&t.id);
                t
            })
    }

    fn areas(&self, ids: &[String]) -> Vec<Text> {
        ids.iter()
            .filter_map(|w| {
                if w == CITYWIDE {
                    Some(Text::plain(self.ui.get(self.lang, "citywide")))
                } else {
                    self.term(&self.c.site.data.wards, w, "wards")
                        .map(|t| t.name)
                }
            })
            .collect()
    }

    fn audiences(&self, ids: &[String]) -> Vec<TermView> {
        ids.iter()
            .filter_map(|a| self.term(&self.c.site.data.audiences, a, "audiences"))
            .collect()
    }

    fn stage_links(&self, ids: &[String]) -> Vec<Link> {
        // In life order, whatever order the record lists them in.
        self.c
            .site
            .data
            .stages
            .iter()
            .filter(|s| ids.contains(s))
            .filter_map(|s| self.c.stages.iter().find(|r| &r.id == s))
            .map(|r| Link {
                href: stage_href(&r.id),
                name: self.t(&r.data.name),
                note: None,
            })
            .collect()
    }

    /// A link to an agency or program by id, if it exists, with its contact (narrowed to
    /// `ward` where the agency serves wards one by one).
    fn link_to(
        &self,
        id: &str,
        ward: Option<&str>,
    ) -> Option<(Link, Option<TermView>, ContactView)> {
        if let Some(a) = self.agencies.get(id) {
            let l = Link {
                href: agency_href(id),
                name: self.name(&a.data.name),
                note: None,
            };
            let d = &a.data;
            let contact = self.contact(&d.contact, &d.locations, &d.service_areas, ward);
            return Some((l, self.tier(&d.tier), contact));
        }
        self.programs.get(id).map(|p| {
            let l = Link {
                href: program_href(id),
                name: self.name(&p.data.name),
                note: None,
            };
            let tier = p.data.tier.as_deref().and_then(|t| self.tier(t));
            (
                l,
                tier,
                self.contact(&p.data.contact, &[], &p.data.service_areas, ward),
            )
        })
    }

    /// `full: false` gives the cheap summary lists need (no Markdown, no reverse links).
    fn agency_view(&self, r: &Record<Agency>, full: bool) -> RecordView {
        let a = &r.data;
        RecordView {
            id: r.id.clone(),
            href: agency_href(&r.id),
            name: self.name(&a.name),
            kana: a.kana.clone(),
            kind: Some(self.t(&a.kind)),
            tier: self.tier(&a.tier),
            areas: self.areas(&a.service_areas),
            audiences: self.audiences(&a.audiences),
            stages: self.stage_links(&a.stages),
            description: self.markdown_if(full, &a.description),
            application_process: Some(self.t(&a.application_process)),
            schedule: None,
            fees: Text::opt(a.fees.as_ref(), self.chain),
            eligibility: Text::opt(a.eligibility.as_ref(), self.chain),
            contact: self.contact(&a.contact, &a.locations, &a.service_areas, None),
            operated_by: Text::opt(a.operated_by.as_ref(), self.chain),
            operator: None,
            programs: if full {
                self.programs_of(&r.id, &a.programs)
            } else {
                vec![]
            },
            networks: (if full {
                self.networks_by_member.get(r.id.as_str())
            } else {
                None
            })
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.c.networks[i])
            .map(|n| Link {
                href: network_href(&n.id),
                name: self.name(&n.data.name),
                // The membership itself is what the network's `unconfirmed: [members]`
                // doubts, so the agency's side says so too.
                note: Marks::of(&n.data.unconfirmed)
                    .members
                    .then(|| Text::plain(self.ui.get(self.lang, "to_be_confirmed"))),
            })
            .collect(),
            members: vec![],
            activities: vec![],
            source: a.source.clone(),
            verified_on: a.verified_on.clone(),
            provenance: self.source_view(&a.source),
            stale: self.is_stale(&a.verified_on),
            unconfirmed: Marks::of(&a.unconfirmed),
            general: Marks::of(&a.general_information),
        }
    }

    /// Programs an agency lists, plus those naming it as operator.
    fn programs_of(&self, agency: &str, listed: &[String]) -> Vec<Link> {
        let mut ids: Vec<&str> = listed.iter().map(String::as_str).collect();
        let operated = self.programs_by_operator.get(agency);
        for p in operated.map(Vec::as_slice).unwrap_or_default() {
            if !ids.contains(p) {
                ids.push(p);
            }
        }
        ids.iter()
            .filter_map(|id| self.programs.get(id))
            .map(|p| Link {
                href: program_href(&p.id),
                name: self.name(&p.data.name),
                note: None,
            })
            .collect()
    }

    fn program_view(&self, r: &Record<Program>, full: bool) -> RecordView {
        let p = &r.data;
        RecordView {
            id: r.id.clone(),
            href: program_href(&r.id),
            name: self.name(&p.name),
            kana: p.kana.clone(),
            kind: Some(self.t(&p.kind)),
            tier: p.tier.as_deref().and_then(|t| self.tier(t)),
            areas: self.areas(&p.service_areas),
            audiences: self.audiences(&p.audiences),
            stages: self.stage_links(&p.stages),
            description: self.markdown_if(full, &p.description),
            application_process: Some(self.t(&p.application_process)),
            schedule: Text::opt(p.schedule.as_ref(), self.chain),
            fees: Text::opt(p.fees.as_ref(), self.chain),
            eligibility: None,
            contact: self.contact(&p.contact, &[], &p.service_areas, None),
            operated_by: None,
            operator: self.link_to(&p.operator, None).map(|l| l.0),
            programs: vec![],
            networks: vec![],
            members: vec![],
            activities: vec![],
            source: p.source.clone(),
            verified_on: p.verified_on.clone(),
            provenance: self.source_view(&p.source),
            stale: self.is_stale(&p.verified_on),
            unconfirmed: Marks::of(&p.unconfirmed),
            general: Marks::of(&p.general_information),
        }
    }

    fn network_view(&self, r: &Record<crate::model::Network>) -> RecordView {
        let n = &r.data;
        RecordView {
            id: r.id.clone(),
            href: network_href(&r.id),
            name: self.name(&n.name),
            kana: n.kana.clone(),
            kind: None,
            tier: None,
            areas: self.areas(std::slice::from_ref(&n.ward)),
            audiences: vec![],
            stages: vec![],
            description: Text::markdown(&n.description, self.chain),
            application_process: None,
            schedule: None,
            fees: None,
            eligibility: None,
            contact: self.contact(&Contact::default(), &[], &[], None),
            operated_by: None,
            operator: None,
            programs: vec![],
            networks: vec![],
            members: n
                .members
                .iter()
                .filter_map(|m| self.link_to(m, None))
                .map(|l| l.0)
                .collect(),
            activities: n.activities.iter().map(|a| self.t(a)).collect(),
            source: n.source.clone(),
            verified_on: n.verified_on.clone(),
            provenance: self.source_view(&n.source),
            stale: self.is_stale(&n.verified_on),
            unconfirmed: Marks::of(&n.unconfirmed),
            general: Marks::of(&n.general_information),
        }
    }

    fn steps(&self, steps: &[crate::model::StageStep], ward: Option<&str>) -> Vec<StepView> {
        steps
            .iter()
            .filter_map(|s| {
                let (link, tier, contact) = self.link_to(&s.target, ward)?;
                Some(StepView {
                    citywide: self.serves_citywide(&s.target),
                    href: link.href,
                    name: link.name,
                    tier,
                    why: self.t(&s.why),
                    how: Text::opt(s.how.as_ref(), self.chain),
                    contact,
                })
            })
            .collect()
    }

    fn areas_of(&self, id: &str) -> &[String] {
        match (self.agencies.get(id), self.programs.get(id)) {
            (Some(a), _) => &a.data.service_areas,
            (None, Some(p)) => &p.data.service_areas,
            _ => &[],
        }
    }

    /// A program without `service_areas` counts as citywide.
    fn serves_citywide(&self, id: &str) -> bool {
        let areas = self.areas_of(id);
        areas.is_empty() || areas.iter().any(|a| a == CITYWIDE)
    }

    fn is_stale(&self, verified_on: &str) -> bool {
        let site = &self.c.site.data;
        let issued = site
            .issued
            .as_deref()
            .and_then(|m| parse_date(&format!("{m}-01")));
        let months = site
            .stale_after_months
            .unwrap_or(crate::freshness::DEFAULT_STALE_AFTER_MONTHS);
        match (parse_date(verified_on), issued) {
            (Some(v), Some(now)) => crate::freshness::is_stale(v, months, now),
            _ => false,
        }
    }

    fn stage_views(&self) -> Vec<StageView> {
        self.c
            .site
            .data
            .stages
            .iter()
            .filter_map(|id| self.c.stages.iter().find(|r| &r.id == id))
            .map(|r| self.stage_view(r, None))
            .collect()
    }

    /// A stage's ladder, keeping with `ward` only the steps whose record serves that ward
    /// (or the whole city; a program without `service_areas` counts as citywide).
    fn stage_view(&self, r: &Record<crate::model::Stage>, ward: Option<&str>) -> StageView {
        let s = &r.data;
        let serves = |step: &&crate::model::StageStep| match ward {
            None => true,
            Some(w) => {
                self.serves_citywide(&step.target)
                    || self.areas_of(&step.target).iter().any(|a| a == w)
            }
        };
        let steps = |v: &[crate::model::StageStep]| {
            self.steps(&v.iter().filter(serves).cloned().collect::<Vec<_>>(), ward)
        };
        StageView {
            id: r.id.clone(),
            href: stage_href(&r.id),
            name: self.t(&s.name),
            age: self.t(&s.age),
            summary: self.t(&s.summary),
            first_windows: steps(&s.first_windows),
            next_steps: steps(&s.next_steps),
            while_waiting: steps(&s.while_waiting),
            what_to_say: Text::opt(s.what_to_say.as_ref(), self.chain).map(|mut t| {
                // Its line breaks are printed (`white-space: pre-line`); a trailing one
                // would print as an empty line.
                t.text.truncate(t.text.trim_end().len());
                t
            }),
            what_to_say_original: s
                .what_to_say
                .as_ref()
                .filter(|w| self.lang != self.first && w.has(self.lang))
                .and_then(|w| w.exact(self.first))
                .map(|w| Original {
                    lang: self.first,
                    text: w.trim_end().to_string(),
                }),
            handout: s.handout,
            source: s.source.clone(),
            verified_on: s.verified_on.clone(),
            provenance: self.source_view(&s.source),
        }
    }

    fn spec(
        &self,
        rel: String,
        template: &'static str,
        title: &Text,
        data: serde_json::Value,
    ) -> PageSpec {
        PageSpec {
            rel,
            template,
            title: title.text.clone(),
            data: data.into(),
            lazy: Lazy::None,
        }
    }

    /// A page whose `lists` are built when it is rendered, split into pages of
    /// [`PAGE_SIZE`] when they are long; every page gets `pager` besides `data`.
    fn paged_specs(
        &self,
        rel: &str,
        template: &'static str,
        title: &Text,
        data: serde_json::Value,
        lists: Vec<LazyList>,
    ) -> Vec<PageSpec> {
        lists::paginate(rel, &lists)
            .into_iter()
            .map(|(rel, pager, lists)| {
                let mut data = data.clone();
                data["pager"] = serde_json::to_value(&pager).expect("a pager serializes");
                PageSpec {
                    rel,
                    template,
                    title: lists::paged_title(title, &pager),
                    data: data.into(),
                    lazy: Lazy::Lists(lists),
                }
            })
            .collect()
    }

    fn lazy_spec(&self, rel: String, title: &Text, lazy: LazyRecord) -> PageSpec {
        PageSpec {
            rel,
            template: "record.html",
            title: title.text.clone(),
            data: serde_json::Value::Null.into(),
            lazy: Lazy::Record(lazy),
        }
    }

    fn markdown_if(&self, full: bool, text: &Localized) -> Text {
        if full {
            Text::markdown(text, self.chain)
        } else {
            Text::plain("")
        }
    }

    fn pages(&self) -> Vec<PageSpec> {
        let site = &self.c.site.data;
        let c = self.c;
        let mut out = Vec::new();
        let stages = self.stage_views();
        let audiences: Vec<TermView> = site
            .audiences
            .iter()
            .filter_map(|a| self.term(&site.audiences, &a.id, "audiences"))
            .collect();
        let wards: Vec<TermView> = site
            .wards
            .iter()
            .filter_map(|w| self.term(&site.wards, &w.id, "wards"))
            .collect();
        let agency_refs = || (0..c.agencies.len() as u32).map(ItemRef::Agency);
        let program_refs = || (0..c.programs.len() as u32).map(ItemRef::Program);

        let title = self.t(&site.title);
        out.push(self.spec(
            "index.html".into(),
            "home.html",
            &title,
            serde_json::json!({ "stages": stages, "audiences": audiences, "wards": wards, "is_home": true }),
        ));
        for s in &stages {
            out.push(self.spec(
                s.href.clone(),
                "stage.html",
                &s.name,
                serde_json::json!({ "stage": s, "wards": ward_links(&s.id, &wards), "handout_href": s.handout.then(|| routes::handout(&s.id)) }),
            ));
        }
        out.extend(self.stage_ward_pages(&wards));
        out.extend(crate::handout::pages(
            self.prefix,
            &stages,
            site.base_url.as_deref(),
            &self.label("handout"),
        ));
        out.push(self.spec(
            "stages/index.html".into(),
            "stages.html",
            &self.label("stages"),
            serde_json::json!({ "stages": stages }),
        ));
        for (i, r) in c.agencies.iter().enumerate() {
            out.push(self.lazy_spec(
                agency_href(&r.id),
                &self.t(&r.data.name),
                LazyRecord::Agency(i),
            ));
        }
        for (i, r) in c.programs.iter().enumerate() {
            out.push(self.lazy_spec(
                program_href(&r.id),
                &self.t(&r.data.name),
                LazyRecord::Program(i),
            ));
        }
        for (i, r) in c.networks.iter().enumerate() {
            out.push(self.lazy_spec(
                network_href(&r.id),
                &self.t(&r.data.name),
                LazyRecord::Network(i),
            ));
        }
        // Lists of records go by reading (kana), the order a Japanese index uses.
        let by_kana = |mut items: Vec<ItemRef>| {
            self.kana_order.sort(&mut items);
            items
        };
        let list_page = |rel: &str, label: &str, items: Vec<ItemRef>| {
            self.paged_specs(
                rel,
                "list.html",
                &self.label(label),
                serde_json::json!({}),
                vec![LazyList::new("items", Style::Link, by_kana(items))],
            )
        };
        out.extend(list_page(
            "agencies/index.html",
            "agencies",
            agency_refs().collect(),
        ));
        out.extend(list_page(
            "programs/index.html",
            "programs",
            program_refs().collect(),
        ));
        out.extend(list_page(
            "networks/index.html",
            "networks",
            (0..c.networks.len() as u32).map(ItemRef::Network).collect(),
        ));

        out.extend(self.tier_pages());

        let in_audience = |term: &TermView| {
            let has = |ids: &[String]| ids.iter().any(|x| x == &term.id);
            let mut items: Vec<ItemRef> = agency_refs()
                .zip(&c.agencies)
                .filter(|(_, r)| has(&r.data.audiences))
                .map(|x| x.0)
                .collect();
            items.extend(
                program_refs()
                    .zip(&c.programs)
                    .filter(|(_, r)| has(&r.data.audiences))
                    .map(|x| x.0),
            );
            by_kana(items)
        };
        let by_audience: Vec<(&TermView, Vec<ItemRef>)> = audiences
            .iter()
            .map(|term| (term, in_audience(term)))
            .collect();
        for (term, items) in &by_audience {
            out.extend(self.paged_specs(
                &term.href,
                "group.html",
                &term.name,
                serde_json::json!({ "term": term, "parent": { "href": "audiences/index.html", "name": self.label("audiences") } }),
                vec![LazyList::new("items", Style::Link, items.clone())],
            ));
        }
        out.extend(self.staff_pages(&by_audience));
        out.push(self.spec(
            "audiences/index.html".into(),
            "groups.html",
            &self.label("audiences"),
            // Only the headings: each audience's own page lists its records.
            serde_json::json!({ "groups": audiences.iter().map(|term| serde_json::json!({ "term": term })).collect::<Vec<_>>() }),
        ));

        for w in &wards {
            let network: Vec<Link> = c
                .networks
                .iter()
                .enumerate()
                .filter(|(_, r)| r.data.ward == w.id)
                .map(|(i, _)| self.item_link(ItemRef::Network(i as u32)))
                .collect();
            let serves = |areas: &[String]| areas.iter().any(|a| a == &w.id || a == CITYWIDE);
            let local: Vec<ItemRef> = by_kana(
                agency_refs()
                    .zip(&c.agencies)
                    .filter(|(_, r)| r.data.service_areas.contains(&w.id))
                    .map(|x| x.0)
                    .collect(),
            );
            let citywide: Vec<ItemRef> = by_kana(
                agency_refs()
                    .zip(&c.agencies)
                    .filter(|(_, r)| {
                        !r.data.service_areas.contains(&w.id) && serves(&r.data.service_areas)
                    })
                    .map(|x| x.0)
                    .collect(),
            );
            out.extend(self.paged_specs(
                &w.href,
                "ward.html",
                &w.name,
                serde_json::json!({ "ward": w, "networks": network, "offices": self.ward_offices(&w.id) }),
                vec![
                    LazyList::new("local", Style::Link, local),
                    LazyList::new("citywide", Style::Link, citywide),
                ],
            ));
        }
        out.push(self.spec(
            "wards/index.html".into(),
            "wards.html",
            &self.label("wards"),
            serde_json::json!({ "wards": wards }),
        ));

        // Each page in the first language of the chain that has it.
        let best = |id: &str| {
            self.chain
                .iter()
                .find(|l| self.c.pages.iter().any(|q| q.id == id && q.lang == **l))
                .copied()
        };
        for page in self.c.pages.iter().filter(|p| best(&p.id) == Some(p.lang)) {
            let fallback = (page.lang != self.lang).then_some(page.lang);
            let title = Text {
                text: page.title.clone(),
                fallback,
                original: None,
            };
            let body = Text {
                text: markdown::to_html(&page.markdown),
                fallback,
                original: None,
            };
            out.push(self.spec(
                routes::page(&page.id),
                "page.html",
                &title,
                serde_json::json!({ "page_title": title, "body": body }),
            ));
        }
        out.push(self.spec(
            "search/index.html".into(),
            "search.html",
            &self.label("search"),
            serde_json::json!({ "stages": stages, "wards": wards }),
        ));
        out.push(self.spec(
            "404.html".into(),
            "404.html",
            &self.label("not_found"),
            serde_json::json!({}),
        ));
        // Records by `verified_on`, newest first: pages for people, an Atom feed of the
        // latest for feed readers.
        let updates = self.updates_newest_first();
        let site_url = site
            .base_url
            .as_deref()
            .map(|b| format!("{}/", b.trim_end_matches('/')));
        let feed: Vec<ItemRef> = updates.iter().take(FEED_ENTRIES).copied().collect();
        out.extend(self.paged_specs(
            "updates/index.html",
            "updates.html",
            &self.label("updates"),
            serde_json::json!({}),
            vec![LazyList::new("updates", Style::Update, updates)],
        ));
        out.push(PageSpec {
            rel: "feed.xml".into(),
            template: "feed.xml",
            title: title.text.clone(),
            data: serde_json::json!({ "site_url": site_url }).into(),
            lazy: Lazy::Lists(vec![LazyList::new("updates", Style::Update, feed)]),
        });
        out
    }

    /// Every record, most recently verified first, then by id and kind, so the order never
    /// depends on file-system order or build time.
    fn updates_newest_first(&self) -> Vec<ItemRef> {
        let c = self.c;
        let n = |len: usize| 0..len as u32;
        let mut all: Vec<ItemRef> = n(c.agencies.len())
            .map(ItemRef::Agency)
            .chain(n(c.programs.len()).map(ItemRef::Program))
            .chain(n(c.networks.len()).map(ItemRef::Network))
            .chain(n(c.stages.len()).map(ItemRef::Stage))
            .collect();
        all.sort_by(|a, b| {
            let (a, b) = (a.resolve(c), b.resolve(c));
            (b.verified_on, a.id, a.kind).cmp(&(a.verified_on, b.id, b.kind))
        });
        all
    }

    /// The tier overview (every tier with its first records) and, for a tier with more
    /// than the overview shows, its own paged list.
    fn tier_pages(&self) -> Vec<PageSpec> {
        let c = self.c;
        let mut out = Vec::new();
        let mut groups = Vec::new();
        let mut previews = Vec::new();
        for (g, term) in c
            .site
            .data
            .tiers
            .iter()
            .filter_map(|t| self.tier(&t.id))
            .enumerate()
        {
            let mut items: Vec<ItemRef> = c
                .agencies
                .iter()
                .enumerate()
                .filter(|(_, r)| r.data.tier == term.id)
                .map(|(i, _)| ItemRef::Agency(i as u32))
                .collect();
            items.extend(
                c.programs
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.data.tier.as_deref() == Some(term.id.as_str()))
                    .map(|(i, _)| ItemRef::Program(i as u32)),
            );
            self.kana_order.sort(&mut items);
            let all_href = routes::entry("tiers", &term.id);
            let more = items.len() > TIER_PREVIEW;
            groups.push(serde_json::json!({
                "term": term,
                "count": items.len(),
                "all_href": more.then_some(&all_href),
            }));
            previews.push(LazyList {
                slot: lists::Slot::GroupItems(g),
                style: Style::Link,
                items: items[..items.len().min(TIER_PREVIEW)].to_vec(),
            });
            if more {
                out.extend(self.paged_specs(
                    &all_href,
                    "group.html",
                    &term.name,
                    serde_json::json!({ "term": term, "parent": { "href": "tiers/index.html", "name": self.label("tiers") } }),
                    vec![LazyList::new("items", Style::Link, items)],
                ));
            }
        }
        out.push(PageSpec {
            rel: "tiers/index.html".into(),
            template: "tiers.html",
            title: self.label("tiers").text,
            data: serde_json::json!({ "groups": groups }).into(),
            lazy: Lazy::Lists(previews),
        });
        out
    }

    /// The staff entrance, ordered by need: a child worries you, talking with parents,
    /// what the nursery or school can request, then how the network works (`site.yaml`'s
    /// `staff`), and every audience's list.
    fn staff_pages(&self, by_audience: &[(&TermView, Vec<ItemRef>)]) -> Vec<PageSpec> {
        let staff = &self.c.site.data.staff;
        let mut sections: Vec<LazyList> = staff
            .sections()
            .into_iter()
            .map(|(key, ids)| {
                let items = ids.iter().filter_map(|id| self.item_ref(id)).collect();
                LazyList::new(key, Style::Card, items)
            })
            .collect();
        if sections.iter().all(|l| l.items.is_empty()) {
            sections[2].items = self.staff_backup();
        }
        let groups: Vec<serde_json::Value> = by_audience
            .iter()
            .filter(|(term, _)| term.id != "parents")
            .map(|(term, items)| serde_json::json!({ "term": term, "count": items.len() }))
            .collect();
        self.paged_specs(
            "staff/index.html",
            "staff.html",
            &self.label("for_staff"),
            serde_json::json!({ "groups": groups }),
            sections,
        )
    }

    /// The agency or program with this id.
    fn item_ref(&self, id: &str) -> Option<ItemRef> {
        let c = self.c;
        if let Some(i) = c.agencies.iter().position(|r| r.id == id) {
            return Some(ItemRef::Agency(i as u32));
        }
        c.programs
            .iter()
            .position(|r| r.id == id)
            .map(|i| ItemRef::Program(i as u32))
    }

    /// What staff can ask for on a site whose `site.yaml` does not say: the programs meant for
    /// staff (those for staff alone first), then the agencies staff can turn to beyond the
    /// everyday places they work in themselves (the first tier of site.yaml) that do not
    /// already run one of those programs.
    fn staff_backup(&self) -> Vec<ItemRef> {
        let c = self.c;
        let for_staff = |ids: &[String]| ids.iter().any(|a| a != "parents");
        let staff_only = |ids: &[String]| ids.iter().all(|a| a != "parents");
        let programs = || {
            c.programs
                .iter()
                .enumerate()
                .filter(|(_, p)| for_staff(&p.data.audiences))
        };
        let mut backup: Vec<ItemRef> = programs()
            .filter(|(_, p)| staff_only(&p.data.audiences))
            .chain(programs().filter(|(_, p)| !staff_only(&p.data.audiences)))
            .map(|(i, _)| ItemRef::Program(i as u32))
            .collect();
        let operators: std::collections::HashSet<&str> =
            programs().map(|(_, p)| p.data.operator.as_str()).collect();
        let everyday = c.site.data.tiers.first().map(|t| t.id.as_str());
        backup.extend(
            c.agencies
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    for_staff(&a.data.audiences)
                        && Some(a.data.tier.as_str()) != everyday
                        && !operators.contains(a.id.as_str())
                })
                .map(|(i, _)| ItemRef::Agency(i as u32)),
        );
        backup
    }

    /// `stages/<id>/wards/<ward>/`: a stage's ladder narrowed to one ward, with its network.
    /// `stages/<id>/wards/<ward>/`: a stage's ladder narrowed to one ward, led by that
    /// ward's office, with its network; and for checkup stages the ward's handout.
    fn stage_ward_pages(&self, wards: &[TermView]) -> Vec<PageSpec> {
        let mut out = Vec::new();
        let any_hour = self.any_hour_lines();
        let issued = self.c.site.data.issued.clone();
        let base_url = self.c.site.data.base_url.as_deref();
        for r in self
            .c
            .site
            .data
            .stages
            .iter()
            .filter_map(|id| self.c.stages.iter().find(|r| &r.id == id))
        {
            for w in wards {
                let stage = self.stage_view(r, Some(&w.id));
                let offices = self.ward_offices(&w.id);
                let networks: Vec<Link> = self
                    .c
                    .networks
                    .iter()
                    .filter(|n| n.data.ward == w.id)
                    .map(|n| Link {
                        href: network_href(&n.id),
                        name: self.name(&n.data.name),
                        note: None,
                    })
                    .collect();
                let title = Text::plain(&self.ui.fill(
                    self.lang,
                    "stage_ward_title",
                    &[("stage", &stage.name.text), ("ward", &w.name.text)],
                ));
                let rel = routes::stage_ward(&r.id, &w.id);
                let handout = stage.handout.then(|| routes::handout_ward(&r.id, &w.id));
                out.push(self.spec(rel, "stage_ward.html", &title, serde_json::json!({ "stage": stage, "ward": w, "wards": ward_links(&r.id, wards), "networks": networks, "offices": offices, "handout_href": handout, "mark_citywide": true })));
                if stage.handout {
                    let h = crate::handout::WardHandout {
                        stage: &stage,
                        ward: w,
                        offices: &offices,
                        any_hour: &any_hour,
                        issued: issued.clone(),
                    };
                    out.push(crate::handout::ward_page(
                        self.prefix,
                        h,
                        base_url,
                        &self.label("handout"),
                    ));
                }
            }
        }
        out
    }

    fn label(&self, key: &str) -> Text {
        Text::plain(self.ui.get(self.lang, key))
    }
}
