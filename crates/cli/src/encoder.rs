//! The sentence encoder of `--align embed`: parallax-embed's model (MiniLM by
//! default; the static model when `--model-dir` names one) behind
//! parallax-compare's `SentenceEncoder`, timing its own work.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use parallax_embed::{EmbedError, ModelKind, SentenceModel};

use crate::cli::ModelArgs;

pub struct Encoder {
    inner: SentenceModel,
    spent: Mutex<Duration>,
}

impl Encoder {
    pub fn locate(args: &ModelArgs) -> Result<Encoder, EmbedError> {
        Ok(Encoder {
            inner: SentenceModel::locate(args.model_dir.as_deref(), ModelKind::Static)?,
            spent: Mutex::new(Duration::ZERO),
        })
    }

    /// Seconds spent embedding so far.
    pub fn seconds(&self) -> f64 {
        self.spent.lock().map(|d| d.as_secs_f64()).unwrap_or(0.0)
    }
}

impl parallax_compare::SentenceEncoder for Encoder {
    fn model(&self) -> String {
        self.inner
            .dir()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "sentence embeddings".to_string())
    }

    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        let t = Instant::now();
        let r = self.inner.embed(sentences).map_err(|e| e.to_string());
        if let Ok(mut d) = self.spent.lock() {
            *d += t.elapsed();
        }
        r
    }
}
