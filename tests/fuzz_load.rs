//! A bounded fuzz run of load + validate (`madoguchi::check`, in-process) over mutations
//! of the shipped content: byte flips, truncations, inserted hostile snippets and deep
//! nesting. A fixed seed and a fixed number of cases, so every run (and CI) tries the
//! same inputs; it asserts no panic and no case running longer than `CASE_SECONDS`.
//!
//! An input that fails is written to the temp folder named in the failure message; copy
//! it into `tests/fuzz_regressions/` (`.yaml` for a record, `.md` for a page) with a first
//! line naming the error it must give, and `regressions_stay_fixed` runs it from then on.

mod common;
use common::rng::Rng;
use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// About 10 ms of CPU each in release: 20 s alone, up to a minute on a busy 2-core machine.
const CASES: usize = 2000;
const SEED: u64 = 0x6d61_646f_6775_6368;
/// Far above what any case takes (milliseconds): a case this slow is a hang.
const CASE_SECONDS: u64 = 20;

const SNIPPETS: &[&str] = &[
    "*a",
    "&a ",
    "&a [x, *a]",
    "<<: *a\n",
    "[[[[",
    "]]",
    "{",
    "}",
    ": ",
    "- ",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "!!binary ",
    "!<tag:x> ",
    "\"",
    "'",
    "|\n",
    ">-\n",
    "\t",
    "\r",
    "\r\n",
    "\0",
    "\u{1b}[2J",
    "\"\\e\"",
    "\"\\0\"",
    "\"\\u202E\"",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{fffe}",
    "\u{85}",
    "//evil.example/",
    "\\\\evil.example/",
    "/\\evil.example/",
    "[x](//evil.example/)",
    "<a href=\"\\\\evil\">",
    "javascript:alert(1)",
    "<div>",
    "</div>",
    "> > > > ",
    "<script>",
    "&#0;",
    "]]>",
    "ja: ",
    "en: ",
    "ref: ",
    "verified_on: 2024-02-30",
    "\u{3000}",
    "😀",
    "\n  ",
    "\n- ",
    "#",
    "~",
    "null",
    "0x1F",
    "1e400",
    "-.inf",
];

/// A mutation of `orig`, one to three edits deep.
fn mutate(rng: &mut Rng, orig: &[u8]) -> Vec<u8> {
    let mut b = orig.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(b.len() + 1);
        match rng.below(8) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 => b.truncate(at),
            2 => {
                let end = (at + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            3 => {
                // Deep or long repetitions of a snippet: nesting, huge lists, long text.
                let s = SNIPPETS[rng.below(SNIPPETS.len())];
                let times = [10, 100, 1000, 50_000][rng.below(4)];
                let at = char_boundary(&b, at);
                b.splice(at..at, s.repeat(times).into_bytes());
            }
            4 => {
                // A line repeated: duplicate keys and list entries.
                let text = String::from_utf8_lossy(&b).into_owned();
                let lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let line = lines[rng.below(lines.len())];
                    let at = char_boundary(&b, at);
                    b.splice(at..at, format!("\n{line}\n").into_bytes());
                }
            }
            _ => {
                let s = SNIPPETS[rng.below(SNIPPETS.len())];
                let at = char_boundary(&b, at);
                b.splice(at..at, s.bytes());
            }
        }
    }
    b
}

/// `at`, moved back to the start of a UTF-8 character (most edits keep text valid UTF-8,
/// so they reach the parser rather than the encoding check).
fn char_boundary(b: &[u8], mut at: usize) -> usize {
    at = at.min(b.len());
    while at > 0 && at < b.len() && (b[at] & 0xc0) == 0x80 {
        at -= 1;
    }
    at
}

/// The shipped site (site.yaml and content/) copied into a temp folder.
fn shipped_copy() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![PathBuf::from("site.yaml")];
    fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    for e in walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(repo()).unwrap().to_path_buf();
        if e.file_type().is_dir() {
            fs::create_dir_all(dir.path().join(&rel)).unwrap();
        } else {
            fs::copy(e.path(), dir.path().join(&rel)).unwrap();
            files.push(rel);
        }
    }
    files.sort();
    (dir, files)
}

/// Runs load + validate on `root` in a thread: the number of errors, or `Err` on a panic or a hang.
fn check_bounded(root: &Path) -> Result<usize, String> {
    let (tx, rx) = mpsc::channel();
    let root = root.to_path_buf();
    let worker = std::thread::spawn(move || {
        let (_, diags) = madoguchi::check(&root);
        tx.send(diags.errors().count()).ok();
    });
    match rx.recv_timeout(Duration::from_secs(CASE_SECONDS)) {
        Ok(n) => {
            worker.join().ok();
            Ok(n)
        }
        Err(_) => match worker.join() {
            Err(_) => Err("panicked".into()),
            Ok(()) => Err(format!("ran longer than {CASE_SECONDS} s")),
        },
    }
}

#[test]
fn load_and_validate_never_panic_or_hang_on_mutated_content() {
    let (dir, files) = shipped_copy();
    let root = dir.path();
    assert_eq!(check_bounded(root), Ok(0), "the shipped content has errors");
    let mut rng = Rng(SEED);
    let mut refused = 0;
    for case in 0..CASES {
        let rel = &files[rng.below(files.len())];
        let path = root.join(rel);
        let orig = fs::read(&path).unwrap();
        let mutated = mutate(&mut rng, &orig);
        fs::write(&path, &mutated).unwrap();
        match check_bounded(root) {
            Ok(n) => refused += usize::from(n > 0),
            Err(why) => {
                let keep = std::env::temp_dir().join(format!(
                    "fuzz-case-{case}.{}",
                    rel.extension().and_then(|e| e.to_str()).unwrap_or("yaml")
                ));
                fs::write(&keep, &mutated).unwrap();
                panic!(
                    "case {case} ({}) {why}; the input is {}",
                    rel.display(),
                    keep.display()
                );
            }
        }
        fs::write(&path, &orig).unwrap();
    }
    println!("fuzz: {CASES} cases of load + validate, {refused} refused with errors, 0 panics");
}

/// Every kept input, as a record or a page of the mini fixture: no panic, no hang, and the
/// error its first line names (`# expect: LINE:COLUMN words of the message`; in a page that
/// line is the title) at that position.
#[test]
fn regressions_stay_fixed() {
    let dir = repo().join("tests/fuzz_regressions");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "md"))
        .collect();
    cases.sort();
    assert!(
        !cases.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    for case in &cases {
        let text = fs::read_to_string(case).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| {
                panic!(
                    "{}: first line must be `# expect: L:C message`",
                    case.display()
                )
            });
        let (at, words) = expect.split_once(' ').unwrap();
        let site = fixture("mini");
        let dest = if case.extension().is_some_and(|e| e == "md") {
            "content/pages/fuzz-case.ja.md"
        } else {
            "content/agencies/fuzz-case.yaml"
        };
        fs::write(site.path().join(dest), &text).unwrap();
        let (tx, rx) = mpsc::channel();
        let root = site.path().to_path_buf();
        std::thread::spawn(move || tx.send(madoguchi::check(&root).1).ok());
        let diags = rx
            .recv_timeout(Duration::from_secs(CASE_SECONDS))
            .unwrap_or_else(|e| panic!("{}: panicked or hung ({e})", case.display()));
        let found = diags.errors().any(|d| {
            d.file.ends_with(dest)
                && format!("{}:{}", d.line, d.column) == at
                && d.message.contains(words)
        });
        let shown: Vec<String> = diags.errors().map(|d| d.to_string()).collect();
        assert!(
            found,
            "{}: no error `{expect}` in {shown:#?}",
            case.display()
        );
    }
}
