//! Tagging hand-made news sentences with the embedded model.

use parallax_ner::{EntityKind, Tagger};

/// The entities of `text` as (surface, kind).
fn ents(text: &str) -> Vec<(String, EntityKind)> {
    Tagger::embedded()
        .tag_text(text)
        .into_iter()
        .map(|e| (text[e.start..e.end].to_string(), e.kind))
        .collect()
}

fn has(found: &[(String, EntityKind)], surface: &str, kind: EntityKind) -> bool {
    found.iter().any(|(s, k)| s == surface && *k == kind)
}

#[test]
fn titles_and_names() {
    let f = ents(
        "Venezuela’s socialist dictator Nicolás Maduro met President Luis Arce in Caracas on Monday.",
    );
    assert!(has(&f, "Nicolás Maduro", EntityKind::Person), "{f:?}");
    assert!(has(&f, "Luis Arce", EntityKind::Person), "{f:?}");
    assert!(has(&f, "Caracas", EntityKind::Loc), "{f:?}");
    assert!(has(&f, "Venezuela", EntityKind::Loc), "{f:?}");
    let f = ents(
        "“We will not give up,” Foreign Minister Yvan Gil told reporters, according to Mr. Maduro’s office.",
    );
    assert!(has(&f, "Yvan Gil", EntityKind::Person), "{f:?}");
    assert!(has(&f, "Maduro", EntityKind::Person), "{f:?}");
}

#[test]
fn organisations_with_acronyms() {
    let f = ents(
        "South Africa took its case to the International Court of Justice (ICJ) in The Hague.",
    );
    assert!(
        has(&f, "International Court of Justice", EntityKind::Org),
        "{f:?}"
    );
    assert!(has(&f, "ICJ", EntityKind::Org), "{f:?}");
    assert!(has(&f, "South Africa", EntityKind::Loc), "{f:?}");
    let f = ents("Leaders of the ALBA-TCP bloc and the United Nations condemned the strikes.");
    assert!(has(&f, "ALBA-TCP", EntityKind::Org), "{f:?}");
    assert!(has(&f, "United Nations", EntityKind::Org), "{f:?}");
}

#[test]
fn countries_and_places() {
    let f = ents(
        "Bolivia, Nicaragua, Cuba and Saint Lucia backed the statement, while the U.S. and Germany objected.",
    );
    for c in [
        "Bolivia",
        "Nicaragua",
        "Cuba",
        "Saint Lucia",
        "U.S.",
        "Germany",
    ] {
        assert!(has(&f, c, EntityKind::Loc), "{c}: {f:?}");
    }
    let f = ents("Hamas fighters crossed from the Gaza Strip into southern Israel.");
    assert!(has(&f, "Hamas", EntityKind::Org), "{f:?}");
    assert!(has(&f, "Gaza Strip", EntityKind::Loc), "{f:?}");
    assert!(has(&f, "Israel", EntityKind::Loc), "{f:?}");
}

#[test]
fn spans_are_on_char_boundaries_with_confidence() {
    let text = "Nicolás Maduro’s ally, Diosdado Cabello, spoke in Mérida.";
    let spans = Tagger::embedded().tag_text(text);
    assert!(!spans.is_empty());
    for e in spans {
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert!(e.start < e.end && e.end <= text.len());
        assert!((0.0..=1.0).contains(&e.confidence), "{e:?}");
    }
}

#[test]
fn documents_are_split_into_sentences() {
    let text = "Luis Arce spoke in La Paz. Later, the United Nations ruled.\n\nGermany objected.";
    let spans = Tagger::embedded().tag_document(text);
    let found: Vec<&str> = spans.iter().map(|e| &text[e.start..e.end]).collect();
    for w in ["Luis Arce", "La Paz", "United Nations", "Germany"] {
        assert!(found.contains(&w), "{w}: {found:?}");
    }
}

#[test]
fn titles_are_not_part_of_names() {
    for (text, name) in [
        (
            "There was a time, Mr Panvalkar said, when he felt they should leave.",
            "Panvalkar",
        ),
        ("Pope Francis met the delegation on Sunday.", "Francis"),
        ("Ms. Lemaire said the plan was never discussed.", "Lemaire"),
    ] {
        let f = ents(text);
        assert!(has(&f, name, EntityKind::Person), "{text}: {f:?}");
    }
    // A nationality adjective alone is not an entity (UNER).
    let f = ents("Latin American leaders and Cuban officials met in Havana.");
    assert!(
        !f.iter().any(|(s, _)| s == "Latin American" || s == "Cuban"),
        "{f:?}"
    );
}

#[test]
fn organisations_from_head_words() {
    let f = ents("Members of the Landless Workers Movement joined the protest in Brasilia.");
    assert!(
        has(&f, "Landless Workers Movement", EntityKind::Org),
        "{f:?}"
    );
}

#[test]
fn common_words_from_the_word_list() {
    use parallax_ner::is_common_word;
    for w in ["Researchers", "researchers", "Luckily", "officials"] {
        assert!(is_common_word(w), "{w}");
    }
    // Proper nouns, words that are also names, and words not in the list.
    for w in ["Morales", "Price", "Brexit", "Khanzir", "", "’s"] {
        assert!(!is_common_word(w), "{w}");
    }
}

/// Issue 15's non-actors and a building named after a person.
#[test]
fn days_holidays_affiliations_and_buildings() {
    let f = ents(
        "Republican National Committee Chairman Michael Steele Sunday said the war was wrong.",
    );
    assert!(has(&f, "Michael Steele", EntityKind::Person), "{f:?}");
    assert!(!f.iter().any(|(s, _)| s.contains("Sunday")), "{f:?}");
    let f = ents("At Christmas, the president spoke to reporters in the Rose Garden.");
    assert!(!f.iter().any(|(s, _)| s == "Christmas"), "{f:?}");
    assert!(
        !f.iter()
            .any(|(s, k)| s.contains("Rose") && *k == EntityKind::Person),
        "{f:?}"
    );
    let f = ents("Sen. Jeff Flake, R-Ariz., said he would vote no.");
    assert!(has(&f, "Jeff Flake", EntityKind::Person), "{f:?}");
    assert!(!f.iter().any(|(s, _)| s.starts_with("R-Ariz")), "{f:?}");
    let f = ents("Michael Cohen discussed Trump Tower Moscow with the Russians.");
    assert!(
        !f.iter()
            .any(|(s, k)| s.contains("Tower") && *k == EntityKind::Person),
        "{f:?}"
    );
    assert!(parallax_ner::is_party_affiliation("D-Calif."));
    assert!(!parallax_ner::is_party_affiliation("Al-Qaeda"));
}
