//! Cue verbs: which word of a sentence is a verb of speech (`cues.tsv`, with the
//! checks that tell a verb from the same word as a noun or a name).

use parallax_core::{Cue, MentionForm, Span};

use crate::context::Context;
use crate::lexicon::Stance;
use crate::text::SentToks;
use crate::text::TokKind;

/// Verbs that can come before their subject after a quote: "…,” said Maduro".
pub(super) fn invertible(ctx: &Context, cue: &Cue) -> bool {
    let stance = ctx.lex.cue(&cue.text).map(|c| c.stance);
    !cue.text.ends_with("ing")
        && matches!(
            stance,
            Some(Stance::Neutral | Stance::Doubt | Stance::Emphatic | Stance::Concede)
        )
}

pub(super) fn cue_at(ctx: &Context, st: &SentToks, k: usize) -> Option<(Cue, usize)> {
    let t = st.toks.get(k)?;
    if t.kind != TokKind::Word {
        return None;
    }
    // "United States", "Washington Post": a capital mid-sentence or a word inside a
    // name is not a speech verb.
    let capital = t
        .text(ctx.text)
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    // mentions are short: the few starting at or just before the token suffice
    let before = ctx
        .mentions
        .partition_point(|m| m.span.start <= t.span.start);
    let in_name = ctx.mentions[before.saturating_sub(16)..before]
        .iter()
        .any(|m| m.span.contains(t.span) && m.form != MentionForm::Pronoun);
    if (capital && k > 0) || in_name {
        return None;
    }
    // "his home state", "the report", "a claim": after a determiner or a possessive
    // the word is a noun, not a speech verb.
    if k > 0 && ctx.lex.words.noun_markers.contains(&st.folded[k - 1]) {
        return None;
    }
    // "Trump's tweet came", "475 pledged delegates": after a possessive (not the "’s"
    // of "he’s claiming") or before a noun after a number, the word is a noun or an
    // adjective
    let possessive = k >= 2
        && st.toks[k - 1].kind == TokKind::Possessive
        && !ctx.lex.words.contraction_hosts.contains(&st.folded[k - 2]);
    let counted = k > 0 && st.toks[k - 1].kind == TokKind::Number && st.folded[k].ends_with("ed");
    if possessive || counted {
        return None;
    }
    for (words, cue) in &ctx.lex.cue_phrases {
        if st.folded.len() >= k + words.len() && st.folded[k..k + words.len()] == words[..] {
            let span = Span::new(t.span.start, st.toks[k + words.len() - 1].span.end);
            return Some((
                Cue {
                    span,
                    text: span.text(ctx.text).to_string(),
                    lemma: cue.lemma.clone(),
                },
                k + words.len(),
            ));
        }
    }
    let cue = ctx.lex.cue(&st.folded[k])?;
    // "state Rep. Carol Ammons", "five states": "state" as a verb is written "stated"
    // or is followed by "that"
    if cue.verb_before_that && st.folded.get(k + 1).map(String::as_str) != Some("that") {
        return None;
    }
    // "Rubio will continue to be …", "continued with": not speech
    if cue.props.aspectual
        && st
            .folded
            .get(k + 1)
            .is_some_and(|w| ctx.lex.words.aspectual_next.contains(w))
    {
        return None;
    }
    Some((
        Cue {
            span: t.span,
            text: t.text(ctx.text).to_string(),
            lemma: cue.lemma.clone(),
        },
        k + 1,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::analyze_text;

    #[test]
    fn continue_to_is_not_a_speech_verb() {
        let a = analyze_text(
            "Ted Cruz said he is certain Marco Rubio will continue to be “a champion for limitless opportunity in America.”",
        );
        assert_eq!(speaker_of(&a, "a champion").as_deref(), Some("Ted Cruz"));
    }
}
