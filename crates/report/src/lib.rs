//! Rendering: terminal text, JSON documents and self-contained HTML.
//!
//! JSON documents follow docs/json.md (versioned by [`parallax_core::SCHEMA_VERSION`]).
//! Text output fits 100 columns and uses colour only when asked. HTML escapes every
//! piece of article text and carries no script from the article: a hostile page
//! cannot run code in a report. The terminal output of the library commands
//! (`library`) is the feature `library`, since it needs `parallax-store`.

#![warn(missing_docs)]

pub mod charts;
pub mod export;
pub mod html;
pub mod json;
#[cfg(feature = "library")]
pub mod library;
pub mod overview;
pub mod story;
pub mod text;

pub use json::{AnalyzeDoc, analyze_doc, compare_doc};
