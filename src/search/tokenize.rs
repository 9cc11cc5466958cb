//! The search tokenizer. themes/default/static/search.js implements the same rules over the
//! tables defined here (shipped in the index manifest), and tests/search_tokenizer.rs checks
//! that both give identical tokens, because a query only finds what the index was built from
//! when both sides cut text the same way.
//!
//! Rules: Unicode NFKC (half-width kana, ①, ㈱ and full-width Latin become ordinary text),
//! lowercase, katakana folded to hiragana (parents type either), then runs of kana/kanji
//! are cut into overlapping bigrams (no dictionary, so unknown words and abbreviations like
//! 児相 still match), and runs of Latin letters and digits are words. Latin letters lose
//! their diacritics (Vietnamese "tu van" finds "tư vấn") and common traditional Chinese
//! characters fold to their simplified form (諮詢 finds 咨询). A word's diacritics are kept
//! apart as its spelling ([`spellings`]), so a query typed with them can rank the records
//! that spell its words the same above those that match only once folded (chậm, "slow",
//! above chăm, "care").

use serde::Serialize;
use std::sync::OnceLock;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

// The character tables below are the tokenizer's only source: the build ships them in each
// index manifest ([`tables`]) and search.js reads them from there, so changing an entry
// changes both sides.

/// Characters of kana/kanji runs, cut into bigrams: kana and ー, but not the middle dot ・
/// or lone (semi-)voiced marks (those separate), 々 〆 〇, and the CJK ideograph blocks.
pub const CJK: &[(char, char)] = &[
    ('\u{3041}', '\u{3096}'),
    ('\u{309D}', '\u{309F}'),
    ('\u{30A1}', '\u{30FA}'),
    ('\u{30FC}', '\u{30FF}'),
    ('\u{3005}', '\u{3007}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{20000}', '\u{2FFFF}'),
];

/// Characters of word runs, kept whole: digits and (lowercased) Latin letters.
pub const WORD: &[(char, char)] = &[
    ('0', '9'),
    ('a', 'z'),
    ('\u{DF}', '\u{F6}'),
    ('\u{F8}', '\u{FF}'),
    ('\u{100}', '\u{24F}'),
    ('\u{1E00}', '\u{1EFF}'),
];

/// Traditional Chinese characters folded to their simplified form, `(traditional,
/// simplified)`, sorted: the common characters of this site's subjects (health, checkups,
/// consultation, wards, phones), so a parent who types either finds the other. Only pairs
/// whose simplified form is not a different common Japanese word are listed (裏/裡 → 里
/// would join 里親), because the same fold applies to the Japanese index.
pub const VARIANTS: &[(char, char)] = &[
    ('來', '来'),
    ('個', '个'),
    ('們', '们'),
    ('傳', '传'),
    ('優', '优'),
    ('兒', '儿'),
    ('內', '内'),
    ('兩', '两'),
    ('別', '别'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('區', '区'),
    ('協', '协'),
    ('員', '员'),
    ('問', '问'),
    ('國', '国'),
    ('園', '园'),
    ('團', '团'),
    ('報', '报'),
    ('媽', '妈'),
    ('嬰', '婴'),
    ('學', '学'),
    ('實', '实'),
    ('寫', '写'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('師', '师'),
    ('幫', '帮'),
    ('幾', '几'),
    ('後', '后'),
    ('從', '从'),
    ('復', '复'),
    ('愛', '爱'),
    ('態', '态'),
    ('慮', '虑'),
    ('憂', '忧'),
    ('憶', '忆'),
    ('應', '应'),
    ('戶', '户'),
    ('擇', '择'),
    ('擔', '担'),
    ('斷', '断'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('東', '东'),
    ('業', '业'),
    ('標', '标'),
    ('樣', '样'),
    ('機', '机'),
    ('檢', '检'),
    ('歲', '岁'),
    ('歷', '历'),
    ('況', '况'),
    ('準', '准'),
    ('為', '为'),
    ('無', '无'),
    ('狀', '状'),
    ('獨', '独'),
    ('環', '环'),
    ('產', '产'),
    ('異', '异'),
    ('當', '当'),
    ('療', '疗'),
    ('發', '发'),
    ('確', '确'),
    ('碼', '码'),
    ('礎', '础'),
    ('礙', '碍'),
    ('種', '种'),
    ('約', '约'),
    ('級', '级'),
    ('紹', '绍'),
    ('結', '结'),
    ('絡', '络'),
    ('給', '给'),
    ('統', '统'),
    ('經', '经'),
    ('網', '网'),
    ('緒', '绪'),
    ('線', '线'),
    ('練', '练'),
    ('縣', '县'),
    ('總', '总'),
    ('習', '习'),
    ('聲', '声'),
    ('職', '职'),
    ('聽', '听'),
    ('與', '与'),
    ('處', '处'),
    ('號', '号'),
    ('衛', '卫'),
    ('補', '补'),
    ('見', '见'),
    ('視', '视'),
    ('親', '亲'),
    ('計', '计'),
    ('訊', '讯'),
    ('訓', '训'),
    ('託', '托'),
    ('設', '设'),
    ('診', '诊'),
    ('詢', '询'),
    ('話', '话'),
    ('該', '该'),
    ('認', '认'),
    ('語', '语'),
    ('說', '说'),
    ('課', '课'),
    ('談', '谈'),
    ('請', '请'),
    ('諮', '咨'),
    ('證', '证'),
    ('議', '议'),
    ('護', '护'),
    ('讀', '读'),
    ('變', '变'),
    ('讓', '让'),
    ('責', '责'),
    ('費', '费'),
    ('貼', '贴'),
    ('資', '资'),
    ('質', '质'),
    ('車', '车'),
    ('較', '较'),
    ('辦', '办'),
    ('這', '这'),
    ('進', '进'),
    ('過', '过'),
    ('達', '达'),
    ('選', '选'),
    ('還', '还'),
    ('邊', '边'),
    ('醫', '医'),
    ('鐘', '钟'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('際', '际'),
    ('險', '险'),
    ('雙', '双'),
    ('難', '难'),
    ('電', '电'),
    ('預', '预'),
    ('頭', '头'),
    ('題', '题'),
    ('類', '类'),
    ('顧', '顾'),
    ('養', '养'),
    ('館', '馆'),
    ('驗', '验'),
    ('體', '体'),
    ('麼', '么'),
    ('點', '点'),
    ('齒', '齿'),
    ('齡', '龄'),
];

/// The Unicode blocks whose letters may carry diacritics: Latin-1, Extended-A/B and
/// Latin Extended Additional (Vietnamese ấ ầ ẩ ẫ ậ …).
const LATIN_WITH_DIACRITICS: &[(char, char)] = &[('\u{C0}', '\u{24F}'), ('\u{1E00}', '\u{1EFF}')];

/// Vietnamese tone marks (grave, acute, tilde, hook above, dot below). A spelling key
/// ([`spelling`]) moves them to the end of the word, so the old and new placements of a
/// tone ("khoẻ", "khỏe") are one spelling; the marks that make a vowel another letter
/// (ă â ê ô ơ ư) stay on their letter.
pub const TONES: &[char] = &['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Kana folding after NFKC and lowercasing, `(first, last, shift)`: a character in the
/// range becomes the one `shift` code points away. Katakana → hiragana (parents type
/// either); small ヵ/ヶ read as か in 「1歳6ヶ月」, so they fold to か.
pub const FOLD: &[(char, char, i32)] = &[
    ('ヵ', 'ヵ', 'か' as i32 - 'ヵ' as i32),
    ('ヶ', 'ヶ', 'か' as i32 - 'ヶ' as i32),
    ('ゕ', 'ゕ', 'か' as i32 - 'ゕ' as i32),
    ('ゖ', 'ゖ', 'か' as i32 - 'ゖ' as i32),
    ('ァ', 'ヴ', -0x60),
    ('ヽ', 'ヾ', -0x60),
];

/// (Semi-)voiced marks that join the character before them when the client maps a snippet
/// back to the original text: ﾊﾞ normalizes to ば only together.
pub const JOINING_MARKS: &[char] = &['\u{FF9E}', '\u{FF9F}', '\u{3099}', '\u{309A}'];

/// Latin letters folded to their base letter, `(letter, base)`, sorted: every letter of
/// `LATIN_WITH_DIACRITICS` whose canonical decomposition is an ASCII letter followed by
/// combining marks (ấ → a, ư → u), and đ → d, which has none. Derived from Unicode's own
/// decompositions rather than written out, so no letter is forgotten.
pub fn letters() -> &'static [(char, char)] {
    static LETTERS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    LETTERS.get_or_init(|| {
        let mut out: Vec<(char, char)> = LATIN_WITH_DIACRITICS
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .filter_map(|c| {
                let mut parts = std::iter::once(c).nfd();
                let base = parts.next().filter(char::is_ascii_alphabetic)?;
                let marks: Vec<char> = parts.collect();
                let all_marks = marks.iter().all(|m| ('\u{300}'..='\u{36F}').contains(m));
                (!marks.is_empty() && all_marks).then_some((c, base))
            })
            .chain([('Đ', 'D'), ('đ', 'd')])
            .collect();
        out.sort_unstable();
        out
    })
}

/// [`letters`] and [`VARIANTS`] in one sorted table, looked up by [`fold`].
fn char_map() -> &'static [(char, char)] {
    static MAP: OnceLock<Vec<(char, char)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: Vec<(char, char)> = letters().iter().chain(VARIANTS).copied().collect();
        map.sort_unstable();
        map
    })
}

/// The tables as code point numbers, as the index manifest ships them (`tokenizer`; fields
/// in key order, as the manifest's JSON objects are written).
#[derive(Debug, Serialize)]
pub struct Tables {
    cjk: Vec<[u32; 2]>,
    fold: Vec<(u32, u32, i32)>,
    letters: Vec<[u32; 2]>,
    marks: Vec<u32>,
    tones: Vec<u32>,
    variants: Vec<[u32; 2]>,
    word: Vec<[u32; 2]>,
}

/// [`CJK`], [`WORD`], [`FOLD`], [`letters`], [`VARIANTS`], [`JOINING_MARKS`] and
/// [`TONES`] for search.js.
pub fn tables() -> Tables {
    let ranges = |t: &[(char, char)]| t.iter().map(|&(a, b)| [a as u32, b as u32]).collect();
    Tables {
        cjk: ranges(CJK),
        word: ranges(WORD),
        fold: FOLD
            .iter()
            .map(|&(a, b, s)| (a as u32, b as u32, s))
            .collect(),
        letters: ranges(letters()),
        marks: JOINING_MARKS.iter().map(|&c| c as u32).collect(),
        tones: TONES.iter().map(|&c| c as u32).collect(),
        variants: ranges(VARIANTS),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Other,
}

/// The folded form of `c` ([`FOLD`], then [`letters`] and [`VARIANTS`]).
fn fold(c: char) -> char {
    if c < '\u{C0}' {
        return c;
    }
    if let Some(&(_, _, shift)) = FOLD.iter().find(|&&(a, b, _)| (a..=b).contains(&c)) {
        return char::from_u32((c as i32 + shift) as u32).unwrap_or(c);
    }
    let map = char_map();
    match map.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(i) => map[i].1,
        Err(_) => c,
    }
}

fn class(c: char) -> Class {
    let within = |t: &[(char, char)]| t.iter().any(|&(a, b)| (a..=b).contains(&c));
    if within(CJK) {
        Class::Cjk
    } else if within(WORD) {
        Class::Word
    } else {
        Class::Other
    }
}

/// NFKC and lowercase: the text before folding, whose words keep their diacritics.
fn lowered(text: &str) -> String {
    // Text the quick check finds in NFKC already (all ASCII, most Japanese) is what NFKC
    // would return, so it is not normalized again; fewer copies are made, same result.
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        lowercase(text)
    } else {
        lowercase(&text.nfkc().collect::<String>())
    }
}

/// Kana, kanji and CJK punctuation: characters without case, whose lowercase is themselves
/// (the tests check each one).
const CASELESS: &[(char, char)] = &[('\u{3000}', '\u{9FFF}'), ('\u{F900}', '\u{FAFF}')];

/// `text.to_lowercase()`. Japanese text is mostly characters without case: it is copied
/// with its ASCII letters lowered instead of looking every character up in the case table.
fn lowercase(text: &str) -> String {
    let caseless = |c: char| CASELESS.iter().any(|&(a, b)| (a..=b).contains(&c));
    if text.chars().all(|c| c.is_ascii() || caseless(c)) {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// Characters from which NFKC and lowercasing make no letter with diacritics: ASCII, kana,
/// kanji, CJK punctuation and full-width ASCII (the tests check each one, alone and after
/// a letter). Text made of them has no [`spellings`].
const SPELLED_PLAIN: &[(char, char)] = &[
    ('\u{0}', '\u{7F}'),
    ('\u{3000}', '\u{303F}'),
    ('\u{3041}', '\u{3096}'),
    ('\u{309D}', '\u{30FF}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{FF01}', '\u{FF5E}'),
    ('\u{20000}', '\u{2FFFF}'),
];

/// NFKC, lowercase and kana folding: the text both sides tokenize.
pub fn normalize(text: &str) -> String {
    let lower = lowered(text);
    if lower.chars().all(|c| fold(c) == c) {
        return lower;
    }
    let mut folded = String::with_capacity(lower.len());
    folded.extend(lower.chars().map(fold));
    folded
}

/// Runs of one class (kana/kanji or letters/digits) in normalized text, as slices of it:
/// other characters separate runs and are dropped.
fn runs(norm: &str) -> impl Iterator<Item = (Class, &str)> {
    let mut chars = norm
        .char_indices()
        .map(|(i, c)| (i, c, class(c)))
        .peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c, k) = chars.next()?;
            if k == Class::Other {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some((i, c, _)) = chars.next_if(|&(_, _, next)| next == k) {
                end = i + c.len_utf8();
            }
            return Some((k, &norm[start..end]));
        }
    })
}

/// Calls `token` with each token of normalized text `norm`, a slice of it: runs of
/// kana/kanji cut into overlapping bigrams (a lone character stays one), other runs whole.
pub(crate) fn tokens_of<'a>(norm: &'a str, mut token: impl FnMut(&'a str)) {
    for (k, run) in runs(norm) {
        // Character boundaries after the first: a bigram spans three consecutive ones.
        let mut ends = run
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain([run.len()]);
        match ends.next() {
            Some(mut b) if k == Class::Cjk && b < run.len() => {
                let mut a = 0;
                for c in ends {
                    token(&run[a..c]);
                    (a, b) = (b, c);
                }
            }
            _ => token(run),
        }
    }
}

/// The index's tokens of `text`: normalized words, CJK runs as bigrams.
pub fn tokenize(text: &str) -> Vec<String> {
    let norm = normalize(text);
    let mut tokens = Vec::new();
    tokens_of(&norm, |t| tokens.push(t.to_string()));
    tokens
}

/// The whole text as one key without separators, so 「児相」 can be matched exactly against
/// an alias even though 障がい児相談支援 contains the same bigram.
pub fn squash(text: &str) -> String {
    runs(&normalize(text)).map(|(_, r)| r).collect()
}

/// The runs of the normalized text joined by one space: how a thesaurus word is matched
/// inside a query (`thesaurus::key`), whatever separates its words.
pub fn spaced(text: &str) -> String {
    let norm = normalize(text);
    let runs: Vec<&str> = runs(&norm).map(|(_, r)| r).collect();
    runs.join(" ")
}

/// The key telling a word (NFKC, lowercase, not folded) apart from the other words it folds
/// to: its canonical decomposition with the [`TONES`] moved to the end, recomposed.
pub fn spelling(word: &str) -> String {
    let (mut rest, mut tones) = (String::new(), String::new());
    for c in word.nfd() {
        if TONES.contains(&c) {
            tones.push(c);
        } else {
            rest.push(c);
        }
    }
    rest.push_str(&tones);
    rest.nfc().collect()
}

/// Calls `each` with the [`spelling`] of each word of `text` that folding changes (a Latin
/// word with diacritics, "chậm"), and the folded word the index holds for it ("cham").
pub fn spellings(text: &str, mut each: impl FnMut(String, &str)) {
    // Most texts (English, Japanese) have no character a spelling could come from: they
    // are not lowered a second time (the index has lowered them for their words).
    let plain = |c: char| SPELLED_PLAIN.iter().any(|&(a, b)| (a..=b).contains(&c));
    if text.chars().all(plain) {
        return;
    }
    // A character and its folded form are of one class, so the runs of the lowered text
    // are those of the normalized text, letter by letter.
    let lower = lowered(text);
    if lower.is_ascii() {
        return;
    }
    let mut folded = String::new();
    for (k, word) in runs(&lower) {
        if k != Class::Word || word.is_ascii() {
            continue;
        }
        folded.clear();
        folded.extend(word.chars().map(fold));
        if folded != word {
            each(spelling(word), &folded);
        }
    }
}

/// The first implementation, which collected every run and step into new strings and
/// vectors: the tests check the faster one above against it.
#[cfg(test)]
mod reference {
    use super::{Class, class, fold};
    use unicode_normalization::UnicodeNormalization;

    /// NFKC, lowercase and kana folding: the text both sides tokenize.
    pub(super) fn normalize(text: &str) -> String {
        let lower = text.nfkc().collect::<String>().to_lowercase();
        lower.chars().map(fold).collect()
    }

    /// [`super::spellings`] as pairs, every text lowered with the standard library.
    pub(super) fn spellings(text: &str) -> Vec<(String, String)> {
        let lower = text.nfkc().collect::<String>().to_lowercase();
        let mut out = Vec::new();
        for (k, run) in runs(&lower) {
            let word: String = run.iter().collect();
            let folded: String = run.iter().copied().map(fold).collect();
            if k == Class::Word && folded != word {
                out.push((super::spelling(&word), folded));
            }
        }
        out
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

    pub(super) fn tokenize(text: &str) -> Vec<String> {
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
    pub(super) fn squash(text: &str) -> String {
        runs(&normalize(text))
            .into_iter()
            .flat_map(|(_, r)| r)
            .collect()
    }
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
        // 診 is indexed as its simplified form 诊 ([`VARIANTS`]), on both sides.
        assert_eq!(tokenize("1歳半健診"), ["1", "歳半", "半健", "健诊"]);
        assert_eq!(tokenize("Ｐａｒｅｎｔ training!"), ["parent", "training"]);
        assert_eq!(tokenize("㈱ 児"), ["株", "児"]);
        assert_eq!(tokenize("1歳6ヶ月"), tokenize("1歳6か月"));
        assert_eq!(squash("児相 (じそう)"), "児相じそう");
        assert!(tokenize("🙂 — ・").is_empty());
        assert_eq!(tokenize("ペア・トレ ゛"), ["ぺあ", "とれ"]);
    }

    /// Vietnamese is found without its diacritics (đ → d), and traditional Chinese by its
    /// simplified form; Japanese kana keep their voiced marks.
    #[test]
    fn diacritics_and_chinese_variants_fold() {
        assert_eq!(tokenize("Tư vấn"), ["tu", "van"]);
        assert_eq!(tokenize("tư vấn"), tokenize("tu van"));
        assert_eq!(
            tokenize("ĐÀ NẴNG, Phát triển"),
            ["da", "nang", "phat", "trien"]
        );
        assert_eq!(tokenize("諮詢 兒童發展"), tokenize("咨询 儿童发展"));
        assert_eq!(tokenize("兒童發展"), ["儿童", "童发", "发展"]);
        assert_eq!(tokenize("ばぱ ガ"), ["ばぱ", "が"]);
        assert_eq!(tokenize("straße ø"), ["straße", "ø"]);
    }

    /// A word keeps its diacritics in its spelling, however its tone was placed or its
    /// letters composed; words without diacritics have none.
    #[test]
    fn spellings_tell_folded_words_apart() {
        let all = |text: &str| {
            let mut out = Vec::new();
            spellings(text, |key, folded| out.push((key, folded.to_string())));
            out
        };
        let key = |s: &str| (spelling(s), tokenize(s)[0].clone());
        assert_eq!(
            all("Bé CHẬM nói, chăm sóc"),
            [key("bé"), key("chậm"), key("nói"), key("chăm"), key("sóc")]
        );
        assert_ne!(spelling("chậm"), spelling("chăm"));
        // Old and new tone placement, and decomposed input, are one spelling.
        assert_eq!(spelling("khoẻ"), spelling("khỏe"));
        assert_eq!(spelling("hoà"), spelling("hòa"));
        assert_eq!(all("cha\u{323}\u{302}m"), [key("chậm")]);
        assert!(all("tu van 児童 straße ø Kumamoto").is_empty());
        assert_eq!(all("Café 1歳"), [key("café")]);
        // A tone moved after a consonant stays a combining mark in the key: the folded word
        // comes with it, since normalizing the key would keep the mark.
        assert_eq!(all("những tốt"), [key("những"), key("tốt")]);
        assert_eq!(all("tốt")[0].1, "tot");
        assert_ne!(normalize(&spelling("tốt")), "tot");
    }

    /// [`spellings`] cuts the lowered text into the runs of the normalized text: no
    /// character that lowercasing leaves alone changes class when folded.
    #[test]
    fn folding_keeps_the_class() {
        for c in (0..=0x3FFFF).filter_map(char::from_u32) {
            if c.to_lowercase().eq([c]) {
                assert!(
                    class(fold(c)) == class(c),
                    "{c:?} changes class when folded"
                );
            }
        }
    }

    /// The fast paths' character tables hold what they say: characters without case
    /// ([`lowercase`]), and characters that make no spelling alone or after a letter
    /// ([`spellings`]; NFKC composes a letter only with a combining mark that follows it).
    #[test]
    fn fast_path_tables_hold() {
        let within = |t: &[(char, char)]| t.iter().flat_map(|&(a, b)| a..=b).collect::<Vec<char>>();
        for c in within(CASELESS) {
            assert!(c.to_lowercase().eq([c]), "{c:?} has a lowercase");
        }
        for c in within(SPELLED_PLAIN) {
            for text in [c.to_string(), format!("a{c}"), format!("O{c}")] {
                assert_eq!(reference::spellings(&text), [], "{text:?} has a spelling");
            }
        }
    }

    /// The variant table is sorted (it is searched by halves), lists each character once and
    /// never folds to a character it folds further.
    #[test]
    fn variant_table_is_sorted_and_folds_once() {
        assert!(
            VARIANTS.windows(2).all(|w| w[0].0 < w[1].0),
            "sort VARIANTS"
        );
        for &(from, to) in VARIANTS.iter().chain(letters()) {
            assert_ne!(from, to);
            assert_eq!(fold(to), to, "{from} → {to} folds again");
        }
        assert!(letters().contains(&('ấ', 'a')) && letters().contains(&('ư', 'u')));
    }

    /// The fast paths change nothing: the shipped records' texts, awkward strings, and every
    /// assigned Unicode character in runs of neighbours (with and between kana) give what the first
    /// implementation gave.
    #[test]
    fn same_as_the_first_implementation() {
        let mut texts: Vec<String> = [
            "",
            "ΟΔΟΣ Σ ΣΑΣ",
            "İstanbul I\u{307}",
            "e\u{301} é ｶﾞｷﾞ ﾊﾟ ｳﾞ ゛゜",
            "ﬁ ǅ Å ㍻ ① ㈱ ㌢ ｱｲｳ ＡＢＣ",
            "ヴァイオリン ヽヾ ゝゞ ヵヶ ゕゖ 々〆〇",
            "𠮷野家 﨎 𠮷𠮷 한국어 ひ\u{3099}",
            "a\u{300}\u{301}\u{302} ア\u{3099}\u{309A}",
        ]
        .map(String::from)
        .to_vec();
        let (content, diags) = crate::load::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
        let content = content.unwrap_or_else(|| panic!("shipped content loads: {diags:?}"));
        let (ui, _) = crate::i18n::shipped();
        for lang in content.site.data.languages.langs() {
            let (_, docs) = crate::search::records::collect(&content, lang, &ui);
            for d in &docs {
                texts.extend(d.field_texts().map(String::from));
            }
        }
        // Planes 0 to 3 and the tags and variation selectors of plane 14: the rest is
        // unassigned or private use.
        let all: Vec<char> = (0..=0x3FFFF)
            .chain(0xE0000..=0xE01EF)
            .filter_map(char::from_u32)
            .collect();
        for run in all.chunks(16) {
            texts.push(run.iter().collect());
            texts.push(run.iter().flat_map(|&c| [c, 'ア']).collect());
            texts.push(run.iter().flat_map(|&c| ['a', c]).collect());
        }
        for t in &texts {
            let mut spelled = Vec::new();
            spellings(t, |key, folded| spelled.push((key, folded.to_string())));
            assert_eq!(spelled, reference::spellings(t), "{t:?}");
            assert_eq!(normalize(t), reference::normalize(t), "{t:?}");
            assert_eq!(tokenize(t), reference::tokenize(t), "{t:?}");
            assert_eq!(squash(t), reference::squash(t), "{t:?}");
        }
    }
}
