//! Every address of the site, in one place: record pages by kind, lists and their pages,
//! stage pages narrowed to a ward, handouts and their PDFs, assets, search index files, the
//! language prefix and the relative way back to the output root. Paths are relative to a
//! language's root (`rel`), except where a function says it takes or gives an output path
//! (`rel` under the language's prefix). Changing the URL scheme touches this file.

use crate::model::{Kind, Lang};

/// The folder of a record kind's pages, and of its list.
pub(crate) const AGENCIES: &str = Kind::Agency.dir();
/// The folder of program pages.
pub(crate) const PROGRAMS: &str = Kind::Program.dir();
/// The folder of network pages.
pub(crate) const NETWORKS: &str = Kind::Network.dir();
/// The folder of stage pages.
pub(crate) const STAGES: &str = Kind::Stage.dir();
const HANDOUTS: &str = "handouts";
const ASSETS: &str = "assets";

/// `dir/id/index.html`: a record's page (`dir` one of the kinds above) or a term's list
/// (`wards`, `audiences`, `tiers`).
pub(crate) fn entry(dir: &str, id: &str) -> String {
    format!("{dir}/{id}/index.html")
}

/// A section's own page: `stages/index.html`, `agencies/index.html`.
pub(crate) fn section(dir: &str) -> String {
    format!("{dir}/index.html")
}

/// The tier overview, at one tier.
pub(crate) fn tier_anchor(id: &str) -> String {
    format!("tiers/index.html#tier-{id}")
}

/// A Markdown page of `content/pages/`.
pub(crate) fn page(id: &str) -> String {
    entry("pages", id)
}

/// The open data page: each download, its format, columns and licence (in every language).
pub(crate) fn data_page() -> String {
    section(DATA)
}

/// The folder of the open data files (`data/hsds/…`, `data/facilities.csv`), one set for
/// every language, at the output root.
pub(crate) const DATA: &str = "data";

/// The open data file `name` (`facilities.csv`, `hsds/services.json`), from the output root.
pub(crate) fn data_file(name: &str) -> String {
    format!("{DATA}/{name}")
}

/// A stage page narrowed to one ward.
pub(crate) fn stage_ward(stage: &str, ward: &str) -> String {
    format!("{STAGES}/{stage}/wards/{ward}/index.html")
}

/// Page `number` of a paged list whose first page is `first`:
/// `agencies/index.html` → `agencies/page/<n>/index.html`.
pub(crate) fn paged(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    let dir = first.strip_suffix("index.html").unwrap_or(first);
    format!("{dir}page/{number}/index.html")
}

/// A stage's printable handout.
pub(crate) fn handout(stage: &str) -> String {
    format!("{HANDOUTS}/{stage}/index.html")
}

/// A stage's printable handout for one ward.
pub(crate) fn handout_ward(stage: &str, ward: &str) -> String {
    format!("{HANDOUTS}/{stage}/{ward}/index.html")
}

/// Whether the output path `path` is a handout page (in any language).
pub(crate) fn is_handout(path: &str) -> bool {
    let rel = strip_language(path);
    rel.strip_prefix(HANDOUTS)
        .and_then(|r| r.strip_prefix('/'))
        .is_some_and(|r| r.ends_with("/index.html"))
}

/// The PDF printed from the handout page at output path `path`.
pub(crate) fn handout_pdf(path: &str) -> String {
    path.replace("index.html", "handout.pdf")
}

/// A theme file copied to the output.
pub(crate) fn asset(rel: &str) -> String {
    format!("{ASSETS}/{rel}")
}

/// Whether the output path `path` is a stylesheet or image the printed handouts need.
pub(crate) fn is_print_asset(path: &str) -> bool {
    path.starts_with("assets/") && (path.ends_with(".css") || path.ends_with(".svg"))
}

/// The search index manifest of `lang`; its shards and chunks are in [`search_dir`].
pub(crate) fn search_manifest(lang: Lang) -> String {
    format!("{ASSETS}/search-{}.js", lang.code())
}

/// The folder of `lang`'s search shards and display chunks.
pub(crate) fn search_dir(lang: Lang) -> String {
    format!("{ASSETS}/search-{}/", lang.code())
}

/// The pattern of `lang`'s search part files of kind `part` (`s` shards, `d` result
/// chunks, `t` snippet texts), relative to the assets folder, `{}` standing for the
/// number: search.js reads it from the manifest.
pub(crate) fn search_part_pattern(lang: Lang, part: char) -> String {
    format!("search-{}/{part}{{}}.js", lang.code())
}

/// Part file `i` of kind `part` of `lang`'s search index, in [`search_dir`].
pub(crate) fn search_part(lang: Lang, part: char, i: usize) -> String {
    format!("{}{part}{i}.js", search_dir(lang))
}

/// The pattern of a record page's address relative to the language's base, which
/// search.js fills in for each result (`{section}` is the record's folder).
pub(crate) const RECORD_PAGE: &str = "{section}/{id}/index.html";

/// Where a page lives in the output: under its language's path prefix (`""` for the first
/// language, e.g. `en/` for another).
pub(crate) fn out_path(prefix: &str, rel: &str) -> String {
    format!("{prefix}{rel}")
}

/// `../` repeated once per folder between the output path `path` and the output root.
pub(crate) fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The published address of the page `rel` of the language with `prefix`, as printed in a
/// QR code: it ends in the folder (`…/stages/<id>/`), like the canonical links, because a
/// phone reads it from a web server, never from `file://`, and a shorter address makes a
/// smaller code.
pub(crate) fn published(base_url: &str, prefix: &str, rel: &str) -> String {
    let rel = rel.strip_suffix("index.html").unwrap_or(rel);
    format!("{}/{prefix}{rel}", base_url.trim_end_matches('/'))
}

/// The folders the site writes at the output root (besides the language prefixes).
const OWN_FOLDERS: [&str; 14] = [
    AGENCIES,
    PROGRAMS,
    NETWORKS,
    STAGES,
    HANDOUTS,
    ASSETS,
    "audiences",
    "data",
    "pages",
    "search",
    "staff",
    "tiers",
    "updates",
    "wards",
];

/// Whether `name` may be a language's path prefix folder: named like a language code and
/// none of the site's own folders, so the language of any output path can be told
/// without the declarations.
pub(crate) fn is_language_folder(name: &str) -> bool {
    crate::model::is_prefix_folder(name)
        && !OWN_FOLDERS.contains(&name.to_ascii_lowercase().as_str())
}

/// The output path without its language prefix (one folder, see [`is_language_folder`]).
pub(crate) fn strip_language(path: &str) -> &str {
    match path.split_once('/') {
        Some((first, rest)) if is_language_folder(first) => rest,
        _ => path,
    }
}

/// The record a page's output path shows, as `(kind folder, id)`, so a problem found in
/// the rendered page can name the file to edit.
pub fn record_of(path: &str) -> Option<(&str, &str)> {
    let parts: Vec<&str> = strip_language(path).split('/').collect();
    match parts.as_slice() {
        [dir, id, "index.html"]
            if [AGENCIES, PROGRAMS, NETWORKS, STAGES, "pages"].contains(dir) =>
        {
            Some((dir, id))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_js_fills_the_record_page_pattern_as_entry_builds_it() {
        assert_eq!(entry("{section}", "{id}"), RECORD_PAGE);
        let ja = Lang::intern("ja").unwrap();
        assert_eq!(
            search_part_pattern(ja, 's').replace("{}", "3"),
            search_part(ja, 's', 3).trim_start_matches("assets/")
        );
    }

    #[test]
    fn addresses_and_their_parts() {
        assert_eq!(
            out_path("en/", &entry(AGENCIES, "x")),
            "en/agencies/x/index.html"
        );
        assert_eq!(root_prefix("en/agencies/x/index.html"), "../../../");
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(
            paged("wards/kita/index.html", 2),
            "wards/kita/page/2/index.html"
        );
        assert_eq!(
            published("https://x.jp/g/", "en/", &entry(STAGES, "a")),
            "https://x.jp/g/en/stages/a/"
        );
        assert!(is_handout("handouts/a/index.html") && is_handout("vi/handouts/a/b/index.html"));
        assert!(!is_handout("stages/a/index.html") && !is_handout("agencies/handouts/index.html"));
        assert_eq!(
            record_of("pt-BR/agencies/x/index.html"),
            Some(("agencies", "x"))
        );
        assert_eq!(record_of("tiers/x/index.html"), None);
        assert_eq!(record_of("easy/stages/x/index.html"), Some(("stages", "x")));
        assert_eq!(record_of("stages/x/index.html"), Some(("stages", "x")));
        assert!(OWN_FOLDERS.iter().all(|f| !is_language_folder(f)));
        assert!(is_language_folder("easy") && is_language_folder("zh-hans"));
    }
}
