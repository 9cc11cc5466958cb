//! The library's `pub` items are its public surface: what `src/main.rs`, `tests/` and
//! `examples/` use, and the types in the signatures of those (ARCHITECTURE.md, "Module
//! dependencies"); everything else is `pub(crate)` or private.
//!
//! `#![warn(unreachable_pub)]` (lib.rs) refuses a `pub` item the crate does not export (in
//! a private module or type), but not one in a public module that nothing outside the
//! library uses. This test finds those: each `pub` item's name must appear in the binary,
//! a test or an example, or in the declaration of another `pub` item (a field's type, a
//! function's signature, a re-export). Names are matched as words, so a name that only a
//! comment outside mentions passes: the test errs towards leaving an item `pub`.
//!
//! Like `code_shape.rs` it reads rustfmt-formatted lines, not tokens.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One `pub` declaration: where it is, the names it makes public, and its text (a
/// function's signature, a type's whole body, a field's or re-export's line).
#[derive(Debug)]
struct PubItem {
    /// 1-based line of `pub`.
    line: usize,
    /// 1-based last line of the declaration.
    end: usize,
    /// The names it makes public (several for `pub use a::{B, C};`).
    names: Vec<String>,
    /// The declaration, where other items' names count as used.
    decl: String,
}

/// Every `.rs` file under `dir`, skipping `node_modules` (the browser suite's packages).
fn rs_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() && !path.ends_with("node_modules") {
            out.extend(rs_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The identifiers of `text`.
fn words(text: &str) -> HashSet<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The first identifier of `s`.
fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The names a `pub use` brings in: the last segment, or each name in its braces.
fn use_names(decl: &str) -> Vec<String> {
    let body = decl.trim_end_matches(';');
    let list = match body.split_once('{') {
        Some((_, inner)) => inner.trim_end_matches('}'),
        None => body.rsplit("::").next().unwrap_or(body),
    };
    let list = list.split(',').map(|n| n.split(" as ").last().unwrap_or(n));
    list.map(|n| ident(n.trim()))
        .filter(|n| !n.is_empty() && n != "self")
        .collect()
}

/// The lines of a declaration starting at `start`: a function's up to its body, a type's
/// or trait's up to its closing brace at the same indentation, else up to `;` or `,`.
fn declaration(lines: &[&str], start: usize, keyword: &str) -> (String, usize) {
    let first = lines[start];
    let indent = first.len() - first.trim_start().len();
    let close = format!("{}}}", " ".repeat(indent));
    let mut out = String::new();
    let mut last = start;
    for (i, line) in lines.iter().enumerate().skip(start) {
        last = i;
        out.push_str(line);
        out.push('\n');
        let t = line.trim_end();
        let done = match keyword {
            "fn" => t.ends_with('{') || t.ends_with(';'),
            "struct" | "enum" | "trait" | "union" => {
                t == close || (t.ends_with(';') && !t.ends_with("{"))
            }
            _ => t.ends_with(';') || t.ends_with(','),
        };
        if done {
            break;
        }
    }
    (out, last + 1)
}

/// The `pub` items of one source file (its test module, `#[cfg(test)]` then `mod`, left out).
fn pub_items(text: &str) -> Vec<PubItem> {
    let lines: Vec<&str> = text.lines().collect();
    let end = (0..lines.len())
        .find(|&i| {
            lines[i].trim() == "#[cfg(test)]"
                && lines
                    .get(i + 1)
                    .is_some_and(|l| l.trim().starts_with("mod "))
        })
        .unwrap_or(lines.len());
    let mut out = Vec::new();
    for i in 0..end {
        let Some(rest) = lines[i].trim_start().strip_prefix("pub ") else {
            continue;
        };
        let rest = rest
            .trim_start_matches("unsafe ")
            .trim_start_matches("async ");
        let rest = rest.strip_prefix("const fn ").map_or(rest, |r| r);
        let keyword = ident(rest);
        let (keyword, names) = match keyword.as_str() {
            "use" => ("use", use_names(declaration(&lines, i, "use").0.trim())),
            "fn" | "struct" | "enum" | "const" | "static" | "type" | "trait" | "mod" | "union" => {
                let after = rest[keyword.len()..].trim_start();
                (keyword.as_str(), vec![ident(after)])
            }
            _ => ("field", vec![keyword.clone()]),
        };
        let (decl, end) = declaration(&lines, i, keyword);
        out.push(PubItem {
            line: i + 1,
            end,
            names,
            decl,
        });
    }
    out
}

/// `file:line: name` for each public name of `sources` that neither `outside_text` nor
/// another item's declaration mentions.
fn unused_pub(sources: &[(String, String)], outside_text: &str) -> Vec<String> {
    let outside = words(outside_text);
    let items: Vec<(&str, PubItem)> = sources
        .iter()
        .flat_map(|(file, text)| {
            pub_items(text)
                .into_iter()
                .map(move |it| (file.as_str(), it))
        })
        .collect();
    let decls: Vec<HashSet<&str>> = items.iter().map(|(_, it)| words(&it.decl)).collect();
    let mut out = Vec::new();
    // Another item's declaration counts, but not the type a field is declared in.
    let encloses = |(f, o): &(&str, PubItem), file: &str, it: &PubItem| {
        *f == file && o.line <= it.line && it.line <= o.end
    };
    for (file, item) in &items {
        // A struct built outside with `..Name::default()` needs all its fields public.
        let built_outside = items.iter().any(|o| {
            o.1.line != item.line
                && encloses(o, file, item)
                && (o.1.names.iter()).any(|n| outside_text.contains(&format!("..{n}::")))
        });
        for name in &item.names {
            let in_other = (items.iter().zip(&decls))
                .any(|(o, d)| !encloses(o, file, item) && d.contains(name.as_str()));
            if !outside.contains(name.as_str()) && !in_other && !built_outside {
                out.push(format!("{file}:{}: `{name}`", item.line));
            }
        }
    }
    out
}

/// The library's sources (`src/` without `main.rs`) and the text of its users.
fn library_and_users(root: &Path) -> (Vec<(String, String)>, String) {
    let read = |p: &Path| fs::read_to_string(p).expect("readable source");
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let main = root.join("src/main.rs");
    let sources = (rs_files(&root.join("src")).into_iter())
        .filter(|p| *p != main)
        .map(|p| (rel(&p), read(&p)))
        .collect();
    let mut users = read(&main);
    for p in rs_files(&root.join("tests"))
        .into_iter()
        .chain(rs_files(&root.join("examples")))
    {
        users.push_str(&read(&p));
    }
    (sources, users)
}

#[test]
fn every_pub_item_is_used_by_the_binary_tests_or_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (sources, users) = library_and_users(root);
    assert!(sources.len() > 20, "the library's sources were not found");
    let unused = unused_pub(&sources, &users);
    assert!(
        unused.is_empty(),
        "these `pub` items are used only inside the library; make them `pub(crate)` (or \
         private), or remove them if nothing uses them:\n{}",
        unused.join("\n")
    );
}

#[test]
fn finds_a_planted_unused_pub_item_and_accepts_used_ones() {
    let lib = "\
pub struct Used {
    pub field: Inner,
    pub unread: u8,
    pub(crate) hidden: u8,
}

pub struct Inner;

pub fn unused_helper(x: u8) -> u8 {
    x
}

pub use inner::{Renamed as Alias, Other};

pub struct Options {
    pub size: u8,
}

pub(crate) fn crate_only() {}

#[cfg(test)]
mod tests {
    pub fn only_in_tests() {}
}
";
    let sources = vec![("src/x.rs".to_string(), lib.to_string())];
    let outside = "use madoguchi::x::{Used, Alias}; u.field; Options { ..Options::default() }";
    let unused = unused_pub(&sources, outside);
    // `Inner` is in `Used`'s declaration; `Options::size` is needed by `..Options::default()`;
    // `crate_only` and the test module are not `pub` items of the library.
    assert_eq!(
        unused,
        vec![
            "src/x.rs:3: `unread`",
            "src/x.rs:9: `unused_helper`",
            "src/x.rs:13: `Other`"
        ]
    );
}
