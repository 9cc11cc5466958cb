//! Builds the shipped site and runs the real browser client (under Node) against the built
//! index files: every query of the shared list and of the repository's query files
//! (tests/search/queries-*.json; tests/search/queries.mjs finds them all) must have an expected record among its first
//! three results, above any record its `below` names; and what a result shows, the ranking rules, "did you mean" and the
//! thesaurus across languages are checked on the page's own code.

mod common;

use madoguchi::search::tokenize::tables;
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Deserialize, Debug)]
struct Row {
    file: String,
    lang: String,
    q: String,
    expect: Vec<String>,
    rank: usize,
    below: usize,
    top3: Vec<String>,
}

#[derive(Deserialize)]
struct Report {
    queries: Vec<Row>,
}

fn top3(index: &Path, queries: &[&str]) -> Vec<Vec<String>> {
    common::node_json("top.mjs", &[index.as_os_str()], &queries)
}

/// What the search page shows for `q` (tests/search/page.mjs).
fn page(site: &Path, lang: &str, q: &str) -> Value {
    common::search_page(&site.join(format!("assets/search-{lang}.js")), q)
}

/// The repository's query files, tests/search/queries-*.json.
fn own_query_files() -> Vec<std::path::PathBuf> {
    let dir = common::repo().join("tests/search");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("queries-") && name.ends_with(".json")
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 2,
        "queries-parents.json and queries-en.json at least"
    );
    files
}

#[test]
fn expected_records_rank_in_the_top_three() {
    let (_dir, site) = common::build_shipped(&[]);
    let report: Report = common::node_json("relevance.mjs", &[site.as_os_str()], &());
    for (file, at_least) in [("queries.json", 10), ("queries-parents.json", 30)] {
        let n = report.queries.iter().filter(|q| q.file == file).count();
        assert!(
            n >= at_least,
            "{file}: {n} queries, want {at_least} or more"
        );
    }
    // Every query file of the repository is run, whoever added it.
    for own in own_query_files() {
        let name = own.file_name().unwrap().to_string_lossy().into_owned();
        let written: Vec<Value> = serde_json::from_slice(&std::fs::read(&own).unwrap()).unwrap();
        let run = report.queries.iter().filter(|q| q.file == name).count();
        assert_eq!(run, written.len(), "{name}: {run} of its queries were run");
    }
    let failures: Vec<String> = report
        .queries
        .iter()
        .filter(|q| q.rank == 0 || q.rank > 3 || (q.below > 0 && q.below < q.rank))
        .map(|q| {
            format!(
                "[{} {}] {:?}: expected a name containing {:?} (rank {}, a record it must \
                 precede at {}), top 3 were {:?}",
                q.file, q.lang, q.q, q.expect, q.rank, q.below, q.top3
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} queries missed:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Whole-record AND: the ward is in one field, the checkup in another.
    let ja = site.join("assets/search-ja.js");
    let both = top3(&ja, &["北区 健診", "じそう", "ｼﾞｿｳ"]);
    assert!(
        both[0].iter().any(|n| n.contains("健診")),
        "北区 健診 → {:?}",
        both[0]
    );
    assert_eq!(both[1].first().map(String::as_str), Some("児童相談所"));
    assert_eq!(
        both[1], both[2],
        "half-width katakana must search like hiragana"
    );
    // A Japanese name on the English site finds the record.
    let en = top3(
        &site.join("assets/search-en.js"),
        &["児童相談所", "保健こども課"],
    );
    assert_eq!(
        en[0].first().map(String::as_str),
        Some("Child Guidance Center")
    );
    assert_eq!(
        en[1].first().map(String::as_str),
        Some("Health and Children's Division at each ward office")
    );
    // 障がい児相談支援 contains the bigram 児相 in its name; the exact alias must win.
    let jisou = top3(&ja, &["児相", "qzxv"]);
    assert_eq!(jisou[0].first().map(String::as_str), Some("児童相談所"));
    assert!(jisou[1].is_empty(), "a word found nowhere: {:?}", jisou[1]);
}

/// A general worry leads first to a first-contact window or a stage page, not a tier-3
/// centre; a tier-3 centre's exact name still puts it first.
#[test]
fn first_contact_windows_rank_above_specialist_centres() {
    let (_dir, site) = common::build_shipped(&[]);
    for (lang, general, exact) in [
        ("ja", "発達の相談", "発達障がい者支援センター"),
        ("en", "development", "Child Guidance Center"),
        (
            "en",
            "child development",
            "Kumamoto City Children's Development Support Center",
        ),
    ] {
        let shown = page(&site, lang, general);
        let first = &shown["items"][0];
        let meta = first.as_array().unwrap().iter().find(|x| x[0] == "span");
        let meta = meta.map(|x| x[1].as_str().unwrap()).unwrap_or("");
        assert!(
            !meta.contains("3次") && !meta.contains("Tier 3"),
            "{general:?}: first result is tier 3: {first}"
        );
        let exact_first = top3(&site.join(format!("assets/search-{lang}.js")), &[exact]);
        assert_eq!(exact_first[0].first().map(String::as_str), Some(exact));
    }
}

/// A result shows kind, tier in words, wards or "citywide", and a snippet whose matched
/// words are <mark> elements holding text.
#[test]
fn results_show_what_a_parent_needs_to_judge_them() {
    let (_dir, site) = common::build_shipped(&[]);
    let shown = page(&site, "ja", "政令指定都市");
    let first = shown["items"][0].as_array().unwrap();
    let text = |tag: &str| -> Vec<&str> {
        first
            .iter()
            .filter(|x| x[0] == tag)
            .map(|x| x[1].as_str().unwrap())
            .collect()
    };
    assert_eq!(text("a"), ["児童相談所"]);
    let meta = text("span").join("");
    for part in ["3次支援", "市内全域", "児童福祉"] {
        assert!(meta.contains(part), "meta {meta:?} lacks {part}");
    }
    assert!(text("p").len() == 1, "one snippet paragraph: {first:?}");
    assert_eq!(text("mark"), ["政令指定都市"], "marked: {first:?}");
    // In English, a ward-office window lists its wards.
    let shown = page(&site, "en", "ward office");
    let meta = shown["items"][0][2][1].as_str().unwrap_or("");
    assert!(
        meta.contains("Tier 1") && meta.contains("Kita Ward"),
        "{meta}"
    );
}

/// No dead end: a misspelt query proposes a query that finds something, in the script the
/// parent typed, and the help with stage and ward links shows.
#[test]
fn no_result_offers_did_you_mean() {
    let (_dir, site) = common::build_shipped(&[]);
    for (lang, q, want) in [
        ("en", "parnet traning", "parent training"),
        ("ja", "ペアレントトレーニンク", "ペアレントトレーニン"),
    ] {
        let shown = page(&site, lang, q);
        assert_eq!(shown["names"], serde_json::json!([]), "{q}");
        assert_eq!(shown["none"], true, "{q}: no-result help hidden");
        let text = shown["suggest"]["text"].as_str().unwrap_or_default();
        assert!(
            text.ends_with(want),
            "{q}: suggestion {:?}",
            shown["suggest"]
        );
        let followed = page(&site, lang, want);
        assert!(!followed["names"].as_array().unwrap().is_empty());
    }
    let shown = page(&site, "ja", "qzxv");
    assert_eq!(
        shown["suggest"],
        Value::Null,
        "nothing close: no suggestion"
    );
    assert_eq!(shown["none"], true);
}

/// Snippets mark the matched words in the original text (half-width kana, markup-like text
/// kept as text), leave a lone bigram of a longer word plain, and cut long text around the
/// first match with "…".
#[test]
fn snippets_mark_matches_in_the_original_text() {
    let long = format!("{}ことばの遅れ{}", "あ".repeat(50), "い".repeat(100));
    let cases = [
        ("<b>ｺﾄﾊﾞ</b>の相談", "ことば"),
        ("歩くことと、ことば", "ことばの遅れ"),
        (long.as_str(), "ことばの遅れ"),
    ];
    let input = serde_json::json!({"tables": tables(), "cases": cases});
    let got: Vec<Vec<(String, bool)>> = common::node_json("snippet.mjs", &[], &input);
    let marked = |pieces: &[(String, bool)]| -> Vec<String> {
        pieces.iter().filter(|p| p.1).map(|p| p.0.clone()).collect()
    };
    let text =
        |pieces: &[(String, bool)]| -> String { pieces.iter().map(|p| p.0.as_str()).collect() };
    assert_eq!(marked(&got[0]), ["ｺﾄﾊﾞ"]);
    assert_eq!(text(&got[0]), "<b>ｺﾄﾊﾞ</b>の相談");
    assert_eq!(
        marked(&got[1]),
        ["ことば"],
        "こと of 歩くこと stays plain: {:?}",
        got[1]
    );
    assert_eq!(marked(&got[2]), ["ことばの遅れ"]);
    let shown = text(&got[2]);
    assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
    assert_eq!(shown.chars().filter(|&c| c != '…').count(), 90);
}

/// A word typed with diacritics is marked in snippets only where spelled as typed, by the
/// tokenizer's own spelling key (so khoẻ/khỏe are one), as ranking counts it; typed without,
/// every word folding to it is marked. The expected marks are derived from Rust's
/// `tokenize::{normalize, spelling, spellings}`, so both sides hold one definition.
#[test]
fn snippets_mark_words_spelled_as_typed() {
    use madoguchi::search::tokenize::{normalize, spelling, spellings, tokenize};
    let text = "Quầy nhận tư vấn từ gia đình. Bé CHẬM nói, chăm sóc; trẻ chậm, khoẻ và khỏe; vai trò hỗ trợ, trong.";
    let queries = [
        "chậm",
        "cham",
        "tư vấn",
        "khỏe",
        "chăm sóc trẻ chậm nói",
        "hỗ trợ",
        "ho tro",
    ];
    let cases: Vec<(&str, &str)> = queries.iter().map(|q| (text, *q)).collect();
    let input = serde_json::json!({"tables": tables(), "cases": cases});
    let got: Vec<Vec<(String, bool)>> = common::node_json("snippet.mjs", &[], &input);
    // Rust's answer: each word of the text that folds to a word of the query and, when the
    // query typed that word with diacritics, has one of the spellings typed.
    let expected = |q: &str| -> Vec<String> {
        let mut typed: Vec<(String, String)> = Vec::new();
        spellings(q, |key, folded| typed.push((folded.to_string(), key)));
        let words = tokenize(q);
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| {
                let folded = normalize(w);
                let keys: Vec<&String> = typed
                    .iter()
                    .filter(|t| t.0 == folded)
                    .map(|t| &t.1)
                    .collect();
                words.contains(&folded)
                    && (keys.is_empty() || keys.contains(&&spelling(&w.to_lowercase())))
            })
            .map(String::from)
            .collect()
    };
    let marked = |pieces: &[(String, bool)]| -> Vec<String> {
        pieces.iter().filter(|p| p.1).map(|p| p.0.clone()).collect()
    };
    // The last query, typed without diacritics, also marks "ho" inside "khoẻ" and "tro"
    // inside "trong": every folded match, as before; the others match whole words here.
    for (q, pieces) in queries.iter().zip(&got).take(queries.len() - 1) {
        assert_eq!(marked(pieces), expected(q), "{q:?}: {pieces:?}");
    }
    // What that means, spelled out: chăm and CHẬM are told apart, khoẻ and khỏe are not.
    assert_eq!(marked(&got[0]), ["CHẬM", "chậm"]);
    assert_eq!(marked(&got[1]), ["CHẬM", "chăm", "chậm"]);
    assert_eq!(marked(&got[2]), ["tư", "vấn"]);
    assert_eq!(marked(&got[3]), ["khoẻ", "khỏe"]);
    assert_eq!(
        marked(&got[4]),
        ["CHẬM", "nói", "chăm", "sóc", "trẻ", "chậm"]
    );
    assert_eq!(marked(&got[5]), ["hỗ", "trợ"]);
    assert_eq!(marked(&got[6]), ["ho", "hỏ", "trò", "hỗ", "trợ", "tro"]);
}

/// A query typed with diacritics ranks the records spelling its words so above those that
/// have them only once folded, even when those score higher; typed without, it finds all
/// as before; the tone's placement (khoẻ, khỏe) does not matter.
#[test]
fn words_typed_with_diacritics_rank_records_spelling_them_so_first() {
    use madoguchi::model::Lang;
    use madoguchi::search::{Doc, Sharding, Vocab, index_files_for};
    let doc = |name: &str, aliases: &str| Doc {
        id: name.to_lowercase().replace(' ', "-"),
        name: name.into(),
        aliases: aliases.into(),
        ..Doc::default()
    };
    let docs = [
        doc("Tu van", "tu van\ntu van tu van"),
        doc("Tự vận", ""),
        doc("Phòng tư vấn giáo dục", ""),
        doc("Khoe khoang", "khoe"),
        doc("Khám sức khỏe", ""),
    ];
    let lang = Lang::intern("vi").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = index_files_for(
        lang,
        &Vocab::default(),
        &Default::default(),
        &docs,
        &Sharding::default(),
    );
    for f in files {
        let p = dir.path().join(&f.rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, f.bytes).unwrap();
    }
    let queries = [
        "tư vấn",
        "tu van",
        "tự vận",
        "sức khoẻ",
        "khoẻ",
        "khoe",
        "tư vấn tự vận",
    ];
    let args = ["--files", "--top", "5"].map(std::ffi::OsStr::new);
    let manifest = dir.path().join("assets/search-vi.js");
    let mut all = vec![manifest.as_os_str()];
    all.extend(args);
    let got: Vec<Value> = common::node_json("top.mjs", &all, &queries);
    let names = |i: usize| -> Vec<&str> {
        got[i]["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect()
    };
    let scores = |i: usize| -> Vec<f64> {
        got[i]["scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_f64().unwrap())
            .collect()
    };
    // "Tu van" scores highest (its name and aliases), yet the record spelling both words as
    // typed comes first.
    assert_eq!(names(0), ["Phòng tư vấn giáo dục", "Tu van", "Tự vận"]);
    assert!(scores(0)[1] > scores(0)[0], "{:?}", got[0]);
    // Without diacritics all three are found, by score.
    let mut unmarked = names(1);
    assert_eq!(unmarked[0], "Tu van");
    unmarked.sort_unstable();
    assert_eq!(unmarked, ["Phòng tư vấn giáo dục", "Tu van", "Tự vận"]);
    assert_eq!(names(2)[0], "Tự vận");
    // The old and the new placement of the tone are one spelling.
    assert_eq!(names(3), ["Khám sức khỏe"]);
    assert_eq!(names(4), ["Khám sức khỏe", "Khoe khoang"]);
    assert_eq!(names(5).len(), 2, "{:?}", got[5]);
    // A word typed in two spellings counts either: only "Tu van" spells neither as typed.
    let mut both = names(6);
    assert_eq!(both.pop(), Some("Tu van"), "{:?}", got[6]);
    both.sort_unstable();
    assert_eq!(both, ["Phòng tư vấn giáo dục", "Tự vận"]);
}
