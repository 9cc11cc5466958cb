//! Search relevance: builds the site at DIR (default: this repository) into a temporary
//! folder and runs every relevance query — the shared list and the repository's queries in
//! parents' words, found by tests/search/queries.mjs — through the real browser client under
//! Node (tests/search/relevance.mjs). Prints each query that misses the top 3, then recall@3
//! and MRR (over the first 10 results) per language and overall.
//!
//!     cargo run --release --example search_relevance [-- DIR]

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = std::env::args().nth(1).map_or(repo.clone(), PathBuf::from);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("public");
    let built = madoguchi::build(&madoguchi::BuildOptions {
        root,
        out: out.clone(),
        base_url: None,
        pdf: false,
    });
    if let Err(e) = built {
        eprintln!("the site did not build:\n{e}");
        std::process::exit(1);
    }
    let o = Command::new("node")
        .arg(repo.join("tests/search/relevance.mjs"))
        .arg(&out)
        .output()
        .expect("run node (install Node.js 18 or newer)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: Value = serde_json::from_slice(&o.stdout).expect("JSON from relevance.mjs");
    for q in report["queries"].as_array().into_iter().flatten() {
        let rank = q["rank"].as_u64().unwrap_or(0);
        if rank == 0 || rank > 3 {
            println!(
                "miss  [{} {}] {} → rank {rank}, top 3 {}",
                q["file"], q["lang"], q["q"], q["top3"]
            );
        }
    }
    let langs = report["langs"].as_object().into_iter().flatten();
    for (key, s) in langs.chain([(&"all".to_string(), &report["all"])]) {
        println!(
            "{key:<4} queries {:>3}  recall@3 {:.3}  MRR {:.3}",
            s["queries"],
            s["recall3"].as_f64().unwrap_or(0.0),
            s["mrr"].as_f64().unwrap_or(0.0)
        );
    }
}
