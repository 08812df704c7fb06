//! The tagger's spans combined with the rules' candidates, one sentence at a time.
//!
//! Overlapping candidates and tagger spans form groups; each group is decided as a
//! whole:
//! * A gazetteer match keeps its identity and its kind (gpe, loc, org), and so do
//!   the rules' descriptions ("the Prime Minister") and the names of things
//!   ("Genocide Convention"): tagger spans crossing them are dropped. The one
//!   exception is a tagger span that covers the whole group and is longer than its
//!   gazetteer names by a capitalised word ("Washington Post", "Gulf of Mexico",
//!   "Jordan Peterson"): that longer name is the actor.
//! * An organisation or place the rules found by its head word ("Labour Party",
//!   "Potomac River") stands unless a tagger span strictly contains it.
//! * Otherwise the tagger decides boundaries and kinds: a rule-made person the
//!   tagger calls a place or an organisation becomes one ("Punta Gorda", "Burger
//!   King"), a name the rules did not find is added, and a candidate the rules
//!   found on exactly the tagger's words keeps its title and takes the tagger's
//!   kind.
//! * Where the tagger found nothing, a person the rules made from capitalised
//!   words alone, with no title before it, is dropped, and a lone plain English
//!   word ("Researchers said") is no person for the speech verb after it;
//!   everything else stands.
//!
//! Tagger spans lose what UNER and the rules never count as part of a name: a
//! leading function word ("the", "But") unless a gazetteer name starts with it
//! ("US"), edge punctuation and lowercase words, for persons a title and what precedes it ("US
//! President Donald Trump") and a leading nationality; spans in capitals over two
//! words are bylines or headlines, as the rules already assume, and a party-state
//! tag ("R-TX") is no name at all. A person's span takes a suffix that tells a
//! son from his father after it ("Donald Trump Jr.").

use parallax_core::Span;
use parallax_ner::{EntityKind, Tagger};

use super::detect::{gaz_match_at, is_name_word};
use super::{Cand, CandKind, Tagged};
use crate::lexicon::{GazForm, Lexicon, RoleKind};
use crate::text::TokKind;
use crate::text::{SentToks, is_capitalized};

/// A tagger mention as a range `[start, end)` of the sentence's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tag {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

/// Whether the tagger could change anything in this sentence: it has a
/// capitalised word that is neither a function word opening the sentence
/// ("The", "But", "He") nor inside a gazetteer name of `mine` (a tagger span on
/// gazetteer names alone never changes them). Sentences without one are not
/// tagged, which saves the tagger's time without changing the result.
fn may_name(text: &str, st: &SentToks, lex: &Lexicon, mine: &[Cand]) -> bool {
    let mut in_gaz = vec![false; st.toks.len()];
    for c in mine {
        if matches!(c.kind, CandKind::Gaz { .. }) {
            for k in c.tok_start..c.tok_end.min(in_gaz.len()) {
                in_gaz[k] = true;
            }
        }
    }
    let mut first = true;
    st.toks
        .iter()
        .zip(&st.folded)
        .enumerate()
        .any(|(k, (t, f))| {
            if t.kind != TokKind::Word {
                return false;
            }
            let opening = std::mem::replace(&mut first, false);
            t.text(text).chars().any(char::is_uppercase)
                && !(opening && lex.is_stopword(f))
                && !in_gaz[k]
        })
}

/// Tags one sentence: the tagger runs on the sentence's text with its own
/// tokenizer, and each span is mapped onto the tokens it covers.
pub(super) fn tag_sentence(
    text: &str,
    st: &SentToks,
    lex: &Lexicon,
    mine: &[Cand],
    tagger: &Tagger,
) -> Vec<Tag> {
    if !may_name(text, st, lex, mine) {
        return Vec::new();
    }
    let (Some(first), Some(last)) = (st.toks.first(), st.toks.last()) else {
        return Vec::new();
    };
    let base = first.span.start;
    let Some(slice) = text.get(base..last.span.end) else {
        return Vec::new();
    };
    tagger
        .tag_text(slice)
        .into_iter()
        .filter_map(|e| {
            let (s, e2) = (base + e.start, base + e.end);
            let a = st.toks.partition_point(|t| t.span.start < s);
            let b = st.toks.partition_point(|t| t.span.end <= e2);
            (a < b).then_some(Tag {
                start: a,
                end: b,
                kind: e.kind,
            })
        })
        .collect()
}

/// The longest title phrase starting at token `k` (within `end`), in words.
fn title_at(st: &SentToks, lex: &Lexicon, k: usize, end: usize) -> Option<usize> {
    (1..=lex.role_max_words.min(end - k))
        .rev()
        .find(|&len| lex.roles.get(&st.folded[k..k + len].join(" ")) == Some(&RoleKind::Title))
}

/// A title at token `k` ([`title_at`]), or a lower-case role noun ("Wal-Mart lawyer
/// Theodore Boutrous", "Tea Party organizer Dana Loesch"): one word.
fn role_word_at(text: &str, st: &SentToks, lex: &Lexicon, k: usize, end: usize) -> Option<usize> {
    title_at(st, lex, k, end).or_else(|| {
        let t = st.toks[k];
        (t.kind == TokKind::Word
            && t.text(text).starts_with(char::is_lowercase)
            && lex.roles.get(&st.folded[k]) == Some(&RoleKind::Role))
        .then_some(1)
    })
}

/// A tagger span split into names at the tokens `cut` marks, which belong to
/// neither side:
/// - a possessive inside it ("Australia's Royal National Park"): owner and owned are
///   two names;
/// - "and" inside a person span, whatever its case ("SALLY BROWNING AND karen HO"):
///   no person's name holds it, so it is two people;
/// - "and the" inside any span ("The FBI and the Department of Housing and Urban
///   Development"): a name's own "and" joins words ("Housing and Urban
///   Development", "Port Authority of New York and New Jersey"), one followed by
///   "the" joins two names. The "the" goes with the trim of the second name.
fn split_tag(text: &str, st: &SentToks, lex: &Lexicon, t: Tag, out: &mut Vec<Tag>) {
    // "a Sam's Club in Concord": an organisation named with a possessive, one word
    // for whose thing it is and one plain word after, is one name (not "Sam" and
    // "Club"); "Russia's Duma" (a known owner) and "Australia's Royal National Park"
    // are two
    let brand = |k: usize| {
        t.kind == EntityKind::Org
            && k == t.start + 1
            && t.end == k + 2
            && !lex.gazetteer.index.contains_key(&st.folded[t.start])
            && parallax_ner::is_common_word(&st.folded[k + 1])
    };
    // ("Cohen — Trump lawyer — acknowledged": a spaced dash never sits inside a name)
    let cut = |k: usize| {
        (st.toks[k].kind == TokKind::Punct && crate::text::is_dash(st.toks[k].text(text)))
            || (st.toks[k].kind == TokKind::Possessive && !brand(k))
            || (t.kind == EntityKind::Person && lex.words.run_ands.contains(&st.folded[k]))
            || (k > t.start && k + 2 < t.end && super::and_the(st, lex, k))
    };
    let mut a = t.start;
    for k in t.start..t.end {
        if cut(k) {
            if a < k {
                out.push(Tag {
                    start: a,
                    end: k,
                    ..t
                });
            }
            a = k + 1;
        }
    }
    if a < t.end {
        out.push(Tag { start: a, ..t });
    }
}

/// A tagger span without what is not part of a name (see the module
/// documentation); `None` when nothing of a name is left.
fn trim(text: &str, st: &SentToks, lex: &Lexicon, gaz_at: &[bool], mut t: Tag) -> Option<Tag> {
    // Punctuation and lowercase words ("the", "NoMa infill") at the edges.
    let edge = |k: usize| {
        let w = st.toks[k].text(text);
        matches!(st.toks[k].kind, TokKind::Punct | TokKind::Possessive)
            || (st.toks[k].kind == TokKind::Word && !w.chars().any(char::is_uppercase))
    };
    while t.start < t.end && edge(t.start) {
        t.start += 1;
    }
    while t.end > t.start && edge(t.end - 1) {
        t.end -= 1;
    }
    // "Al Qaeda-linked groups", "Ark.-based Wal-Mart": a name ending in a compound
    // whose last part is lower case is an adjective phrase, not a name
    if t.end > t.start
        && st.toks[t.end - 1].kind == TokKind::Word
        && crate::text::is_lower_ending_compound(st.toks[t.end - 1].text(text))
    {
        return None;
    }
    // "Take U.S. Route 75": a road before its number is named by the rules
    // (detect.rs), whatever span the tagger gave it
    if (t.start..t.end).any(|k| {
        lex.words.road_words.contains(&st.folded[k])
            && st
                .toks
                .get(k + 1)
                .is_some_and(|n| n.text(text).starts_with(|c: char| c.is_ascii_digit()))
    }) {
        return None;
    }
    // A nickname's word is no part of the name: "Lyin' Ted" (a word with its
    // final g dropped) and "Crooked Hillary" (a common word that is never a
    // proper noun, before a given name and nothing more) name Ted and Hillary.
    let g_dropped = |k: usize| {
        let tok = &st.toks[k];
        tok.kind == TokKind::Word
            && st.folded[k].ends_with("in")
            && st.toks.get(k + 1).is_some_and(|n| {
                n.span.start == tok.span.end && matches!(n.text(text), "'" | "\u{2019}")
            })
    };
    while t.start < t.end && g_dropped(t.start) {
        t.start = (t.start + 2).min(t.end);
    }
    if t.start == t.end {
        return None;
    }
    if t.kind == EntityKind::Person
        && t.end - t.start == 2
        && st.toks[t.start].kind == TokKind::Word
        && parallax_ner::is_common_word(st.toks[t.start].text(text))
        && lex.role(&st.folded[t.start]).is_none()
        && lex.given_feminine.contains_key(&st.folded[t.start + 1])
    {
        t.start += 1;
    }
    // "Ms Pugh" is a person whatever the tagger says: an honorific makes any name
    // after it a person's.
    if t.end - t.start >= 2
        && lex
            .words
            .honorifics
            .contains(st.folded[t.start].trim_end_matches('.'))
    {
        t.kind = EntityKind::Person;
        t.start += 1;
    }
    // A function word only starts a name when a gazetteer name starts there ("US").
    while t.start < t.end && lex.is_stopword(&st.folded[t.start]) && !gaz_at[t.start] {
        t.start += 1;
    }
    // (a span of function words alone names nothing: "Cuban Ì" read as "Ì")
    if t.start == t.end {
        return None;
    }
    // "with Wash. Gov. Jay Inslee": a state's abbreviation with its dot says where the
    // title is, and names no actor of its own
    if t.end - t.start == 1
        && st.toks.get(t.end).is_some_and(|n| n.text(text) == ".")
        && lex
            .regions
            .contains(&format!("{}.", st.toks[t.start].text(text)))
    {
        return None;
    }
    // "a GOP Senate majority", "Top Senate leaders", "the Republican Senate
    // primary": party words before a chamber modify the noun after; the chamber is
    // named. "Democratic Missouri Sen. Claire McCaskill": a party word and a state
    // name no one.
    let w = &lex.words;
    // ("the Alabama Republican Senate primary": a place named by the gazetteer
    // may come first, and is named on its own)
    let first = if gaz_at[t.start] {
        (t.start + 1..t.end.min(t.start + 4))
            .find(|&k| w.chamber_modifiers.contains(&st.folded[k]))
            .unwrap_or(t.start)
    } else {
        t.start
    };
    let mut m = first;
    while m < t.end && w.chamber_modifiers.contains(&st.folded[m]) {
        m += 1;
    }
    if m > first && m < t.end {
        let rest = &st.folded[m..t.end];
        let chamber = rest.len() == 1
            && w.chambers.contains(&rest[0])
            && st.toks.get(t.end).is_some_and(|n| {
                n.kind == TokKind::Word && n.text(text).starts_with(char::is_lowercase)
            });
        if chamber {
            t.start = m;
        } else if t.kind == EntityKind::Person
            && lex
                .regions
                .contains(&super::qualifiers::joined(text, st, m, t.end))
        {
            return None;
        }
    }
    // "the GOP-controlled Congress", "Kremlin-backed RT": no part of the name after it
    if let Some(k) = super::detect::after_hyphen_modifier(text, st, lex, t.start, t.end) {
        t.start = k;
    }
    // "super PAC America Rising", "PAC NextGen": the kind of organisation, then its
    // name
    if t.end - t.start >= 2 && lex.words.org_descriptors.contains(&st.folded[t.start]) {
        t.start += 1;
        t.kind = EntityKind::Org;
    }
    // "Ohio Rep. Marcia Fudge" is a person whatever the tagger says: an abbreviated
    // title ("Rep.", "Sen.", "Gen.") inside a span, with a name after it, makes the
    // span a person's (cut after the title below).
    // So does a title of any length with a full name after it, to the span's end
    // ("White House Counsel Don McGahn", "NCAA President Mark Emmert", "White House
    // Chief of Staff Rahm Emanuel"), never a title ending the name ("the Office of
    // the President").
    if t.kind != EntityKind::Person
        && (t.start..t.end).any(|k| {
            let Some(len) = role_word_at(text, st, lex, k, t.end) else {
                return false;
            };
            let abbreviated = st.folded[k].ends_with('.')
                && len == 1
                && k + 1 < t.end
                && is_name_word(text, &st.toks[k + 1]);
            let full_name = k > t.start
                && t.end >= k + len + 2
                && (k + len..t.end).all(|i| is_name_word(text, &st.toks[i]));
            abbreviated || full_name
        })
    {
        t.kind = EntityKind::Person;
    }
    if t.kind == EntityKind::Person {
        let mut k = t.start;
        while k < t.end {
            match role_word_at(text, st, lex, k, t.end) {
                Some(len) if k + len < t.end => {
                    t.start = k + len;
                    k = t.start;
                }
                _ => k += 1,
            }
        }
        while t.end - t.start > 1
            && matches!(gaz_match_at(text, st, t.start, lex),
                Some((e, _, GazForm::Demonym)) if e == t.start + 1)
        {
            t.start += 1;
        }
    }
    if t.start >= t.end {
        return None;
    }
    // A party-state tag ("R-TX", "D-Calif.") names no actor, nor is part of the
    // name before it ("McConnell, R-Ky."): the span ends before it.
    if let Some(k) = (t.start..t.end).find(|&k| lex.is_party_tag(st.toks[k].text(text))) {
        t.end = k;
        while t.end > t.start && edge(t.end - 1) {
            t.end -= 1;
        }
        if t.start >= t.end {
            return None;
        }
    }
    if t.end - t.start >= 2
        && (t.start..t.end).all(|k| !st.toks[k].text(text).chars().any(char::is_lowercase))
    {
        return None;
    }
    // "Texas' 27th Congressional District", "the 82nd Airborne Division": an
    // ordinal before a place's or an organisation's name is part of it (the district
    // without its number is every district)
    if t.kind != EntityKind::Person && t.start > 0 && is_ordinal(st.toks[t.start - 1].text(text)) {
        t.start -= 1;
    }
    (t.start..t.end)
        .any(|k| is_name_word(text, &st.toks[k]))
        .then_some(t)
}

/// Person spans that only an editor's bracket parts ("[George H. W.] Bush") are one
/// name.
fn join_across_brackets(text: &str, st: &SentToks, tags: &[Tag]) -> Vec<Tag> {
    let mut out: Vec<Tag> = Vec::with_capacity(tags.len());
    for &t in tags {
        if let Some(prev) = out.last_mut() {
            if prev.kind == EntityKind::Person
                && t.kind == EntityKind::Person
                && prev.end < t.start
                && (prev.end..t.start).all(|k| is_bracket(st.toks[k].text(text)))
            {
                prev.end = t.end;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// An ordinal in digits: "1st", "27th", "102nd".
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && matches!(
            w[digits..].to_ascii_lowercase().as_str(),
            "st" | "nd" | "rd" | "th"
        )
}

/// A token that is only brackets ("[", "]"): an editorial insertion's edge.
fn is_bracket(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, '[' | ']'))
}

fn is_thing(c: &Cand) -> bool {
    matches!(&c.kind, CandKind::Single { word } if word.is_empty())
}

/// Combines the tagger's spans `tags` with the rules' candidates `mine` of
/// sentence `si`, in place.
pub(super) fn combine(
    text: &str,
    si: usize,
    st: &SentToks,
    lex: &Lexicon,
    tags: &[Tag],
    mine: &mut Vec<Cand>,
) {
    let mut gaz_starts = vec![false; st.toks.len()];
    for c in mine.iter() {
        if matches!(c.kind, CandKind::Gaz { .. }) && c.tok_start < gaz_starts.len() {
            gaz_starts[c.tok_start] = true;
        }
    }
    let mut split = Vec::with_capacity(tags.len());
    for t in join_across_brackets(text, st, tags) {
        split_tag(text, st, lex, t, &mut split);
    }
    let tags: Vec<Tag> = split
        .into_iter()
        .filter_map(|t| trim(text, st, lex, &gaz_starts, t))
        .collect();
    // (start, end, rule candidate or tag), grouped by overlap in one sweep.
    let mut items: Vec<(usize, usize, Result<usize, usize>)> = mine
        .iter()
        .enumerate()
        .map(|(i, c)| (c.tok_start, c.tok_end, Ok(i)))
        .chain(
            tags.iter()
                .enumerate()
                .map(|(i, t)| (t.start, t.end, Err(i))),
        )
        .collect();
    items.sort_by_key(|x| (x.0, x.1));
    let mut remove = vec![false; mine.len()];
    let mut add = Vec::new();
    let mut g = 0;
    while g < items.len() {
        let mut end = items[g].1;
        let mut h = g + 1;
        while h < items.len() && items[h].0 < end {
            end = end.max(items[h].1);
            h += 1;
        }
        let rules: Vec<usize> = items[g..h].iter().filter_map(|x| x.2.ok()).collect();
        let group: Vec<Tag> = items[g..h]
            .iter()
            .filter_map(|x| x.2.err())
            .map(|i| tags[i])
            .collect();
        let mut d = Decision {
            text,
            lex,
            si,
            st,
            mine,
            remove: &mut remove,
            add: &mut add,
        };
        d.decide(&rules, &group);
        g = h;
    }
    let mut k = 0;
    mine.retain(|_| {
        k += 1;
        !remove[k - 1]
    });
    mine.extend(add);
}

struct Decision<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    si: usize,
    st: &'a SentToks,
    mine: &'a mut Vec<Cand>,
    remove: &'a mut Vec<bool>,
    add: &'a mut Vec<Cand>,
}

impl Decision<'_> {
    fn decide(&mut self, rules: &[usize], tags: &[Tag]) {
        let same = |c: &Cand, t: &Tag| c.tok_start == t.start && c.tok_end == t.end;
        if tags.is_empty() {
            // The tagger saw no name here: a person made from capitalised words alone goes.
            for &r in rules {
                let c = &mut self.mine[r];
                c.tagged = Tagged::Outside;
                if matches!(c.kind, CandKind::Person { .. }) && c.title.is_none() {
                    self.remove[r] = true;
                }
            }
            return;
        }
        if rules.is_empty() {
            for t in tags {
                let c = self.new_cand(t, None);
                self.add.push(c);
            }
            return;
        }
        let gaz = |c: &Cand| matches!(c.kind, CandKind::Gaz { .. });
        let blocking = rules.iter().any(|&r| {
            let c = &self.mine[r];
            gaz(c) || is_thing(c) || matches!(c.kind, CandKind::Description { .. })
        });
        if blocking {
            if let [t] = tags {
                let covers = rules.iter().all(|&r| {
                    let c = &self.mine[r];
                    (gaz(c) || matches!(c.kind, CandKind::Single { .. } | CandKind::Person { .. }))
                        && !is_thing(c)
                        && t.start <= c.tok_start
                        && c.tok_end <= t.end
                });
                let longer = (t.start..t.end).any(|k| {
                    is_name_word(self.text, &self.st.toks[k])
                        && !rules.iter().any(|&r| {
                            let c = &self.mine[r];
                            gaz(c) && c.tok_start <= k && k < c.tok_end
                        })
                });
                if covers && longer {
                    for &r in rules {
                        self.remove[r] = true;
                    }
                    let c = self.new_cand(t, None);
                    self.add.push(c);
                    return;
                }
            }
            self.mark_same(rules, tags);
            return;
        }
        // ("Barr notified Congress of Mueller's report": a person the tagger
        // finds after "of" is no part of an organisation's or place's name)
        let person_after_of = |c: &Cand| {
            tags.iter().any(|t| {
                t.kind == EntityKind::Person
                    && c.tok_start < t.start
                    && t.end <= c.tok_end
                    && (c.tok_start..t.start).any(|k| self.st.folded[k] == "of")
            })
        };
        let fixed = rules.iter().any(|&r| {
            let c = &self.mine[r];
            matches!(c.kind, CandKind::Org { .. } | CandKind::Place { .. })
                && !person_after_of(c)
                && !tags.iter().any(|t| {
                    t.start <= c.tok_start
                        && c.tok_end <= t.end
                        && t.end - t.start > c.tok_end - c.tok_start
                })
        });
        if fixed {
            self.mark_same(rules, tags);
            return;
        }
        // The tagger decides.
        for &r in rules {
            self.remove[r] = true;
        }
        for t in tags {
            // "Sen. Chris Coons of Delaware": the tagger ended the name before a
            // surname that is also an English word; the rule's person, one
            // capitalised word longer, keeps it
            if let Some(&r) = rules
                .iter()
                .find(|&&r| self.surname_after(&self.mine[r], t))
            {
                self.remove[r] = false;
                self.mine[r].tagged = Tagged::Is(EntityKind::Person);
                continue;
            }
            if let Some(&r) = rules.iter().find(|&&r| same(&self.mine[r], t)) {
                self.remove[r] = false;
                let c = &mut self.mine[r];
                c.tagged = Tagged::Is(t.kind);
                let name = c.span.text(self.text).to_string();
                match (&c.kind, t.kind) {
                    (CandKind::Person { .. }, EntityKind::Org) => {
                        c.kind = CandKind::Org { name };
                        c.from_tagger = true;
                        c.title = None;
                    }
                    (CandKind::Person { .. }, EntityKind::Loc) => {
                        c.kind = CandKind::Place { name };
                        c.from_tagger = true;
                        c.title = None;
                    }
                    _ => {}
                }
                continue;
            }
            // A title the rules stripped off a name starting here stays its role.
            let title = (t.kind == EntityKind::Person)
                .then(|| {
                    rules
                        .iter()
                        .map(|&r| &self.mine[r])
                        .find(|c| c.tok_start == t.start)
                        .and_then(|c| c.title.clone())
                })
                .flatten();
            let c = self.new_cand(t, title);
            self.add.push(c);
        }
    }

    /// A rule's person that is the tagger's person and one more word, which the
    /// tagger left out as an English word ("Coons", "Rice"): no verb form ("Debbie
    /// Died" in a headline), head word ("Palace"), time word, role or word after a
    /// name that makes it a modifier.
    fn surname_after(&self, c: &Cand, t: &Tag) -> bool {
        if t.kind != EntityKind::Person
            || !matches!(c.kind, CandKind::Person { .. })
            || c.tok_start != t.start
            || c.tok_end != t.end + 1
        {
            return false;
        }
        let word = self.st.toks[t.end].text(self.text);
        let f = &self.st.folded[t.end];
        self.st.toks[t.end].kind == TokKind::Word
            && is_capitalized(word)
            && word.chars().skip(1).all(char::is_lowercase)
            && parallax_ner::is_common_word(word)
            && !f.ends_with("ed")
            && !f.ends_with("ing")
            && self.lex.cue(f).is_none()
            && !self.lex.heads.contains_key(f)
            && !self.lex.is_stopword(f)
            && self.lex.role(f).is_none()
            && !self.lex.words.person_adjuncts.contains(f)
    }

    /// Rule candidates on exactly a tagger span's words record its kind.
    fn mark_same(&mut self, rules: &[usize], tags: &[Tag]) {
        for &r in rules {
            let c = &mut self.mine[r];
            if let Some(t) = tags
                .iter()
                .find(|t| c.tok_start == t.start && c.tok_end == t.end)
            {
                c.tagged = Tagged::Is(t.kind);
            }
        }
    }

    fn new_cand(&self, t: &Tag, title: Option<String>) -> Cand {
        let st = self.st;
        let span = Span::new(st.toks[t.start].span.start, st.toks[t.end - 1].span.end);
        // Brackets of an editorial insertion are read through: "[President Barack]
        // Obama" names Barack Obama, never "Barack ] Obama".
        let words: Vec<String> = (t.start..t.end)
            .map(|k| st.toks[k].text(self.text))
            .filter(|w| !is_bracket(w))
            .map(str::to_string)
            .collect();
        let name = if words.len() == t.end - t.start {
            span.text(self.text).to_string()
        } else {
            words.join(" ")
        };
        // ("Barr notified Congress of Mueller's report": a gazetteer name the rules'
        // run had claimed, which the tagger gives back, is the gazetteer's)
        let gaz = (t.kind != EntityKind::Person)
            .then(|| gaz_match_at(self.text, st, t.start, self.lex))
            .flatten()
            .filter(|g| g.0 == t.end);
        let kind = match (t.kind, gaz) {
            (_, Some((_, entry, form))) => CandKind::Gaz { entry, form },
            _ if words.len() == 1 => CandKind::Single { word: name },
            // "[George H. W.] Bush": an editor's brackets inside a name are read
            // through, so the name is the person's own
            (EntityKind::Person, _) => CandKind::Person {
                name: words
                    .into_iter()
                    .filter(|w| !matches!(w.as_str(), "[" | "]"))
                    .collect(),
            },
            (EntityKind::Org, _) => CandKind::Org { name },
            (EntityKind::Loc, _) => CandKind::Place { name },
        };
        Cand {
            sent: self.si,
            tok_start: t.start,
            tok_end: t.end,
            span,
            kind,
            title,
            appos: None,
            tagged: Tagged::Is(t.kind),
            from_tagger: true,
        }
    }
}

/// "Victoria Nuland", "Florence Jaffray": a tagger place of two or three capitalised
/// words whose first is a given name (`given_names.tsv`) and whose last is no head
/// word, no plain English word, no known place and no name piece the gazetteer
/// starts with is a person's name (the tagger knows "Victoria" as a place).
/// "Victoria Station", "the Rose Garden" and "Florence, Italy" stay places; an island
/// named like a woman ("Marie Galante") is read as one.
pub(super) fn people_the_tagger_placed(
    text: &str,
    sents: &[SentToks],
    lex: &Lexicon,
    cands: &mut [Cand],
) {
    for c in cands.iter_mut() {
        let CandKind::Place { name } = &c.kind else {
            continue;
        };
        if !c.from_tagger || c.title.is_some() || !(2..=3).contains(&(c.tok_end - c.tok_start)) {
            continue;
        }
        let st = &sents[c.sent];
        let words: Vec<&str> = (c.tok_start..c.tok_end)
            .map(|k| st.toks[k].text(text))
            .collect();
        let folded = &st.folded[c.tok_start..c.tok_end];
        let last = folded[folded.len() - 1].as_str();
        let person = lex.given_feminine.contains_key(folded[0].as_str())
            && (c.tok_start..c.tok_end)
                .all(|k| st.toks[k].kind == TokKind::Word && is_capitalized(st.toks[k].text(text)))
            && !lex.heads.contains_key(last)
            && !lex.cities.contains(last)
            && !lex.cities.contains(&folded.join(" "))
            && !lex.gazetteer.index.contains_key(last)
            && !lex.regions.contains(words[words.len() - 1])
            && !lex.nonperson.contains(last)
            && !lex.is_stopword(last)
            // ("Rose Garden", "Victoria Falls": a plain word ends a place)
            && !parallax_ner::is_common_word(last);
        if person {
            let name = name.split_whitespace().map(str::to_string).collect();
            c.kind = CandKind::Person { name };
        }
    }
}

/// "Minneapolis and St. Paul": a name after "St." that with it names a city of
/// `cities.tsv` ("Saint Paul", "St. Louis") is that city, not a person named Paul;
/// "St. Jerome" stays the saint.
pub(super) fn saint_towns(text: &str, sents: &[SentToks], lex: &Lexicon, cands: &mut [Cand]) {
    for c in cands.iter_mut() {
        let st = &sents[c.sent];
        let k = c.tok_start;
        let st_at = if k >= 1 && st.folded[k - 1] == "st." {
            Some(k - 1)
        } else if k >= 2 && st.folded[k - 1] == "." && st.folded[k - 2] == "st" {
            Some(k - 2)
        } else {
            None
        };
        let Some(a) = st_at else {
            continue;
        };
        let name = match &c.kind {
            CandKind::Single { word } => word.clone(),
            CandKind::Person { name }
                if c.title
                    .as_deref()
                    .is_none_or(|t| parallax_core::fold(t) == "st.") =>
            {
                name.join(" ")
            }
            _ => continue,
        };
        let folded = parallax_core::fold(&name);
        if lex.cities.contains(&format!("saint {folded}"))
            || lex.cities.contains(&format!("st. {folded}"))
        {
            c.tok_start = a;
            c.span = Span::new(st.toks[a].span.start, c.span.end);
            c.kind = CandKind::Place {
                name: c.span.text(text).to_string(),
            };
            c.title = None;
        }
    }
}

/// "Henry VIII", "Robert S. Mueller III", "Martin Luther King, Jr.": a person's
/// name takes the word of its generation right after it, a Roman number written
/// in capitals or a son's suffix ("Jr.", "Sr.": after a comma too, when the name
/// has two words or more), and no other candidate keeps that word. A one-letter
/// number ("Henry I", "Malcolm X") only follows a one-word name and comes before
/// no lower-case word but "of", "and", "or": "told Sarah I would" keeps its pronoun.
pub(super) fn generational_words(
    text: &str,
    sents: &[SentToks],
    lex: &Lexicon,
    cands: &mut Vec<Cand>,
) {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for c in cands.iter_mut() {
        let st = &sents[c.sent];
        let (words, lone) = match &c.kind {
            CandKind::Person { name } => (name.len(), false),
            CandKind::Single { .. } => (1, true),
            _ => continue,
        };
        let comma = st.toks.get(c.tok_end).is_some_and(|t| t.text(text) == ",");
        let k = c.tok_end + usize::from(comma);
        let Some(tok) = st.toks.get(k).filter(|t| is_name_word(text, t)) else {
            continue;
        };
        let w = tok.text(text);
        let suffix = lex.words.name_suffixes.contains_undotted(&st.folded[k]);
        let number = !comma
            && crate::lexicon::is_roman_numeral(w)
            && w.chars().all(|ch| ch.is_ascii_uppercase())
            && (w.len() > 1
                || (words == 1
                    && st.toks.get(k + 1).is_none_or(|n| {
                        n.kind != TokKind::Word
                            || !n.text(text).starts_with(char::is_lowercase)
                            || matches!(st.folded[k + 1].as_str(), "of" | "and" | "or")
                    })));
        if !(number || suffix && (!comma || words >= 2)) {
            continue;
        }
        // a lone word before a son's suffix is a person's ("Trump Jr."), and
        // before a number when it is titled or a given name ("Pope Benedict XVI",
        // "Henry VIII"), or no common word before a number of two letters or more
        // ("Ramesses II", "Thutmose III"; not "Title IX", "Vatican II")
        if lone {
            let CandKind::Single { word } = &mut c.kind else {
                continue;
            };
            let person =
                c.title.is_some() || lex.given_feminine.contains_key(&parallax_core::fold(word));
            if !(suffix || person || w.len() > 1 && !parallax_ner::is_common_word(word)) {
                continue;
            }
            let word = std::mem::take(word);
            c.kind = CandKind::Person { name: vec![word] };
        }
        if let CandKind::Person { name } = &mut c.kind {
            name.push(w.to_string());
        }
        c.tok_end = k + 1;
        c.span = Span::new(c.span.start, tok.span.end);
        taken.push((c.sent, k));
    }
    if !taken.is_empty() {
        cands.retain(|c| {
            !taken
                .iter()
                .any(|&(s, k)| c.sent == s && c.tok_start == k && c.tok_end == k + 1)
        });
    }
}

/// "President Washington, President Jefferson": a lone place name of the gazetteer
/// right after a capitalised title is the person of that name, titled.
pub(super) fn titled_places_are_people(
    text: &str,
    sents: &[SentToks],
    lex: &Lexicon,
    cands: &mut [Cand],
) {
    for c in cands.iter_mut() {
        let CandKind::Gaz {
            entry,
            form: GazForm::Name,
        } = c.kind
        else {
            continue;
        };
        let kind = lex.gazetteer.entries[entry].kind;
        let st = &sents[c.sent];
        let k = c.tok_start;
        if c.tok_end != k + 1
            || k == 0
            || !matches!(
                kind,
                parallax_core::ActorKind::Gpe | parallax_core::ActorKind::Loc
            )
            || !is_capitalized(st.toks[k - 1].text(text))
            || lex.roles.get(&st.folded[k - 1]) != Some(&RoleKind::Title)
        {
            continue;
        }
        c.kind = CandKind::Person {
            name: vec![st.toks[k].text(text).to_string()],
        };
        c.title = Some(st.toks[k - 1].text(text).to_string());
    }
}

#[cfg(test)]
mod tests {
    //! The combination rules on hand-made tagger spans (so each rule is tested
    //! whatever the shipped model says), then a few end to end with the model.
    use std::sync::OnceLock;

    use parallax_core::{ActorKind, Analysis, Mention};

    use super::super::detect::detect_in;
    use super::super::{ActorLayer, Resolver};
    use super::*;
    use crate::{Analyzer, analyze_text};

    fn lex() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::builtin)
    }

    /// The actors of one sentence as the rules find them, combined with `tags`
    /// (surface, kind); `None`: the rules alone.
    fn actors(text: &str, tags: Option<&[(&str, EntityKind)]>) -> ActorLayer {
        let lex = lex();
        let st = SentToks::new(text, Span::new(0, text.len()));
        let mut mine = Vec::new();
        detect_in(text, 0, &st, lex, &mut mine);
        if let Some(tags) = tags {
            let tags: Vec<Tag> = tags
                .iter()
                .map(|(surface, kind)| {
                    let a = text.find(surface).expect("tag surface in text");
                    let b = a + surface.len();
                    Tag {
                        start: st.toks.partition_point(|t| t.span.start < a),
                        end: st.toks.partition_point(|t| t.span.end <= b),
                        kind: *kind,
                    }
                })
                .collect();
            combine(text, 0, &st, lex, &tags, &mut mine);
        }
        generational_words(text, std::slice::from_ref(&st), lex, &mut mine);
        mine.sort_by_key(|c| (c.span.start, c.span.end));
        Resolver::new(text, lex, &[]).resolve(mine, std::slice::from_ref(&st))
    }

    /// (surface, entity key, kind, rule) of every mention.
    fn found(a: &ActorLayer) -> Vec<(String, String, ActorKind, String)> {
        a.mentions
            .iter()
            .map(|m: &Mention| {
                let e = &a.entities[m.entity];
                (
                    m.text.clone(),
                    e.key.clone(),
                    e.kind,
                    m.rule.as_str().to_string(),
                )
            })
            .collect()
    }

    fn one<'a>(a: &'a ActorLayer, surface: &str) -> (&'a Mention, &'a parallax_core::Entity) {
        let m = a
            .mentions
            .iter()
            .find(|m| m.text == surface)
            .unwrap_or_else(|| panic!("{surface:?} not in {:?}", found(a)));
        (m, &a.entities[m.entity])
    }

    use EntityKind::{Loc, Org, Person};

    #[test]
    fn a_place_word_first_names_a_place_the_tagger_missed() {
        // GUM's voyage to Fort Lee: the tagger sees no name in "Fort Lee is a city",
        // and the rules' "person" Fort Lee was dropped
        let place = |k: ActorKind| matches!(k, ActorKind::Gpe | ActorKind::Loc);
        for (text, name) in [
            ("Fort Lee is a borough in New Jersey.", "Fort Lee"),
            ("They climbed Mount Hood last week.", "Mount Hood"),
        ] {
            let a = actors(text, Some(&[]));
            assert!(place(one(&a, name).1.kind), "{:?}", found(&a));
        }
        let a = actors(
            "She works for the Fort Worth Police Department now.",
            Some(&[]),
        );
        assert_eq!(
            one(&a, "Fort Worth Police Department").1.kind,
            ActorKind::Org
        );
    }

    #[test]
    fn a_person_span_over_and_is_two_people() {
        // GUM's letter: "my ROOMATES RUTH RASER, SALLY BROWNING AND karen HO", one
        // person span for two people
        let text = "I met Sally Browning and Karen Ho in town.";
        let a = actors(text, Some(&[("Sally Browning and Karen Ho", Person)]));
        assert!(
            a.entities
                .iter()
                .all(|e| !e.name.to_lowercase().contains(" and ")),
            "{:?}",
            found(&a)
        );
        assert_eq!(one(&a, "Sally Browning").1.kind, ActorKind::Person);
        assert_eq!(one(&a, "Karen Ho").1.kind, ActorKind::Person);
    }

    #[test]
    fn and_the_inside_a_span_is_two_names() {
        // HuffPost (BASIL): one organisation span for two; a name's own "and"
        // stays
        let text = "The FBI and the Department of Housing and Urban Development, \
                    meanwhile, are looking into separate controversies.";
        let a = actors(
            text,
            Some(&[(
                "FBI and the Department of Housing and Urban Development",
                Org,
            )]),
        );
        assert!(
            a.entities.iter().all(|e| !e.name.contains("and the")),
            "{:?}",
            found(&a)
        );
        assert_eq!(one(&a, "FBI").1.kind, ActorKind::Org);
        assert_eq!(
            one(&a, "Department of Housing and Urban Development")
                .1
                .kind,
            ActorKind::Org
        );
    }

    #[test]
    fn capitals_after_a_figure_are_its_unit() {
        // GUM's voyage to Cuba: "costs between 15 - 25 CUC", "pay 40 CUC"
        let text = "A tourist card costs 25 CUC for a month, and Two GOP senators objected.";
        let a = actors(text, Some(&[("CUC", Org), ("GOP", Org)]));
        assert!(
            a.mentions.iter().all(|m| m.text != "CUC"),
            "{:?}",
            found(&a)
        );
        one(&a, "GOP");
    }

    #[test]
    fn a_rule_made_person_the_tagger_calls_a_place_or_an_org_becomes_one() {
        let text = "Crowds gathered in Punta Gorda while Burger King closed.";
        let rules = actors(text, None);
        assert_eq!(one(&rules, "Punta Gorda").1.kind, ActorKind::Person);
        assert_eq!(one(&rules, "Burger King").1.kind, ActorKind::Person);
        let a = actors(text, Some(&[("Punta Gorda", Loc), ("Burger King", Org)]));
        let (m, e) = one(&a, "Punta Gorda");
        assert_eq!(
            (e.kind, e.key.as_str()),
            (ActorKind::Gpe, "gpe:punta gorda")
        );
        assert_eq!(m.rule, "tagger: place name");
        let (m, e) = one(&a, "Burger King");
        assert_eq!(
            (e.kind, e.key.as_str()),
            (ActorKind::Org, "org:burger king")
        );
        assert_eq!(m.rule, "tagger: organisation name");
        assert_eq!(a.mentions.len(), 2, "{:?}", found(&a));
    }

    #[test]
    fn a_rule_made_person_the_tagger_does_not_see_is_dropped_unless_titled() {
        let text = "Luckily Researchers found that President Joko Widodo agreed.";
        let rules = actors(text, None);
        assert!(
            rules
                .mentions
                .iter()
                .any(|m| m.text == "Luckily Researchers")
        );
        // The tagger saw only the titled name: the other "person" goes …
        let a = actors(text, Some(&[("Joko Widodo", Person)]));
        assert!(a.mentions.iter().all(|m| m.text != "Luckily Researchers"));
        let (_, e) = one(&a, "Joko Widodo");
        assert_eq!(e.roles, ["President"]);
        // … and a titled name stays even when the tagger saw nothing at all.
        let b = actors(text, Some(&[]));
        assert_eq!(one(&b, "Joko Widodo").1.kind, ActorKind::Person);
        assert!(b.mentions.iter().all(|m| m.text != "Luckily Researchers"));
    }

    #[test]
    fn a_plain_word_before_a_speech_verb_is_no_person_where_the_tagger_saw_none() {
        let text = "Researchers said Morales said no.";
        let rules = actors(text, None);
        let r = one(&rules, "Researchers").0;
        assert_eq!(r.rule, "name before a speech verb");
        let a = actors(text, Some(&[]));
        assert!(
            a.mentions.iter().all(|m| m.text != "Researchers"),
            "{:?}",
            found(&a)
        );
        // A word that is no plain English word keeps the evidence.
        let (m, e) = one(&a, "Morales");
        assert_eq!(
            (m.rule.as_str(), e.kind),
            ("name before a speech verb", ActorKind::Person)
        );
    }

    #[test]
    fn tagger_only_names_are_added_with_their_kind() {
        let text = "Fighting spread to Khanzir and the Potomac River as the KPMG staff watched.";
        let rules = actors(text, None);
        assert!(rules.mentions.iter().all(|m| m.text != "Khanzir"));
        assert!(rules.mentions.iter().all(|m| m.text != "KPMG"));
        let a = actors(
            text,
            Some(&[("Khanzir", Loc), ("Potomac River", Loc), ("KPMG", Org)]),
        );
        let (m, e) = one(&a, "Khanzir");
        assert_eq!(
            (e.kind, m.rule.as_str()),
            (ActorKind::Gpe, "tagger: lone name")
        );
        // A natural place's head word makes it a loc, rules or tagger.
        assert_eq!(one(&a, "Potomac River").1.kind, ActorKind::Loc);
        assert_eq!(one(&rules, "Potomac River").1.kind, ActorKind::Loc);
        let (m, e) = one(&a, "KPMG");
        assert_eq!(
            (e.kind, m.form),
            (ActorKind::Org, parallax_core::MentionForm::Acronym)
        );
    }

    #[test]
    fn gazetteer_identities_win() {
        // The tagger's kind does not change a gazetteer name's identity or kind.
        let a = actors(
            "Russia said the UN Security Council failed.",
            Some(&[("Russia", Org), ("UN", Org)]),
        );
        let (m, e) = one(&a, "Russia");
        assert_eq!((e.key.as_str(), e.kind), ("gpe:russia", ActorKind::Gpe));
        assert_eq!(m.rule, "gazetteer name");
        // A shorter tag inside a gazetteer name does not cut it.
        assert_eq!(
            one(&a, "UN Security Council").1.key,
            "org:un-security-council"
        );
        // Demonyms stay too, even under a tagger person span.
        let b = actors(
            "The Venezuelan Nicolás Maduro spoke.",
            Some(&[("Venezuelan Nicolás Maduro", Person)]),
        );
        assert_eq!(one(&b, "Venezuelan").1.key, "gpe:venezuela");
        assert_eq!(one(&b, "Nicolás Maduro").1.key, "person:nicolas maduro");
    }

    #[test]
    fn a_tag_longer_than_its_gazetteer_names_is_the_actor() {
        let a = actors(
            "The Washington Post and Jordan Peterson reached the Gulf of Mexico.",
            Some(&[
                ("Washington Post", Org),
                ("Jordan Peterson", Person),
                ("Gulf of Mexico", Loc),
            ]),
        );
        let got = found(&a);
        assert_eq!(one(&a, "Washington Post").1.kind, ActorKind::Org);
        assert_eq!(one(&a, "Jordan Peterson").1.kind, ActorKind::Person);
        assert_eq!(one(&a, "Gulf of Mexico").1.kind, ActorKind::Loc);
        for inside in ["Washington", "Jordan", "Mexico"] {
            assert!(got.iter().all(|g| g.0 != inside), "{inside}: {got:?}");
        }
        // A thing's name is no actor whatever the tagger says of a word in it.
        let b = actors("The Geneva Convention applies.", Some(&[("Geneva", Loc)]));
        assert!(b.mentions.is_empty(), "{:?}", found(&b));
    }

    #[test]
    fn tags_lose_what_is_not_a_name() {
        let a = actors(
            "Ms Pugh said Australia's Royal National Park and NoMa infill burned, MATT WILLGRESS wrote.",
            Some(&[
                ("Ms Pugh", Loc),
                ("Australia's Royal National Park", Loc),
                ("NoMa infill", Loc),
                ("MATT WILLGRESS", Org),
            ]),
        );
        // An honorific makes a person (and is no part of the name).
        assert_eq!(one(&a, "Pugh").1.kind, ActorKind::Person);
        // A possessive inside a span splits owner from owned.
        assert_eq!(one(&a, "Australia").1.key, "gpe:australia");
        assert_eq!(one(&a, "Royal National Park").1.kind, ActorKind::Gpe);
        assert_eq!(one(&a, "NoMa").1.kind, ActorKind::Gpe);
        // Capitals over two words are a byline, as for the rules.
        assert!(a.mentions.iter().all(|m| !m.text.contains("WILLGRESS")));
        // A function word opening a span is no part of the name: what is left here is
        // the gazetteer's (so an untagged sentence of such words loses nothing).
        let b = actors("But Cuba objected.", Some(&[("But Cuba", Org)]));
        assert_eq!(found(&b).len(), 1, "{:?}", found(&b));
        assert_eq!(one(&b, "Cuba").1.key, "gpe:cuba");
    }

    #[test]
    fn a_suffix_stays_in_the_name_and_a_party_tag_is_none() {
        // The tagger stopping before "Jr." does not make the son his father.
        let a = actors(
            "Donald Trump Jr. met Sen. John Cornyn, R-TX, and Sen. Dianne Feinstein, D-Calif., today.",
            Some(&[
                ("Donald Trump", Person),
                ("John Cornyn", Person),
                ("R-TX", Org),
                ("Dianne Feinstein", Person),
                ("D-Calif", Loc),
            ]),
        );
        assert_eq!(one(&a, "Donald Trump Jr.").1.key, "person:donald trump jr.");
        // An abbreviated title makes a person; brackets do not split a name.
        let c = actors(
            "Ohio Rep. Marcia Fudge backed Ryan, as [George H. W.] Bush did.",
            Some(&[
                ("Ohio Rep. Marcia Fudge", Org),
                ("George H. W.", Person),
                ("Bush", Person),
            ]),
        );
        assert_eq!(one(&c, "Marcia Fudge").1.kind, ActorKind::Person);
        let bush = c
            .mentions
            .iter()
            .find(|m| m.text.ends_with("Bush"))
            .unwrap();
        assert_eq!(c.entities[bush.entity].key, "person:george h. w. bush");
        // A tag running over the party tag ends before it.
        let b = actors(
            "McConnell, R-Ky., called the bills a waste.",
            Some(&[("McConnell, R-Ky", Person)]),
        );
        assert_eq!(one(&b, "McConnell").1.key, "person:mcconnell");
        let got = found(&a);
        assert!(
            got.iter()
                .all(|g| !g.0.starts_with("R-") && !g.0.starts_with("D-")),
            "{got:?}"
        );
    }

    #[test]
    fn sentences_without_a_possible_name_are_not_tagged() {
        let lex = lex();
        let sent = |text: &str| {
            let st = SentToks::new(text, Span::new(0, text.len()));
            let mut mine = Vec::new();
            detect_in(text, 0, &st, lex, &mut mine);
            may_name(text, &st, lex, &mine)
        };
        assert!(!sent("The talks failed again on the second day."));
        assert!(!sent("But he said Cuba and Venezuela would stay."));
        assert!(sent("Morales said the talks failed."));
        assert!(sent("The talks failed, officials in Khanzir said."));
    }

    fn mention<'a>(a: &'a Analysis, surface: &str) -> Option<(&'a Mention, ActorKind)> {
        a.mentions
            .iter()
            .find(|m| m.text == surface)
            .map(|m| (m, a.entities[m.entity].kind))
    }

    #[test]
    fn with_the_shipped_model() {
        let text = "Crowds gathered in Punta Gorda on Sunday. Officials in Khanzir said Ryanair had \
                    called. Joko Widodo arrived later. Widodo said he was glad.";
        let rules = Analyzer::rules_only().analyze_text(text);
        let a = analyze_text(text);
        // The rules take two capitalised words, or one before "said", for a person.
        assert_eq!(
            mention(&rules, "Punta Gorda").map(|x| x.1),
            Some(ActorKind::Person)
        );
        assert_eq!(
            mention(&rules, "Khanzir").map(|x| x.1),
            Some(ActorKind::Person)
        );
        assert!(mention(&rules, "Ryanair").is_none());
        assert_eq!(
            mention(&a, "Punta Gorda").map(|x| x.1),
            Some(ActorKind::Gpe)
        );
        assert_eq!(mention(&a, "Khanzir").map(|x| x.1), Some(ActorKind::Gpe));
        assert_eq!(mention(&a, "Ryanair").map(|x| x.1), Some(ActorKind::Org));
        // In-article resolution still links the surname and the pronoun.
        let (w, _) = mention(&a, "Widodo").unwrap();
        assert_eq!(a.entities[w.entity].key, "person:joko widodo");
        let he = a.mentions.iter().find(|m| m.text == "he").unwrap();
        assert_eq!(he.entity, w.entity);
    }
}
