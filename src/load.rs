//! Stage 1: read `site.yaml` and every record under `content/`, parse them, and report
//! problems that concern single files (bad UTF-8, empty file, bad id, YAML errors).

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::{
    About, Agency, Kind, Lang, Limits, Network, Program, RecordData, Review, SiteConfig, Stage,
};
use crate::yaml;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file's path (relative to the site root, for messages) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Relative to the site root, as messages print it.
    pub path: PathBuf,
    /// The whole file, checked to be UTF-8 without forbidden characters.
    pub text: String,
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
pub struct Page {
    /// The page id: the file name before the language.
    pub id: String,
    /// The language of this version.
    pub lang: Lang,
    /// The first line's title (after `# `).
    pub title: String,
    /// The Markdown after the title line.
    pub markdown: String,
    /// The file, for locating errors.
    pub src: Source,
    /// The front matter's `review:` (`Review::None` when the page has none).
    pub review: Review,
}

/// What a Markdown page may say in a front matter block (`---` lines) before its title.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    /// Whether a fluent reader at the city has checked the page's translation.
    #[serde(default)]
    review: Review,
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
    pub pages: Vec<Page>,
    /// Record files with a good id that could not be read or parsed, as (kind, id): their
    /// own error says why, so references to them are not reported again as missing.
    pub unparsed: Vec<(Kind, String)>,
    /// `content/thesaurus.yaml` ([`THESAURUS`]) as read, when the site has one; the search
    /// index parses it and `check` checks it (`search::thesaurus`).
    pub thesaurus: Option<Source>,
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

pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

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
    let pages = load_pages(root, &limits, &mut diags);
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

fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Reads an optional file of the site at `rel` (such as `content/thesaurus.yaml`) the way
/// record files are read: a symbolic link only inside the root, at most
/// `limits.file_bytes`, UTF-8 without forbidden characters. `None` when the file is absent
/// or could not be read (then `diags` says why).
pub(crate) fn read_optional(
    root: &Path,
    rel: &str,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<Source> {
    let path = root.join(rel);
    if std::fs::symlink_metadata(&path).is_err() || !link_stays_inside(root, &path, diags) {
        return None;
    }
    read_source(root, &path, limits, diags)
}

fn read_source(
    root: &Path,
    path: &Path,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<Source> {
    let shown = rel(root, path);
    let bytes = match read_at_most(path, limits.file_bytes) {
        Ok(b) => b,
        Err(d) => {
            diags.push(d.at(&shown));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = String::from_utf8_lossy(good);
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            diags.push(Diagnostic::error(
                &shown,
                Pos::new(line, column),
                "the file is not valid UTF-8",
                "save the file as UTF-8 (not Shift_JIS): in your editor choose \"Save with encoding\" → UTF-8",
            ));
            return None;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if let Some((pos, c)) = crate::text::find_forbidden(&text) {
        diags.push(Diagnostic::error(
            &shown,
            pos,
            format!("the file holds {}", crate::text::describe(c)),
            crate::text::FORBIDDEN_HELP,
        ));
        return None;
    }
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(
            &shown,
            Pos::START,
            "the file is empty",
            "fill in the record (`madoguchi new` writes a skeleton) or delete the file",
        ));
        return None;
    }
    Some(Source { path: shown, text })
}

/// Why a file could not be read; placed in the file by `at`.
struct ReadError {
    pos: Pos,
    message: String,
    help: String,
}

impl ReadError {
    fn at(self, shown: &Path) -> Diagnostic {
        Diagnostic::error(shown, self.pos, self.message, self.help)
    }
}

/// The bytes of `path`, refusing a file over `limit` bytes without reading more than
/// that (a 50 MB paste or a device file must not fill the memory).
fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let cannot = |e: std::io::Error| ReadError {
        pos: Pos::START,
        message: format!("cannot read file: {e}"),
        help: "check that the file exists and is readable".into(),
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        let size =
            std::fs::metadata(path).map_or(String::new(), |m| format!(" ({} bytes)", m.len()));
        return Err(ReadError {
            pos: Pos::START,
            message: format!("the file is larger than the limit of {limit} bytes{size}"),
            help: format!(
                "a record holds one window's facts: shorten the texts or split the file; if your content really needs more, raise it in site.yaml: `limits: {{file_bytes: …}}` (now {limit})"
            ),
        });
    }
    Ok(bytes)
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

/// The files directly under `dir`, sorted so runs are deterministic. Symbolic links (the
/// folder itself or a file in it) are followed only when they lead inside the site root;
/// any other link is reported at the link and skipped.
fn files_in(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !link_stays_inside(root, dir, diags) {
        return Vec::new();
    }
    // Also when a folder above it leads outside (a `content/` link, reported by `load`).
    match (real_path(root), std::fs::canonicalize(dir)) {
        (real_root, Ok(real_dir)) if real_dir.starts_with(&real_root) => {}
        _ => return Vec::new(),
    }
    let mut files = Vec::new();
    for e in WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        let hidden = e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
        let is_file = if e.path_is_symlink() {
            !hidden && link_stays_inside(root, e.path(), diags) && e.path().is_file()
        } else {
            e.file_type().is_file()
        };
        if is_file && !hidden {
            files.push(e.into_path());
        }
    }
    files.sort();
    files
}

fn real_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether `path`, when it is a symbolic link, leads to something inside the site root
/// (a build must not depend on files outside the site folder); reports the link if not.
fn link_stays_inside(root: &Path, path: &Path, diags: &mut Diagnostics) -> bool {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return true;
    }
    let target = std::fs::read_link(path).unwrap_or_default();
    let target = target.display();
    let (message, help) = match std::fs::canonicalize(path) {
        Ok(real) if real.starts_with(real_path(root)) => return true,
        Ok(_) => (
            format!("this is a symbolic link to `{target}`, which is outside the site folder"),
            "madoguchi reads only what is inside the site folder: copy the file or folder here instead of linking to it, or move it into the site folder",
        ),
        Err(_) => (
            format!("this is a symbolic link to `{target}`, which does not exist"),
            "correct the link or delete it",
        ),
    };
    diags.push(Diagnostic::error(
        &rel(root, path),
        Pos::START,
        message,
        help,
    ));
    false
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

/// The id a record file `<id>.yaml` stands for, when its name is a valid one.
fn record_id(path: &Path) -> Option<&str> {
    let stem = path.file_stem()?.to_str()?;
    (path.extension()? == "yaml" && is_valid_id(stem)).then_some(stem)
}

/// Whether `id`, taken from the name of the file at `path`, can name a record or page;
/// says why not at the file otherwise.
fn check_id(root: &Path, path: &Path, id: &str, diags: &mut Diagnostics) -> bool {
    let shown = rel(root, path);
    let problem = if let Some(twin) = case_twin(root, path) {
        Some(Diagnostic::error(
            &shown,
            Pos::START,
            format!(
                "this file's name differs only by case from `{}`: on Windows and macOS both names are the same file",
                twin.display()
            ),
            "ids are lowercase: merge the two into one file, or rename this one to another lowercase id",
        ))
    } else if !is_valid_id(id) {
        Some(bad_id(&shown, id))
    } else if is_windows_reserved(id) {
        Some(Diagnostic::error(
            &shown,
            Pos::START,
            format!("the id `{id}` (the file name) is a device name that Windows reserves"),
            format!(
                "rename the file to another id, e.g. `{id}-sodan`: Windows cannot hold a file or folder named `{id}`, so the site could not be copied to a Windows PC or a USB stick formatted by one"
            ),
        ))
    } else {
        None
    };
    let fine = problem.is_none();
    if let Some(d) = problem {
        diags.push(d);
    }
    fine
}

/// Windows device names (`con`, `prn`, `aux`, `nul`, `com1`–`com9`, `lpt1`–`lpt9`), which
/// Windows refuses as file or folder names even with an extension (`con.html`).
pub(crate) fn is_windows_reserved(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    let numbered = |prefix: &str| {
        base.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
    };
    matches!(base.as_str(), "con" | "prn" | "aux" | "nul") || numbered("com") || numbered("lpt")
}

/// Another file under `content/` whose name is this one's in lowercase (`Foo.yaml` beside
/// `foo.yaml`): the two collide on a case-insensitive filesystem.
fn case_twin(root: &Path, path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_lowercase();
    if lower == name {
        return None;
    }
    let dirs = Kind::ALL.iter().map(|k| k.dir()).chain(["pages"]);
    dirs.map(|d| Path::new("content").join(d))
        .find(|d| {
            std::fs::read_dir(root.join(d))
                .into_iter()
                .flatten()
                .flatten()
                .any(|e| e.file_name().to_str() == Some(lower.as_str()))
        })
        .map(|d| d.join(&lower))
}

fn bad_id(shown: &Path, id: &str) -> Diagnostic {
    let suggestion: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    Diagnostic::error(
        shown,
        Pos::START,
        format!("the id `{id}` (the file name) may only use a-z, 0-9 and `-`"),
        if is_valid_id(&suggestion) {
            format!(
                "rename the file, e.g. to `{suggestion}`; the id becomes part of page addresses"
            )
        } else {
            "rename the file using lowercase letters, digits and `-`; the id becomes part of page addresses".into()
        },
    )
}

fn load_pages(root: &Path, limits: &Limits, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out = Vec::new();
    for path in files_in(root, &root.join("content").join("pages"), diags) {
        let shown = rel(root, &path);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(stem) = name.strip_suffix(".md") else {
            diags.push(Diagnostic::warning(
                &shown,
                Pos::START,
                "not a Markdown page; ignored",
                "pages are `<id>.<language code>.md`, e.g. `about.ja.md`",
            ));
            continue;
        };
        // `check` says when the language is not declared in site.yaml.
        let (id, lang) = match stem.rsplit_once('.').map(|(id, c)| (id, Lang::intern(c))) {
            Some((id, Ok(lang))) => (id, lang),
            _ => {
                diags.push(Diagnostic::error(
                    &shown,
                    Pos::START,
                    "a page's file name must end in `.<language code>.md`, e.g. `.ja.md`",
                    format!("rename it, e.g. `{stem}.ja.md`"),
                ));
                continue;
            }
        };
        if !check_id(root, &path, id, diags) {
            continue;
        }
        let Some(src) = read_source(root, &path, limits, diags) else {
            continue;
        };
        let Some((front, body)) = front_matter(&src, limits, diags) else {
            continue;
        };
        let Some(first) = body.lines().find(|l| !l.trim().is_empty()) else {
            continue;
        };
        let Some(title) = first.strip_prefix("# ") else {
            diags.push(Diagnostic::error(
                &shown,
                Pos::START,
                "a page must start with its title as `# Title`",
                "add a first line like `# About this site`",
            ));
            continue;
        };
        let title = title.trim().to_string();
        let markdown = body
            .split_once(first)
            .map_or("", |(_, rest)| rest)
            .to_string();
        out.push(Page {
            id: id.to_string(),
            lang,
            title,
            markdown,
            review: front.review,
            src,
        });
    }
    out
}

/// A page's front matter (a `---` line, YAML, a `---` line, at the very start) and the
/// text after it; the default front matter and the whole text when there is none. `None`
/// after an error in it, reported at its line in the page.
fn front_matter<'s>(
    src: &'s Source,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<(FrontMatter, &'s str)> {
    let text = src.text.as_str();
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Some((FrontMatter::default(), text));
    };
    let end = rest
        .match_indices("---")
        .map(|(at, _)| at)
        .find(|&at| (at == 0 || rest[..at].ends_with('\n')) && line_is_fence(&rest[at..]));
    let Some(end) = end else {
        diags.push(Diagnostic::error(
            &src.path,
            Pos::START,
            "the page starts with `---` but its front matter has no closing `---` line",
            "end the front matter with a line `---` before the `# Title` line, e.g. `---`, `review: reviewed`, `---`",
        ));
        return None;
    };
    let block = &rest[..end];
    let after = rest[end..].split_once('\n').map_or("", |(_, b)| b);
    let parsed = if block.trim().is_empty() {
        Ok(FrontMatter::default())
    } else {
        crate::yaml::parse_within::<FrontMatter>(&src.path, block, limits)
    };
    match parsed {
        Ok(front) => Some((front, after)),
        Err(mut d) => {
            // The block starts on the page's second line.
            d.line += 1;
            diags.push(d);
            None
        }
    }
}

/// Whether `s` starts with a line that is only `---`.
fn line_is_fence(s: &str) -> bool {
    let line = s.split('\n').next().unwrap_or("");
    line.trim_end() == "---"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_ascii_words() {
        assert!(is_valid_id("kodomo-hattatsu-2"));
        assert!(!is_valid_id("Kodomo"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-x"));
    }

    #[test]
    fn windows_device_names_are_reserved() {
        for name in [
            "con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "nul.txt", "CON",
        ] {
            assert!(is_windows_reserved(name), "{name}");
        }
        for name in [
            "console",
            "com",
            "com10",
            "lpt",
            "auxiliary",
            "con-1",
            "nulls",
        ] {
            assert!(!is_windows_reserved(name), "{name}");
        }
    }
}
