//! Lists of records on a big site: kept as record positions until their page is rendered,
//! and split into pages of [`PAGE_SIZE`].
//!
//! A list page of a national directory would otherwise hold tens of thousands of links:
//! megabytes no phone should download, built before rendering starts and held in memory
//! throughout. Here a list page holds only which records it shows; their links (or cards)
//! are built on the rendering thread and dropped with the page.

use super::{Builder, Link, PageData, Text};
use crate::load::Content;
use crate::model::{Kind, Localized};
use serde::Serialize;

/// Links per page of a paged list (agencies, an audience, a ward, recent updates…).
pub(crate) const PAGE_SIZE: usize = 100;

/// A line of the "recently updated" page and an entry of the Atom feed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Update {
    /// The record's kind (`agency`, `program`…).
    pub(crate) kind: &'static str,
    /// The record's id.
    pub(crate) id: String,
    /// Relative to the language root, like every other link of the site model.
    pub(crate) href: String,
    /// Its name.
    pub(crate) name: Text,
    /// When it was last checked, `YYYY-MM-DD`.
    pub(crate) verified_on: String,
    /// `verified_on` as an RFC 3339 time (midnight in Japan), for Atom's `<updated>`.
    pub(crate) updated: String,
    /// Its source id.
    pub(crate) source: String,
}

/// A record a list points to, by its position in the loaded content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub(crate) enum ItemRef {
    /// Position in `Content::agencies`.
    Agency(u32),
    /// Position in `Content::programs`.
    Program(u32),
    /// Position in `Content::networks`.
    Network(u32),
    /// Position in `Content::stages`.
    Stage(u32),
}

/// What lists print of a record, whatever its kind.
pub(crate) struct Listed<'c> {
    pub(crate) kind: &'static str,
    /// The folder its pages are in.
    pub(crate) dir: &'static str,
    pub(crate) id: &'c str,
    pub(crate) name: &'c Localized,
    /// The reading lists are sorted by.
    pub(crate) kana: &'c str,
    /// The kind of window or program, for agencies and programs.
    pub(crate) note: Option<&'c Localized>,
    pub(crate) verified_on: &'c str,
    pub(crate) source: &'c str,
}

impl Listed<'_> {
    pub(crate) fn href(&self) -> String {
        crate::routes::entry(self.dir, self.id)
    }
}

impl ItemRef {
    /// The record in `c` with what a list line shows of it.
    pub(crate) fn resolve(self, c: &Content) -> Listed<'_> {
        let (kind, id, name, kana, note, verified_on, source) = match self {
            ItemRef::Agency(i) => {
                let r = &c.agencies[i as usize];
                let d = &r.data;
                (
                    Kind::Agency,
                    &r.id,
                    &d.name,
                    &d.kana,
                    Some(&d.kind),
                    &d.verified_on,
                    &d.source,
                )
            }
            ItemRef::Program(i) => {
                let r = &c.programs[i as usize];
                let d = &r.data;
                (
                    Kind::Program,
                    &r.id,
                    &d.name,
                    &d.kana,
                    Some(&d.kind),
                    &d.verified_on,
                    &d.source,
                )
            }
            ItemRef::Network(i) => {
                let r = &c.networks[i as usize];
                let d = &r.data;
                (
                    Kind::Network,
                    &r.id,
                    &d.name,
                    &d.kana,
                    None,
                    &d.verified_on,
                    &d.source,
                )
            }
            ItemRef::Stage(i) => {
                let r = &c.stages[i as usize];
                let d = &r.data;
                (
                    Kind::Stage,
                    &r.id,
                    &d.name,
                    &d.kana,
                    None,
                    &d.verified_on,
                    &d.source,
                )
            }
        };
        Listed {
            kind: kind.name(),
            dir: kind.dir(),
            id,
            name,
            kana,
            note,
            verified_on,
            source,
        }
    }
}

/// Every agency's, program's and network's place in reading order (`kana`, the order of a
/// Japanese index; records with the same reading by id then kind), so the order never
/// depends on file names or load order. Computed once: sorting each of a site's many lists
/// by comparing readings took most of the site model's time at 50,000 records.
pub(super) struct KanaOrder {
    agencies: Vec<u32>,
    programs: Vec<u32>,
    networks: Vec<u32>,
    stages: Vec<u32>,
}

impl KanaOrder {
    pub(super) fn new(c: &Content) -> KanaOrder {
        let mut all: Vec<ItemRef> = (0..c.agencies.len() as u32)
            .map(ItemRef::Agency)
            .chain((0..c.programs.len() as u32).map(ItemRef::Program))
            .chain((0..c.networks.len() as u32).map(ItemRef::Network))
            .chain((0..c.stages.len() as u32).map(ItemRef::Stage))
            .collect();
        all.sort_by_cached_key(|r| {
            let l = r.resolve(c);
            (l.kana, l.id, l.kind)
        });
        let mut order = KanaOrder {
            agencies: vec![0; c.agencies.len()],
            programs: vec![0; c.programs.len()],
            networks: vec![0; c.networks.len()],
            stages: vec![0; c.stages.len()],
        };
        for (rank, r) in all.into_iter().enumerate() {
            let (ranks, i) = match r {
                ItemRef::Agency(i) => (&mut order.agencies, i),
                ItemRef::Program(i) => (&mut order.programs, i),
                ItemRef::Network(i) => (&mut order.networks, i),
                ItemRef::Stage(i) => (&mut order.stages, i),
            };
            ranks[i as usize] = rank as u32;
        }
        order
    }

    fn rank(&self, r: ItemRef) -> u32 {
        match r {
            ItemRef::Agency(i) => self.agencies[i as usize],
            ItemRef::Program(i) => self.programs[i as usize],
            ItemRef::Network(i) => self.networks[i as usize],
            ItemRef::Stage(i) => self.stages[i as usize],
        }
    }

    /// Puts `items` in reading order.
    pub(super) fn sort(&self, items: &mut [ItemRef]) {
        items.sort_unstable_by_key(|&r| self.rank(r));
    }
}

/// Records a list shows: their positions until the page is rendered, then what the
/// template prints of each (a `Link`, a `RecordView` card or an `Update`).
#[derive(Debug, Clone)]
pub(crate) enum Items<T> {
    /// Not built yet; serialized as the positions (for `PageSpec::digest`).
    Refs(Vec<ItemRef>),
    /// Built on the thread rendering the page, dropped with it.
    Built(Vec<T>),
}

impl<T> Items<T> {
    /// The records still to build (none once built).
    pub(crate) fn refs(&self) -> &[ItemRef] {
        match self {
            Items::Refs(refs) => refs,
            Items::Built(_) => &[],
        }
    }
}

impl<T: Serialize> Serialize for Items<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Items::Refs(refs) => refs.serialize(s),
            Items::Built(built) => built.serialize(s),
        }
    }
}

/// What a list prints of a record, built from its position.
pub(super) trait FromItem: Sized {
    fn build(b: &Builder, item: ItemRef) -> Option<Self>;
}

impl FromItem for Link {
    fn build(b: &Builder, item: ItemRef) -> Option<Self> {
        Some(b.item_link(item))
    }
}

impl FromItem for Update {
    fn build(b: &Builder, item: ItemRef) -> Option<Self> {
        Some(b.item_update(item))
    }
}

/// The summary a staff member needs to choose: a `RecordView` without Markdown, for
/// agencies and programs.
impl FromItem for super::RecordView {
    fn build(b: &Builder, item: ItemRef) -> Option<Self> {
        b.item_card(item)
    }
}

/// Builds `items` if they are not yet.
fn fill<T: FromItem>(items: &mut Items<T>, b: &Builder) {
    if let Items::Refs(refs) = items {
        *items = Items::Built(refs.iter().filter_map(|&i| T::build(b, i)).collect());
    }
}

/// Where one page of a paged list sits among its siblings. Links are relative to the
/// language root, like every link of the site model.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Pager {
    /// This page's number, from 1.
    pub(crate) number: usize,
    /// How many pages the list has.
    pub(crate) total: usize,
    /// The previous page, none on the first.
    pub(crate) prev: Option<String>,
    /// The next page, none on the last.
    pub(crate) next: Option<String>,
    /// The first and last pages and those near this one; `gap` marks pages left out.
    pub(crate) pages: Vec<PagerLink>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct PagerLink {
    pub(crate) number: usize,
    pub(crate) href: String,
    pub(crate) current: bool,
    pub(crate) gap_before: bool,
}

/// Splits `lists` (printed one after another, as sections of one page) into pages of
/// [`PAGE_SIZE`] records in all. Every page keeps every list, possibly empty, so the
/// template can tell "this section is on another page" from "this section is empty"
/// (on page 1). Always at least one page.
pub(super) fn paginate<const N: usize>(
    first: &str,
    lists: &[Vec<ItemRef>; N],
) -> Vec<(String, Pager, [Vec<ItemRef>; N])> {
    let total_items: usize = lists.iter().map(Vec::len).sum();
    let total = total_items.div_ceil(PAGE_SIZE).max(1);
    let starts: Vec<usize> = lists
        .iter()
        .scan(0, |offset, l| {
            let lo = *offset;
            *offset += l.len();
            Some(lo)
        })
        .collect();
    (1..=total)
        .map(|number| {
            let (start, end) = ((number - 1) * PAGE_SIZE, number * PAGE_SIZE);
            let slices = std::array::from_fn(|k| {
                let (lo, hi) = (starts[k], starts[k] + lists[k].len());
                let from = start.clamp(lo, hi) - lo;
                let to = end.clamp(lo, hi) - lo;
                lists[k][from..to].to_vec()
            });
            (
                crate::routes::paged(first, number),
                pager(first, number, total),
                slices,
            )
        })
        .collect()
}

fn pager(first: &str, number: usize, total: usize) -> Pager {
    let near = |n: usize| n == 1 || n == total || n.abs_diff(number) <= 2;
    let mut pages = Vec::new();
    let mut last_shown = 0;
    for n in (1..=total).filter(|&n| near(n)) {
        pages.push(PagerLink {
            number: n,
            href: crate::routes::paged(first, n),
            current: n == number,
            gap_before: n > last_shown + 1,
        });
        last_shown = n;
    }
    Pager {
        number,
        total,
        prev: (number > 1).then(|| crate::routes::paged(first, number - 1)),
        next: (number < total).then(|| crate::routes::paged(first, number + 1)),
        pages,
    }
}

impl Builder<'_> {
    /// Builds a page's lists (and a record page's record) into its data, on the thread
    /// rendering it.
    pub(super) fn fill(&self, data: &mut PageData) {
        match data {
            PageData::List(p) => fill(&mut p.items, self),
            PageData::Group(p) => fill(&mut p.items, self),
            PageData::Tiers(p) => p.groups.iter_mut().for_each(|g| fill(&mut g.items, self)),
            PageData::Ward(p) => {
                fill(&mut p.local, self);
                fill(&mut p.citywide, self);
            }
            PageData::Staff(p) => {
                let cards: Vec<ItemRef> = (p.sections().iter())
                    .flat_map(|s| s.refs().iter().copied())
                    .collect();
                p.contacts = self.operators_of(&cards);
                for section in [
                    &mut p.worried,
                    &mut p.parents,
                    &mut p.request,
                    &mut p.network,
                ] {
                    fill(section, self);
                }
            }
            PageData::Updates(p) => fill(&mut p.updates, self),
            PageData::Feed(p) => fill(&mut p.updates, self),
            PageData::Record(p) => p.record = Some(Box::new(self.record_view(p.lazy))),
            _ => {}
        }
    }

    /// A link to the record with its kind as the note, as lists print it.
    pub(super) fn item_link(&self, item: ItemRef) -> Link {
        let r = item.resolve(self.c);
        let name = if r.kind == "stage" {
            self.t(r.name)
        } else {
            self.name(r.name)
        };
        Link {
            href: r.href(),
            name,
            note: r.note.map(|k| self.t(k)),
        }
    }

    pub(super) fn item_update(&self, item: ItemRef) -> Update {
        let r = item.resolve(self.c);
        Update {
            kind: r.kind,
            id: r.id.to_string(),
            href: r.href(),
            name: self.t(r.name),
            verified_on: r.verified_on.to_string(),
            updated: format!("{}T00:00:00+09:00", r.verified_on),
            source: r.source.to_string(),
        }
    }

    pub(super) fn item_card(&self, item: ItemRef) -> Option<super::RecordView> {
        match item {
            ItemRef::Agency(i) => Some(self.agency_view(&self.c.agencies[i as usize], false)),
            ItemRef::Program(i) => Some(self.program_view(&self.c.programs[i as usize], false)),
            ItemRef::Network(_) | ItemRef::Stage(_) => None,
        }
    }

    /// The agencies running the programs among `items`, each once, in order.
    fn operators_of(&self, items: &[ItemRef]) -> Vec<super::RecordView> {
        let mut seen = std::collections::HashSet::new();
        items
            .iter()
            .filter_map(|&i| match i {
                ItemRef::Program(p) => Some(self.c.programs[p as usize].data.operator.as_str()),
                _ => None,
            })
            .filter(|id| seen.insert(*id))
            .filter_map(|id| self.agencies.get(id))
            .map(|a| self.agency_view(a, false))
            .collect()
    }
}

/// Text for "page 2 of 5" in a title.
pub(super) fn paged_title(title: &Text, pager: &Pager) -> String {
    if pager.number == 1 {
        title.text.clone()
    } else {
        format!("{} ({}/{})", title.text, pager.number, pager.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(n: u32) -> Vec<ItemRef> {
        (0..n).map(ItemRef::Agency).collect()
    }

    #[test]
    fn one_page_for_short_or_empty_lists() {
        let pages = paginate("agencies/index.html", &[vec![]]);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].0, "agencies/index.html");
        assert_eq!(pages[0].1.total, 1);
        assert!(pages[0].1.prev.is_none() && pages[0].1.next.is_none());
    }

    #[test]
    fn sections_are_paged_as_one_sequence() {
        let lists = [refs(150), refs(60)];
        let pages = paginate("wards/kita/index.html", &lists);
        let sizes: Vec<(usize, usize)> = pages
            .iter()
            .map(|(_, _, l)| (l[0].len(), l[1].len()))
            .collect();
        assert_eq!(sizes, [(100, 0), (50, 50), (0, 10)]);
        assert_eq!(pages[1].0, "wards/kita/page/2/index.html");
        assert_eq!(pages[1].2[1][0], ItemRef::Agency(0));
        assert_eq!(
            pages[2].1.prev.as_deref(),
            Some("wards/kita/page/2/index.html")
        );
        assert_eq!(
            pages[0].1.next.as_deref(),
            Some("wards/kita/page/2/index.html")
        );
    }

    #[test]
    fn pager_shows_ends_and_neighbours_with_gaps() {
        let p = pager("a/index.html", 10, 20);
        let shown: Vec<(usize, bool)> = p.pages.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            shown,
            [
                (1, false),
                (8, true),
                (9, false),
                (10, false),
                (11, false),
                (12, false),
                (20, true)
            ]
        );
        assert!(p.pages.iter().filter(|l| l.current).all(|l| l.number == 10));
        assert_eq!(p.pages[0].href, "a/index.html");
        assert_eq!(p.pages[6].href, "a/page/20/index.html");
    }
}
