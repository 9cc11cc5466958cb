//! `sitemap.xml` (every HTML page once, with `xhtml:link` alternates for each of its
//! languages) and `robots.txt` naming it. Both need absolute addresses, so they are made
//! only when the published address (`base_url`) is known.

use super::{ExportError, SitemapPage};
use crate::output::OutFile;

/// The absolute address of the output path `path` under `base`: `…/index.html` as its
/// folder (`agencies/x/`), the way the pages are published.
pub fn page_url(base: &str, path: &str) -> String {
    let folder = path.strip_suffix("index.html").unwrap_or(path);
    format!("{}/{folder}", base.trim_end_matches('/'))
}

/// `base` when it is an absolute http(s) address with a host; an error otherwise.
fn checked_base(base: &str) -> Result<&str, ExportError> {
    let rest = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(h) if !h.is_empty() && !base.contains(['<', '>', '"', ' ', '\\']) => Ok(base),
        _ => Err(ExportError::BaseUrl {
            base: base.to_string(),
        }),
    }
}

fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The sitemap of `pages` under `base`.
pub fn sitemap_xml(base: &str, pages: &[SitemapPage]) -> Result<String, ExportError> {
    let base = checked_base(base)?;
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ",
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    for page in pages {
        let loc = escape_xml(&page_url(base, &page.path));
        xml.push_str(&format!("  <url>\n    <loc>{loc}</loc>\n"));
        for (lang, path) in &page.alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape_xml(lang),
                escape_xml(&page_url(base, path))
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

/// `sitemap.xml` and `robots.txt` (allowing everything and naming the sitemap).
pub(crate) fn files(base: &str, pages: &[SitemapPage]) -> Result<Vec<OutFile>, ExportError> {
    let xml = sitemap_xml(base, pages)?;
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        page_url(base, "sitemap.xml")
    );
    Ok(vec![
        OutFile {
            rel: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
        },
        OutFile {
            rel: "robots.txt".into(),
            bytes: robots.into_bytes(),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_are_folders_under_the_base() {
        let base = "https://example.jp/guide/";
        assert_eq!(
            page_url(base, "en/agencies/x/index.html"),
            "https://example.jp/guide/en/agencies/x/"
        );
        assert_eq!(page_url(base, "index.html"), "https://example.jp/guide/");
    }

    #[test]
    fn refuses_a_base_without_scheme_or_host() {
        for bad in ["example.jp", "https://", "javascript:alert(1)", "//x.jp/"] {
            assert!(sitemap_xml(bad, &[]).is_err(), "{bad}");
        }
    }

    #[test]
    fn escapes_addresses() {
        let page = SitemapPage {
            path: "a&b/index.html".into(),
            alternates: vec![("ja".into(), "a&b/index.html".into())],
        };
        let xml = sitemap_xml("https://x.jp/", &[page]).unwrap();
        assert!(xml.contains("https://x.jp/a&amp;b/"), "{xml}");
        assert!(!xml.contains("a&b"), "{xml}");
    }
}
