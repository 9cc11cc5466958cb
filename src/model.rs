//! The records as they are written in `content/`: one YAML file per record.
//!
//! Field names follow the Open Referral Human Services Data Specification (HSDS) where a
//! field fits (`name`, `alternate_name`, `description`, `email`, `url`, `eligibility`,
//! `fees`, `application_process`, `service_areas`); fields HSDS lacks (tier, stages,
//! kana reading) are named for what they mean here.
//! Every struct denies unknown fields so a typo is an error with a "did you mean".

use serde::{Deserialize, Serialize};

mod field;
mod kinds;
mod lang;
pub use field::{Field, Step};
pub use kinds::{About, OpenData, Provenance, RecordData, Refs};
pub use lang::{Dir, Lang, LangError, Language, Languages, Localized, Review, Reviews};
pub(crate) use lang::{fallback_loop, is_language_tag, is_prefix_folder};

/// `site.yaml`: what the whole site is, and the vocabularies records refer to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, in the header of every page and the `<title>`.
    pub(crate) title: Localized,
    /// One line under the title on the home page.
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
    pub(crate) confirm_at: Localized,
    /// Months after `verified_on` before a record counts as stale.
    #[serde(default)]
    pub(crate) stale_after_months: Option<u32>,
    /// The stage ids in the order of a child's life (each has `content/stages/<id>.yaml`).
    pub(crate) stages: Vec<String>,
    /// The support tiers (1次, 2次, 3次 支援), in order: records name one by id.
    pub(crate) tiers: Vec<Term>,
    /// The city's wards: service areas and locations name them by id.
    pub(crate) wards: Vec<Term>,
    /// Who a record is for (parents, nursery staff…): records list them by id.
    pub(crate) audiences: Vec<Term>,
    /// How big and deep one file may be (`limits:`); defaults suit a city's directory.
    #[serde(default)]
    pub limits: Limits,
    /// What the staff entrance (`staff/`) shows, section by section.
    #[serde(default)]
    pub(crate) staff: StaffPage,
    /// Kinds of phone line (代表, 相談, 24時間…) a location's `phones` name by id.
    #[serde(default)]
    pub(crate) phone_types: Vec<Term>,
    /// The documents and pages facts come from, declared once and referred to by id.
    #[serde(default)]
    pub sources: Vec<SourceDecl>,
    /// The month this edition is issued (`YYYY-MM`): printed on the handouts, and the date
    /// pages measure `stale_after_months` against, so that builds stay deterministic.
    #[serde(default)]
    pub(crate) issued: Option<String>,
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
    /// SPDX identifier, e.g. `CC-BY-4.0`.
    pub(crate) id: String,
    /// The licence's full name.
    pub title: String,
    /// Where the licence text is published.
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
    pub(crate) file_bytes: u64,
    /// Size of one text value (after YAML escapes), in bytes.
    pub(crate) text_bytes: usize,
    /// Nesting of lists and maps in one YAML file.
    pub(crate) yaml_depth: usize,
    /// Entries in one YAML list or map.
    pub(crate) list_entries: usize,
    /// Values in one file once every alias (`*name`) is expanded.
    pub(crate) expanded_nodes: usize,
    /// Bytes of text in one file once every alias is expanded.
    pub(crate) expanded_bytes: usize,
    /// Nesting of block quotes, lists and unclosed HTML tags in one Markdown text.
    pub(crate) markdown_depth: usize,
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
pub(crate) struct StaffPage {
    /// A child worries you: where staff can talk it over.
    #[serde(default)]
    pub(crate) worried: Vec<String>,
    /// Talking with parents: windows and programs to point parents to.
    #[serde(default)]
    pub(crate) parents: Vec<String>,
    /// What the nursery or school can request, with how and whom to call.
    #[serde(default)]
    pub(crate) request: Vec<String>,
    /// How the network works: city projects, councils, the network meeting.
    #[serde(default)]
    pub(crate) network: Vec<String>,
}

impl StaffPage {
    /// Each section's key (in `site.yaml` and in the staff page's data) and its ids.
    pub(crate) fn sections(&self) -> [(&'static str, &[String]); 4] {
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
    /// What records and locations name in `source:`.
    pub id: String,
    /// The document's or page's title, as printed on pages.
    pub title: Localized,
    /// Where to read it, when it is on the web.
    #[serde(default)]
    pub(crate) url: Option<String>,
    /// Who published it (the city, the network meeting).
    pub(crate) publisher: Localized,
    /// `meeting` (a meeting's document, dated by the meeting) or `page` (a web page, dated
    /// by its own "last updated" line).
    pub(crate) kind: String,
    /// The document's or page's own date, `YYYY-MM-DD`, or `unknown`.
    pub(crate) date: String,
}

/// An entry of a small vocabulary (tier, ward, audience) declared in `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Term {
    /// What records name in YAML (a-z, 0-9 and `-`; `citywide` is reserved).
    pub(crate) id: String,
    /// Its name in words.
    pub(crate) name: Localized,
    /// A short form for tight places (search results, badges); the name when absent.
    #[serde(default)]
    pub(crate) short: Option<Localized>,
    /// A sentence saying what it means, for the pages that explain the terms.
    #[serde(default)]
    pub(crate) description: Option<Localized>,
}

/// A record's own web address and email. Phones, addresses and hours are facts a parent
/// acts on, so they live only in sourced [`Location`]s; the old `phone`, `address` and
/// `hours` keys are still read so that `check` can say where they moved.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    /// The record's email address (checked to look like one).
    #[serde(default)]
    pub(crate) email: Option<String>,
    /// The record's own web page (http(s) only).
    #[serde(default)]
    pub(crate) url: Option<String>,
    /// Moved to `locations[].phones`: read only so `check` can say where it went.
    #[serde(default)]
    pub(crate) phone: Option<serde_yaml_ng::Value>,
    /// Moved to `locations[].address`: read only so `check` can say where it went.
    #[serde(default)]
    pub(crate) address: Option<serde_yaml_ng::Value>,
    /// Moved to `locations[].hours`: read only so `check` can say where it went.
    #[serde(default)]
    pub(crate) hours: Option<serde_yaml_ng::Value>,
}

impl Contact {
    /// No web address or email (phones and addresses are in `locations`).
    pub(crate) fn is_empty(&self) -> bool {
        self.email.is_none() && self.url.is_none()
    }
}

/// A place where an agency can be reached (HSDS `location` with its `phone`s and
/// `schedule`). Every location, phone and hours entry names its `source`; `check` refuses
/// one without (the field is optional here so the error can say where and how to fix it).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// What the place is called (a ward office's name, a centre's building).
    pub name: Localized,
    /// The ward the place is in (a ward id from `site.yaml`).
    #[serde(default)]
    pub ward: Option<String>,
    /// The address as the source prints it (the open data splits off the building part).
    #[serde(default)]
    pub address: Option<Localized>,
    /// Its phone lines, each with its kind and source.
    #[serde(default)]
    pub phones: Vec<Phone>,
    /// Opening hours in words, with their source.
    #[serde(default)]
    pub hours: Option<SourcedText>,
    /// Source id of the name and address.
    #[serde(default)]
    pub source: Option<String>,
}

/// One phone line of a location (HSDS `phone`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// As the source prints it, e.g. `096-328-2111`.
    pub number: String,
    /// A `phone_types` id from `site.yaml`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Source id of the number (a `sources:` id of site.yaml).
    #[serde(default)]
    pub source: Option<String>,
}

/// Text with the id of the source it was read from (opening hours).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedText {
    /// The text, as the source states it.
    pub text: Localized,
    /// Source id (a `sources:` id of site.yaml).
    #[serde(default)]
    pub source: Option<String>,
}

/// The kinds of record, described once: what a kind is called (in messages, `madoguchi
/// new`, lists and search) and its folder (under `content/`, and of its pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An organisation or window (`content/agencies/`).
    Agency,
    /// A project or programme run by an agency (`content/programs/`).
    Program,
    /// A ward network of supporters (`content/networks/`).
    Network,
    /// A stage of the child's life (`content/stages/`).
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

    /// Its position in [`Kind::ALL`] (search results name their section by it).
    pub const fn index(self) -> usize {
        self as usize
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
    /// The name as the source writes it; required in the site's first language.
    pub name: Localized,
    /// Reading in hiragana, so search finds 「じそう」 as well as 児相.
    pub(crate) kana: String,
    /// Names people actually use: abbreviations, older names, English variants.
    #[serde(default)]
    pub(crate) alternate_name: Vec<String>,
    /// A tier id from site.yaml (first contact, specialist…).
    pub(crate) tier: String,
    /// What kind of window it is, in a few words (相談窓口, 医療機関…).
    pub(crate) kind: Localized,
    /// Ward ids, or `[citywide]`.
    pub(crate) service_areas: Vec<String>,
    /// Audience ids from site.yaml: who it serves (at least one).
    pub(crate) audiences: Vec<String>,
    /// Stage ids: the stages of a child's life it serves (at least one).
    pub(crate) stages: Vec<String>,
    /// Markdown.
    pub description: Localized,
    /// How to start: call first, drop in, appointment, referral needed.
    pub(crate) application_process: Localized,
    /// What it costs, in words.
    #[serde(default)]
    pub(crate) fees: Option<Localized>,
    /// Who may use it, in words.
    #[serde(default)]
    pub(crate) eligibility: Option<Localized>,
    /// Web address and email; phones and addresses are in `locations`.
    #[serde(default)]
    pub(crate) contact: Contact,
    /// Where the agency can be reached, each with its phones and hours.
    #[serde(default)]
    pub locations: Vec<Location>,
    /// Who runs it, in words (a corporation, the city).
    #[serde(default)]
    pub(crate) operated_by: Option<Localized>,
    /// Program ids it runs, linked from its page.
    #[serde(default)]
    pub(crate) programs: Vec<String>,
    /// Fields stating what the source does not say (inferred from context): pages mark
    /// them 要確認 / "to be confirmed" and `check` lists them for staff.
    #[serde(default)]
    pub(crate) unconfirmed: Vec<String>,
    /// Fields stating general national rules (受給者証, 療育手帳, fees) rather than what the
    /// source says about this city: pages label them as general information.
    #[serde(default)]
    pub(crate) general_information: Vec<String>,
    /// The source id (site.yaml `sources:`) the record was written from.
    pub(crate) source: String,
    /// The date staff last checked the record against its source, `YYYY-MM-DD`.
    pub(crate) verified_on: String,
    /// The record's own review status per language, where it differs from its
    /// language's (site.yaml): `review: {vi: reviewed, zh-Hans: draft}`.
    #[serde(default)]
    pub(crate) review: Reviews,
}

/// A project or programme: parent training, coordinator training, itinerant consultation…
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// The name as the source writes it; required in the site's first language.
    pub(crate) name: Localized,
    /// Reading in hiragana, for search and sorting.
    pub(crate) kana: String,
    /// Names people actually use: abbreviations, older names, English variants.
    #[serde(default)]
    pub(crate) alternate_name: Vec<String>,
    /// What kind of program it is, in a few words.
    pub(crate) kind: Localized,
    /// Agency id of the operator.
    pub operator: String,
    /// A tier id from site.yaml, when the program belongs to one.
    #[serde(default)]
    pub(crate) tier: Option<String>,
    /// Audience ids from site.yaml (at least one).
    pub(crate) audiences: Vec<String>,
    /// Stage ids it serves (at least one).
    pub(crate) stages: Vec<String>,
    /// Ward ids or `citywide`; empty when the source does not say.
    #[serde(default)]
    pub(crate) service_areas: Vec<String>,
    /// Markdown: what the program does.
    pub(crate) description: Localized,
    /// How to join: ask the operator, apply at school…
    pub(crate) application_process: Localized,
    /// When it runs, in words.
    #[serde(default)]
    pub(crate) schedule: Option<Localized>,
    /// What it costs, in words.
    #[serde(default)]
    pub(crate) fees: Option<Localized>,
    /// Web address and email of the program itself.
    #[serde(default)]
    pub(crate) contact: Contact,
    /// Fields stating what the source does not say (inferred from context): pages mark
    /// them 要確認 / "to be confirmed" and `check` lists them for staff.
    #[serde(default)]
    pub(crate) unconfirmed: Vec<String>,
    /// Fields stating general national rules (受給者証, 療育手帳, fees) rather than what the
    /// source says about this city: pages label them as general information.
    #[serde(default)]
    pub(crate) general_information: Vec<String>,
    /// The source id (site.yaml `sources:`) the record was written from.
    pub(crate) source: String,
    /// The date staff last checked the record against its source, `YYYY-MM-DD`.
    pub(crate) verified_on: String,
    /// The record's own review status per language, where it differs from its
    /// language's (site.yaml): `review: {vi: reviewed, zh-Hans: draft}`.
    #[serde(default)]
    pub(crate) review: Reviews,
}

/// One of the five ward networks of supporters (北・東・南・中央・西ネット).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// The network's name (北区ネット…).
    pub(crate) name: Localized,
    /// Reading in hiragana, for search and sorting.
    pub(crate) kana: String,
    /// Other names people use.
    #[serde(default)]
    pub(crate) alternate_name: Vec<String>,
    /// The ward id it covers (one ward; not `citywide`).
    pub(crate) ward: String,
    /// Agency ids.
    pub(crate) members: Vec<String>,
    /// Markdown: who meets and why.
    pub(crate) description: Localized,
    /// What it does, one text per entry.
    pub(crate) activities: Vec<Localized>,
    /// Fields stating what the source does not say (inferred from context): pages mark
    /// them 要確認 / "to be confirmed" and `check` lists them for staff.
    #[serde(default)]
    pub(crate) unconfirmed: Vec<String>,
    /// Fields stating general national rules (受給者証, 療育手帳, fees) rather than what the
    /// source says about this city: pages label them as general information.
    #[serde(default)]
    pub(crate) general_information: Vec<String>,
    /// The source id (site.yaml `sources:`) the record was written from.
    pub(crate) source: String,
    /// The date staff last checked the record against its source, `YYYY-MM-DD`.
    pub(crate) verified_on: String,
    /// The record's own review status per language, where it differs from its
    /// language's (site.yaml): `review: {vi: reviewed, zh-Hans: draft}`.
    #[serde(default)]
    pub(crate) review: Reviews,
}

/// A step on a stage page: a record to go to, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StageStep {
    /// Id of an agency or program.
    #[serde(rename = "ref")]
    pub(crate) target: String,
    /// Why this is the place to go at this stage, in a parent's words.
    pub(crate) why: Localized,
    /// How to get there: call first, at the checkup…
    #[serde(default)]
    pub(crate) how: Option<Localized>,
}

/// A stage of the child's life, in the order of `site.yaml`'s `stages`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// The stage's name (1歳6か月児健診…).
    pub(crate) name: Localized,
    /// Reading in hiragana, for search and sorting.
    pub(crate) kana: String,
    /// Other names people use.
    #[serde(default)]
    pub(crate) alternate_name: Vec<String>,
    /// Age range in words, e.g. 「1歳6か月ごろ」.
    pub(crate) age: Localized,
    /// One or two sentences: what happens at this stage.
    pub(crate) summary: Localized,
    /// The windows to use first (at least one).
    pub(crate) first_windows: Vec<StageStep>,
    /// Where the first windows usually lead.
    pub(crate) next_steps: Vec<StageStep>,
    /// What helps while waiting for the next step.
    #[serde(default)]
    pub(crate) while_waiting: Vec<StageStep>,
    /// What to say when calling (used on handouts).
    #[serde(default)]
    pub(crate) what_to_say: Option<Localized>,
    /// Stages with a printed handout (the infant checkups).
    #[serde(default)]
    pub(crate) handout: bool,
    /// The source id (site.yaml `sources:`) the record was written from.
    pub(crate) source: String,
    /// The date staff last checked the record against its source, `YYYY-MM-DD`.
    pub(crate) verified_on: String,
    /// The record's own review status per language, where it differs from its
    /// language's (site.yaml): `review: {vi: reviewed, zh-Hans: draft}`.
    #[serde(default)]
    pub(crate) review: Reviews,
}
