//! Fast named-entity mention detection for English news, in pure Rust.
//!
//! Finds mentions of people (`PER`), organisations (`ORG`) and places,
//! countries included (`LOC`), as byte-offset spans, at several hundred
//! thousand words per second on one core (about 90 times spaCy's small English
//! model), with no model download and no native code.
//!
//! # Design
//! * **Tokenizer** ([`tokenize`]): close to Universal Dependencies English (the
//!   tokenization of the training data): possessive `’s` and clitics split off,
//!   punctuation separated, dotted acronyms (`U.S.`) and hyphenated names
//!   (`ALBA-TCP`) kept whole; curly quotes and apostrophes are folded to
//!   straight ones for the features, accents are kept.
//! * **Features**: a linear-chain CRF over hand-made features of each token and
//!   its neighbours within two tokens: lowercased form, word shape, prefixes and
//!   suffixes, capitalisation and position in the sentence; whether the word is
//!   a common English word or a proper noun in a general word list (the
//!   strongest single signal: a capitalised word that is no dictionary word is
//!   probably a name, even one never seen in training); the run of capitalised
//!   words it sits in (length, the words just before and after it, head words
//!   inside it); and membership in gazetteers shipped in `data/` (countries,
//!   demonyms, places, organisations and acronyms, first names, surnames,
//!   public figures, titles that announce a person, organisation and place head
//!   words such as `Party` or `River`). Gazetteers only add evidence; the
//!   trained weights decide.
//! * **Model**: trained with the `crfs` crate (pure-Rust CRFsuite, L-BFGS with
//!   L1+L2 regularisation) on Universal NER English-EWT and the training half
//!   of four GUM genres (biographies, court opinions, interviews, travel guides),
//!   plus one copy of each sentence with its mentions replaced by others of the
//!   same type (training mentions and gazetteer entries), by the binary
//!   `parallax-ner-train`, and embedded with `include_bytes!`
//!   (`model/ner.crfsuite`, about 1.3 MB; see
//!   `model/NOTICE` for the data licence). At load time it becomes a hashed
//!   weight table keyed by template and value hashes, so tagging builds no
//!   feature name and allocates almost nothing; decoding is Viterbi, confidences come from
//!   forward-backward marginals.
//! * **Conventions** the training data teaches poorly are applied after
//!   decoding: titles are not part of a person's name, a lone nationality
//!   adjective is not an entity, and an untagged capitalised name ending in an
//!   organisation head word is an organisation.
//!
//! # What it is for, and not for
//! For: finding the people, organisations and countries that a news article
//! talks about, fast enough to run over every sentence of a large corpus, as the
//! first step of actor analysis (linking mentions, titles and quotes is done by
//! `parallax-analyze`). It follows the Universal NER guidelines, so a country
//! acting as a government ("Russia announced") may be tagged `ORG`, and
//! nationality adjectives ("American") are not entities.
//! Not for: fine-grained types (dates, money, events, products), entity linking,
//! non-English text, or the accuracy of a transformer: it learns from about
//! 50,000 words of web text, and scores about 0.68 F1 on news (see
//! docs/benchmarks.md for figures and its typical mistakes).

#![warn(missing_docs)]

mod features;
mod gazetteer;
mod model;
mod tokenize;

pub mod eval;
pub mod gum;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use features::sentence_features;
pub use model::ModelError;
pub use tokenize::{Token, is_abbreviation, tokenize};

/// Whether `word` is a common English word that the shipped word list (SCOWL)
/// never writes as a proper noun: "Researchers", "Luckily", but not "Morales"
/// nor "Price" (a word and a surname).
pub fn is_common_word(word: &str) -> bool {
    let mut lower = String::with_capacity(word.len());
    gazetteer::norm_lower(word, &mut lower);
    gazetteer::Lexicon::get().lookup(&lower) == gazetteer::LEX_LOWER
}

/// Kind of an entity mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person (`PER`).
    Person,
    /// An organisation, including a government named by its country or capital
    /// when it acts (`ORG`).
    Org,
    /// A place: country, city, region, geographic feature, facility (`LOC`).
    Loc,
}

impl EntityKind {
    /// The UNER / CoNLL label of this kind.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
        }
    }

    /// Parse a UNER label (`PER`, `ORG`, `LOC`).
    pub fn from_label(label: &str) -> Option<EntityKind> {
        match label {
            "PER" => Some(EntityKind::Person),
            "ORG" => Some(EntityKind::Org),
            "LOC" => Some(EntityKind::Loc),
            _ => None,
        }
    }
}

/// An entity mention in a text: byte offsets `[start, end)` on char
/// boundaries, its kind, and the model's confidence in it: 0..=1, the least
/// probability (forward-backward marginal) over its tokens that the token is
/// inside an entity of this kind. Spans added by the head-word rule can have
/// low confidence, since the model itself did not tag them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EntitySpan {
    /// First byte of the mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Person, organisation or location.
    pub kind: EntityKind,
    /// The model's confidence, 0..=1 (see above).
    pub confidence: f32,
}

/// What each model label means: outside, or begin/inside of a kind.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bio {
    O,
    B(EntityKind),
    I(EntityKind),
}

fn parse_label(l: &str) -> Bio {
    match l.split_once('-') {
        Some(("B", k)) => EntityKind::from_label(k).map_or(Bio::O, Bio::B),
        Some(("I", k)) => EntityKind::from_label(k).map_or(Bio::O, Bio::I),
        _ => Bio::O,
    }
}

/// The tagger: a loaded CRF model.
pub struct Tagger {
    crf: model::Crf,
    bio: Vec<Bio>,
}

static EMBEDDED: &[u8] = include_bytes!("../model/ner.crfsuite");

impl Tagger {
    /// The model shipped with the crate, loaded on first use.
    pub fn embedded() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::from_bytes(EMBEDDED).expect("embedded NER model is valid"))
    }

    /// Load a model in CRFsuite format (as written by `parallax-ner-train`).
    /// The shipped gazetteers and word list are built here too (once per
    /// process), so the first sentence tagged costs no more than the next.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        gazetteer::Gazetteer::get();
        gazetteer::Lexicon::get();
        let crf = model::Crf::from_bytes(bytes)?;
        let bio = crf.labels.iter().map(|l| parse_label(l)).collect();
        Ok(Tagger { crf, bio })
    }

    /// Tag one tokenized sentence. Returns entities as token ranges
    /// `[start, end)` with kind and confidence, in order.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<(usize, usize, EntityKind, f32)> {
        if tokens.is_empty() {
            return Vec::new();
        }
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let scratch = &mut *guard;
            self.scores(tokens, scratch);
            self.crf.viterbi(&scratch.state, &mut scratch.path);
            let mut spans = self.decode(&scratch.path);
            trim_spans(&scratch.sentence, tokens, &mut spans);
            if spans.is_empty() {
                return Vec::new();
            }
            let marg = self.crf.marginals(&scratch.state);
            let nl = self.crf.nl;
            // Confidence: the least probability, over the span's tokens, that
            // the token is inside an entity of the span's kind.
            spans
                .into_iter()
                .map(|(s, e, k)| {
                    let conf = (s..e)
                        .map(|t| {
                            (0..nl)
                                .filter(|&l| matches!(self.bio[l], Bio::B(x) | Bio::I(x) if x == k))
                                .map(|l| marg[t * nl + l])
                                .sum::<f64>()
                        })
                        .fold(1.0f64, f64::min);
                    (s, e, k, conf.clamp(0.0, 1.0) as f32)
                })
                .collect()
        })
    }

    /// Model label names (`B-PER`, `O`, ...) for each token of a sentence.
    pub fn tag_labels(&self, tokens: &[&str]) -> Vec<String> {
        if tokens.is_empty() {
            return Vec::new();
        }
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let scratch = &mut *guard;
            self.scores(tokens, scratch);
            self.crf.viterbi(&scratch.state, &mut scratch.path);
            scratch
                .path
                .iter()
                .map(|&l| self.crf.labels[l].clone())
                .collect()
        })
    }

    /// Tokenize and tag one sentence (or a short paragraph); byte offsets are
    /// into `sentence`.
    pub fn tag_text(&self, sentence: &str) -> Vec<EntitySpan> {
        let toks = tokenize(sentence);
        let words: Vec<&str> = toks.iter().map(|t| t.text(sentence)).collect();
        self.tag_tokens(&words)
            .into_iter()
            .map(|(s, e, kind, confidence)| EntitySpan {
                start: toks[s].start,
                end: toks[e - 1].end,
                kind,
                confidence,
            })
            .collect()
    }

    /// Tag a whole text (an article): split into lines, then into sentences
    /// at `.`, `!`, `?` followed by a capitalised word or an opening quote, and
    /// tag each sentence. Byte offsets are into `text`.
    pub fn tag_document(&self, text: &str) -> Vec<EntitySpan> {
        let mut out = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let toks = tokenize(line);
            for (a, b) in sentence_bounds(line, &toks) {
                let words: Vec<&str> = toks[a..b].iter().map(|t| t.text(line)).collect();
                for (s, e, kind, confidence) in self.tag_tokens(&words) {
                    out.push(EntitySpan {
                        start: line_start + toks[a + s].start,
                        end: line_start + toks[a + e - 1].end,
                        kind,
                        confidence,
                    });
                }
            }
            line_start += line.len();
        }
        out
    }

    /// State scores of every token into `scratch.state`.
    fn scores(&self, tokens: &[&str], scratch: &mut Scratch) {
        let nl = self.crf.nl;
        scratch.sentence.prepare(tokens);
        scratch.state.clear();
        scratch.state.resize(tokens.len() * nl, 0.0);
        let Scratch {
            sentence,
            state,
            buf,
            ..
        } = scratch;
        for t in 0..tokens.len() {
            let row = &mut state[t * nl..(t + 1) * nl];
            if self.crf.fits_lanes() {
                let mut acc = [0f32; model::LANES];
                sentence.emit_keys(t, buf, &mut |key| self.crf.add_lanes(key, &mut acc));
                row.copy_from_slice(&acc[..nl]);
            } else {
                sentence.emit_keys(t, buf, &mut |key| self.crf.add_state(key, row));
            }
        }
    }

    /// Entity spans from a label path; an `I-` that does not continue an
    /// entity of its kind starts one (as conlleval and seqeval do).
    fn decode(&self, path: &[usize]) -> Vec<(usize, usize, EntityKind)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, EntityKind)> = None;
        for (t, &l) in path.iter().enumerate() {
            match self.bio[l] {
                Bio::O => {
                    if let Some((s, k)) = open.take() {
                        out.push((s, t, k));
                    }
                }
                Bio::B(k) => {
                    if let Some((s, k0)) = open.take() {
                        out.push((s, t, k0));
                    }
                    open = Some((t, k));
                }
                Bio::I(k) => match open {
                    Some((_, k0)) if k0 == k => {}
                    _ => {
                        if let Some((s, k0)) = open.take() {
                            out.push((s, t, k0));
                        }
                        open = Some((t, k));
                    }
                },
            }
        }
        if let Some((s, k)) = open {
            out.push((s, path.len(), k));
        }
        out
    }
}

/// Days of the week and holidays (`data/calendar.txt`), lowercased.
fn is_calendar_word(lower: &str) -> bool {
    static WORDS: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            include_str!("../data/calendar.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect()
        })
        .contains(lower)
}

/// A US party-and-state affiliation ("R-Ariz", "D-Calif.", "I-Vt."): not a place.
pub fn is_party_affiliation(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 4
        && b.len() <= 9
        && matches!(b[0], b'R' | b'D' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
        && b[3..].iter().all(|c| c.is_ascii_alphabetic() || *c == b'.')
}

/// UNER conventions that 50,000 words of training data teach poorly, applied
/// to the decoded spans: a title or honorific before a name is not part of the
/// person ("Mr Panvalkar" -> "Panvalkar", "Pope Francis" -> "Francis"), a
/// nationality adjective alone is not an entity ("Latin American"), a day or
/// holiday is not a name nor the end of one ("Christmas", "Michael Steele
/// Sunday"), a party-and-state affiliation is no place ("R-Ariz"), a "person"
/// holding a facility or organisation head word that is no surname is that
/// facility or organisation ("Trump Tower Moscow", "Clinton Foundation"), and
/// organisation names the model missed are recovered from their head word.
fn trim_spans(
    s: &features::Sentence,
    tokens: &[&str],
    spans: &mut Vec<(usize, usize, EntityKind)>,
) {
    use gazetteer::Class;
    for sp in spans.iter_mut() {
        if sp.2 == EntityKind::Person {
            while sp.1 - sp.0 > 1 && s.has_class(sp.0, Class::Title) {
                sp.0 += 1;
            }
        }
        while sp.1 - sp.0 > 1 && is_calendar_word(s.lower(sp.1 - 1)) {
            sp.1 -= 1;
        }
        if sp.2 == EntityKind::Person && sp.1 - sp.0 > 1 {
            let head = |c: Class| {
                (sp.0 + 1..sp.1).any(|t| {
                    s.has_class(t, c)
                        && !s.has_class(t, Class::Surname)
                        && !s.has_class(t, Class::FirstName)
                })
            };
            let (loc, org) = (head(Class::LocWord), head(Class::OrgWord));
            if loc {
                sp.2 = EntityKind::Loc;
            } else if org {
                sp.2 = EntityKind::Org;
            }
        }
    }
    spans.retain(|sp| {
        let demonym = (sp.0..sp.1).all(|t| s.only_class(t, Class::Demonym));
        let calendar = (sp.0..sp.1).all(|t| is_calendar_word(s.lower(t)));
        let affiliation = sp.1 - sp.0 == 1 && is_party_affiliation(tokens[sp.0]);
        !(demonym || calendar || affiliation)
    });
    // A multi-word capitalised name that ends in an organisation head word
    // ("Landless Workers Movement", "Palestine Solidarity Campaign") and that
    // the model left untagged is an organisation; a leading "The" or title is
    // not part of it.
    let mut added = false;
    for (mut a, b) in s.runs().collect::<Vec<_>>() {
        while a < b && (s.lower(a) == "the" || s.has_class(a, Class::Title)) {
            a += 1;
        }
        if b < a + 2 || spans.iter().any(|sp| sp.0 < b && a < sp.1) {
            continue;
        }
        if s.has_class(b - 1, Class::OrgWord) {
            spans.push((a, b, EntityKind::Org));
            added = true;
        }
    }
    if added {
        spans.sort_by_key(|sp| sp.0);
    }
}

/// Sentence ranges `[a, b)` over the tokens of one line.
fn sentence_bounds(text: &str, toks: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let w = toks[i].text(text);
        let terminal = matches!(w, "." | "!" | "?" | "..." | "…" | "?!" | "!!" | "!?");
        if !terminal || i + 1 >= toks.len() {
            continue;
        }
        // A closing quote or bracket right after the period stays in the sentence.
        let mut end = i + 1;
        while end < toks.len()
            && matches!(toks[end].text(text), "”" | "’" | "\"" | "'" | ")" | "]")
            && end + 1 < toks.len()
        {
            end += 1;
        }
        let next = toks[end].text(text);
        let opens = next
            .starts_with(|c: char| c.is_uppercase() || matches!(c, '“' | '"' | '‘' | '(' | '['));
        if opens && end > start {
            out.push((start, end));
            start = end;
        }
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

/// Per-thread buffers reused across sentences.
#[derive(Default)]
struct Scratch {
    sentence: features::Sentence,
    state: Vec<f32>,
    path: Vec<usize>,
    buf: String,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}
