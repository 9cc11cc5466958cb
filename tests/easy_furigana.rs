//! やさしい日本語 carries furigana on every kanji: each run of kanji in an `easy:` text (the
//! records, site.yaml), in the `easy` interface words and in the `*.easy.md` pages is written
//! inside `{漢字|かんじ}`, with a reading in kana. A parent who reads little Japanese must
//! not meet a kanji without its reading.

mod common;
use common::*;
use serde_yaml_ng::Value;
use std::fs;

/// The kanji of `text` outside `{base|reading}`, and each ruby's reading that is not kana,
/// described for the failure message.
fn problems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        // The next `{`, and the ruby it opens, if it opens one (`{n}` is a placeholder).
        let open = rest.find('{');
        let ruby = open.and_then(|open| {
            let close = open + rest[open..].find('}')?;
            let (base, reading) = rest[open + 1..close].split_once('|')?;
            Some((close, base, reading))
        });
        let plain_end = open.map_or(rest.len(), |o| o + 1);
        out.extend(
            rest[..plain_end]
                .chars()
                .filter(|c| is_kanji(*c))
                .map(|c| format!("`{c}` without a reading near `{}`", near(rest, plain_end))),
        );
        match ruby {
            Some((close, base, reading)) => {
                if base.is_empty() || reading.is_empty() || !reading.chars().all(is_kana) {
                    out.push(format!("`{{{base}|{reading}}}`: the reading must be kana"));
                }
                rest = &rest[close + 1..];
            }
            None => rest = &rest[plain_end..],
        }
    }
    out
}

fn near(text: &str, end: usize) -> String {
    text[..end]
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '々')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309f}' | '\u{30a0}'..='\u{30ff}' | ' ' | '　')
}

/// Every string under an `easy:` key of `v`, or every string when `all`.
fn easy_texts(v: &Value, all: bool, out: &mut Vec<String>) {
    match v {
        Value::String(s) if all => out.push(s.clone()),
        Value::Mapping(m) => {
            for (k, x) in m {
                easy_texts(x, all || k.as_str() == Some("easy"), out);
            }
        }
        Value::Sequence(xs) => xs.iter().for_each(|x| easy_texts(x, all, out)),
        _ => {}
    }
}

/// (file, texts) of every place やさしい日本語 is written in the repository.
fn easy_files() -> Vec<(String, Vec<String>)> {
    let root = repo();
    let mut files = Vec::new();
    for (rel, bytes) in tree(&root.join("content")) {
        let text = String::from_utf8(bytes).unwrap();
        let path = format!("content/{rel}");
        if rel.ends_with(".yaml") {
            let mut texts = Vec::new();
            easy_texts(&serde_yaml_ng::from_str(&text).unwrap(), false, &mut texts);
            files.push((path, texts));
        } else if rel.ends_with(".easy.md") {
            files.push((path, vec![text]));
        }
    }
    for (rel, all) in [
        ("site.yaml", false),
        ("themes/default/i18n/easy.yaml", true),
    ] {
        let text = fs::read_to_string(root.join(rel)).unwrap();
        let mut texts = Vec::new();
        easy_texts(&serde_yaml_ng::from_str(&text).unwrap(), all, &mut texts);
        files.push((rel.to_string(), texts));
    }
    files
}

#[test]
fn every_kanji_in_easy_japanese_has_its_reading() {
    let files = easy_files();
    let texts: usize = files.iter().map(|f| f.1.len()).sum();
    assert!(texts > 300, "only {texts} やさしい日本語 texts found");
    // Every Markdown page a parent reaches from the footer is written in やさしい日本語 too,
    // so each of them is held to the rule.
    for page in ["system", "about", "privacy"] {
        let file = format!("content/pages/{page}.easy.md");
        assert!(
            files.iter().any(|f| f.0 == file),
            "the {page} page is written in やさしい日本語 ({file})"
        );
    }
    let found: Vec<String> = files
        .iter()
        .flat_map(|(file, texts)| {
            texts
                .iter()
                .flat_map(|t| problems(t))
                .map(move |p| format!("{file}: {p}"))
        })
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The text a reader would see of `markdown` with literal `**` left in it: CommonMark
/// closes `**` only after a letter, or before a space or punctuation, so
/// `**{支援|しえん}**です` prints its asterisks (the `}` is punctuation, `で` a letter).
fn stray_bold_marks(markdown: &str) -> Option<String> {
    let mut seen = String::new();
    for event in pulldown_cmark::Parser::new(markdown) {
        match event {
            pulldown_cmark::Event::Text(t) => seen.push_str(&t),
            _ => seen.push('\n'),
        }
    }
    seen.lines().find(|l| l.contains("**")).map(str::to_string)
}

#[test]
fn bold_in_easy_japanese_is_bold() {
    let found: Vec<String> = easy_files()
        .iter()
        .flat_map(|(file, texts)| {
            texts
                .iter()
                .filter_map(|t| stray_bold_marks(t))
                .map(move |line| format!("{file}: `**` printed as is in \"{line}\""))
        })
        .collect();
    assert!(
        found.is_empty(),
        "end the bold after kana, e.g. `**1{{次|じ}}{{支援|しえん}}の ところ**です`:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_a_bare_kanji_and_a_reading_that_is_not_kana() {
    assert!(stray_bold_marks("**{相談|そうだん}する ところ**です").is_none());
    assert!(stray_bold_marks("しくみでは、**1{次|じ}{支援|しえん}**です").is_some());
    assert!(problems("{相談|そうだん}できます").is_empty());
    assert!(
        problems("{name}さん、{n}こ").is_empty(),
        "placeholders are not ruby"
    );
    assert!(problems("{y}{年|ねん}").is_empty());
    assert_eq!(problems("{y}年").len(), 1);
    assert_eq!(problems("一{度|ど}").len(), 1);
    assert_eq!(problems("{相談|sodan}").len(), 1);
    assert_eq!(problems("{相談|}").len(), 1);
}
