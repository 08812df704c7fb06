//! Cue verbs: which word of a sentence is a verb of speech (`cues.tsv`, with the
//! checks that tell a verb from the same word as a noun or a name).

use parallax_core::{Cue, MentionForm, Span};

use crate::context::Context;
use crate::lexicon::{CueVerb, Stance};
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
    // "by avoiding saying it would be ended", "refused to say that": words not said
    let negators = &ctx.lex.words.speech_negators;
    if (k > 0 && negators.contains(&st.folded[k - 1]))
        || (k > 1 && st.folded[k - 1] == "to" && negators.contains(&st.folded[k - 2]))
    {
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
    let single = ctx.lex.cue(&st.folded[k]);
    if single.is_some_and(|c| as_modifier(ctx, st, k, c)) {
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
    let cue = single?;
    // "state Rep. Carol Ammons", "five states": "state" as a verb is written "stated"
    // or is followed by "that"
    if cue.verb_before_that && st.folded.get(k + 1).map(String::as_str) != Some("that") {
        return None;
    }
    // "Rubio will continue to be …", "continued with", "which means the shutdown
    // will continue": not speech
    if cue.props.aspectual
        && (st
            .folded
            .get(k + 1)
            .is_some_and(|w| ctx.lex.words.aspectual_next.contains(w))
            || (k > 0 && ctx.lex.words.aspectual_before.contains(&st.folded[k - 1])))
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

/// The cue form at `k` (`cue`, its entry) used as a noun or an adjective by the words
/// around it, not as
/// a verb of speech: a form that is as often a noun (`noun` in cues.tsv) after a past
/// verb ("have challenged claims that") or after a determiner and an adjective ("a
/// handwritten note on the petition said"); a participle after an auxiliary and an
/// -ing verb ("is investigating alleged interference") or before "by" ("the interactions described
/// by the White House").
pub(super) fn as_modifier(ctx: &Context, st: &SentToks, k: usize, cue: &CueVerb) -> bool {
    let w = |i: usize| st.folded[i].as_str();
    let lower_word = |i: usize| {
        st.toks[i].kind == TokKind::Word
            && st.toks[i]
                .text(ctx.text)
                .starts_with(|c: char| c.is_lowercase())
    };
    let words = &ctx.lex.words;
    if cue.noun && k > 0 && lower_word(k - 1) && ctx.lex.cue(w(k - 1)).is_none() {
        let past = w(k - 1).len() > 4 && w(k - 1).ends_with("ed");
        // (a hyphened word is a compound modifier: "an early-morning tweet")
        let adjective = k > 1
            && words.noun_markers.contains(w(k - 2))
            && (words.modifier_suffixes.ends_word(w(k - 1)) || w(k - 1).contains('-'));
        if past || adjective {
            return true;
        }
    }
    // "prompting growing calls that", "amid mounting claims": a form in -s after
    // an -ing word that follows a verb form or a function word is a plural noun
    // (the -ing word its adjective)
    if w(k).ends_with('s')
        && k > 1
        && lower_ing(ctx, st, k - 1)
        && lower_word(k - 2)
        && ctx.lex.cue(w(k - 1)).is_none()
        && (w(k - 2).ends_with("ing") || w(k - 2).ends_with("ed") || ctx.lex.is_stopword(w(k - 2)))
    {
        return true;
    }
    let participle = w(k).ends_with("ed") || words.irregular_participles.contains(w(k));
    // "the newly announced policy": a determiner, an adverb and a participle before
    // the noun
    if participle
        && k > 1
        && words.noun_markers.contains(w(k - 2))
        && w(k - 1).len() > 4
        && w(k - 1).ends_with("ly")
        && k + 1 < st.toks.len()
        && lower_word(k + 1)
    {
        return true;
    }
    // (the -ing verb after an auxiliary: "the meeting indicated" is a noun and a verb)
    participle
        && ((k > 1
            && lower_word(k - 1)
            && w(k - 1).ends_with("ing")
            && ctx.lex.cue(w(k - 1)).is_none()
            && words.finite.contains(w(k - 2)))
            || by_agent(ctx, st, k))
}

/// Token `i` is a lower-case word in -ing of more than four letters ("growing",
/// "avoiding"): a verb form or an adjective, never a name.
pub(super) fn lower_ing(ctx: &Context, st: &SentToks, i: usize) -> bool {
    let w = st.folded[i].as_str();
    w.len() > 4
        && w.ends_with("ing")
        && st.toks[i].kind == TokKind::Word
        && st.toks[i].text(ctx.text).starts_with(char::is_lowercase)
}

/// "the interactions described by the White House": a participle after a lower-case
/// noun and before "by" and its agent (a determiner or a name), the agent being who
/// described; not "Trump said by telephone", "responded by saying", "officials said by
/// email".
fn by_agent(ctx: &Context, st: &SentToks, k: usize) -> bool {
    let word = |i: usize| st.toks.get(i).filter(|t| t.kind == TokKind::Word);
    let noun_before = k > 0
        && word(k - 1).is_some_and(|t| {
            t.text(ctx.text).starts_with(|c: char| c.is_lowercase())
                && !ctx.lex.is_stopword(&st.folded[k - 1])
                && !ctx.lex.words.subject_adverbs.contains(&st.folded[k - 1])
        });
    let agent = word(k + 2).is_some_and(|t| {
        ctx.lex.words.determiners.contains(&st.folded[k + 2])
            || crate::text::is_capitalized(t.text(ctx.text))
    });
    noun_before && st.folded.get(k + 1).is_some_and(|n| n == "by") && agent
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

    #[test]
    fn a_cue_form_used_as_a_noun_or_an_adjective_is_no_cue() {
        // BASIL read-through (session 26): the speakers were "challenged",
        // "investigating", "a handwritten" (cue "note") and "the interactions"
        let a = analyze_text(
            "But Tea Party members have challenged claims that their activists accosted \
             black lawmakers in March. \
             Mueller’s team is investigating alleged Russian interference in the 2016 \
             election. \
             “Lives w/mom,” a handwritten note on the petition said. \
             Representative Darrell Issa said the interactions described by the White \
             House “represent an illegal quid pro quo,” even if the position was unpaid.",
        );
        let cues: Vec<&str> = a
            .quotes
            .iter()
            .filter_map(|q| q.cue.as_ref().map(|c| c.text.as_str()))
            .collect();
        assert!(
            !cues
                .iter()
                .any(|c| matches!(*c, "claims" | "alleged" | "note" | "described")),
            "{cues:?}"
        );
        assert_eq!(
            speaker_words(&a, "Lives w/mom").as_deref(),
            Some("a handwritten note on the petition")
        );
        assert_eq!(
            speaker_of(&a, "quid pro quo").as_deref(),
            Some("Darrell Issa")
        );
    }

    #[test]
    fn said_by_telephone_and_responded_by_saying_stay_cues() {
        // PolNeAR (NYT, 2015-12-22; HuffPost, 2016-06-04): the guards of the rule above
        let a = analyze_text(
            "“It's nonsense,” Mr. Trump said by telephone on NBC's “Meet the Press.” \
             A Chinese official responded by saying Japan should be careful “not to \
             interfere and stir up problems” in the waterway.",
        );
        assert_eq!(speaker_of(&a, "nonsense").as_deref(), Some("Trump"));
        assert_eq!(
            speaker_words(&a, "stir up problems").as_deref(),
            Some("Chinese official")
        );
    }
}
