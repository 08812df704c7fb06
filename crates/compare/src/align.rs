//! Lining up statements across the outlets of a story.
//!
//! The lexical method: each statement is a vector of content stems and actor
//! identities, weighted by inverse frequency within the story; a statement is
//! linked to its most similar statement in each other outlet when the cosine
//! passes a threshold and that statement's best match is the first one in
//! return (mutual best); linked statements form groups. A group reaching every
//! outlet of the story is reported by all; one that reaches none is that outlet's
//! alone (an omission by the others).

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::{AnalyzedArticle, Span};
use serde::{Deserialize, Serialize};

use crate::identities::IdentityTable;
use crate::vectors::{SparseVec, Vocab};

#[derive(Debug, Clone, Copy)]
pub struct AlignOptions {
    pub threshold: f32,
    /// Weight of an actor feature relative to a term feature.
    pub actor_weight: f32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            threshold: 0.2,
            actor_weight: 1.5,
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

pub fn align(
    articles: &[AnalyzedArticle],
    members: &[usize],
    table: &IdentityTable,
    opts: AlignOptions,
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
                *c.entry(vocab.id(&format!("@{id}"))).or_insert(0.0) += opts.actor_weight;
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

    // Inverted index over features for candidates.
    let mut postings: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, v) in vecs.iter().enumerate() {
        for &(f, _) in &v.entries {
            postings.entry(f).or_default().push(i);
        }
    }
    let common = (refs.len() / 3).max(8);
    let mut edges: Vec<(usize, usize, f32)> = Vec::new();
    let mut best_of: Vec<Vec<(usize, f32)>> = vec![Vec::new(); refs.len()];
    for i in 0..refs.len() {
        let mut cands: BTreeSet<usize> = BTreeSet::new();
        for &(f, _) in &vecs[i].entries {
            let list = &postings[&f];
            if list.len() > common {
                continue;
            }
            cands.extend(
                list.iter()
                    .copied()
                    .filter(|&j| refs[j].outlet != refs[i].outlet),
            );
        }
        // best per other outlet
        let mut best: BTreeMap<&str, (f32, usize)> = BTreeMap::new();
        for j in cands {
            let s = vecs[i].dot(&vecs[j]);
            let e = best.entry(refs[j].outlet.as_str()).or_insert((0.0, j));
            if s > e.0 || (s == e.0 && j < e.1) {
                *e = (s, j);
            }
        }
        for (_, (s, j)) in best {
            if s >= opts.threshold {
                best_of[i].push((j, s));
            }
        }
    }
    // A link needs both statements to choose each other: one fact matches one fact,
    // and a sentence that is loosely like many does not chain them together.
    for i in 0..refs.len() {
        for &(j, s) in &best_of[i] {
            // Places alone do not make two statements one fact ("founded in
            // Havana" vs "rallied in Havana"): a shared word or a shared person
            // or organisation is required.
            let substantive = vecs[i].shared(&vecs[j]).iter().any(|&f| {
                let name = &vocab.names[f as usize];
                !name.starts_with('@') || name.starts_with("@person:") || name.starts_with("@org:")
            });
            if i < j && substantive && best_of[j].iter().any(|&(k, _)| k == i) {
                edges.push((i, j, s));
            }
        }
    }
    edges.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));

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
            method: "lexical: stems and actors, tf-idf cosine".to_string(),
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
