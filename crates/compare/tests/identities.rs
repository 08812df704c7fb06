//! Identity rules end to end: articles analysed by parallax-analyze, then merged
//! across the corpus. The cases where nothing must be merged matter most: two
//! people sharing a surname, and one name for two places.

use parallax_analyze::Analyzer;
use parallax_compare::identities::{IdentityTable, build};
use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};

fn corpus(texts: &[&str]) -> (Vec<AnalyzedArticle>, IdentityTable) {
    let analyzer = Analyzer::new();
    let arts: Vec<AnalyzedArticle> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let meta = ArticleMeta {
                source: format!("a{i}.txt"),
                ..Default::default()
            };
            let article = Article::new(
                Outlet::named(format!("Outlet {i}")),
                meta,
                t.to_string(),
                vec![],
            );
            let analysis = analyzer.analyze(&article);
            AnalyzedArticle { article, analysis }
        })
        .collect();
    let table = build(&arts);
    (arts, table)
}

/// The identity id of the first mention written `surface` in article `a`.
fn id_of(arts: &[AnalyzedArticle], t: &IdentityTable, a: usize, surface: &str) -> Option<String> {
    arts[a]
        .analysis
        .mentions
        .iter()
        .find(|m| m.text == surface)
        .and_then(|m| t.identity_of(a, m.entity))
        .map(|i| i.id.clone())
}

#[test]
fn castro_brothers_and_a_bare_castro() {
    let (arts, t) = corpus(&[
        "Raúl Castro spoke in Havana on Monday. Castro said the reforms would go on.",
        "Fidel Castro ruled Cuba for decades. Castro died in 2016.",
        "Castro said nothing about the talks.",
    ]);
    let raul = id_of(&arts, &t, 0, "Raúl Castro").expect("Raúl Castro found");
    let fidel = id_of(&arts, &t, 1, "Fidel Castro").expect("Fidel Castro found");
    assert_ne!(raul, fidel, "two brothers are two identities");
    // Inside each article the surname is the one Castro named there.
    assert_eq!(id_of(&arts, &t, 0, "Castro").as_ref(), Some(&raul));
    assert_eq!(id_of(&arts, &t, 1, "Castro").as_ref(), Some(&fidel));
    // The bare "Castro" of the third article could be either: it joins neither.
    let bare = id_of(&arts, &t, 2, "Castro").expect("bare Castro is a person mention");
    assert_ne!(bare, raul);
    assert_ne!(bare, fidel);
    // Nothing merged Raúl into Fidel's identity or the reverse.
    for i in &t.identities {
        let keys: Vec<&str> = std::iter::once(i.id.as_str())
            .chain(i.merged.iter().map(|m| m.key.as_str()))
            .collect();
        assert!(
            !(keys.contains(&"person:raul castro") && keys.contains(&"person:fidel castro")),
            "{keys:?}"
        );
    }
}

#[test]
fn a_bare_surname_joins_the_only_full_name_with_rule_and_confidence() {
    let (arts, t) = corpus(&[
        "Fidel Castro ruled Cuba for decades.",
        "Castro said the revolution would last.",
    ]);
    let fidel = id_of(&arts, &t, 0, "Fidel Castro").unwrap();
    assert_eq!(id_of(&arts, &t, 1, "Castro").as_ref(), Some(&fidel));
    let i = t.identities.iter().find(|i| i.id == fidel).unwrap();
    let m = i
        .merged
        .iter()
        .find(|m| m.key == "person:castro")
        .expect("the merge is recorded");
    assert_eq!(m.rule, "surname matches one full name in the corpus");
    assert!(m.confidence > 0.0 && m.confidence < 1.0);
}

#[test]
fn georgia_the_state_and_georgia_the_country() {
    let (arts, t) = corpus(&[
        "Voters in Georgia lined up outside Atlanta before dawn.",
        "Georgia’s governor signed the bill on Tuesday.",
        "Georgia’s parliament in Tbilisi passed the law despite protests.",
        "Protesters filled the streets of Tbilisi as Georgia’s government pressed on.",
    ]);
    let state1 = id_of(&arts, &t, 0, "Georgia").expect("Georgia in Atlanta");
    let state2 = id_of(&arts, &t, 1, "Georgia").expect("Georgia with a governor");
    let country1 = id_of(&arts, &t, 2, "Georgia").expect("Georgia with Tbilisi");
    let country2 = id_of(&arts, &t, 3, "Georgia").expect("Georgia with Tbilisi");
    assert_eq!(state1, "gpe:georgia-us");
    assert_eq!(state1, state2);
    assert_eq!(country1, "gpe:georgia");
    assert_eq!(country1, country2);
    // "Atlanta, Georgia" is one place mention, as Universal NER and GUM mark it
    // (crates/analyze/src/actors/qualifiers.rs): the town's, with its identity
    let (arts, t) = corpus(&["Voters lined up in Atlanta, Georgia, before dawn."]);
    assert_eq!(
        id_of(&arts, &t, 0, "Atlanta, Georgia").as_deref(),
        Some("gpe:atlanta")
    );
    assert_eq!(id_of(&arts, &t, 0, "Georgia"), None);
}

#[test]
fn a_name_is_shown_without_the_editors_brackets() {
    // BASIL b7021938 (HuffPost): "[special counsel Robert] Mueller's report"
    // showed the variant "Robert] Mueller" in the story table.
    let (arts, t) = corpus(&[
        "Special Counsel Robert Mueller filed his report on Friday. Mueller said little.",
        "\u{201c}It doesn\u{2019}t appear that was any part of [special counsel Robert] \
         Mueller\u{2019}s report,\u{201d} Conaway said. Mueller did not comment.",
    ]);
    let cmp = parallax_compare::compare(&arts, Default::default());
    let row = cmp.stories[0]
        .actors
        .iter()
        .find(|r| r.name.contains("Mueller"))
        .expect("a Mueller row");
    for (outlet, cov) in &row.outlets {
        for v in &cov.variants {
            assert!(!v.contains(['[', ']']), "{outlet}: {v}");
        }
    }
    let id = t
        .identities
        .iter()
        .find(|i| i.id.contains("mueller"))
        .expect("a Mueller identity");
    assert!(
        id.variants.iter().all(|v| !v.text.contains(['[', ']'])),
        "{:?}",
        id.variants
    );
    for e in arts.iter().flat_map(|a| &a.analysis.entities) {
        assert!(e.variants.iter().all(|v| !v.contains(['[', ']'])), "{e:?}");
    }
}
