//! Lining up statements across the outlets of a story.
//!
//! The lexical method: each statement is a vector of content stems and actor
//! identities (people and organisations weighing more than places), weighted by
//! inverse frequency within the story; a statement is
//! linked to its most similar statement in each other outlet when the cosine
//! passes a threshold and that statement's best match is the first one in
//! return (mutual best); linked statements form groups. A group reaching every
//! outlet of the story is reported by all; one that reaches none is that outlet's
//! alone (an omission by the others).
//!
//! The embedding method (`parallax compare --align embed`): the same mutual-best
//! linking and grouping, scored by the cosine of sentence embeddings
//! ([`SentenceEncoder`], MiniLM in `parallax-embed`) instead of shared stems, so
//! paraphrases with no word in common can align; two statements naming the same
//! person or organisation get a small bonus (`embed_named_bonus`). Only candidate statements are
//! embedded (see [`embeddable`] and `compare_with`); the stems and actors two
//! statements share are still reported for each group.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use parallax_core::{ActorKey, ActorKind, AnalyzedArticle, Span};
use serde::{Deserialize, Serialize};

use crate::identities::IdentityTable;
use crate::vectors::{SparseVec, Vocab};

#[derive(Debug, Clone, Copy)]
pub struct AlignOptions {
    /// Lowest lexical cosine for a link.
    pub threshold: f32,
    /// Weight of a place or country feature relative to a term feature.
    pub actor_weight: f32,
    /// Weight of a person or organisation feature: a named person or body is
    /// stronger evidence of one fact than a country most sentences mention.
    pub named_weight: f32,
    /// Lowest score for a link by the embedding method.
    pub embed_threshold: f32,
    /// Added to the embedding cosine of two statements naming the same person or
    /// organisation (the model sees "Díaz-Canel" and "Diaz-Canel" as different
    /// words; the identity table knows they are one man).
    pub embed_named_bonus: f32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            threshold: 0.2,
            actor_weight: 1.5,
            named_weight: 2.0,
            embed_threshold: 0.6,
            embed_named_bonus: 0.15,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementRef {
    pub article: String,
    pub outlet: String,
    pub sentence: usize,
    pub span: Span,
    pub text: String,
    /// Identity ids of the actors in the statement.
    pub actors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<String>,
    /// Mostly quoted words rather than the outlet's own.
    pub quoted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedGroup {
    pub outlets: Vec<String>,
    pub statements: Vec<StatementRef>,
    /// Highest link score inside the group.
    pub score: f32,
    pub method: String,
    pub shared_actors: Vec<String>,
    pub shared_terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// "number" or "date".
    pub kind: String,
    /// Index into `shared` followed by `partial` groups.
    pub group: usize,
    /// Outlet -> values it gives.
    pub values: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatementComparison {
    /// Groups reaching every outlet of the story.
    pub shared: Vec<AlignedGroup>,
    /// Groups reaching more than one outlet but not all.
    pub partial: Vec<AlignedGroup>,
    /// Outlet -> statements no other outlet makes.
    pub unique: BTreeMap<String, Vec<StatementRef>>,
    pub conflicts: Vec<Conflict>,
}

/// A sentence encoder for the embedding method: one vector per sentence, in
/// order (`parallax-embed` wraps MiniLM behind it; tests can give their own).
pub trait SentenceEncoder: Sync {
    /// The model's name, written into each aligned group's `method`.
    fn model(&self) -> String;
    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String>;
}

/// Embeddings of the candidate statements of a corpus, by statement text (a text
/// repeated across articles is embedded once).
#[derive(Debug, Clone, Default)]
pub struct StatementEmbeddings {
    pub model: String,
    index: HashMap<String, usize>,
    vectors: Vec<Vec<f32>>,
}

impl StatementEmbeddings {
    /// Embeds `texts` (deduplicated here) with `encoder`.
    pub fn build(encoder: &dyn SentenceEncoder, texts: &[&str]) -> Result<Self, String> {
        let mut unique: Vec<&str> = texts.to_vec();
        unique.sort_unstable();
        unique.dedup();
        let vectors = encoder.encode(&unique)?;
        if vectors.len() != unique.len() {
            return Err(format!(
                "the encoder gave {} vectors for {} sentences",
                vectors.len(),
                unique.len()
            ));
        }
        let index = unique
            .iter()
            .enumerate()
            .map(|(i, t)| (t.to_string(), i))
            .collect();
        Ok(StatementEmbeddings {
            model: encoder.model(),
            index,
            vectors,
        })
    }

    /// Sentences embedded (distinct texts).
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.index.get(text).map(|&i| self.vectors[i].as_slice())
    }
}

/// People and organisations, as opposed to countries and places.
fn named(identity: &str) -> bool {
    ActorKey::parse(identity).is_some_and(|k| matches!(k.kind, ActorKind::Person | ActorKind::Org))
}

/// Statements worth embedding in a story: the outlet's sentences with at least
/// three words and one content term (datelines, bylines and one-word lines are
/// never the same fact as another outlet's sentence).
pub fn embeddable(s: &parallax_core::Statement) -> bool {
    !s.terms.is_empty() && s.text.split_whitespace().count() >= 3
}

/// Lines up the statements of one story's articles (`members`, indices into
/// `articles`) across outlets, by the lexical method, or by embedding cosine when
/// `embeddings` is given (statements without an embedding then stay unaligned).
pub fn align(
    articles: &[AnalyzedArticle],
    members: &[usize],
    table: &IdentityTable,
    opts: AlignOptions,
    embeddings: Option<&StatementEmbeddings>,
) -> StatementComparison {
    // Flatten the story's statements.
    let mut refs: Vec<StatementRef> = Vec::new();
    let mut vocab = Vocab::default();
    let mut counts: Vec<BTreeMap<u32, f32>> = Vec::new();
    for &ai in members {
        let a = &articles[ai];
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
            refs.push(StatementRef {
                article: a.article.id.clone(),
                outlet: a.article.outlet.name.clone(),
                sentence: s.sentence,
                span: s.span,
                text: s.text.clone(),
                actors,
                numbers: s.numbers.clone(),
                dates: s.dates.clone(),
                quoted: s.quoted,
            });
        }
    }
    let outlets: BTreeSet<String> = refs.iter().map(|r| r.outlet.clone()).collect();
    let idf = vocab.idf(refs.len());
    let vecs: Vec<SparseVec> = counts
        .iter()
        .map(|c| SparseVec::from_counts(c, &idf))
        .collect();

    let (edges, method) = match embeddings {
        None => (
            lexical_edges(&refs, &vecs, &vocab, opts),
            "lexical: stems and actors, tf-idf cosine".to_string(),
        ),
        Some(e) => (
            embedding_edges(&refs, e, opts),
            format!("embed: {} cosine", e.model),
        ),
    };
    group(refs, &vecs, &vocab, &outlets, edges, method)
}

/// The best match of each statement in each other outlet, scored by `score`
/// over the candidates `cands(i)`, kept when at least `threshold`.
fn best_per_outlet(
    refs: &[StatementRef],
    i: usize,
    cands: impl IntoIterator<Item = usize>,
    score: impl Fn(usize) -> f32,
    threshold: f32,
) -> Vec<(usize, f32)> {
    let mut best: BTreeMap<&str, (f32, usize)> = BTreeMap::new();
    for j in cands {
        if refs[j].outlet == refs[i].outlet {
            continue;
        }
        let s = score(j);
        let e = best.entry(refs[j].outlet.as_str()).or_insert((f32::MIN, j));
        if s > e.0 || (s == e.0 && j < e.1) {
            *e = (s, j);
        }
    }
    best.into_values()
        .filter(|&(s, _)| s >= threshold)
        .map(|(s, j)| (j, s))
        .collect()
}

/// A link needs both statements to choose each other: one fact matches one fact,
/// and a sentence that is loosely like many does not chain them together.
fn mutual(best_of: &[Vec<(usize, f32)>], keep: impl Fn(usize, usize) -> bool) -> Vec<Edge> {
    let mut edges = Vec::new();
    for (i, list) in best_of.iter().enumerate() {
        for &(j, s) in list {
            if i < j && best_of[j].iter().any(|&(k, _)| k == i) && keep(i, j) {
                edges.push((i, j, s));
            }
        }
    }
    edges.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    edges
}

type Edge = (usize, usize, f32);

fn lexical_edges(
    refs: &[StatementRef],
    vecs: &[SparseVec],
    vocab: &Vocab,
    opts: AlignOptions,
) -> Vec<Edge> {
    // Inverted index over features for candidates.
    let mut postings: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, v) in vecs.iter().enumerate() {
        for &(f, _) in &v.entries {
            postings.entry(f).or_default().push(i);
        }
    }
    let common = (refs.len() / 3).max(8);
    let mut best_of: Vec<Vec<(usize, f32)>> = vec![Vec::new(); refs.len()];
    for (i, best) in best_of.iter_mut().enumerate() {
        let mut cands: BTreeSet<usize> = BTreeSet::new();
        for &(f, _) in &vecs[i].entries {
            let list = &postings[&f];
            if list.len() <= common {
                cands.extend(list.iter().copied());
            }
        }
        *best = best_per_outlet(refs, i, cands, |j| vecs[i].dot(&vecs[j]), opts.threshold);
    }
    mutual(&best_of, |i, j| {
        // Places alone do not make two statements one fact ("founded in
        // Havana" vs "rallied in Havana"): a shared word or a shared person
        // or organisation is required.
        vecs[i].shared(&vecs[j]).iter().any(|&f| {
            let name = &vocab.names[f as usize];
            name.strip_prefix('@').is_none_or(named)
        })
    })
}

/// Cosine of two statements' embeddings, plus `bonus` when they name the same
/// person or organisation, rounded to 4 decimals so that float noise (thread
/// count, batch padding) cannot flip a choice between near-ties.
fn embedding_score(a: &[f32], b: &[f32], bonus: f32) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    ((dot + bonus) * 10_000.0).round() / 10_000.0
}

fn embedding_edges(
    refs: &[StatementRef],
    e: &StatementEmbeddings,
    opts: AlignOptions,
) -> Vec<Edge> {
    let vectors: Vec<Option<&[f32]>> = refs.iter().map(|r| e.get(&r.text)).collect();
    let with: Vec<usize> = (0..refs.len()).filter(|&i| vectors[i].is_some()).collect();
    let mut best_of: Vec<Vec<(usize, f32)>> = vec![Vec::new(); refs.len()];
    for &i in &with {
        let vi = vectors[i].unwrap_or_default();
        best_of[i] = best_per_outlet(
            refs,
            i,
            with.iter().copied(),
            |j| {
                let shared = refs[i]
                    .actors
                    .iter()
                    .any(|a| named(a) && refs[j].actors.contains(a));
                let bonus = if shared { opts.embed_named_bonus } else { 0.0 };
                embedding_score(vi, vectors[j].unwrap_or_default(), bonus)
            },
            opts.embed_threshold,
        );
    }
    mutual(&best_of, |_, _| true)
}

/// Joins linked statements into groups and sorts the groups into shared by all,
/// by some, and one outlet's alone.
fn group(
    refs: Vec<StatementRef>,
    vecs: &[SparseVec],
    vocab: &Vocab,
    outlets: &BTreeSet<String>,
    edges: Vec<Edge>,
    method: String,
) -> StatementComparison {
    let mut parent: Vec<usize> = (0..refs.len()).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        p[x] = r;
        r
    }
    for &(a, b, _) in &edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..refs.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out = StatementComparison::default();
    for members in groups.values() {
        let group_outlets: BTreeSet<String> =
            members.iter().map(|&i| refs[i].outlet.clone()).collect();
        if group_outlets.len() < 2 {
            for &i in members {
                out.unique
                    .entry(refs[i].outlet.clone())
                    .or_default()
                    .push(refs[i].clone());
            }
            continue;
        }
        let score = edges
            .iter()
            .filter(|e| members.contains(&e.0))
            .map(|e| e.2)
            .fold(0.0f32, f32::max);
        let mut shared: Option<BTreeSet<u32>> = None;
        for &i in members {
            let f: BTreeSet<u32> = vecs[i].entries.iter().map(|e| e.0).collect();
            shared = Some(match shared {
                None => f,
                Some(s) => s.intersection(&f).copied().collect(),
            });
        }
        let shared = shared.unwrap_or_default();
        let mut shared_actors = Vec::new();
        let mut shared_terms = Vec::new();
        for f in shared {
            let name = &vocab.names[f as usize];
            match name.strip_prefix('@') {
                Some(id) => shared_actors.push(id.to_string()),
                None => shared_terms.push(name.clone()),
            }
        }
        let group = AlignedGroup {
            outlets: group_outlets.iter().cloned().collect(),
            statements: members.iter().map(|&i| refs[i].clone()).collect(),
            score,
            method: method.clone(),
            shared_actors,
            shared_terms,
        };
        if group_outlets.len() == outlets.len() {
            out.shared.push(group);
        } else {
            out.partial.push(group);
        }
    }
    let by_strength = |a: &AlignedGroup, b: &AlignedGroup| {
        b.score
            .total_cmp(&a.score)
            .then(a.statements[0].span.start.cmp(&b.statements[0].span.start))
    };
    out.shared.sort_by(by_strength);
    out.partial.sort_by(by_strength);
    out.conflicts = conflicts(&out);
    out
}

/// Aligned statements that give different numbers or years for the same fact.
fn conflicts(c: &StatementComparison) -> Vec<Conflict> {
    let mut out = Vec::new();
    for (gi, g) in c.shared.iter().chain(&c.partial).enumerate() {
        for (kind, pick) in [("number", 0), ("date", 1)] {
            let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for s in &g.statements {
                let v = if pick == 0 { &s.numbers } else { &s.dates };
                let norm: Vec<String> = v
                    .iter()
                    .map(|x| normalise_value(x))
                    .filter(|x| !x.is_empty())
                    .collect();
                if !norm.is_empty() {
                    values.entry(s.outlet.clone()).or_default().extend(norm);
                }
            }
            if values.len() < 2 {
                continue;
            }
            let sets: Vec<BTreeSet<&String>> =
                values.values().map(|v| v.iter().collect()).collect();
            let disjoint = sets
                .iter()
                .enumerate()
                .all(|(i, a)| sets[i + 1..].iter().all(|b| a.is_disjoint(b)));
            if disjoint {
                for v in values.values_mut() {
                    v.sort();
                    v.dedup();
                }
                out.push(Conflict {
                    kind: kind.to_string(),
                    group: gi,
                    values,
                });
            }
        }
    }
    out
}

fn normalise_value(v: &str) -> String {
    v.chars()
        .filter(|c| !matches!(c, ','))
        .collect::<String>()
        .to_lowercase()
}
