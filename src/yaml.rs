//! All YAML parsing lives here.
//!
//! We use `serde_yaml_ng`, a maintained fork of the archived `serde_yaml` with the same API
//! (serde_yaml is marked deprecated and gets no fixes). Keeping every call in this module
//! means swapping the fork later touches one file.
//!
//! serde gives positions only for syntax and type errors, so this module also reads where
//! each value is written by its path ([`Nodes`], from the same parser events the limits
//! walk reads) to point semantic errors (a bad reference, a bad date) at the offending
//! value itself, never at the same text written elsewhere in the file.

use crate::diag::{Diagnostic, FIX, Pos, did_you_mean};
use crate::model::{Limits, Step};
use serde::de::DeserializeOwned;
use std::path::Path;

mod bounds;
mod nodes;

pub(crate) use nodes::Nodes;

/// The help for a YAML syntax error, whichever parser finds it.
const SYNTAX_HELP: &str =
    "check the YAML syntax near this position: indentation, a missing `:` or an unclosed quote";

/// Parses `text` (already checked to be non-empty UTF-8) into `T` within the default
/// limits.
pub(crate) fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    parse_within(file, text, &Limits::default())
}

/// Parses `text` into `T` after `bounds::scan` has walked its events and found it within
/// `limits`, free of duplicate keys and of forbidden characters (also ones written as
/// escapes). serde_yaml_ng builds every value (and expands every alias) before it can
/// refuse anything, so the scan must come first.
pub(crate) fn parse_within<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    limits: &Limits,
) -> Result<T, Diagnostic> {
    bounds::scan(file, text, limits)?;
    serde_yaml_ng::from_str::<T>(text).map_err(|e| to_diagnostic(file, text, &e))
}

fn to_diagnostic(file: &Path, text: &str, e: &serde_yaml_ng::Error) -> Diagnostic {
    let pos = e
        .location()
        .map(|l| Pos::new(l.line(), l.column()))
        .unwrap_or(Pos::START);
    let raw = e.to_string();
    // serde_yaml_ng appends " at line X column Y"; we print the position ourselves.
    let msg = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    // serde_yaml_ng names where in the file the value is (`languages[2]: …`).
    let (path, msg) = split_path(&msg);
    // A value our own types refuse says how to fix it after [`FIX`]; point at the value.
    if let Some((what, fix)) = msg.split_once(FIX) {
        // `review: drafted` as written in a declaration, else the value alone
        // (`{vi: drafted}` in a record).
        let pos = quoted(what)
            .and_then(|snippet| {
                locate_on_line(text, pos.line, snippet).or_else(|| {
                    let value = snippet.split_once(": ")?.1;
                    locate_on_line(text, pos.line, value)
                })
            })
            .unwrap_or(pos);
        return Diagnostic::error(file, pos, format!("{path}{what}"), fix);
    }
    let msg = msg.to_string();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        // The key itself, in the map serde names (the same key may be right elsewhere).
        let mut at = steps_of(path);
        at.push(Step::Key(field));
        let pos = Nodes::of(text).key(&at).unwrap_or(pos);
        return Diagnostic::error(
            file,
            pos,
            format!("{path}unknown field `{field}`"),
            format!(
                "{} Remove it or correct its spelling.",
                did_you_mean(field, valid.iter().copied())
            ),
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error(
            file,
            pos,
            format!("missing field `{field}`"),
            format!("add `{field}:` to this record (see docs/schema.md for what it holds)"),
        );
    }
    let help = if msg.contains(", expected `") {
        // Our own fields say what they expect, naming the field (`fallback:`).
        "write the value the way the message shows (docs/schema.md describes every field)"
    } else if msg.contains("invalid type") {
        "check the value's shape: localized text is written as `{ja: …, en: …}`, lists as `[a, b]` or `- a` lines"
    } else {
        SYNTAX_HELP
    };
    Diagnostic::error(file, pos, format!("{path}{msg}"), help)
}

/// `("languages[2]: ", rest)` when serde_yaml_ng put the value's path first, else `("", msg)`.
fn split_path(msg: &str) -> (&str, &str) {
    let is_path = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.[]".contains(c))
    };
    match msg.split_once(": ") {
        Some((p, rest)) if is_path(p) => (&msg[..p.len() + 2], rest),
        _ => ("", msg),
    }
}

/// The first text in backticks in `msg`.
fn quoted(msg: &str) -> Option<&str> {
    msg.split('`').nth(1).filter(|s| !s.is_empty())
}

/// Where `snippet` is written on `line` (1-based) of `text`.
fn locate_on_line(text: &str, line: usize, snippet: &str) -> Option<Pos> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let at = l.find(snippet)?;
    Some(Pos::new(line, l[..at].chars().count() + 1))
}

/// The steps of a value's path as serde_yaml_ng prints it (`locations[0].phones[1]: `).
fn steps_of(path: &str) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    for part in path
        .trim_end_matches(": ")
        .split('.')
        .filter(|p| !p.is_empty())
    {
        let mut pieces = part.split('[');
        steps.extend(pieces.next().filter(|k| !k.is_empty()).map(Step::Key));
        let indices = pieces.filter_map(|i| i.trim_end_matches(']').parse().ok());
        steps.extend(indices.map(Step::Index));
    }
    steps
}

/// Every scalar (key or value) of `text`, a file [`parse_within`] accepted, with the byte
/// offset where it starts in `text`: for checks on the text values themselves (furigana
/// markup), which serde's values no longer place.
pub(crate) fn scalars(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    // saphyr places events by character; scalars come in order, so walk forward once.
    let mut chars = text.char_indices().enumerate().peekable();
    let mut parser = saphyr_parser::Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        if let saphyr_parser::Event::Scalar(value, ..) = event {
            let want = span.start.index();
            while chars.next_if(|(n, _)| *n < want).is_some() {}
            let byte = chars.peek().map_or(text.len(), |(_, (b, _))| *b);
            out.push((value.into_owned(), byte));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_paths_become_steps() {
        use Step::{Index, Key};
        let steps = steps_of("locations[0].phones[1]: ");
        assert_eq!(steps, [Key("locations"), Index(0), Key("phones"), Index(1)]);
        assert!(steps_of("").is_empty());
    }

    #[test]
    fn an_unknown_field_is_at_its_own_key_not_the_same_key_elsewhere() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Place {
            name: String,
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct R {
            fees: String,
            places: Vec<Place>,
        }
        let text = "fees: x\nplaces:\n  - name: a\n  - name: b\n    fees: y\n";
        let d = parse::<R>(Path::new("a.yaml"), text).unwrap_err();
        assert!(d.message.contains("unknown field `fees`"), "{}", d.message);
        assert_eq!((d.line, d.column), (5, 5));
    }

    #[test]
    fn scalars_start_where_they_are_written() {
        let text = "名前: {ja: 東区, en: \"x\"}\nb: |\n  本文\n";
        let found = scalars(text);
        let at = |v: &str| found.iter().find(|(s, _)| s == v).map(|(_, b)| *b);
        assert_eq!(at("東区"), text.find("東区"));
        assert_eq!(at("x"), text.find("\"x"));
        assert_eq!(at("名前"), Some(0));
        assert!(found.iter().any(|(s, _)| s == "本文\n"));
    }

    #[test]
    fn unknown_field_gets_suggestion_and_line() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct R {
            source: String,
            verified_on: String,
        }
        let text = "source: x\nverifed_on: 2024-01-01\n";
        let d = parse::<R>(Path::new("a.yaml"), text).unwrap_err();
        assert_eq!((d.line, d.column), (2, 1));
        assert!(d.message.contains("unknown field `verifed_on`"));
        assert!(d.help.contains("did you mean `verified_on`?"), "{}", d.help);
    }
}
