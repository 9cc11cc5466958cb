//! Every diagnostic points at its own YAML node: a text or value written twice in one file
//! (a place name that is also an alias, a phone number in two locations) is found where
//! the field the diagnostic names is written, not where the same text first appears.

mod common;
use common::*;
use std::path::Path;

fn check_json(root: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let o = madoguchi(&args);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)));
    json.as_array().unwrap().clone()
}

/// `(line, column)` of each diagnostic in `file` whose message holds `needle`.
fn at(diags: &[serde_json::Value], file: &str, needle: &str) -> Vec<(u64, u64)> {
    (diags.iter())
        .filter(|d| d["file"] == file && d["message"].as_str().unwrap().contains(needle))
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect()
}

/// 1-based line and column (in characters) of `needle` written after `after` in `text`.
fn pos_after(text: &str, after: &str, needle: &str) -> (u64, u64) {
    let from = text.find(after).unwrap_or_else(|| panic!("no `{after}`"));
    let idx = from + text[from..].find(needle).unwrap_or_else(|| panic!("no `{needle}`"));
    let line = text[..idx].matches('\n').count() + 1;
    let column = text[..idx].rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

const JISO: &str = "content/agencies/jido-sodanjo.yaml";

/// The child guidance center's place name 熊本市児童相談所 is also one of its aliases,
/// written first: its missing translation is at the place's own `ja:`, not at the alias.
#[test]
fn a_missing_translation_is_at_its_own_text_not_an_identical_alias() {
    let site = shipped_copy();
    let root = site.path();
    edit(
        root,
        JISO,
        "      vi: \"Trung tâm tư vấn trẻ em thành phố Kumamoto\"\n",
        "",
    );
    let text = std::fs::read_to_string(root.join(JISO)).unwrap();
    assert!(
        text.find("  - 熊本市児童相談所") < text.find("ja: 熊本市児童相談所"),
        "the alias comes first"
    );
    let diags = check_json(root, &["--missing", "vi"]);
    let found = at(&diags, JISO, "missing Tiếng Việt translation of `name`");
    let place = pos_after(&text, "locations:", "熊本市児童相談所");
    assert_eq!(found, [place], "{diags:#?}");
}
