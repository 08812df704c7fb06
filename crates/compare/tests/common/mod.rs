//! What the compare tests share: an article of one outlet, analysed.

use parallax_analyze::Analyzer;
use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};

/// `text` as an article of `outlet` published on `date`, through the analysis.
pub fn article(outlet: &str, text: &str, date: &str) -> AnalyzedArticle {
    let meta = ArticleMeta {
        published: Some(date.into()),
        source: format!("{outlet}.txt"),
        ..Default::default()
    };
    let article = Article::new(Outlet::named(outlet), meta, text.to_string(), vec![]);
    let analysis = Analyzer::new().analyze(&article);
    AnalyzedArticle { article, analysis }
}
