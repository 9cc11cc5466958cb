//! Markdown to safe HTML: pulldown-cmark renders, ammonia removes anything unsafe
//! (raw `<script>`, event handlers, `javascript:` links) that a record might carry.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;
use std::sync::{Arc, LazyLock, Mutex};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to sanitized HTML. Links to other sites open normally but carry
/// `rel="noopener noreferrer"`.
pub(crate) fn to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let mut in_code_block = false;
    let events = events(markdown).map(|ev| match ev {
        Event::Start(Tag::CodeBlock(_)) => {
            in_code_block = true;
            ev
        }
        Event::End(TagEnd::CodeBlock) => {
            in_code_block = false;
            ev
        }
        // Furigana: both parts escaped by `ruby::to_html`, and the sanitizer still runs.
        Event::Text(t) if !in_code_block && crate::ruby::has_ruby(&t) => {
            Event::InlineHtml(crate::ruby::to_html(&t).into())
        }
        _ => ev,
    });
    html::push_html(&mut raw, events);
    SANITIZER.clean(&raw).to_string()
}

/// The sanitizer of [`to_html`], made once: building one fills a dozen hash sets of tags
/// and attributes, which cost more than cleaning a short record text (every record page
/// renders a few).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(sanitizer);

/// The parser's events; when `markdown` holds furigana markup, with each run of adjacent
/// text events joined into one (the parser splits text at `|`, which tables use, and at
/// other punctuation), so each markup is seen whole.
fn events(markdown: &str) -> Box<dyn Iterator<Item = Event<'_>> + '_> {
    let parser = Parser::new_ext(markdown, options());
    if !crate::ruby::has_ruby(markdown) {
        return Box::new(parser);
    }
    let mut joined: Vec<Event> = Vec::new();
    for ev in parser {
        if let (Event::Text(t), Some(Event::Text(prev))) = (&ev, joined.last_mut()) {
            *prev = format!("{prev}{t}").into();
            continue;
        }
        joined.push(ev);
    }
    Box::new(joined.into_iter())
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer"))
        .rm_tags(["img"]);
    b
}

/// Every link and image target in `markdown`, for validation, with the byte where it is
/// written: Markdown links and images, and every `href`/`src` of raw HTML that the
/// sanitizer looks at (a superset of what survives it), found in order from the first
/// raw HTML on.
pub(crate) fn link_targets(markdown: &str) -> Vec<(String, usize)> {
    let mut raw_html = String::new();
    let mut html_from = None;
    let mut targets = Vec::new();
    for (ev, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                // The target as written inside the link, else the link's start (escapes).
                let written = markdown
                    .get(range.clone())
                    .and_then(|l| l.rfind(&*dest_url));
                targets.push((dest_url.to_string(), range.start + written.unwrap_or(0)));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                html_from.get_or_insert(range.start);
                raw_html.push_str(&h);
            }
            _ => {}
        }
    }
    if let Some(mut from) = html_from {
        for url in html_targets(&raw_html) {
            from += markdown[from..].find(&url).unwrap_or(0);
            targets.push((url, from));
        }
    }
    targets
}

/// The URL attributes the sanitizer looks at in `raw_html`, in order.
fn html_targets(raw_html: &str) -> Vec<String> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let collect = Arc::clone(&seen);
    let mut b = sanitizer();
    b.attribute_filter(move |_, attr, value| {
        if matches!(attr, "href" | "src") {
            collect.lock().map(|mut v| v.push(value.to_string())).ok();
        }
        Some(value.into())
    });
    b.clean(raw_html);
    seen.lock().map(|v| v.clone()).unwrap_or_default()
}

/// Elements that never hold content, so they never stay open.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// The byte offset where `markdown` nests deeper than `limit`: block quotes and list
/// markers opened at the start of one line, or raw HTML tags left open. Checked before
/// the Markdown is parsed, because the parser and the sanitizer do work proportional to
/// the depth for every element (150,000 unclosed `<div>`s take minutes). The count is
/// textual, so it errs on the side of counting a `<` that is not a tag.
pub(crate) fn too_deep(markdown: &str, limit: usize) -> Option<usize> {
    let mut line_start = 0;
    for line in markdown.split_inclusive('\n') {
        let mut depth = 0;
        let mut rest = line;
        while let Some(after) = container_marker(rest) {
            depth += 1;
            if depth > limit {
                let marker = rest.trim_start_matches([' ', '\t']);
                return Some(line_start + (line.len() - marker.len()));
            }
            rest = after;
        }
        line_start += line.len();
    }
    let mut open = 0usize;
    for (i, _) in markdown.match_indices('<') {
        let rest = &markdown[i + 1..];
        if rest.starts_with('/') {
            open = open.saturating_sub(1);
            continue;
        }
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = rest[..name_len].to_ascii_lowercase();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic())
            || VOID_ELEMENTS.contains(&name.as_str())
        {
            continue;
        }
        open += 1;
        if open > limit {
            return Some(i);
        }
    }
    None
}

/// `line` after one leading block quote (`>`) or list marker (`-`, `*`, `+`, `1.`, `1)`),
/// or `None` when it does not start with one.
fn container_marker(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches([' ', '\t']);
    if let Some(after) = rest.strip_prefix('>') {
        return Some(after);
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker_len = match rest.as_bytes().get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    let after = &rest[marker_len..];
    after.starts_with([' ', '\t']).then_some(after)
}

/// Plain text of `markdown` on one line (for open data, search snippets and meta
/// descriptions), stopping once it holds more than `limit` characters.
pub(crate) fn plain_text(markdown: &str, limit: usize) -> String {
    let mut out = String::new();
    // Characters of `out` so far, counted as they are added (not the whole text each time).
    let mut chars = 0;
    for ev in events(markdown) {
        let added = out.len();
        match ev {
            Event::Text(t) => out.push_str(&crate::ruby::base_text(&t)),
            Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item)
                if !out.ends_with(' ') && !out.is_empty() =>
            {
                out.push(' ');
            }
            _ => {}
        }
        chars += out[added..].chars().count();
        if chars > limit {
            break;
        }
    }
    out.trim_end().to_string()
}

/// The whole of `markdown` as plain text on one line.
pub(crate) fn to_plain_text(markdown: &str) -> String {
    plain_text(markdown, usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_and_javascript_links() {
        let html = to_html(
            "hi <script>alert(1)</script> [x](javascript:alert(1)) <a href=\"#\" onclick=\"x()\">y</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
    }

    #[test]
    fn keeps_ordinary_markdown() {
        let html = to_html("**重要** [市](https://www.city.kumamoto.jp/)");
        assert!(html.contains("<strong>重要</strong>"));
        assert!(html.contains("href=\"https://www.city.kumamoto.jp/\""));
    }

    #[test]
    fn furigana_in_markdown_is_ruby_and_stays_sanitized() {
        let html = to_html(
            "**{発達|はったつ}**。{相談|そうだん}です。\n\n| a | {区\\|く} |\n|---|---|\n| {x\\|<img src=x onerror=alert(1)>} | {y\\|か} |\n\n`{コード|こーど}`",
        );
        assert!(
            html.contains(
                "<strong><ruby>発達<rp>(</rp><rt>はったつ</rt><rp>)</rp></ruby></strong>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<ruby>相談<rp>(</rp><rt>そうだん</rt><rp>)</rp></ruby>"),
            "{html}"
        );
        assert!(
            html.contains("<th><ruby>区<rp>(</rp><rt>く</rt><rp>)</rp></ruby></th>"),
            "{html}"
        );
        assert!(
            html.contains("<td><ruby>y<rp>(</rp><rt>か</rt><rp>)</rp></ruby></td>"),
            "{html}"
        );
        assert!(
            !html.contains("<img") && !html.contains("onerror=alert"),
            "{html}"
        );
        assert!(html.contains("<code>{コード|こーど}</code>"), "{html}");
        assert_eq!(
            to_plain_text("{発達|はったつ}の{相談|そうだん}\n\n- {一|いち}"),
            "発達の相談 一"
        );
    }

    #[test]
    fn finds_raw_html_targets_that_survive_sanitizing() {
        let md = "x <a href=\"//evil.example/\">y</a> <img src=\"/\\evil\"> [z](a/)";
        let t = link_targets(md);
        let at = |s: &str| md.find(s).unwrap();
        assert_eq!(
            t,
            vec![
                ("a/".into(), at("a/)")),
                ("//evil.example/".into(), at("//evil")),
                ("/\\evil".into(), at("/\\evil"))
            ]
        );
    }

    #[test]
    fn plain_text_keeps_words_and_breaks_only_between_blocks() {
        assert_eq!(
            to_plain_text("**重要**です。\n\n- a\n- b"),
            "重要です。 a b"
        );
        assert_eq!(plain_text("abc def ghi", 4), "abc def ghi");
        assert_eq!(plain_text("abc\n\ndef\n\nghi", 4), "abc def");
    }

    #[test]
    fn finds_link_targets() {
        assert_eq!(
            link_targets("[x](x) [a](x) ![b](https://e.jp/i.png)"),
            vec![
                ("x".into(), 4),
                ("x".into(), 11),
                ("https://e.jp/i.png".into(), 19)
            ]
        );
    }

    #[test]
    fn nesting_is_bounded_before_parsing() {
        assert_eq!(
            too_deep("> > quote\n- a\n  - b\n1. x <div>y</div>", 3),
            None
        );
        assert_eq!(too_deep("ok\n> > > > deep", 3), Some(9));
        assert_eq!(too_deep("- - - - x", 3), Some(6));
        let divs = "<div>".repeat(150_000);
        assert_eq!(too_deep(&divs, 16), Some(16 * 5));
        assert_eq!(too_deep(&"<br><p>x</p>".repeat(100), 3), None);
    }
}
