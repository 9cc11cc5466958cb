//! Reading a site's files safely: at most `limits.file_bytes`, UTF-8 without forbidden
//! characters, not empty; symbolic links followed only inside the site root.

use super::Source;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::Limits;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub(super) fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Reads an optional file of the site at `rel` (such as `content/thesaurus.yaml`) the way
/// record files are read: a symbolic link only inside the root, at most
/// `limits.file_bytes`, UTF-8 without forbidden characters. `None` when the file is absent
/// or could not be read (then `diags` says why).
pub(crate) fn read_optional(
    root: &Path,
    rel: &str,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<Source> {
    let path = root.join(rel);
    if std::fs::symlink_metadata(&path).is_err() || !link_stays_inside(root, &path, diags) {
        return None;
    }
    read_source(root, &path, limits, diags)
}

pub(super) fn read_source(
    root: &Path,
    path: &Path,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<Source> {
    let shown = rel(root, path);
    let bytes = match read_at_most(path, limits.file_bytes) {
        Ok(b) => b,
        Err(d) => {
            diags.push(d.at(&shown));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = String::from_utf8_lossy(good);
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            diags.push(Diagnostic::error(
                &shown,
                Pos::new(line, column),
                "the file is not valid UTF-8",
                "save the file as UTF-8 (not Shift_JIS): in your editor choose \"Save with encoding\" → UTF-8",
            ));
            return None;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if let Some((pos, c)) = crate::text::find_forbidden(&text) {
        diags.push(Diagnostic::error(
            &shown,
            pos,
            format!("the file holds {}", crate::text::describe(c)),
            crate::text::FORBIDDEN_HELP,
        ));
        return None;
    }
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(
            &shown,
            Pos::START,
            "the file is empty",
            "fill in the record (`madoguchi new` writes a skeleton) or delete the file",
        ));
        return None;
    }
    Some(Source { path: shown, text })
}

/// Why a file could not be read; placed in the file by `at`.
struct ReadError {
    pos: Pos,
    message: String,
    help: String,
}

impl ReadError {
    fn at(self, shown: &Path) -> Diagnostic {
        Diagnostic::error(shown, self.pos, self.message, self.help)
    }
}

/// The bytes of `path`, refusing a file over `limit` bytes without reading more than
/// that (a 50 MB paste or a device file must not fill the memory).
fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let cannot = |e: std::io::Error| ReadError {
        pos: Pos::START,
        message: format!("cannot read file: {e}"),
        help: "check that the file exists and is readable".into(),
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        let size =
            std::fs::metadata(path).map_or(String::new(), |m| format!(" ({} bytes)", m.len()));
        return Err(ReadError {
            pos: Pos::START,
            message: format!("the file is larger than the limit of {limit} bytes{size}"),
            help: format!(
                "a record holds one window's facts: shorten the texts or split the file; if your content really needs more, raise it in site.yaml: `limits: {{file_bytes: …}}` (now {limit})"
            ),
        });
    }
    Ok(bytes)
}

/// The files directly under `dir`, sorted so runs are deterministic. Symbolic links (the
/// folder itself or a file in it) are followed only when they lead inside the site root;
/// any other link is reported at the link and skipped.
pub(super) fn files_in(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !link_stays_inside(root, dir, diags) {
        return Vec::new();
    }
    // Also when a folder above it leads outside (a `content/` link, reported by `load`).
    match (real_path(root), std::fs::canonicalize(dir)) {
        (real_root, Ok(real_dir)) if real_dir.starts_with(&real_root) => {}
        _ => return Vec::new(),
    }
    let mut files = Vec::new();
    for e in WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        let hidden = e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
        let is_file = if e.path_is_symlink() {
            !hidden && link_stays_inside(root, e.path(), diags) && e.path().is_file()
        } else {
            e.file_type().is_file()
        };
        if is_file && !hidden {
            files.push(e.into_path());
        }
    }
    files.sort();
    files
}

fn real_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether `path`, when it is a symbolic link, leads to something inside the site root
/// (a build must not depend on files outside the site folder); reports the link if not.
pub(super) fn link_stays_inside(root: &Path, path: &Path, diags: &mut Diagnostics) -> bool {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return true;
    }
    let target = std::fs::read_link(path).unwrap_or_default();
    let target = target.display();
    let (message, help) = match std::fs::canonicalize(path) {
        Ok(real) if real.starts_with(real_path(root)) => return true,
        Ok(_) => (
            format!("this is a symbolic link to `{target}`, which is outside the site folder"),
            "madoguchi reads only what is inside the site folder: copy the file or folder here instead of linking to it, or move it into the site folder",
        ),
        Err(_) => (
            format!("this is a symbolic link to `{target}`, which does not exist"),
            "correct the link or delete it",
        ),
    };
    diags.push(Diagnostic::error(
        &rel(root, path),
        Pos::START,
        message,
        help,
    ));
    false
}
