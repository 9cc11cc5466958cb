//! Open Referral HSDS 3.0 under `data/hsds/`: the tabular data package (`datapackage.json`
//! and one CSV per table) and the JSON form (`services.json`, `organizations.json`),
//! both made from one set of flat tables so the two can never disagree.
//!
//! Mapping (docs/open-data.md): an agency is an organization with one service (its
//! window) and its sourced locations; a program is a service of its operator; a network
//! is an organization; stages, tiers, audiences and fields marked `unconfirmed` are
//! taxonomy terms applied to services through attributes; `service_areas` are service
//! areas; `assured_date` is the date of the record's source.

use super::{
    ExportError, SourcedLocation, area_name, city_of, csv_bytes, data_lang, phone_type_name,
    source_date, sourced_locations, text, weekday_hours,
};
use crate::i18n::UiStrings;
use crate::load::{AnyRecord, Content};
use crate::markdown::to_plain_text;
use crate::model::Licence;
use crate::model::{Contact, Lang, Localized, OpenData};
use crate::output::OutFile;
use crate::routes;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// The namespace of every id madoguchi writes: UUIDv5 of `<kind>/<key>` in it (see
/// [`uuid_for`]). Chosen once at random; never change it, or every published id changes.
pub const ID_NAMESPACE: Uuid = Uuid::from_u128(0x1f83e020_58f2_473b_9804_c3d009add2aa);

/// The stable id of a thing: `kind` is the HSDS table (`organization`, `service`…), `key`
/// the record id with whatever tells the thing apart inside the record.
pub fn uuid_for(kind: &str, key: &str) -> String {
    Uuid::new_v5(&ID_NAMESPACE, format!("{kind}/{key}").as_bytes()).to_string()
}

/// The JSON form and the data package descriptor, in the open data folder
/// ([`routes::data_file`]).
pub const SERVICES_JSON: &str = "hsds/services.json";
/// The HSDS JSON of the organizations, each with its services and locations nested.
pub const ORGANIZATIONS_JSON: &str = "hsds/organizations.json";
/// The data package descriptor listing the tables and their schemas.
pub const DESCRIPTOR: &str = "hsds/datapackage.json";

/// A table's CSV in the open data folder (its `path` is relative to the descriptor).
pub fn table_file(table: &Table) -> String {
    format!("hsds/{}", table.path)
}

/// A table of the data package: its HSDS name, its file and its fields in HSDS order
/// (`name` is a string; `name:type` another Table Schema type).
pub struct Table {
    /// The HSDS table name (`organization`, `service`…).
    pub name: &'static str,
    /// Its CSV file, relative to the descriptor.
    pub path: &'static str,
    /// Its columns in HSDS order: `name` is a string, `name:type` another Table Schema type.
    pub fields: &'static [&'static str],
}

/// The tables madoguchi fills, in the order of Open Referral's `datapackage.json`.
pub const TABLES: &[Table] = &[
    Table {
        name: "organization",
        path: "organizations.csv",
        fields: &[
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated:number",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ],
    },
    Table {
        name: "service",
        path: "services.csv",
        fields: &[
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age:number",
            "maximum_age:number",
            "assured_date:date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified:datetime",
        ],
    },
    Table {
        name: "attribute",
        path: "attributes.csv",
        fields: &[
            "id",
            "link_id",
            "taxonomy_term_id",
            "link_type",
            "link_entity",
            "value",
        ],
    },
    Table {
        name: "service_at_location",
        path: "service_at_location.csv",
        fields: &["id", "service_id", "location_id", "description"],
    },
    Table {
        name: "location",
        path: "locations.csv",
        fields: &[
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude:number",
            "longitude:number",
            "external_identifier",
            "external_identifier_type",
        ],
    },
    Table {
        name: "phone",
        path: "phones.csv",
        fields: &[
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension:number",
            "type",
            "description",
        ],
    },
    Table {
        name: "address",
        path: "addresses.csv",
        fields: &[
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    },
    Table {
        name: "schedule",
        path: "schedules.csv",
        fields: &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from:date",
            "valid_to:date",
            "dtstart:date",
            "timezone:number",
            "until:date",
            "count:number",
            "wkst",
            "freq",
            "interval:number",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at:time",
            "closes_at:time",
            "schedule_link",
            "attending_type",
            "notes",
        ],
    },
    Table {
        name: "service_area",
        path: "service_areas.csv",
        fields: &[
            "id",
            "service_id",
            "name",
            "description",
            "extent",
            "extent_type",
            "uri",
        ],
    },
    Table {
        name: "taxonomy_term",
        path: "taxonomy_terms.csv",
        fields: &[
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "taxonomy",
            "language",
            "taxonomy_id",
            "term_uri",
        ],
    },
    Table {
        name: "taxonomy",
        path: "taxonomies.csv",
        fields: &["id", "name", "description", "uri", "version"],
    },
];

/// The taxonomies terms are applied through, by code; their names and descriptions are
/// the interface words `data_taxonomy_<code>` and `data_taxonomy_<code>_description`.
const TAXONOMIES: [&str; 4] = ["stage", "tier", "audience", "unconfirmed"];

type Row = Map<String, Value>;

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
fn compact(v: Value) -> Row {
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
            return Err(ExportError::at(
                &r.src.path,
                format!("the operator `{operator}` is not an agency; run `madoguchi check`"),
            ));
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

/// Rows of `rows` by the value of their field `key`.
fn group<'r>(rows: &'r [Row], key: &str) -> HashMap<&'r str, Vec<&'r Row>> {
    let mut map: HashMap<&str, Vec<&Row>> = HashMap::new();
    for r in rows {
        if let Some(v) = r.get(key).and_then(Value::as_str) {
            map.entry(v).or_default().push(r);
        }
    }
    map
}

/// The flat tables joined into HSDS's nested JSON objects.
struct Nesting<'t> {
    areas: HashMap<&'t str, Vec<&'t Row>>,
    attributes: HashMap<&'t str, Vec<&'t Row>>,
    at_locations: HashMap<&'t str, Vec<&'t Row>>,
    locations: HashMap<&'t str, Vec<&'t Row>>,
    org_locations: HashMap<&'t str, Vec<&'t Row>>,
    organizations: HashMap<&'t str, Vec<&'t Row>>,
    addresses: HashMap<&'t str, Vec<&'t Row>>,
    phones: HashMap<&'t str, Vec<&'t Row>>,
    schedules: HashMap<&'t str, Vec<&'t Row>>,
    terms: HashMap<&'t str, Vec<&'t Row>>,
}

/// `row` with `items` under `key` (left out when there are none).
fn with(mut row: Row, key: &str, items: Vec<Value>) -> Row {
    if !items.is_empty() {
        row.insert(key.to_string(), Value::Array(items));
    }
    row
}

fn first<'t>(map: &HashMap<&str, Vec<&'t Row>>, id: &str) -> Option<&'t Row> {
    map.get(id).and_then(|v| v.first().copied())
}

impl<'t> Nesting<'t> {
    fn new(t: &'t Tables) -> Self {
        Nesting {
            areas: group(t.rows("service_area"), "service_id"),
            attributes: group(t.rows("attribute"), "link_id"),
            at_locations: group(t.rows("service_at_location"), "service_id"),
            locations: group(t.rows("location"), "id"),
            org_locations: group(t.rows("location"), "organization_id"),
            organizations: group(t.rows("organization"), "id"),
            addresses: group(t.rows("address"), "location_id"),
            phones: group(t.rows("phone"), "location_id"),
            schedules: group(t.rows("schedule"), "location_id"),
            terms: group(t.rows("taxonomy_term"), "id"),
        }
    }

    fn all(map: &HashMap<&str, Vec<&'t Row>>, id: &str, f: impl Fn(&Row) -> Row) -> Vec<Value> {
        map.get(id)
            .map(|rows| rows.iter().map(|r| Value::Object(f(r))).collect())
            .unwrap_or_default()
    }

    fn id(row: &Row) -> &str {
        row.get("id").and_then(Value::as_str).unwrap_or("")
    }

    fn location(&self, loc: &Row) -> Row {
        let id = Self::id(loc);
        let row = with(
            loc.clone(),
            "addresses",
            Self::all(&self.addresses, id, Row::clone),
        );
        let row = with(row, "phones", Self::all(&self.phones, id, Row::clone));
        with(row, "schedules", Self::all(&self.schedules, id, Row::clone))
    }

    fn attribute(&self, attr: &Row) -> Row {
        let mut row = attr.clone();
        let term_id = attr.get("taxonomy_term_id").and_then(Value::as_str);
        // The term, but not its taxonomy's details: they would repeat in every attribute
        // (`taxonomy_id` names it; taxonomies.csv has it once).
        if let Some(term) = term_id.and_then(|id| first(&self.terms, id)) {
            row.insert("taxonomy_term".into(), Value::Object(term.clone()));
        }
        row
    }

    /// A service with everything HSDS nests in it, its organization included.
    fn service(&self, svc: &Row) -> Row {
        let id = Self::id(svc);
        let mut row = with(
            svc.clone(),
            "service_areas",
            Self::all(&self.areas, id, Row::clone),
        );
        row = with(
            row,
            "attributes",
            Self::all(&self.attributes, id, |a| self.attribute(a)),
        );
        let at_locations = Self::all(&self.at_locations, id, |sal| {
            let mut sal = sal.clone();
            let loc_id = sal.get("location_id").and_then(Value::as_str).unwrap_or("");
            if let Some(loc) = first(&self.locations, loc_id) {
                sal.insert("location".into(), Value::Object(self.location(loc)));
            }
            sal
        });
        row = with(row, "service_at_locations", at_locations);
        let org_id = svc.get("organization_id").and_then(Value::as_str);
        if let Some(org) = org_id.and_then(|o| first(&self.organizations, o)) {
            row.insert("organization".into(), Value::Object(org.clone()));
        }
        row
    }

    /// An organization with its locations; its services are in services.json (nesting
    /// them here too would write every service twice).
    fn organization(&self, org: &Row) -> Row {
        let id = Self::id(org);
        let locations = Self::all(&self.org_locations, id, |l| self.location(l));
        with(org.clone(), "locations", locations)
    }
}

/// `items` written as `serde_json::to_vec_pretty` writes the array they make (and a final
/// newline), one item at a time: only one item's JSON tree exists at once, however many
/// records there are.
fn pretty_array(items: impl Iterator<Item = Row>) -> Result<Vec<u8>, ExportError> {
    let mut out = b"[".to_vec();
    let mut any = false;
    for item in items {
        out.extend_from_slice(if any { b",\n" } else { b"\n" });
        any = true;
        let text = serde_json::to_vec_pretty(&item)
            .map_err(|e| ExportError::new(format!("writing HSDS JSON: {e}")))?;
        // JSON strings hold no raw newline: every line break is the formatter's.
        for (i, line) in text.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                out.push(b'\n');
            }
            out.extend_from_slice(b"  ");
            out.extend_from_slice(line);
        }
    }
    if any {
        out.push(b'\n');
    }
    out.extend_from_slice(b"]\n");
    Ok(out)
}

/// `services.json` and `organizations.json`: arrays of HSDS objects with their nested
/// objects, in the order of the tables, each object built and written in turn.
fn json_files(t: &Tables) -> Result<[OutFile; 2], ExportError> {
    let n = Nesting::new(t);
    let services = t.rows("service").iter().map(|s| n.service(s));
    let organizations = t.rows("organization").iter().map(|o| n.organization(o));
    Ok([
        OutFile {
            rel: routes::data_file(SERVICES_JSON),
            bytes: pretty_array(services)?,
        },
        OutFile {
            rel: routes::data_file(ORGANIZATIONS_JSON),
            bytes: pretty_array(organizations)?,
        },
    ])
}

fn field_name(spec: &str) -> &str {
    spec.split(':').next().unwrap_or(spec)
}

impl Table {
    /// The names of its fields, in order: its CSV header (and what the data page lists).
    pub fn field_names(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.fields.iter().map(|f| field_name(f))
    }
}

/// A table's CSV: its fields as the header, one line per row, empty cells for facts not
/// given.
fn table_csv(t: &Tables, table: &Table) -> Result<Vec<u8>, ExportError> {
    let header: Vec<&str> = table.field_names().collect();
    // Each line is made as it is written: no second copy of the table.
    let rows = (t.rows(table.name).iter()).map(|row| {
        (header.iter())
            .map(|f| match row.get(*f) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            })
            .collect::<Vec<String>>()
    });
    csv_bytes(&header, rows, false)
}

/// The Frictionless data package descriptor of the tables, with the licence and the
/// sources the facts come from.
fn descriptor(content: &Content) -> Value {
    let lang = data_lang(content);
    let resources: Vec<Value> = TABLES
        .iter()
        .map(|table| {
            let fields: Vec<Value> = (table.fields.iter())
                .map(|spec| {
                    let (name, kind) = spec.split_once(':').unwrap_or((spec, "string"));
                    let uuid = name == "id" || name.ends_with("_id");
                    compact(json!({
                        "name": name,
                        "type": kind,
                        "format": uuid.then_some("uuid"),
                        "constraints": (name == "id").then(|| json!({"required": true, "unique": true})),
                    }))
                    .into()
                })
                .collect();
            json!({
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            })
        })
        .collect();
    let sources: Vec<Value> = (content.site.data.sources.iter())
        .map(|s| {
            compact(json!({
                "title": text(&s.title, lang),
                "path": s.url,
                "date": source_date(content, &s.id),
            }))
            .into()
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "madoguchi-hsds",
        "title": text(&content.site.data.title, lang),
        "version": "3.0",
        "homepage": "https://docs.openreferral.org/en/latest/",
        "licenses": [licence(content)],
        "sources": sources,
        "resources": resources,
    })
}

/// The licence of the exports: CC BY 4.0, the default (a `site.yaml` setting
/// can replace it once the site configuration has one).
/// The licence `site.yaml` `open_data:` names (CC BY 4.0 unless it says otherwise).
fn licence(content: &Content) -> Value {
    let l =
        (content.site.data.open_data.as_ref()).map_or_else(Licence::default, |o| o.licence.clone());
    json!({"name": l.id, "title": l.title, "path": l.url})
}

fn json_file(rel: &str, value: &Value) -> Result<OutFile, ExportError> {
    let mut bytes = serde_json::to_vec_pretty(value)
        .map_err(|e| ExportError::new(format!("writing {rel}: {e}")))?;
    bytes.push(b'\n');
    Ok(OutFile {
        rel: rel.to_string(),
        bytes,
    })
}

/// Every file under `data/hsds/`, each handed to `emit` as soon as it is made (and
/// dropped by the caller once written), so the files are not all held at once.
pub fn each_file<E: From<ExportError>>(
    content: &Content,
    ui: &UiStrings,
    emit: &mut dyn FnMut(OutFile) -> Result<(), E>,
) -> Result<(), E> {
    let t = tables(content, ui)?;
    for f in json_files(&t)? {
        emit(f)?;
    }
    emit(json_file(
        &routes::data_file(DESCRIPTOR),
        &descriptor(content),
    )?)?;
    for table in TABLES {
        emit(OutFile {
            rel: routes::data_file(&table_file(table)),
            bytes: table_csv(&t, table)?,
        })?;
    }
    Ok(())
}

/// Every file under `data/hsds/`, collected.
pub fn files(content: &Content, ui: &UiStrings) -> Result<Vec<OutFile>, ExportError> {
    let mut out = Vec::new();
    each_file(content, ui, &mut |f| {
        out.push(f);
        Ok::<(), ExportError>(())
    })?;
    Ok(out)
}
