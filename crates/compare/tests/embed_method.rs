//! The embedding method's logic with a stand-in encoder (no model needed): vectors
//! are chosen by hand, so which statements align is known in advance.

use parallax_analyze::Analyzer;
use parallax_compare::{CompareOptions, Comparison, SentenceEncoder, compare, compare_with};
use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};

fn article(outlet: &str, text: &str) -> AnalyzedArticle {
    let meta = ArticleMeta {
        published: Some("2024-04-25".into()),
        source: format!("{outlet}.txt"),
        ..Default::default()
    };
    let article = Article::new(Outlet::named(outlet), meta, text.to_string(), vec![]);
    let analysis = Analyzer::new().analyze(&article);
    AnalyzedArticle { article, analysis }
}

/// Sentences containing the same marker word get the same direction; others are
/// orthogonal to every marker. Counts the sentences it is asked for.
struct Markers(std::sync::Mutex<Vec<String>>);

impl SentenceEncoder for Markers {
    fn model(&self) -> String {
        "markers".into()
    }
    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        self.0
            .lock()
            .unwrap()
            .extend(sentences.iter().map(|s| s.to_string()));
        Ok(sentences
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let mut v = vec![0.0f32; 8];
                // "weapons" and "arms" are one direction: a paraphrase.
                if s.contains("weapons") || s.contains("arms") {
                    v[0] = 1.0;
                } else if s.contains("Cuba") {
                    v[1] = 1.0;
                } else {
                    v[2 + n % 6] = 1.0;
                }
                v
            })
            .collect())
    }
}

const COMMON: &str = "President Gustavo Petro of Colombia cut ties with Israel over the war in Gaza.\n\n\
    Petro accused Israel of genocide and recalled the ambassador from Tel Aviv.\n\n";

fn corpus() -> Vec<AnalyzedArticle> {
    vec![
        article(
            "A",
            &format!(
                "{COMMON}Colombia halted Israeli weapons purchases.\n\nCuba backed the move at once.\n\nIt rained."
            ),
        ),
        article(
            "B",
            &format!(
                "{COMMON}Bogotá stopped buying Israeli arms.\n\nThe opposition called it reckless for national security.\n\nCuba welcomed it."
            ),
        ),
        // An outlet alone in its own story: never embedded.
        article(
            "C",
            "Quarterly wheat harvest figures rose sharply across the northern plains this year.",
        ),
    ]
}

/// The closest candidate of the statement containing `a`, when it is in no fact.
fn closest(c: &Comparison, a: &str) -> Option<(String, f32)> {
    c.stories.iter().find_map(|s| {
        s.statements
            .only
            .values()
            .chain(s.statements.undecided.values())
            .flatten()
            .find(|o| o.statement.text.contains(a))
            .and_then(|o| o.closest.as_ref())
            .map(|c| (c.statement.text.clone(), c.score))
    })
}

/// Linked, or at least each other's closest candidate well above the omission
/// threshold (so neither is called an omission).
fn seen_as_one(c: &Comparison, a: &str, b: &str) -> bool {
    linked(c, a, b)
        || [(a, b), (b, a)]
            .iter()
            .all(|(x, y)| closest(c, x).is_some_and(|(t, p)| t.contains(y) && p >= 0.3))
}

fn linked(c: &Comparison, a: &str, b: &str) -> bool {
    c.stories.iter().any(|s| {
        s.statements.facts().any(|g| {
            g.statements.iter().any(|r| r.text.contains(a))
                && g.statements.iter().any(|r| r.text.contains(b))
        })
    })
}

#[test]
fn embedding_links_what_the_vectors_say_and_only_candidates_are_embedded() {
    let articles = corpus();
    let enc = Markers(Default::default());
    let c = compare_with(&articles, CompareOptions::default(), Some(&enc)).unwrap();
    // vectors alone cannot link a pair that shares no word: the pair model wants
    // more than meaning (see data/same_fact.tsv), but the two find each other
    assert!(seen_as_one(&c, "Colombia halted", "Bogotá stopped"));
    assert!(seen_as_one(&c, "Cuba backed", "Cuba welcomed"));
    assert!(!linked(&c, "It rained", "opposition called"));
    let seen = enc.0.lock().unwrap().clone();
    // Each distinct text once: the two articles' common sentences are embedded once.
    let mut dedup = seen.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), seen.len(), "{seen:#?}");
    assert!(
        seen.iter().all(|s| !s.contains("wheat")),
        "single-outlet story embedded"
    );
    assert!(
        seen.iter().all(|s| s != "It rained."),
        "two-word line embedded"
    );
    let info = c.alignment.as_ref().unwrap();
    assert_eq!(info.embedded, seen.len());
    // the shared sentences are embedded once for both articles
    assert!(info.candidates > info.embedded, "{info:?}");
    assert!(info.statements > info.candidates, "{info:?}");
    assert_eq!(c.stories[0].statements.method, "embed: markers");
    // The lexical method misses the paraphrase, and reports no alignment info.
    let lex = compare(&articles, CompareOptions::default());
    assert!(!seen_as_one(&lex, "Colombia halted", "Bogotá stopped"));
    assert!(lex.alignment.is_none());
}

#[test]
fn a_threshold_above_every_score_aligns_nothing_and_a_failing_encoder_is_an_error() {
    let articles = corpus();
    let mut opts = CompareOptions::default();
    opts.align.link = 1.5;
    let c = compare_with(&articles, opts, Some(&Markers(Default::default()))).unwrap();
    for s in &c.stories {
        assert!(s.statements.all.is_empty() && s.statements.some.is_empty());
    }
    struct Broken;
    impl SentenceEncoder for Broken {
        fn model(&self) -> String {
            "broken".into()
        }
        fn encode(&self, s: &[&str]) -> Result<Vec<Vec<f32>>, String> {
            Ok(vec![vec![1.0]; s.len().saturating_sub(1)])
        }
    }
    let e = compare_with(&articles, CompareOptions::default(), Some(&Broken)).unwrap_err();
    assert!(e.contains("vectors"), "{e}");
}
