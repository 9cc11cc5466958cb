//! Helpers shared by the end-to-end tests: fixture sites in temporary folders, running the
//! real binary, and reading output trees.
#![allow(dead_code)]

pub mod rng;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A copy of `tests/fixtures/<name>` with the repository's theme, in a fresh temp folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    // The shipped theme first, so a fixture's own theme files (three-lang's vi.yaml) win.
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    dir
}

pub fn madoguchi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .output()
        .expect("run madoguchi")
}

/// `madoguchi check --root ROOT --format json EXTRA…`: whether it succeeded, and its diagnostics.
pub fn check_json(root: &Path, extra: &[&str]) -> (bool, Vec<serde_json::Value>) {
    let mut args = vec![
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let o = madoguchi(&args);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)));
    (o.status.success(), json.as_array().unwrap().clone())
}

pub fn build(root: &Path, out: &Path) -> Output {
    madoguchi(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// The shipped site (the repository's own content) built into a fresh temp folder with
/// `extra` build arguments; returns the folder (keep it alive) and the output path.
pub fn build_shipped(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let (root, out_arg) = (repo(), out.to_str().unwrap().to_string());
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--out", &out_arg];
    args.extend_from_slice(extra);
    let o = madoguchi(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, out)
}

/// Builds `root` into `root/public`, which must succeed; returns the output folder.
pub fn build_ok(root: &Path) -> PathBuf {
    let out = root.join("public");
    let o = build(root, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

/// A copy of the fixture `name` built into its `public/`: the folder (keep it alive) and
/// the output.
pub fn built_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = fixture(name);
    let out = build_ok(dir.path());
    (dir, out)
}

/// Builds `root` into `root/public`, which must fail with exit code 1 and write nothing;
/// returns the messages.
pub fn build_fails(root: &Path) -> String {
    let out = root.join("public");
    let o = build(root, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "the build should fail:\n{err}");
    assert!(!out.exists(), "a failed build writes nothing");
    err
}

/// The shipped site's content, loaded and validated (it must have no errors).
pub fn shipped_content() -> madoguchi::load::Content {
    let (content, diags) = madoguchi::check(&repo());
    content.unwrap_or_else(|| panic!("the shipped content has errors: {diags:?}"))
}

/// What the search page shows for `q` with the index `manifest`
/// (`assets/search-<code>.js`): tests/search/page.mjs runs search.js with a stand-in page.
pub fn search_page(manifest: &Path, q: &str) -> serde_json::Value {
    let out = Command::new("node")
        .arg(repo().join("tests/search/page.mjs"))
        .arg(manifest)
        .arg(q)
        .output()
        .expect("run node");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The file `rel` of the output folder `out`, as text.
pub fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Adds `text` at the end of the file `rel` of `root`.
pub fn append(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    let mut s = fs::read_to_string(&p).unwrap();
    s.push_str(text);
    fs::write(p, s).unwrap();
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Values of `attr="…"` in `html`.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Internal links of every HTML page that do not resolve to a file (or to an `id` in it).
pub fn broken_links(site: &Path) -> Vec<String> {
    let files = tree(site);
    let mut broken = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for target in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if target.contains(':') || target.starts_with("//") {
                continue; // external, mailto:, tel:
            }
            if path.ends_with("404.html") && target.starts_with("http") {
                continue;
            }
            let (file, frag) = target.split_once('#').unwrap_or((&target, ""));
            let resolved = if file.is_empty() {
                PathBuf::from(path)
            } else {
                normalize(&dir.join(file))
            };
            let key = resolved.to_string_lossy().replace('\\', "/");
            match files.get(&key) {
                None => broken.push(format!("{path}: {target}")),
                Some(b) if !frag.is_empty() => {
                    let t = String::from_utf8_lossy(b);
                    if !t.contains(&format!("id=\"{frag}\"")) {
                        broken.push(format!("{path}: {target} (no id `{frag}`)"));
                    }
                }
                _ => {}
            }
        }
    }
    broken
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("__outside__");
                }
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Runs a Node script of `tests/search/` with `args`, writes `input` as JSON to its stdin
/// and parses what it prints as JSON.
pub fn node_json<T: serde::de::DeserializeOwned>(
    script: &str,
    args: &[&std::ffi::OsStr],
    input: &impl serde::Serialize,
) -> T {
    use std::io::Write as _;
    let mut child = Command::new("node")
        .arg(repo().join("tests/search").join(script))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run node (install Node.js 18 or newer)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(input).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "node {script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Builds the good fixture, applies `break_it`, builds again, and returns stderr after
/// checking the failure left the first output untouched.
pub fn fails_keeping_output(break_it: impl FnOnce(&Path)) -> String {
    let site = fixture("mini");
    let out = site.path().join("public");
    let first = build(site.path(), &out);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = tree(&out);
    break_it(site.path());
    let second = build_bounded(site.path(), &out);
    let err = stderr(&second);
    assert!(
        !second.status.success(),
        "the broken build succeeded: {err}"
    );
    assert_eq!(second.status.code(), Some(1));
    assert!(
        tree(&out) == before,
        "a failed build changed the previous output"
    );
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
    err
}

pub fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// Seconds a build of hostile input may take before the test calls it a hang.
pub const HANG_SECONDS: u64 = 30;
/// Address space a build may use, so an input that makes it allocate gigabytes fails the
/// test instead of the machine (mimalloc and the threads reserve some up front).
pub const MEMORY_LIMIT: &str = "--as=4000000000";

/// `madoguchi args`, killed after `HANG_SECONDS` (a failed test, not a timed assertion:
/// the limit is ten times what any input takes) and run under `MEMORY_LIMIT` where
/// `prlimit` exists.
pub fn madoguchi_bounded(args: &[&str]) -> Output {
    use std::process::Stdio;
    let bin = env!("CARGO_BIN_EXE_madoguchi");
    let mut cmd = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        c.args([MEMORY_LIMIT, "--", bin]);
        c
    } else {
        Command::new(bin)
    };
    let mut child = cmd
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run madoguchi");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait for madoguchi").is_none() {
        if started.elapsed().as_secs() > HANG_SECONDS {
            child.kill().ok();
            panic!("madoguchi {args:?} ran for more than {HANG_SECONDS} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
        .wait_with_output()
        .expect("collect madoguchi's output")
}

pub fn build_bounded(root: &Path, out: &Path) -> Output {
    madoguchi_bounded(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// The shared read-only folder (seed document, contact facts, search queries):
/// `MADOGUCHI_SHARED` if set, else the first `shared/` beside the repository or one of its
/// parents (CI keeps it beside the checkout; a worktree may sit deeper).
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("MADOGUCHI_SHARED").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    repo()
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared"))
        .find(|d| d.join("facts").is_dir())
}

/// A copy of the shipped site (site.yaml, content, theme) in a fresh temp folder, to edit.
pub fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    for sub in ["content", "themes"] {
        copy_dir(&repo().join(sub), &dir.path().join(sub));
    }
    dir
}

/// A language as `root/site.yaml` declares it.
pub struct Language {
    pub code: String,
    /// What `lang` attributes print (default the code).
    pub tag: String,
    /// The output folder, `""` for the first language.
    pub prefix: String,
    /// `review: draft`.
    pub draft: bool,
}

/// The site's declared languages, in order, read from `root/site.yaml`.
pub fn site_languages(root: &Path) -> Vec<Language> {
    let site: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(&fs::read_to_string(root.join("site.yaml")).unwrap()).unwrap();
    let langs = site["languages"]
        .as_sequence()
        .expect("languages: in site.yaml");
    langs
        .iter()
        .map(|l| {
            let code = l["code"].as_str().unwrap().to_string();
            Language {
                tag: l["tag"].as_str().unwrap_or(&code).to_string(),
                prefix: l["prefix"].as_str().unwrap_or("").to_string(),
                draft: l["review"].as_str() == Some("draft"),
                code,
            }
        })
        .collect()
}

/// The ids of the stages marked `handout: true` in `root/content/stages/`.
pub fn handout_stages(root: &Path) -> Vec<String> {
    let dir = root.join("content/stages");
    let mut ids: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let stage: serde_yaml_ng::Value =
                serde_yaml_ng::from_str(&fs::read_to_string(p).unwrap()).unwrap();
            stage["handout"].as_bool() == Some(true)
        })
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}
