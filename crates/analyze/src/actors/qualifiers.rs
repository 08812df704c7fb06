//! A town and the division or country that says where it is ("Paris, Texas",
//! "Paramus, NJ", "Yekaterinburg, Russia") are one place mention, as GUM and
//! Universal NER mark it: the town's candidate takes the qualifier's words, and
//! the qualifier is no mention of its own. The identity stays the town's.
//!
//! The qualifier is a name or abbreviation of `regions.tsv` or a country's name
//! (`countries.tsv`), matched as written (a postal code "OK" counts, "ok" does
//! not), after a comma, and not followed by more of a name or by "and" (a list:
//! "Eastern Europe, Poland and Czechoslovakia"); a town after a comma is in a list
//! too ("Damascus, Dubai, Kuwait"). The town is a tagger place, or a lone word the
//! tagger read as a place (or did not read, unless it is a plain word or an
//! acronym); never itself a division or a country ("Texas, Oklahoma and Kansas" is
//! a list). A town the gazetteer knows keeps its own name and the country after it
//! stays an actor mention ("Havana, Cuba": Cuba is named).

use super::{Cand, CandKind, Tagged};
use crate::lexicon::Lexicon;
use crate::text::{SentToks, TokKind, is_capitalized};
use parallax_core::Span;
use parallax_ner::EntityKind;

/// The longest qualifier (in tokens) tried: "Australian Capital Territory".
const MAX_TOKENS: usize = 4;

/// The tokens `from..to` of a sentence, as written, without the spaces between
/// (how `regions.tsv` names are keyed).
pub(super) fn joined(text: &str, st: &SentToks, from: usize, to: usize) -> String {
    st.toks[from..to].iter().map(|t| t.text(text)).collect()
}

/// The end (exclusive token index) of a qualifier starting at token `at`, if one does.
fn qualifier_end(text: &str, st: &SentToks, lex: &Lexicon, at: usize) -> Option<usize> {
    let n = st.toks.len();
    (1..=MAX_TOKENS)
        .rev()
        .filter(|len| at + len <= n)
        .find(|&len| lex.regions.contains(&joined(text, st, at, at + len)))
        .map(|len| at + len)
        .filter(|&end| {
            // "Paris, Texas Instruments" goes on with a name; "Eastern Europe, Poland
            // and Czechoslovakia" is a list
            st.toks.get(end).is_none_or(|t| {
                t.kind != TokKind::Word
                    || !(is_capitalized(t.text(text))
                        || lex.words.run_ands.contains(&st.folded[end]))
            })
        })
}

/// The end of a qualifier written without its final dot at token `at` ("Fla" before
/// the dot the tokenizer split off): the dot's token is taken in.
fn qualifier_dotless_end(text: &str, st: &SentToks, lex: &Lexicon, at: usize) -> Option<usize> {
    let next = st.toks.get(at + 1)?;
    (next.text(text) == "."
        && lex
            .regions
            .contains(&format!("{}.", st.toks[at].text(text))))
    .then_some(at + 2)
}

/// Whether the candidate names a town a qualifier can follow.
fn is_town(text: &str, lex: &Lexicon, c: &Cand) -> bool {
    if c.title.is_some() || lex.regions.contains(&c.span.text(text).replace(' ', "")) {
        return false;
    }
    match &c.kind {
        // a town the gazetteer knows needs no qualifier, and the country after it
        // stays an actor of its own ("Havana, Cuba")
        CandKind::Gaz { .. } => false,
        CandKind::Place { .. } => true,
        // "Ultimately, Great Britain", "CNRS, France": a plain word or an acronym
        // is a town only when the tagger says so
        CandKind::Single { word } => match c.tagged {
            Tagged::Is(EntityKind::Loc) => true,
            Tagged::Is(_) => false,
            _ => {
                !word.is_empty()
                    && !parallax_ner::is_common_word(word)
                    && !parallax_core::is_acronym(word)
            }
        },
        _ => false,
    }
}

/// Joins each town candidate to the qualifier after it (see the module doc).
pub(super) fn join_place_qualifiers(
    text: &str,
    sents: &[SentToks],
    lex: &Lexicon,
    cands: &mut Vec<Cand>,
) {
    let mut cut: Vec<(usize, usize, usize)> = Vec::new();
    for c in cands.iter_mut() {
        let st = &sents[c.sent];
        // "Tampa, Fla": the tagger took town and qualifier as one place; its name
        // (and identity) is the town's, and the qualifier runs to its end ("Fla.")
        if let CandKind::Place { name } = &mut c.kind {
            let comma = (c.tok_start + 1..c.tok_end.saturating_sub(1))
                .find(|&i| st.toks[i].text(text) == ",");
            if let Some(i) = comma {
                if let Some(end) = qualifier_end(text, st, lex, i + 1)
                    .or_else(|| qualifier_dotless_end(text, st, lex, i + 1))
                    .filter(|&end| end >= c.tok_end)
                {
                    *name = Span::new(c.span.start, st.toks[i - 1].span.end)
                        .text(text)
                        .to_string();
                    cut.push((c.sent, c.tok_end, end));
                    c.tok_end = end;
                    c.span = Span::new(c.span.start, st.toks[end - 1].span.end);
                    continue;
                }
            }
        }
        // ("flights to Damascus, Dubai, Kuwait": a town after a comma is in a list)
        if !is_town(text, lex, c)
            || st.toks.get(c.tok_end).is_none_or(|t| t.text(text) != ",")
            || (c.tok_start > 0 && st.toks[c.tok_start - 1].text(text) == ",")
        {
            continue;
        }
        let Some(end) = qualifier_end(text, st, lex, c.tok_end + 1) else {
            continue;
        };
        cut.push((c.sent, c.tok_end + 1, end));
        if let CandKind::Single { word } = &c.kind {
            c.kind = CandKind::Place { name: word.clone() };
        }
        c.tok_end = end;
        c.span = Span::new(c.span.start, st.toks[end - 1].span.end);
    }
    cands.retain(|c| {
        !cut.iter()
            .any(|&(s, a, b)| c.sent == s && a <= c.tok_start && c.tok_start < b)
    });
}

#[cfg(test)]
mod tests {
    use crate::actors::testing::entity_of;
    use crate::analyze_text;

    #[test]
    fn a_town_and_its_division_are_one_place() {
        let a = analyze_text(
            "She was born in Paramus, NJ, and grew up in Yekaterinburg, Russia. \
             Later she moved to Marion, Ohio. Texas, Oklahoma and Kansas voted. \
             Paris, Texas Instruments said.",
        );
        let texts: Vec<&str> = a.mentions.iter().map(|m| m.text.as_str()).collect();
        for joined in ["Paramus, NJ", "Yekaterinburg, Russia", "Marion, Ohio"] {
            assert!(texts.contains(&joined), "{joined}: {texts:?}");
        }
        for alone in ["NJ", "Russia", "Ohio"] {
            assert!(!texts.contains(&alone), "{alone}: {texts:?}");
        }
        // a list of divisions stays a list; a qualifier going on with a name is none
        for alone in ["Texas", "Oklahoma", "Kansas", "Paris"] {
            assert!(texts.contains(&alone), "{alone}: {texts:?}");
        }
        // the identity stays the town's
        let tulsa = analyze_text("He lived in Tulsa, Oklahoma. Tulsa is hot.");
        assert_eq!(
            entity_of(&tulsa, "Tulsa, Oklahoma").map(|e| &e.key),
            entity_of(&tulsa, "Tulsa").map(|e| &e.key)
        );
        // a town the gazetteer knows keeps its name, and the country is named
        let havana = analyze_text("The bloc was founded in Havana, Cuba, in 2004.");
        let texts: Vec<&str> = havana.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, vec!["Havana", "Cuba"]);
    }
}
