//! `madoguchi check`: validation, rendered links and anchors, freshness, JSON output.

mod common;
use common::*;
use std::fs;

fn with<'a>(diags: &'a [serde_json::Value], needle: &str) -> Vec<&'a serde_json::Value> {
    diags
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains(needle))
        .collect()
}

#[test]
fn fresh_fixture_passes_with_warnings_only() {
    let site = fixture("mini");
    let (ok, diags) = check_json(site.path(), &["--today", "2024-06-01"]);
    assert!(ok, "{diags:#?}");
    assert!(
        diags.iter().all(|d| d["severity"] == "warning"),
        "{diags:#?}"
    );
    // One summary for English; each missing text only with `--missing en`.
    assert!(with(&diags, "missing English translation").is_empty());
    let (_, listed) = check_json(site.path(), &["--today", "2024-06-01", "--missing", "en"]);
    let tr = with(&listed, "missing English translation of `description`");
    assert_eq!(tr[0]["file"], "content/agencies/center.yaml");
    assert_eq!(
        (tr[0]["line"].as_u64(), tr[0]["column"].as_u64()),
        (Some(9), Some(7))
    );
    assert!(
        with(&diags, "months ago").is_empty(),
        "nothing is stale in 2024: {diags:#?}"
    );
    // ward-office and parent-training have no contact section; center has a url.
    let no_contact: Vec<&str> = with(&diags, "no contact details")
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        no_contact,
        [
            "content/agencies/ward-office.yaml",
            "content/programs/parent-training.yaml"
        ]
    );
    for d in &diags {
        for key in ["severity", "file", "line", "column", "message", "help"] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
    }
}

#[test]
fn stale_records_are_warned_at_their_date_and_age_is_configurable() {
    let site = fixture("mini");
    let (ok, diags) = check_json(site.path(), &["--today", "2025-01-27"]);
    assert!(ok, "stale records are warnings, not errors: {diags:#?}");
    let stale = with(
        &diags,
        "last verified on 2024-01-26, more than 12 months ago",
    );
    assert_eq!(
        stale.len(),
        6,
        "every agency, program, network and stage: {stale:#?}"
    );
    let center = stale
        .iter()
        .find(|d| d["file"] == "content/agencies/center.yaml")
        .unwrap();
    assert_eq!(
        (center["line"].as_u64(), center["column"].as_u64()),
        (Some(14), Some(14))
    );
    let (_, diags) = check_json(site.path(), &["--today", "2025-01-26"]);
    assert!(
        with(&diags, "months ago").is_empty(),
        "exactly 12 months is not yet stale"
    );

    let yaml = site.path().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}stale_after_months: 1\n")).unwrap();
    let (_, diags) = check_json(site.path(), &["--today", "2024-03-01"]);
    assert_eq!(
        with(&diags, "more than 1 months ago").len(),
        6,
        "{diags:#?}"
    );
}

#[test]
fn broken_internal_links_and_anchors_are_errors() {
    let site = fixture("mini");
    let page = site.path().join("content/pages/about.ja.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{text}\n[なし](../nope/index.html) [層](../../tiers/index.html#tier-nope) [ok](../../tiers/index.html#tier-primary)\n")).unwrap();
    let (ok, diags) = check_json(site.path(), &["--today", "2024-06-01"]);
    assert!(!ok);
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .all(|d| d["file"] == "content/pages/about.ja.md"),
        "{errors:#?}"
    );
    assert!(with(&diags, "`../nope/index.html`: no such page").len() == 1);
    assert!(with(&diags, "no anchor `#tier-nope`").len() == 1);
}

#[test]
fn missing_operator_fails_and_human_output_says_where() {
    let site = fixture("mini");
    let p = site.path().join("content/programs/parent-training.yaml");
    fs::write(
        &p,
        fs::read_to_string(&p)
            .unwrap()
            .replace("operator: center", "operator: centre"),
    )
    .unwrap();
    let o = madoguchi(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--today",
        "2024-06-01",
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("content/programs/parent-training.yaml:5:11: error: `operator` refers to a missing agency `centre`"), "{err}");
    assert!(err.contains("1 error(s)"), "{err}");
}

#[test]
fn bad_today_is_refused() {
    let site = fixture("mini");
    let o = madoguchi(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--today",
        "2024-13-01",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
}

#[test]
fn updates_page_and_feeds_list_records_newest_first() {
    let site = fixture("mini");
    let p = site.path().join("content/programs/parent-training.yaml");
    fs::write(
        &p,
        fs::read_to_string(&p)
            .unwrap()
            .replace("verified_on: 2024-01-26", "verified_on: 2024-05-02"),
    )
    .unwrap();
    let out = site.path().join("public");
    let o = madoguchi(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = fs::read_to_string(out.join("updates/index.html")).unwrap();
    let first = page.find("programs/parent-training/index.html").unwrap();
    assert!(first < page.find("agencies/center/index.html").unwrap());
    assert!(
        page.find("agencies/center/index.html").unwrap()
            < page.find("stages/infancy/index.html").unwrap(),
        "same date: by id"
    );
    assert!(
        fs::read_to_string(out.join("en/updates/index.html"))
            .unwrap()
            .contains("Recently verified")
    );
    assert!(broken_links(&out).is_empty(), "{:#?}", broken_links(&out));

    let feed = fs::read_to_string(out.join("en/feed.xml")).unwrap();
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert!(
        feed.contains("<updated>2024-05-02T00:00:00+09:00</updated>\n<author>"),
        "feed updated = newest record: {feed}"
    );
    assert_eq!(feed.matches("<entry>").count(), 6);
    assert!(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"programs/parent-training/index.html\"/>"), "{feed}");
    let again = madoguchi(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(again.status.success());
    assert_eq!(
        fs::read_to_string(out.join("en/feed.xml")).unwrap(),
        feed,
        "no build timestamps"
    );

    let o = madoguchi(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        "https://example.org/guide",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/guide/feed.xml\"/>"), "{feed}");
    assert!(
        feed.contains("<id>https://example.org/guide/programs/parent-training/index.html</id>"),
        "{feed}"
    );
    let en = fs::read_to_string(out.join("en/feed.xml")).unwrap();
    assert!(
        en.contains("href=\"https://example.org/guide/en/agencies/center/index.html\""),
        "{en}"
    );
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("<link rel=\"alternate\" type=\"application/atom+xml\""),
        "{home}"
    );
}

#[test]
fn build_progress_only_on_a_terminal() {
    let site = fixture("mini");
    let out = site.path().join("public");
    let o = build(site.path(), &out);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(
        !err.contains('\r') && !err.contains("rendering"),
        "quiet when stderr is not a terminal: {err:?}"
    );

    // `script` (util-linux) runs the build on a pseudo-terminal, as a person at a terminal would.
    let cmd = format!(
        "{} build --root {} --out {}",
        env!("CARGO_BIN_EXE_madoguchi"),
        site.path().display(),
        out.display()
    );
    let Ok(o) = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
    else {
        eprintln!("`script` not installed; skipping the terminal half");
        return;
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let tty = String::from_utf8_lossy(&o.stdout);
    assert!(
        tty.contains("rendering…") && tty.contains("\r\x1b[K"),
        "{tty:?}"
    );
}

/// Per language but the first, one line: coverage and review status; the files missing
/// most; each missing text only with `--missing CODE` (or `all`). Other warnings stay.
#[test]
fn each_language_gets_one_summary_and_missing_texts_are_listed_on_request() {
    let site = fixture("three-lang");
    let (ok, diags) = check_json(site.path(), &["--today", "2024-06-01"]);
    assert!(ok, "{diags:#?}");
    assert!(
        with(&diags, "missing Tiếng Việt translation").is_empty(),
        "{diags:#?}"
    );
    assert!(
        with(&diags, "has no Tiếng Việt version").is_empty(),
        "{diags:#?}"
    );
    let vi = with(&diags, "Tiếng Việt (vi):");
    assert_eq!(vi.len(), 1, "{diags:#?}");
    assert_eq!(vi[0]["file"], "site.yaml");
    assert_eq!(vi[0]["line"].as_u64(), Some(6));
    let message = vi[0]["message"].as_str().unwrap();
    let help = vi[0]["help"].as_str().unwrap();
    // The fixture's records hold 27 texts, 3 of them in Vietnamese (the center's name and
    // how to apply, the infancy stage's name); no status is set. 24 texts and the three
    // Japanese pages are missing.
    assert_eq!(message, "Tiếng Việt (vi): 3 of 27 record texts (11%)");
    assert!(help.starts_with("27 translations are missing, most in content/stages/infancy.yaml (7), content/agencies/ward-office.yaml (4), content/programs/parent-training.yaml (4); `madoguchi check --missing vi` lists each."), "{help}");
    // Other warnings are unchanged.
    assert!(!with(&diags, "no contact details").is_empty());

    let (_, listed) = check_json(site.path(), &["--today", "2024-06-01", "--missing", "vi"]);
    assert_eq!(with(&listed, "missing Tiếng Việt translation").len(), 24);
    assert_eq!(with(&listed, "has no Tiếng Việt version").len(), 3);
    assert!(with(&listed, "missing English translation").is_empty());
    let (_, all) = check_json(site.path(), &["--today", "2024-06-01", "--missing", "all"]);
    assert!(!with(&all, "missing English translation").is_empty());

    // Review status: the language's, with a record's own entry counted apart.
    edit(
        site.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [en], review: draft}",
    );
    let (_, drafts) = check_json(site.path(), &["--today", "2024-06-01"]);
    let vi = with(&drafts, "Tiếng Việt (vi):");
    assert_eq!(
        vi[0]["message"],
        "Tiếng Việt (vi): 3 of 27 record texts (11%), all draft"
    );
    assert!(
        vi[0]["help"]
            .as_str()
            .unwrap()
            .contains("`review: reviewed`")
    );
    let center = site.path().join("content/agencies/center.yaml");
    let mut text = fs::read_to_string(&center).unwrap();
    text.push_str("review: {vi: reviewed}\n");
    fs::write(&center, text).unwrap();
    let (_, mixed) = check_json(site.path(), &["--today", "2024-06-01"]);
    let vi = with(&mixed, "Tiếng Việt (vi):");
    assert_eq!(
        vi[0]["message"],
        "Tiếng Việt (vi): 3 of 27 record texts (11%), 2 reviewed, 1 draft"
    );

    // An unknown code is an error that names the declared ones.
    let o = madoguchi(&[
        "check",
        "--root",
        site.path().to_str().unwrap(),
        "--missing",
        "vn",
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("`--missing vn`: site.yaml declares no language `vn`"),
        "{err}"
    );
    assert!(err.contains("did you mean `"), "{err}");
    assert!(err.contains("(or `--missing all`)"), "{err}");
}
