//! The HSDS tables madoguchi fills: their names, files and columns (the data package's
//! schema, which the data page lists too), the JSON files' names, and the stable ids.

use uuid::Uuid;

/// The namespace of every id madoguchi writes: UUIDv5 of `<kind>/<key>` in it (see
/// [`uuid_for`]). Chosen once at random; never change it, or every published id changes.
pub(crate) const ID_NAMESPACE: Uuid = Uuid::from_u128(0x1f83e020_58f2_473b_9804_c3d009add2aa);

/// The stable id of a thing: `kind` is the HSDS table (`organization`, `service`…), `key`
/// the record id with whatever tells the thing apart inside the record.
pub fn uuid_for(kind: &str, key: &str) -> String {
    Uuid::new_v5(&ID_NAMESPACE, format!("{kind}/{key}").as_bytes()).to_string()
}

/// The JSON form and the data package descriptor, in the open data folder
/// ([`crate::routes::data_file`]).
pub(crate) const SERVICES_JSON: &str = "hsds/services.json";
/// The HSDS JSON of the organizations, each with its services and locations nested.
pub(crate) const ORGANIZATIONS_JSON: &str = "hsds/organizations.json";
/// The data package descriptor listing the tables and their schemas.
pub(crate) const DESCRIPTOR: &str = "hsds/datapackage.json";

/// A table's CSV in the open data folder (its `path` is relative to the descriptor).
pub(crate) fn table_file(table: &Table) -> String {
    format!("hsds/{}", table.path)
}

/// A table of the data package: its HSDS name, its file and its fields in HSDS order
/// (`name` is a string; `name:type` another Table Schema type).
pub struct Table {
    /// The HSDS table name (`organization`, `service`…).
    pub name: &'static str,
    /// Its CSV file, relative to the descriptor.
    pub(crate) path: &'static str,
    /// Its columns in HSDS order: `name` is a string, `name:type` another Table Schema type.
    pub(crate) fields: &'static [&'static str],
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

fn field_name(spec: &str) -> &str {
    spec.split(':').next().unwrap_or(spec)
}

impl Table {
    /// The names of its fields, in order: its CSV header (and what the data page lists).
    pub(crate) fn field_names(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.fields.iter().map(|f| field_name(f))
    }
}
