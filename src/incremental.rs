//! What `serve` keeps between edits, so one edited record re-renders only the pages it can
//! change: its own pages, the pages of the records it links to or that link to it, and the
//! other pages (lists, stages, wards, home) whose data changed or whose lists show one of
//! those records. Anything else that changes (site.yaml, a theme file, a page, a stage, a
//! record added or removed, a record's `review:`) rebuilds everything, as does a first
//! build.
//!
//! The result is the same set of files, byte for byte, as a full build of the same content:
//! `tests/incremental.rs` checks that after edits.

use crate::diag::Diagnostics;
use crate::error::BuildError;
use crate::i18n::UiStrings;
use crate::load::{self, Content};
use crate::model::Lang;
use crate::output::OutFile;
use crate::outputs::{self, Ctx, Depends, Output, Tagged};
use crate::pipeline::{Loaded, as_refs, load_and_validate, validate_loaded};
use crate::routes::out_path;
use crate::routes::{self, entry};
use crate::search::Thesaurus;
use crate::sitemodel::{LazyRecord, PageSpec};
use crate::{Select, progress};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The rendered site in memory, by path.
pub type Files = HashMap<String, Arc<Vec<u8>>>;

/// What `serve` keeps between edits: the last good content, the theme's words, the
/// search thesaurus and every output's files, so a saved record re-renders only the pages
/// it touches.
pub struct Session {
    root: PathBuf,
    outputs: Vec<Box<dyn Output>>,
    /// The last content that built; `None` until one has.
    content: Option<Content>,
    /// The theme's words the last build used (an edited record keeps them).
    ui: Option<UiStrings>,
    /// The search thesaurus the last build parsed (an edited record keeps it; an edited
    /// thesaurus is not a record, so it rebuilds all).
    thesaurus: Thesaurus,
    files: Files,
    /// The paths each output made, by [`Output::name`].
    made_by: HashMap<&'static str, HashSet<String>>,
    /// [`PageSpec::digest`] of every page that is not a record page, by output path.
    digests: HashMap<String, u64>,
    /// The outputs made from all the content predate it (see [`Session::update_pages`]).
    behind: bool,
}

/// What an update did.
#[derive(Debug, PartialEq, Eq)]
pub struct Updated {
    /// Pages rendered (all of them after a full rebuild).
    pub pages: usize,
    /// Whether only the touched pages were rendered (`false`: a full rebuild).
    pub incremental: bool,
}

/// Files made by outputs, with the name of the output that made each.
type Made = Vec<(&'static str, OutFile)>;

/// What re-rendering after an edit gave.
struct Rerendered {
    made: Made,
    pages: usize,
    /// The new [`PageSpec::digest`]s.
    digests: HashMap<String, u64>,
    /// Pages kept as they are.
    keep: HashSet<String>,
}

impl Session {
    /// A session over every output of [`outputs::standard`].
    pub fn new(root: &Path) -> Session {
        Session::with_outputs(root, outputs::standard())
    }

    /// A session over `outputs` (tests add their own).
    pub fn with_outputs(root: &Path, outputs: Vec<Box<dyn Output>>) -> Session {
        Session {
            root: root.to_path_buf(),
            outputs,
            content: None,
            ui: None,
            thesaurus: Thesaurus::default(),
            files: Files::new(),
            made_by: HashMap::new(),
            digests: HashMap::new(),
            behind: false,
        }
    }

    /// Every file of the last good build, by output path.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The outputs that depend as `depends` does.
    fn outputs_that(&self, depends: Depends) -> Vec<&dyn Output> {
        as_refs(&self.outputs)
            .into_iter()
            .filter(|o| o.depends() == depends)
            .collect()
    }

    /// Loads, validates and makes every output.
    pub fn rebuild_all(&mut self) -> Result<Updated, BuildError> {
        let (loaded, diags) = load_and_validate(&self.root, None);
        let (content, ui, thesaurus) = match loaded {
            Some(Loaded {
                content,
                ui,
                thesaurus,
            }) if !diags.has_errors() => (content, ui, thesaurus),
            _ => return Err(BuildError::Content(diags)),
        };
        let ui = crate::pipeline::words(ui, &self.root)?;
        self.ui = Some(ui);
        self.thesaurus = thesaurus;
        let digests = Mutex::new(HashMap::new());
        let langs = &content.site.data.languages;
        let select = |lang: Lang, page: &PageSpec| {
            if page.record().is_none()
                && let Ok(mut d) = digests.lock()
            {
                d.insert(out_path(langs.prefix(lang), &page.rel), page.digest());
            }
            true
        };
        let ctx = self.ctx(&content, &select)?;
        let (made, pages) = collect(|sink| outputs::make(&as_refs(&self.outputs), &ctx, sink))?;
        self.files.clear();
        self.made_by.clear();
        self.add(made);
        self.content = Some(content);
        self.digests = digests.into_inner().unwrap_or_default();
        self.behind = false;
        Ok(Updated {
            pages,
            incremental: false,
        })
    }

    fn ctx<'a>(
        &'a self,
        content: &'a Content,
        select: &'a Select<'a>,
    ) -> Result<Ctx<'a>, BuildError> {
        let ui = crate::pipeline::words(self.ui.as_ref(), &self.root)?;
        Ok(Ctx {
            root: &self.root,
            content,
            ui,
            thesaurus: &self.thesaurus,
            select,
            pdf: None,
        })
    }

    /// Names of the outputs that depend as `depends` does.
    fn names_that(&self, depends: Depends) -> Vec<&'static str> {
        self.outputs_that(depends)
            .iter()
            .map(|o| o.name())
            .collect()
    }

    /// Drops the files the outputs `names` made before, but those in `keep`.
    fn forget(&mut self, names: &[&'static str], keep: &HashSet<String>) {
        for name in names {
            if let Some(paths) = self.made_by.get_mut(name) {
                paths.retain(|p| keep.contains(p) || self.files.remove(p).is_none());
            }
        }
    }

    /// Adds what outputs made.
    fn add(&mut self, made: Made) {
        for (name, f) in made {
            self.made_by.entry(name).or_default().insert(f.rel.clone());
            self.files.insert(f.rel, Arc::new(f.bytes));
        }
    }

    /// `Session::update_pages`, then the outputs made from all the content.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Updated, BuildError> {
        let updated = self.update_pages(changed)?;
        self.catch_up()?;
        Ok(updated)
    }

    /// Makes again the outputs made from all the content (the search index) if
    /// [`Session::update_pages`] left them behind.
    pub(crate) fn catch_up(&mut self) -> Result<(), BuildError> {
        if !self.behind {
            return Ok(());
        }
        if let Some(content) = &self.content {
            let later = self.outputs_that(Depends::Content);
            let ctx = self.ctx(content, &|_, _| true)?;
            let (made, _) = collect(|sink| outputs::make(&later, &ctx, sink))?;
            self.forget(&self.names_that(Depends::Content), &HashSet::new());
            self.add(made);
        }
        self.behind = false;
        Ok(())
    }

    /// Brings the pages up to date after `changed` files (paths under the root) changed:
    /// only what they touch when they are all existing records, everything otherwise.
    /// On an error the last good site stays. After an edited record the outputs made from
    /// all the content (the search index) are the old ones until [`Session::catch_up`]:
    /// indexing every record is most of an edit's cost, and the edited page can be shown
    /// before it is done.
    pub(crate) fn update_pages(&mut self, changed: &[PathBuf]) -> Result<Updated, BuildError> {
        let Some(old) = &self.content else {
            return self.rebuild_all();
        };
        let mut content = old.clone();
        let mut diags = Diagnostics::default();
        for path in changed {
            if load::reload_record(&self.root, path, &mut content, &mut diags).is_none() {
                return self.rebuild_all();
            }
        }
        if !diags.has_errors() {
            diags.extend(validate_loaded(&content));
        }
        if diags.has_errors() {
            diags.sort();
            return Err(BuildError::Content(diags));
        }
        let edited: HashSet<&str> = changed
            .iter()
            .filter_map(|p| p.file_stem().and_then(|s| s.to_str()))
            .collect();
        // A record's review status decides the draft notice of every page showing it,
        // lists and stage pages alike: rare enough to rebuild everything for.
        let review = crate::review::reviews_of;
        if edited
            .iter()
            .any(|id| review(old, id) != review(&content, id))
        {
            return self.rebuild_all();
        }
        let affected = affected_records(old, &content, &edited);
        let Rerendered {
            made,
            pages,
            digests,
            keep,
        } = self.rerender(&content, &affected)?;
        self.forget(&self.names_that(Depends::Pages), &keep);
        self.add(made);
        self.remake_from_files(&content)?;
        self.content = Some(content);
        self.digests = digests;
        self.behind = true;
        Ok(Updated {
            pages,
            incremental: true,
        })
    }

    /// Renders again the pages `affected` records can change.
    fn rerender(
        &self,
        content: &Content,
        affected: &HashSet<String>,
    ) -> Result<Rerendered, BuildError> {
        // Other pages are rendered again unless they would come out the same: built from
        // the same data, listing no affected record.
        let digests = Mutex::new(HashMap::new());
        let unchanged = Mutex::new(HashSet::new());
        let select = |lang: Lang, page: &PageSpec| {
            if let Some(r) = page.record() {
                return affected.contains(record_id(content, r));
            }
            let path = out_path(content.site.data.languages.prefix(lang), &page.rel);
            let digest = page.digest();
            let same = self.digests.get(&path) == Some(&digest)
                && !page
                    .listed()
                    .any(|i| affected.contains(i.resolve(content).id));
            if let (Ok(mut d), Ok(mut u)) = (digests.lock(), unchanged.lock()) {
                if same {
                    u.insert(path.clone());
                }
                d.insert(path, digest);
            }
            !same
        };
        let ctx = self.ctx(content, &select)?;
        let now = self.outputs_that(Depends::Pages);
        let (made, pages) = collect(|sink| outputs::make(&now, &ctx, sink))?;
        // Keep the record pages of untouched records and the pages that came out the same.
        let mut keep: HashSet<String> = unchanged.into_inner().unwrap_or_default();
        for (dir, id) in record_pages(content).filter(|(_, id)| !affected.contains(*id)) {
            for lang in content.site.data.languages.all() {
                keep.insert(out_path(&lang.prefix, &entry(dir, id)));
            }
        }
        Ok(Rerendered {
            made,
            pages,
            digests: digests.into_inner().unwrap_or_default(),
            keep,
        })
    }

    /// Makes again the outputs made from other outputs' files, from the files now held.
    fn remake_from_files(&mut self, content: &Content) -> Result<(), BuildError> {
        let readers = self.outputs_that(Depends::Files);
        let inputs: Vec<OutFile> = self
            .files
            .iter()
            .filter(|(rel, _)| readers.iter().any(|r| r.reads(rel)))
            .map(|(rel, bytes)| OutFile {
                rel: rel.clone(),
                bytes: bytes.to_vec(),
            })
            .collect();
        let ctx = self.ctx(content, &|_, _| true)?;
        let (made, _) = collect(|sink| outputs::make_from_files(&readers, &ctx, inputs, sink))?;
        self.forget(&self.names_that(Depends::Files), &HashSet::new());
        self.add(made);
        Ok(())
    }
}

/// Runs `make` with a sink that keeps every file in memory, tagged with its output.
/// Returns the files and the pages rendered.
fn collect(
    make: impl FnOnce(&Tagged) -> Result<outputs::Made, crate::Error>,
) -> Result<(Made, usize), BuildError> {
    let files = Mutex::new(Vec::new());
    let sink = |name: &'static str, f: OutFile| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((name, f));
        Ok(())
    };
    let made = make(&sink);
    progress::done();
    let pages = made?.pages;
    Ok((files.into_inner().unwrap_or_else(|e| e.into_inner()), pages))
}

fn record_id(c: &Content, r: LazyRecord) -> &str {
    match r {
        LazyRecord::Agency(i) => &c.agencies[i].id,
        LazyRecord::Program(i) => &c.programs[i].id,
        LazyRecord::Network(i) => &c.networks[i].id,
    }
}

/// (folder, id) of every record page.
fn record_pages(c: &Content) -> impl Iterator<Item = (&'static str, &str)> {
    c.agencies
        .iter()
        .map(|r| (routes::AGENCIES, r.id.as_str()))
        .chain(c.programs.iter().map(|r| (routes::PROGRAMS, r.id.as_str())))
        .chain(c.networks.iter().map(|r| (routes::NETWORKS, r.id.as_str())))
}

/// Ids a record's page shows something of: the programs an agency lists, a program's
/// operator, a network's members.
fn references(c: &Content, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in c.agencies.iter().filter(|r| r.id == id) {
        out.extend(r.data.programs.iter().cloned());
    }
    for r in c.programs.iter().filter(|r| r.id == id) {
        out.push(r.data.operator.clone());
    }
    for r in c.networks.iter().filter(|r| r.id == id) {
        out.extend(r.data.members.iter().cloned());
    }
    out
}

/// The records whose pages `edited` records can change, in `old` or `new` content: the
/// edited ones, those they link to (before or after the edit: a link may have been
/// removed) and those linking to them (whose pages show their names, contacts, tiers).
fn affected_records(old: &Content, new: &Content, edited: &HashSet<&str>) -> HashSet<String> {
    let mut out: HashSet<String> = edited.iter().map(|s| s.to_string()).collect();
    for id in edited {
        out.extend(references(old, id));
        out.extend(references(new, id));
    }
    for c in [old, new] {
        let links_to_edited = |refs: &[String]| refs.iter().any(|r| edited.contains(r.as_str()));
        out.extend(
            c.agencies
                .iter()
                .filter(|r| links_to_edited(&r.data.programs))
                .map(|r| r.id.clone()),
        );
        out.extend(
            c.programs
                .iter()
                .filter(|r| edited.contains(r.data.operator.as_str()))
                .map(|r| r.id.clone()),
        );
        out.extend(
            c.networks
                .iter()
                .filter(|r| links_to_edited(&r.data.members))
                .map(|r| r.id.clone()),
        );
    }
    out
}
