//! `madoguchi serve`: preview the site while editing.
//!
//! The site is rendered in memory (the same pipeline as `build`, nothing is written, so
//! `public/` is never touched and a half-finished rebuild can never be served) and served
//! on 127.0.0.1 by a small std::net server. A watcher polls the modification times of
//! `site.yaml`, `content/` and `themes/`; on change it rebuilds. A failed rebuild keeps
//! the last good site and publishes the error, which the reload script shows as an overlay.
//! The script is injected only into served HTML, never into built files.

use crate::error::{BuildError, Error};
use crate::incremental::{Session, Updated};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};

/// How often the watcher looks for changes. Stat-ing a few hundred files costs well under
/// a millisecond, so polling keeps the save-to-reload time low without a watcher crate
/// (big sites are polled less often; see `watch`).
const POLL: Duration = Duration::from_millis(50);

/// Polls the server; reloads when a new build is out, overlays the error when one failed.
/// The page's build version comes in the script's own address (`?v=`).
const RELOAD_JS: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var seen = me ? new URL(me.src).searchParams.get("v") : null;
  var box = null;
  function show(text) {
    if (!text) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "madoguchi-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:1em;" +
        "background:#fff3f3;color:#5c0000;border-top:4px solid #b00000;font:14px/1.5 monospace;white-space:pre-wrap;z-index:2147483647";
      document.body.appendChild(box);
    }
    box.textContent = "madoguchi serve: the last edit could not be built (the previous version is shown).\n" +
      "編集内容にエラーがあります（前の版を表示しています）。\n\n" + text;
  }
  function poll() {
    fetch("/__madoguchi/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && String(s.version) !== seen) { location.reload(); return; }
        show(s.error);
        setTimeout(poll, 200);
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

#[derive(Default)]
struct Site {
    files: HashMap<String, Arc<Vec<u8>>>,
    /// Bumped on every successful build; pages reload when it changes.
    version: u64,
    /// The last failed build's message, until a build succeeds again.
    error: Option<String>,
}

/// A running preview server.
pub struct Server {
    /// Where it listens (127.0.0.1 and the port).
    pub addr: SocketAddr,
}

/// Builds the site, binds 127.0.0.1:`port` (0 picks a free port) and serves and watches in
/// background threads. Returns once the server is listening.
pub fn start(root: &Path, port: u16) -> Result<Server, Error> {
    let mut session = Session::new(root);
    let site = Arc::new(RwLock::new(Site::default()));
    let started = Instant::now();
    publish(session.rebuild_all(), &session, &site, started);
    let listen = |source| Error::Listen { port, source };
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(listen)?;
    let addr = listener.local_addr().map_err(listen)?;
    let s = Arc::clone(&site);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let s = Arc::clone(&s);
            std::thread::spawn(move || {
                let _ = handle(stream, &s);
            });
        }
    });
    let root = root.to_path_buf();
    std::thread::spawn(move || watch(&root, session, &site));
    Ok(Server { addr })
}

/// `madoguchi serve`: runs until interrupted.
pub fn run(root: &Path, port: u16) -> Result<(), Error> {
    let server = start(root, port)?;
    println!(
        "serving http://{}/ — open it in a browser; edits are rebuilt automatically (Ctrl+C to stop)",
        server.addr
    );
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}

/// Serves what a (re)build produced, or keeps the last good site and shows the error.
fn publish(
    result: Result<Updated, BuildError>,
    session: &Session,
    site: &RwLock<Site>,
    started: Instant,
) {
    let mut s = site.write().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(u) => {
            s.files = session.files().clone();
            s.version += 1;
            s.error = None;
            eprintln!(
                "{} {} pages in {} ms",
                if u.incremental {
                    "re-rendered"
                } else {
                    "rebuilt"
                },
                u.pages,
                started.elapsed().as_millis()
            );
        }
        Err(e) => {
            let text = match e {
                BuildError::Content(d) => d
                    .errors()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
                BuildError::Other(e) => e.to_string(),
            };
            eprintln!("{text}\nthe edit could not be built; still serving the last good version");
            s.error = Some(text);
        }
    }
}

fn watch(root: &Path, mut session: Session, site: &RwLock<Site>) {
    let mut last = fingerprint(root);
    let mut pause = POLL;
    loop {
        std::thread::sleep(pause);
        let looked = Instant::now();
        let now = fingerprint(root);
        // Stat-ing tens of thousands of records takes tens of milliseconds: look less often
        // then, so an idle preview does not keep a core busy.
        pause = POLL.max(looked.elapsed() * 4);
        if now != last {
            let started = Instant::now();
            let changed = changed_paths(&last, &now);
            last = now;
            // The edited pages first (they reload), then the search index behind them.
            publish(session.update_pages(&changed), &session, site, started);
            match session.catch_up() {
                Ok(()) => {
                    site.write().unwrap_or_else(|e| e.into_inner()).files = session.files().clone()
                }
                Err(e) => publish(Err(e), &session, site, started),
            }
        }
    }
}

/// Files added, removed or modified between two fingerprints.
fn changed_paths(before: &[Stamp], after: &[Stamp]) -> Vec<PathBuf> {
    let old: HashMap<&PathBuf, &Stamp> = before.iter().map(|s| (&s.0, s)).collect();
    let new: HashMap<&PathBuf, &Stamp> = after.iter().map(|s| (&s.0, s)).collect();
    let mut out: Vec<PathBuf> = after
        .iter()
        .filter(|s| old.get(&s.0) != Some(s))
        .map(|s| s.0.clone())
        .collect();
    out.extend(
        before
            .iter()
            .filter(|s| !new.contains_key(&s.0))
            .map(|s| s.0.clone()),
    );
    // A folder changes when a file in it is saved by renaming a temporary file over it;
    // the file itself is listed. Hidden files (editor swap files) are not content.
    out.retain(|p| {
        !p.is_dir()
            && !p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
    });
    out
}

type Stamp = (PathBuf, Option<SystemTime>, u64);

/// Path, modification time and size of every watched file.
fn fingerprint(root: &Path) -> Vec<Stamp> {
    let mut out = Vec::new();
    let roots = [
        root.join("site.yaml"),
        root.join("content"),
        root.join("themes"),
    ];
    for r in &roots {
        for e in walkdir::WalkDir::new(r)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(m) = e.metadata() {
                out.push((e.into_path(), m.modified().ok(), m.len()));
            }
        }
    }
    out
}

/// Answers one request: `GET` or `HEAD` of the preview's own files or the site's.
fn handle(mut stream: TcpStream, site: &RwLock<Site>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let (method, target) = read_request(&stream)?;
    let head = method == "HEAD";
    if method != "GET" && !head {
        let text = "text/plain; charset=utf-8";
        return respond(&mut stream, 405, text, b"only GET and HEAD", false);
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let s = site.read().unwrap_or_else(|e| e.into_inner());
    if let Some((ctype, body)) = preview_file(path, &s) {
        drop(s);
        return respond(&mut stream, 200, ctype, &body, head);
    }
    let (status, rel, bytes) = site_file(path, &s);
    let version = s.version;
    drop(s);
    let ctype = content_type(&rel);
    if ctype.starts_with("text/html") {
        let html = inject(&String::from_utf8_lossy(&bytes), version);
        return respond(&mut stream, status, ctype, html.as_bytes(), head);
    }
    respond(&mut stream, status, ctype, &bytes, head)
}

/// The request line's method and target; the headers are read and dropped (nothing in
/// them changes the answer). Each line is read at most 8 KiB far.
fn read_request(stream: &TcpStream) -> std::io::Result<(String, String)> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.by_ref().take(8192).read_line(&mut request_line)?;
    let mut line = String::new();
    while reader.by_ref().take(8192).read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    Ok((method, target))
}

/// The preview's own files under `/__madoguchi/` (the reload script and the build's
/// version and error it polls), with their content type.
fn preview_file(path: &str, s: &Site) -> Option<(&'static str, Vec<u8>)> {
    let text = "text/plain; charset=utf-8";
    Some(match path {
        "/__madoguchi/reload.js" => ("text/javascript; charset=utf-8", RELOAD_JS.into()),
        "/__madoguchi/version" => (text, s.version.to_string().into_bytes()),
        "/__madoguchi/error" => (text, s.error.as_deref().unwrap_or("").into()),
        "/__madoguchi/status" => {
            let body = serde_json::json!({ "version": s.version, "error": s.error });
            ("application/json", body.to_string().into_bytes())
        }
        _ => return None,
    })
}

/// The built file at `path` (a folder's `index.html`) with status 200, else the site's
/// 404 page (or, before any build succeeded, a page showing the error) with 404.
fn site_file(path: &str, s: &Site) -> (u16, String, Arc<Vec<u8>>) {
    let mut rel = percent_decode(path.trim_start_matches('/'));
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    let found = (s.files.get(&rel)).or_else(|| s.files.get(&format!("{rel}/index.html")));
    if let Some(b) = found {
        return (200, rel, Arc::clone(b));
    }
    let not_found = match s.files.get("404.html") {
        Some(b) => Arc::clone(b),
        None => Arc::new(no_site_page(s.error.as_deref())),
    };
    (404, "404.html".to_string(), not_found)
}

/// Adds the reload script (an external file, so pages stay valid under a strict CSP).
fn inject(html: &str, version: u64) -> String {
    let tag = format!("<script src=\"/__madoguchi/reload.js?v={version}\"></script>\n");
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

/// Shown when not even the first build succeeded: the script overlays the error.
fn no_site_page(error: Option<&str>) -> Vec<u8> {
    let e = error
        .unwrap_or("")
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    format!("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>madoguchi serve</title></head><body><pre>{e}</pre></body></html>\n").into_bytes()
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    ctype: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn content_type(rel: &str) -> &'static str {
    match rel.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/atom+xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A minimal HTTP GET for the serve test and the latency benchmark: (status, body).
pub fn http_get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end() {
        assert_eq!(
            inject("<p>x</p></body></html>", 3),
            "<p>x</p><script src=\"/__madoguchi/reload.js?v=3\"></script>\n</body></html>"
        );
    }

    #[test]
    fn a_folder_serves_its_index_and_a_missing_file_the_404_page() {
        let mut site = Site::default();
        let page = |text: &str| Arc::new(text.as_bytes().to_vec());
        site.files.insert("en/index.html".into(), page("en"));
        site.error = Some("a <bad> edit".into());
        for path in ["/en/", "/en"] {
            let (status, _, body) = site_file(path, &site);
            assert_eq!((status, body.as_slice()), (200, &b"en"[..]), "{path}");
        }
        // Before any build succeeded: the error, escaped, on a page of its own.
        let (status, rel, body) = site_file("/nope", &site);
        assert_eq!((status, rel.as_str()), (404, "404.html"));
        assert!(String::from_utf8_lossy(&body).contains("a &lt;bad> edit"));
        site.files.insert("404.html".into(), page("gone"));
        assert_eq!(site_file("/nope", &site).2.as_slice(), b"gone");
        assert!(preview_file("/__madoguchi/nope", &site).is_none());
        let (ctype, body) = preview_file("/__madoguchi/error", &site).unwrap();
        assert_eq!(
            (ctype, body.as_slice()),
            ("text/plain; charset=utf-8", &b"a <bad> edit"[..])
        );
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b/%E5%9C%92"), "a b/園");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
