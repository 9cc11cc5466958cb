//! What `serve` keeps between edits, so one edited record re-renders only the pages it can
//! change: its own pages, the pages of the records it links to or that link to it, and the
//! other pages (lists, stages, wards, home) whose data changed or whose lists show one of
//! those records. Anything else that changes (site.yaml, a theme file, a page, a stage, a
//! record added or removed) rebuilds everything, as does a first build.
//!
//! The result is the same set of files, byte for byte, as a full build of the same content:
//! `tests/incremental.rs` checks that after edits.

use crate::diag::Diagnostics;
use crate::load::{self, Content};
use crate::model::Lang;
use crate::render::OutFile;
use crate::render::out_path;
use crate::sitemodel::{Lazy, LazyRecord, PageSpec};
use crate::{BuildError, check, render_content, scaffold, validate};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The rendered site in memory, by path.
pub type Files = HashMap<String, Arc<Vec<u8>>>;

pub struct Session {
    root: PathBuf,
    /// The last content that built; `None` until one has.
    content: Option<Content>,
    files: Files,
    /// [`PageSpec::digest`] of every page that is not a record page, by output path.
    digests: HashMap<String, u64>,
    /// The search index files predate the content (see [`Session::update_pages`]).
    search_stale: bool,
}

/// What an update did.
#[derive(Debug, PartialEq, Eq)]
pub struct Updated {
    /// Pages rendered (all of them after a full rebuild).
    pub pages: usize,
    pub incremental: bool,
}

impl Session {
    pub fn new(root: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            content: None,
            files: Files::new(),
            digests: HashMap::new(),
            search_stale: false,
        }
    }

    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Loads, validates and renders everything.
    pub fn rebuild_all(&mut self) -> Result<Updated, BuildError> {
        let (content, diags) = crate::check(&self.root);
        let Some(content) = content else {
            return Err(BuildError::Content(diags));
        };
        let digests = Mutex::new(HashMap::new());
        let langs = &content.site.data.languages;
        let select = |lang: Lang, page: &PageSpec| {
            if !matches!(page.lazy, Lazy::Record(_))
                && let Ok(mut d) = digests.lock()
            {
                d.insert(out_path(langs.prefix(lang), &page.rel), page.digest());
            }
            true
        };
        let (files, pages) = render(&self.root, &content, &select, true)?;
        self.files = files;
        self.content = Some(content);
        self.digests = digests.into_inner().unwrap_or_default();
        self.search_stale = false;
        Ok(Updated {
            pages,
            incremental: false,
        })
    }

    /// [`Session::update_pages`], then the search index.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Updated, BuildError> {
        let updated = self.update_pages(changed)?;
        self.refresh_search();
        Ok(updated)
    }

    /// Rebuilds the search index if [`Session::update_pages`] left it behind.
    pub fn refresh_search(&mut self) {
        if !self.search_stale {
            return;
        }
        if let Some(content) = &self.content {
            self.files
                .retain(|rel, _| !crate::routes::is_search_file(rel));
            // Words that do not load were reported by the update that failed.
            if let Ok(ui) = crate::i18n::for_site(&self.root, content) {
                for f in crate::search::index_files(&self.root, content, &ui) {
                    self.files.insert(f.rel, Arc::new(f.bytes));
                }
            }
        }
        self.search_stale = false;
    }

    /// Brings the pages up to date after `changed` files (paths under the root) changed:
    /// only what they touch when they are all existing records, everything otherwise.
    /// On an error the last good site stays. After an edited record the search index is
    /// the old one until [`Session::refresh_search`]: indexing every record is most of an
    /// edit's cost, and the edited page can be shown before it is done.
    pub fn update_pages(&mut self, changed: &[PathBuf]) -> Result<Updated, BuildError> {
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
            diags.extend(validate::validate(&content));
            diags.extend(scaffold::unfilled(&content));
        }
        if diags.has_errors() {
            diags.sort();
            return Err(BuildError::Content(diags));
        }
        let edited: HashSet<&str> = changed
            .iter()
            .filter_map(|p| p.file_stem().and_then(|s| s.to_str()))
            .collect();
        let affected = affected_records(old, &content, &edited);
        // Other pages are rendered again unless they would come out the same: built from
        // the same data, listing no affected record.
        let digests = Mutex::new(HashMap::new());
        let unchanged = Mutex::new(HashSet::new());
        let select = |lang: Lang, page: &PageSpec| {
            if let Lazy::Record(r) = page.lazy {
                return affected.contains(record_id(&content, r));
            }
            let path = out_path(content.site.data.languages.prefix(lang), &page.rel);
            let digest = page.digest();
            let same = self.digests.get(&path) == Some(&digest)
                && !page
                    .listed()
                    .any(|i| affected.contains(i.resolve(&content).id));
            if let (Ok(mut d), Ok(mut u)) = (digests.lock(), unchanged.lock()) {
                if same {
                    u.insert(path.clone());
                }
                d.insert(path, digest);
            }
            !same
        };
        let (fresh, pages) = render(&self.root, &content, &select, false)?;
        // Keep the record pages of untouched records and the pages that came out the
        // same; everything else is new.
        let mut keep: HashSet<String> = unchanged.into_inner().unwrap_or_default();
        keep.extend(
            self.files
                .keys()
                .filter(|rel| crate::routes::is_search_file(rel))
                .cloned(),
        );
        for (dir, id) in record_pages(&content).filter(|(_, id)| !affected.contains(*id)) {
            for prefix in ["", "en/"] {
                keep.insert(format!("{prefix}{dir}/{id}/index.html"));
            }
        }
        let mut files = fresh;
        for (rel, bytes) in &self.files {
            if keep.contains(rel) {
                files
                    .entry(rel.clone())
                    .or_insert_with(|| Arc::clone(bytes));
            }
        }
        self.files = files;
        self.content = Some(content);
        self.digests = digests.into_inner().unwrap_or_default();
        self.search_stale = true;
        Ok(Updated {
            pages,
            incremental: true,
        })
    }
}

fn render(
    root: &Path,
    content: &Content,
    select: &crate::Select,
    with_search: bool,
) -> Result<(Files, usize), BuildError> {
    let files = Mutex::new(Vec::<OutFile>::new());
    let sink = |f: OutFile| {
        files.lock().map_err(|e| e.to_string())?.push(f);
        Ok(())
    };
    let (pages, _, _) = render_content(root, content, &sink, select, with_search)?;
    check::progress_done();
    let files = files
        .into_inner()
        .map_err(|e| BuildError::Other(e.to_string()))?
        .into_iter()
        .map(|f| (f.rel, Arc::new(f.bytes)))
        .collect();
    Ok((files, pages))
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
        .map(|r| ("agencies", r.id.as_str()))
        .chain(c.programs.iter().map(|r| ("programs", r.id.as_str())))
        .chain(c.networks.iter().map(|r| ("networks", r.id.as_str())))
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
pub fn affected_records(old: &Content, new: &Content, edited: &HashSet<&str>) -> HashSet<String> {
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
