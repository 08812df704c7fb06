//! What the stages after actor detection share about one article: its text, the
//! lexicon, the sentences with their tokens, the mentions with their index, and,
//! once the quote stage has run, the spans of quoted speech.

use parallax_core::{Mention, Sentence, Span};

use crate::index::MentionIndex;
use crate::lexicon::Lexicon;
use crate::text::SentToks;

/// One article as the quote, label, loaded-word and statement stages read it.
pub(crate) struct Context<'a> {
    /// The article's clean text, which every span points into.
    pub text: &'a str,
    /// The vocabulary the rules read.
    pub lex: &'a Lexicon,
    /// The sentences, in text order.
    pub sentences: &'a [Sentence],
    /// Each sentence's tokens and folded forms, parallel to `sentences`.
    pub sents: &'a [SentToks],
    /// The actor layer's mentions, sorted by start.
    pub mentions: &'a [Mention],
    /// `mentions` by where they start and end.
    pub idx: &'a MentionIndex,
    /// Quoted speech (direct and partial quotes, not scare quotes), sorted and
    /// disjoint: empty until the quote stage has found it.
    pub speech: &'a [Span],
}

impl Context<'_> {
    /// The sentence holding byte `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        crate::index::sentence_at(self.sentences, offset)
    }
}
