//! What can stop a build, a check's render or a preview besides the content itself: each
//! failure typed, with what it is about (which page, which folder and rule, which file),
//! and worded for the staff who run the tool.

use crate::diag::Diagnostics;
use crate::export::ExportError;
use crate::handout::HandoutError;
use crate::output::OutputError;
use crate::render::RenderError;
use std::fmt;

/// Why `build`, `check`'s render or a `serve` rebuild stopped.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors; nothing was written.
    Content(Diagnostics),
    /// Templates, the output folder or the filesystem failed; nothing was replaced.
    Other(Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Content(d) => {
                for e in d.errors() {
                    writeln!(f, "{e}")?;
                }
                Ok(())
            }
            BuildError::Other(e) => write!(f, "{e}"),
        }
    }
}

impl From<Error> for BuildError {
    fn from(e: Error) -> Self {
        BuildError::Other(e)
    }
}

/// A failure that is not about the content.
#[derive(Debug)]
pub enum Error {
    /// The theme's templates or static files could not be read or compiled (naming the
    /// folder and the template).
    Theme(RenderError),
    /// A page could not be rendered (naming the page and its template).
    Render(RenderError),
    /// The output folder was refused, or writing or swapping it in failed.
    Output(OutputError),
    /// Printing the handouts to PDF failed (no Chromium, or Chromium failed), saying
    /// which page and how to fix it.
    Pdf(HandoutError),
    /// An open-data export could not be made (e.g. a `base_url` that is not an absolute
    /// http(s) address with a host); the message (from `export`) says which.
    Export(ExportError),
    /// `serve` could not listen on the port.
    Listen {
        /// The port asked for (`--port`).
        port: u16,
        /// Why listening failed (taken, not allowed).
        source: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Theme(e) | Error::Render(e) => write!(f, "{e}"),
            Error::Pdf(e) => write!(f, "{e}"),
            Error::Export(e) => write!(f, "the open data could not be made: {e}"),
            Error::Output(e) => write!(f, "{e}"),
            Error::Listen { port, source } => write!(
                f,
                "cannot listen on 127.0.0.1:{port}: {source}; try another --port"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Output(e) => Some(e),
            Error::Theme(e) | Error::Render(e) => Some(e),
            Error::Pdf(e) => Some(e),
            Error::Export(e) => Some(e),
            Error::Listen { source, .. } => Some(source),
        }
    }
}

impl From<OutputError> for Error {
    fn from(e: OutputError) -> Self {
        Error::Output(e)
    }
}

impl From<ExportError> for Error {
    fn from(e: ExportError) -> Self {
        Error::Export(e)
    }
}

impl From<OutputError> for BuildError {
    fn from(e: OutputError) -> Self {
        BuildError::Other(Error::Output(e))
    }
}
