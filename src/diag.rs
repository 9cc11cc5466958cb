//! Diagnostics: every problem found in the content, with where it is and how to fix it.
//!
//! Stages collect diagnostics instead of stopping at the first one, so a staff member
//! sees every problem of a run at once.

/// Positions are counted in `text` (in characters); diagnostics carry them.
pub(crate) use crate::text::Pos;
use crate::text::escape_for_terminal;

use std::fmt;
use std::path::{Path, PathBuf};

/// Between what is wrong and how to fix it, in the messages of values our own types
/// refuse while parsing (e.g. `review: drafted`): the diagnostic prints them apart.
/// Here, not in `yaml`, because `model`'s own types write it and `yaml` reads it.
pub(crate) const FIX: &str = "; to fix: ";

/// How serious a diagnostic is: errors stop `build` and make `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    /// The site cannot be built until it is fixed.
    Error,
    /// Worth fixing (a missing translation, a stale record); the site still builds.
    Warning,
}

/// One problem found in the site, where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// Path relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line and column; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 with `line` 0.
    pub column: usize,
    /// What is wrong, naming the field and value.
    pub message: String,
    /// How to fix it, in words a non-programmer can act on.
    pub(crate) help: String,
}

impl Diagnostic {
    /// An error at `pos` of `file`.
    pub(crate) fn error(
        file: &Path,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, file, pos, message, help)
    }

    /// A warning at `pos` of `file`.
    pub(crate) fn warning(
        file: &Path,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, file, pos, message, help)
    }

    fn new(
        severity: Severity,
        file: &Path,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
            help: help.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let line = self.line.max(1);
        let column = self.column.max(1);
        // Messages quote content: escape what could drive the terminal (`ESC[2J`).
        let file = self.file.display().to_string();
        write!(
            f,
            "{}:{}:{}: {}: {}",
            escape_for_terminal(&file),
            line,
            column,
            kind,
            escape_for_terminal(&self.message)
        )?;
        if !self.help.is_empty() {
            write!(f, "\n  help: {}", escape_for_terminal(&self.help))?;
        }
        Ok(())
    }
}

/// All diagnostics of one run, kept in a stable order so output is reproducible.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    /// Every diagnostic, in the order found until `Diagnostics::sort`.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    /// Adds all of `other`.
    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    /// Whether any is an error (then `build` stops).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }
    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }
    /// Sorts by file, line, column and message, and drops exact repeats (one problem found
    /// by two checks).
    pub(crate) fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.items.dedup();
    }
}

/// Levenshtein distance over chars, for "did you mean" suggestions.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidates closest to `wanted`, best first, at most `n` of them.
pub(crate) fn nearest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| {
            let d = edit_distance(wanted, c);
            // A shared prefix or substring is a strong hint even when the distance is large.
            let bonus = if c.contains(wanted) || wanted.contains(c) {
                0
            } else {
                1
            };
            (d * 2 + bonus, c)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// "did you mean `x`?" text, or a list of valid values when nothing is close.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let best = nearest(wanted, candidates.clone(), 3);
    match best.first() {
        Some(b) if edit_distance(wanted, b) <= (wanted.chars().count() / 2).max(2) => {
            format!("did you mean `{b}`?")
        }
        _ => {
            let all: Vec<&str> = candidates.into_iter().collect();
            if all.is_empty() {
                "there is nothing of this kind defined yet".to_string()
            } else if all.len() <= 12 {
                format!(
                    "valid values are: {}",
                    all.iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                format!(
                    "the closest are: {}",
                    best.iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("児相", "児童相談所"), 3);
    }

    #[test]
    fn did_you_mean_picks_close_candidate() {
        let c = ["verified_on", "source", "name"];
        assert_eq!(
            did_you_mean("verifed_on", c.iter().copied()),
            "did you mean `verified_on`?"
        );
        assert!(did_you_mean("zzzzzz", c.iter().copied()).starts_with("valid values are"));
    }

    #[test]
    fn display_has_file_line_column_and_help() {
        let d = Diagnostic::error(Path::new("content/a.yaml"), Pos::new(3, 5), "bad", "fix it");
        assert_eq!(
            d.to_string(),
            "content/a.yaml:3:5: error: bad\n  help: fix it"
        );
    }

    #[test]
    fn display_escapes_terminal_controls_from_content() {
        let d = Diagnostic::error(
            Path::new("content/a\u{1b}.yaml"),
            Pos::new(1, 1),
            "unknown tier `\u{1b}[2J\u{202e}x`",
            "not `\u{9b}`",
        );
        let shown = d.to_string();
        assert!(!shown.chars().any(crate::text::is_forbidden), "{shown:?}");
        assert!(
            shown.contains("unknown tier `\\u{1b}[2J\\u{202e}x`"),
            "{shown}"
        );
        assert!(
            shown.contains("a\\u{1b}.yaml") && shown.contains("\\u{9b}"),
            "{shown}"
        );
    }
}
