//! The review status of translations: a language's `review:` in site.yaml is the default
//! for its texts and interface words; a record overrides it per language
//! (`review: {vi: draft}`), a Markdown page in its front matter (`review: draft`). A page
//! shows `draft_notice` when any text it shows in its own language is a draft. Bad
//! statuses, undeclared languages and a status for the first language are errors.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const NOTICE: &str = "<p class=\"draft-notice\">";

/// The three-lang fixture (ja, en, vi) with Vietnamese marked `review: reviewed`.
fn reviewed_vi() -> tempfile::TempDir {
    let dir = fixture("three-lang");
    edit(
        dir.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [en], review: reviewed}",
    );
    dir
}

/// Each rendered HTML page with a `<main>` but the handouts, to whether it shows the notice.
fn notices(root: &Path) -> BTreeMap<String, bool> {
    tree(&build_ok(root))
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html") && !rel.contains("handouts/"))
        .map(|(rel, bytes)| (rel, String::from_utf8_lossy(&bytes).into_owned()))
        .filter(|(_, html)| html.contains("<main"))
        .map(|(rel, html)| (rel, html.contains(NOTICE)))
        .collect()
}

#[test]
fn a_draft_record_in_a_reviewed_language_marks_only_the_pages_showing_its_text() {
    let dir = reviewed_vi();
    let before = notices(dir.path());
    assert!(
        before.values().all(|shown| !shown),
        "a reviewed language with nothing marked draft shows no notice: {before:#?}"
    );
    append(
        dir.path(),
        "content/agencies/center.yaml",
        "review: {vi: draft}\n",
    );
    let after = notices(dir.path());
    // The center's Vietnamese name and text show on these pages.
    for rel in [
        "vi/agencies/center/index.html",
        "vi/agencies/index.html",
        "vi/programs/parent-training/index.html",
        "vi/networks/kita-net/index.html",
        "vi/stages/infancy/index.html",
        "vi/stages/school/index.html",
    ] {
        assert_eq!(after.get(rel), Some(&true), "{rel}");
    }
    // These show none of its text.
    for rel in [
        "vi/agencies/ward-office/index.html",
        "vi/wards/index.html",
        "vi/pages/about/index.html",
        "vi/audiences/index.html",
    ] {
        assert_eq!(after.get(rel), Some(&false), "{rel}");
    }
    // Other languages have their own status.
    let other: Vec<_> = (after.iter())
        .filter(|(rel, shown)| !rel.starts_with("vi/") && **shown)
        .collect();
    assert!(other.is_empty(), "{other:#?}");
}

#[test]
fn a_record_in_a_language_it_has_no_text_in_marks_nothing() {
    // The program has no Vietnamese text: its pages show English, which is not draft
    // Vietnamese.
    let dir = reviewed_vi();
    append(
        dir.path(),
        "content/programs/parent-training.yaml",
        "review: {vi: draft}\n",
    );
    let shown: Vec<_> = (notices(dir.path()).into_iter())
        .filter(|(_, shown)| *shown)
        .collect();
    assert!(shown.is_empty(), "{shown:#?}");
}

#[test]
fn a_draft_language_marks_every_page_even_beside_a_reviewed_record() {
    let dir = fixture("three-lang");
    edit(
        dir.path(),
        "site.yaml",
        "fallback: [en]}",
        "fallback: [en], review: draft}",
    );
    append(
        dir.path(),
        "content/agencies/center.yaml",
        "review: {vi: reviewed}\n",
    );
    // Its interface words are draft, and they are on every page.
    for (rel, shown) in notices(dir.path()) {
        assert_eq!(shown, rel.starts_with("vi/"), "{rel}");
    }
}

#[test]
fn a_markdown_page_marked_draft_shows_the_notice_alone() {
    let dir = reviewed_vi();
    fs::write(
        dir.path().join("content/pages/about.vi.md"),
        "---\nreview: draft\n---\n# Về trang này\n\nMột thử nghiệm.\n",
    )
    .unwrap();
    let n = notices(dir.path());
    assert_eq!(n.get("vi/pages/about/index.html"), Some(&true));
    let others: Vec<_> = (n.iter())
        .filter(|(rel, shown)| **shown && *rel != "vi/pages/about/index.html")
        .collect();
    assert!(others.is_empty(), "{others:#?}");
    // Its title still comes from the line after the front matter.
    let html = fs::read_to_string(dir.path().join("public/vi/pages/about/index.html")).unwrap();
    assert!(html.contains("Về trang này"), "{html}");
    assert!(!html.contains("review: draft"), "{html}");
}

/// Builds after `change` and returns the failed build's messages.
fn refused(change: impl FnOnce(&Path)) -> String {
    let dir = fixture("three-lang");
    change(dir.path());
    build_fails(dir.path())
}

#[test]
fn bad_review_entries_are_errors_at_their_position() {
    let center = "content/agencies/center.yaml";
    let err = refused(|r| append(r, center, "review: {vi: drafted}\n"));
    assert!(
        err.contains(
            "content/agencies/center.yaml:15:14: error: review: `review: drafted` is not a review status"
        ),
        "{err}"
    );
    assert!(err.contains("write `review: draft`"), "{err}");

    let err = refused(|r| append(r, center, "review:\n  fr: draft\n"));
    assert!(
        err.contains("content/agencies/center.yaml:16:3: error: `review:` names `fr`, which site.yaml does not declare"),
        "{err}"
    );

    let err = refused(|r| append(r, center, "review:\n  ja: reviewed\n"));
    assert!(
        err.contains("content/agencies/center.yaml:16:3: error: `review:` gives a status to `ja`, the site's first language"),
        "{err}"
    );
    assert!(err.contains("remove `ja:` from `review:`"), "{err}");

    let page = "content/pages/about.vi.md";
    let err = refused(|r| {
        fs::write(r.join(page), "---\nreview: checked\n---\n# Về\n").unwrap();
    });
    assert!(
        err.contains(
            "content/pages/about.vi.md:2:1: error: `review: checked` is not a review status"
        ),
        "{err}"
    );
    let err = refused(|r| {
        fs::write(r.join(page), "---\nreveiw: draft\n---\n# Về\n").unwrap();
    });
    assert!(
        err.contains("content/pages/about.vi.md:2:1: error: unknown field `reveiw`"),
        "{err}"
    );
    let err = refused(|r| {
        fs::write(r.join(page), "---\nreview: draft\n# Về\n").unwrap();
    });
    assert!(err.contains("has no closing `---` line"), "{err}");
    let err = refused(|r| {
        let ja = r.join("content/pages/about.ja.md");
        let text = fs::read_to_string(&ja).unwrap();
        fs::write(ja, format!("---\nreview: reviewed\n---\n{text}")).unwrap();
    });
    assert!(
        err.contains("content/pages/about.ja.md:2:1: error: the page `about` is in 日本語"),
        "{err}"
    );
}
