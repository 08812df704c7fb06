//! The label layer: what an article calls each actor.
//!
//! Four constructions, each tied to a mention:
//! - premodifiers: "Venezuela’s socialist dictator Nicolás Maduro", "the late
//!   dictators Hugo Chávez and Fidel Castro", "warmongering Trump";
//! - appositives: "Hamas, the radical jihadist terror organization", "the Castro
//!   regime’s figurehead president, Miguel Díaz-Canel";
//! - predicates: "ALBA-TCP … is a self-declared far-left free trade bloc";
//! - descriptions after a country: "Nicaragua’s communist regime", "the Cuban and
//!   Venezuelan regimes".
//!
//! A chain of modifiers counts only when it holds a known role or descriptor or a
//! loaded word, or follows a determiner ("an indignant and embarrassed Germany").

use parallax_core::{ActorKind, Label, LabelKind, Mention, MentionForm, Span, Voice, fold};

use crate::context::Context;
use crate::lexicon::RoleKind;
use crate::text::SentToks;
use crate::text::TokKind;

impl Context<'_> {
    // (a binary search, so a sentence with thousands of names costs no square)
    fn tok_index(&self, si: usize, offset: usize) -> Option<usize> {
        self.sents[si].index_at(offset)
    }

    fn mention_ending_at(&self, end: usize) -> Option<&Mention> {
        self.idx.ending_at(self.mentions, end)
    }

    fn mention_starting_at(&self, start: usize) -> Option<&Mention> {
        self.idx
            .starting_at(self.mentions, start)
            .filter(|m| m.form != MentionForm::Pronoun)
    }

    fn has_signal(&self, words: &[&str]) -> bool {
        let joined: Vec<String> = words.iter().map(|w| parallax_core::fold(w)).collect();
        for i in 0..joined.len() {
            for len in 1..=self.lex.role_max_words.min(joined.len() - i) {
                if self.lex.roles.contains_key(&joined[i..i + len].join(" ")) {
                    return true;
                }
            }
            if self.lex.loaded.contains_key(&joined[i]) {
                return true;
            }
        }
        false
    }

    fn voice(&self, span: Span) -> Voice {
        if crate::index::inside_any(self.speech, span) {
            Voice::Quoted
        } else {
            Voice::Outlet
        }
    }

    fn label(&self, entity: usize, kind: LabelKind, span: Span) -> Label {
        Label {
            entity,
            kind,
            span,
            text: span.text(self.text).to_string(),
            voice: self.voice(span),
        }
    }
}

/// A lower-case word that is a verb form or an adverb, so never part of a label
/// ("congratulated Secretary", "texts disparaging President", "presumably Sen.",
/// "fired from the FBI", "now insisting"), unless it is a role, a descriptor or a
/// loaded word ("embattled"). `w` is folded.
fn verb_or_adverb(ctx: &Context, w: &str) -> bool {
    // (a compound is an adjective, "establishment-backed Sen.", "self-proclaimed"; a
    // prefixed verb is not, "re-electing Representative")
    let compound = w
        .split_once('-')
        .is_some_and(|(a, _)| a.chars().count() > 3);
    if ctx.lex.roles.contains_key(w) || ctx.lex.loaded.contains_key(w) || compound {
        return false;
    }
    let words = &ctx.lex.words;
    let n = w.chars().count();
    (n > 4 && w.ends_with("ing"))
        || (n > 3 && w.ends_with("ed"))
        || words.label_participles.contains(w)
        || (n > 4 && w.ends_with("ly") && !words.not_ly_adverbs.contains(w))
        || words.predicate_adverbs.contains(w)
        || w == "not"
}

/// An adverb in -ly ("newly", "presumably"), not one of the -ly words that are
/// none (`not-ly-adverbs`: "family", "early").
fn ly_adverb(ctx: &Context, w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && !ctx.lex.words.not_ly_adverbs.contains(w)
}

/// Token `k` follows a determiner through lower-case adjectives and "and" only ("an
/// indignant and embarrassed", "the beleaguered").
fn in_determiner_chain(ctx: &Context, st: &SentToks, k: usize) -> bool {
    let words = &ctx.lex.words;
    for i in (k.saturating_sub(5)..k).rev() {
        let t = st.toks[i];
        let w = st.folded[i].as_str();
        // ("This dual argument that confounded Justice Kennedy": "that" after a
        // lower-case word opens a clause, its next word a verb)
        let relative = w == "that"
            && i > 0
            && st.toks[i - 1].kind == TokKind::Word
            && st.toks[i - 1]
                .text(ctx.text)
                .starts_with(char::is_lowercase)
            && !ctx.lex.is_stopword(&st.folded[i - 1]);
        if words.determiners.contains(w) {
            return !relative;
        }
        let lower = t.kind == TokKind::Word && t.text(ctx.text).starts_with(char::is_lowercase);
        // (each word between an adjective or "and": "the group helped Republican", "the
        // president castigated Kathy Griffin" are a noun and its verb)
        // ("the newly installed speaker": an adverb in -ly qualifies the next word)
        let adjective = w == "and"
            || ly_adverb(ctx, w)
            || ctx.lex.loaded.contains_key(w)
            || (words.adjective_suffixes.ends_word(w) && !ctx.lex.roles.contains_key(w));
        if !lower || !adjective || ctx.lex.cue(w).is_some() {
            return false;
        }
    }
    false
}

fn sentence_of(ctx: &Context, offset: usize) -> Option<usize> {
    ctx.sentence_at(offset)
}

/// The labels of every mention that is not a pronoun, sorted by position.
pub(crate) fn find_labels(ctx: &Context) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::new();
    for m in ctx.mentions {
        if m.form == MentionForm::Pronoun {
            continue;
        }
        let Some(si) = sentence_of(ctx, m.span.start) else {
            continue;
        };
        let Some(ti) = ctx.tok_index(si, m.span.start) else {
            continue;
        };
        let st = &ctx.sents[si];
        let end_ti = st.first_from(m.span.end);
        if m.form != MentionForm::Demonym {
            if let Some(l) = premodifier(ctx, st, ti, m) {
                out.push(l);
            } else if let Some(l) = coordinated(ctx, st, ti, m, &out) {
                out.push(l);
            }
            if let Some(l) = pre_appositive(ctx, st, ti, m) {
                out.push(l);
            }
            if let Some(mut l) = appositive(ctx, st, end_ti, m) {
                // "Nancy Pelosi of California, the Democratic leader": the person's
                if let Some(p) = person_before_of(ctx, st, ti, m) {
                    l.entity = p.entity;
                }
                out.push(l);
            }
            if let Some(l) = predicate(ctx, si, st, ti, end_ti, m) {
                out.push(l);
            }
        }
        if m.kind != ActorKind::Person {
            if let Some(l) = country_description(ctx, st, end_ti, m) {
                out.push(l);
            }
        }
    }
    out.sort_by_key(|l| (l.span.start, l.span.end, l.entity));
    out.dedup_by(|a, b| a.span == b.span && a.entity == b.entity);
    out
}

/// The person right before "of" when the mention at `ti` is a place ("Nancy Pelosi
/// of California").
fn person_before_of<'a>(
    ctx: &'a Context<'a>,
    st: &SentToks,
    ti: usize,
    m: &Mention,
) -> Option<&'a Mention> {
    if !matches!(m.kind, ActorKind::Gpe | ActorKind::Loc) || ti < 2 || st.folded[ti - 1] != "of" {
        return None;
    }
    ctx.mention_ending_at(st.toks[ti - 2].span.end)
        .filter(|p| p.kind == ActorKind::Person)
}

/// Words right before a name: walk left over modifiers, titles and one possessor.
fn premodifier(ctx: &Context, st: &SentToks, ti: usize, m: &Mention) -> Option<Label> {
    if is_noun_adjunct(ctx, st, m) {
        return None;
    }
    // "the public and Congress": "and" right before the name joins it to another
    // noun, which the words before describe
    if ti > 0 && st.folded[ti - 1] == "and" {
        return None;
    }
    // "the carefully choreographed event Mr. Romney’s strategists …", "Mr. Obama": an
    // honorific stands right before the name, says nothing about the actor, and what
    // comes before it is not about the actor either
    let words = &ctx.lex.words;
    if ti > 0 && words.label_honorifics.contains_undotted(&st.folded[ti - 1]) {
        return None;
    }
    let mut j = ti;
    let mut determiner = false;
    while j > 0 {
        let t = st.toks[j - 1];
        let w = st.folded[j - 1].as_str();
        if t.kind == TokKind::Possessive {
            // "Venezuela’s": include the possessor name and stop.
            if let Some(pm) = ctx.mention_ending_at(t.span.start) {
                let pj = ctx.tok_index(sentence_of(ctx, pm.span.start)?, pm.span.start)?;
                if j == ti {
                    return None; // "Trump’s US": a possessor, not a label
                }
                j = pj;
            }
            break;
        }
        if t.kind != TokKind::Word {
            break;
        }
        if words.determiners.contains(w) {
            determiner = words.articles.contains(w);
            break;
        }
        // "by the time Schumer said": a word for a time is no label
        if words.periods.contains(w) {
            break;
        }
        // "Foreign" belongs to the title "Foreign Minister" that follows it; "Senate"
        // and "House" to "Senate Minority Leader", "House Speaker" (a chamber before a
        // capitalised title already in the label)
        let chamber = words.chambers.contains(w)
            && ((j < ti
                && st.toks[j]
                    .text(ctx.text)
                    .starts_with(|c: char| c.is_uppercase())
                && ctx.lex.role(&st.folded[j]).is_some())
                || (j + 1 < ti
                    && ctx
                        .lex
                        .role(&format!("{} {}", st.folded[j], st.folded[j + 1]))
                        .is_some()));
        // (the chamber may be a mention of its own: "Senate" is an organisation;
        // the end of a longer one, "White House Press Secretary", is not a chamber)
        let ending = ctx.mention_ending_at(t.span.end);
        if chamber {
            if let Some(pm) = ending.filter(|m| m.span.start < t.span.start) {
                // "White House Press Secretary": the whole name opens the title
                j = ctx.tok_index(sentence_of(ctx, pm.span.start)?, pm.span.start)?;
                break;
            }
        }
        if (ending.is_some() && !chamber) || ctx.lex.cue(w).is_some() {
            break;
        }
        let is_role = ctx.lex.roles.contains_key(w);
        if ctx.lex.is_stopword(w) && w != "and" {
            break;
        }
        let capital = t
            .text(ctx.text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        // "that the secretary joins Elizabeth Warren": a word in -s right before
        // the name, after a role noun, is the role's verb
        if !capital
            && !is_role
            && j == ti
            && j >= 2
            && w.ends_with('s')
            && !w.ends_with("ss")
            && ctx.lex.roles.contains_key(&st.folded[j - 2])
        {
            break;
        }
        // "Trump celebrated Strzok's firing", "Conservation groups celebrated Trump's
        // change": an -ed word right after a name, a plain noun or a relative
        // pronoun is its verb ("the
        // newly elected", "a much-maligned" describe)
        if !capital && w.ends_with("ed") && j >= 2 && {
            let before = st.folded[j - 2].as_str();
            ctx.mention_ending_at(st.toks[j - 2].span.end).is_some()
                // ("the people that elected Nancy Pelosi")
                || words.relative_pronouns.contains(before)
                || (st.toks[j - 2].kind == TokKind::Word
                    && st.toks[j - 2]
                        .text(ctx.text)
                        .starts_with(char::is_lowercase)
                    && before.ends_with('s')
                    && !ctx.lex.is_stopword(before)
                    && !words.determiners.contains(before))
        } {
            break;
        }
        // "congratulated Secretary Clinton", "presumably Sen. McCain": a verb form or an
        // adverb is the writer's clause, not a label
        // ("an indignant and embarrassed Germany": after a determiner, in a chain of
        // lower-case words, it is an adjective)
        if !capital && !is_role && verb_or_adverb(ctx, w) && !in_determiner_chain(ctx, st, j - 1) {
            break;
        }
        // "against the president alongside Sen. John Cornyn", "to override President
        // Obama": a preposition, or a verb after "to" or a modal, ends the label
        // ("would best protect Secretary Clinton": an adverb may come between)
        let adverb = |a: &str| {
            words.predicate_adverbs.contains(a)
                || words.verb_adverbs.contains(a)
                || ly_adverb(ctx, a)
        };
        let verb = !capital
            && !is_role
            && j >= 2
            && (words.verb_markers.contains(&st.folded[j - 2])
                || (j >= 3
                    && adverb(&st.folded[j - 2])
                    && words.verb_markers.contains(&st.folded[j - 3])));
        if words.label_prepositions.contains(w) || verb {
            break;
        }
        let starts_title =
            chamber || (j < ti && ctx.lex.role(&format!("{w} {}", st.folded[j])).is_some());
        if capital && !is_role && !starts_title && !matches!(ctx.lex.role(w), Some(RoleKind::Title))
        {
            break;
        }
        j -= 1;
    }
    while j < ti && st.folded[j] == "and" {
        j += 1;
    }
    if j >= ti {
        return None;
    }
    let words: Vec<&str> = (j..ti).map(|k| st.toks[k].text(ctx.text)).collect();
    // The word next to the name must itself describe ("dictator Maduro"), unless a
    // determiner introduces the chain ("an indignant and embarrassed Germany");
    // "supporting Palestine" is a verb and its object.
    let next_to_name = words.last().copied().unwrap_or("");
    let all_lower = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_lowercase));
    // "the logjam and provide Congress": words joined by "and" describe only when each
    // looks like an adjective
    let adjectives = !words.contains(&"and")
        || words.iter().filter(|w| **w != "and").all(|w| {
            let w = fold(w);
            ctx.has_signal(&[w.as_str()]) || ctx.lex.words.adjective_suffixes.ends_word(&w)
        });
    // ("the nearby St. Louis Tea Party", "the real Mexico": words that point, not
    // describe)
    let pointing = words
        .iter()
        .filter(|w| **w != "and")
        .all(|w| ctx.lex.words.non_describing_modifiers.contains(&fold(w)));
    // ("an accusation Romney has some experience with": after an article, lower-case
    // words are the object of the clause the name opens)
    if pointing
        || (determiner && all_lower && opens_reduced_relative(ctx, st, m))
        || !(ctx.has_signal(&[next_to_name])
            || (determiner && all_lower && adjectives && !next_to_name.ends_with("ing")))
    {
        return None;
    }
    // "standards for class certification and Justice Ruth Bader Ginsburg", "state
    // lawmakers and Republican Gov. Mike Pence": when the word before the last "and"
    // is a lower-case word that does not describe (no role, descriptor or loaded
    // word, no adjective's ending), the label is what follows that "and" ("Bolivia's
    // socialist and pro-Iran President" stays whole)
    if let Some(k) = (j + 1..ti).rev().find(|&k| st.folded[k] == "and") {
        let before = st.toks[k - 1].text(ctx.text);
        let w = &st.folded[k - 1];
        if before.starts_with(char::is_lowercase)
            && !ctx.has_signal(&[w.as_str()])
            && !ctx.lex.words.adjective_suffixes.ends_word(w)
        {
            j = k + 1;
        }
    }
    let span = Span::new(st.toks[j].span.start, st.toks[ti - 1].span.end);
    Some(ctx.label(m.entity, LabelKind::Premodifier, span))
}

/// "an accusation Romney has some experience with --", "the president Blumenthal
/// worked for,": the name opens a relative clause without "that" whose object is
/// the noun before it, left as a preposition stranded before the clause's end. The
/// words before are that noun's, not the name's.
fn opens_reduced_relative(ctx: &Context, st: &SentToks, m: &Mention) -> bool {
    let from = st.first_from(m.span.end);
    let end = (from..st.toks.len())
        .find(|&k| st.toks[k].kind == TokKind::Punct)
        .unwrap_or(st.toks.len());
    let w = &ctx.lex.words;
    // (the clause opens with its verb, not "and" nor a preposition: "the
    // self-proclaimed Islamic State and al Qaeda as groups fueled by")
    end > from + 1
        && end - from <= 8
        && w.prepositions.contains(&st.folded[end - 1])
        && st.toks[from].kind == TokKind::Word
        && st.toks[from].text(ctx.text).starts_with(char::is_lowercase)
        && !w.prepositions.contains(&st.folded[from])
        && !matches!(st.folded[from].as_str(), "and" | "or" | "but")
}

/// The name modifies the noun after it, so the words before describe that noun: a
/// person's name before a `person-adjunct` noun ("the Trump administration"), or a
/// country's or organisation's before any lower-case word but a verb or an
/// auxiliary that may follow a subject (`after-subject`: "the US blockade", "past
/// ALBA statements").
fn is_noun_adjunct(ctx: &Context, st: &SentToks, m: &Mention) -> bool {
    let next = st.first_from(m.span.end);
    let Some(next) = (next < st.toks.len()).then_some(next) else {
        return false;
    };
    let t = st.toks[next];
    // "Democratic Missouri Sen. Claire McCaskill": a place before a title is whose
    // official follows, not the head of the phrase
    if m.kind != ActorKind::Person
        && t.kind == TokKind::Word
        && matches!(ctx.lex.role(&st.folded[next]), Some(RoleKind::Title))
    {
        return true;
    }
    // "the immigration advocacy group America's Voice": a place or organisation
    // owning a capitalised word that is no role names something else, which the
    // words before describe
    if m.kind != ActorKind::Person
        && t.kind == TokKind::Possessive
        && st.toks.get(next + 1).is_some_and(|n| {
            n.kind == TokKind::Word
                && n.text(ctx.text).starts_with(char::is_uppercase)
                && ctx.lex.role(&st.folded[next + 1]).is_none()
        })
    {
        return true;
    }
    // "a local Denver TV station": an acronym after a place or organisation, then a
    // lower-case noun, is what the name modifies
    let acronym = |k: usize| {
        st.toks.get(k).is_some_and(|a| {
            let w = a.text(ctx.text);
            a.kind == TokKind::Word && w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
        })
    };
    let next = if m.kind != ActorKind::Person && acronym(next) {
        next + 1
    } else {
        next
    };
    let Some(&t) = st.toks.get(next) else {
        return false;
    };
    if t.kind != TokKind::Word
        || !t
            .text(ctx.text)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    {
        return false;
    }
    let w = st.folded[next].as_str();
    if m.kind == ActorKind::Person {
        return ctx.lex.words.person_adjuncts.contains(w);
    }
    !ctx.lex.words.after_subject.contains(w) && ctx.lex.cue(w).is_none() && !w.ends_with("ed")
}

/// "the late dictators Hugo Chávez and Fidel Castro": the second name shares the
/// first one's premodifier.
fn coordinated(
    ctx: &Context,
    st: &SentToks,
    ti: usize,
    m: &Mention,
    so_far: &[Label],
) -> Option<Label> {
    if ti < 2 || st.folded[ti - 1] != "and" {
        return None;
    }
    let prev = ctx.mention_ending_at(st.toks[ti - 2].span.end)?;
    if prev.kind != m.kind {
        return None;
    }
    let l = so_far.iter().rev().find(|l| {
        l.entity == prev.entity && l.kind == LabelKind::Premodifier && l.span.end <= prev.span.start
    })?;
    // "Presidents Arce and Ortega", "leftist Maduro and Ortega" share; "Majority Leader
    // Mitch McConnell and Reid" does not: a singular title names one person
    let singular_title = l.text.split_whitespace().any(|w| {
        matches!(ctx.lex.role(w), Some(RoleKind::Title | RoleKind::Role))
            && !w.trim_end_matches('.').ends_with('s')
    }) || ctx
        .lex
        .role(&l.text)
        .is_some_and(|_| !l.text.ends_with('s'));
    if singular_title {
        return None;
    }
    Some(ctx.label(m.entity, LabelKind::Premodifier, l.span))
}

/// "the Castro regime’s figurehead president, Miguel Díaz-Canel".
fn pre_appositive(ctx: &Context, st: &SentToks, ti: usize, m: &Mention) -> Option<Label> {
    if ti < 2 || st.toks[ti - 1].text(ctx.text) != "," {
        return None;
    }
    let end = ti - 1;
    let mut j = end;
    while j > 0 {
        let t = st.toks[j - 1];
        let w = st.folded[j - 1].as_str();
        // (a speech verb ends the phrase, not a name's word: "the Washington Post's
        // publisher", where "Post" is no verb)
        let cue = ctx.lex.cue(w).is_some() && !crate::text::is_capitalized(t.text(ctx.text));
        if t.kind == TokKind::Punct || cue || end - (j - 1) > 12 {
            break;
        }
        j -= 1;
    }
    // Start at the first determiner in the phrase, if any, and at a possessive
    // that opens a noun phrase of its own after it ("settle a sexual harassment
    // lawsuit his former communications director, Lauren Greene, had filed": the
    // label is "his former communications director"); one after a preposition stays
    // in its phrase ("a friend of his wife").
    let w = &ctx.lex.words;
    // ("…, and Oklahoma's attorney general, Scott Pruitt": a conjunction that
    // joins this phrase to the one before is no part of it)
    let j = if j < end && matches!(st.folded[j].as_str(), "and" | "or" | "but") {
        j + 1
    } else {
        j
    };
    let article = (j..end).find(|&k| w.articles.contains(&st.folded[k]));
    // "He met Russia's president, Vladimir Putin": with no article before it, a
    // possessor's name opens the phrase (the words before it are another's)
    let possessor = (j + 1..end)
        .filter(|&k| st.toks[k].kind == TokKind::Possessive)
        .find_map(|k| ctx.mention_ending_at(st.toks[k].span.start))
        .and_then(|pm| ctx.tok_index(sentence_of(ctx, pm.span.start)?, pm.span.start))
        // with the title before the name ("President Trump's eldest son")
        .map(|mut p| {
            while p > j
                && st.toks[p - 1].kind == TokKind::Word
                && crate::text::is_capitalized(st.toks[p - 1].text(ctx.text))
            {
                p -= 1;
            }
            p
        });
    let start = match (article, possessor) {
        (Some(a), Some(p)) if p < a => p,
        (None, Some(p)) => p,
        (a, _) => a.unwrap_or(j),
    };
    let start = (start + 1..end)
        .rfind(|&k| {
            w.possessive_determiners.contains(&st.folded[k])
                && !w.prepositions.contains(&st.folded[k - 1])
        })
        .unwrap_or(start);
    if start >= end {
        return None;
    }
    // "In a letter to Senate Majority Leader Mitch McConnell and Reid, Obama warned":
    // an opening prepositional phrase, or one naming other people, describes no one
    if ctx
        .lex
        .words
        .appositive_prepositions
        .contains(&st.folded[j])
    {
        return None;
    }
    let phrase = Span::new(st.toks[start].span.start, st.toks[end - 1].span.end);
    // (a name that modifies a noun, "the Castro regime’s figurehead president", is
    // no other head)
    let names_others = crate::index::mentions_in(ctx.mentions, phrase)
        .iter()
        .any(|o| {
            phrase.contains(o.span) && o.kind == ActorKind::Person && o.entity != m.entity && {
                let after = st.first_from(o.span.end);
                after >= end || matches!(st.folded[after].as_str(), "," | "and" | "or")
            }
        });
    if names_others {
        return None;
    }
    // "a moderate Democrat from Chicago who is facing a primary challenger, Marie
    // Newman": the label ends before a relative clause; "as the House was preparing
    // to vote on …, Weiner": a clause is no appositive
    let end = (start + 1..end)
        .find(|&k| w.relative_pronouns.contains(&st.folded[k]))
        .unwrap_or(end);
    if (start..end).any(|k| w.label_auxiliaries.contains(&st.folded[k])) {
        return None;
    }
    // (a title before another name says nothing of this one, "President Barack
    // Obama to fail", unless that name owns what follows: "President Trump's eldest
    // son", "Ms. Abedin's now estranged husband")
    let honorific_of_other = |k: usize| {
        let mut i = k + 1;
        while st.toks.get(i).is_some_and(|n| {
            n.kind == TokKind::Word && crate::text::is_capitalized(n.text(ctx.text))
        }) {
            i += 1;
        }
        i > k + 1 && st.toks.get(i).is_none_or(|n| n.kind != TokKind::Possessive)
    };
    // a role of a person, or also of a body ("the party", "the government")
    let role_at = |k: usize, person: bool| {
        let body =
            ctx.lex.heads.contains_key(&st.folded[k]) || w.government_nouns.contains(&st.folded[k]);
        match ctx.lex.role(st.toks[k].text(ctx.text)) {
            Some(RoleKind::Title) => !honorific_of_other(k),
            Some(RoleKind::Role) => !(person && body),
            _ => false,
        }
    };
    let has_role = |from: usize, person: bool| {
        let words: Vec<&str> = (from..end).map(|k| st.toks[k].text(ctx.text)).collect();
        (from..end).any(|k| role_at(k, person))
            || (0..words.len().saturating_sub(1)).any(|i| {
                ctx.lex
                    .role(&format!("{} {}", words[i], words[i + 1]))
                    .is_some()
            })
    };
    if !has_role(start, false) || m.kind != ActorKind::Person {
        return None;
    }
    // "The rare public statement by a spokesman for the special counsel, Robert S.
    // Mueller III,": the name is the last noun phrase's when that one names a
    // person's role (not "the chairman of the committee, John Smith", nor "the
    // leader of the party, John Smith": a committee or a party is no person)
    // (or a titled name's possessive after the preposition: "the laptop of Ms.
    // Abedin's now estranged husband, Anthony D. Weiner")
    let person_head = {
        let f = st.folded[end - 1].as_str();
        w.masculine_nouns.contains(f)
            || w.feminine_nouns.contains(f)
            || w.unnamed_person_nouns.contains(f)
            || (ctx.lex.role(f) == Some(RoleKind::Role) && !ctx.lex.heads.contains_key(f))
    };
    let start = (start + 1..end)
        .rev()
        .find(|&k| {
            if !w.prepositions.contains(&st.folded[k - 1]) {
                return false;
            }
            if w.articles.contains(&st.folded[k]) {
                return has_role(k, true);
            }
            // a titled name's possessive, with a noun for a person at the end
            ctx.lex.role(st.toks[k].text(ctx.text)) == Some(RoleKind::Title)
                && !honorific_of_other(k)
                && k + 1 < end
                && crate::text::is_capitalized(st.toks[k + 1].text(ctx.text))
                && person_head
        })
        .unwrap_or(start);
    let span = Span::new(st.toks[start].span.start, st.toks[end - 1].span.end);
    Some(ctx.label(m.entity, LabelKind::Appositive, span))
}

/// "Hamas, the radical jihadist terror organization based in Gaza".
fn appositive(ctx: &Context, st: &SentToks, end_ti: usize, m: &Mention) -> Option<Label> {
    if end_ti + 1 >= st.toks.len() || st.toks[end_ti].text(ctx.text) != "," {
        return None;
    }
    let start = end_ti + 1;
    let first = st.folded[start].as_str();
    let possessor = ctx.mention_starting_at(st.toks[start].span.start).is_some()
        && st
            .toks
            .get(start + 1)
            .is_some_and(|t| t.kind == TokKind::Possessive);
    let words = &ctx.lex.words;
    if !words.articles.contains(first) && !possessor {
        return None;
    }
    let mut k = start + 1;
    while k < st.toks.len() && k - start <= 10 {
        let t = st.toks[k];
        if t.kind == TokKind::Punct && !matches!(t.text(ctx.text), "“" | "”" | "\"" | "-") {
            break;
        }
        // "an Iowa Democrat running for …": a verb form ends the noun phrase, unless it
        // modifies the head to come ("a loosely organized political movement")
        if k > start + 1
            && (words.label_stops.contains(&st.folded[k])
                || (verb_or_adverb(ctx, &st.folded[k]) && !in_determiner_chain(ctx, st, k)))
        {
            break;
        }
        if ctx.lex.cue(&st.folded[k]).is_some() {
            return None; // "Maduro, the crowd said" is not an appositive
        }
        k += 1;
    }
    if k - start < 2 {
        return None;
    }
    // An appositive is a noun phrase: no verb inside, and it ends at punctuation or
    // a relative clause ("Havana, Cuba, the bloc has issued …" is not one).
    let words: Vec<&str> = (start..k).map(|i| st.toks[i].text(ctx.text)).collect();
    if (start..k).any(|i| ctx.lex.words.label_auxiliaries.contains(&st.folded[i])) {
        return None;
    }
    let boundary = st.toks.get(k).is_none_or(|t| {
        t.kind == TokKind::Punct || ctx.lex.words.label_stops.contains(&st.folded[k])
    });
    if !boundary || !ctx.has_signal(&words) {
        return None;
    }
    let span = Span::new(st.toks[start].span.start, st.toks[k - 1].span.end);
    Some(ctx.label(m.entity, LabelKind::Appositive, span))
}

/// "ALBA-TCP, often …, is a self-declared far-left free trade bloc": the
/// sentence's subject followed by a copula.
fn predicate(
    ctx: &Context,
    si: usize,
    st: &SentToks,
    ti: usize,
    end_ti: usize,
    m: &Mention,
) -> Option<Label> {
    // Only the subject: the first mention of the sentence, near its start.
    let sent = ctx.sentences[si].span;
    // (mentions are in start order: the first one inside the sentence)
    let first = crate::index::mentions_in(ctx.mentions, sent)
        .iter()
        .find(|x| sent.contains(x.span))
        .map(|x| x.span.start)?;
    if first != m.span.start || ti > 3 {
        return None;
    }
    let mut k = end_ti;
    // Skip one aside set off by commas.
    if st.toks.get(k).is_some_and(|t| t.text(ctx.text) == ",") {
        let close = (k + 1..st.toks.len().min(k + 16)).find(|&i| {
            st.toks[i].text(ctx.text) == ","
                || (st.toks[i].text(ctx.text) == "”"
                    && st.toks.get(i - 1).is_some_and(|p| p.text(ctx.text) == ","))
        })?;
        k = close + 1;
        // "referred to as “ALBA,” is": the comma may sit inside a closing quote
        while st
            .toks
            .get(k)
            .is_some_and(|t| matches!(t.text(ctx.text), "”" | "\"" | "’"))
        {
            k += 1;
        }
    }
    let words = &ctx.lex.words;
    while k < st.toks.len() && words.predicate_adverbs.contains(&st.folded[k]) {
        k += 1;
    }
    let cop = st.folded.get(k)?.as_str();
    let two = st.folded.get(k + 1).map(|w| format!("{cop} {w}"));
    let mut start = if two.as_deref().is_some_and(|t| words.copulas.contains(t)) {
        k + 2
    } else if words.copulas.contains(cop) {
        k + 1
    } else {
        return None;
    };
    // "is to deliver the lecture", "is challenging Sen. McCaskill": an infinitive or
    // a progressive is something the actor does, not what it is ("was awarded the
    // Star of Palestine" stays: what befell it)
    // "was fired from the FBI", "is now insisting", "is not running", "was caught on
    // a hot mic": a verb form (after any adverb or "not") is an event or a state told
    // in a clause, not a description; so is a pronoun ("is not yours")
    let mut h = start;
    let mut negated = false;
    while h < st.toks.len() && h - start < 3 {
        let w = st.folded[h].as_str();
        negated |= w == "not" || w == "never";
        if w == "not" || words.predicate_adverbs.contains(w) || ly_adverb(ctx, w) {
            h += 1;
        } else {
            break;
        }
    }
    let head = st.folded.get(h).map(String::as_str).unwrap_or("");
    // ("was awarded the Star of Palestine honour", "was named a fellow": a passive with
    // its object, what befell the actor, stays)
    let with_object = !head.ends_with("ing")
        && st
            .folded
            .get(h + 1)
            .is_some_and(|w| words.determiners.contains(w));
    let verb_form = head == "to"
        || (verb_or_adverb(ctx, head) && !with_object)
        || words.predicate_pronouns.contains(head)
        // ("one of the Republican Senate candidates" names a role: it stays)
        || (words.predicate_non_heads.contains(head) && {
            let rest: Vec<&str> = (h..st.toks.len().min(h + 8))
                .map(|i| st.toks[i].text(ctx.text))
                .collect();
            !ctx.has_signal(&rest)
        });
    // ("Clinton is not the only government official": what an actor is not is no
    // label of it)
    if verb_form || negated {
        return None;
    }
    while start < st.toks.len() && words.articles.contains(&st.folded[start]) {
        start += 1;
    }
    let mut e = start;
    while e < st.toks.len() && e - start < 12 {
        let t = st.toks[e];
        if t.kind == TokKind::Punct && !matches!(t.text(ctx.text), "“" | "”" | "\"" | "-") {
            break;
        }
        // ("so leery of the deal is that …": a second copula opens the main clause)
        // ("became an independent after losing": a stop right after the head too)
        if (e > start + 1 || (e > start && words.predicate_clause_openers.contains(&st.folded[e])))
            && (words.label_stops.contains(&st.folded[e])
                || verb_or_adverb(ctx, &st.folded[e])
                || words.copulas.contains(&st.folded[e]))
        {
            break;
        }
        e += 1;
    }
    if e <= start {
        return None;
    }
    // Trim dangling quote marks.
    while e > start && matches!(st.toks[e - 1].text(ctx.text), "“" | "\"") {
        e -= 1;
    }
    let span = Span::new(st.toks[start].span.start, st.toks[e - 1].span.end);
    if span.text(ctx.text).split_whitespace().count() < 2 {
        return None;
    }
    Some(ctx.label(m.entity, LabelKind::Predicate, span))
}

/// "Nicaragua’s communist regime", "the Cuban and Venezuelan regimes": a country
/// (or its demonym) followed by modifiers and a role noun, with no name after.
fn country_description(ctx: &Context, st: &SentToks, end_ti: usize, m: &Mention) -> Option<Label> {
    let mut k = end_ti;
    if st
        .toks
        .get(k)
        .is_some_and(|t| t.kind == TokKind::Possessive)
    {
        if m.form == MentionForm::Demonym {
            return None;
        }
        k += 1;
    } else if m.form != MentionForm::Demonym {
        return None;
    }
    // coordinated demonyms: "Cuban and Venezuelan regimes"
    while st.folded.get(k).is_some_and(|w| w == "and") {
        let next = st.toks.get(k + 1)?;
        let nm = ctx.mention_starting_at(next.span.start)?;
        if nm.form != MentionForm::Demonym {
            return None;
        }
        k = st.first_from(nm.span.end);
        if k >= st.toks.len() {
            return None;
        }
    }
    let start = k;
    let mut e = k;
    while e < st.toks.len() && e - start < 5 {
        let t = st.toks[e];
        let w = st.folded[e].as_str();
        if t.kind != TokKind::Word
            || t.text(ctx.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            || ctx.lex.is_stopword(w)
        {
            break;
        }
        e += 1;
    }
    // The phrase must end in a word for a government ("regime", "junta") and say
    // something beyond it: a modifier, or a loaded noun ("Nicaragua’s communist
    // regime", "the Cuban and Venezuelan regimes"; not "the Israeli government").
    let last = e.checked_sub(1).filter(|&l| l >= start)?;
    if !ctx.lex.words.government_nouns.contains(&st.folded[last]) {
        return None;
    }
    if last == start && !ctx.lex.loaded.contains_key(&st.folded[last]) {
        return None;
    }
    if st.toks.get(e).is_some_and(|t| {
        t.text(ctx.text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }) {
        return None;
    }
    let span = Span::new(st.toks[start].span.start, st.toks[last].span.end);
    Some(ctx.label(m.entity, LabelKind::Description, span))
}

#[cfg(test)]
mod tests {
    use crate::analyze_text;
    use parallax_core::{Analysis, LabelKind, Voice};

    fn labels_of(a: &Analysis, name: &str) -> Vec<(LabelKind, String)> {
        let Some(e) = a.entities.iter().position(|e| e.name.contains(name)) else {
            panic!(
                "no entity {name}: {:?}",
                a.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        };
        a.labels
            .iter()
            .filter(|l| l.entity == e)
            .map(|l| (l.kind, l.text.clone()))
            .collect()
    }

    #[test]
    fn premodifiers_with_possessor_and_titles() {
        let a = analyze_text(
            "The summit was hosted by Venezuela’s socialist dictator Nicolás Maduro on Friday.",
        );
        assert_eq!(
            labels_of(&a, "Maduro"),
            vec![(
                LabelKind::Premodifier,
                "Venezuela’s socialist dictator".to_string()
            )]
        );
        let b =
            analyze_text("Bolivia’s socialist and pro-Iran President Luis Arce proposed a vote.");
        assert_eq!(
            labels_of(&b, "Arce"),
            vec![(
                LabelKind::Premodifier,
                "Bolivia’s socialist and pro-Iran President".to_string()
            )]
        );
        let c = analyze_text("They met Grenada’s Foreign Minister Joseph Andall in the capital.");
        assert_eq!(labels_of(&c, "Andall")[0].1, "Grenada’s Foreign Minister");
    }

    #[test]
    fn a_possessive_after_a_noun_opens_the_label() {
        // (BASIL 06ffda2d, HuffPost: the label was "a sexual harassment lawsuit his
        // former communications director")
        let a = analyze_text(
            "Farenthold used $84,000 in taxpayer funds to settle a sexual harassment \
             lawsuit his former communications director, Lauren Greene, had filed in 2014.",
        );
        assert_eq!(
            labels_of(&a, "Lauren Greene"),
            vec![(
                LabelKind::Appositive,
                "his former communications director".to_string()
            )]
        );
    }

    #[test]
    fn labels_start_after_a_noun_and_and_stop_at_not_and_adjunct_nouns() {
        // (BASIL 2058ec60, 4f473faf, 1f99798f: "class certification and Justice",
        // "satisfy Justice", "lawmakers and Republican Gov.", Trump "staunch")
        let a = analyze_text(
            "That did not satisfy Justice Scalia. He set standards for class \
             certification and Justice Ruth Bader Ginsburg said it was possible. But \
             state lawmakers and Republican Gov. Mike Pence have been firm. John \
             Brennan, a staunch Trump critic, spoke.",
        );
        let premodifier = |name: &str| -> Vec<String> {
            labels_of(&a, name)
                .into_iter()
                .filter(|l| l.0 == LabelKind::Premodifier)
                .map(|l| l.1)
                .collect()
        };
        assert_eq!(premodifier("Scalia"), vec!["Justice"]);
        let b = analyze_text("This dual argument that confounded Justice Kennedy was odd.");
        assert_eq!(
            labels_of(&b, "Kennedy"),
            vec![(LabelKind::Premodifier, "Justice".to_string())]
        );
        assert_eq!(premodifier("Ruth Bader Ginsburg"), vec!["Justice"]);
        assert_eq!(premodifier("Mike Pence"), vec!["Republican Gov."]);
        assert!(premodifier("Trump").is_empty());
    }

    #[test]
    fn coordinated_names_share_a_label() {
        let a = analyze_text(
            "It was founded in 2004 by the late dictators Hugo Chávez and Fidel Castro.",
        );
        assert_eq!(labels_of(&a, "Chávez")[0].1, "late dictators");
        assert_eq!(labels_of(&a, "Fidel Castro")[0].1, "late dictators");
    }

    #[test]
    fn labels_stop_at_verbs_prepositions_and_other_people() {
        let a = analyze_text(
            "Congress is set to vote to override President Barack Obama’s veto. \
             Chuck Schumer led the effort against the president alongside Sen. John Cornyn. \
             In a letter to Senate Majority Leader Mitch McConnell and Harry Reid, Barack \
             Obama warned the bill could cause chaos. \
             Representative Nancy Pelosi of California, the Democratic leader, spoke. \
             The override is the first Mr. Obama has faced. \
             Senate Minority Leader Harry Reid (D-Nev.) was the lone opposition.",
        );
        assert_eq!(
            labels_of(&a, "Obama"),
            vec![(LabelKind::Premodifier, "President".to_string())]
        );
        assert_eq!(
            labels_of(&a, "Cornyn"),
            vec![(LabelKind::Premodifier, "Sen.".to_string())]
        );
        assert_eq!(
            labels_of(&a, "Pelosi"),
            vec![
                (LabelKind::Premodifier, "Representative".to_string()),
                (LabelKind::Appositive, "the Democratic leader".to_string())
            ]
        );
        assert!(labels_of(&a, "California").is_empty());
        // the singular title of McConnell is not Reid's too
        assert_eq!(
            labels_of(&a, "Reid"),
            vec![(LabelKind::Premodifier, "Senate Minority Leader".to_string())]
        );
    }

    #[test]
    fn honorifics_progressives_and_officials_places_are_no_labels() {
        let a = analyze_text(
            "It could detract from the carefully choreographed event Mr. Romney’s strategists \
             are planning. Todd Akin is challenging Democratic Missouri Sen. Claire McCaskill. \
             Paul Ryan is to deliver the prestigious Whittington Lecture. \
             Hugo Chávez was awarded the Star of Palestine honour.",
        );
        assert!(labels_of(&a, "Romney").is_empty());
        assert!(labels_of(&a, "Akin").is_empty());
        assert!(labels_of(&a, "Missouri").is_empty());
        assert!(labels_of(&a, "Ryan").is_empty());
        assert_eq!(
            labels_of(&a, "Chávez"),
            vec![(
                LabelKind::Predicate,
                "awarded the Star of Palestine honour".to_string()
            )]
        );
    }

    #[test]
    fn appositives_before_and_after() {
        let a = analyze_text(
            "During the meeting, the Castro regime’s figurehead president, Miguel Díaz-Canel, rejected it.",
        );
        assert_eq!(
            labels_of(&a, "Díaz-Canel"),
            vec![(
                LabelKind::Appositive,
                "the Castro regime’s figurehead president".to_string()
            )]
        );
        let b = analyze_text(
            "It is a core demand of Hamas, the radical jihadist terror organization based in Gaza.",
        );
        assert_eq!(
            labels_of(&b, "Hamas"),
            vec![(
                LabelKind::Appositive,
                "the radical jihadist terror organization".to_string()
            )]
        );
        // a clause is not an appositive
        let c =
            analyze_text("The meeting was in Havana, Cuba, the bloc has issued statements since.");
        assert!(labels_of(&c, "Cuba").is_empty());
    }

    #[test]
    fn predicates_and_country_descriptions() {
        let a = analyze_text(
            "ALBA-TCP, often simply referred to as “ALBA,” is a self-declared far-left free trade bloc founded in Havana.",
        );
        assert_eq!(
            labels_of(&a, "ALBA"),
            vec![(
                LabelKind::Predicate,
                "self-declared far-left free trade bloc".to_string()
            )]
        );
        let b = analyze_text("Sanctions were imposed on Nicaragua’s communist regime last year.");
        assert_eq!(
            labels_of(&b, "Nicaragua"),
            vec![(LabelKind::Description, "communist regime".to_string())]
        );
        let c = analyze_text(
            "The bloc was founded by the Cuban and Venezuelan regimes as a two-country group.",
        );
        assert_eq!(labels_of(&c, "Cuba")[0].1, "regimes");
        assert_eq!(labels_of(&c, "Venezuela")[0].1, "regimes");
        // a plain government is not a label, and a state named for a people is not either
        let d = analyze_text("The Israeli government met. They back a Palestinian state.");
        assert!(labels_of(&d, "Israel").is_empty() && labels_of(&d, "Palestine").is_empty());
    }

    #[test]
    fn determiner_chains_and_what_is_not_a_label() {
        let a =
            analyze_text("Meanwhile, an indignant and embarrassed Germany has filed an objection.");
        assert_eq!(labels_of(&a, "Germany")[0].1, "indignant and embarrassed");
        // a verb and its object, a possessor, a noun adjunct
        let b = analyze_text(
            "Sheinbaum welcomed the ambassador and supporting Palestine’s bid was easy.",
        );
        assert!(labels_of(&b, "Palestine").is_empty());
        let c = analyze_text("It came months before the kidnapping by Donald Trump’s US forces.");
        assert!(labels_of(&c, "United States").is_empty());
        let d = analyze_text("The island suffers the illegal, murderous US blockade.");
        assert!(labels_of(&d, "United States").is_empty());
    }

    #[test]
    fn labels_inside_quotes_are_quoted_voice() {
        let a = analyze_text(
            "“We will not bow to the corrupt President Joe Smith,” the activist said.",
        );
        let l = a
            .labels
            .iter()
            .find(|l| l.text.contains("President"))
            .unwrap();
        assert_eq!(l.voice, Voice::Quoted);
    }

    #[test]
    fn places_counts_pointing_words_and_clauses_are_no_labels() {
        // BASIL read-through (session 25, patterns P9, P12, P13)
        let a = analyze_text(
            "The nearby St. Louis Tea Party had a meeting. He wanted to learn about the \
             real Mexico. Mr. Sestak, a retired admiral, was already planning a run. \
             Mr. Clinton was at the White House on Thursday to have lunch. Cordova is \
             just one of 198 people that Weiner follows. Linda McMahon is one of the \
             Republican Senate candidates. On Tuesday as the House was preparing to \
             vote on the nation's debt limit, Weiner was back tweeting. The rare public \
             statement by a spokesman for the special counsel, Robert S. Mueller III, \
             challenged the report.",
        );
        assert!(labels_of(&a, "St. Louis Tea Party").is_empty());
        assert!(labels_of(&a, "Mexico").is_empty());
        assert_eq!(
            labels_of(&a, "Sestak"),
            vec![(LabelKind::Appositive, "a retired admiral".to_string())]
        );
        assert!(labels_of(&a, "Clinton").is_empty());
        assert!(labels_of(&a, "Cordova").is_empty());
        assert!(labels_of(&a, "Weiner").is_empty());
        assert_eq!(
            labels_of(&a, "McMahon"),
            vec![(
                LabelKind::Predicate,
                "one of the Republican Senate candidates".to_string()
            )]
        );
        assert_eq!(
            labels_of(&a, "Mueller"),
            vec![(LabelKind::Appositive, "the special counsel".to_string())]
        );
    }
}
