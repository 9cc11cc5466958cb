//! What parents and staff told us (issue 12): lists in reading order, no keyword list at the
//! top of record pages, the phone script's line breaks, numbered next steps, Japanese names
//! beside English ones, one spelling, and a staff page ordered by need.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// An agency whose file name sorts the other way from its reading.
fn agency(root: &Path, id: &str, ja: &str, kana: &str) {
    let text = format!(
        "name: {{ja: {ja}, en: {id}}}\nkana: {kana}\nalternate_name: [{id}-keyword]\ntier: primary\n\
         kind: {{ja: 窓口, en: Window}}\nservice_areas: [kita]\naudiences: [parents]\n\
         stages: [infancy]\ndescription: {{ja: 説明です。, en: About it.}}\n\
         application_process: {{ja: 電話します。, en: Call.}}\nsource: テスト資料\nverified_on: 2024-01-26\n"
    );
    fs::write(root.join(format!("content/agencies/{id}.yaml")), text).unwrap();
}

/// Positions of `needles` in `haystack`, panicking on any missing.
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| haystack.find(n).unwrap_or_else(|| panic!("`{n}` not found")))
        .collect()
}

fn is_sorted(v: &[usize]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

#[test]
fn lists_go_by_reading_not_by_file_name() {
    let site = fixture("mini");
    let root = site.path();
    agency(root, "aaa-last", "ワ窓口", "わまどぐち");
    agency(root, "zzz-first", "ア窓口", "あまどぐち");
    let out = root.join("public");
    let o = build(root, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    for rel in [
        "agencies/index.html",
        "audiences/parents/index.html",
        "wards/kita/index.html",
        "en/wards/kita/index.html",
    ] {
        let page = read(&out, rel);
        let at = positions(&page, &["zzz-first/", "aaa-last/"]);
        assert!(is_sorted(&at), "{rel}: あ… should come before わ…");
    }
}

#[test]
fn record_pages_do_not_print_the_keyword_list() {
    let site = fixture("mini");
    let root = site.path();
    agency(root, "kw", "キーワード窓口", "きーわーどまどぐち");
    let out = root.join("public");
    let o = build(root, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    for dir in ["", "en/"] {
        let page = read(&out, &format!("{dir}agencies/kw/index.html"));
        assert!(page.contains("キーワード窓口") || page.contains(">kw<"));
        assert!(!page.contains("kw-keyword"), "{dir}: keyword list printed");
    }
}
