//! What is done with the rendered handout pages (their `PageSpec`s are built in
//! `sitemodel::handouts`): the note when they have no QR code, and, with `build --pdf`,
//! printing them to PDF with Chromium.

use crate::output::OutFile;
use crate::routes;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

/// Why the handouts could not be printed to PDF.
#[derive(Debug, thiserror::Error)]
pub enum HandoutError {
    /// No Chromium or Chrome to print with.
    #[error(
        "--pdf needs Chromium to print the handouts, and none was found: install it (Debian/Ubuntu: `apt-get install chromium`) or set MADOGUCHI_CHROMIUM to the path of an installed Chromium or Chrome"
    )]
    NoChromium,
    /// A page or PDF in the scratch folder could not be written or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// Chromium could not be started.
    #[error("cannot run {}: {source}", chromium.display())]
    Run {
        /// The Chromium that was run.
        chromium: PathBuf,
        /// Why it could not start.
        source: std::io::Error,
    },
    /// Chromium ran but printed no PDF; `stderr` is the last line it wrote.
    #[error("{} could not print {} to PDF ({status}): {stderr}", chromium.display(), html.display())]
    Print {
        /// The Chromium that was run.
        chromium: PathBuf,
        /// The handout page it was asked to print.
        html: PathBuf,
        /// How it ended.
        status: ExitStatus,
        /// The last line it wrote to stderr.
        stderr: String,
    },
}

/// The error for a file operation on `path`.
fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> HandoutError + '_ {
    move |source| HandoutError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A warning when handouts were rendered without their QR code (no base address known).
pub(crate) fn notes(files: &[OutFile]) -> Vec<String> {
    let without = files
        .iter()
        .filter(|f| is_handout(&f.rel) && !f.bytes.windows(QR_MARK.len()).any(|w| w == QR_MARK))
        .count();
    if without == 0 {
        return vec![];
    }
    vec![format!(
        "{without} handout page(s) have no QR code because the site's address is unknown; they say in words where the stage page is. Set `base_url` in site.yaml or pass --base-url https://… to add the QR codes."
    )]
}

/// What every QR code's `<svg>` carries (see `qr::svg`).
const QR_MARK: &[u8] = b"class=\"qr\"";

/// The Chromium (or Chrome) to print with: `MADOGUCHI_CHROMIUM` if set (and a file),
/// else the first of `chromium`, `chromium-browser`, `google-chrome` found on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MADOGUCHI_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Prints one HTML file to a PDF file with headless Chromium.
pub fn print_pdf(chromium: &Path, html: &Path, pdf: &Path) -> Result<(), HandoutError> {
    let profile = pdf.with_extension("profile");
    let abs = std::fs::canonicalize(html).map_err(io_at(html))?;
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", abs.display()))
        .output()
        .map_err(|source| HandoutError::Run {
            chromium: chromium.to_path_buf(),
            source,
        })?;
    let _ = std::fs::remove_dir_all(&profile);
    if !out.status.success() || !pdf.is_file() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(HandoutError::Print {
            chromium: chromium.to_path_buf(),
            html: html.to_path_buf(),
            status: out.status,
            stderr: stderr.lines().last().unwrap_or("").to_string(),
        });
    }
    Ok(())
}

/// Prints every handout among `files` to `handout.pdf` beside it. The pages are written to
/// a scratch folder next to the output (with the stylesheets they need) because Chromium
/// prints from files; the PDFs come back as more files for the atomic write.
pub(crate) fn pdfs(files: &[OutFile], scratch: &Path) -> Result<Vec<OutFile>, HandoutError> {
    let chromium = find_chromium().ok_or(HandoutError::NoChromium)?;
    let _ = std::fs::remove_dir_all(scratch);
    let result = print_all(&chromium, files, scratch);
    let _ = std::fs::remove_dir_all(scratch);
    result
}

pub(crate) use routes::{is_handout, is_print_asset};

fn print_all(
    chromium: &Path,
    files: &[OutFile],
    scratch: &Path,
) -> Result<Vec<OutFile>, HandoutError> {
    for f in files
        .iter()
        .filter(|f| is_handout(&f.rel) || is_print_asset(&f.rel))
    {
        let path = scratch.join(&f.rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io_at(dir))?;
        }
        std::fs::write(&path, &f.bytes).map_err(io_at(&path))?;
    }
    let mut out = Vec::new();
    for f in files.iter().filter(|f| is_handout(&f.rel)) {
        let rel = routes::handout_pdf(&f.rel);
        let pdf = scratch.join(&rel);
        print_pdf(chromium, &scratch.join(&f.rel), &pdf)?;
        let bytes = std::fs::read(&pdf).map_err(io_at(&pdf))?;
        out.push(OutFile { rel, bytes });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_handout_pages_are_printed() {
        assert!(is_handout("handouts/a/index.html"));
        assert!(is_handout("en/handouts/a/index.html"));
        assert!(is_handout("vi/handouts/a/kita/index.html"));
        assert!(!is_handout("stages/a/index.html"));
        assert!(!is_handout("handouts/a/handout.pdf"));
    }
}
