//! `madoguchi new`: a commented skeleton that never overwrites and, until its placeholders
//! are filled, fails `check` with errors pointing at each one.

mod common;
use common::*;
use std::fs;
use std::path::Path;

fn new(root: &Path, kind: &str, id: &str) -> std::process::Output {
    madoguchi(&["new", kind, id, "--root", root.to_str().unwrap()])
}

fn check(root: &Path) -> std::process::Output {
    madoguchi(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2024-06-01",
    ])
}

/// Replaces each placeholder line's value with one the mini fixture accepts.
fn fill(text: &str) -> String {
    text.lines()
        .map(|line| {
            let Some(at) = line
                .find(": ")
                .filter(|_| line.contains("★要記入") && !line.trim_start().starts_with('#'))
            else {
                return line.to_string();
            };
            let key = line[..at].trim().trim_start_matches("- ");
            let value = match key {
                "kana" => "てすと",
                "tier" => "primary",
                "service_areas" => "[citywide]",
                "audiences" => "[parents]",
                "stages" => "[infancy]",
                "verified_on" => "2024-01-26",
                "operator" | "ref" => "center",
                "members" => "[center]",
                "ward" => "kita",
                _ => "テスト",
            };
            format!("{}: {value}", &line[..at])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fresh_skeletons_fail_check_at_each_placeholder_and_pass_once_filled() {
    let site = fixture("mini");
    for (kind, dir) in [
        ("agency", "agencies"),
        ("program", "programs"),
        ("network", "networks"),
        ("stage", "stages"),
    ] {
        let id = format!("new-{kind}");
        let o = new(site.path(), kind, &id);
        assert!(o.status.success(), "{}", stderr(&o));
        if kind == "stage" {
            // As the skeleton's first comment says: a stage is also listed in site.yaml.
            let yaml = site.path().join("site.yaml");
            fs::write(
                &yaml,
                fs::read_to_string(&yaml).unwrap().replace(
                    "stages: [infancy, school]",
                    "stages: [infancy, school, new-stage]",
                ),
            )
            .unwrap();
        }
        let path = site
            .path()
            .join("content")
            .join(dir)
            .join(format!("{id}.yaml"));
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("# Source:") && text.contains("# 出典"),
            "comments in both languages:\n{text}"
        );

        let o = check(site.path());
        assert!(!o.status.success(), "an unfilled {kind} must not pass");
        let err = stderr(&o);
        let first = text
            .lines()
            .position(|l| l.contains("★要記入") && !l.starts_with('#'))
            .unwrap()
            + 1;
        let shown = format!("content/{dir}/{id}.yaml:{first}:");
        assert!(
            err.contains(&shown) && err.contains("placeholder still to be filled in"),
            "expected {shown} in:\n{err}"
        );

        fs::write(&path, fill(&text)).unwrap();
        let o = check(site.path());
        assert!(
            o.status.success(),
            "filled {kind} should pass:\n{}\n{}",
            fill(&text),
            stderr(&o)
        );
    }
}

#[test]
fn refuses_to_overwrite_and_refuses_bad_ids() {
    let site = fixture("mini");
    let center = site.path().join("content/agencies/center.yaml");
    let before = fs::read(&center).unwrap();
    let o = new(site.path(), "agency", "center");
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("already exists; nothing was written"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(&center).unwrap(), before);
    let o = new(site.path(), "program", "center");
    assert!(!o.status.success(), "ids are unique across kinds");
    assert!(!site.path().join("content/programs/center.yaml").exists());

    let o = new(site.path(), "agency", "Bad_Id");
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("may only use lowercase a-z, 0-9 and `-`"),
        "{}",
        stderr(&o)
    );
    assert!(!site.path().join("content/agencies/Bad_Id.yaml").exists());
}
