//! Time from saving one record to the rebuilt page being served by `madoguchi serve`, for
//! the shipped content. Run: `cargo run --release --example serve_latency`.
//! For a synthetic site (issue 7's N = 10,000 case), pass a site root and a record id:
//! `cargo run --release --example serve_latency -- /tmp/synth10k agency-000001` (the site is
//! copied first; the original is not touched).
//!
//! The browser's reload script polls every 200 ms on top of this, so a reader sees the
//! change within this time plus at most 200 ms.

use madoguchi::serve::{http_get, start};
use std::path::Path;
use std::time::{Duration, Instant};

fn copy(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// `record` with `marker` at the start of its first Japanese text (the name, shown on the
/// record's page), inside its quotes if it has them.
fn with_marker(record: &str, marker: &str) -> String {
    let at = record.find("ja: ").expect("the record has a Japanese name") + "ja: ".len();
    let at = at + usize::from(record[at..].starts_with('"'));
    format!("{}{marker} {}", &record[..at], &record[at..])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (root, id, label) = match args.as_slice() {
        [root, id] => (Path::new(root), id.as_str(), format!("site {root}")),
        _ => (repo, "ku-hoken-kodomo-ka", "shipped content".to_string()),
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    copy(&root.join("content"), &dir.path().join("content"));
    copy(&root.join("themes"), &dir.path().join("themes"));
    let server = start(dir.path(), 0).unwrap();
    let record = dir.path().join(format!("content/agencies/{id}.yaml"));
    let page = format!("/agencies/{id}/index.html");
    let page = page.as_str();
    let original = std::fs::read_to_string(&record).unwrap();
    let mut times = Vec::new();
    let runs = if args.is_empty() { 20 } else { 5 };
    for i in 0..runs {
        let marker = format!("bench-{i}");
        let edited = with_marker(&original, &marker);
        // A person saves at most about once a second; the search index is rebuilt behind
        // each edited page meanwhile.
        std::thread::sleep(Duration::from_millis(1000));
        let saved = Instant::now();
        std::fs::write(&record, edited).unwrap();
        loop {
            if http_get(server.addr, page).unwrap().1.contains(&marker) {
                break;
            }
            assert!(
                saved.elapsed() < Duration::from_secs(120),
                "the edit never appeared"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        times.push(saved.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save → rebuilt page served over HTTP, {label}, {} runs: median {:.0} ms, p90 {:.0} ms, max {:.0} ms (target < 200 ms)",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1])
    );
}
