//! The Markdown pages, `content/pages/<id>.<lang>.md`: the language from the name, the
//! front matter, the `# Title` line.

use super::ids::check_id;
use super::read::{files_in, read_source, rel};
use super::{Page, Source};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::{Lang, Limits, Review};
use std::path::Path;

/// What a Markdown page may say in a front matter block (`---` lines) before its title.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    /// Whether a fluent reader at the city has checked the page's translation.
    #[serde(default)]
    review: Review,
}

/// Every page under `content/pages/`, in file order; what is wrong with a file is said in
/// `diags` and the file left out.
pub(super) fn load_pages(root: &Path, limits: &Limits, diags: &mut Diagnostics) -> Vec<Page> {
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
