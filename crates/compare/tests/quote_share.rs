//! The quote share of a story: whose words each outlet carries. A quote whose
//! speaker is a pronoun that resolved to nobody ("he said", no man named) is
//! unattributed, not a speaker called "he".

use parallax_analyze::Analyzer;
use parallax_compare::{CompareOptions, compare};
use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};

fn article(outlet: &str, text: &str) -> AnalyzedArticle {
    let meta = ArticleMeta {
        title: Some("Port strike".into()),
        published: Some("2024-05-02".into()),
        source: format!("{outlet}.txt"),
        ..Default::default()
    };
    let article = Article::new(Outlet::named(outlet), meta, text.into(), vec![]);
    let analysis = Analyzer::new().analyze(&article);
    AnalyzedArticle { article, analysis }
}

#[test]
fn an_unresolved_pronoun_is_no_speaker_in_the_quote_share() {
    let a = article(
        "Left Daily",
        "Maria Lopez led the dockworkers' strike at the port of Valparaíso on Tuesday. \
         “We will not go back until wages rise,” Lopez said.\n\n\
         “The port will stay shut,” he said.\n\n\
         He said that the strike would spread to other ports.\n\n\
         It said that the union would meet again on Friday.",
    );
    let b = article(
        "Right Times",
        "Dockworkers led by Maria Lopez shut the port of Valparaíso on Tuesday. \
         “Wages must rise,” Lopez told reporters.",
    );
    // the analysis keeps the pronoun, unresolved, as the quote's speaker
    let he = a
        .analysis
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .find(|s| s.text == "he")
        .expect("a quote spoken by an unresolved \"he\"");
    assert!(he.is_unresolved_pronoun(), "{he:?}");
    let c = compare(&[a, b], CompareOptions::default());
    assert_eq!(c.stories.len(), 1, "{:#?}", c.stories);
    let share = c.stories[0]
        .quote_share
        .iter()
        .find(|s| s.outlet == "Left Daily")
        .unwrap();
    assert!(!share.speakers.iter().any(|s| s.name == "he"), "{share:#?}");
    // the direct quote and the reported ones ("He said that …", "It said that …")
    assert_eq!(share.unattributed, 3, "{share:#?}");
    assert!(!share.speakers.iter().any(|s| s.name == "It"), "{share:#?}");
    assert!(
        share.speakers.iter().any(|s| s.name.contains("Lopez")),
        "{share:#?}"
    );
}

/// BASIL (Chick-fil-A, NYT): "One Facebook user … posted this status update: “…”"
/// has a speaker and no speech verb, and the terminal showed the speaker's bar
/// with nothing after it. The share counts such quotes (`without_verb`), which
/// the reports show as "no verb".
#[test]
fn a_quote_without_a_verb_is_counted() {
    let share = parallax_compare::SpeakerShare {
        identity: None,
        name: "One Facebook user".into(),
        quotes: 3,
        cues: [("say".to_string(), 1), ("post".to_string(), 1)].into(),
        evidence: vec![],
    };
    assert_eq!(share.without_verb(), 1);
}
