//! `serve`'s incremental rebuild: after an edited record, re-rendering only what it touches
//! gives exactly the files a full build of the same content gives.

mod common;
use common::*;
use madoguchi::BuildError;
use madoguchi::incremental::{Files, Session};
use std::fs;
use std::path::Path;

fn full(root: &Path) -> Files {
    let mut s = Session::new(root);
    s.rebuild_all().unwrap();
    s.files().clone()
}

/// Paths whose bytes differ, or that only one side has.
fn differences(a: &Files, b: &Files) -> Vec<String> {
    let mut out: Vec<String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(b.keys().filter(|k| !a.contains_key(*k)).cloned());
    out.sort();
    out
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) -> std::path::PathBuf {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    fs::write(&path, text.replace(from, to)).unwrap();
    path
}

#[test]
fn edited_records_rerender_only_what_they_touch_and_match_a_full_build() {
    let site = fixture("mini");
    let root = site.path();
    let mut session = Session::new(root);
    let first = session.rebuild_all().unwrap();
    assert!(!first.incremental);

    // A program's name shows on its operator's page, lists, stages and the search index.
    let p = edit(
        root,
        "content/programs/parent-training.yaml",
        "ペアレントトレーニング",
        "ペアトレ教室",
    );
    let u = session.update(&[p]).unwrap();
    assert!(u.incremental);
    assert!(
        u.pages < first.pages,
        "{} of {} pages",
        u.pages,
        first.pages
    );
    assert!(
        differences(session.files(), &full(root)).is_empty(),
        "{:?}",
        differences(session.files(), &full(root))
    );
    let center =
        String::from_utf8_lossy(&session.files()["agencies/center/index.html"]).into_owned();
    assert!(
        center.contains("ペアトレ教室"),
        "the operator's page shows the new name"
    );

    // An agency leaving a network: the network page (which no longer lists it) changes.
    let n = edit(
        root,
        "content/networks/kita-net.yaml",
        "members: [ward-office, center]",
        "members: [center]",
    );
    let a = edit(
        root,
        "content/agencies/ward-office.yaml",
        "区役所 保健こども課",
        "区役所 こども課",
    );
    let u = session.update(&[n, a]).unwrap();
    assert!(u.incremental);
    assert!(
        differences(session.files(), &full(root)).is_empty(),
        "{:?}",
        differences(session.files(), &full(root))
    );
    let office =
        String::from_utf8_lossy(&session.files()["agencies/ward-office/index.html"]).into_owned();
    assert!(
        !office.contains("networks/kita-net/"),
        "the agency page drops the network"
    );

    // An agency's new name shows on the pages linking to it: its program, its network.
    let c = edit(
        root,
        "content/agencies/center.yaml",
        "こども発達支援センター",
        "こども発達センター",
    );
    let u = session.update(&[c]).unwrap();
    assert!(u.incremental);
    assert!(
        differences(session.files(), &full(root)).is_empty(),
        "{:?}",
        differences(session.files(), &full(root))
    );
    let program = String::from_utf8_lossy(&session.files()["programs/parent-training/index.html"])
        .into_owned();
    assert!(
        program.contains("こども発達センター"),
        "the program names its operator"
    );
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_the_next_good_one_recovers() {
    let site = fixture("mini");
    let root = site.path();
    let mut session = Session::new(root);
    session.rebuild_all().unwrap();
    let before = session.files().clone();
    let p = edit(
        root,
        "content/programs/parent-training.yaml",
        "operator: center",
        "operator: centre",
    );
    match session.update(std::slice::from_ref(&p)) {
        Err(BuildError::Content(d)) => {
            let text = d.errors().map(|e| e.to_string()).collect::<String>();
            assert!(
                text.contains("content/programs/parent-training.yaml:5:"),
                "{text}"
            );
        }
        other => panic!("expected a content error, got {other:?}"),
    }
    assert!(differences(session.files(), &before).is_empty());
    edit(
        root,
        "content/programs/parent-training.yaml",
        "operator: centre",
        "operator: center",
    );
    session.update(&[p]).unwrap();
    assert!(differences(session.files(), &before).is_empty());
}

#[test]
fn changes_beyond_one_record_rebuild_everything() {
    let site = fixture("mini");
    let root = site.path();
    let mut session = Session::new(root);
    session.rebuild_all().unwrap();
    let s = edit(root, "site.yaml", "Test City Guide", "Test City Directory");
    assert!(!session.update(&[s]).unwrap().incremental);
    let added = root.join("content/agencies/new-window.yaml");
    fs::copy(root.join("content/agencies/center.yaml"), &added).unwrap();
    let u = session.update(&[added]).unwrap();
    assert!(!u.incremental, "a new record changes which pages exist");
    assert!(
        session
            .files()
            .contains_key("agencies/new-window/index.html")
    );
    assert!(differences(session.files(), &full(root)).is_empty());
}
