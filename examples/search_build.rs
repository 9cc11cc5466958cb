//! Search index build cost: loads the site at DIR and runs `search::index_files` once,
//! printing wall time, peak RSS (VmHWM) after loading and after indexing, and the bytes and
//! files written per language, with a checksum of all of them to compare builds.
//!
//!     cargo run --release --example search_build -- DIR

use madoguchi::search;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

/// Peak resident set size so far, in MB (Linux only; 0 elsewhere).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// FNV-1a, 64 bits: a stable checksum without another dependency.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x100_0000_01b3);
    }
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: search_build DIR (a site root)"),
    );
    let start = Instant::now();
    let (content, diags) = madoguchi::load::load(&dir);
    let Some(content) = content else {
        panic!("{} could not be loaded: {diags:?}", dir.display());
    };
    let records = content.agencies.len()
        + content.programs.len()
        + content.networks.len()
        + content.stages.len();
    println!(
        "load           {:>8.2} s  peak RSS {:>7.0} MB  records {records}",
        start.elapsed().as_secs_f64(),
        peak_rss_mb()
    );

    let start = Instant::now();
    let ui = madoguchi::i18n::for_site(&dir, &content).expect("interface words");
    let files = search::index_files(&content, &ui);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "index_files    {secs:>8.2} s  peak RSS {:>7.0} MB",
        peak_rss_mb()
    );

    // Per language (assets/search-<lang>…): files and bytes.
    let mut per_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut sorted: Vec<_> = files.iter().collect();
    sorted.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut hash = 0xcbf2_9ce4_8422_2325;
    for f in sorted {
        let lang = f
            .rel
            .strip_prefix("assets/search-")
            .map(|r| r.split(['/', '.']).next().unwrap_or(r))
            .unwrap_or(&f.rel)
            .to_string();
        let e = per_lang.entry(lang).or_default();
        e.0 += 1;
        e.1 += f.bytes.len();
        fnv(&mut hash, f.rel.as_bytes());
        fnv(&mut hash, &f.bytes);
    }
    for (lang, (n, bytes)) in &per_lang {
        println!("  {lang:<4} {n:>6} files  {bytes:>12} bytes");
    }
    println!("  checksum (FNV-1a over names and bytes) {hash:016x}");
}
