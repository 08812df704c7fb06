//! Many articles at once: the one batch call every front end uses.
//!
//! Articles are analysed in parallel (rayon, one task per article, no shared
//! state), each within its own time budget, and come back in the order given.
//! An article over its budget is handed back with the reason instead of holding
//! up the batch. The budget a caller does not choose is [`ARTICLE_BUDGET`].

use std::time::{Duration, Instant};

use parallax_core::{AnalyzedArticle, Article};
use rayon::prelude::*;

use crate::Analyzer;

/// How long one article's analysis may take unless the caller says otherwise
/// (`--time-budget`): far beyond any real article (the slowest of the dev sets
/// takes well under a second), short enough that a hostile one cannot hold a
/// batch, an import or the server.
pub const ARTICLE_BUDGET: Duration = Duration::from_secs(30);

/// An article whose analysis was given up, with the reason.
#[derive(Debug)]
pub struct Rejected {
    /// The article, as given (boxed: a rejection is rare and an article is large).
    pub article: Box<Article>,
    /// Why it was given up (the stage its budget ran out after).
    pub reason: String,
}

impl Analyzer {
    /// Analyses `articles` in parallel, each within `budget`, in the order given;
    /// `done` is called once per article as it finishes (from any thread), for a
    /// progress bar.
    pub fn analyze_batch(
        &self,
        articles: Vec<Article>,
        budget: Duration,
        done: &(dyn Fn() + Sync),
    ) -> Vec<Result<AnalyzedArticle, Rejected>> {
        articles
            .into_par_iter()
            .map(|article| {
                let deadline = Instant::now() + budget;
                let r = match self.analyze_within(&article.text, Some(deadline)) {
                    Ok(analysis) => Ok(AnalyzedArticle { article, analysis }),
                    Err(e) => Err(Rejected {
                        article: Box::new(article),
                        reason: e.to_string(),
                    }),
                };
                done();
                r
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{ArticleMeta, Outlet};

    fn article(text: &str) -> Article {
        Article::new(
            Outlet::named("Test"),
            ArticleMeta::default(),
            text.into(),
            vec![],
        )
    }

    #[test]
    fn keeps_order_and_counts_progress() {
        let texts = [
            "Barack Obama spoke in Ohio on Monday.",
            "“We will win,” said Angela Merkel.",
            "The Senate passed the bill.",
        ];
        let n = std::sync::atomic::AtomicUsize::new(0);
        let out = Analyzer::new().analyze_batch(
            texts.iter().map(|t| article(t)).collect(),
            ARTICLE_BUDGET,
            &|| {
                n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            },
        );
        assert_eq!(n.into_inner(), 3);
        let got: Vec<&str> = out
            .iter()
            .map(|r| r.as_ref().unwrap().article.text.as_str())
            .collect();
        assert_eq!(got, texts);
        assert_eq!(out[1].as_ref().unwrap().analysis.quotes.len(), 1);
    }

    #[test]
    fn over_budget_is_handed_back_with_the_reason() {
        let out =
            Analyzer::new().analyze_batch(vec![article("Some text.")], Duration::ZERO, &|| {});
        let r = out.into_iter().next().unwrap().unwrap_err();
        assert_eq!(r.article.text, "Some text.");
        assert!(r.reason.contains("time budget"), "{}", r.reason);
    }
}
