//! What the built pages tell other services: the open data page in every language (its
//! downloads, columns and tables are the files the build wrote), JSON-LD on every record
//! page (in the page's language, contacts only where sourced), and the canonical link and
//! OpenGraph meta on every page.

mod common;

use common::*;
use madoguchi::load::Content;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The shipped site's languages: each one's code, `lang` tag (what pages and JSON-LD
/// print) and path prefix.
fn languages(content: &Content) -> Vec<(String, String, String)> {
    let langs = content.site.data.languages.all().iter();
    langs
        .map(|l| (l.code().to_string(), l.tag.clone(), l.prefix.clone()))
        .collect()
}

fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = files.get(path).unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// The texts between each `open` and the next `close` in `html`.
fn between<'h>(html: &'h str, open: &str, close: &str) -> Vec<&'h str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        rest = &rest[i + open.len()..];
        let end = rest.find(close).expect("closed");
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The `content` of each `<meta property="<prop>">` of the page.
fn meta(html: &str, prop: &str) -> Vec<String> {
    let open = format!("<meta property=\"{prop}\" content=\"");
    (between(html, &open, "\">").into_iter())
        .map(unescape)
        .collect()
}

fn canonical(html: &str) -> Vec<String> {
    between(html, "<link rel=\"canonical\" href=\"", "\"")
        .into_iter()
        .map(unescape)
        .collect()
}

fn json_ld(html: &str) -> Vec<Value> {
    between(html, "<script type=\"application/ld+json\">", "</script>")
        .into_iter()
        .map(|t| serde_json::from_str(t).unwrap_or_else(|e| panic!("JSON-LD: {e}: {t}")))
        .collect()
}

fn html_lang(html: &str) -> &str {
    between(html, "<html lang=\"", "\"")[0]
}

/// Every value of key `key` anywhere in `v`.
fn values_of<'v>(v: &'v Value, key: &str, out: &mut Vec<&'v Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == key {
                    out.push(x);
                }
                values_of(x, key, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| values_of(x, key, out)),
        _ => {}
    }
}

/// A phone number as the JSON-LD writes it (the global form for Japanese numbers).
fn global(number: &str) -> String {
    match number.strip_prefix('0') {
        Some(rest) => format!("+81-{rest}"),
        None => number.to_string(),
    }
}

/// A record's id and the locations its page may show.
type RecordPage<'c> = (&'c str, Vec<&'c madoguchi::model::Location>);

#[test]
fn every_record_page_has_json_ld_in_its_language_with_only_sourced_contacts() {
    let content = shipped_content();
    let (_dir, out) = build_shipped(&[]);
    let files = tree(&out);
    let mut records = 0;
    for (_code, tag, prefix) in languages(&content) {
        let kinds: Vec<(&str, Vec<RecordPage>)> = vec![
            (
                "agencies",
                (content.agencies.iter())
                    .map(|a| (a.id.as_str(), a.data.locations.iter().collect()))
                    .collect(),
            ),
            (
                "programs",
                (content.programs.iter())
                    .map(|p| (p.id.as_str(), Vec::new()))
                    .collect(),
            ),
            (
                "networks",
                (content.networks.iter())
                    .map(|n| (n.id.as_str(), Vec::new()))
                    .collect(),
            ),
        ];
        for (dir, items) in kinds {
            for (id, locations) in items {
                let path = format!("{prefix}{dir}/{id}/index.html");
                let html = page(&files, &path);
                let ld = json_ld(&html);
                assert_eq!(ld.len(), 1, "{path}: one JSON-LD block");
                let ld = &ld[0];
                assert_eq!(ld["@context"], "https://schema.org", "{path}");
                assert_eq!(ld["mainEntityOfPage"]["inLanguage"], tag.as_str(), "{path}");
                assert_eq!(html_lang(&html), tag, "{path}");
                let mut phones = Vec::new();
                values_of(ld, "telephone", &mut phones);
                let found: BTreeSet<String> =
                    phones.iter().map(|v| v.as_str().unwrap().into()).collect();
                let sourced = locations.iter().filter(|l| l.source.is_some());
                let expected: BTreeSet<String> = (sourced.clone())
                    .flat_map(|l| l.phones.iter().filter(|p| p.source.is_some()))
                    .map(|p| global(&p.number))
                    .collect();
                assert_eq!(found, expected, "{path}: telephones are the sourced ones");
                let mut hours = Vec::new();
                values_of(ld, "hoursAvailable", &mut hours);
                let sourced_hours = sourced.clone().any(|l| {
                    l.hours.as_ref().is_some_and(|h| h.source.is_some()) && !l.phones.is_empty()
                });
                assert!(
                    hours.is_empty() || sourced_hours,
                    "{path}: hours without a sourced one"
                );
                records += 1;
            }
        }
    }
    assert!(records > 20, "{records}");
    // Only record pages carry JSON-LD.
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let is_record = madoguchi::routes::record_of(path)
            .is_some_and(|(dir, _)| ["agencies", "programs", "networks"].contains(&dir));
        assert_eq!(json_ld(&html).is_empty(), !is_record, "{path}");
    }
}

#[test]
fn sourced_hours_reach_the_json_ld() {
    // The shipped content has a location with sourced weekday hours (平日 8:30〜17:15):
    // its contact points carry them, so the test above checks a present case too.
    let content = shipped_content();
    let (_dir, out) = build_shipped(&[]);
    let files = tree(&out);
    let with_hours = content.agencies.iter().find(|a| {
        (a.data.locations.iter()).any(|l| {
            l.source.is_some()
                && !l.phones.is_empty()
                && l.hours.as_ref().is_some_and(|h| h.source.is_some())
        })
    });
    let agency = with_hours.expect("a shipped agency with sourced hours and phones");
    let html = page(&files, &format!("agencies/{}/index.html", agency.id));
    let ld = &json_ld(&html)[0];
    let mut descriptions = Vec::new();
    values_of(&ld["contactPoint"], "description", &mut descriptions);
    assert!(!descriptions.is_empty(), "{ld}");
}

/// The header of a CSV file (without a byte-order mark).
fn csv_header(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let line = text.lines().next().unwrap_or("");
    line.split(',').map(str::to_string).collect()
}

#[test]
fn the_data_page_in_every_language_lists_what_the_build_wrote() {
    let content = shipped_content();
    let (_dir, out) = build_shipped(&[]);
    let files = tree(&out);
    let licence = &content.site.data.open_data.as_ref().unwrap().licence;
    let facilities = csv_header(&files["data/facilities.csv"]);
    assert!(facilities.len() > 20);
    for (code, tag, prefix) in languages(&content) {
        let path = format!("{prefix}data/index.html");
        let html = page(&files, &path);
        assert_eq!(html_lang(&html), tag);
        // The columns of facilities.csv as the file has them, in order.
        let list = between(&html, "<ol class=\"columns\" lang=\"ja\">", "</ol>");
        let columns: Vec<String> = between(list[0], "<li>", "</li>")
            .into_iter()
            .map(unescape)
            .collect();
        assert_eq!(columns, facilities, "{path}");
        // Each table of the data package with the fields its CSV has.
        let descriptor: Value =
            serde_json::from_slice(&files["data/hsds/datapackage.json"]).unwrap();
        for resource in descriptor["resources"].as_array().unwrap() {
            let file = format!("data/hsds/{}", resource["path"].as_str().unwrap());
            let link = format!(
                "<dt><a href=\"{}{file}\">",
                "../".repeat(path.matches('/').count())
            );
            let entry = html
                .split(&link)
                .nth(1)
                .unwrap_or_else(|| panic!("{path}: no {file}"));
            let dd = between(entry, "<dd>", "</dd>")[0];
            let fields: Vec<&str> = between(dd, "<code>", "</code>");
            assert_eq!(fields, csv_header(&files[&file]), "{path}: {file}");
        }
        for json in ["services.json", "organizations.json", "datapackage.json"] {
            assert!(
                html.contains(&format!("data/hsds/{json}\">{json}</a>")),
                "{path}: {json}"
            );
        }
        assert!(
            html.contains(&licence.title) && html.contains(&licence.url),
            "{path}"
        );
        // Every declared source, with its own date (not a "confirmed on" date).
        // In the page's language, or along its fallback chain; as printed, with its furigana.
        let chain = &content.site.data.languages.by_code(&code).unwrap().chain;
        for s in &content.site.data.sources {
            let title = unescape(&madoguchi::ruby::to_html(s.title.get(chain).0));
            assert!(unescape(&html).contains(&title), "{path}: source {}", s.id);
        }
    }
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
    // Every page of a language links its data page from the footer.
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        if html.contains("<footer") {
            assert!(
                html.contains("data/index.html\">"),
                "{path}: no link to the data page"
            );
        }
    }
}

#[test]
fn no_data_page_without_open_data() {
    let site = fixture("mini");
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let o = build(site.path(), &public);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = tree(&public);
    assert!(
        !files.keys().any(|p| p.starts_with("data/")),
        "no open data"
    );
    let index = page(&files, "index.html");
    assert!(!index.contains("data/index.html"), "no link to a data page");
}

/// The published address of the output page `path` under `base`.
fn published(base: &str, path: &str) -> String {
    format!("{base}{}", path.trim_end_matches("index.html"))
}

fn assert_open_graph(out: &Path, base: Option<&str>) {
    let files = tree(out);
    let mut pages = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        let lang = html_lang(&html).to_string();
        let one = |prop: &str| {
            let v = meta(&html, prop);
            assert_eq!(v.len(), 1, "{path}: one {prop}: {v:?}");
            v[0].clone()
        };
        assert!(!one("og:title").is_empty(), "{path}");
        assert!(
            ["website", "article"].contains(&one("og:type").as_str()),
            "{path}"
        );
        assert_eq!(one("og:locale"), lang.replace('-', "_"), "{path}");
        let description = one("og:description");
        assert!(
            !description.is_empty() && !description.contains('<'),
            "{path}"
        );
        let alternates = meta(&html, "og:locale:alternate");
        assert!(!alternates.contains(&lang), "{path}");
        match base {
            Some(base) => {
                let url = published(base, path);
                assert_eq!(canonical(&html), vec![url.clone()], "{path}");
                assert_eq!(one("og:url"), url, "{path}");
            }
            None => {
                assert!(
                    canonical(&html).is_empty(),
                    "{path}: no canonical without a base"
                );
                assert!(
                    meta(&html, "og:url").is_empty(),
                    "{path}: no og:url without a base"
                );
            }
        }
        pages += 1;
    }
    assert!(pages > 100, "{pages}");
}

#[test]
fn every_page_has_open_graph_and_a_canonical_link_only_with_a_base_url() {
    let (_dir, out) = build_shipped(&[]);
    assert_open_graph(&out, None);
    let base = "https://example.jp/guide/";
    let (_dir, out) = build_shipped(&["--base-url", base]);
    assert_open_graph(&out, Some(base));
}

#[test]
fn a_record_page_is_described_by_its_own_description_as_plain_text() {
    let content = shipped_content();
    let (_dir, out) = build_shipped(&[]);
    let files = tree(&out);
    let agency = &content.agencies[0];
    let html = page(&files, &format!("agencies/{}/index.html", agency.id));
    let description = &meta(&html, "og:description")[0];
    let first = content.site.data.languages.first().lang;
    let plain: String = (agency.data.description.get(&[first]).0)
        .chars()
        .filter(|c| !"*_#`[]".contains(*c))
        .take(10)
        .collect();
    assert!(
        description.starts_with(plain.trim()),
        "{description} / {plain}"
    );
    let tagline = content.site.data.tagline.as_ref().unwrap().get(&[first]).0;
    assert_eq!(
        meta(&page(&files, "index.html"), "og:description")[0],
        tagline
    );
}
