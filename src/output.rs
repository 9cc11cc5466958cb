//! Stage 5: write the site atomically. Everything is written into a fresh sibling folder
//! and swapped in only when all of it succeeded, so a failed build leaves the previous
//! output exactly as it was.

use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One output file, relative to the output folder.
pub struct OutFile {
    /// Relative to the output folder, `/`-separated (`en/agencies/x/index.html`).
    pub rel: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// Starts deleting an old output folder in the background and returns whether it did.
pub(crate) type BackgroundRemover = fn(&Path) -> bool;

static BACKGROUND_REMOVER: OnceLock<BackgroundRemover> = OnceLock::new();

/// Unlinking a big tree takes seconds on a slow disk (100,000 files: 10–20 s here), long
/// after the new site is in place. The command-line tool registers a remover that hands
/// the old folder to a detached process of its own; without one, or for small sites
/// (under `BACKGROUND_REMOVAL_FILES` files), the build deletes it before returning.
pub fn set_background_remover(remover: BackgroundRemover) {
    let _ = BACKGROUND_REMOVER.set(remover);
}

const BACKGROUND_REMOVAL_FILES: usize = 5_000;

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

/// The file every output folder carries: a later build replaces a folder only when it is
/// empty, new, or holds this file, so it never deletes files someone else put there.
const MARKER: &str = ".madoguchi-output";

const MARKER_TEXT: &str = "This folder was written by `madoguchi build`; the next build replaces all of it.\n\
Keep no other files here: they would be deleted.\n";

/// Why the output could not be written: a refused folder (which rule, which path), a path
/// leaving it, or a filesystem failure (which path, doing what).
#[derive(Debug)]
pub enum OutputError {
    /// `path` (as the person wrote it) may not be replaced, by `rule`.
    Refused {
        /// The folder as given.
        path: PathBuf,
        /// The rule that refuses it.
        rule: Refusal,
    },
    /// An output file's path would leave the output folder.
    Escapes {
        /// The file's path as an output gave it.
        rel: String,
    },
    /// A file or folder could not be read, written or moved.
    Io {
        /// What was being done, e.g. "move the new output into place"; empty for a plain
        /// read or write of `path`.
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

/// Which rule of `check_out_dir` refused an output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The site root, or a folder holding it.
    SiteRoot,
    /// `content/`, `themes/`, `site.yaml` or a folder in them: the output `relation`
    /// ("is", "lies inside", "holds") the `source`.
    Source {
        /// "is", "lies inside" or "holds".
        relation: &'static str,
        /// The source file or folder it collides with.
        source: PathBuf,
    },
    /// The home folder or a folder holding it.
    Home,
    /// `/` (or a drive's root).
    FilesystemRoot,
    /// A symbolic link: replacing it could write where the link points.
    SymbolicLink,
    /// An existing file, not a folder.
    NotAFolder,
    /// A folder holding files, without `MARKER`.
    Foreign,
}

impl OutputError {
    fn io(action: &'static str, path: &Path, source: std::io::Error) -> OutputError {
        OutputError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    fn refused(path: &Path, rule: Refusal) -> OutputError {
        OutputError::Refused {
            path: path.to_path_buf(),
            rule,
        }
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Refused { path, rule } => {
                write!(f, "refusing to write to `{}`: ", path.display())?;
                rule.explain(f)
            }
            OutputError::Escapes { rel } => write!(
                f,
                "refusing to write `{rel}`: it would leave the output folder"
            ),
            OutputError::Io {
                action: "",
                path,
                source,
            } => write!(f, "{}: {source}", path.display()),
            OutputError::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} (`{}`): {source}", path.display()),
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Refusal {
    fn explain(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NEW: &str = "use a new folder such as `public`";
        match self {
            Refusal::SiteRoot => write!(f, "it is the site root or contains it; {NEW}"),
            Refusal::Source { relation, source } => write!(
                f,
                "it {relation} the site's sources `{}`, which the build would delete; {NEW}",
                source.display()
            ),
            Refusal::Home => write!(
                f,
                "it is your home folder or holds it, and the build would replace everything in it; {NEW}"
            ),
            Refusal::FilesystemRoot => write!(f, "it is the filesystem root; {NEW}"),
            Refusal::SymbolicLink => write!(
                f,
                "it is a symbolic link; give the folder it points to, or a new folder such as `public`"
            ),
            Refusal::NotAFolder => write!(
                f,
                "it is a file, not a folder, and the build would replace it; choose a folder name such as `public`"
            ),
            Refusal::Foreign => write!(
                f,
                "it holds files madoguchi did not write (it has no `{MARKER}` file), and the build would delete them; choose an empty or new folder, or the folder of an earlier build (an output of a madoguchi older than this check has no `{MARKER}`: delete that folder yourself once)"
            ),
        }
    }
}

/// Refuses output folders whose replacement would destroy something: the site root or a
/// folder holding it, `content/`, `themes/`, `site.yaml` or anything inside them, the home
/// folder or a folder holding it, a file or symbolic link, and a folder holding files a
/// build did not write (no [`MARKER`]). Returns the absolute output path.
pub(crate) fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf, OutputError> {
    let abs = absolute_out(out)?;
    let root = fs::canonicalize(root).map_err(|e| OutputError::io("", root, e))?;
    if root.starts_with(&abs) {
        return Err(OutputError::refused(out, Refusal::SiteRoot));
    }
    for source in source_paths(&root) {
        let relation = if abs == source {
            "is"
        } else if abs.starts_with(&source) {
            "lies inside"
        } else if source.starts_with(&abs) {
            "holds"
        } else {
            continue;
        };
        return Err(OutputError::refused(
            out,
            Refusal::Source { relation, source },
        ));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        let home = PathBuf::from(home);
        let home = fs::canonicalize(&home).unwrap_or(home);
        if home.starts_with(&abs) {
            return Err(OutputError::refused(out, Refusal::Home));
        }
    }
    check_replaceable(&abs, out)?;
    Ok(abs)
}

/// `out` made absolute, with its parent's symbolic links resolved (the last part is kept
/// as written, so a link there is seen as a link).
fn absolute_out(out: &Path) -> Result<PathBuf, OutputError> {
    let abs = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| OutputError::io("find the current folder for", out, e))?
            .join(out)
    };
    let abs = normalize(&abs);
    let (Some(parent), Some(name)) = (abs.parent(), abs.file_name()) else {
        return Err(OutputError::refused(out, Refusal::FilesystemRoot));
    };
    let parent = fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    Ok(parent.join(name))
}

/// What a build reads: `content/` (and where each folder in it really is, for folders
/// that are symbolic links), `themes/` and `site.yaml`.
fn source_paths(root: &Path) -> Vec<PathBuf> {
    let real = |p: PathBuf| fs::canonicalize(&p).unwrap_or(p);
    let mut paths: Vec<PathBuf> = ["content", "themes", "site.yaml"]
        .iter()
        .map(|p| real(root.join(p)))
        .collect();
    for dir in ["content", "themes"] {
        for e in fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
            paths.push(real(e.path()));
        }
    }
    paths
}

/// The output may replace a missing folder, an empty one, or one a build wrote.
fn check_replaceable(abs: &Path, out: &Path) -> Result<(), OutputError> {
    let meta = match fs::symlink_metadata(abs) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(OutputError::io("look at", out, e)),
        Ok(m) => m,
    };
    if meta.file_type().is_symlink() {
        return Err(OutputError::refused(out, Refusal::SymbolicLink));
    }
    if !meta.is_dir() {
        return Err(OutputError::refused(out, Refusal::NotAFolder));
    }
    let empty = fs::read_dir(abs)
        .map_err(|e| OutputError::io("look into", out, e))?
        .next()
        .is_none();
    let marked = fs::symlink_metadata(abs.join(MARKER)).is_ok_and(|m| m.is_file());
    if empty || marked {
        return Ok(());
    }
    Err(OutputError::refused(out, Refusal::Foreign))
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
fn is_safe_rel(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty()
        && !rel.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A fresh folder beside the output that files are streamed into; `commit` swaps it in,
/// dropping it without `commit` removes it and leaves the old output untouched.
pub(crate) struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    committed: bool,
    files: AtomicUsize,
}

impl Staging {
    pub(crate) fn new(out: &Path) -> Result<Staging, OutputError> {
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let parent = out
            .parent()
            .ok_or_else(|| OutputError::refused(out, Refusal::FilesystemRoot))?;
        fs::create_dir_all(parent).map_err(|e| OutputError::io("", parent, e))?;
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        sweep_leftovers(parent, name);
        fs::create_dir_all(&tmp).map_err(|e| OutputError::io("", &tmp, e))?;
        let staging = Staging {
            out: out.to_path_buf(),
            tmp,
            committed: false,
            files: AtomicUsize::new(0),
        };
        staging.write(&OutFile {
            rel: MARKER.into(),
            bytes: MARKER_TEXT.into(),
        })?;
        Ok(staging)
    }

    pub(crate) fn write(&self, f: &OutFile) -> Result<(), OutputError> {
        if !is_safe_rel(&f.rel) {
            return Err(OutputError::Escapes { rel: f.rel.clone() });
        }
        let path = self.tmp.join(&f.rel);
        if let Some(p) = path.parent() {
            make_folder(p).map_err(|e| OutputError::io("", p, e))?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        fs::write(&path, &f.bytes).map_err(|e| OutputError::io("", &path, e))
    }

    /// Puts the new output in place. An existing output is swapped with the staging folder
    /// in one step, so a build killed at any moment leaves either the old output or the new
    /// one, never none; the old one is then removed.
    pub(crate) fn commit(self) -> Result<(), OutputError> {
        self.commit_with(exchange)
    }

    fn commit_with(mut self, exchange: Exchange) -> Result<(), OutputError> {
        let name = self
            .out
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("public")
            .to_string();
        let old = self
            .tmp
            .with_file_name(format!(".{name}.old-{}", std::process::id()));
        if fs::symlink_metadata(&self.out).is_err() {
            fs::rename(&self.tmp, &self.out)
                .map_err(|e| OutputError::io(NEW_INTO_PLACE, &self.out, e))?;
            self.committed = true;
            return Ok(());
        }
        match exchange(&self.tmp, &self.out) {
            Ok(()) => {
                // The staging name now holds the old output.
                self.committed = true;
                if fs::rename(&self.tmp, &old).is_err() {
                    let _ = fs::remove_dir_all(&self.tmp);
                    return Ok(());
                }
            }
            Err(e) if exchange_unsupported(&e) => self.swap_by_two_renames(&old)?,
            Err(e) => {
                return Err(OutputError::io(
                    "swap the new output into place",
                    &self.out,
                    e,
                ));
            }
        }
        self.committed = true;
        remove_old(&old, self.files.load(Ordering::Relaxed));
        Ok(())
    }

    /// For filesystems without an atomic exchange: between the two renames there is no
    /// output folder for a moment.
    fn swap_by_two_renames(&self, old: &Path) -> Result<(), OutputError> {
        fs::rename(&self.out, old)
            .map_err(|e| OutputError::io("move the old output aside", &self.out, e))?;
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            let _ = fs::rename(old, &self.out);
            return Err(OutputError::io(NEW_INTO_PLACE, &self.out, e));
        }
        Ok(())
    }
}

const NEW_INTO_PLACE: &str = "move the new output into place";

/// Swaps two paths in one step.
type Exchange = fn(&Path, &Path) -> std::io::Result<()>;

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// The filesystem (or kernel) has no exchange: EINVAL or ENOSYS on Linux.
fn exchange_unsupported(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::Unsupported | std::io::ErrorKind::InvalidInput
    )
}

/// Removes what earlier builds of the output `name` left in `parent`: set-aside old
/// outputs a background remover did not finish (the machine was switched off), and
/// staging folders of builds that were killed (their process is gone).
fn sweep_leftovers(parent: &Path, name: &str) {
    for e in fs::read_dir(parent).into_iter().flatten().flatten() {
        let p = e.path();
        let Some(file_name) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_old_output(&p) && file_name.starts_with(&format!(".{name}.old-")) {
            remove_old(&p, BACKGROUND_REMOVAL_FILES);
        } else if let Some(pid) = staging_pid(file_name, name)
            && is_dir
            && pid != std::process::id()
            && !process_alive(pid)
        {
            let _ = fs::remove_dir_all(&p);
        }
    }
}

/// The build process id in a staging folder's name `.<name>.tmp-<pid>`.
fn staging_pid(file_name: &str, name: &str) -> Option<u32> {
    let pid = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix(".tmp-")?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process `pid` exists. When that cannot be told, it counts as running, so
/// its folder is kept.
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return true;
    };
    rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Creates the folder a file goes into. Most pages have a folder of their own
/// (`agencies/<id>/index.html`) whose parent exists: one `mkdir` makes it, where
/// `create_dir_all` first looks whether it exists; anything else (an existing folder, a
/// missing parent, another thread making it) is left to `create_dir_all`.
fn make_folder(dir: &Path) -> std::io::Result<()> {
    fs::create_dir(dir).or_else(|_| fs::create_dir_all(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_atomically(out: &Path, files: &[OutFile]) -> Result<(), OutputError> {
        let staging = Staging::new(out)?;
        for f in files {
            staging.write(f)?;
        }
        staging.commit()
    }

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

    fn site_with_sources() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content/agencies")).unwrap();
        fs::create_dir_all(root.join("themes/default")).unwrap();
        fs::write(root.join("site.yaml"), "title: x\n").unwrap();
        (dir, root)
    }

    #[test]
    fn refuses_sources_files_links_and_foreign_folders() {
        let (dir, root) = site_with_sources();
        for bad in [
            "content",
            "themes",
            "content/agencies",
            "themes/default/out",
            "site.yaml",
        ] {
            assert!(check_out_dir(&root, &root.join(bad)).is_err(), "{bad}");
        }
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = check_out_dir(&root, &dir.path().join("notes.txt"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("it is a file"), "{err}");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("link"))
                .unwrap();
            let err = check_out_dir(&root, &dir.path().join("link"))
                .unwrap_err()
                .to_string();
            assert!(err.contains("symbolic link"), "{err}");
        }
        let photos = dir.path().join("photos");
        fs::create_dir_all(&photos).unwrap();
        assert!(
            check_out_dir(&root, &photos).is_ok(),
            "an empty folder is fine"
        );
        fs::write(photos.join("a.jpg"), "jpeg").unwrap();
        let err = check_out_dir(&root, &photos).unwrap_err().to_string();
        assert!(err.contains("madoguchi did not write"), "{err}");
        fs::write(photos.join(MARKER), "").unwrap();
        assert!(
            check_out_dir(&root, &photos).is_ok(),
            "a marked folder is an output"
        );
    }

    #[test]
    fn refusals_name_their_rule_and_path() {
        let (dir, root) = site_with_sources();
        let refused = |out: &Path| match check_out_dir(&root, out) {
            Err(OutputError::Refused { path, rule }) => {
                assert_eq!(path, out);
                rule
            }
            other => panic!("{out:?}: {other:?}"),
        };
        assert_eq!(refused(&root), Refusal::SiteRoot);
        assert_eq!(
            refused(&root.join("content")),
            Refusal::Source {
                relation: "is",
                source: fs::canonicalize(root.join("content")).unwrap()
            }
        );
        fs::write(dir.path().join("f"), "").unwrap();
        assert_eq!(refused(&dir.path().join("f")), Refusal::NotAFolder);
    }

    #[test]
    fn every_output_carries_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_atomically(&out, &[]).unwrap();
        assert!(out.join(MARKER).is_file());
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
            .collect()
    }

    fn staged(out: &Path, body: &str) -> Staging {
        let staging = Staging::new(out).unwrap();
        staging
            .write(&OutFile {
                rel: "index.html".into(),
                bytes: body.as_bytes().to_vec(),
            })
            .unwrap();
        staging
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn exchange_swaps_two_folders_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(a.join("from-a"), "").unwrap();
        fs::write(b.join("from-b"), "").unwrap();
        exchange(&a, &b).unwrap();
        assert!(a.join("from-b").is_file() && b.join("from-a").is_file());
    }

    #[test]
    fn commit_by_exchange_replaces_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        staged(&out, "old").commit().unwrap();
        staged(&out, "new").commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(out.join(MARKER).is_file());
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn commit_falls_back_to_two_renames_without_exchange() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        staged(&out, "old").commit().unwrap();
        let unsupported: Exchange = |_, _| Err(std::io::ErrorKind::Unsupported.into());
        staged(&out, "new").commit_with(unsupported).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
        // Any other failure keeps the old output and removes the staging folder.
        let broken: Exchange = |_, _| Err(std::io::ErrorKind::PermissionDenied.into());
        assert!(staged(&out, "newer").commit_with(broken).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn staging_names_give_their_pid() {
        assert_eq!(staging_pid(".public.tmp-123", "public"), Some(123));
        assert_eq!(staging_pid(".public.tmp-", "public"), None);
        assert_eq!(staging_pid(".public.tmp-12x", "public"), None);
        assert_eq!(staging_pid(".other.tmp-12", "public"), None);
        assert_eq!(staging_pid("public.tmp-12", "public"), None);
        assert_eq!(staging_pid(".public.old-12", "public"), None);
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
