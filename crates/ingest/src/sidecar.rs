//! Sidecar metadata: `story.meta.toml` beside `story.txt` (or `story.html`) tells
//! what the text alone cannot: outlet, headline, URL, date, authors.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{IngestError, IngestErrorKind};

/// What a `NAME.meta.toml` beside `NAME.txt` says about the article (every field optional;
/// an unknown one is an error).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// The outlet's name.
    pub outlet: Option<String>,
    /// The outlet's domain.
    pub domain: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The publication date.
    pub published: Option<String>,
    /// The authors.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The language tag.
    pub language: Option<String>,
}

impl Sidecar {
    /// The sidecar path for an input file: same stem, extension `.meta.toml`.
    pub fn path_for(input: &Path) -> PathBuf {
        let stem = input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        input.with_file_name(format!("{stem}.meta.toml"))
    }

    /// Reads the sidecar of `input` if there is one.
    pub fn load_for(input: &Path) -> Result<Option<Sidecar>, IngestError> {
        let path = Self::path_for(input);
        if !path.is_file() {
            return Ok(None);
        }
        let text = crate::walk::open_regular(&path)
            .and_then(|mut f| {
                let mut t = String::new();
                std::io::Read::read_to_string(&mut f, &mut t).map(|_| t)
            })
            .map_err(|e| {
                IngestError::new(
                    path.display().to_string(),
                    IngestErrorKind::Io,
                    e.to_string(),
                )
            })?;
        toml::from_str(&text).map(Some).map_err(|e| {
            IngestError::new(
                path.display().to_string(),
                IngestErrorKind::Malformed,
                format!("bad sidecar: {}", e.message()),
            )
        })
    }

    /// True for file names that are sidecars, so directory walks skip them.
    pub fn is_sidecar(path: &Path) -> bool {
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".meta.toml"))
    }
}
