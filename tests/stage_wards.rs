//! Stage pages narrowed by ward with plain links, and what staff can request on the staff entrance.

mod common;
use common::*;
use std::fs;

#[test]
fn stage_ward_pages_keep_only_windows_serving_that_ward() {
    let site = fixture("mini");
    // The ward office serves Kita only; the centre stays citywide.
    let path = site.path().join("content/agencies/ward-office.yaml");
    let yaml = fs::read_to_string(&path)
        .unwrap()
        .replace("service_areas: [kita, minami]", "service_areas: [kita]");
    fs::write(&path, yaml).unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));

    for prefix in ["", "en/"] {
        let kita = read(
            &out,
            &format!("{prefix}stages/infancy/wards/kita/index.html"),
        );
        let minami = read(
            &out,
            &format!("{prefix}stages/infancy/wards/minami/index.html"),
        );
        assert!(kita.contains("agencies/ward-office/index.html"), "{kita}");
        assert!(
            !minami.contains("agencies/ward-office/index.html"),
            "{minami}"
        );
        for page in [&kita, &minami] {
            assert!(
                page.contains("agencies/center/index.html"),
                "citywide windows serve every ward"
            );
            assert!(
                page.contains("programs/parent-training/index.html"),
                "a program without areas counts as citywide"
            );
        }
        assert!(
            kita.contains("networks/kita-net/index.html"),
            "the ward's network is listed"
        );
        assert!(!minami.contains("networks/kita-net/index.html"));
        assert!(
            kita.contains(
                r#"href="../../../../stages/infancy/wards/kita/index.html" aria-current="page""#
            ) || prefix == "en/",
            "{kita}"
        );
    }
    let stage = read(&out, "stages/infancy/index.html");
    assert!(stage.contains("区で絞り込む"), "{stage}");
    for w in ["kita", "minami"] {
        assert!(
            stage.contains(&format!(
                r#"href="../../stages/infancy/wards/{w}/index.html""#
            )),
            "{stage}"
        );
    }
    assert!(read(&out, "en/stages/infancy/index.html").contains("Narrow by ward"));
    assert!(
        read(&out, "en/stages/infancy/wards/kita/index.html")
            .contains("<title>Infancy – Kita Ward | ")
    );
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "{broken:#?}");
}

/// The staff page's "what your nursery or school can request" section.
fn backup_section(html: &str) -> &str {
    let start = html.find("id=\"request\"").expect("no request section");
    let end = html.find("id=\"contacts\"").expect("no contacts section");
    &html[start..end]
}

#[test]
fn staff_page_without_settings_offers_backup_derived_from_audiences() {
    let site = fixture("mini");
    let out = site.path().join("public");
    assert!(build(site.path(), &out).status.success());
    let ja = read(&out, "staff/index.html");
    let backup = backup_section(&ja);
    assert!(backup.contains("agencies/center/index.html"), "{backup}");
    assert!(
        !backup.contains("ward-office"),
        "a parents-only window is not staff backup: {backup}"
    );
    assert!(
        read(&out, "en/staff/index.html").contains("Support your nursery or school can request")
    );
    assert!(
        read(&out, "index.html").contains("href=\"staff/index.html\""),
        "one tap from home"
    );
}

#[test]
fn shipped_staff_page_lists_what_can_be_requested_in_site_yaml_order() {
    let (_dir, out) = build_shipped(&[]);
    let html = read(&out, "staff/index.html");
    let backup = backup_section(&html);
    let pos = |href: &str| {
        backup
            .find(href)
            .unwrap_or_else(|| panic!("{href} missing from the staff backup"))
    };
    let programs = [
        "hoikusho-tou-homon-shien",
        "shogaiji-tou-ryoiku-shien",
        "junkai-sodan",
        "hattatsu-shien-coordinator",
    ]
    .map(|p| pos(&format!("programs/{p}/index.html")));
    assert!(programs.windows(2).all(|w| w[0] < w[1]), "site.yaml order");
    let contacts = &html[html.find("id=\"contacts\"").unwrap()..];
    assert!(
        contacts.contains("agencies/kodomo-hattatsu-shien-center/index.html"),
        "the coordinator training's operator is whom to call"
    );
}
