//! The actor layer: mentions of people, organisations, countries and places, each
//! resolved to one entity of the article.
//!
//! Detection has two rule sources. A gazetteer (countries with demonyms, places,
//! international organisations with acronyms) gives known actors their identity
//! key. Capitalised runs give the rest: a run ending in an organisation word
//! ("Movement", "Ministry of Health") is an organisation, one ending in a thing
//! word ("Convention", "Day") is not an actor, and what remains is split at
//! connectors and gazetteer names into candidate person names, with titles
//! ("President", "Foreign Minister") stripped off and kept as roles. A third
//! source, with the default [`crate::Analyzer`], is the `parallax-ner` tagger:
//! each sentence's tagger spans and these candidates are combined before
//! resolution ([`combine`]): the tagger finds names the rules miss and decides
//! boundaries and kinds, the gazetteer keeps identities.
//!
//! Resolution inside the article is conservative: a lone surname joins the one
//! full name it belongs to, never a guess between two; a pronoun joins a person
//! named within the last two sentences, and outside attribution ("he said") only
//! when that person is the one named around it (an unresolved pronoun is better
//! than a wrong one); "the Prime Minister" joins the person last given that title.
//! Every mention records the rule that linked it.
//!
//! One file per step: [`detect`] makes the rules' candidates, [`combine`] joins
//! the tagger's spans to them, [`qualifiers`] joins a town to the division after it
//! ("Paris, Texas"), [`employers`] makes the name after "a partner at" an
//! organisation, [`party`] drops a state's or a chamber's party member ("an
//! Arizona Republican"), [`resolve`] links them into mentions and entities.

use parallax_core::{Entity, Mention, Span};
use parallax_ner::{EntityKind, Tagger};

use crate::lexicon::{GazForm, Lexicon};
use crate::text::{SentToks, TokKind};

mod combine;
mod detect;
mod employers;
mod list_labels;
mod party;
mod qualifiers;
mod resolve;

use detect::detect_sentence;
use resolve::{Ambiguity, Resolver, gendered_noun_appositives, link_appositive_descriptions};

#[derive(Debug, Clone)]
enum CandKind {
    Gaz {
        entry: usize,
        form: GazForm,
    },
    Person {
        name: Vec<String>,
    },
    Org {
        name: String,
    },
    /// A place the gazetteer does not know, from the tagger.
    Place {
        name: String,
    },
    Single {
        word: String,
    },
    Description {
        role: String,
    },
    Pronoun,
}

/// What the tagger said of a candidate's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tagged {
    /// No tagger, or the sentence was not tagged.
    NotRun,
    /// No tagger span touches the words.
    Outside,
    /// A tagger span of this kind on exactly these words.
    Is(EntityKind),
}

#[derive(Debug, Clone)]
struct Cand {
    sent: usize,
    tok_start: usize,
    tok_end: usize,
    span: Span,
    kind: CandKind,
    /// Title stripped from a person name ("President").
    title: Option<String>,
    /// For a description set off before a name ("the Prime Minister of X, Ralph
    /// Gonsalves"): the index of that name's candidate.
    appos: Option<usize>,
    /// What the tagger said of exactly this span.
    tagged: Tagged,
    /// Made from a tagger span the rules had not found (or had found as another kind).
    from_tagger: bool,
}

/// "and the" at token `k`: it joins two names, never the words of one ("the FBI
/// and the Department of Housing and Urban Development"), where a name's own
/// "and" joins words ("Port Authority of New York and New Jersey").
fn and_the(st: &SentToks, lex: &Lexicon, k: usize) -> bool {
    lex.words.run_ands.contains(&st.folded[k]) && st.folded.get(k + 1).is_some_and(|x| x == "the")
}

pub struct ActorLayer {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

/// Finds and resolves the actors of an article. `quoted` are the spans inside
/// quotation marks: pronouns there speak from the quoted person's view and are
/// not resolved. With a `tagger`, its spans and the rules' candidates are
/// combined sentence by sentence (see [`combine`]); without, the rules alone decide.
pub fn find_actors(
    text: &str,
    sents: &[SentToks],
    quoted: &[Span],
    lex: &Lexicon,
    tagger: Option<&Tagger>,
) -> ActorLayer {
    // sorted and disjoint, so "is it quoted" is a binary search (many quotations
    // must not cost a scan per word)
    let quoted = &crate::index::union(quoted.iter().copied())[..];
    let mut cands = Vec::new();
    for (si, st) in sents.iter().enumerate() {
        detect_sentence(text, si, st, lex, tagger, &mut cands);
    }
    // (only the ambiguous entries the article names are weighed: counting their
    // context words scans the whole text)
    let ambiguous = Ambiguity::resolve(text, lex, |e| {
        cands
            .iter()
            .any(|c| matches!(c.kind, CandKind::Gaz { entry, .. } if entry == e))
    });
    combine::people_the_tagger_placed(text, sents, lex, &mut cands);
    combine::saint_towns(text, sents, lex, &mut cands);
    combine::titled_places_are_people(text, sents, lex, &mut cands);
    combine::generational_words(text, sents, lex, &mut cands);
    qualifiers::join_place_qualifiers(text, sents, lex, &mut cands);
    let employers = employers::employers(sents, lex, &mut cands);
    party::drop_party_descriptions(text, sents, lex, &mut cands);
    let items = list_labels::list_items(text, sents);
    if items.iter().any(Option::is_some) {
        list_labels::cut_labels(text, sents, &items, &mut cands);
    }
    for c in &mut cands {
        if let CandKind::Gaz { entry, .. } = &mut c.kind {
            if let Some(&alt) = ambiguous.get(entry) {
                *entry = alt;
            }
        }
    }
    // Pronoun candidates come last in each sentence order; resolution sorts by position.
    for (si, st) in sents.iter().enumerate() {
        for (ti, t) in st.toks.iter().enumerate() {
            if t.kind == TokKind::Word
                && lex.words.gendered_pronouns.contains(&st.folded[ti])
                && !crate::index::inside_any(quoted, t.span)
            {
                cands.push(Cand {
                    sent: si,
                    tok_start: ti,
                    tok_end: ti + 1,
                    span: t.span,
                    kind: CandKind::Pronoun,
                    title: None,
                    appos: None,
                    tagged: Tagged::NotRun,
                    from_tagger: false,
                });
            }
        }
    }
    cands.sort_by_key(|c| (c.span.start, c.span.end));
    link_appositive_descriptions(text, sents, lex, &mut cands);
    gendered_noun_appositives(text, sents, lex, &mut cands);
    Resolver::new(text, lex, quoted)
        .with_employers(employers)
        .resolve(cands, sents)
}

#[cfg(test)]
mod testing {
    //! Lookups the tests of every actor module share.

    use parallax_core::Entity;

    /// The entity of the first mention written `surface`.
    pub(super) fn entity_of<'a>(
        a: &'a parallax_core::Analysis,
        surface: &str,
    ) -> Option<&'a Entity> {
        a.mentions
            .iter()
            .find(|m| m.text == surface)
            .map(|m| &a.entities[m.entity])
    }
}
