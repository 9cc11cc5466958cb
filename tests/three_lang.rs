//! Languages are data: the `three-lang` fixture declares Japanese, English and Vietnamese
//! in site.yaml and adds `themes/default/i18n/vi.yaml`, with no Rust change. Every page is
//! built in each language, names all three (and x-default) as alternates, switches to the
//! same page in each other language, and marks text shown in a fallback language with that
//! language. Bad declarations and missing interface words are errors at file:line.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const PREFIXES: [(&str, &str); 3] = [("ja", ""), ("en", "en/"), ("vi", "vi/")];

/// `href` (relative to the page at `from`) as a path from the output root.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('#').next().unwrap().split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The page's path without its language prefix, and its language.
fn split_lang(path: &str) -> (&str, &str) {
    for (code, prefix) in PREFIXES.iter().rev() {
        if !prefix.is_empty()
            && let Some(rest) = path.strip_prefix(prefix)
        {
            return (code, rest);
        }
    }
    ("ja", path)
}

/// `(attribute value of `first`, attribute value of `second`)` of each tag that has `marker`.
fn pairs<'a>(html: &'a str, marker: &str, first: &str, second: &str) -> Vec<(&'a str, &'a str)> {
    html.split('<')
        .filter(|tag| tag.contains(marker))
        .map(|tag| (attr(tag, first), attr(tag, second)))
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let start = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
    &tag[start..start + tag[start..].find('"').unwrap()]
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    built_fixture("three-lang")
}

#[test]
fn every_page_names_all_three_languages_and_switches_to_the_same_page() {
    let (_dir, out) = built();
    let pages: Vec<String> = tree(&out)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect();
    let rels = |code: &str| -> BTreeSet<&str> {
        pages
            .iter()
            .map(|p| split_lang(p))
            .filter(|(c, _)| *c == code)
            .map(|(_, r)| r)
            .collect()
    };
    assert_eq!(
        rels("ja"),
        rels("vi"),
        "every page is built in Vietnamese too"
    );
    assert_eq!(rels("ja"), rels("en"));
    assert!(rels("vi").len() > 30, "{:?}", rels("vi"));
    for page in &pages {
        let html = fs::read_to_string(out.join(page)).unwrap();
        let (lang, rel) = split_lang(page);
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{page}");
        let alternates = pairs(&html, "rel=\"alternate\" hreflang", "hreflang", "href");
        let codes: BTreeSet<&str> = alternates.iter().map(|a| a.0).collect();
        assert_eq!(
            codes,
            BTreeSet::from(["en", "ja", "vi", "x-default"]),
            "{page}"
        );
        let switches = pairs(&html, "class=\"lang-switch\"", "hreflang", "href");
        let switched: BTreeSet<&str> = switches.iter().map(|s| s.0).collect();
        let others: BTreeSet<&str> = PREFIXES
            .iter()
            .map(|p| p.0)
            .filter(|c| *c != lang)
            .collect();
        assert_eq!(
            switched, others,
            "{page}: the switch lists each other language"
        );
        if page == "404.html" || page.ends_with("/404.html") {
            continue; // served from any address: its links are absolute when base_url is set
        }
        for (code, href) in alternates.iter().chain(&switches) {
            let code = if *code == "x-default" { "ja" } else { code };
            let prefix = PREFIXES.iter().find(|p| p.0 == code).unwrap().1;
            let target = resolve(page, href);
            assert_eq!(
                target,
                format!("{prefix}{rel}"),
                "{page}: {code} goes to the same page"
            );
            assert!(out.join(&target).is_file(), "{page}: {target} exists");
        }
    }
}

#[test]
fn untranslated_text_is_marked_with_the_language_it_fell_back_to() {
    let (_dir, out) = built();
    let vi = fs::read_to_string(out.join("vi/agencies/center/index.html")).unwrap();
    // Translated: printed as is, with the Japanese name beside it for the counter.
    assert!(vi.contains("<h1>Trung tâm hỗ trợ phát triển trẻ em <span lang=\"ja\" class=\"ja-name\">こども発達支援センター</span>"), "{vi}");
    // No Vietnamese: the English text (vi falls back to en), marked as English.
    assert!(
        vi.contains(r#"<span lang="en" class="untranslated">Specialist centre</span>"#),
        "{vi}"
    );
    // Neither: the Japanese text, marked as Japanese.
    assert!(
        vi.contains(
            r#"<div lang="ja" class="untranslated prose"><p>専門相談・診断・評価を行います。</p>"#
        ),
        "{vi}"
    );
    // Interface words come from vi.yaml.
    assert!(vi.contains("Chuyển đến nội dung"), "{vi}");
    let en = fs::read_to_string(out.join("en/agencies/center/index.html")).unwrap();
    assert!(
        en.contains(r#"<span lang="ja" class="untranslated">"#)
            && !en.contains("lang=\"vi\" class=\"untranslated")
    );
    assert!(
        out.join("assets/search-vi.js").is_file(),
        "a search index per language"
    );
}

fn fails_with(root: &Path, wanted: &[&str]) -> String {
    let err = build_fails(root);
    for w in wanted {
        assert!(err.contains(w), "wanted `{w}` in:\n{err}");
    }
    err
}

#[test]
fn a_missing_interface_word_names_the_file_and_the_key() {
    let dir = fixture("three-lang");
    let vi = "themes/default/i18n/vi.yaml";
    edit(
        dir.path(),
        vi,
        "search_did_you_mean:",
        "search_did_you_maen:",
    );
    edit(dir.path(), vi, "\nmenu: ", "\n# menu removed: ");
    fails_with(
        dir.path(),
        &[
            "themes/default/i18n/vi.yaml:1:1: error: the interface words lack `menu`",
            "error: the interface words lack `search_did_you_mean`",
            "did you mean `search_did_you_maen`?",
        ],
    );
    fs::remove_file(dir.path().join(vi)).unwrap();
    fails_with(
        dir.path(),
        &["themes/default/i18n/vi.yaml:1:1: error: no interface words for the language `vi`"],
    );
}

#[test]
fn a_bad_fallback_chain_is_an_error_at_its_line() {
    let dir = fixture("three-lang");
    edit(
        dir.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [em]}",
    );
    fails_with(
        dir.path(),
        &[
            "site.yaml:6:58:",
            "error: the fallback `em` of `vi` is not a declared language",
            "did you mean `en`?",
        ],
    );
    edit(
        dir.path(),
        "site.yaml",
        "fallback: [em]}",
        "fallback: [en]}",
    );
    edit(
        dir.path(),
        "site.yaml",
        "prefix: en/, fallback: [ja]}",
        "prefix: en/, fallback: [vi]}",
    );
    fails_with(
        dir.path(),
        &[
            "site.yaml:",
            "error: the fallbacks go round in a loop: en → vi → en",
        ],
    );
    edit(
        dir.path(),
        "site.yaml",
        "prefix: en/, fallback: [vi]}",
        "prefix: vi/}",
    );
    fails_with(
        dir.path(),
        &[
            "site.yaml:6:42:",
            "error: the languages share the path prefix `vi/`",
        ],
    );
}

#[test]
fn text_in_an_undeclared_language_is_an_error_with_a_suggestion() {
    let dir = fixture("three-lang");
    edit(
        dir.path(),
        "content/agencies/center.yaml",
        ", vi: Trung",
        ", vie: Trung",
    );
    fails_with(
        dir.path(),
        &[
            "content/agencies/center.yaml:1:",
            "error: `name` has text in `vie`, which site.yaml does not declare",
            "did you mean `vi`?",
        ],
    );
}

/// The fixture with Vietnamese printed as `vi-VN` and linked as `vi-x-city`, and English
/// printed as `en-GB`, built with an address (for the sitemap and JSON-LD).
fn built_with_tags() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = fixture("three-lang");
    edit(
        dir.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [en], tag: vi-VN, hreflang: vi-x-city}",
    );
    edit(
        dir.path(),
        "site.yaml",
        "prefix: en/,",
        "prefix: en/, tag: en-GB,",
    );
    let out = dir.path().join("public");
    let o = madoguchi(&[
        "build",
        "--root",
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        "https://example.org/guide/",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, out)
}

#[test]
fn a_language_prints_its_tag_in_lang_and_its_hreflang_in_links() {
    let (_dir, out) = built_with_tags();
    let vi = fs::read_to_string(out.join("vi/agencies/center/index.html")).unwrap();
    assert!(vi.contains("<html lang=\"vi-VN\""), "{vi}");
    let alternates = pairs(&vi, "rel=\"alternate\" hreflang", "hreflang", "href");
    let codes: BTreeSet<&str> = alternates.iter().map(|a| a.0).collect();
    assert_eq!(
        codes,
        BTreeSet::from(["en-GB", "ja", "vi-x-city", "x-default"])
    );
    // A fallback mark names the tag of the language the text came from.
    assert!(
        vi.contains(r#"<span lang="en-GB" class="untranslated">Specialist centre</span>"#),
        "{vi}"
    );
    let ja = fs::read_to_string(out.join("agencies/center/index.html")).unwrap();
    let switches = pairs(&ja, "class=\"lang-switch\"", "hreflang", "lang");
    assert!(switches.contains(&("vi-x-city", "vi-VN")), "{switches:?}");
    assert!(switches.contains(&("en-GB", "en-GB")), "{switches:?}");
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(
            "hreflang=\"vi-x-city\" href=\"https://example.org/guide/vi/agencies/center/\""
        ),
        "{sitemap}"
    );
    assert!(!sitemap.contains("hreflang=\"vi\""), "{sitemap}");
    let feed = fs::read_to_string(out.join("vi/feed.xml")).unwrap();
    assert!(feed.contains("xml:lang=\"vi-VN\""), "{feed}");
    // Paths, file names and search indexes keep the code.
    assert!(out.join("assets/search-vi.js").is_file());
}

#[test]
fn two_languages_may_share_a_tag_but_not_an_hreflang() {
    let dir = fixture("three-lang");
    edit(
        dir.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [en], tag: en}",
    );
    fails_with(
        dir.path(),
        &[
            "site.yaml:6:12:",
            "error: the languages share the hreflang `en`",
            "give `vi` its own `hreflang:`",
        ],
    );
    edit(
        dir.path(),
        "site.yaml",
        "tag: en}",
        "tag: en, hreflang: en-x-vi}",
    );
    let out = build_ok(dir.path());
    let vi = fs::read_to_string(out.join("vi/index.html")).unwrap();
    assert!(vi.contains("<html lang=\"en\"") && vi.contains("hreflang=\"en-x-vi\""));
}

#[test]
fn a_tag_not_shaped_like_bcp_47_is_an_error_at_its_line() {
    let dir = fixture("three-lang");
    edit(
        dir.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [en], tag: \"vi VN\", hreflang: x-default}",
    );
    fails_with(
        dir.path(),
        &[
            "site.yaml:6:",
            "error: `tag: vi VN` of `vi` is not a BCP 47 language tag",
            "error: `hreflang: x-default` of `vi` is not a BCP 47 language tag",
            "write a tag such as `ja`, `zh-Hans` or `ja-x-easy`",
        ],
    );
}

/// What the search page of the index `manifest` shows for `q`: each result's texts
/// (tests/search/page.mjs runs search.js with a stand-in page in the index's language).
fn search_page_texts(manifest: &Path, q: &str) -> Vec<String> {
    let v = search_page(manifest, q);
    let items = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .flat_map(|item| {
            let nodes = item.as_array().cloned().unwrap_or_default();
            nodes
                .into_iter()
                .map(|n| n[1].as_str().unwrap_or("").to_string())
        });
    items.collect()
}

#[test]
fn search_results_join_wards_with_the_languages_own_separator() {
    let (_dir, site) = built();
    // The words' files give 、 (ja) and ", " (en, vi); search.js spells no language.
    for (lang, q, joined) in [
        ("vi", "Ward office", "Kita Ward, Minami Ward"),
        ("ja", "保健こども課", "北区、南区"),
    ] {
        let texts = search_page_texts(&site.join(format!("assets/search-{lang}.js")), q);
        assert!(
            texts.iter().any(|t| t.contains(joined)),
            "{lang}: no result shows {joined:?}: {texts:?}"
        );
    }
}

#[test]
fn every_page_of_a_draft_language_says_its_translations_are_unchecked() {
    let dir = fixture("three-lang");
    edit(
        dir.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [en], review: draft}",
    );
    let out = build_ok(dir.path());
    let notice = "<p class=\"draft-notice\">";
    for (rel, bytes) in tree(&out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        if !html.contains("<main") {
            continue;
        }
        let vi = split_lang(rel).0 == "vi";
        // The handouts must stay one A4 page: they carry the short line instead.
        let handout = split_lang(rel).1.starts_with("handouts/");
        assert_eq!(html.contains(notice), vi && !handout, "{rel}");
        let line = "<p class=\"handout-draft\">";
        assert_eq!(html.contains(line), vi && handout, "{rel}");
    }
    // An unknown status is refused at the languages line.
    let bad = fixture("three-lang");
    edit(
        bad.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [en], review: drafted}",
    );
    fails_with(
        bad.path(),
        &["site.yaml:6:", "`review: drafted` is not a review status"],
    );
}
