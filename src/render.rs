//! Stage 4: render every page of the site model through the theme's tera templates.
//!
//! Templates are compiled once; each page gets the shared context (language, relative
//! paths to the site root, the language switch target, UI strings) plus its own data.
//! Autoescaping is on for every `.html` template.

use crate::i18n::UiStrings;
use crate::model::{Lang, Language, Languages, Localized};
use crate::output::OutFile;
use crate::sitemodel::Text;
use crate::sitemodel::{PageSpec, SiteModel};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use tera::{Context, Tera};
use walkdir::WalkDir;

pub struct SiteMeta<'a> {
    pub languages: &'a Languages,
    pub ui: &'a UiStrings,
    pub title: &'a Localized,
    pub tagline: Option<&'a Localized>,
    pub confirm_at: &'a Localized,
    pub base_url: Option<&'a str>,
}

pub fn load_templates(theme: &Path) -> Result<Tera, String> {
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
        return Err(format!(
            "{}: no templates found; is --root the site root?",
            dir.display()
        ));
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
        .map_err(|e| format!("{}: template error: {e}", dir.display()))?;
    Ok(tera)
}

pub use crate::routes::{out_path, root_prefix};

/// Renders the pages `select` picks on all cores and hands each file to `sink` as soon as it is ready, so
/// rendered pages are not all held in memory. Returns the number of pages and their bytes.
pub fn render_site(
    tera: &Tera,
    model: &SiteModel,
    meta: &SiteMeta,
    sink: &(dyn Fn(OutFile) -> Result<(), String> + Sync),
    select: &crate::Select,
) -> Result<(usize, usize), String> {
    use rayon::prelude::*;
    let mut pages = 0;
    let mut bytes = 0;
    // Which pages each language has, for the alternates and the language switch.
    let has: BTreeMap<Lang, HashSet<&str>> = model
        .pages
        .iter()
        .map(|(lang, specs)| (*lang, specs.iter().map(|p| p.rel.as_str()).collect()))
        .collect();
    for language in meta.languages.all() {
        let specs = &model.pages[&language.lang];
        let shared = Shared::new(language, meta);
        let chosen: Vec<&PageSpec> = specs.iter().filter(|p| select(language.lang, p)).collect();
        let n: usize = chosen
            .par_iter()
            .map(|page| {
                let file = render_page(tera, model, language, page, &shared, &has, meta)?;
                let len = file.bytes.len();
                sink(file)?;
                Ok(len)
            })
            .collect::<Result<Vec<usize>, String>>()?
            .into_iter()
            .sum();
        pages += chosen.len();
        bytes += n;
    }
    Ok((pages, bytes))
}

/// Context values every page of a language shares, converted for tera once: its values
/// share their maps and lists, so each page gets them without a copy.
struct Shared {
    values: Vec<(&'static str, tera::Value)>,
}

impl Shared {
    fn new(language: &Language, meta: &SiteMeta) -> Shared {
        use tera::Value;
        let chain = language.chain.as_slice();
        Shared {
            values: vec![
                ("lang", Value::from_serializable(language.code())),
                ("dir", Value::from_serializable(&language.dir)),
                ("prefix", Value::from_serializable(&language.prefix)),
                (
                    "site_title",
                    Value::from_serializable(meta.title.get(chain).0),
                ),
                (
                    "tagline",
                    Value::from_serializable(&meta.tagline.map(|t| Text::of(t, chain))),
                ),
                (
                    "confirm_at",
                    Value::from_serializable(&Text::of(meta.confirm_at, chain)),
                ),
                ("t", Value::from_serializable(meta.ui.labels(language.lang))),
            ],
        }
    }
}

/// A `<link rel="alternate" hreflang>` of a page.
#[derive(Serialize)]
struct Alternate<'a> {
    code: &'a str,
    href: String,
}

/// An entry of the language switch: the same page in another language, or that
/// language's home when it lacks the page.
#[derive(Serialize)]
struct Switch<'a> {
    code: &'a str,
    /// The language's own name.
    name: &'a str,
    /// "This page in <language>", in that language.
    label: &'a str,
    href: String,
}

/// The page's alternates (itself first, then each other language that has it, then
/// `x-default`: the first language's) and its language switch (every other language).
fn languages_of<'a>(
    rel: &str,
    root: &str,
    language: &Language,
    has: &BTreeMap<Lang, HashSet<&str>>,
    meta: &'a SiteMeta,
) -> (Vec<Alternate<'a>>, Vec<Switch<'a>>) {
    let href = |l: &Language, rel: &str| format!("{root}{}", out_path(&l.prefix, rel));
    let has_page = |l: &Language| has.get(&l.lang).is_some_and(|s| s.contains(rel));
    let others = meta
        .languages
        .all()
        .iter()
        .filter(|l| l.lang != language.lang);
    let mut alternates = vec![Alternate {
        code: language.code(),
        href: href(language, rel),
    }];
    alternates.extend(others.clone().filter(|l| has_page(l)).map(|l| Alternate {
        code: l.code(),
        href: href(l, rel),
    }));
    let first = meta.languages.first();
    if has_page(first) {
        alternates.push(Alternate {
            code: "x-default",
            href: href(first, rel),
        });
    }
    let switches = others
        .map(|l| Switch {
            code: l.code(),
            name: &l.name,
            label: meta.ui.get(l.lang, "this_page_in_language"),
            href: href(l, if has_page(l) { rel } else { "index.html" }),
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
    has: &BTreeMap<Lang, HashSet<&str>>,
    meta: &SiteMeta,
) -> Result<OutFile, String> {
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
    let mut ctx = Context::new();
    for (k, v) in &shared.values {
        ctx.insert_value(*k, v.clone());
    }
    ctx.insert("root", &root);
    ctx.insert("base", &base);
    ctx.insert("alternates", &alternates);
    ctx.insert("switches", &switches);
    ctx.insert("rel", &page.rel);
    ctx.insert("title", &page.title);
    ctx.insert("self_href", &format!("{root}{path}"));
    ctx.insert(
        "canonical",
        &meta.base_url.map(|b| {
            format!(
                "{}/{}",
                b.trim_end_matches('/'),
                path.trim_end_matches("index.html")
            )
        }),
    );
    model.fill_context(language.lang, page, &mut ctx);
    let render = |ctx: &Context| {
        tera.render(page.template, ctx)
            .map_err(|e| format!("rendering {path} with {}: {e}", page.template))
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

/// The theme's static files, copied under `assets/`.
pub fn static_files(theme: &Path) -> Result<Vec<OutFile>, String> {
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
        let rel = e
            .path()
            .strip_prefix(&dir)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        let bytes =
            std::fs::read(e.path()).map_err(|err| format!("{}: {err}", e.path().display()))?;
        files.push(OutFile {
            rel: crate::routes::asset(&rel),
            bytes,
        });
    }
    Ok(files)
}
