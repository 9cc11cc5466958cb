//! The commands' pipeline, read top to bottom: load → validate (once per command, in
//! `load_and_validate`) → make every output of [`outputs::standard`] from the one
//! `Content` → write them atomically ([`build`]) or keep them in memory
//! ([`render_in_memory`], for `check`; `serve` keeps its own in `incremental`).

use crate::diag::Diagnostics;
use crate::error::{BuildError, Error};
use crate::i18n::{self, UiStrings};
use crate::load::{self, Content};
use crate::output::OutFile;
use crate::outputs::{self, Ctx, Output};
use crate::search::Thesaurus;
use crate::{output, progress, scaffold, search, validate};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What `madoguchi build` was asked to do.
pub struct BuildOptions {
    /// The site root (`--root`).
    pub root: PathBuf,
    /// The output folder (`--out`), replaced only when the whole build succeeded.
    pub out: PathBuf,
    /// Overrides `base_url` from site.yaml (used for QR codes, feeds, canonical links).
    pub base_url: Option<String>,
    /// Also print the handouts to PDF with Chromium (`handouts/<id>/handout.pdf`).
    pub pdf: bool,
}

/// What a successful build made, for the summary line.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages rendered, in every language.
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Their bytes.
    pub bytes: usize,
    /// Warnings (the build still succeeded).
    pub warnings: Diagnostics,
    /// Things the person building should know that are not about one record.
    pub notes: Vec<String>,
}

/// Loads and validates the site at `root`. Returns the content when there were no errors,
/// and every diagnostic (errors and warnings) either way.
pub fn check(root: &Path) -> (Option<Content>, Diagnostics) {
    let (loaded, diags) = load_and_validate(root, None);
    (
        loaded.map(|l| l.content).filter(|_| !diags.has_errors()),
        diags,
    )
}

/// What a command works from: the content as read, and the theme's interface words for
/// the declared languages (`None` when the site has no theme folder, or its words have
/// errors).
pub(crate) struct Loaded {
    pub(crate) content: Content,
    pub(crate) ui: Option<UiStrings>,
    /// The search thesaurus, parsed once (empty when the site has none).
    pub(crate) thesaurus: Thesaurus,
}

/// Loads the site at `root` (the one load of a command: content and the theme's words) and
/// validates it, with `base_url` (from `build --base-url`) replacing site.yaml's first, so
/// the override is validated like the file's own value. The content is returned whenever
/// it could be read, even with errors (`check` still judges its freshness); the
/// diagnostics are sorted.
pub(crate) fn load_and_validate(
    root: &Path,
    base_url: Option<&str>,
) -> (Option<Loaded>, Diagnostics) {
    let (mut content, mut diags) = load::load(root);
    if let (Some(c), Some(url)) = (&mut content, base_url) {
        c.site.data.base_url = Some(url.to_string());
    }
    let loaded = content.map(|c| {
        diags.extend(validate_loaded(&c));
        // Without a theme there are no words to load (making the pages says so).
        let ui = root.join(i18n::THEME).is_dir().then(|| {
            let site = &c.site.data;
            let (ui, words) = i18n::load(root, i18n::THEME, &site.languages, &site.limits);
            diags.extend(words);
            ui
        });
        let ui = ui.flatten();
        let (thesaurus, found) = search::thesaurus::check(&c, ui.as_ref());
        diags.extend(found);
        Loaded {
            content: c,
            ui,
            thesaurus,
        }
    });
    diags.sort();
    (loaded, diags)
}

/// What validation finds in loaded `content`'s records and pages (unsorted): references,
/// vocabularies, unfilled placeholders. (`serve` runs this alone after an edited record:
/// the thesaurus check indexes every record, too slow for each save.)
pub(crate) fn validate_loaded(content: &Content) -> Diagnostics {
    progress::step("validating");
    let mut diags = validate::validate(content);
    diags.extend(scaffold::unfilled(content));
    diags
}

/// The content and words when there are no errors, else the error to return.
fn valid(
    root: &Path,
    loaded: (Option<Loaded>, Diagnostics),
) -> Result<(Content, UiStrings, Thesaurus, Diagnostics), BuildError> {
    match loaded {
        (
            Some(Loaded {
                content,
                ui,
                thesaurus,
            }),
            diags,
        ) if !diags.has_errors() => {
            let ui = words(ui, root)?;
            Ok((content, ui, thesaurus, diags))
        }
        (_, diags) => Err(BuildError::Content(diags)),
    }
}

/// The theme's words `load_and_validate` gave (`ui`, owned or borrowed), or the error for
/// a site without a theme folder: every command that makes outputs needs them.
pub(crate) fn words<T>(ui: Option<T>, root: &Path) -> Result<T, Error> {
    ui.ok_or_else(|| {
        Error::Theme(crate::render::RenderError::NoTemplates {
            dir: root.join(i18n::THEME).join("templates"),
        })
    })
}

/// Loads, validates and makes every output of [`outputs::standard`] into `opts.out`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_with(opts, &as_refs(&outputs::standard()))
}

/// [`build`], making `outputs`.
pub fn build_with(opts: &BuildOptions, outputs: &[&dyn Output]) -> Result<BuildReport, BuildError> {
    let out = output::check_out_dir(&opts.root, &opts.out)?;
    let staging = output::Staging::new(&out)?;
    let made = load_and_validate(&opts.root, opts.base_url.as_deref());
    let written = valid(&opts.root, made).and_then(|(content, ui, thesaurus, diags)| {
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let ctx = Ctx {
            root: &opts.root,
            content: &content,
            ui: &ui,
            thesaurus: &thesaurus,
            select: &|_, _| true,
            pdf: opts
                .pdf
                .then(|| out.with_file_name(format!(".{name}.pdf-{}", std::process::id()))),
        };
        let sink = |_: &'static str, f: OutFile| Ok(staging.write(&f)?);
        let made = outputs::make(outputs, &ctx, &sink)?;
        Ok((made, diags))
    });
    let (made, diags) = match written {
        Ok(w) => w,
        Err(e) => {
            progress::done();
            return Err(e);
        }
    };
    progress::step("writing");
    let committed = staging.commit();
    progress::done();
    committed?;
    Ok(BuildReport {
        pages: made.pages,
        files: made.files,
        bytes: made.bytes,
        warnings: diags,
        notes: made.notes,
    })
}

/// The list as the `&dyn` slice `outputs::make` takes.
pub fn as_refs(list: &[Box<dyn Output>]) -> Vec<&dyn Output> {
    list.iter().map(|o| o.as_ref()).collect()
}

/// The whole site, rendered but not written: what `check` inspects.
pub struct Rendered {
    /// Sorted by path.
    pub files: Vec<OutFile>,
}

/// Makes `outputs` of validated `content` in memory, with the interface words `ui` (and
/// the search thesaurus parsed from `content`).
pub fn render_in_memory(
    root: &Path,
    content: &Content,
    ui: &UiStrings,
    outputs: &[&dyn Output],
) -> Result<Rendered, Error> {
    let thesaurus = search::thesaurus::of(content);
    render_in_memory_with(root, content, ui, &thesaurus, outputs)
}

/// [`render_in_memory`] with the `thesaurus` a command already parsed (`Loaded`).
pub(crate) fn render_in_memory_with(
    root: &Path,
    content: &Content,
    ui: &UiStrings,
    thesaurus: &Thesaurus,
    outputs: &[&dyn Output],
) -> Result<Rendered, Error> {
    let files = Mutex::new(Vec::new());
    let sink = |_: &'static str, f: OutFile| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    };
    let ctx = Ctx {
        root,
        content,
        ui,
        thesaurus,
        select: &|_, _| true,
        pdf: None,
    };
    let made = outputs::make(outputs, &ctx, &sink);
    progress::done();
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    made?;
    Ok(Rendered { files })
}
