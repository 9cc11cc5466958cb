//! Every diagnostic points at its own YAML node: a text or value written twice in one file
//! (a place name that is also an alias, a phone number in two locations) is found where
//! the field the diagnostic names is written, not where the same text first appears.

mod common;
use common::*;

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
    let idx = from
        + text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("no `{needle}`"));
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
    let text = read(root, JISO);
    assert!(
        text.find("  - 熊本市児童相談所") < text.find("ja: 熊本市児童相談所"),
        "the alias comes first"
    );
    let (_, diags) = check_json(root, &["--missing", "vi"]);
    let found = at(&diags, JISO, "missing Tiếng Việt translation of `name`");
    let place = pos_after(&text, "locations:", "熊本市児童相談所");
    assert_eq!(found, [place], "{diags:#?}");
}

/// The same words in two steps' `why`, the first translated: the missing translation is
/// at the second step's own text.
#[test]
fn a_missing_translation_of_a_repeated_step_text_is_at_its_own_step() {
    let site = fixture("mini");
    let root = site.path();
    let stage = "content/stages/infancy.yaml";
    edit(
        root,
        stage,
        "why: {ja: 専門的な評価を行います。, en: Specialist assessment.}",
        "why: {ja: 身近な窓口です。}",
    );
    let text = read(root, stage);
    let (_, diags) = check_json(root, &["--missing", "en"]);
    let found = at(&diags, stage, "missing English translation of `why`");
    assert_eq!(
        found,
        [pos_after(&text, "next_steps:", "身近な窓口です。")],
        "{diags:#?}"
    );
}

/// A place's name in an undeclared language, and a place's name without Japanese: each
/// at the place's own name, not at the record's `name:`.
#[test]
fn a_places_name_is_checked_at_the_place() {
    let site = fixture("mini");
    let root = site.path();
    let office = "content/agencies/ward-office.yaml";
    append(
        root,
        office,
        "locations:\n  - name: {ja: 北区, vn: Bắc}\n  - name:\n      en: South\n",
    );
    let text = read(root, office);
    let (_, diags) = check_json(root, &[]);
    let undeclared = at(&diags, office, "`name` has text in `vn`");
    assert_eq!(
        undeclared,
        [pos_after(&text, "locations:", "vn:")],
        "{diags:#?}"
    );
    let no_ja = at(&diags, office, "`name` has no `ja` text");
    assert_eq!(
        no_ja,
        [pos_after(&text, "  - name:\n", "name:")],
        "{diags:#?}"
    );
}

/// The same unsafe link in both languages of a description: one error at each text. In a
/// page, the link, not the same words written before it.
#[test]
fn an_unsafe_link_is_at_its_own_text() {
    let site = fixture("mini");
    let root = site.path();
    let office = "content/agencies/ward-office.yaml";
    edit(
        root,
        office,
        "  ja: 乳幼児健診と事後フォローを行います。<script>alert(\"x\")</script>\n  en: Runs infant checkups and follow-up.",
        "  ja: \"[a](javascript:x)\"\n  en: \"[a](javascript:x)\"",
    );
    let page = "content/pages/about.ja.md";
    append(
        root,
        page,
        "\nNever javascript:alert(1).\n\n[x](javascript:alert(1))\n",
    );
    let text = read(root, office);
    let (_, diags) = check_json(root, &[]);
    let found = at(&diags, office, "unsafe or invalid link `javascript:x`");
    let ja = pos_after(&text, "  ja: ", "javascript:x");
    let en = pos_after(&text, "  en: ", "javascript:x");
    assert_eq!(found, [ja, en], "{diags:#?}");
    let md = read(root, page);
    let found = at(&diags, page, "unsafe or invalid link `javascript:alert(1)`");
    assert_eq!(found, [pos_after(&md, "[x](", "javascript:")], "{diags:#?}");
}

/// A phone's unknown type is at the type, not at the number.
#[test]
fn a_phones_unknown_type_is_at_the_type() {
    let site = fixture("mini");
    let root = site.path();
    let office = "content/agencies/ward-office.yaml";
    append(
        root,
        office,
        "locations:\n  - name: {ja: 北区}\n    phones:\n      - number: 096-000-0001\n        type: mian\n",
    );
    let text = read(root, office);
    let (_, diags) = check_json(root, &[]);
    let found = at(&diags, office, "unknown phone `type` `mian`");
    assert_eq!(found, [pos_after(&text, "type: ", "mian")], "{diags:#?}");
}
