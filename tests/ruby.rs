//! Furigana markup (`{漢字|かんじ}`) end to end on the mini fixture: record texts, the
//! interface words and Markdown pages render `<ruby>`; plain-text places (title tag,
//! attributes, feed, open data) keep the base text; the page that shows furigana (and
//! only such a page) gets the switch to hide it; search finds the record by the base text
//! and by the reading; malformed markup fails `check` and `build` at its line and column.

mod common;

use std::fs;

const RUBY_CENTER: &str = "<ruby>発達<rp>(</rp><rt>はったつ</rt><rp>)</rp></ruby>";

/// The mini fixture with furigana in a record's name and description, an interface word
/// and a Markdown page.
fn site_with_furigana() -> tempfile::TempDir {
    let site = common::fixture("mini");
    let edit = |rel: &str, from: &str, to: &str| {
        let path = site.path().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} lacks {from}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let center = "content/agencies/center.yaml";
    edit(
        center,
        "{ja: こども発達支援センター,",
        "{ja: \"こども{発達|はったつ}支援センター\",",
    );
    edit(
        center,
        "ja: 専門相談・診断・評価を行います。",
        "ja: 専門相談・{診断|しんだん}・評価を行います。",
    );
    edit(
        "themes/default/i18n/ja.yaml",
        "skip: \"本文へ移動\"",
        "skip: \"{本文|ほんぶん}へ{移動|いどう}\"",
    );
    let page = site.path().join("content/pages/system.ja.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text + "\n{仕組|しく}みの説明です。\n").unwrap();
    site
}

#[test]
fn furigana_renders_as_ruby_and_plain_places_keep_the_base_text() {
    let site = site_with_furigana();
    let out = site.path().join("public");
    let o = common::build(site.path(), &out);
    assert!(o.status.success(), "{}", common::stderr(&o));

    let center = common::read(&out, "agencies/center/index.html");
    assert!(center.contains(RUBY_CENTER), "{center}");
    assert!(
        center.contains("<ruby>診断<rp>(</rp><rt>しんだん</rt>"),
        "{center}"
    );
    assert!(
        center.contains("<ruby>本文<rp>(</rp><rt>ほんぶん</rt>"),
        "{center}"
    );
    assert!(
        center.contains("<title>こども発達支援センター | "),
        "the title tag keeps the base text only:\n{center}"
    );
    let system = common::read(&out, "pages/system/index.html");
    assert!(
        system.contains("<ruby>仕組<rp>(</rp><rt>しく</rt>"),
        "{system}"
    );

    for (rel, bytes) in common::tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for raw in ["{発達|", "{診断|", "{本文|", "{仕組|"] {
            assert!(!text.contains(raw), "{rel} prints the markup {raw}");
        }
        if rel.ends_with(".html") {
            assert_no_ruby_in_title_or_attributes(&rel, &text);
        } else {
            assert!(!text.contains("<ruby"), "{rel} is plain text or data");
        }
    }
}

/// No `<ruby>` inside `<title>` or any attribute value (those print `| plain`).
fn assert_no_ruby_in_title_or_attributes(rel: &str, html: &str) {
    if let Some(start) = html.find("<title>") {
        let end = html[start..].find("</title>").unwrap() + start;
        assert!(!html[start..end].contains('<') || html[start..end].matches('<').count() == 1);
        assert!(
            !html[start..end].contains("ruby"),
            "{rel}: {}",
            &html[start..end]
        );
    }
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if tag.starts_with("ruby") || tag.starts_with("/ruby") || tag.starts_with("rt") {
            continue;
        }
        assert!(
            !tag.contains("rp>") && !tag.contains("ruby"),
            "{rel}: <{tag}>"
        );
    }
    for part in html.split("=\"").skip(1) {
        let value = part.split('"').next().unwrap_or("");
        assert!(!value.contains('<'), "{rel}: attribute value {value}");
    }
}

#[test]
fn only_pages_with_furigana_get_the_switch() {
    let site = site_with_furigana();
    let out = site.path().join("public");
    let o = common::build(site.path(), &out);
    assert!(o.status.success(), "{}", common::stderr(&o));
    // Every Japanese page prints the skip link, whose words carry furigana.
    let center = common::read(&out, "agencies/center/index.html");
    assert!(center.contains("<input type=\"checkbox\" id=\"furigana-toggle\" checked><label for=\"furigana-toggle\">ふりがなを表示</label>"), "{center}");
    assert!(center.contains("assets/furigana.js"), "{center}");
    // An English page without furigana has neither the switch nor the script.
    let about = common::read(&out, "en/pages/about/index.html");
    assert!(!about.contains("<ruby"), "{about}");
    assert!(!about.contains("furigana"), "{about}");
    assert!(out.join("assets/furigana.js").is_file());
}

#[test]
fn search_finds_the_record_by_base_text_and_by_reading() {
    let site = site_with_furigana();
    let out = site.path().join("public");
    let o = common::build(site.path(), &out);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let index = out.join("assets/search-ja.js");
    let queries = ["しんだん", "診断", "シンダン"];
    let top: Vec<Vec<String>> = common::node_json("top.mjs", &[index.as_os_str()], &queries);
    for (q, ids) in queries.iter().zip(&top) {
        assert_eq!(
            ids.first().map(String::as_str),
            Some("こども発達支援センター"),
            "{q}: {ids:?}"
        );
    }
    let index_text = fs::read_to_string(&index).unwrap();
    assert!(
        !index_text.contains("{診断|"),
        "the snippet keeps the base text"
    );
}

/// `check` output for the mini fixture with `text` as the description of `center`.
fn check_description(text: &str) -> (bool, String) {
    let site = common::fixture("mini");
    let path = site.path().join("content/agencies/center.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        yaml.replace(
            "ja: 専門相談・診断・評価を行います。",
            &format!("ja: {text}"),
        ),
    )
    .unwrap();
    let o = common::madoguchi(&["check", "--root", site.path().to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &common::stderr(&o);
    (o.status.success(), out)
}

#[test]
fn check_reports_malformed_furigana_at_line_and_column() {
    let cases = [
        ("専門{相談|そうだん", "is not closed"),
        ("専門{|そうだん}", "no text before"),
        ("専門{相談|}", "no reading"),
        ("専門{相{談|だん}}", "inside another"),
        ("専門{相談|soudan}", "not kana"),
    ];
    for (text, what) in cases {
        let (ok, out) = check_description(text);
        assert!(!ok, "{text}: check must fail:\n{out}");
        let line = out
            .lines()
            .find(|l| l.contains("center.yaml:9:9: error:"))
            .unwrap_or_else(|| panic!("{text}: no error at 9:9:\n{out}"));
        assert!(line.contains(what), "{text}: {line}");
        assert!(
            out.contains("help: ") && out.contains("|"),
            "the help shows the form:\n{out}"
        );
    }
    let (ok, out) = check_description("専門{相談|そうだん}・{name}");
    assert!(ok, "{out}");
}

#[test]
fn build_refuses_malformed_furigana_in_words_and_pages() {
    let site = common::fixture("mini");
    let words = site.path().join("themes/default/i18n/en.yaml");
    let text = fs::read_to_string(&words).unwrap();
    fs::write(&words, text + "extra_word: \"{x|y}\"\n").unwrap();
    let page = site.path().join("content/pages/about.ja.md");
    let md = fs::read_to_string(&page).unwrap();
    let line = md.lines().count() + 1;
    fs::write(&page, md + "\n{仕組|しく\n").unwrap();
    let out = site.path().join("public");
    fs::create_dir(&out).unwrap();
    fs::write(out.join(".madoguchi-output"), "").unwrap();
    fs::write(out.join("index.html"), "old").unwrap();
    let o = common::build(site.path(), &out);
    let err = common::stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("en.yaml:"), "{err}");
    assert!(err.contains("not kana"), "{err}");
    assert!(
        err.contains(&format!("about.ja.md:{}:1: error:", line + 1))
            || err.contains(&format!("about.ja.md:{line}:1: error:")),
        "{err}"
    );
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
}
