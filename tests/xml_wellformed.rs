//! Every XML file the build writes (feed.xml, sitemaps, .svg) parses with a real XML
//! parser: for the shipped site, and for content full of characters XML cares about.

mod common;
use common::*;
use std::fs;
use std::path::Path;

/// Parses every `.xml` and `.svg` under `out`; returns how many there were.
fn all_xml_parses(out: &Path) -> usize {
    let files: Vec<(String, Vec<u8>)> = tree(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".xml") || p.ends_with(".svg"))
        .collect();
    for (path, bytes) in &files {
        let text = String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{path}: {e}"));
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{path} is not well-formed XML: {e}");
        }
    }
    files.len()
}

const BASE_URL: &str = "https://example.jp/kodomo/";

#[test]
fn shipped_site_writes_well_formed_xml() {
    let (_dir, out) = build_shipped(&["--base-url", BASE_URL]);
    assert!(out.join("feed.xml").is_file());
    assert!(all_xml_parses(&out) >= 1);
}

/// The mini fixture with `name` of center.yaml replaced by `name`.
fn build_with_name(name: &str) -> (tempfile::TempDir, std::process::Output) {
    let site = fixture("mini");
    let p = site.path().join("content/agencies/center.yaml");
    let text = fs::read_to_string(&p).unwrap();
    let first = text.lines().next().unwrap().to_string();
    fs::write(&p, text.replacen(&first, &format!("name: {name}"), 1)).unwrap();
    let out = site.path().join("public");
    let o = madoguchi_bounded(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        BASE_URL,
    ]);
    (site, o)
}

#[test]
fn markup_characters_in_content_stay_well_formed() {
    let name =
        r#"{ja: "<b>&amp; ]]> \"引用\" 'x' \u200F😀 &#0;", en: "a < b && c > d ]]> <![CDATA[x"}"#;
    let (site, o) = build_with_name(name);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = site.path().join("public");
    assert!(all_xml_parses(&out) >= 1);
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains("]]&gt;"), "{feed}");
}

#[test]
fn control_characters_never_reach_the_xml() {
    for escape in ["\\e", "\\0", "\\x0B", "\\uFFFE"] {
        let (site, o) = build_with_name(&format!("{{ja: \"センター{escape}\", en: Centre}}"));
        let out = site.path().join("public");
        if o.status.success() {
            all_xml_parses(&out);
            panic!("`{escape}` was accepted; the XML happened to parse");
        }
        let err = stderr(&o);
        assert!(
            err.contains("content/agencies/center.yaml:1:12: error: this text holds U+"),
            "{err}"
        );
    }
}
