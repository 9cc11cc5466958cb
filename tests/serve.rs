//! `madoguchi serve` end to end: the real binary on a free port against a fixture copy.

mod common;
use common::*;
use madoguchi::serve::http_get;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server we started, even when an assertion fails.
struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serves_rebuilds_on_edit_and_keeps_last_good_build_on_error() {
    let site = fixture("mini");
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args([
            "serve",
            "--port",
            "0",
            "--root",
            site.path().to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _server = Server(child);
    let addr: SocketAddr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .parse()
        .unwrap();
    let page = "/agencies/center/index.html";

    let (status, html) = http_get(addr, page).unwrap();
    assert_eq!(status, 200);
    assert!(html.contains("こども発達支援センター"), "{html}");
    assert!(
        html.contains("<script src=\"/__madoguchi/reload.js?v=1\"></script>\n</body>"),
        "reload script injected"
    );
    let (status, js) = http_get(addr, "/__madoguchi/reload.js").unwrap();
    assert!(status == 200 && js.contains("/__madoguchi/status"));
    assert_eq!(http_get(addr, "/").unwrap().0, 200);
    assert_eq!(http_get(addr, "/en/").unwrap().0, 200);
    assert_eq!(http_get(addr, "/nope/index.html").unwrap().0, 404);

    let record = site.path().join("content/agencies/center.yaml");
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(
        &record,
        text.replace("こども発達支援センター", "こども発達相談センター"),
    )
    .unwrap();
    until("the edit to be served", || {
        http_get(addr, page)
            .unwrap()
            .1
            .contains("こども発達相談センター")
    });
    assert_eq!(http_get(addr, "/__madoguchi/version").unwrap().1, "2");

    std::fs::write(&record, text.replace("tier: tertiary", "tier: tertary")).unwrap();
    until("the error to be published", || {
        !http_get(addr, "/__madoguchi/error").unwrap().1.is_empty()
    });
    let error = http_get(addr, "/__madoguchi/error").unwrap().1;
    assert!(
        error.contains("content/agencies/center.yaml:3:7: error: unknown tier `tertary`"),
        "{error}"
    );
    let status = http_get(addr, "/__madoguchi/status").unwrap().1;
    assert!(
        status.contains("\"version\":2") && status.contains("unknown tier"),
        "{status}"
    );
    let (code, html) = http_get(addr, page).unwrap();
    assert!(
        code == 200 && html.contains("こども発達相談センター"),
        "the last good build is still served"
    );

    std::fs::write(&record, &text).unwrap();
    until("the fix to clear the error", || {
        http_get(addr, "/__madoguchi/error").unwrap().1.is_empty()
    });
    assert!(
        http_get(addr, page)
            .unwrap()
            .1
            .contains("こども発達支援センター")
    );

    // The reload script exists only in served pages, never in built files.
    let out = site.path().join("public");
    assert!(build(site.path(), &out).status.success());
    let built = std::fs::read_to_string(out.join("agencies/center/index.html")).unwrap();
    assert!(!built.contains("__madoguchi"));
}
