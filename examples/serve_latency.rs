//! Time from saving one record to the rebuilt page being served by `madoguchi serve`, for
//! the shipped content. Run: `cargo run --release --example serve_latency`.
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

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    copy(&repo.join("content"), &dir.path().join("content"));
    copy(&repo.join("themes"), &dir.path().join("themes"));
    let server = start(dir.path(), 0).unwrap();
    let record = dir.path().join("content/agencies/ku-hoken-kodomo-ka.yaml");
    let page = "/agencies/ku-hoken-kodomo-ka/index.html";
    let original = std::fs::read_to_string(&record).unwrap();
    let mut times = Vec::new();
    for i in 0..20 {
        let marker = format!("bench-{i}");
        let edited = original.replacen("source: ", &format!("source: {marker} "), 1);
        std::thread::sleep(Duration::from_millis(30));
        let saved = Instant::now();
        std::fs::write(&record, edited).unwrap();
        loop {
            if http_get(server.addr, page).unwrap().1.contains(&marker) {
                break;
            }
            assert!(
                saved.elapsed() < Duration::from_secs(10),
                "the edit never appeared"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        times.push(saved.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save → rebuilt page served over HTTP, shipped content, {} runs: median {:.0} ms, p90 {:.0} ms, max {:.0} ms (target < 200 ms)",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1])
    );
}
