//! madoguchi: a static site generator for a city's child developmental-support network.
//!
//! The pipeline, one module per stage:
//! load → validate → sitemodel (resolve references, choose language) → render → output.
//! See ARCHITECTURE.md for the map.

pub mod check;
pub mod diag;
pub mod freshness;
pub mod handout;
pub mod i18n;
pub mod incremental;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod qr;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemodel;
pub mod text;
pub mod validate;
pub mod yaml;

use diag::Diagnostics;
use std::path::{Path, PathBuf};

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Overrides `base_url` from site.yaml (used for QR codes, feeds, canonical links).
    pub base_url: Option<String>,
    /// Also print the handouts to PDF with Chromium (`handouts/<id>/handout.pdf`).
    pub pdf: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub warnings: Diagnostics,
    /// Things the person building should know that are not about one record.
    pub notes: Vec<String>,
}

#[derive(Debug)]
pub enum BuildError {
    /// The content has errors; nothing was written.
    Content(Diagnostics),
    /// Templates, the output folder or the filesystem failed; nothing was replaced.
    Other(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(d) => {
                for e in d.errors() {
                    writeln!(f, "{e}")?;
                }
                Ok(())
            }
            BuildError::Other(m) => write!(f, "{m}"),
        }
    }
}

/// Loads and validates the site at `root`. Returns the content when there were no errors,
/// and every diagnostic (errors and warnings) either way.
pub fn check(root: &Path) -> (Option<load::Content>, Diagnostics) {
    check_with_base_url(root, None)
}

/// `check`, with `base_url` (from `build --base-url`) replacing site.yaml's before
/// validation, so the override is validated like the file's own value.
fn check_with_base_url(
    root: &Path,
    base_url: Option<&str>,
) -> (Option<load::Content>, Diagnostics) {
    let (mut content, mut diags) = load::load(root);
    if let (Some(c), Some(url)) = (&mut content, base_url) {
        c.site.data.base_url = Some(url.to_string());
    }
    if let Some(c) = &content {
        check::progress("validating");
        diags.extend(validate::validate(c));
        diags.extend(scaffold::unfilled(c));
        diags.extend(search::thesaurus::check(root, c));
        // Without a theme there is nothing to print the words (building says so).
        if root.join(i18n::THEME).is_dir() {
            let site = &c.site.data;
            diags.extend(i18n::load(root, i18n::THEME, &site.languages, &site.limits).1);
        }
    }
    diags.sort();
    if diags.has_errors() {
        (None, diags)
    } else {
        (content, diags)
    }
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let out = output::check_out_dir(&opts.root, &opts.out).map_err(BuildError::Other)?;
    let staging = output::Staging::new(&out).map_err(BuildError::Other)?;
    // Handout pages are kept aside (they are few) for the QR note and PDF printing.
    let handouts = std::sync::Mutex::new(Vec::new());
    let sink = |f: render::OutFile| {
        staging.write(&f)?;
        if handout::is_handout(&f.rel) || handout::is_print_asset(&f.rel) {
            handouts.lock().map_err(|e| e.to_string())?.push(f);
        }
        Ok(())
    };
    let rendered = render_with(&opts.root, opts.base_url.as_deref(), &sink);
    if rendered.is_err() {
        check::progress_done();
    }
    let (pages, mut bytes, files, diags) = rendered?;
    let mut handouts = handouts
        .into_inner()
        .map_err(|e| BuildError::Other(e.to_string()))?;
    handouts.sort_by(|a, b| a.rel.cmp(&b.rel));
    let notes = handout::notes(&handouts);
    if opts.pdf {
        check::progress("printing handouts to PDF");
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let scratch = out.with_file_name(format!(".{name}.pdf-{}", std::process::id()));
        let pdfs = handout::pdfs(&handouts, &scratch);
        if pdfs.is_err() {
            check::progress_done();
        }
        for f in pdfs.map_err(BuildError::Other)? {
            bytes += f.bytes.len();
            staging.write(&f).map_err(BuildError::Other)?;
        }
    }
    check::progress("writing");
    staging.commit().map_err(BuildError::Other)?;
    check::progress_done();
    Ok(BuildReport {
        pages,
        files,
        bytes,
        warnings: diags,
        notes,
    })
}

/// The whole site, rendered but not written: what `check` inspects and `serve` serves.
pub struct Rendered {
    /// Sorted by path.
    pub files: Vec<render::OutFile>,
    pub pages: usize,
    pub warnings: Diagnostics,
}

pub fn render_in_memory(root: &Path, base_url: Option<&str>) -> Result<Rendered, BuildError> {
    let files = std::sync::Mutex::new(Vec::new());
    let sink = |f: render::OutFile| {
        files.lock().map_err(|e| e.to_string())?.push(f);
        Ok(())
    };
    let (pages, _, _, warnings) = render_with(root, base_url, &sink)?;
    let mut files = files
        .into_inner()
        .map_err(|e| BuildError::Other(e.to_string()))?;
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(Rendered {
        files,
        pages,
        warnings,
    })
}

type Sink<'a> = dyn Fn(render::OutFile) -> Result<(), String> + Sync + 'a;

/// Picks the pages a render produces (`serve` re-renders only what an edit touched).
pub type Select<'a> = dyn Fn(model::Lang, &sitemodel::PageSpec) -> bool + Sync + 'a;

/// Loads, validates and renders the site, handing every output file to `sink` as soon as
/// it is ready (pages are rendered on all cores). Returns pages, bytes, files, warnings.
fn render_with(
    root: &Path,
    base_url: Option<&str>,
    sink: &Sink,
) -> Result<(usize, usize, usize, Diagnostics), BuildError> {
    check::progress("loading");
    let (content, diags) = check_with_base_url(root, base_url);
    let Some(content) = content else {
        return Err(BuildError::Content(diags));
    };
    let (pages, bytes, files) = render_content(root, &content, sink, &|_, _| true, true)?;
    Ok((pages, bytes, files, diags))
}

/// Renders the pages of validated `content` that `select` picks, with the theme's static
/// files and (with `with_search`) the search index. Returns pages, bytes and files handed
/// to `sink`.
pub fn render_content(
    root: &Path,
    content: &load::Content,
    sink: &Sink,
    select: &Select,
    with_search: bool,
) -> Result<(usize, usize, usize), BuildError> {
    let theme = root.join(i18n::THEME);
    check::progress("building the site model");
    let tera = render::load_templates(&theme).map_err(BuildError::Other)?;
    let site = &content.site.data;
    let (ui, diags) = i18n::load(root, i18n::THEME, &site.languages, &site.limits);
    let ui = ui.ok_or(BuildError::Content(diags))?;
    let model = sitemodel::build(content, &ui);
    check::progress("rendering");
    let meta = render::SiteMeta {
        languages: &site.languages,
        ui: &ui,
        title: &site.title,
        tagline: site.tagline.as_ref(),
        confirm_at: &site.confirm_at,
        base_url: site.base_url.as_deref(),
    };
    // The search index does not depend on rendering: build both at once.
    let (rendered, search_files) = rayon::join(
        || render::render_site(&tera, &model, &meta, sink, select),
        || {
            if with_search {
                search::index_files(root, content, &ui)
            } else {
                Vec::new()
            }
        },
    );
    let (pages, mut bytes) = rendered.map_err(BuildError::Other)?;
    let mut extra = render::static_files(&theme).map_err(BuildError::Other)?;
    extra.extend(search_files);
    let files = pages + extra.len();
    for f in extra {
        bytes += f.bytes.len();
        sink(f).map_err(BuildError::Other)?;
    }
    Ok((pages, bytes, files))
}
