//! Why an export could not be made, typed: each failure keeps what it is about and the
//! error that caused it (`source`), and prints the words staff read.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why an export could not be made: content that did not pass validation, a bad base URL,
/// or bytes that could not be written (with the writer's own error as the `source`).
#[derive(Debug)]
pub enum ExportError {
    /// A program's `operator` names no agency (validation refuses this already; the export
    /// does not rely on it).
    OperatorNotAgency {
        /// The program's file.
        file: PathBuf,
        /// The operator as written.
        operator: String,
    },
    /// `base_url` (site.yaml or `--base-url`) is not an absolute http(s) address with a host.
    BaseUrl {
        /// The address as given.
        base: String,
    },
    /// A CSV row could not be written.
    Csv(csv::Error),
    /// A CSV file could not be finished (its buffer flushed).
    CsvFlush(std::io::Error),
    /// A JSON file could not be written.
    Json {
        /// The file, or which JSON (`HSDS JSON`).
        what: String,
        /// serde_json's error.
        source: serde_json::Error,
    },
}

impl ExportError {
    /// The site file to fix, when the failure is about one (a record, `site.yaml`).
    pub fn file(&self) -> Option<&Path> {
        match self {
            ExportError::OperatorNotAgency { file, .. } => Some(file),
            ExportError::BaseUrl { .. } => Some(Path::new("site.yaml")),
            ExportError::Csv(_) | ExportError::CsvFlush(_) | ExportError::Json { .. } => None,
        }
    }

    /// What went wrong, without the file (a diagnostic at that file prints this).
    pub fn problem(&self) -> impl fmt::Display + '_ {
        Problem(self)
    }
}

/// [`ExportError::problem`]: the message alone.
struct Problem<'a>(&'a ExportError);

impl fmt::Display for Problem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ExportError::OperatorNotAgency { operator, .. } => write!(
                f,
                "the operator `{operator}` is not an agency; run `madoguchi check`"
            ),
            ExportError::BaseUrl { base } => write!(
                f,
                "base_url `{base}` is not an absolute http(s) address with a host; \
                 write it like https://www.example.jp/guide/ (in site.yaml or --base-url)"
            ),
            ExportError::Csv(e) => write!(f, "writing CSV: {e}"),
            ExportError::CsvFlush(e) => write!(f, "writing CSV: {e}"),
            ExportError::Json { what, source } => write!(f, "writing {what}: {source}"),
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = self.file() {
            write!(f, "{}: ", file.display())?;
        }
        write!(f, "{}", self.problem())
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Csv(e) => Some(e),
            ExportError::CsvFlush(e) => Some(e),
            ExportError::Json { source, .. } => Some(source),
            ExportError::OperatorNotAgency { .. } | ExportError::BaseUrl { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn content_failures_name_their_file_and_keep_the_words_staff_read() {
        let e = ExportError::OperatorNotAgency {
            file: PathBuf::from("content/programs/x.yaml"),
            operator: "nobody".into(),
        };
        assert_eq!(e.file(), Some(Path::new("content/programs/x.yaml")));
        assert_eq!(
            e.to_string(),
            "content/programs/x.yaml: the operator `nobody` is not an agency; run `madoguchi check`"
        );
        let e = ExportError::BaseUrl { base: "x".into() };
        assert_eq!(
            e.to_string(),
            "site.yaml: base_url `x` is not an absolute http(s) address with a host; \
             write it like https://www.example.jp/guide/ (in site.yaml or --base-url)"
        );
        assert!(e.problem().to_string().starts_with("base_url `x` "));
        assert!(e.source().is_none());
    }

    #[test]
    fn writing_failures_keep_the_writers_error_as_their_source() {
        let json = serde_json::from_str::<u8>("x").unwrap_err();
        let shown = format!("writing data/hsds/x.json: {json}");
        let e = ExportError::Json {
            what: "data/hsds/x.json".into(),
            source: json,
        };
        assert_eq!(e.to_string(), shown);
        assert_eq!(e.file(), None);
        let source = e.source().expect("the serde_json error");
        assert!(source.downcast_ref::<serde_json::Error>().is_some());

        let io = std::io::Error::other("disk full");
        let e = ExportError::CsvFlush(io);
        assert_eq!(e.to_string(), "writing CSV: disk full");
        let source = e.source().expect("the io error");
        assert!(source.downcast_ref::<std::io::Error>().is_some());

        let e = ExportError::Csv(csv::Error::from(std::io::Error::other("disk full")));
        assert_eq!(e.to_string(), "writing CSV: disk full");
        let source = e.source().expect("the csv error");
        assert!(source.downcast_ref::<csv::Error>().is_some());
    }
}
