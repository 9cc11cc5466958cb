//! Record kinds are described once (`model::Kind`, and each record type's `RecordData`):
//! the stages that treat records alike (validation, freshness, search, open data) read
//! every kind through `Content::records`, so none can be left out.

mod common;
use common::*;
use madoguchi::model::Kind;
use madoguchi::search::records::{SECTION_PRIORS, SECTIONS};
use std::fs;

#[test]
fn every_kind_is_listed_once_and_read_from_its_folder() {
    let site = fixture("mini");
    let (content, diags) = madoguchi::load::load(site.path());
    let content = content.expect("the mini fixture loads");
    assert!(!diags.has_errors(), "{diags:?}");
    for (i, kind) in Kind::ALL.into_iter().enumerate() {
        assert_eq!(kind.index(), i, "{kind:?}");
        assert_eq!(Kind::named(kind.name()), Some(kind));
        assert_eq!(SECTIONS[i], kind.dir());
        assert!(SECTION_PRIORS[i] > 0.0, "{kind:?} has no search prior");
        let records: Vec<_> = content.records_of(kind).collect();
        assert!(!records.is_empty(), "no {} read", kind.name());
        for r in &records {
            assert_eq!(r.kind, kind);
            let folder = std::path::Path::new("content").join(kind.dir());
            assert!(r.src.path.starts_with(&folder), "{:?}", r.src.path);
            assert!(!r.about.verified_on.is_empty());
        }
    }
    let all = content.records().count();
    let by_kind: usize = Kind::ALL
        .map(|k| content.records_of(k).count())
        .iter()
        .sum();
    assert_eq!(all, by_kind);
}

/// The first record file of `kind` in the mini fixture, relative to the site root.
fn first_file(root: &std::path::Path, kind: Kind) -> String {
    let dir = root.join("content").join(kind.dir());
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    format!("content/{}/{}", kind.dir(), names[0])
}

#[test]
fn validation_and_freshness_read_every_kind() {
    for kind in Kind::ALL {
        let site = fixture("mini");
        let root = site.path();
        let file = first_file(root, kind);
        edit(
            root,
            &file,
            "verified_on: 2024-01-26",
            "verified_on: 2024-13-40",
        );
        let out = madoguchi(&["check", "--root", root.to_str().unwrap()]);
        let text = stderr(&out) + &String::from_utf8_lossy(&out.stdout);
        assert!(!out.status.success(), "{kind:?}: {text}");
        assert!(
            text.contains(&file) && text.contains("`verified_on` is not a valid date"),
            "{kind:?}: the bad date in {file} is not reported:\n{text}"
        );
        // A long-past date is a stale record, whatever its kind.
        edit(
            root,
            &file,
            "verified_on: 2024-13-40",
            "verified_on: 2001-01-01",
        );
        let out = madoguchi(&["check", "--root", root.to_str().unwrap()]);
        let text = stderr(&out) + &String::from_utf8_lossy(&out.stdout);
        let stale = format!("this {} was last verified on 2001-01-01", kind.name());
        assert!(text.contains(&stale), "{kind:?}: not stale:\n{text}");
    }
}

/// Parents read an agency's places (their names, their opening hours) on its page and on
/// the checkup handouts, so `check` counts and lists them as texts to translate.
#[test]
fn an_agencys_places_are_texts_to_translate() {
    use madoguchi::model::RecordData;
    let (content, _) = madoguchi::load::load(&repo());
    let content = content.expect("the shipped site loads");
    let mut places = 0;
    for agency in &content.agencies {
        let texts = agency.data.about().texts;
        let listed = |t: &madoguchi::model::Localized| {
            texts
                .iter()
                .any(|(_, listed)| listed.is_some_and(|l| std::ptr::eq(l, t)))
        };
        for place in &agency.data.locations {
            places += 1;
            assert!(listed(&place.name), "{}: {:?}", agency.id, place.name);
            if let Some(hours) = &place.hours {
                assert!(listed(&hours.text), "{}: {:?}", agency.id, hours.text);
            }
        }
    }
    assert!(
        places >= 6,
        "the shipped site has the five ward offices and more"
    );
}

#[test]
fn a_record_is_found_by_its_id_in_any_kind() {
    let site = fixture("mini");
    let content = madoguchi::load::load(site.path())
        .0
        .expect("the mini fixture loads");
    for r in content.records() {
        let found = content.record(r.id).expect(r.id);
        assert_eq!((found.kind, found.id), (r.kind, r.id));
        assert!(std::ptr::eq(found.src, r.src), "{}", r.id);
        assert!(std::ptr::eq(found.about.review, r.about.review), "{}", r.id);
    }
    assert!(content.record("no-such-record").is_none());
}
