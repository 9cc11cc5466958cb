//! The open data page (`data/index.html` in every language): each download with its
//! format, its columns or tables, the licence, and the sources the facts come from with
//! their own dates. The file names, columns and tables are those the exporter writes
//! (`export::facilities::COLUMNS`, `export::hsds::TABLES`), never a second list.

use super::*;
use crate::export::{facilities, hsds};
use crate::model::Licence;

/// What `data.html` prints as `data`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OpenData {
    /// The licence of every file (site.yaml `open_data.licence`).
    pub(crate) licence: Licence,
    /// `data/facilities.csv`, from the output root, and its header.
    pub(crate) facilities: Download,
    /// `services.json`.
    pub(crate) services: Download,
    /// `organizations.json`.
    pub(crate) organizations: Download,
    /// `datapackage.json`.
    pub(crate) descriptor: Download,
    /// The data package's tables: each a CSV with its fields.
    pub(crate) tables: Vec<Download>,
    /// Every declared source, with its own date.
    pub(crate) sources: Vec<SourceView>,
    /// The edition (`YYYY-MM`), when site.yaml names it.
    pub(crate) issued: Option<String>,
}

/// One file to download: its address from the output root (print it after `root`), its
/// name as shown, and the columns or fields of a table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Download {
    /// The file's address from the output root.
    pub(crate) href: String,
    /// Its file name.
    pub(crate) name: String,
    /// Its columns or fields (empty for JSON files).
    pub(crate) columns: Vec<&'static str>,
}

impl Download {
    fn new(file: &str, columns: Vec<&'static str>) -> Download {
        Download {
            href: routes::data_file(file),
            name: file.rsplit('/').next().unwrap_or(file).to_string(),
            columns,
        }
    }
}

impl Builder<'_> {
    /// The open data page, when the site publishes open data (`open_data:` in site.yaml).
    pub(super) fn data_page(&self) -> Option<PageSpec> {
        let site = &self.c.site.data;
        let config = site.open_data.as_ref()?;
        let tables = (hsds::TABLES.iter())
            .map(|t| Download::new(&hsds::table_file(t), t.field_names().collect()))
            .collect();
        let data = OpenData {
            licence: config.licence.clone(),
            facilities: Download::new(facilities::NAME, facilities::COLUMNS.to_vec()),
            services: Download::new(hsds::SERVICES_JSON, Vec::new()),
            organizations: Download::new(hsds::ORGANIZATIONS_JSON, Vec::new()),
            descriptor: Download::new(hsds::DESCRIPTOR, Vec::new()),
            tables,
            sources: (site.sources.iter())
                .map(|s| self.source_view(&s.id))
                .collect(),
            issued: site.issued.clone(),
        };
        Some(self.spec(
            routes::data_page(),
            &self.label("data_page"),
            PageData::from(DataPage { data }),
        ))
    }
}
