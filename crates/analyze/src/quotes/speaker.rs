//! Speaker search: the noun phrase that speaks through a cue verb, before it (the
//! subject, past adverbs, asides, parentheses and prepositional phrases) or after it
//! ("said the minister"), tied to an actor when a mention names it.

use parallax_core::{Mention, MentionForm, Span, Speaker, fold};

use super::cue::cue_at;
use super::in_any;
use crate::context::Context;
use crate::text::SentToks;
use crate::text::TokKind;

/// The subject of the sentence: an actor or pronoun among its first words, before `limit`.
pub(super) fn sentence_subject(ctx: &Context, st: &SentToks, limit: usize) -> Option<Speaker> {
    let mut first = st.toks.first()?.span.start;
    let end = st.toks.get(limit)?.span.start;
    // "In a Fox interview later that day, Trump went further": an opening
    // prepositional phrase up to its comma holds no subject
    if st
        .folded
        .first()
        .is_some_and(|w| ctx.lex.words.opening_prepositions.contains(w))
    {
        if let Some(comma) = st.toks[..limit.min(st.toks.len())]
            .iter()
            .position(|t| t.text(ctx.text) == ",")
        {
            first = st.toks.get(comma + 1).map_or(end, |t| t.span.start);
        }
    }
    let m = crate::index::mentions_in(ctx.mentions, Span::new(first, end))
        .iter()
        .filter(|m| m.span.end <= end)
        .find(|m| {
            let idx = st.index_at(m.span.start).unwrap_or(usize::MAX);
            // the first actor not inside a prepositional phrase ("Speaking in
            // Salem, Trump went after Bush" → Trump, not Salem or Bush)
            // (over an opening quotation mark: "Speaking on “Fox News Sunday,” Sen.
            // Jim DeMint said" is the show, not the speaker)
            let mut p = idx;
            while p > 0 && p != usize::MAX && is_quote_mark(st.toks[p - 1].text(ctx.text)) {
                p -= 1;
            }
            let after_prep = p > 0 && idx != usize::MAX && {
                let w = st.folded[p - 1].as_str();
                ctx.lex.words.place_prepositions.contains(w)
                    || ctx.lex.words.object_prepositions.contains(w)
                    || ctx.lex.words.opening_prepositions.contains(w)
            };
            // "sought to calm his supporters": a possessive or object pronoun is
            // never the subject
            let not_subject = m.form == MentionForm::Pronoun
                && !ctx
                    .lex
                    .words
                    .subject_pronouns
                    .contains(&fold(m.span.text(ctx.text)));
            // "The bill, which has been approved by committees of the House and
            // Senate, allows …": an actor in a relative clause set off by a comma
            // is not the subject
            let in_relative = idx != usize::MAX
                && (1..idx)
                    .rev()
                    .take_while(|&k| st.toks[k].text(ctx.text) != ",")
                    .any(|k| {
                        ctx.lex.words.relative_pronouns.contains(&st.folded[k])
                            && st.toks[k - 1].text(ctx.text) == ","
                    });
            // "Trump's personal lawyer John Dowd said", "Rice's comments came as
            // Netanyahu turned down": a possessive name before another person's
            // name, with no speech verb between, is not the subject ("Moore's
            // campaign denied" stays Moore's)
            let after = st.first_from(m.span.end);
            let possessive = st
                .toks
                .get(after)
                .is_some_and(|t| t.kind == TokKind::Possessive)
                && (after + 1..st.toks.len().min(after + 8))
                    .take_while(|&i| cue_at(ctx, st, i).is_none())
                    .any(|i| {
                        mention_starting(ctx, st, i).is_some_and(|p| {
                            p.kind == parallax_core::ActorKind::Person
                                && p.form != MentionForm::Pronoun
                        })
                    });
            // "House Speaker Nancy Pelosi, D-Calif., tweeted", "House Majority
            // Leader Steny Hoyer … urging", "Harvard economist Jeff Miron, …,
            // saying": an organisation before a title or role noun and a
            // person's name says whose title it is
            let title_word = |k: usize| {
                st.toks[k].kind == TokKind::Word
                    && (st.toks[k].text(ctx.text).starts_with(char::is_uppercase)
                        || ctx.lex.role(&st.folded[k]).is_some())
            };
            let before_title = m.kind == parallax_core::ActorKind::Org
                && (after..st.toks.len().min(after + 5))
                    .take_while(|&i| title_word(i))
                    .any(|i| ctx.lex.role(&st.folded[i]).is_some())
                && (after + 1..st.toks.len().min(after + 6)).any(|i| {
                    (after..i).all(title_word)
                        && mention_starting(ctx, st, i).is_some_and(|p| {
                            p.kind == parallax_core::ActorKind::Person
                                && p.form != MentionForm::Pronoun
                        })
                });
            // "“This is not about Congressman Sestak,” Issa said, adding": a name
            // inside the sentence's quotation is not its subject
            let quoted = idx != usize::MAX && inside_quotation(ctx, st, idx);
            idx != usize::MAX
                && !after_prep
                && !possessive
                && !before_title
                && !quoted
                && !in_relative
                && !not_subject
                && m.form != MentionForm::Demonym
                && matches!(
                    m.kind,
                    parallax_core::ActorKind::Person | parallax_core::ActorKind::Org
                )
        })?;
    // "One Facebook user who lives near Austin posted:": an organisation naming
    // whose person a description is, not the speaker; the description is
    // ("a White House spokesman", a role speaking for it, stays the White House)
    if m.kind == parallax_core::ActorKind::Org {
        if let Some(d) = described_by(ctx, st, m) {
            return Some(unresolved(ctx, d, "subject of the sentence, a description"));
        }
    }
    Some(speaker_from_mention(ctx, m, "subject of the sentence"))
}

/// "“We will fix it,” the governor said": a speaker described by the article's
/// definite article and a role ("the governor", "the former Alaska governor", "the
/// chief justice") names the one person of the article who carries that role (a
/// title, "Gov." being "governor"; an appositive; a label) and was named before the
/// speaker. When two people carry it ("the president" of an article naming Obama and
/// Trump with their title), it stays unresolved.
pub(crate) fn resolve_described(
    lex: &crate::lexicon::Lexicon,
    mentions: &[Mention],
    entities: &[parallax_core::Entity],
    quotes: &mut [parallax_core::Quote],
) {
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut().filter(|sp| sp.entity.is_none()) else {
            continue;
        };
        let words: Vec<String> = sp.text.split_whitespace().map(fold).collect();
        if !(2..=5).contains(&words.len())
            || words[0] != "the"
            || !sp
                .text
                .get(3..)
                .is_some_and(|t| t.chars().any(char::is_lowercase))
        {
            continue;
        }
        // the longest role that ends the description
        let Some(role) = (1..words.len()).find_map(|i| {
            let phrase = words[i..].join(" ");
            matches!(
                lex.role(&phrase),
                Some(crate::lexicon::RoleKind::Title | crate::lexicon::RoleKind::Role)
            )
            .then(|| lex.canonical_role(&phrase))
        }) else {
            continue;
        };
        let before = sp.span.start.min(q.span.start);
        let mut carriers = entities.iter().enumerate().filter(|(e, ent)| {
            ent.kind == parallax_core::ActorKind::Person
                && ent.roles.iter().any(|r| lex.canonical_role(r) == role)
                && mentions
                    .iter()
                    .any(|m| m.entity == *e && m.span.end <= before)
        });
        if let (Some((e, _)), None) = (carriers.next(), carriers.next()) {
            sp.entity = Some(e);
            sp.rule = "described by the one actor of that role".into();
        }
    }
}

/// "The ALBA communique called for …", "Bauer's memo reads", "the NAACP's
/// resolution": a document (`documents`) speaks for the one person or organisation
/// its phrase names; a document naming no one, or two, stays the speaker's words.
/// A place (a building, a river, a region: `loc`) never speaks: a quote whose
/// speaker came out as one has none ("after descending his Trump Tower escalator to
/// announce his candidacy"). Countries and cities may, as their governments do.
pub(crate) fn no_place_speakers(
    entities: &[parallax_core::Entity],
    quotes: &mut [parallax_core::Quote],
) {
    for q in quotes.iter_mut() {
        let place = q
            .speaker
            .as_ref()
            .and_then(|sp| sp.entity)
            .and_then(|e| entities.get(e))
            .is_some_and(|e| e.kind == parallax_core::ActorKind::Loc);
        if place {
            q.speaker = None;
        }
    }
}

pub(crate) fn resolve_documents(
    lex: &crate::lexicon::Lexicon,
    mentions: &[Mention],
    quotes: &mut [parallax_core::Quote],
) {
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut().filter(|sp| sp.entity.is_none()) else {
            continue;
        };
        let head = sp.text.split_whitespace().next_back().map(fold);
        if !head.is_some_and(|h| lex.words.documents.contains(&h)) {
            continue;
        }
        let mut named = crate::index::mentions_in(mentions, sp.span)
            .iter()
            .filter(|m| {
                sp.span.contains(m.span)
                    && matches!(
                        m.kind,
                        parallax_core::ActorKind::Person | parallax_core::ActorKind::Org
                    )
            })
            .map(|m| m.entity)
            .collect::<Vec<_>>();
        named.dedup();
        if let [e] = named[..] {
            sp.entity = Some(e);
            sp.rule = "a document of the actor it names".into();
        }
    }
}

/// Token `idx` lies inside a quotation of its sentence: more quotation marks open
/// before it than close (curly marks by their direction; a straight double mark
/// opens when none is open).
fn inside_quotation(ctx: &Context, st: &SentToks, idx: usize) -> bool {
    let mut open = false;
    for t in &st.toks[..idx] {
        match t.text(ctx.text) {
            "“" => open = true,
            "”" => open = false,
            "\"" => open = !open,
            _ => {}
        }
    }
    open
}

/// The description an organisation's name opens after a determiner ("one
/// Facebook user", "a Google engineer"): the determiner, the name and the lower-case
/// noun after it, when that noun is no role speaking for the organisation
/// ("spokesman", "official"), no speech verb and no function word.
fn described_by(ctx: &Context, st: &SentToks, m: &Mention) -> Option<Span> {
    let first = st.index_at(m.span.start)?;
    let det = first.checked_sub(1)?;
    if !ctx
        .lex
        .words
        .unnamed_person_determiners
        .contains(&st.folded[det])
    {
        return None;
    }
    let k = st.first_from(m.span.end);
    let t = st.toks.get(k)?;
    let w = st.folded[k].as_str();
    let noun = t.kind == TokKind::Word
        && t.text(ctx.text).starts_with(|c: char| c.is_lowercase())
        && ctx.lex.role(w).is_none()
        && ctx.lex.cue(w).is_none()
        && !ctx.lex.is_stopword(w);
    noun.then(|| Span::new(st.toks[det].span.start, t.span.end))
}

/// The mention starting at token `k` (the longest), if any.
pub(super) fn mention_starting<'a>(
    ctx: &Context<'a>,
    st: &SentToks,
    k: usize,
) -> Option<&'a Mention> {
    let start = st.toks.get(k)?.span.start;
    ctx.idx.starting_at(ctx.mentions, start)
}

/// A speaker not tied to an actor: the words at `span`, found by `rule`.
pub(super) fn unresolved(ctx: &Context, span: Span, rule: &str) -> Speaker {
    Speaker {
        entity: None,
        span,
        text: span.text(ctx.text).to_string(),
        rule: rule.into(),
    }
}

pub(super) fn speaker_from_mention(ctx: &Context, m: &Mention, rule: &str) -> Speaker {
    let _ = ctx;
    Speaker {
        entity: Some(m.entity),
        span: m.span,
        text: m.text.clone(),
        rule: rule.to_string(),
    }
}

/// A title or a word of one ("Gov.", "Former", "Secretary", "of", "State").
fn is_title_word(ctx: &Context, st: &SentToks, k: usize) -> bool {
    let w = st.folded[k].as_str();
    ctx.lex.role(w).is_some() || ctx.lex.words.title_words.contains(w)
}

/// A speaker noun phrase at token `k`: a mention, a pronoun, or "the …" words.
/// Returns the speaker and the token after it.
pub(super) fn speaker_np(ctx: &Context, st: &SentToks, k: usize) -> Option<(Speaker, usize)> {
    // "Gov. Kasich", "Former Secretary of State Madeleine Albright": titles before the name.
    let mut k = k;
    let start = k;
    while k < st.toks.len()
        && k < start + 6
        && mention_starting(ctx, st, k).is_none()
        && is_title_word(ctx, st, k)
    {
        k += 1;
    }
    if mention_starting(ctx, st, k).is_none() {
        k = start;
        // "Senate minority leader Harry Reid said": descriptive words before the
        // person's name, which is followed by the speech verb (past an auxiliary or
        // an aside: "the comedian Jon Stewart, a longtime friend, had joked").
        // ("the company's chief security officer Joe Sullivan said": a possessive
        // and up to seven words)
        let person = (start + 1..(start + 8).min(st.toks.len()))
            .take_while(|&i| {
                // (description words: "though Beck, a critic, said" and "but Sen.
                // Claire McCaskill, D-Mo., said" open another clause)
                let w = st.folded[i - 1].as_str();
                (st.toks[i - 1].kind == TokKind::Word
                    || (st.toks[i - 1].kind == TokKind::Possessive && i - 1 > start))
                    && ctx.lex.cue(w).is_none()
                    && (!ctx.lex.is_stopword(w)
                        || crate::text::is_capitalized(st.toks[i - 1].text(ctx.text))
                        || (i - 1 == start && ctx.lex.words.articles.contains(w)))
            })
            .find(|&i| {
                mention_starting(ctx, st, i)
                    .is_some_and(|m| m.kind == parallax_core::ActorKind::Person)
            });
        if let Some(p) = person {
            let m = mention_starting(ctx, st, p).expect("found above");
            let after = past_home(ctx, st, st.first_from(m.span.end));
            if st.folded.get(after).is_some_and(|w| {
                ctx.lex.cue(w).is_some()
                    || matches!(w.as_str(), "(" | ",")
                    || ctx.lex.words.subject_adverbs.contains(w)
            }) {
                k = p;
            }
        }
    }
    if let Some(m) = mention_starting(ctx, st, k) {
        let after = st.first_from(m.span.end);
        // "Grenada’s Foreign Minister Joseph Andall": skip possessor + title to the head name
        let rule = if m.form == MentionForm::Pronoun {
            "pronoun after the quote"
        } else {
            "named after the quote"
        };
        let mut sp = speaker_from_mention(ctx, m, rule);
        let mut j = after;
        // "Trump attorney Alan Garten said", "Fed Chair Janet L. Yellen said": a name,
        // a role noun or title, then the head name.
        // "Italian Prime Minister Matteo Renzi said": after a country or an
        // organisation naming whose official it is, capitalised title words too.
        let modifier = m.kind != parallax_core::ActorKind::Person;
        let mut k2 = j;
        while k2 < st.toks.len()
            && k2 < j + if modifier { 4 } else { 3 }
            && st.toks[k2].kind == TokKind::Word
            && (st.toks[k2]
                .text(ctx.text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
                || ctx.lex.role(&st.folded[k2]).is_some()
                || (modifier && is_title_word(ctx, st, k2))
                || (modifier
                    && k2 + 1 < st.toks.len()
                    && ctx
                        .lex
                        .role(&format!("{} {}", st.folded[k2], st.folded[k2 + 1]))
                        .is_some()))
            && ctx.lex.cue(&st.folded[k2]).is_none()
            && !ctx.lex.is_stopword(&st.folded[k2])
        {
            k2 += 1;
        }
        // "House Freedom Caucus Chairman Mark Meadows": the rest of a body's name the
        // gazetteer did not cover, when a title follows it
        if k2 == j && modifier {
            let mut k3 = j;
            while k3 < st.toks.len()
                && k3 < j + 3
                && st.toks[k3].kind == TokKind::Word
                && crate::text::is_capitalized(st.toks[k3].text(ctx.text))
                && mention_starting(ctx, st, k3).is_none()
                && !is_title_word(ctx, st, k3)
            {
                k3 += 1;
            }
            if k3 > j && k3 < st.toks.len() && is_title_word(ctx, st, k3) {
                k2 = k3;
                while k2 < st.toks.len() && k2 < k3 + 3 && is_title_word(ctx, st, k2) {
                    k2 += 1;
                }
            }
        }
        if k2 > j {
            if let Some(m2) = mention_starting(ctx, st, k2)
                .filter(|m2| m2.kind == parallax_core::ActorKind::Person)
            {
                sp = speaker_from_mention(ctx, m2, rule);
                j = st.first_from(m2.span.end);
                return Some((sp, j));
            }
            // "the New York businessman said": a description naming a place or a
            // body, not that place or body, speaks (unresolved)
            let lower_only = (j..k2).all(|i| {
                st.toks[i]
                    .text(ctx.text)
                    .starts_with(|c: char| c.is_lowercase())
            });
            if modifier && lower_only && st.folded.get(k2).is_some_and(|w| ctx.lex.cue(w).is_some())
            {
                let span = Span::new(st.toks[start].span.start, st.toks[k2 - 1].span.end);
                return Some((unresolved(ctx, span, "unresolved description"), k2));
            }
        }
        if st.folded.get(j).is_some_and(|w| w == "'s") {
            // possessor: the head is later
            j += 1;
            while j < st.toks.len()
                && st.toks[j].kind == TokKind::Word
                && ctx.lex.cue(&st.folded[j]).is_none()
            {
                if let Some(m2) = mention_starting(ctx, st, j) {
                    sp = speaker_from_mention(ctx, m2, rule);
                    j = st.first_from(m2.span.end);
                    break;
                }
                j += 1;
            }
        }
        return Some((sp, j));
    }
    // "the United Nations": a determiner before a name
    let w = st.folded.get(k)?.as_str();
    if w == "the" {
        if let Some(m) = mention_starting(ctx, st, k + 1) {
            let after = st.first_from(m.span.end);
            // "the New York businessman said" is a description that names a place,
            // not the place: the name must end the phrase
            let ends = st.folded.get(after).is_none_or(|w| {
                ctx.lex.cue(w).is_some()
                    || ctx.lex.words.subject_adverbs.contains(w)
                    || matches!(w.as_str(), "," | "(" | "'s" | "." | "and")
            });
            if m.form != MentionForm::Pronoun && ends {
                return Some((speaker_from_mention(ctx, m, "named after the quote"), after));
            }
        }
    }
    // "Mr. Prince said": an honorific and a capitalised word the actor layer took
    // for a title is still a named speaker, unresolved.
    if ctx.lex.words.speaker_honorifics.contains_undotted(w)
        && st.toks.get(k + 1).is_some_and(|t| {
            t.kind == TokKind::Word
                && t.text(ctx.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
        && st
            .folded
            .get(k + 2)
            .is_some_and(|n| ctx.lex.cue(n).is_some())
    {
        let span = Span::new(st.toks[k].span.start, st.toks[k + 1].span.end);
        return Some((unresolved(ctx, span, "unresolved name"), k + 2));
    }
    // A capitalised name the actor layer could not resolve ("Trump" among several
    // Trumps) is still the speaker, unresolved.
    let t = st.toks[k];
    let word = t.text(ctx.text);
    if t.kind == TokKind::Word
        && word.chars().next().is_some_and(char::is_uppercase)
        && !ctx.lex.is_stopword(word)
        && st
            .folded
            .get(k + 1)
            .is_some_and(|n| ctx.lex.cue(n).is_some())
    {
        return Some((
            Speaker {
                entity: None,
                span: t.span,
                text: word.to_string(),
                rule: "unresolved name".into(),
            },
            k + 1,
        ));
    }
    // unresolved pronoun or description: "they said", "the ministry said"
    if ctx.lex.words.speaker_pronouns.contains(w) {
        let t = st.toks[k];
        return Some((
            Speaker {
                entity: None,
                span: t.span,
                text: t.text(ctx.text).to_string(),
                rule: Speaker::UNRESOLVED_PRONOUN.into(),
            },
            k + 1,
        ));
    }
    if ctx.lex.words.description_openers.contains(w) {
        // "one P&G Amiens employee told": words, and the joiners inside names
        // ("a handwritten note on the petition said": a cue form used as a noun)
        let is_cue = |j: usize| {
            ctx.lex
                .cue(&st.folded[j])
                .is_some_and(|c| !super::cue::as_modifier(ctx, st, j, c))
        };
        let mut j = k + 1;
        while j < st.toks.len()
            && j <= k + 6
            && (st.toks[j].kind == TokKind::Word
                || st.toks[j].kind == TokKind::Possessive
                || matches!(st.toks[j].text(ctx.text), "&" | "-"))
            && !is_cue(j)
        {
            j += 1;
        }
        if j > k + 1 && j < st.toks.len() && is_cue(j) {
            let span = Span::new(st.toks[k].span.start, st.toks[j - 1].span.end);
            return Some((unresolved(ctx, span, "unresolved description"), j));
        }
        // "the lawyer, Mark D. Sheridan, said": the person named in the appositive
        if j > k + 1 && st.toks.get(j).is_some_and(|t| t.text(ctx.text) == ",") {
            if let Some(m) = mention_starting(ctx, st, j + 1)
                .filter(|m| m.kind == parallax_core::ActorKind::Person)
            {
                let close = st.first_from(m.span.end);
                if st.toks.get(close).is_some_and(|t| t.text(ctx.text) == ",")
                    && close + 1 < st.toks.len()
                    && is_cue(close + 1)
                {
                    return Some((
                        speaker_from_mention(ctx, m, "named after the quote"),
                        close + 1,
                    ));
                }
            }
        }
    }
    None
}

pub(super) fn speaker_at(ctx: &Context, st: &SentToks, k: usize) -> Option<Speaker> {
    if let Some((mut s, _)) = speaker_np(ctx, st, k) {
        if s.entity.is_some() {
            s.rule = "named after the speech verb".into();
        }
        return Some(s);
    }
    // After the verb the phrase is the speaker whatever it is ("said Murphy",
    // "said one former executive who …"): up to a comma or a relative pronoun.
    let mut e = k;
    while e < st.toks.len()
        && e < k + 8
        && st.toks[e].kind != TokKind::Punct
        && !ctx.lex.words.speaker_phrase_stops.contains(&st.folded[e])
    {
        e += 1;
    }
    if e == k {
        return None;
    }
    // "said a White House spokesman, Eric Schultz.": the description's person, named
    // after a comma and ending the clause, speaks
    if st.toks.get(e).is_some_and(|t| t.text(ctx.text) == ",") {
        if let Some(m) = mention_starting(ctx, st, e + 1).filter(|m| {
            m.kind == parallax_core::ActorKind::Person && m.form != MentionForm::Pronoun
        }) {
            let after = st.first_from(m.span.end);
            if st
                .toks
                .get(after)
                .is_none_or(|t| matches!(t.text(ctx.text), "." | "," | ";"))
            {
                return Some(speaker_from_mention(
                    ctx,
                    m,
                    "named after a description after the speech verb",
                ));
            }
        }
    }
    // "said the president's personal attorney Rudy Giuliani in a joint statement",
    // "tweeted former Housing and Urban Development Secretary Julián Castro.": a
    // description ending in a person's name, the clause ending there, is that
    // person's
    let end = st.toks[e - 1].span.end;
    if let Some(m) = ctx
        .idx
        .all_ending_at(ctx.mentions, end)
        .find(|m| m.kind == parallax_core::ActorKind::Person && m.form == MentionForm::Name)
    {
        let next = st.folded.get(e).map(String::as_str);
        if next.is_none_or(|w| {
            matches!(w, "." | ";" | ",") || ctx.lex.words.place_prepositions.contains(w)
        }) {
            return Some(speaker_from_mention(
                ctx,
                m,
                "named at the end of a description after the speech verb",
            ));
        }
    }
    let span = Span::new(st.toks[k].span.start, st.toks[e - 1].span.end);
    Some(unresolved(
        ctx,
        span,
        "unresolved phrase after the speech verb",
    ))
}

/// A word that can belong to a subject noun phrase, walking left from the verb: not
/// a speech verb, unless its form is a noun inside a subject (`in-subject` in
/// cues.tsv: "ALBA member states expressed …", "The reports said …").
fn is_np_word(ctx: &Context, st: &SentToks, j: usize) -> bool {
    let t = st.toks[j];
    match t.kind {
        TokKind::Possessive => true,
        TokKind::Word => {
            let w = st.folded[j].as_str();
            ctx.lex.cue(w).is_none_or(|c| c.in_subject)
                && (!ctx.lex.is_stopword(w) || ctx.lex.words.subject_words.contains(w))
        }
        TokKind::Number => true,
        TokKind::Punct => matches!(t.text(ctx.text), "-" | "–"),
    }
}

/// The subject of the speech verb at `k`: the noun phrase right before it
/// (skipping adverbs and one comma), preferring the last actor in it.
pub(super) fn subject_before(
    ctx: &Context,
    st: &SentToks,
    k: usize,
    quoted: &[Span],
) -> Option<Speaker> {
    // "Romney released a statement late Tuesday saying: “…”", "sent a letter to
    // Congress saying …": a document speaks for whoever issued it, the sentence's
    // subject
    if st.folded[k].ends_with("ing") && k > 0 && st.toks[k - 1].text(ctx.text) != "," {
        let near =
            (k.saturating_sub(5)..k).any(|i| ctx.lex.words.documents.contains(&st.folded[i]));
        // "Trump appeared to shift stance by avoiding saying it": an -ing verb right
        // before an -ing cue is the sentence's subject's doing, no speaker
        if near || super::cue::lower_ing(ctx, st, k - 1) {
            if let Some(sp) = sentence_subject(ctx, st, k) {
                return Some(sp);
            }
        }
    }
    let mut j = k;
    loop {
        while j > 0
            && (ctx.lex.words.subject_adverbs.contains(&st.folded[j - 1])
                || ly_adverb(ctx, st, j - 1))
        {
            j -= 1;
        }
        // "Trump on Friday said", "Clinton last week said": a time between the
        // subject and its verb
        let w = |i: usize| st.folded[i].as_str();
        let day = |i: usize| crate::statements::WEEKDAYS.contains(&w(i));
        let words = &ctx.lex.words;
        let on_day = j >= 2 && w(j - 2) == "on" && day(j - 1);
        let last_week =
            j >= 2 && words.time_modifiers.contains(w(j - 2)) && words.periods.contains(w(j - 1));
        if on_day || last_week {
            j -= 2;
        } else if j >= 1 && day(j - 1) {
            j -= 1;
        } else {
            break;
        }
    }
    // "Cohen -- Trump's former longtime attorney -- acknowledged": a name, an aside
    // between dashes, the verb
    if j > 0 && crate::text::is_dash(st.toks[j - 1].text(ctx.text)) {
        if let Some(sp) = named_before_aside(ctx, st, j - 1) {
            return Some(sp);
        }
    }
    // "Bishop Daniel Jenky, of Peoria, Ill., said": a town and its state set off by
    // commas say where the person before them is from
    if j > 0 && st.toks[j - 1].text(ctx.text) == "," {
        let e = before_state(ctx, st, j - 1);
        let town = (e < j - 1)
            .then(|| ctx.idx.ending_at(ctx.mentions, st.toks[e - 1].span.end))
            .flatten()
            .and_then(|p| st.index_at(p.span.start));
        if let Some(sp) = town.and_then(|q| resident_speaker(ctx, st, q)) {
            return Some(sp);
        }
    }
    if j > 0 && st.toks[j - 1].text(ctx.text) == "," {
        // "Bernie Sanders, celebrating a victory in his home state of Vermont, is
        // pledging": a person or organisation, an aside between commas, the verb.
        if let Some(sp) = named_before_aside(ctx, st, j - 1) {
            return Some(sp);
        }
        // "He later suggested her tone was aggressive, called her “third-rate” and …":
        // a past verb after a comma, in a series, shares the sentence's subject
        // (the subject before the sentence's first comma: not "The delegate, who backs
        // Ted Cruz, warned")
        if j == k && st.folded[k].ends_with("ed") {
            let first_comma = st
                .toks
                .iter()
                .find(|t| t.text(ctx.text) == ",")
                .map_or(usize::MAX, |t| t.span.start);
            if let Some(sp) = sentence_subject(ctx, st, k).filter(|sp| sp.span.end <= first_comma) {
                return Some(sp);
            }
        }
        // "Government officials, who asked not to be identified, said", "The governor,
        // a Republican, told": past a relative clause, an appositive or a participle
        // phrase to the clause's subject, named or not
        if let Some(sp) = subject_before_aside(ctx, st, j - 1, quoted) {
            return Some(sp);
        }
        j -= 1;
        // "Huckabee, for his part, is labeling": skip an aside back to its comma.
        if let Some(open) = (j.saturating_sub(7)..j)
            .rev()
            .find(|&i| st.toks[i].text(ctx.text) == ",")
        {
            if ctx.lex.words.aside_openers.contains(&st.folded[open + 1]) {
                j = open;
            }
        }
    }
    // "Beck, who has in the past described Trump as …": the relative pronoun
    // speaks for the name before it.
    if let Some(w) = (j.saturating_sub(6)..j)
        .rev()
        .find(|&i| st.folded[i] == "who" && i >= 2 && st.toks[i - 1].text(ctx.text) == ",")
    {
        if (w + 1..j).all(|i| cue_at(ctx, st, i).is_none()) {
            // "Sen. John Cornyn, R-TX, who heads …": the name before the party tag
            let before = st.toks[before_party_tag(ctx, st, w - 2)].span.end;
            if let Some(m) = ctx.idx.ending_at(ctx.mentions, before) {
                if matches!(
                    m.kind,
                    parallax_core::ActorKind::Person | parallax_core::ActorKind::Org
                ) {
                    let t = st.toks[w];
                    return Some(Speaker {
                        entity: Some(m.entity),
                        span: t.span,
                        text: t.text(ctx.text).to_string(),
                        rule: "relative pronoun after a name".into(),
                    });
                }
            }
        }
    }
    // "Gov. John Kasich (R-OH), said": skip a parenthesis.
    if j > 0 && st.toks[j - 1].text(ctx.text) == ")" {
        if let Some(open) = (j.saturating_sub(8)..j - 1)
            .rev()
            .find(|&i| st.toks[i].text(ctx.text) == "(")
        {
            j = open;
        }
    }
    let end = j;
    if end == 0 {
        return None;
    }
    // A name ending right before the verb is the subject ("… of Palestine said").
    let last = st.toks[end - 1];
    if let Some(m) = ctx
        .idx
        .all_ending_at(ctx.mentions, last.span.end)
        .filter(|m| m.span.start <= last.span.start)
        .max_by_key(|m| m.span.len())
    {
        // "gathered in Caracas, Venezuela, condemned": a place after a preposition
        // or after another place is where, not who.
        let m_start = st.index_at(m.span.start).unwrap_or(0);
        if matches!(
            m.kind,
            parallax_core::ActorKind::Gpe | parallax_core::ActorKind::Loc
        ) {
            let before = m_start.checked_sub(1).map(|i| st.folded[i].as_str());
            let place_before = before == Some(",")
                && m_start >= 2
                && ctx
                    .idx
                    .all_ending_at(ctx.mentions, st.toks[m_start - 2].span.end)
                    .any(|p| {
                        matches!(
                            p.kind,
                            parallax_core::ActorKind::Gpe | parallax_core::ActorKind::Loc
                        )
                    });
            if place_before {
                // "Bishop Daniel Jenky, of Peoria, Ill., said": the town's resident
                let town = ctx
                    .idx
                    .all_ending_at(ctx.mentions, st.toks[m_start - 2].span.end)
                    .filter_map(|p| st.index_at(p.span.start))
                    .min();
                return town.and_then(|q| resident_speaker(ctx, st, q));
            }
            // "Sen. Chris Coons of Delaware slammed": the place is whose senator
            if before.is_some_and(|w| {
                ctx.lex.words.place_prepositions.contains(w)
                    || ctx.lex.words.object_prepositions.contains(w)
            }) {
                return subject_with_phrases(ctx, st, end, quoted);
            }
        }
        // "Roger Pilon of the Cato Institute said", "Historian Alan Brinkley of
        // Columbia University told": an organisation after a preposition is whose
        // member speaks, when a person named heads the phrase ("a spokesman for
        // the Justice Department said" keeps the department, and so does "His
        // mugshot from the Florida Department of Law Enforcement indicates")
        if m.kind == parallax_core::ActorKind::Org {
            let k = if m_start >= 1 && ctx.lex.words.articles.contains(&st.folded[m_start - 1]) {
                m_start - 1
            } else {
                m_start
            };
            if k >= 1
                && ctx
                    .lex
                    .words
                    .subject_prepositions
                    .contains(&st.folded[k - 1])
            {
                let phrase = subject_with_phrases(ctx, st, end, quoted);
                let person = phrase.as_ref().is_some_and(|sp| {
                    sp.entity.is_some()
                        && ctx
                            .idx
                            .starting_at(ctx.mentions, sp.span.start)
                            .is_some_and(|x| {
                                x.kind == parallax_core::ActorKind::Person
                                    && matches!(x.form, MentionForm::Name | MentionForm::Partial)
                            })
                });
                if person {
                    return phrase;
                }
                // "Critics of Chick-fil-A argue", "Employees of the firm said": the
                // critics speak, not the chain; only a role ("a spokesman for",
                // "officials of") or a thing it sends ("a statement from") speaks
                // for an organisation
                let head = (k >= 2).then(|| (&st.folded[k - 2], st.toks[k - 2]));
                let outsider = head.is_some_and(|(w, t)| {
                    t.kind == TokKind::Word
                        && (k == 2 || t.text(ctx.text).starts_with(char::is_lowercase))
                        && (ctx.lex.words.outsider_nouns.contains(w)
                            || (st.folded[k - 1] == "of"
                                && ctx.lex.role(w).is_none()
                                && ctx.lex.role(w.strip_suffix('s').unwrap_or(w)).is_none()))
                });
                if outsider && phrase.is_some() {
                    return phrase;
                }
            }
        }
        let rule = match m.form {
            MentionForm::Pronoun => "pronoun subject of the speech verb",
            MentionForm::Description => "described subject of the speech verb",
            _ => "subject of the speech verb",
        };
        return Some(speaker_from_mention(ctx, m, rule));
    }
    // "the same day the Republican governor's campaign announced": an article opens
    // the phrase, so the words before it belong to another one
    while j > 0 && is_np_word(ctx, st, j - 1) && !in_any(quoted, st.toks[j - 1].span) {
        j -= 1;
        if ctx.lex.words.articles.contains(&st.folded[j]) {
            break;
        }
    }
    let vocab = &ctx.lex.words;
    // "A representative for his office told": a possessive opens the phrase after a
    // preposition, so the head comes before it (below)
    if j > 1
        && j < end
        && vocab.possessive_determiners.contains(&st.folded[j - 1])
        && vocab.subject_prepositions.contains(&st.folded[j - 2])
    {
        j -= 1;
    }
    // "members of both parties have vowed": a quantifier opens the phrase
    if j > 0 && j < end && vocab.subject_quantifiers.contains(&st.folded[j - 1]) {
        j -= 1;
    }
    // "most of them said", "some delegates at the convention said": the head comes
    // before a prepositional phrase
    let after_of = j > 0 && vocab.subject_prepositions.contains(&st.folded[j - 1]);
    if j == end || after_of {
        if let Some(sp) = subject_with_phrases(ctx, st, end, quoted) {
            return Some(sp);
        }
    }
    // the capitalised words after a preposition end a name, not who speaks ("the
    // chairman of the Joint Chiefs of Staff confirmed" is not "Staff"); lower-case
    // ones may still ("a majority of likely voters said")
    let name_end = after_of
        && st.toks[j].kind == TokKind::Word
        && (j..end).all(|i| {
            st.toks[i].kind != TokKind::Word
                || crate::text::is_capitalized(st.toks[i].text(ctx.text))
        });
    if j == end || name_end {
        return None;
    }
    let np = Span::new(st.toks[j].span.start, st.toks[end - 1].span.end);
    let in_np: Vec<&Mention> = crate::index::mentions_in(ctx.mentions, np)
        .iter()
        .filter(|m| np.contains(m.span))
        .collect();
    // Head of the phrase: the last person, else the last actor.
    let head = in_np
        .iter()
        .rev()
        .find(|m| m.kind == parallax_core::ActorKind::Person)
        .or_else(|| in_np.last())
        .copied();
    // "the Fox News host complained": a place or an organisation that modifies a
    // lower-case noun is not who speaks; the whole phrase is
    let modifier = head.is_some_and(|m| {
        m.kind != parallax_core::ActorKind::Person
            && m.span.end < np.end
            && st.toks[end - 1].kind == TokKind::Word
            && st.toks[end - 1]
                .text(ctx.text)
                .starts_with(|c: char| c.is_lowercase())
    });
    if let Some(m) = head.filter(|_| !modifier) {
        let rule = match m.form {
            MentionForm::Pronoun => "pronoun subject of the speech verb",
            MentionForm::Description => "described subject of the speech verb",
            _ => "subject of the speech verb",
        };
        return Some(speaker_from_mention(ctx, m, rule));
    }
    // "caught on camera saying", "has at times said", "which means the shutdown will":
    // words after a relative pronoun, lower-case words after a preposition that opens
    // no subject, or one bare word after a place preposition are no subject; nor is a
    // modifier of a speech noun ("his on-camera claim"). ("74 percent of likely voters
    // said", "after the billionaire mogul claimed" stay.)
    let before = (j > 0).then(|| st.folded[j - 1].as_str());
    let lower = (j..end).all(|i| {
        st.toks[i]
            .text(ctx.text)
            .starts_with(|c: char| !c.is_uppercase())
    });
    let after_prep = before.is_some_and(|b| {
        vocab.relative_pronouns.contains(b)
            || (lower && vocab.non_subject_prepositions.contains(b))
            || (lower && end - j == 1 && vocab.place_prepositions.contains(b))
    });
    let modifier_of_noun = before.is_some_and(|b| vocab.possessive_determiners.contains(b))
        && end - j == 1
        && (st.folded[j].contains('-') || vocab.adjective_suffixes.ends_word(&st.folded[j]));
    let words = np.text(ctx.text);
    // a party-state tag ("R-TX") is no one
    let party_tag = (j..end).any(|i| ctx.lex.is_party_tag(st.toks[i].text(ctx.text)));
    // nor is the end of a web address ("BigGovernment.com first reported")
    let glued =
        j > 0 && st.toks[j - 1].span.end == np.start && st.toks[j - 1].text(ctx.text) == ".";
    // nor a determiner alone ("he'll be the first to admit": "the" before the
    // ordinal the walk stopped at)
    let determiner_only = (j..end).all(|i| vocab.determiners.contains(&st.folded[i]));
    if after_prep || modifier_of_noun || party_tag || glued || determiner_only {
        return None;
    }
    if words.split_whitespace().count() <= 6 {
        // a lone pronoun that resolved to nobody ("he said that …", "it said")
        // names no one
        let rule = if end - j == 1 && vocab.subject_pronouns.contains(st.folded[j].as_str()) {
            Speaker::UNRESOLVED_PRONOUN
        } else {
            "unresolved subject of the speech verb"
        };
        return Some(Speaker {
            entity: None,
            span: np,
            text: words.to_string(),
            rule: rule.into(),
        });
    }
    None
}

/// The token before an aside that is a party-state tag ending at token `i` (", R-TX",
/// ", D-Calif." or "(R-N.C."), so the name it follows is found; `i` itself otherwise.
fn before_party_tag(ctx: &Context, st: &SentToks, i: usize) -> usize {
    match ctx.lex.party_tag_ending_at(ctx.text, st, i) {
        Some(t) if t >= 2 && matches!(st.toks[t - 1].text(ctx.text), "," | "(") => t - 2,
        _ => i,
    }
}

/// An opening or closing quotation mark, straight or curly.
fn is_quote_mark(t: &str) -> bool {
    matches!(t, "\"" | "“" | "”" | "'" | "‘" | "’")
}

/// A lower-case adverb in -ly before the verb ("it proudly declared", "I would like to
/// respectfully announce"), not a noun that ends so ("the family said").
fn ly_adverb(ctx: &Context, st: &SentToks, i: usize) -> bool {
    let w = st.folded[i].as_str();
    w.len() > 5
        && w.ends_with("ly")
        && !ctx.lex.words.not_ly_adverbs.contains(w)
        && st.toks[i].kind == TokKind::Word
        && st.toks[i]
            .text(ctx.text)
            .starts_with(|c: char| c.is_lowercase())
}

/// A subject whose head comes before one or more prepositional phrases ("Darran
/// Whiting of Liberty Baptist Church in Marion, said", "some delegates at the
/// convention in Philadelphia said", "46 percent of voters said", "most of them
/// said"), ending before token `end`. The head's person or organisation speaks; when
/// the head names none, the whole phrase is an unresolved speaker.
fn subject_with_phrases(
    ctx: &Context,
    st: &SentToks,
    end: usize,
    quoted: &[Span],
) -> Option<Speaker> {
    let words = &ctx.lex.words;
    let word = |i: usize| {
        !in_any(quoted, st.toks[i].span)
            && (is_np_word(ctx, st, i)
                || words.head_quantifiers.contains(&st.folded[i])
                || words.possessive_determiners.contains(&st.folded[i]))
    };
    let mut j = end;
    let mut first_prep = None;
    for _ in 0..3 {
        while j > 0 && word(j - 1) && end - j <= 14 {
            j -= 1;
        }
        if j >= 2
            && ctx
                .lex
                .words
                .subject_prepositions
                .contains(&st.folded[j - 1])
            && word(j - 2)
        {
            j -= 1;
            first_prep = Some(j);
        } else {
            break;
        }
    }
    let first_prep = first_prep?;
    // ("the concept of denying …": a preposition right before the verb has no object,
    // so the verb is a gerund, not the phrase's)
    if j == first_prep || end - j > 14 || words.subject_prepositions.contains(&st.folded[end - 1]) {
        return None;
    }
    // ("A spokesman for the senator said": the article opens the head's phrase)
    if j > 0 && words.articles.contains(&st.folded[j - 1]) {
        j -= 1;
    }
    // the subject opens its clause
    let opens = j == 0
        || matches!(st.toks[j - 1].text(ctx.text), "," | ":" | ";")
        || ctx.lex.words.subject_openers.contains(&st.folded[j - 1]);
    if !opens {
        return None;
    }
    let head = Span::new(st.toks[j].span.start, st.toks[first_prep - 1].span.end);
    let in_head: Vec<&Mention> = crate::index::mentions_in(ctx.mentions, head)
        .iter()
        .filter(|m| head.contains(m.span) && m.form != MentionForm::Demonym)
        .collect();
    let named = in_head
        .iter()
        .rev()
        .find(|m| m.kind == parallax_core::ActorKind::Person)
        .or_else(|| {
            in_head
                .iter()
                .rev()
                .find(|m| m.kind == parallax_core::ActorKind::Org)
        });
    if let Some(m) = named {
        return Some(speaker_from_mention(
            ctx,
            m,
            "subject before a prepositional phrase",
        ));
    }
    let np = Span::new(st.toks[j].span.start, st.toks[end - 1].span.end);
    Some(unresolved(ctx, np, "unresolved subject of the speech verb"))
}

/// The subject before an aside that closes with the comma at `close` and opens with a
/// relative pronoun, a determiner, a participle or an aside opener ("Government
/// officials, who asked not to be identified discussing legal decisions, said"; "The
/// governor, a Republican, told"; "Gov. Mike Pence, facing a firestorm over a law
/// enacted last week, said"): the phrase before the aside's opening comma, when it
/// opens its clause. Whatever the aside holds (a speech verb of its own, a name, a
/// time) is not who speaks. The phrase's head speaks: its last person, else the name
/// that ends it, else the phrase itself, unresolved.
fn subject_before_aside(
    ctx: &Context,
    st: &SentToks,
    close: usize,
    quoted: &[Span],
) -> Option<Speaker> {
    let text = |i: usize| st.toks[i].text(ctx.text);
    let words = &ctx.lex.words;
    let open = aside_opening(ctx, st, close, true)?;
    if text(open) != "," || open == 0 || open + 1 >= close {
        return None;
    }
    let first = st.folded[open + 1].as_str();
    let t = st.toks[open + 1];
    let participle = t.kind == TokKind::Word
        && t.text(ctx.text).starts_with(|c: char| c.is_lowercase())
        && first.len() > 4
        && (first.ends_with("ing") || first.ends_with("ed"));
    if !(participle || words.aside_starts.contains(first) || words.aside_openers.contains(first)) {
        return None;
    }
    // "Sen. Mitch McConnell, R-Ky., who backed …, said": the name before its tag
    // ("… of Ashton, Md., who watched": the state after a town is part of where)
    let end = before_state(ctx, st, before_party_tag(ctx, st, open - 1) + 1);
    if in_any(quoted, st.toks[end - 1].span) {
        return None;
    }
    // "A spokesman for the senator, who …, said": a head before its phrases
    if end >= 2 && !is_np_word(ctx, st, end - 1) {
        return None;
    }
    let mut j = end;
    while j > 0
        && end - j < 8
        && !in_any(quoted, st.toks[j - 1].span)
        && (is_np_word(ctx, st, j - 1) || words.articles.contains(&st.folded[j - 1]))
    {
        j -= 1;
        if words.articles.contains(&st.folded[j]) {
            break;
        }
    }
    if j == end {
        return None;
    }
    // "Donna Rawlings, 59, of Ashton, Md., who watched …, said": "of" a place set
    // off by commas says where the person before it is from
    if let Some(sp) = resident_speaker(ctx, st, j) {
        return Some(sp);
    }
    if j > 0 && words.subject_prepositions.contains(&st.folded[j - 1]) {
        return subject_with_phrases(ctx, st, end, quoted);
    }
    let opens = j == 0
        || text(j - 1) == ","
        || is_quote_mark(text(j - 1))
        || words.subject_openers.contains(&st.folded[j - 1]);
    if !opens {
        return None;
    }
    let np = Span::new(st.toks[j].span.start, st.toks[end - 1].span.end);
    let in_np: Vec<&Mention> = crate::index::mentions_in(ctx.mentions, np)
        .iter()
        .filter(|m| np.contains(m.span) && m.form != MentionForm::Demonym)
        .collect();
    let rule = "subject before an aside";
    // a name that ends the phrase is its head ("Trump's lawyer John Dowd", "Russia,
    // which denies it, said"); one that modifies a noun is not ("top Clinton
    // advisers, including …, said")
    if let Some(m) = in_np.iter().rev().find(|m| m.span.end == np.end) {
        return (m.kind != parallax_core::ActorKind::Loc)
            .then(|| speaker_from_mention(ctx, m, rule));
    }
    // "Representative Jim Jordan, Republican of Ohio, a founder of the caucus, asked
    // …, said": an appositive after a name is the name's
    if j > 0 && text(j - 1) == "," && words.articles.contains(&st.folded[j]) {
        if let Some(sp) = named_before_aside(ctx, st, j - 1) {
            return Some(sp);
        }
    }
    Some(unresolved(ctx, np, rule))
}

/// The person or organisation before an aside that closes with the comma at `close`:
/// "NAME, aside without a speech verb or another comma, VERB".
fn named_before_aside(ctx: &Context, st: &SentToks, close: usize) -> Option<Speaker> {
    // "Marley Anderson, 21, a junior from Las Vegas, said": up to three asides
    let mut close = close;
    for _ in 0..3 {
        match named_before_one_aside(ctx, st, close) {
            Ok(sp) => return Some(sp),
            Err(Some(open)) => close = open,
            Err(None) => return None,
        }
    }
    None
}

/// The name before the aside that ends at `close`; when no name ends at the aside's
/// opening comma, that comma, to look for an earlier aside.
fn named_before_one_aside(
    ctx: &Context,
    st: &SentToks,
    close: usize,
) -> Result<Speaker, Option<usize>> {
    named_before_aside_at(ctx, st, close).ok_or_else(|| {
        let open = aside_opening(ctx, st, close, false)?;
        let comma = st.toks[open].text(ctx.text) == ",";
        let named_here = ctx
            .idx
            .all_ending_at(ctx.mentions, st.toks[open.checked_sub(1)?].span.end)
            .next()
            .is_some()
            && before_party_tag(ctx, st, open - 1) == open - 1;
        (comma
            && open > 0
            && !named_here
            && (open + 1..close).all(|i| cue_at(ctx, st, i).is_none()))
        .then_some(open)
    })
}

/// The token after "of" and a place that says where a person named before token
/// `j` is from ("Sen. Angus King of Maine, who caucuses …, told"); `j` when none
/// follows.
pub(super) fn past_home(ctx: &Context, st: &SentToks, j: usize) -> usize {
    if st.folded.get(j).is_none_or(|w| w != "of") {
        return j;
    }
    match mention_starting(ctx, st, j + 1) {
        Some(p)
            if matches!(
                p.kind,
                parallax_core::ActorKind::Gpe | parallax_core::ActorKind::Loc
            ) =>
        {
            st.first_from(p.span.end)
        }
        _ => j,
    }
}

/// Token `end` (exclusive) with a state after a town left off: "… of Ashton, Md.,"
/// ends at "Ashton" (and "… of Austin, Texas," too); `end` itself when no state
/// closes the phrase.
fn before_state(ctx: &Context, st: &SentToks, end: usize) -> usize {
    let text = |i: usize| st.toks[i].text(ctx.text);
    let region = |i: usize, dotted: bool| {
        let w = text(i);
        ctx.lex.is_region(w, dotted)
    };
    if end >= 4 && text(end - 1) == "." && region(end - 2, true) && text(end - 3) == "," {
        end - 3
    } else if end >= 3 && region(end - 1, false) && text(end - 2) == "," {
        end - 2
    } else {
        end
    }
}

/// The person a town at token `q` is given for, set off by commas, as the speaker: "Donna
/// Rawlings, 59, of Ashton, Md.", "Bishop Daniel Jenky, of Peoria, Ill." (an age
/// between them too).
fn resident_speaker(ctx: &Context, st: &SentToks, q: usize) -> Option<Speaker> {
    let text = |i: usize| st.toks[i].text(ctx.text);
    if q < 3 || st.folded[q - 1] != "of" || text(q - 2) != "," {
        return None;
    }
    let mut k = q - 2;
    if k >= 3 && st.toks[k - 1].kind == TokKind::Number && text(k - 2) == "," {
        k -= 2;
    }
    ctx.idx
        .ending_at(ctx.mentions, st.toks[k - 1].span.end)
        .filter(|m| m.kind == parallax_core::ActorKind::Person)
        .map(|m| speaker_from_mention(ctx, m, "subject before an aside"))
}

/// The punctuation opening the aside that closes at token `close`: the nearest
/// comma, semicolon, colon, bracket or dash in the 30 tokens before it (with
/// `quotes`, a quotation mark too).
fn aside_opening(ctx: &Context, st: &SentToks, close: usize, quotes: bool) -> Option<usize> {
    (close.saturating_sub(30)..close).rev().find(|&i| {
        let t = st.toks[i].text(ctx.text);
        matches!(t, "," | ";" | ":" | "(" | ")")
            || crate::text::is_dash(t)
            || (quotes && is_quote_mark(t))
    })
}

fn named_before_aside_at(ctx: &Context, st: &SentToks, close: usize) -> Option<Speaker> {
    let open = aside_opening(ctx, st, close, false)?;
    // (set off by commas, or by two of one dash)
    let (o, c) = (st.toks[open].text(ctx.text), st.toks[close].text(ctx.text));
    let paired = o == "," || (crate::text::is_dash(o) && o == c);
    if !paired || open == 0 || open + 2 > close {
        return None;
    }
    if (open + 1..close).any(|i| cue_at(ctx, st, i).is_some()) {
        return None;
    }
    let m = ctx
        .idx
        .all_ending_at(ctx.mentions, st.toks[open - 1].span.end)
        .filter(|m| {
            matches!(
                m.kind,
                parallax_core::ActorKind::Person | parallax_core::ActorKind::Org
            ) && m.form != MentionForm::Pronoun
        })
        .max_by_key(|m| m.span.len())?;
    // the name opens the clause: nothing but a time stamp or a conjunction before it
    // ("On Sunday, Sen. Lindsey Graham, R-S.C., suggested": past the titles before it)
    let m_start = Some(st.first_from(m.span.start)).filter(|&i| i < st.toks.len())?;
    let mut b = m_start;
    while b > 0 && is_title_word(ctx, st, b - 1) {
        b -= 1;
    }
    // (or opens a reported clause: "officials who said Cohen, Trump's lawyer,
    // acknowledged that …")
    let opens = b == 0
        || matches!(st.folded[b - 1].as_str(), "." | ",")
        || ctx.lex.words.aside_name_openers.contains(&st.folded[b - 1])
        || cue_at(ctx, st, b - 1).is_some()
        || st.toks[..m_start].iter().enumerate().all(|(i, t)| {
            t.kind != TokKind::Word
                || t.text(ctx.text).chars().any(|c| c.is_ascii_digit())
                || ctx.lex.words.clock_suffixes.contains(t.text(ctx.text))
                // "Sen. John Cornyn, R-TX, said": titles before the name
                || is_title_word(ctx, st, i)
        });
    if !opens {
        return None;
    }
    Some(speaker_from_mention(ctx, m, "subject before an aside"))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::analyze_text;
    use parallax_core::QuoteKind;

    #[test]
    fn a_person_an_organisation_describes_is_no_organisation() {
        // BASIL (NYT on Chick-fil-A): the status update went to "Facebook"
        let a = analyze_text(
            "One Facebook user who lives near Austin, Tex., posted this status update:\n\n“It has been really disconcerting how many of my friends stood up.”\n\nA Google spokesman released this statement:\n\n“We are looking into the report.”",
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("disconcerting"))
            .unwrap();
        let s = q.speaker.as_ref().expect("a speaker");
        assert_eq!((s.text.as_str(), s.entity), ("One Facebook user", None));
        assert_eq!(speaker_of(&a, "looking into").as_deref(), Some("Google"));
    }

    #[test]
    fn a_name_after_an_opening_phrase_and_a_title_before_an_aside() {
        // BASIL 0c78e748 (Fox): the speaker was "C.", the end of "R-S.C."; and
        // c21cb217 (Fox): "BigGovernment.com first reported" gave "com"
        let a = analyze_text(
            "On Sunday, Sen. Lindsey Graham, R-S.C., suggested Trump might want to think \
             twice. Breitbart's BigGovernment.com first reported that it was tweeted.",
        );
        assert_eq!(
            speaker_of(&a, "think twice").as_deref(),
            Some("Lindsey Graham")
        );
        assert!(
            a.quotes
                .iter()
                .filter_map(|q| q.speaker.as_ref())
                .all(|s| s.text != "com"),
            "{:?}",
            a.quotes
        );
    }

    #[test]
    fn past_a_without_aside_and_a_long_before_the_verb() {
        // BASIL 0c78e748: the speakers were "offering specifics" (Fox) and "long" (HuffPost)
        let a = analyze_text(
            "The president, without offering specifics, said his rival lied many times. \
             Trump and the White House have long claimed that the investigations are a hoax.",
        );
        let speaker = |needle: &str| {
            let q = a.quotes.iter().find(|q| q.text.contains(needle)).unwrap();
            q.speaker.as_ref().map(|s| s.text.clone())
        };
        assert_eq!(speaker("lied many times").as_deref(), Some("The president"));
        assert_eq!(speaker("a hoax").as_deref(), Some("White House"));
    }

    #[test]
    fn a_description_then_its_name_after_the_verb() {
        // BASIL 1bb79cc1 (NYT): the speaker was "a White House spokesman"
        let a = analyze_text(
            "\u{201c}We are reviewing it,\u{201d} said a White House spokesman, Eric \
             Schultz. \u{201c}It was a joke,\u{201d} Jon Stewart said.",
        );
        assert_eq!(speaker_of(&a, "reviewing").as_deref(), Some("Eric Schultz"));
        assert_eq!(speaker_of(&a, "joke").as_deref(), Some("Jon Stewart"));
    }

    #[test]
    fn a_role_for_someone_unnamed_is_the_whole_phrase() {
        // BASIL 06ffda2d (HuffPost): the speaker was "office"
        let a = analyze_text(
            "A representative for his office told HuffPost in February that the \
             congressman was waiting. A spokesman for the senator said the vote would happen.",
        );
        let speaker = |needle: &str| {
            let q = a.quotes.iter().find(|q| q.text.contains(needle)).unwrap();
            q.speaker.as_ref().map(|s| s.text.clone())
        };
        assert_eq!(
            speaker("congressman was waiting").as_deref(),
            Some("A representative for his office")
        );
        assert_eq!(
            speaker("vote would happen").as_deref(),
            Some("A spokesman for the senator")
        );
    }

    #[test]
    fn a_title_between_an_organisation_and_the_speaker() {
        let a = analyze_text(
            "\"The strong labor market is attracting people back,\" Fed Chair Janet L. Yellen said last month.",
        );
        assert_eq!(
            speaker_of(&a, "labor market").as_deref(),
            Some("Janet L. Yellen")
        );
    }

    #[test]
    fn speakers_after_the_quote_past_modifiers_and_descriptions() {
        let a = analyze_text(
            "\"I am not going to follow a script,\" Italian Prime Minister Matteo Renzi said \
             after the meeting.\n\n\
             \"We need change,\" the New York businessman said, arguing for a new approach.\n\n\
             “We are shocked, Ahmed was a friend to us,” one P&G Amiens employee told French \
             television.\n\n\
             Twitter became a place to offer support. One tweet said: “This is very sad.”\n\n\
             Mitt Romney released a statement late Tuesday saying: “Todd Akin's comments were \
             offensive and wrong.”",
        );
        let got: Vec<String> = a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .map(|q| {
                q.speaker
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            got,
            [
                "Matteo Renzi",
                "the New York businessman",
                "one P&G Amiens employee",
                "One tweet",
                "Mitt Romney"
            ]
        );
    }

    #[test]
    fn a_possessive_pronoun_is_never_the_sentence_subject() {
        let a = analyze_text(
            "Marco Rubio spoke in Miami. Later his campaign sought to calm his supporters, \
             saying the person would “not get beat up” at the rally.",
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("not get beat up"))
            .expect("the partial quote");
        let sp = q.speaker.as_ref().map(|s| s.text.as_str()).unwrap_or("");
        assert_ne!(sp.to_lowercase(), "his", "{q:?}");
    }

    #[test]
    fn a_past_verb_in_a_series_shares_the_subject() {
        let a = analyze_text(
            "Donald Trump attacked Megyn Kelly again. He later suggested her tone was \
             aggressive, called her “third-rate” and boycotted one of the debates. \
             The delegate, who backs Ted Cruz, warned of a “ferocious” battle ahead.",
        );
        let third = a.quotes.iter().find(|q| q.text == "third-rate").unwrap();
        assert_eq!(third.kind, QuoteKind::Partial);
        assert_eq!(
            speaker_of(&a, "third-rate").as_deref(),
            Some("Donald Trump")
        );
        // the name inside the aside is not the subject
        let fierce = a.quotes.iter().find(|q| q.text == "ferocious").unwrap();
        assert_eq!(fierce.kind, QuoteKind::Scare);
    }

    #[test]
    fn speaker_before_an_aside() {
        let a = analyze_text(
            "Bernie Sanders, celebrating a victory in his home state of Vermont, said: “We will win many hundreds of delegates.”",
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("hundreds"))
            .unwrap();
        let sp = q.speaker.as_ref().expect("a speaker");
        assert_eq!(a.entities[sp.entity.unwrap()].name, "Bernie Sanders");
        assert_eq!(sp.rule, "subject before an aside");
    }

    #[test]
    fn a_party_state_tag_after_a_name_is_an_aside() {
        // The tag says which party and state the titled name serves; the name speaks.
        for text in [
            "Sen. John Cornyn, R-TX, who heads the GOP campaign committee, said Tuesday, \
             \"I think it's a blockbuster revelation.\"",
            "Sen. Dianne Feinstein, D-Calif., said on Sunday, \"We need the report.\"",
            "\"His conduct should deeply concern every American,\" House Freedom Caucus \
             Chairman Mark Meadows, R-N.C., said in a statement.",
            "\"This is very emotional for me,\" Rep. Jesse Jackson Jr., D-Ill., said on the floor.",
        ] {
            let a = analyze_text(text);
            let q = a.quotes.first().expect("a quote");
            let sp = q
                .speaker
                .as_ref()
                .unwrap_or_else(|| panic!("{text}: no speaker in {a:?}"));
            let e = sp.entity.map(|e| a.entities[e].name.as_str());
            assert!(
                matches!(
                    e,
                    Some("John Cornyn" | "Dianne Feinstein" | "Mark Meadows" | "Jesse Jackson Jr.")
                ),
                "{text}: {sp:?}"
            );
            assert!(
                a.entities
                    .iter()
                    .all(|e| !e.name.starts_with("R-") && !e.name.starts_with("D-")),
                "{:?}",
                a.entities
            );
        }
    }

    #[test]
    fn subjects_with_asides_phrases_and_times() {
        let a = analyze_text(
            "Marley Anderson, 21, a junior from Las Vegas, said she turned out to support \
             Bernie Sanders. \
             Some delegates at the convention in Philadelphia said they welcomed attention \
             to the issue. \
             Until the announcement, most of them said they had loved working for Carrier. \
             Donald Trump on Friday said all the stories of his accusers share one trait. \
             Even after the complaint, Corey Lewandowski continued to say he had never \
             touched her. \
             Even so, the bureau proudly declared that it had never provided the names.",
        );
        assert_indirect(
            &a,
            &[
                (
                    "she turned out to support Bernie Sanders",
                    "Marley Anderson",
                ),
                (
                    "they welcomed attention to the issue",
                    "Some delegates at the convention in Philadelphia",
                ),
                ("they had loved working for Carrier", "most of them"),
                (
                    "all the stories of his accusers share one trait",
                    "Donald Trump",
                ),
                ("he had never touched her", "Corey Lewandowski"),
                ("it had never provided the names", "the bureau"),
            ],
        );
    }

    #[test]
    fn past_an_aside_to_the_subject_named_or_not() {
        // BASIL read-through (session 26): the speakers were "identified discussing
        // legal decisions", "bringing discrimination claims", "Republican", "Democratic
        // candidates" and "Karen Finney" (a name inside the aside)
        let a = analyze_text(
            "Government officials, who asked not to be identified discussing legal \
             decisions, said that neither man would be charged. \
             Ginsburg, who made her name as a lawyer by bringing discrimination claims, \
             said it was possible that Wal-Mart could refute the claims. \
             The governor, a Republican, told The Indianapolis Star on Saturday that he \
             was taken aback. \
             America Rising, a conservative political action committee that has vowed \
             to attack Democratic candidates, posted that the footage was real. \
             Earlier in the day, top Clinton advisers, including senior spokeswoman Karen \
             Finney, said that Clinton is waiting to see the final deal.",
        );
        assert_indirect(
            &a,
            &[
                ("neither man would be charged", "Government officials"),
                (
                    "it was possible that Wal-Mart could refute the claims",
                    "Ginsburg",
                ),
                ("he was taken aback", "The governor"),
                ("the footage was real", "America Rising"),
                (
                    "Clinton is waiting to see the final deal",
                    "top Clinton advisers",
                ),
            ],
        );
    }

    #[test]
    fn an_ing_cue_shares_the_subject_outside_the_quotation_and_past_a_possessor() {
        // BASIL 9b6fa01c (Fox) and 0c78e748: ", adding …" went to "Sestak", named
        // inside the quotation, and ", saying he “did not mean to break news”" to
        // Trump, the possessor of "Trump's personal lawyer John Dowd"
        let a = analyze_text(
            "“This is not about Congressman Sestak,” Issa said, adding that he wants to \
             know what Clinton was empowered to say. \
             Trump’s personal lawyer John Dowd later said he was the one who wrote that \
             tweet, saying he “did not mean to break news.” \
             But Moore’s campaign issued a statement saying the report is “baseless” and \
             false.",
        );
        assert_eq!(speaker_of(&a, "empowered to say").as_deref(), Some("Issa"));
        assert_eq!(speaker_of(&a, "break news").as_deref(), Some("John Dowd"));
        // a possessor with no name after it still speaks for its campaign
        assert_eq!(speaker_of(&a, "baseless").as_deref(), Some("Moore"));
    }

    #[test]
    fn a_description_before_a_name_and_an_aside_after_a_quotation() {
        // BASIL (NYT): the second quotation had no speaker, so it was taken as the
        // first one's continuation, "We are reviewing it, … It was a joke,"
        let a = analyze_text(
            "“We are reviewing it,” said a White House spokesman. “It was a joke,” the \
             comedian Jon Stewart, a longtime friend, had joked. \
             “Equality is far off,” NOW President Terry O'Neill said in a statement. \
             When Beck asked what America is suffering from, someone shouted \
             “President Obama,” though Beck, an outspoken critic of the president, said \
             it's “not that simple.”",
        );
        assert_eq!(speaker_of(&a, "a joke").as_deref(), Some("Jon Stewart"));
        assert!(
            a.quotes
                .iter()
                .all(|q| !(q.text.contains("reviewing") && q.text.contains("joke"))),
            "{:?}",
            a.quotes
        );
        assert_eq!(speaker_of(&a, "far off").as_deref(), Some("Terry O'Neill"));
        // a conjunction before a name opens another clause: not a description
        assert_ne!(
            speaker_words(&a, "President Obama").as_deref(),
            Some("Beck")
        );
    }

    #[test]
    fn a_name_piece_after_of_is_no_speaker_and_a_party_tag_before_an_aside() {
        // BASIL (Fox, Benghazi; Fox, Moore): the speakers were "Staff" and "the GOP
        // primary"
        let a = analyze_text(
            "After the chairman of the Joint Chiefs of Staff confirmed he knew about the \
             cable, Graham asked for it. \
             Senate Majority Leader Mitch McConnell, R-Ky., who backed Moore’s rival \
             Luther Strange in the GOP primary, said in a statement: “If these \
             allegations are true, he must step aside.”",
        );
        assert_eq!(
            speaker_words(&a, "he knew about the cable").as_deref(),
            Some("the chairman of the Joint Chiefs of Staff")
        );
        assert_eq!(
            speaker_of(&a, "step aside").as_deref(),
            Some("Mitch McConnell")
        );
    }

    #[test]
    fn the_governor_is_the_one_actor_titled_governor() {
        // BASIL read-through (session 25, P10): "the governor" (Pence, titled "Gov."),
        // "the former Alaska governor" (Palin, so described in an appositive)
        let a = analyze_text(
            "Gov. Mike Pence of Indiana signed the law last week. “We will fix it,” the \
             governor said.",
        );
        assert_eq!(speaker_of(&a, "fix it").as_deref(), Some("Mike Pence"));
        let a = analyze_text(
            "Sarah Palin, the former Alaska governor, spoke in Kansas City. “They are \
             wrong,” the former Alaska governor said.",
        );
        assert_eq!(speaker_of(&a, "are wrong").as_deref(), Some("Sarah Palin"));
        // two presidents (or two governors): "the president" stays unresolved
        let b = analyze_text(
            "President Obama and President Trump met. “It went well,” the president said.",
        );
        assert_eq!(speaker_of(&b, "went well"), None);
        assert_eq!(
            speaker_words(&b, "went well").as_deref(),
            Some("the president")
        );
    }

    #[test]
    fn a_document_speaks_for_the_one_actor_it_names() {
        // the demo (Breitbart): "The ALBA communique" was a voice of its own in the
        // quote table; BASIL (Fox): "The Intelligence Committee Republicans' letter"
        let a = analyze_text(
            "ALBA met in Caracas. The ALBA communique called for the parties to “cease \
             fire immediately.” The report said “nothing was found,” officials added.",
        );
        assert_eq!(speaker_of(&a, "cease").as_deref(), Some("ALBA"));
        // a document that names no one stays its words
        assert_eq!(speaker_of(&a, "nothing was found"), None);
    }
}
