//! Candidate mentions from the rules, one sentence at a time: gazetteer names
//! (longest match first), capitalised runs classified by their head word
//! (organisation, natural place, thing) or split at connectors and gazetteer names
//! into person names with their titles stripped off and kept as roles. With the
//! tagger, each sentence's candidates are then combined with its spans
//! ([`super::combine`]).

use parallax_core::{ActorKind, Span, fold, is_acronym};
use parallax_ner::Tagger;

use super::{Cand, CandKind, Tagged, combine};
use crate::lexicon::{GazForm, HeadClass, Lexicon, RoleKind};
use crate::text::{SentToks, TokKind, Token, is_capitalized};

pub(super) fn gaz_match_at(
    text: &str,
    st: &SentToks,
    i: usize,
    lex: &Lexicon,
) -> Option<(usize, usize, GazForm)> {
    // "F.B.I.", "C.I.A.": a dotted initialism is the acronym the gazetteer lists
    // without dots, unless it lists the dotted form ("U.S.")
    let (pats, dotted) = match lex.gazetteer.index.get(&st.folded[i]) {
        Some(pats) => (pats, false),
        None => (lex.gazetteer.index.get(&undotted(&st.folded[i])?)?, true),
    };
    let raw = |k: usize| {
        let t = st.toks[k].text(text);
        if dotted && k == i {
            std::borrow::Cow::Owned(t.replace('.', ""))
        } else {
            std::borrow::Cow::Borrowed(t)
        }
    };
    for p in pats {
        let end = i + 1 + p.rest.len();
        if end > st.toks.len() || st.folded[i + 1..end] != p.rest[..] {
            continue;
        }
        if let Some(exact) = &p.exact {
            if !(i..end).zip(exact).all(|(k, e)| raw(k) == e.as_str()) {
                continue;
            }
        } else if !p.lower_ok && !is_capitalized(st.toks[i].text(text)) {
            continue;
        }
        if st.toks[i].kind != TokKind::Word {
            continue;
        }
        return Some((end, p.entry, p.form));
    }
    None
}

/// "f.b.i." -> "fbi": a word of two or more single letters, each with its dot
/// (the last one's may be lost: "u.s").
fn undotted(folded: &str) -> Option<String> {
    let parts: Vec<&str> = folded
        .strip_suffix('.')
        .unwrap_or(folded)
        .split('.')
        .collect();
    (parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1)).then(|| parts.concat())
}

/// Where the name of tokens `start..end` begins past its last word hyphened to a
/// lower-case modifier ("the GOP-controlled Congress", "German-born Henry
/// Kissinger": the modifier says who controls or bore the name after it, and is no
/// part of it); `None` when no word before the last is one.
pub(super) fn after_hyphen_modifier(
    text: &str,
    st: &SentToks,
    lex: &Lexicon,
    start: usize,
    end: usize,
) -> Option<usize> {
    (start..end.saturating_sub(1))
        .rev()
        .find(|&k| hyphen_modifier(&st.folded[k], st.toks[k].text(text), lex))
        .map(|k| k + 1)
}

/// A capitalised word hyphened to a lower-case modifier ("GOP-controlled",
/// "Ark.-based", "German-born"; not "Coca-Cola" or "Seventh-day").
fn hyphen_modifier(folded: &str, raw: &str, lex: &Lexicon) -> bool {
    let Some((before, last)) = folded.rsplit_once('-') else {
        return false;
    };
    let set = &lex.words.hyphen_modifiers;
    !before.is_empty()
        && raw.starts_with(char::is_uppercase)
        && raw
            .rsplit_once('-')
            .is_some_and(|(_, l)| l.starts_with(char::is_lowercase))
        && (set.contains(last) || set.ends_word(last))
}

pub(super) fn is_name_word(text: &str, t: &Token) -> bool {
    t.kind == TokKind::Word && is_capitalized(t.text(text))
}

pub(super) fn detect_sentence(
    text: &str,
    si: usize,
    st: &SentToks,
    lex: &Lexicon,
    tagger: Option<&Tagger>,
    all: &mut Vec<Cand>,
) {
    // Candidates of this sentence only: looking at the whole article's would make
    // the work grow with the square of its length.
    let mut mine: Vec<Cand> = Vec::new();
    detect_in(text, si, st, lex, &mut mine);
    if let Some(tagger) = tagger {
        let tags = combine::tag_sentence(text, st, lex, &mine, tagger);
        combine::combine(text, si, st, lex, &tags, &mut mine);
    }
    all.extend(mine);
}

/// Roads: "U.S. Route 75", "Interstate 44", "Highway 412" (a capitalised road
/// word before a number, with the acronym of a country or state before it) and
/// "US-75", "I-44", "US 169" (the road's initials; "I" only with its hyphen) are places, pushed to `out`;
/// their token ranges are returned, for the other passes to leave alone (their
/// "U.S." is no country).
fn roads(
    text: &str,
    si: usize,
    st: &SentToks,
    lex: &Lexicon,
    out: &mut Vec<Cand>,
) -> Vec<(usize, usize)> {
    let n = st.toks.len();
    let mut roads: Vec<(usize, usize)> = Vec::new();
    for k in 0..n.saturating_sub(1) {
        let number = st.toks[k + 1]
            .text(text)
            .starts_with(|c: char| c.is_ascii_digit());
        if number
            && lex.words.road_words.contains(&st.folded[k])
            && is_capitalized(st.toks[k].text(text))
        {
            let s = if k > 0
                && is_acronym(st.toks[k - 1].text(text))
                && gaz_match_at(text, st, k - 1, lex).is_some_and(|g| g.0 == k)
            {
                k - 1
            } else {
                k
            };
            roads.push((s, k + 2));
        }
    }
    // (one token "US-75", or "US" and "-75", or "US", "-" and "75", or "US 169")
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    for k in 0..n {
        let a = st.toks[k].text(text);
        let rest: Vec<&str> = st.toks[k + 1..n.min(k + 3)]
            .iter()
            .map(|t| t.text(text))
            .collect();
        let adjacent =
            |m: usize| (k..k + m).all(|i| st.toks[i].span.end == st.toks[i + 1].span.start);
        let one = a
            .split_once('-')
            .is_some_and(|(p, n)| matches!(p, "US" | "I") && digits(n));
        let len = if one {
            1
        } else if !matches!(a, "US" | "I") {
            0
        } else if rest
            .first()
            .and_then(|w| w.strip_prefix('-'))
            .is_some_and(digits)
            && adjacent(1)
        {
            2
        } else if rest.len() == 2 && rest[0] == "-" && digits(rest[1]) && adjacent(2) {
            3
        } else if a == "US" && rest.first().is_some_and(|w| digits(w) && w.len() <= 3) {
            // ("US 169": a number of up to three digits, no year; "I" and a number
            // apart is the pronoun: "While I 100 percent support …")
            2
        } else {
            0
        };
        if len > 0 && roads.iter().all(|r| r.1 <= k || k + len <= r.0) {
            roads.push((k, k + len));
        }
    }
    for &(s, e) in &roads {
        let span = Span::new(st.toks[s].span.start, st.toks[e - 1].span.end);
        out.push(Cand {
            sent: si,
            tok_start: s,
            tok_end: e,
            span,
            kind: CandKind::Place {
                name: span.text(text).to_string(),
            },
            title: None,
            appos: None,
            tagged: Tagged::NotRun,
            from_tagger: false,
        });
    }
    roads
}

pub(super) fn detect_in(text: &str, si: usize, st: &SentToks, lex: &Lexicon, out: &mut Vec<Cand>) {
    let n = st.toks.len();
    let roads = roads(text, si, st, lex, out);
    let in_road = |i: usize| roads.iter().find(|r| r.0 <= i && i < r.1).map(|r| r.1);
    // Pass A: gazetteer, longest match first, left to right.
    let mut gaz: Vec<(usize, usize, usize, GazForm)> = Vec::new();
    let mut i = 0;
    while i < n {
        if let Some(end) = in_road(i) {
            i = end;
            continue;
        }
        if let Some((end, entry, form)) = gaz_match_at(text, st, i, lex) {
            gaz.push((i, end, entry, form));
            i = end;
        } else {
            i += 1;
        }
    }
    let gaz_at = |i: usize| gaz.iter().find(|g| g.0 <= i && i < g.1).copied();

    // Pass B: capitalised runs, connectors allowed between capitalised words.
    let mut i = 0;
    while i < n {
        if let Some(end) = in_road(i) {
            i = end;
            continue;
        }
        let starts = is_name_word(text, &st.toks[i]) || gaz_at(i).is_some_and(|g| g.0 == i);
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j >= n || in_road(j).is_some() {
                break;
            }
            if let Some(g) = gaz_at(j) {
                if g.0 == j {
                    j = g.1;
                    continue;
                }
            }
            let t = &st.toks[j];
            if is_name_word(text, t) {
                j += 1;
                continue;
            }
            let w = st.folded[j].as_str();
            let next_is_name =
                |k: usize| k < n && (is_name_word(text, &st.toks[k]) || gaz_at(k).is_some());
            // "and the" joins two names, not the words of one ("The FBI and the
            // Department of Housing and Urban Development")
            // (nor does "and" after an acronym: "the FBI and National Security
            // Agency" are two)
            // (nor "and" before an organisation the gazetteer knows: "the Weekly
            // Standard and ABC News", where "New York and New Jersey" still joins)
            let two_names = super::and_the(st, lex, j)
                || (lex.words.run_ands.contains(w)
                    && ((j == i + 1 && is_acronym(st.toks[i].text(text)))
                        || gaz_at(j + 1).is_some_and(|g| {
                            g.0 == j + 1 && lex.gazetteer.entries[g.2].kind == ActorKind::Org
                        })));
            // a "the" of its own joins only an epithet, one word to one word
            // ("Ivan the Terrible"), never a name to an object ("told Fox News
            // the FBI and …", "gave Obama the Nobel Prize")
            let lone_the = w == "the"
                && !st
                    .folded
                    .get(j + 1)
                    .is_some_and(|x| lex.words.run_connectors.contains(x));
            let epithet = j == i + 1
                && next_is_name(j + 1)
                && !next_is_name(j + 2)
                && !is_acronym(st.toks[j + 1].text(text));
            if (lex.words.run_connectors.contains(w) || lex.words.name_particles.contains(w))
                && t.kind == TokKind::Word
                && !two_names
                && (!lone_the || epithet)
            {
                // allow "of the" chains
                let mut k = j + 1;
                while k < n && lex.words.run_connectors.contains(&st.folded[k]) {
                    k += 1;
                }
                if next_is_name(k) {
                    j = k;
                    continue;
                }
            }
            // Plural possessive inside a name: "Workers’ Movement".
            if t.kind == TokKind::Possessive
                && t.text(text).chars().count() == 1
                && next_is_name(j + 1)
            {
                j += 1;
                continue;
            }
            break;
        }
        classify_run(text, si, st, i, j, &gaz, lex, out);
        i = j;
    }
    // Gazetteer matches not claimed by a run.
    for &(s, e, entry, form) in &gaz {
        if out
            .iter()
            .any(|c| c.sent == si && c.tok_start <= s && e <= c.tok_end)
        {
            continue;
        }
        if out.iter().any(|c| {
            c.sent == si
                && c.tok_start < e
                && s < c.tok_end
                && matches!(c.kind, CandKind::Org { .. })
        }) {
            continue;
        }
        if run_dropped(si, s, out) {
            continue;
        }
        out.push(Cand {
            sent: si,
            tok_start: s,
            tok_end: e,
            span: Span::new(st.toks[s].span.start, st.toks[e - 1].span.end),
            kind: CandKind::Gaz { entry, form },
            title: None,
            appos: None,
            tagged: Tagged::NotRun,
            from_tagger: false,
        });
    }
    // Hyphenated compounds with a known name: "China-led", "Israeli-Palestinian".
    for (ti, t) in st.toks.iter().enumerate() {
        if t.kind != TokKind::Word || gaz_at(ti).is_some() || in_road(ti).is_some() {
            continue;
        }
        let word = t.text(text);
        if !word.contains('-') || !is_capitalized(word) {
            continue;
        }
        let mut off = 0;
        for part in word.split('-') {
            let start = t.span.start + off;
            off += part.len() + 1;
            if !is_capitalized(part) {
                continue;
            }
            if let Some(pats) = lex.gazetteer.index.get(&fold(part)) {
                if let Some(p) = pats
                    .iter()
                    .find(|p| p.rest.is_empty() && p.exact.as_ref().is_none_or(|e| e[0] == part))
                {
                    out.push(Cand {
                        sent: si,
                        tok_start: ti,
                        tok_end: ti + 1,
                        span: Span::new(start, start + part.len()),
                        kind: CandKind::Gaz {
                            entry: p.entry,
                            form: p.form,
                        },
                        title: None,
                        appos: None,
                        tagged: Tagged::NotRun,
                        from_tagger: false,
                    });
                }
            }
        }
    }
}

/// Marker for runs that named a thing: gazetteer names inside them are dropped.
fn run_dropped(si: usize, tok: usize, out: &[Cand]) -> bool {
    out.iter().any(|c| {
        c.sent == si
            && c.tok_start <= tok
            && tok < c.tok_end
            && matches!(&c.kind, CandKind::Single { word } if word.is_empty())
    })
}

#[allow(clippy::too_many_arguments)]
fn classify_run(
    text: &str,
    si: usize,
    st: &SentToks,
    start: usize,
    end: usize,
    gaz: &[(usize, usize, usize, GazForm)],
    lex: &Lexicon,
    out: &mut Vec<Cand>,
) {
    let span_of = |a: usize, b: usize| Span::new(st.toks[a].span.start, st.toks[b - 1].span.end);
    // Runs that are exactly one gazetteer name are left to the gazetteer.
    if gaz.iter().any(|g| g.0 == start && g.1 == end) {
        return;
    }
    // Strip leading function words ("The", "While") that only start a sentence.
    let mut s = start;
    while s < end && lex.is_stopword(&st.folded[s]) && gaz.iter().all(|g| g.0 != s) {
        s += 1;
    }
    // "Join the Venezuela Solidarity Campaign": a name does not start "Word the …".
    if s + 2 < end && st.folded[s + 1] == "the" && gaz.iter().all(|g| g.0 != s) {
        s += 2;
    }
    if s >= end {
        return;
    }
    // "the GOP-controlled Congress": no part of the name after it
    if let Some(k) = after_hyphen_modifier(text, st, lex, s, end) {
        s = k;
        if gaz.iter().any(|g| g.0 == s && g.1 == end) {
            return;
        }
    }
    // "a GOP Senate majority", "Top Senate leaders": party words before a chamber
    // modify the noun after it; the chamber alone is named (by the gazetteer)
    // ("the Alabama Republican Senate primary": a state's name may come first)
    let place_first = gaz
        .iter()
        .find(|g| g.0 == s && g.1 < end)
        .map(|g| g.1)
        .filter(|&p| lex.words.chamber_modifiers.contains(&st.folded[p]));
    let first = place_first.unwrap_or(s);
    let mut m = first;
    while m < end && lex.words.chamber_modifiers.contains(&st.folded[m]) {
        m += 1;
    }
    if m > first
        && end - m == 1
        && lex.words.chambers.contains(&st.folded[m])
        && st.toks.get(end).is_some_and(|n| {
            n.kind == TokKind::Word && n.text(text).starts_with(char::is_lowercase)
        })
    {
        s = m;
        if gaz.iter().any(|g| g.0 == s && g.1 == end) {
            return;
        }
    }
    // Head: last word before the first "of"/"for", else the last word.
    let of_at = (s..end).find(|&k| lex.words.run_prepositions.contains(&st.folded[k]));
    let head_idx = of_at.map(|k| k.saturating_sub(1).max(s)).unwrap_or(end - 1);
    let head = lex.heads.get(&st.folded[head_idx]).copied();
    let whole_is_gaz_prefix = gaz.iter().any(|g| g.0 <= s && end <= g.1);
    if whole_is_gaz_prefix {
        return;
    }
    // "House and Senate", "Senate and House": "and" after a legislature's head
    // word joins two chambers, not the words of one name ("NBC News and ABC News"
    // stay one speaker)
    let joins_two = (s + 1..end).any(|k| {
        lex.words.run_ands.contains(&st.folded[k])
            && lex.words.legislatures.contains(&st.folded[k - 1])
    });
    // "Fort Lee", "Mount Hood", "Camp David": a place word first names a place
    // (a head word at the end still decides: "Mount Sinai Hospital")
    let head = head.or_else(|| {
        (end - s >= 2 && lex.words.place_prefixes.contains(&st.folded[s]))
            .then_some(HeadClass::Place)
    });
    match head {
        Some(HeadClass::Org) if end - s >= 2 && !joins_two => {
            // Titles cannot start an organisation name ("President Party" is odd).
            let name = span_of(s, end).text(text).to_string();
            out.push(Cand {
                sent: si,
                tok_start: s,
                tok_end: end,
                span: span_of(s, end),
                kind: CandKind::Org { name },
                title: None,
                appos: None,
                tagged: Tagged::NotRun,
                from_tagger: false,
            });
            return;
        }
        // "Adriatic Sea and the Black Sea" are two places: left to the split below.
        Some(HeadClass::Place)
            if end - s >= 2 && (s..end).all(|k| !lex.words.run_ands.contains(&st.folded[k])) =>
        {
            let name = span_of(s, end).text(text).to_string();
            out.push(Cand {
                sent: si,
                tok_start: s,
                tok_end: end,
                span: span_of(s, end),
                kind: CandKind::Place { name },
                title: None,
                appos: None,
                tagged: Tagged::NotRun,
                from_tagger: false,
            });
            return;
        }
        Some(HeadClass::Thing) if end - s >= 2 => {
            // Not an actor; record an empty single so gazetteer names inside are dropped.
            out.push(Cand {
                sent: si,
                tok_start: s,
                tok_end: end,
                span: span_of(s, end),
                kind: CandKind::Single {
                    word: String::new(),
                },
                title: None,
                appos: None,
                tagged: Tagged::NotRun,
                from_tagger: false,
            });
            return;
        }
        _ => {}
    }
    // Split into sub-runs at connectors and gazetteer names.
    let mut k = s;
    while k < end {
        if let Some(g) = gaz.iter().find(|g| g.0 <= k && k < g.1) {
            k = g.1.max(k + 1);
            continue;
        }
        let w = st.folded[k].as_str();
        if lex.words.run_connectors.contains(w) || st.toks[k].kind != TokKind::Word {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < end
            && gaz.iter().all(|g| !(g.0 <= e && e < g.1))
            && st.toks[e].kind == TokKind::Word
            && (is_capitalized(st.toks[e].text(text))
                || lex.words.name_particles.contains(&st.folded[e]))
            && !lex.words.run_connectors.contains(&st.folded[e])
        {
            e += 1;
        }
        if e == k {
            k += 1;
            continue;
        }
        sub_run(text, si, st, k, e, lex, out);
        k = e;
    }
}

/// A run of capitalised words with no connector: title(s) + name, or a single word.
fn sub_run(
    text: &str,
    si: usize,
    st: &SentToks,
    start: usize,
    end: usize,
    lex: &Lexicon,
    out: &mut Vec<Cand>,
) {
    let mut s = start;
    while s < end && lex.is_stopword(&st.folded[s]) {
        s += 1;
    }
    // A day or month inside the run ends the name ("Ohio Tuesday").
    if let Some(stop) = (s + 1..end).find(|&k| {
        lex.is_stopword(&st.folded[k]) && !lex.words.name_particles.contains(&st.folded[k])
    }) {
        sub_run(text, si, st, s, stop, lex, out);
        sub_run(text, si, st, stop + 1, end, lex, out);
        return;
    }
    // A title inside the run splits it: "Ohio Gov. John Kasich" is a place, a title
    // and a name.
    if let Some(t) = (s + 1..end)
        .rev()
        .find(|&k| lex.roles.get(&st.folded[k]) == Some(&RoleKind::Title))
    {
        let mut t0 = t;
        while t0 > s
            && lex
                .roles
                .get(&format!("{} {}", st.folded[t0 - 1], st.folded[t0]))
                == Some(&RoleKind::Title)
        {
            t0 -= 1;
        }
        if t0 > s && t + 1 < end {
            sub_run(text, si, st, s, t0, lex, out);
            sub_run(text, si, st, t0, end, lex, out);
            return;
        }
    }
    // Titles: longest role phrase at the start, repeatedly ("Foreign Minister").
    let mut title_words: Vec<&str> = Vec::new();
    'titles: while s < end {
        for len in (1..=lex.role_max_words.min(end - s)).rev() {
            let phrase = st.folded[s..s + len].join(" ");
            if lex.roles.get(&phrase) == Some(&RoleKind::Title) {
                title_words.push(
                    Span::new(st.toks[s].span.start, st.toks[s + len - 1].span.end).text(text),
                );
                s += len;
                continue 'titles;
            }
        }
        break;
    }
    let title = (!title_words.is_empty()).then(|| title_words.join(" "));
    let span = |a: usize, b: usize| Span::new(st.toks[a].span.start, st.toks[b - 1].span.end);
    if s >= end {
        if let Some(t) = &title {
            out.push(Cand {
                sent: si,
                tok_start: start,
                tok_end: end,
                span: span(start, end),
                kind: CandKind::Description { role: fold(t) },
                title: None,
                appos: None,
                tagged: Tagged::NotRun,
                from_tagger: false,
            });
        }
        return;
    }
    let words: Vec<&str> = (s..end).map(|k| st.toks[k].text(text)).collect();
    // All-capital runs of plain words are headline style, not names.
    if words.len() >= 2 && words.iter().all(|w| w.chars().all(|c| !c.is_lowercase())) {
        return;
    }
    if words.len() == 1 {
        out.push(Cand {
            sent: si,
            tok_start: s,
            tok_end: end,
            span: span(s, end),
            kind: CandKind::Single {
                word: words[0].to_string(),
            },
            title,
            appos: None,
            tagged: Tagged::NotRun,
            from_tagger: false,
        });
        return;
    }
    // "Potomac River": a natural place, not a person.
    if lex.heads.get(&st.folded[end - 1]) == Some(&HeadClass::Place) {
        out.push(Cand {
            sent: si,
            tok_start: s,
            tok_end: end,
            span: span(s, end),
            kind: CandKind::Place {
                name: words.join(" "),
            },
            title: None,
            appos: None,
            tagged: Tagged::NotRun,
            from_tagger: false,
        });
        return;
    }
    if words.len() > 4 || (s..end).any(|k| lex.nonperson.contains(&st.folded[k])) {
        return;
    }
    let name: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out.push(Cand {
        sent: si,
        tok_start: s,
        tok_end: end,
        span: span(s, end),
        kind: CandKind::Person { name },
        title,
        appos: None,
        tagged: Tagged::NotRun,
        from_tagger: false,
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::entity_of;
    use crate::analyze_text;
    use parallax_core::ActorKind;

    #[test]
    fn titles_surnames_and_accents() {
        let a = analyze_text(
            "Venezuela’s President Nicolás Maduro issued a statement. Maduro said it was over. Later, Cuba’s President Miguel Díaz-Canel spoke.",
        );
        let m = entity_of(&a, "Nicolás Maduro").unwrap();
        assert_eq!(m.key, "person:nicolas maduro");
        assert_eq!(m.roles, vec!["President".to_string()]);
        assert_eq!(
            entity_of(&a, "Maduro").unwrap().key,
            "person:nicolas maduro"
        );
        assert_eq!(entity_of(&a, "Venezuela").unwrap().key, "gpe:venezuela");
        assert_eq!(
            entity_of(&a, "Miguel Díaz-Canel").unwrap().key,
            "person:miguel diaz-canel"
        );
    }

    #[test]
    fn demonyms_acronyms_and_orgs() {
        let a = analyze_text(
            "Cubans rallied. Nicaragua backed the case at the International Court of Justice (ICJ). The ICJ ruled. Brazil’s Landless Workers’ Movement sent delegations. The Genocide Convention applies.",
        );
        assert_eq!(entity_of(&a, "Cubans").unwrap().key, "gpe:cuba");
        assert_eq!(entity_of(&a, "ICJ").unwrap().key, "org:icj");
        assert_eq!(
            entity_of(&a, "International Court of Justice").unwrap().key,
            "org:icj"
        );
        assert_eq!(
            entity_of(&a, "Landless Workers’ Movement").unwrap().kind,
            ActorKind::Org
        );
        assert!(entity_of(&a, "Genocide Convention").is_none());
    }

    #[test]
    fn built_places_are_places() {
        // streets, squares, bridges and airports are places, as Universal NER and
        // GUM mark them; a convention stays no actor
        let a = analyze_text(
            "Traffic on the George Washington Bridge stopped. Shops on Piotrkowska Street closed, \
             and flights left Newark Airport. The Geneva Convention applies.",
        );
        for place in [
            "George Washington Bridge",
            "Piotrkowska Street",
            "Newark Airport",
        ] {
            assert_eq!(
                entity_of(&a, place).map(|e| e.kind),
                Some(ActorKind::Loc),
                "{place}: {:?}",
                a.mentions
            );
        }
        assert!(entity_of(&a, "Geneva Convention").is_none());
    }

    #[test]
    fn hyphen_compounds() {
        let a = analyze_text("The China-led bloc discussed the Israeli-Palestinian conflict.");
        assert!(entity_of(&a, "China").is_some());
        assert!(entity_of(&a, "Palestinian").is_some());
    }
}
