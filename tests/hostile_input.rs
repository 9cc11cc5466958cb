//! Hostile or careless input (issue 16, part B): every case is a clear error at its
//! file:line:column, within `HANG_SECONDS` and `MEMORY_LIMIT`, and the previous output
//! stays byte-identical. Big inputs are generated here, not committed.

mod common;
use common::*;
use std::fs;
use std::path::Path;

const CENTER: &str = "content/agencies/center.yaml";

/// Raises limits in the fixture's site.yaml, so a test reaches the limit it is about.
fn raise_limits(root: &Path, limits: &str) {
    let p = root.join("site.yaml");
    let mut text = fs::read_to_string(&p).unwrap();
    text.push_str(&format!("limits: {{{limits}}}\n"));
    fs::write(p, text).unwrap();
}

fn has(err: &str, wanted: &str) {
    assert!(err.contains(wanted), "wanted `{wanted}` in:\n{err}");
}

// ---- limits ----

#[test]
fn alias_bomb_is_refused_before_expansion() {
    // One 1 MB string referenced 3,000 times (3 GB once expanded); the file and text
    // limits are raised so that the alias expansion is what is refused.
    let err = fails_keeping_output(|r| {
        raise_limits(r, "file_bytes: 3000000, text_bytes: 2000000");
        let bomb = format!(
            "fees: {{ja: &big \"{}\"}}\nalternate_name: [{}]\n",
            "x".repeat(1_000_000),
            vec!["*big"; 3000].join(", ")
        );
        append(r, CENTER, &bomb);
    });
    has(&err, "content/agencies/center.yaml:16:");
    has(&err, "once its aliases (`*name`) are expanded");
    has(&err, "`limits: {expanded_bytes: …}` (now 4000000)");
}

#[test]
fn deep_flow_nesting_is_refused() {
    let err = fails_keeping_output(|r| {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        append(r, CENTER, &format!("alternate_name: {deep}\n"));
    });
    has(&err, "content/agencies/center.yaml:15:");
    has(&err, "nested more than 32 levels deep");
    has(&err, "`limits: {yaml_depth: …}`");
}

#[test]
fn a_million_list_entries_are_refused() {
    let err = fails_keeping_output(|r| {
        raise_limits(r, "file_bytes: 3000000");
        let list = vec!["a"; 1_000_000].join(",");
        append(r, CENTER, &format!("alternate_name: [{list}]\n"));
    });
    // The 10,001st entry: `alternate_name: [` is 17 characters, each entry 2.
    has(
        &err,
        "content/agencies/center.yaml:15:20018: error: more than 10000 entries",
    );
    has(&err, "`limits: {list_entries: …}`");
}

#[test]
fn fifty_megabyte_description_is_refused_without_reading_it() {
    let err = fails_keeping_output(|r| {
        let big = format!("description:\n  ja: {}\n", "あ".repeat(50_000_000 / 3));
        let p = r.join(CENTER);
        let text = fs::read_to_string(&p).unwrap();
        let text = text.replace(
            "description:\n  ja: 専門相談・診断・評価を行います。\n",
            &big,
        );
        fs::write(p, text).unwrap();
    });
    has(
        &err,
        "content/agencies/center.yaml:1:1: error: the file is larger than the limit of 1000000 bytes",
    );
    has(&err, "`limits: {file_bytes: …}`");
}

#[test]
fn long_text_is_refused_at_its_value() {
    let err = fails_keeping_output(|r| {
        append(
            r,
            CENTER,
            &format!("fees: {{ja: {}}}\n", "x".repeat(200_000)),
        );
    });
    has(
        &err,
        "content/agencies/center.yaml:15:12: error: this text is 200000 bytes long",
    );
    has(&err, "`limits: {text_bytes: …}`");
}

#[test]
fn deeply_nested_block_quotes_are_refused() {
    let err = fails_keeping_output(|r| {
        append(
            r,
            "content/pages/about.ja.md",
            &format!("\n{}引用\n", "> ".repeat(100_000)),
        );
    });
    // Line 5 (after the page's three lines and a blank one); the 17th `>` is column 33.
    has(
        &err,
        "content/pages/about.ja.md:5:33: error: the Markdown nests",
    );
    has(&err, "`limits: {markdown_depth: …}`");
}

#[test]
fn brace_floods_in_furigana_markup_stay_linear() {
    // Openings that never close and markup nested in them: the ruby scanner looks at
    // each byte a bounded number of times, in YAML values and Markdown pages alike.
    let err = fails_keeping_output(|r| {
        let value = format!("{}{{字|じ", "{漢".repeat(20_000));
        append(r, CENTER, &format!("fees: {{ja: \"{value}\"}}\n"));
        let page = format!("\n{}{{x|か\n", "{".repeat(600_000));
        append(r, "content/pages/about.ja.md", &page);
    });
    // `fees: {ja: "` and 20,000 `{漢` come before the `{字` left open.
    has(
        &err,
        "content/agencies/center.yaml:15:40013: error: furigana markup",
    );
    has(&err, "is not closed with `}` on this line");
    has(
        &err,
        "content/pages/about.ja.md:5:600001: error: furigana markup",
    );
}

#[test]
fn unclosed_divs_are_refused() {
    let err = fails_keeping_output(|r| {
        raise_limits(r, "text_bytes: 1000000");
        edit(
            r,
            CENTER,
            "  ja: 専門相談・診断・評価を行います。",
            &format!("  ja: \"{}\"", "<div>".repeat(150_000)),
        );
    });
    has(
        &err,
        "content/agencies/center.yaml:8:1: error: the Markdown nests",
    );
    has(&err, "`<div>` needs `</div>`");
}

#[test]
fn raised_limits_let_bigger_content_through() {
    let site = fixture("mini");
    raise_limits(site.path(), "markdown_depth: 40");
    append(
        site.path(),
        "content/pages/about.ja.md",
        &format!("\n{}引用\n", "> ".repeat(30)),
    );
    let out = site.path().join("public");
    let o = build_bounded(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
}

// ---- links stay honest ----

#[test]
fn protocol_relative_and_backslash_urls_are_refused() {
    for (bad, why) in [
        ("//evil.example/", "starting with `//`"),
        ("\\\\evil.example/", "may not contain `\\`"),
        ("/\\evil.example/", "may not contain `\\`"),
    ] {
        let err = fails_keeping_output(|r| {
            edit(
                r,
                CENTER,
                "url: https://example.org/center",
                &format!("url: {bad}"),
            );
        });
        has(
            &err,
            &format!("content/agencies/center.yaml:12:8: error: unsafe or invalid link `{bad}`"),
        );
        has(&err, why);
    }
}

#[test]
fn markdown_links_and_raw_html_leaving_the_site_are_refused() {
    let err = fails_keeping_output(|r| {
        append(
            r,
            "content/pages/about.ja.md",
            "\n[a](//evil.example/) ![b](/\\evil.example/i.png)\n\n<a href=\"\\\\evil.example/\">c</a>\n",
        );
    });
    has(
        &err,
        "content/pages/about.ja.md:5:5: error: unsafe or invalid link `//evil.example/`",
    );
    has(
        &err,
        "content/pages/about.ja.md:5:27: error: unsafe or invalid link `/\\evil.example/i.png`",
    );
    has(
        &err,
        "content/pages/about.ja.md:7:10: error: unsafe or invalid link `\\\\evil.example/`",
    );
}

// ---- text is clean ----

#[test]
fn bidi_override_is_refused_at_its_column() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            CENTER,
            "ja: こども発達支援センター",
            "ja: こども\u{202e}発達支援センター",
        );
    });
    has(
        &err,
        "content/agencies/center.yaml:1:15: error: the file holds U+202E (a bidirectional override)",
    );
}

#[test]
fn escaped_control_characters_are_refused() {
    for (escape, code) in [
        ("\\0", "U+0000"),
        ("\\e[2J", "U+001B"),
        ("\\u202E", "U+202E"),
    ] {
        let err = fails_keeping_output(|r| {
            edit(
                r,
                CENTER,
                "kind: {ja: 専門機関, en: Specialist centre}",
                &format!("kind: {{ja: \"専門{escape}機関\", en: Specialist centre}}"),
            );
        });
        has(
            &err,
            &format!("content/agencies/center.yaml:4:12: error: this text holds {code}"),
        );
    }
}

#[test]
fn nul_byte_is_reported_at_its_line_and_character_column() {
    let err = fails_keeping_output(|r| {
        edit(r, CENTER, "ja: 専門機関,", "ja: 専門\0機関,");
    });
    has(
        &err,
        "content/agencies/center.yaml:4:14: error: the file holds U+0000 (a control character)",
    );
}

#[test]
fn terminal_output_escapes_content() {
    let site = fixture("mini");
    let root = site.path();
    fs::rename(
        root.join(CENTER),
        root.join("content/agencies/\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}.yaml"),
    )
    .unwrap();
    let o = madoguchi_bounded(&["check", "--root", root.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let raw = |s: &str| s.contains(['\u{1b}', '\u{7}', '\u{9b}']);
    assert!(!raw(&err), "raw escapes printed: {err:?}");
    has(&err, "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{9b}");
    // JSON output holds the same name, escaped the JSON way.
    let o = madoguchi_bounded(&[
        "check",
        "--format",
        "json",
        "--root",
        root.to_str().unwrap(),
    ]);
    let json = String::from_utf8(o.stdout).unwrap();
    assert!(!raw(&json), "raw escapes printed: {json:?}");
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let name = "content/agencies/\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}.yaml";
    assert!(items.iter().any(|d| d["file"] == name), "{json}");
}

// ---- exact places ----

#[test]
fn duplicate_key_is_reported_at_the_duplicate() {
    let err = fails_keeping_output(|r| append(r, CENTER, "tier: primary\n"));
    has(
        &err,
        "content/agencies/center.yaml:15:1: error: duplicate key `tier`",
    );
    has(&err, "already given on line 3");
}

#[test]
fn base_url_too_long_for_a_qr_code_has_its_own_message() {
    let err = fails_keeping_output(|r| {
        let long = format!("https://example.jp/{}/", "a".repeat(2400));
        append(r, "site.yaml", &format!("base_url: {long}\n"));
    });
    has(
        &err,
        "site.yaml:20:11: error: `base_url` is too long for the QR codes on the handouts",
    );
    has(&err, "a QR code holds at most 2331");
    has(&err, "`--base-url`");
}
