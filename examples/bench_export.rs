//! Time and size of the open data exports (`madoguchi::export::files`) of a site, e.g. a
//! synthetic one:
//!
//!     cargo run --release --example synth -- --records 50000 --out /dev/shm/s50000
//!     cargo run --release --example bench_export -- /dev/shm/s50000 [--runs 3]
//!
//! Prints the load time (for scale), the median export time over the runs, and each file's
//! size. `MADOGUCHI_TIMINGS`-style peak memory: run it under `/usr/bin/time -f "%M KB"`.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(
        args.first()
            .expect("usage: bench_export SITE_DIR [--runs N]"),
    );
    let runs: usize = match args.get(1).map(String::as_str) {
        Some("--runs") => args.get(2).and_then(|n| n.parse().ok()).expect("--runs N"),
        _ => 3,
    };
    let started = Instant::now();
    let (content, diags) = madoguchi::check(&root);
    let content = content.unwrap_or_else(|| panic!("{diags:?}"));
    println!(
        "load + validate: {:.2} s ({} agencies, {} programs, {} networks)",
        started.elapsed().as_secs_f64(),
        content.agencies.len(),
        content.programs.len(),
        content.networks.len()
    );
    let ui = madoguchi::i18n::for_site(&root, &content).expect("interface words");
    let mut times = Vec::new();
    let mut files = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        files = madoguchi::export::files(&content, &ui, Some("https://example.jp/"), &[])
            .expect("exports");
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "export: median {:.2} s of {runs} runs {times:.2?}",
        times[runs / 2]
    );
    for f in &files {
        println!("{:>12} B  {}", f.bytes.len(), f.rel);
    }
}
