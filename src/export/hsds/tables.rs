//! The flat HSDS tables made from the records: one row per organization, service,
//! location, phone, schedule, address, service area, attribute and taxonomy term.

use super::super::{
    ExportError, SourcedLocation, area_name, city_of, data_lang, phone_type_name, source_date,
    sourced_locations, text, weekday_hours,
};
use super::schema::uuid_for;
use crate::i18n::UiStrings;
use crate::load::{AnyRecord, Content};
use crate::markdown::to_plain_text;
use crate::model::{Contact, Lang, Localized, OpenData};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The taxonomies terms are applied through, by code; their names and descriptions are
/// the interface words `data_taxonomy_<code>` and `data_taxonomy_<code>_description`.
const TAXONOMIES: [&str; 4] = ["stage", "tier", "audience", "unconfirmed"];

pub(super) type Row = Map<String, Value>;

/// Rows of every table, by table name.
#[derive(Default)]
pub struct Tables(BTreeMap<&'static str, Vec<Row>>);

impl Tables {
    fn push(&mut self, table: &'static str, row: Row) {
        self.0.entry(table).or_default().push(row);
    }
    /// The rows of `table` (none when nothing filled it).
    pub fn rows(&self, table: &str) -> &[Row] {
        self.0.get(table).map_or(&[], Vec::as_slice)
    }
}

/// A JSON object without its null members (optional facts that are absent).
pub(super) fn compact(v: Value) -> Row {
    match v {
        Value::Object(m) => m.into_iter().filter(|(_, v)| !v.is_null()).collect(),
        _ => Row::new(),
    }
}

/// The facts of a service, whichever kind of record it comes from.
struct ServiceFacts<'a> {
    key: &'a str,
    organization_id: String,
    name: &'a Localized,
    description: &'a Localized,
    application_process: Option<&'a Localized>,
    fees: Option<&'a Localized>,
    eligibility: Option<&'a Localized>,
    contact: &'a Contact,
    source: &'a str,
    tier: Option<&'a str>,
    stages: &'a [String],
    audiences: &'a [String],
    areas: &'a [String],
    unconfirmed: &'a [String],
}

/// What a record without a contact field publishes: no web address, no email.
static NO_CONTACT: Contact = Contact {
    email: None,
    url: None,
    phone: None,
    address: None,
    hours: None,
};

impl<'a> ServiceFacts<'a> {
    /// The service record `r` makes, of the organization `organization_id`.
    fn of(r: &AnyRecord<'a>, organization_id: String) -> Self {
        let d = &r.about;
        ServiceFacts {
            key: r.id,
            organization_id,
            name: d.name,
            description: d.description,
            application_process: d.application_process,
            fees: d.fees,
            eligibility: d.eligibility,
            contact: d.contact.unwrap_or(&NO_CONTACT),
            source: d.source,
            tier: d.tier,
            stages: d.stages.unwrap_or_default(),
            audiences: d.audiences.unwrap_or_default(),
            areas: d.service_areas,
            unconfirmed: d.provenance.map_or(&[][..], |p| p.unconfirmed),
        }
    }
}

struct Builder<'a> {
    content: &'a Content,
    ui: &'a UiStrings,
    lang: Lang,
    tables: Tables,
    unconfirmed_fields: BTreeSet<&'a str>,
    /// To check each program's operator without a search through every agency.
    agency_ids: HashSet<&'a str>,
}

/// Every table of `content`, in the site's first language.
pub fn tables(content: &Content, ui: &UiStrings) -> Result<Tables, ExportError> {
    let mut b = Builder {
        content,
        ui,
        lang: data_lang(content),
        tables: Tables::default(),
        unconfirmed_fields: BTreeSet::new(),
        agency_ids: content.agencies.iter().map(|a| a.id.as_str()).collect(),
    };
    for r in content.records() {
        match r.about.open_data {
            OpenData::OrganizationWithService => b.organization_with_service(&r),
            OpenData::ServiceOf(operator) => b.service_of(&r, operator)?,
            OpenData::Organization => b.organization(&r),
            OpenData::Nothing => {}
        }
    }
    b.taxonomies();
    Ok(b.tables)
}

impl<'a> Builder<'a> {
    fn text(&self, l: &'a Localized) -> std::borrow::Cow<'a, str> {
        text(l, self.lang)
    }
    /// Markdown or multi-line text as one plain paragraph.
    fn plain(&self, l: &'a Localized) -> String {
        to_plain_text(&self.text(l))
    }
    /// The interface word `key` in the data's language.
    fn word(&self, key: &str) -> String {
        self.ui.get(self.lang, key).to_string()
    }

    /// An agency: an organization with its own service at its sourced locations.
    fn organization_with_service(&mut self, r: &AnyRecord<'a>) {
        let (d, contact) = (&r.about, r.about.contact.unwrap_or(&NO_CONTACT));
        let org = uuid_for("organization", r.id);
        let row = compact(json!({
            "id": org,
            "name": self.text(d.name),
            "description": self.plain(d.description),
            "email": contact.email,
            "website": contact.url,
        }));
        self.tables.push("organization", row);
        let service = self.service(ServiceFacts::of(r, org.clone()));
        let mut seen = HashMap::new();
        for loc in sourced_locations(d.locations) {
            let name = self.text(&loc.location.name);
            let n = seen
                .entry(name.clone())
                .and_modify(|n| *n += 1)
                .or_insert(1);
            let key = match *n {
                1 => format!("{}/{name}", r.id),
                n => format!("{}/{name}#{n}", r.id),
            };
            self.location(&key, &org, (r.id, &service), &loc);
        }
    }

    /// A program: a service of the organization of its `operator` (an agency).
    fn service_of(&mut self, r: &AnyRecord<'a>, operator: &'a str) -> Result<(), ExportError> {
        if !self.agency_ids.contains(operator) {
            return Err(ExportError::OperatorNotAgency {
                file: r.src.path.clone(),
                operator: operator.to_string(),
            });
        }
        self.service(ServiceFacts::of(r, uuid_for("organization", operator)));
        Ok(())
    }

    /// A network: an organization without a service of its own.
    fn organization(&mut self, r: &AnyRecord<'a>) {
        let row = compact(json!({
            "id": uuid_for("organization", r.id),
            "name": self.text(r.about.name),
            "description": self.plain(r.about.description),
        }));
        self.tables.push("organization", row);
    }

    /// Adds the service with its areas and attributes; returns its id.
    fn service(&mut self, f: ServiceFacts<'a>) -> String {
        let id = uuid_for("service", f.key);
        let row = compact(json!({
            "id": id,
            "organization_id": f.organization_id,
            "name": self.text(f.name),
            "description": self.plain(f.description),
            "url": f.contact.url,
            "email": f.contact.email,
            "status": "active",
            "application_process": f.application_process.map(|l| self.plain(l)),
            "fees_description": f.fees.map(|l| self.plain(l)),
            "eligibility_description": f.eligibility.map(|l| self.plain(l)),
            "assured_date": source_date(self.content, f.source),
        }));
        self.tables.push("service", row);
        for area in f.areas {
            self.service_area(f.key, &id, area);
        }
        let terms = f.tier.map(|t| ("tier", t)).into_iter();
        let terms = terms
            .chain(f.stages.iter().map(|s| ("stage", s.as_str())))
            .chain(f.audiences.iter().map(|s| ("audience", s.as_str())))
            .chain(f.unconfirmed.iter().map(|s| ("unconfirmed", s.as_str())));
        for (taxonomy, code) in terms {
            if taxonomy == "unconfirmed" {
                self.unconfirmed_fields.insert(code);
            }
            let row = compact(json!({
                "id": uuid_for("attribute", &format!("{}/{taxonomy}/{code}", f.key)),
                "link_id": id,
                "taxonomy_term_id": uuid_for("taxonomy_term", &format!("{taxonomy}/{code}")),
                "link_type": taxonomy,
                "link_entity": "service",
            }));
            self.tables.push("attribute", row);
        }
        id
    }

    fn service_area(&mut self, key: &str, service: &str, area: &str) {
        let name = area_name(self.content, self.ui, area, self.lang);
        let row = compact(json!({
            "id": uuid_for("service_area", &format!("{key}/{area}")),
            "service_id": service,
            "name": name,
        }));
        self.tables.push("service_area", row);
    }

    /// A sourced location of an organization, linked to its service, with its address,
    /// sourced phones and sourced hours.
    fn location(
        &mut self,
        key: &str,
        org: &str,
        (service_key, service): (&str, &str),
        loc: &SourcedLocation<'a>,
    ) {
        let l = loc.location;
        let id = uuid_for("location", key);
        let row = compact(json!({
            "id": id,
            "location_type": if l.address.is_some() { "physical" } else { "virtual" },
            "organization_id": org,
            "name": self.text(&l.name),
        }));
        self.tables.push("location", row);
        let row = compact(json!({
            "id": uuid_for("service_at_location", &format!("{service_key}/{key}")),
            "service_id": service,
            "location_id": id,
        }));
        self.tables.push("service_at_location", row);
        if let Some(address) = &l.address {
            self.address(key, &id, &self.text(address), l.ward.as_deref());
        }
        for p in &loc.phones {
            let kind = phone_type_name(self.content, &p.kind, self.lang);
            let row = compact(json!({
                "id": uuid_for("phone", &format!("{key}/{}", p.number)),
                "location_id": id,
                "number": p.number,
                "type": "voice",
                "description": kind,
            }));
            self.tables.push("phone", row);
        }
        if let Some(hours) = loc.hours {
            let text = self.text(&hours.text);
            let weekly = weekday_hours(&text);
            let row = compact(json!({
                "id": uuid_for("schedule", key),
                "location_id": id,
                "freq": weekly.as_ref().map(|_| "WEEKLY"),
                "byday": weekly.as_ref().map(|_| "MO,TU,WE,TH,FR"),
                "description": text,
                "opens_at": weekly.as_ref().map(|w| &w.0),
                "closes_at": weekly.as_ref().map(|w| &w.1),
            }));
            self.tables.push("schedule", row);
        }
    }

    /// The address as the source prints it in `address_1`; HSDS requires city, state,
    /// postal code and country: the city is read from the address itself, the ward from
    /// the location; prefecture and postal code, which the sources do not print, are
    /// left empty.
    fn address(&mut self, key: &str, location: &str, address: &str, ward: Option<&str>) {
        let wards = &self.content.site.data.wards;
        let region = ward.and_then(|w| wards.iter().find(|t| t.id == w));
        let row = compact(json!({
            "id": uuid_for("address", key),
            "location_id": location,
            "address_1": address,
            "city": city_of(address).unwrap_or(""),
            "region": region.map(|t| self.text(&t.name)),
            "state_province": "",
            "postal_code": "",
            "country": "JP",
            "address_type": "physical",
        }));
        self.tables.push("address", row);
    }

    fn taxonomies(&mut self) {
        let site = &self.content.site.data;
        let lang = self.lang.code();
        for code in TAXONOMIES {
            let taxonomy = uuid_for("taxonomy", code);
            let row = compact(json!({
                "id": taxonomy,
                "name": self.word(&format!("data_taxonomy_{code}")),
                "description": self.word(&format!("data_taxonomy_{code}_description")),
            }));
            self.tables.push("taxonomy", row);
            let terms: Vec<(String, String, String)> = match code {
                "stage" => (self.content.stages.iter())
                    .map(|s| {
                        (
                            s.id.clone(),
                            self.text(&s.data.name).into(),
                            self.plain(&s.data.summary),
                        )
                    })
                    .collect(),
                "tier" => (site.tiers.iter()).map(|t| self.term(t)).collect(),
                "audience" => (site.audiences.iter()).map(|t| self.term(t)).collect(),
                _ => (self.unconfirmed_fields.iter())
                    .map(|f| {
                        (
                            f.to_string(),
                            f.to_string(),
                            self.word(&format!("data_taxonomy_{code}_description")),
                        )
                    })
                    .collect(),
            };
            for (term, name, description) in terms {
                let row = compact(json!({
                    "id": uuid_for("taxonomy_term", &format!("{code}/{term}")),
                    "code": format!("{code}/{term}"),
                    "name": name,
                    "description": description,
                    "taxonomy": code,
                    "language": lang,
                    "taxonomy_id": taxonomy,
                }));
                self.tables.push("taxonomy_term", row);
            }
        }
    }

    fn term(&self, t: &'a crate::model::Term) -> (String, String, String) {
        let name = self.text(&t.name).to_string();
        let description = t
            .description
            .as_ref()
            .map_or(name.clone(), |d| self.plain(d));
        (t.id.clone(), name, description)
    }
}
