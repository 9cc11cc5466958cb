//! A sharded index must rank exactly as the single-file one: builds the same synthetic
//! records both ways and runs the real client (under Node) over queries whose prefix
//! expansion crosses shard boundaries, comparing names, scores and result counts.

mod common;

use madoguchi::model::Lang;
use madoguchi::search::{Doc, Sharding, index_files_for, records};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn ja() -> Lang {
    Lang::intern("ja").unwrap()
}
fn en() -> Lang {
    Lang::intern("en").unwrap()
}
fn vi() -> Lang {
    Lang::intern("vi").unwrap()
}

/// 1,500 records from the shipped ones: names and descriptions recombined deterministically.
fn synthetic(lang: Lang) -> (madoguchi::search::Vocab, Vec<Doc>) {
    let (content, diags) = madoguchi::check(&common::repo());
    let content = content.unwrap_or_else(|| panic!("shipped content has errors: {diags:?}"));
    let ui = madoguchi::i18n::for_site(&common::repo(), &content).expect("shipped words load");
    let (vocab, real) = records::collect(&content, lang, &ui);
    let n = real.len();
    let docs = (0..1500)
        .map(|i| {
            let mut d = real[i % n].clone();
            d.id = format!("{}-{i}", d.id);
            d.name = format!("{} {}", d.name, real[(i * 7 + 3) % n].name);
            d.description = format!(
                "{}\n{}",
                real[(i * 13 + 1) % n].description,
                real[(i * 5 + 2) % n].description
            );
            d.resolve(&vocab)
        })
        .collect();
    (vocab, docs)
}

/// The shipped thesaurus, so queries are expanded the way the site expands them.
fn thesaurus() -> madoguchi::search::Thesaurus {
    madoguchi::search::thesaurus::load(&common::repo(), &Default::default()).0
}

fn write(dir: &Path, lang: Lang, opts: &Sharding) -> std::path::PathBuf {
    let (vocab, docs) = synthetic(lang);
    for f in index_files_for(lang, &vocab, &thesaurus(), &docs, opts) {
        let p = dir.join(&f.rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, f.bytes).unwrap();
    }
    dir.join(format!("assets/search-{}.js", lang.code()))
}

/// `…/search-ja/s3.js`, not a display chunk or the manifest.
fn is_shard(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    name.starts_with('s') && name[1..].starts_with(|c: char| c.is_ascii_digit())
}

fn run(manifest: &Path, queries: &[&str]) -> Vec<Value> {
    let args = ["--files", "--top", "10"].map(std::ffi::OsStr::new);
    let mut all = vec![manifest.as_os_str()];
    all.extend(args);
    common::node_json("top.mjs", &all, &queries)
}

#[test]
fn sharded_and_single_file_indexes_rank_identically() {
    let cases: [(Lang, &[&str]); 3] = [
        (
            ja(),
            &[
                "支援",
                "発",
                "こ",
                "児相",
                "北区 健診",
                "じそう",
                "ｼﾞｿｳ",
                "発達 相談",
                "ペアトレ",
                "1歳半",
                "療育センター",
                "し",
            ],
        ),
        (
            en(),
            &[
                "support",
                "co",
                "ch",
                "su",
                "kita ward ch",
                "kita c",
                "parent training",
                "dev",
                "centre",
                "after-school day",
                "con",
            ],
        ),
        // Words typed with diacritics also need the shards of their spellings.
        (
            vi(),
            &[
                "chậm nói",
                "chăm",
                "tư vấn",
                "tu van",
                "hội",
                "khám sức khoẻ",
                "nơi",
                "trẻ em ở",
                "th",
            ],
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    for (lang, queries) in cases {
        let one = Sharding {
            threshold: usize::MAX,
            ..Sharding::default()
        };
        // Tiny shards and chunks, so prefixes span several shards and results many chunks.
        let many = Sharding {
            threshold: 0,
            shard_bytes: 4_000,
            chunk_docs: 7,
        };
        let a = run(&write(&tmp.path().join("one"), lang, &one), queries);
        let b = run(&write(&tmp.path().join("many"), lang, &many), queries);
        let mut most_shards = 0;
        for ((q, x), y) in queries.iter().zip(&a).zip(&b) {
            assert_eq!(x["files"].as_array().unwrap().len(), 1, "{q}: one file");
            assert!(
                x["count"].as_u64().unwrap() > 0,
                "[{lang:?}] {q}: no results"
            );
            for k in ["names", "scores", "count"] {
                assert_eq!(x[k], y[k], "[{lang:?}] {q}: {k} differ");
            }
            let shards = y["files"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| is_shard(f.as_str().unwrap()))
                .count();
            most_shards = most_shards.max(shards);
        }
        assert!(
            most_shards >= 3,
            "[{lang:?}] no query crossed shard boundaries (at most {most_shards} shards)"
        );
    }
}

/// The page's own loading code (start() with a stand-in DOM) fetches shards and display
/// chunks with <script> elements and lists the same results the scoring client ranks.
#[test]
fn the_page_loads_the_shards_a_query_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let many = Sharding {
        threshold: 0,
        shard_bytes: 4_000,
        chunk_docs: 7,
    };
    let manifest = write(tmp.path(), ja(), &many);
    let shards = std::fs::read_dir(tmp.path().join("assets/search-ja"))
        .unwrap()
        .count();
    let q = "北区 健診";
    let expected = run(&manifest, &[q]);
    let out = Command::new("node")
        .arg(common::repo().join("tests/search/page.mjs"))
        .arg(&manifest)
        .arg(q)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names = got["names"].as_array().unwrap();
    assert!(names.len() >= 10, "too few results shown: {got}");
    assert_eq!(names[..10], expected[0]["names"].as_array().unwrap()[..]);
    let loaded = got["loaded"].as_array().unwrap();
    assert!(
        loaded.len() > 2 && loaded.len() < shards / 4,
        "loaded {} of {shards} files: {got}",
        loaded.len()
    );
    // Each result shown has its kind and snippet, whose texts come from text chunks loaded
    // only for the results shown: one per chunk of result lines.
    let named = |part: &str| {
        loaded
            .iter()
            .filter(|f| {
                let name = f.as_str().unwrap().rsplit('/').next().unwrap();
                name.starts_with(part) && name[1..].starts_with(|c: char| c.is_ascii_digit())
            })
            .count()
    };
    assert!(named("t") > 0 && named("t") == named("d"), "{got}");
    assert!(named("t") <= names.len(), "{got}");
    for item in got["items"].as_array().unwrap() {
        let tags: Vec<&str> = item
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x[0].as_str().unwrap())
            .collect();
        assert!(tags.contains(&"span") && tags.contains(&"p"), "{item}");
    }
}
