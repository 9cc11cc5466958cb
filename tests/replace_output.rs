//! Replacing a big output: the build returns once the new site is in place and a detached
//! `madoguchi remove-old-output` deletes the old one; it deletes nothing else.

mod common;
use common::*;
use std::fs;
use std::time::{Duration, Instant};

/// The mini fixture with enough agencies for over 5,000 output files.
fn big_site() -> tempfile::TempDir {
    let site = fixture("mini");
    for i in 0..2_600 {
        let yaml = format!(
            "name: {{ja: 窓口{i:04}, en: Window {i:04}}}\nkana: まどぐち{i:04}\ntier: primary\nkind: {{ja: 相談, en: Consultation}}\nservice_areas: [kita]\naudiences: [parents]\nstages: [infancy]\ndescription:\n  ja: 相談を受けます。\napplication_process: {{ja: 電話してください。, en: Call.}}\nsource: テスト資料\nverified_on: 2024-01-26\n"
        );
        fs::write(
            site.path().join(format!("content/agencies/w{i:04}.yaml")),
            yaml,
        )
        .unwrap();
    }
    site
}

fn set_aside(dir: &std::path::Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

#[test]
fn replacing_a_big_output_leaves_no_old_folder_behind() {
    let site = big_site();
    let out = site.path().join("public");
    for _ in 0..2 {
        let o = build(site.path(), &out);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(
        out.join("agencies/w0001/index.html").is_file(),
        "the new site is in place"
    );
    let started = Instant::now();
    while !set_aside(site.path()).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the old output was never removed: {:?}",
            set_aside(site.path())
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_remover_deletes_only_folders_a_build_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("content");
    fs::create_dir_all(&precious).unwrap();
    let o = madoguchi(&["remove-old-output", precious.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not an old output folder"),
        "{}",
        stderr(&o)
    );
    assert!(precious.is_dir());
    let old = dir.path().join(".public.old-42");
    fs::create_dir_all(old.join("agencies/x")).unwrap();
    fs::write(old.join("agencies/x/index.html"), "old").unwrap();
    let o = madoguchi(&["remove-old-output", old.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!old.exists());
}
