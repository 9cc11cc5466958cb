//! The counter card: on the stage pages of a language the counter does not
//! read (English here), the phrase to say and the phrases to ask with, each with the
//! Japanese beside it (`lang="ja"`), and the ward offices' numbers with their source; none
//! on the Japanese pages.

mod common;

use std::fs;

#[test]
fn english_stage_pages_and_handouts_carry_the_card_japanese_ones_do_not() {
    let (_dir, site) = common::build_shipped(&[]);
    let read = |rel: &str| fs::read_to_string(site.join(rel)).unwrap();
    for rel in [
        "en/stages/checkup-18-months/index.html",
        "en/stages/checkup-18-months/wards/kita/index.html",
    ] {
        let html = read(rel);
        assert!(html.contains("Show this at the counter"), "{rel}: no card");
        for (en, ja) in [
            (
                "Please speak slowly, in simple Japanese.",
                "ゆっくり、やさしい日本語で話してください。",
            ),
            (
                "Could you write it down for me, please?",
                "紙に書いていただけますか。",
            ),
        ] {
            let at = html.find(en).unwrap_or_else(|| panic!("{rel}: no {en:?}"));
            let beside = &html[at..];
            assert!(
                beside.contains(&format!(
                    "<span class=\"counter-ja\" lang=\"ja\">{ja}</span>"
                )),
                "{rel}: {en:?} lacks its Japanese with lang=\"ja\""
            );
        }
        // The phone script in Japanese, in large type, marked as Japanese.
        assert!(
            html.contains(
                "<span class=\"say counter-ja\" lang=\"ja\">「（お子さんの名前）の親です。"
            ),
            "{rel}: the Japanese phone script is missing"
        );
    }
    // The citywide card lists every ward office's number with its source.
    let card = read("en/stages/checkup-18-months/index.html");
    let card = &card[card.find("class=\"counter-card\"").unwrap()..];
    let card = &card[..card.find("</section>").unwrap()];
    for number in [
        "096-328-2451",
        "096-367-9131",
        "096-329-6838",
        "096-357-4135",
        "096-272-1104",
    ] {
        assert!(card.contains(number), "card lacks {number}");
    }
    assert!(card.contains("Source: "), "card lacks the numbers' source");
    // A ward's page gives only that ward's office.
    let kita = read("en/stages/checkup-18-months/wards/kita/index.html");
    let kita = &kita[kita.find("class=\"counter-card\"").unwrap()..];
    let kita = &kita[..kita.find("</section>").unwrap()];
    assert!(kita.contains("096-272-1104") && !kita.contains("096-328-2451"));
    for rel in [
        "stages/checkup-18-months/index.html",
        "handouts/checkup-18-months/index.html",
        "handouts/checkup-18-months/kita/index.html",
    ] {
        assert!(
            !read(rel).contains("counter-card"),
            "{rel}: a card on a Japanese page"
        );
    }
}
