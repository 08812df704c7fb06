//! Statements read as claims: what the pair model compares. Each holds its
//! identities (people and organisations apart from places), a TF-IDF vector of
//! stems and actors over the story, the words it quotes and whom it quotes, its
//! word trigrams (for near-identical text) and its embedding when there is one.
//!
//! Everything a pair comparison reads is prepared here once per statement, in
//! forms cheap to compare millions of times: words as story-wide ids, sets as
//! sorted vectors (intersections are merges, not hash look-ups).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use parallax_core::{ActorKey, ActorKind, AnalyzedArticle, QuoteKind, Span, fold};

use super::{AlignOptions, StatementEmbeddings, StatementRef, embeddable};
use crate::identities::IdentityTable;
use crate::vectors::{SparseVec, Vocab};

/// One statement of the story, ready to be compared.
pub(crate) struct Claim<'a> {
    pub r: StatementRef,
    /// Index of its outlet in [`Story::outlets`].
    pub outlet: usize,
    /// Worth comparing at all ([`embeddable`]).
    pub comparable: bool,
    /// Stems and actors, TF-IDF weighted over the story, L2-normalised.
    pub vec: SparseVec,
    /// The stems alone (what is said, whoever it is said of).
    pub terms: SparseVec,
    /// People and organisations named (story-wide ids, sorted, distinct).
    pub named: Vec<u32>,
    /// The quoted words of its direct and partial quotations, folded (as
    /// story-wide word ids).
    pub quoted: Vec<Vec<u32>>,
    /// Each of `quoted` as `(word, position)`, sorted ([`by_word`]).
    pub quoted_by_word: Vec<Vec<(u32, u32)>>,
    /// The words of the sentence, folded, as `(word, position)`, sorted.
    pub words_by_word: Vec<(u32, u32)>,
    /// Word trigrams of the whole sentence, folded (sorted, distinct).
    pub trigrams: Vec<u64>,
    /// Word trigrams of the outlet's own words (the sentence less its quoted
    /// words), and how many own words there are: two outlets quoting one speaker
    /// alike is no wire copy.
    pub own_trigrams: Vec<u64>,
    pub own_words: usize,
    /// Words in the sentence.
    pub words: usize,
    /// Where the sentence sits in its article, 0 (first) to 1 (last).
    pub position: f32,
    /// It leans on the sentence before it: short, or opening with a pronoun or a
    /// connective ("And I'm serious.").
    pub dependent: bool,
    /// The claims of the sentences just before and after it in its article.
    pub neighbours: Vec<usize>,
    pub embedding: Option<&'a [f32]>,
    /// The embeddings of its clauses, when it has several.
    pub clause_embeddings: Vec<&'a [f32]>,
}

/// The claims of one story.
pub(crate) struct Story<'a> {
    pub claims: Vec<Claim<'a>>,
    pub outlets: Vec<String>,
    pub vocab: Vocab,
}

/// People and organisations, as opposed to countries and places.
pub(crate) fn named(identity: &str) -> bool {
    ActorKey::parse(identity).is_some_and(|k| matches!(k.kind, ActorKind::Person | ActorKind::Org))
}

/// A word that opens a sentence leaning on the one before (`data/en/continuations.txt`).
fn continuation(word: &str) -> bool {
    static WORDS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            include_str!("../../data/en/continuations.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect()
        })
        .contains(word)
}

fn words_of(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The distinct word trigrams of `words`, sorted.
fn trigrams(words: &[String]) -> Vec<u64> {
    let mut t: Vec<u64> = words
        .windows(3)
        .map(|w| parallax_core::fnv1a64(w.join(" ").as_bytes()))
        .collect();
    t.sort_unstable();
    t.dedup();
    t
}

/// How many values two sorted, distinct lists share.
pub(crate) fn shared_count<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// `(word, position)` of each word of `ids`, sorted: the words two sequences
/// share are found by merging.
pub(crate) fn by_word(ids: &[u32]) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = ids.iter().zip(0u32..).map(|(&w, k)| (w, k)).collect();
    v.sort_unstable();
    v
}

/// Story-wide ids of strings (words, identities): equal strings, equal ids.
#[derive(Default)]
struct Interner(HashMap<String, u32>);

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.0.get(s) {
            return i;
        }
        let i = self.0.len() as u32;
        self.0.insert(s.to_string(), i);
        i
    }

    fn ids(&mut self, words: &[String]) -> Vec<u32> {
        words.iter().map(|w| self.id(w)).collect()
    }
}

impl<'a> Story<'a> {
    pub fn build(
        articles: &[AnalyzedArticle],
        members: &[usize],
        table: &IdentityTable,
        opts: AlignOptions,
        embeddings: Option<&'a StatementEmbeddings>,
    ) -> Story<'a> {
        let outlets: Vec<String> = members
            .iter()
            .map(|&i| articles[i].article.outlet.name.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut vocab = Vocab::default();
        let mut counts: Vec<BTreeMap<u32, f32>> = Vec::new();
        let mut claims = Vec::new();
        let mut word_ids = Interner::default();
        let mut identity_ids = Interner::default();
        for &ai in members {
            let a = &articles[ai];
            let n = a.analysis.statements.len().max(1);
            for s in &a.analysis.statements {
                let actors: Vec<String> = s
                    .actors
                    .iter()
                    .filter_map(|&e| table.identity_of(ai, e).map(|i| i.id.clone()))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                let mut c = BTreeMap::new();
                for t in &s.terms {
                    *c.entry(vocab.id(t)).or_insert(0.0) += 1.0;
                }
                for id in &actors {
                    let w = if named(id) {
                        opts.named_weight
                    } else {
                        opts.actor_weight
                    };
                    *c.entry(vocab.id(&format!("@{id}"))).or_insert(0.0) += w;
                }
                vocab.add_doc(c.keys().copied());
                counts.push(c);
                let mut speakers = BTreeSet::new();
                let mut quoted = Vec::new();
                let mut quoted_spans = Vec::new();
                for &qi in &s.quotes {
                    let Some(q) = a.analysis.quotes.get(qi) else {
                        continue;
                    };
                    if let Some(sp) = &q.speaker {
                        match sp.entity.and_then(|e| table.identity_of(ai, e)) {
                            Some(id) => {
                                speakers.insert(id.id.clone());
                            }
                            None => {
                                let w = fold(&sp.text);
                                if !matches!(
                                    w.as_str(),
                                    "he" | "she" | "they" | "it" | "we" | "i" | "you"
                                ) {
                                    speakers.insert(format!("~{w}"));
                                }
                            }
                        }
                    }
                    if matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
                        // (of a quotation in parts, the parts in this statement;
                        // of a quotation running over two sentences, its words in
                        // this one: "doesn't have a doctrine (on foreign affairs.)
                        // Foreign affairs is, we take care of ourselves first")
                        for c in q.contents().filter(|c| c.overlaps(s.span)) {
                            let c = Span::new(c.start.max(s.span.start), c.end.min(s.span.end));
                            quoted_spans.push(c);
                            let w = words_of(c.text(&a.article.text));
                            if !w.is_empty() {
                                quoted.push(word_ids.ids(&w));
                            }
                        }
                    }
                }
                let words = words_of(&s.text);
                let own: String = s
                    .text
                    .char_indices()
                    .map(|(k, ch)| {
                        let at = s.span.start + k;
                        if quoted_spans.iter().any(|c| c.start <= at && at < c.end) {
                            ' '
                        } else {
                            ch
                        }
                    })
                    .collect();
                let own_words = words_of(&own);
                let outlet = outlets
                    .iter()
                    .position(|o| *o == a.article.outlet.name)
                    .unwrap_or(0);
                claims.push(Claim {
                    r: StatementRef {
                        article: a.article.id.clone(),
                        outlet: a.article.outlet.name.clone(),
                        sentence: s.sentence,
                        span: s.span,
                        text: s.text.clone(),
                        actors: actors.clone(),
                        quantities: s.quantities.clone(),
                        speakers: speakers.into_iter().collect(),
                        quoted: s.quoted,
                    },
                    outlet,
                    comparable: embeddable(s),
                    vec: SparseVec::default(),
                    terms: SparseVec::default(),
                    named: {
                        let mut n: Vec<u32> = actors
                            .iter()
                            .filter(|i| named(i))
                            .map(|i| identity_ids.id(i))
                            .collect();
                        n.sort_unstable();
                        n.dedup();
                        n
                    },
                    quoted_by_word: quoted.iter().map(|q| by_word(q)).collect(),
                    quoted,
                    words_by_word: by_word(&word_ids.ids(&words)),
                    trigrams: trigrams(&words),
                    own_trigrams: trigrams(&own_words),
                    own_words: own_words.len(),
                    words: words.len(),
                    position: s.sentence as f32 / n as f32,
                    dependent: words.len() < 8 || words.first().is_some_and(|w| continuation(w)),
                    neighbours: Vec::new(),
                    embedding: embeddings.and_then(|e| e.get(&s.text)),
                    clause_embeddings: embeddings
                        .map(|e| {
                            s.clauses
                                .iter()
                                .filter_map(|c| e.get(c.text(&a.article.text)))
                                .collect()
                        })
                        .unwrap_or_default(),
                });
            }
        }
        for i in 1..claims.len() {
            let (a, b) = (&claims[i - 1].r, &claims[i].r);
            if a.article == b.article && a.sentence + 1 == b.sentence {
                claims[i].neighbours.push(i - 1);
                claims[i - 1].neighbours.push(i);
            }
        }
        let idf = vocab.idf(claims.len());
        for (c, counts) in claims.iter_mut().zip(&counts) {
            c.vec = SparseVec::from_counts(counts, &idf);
            let stems: BTreeMap<u32, f32> = counts
                .iter()
                .filter(|(f, _)| !vocab.names[**f as usize].starts_with('@'))
                .map(|(f, n)| (*f, *n))
                .collect();
            c.terms = SparseVec::from_counts(&stems, &idf);
        }
        Story {
            claims,
            outlets,
            vocab,
        }
    }
}
