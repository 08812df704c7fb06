//! The JSON documents of docs/json.md.

use parallax_compare::Comparison;
use parallax_core::{AnalyzedArticle, SCHEMA_VERSION};
use serde::Serialize;

/// `parallax analyze --format json`: the articles with their layers.
#[derive(Debug, Serialize)]
pub struct AnalyzeDoc<'a> {
    /// `parallax.analyze`.
    pub schema: &'static str,
    /// The version of docs/json.md's schema.
    pub schema_version: u32,
    /// The articles and their layers.
    pub articles: &'a [AnalyzedArticle],
}

/// The JSON document of `parallax analyze --json` for `articles`.
pub fn analyze_doc(articles: &[AnalyzedArticle]) -> AnalyzeDoc<'_> {
    AnalyzeDoc {
        schema: "parallax.analyze",
        schema_version: SCHEMA_VERSION,
        articles,
    }
}

/// Pretty JSON of a comparison (already carries its schema fields).
pub fn compare_doc(c: &Comparison) -> String {
    serde_json::to_string_pretty(c).expect("comparison serialises")
}
