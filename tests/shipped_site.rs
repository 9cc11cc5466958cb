//! The shipped Kumamoto content validates with no errors and builds with links that resolve.

mod common;
use common::*;

#[test]
fn shipped_content_checks_and_builds() {
    let root = repo();
    let check = madoguchi(&["check", "--root", root.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let summary = stderr(&check);
    assert!(
        summary.lines().any(|l| l.starts_with("0 error(s)")),
        "{summary}"
    );

    let (_dir, out) = build_shipped(&[]);
    let files = tree(&out);
    // Every stage of site.yaml has a page in both languages.
    for stage in [
        "pregnancy-infancy",
        "checkup-18-months",
        "checkup-3-years",
        "toward-adulthood",
    ] {
        assert!(
            files.contains_key(&format!("stages/{stage}/index.html")),
            "{stage}"
        );
        assert!(
            files.contains_key(&format!("en/stages/{stage}/index.html")),
            "{stage}"
        );
    }
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    // A window the official contact facts do not list keeps an empty contact and says
    // where to confirm; numbers appear only from sourced locations (tests/contacts.rs).
    let center =
        String::from_utf8_lossy(&files["agencies/kodomo-hattatsu-shien-center/index.html"])
            .into_owned();
    assert!(center.contains("class=\"confirm\""), "{center}");
    assert!(!center.contains("href=\"tel:"), "{center}");
}
