//! Outputs plug in: an output added to the list is made by `build`, rendered by `check`
//! (whose link check sees its files) and kept up to date by `serve` after an edit; every
//! output of the standard list makes the same files in all three. And each command loads
//! and validates the content once.

mod common;
use common::*;
use madoguchi::BuildOptions;
use madoguchi::diag::Diagnostics;
use madoguchi::incremental::Session;
use madoguchi::output::OutFile;
use madoguchi::outputs::{self, Ctx, Depends, Made, Output, Sink};
use madoguchi::pipeline::{as_refs, build_with, render_in_memory};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// A test output made from all the content: one page listing the agencies' Japanese
/// names, with a link to a page nobody makes (for `check` to find).
struct Probe;

const PROBE: &str = "probe/index.html";

impl Output for Probe {
    fn name(&self) -> &'static str {
        "probe"
    }
    fn depends(&self) -> Depends {
        Depends::Content
    }
    fn make(&self, ctx: &Ctx, _: &[OutFile], sink: &Sink) -> Result<Made, madoguchi::Error> {
        let names: Vec<&str> = ctx
            .content
            .agencies
            .iter()
            .map(|a| a.data.name.written_first())
            .collect();
        sink(OutFile {
            rel: PROBE.into(),
            bytes: format!(
                "<p>{}</p>\n<a href=\"missing/index.html\">x</a>\n",
                names.join(" / ")
            )
            .into_bytes(),
        })?;
        Ok(Made::default())
    }
}

fn with_probe() -> Vec<Box<dyn Output>> {
    let mut list = outputs::standard();
    list.push(Box::new(Probe));
    list
}

fn built_paths(out: &Path) -> BTreeSet<String> {
    tree(out)
        .into_keys()
        .filter(|p| p != ".madoguchi-output")
        .collect()
}

fn today() -> (i32, u32, u32) {
    madoguchi::check::parse_today("2024-06-01").unwrap()
}

fn probe_errors(d: &Diagnostics) -> Vec<String> {
    d.errors()
        .map(ToString::to_string)
        .filter(|m| m.contains("(rendered) probe/index.html") && m.contains("missing/index.html"))
        .collect()
}

#[test]
fn an_added_output_is_in_build_check_and_serve() {
    let site = fixture("mini");
    let root = site.path();
    let list = with_probe();

    let out = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: out.path().join("public"),
        base_url: None,
        pdf: false,
    };
    build_with(&opts, &as_refs(&list)).unwrap();
    let built = fs::read_to_string(out.path().join("public").join(PROBE)).unwrap();
    assert!(built.contains("こども発達支援センター"), "{built}");

    let checked = madoguchi::check::run_with(root, today(), &as_refs(&list));
    assert_eq!(probe_errors(&checked).len(), 1, "{:#?}", checked.items);
    let standard = madoguchi::check::run_with(root, today(), &as_refs(&outputs::standard()));
    assert!(probe_errors(&standard).is_empty());

    let mut session = Session::with_outputs(root, with_probe());
    session.rebuild_all().unwrap();
    assert!(session.files().contains_key(PROBE));
    let record = root.join("content/agencies/center.yaml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(
        &record,
        text.replace("こども発達支援センター", "こども発達相談室"),
    )
    .unwrap();
    let u = session.update(&[record]).unwrap();
    assert!(u.incremental);
    let served = String::from_utf8_lossy(&session.files()[PROBE]).into_owned();
    assert!(served.contains("こども発達相談室"), "{served}");
}

#[test]
fn build_check_and_serve_make_the_same_files() {
    let site = fixture("mini");
    let root = site.path();
    let out = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: out.path().join("public"),
        base_url: None,
        pdf: false,
    };
    madoguchi::build(&opts).unwrap();
    let built = built_paths(&out.path().join("public"));

    let (content, diags) = madoguchi::check(root);
    let content = content.unwrap_or_else(|| panic!("{diags:?}"));
    let list = outputs::standard();
    let ui = madoguchi::i18n::for_site(root, &content).unwrap();
    let rendered = render_in_memory(root, &content, &ui, &as_refs(&list)).unwrap();
    let in_memory: BTreeSet<String> = rendered.files.into_iter().map(|f| f.rel).collect();
    assert_eq!(built, in_memory);

    let mut session = Session::new(root);
    session.rebuild_all().unwrap();
    let record = root.join("content/agencies/center.yaml");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(
        &record,
        text.replace("予約制です。", "予約制です（電話）。"),
    )
    .unwrap();
    session.update(&[record]).unwrap();
    let served: BTreeSet<String> = session.files().keys().cloned().collect();
    assert_eq!(built, served);
    // Each kind of output is among them.
    for p in [
        "index.html",
        "assets/style.css",
        "assets/search-ja.js",
        "feed.xml",
    ] {
        assert!(built.contains(p), "{p}");
    }
}

/// The `MADOGUCHI_TIMINGS` steps a command printed, in order.
fn steps(args: &[&str]) -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .env("MADOGUCHI_TIMINGS", "1")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter_map(|l| l.strip_prefix("timing: "))
        .filter_map(|l| l.split(':').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn each_command_loads_and_validates_once() {
    let site = fixture("mini");
    // The search thesaurus is parsed once too (for its check, and the index uses that).
    std::fs::write(
        site.path().join("content/thesaurus.yaml"),
        "same:\n  - [子ども, こども]\n",
    )
    .unwrap();
    let root = site.path().to_str().unwrap();
    let out = site.path().join("public");
    let count = |steps: &[String], name: &str| steps.iter().filter(|s| *s == name).count();
    for args in [
        vec!["check", "--root", root, "--today", "2024-06-01"],
        vec!["build", "--root", root, "--out", out.to_str().unwrap()],
    ] {
        let steps = steps(&args);
        assert_eq!(count(&steps, "loading"), 1, "{args:?}: {steps:?}");
        assert_eq!(count(&steps, "validating"), 1, "{args:?}: {steps:?}");
        assert_eq!(count(&steps, "rendering"), 1, "{args:?}: {steps:?}");
        assert_eq!(count(&steps, "thesaurus"), 1, "{args:?}: {steps:?}");
    }
}
