//! "An Arizona Republican said", "the House Democratic agenda", "Senate
//! Republican leaders": a state's or a chamber's party member is a description of
//! someone, not a name. The tagger often reads the capitalised words as an
//! organisation or a person ("House Democratic", "Arizona Republican"), which then
//! stand in the story's actor table as actors of their own. Such a candidate is
//! dropped: the words before the party word are a chamber (`legislatures`) or a
//! state or country (`regions.tsv`, `countries.tsv`), and the party word
//! (`party-members`: the singular and the adjective) ends it. "House Republicans"
//! (a group of the House) and "Democratic Party" stay.

use super::qualifiers::joined;
use super::{Cand, CandKind};
use crate::lexicon::Lexicon;
use crate::text::SentToks;

/// Drops the candidates that describe a state's or a chamber's party member.
pub(super) fn drop_party_descriptions(
    text: &str,
    sents: &[SentToks],
    lex: &Lexicon,
    cands: &mut Vec<Cand>,
) {
    cands.retain(|c| !describes_party_member(text, sents, lex, c));
}

fn describes_party_member(text: &str, sents: &[SentToks], lex: &Lexicon, c: &Cand) -> bool {
    if !matches!(
        c.kind,
        CandKind::Org { .. } | CandKind::Person { .. } | CandKind::Place { .. }
    ) || c.tok_end < c.tok_start + 2
    {
        return false;
    }
    let st = &sents[c.sent];
    let w = &lex.words;
    if !w.party_members.contains(&st.folded[c.tok_end - 1]) {
        return false;
    }
    let before = c.tok_start..c.tok_end - 1;
    let chamber = before
        .clone()
        .all(|k| w.legislatures.contains(&st.folded[k]));
    chamber
        || lex
            .regions
            .contains(&joined(text, st, before.start, before.end))
}
