//! The user's outlet book: names, home domains and free attributes (lean,
//! country, owner) for the outlets they study. Read from TOML:
//!
//! ```toml
//! [[outlet]]
//! name = "Morning Star"
//! domain = "morningstaronline.co.uk"
//! aliases = ["morningstar"]
//! [outlet.attributes]
//! lean = "left"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use parallax_core::{Outlet, fold};
use serde::Deserialize;

use crate::{IngestError, IngestErrorKind};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookFile {
    #[serde(default)]
    outlet: Vec<Entry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    domain: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
}

/// The user's outlet book (`outlets.toml`): each outlet's name, domains and attributes,
/// matched against an article's outlet name or URL.
#[derive(Debug, Clone, Default)]
pub struct OutletBook {
    entries: Vec<Entry>,
}

impl OutletBook {
    /// Reads the outlet book at `path`; an unreadable or malformed file is an error naming
    /// it.
    pub fn load(path: &Path) -> Result<Self, IngestError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            IngestError::new(
                path.display().to_string(),
                IngestErrorKind::Io,
                e.to_string(),
            )
        })?;
        Self::parse(&text).map_err(|m| {
            IngestError::new(path.display().to_string(), IngestErrorKind::Malformed, m)
        })
    }

    /// Parses an outlet book's TOML; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: BookFile =
            toml::from_str(text).map_err(|e| format!("bad outlets file: {}", e.message()))?;
        Ok(OutletBook {
            entries: file.outlet,
        })
    }

    /// The outlet for a name and/or URL: the book's entry when one matches by
    /// name, alias or domain; otherwise an outlet built from what is known.
    pub fn resolve(&self, name: Option<&str>, url: Option<&str>) -> Outlet {
        let host = url.and_then(host_of);
        let by_name = name.and_then(|n| {
            let n = fold(n);
            self.entries
                .iter()
                .find(|e| fold(&e.name) == n || e.aliases.iter().any(|a| fold(a) == n))
        });
        let by_host = host.as_deref().and_then(|h| {
            self.entries.iter().find(|e| {
                e.domain
                    .as_deref()
                    .is_some_and(|d| h == d || h.ends_with(&format!(".{d}")))
            })
        });
        if let Some(e) = by_name.or(by_host) {
            return Outlet {
                name: e.name.clone(),
                domain: e.domain.clone(),
                attributes: e.attributes.clone(),
            };
        }
        match (name, host) {
            (Some(n), h) if !n.trim().is_empty() => Outlet {
                name: n.trim().to_string(),
                domain: h,
                ..Default::default()
            },
            (_, Some(h)) => Outlet {
                name: h.clone(),
                domain: Some(h),
                ..Default::default()
            },
            _ => Outlet::named("unknown"),
        }
    }
}

/// `"https://www.breitbart.com/x"` -> `"breitbart.com"`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_by_name_alias_and_domain() {
        let book = OutletBook::parse(
            "[[outlet]]\nname = \"Morning Star\"\ndomain = \"morningstaronline.co.uk\"\naliases = [\"MS\"]\n[outlet.attributes]\nlean = \"left\"\n",
        )
        .unwrap();
        assert_eq!(
            book.resolve(Some("morning star"), None).attributes["lean"],
            "left"
        );
        assert_eq!(book.resolve(Some("ms"), None).name, "Morning Star");
        assert_eq!(
            book.resolve(None, Some("https://www.morningstaronline.co.uk/a/b"))
                .name,
            "Morning Star"
        );
        assert_eq!(
            book.resolve(None, Some("https://edition.cnn.com/x")).name,
            "edition.cnn.com"
        );
        assert_eq!(book.resolve(Some("Breitbart"), None).name, "Breitbart");
        assert_eq!(book.resolve(None, None).name, "unknown");
    }

    #[test]
    fn bad_book_is_an_error() {
        assert!(OutletBook::parse("[[outlet]]\nnom = 1").is_err());
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("http://user@www.Example.org:8080/p?q").as_deref(),
            Some("example.org")
        );
        assert_eq!(host_of("not a url"), None);
    }
}
