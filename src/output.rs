//! Stage 5: write the site atomically. Everything is written into a fresh sibling folder
//! and swapped in only when all of it succeeded, so a failed build leaves the previous
//! output exactly as it was.

use crate::render::OutFile;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Starts deleting an old output folder in the background and returns whether it did.
pub type BackgroundRemover = fn(&Path) -> bool;

static BACKGROUND_REMOVER: OnceLock<BackgroundRemover> = OnceLock::new();

/// Unlinking a big tree takes seconds on a slow disk (100,000 files: 10–20 s here), long
/// after the new site is in place. The command-line tool registers a remover that hands
/// the old folder to a detached process of its own; without one, or for small sites
/// (under [`BACKGROUND_REMOVAL_FILES`] files), the build deletes it before returning.
pub fn set_background_remover(remover: BackgroundRemover) {
    let _ = BACKGROUND_REMOVER.set(remover);
}

pub const BACKGROUND_REMOVAL_FILES: usize = 5_000;

/// Whether `path` is an old output folder set aside by a build (`.<name>.old-<pid>`): the
/// only kind of folder the background remover agrees to delete.
pub fn is_old_output(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_prefix('.'))
        .and_then(|n| n.rsplit_once(".old-"))
        .is_some_and(|(name, pid)| {
            !name.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
        })
}

fn remove_old(old: &Path, files: usize) {
    if files >= BACKGROUND_REMOVAL_FILES
        && let Some(remover) = BACKGROUND_REMOVER.get()
        && remover(old)
    {
        return;
    }
    let _ = fs::remove_dir_all(old);
}

/// Refuses output folders that would destroy the sources: the root itself, a folder that
/// holds `content/`, or any ancestor of the site root.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf, String> {
    let root = fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let abs = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| e.to_string())?
            .join(out)
    };
    let abs = normalize(&abs);
    let parent = abs.parent().ok_or_else(|| {
        format!(
            "refusing to write to `{}`: it is the filesystem root",
            out.display()
        )
    })?;
    let parent = fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    let abs = parent.join(abs.file_name().unwrap_or_default());
    if root.starts_with(&abs) {
        return Err(format!(
            "refusing to write to `{}`: it is the site root or contains it; use a folder such as `public`",
            out.display()
        ));
    }
    if abs.join("content").exists() || abs.join("site.yaml").exists() {
        return Err(format!(
            "refusing to write to `{}`: it contains `content/` or `site.yaml`, which the build would delete",
            out.display()
        ));
    }
    Ok(abs)
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A relative output path that stays inside the output folder.
pub fn is_safe_rel(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty()
        && !rel.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A fresh folder beside the output that files are streamed into; `commit` swaps it in,
/// dropping it without `commit` removes it and leaves the old output untouched.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    committed: bool,
    files: AtomicUsize,
}

impl Staging {
    pub fn new(out: &Path) -> Result<Staging, String> {
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let parent = out.parent().ok_or("output folder has no parent")?;
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        // Old outputs a background remover did not finish (the machine was switched off).
        for e in fs::read_dir(parent).into_iter().flatten().flatten() {
            let p = e.path();
            if is_old_output(&p)
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&format!(".{name}.old-")))
            {
                remove_old(&p, BACKGROUND_REMOVAL_FILES);
            }
        }
        fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            committed: false,
            files: AtomicUsize::new(0),
        })
    }

    /// The folder being written; other steps (PDF printing) may add files to it.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    pub fn write(&self, f: &OutFile) -> Result<(), String> {
        if !is_safe_rel(&f.rel) {
            return Err(format!(
                "refusing to write `{}`: it would leave the output folder",
                f.rel
            ));
        }
        let path = self.tmp.join(&f.rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        fs::write(&path, &f.bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn commit(mut self) -> Result<(), String> {
        let name = self
            .out
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("public")
            .to_string();
        let old = self
            .tmp
            .with_file_name(format!(".{name}.old-{}", std::process::id()));
        if self.out.exists() {
            fs::rename(&self.out, &old)
                .map_err(|e| format!("cannot move the old output aside: {e}"))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            let _ = fs::rename(&old, &self.out);
            return Err(format!("cannot move the new output into place: {e}"));
        }
        self.committed = true;
        if old.exists() {
            remove_old(&old, self.files.load(Ordering::Relaxed));
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

pub fn write_atomically(out: &Path, files: &[OutFile]) -> Result<(), String> {
    let staging = Staging::new(out)?;
    for f in files {
        staging.write(f)?;
    }
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rel_paths_must_stay_inside() {
        assert!(is_safe_rel("en/agencies/x/index.html"));
        assert!(!is_safe_rel("../x"));
        assert!(!is_safe_rel("/etc/passwd"));
        assert!(!is_safe_rel("a/../../b"));
        assert!(!is_safe_rel(""));
    }

    #[test]
    fn refuses_root_and_ancestors() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_out_dir(&root, &root).is_err());
        assert!(check_out_dir(&root, dir.path()).is_err());
        assert!(check_out_dir(&root, &root.join("public")).is_ok());
        assert!(check_out_dir(&root, &root.join("public/../content/..")).is_err());
    }

    #[test]
    fn only_set_aside_outputs_count_as_old() {
        assert!(is_old_output(Path::new("/x/.public.old-123")));
        assert!(is_old_output(Path::new(".site.v2.old-9")));
        assert!(!is_old_output(Path::new("/x/public")));
        assert!(!is_old_output(Path::new("/x/.public.old-")));
        assert!(!is_old_output(Path::new("/x/.public.old-12a")));
        assert!(!is_old_output(Path::new("/x/.old-12")));
        assert!(!is_old_output(Path::new("/x/public.old-12")));
        assert!(!is_old_output(Path::new("/")));
    }

    #[test]
    fn failed_write_keeps_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("keep.html"), "old").unwrap();
        let bad = [OutFile {
            rel: "../escape.html".into(),
            bytes: vec![],
        }];
        assert!(write_atomically(&out, &bad).is_err());
        assert_eq!(fs::read_to_string(out.join("keep.html")).unwrap(), "old");
        let good = [OutFile {
            rel: "index.html".into(),
            bytes: b"new".to_vec(),
        }];
        write_atomically(&out, &good).unwrap();
        assert!(!out.join("keep.html").exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    }
}
