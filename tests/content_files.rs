//! Files under `content/` as they come from careless or hostile hands: symbolic links,
//! names Windows cannot hold or that collide by case, and a broken record many others
//! refer to. Each is one clear error at the file, and the previous output stays as it was.

mod common;
use common::*;
use std::fs;
use std::path::Path;

/// Builds the mini site, applies `change`, builds again and returns the second build's
/// exit code and stderr, after checking a failed build left the first output untouched.
fn rebuild_after(change: impl FnOnce(&Path)) -> (Option<i32>, String) {
    let site = fixture("mini");
    let out = site.path().join("public");
    let first = build(site.path(), &out);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = tree(&out);
    change(site.path());
    let second = build(site.path(), &out);
    if !second.status.success() {
        assert!(tree(&out) == before, "a failed build changed the output");
    }
    (second.status.code(), stderr(&second))
}

fn error_lines(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.contains(": error: ")).collect()
}

fn move_out(root: &Path, rel: &str, to: &Path) {
    fs::rename(root.join(rel), to).unwrap();
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_load_like_files() {
    use std::os::unix::fs::symlink;
    let (code, err) = rebuild_after(|r| {
        // A record file linked from a folder of the site.
        fs::create_dir_all(r.join("shared")).unwrap();
        move_out(
            r,
            "content/agencies/center.yaml",
            &r.join("shared/center.yaml"),
        );
        symlink(
            "../../shared/center.yaml",
            r.join("content/agencies/center.yaml"),
        )
        .unwrap();
        // A whole record folder linked.
        move_out(r, "content/stages", &r.join("shared/stages"));
        symlink("../shared/stages", r.join("content/stages")).unwrap();
    });
    assert_eq!(code, Some(0), "{err}");
}

#[cfg(unix)]
#[test]
fn links_leaving_the_site_are_errors_naming_the_link() {
    use std::os::unix::fs::symlink;
    let elsewhere = tempfile::tempdir().unwrap();
    let e = elsewhere.path().to_path_buf();
    let (code, err) = rebuild_after(|r| {
        move_out(r, "content/agencies/center.yaml", &e.join("center.yaml"));
        symlink(
            e.join("center.yaml"),
            r.join("content/agencies/center.yaml"),
        )
        .unwrap();
        move_out(r, "content/stages", &e.join("stages"));
        symlink(e.join("stages"), r.join("content/stages")).unwrap();
    });
    assert_eq!(code, Some(1), "{err}");
    let file_link = format!(
        "content/agencies/center.yaml:1:1: error: this is a symbolic link to `{}`, which is outside the site folder",
        e.join("center.yaml").display()
    );
    assert!(err.contains(&file_link), "{err}");
    let dir_link = format!(
        "content/stages:1:1: error: this is a symbolic link to `{}`, which is outside the site folder",
        e.join("stages").display()
    );
    assert!(err.contains(&dir_link), "{err}");
    assert!(err.contains("copy the file or folder here"), "{err}");
}

#[test]
fn windows_device_names_are_not_ids() {
    let (code, err) = rebuild_after(|r| {
        fs::copy(
            r.join("content/agencies/center.yaml"),
            r.join("content/agencies/con.yaml"),
        )
        .unwrap();
        fs::copy(
            r.join("content/pages/about.ja.md"),
            r.join("content/pages/com1.ja.md"),
        )
        .unwrap();
    });
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("content/agencies/con.yaml:1:1: error: the id `con` (the file name) is a device name that Windows reserves"), "{err}");
    assert!(
        err.contains("content/pages/com1.ja.md:1:1: error: the id `com1`"),
        "{err}"
    );
    assert!(err.contains("e.g. `con-sodan`"), "{err}");
    assert_eq!(error_lines(&err).len(), 2, "{err}");
}

#[test]
fn names_differing_only_by_case_collide() {
    let (code, err) = rebuild_after(|r| {
        fs::copy(
            r.join("content/agencies/center.yaml"),
            r.join("content/agencies/Center.yaml"),
        )
        .unwrap();
    });
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("content/agencies/Center.yaml:1:1: error: this file's name differs only by case from `content/agencies/center.yaml`"), "{err}");
    assert_eq!(error_lines(&err).len(), 1, "{err}");
}

#[test]
fn a_broken_record_is_one_error_not_one_per_reference() {
    // `center` is referred to by a program, a network and two stages.
    let (code, err) = rebuild_after(|r| {
        let p = r.join("content/agencies/center.yaml");
        let text = fs::read_to_string(&p).unwrap();
        fs::write(&p, text.replace("tier: tertiary", "tier: [tertiary")).unwrap();
    });
    assert_eq!(code, Some(1), "{err}");
    let errors = error_lines(&err);
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with("content/agencies/center.yaml:"),
        "{err}"
    );
    assert!(err.contains("build failed: 1 error(s)"), "{err}");
}
