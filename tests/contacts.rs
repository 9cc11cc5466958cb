//! Contacts come from named sources only: each ward's pages and handouts lead with that
//! ward office's number as a `tel:` link, every phone number anywhere in the output is one
//! a sourced location lists (and one the official contact facts list), and `check` refuses
//! a phone, address or hours without a source.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const CHECKUPS: [&str; 2] = ["checkup-18-months", "checkup-3-years"];

/// `(ward id, phone)` of each ward office in the official contact facts.
fn facts() -> (Vec<(String, String)>, BTreeSet<String>) {
    let dir = shared_dir().expect(
        "the shared folder with facts/kumamoto-official-contacts.yaml: set MADOGUCHI_SHARED",
    );
    let text = fs::read_to_string(dir.join("facts/kumamoto-official-contacts.yaml")).unwrap();
    let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).unwrap();
    let mut wards = Vec::new();
    let mut all = BTreeSet::new();
    for w in v["windows"].as_sequence().unwrap() {
        let phone = w["phone"].as_str().unwrap().to_string();
        all.insert(digits(&phone));
        if w["name"].as_str().unwrap().ends_with("保健こども課") {
            let ward = w["ward"].as_str().unwrap().to_string();
            wards.push((ward, phone));
        }
    }
    // The national line the facts name in words.
    all.insert("189".into());
    assert_eq!(wards.len(), 5, "five ward offices in the facts");
    (wards, all)
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn tel(phone: &str) -> String {
    madoguchi::sitemodel::tel_href(phone)
}

#[test]
fn each_ward_page_and_handout_leads_with_its_own_office_number() {
    let (_dir, out) = build_shipped(&["--base-url", "https://example.org/guide/"]);
    let (wards, _) = facts();
    for prefix in ["", "en/"] {
        for stage in CHECKUPS {
            for (ward, phone) in &wards {
                let href = format!("href=\"{}\"", tel(phone));
                for rel in [
                    format!("{prefix}stages/{stage}/wards/{ward}/index.html"),
                    format!("{prefix}handouts/{stage}/{ward}/index.html"),
                ] {
                    let html = fs::read_to_string(out.join(&rel)).unwrap();
                    let first_tel = html.find("href=\"tel:").expect("a tel: link");
                    assert_eq!(
                        html.find(&href),
                        Some(first_tel),
                        "{rel}: the first number is not {ward}'s own office {phone}"
                    );
                    for (other, other_phone) in wards.iter().filter(|w| &w.0 != ward) {
                        assert!(
                            !html.contains(other_phone.as_str()),
                            "{rel} shows {other}'s number {other_phone}"
                        );
                    }
                }
            }
        }
        let ward_page =
            fs::read_to_string(out.join(format!("{prefix}wards/higashi/index.html"))).unwrap();
        assert!(ward_page.contains(&format!("href=\"{}\"", tel("096-367-9131"))));
        let stage_page =
            fs::read_to_string(out.join(format!("{prefix}stages/checkup-18-months/index.html")))
                .unwrap();
        for (_, phone) in &wards {
            assert!(
                stage_page.contains(&format!("href=\"{}\"", tel(phone))),
                "{phone} on the stage page"
            );
        }
    }
    // The Child Guidance Center's 24-hour line and 189 on its page and the handouts.
    for rel in [
        "agencies/jido-sodanjo/index.html",
        "handouts/checkup-18-months/kita/index.html",
    ] {
        let html = fs::read_to_string(out.join(rel)).unwrap();
        assert!(html.contains("href=\"tel:+81-96-366-8181\""), "{rel}");
        assert!(html.contains("href=\"tel:189\""), "{rel}");
    }
}

/// Phone-number-like tokens in `text`: `tel:` targets, and runs of digits and hyphens
/// with two hyphens and 9 to 11 digits (Japanese numbers with area code).
/// `text` with every UUID (8-4-4-4-12 hex digits) blanked out.
fn without_uuids(text: &str) -> String {
    let is_uuid = |w: &str| {
        w.len() == 36
            && w.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            })
    };
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() || c == '-' {
            word.push(c);
            continue;
        }
        out.push_str(if is_uuid(&word) { " " } else { &word });
        word.clear();
        out.push(c);
    }
    out.pop();
    out
}

#[test]
fn uuids_are_not_read_as_phone_numbers_but_numbers_beside_them_are() {
    let text = "\"id\":\"abcdefab-0963-2822-451a-bcdefabcdefa\",\"tel\":\"096-328-2451\"";
    assert_eq!(phone_numbers(text), vec!["0963282451".to_string()]);
    assert_eq!(
        phone_numbers("a 96-328-2451 b"),
        vec!["963282451".to_string()]
    );
}

fn phone_numbers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in text.split("tel:").skip(1) {
        let target: String = part
            .chars()
            .take_while(|c| c.is_ascii_digit() || "+-".contains(*c))
            .collect();
        let d = digits(&target);
        found.push(match d.strip_prefix("81") {
            Some(rest) if target.starts_with('+') => format!("0{rest}"),
            _ => d,
        });
    }
    // The open data's ids are UUIDs, whose digit groups would read as numbers.
    let text = without_uuids(text);
    let runs = text.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '－'));
    for run in runs {
        let run = run.trim_matches('-');
        let d = digits(run);
        if run.matches('-').count() == 2 && (9..=11).contains(&d.len()) {
            found.push(d);
        }
    }
    found
}

/// Every phone number in the built output's text files that is not in `allowed`.
fn unsourced_numbers(out: &Path, allowed: &BTreeSet<String>) -> Vec<String> {
    let mut bad = Vec::new();
    for (rel, bytes) in tree(out) {
        let text_file = [".html", ".xml", ".js", ".json", ".txt"]
            .iter()
            .any(|e| rel.ends_with(e));
        if !text_file {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for n in phone_numbers(&text) {
            if !allowed.contains(&n) {
                bad.push(format!("{rel}: {n}"));
            }
        }
    }
    bad
}

/// Numbers listed in sourced locations of the content (the source must be declared).
fn sourced_numbers(root: &Path) -> BTreeSet<String> {
    let (content, diags) = madoguchi::load::load(root);
    let content = content.unwrap_or_else(|| panic!("{diags:?}"));
    let declared: BTreeSet<&str> = content
        .site
        .data
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    content
        .agencies
        .iter()
        .flat_map(|r| &r.data.locations)
        .flat_map(|l| &l.phones)
        .filter(|p| p.source.as_deref().is_some_and(|s| declared.contains(s)))
        .map(|p| digits(&p.number))
        .collect()
}

#[test]
fn every_phone_number_in_the_output_is_in_a_sourced_location_and_the_facts() {
    let (_, official) = facts();
    let site = shipped_copy();
    let sourced = sourced_numbers(site.path());
    assert!(
        sourced.len() >= 7,
        "five ward offices, 児童相談所 and 189: {sourced:?}"
    );
    let invented: Vec<&String> = sourced.difference(&official).collect();
    assert!(
        invented.is_empty(),
        "numbers not in the official facts: {invented:?}"
    );

    let out = site.path().join("public");
    let o = build(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let bad = unsourced_numbers(&out, &sourced);
    assert!(bad.is_empty(), "{bad:#?}");
    let found: BTreeSet<String> = tree(&out)
        .values()
        .flat_map(|b| phone_numbers(&String::from_utf8_lossy(b)))
        .collect();
    assert!(
        found.contains("0963679131"),
        "the scan sees the numbers it checks"
    );

    // A number typed into a description, with no location or source, is caught.
    let path = site
        .path()
        .join("content/agencies/kosodate-shien-center.yaml");
    let yaml = fs::read_to_string(&path).unwrap().replacen(
        "description:\n  ja: |\n",
        "description:\n  ja: |\n    電話 096-111-2222 へ。\n",
        1,
    );
    fs::write(&path, yaml).unwrap();
    let o = build(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let bad = unsourced_numbers(&out, &sourced);
    assert!(bad.iter().any(|b| b.ends_with("0961112222")), "{bad:#?}");
}

const SOURCES: &str = "phone_types:\n  - id: main\n    name: {ja: 代表, en: Main line}\nsources:\n  - id: city-page\n    title: {ja: 市のページ, en: City page}\n    url: https://example.org/page\n    publisher: {ja: 市, en: City}\n    kind: page\n    date: 2023-11-22\n";

/// The mini fixture's ward office with `locations` appended, and sources declared.
fn ward_office_with(locations: &str) -> tempfile::TempDir {
    let site = fixture("mini");
    let yaml = site.path().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}{SOURCES}")).unwrap();
    let path = site.path().join("content/agencies/ward-office.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}{locations}")).unwrap();
    site
}

fn errors_at(diags: &[serde_json::Value], needle: &str) -> Vec<(u64, u64, String)> {
    diags
        .iter()
        .filter(|d| d["severity"] == "error" && d["message"].as_str().unwrap().contains(needle))
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["help"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_refuses_a_phone_address_or_hours_without_a_source() {
    // Lines 15.. of ward-office.yaml (it has 14 lines).
    let good = "locations:\n  - name: {ja: 北区保健こども課}\n    ward: kita\n    address: {ja: 北区1-1}\n    source: city-page\n    phones:\n      - number: 096-000-0001\n        type: main\n        source: city-page\n    hours:\n      text: {ja: 平日}\n      source: city-page\n";
    let site = ward_office_with(good);
    let (ok, diags) = check_json(site.path(), &[]);
    assert!(ok, "a fully sourced location passes: {diags:#?}");

    let bad = "locations:\n  - name: {ja: 北区保健こども課}\n    ward: kita\n    address: {ja: 北区1-1}\n    phones:\n      - number: 096-000-0001\n        type: main\n      - number: 096-000-0002\n        type: main\n        source: city-pag\n    hours:\n      text: {ja: 平日}\ncontact:\n  phone: 096-000-0003\n";
    let site = ward_office_with(bad);
    // A record's own source naming a mistyped id (words stay allowed: `テスト資料`).
    let center = site.path().join("content/agencies/center.yaml");
    let text = fs::read_to_string(&center).unwrap();
    fs::write(
        &center,
        text.replace("source: テスト資料", "source: city-paeg"),
    )
    .unwrap();
    let (ok, diags) = check_json(site.path(), &[]);
    let typo = errors_at(&diags, "unknown source `city-paeg`");
    assert_eq!(typo.len(), 1, "{diags:#?}");
    assert!(typo[0].2.contains("did you mean `city-page`?"));
    assert!(!ok, "{diags:#?}");
    let no_source = errors_at(&diags, "has no `source`");
    let lines: Vec<(u64, u64)> = no_source.iter().map(|e| (e.0, e.1)).collect();
    assert_eq!(
        lines,
        [(16, 16), (20, 17), (25, 5)],
        "the location, its first phone and its hours: {diags:#?}"
    );
    assert!(no_source[0].2.contains("site.yaml's `sources:`"));
    let unknown = errors_at(&diags, "unknown source `city-pag`");
    assert_eq!(unknown.len(), 1, "{diags:#?}");
    assert_eq!((unknown[0].0, unknown[0].1), (24, 9));
    assert!(
        unknown[0].2.contains("did you mean `city-page`?"),
        "{}",
        unknown[0].2
    );
    let legacy = errors_at(&diags, "`contact.phone` is no longer used");
    assert_eq!(legacy.len(), 1, "{diags:#?}");
    assert_eq!((legacy[0].0, legacy[0].1), (28, 3));
    assert!(legacy[0].2.contains("locations:"));
}

#[test]
fn unconfirmed_statements_are_listed_by_check_and_marked_on_pages() {
    let site = shipped_copy();
    let (ok, diags) = check_json(site.path(), &[]);
    assert!(ok, "{diags:#?}");
    let listed: Vec<(String, u64)> = diags
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("unconfirmed statement: `operator`")
        })
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // Every program whose comments say the operator was inferred, at its `operator:` line.
    let mut inferred = Vec::new();
    for e in fs::read_dir(site.path().join("content/programs")).unwrap() {
        let path = e.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        if text.contains("inferred from context") {
            let line = text
                .lines()
                .position(|l| l.starts_with("operator:"))
                .unwrap()
                + 1;
            let rel = format!(
                "content/programs/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            inferred.push((rel, line as u64));
        }
    }
    inferred.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert!(inferred.len() >= 7);
    assert_eq!(listed_sorted, inferred);

    let out = site.path().join("public");
    assert!(build(site.path(), &out).status.success());
    let page = fs::read_to_string(out.join("programs/junkai-sodan/index.html")).unwrap();
    assert!(
        page.contains("class=\"unconfirmed\">要確認"),
        "operator marked on the page"
    );
    let en = fs::read_to_string(out.join("en/networks/kita-net/index.html")).unwrap();
    assert!(en.contains("To be confirmed"), "network members marked");
    // An agency's side of a doubted membership carries the mark too, beside each network.
    let member = fs::read_to_string(out.join("agencies/oya-no-kai/index.html")).unwrap();
    let networks = member
        .split("id=\"networks\"")
        .nth(1)
        .expect("a member-of list");
    let networks = networks.split("</section>").next().unwrap();
    assert_eq!(
        networks.matches("<li>").count(),
        networks.matches("要確認").count(),
        "every doubted membership marked: {networks}"
    );
    let fees = fs::read_to_string(out.join("agencies/jido-hattatsu-shien/index.html")).unwrap();
    assert!(
        fees.contains("class=\"general-info\""),
        "fees labelled as general information"
    );
}

#[test]
fn pages_show_sources_with_their_own_dates_never_a_last_confirmed_date() {
    let (_dir, out) = build_shipped(&[]);
    for (rel, bytes) in tree(&out) {
        let public = [
            "agencies/",
            "programs/",
            "networks/",
            "stages/",
            "handouts/",
            "wards/",
        ]
        .iter()
        .any(|p| rel.strip_prefix("en/").unwrap_or(&rel).starts_with(p));
        if !public || !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        assert!(
            !html.contains("最終確認日") && !html.contains("Last verified"),
            "{rel} shows the meeting date as a last-confirmed date"
        );
    }
    let ja =
        fs::read_to_string(out.join("agencies/kodomo-hattatsu-shien-center/index.html")).unwrap();
    assert!(
        ja.contains("熊本市療育支援ネットワーク会議 資料（2024年1月26日の会議資料）"),
        "{ja}"
    );
    assert!(
        ja.contains("class=\"confirm stale\""),
        "older than stale_after_months before `issued`"
    );
    let office =
        fs::read_to_string(out.join("en/stages/checkup-18-months/wards/nishi/index.html")).unwrap();
    assert!(office.contains("<a href=\"https://www.city.kumamoto.jp/hpkiji/pub/detail.aspx?c_id=5&amp;id=2487\" rel=\"noopener noreferrer\">"), "the source is a link");
    assert!(office.contains("(page updated 22 November 2023)"));
}
