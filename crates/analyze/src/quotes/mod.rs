//! The quote layer: direct, partial, indirect and scare quotes with speakers.
//!
//! Marks are paired per paragraph (curly and straight, nested single quotes
//! inside double ones). A quote left open at a paragraph's end continues when the
//! next paragraph opens with a mark (the news convention for long quotes);
//! otherwise it ends with its paragraph. Speakers are found in the words around
//! the quote: "…,” Maduro said", "said the minister", "He declared: “…”", or the
//! subject of the nearest speech verb before the quote; a quote with no
//! attribution of its own continues the speaker of the quote before it in the
//! same paragraph. A speaker that cannot be tied to an actor stays unresolved.
//!
//! One file per concept: [`marks`] pairs the quotation marks, [`direct`] classifies
//! and attributes each quotation, [`cue`] tells speech verbs, [`speaker`] finds who
//! speaks through one, [`indirect`] finds reported speech without marks.

use parallax_core::Span;

mod cue;
mod direct;
mod indirect;
mod marks;
mod speaker;

pub(crate) use direct::find_quotes;
pub(crate) use indirect::find_indirect;
pub(crate) use marks::{MarkedQuote, mark_quotes};
pub(crate) use speaker::{no_place_speakers, resolve_described, resolve_documents};

/// `spans` are the quotations, sorted and not overlapping: bisect.
fn in_any(spans: &[Span], s: Span) -> bool {
    crate::index::inside_any(spans, s)
}

fn trim_punct(text: &str, s: Span) -> Span {
    let t = s.text(text);
    let trimmed = t.trim_end_matches(['.', ',', ';', ':', ' ']);
    Span::new(s.start, s.start + trimmed.len())
}

#[cfg(test)]
mod testing {
    //! Lookups the tests of every quote module share.

    use parallax_core::{Analysis, QuoteKind};

    /// The name of the entity speaking the first quote with `needle`.
    pub(super) fn speaker_of(a: &Analysis, needle: &str) -> Option<String> {
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains(needle))
            .unwrap_or_else(|| panic!("no quote with {needle}: {:?}", a.quotes));
        q.speaker
            .as_ref()
            .and_then(|s| s.entity)
            .map(|e| a.entities[e].name.clone())
    }

    /// The words of each indirect quote of `a`.
    pub(super) fn indirect_texts(a: &Analysis) -> Vec<&str> {
        a.quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| q.text.as_str())
            .collect()
    }

    /// The indirect quotes of `a` with their speakers' words, against `want`.
    pub(super) fn assert_indirect(a: &Analysis, want: &[(&str, &str)]) {
        let got: Vec<(&str, &str)> = a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| {
                let sp = q.speaker.as_ref().map_or("", |s| s.text.as_str());
                (q.text.as_str(), sp)
            })
            .collect();
        assert_eq!(got, want);
    }

    /// The speaker's words as written (resolved or not) of the first quote with `needle`.
    pub(super) fn speaker_words(a: &Analysis, needle: &str) -> Option<String> {
        a.quotes
            .iter()
            .find(|q| q.text.contains(needle))
            .and_then(|q| q.speaker.as_ref())
            .map(|s| s.text.clone())
    }

    /// The kind of the first quote with `needle`.
    pub(super) fn kind_of(a: &Analysis, needle: &str) -> QuoteKind {
        a.quotes
            .iter()
            .find(|q| q.text.contains(needle))
            .unwrap()
            .kind
    }
}
