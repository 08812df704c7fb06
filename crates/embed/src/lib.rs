//! Sentence embeddings: "Do these two sentences say the same thing in other words?"
//!
//! Two encoders, one shape (`embed(&[&str]) -> Vec<Vec<f32>>`, `dim()`):
//!
//! - [`Embedder`] runs sentence-transformers' all-MiniLM-L6-v2 (a 6-layer BERT,
//!   384 dimensions, Apache-2.0) on the CPU with candle, in pure Rust: WordPiece
//!   tokens from the model's `tokenizer.json`, the encoder, masked mean pooling and
//!   L2 normalisation, as sentence-transformers does. Tens of sentences a second on
//!   two cores.
//! - [`StaticEmbedder`] (module `static_model`) keeps one vector per token and
//!   averages them: no transformer at run time, thousands of sentences a second on
//!   one core. Its vectors are distilled from MiniLM by [`distill`] at install
//!   time. On MSRP it scores as MiniLM does (docs/benchmarks.md).
//!
//! [`SentenceModel`] holds either, chosen by what a model directory holds. Models
//! are read from local directories ([`find_model_dir`], [`find_static_dir`]);
//! nothing is ever downloaded at run time (`scripts/install-model` puts the files
//! in `models/all-MiniLM-L6-v2/` and distils `models/static-MiniLM-L6-v2/`).
//! [`msrp`] scores any encoder on the Microsoft Research Paraphrase Corpus.
//!
//! Useful for: paraphrases ("Colombia halted Israeli weapons purchases" and
//! "Bogotá stopped buying Israeli arms" share one word and score 0.78–0.79 with
//! either model). Not useful for: deciding whether two statements agree (negations
//! and different figures still score high), or long texts (MiniLM cuts input at
//! 256 word pieces; the static model reads all of it but loses word order).

#![warn(missing_docs)]

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::Tokenizer;

pub mod distill;
pub mod msrp;
mod static_model;

pub use static_model::{
    DEFAULT_STATIC_DIR, STATIC_FILES, STATIC_MODEL_DIR_ENV, StaticEmbedder, find_static_dir,
    is_static_dir,
};

/// Where `scripts/install-model` puts the model, relative to the checkout.
pub const DEFAULT_MODEL_DIR: &str = "models/all-MiniLM-L6-v2";
/// The environment variable naming a model directory.
pub const MODEL_DIR_ENV: &str = "PARALLAX_MODEL_DIR";
/// The files a model directory must hold.
pub const MODEL_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];
/// Longest input in word pieces (the model was trained on 256; longer is cut).
pub const MAX_TOKENS: usize = 256;
/// Sentences run through the encoder at once (after sorting by length).
pub const BATCH: usize = 32;

/// Why sentences could not be embedded.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error(
        "the sentence-embedding model is not installed (looked in {}); install it with `bash scripts/install-model` from the parallax checkout, or point --model-dir / {} at a directory holding {}",
        list(.searched), .env, .files.join(", ")
    )]
    /// The model files are in none of the places looked in.
    NotInstalled {
        /// The directories looked in.
        searched: Vec<PathBuf>,
        /// The environment variable that names such a directory.
        env: &'static str,
        /// The files such a directory must hold.
        files: &'static [&'static str],
    },
    /// A model file could not be read or loaded.
    #[error("{}: {message}", .path.display())]
    BadModel {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The model failed on the sentences.
    #[error("embedding failed: {0}")]
    Inference(String),
}

fn list(p: &[PathBuf]) -> String {
    p.iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when `dir` holds every file of [`MODEL_FILES`].
pub fn is_model_dir(dir: &Path) -> bool {
    MODEL_FILES.iter().all(|f| dir.join(f).is_file())
}

/// Finds the model directory: `explicit` (a `--model-dir` flag) when given, else
/// `$PARALLAX_MODEL_DIR` when set, else [`DEFAULT_MODEL_DIR`] under the current
/// directory or one of its parents, under a parent of the running executable
/// (`target/release/parallax` in a checkout), or in the checkout this crate was
/// built from. An explicit or environment path must hold the model: it is never
/// silently replaced by another.
pub fn find_model_dir(explicit: Option<&Path>) -> Result<PathBuf, EmbedError> {
    find_dir(
        explicit,
        MODEL_DIR_ENV,
        DEFAULT_MODEL_DIR,
        &MODEL_FILES,
        is_model_dir,
    )
}

/// The search of [`find_model_dir`], for any kind of model directory.
pub(crate) fn find_dir(
    explicit: Option<&Path>,
    env_var: &'static str,
    default: &str,
    files: &'static [&'static str],
    is_dir: fn(&Path) -> bool,
) -> Result<PathBuf, EmbedError> {
    let not_installed = |searched| EmbedError::NotInstalled {
        searched,
        env: env_var,
        files,
    };
    let env = std::env::var_os(env_var).filter(|v| !v.is_empty());
    if let Some(dir) = explicit.map(Path::to_path_buf).or(env.map(PathBuf::from)) {
        return if is_dir(&dir) {
            Ok(dir)
        } else {
            Err(not_installed(vec![dir]))
        };
    }
    let mut searched = Vec::new();
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        roots.extend(cwd.ancestors().map(Path::to_path_buf));
    }
    if let Some(exe) = std::env::current_exe()
        .ok()
        .and_then(|e| e.canonicalize().ok())
    {
        roots.extend(exe.ancestors().skip(1).map(Path::to_path_buf));
    }
    roots.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    for root in roots {
        let dir = root.join(default);
        if is_dir(&dir) {
            return Ok(dir);
        }
        if !searched.contains(&dir) {
            searched.push(dir);
        }
    }
    // Name the first and last places only: the list of parents is long.
    if searched.len() > 2 {
        searched = vec![searched[0].clone(), searched[searched.len() - 1].clone()];
    }
    Err(not_installed(searched))
}

/// A loaded all-MiniLM-L6-v2 encoder. Loading takes about a second (90 MB of
/// weights).
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
    dir: PathBuf,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dir", &self.dir)
            .field("dim", &self.dim)
            .finish()
    }
}

impl Embedder {
    /// Loads the model files of `dir` (see [`MODEL_FILES`]).
    pub fn load(dir: &Path) -> Result<Embedder, EmbedError> {
        let bad = |path: PathBuf, message: String| EmbedError::BadModel { path, message };
        if !is_model_dir(dir) {
            return Err(EmbedError::NotInstalled {
                searched: vec![dir.to_path_buf()],
                env: MODEL_DIR_ENV,
                files: &MODEL_FILES,
            });
        }
        let config_path = dir.join("config.json");
        let config_text = std::fs::read_to_string(&config_path)
            .map_err(|e| bad(config_path.clone(), e.to_string()))?;
        let config: Config = serde_json::from_str(&config_text)
            .map_err(|e| bad(config_path.clone(), e.to_string()))?;
        if config.hidden_size == 0 || config.max_position_embeddings == 0 {
            return Err(bad(config_path, "hidden_size is 0".to_string()));
        }
        let tok_path = dir.join("tokenizer.json");
        let mut tokenizer =
            Tokenizer::from_file(&tok_path).map_err(|e| bad(tok_path.clone(), e.to_string()))?;
        let max = MAX_TOKENS.min(config.max_position_embeddings);
        tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length: max,
                ..Default::default()
            }))
            .map_err(|e| bad(tok_path.clone(), e.to_string()))?;
        tokenizer.with_padding(None);
        let device = Device::Cpu;
        let weights = dir.join("model.safetensors");
        // SAFETY: the file is memory-mapped read-only; it must not be changed while
        // the embedder lives (the same contract as every safetensors loader).
        let vb = unsafe {
            VarBuilder::from_mmaped_safetensors(std::slice::from_ref(&weights), DType::F32, &device)
        }
        .map_err(|e| bad(weights.clone(), e.to_string()))?;
        let model = BertModel::load(vb, &config).map_err(|e| bad(weights, e.to_string()))?;
        Ok(Embedder {
            model,
            tokenizer,
            device,
            dim: config.hidden_size,
            dir: dir.to_path_buf(),
        })
    }

    /// Finds the model ([`find_model_dir`]) and loads it.
    pub fn locate(explicit: Option<&Path>) -> Result<Embedder, EmbedError> {
        Embedder::load(&find_model_dir(explicit)?)
    }

    /// Dimensions of an embedding (384 for MiniLM-L6).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The directory the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Embeds sentences, each an L2-normalised vector of [`Embedder::dim`] floats,
    /// in the order given. Sentences are sorted by length and run in batches of
    /// [`BATCH`], so little work is spent on padding; an empty sentence gets the
    /// embedding of the model's empty input (`[CLS] [SEP]`).
    pub fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let inf = |e: &dyn std::fmt::Display| EmbedError::Inference(e.to_string());
        let mut encoded = Vec::with_capacity(sentences.len());
        for s in sentences {
            let enc = self.tokenizer.encode(*s, true).map_err(|e| inf(&e))?;
            encoded.push(enc.get_ids().to_vec());
        }
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        order.sort_by_key(|&i| (encoded[i].len(), i));
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); sentences.len()];
        for chunk in order.chunks(BATCH) {
            let width = chunk.iter().map(|&i| encoded[i].len()).max().unwrap_or(0);
            if width == 0 {
                for &i in chunk {
                    out[i] = vec![0.0; self.dim];
                }
                continue;
            }
            let mut ids = Vec::with_capacity(chunk.len() * width);
            let mut mask = Vec::with_capacity(chunk.len() * width);
            for &i in chunk {
                let e = &encoded[i];
                ids.extend(e.iter().copied());
                ids.extend(std::iter::repeat_n(0u32, width - e.len()));
                mask.extend(std::iter::repeat_n(1u32, e.len()));
                mask.extend(std::iter::repeat_n(0u32, width - e.len()));
            }
            let rows = self
                .run(&ids, &mask, chunk.len(), width)
                .map_err(|e| inf(&e))?;
            for (&i, row) in chunk.iter().zip(rows) {
                out[i] = row;
            }
        }
        Ok(out)
    }

    /// The encoder's last hidden states for `n` unpadded inputs of `width` word
    /// pieces each (`ids` row after row): a tensor of shape (n, width, dim). The
    /// distillation of the static model ([`distill`]) runs every vocabulary token
    /// through this.
    pub(crate) fn hidden_states(
        &self,
        ids: &[u32],
        n: usize,
        width: usize,
    ) -> candle_core::Result<Tensor> {
        let ids = Tensor::from_slice(ids, (n, width), &self.device)?;
        let mask = ids.ones_like()?;
        let types = ids.zeros_like()?;
        self.model.forward(&ids, &types, Some(&mask))
    }

    /// The model's tokenizer (truncating at [`MAX_TOKENS`], no padding).
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// One padded batch through the encoder, pooled and normalised.
    fn run(
        &self,
        ids: &[u32],
        mask: &[u32],
        n: usize,
        width: usize,
    ) -> candle_core::Result<Vec<Vec<f32>>> {
        let ids = Tensor::from_slice(ids, (n, width), &self.device)?;
        let mask = Tensor::from_slice(mask, (n, width), &self.device)?;
        let types = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?; // (n, width, dim)
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (n, width, 1)
        let summed = hidden.broadcast_mul(&m)?.sum(1)?; // (n, dim)
        let counts = m.sum(1)?.clamp(1e-9, f64::MAX)?; // (n, 1)
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        mean.broadcast_div(&norm)?.to_vec2::<f32>()
    }
}

/// Which sentence encoder a [`SentenceModel`] looks for when no directory is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// all-MiniLM-L6-v2 through candle ([`Embedder`]), in [`DEFAULT_MODEL_DIR`].
    MiniLm,
    /// The static model ([`StaticEmbedder`]), in [`DEFAULT_STATIC_DIR`].
    Static,
}

/// Either encoder behind one `embed`: what a caller holds when the user picks the
/// model by its directory.
#[derive(Debug)]
pub enum SentenceModel {
    /// The transformer.
    MiniLm(Embedder),
    /// The static model distilled from it.
    Static(StaticEmbedder),
}

impl SentenceModel {
    /// Loads the model of `dir`, static when its `config.json` says so
    /// ([`is_static_dir`]), MiniLM otherwise.
    pub fn load(dir: &Path) -> Result<SentenceModel, EmbedError> {
        if is_static_dir(dir) {
            StaticEmbedder::load(dir).map(SentenceModel::Static)
        } else {
            Embedder::load(dir).map(SentenceModel::MiniLm)
        }
    }

    /// Loads `explicit` (a `--model-dir` flag) when given, else
    /// `$PARALLAX_MODEL_DIR` when set, whichever kind of model it holds; else the
    /// installed model of kind `default`, found as [`find_model_dir`] or
    /// [`find_static_dir`] find it.
    pub fn locate(
        explicit: Option<&Path>,
        default: ModelKind,
    ) -> Result<SentenceModel, EmbedError> {
        SentenceModel::load(&SentenceModel::find(explicit, default)?)
    }

    /// The directory [`SentenceModel::locate`] would load, found without loading
    /// it (a look at its files): for a caller that loads the model only when it
    /// first has sentences to embed.
    pub fn find(explicit: Option<&Path>, default: ModelKind) -> Result<PathBuf, EmbedError> {
        let env = std::env::var_os(MODEL_DIR_ENV).filter(|v| !v.is_empty());
        if let Some(dir) = explicit.map(Path::to_path_buf).or(env.map(PathBuf::from)) {
            if is_static_dir(&dir) || is_model_dir(&dir) {
                return Ok(dir);
            }
            return Err(EmbedError::NotInstalled {
                searched: vec![dir],
                env: MODEL_DIR_ENV,
                files: &MODEL_FILES,
            });
        }
        match default {
            ModelKind::MiniLm => find_model_dir(None),
            ModelKind::Static => find_static_dir(None),
        }
    }

    /// See [`Embedder::embed`] and [`StaticEmbedder::embed`].
    pub fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        match self {
            SentenceModel::MiniLm(m) => m.embed(sentences),
            SentenceModel::Static(m) => m.embed(sentences),
        }
    }

    /// Dimensions of the vectors.
    pub fn dim(&self) -> usize {
        match self {
            SentenceModel::MiniLm(m) => m.dim(),
            SentenceModel::Static(m) => m.dim(),
        }
    }

    /// The directory the model was loaded from.
    pub fn dir(&self) -> &Path {
        match self {
            SentenceModel::MiniLm(m) => m.dir(),
            SentenceModel::Static(m) => m.dir(),
        }
    }
}

/// Cosine similarity of two vectors (the dot product, for normalised embeddings);
/// 0 when either is zero or their lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_basics() {
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 2.0]).abs() < 1e-6);
        assert!((cosine(&[1.0, 1.0], &[-1.0, -1.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
        assert_eq!(cosine(&[1.0], &[1.0, 0.0]), 0.0);
    }

    #[test]
    fn missing_model_is_a_clear_error() {
        let dir = std::env::temp_dir().join("parallax-embed-no-model-here");
        let e = find_model_dir(Some(&dir)).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("scripts/install-model"), "{msg}");
        assert!(msg.contains("parallax-embed-no-model-here"), "{msg}");
        assert!(matches!(
            Embedder::load(&dir),
            Err(EmbedError::NotInstalled { .. })
        ));
    }

    #[test]
    fn broken_model_files_are_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join(format!("parallax-embed-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in MODEL_FILES {
            std::fs::write(dir.join(f), b"not a model").unwrap();
        }
        let e = Embedder::load(&dir).unwrap_err();
        assert!(matches!(e, EmbedError::BadModel { .. }), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
