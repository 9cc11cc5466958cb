//! madoguchi: a static site generator for a city's child developmental-support network.
//!
//! The pipeline, one module per stage:
//! load → validate → sitemodel (resolve references, choose language) → render → output.
//! See ARCHITECTURE.md for the map.

pub mod diag;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod sitemodel;
pub mod strings;
pub mod validate;
pub mod yaml;

use diag::Diagnostics;
use std::path::{Path, PathBuf};

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Overrides `base_url` from site.yaml (used for QR codes, feeds, canonical links).
    pub base_url: Option<String>,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub warnings: Diagnostics,
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
    let (content, mut diags) = load::load(root);
    if let Some(c) = &content {
        diags.extend(validate::validate(c));
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
    let (content, diags) = check(&opts.root);
    let Some(mut content) = content else {
        return Err(BuildError::Content(diags));
    };
    if let Some(url) = &opts.base_url {
        content.site.data.base_url = Some(url.clone());
        let mut d = Diagnostics::default();
        d.extend(validate::validate(&content));
        if d.has_errors() {
            return Err(BuildError::Content(d));
        }
    }
    let theme = opts.root.join("themes").join("default");
    let tera = render::load_templates(&theme).map_err(BuildError::Other)?;
    let model = sitemodel::build(&content);
    let site = &content.site.data;
    let meta = render::SiteMeta {
        title: &site.title,
        tagline: site.tagline.as_ref(),
        confirm_at: &site.confirm_at,
        base_url: site.base_url.as_deref(),
    };
    let staging = output::Staging::new(&out).map_err(BuildError::Other)?;
    let (pages, mut bytes) = render::render_site(&tera, &model, &meta, &|f| staging.write(&f))
        .map_err(BuildError::Other)?;
    let mut files = render::static_files(&theme).map_err(BuildError::Other)?;
    bytes += files.iter().map(|f| f.bytes.len()).sum::<usize>();
    for f in &files {
        staging.write(f).map_err(BuildError::Other)?;
    }
    let file_count = pages + files.len();
    files.clear();
    staging.commit().map_err(BuildError::Other)?;
    Ok(BuildReport {
        pages,
        files: file_count,
        bytes,
        warnings: diags,
    })
}
