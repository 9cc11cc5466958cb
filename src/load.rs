//! Stage 1: read `site.yaml` and every record under `content/`, parse them, and report
//! problems that concern single files (bad UTF-8, empty file, bad id, YAML errors).

mod ids;
mod pages;
mod read;

pub(crate) use ids::{is_valid_id, is_windows_reserved};
pub(crate) use read::read_optional;

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::{
    About, Agency, Kind, Lang, Limits, Network, Program, RecordData, Review, SiteConfig, Stage,
};
use crate::yaml;
use ids::{check_id, record_id};
use read::{files_in, link_stays_inside, read_source, rel};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file's path (relative to the site root, for messages) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Relative to the site root, as messages print it.
    pub path: PathBuf,
    /// The whole file, checked to be UTF-8 without forbidden characters.
    pub(crate) text: String,
}

/// One record file: its id, its source text (for locating errors) and its parsed data.
#[derive(Debug, Clone)]
pub struct Record<T> {
    /// The file name without `.yaml`; unique across every kind.
    pub id: String,
    /// The file, for locating errors.
    pub src: Source,
    /// The parsed record.
    pub data: T,
}

/// A Markdown page in one language: `content/pages/<id>.<lang>.md`.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// The page id: the file name before the language.
    pub(crate) id: String,
    /// The language of this version.
    pub(crate) lang: Lang,
    /// The first line's title (after `# `).
    pub(crate) title: String,
    /// The Markdown after the title line.
    pub(crate) markdown: String,
    /// The file, for locating errors.
    pub(crate) src: Source,
    /// The front matter's `review:` (`Review::None` when the page has none).
    pub(crate) review: Review,
}

/// Everything a command works from: site.yaml, the records by kind, the Markdown pages
/// and the thesaurus' text, each with its source for messages.
#[derive(Debug, Clone)]
pub struct Content {
    /// `site.yaml`.
    pub site: Record<SiteConfig>,
    /// `content/agencies/`, in file-name order.
    pub agencies: Vec<Record<Agency>>,
    /// `content/programs/`, in file-name order.
    pub programs: Vec<Record<Program>>,
    /// `content/networks/`, in file-name order.
    pub networks: Vec<Record<Network>>,
    /// `content/stages/`, in file-name order.
    pub stages: Vec<Record<Stage>>,
    /// `content/pages/`, every language version.
    pub(crate) pages: Vec<Page>,
    /// Record files with a good id that could not be read or parsed, as (kind, id): their
    /// own error says why, so references to them are not reported again as missing.
    pub(crate) unparsed: Vec<(Kind, String)>,
    /// `content/thesaurus.yaml` (`THESAURUS`) as read, when the site has one; the search
    /// index parses it and `check` checks it (`search::thesaurus`).
    pub(crate) thesaurus: Option<Source>,
}

/// One record of any kind, as the stages that treat every record alike see it.
#[derive(Debug, Clone)]
pub struct AnyRecord<'a> {
    /// Its kind.
    pub kind: Kind,
    /// Its id (the file name without `.yaml`).
    pub id: &'a str,
    /// Its file, for messages.
    pub src: &'a Source,
    /// Its fields by role.
    pub about: About<'a>,
}

impl Content {
    /// The records of `kind`, in file order. The one place a kind is mapped to the list
    /// holding its records: the compiler names it when a kind is added.
    pub fn records_of(&self, kind: Kind) -> Box<dyn Iterator<Item = AnyRecord<'_>> + '_> {
        self.records_with(kind, None)
    }

    /// The record `id` (ids are unique across kinds), its fields by role built for it
    /// alone.
    pub fn record(&self, id: &str) -> Option<AnyRecord<'_>> {
        (Kind::ALL.into_iter()).find_map(|kind| self.records_with(kind, Some(id)).next())
    }

    /// The records of `kind`, only the one with the id `only` when given: its `About` is
    /// the only one built.
    fn records_with<'c: 'q, 'q>(
        &'c self,
        kind: Kind,
        only: Option<&'q str>,
    ) -> Box<dyn Iterator<Item = AnyRecord<'c>> + 'q> {
        fn each<'c: 'q, 'q, T: RecordData>(
            list: &'c [Record<T>],
            only: Option<&'q str>,
        ) -> impl Iterator<Item = AnyRecord<'c>> + 'q {
            (list.iter())
                .filter(move |r| only.is_none_or(|id| r.id == id))
                .map(|r| AnyRecord {
                    kind: T::KIND,
                    id: &r.id,
                    src: &r.src,
                    about: r.data.about(),
                })
        }
        match kind {
            Kind::Agency => Box::new(each(&self.agencies, only)),
            Kind::Program => Box::new(each(&self.programs, only)),
            Kind::Network => Box::new(each(&self.networks, only)),
            Kind::Stage => Box::new(each(&self.stages, only)),
        }
    }

    /// Every record, kind by kind in the order of [`Kind::ALL`], each in file order.
    pub fn records(&self) -> impl Iterator<Item = AnyRecord<'_>> {
        Kind::ALL.into_iter().flat_map(|k| self.records_of(k))
    }

    /// The ids of the records of `kind`, with those whose file could not be parsed (their
    /// own error says why; a reference to them is not reported again).
    pub(crate) fn ids_of(&self, kind: Kind) -> impl Iterator<Item = &str> {
        let unparsed = self.unparsed.iter().filter(move |(k, _)| *k == kind);
        (self.records_of(kind).map(|r| r.id)).chain(unparsed.map(|(_, id)| id.as_str()))
    }
}

/// Where the search thesaurus lives, relative to the site root.
pub(crate) const THESAURUS: &str = "content/thesaurus.yaml";

/// Loads everything under `root`. Returns `None` with diagnostics when nothing usable
/// could be loaded at all; otherwise the content plus every per-file problem found.
pub fn load(root: &Path) -> (Option<Content>, Diagnostics) {
    crate::progress::step("loading");
    let mut diags = Diagnostics::default();
    let site_path = root.join("site.yaml");
    // site.yaml itself is read within the default limits; records within its own.
    let defaults = Limits::default();
    let site = read_source(root, &site_path, &defaults, &mut diags)
        .and_then(|src| parse_record::<SiteConfig>("site".into(), src, &defaults, &mut diags));
    let limits = site.as_ref().map_or(defaults, |s| s.data.limits);

    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diags.push(Diagnostic::error(
            Path::new("content"),
            Pos::START,
            "the folder `content/` is missing",
            format!(
                "run madoguchi from the site root or pass --root; looked in {}",
                root.display()
            ),
        ));
    }
    link_stays_inside(root, &content_dir, &mut diags);
    let mut unparsed = Vec::new();
    let (d, u) = (&mut diags, &mut unparsed);
    let agencies = load_kind::<Agency>(root, &limits, d, u);
    let programs = load_kind::<Program>(root, &limits, d, u);
    let networks = load_kind::<Network>(root, &limits, d, u);
    let stages = load_kind::<Stage>(root, &limits, d, u);
    let pages = pages::load_pages(root, &limits, &mut diags);
    let thesaurus = read_optional(root, THESAURUS, &limits, &mut diags);

    let content = site.map(|site| Content {
        site,
        agencies,
        programs,
        networks,
        stages,
        pages,
        unparsed,
        thesaurus,
    });
    (content, diags)
}

/// Re-reads one record file of `content`, replacing the record it held (what `serve` does
/// on an edit). `None` when `path` is not an existing agency, program or network of
/// `content` (a file added, removed or renamed, a stage, site.yaml, a page, a theme file):
/// only a full load is right then.
/// A file that no longer parses leaves `content` as it was and its error in `diags`.
pub(crate) fn reload_record(
    root: &Path,
    path: &Path,
    content: &mut Content,
    diags: &mut Diagnostics,
) -> Option<()> {
    let shown = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = shown.iter().filter_map(|p| p.to_str()).collect();
    let ["content", dir, file] = parts.as_slice() else {
        return None;
    };
    let id = file.strip_suffix(".yaml")?;
    let limits = content.site.data.limits;
    match Kind::ALL.into_iter().find(|k| k.dir() == *dir)? {
        Kind::Agency => replace_record(&mut content.agencies, root, path, id, &limits, diags),
        Kind::Program => replace_record(&mut content.programs, root, path, id, &limits, diags),
        Kind::Network => replace_record(&mut content.networks, root, path, id, &limits, diags),
        // A stage's name is on every record page of that stage: not worth tracking.
        Kind::Stage => None,
    }
}

fn replace_record<T: DeserializeOwned>(
    records: &mut [Record<T>],
    root: &Path,
    path: &Path,
    id: &str,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<()> {
    let slot = records.iter_mut().find(|r| r.id == id)?;
    let src = read_source(root, path, limits, diags)?;
    if let Some(r) = parse_record::<T>(id.to_string(), src, limits, diags) {
        *slot = r;
    }
    Some(())
}

fn parse_record<T: DeserializeOwned>(
    id: String,
    src: Source,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<Record<T>> {
    match yaml::parse_within::<T>(&src.path, &src.text, limits) {
        Ok(data) => Some(Record { id, src, data }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn load_kind<T: RecordData + DeserializeOwned + Send>(
    root: &Path,
    limits: &Limits,
    diags: &mut Diagnostics,
    unparsed: &mut Vec<(Kind, String)>,
) -> Vec<Record<T>> {
    let kind = T::KIND;
    use rayon::prelude::*;
    // Files are read and parsed on all cores (a national directory has tens of thousands),
    // each with its own diagnostics, then gathered in file order so runs are identical.
    let files = files_in(root, &root.join("content").join(kind.dir()), diags);
    let loaded: Vec<(Option<Record<T>>, Diagnostics)> = files
        .par_iter()
        .map(|path| {
            let mut d = Diagnostics::default();
            (load_record_file::<T>(root, path, limits, &mut d), d)
        })
        .collect();
    let mut out = Vec::with_capacity(loaded.len());
    for (path, (record, d)) in files.iter().zip(loaded) {
        diags.extend(d);
        match record {
            Some(r) => out.push(r),
            None => unparsed.extend(record_id(path).map(|id| (kind, id.to_string()))),
        }
    }
    out
}

fn load_record_file<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<Record<T>> {
    let shown = rel(root, path);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "yml" {
        diags.push(Diagnostic::error(
            &shown,
            Pos::START,
            "record files must end in `.yaml`",
            "rename the file to end in `.yaml`",
        ));
        return None;
    }
    if ext != "yaml" {
        diags.push(Diagnostic::warning(
            &shown,
            Pos::START,
            "this file is not a record and is ignored",
            "records are `.yaml` files; move other files out of content/",
        ));
        return None;
    }
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if !check_id(root, path, id, diags) {
        return None;
    }
    read_source(root, path, limits, diags)
        .and_then(|src| parse_record::<T>(id.to_string(), src, limits, diags))
}

/// Records of every kind keyed by id, with the file each came from: used to detect
/// duplicates and resolve references across kinds.
pub(crate) fn id_index(content: &Content) -> BTreeMap<&str, Vec<(&'static str, &Path)>> {
    let mut map: BTreeMap<&str, Vec<(&'static str, &Path)>> = BTreeMap::new();
    for r in content.records() {
        map.entry(r.id)
            .or_default()
            .push((r.kind.name(), &r.src.path));
    }
    map
}
