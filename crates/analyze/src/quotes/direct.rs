//! Quotations as direct, partial or scare quotes, and their attribution: the
//! speaker and cue found after the quote, before it, before a colon or signed
//! after a dash; a quote with no attribution of its own continues the speaker of
//! the quote or sentence before it. Repeated quotations collapse into one.

use parallax_core::{Cue, Quote, QuoteKind, QuotePart, Span, Speaker, fold};

/// The rule of a speaker carried over from the quote before it in the paragraph.
const CONTINUES: &str = "continues the quote before it in the paragraph";
/// The rule of a speaker carried over from the paragraph before.
const CONTINUES_PARAGRAPH: &str = "continues the previous paragraph's speaker";

use super::cue::{cue_at, invertible};
use super::marks::{is_close_double, strip_open_mark};
use super::speaker::{
    sentence_subject, speaker_at, speaker_from_mention, speaker_np, subject_before, unresolved,
};
use super::{MarkedQuote, in_any, trim_punct};
use crate::context::Context;
use crate::text::TokKind;

/// Where a speaker was found.
struct Found {
    speaker: Option<Speaker>,
    cue: Option<Cue>,
}

pub fn find_quotes(ctx: &Context, marked: &[MarkedQuote]) -> Vec<Quote> {
    let text = ctx.text;
    let mut quotes: Vec<Quote> = Vec::new();
    let mut prev_para_speaker: Option<(usize, Speaker)> = None;
    let quoted_spans = crate::index::union(marked.iter().map(|m| m.span));
    for m in marked {
        let content = strip_open_mark(text, m.content).trim(text);
        let words = content.text(text).split_whitespace().count();
        if words == 0 {
            continue;
        }
        let found = attribute(ctx, m, &quoted_spans);
        // a quoted name of a document or event is not speech, unless a speech verb
        // follows it (“We Are Going To Win,” Trump said; but: he wrote “The Art of
        // the Deal,”)
        let said_after = found
            .cue
            .as_ref()
            .is_some_and(|c| c.span.start >= m.span.end);
        if is_title_like(ctx, content.text(text)) && words >= 2 && !said_after {
            continue;
        }
        if names_words_or_venue(ctx, m.span.start, content.text(text), words) {
            continue;
        }
        let direct_ctx = opens_clause(ctx, m.span.start);
        let mut kind = if direct_ctx {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
        // Short quoted words are the writer's distancing device (“genocide”), unless
        // the clause gives them to a named actor: “It works,” Gonsalves said; Trump
        // called Cruz a “liar”. Words given to nobody, or to an unnamed crowd
        // ("heads of state condemned … a “genocide”"), stay the outlet's scare quotes.
        let attributed = found.speaker.as_ref().is_some_and(|s| s.entity.is_some())
            // “We're anxious,” said another Twitter user: speech punctuation inside
            // the marks and a speech verb with its speaker right after
            || (found.speaker.is_some()
                && found.cue.is_some()
                && content.text(text).trim_end().ends_with([',', '?', '!']));
        if !attributed && (words <= 2 || (words <= 4 && found.speaker.is_none() && !direct_ctx)) {
            kind = QuoteKind::Scare;
        }
        let mut quote = Quote {
            kind,
            span: m.span,
            content,
            text: content.text(text).to_string(),
            speaker: None,
            cue: None,
            also_at: Vec::new(),
            parts: Vec::new(),
        };
        if kind != QuoteKind::Scare {
            quote.speaker = found.speaker;
            quote.cue = found.cue;
            if quote.speaker.is_none() {
                // Continuation: the quote before it in the paragraph, or the previous
                // paragraph's speaker when this paragraph is the quote alone.
                let same_para = quotes
                    .iter()
                    .rev()
                    .take_while(|q| para_of(ctx, q.span) == Some(m.paragraph))
                    .find(|q| q.speaker.is_some() && q.kind != QuoteKind::Scare);
                if let Some(q) = same_para {
                    quote.speaker = q.speaker.clone().map(|mut s| {
                        s.rule = CONTINUES.into();
                        s
                    });
                    quote.cue = q.cue.clone();
                } else if let Some(sp) = previous_sentence_speaker(ctx, m, &quoted_spans) {
                    quote.speaker = Some(sp);
                } else if m.continued || is_whole_paragraph(ctx, m) {
                    if let Some((pp, sp)) = &prev_para_speaker {
                        if *pp + 1 == m.paragraph {
                            let mut sp = sp.clone();
                            sp.rule = CONTINUES_PARAGRAPH.into();
                            quote.speaker = Some(sp);
                        }
                    }
                }
            }
            // Only a speaker tied to an actor carries over to the next paragraph.
            if let Some(s) = quote.speaker.as_ref().filter(|s| s.entity.is_some()) {
                prev_para_speaker = Some((m.paragraph, s.clone()));
            }
        }
        quotes.push(quote);
    }
    let quotes = recurring_scare(quotes);
    join_parts(ctx.text, merge_repeats(quotes))
}

/// "“It was wrong,” she said. “We will fix it.”": a quotation interrupted by its own
/// attribution is one quote in several parts. A direct quotation that continues the
/// speaker of the quote before it, or is given to it by the same words, joins that
/// quote when all that stands between them is the earlier quote's attribution (its
/// speaker or cue, no other quotation, up to 40 words), in the same paragraph or,
/// for a paragraph that is the quotation alone, the next one. Quoted words of one
/// clause, through one cue from one speaker, are one quote too ("called him a “loser,”
/// a “liar” and a “whiner”"). (PolNeAR marks each as one attribution whose content is
/// in pieces.)
fn join_parts(text: &str, quotes: Vec<Quote>) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    for q in quotes {
        if let Some(prev) = out.last_mut() {
            // (its speaker carried over, or the very words that attribute the first
            // part: "“…,” Collins said, “…”")
            let same_words = |s: &Speaker| {
                prev.speaker.as_ref().is_some_and(|p| {
                    p.span == s.span || (p.entity.is_some() && p.entity == s.entity)
                })
            };
            let rule = q.speaker.as_ref().map(|s| s.rule.as_str());
            let next_paragraph = rule == Some(CONTINUES_PARAGRAPH);
            let continues = q.kind == QuoteKind::Direct
                && (rule == Some(CONTINUES)
                    || next_paragraph
                    || q.speaker.as_ref().is_some_and(same_words));
            // "Bush tweeted that Trump is a “loser,” a “liar” and a “whiner.”": quoted
            // words of one clause, one speaker through one cue
            let last = prev.spans().last().unwrap_or(prev.span);
            let gap = Span::new(last.end, q.span.start.max(last.end));
            let same_cue = matches!((&prev.cue, &q.cue), (Some(a), Some(b)) if a.span == b.span);
            let one_clause = q.kind == QuoteKind::Partial
                && prev.kind == QuoteKind::Partial
                && same_cue
                && q.speaker
                    .as_ref()
                    .is_some_and(|s| prev.speaker.as_ref().is_some_and(|p| p.span == s.span))
                && !gap.text(text).contains(['\n', '“', '”', '"', '.', ';']);
            if one_clause {
                join_part(prev, q);
                continue;
            }
            let last = prev.spans().last().unwrap_or(prev.span);
            let gap = Span::new(last.end, q.span.start.max(last.end));
            let attribution_between = [
                prev.speaker.as_ref().map(|s| s.span),
                prev.cue.as_ref().map(|c| c.span),
            ]
            .into_iter()
            .flatten()
            .any(|s| gap.contains(s));
            let gap_text = gap.text(text);
            if continues
                && prev.kind == QuoteKind::Direct
                && attribution_between
                && gap_text.split_whitespace().count() <= 40
                && !gap_text.contains(['“', '”', '"'])
                && (next_paragraph || !gap_text.contains('\n'))
            {
                join_part(prev, q);
                continue;
            }
        }
        out.push(q);
    }
    out
}

/// Joins `q` to `prev` as its next part: one quotation interrupted by its
/// attribution, or one clause quoted in pieces.
fn join_part(prev: &mut Quote, q: Quote) {
    prev.text = format!("{} … {}", prev.text, q.text);
    prev.parts.push(QuotePart {
        span: q.span,
        content: q.content,
    });
    prev.also_at.extend(q.also_at);
}

/// A word the outlet puts in quotation marks on its own somewhere in the article is
/// its recurring distancing device: every short quotation of it is a scare quote,
/// even inside someone's sentence (Breitbart's “Palestine” throughout).
fn recurring_scare(mut quotes: Vec<Quote>) -> Vec<Quote> {
    let key = |q: &Quote| fold(q.text.trim_end_matches(['.', ',', ';', ':', '!', '?']));
    let scare: std::collections::HashSet<String> = quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Scare)
        .map(key)
        .collect();
    for q in &mut quotes {
        if q.kind == QuoteKind::Partial
            && q.text.split_whitespace().count() <= 2
            && scare.contains(&key(q))
        {
            q.kind = QuoteKind::Scare;
            q.speaker = None;
            q.cue = None;
        }
    }
    quotes
}

/// "Kerry said that 100,000 would be accepted. “That adds up to 185,000.”": a
/// quotation that is a sentence of its own continues the speaker of the sentence
/// before it in the same paragraph.
fn previous_sentence_speaker(ctx: &Context, m: &MarkedQuote, quoted: &[Span]) -> Option<Speaker> {
    let si = locate(ctx, m.span.start)?;
    if si == 0 || ctx.sentences[si].span.start != m.span.start {
        return None;
    }
    if ctx.sentences[si - 1].paragraph != ctx.sentences[si].paragraph {
        return None;
    }
    let st = &ctx.sents[si - 1];
    for k in (0..st.toks.len()).rev() {
        if in_any(quoted, st.toks[k].span) || cue_at(ctx, st, k).is_none() {
            continue;
        }
        if let Some(mut sp) = subject_before(ctx, st, k, quoted).filter(|s| s.entity.is_some()) {
            sp.rule = "speaker of the previous sentence".into();
            return Some(sp);
        }
    }
    None
}

fn para_of(ctx: &Context, span: Span) -> Option<usize> {
    ctx.sentence_at(span.start)
        .map(|i| ctx.sentences[i].paragraph)
}

fn is_whole_paragraph(ctx: &Context, m: &MarkedQuote) -> bool {
    // sentences are in paragraph order: bisect to this paragraph's
    let lo = ctx.sentences.partition_point(|s| s.paragraph < m.paragraph);
    let hi = ctx
        .sentences
        .partition_point(|s| s.paragraph <= m.paragraph);
    let para_span = ctx.sentences[lo..hi].iter().fold(None::<Span>, |acc, s| {
        Some(acc.map_or(s.span, |a| Span::new(a.start, s.span.end)))
    });
    para_span.is_some_and(|p| m.span.len() * 10 >= p.len() * 8)
}

/// Quotes whose words repeat (a headline quoting the body, a pull-quote) are one
/// quote with several positions.
fn merge_repeats(quotes: Vec<Quote>) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut first_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for q in quotes {
        let key = fold(&q.text);
        if q.kind != QuoteKind::Scare && key.split_whitespace().count() >= 4 {
            if let Some(&f) = first_of.get(&key) {
                let first = &mut out[f];
                first.also_at.push(q.span);
                if first.speaker.is_none() {
                    first.speaker = q.speaker;
                    first.cue = q.cue;
                }
                continue;
            }
            first_of.insert(key, out.len());
        }
        out.push(q);
    }
    out
}

/// "Special Communique on the situation in Palestine": most words capitalised and
/// no sentence punctuation.
fn is_title_like(ctx: &Context, s: &str) -> bool {
    let small = &ctx.lex.words.title_small_words;
    // American style closes “Meet the Press.” and “Trump Revealed,” inside the marks
    let s = s
        .trim_end()
        .strip_suffix(['.', ','])
        .unwrap_or(s)
        .trim_end();
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !small.contains(w))
        .collect();
    if words.len() < 2 || s.contains([',', '.', '!', '?', ';', ':']) {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    caps * 2 > words.len() && words[0].chars().next().is_some_and(char::is_uppercase)
}

/// The quotation is named, not spoken: words the sentence talks about ("avoiding
/// the term “radical Islam”", "the so-called “Muslim ban”"), or a show or paper
/// named in one capitalised word after "told" or "on" ("he told “Today.”").
fn names_words_or_venue(ctx: &Context, at: usize, content: &str, words: usize) -> bool {
    let w = &ctx.lex.words;
    let before = ctx.text[..at].trim_end();
    let last = fold(
        before
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"'))
            .next()
            .unwrap_or(""),
    );
    if w.word_mention_nouns.contains(&last) {
        return true;
    }
    // "often simply referred to as “ALBA,”", "the hacker known as “Guccifer,”": a
    // name given
    let naming = last == "as"
        && before
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"'))
            .filter(|x| !x.is_empty())
            .skip(1)
            .take(2)
            .any(|x| w.naming_words.contains(&fold(x)));
    if naming && words <= 4 && content.starts_with(char::is_uppercase) {
        return true;
    }
    let word = content.trim_end().trim_end_matches(['.', ',']);
    words == 1
        && w.venue_words.contains(&last)
        && word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
}

/// The quote opens a clause of its own: at the start of its sentence, or after a
/// colon, a comma or a speech verb.
fn opens_clause(ctx: &Context, at: usize) -> bool {
    let before = ctx.text[..at].trim_end();
    let sent_start = ctx
        .sentence_at(at)
        .map(|i| ctx.sentences[i].span)
        .filter(|s| s.contains_offset(at))
        .map(|s| s.start);
    if sent_start.is_none_or(|s| s >= at) || before.is_empty() {
        return true;
    }
    if before.ends_with([':', ',', '—', '\n']) {
        return true;
    }
    ctx.lex.cue(word_before(ctx.text, at)).is_some()
}

/// The word of letters and digits that ends `text` before byte `at` (after
/// trailing space): "said" of "he said, “".
fn word_before(text: &str, at: usize) -> &str {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// Sentence index and token range of a byte offset.
fn locate(ctx: &Context, offset: usize) -> Option<usize> {
    ctx.sentence_at(offset)
}

fn attribute(ctx: &Context, m: &MarkedQuote, quoted: &[Span]) -> Found {
    if let Some(f) = after_quote(ctx, m, quoted) {
        return f;
    }
    if let Some(f) = colon_before(ctx, m, false) {
        return f;
    }
    if let Some(f) = before_quote(ctx, m, quoted) {
        return f;
    }
    colon_before(ctx, m, true).unwrap_or(Found {
        speaker: None,
        cue: None,
    })
}

/// "Michael P. McDonald: “At long last …”": a name and a colon right before the quote.
/// With `subject`, falls back to the sentence's subject when no name is right
/// before the colon.
fn colon_before(ctx: &Context, m: &MarkedQuote, subject: bool) -> Option<Found> {
    let before = ctx.text[..m.span.start].trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    // "saying on Twitter: “…”", "told CNN in a statement to Reuters:": a name after a
    // preposition is where the words were said, not who said them
    let named = ctx.idx.ending_at(ctx.mentions, before.len()).filter(|m| {
        !ctx.lex
            .words
            .venue_prepositions
            .contains(&fold(word_before(ctx.text, m.span.start)))
    });
    // "Continued Stone: “…”", "Stated Stone: “…”": an inverted verb and a name the
    // actor layer did not know, opening the sentence
    if named.is_none() {
        let mut words = before.rsplit(char::is_whitespace);
        if let (Some(name), Some(verb)) = (words.next(), words.next()) {
            let opens = words
                .next()
                .is_none_or(|w| w.ends_with(['.', '!', '?', '”', '"']) || w.is_empty());
            if opens
                && name.chars().next().is_some_and(char::is_uppercase)
                && name
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '’' || c == '\'')
                && ctx.lex.cue(&fold(verb)).is_some()
            {
                let span = Span::new(before.len() - name.len(), before.len());
                return Some(Found {
                    speaker: Some(unresolved(
                        ctx,
                        span,
                        "name after an inverted verb and before a colon",
                    )),
                    cue: None,
                });
            }
        }
    }
    // "President Clinton released the following statement: “…”": the sentence's subject.
    let Some(mention) = named else {
        if !subject {
            return None;
        }
        // the sentence that ends in the colon, which may close the paragraph before
        // the quotation ("… Cruz called them on it:" ¶ "“The questions …”")
        let colon = before.len();
        let si = locate(ctx, colon)?;
        let st = &ctx.sents[si];
        let q = st.first_from(colon);
        // "One tweet said: “…”", "A spokesman replied: “…”": a speech verb before
        // the colon has its own subject, named or not
        let verb = q
            .checked_sub(1)
            .and_then(|k| cue_at(ctx, st, k).map(|c| (k, c)));
        if let Some((k, (cue, _))) = verb {
            if let Some(sp) = subject_before(ctx, st, k, &[]) {
                return Some(Found {
                    speaker: Some(sp),
                    cue: Some(cue),
                });
            }
        }
        let sp = sentence_subject(ctx, st, q)?;
        return Some(Found {
            speaker: Some(sp),
            cue: None,
        });
    };
    if !matches!(
        mention.kind,
        parallax_core::ActorKind::Person | parallax_core::ActorKind::Org
    ) {
        return None;
    }
    Some(Found {
        speaker: Some(speaker_from_mention(
            ctx,
            mention,
            "name and colon before the quote",
        )),
        cue: None,
    })
}

/// "…,” Maduro said" / "…,” said the minister" / "…,” he added".
fn after_quote(ctx: &Context, m: &MarkedQuote, quoted: &[Span]) -> Option<Found> {
    // "“…” ― Esther Tapia": a dash and a name after the quotation sign it
    if let Some(f) = signed_after_dash(ctx, m) {
        return Some(f);
    }
    let mut si = locate(ctx, m.span.end.saturating_sub(1))?;
    // "…possible!!” Mook responded." / "“Why?” Mr. Clyburn said, echoing …": after
    // a question or an exclamation the attribution starts the next sentence. It must
    // come first there (the checks below look only at its start), before any new
    // quotation: not the next speech.
    // (tokens are in text order: the last one tells whether the quote ends the sentence)
    if ctx.sents[si]
        .toks
        .last()
        .is_none_or(|t| t.span.start < m.span.end)
        && ctx
            .sentences
            .get(si + 1)
            .is_some_and(|n| n.paragraph == ctx.sentences[si].paragraph)
        && ctx.sents.get(si + 1).is_some_and(|n| {
            // a quotation ending in a full stop is usually followed by new prose
            // ("He said the firm …"); a short sentence is still only attribution
            let asks = ctx.text[..m.span.end]
                .trim_end_matches(|c: char| {
                    is_close_double(c) || matches!(c, '"' | '\'' | '’') || c.is_whitespace()
                })
                .ends_with(['?', '!']);
            let head = n
                .toks
                .get(7)
                .map_or(ctx.sentences[si + 1].span.end, |t| t.span.start);
            // (quoted spans are in text order: the first one starting in the sentence)
            let next_start = ctx.sentences[si + 1].span.start;
            let first = quoted.partition_point(|q| q.start < next_start);
            (asks || n.toks.len() <= 10) && quoted.get(first).is_none_or(|q| q.start >= head)
        })
    {
        si += 1;
    }
    let st = &ctx.sents[si];
    let mut k = st.first_from(m.span.end);
    while k < st.toks.len()
        && st.toks[k].kind == TokKind::Punct
        && !matches!(st.toks[k].text(ctx.text), "“" | "\"")
    {
        k += 1;
    }
    if k >= st.toks.len() || in_any(quoted, st.toks[k].span) {
        return None;
    }
    // cue first: "said Maduro" (only reporting verbs invert; "accusing X" names an object)
    if let Some((cue, after)) = cue_at(ctx, st, k).filter(|(c, _)| invertible(ctx, c)) {
        if let Some(sp) = speaker_at(ctx, st, after) {
            return Some(Found {
                speaker: Some(sp),
                cue: Some(cue),
            });
        }
    }
    // speaker first: "Maduro said"
    let (sp, after) = speaker_np(ctx, st, k)?;
    // ("Sen. Angus King of Maine, who caucuses with the Democrats, told": past
    // where the person is from)
    let mut j = if sp.entity.is_some() {
        super::speaker::past_home(ctx, st, after)
    } else {
        after
    };
    // "Sen. Claire McCaskill (D-Mo.) said": skip a parenthesis.
    if st.toks.get(j).is_some_and(|t| t.text(ctx.text) == "(") {
        if let Some(close) =
            (j + 1..st.toks.len().min(j + 10)).find(|&i| st.toks[i].text(ctx.text) == ")")
        {
            j = close + 1;
        }
    }
    // "Graham, a former candidate, told": skip an appositive set off by commas.
    if st.toks.get(j).is_some_and(|t| t.text(ctx.text) == ",") {
        if let Some(close) =
            (j + 1..st.toks.len().min(j + 24)).find(|&i| st.toks[i].text(ctx.text) == ",")
        {
            if cue_at(ctx, st, close + 1).is_some()
                || st
                    .folded
                    .get(close + 1)
                    .is_some_and(|w| ctx.lex.words.subject_adverbs.contains(w))
            {
                j = close + 1;
            }
        }
    }
    while j < st.toks.len() && ctx.lex.words.subject_adverbs.contains(&st.folded[j]) {
        j += 1;
    }
    let (cue, _) = cue_at(ctx, st, j)?;
    Some(Found {
        speaker: Some(sp),
        cue: Some(cue),
    })
}

/// "“…” ― Esther Tapia" / "“…” — Jorge Falcon": a quotation signed by a name after
/// a dash, as collections of readers' or voters' words print them.
fn signed_after_dash(ctx: &Context, m: &MarkedQuote) -> Option<Found> {
    // a whole statement, not a word or two inside a sentence ("the “deal” — Trump …")
    if !strip_open_mark(ctx.text, m.content)
        .text(ctx.text)
        .trim_end()
        .ends_with(['.', '!', '?', '…'])
    {
        return None;
    }
    let rest = &ctx.text[m.span.end..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let dash = trimmed
        .chars()
        .next()
        .filter(|c| matches!(c, '―' | '—' | '–'))?;
    let name_at = m.span.end + (rest.len() - trimmed.len()) + dash.len_utf8();
    let after = &ctx.text[name_at..];
    let name_start = name_at + (after.len() - after.trim_start().len());
    if let Some(mention) = ctx.idx.starting_at(ctx.mentions, name_start) {
        if mention.kind == parallax_core::ActorKind::Person {
            return Some(Found {
                speaker: Some(speaker_from_mention(
                    ctx,
                    mention,
                    "name signed after a dash",
                )),
                cue: None,
            });
        }
    }
    // a name the actor layer did not know: up to four capitalised words
    let words: Vec<&str> = ctx.text[name_start..]
        .split_whitespace()
        .take(4)
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if words.len() < 2 {
        return None;
    }
    let last = words.last().expect("two words");
    let end = ctx.text[name_start..]
        .find(last)
        .map(|i| name_start + i + last.len())?;
    let span = trim_punct(ctx.text, Span::new(name_start, end));
    Some(Found {
        speaker: Some(unresolved(ctx, span, "name signed after a dash")),
        cue: None,
    })
}

/// The nearest speech verb before the quote in its sentence whose subject can be found.
fn before_quote(ctx: &Context, m: &MarkedQuote, quoted: &[Span]) -> Option<Found> {
    let si = locate(ctx, m.span.start)?;
    let st = &ctx.sents[si];
    let q = st.first_from(m.span.start);
    if q >= st.toks.len() {
        return None;
    }
    // the speech verb stands within some dozens of words before the quotation: a
    // sentence of thousands of quotations must not make each scan back to its start
    let floor = q.saturating_sub(80);
    let mut k = q;
    while k > floor {
        k -= 1;
        if in_any(quoted, st.toks[k].span) {
            continue;
        }
        let Some((cue, _)) = cue_at(ctx, st, k) else {
            continue;
        };
        // ", declaring it …" and "… and told them": the verb shares the subject of
        // the sentence.
        // (", while acknowledging the matter “…”": past a subordinator too)
        let comma_before = |i: usize| i > 0 && st.toks[i - 1].text(ctx.text) == ",";
        let shared_subject = cue.text.ends_with("ing")
            && (comma_before(k)
                || (k > 1
                    && ctx.lex.words.ing_cue_openers.contains(&st.folded[k - 1])
                    && comma_before(k - 1)))
            || k > 0 && ctx.lex.words.clause_joins.contains(&st.folded[k - 1]);
        if shared_subject {
            if let Some(sp) = sentence_subject(ctx, st, k) {
                return Some(Found {
                    speaker: Some(sp),
                    cue: Some(cue),
                });
            }
            // ", saying …" after an object ("began by talking about the state’s drug
            // crisis, saying …"): the words before the comma are not who speaks
            if cue.text.ends_with("ing") {
                continue;
            }
        }
        if let Some(sp) = subject_before(ctx, st, k, quoted) {
            return Some(Found {
                speaker: Some(sp),
                cue: Some(cue),
            });
        }
        // "according to X, “…”"
        if ctx.lex.lemma(&cue.lemma).source {
            if let Some(sp) = speaker_at(ctx, st, k + 2) {
                return Some(Found {
                    speaker: Some(sp),
                    cue: Some(cue),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::analyze_text;
    use parallax_core::QuoteKind;

    #[test]
    fn a_quotation_interrupted_by_its_attribution_is_one_quote_in_parts() {
        let text = "\u{201c}The plan is dead,\u{201d} Sen. Susan Collins said, \u{201c}and we \
                    all know it.\u{201d} \u{201c}It was wrong,\u{201d} she added. \u{201c}We \
                    will fix it.\u{201d}\n\nLater, \u{201c}Nothing changes,\u{201d} Collins \
                    said.";
        let a = analyze_text(text);
        let direct: Vec<_> = a
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
            .collect();
        assert_eq!(direct.len(), 3, "{direct:#?}");
        let q = direct[0];
        assert_eq!(q.parts.len(), 1, "{q:#?}");
        assert_eq!(q.content.text(text), "The plan is dead,");
        assert_eq!(q.parts[0].content.text(text), "and we all know it.");
        assert_eq!(q.text, "The plan is dead, … and we all know it.");
        assert_eq!(speaker_of(&a, "plan").as_deref(), Some("Susan Collins"));
        // "“…,” she added. “…”": across the sentence too, as PolNeAR counts one
        assert_eq!(direct[1].parts.len(), 1, "{:#?}", direct[1]);
        assert!(direct[1].text.ends_with("We will fix it."));
        // a quotation in another paragraph is a quote of its own
        assert!(direct[2].parts.is_empty());
        // the later part is still quoted voice: its sentence's statement holds the quote
        let s = a
            .statements
            .iter()
            .find(|s| s.text.contains("We will fix"))
            .unwrap();
        assert!(s.quoted && !s.quotes.is_empty(), "{s:?}");
    }

    #[test]
    fn quoted_titles_are_not_quotes_unless_someone_says_them() {
        let a = analyze_text(
            "Trump appeared on “Meet the Press.” He wrote “The Art of the Deal,” a bestseller.\n\n“We Are Going To Win,” Trump said.",
        );
        assert!(
            a.quotes.iter().all(|q| !q.text.contains("Meet the Press")),
            "{:?}",
            a.quotes
        );
        assert!(a.quotes.iter().all(|q| !q.text.contains("Art of the Deal")));
        assert_eq!(speaker_of(&a, "We Are Going").as_deref(), Some("Trump"));
    }

    #[test]
    fn named_words_and_shows_are_not_speech() {
        // issue 15, BASIL: Fox's “radical Islam” (a term Trump blamed others for
        // avoiding) and “Today.” (the show he told) were quotes spoken by Trump
        let a = analyze_text(
            "Donald Trump ripped President Obama for avoiding the term “radical Islam” in doing so.\n\n\"And to be honest with you, I hope he can,\" Trump told \"Today.\"\n\nTrump called Cruz a “liar” and a “loser,” he said. Graham said on \"Hannity\" that “Enough is enough,” and then told reporters: “Thanks.”",
        );
        for gone in ["radical Islam", "Today", "Hannity"] {
            assert!(
                a.quotes.iter().all(|q| !q.text.contains(gone)),
                "{gone}: {:?}",
                a.quotes
            );
        }
        assert_eq!(speaker_of(&a, "honest").as_deref(), Some("Donald Trump"));
        assert_eq!(speaker_of(&a, "liar").as_deref(), Some("Donald Trump"));
        assert_eq!(speaker_of(&a, "Enough").as_deref(), Some("Graham"));
        assert!(a.quotes.iter().any(|q| q.text.contains("Thanks")));
    }

    #[test]
    fn a_platform_before_the_colon_is_not_the_speaker() {
        // Fox on Orlando, BASIL: the quote went to "Twitter"
        let a = analyze_text(
            "In the wake of the attack, Donald Trump again defended his proposals, saying on Twitter: “What has happened is just the beginning.”\n\nThe senator released a statement by Ted Cruz: “We will not be intimidated by these killers.”",
        );
        assert_eq!(
            speaker_of(&a, "just the beginning").as_deref(),
            Some("Donald Trump")
        );
        assert_eq!(speaker_of(&a, "intimidated").as_deref(), Some("Ted Cruz"));
    }

    #[test]
    fn short_speech_with_its_verb_is_not_a_scare_quote() {
        let a = analyze_text(
            "“We're anxious,” said another Twitter user, Johanna Bayer.\n\n“It is risky to take a bunch of tech companies,” Mr. Prince said.\n\nThe bloc condemned a “genocide” in Gaza.",
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("anxious"))
            .unwrap();
        assert_eq!(q.kind, QuoteKind::Direct);
        // (the description's person, named after it, speaks)
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("Johanna Bayer")
        );
        let q = a.quotes.iter().find(|q| q.text.contains("risky")).unwrap();
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("Mr. Prince")
        );
        assert_eq!(kind_of(&a, "genocide"), QuoteKind::Scare);
    }

    #[test]
    fn a_name_given_is_no_quote() {
        let a = analyze_text(
            "ALBA-TCP, often simply referred to as “ALBA,” is a self-declared \
             “anti-imperialist” bloc. The hacker known as “Guccifer,” was jailed. \
             The group, known as “Gang of Eight,” met. He is known as a “maverick.”",
        );
        let texts: Vec<&str> = a.quotes.iter().map(|q| q.text.as_str()).collect();
        for name in ["ALBA", "Guccifer", "Gang of Eight"] {
            assert!(
                !texts.iter().any(|t| t.starts_with(name)),
                "{name} in {texts:?}"
            );
        }
        assert_eq!(kind_of(&a, "anti-imperialist"), QuoteKind::Scare);
        assert_eq!(kind_of(&a, "maverick"), QuoteKind::Scare);
    }

    #[test]
    fn scare_partial_and_org_speakers() {
        let a = analyze_text(
            "The bloc is a self-declared “anti-imperialist” group. Gonsalves claimed that he has “always been anti-imperialist,” it said. As the Popular Front for the Liberation of Palestine said at the time, his “heroic stand against the aggression” will never be forgotten.",
        );
        assert_eq!(kind_of(&a, "anti-imperialist"), QuoteKind::Scare);
        assert_eq!(kind_of(&a, "always been"), QuoteKind::Partial);
        assert_eq!(
            speaker_of(&a, "heroic").as_deref(),
            Some("Popular Front for the Liberation of Palestine")
        );
    }

    #[test]
    fn repeated_quote_collapses() {
        let a = analyze_text(
            "“We will not abandon this sacred cause,” he wrote.\n\nMaduro: “We will not abandon this sacred cause,” he wrote again today.",
        );
        let n = a
            .quotes
            .iter()
            .filter(|q| q.text.contains("sacred"))
            .count();
        assert_eq!(n, 1);
        assert_eq!(
            a.quotes
                .iter()
                .find(|q| q.text.contains("sacred"))
                .unwrap()
                .also_at
                .len(),
            1
        );
    }

    #[test]
    fn no_speaker_stays_unresolved() {
        let a = analyze_text(
            "“Nobody knows what happens next in this election,” one observer wrote.\n\n“Unattributed words stand alone here without anyone.”",
        );
        let q = a.quotes.iter().find(|q| q.text.contains("Nobody")).unwrap();
        assert_eq!(q.speaker.as_ref().unwrap().entity, None);
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("Unattributed"))
            .unwrap();
        assert!(q.speaker.is_none());
    }

    #[test]
    fn a_colon_closing_the_paragraph_before_gives_the_speaker() {
        let a = analyze_text(
            "When the moderators turned to snark, Ted Cruz called them on it:\n\n“The questions asked in this debate illustrate why the American people don’t trust the media.”",
        );
        assert_eq!(
            speaker_of(&a, "The questions asked").as_deref(),
            Some("Ted Cruz")
        );
        let a = analyze_text(
            "The machines can be rigged. Continued Stone: “So I think it’s a very real problem.”\n\n“Get out,” Bennett shot back.",
        );
        assert_eq!(
            speaker_words(&a, "very real problem").as_deref(),
            Some("Stone")
        );
        assert_eq!(speaker_words(&a, "Get out").as_deref(), Some("Bennett"));
    }

    #[test]
    fn a_name_after_a_dash_signs_the_quotation() {
        let a = analyze_text(
            "“He is obsessed with Mexico and all these perks.” ― Esther Tapia “A terrible influence for the children of this country.” — Oscar P. Quintero\n\nShe called the plan “reckless” — Barack Obama disagreed.",
        );
        assert_eq!(
            speaker_words(&a, "obsessed").as_deref(),
            Some("Esther Tapia")
        );
        assert_eq!(
            speaker_words(&a, "terrible influence").as_deref(),
            Some("Oscar P. Quintero")
        );
        // a word or two inside a sentence is not signed by the name after the dash
        assert_ne!(
            speaker_words(&a, "reckless").as_deref(),
            Some("Barack Obama")
        );
    }

    #[test]
    fn after_a_question_the_attribution_opens_the_next_sentence() {
        let a = analyze_text(
            "Mr. Clyburn recalled how John Kerry lost in 2004.\n\n\"Why was that money sitting in the bank?\" Mr. Clyburn said, echoing many Democrats who would have preferred to see it spent on the party.\n\nCoca-Cola said it believed \"in the great work of the foundation.\" He said Teneo had been hired to provide consulting to the company for many years.",
        );
        assert_eq!(
            speaker_of(&a, "sitting in the bank").as_deref(),
            Some("Clyburn")
        );
        // after a full stop the next sentence is new prose, not the attribution
        assert_eq!(speaker_of(&a, "great work").as_deref(), Some("Coca-Cola"));
    }

    #[test]
    fn after_and_before_patterns() {
        let a = analyze_text(
            "“We will win the vote,” Nicolás Maduro said. Later, Ralph Gonsalves declared: “The blockade must end now.” “It is a crime,” said Maduro.",
        );
        assert_eq!(
            speaker_of(&a, "win the vote").as_deref(),
            Some("Nicolás Maduro")
        );
        assert_eq!(
            speaker_of(&a, "blockade").as_deref(),
            Some("Ralph Gonsalves")
        );
        assert_eq!(speaker_of(&a, "crime").as_deref(), Some("Nicolás Maduro"));
        assert_eq!(kind_of(&a, "blockade"), QuoteKind::Direct);
    }

    #[test]
    fn split_quote_and_pronoun() {
        let a = analyze_text(
            "President Luis Arce spoke at length. “Only an imperial mentality can deny it,” Arce claimed, “which contemplates a just solution.”\n\nHe added: “We will only reach real peace when justice is served.”",
        );
        assert_eq!(speaker_of(&a, "imperial").as_deref(), Some("Luis Arce"));
        assert_eq!(speaker_of(&a, "contemplates").as_deref(), Some("Luis Arce"));
        assert_eq!(speaker_of(&a, "real peace").as_deref(), Some("Luis Arce"));
        let claimed = a
            .quotes
            .iter()
            .find(|q| q.text.contains("imperial"))
            .unwrap();
        assert_eq!(claimed.cue.as_ref().unwrap().lemma, "claim");
    }

    #[test]
    fn an_opening_prepositional_phrase_holds_no_subject() {
        let a = analyze_text(
            "In a Fox News interview later that day, Donald Trump went even further: “If he goes forward and loses, it’s the end of his career.”",
        );
        assert_eq!(
            speaker_of(&a, "goes forward").as_deref(),
            Some("Donald Trump")
        );
    }

    #[test]
    fn a_participle_after_a_comma_shares_the_subject_not_the_object() {
        let a = analyze_text(
            "Donald Trump began by talking about the state’s drug crisis, saying that heroin is now “cheaper than getting candy.”\n\nMayor Bill de Blasio met the police commissioner, saying that the city would hire more officers next year.",
        );
        assert_eq!(
            speaker_of(&a, "cheaper than").as_deref(),
            Some("Donald Trump")
        );
        assert_eq!(
            speaker_of(&a, "hire more officers").as_deref(),
            Some("Bill de Blasio")
        );
    }
}
