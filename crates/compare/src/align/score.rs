//! The same-fact probability of two statements of different outlets.
//!
//! Candidate pairs (`candidate_features`): with embeddings, every cross-outlet
//! pair of comparable statements while the story is small enough; otherwise the
//! pairs that share a stem, an actor or quoted words (an inverted index; features
//! carried by a third of the story or more are too common to propose anything).
//! Each pair is described by [`FEATURES`] and scored by a logistic [`Model`]
//! whose weights are data (`data/same_fact.tsv`), fitted on the hand-made fact
//! gold by [`Model::fit`] (`parallax eval align --fit`).
//!
//! A big story has hundreds of thousands of candidate pairs, so the per-pair
//! work allocates nothing and looks nothing up by name: features are set by
//! index, words are compared as ids, sets are merged as sorted lists, and the
//! embedding cosines of a pair's sentence and clauses are computed several at
//! once (independent sums, each in the order a plain dot product takes, so the
//! figures are the same to the last bit).

use std::collections::{BTreeMap, HashMap};

use parallax_core::QuantityKind;

use super::AlignOptions;
use super::claims::{Claim, Story, shared_count};

/// The pair features, in order. Each lies in [0, 1] (`margin` in [-0.3, 0.3]).
pub const FEATURES: &[&str] = &[
    // meaning: embedding cosine (0 without embeddings), TF-IDF cosine of stems
    // and actors
    "emb",
    "lex",
    // the stems alone: what is said, whoever it is said of
    "terms",
    // the best embedding cosine between a clause (or the whole) of one and a
    // clause (or the whole) of the other
    "clause",
    // people and organisations both name (up to three)
    "named",
    // the longest run of quoted words one carries and the other repeats (up to 12)
    "quote",
    // both quote someone: the same speaker, or only different ones
    "speaker_same",
    "speaker_diff",
    // word trigrams shared, over the shorter statement's
    "trigram",
    // a figure both give (same kind, unit and value); a figure of the same kind
    // and unit that differs
    "qty_same",
    "qty_diff",
    // each is the other's best candidate in its outlet; one of them is
    "mutual",
    "best",
    // how far the pair's base score is ahead of the next candidate (both sides)
    "margin",
    // how far apart the two sit in their articles
    "position",
    // the shorter has fewer than 8 words
    "short",
];

const N: usize = 16;

// Indices into [`FEATURES`] (checked against the names by a test).
const EMB: usize = 0;
const LEX: usize = 1;
const TERMS: usize = 2;
const CLAUSE: usize = 3;
const NAMED: usize = 4;
const QUOTE: usize = 5;
const SPEAKER_SAME: usize = 6;
const SPEAKER_DIFF: usize = 7;
const TRIGRAM: usize = 8;
const QTY_SAME: usize = 9;
const QTY_DIFF: usize = 10;
const MUTUAL: usize = 11;
const BEST: usize = 12;
const MARGIN: usize = 13;
const POSITION: usize = 14;
const SHORT: usize = 15;

/// The features of one pair, in [`FEATURES`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairFeatures(pub [f32; N]);

impl PairFeatures {
    #[cfg(test)]
    fn set(&mut self, name: &str, v: f32) {
        if let Some(i) = FEATURES.iter().position(|f| *f == name) {
            self.0[i] = v;
        }
    }

    /// The value of the feature `name`.
    pub fn get(&self, name: &str) -> f32 {
        FEATURES
            .iter()
            .position(|f| *f == name)
            .map(|i| self.0[i])
            .unwrap_or(0.0)
    }
}

/// A logistic model of the same-fact probability.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// "lexical" (no embeddings), or the sentence model whose embeddings it reads.
    pub name: String,
    pub bias: f32,
    pub weights: [f32; N],
}

const BUILTIN: &str = include_str!("../../data/same_fact.tsv");

impl Model {
    /// The model parallax ships for statements compared by their words alone
    /// (`None`) or with the embeddings of the sentence model `encoder` (its name,
    /// as `SentenceEncoder::model` gives it). An encoder the table has no weights
    /// for gets those of the default one, `static-MiniLM-L6-v2`.
    pub fn builtin(encoder: Option<&str>) -> Model {
        let models = Model::parse(BUILTIN).unwrap_or_else(|e| panic!("data/same_fact.tsv: {e}"));
        let want = encoder.unwrap_or("lexical");
        let fallback = if encoder.is_some() {
            "static-MiniLM-L6-v2"
        } else {
            "lexical"
        };
        models
            .iter()
            .find(|m| m.name == want)
            .or_else(|| models.iter().find(|m| m.name == fallback))
            .cloned()
            .unwrap_or_else(|| panic!("data/same_fact.tsv: no {fallback} model"))
    }

    /// Reads `model <TAB> feature <TAB> weight` lines (`bias` is a feature);
    /// an unknown feature is an error naming the line.
    pub fn parse(text: &str) -> Result<Vec<Model>, String> {
        let mut models: Vec<Model> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [name, feature, weight] = f.as_slice() else {
                return Err(format!("line {}: expected model, feature, weight", n + 1));
            };
            let w: f32 = weight
                .parse()
                .map_err(|_| format!("line {}: {weight:?} is not a number", n + 1))?;
            let m = match models.iter_mut().position(|m| m.name == *name) {
                Some(i) => &mut models[i],
                None => {
                    models.push(Model {
                        name: name.to_string(),
                        bias: 0.0,
                        weights: [0.0; N],
                    });
                    models.last_mut().expect("just pushed")
                }
            };
            if *feature == "bias" {
                m.bias = w;
            } else {
                let i = FEATURES
                    .iter()
                    .position(|x| x == feature)
                    .ok_or_else(|| format!("line {}: unknown feature {feature:?}", n + 1))?;
                m.weights[i] = w;
            }
        }
        Ok(models)
    }

    /// The model as `data/same_fact.tsv` lines.
    pub fn to_tsv(&self) -> String {
        let mut s = format!("{}\tbias\t{:.4}\n", self.name, self.bias);
        for (f, w) in FEATURES.iter().zip(self.weights) {
            s.push_str(&format!("{}\t{f}\t{w:.4}\n", self.name));
        }
        s
    }

    /// The probability that the pair reports one fact.
    pub fn probability(&self, f: &PairFeatures) -> f32 {
        let z: f32 = self.bias
            + self
                .weights
                .iter()
                .zip(f.0)
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits a logistic regression (Newton's method with a small ridge penalty)
    /// on labelled pairs.
    pub fn fit(name: &str, data: &[(PairFeatures, bool)], ridge: f64) -> Model {
        const D: usize = N + 1;
        let x =
            |f: &PairFeatures, i: usize| -> f64 { if i == 0 { 1.0 } else { f.0[i - 1] as f64 } };
        let mut w = [0.0f64; D];
        for _ in 0..50 {
            let mut grad = [0.0f64; D];
            let mut hess = [[0.0f64; D]; D];
            for (f, y) in data {
                let xs: [f64; D] = std::array::from_fn(|i| x(f, i));
                let z: f64 = w.iter().zip(&xs).map(|(a, b)| a * b).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let r = p - if *y { 1.0 } else { 0.0 };
                let s = (p * (1.0 - p)).max(1e-9);
                for (i, row) in hess.iter_mut().enumerate() {
                    grad[i] += r * xs[i];
                    for (h, xj) in row.iter_mut().zip(&xs) {
                        *h += s * xs[i] * xj;
                    }
                }
            }
            for i in 1..D {
                grad[i] += ridge * w[i];
                hess[i][i] += ridge;
            }
            hess[0][0] += 1e-9;
            let step = solve(hess, grad);
            let mut change = 0.0f64;
            for i in 0..D {
                w[i] -= step[i];
                change = change.max(step[i].abs());
            }
            if change < 1e-6 {
                break;
            }
        }
        let mut weights = [0.0f32; N];
        for i in 0..N {
            weights[i] = w[i + 1] as f32;
        }
        Model {
            name: name.to_string(),
            bias: w[0] as f32,
            weights,
        }
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> [f64; D] {
    for c in 0..D {
        let p = (c..D)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        let pivot = a[c];
        let bc = b[c];
        for (r, row) in a.iter_mut().enumerate() {
            if r != c {
                let k = row[c] / d;
                if k != 0.0 {
                    for (x, p) in row.iter_mut().zip(&pivot).skip(c) {
                        *x -= k * p;
                    }
                    b[r] -= k * bc;
                }
            }
        }
    }
    let mut x = [0.0; D];
    for i in 0..D {
        if a[i][i].abs() > 1e-12 {
            x[i] = b[i] / a[i][i];
        }
    }
    x
}

/// The longest run of words two sequences share, given each as `(word,
/// position)` sorted ([`by_word`](super::claims::by_word); `keys` is scratch
/// space). Only the positions where the words match are visited: each match
/// `(i, j)` becomes a key ordered by diagonal `j - i` then `i`, so a run is a
/// stretch of consecutive keys.
fn common_run(a: &[(u32, u32)], b: &[(u32, u32)], keys: &mut Vec<u64>) -> usize {
    keys.clear();
    let offset = a.len() as u64;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = a[i].0;
                let ie = i + a[i..].iter().take_while(|x| x.0 == w).count();
                let je = j + b[j..].iter().take_while(|x| x.0 == w).count();
                for &(_, p) in &a[i..ie] {
                    for &(_, q) in &b[j..je] {
                        let diagonal = u64::from(q) + offset - u64::from(p);
                        keys.push((diagonal << 32) | u64::from(p));
                    }
                }
                (i, j) = (ie, je);
            }
        }
    }
    keys.sort_unstable();
    let (mut best, mut run) = (0, 0);
    for (k, &key) in keys.iter().enumerate() {
        run = if k > 0 && keys[k - 1] + 1 == key {
            run + 1
        } else {
            1
        };
        best = best.max(run);
    }
    best
}

/// `x · y` (the plain dot product: one sum, in order).
fn dot(x: &[f32], y: &[f32]) -> f32 {
    x.iter().zip(y).map(|(p, q)| p * q).sum::<f32>()
}

/// `[x0 · y0, …, x7 · y7]`, each summed in the order [`dot`] takes (so equal
/// to it bit for bit), the sums side by side: one dot product waits on each
/// addition in turn, eight independent ones keep the processor busy.
fn dot8(p: [(&[f32], &[f32]); 8]) -> [f32; 8] {
    let n = p[0].0.len();
    if p.iter().any(|(x, y)| x.len() != n || y.len() != n) {
        return p.map(|(x, y)| dot(x, y));
    }
    // (each sliced to `n`, so that the loop needs no bounds checks)
    let (x0, x1, x2, x3) = (&p[0].0[..n], &p[1].0[..n], &p[2].0[..n], &p[3].0[..n]);
    let (x4, x5, x6, x7) = (&p[4].0[..n], &p[5].0[..n], &p[6].0[..n], &p[7].0[..n]);
    let (y0, y1, y2, y3) = (&p[0].1[..n], &p[1].1[..n], &p[2].1[..n], &p[3].1[..n]);
    let (y4, y5, y6, y7) = (&p[4].1[..n], &p[5].1[..n], &p[6].1[..n], &p[7].1[..n]);
    let mut s = [-0.0f32; 8];
    for d in 0..n {
        s[0] += x0[d] * y0[d];
        s[1] += x1[d] * y1[d];
        s[2] += x2[d] * y2[d];
        s[3] += x3[d] * y3[d];
        s[4] += x4[d] * y4[d];
        s[5] += x5[d] * y5[d];
        s[6] += x6[d] * y6[d];
        s[7] += x7[d] * y7[d];
    }
    s
}

/// The dot product of each job `(n, x, y)`, given to `done(n, x · y)`, eight
/// at a time.
fn run_dots(jobs: &[(usize, &[f32], &[f32])], mut done: impl FnMut(usize, f32)) {
    let mut groups = jobs.chunks_exact(8);
    for g in &mut groups {
        let v = dot8(std::array::from_fn(|k| (g[k].1, g[k].2)));
        for (job, v) in g.iter().zip(v) {
            done(job.0, v);
        }
    }
    for &(n, x, y) in groups.remainder() {
        done(n, dot(x, y));
    }
}

/// The vector `k` of a statement: its sentence's (0), then its clauses'.
fn row<'a>(whole: &'a [f32], clauses: &[&'a [f32]], k: usize) -> &'a [f32] {
    if k == 0 { whole } else { clauses[k - 1] }
}

/// The `emb` and `clause` features of each pair (0 when a statement has no
/// embedding): the sentences' cosine, and the highest cosine between the
/// sentence or a clause of one and the sentence or a clause of the other (each
/// floored at 0).
fn embedding_features(c: &[Claim], pairs: &[(usize, usize)]) -> Vec<(f32, f32)> {
    let mut out = vec![(0.0f32, 0.0f32); pairs.len()];
    let mut jobs: Vec<(usize, &[f32], &[f32])> = pairs
        .iter()
        .enumerate()
        .filter_map(|(n, &(i, j))| Some((n, c[i].embedding?, c[j].embedding?)))
        .collect();
    run_dots(&jobs, |n, v| {
        let whole = v.max(0.0);
        out[n] = (whole, whole);
    });
    jobs.clear();
    for (n, &(i, j)) in pairs.iter().enumerate() {
        let (a, b) = (&c[i], &c[j]);
        let (Some(x), Some(y)) = (a.embedding, b.embedding) else {
            continue;
        };
        let (xc, yc) = (&a.clause_embeddings, &b.clause_embeddings);
        if xc.is_empty() && yc.is_empty() {
            continue;
        }
        for ka in 0..=xc.len() {
            for kb in 0..=yc.len() {
                if ka + kb > 0 {
                    jobs.push((n, row(x, xc, ka), row(y, yc, kb)));
                }
            }
        }
    }
    run_dots(&jobs, |n, v| out[n].1 = out[n].1.max(v.max(0.0)));
    out
}

/// Every embedding of a story's statements (each statement's sentence, then its
/// clauses) as the rows of one matrix, stored in blocks of [`LANES`] rows
/// element by element (element `d` of the block's rows side by side), so that
/// the dot products of one vector with a block are one sweep through memory
/// the processor does several lanes at a time, each lane summing in the order
/// [`dot`] takes (the same figures to the last bit).
struct Rows<'a> {
    dim: usize,
    /// Row `b * LANES + l`, element `d` at `(b * dim + d) * LANES + l` (the
    /// last block padded with zeros).
    t: Vec<f32>,
    /// Each statement's rows (empty without an embedding).
    of: Vec<std::ops::Range<usize>>,
    /// Each row's vector.
    vecs: Vec<&'a [f32]>,
}

/// Rows of a block.
const LANES: usize = 16;

impl<'a> Rows<'a> {
    /// The matrix of a story's embeddings; `None` without any, or when they
    /// are not all of one length.
    fn build(c: &[Claim<'a>]) -> Option<Rows<'a>> {
        let dim = c.iter().find_map(|x| x.embedding)?.len();
        let mut of = Vec::with_capacity(c.len());
        let mut vecs: Vec<&'a [f32]> = Vec::new();
        for x in c {
            let start = vecs.len();
            if let Some(e) = x.embedding {
                vecs.push(e);
                vecs.extend(x.clause_embeddings.iter().copied());
            }
            of.push(start..vecs.len());
        }
        Rows::new(dim, of, vecs)
    }

    /// The matrix of `vecs`, each of length `dim` (else `None`).
    fn new(dim: usize, of: Vec<std::ops::Range<usize>>, vecs: Vec<&'a [f32]>) -> Option<Self> {
        if vecs.iter().any(|r| r.len() != dim) {
            return None;
        }
        let mut t = vec![0.0f32; vecs.len().div_ceil(LANES) * LANES * dim];
        for (r, v) in vecs.iter().enumerate() {
            let (b, l) = (r / LANES, r % LANES);
            for (d, &x) in v.iter().enumerate() {
                t[(b * dim + d) * LANES + l] = x;
            }
        }
        Some(Rows { dim, t, of, vecs })
    }

    /// The dot products of rows `xs` with the blocks holding rows `lo..hi`:
    /// `out[k * w + (r - first)]` = row `xs.start + k` · row `r`, where `first`
    /// (returned) is the first row of `lo`'s block and `w` (returned) the rows
    /// of the blocks.
    fn products(
        &self,
        xs: std::ops::Range<usize>,
        lo: usize,
        hi: usize,
        out: &mut Vec<f32>,
    ) -> (usize, usize) {
        let blocks = lo / LANES..hi.div_ceil(LANES);
        let w = blocks.len() * LANES;
        out.clear();
        out.resize(xs.len() * w, 0.0);
        let size = self.dim * LANES;
        for (n, b) in blocks.clone().enumerate() {
            let block = &self.t[b * size..(b + 1) * size];
            for (k, x) in self.vecs[xs.clone()].iter().enumerate() {
                let mut acc = [-0.0f32; LANES];
                for (&xd, col) in x.iter().zip(block.chunks_exact(LANES)) {
                    for (a, &v) in acc.iter_mut().zip(col) {
                        *a += xd * v;
                    }
                }
                out[k * w + n * LANES..k * w + (n + 1) * LANES].copy_from_slice(&acc);
            }
        }
        (blocks.start * LANES, w)
    }
}

/// [`embedding_features`] by sweeps of the matrix: the pairs come sorted, so
/// those of one statement `i` are a run, and `i`'s rows are multiplied at once
/// with every row from its first partner's to its last's.
fn embedding_features_by_rows(
    rows: &Rows,
    pairs: &[(usize, usize)],
    buf: &mut Vec<f32>,
) -> Vec<(f32, f32)> {
    let mut out = vec![(0.0f32, 0.0f32); pairs.len()];
    let mut start = 0;
    while start < pairs.len() {
        let i = pairs[start].0;
        let end = start + pairs[start..].iter().take_while(|p| p.0 == i).count();
        let group = start..end;
        start = end;
        let xs = rows.of[i].clone();
        let partners = || pairs[group.clone()].iter().map(|&(_, j)| &rows.of[j]);
        let lo = partners().filter(|r| !r.is_empty()).map(|r| r.start).min();
        let hi = partners().filter(|r| !r.is_empty()).map(|r| r.end).max();
        let (Some(lo), Some(hi)) = (lo, hi) else {
            continue;
        };
        if xs.is_empty() {
            continue;
        }
        let (lo, w) = rows.products(xs.clone(), lo, hi, buf);
        for n in group.clone() {
            let ys = &rows.of[pairs[n].1];
            if ys.is_empty() {
                continue;
            }
            let whole = buf[ys.start - lo].max(0.0);
            let mut best = whole;
            if xs.len() > 1 || ys.len() > 1 {
                for k in 0..xs.len() {
                    for r in ys.clone() {
                        best = best.max(buf[k * w + r - lo].max(0.0));
                    }
                }
            }
            out[n] = (whole, best);
        }
    }
    out
}

/// The features that do not depend on the other candidates, given the
/// embedding ones ([`embedding_features`]; `keys` is scratch space).
fn pair_alone(a: &Claim, b: &Claim, emb: (f32, f32), keys: &mut Vec<u64>) -> PairFeatures {
    let mut f = PairFeatures::default();
    (f.0[EMB], f.0[CLAUSE]) = emb;
    f.0[LEX] = a.vec.dot(&b.vec);
    f.0[TERMS] = a.terms.dot(&b.terms);
    f.0[NAMED] = shared_count(&a.named, &b.named).min(3) as f32 / 3.0;
    let mut run = 0;
    for q in &a.quoted_by_word {
        run = run.max(common_run(q, &b.words_by_word, keys));
    }
    for q in &b.quoted_by_word {
        run = run.max(common_run(q, &a.words_by_word, keys));
    }
    f.0[QUOTE] = run.min(12) as f32 / 12.0;
    if !a.r.speakers.is_empty() && !b.r.speakers.is_empty() {
        let same = a.r.speakers.iter().any(|s| b.r.speakers.contains(s));
        f.0[if same { SPEAKER_SAME } else { SPEAKER_DIFF }] = 1.0;
    }
    let shorter = a.trigrams.len().min(b.trigrams.len());
    if shorter > 0 {
        let shared = shared_count(&a.trigrams, &b.trigrams);
        f.0[TRIGRAM] = shared as f32 / shorter as f32;
    }
    if !a.r.quantities.is_empty() && !b.r.quantities.is_empty() {
        let (same, differ) = quantities_agree(a, b);
        f.0[QTY_SAME] = same as u8 as f32;
        f.0[QTY_DIFF] = differ as u8 as f32;
    }
    f.0[POSITION] = (a.position - b.position).abs();
    f.0[SHORT] = (a.words.min(b.words) < 8) as u8 as f32;
    f
}

/// Whether the two give one figure alike (kind, unit, value), and whether they
/// give a figure of one kind and unit only with different values.
fn quantities_agree(a: &Claim, b: &Claim) -> (bool, bool) {
    type Values = (Vec<f64>, Vec<f64>);
    let mut by: BTreeMap<(QuantityKind, &str), Values> = BTreeMap::new();
    for q in &a.r.quantities {
        if let Some(v) = q.value {
            by.entry((q.kind, &q.unit)).or_default().0.push(v);
        }
    }
    for q in &b.r.quantities {
        if let Some(v) = q.value {
            by.entry((q.kind, &q.unit)).or_default().1.push(v);
        }
    }
    let (mut same, mut differ) = (false, false);
    for ((kind, _), (x, y)) in by {
        if x.is_empty() || y.is_empty() || kind == QuantityKind::Ordinal {
            continue;
        }
        if x.iter().any(|p| y.iter().any(|q| close(*p, *q))) {
            same = true;
        } else {
            differ = true;
        }
    }
    (same, differ)
}

/// Two values are one figure when within half a percent.
pub(crate) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs())
}

/// The base score candidates are ranked by before the model sees the pair.
fn base(f: &PairFeatures, embed: bool) -> f32 {
    let f = &f.0;
    if embed {
        f[EMB] + 0.5 * f[LEX] + 0.5 * f[QUOTE]
    } else {
        f[LEX] + 0.5 * f[QUOTE] + 0.3 * f[TRIGRAM]
    }
}

/// Candidate pairs `(i, j)`, `i < j`, of different outlets; and why the list is
/// incomplete, when it is.
fn candidates(story: &Story, opts: AlignOptions) -> (Vec<(usize, usize)>, Option<String>) {
    let c = &story.claims;
    let live: Vec<usize> = (0..c.len()).filter(|&i| c[i].comparable).collect();
    let embed = live.iter().any(|&i| c[i].embedding.is_some());
    let mut out = Vec::new();
    let mut truncated = None;
    let mut check = 0usize;
    let mut over_time = || -> bool {
        check += 1;
        check.is_multiple_of(4096) && opts.deadline.is_some_and(|d| std::time::Instant::now() > d)
    };
    let all_pairs: usize = {
        let mut per: HashMap<usize, usize> = HashMap::new();
        for &i in &live {
            *per.entry(c[i].outlet).or_default() += 1;
        }
        let total: usize = per.values().sum();
        per.values().map(|n| n * (total - n)).sum::<usize>() / 2
    };
    if embed && all_pairs <= opts.max_pairs {
        for (x, &i) in live.iter().enumerate() {
            for &j in &live[x + 1..] {
                if c[i].outlet != c[j].outlet {
                    out.push((i, j));
                }
            }
            if over_time() {
                truncated = Some("the time budget ran out while pairing statements".into());
                break;
            }
        }
        return (out, truncated);
    }
    // an inverted index over stems, actors and quoted-word trigrams
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in &live {
        let mut keys: Vec<u64> = c[i].vec.entries.iter().map(|e| e.0 as u64).collect();
        for q in &c[i].quoted {
            for w in q.windows(3) {
                let bytes: Vec<u8> = w.iter().flat_map(|x| x.to_le_bytes()).collect();
                keys.push(parallax_core::fnv1a64(&bytes) | (1 << 63));
            }
        }
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            postings.entry(k).or_default().push(i);
        }
    }
    let common = (live.len() / 3).max(8);
    let mut seen: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    let mut lists: Vec<&Vec<usize>> = postings.values().filter(|l| l.len() <= common).collect();
    lists.sort_by_key(|l| (l.len(), l.first().copied()));
    'outer: for l in lists {
        for (x, &i) in l.iter().enumerate() {
            for &j in &l[x + 1..] {
                if c[i].outlet != c[j].outlet && seen.insert((i.min(j), i.max(j))) {
                    out.push((i.min(j), i.max(j)));
                    if out.len() >= opts.max_pairs {
                        truncated = Some(format!(
                            "only the first {} candidate pairs of this story were compared",
                            opts.max_pairs
                        ));
                        break 'outer;
                    }
                }
            }
            if over_time() {
                truncated = Some("the time budget ran out while pairing statements".into());
                break 'outer;
            }
        }
    }
    out.sort_unstable();
    (out, truncated)
}

/// Every candidate pair with its features.
pub(crate) fn candidate_features(
    story: &Story,
    opts: AlignOptions,
) -> Vec<(usize, usize, PairFeatures)> {
    features_and_truncation(story, opts).0
}

fn features_and_truncation(
    story: &Story,
    opts: AlignOptions,
) -> (Vec<(usize, usize, PairFeatures)>, Option<String>) {
    let c = &story.claims;
    let (pairs, mut truncated) = candidates(story, opts);
    let embed = c.iter().any(|x| x.embedding.is_some());
    let mut keys = Vec::new();
    let rows = Rows::build(c);
    let mut buf = Vec::new();
    let mut out: Vec<(usize, usize, PairFeatures)> = Vec::with_capacity(pairs.len());
    // in blocks of 4096 pairs, the deadline checked before the last of each
    'blocks: for block in pairs.chunks(4096) {
        let emb = match &rows {
            Some(rows) => embedding_features_by_rows(rows, block, &mut buf),
            None => embedding_features(c, block),
        };
        for (k, (&(i, j), &e)) in block.iter().zip(&emb).enumerate() {
            if k == 4095 && opts.deadline.is_some_and(|d| std::time::Instant::now() > d) {
                truncated = Some("the time budget ran out while comparing statements".into());
                break 'blocks;
            }
            out.push((i, j, pair_alone(&c[i], &c[j], e, &mut keys)));
        }
    }
    // the best and second-best base score of each statement in each other
    // outlet, at `statement * outlets + outlet`
    let outlets = story.outlets.len().max(1);
    let mut top: Vec<(f32, f32)> = vec![(f32::MIN, f32::MIN); c.len() * outlets];
    let mut bump = |k: usize, s: f32| {
        let e = &mut top[k];
        if s > e.0 {
            *e = (s, e.0);
        } else if s > e.1 {
            e.1 = s;
        }
    };
    let bases: Vec<f32> = out.iter().map(|(_, _, f)| base(f, embed)).collect();
    for (&(i, j, _), &s) in out.iter().zip(&bases) {
        bump(i * outlets + c[j].outlet, s);
        bump(j * outlets + c[i].outlet, s);
    }
    for ((i, j, f), s) in out.iter_mut().zip(bases) {
        let ti = top[*i * outlets + c[*j].outlet];
        let tj = top[*j * outlets + c[*i].outlet];
        let best_i = s >= ti.0;
        let best_j = s >= tj.0;
        f.0[MUTUAL] = (best_i && best_j) as u8 as f32;
        f.0[BEST] = (best_i || best_j) as u8 as f32;
        let mi = s - if best_i { ti.1.max(0.0) } else { ti.0 };
        let mj = s - if best_j { tj.1.max(0.0) } else { tj.0 };
        f.0[MARGIN] = mi.min(mj).clamp(-0.3, 0.3);
    }
    (out, truncated)
}

/// Same-fact probabilities of a story's candidate pairs.
pub(crate) struct Scored {
    /// `(i, j)`, `i < j`, with its probability, sorted by `(i, j)`.
    pub p: Vec<((usize, usize), f32)>,
    /// Each statement's most probable candidate in another outlet, by statement.
    pub closest: Vec<Option<(usize, f32)>>,
    /// Pairs that are near-identical text.
    pub wire: std::collections::HashSet<(usize, usize)>,
    pub truncated: Option<String>,
}

impl Scored {
    /// The probability of a pair (0 when it was no candidate).
    pub fn get(&self, i: usize, j: usize) -> f32 {
        probability_of(&self.p, i, j)
    }
}

/// The probability of pair `(i, j)` in `p` (`(i, j)` with `i < j`, sorted by
/// pair); 0 when it is not there.
pub(crate) fn probability_of(p: &[((usize, usize), f32)], i: usize, j: usize) -> f32 {
    let k = (i.min(j), i.max(j));
    p.binary_search_by(|(x, _)| x.cmp(&k))
        .map_or(0.0, |n| p[n].1)
}

/// Scores every candidate pair of the story.
pub(crate) fn score_story(story: &Story, model: &Model, opts: AlignOptions) -> Scored {
    let (feats, truncated) = features_and_truncation(story, opts);
    let mut p = Vec::with_capacity(feats.len());
    let mut closest: Vec<Option<(usize, f32)>> = vec![None; story.claims.len()];
    let mut wire = std::collections::HashSet::new();
    for (i, j, f) in &feats {
        let s = (model.probability(f) * 10_000.0).round() / 10_000.0;
        p.push(((*i, *j), s));
        for (x, y) in [(*i, *j), (*j, *i)] {
            let e = closest[x].get_or_insert((y, f32::MIN));
            if s > e.1 || (s == e.1 && y < e.0) {
                *e = (y, s);
            }
        }
        // near-identical wording of a sentence of some length: wire copy (in the
        // outlets' own words: quoting one speaker alike is no copy)
        let (a, b) = (&story.claims[*i], &story.claims[*j]);
        let shorter = a.own_trigrams.len().min(b.own_trigrams.len());
        if f.0[TRIGRAM] >= 0.8
            && a.own_words.min(b.own_words) >= 12
            && shorter > 0
            && shared_count(&a.own_trigrams, &b.own_trigrams) as f32 >= 0.8 * shorter as f32
        {
            wire.insert((*i, *j));
        }
    }
    // (candidates come sorted; the deadline may only shorten the list)
    p.sort_unstable_by_key(|(k, _)| *k);
    Scored {
        p,
        closest,
        wire,
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::super::claims::by_word;
    use super::*;

    #[test]
    fn runs_and_models() {
        let w = |s: &str| by_word(&s.bytes().map(u32::from).collect::<Vec<_>>());
        let mut keys = Vec::new();
        assert_eq!(common_run(&w("abcd"), &w("xbcdy"), &mut keys), 3);
        assert_eq!(common_run(&w("a"), &w("b"), &mut keys), 0);
        assert_eq!(common_run(&w("abab"), &w("bababa"), &mut keys), 4);
        assert_eq!(common_run(&w("aaa"), &w("aaaa"), &mut keys), 3);
        assert_eq!(common_run(&w(""), &w("b"), &mut keys), 0);
        assert_eq!(common_run(&w("xyzab"), &w("abqxyz"), &mut keys), 3);
        let m = Model::parse("lexical\tbias\t-2\nlexical\tlex\t4\n").unwrap();
        let mut f = PairFeatures::default();
        f.set("lex", 0.5);
        assert!((m[0].probability(&f) - 0.5).abs() < 1e-6);
        assert!(Model::parse("x\tnope\t1\n").unwrap_err().contains("line 1"));
        let back = Model::parse(&m[0].to_tsv()).unwrap();
        assert_eq!(back[0], m[0]);
        assert_eq!(Model::builtin(None).name, "lexical");
        assert_eq!(
            Model::builtin(Some("all-MiniLM-L6-v2")).name,
            "all-MiniLM-L6-v2"
        );
        assert_eq!(Model::builtin(Some("unknown")).name, "static-MiniLM-L6-v2");
    }

    /// The longest common run by the textbook table, to check the merge against.
    fn common_run_table(a: &[u32], b: &[u32]) -> usize {
        let mut best = 0;
        let mut prev = vec![0usize; b.len() + 1];
        let mut cur = vec![0usize; b.len() + 1];
        for x in a {
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
                best = best.max(cur[j + 1]);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        best
    }

    #[test]
    fn common_run_agrees_with_the_table() {
        let mut keys = Vec::new();
        let mut state = 12_345u32;
        let mut next = |m: u32| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) % m
        };
        for _ in 0..500 {
            let (la, lb, alphabet) = (next(20) as usize, next(30) as usize, 1 + next(6));
            let a: Vec<u32> = (0..la).map(|_| next(alphabet)).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(alphabet)).collect();
            assert_eq!(
                common_run(&by_word(&a), &by_word(&b), &mut keys),
                common_run_table(&a, &b),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn feature_indices_match_names() {
        let at = [
            (EMB, "emb"),
            (LEX, "lex"),
            (TERMS, "terms"),
            (CLAUSE, "clause"),
            (NAMED, "named"),
            (QUOTE, "quote"),
            (SPEAKER_SAME, "speaker_same"),
            (SPEAKER_DIFF, "speaker_diff"),
            (TRIGRAM, "trigram"),
            (QTY_SAME, "qty_same"),
            (QTY_DIFF, "qty_diff"),
            (MUTUAL, "mutual"),
            (BEST, "best"),
            (MARGIN, "margin"),
            (POSITION, "position"),
            (SHORT, "short"),
        ];
        assert_eq!(at.len(), FEATURES.len());
        for (i, name) in at {
            assert_eq!(FEATURES[i], name);
        }
    }

    /// `n` awkward values from `seed`, so that a different summation order would
    /// show.
    fn awkward(seed: u32, n: usize) -> Vec<f32> {
        (0..n)
            .map(|k| ((k as u32).wrapping_mul(2_654_435_761) ^ seed) % 1000)
            .map(|x| x as f32 / 997.0 - 0.49)
            .collect()
    }

    #[test]
    fn side_by_side_sums_equal_plain_dot_products() {
        let xs: Vec<Vec<f32>> = (0..8).map(|k| awkward(k, 37)).collect();
        let ys: Vec<Vec<f32>> = (8..16).map(|k| awkward(k, 37)).collect();
        let got = dot8(std::array::from_fn(|k| (&xs[k][..], &ys[k][..])));
        for k in 0..8 {
            assert_eq!(got[k].to_bits(), dot(&xs[k], &ys[k]).to_bits());
        }
        // nine jobs: a group of eight and one left over, each given once
        let jobs: Vec<(usize, &[f32], &[f32])> = (0..9)
            .map(|n| (n, &xs[n % 8][..], &ys[(n + 3) % 8][..]))
            .collect();
        let mut seen = [None; 9];
        run_dots(&jobs, |n, d| seen[n] = Some(d.to_bits()));
        for (n, x, y) in jobs {
            assert_eq!(seen[n], Some(dot(x, y).to_bits()));
        }
    }

    #[test]
    fn matrix_sweeps_equal_plain_dot_products() {
        let vs: Vec<Vec<f32>> = (0..40).map(|k| awkward(k, 23)).collect();
        let vecs: Vec<&[f32]> = vs.iter().map(|x| &x[..]).collect();
        let rows = Rows::new(23, vec![0..20, 20..40], vecs.clone()).unwrap();
        let mut buf = Vec::new();
        // rows 3..5 against 13..37 (not aligned to blocks, across two)
        let (first, w) = rows.products(3..5, 13, 37, &mut buf);
        for k in 0..2 {
            for r in 13..37 {
                let got = buf[k * w + r - first];
                assert_eq!(got.to_bits(), dot(vecs[3 + k], vecs[r]).to_bits());
            }
        }
        assert!(Rows::new(24, vec![0..20, 20..40], vecs).is_none());
    }

    #[test]
    fn fit_separates_a_separable_feature() {
        let mut data = Vec::new();
        for k in 0..200 {
            let mut f = PairFeatures::default();
            let y = k % 4 == 0;
            f.set(
                "lex",
                if y {
                    0.6 + (k % 7) as f32 * 0.05
                } else {
                    (k % 9) as f32 * 0.05
                },
            );
            data.push((f, y));
        }
        let m = Model::fit("lexical", &data, 0.01);
        let mut hi = PairFeatures::default();
        hi.set("lex", 0.8);
        let mut lo = PairFeatures::default();
        lo.set("lex", 0.1);
        assert!(
            m.probability(&hi) > 0.8 && m.probability(&lo) < 0.2,
            "{m:?}"
        );
    }
}
