//! The views record, stage and term pages print: each text chosen in the page's language,
//! each reference resolved to a link.

use super::*;

/// A link to another page of the site, relative to the language root (`base`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    /// Relative to the language root (`base`), from `routes`.
    pub(crate) href: String,
    /// The page's name in the page's language (or its fallback).
    pub(crate) name: Text,
    /// A few words after the link (a step's tier, a program's kind).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<Text>,
}

/// A tier or audience (a term of site.yaml) in the page's language.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermView {
    /// The term's id in site.yaml.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: Text,
    /// Its short form (the name when it has none).
    pub(crate) short: Text,
    /// What it means, when site.yaml says.
    pub(crate) description: Option<Text>,
    /// The page explaining it (tiers and audiences have a section on the system page).
    pub(crate) href: String,
}

/// Fields shared by the record pages (agency, program, network).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RecordView {
    /// The record's id (its file name).
    pub(crate) id: String,
    /// Its page, relative to the language root.
    pub(crate) href: String,
    /// Its name.
    pub(crate) name: Text,
    /// The name's reading in hiragana.
    pub(crate) kana: String,
    /// What kind of window or program it is (none for networks).
    pub(crate) kind: Option<Text>,
    /// Its tier, when it has one.
    pub(crate) tier: Option<TermView>,
    /// The wards it serves (or the word for the whole city).
    pub(crate) areas: Vec<Text>,
    /// Who it is for.
    pub(crate) audiences: Vec<TermView>,
    /// The stages it serves, linked to their pages.
    pub(crate) stages: Vec<Link>,
    /// Sanitized HTML from the Markdown description.
    pub(crate) description: Text,
    /// How to start, as sanitized HTML.
    pub(crate) application_process: Option<Text>,
    /// When a program runs.
    pub(crate) schedule: Option<Text>,
    /// What it costs.
    pub(crate) fees: Option<Text>,
    /// Who may use it.
    pub(crate) eligibility: Option<Text>,
    /// Web address, email and the sourced locations.
    pub(crate) contact: ContactView,
    /// Who runs an agency, in words.
    pub(crate) operated_by: Option<Text>,
    /// A program's operating agency.
    pub(crate) operator: Option<Link>,
    /// An agency's programs (its own list and programs naming it as operator).
    pub(crate) programs: Vec<Link>,
    /// The networks an agency is a member of.
    pub(crate) networks: Vec<Link>,
    /// A network's member agencies.
    pub(crate) members: Vec<Link>,
    /// A network's activities.
    pub(crate) activities: Vec<Text>,
    /// The source id, as written.
    pub(crate) source: String,
    /// When staff last checked the record, `YYYY-MM-DD`.
    pub(crate) verified_on: String,
    /// The record's source as printed, with the source's own date.
    pub(crate) provenance: SourceView,
    /// Verified longer ago than `stale_after_months` before the edition's `issued` month.
    pub(crate) stale: bool,
    /// Statements the source does not support, marked 要確認 on the page.
    pub(crate) unconfirmed: Marks,
    /// Statements of general national rules, labelled as general information.
    pub(crate) general: Marks,
}

/// A stage page's view: what to do at this stage of a child's life, step by step.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StageView {
    /// The stage's id (its file name).
    pub(crate) id: String,
    /// Its page, relative to the language root.
    pub(crate) href: String,
    /// Its name.
    pub(crate) name: Text,
    /// The age range, in words.
    pub(crate) age: Text,
    /// What happens at this stage.
    pub(crate) summary: Text,
    /// Windows to use first.
    pub(crate) first_windows: Vec<StepView>,
    /// Where they usually lead.
    pub(crate) next_steps: Vec<StepView>,
    /// What helps while waiting.
    pub(crate) while_waiting: Vec<StepView>,
    /// What to say when calling.
    pub(crate) what_to_say: Option<Text>,
    /// On a page in another language, the phone script in the first language, to show
    /// or read at the counter.
    pub(crate) what_to_say_original: Option<Original>,
    /// The stage has a printed handout.
    pub(crate) handout: bool,
    /// The source id, as written.
    pub(crate) source: String,
    /// When staff last checked the stage, `YYYY-MM-DD`.
    pub(crate) verified_on: String,
    /// The stage's source as printed, with the source's own date.
    pub(crate) provenance: SourceView,
}

/// One step of a stage page: a window or program to go to, and why.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StepView {
    /// The window's or program's page, relative to the language root.
    pub(crate) href: String,
    /// Its name.
    pub(crate) name: Text,
    /// Its tier, when it has one.
    pub(crate) tier: Option<TermView>,
    /// Why it is the place to go at this stage.
    pub(crate) why: Text,
    /// How to get there.
    pub(crate) how: Option<Text>,
    /// How to reach it (its sourced locations and web address).
    pub(crate) contact: ContactView,
    /// The window serves the whole city (not one ward at a time).
    pub(crate) citywide: bool,
}

impl Builder<'_> {
    pub(super) fn term(&self, terms: &[Term], id: &str, section: &str) -> Option<TermView> {
        terms.iter().find(|t| t.id == id).map(|t| TermView {
            id: t.id.clone(),
            name: self.t(&t.name),
            short: self.t(t.short.as_ref().unwrap_or(&t.name)),
            description: Text::opt(t.description.as_ref(), self.chain),
            href: routes::entry(section, &t.id),
        })
    }

    pub(super) fn tier(&self, id: &str) -> Option<TermView> {
        self.term(&self.c.site.data.tiers, id, "tiers")
            .map(|mut t| {
                t.href = routes::tier_anchor(&t.id);
                t
            })
    }

    pub(super) fn areas(&self, ids: &[String]) -> Vec<Text> {
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

    pub(super) fn audiences(&self, ids: &[String]) -> Vec<TermView> {
        ids.iter()
            .filter_map(|a| self.term(&self.c.site.data.audiences, a, "audiences"))
            .collect()
    }

    pub(super) fn stage_links(&self, ids: &[String]) -> Vec<Link> {
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
    pub(super) fn link_to(
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
    pub(super) fn agency_view(&self, r: &Record<Agency>, full: bool) -> RecordView {
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
    pub(super) fn programs_of(&self, agency: &str, listed: &[String]) -> Vec<Link> {
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

    pub(super) fn program_view(&self, r: &Record<Program>, full: bool) -> RecordView {
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

    pub(super) fn network_view(&self, r: &Record<crate::model::Network>) -> RecordView {
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

    pub(super) fn steps(
        &self,
        steps: &[crate::model::StageStep],
        ward: Option<&str>,
    ) -> Vec<StepView> {
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

    pub(super) fn areas_of(&self, id: &str) -> &[String] {
        match (self.agencies.get(id), self.programs.get(id)) {
            (Some(a), _) => &a.data.service_areas,
            (None, Some(p)) => &p.data.service_areas,
            _ => &[],
        }
    }

    /// A program without `service_areas` counts as citywide.
    pub(super) fn serves_citywide(&self, id: &str) -> bool {
        let areas = self.areas_of(id);
        areas.is_empty() || areas.iter().any(|a| a == CITYWIDE)
    }

    pub(super) fn is_stale(&self, verified_on: &str) -> bool {
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

    pub(super) fn stage_views(&self) -> Vec<StageView> {
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
    pub(super) fn stage_view(
        &self,
        r: &Record<crate::model::Stage>,
        ward: Option<&str>,
    ) -> StageView {
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
}
