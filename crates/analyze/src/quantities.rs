//! Quantities in a sentence: the figures a statement gives, each with what it
//! measures (a count of something, money, a share, a length of time, a date, an
//! age), its value and whether it is approximate. The compare stage flags two
//! outlets' figures as conflicting only when they measure the same thing, so
//! "90 minutes" is never set against a "13-minute address", nor "99 weeks" against
//! "9/11".
//!
//! The words (number words, scales, currencies, units of time, months) are in
//! `data/en/quantities.tsv`.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use parallax_core::{Quantity, QuantityKind, Span};

use crate::text::{SentToks, TokKind};

/// The vocabulary of `data/en/quantities.tsv`.
struct Words {
    number: HashMap<String, f64>,
    scale: HashMap<String, f64>,
    suffix: HashMap<String, f64>,
    vague: Vec<String>,
    currency: HashMap<String, String>,
    /// Multi-word entries as folded word lists.
    percent: Vec<Vec<String>>,
    duration: HashMap<String, f64>,
    age: Vec<Vec<String>>,
    approx: Vec<Vec<String>>,
    month: HashMap<String, u32>,
    weekday: Vec<String>,
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = Words {
            number: HashMap::default(),
            scale: HashMap::default(),
            suffix: HashMap::default(),
            vague: Vec::new(),
            currency: HashMap::default(),
            percent: Vec::new(),
            duration: HashMap::default(),
            age: Vec::new(),
            approx: Vec::new(),
            month: HashMap::default(),
            weekday: Vec::new(),
        };
        let split = |s: &str| -> Vec<String> {
            s.split([' ', '-'])
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        for line in include_str!("../data/en/quantities.tsv").lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let (kind, word) = (f[0], f.get(1).copied().unwrap_or_default().to_string());
            let num = || f.get(2).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            match kind {
                "number" => {
                    w.number.insert(word, num());
                }
                "scale" => {
                    w.scale.insert(word, num());
                }
                "suffix" => {
                    w.suffix.insert(word, num());
                }
                "vague" => w.vague.push(word),
                "ordinal" => {}
                "currency" => {
                    w.currency
                        .insert(word, f.get(2).copied().unwrap_or_default().to_string());
                }
                "percent" => w.percent.push(split(&word)),
                "duration" => {
                    w.duration.insert(word, num());
                }
                "age" => w.age.push(split(&word)),
                "approx" => w.approx.push(split(&word)),
                "month" => {
                    w.month.insert(word, num() as u32);
                }
                "weekday" => w.weekday.push(word),
                other => panic!("data/en/quantities.tsv: unknown kind {other:?}"),
            }
        }
        // longest phrases first
        for v in [&mut w.percent, &mut w.age, &mut w.approx] {
            v.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        w
    })
}

/// The folded words from token `k` on match `phrase`, skipping hyphens between
/// them ("13-minute", "21-year-old"): the number of tokens used.
fn phrase_at(st: &SentToks, mut k: usize, phrase: &[String]) -> Option<usize> {
    let start = k;
    for (i, p) in phrase.iter().enumerate() {
        if i > 0 && st.folded.get(k).is_some_and(|f| f == "-") {
            k += 1;
        }
        // a hyphenated word is one token: "year-old"
        let f = st.folded.get(k)?;
        let parts: Vec<&str> = f.split('-').collect();
        if parts.len() > 1 {
            let rest = &phrase[i..];
            if rest.len() >= parts.len() && parts.iter().zip(rest).all(|(a, b)| a == b) {
                if rest.len() == parts.len() {
                    return Some(k + 1 - start);
                }
                return phrase_at(st, k + 1, &rest[parts.len()..]).map(|n| n + k + 1 - start);
            }
            return None;
        }
        if f != p {
            return None;
        }
        k += 1;
    }
    Some(k - start)
}

/// The first phrase of `list` at token `k`, and its token count.
fn any_at(st: &SentToks, k: usize, list: &[Vec<String>]) -> Option<usize> {
    list.iter().find_map(|p| phrase_at(st, k, p))
}

/// The value of a number token: "5.7", "2,000", "5bn", "30m"; none for "1990s"
/// or "7th".
fn digits_value(s: &str) -> Option<f64> {
    let w = words();
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(s.len());
    let (num, rest) = s.split_at(end);
    let v: f64 = num.replace(',', "").parse().ok()?;
    if rest.is_empty() {
        return Some(v);
    }
    w.suffix.get(&rest.to_lowercase()).map(|m| v * m)
}

/// A number written in words: "five", "twenty-five", "dozen".
fn word_value(folded: &str) -> Option<f64> {
    let w = words();
    if let Some(v) = w.number.get(folded) {
        return Some(*v);
    }
    let parts: Vec<&str> = folded.split('-').collect();
    if parts.len() == 2 {
        let (a, b) = (w.number.get(parts[0])?, w.number.get(parts[1])?);
        if *a >= 20.0 && *a < 100.0 && *b < 10.0 {
            return Some(a + b);
        }
    }
    None
}

fn capitalised(st: &SentToks, text: &str, k: usize) -> bool {
    st.toks[k]
        .text(text)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The tokens after `k` skipping one period (an abbreviation's: "Nov. 5").
fn skip_period(st: &SentToks, k: usize) -> usize {
    if st.folded.get(k).is_some_and(|f| f == ".") {
        k + 1
    } else {
        k
    }
}

fn number_at(st: &SentToks, text: &str, k: usize) -> Option<u32> {
    let t = st.toks.get(k)?;
    if t.kind != TokKind::Number {
        return None;
    }
    let s = t.text(text);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let rest = &s[digits.len()..];
    if !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th")) {
        return None;
    }
    digits.parse().ok()
}

/// Quantities of one sentence. `is_stopword` tells the function words a counted
/// thing is never named by; `stem` folds the counted thing ("arrests" ->
/// "arrest").
pub(crate) fn find(
    text: &str,
    st: &SentToks,
    is_stopword: &dyn Fn(&str) -> bool,
    stem: &dyn Fn(&str) -> String,
) -> Vec<Quantity> {
    let w = words();
    let n = st.toks.len();
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        let f = st.folded[k].as_str();
        let tok = st.toks[k];
        // Dates: "November 5, 2019", "Nov. 5", "March 2024", a weekday.
        if let Some(&m) = w.month.get(f) {
            let next = skip_period(st, k + 1);
            let day = number_at(st, text, next).filter(|d| (1..=31).contains(d));
            let may_be_word = matches!(f, "may" | "march" | "jan" | "mar" | "sep" | "dec");
            if capitalised(st, text, k)
                && (day.is_some() || !may_be_word || number_at(st, text, next).is_some())
            {
                let mut end = k;
                let mut year = None;
                let mut j = next;
                if day.is_some() {
                    end = next;
                    j = next + 1;
                    if st.folded.get(j).is_some_and(|x| x == ",") {
                        j += 1;
                    }
                }
                if let Some(y) = number_at(st, text, j).filter(|y| (1800..=2100).contains(y)) {
                    year = Some(y);
                    end = j;
                }
                let (value, unit) = match (year, day) {
                    (Some(y), Some(d)) => (y * 10_000 + m * 100 + d, "date"),
                    (None, Some(d)) => (m * 100 + d, "day"),
                    (Some(y), None) => (y * 100 + m, "month"),
                    (None, None) => (m, "month-name"),
                };
                out.push(quantity(
                    text,
                    st,
                    k,
                    end,
                    QuantityKind::Date,
                    Some(value as f64),
                    unit,
                    false,
                ));
                k = end + 1;
                continue;
            }
        }
        if let Some(d) = w.weekday.iter().position(|x| x == f) {
            out.push(quantity(
                text,
                st,
                k,
                k,
                QuantityKind::Date,
                Some(d as f64 + 1.0),
                "weekday",
                false,
            ));
            k += 1;
            continue;
        }
        // A number, in digits or words.
        let s = tok.text(text);
        let mut value = None;
        if tok.kind == TokKind::Number {
            if s.ends_with('s') && s[..s.len() - 1].chars().all(|c| c.is_ascii_digit()) {
                // "1990s": a decade
                k += 1;
                continue;
            }
            let ordinal = ["st", "nd", "rd", "th"].iter().any(|suf| {
                s.len() > 2
                    && s.ends_with(suf)
                    && s[..s.len() - 2].chars().all(|c| c.is_ascii_digit())
            });
            if ordinal {
                let v = s[..s.len() - 2].parse().ok();
                out.push(quantity(
                    text,
                    st,
                    k,
                    k,
                    QuantityKind::Ordinal,
                    v,
                    "",
                    false,
                ));
                k += 1;
                continue;
            }
            value = digits_value(s);
            let plain_year = !s.contains(',')
                && s.len() == 4
                && s.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
            let money_before = k > 0 && w.currency.contains_key(&st.folded[k - 1]);
            let measured_after = st.folded.get(k + 1).is_some_and(|x| {
                w.scale.contains_key(x)
                    || w.duration.contains_key(x)
                    || any_at(st, k + 1, &w.percent).is_some()
            });
            if plain_year && !money_before && !measured_after {
                out.push(quantity(
                    text,
                    st,
                    k,
                    k,
                    QuantityKind::Date,
                    value,
                    "year",
                    false,
                ));
                k += 1;
                continue;
            }
        } else if tok.kind == TokKind::Word {
            if w.vague.iter().any(|v| v == f) {
                let unit = counted(st, k + 1, is_stopword, stem);
                out.push(quantity(
                    text,
                    st,
                    k,
                    k,
                    QuantityKind::Count,
                    None,
                    &unit,
                    true,
                ));
                k += 1;
                continue;
            }
            value = word_value(f);
            // "one" is as often a pronoun ("one of the") as a number: only with
            // a unit or a scale after it
            if f == "one" {
                let after = st.folded.get(k + 1).map(String::as_str).unwrap_or("");
                if !(w.scale.contains_key(after) || w.duration.contains_key(after)) {
                    value = None;
                }
            }
        }
        let Some(mut v) = value else {
            k += 1;
            continue;
        };
        let mut start = k;
        let mut end = k;
        // scales: "5.7 billion", "two hundred thousand"
        while let Some(m) = st.folded.get(end + 1).and_then(|x| w.scale.get(x)) {
            v *= m;
            end += 1;
        }
        // what comes before: a currency sign, an approximation
        let mut kind = QuantityKind::Count;
        let mut unit = String::new();
        if start > 0 {
            if let Some(c) = w.currency.get(&st.folded[start - 1]) {
                if !st.folded[start - 1].chars().all(char::is_alphabetic) {
                    kind = QuantityKind::Money;
                    unit = c.clone();
                    start -= 1;
                }
            }
        }
        let mut approximate = false;
        for back in (1..=3).rev() {
            if start >= back && any_at(st, start - back, &w.approx) == Some(back) {
                approximate = true;
                start -= back;
                break;
            }
        }
        // what comes after: a share, a currency word, a unit of time, an age
        let mut j = end + 1;
        if st.folded.get(j).is_some_and(|x| x == "-") {
            j += 1;
        }
        if kind == QuantityKind::Count {
            if let Some(len) = any_at(st, end + 1, &w.percent) {
                kind = QuantityKind::Percent;
                end += len;
            } else if let Some(len) = any_at(st, j, &w.age) {
                kind = QuantityKind::Age;
                end = j + len - 1;
            } else if let Some(c) = st.folded.get(j).and_then(|x| w.currency.get(x)) {
                kind = QuantityKind::Money;
                unit = c.clone();
                end = j;
            } else if let Some(secs) = st.folded.get(j).and_then(|x| {
                // "13-minute" is one token
                let head = x.split('-').next().unwrap_or(x);
                w.duration.get(x).or_else(|| w.duration.get(head))
            }) {
                kind = QuantityKind::Duration;
                v *= secs;
                unit = "second".to_string();
                end = j;
            }
        }
        if kind == QuantityKind::Count {
            unit = counted(st, end + 1, is_stopword, stem);
        }
        let q = Quantity {
            span: Span::new(st.toks[start].span.start, st.toks[end].span.end),
            text: Span::new(st.toks[start].span.start, st.toks[end].span.end)
                .text(text)
                .to_string(),
            kind,
            value: Some(v),
            unit,
            approximate,
        };
        out.push(q);
        k = end + 1;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn quantity(
    text: &str,
    st: &SentToks,
    a: usize,
    b: usize,
    kind: QuantityKind,
    value: Option<f64>,
    unit: &str,
    approximate: bool,
) -> Quantity {
    let span = Span::new(st.toks[a].span.start, st.toks[b].span.end);
    Quantity {
        span,
        text: span.text(text).to_string(),
        kind,
        value,
        unit: unit.to_string(),
        approximate,
    }
}

/// The thing a count counts: the first content word within three tokens after
/// `k`, stemmed ("200 arrests", "five people were injured", "more than 200 were
/// arrested").
fn counted(
    st: &SentToks,
    k: usize,
    is_stopword: &dyn Fn(&str) -> bool,
    stem: &dyn Fn(&str) -> String,
) -> String {
    for j in k..(k + 3).min(st.toks.len()) {
        let t = st.toks[j];
        if t.kind != TokKind::Word {
            if st.folded[j] == "-" {
                continue;
            }
            break;
        }
        let f = &st.folded[j];
        if f == "of" || is_stopword(f) {
            continue;
        }
        return stem(f);
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{SentToks, tokenize};

    fn qs(s: &str) -> Vec<(String, QuantityKind, Option<f64>, String, bool)> {
        let toks = tokenize(s, Span::new(0, s.len()));
        let folded = toks
            .iter()
            .map(|t| parallax_core::fold(t.text(s)))
            .collect();
        let st = SentToks { toks, folded };
        let stop = |w: &str| {
            matches!(
                w,
                "the" | "a" | "were" | "was" | "have" | "been" | "in" | "and" | "to" | "by"
            )
        };
        let stem = |w: &str| crate::statements::stem(w);
        find(s, &st, &stop, &stem)
            .into_iter()
            .map(|q| (q.text, q.kind, q.value, q.unit, q.approximate))
            .collect()
    }

    #[test]
    fn money_counts_and_shares() {
        let q = qs("Trump demanded $5.7 billion for the wall, and 35 percent of voters agreed.");
        assert_eq!(q[0].0, "$5.7 billion");
        assert_eq!(q[0].1, QuantityKind::Money);
        assert_eq!(q[0].2, Some(5.7e9));
        assert_eq!(q[1].1, QuantityKind::Percent);
        assert_eq!(q[1].2, Some(35.0));
        let q = qs("Police made more than 200 arrests, and five people were injured.");
        assert_eq!(
            q[0],
            (
                "more than 200".into(),
                QuantityKind::Count,
                Some(200.0),
                "arrest".into(),
                true
            )
        );
        assert_eq!(q[1].2, Some(5.0));
        assert_eq!(q[1].3, "people");
        let q = qs("It costs £30m, or 2,000 jobs.");
        assert_eq!(q[0].1, QuantityKind::Money);
        assert_eq!(q[0].2, Some(30e6));
        assert_eq!(q[1].2, Some(2000.0));
        assert_eq!(q[1].3, "job");
    }

    #[test]
    fn durations_ages_and_dates() {
        let q = qs("The 90 minutes of debate followed a 13-minute address by a 21-year-old.");
        assert_eq!(q[0].1, QuantityKind::Duration);
        assert_eq!(q[0].2, Some(5400.0));
        assert_eq!(q[1].1, QuantityKind::Duration, "{q:?}");
        assert_eq!(q[1].2, Some(780.0));
        assert_eq!(q[2].1, QuantityKind::Age, "{q:?}");
        let q = qs("On Tuesday, November 5, 2019, and in March 2024 and in 2008.");
        assert_eq!(q[0].3, "weekday");
        assert_eq!(q[1].0, "November 5, 2019");
        assert_eq!(q[1].2, Some(20191105.0));
        assert_eq!(q[2].3, "month");
        assert_eq!(q[3].3, "year");
        assert_eq!(q[3].2, Some(2008.0));
        let q = qs("She may go, and one of them said the 1990s were the 23rd best.");
        assert!(
            q.iter().all(|x| x.1 == QuantityKind::Ordinal),
            "no month, no number from 'one', no decade: {q:?}"
        );
    }
}
