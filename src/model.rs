//! The records as they are written in `content/`: one YAML file per record.
//!
//! Field names follow the Open Referral Human Services Data Specification (HSDS) where a
//! field fits (`name`, `alternate_name`, `description`, `email`, `url`, `eligibility`,
//! `fees`, `application_process`, `service_areas`); fields HSDS lacks (tier, stages,
//! kana reading) are named for what they mean here.
//! Every struct denies unknown fields so a typo is an error with a "did you mean".

use serde::{Deserialize, Serialize};

mod lang;
pub use lang::{
    Dir, Lang, Language, Languages, Localized, Review, Reviews, fallback_loop, is_language_tag,
    is_prefix_folder,
};

/// `site.yaml`: what the whole site is, and the vocabularies records refer to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: Localized,
    #[serde(default)]
    pub tagline: Option<Localized>,
    /// Absolute URL where the site will be published; used only for QR codes, feeds and
    /// sitemaps. Internal links are always relative.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The languages, in order: the first is the default (at the output root, required in
    /// every text); each other one has its own path prefix and fallback chain.
    pub languages: Languages,
    /// Where to confirm details nobody has verified yet.
    pub confirm_at: Localized,
    /// Months after `verified_on` before a record counts as stale.
    #[serde(default)]
    pub stale_after_months: Option<u32>,
    pub stages: Vec<String>,
    pub tiers: Vec<Term>,
    pub wards: Vec<Term>,
    pub audiences: Vec<Term>,
    /// How big and deep one file may be (`limits:`); defaults suit a city's directory.
    #[serde(default)]
    pub limits: Limits,
    /// What the staff entrance (`staff/`) shows, section by section.
    #[serde(default)]
    pub staff: StaffPage,
    /// Kinds of phone line (代表, 相談, 24時間…) a location's `phones` name by id.
    #[serde(default)]
    pub phone_types: Vec<Term>,
    /// The documents and pages facts come from, declared once and referred to by id.
    #[serde(default)]
    pub sources: Vec<SourceDecl>,
    /// The month this edition is issued (`YYYY-MM`): printed on the handouts, and the date
    /// pages measure `stale_after_months` against, so that builds stay deterministic.
    #[serde(default)]
    pub issued: Option<String>,
    /// Publish the directory as open data (`data/hsds/`, `data/facilities.csv`;
    /// docs/open-data.md), under `licence`. Without this section there is none.
    #[serde(default)]
    pub open_data: Option<OpenDataConfig>,
}

/// `open_data:` in site.yaml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenDataConfig {
    /// The licence the data is published under (default CC BY 4.0).
    #[serde(default)]
    pub licence: Licence,
}

/// A licence as data packages name it: SPDX id, title and address.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub id: String,
    pub title: String,
    pub url: String,
}

impl Default for Licence {
    fn default() -> Self {
        Licence {
            id: "CC-BY-4.0".into(),
            title: "Creative Commons Attribution 4.0 International".into(),
            url: "https://creativecommons.org/licenses/by/4.0/".into(),
        }
    }
}

/// Bounds on one input file, so a mistaken or hostile file gives an error in bounded time
/// and memory instead of hanging or exhausting the machine. Each can be raised in
/// `site.yaml` under `limits:` (docs/schema.md lists them); `site.yaml` itself is always
/// read with the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Size of one record or page file, in bytes.
    pub file_bytes: u64,
    /// Size of one text value (after YAML escapes), in bytes.
    pub text_bytes: usize,
    /// Nesting of lists and maps in one YAML file.
    pub yaml_depth: usize,
    /// Entries in one YAML list or map.
    pub list_entries: usize,
    /// Values in one file once every alias (`*name`) is expanded.
    pub expanded_nodes: usize,
    /// Bytes of text in one file once every alias is expanded.
    pub expanded_bytes: usize,
    /// Nesting of block quotes, lists and unclosed HTML tags in one Markdown text.
    pub markdown_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 1_000_000,
            text_bytes: 100_000,
            yaml_depth: 32,
            list_entries: 10_000,
            expanded_nodes: 100_000,
            expanded_bytes: 4_000_000,
            markdown_depth: 16,
        }
    }
}

/// The staff entrance's sections, in the order staff need them; each lists agency or
/// program ids, printed in that order. A site that lists none gets the programs and
/// agencies meant for staff under `request`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffPage {
    /// A child worries you: where staff can talk it over.
    #[serde(default)]
    pub worried: Vec<String>,
    /// Talking with parents: windows and programs to point parents to.
    #[serde(default)]
    pub parents: Vec<String>,
    /// What the nursery or school can request, with how and whom to call.
    #[serde(default)]
    pub request: Vec<String>,
    /// How the network works: city projects, councils, the network meeting.
    #[serde(default)]
    pub network: Vec<String>,
}

impl StaffPage {
    /// Each section's key (in `site.yaml` and in the staff page's data) and its ids.
    pub fn sections(&self) -> [(&'static str, &[String]); 4] {
        [
            ("worried", &self.worried),
            ("parents", &self.parents),
            ("request", &self.request),
            ("network", &self.network),
        ]
    }
}

/// A document or web page facts were read from (HSDS `attribute`/metadata, simplified).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDecl {
    pub id: String,
    pub title: Localized,
    #[serde(default)]
    pub url: Option<String>,
    pub publisher: Localized,
    /// `meeting` (a meeting's document, dated by the meeting) or `page` (a web page, dated
    /// by its own "last updated" line).
    pub kind: String,
    /// The document's or page's own date, `YYYY-MM-DD`, or `unknown`.
    pub date: String,
}

/// An entry of a small vocabulary (tier, ward, audience) declared in `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub name: Localized,
    #[serde(default)]
    pub short: Option<Localized>,
    #[serde(default)]
    pub description: Option<Localized>,
}

/// A record's own web address and email. Phones, addresses and hours are facts a parent
/// acts on, so they live only in sourced [`Location`]s; the old `phone`, `address` and
/// `hours` keys are still read so that `check` can say where they moved.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub phone: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    pub address: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    pub hours: Option<serde_yaml_ng::Value>,
}

impl Contact {
    /// No web address or email (phones and addresses are in `locations`).
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.url.is_none()
    }
}

/// A place where an agency can be reached (HSDS `location` with its `phone`s and
/// `schedule`). Every location, phone and hours entry names its `source`; `check` refuses
/// one without (the field is optional here so the error can say where and how to fix it).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub name: Localized,
    /// The ward the place is in (a ward id from `site.yaml`).
    #[serde(default)]
    pub ward: Option<String>,
    #[serde(default)]
    pub address: Option<Localized>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub hours: Option<SourcedText>,
    /// Source id of the name and address.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    pub number: String,
    /// A `phone_types` id from `site.yaml`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// Text with the id of the source it was read from (opening hours).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedText {
    pub text: Localized,
    #[serde(default)]
    pub source: Option<String>,
}

/// The kinds of record, described once: what a kind is called (in messages, `madoguchi
/// new`, lists and search) and its folder (under `content/`, and of its pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Agency,
    Program,
    Network,
    Stage,
}

impl Kind {
    /// Every kind, in the order records are loaded and listed.
    pub const ALL: [Kind; 4] = [Kind::Agency, Kind::Program, Kind::Network, Kind::Stage];

    /// Its name: `agency`, `program`, `network`, `stage`.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Agency => "agency",
            Kind::Program => "program",
            Kind::Network => "network",
            Kind::Stage => "stage",
        }
    }

    /// Its folder: `agencies`, `programs`, `networks`, `stages`.
    pub const fn dir(self) -> &'static str {
        match self {
            Kind::Agency => "agencies",
            Kind::Program => "programs",
            Kind::Network => "networks",
            Kind::Stage => "stages",
        }
    }

    /// The kind called `name`.
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// An organisation or window: a ward office, a centre, a kind of service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub name: Localized,
    /// Reading in hiragana, so search finds 「じそう」 as well as 児相.
    pub kana: String,
    /// Names people actually use: abbreviations, older names, English variants.
    #[serde(default)]
    pub alternate_name: Vec<String>,
    pub tier: String,
    pub kind: Localized,
    /// Ward ids, or `[citywide]`.
    pub service_areas: Vec<String>,
    pub audiences: Vec<String>,
    pub stages: Vec<String>,
    /// Markdown.
    pub description: Localized,
    /// How to start: call first, drop in, appointment, referral needed.
    pub application_process: Localized,
    #[serde(default)]
    pub fees: Option<Localized>,
    #[serde(default)]
    pub eligibility: Option<Localized>,
    #[serde(default)]
    pub contact: Contact,
    /// Where the agency can be reached, each with its phones and hours.
    #[serde(default)]
    pub locations: Vec<Location>,
    #[serde(default)]
    pub operated_by: Option<Localized>,
    #[serde(default)]
    pub programs: Vec<String>,
    /// Fields stating what the source does not say (inferred from context): pages mark
    /// them 要確認 / "to be confirmed" and `check` lists them for staff.
    #[serde(default)]
    pub unconfirmed: Vec<String>,
    /// Fields stating general national rules (受給者証, 療育手帳, fees) rather than what the
    /// source says about this city: pages label them as general information.
    #[serde(default)]
    pub general_information: Vec<String>,
    pub source: String,
    pub verified_on: String,
    /// The record's own review status per language, where it differs from its
    /// language's (site.yaml): `review: {vi: reviewed, zh-Hans: draft}`.
    #[serde(default)]
    pub review: Reviews,
}

/// A project or programme: parent training, coordinator training, itinerant consultation…
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub name: Localized,
    pub kana: String,
    #[serde(default)]
    pub alternate_name: Vec<String>,
    pub kind: Localized,
    /// Agency id of the operator.
    pub operator: String,
    #[serde(default)]
    pub tier: Option<String>,
    pub audiences: Vec<String>,
    pub stages: Vec<String>,
    #[serde(default)]
    pub service_areas: Vec<String>,
    pub description: Localized,
    pub application_process: Localized,
    #[serde(default)]
    pub schedule: Option<Localized>,
    #[serde(default)]
    pub fees: Option<Localized>,
    #[serde(default)]
    pub contact: Contact,
    /// Fields stating what the source does not say (inferred from context): pages mark
    /// them 要確認 / "to be confirmed" and `check` lists them for staff.
    #[serde(default)]
    pub unconfirmed: Vec<String>,
    /// Fields stating general national rules (受給者証, 療育手帳, fees) rather than what the
    /// source says about this city: pages label them as general information.
    #[serde(default)]
    pub general_information: Vec<String>,
    pub source: String,
    pub verified_on: String,
    /// The record's own review status per language, where it differs from its
    /// language's (site.yaml): `review: {vi: reviewed, zh-Hans: draft}`.
    #[serde(default)]
    pub review: Reviews,
}

/// One of the five ward networks of supporters (北・東・南・中央・西ネット).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    pub name: Localized,
    pub kana: String,
    #[serde(default)]
    pub alternate_name: Vec<String>,
    pub ward: String,
    /// Agency ids.
    pub members: Vec<String>,
    pub description: Localized,
    pub activities: Vec<Localized>,
    /// Fields stating what the source does not say (inferred from context): pages mark
    /// them 要確認 / "to be confirmed" and `check` lists them for staff.
    #[serde(default)]
    pub unconfirmed: Vec<String>,
    /// Fields stating general national rules (受給者証, 療育手帳, fees) rather than what the
    /// source says about this city: pages label them as general information.
    #[serde(default)]
    pub general_information: Vec<String>,
    pub source: String,
    pub verified_on: String,
    /// The record's own review status per language, where it differs from its
    /// language's (site.yaml): `review: {vi: reviewed, zh-Hans: draft}`.
    #[serde(default)]
    pub review: Reviews,
}

/// A step on a stage page: a record to go to, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageStep {
    /// Id of an agency or program.
    #[serde(rename = "ref")]
    pub target: String,
    pub why: Localized,
    #[serde(default)]
    pub how: Option<Localized>,
}

/// A stage of the child's life, in the order of `site.yaml`'s `stages`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub name: Localized,
    pub kana: String,
    #[serde(default)]
    pub alternate_name: Vec<String>,
    /// Age range in words, e.g. 「1歳6か月ごろ」.
    pub age: Localized,
    pub summary: Localized,
    pub first_windows: Vec<StageStep>,
    pub next_steps: Vec<StageStep>,
    #[serde(default)]
    pub while_waiting: Vec<StageStep>,
    /// What to say when calling (used on handouts).
    #[serde(default)]
    pub what_to_say: Option<Localized>,
    /// Stages with a printed handout (the infant checkups).
    #[serde(default)]
    pub handout: bool,
    pub source: String,
    pub verified_on: String,
    /// The record's own review status per language, where it differs from its
    /// language's (site.yaml): `review: {vi: reviewed, zh-Hans: draft}`.
    #[serde(default)]
    pub review: Reviews,
}
