//! Grouping articles into stories.
//!
//! Each article becomes two vectors: its content terms (TF-IDF) and its actors
//! (identity ids weighted by mentions, IDF). Candidate pairs come from an inverted
//! index over both, skipping features so common they would pair everything, so
//! the work grows with the postings, not with the square of the corpus. A pair
//! joins a story by average linkage: groups merge, strongest pairs first, while
//! the mean similarity across them passes the threshold (deterministic).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use parallax_core::AnalyzedArticle;
use serde::{Deserialize, Serialize};

use crate::identities::IdentityTable;
use crate::vectors::{SparseVec, Vocab};

#[derive(Debug, Clone, Copy)]
pub struct StoryOptions {
    /// Minimum combined similarity for two articles to share a story.
    pub threshold: f32,
    /// Weight of actor overlap against term overlap.
    pub actor_weight: f32,
    /// Days over which the similarity of two dated articles halves: coverage of
    /// one event clusters in time. Articles without a date are not penalised.
    pub half_life_days: f32,
}

const HALF_LIFE: f32 = 30.0;

/// Articles from which the input's own document frequencies count in full.
const IDF_FULL_AT: f32 = 15.0;

/// An inverse document frequency `idf` computed over `n` articles, shrunk toward
/// 1 when they are few. Over three articles of one event, the words all three
/// share (the event's) get the lowest weight and each outlet's own words the
/// highest, the reverse of what a corpus shows: BASIL triplets compared on
/// their own were split into two stories 5 times in 60. Grouping inputs of 3
/// to 30 BASIL articles (`parallax eval stories --small-inputs`), pairwise F1
/// 0.981 (P 0.996, R 0.967) became 0.991 (P 0.991, R 0.991); from 15 articles
/// on nothing changes.
pub(crate) fn few_articles_idf(n: u64, idf: f32) -> f32 {
    1.0 + (idf - 1.0) * (n as f32 / IDF_FULL_AT).min(1.0)
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            threshold: 0.2,
            actor_weight: 0.4,
            half_life_days: HALF_LIFE,
        }
    }
}

/// Why two articles were put in one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairEvidence {
    pub a: String,
    pub b: String,
    pub score: f32,
    pub term_similarity: f32,
    pub actor_similarity: f32,
    pub shared_actors: Vec<String>,
    pub shared_terms: Vec<String>,
}

pub struct StoryGroup {
    pub members: Vec<usize>,
    pub evidence: Vec<PairEvidence>,
}

/// Every article's vectors and the candidate pairs' scores.
struct Scoring {
    terms: Vocab,
    actors: Vocab,
    tidf: Vec<f32>,
    aidf: Vec<f32>,
    tv: Vec<SparseVec>,
    av: Vec<SparseVec>,
    /// (score, a, b, term similarity, actor similarity), strongest first.
    scored: Vec<(f32, usize, usize, f32, f32)>,
}

fn score_pairs(articles: &[AnalyzedArticle], table: &IdentityTable, opts: StoryOptions) -> Scoring {
    let n = articles.len();
    let mut terms = Vocab::default();
    let mut actors = Vocab::default();
    let mut term_counts: Vec<BTreeMap<u32, f32>> = Vec::with_capacity(n);
    let mut actor_counts: Vec<BTreeMap<u32, f32>> = Vec::with_capacity(n);
    for (ai, a) in articles.iter().enumerate() {
        let mut tc = BTreeMap::new();
        for s in &a.analysis.statements {
            for t in &s.terms {
                *tc.entry(terms.id(t)).or_insert(0.0) += 1.0;
            }
        }
        let mut ac = BTreeMap::new();
        for m in &a.analysis.mentions {
            if let Some(id) = table.identity_of(ai, m.entity) {
                *ac.entry(actors.id(&id.id)).or_insert(0.0) += 1.0;
            }
        }
        // sublinear term frequency
        for v in tc.values_mut() {
            *v = 1.0 + f32::ln(*v);
        }
        for v in ac.values_mut() {
            *v = 1.0 + f32::ln(*v);
        }
        terms.add_doc(tc.keys().copied());
        actors.add_doc(ac.keys().copied());
        term_counts.push(tc);
        actor_counts.push(ac);
    }
    let (mut tidf, mut aidf) = (terms.idf(n), actors.idf(n));
    for v in tidf.iter_mut().chain(aidf.iter_mut()) {
        *v = few_articles_idf(n as u64, *v);
    }
    let days: Vec<Option<i64>> = articles
        .iter()
        .map(|a| a.article.meta.published.as_deref().and_then(day_number))
        .collect();
    let tv: Vec<SparseVec> = term_counts
        .iter()
        .map(|c| SparseVec::from_counts(c, &tidf))
        .collect();
    let av: Vec<SparseVec> = actor_counts
        .iter()
        .map(|c| SparseVec::from_counts(c, &aidf))
        .collect();

    // Candidate pairs from postings of distinctive features.
    let max_df = if n > 50 {
        (n as f32 * 0.05).max(20.0) as u32
    } else {
        u32::MAX
    };
    let mut postings: BTreeMap<(u8, u32), Vec<u32>> = BTreeMap::new();
    for i in 0..n {
        // the article's strongest features only
        let mut top: Vec<(u32, f32)> = tv[i].entries.clone();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (f, _) in top.into_iter().take(30) {
            if terms.df[f as usize] <= max_df && terms.df[f as usize] >= 2 {
                postings.entry((0, f)).or_default().push(i as u32);
            }
        }
        for &(f, _) in &av[i].entries {
            if actors.df[f as usize] <= max_df && actors.df[f as usize] >= 2 {
                postings.entry((1, f)).or_default().push(i as u32);
            }
        }
    }
    let mut candidates: BTreeSet<(u32, u32)> = BTreeSet::new();
    for list in postings.values() {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                candidates.insert((a.min(b), a.max(b)));
            }
        }
    }

    // Score every candidate pair once.
    let mut scored: Vec<(f32, usize, usize, f32, f32)> = Vec::new();
    for (a, b) in candidates {
        let (a, b) = (a as usize, b as usize);
        let ts = tv[a].dot(&tv[b]);
        let as_ = av[a].dot(&av[b]);
        let mut score = (1.0 - opts.actor_weight) * ts + opts.actor_weight * as_;
        if let (Some(x), Some(y)) = (days[a], days[b]) {
            score *= 0.5f32.powf((x - y).unsigned_abs() as f32 / opts.half_life_days.max(0.001));
        }
        if score > 0.0 {
            scored.push((score, a, b, ts, as_));
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    Scoring {
        terms,
        actors,
        tidf,
        aidf,
        tv,
        av,
        scored,
    }
}

impl Scoring {
    /// Why `a` and `b` (scored `score`, `ts`, `as_`) belong together.
    fn evidence(
        &self,
        articles: &[AnalyzedArticle],
        pair: (f32, usize, usize, f32, f32),
    ) -> PairEvidence {
        let (score, a, b, ts, as_) = pair;
        let mut shared_actors: Vec<(f32, String)> = self.av[a]
            .shared(&self.av[b])
            .into_iter()
            .map(|f| (self.aidf[f as usize], self.actors.names[f as usize].clone()))
            .collect();
        shared_actors.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let mut shared_terms: Vec<(f32, String)> = self.tv[a]
            .shared(&self.tv[b])
            .into_iter()
            .map(|f| (self.tidf[f as usize], self.terms.names[f as usize].clone()))
            .collect();
        shared_terms.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let (a, b) = (a.min(b), a.max(b));
        PairEvidence {
            a: articles[a].article.id.clone(),
            b: articles[b].article.id.clone(),
            score,
            term_similarity: ts,
            actor_similarity: as_,
            shared_actors: shared_actors.into_iter().take(10).map(|x| x.1).collect(),
            shared_terms: shared_terms.into_iter().take(10).map(|x| x.1).collect(),
        }
    }
}

pub fn group(
    articles: &[AnalyzedArticle],
    table: &IdentityTable,
    opts: StoryOptions,
) -> Vec<StoryGroup> {
    let n = articles.len();
    let scoring = score_pairs(articles, table, opts);
    let scored = &scoring.scored;
    let pairs: Vec<(f32, usize, usize)> = scored.iter().map(|p| (p.0, p.1, p.2)).collect();
    let root = average_linkage(n, &pairs, opts.threshold);
    let mut groups: BTreeMap<usize, StoryGroup> = BTreeMap::new();
    for (i, &r) in root.iter().enumerate() {
        groups
            .entry(r)
            .or_insert_with(|| StoryGroup {
                members: Vec::new(),
                evidence: Vec::new(),
            })
            .members
            .push(i);
    }
    // Evidence: the scored pairs inside each story that pass the threshold.
    for &pair in scored {
        let (score, a, b, _, _) = pair;
        if score < opts.threshold || root[a] != root[b] {
            continue;
        }
        let e = scoring.evidence(articles, pair);
        groups
            .get_mut(&root[a.min(b)])
            .expect("group exists")
            .evidence
            .push(e);
    }
    let mut out: Vec<StoryGroup> = groups.into_values().collect();
    for g in &mut out {
        g.members.sort_unstable();
        g.evidence.sort_by(|x, y| x.a.cmp(&y.a).then(x.b.cmp(&y.b)));
    }
    // Biggest stories first, then by first article.
    out.sort_by(|x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then(x.members[0].cmp(&y.members[0]))
    });
    out
}

/// Average linkage over sparse pairs `(score, a, b)` of `n` items, sorted
/// strongest first: two groups merge when the mean similarity over all their
/// cross pairs (a pair never scored counts as 0) passes the threshold. A chain of
/// loosely similar articles never becomes one giant story, which single linkage
/// would make. Each item's group root.
pub(crate) fn average_linkage(
    n: usize,
    scored: &[(f32, usize, usize)],
    threshold: f32,
) -> Vec<usize> {
    let mut root: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut links: Vec<HashMap<usize, f32>> = vec![HashMap::new(); n];
    for &(sc, a, b) in scored {
        *links[a].entry(b).or_insert(0.0) += sc;
        *links[b].entry(a).or_insert(0.0) += sc;
    }
    for &(sc, a, b) in scored {
        if sc < threshold {
            break;
        }
        let (ra, rb) = (root[a], root[b]);
        if ra == rb {
            continue;
        }
        let sum = links[ra].get(&rb).copied().unwrap_or(0.0);
        let mean = sum / (members[ra].len() * members[rb].len()) as f32;
        if mean < threshold {
            continue;
        }
        // merge the smaller group into the larger one
        let (keep, gone) = if members[ra].len() >= members[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let moved = std::mem::take(&mut members[gone]);
        for &m in &moved {
            root[m] = keep;
        }
        members[keep].extend(moved);
        let gone_links = std::mem::take(&mut links[gone]);
        for (c, w) in gone_links {
            if c == keep {
                continue;
            }
            *links[keep].entry(c).or_insert(0.0) += w;
            let back = links[c].remove(&gone).unwrap_or(0.0);
            *links[c].entry(keep).or_insert(0.0) += back;
        }
        links[keep].remove(&gone);
    }
    root
}

/// Articles already known to be one story (grouped one at a time by a library):
/// one group of them all, in the order given, with the evidence of the scored
/// pairs among them that pass the threshold (at most [`MAX_EVIDENCE`], strongest
/// first). A function of the articles alone, so the same members give the same
/// story whenever it is recomputed.
pub fn one_group(
    articles: &[AnalyzedArticle],
    table: &IdentityTable,
    opts: StoryOptions,
) -> StoryGroup {
    let scoring = score_pairs(articles, table, opts);
    let mut evidence: Vec<PairEvidence> = scoring
        .scored
        .iter()
        .filter(|p| p.0 >= opts.threshold)
        .take(MAX_EVIDENCE)
        .map(|&p| scoring.evidence(articles, p))
        .collect();
    evidence.sort_by(|x, y| x.a.cmp(&y.a).then(x.b.cmp(&y.b)));
    StoryGroup {
        members: (0..articles.len()).collect(),
        evidence,
    }
}

/// Pairs of evidence kept for a story built by [`one_group`].
pub const MAX_EVIDENCE: usize = 50;

/// Days since 1970-01-01 of an ISO date ("2024-04-25", "2024-04-25T10:00:00Z").
pub fn day_number(date: &str) -> Option<i64> {
    let d = date.get(..10)?;
    let mut parts = d.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // days from civil (Howard Hinnant's algorithm)
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2024-04-25"), Some(19838));
        assert_eq!(
            day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(),
            2
        );
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }
}
