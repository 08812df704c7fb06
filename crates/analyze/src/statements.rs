//! Statements: each sentence as a claim-sized unit with its actors, numbers, dates
//! and content terms, the material the compare stage aligns across outlets.

use parallax_core::{Span, Statement, fold};

use crate::context::Context;
use crate::text::SentToks;
use crate::text::TokKind;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const QUANTITY_WORDS: &[&str] = &[
    "per",
    "percent",
    "%",
    "million",
    "billion",
    "thousand",
    "hundred",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
];

/// A crude English stem: enough to match "members"/"member", "backed"/"backing",
/// "recognising"/"recognized" and "honour"/"honor".
pub fn stem(word: &str) -> String {
    let w = fold(word);
    let w = w.trim_end_matches("'s").trim_end_matches('\'').to_string();
    let w = british_to_american(&w);
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    if n > 5 && w.ends_with("ing") {
        return w[..w.len() - 3].to_string();
    }
    if n > 4 && w.ends_with("ed") {
        return w[..w.len() - 2].to_string();
    }
    if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("as")
    {
        return w[..w.len() - 1].to_string();
    }
    w
}

fn british_to_american(w: &str) -> String {
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
                return format!("{base}{us}");
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
                    w,
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
                return format!("{base}{us}");
            }
        }
    }
    w.to_string()
}

/// One statement per sentence of the article, with its quoted share from
/// `ctx.speech`.
pub(crate) fn find_statements(ctx: &Context) -> Vec<Statement> {
    let Context {
        text,
        lex,
        sentences,
        sents,
        mentions,
        speech: quoted,
        ..
    } = *ctx;
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
        let mut numbers = Vec::new();
        let mut dates = Vec::new();
        let mut terms = Vec::new();
        for (k, t) in st.toks.iter().enumerate() {
            let w = st.folded[k].as_str();
            match t.kind {
                TokKind::Number => {
                    let is_year =
                        w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
                    let after_month = k > 0 && MONTHS.contains(&st.folded[k - 1].as_str());
                    if is_year || after_month {
                        dates.push(date_phrase(text, st, k));
                    } else {
                        let unit = st.folded.get(k + 1).filter(|u| {
                            QUANTITY_WORDS.contains(&u.as_str()) || !lex.is_stopword(u)
                        });
                        let mut n = t.text(text).to_string();
                        if let Some(u) = unit.filter(|u| QUANTITY_WORDS.contains(&u.as_str())) {
                            n.push(' ');
                            n.push_str(u);
                        }
                        numbers.push(n);
                    }
                }
                TokKind::Word => {
                    // Words of actor names count as the actor, not as terms.
                    while first_open < here.len() && here[first_open].span.end <= t.span.start {
                        first_open += 1;
                    }
                    let in_name = here[first_open..]
                        .iter()
                        .take_while(|m| m.span.start <= t.span.start)
                        .any(|m| m.span.contains(t.span));
                    let month_alone = MONTHS.contains(&w)
                        && w != "may"
                        && !st
                            .toks
                            .get(k + 1)
                            .is_some_and(|n| n.kind == TokKind::Number);
                    if WEEKDAYS.contains(&w) || month_alone {
                        dates.push(t.text(text).to_string());
                    }
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
                _ => {}
            }
        }
        dates.dedup();
        let inside: usize = quoted.iter().map(|q| overlap(*q, s.span)).sum();
        out.push(Statement {
            span: s.span,
            text: s.span.text(text).to_string(),
            sentence: si,
            actors,
            numbers,
            dates,
            terms,
            quoted: inside * 2 > s.span.len(),
        });
    }
    out
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// "October 2025", "March 2024", "December 2004", "1998".
fn date_phrase(text: &str, st: &SentToks, k: usize) -> String {
    let mut start = k;
    if k > 0 && MONTHS.contains(&st.folded[k - 1].as_str()) {
        start = k - 1;
    } else if k > 1
        && st.toks[k - 1].kind == TokKind::Number
        && MONTHS.contains(&st.folded[k - 2].as_str())
    {
        start = k - 2;
    }
    Span::new(st.toks[start].span.start, st.toks[k].span.end)
        .text(text)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
