//! The same-fact probability of two statements of different outlets.
//!
//! Candidate pairs (`candidate_features`): with embeddings, every cross-outlet
//! pair of comparable statements while the story is small enough; otherwise the
//! pairs that share a stem, an actor or quoted words (an inverted index; features
//! carried by a third of the story or more are too common to propose anything).
//! Each pair is described by [`FEATURES`] and scored by a logistic [`Model`]
//! whose weights are data (`data/same_fact.tsv`), fitted on the hand-made fact
//! gold by [`Model::fit`] (`parallax eval align --fit`).

use std::collections::{BTreeMap, HashMap};

use parallax_core::QuantityKind;

use super::AlignOptions;
use super::claims::{Claim, Story};

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

/// The features of one pair, in [`FEATURES`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairFeatures(pub [f32; N]);

impl PairFeatures {
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

/// The longest run of words `a` and `b` share.
fn common_run(a: &[String], b: &[String]) -> usize {
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

fn sentence_words(c: &Claim) -> Vec<String> {
    parallax_core::fold(&c.r.text)
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The features that do not depend on the other candidates.
fn pair_alone(a: &Claim, b: &Claim, wa: &[String], wb: &[String]) -> PairFeatures {
    let mut f = PairFeatures::default();
    let cos = |x: &[f32], y: &[f32]| x.iter().zip(y).map(|(p, q)| p * q).sum::<f32>().max(0.0);
    if let (Some(x), Some(y)) = (a.embedding, b.embedding) {
        let whole = cos(x, y);
        f.set("emb", whole);
        let mut best = whole;
        if !a.clause_embeddings.is_empty() || !b.clause_embeddings.is_empty() {
            let ca: Vec<&[f32]> = std::iter::once(x)
                .chain(a.clause_embeddings.iter().copied())
                .collect();
            let cb: Vec<&[f32]> = std::iter::once(y)
                .chain(b.clause_embeddings.iter().copied())
                .collect();
            for p in &ca {
                for q in &cb {
                    best = best.max(cos(p, q));
                }
            }
        }
        f.set("clause", best);
    }
    f.set("lex", a.vec.dot(&b.vec));
    f.set("terms", a.terms.dot(&b.terms));
    f.set(
        "named",
        a.named.intersection(&b.named).count().min(3) as f32 / 3.0,
    );
    let mut run = 0;
    for q in &a.quoted {
        run = run.max(common_run(q, wb));
    }
    for q in &b.quoted {
        run = run.max(common_run(q, wa));
    }
    f.set("quote", run.min(12) as f32 / 12.0);
    if !a.r.speakers.is_empty() && !b.r.speakers.is_empty() {
        let same = a.r.speakers.iter().any(|s| b.r.speakers.contains(s));
        f.set(if same { "speaker_same" } else { "speaker_diff" }, 1.0);
    }
    let shorter = a.trigrams.len().min(b.trigrams.len());
    if shorter > 0 {
        let shared = a.trigrams.intersection(&b.trigrams).count();
        f.set("trigram", shared as f32 / shorter as f32);
    }
    let (same, differ) = quantities_agree(a, b);
    f.set("qty_same", same as u8 as f32);
    f.set("qty_diff", differ as u8 as f32);
    f.set("position", (a.position - b.position).abs());
    f.set("short", (a.words.min(b.words) < 8) as u8 as f32);
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
    if embed {
        f.get("emb") + 0.5 * f.get("lex") + 0.5 * f.get("quote")
    } else {
        f.get("lex") + 0.5 * f.get("quote") + 0.3 * f.get("trigram")
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
                keys.push(parallax_core::fnv1a64(w.join(" ").as_bytes()) | (1 << 63));
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
    let words: Vec<Vec<String>> = c.iter().map(sentence_words).collect();
    let mut out: Vec<(usize, usize, PairFeatures)> = Vec::with_capacity(pairs.len());
    for (n, &(i, j)) in pairs.iter().enumerate() {
        if n % 4096 == 4095 && opts.deadline.is_some_and(|d| std::time::Instant::now() > d) {
            truncated = Some("the time budget ran out while comparing statements".into());
            break;
        }
        out.push((i, j, pair_alone(&c[i], &c[j], &words[i], &words[j])));
    }
    // the best and second-best base score of each statement in each other outlet
    let mut top: HashMap<(usize, usize), (f32, f32)> = HashMap::new();
    let mut bump = |k: (usize, usize), s: f32| {
        let e = top.entry(k).or_insert((f32::MIN, f32::MIN));
        if s > e.0 {
            *e = (s, e.0);
        } else if s > e.1 {
            e.1 = s;
        }
    };
    let bases: Vec<f32> = out.iter().map(|(_, _, f)| base(f, embed)).collect();
    for (&(i, j, _), &s) in out.iter().zip(&bases) {
        bump((i, c[j].outlet), s);
        bump((j, c[i].outlet), s);
    }
    for ((i, j, f), s) in out.iter_mut().zip(bases) {
        let ti = top[&(*i, c[*j].outlet)];
        let tj = top[&(*j, c[*i].outlet)];
        let best_i = s >= ti.0;
        let best_j = s >= tj.0;
        f.set("mutual", (best_i && best_j) as u8 as f32);
        f.set("best", (best_i || best_j) as u8 as f32);
        let mi = s - if best_i { ti.1.max(0.0) } else { ti.0 };
        let mj = s - if best_j { tj.1.max(0.0) } else { tj.0 };
        f.set("margin", mi.min(mj).clamp(-0.3, 0.3));
    }
    (out, truncated)
}

/// Same-fact probabilities of a story's candidate pairs.
pub(crate) struct Scored {
    /// `(i, j)`, `i < j` -> probability.
    pub p: HashMap<(usize, usize), f32>,
    /// Each statement's most probable candidate in another outlet.
    pub closest: HashMap<usize, (usize, f32)>,
    /// Pairs that are near-identical text.
    pub wire: std::collections::HashSet<(usize, usize)>,
    pub truncated: Option<String>,
}

impl Scored {
    /// The probability of a pair (0 when it was no candidate).
    pub fn get(&self, i: usize, j: usize) -> f32 {
        self.p.get(&(i.min(j), i.max(j))).copied().unwrap_or(0.0)
    }
}

/// Scores every candidate pair of the story.
pub(crate) fn score_story(story: &Story, model: &Model, opts: AlignOptions) -> Scored {
    let (feats, truncated) = features_and_truncation(story, opts);
    let mut p = HashMap::with_capacity(feats.len());
    let mut closest: HashMap<usize, (usize, f32)> = HashMap::new();
    let mut wire = std::collections::HashSet::new();
    for (i, j, f) in &feats {
        let s = (model.probability(f) * 10_000.0).round() / 10_000.0;
        p.insert((*i, *j), s);
        for (x, y) in [(*i, *j), (*j, *i)] {
            let e = closest.entry(x).or_insert((y, f32::MIN));
            if s > e.1 || (s == e.1 && y < e.0) {
                *e = (y, s);
            }
        }
        // near-identical wording of a sentence of some length: wire copy (in the
        // outlets' own words: quoting one speaker alike is no copy)
        let (a, b) = (&story.claims[*i], &story.claims[*j]);
        let shorter = a.own_trigrams.len().min(b.own_trigrams.len());
        if f.get("trigram") >= 0.8
            && a.own_words.min(b.own_words) >= 12
            && shorter > 0
            && a.own_trigrams.intersection(&b.own_trigrams).count() as f32 >= 0.8 * shorter as f32
        {
            wire.insert((*i, *j));
        }
    }
    Scored {
        p,
        closest,
        wire,
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_models() {
        let w = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(common_run(&w("a b c d"), &w("x b c d y")), 3);
        assert_eq!(common_run(&w("a"), &w("b")), 0);
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
