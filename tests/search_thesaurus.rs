//! `check` reads content/thesaurus.yaml and names the line and column of each broken entry
//! (a target no record contains, a loop, a word listed twice, a malformed file); `build`
//! refuses such a thesaurus and leaves the previous output alone.

mod common;

use std::fs;

const GOOD: &str = "\
# comment: 自閉症
same:
  - [言葉, ことば, コトバ]
leads_to:
  - from: [autism, 自閉症]
    to: [発達支援, 専門相談]
";

fn check(thesaurus: &str) -> (bool, String) {
    let site = common::fixture("mini");
    fs::write(site.path().join("content/thesaurus.yaml"), thesaurus).unwrap();
    let o = common::madoguchi(&["check", "--root", site.path().to_str().unwrap()]);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned() + &common::stderr(&o),
    )
}

/// The thesaurus errors of a check's output.
fn errors(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.starts_with("content/thesaurus.yaml:") && l.contains(": error: "))
        .collect()
}

#[test]
fn a_sound_thesaurus_passes() {
    let (ok, out) = check(GOOD);
    assert!(ok, "{out}");
    assert!(errors(&out).is_empty(), "{out}");
}

#[test]
fn check_names_the_line_of_each_broken_entry() {
    let broken = "\
same:
  - [言葉, ことば]
  - [ことば, 詞]
  - [ひとつ]
leads_to:
  - from: [発達支援]
    to: [専門相談, しえんせんたーx]
  - from: [専門相談]
    to: [発達支援]
  - from: [speech delay, speech delay]
    to: [専門相談]
";
    let (ok, out) = check(broken);
    assert!(!ok, "a broken thesaurus must fail check:\n{out}");
    let errors = errors(&out);
    let at = |pos: &str, what: &str| {
        assert!(
            errors.iter().any(
                |e| e.starts_with(&format!("content/thesaurus.yaml:{pos}: error: "))
                    && e.contains(what)
            ),
            "no error {what:?} at {pos}:\n{out}"
        );
    };
    at("3:6", "`ことば` is listed twice"); // already in the group on line 2
    at("4:6", "at least two words");
    at("7:16", "`しえんせんたーx` is in no record"); // an unknown target
    at("9:10", "loop"); // 発達支援 → 専門相談 → 発達支援, reported once
    at("10:26", "`speech delay` is listed twice");
    assert_eq!(errors.len(), 5, "{out}");
    // Each error says how to fix it.
    let help_lines = out
        .lines()
        .filter(|l| l.trim_start().starts_with("help:"))
        .count();
    assert!(help_lines >= 5);
}

#[test]
fn a_malformed_thesaurus_is_an_error_and_the_build_keeps_the_old_output() {
    let (ok, out) = check("same:\n  - [言葉, ことば\nleads_to: 3\n");
    assert!(!ok && !errors(&out).is_empty(), "{out}");
    let (ok, out) = check("synonyms:\n  - [a, b]\n");
    assert!(!ok && out.contains("unknown field `synonyms`"), "{out}");

    let site = common::fixture("mini");
    let out = site.path().join("public");
    assert!(common::build(site.path(), &out).status.success());
    let before = common::tree(&out);
    fs::write(
        site.path().join("content/thesaurus.yaml"),
        "leads_to:\n  - from: [a]\n    to: [qqqzzz]\n",
    )
    .unwrap();
    let o = common::build(site.path(), &out);
    assert!(!o.status.success());
    assert!(
        common::stderr(&o).contains("content/thesaurus.yaml:3:10"),
        "{}",
        common::stderr(&o)
    );
    assert_eq!(
        common::tree(&out),
        before,
        "a failed build must leave the output alone"
    );
}

/// The thesaurus is read like a record file: a control character is an error at its line
/// and column, and a symbolic link leading outside the site folder is refused at the link.
#[test]
fn the_thesaurus_is_read_like_a_record_file() {
    let (ok, out) = check("same:\n  - [言葉, こと\u{1b}[2Jば]\n");
    assert!(!ok, "{out}");
    assert!(
        out.contains("content/thesaurus.yaml:2:12: error: the file holds U+001B")
            && !out.contains('\u{1b}'),
        "{out}"
    );

    let site = common::fixture("mini");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("t.yaml"), GOOD).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("t.yaml"),
        site.path().join("content/thesaurus.yaml"),
    )
    .unwrap();
    let o = common::madoguchi(&["check", "--root", site.path().to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &common::stderr(&o);
    assert!(!o.status.success(), "{out}");
    assert!(
        errors(&out)
            .iter()
            .any(|l| l.contains("outside the site folder")),
        "{out}"
    );
}
