//! What each page template receives besides the frame every page shares
//! (`render::frame`): one struct per template, named after it. `docs/templates.md` is
//! generated from this file's `///` comments (`tests/templates_doc.rs` fails when it is
//! out of date), so a theme editor reads there what a template can print.
//!
//! Adding a variable to a template is one line: a documented field in its struct below
//! (and the value where `pages.rs`, `sections.rs` or `handouts.rs` builds the struct).

use super::lists::{ItemRef, Items, Pager, Update};
use super::{CounterCard, Link, Place, RecordView, StageView, TermView, Text, WardLink};
use serde::Serialize;

/// Declares [`PageData`], one variant per template, each with its template's file name.
macro_rules! page_data {
    ($($variant:ident($page:ident) => $template:literal,)*) => {
        /// The data of one page, by template (boxed: a page list holds many, most of them
        /// small). Record pages and the lists of list pages are built only when the page
        /// is rendered, so memory stays flat as records grow.
        #[derive(Debug, Clone, Serialize)]
        #[serde(untagged)]
        pub(crate) enum PageData {
            $(#[doc = concat!("The data of `", $template, "`.")] $variant(Box<$page>),)*
        }

        impl PageData {
            /// The template that prints this data.
            pub(crate) fn template(&self) -> &'static str {
                match self {
                    $(PageData::$variant(_) => $template,)*
                }
            }
        }

        $(impl From<$page> for PageData {
            fn from(page: $page) -> PageData {
                PageData::$variant(Box::new(page))
            }
        })*
    };
}

page_data! {
    Home(HomePage) => "home.html",
    Stage(StagePage) => "stage.html",
    StageWard(StageWardPage) => "stage_ward.html",
    Stages(StagesPage) => "stages.html",
    Record(RecordPage) => "record.html",
    List(ListPage) => "list.html",
    Group(GroupPage) => "group.html",
    Groups(GroupsPage) => "groups.html",
    Tiers(TiersPage) => "tiers.html",
    Ward(WardPage) => "ward.html",
    Wards(WardsPage) => "wards.html",
    Staff(StaffPage) => "staff.html",
    Page(MarkdownPage) => "page.html",
    Search(SearchPage) => "search.html",
    Updates(UpdatesPage) => "updates.html",
    Feed(FeedPage) => "feed.xml",
    Handout(HandoutPage) => "handout.html",
    HandoutWard(HandoutWardPage) => "handout_ward.html",
    NotFound(NotFoundPage) => "404.html",
    Data(DataPage) => "data.html",
}

impl PageData {
    /// Every list of records the page shows, still as positions (empty once filled).
    pub(super) fn lists(&self) -> Vec<&[ItemRef]> {
        match self {
            PageData::List(p) => vec![p.items.refs()],
            PageData::Group(p) => vec![p.items.refs()],
            PageData::Tiers(p) => p.groups.iter().map(|g| g.items.refs()).collect(),
            PageData::Ward(p) => vec![p.local.refs(), p.citywide.refs()],
            PageData::Staff(p) => p.sections().iter().map(|s| s.refs()).collect(),
            PageData::Updates(p) => vec![p.updates.refs()],
            PageData::Feed(p) => vec![p.updates.refs()],
            _ => Vec::new(),
        }
    }
}

/// `home.html`: the entrance by stage of life, by audience and by ward.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HomePage {
    /// The stages of life in order.
    pub(crate) stages: Vec<StageView>,
    /// Who the windows are for.
    pub(crate) audiences: Vec<TermView>,
    /// The wards.
    pub(crate) wards: Vec<TermView>,
    /// Always true: base.html marks the home page's link.
    pub(crate) is_home: bool,
}

/// `stage.html`: one stage of life, its first windows and what comes next.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StagePage {
    /// The stage.
    pub(crate) stage: StageView,
    /// The ward filter: the stage narrowed to each ward.
    pub(crate) wards: Vec<WardLink>,
    /// The stage's printable handout, for checkup stages.
    pub(crate) handout_href: Option<String>,
    /// The card to show at the counter, on pages in a language the counter does not read
    /// (`counter.html`).
    pub(crate) counter: Option<CounterCard>,
}

/// `stage_ward.html`: a stage narrowed to one ward, led by that ward's office.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StageWardPage {
    /// The stage narrowed to the ward.
    pub(crate) stage: StageView,
    /// The ward.
    pub(crate) ward: TermView,
    /// The ward filter.
    pub(crate) wards: Vec<WardLink>,
    /// The ward's networks.
    pub(crate) networks: Vec<Link>,
    /// The ward office's windows.
    pub(crate) offices: Vec<Place>,
    /// The ward's handout of the stage, for checkup stages.
    pub(crate) handout_href: Option<String>,
    /// Always true: windows serving the whole city are marked as such.
    pub(crate) mark_citywide: bool,
    /// The card to show at the counter with this ward's office only, on pages in a
    /// language the counter does not read (`counter.html`).
    pub(crate) counter: Option<CounterCard>,
}

/// `stages.html`: every stage of life.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StagesPage {
    /// The stages in order.
    pub(crate) stages: Vec<StageView>,
}

/// `record.html`: an agency, program or network page, built when rendered.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RecordPage {
    /// The record; `null` until the page is rendered.
    pub(crate) record: Option<Box<RecordView>>,
    /// `agency`, `program` or `network`.
    pub(crate) kind: &'static str,
    /// The record's JSON-LD (schema.org), text already safe inside `<script>`: print it
    /// with `| safe`. `null` until the page is rendered.
    pub(crate) jsonld: Option<String>,
    #[serde(skip)]
    pub(super) lazy: super::LazyRecord,
}

/// `list.html`: one page of the list of all agencies, programs or networks.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListPage {
    /// The records of this page, by reading.
    pub(crate) items: Items<Link>,
    /// Where this page sits among the list's pages.
    pub(crate) pager: Pager,
}

/// The overview a group page belongs to, for its "back" link.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ParentLink {
    /// The overview page, relative to `base`.
    pub(crate) href: String,
    /// Its name.
    pub(crate) name: Text,
}

/// `group.html`: the records of one audience or tier.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupPage {
    /// The audience or tier.
    pub(crate) term: TermView,
    /// The overview of all audiences or tiers.
    pub(crate) parent: ParentLink,
    /// The records of this page, by reading.
    pub(crate) items: Items<Link>,
    /// Where this page sits among the group's pages.
    pub(crate) pager: Pager,
}

/// A heading of the audience overview.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupHeading {
    /// The audience.
    pub(crate) term: TermView,
}

/// `groups.html`: the audience overview (each audience's page lists its records).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupsPage {
    /// One heading per audience.
    pub(crate) groups: Vec<GroupHeading>,
}

/// A tier of the tier overview with its first records.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TierGroup {
    /// The tier.
    pub(crate) term: TermView,
    /// How many records the tier has in all.
    pub(crate) count: usize,
    /// The tier's own paged list, when it has more than the overview shows.
    pub(crate) all_href: Option<String>,
    /// Its first records, by reading.
    pub(crate) items: Items<Link>,
}

/// `tiers.html`: every tier (1次, 2次, 3次 …) with its first records.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TiersPage {
    /// The tiers in order.
    pub(crate) groups: Vec<TierGroup>,
}

/// `ward.html`: one ward's windows, then those serving the whole city.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WardPage {
    /// The ward.
    pub(crate) ward: TermView,
    /// The ward's networks.
    pub(crate) networks: Vec<Link>,
    /// The ward office's windows.
    pub(crate) offices: Vec<Place>,
    /// Agencies serving this ward, on this page.
    pub(crate) local: Items<Link>,
    /// Agencies serving the whole city, on this page.
    pub(crate) citywide: Items<Link>,
    /// Where this page sits among the ward's pages.
    pub(crate) pager: Pager,
}

/// `wards.html`: every ward.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WardsPage {
    /// The wards.
    pub(crate) wards: Vec<TermView>,
}

/// An audience on the staff entrance, with how many records it has.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AudienceCount {
    /// The audience.
    pub(crate) term: TermView,
    /// How many agencies and programs are for it.
    pub(crate) count: usize,
}

/// `staff.html` (with `staff_cards.html`): the staff entrance, its sections in the order
/// staff need them (`site.yaml` `staff`), paged as one sequence.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StaffPage {
    /// "A child worries you" (`RecordView` cards without Markdown).
    pub(crate) worried: Items<RecordView>,
    /// "Talking with parents" (`RecordView` cards).
    pub(crate) parents: Items<RecordView>,
    /// What the nursery or school can request (`RecordView` cards).
    pub(crate) request: Items<RecordView>,
    /// How the network works (`RecordView` cards).
    pub(crate) network: Items<RecordView>,
    /// The agencies running the programs the cards of this page show.
    pub(crate) contacts: Vec<RecordView>,
    /// Every audience but parents, with its count.
    pub(crate) groups: Vec<AudienceCount>,
    /// Where this page sits among the entrance's pages.
    pub(crate) pager: Pager,
}

impl StaffPage {
    /// The sections in the order they are printed.
    pub(super) fn sections(&self) -> [&Items<RecordView>; 4] {
        [&self.worried, &self.parents, &self.request, &self.network]
    }
}

/// `page.html`: a Markdown page (how the system works, about, privacy).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MarkdownPage {
    /// Its title.
    pub(crate) page_title: Text,
    /// Its body, sanitized HTML.
    pub(crate) body: Text,
}

/// `search.html`: the search page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchPage {
    /// The stages, for the filter.
    pub(crate) stages: Vec<StageView>,
    /// The wards, for the filter.
    pub(crate) wards: Vec<TermView>,
    /// The search index manifest of the language, relative to the output root.
    pub(crate) index_href: String,
}

/// `updates.html`: records by verification date, newest first.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct UpdatesPage {
    /// The records of this page.
    pub(crate) updates: Items<Update>,
    /// Where this page sits among the list's pages.
    pub(crate) pager: Pager,
}

/// `feed.xml`: the Atom feed of the most recently verified records.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedPage {
    /// The published address with a final `/`, when `base_url` is set.
    pub(crate) site_url: Option<String>,
    /// The newest records.
    pub(crate) updates: Items<Update>,
}

/// `handout.html`: a checkup stage's printable handout.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HandoutPage {
    /// The stage, its first windows cut to what fits a page.
    pub(crate) stage: StageView,
    /// The stage page's published address, when `base_url` is set.
    pub(crate) stage_url: Option<String>,
    /// The QR code of `stage_url`, as SVG.
    pub(crate) qr: Option<String>,
    /// The card to show at the counter with every ward office's number, in a language the
    /// counter does not read (`counter.html`, printed compactly; it holds the phone script).
    pub(crate) counter: Option<CounterCard>,
    /// With the card: the phone script's later paragraphs (how to prepare), printed once in
    /// the reader's language below the card's script, which is then its first paragraph.
    pub(crate) advice: Option<Text>,
    /// Always true: base.html prints the handout's frame.
    pub(crate) is_handout: bool,
}

/// `handout_ward.html`: a checkup stage's handout for one ward.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HandoutWardPage {
    /// The stage narrowed to the ward.
    pub(crate) stage: StageView,
    /// The ward.
    pub(crate) ward: TermView,
    /// The ward office's windows.
    pub(crate) offices: Vec<Place>,
    /// The lines open at any hour.
    pub(crate) any_hour: Vec<Place>,
    /// `YYYY-MM` from site.yaml's `issued`, printed as the issue month.
    pub(crate) issued: Option<String>,
    /// The ward-narrowed stage page's published address, when `base_url` is set.
    pub(crate) stage_url: Option<String>,
    /// The QR code of `stage_url`, as SVG.
    pub(crate) qr: Option<String>,
    /// The card to show at the counter with this ward's office, in a language the counter
    /// does not read (`counter.html`: it then holds the office and the phone script).
    pub(crate) counter: Option<CounterCard>,
    /// With the card: the phone script's later paragraphs (how to prepare), printed once in
    /// the reader's language below the card's script, which is then its first paragraph.
    pub(crate) advice: Option<Text>,
    /// Always true: base.html prints the handout's frame.
    pub(crate) is_handout: bool,
}

/// `404.html`: nothing besides the frame.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NotFoundPage {}

/// `data.html`: the open data page (only when site.yaml has `open_data:`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataPage {
    /// Each download, its columns or tables, the licence and the sources.
    pub(crate) data: super::OpenData,
}
