//! Build benchmark: synthetic sites of N records, madoguchi vs Hugo, with the copy floor.
//!
//!     cargo build --release --bins --examples
//!     cargo run --release --example bench_build -- [--sizes 1000,10000,50000] [--runs 3] [--work DIR] [--out-dir DIR]
//!
//! Prints, per N: median wall time, peak RSS (GNU time), pages, output bytes, search index
//! bytes (raw/gzip) per language, the time `cp -r` takes for the same output (the floor), and
//! Hugo's time and peak RSS on the equivalent workload from ../shared/bench when `hugo` is
//! installed (`apt-get install hugo`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Run {
    secs: f64,
    rss_kb: u64,
}

/// Runs `cmd` under GNU time and returns wall seconds and peak RSS.
fn timed(cmd: &mut Command) -> Run {
    let rss_file = std::env::temp_dir().join(format!("bench-rss-{}", std::process::id()));
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let start = Instant::now();
    let status = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run /usr/bin/time (apt-get install time)");
    let secs = start.elapsed().as_secs_f64();
    assert!(status.success(), "command failed: {cmd:?}");
    let rss_kb = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.lines().last()?.trim().parse().ok())
        .unwrap_or(0);
    Run { secs, rss_kb }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Files, HTML pages and bytes under `dir`.
fn dir_bytes(dir: &Path) -> (usize, usize, u64) {
    let mut n = 0;
    let mut pages = 0;
    let mut bytes = 0;
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            n += 1;
            pages += usize::from(e.path().extension().is_some_and(|x| x == "html"));
            bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    (n, pages, bytes)
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().len()
}

fn main() {
    let mut sizes = vec![1000usize, 10_000, 50_000];
    let mut runs = 3usize;
    let mut work = PathBuf::from("target/bench-build");
    // Where both tools write their output (default: beside the sites in --work). On a
    // shared virtual disk, writing 100,000 files varies several-fold from run to run;
    // `--out-dir /dev/shm/bench` measures the generators themselves.
    let mut out_dir: Option<PathBuf> = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--sizes", Some(v)) => {
                sizes = v
                    .split(',')
                    .map(|s| s.parse().expect("--sizes 1000,10000"))
                    .collect()
            }
            ("--runs", Some(v)) => runs = v.parse().expect("--runs N"),
            ("--work", Some(v)) => work = PathBuf::from(v),
            ("--out-dir", Some(v)) => out_dir = Some(PathBuf::from(v)),
            _ => panic!("usage: --sizes 1000,10000,50000 --runs 3 --work DIR [--out-dir DIR]"),
        }
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("target"));
    let bin = target.join("release/madoguchi");
    let synth = target.join("release/examples/synth");
    assert!(
        bin.exists() && synth.exists(),
        "run `cargo build --release --bins --examples` first"
    );
    let hugo = Command::new("hugo")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    let generator = repo.join("../shared/bench/gen_ssg_workload.py");
    std::fs::create_dir_all(&work).unwrap();
    println!(
        "machine: {} cores; {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        first_line("/proc/cpuinfo", "model name")
    );

    for n in sizes {
        let site = work.join(format!("site-{n}"));
        let outs = out_dir.clone().unwrap_or_else(|| work.clone());
        std::fs::create_dir_all(&outs).unwrap();
        let out = outs.join(format!("out-{n}"));
        let hugo_out = outs.join(format!("hugo-public-{n}"));
        let status = Command::new(&synth)
            .args(["--records", &n.to_string(), "--out"])
            .arg(&site)
            .status()
            .unwrap();
        assert!(status.success());
        let hsite = work.join(format!("hugo-{n}"));
        if hugo {
            let status = Command::new("python3")
                .arg(&generator)
                .arg(n.to_string())
                .arg("--out")
                .arg(&hsite)
                .args(["--only", "hugo"])
                .status()
                .unwrap();
            assert!(status.success());
        }
        // Both tools build into an empty folder after the disk has settled, and their runs
        // alternate, so a noisy shared disk slows both alike.
        let (mut times, mut rss) = (Vec::new(), 0);
        let (mut htimes, mut hrss) = (Vec::new(), 0);
        for _ in 0..runs {
            clear(&out);
            let r = timed(
                Command::new(&bin)
                    .arg("build")
                    .arg("--root")
                    .arg(&site)
                    .arg("--out")
                    .arg(&out),
            );
            times.push(r.secs);
            rss = rss.max(r.rss_kb);
            if hugo {
                clear(&hugo_out);
                let r = timed(
                    Command::new("hugo")
                        .args(["--quiet", "-s"])
                        .arg(hsite.join("hugo"))
                        .arg("-d")
                        .arg(&hugo_out),
                );
                htimes.push(r.secs);
                hrss = hrss.max(r.rss_kb);
            }
        }
        let (files, pages, bytes) = dir_bytes(&out);
        let floor_dir = outs.join(format!("floor-{n}"));
        clear(&floor_dir);
        let floor = timed(Command::new("cp").arg("-r").arg(&out).arg(&floor_dir));
        clear(&floor_dir);
        let t = median(times.clone());
        clear(&hugo_out);
        println!(
            "N={n:>6}: madoguchi median {t:.2} s over {runs} runs {times:.2?}, peak RSS {} MB, {pages} pages, {files} files, {:.1} MB; copy floor {:.2} s",
            rss / 1024,
            bytes as f64 / 1e6,
            floor.secs
        );
        for lang in ["ja", "en"] {
            let mut raw = 0;
            let mut gz = 0;
            for e in walkdir::WalkDir::new(out.join("assets"))
                .into_iter()
                .filter_map(Result::ok)
            {
                // The manifest `search-<lang>.js` and, on big sites, its shards and chunks in
                // `search-<lang>/`.
                let rel = e
                    .path()
                    .strip_prefix(out.join("assets"))
                    .unwrap_or(e.path());
                let first = rel
                    .components()
                    .next()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .unwrap_or_default();
                if e.file_type().is_file()
                    && (first == format!("search-{lang}.js") || first == format!("search-{lang}"))
                {
                    let b = std::fs::read(e.path()).unwrap();
                    raw += b.len();
                    gz += gzip_len(&b);
                }
            }
            println!(
                "          search index {lang} (all files): {raw} bytes raw, {gz} bytes gzip ({:.0} B/record gzip)",
                gz as f64 / n as f64
            );
        }
        if hugo {
            let ht = median(htimes.clone());
            println!(
                "          hugo median {ht:.2} s {htimes:.2?}, peak RSS {} MB; madoguchi/hugo time {:.2}, memory {:.2}",
                hrss / 1024,
                t / ht,
                rss as f64 / hrss.max(1) as f64
            );
        } else {
            println!("          hugo not installed (apt-get install hugo) — no comparison");
        }
    }
}

/// Removes `dir` (and what a build set aside beside it) and waits for the disk to write
/// back, so the next timed run starts from the same state.
fn clear(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    if let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) {
        let aside = format!(".{}.", name.to_string_lossy());
        for e in std::fs::read_dir(parent).into_iter().flatten().flatten() {
            if e.file_name().to_string_lossy().starts_with(&aside) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let _ = Command::new("sync").status();
}

fn first_line(path: &str, key: &str) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or("")
        .to_string()
}
