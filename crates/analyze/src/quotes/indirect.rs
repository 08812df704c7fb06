//! Indirect speech without quotation marks: "X said that …", "X said he would",
//! "according to X, …", "…, X said", commitments ("vowed to …"), each reported
//! clause cut where the writer's own words begin.

use parallax_core::{Cue, MentionForm, Quote, QuoteKind, Span, Speaker};

use super::cue::cue_at;
use super::speaker::{mention_starting, sentence_subject, speaker_np, subject_before};
use super::{MarkedQuote, in_any, trim_punct};
use crate::context::Context;
use crate::text::SentToks;
use crate::text::TokKind;

/// Indirect speech: "X said that …" and "according to X, …" with no quotation marks.
pub fn find_indirect(ctx: &Context, marked: &[MarkedQuote]) -> Vec<Quote> {
    let quoted = crate::index::union(marked.iter().map(|m| m.span));
    let mut out = Vec::new();
    for (si, st) in ctx.sents.iter().enumerate() {
        let sent = ctx.sentences[si].span;
        // A sentence may hold a quotation and indirect speech ("Carson said he saw no
        // need to change, telling him that “we tell the truth”"): the cue and its
        // clause must be outside the quotation, and the clause stops where it starts.
        let has_quote = crate::index::overlaps_any(&quoted, sent);
        // after a reported clause, the next cue may open another ("Clinton is honest,
        // and three-quarters said the same of Sanders")
        let mut resume = 0;
        for k in 0..st.toks.len() {
            if k < resume || (has_quote && in_any(&quoted, st.toks[k].span)) {
                continue;
            }
            let Some((cue, after)) = cue_at(ctx, st, k) else {
                continue;
            };
            let lemma = ctx.lex.lemma(&cue.lemma);
            if has_quote && lemma.source {
                continue;
            }
            // "Clinton was declared the winner", "Sanders had been told …": in the
            // passive the subject is who the words were about or to, not who spoke
            let passive = k > 0
                && ctx
                    .lex
                    .words
                    .passive_auxiliaries
                    .contains(&st.folded[k - 1])
                && !lemma.source
                && (st.folded[k].ends_with("ed")
                    || ctx.lex.words.irregular_participles.contains(&st.folded[k]));
            if passive {
                continue;
            }
            if lemma.source {
                let Some((sp, np_end)) = speaker_np(ctx, st, after) else {
                    continue;
                };
                // content is the rest of the sentence on the other side of the phrase
                let content = if k == 0 {
                    let start = st
                        .toks
                        .get(np_end + 1)
                        .map(|t| t.span.start)
                        .unwrap_or(sent.end);
                    Span::new(start, sent.end)
                } else {
                    Span::new(sent.start, st.toks[k - 1].span.start)
                }
                .trim(ctx.text);
                let content = trim_punct(ctx.text, content);
                // "…?” O’Malley said at a press conference, according to the Sun": the
                // words before are an attribution of a quotation, not what was said
                let attribution = (0..k).any(|i| {
                    cue_at(ctx, st, i).is_some_and(|(c, after)| {
                        ctx.lex.lemma(&c.lemma).plain
                            && k.saturating_sub(skip_time_adjunct(ctx, st, after)) <= 5
                    })
                });
                if content.text(ctx.text).split_whitespace().count() >= 3 && !attribution {
                    out.push(indirect(ctx, sent, content, Some(sp), cue));
                }
                break;
            }
            // "…, officials said." / "…, said the minister.": the attribution closes
            // the sentence and the words before its comma are what was said.
            if let Some(q) = (!has_quote)
                .then(|| trailing_attribution(ctx, st, sent, k, after, &cue, &quoted))
                .flatten()
            {
                out.push(q);
                break;
            }
            // "X said (on Monday) he would …": a reported clause without "that", for
            // verbs that take one ("condemned the attacks" is an object, not speech).
            // ", said RoseAnn DeMoro, executive director of …": an inverted attribution,
            // the name after the verb is who speaks, not a clause
            let inverted = k > 0
                && st.toks[k - 1].text(ctx.text) == ","
                && mention_starting(ctx, st, after).is_some_and(|m| {
                    m.form != MentionForm::Pronoun && {
                        let next = st.first_from(m.span.end);
                        st.toks
                            .get(next)
                            .is_none_or(|t| matches!(t.text(ctx.text), "," | "." | ";"))
                    }
                });
            if st.folded.get(after).map(String::as_str) != Some("that") && lemma.clause && !inverted
            {
                let mut j = after;
                if lemma.hearer {
                    // "told reporters", "told CNN", "told the Times": the hearer, then
                    // the clause
                    j = skip_hearer(ctx, st, j);
                }
                j = skip_time_adjunct(ctx, st, j);
                // "said on MSNBC that", "claimed at the time that", "said in a
                // statement Saturday that": a longer adjunct, when "that" ends it
                let noun_form = noun_form(ctx, st, k);
                if let Some(that) = (!noun_form)
                    .then(|| that_after_adjunct(ctx, st, j))
                    .flatten()
                {
                    j = that;
                }
                // "As The Hill reported, Trump was …": a comma, then the clause
                let comma = st.toks.get(j).is_some_and(|t| t.text(ctx.text) == ",")
                    && st.folded.first().is_some_and(|w| w == "as");
                if comma {
                    j += 1;
                }
                let that = st.folded.get(j).map(String::as_str) == Some("that");
                let clause = if that { j + 1 } else { j };
                if (that
                    || comma
                    || starts_clause(ctx, st, clause)
                    || (!noun_form && finite_clause(ctx, st, clause)))
                    && st.toks.len().saturating_sub(clause) >= 4
                {
                    if let Some(sp) = cue_subject(ctx, st, k, &quoted) {
                        if let (Some(content), stop) =
                            reported_clause(ctx, st, sent, clause, &quoted)
                        {
                            out.push(indirect(ctx, sent, content, Some(sp), cue));
                            let Some(stop) = stop else { break };
                            resume = st.first_from(stop);
                            continue;
                        }
                    }
                }
            }
            // "Trump vowed to impose a 35 percent tax …", "Obama has promised to veto
            // it": a commitment reported by its verb, the infinitive is what was said
            if lemma.commitment
                && st.folded.get(after).map(String::as_str) == Some("to")
                && !noun_form(ctx, st, k)
            {
                if let Some(sp) = cue_subject(ctx, st, k, &quoted) {
                    if let (Some(content), stop) = reported_clause(ctx, st, sent, after, &quoted) {
                        out.push(indirect(ctx, sent, content, Some(sp), cue));
                        let Some(stop) = stop else { break };
                        resume = st.first_from(stop);
                        continue;
                    }
                }
            }
            if st.folded.get(after).map(String::as_str) == Some("that") {
                let Some(sp) = cue_subject(ctx, st, k, &quoted) else {
                    continue;
                };
                let (content, stop) = reported_clause(ctx, st, sent, after + 1, &quoted);
                if let Some(content) = content {
                    out.push(indirect(ctx, sent, content, Some(sp), cue));
                }
                let Some(stop) = stop else { break };
                resume = st.first_from(stop);
            }
        }
    }
    out
}

fn starts_clause(ctx: &Context, st: &SentToks, k: usize) -> bool {
    let Some(w) = st.folded.get(k) else {
        return false;
    };
    // "he’d", "they're": the pronoun before the apostrophe
    let head = w.split(['\'', '’']).next().unwrap_or(w);
    let words = &ctx.lex.words;
    if words.clause_starts.contains(head)
        || mention_starting(ctx, st, k).is_some_and(|m| m.form != MentionForm::Pronoun)
    {
        return true;
    }
    // "Mr. Trump's criticism …", "President Obama would …": a title, then a name
    if (ctx.lex.role(w).is_some() || words.speaker_honorifics.contains_undotted(head))
        && mention_starting(ctx, st, k + 1).is_some_and(|m| m.form != MentionForm::Pronoun)
    {
        return true;
    }
    // "a stern sentence could …", "two officials were …": an indefinite or a number
    // opens an object as often as a clause ("said a prayer"), so only with an
    // auxiliary or modal verb soon after.
    (words.indefinites.contains(head) || head.starts_with(|c: char| c.is_ascii_digit()))
        && st.folded[k + 1..st.folded.len().min(k + 9)]
            .iter()
            .any(|w| words.finite.contains(w))
}

/// Who is told: "reporters", "CNN", "the Times", "The Associated Press" (a pronoun
/// or a word, or a determiner and the capitalised words after it). The token after.
fn skip_hearer(ctx: &Context, st: &SentToks, j: usize) -> usize {
    let capital = |i: usize| {
        st.toks.get(i).is_some_and(|t| {
            t.kind == TokKind::Word && t.text(ctx.text).starts_with(|c: char| c.is_uppercase())
        })
    };
    match st.folded.get(j).map(String::as_str) {
        Some("the") if capital(j + 1) => {
            let mut e = j + 1;
            while e < j + 4 && capital(e) {
                e += 1;
            }
            e
        }
        Some(_) if capital(j) => {
            let mut e = j;
            while e < j + 3 && capital(e) {
                e += 1;
            }
            e
        }
        Some(_) if st.toks[j].kind == TokKind::Word => j + 1,
        _ => j,
    }
}

/// The "that" after an adjunct opening at `k` with a preposition or a time word ("on
/// MSNBC that", "at the time that", "during a news conference that"), within a few
/// words and no punctuation. Not when "that" is a relative pronoun ("said in a report
/// that was released").
fn that_after_adjunct(ctx: &Context, st: &SentToks, k: usize) -> Option<usize> {
    let words = &ctx.lex.words;
    let w = |i: usize| st.folded.get(i).map(String::as_str).unwrap_or("");
    if !(words.adjunct_openers.contains(w(k)) || crate::statements::WEEKDAYS.contains(&w(k))) {
        return None;
    }
    let end = st.toks.len().min(k + 9);
    for i in k + 1..end {
        if st.toks[i].kind == TokKind::Punct {
            return None;
        }
        if w(i) == "that" {
            // "in a documentary that showed off …": a verb after "that" makes it a
            // relative pronoun
            let next = w(i + 1);
            let verb = words.finite.contains(next) || (next.len() > 4 && next.ends_with("ed"));
            return (!verb).then_some(i);
        }
    }
    None
}

/// The cue form at `k` is as often a noun (`noun` in cues.tsv: "populist notes
/// similar to …", "fundraising reports through Jan. 31 that …"): the looser clause
/// rules do not follow it.
fn noun_form(ctx: &Context, st: &SentToks, k: usize) -> bool {
    ctx.lex.cue(&st.folded[k]).is_some_and(|c| c.noun)
}

/// "said economic stagnation is …", "said much of his discussion with Trump was …",
/// "said if he were president …": a clause that opens with any noun phrase, known by
/// a finite verb before any punctuation or relative pronoun ("said a prayer for the
/// victims" has none; "said the name of the town, which" stops at the comma).
fn finite_clause(ctx: &Context, st: &SentToks, k: usize) -> bool {
    let Some(first) = st.folded.get(k) else {
        return false;
    };
    // a verb first means the cue was a noun ("the jobs report has cleared …", "pledged
    // delegates will …"), a conjunction that the clause is the writer's
    let words = &ctx.lex.words;
    let verb_like = words.finite.contains(first)
        || (first.len() > 4 && (first.ends_with("ed") || first.ends_with("ing")))
        || ctx.lex.cue(first).is_some();
    if st.toks[k].kind != TokKind::Word
        || words.not_clause_openers.contains(first)
        || words.joins.contains(first)
        || verb_like
    {
        return false;
    }
    if words.conditional_openers.contains(first) {
        return true;
    }
    verb_follows(ctx, st, k)
}

/// A finite verb (an auxiliary, or a past form not after a determiner) within a few
/// words after token `k`, before any punctuation or relative pronoun.
fn verb_follows(ctx: &Context, st: &SentToks, k: usize) -> bool {
    let words = &ctx.lex.words;
    for i in k + 1..st.toks.len().min(k + 12) {
        if st.toks[i].kind == TokKind::Punct {
            return false;
        }
        let w = st.folded[i].as_str();
        if words.relative_pronouns.contains(w) {
            return false;
        }
        let participle = w.len() > 4
            && w.ends_with("ed")
            && !words.determiners.contains(&st.folded[i - 1])
            && ctx.lex.cue(w).is_none();
        if words.finite.contains(w) || participle {
            return true;
        }
    }
    false
}

/// "on Monday", "Tuesday", "yesterday", "last week", "in a statement", "in an interview".
fn skip_time_adjunct(ctx: &Context, st: &SentToks, k: usize) -> usize {
    let words = &ctx.lex.words;
    let is_day =
        |w: &str| crate::statements::WEEKDAYS.contains(&w) || words.time_adverbs.contains(w);
    let w = |i: usize| st.folded.get(i).map(String::as_str).unwrap_or("");
    let x = w(k);
    // "on Monday", "last week"
    if (x == "on" && is_day(w(k + 1)))
        || (words.time_modifiers.contains(x) && words.periods.contains(w(k + 1)))
    {
        k + 2
    } else if words.relative_time_words.contains(x) && w(k + 1) == "this" {
        skip_time_adjunct(ctx, st, k + 1)
    } else if x == "in"
        && words.indefinite_articles.contains(w(k + 1))
        && words.occasions.contains(w(k + 2))
    {
        k + 3
    } else if is_day(x) {
        k + 1
    } else {
        k
    }
}

/// "CONTENT, X said [adjunct]." or "CONTENT, said X." with the cue at `k`.
fn trailing_attribution(
    ctx: &Context,
    st: &SentToks,
    sent: Span,
    k: usize,
    after: usize,
    cue: &Cue,
    quoted: &[Span],
) -> Option<Quote> {
    let n = st.toks.len();
    let is_punct = |i: usize| st.toks[i].kind != TokKind::Word;
    // what follows the cue: an optional adjunct, then only closing punctuation
    // "In a 1963 speech, he declared: “…”": a colon or an opening mark introduces
    // the speech, so the words before the comma are not it
    let rest_ok = |from: usize| {
        let j = skip_time_adjunct(ctx, st, from);
        (j..n).all(|i| is_punct(i) && !matches!(st.toks[i].text(ctx.text), ":" | "“" | "\"" | "‘"))
    };
    let (speaker, comma) = if k > 0 && st.toks[k - 1].text(ctx.text) == "," {
        // inverted: ", said the minister."
        let (sp, np_end) = speaker_np(ctx, st, after)?;
        if !rest_ok(np_end + 1) {
            return None;
        }
        (sp, k - 1)
    } else {
        if !rest_ok(after) {
            return None;
        }
        let sp = subject_before(ctx, st, k, quoted)?;
        // the comma just before the subject (a determiner or a title word may sit
        // between: ", the minister said", ", senior officials said")
        let first = (0..k).find(|&i| st.toks[i].span.start >= sp.span.start)?;
        let comma = (first.saturating_sub(3)..first)
            .rev()
            .find(|&i| st.toks[i].text(ctx.text) == ",")?;
        if (comma + 1..first).any(is_punct) {
            return None;
        }
        (sp, comma)
    };
    let content = trim_punct(
        ctx.text,
        Span::new(sent.start, st.toks[comma].span.start).trim(ctx.text),
    );
    if content.text(ctx.text).split_whitespace().count() < 4 {
        return None;
    }
    Some(indirect(ctx, sent, content, Some(speaker), cue.clone()))
}

/// Who speaks through the cue at `k`: the subject right before it, or, after "and"
/// or "but", the sentence's ("Mayor Jackson defended the route and said …").
fn cue_subject(ctx: &Context, st: &SentToks, k: usize, quoted: &[Span]) -> Option<Speaker> {
    if k > 0 && ctx.lex.words.clause_joins.contains(&st.folded[k - 1]) {
        if let Some(sp) = sentence_subject(ctx, st, k) {
            return Some(sp);
        }
    }
    // "Lewandowski continued to say he …", "He went on to say that …": the
    // infinitive's speaker is the subject of the verb before "to"
    if k >= 2 && st.folded[k - 1] == "to" && !st.folded[k].ends_with("ing") {
        let verb = if k >= 3 && st.folded[k - 2] == "on" {
            k - 3
        } else {
            k - 2
        };
        return subject_before(ctx, st, verb, quoted);
    }
    // ", saying that …" shares the sentence's subject; the words before the comma
    // are an object, not who speaks
    if k > 0 && st.folded[k].ends_with("ing") && st.toks[k - 1].text(ctx.text) == "," {
        return sentence_subject(ctx, st, k);
    }
    subject_before(ctx, st, k, quoted)
}

/// The reported clause opening at token `from`: its words when there are three or
/// more, and the byte where it stops before the sentence's end, if it does
/// ([`clause_end`]).
fn reported_clause(
    ctx: &Context,
    st: &SentToks,
    sent: Span,
    from: usize,
    quoted: &[Span],
) -> (Option<Span>, Option<usize>) {
    let stop = clause_end(ctx, st, from);
    let start = st.toks.get(from).map_or(sent.end, |t| t.span.start);
    let content = clause_content(ctx.text, start, stop.unwrap_or(sent.end), quoted);
    let words = content.text(ctx.text).split_whitespace().count();
    ((words >= 3).then_some(content), stop)
}

/// Where the reported clause opening at token `from` ends before the sentence does:
/// at the writer's own words that follow it. Those are a new clause after ", and" or
/// ", but" (unless "that" continues the report: "said A, and that B"), a verb of
/// speech after "and" ("… and said that", "… and she accused"), a relative or
/// contrasting clause after a comma (", which", ", where", ", while", ", however"),
/// a participle after a comma (", putting them …"), a dash, a parenthesis or a
/// semicolon. The byte offset where the clause stops, or None for the sentence's end.
fn clause_end(ctx: &Context, st: &SentToks, from: usize) -> Option<usize> {
    let words = &ctx.lex.words;
    let w = |i: usize| st.folded.get(i).map(String::as_str).unwrap_or("");
    let n = st.toks.len();
    // a reported clause holds a few words before anything can end it
    for i in (from + 3).min(n)..n {
        let t = st.toks[i];
        let raw = t.text(ctx.text);
        let spaced = ctx.text[..t.span.start].ends_with(' ');
        // a relative clause or a participle may still belong to the clause's subject
        // ("said the annual talks, which started …, remained …")
        let long = i >= from + 5;
        let stop = match raw {
            "," => {
                let p = w(i + 1);
                if words.clause_joins.contains(p) {
                    w(i + 2) != "that"
                } else if words.contrast_openers.contains(p) {
                    true
                } else if words.relative_openers.contains(p) {
                    long
                } else if words.clause_continuers.contains(p) {
                    false
                } else {
                    long && p.len() > 4
                        && p.ends_with("ing")
                        && st.toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Word)
                }
            }
            ";" | "(" | "—" | "–" | "―" | "--" => true,
            "-" => spaced,
            _ => {
                words.clause_joins.contains(w(i))
                    && (cue_at(ctx, st, i + 1).is_some()
                        || (words.subject_pronouns.contains(w(i + 1))
                            && cue_at(ctx, st, i + 2).is_some()))
            }
        };
        if stop {
            return Some(t.span.start);
        }
    }
    None
}

/// A reported clause from `start` to the sentence's end. When a quotation starts
/// inside it, the clause usually runs into the quotation ("said his campaign was
/// “closing really strong”", a mixed quote the quotes layer already has): it is
/// kept only when a comma and a participle or "and" end it before the quotation
/// ("said he saw no need to change, telling him that “…”"). Empty when none.
fn clause_content(text: &str, start: usize, end: usize, quoted: &[Span]) -> Span {
    let none = Span::new(start, start);
    if quoted.iter().any(|q| q.start <= start && start < q.end) {
        return none;
    }
    let Some(stop) = quoted
        .iter()
        .map(|q| q.start)
        .filter(|&q| q > start && q < end)
        .min()
    else {
        return trim_punct(text, Span::new(start, end).trim(text));
    };
    let piece = &text[start..stop];
    let cut = piece.rmatch_indices(", ").map(|(i, _)| i).find(|&i| {
        let next = piece[i + 2..].split_whitespace().next().unwrap_or("");
        next.ends_with("ing") || next == "and" || next == "but"
    });
    match cut {
        Some(i) => trim_punct(text, Span::new(start, start + i).trim(text)),
        None => none,
    }
}

fn indirect(ctx: &Context, sent: Span, content: Span, speaker: Option<Speaker>, cue: Cue) -> Quote {
    Quote {
        kind: QuoteKind::Indirect,
        span: sent,
        content,
        text: content.text(ctx.text).to_string(),
        speaker,
        cue: Some(cue),
        also_at: Vec::new(),
        parts: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::analyze_text;
    use parallax_core::QuoteKind;

    #[test]
    fn indirect_speech_beside_a_quotation_and_after_and() {
        let a = analyze_text(
            "Ben Carson said he saw no need to change anything about his campaign, telling George Stephanopoulos that “we tell the truth.”\n\nMarco Rubio said his campaign here was “closing really strong.”\n\nMayor Frank Jackson of Cleveland defended the march route and said the police had trained for months to deal with protesters.",
        );
        let ind: Vec<_> = a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .collect();
        let carson = ind
            .iter()
            .find(|q| q.text.starts_with("he saw no need"))
            .expect("Carson's clause");
        assert_eq!(
            carson.text,
            "he saw no need to change anything about his campaign"
        );
        // a clause that runs into the quotation is the mixed quote, not a second one
        assert!(
            ind.iter().all(|q| !q.text.contains("his campaign here")),
            "{ind:?}"
        );
        assert_eq!(
            speaker_of(&a, "closing really strong").as_deref(),
            Some("Marco Rubio")
        );
        assert_eq!(
            speaker_of(&a, "police had trained").as_deref(),
            Some("Frank Jackson")
        );
    }

    #[test]
    fn indirect_speech() {
        let a = analyze_text(
            "Nicolás Maduro said that the elections would be held in July. The vote was delayed, according to the United Nations.",
        );
        let ind: Vec<_> = a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .collect();
        assert_eq!(ind.len(), 2, "{:?}", a.quotes);
        assert_eq!(ind[0].text, "the elections would be held in July");
        assert_eq!(ind[1].text, "The vote was delayed");
        assert_eq!(
            a.entities[ind[1].speaker.as_ref().unwrap().entity.unwrap()].name,
            "United Nations"
        );
    }

    #[test]
    fn indirect_speech_without_that_and_trailing_attribution() {
        let a = analyze_text(
            "Gustavo Petro said on Tuesday he would suspend coal exports to Israel. \
             The summit will be held in Caracas next year, Luis Arce said. \
             The bloc must admit Palestine as a member, said Ralph Gonsalves. \
             Claudia Sheinbaum told reporters the border would stay open. \
             The weather was fine, and the roads were dry on Monday. \
             The bloc made no mention of Hamas, nor did they condemn the attacks on Israel. \
             Maduro issued a powerful statement reiterating his support for the cause.",
        );
        let ind: Vec<(String, String)> = a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| {
                let sp = q
                    .speaker
                    .as_ref()
                    .and_then(|s| s.entity)
                    .map(|e| a.entities[e].name.clone());
                (q.text.clone(), sp.unwrap_or_default())
            })
            .collect();
        let want = [
            ("he would suspend coal exports to Israel", "Gustavo Petro"),
            ("The summit will be held in Caracas next year", "Luis Arce"),
            (
                "The bloc must admit Palestine as a member",
                "Ralph Gonsalves",
            ),
            ("the border would stay open", "Claudia Sheinbaum"),
        ];
        assert_eq!(ind.len(), want.len(), "{ind:?}");
        for ((text, sp), (wt, ws)) in ind.iter().zip(want) {
            assert_eq!((text.as_str(), sp.as_str()), (wt, ws));
        }
    }

    #[test]
    fn a_reported_clause_ends_where_the_writer_takes_over() {
        let a = analyze_text(
            "Hillary Clinton said Russian intelligence services hacked into the committee's \
             computers and she accused Donald Trump of showing support for Vladimir Putin. \
             Marco Rubio said the real extremist on abortion is Hillary Clinton, and he \
             railed against the moderators. \
             John Kerry said the annual talks, which started a decade ago, remained useful. \
             Chris Christie said he would quarantine people over fears of the Zika virus, \
             which is spread by mosquitoes. \
             Six in 10 voters said Clinton is honest and trustworthy, and three-quarters \
             said the same of Bernie Sanders. \
             The candidates include state Rep. Carol Ammons of Illinois.",
        );
        let ind = indirect_texts(&a);
        assert_eq!(
            ind,
            [
                "Russian intelligence services hacked into the committee's computers",
                "the real extremist on abortion is Hillary Clinton",
                "the annual talks, which started a decade ago, remained useful",
                "he would quarantine people over fears of the Zika virus",
                "Clinton is honest and trustworthy",
                "the same of Bernie Sanders",
            ]
        );
    }

    #[test]
    fn a_bare_clause_known_by_its_finite_verb() {
        let a = analyze_text(
            "Sheldon Adelson said much of his discussion with Trump was about Israel. \
             Bernie Sanders said economic stagnation is the source of the disaffection. \
             Bernie Sanders said if he were president, the program would be expanded. \
             Marco Rubio said a prayer for the victims of the attack in Orlando. \
             Trump also struck populist notes similar to those Sanders had sounded. \
             Clinton holds a lead in California, where 475 pledged delegates will be at stake. \
             Trump's tweet came as South Carolina was holding its primary.",
        );
        let ind = indirect_texts(&a);
        assert_eq!(
            ind,
            [
                "much of his discussion with Trump was about Israel",
                "economic stagnation is the source of the disaffection",
                "if he were president, the program would be expanded",
            ]
        );
    }

    #[test]
    fn attributions_of_quotations_are_not_indirect_speech() {
        let a = analyze_text(
            "In a 1963 speech, George Wallace declared: “Segregation now, segregation \
             forever.” \
             “We are extremely happy” about the decision, said RoseAnn DeMoro, executive \
             director of National Nurses United.\n\n\
             “Is it because it is an election year?” \
             Martin O’Malley said at a press conference, according to the Las Vegas Sun.\n\n\
             Bernie Sanders had been told before the vote that he would probably lose. \
             Hillary Clinton was declared the winner in Maryland by the networks.",
        );
        let ind = indirect_texts(&a);
        assert!(ind.is_empty(), "{ind:?}");
    }

    #[test]
    fn a_commitment_reports_its_infinitive() {
        let a = analyze_text(
            "At rally after rally, Donald Trump vows to impose a 35 percent tax on Carrier \
             products. Barack Obama has promised to veto the bill. Members of both parties \
             have vowed to override the veto. \
             Bernie Sanders has vowed to soldier on and amass as many delegates as possible. \
             His promises to cut taxes were popular.",
        );
        assert_indirect(
            &a,
            &[
                (
                    "to impose a 35 percent tax on Carrier products",
                    "Donald Trump",
                ),
                ("to veto the bill", "Barack Obama"),
                ("to override the veto", "Members of both parties"),
                (
                    "to soldier on and amass as many delegates as possible",
                    "Bernie Sanders",
                ),
            ],
        );
    }

    #[test]
    fn that_after_an_adjunct_or_a_named_hearer() {
        let a = analyze_text(
            "James Melendres said on MSNBC that there appeared to be a lack of willfulness. \
             Hillary Clinton claimed at the time that she had turned over everything. \
             Bernie Sanders said in a statement Saturday that he congratulated Clinton. \
             Peter Cook told the Times that Ash Carter believes it was a mistake. \
             NBC News and ABC News both reported Sunday that the FBI had obtained a warrant. \
             The agency said in a report that was released on Monday it had no records.",
        );
        assert_indirect(
            &a,
            &[
                (
                    "there appeared to be a lack of willfulness",
                    "James Melendres",
                ),
                ("she had turned over everything", "Hillary Clinton"),
                ("he congratulated Clinton", "Bernie Sanders"),
                ("Ash Carter believes it was a mistake", "Peter Cook"),
                // (two organisations, one speaker a quote: the one nearest the verb)
                ("the FBI had obtained a warrant", "ABC News"),
            ],
        );
    }
}
