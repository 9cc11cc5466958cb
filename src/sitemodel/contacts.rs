//! Contacts and provenance as pages print them: locations with `tel:` links, each fact's
//! source with the source's own date ("2023年11月22日更新", "meeting document of …").

use super::{Builder, Text};
use crate::i18n::UiStrings;
use crate::load::Content;
use crate::model::{Contact, Lang, Location, SourceDecl};
use crate::validate::{CITYWIDE, parse_date};
use serde::Serialize;
use std::collections::BTreeMap;

/// How to reach a record, as its page prints it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ContactView {
    /// The record's email address.
    pub(crate) email: Option<String>,
    /// The record's own web page.
    pub(crate) url: Option<String>,
    /// Its sourced locations, each with phones and hours.
    pub(crate) locations: Vec<LocationView>,
    /// No email, web page or location: the page says where to confirm (`confirm_at`).
    pub(crate) is_empty: bool,
}

/// A place where a record can be reached, in the page's language.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LocationView {
    /// What the place is called.
    pub(crate) name: Text,
    /// The ward id it is in.
    pub(crate) ward: Option<String>,
    /// The ward's name.
    pub(crate) ward_name: Option<Text>,
    /// The address as the source prints it.
    pub(crate) address: Option<Text>,
    /// Its phone lines, each with a `tel:` link.
    pub(crate) phones: Vec<PhoneView>,
    /// Opening hours, in words.
    pub(crate) hours: Option<Text>,
    /// Every source the location's facts come from, each once.
    pub(crate) sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PhoneView {
    pub(crate) number: String,
    pub(crate) tel: String,
    pub(crate) kind: Text,
}

/// A location with the page of the agency it belongs to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Place {
    /// The agency's page, relative to the language root.
    pub(crate) href: String,
    /// The location.
    pub(crate) loc: LocationView,
}

/// A source as printed: `出典: <title>（<date>）`, a link when it has an address.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct SourceView {
    /// The source's title in the page's language.
    pub(crate) title: Text,
    /// Where to read it, when it is on the web.
    pub(crate) url: Option<String>,
    /// The source's own date in brackets, e.g. 「（2023年11月22日更新）」; empty when the
    /// source is named in words only.
    pub(crate) date: String,
}

/// Which fields of a record carry a mark (要確認, or "general information"), for the
/// templates to print beside each field.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Marks {
    /// A program's `operator`.
    pub(crate) operator: bool,
    /// An agency's `operated_by`.
    pub(crate) operated_by: bool,
    /// The record's `tier`.
    pub(crate) tier: bool,
    /// An agency's `programs`.
    pub(crate) programs: bool,
    /// The record's `fees`.
    pub(crate) fees: bool,
    /// An agency's `eligibility`.
    pub(crate) eligibility: bool,
    /// The record's `description`.
    pub(crate) description: bool,
    /// The record's `application_process`.
    pub(crate) application_process: bool,
    /// A program's `schedule`.
    pub(crate) schedule: bool,
    /// A network's `members`.
    pub(crate) members: bool,
    /// A network's `activities`.
    pub(crate) activities: bool,
}

impl Marks {
    /// The marks of the fields named in `fields` (a record's `unconfirmed:` or
    /// `general_information:` list); other names mark nothing.
    pub(crate) fn of(fields: &[String]) -> Marks {
        let has = |f: &str| fields.iter().any(|x| x == f);
        Marks {
            operator: has("operator"),
            operated_by: has("operated_by"),
            tier: has("tier"),
            programs: has("programs"),
            fees: has("fees"),
            eligibility: has("eligibility"),
            description: has("description"),
            application_process: has("application_process"),
            schedule: has("schedule"),
            members: has("members"),
            activities: has("activities"),
        }
    }
}

/// The `tel:` address of a number as written in content: Japanese numbers in the global
/// form (`tel:+81-96-328-2451`, which phones dial from anywhere), short national numbers
/// such as 189 as they are.
pub fn tel_href(number: &str) -> String {
    match number.strip_prefix('0') {
        Some(rest) => format!("tel:+81-{rest}"),
        None => format!("tel:{number}"),
    }
}

/// `2023-11-22` in the words of `lang` (「2023年11月22日」, "22 November 2023").
fn long_date(ui: &UiStrings, lang: Lang, date: &str) -> Option<String> {
    let (y, m, d) = parse_date(date)?;
    let months = ui.get(lang, "months");
    let month = months.split_whitespace().nth(m as usize - 1).unwrap_or("");
    let [y, m, d] = [y.to_string(), m.to_string(), d.to_string()];
    let values = [("y", y.as_str()), ("m", &m), ("d", &d), ("month", month)];
    Some(ui.fill(lang, "date_long", &values))
}

impl Builder<'_> {
    /// How a source is dated, in the language's own brackets: by its meeting, or by the
    /// page's own "last updated" line.
    fn source_date(&self, s: &SourceDecl) -> String {
        let words = match long_date(self.ui, self.lang, &s.date) {
            Some(d) if s.kind == "meeting" => {
                self.ui.fill(self.lang, "source_meeting", &[("date", &d)])
            }
            Some(d) => self
                .ui
                .fill(self.lang, "source_page_updated", &[("date", &d)]),
            None => self.ui.get(self.lang, "source_no_date").to_string(),
        };
        self.ui.fill(self.lang, "source_date", &[("words", &words)])
    }
}

impl Builder<'_> {
    /// The source `id` names, or, for a record still naming its source in words, those
    /// words without a date.
    pub(super) fn source_view(&self, id: &str) -> SourceView {
        match self.c.site.data.sources.iter().find(|s| s.id == id) {
            Some(s) => SourceView {
                title: self.t(&s.title),
                url: s.url.clone(),
                date: self.source_date(s),
            },
            None => SourceView {
                title: Text {
                    text: id.to_string(),
                    // Words naming no declared source are in the first language.
                    fallback: (self.lang != self.first).then_some(self.first),
                    original: None,
                },
                url: None,
                date: String::new(),
            },
        }
    }

    /// `ward`: on a page narrowed to one ward, an agency serving wards one by one shows
    /// only that ward's locations; a citywide agency shows all of its own.
    pub(super) fn contact(
        &self,
        c: &Contact,
        locations: &[Location],
        areas: &[String],
        ward: Option<&str>,
    ) -> ContactView {
        let per_ward = !areas.iter().any(|a| a == CITYWIDE);
        let locations: Vec<LocationView> = locations
            .iter()
            .filter(|l| match ward {
                Some(w) if per_ward => l.ward.as_deref() == Some(w),
                _ => true,
            })
            .map(|l| self.location(l))
            .collect();
        ContactView {
            email: c.email.clone(),
            url: c.url.clone(),
            is_empty: c.is_empty() && locations.is_empty(),
            locations,
        }
    }

    fn location(&self, l: &Location) -> LocationView {
        let ids = l
            .source
            .iter()
            .chain(l.phones.iter().filter_map(|p| p.source.as_ref()))
            .chain(l.hours.iter().filter_map(|h| h.source.as_ref()));
        let mut sources: Vec<SourceView> = Vec::new();
        for id in ids {
            let s = self.source_view(id);
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
        let site = &self.c.site.data;
        LocationView {
            name: self.name(&l.name),
            ward: l.ward.clone(),
            ward_name: l
                .ward
                .as_deref()
                .and_then(|w| site.wards.iter().find(|t| t.id == w))
                .map(|t| self.t(&t.name)),
            address: l.address.as_ref().map(|a| self.t(a)),
            phones: l
                .phones
                .iter()
                .map(|p| PhoneView {
                    number: p.number.clone(),
                    tel: tel_href(&p.number),
                    kind: site
                        .phone_types
                        .iter()
                        .find(|t| t.id == p.kind)
                        .map(|t| self.t(&t.name))
                        .unwrap_or_else(|| Text::plain(&p.kind)),
                })
                .collect(),
            hours: l.hours.as_ref().map(|h| self.t(&h.text)),
            sources,
        }
    }

    /// The ward offices of `ward`: locations in that ward of the agencies that serve
    /// wards one by one (not citywide), e.g. that ward's 保健こども課.
    pub(super) fn ward_offices(&self, ward: &str) -> Vec<Place> {
        let Some(at) = self.offices_by_ward.get(ward) else {
            return Vec::new();
        };
        at.iter()
            .map(|&(agency, location)| {
                let r = &self.c.agencies[agency];
                Place {
                    href: super::agency_href(&r.id),
                    loc: self.location(&r.data.locations[location]),
                }
            })
            .collect()
    }
}

/// Where [`Builder::ward_offices`] finds each ward's offices: (agency, location) positions,
/// in record then location order. Found in one pass, because the stage, ward and handout
/// pages ask for them about 150 times per language: scanning every agency for each took a
/// fifth of the site model's time at 50,000 records.
pub(super) fn offices_by_ward(c: &Content) -> BTreeMap<&str, Vec<(usize, usize)>> {
    let mut by_ward: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let by_ward_one_by_one = (c.agencies.iter().enumerate())
        .filter(|(_, r)| !r.data.service_areas.iter().any(|a| a == CITYWIDE));
    for (agency, r) in by_ward_one_by_one {
        for (location, l) in r.data.locations.iter().enumerate() {
            if let Some(ward) = l.ward.as_deref() {
                by_ward.entry(ward).or_default().push((agency, location));
            }
        }
    }
    by_ward
}

/// Phone types (site.yaml `phone_types` ids) that answer at any hour; handouts print the
/// lines of these types beside the ward office (児童相談所's 24-hour line and 189).
pub(super) const ANY_HOUR_PHONE_TYPES: [&str; 2] = ["24h", "national"];

impl Builder<'_> {
    /// Locations of citywide agencies with a line open at any hour, with only those lines.
    pub(super) fn any_hour_lines(&self) -> Vec<Place> {
        let mut out = Vec::new();
        for r in &self.c.agencies {
            for l in &r.data.locations {
                let any_hour: Vec<_> = l
                    .phones
                    .iter()
                    .filter(|p| ANY_HOUR_PHONE_TYPES.contains(&p.kind.as_str()))
                    .cloned()
                    .collect();
                if !any_hour.is_empty() {
                    let only = Location {
                        phones: any_hour,
                        ..l.clone()
                    };
                    out.push(Place {
                        href: super::agency_href(&r.id),
                        loc: self.location(&only),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_links_use_the_global_form_except_short_numbers() {
        assert_eq!(tel_href("096-328-2451"), "tel:+81-96-328-2451");
        assert_eq!(tel_href("189"), "tel:189");
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        let (ui, langs) = crate::i18n::shipped();
        let [ja, en] = ["ja", "en"].map(|c| langs.by_code(c).unwrap().lang);
        assert_eq!(long_date(&ui, ja, "2024-01-26").unwrap(), "2024年1月26日");
        assert_eq!(
            long_date(&ui, en, "2023-11-22").unwrap(),
            "22 November 2023"
        );
        assert_eq!(long_date(&ui, en, "unknown"), None);
    }
}
