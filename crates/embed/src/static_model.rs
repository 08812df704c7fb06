//! Static sentence embeddings: "Do these two sentences say the same thing, at
//! thousands of sentences a second?"
//!
//! [`StaticEmbedder`] keeps one fixed vector per vocabulary token. A sentence is
//! tokenised with the model's own `tokenizer.json` (no special tokens), and its
//! vector is the mean of its tokens' vectors, L2-normalised. No transformer runs, so
//! the cost is the tokenizer's: thousands of sentences a second on one core, against
//! tens for [`crate::Embedder`]. The token vectors carry their frequency weight
//! already (rare words count more; see [`crate::distill`], which makes them from
//! all-MiniLM-L6-v2 at install time).
//!
//! The directory layout is model2vec's (`config.json` with `"model_type":
//! "model2vec"`, `model.safetensors` with an `embeddings` matrix of vocabulary ×
//! dimensions, and `tokenizer.json`), so a model2vec model saved on disk loads too;
//! its optional `weights` (one per token) and `mapping` (token id → row) tensors
//! are honoured.
//!
//! Useful for: ranking and pre-filtering candidate pairs over whole corpora.
//! Weaker than MiniLM at telling a paraphrase from a sentence on the same topic
//! (word order and context are gone; see docs/benchmarks.md for MSRP figures).

use std::path::{Path, PathBuf};

use candle_core::{DType, Device};
use tokenizers::Tokenizer;

use crate::{EmbedError, find_dir};

/// Where `scripts/install-model` puts the static model, relative to the checkout.
pub const DEFAULT_STATIC_DIR: &str = "models/static-MiniLM-L6-v2";
/// The environment variable naming a static model directory.
pub const STATIC_MODEL_DIR_ENV: &str = "PARALLAX_STATIC_MODEL_DIR";
/// The files a static model directory must hold.
pub const STATIC_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];
/// The `model_type` of a static model's `config.json`.
pub const STATIC_MODEL_TYPE: &str = "model2vec";
/// Below this many sentences, [`StaticEmbedder::embed`] stays on the calling thread.
const PARALLEL_FROM: usize = 512;

/// True when `dir` holds the files of [`STATIC_FILES`] and its `config.json` says
/// `"model_type": "model2vec"` (an all-MiniLM-L6-v2 directory holds files of the
/// same names, so the names alone do not tell).
pub fn is_static_dir(dir: &Path) -> bool {
    STATIC_FILES.iter().all(|f| dir.join(f).is_file())
        && std::fs::read_to_string(dir.join("config.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .is_some_and(|v| v["model_type"] == STATIC_MODEL_TYPE)
}

/// Finds the static model directory as [`crate::find_model_dir`] finds MiniLM's:
/// `explicit`, else `$PARALLAX_STATIC_MODEL_DIR`, else [`DEFAULT_STATIC_DIR`] under
/// the current directory, the executable's or this crate's checkout.
pub fn find_static_dir(explicit: Option<&Path>) -> Result<PathBuf, EmbedError> {
    find_dir(
        explicit,
        STATIC_MODEL_DIR_ENV,
        DEFAULT_STATIC_DIR,
        &STATIC_FILES,
        is_static_dir,
    )
}

/// A loaded static model: a tokenizer and a matrix of token vectors.
pub struct StaticEmbedder {
    tokenizer: Tokenizer,
    /// Row-major, `rows` × `dim`.
    vectors: Vec<f32>,
    /// Token id → row of `vectors` (identity when the model has no mapping).
    mapping: Option<Vec<u32>>,
    /// One weight per token id, when the model has them.
    weights: Option<Vec<f32>>,
    /// Ids never counted (the tokenizer's unknown token).
    skip: Option<u32>,
    rows: usize,
    dim: usize,
    normalize: bool,
    dir: PathBuf,
}

impl std::fmt::Debug for StaticEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticEmbedder")
            .field("dir", &self.dir)
            .field("rows", &self.rows)
            .field("dim", &self.dim)
            .finish()
    }
}

impl StaticEmbedder {
    /// Loads the model files of `dir` (see [`STATIC_FILES`]).
    pub fn load(dir: &Path) -> Result<StaticEmbedder, EmbedError> {
        let bad = |path: &Path, message: String| EmbedError::BadModel {
            path: path.to_path_buf(),
            message,
        };
        if !STATIC_FILES.iter().all(|f| dir.join(f).is_file()) {
            return Err(EmbedError::NotInstalled {
                searched: vec![dir.to_path_buf()],
                env: STATIC_MODEL_DIR_ENV,
                files: &STATIC_FILES,
            });
        }
        let config_path = dir.join("config.json");
        let config: serde_json::Value = std::fs::read_to_string(&config_path)
            .map_err(|e| bad(&config_path, e.to_string()))
            .and_then(|t| serde_json::from_str(&t).map_err(|e| bad(&config_path, e.to_string())))?;
        if config["model_type"] != STATIC_MODEL_TYPE {
            return Err(bad(
                &config_path,
                format!("not a static model (model_type is not \"{STATIC_MODEL_TYPE}\")"),
            ));
        }
        let normalize = config["normalize"].as_bool().unwrap_or(true);

        let tok_path = dir.join("tokenizer.json");
        let mut tokenizer =
            Tokenizer::from_file(&tok_path).map_err(|e| bad(&tok_path, e.to_string()))?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| bad(&tok_path, e.to_string()))?;
        tokenizer.with_padding(None);
        let skip = tokenizer.token_to_id("[UNK]");

        let path = dir.join("model.safetensors");
        let mut tensors = candle_core::safetensors::load(&path, &Device::Cpu)
            .map_err(|e| bad(&path, e.to_string()))?;
        let emb = tensors
            .remove("embeddings")
            .ok_or_else(|| bad(&path, "no tensor named \"embeddings\"".to_string()))?;
        let (rows, dim) = emb
            .dims2()
            .map_err(|e| bad(&path, format!("embeddings: {e}")))?;
        if rows == 0 || dim == 0 {
            return Err(bad(&path, format!("embeddings are {rows} × {dim}")));
        }
        let vectors = emb
            .to_dtype(DType::F32)
            .and_then(|t| t.flatten_all())
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(|e| bad(&path, format!("embeddings: {e}")))?;
        if vectors.iter().any(|x| !x.is_finite()) {
            return Err(bad(&path, "embeddings hold NaN or infinity".to_string()));
        }
        let vocab = tokenizer.get_vocab_size(true);
        let mapping = match tensors.remove("mapping") {
            None => None,
            Some(t) => {
                let m = t
                    .to_dtype(DType::I64)
                    .and_then(|t| t.flatten_all())
                    .and_then(|t| t.to_vec1::<i64>())
                    .map_err(|e| bad(&path, format!("mapping: {e}")))?;
                if m.iter().any(|&r| r < 0 || r as usize >= rows) {
                    return Err(bad(&path, format!("mapping points outside {rows} rows")));
                }
                Some(m.into_iter().map(|r| r as u32).collect::<Vec<_>>())
            }
        };
        let ids = mapping.as_ref().map_or(rows, Vec::len);
        if ids < vocab {
            return Err(bad(
                &path,
                format!("{ids} token vectors for a tokenizer of {vocab} tokens"),
            ));
        }
        let weights = match tensors.remove("weights") {
            None => None,
            Some(t) => {
                let w = t
                    .to_dtype(DType::F32)
                    .and_then(|t| t.flatten_all())
                    .and_then(|t| t.to_vec1::<f32>())
                    .map_err(|e| bad(&path, format!("weights: {e}")))?;
                if w.len() < vocab || w.iter().any(|x| !x.is_finite()) {
                    return Err(bad(&path, "weights do not fit the vocabulary".to_string()));
                }
                Some(w)
            }
        };
        Ok(StaticEmbedder {
            tokenizer,
            vectors,
            mapping,
            weights,
            skip,
            rows,
            dim,
            normalize,
            dir: dir.to_path_buf(),
        })
    }

    /// Finds the static model ([`find_static_dir`]) and loads it.
    pub fn locate(explicit: Option<&Path>) -> Result<StaticEmbedder, EmbedError> {
        StaticEmbedder::load(&find_static_dir(explicit)?)
    }

    /// Dimensions of an embedding.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The directory the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Embeds sentences, each a vector of [`StaticEmbedder::dim`] floats
    /// (L2-normalised unless the model's config says otherwise), in the order
    /// given. A sentence with no known token (empty, or only unknown characters)
    /// gets the zero vector, whose cosine with anything is 0. Large inputs are
    /// split across the machine's cores.
    pub fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if sentences.len() < PARALLEL_FROM || threads < 2 {
            return sentences.iter().map(|s| self.embed_one(s)).collect();
        }
        let chunk = sentences.len().div_ceil(threads);
        let parts: Vec<Result<Vec<Vec<f32>>, EmbedError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = sentences
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(|s| self.embed_one(s)).collect()))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(EmbedError::Inference("an embedding thread panicked".into()))
                    })
                })
                .collect()
        });
        let mut out = Vec::with_capacity(sentences.len());
        for p in parts {
            out.extend(p?);
        }
        Ok(out)
    }

    fn embed_one(&self, sentence: &str) -> Result<Vec<f32>, EmbedError> {
        let enc = self
            .tokenizer
            .encode_fast(sentence, false)
            .map_err(|e| EmbedError::Inference(e.to_string()))?;
        let mut v = vec![0.0f32; self.dim];
        let mut count = 0usize;
        for &id in enc.get_ids() {
            if Some(id) == self.skip {
                continue;
            }
            let row = match &self.mapping {
                Some(m) => m.get(id as usize).copied(),
                None => Some(id),
            };
            let Some(row) = row.map(|r| r as usize).filter(|&r| r < self.rows) else {
                continue;
            };
            let w = self
                .weights
                .as_ref()
                .and_then(|w| w.get(id as usize))
                .copied()
                .unwrap_or(1.0);
            let src = &self.vectors[row * self.dim..(row + 1) * self.dim];
            for (o, x) in v.iter_mut().zip(src) {
                *o += w * x;
            }
            count += 1;
        }
        if count == 0 {
            return Ok(v);
        }
        let scale = if self.normalize {
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 { 1.0 / norm } else { 0.0 }
        } else {
            1.0 / count as f32
        };
        v.iter_mut().for_each(|x| *x *= scale);
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A tiny model written by hand: a WordPiece vocabulary of six tokens and
    /// two-dimensional vectors.
    fn tiny_model(dir: &Path, config: &str) {
        std::fs::create_dir_all(dir).unwrap();
        let tokenizer = r###"{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],
            "normalizer":{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true},
            "pre_tokenizer":{"type":"BertPreTokenizer"},"post_processor":null,"decoder":null,
            "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":100,
            "vocab":{"[UNK]":0,"cat":1,"dog":2,"car":3,"##s":4,"the":5}}}"###;
        std::fs::write(dir.join("tokenizer.json"), tokenizer).unwrap();
        std::fs::write(dir.join("config.json"), config).unwrap();
        let emb: Vec<f32> = vec![
            9.0, 9.0, // [UNK], never counted
            1.0, 0.1, // cat
            0.9, 0.2, // dog
            0.0, 1.0, // car
            0.0, 0.0, // ##s
            0.1, 0.1, // the
        ];
        let t = candle_core::Tensor::from_vec(emb, (6, 2), &Device::Cpu).unwrap();
        let map: HashMap<String, candle_core::Tensor> = [("embeddings".to_string(), t)].into();
        candle_core::safetensors::save(&map, dir.join("model.safetensors")).unwrap();
    }

    #[test]
    fn mean_of_token_vectors_normalised() {
        let dir = std::env::temp_dir().join(format!("parallax-static-{}", std::process::id()));
        tiny_model(&dir, r#"{"model_type":"model2vec","normalize":true}"#);
        assert!(is_static_dir(&dir));
        let m = StaticEmbedder::load(&dir).unwrap();
        assert_eq!(m.dim(), 2);
        let v = m.embed(&["The cats", "the dog", "car", "", "???"]).unwrap();
        // "the cats" = the + cat + ##s = (1.1, 0.2), normalised.
        let n = (1.1f32 * 1.1 + 0.2 * 0.2).sqrt();
        assert!((v[0][0] - 1.1 / n).abs() < 1e-5 && (v[0][1] - 0.2 / n).abs() < 1e-5);
        assert!(crate::cosine(&v[0], &v[1]) > crate::cosine(&v[0], &v[2]));
        // Nothing known: the zero vector, not NaN and not [UNK]'s vector.
        assert_eq!(v[3], vec![0.0, 0.0]);
        assert_eq!(v[4], vec![0.0, 0.0]);
        // Many sentences (split across threads) give the same vectors in order.
        let many: Vec<&str> = (0..1500).map(|i| ["cat", "car", "dog"][i % 3]).collect();
        let vm = m.embed(&many).unwrap();
        assert_eq!(vm.len(), 1500);
        let one = m.embed(&["cat", "car", "dog"]).unwrap();
        for (i, x) in vm.iter().enumerate() {
            assert_eq!(x, &one[i % 3]);
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_minilm_directory_is_not_a_static_model() {
        let dir = std::env::temp_dir().join(format!("parallax-static-bert-{}", std::process::id()));
        tiny_model(&dir, r#"{"model_type":"bert","hidden_size":384}"#);
        assert!(!is_static_dir(&dir));
        let e = StaticEmbedder::load(&dir).unwrap_err();
        assert!(e.to_string().contains("not a static model"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn missing_and_broken_models_are_clear_errors() {
        let dir = std::env::temp_dir().join("parallax-static-no-model-here");
        let e = find_static_dir(Some(&dir)).unwrap_err().to_string();
        assert!(e.contains("scripts/install-model"), "{e}");
        assert!(e.contains(STATIC_MODEL_DIR_ENV), "{e}");
        let dir = std::env::temp_dir().join(format!("parallax-static-bad-{}", std::process::id()));
        tiny_model(&dir, r#"{"model_type":"model2vec"}"#);
        std::fs::write(dir.join("model.safetensors"), b"not a model").unwrap();
        let e = StaticEmbedder::load(&dir).unwrap_err();
        assert!(matches!(e, EmbedError::BadModel { .. }), "{e}");
        assert!(e.to_string().contains("model.safetensors"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
