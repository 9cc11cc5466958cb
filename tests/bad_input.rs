//! Each kind of bad input gives a clear message (file:line:column, what, how to fix),
//! a non-zero exit, and leaves the previous output byte-for-byte intact.

mod common;
use common::*;
use std::fs;

#[test]
fn unknown_field_suggests_the_right_one() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/agencies/center.yaml",
            "verified_on:",
            "verifed_on:",
        )
    });
    assert!(
        err.contains("content/agencies/center.yaml:14:1: error: unknown field `verifed_on`"),
        "{err}"
    );
    assert!(err.contains("did you mean `verified_on`?"), "{err}");
}

#[test]
fn reference_to_missing_id_lists_nearest_ids() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/networks/kita-net.yaml",
            "members: [ward-office, center]",
            "members: [ward-ofice, center]",
        )
    });
    assert!(err.contains("content/networks/kita-net.yaml:4:11: error: `members` refers to a missing agency `ward-ofice`"), "{err}");
    assert!(err.contains("the nearest ids are `ward-office`"), "{err}");
}

#[test]
fn duplicate_id_across_kinds() {
    let err = fails_keeping_output(|r| {
        fs::copy(
            r.join("content/stages/school.yaml"),
            r.join("content/stages/center.yaml"),
        )
        .unwrap();
    });
    assert!(err.contains("content/stages/center.yaml:1:1: error: duplicate id `center`: this stage has the same id as content/agencies/center.yaml"), "{err}");
}

#[test]
fn bad_tier() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/agencies/center.yaml",
            "tier: tertiary",
            "tier: tertary",
        )
    });
    assert!(
        err.contains("content/agencies/center.yaml:3:7: error: unknown tier `tertary` in `tier`"),
        "{err}"
    );
    assert!(err.contains("did you mean `tertiary`?"), "{err}");
}

#[test]
fn bad_date() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/agencies/center.yaml",
            "verified_on: 2024-01-26",
            "verified_on: 2024-02-30",
        )
    });
    assert!(err.contains("content/agencies/center.yaml:14:14: error: `verified_on` is not a valid date: `2024-02-30`"), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn javascript_url_is_rejected() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/agencies/center.yaml",
            "url: https://example.org/center",
            "url: javascript:alert(1)",
        )
    });
    assert!(
        err.contains(
            "content/agencies/center.yaml:12:8: error: unsafe or invalid link `javascript:alert(1)`"
        ),
        "{err}"
    );
}

#[test]
fn javascript_link_in_markdown_is_rejected() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/pages/about.ja.md",
            "(https://example.org/)",
            "(javascript:alert(1))",
        )
    });
    assert!(err.contains("content/pages/about.ja.md:3:"), "{err}");
    assert!(
        err.contains("unsafe or invalid link `javascript:alert(1)`"),
        "{err}"
    );
}

#[test]
fn invalid_url_is_rejected() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/agencies/center.yaml",
            "url: https://example.org/center",
            "url: https:/example",
        )
    });
    assert!(
        err.contains("unsafe or invalid link `https:/example`"),
        "{err}"
    );
}

#[test]
fn id_with_bad_characters() {
    let err = fails_keeping_output(|r| {
        fs::rename(
            r.join("content/agencies/center.yaml"),
            r.join("content/agencies/Center_2.yaml"),
        )
        .unwrap();
    });
    assert!(err.contains("content/agencies/Center_2.yaml:1:1: error: the id `Center_2` (the file name) may only use a-z, 0-9 and `-`"), "{err}");
    assert!(err.contains("e.g. to `center-2`"), "{err}");
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let err = fails_keeping_output(|r| {
        let p = r.join("content/agencies/center.yaml");
        let mut bytes = fs::read(&p).unwrap();
        // Shift_JIS for 「北」 on the third line.
        let third = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(1)
            .unwrap()
            .0
            + 1;
        bytes.splice(third..third, [0x96, 0x6b, b'\n']);
        fs::write(&p, bytes).unwrap();
    });
    assert!(
        err.contains("content/agencies/center.yaml:3:1: error: the file is not valid UTF-8"),
        "{err}"
    );
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn empty_file() {
    let err = fails_keeping_output(|r| {
        fs::write(r.join("content/programs/parent-training.yaml"), "\n  \n").unwrap()
    });
    assert!(
        err.contains("content/programs/parent-training.yaml:1:1: error: the file is empty"),
        "{err}"
    );
}

#[test]
fn yaml_syntax_error_has_position() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/agencies/center.yaml",
            "kind: {ja: 専門機関, en: Specialist centre}",
            "kind: {ja: 専門機関, en: Specialist centre",
        )
    });
    assert!(err.contains("content/agencies/center.yaml:"), "{err}");
    assert!(err.contains("check the YAML syntax"), "{err}");
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "content/agencies/center.yaml",
            "tier: tertiary",
            "tier: nope",
        );
        edit(
            r,
            "content/agencies/ward-office.yaml",
            "stages: [infancy]",
            "stages: [infanci]",
        );
        fs::write(r.join("content/programs/parent-training.yaml"), "").unwrap();
    });
    assert!(err.contains("unknown tier `nope`"), "{err}");
    assert!(err.contains("unknown stage `infanci`"), "{err}");
    assert!(err.contains("did you mean `infancy`?"), "{err}");
    assert!(err.contains("the file is empty"), "{err}");
    // The emptied program's own error is enough: the stage's reference to it is not
    // reported again as a missing id.
    assert!(!err.contains("refers to a missing"), "{err}");
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn broken_template_keeps_output() {
    let err = fails_keeping_output(|r| {
        edit(
            r,
            "themes/default/templates/record.html",
            "{% endblock main %}",
            "{% endblok main %}",
        )
    });
    assert!(err.contains("template"), "{err}");
}

#[test]
fn unsafe_base_url_on_the_command_line_is_rejected() {
    let site = fixture("mini");
    let out = site.path().join("public");
    assert!(build(site.path(), &out).status.success());
    let before = tree(&out);
    let root = site.path().to_str().unwrap();
    let o = madoguchi(&[
        "build",
        "--root",
        root,
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        "javascript:alert(1)",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("`base_url` must be a full http(s) address: `javascript:alert(1)`"),
        "{}",
        stderr(&o)
    );
    assert!(
        tree(&out) == before,
        "a failed build changed the previous output"
    );
}

/// A bad value in a `languages:` declaration names the field, says what is allowed and
/// points at the value (it used to be serde's "did not match any variant" of the entry).
#[test]
fn bad_language_declaration_values_name_their_field() {
    let cases = [
        (
            "fallback: [ja]}",
            "fallback: [ja], review: drafted}",
            "site.yaml:2:91: error: languages[1]: `review: drafted` is not a review status",
            "write `review: draft`",
        ),
        (
            "fallback: [ja]}",
            "fallback: [ja], dir: up}",
            "site.yaml:2:91: error: languages[1]: `dir: up` is not a text direction",
            "`dir: ltr`",
        ),
        (
            "fallback: [ja]}",
            "fallback: ja}",
            "site.yaml:2:85: error: languages[1].fallback: invalid type: string \"ja\", expected `fallback:` as a list of language codes",
            "write the value the way the message shows",
        ),
        (
            "prefix: en/",
            "prefix: [en]",
            "site.yaml:2:70: error: languages[1].prefix: invalid type: sequence, expected `prefix:` as one text",
            "docs/schema.md",
        ),
    ];
    for (from, to, message, help) in cases {
        let err = fails_keeping_output(|r| edit(r, "site.yaml", from, to));
        assert!(err.contains(message), "{to}: {err}");
        assert!(err.contains(help), "{to}: {err}");
        assert!(!err.contains("did not match any variant"), "{err}");
    }
}
