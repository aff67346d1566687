//! The one error type of the crate.

use std::fmt;
use std::path::PathBuf;

/// An error from building an extractor, loading data or reading input.
///
/// The message always names what went wrong and where (`file:line` for data files, the record
/// id or line number for JSONL input). Match on [`Error::kind`] to react programmatically.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    /// The underlying error (an I/O or JSON error), for [`std::error::Error::source`].
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The kind of an [`Error`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A gazetteer, title, role or trigger file is malformed.
    Data {
        /// The file (or embedded resource name).
        file: PathBuf,
        /// 1-based line number, 0 when the problem concerns the whole file.
        line: usize,
    },
    /// Reading a file or stream failed.
    Io,
    /// The input is not usable: invalid UTF-8, bad JSON, a missing field.
    Input,
    /// A date could not be parsed (expected `YYYY-MM-DD`).
    Date,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), source: None }
    }

    /// An error caused by an underlying one (kept as its [`std::error::Error::source`]; the
    /// message should already say what it means here).
    pub(crate) fn with_source(
        kind: ErrorKind,
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error { kind, message: message.into(), source: Some(Box::new(source)) }
    }

    pub(crate) fn data(file: impl Into<PathBuf>, line: usize, message: impl fmt::Display) -> Self {
        let file = file.into();
        let message = if line > 0 {
            format!("{}:{}: {}", file.display(), line, message)
        } else {
            format!("{}: {}", file.display(), message)
        };
        Error { kind: ErrorKind::Data { file, line }, message, source: None }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The human-readable message (also what `Display` prints).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, Error> {
    let t = s.trim();
    // Exactly DDDD-DD-DD: chrono alone would also take "-983-06-01" (year -983), which then
    // prints as "-0983-06-01" and no longer parses.
    let ok = t.len() == 10 && t.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    ok.then(|| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| Error::new(ErrorKind::Date, format!("invalid date {s:?}: expected YYYY-MM-DD")))
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn io_and_json_errors_are_kept_as_the_source() {
        let e = crate::Extractor::builder().gazetteer_file("/nonexistent/khabar/places.tsv").build().unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Io);
        let io = e.source().and_then(|s| s.downcast_ref::<std::io::Error>()).expect("io source");
        assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
        let e = crate::Input::from_json_line("{\"id\": 1, \"text\": ").unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Input);
        assert!(e.source().is_some_and(|s| s.is::<serde_json::Error>()), "{e:?}");
        // Errors without an underlying one have no source.
        assert!(parse_date("2019-13-01").unwrap_err().source().is_none());
    }
}
