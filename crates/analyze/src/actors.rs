//! The actor layer: mentions of people, organisations, countries and places, each
//! resolved to one entity of the article.
//!
//! Detection has two rule sources. A gazetteer (countries with demonyms, places,
//! international organisations with acronyms) gives known actors their identity
//! key. Capitalised runs give the rest: a run ending in an organisation word
//! ("Movement", "Ministry of Health") is an organisation, one ending in a thing
//! word ("Convention", "Day") is not an actor, and what remains is split at
//! connectors and gazetteer names into candidate person names, with titles
//! ("President", "Foreign Minister") stripped off and kept as roles. A third
//! source, with the default [`crate::Analyzer`], is the `parallax-ner` tagger:
//! each sentence's tagger spans and these candidates are combined before
//! resolution ([`combine`]): the tagger finds names the rules miss and decides
//! boundaries and kinds, the gazetteer keeps identities.
//!
//! Resolution inside the article is conservative: a lone surname joins the one
//! full name it belongs to, never a guess between two; a pronoun joins the nearest
//! person before it within three sentences; "the Prime Minister" joins the person
//! last given that title. Every mention records the rule that linked it.

use std::collections::HashMap;

use parallax_core::{ActorKind, Entity, Mention, MentionForm, Span, fold, is_acronym};
use parallax_ner::{EntityKind, Tagger};

use crate::lexicon::{GazForm, HeadClass, Lexicon, RoleKind};
use crate::text::{TokKind, Token, is_capitalized};

mod combine;

/// Tokens of one sentence with their folded forms.
pub struct SentToks {
    pub toks: Vec<Token>,
    pub folded: Vec<String>,
}

impl SentToks {
    /// The index of the first token starting at or after byte `offset` (`toks.len()`
    /// when none): the tokens are in text order, so a binary search.
    pub fn first_from(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < offset)
    }

    /// The index of the token starting exactly at byte `offset`.
    pub fn index_at(&self, offset: usize) -> Option<usize> {
        self.toks
            .binary_search_by_key(&offset, |t| t.span.start)
            .ok()
    }
}

#[derive(Debug, Clone)]
enum CandKind {
    Gaz {
        entry: usize,
        form: GazForm,
    },
    Person {
        name: Vec<String>,
    },
    Org {
        name: String,
    },
    /// A place the gazetteer does not know, from the tagger.
    Place {
        name: String,
    },
    Single {
        word: String,
    },
    Description {
        role: String,
    },
    Pronoun,
}

/// What the tagger said of a candidate's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tagged {
    /// No tagger, or the sentence was not tagged.
    NotRun,
    /// No tagger span touches the words.
    Outside,
    /// A tagger span of this kind on exactly these words.
    Is(EntityKind),
}

#[derive(Debug, Clone)]
struct Cand {
    sent: usize,
    tok_start: usize,
    tok_end: usize,
    span: Span,
    kind: CandKind,
    /// Title stripped from a person name ("President").
    title: Option<String>,
    /// For a description set off before a name ("the Prime Minister of X, Ralph
    /// Gonsalves"): the index of that name's candidate.
    appos: Option<usize>,
    /// What the tagger said of exactly this span.
    tagged: Tagged,
    /// Made from a tagger span the rules had not found (or had found as another kind).
    from_tagger: bool,
}

/// Words inside a person name that are not capitalised ("Lula da Silva").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "bin", "ibn",
    "al", "el", "la", "le", "y",
];
/// Words that may join capitalised words into one run ("Court of Justice").
const RUN_CONNECTORS: &[&str] = &["of", "for", "the", "and", "&"];

const PRONOUNS: &[&str] = &["he", "she", "him", "his", "her"];

pub struct ActorLayer {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

/// Finds and resolves the actors of an article. `quoted` are the spans inside
/// quotation marks: pronouns there speak from the quoted person's view and are
/// not resolved. With a `tagger`, its spans and the rules' candidates are
/// combined sentence by sentence (see [`combine`]); without, the rules alone decide.
pub fn find_actors(
    text: &str,
    sents: &[SentToks],
    quoted: &[Span],
    lex: &Lexicon,
    tagger: Option<&Tagger>,
) -> ActorLayer {
    // sorted and disjoint, so "is it quoted" is a binary search (many quotations
    // must not cost a scan per word)
    let quoted = &crate::index::union(quoted.iter().copied())[..];
    let ambiguous = Ambiguity::resolve(text, lex);
    let mut cands = Vec::new();
    for (si, st) in sents.iter().enumerate() {
        detect_sentence(text, si, st, lex, tagger, &mut cands);
    }
    for c in &mut cands {
        if let CandKind::Gaz { entry, .. } = &mut c.kind {
            if let Some(&alt) = ambiguous.get(entry) {
                *entry = alt;
            }
        }
    }
    // Pronoun candidates come last in each sentence order; resolution sorts by position.
    for (si, st) in sents.iter().enumerate() {
        for (ti, t) in st.toks.iter().enumerate() {
            if t.kind == TokKind::Word
                && PRONOUNS.contains(&st.folded[ti].as_str())
                && !crate::index::inside_any(quoted, t.span)
            {
                cands.push(Cand {
                    sent: si,
                    tok_start: ti,
                    tok_end: ti + 1,
                    span: t.span,
                    kind: CandKind::Pronoun,
                    title: None,
                    appos: None,
                    tagged: Tagged::NotRun,
                    from_tagger: false,
                });
            }
        }
    }
    cands.sort_by_key(|c| (c.span.start, c.span.end));
    link_appositive_descriptions(text, sents, lex, &mut cands);
    Resolver::new(text, lex, quoted).resolve(cands, sents)
}

/// "The Prime Minister of Saint Vincent and the Grenadines, Ralph Gonsalves": the
/// description names the person after the comma, who takes it as a title.
fn link_appositive_descriptions(text: &str, sents: &[SentToks], lex: &Lexicon, cands: &mut [Cand]) {
    for d in 0..cands.len() {
        if !matches!(cands[d].kind, CandKind::Description { .. }) {
            continue;
        }
        let (si, d_end) = (cands[d].sent, cands[d].tok_end);
        let st = &sents[si];
        let target = (d + 1..cands.len())
            .take_while(|&p| cands[p].sent == si)
            .find(|&p| {
                let c = &cands[p];
                c.sent == si
                    && matches!(c.kind, CandKind::Person { .. })
                    && c.tok_start > d_end
                    && c.tok_start - d_end <= 10
                    && st.toks[c.tok_start - 1].text(text) == ","
                    && (d_end..c.tok_start).all(|k| lex.cue(&st.folded[k]).is_none())
            });
        if let Some(p) = target {
            if cands[p].title.is_none() {
                cands[p].title = Some(cands[d].span.text(text).to_string());
            }
            cands[d].appos = Some(p);
        }
    }
}

/// Picks, per ambiguous gazetteer entry, the reading the article's words support.
struct Ambiguity;

impl Ambiguity {
    fn resolve(text: &str, lex: &Lexicon) -> HashMap<usize, usize> {
        let mut out = HashMap::new();
        let lower = text.to_lowercase();
        for cols in include_str!("../data/ambiguous.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
        {
            let (Some(def), Some(alt), Some(alt_words)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                continue;
            };
            let (Some(&di), Some(&ai)) = (
                lex.gazetteer.by_key.get(*def),
                lex.gazetteer.by_key.get(*alt),
            ) else {
                continue;
            };
            let count = |words: &str| {
                words
                    .split('|')
                    .map(|w| lower.matches(w.trim()).count())
                    .sum::<usize>()
            };
            let alt_score = count(alt_words);
            let def_score = cols.get(3).map(|w| count(w)).unwrap_or(0);
            if alt_score > def_score {
                out.insert(di, ai);
            }
        }
        out
    }
}

fn gaz_match_at(
    text: &str,
    st: &SentToks,
    i: usize,
    lex: &Lexicon,
) -> Option<(usize, usize, GazForm)> {
    let pats = lex.gazetteer.index.get(&st.folded[i])?;
    for p in pats {
        let end = i + 1 + p.rest.len();
        if end > st.toks.len() || st.folded[i + 1..end] != p.rest[..] {
            continue;
        }
        if let Some(exact) = &p.exact {
            if !st.toks[i..end]
                .iter()
                .zip(exact)
                .all(|(t, e)| t.text(text) == e)
            {
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

fn is_name_word(text: &str, t: &Token) -> bool {
    t.kind == TokKind::Word && is_capitalized(t.text(text))
}

fn detect_sentence(
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

fn detect_in(text: &str, si: usize, st: &SentToks, lex: &Lexicon, out: &mut Vec<Cand>) {
    let n = st.toks.len();
    // Pass A: gazetteer, longest match first, left to right.
    let mut gaz: Vec<(usize, usize, usize, GazForm)> = Vec::new();
    let mut i = 0;
    while i < n {
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
        let starts = is_name_word(text, &st.toks[i]) || gaz_at(i).is_some_and(|g| g.0 == i);
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j >= n {
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
            if (RUN_CONNECTORS.contains(&w) || NAME_PARTICLES.contains(&w))
                && t.kind == TokKind::Word
            {
                // allow "of the" chains
                let mut k = j + 1;
                while k < n && RUN_CONNECTORS.contains(&st.folded[k].as_str()) {
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
        if t.kind != TokKind::Word || gaz_at(ti).is_some() {
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
    // Head: last word before the first "of"/"for", else the last word.
    let of_at = (s..end).find(|&k| matches!(st.folded[k].as_str(), "of" | "for" | "on" | "in"));
    let head_idx = of_at.map(|k| k.saturating_sub(1).max(s)).unwrap_or(end - 1);
    let head = lex.heads.get(&st.folded[head_idx]).copied();
    let whole_is_gaz_prefix = gaz.iter().any(|g| g.0 <= s && end <= g.1);
    if whole_is_gaz_prefix {
        return;
    }
    match head {
        Some(HeadClass::Org) if end - s >= 2 => {
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
            if end - s >= 2 && (s..end).all(|k| !matches!(st.folded[k].as_str(), "and" | "&")) =>
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
        if RUN_CONNECTORS.contains(&w) || st.toks[k].kind != TokKind::Word {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < end
            && gaz.iter().all(|g| !(g.0 <= e && e < g.1))
            && st.toks[e].kind == TokKind::Word
            && (is_capitalized(st.toks[e].text(text))
                || NAME_PARTICLES.contains(&st.folded[e].as_str()))
            && !RUN_CONNECTORS.contains(&st.folded[e].as_str())
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
        lex.is_stopword(&st.folded[k]) && !NAME_PARTICLES.contains(&st.folded[k].as_str())
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

/// A full person name seen in the article: key, folded parts, mentions.
type FullName = (String, Vec<String>, usize);

struct EntityBuild {
    key: String,
    kind: ActorKind,
    name: String,
    variants: Vec<String>,
    roles: Vec<String>,
    aliases: Vec<String>,
    /// Folded name parts for surname/first-name matching (persons).
    parts: Vec<String>,
    mentions: usize,
}

struct Resolver<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    entities: Vec<EntityBuild>,
    by_key: HashMap<String, usize>,
    mentions: Vec<Mention>,
    /// (sentence, start, entity, can be a subject) of each person mention so far,
    /// for pronouns.
    person_trail: Vec<(usize, usize, usize, bool)>,
    quoted: &'a [Span],
}

impl<'a> Resolver<'a> {
    fn new(text: &'a str, lex: &'a Lexicon, quoted: &'a [Span]) -> Self {
        Resolver {
            text,
            lex,
            quoted,
            entities: Vec::new(),
            by_key: HashMap::new(),
            mentions: Vec::new(),
            person_trail: Vec::new(),
        }
    }

    fn entity(&mut self, key: &str, kind: ActorKind, name: &str) -> usize {
        if let Some(&i) = self.by_key.get(key) {
            return i;
        }
        let parts = name.split_whitespace().map(fold).collect();
        self.entities.push(EntityBuild {
            key: key.to_string(),
            kind,
            name: name.to_string(),
            variants: Vec::new(),
            roles: Vec::new(),
            aliases: Vec::new(),
            parts,
            mentions: 0,
        });
        self.by_key.insert(key.to_string(), self.entities.len() - 1);
        self.entities.len() - 1
    }

    fn mention(&mut self, c: &Cand, entity: usize, form: MentionForm, rule: &str) {
        let text = c.span.text(self.text).to_string();
        let e = &mut self.entities[entity];
        if !matches!(form, MentionForm::Pronoun | MentionForm::Description)
            && !e.variants.contains(&text)
        {
            e.variants.push(text.clone());
        }
        if let Some(t) = &c.title {
            if !e.roles.iter().any(|r| fold(r) == fold(t)) {
                e.roles.push(t.clone());
            }
        }
        e.mentions += 1;
        let kind = e.kind;
        // A name inside a quotation is not what a pronoun outside it refers to.
        if kind == ActorKind::Person && !crate::index::inside_any(self.quoted, c.span) {
            let subject = !possessed_or_aside(self.text, c.span);
            self.person_trail
                .push((c.sent, c.span.start, entity, subject));
        }
        self.mentions.push(Mention {
            span: c.span,
            text,
            kind,
            form,
            entity,
            rule: rule.to_string(),
            confidence: rule_confidence(rule),
        });
    }

    fn resolve(mut self, cands: Vec<Cand>, sents: &[SentToks]) -> ActorLayer {
        // Full names first, so a surname can find its full name anywhere in the article.
        // (key, folded name parts, mentions by full name)
        let mut full: Vec<FullName> = Vec::new();
        for c in &cands {
            if let CandKind::Person { name } = &c.kind {
                let key = format!("person:{}", fold(&name.join(" ")));
                match full.iter_mut().find(|f| f.0 == key) {
                    Some(f) => f.2 += 1,
                    None => full.push((key, name.iter().map(|w| fold(w)).collect(), 1)),
                }
            }
        }
        // Acronym definitions "Long Name (ACR)" / "ACR (Long Name)".
        let defs = acronym_definitions(self.text, &cands, sents);
        let mut pending: Vec<Cand> = Vec::new();

        for c in &cands {
            match &c.kind {
                CandKind::Gaz { entry, form } => {
                    // A capital acting ("Havana said", "Beijing warned") is its
                    // country's government; a capital as a place stays a place.
                    let government = (*form == GazForm::Name)
                        .then(|| self.lex.gazetteer.entries[*entry].country.as_ref())
                        .flatten()
                        .and_then(|k| self.lex.gazetteer.by_key.get(k).copied())
                        .filter(|_| self.acts_as_government(c, sents));
                    let g = &self.lex.gazetteer.entries[government.unwrap_or(*entry)];
                    let (key, kind, canonical) = (g.key.clone(), g.kind, g.canonical.clone());
                    let aliases = g.aliases.clone();
                    let e = self.entity(&key, kind, &canonical);
                    for a in aliases {
                        if !self.entities[e].aliases.contains(&a) {
                            self.entities[e].aliases.push(a);
                        }
                    }
                    let (mform, rule) = match form {
                        GazForm::Name if government.is_some() => {
                            (MentionForm::Name, "capital standing for its government")
                        }
                        GazForm::Name => (MentionForm::Name, "gazetteer name"),
                        GazForm::Acronym => (MentionForm::Acronym, "gazetteer acronym"),
                        GazForm::Demonym => (MentionForm::Demonym, "gazetteer demonym"),
                    };
                    self.mention(c, e, mform, rule);
                }
                CandKind::Person { name } => {
                    let joined = name.join(" ");
                    let key = format!("person:{}", fold(&joined));
                    // A longer name that contains this one ("Fidel Castro Ruz") is not merged: keep apart.
                    let e = self.entity(&key, ActorKind::Person, &joined);
                    let rule = if c.from_tagger {
                        "tagger: full name"
                    } else {
                        "full name"
                    };
                    self.mention(c, e, MentionForm::Name, rule);
                }
                CandKind::Place { name } => {
                    let rule = if c.from_tagger {
                        "tagger: place name"
                    } else {
                        "place name"
                    };
                    self.place(c, name, rule)
                }
                CandKind::Org { name } => {
                    let key = defs
                        .iter()
                        .find(|(long, _)| fold(long) == fold(name))
                        .map(|(_, acr)| format!("org:{}", fold(acr)))
                        .unwrap_or_else(|| format!("org:{}", fold(name)));
                    let e = self.entity(&key, ActorKind::Org, name);
                    if let Some((_, acr)) = defs.iter().find(|(long, _)| fold(long) == fold(name)) {
                        if !self.entities[e].aliases.contains(acr) {
                            self.entities[e].aliases.push(acr.clone());
                        }
                    }
                    let rule = if c.from_tagger {
                        "tagger: organisation name"
                    } else {
                        "organisation name"
                    };
                    self.mention(c, e, MentionForm::Name, rule);
                }
                CandKind::Single { word } if !word.is_empty() => {
                    self.single(c, word, &full, &defs, sents)
                }
                CandKind::Single { .. } => {}
                CandKind::Description { .. } if c.appos.is_some() => pending.push(c.clone()),
                CandKind::Description { role } => {
                    // A description standing alone names the person last given that title.
                    let found = self
                        .person_trail
                        .iter()
                        .rev()
                        .find(|(_, _, e, _)| {
                            self.entities[*e].roles.iter().any(|r| fold(r) == *role)
                        })
                        .map(|t| t.2);
                    if let Some(e) = found {
                        self.mention(
                            c,
                            e,
                            MentionForm::Description,
                            "description: person last given this title",
                        );
                    }
                }
                CandKind::Pronoun => {
                    let word = fold(c.span.text(self.text));
                    // an honorific tells the gender: "she" is not Mr. Burton
                    let agrees = |e: usize| {
                        let roles = &self.entities[e].roles;
                        let has = |t: &[&str]| {
                            roles
                                .iter()
                                .any(|r| t.contains(&fold(r).trim_end_matches('.')))
                        };
                        match word.as_str() {
                            // only when the honorifics all say so ("Clinton" may be
                            // Mr. and Mrs. in one article)
                            "he" | "him" | "his" => !has(&["mrs", "ms", "miss"]) || has(&["mr"]),
                            "she" | "her" => !has(&["mr"]) || has(&["mrs", "ms", "miss"]),
                            _ => true,
                        }
                    };
                    // the trail is in text order: look back over its last entries only
                    // (an antecedent is a few names back, and a huge sentence must not
                    // make every pronoun scan all of them)
                    let from = self.person_trail.len().saturating_sub(64);
                    let recent: Vec<&(usize, usize, usize, bool)> = self.person_trail[from..]
                        .iter()
                        .filter(|(s, start, e, _)| {
                            *start < c.span.start && c.sent.saturating_sub(*s) <= 2 && agrees(*e)
                        })
                        .collect();
                    // A possessive ("Trump and his wife") takes the nearest person; a
                    // subject or object pronoun the first person of the latest
                    // sentence naming one, usually its subject ("Cross said he has two
                    // options: Clinton, whom he called …" is Cross, not Clinton).
                    let found = if word == "his" {
                        recent.last().map(|t| t.2)
                    } else {
                        // not a possessor or a name in an aside ("— months before his
                        // kidnapping by Donald Trump’s US — Nicolas Maduro issued …")
                        let latest = recent.last().map(|t| t.0);
                        recent
                            .iter()
                            .find(|t| Some(t.0) == latest && t.3)
                            .or(recent.last())
                            .map(|t| t.2)
                    };
                    if let Some(e) = found {
                        self.mention(
                            c,
                            e,
                            MentionForm::Pronoun,
                            "pronoun: nearest preceding person",
                        );
                    }
                }
            }
        }
        for d in pending {
            let target = &cands[d.appos.expect("pending descriptions are appositive")];
            if let Some(e) = self
                .mentions
                .iter()
                .find(|m| m.span == target.span)
                .map(|m| m.entity)
            {
                self.mention(
                    &d,
                    e,
                    MentionForm::Description,
                    "description set off before the name",
                );
            }
        }
        self.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        self.finish()
    }

    /// "Havana said", "Beijing has warned": a place name right before a speech
    /// verb, and not after a preposition ("officials in Havana said" are people
    /// in a place).
    fn acts_as_government(&self, c: &Cand, sents: &[SentToks]) -> bool {
        let st = &sents[c.sent];
        let prev = c.tok_start.checked_sub(1).map(|i| st.folded[i].as_str());
        if matches!(
            prev,
            Some("in" | "at" | "from" | "to" | "of" | "near" | "into" | "outside" | "across")
        ) {
            return false;
        }
        let mut k = c.tok_end;
        // "Havana has warned", "Beijing also said".
        while k < st.folded.len()
            && matches!(
                st.folded[k].as_str(),
                "has" | "have" | "had" | "also" | "again"
            )
        {
            k += 1;
        }
        st.folded.get(k).is_some_and(|w| self.lex.cue(w).is_some())
    }

    fn single(
        &mut self,
        c: &Cand,
        word: &str,
        full: &[FullName],
        defs: &[(String, String)],
        sents: &[SentToks],
    ) {
        let f = fold(word);
        // Surname or first name of exactly one full name in the article; when two
        // share the surname, the one named at least twice as often as every other
        // (Donald Trump over Ivanka Trump), never a tie (Fidel and Raúl Castro).
        let by_last: Vec<&FullName> = full.iter().filter(|x| x.1.last() == Some(&f)).collect();
        let by_first: Vec<&FullName> = full
            .iter()
            .filter(|x| x.1.first() == Some(&f) && x.1.len() > 1)
            .collect();
        let dominant = by_last
            .iter()
            .find(|x| x.2 >= 2 && by_last.iter().all(|y| y.0 == x.0 || x.2 >= 2 * y.2));
        let pick = if by_last.len() == 1 {
            Some((by_last[0], "surname of a full name in the article"))
        } else if let Some(d) = dominant {
            Some((*d, "surname of the full name named most often"))
        } else if by_last.is_empty() && by_first.len() == 1 {
            Some((by_first[0], "first name of a full name in the article"))
        } else {
            None
        };
        if let Some(((key, parts, _), rule)) = pick {
            let display: Vec<String> = parts.clone();
            let e = match self.by_key.get(key) {
                Some(&e) => e,
                None => self.entity(key, ActorKind::Person, &display.join(" ")),
            };
            self.mention(c, e, MentionForm::Partial, rule);
            return;
        }
        if by_last.len() > 1 {
            return; // people share the surname and none dominates: do not guess
        }
        if is_acronym(word) {
            if let Some((long, _)) = defs.iter().find(|(_, a)| a == word) {
                let key = format!("org:{}", fold(word));
                let e = self.entity(&key, ActorKind::Org, long);
                if !self.entities[e].aliases.iter().any(|a| a == word) {
                    self.entities[e].aliases.push(word.to_string());
                }
                self.mention(c, e, MentionForm::Acronym, "acronym defined in the text");
                return;
            }
            // An acronym nobody defines is an actor only when the tagger says so.
            match c.tagged {
                Tagged::Is(EntityKind::Org | EntityKind::Person) => {
                    let e = self.entity(&format!("org:{f}"), ActorKind::Org, word);
                    self.mention(c, e, MentionForm::Acronym, "tagger: lone name");
                }
                Tagged::Is(EntityKind::Loc) => self.place(c, word, "tagger: lone name"),
                _ => {}
            }
            return;
        }
        if self.lex.is_stopword(word) {
            return;
        }
        // The tagger's organisations and places ("Congress" too, a head word alone);
        // its persons need no other evidence.
        match c.tagged {
            Tagged::Is(EntityKind::Org) => {
                let e = self.entity(&format!("org:{f}"), ActorKind::Org, word);
                self.mention(c, e, MentionForm::Name, "tagger: lone name");
                return;
            }
            Tagged::Is(EntityKind::Loc) => {
                self.place(c, word, "tagger: lone name");
                return;
            }
            _ => {}
        }
        if self.lex.heads.contains_key(&f) {
            return;
        }
        // A lone capitalised word is a person only with evidence: a title before it,
        // a speech verb after it, or "government"/"administration" after it.
        let st = &sents[c.sent];
        let next = st.folded.get(c.tok_end).map(String::as_str);
        let next2 = st.folded.get(c.tok_end + 1).map(String::as_str);
        let speech = next.is_some_and(|w| self.lex.cue(w).is_some());
        // "…,” Graham, a former candidate, told": a name right after a quote.
        let prev = |k: usize| {
            c.tok_start
                .checked_sub(k)
                .map(|i| st.toks[i].text(self.text))
        };
        let after_quote = matches!(prev(1), Some("”" | "\""))
            || (prev(1) == Some(",") && matches!(prev(2), Some("”" | "\"")));
        let speech = speech || (after_quote && matches!(next, Some(",") | None));
        let leader = matches!(
            next,
            Some("government" | "administration" | "regime" | "presidency")
        ) || (next == Some("'s")
            && matches!(
                next2,
                Some("government" | "administration" | "regime" | "presidency")
            ));
        // "Researchers said": a plain English word the tagger saw no name in is no
        // person for a speech verb or "government" after it (a title still counts).
        let (speech, leader) = if c.tagged == Tagged::Outside && parallax_ner::is_common_word(word)
        {
            (false, false)
        } else {
            (speech, leader)
        };
        let tagged = c.tagged == Tagged::Is(EntityKind::Person);
        if c.title.is_some() || speech || leader || tagged {
            let key = format!("person:{f}");
            let e = self.entity(&key, ActorKind::Person, word);
            let rule = if c.title.is_some() {
                "name after a title"
            } else if speech {
                "name before a speech verb"
            } else if leader {
                "name before government/administration"
            } else {
                "tagger: lone name"
            };
            self.mention(c, e, MentionForm::Name, rule);
        }
    }

    /// A place the gazetteer does not know: a `loc` when its last word is a place
    /// head ("Potomac River", "Sinai Peninsula"), else a `gpe` (most unknown
    /// places in the news are towns, states and regions).
    fn place(&mut self, c: &Cand, name: &str, rule: &str) {
        // The head is the word before "of" ("Gulf of Mexico"), else the last.
        let words: Vec<String> = name.split_whitespace().map(fold).collect();
        let of = words.iter().position(|w| w == "of").filter(|&k| k > 0);
        let head = of.map_or(words.last(), |k| words.get(k - 1));
        let kind = if head.and_then(|h| self.lex.heads.get(h)) == Some(&HeadClass::Place) {
            ActorKind::Loc
        } else {
            ActorKind::Gpe
        };
        let key = format!("{}:{}", kind.as_str(), fold(name));
        let e = self.entity(&key, kind, name);
        self.mention(c, e, MentionForm::Name, rule);
    }

    fn finish(self) -> ActorLayer {
        let entities = self
            .entities
            .into_iter()
            .map(|b| {
                // Display the variant with the most information (accents, full name).
                let name = if b.kind == ActorKind::Person {
                    b.variants
                        .iter()
                        .filter(|v| fold(v) == fold(&b.name))
                        .max_by_key(|v| v.chars().filter(|c| !c.is_ascii()).count())
                        .cloned()
                        .unwrap_or(b.name)
                } else {
                    b.name
                };
                let _ = &b.parts;
                Entity {
                    key: b.key,
                    name,
                    kind: b.kind,
                    variants: b.variants,
                    roles: b.roles,
                    aliases: b.aliases,
                    mentions: b.mentions,
                }
            })
            .collect();
        ActorLayer {
            mentions: self.mentions,
            entities,
        }
    }
}

/// The confidence of a resolution rule, from `data/rule_confidence.tsv`; a rule
/// missing there (a test checks none is) gets 0.5.
pub fn rule_confidence(rule: &str) -> f32 {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, f32>> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            include_str!("../data/rule_confidence.tsv")
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .filter_map(|l| {
                    let (rule, c) = l.split_once('\t')?;
                    Some((rule.trim(), c.trim().parse::<f32>().ok()?.clamp(0.0, 1.0)))
                })
                .collect()
        })
        .get(rule)
        .copied()
        .unwrap_or(0.5)
}

/// "International Court of Justice (ICJ)" and "Alba (the Bolivarian … America)":
/// pairs of (long name, acronym) defined by parentheses in the text.
fn acronym_definitions(text: &str, cands: &[Cand], sents: &[SentToks]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (si, st) in sents.iter().enumerate() {
        // candidates are sorted by position, hence by sentence
        let here =
            &cands[cands.partition_point(|c| c.sent < si)..cands.partition_point(|c| c.sent <= si)];
        for (ti, t) in st.toks.iter().enumerate() {
            if t.text(text) != "(" {
                continue;
            }
            let close = (ti + 1..st.toks.len()).find(|&k| st.toks[k].text(text) == ")");
            let Some(close) = close else { continue };
            let inner_start = st
                .toks
                .get(ti + 1)
                .map(|t| t.span.start)
                .unwrap_or(t.span.end);
            let inner = Span::new(inner_start, st.toks[close].span.start)
                .text(text)
                .trim();
            let inner = inner.strip_prefix("the ").unwrap_or(inner);
            // The name just before the parenthesis.
            let before = here
                .iter()
                .filter(|c| c.sent == si && c.tok_end == ti)
                .max_by_key(|c| c.tok_end - c.tok_start);
            let Some(before) = before else { continue };
            let outer = before.span.text(text);
            if is_acronym(inner) && !is_acronym(outer) && outer.contains(' ') {
                out.push((outer.to_string(), inner.to_string()));
            } else if (is_acronym(outer) && inner.split_whitespace().count() >= 2)
                || (!outer.contains(' ')
                    && inner.split_whitespace().count() >= 3
                    && initials_match(outer, inner))
            {
                out.push((inner.to_string(), outer.to_string()));
            }
        }
    }
    out
}

/// "Alba" and "Bolivarian Alternative Alliance for the Peoples of Our America"
/// share initials in order (A, L, B, A ⊂ B A A P O A): a loose acronym test for
/// names written in title case.
fn initials_match(short: &str, long: &str) -> bool {
    let initials: Vec<char> = long
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let short: Vec<char> = fold(short).chars().filter(|c| c.is_alphabetic()).collect();
    if short.len() < 2 {
        return false;
    }
    // every letter of the short form appears as an initial, in order
    let mut it = initials.iter();
    short.iter().all(|c| it.any(|i| i == c))
}

/// A name that cannot be its sentence's subject: a possessor ("Trump’s US") or a
/// name inside a parenthesis or between dashes of its paragraph.
fn possessed_or_aside(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    if after.starts_with("’s") || after.starts_with("'s") {
        return true;
    }
    // an aside is short: look back a few hundred bytes within the paragraph, so a
    // huge paragraph costs no more per mention than a normal one
    let mut window = span.start.saturating_sub(400);
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    let para_start = text[window..span.start]
        .rfind('\n')
        .map_or(window, |i| window + i + 1);
    let before = &text[para_start..span.start];
    before.matches(['—', '–']).count() % 2 == 1
        || before.matches('(').count() > before.matches(')').count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze_text;

    fn entity_of<'a>(a: &'a parallax_core::Analysis, surface: &str) -> Option<&'a Entity> {
        a.mentions
            .iter()
            .find(|m| m.text == surface)
            .map(|m| &a.entities[m.entity])
    }

    #[test]
    fn pronouns_prefer_the_subject_agree_in_gender_and_possessives_stay_near() {
        let a = analyze_text(
            "Mark Cross said he would vote for Hillary Clinton, whom he called divisive.\n\nMr. Burton met Mrs. Kovner. She laughed.\n\nBarack Obama criticised Donald Trump and his supporters.",
        );
        let of = |nth_he: usize, word: &str| {
            a.mentions
                .iter()
                .filter(|m| m.text == word)
                .nth(nth_he)
                .map(|m| a.entities[m.entity].name.clone())
        };
        assert_eq!(of(0, "he").as_deref(), Some("Mark Cross"));
        // "whom he called": the subject, not the nearest name
        assert_eq!(of(1, "he").as_deref(), Some("Mark Cross"));
        // "She" is Mrs. Kovner, not the subject Mr. Burton
        assert_eq!(of(0, "She").as_deref(), Some("Kovner"));
        assert_eq!(of(0, "his").as_deref(), Some("Donald Trump"));
    }

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
    fn shared_surname_is_not_guessed() {
        let a = analyze_text("Fidel Castro and Raúl Castro ruled. Castro said little.");
        assert!(entity_of(&a, "Castro").is_none(), "{:?}", a.mentions);
        assert_ne!(
            entity_of(&a, "Fidel Castro").unwrap().key,
            entity_of(&a, "Raúl Castro").unwrap().key
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
    fn acronym_defined_in_text() {
        let a = analyze_text("The Federation of Small Farms (FSF) met. The FSF said no.");
        let e = entity_of(&a, "FSF").unwrap();
        assert_eq!(e.kind, ActorKind::Org);
        assert_eq!(
            e.key,
            entity_of(&a, "Federation of Small Farms").unwrap().key
        );
    }

    #[test]
    fn pronouns_and_descriptions() {
        let a = analyze_text(
            "The Prime Minister of Saint Vincent and the Grenadines, Ralph Gonsalves, spoke. He declared victory. The Prime Minister continued.",
        );
        let he = a.mentions.iter().find(|m| m.text == "He").unwrap();
        assert_eq!(a.entities[he.entity].key, "person:ralph gonsalves");
        assert_eq!(
            entity_of(&a, "Saint Vincent and the Grenadines")
                .unwrap()
                .key,
            "gpe:saint-vincent-grenadines"
        );
    }

    #[test]
    fn georgia_by_context() {
        let a = analyze_text("Georgia held a vote. The Kremlin objected and Tbilisi protested.");
        assert_eq!(entity_of(&a, "Georgia").unwrap().key, "gpe:georgia");
        let b = analyze_text(
            "Georgia held a vote. The governor of the state said Atlanta and every county would count.",
        );
        assert_eq!(entity_of(&b, "Georgia").unwrap().key, "gpe:georgia-us");
    }

    #[test]
    fn every_rule_has_a_confidence() {
        let rules: Vec<&str> = include_str!("../data/rule_confidence.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|x| x.0))
            .collect();
        // No stale entries: every rule in the table is one this code records.
        let src = include_str!("actors.rs");
        for r in &rules {
            assert!(
                src.contains(&format!("\"{r}\"")),
                "{r:?} is not a rule of actors.rs"
            );
        }
        let a = analyze_text(
            "Venezuela’s President Nicolás Maduro spoke. Maduro said Cubans and the ICJ agreed. He left. The Federation of Small Farms (FSF) met. The FSF said no. Havana said no. The Ortega government fell. The Prime Minister of Grenada, Joseph Andall, spoke. The Prime Minister continued. Brazil’s Landless Workers’ Movement marched.",
        );
        for m in &a.mentions {
            assert!(
                rules.contains(&m.rule.as_str()),
                "{:?} has no confidence",
                m.rule
            );
            assert_eq!(m.confidence, rule_confidence(&m.rule));
            assert!(m.confidence > 0.0 && m.confidence <= 1.0);
        }
        assert!(rules.len() >= 16);
        assert_eq!(rule_confidence("no such rule"), 0.5);
        // Exact names are surer than links from context.
        assert!(
            rule_confidence("full name") > rule_confidence("pronoun: nearest preceding person")
        );
    }

    #[test]
    fn surname_rules_and_their_limits() {
        // The full name named at least twice as often as the other wins the surname…
        let a = analyze_text(
            "Donald Trump spoke. Donald Trump left. Ivanka Trump stayed. Trump said it was over.",
        );
        let m = a.mentions.iter().rfind(|m| m.text == "Trump").unwrap();
        assert_eq!(a.entities[m.entity].key, "person:donald trump");
        assert_eq!(m.rule, "surname of the full name named most often");
        // …but not when the two are named as often: no guess.
        let b = analyze_text("Donald Trump spoke. Ivanka Trump stayed. Trump said it was over.");
        assert!(entity_of(&b, "Trump").is_none(), "{:?}", b.mentions);
        // A first name alone joins the one full name it starts.
        let c = analyze_text("Ralph Gonsalves arrived. Ralph said he was glad.");
        let r = c.mentions.iter().find(|m| m.text == "Ralph").unwrap();
        assert_eq!(c.entities[r.entity].key, "person:ralph gonsalves");
        assert_eq!(r.rule, "first name of a full name in the article");
        // A lone unknown name is a person only with evidence: to the rules, a word
        // around it; with the tagger, the tagger's word.
        let text = "The Ortega government fell. Morales arrived.";
        let d = crate::Analyzer::rules_only().analyze_text(text);
        let o = d.mentions.iter().find(|m| m.text == "Ortega").unwrap();
        assert_eq!(o.rule, "name before government/administration");
        assert!(entity_of(&d, "Morales").is_none());
        let t = analyze_text(text);
        let m = t.mentions.iter().find(|m| m.text == "Morales").unwrap();
        assert_eq!(m.rule, "tagger: lone name");
        assert_eq!(t.entities[m.entity].kind, ActorKind::Person);
    }

    #[test]
    fn capital_acting_is_its_government() {
        let a = analyze_text(
            "Havana said the sanctions were illegal. Thousands rallied in Havana. Officials in Havana said little.",
        );
        let acting = a.mentions.iter().find(|m| m.text == "Havana").unwrap();
        assert_eq!(a.entities[acting.entity].key, "gpe:cuba");
        assert_eq!(acting.rule, "capital standing for its government");
        let places: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.text == "Havana")
            .skip(1)
            .map(|m| a.entities[m.entity].key.as_str())
            .collect();
        assert_eq!(places, ["gpe:havana", "gpe:havana"]);
        // A city without a country in the gazetteer stays itself.
        let b = analyze_text("Jerusalem said no.");
        assert_eq!(entity_of(&b, "Jerusalem").unwrap().key, "gpe:jerusalem");
    }

    #[test]
    fn hyphen_compounds() {
        let a = analyze_text("The China-led bloc discussed the Israeli-Palestinian conflict.");
        assert!(entity_of(&a, "China").is_some());
        assert!(entity_of(&a, "Palestinian").is_some());
    }
}
