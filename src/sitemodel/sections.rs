//! Pages of the sections with more to gather: tiers, the staff entrance, stage pages
//! narrowed to a ward (with their handouts), and the updates list.

use super::*;

impl Builder<'_> {
    /// Every record, most recently verified first, then by id and kind, so the order never
    /// depends on file-system order or build time.
    pub(super) fn updates_newest_first(&self) -> Vec<ItemRef> {
        let c = self.c;
        let n = |len: usize| 0..len as u32;
        let mut all: Vec<ItemRef> = n(c.agencies.len())
            .map(ItemRef::Agency)
            .chain(n(c.programs.len()).map(ItemRef::Program))
            .chain(n(c.networks.len()).map(ItemRef::Network))
            .chain(n(c.stages.len()).map(ItemRef::Stage))
            .collect();
        // Each record's key read once, not at each of the sort's comparisons.
        all.sort_by_cached_key(|r| {
            let r = r.resolve(c);
            (std::cmp::Reverse(r.verified_on), r.id, r.kind)
        });
        all
    }

    /// The tier overview (every tier with its first records) and, for a tier with more
    /// than the overview shows, its own paged list.
    pub(super) fn tier_pages(&self) -> Vec<PageSpec> {
        let c = self.c;
        let mut out = Vec::new();
        let mut groups = Vec::new();
        for term in c.site.data.tiers.iter().filter_map(|t| self.tier(&t.id)) {
            let mut items: Vec<ItemRef> = c
                .agencies
                .iter()
                .enumerate()
                .filter(|(_, r)| r.data.tier == term.id)
                .map(|(i, _)| ItemRef::Agency(i as u32))
                .collect();
            items.extend(
                c.programs
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.data.tier.as_deref() == Some(term.id.as_str()))
                    .map(|(i, _)| ItemRef::Program(i as u32)),
            );
            self.kana_order.sort(&mut items);
            let all_href = routes::entry("tiers", &term.id);
            let more = items.len() > TIER_PREVIEW;
            groups.push(TierGroup {
                term: term.clone(),
                count: items.len(),
                all_href: more.then(|| all_href.clone()),
                items: Items::Refs(items[..items.len().min(TIER_PREVIEW)].to_vec()),
            });
            if more {
                out.extend(self.group_pages(&all_href, &term, "tiers", items));
            }
        }
        out.push(self.spec(
            routes::section("tiers"),
            &self.label("tiers"),
            PageData::from(TiersPage { groups }),
        ));
        out
    }

    /// The staff entrance, ordered by need: a child worries you, talking with parents,
    /// what the nursery or school can request, then how the network works (`site.yaml`'s
    /// `staff`), and every audience's list.
    pub(super) fn staff_pages(&self, by_audience: &[(&TermView, Vec<ItemRef>)]) -> Vec<PageSpec> {
        let staff = &self.c.site.data.staff;
        let mut sections = staff
            .sections()
            .map(|(_, ids)| ids.iter().filter_map(|id| self.item_ref(id)).collect());
        if sections.iter().all(Vec::is_empty) {
            sections[2] = self.staff_backup();
        }
        let groups: Vec<AudienceCount> = by_audience
            .iter()
            .filter(|(term, _)| term.id != "parents")
            .map(|(term, items)| AudienceCount {
                term: (*term).clone(),
                count: items.len(),
            })
            .collect();
        let make = |pager, [worried, parents, request, network]: [Vec<ItemRef>; 4]| {
            PageData::from(StaffPage {
                worried: Items::Refs(worried),
                parents: Items::Refs(parents),
                request: Items::Refs(request),
                network: Items::Refs(network),
                contacts: Vec::new(),
                groups: groups.clone(),
                pager,
            })
        };
        let title = self.label("for_staff");
        self.paged_specs("staff/index.html", &title, sections, make)
    }

    /// The agency or program with this id.
    pub(super) fn item_ref(&self, id: &str) -> Option<ItemRef> {
        let c = self.c;
        if let Some(i) = c.agencies.iter().position(|r| r.id == id) {
            return Some(ItemRef::Agency(i as u32));
        }
        c.programs
            .iter()
            .position(|r| r.id == id)
            .map(|i| ItemRef::Program(i as u32))
    }

    /// What staff can ask for on a site whose `site.yaml` does not say: the programs meant for
    /// staff (those for staff alone first), then the agencies staff can turn to beyond the
    /// everyday places they work in themselves (the first tier of site.yaml) that do not
    /// already run one of those programs.
    pub(super) fn staff_backup(&self) -> Vec<ItemRef> {
        let c = self.c;
        let for_staff = |ids: &[String]| ids.iter().any(|a| a != "parents");
        let staff_only = |ids: &[String]| ids.iter().all(|a| a != "parents");
        let programs = || {
            c.programs
                .iter()
                .enumerate()
                .filter(|(_, p)| for_staff(&p.data.audiences))
        };
        let mut backup: Vec<ItemRef> = programs()
            .filter(|(_, p)| staff_only(&p.data.audiences))
            .chain(programs().filter(|(_, p)| !staff_only(&p.data.audiences)))
            .map(|(i, _)| ItemRef::Program(i as u32))
            .collect();
        let operators: std::collections::HashSet<&str> =
            programs().map(|(_, p)| p.data.operator.as_str()).collect();
        let everyday = c.site.data.tiers.first().map(|t| t.id.as_str());
        backup.extend(
            c.agencies
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    for_staff(&a.data.audiences)
                        && Some(a.data.tier.as_str()) != everyday
                        && !operators.contains(a.id.as_str())
                })
                .map(|(i, _)| ItemRef::Agency(i as u32)),
        );
        backup
    }

    /// `stages/<id>/wards/<ward>/`: a stage's ladder narrowed to one ward, with its network.
    /// `stages/<id>/wards/<ward>/`: a stage's ladder narrowed to one ward, led by that
    /// ward's office, with its network; and for checkup stages the ward's handout.
    pub(super) fn stage_ward_pages(&self, wards: &[TermView]) -> Vec<PageSpec> {
        let mut out = Vec::new();
        let any_hour = self.any_hour_lines();
        let issued = self.c.site.data.issued.clone();
        let base_url = self.c.site.data.base_url.as_deref();
        let counter = self.counter_card();
        for r in self
            .c
            .site
            .data
            .stages
            .iter()
            .filter_map(|id| self.c.stages.iter().find(|r| &r.id == id))
        {
            for w in wards {
                let stage = self.stage_view(r, Some(&w.id));
                let offices = self.ward_offices(&w.id);
                // A ward's pages give its own office's number on the card.
                let counter = counter.as_ref().map(|c| c.with_offices(&offices));
                let networks: Vec<Link> = self
                    .c
                    .networks
                    .iter()
                    .filter(|n| n.data.ward == w.id)
                    .map(|n| Link {
                        href: network_href(&n.id),
                        name: self.name(&n.data.name),
                        note: None,
                    })
                    .collect();
                let title = Text::plain(&self.ui.fill(
                    self.lang,
                    "stage_ward_title",
                    &[("stage", &stage.name.text), ("ward", &w.name.text)],
                ));
                let rel = routes::stage_ward(&r.id, &w.id);
                let handout = stage.handout.then(|| routes::handout_ward(&r.id, &w.id));
                let handout_page = stage.handout.then(|| {
                    let h = HandoutWardPage {
                        stage: stage.clone(),
                        ward: w.clone(),
                        offices: offices.clone(),
                        any_hour: any_hour.clone(),
                        issued: issued.clone(),
                        stage_url: None,
                        qr: None,
                        counter: counter.clone(),
                        advice: None,
                        is_handout: true,
                    };
                    handouts::ward_page(self.prefix, h, base_url, &self.label("handout"))
                });
                let page = StageWardPage {
                    stage,
                    ward: w.clone(),
                    wards: ward_links(&r.id, wards),
                    networks,
                    offices,
                    handout_href: handout,
                    mark_citywide: true,
                    counter,
                };
                out.push(self.spec(rel, &title, PageData::from(page)));
                out.extend(handout_page);
            }
        }
        out
    }
}
