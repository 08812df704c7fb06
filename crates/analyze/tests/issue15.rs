//! The examples of issue 15 that one article shows, asserted on the whole analysis:
//! names read through editorial brackets, a building named after a person that
//! never takes the person's mentions, non-actors that are not actors, and an
//! honorific telling which of two people sharing a surname is meant.

use parallax_analyze::analyze_text;
use parallax_core::{ActorKind, Analysis};

/// The entity key of each mention with this exact text.
fn keys_of(a: &Analysis, surface: &str) -> Vec<String> {
    a.mentions
        .iter()
        .filter(|m| m.text == surface)
        .map(|m| a.entities[m.entity].key.clone())
        .collect()
}

fn kinds_of(a: &Analysis, surface: &str) -> Vec<ActorKind> {
    a.mentions
        .iter()
        .filter(|m| m.text.contains(surface))
        .map(|m| m.kind)
        .collect()
}

#[test]
fn brackets_inside_a_name_are_read_through() {
    let a = analyze_text(
        "Steele said the war in Afghanistan was \u{201c}a war of [President Barack] \
         Obama\u{2019}s choosing.\u{201d} Obama did not answer.",
    );
    let keys: Vec<&str> = a.entities.iter().map(|e| e.key.as_str()).collect();
    assert!(
        !keys.iter().any(|k| k.contains(']') || k.contains('[')),
        "{keys:?}"
    );
    for m in a.mentions.iter().filter(|m| m.text.contains("Obama")) {
        assert_eq!(a.entities[m.entity].key, "person:barack obama", "{m:?}");
    }
}

#[test]
fn a_building_named_after_a_person_never_takes_the_persons_mentions() {
    let a = analyze_text(
        "Donald Trump spoke on Monday. Michael Cohen discussed Trump Tower Moscow with \
         Russian officials in 2016. \u{201c}It was a deal,\u{201d} Trump said.",
    );
    assert!(
        !kinds_of(&a, "Tower").contains(&ActorKind::Person),
        "{:?}",
        a.mentions
    );
    assert_eq!(keys_of(&a, "Trump"), ["person:donald trump"]);
    let q = a.quotes.iter().find(|q| q.text.contains("deal")).unwrap();
    let e = q.speaker.as_ref().and_then(|s| s.entity).unwrap();
    assert_eq!(a.entities[e].key, "person:donald trump");
}

#[test]
fn days_holidays_affiliations_and_gardens_are_not_actors() {
    let a = analyze_text(
        "Republican National Committee Chairman Michael Steele Sunday said the war was \
         wrong. Sen. Jeff Flake, R-Ariz., said he would vote no. At Christmas, the \
         president spoke to reporters in the Rose Garden.",
    );
    assert_eq!(keys_of(&a, "Michael Steele"), ["person:michael steele"]);
    for m in &a.mentions {
        assert!(!m.text.contains("Sunday"), "{m:?}");
        assert!(!m.text.starts_with("R-Ariz"), "{m:?}");
        assert!(m.text != "Christmas", "{m:?}");
        if m.text.contains("Rose Garden") {
            assert_ne!(m.kind, ActorKind::Person, "{m:?}");
        }
    }
}

#[test]
fn an_honorific_tells_which_of_two_people_a_surname_names() {
    let text = "Hillary Rodham Clinton spoke in Iowa. Her husband, former President Bill \
                Clinton, was not there. \u{201c}We will win,\u{201d} Mrs. Clinton said. Mr. \
                Clinton stayed in New York.";
    let a = analyze_text(text);
    let by_text = |prefix: &str| {
        let m = a
            .mentions
            .iter()
            .find(|m| m.text == "Clinton" && text[..m.span.start].ends_with(prefix))
            .unwrap();
        a.entities[m.entity].key.clone()
    };
    assert_eq!(by_text("Mrs. "), "person:hillary rodham clinton");
    assert_eq!(by_text("Mr. "), "person:bill clinton");
}
