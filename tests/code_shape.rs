//! The code stays in small rooms (issue 11): no function in `src/**/*.rs` over
//! [`FN_LINES`] lines and no file over [`FILE_CODE_LINES`] code lines. Test-only modules
//! (`#[cfg(test)] mod …`) are left out: tests are long lists of cases and read one at a
//! time.
//!
//! The limits:
//! - **80 lines per function**, counted from the `fn` line to its closing `}` (everything a
//!   reader scrolls through, comments included): a function that long still fits on one
//!   screen, and past it a function does more than one thing its name can say.
//! - **550 code lines per file** (blank and comment-only lines not counted, so explaining a
//!   thing never pushes a file over): the aim is about 500, a file a reader can hold in mind;
//!   the 10% above it lets a file near the aim take a small change without being split in
//!   the middle of unrelated work.
//!
//! The code is rustfmt-formatted, so the scan reads lines, not tokens: a function starts at
//! a line `… fn name…` and its body ends at the first later line that is `}` at the same
//! indentation; a test module likewise. That is simpler than counting braces and is not
//! fooled by braces in strings or comments. A text block inside a function with a line that
//! is only `}` at the function's own indentation would end it early: such a text belongs in
//! a file of its own (`include_str!`) anyway.
//!
//! [`ALLOWED`] lists exceptions. Only data tables may be allowed for good, each with its
//! reason; functions being split on another branch are listed there until it is merged.

use std::fs;
use std::path::Path;

/// Longest function, in lines from `fn` to its closing brace.
const FN_LINES: usize = 80;
/// Longest file, in code lines (not blank, not only a comment), test modules left out.
const FILE_CODE_LINES: usize = 550;

/// Exceptions: (file, function name or `""` for the file's length, why).
const ALLOWED: &[(&str, &str, &str)] = &[];

/// A function or file over its limit.
#[derive(Debug, PartialEq)]
struct Over {
    /// 1-based line: the `fn` line, or the line where the file passes its limit.
    line: usize,
    /// The function's name, or `""` for the file.
    name: String,
    /// Its length in lines (code lines for a file).
    lines: usize,
}

/// Leading spaces of a line.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The index of the first line after `start` that is `}` at `start`'s indentation.
fn closing(lines: &[&str], start: usize) -> Option<usize> {
    let end = format!("{}}}", " ".repeat(indent(lines[start])));
    (start + 1..lines.len()).find(|&i| lines[i].trim_end() == end)
}

/// The lines of a file with each test-only module (`#[cfg(test)]` then `mod …`) blanked
/// out, so line numbers stay those of the file.
fn without_test_modules(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let is_test_mod = lines[i].trim() == "#[cfg(test)]"
            && lines.get(i + 1).is_some_and(|next| {
                let t = next.trim_start();
                t.starts_with("mod ")
                    || t.starts_with("pub(crate) mod ")
                    || t.starts_with("pub mod ")
            });
        if is_test_mod && let Some(end) = closing(&lines, i) {
            lines[i..=end].fill("");
            i = end;
        }
        i += 1;
    }
    lines
}

/// The name of the function a line declares, if it does (`pub(crate) async fn name<T>(…`).
fn fn_name(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace().skip_while(|w| {
        w.starts_with("pub")
            || matches!(
                *w,
                "const" | "async" | "unsafe" | "extern" | "default" | "\"C\""
            )
    });
    if words.next()? != "fn" {
        return None;
    }
    let rest = words.next()?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Every function with a body longer than `limit` lines.
fn long_functions(lines: &[&str], limit: usize) -> Vec<Over> {
    let mut out = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        // The signature may take several lines: it ends at the body's `{`, or at `;` for a
        // trait's declaration without a body, or at `}` for a body kept on one line.
        let Some(open) = (start..lines.len()).find(|&i| {
            let t = lines[i].trim_end();
            t.ends_with('{') || t.ends_with(';') || t.ends_with('}')
        }) else {
            continue;
        };
        if !lines[open].trim_end().ends_with('{') {
            continue;
        }
        let Some(end) = closing(lines, start) else {
            continue;
        };
        let length = end - start + 1;
        if length > limit {
            out.push(Over {
                line: start + 1,
                name: name.to_string(),
                lines: length,
            });
        }
    }
    out
}

/// The file's code lines if over `limit`, with the line where it passes the limit.
fn long_file(lines: &[&str], limit: usize) -> Option<Over> {
    let code: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let t = lines[i].trim();
            !t.is_empty() && !t.starts_with("//")
        })
        .collect();
    (code.len() > limit).then(|| Over {
        line: code[limit] + 1,
        name: String::new(),
        lines: code.len(),
    })
}

/// Every function and file over its limit under `src`, as `file:line: …` messages, with
/// the allowed ones left out.
fn findings(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut files: Vec<_> = walkdir::WalkDir::new(root.join("src"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = fs::read_to_string(&path).unwrap();
        let lines = without_test_modules(&text);
        let allowed = |name: &str| ALLOWED.iter().any(|&(f, n, _)| f == rel && n == name);
        for f in long_functions(&lines, FN_LINES) {
            if !allowed(&f.name) {
                out.push(format!(
                    "{rel}:{}: fn {} is {} lines (limit {FN_LINES}): split it into functions whose names say each step",
                    f.line, f.name, f.lines
                ));
            }
        }
        if let Some(f) = long_file(&lines, FILE_CODE_LINES).filter(|_| !allowed("")) {
            out.push(format!(
                "{rel}:{}: the file has {} code lines (limit {FILE_CODE_LINES}; this line passes it): split it along its seams into modules",
                f.line, f.lines
            ));
        }
    }
    out
}

#[test]
fn no_long_functions_or_files() {
    let found = findings(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        found.is_empty(),
        "code over the size limits (tests/code_shape.rs says why):\n{}",
        found.join("\n")
    );
}

#[test]
fn every_allowed_entry_is_still_needed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for &(file, name, why) in ALLOWED {
        assert!(!why.is_empty(), "{file} {name}: say why it is allowed");
        let text = fs::read_to_string(root.join(file))
            .unwrap_or_else(|e| panic!("{file} (in ALLOWED): {e}"));
        let lines = without_test_modules(&text);
        let over = if name.is_empty() {
            long_file(&lines, FILE_CODE_LINES).is_some()
        } else {
            long_functions(&lines, FN_LINES)
                .iter()
                .any(|f| f.name == name)
        };
        assert!(
            over,
            "{file} {name:?} is within the limits now: delete its entry from ALLOWED in tests/code_shape.rs"
        );
    }
}

#[test]
fn finds_a_planted_long_function_and_ignores_braces_in_strings() {
    let body = "    let x = 1;\n".repeat(5);
    let text = format!(
        "pub(crate) fn short() {{\n{body}}}\n\
         fn long(a: u8)\n    -> u8\nwhere\n    u8: Copy,\n{{\n    let s = \"}}\";\n    let t = \"{{\";\n{body}{body}    a\n}}\n\
         trait T {{\n    fn declared(&self);\n    fn empty(&self) {{}}\n}}\n\
         #[cfg(test)]\nmod tests {{\n    fn in_tests() {{\n{body}{body}{body}    }}\n}}\n"
    );
    let lines = without_test_modules(&text);
    assert_eq!(
        long_functions(&lines, 10),
        [Over {
            line: 8,
            name: "long".into(),
            lines: 19
        }]
    );
    // The braces in the strings did not end `long` early nor make it longer.
    assert_eq!(long_functions(&lines, 18).len(), 1);
    assert!(long_functions(&lines, 19).is_empty());
    // The test module is left out: with it, `in_tests` (17 lines) would be found.
    let with_tests: Vec<&str> = text.lines().collect();
    assert_eq!(long_functions(&with_tests, 16)[1].name, "in_tests");
    assert!(
        long_functions(&lines, 16)
            .iter()
            .all(|f| f.name != "in_tests")
    );
    // File length: code lines only.
    let file = "// comment\n\nfn a() {\n    1\n}\n";
    let lines: Vec<&str> = file.lines().collect();
    assert_eq!(long_file(&lines, 3), None);
    assert_eq!(
        long_file(&lines, 2),
        Some(Over {
            line: 5,
            name: String::new(),
            lines: 3
        })
    );
}

/// The `.rs` files `doc` names in backticks (`src/load.rs`, `model/kinds.rs`, `hsds.rs`)
/// that do not exist: a name is looked for from the repository, then as the end of a path
/// under `src/`, `tests/` or `examples/` (`hsds/schema.rs` is `src/export/hsds/schema.rs`).
fn missing_rs_files(doc: &str, root: &Path) -> Vec<String> {
    let mut known = Vec::new();
    for dir in ["src", "tests", "examples"] {
        for e in walkdir::WalkDir::new(root.join(dir))
            .into_iter()
            .filter_map(Result::ok)
        {
            known.push(e.path().strip_prefix(root).unwrap().to_path_buf());
        }
    }
    let exists = |name: &str| root.join(name).is_file() || known.iter().any(|k| k.ends_with(name));
    let mut out: Vec<String> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|quoted| {
            quoted.len() > ".rs".len()
                && quoted.ends_with(".rs")
                && quoted
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_-./".contains(c))
        })
        .filter(|name| !exists(name))
        .map(str::to_string)
        .collect();
    out.dedup();
    out
}

#[test]
fn architecture_names_only_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let missing = missing_rs_files(&doc, root);
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names files that do not exist (moved or renamed?): {missing:?}"
    );
    // A moved file is caught, in each form a name takes.
    let planted =
        "`src/load.rs`, `load/read.rs`, `hsds.rs`, `src/gone.rs`, `load/gone.rs`, `gone.rs`";
    assert_eq!(
        missing_rs_files(planted, root),
        ["src/gone.rs", "load/gone.rs", "gone.rs"]
    );
}
