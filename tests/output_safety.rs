//! `build --out` replaces only what a build wrote: an empty or new folder, or one carrying
//! the `.madoguchi-output` marker. Every other target (the sources, the home folder, a
//! file, someone's folder) is refused with a message, a non-zero exit, and nothing touched.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn build_args(root: &Path, out: &str, home: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    cmd.args(["build", "--root", root.to_str().unwrap(), "--out", out]);
    if let Some(home) = home {
        cmd.env("HOME", home);
    }
    cmd.output().expect("run madoguchi")
}

/// Builds into `out` (relative to the site root, as a user types it) and checks the build
/// was refused with `expected` in its message and the whole site folder left as it was.
fn refused(site: &Path, out: &str, expected: &str) {
    let before = tree(site);
    let o = build_args(site, out, None);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "`--out {out}` was not refused: {err}"
    );
    assert!(err.contains("refusing to write to"), "{err}");
    assert!(err.contains(expected), "`--out {out}`: {err}");
    assert!(
        tree(site) == before,
        "`--out {out}` changed the site folder"
    );
}

#[test]
fn refuses_the_sources_and_the_site_root() {
    let site = fixture("mini");
    for out in [
        "content",
        "content/",
        "themes/",
        "content/agencies",
        "themes/default",
    ] {
        refused(site.path(), out, "the site's sources");
    }
    refused(site.path(), "site.yaml", "the site's sources");
    refused(site.path(), ".", "the site root or contains it");
    let root = site.path().to_str().unwrap();
    refused(site.path(), root, "the site root or contains it");
    let parent = site.path().parent().unwrap().to_str().unwrap();
    refused(site.path(), parent, "the site root or contains it");
}

#[test]
fn refuses_the_home_folder_and_what_holds_it() {
    let site = fixture("mini");
    let homes = tempfile::tempdir().unwrap();
    let home = homes.path().join("user");
    fs::create_dir_all(&home).unwrap();
    // An empty home folder would otherwise be accepted as an empty output folder.
    for out in [&home, homes.path()] {
        let o = build_args(site.path(), out.to_str().unwrap(), Some(&home));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("your home folder"), "{err}");
    }
    assert!(home.is_dir() && fs::read_dir(&home).unwrap().next().is_none());
}

#[test]
fn refuses_a_folder_holding_someone_elses_files() {
    let site = fixture("mini");
    let photos = site.path().join("photos");
    fs::create_dir_all(photos.join("2024")).unwrap();
    fs::write(
        photos.join("birthday.jpg"),
        [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3],
    )
    .unwrap();
    fs::write(photos.join("2024/trip.png"), b"\x89PNG\r\n").unwrap();
    fs::write(photos.join(".hidden"), "mine").unwrap();
    let before = tree(&photos);
    refused(
        site.path(),
        "photos/",
        "holds files madoguchi did not write",
    );
    assert!(tree(&photos) == before, "someone's files changed");
    assert_eq!(before.len(), 3);
}

#[test]
fn refuses_a_file_and_a_symbolic_link() {
    let site = fixture("mini");
    fs::write(site.path().join("notes.txt"), "keep me").unwrap();
    refused(site.path(), "notes.txt", "it is a file");
    #[cfg(unix)]
    {
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("a.txt"), "keep me").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), site.path().join("linked")).unwrap();
        refused(site.path(), "linked", "symbolic link");
        assert_eq!(
            fs::read_to_string(elsewhere.path().join("a.txt")).unwrap(),
            "keep me"
        );
    }
}

#[test]
fn replaces_an_earlier_build_and_fills_an_empty_folder() {
    let site = fixture("mini");
    let out = site.path().join("public");
    fs::create_dir_all(&out).unwrap();
    for _ in 0..2 {
        let o = build(site.path(), &out);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(out.join(".madoguchi-output").is_file(), "no marker");
        assert!(out.join("index.html").is_file());
    }
    // A failed build leaves the earlier output, marker included, byte for byte.
    let before = tree(&out);
    fs::write(site.path().join("content/agencies/center.yaml"), "name: [").unwrap();
    let o = build(site.path(), &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(tree(&out) == before, "a failed build changed the output");
}

/// The id of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn sweeps_staging_folders_of_killed_builds_only() {
    let site = fixture("mini");
    let out = site.path().join("public");
    let staging = |name: String| {
        let p = site.path().join(name);
        fs::create_dir_all(p.join("agencies")).unwrap();
        fs::write(p.join("agencies/index.html"), "half written").unwrap();
        p
    };
    let killed = staging(format!(".public.tmp-{}", dead_pid()));
    let running = staging(format!(".public.tmp-{}", std::process::id()));
    let not_ours = [
        staging(".public.tmp-12x".into()),
        staging(".other.tmp-1".into()),
        staging("public.tmp-1".into()),
    ];
    let o = build(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!killed.exists(), "the killed build's staging folder stays");
    assert!(running.join("agencies/index.html").is_file());
    for p in not_ours {
        assert!(p.join("agencies/index.html").is_file(), "{}", p.display());
    }
}
