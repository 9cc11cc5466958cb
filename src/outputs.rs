//! Everything a build makes, as one list of outputs ([`standard`]): the site's pages, the
//! theme's static files, the search index, and the handouts' PDFs. `build` writes what
//! they make, `check` renders them in memory to check links, and `serve` keeps them up to
//! date after an edit, all through this list, so an output added here is in all three.
//!
//! The Atom feed (`feed.xml`) and the printable handout pages are pages of the site model
//! (they are made from the same data as the other pages), so the pages output renders
//! them; the handout PDFs are an output of their own, made from those pages.

use crate::error::Error;
use crate::export::SitemapPage;
use crate::i18n::UiStrings;
use crate::load::Content;
use crate::model::Languages;
use crate::output::OutFile;
use crate::render;
use crate::search::Thesaurus;
use crate::{Select, export, handout, progress, routes, search, sitemodel};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where an output hands each file it makes, as soon as it is ready (from any thread).
pub type Sink<'a> = dyn Fn(OutFile) -> Result<(), Error> + Sync + 'a;

/// Where [`make`] hands each file, with the name of the output that made it.
pub(crate) type Tagged<'a> = dyn Fn(&'static str, OutFile) -> Result<(), Error> + Sync + 'a;

/// What outputs are made from.
pub struct Ctx<'a> {
    /// The site root (templates and theme files are read from it).
    pub(crate) root: &'a Path,
    /// Validated content.
    pub content: &'a Content,
    /// The theme's interface words for every declared language.
    pub(crate) ui: &'a UiStrings,
    /// The search thesaurus, parsed once when the content was validated.
    pub(crate) thesaurus: &'a Thesaurus,
    /// The pages to render (`serve` re-renders only what an edit touched).
    pub(crate) select: &'a Select<'a>,
    /// With `build --pdf`: the scratch folder (beside the output) to print handouts in.
    pub(crate) pdf: Option<PathBuf>,
}

/// What an output's files depend on: decides when `serve` makes them again after an edited
/// record. (Any other edit remakes every output.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depends {
    /// Pages of the site model: made again at once, only the pages `Ctx::select` picks.
    Pages,
    /// All the content: made again once the edited pages are shown.
    Content,
    /// Only the theme: kept.
    Theme,
    /// Files of the other outputs ([`Output::reads`]): made again, after them.
    Files,
}

/// One kind of output file. Implement it and add it to [`standard`].
pub trait Output: Send + Sync {
    /// Short name, for messages and `serve`'s bookkeeping.
    fn name(&self) -> &'static str;
    /// When `serve` makes its files again after an edit.
    fn depends(&self) -> Depends;
    /// With [`Depends::Files`]: whether this output is made from the file `rel` that
    /// another output made.
    fn reads(&self, _rel: &str) -> bool {
        false
    }
    /// Makes the files, handing each to `sink`. `inputs` are the files [`Output::reads`]
    /// picked, sorted by path (empty for the other kinds).
    fn make(&self, ctx: &Ctx, inputs: &[OutFile], sink: &Sink) -> Result<Made, Error>;
}

/// What making outputs gave besides the files.
#[derive(Debug, Default)]
pub struct Made {
    /// Pages rendered.
    pub(crate) pages: usize,
    /// Files handed to the sink, and their bytes.
    pub(crate) files: usize,
    /// Bytes handed to the sink.
    pub(crate) bytes: usize,
    /// Things the person building should know that are not about one record.
    pub(crate) notes: Vec<String>,
}

impl Made {
    fn add(&mut self, other: Made) {
        self.pages += other.pages;
        self.files += other.files;
        self.bytes += other.bytes;
        self.notes.extend(other.notes);
    }
}

/// Every output of a site, in the order they are made. The one place outputs are listed.
pub fn standard() -> Vec<Box<dyn Output>> {
    vec![
        Box::new(Pages),
        Box::new(ThemeFiles),
        Box::new(SearchIndex),
        Box::new(OpenData),
        Box::new(HandoutPdfs),
    ]
}

/// Makes `outputs`: those made from the content all at once (on all cores), then those
/// made from their files.
pub(crate) fn make(outputs: &[&dyn Output], ctx: &Ctx, sink: &Tagged) -> Result<Made, Error> {
    let (readers, makers): (Vec<&dyn Output>, Vec<&dyn Output>) =
        outputs.iter().partition(|o| o.depends() == Depends::Files);
    let inputs = Mutex::new(Vec::new());
    let keep = |name: &'static str, f: OutFile| {
        if readers.iter().any(|r| r.reads(&f.rel)) {
            let copy = OutFile {
                rel: f.rel.clone(),
                bytes: f.bytes.clone(),
            };
            inputs.lock().unwrap_or_else(|e| e.into_inner()).push(copy);
        }
        sink(name, f)
    };
    let mut made = make_each(&makers, ctx, &[], &keep)?;
    let inputs = inputs.into_inner().unwrap_or_else(|e| e.into_inner());
    made.add(make_from_files(&readers, ctx, inputs, sink)?);
    Ok(made)
}

/// Makes `readers` from `files` (those they read).
pub(crate) fn make_from_files(
    readers: &[&dyn Output],
    ctx: &Ctx,
    mut files: Vec<OutFile>,
    sink: &Tagged,
) -> Result<Made, Error> {
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut made = Made::default();
    for r in readers {
        let inputs: Vec<OutFile> = files
            .iter()
            .filter(|f| r.reads(&f.rel))
            .map(|f| OutFile {
                rel: f.rel.clone(),
                bytes: f.bytes.clone(),
            })
            .collect();
        made.add(make_each(&[*r], ctx, &inputs, sink)?);
    }
    Ok(made)
}

/// Makes each of `outputs` in parallel, counting the files and bytes each hands on.
fn make_each(
    outputs: &[&dyn Output],
    ctx: &Ctx,
    inputs: &[OutFile],
    sink: &Tagged,
) -> Result<Made, Error> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    outputs
        .par_iter()
        .map(|o| {
            let (files, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0));
            let counted = |f: OutFile| {
                files.fetch_add(1, Ordering::Relaxed);
                bytes.fetch_add(f.bytes.len(), Ordering::Relaxed);
                sink(o.name(), f)
            };
            let mut made = o.make(ctx, inputs, &counted)?;
            made.files = files.into_inner();
            made.bytes = bytes.into_inner();
            Ok(made)
        })
        .try_reduce(Made::default, |mut a, b| {
            a.add(b);
            Ok(a)
        })
}

fn theme_dir(root: &Path) -> PathBuf {
    root.join("themes").join("default")
}

/// Every page of the site model (including the Atom feed and the handout pages), rendered
/// through the theme's templates.
struct Pages;

impl Output for Pages {
    fn name(&self) -> &'static str {
        "pages"
    }
    fn depends(&self) -> Depends {
        Depends::Pages
    }
    fn make(&self, ctx: &Ctx, _: &[OutFile], sink: &Sink) -> Result<Made, Error> {
        progress::step("building the site model");
        let tera = render::load_templates(&theme_dir(ctx.root)).map_err(Error::Theme)?;
        let model = sitemodel::build(ctx.content, ctx.ui);
        progress::step("rendering");
        let site = &ctx.content.site.data;
        let meta = render::SiteMeta {
            languages: &site.languages,
            ui: ctx.ui,
            title: &site.title,
            tagline: site.tagline.as_ref(),
            confirm_at: &site.confirm_at,
            base_url: site.base_url.as_deref(),
            open_data: site.open_data.is_some(),
        };
        let rendered = render::render_site(&tera, &model, &meta, sink, ctx.select);
        let (pages, _) = rendered.map_err(|stopped| match stopped {
            render::Stopped::Render(e) => Error::Render(e),
            render::Stopped::Sink(e) => e,
        })?;
        if let Some(base) = &meta.base_url {
            let pages = sitemap_pages(&model, &site.languages);
            for f in export::sitemap::files(base, &pages).map_err(Error::Export)? {
                sink(f)?;
            }
        }
        Ok(Made {
            pages,
            ..Made::default()
        })
    }
}

/// Every HTML page of `model` but the 404 page, with its versions in each language that
/// has it (the alternates the pages link, [`render::Versions`]): what `sitemap.xml`
/// lists (with `base_url` known).
fn sitemap_pages(model: &sitemodel::SiteModel, languages: &Languages) -> Vec<SitemapPage> {
    let is_listed = |rel: &str| rel.ends_with(".html") && rel != "404.html";
    let versions = render::Versions::of(model, languages);
    let mut pages = Vec::new();
    for language in languages.all() {
        let mut rels: Vec<&str> = (model.pages.get(&language.lang).into_iter().flatten())
            .map(|p| p.rel.as_str())
            .filter(|r| is_listed(r))
            .collect();
        rels.sort_unstable();
        rels.dedup();
        for rel in rels {
            let has = versions.of_page(rel);
            let alternates = (languages.all().iter().zip(has))
                .filter(|(_, has)| **has)
                .map(|(l, _)| (l.hreflang.clone(), routes::out_path(&l.prefix, rel)))
                .collect();
            pages.push(SitemapPage {
                path: routes::out_path(&language.prefix, rel),
                alternates,
            });
        }
    }
    pages
}

/// Open data made from the records (docs/open-data.md): Open Referral HSDS 3.0 under
/// `data/hsds/` and the 公共施設一覧 CSV `data/facilities.csv`, when `site.yaml` has an
/// `open_data:` section (it costs memory in proportion to the records: see README).
struct OpenData;

impl Output for OpenData {
    fn name(&self) -> &'static str {
        "open data"
    }
    fn depends(&self) -> Depends {
        Depends::Content
    }
    fn make(&self, ctx: &Ctx, _: &[OutFile], sink: &Sink) -> Result<Made, Error> {
        let site = &ctx.content.site.data;
        if site.open_data.is_none() {
            return Ok(Made::default());
        }
        let base_url = site.base_url.as_deref();
        export::each_data_file(ctx.content, ctx.ui, base_url, &mut |f| sink(f))?;
        Ok(Made::default())
    }
}

/// The theme's static files (`themes/default/static/` → `assets/`).
struct ThemeFiles;

impl Output for ThemeFiles {
    fn name(&self) -> &'static str {
        "theme files"
    }
    fn depends(&self) -> Depends {
        Depends::Theme
    }
    fn make(&self, ctx: &Ctx, _: &[OutFile], sink: &Sink) -> Result<Made, Error> {
        for f in render::static_files(&theme_dir(ctx.root)).map_err(Error::Theme)? {
            sink(f)?;
        }
        Ok(Made::default())
    }
}

/// The search index of every language (`assets/search-<lang>.js` and its shards).
struct SearchIndex;

impl Output for SearchIndex {
    fn name(&self) -> &'static str {
        "search index"
    }
    fn depends(&self) -> Depends {
        Depends::Content
    }
    fn make(&self, ctx: &Ctx, _: &[OutFile], sink: &Sink) -> Result<Made, Error> {
        for f in search::index_files_with(ctx.content, ctx.ui, ctx.thesaurus) {
            sink(f)?;
        }
        Ok(Made::default())
    }
}

/// The handout pages printed to PDF (`handouts/<id>/handout.pdf`) with `build --pdf`, and
/// always the note about handouts printed without their QR code.
struct HandoutPdfs;

impl Output for HandoutPdfs {
    fn name(&self) -> &'static str {
        "handout PDFs"
    }
    fn depends(&self) -> Depends {
        Depends::Files
    }
    fn reads(&self, rel: &str) -> bool {
        handout::is_handout(rel) || handout::is_print_asset(rel)
    }
    fn make(&self, ctx: &Ctx, inputs: &[OutFile], sink: &Sink) -> Result<Made, Error> {
        let notes = handout::notes(inputs);
        if let Some(scratch) = &ctx.pdf {
            progress::step("printing handouts to PDF");
            for f in handout::pdfs(inputs, scratch).map_err(Error::Pdf)? {
                sink(f)?;
            }
        }
        Ok(Made {
            notes,
            ..Made::default()
        })
    }
}
