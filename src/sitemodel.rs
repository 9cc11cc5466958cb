//! Stage 3: resolve references and build, per language, the list of pages to render with
//! every text already chosen in that language (and flagged when it fell back to Japanese).
//! Templates then only print; they never look anything up.

use crate::load::{Content, Record};
use crate::markdown;
use crate::model::{Agency, Contact, Lang, Localized, Program, Term};
use crate::validate::CITYWIDE;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Text in the page's language; `fallback` marks Japanese shown on an English page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub fallback: bool,
}

impl Text {
    pub fn of(l: &Localized, lang: Lang) -> Text {
        let (t, fallback) = l.get(lang);
        Text {
            text: t.to_string(),
            fallback,
        }
    }
    fn opt(l: Option<&Localized>, lang: Lang) -> Option<Text> {
        l.map(|l| Text::of(l, lang))
    }
    /// Markdown rendered to sanitized HTML.
    fn markdown(l: &Localized, lang: Lang) -> Text {
        let (t, fallback) = l.get(lang);
        Text {
            text: markdown::to_html(t),
            fallback,
        }
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

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub address: Option<Text>,
    pub hours: Option<Text>,
    pub is_empty: bool,
}

/// Fields shared by the record pages (agency, program, network).
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub id: String,
    pub href: String,
    pub name: Text,
    pub kana: String,
    pub alternate_name: Vec<String>,
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
    pub handout: bool,
    pub source: String,
    pub verified_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub href: String,
    pub name: Text,
    pub tier: Option<TermView>,
    pub why: Text,
    pub how: Option<Text>,
    pub contact: ContactView,
}

/// A group of links under a heading (a tier, an audience, a ward).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub term: TermView,
    pub items: Vec<Link>,
}

/// One page to render: where it goes (relative to the language root), with which template,
/// and the data the template prints.
#[derive(Debug, Clone)]
pub struct PageSpec {
    pub rel: String,
    pub template: &'static str,
    pub title: String,
    pub data: PageData,
    /// Record pages are built only when rendered (in parallel, then dropped), so memory
    /// stays flat as records grow.
    pub lazy: Option<LazyRecord>,
}

/// A page's data kept as compact JSON text until it is rendered: a `serde_json::Value`
/// tree takes several times the memory, and the list pages of a big site hold every record.
#[derive(Debug, Clone)]
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

#[derive(Debug, Clone, Copy)]
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
    /// The data a page's template prints.
    pub fn data<'s>(&'s self, lang: Lang, page: &'s PageSpec) -> Cow<'s, serde_json::Value> {
        let Some(lazy) = page.lazy else {
            return Cow::Owned(page.data.to_value());
        };
        let b = &self.builders[&lang];
        let (record, kind) = match lazy {
            LazyRecord::Agency(i) => (b.agency_view(&b.c.agencies[i], true), "agency"),
            LazyRecord::Program(i) => (b.program_view(&b.c.programs[i], true), "program"),
            LazyRecord::Network(i) => (b.network_view(&b.c.networks[i]), "network"),
        };
        Cow::Owned(serde_json::json!({ "record": record, "kind": kind }))
    }
}

pub fn build(content: &Content) -> SiteModel<'_> {
    let mut pages = BTreeMap::new();
    let mut builders = BTreeMap::new();
    for lang in Lang::ALL {
        let b = Builder::new(content, lang);
        pages.insert(lang, b.pages());
        builders.insert(lang, b);
    }
    SiteModel { pages, builders }
}

fn agency_href(id: &str) -> String {
    format!("agencies/{id}/index.html")
}
fn program_href(id: &str) -> String {
    format!("programs/{id}/index.html")
}
fn network_href(id: &str) -> String {
    format!("networks/{id}/index.html")
}
fn stage_href(id: &str) -> String {
    format!("stages/{id}/index.html")
}

struct Builder<'a> {
    c: &'a Content,
    lang: Lang,
    agencies: BTreeMap<&'a str, &'a Record<Agency>>,
    programs: BTreeMap<&'a str, &'a Record<Program>>,
    /// Reverse references: program ids by operator, network indexes by member.
    programs_by_operator: BTreeMap<&'a str, Vec<&'a str>>,
    networks_by_member: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> Builder<'a> {
    fn new(c: &'a Content, lang: Lang) -> Self {
        Builder {
            c,
            lang,
            agencies: c.agencies.iter().map(|r| (r.id.as_str(), r)).collect(),
            programs: c.programs.iter().map(|r| (r.id.as_str(), r)).collect(),
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
        Text::of(l, self.lang)
    }

    fn term(&self, terms: &[Term], id: &str, section: &str) -> Option<TermView> {
        terms.iter().find(|t| t.id == id).map(|t| TermView {
            id: t.id.clone(),
            name: self.t(&t.name),
            short: self.t(t.short.as_ref().unwrap_or(&t.name)),
            description: Text::opt(t.description.as_ref(), self.lang),
            href: format!("{section}/{}/index.html", t.id),
        })
    }

    fn tier(&self, id: &str) -> Option<TermView> {
        self.term(&self.c.site.data.tiers, id, "tiers")
            .map(|mut t| {
                t.href = format!("tiers/index.html#tier-{}", t.id);
                t
            })
    }

    fn areas(&self, ids: &[String]) -> Vec<Text> {
        ids.iter()
            .filter_map(|w| {
                if w == CITYWIDE {
                    Some(Text {
                        text: if self.lang == Lang::Ja {
                            "市内全域".into()
                        } else {
                            "Citywide".into()
                        },
                        fallback: false,
                    })
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

    fn contact(&self, c: &Contact) -> ContactView {
        ContactView {
            phone: c.phone.clone(),
            email: c.email.clone(),
            url: c.url.clone(),
            address: Text::opt(c.address.as_ref(), self.lang),
            hours: Text::opt(c.hours.as_ref(), self.lang),
            is_empty: c.is_empty(),
        }
    }

    /// A link to an agency or program by id, if it exists.
    fn link_to(&self, id: &str) -> Option<(Link, Option<TermView>, ContactView)> {
        if let Some(a) = self.agencies.get(id) {
            let l = Link {
                href: agency_href(id),
                name: self.t(&a.data.name),
                note: None,
            };
            return Some((l, self.tier(&a.data.tier), self.contact(&a.data.contact)));
        }
        self.programs.get(id).map(|p| {
            let l = Link {
                href: program_href(id),
                name: self.t(&p.data.name),
                note: None,
            };
            let tier = p.data.tier.as_deref().and_then(|t| self.tier(t));
            (l, tier, self.contact(&p.data.contact))
        })
    }

    /// `full: false` gives the cheap summary lists need (no Markdown, no reverse links).
    fn agency_view(&self, r: &Record<Agency>, full: bool) -> RecordView {
        let a = &r.data;
        RecordView {
            id: r.id.clone(),
            href: agency_href(&r.id),
            name: self.t(&a.name),
            kana: a.kana.clone(),
            alternate_name: a.alternate_name.clone(),
            kind: Some(self.t(&a.kind)),
            tier: self.tier(&a.tier),
            areas: self.areas(&a.service_areas),
            audiences: self.audiences(&a.audiences),
            stages: self.stage_links(&a.stages),
            description: self.markdown_if(full, &a.description),
            application_process: Some(self.t(&a.application_process)),
            schedule: None,
            fees: Text::opt(a.fees.as_ref(), self.lang),
            eligibility: Text::opt(a.eligibility.as_ref(), self.lang),
            contact: self.contact(&a.contact),
            operated_by: Text::opt(a.operated_by.as_ref(), self.lang),
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
                name: self.t(&n.data.name),
                note: None,
            })
            .collect(),
            members: vec![],
            activities: vec![],
            source: a.source.clone(),
            verified_on: a.verified_on.clone(),
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
                name: self.t(&p.data.name),
                note: None,
            })
            .collect()
    }

    fn program_view(&self, r: &Record<Program>, full: bool) -> RecordView {
        let p = &r.data;
        RecordView {
            id: r.id.clone(),
            href: program_href(&r.id),
            name: self.t(&p.name),
            kana: p.kana.clone(),
            alternate_name: p.alternate_name.clone(),
            kind: Some(self.t(&p.kind)),
            tier: p.tier.as_deref().and_then(|t| self.tier(t)),
            areas: self.areas(&p.service_areas),
            audiences: self.audiences(&p.audiences),
            stages: self.stage_links(&p.stages),
            description: self.markdown_if(full, &p.description),
            application_process: Some(self.t(&p.application_process)),
            schedule: Text::opt(p.schedule.as_ref(), self.lang),
            fees: Text::opt(p.fees.as_ref(), self.lang),
            eligibility: None,
            contact: self.contact(&p.contact),
            operated_by: None,
            operator: self.link_to(&p.operator).map(|l| l.0),
            programs: vec![],
            networks: vec![],
            members: vec![],
            activities: vec![],
            source: p.source.clone(),
            verified_on: p.verified_on.clone(),
        }
    }

    fn network_view(&self, r: &Record<crate::model::Network>) -> RecordView {
        let n = &r.data;
        RecordView {
            id: r.id.clone(),
            href: network_href(&r.id),
            name: self.t(&n.name),
            kana: n.kana.clone(),
            alternate_name: n.alternate_name.clone(),
            kind: None,
            tier: None,
            areas: self.areas(std::slice::from_ref(&n.ward)),
            audiences: vec![],
            stages: vec![],
            description: Text::markdown(&n.description, self.lang),
            application_process: None,
            schedule: None,
            fees: None,
            eligibility: None,
            contact: self.contact(&Contact::default()),
            operated_by: None,
            operator: None,
            programs: vec![],
            networks: vec![],
            members: n
                .members
                .iter()
                .filter_map(|m| self.link_to(m))
                .map(|l| l.0)
                .collect(),
            activities: n.activities.iter().map(|a| self.t(a)).collect(),
            source: n.source.clone(),
            verified_on: n.verified_on.clone(),
        }
    }

    fn steps(&self, steps: &[crate::model::StageStep]) -> Vec<StepView> {
        steps
            .iter()
            .filter_map(|s| {
                let (link, tier, contact) = self.link_to(&s.target)?;
                Some(StepView {
                    href: link.href,
                    name: link.name,
                    tier,
                    why: self.t(&s.why),
                    how: Text::opt(s.how.as_ref(), self.lang),
                    contact,
                })
            })
            .collect()
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
        let serves = |step: &&crate::model::StageStep| {
            let Some(w) = ward else { return true };
            let areas = match (
                self.agencies.get(step.target.as_str()),
                self.programs.get(step.target.as_str()),
            ) {
                (Some(a), _) => &a.data.service_areas,
                (None, Some(p)) if !p.data.service_areas.is_empty() => &p.data.service_areas,
                _ => return true,
            };
            areas.iter().any(|a| a == w || a == CITYWIDE)
        };
        let steps = |v: &[crate::model::StageStep]| {
            self.steps(&v.iter().filter(serves).cloned().collect::<Vec<_>>())
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
            what_to_say: Text::opt(s.what_to_say.as_ref(), self.lang),
            handout: s.handout,
            source: s.source.clone(),
            verified_on: s.verified_on.clone(),
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
            lazy: None,
        }
    }

    fn lazy_spec(&self, rel: String, title: &Text, lazy: LazyRecord) -> PageSpec {
        PageSpec {
            rel,
            template: "record.html",
            title: title.text.clone(),
            data: serde_json::Value::Null.into(),
            lazy: Some(lazy),
        }
    }

    fn markdown_if(&self, full: bool, text: &Localized) -> Text {
        if full {
            Text::markdown(text, self.lang)
        } else {
            Text {
                text: String::new(),
                fallback: false,
            }
        }
    }

    fn pages(&self) -> Vec<PageSpec> {
        let site = &self.c.site.data;
        let mut out = Vec::new();
        let stages = self.stage_views();
        let agencies: Vec<RecordView> = self
            .c
            .agencies
            .iter()
            .map(|r| self.agency_view(r, false))
            .collect();
        let programs: Vec<RecordView> = self
            .c
            .programs
            .iter()
            .map(|r| self.program_view(r, false))
            .collect();
        let networks: Vec<RecordView> = self
            .c
            .networks
            .iter()
            .map(|r| self.network_view(r))
            .collect();
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
        let link = |r: &RecordView| Link {
            href: r.href.clone(),
            name: r.name.clone(),
            note: r.kind.clone(),
        };

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
                serde_json::json!({ "stage": s, "wards": wards }),
            ));
        }
        out.extend(self.stage_ward_pages(&wards));
        out.extend(crate::handout::pages(
            self.lang,
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
        for (i, a) in agencies.iter().enumerate() {
            out.push(self.lazy_spec(a.href.clone(), &a.name, LazyRecord::Agency(i)));
        }
        for (i, p) in programs.iter().enumerate() {
            out.push(self.lazy_spec(p.href.clone(), &p.name, LazyRecord::Program(i)));
        }
        for (i, n) in networks.iter().enumerate() {
            out.push(self.lazy_spec(n.href.clone(), &n.name, LazyRecord::Network(i)));
        }
        let sorted = |v: &[RecordView]| {
            let mut links: Vec<(String, Link)> =
                v.iter().map(|r| (r.kana.clone(), link(r))).collect();
            links.sort_by(|a, b| a.0.cmp(&b.0));
            links.into_iter().map(|x| x.1).collect::<Vec<_>>()
        };
        out.push(self.spec(
            "agencies/index.html".into(),
            "list.html",
            &self.label("agencies"),
            serde_json::json!({ "items": sorted(&agencies) }),
        ));
        out.push(self.spec(
            "programs/index.html".into(),
            "list.html",
            &self.label("programs"),
            serde_json::json!({ "items": sorted(&programs) }),
        ));
        out.push(self.spec(
            "networks/index.html".into(),
            "list.html",
            &self.label("networks"),
            serde_json::json!({ "items": networks.iter().map(link).collect::<Vec<_>>() }),
        ));

        // The tier overview: every agency under its tier, programs under theirs.
        let tiers: Vec<Group> = site
            .tiers
            .iter()
            .filter_map(|t| self.tier(&t.id))
            .map(|term| {
                let mut items: Vec<Link> = agencies
                    .iter()
                    .filter(|a| a.tier.as_ref().is_some_and(|x| x.id == term.id))
                    .map(link)
                    .collect();
                items.extend(
                    programs
                        .iter()
                        .filter(|p| p.tier.as_ref().is_some_and(|x| x.id == term.id))
                        .map(link),
                );
                Group { term, items }
            })
            .collect();
        out.push(self.spec(
            "tiers/index.html".into(),
            "tiers.html",
            &self.label("tiers"),
            serde_json::json!({ "groups": tiers }),
        ));

        let by_audience: Vec<Group> = audiences
            .iter()
            .map(|term| {
                let mut items: Vec<Link> = agencies
                    .iter()
                    .filter(|a| a.audiences.iter().any(|x| x.id == term.id))
                    .map(link)
                    .collect();
                items.extend(
                    programs
                        .iter()
                        .filter(|p| p.audiences.iter().any(|x| x.id == term.id))
                        .map(link),
                );
                Group {
                    term: term.clone(),
                    items,
                }
            })
            .collect();
        for g in &by_audience {
            out.push(self.spec(
                g.term.href.clone(),
                "group.html",
                &g.term.name,
                serde_json::json!({ "group": g }),
            ));
        }
        // The staff entrance: backup for nurseries, kindergartens and schools.
        let staff: Vec<&Group> = by_audience
            .iter()
            .filter(|g| g.term.id != "parents")
            .collect();
        let (backup, contacts) = self.staff_backup(&agencies, &programs);
        out.push(self.spec(
            "staff/index.html".into(),
            "staff.html",
            &self.label("for_staff"),
            serde_json::json!({
                "groups": staff.iter().map(|g| serde_json::json!({ "term": g.term, "count": g.items.len() })).collect::<Vec<_>>(),
                "backup": backup,
                "contacts": contacts
            }),
        ));
        out.push(self.spec(
            "audiences/index.html".into(),
            "groups.html",
            &self.label("audiences"),
            // Only the headings: each audience's own page lists its records.
            serde_json::json!({ "groups": by_audience.iter().map(|g| serde_json::json!({ "term": g.term })).collect::<Vec<_>>() }),
        ));

        for w in &wards {
            let network = networks
                .iter()
                .filter(|n| {
                    self.c
                        .networks
                        .iter()
                        .any(|r| r.id == n.id && r.data.ward == w.id)
                })
                .map(link)
                .collect::<Vec<_>>();
            let serves = |areas: &[String]| areas.iter().any(|a| a == &w.id || a == CITYWIDE);
            let local: Vec<Link> = self
                .c
                .agencies
                .iter()
                .zip(&agencies)
                .filter(|(r, _)| r.data.service_areas.contains(&w.id))
                .map(|(_, a)| link(a))
                .collect();
            let citywide: Vec<Link> = self
                .c
                .agencies
                .iter()
                .zip(&agencies)
                .filter(|(r, _)| {
                    !r.data.service_areas.contains(&w.id) && serves(&r.data.service_areas)
                })
                .map(|(_, a)| link(a))
                .collect();
            out.push(self.spec(
                w.href.clone(),
                "ward.html",
                &w.name,
                serde_json::json!({ "ward": w, "networks": network, "local": local, "citywide": citywide }),
            ));
        }
        out.push(self.spec(
            "wards/index.html".into(),
            "wards.html",
            &self.label("wards"),
            serde_json::json!({ "wards": wards }),
        ));

        for page in self.c.pages.iter().filter(|p| {
            p.lang == self.lang
                || (self.lang == Lang::En
                    && !self
                        .c
                        .pages
                        .iter()
                        .any(|q| q.id == p.id && q.lang == Lang::En))
        }) {
            let fallback = page.lang != self.lang;
            let title = Text {
                text: page.title.clone(),
                fallback,
            };
            let body = Text {
                text: markdown::to_html(&page.markdown),
                fallback,
            };
            out.push(self.spec(
                format!("pages/{}/index.html", page.id),
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
        // Records by `verified_on`, newest first: a page for people, an Atom feed for readers.
        let updates = crate::freshness::updates(self.c, self.lang);
        out.push(self.spec(
            "updates/index.html".into(),
            "updates.html",
            &self.label("updates"),
            serde_json::json!({ "updates": updates }),
        ));
        let site_url = site
            .base_url
            .as_deref()
            .map(|b| format!("{}/", b.trim_end_matches('/')));
        out.push(self.spec(
            "feed.xml".into(),
            "feed.xml",
            &title,
            serde_json::json!({ "updates": updates, "site_url": site_url }),
        ));
        out
    }

    /// What the staff entrance leads with, derived from audiences: the programs meant for
    /// staff (those for staff alone first), then the agencies staff can turn to beyond the
    /// everyday places they work in themselves (the first tier of site.yaml); and, as whom
    /// to call, the agencies that run those programs.
    fn staff_backup<'v>(
        &self,
        agencies: &'v [RecordView],
        programs: &'v [RecordView],
    ) -> (Vec<&'v RecordView>, Vec<&'v RecordView>) {
        let for_staff = |r: &RecordView| r.audiences.iter().any(|a| a.id != "parents");
        let staff_only = |r: &RecordView| r.audiences.iter().all(|a| a.id != "parents");
        let mut backup: Vec<&RecordView> = programs
            .iter()
            .filter(|p| for_staff(p) && staff_only(p))
            .collect();
        backup.extend(programs.iter().filter(|p| for_staff(p) && !staff_only(p)));
        let operators: Vec<&str> = backup
            .iter()
            .filter_map(|p| self.programs.get(p.id.as_str()))
            .map(|p| p.data.operator.as_str())
            .collect();
        let everyday = self.c.site.data.tiers.first().map(|t| t.id.as_str());
        backup.extend(agencies.iter().filter(|a| {
            for_staff(a)
                && a.tier.as_ref().map(|t| t.id.as_str()) != everyday
                && !operators.contains(&a.id.as_str())
        }));
        let mut contacts: Vec<&RecordView> = Vec::new();
        for id in operators {
            if let Some(a) = agencies
                .iter()
                .find(|a| a.id == id)
                .filter(|a| !contacts.iter().any(|c| c.id == a.id))
            {
                contacts.push(a);
            }
        }
        (backup, contacts)
    }

    /// `stages/<id>/wards/<ward>/`: a stage's ladder narrowed to one ward, with its network.
    fn stage_ward_pages(&self, wards: &[TermView]) -> Vec<PageSpec> {
        let mut out = Vec::new();
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
                let networks: Vec<Link> = self
                    .c
                    .networks
                    .iter()
                    .filter(|n| n.data.ward == w.id)
                    .map(|n| Link {
                        href: network_href(&n.id),
                        name: self.t(&n.data.name),
                        note: None,
                    })
                    .collect();
                let text = if self.lang == Lang::Ja {
                    format!("{}（{}）", stage.name.text, w.name.text)
                } else {
                    format!("{} – {}", stage.name.text, w.name.text)
                };
                let title = Text {
                    text,
                    fallback: false,
                };
                let rel = format!("stages/{}/wards/{}/index.html", r.id, w.id);
                out.push(self.spec(rel, "stage_ward.html", &title, serde_json::json!({ "stage": stage, "ward": w, "wards": wards, "networks": networks })));
            }
        }
        out
    }

    fn label(&self, key: &str) -> Text {
        Text {
            text: crate::strings::get(self.lang, key).to_string(),
            fallback: false,
        }
    }
}
