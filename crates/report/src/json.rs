//! The JSON documents of docs/json.md.

use parallax_compare::Comparison;
use parallax_core::{AnalyzedArticle, SCHEMA_VERSION};
use serde::Serialize;

/// `parallax analyze --format json`: the articles with their layers.
#[derive(Debug, Serialize)]
pub struct AnalyzeDoc<'a> {
    pub schema: &'static str,
    pub schema_version: u32,
    pub articles: &'a [AnalyzedArticle],
}

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
