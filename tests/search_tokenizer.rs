//! The browser client and the index builder must cut text identically, or queries miss
//! what was indexed. Runs themes/default/static/search.js under Node on awkward strings.

mod common;

use madoguchi::search::tokenize::{spaced, squash, tokenize};

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
];

#[test]
fn rust_and_js_tokenizers_agree() {
    let js: Vec<(Vec<String>, String, String)> = common::node_json("tokens.mjs", &[], &CORPUS);
    assert_eq!(js.len(), CORPUS.len());
    for (text, (js_tokens, js_squash, js_spaced)) in CORPUS.iter().zip(&js) {
        // Thesaurus words are matched in queries as these keys.
        assert_eq!(&spaced(text), js_spaced, "spaced keys differ for {text:?}");
        assert_eq!(&tokenize(text), js_tokens, "tokens differ for {text:?}");
        assert_eq!(
            &squash(text),
            js_squash,
            "squashed keys differ for {text:?}"
        );
    }
    // Guard against both sides agreeing on nothing.
    assert!(js.iter().filter(|(t, _, _)| !t.is_empty()).count() > CORPUS.len() - 4);
    assert_eq!(tokenize("ｺｰﾃﾞｨﾈｰﾀｰ"), tokenize("コーディネーター"));
    assert_eq!(tokenize("ヴァ"), ["ゔぁ"]);
}
