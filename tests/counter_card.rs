//! The counter card: on the stage pages and handouts of a language the counter does not
//! read, the phrase to say and the phrases to ask with, each with the Japanese beside it
//! (`lang="ja"`), and the ward offices' numbers with their source; none on the Japanese
//! pages. And the short draft line on the handouts of draft languages.

mod common;

use std::fs;

#[test]
fn english_stage_pages_carry_the_card_japanese_ones_do_not() {
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
    assert!(
        !read("stages/checkup-18-months/index.html").contains("counter-card"),
        "a card on a Japanese page"
    );
}

/// The part of `html` from the card's opening tag to the end of its section.
fn card_of<'a>(html: &'a str, rel: &str) -> Option<&'a str> {
    let card = &html[html.find("class=\"counter-card")?..];
    Some(
        &card[..card
            .find("</section>")
            .unwrap_or_else(|| panic!("{rel}: card not closed"))],
    )
}

/// The primary subtag of a language tag (`zh` of `zh-Hans`).
fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap()
}

/// Every handout (each checkup stage, whole and for each ward) of every declared language
/// whose tag is not the first language's carries the card: the phrases' Japanese beside them
/// with `lang="ja"`, the phone script's Japanese, and the ward offices' numbers with their
/// source: all five on the citywide handout, only the ward's own on a ward's handout. The
/// handouts of the languages the counter reads (ja, やさしい日本語) have none.
#[test]
fn handouts_carry_the_card_in_every_language_the_counter_does_not_read() {
    let (_dir, site) = common::build_shipped(&[]);
    let root = common::repo();
    let langs = common::site_languages(&root);
    let first = primary(&langs[0].tag).to_string();
    let offices: serde_yaml_ng::Value = serde_yaml_ng::from_str(
        &fs::read_to_string(root.join("content/agencies/ku-hoken-kodomo-ka.yaml")).unwrap(),
    )
    .unwrap();
    let numbers: Vec<(String, String)> = (offices["locations"].as_sequence().unwrap().iter())
        .map(|l| {
            let ward = l["ward"].as_str().unwrap().to_string();
            (ward, l["phones"][0]["number"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(numbers.len(), 5);
    let mut carded = 0;
    for lang in &langs {
        for stage in common::handout_stages(&root) {
            let citywide = format!("{}handouts/{stage}/index.html", lang.prefix);
            let wards = numbers.iter().map(|(w, n)| {
                let rel = format!("{}handouts/{stage}/{w}/index.html", lang.prefix);
                (rel, vec![n.as_str()])
            });
            let all: Vec<&str> = numbers.iter().map(|(_, n)| n.as_str()).collect();
            for (rel, want) in std::iter::once((citywide, all.clone())).chain(wards) {
                let html = fs::read_to_string(site.join(&rel)).unwrap();
                let card = card_of(&html, &rel);
                if primary(&lang.tag) == first {
                    assert!(card.is_none(), "{rel}: a card on a page the counter reads");
                    continue;
                }
                let card = card.unwrap_or_else(|| panic!("{rel}: no counter card"));
                for ja in [
                    "ゆっくり、やさしい日本語で話してください。",
                    "紙に書いていただけますか。",
                ] {
                    assert!(
                        card.contains(&format!(
                            "<span class=\"counter-ja\" lang=\"ja\">{ja}</span>"
                        )),
                        "{rel}: {ja} missing or without lang=\"ja\""
                    );
                }
                assert!(
                    card.contains(
                        "<span class=\"say counter-ja\" lang=\"ja\">「（お子さんの名前）の親です。"
                    ),
                    "{rel}: the Japanese phone script is missing"
                );
                for n in &all {
                    assert_eq!(card.contains(n), want.contains(n), "{rel}: {n} on the card");
                }
                assert!(
                    card.contains("class=\"source-line\""),
                    "{rel}: the numbers' source"
                );
                // The phone script is printed once, in the card, not again below it.
                assert!(
                    !html.contains("aria-labelledby=\"say\""),
                    "{rel}: the script twice"
                );
                carded += 1;
            }
        }
    }
    assert!(carded > 0, "no declared language gets the card");
}

/// Handouts of a language whose translations are drafts (site.yaml `review: draft`) say so
/// in one short line in that language; handouts of reviewed languages do not.
#[test]
fn handouts_of_draft_languages_say_so_in_one_line() {
    let (_dir, site) = common::build_shipped(&[]);
    let root = common::repo();
    let mut drafts = 0;
    for lang in common::site_languages(&root) {
        let words: serde_yaml_ng::Value = serde_yaml_ng::from_str(
            &fs::read_to_string(root.join(format!("themes/default/i18n/{}.yaml", lang.code)))
                .unwrap(),
        )
        .unwrap();
        let line = words["handout_draft"]
            .as_str()
            .expect("handout_draft in every i18n file");
        for stage in common::handout_stages(&root) {
            for rel in [
                format!("{}handouts/{stage}/index.html", lang.prefix),
                format!("{}handouts/{stage}/kita/index.html", lang.prefix),
            ] {
                let html = fs::read_to_string(site.join(&rel)).unwrap();
                assert_eq!(
                    html.contains("class=\"handout-draft\""),
                    lang.draft,
                    "{rel}"
                );
                // Furigana ({漢字|かんじ}) render as <ruby>; compare plain lines only.
                if lang.draft && !line.contains('{') {
                    assert!(
                        html.contains(&format!("<p class=\"handout-draft\">{line}</p>")),
                        "{rel}: want {line:?}"
                    );
                }
                assert!(
                    !html.contains("class=\"draft-notice\""),
                    "{rel}: the long notice"
                );
            }
        }
        drafts += usize::from(lang.draft);
    }
    assert!(drafts > 0, "the shipped site has draft languages");
}
