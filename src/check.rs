//! `madoguchi check`: everything `build` validates, plus what only shows once the site is
//! rendered (internal links and anchors) and what only matters to the people keeping the
//! records (stale dates, records nobody can be contacted through). Writes nothing.
//!
//! Also the build's progress line, which only appears on an interactive terminal so logs
//! and CI output stay clean.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::freshness::{self, Date};
use crate::render::OutFile;
use crate::{BuildError, load, render_in_memory};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Every diagnostic for the site at `root`, sorted. `today` decides which records are stale.
pub fn run(root: &Path, today: Date) -> Diagnostics {
    let (_, mut diags) = crate::check(root);
    if let (Some(content), _) = load::load(root) {
        diags.extend(freshness::check(&content, today));
        diags.extend(crate::i18n::coverage_warnings(&content));
    }
    if !diags.has_errors() {
        match render_in_memory(root, None) {
            Ok(r) => diags.extend(links(&r.files)),
            // Content errors were already reported by `crate::check` above.
            Err(BuildError::Content(_)) => {}
            Err(BuildError::Other(m)) => diags.push(Diagnostic::error(
                Path::new("themes/default/templates"),
                Pos::START,
                m,
                "the theme could not render the site; undo the last template change or check its syntax",
            )),
        }
    }
    diags.sort();
    diags
}

/// Diagnostics as JSON: an array of {severity, file, line, column, message, help}.
pub fn to_json(diags: &Diagnostics) -> String {
    let json = serde_json::to_string_pretty(&diags.items).unwrap_or_else(|_| "[]".into());
    // serde_json escapes C0 controls only; C1 controls (U+009B is a terminal's CSI) and
    // bidi overrides can only sit inside strings, where `\uXXXX` means the same.
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::text::is_forbidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Internal links (href/src) of every rendered HTML page that point to no file, or to a
/// fragment with no matching `id`.
pub fn links(files: &[OutFile]) -> Diagnostics {
    let by_path: BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|f| (f.rel.as_str(), f.bytes.as_slice()))
        .collect();
    let mut diags = Diagnostics::default();
    for f in files.iter().filter(|f| f.rel.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes);
        let dir = Path::new(&f.rel).parent().unwrap_or(Path::new(""));
        for (line, target) in attr_values(&html) {
            if target.contains(':') || target.starts_with("//") || target.is_empty() {
                continue; // external, mailto:, tel:; validate already vetted the scheme
            }
            let (file, frag) = target.split_once('#').unwrap_or((&target, ""));
            let file = file.split('?').next().unwrap_or("");
            let resolved = if file.is_empty() {
                Some(PathBuf::from(&f.rel))
            } else {
                normalize(&dir.join(file))
            };
            let key = resolved.map(|p| p.to_string_lossy().replace('\\', "/"));
            let problem = match key.as_deref().and_then(|k| {
                by_path
                    .get(k)
                    .or_else(|| by_path.get(format!("{k}/index.html").as_str()))
            }) {
                None => format!("broken link `{target}`: no such page in the site"),
                Some(b)
                    if !frag.is_empty()
                        && !String::from_utf8_lossy(b).contains(&format!("id=\"{frag}\"")) =>
                {
                    format!("broken link `{target}`: the page has no anchor `#{frag}`")
                }
                _ => continue,
            };
            diags.push(Diagnostic::error(
                &source_of(&f.rel),
                Pos::new(line, 1),
                format!("{problem} (in the rendered page {})", f.rel),
                "links inside the site are relative and end in index.html, e.g. ../agencies/<id>/index.html; fix the link in the record or page, or the template that prints it",
            ));
        }
    }
    diags
}

/// The file a staff member would edit to fix a rendered page: the record or Markdown page
/// when the address names one, otherwise the rendered path itself.
fn source_of(rel: &str) -> PathBuf {
    let (lang, rest) = match rel.strip_prefix("en/") {
        Some(r) => ("en", r),
        None => ("ja", rel),
    };
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [
            dir @ ("agencies" | "programs" | "networks" | "stages"),
            id,
            "index.html",
        ] => PathBuf::from(format!("content/{dir}/{id}.yaml")),
        ["pages", id, "index.html"] => PathBuf::from(format!("content/pages/{id}.{lang}.md")),
        _ => PathBuf::from(format!("(rendered) {rel}")),
    }
}

/// `(line, value)` of every href="…" and src="…" attribute.
fn attr_values(html: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in html.lines().enumerate() {
        for needle in [" href=\"", " src=\""] {
            let mut rest = line;
            while let Some(at) = rest.find(needle) {
                rest = &rest[at + needle.len()..];
                let Some(end) = rest.find('"') else { break };
                out.push((i + 1, rest[..end].replace("&amp;", "&")));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// `None` when the path climbs out of the output folder.
fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Parses `YYYY-MM-DD` for `--today`.
pub fn parse_today(s: &str) -> Result<Date, String> {
    crate::validate::parse_date(s)
        .ok_or_else(|| format!("`--today {s}` is not a date; write it as YYYY-MM-DD"))
}

static PROGRESS: AtomicBool = AtomicBool::new(false);
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Turns the progress line on, but only when stderr is a terminal someone is watching.
pub fn enable_progress() {
    PROGRESS.store(std::io::stderr().is_terminal(), Ordering::Relaxed);
}

/// With `MADOGUCHI_TIMINGS` set, each step also prints how long the previous one took,
/// so a slow build can be traced to its stage without a profiler.
fn time_step(step: Option<&str>) {
    use std::sync::Mutex;
    use std::time::Instant;
    static LAST: Mutex<Option<(String, Instant)>> = Mutex::new(None);
    if std::env::var_os("MADOGUCHI_TIMINGS").is_none() {
        return;
    }
    if let Ok(mut last) = LAST.lock() {
        if let Some((name, at)) = last.take() {
            // Peak memory so far, where the kernel reports it (Linux).
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .map(|l| l[6..].trim().to_string())
                })
                .unwrap_or_default();
            eprintln!(
                "timing: {name}: {} ms (peak RSS so far {peak})",
                at.elapsed().as_millis()
            );
        }
        *last = step.map(|s| (s.to_string(), Instant::now()));
    }
}

pub fn progress(step: &str) {
    time_step(Some(step));
    if PROGRESS.load(Ordering::Relaxed) {
        SHOWN.store(true, Ordering::Relaxed);
        let mut e = std::io::stderr();
        let _ = write!(e, "\r\x1b[K{step}…");
        let _ = e.flush();
    }
}

/// Clears the progress line so the next message starts on a clean line.
pub fn progress_done() {
    time_step(None);
    if SHOWN.swap(false, Ordering::Relaxed) {
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel: &str, html: &str) -> OutFile {
        OutFile {
            rel: rel.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = [
            page(
                "index.html",
                "<a href=\"tiers/index.html#tier-primary\">a</a>\n<a href=\"tiers/index.html#nope\">b</a>",
            ),
            page(
                "tiers/index.html",
                "<h2 id=\"tier-primary\">x</h2><a href=\"../agencies/gone/index.html\">c</a> <a href=\"https://x.jp/\">d</a>",
            ),
        ];
        let d = links(&files);
        let msgs: Vec<String> = d.items.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 2, "{msgs:#?}");
        assert!(
            msgs[0].starts_with(
                "(rendered) index.html:2:1: error: broken link `tiers/index.html#nope`"
            ),
            "{msgs:#?}"
        );
        assert!(
            msgs[1].contains("`../agencies/gone/index.html`: no such page"),
            "{msgs:#?}"
        );
    }

    #[test]
    fn maps_pages_back_to_sources() {
        assert_eq!(
            source_of("en/agencies/x/index.html"),
            PathBuf::from("content/agencies/x.yaml")
        );
        assert_eq!(
            source_of("en/pages/about/index.html"),
            PathBuf::from("content/pages/about.en.md")
        );
        assert_eq!(
            source_of("wards/kita/index.html"),
            PathBuf::from("(rendered) wards/kita/index.html")
        );
    }
}
