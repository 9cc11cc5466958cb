//! How readable a rendered page is for a parent who reads Japanese slowly (the
//! やさしい日本語 guidelines: short sentences, furigana on kanji): the page's visible text,
//! the kanji written without furigana, sentence length and the share of kanji. Read from
//! the built HTML, so it measures what a reader sees (`examples/readability.rs` prints it
//! for a site; tests use [`page_text`] to find kanji without furigana).

use crate::ruby::is_kanji;

/// What a reader sees of a page's `<body>`: its text (furigana readings left out) and
/// every run of kanji printed outside `<ruby>`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageText {
    /// The visible text; blocks (paragraphs, list items, headings…) on lines of their own.
    pub text: String,
    /// Runs of kanji not inside `<ruby>`, in page order (`熊本市`, `区役所`…).
    pub bare_kanji: Vec<String>,
}

/// Elements whose content a reader does not see as text.
const HIDDEN: [&str; 7] = ["head", "script", "style", "template", "rt", "rp", "svg"];
/// Elements that stay inside a line of text.
const INLINE: [&str; 12] = [
    "a", "span", "strong", "em", "b", "i", "small", "abbr", "code", "ruby", "rt", "rp",
];

/// The visible text of `html` and its kanji without furigana.
pub fn page_text(html: &str) -> PageText {
    let mut page = PageText::default();
    let (mut hidden, mut ruby) = (0usize, 0usize);
    let mut run = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let (text, after) = rest.split_once('<').unwrap_or((rest, ""));
        if hidden == 0 {
            for c in decode(text).chars() {
                if is_kanji(c) && ruby == 0 {
                    run.push(c);
                } else if !run.is_empty() {
                    page.bare_kanji.push(std::mem::take(&mut run));
                }
                page.text.push(c);
            }
        }
        let (tag, after) = after.split_once('>').unwrap_or((after, ""));
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag.ends_with('/');
        let step = |n: &mut usize| {
            if closing {
                *n = n.saturating_sub(1);
            } else if !self_closing {
                *n += 1;
            }
        };
        if HIDDEN.contains(&name.as_str()) {
            step(&mut hidden);
        }
        if name == "ruby" {
            step(&mut ruby);
        }
        if !name.is_empty() && !INLINE.contains(&name.as_str()) {
            if !run.is_empty() {
                page.bare_kanji.push(std::mem::take(&mut run));
            }
            if !page.text.ends_with('\n') {
                page.text.push('\n');
            }
        }
        rest = after;
    }
    if !run.is_empty() {
        page.bare_kanji.push(run);
    }
    page
}

/// The entities the templates' escaping writes, and the non-breaking space.
fn decode(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .into()
}

/// Sentence length and share of kanji of a text.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Readability {
    /// Sentences counted (ended by 。, ！, ？ or a line break).
    pub sentences: usize,
    /// Mean characters per sentence (spaces not counted).
    pub mean_sentence: f64,
    /// Characters of the longest sentence.
    pub longest_sentence: usize,
    /// Kanji among the letters (kana, kanji, Latin letters, digits).
    pub kanji_share: f64,
}

/// Splits `text` into sentences (at 。！？!? and line ends) and measures them.
pub fn readability(text: &str) -> Readability {
    let sentences: Vec<usize> = text
        .split(['。', '！', '？', '!', '?', '\n'])
        .map(|s| s.chars().filter(|c| !c.is_whitespace()).count())
        .filter(|&n| n > 0)
        .collect();
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    let kanji = text.chars().filter(|&c| is_kanji(c)).count();
    let total: usize = sentences.iter().sum();
    Readability {
        sentences: sentences.len(),
        mean_sentence: total as f64 / sentences.len().max(1) as f64,
        longest_sentence: sentences.iter().copied().max().unwrap_or(0),
        kanji_share: kanji as f64 / letters.max(1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_kanji_outside_ruby_in_visible_text_only() {
        let html = "<html><head><title>題名</title><script>var 漢=1;</script></head><body>\
            <p><ruby>発達<rp>(</rp><rt>はったつ</rt><rp>)</rp></ruby>の相談は<a href=\"x\">区役所</a>へ。</p>\
            <svg><text>図</text></svg><p>ひらがな &amp; カタカナ</p></body></html>";
        let page = page_text(html);
        assert_eq!(page.bare_kanji, vec!["相談", "区役所"]);
        assert!(
            page.text.contains("発達の相談は区役所へ。"),
            "{:?}",
            page.text
        );
        assert!(!page.text.contains("はったつ") && !page.text.contains("題名"));
        assert!(page.text.contains("ひらがな & カタカナ"));
    }

    #[test]
    fn measures_sentences_and_kanji() {
        let r = readability("発達の相談です。\nくやくしょに でんわ します！");
        assert_eq!(r.sentences, 2);
        assert_eq!(r.longest_sentence, 12);
        assert!((r.mean_sentence - 9.5).abs() < 1e-9, "{r:?}");
        assert!((r.kanji_share - 4.0 / 19.0).abs() < 1e-9, "{r:?}");
    }
}
