//! What each record kind says about itself, written once beside its struct: its fields by
//! the role the stages that treat every record alike read them in (validation, freshness,
//! search, open data). Those stages read an [`About`] and never name a kind, so a new
//! field is described here and nowhere else; a new kind implements [`RecordData`].

use super::{
    Agency, Contact, Field, Kind, Localized, Location, Network, Program, Reviews, Stage, StageStep,
};

/// A record type of `content/<kind>/`: its kind, and its fields by role.
pub trait RecordData {
    /// The kind this type is the record of (`load` reads it from `KIND.dir()`).
    const KIND: Kind;

    /// The record's fields by role. Cheap: borrows the record and collects its texts.
    fn about(&self) -> About<'_>;
}

/// One record's fields by role; `None` or empty where a kind has no such field.
#[derive(Debug, Clone)]
pub struct About<'a> {
    /// The record's name (search's main field, the open data's `name`).
    pub(crate) name: &'a Localized,
    /// The name's reading in hiragana (search finds 「じそう」 as well as 児相).
    pub(crate) kana: &'a str,
    /// Other names people use; searched like the name.
    pub(crate) alternate_name: &'a [String],
    /// The id of the source the record was written from (a `sources:` id of site.yaml).
    pub(crate) source: &'a str,
    /// `YYYY-MM-DD`, as written: `validate` checks it, `freshness` ages it.
    pub verified_on: &'a str,
    /// A few words saying what the record is (an agency's `kind`, a stage's `age`), shown
    /// under its name in search results; `None`: the kind's list name is shown.
    pub(crate) label: Option<&'a Localized>,
    /// The main text (`description`, a stage's `summary`): indexed, and its start is the
    /// search result's snippet.
    pub(crate) description: &'a Localized,
    /// Whether `description` is Markdown: its links are checked and its nesting bounded.
    pub(crate) markdown: bool,
    /// Every text a translator fills in, with its field in the file (`locations[1].name`:
    /// where diagnostics find it), so `check` lists the missing translations; `None`: left
    /// out.
    pub texts: Vec<(Field, Option<&'a Localized>)>,
    /// The record's own `review:` entries per language (else its language's status holds).
    pub review: &'a Reviews,
    /// The tier id, when the record has one.
    pub(crate) tier: Option<&'a str>,
    /// `service_areas`: ward ids or `citywide`.
    pub(crate) service_areas: &'a [String],
    /// The one ward a record belongs to (a network's `ward`; `citywide` is not one).
    pub(crate) ward: Option<&'a str>,
    /// `audiences` ids, when the kind has the field (then at least one is required).
    pub(crate) audiences: Option<&'a [String]>,
    /// `stages` ids, when the kind has the field (then at least one is required).
    pub(crate) stages: Option<&'a [String]>,
    /// The record is itself a stage: search lists it under its own stage.
    pub(crate) own_stage: bool,
    /// Lists that may not be empty: (key, number of entries, how to fill it).
    pub(crate) non_empty: Vec<(&'static str, usize, &'static str)>,
    /// References to other records, each checked to name an existing one.
    pub(crate) refs: Vec<Refs<'a>>,
    /// `unconfirmed:` and `general_information:`, for kinds that have them.
    pub(crate) provenance: Option<Provenance<'a>>,
    /// The record's own web address and email, for kinds that have the field (`freshness`
    /// warns about such a record with neither, nor a location).
    pub(crate) contact: Option<&'a Contact>,
    /// Where the record can be reached, with phones and hours (each names its source).
    pub(crate) locations: &'a [Location],
    /// How to start (`application_process`), for services.
    pub(crate) application_process: Option<&'a Localized>,
    /// `fees`, for services.
    pub(crate) fees: Option<&'a Localized>,
    /// `eligibility`, for services.
    pub(crate) eligibility: Option<&'a Localized>,
    /// Who runs it, in words (`operated_by`).
    pub(crate) operated_by: Option<&'a Localized>,
    /// What the record is in the open data (HSDS and 公共施設一覧).
    pub(crate) open_data: OpenData<'a>,
}

impl<'a> About<'a> {
    /// The texts the record has, with their fields (those left out skipped): what
    /// validation checks, `check` counts and the draft notice looks at.
    pub(crate) fn written_texts(&self) -> impl Iterator<Item = (Field, &'a Localized)> + '_ {
        (self.texts.iter()).filter_map(|&(key, text)| Some((key, text?)))
    }
}

/// References from one field to records of other kinds.
#[derive(Debug, Clone)]
pub struct Refs<'a> {
    /// The field's key in the record file.
    pub(crate) key: &'static str,
    /// The ids it names, each with its own field (`programs[2]`, `first_windows[0].ref`).
    pub(crate) ids: Vec<(Field, &'a str)>,
    /// The kinds the ids may be records of.
    pub(crate) to: &'static [Kind],
}

/// A record's `unconfirmed:` and `general_information:` lists and which fields its kind
/// may mark unconfirmed (pages print those marked 要確認).
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    /// Fields stating what the source does not say.
    pub(crate) unconfirmed: &'a [String],
    /// Fields stating general national rules rather than the source's own words.
    pub(crate) general_information: &'a [String],
    /// The field names `unconfirmed:` may hold for this kind.
    pub(crate) markable: &'static [&'static str],
}

/// What a record becomes in the open data (docs/open-data.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenData<'a> {
    /// An organization with one service (its window) at its sourced locations, which are
    /// also rows of 公共施設一覧.
    OrganizationWithService,
    /// A service of the organization of another record (an agency id).
    ServiceOf(&'a str),
    /// An organization without a service of its own.
    Organization,
    /// No row of its own (stages are taxonomy terms of the services).
    Nothing,
}

/// The kinds agencies and programs both serve: steps and staff lists name either.
const AGENCY_OR_PROGRAM: &[Kind] = &[Kind::Agency, Kind::Program];

/// The ids of the list at `key`, each at its entry.
fn list_ids<'a>(key: &'static str, ids: &'a [String]) -> Vec<(Field, &'a str)> {
    let at = |(i, id): (usize, &'a String)| (Field::key(key).at(i), id.as_str());
    ids.iter().enumerate().map(at).collect()
}

fn provenance<'a>(
    unconfirmed: &'a [String],
    general_information: &'a [String],
    markable: &'static [&'static str],
) -> Option<Provenance<'a>> {
    Some(Provenance {
        unconfirmed,
        general_information,
        markable,
    })
}

impl RecordData for Agency {
    const KIND: Kind = Kind::Agency;

    fn about(&self) -> About<'_> {
        About {
            name: &self.name,
            kana: &self.kana,
            alternate_name: &self.alternate_name,
            source: &self.source,
            verified_on: &self.verified_on,
            label: Some(&self.kind),
            description: &self.description,
            markdown: true,
            texts: self.texts(),
            review: &self.review,
            tier: Some(&self.tier),
            service_areas: &self.service_areas,
            ward: None,
            audiences: Some(&self.audiences),
            stages: Some(&self.stages),
            own_stage: false,
            non_empty: vec![(
                "service_areas",
                self.service_areas.len(),
                "add the ward ids served, or `[citywide]`",
            )],
            refs: vec![Refs {
                key: "programs",
                ids: list_ids("programs", &self.programs),
                to: &[Kind::Program],
            }],
            provenance: provenance(
                &self.unconfirmed,
                &self.general_information,
                &[
                    "tier",
                    "operated_by",
                    "programs",
                    "fees",
                    "eligibility",
                    "description",
                    "application_process",
                ],
            ),
            contact: Some(&self.contact),
            locations: &self.locations,
            application_process: Some(&self.application_process),
            fees: self.fees.as_ref(),
            eligibility: self.eligibility.as_ref(),
            operated_by: self.operated_by.as_ref(),
            open_data: OpenData::OrganizationWithService,
        }
    }
}

impl Agency {
    /// The agency's own texts, then each location's name and opening hours: parents read
    /// those on its page and on the checkup handouts, so `check` counts them too. The
    /// address stays as the source prints it (in Japanese, as the post delivers it).
    fn texts(&self) -> Vec<(Field, Option<&Localized>)> {
        let mut texts = vec![
            (Field::key("name"), Some(&self.name)),
            (Field::key("kind"), Some(&self.kind)),
            (Field::key("description"), Some(&self.description)),
            (
                Field::key("application_process"),
                Some(&self.application_process),
            ),
            (Field::key("fees"), self.fees.as_ref()),
            (Field::key("eligibility"), self.eligibility.as_ref()),
            (Field::key("operated_by"), self.operated_by.as_ref()),
        ];
        for (i, place) in self.locations.iter().enumerate() {
            let at = Field::key("locations").at(i);
            texts.push((at.field("name"), Some(&place.name)));
            let hours = place.hours.as_ref().map(|h| &h.text);
            texts.push((at.field("hours").field("text"), hours));
        }
        texts
    }
}

impl RecordData for Program {
    const KIND: Kind = Kind::Program;

    fn about(&self) -> About<'_> {
        About {
            name: &self.name,
            kana: &self.kana,
            alternate_name: &self.alternate_name,
            source: &self.source,
            verified_on: &self.verified_on,
            label: Some(&self.kind),
            description: &self.description,
            markdown: true,
            texts: vec![
                (Field::key("name"), Some(&self.name)),
                (Field::key("kind"), Some(&self.kind)),
                (Field::key("description"), Some(&self.description)),
                (
                    Field::key("application_process"),
                    Some(&self.application_process),
                ),
                (Field::key("schedule"), self.schedule.as_ref()),
                (Field::key("fees"), self.fees.as_ref()),
            ],
            review: &self.review,
            tier: self.tier.as_deref(),
            service_areas: &self.service_areas,
            ward: None,
            audiences: Some(&self.audiences),
            stages: Some(&self.stages),
            own_stage: false,
            non_empty: Vec::new(),
            refs: vec![Refs {
                key: "operator",
                ids: vec![(Field::key("operator"), &self.operator)],
                to: &[Kind::Agency],
            }],
            provenance: provenance(
                &self.unconfirmed,
                &self.general_information,
                &[
                    "operator",
                    "tier",
                    "fees",
                    "schedule",
                    "description",
                    "application_process",
                ],
            ),
            contact: Some(&self.contact),
            locations: &[],
            application_process: Some(&self.application_process),
            fees: self.fees.as_ref(),
            eligibility: None,
            operated_by: None,
            open_data: OpenData::ServiceOf(&self.operator),
        }
    }
}

impl RecordData for Network {
    const KIND: Kind = Kind::Network;

    fn about(&self) -> About<'_> {
        let mut texts = vec![
            (Field::key("name"), Some(&self.name)),
            (Field::key("description"), Some(&self.description)),
        ];
        let activities = self.activities.iter().enumerate();
        texts.extend(activities.map(|(i, a)| (Field::key("activities").at(i), Some(a))));
        About {
            name: &self.name,
            kana: &self.kana,
            alternate_name: &self.alternate_name,
            source: &self.source,
            verified_on: &self.verified_on,
            label: None,
            description: &self.description,
            markdown: true,
            texts,
            review: &self.review,
            tier: None,
            service_areas: &[],
            ward: Some(&self.ward),
            audiences: None,
            stages: None,
            own_stage: false,
            non_empty: Vec::new(),
            refs: vec![Refs {
                key: "members",
                ids: list_ids("members", &self.members),
                to: &[Kind::Agency],
            }],
            provenance: provenance(
                &self.unconfirmed,
                &self.general_information,
                &["members", "activities", "description"],
            ),
            contact: None,
            locations: &[],
            application_process: None,
            fees: None,
            eligibility: None,
            operated_by: None,
            open_data: OpenData::Organization,
        }
    }
}

impl Stage {
    /// The stage's steps by their key: windows to use first, next steps, while waiting.
    pub(crate) fn steps(&self) -> [(&'static str, &[StageStep]); 3] {
        [
            ("first_windows", &self.first_windows),
            ("next_steps", &self.next_steps),
            ("while_waiting", &self.while_waiting),
        ]
    }
}

impl RecordData for Stage {
    const KIND: Kind = Kind::Stage;

    fn about(&self) -> About<'_> {
        let mut texts = vec![
            (Field::key("name"), Some(&self.name)),
            (Field::key("age"), Some(&self.age)),
            (Field::key("summary"), Some(&self.summary)),
            (Field::key("what_to_say"), self.what_to_say.as_ref()),
        ];
        let steps = self.steps();
        for (key, list) in steps {
            for (i, st) in list.iter().enumerate() {
                let at = Field::key(key).at(i);
                texts.extend([
                    (at.field("why"), Some(&st.why)),
                    (at.field("how"), st.how.as_ref()),
                ]);
            }
        }
        About {
            name: &self.name,
            kana: &self.kana,
            alternate_name: &self.alternate_name,
            source: &self.source,
            verified_on: &self.verified_on,
            label: Some(&self.age),
            description: &self.summary,
            markdown: false,
            texts,
            review: &self.review,
            tier: None,
            service_areas: &[],
            ward: None,
            audiences: None,
            stages: None,
            own_stage: true,
            non_empty: vec![(
                "first_windows",
                self.first_windows.len(),
                "name at least one window to use first",
            )],
            refs: (steps.into_iter())
                .map(|(key, list)| Refs {
                    key,
                    ids: (list.iter().enumerate())
                        .map(|(i, st)| (Field::key(key).at(i).field("ref"), st.target.as_str()))
                        .collect(),
                    to: AGENCY_OR_PROGRAM,
                })
                .collect(),
            provenance: None,
            contact: None,
            locations: &[],
            application_process: None,
            fees: None,
            eligibility: None,
            operated_by: None,
            open_data: OpenData::Nothing,
        }
    }
}
