use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::hash::short_id;

/// A news outlet. Everything about an outlet is data supplied by the input or the
/// user's outlets file; nothing about a particular outlet lives in code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlet {
    /// The outlet's name as shown in reports, one spelling per run.
    pub name: String,
    /// The outlet's home domain ("breitbart.com"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// User-supplied attributes such as political lean, country or owner.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl Outlet {
    /// An outlet known only by its name.
    pub fn named(name: impl Into<String>) -> Self {
        Outlet {
            name: name.into(),
            ..Default::default()
        }
    }
}

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The authors' names, as given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// ISO 8601 date or date-time, as precise as the source gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The article's URL (canonical when the page gave one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// BCP 47 language tag when known ("en").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where the article came from: a path, `path#record`, a URL or `-`.
    pub source: String,
}

/// Why the cleaner removed a piece of the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Menus, skip links, search widgets, error banners.
    Navigation,
    /// Paywall, registration and subscription notices.
    Paywall,
    /// Donation and fund-raising appeals.
    Fundraising,
    /// Share bars, follow-us lines, newsletter and promotional links.
    Promotion,
    /// Photo captions and credits.
    Caption,
    /// Author biography or byline line.
    Byline,
    /// The headline repeated in the body.
    Title,
    /// Short lines before the headline (site furniture).
    Masthead,
    /// A paragraph repeated verbatim (pull-quotes, duplicated embeds).
    Duplicate,
    /// Advertising and job listings.
    Advertisement,
    /// Copyright, reprint and disclaimer notices.
    Notice,
    /// A dateline above the article ("Friday, July 21, 2017"): its date went to the
    /// article's metadata when none was known.
    Dateline,
    /// Not a cut: a repair of the input, the text saying what (bytes that are not
    /// UTF-8 read as Windows-1252, NUL bytes dropped, a JSON field of the wrong
    /// type ignored).
    Repair,
}

/// A piece of input text the cleaner dropped, kept so a user can see what was cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// The text that was cut.
    pub text: String,
    /// Why it was cut.
    pub reason: RemovalReason,
}

/// One news article: metadata plus immutable clean text. Paragraphs in `text` are
/// separated by a blank line ("\n\n").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// A stable id, derived from the outlet, URL and text (see [`Article::new`]).
    pub id: String,
    /// The outlet that published it.
    pub outlet: Outlet,
    /// Headline, authors, date, URL, language and source.
    pub meta: ArticleMeta,
    /// The clean text every span points into; never changed after cleaning.
    pub text: String,
    /// What the cleaner cut from the input, with its reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removal>,
}

impl Article {
    /// Builds an article whose id is derived from its outlet, URL (when known) and
    /// text, so the same article gets the same id on every run.
    pub fn new(outlet: Outlet, meta: ArticleMeta, text: String, removed: Vec<Removal>) -> Self {
        let url = meta.url.as_deref().unwrap_or("");
        let id = short_id(&[&outlet.name, url, &text]);
        Article {
            id,
            outlet,
            meta,
            text,
            removed,
        }
    }

    /// Title, or the first words of the text when the source had none.
    pub fn display_title(&self) -> String {
        if let Some(t) = self.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return t.trim().to_string();
        }
        let mut words: Vec<&str> = self.text.split_whitespace().take(10).collect();
        if words.len() == 10 {
            words.push("…");
        }
        words.join(" ")
    }
}
