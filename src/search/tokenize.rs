//! The search tokenizer. themes/default/static/search.js implements the same rules, and
//! tests/search_tokenizer.rs checks that both give identical tokens, because a query only
//! finds what the index was built from when both sides cut text the same way.
//!
//! Rules: Unicode NFKC (half-width kana, ①, ㈱ and full-width Latin become ordinary text),
//! lowercase, katakana folded to hiragana (parents type either), then runs of kana/kanji
//! are cut into overlapping bigrams (no dictionary, so unknown words and abbreviations like
//! 児相 still match), and runs of Latin letters and digits are words.

use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Other,
}

/// Katakana → hiragana; small ヵ/ヶ read as か in 「1歳6ヶ月」, so they fold to か.
fn fold(c: char) -> char {
    match c {
        'ヵ' | 'ヶ' | 'ゕ' | 'ゖ' => 'か',
        'ァ'..='ヴ' | 'ヽ' | 'ヾ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

fn class(c: char) -> Class {
    match c {
        // Kana and ー, but not the middle dot ・ or lone (semi-)voiced marks: those separate.
        '\u{3041}'..='\u{3096}'
        | '\u{309D}'..='\u{309F}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'..='\u{30FF}'
        | '\u{3005}'..='\u{3007}' // 々 〆 〇
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}' => Class::Cjk,
        '0'..='9' | 'a'..='z' | '\u{DF}'..='\u{F6}' | '\u{F8}'..='\u{FF}' | '\u{100}'..='\u{24F}' => Class::Word,
        _ => Class::Other,
    }
}

/// NFKC, lowercase and kana folding: the text both sides tokenize.
pub fn normalize(text: &str) -> String {
    let lower = text.nfkc().collect::<String>().to_lowercase();
    lower.chars().map(fold).collect()
}

/// Runs of one class, each with its class, from normalized text.
fn runs(norm: &str) -> Vec<(Class, Vec<char>)> {
    let mut out: Vec<(Class, Vec<char>)> = Vec::new();
    for c in norm.chars() {
        let k = class(c);
        match out.last_mut() {
            Some((last, run)) if *last == k && k != Class::Other => run.push(c),
            _ if k == Class::Other => out.push((k, Vec::new())),
            _ => out.push((k, vec![c])),
        }
    }
    out.retain(|(k, r)| *k != Class::Other && !r.is_empty());
    out
}

pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for (k, run) in runs(&normalize(text)) {
        if k == Class::Cjk && run.len() > 1 {
            tokens.extend(run.windows(2).map(|w| w.iter().collect::<String>()));
        } else {
            tokens.push(run.iter().collect());
        }
    }
    tokens
}

/// The whole text as one key without separators, so 「児相」 can be matched exactly against
/// an alias even though 障がい児相談支援 contains the same bigram.
pub fn squash(text: &str) -> String {
    runs(&normalize(text))
        .into_iter()
        .flat_map(|(_, r)| r)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_words_and_folding() {
        assert_eq!(
            tokenize("ｺｰﾃﾞｨﾈｰﾀｰ"),
            ["こー", "ーで", "でぃ", "ぃね", "ねー", "ーた", "たー"]
        );
        assert_eq!(tokenize("1歳半健診"), ["1", "歳半", "半健", "健診"]);
        assert_eq!(tokenize("Ｐａｒｅｎｔ training!"), ["parent", "training"]);
        assert_eq!(tokenize("㈱ 児"), ["株", "児"]);
        assert_eq!(tokenize("1歳6ヶ月"), tokenize("1歳6か月"));
        assert_eq!(squash("児相 (じそう)"), "児相じそう");
        assert!(tokenize("🙂 — ・").is_empty());
        assert_eq!(tokenize("ペア・トレ ゛"), ["ぺあ", "とれ"]);
    }
}
