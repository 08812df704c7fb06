//! The sentence encoder of `--align embed` / `auto`: parallax-embed's model (the
//! static model distilled from MiniLM by default; MiniLM itself when `--model-dir`
//! names it) behind parallax-compare's `SentenceEncoder`, timing its own work.
//! Built with the `embed` feature (on by default); without it, asking for the
//! encoder is an error that says so, and `auto` aligns by words.

#[cfg(feature = "embed")]
use std::path::PathBuf;
use std::process::ExitCode;
#[cfg(feature = "embed")]
use std::sync::{Mutex, OnceLock};
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
    story_encoder_with(align, model, Encoder::locate)
}

/// [`story_encoder`] for a server: the model is found now and loaded when the
/// first story update needs it.
#[cfg(feature = "library")]
pub(crate) fn story_encoder_lazily(
    align: crate::cli::AlignMethod,
    model: &crate::cli::ModelArgs,
) -> Result<Option<Encoder>, String> {
    story_encoder_with(align, model, Encoder::locate_lazily)
}

fn story_encoder_with<E: std::fmt::Display>(
    align: crate::cli::AlignMethod,
    model: &crate::cli::ModelArgs,
    locate: fn(&ModelArgs) -> Result<Encoder, E>,
) -> Result<Option<Encoder>, String> {
    match align {
        crate::cli::AlignMethod::Lexical => Ok(None),
        crate::cli::AlignMethod::Auto if !cfg!(feature = "embed") => Ok(None),
        crate::cli::AlignMethod::Auto => match locate(model) {
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
        crate::cli::AlignMethod::Embed => locate(model)
            .map(Some)
            .map_err(|e| format!("--align embed: {e}")),
    }
}

/// The sentence model, found when the encoder is made and loaded then
/// ([`Encoder::locate`]) or when it first has sentences to embed
/// ([`Encoder::locate_lazily`]: an idle server never holds its weights, 44 MB for the
/// static model).
#[cfg(feature = "embed")]
pub struct Encoder {
    dir: PathBuf,
    inner: OnceLock<Result<SentenceModel, String>>,
    spent: Mutex<Duration>,
    progress: bool,
}

/// Sentences embedded at once when a progress bar is shown.
#[cfg(feature = "embed")]
const PROGRESS_CHUNK: usize = 256;

#[cfg(feature = "embed")]
impl Encoder {
    /// Finds and loads the model: a broken one is an error now.
    pub fn locate(args: &ModelArgs) -> Result<Encoder, EmbedError> {
        let dir = SentenceModel::find(args.model_dir.as_deref(), ModelKind::Static)?;
        let model = SentenceModel::load(&dir)?;
        Ok(Encoder {
            dir,
            inner: OnceLock::from(Ok(model)),
            spent: Mutex::new(Duration::ZERO),
            progress: false,
        })
    }

    /// Finds the model and loads it when it first has sentences to embed (`serve`:
    /// an idle server holds no weights); a broken model is an error then.
    #[cfg(feature = "library")]
    pub fn locate_lazily(args: &ModelArgs) -> Result<Encoder, EmbedError> {
        Ok(Encoder {
            dir: SentenceModel::find(args.model_dir.as_deref(), ModelKind::Static)?,
            inner: OnceLock::new(),
            spent: Mutex::new(Duration::ZERO),
            progress: false,
        })
    }

    /// The model, loaded on first use; a model that cannot be loaded is an error
    /// naming its directory, each time it is asked for.
    fn model_loaded(&self) -> Result<&SentenceModel, String> {
        self.inner
            .get_or_init(|| {
                SentenceModel::load(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))
            })
            .as_ref()
            .map_err(Clone::clone)
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
        self.dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "sentence embeddings".to_string())
    }

    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        let model = self.model_loaded()?;
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
                match model.embed(chunk) {
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
            model.embed(sentences).map_err(|e| e.to_string())
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

    #[cfg(feature = "library")]
    pub fn locate_lazily(args: &ModelArgs) -> Result<Encoder, String> {
        Encoder::locate(args)
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
