//! Open Referral HSDS 3.0 under `data/hsds/`: the tabular data package (`datapackage.json`
//! and one CSV per table) and the JSON form (`services.json`, `organizations.json`),
//! both made from one set of flat tables so the two can never disagree.
//!
//! Mapping (docs/open-data.md): an agency is an organization with one service (its
//! window) and its sourced locations; a program is a service of its operator; a network
//! is an organization; stages, tiers, audiences and fields marked `unconfirmed` are
//! taxonomy terms applied to services through attributes; `service_areas` are service
//! areas; `assured_date` is the date of the record's source.
//!
//! `schema` names the tables and their columns, `tables` fills their rows from the
//! records, `nested` joins them into the JSON form; this file writes the CSVs and the
//! data package descriptor, and hands every file on.

mod nested;
mod schema;
mod tables;

pub(crate) use schema::{DESCRIPTOR, ORGANIZATIONS_JSON, SERVICES_JSON, table_file};
pub use schema::{TABLES, Table, uuid_for};
pub use tables::{Tables, tables};

use super::{ExportError, csv_bytes, data_lang, source_date, text};
use crate::i18n::UiStrings;
use crate::load::Content;
use crate::model::Licence;
use crate::output::OutFile;
use crate::routes;
use serde_json::{Value, json};
use tables::compact;

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

/// The licence `site.yaml` `open_data:` names (CC BY 4.0 unless it says otherwise).
fn licence(content: &Content) -> Value {
    let l =
        (content.site.data.open_data.as_ref()).map_or_else(Licence::default, |o| o.licence.clone());
    json!({"name": l.id, "title": l.title, "path": l.url})
}

fn json_file(rel: &str, value: &Value) -> Result<OutFile, ExportError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|source| ExportError::Json {
        what: rel.to_string(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(OutFile {
        rel: rel.to_string(),
        bytes,
    })
}

/// Every file under `data/hsds/`, each handed to `emit` as soon as it is made (and
/// dropped by the caller once written), so the files are not all held at once.
pub(crate) fn each_file<E: From<ExportError>>(
    content: &Content,
    ui: &UiStrings,
    emit: &mut dyn FnMut(OutFile) -> Result<(), E>,
) -> Result<(), E> {
    let t = tables(content, ui)?;
    for f in nested::json_files(&t)? {
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
