use std::fmt;

/// What went wrong with one input or record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestErrorKind {
    /// The file could not be read (missing, permission, I/O).
    Io,
    /// The bytes are not text in any encoding we recognise.
    Binary,
    /// Nothing was left after cleaning.
    Empty,
    /// Larger than the configured cap.
    TooLarge,
    /// Malformed structure (bad JSON line, bad sidecar).
    Malformed,
    /// A format parallax does not read (yet), or a file that is not a regular file.
    Unsupported,
    /// A note, not a failure: something deliberately not read (a symlink loop, a
    /// second link to a file already read, a FIFO inside a folder).
    Skipped,
}

/// An error naming the input (`path`, `path#line 3`, `-`) and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The input: a path, `path#line 3`, `path#record 12 (url)`, a URL or `-`.
    pub source: String,
    /// What kind of problem it is.
    pub kind: IngestErrorKind,
    /// The problem, for the user.
    pub message: String,
}

impl IngestError {
    /// An error of `kind` about `source`.
    pub fn new(
        source: impl Into<String>,
        kind: IngestErrorKind,
        message: impl Into<String>,
    ) -> Self {
        IngestError {
            source: source.into(),
            kind,
            message: message.into(),
        }
    }
}

impl IngestError {
    /// True for a note (something skipped on purpose), which callers report
    /// without counting it as a failed input.
    pub fn is_note(&self) -> bool {
        self.kind == IngestErrorKind::Skipped
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for IngestError {}
