//! Story grouping against BASIL (Fan et al., EMNLP 2019): 3 articles per event,
//! from the New York Times, Fox News and HuffPost. The gold grouping is the
//! `triplet-uuid`. Scores: pairwise precision/recall/F1 over article pairs (a pair
//! is positive when both articles are in one story), B-cubed, and the adjusted
//! Rand index.
//!
//! Three ways of grouping are scored, over the articles [`read_basil`] reads:
//! [`score_compare`], `parallax compare`'s grouping of all the articles at once;
//! [`eval_basil_small`], the same grouping of small inputs (each event alone, a
//! few events together), as a user comparing a handful of articles gets it; and
//! [`eval_basil_incremental`], a library's (`parallax_store::update_stories` on a
//! temporary SQLite library) fed the articles a few at a time, in date order and in
//! the order the files are read (with the `library` feature only: it needs the
//! SQLite library).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use parallax_analyze::{ARTICLE_BUDGET, Analyzer};
use parallax_compare::{CompareOptions, compare};
use parallax_core::{AnalyzedArticle, Article};
use parallax_ingest::{Format, Input, Read, ReadOptions, Reader};
#[cfg(feature = "library")]
use parallax_store::{Library, SqliteLibrary, update_stories};
use serde::Serialize;

use crate::Prf;

/// Story grouping scored against BASIL's event triplets.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoryEval {
    /// Articles read.
    pub articles: usize,
    /// Articles without a publication date: the date decay cannot keep them
    /// apart from coverage of other times.
    pub undated: usize,
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
            "BASIL: {} articles ({} without a date), {} gold events, {} predicted stories, {:.2} s\n{}\n{:<28} P {:.3}  R {:.3}  F1 {:.3}\n{:<28} {:.3}\n",
            self.articles,
            self.undated,
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

/// BASIL's articles, read and analysed through the shared pipeline, in file
/// order, with each one's gold event number.
pub fn read_basil(
    dir: &Path,
    analyzer: &Analyzer,
) -> Result<(Vec<AnalyzedArticle>, Vec<usize>), String> {
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
    let analyzed: Vec<AnalyzedArticle> = analyzer
        .analyze_batch(articles, ARTICLE_BUDGET, &|| {})
        .into_iter()
        .map(|r| r.map_err(|r| format!("{}: {}", r.article.meta.source, r.reason)))
        .collect::<Result<_, _>>()?;
    let gold_ids: Vec<usize> = {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        gold.iter()
            .map(|g| {
                let n = m.len();
                *m.entry(g.as_str()).or_insert(n)
            })
            .collect()
    };
    Ok((analyzed, gold_ids))
}

/// Story grouping on small inputs, as a user comparing a handful of articles
/// gets it: each input grouped on its own, pairs pooled over the inputs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SmallInputsEval {
    /// Inputs grouped.
    pub inputs: usize,
    /// Inputs of one event split into more than one story.
    pub split_events: usize,
    /// Pairs of articles in the same story against pairs in the same event,
    /// summed over the inputs.
    pub pairwise: Prf,
}

impl SmallInputsEval {
    /// The text report.
    pub fn report(&self) -> String {
        format!(
            "small inputs: {} (each event alone, and runs of 2, 3, 5 and 10 events, adjacent and spread), each grouped on its own
{}
events split when compared alone: {}
",
            self.inputs,
            self.pairwise.line("pairwise (same story)"),
            self.split_events
        )
    }
}

/// The events of BASIL compared in small inputs: each event's articles alone
/// (where a split hides the comparison the user asked for), then runs of 2, 3, 5
/// and 10 events, neighbours in file order and every seventh (where two events
/// must stay apart). Each input is grouped with `opts` as `parallax compare`
/// would, and the pairs are pooled.
/// `analyzed` and `gold` are [`read_basil`]'s, so that one reading serves this
/// and [`score_compare`].
pub fn eval_basil_small(
    analyzed: &[AnalyzedArticle],
    gold: &[usize],
    opts: CompareOptions,
) -> SmallInputsEval {
    let mut by_event: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in gold.iter().enumerate() {
        by_event.entry(g).or_default().push(i);
    }
    let events: Vec<&Vec<usize>> = by_event.values().collect();
    let n = events.len();
    let mut out = SmallInputsEval::default();
    for (k, step) in [
        (1, 1),
        (2, 1),
        (3, 1),
        (5, 1),
        (10, 1),
        (2, 7),
        (3, 7),
        (5, 7),
        (10, 7),
    ] {
        if k > n {
            continue;
        }
        for first in (0..n).step_by(k) {
            let members: Vec<usize> = (0..k)
                .flat_map(|j| events[(first + j * step) % n].iter().copied())
                .collect();
            let input: Vec<AnalyzedArticle> =
                members.iter().map(|&i| analyzed[i].clone()).collect();
            let input_gold: Vec<usize> = members.iter().map(|&i| gold[i]).collect();
            let e = score_compare(&input, &input_gold, opts);
            if k == 1 && e.stories > 1 {
                out.split_events += 1;
            }
            out.inputs += 1;
            out.pairwise.tp_pred += e.pairwise.tp_pred;
            out.pairwise.predicted += e.pairwise.predicted;
            out.pairwise.tp_gold += e.pairwise.tp_gold;
            out.pairwise.gold += e.pairwise.gold;
        }
    }
    out
}

/// Groups `analyzed` all at once with `opts` (`parallax compare`) and scores the
/// grouping against `gold` (event numbers, as [`read_basil`] gives them).
pub fn score_compare(
    analyzed: &[AnalyzedArticle],
    gold: &[usize],
    opts: CompareOptions,
) -> StoryEval {
    let start = Instant::now();
    let c = compare(analyzed, opts);
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
    let mut e = score_clusters(&pred, gold);
    e.seconds = seconds;
    e.stories = c.stories.len();
    e.undated = undated(analyzed);
    e
}

fn undated(analyzed: &[AnalyzedArticle]) -> usize {
    analyzed
        .iter()
        .filter(|a| {
            a.article
                .meta
                .published
                .as_deref()
                .and_then(parallax_compare::stories::day_number)
                .is_none()
        })
        .count()
}

/// The full grouping and a library's incremental one, side by side.
#[cfg(feature = "library")]
#[derive(Debug, Clone, Serialize)]
pub struct IncrementalEval {
    /// Articles handed to the library at a time.
    pub batch: usize,
    /// `parallax compare`'s grouping of all the articles at once.
    pub full: StoryEval,
    /// The library fed the articles in date order (undated ones last).
    pub date_order: StoryEval,
    /// The library fed the articles in the order their files are read.
    pub file_order: StoryEval,
}

#[cfg(feature = "library")]
impl IncrementalEval {
    /// The text report of `parallax eval stories --incremental`.
    pub fn report(&self) -> String {
        let line = |name: &str, e: &StoryEval| {
            format!(
                "{name:<34} pairwise P {:.3}  R {:.3}  F1 {:.3}   B-cubed F1 {:.3}   ARI {:.3}   {} stories, {:.2} s\n",
                e.pairwise.precision(),
                e.pairwise.recall(),
                e.pairwise.f1(),
                e.bcubed_f1(),
                e.ari,
                e.stories,
                e.seconds
            )
        };
        let mut out = format!(
            "BASIL: {} articles ({} without a date), {} gold events; the library is fed {} at a time\n",
            self.full.articles, self.full.undated, self.full.events, self.batch
        );
        out.push_str(&line("full grouping (parallax compare)", &self.full));
        out.push_str(&line("incremental, in date order", &self.date_order));
        out.push_str(&line("incremental, in file order", &self.file_order));
        out.push_str(&format!(
            "incremental (date order) minus full, pairwise F1: {:+.3}\n",
            self.date_order.pairwise.f1() - self.full.pairwise.f1()
        ));
        out
    }
}

/// Scores a library's incremental grouping: the articles are imported `batch` at
/// a time into a temporary SQLite library, its stories brought up to date after
/// each batch (`parallax_store::update_stories`), once in date order (articles
/// without a date last, as they come) and once in file order; beside the full
/// grouping of [`score_compare`].
#[cfg(feature = "library")]
pub fn eval_basil_incremental(
    dir: &Path,
    analyzer: &Analyzer,
    opts: CompareOptions,
    batch: usize,
) -> Result<IncrementalEval, String> {
    let (analyzed, gold) = read_basil(dir, analyzer)?;
    let full = score_compare(&analyzed, &gold, opts);
    let mut by_date: Vec<usize> = (0..analyzed.len()).collect();
    let day = |i: usize| {
        analyzed[i]
            .article
            .meta
            .published
            .as_deref()
            .and_then(parallax_compare::stories::day_number)
    };
    by_date.sort_by_key(|&i| (day(i).is_none(), day(i), i));
    let file: Vec<usize> = (0..analyzed.len()).collect();
    let date_order = score_library(&analyzed, &gold, &by_date, opts, batch)?;
    let file_order = score_library(&analyzed, &gold, &file, opts, batch)?;
    Ok(IncrementalEval {
        batch,
        full,
        date_order,
        file_order,
    })
}

#[cfg(feature = "library")]
fn score_library(
    analyzed: &[AnalyzedArticle],
    gold: &[usize],
    order: &[usize],
    opts: CompareOptions,
    batch: usize,
) -> Result<StoryEval, String> {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "parallax-eval-stories-{}-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let result = (|| {
        let lib = SqliteLibrary::open(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let start = Instant::now();
        for chunk in order.chunks(batch.max(1)) {
            for &i in chunk {
                lib.import(&analyzed[i].article, &analyzed[i].analysis)
                    .map_err(|e| e.to_string())?;
            }
            update_stories(&lib, opts, None, &mut |_| {}).map_err(|e| e.to_string())?;
        }
        let seconds = start.elapsed().as_secs_f64();
        let index: BTreeMap<&str, usize> = analyzed
            .iter()
            .enumerate()
            .map(|(i, a)| (a.article.id.as_str(), i))
            .collect();
        let stories = lib.stories(usize::MAX >> 1, 0).map_err(|e| e.to_string())?;
        let mut pred = vec![usize::MAX; analyzed.len()];
        for (si, s) in stories.iter().enumerate() {
            let rec = lib
                .story(&s.id)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("story {} vanished", s.id))?;
            for id in &rec.story.articles {
                if let Some(&i) = index.get(id.as_str()) {
                    pred[i] = si;
                }
            }
        }
        if let Some(i) = pred.iter().position(|&p| p == usize::MAX) {
            return Err(format!(
                "{}: in no story of the library",
                analyzed[i].article.meta.source
            ));
        }
        let mut e = score_clusters(&pred, gold);
        e.seconds = seconds;
        e.stories = stories.len();
        e.undated = undated(analyzed);
        Ok(e)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
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

/// [`score_clusters`] over labelled items: each item's gold label and predicted
/// label (none: a cluster of its own), compared as cluster ids.
pub fn score_labels<'a>(items: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> StoryEval {
    let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut intern = |s: String| {
        let n = ids.len();
        *ids.entry(s).or_insert(n)
    };
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    for (k, (g, p)) in items.into_iter().enumerate() {
        gold.push(intern(format!("gold {g}")));
        pred.push(match p {
            Some(p) => intern(format!("pred {p}")),
            None => intern(format!("missing {k}")),
        });
    }
    score_clusters(&pred, &gold)
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
