//! A statement's quoted words are the words of its own sentence: a quotation that
//! runs over two sentences gives each its part (BASIL 005a2961, where Fox's and
//! HuffPost's two sentences of one Trump quotation were linked crosswise, each
//! sentence "sharing" the other's quoted words).

use parallax_analyze::Analyzer;
use parallax_compare::align::{AlignOptions, FEATURES, story_pairs};
use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};

fn article(outlet: &str, text: &str) -> AnalyzedArticle {
    let meta = ArticleMeta {
        published: Some("2011-04-07".into()),
        source: format!("{outlet}.txt"),
        ..Default::default()
    };
    let article = Article::new(Outlet::named(outlet), meta, text.to_string(), vec![]);
    let analysis = Analyzer::new().analyze(&article);
    AnalyzedArticle { article, analysis }
}

#[test]
fn a_quotation_over_two_sentences_is_quoted_words_of_each_apart() {
    let text = "Trump spoke on Thursday about the president. He said Obama \"doesn't have a \
                doctrine on foreign affairs. Foreign affairs is, we take care of ourselves \
                first.\" The interview ran long.";
    let articles = [article("fox", text), article("hpo", text)];
    let table = parallax_compare::identities::build(&articles);
    let pairs = story_pairs(&articles, &[0, 1], &table, AlignOptions::default(), None);
    let quote = FEATURES.iter().position(|f| *f == "quote").unwrap();
    let feature = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|(x, y, _)| {
                (x.text.contains(a) && y.text.contains(b))
                    || (x.text.contains(b) && y.text.contains(a))
            })
            .map(|(_, _, f)| f.0[quote])
    };
    // the same sentence in both outlets shares its quoted run; crosswise only
    // "foreign affairs" is shared (before, each sentence held the whole
    // quotation, and the cross pair scored 0.75 like a straight one)
    let straight = feature("doctrine", "doctrine").unwrap();
    let cross = feature("doctrine", "ourselves").unwrap();
    assert!(straight > 0.5, "{straight}");
    assert!(cross < 0.25, "{cross}");
}
