//! The sentence encoder of `--align embed` / `auto`: parallax-embed's model (the
//! static model distilled from MiniLM by default; MiniLM itself when `--model-dir`
//! names it) behind parallax-compare's `SentenceEncoder`, timing its own work.
//! Built with the `embed` feature (on by default); without it, asking for the
//! encoder is an error that says so, and `auto` aligns by words.

use std::process::ExitCode;
#[cfg(feature = "embed")]
use std::sync::Mutex;
#[cfg(feature = "embed")]
use std::time::{Duration, Instant};

#[cfg(feature = "embed")]
use parallax_embed::{EmbedError, ModelKind, SentenceModel};

use crate::cli::ModelArgs;

/// Says `msg` and exits with 2, a usage error.
pub(crate) fn usage_error(msg: &str) -> Result<ExitCode, String> {
    eprintln!("parallax: {msg}");
    Ok(ExitCode::from(2))
}

/// The encoder of `--align embed`, or none for lexical alignment; `auto` (the
/// default) embeds when a model is installed and says once, on standard error,
/// when it is not and statements are aligned by their words alone.
pub(crate) fn story_encoder(
    align: crate::cli::AlignMethod,
    model: &crate::cli::ModelArgs,
) -> Result<Option<Encoder>, String> {
    match align {
        crate::cli::AlignMethod::Lexical => Ok(None),
        crate::cli::AlignMethod::Auto if !cfg!(feature = "embed") => Ok(None),
        crate::cli::AlignMethod::Auto => match Encoder::locate(model) {
            Ok(e) => Ok(Some(e)),
            // a model the user named must be there
            Err(e)
                if model.model_dir.is_some()
                    || std::env::var_os("PARALLAX_MODEL_DIR").is_some_and(|v| !v.is_empty()) =>
            {
                Err(format!("--model-dir / PARALLAX_MODEL_DIR: {e}"))
            }
            Err(_) => {
                eprintln!(
                    "parallax: no sentence-embedding model installed, so statements are aligned by their words alone (bash scripts/install-model installs it; --align lexical silences this)"
                );
                Ok(None)
            }
        },
        crate::cli::AlignMethod::Embed => Encoder::locate(model)
            .map(Some)
            .map_err(|e| format!("--align embed: {e}")),
    }
}

#[cfg(feature = "embed")]
pub struct Encoder {
    inner: SentenceModel,
    spent: Mutex<Duration>,
    progress: bool,
}

/// Sentences embedded at once when a progress bar is shown.
#[cfg(feature = "embed")]
const PROGRESS_CHUNK: usize = 256;

#[cfg(feature = "embed")]
impl Encoder {
    pub fn locate(args: &ModelArgs) -> Result<Encoder, EmbedError> {
        Ok(Encoder {
            inner: SentenceModel::locate(args.model_dir.as_deref(), ModelKind::Static)?,
            spent: Mutex::new(Duration::ZERO),
            progress: false,
        })
    }

    /// Shows a progress bar on standard error (when it is a terminal) while
    /// embedding a thousand sentences or more: MiniLM takes minutes for that.
    pub fn with_progress(mut self, on: bool) -> Self {
        self.progress = on && std::io::IsTerminal::is_terminal(&std::io::stderr());
        self
    }

    /// Seconds spent embedding so far.
    pub fn seconds(&self) -> f64 {
        self.spent.lock().map(|d| d.as_secs_f64()).unwrap_or(0.0)
    }
}

#[cfg(feature = "embed")]
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
        let r = if self.progress && sentences.len() >= 1000 {
            let bar = indicatif::ProgressBar::new(sentences.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} embedding {pos}/{len} sentences [{bar:40}] {rate} ETA {eta}",
                )
                .expect("valid template")
                .with_key("rate", crate::run::rate)
                .progress_chars("=> "),
            );
            let mut out = Vec::with_capacity(sentences.len());
            let mut r = Ok(());
            for chunk in sentences.chunks(PROGRESS_CHUNK) {
                match self.inner.embed(chunk) {
                    Ok(v) => out.extend(v),
                    Err(e) => {
                        r = Err(e.to_string());
                        break;
                    }
                }
                bar.inc(chunk.len() as u64);
            }
            bar.finish_and_clear();
            r.map(|()| out)
        } else {
            self.inner.embed(sentences).map_err(|e| e.to_string())
        };
        if let Ok(mut d) = self.spent.lock() {
            *d += t.elapsed();
        }
        r
    }
}

/// Without the `embed` feature: no encoder, and saying so is the whole job.
#[cfg(not(feature = "embed"))]
pub enum Encoder {}

#[cfg(not(feature = "embed"))]
impl Encoder {
    pub fn locate(_: &ModelArgs) -> Result<Encoder, String> {
        Err("this parallax was built without sentence embeddings (the `embed` feature, on by default: build without --no-default-features)".to_string())
    }

    pub fn seconds(&self) -> f64 {
        match *self {}
    }

    pub fn with_progress(self, _: bool) -> Self {
        match self {}
    }
}

#[cfg(not(feature = "embed"))]
impl parallax_compare::SentenceEncoder for Encoder {
    fn model(&self) -> String {
        match *self {}
    }

    fn encode(&self, _: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        match *self {}
    }
}
