//! Story grouping against BASIL (Fan et al., EMNLP 2019): 3 articles per event,
//! from the New York Times, Fox News and HuffPost. The gold grouping is the
//! `triplet-uuid`. Scores: pairwise precision/recall/F1 over article pairs (a pair
//! is positive when both articles are in one story), B-cubed, and the adjusted
//! Rand index.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use parallax_analyze::{ARTICLE_BUDGET, Analyzer};
use parallax_compare::{CompareOptions, compare};
use parallax_core::{AnalyzedArticle, Article};
use parallax_ingest::{Format, Input, Read, ReadOptions, Reader};
use serde::Serialize;

use crate::Prf;

/// Story grouping scored against BASIL's event triplets.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoryEval {
    /// Articles read.
    pub articles: usize,
    /// Gold events.
    pub events: usize,
    /// Stories found.
    pub stories: usize,
    /// Seconds the comparison took.
    pub seconds: f64,
    /// Pairs of articles in the same story against pairs in the same event.
    pub pairwise: Prf,
    /// B-cubed precision.
    pub bcubed_precision: f64,
    /// B-cubed recall.
    pub bcubed_recall: f64,
    /// Adjusted Rand index.
    pub ari: f64,
}

impl StoryEval {
    /// B-cubed F1.
    pub fn bcubed_f1(&self) -> f64 {
        let (p, r) = (self.bcubed_precision, self.bcubed_recall);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// The text report of `parallax eval stories`.
    pub fn report(&self) -> String {
        format!(
            "BASIL: {} articles, {} gold events, {} predicted stories, {:.2} s\n{}\n{:<28} P {:.3}  R {:.3}  F1 {:.3}\n{:<28} {:.3}\n",
            self.articles,
            self.events,
            self.stories,
            self.seconds,
            self.pairwise.line("pairwise (same story)"),
            "B-cubed",
            self.bcubed_precision,
            self.bcubed_recall,
            self.bcubed_f1(),
            "adjusted Rand index",
            self.ari
        )
    }
}

/// Reads BASIL's `articles/<year>/*.json`, groups them with `opts` and scores.
pub fn eval_basil(
    dir: &Path,
    analyzer: &Analyzer,
    opts: CompareOptions,
) -> Result<StoryEval, String> {
    let root = if dir.join("articles").is_dir() {
        dir.join("articles")
    } else {
        dir.to_path_buf()
    };
    let mut files: Vec<PathBuf> = Vec::new();
    collect(&root, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{}: no BASIL articles (expected articles/<year>/*.json)",
            dir.display()
        ));
    }
    // Through the one pipeline, as `parallax compare` reads the same files.
    let mut reader = Reader::new(ReadOptions::default());
    let mut articles: Vec<Article> = Vec::new();
    let mut gold: Vec<String> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let v: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", f.display()))?;
        let Some(event) = v.get("triplet-uuid").and_then(|x| x.as_str()) else {
            continue;
        };
        reader.read(
            Input::Bytes {
                name: &f.display().to_string(),
                bytes: &bytes,
                format: Some(Format::Jsonl),
            },
            &mut |r| {
                if let Read::Article(a) = r {
                    articles.push(a);
                    gold.push(event.to_string());
                }
            },
        );
    }
    let start = Instant::now();
    let analyzed: Vec<AnalyzedArticle> = analyzer
        .analyze_batch(articles, ARTICLE_BUDGET, &|| {})
        .into_iter()
        .map(|r| r.map_err(|r| format!("{}: {}", r.article.meta.source, r.reason)))
        .collect::<Result<_, _>>()?;
    let c = compare(&analyzed, opts);
    let seconds = start.elapsed().as_secs_f64();
    let index: BTreeMap<&str, usize> = analyzed
        .iter()
        .enumerate()
        .map(|(i, a)| (a.article.id.as_str(), i))
        .collect();
    let mut pred = vec![0usize; analyzed.len()];
    for (si, s) in c.stories.iter().enumerate() {
        for id in &s.articles {
            pred[index[id.as_str()]] = si;
        }
    }
    let gold_ids: Vec<usize> = {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        gold.iter()
            .map(|g| {
                let n = m.len();
                *m.entry(g.as_str()).or_insert(n)
            })
            .collect()
    };
    let mut e = score_clusters(&pred, &gold_ids);
    e.seconds = seconds;
    e.stories = c.stories.len();
    Ok(e)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let p = entry.map_err(|e| e.to_string())?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}

/// Pairwise, B-cubed and ARI of a predicted clustering against a gold one.
pub fn score_clusters(pred: &[usize], gold: &[usize]) -> StoryEval {
    let n = pred.len();
    let mut e = StoryEval {
        articles: n,
        ..Default::default()
    };
    let mut gold_sizes: BTreeMap<usize, usize> = BTreeMap::new();
    let mut pred_sizes: BTreeMap<usize, usize> = BTreeMap::new();
    let mut joint: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for i in 0..n {
        *gold_sizes.entry(gold[i]).or_default() += 1;
        *pred_sizes.entry(pred[i]).or_default() += 1;
        *joint.entry((pred[i], gold[i])).or_default() += 1;
    }
    e.events = gold_sizes.len();
    let pairs = |k: usize| k * k.saturating_sub(1) / 2;
    let tp: usize = joint.values().map(|&k| pairs(k)).sum();
    let pred_pairs: usize = pred_sizes.values().map(|&k| pairs(k)).sum();
    let gold_pairs: usize = gold_sizes.values().map(|&k| pairs(k)).sum();
    e.pairwise = Prf {
        tp_pred: tp,
        predicted: pred_pairs,
        tp_gold: tp,
        gold: gold_pairs,
    };
    // B-cubed: per item, the share of its predicted cluster that shares its gold
    // cluster (precision), and of its gold cluster that shares its predicted one.
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let both = joint[&(pred[i], gold[i])] as f64;
        bp += both / pred_sizes[&pred[i]] as f64;
        br += both / gold_sizes[&gold[i]] as f64;
    }
    if n > 0 {
        e.bcubed_precision = bp / n as f64;
        e.bcubed_recall = br / n as f64;
    }
    let total = pairs(n) as f64;
    let expected = pred_pairs as f64 * gold_pairs as f64 / total.max(1.0);
    let max = (pred_pairs as f64 + gold_pairs as f64) / 2.0;
    e.ari = if (max - expected).abs() < 1e-12 {
        1.0
    } else {
        (tp as f64 - expected) / (max - expected)
    };
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_merged_clusterings() {
        let gold = [0, 0, 0, 1, 1, 1];
        let p = score_clusters(&[5, 5, 5, 7, 7, 7], &gold);
        assert_eq!(p.pairwise.f1(), 1.0);
        assert!((p.ari - 1.0).abs() < 1e-9);
        let all = score_clusters(&[0; 6], &gold);
        assert_eq!(all.pairwise.recall(), 1.0);
        assert!((all.pairwise.precision() - 0.4).abs() < 1e-9);
        assert!(all.ari.abs() < 1e-9);
        let single = score_clusters(&[0, 1, 2, 3, 4, 5], &gold);
        assert_eq!(single.pairwise.recall(), 0.0);
        assert!((single.bcubed_precision - 1.0).abs() < 1e-9);
    }
}
