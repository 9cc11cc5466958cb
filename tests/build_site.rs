//! The fixture site built end to end by the real binary.

mod common;
use common::*;

#[test]
fn builds_every_page_in_both_languages_with_resolving_links() {
    let site = fixture("mini");
    let out = site.path().join("public");
    let o = build(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = tree(&out);
    for rel in [
        "index.html",
        "stages/infancy/index.html",
        "agencies/center/index.html",
        "programs/parent-training/index.html",
        "networks/kita-net/index.html",
        "tiers/index.html",
        "audiences/parents/index.html",
        "wards/kita/index.html",
        "pages/about/index.html",
        "search/index.html",
        "404.html",
    ] {
        assert!(files.contains_key(rel), "missing {rel}");
        assert!(files.contains_key(&format!("en/{rel}")), "missing en/{rel}");
    }
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn language_switch_and_hreflang_point_to_the_same_page() {
    let site = fixture("mini");
    let out = site.path().join("public");
    assert!(build(site.path(), &out).status.success());
    let ja = std::fs::read_to_string(out.join("agencies/center/index.html")).unwrap();
    let en = std::fs::read_to_string(out.join("en/agencies/center/index.html")).unwrap();
    assert!(
        ja.contains(r#"<a class="lang-switch" href="../../en/agencies/center/index.html""#),
        "{ja}"
    );
    assert!(en.contains(r#"<a class="lang-switch" href="../../../agencies/center/index.html""#));
    assert!(ja.contains(
        r#"<link rel="alternate" hreflang="en" href="../../en/agencies/center/index.html">"#
    ));
    assert!(ja.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(en.contains("<html lang=\"en\">"));
}

#[test]
fn missing_english_falls_back_to_marked_japanese() {
    let site = fixture("mini");
    let out = site.path().join("public");
    assert!(build(site.path(), &out).status.success());
    let en = std::fs::read_to_string(out.join("en/agencies/center/index.html")).unwrap();
    assert!(
        en.contains(
            r#"<div lang="ja" class="untranslated prose"><p>専門相談・診断・評価を行います。</p>"#
        ),
        "{en}"
    );
    let check = madoguchi(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--missing",
        "en",
    ]);
    assert!(check.status.success());
    let err = stderr(&check);
    assert!(err.contains("content/agencies/center.yaml:9:7: warning: missing English translation of `description`"), "{err}");
    assert!(
        err.contains("the page `system` has no English version"),
        "{err}"
    );
}

#[test]
fn record_html_and_markdown_pages_are_sanitized() {
    let site = fixture("mini");
    let out = site.path().join("public");
    assert!(build(site.path(), &out).status.success());
    for (path, bytes) in tree(&out) {
        let html = String::from_utf8_lossy(&bytes);
        assert!(!html.contains("<script>alert"), "{path} has a script");
        assert!(!html.contains("onerror"), "{path} has an event handler");
    }
    let ja = std::fs::read_to_string(out.join("agencies/ward-office/index.html")).unwrap();
    assert!(ja.contains("乳幼児健診と事後フォローを行います。"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture("mini");
    let a = site.path().join("out-a");
    let b = site.path().join("out-b");
    assert!(build(site.path(), &a).status.success());
    assert!(build(site.path(), &b).status.success());
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 40);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between builds");
    }
}

#[test]
fn refuses_output_folders_that_would_destroy_sources() {
    let site = fixture("mini");
    let root = site.path().to_str().unwrap();
    for out in [
        root.to_string(),
        site.path().parent().unwrap().to_str().unwrap().to_string(),
    ] {
        let o = madoguchi(&["build", "--root", root, "--out", &out]);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("refusing to write"), "{}", stderr(&o));
    }
    assert!(site.path().join("content/agencies/center.yaml").exists());
}

#[test]
fn check_writes_nothing() {
    let site = fixture("mini");
    let o = madoguchi(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!site.path().join("public").exists());
}
