//! The open data exports of the shipped content: HSDS 3.0 against the Open Referral
//! schemas in `../shared/hsds-3.0/`, the data package's CSVs against its descriptor,
//! 公共施設一覧 CSV, JSON-LD and the sitemap.

mod common;

use common::{repo, shared_dir, shipped_content};
use madoguchi::export::{self, SitemapPage, facilities, hsds, jsonld, sitemap};
use madoguchi::i18n::UiStrings;
use madoguchi::load::Content;
use madoguchi::model::{Lang, Localized, Location, Phone};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The shipped theme's interface words for `content`'s languages.
fn ui(content: &Content) -> UiStrings {
    madoguchi::i18n::for_site(&repo(), content).expect("the shipped interface words load")
}

/// A language of the shipped site by code.
fn lang(code: &str) -> Lang {
    Lang::intern(code).unwrap()
}

/// The shipped site's languages.
fn langs(content: &Content) -> Vec<Lang> {
    content.site.data.languages.langs().collect()
}

fn hsds_dir() -> std::path::PathBuf {
    shared_dir()
        .expect("the shared folder (../shared or MADOGUCHI_SHARED) with hsds-3.0/")
        .join("hsds-3.0")
}

/// Every export file of `content` (no base URL), by path.
fn exports(content: &Content) -> BTreeMap<String, Vec<u8>> {
    let files = export::files(content, &ui(content), None, &[]).expect("exports");
    files.into_iter().map(|f| (f.rel, f.bytes)).collect()
}

fn json_of(files: &BTreeMap<String, Vec<u8>>, rel: &str) -> Value {
    serde_json::from_slice(files.get(rel).unwrap_or_else(|| panic!("no {rel}"))).unwrap()
}

fn read_json(path: std::path::PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Validation errors of each item of `items` against `schema`, formats included.
fn schema_errors(schema: &Value, items: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles");
    let mut errors = Vec::new();
    for (i, item) in items.as_array().expect("an array").iter().enumerate() {
        for e in validator.iter_errors(item) {
            errors.push(format!("item {i} at {}: {e}", e.instance_path()));
        }
    }
    errors
}

#[test]
fn hsds_json_validates_against_the_open_referral_schemas() {
    let content = shipped_content();
    let files = exports(&content);
    let compiled = hsds_dir().join("schema/compiled");
    let services = json_of(&files, "data/hsds/services.json");
    let orgs = json_of(&files, "data/hsds/organizations.json");
    let errors = schema_errors(&read_json(compiled.join("service.json")), &services);
    assert!(errors.is_empty(), "services.json: {errors:#?}");
    let errors = schema_errors(&read_json(compiled.join("organization.json")), &orgs);
    assert!(errors.is_empty(), "organizations.json: {errors:#?}");
    // One service per agency (its window) and per program; agencies and networks are
    // organizations.
    let services = services.as_array().unwrap();
    assert_eq!(
        services.len(),
        content.agencies.len() + content.programs.len()
    );
    let orgs = orgs.as_array().unwrap();
    assert_eq!(orgs.len(), content.agencies.len() + content.networks.len());
    // The ward offices: five service areas and five locations with address and phone.
    let ward_office = (services.iter())
        .find(|s| s["name"] == "区役所 保健こども課（各区）")
        .expect("the ward offices' service");
    assert_eq!(ward_office["service_areas"].as_array().unwrap().len(), 5);
    let at = ward_office["service_at_locations"].as_array().unwrap();
    assert_eq!(at.len(), 5);
    let chuo = &at[0]["location"];
    assert_eq!(
        chuo["addresses"][0]["address_1"],
        "熊本市中央区手取本町1-1（熊本市役所本庁舎3階）"
    );
    assert_eq!(chuo["phones"][0]["number"], "096-328-2451");
    assert_eq!(chuo["schedules"][0]["opens_at"], "08:30");
    assert_eq!(ward_office["assured_date"], "2024-01-26");
    let stages: Vec<&Value> = (ward_office["attributes"].as_array().unwrap().iter())
        .filter(|a| a["link_type"] == "stage")
        .collect();
    assert_eq!(stages.len(), 5, "the ward offices serve five stages");
    assert_eq!(stages[0]["taxonomy_term"]["taxonomy"], "stage");
}

/// A CSV's header and rows (as the data package readers see them).
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(bytes);
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn field_names(resource: &Value) -> Vec<String> {
    (resource["schema"]["fields"].as_array().unwrap().iter())
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn data_package_csvs_match_their_descriptor_and_open_referrals() {
    let content = shipped_content();
    let files = exports(&content);
    let ours = json_of(&files, "data/hsds/datapackage.json");
    let reference = read_json(hsds_dir().join("datapackage.json"));
    let reference: BTreeMap<&str, &Value> = (reference["resources"].as_array().unwrap().iter())
        .map(|r| (r["name"].as_str().unwrap(), r))
        .collect();
    let resources = ours["resources"].as_array().unwrap();
    assert!(resources.len() >= 10, "{resources:?}");
    for res in resources {
        let name = res["name"].as_str().unwrap();
        let theirs = reference
            .get(name)
            .unwrap_or_else(|| panic!("HSDS has no table {name}"));
        assert_eq!(res["path"], theirs["path"], "{name}");
        assert_eq!(field_names(res), field_names(theirs), "{name}: fields");
        let rel = format!("data/hsds/{}", res["path"].as_str().unwrap());
        let bytes = files.get(&rel).unwrap_or_else(|| panic!("no {rel}"));
        let (header, rows) = read_csv(bytes);
        assert_eq!(header, field_names(res), "{rel}: header");
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{rel}: {row:?}");
        }
    }
    // The CSVs hold what the JSON holds.
    let (_, services) = read_csv(&files["data/hsds/services.csv"]);
    let json = json_of(&files, "data/hsds/services.json");
    assert_eq!(services.len(), json.as_array().unwrap().len());
    assert_eq!(services[0][0], json[0]["id"].as_str().unwrap());
    assert_eq!(ours["licenses"][0]["name"], "CC-BY-4.0");
}

/// Every `id` (and `*_id`) value in the JSON, with how often it is the object's own id.
fn own_ids(v: &Value, ids: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(id)) = m.get("id") {
                ids.push(id.clone());
            }
            m.values().for_each(|v| own_ids(v, ids));
        }
        Value::Array(a) => a.iter().for_each(|v| own_ids(v, ids)),
        _ => {}
    }
}

#[test]
fn ids_are_stable_uuid_v5_and_distinct() {
    let first = exports(&shipped_content());
    let second = exports(&shipped_content());
    assert!(first == second, "two exports of the same content differ");
    // The namespace is fixed: a published id never changes.
    assert_eq!(
        hsds::uuid_for("organization", "jido-sodanjo"),
        "33ce0a1b-bd00-50dd-8c98-758e1a2e3081"
    );
    let content = shipped_content();
    let tables = hsds::tables(&content, &ui(&content)).unwrap();
    let mut all = BTreeSet::new();
    for table in hsds::TABLES {
        for row in tables.rows(table.name) {
            let id = row["id"].as_str().unwrap();
            let parsed = uuid::Uuid::parse_str(id).expect("a UUID");
            assert_eq!(parsed.get_version_num(), 5, "{id}");
            assert!(
                all.insert(id.to_string()),
                "id {id} used twice ({})",
                table.name
            );
        }
    }
    // In the nested JSON an id appears once per place it is nested in, never for two
    // different things.
    let mut nested = Vec::new();
    own_ids(&json_of(&first, "data/hsds/services.json"), &mut nested);
    assert!(nested.iter().all(|id| all.contains(id)));
}

#[test]
fn facilities_csv_has_bom_crlf_and_the_standard_columns() {
    let content = shipped_content();
    let files = exports(&content);
    let bytes = &files[&facilities::path()];
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let header_line = text.split("\r\n").next().unwrap();
    assert_eq!(header_line, facilities::COLUMNS.join(","));
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "LF without CR"
    );
    let (header, rows) = read_csv(text.as_bytes());
    assert_eq!(header, facilities::COLUMNS);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // One row per sourced location: five ward offices and the child guidance center.
    assert_eq!(rows.len(), 6, "{rows:#?}");
    let chuo = rows
        .iter()
        .find(|r| r[col("名称")] == "中央区保健こども課")
        .unwrap();
    let numbers: Vec<&str> = rows.iter().map(|r| r[col("NO")].as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(chuo[col("住所")], "熊本市中央区手取本町1-1");
    assert_eq!(chuo[col("方書")], "熊本市役所本庁舎3階");
    assert_eq!(chuo[col("市区町村名")], "熊本市");
    assert_eq!(chuo[col("電話番号")], "096-328-2451");
    assert_eq!(chuo[col("利用可能曜日")], "月;火;水;木;金");
    assert_eq!(
        (
            chuo[col("開始時間")].as_str(),
            chuo[col("終了時間")].as_str()
        ),
        ("08:30", "17:15")
    );
    assert_eq!(
        chuo[col("名称_英語")],
        "Chuo Ward Health and Children's Division"
    );
    assert!(
        chuo[col("備考")].contains("（2023-11-22）"),
        "{}",
        chuo[col("備考")]
    );
    let jiso = rows
        .iter()
        .find(|r| r[col("名称")] == "熊本市児童相談所")
        .unwrap();
    assert_eq!(jiso[col("電話番号")], "096-366-8181;189");
    assert_eq!(
        jiso[col("利用可能曜日")],
        "",
        "24-hour wording is not a weekday schedule"
    );
    // Unsourced or unknown facts stay empty.
    for row in &rows {
        for empty in [
            "都道府県コード又は市区町村コード",
            "緯度",
            "経度",
            "名称_カナ",
            "FAX番号",
        ] {
            assert_eq!(row[col(empty)], "", "{empty}");
        }
    }
}

/// Japanese phone-number-like runs (`096-328-2451`: a leading 0, three groups, four
/// digits last) in `text`.
fn phone_like(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '-' && !run.is_empty()) {
            run.push(c);
        } else {
            let parts: Vec<&str> = run.trim_end_matches('-').split('-').collect();
            let shaped = parts.len() == 3 && parts[0].starts_with('0') && parts[2].len() == 4;
            if shaped && parts.iter().all(|p| (1..=5).contains(&p.len())) {
                found.push(run.trim_end_matches('-').to_string());
            }
            run.clear();
        }
    }
    found
}

fn loc(name: &str, phone: &str, source: Option<&str>) -> Location {
    Location {
        name: Localized::new([(lang("ja"), name)]),
        ward: None,
        address: Some(Localized::new([(
            lang("ja"),
            format!("{name}の住所").as_str(),
        )])),
        phones: vec![Phone {
            number: phone.into(),
            kind: "main".into(),
            source: None,
        }],
        hours: None,
        source: source.map(String::from),
    }
}

#[test]
fn no_contact_fact_without_a_source_reaches_any_export() {
    let mut content = shipped_content();
    let sourced: BTreeSet<String> = (content.agencies.iter())
        .flat_map(|a| a.data.locations.iter())
        .flat_map(|l| l.phones.iter())
        .map(|p| p.number.clone())
        .collect();
    // Facts nobody sourced, as a mistaken edit would hold them before `check` refuses it.
    let ward = &mut content
        .agencies
        .iter_mut()
        .find(|a| a.id == "ku-hoken-kodomo-ka")
        .unwrap();
    ward.data.locations[0].phones.push(Phone {
        number: "096-000-0001".into(),
        kind: "main".into(),
        source: None,
    });
    ward.data.locations[1].hours.as_mut().unwrap().source = None;
    ward.data.locations[1].hours.as_mut().unwrap().text =
        Localized::new([(lang("ja"), "非公開の受付時間")]);
    ward.data
        .locations
        .push(loc("出典のない窓口", "096-000-0002", None));
    ward.data.locations.push(loc(
        "出典のある窓口",
        "096-000-0003",
        Some("city-abuse-prevention"),
    ));
    let mut texts: Vec<String> = (exports(&content).into_values())
        .map(|b| String::from_utf8(b).unwrap())
        .collect();
    let words = ui(&content);
    for a in &content.agencies {
        for lang in langs(&content) {
            texts.push(jsonld::for_agency(
                &content,
                &words,
                a,
                lang,
                "https://example.jp/a/",
            ));
        }
    }
    let all = texts.join("\n");
    for fact in [
        "096-000-0001",
        "非公開の受付時間",
        "出典のない窓口",
        "096-000-0003",
        "+81-96-000",
    ] {
        assert!(
            !all.contains(fact),
            "`{fact}` has no source but was exported"
        );
    }
    assert!(
        all.contains("出典のある窓口"),
        "a sourced location is exported"
    );
    for number in phone_like(&all) {
        assert!(
            sourced.contains(&number),
            "{number} is in no sourced location"
        );
    }
    assert!(all.contains("096-328-2451"), "sourced phones are exported");
}

#[test]
fn json_ld_parses_names_the_language_and_cannot_close_the_script() {
    let mut content = shipped_content();
    let url = "https://example.jp/guide/agencies/x/";
    let mut seen = 0;
    let words = ui(&content);
    for lang in langs(&content) {
        let texts = (content.agencies.iter())
            .map(|a| jsonld::for_agency(&content, &words, a, lang, url))
            .chain(content.programs.iter().map(|p| {
                let operator = content.agencies.iter().find(|a| a.id == p.data.operator);
                jsonld::for_program(&content, &words, p, operator, lang, url)
            }))
            .chain(
                content
                    .networks
                    .iter()
                    .map(|n| jsonld::for_network(&content, &words, n, lang, url)),
            );
        for text in texts {
            assert!(!text.contains('<') && !text.contains('&'), "{text}");
            let v: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["@context"], "https://schema.org");
            assert_eq!(v["mainEntityOfPage"]["inLanguage"], lang.tag(), "{v}");
            assert_eq!(v["url"], url);
            seen += 1;
        }
    }
    assert_eq!(
        seen,
        langs(&content).len()
            * (content.agencies.len() + content.programs.len() + content.networks.len())
    );
    let ward = content
        .agencies
        .iter()
        .find(|a| a.id == "ku-hoken-kodomo-ka")
        .unwrap();
    let v: Value = serde_json::from_str(&jsonld::for_agency(
        &content,
        &ui(&content),
        ward,
        lang("en"),
        url,
    ))
    .unwrap();
    assert_eq!(v["@type"], "GovernmentOrganization");
    assert_eq!(v["areaServed"].as_array().unwrap().len(), 5);
    assert_eq!(v["contactPoint"][0]["telephone"], "+81-96-328-2451");
    assert_eq!(v["contactPoint"][0]["hoursAvailable"]["opens"], "08:30");
    assert_eq!(v["location"][0]["@type"], "GovernmentOffice");
    let doctors = content
        .agencies
        .iter()
        .find(|a| a.id == "kakaritsuke-i")
        .unwrap();
    let v: Value = serde_json::from_str(&jsonld::for_agency(
        &content,
        &ui(&content),
        doctors,
        lang("ja"),
        url,
    ))
    .unwrap();
    assert!(
        v.get("contactPoint").is_none(),
        "no sourced phone, no contact point: {v}"
    );
    // A name that tries to close the script element stays text.
    let hostile = "</script><script>alert(1)</script>&amp;";
    content.agencies[0].data.name = Localized::new([(lang("ja"), hostile)]);
    let text = jsonld::for_agency(
        &content,
        &ui(&content),
        &content.agencies[0],
        lang("ja"),
        url,
    );
    assert!(!text.to_lowercase().contains("</script"), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["name"], hostile);
}

/// The `<url>` entries of a sitemap: location and its alternates (hreflang → href).
fn sitemap_entries(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let doc = roxmltree::Document::parse(xml).expect("sitemap.xml is well-formed");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    (root.children().filter(|n| n.has_tag_name("url")))
        .map(|url| {
            let loc = url.children().find(|n| n.has_tag_name("loc")).unwrap();
            let alternates = (url.children().filter(|n| n.has_tag_name("link")))
                .map(|l| {
                    (
                        l.attribute("hreflang").unwrap().into(),
                        l.attribute("href").unwrap().into(),
                    )
                })
                .collect();
            (loc.text().unwrap().to_string(), alternates)
        })
        .collect()
}

#[test]
fn sitemap_lists_a_hand_made_page_list_with_alternates() {
    let pages = [
        SitemapPage {
            path: "index.html".into(),
            alternates: vec![
                ("ja".into(), "index.html".into()),
                ("en".into(), "en/index.html".into()),
            ],
        },
        SitemapPage {
            path: "en/index.html".into(),
            alternates: vec![
                ("ja".into(), "index.html".into()),
                ("en".into(), "en/index.html".into()),
            ],
        },
    ];
    let xml = sitemap::sitemap_xml("https://example.jp/guide", &pages).unwrap();
    let entries = sitemap_entries(&xml);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].0, "https://example.jp/guide/");
    assert_eq!(entries[1].1["ja"], "https://example.jp/guide/");
    assert_eq!(entries[1].1["en"], "https://example.jp/guide/en/");
    let content = shipped_content();
    let files = export::files(
        &content,
        &ui(&content),
        Some("https://example.jp/guide/"),
        &pages,
    )
    .unwrap();
    let robots = files
        .iter()
        .find(|f| f.rel == "robots.txt")
        .expect("robots.txt");
    let robots = String::from_utf8(robots.bytes.clone()).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.jp/guide/sitemap.xml"),
        "{robots}"
    );
    let without = exports(&shipped_content());
    assert!(!without.contains_key("sitemap.xml") && !without.contains_key("robots.txt"));
}

#[test]
fn the_build_writes_a_sitemap_listing_every_page_once_with_the_alternates_it_links() {
    let mut content = shipped_content();
    let words = ui(&content);
    let list = madoguchi::outputs::standard();
    let refs = madoguchi::pipeline::as_refs(&list);
    let without = madoguchi::pipeline::render_in_memory(&repo(), &content, &words, &refs).unwrap();
    assert!(
        !without
            .files
            .iter()
            .any(|f| f.rel == "sitemap.xml" || f.rel == "robots.txt"),
        "no sitemap without a base URL"
    );
    assert!(
        without
            .files
            .iter()
            .any(|f| f.rel == "data/hsds/services.json")
            && without.files.iter().any(|f| f.rel == "data/facilities.csv"),
        "the open data is an output of every build"
    );
    let mut closed = content.clone();
    closed.site.data.open_data = None;
    let none = madoguchi::pipeline::render_in_memory(&repo(), &closed, &words, &refs).unwrap();
    assert!(
        !none.files.iter().any(|f| f.rel.starts_with("data/")),
        "no open data without `open_data:` in site.yaml: {:?}",
        none.files
            .iter()
            .filter(|f| f.rel.starts_with("data/"))
            .map(|f| &f.rel)
            .collect::<Vec<_>>()
    );
    content.site.data.base_url = Some("https://example.jp/guide/".into());
    let rendered = madoguchi::pipeline::render_in_memory(&repo(), &content, &words, &refs).unwrap();
    let html: BTreeMap<&str, String> = (rendered.files.iter())
        .filter(|f| f.rel.ends_with(".html") && !f.rel.ends_with("404.html"))
        .map(|f| {
            (
                f.rel.as_str(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect();
    let file = |rel: &str| {
        let f = rendered.files.iter().find(|f| f.rel == rel);
        String::from_utf8(
            f.unwrap_or_else(|| panic!("{rel} is written"))
                .bytes
                .clone(),
        )
        .unwrap()
    };
    let entries = sitemap_entries(&file("sitemap.xml"));
    assert_eq!(entries.len(), html.len(), "every page once");
    let locs: BTreeSet<&str> = entries.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(locs.len(), entries.len(), "a page is listed twice");
    for (path, page) in &html {
        let loc = sitemap::page_url("https://example.jp/guide/", path);
        let (_, alternates) = (entries.iter().find(|(l, _)| *l == loc))
            .unwrap_or_else(|| panic!("{loc} is not in the sitemap"));
        assert!(
            alternates.values().any(|h| *h == loc),
            "{loc} is not among its own alternates"
        );
        // The page links the same languages (besides x-default) as the sitemap names.
        let linked = page.matches("<link rel=\"alternate\" hreflang=\"").count()
            - page.matches("hreflang=\"x-default\"").count();
        assert_eq!(alternates.len(), linked, "{loc}: {alternates:?}");
    }
    assert!(file("robots.txt").contains("Sitemap: https://example.jp/guide/sitemap.xml"));
}

#[test]
fn facilities_csv_links_each_window_without_its_own_site_to_its_page() {
    let content = shipped_content();
    let base = "https://example.jp/guide/";
    let files = export::files(&content, &ui(&content), Some(base), &[]).expect("exports");
    let bytes = &files
        .iter()
        .find(|f| f.rel == facilities::path())
        .unwrap()
        .bytes;
    let (header, rows) = read_csv(&bytes[3..]);
    let url = header.iter().position(|h| h == "URL").unwrap();
    let mut own_pages = 0;
    for row in &rows {
        let Some(path) = row[url].strip_prefix(base) else {
            assert!(row[url].starts_with("http"), "{row:?}");
            continue;
        };
        // The address a parent's browser opens: the agency's page folder in the first language.
        let id = path
            .strip_prefix("agencies/")
            .and_then(|p| p.strip_suffix('/'))
            .unwrap_or_else(|| panic!("not an agency page address: {path}"));
        assert!(content.agencies.iter().any(|a| a.id == id), "{id}");
        own_pages += 1;
    }
    assert!(own_pages > 0, "no row links to its page: {rows:?}");
}

/// The standard list's open data output alone.
fn open_data_output() -> Vec<Box<dyn madoguchi::outputs::Output>> {
    let mut list = madoguchi::outputs::standard();
    list.retain(|o| o.name() == "open data");
    assert_eq!(list.len(), 1, "the standard list has an open data output");
    list
}

#[test]
fn an_export_failure_is_an_export_error_naming_the_file_to_fix() {
    let mut content = shipped_content();
    let words = ui(&content);
    let program = &mut content.programs[0];
    program.data.operator = "nobody".into();
    let path = program.src.path.clone();
    let list = open_data_output();
    let refs = madoguchi::pipeline::as_refs(&list);
    let failed = madoguchi::pipeline::render_in_memory(&repo(), &content, &words, &refs);
    match failed {
        Err(madoguchi::Error::Export(e)) => {
            assert_eq!(e.file(), Some(path.as_path()));
            assert!(
                matches!(&e, export::ExportError::OperatorNotAgency { operator, .. } if operator == "nobody"),
                "{e}"
            );
            let shown = madoguchi::Error::Export(e).to_string();
            assert_eq!(
                shown,
                format!(
                    "the open data could not be made: {}: the operator `nobody` is not an agency; run `madoguchi check`",
                    path.display()
                )
            );
        }
        Err(other) => panic!("expected an export error, got {other:?}"),
        Ok(_) => panic!("the export did not fail"),
    }
}

/// A test output failing the way the exporter does.
struct FailingExport;

impl madoguchi::outputs::Output for FailingExport {
    fn name(&self) -> &'static str {
        "failing export"
    }
    fn depends(&self) -> madoguchi::outputs::Depends {
        madoguchi::outputs::Depends::Content
    }
    fn make(
        &self,
        _: &madoguchi::outputs::Ctx,
        _: &[madoguchi::output::OutFile],
        _: &madoguchi::outputs::Sink,
    ) -> Result<madoguchi::outputs::Made, madoguchi::Error> {
        let file = std::path::Path::new("content/programs/x.yaml");
        Err(madoguchi::Error::Export(
            export::ExportError::OperatorNotAgency {
                file: file.to_path_buf(),
                operator: "nobody".into(),
            },
        ))
    }
}

#[test]
fn check_reports_an_export_failure_at_its_file_not_as_a_theme_failure() {
    let today = madoguchi::check::parse_today("2026-11-30").unwrap();
    let list: Vec<Box<dyn madoguchi::outputs::Output>> = vec![Box::new(FailingExport)];
    let diags = madoguchi::check::run_with(&repo(), today, &madoguchi::pipeline::as_refs(&list));
    let errors: Vec<String> = diags.errors().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert!(e.starts_with("content/programs/x.yaml:"), "{e}");
    assert!(
        e.contains("open data could not be made") && e.contains("`nobody`"),
        "{e}"
    );
    assert!(
        !e.contains("themes/default/templates") && !e.contains("theme"),
        "{e}"
    );
}
