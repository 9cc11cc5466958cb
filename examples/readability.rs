//! Readability of a built site's pages in one language: sentence length, share of kanji
//! and kanji printed without furigana (the やさしい日本語 guidelines ask for short
//! sentences and furigana on kanji).
//!
//!     cargo run --release -- build --out /tmp/site
//!     cargo run --release --example readability -- /tmp/site easy/ [pages/system stages …]
//!
//! The second argument is the language's path prefix (`""` for the first language); the
//! others, when given, keep only pages whose path starts with one of them. Prints one line
//! per page and the totals.

use madoguchi::readability::{page_text, readability};
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(site), Some(prefix)) = (args.first(), args.get(1)) else {
        eprintln!("usage: readability SITE_DIR PREFIX [PATH_START…]");
        std::process::exit(2);
    };
    let root = Path::new(site).join(prefix);
    let wanted = &args[2..];
    let mut all = String::new();
    let mut bare_total = 0;
    println!("page\tsentences\tmean chars\tlongest\tkanji share\tkanji without furigana");
    for (rel, path) in pages(&root, prefix.is_empty()) {
        if !wanted.is_empty() && !wanted.iter().any(|w| rel.starts_with(w.as_str())) {
            continue;
        }
        let html = std::fs::read_to_string(&path).unwrap_or_default();
        let page = page_text(&html);
        let r = readability(&page.text);
        bare_total += page.bare_kanji.len();
        let sample: Vec<&str> = page.bare_kanji.iter().take(5).map(String::as_str).collect();
        println!(
            "{rel}\t{}\t{:.1}\t{}\t{:.1}%\t{} {}",
            r.sentences,
            r.mean_sentence,
            r.longest_sentence,
            r.kanji_share * 100.0,
            page.bare_kanji.len(),
            sample.join(" ")
        );
        all.push_str(&page.text);
        all.push('\n');
    }
    let r = readability(&all);
    println!(
        "total\t{}\t{:.1}\t{}\t{:.1}%\t{bare_total}",
        r.sentences,
        r.mean_sentence,
        r.longest_sentence,
        r.kanji_share * 100.0
    );
}

/// Every `index.html` under `root` by its folder path; for the first language (at the
/// site root) the other languages' folders, assets and data are left out.
fn pages(root: &Path, first: bool) -> Vec<(String, PathBuf)> {
    let mut found: Vec<(String, PathBuf)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .filter_map(|e| {
            let rel = e.path().parent()?.strip_prefix(root).ok()?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            Some((rel, e.into_path()))
        })
        .filter(|(rel, _)| !first || !is_other_language(root, rel))
        .collect();
    found.sort();
    found
}

/// True when `rel`'s first folder is another language's prefix (it has its own home page
/// and search page, as every language's folder does).
fn is_other_language(root: &Path, rel: &str) -> bool {
    let top = rel.split('/').next().unwrap_or("");
    !top.is_empty() && root.join(top).join("search/index.html").is_file()
}
