//! Long lists (a prefecture's or a nation's records) are split into pages that link to
//! each other, every record stays reachable, and the feed keeps only the latest entries.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const EXTRA: usize = 230;

/// The mini fixture plus `EXTRA` Kita agencies, half of them for school staff in tier 3.
fn big_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture("mini");
    for i in 0..EXTRA {
        let (audience, tier) = if i % 2 == 0 {
            ("school-staff", "tertiary")
        } else {
            ("parents", "primary")
        };
        let yaml = format!(
            "name: {{ja: 窓口{i:03}, en: Window {i:03}}}\nkana: まどぐち{i:03}\ntier: {tier}\nkind: {{ja: 相談, en: Consultation}}\nservice_areas: [kita]\naudiences: [{audience}]\nstages: [infancy]\ndescription:\n  ja: 相談を受けます。\napplication_process: {{ja: 電話してください。, en: Call.}}\nsource: テスト資料\nverified_on: 2024-{:02}-{:02}\n",
            1 + i % 12,
            1 + i % 28
        );
        fs::write(
            site.path().join(format!("content/agencies/w{i:03}.yaml")),
            yaml,
        )
        .unwrap();
    }
    let out = site.path().join("public");
    let o = build(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    (site, out)
}

/// Every record link found on a paged list, following `rel="next"` from its first page.
fn follow_pages(out: &Path, first: &str) -> (usize, BTreeSet<String>) {
    let mut seen = BTreeSet::new();
    let mut rel = first.to_string();
    let mut pages = 0;
    loop {
        pages += 1;
        let html = read(out, &rel);
        let dir = Path::new(&rel).parent().unwrap();
        for href in attr_values(&html, "href") {
            if href.contains("agencies/") && !href.contains("/page/") {
                let name = href.rsplit("agencies/").next().unwrap().to_string();
                if name != "index.html" {
                    seen.insert(name); // not the site menu's link to the list itself
                }
            }
        }
        let next = html
            .split("rel=\"next\" href=\"")
            .nth(1)
            .map(|s| s.split('"').next().unwrap().to_string());
        match next {
            Some(n) => {
                let p = dir.join(n);
                rel = normalize(&p);
            }
            None => break,
        }
        assert!(pages < 100, "pages never end");
    }
    (pages, seen)
}

fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn long_lists_are_paged_and_every_record_stays_reachable() {
    let (_site, out) = big_site();
    let agencies = EXTRA + 2;
    let (pages, seen) = follow_pages(&out, "agencies/index.html");
    assert_eq!(pages, agencies.div_ceil(100), "agencies list pages");
    assert_eq!(
        seen.len(),
        agencies,
        "every agency on exactly the list pages"
    );
    let first = read(&out, "agencies/index.html");
    assert!(first.contains("aria-current=\"page\">1</a>"), "{first}");
    let last = read(&out, &format!("agencies/page/{pages}/index.html"));
    assert!(last.contains("rel=\"prev\""), "the last page links back");
    assert!(!last.contains("rel=\"next\""), "the last page has no next");
    // English pages are split the same way, so the language switch finds its page.
    let en = read(&out, "en/agencies/page/2/index.html");
    assert!(
        en.contains("href=\"../../../../agencies/page/2/index.html\""),
        "{en}"
    );

    // Kita holds the mini fixture's ward office and all extra windows, local first.
    let (ward_pages, _) = follow_pages(&out, "wards/kita/index.html");
    assert_eq!(ward_pages, 3);
    let ward2 = read(&out, "wards/kita/page/2/index.html");
    assert!(
        !ward2.contains("id=\"net\""),
        "the network is on the first page only"
    );

    // An audience with 116 agencies (115 extra and the centre): two pages.
    let (school_pages, school) = follow_pages(&out, "audiences/school-staff/index.html");
    assert_eq!(school_pages, 2);
    assert_eq!(school.len(), EXTRA / 2 + 1);

    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

#[test]
fn big_tiers_show_a_preview_and_link_to_their_own_paged_list() {
    let (_site, out) = big_site();
    let tiers = read(&out, "tiers/index.html");
    assert!(
        tiers.contains("href=\"../tiers/primary/index.html\""),
        "{tiers}"
    );
    assert!(
        tiers.contains("(116)"),
        "the count of the whole tier is shown"
    );
    assert_eq!(
        tiers.matches("class=\"more\"").count(),
        2,
        "both big tiers link to their own list"
    );
    let (pages, seen) = follow_pages(&out, "tiers/primary/index.html");
    assert_eq!(pages, 2);
    assert_eq!(
        seen.len(),
        EXTRA / 2 + 1,
        "the ward office and the parents' windows"
    );
}

#[test]
fn the_feed_keeps_the_latest_entries_and_the_updates_pages_keep_all() {
    let (_site, out) = big_site();
    let feed = read(&out, "feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 100);
    let (pages, seen) = follow_pages(&out, "updates/index.html");
    assert_eq!(
        pages, 3,
        "232 agencies, a program, a network and two stages"
    );
    assert_eq!(seen.len(), EXTRA + 2);
}
