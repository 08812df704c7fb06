//! Turning what users bring into clean parallax [`Article`]s.
//!
//! Bytes are decoded to UTF-8 ([`decode`]), the format is recognised from the
//! file name or the content ([`Format`]), and each record becomes an article with
//! metadata and clean text ([`clean`] for already-extracted text). Every failure is
//! an [`IngestError`] naming the input and the reason; a bad record never stops the
//! records after it.
//!
//! Useful for: reading files, directories, stdin and JSONL into articles.
//! Not useful for: anything after the text is clean (see `parallax-analyze`).

#![warn(missing_docs)]

pub mod clean;
pub mod decode;
pub mod dedup;
mod error;
pub mod feed;
pub mod fetch;
mod jsonl;
pub mod outlets;
pub mod pipeline;
mod sidecar;
mod source;
mod walk;
pub mod warc;

pub use error::{IngestError, IngestErrorKind};
pub use outlets::OutletBook;
pub use pipeline::{Input, OutletNames, Read, ReadOptions, Reader};
pub use sidecar::Sidecar;
pub use source::{Format, IngestOptions, ingest_bytes, ingest_paths};
pub use walk::{expand_paths, open_regular};

pub use parallax_core::Article;
