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
        let mut sidecar: Sidecar = toml::from_str(&text).map_err(|e| {
            IngestError::new(
                path.display().to_string(),
                IngestErrorKind::Malformed,
                format!("bad sidecar: {}", e.message()),
            )
        })?;
        sidecar.check_date().map_err(|m| {
            IngestError::new(path.display().to_string(), IngestErrorKind::Malformed, m)
        })?;
        Ok(Some(sidecar))
    }

    /// `published` as an ISO date (`2024-04-25`, with its time when given):
    /// "25 April 2024" and "April 25, 2024" are read as the dates they are; a
    /// string that is no date ("yesterday", "2024-13-01") is an error, since a
    /// wrong date silently joins or splits stories.
    fn check_date(&mut self) -> Result<(), String> {
        if let Some(p) = &self.published {
            if p.trim().is_empty() {
                self.published = None;
                return Ok(());
            }
            match parallax_extract::normalize_date(p) {
                Some(d) => self.published = Some(d),
                None => {
                    return Err(format!(
                        "bad sidecar: published = {p:?} is not a date (write it as YYYY-MM-DD)"
                    ));
                }
            }
        }
        Ok(())
    }

    /// True for file names that are sidecars, so directory walks skip them.
    pub fn is_sidecar(path: &Path) -> bool {
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".meta.toml"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sidecar(published: &str) -> Result<Option<Sidecar>, IngestError> {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        std::fs::write(&input, "text").unwrap();
        std::fs::write(
            Sidecar::path_for(&input),
            format!("published = {published:?}\n"),
        )
        .unwrap();
        Sidecar::load_for(&input)
    }

    #[test]
    fn sidecar_dates_are_read_as_dates_or_refused() {
        for (given, want) in [
            ("2024-04-25", "2024-04-25"),
            ("25 April 2024", "2024-04-25"),
            ("April 25, 2024", "2024-04-25"),
            ("2024-04-25T08:30:00Z", "2024-04-25T08:30:00Z"),
        ] {
            let s = sidecar(given).unwrap().unwrap();
            assert_eq!(s.published.as_deref(), Some(want), "{given}");
        }
        for bad in ["yesterday", "2024-13-01", "2023-02-29", "soon"] {
            let e = sidecar(bad).unwrap_err();
            assert!(
                e.to_string().contains("is not a date") && e.to_string().contains("a.meta.toml"),
                "{bad}: {e}"
            );
        }
        assert_eq!(sidecar("").unwrap().unwrap().published, None);
    }
}
