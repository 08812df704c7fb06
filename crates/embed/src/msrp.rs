//! Scoring a sentence encoder on MSRP: "How often does 'cosine above a threshold'
//! agree with people on whether two news sentences say the same thing?"
//!
//! The Microsoft Research Paraphrase Corpus (MSRP; Dolan, Quirk and Brockett,
//! 2004) holds pairs of news sentences judged equivalent (1) or not (0). Its files
//! are TAB-separated with a header line: `Quality`, `#1 ID`, `#2 ID`, `#1 String`,
//! `#2 String`. The corpus is not part of parallax (research licence); the caller
//! names where it is.
//!
//! The decision scored is the plainest one: "same" when the cosine of the two
//! sentence embeddings reaches a threshold. The threshold is chosen (for accuracy)
//! on one part of the pairs and scored on another, never on the pairs it was
//! chosen on: train file → dev file, and the two halves of all pairs (even and odd
//! positions) each way. ROC-AUC needs no threshold. [`evaluate`] works for any
//! encoder given as a function, so the same figures come out for MiniLM, the
//! static model, or anything else.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One judged pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// True when the annotators judged the two sentences equivalent.
    pub same: bool,
    /// The first sentence.
    pub a: String,
    /// The second sentence.
    pub b: String,
}

/// Why an MSRP file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MsrpError {
    /// The file could not be read.
    #[error("{}: {message}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's error.
        message: String,
    },
    /// A line is not an MSRP line.
    #[error("{}:{line}: {message}", .path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// Its line, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// The file names of the training and development parts, as in the usual
/// distribution of the corpus.
pub const TRAIN_FILE: &str = "msr_paraphrase_train.txt";
/// See [`TRAIN_FILE`].
pub const DEV_FILE: &str = "msr_paraphrase_dev.txt";

/// Reads one MSRP file (header line first, a byte-order mark allowed).
pub fn read_file(path: &Path) -> Result<Vec<Pair>, MsrpError> {
    let bytes = std::fs::read(path).map_err(|e| MsrpError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| MsrpError::Read {
        path: path.to_path_buf(),
        message: format!("not UTF-8: {e}"),
    })?;
    parse(&text, path)
}

fn parse(text: &str, path: &Path) -> Result<Vec<Pair>, MsrpError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let err = |line: usize, message: String| MsrpError::Format {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.starts_with("Quality") => {}
        _ => return Err(err(1, "no header line starting with \"Quality\"".into())),
    }
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        for f in records(line) {
            if f.len() != 5 {
                return Err(err(i + 1, format!("{} fields, expected 5", f.len())));
            }
            let same = match f[0].trim() {
                "1" => true,
                "0" => false,
                q => return Err(err(i + 1, format!("quality {q:?}, expected 0 or 1"))),
            };
            out.push(Pair {
                same,
                a: f[3].to_string(),
                b: f[4].to_string(),
            });
        }
    }
    if out.is_empty() {
        return Err(err(1, "no pairs".into()));
    }
    Ok(out)
}

/// The records of one line. A copy of the corpus has lines where the line break
/// between two records is missing, so the quality digit of the second is glued to
/// the end of the first's last sentence ("…late Wednesday.0", then its 4 other
/// fields): such a line of 5 + 4k fields is split into its k + 1 records. Any
/// other shape is returned whole, for the caller to reject.
fn records(line: &str) -> Vec<Vec<&str>> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() <= 5 || !(f.len() - 5).is_multiple_of(4) {
        return vec![f];
    }
    let mut out = Vec::new();
    let mut quality = f[0];
    let mut start = 1;
    loop {
        let last = f[start + 3];
        if start + 4 == f.len() {
            out.push(vec![quality, f[start], f[start + 1], f[start + 2], last]);
            return out;
        }
        let glued = last.char_indices().last().filter(|&(i, c)| {
            (c == '0' || c == '1') && !last[..i].ends_with(|p: char| p.is_ascii_digit())
        });
        let Some((cut, _)) = glued else {
            return vec![f];
        };
        out.push(vec![
            quality,
            f[start],
            f[start + 1],
            f[start + 2],
            &last[..cut],
        ]);
        quality = &last[cut..];
        start += 4;
    }
}

/// Reads [`TRAIN_FILE`] and [`DEV_FILE`] of `dir`.
pub fn read_dir(dir: &Path) -> Result<(Vec<Pair>, Vec<Pair>), MsrpError> {
    Ok((
        read_file(&dir.join(TRAIN_FILE))?,
        read_file(&dir.join(DEV_FILE))?,
    ))
}

/// The cosine of each pair under `embed`, which is called once with every
/// distinct sentence.
pub fn cosines<E>(
    pairs: &[Pair],
    embed: impl FnOnce(&[&str]) -> Result<Vec<Vec<f32>>, E>,
) -> Result<Vec<f32>, E> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut unique: Vec<&str> = Vec::new();
    for p in pairs {
        for s in [p.a.as_str(), p.b.as_str()] {
            index.entry(s).or_insert_with(|| {
                unique.push(s);
                unique.len() - 1
            });
        }
    }
    let v = embed(&unique)?;
    Ok(pairs
        .iter()
        .map(|p| {
            let (a, b) = (index[p.a.as_str()], index[p.b.as_str()]);
            match (v.get(a), v.get(b)) {
                (Some(x), Some(y)) => crate::cosine(x, y),
                _ => 0.0,
            }
        })
        .collect())
}

/// The figures of "same when cosine ≥ threshold" on some pairs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// The cosine threshold.
    pub threshold: f32,
    /// Pairs scored.
    pub pairs: usize,
    /// Share of pairs judged right.
    pub accuracy: f64,
    /// Precision of the "same" class.
    pub precision: f64,
    /// Recall of the "same" class.
    pub recall: f64,
    /// F1 of the "same" class, as MSRP is usually reported.
    pub f1: f64,
}

/// Scores the decision "same when score ≥ threshold".
pub fn decide(scores: &[f32], same: &[bool], threshold: f32) -> Decision {
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    for (&s, &y) in scores.iter().zip(same) {
        match (s >= threshold, y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => tn += 1,
        }
    }
    let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = div(tp, tp + fp);
    let recall = div(tp, tp + fn_);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Decision {
        threshold,
        pairs: tp + fp + fn_ + tn,
        accuracy: div(tp + tn, tp + fp + fn_ + tn),
        precision,
        recall,
        f1,
    }
}

/// The threshold of highest accuracy on these pairs: a midpoint between two
/// neighbouring scores (the lowest such one among ties).
pub fn best_threshold(scores: &[f32], same: &[bool]) -> f32 {
    let mut s: Vec<(f32, bool)> = scores.iter().copied().zip(same.iter().copied()).collect();
    s.sort_by(|a, b| a.0.total_cmp(&b.0));
    if s.is_empty() {
        return 0.0;
    }
    // Threshold below everything: all "same".
    let positives = s.iter().filter(|p| p.1).count();
    let mut correct = positives;
    let (mut best, mut best_t) = (correct, s[0].0 - 1e-6);
    let mut i = 0;
    while i < s.len() {
        // Move every pair of this score to "not same".
        let v = s[i].0;
        while i < s.len() && s[i].0 == v {
            if s[i].1 {
                correct -= 1;
            } else {
                correct += 1;
            }
            i += 1;
        }
        if correct > best {
            best = correct;
            best_t = if i < s.len() {
                (v + s[i].0) / 2.0
            } else {
                v + 1e-6
            };
        }
    }
    best_t
}

/// Area under the ROC curve: the chance that a random "same" pair scores above a
/// random "not same" pair (ties count a half).
pub fn roc_auc(scores: &[f32], same: &[bool]) -> f64 {
    let mut s: Vec<(f32, bool)> = scores.iter().copied().zip(same.iter().copied()).collect();
    s.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pos = s.iter().filter(|p| p.1).count() as f64;
    let neg = s.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return 0.5;
    }
    // Sum of the positives' ranks (1-based, ties averaged).
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < s.len() {
        let mut j = i;
        while j < s.len() && s[j].0 == s[i].0 {
            j += 1;
        }
        let avg = (i + 1 + j) as f64 / 2.0;
        rank_sum += avg * s[i..j].iter().filter(|p| p.1).count() as f64;
        i = j;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// An encoder's figures on MSRP.
#[derive(Debug, Clone)]
pub struct Report {
    /// Threshold chosen on the train file, scored on the dev file.
    pub train_to_dev: Decision,
    /// All pairs split by position (even, odd): threshold chosen on the even half
    /// and scored on the odd one, then the other way.
    pub even_to_odd: Decision,
    /// Chosen on the odd half, scored on the even one.
    pub odd_to_even: Decision,
    /// ROC-AUC on all pairs.
    pub auc: f64,
    /// Share of "same" pairs among all pairs (the accuracy of always saying "same").
    pub same_rate: f64,
}

impl Report {
    /// The mean of the two cross-half accuracies.
    pub fn cross_accuracy(&self) -> f64 {
        (self.even_to_odd.accuracy + self.odd_to_even.accuracy) / 2.0
    }
    /// The mean of the two cross-half F1s.
    pub fn cross_f1(&self) -> f64 {
        (self.even_to_odd.f1 + self.odd_to_even.f1) / 2.0
    }
}

/// Scores an encoder on MSRP's train and dev pairs; `embed` is called once, with
/// every distinct sentence of both.
pub fn evaluate<E>(
    train: &[Pair],
    dev: &[Pair],
    embed: impl FnOnce(&[&str]) -> Result<Vec<Vec<f32>>, E>,
) -> Result<Report, E> {
    let all: Vec<Pair> = train.iter().chain(dev).cloned().collect();
    let scores = cosines(&all, embed)?;
    let labels: Vec<bool> = all.iter().map(|p| p.same).collect();
    Ok(report(&scores, &labels, train.len()))
}

/// [`evaluate`] from scores already computed: `scores` and `same` cover the train
/// pairs first (`train` of them), then the dev pairs.
pub fn report(scores: &[f32], same: &[bool], train: usize) -> Report {
    let train = train.min(scores.len());
    let t = best_threshold(&scores[..train], &same[..train]);
    let train_to_dev = decide(&scores[train..], &same[train..], t);
    let part = |odd: bool| -> (Vec<f32>, Vec<bool>) {
        scores
            .iter()
            .zip(same)
            .enumerate()
            .filter(|(i, _)| (i % 2 == 1) == odd)
            .map(|(_, (&s, &y))| (s, y))
            .unzip()
    };
    let (es, ey) = part(false);
    let (os, oy) = part(true);
    let even_to_odd = decide(&os, &oy, best_threshold(&es, &ey));
    let odd_to_even = decide(&es, &ey, best_threshold(&os, &oy));
    Report {
        train_to_dev,
        even_to_odd,
        odd_to_even,
        auc: roc_auc(scores, same),
        same_rate: same.iter().filter(|&&y| y).count() as f64 / same.len().max(1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_msrp_format() {
        let text = "\u{feff}Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n\
                    1\t1\t2\tA man eats.\tA man is eating.\n\
                    0\t3\t4\tIt rained.\tIt was sunny.\n";
        let p = parse(text, Path::new("x.txt")).unwrap();
        assert_eq!(p.len(), 2);
        assert!(p[0].same && !p[1].same);
        assert_eq!(p[1].b, "It was sunny.");
        let bad = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n2\t1\t2\ta\tb\n";
        let e = parse(bad, Path::new("x.txt")).unwrap_err().to_string();
        assert!(e.contains("x.txt:2") && e.contains("quality"), "{e}");
        // Two records on one line (the line break lost): both read.
        let glued = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n\
                     0\t1\t2\tUp 4.31 percent.\tUp 4.30 percent.1\t3\t4\tRovers.\tThe rovers.\n";
        let p = parse(glued, Path::new("x.txt")).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].b, "Up 4.30 percent.");
        assert!(!p[0].same && p[1].same);
        assert_eq!(p[1].a, "Rovers.");
        let e = parse("1\t1\t2\ta\tb\n", Path::new("y.txt")).unwrap_err();
        assert!(e.to_string().contains("header"), "{e}");
        let e = read_file(Path::new("/nonexistent/msrp.txt")).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/msrp.txt"), "{e}");
    }

    #[test]
    fn threshold_accuracy_and_auc() {
        let scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
        let same = [true, true, false, true, false, false];
        let t = best_threshold(&scores, &same);
        let d = decide(&scores, &same, t);
        // Best: "same" for 0.9, 0.8 (and 0.7, 0.6 ties in accuracy): 5/6 correct.
        assert!((d.accuracy - 5.0 / 6.0).abs() < 1e-9, "{d:?}");
        // AUC: of 9 (pos, neg) pairs, only (0.6, 0.7) is misordered.
        assert!((roc_auc(&scores, &same) - 8.0 / 9.0).abs() < 1e-9);
        assert!((roc_auc(&[0.5, 0.5], &[true, false]) - 0.5).abs() < 1e-9);
        let all_same = decide(&scores, &same, -1.0);
        assert!((all_same.recall - 1.0).abs() < 1e-9);
        assert!((all_same.precision - 0.5).abs() < 1e-9);
    }

    #[test]
    fn evaluate_embeds_each_sentence_once_and_scores_held_out_parts() {
        let pair = |same, a: &str, b: &str| Pair {
            same,
            a: a.into(),
            b: b.into(),
        };
        let train = vec![
            pair(true, "a", "a2"),
            pair(false, "a", "b"),
            pair(true, "c", "c2"),
            pair(false, "c", "d"),
        ];
        let dev = vec![pair(true, "b", "b2"), pair(false, "d", "a")];
        let mut calls = 0;
        // A toy encoder: the first letter decides the direction.
        let r = evaluate(&train, &dev, |s: &[&str]| {
            calls += 1;
            assert_eq!(s.len(), 7, "each distinct sentence once");
            Ok::<_, ()>(
                s.iter()
                    .map(|t| match t.as_bytes()[0] {
                        b'a' => vec![1.0, 0.0, 0.0, 0.0],
                        b'b' => vec![0.0, 1.0, 0.0, 0.0],
                        b'c' => vec![0.0, 0.0, 1.0, 0.0],
                        _ => vec![0.0, 0.0, 0.0, 1.0],
                    })
                    .collect(),
            )
        })
        .unwrap();
        assert_eq!(calls, 1);
        assert_eq!(r.train_to_dev.pairs, 2);
        assert!((r.train_to_dev.accuracy - 1.0).abs() < 1e-9);
        assert!((r.auc - 1.0).abs() < 1e-9);
        assert_eq!(r.even_to_odd.pairs + r.odd_to_even.pairs, 6);
    }
}
