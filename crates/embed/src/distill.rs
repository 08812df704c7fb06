//! Making the static model: "What does MiniLM make of each token on its own?"
//!
//! The method is model2vec's "distillation" (Tulkens and van Dongen, 2024),
//! written here from its description:
//!
//! 1. Every token of all-MiniLM-L6-v2's WordPiece vocabulary except the special
//!    ones (`[PAD]`, `[CLS]`, …, `[unused…]`) is run through the transformer as a
//!    sentence of its own (`[CLS] token [SEP]`); its vector is the transformer's
//!    output at the token ([`Pooling::Token`]; the mean of the three outputs, as
//!    sentence-transformers pools a sentence, scored the same on MSRP within noise).
//! 2. The token vectors are centred and rotated onto their principal components
//!    (PCA), keeping the first [`DistillOptions::pca_dims`].
//! 3. Each vector is scaled by a SIF weight `a / (a + p)` (Arora et al., 2017),
//!    where `p` is the token's probability under a Zipf law over its rank. The
//!    rank is the token's position in the vocabulary, which for BERT's
//!    vocabulary follows frequency closely after the single characters ("the" is
//!    the first word, then "of", "and", "in"…). Frequent tokens weigh little, rare
//!    ones about 1.
//!
//! The result is written in model2vec's layout (see [`crate::StaticEmbedder`]),
//! with MiniLM's own `tokenizer.json`. The `distill` binary of this crate runs it;
//! `scripts/install-model` calls that once at install time.

use std::path::Path;
use std::time::Instant;

use candle_core::{DType, Device, Tensor};

use crate::static_model::STATIC_MODEL_TYPE;
use crate::{EmbedError, Embedder};

/// How the transformer's three outputs for `[CLS] token [SEP]` become the token's
/// vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pooling {
    /// The mean of the three, as sentence-transformers pools a one-token sentence.
    Mean,
    /// The token's own output only.
    Token,
}

/// How [`distill`] builds the static model.
#[derive(Debug, Clone)]
pub struct DistillOptions {
    /// Principal components kept; `None` keeps the vectors as the transformer gave
    /// them (not even centred).
    pub pca_dims: Option<usize>,
    /// The SIF coefficient `a`; `None` weighs every token alike.
    pub sif_coefficient: Option<f64>,
    /// How each token's vector is read off the transformer.
    pub pooling: Pooling,
    /// Tokens run through the transformer at once.
    pub batch: usize,
}

impl Default for DistillOptions {
    /// The settings `scripts/install-model` uses: model2vec's PCA size and SIF
    /// coefficient, and the pooling of the best MSRP ROC-AUC of the variants tried
    /// (all within 0.01 of each other but for no SIF weights; see
    /// docs/benchmarks.md).
    fn default() -> Self {
        DistillOptions {
            pca_dims: Some(256),
            sif_coefficient: Some(1e-4),
            pooling: Pooling::Token,
            batch: 512,
        }
    }
}

/// What a distillation did.
#[derive(Debug, Clone)]
pub struct DistillReport {
    /// Vocabulary size (rows written).
    pub vocab: usize,
    /// Tokens run through the transformer (the rest are zero rows).
    pub tokens: usize,
    /// Dimensions of the vectors written.
    pub dim: usize,
    /// Seconds spent in the transformer.
    pub transformer_seconds: f64,
    /// Seconds spent in all.
    pub total_seconds: f64,
}

/// True for the tokens that get no vector of their own: the tokenizer's special
/// tokens and BERT's `[unusedN]` placeholders.
fn is_special(token: &str, specials: &[String]) -> bool {
    specials.iter().any(|s| s == token) || (token.starts_with("[unused") && token.ends_with(']'))
}

/// Distils the static model from the MiniLM `model` and writes it into `out`
/// (created if missing): `model.safetensors`, `tokenizer.json` (MiniLM's, copied
/// from `model.dir()`) and `config.json`. `progress` is called with (tokens done,
/// tokens in all) after each batch.
pub fn distill(
    model: &Embedder,
    out: &Path,
    opts: &DistillOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DistillReport, EmbedError> {
    let start = Instant::now();
    let inf = |e: &dyn std::fmt::Display| EmbedError::Inference(e.to_string());
    let tokenizer = model.tokenizer();
    let vocab_size = tokenizer.get_vocab_size(true);
    let specials: Vec<String> = tokenizer
        .get_added_tokens_decoder()
        .values()
        .filter(|t| t.special)
        .map(|t| t.content.clone())
        .collect();
    let id = |t: &str| {
        tokenizer
            .token_to_id(t)
            .ok_or_else(|| EmbedError::BadModel {
                path: model.dir().join("tokenizer.json"),
                message: format!("no {t} token"),
            })
    };
    let (cls, sep) = (id("[CLS]")?, id("[SEP]")?);
    let kept: Vec<u32> = (0..vocab_size as u32)
        .filter(|&i| {
            tokenizer
                .id_to_token(i)
                .is_some_and(|t| !is_special(&t, &specials))
        })
        .collect();
    if kept.is_empty() {
        return Err(EmbedError::BadModel {
            path: model.dir().join("tokenizer.json"),
            message: "no ordinary token in the vocabulary".into(),
        });
    }

    // 1. Every kept token through the transformer.
    let t0 = Instant::now();
    let mut rows: Vec<Tensor> = Vec::new();
    let batch = opts.batch.max(1);
    let mut done = 0;
    for chunk in kept.chunks(batch) {
        let ids: Vec<u32> = chunk.iter().flat_map(|&t| [cls, t, sep]).collect();
        let hidden = model
            .hidden_states(&ids, chunk.len(), 3)
            .map_err(|e| inf(&e))?;
        let pooled = match opts.pooling {
            Pooling::Mean => hidden.mean(1),
            Pooling::Token => hidden.narrow(1, 1, 1).and_then(|t| t.squeeze(1)),
        }
        .map_err(|e| inf(&e))?;
        rows.push(pooled);
        done += chunk.len();
        progress(done, kept.len());
    }
    let transformer_seconds = t0.elapsed().as_secs_f64();
    let x = Tensor::cat(&rows, 0).map_err(|e| inf(&e))?; // (kept, hidden)
    drop(rows);

    // 2. PCA.
    let x = match opts.pca_dims {
        None => x,
        Some(k) => pca(&x, k).map_err(|e| inf(&e))?,
    };
    let dim = x.dim(1).map_err(|e| inf(&e))?;
    let mut data = x.to_vec2::<f32>().map_err(|e| inf(&e))?;

    // 3. SIF weights by Zipf rank.
    if let Some(a) = opts.sif_coefficient {
        for (w, row) in sif_weights(data.len(), a).iter().zip(data.iter_mut()) {
            row.iter_mut().for_each(|v| *v *= *w as f32);
        }
    }

    // The full vocabulary, special tokens as zero rows.
    let mut full = vec![0.0f32; vocab_size * dim];
    for (&t, row) in kept.iter().zip(&data) {
        full[t as usize * dim..(t as usize + 1) * dim].copy_from_slice(row);
    }
    write(model, out, full, vocab_size, dim, kept.len(), opts)?;
    Ok(DistillReport {
        vocab: vocab_size,
        tokens: kept.len(),
        dim,
        transformer_seconds,
        total_seconds: start.elapsed().as_secs_f64(),
    })
}

fn write(
    model: &Embedder,
    out: &Path,
    full: Vec<f32>,
    vocab: usize,
    dim: usize,
    tokens: usize,
    opts: &DistillOptions,
) -> Result<(), EmbedError> {
    let io = |path: &Path, e: &dyn std::fmt::Display| EmbedError::BadModel {
        path: path.to_path_buf(),
        message: format!("cannot write: {e}"),
    };
    std::fs::create_dir_all(out).map_err(|e| io(out, &e))?;
    let emb = Tensor::from_vec(full, (vocab, dim), &Device::Cpu).map_err(|e| io(out, &e))?;
    let path = out.join("model.safetensors");
    emb.save_safetensors("embeddings", &path)
        .map_err(|e| io(&path, &e))?;
    let tok_src = model.dir().join("tokenizer.json");
    let tok_dst = out.join("tokenizer.json");
    std::fs::copy(&tok_src, &tok_dst).map_err(|e| io(&tok_dst, &e))?;
    let source = model
        .dir()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let config = serde_json::json!({
        "model_type": STATIC_MODEL_TYPE,
        "normalize": true,
        "hidden_dim": dim,
        "vocabulary": vocab,
        "distilled_tokens": tokens,
        "distilled_from": source,
        "distiller": concat!("parallax-embed ", env!("CARGO_PKG_VERSION")),
        "pooling": match opts.pooling { Pooling::Mean => "mean", Pooling::Token => "token" },
        "pca_dims": opts.pca_dims,
        "sif_coefficient": opts.sif_coefficient,
    });
    let path = out.join("config.json");
    let text = serde_json::to_string_pretty(&config).map_err(|e| io(&path, &e))?;
    std::fs::write(&path, text + "\n").map_err(|e| io(&path, &e))
}

/// SIF weights `a / (a + p(r))` for ranks 1..=n, where `p(r)` is Zipf's law,
/// `(1/r) / H(n)`.
pub fn sif_weights(n: usize, a: f64) -> Vec<f64> {
    let h: f64 = (1..=n).map(|r| 1.0 / r as f64).sum();
    (1..=n).map(|r| a / (a + 1.0 / (r as f64 * h))).collect()
}

/// Centres the rows of `x` (n × d) and projects them onto the first `k` principal
/// components (k is capped at d), largest variance first.
pub fn pca(x: &Tensor, k: usize) -> candle_core::Result<Tensor> {
    let x = x.to_dtype(DType::F64)?;
    let (n, d) = x.dims2()?;
    let k = k.min(d);
    let mean = x.mean_keepdim(0)?;
    let xc = x.broadcast_sub(&mean)?;
    let cov = (xc.t()?.matmul(&xc)? / n.max(1) as f64)?;
    let (values, vectors) = symmetric_eigen(cov.flatten_all()?.to_vec1::<f64>()?, d);
    let mut order: Vec<usize> = (0..d).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    // Components as columns of a d × k matrix.
    let mut comp = vec![0.0f64; d * k];
    for (j, &c) in order.iter().take(k).enumerate() {
        for i in 0..d {
            comp[i * k + j] = vectors[i * d + c];
        }
    }
    let comp = Tensor::from_vec(comp, (d, k), x.device())?;
    xc.matmul(&comp)?.to_dtype(DType::F32)?.contiguous()
}

/// Eigenvalues and eigenvectors of the symmetric `n` × `n` matrix `a` (row-major),
/// by cyclic Jacobi rotations. Returns the values and a row-major matrix whose
/// column `j` is the unit eigenvector of value `j`.
pub fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    assert_eq!(a.len(), n * n, "symmetric_eigen: not an {n} × {n} matrix");
    let mut v = vec![0.0f64; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    let total: f64 = a.iter().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|p| (p + 1..n).map(move |q| (p, q)))
            .map(|(p, q)| a[p * n + q] * a[p * n + q])
            .sum();
        if off <= 1e-24 * total || off == 0.0 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() <= f64::MIN_POSITIVE {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let values = (0..n).map(|i| a[i * n + i]).collect();
    (values, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_finds_eigenpairs() {
        let n = 5;
        // A symmetric matrix with known structure: B^T B.
        let b: Vec<f64> = (0..n * n)
            .map(|i| ((i * 7 + 3) % 11) as f64 - 5.0)
            .collect();
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] = (0..n).map(|k| b[k * n + i] * b[k * n + j]).sum();
            }
        }
        let (vals, vecs) = symmetric_eigen(a.clone(), n);
        for j in 0..n {
            let col: Vec<f64> = (0..n).map(|i| vecs[i * n + j]).collect();
            let norm: f64 = col.iter().map(|x| x * x).sum::<f64>().sqrt();
            assert!((norm - 1.0).abs() < 1e-9);
            for i in 0..n {
                let av: f64 = (0..n).map(|k| a[i * n + k] * col[k]).sum();
                assert!((av - vals[j] * col[i]).abs() < 1e-6, "A v != λ v");
            }
        }
    }

    #[test]
    fn pca_keeps_the_direction_of_most_variance() {
        // Points along (1, 1) with a little spread along (1, -1).
        let pts: Vec<f32> = (0..100)
            .flat_map(|i| {
                let t = i as f32 - 50.0;
                let e = if i % 2 == 0 { 0.1 } else { -0.1 };
                [t + e, t - e]
            })
            .collect();
        let x = Tensor::from_vec(pts, (100, 2), &Device::Cpu).unwrap();
        let p = pca(&x, 1).unwrap();
        assert_eq!(p.dims(), &[100, 1]);
        let v = p.flatten_all().unwrap().to_vec1::<f32>().unwrap();
        // Projections are centred and spread like t·√2.
        assert!(v.iter().sum::<f32>().abs() < 1e-2);
        assert!((v[99] - v[0]).abs() > 99.0 * 1.41 - 1.0);
    }

    #[test]
    fn sif_weighs_frequent_tokens_down() {
        let w = sif_weights(30_000, 1e-4);
        assert!(w[0] < 0.01, "{}", w[0]);
        assert!(w[29_999] > 0.9);
        assert!(w.windows(2).all(|p| p[0] <= p[1]));
    }

    #[test]
    fn special_tokens_get_no_vector() {
        let specials = vec!["[CLS]".to_string(), "[PAD]".to_string()];
        assert!(is_special("[CLS]", &specials));
        assert!(is_special("[unused12]", &specials));
        assert!(!is_special("the", &specials));
        assert!(!is_special("[", &specials));
    }
}
