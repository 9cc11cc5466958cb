//! The browser client and the index builder must cut text identically, or queries miss
//! what was indexed. Runs themes/default/static/search.js under Node on awkward strings,
//! with the character tables of src/search/tokenize.rs (their one source) as the index
//! manifest ships them.

mod common;

use madoguchi::search::tokenize::{
    CJK, FOLD, JOINING_MARKS, TONES, VARIANTS, WORD, letters, spaced, spelling, spellings, squash,
    tables, tokenize,
};
use serde_json::{Value, json};

/// The spellings of `text`'s words with diacritics: (key, folded word).
type Spellings = Vec<(String, String)>;

/// The client's (tokens, squashed key, spaced key, spellings) of each text, with `tables`.
fn js_tokens(tables: &Value, texts: &[&str]) -> Vec<(Vec<String>, String, String, Spellings)> {
    common::node_json(
        "tokens.mjs",
        &[],
        &json!({"tables": tables, "texts": texts}),
    )
}

const CORPUS: &[&str] = &[
    "ｺｰﾃﾞｨﾈｰﾀｰ養成",
    "ﾊﾟﾊﾟとﾏﾏ",
    "㈱くまもと ㈲ ㍿",
    "①②③ ⑩番",
    "ヴァイオリン ヴ ゔ",
    "人々 時々 々",
    "ー ーー コーヒー",
    "Ｐａｒｅｎｔ Ｔｒａｉｎｉｎｇ ＡＢＣ１２３",
    "子育て🙂支援 👨‍👩‍👧 ❤️",
    "1歳6ヶ月児健診 1歳6か月 一ヵ月",
    "児相（じそう）・放デイ／ペアトレ",
    "after-school day service, O'Brien",
    "Café naïve STRASSE straße",
    "ＡＤＨＤ ＬＤ ＡＳＤ",
    "㌢㍍ ㍻ ℡ №",
    "ヽヾゝゞ いすゞ",
    "𠮷野家 𩸽",
    "한국어 Ελληνικά русский",
    "a",
    "",
    "   \t\n",
    "北区 健診",
    "ペアレント・トレーニング ゠ ゛゜ ｶﾞ ﾞ",
    "Tư vấn phát triển trẻ em ĐÀ NẴNG Ỳ ỹ",
    "te\u{302}\u{301}t a\u{31b}",
    "諮詢 咨询 兒童發展 體檢 區役所 電話",
    "Bé CHẬM NÓI, chăm sóc nơi ở; khoẻ khỏe HOÀ hòa thuỷ thủy",
    "cha\u{323}\u{302}m no\u{301}i ǅ ǆ ǿ İ Ǖ ǘ café naïve",
];

/// Rust's spellings of `text`.
fn rust_spellings(text: &str) -> Spellings {
    let mut out = Vec::new();
    spellings(text, |key, folded| out.push((key, folded.to_string())));
    out
}

#[test]
fn rust_and_js_tokenizers_agree() {
    let js = js_tokens(&json!(tables()), CORPUS);
    assert_eq!(js.len(), CORPUS.len());
    for (text, (js_tokens, js_squash, js_spaced, js_spellings)) in CORPUS.iter().zip(&js) {
        // Thesaurus words are matched in queries as these keys.
        assert_eq!(&spaced(text), js_spaced, "spaced keys differ for {text:?}");
        assert_eq!(&tokenize(text), js_tokens, "tokens differ for {text:?}");
        assert_eq!(
            &squash(text),
            js_squash,
            "squashed keys differ for {text:?}"
        );
        assert_eq!(
            &rust_spellings(text),
            js_spellings,
            "spellings differ for {text:?}"
        );
    }
    // Guard against both sides agreeing on nothing.
    assert!(js.iter().filter(|(t, ..)| !t.is_empty()).count() > CORPUS.len() - 4);
    // Both sides keep the diacritics a folded word lost, whatever the tone's placement.
    let vi = &js[CORPUS.len() - 2].3;
    assert_eq!(vi.len(), 13, "{vi:?}");
    assert!(vi.contains(&(spelling("chậm"), "cham".into())));
    assert_eq!(vi[7], vi[8], "khoẻ and khỏe are one spelling");
    assert_eq!(vi[9], vi[10], "hoà and hòa are one spelling");
    assert_ne!(spelling("chậm"), spelling("chăm"));
    assert_eq!(tokenize("ｺｰﾃﾞｨﾈｰﾀｰ"), tokenize("コーディネーター"));
    assert_eq!(tokenize("ヴァ"), ["ゔぁ"]);
    let vi = js_tokens(&json!(tables()), &["tư vấn", "tu van", "諮詢", "咨询"]);
    assert_eq!(vi[0].0, ["tu", "van"], "the client drops diacritics");
    assert_eq!(vi[0].0, vi[1].0);
    assert_eq!(
        vi[2].0,
        ["咨询"],
        "the client folds traditional to simplified"
    );
    assert_eq!(vi[2].0, vi[3].0);
}

/// search.js reads its character classes from the tables it is given: with one entry of
/// the word class taken out (digits) and one fold removed (katakana), its tokens change
/// exactly as they would in Rust with those tables. So the tables in tokenize.rs, which the
/// manifest carries, are what both sides cut with.
#[test]
fn the_client_cuts_with_the_tables_it_is_given() {
    let shipped = json!(tables());
    let mut changed = shipped.clone();
    let digits = json!(['0' as u32, '9' as u32]);
    changed["word"]
        .as_array_mut()
        .unwrap()
        .retain(|r| *r != digits);
    changed["fold"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f[0] != json!('ァ' as u32));
    changed["letters"] = json!([]);
    changed["variants"] = json!([]);
    let texts = ["1歳6ヶ月 42", "コトバ", "vấn 諮詢", "khoẻ khỏe"];
    let before = js_tokens(&shipped, &texts);
    let after = js_tokens(&changed, &texts);
    assert_eq!(before[0].0, ["1", "歳", "6", "か月", "42"]);
    assert_eq!(before[1].0, ["こと", "とば"]);
    for (text, js) in texts.iter().zip(&before) {
        assert_eq!(&tokenize(text), &js.0);
    }
    // Without the digit range, digits separate (and are dropped); without the katakana fold,
    // コトバ stays katakana.
    assert_eq!(after[0].0, ["歳", "か月"]);
    assert_eq!(after[1].0, ["コト", "トバ"]);
    // Without the letters and variants, the diacritics and 諮詢 stay.
    assert_eq!(before[2].0, ["van", "咨询"]);
    assert_eq!(after[2].0, ["vấn", "諮詢"]);
    // Without the tones, where the tone sits tells two spellings apart.
    let mut toneless = shipped.clone();
    toneless["tones"] = json!([]);
    let after = js_tokens(&toneless, &texts[3..]);
    assert_eq!(before[3].3.len(), 2);
    assert_eq!(before[3].3[0], before[3].3[1]);
    assert_ne!(after[0].3[0].0, after[0].3[1].0);
}

/// No character class or fold is written in search.js itself: none of the tables' code
/// points appears there as a number or an escape.
#[test]
fn search_js_spells_no_table_of_its_own() {
    let js =
        std::fs::read_to_string(common::repo().join("themes/default/static/search.js")).unwrap();
    let mut points: Vec<u32> = Vec::new();
    for &(a, b) in CJK.iter().chain(WORD) {
        points.extend([a as u32, b as u32]);
    }
    for &(a, b, _) in FOLD {
        points.extend([a as u32, b as u32]);
    }
    points.extend(TONES.iter().map(|&c| c as u32));
    points.extend(JOINING_MARKS.iter().map(|&c| c as u32));
    for &(a, b) in VARIANTS.iter().chain(letters()) {
        points.extend([a as u32, b as u32]);
    }
    for p in points {
        for spelled in [
            format!("0x{p:x}"),
            format!("\\u{p:04x}"),
            format!("\\u{{{p:x}}}"),
        ] {
            assert!(
                !js.to_lowercase().contains(&spelled),
                "search.js spells {spelled}"
            );
        }
    }
    assert!(!js.contains("0x"), "search.js has a hexadecimal literal");
}
