//! `madoguchi check`: everything `build` validates, plus what only shows once the site is
//! rendered (internal links and anchors) and what only matters to the people keeping the
//! records (stale dates, records nobody can be contacted through). Writes nothing.

use crate::diag::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::error::Error;
use crate::freshness::{self, Date};
use crate::load::Content;
use crate::model::{Lang, Languages};
use crate::output::OutFile;
use crate::outputs::{self, Output};
use crate::pipeline::{Loaded, as_refs, load_and_validate, render_in_memory_with};
use crate::progress;
use crate::routes;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Every diagnostic for the site at `root`, sorted. `today` decides which records are stale;
/// each missing translation is listed for the language codes in `missing` (`all`: every
/// language), the others get one summary each.
pub fn run(root: &Path, today: Date, missing: &[String]) -> Diagnostics {
    run_listing(root, today, &as_refs(&outputs::standard()), missing)
}

/// [`run`], rendering `outputs` for the link check, listing no missing translation.
pub fn run_with(root: &Path, today: Date, outputs: &[&dyn Output]) -> Diagnostics {
    run_listing(root, today, outputs, &[])
}

/// [`run`], rendering `outputs` for the link check. The content is loaded once.
fn run_listing(
    root: &Path,
    today: Date,
    outputs: &[&dyn Output],
    missing: &[String],
) -> Diagnostics {
    let (loaded, mut diags) = load_and_validate(root, None);
    let Some(Loaded {
        content,
        ui,
        thesaurus,
    }) = loaded
    else {
        progress::done();
        return diags;
    };
    diags.extend(freshness::check(&content, today));
    let listed = languages_named(&content, missing, &mut diags);
    diags.extend(crate::review::report(&content, &listed));
    if !diags.has_errors() {
        let words = crate::pipeline::words(ui, root);
        match words.and_then(|ui| render_in_memory_with(root, &content, &ui, &thesaurus, outputs)) {
            Ok(r) => diags.extend(links(&r.files, &content.site.data.languages)),
            Err(e) => diags.push(render_failure(&e)),
        }
    }
    progress::done();
    diags.sort();
    diags
}

/// The declared languages `codes` name (`all`: every one); an error for a code that names
/// none.
fn languages_named(content: &Content, codes: &[String], diags: &mut Diagnostics) -> Vec<Lang> {
    let langs = &content.site.data.languages;
    if codes.iter().any(|c| c == "all") {
        return langs.langs().collect();
    }
    let mut out = Vec::new();
    for code in codes {
        match langs.by_code(code) {
            Some(l) => out.push(l.lang),
            None => diags.push(Diagnostic::error(
                &content.site.src.path,
                crate::yaml::Nodes::of(&content.site.src.text)
                    .key_or_holder(&[crate::model::Step::Key("languages")]),
                format!("`--missing {code}`: site.yaml declares no language `{code}`"),
                format!(
                    "{} (or `--missing all`)",
                    did_you_mean(code, langs.all().iter().map(|l| l.code()))
                ),
            )),
        }
    }
    out
}

/// The diagnostic for an output that could not be made, at the file to fix: an export
/// failure names its own file (or site.yaml's `open_data:`), anything else the templates.
fn render_failure(e: &Error) -> Diagnostic {
    match e {
        Error::Export(x) => Diagnostic::error(
            x.file().unwrap_or(Path::new("site.yaml")),
            Pos::START,
            format!("the open data could not be made: {}", x.problem()),
            "fix what the message names; to build without open data, remove `open_data:` from site.yaml",
        ),
        _ => Diagnostic::error(
            Path::new("themes/default/templates"),
            Pos::START,
            e.to_string(),
            "the theme could not render the site; undo the last template change or check its syntax",
        ),
    }
}

/// Diagnostics as JSON: an array of {severity, file, line, column, message, help}.
pub fn to_json(diags: &Diagnostics) -> String {
    let json = serde_json::to_string_pretty(&diags.items).unwrap_or_else(|_| "[]".into());
    // serde_json escapes C0 controls only; C1 controls (U+009B is a terminal's CSI) and
    // bidi overrides can only sit inside strings, where `\uXXXX` means the same.
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::text::is_forbidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Internal links (href/src) of every rendered HTML page that point to no file, or to a
/// fragment with no matching `id`. `languages` tell which Markdown file a page came from.
pub(crate) fn links(files: &[OutFile], languages: &Languages) -> Diagnostics {
    let by_path: BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|f| (f.rel.as_str(), f.bytes.as_slice()))
        .collect();
    let mut diags = Diagnostics::default();
    for f in files.iter().filter(|f| f.rel.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes);
        let dir = Path::new(&f.rel).parent().unwrap_or(Path::new(""));
        for (line, target) in attr_values(&html) {
            if target.contains(':') || target.starts_with("//") || target.is_empty() {
                continue; // external, mailto:, tel:; validate already vetted the scheme
            }
            let (file, frag) = target.split_once('#').unwrap_or((&target, ""));
            let file = file.split('?').next().unwrap_or("");
            let resolved = if file.is_empty() {
                Some(PathBuf::from(&f.rel))
            } else {
                normalize(&dir.join(file))
            };
            let key = resolved.map(|p| p.to_string_lossy().replace('\\', "/"));
            let problem = match key.as_deref().and_then(|k| {
                by_path
                    .get(k)
                    .or_else(|| by_path.get(format!("{k}/index.html").as_str()))
            }) {
                None => format!("broken link `{target}`: no such page in the site"),
                Some(b)
                    if !frag.is_empty()
                        && !String::from_utf8_lossy(b).contains(&format!("id=\"{frag}\"")) =>
                {
                    format!("broken link `{target}`: the page has no anchor `#{frag}`")
                }
                _ => continue,
            };
            diags.push(Diagnostic::error(
                &source_of(&f.rel, languages),
                Pos::new(line, 1),
                format!("{problem} (in the rendered page {})", f.rel),
                "links inside the site are relative and end in index.html, e.g. ../agencies/<id>/index.html; fix the link in the record or page, or the template that prints it",
            ));
        }
    }
    diags
}

/// The file a staff member would edit to fix a rendered page: the record or Markdown page
/// its address names (in any declared language, read through the route table), otherwise
/// the rendered path itself.
fn source_of(rel: &str, languages: &Languages) -> PathBuf {
    match routes::record_of(rel) {
        Some(("pages", id)) => {
            let prefix = &rel[..rel.len() - routes::strip_language(rel).len()];
            let lang = languages
                .all()
                .iter()
                .find(|l| l.prefix == prefix)
                .unwrap_or(languages.first());
            PathBuf::from(format!("content/pages/{id}.{}.md", lang.code()))
        }
        Some((dir, id)) => PathBuf::from(format!("content/{dir}/{id}.yaml")),
        None => PathBuf::from(format!("(rendered) {rel}")),
    }
}

/// `(line, value)` of every href="…" and src="…" attribute.
fn attr_values(html: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in html.lines().enumerate() {
        for needle in [" href=\"", " src=\""] {
            let mut rest = line;
            while let Some(at) = rest.find(needle) {
                rest = &rest[at + needle.len()..];
                let Some(end) = rest.find('"') else { break };
                out.push((i + 1, rest[..end].replace("&amp;", "&")));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// `None` when the path climbs out of the output folder.
fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// `--today` was given something that is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`--today {given}` is not a date; write it as YYYY-MM-DD")]
pub struct BadToday {
    /// The value as given.
    pub(crate) given: String,
}

/// Parses `YYYY-MM-DD` for `--today`.
pub fn parse_today(s: &str) -> Result<Date, BadToday> {
    crate::validate::parse_date(s).ok_or_else(|| BadToday {
        given: s.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel: &str, html: &str) -> OutFile {
        OutFile {
            rel: rel.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_bad_today_is_a_typed_error_keeping_what_was_given() {
        assert!(parse_today("2024-02-29").is_ok());
        let e = parse_today("2023-02-29").unwrap_err();
        assert_eq!(e.given, "2023-02-29");
        assert_eq!(
            e.to_string(),
            "`--today 2023-02-29` is not a date; write it as YYYY-MM-DD"
        );
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = [
            page(
                "index.html",
                "<a href=\"tiers/index.html#tier-primary\">a</a>\n<a href=\"tiers/index.html#nope\">b</a>",
            ),
            page(
                "tiers/index.html",
                "<h2 id=\"tier-primary\">x</h2><a href=\"../agencies/gone/index.html\">c</a> <a href=\"https://x.jp/\">d</a>",
            ),
        ];
        let d = links(&files, &langs());
        let msgs: Vec<String> = d.items.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 2, "{msgs:#?}");
        assert!(
            msgs[0].starts_with(
                "(rendered) index.html:2:1: error: broken link `tiers/index.html#nope`"
            ),
            "{msgs:#?}"
        );
        assert!(
            msgs[1].contains("`../agencies/gone/index.html`: no such page"),
            "{msgs:#?}"
        );
    }

    fn langs() -> Languages {
        serde_yaml_ng::from_str("[ja, {code: en, name: English}, {code: vi, name: Tiếng Việt}]")
            .unwrap()
    }

    #[test]
    fn maps_pages_back_to_sources() {
        let l = langs();
        assert_eq!(
            source_of("en/agencies/x/index.html", &l),
            PathBuf::from("content/agencies/x.yaml")
        );
        assert_eq!(
            source_of("en/pages/about/index.html", &l),
            PathBuf::from("content/pages/about.en.md")
        );
        assert_eq!(
            source_of("pages/about/index.html", &l),
            PathBuf::from("content/pages/about.ja.md")
        );
        assert_eq!(
            source_of("wards/kita/index.html", &l),
            PathBuf::from("(rendered) wards/kita/index.html")
        );
    }

    #[test]
    fn maps_pages_of_any_language_back_to_sources() {
        let l = langs();
        assert_eq!(
            source_of("vi/programs/p/index.html", &l),
            PathBuf::from("content/programs/p.yaml")
        );
        assert_eq!(
            source_of("vi/pages/about/index.html", &l),
            PathBuf::from("content/pages/about.vi.md")
        );
    }
}
