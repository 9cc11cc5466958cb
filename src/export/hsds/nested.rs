//! The JSON form: the flat tables joined into HSDS's nested objects (`services.json`,
//! `organizations.json`), written one object at a time.

use super::super::ExportError;
use super::schema::{ORGANIZATIONS_JSON, SERVICES_JSON};
use super::tables::{Row, Tables};
use crate::output::OutFile;
use crate::routes;
use serde_json::Value;
use std::collections::HashMap;

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
        let text = serde_json::to_vec_pretty(&item).map_err(|source| ExportError::Json {
            what: "HSDS JSON".into(),
            source,
        })?;
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
pub(super) fn json_files(t: &Tables) -> Result<[OutFile; 2], ExportError> {
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
