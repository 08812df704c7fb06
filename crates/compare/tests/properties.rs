//! Comparing A with B is the mirror of comparing B with A: the same identities,
//! the same stories (as sets of articles), the same statements shared and unique.

use std::collections::BTreeSet;

use parallax_analyze::Analyzer;
use parallax_compare::{CompareOptions, Comparison, compare};
use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};
use proptest::prelude::*;

const SENTENCES: &[&str] = &[
    "Venezuela’s President Nicolás Maduro backed Palestine at the ALBA summit in Caracas.",
    "Venezuela’s socialist dictator Nicolas Maduro hosted the summit.",
    "“Palestine will rise,” Maduro said on Wednesday.",
    "Cuba and Nicaragua have strong traditions of solidarity with Palestine.",
    "Colombia halted Israeli weapons purchases in 2024.",
    "Over 100,000 Cubans rallied in Havana in October 2025.",
    "The bloc demanded that “Palestine” be recognized as a state.",
    "Grenada’s Foreign Minister Joseph Andall claimed the West was hypocritical.",
    "Hamas attacked Israel on October 7, killing 1,200 people.",
    "Nicaragua took Germany to the International Court of Justice (ICJ) in March 2024.",
];

fn article(outlet: &str, picks: &[usize], date: &str) -> AnalyzedArticle {
    let text = picks
        .iter()
        .map(|&i| SENTENCES[i % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join("\n\n");
    let meta = ArticleMeta {
        published: Some(date.into()),
        source: format!("{outlet}.txt"),
        ..Default::default()
    };
    let article = Article::new(Outlet::named(outlet), meta, text, vec![]);
    let analysis = Analyzer::new().analyze(&article);
    AnalyzedArticle { article, analysis }
}

/// What a comparison found, independent of article order: identity ids, the article
/// sets of stories, and each statement reference with whether it was aligned.
type Summary = (
    BTreeSet<String>,
    BTreeSet<Vec<String>>,
    BTreeSet<(String, usize, bool)>,
);

fn summary(c: &Comparison) -> Summary {
    let identities = c.identities.iter().map(|i| i.id.clone()).collect();
    let stories = c
        .stories
        .iter()
        .map(|s| {
            let mut v = s.articles.clone();
            v.sort();
            v
        })
        .collect();
    let mut statements = BTreeSet::new();
    for s in &c.stories {
        for g in s.statements.facts() {
            for r in &g.statements {
                statements.insert((r.article.clone(), r.sentence, true));
            }
        }
        for list in s
            .statements
            .only
            .values()
            .chain(s.statements.undecided.values())
        {
            for o in list {
                statements.insert((o.statement.article.clone(), o.statement.sentence, false));
            }
        }
    }
    (identities, stories, statements)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    #[test]
    fn compare_is_symmetric(a in prop::collection::vec(0usize..10, 1..6), b in prop::collection::vec(0usize..10, 1..6), day in 1u32..28) {
        let x = article("Outlet A", &a, "2024-04-25");
        let y = article("Outlet B", &b, &format!("2024-04-{day:02}"));
        let ab = compare(&[x.clone(), y.clone()], CompareOptions::default());
        let ba = compare(&[y, x], CompareOptions::default());
        prop_assert_eq!(summary(&ab), summary(&ba));
    }
}
