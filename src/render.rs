//! Stage 4: render every page of the site model through the theme's tera templates.
//!
//! Templates are compiled once; each page gets the shared context (language, relative
//! paths to the site root, the language switch target, UI strings) plus its own data.
//! Autoescaping is on for every `.html` template.

mod frame;

use crate::i18n::UiStrings;
use crate::markdown::plain_text;
use crate::model::{Language, Languages, Localized};
use crate::output::OutFile;
use crate::sitemodel::Text;
use crate::sitemodel::{PageSpec, SiteModel};
use frame::{Alternate, Discovery, Frame, LanguageFrame, Switch};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::value::Key;
use tera::{Context, Tera};
use walkdir::WalkDir;

/// What every page of the site shares, read from site.yaml and the theme's words.
pub(crate) struct SiteMeta<'a> {
    /// The declared languages.
    pub(crate) languages: &'a Languages,
    /// The interface's words in every language.
    pub(crate) ui: &'a UiStrings,
    /// The site's title.
    pub(crate) title: &'a Localized,
    /// The line under the title.
    pub(crate) tagline: Option<&'a Localized>,
    /// Where to confirm what nobody has verified.
    pub(crate) confirm_at: &'a Localized,
    /// The published address (`base_url` or `--base-url`), for canonical links and feeds.
    pub(crate) base_url: Option<&'a str>,
    /// Whether the site publishes open data (then every page links the data page).
    pub(crate) open_data: bool,
}

/// Why the theme could not be read or a page not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The theme has no `templates/` folder, or it is empty.
    #[error("{}: no templates found; is --root the site root?", dir.display())]
    NoTemplates {
        /// Where the templates were looked for.
        dir: PathBuf,
    },
    /// A template does not compile.
    #[error("{}: template error: {source}", dir.display())]
    Compile {
        /// The templates folder.
        dir: PathBuf,
        /// tera's message, naming the template and line.
        source: tera::Error,
    },
    /// A page's data could not be handed to tera.
    #[error("{page}: its data cannot be given to the templates: {source}")]
    Context {
        /// The page's output path.
        page: String,
        /// tera's message.
        source: tera::Error,
    },
    /// A template failed while rendering a page.
    #[error("rendering {page} with {template}: {source}")]
    Template {
        /// The page's output path.
        page: String,
        /// The template's file name.
        template: &'static str,
        /// tera's message, naming the template and line.
        source: tera::Error,
    },
    /// A static file of the theme could not be read.
    #[error("{}: {source}", path.display())]
    StaticFile {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
}

/// Why [`render_site`] stopped: a page failed, or the sink refused a file (its own
/// error, handed back as it was).
#[derive(Debug)]
pub(crate) enum Stopped<E> {
    /// A page failed.
    Render(RenderError),
    /// The sink refused a file.
    Sink(E),
}

/// Compiles every template of `theme` (its `templates/` folder) once.
pub(crate) fn load_templates(theme: &Path) -> Result<Tera, RenderError> {
    let dir = theme.join("templates");
    let mut files: Vec<(PathBuf, String)> = WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let name = e
                .path()
                .strip_prefix(&dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((e.into_path(), name))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(RenderError::NoTemplates { dir });
    }
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml", ".svg"]);
    // Every text a page prints gets its furigana (`{漢字|かんじ}` → `<ruby>`), escaped as
    // before; attributes, `<title>` and the feed print `| plain`: the base text only.
    tera.set_escape_fn(crate::ruby::write_html);
    tera.register_filter("plain", |x: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&crate::ruby::to_plain_html(x))
    });
    tera.add_template_files(files.iter().map(|(p, n)| (p.as_path(), Some(n.as_str()))))
        .map_err(|source| RenderError::Compile { dir, source })?;
    Ok(tera)
}

pub(crate) use crate::routes::{out_path, root_prefix};

/// Renders the pages `select` picks on all cores and hands each file to `sink` as soon as it is ready, so
/// rendered pages are not all held in memory. Returns the number of pages and their bytes.
pub(crate) fn render_site<E: Send>(
    tera: &Tera,
    model: &SiteModel,
    meta: &SiteMeta,
    sink: &(dyn Fn(OutFile) -> Result<(), E> + Sync),
    select: &crate::Select,
) -> Result<(usize, usize), Stopped<E>> {
    use rayon::prelude::*;
    let mut pages = 0;
    let mut bytes = 0;
    let has = Versions::of(model, meta.languages);
    for language in meta.languages.all() {
        let specs = &model.pages[&language.lang];
        let shared = Shared::new(language, meta).map_err(Stopped::Render)?;
        let chosen: Vec<&PageSpec> = specs.iter().filter(|p| select(language.lang, p)).collect();
        let n: usize = chosen
            .par_iter()
            .map(|page| {
                let file = render_page(tera, model, language, page, &shared, &has, meta)
                    .map_err(Stopped::Render)?;
                let len = file.bytes.len();
                sink(file).map_err(Stopped::Sink)?;
                Ok(len)
            })
            .collect::<Result<Vec<usize>, Stopped<E>>>()?
            .into_iter()
            .sum();
        pages += chosen.len();
        bytes += n;
    }
    Ok((pages, bytes))
}

/// What every page of a language shares ([`LanguageFrame`]), converted for tera once:
/// its values share their maps and lists, so each page gets them without a copy.
struct Shared {
    context: Context,
}

impl Shared {
    fn new(language: &Language, meta: &SiteMeta) -> Result<Shared, RenderError> {
        let chain = language.chain.as_slice();
        let frame = LanguageFrame {
            lang: language.code(),
            lang_tag: &language.tag,
            dir: &language.dir,
            prefix: &language.prefix,
            site_title: meta.title.get(chain).0,
            tagline: meta.tagline.map(|t| Text::of(t, chain)),
            confirm_at: Text::of(meta.confirm_at, chain),
            t: meta.ui.labels(language.lang),
            data_page_href: meta.open_data.then(crate::routes::data_page),
        };
        let context = Context::from_serialize(&frame).map_err(|source| RenderError::Context {
            page: format!("every page in {}", language.code()),
            source,
        })?;
        Ok(Shared { context })
    }
}

/// Which languages have each page: a row per `rel` of any language, a column per
/// declared language (by position). Made once per build, so a page's alternates and
/// language switch cost one lookup, not one per language; `sitemap.xml` lists the
/// same alternates from it.
pub(crate) struct Versions<'m> {
    rows: HashMap<&'m str, usize>,
    /// `rows.len()` rows of one flag per language.
    has: Vec<bool>,
    languages: usize,
}

impl<'m> Versions<'m> {
    pub(crate) fn of(model: &'m SiteModel, languages: &Languages) -> Versions<'m> {
        let n = languages.all().len();
        let mut v = Versions {
            rows: HashMap::new(),
            has: Vec::new(),
            languages: n,
        };
        for (i, l) in languages.all().iter().enumerate() {
            for page in model.pages.get(&l.lang).into_iter().flatten() {
                let next = v.rows.len();
                let row = *v.rows.entry(page.rel.as_str()).or_insert(next);
                if row == next {
                    v.has.resize(v.has.len() + n, false);
                }
                v.has[row * n + i] = true;
            }
        }
        v
    }

    /// For each declared language (by position), whether it has the page `rel`.
    pub(crate) fn of_page(&self, rel: &str) -> &[bool] {
        let n = self.languages;
        self.rows
            .get(rel)
            .map_or(&[], |row| &self.has[row * n..][..n])
    }
}

/// The page's alternates (itself first, then each other language that has it, then
/// `x-default`: the first language's) and its language switch (every other language).
fn languages_of<'a>(
    rel: &str,
    root: &str,
    language: &'a Language,
    has: &Versions,
    meta: &'a SiteMeta,
) -> (Vec<Alternate<'a>>, Vec<Switch<'a>>) {
    let href = |l: &Language, rel: &str| format!("{root}{}", out_path(&l.prefix, rel));
    let versions = has.of_page(rel);
    let all = meta.languages.all();
    let has_page = |i: usize| versions.get(i).copied().unwrap_or(false);
    let others = || (all.iter().enumerate()).filter(|(_, l)| l.lang != language.lang);
    let mut alternates = Vec::with_capacity(all.len() + 1);
    alternates.push(Alternate {
        code: &language.hreflang,
        href: href(language, rel),
    });
    alternates.extend(
        others()
            .filter(|(i, _)| has_page(*i))
            .map(|(_, l)| Alternate {
                code: &l.hreflang,
                href: href(l, rel),
            }),
    );
    if has_page(0) {
        alternates.push(Alternate {
            code: "x-default",
            href: href(&all[0], rel),
        });
    }
    let switches = others()
        .map(|(i, l)| Switch {
            hreflang: &l.hreflang,
            tag: &l.tag,
            name: &l.name,
            label: meta.ui.get(l.lang, "this_page_in_language"),
            href: href(l, if has_page(i) { rel } else { "index.html" }),
        })
        .collect();
    (alternates, switches)
}

fn render_page(
    tera: &Tera,
    model: &SiteModel,
    language: &Language,
    page: &PageSpec,
    shared: &Shared,
    has: &Versions,
    meta: &SiteMeta,
) -> Result<OutFile, RenderError> {
    let path = out_path(&language.prefix, &page.rel);
    let mut root = root_prefix(&path);
    // A 404 page is served from whatever address was missing, so relative links cannot
    // work there; use the published address when we know it.
    if page.rel == "404.html"
        && let Some(base) = meta.base_url
    {
        root = format!("{}/", base.trim_end_matches('/'));
    }
    let base = format!("{root}{}", language.prefix);
    let (alternates, switches) = languages_of(&page.rel, &root, language, has, meta);
    let canonical = meta.base_url.map(|b| {
        format!(
            "{}/{}",
            b.trim_end_matches('/'),
            path.trim_end_matches("index.html")
        )
    });
    let description = model.description(language.lang, page);
    let discovery = discovery(meta, language, page, &alternates, description);
    let data = model.page_data(language.lang, page);
    let frame = Frame {
        draft: model.shows_draft(language.lang, page, &data),
        self_href: format!("{root}{path}"),
        root,
        base,
        alternates,
        switches,
        rel: &page.rel,
        title: &page.title,
        canonical,
        discovery,
    };
    let mut ctx = shared.context.clone();
    if let Err(source) = add_fields(&mut ctx, &frame).and_then(|()| add_fields(&mut ctx, &data)) {
        return Err(RenderError::Context { page: path, source });
    }
    let render = |ctx: &Context| {
        tera.render(page.template, ctx)
            .map_err(|source| RenderError::Template {
                page: path.clone(),
                template: page.template,
                source,
            })
    };
    let mut html = render(&ctx)?;
    // Only a page that shows furigana gets the switch to hide it; which texts a page
    // prints is known once it is rendered, so such a page is rendered again.
    if html.contains("<ruby>") {
        ctx.insert("has_ruby", &true);
        html = render(&ctx)?;
    }
    Ok(OutFile {
        rel: path,
        bytes: html.into_bytes(),
    })
}

/// Adds the fields of `value` (a struct) to `ctx` as variables. The names stay the
/// `&'static str`s serde gives them: building a context with `Context::from_serialize`
/// copied each name into a new string on every page, and flattening the frame and the
/// page's data into one map first made one more string per name.
fn add_fields(ctx: &mut Context, value: &impl serde::Serialize) -> Result<(), tera::Error> {
    let Some(map) = tera::Value::try_from_serializable(value)?.into_map() else {
        return Err(tera::Error::message("a page's data must be a struct"));
    };
    for (key, value) in map {
        let name = match key {
            Key::Str(name) => Cow::Borrowed(name),
            key => Cow::Owned(key.as_str().unwrap_or_default().to_string()),
        };
        ctx.insert_value(name, value);
    }
    Ok(())
}

/// The page's [`Discovery`] data; `description` is the page's own, when it has one.
fn discovery(
    meta: &SiteMeta,
    language: &Language,
    page: &PageSpec,
    alternates: &[Alternate],
    description: Option<String>,
) -> Discovery {
    // OpenGraph locales are the languages' `lang` tags (`ja`, `zh_Hans`), each once: a
    // language sharing its tag with another (やさしい日本語 is `ja`) adds none.
    let locale = |tag: &str| tag.replace('-', "_");
    let tag_of = |hreflang: &str| {
        (meta.languages.all().iter())
            .find(|l| l.hreflang == hreflang)
            .map(|l| l.tag.as_str())
    };
    let tagline = || {
        meta.tagline
            .map(|t| plain_text(t.get(&language.chain).0, usize::MAX))
    };
    Discovery {
        kind: if page.rel == "index.html" {
            "website"
        } else {
            "article"
        },
        description: description.or_else(tagline).unwrap_or_default(),
        locale: locale(&language.tag),
        locale_alternates: {
            let mut tags: Vec<&str> = (alternates.iter().skip(1))
                .filter_map(|a| tag_of(a.code))
                .filter(|t| *t != language.tag)
                .collect();
            tags.dedup();
            tags.into_iter().map(locale).collect()
        },
    }
}

/// The theme's static files, copied under `assets/`.
pub(crate) fn static_files(theme: &Path) -> Result<Vec<OutFile>, RenderError> {
    let dir = theme.join("static");
    let mut files = Vec::new();
    for e in WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file() {
            continue;
        }
        // WalkDir yields only paths under `dir`.
        let Ok(rel) = e.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(e.path()).map_err(|source| RenderError::StaticFile {
            path: e.path().to_path_buf(),
            source,
        })?;
        files.push(OutFile {
            rel: crate::routes::asset(&rel),
            bytes,
        });
    }
    Ok(files)
}
