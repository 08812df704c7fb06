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

use parallax_core::{Cue, Mention, MentionForm, Quote, QuoteKind, Sentence, Span, Speaker, fold};

use crate::actors::SentToks;
use crate::lexicon::Lexicon;
use crate::text::TokKind;

/// A pair of quotation marks (or a quotation that runs on to the paragraph's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedQuote {
    /// From the opening mark to just after the closing mark.
    pub span: Span,
    /// The words inside.
    pub content: Span,
    pub paragraph: usize,
    /// Continues the quotation of the previous paragraph.
    pub continued: bool,
}

fn is_open_double(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}

fn is_close_double(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Pairs the quotation marks of each paragraph. Only outermost quotations are
/// returned; nested ones are part of their content.
pub fn mark_quotes(text: &str, paras: &[Span]) -> Vec<MarkedQuote> {
    let mut out = Vec::new();
    let mut carry_open = false;
    for (pi, p) in paras.iter().enumerate() {
        let ptext = p.text(text);
        let chars: Vec<(usize, char)> = ptext.char_indices().collect();
        let first_is_open = chars
            .first()
            .is_some_and(|(_, c)| is_open_double(*c) || *c == '"')
            || ptext.starts_with("''")
            || ptext.starts_with("``");
        let continued = carry_open && first_is_open;
        carry_open = false;
        // stack of (byte offset of open mark in paragraph, is_double)
        let mut stack: Vec<(usize, bool, char)> = Vec::new();
        let mut skip = false;
        for (k, &(b, c0)) in chars.iter().enumerate() {
            if std::mem::take(&mut skip) {
                continue;
            }
            let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
            // '' and `` (typewriter and TeX style, as in older NYT text) are double
            // quotation marks two characters wide
            let doubled = matches!(c0, '\'' | '`') && chars.get(k + 1).map(|x| x.1) == Some(c0);
            let (c, width) = if doubled {
                ('"', 2)
            } else {
                (c0, c0.len_utf8())
            };
            skip = doubled;
            let next = chars.get(k + if doubled { 2 } else { 1 }).map(|x| x.1);
            let prev_opening_ctx = prev.is_none_or(|p| {
                p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '“' | '‘' | '/')
            });
            if is_open_double(c) {
                stack.push((b, true, c));
            } else if is_close_double(c) {
                if let Some(pos) = stack.iter().rposition(|s| s.1) {
                    let open = stack[pos].0;
                    stack.truncate(pos);
                    if stack.is_empty() {
                        push_quote(&mut out, p.start, open, b, c.len_utf8(), pi, continued);
                    }
                }
            } else if c == '"' {
                let top_straight = stack.last().is_some_and(|s| s.2 == '"');
                if top_straight && !prev_opening_ctx {
                    let open = stack.pop().unwrap().0;
                    if stack.is_empty() {
                        push_quote(&mut out, p.start, open, b, width, pi, continued);
                    }
                } else if prev_opening_ctx && next.is_some_and(|n| !n.is_whitespace()) {
                    stack.push((b, true, '"'));
                } else if let Some(pos) = stack.iter().rposition(|s| s.1) {
                    let open = stack[pos].0;
                    stack.truncate(pos);
                    if stack.is_empty() {
                        push_quote(&mut out, p.start, open, b, width, pi, continued);
                    }
                }
            } else if c == '‘' || (c == '\'' && prev_opening_ctx) {
                if prev_opening_ctx && next.is_some_and(char::is_alphanumeric) {
                    stack.push((b, false, c));
                }
            } else if c == '’' || c == '\'' {
                // An apostrophe inside a word ("don’t") is not a closing mark.
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if !inside_word {
                    if let Some(pos) = stack.iter().rposition(|s| !s.1) {
                        // Plural possessive "Workers’ Movement" looks like a close: only
                        // accept when the single quote has some words in it.
                        let open = stack[pos].0;
                        if ptext[open..b].split_whitespace().count() >= 1
                            && next.is_none_or(|n| !n.is_alphanumeric())
                        {
                            stack.truncate(pos);
                            if stack.is_empty() {
                                push_quote(&mut out, p.start, open, b, c.len_utf8(), pi, false);
                            }
                        }
                    }
                }
            }
        }
        // Still open at the paragraph's end: the outermost double quote runs to the end.
        if let Some(&(open, _, _)) = stack.iter().find(|s| s.1) {
            let content_start = p.start + open + open_mark_len(&ptext[open..]);
            let content = Span::new(content_start, p.end).trim(text);
            if !content.is_empty() {
                out.push(MarkedQuote {
                    span: Span::new(p.start + open, p.end),
                    content,
                    paragraph: pi,
                    continued: continued && out.last().is_none_or(|q| q.paragraph != pi),
                });
                carry_open = true;
            }
        }
    }
    out
}

fn push_quote(
    out: &mut Vec<MarkedQuote>,
    base: usize,
    open: usize,
    close: usize,
    close_len: usize,
    pi: usize,
    continued: bool,
) {
    // Only the first quotation of a paragraph can continue the previous paragraph's.
    let continued = continued && out.last().is_none_or(|q| q.paragraph != pi);
    let span = Span::new(base + open, base + close + close_len);
    // content excludes the marks; the open mark may be multi-byte
    out.push(MarkedQuote {
        span,
        content: Span::new(base + open, base + close),
        paragraph: pi,
        continued,
    });
}

/// The width of the opening mark at the start of `s` (one character, or '' and ``).
fn open_mark_len(s: &str) -> usize {
    if s.starts_with("''") || s.starts_with("``") {
        2
    } else {
        s.chars().next().map_or(1, char::len_utf8)
    }
}

/// Removes the opening mark from a content span (its width is only known here).
fn strip_open_mark(text: &str, content: Span) -> Span {
    let s = content.text(text);
    match s.chars().next() {
        Some(c) if is_open_double(c) || matches!(c, '"' | '‘' | '\'' | '`') => {
            Span::new(content.start + open_mark_len(s), content.end)
        }
        _ => content,
    }
}

pub struct QuoteContext<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub sentences: &'a [Sentence],
    pub sents: &'a [SentToks],
    pub mentions: &'a [Mention],
    pub idx: &'a crate::index::MentionIndex,
}

/// Where a speaker was found.
struct Found {
    speaker: Option<Speaker>,
    cue: Option<Cue>,
}

pub fn find_quotes(ctx: &QuoteContext, marked: &[MarkedQuote]) -> Vec<Quote> {
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
        if is_title_like(content.text(text)) && words >= 2 && !said_after {
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
                        s.rule = "continues the quote before it in the paragraph".into();
                        s
                    });
                    quote.cue = q.cue.clone();
                } else if let Some(sp) = previous_sentence_speaker(ctx, m, &quoted_spans) {
                    quote.speaker = Some(sp);
                } else if m.continued || is_whole_paragraph(ctx, m) {
                    if let Some((pp, sp)) = &prev_para_speaker {
                        if *pp + 1 == m.paragraph {
                            let mut sp = sp.clone();
                            sp.rule = "continues the previous paragraph's speaker".into();
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
    merge_repeats(quotes)
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
fn previous_sentence_speaker(
    ctx: &QuoteContext,
    m: &MarkedQuote,
    quoted: &[Span],
) -> Option<Speaker> {
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

fn para_of(ctx: &QuoteContext, span: Span) -> Option<usize> {
    crate::index::sentence_at(ctx.sentences, span.start).map(|i| ctx.sentences[i].paragraph)
}

fn is_whole_paragraph(ctx: &QuoteContext, m: &MarkedQuote) -> bool {
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
fn is_title_like(s: &str) -> bool {
    const SMALL: &[&str] = &[
        "on", "the", "in", "of", "for", "and", "a", "an", "to", "at", "by", "with",
    ];
    // American style closes “Meet the Press.” and “Trump Revealed,” inside the marks
    let s = s
        .trim_end()
        .strip_suffix(['.', ','])
        .unwrap_or(s)
        .trim_end();
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !SMALL.contains(w))
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

/// The quote opens a clause of its own: at the start of its sentence, or after a
/// colon, a comma or a speech verb.
fn opens_clause(ctx: &QuoteContext, at: usize) -> bool {
    let before = ctx.text[..at].trim_end();
    let sent_start = crate::index::sentence_at(ctx.sentences, at)
        .map(|i| ctx.sentences[i].span)
        .filter(|s| s.contains_offset(at))
        .map(|s| s.start);
    if sent_start.is_none_or(|s| s >= at) || before.is_empty() {
        return true;
    }
    if before.ends_with([':', ',', '—', '\n']) {
        return true;
    }
    let last_word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    ctx.lex.cue(last_word).is_some()
}

/// Sentence index and token range of a byte offset.
fn locate(ctx: &QuoteContext, offset: usize) -> Option<usize> {
    crate::index::sentence_at(ctx.sentences, offset)
}

fn attribute(ctx: &QuoteContext, m: &MarkedQuote, quoted: &[Span]) -> Found {
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
fn colon_before(ctx: &QuoteContext, m: &MarkedQuote, subject: bool) -> Option<Found> {
    let before = ctx.text[..m.span.start].trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    let named = ctx.idx.ending_at(ctx.mentions, before.len());
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

/// `spans` are the quotations, sorted and not overlapping: bisect.
fn in_any(spans: &[Span], s: Span) -> bool {
    crate::index::inside_any(spans, s)
}

/// Adverbs allowed between a speaker and the verb ("Maduro also said").
const ADVERBS: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "been",
    "also",
    "later",
    "then",
    "once",
    "again",
    "further",
    "previously",
    "recently",
    "repeatedly",
    "has",
    "have",
    "had",
    "would",
    "will",
    "reportedly",
    "since",
    "now",
    "already",
    "publicly",
    "privately",
    "often",
    "never",
    "still",
    "first",
    "both",
    "all",
    "each",
    "earlier",
    "separately",
    "subsequently",
    "initially",
    "originally",
    "ultimately",
    "finally",
    "quickly",
    "immediately",
    "flatly",
    "openly",
    "frequently",
    "even",
    "did",
    "does",
    "only",
];

/// "…,” Maduro said" / "…,” said the minister" / "…,” he added".
fn after_quote(ctx: &QuoteContext, m: &MarkedQuote, quoted: &[Span]) -> Option<Found> {
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
    let mut j = after;
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
                    .is_some_and(|w| ADVERBS.contains(&w.as_str()))
            {
                j = close + 1;
            }
        }
    }
    while j < st.toks.len() && ADVERBS.contains(&st.folded[j].as_str()) {
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
fn signed_after_dash(ctx: &QuoteContext, m: &MarkedQuote) -> Option<Found> {
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

/// The subject of the sentence: an actor or pronoun among its first words, before `limit`.
fn sentence_subject(ctx: &QuoteContext, st: &SentToks, limit: usize) -> Option<Speaker> {
    let mut first = st.toks.first()?.span.start;
    let end = st.toks.get(limit)?.span.start;
    // "In a Fox interview later that day, Trump went further": an opening
    // prepositional phrase up to its comma holds no subject
    if st.folded.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "in" | "at"
                | "on"
                | "during"
                | "after"
                | "before"
                | "from"
                | "with"
                | "for"
                | "since"
                | "as"
                | "under"
                | "amid"
                | "despite"
        )
    }) {
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
            let after_prep = idx > 0 && idx != usize::MAX && {
                let w = st.folded[idx - 1].as_str();
                PLACE_PREPOSITIONS.contains(&w)
                    || matches!(
                        w,
                        "of" | "with" | "by" | "for" | "after" | "against" | "about"
                    )
            };
            // "sought to calm his supporters": a possessive or object pronoun is
            // never the subject
            let not_subject = m.form == MentionForm::Pronoun
                && !matches!(
                    fold(m.span.text(ctx.text)).as_str(),
                    "he" | "she" | "they" | "we" | "i" | "it"
                );
            idx != usize::MAX
                && !after_prep
                && !not_subject
                && m.form != MentionForm::Demonym
                && matches!(
                    m.kind,
                    parallax_core::ActorKind::Person | parallax_core::ActorKind::Org
                )
        })?;
    Some(speaker_from_mention(ctx, m, "subject of the sentence"))
}

/// Verbs that can come before their subject after a quote: "…,” said Maduro".
fn invertible(ctx: &QuoteContext, cue: &Cue) -> bool {
    let stance = ctx
        .lex
        .cue(&cue.text)
        .map(|c| c.stance.as_str())
        .unwrap_or("");
    !cue.text.ends_with("ing") && matches!(stance, "neutral" | "doubt" | "emphatic" | "concede")
}

/// The nearest speech verb before the quote in its sentence whose subject can be found.
fn before_quote(ctx: &QuoteContext, m: &MarkedQuote, quoted: &[Span]) -> Option<Found> {
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
        let shared_subject =
            cue.text.ends_with("ing") && k > 0 && st.toks[k - 1].text(ctx.text) == ","
                || k > 0 && matches!(st.folded[k - 1].as_str(), "and" | "but");
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
        if cue.lemma == "according to" {
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

fn cue_at(ctx: &QuoteContext, st: &SentToks, k: usize) -> Option<(Cue, usize)> {
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
    const NOUN_BEFORE: &[&str] = &[
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these",
        "those", "every", "each", "home", "no", "any",
    ];
    if k > 0 && NOUN_BEFORE.contains(&st.folded[k - 1].as_str()) {
        return None;
    }
    // "Trump's tweet came", "475 pledged delegates": after a possessive (not the "’s"
    // of "he’s claiming") or before a noun after a number, the word is a noun or an
    // adjective
    let possessive = k >= 2
        && st.toks[k - 1].kind == TokKind::Possessive
        && !matches!(
            st.folded[k - 2].as_str(),
            "he" | "she" | "it" | "that" | "there" | "who" | "what" | "here"
        );
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
    if cue.lemma == "state"
        && !matches!(st.folded[k].as_str(), "stated" | "stating")
        && st.folded.get(k + 1).map(String::as_str) != Some("that")
    {
        return None;
    }
    // "Rubio will continue to be …", "continued with": not speech
    if cue.lemma == "continue"
        && st
            .folded
            .get(k + 1)
            .is_some_and(|w| matches!(w.as_str(), "to" | "with" | "on" | "in" | "for"))
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

/// The mention starting at token `k` (the longest), if any.
fn mention_starting<'a>(ctx: &QuoteContext<'a>, st: &SentToks, k: usize) -> Option<&'a Mention> {
    let start = st.toks.get(k)?.span.start;
    ctx.idx.starting_at(ctx.mentions, start)
}

/// A speaker not tied to an actor: the words at `span`, found by `rule`.
fn unresolved(ctx: &QuoteContext, span: Span, rule: &str) -> Speaker {
    Speaker {
        entity: None,
        span,
        text: span.text(ctx.text).to_string(),
        rule: rule.into(),
    }
}

fn speaker_from_mention(ctx: &QuoteContext, m: &Mention, rule: &str) -> Speaker {
    let _ = ctx;
    Speaker {
        entity: Some(m.entity),
        span: m.span,
        text: m.text.clone(),
        rule: rule.to_string(),
    }
}

/// A title or a word of one ("Gov.", "Former", "Secretary", "of", "State").
fn is_title_word(ctx: &QuoteContext, st: &SentToks, k: usize) -> bool {
    let w = st.folded[k].as_str();
    ctx.lex.role(w).is_some()
        || matches!(
            w,
            "former" | "of" | "the" | "u.s." | "us" | "then" | "band" | "member" | "sen" | "rep"
        )
}

/// A speaker noun phrase at token `k`: a mention, a pronoun, or "the …" words.
/// Returns the speaker and the token after it.
fn speaker_np(ctx: &QuoteContext, st: &SentToks, k: usize) -> Option<(Speaker, usize)> {
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
        // person's name, which is followed by the speech verb.
        let person = (start + 1..(start + 6).min(st.toks.len()))
            .take_while(|&i| {
                st.toks[i - 1].kind == TokKind::Word && ctx.lex.cue(&st.folded[i - 1]).is_none()
            })
            .find(|&i| {
                mention_starting(ctx, st, i)
                    .is_some_and(|m| m.kind == parallax_core::ActorKind::Person)
            });
        if let Some(p) = person {
            let m = mention_starting(ctx, st, p).expect("found above");
            let after = st.first_from(m.span.end);
            if st
                .folded
                .get(after)
                .is_some_and(|w| ctx.lex.cue(w).is_some() || w == "(")
            {
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
                    || ADVERBS.contains(&w.as_str())
                    || matches!(w.as_str(), "," | "(" | "'s" | "." | "and")
            });
            if m.form != MentionForm::Pronoun && ends {
                return Some((speaker_from_mention(ctx, m, "named after the quote"), after));
            }
        }
    }
    // "Mr. Prince said": an honorific and a capitalised word the actor layer took
    // for a title is still a named speaker, unresolved.
    if matches!(
        w,
        "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr"
    ) && st.toks.get(k + 1).is_some_and(|t| {
        t.kind == TokKind::Word
            && t.text(ctx.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }) && st
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
    if matches!(w, "he" | "she" | "they" | "we" | "i") {
        let t = st.toks[k];
        return Some((
            Speaker {
                entity: None,
                span: t.span,
                text: t.text(ctx.text).to_string(),
                rule: "unresolved pronoun".into(),
            },
            k + 1,
        ));
    }
    if matches!(
        w,
        "the" | "a" | "an" | "one" | "two" | "several" | "many" | "some"
    ) {
        // "one P&G Amiens employee told": words, and the joiners inside names
        let mut j = k + 1;
        while j < st.toks.len()
            && j <= k + 6
            && (st.toks[j].kind == TokKind::Word
                || st.toks[j].kind == TokKind::Possessive
                || matches!(st.toks[j].text(ctx.text), "&" | "-"))
            && ctx.lex.cue(&st.folded[j]).is_none()
        {
            j += 1;
        }
        if j > k + 1 && j < st.toks.len() && ctx.lex.cue(&st.folded[j]).is_some() {
            let span = Span::new(st.toks[k].span.start, st.toks[j - 1].span.end);
            return Some((unresolved(ctx, span, "unresolved description"), j));
        }
    }
    None
}

fn speaker_at(ctx: &QuoteContext, st: &SentToks, k: usize) -> Option<Speaker> {
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
        && !matches!(
            st.folded[e].as_str(),
            "who" | "which" | "that" | "in" | "on" | "at" | "to" | "after" | "during" | "when"
        )
    {
        e += 1;
    }
    if e == k {
        return None;
    }
    let span = Span::new(st.toks[k].span.start, st.toks[e - 1].span.end);
    Some(unresolved(
        ctx,
        span,
        "unresolved phrase after the speech verb",
    ))
}

/// Words that end a subject noun phrase when walking left from the verb.
/// Speech-verb forms that are nouns inside a subject ("ALBA member states
/// expressed …", "The reports said …").
const NOUN_OR_VERB: &[&str] = &[
    "states",
    "state",
    "reports",
    "report",
    "claims",
    "notes",
    "demands",
    "calls",
    "comments",
    "remarks",
    "posts",
    "tweets",
    "tweet",
    "statements",
    "warnings",
    "pledges",
    "promises",
    "vows",
];

fn is_np_word(ctx: &QuoteContext, st: &SentToks, j: usize) -> bool {
    let t = st.toks[j];
    match t.kind {
        TokKind::Possessive => true,
        TokKind::Word => {
            let w = st.folded[j].as_str();
            (ctx.lex.cue(w).is_none() || NOUN_OR_VERB.contains(&w))
                && (!ctx.lex.is_stopword(w)
                    || matches!(
                        w,
                        "the"
                            | "he"
                            | "she"
                            | "they"
                            | "we"
                            | "i"
                            | "it"
                            | "you"
                            | "some"
                            | "many"
                            | "one"
                            | "others"
                            | "several"
                    ))
        }
        TokKind::Number => true,
        TokKind::Punct => matches!(t.text(ctx.text), "-" | "–"),
    }
}

/// The subject of the speech verb at `k`: the noun phrase right before it
/// (skipping adverbs and one comma), preferring the last actor in it.
/// Words that open an aside between a subject and its verb.
const ASIDE_STARTS: &[&str] = &[
    "for",
    "in",
    "however",
    "meanwhile",
    "too",
    "though",
    "though,",
    "on",
    "at",
    "after",
    "before",
    "speaking",
    "according",
    "like",
    "as",
    "in",
    "who",
    "which",
    "when",
    "while",
    "during",
    "once",
    "again",
    "instead",
];

const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "near",
    "to",
    "across",
    "into",
    "outside",
    "inside",
    "throughout",
    "around",
];

fn subject_before(ctx: &QuoteContext, st: &SentToks, k: usize, quoted: &[Span]) -> Option<Speaker> {
    // "Romney released a statement late Tuesday saying: “…”", "sent a letter to
    // Congress saying …": a document speaks for whoever issued it, the sentence's
    // subject
    if st.folded[k].ends_with("ing") && k > 0 && st.toks[k - 1].text(ctx.text) != "," {
        const DOCUMENTS: &[&str] = &[
            "statement",
            "letter",
            "letters",
            "email",
            "report",
            "release",
            "memo",
            "post",
            "tweet",
            "ad",
            "video",
            "note",
            "message",
            "column",
            "speech",
            "op-ed",
            "filing",
        ];
        let near = (k.saturating_sub(5)..k).any(|i| DOCUMENTS.contains(&st.folded[i].as_str()));
        if near {
            if let Some(sp) = sentence_subject(ctx, st, k) {
                return Some(sp);
            }
        }
    }
    let mut j = k;
    loop {
        while j > 0 && (ADVERBS.contains(&st.folded[j - 1].as_str()) || ly_adverb(ctx, st, j - 1)) {
            j -= 1;
        }
        // "Trump on Friday said", "Clinton last week said": a time between the
        // subject and its verb
        let w = |i: usize| st.folded[i].as_str();
        let day = |i: usize| crate::statements::WEEKDAYS.contains(&w(i));
        let on_day = j >= 2 && w(j - 2) == "on" && day(j - 1);
        let last_week = j >= 2
            && matches!(w(j - 2), "last" | "this" | "earlier" | "later")
            && matches!(w(j - 1), "week" | "month" | "year" | "night" | "morning");
        if on_day || last_week {
            j -= 2;
        } else if j >= 1 && day(j - 1) {
            j -= 1;
        } else {
            break;
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
        j -= 1;
        // "Huckabee, for his part, is labeling": skip an aside back to its comma.
        if let Some(open) = (j.saturating_sub(7)..j)
            .rev()
            .find(|&i| st.toks[i].text(ctx.text) == ",")
        {
            if ASIDE_STARTS.contains(&st.folded[open + 1].as_str()) {
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
            let before = st.toks[w - 2].span.end;
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
        if matches!(
            m.kind,
            parallax_core::ActorKind::Gpe | parallax_core::ActorKind::Loc
        ) {
            let m_start = st.index_at(m.span.start).unwrap_or(0);
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
                return None;
            }
            if before.is_some_and(|w| PLACE_PREPOSITIONS.contains(&w)) {
                return subject_with_phrases(ctx, st, end, quoted);
            }
        }
        let rule = match m.form {
            MentionForm::Pronoun => "pronoun subject of the speech verb",
            MentionForm::Description => "described subject of the speech verb",
            _ => "subject of the speech verb",
        };
        return Some(speaker_from_mention(ctx, m, rule));
    }
    while j > 0 && is_np_word(ctx, st, j - 1) && !in_any(quoted, st.toks[j - 1].span) {
        j -= 1;
    }
    // "members of both parties have vowed": a quantifier opens the phrase
    if j > 0
        && j < end
        && matches!(
            st.folded[j - 1].as_str(),
            "both" | "all" | "most" | "each" | "every" | "few" | "any"
        )
    {
        j -= 1;
    }
    // "most of them said", "some delegates at the convention said": the head comes
    // before a prepositional phrase
    if j == end || (j > 0 && SUBJECT_PREPOSITIONS.contains(&st.folded[j - 1].as_str())) {
        if let Some(sp) = subject_with_phrases(ctx, st, end, quoted) {
            return Some(sp);
        }
    }
    if j == end {
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
    if let Some(m) = head {
        let rule = match m.form {
            MentionForm::Pronoun => "pronoun subject of the speech verb",
            MentionForm::Description => "described subject of the speech verb",
            _ => "subject of the speech verb",
        };
        return Some(speaker_from_mention(ctx, m, rule));
    }
    let words = np.text(ctx.text);
    if words.split_whitespace().count() <= 6 {
        return Some(Speaker {
            entity: None,
            span: np,
            text: words.to_string(),
            rule: "unresolved subject of the speech verb".into(),
        });
    }
    None
}

/// The person or organisation before an aside that closes with the comma at `close`:
/// "NAME, aside without a speech verb or another comma, VERB".
/// A lower-case adverb in -ly before the verb ("it proudly declared", "I would like to
/// respectfully announce"), not a noun that ends so ("the family said").
fn ly_adverb(ctx: &QuoteContext, st: &SentToks, i: usize) -> bool {
    const NOUNS: &[&str] = &[
        "family",
        "assembly",
        "anomaly",
        "monopoly",
        "homily",
        "supply",
        "reply",
        "rally",
        "ally",
        "bully",
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "italy",
        "july",
    ];
    let w = st.folded[i].as_str();
    w.len() > 5
        && w.ends_with("ly")
        && !NOUNS.contains(&w)
        && st.toks[i].kind == TokKind::Word
        && st.toks[i]
            .text(ctx.text)
            .starts_with(|c: char| c.is_lowercase())
}

/// Prepositions a subject's head can carry ("Darran Whiting of Liberty Baptist Church
/// in Marion", "46 percent of voters", "officials at the agency").
const SUBJECT_PREPOSITIONS: &[&str] = &["of", "at", "in", "from", "for", "with", "across"];

/// A subject whose head comes before one or more prepositional phrases ("Darran
/// Whiting of Liberty Baptist Church in Marion, said", "some delegates at the
/// convention in Philadelphia said", "46 percent of voters said", "most of them
/// said"), ending before token `end`. The head's person or organisation speaks; when
/// the head names none, the whole phrase is an unresolved speaker.
fn subject_with_phrases(
    ctx: &QuoteContext,
    st: &SentToks,
    end: usize,
    quoted: &[Span],
) -> Option<Speaker> {
    const QUANTIFIERS: &[&str] = &[
        "some", "most", "many", "all", "several", "few", "half", "both", "each", "none", "others",
        "other", "more", "fewer", "them", "us", "those", "these",
    ];
    let word = |i: usize| {
        !in_any(quoted, st.toks[i].span)
            && (is_np_word(ctx, st, i) || QUANTIFIERS.contains(&st.folded[i].as_str()))
    };
    let mut j = end;
    let mut first_prep = None;
    for _ in 0..3 {
        while j > 0 && word(j - 1) && end - j <= 14 {
            j -= 1;
        }
        if j >= 2 && SUBJECT_PREPOSITIONS.contains(&st.folded[j - 1].as_str()) && word(j - 2) {
            j -= 1;
            first_prep = Some(j);
        } else {
            break;
        }
    }
    let first_prep = first_prep?;
    if j == first_prep || end - j > 14 {
        return None;
    }
    // the subject opens its clause
    let opens = j == 0
        || st.toks[j - 1].text(ctx.text) == ","
        || matches!(
            st.folded[j - 1].as_str(),
            "and" | "but" | "while" | "when" | "as"
        );
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

fn named_before_aside(ctx: &QuoteContext, st: &SentToks, close: usize) -> Option<Speaker> {
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
    ctx: &QuoteContext,
    st: &SentToks,
    close: usize,
) -> Result<Speaker, Option<usize>> {
    named_before_aside_at(ctx, st, close).ok_or_else(|| {
        let open = (close.saturating_sub(30)..close).rev().find(|&i| {
            matches!(
                st.toks[i].text(ctx.text),
                "," | ";" | ":" | "(" | ")" | "—" | "–"
            )
        })?;
        let comma = st.toks[open].text(ctx.text) == ",";
        let named_here = ctx
            .idx
            .all_ending_at(ctx.mentions, st.toks[open.checked_sub(1)?].span.end)
            .next()
            .is_some();
        (comma
            && open > 0
            && !named_here
            && (open + 1..close).all(|i| cue_at(ctx, st, i).is_none()))
        .then_some(open)
    })
}

fn named_before_aside_at(ctx: &QuoteContext, st: &SentToks, close: usize) -> Option<Speaker> {
    let open = (close.saturating_sub(30)..close).rev().find(|&i| {
        matches!(
            st.toks[i].text(ctx.text),
            "," | ";" | ":" | "(" | ")" | "—" | "–"
        )
    })?;
    if st.toks[open].text(ctx.text) != "," || open == 0 || open + 2 > close {
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
    let m_start = Some(st.first_from(m.span.start)).filter(|&i| i < st.toks.len())?;
    let opens = m_start == 0
        || matches!(
            st.folded[m_start - 1].as_str(),
            "and" | "but" | "." | "," | "then" | "meanwhile"
        )
        || st.toks[..m_start].iter().all(|t| {
            t.kind != TokKind::Word
                || t.text(ctx.text).chars().any(|c| c.is_ascii_digit())
                || matches!(t.text(ctx.text), "a.m." | "p.m." | "a.m" | "p.m")
        });
    if !opens {
        return None;
    }
    Some(speaker_from_mention(ctx, m, "subject before an aside"))
}

/// Indirect speech: "X said that …" and "according to X, …" with no quotation marks.
pub fn find_indirect(ctx: &QuoteContext, marked: &[MarkedQuote]) -> Vec<Quote> {
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
            if has_quote && cue.lemma == "according to" {
                continue;
            }
            // "Clinton was declared the winner", "Sanders had been told …": in the
            // passive the subject is who the words were about or to, not who spoke
            let passive = k > 0
                && matches!(
                    st.folded[k - 1].as_str(),
                    "was" | "were" | "is" | "are" | "been" | "being" | "be" | "got" | "get"
                )
                && cue.lemma != "according to"
                && (st.folded[k].ends_with("ed")
                    || matches!(st.folded[k].as_str(), "told" | "written" | "said" | "shown"));
            if passive {
                continue;
            }
            if cue.lemma == "according to" {
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
                        matches!(c.lemma.as_str(), "say" | "tell" | "add")
                            && k.saturating_sub(skip_time_adjunct(st, after)) <= 5
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
            if st.folded.get(after).map(String::as_str) != Some("that")
                && CLAUSE_VERBS.contains(&cue.lemma.as_str())
                && !inverted
            {
                let mut j = after;
                if cue.lemma == "tell" {
                    // "told reporters", "told CNN", "told the Times": the hearer, then
                    // the clause
                    j = skip_hearer(ctx, st, j);
                }
                j = skip_time_adjunct(st, j);
                // "said on MSNBC that", "claimed at the time that", "said in a
                // statement Saturday that": a longer adjunct, when "that" ends it
                let noun_form = NOUN_FORMS.contains(&st.folded[k].as_str());
                if let Some(that) = (!noun_form).then(|| that_after_adjunct(st, j)).flatten() {
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
            if matches!(
                cue.lemma.as_str(),
                "vow" | "promise" | "pledge" | "threaten"
            ) && st.folded.get(after).map(String::as_str) == Some("to")
                && !NOUN_FORMS.contains(&st.folded[k].as_str())
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

/// Words that open a reported clause after a speech verb ("said he would", "said
/// the plan"): pronouns and determiners, or the start of a name.
const CLAUSE_STARTS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "those", "the", "his",
    "her", "their", "its", "our", "my", "no", "all", "some", "many", "most",
];

/// Cue lemmas whose complement can be a bare clause ("said he would", "warned the
/// plan"); the others take an object ("condemned the attack", "reiterated his support").
const CLAUSE_VERBS: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "claim",
    "argue",
    "insist",
    "warn",
    "explain",
    "announce",
    "suggest",
    "report",
    "admit",
    "acknowledge",
    "assert",
    "contend",
    "maintain",
    "allege",
    "predict",
    "promise",
    "write",
    "declare",
    "stress",
    "emphasise",
    "confirm",
    "deny",
    "concede",
    "complain",
    "conclude",
    "confess",
    "indicate",
    "note",
    "recall",
    "vow",
    "pledge",
    "boast",
    "agree",
    "post",
    "tweet",
];

/// Auxiliaries and modals: a finite verb, whatever the clause's subject.
const FINITE: &[&str] = &[
    "would", "could", "will", "was", "is", "are", "were", "has", "had", "have", "can", "may",
    "might", "should", "must", "did", "does", "do", "won't", "wouldn't", "couldn't", "wasn't",
    "isn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "didn't", "can't",
];

fn starts_clause(ctx: &QuoteContext, st: &SentToks, k: usize) -> bool {
    let Some(w) = st.folded.get(k) else {
        return false;
    };
    // "he’d", "they're": the pronoun before the apostrophe
    let head = w.split(['\'', '’']).next().unwrap_or(w);
    if CLAUSE_STARTS.contains(&head)
        || mention_starting(ctx, st, k).is_some_and(|m| m.form != MentionForm::Pronoun)
    {
        return true;
    }
    // "Mr. Trump's criticism …", "President Obama would …": a title, then a name
    if (ctx.lex.role(w).is_some()
        || matches!(
            head,
            "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr"
        ))
        && mention_starting(ctx, st, k + 1).is_some_and(|m| m.form != MentionForm::Pronoun)
    {
        return true;
    }
    // "a stern sentence could …", "two officials were …": an indefinite or a number
    // opens an object as often as a clause ("said a prayer"), so only with an
    // auxiliary or modal verb soon after.
    const INDEFINITE: &[&str] = &[
        "a",
        "an",
        "one",
        "two",
        "three",
        "several",
        "both",
        "each",
        "every",
        "any",
        "such",
        "few",
        "none",
        "nobody",
        "nothing",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "anyone",
        "more",
    ];
    (INDEFINITE.contains(&head) || head.starts_with(|c: char| c.is_ascii_digit()))
        && st.folded[k + 1..st.folded.len().min(k + 9)]
            .iter()
            .any(|w| FINITE.contains(&w.as_str()))
}

/// Who is told: "reporters", "CNN", "the Times", "The Associated Press" (a pronoun
/// or a word, or a determiner and the capitalised words after it). The token after.
fn skip_hearer(ctx: &QuoteContext, st: &SentToks, j: usize) -> usize {
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
fn that_after_adjunct(st: &SentToks, k: usize) -> Option<usize> {
    const OPENS: &[&str] = &[
        "on",
        "in",
        "at",
        "during",
        "to",
        "before",
        "after",
        "from",
        "over",
        "via",
        "through",
        "with",
        "earlier",
        "later",
        "again",
        "also",
        "publicly",
        "privately",
        "repeatedly",
        "recently",
        "this",
        "last",
    ];
    let w = |i: usize| st.folded.get(i).map(String::as_str).unwrap_or("");
    if !(OPENS.contains(&w(k)) || crate::statements::WEEKDAYS.contains(&w(k))) {
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
            let verb = FINITE.contains(&next) || (next.len() > 4 && next.ends_with("ed"));
            return (!verb).then_some(i);
        }
    }
    None
}

/// Cue forms that are as often nouns ("populist notes similar to …", "fundraising
/// reports through Jan. 31 that …"): the looser clause rules do not follow them.
const NOUN_FORMS: &[&str] = &[
    "notes",
    "reports",
    "claims",
    "promises",
    "tweets",
    "posts",
    "states",
    "warnings",
    "comments",
    "remarks",
    "statements",
    "pledges",
    "claim",
    "report",
    "note",
    "promise",
    "tweet",
    "post",
    "comment",
    "remark",
    "pledge",
    "vow",
    "warning",
    "statement",
];

/// "said economic stagnation is …", "said much of his discussion with Trump was …",
/// "said if he were president …": a clause that opens with any noun phrase, known by
/// a finite verb before any punctuation or relative pronoun ("said a prayer for the
/// victims" has none; "said the name of the town, which" stops at the comma).
fn finite_clause(ctx: &QuoteContext, st: &SentToks, k: usize) -> bool {
    const NOT_A_CLAUSE: &[&str] = &[
        "in", "on", "at", "to", "for", "with", "of", "about", "during", "after", "before", "from",
        "by", "as", "like", "so", "yes", "no", "nothing", "goodbye", "thanks", "hello", "sorry",
        "again", "only", "just", "simply", "little", "enough", "not", "never", "what", "how",
        "why", "whether", "where", "who", "which", "too", "farewell",
    ];
    let Some(first) = st.folded.get(k) else {
        return false;
    };
    // a verb first means the cue was a noun ("the jobs report has cleared …", "pledged
    // delegates will …"), a conjunction that the clause is the writer's
    let verb_like = FINITE.contains(&first.as_str())
        || (first.len() > 4 && (first.ends_with("ed") || first.ends_with("ing")))
        || ctx.lex.cue(first).is_some();
    const JOINS: &[&str] = &[
        "and", "or", "but", "than", "when", "until", "because", "off", "while", "also", "then",
    ];
    if st.toks[k].kind != TokKind::Word
        || NOT_A_CLAUSE.contains(&first.as_str())
        || JOINS.contains(&first.as_str())
        || verb_like
    {
        return false;
    }
    if matches!(
        first.as_str(),
        "if" | "despite" | "although" | "though" | "unless"
    ) {
        return true;
    }
    verb_follows(ctx, st, k)
}

/// A finite verb (an auxiliary, or a past form not after a determiner) within a few
/// words after token `k`, before any punctuation or relative pronoun.
fn verb_follows(ctx: &QuoteContext, st: &SentToks, k: usize) -> bool {
    const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "our", "my"];
    for i in k + 1..st.toks.len().min(k + 12) {
        if st.toks[i].kind == TokKind::Punct {
            return false;
        }
        let w = st.folded[i].as_str();
        if matches!(w, "who" | "which" | "whom" | "whose" | "that") {
            return false;
        }
        let participle = w.len() > 4
            && w.ends_with("ed")
            && !DETERMINERS.contains(&st.folded[i - 1].as_str())
            && ctx.lex.cue(w).is_none();
        if FINITE.contains(&w) || participle {
            return true;
        }
    }
    false
}

/// "on Monday", "Tuesday", "yesterday", "last week", "in a statement", "in an interview".
fn skip_time_adjunct(st: &SentToks, k: usize) -> usize {
    const RELATIVE: &[&str] = &[
        "yesterday",
        "today",
        "tonight",
        "recently",
        "later",
        "earlier",
        "repeatedly",
    ];
    let is_day = |w: &str| crate::statements::WEEKDAYS.contains(&w) || RELATIVE.contains(&w);
    let w = |i: usize| st.folded.get(i).map(String::as_str).unwrap_or("");
    match w(k) {
        "on" if is_day(w(k + 1)) => k + 2,
        "last" | "this" | "earlier" | "later"
            if matches!(
                w(k + 1),
                "week" | "month" | "year" | "night" | "morning" | "afternoon" | "evening"
            ) =>
        {
            k + 2
        }
        "earlier" | "later" if w(k + 1) == "this" => skip_time_adjunct(st, k + 1),
        "in" if matches!(w(k + 1), "a" | "an")
            && matches!(
                w(k + 2),
                "statement" | "interview" | "speech" | "post" | "letter"
            ) =>
        {
            k + 3
        }
        x if is_day(x) => k + 1,
        _ => k,
    }
}

/// "CONTENT, X said [adjunct]." or "CONTENT, said X." with the cue at `k`.
fn trailing_attribution(
    ctx: &QuoteContext,
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
        let j = skip_time_adjunct(st, from);
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
fn cue_subject(ctx: &QuoteContext, st: &SentToks, k: usize, quoted: &[Span]) -> Option<Speaker> {
    if k > 0 && matches!(st.folded[k - 1].as_str(), "and" | "but") {
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
    ctx: &QuoteContext,
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
fn clause_end(ctx: &QuoteContext, st: &SentToks, from: usize) -> Option<usize> {
    const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];
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
            "," => match w(i + 1) {
                "and" | "but" => w(i + 2) != "that",
                "while" | "whereas" | "however" | "compared" => true,
                "which" | "where" => long,
                "including" | "according" => false,
                p => {
                    long && p.len() > 4
                        && p.ends_with("ing")
                        && st.toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Word)
                }
            },
            ";" | "(" | "—" | "–" | "―" => true,
            "-" => spaced,
            _ => {
                matches!(w(i), "and" | "but")
                    && (cue_at(ctx, st, i + 1).is_some()
                        || (SUBJECT_PRONOUNS.contains(&w(i + 1))
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

fn trim_punct(text: &str, s: Span) -> Span {
    let t = s.text(text);
    let trimmed = t.trim_end_matches(['.', ',', ';', ':', ' ']);
    Span::new(s.start, s.start + trimmed.len())
}

fn indirect(
    ctx: &QuoteContext,
    sent: Span,
    content: Span,
    speaker: Option<Speaker>,
    cue: Cue,
) -> Quote {
    Quote {
        kind: QuoteKind::Indirect,
        span: sent,
        content,
        text: content.text(ctx.text).to_string(),
        speaker,
        cue: Some(cue),
        also_at: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze_text;
    use parallax_core::{Analysis, QuoteKind};

    fn speaker_of(a: &Analysis, needle: &str) -> Option<String> {
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

    /// The speaker's words as written (resolved or not) of the first quote with `needle`.
    /// The words of each indirect quote of `a`.
    fn indirect_texts(a: &Analysis) -> Vec<&str> {
        a.quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| q.text.as_str())
            .collect()
    }

    /// The indirect quotes of `a` with their speakers' words, against `want`.
    fn assert_indirect(a: &Analysis, want: &[(&str, &str)]) {
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

    fn speaker_words(a: &Analysis, needle: &str) -> Option<String> {
        a.quotes
            .iter()
            .find(|q| q.text.contains(needle))
            .and_then(|q| q.speaker.as_ref())
            .map(|s| s.text.clone())
    }

    fn kind_of(a: &Analysis, needle: &str) -> QuoteKind {
        a.quotes
            .iter()
            .find(|q| q.text.contains(needle))
            .unwrap()
            .kind
    }

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
    fn continue_to_is_not_a_speech_verb() {
        let a = analyze_text(
            "Ted Cruz said he is certain Marco Rubio will continue to be “a champion for limitless opportunity in America.”",
        );
        assert_eq!(speaker_of(&a, "a champion").as_deref(), Some("Ted Cruz"));
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
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("another Twitter user")
        );
        let q = a.quotes.iter().find(|q| q.text.contains("risky")).unwrap();
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("Mr. Prince")
        );
        assert_eq!(kind_of(&a, "genocide"), QuoteKind::Scare);
    }

    #[test]
    fn typewriter_double_apostrophes_are_quotation_marks() {
        let a = analyze_text(
            "Golf is in decline. ''It costs $100,000 a month to operate a golf course,'' said Steven M. Ekovich, a broker.\n\n``We are anxious,'' Mr. Chipok said of the members, who don't pay.",
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("It costs"))
            .expect("quote");
        assert_eq!(q.kind, QuoteKind::Direct);
        assert!(
            q.text.starts_with("It costs") && q.text.ends_with("golf course,"),
            "{:?}",
            q.text
        );
        assert_eq!(
            speaker_of(&a, "It costs").as_deref(),
            Some("Steven M. Ekovich")
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("anxious"))
            .expect("TeX-style quote");
        assert!(q.text.starts_with("We are"), "{:?}", q.text);
        assert_eq!(speaker_of(&a, "anxious").as_deref(), Some("Chipok"));
        // an apostrophe in a word and a lone closing one are not marks
        assert!(a.quotes.iter().all(|q| !q.text.contains("don't")));
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
    fn unmatched_and_mixed_marks() {
        let a = analyze_text(
            "He said \"straight quotes work,” mixed. An “unclosed quote runs to the end of its paragraph\n\nNext paragraph.",
        );
        assert!(
            a.quotes.iter().any(|q| q.text == "straight quotes work,"),
            "{:?}",
            a.quotes
        );
        assert!(
            a.quotes
                .iter()
                .any(|q| q.text.starts_with("unclosed quote runs"))
        );
    }

    #[test]
    fn multi_paragraph_quote() {
        let a = analyze_text(
            "“The first part of a long speech goes here,” Maduro said. “And it continues in this paragraph\n\n“and ends in this one.”",
        );
        let cont = a
            .quotes
            .iter()
            .find(|q| q.text.contains("and ends"))
            .unwrap();
        assert!(cont.speaker.is_some(), "{:?}", a.quotes);
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
                ("the FBI had obtained a warrant", "NBC News and ABC News"),
            ],
        );
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
    fn nested_quotes_social_media_and_org_speakers() {
        let a = analyze_text(
            "“She said ‘never again’ and meant it,” Nicolás Maduro wrote on social media.\n\nThe ministry said: “The border stays closed until further notice.”\n\nIn a statement, the International Court of Justice said that the case would be heard in May.",
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("never again"))
            .unwrap();
        assert_eq!(q.text, "She said ‘never again’ and meant it,");
        assert_eq!(
            a.entities[q.speaker.as_ref().unwrap().entity.unwrap()].name,
            "Nicolás Maduro"
        );
        assert_eq!(q.cue.as_ref().unwrap().lemma, "write");
        assert_eq!(
            a.quotes.iter().filter(|q| q.text.contains("never")).count(),
            1,
            "nested quote counted apart"
        );
        let m = a.quotes.iter().find(|q| q.text.contains("border")).unwrap();
        assert_eq!(
            m.speaker.as_ref().unwrap().entity,
            None,
            "an unnamed ministry stays unresolved"
        );
        let icj = a
            .quotes
            .iter()
            .find(|q| q.kind == QuoteKind::Indirect)
            .unwrap();
        assert_eq!(
            a.entities[icj.speaker.as_ref().unwrap().entity.unwrap()].name,
            "International Court of Justice"
        );
    }
}
