//! Handouts: each prints in Chromium to exactly one A4 page, its QR code decodes to the
//! stage's page, and `build --pdf` writes the PDFs or says how to get Chromium.
//! Needs `chromium` and `pdfinfo` (poppler-utils); scripts/test.sh installs both.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

const BASE: &str = "https://example.org/guide/";

/// The shipped site, built with a base URL so the handouts carry QR codes.
fn real_site() -> (tempfile::TempDir, std::path::PathBuf) {
    build_shipped(&["--base-url", BASE])
}

/// `(stage id, language prefix, html)` of every handout in the site built from `root` into
/// `out`: each declared language must have one per stage marked `handout: true`.
fn handouts(root: &Path, out: &Path) -> Vec<(String, String, String)> {
    let stages = handout_stages(root);
    assert!(!stages.is_empty(), "no stage has `handout: true`");
    let mut found = Vec::new();
    for Language { code, prefix, .. } in site_languages(root) {
        let dir = out.join(&prefix).join("handouts");
        let mut ids: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        ids.sort();
        assert_eq!(ids, stages, "the handouts of {code}");
        for id in ids {
            let html = std::fs::read_to_string(dir.join(&id).join("index.html")).unwrap();
            found.push((id, prefix.clone(), html));
        }
    }
    found.sort();
    found
}

/// Prints `html` to `pdf` with Chromium and checks it is exactly one A4 page.
fn print_one_a4_page(chromium: &Path, html: &Path, pdf: &Path, rel: &str) {
    madoguchi::handout::print_pdf(chromium, html, pdf).unwrap();
    let (pages, w, h) = pdfinfo(pdf);
    assert_eq!(pages, 1, "{rel} prints on {pages} pages");
    assert!(
        (w - 595.0).abs() <= 1.0 && (h - 842.0).abs() <= 1.0,
        "{rel} is {w} x {h} pts, not A4"
    );
}

/// Runs `job` on each item on a few threads (each print starts a Chromium, mostly waiting).
fn on_threads<T: Sync>(items: &[T], job: impl Fn(&T) + Sync) {
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| {
                while let Some(item) =
                    items.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    job(item);
                }
            });
        }
    });
}

fn chromium() -> std::path::PathBuf {
    madoguchi::handout::find_chromium().expect("Chromium is needed for this test: apt-get install -y chromium poppler-utils fonts-noto-cjk")
}

/// `(pages, width, height)` from `pdfinfo`.
fn pdfinfo(pdf: &Path) -> (u32, f64, f64) {
    let o = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (apt-get install poppler-utils)");
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no `{name}` in pdfinfo output:\n{text}"))
            .trim()
            .to_string()
    };
    let pages = field("Pages:").parse().unwrap();
    let size = field("Page size:");
    let nums: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (pages, nums[0], nums[1])
}

/// Every checkup stage's handout in every language site.yaml declares prints on one A4
/// page; with a counter card (languages the counter does not read) the card is on it.
#[test]
fn every_handout_in_every_language_prints_to_exactly_one_a4_page() {
    let (dir, out) = real_site();
    let chromium = chromium();
    let list = handouts(&repo(), &out);
    assert_eq!(
        list.len(),
        site_languages(&repo()).len() * handout_stages(&repo()).len()
    );
    on_threads(&list, |(id, prefix, html)| {
        let rel = format!("{prefix}handouts/{id}");
        let pdf = dir.path().join(format!("{}.pdf", rel.replace('/', "-")));
        print_one_a4_page(&chromium, &out.join(&rel).join("index.html"), &pdf, &rel);
        if html.contains("class=\"counter-card") {
            let text = pdftotext(&pdf);
            assert!(
                text.contains("紙に書いていただけますか。"),
                "{rel}: the card's Japanese is not on the page:\n{text}"
            );
        }
    });
}

/// The text of a PDF, from `pdftotext` (poppler-utils).
fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Each checkup stage's handout for each ward, in every language: one A4 page whose text
/// holds that ward office's number, and whose QR code opens the ward-narrowed stage page.
#[test]
fn every_ward_handout_prints_to_one_a4_page_with_its_ward_number() {
    let (dir, out) = real_site();
    let chromium = chromium();
    let site: serde_yaml_ng::Value = serde_yaml_ng::from_str(
        &std::fs::read_to_string(repo().join("content/agencies/ku-hoken-kodomo-ka.yaml")).unwrap(),
    )
    .unwrap();
    let offices = site["locations"].as_sequence().unwrap();
    assert_eq!(offices.len(), 5);
    let mut jobs = Vec::new();
    for (stage, prefix, _) in handouts(&repo(), &out) {
        for office in offices {
            let ward = office["ward"].as_str().unwrap().to_string();
            let number = office["phones"][0]["number"].as_str().unwrap().to_string();
            jobs.push((stage.clone(), prefix.clone(), ward, number));
        }
    }
    assert_eq!(
        jobs.len(),
        handout_stages(&repo()).len() * 5 * site_languages(&repo()).len(),
        "checkup stages x 5 wards x the declared languages"
    );
    on_threads(&jobs, |(stage, prefix, ward, number)| {
        let rel = format!("{prefix}handouts/{stage}/{ward}");
        let html_path = out.join(&rel).join("index.html");
        let html = std::fs::read_to_string(&html_path).unwrap();
        let (size, dark) = qr_modules(&html);
        assert_eq!(
            decode(size, &dark),
            format!("{BASE}{prefix}stages/{stage}/wards/{ward}/")
        );
        let pdf = dir.path().join(format!("{}.pdf", rel.replace('/', "-")));
        print_one_a4_page(&chromium, &html_path, &pdf, &rel);
        let text = pdftotext(&pdf);
        assert!(
            text.contains(number.as_str()),
            "{rel} does not print {number}:\n{text}"
        );
        assert!(
            text.contains("096-366-8181") && text.contains("189"),
            "{rel}: the 児童相談所 lines"
        );
    });
}

/// The dark modules of a handout's QR `<svg>`, as drawn by `madoguchi::qr::svg`: a square
/// `viewBox` in modules and one path of `M x y h w v1 h-w z` runs.
fn qr_modules(html: &str) -> (usize, Vec<bool>) {
    let svg = &html[html.find("<svg").expect("no <svg> in handout")..];
    let view = svg.split("viewBox=\"0 0 ").nth(1).unwrap();
    let size: usize = view.split(' ').next().unwrap().parse().unwrap();
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; size * size];
    for run in d.split('M').filter(|r| !r.is_empty()) {
        let (xy, rest) = run.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let w: usize = rest.split('v').next().unwrap().parse().unwrap();
        for i in x..x + w {
            dark[y * size + i] = true;
        }
    }
    (size, dark)
}

fn decode(size: usize, dark: &[bool]) -> String {
    const PX: usize = 4;
    let n = size * PX;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(n, n, |x, y| {
        if dark[(y / PX) * size + x / PX] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "expected exactly one QR code");
    grids[0].decode().expect("QR code does not decode").1
}

#[test]
fn each_qr_code_points_to_its_stage_page() {
    let (_dir, out) = real_site();
    for (id, prefix, html) in handouts(&repo(), &out) {
        let (size, dark) = qr_modules(&html);
        let url = decode(size, &dark);
        assert_eq!(
            url,
            format!("{BASE}{prefix}stages/{id}/"),
            "{prefix}handouts/{id}"
        );
        assert!(
            out.join(prefix)
                .join("stages")
                .join(&id)
                .join("index.html")
                .is_file()
        );
        assert!(
            html.contains(&format!("<p class=\"url\">{url}</p>")),
            "the address is also printed in words"
        );
    }
}

#[test]
fn without_a_base_url_handouts_say_where_in_words_and_build_warns() {
    let site = fixture("mini");
    let out = site.path().join("public");
    let o = build(site.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: 6 handout page(s) have no QR code"),
        "{}",
        stderr(&o)
    );
    let ja = std::fs::read_to_string(out.join("handouts/infancy/index.html")).unwrap();
    assert!(!ja.contains("<svg"), "{ja}");
    assert!(
        ja.contains(
            "「年齢・時期から探す」で、次の時期を選んでください： <strong>乳幼児期</strong>"
        ),
        "{ja}"
    );
    let stage = std::fs::read_to_string(out.join("stages/infancy/index.html")).unwrap();
    assert!(
        stage.contains("href=\"../../handouts/infancy/index.html\""),
        "stage page links to its handout"
    );
    assert!(
        !out.join("handouts/school").exists(),
        "only stages with `handout: true` get one"
    );
}

#[test]
fn handouts_use_only_the_stylesheets_and_no_inline_style() {
    let site = fixture("mini");
    let out = site.path().join("public");
    assert!(
        madoguchi(&[
            "build",
            "--root",
            site.path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            BASE
        ])
        .status
        .success()
    );
    for (_, prefix, html) in handouts(site.path(), &out) {
        assert!(
            !html.contains("style="),
            "inline style breaks the CSP: {html}"
        );
        assert!(
            !html.contains("<style") && !html.contains("<script"),
            "{html}"
        );
        let depth = if prefix.is_empty() {
            "../../"
        } else {
            "../../../"
        };
        assert!(
            html.contains(&format!(
                "<link rel=\"stylesheet\" href=\"{depth}assets/print.css\">"
            )),
            "{html}"
        );
    }
    let css = std::fs::read_to_string(out.join("assets/print.css")).unwrap();
    assert!(css.contains("size: A4"));
    assert!(broken_links(&out).is_empty(), "{:#?}", broken_links(&out));
}

#[test]
fn build_pdf_writes_a_pdf_beside_each_handout() {
    let _ = chromium();
    let site = fixture("mini");
    let out = site.path().join("public");
    let o = madoguchi(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        BASE,
        "--pdf",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for rel in [
        "handouts/infancy/handout.pdf",
        "en/handouts/infancy/handout.pdf",
        "handouts/infancy/kita/handout.pdf",
        "en/handouts/infancy/minami/handout.pdf",
    ] {
        let pdf = out.join(rel);
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"), "{rel}");
        assert_eq!(pdfinfo(&pdf).0, 1, "{rel}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "scratch folders left behind: {leftovers:?}"
    );
}

#[test]
fn build_pdf_without_chromium_says_how_to_install_and_keeps_the_old_output() {
    let site = fixture("mini");
    let out = site.path().join("public");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.html"), "old").unwrap();
    // Marked as an earlier build's output, which a build may replace.
    std::fs::write(out.join(".madoguchi-output"), "").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args([
            "build",
            "--root",
            site.path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--pdf",
        ])
        .env("PATH", "")
        .env("MADOGUCHI_CHROMIUM", site.path().join("no-such-chromium"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("apt-get install chromium") && err.contains("MADOGUCHI_CHROMIUM"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("keep.html")).unwrap(),
        "old"
    );
}
