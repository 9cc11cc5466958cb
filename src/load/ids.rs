//! A file's name as a record or page id: which names are ids, and why a name is not one
//! (the characters, a Windows device name, a twin differing only by case).

use super::read::rel;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::Kind;
use std::path::{Path, PathBuf};

/// Whether `id` can name a record or page (and so be part of page addresses): a-z, 0-9
/// and `-`, not first, at most 80 bytes.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// The id a record file `<id>.yaml` stands for, when its name is a valid one.
pub(super) fn record_id(path: &Path) -> Option<&str> {
    let stem = path.file_stem()?.to_str()?;
    (path.extension()? == "yaml" && is_valid_id(stem)).then_some(stem)
}

/// Whether `id`, taken from the name of the file at `path`, can name a record or page;
/// says why not at the file otherwise.
pub(super) fn check_id(root: &Path, path: &Path, id: &str, diags: &mut Diagnostics) -> bool {
    let shown = rel(root, path);
    let problem = if let Some(twin) = case_twin(root, path) {
        Some(Diagnostic::error(
            &shown,
            Pos::START,
            format!(
                "this file's name differs only by case from `{}`: on Windows and macOS both names are the same file",
                twin.display()
            ),
            "ids are lowercase: merge the two into one file, or rename this one to another lowercase id",
        ))
    } else if !is_valid_id(id) {
        Some(bad_id(&shown, id))
    } else if is_windows_reserved(id) {
        Some(Diagnostic::error(
            &shown,
            Pos::START,
            format!("the id `{id}` (the file name) is a device name that Windows reserves"),
            format!(
                "rename the file to another id, e.g. `{id}-sodan`: Windows cannot hold a file or folder named `{id}`, so the site could not be copied to a Windows PC or a USB stick formatted by one"
            ),
        ))
    } else {
        None
    };
    let fine = problem.is_none();
    if let Some(d) = problem {
        diags.push(d);
    }
    fine
}

/// Windows device names (`con`, `prn`, `aux`, `nul`, `com1`–`com9`, `lpt1`–`lpt9`), which
/// Windows refuses as file or folder names even with an extension (`con.html`).
pub(crate) fn is_windows_reserved(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    let numbered = |prefix: &str| {
        base.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
    };
    matches!(base.as_str(), "con" | "prn" | "aux" | "nul") || numbered("com") || numbered("lpt")
}

/// Another file under `content/` whose name is this one's in lowercase (`Foo.yaml` beside
/// `foo.yaml`): the two collide on a case-insensitive filesystem.
fn case_twin(root: &Path, path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_lowercase();
    if lower == name {
        return None;
    }
    let dirs = Kind::ALL.iter().map(|k| k.dir()).chain(["pages"]);
    dirs.map(|d| Path::new("content").join(d))
        .find(|d| {
            std::fs::read_dir(root.join(d))
                .into_iter()
                .flatten()
                .flatten()
                .any(|e| e.file_name().to_str() == Some(lower.as_str()))
        })
        .map(|d| d.join(&lower))
}

fn bad_id(shown: &Path, id: &str) -> Diagnostic {
    let suggestion: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    Diagnostic::error(
        shown,
        Pos::START,
        format!("the id `{id}` (the file name) may only use a-z, 0-9 and `-`"),
        if is_valid_id(&suggestion) {
            format!(
                "rename the file, e.g. to `{suggestion}`; the id becomes part of page addresses"
            )
        } else {
            "rename the file using lowercase letters, digits and `-`; the id becomes part of page addresses".into()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_ascii_words() {
        assert!(is_valid_id("kodomo-hattatsu-2"));
        assert!(!is_valid_id("Kodomo"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-x"));
    }

    #[test]
    fn windows_device_names_are_reserved() {
        for name in [
            "con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "nul.txt", "CON",
        ] {
            assert!(is_windows_reserved(name), "{name}");
        }
        for name in [
            "console",
            "com",
            "com10",
            "lpt",
            "auxiliary",
            "con-1",
            "nulls",
        ] {
            assert!(!is_windows_reserved(name), "{name}");
        }
    }
}
