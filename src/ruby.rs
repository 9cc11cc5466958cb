//! Ruby (furigana) markup: authors write `{漢字|かんじ}` inline in any text (YAML, i18n
//! words, Markdown). Pages show it as `<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>`;
//! plain-text places (title tag, feed, open data, search snippets) keep only the base
//! text; the search index also holds the reading. `{name}` without `|` is not ruby (the
//! interface words' `fill` placeholders use it) and stays as written.
//!
//! Only well-formed markup is turned into ruby; anything else is printed as written
//! (escaped), and `check` says what is wrong with it so `check`/`build` report it.

use crate::diag::Diagnostic;
use crate::text::pos_of_offset;
use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

/// What is wrong with one piece of ruby markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// `{漢字|かんじ` without the closing `}` on the same line.
    Unclosed,
    /// `{|かんじ}`
    EmptyBase,
    /// `{漢字|}`
    EmptyReading,
    /// `{漢{字|じ}}` or `{漢字|{かんじ}}`
    Nested,
    /// `{漢字|kanji}` or `{漢字|か|んじ}`: a reading is hiragana, katakana, ー and spaces.
    NotKana,
}

impl Problem {
    /// What is wrong, for the diagnostic's message.
    pub(crate) fn message(self) -> &'static str {
        match self {
            Problem::Unclosed => "furigana markup `{…|…` is not closed with `}` on this line",
            Problem::EmptyBase => "furigana markup has no text before `|`",
            Problem::EmptyReading => "furigana markup has no reading after `|`",
            Problem::Nested => "furigana markup has a `{` inside another `{…|…}`",
            Problem::NotKana => "the reading of furigana markup is not kana",
        }
    }

    /// How to fix it, for the diagnostic's help.
    pub(crate) fn help(self) -> &'static str {
        match self {
            Problem::Unclosed => {
                "write furigana as `{漢字|かんじ}` on one line: add the closing `}` after the reading"
            }
            Problem::EmptyBase => {
                "write the kanji before `|`, as in `{漢字|かんじ}`, or remove the braces"
            }
            Problem::EmptyReading => {
                "write the reading after `|`, as in `{漢字|かんじ}`, or remove the braces"
            }
            Problem::Nested => {
                "ruby cannot be nested: mark each word once, as in `{発達|はったつ}{支援|しえん}`"
            }
            Problem::NotKana => {
                "write the reading in hiragana or katakana (ー and spaces allowed), as in `{漢字|かんじ}`; a literal `|` inside braces is read as furigana"
            }
        }
    }
}

/// One `{…|…}` found in a text: its byte range and either its parts or what is wrong.
struct Markup<'a> {
    start: usize,
    end: usize,
    parts: Result<(&'a str, &'a str), Problem>,
}

/// True for a character a reading may hold: hiragana, katakana, the long vowel mark and
/// iteration marks, and spaces (between the readings of several words).
fn is_reading_char(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{309d}' | '\u{309e}' | '\u{30a1}'..='\u{30fa}')
        || matches!(c, 'ー' | 'ヽ' | 'ヾ' | ' ' | '\u{3000}')
}

/// The first of `stops` at or after byte `from` (all ASCII), with its byte.
fn find_stop(text: &str, from: usize, stops: &[u8]) -> Option<(usize, u8)> {
    let i = text.as_bytes()[from..]
        .iter()
        .position(|b| stops.contains(b))?;
    Some((from + i, text.as_bytes()[from + i]))
}

/// The first markup at or after byte `from`: a `{` followed on its line by a `|` before
/// any `}`. Braces without `|` (placeholders) are skipped. Every byte is looked at a
/// bounded number of times, so hostile text stays linear.
fn next_markup(text: &str, mut from: usize) -> Option<Markup<'_>> {
    // A `{` skipped because another `{` followed it: `{漢{字|じ}}` is nested markup.
    let mut outer: Option<usize> = None;
    while let Some(open) = text[from..].find('{') {
        let start = from + open;
        match find_stop(text, start + 1, b"{}|\n") {
            Some((i, b'{')) => {
                outer = Some(start);
                from = i;
            }
            Some((bar, b'|')) => return Some(markup_from(text, start, bar, outer)),
            Some((i, _)) => {
                outer = None;
                from = i;
            }
            None => return None,
        }
    }
    None
}

/// The markup opened at `start` whose `|` is at `bar`; nested in the `{` at `outer` when
/// that one closes right after it.
fn markup_from(text: &str, start: usize, bar: usize, outer: Option<usize>) -> Markup<'_> {
    let (end, closed) = match find_stop(text, bar + 1, b"{}\n") {
        Some((i, b'}')) => (i + 1, true),
        Some((i, b'{')) => {
            return Markup {
                start,
                end: i,
                parts: Err(Problem::Nested),
            };
        }
        Some((i, _)) => (i, false),
        None => (text.len(), false),
    };
    if let (Some(outer), true) = (outer, closed)
        && let Some((i, b'}')) = find_stop(text, end, b"{}|\n")
    {
        return Markup {
            start: outer,
            end: i + 1,
            parts: Err(Problem::Nested),
        };
    }
    let inner = &text[start + 1..end - usize::from(closed)];
    Markup {
        start,
        end,
        parts: parts(inner, closed),
    }
}

fn parts(inner: &str, closed: bool) -> Result<(&str, &str), Problem> {
    if !closed {
        return Err(Problem::Unclosed);
    }
    let (base, reading) = inner.split_once('|').unwrap_or((inner, ""));
    if base.trim().is_empty() {
        Err(Problem::EmptyBase)
    } else if reading.trim().is_empty() {
        Err(Problem::EmptyReading)
    } else if !reading.chars().all(is_reading_char) {
        Err(Problem::NotKana)
    } else {
        Ok((base, reading))
    }
}

/// Every well-formed markup of `text` as (byte range, base, reading).
fn rubies(text: &str) -> impl Iterator<Item = (usize, usize, &str, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let m = next_markup(text, from)?;
            from = m.end;
            if let Ok((base, reading)) = m.parts {
                return Some((m.start, m.end, base, reading));
            }
        }
    })
}

/// True when `text` holds well-formed ruby markup.
pub(crate) fn has_ruby(text: &str) -> bool {
    text.contains('{') && rubies(text).next().is_some()
}

/// Every problem of the markup in `text`, with the byte offset of its `{`.
pub(crate) fn check(text: &str) -> Vec<(usize, Problem)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(m) = next_markup(text, from) {
        if let Err(p) = m.parts {
            found.push((m.start, p));
        }
        from = m.end.max(m.start + 1);
    }
    found
}

/// The diagnostics of the markup problems in a YAML file (records, `site.yaml`, the
/// interface words): each at the line and column of its `{`. Only a file whose text shows
/// a problem is walked value by value, so files without furigana cost one scan.
pub(crate) fn check_yaml(file: &Path, text: &str) -> Vec<Diagnostic> {
    if check(text).is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (value, start) in crate::yaml::scalars(text) {
        for (offset, problem) in check(&value) {
            let pos = locate(text, start, &value[offset..]);
            found.push(Diagnostic::error(
                file,
                pos,
                problem.message(),
                problem.help(),
            ));
        }
    }
    found
}

/// The diagnostics of the markup problems in a Markdown page (its whole text: front
/// matter title and body).
pub(crate) fn check_markdown(file: &Path, text: &str) -> Vec<Diagnostic> {
    check(text)
        .into_iter()
        .map(|(offset, p)| {
            Diagnostic::error(file, pos_of_offset(text, offset), p.message(), p.help())
        })
        .collect()
}

/// Where the markup starting `rest` (a value's text from its `{`) is written: found after
/// the value's start `start`, else the value's start (a quoted value written with
/// escapes, or one folded over lines).
fn locate(text: &str, start: usize, rest: &str) -> crate::diag::Pos {
    let line = rest.lines().next().unwrap_or(rest);
    let needle: String = line.chars().take(12).collect();
    let at = text[start..].find(&needle).map_or(start, |i| start + i);
    pos_of_offset(text, at)
}

/// `text` with each markup replaced by `part(base, reading)`; borrowed when it has none.
fn replace<'a>(text: &'a str, part: impl Fn(&'a str, &'a str) -> &'a str) -> Cow<'a, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut last = 0;
    for (start, end, base, reading) in rubies(text) {
        out.push_str(&text[last..start]);
        out.push_str(part(base, reading));
        last = end;
    }
    if last == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The text as read without furigana: `{発達|はったつ}の相談` → `発達の相談`.
pub(crate) fn base_text(text: &str) -> Cow<'_, str> {
    replace(text, |base, _| base)
}

/// The text as read aloud where furigana says how: `{発達|はったつ}の相談` → `はったつの相談`.
pub(crate) fn reading_text(text: &str) -> Cow<'_, str> {
    replace(text, |_, reading| reading)
}

/// Writes `text` HTML-escaped, each markup as `<ruby>` with `<rp>` fallbacks for browsers
/// without ruby. Both parts are escaped, so markup opens no hole in the page. This is the
/// templates' escape function (`render::load_templates`): every text a page prints gets
/// its furigana; attributes and `<title>` print `| plain` (the base text) instead.
pub(crate) fn write_html(text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut last = 0;
    if text.contains('{') {
        for (start, end, base, reading) in rubies(text) {
            escape(&text[last..start], out)?;
            out.write_all(b"<ruby>")?;
            escape(base, out)?;
            out.write_all(b"<rp>(</rp><rt>")?;
            escape(reading, out)?;
            out.write_all(b"</rt><rp>)</rp></ruby>")?;
            last = end;
        }
    }
    escape(&text[last..], out)
}

/// The HTML of `text` (`write_html`) as a string.
pub fn to_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 16);
    write_html(text, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// The base text of `text` ([`base_text`]) HTML-escaped, without ruby: for attributes,
/// `<title>` and XML (the templates' `plain` filter).
pub(crate) fn to_plain_html(text: &str) -> String {
    let base = base_text(text);
    let mut out = Vec::with_capacity(base.len() + 8);
    escape(&base, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// HTML escaping as tera's own (`&`, `<`, `>`, `"`, `'`), so pages without furigana
/// print exactly as before.
fn escape(text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&text.as_bytes()[last..i])?;
        out.write_all(entity)?;
        last = i + 1;
    }
    out.write_all(&text.as_bytes()[last..])
}

/// True for a kanji (CJK unified ideographs, extension A, compatibility ideographs, and
/// 々 which repeats one).
pub(crate) fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '々')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_ruby_with_fallback_parentheses() {
        assert_eq!(
            to_html("{発達|はったつ}の{相談|そうだん}"),
            "<ruby>発達<rp>(</rp><rt>はったつ</rt><rp>)</rp></ruby>の<ruby>相談<rp>(</rp><rt>そうだん</rt><rp>)</rp></ruby>"
        );
    }

    #[test]
    fn escapes_both_parts_and_the_text_around() {
        assert_eq!(
            to_html("<b>{<i>&\"'|か}</b>"),
            "&lt;b&gt;<ruby>&lt;i&gt;&amp;&quot;&#39;<rp>(</rp><rt>か</rt><rp>)</rp></ruby>&lt;/b&gt;"
        );
        // A reading that is not kana is not ruby: printed as written, escaped.
        assert_eq!(to_html("{x|<script>}"), "{x|&lt;script&gt;}");
    }

    #[test]
    fn placeholders_and_plain_braces_stay() {
        for text in ["{name}さん", "{n} 件", "a { b } c", "{", "}", "{}", "|"] {
            assert_eq!(base_text(text), text);
            assert!(check(text).is_empty(), "{text}");
            assert!(!has_ruby(text));
        }
        assert_eq!(
            to_html("{name}: {x|か}"),
            "{name}: <ruby>x<rp>(</rp><rt>か</rt><rp>)</rp></ruby>"
        );
    }

    #[test]
    fn base_and_reading_texts() {
        let t = "{熊本市|くまもとし}の{発達|はったつ}{支援|しえん}センター";
        assert_eq!(base_text(t), "熊本市の発達支援センター");
        assert_eq!(reading_text(t), "くまもとしのはったつしえんセンター");
        assert!(matches!(base_text("なし"), Cow::Borrowed(_)));
        assert_eq!(
            reading_text("{カード|カード} {区役所|く やくしょ}"),
            "カード く やくしょ"
        );
    }

    #[test]
    fn reports_each_malformed_markup_at_its_brace() {
        let cases = [
            ("ab{漢字|かんじ", Problem::Unclosed, 2),
            ("{漢字|かんじ\n}", Problem::Unclosed, 0),
            ("x{|かんじ}", Problem::EmptyBase, 1),
            ("{漢字|}", Problem::EmptyReading, 0),
            ("{漢{字|じ}}", Problem::Nested, 0),
            ("{漢字|{かんじ}}", Problem::Nested, 0),
            ("{漢字|kanji}", Problem::NotKana, 0),
            ("{漢字|か|んじ}", Problem::NotKana, 0),
            ("{漢字|漢字}", Problem::NotKana, 0),
        ];
        for (text, problem, at) in cases {
            assert_eq!(check(text), vec![(at, problem)], "{text}");
            // Malformed markup is never turned into ruby.
            assert!(!to_html(text).contains("<ruby>"), "{text}");
        }
        let two = check("{a|b} ok {漢字|かんじ} {c|}");
        assert_eq!(
            two,
            vec![(0, Problem::NotKana), (28, Problem::EmptyReading)]
        );
    }

    #[test]
    fn katakana_long_vowels_and_spaces_are_readings() {
        assert!(check("{熊本|クマモト} {保健|ほけん　センター} {一|ー}").is_empty());
    }

    #[test]
    fn yaml_problems_are_placed_at_their_brace() {
        let text = "name:\n  ja: \"{熊本|くまもと}の{区|}\"\n  en: {a: b}\ndescription: |\n  一行目\n  二行目の{漢字|kanji}\nkey: \"{x|か\"\n";
        let d = check_yaml(Path::new("content/agencies/a.yaml"), text);
        let at: Vec<(usize, usize, &str)> = d
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            at,
            vec![
                (2, 18, Problem::EmptyReading.message()),
                (6, 7, Problem::NotKana.message()),
                (7, 7, Problem::Unclosed.message()),
            ]
        );
        assert!(check_yaml(Path::new("a.yaml"), "a: {b: c}\nd: \"{x|か}\"\n").is_empty());
    }

    #[test]
    fn hostile_input_stays_linear() {
        // Many openings without a bar or a close: each is skipped once.
        let text = "{".repeat(200_000) + &"{a|".repeat(50_000);
        let problems = check(&text);
        assert!(!problems.is_empty());
        assert_eq!(base_text(&text).len(), text.len());
    }
}
