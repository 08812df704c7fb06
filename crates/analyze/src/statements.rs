//! Statements: each sentence as a claim-sized unit with its actors, quantities
//! (`quantities`), quotations and content terms, the material the compare stage
//! aligns across outlets.

use parallax_core::{Quote, QuoteKind, Span, Statement, fold};

use crate::context::Context;
use crate::text::TokKind;

pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// A crude English stem: enough to match "members"/"member", "backed"/"backing",
/// "recognising"/"recognized" and "honour"/"honor".
pub fn stem(word: &str) -> String {
    // One allocation: the folded word is cut and re-suffixed in place.
    let mut w = fold(word);
    let kept = w.trim_end_matches("'s").trim_end_matches('\'').len();
    w.truncate(kept);
    british_to_american(&mut w);
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if n > 5 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
    } else if n > 4 && w.ends_with("ed") {
        w.truncate(w.len() - 2);
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("as")
    {
        w.truncate(w.len() - 1);
    }
    w
}

/// British spellings to American ones, in place: "-ise"/"-isation" and
/// "-our"/"-tre" endings after a long enough base.
fn british_to_american(w: &mut String) {
    for (gb, us) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
    ] {
        if let Some(base) = w.strip_suffix(gb) {
            if base.chars().count() >= 4 {
                let cut = base.len();
                w.truncate(cut);
                w.push_str(us);
                return;
            }
        }
    }
    for (gb, us) in [
        ("our", "or"),
        ("ours", "ors"),
        ("tre", "ter"),
        ("tres", "ters"),
    ] {
        if let Some(base) = w.strip_suffix(gb) {
            if base.chars().count() >= 3
                && !matches!(
                    w.as_str(),
                    "four"
                        | "hour"
                        | "tour"
                        | "your"
                        | "pour"
                        | "sour"
                        | "flour"
                        | "ours"
                        | "yours"
                        | "hours"
                        | "tours"
                )
            {
                let cut = base.len();
                w.truncate(cut);
                w.push_str(us);
                return;
            }
        }
    }
}

/// One statement per sentence of the article, with its quantities, the
/// quotations inside it (`quotes`: the article's quote layer, sorted by start) and
/// its quoted share from `ctx.speech`.
pub(crate) fn find_statements(ctx: &Context, quotes: &[Quote]) -> Vec<Statement> {
    let Context {
        text,
        lex,
        sentences,
        sents,
        mentions,
        speech: quoted,
        ..
    } = *ctx;
    // every quotation's span and the spans of its later parts ("“…,” she said.
    // “…”"), with the quotation, by start
    let mut spans: Vec<(Span, usize)> = quotes
        .iter()
        .enumerate()
        .flat_map(|(i, q)| q.spans().map(move |sp| (sp, i)))
        .collect();
    spans.sort_unstable_by_key(|p| (p.0.start, p.0.end, p.1));
    let mut out = Vec::new();
    for (si, (s, st)) in sentences.iter().zip(sents).enumerate() {
        // sets beside the ordered lists: a huge sentence must not cost its square
        let mut actors: Vec<usize> = Vec::new();
        let mut seen_actors = std::collections::HashSet::new();
        let here = crate::index::mentions_in(mentions, s.span);
        for m in here.iter().filter(|m| s.span.contains(m.span)) {
            if seen_actors.insert(m.entity) {
                actors.push(m.entity);
            }
        }
        let mut seen_terms = std::collections::HashSet::new();
        // mentions in start order; those ended before the current token are passed
        let mut first_open = 0;
        let mut terms = Vec::new();
        for (k, t) in st.toks.iter().enumerate() {
            if t.kind != TokKind::Word {
                continue;
            }
            let w = st.folded[k].as_str();
            // Words of actor names count as the actor, not as terms.
            while first_open < here.len() && here[first_open].span.end <= t.span.start {
                first_open += 1;
            }
            let in_name = here[first_open..]
                .iter()
                .take_while(|m| m.span.start <= t.span.start)
                .any(|m| m.span.contains(t.span));
            if !in_name
                && !lex.is_stopword(w)
                && w.chars().count() > 2
                && w.chars().any(char::is_alphabetic)
            {
                let stemmed = stem(w);
                if seen_terms.insert(stemmed.clone()) {
                    terms.push(stemmed);
                }
            }
        }
        let quantities = crate::quantities::find(text, st, &|w| lex.is_stopword(w), &stem);
        // quotations overlapping the sentence (by start, then a short scan back for
        // one that opened in an earlier sentence)
        let first = spans.partition_point(|p| p.0.start < s.span.start);
        let mut in_sentence: Vec<usize> = (first.saturating_sub(8)..first)
            .chain((first..spans.len()).take_while(|&k| spans[k].0.start < s.span.end))
            .filter(|&k| spans[k].0.end > s.span.start)
            .map(|k| spans[k].1)
            .collect();
        in_sentence.sort_unstable();
        in_sentence.dedup();
        in_sentence.retain(|&i| quotes[i].kind != QuoteKind::Scare);
        let inside: usize = quoted.iter().map(|q| overlap(*q, s.span)).sum();
        out.push(Statement {
            span: s.span,
            text: s.span.text(text).to_string(),
            sentence: si,
            actors,
            quantities,
            quotes: in_sentence,
            clauses: clauses(text, st),
            terms,
            quoted: inside * 2 > s.span.len(),
        });
    }
    out
}

/// Words after a comma that open a new clause.
const CLAUSE_OPENERS: &[&str] = &[
    "and",
    "but",
    "while",
    "who",
    "which",
    "where",
    "although",
    "though",
    "because",
    "after",
    "saying",
    "adding",
    "according",
    "when",
    "whereas",
];

/// The clauses of one sentence (see [`Statement::clauses`]).
fn clauses(text: &str, st: &crate::text::SentToks) -> Vec<Span> {
    let mut cuts: Vec<usize> = Vec::new();
    for (k, t) in st.toks.iter().enumerate() {
        if t.kind != TokKind::Punct {
            continue;
        }
        let p = t.text(text);
        let hard = matches!(
            p,
            ";" | ":" | "—" | "–" | "--" | "(" | ")" | "“" | "”" | "\""
        );
        let comma = p == ","
            && st
                .folded
                .get(k + 1)
                .is_some_and(|w| CLAUSE_OPENERS.contains(&w.as_str()));
        if hard || comma {
            cuts.push(k);
        }
    }
    if cuts.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    for end in cuts.into_iter().chain(std::iter::once(st.toks.len())) {
        if from >= end {
            from = end + 1;
            continue;
        }
        let words = st.toks[from..end]
            .iter()
            .filter(|t| matches!(t.kind, TokKind::Word | TokKind::Number))
            .count();
        if words >= 4 {
            out.push(Span::new(
                st.toks[from].span.start,
                st.toks[end - 1].span.end,
            ));
        }
        from = end + 1;
    }
    if out.len() < 2 { Vec::new() } else { out }
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause_texts(s: &str) -> Vec<String> {
        let toks = crate::text::tokenize(s, Span::new(0, s.len()));
        let folded = toks.iter().map(|t| fold(t.text(s))).collect();
        let st = crate::text::SentToks { toks, folded };
        clauses(s, &st)
            .iter()
            .map(|c| c.text(s).to_string())
            .collect()
    }

    #[test]
    fn clauses_split_at_marks_and_conjunctions() {
        assert_eq!(
            clause_texts(
                "The House passed the bill on Tuesday, and the Senate will vote on it next week."
            ),
            vec![
                "The House passed the bill on Tuesday",
                "and the Senate will vote on it next week."
            ]
        );
        assert_eq!(
            clause_texts(
                "“We will not back down from this fight,” Boehner told reporters at the Capitol."
            ),
            vec![
                "We will not back down from this fight,",
                "Boehner told reporters at the Capitol."
            ]
        );
        assert!(clause_texts("Short one; two.").is_empty());
        assert!(clause_texts("A plain sentence of one clause only.").is_empty());
        assert!(clause_texts("Ends on a cut (").is_empty());
    }

    #[test]
    fn stems() {
        assert_eq!(stem("members"), "member");
        assert_eq!(stem("backing"), "back");
        assert_eq!(stem("countries"), "country");
        assert_eq!(stem("Hamas"), "hamas");
        assert_eq!(stem("crisis"), "crisis");
        assert_eq!(stem("recognising"), stem("recognized"));
        assert_eq!(stem("honour"), stem("honor"));
        assert_eq!(stem("centre"), stem("center"));
        assert_eq!(stem("four"), "four");
    }
}
