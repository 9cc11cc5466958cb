//! Builds the shipped site and runs the real browser client (under Node) against the built
//! index files: for each query in queries.json, a record whose name contains one of the
//! expected texts must be among the first three results.

mod common;

use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Query {
    lang: String,
    q: String,
    expect: Vec<String>,
}

fn top3(index: &Path, queries: &[&str]) -> Vec<Vec<String>> {
    common::node_json("top.mjs", &[index.as_os_str()], &queries)
}

fn fold(s: &str) -> String {
    madoguchi::search::tokenize::normalize(s)
}

fn check(out: &Path, queries: &[Query]) -> Vec<String> {
    let mut failures = Vec::new();
    for lang in ["ja", "en"] {
        let qs: Vec<&Query> = queries.iter().filter(|q| q.lang == lang).collect();
        let texts: Vec<&str> = qs.iter().map(|q| q.q.as_str()).collect();
        let got = top3(&out.join(format!("assets/search-{lang}.js")), &texts);
        for (q, names) in qs.iter().zip(got) {
            let hit = names
                .iter()
                .any(|n| q.expect.iter().any(|e| fold(n).contains(&fold(e))));
            if !hit {
                failures.push(format!(
                    "[{lang}] {:?}: expected a name containing {:?}, top 3 were {names:?}",
                    q.q, q.expect
                ));
            }
        }
    }
    failures
}

#[test]
fn expected_records_rank_in_the_top_three() {
    let repo = common::repo();
    let out = tempfile::tempdir().unwrap();
    let o = common::build(&repo, &out.path().join("site"));
    assert!(o.status.success(), "build failed: {}", common::stderr(&o));
    let site = out.path().join("site");
    // The shared list when this checkout sits next to it, and the copy kept in the repo.
    let mut files = vec![repo.join("tests/search/queries.json")];
    let shared = repo.join("../shared/search/queries.json");
    if shared.is_file() {
        files.push(shared);
    }
    let mut failures = Vec::new();
    for f in files {
        let queries: Vec<Query> = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        assert!(queries.len() >= 10, "{}: too few queries", f.display());
        failures.extend(check(&site, &queries));
    }
    // Whole-record AND: the ward is in one field, the checkup in another.
    let both = top3(
        &site.join("assets/search-ja.js"),
        &["北区 健診", "じそう", "ｼﾞｿｳ"],
    );
    assert!(
        both[0].iter().any(|n| n.contains("健診")),
        "北区 健診 → {:?}",
        both[0]
    );
    assert_eq!(
        both[1].first().map(String::as_str),
        Some("児童相談所"),
        "じそう → {:?}",
        both[1]
    );
    assert_eq!(
        both[1], both[2],
        "half-width katakana must search like hiragana"
    );
    // 障がい児相談支援 contains the bigram 児相 in its name; the exact alias must win.
    let jisou = top3(&site.join("assets/search-ja.js"), &["児相", "qzxv"]);
    assert_eq!(
        jisou[0].first().map(String::as_str),
        Some("児童相談所"),
        "児相 → {:?}",
        jisou[0]
    );
    assert!(
        jisou[1].is_empty(),
        "a word found nowhere must find nothing: {:?}",
        jisou[1]
    );
    assert!(
        failures.is_empty(),
        "{} queries missed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
