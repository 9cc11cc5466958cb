//! The pages of one language: what each is, where it goes and what its template prints.

use super::*;

impl Builder<'_> {
    pub(super) fn spec(&self, rel: String, title: &Text, data: PageData) -> PageSpec {
        PageSpec::new(rel, title.text.clone(), data)
    }

    /// A page whose `lists` are built when it is rendered, split into pages of
    /// [`PAGE_SIZE`] records when they are long; `make` gives each page its data from
    /// its pager and its part of each list.
    pub(super) fn paged_specs<const N: usize>(
        &self,
        rel: &str,
        title: &Text,
        lists: [Vec<ItemRef>; N],
        make: impl Fn(Pager, [Vec<ItemRef>; N]) -> PageData,
    ) -> Vec<PageSpec> {
        lists::paginate(rel, &lists)
            .into_iter()
            .map(|(rel, pager, lists)| {
                let title = lists::paged_title(title, &pager);
                PageSpec::new(rel, title, make(pager, lists))
            })
            .collect()
    }

    /// An agency, program or network page, its record built when rendered.
    pub(super) fn lazy_spec(&self, rel: String, title: &Text, lazy: LazyRecord) -> PageSpec {
        let kind = match lazy {
            LazyRecord::Agency(_) => Kind::Agency,
            LazyRecord::Program(_) => Kind::Program,
            LazyRecord::Network(_) => Kind::Network,
        }
        .name();
        let record = None;
        self.spec(
            rel,
            title,
            PageData::from(RecordPage {
                record,
                kind,
                jsonld: None,
                lazy,
            }),
        )
    }

    /// The paged list at `rel` of an audience's or tier's records, under its overview
    /// `section`.
    pub(super) fn group_pages(
        &self,
        rel: &str,
        term: &TermView,
        section: &'static str,
        items: Vec<ItemRef>,
    ) -> Vec<PageSpec> {
        let parent = ParentLink {
            href: routes::section(section),
            name: self.label(section),
        };
        self.paged_specs(rel, &term.name, [items], |pager, [items]| {
            PageData::from(GroupPage {
                term: term.clone(),
                parent: parent.clone(),
                items: Items::Refs(items),
                pager,
            })
        })
    }

    pub(super) fn markdown_if(&self, full: bool, text: &Localized) -> Text {
        if full {
            Text::markdown(text, self.chain)
        } else {
            Text::plain("")
        }
    }

    /// Every page of the language.
    pub(super) fn pages(&self) -> Vec<PageSpec> {
        let site = &self.c.site.data;
        let stages = self.stage_views();
        let terms = |list: &[Term], section| -> Vec<TermView> {
            list.iter()
                .filter_map(|t| self.term(list, &t.id, section))
                .collect()
        };
        let audiences = terms(&site.audiences, "audiences");
        let wards = terms(&site.wards, "wards");
        let mut out = self.stage_pages(&stages, &audiences, &wards);
        out.extend(self.record_pages());
        out.extend(self.list_pages());
        out.extend(self.tier_pages());
        out.extend(self.audience_pages(&audiences));
        out.extend(self.ward_pages(&wards));
        out.extend(self.markdown_pages());
        out.push(self.spec(
            "search/index.html".into(),
            &self.label("search"),
            PageData::from(SearchPage {
                stages,
                wards,
                index_href: routes::search_manifest(self.lang),
            }),
        ));
        out.push(self.spec(
            "404.html".into(),
            &self.label("not_found"),
            PageData::from(NotFoundPage {}),
        ));
        out.extend(self.update_pages());
        out.extend(self.data_page());
        out
    }

    fn agency_refs(&self) -> impl Iterator<Item = ItemRef> + use<> {
        (0..self.c.agencies.len() as u32).map(ItemRef::Agency)
    }

    fn program_refs(&self) -> impl Iterator<Item = ItemRef> + use<> {
        (0..self.c.programs.len() as u32).map(ItemRef::Program)
    }

    /// Lists of records go by reading (kana), the order a Japanese index uses.
    fn by_kana(&self, mut items: Vec<ItemRef>) -> Vec<ItemRef> {
        self.kana_order.sort(&mut items);
        items
    }

    /// The home page, the stage pages (whole and by ward), their handouts and the stage list.
    fn stage_pages(
        &self,
        stages: &[StageView],
        audiences: &[TermView],
        wards: &[TermView],
    ) -> Vec<PageSpec> {
        let site = &self.c.site.data;
        let mut out = vec![self.spec(
            "index.html".into(),
            &self.t(&site.title),
            PageData::from(HomePage {
                stages: stages.to_vec(),
                audiences: audiences.to_vec(),
                wards: wards.to_vec(),
                is_home: true,
            }),
        )];
        let counter = self.counter_card();
        for s in stages {
            out.push(self.spec(
                s.href.clone(),
                &s.name,
                PageData::from(StagePage {
                    stage: s.clone(),
                    wards: ward_links(&s.id, wards),
                    handout_href: s.handout.then(|| routes::handout(&s.id)),
                    counter: counter.clone(),
                }),
            ));
        }
        out.extend(self.stage_ward_pages(wards));
        out.extend(handouts::pages(
            self.prefix,
            stages,
            site.base_url.as_deref(),
            &self.label("handout"),
            counter.as_ref(),
        ));
        out.push(self.spec(
            routes::section(routes::STAGES),
            &self.label("stages"),
            PageData::from(StagesPage {
                stages: stages.to_vec(),
            }),
        ));
        out
    }

    /// One page per agency, program and network, built when rendered.
    fn record_pages(&self) -> Vec<PageSpec> {
        let c = self.c;
        let agencies = (c.agencies.iter().enumerate())
            .map(|(i, r)| (agency_href(&r.id), &r.data.name, LazyRecord::Agency(i)));
        let programs = (c.programs.iter().enumerate())
            .map(|(i, r)| (program_href(&r.id), &r.data.name, LazyRecord::Program(i)));
        let networks = (c.networks.iter().enumerate())
            .map(|(i, r)| (network_href(&r.id), &r.data.name, LazyRecord::Network(i)));
        agencies
            .chain(programs)
            .chain(networks)
            .map(|(rel, name, lazy)| self.lazy_spec(rel, &self.t(name), lazy))
            .collect()
    }

    /// The lists of all agencies, programs and networks.
    fn list_pages(&self) -> Vec<PageSpec> {
        let networks = (0..self.c.networks.len() as u32).map(ItemRef::Network);
        [
            (routes::AGENCIES, self.agency_refs().collect::<Vec<_>>()),
            (routes::PROGRAMS, self.program_refs().collect()),
            (routes::NETWORKS, networks.collect()),
        ]
        .into_iter()
        .flat_map(|(dir, items)| {
            self.paged_specs(
                &routes::section(dir),
                &self.label(dir),
                [self.by_kana(items)],
                |pager, [items]| {
                    PageData::from(ListPage {
                        items: Items::Refs(items),
                        pager,
                    })
                },
            )
        })
        .collect()
    }

    /// The agencies and programs for `term`'s audience, by reading.
    fn in_audience(&self, term: &TermView) -> Vec<ItemRef> {
        let has = |ids: &[String]| ids.iter().any(|x| x == &term.id);
        let c = self.c;
        let mut items: Vec<ItemRef> = (self.agency_refs().zip(&c.agencies))
            .filter(|(_, r)| has(&r.data.audiences))
            .map(|x| x.0)
            .collect();
        items.extend(
            (self.program_refs().zip(&c.programs))
                .filter(|(_, r)| has(&r.data.audiences))
                .map(|x| x.0),
        );
        self.by_kana(items)
    }

    /// A page per audience, the staff entrance, and the audience overview.
    fn audience_pages(&self, audiences: &[TermView]) -> Vec<PageSpec> {
        let by_audience: Vec<(&TermView, Vec<ItemRef>)> = audiences
            .iter()
            .map(|term| (term, self.in_audience(term)))
            .collect();
        let mut out = Vec::new();
        for (term, items) in &by_audience {
            out.extend(self.group_pages(&term.href, term, "audiences", items.clone()));
        }
        out.extend(self.staff_pages(&by_audience));
        out.push(
            self.spec(
                "audiences/index.html".into(),
                &self.label("audiences"),
                // Only the headings: each audience's own page lists its records.
                PageData::from(GroupsPage {
                    groups: (audiences.iter())
                        .map(|term| GroupHeading { term: term.clone() })
                        .collect(),
                }),
            ),
        );
        out
    }

    /// A page per ward (its own windows, then the citywide ones) and the ward overview.
    fn ward_pages(&self, wards: &[TermView]) -> Vec<PageSpec> {
        let c = self.c;
        let mut out = Vec::new();
        for w in wards {
            let network: Vec<Link> = (c.networks.iter().enumerate())
                .filter(|(_, r)| r.data.ward == w.id)
                .map(|(i, _)| self.item_link(ItemRef::Network(i as u32)))
                .collect();
            let serves = |areas: &[String]| areas.iter().any(|a| a == &w.id || a == CITYWIDE);
            let agencies = || self.agency_refs().zip(&c.agencies);
            let local = (agencies())
                .filter(|(_, r)| r.data.service_areas.contains(&w.id))
                .map(|x| x.0);
            let citywide = (agencies())
                .filter(|(_, r)| {
                    !r.data.service_areas.contains(&w.id) && serves(&r.data.service_areas)
                })
                .map(|x| x.0);
            let offices = self.ward_offices(&w.id);
            out.extend(self.paged_specs(
                &w.href,
                &w.name,
                [
                    self.by_kana(local.collect()),
                    self.by_kana(citywide.collect()),
                ],
                |pager, [local, citywide]| {
                    PageData::from(WardPage {
                        ward: w.clone(),
                        networks: network.clone(),
                        offices: offices.clone(),
                        local: Items::Refs(local),
                        citywide: Items::Refs(citywide),
                        pager,
                    })
                },
            ));
        }
        out.push(self.spec(
            "wards/index.html".into(),
            &self.label("wards"),
            PageData::from(WardsPage {
                wards: wards.to_vec(),
            }),
        ));
        out
    }

    /// Each Markdown page in the first language of the chain that has it.
    fn markdown_pages(&self) -> Vec<PageSpec> {
        let pages = &self.c.pages;
        let best = |id: &str| {
            (self.chain.iter())
                .find(|l| pages.iter().any(|q| q.id == id && q.lang == **l))
                .copied()
        };
        let mut out = Vec::new();
        for page in pages.iter().filter(|p| best(&p.id) == Some(p.lang)) {
            let fallback = (page.lang != self.lang).then_some(page.lang);
            let title = Text {
                text: page.title.clone(),
                fallback,
                original: None,
            };
            let body = Text {
                text: markdown::to_html(&page.markdown),
                fallback,
                original: None,
            };
            out.push(self.spec(
                routes::page(&page.id),
                &title,
                PageData::from(MarkdownPage {
                    page_title: title.clone(),
                    body,
                }),
            ));
        }
        out
    }

    /// Records by `verified_on`, newest first: pages for people, an Atom feed of the
    /// latest for feed readers.
    fn update_pages(&self) -> Vec<PageSpec> {
        let site = &self.c.site.data;
        let updates = self.updates_newest_first();
        let site_url = (site.base_url.as_deref()).map(|b| format!("{}/", b.trim_end_matches('/')));
        let feed: Vec<ItemRef> = updates.iter().take(FEED_ENTRIES).copied().collect();
        let mut out = self.paged_specs(
            "updates/index.html",
            &self.label("updates"),
            [updates],
            |pager, [updates]| {
                PageData::from(UpdatesPage {
                    updates: Items::Refs(updates),
                    pager,
                })
            },
        );
        out.push(self.spec(
            "feed.xml".into(),
            &self.t(&site.title),
            PageData::from(FeedPage {
                site_url,
                updates: Items::Refs(feed),
            }),
        ));
        out
    }
}
