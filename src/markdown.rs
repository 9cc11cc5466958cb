//! Markdown to safe HTML: pulldown-cmark renders, ammonia removes anything unsafe
//! (raw `<script>`, event handlers, `javascript:` links) that a record might carry.

use pulldown_cmark::{Event, Options, Parser, Tag, html};
use std::collections::HashSet;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to sanitized HTML. Links to other sites open normally but carry
/// `rel="noopener noreferrer"`.
pub fn to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options()));
    sanitizer().clean(&raw).to_string()
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer"))
        .rm_tags(["img"]);
    b
}

/// Every link and image target in `markdown`, for validation.
pub fn link_targets(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// Plain text of `markdown` (for search indexing and meta descriptions).
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !out.ends_with(' ') && !out.is_empty() =>
            {
                out.push(' ');
            }
            _ => {}
        }
    }
    out.trim().to_string()
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
    fn finds_link_targets_and_plain_text() {
        assert_eq!(
            link_targets("[a](javascript:x) ![b](https://e.jp/i.png)"),
            vec!["javascript:x", "https://e.jp/i.png"]
        );
        assert_eq!(to_plain_text("# 見出し\n本文 **太字**"), "見出し 本文 太字");
    }
}
