//! What parents and staff told us (issue 12): lists in reading order, no keyword list at the
//! top of record pages, the phone script's line breaks, numbered next steps, Japanese names
//! beside English ones, one spelling, and a staff page ordered by need.

mod common;

use common::*;
use std::fs;
use std::path::Path;

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
        .map(|n| {
            haystack
                .find(n)
                .unwrap_or_else(|| panic!("`{n}` not found"))
        })
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

/// The text a reader sees outside elements marked `lang="ja"` (and outside scripts and
/// styles), from HTML this generator wrote: tags are well formed, attributes are quoted.
fn english_text(html: &str) -> String {
    const VOID: &[&str] = &["br", "img", "meta", "link", "input", "hr", "source", "wbr"];
    // (tag, hidden): hidden when it or an ancestor is Japanese, a script or a style.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if !open.last().is_some_and(|o| o.1) {
            text.push_str(&rest[..lt]);
            text.push(' ');
        }
        let gt = rest[lt..].find('>').expect("tags close") + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if let Some(i) = open.iter().rposition(|o| o.0 == name.trim()) {
                open.truncate(i);
            }
            continue;
        }
        if tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        let hidden = open.last().is_some_and(|o| o.1)
            || tag.contains(r#"lang="ja""#)
            || name == "script"
            || name == "style";
        open.push((name, hidden));
    }
    text.push_str(rest);
    text
}

#[test]
fn english_text_scan_sees_only_what_is_not_marked_japanese() {
    let t = english_text(
        r#"<p>Call <a href="x">A <span lang="ja" class="n">窓口（各区）</span></a>, then<br>wait.</p><script>"、"</script>"#,
    );
    assert!(t.contains("Call") && t.contains("then") && t.contains("wait."));
    assert!(!t.contains('窓') && !t.contains('、'), "{t}");
}

#[test]
fn english_pages_use_no_japanese_punctuation_and_one_spelling() {
    let (_dir, out) = build_shipped(&[]);
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let mut problems = Vec::new();
    for (rel, bytes) in tree(&out.join("en")) {
        if !rel.ends_with(".html") {
            continue;
        }
        let text = english_text(&String::from_utf8(bytes).unwrap());
        let punct: String = text
            .chars()
            .filter(|c| "、。「」（）：".contains(*c))
            .collect();
        if !punct.is_empty() {
            problems.push(format!("en/{rel}: Japanese punctuation {punct}"));
        }
        for w in words(&text) {
            let british = w.starts_with("centre")
                || w.starts_with("programme")
                || w.starts_with("organis")
                || w.starts_with("behaviour")
                || w.starts_with("paediatric");
            if british {
                problems.push(format!("en/{rel}: British spelling `{w}`"));
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_pages_give_windows_their_japanese_names() {
    let (_dir, out) = build_shipped(&[]);
    let record = read(&out, "en/agencies/jido-sodanjo/index.html");
    assert!(
        record.contains(
            r#"<h1>Child Guidance Center <span lang="ja" class="ja-name">児童相談所</span></h1>"#
        ),
        "record page h1"
    );
    let stage = read(&out, "en/stages/checkup-18-months/index.html");
    assert!(stage.contains(r#"<span lang="ja" class="ja-name">こども発達支援センター</span>"#));
    let list = read(&out, "en/agencies/index.html");
    assert!(list.contains(r#"<span lang="ja" class="ja-name">児童発達支援センター</span>"#));
    // Japanese pages print each name once.
    let ja = read(&out, "agencies/jido-sodanjo/index.html");
    assert!(!ja.contains("ja-name"));
}

#[test]
fn the_two_development_centers_do_not_read_alike_in_english() {
    let name_en = |id: &str| {
        let text = fs::read_to_string(repo().join(format!("content/agencies/{id}.yaml"))).unwrap();
        let after = &text[text.find("\nname:").unwrap()..];
        let line = after
            .lines()
            .find(|l| l.trim_start().starts_with("en:"))
            .unwrap();
        line.trim_start()["en:".len()..].trim().to_ascii_lowercase()
    };
    let trigrams = |name: &str| -> Vec<String> {
        let w: Vec<&str> = name.split_whitespace().collect();
        w.windows(3).map(|t| t.join(" ")).collect()
    };
    let city = trigrams(&name_en("kodomo-hattatsu-shien-center"));
    let local = trigrams(&name_en("jido-hattatsu-shien-center"));
    let shared: Vec<&String> = city.iter().filter(|t| local.contains(t)).collect();
    assert!(shared.is_empty(), "both names say {shared:?}");
}

#[test]
fn phone_script_keeps_its_line_breaks_and_is_shown_in_japanese_on_english_pages() {
    let (_dir, out) = build_shipped(&[]);
    let css = read(&out, "assets/style.css");
    let rule = &css[css.find(".say {").expect("a .say rule")..];
    assert!(rule[..rule.find('}').unwrap()].contains("white-space: pre-line"));
    for rel in [
        "stages/checkup-18-months/index.html",
        "en/stages/checkup-18-months/index.html",
        "en/stages/checkup-18-months/wards/kita/index.html",
    ] {
        let page = read(&out, rel);
        // English pages print it on the counter card (tests/counter_card.rs).
        let (open, close) = if rel.starts_with("en/") {
            (r#"<dt class="say">"#, "</dt>")
        } else {
            (r#"<p class="say">"#, "</p>")
        };
        let at = page.find(open).unwrap_or_else(|| panic!("{rel}"));
        let script = &page[at..at + page[at..].find(close).unwrap()];
        assert!(
            script.contains('\n'),
            "{rel}: the script's lines are joined"
        );
        assert!(!script.ends_with('\n'), "{rel}: trailing empty line");
    }
    let en = read(&out, "en/stages/checkup-18-months/index.html");
    let show = en
        .find("Show this at the counter")
        .expect("the counter card");
    let ja = en[show..]
        .find(r#"<span class="say counter-ja" lang="ja">「（お子さんの名前）の親です。"#)
        .expect("the Japanese script on the card");
    assert!(en[show..show + ja].find("</section>").is_none());
    let ja_page = read(&out, "stages/checkup-18-months/index.html");
    assert!(
        !ja_page.contains("lang=\"ja\">「"),
        "Japanese pages print it once"
    );
}

#[test]
fn next_steps_read_as_numbered_steps_without_tier_badges() {
    let (_dir, out) = build_shipped(&[]);
    for (rel, words) in [
        (
            "stages/checkup-18-months/index.html",
            [
                "次の窓口につないでもらう",
                "一般的な制度の説明",
                "待つ期間が長くなることがあります",
            ],
        ),
        (
            "en/stages/checkup-18-months/index.html",
            [
                "You are referred on",
                "General information on national rules",
                "Waits can be long",
            ],
        ),
    ] {
        let page = read(&out, rel);
        let next = &page[page.find(r#"<section aria-labelledby="next">"#).unwrap()..];
        let next = &next[..next.find("</section>").unwrap()];
        assert!(
            next.contains(r#"<ol class="flow">"#),
            "{rel}: not a numbered list"
        );
        assert_eq!(next.matches("\n<li><h3>").count(), 3, "{rel}: three steps");
        assert!(
            is_sorted(&positions(next, &words)),
            "{rel}: steps out of order"
        );
        assert!(next.contains("受給者証") || next.contains("service recipient certificate"));
        // The seed's own concern, not an invented waiting time.
        assert!(next.contains("待機") || next.contains("waiting"));
        assert!(!page.contains(r#"<span class="tier"#), "{rel}: tier badge");
        assert!(
            !page.contains("2次・3次支援）</h2>"),
            "{rel}: administrative heading"
        );
    }
}

#[test]
fn record_pages_keep_the_tier_below_the_description() {
    let (_dir, out) = build_shipped(&[]);
    let page = read(&out, "agencies/jido-sodanjo/index.html");
    let description = page.find(r#"<div class="prose">"#).unwrap();
    let tier = page
        .find("tiers/index.html#tier-tertiary")
        .expect("the tier is still shown");
    assert!(description < tier, "the tier comes before the description");
    assert!(!page.contains(r#"class="tier tier-"#));
}

#[test]
fn staff_page_is_ordered_by_need_with_the_network_last() {
    let (_dir, out) = build_shipped(&[]);
    for (rel, headings) in [
        (
            "staff/index.html",
            [
                "気になる子がいるとき",
                "保護者と話すとき",
                "園・学校から依頼できる支援",
                "ネットワークのしくみ",
            ],
        ),
        (
            "en/staff/index.html",
            [
                "When a child worries you",
                "Talking with parents",
                "Support your nursery or school can request",
                "How the network works",
            ],
        ),
    ] {
        let page = read(&out, rel);
        let ids = [
            r#"<h2 id="worried">"#,
            r#"<h2 id="parents">"#,
            r#"<h2 id="request">"#,
            r#"<h2 id="network">"#,
        ];
        let at = positions(&page, &ids);
        assert!(is_sorted(&at), "{rel}: sections out of order");
        assert!(is_sorted(&positions(&page, &headings)), "{rel}: headings");
        let section = |i: usize| &page[at[i]..*at.get(i + 1).unwrap_or(&page.len())];
        for p in [
            "hoikusho-tou-homon-shien",
            "shogaiji-tou-ryoiku-shien",
            "junkai-sodan",
            "hattatsu-shien-coordinator",
        ] {
            assert!(section(2).contains(&format!("programs/{p}/")), "{rel}: {p}");
        }
        for p in ["ryoiku-shien-network-kaigi", "jiritsu-shien-kyogikai"] {
            let href = format!("programs/{p}/");
            assert!(
                section(3).contains(&href),
                "{rel}: {p} not under the network"
            );
            assert!(
                !page[..at[3]].contains(&href),
                "{rel}: {p} before the network"
            );
        }
        assert!(section(0).contains("agencies/kodomo-hattatsu-shien-center/"));
        assert!(section(1).contains("agencies/ku-hoken-kodomo-ka/"));
    }
}

#[test]
fn staff_sections_name_only_existing_records() {
    let site = fixture("mini");
    let root = site.path();
    let yaml = fs::read_to_string(root.join("site.yaml")).unwrap();
    let yaml = format!("{yaml}staff:\n  request: [center, no-such-program]\n");
    fs::write(root.join("site.yaml"), yaml).unwrap();
    let o = madoguchi(&["check", "--root", root.to_str().unwrap()]);
    let err = stderr(&o) + &String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success());
    assert!(
        err.contains("site.yaml:") && err.contains("no-such-program"),
        "{err}"
    );
}
