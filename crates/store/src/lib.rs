//! The parallax library: a persistent collection of articles with their
//! analyses, the identities and stories built over them, and full-text search.
//!
//! [`Library`] is the interface; [`SqliteLibrary`] keeps everything in one file
//! inside the library directory (the default: nothing to install), and
//! [`PgLibrary`] keeps it in PostgreSQL for teams sharing one library. Both
//! import an article, its analysis, its search entry and its actor rows in one
//! transaction, so a crash at any moment leaves either all of it or none; an
//! import reported done is on disk. Schemas carry a version and migrate on open.
//! [`Library::change_token`] changes with every write committed by any process, so
//! a long-running reader (the server's page cache) can tell its copy is stale. A
//! SQLite library in a directory this process cannot write opens read-only.
//!
//! Useful for: `parallax import/search/stories/actor` and `parallax serve`.
//! Not useful for: one-off comparisons of a few files (use `parallax compare`).

#![warn(missing_docs)]

pub mod browse;
pub mod db;
mod import;
mod pg;
mod query;
mod search_index;
mod sqlite;
pub mod stories;

use std::collections::BTreeMap;

use parallax_compare::{ArticleRef, Story};
use parallax_core::{ActorKind, Analysis, AnalyzedArticle, Article, Identity, LabelKind, Voice};
use serde::{Deserialize, Serialize};

pub use browse::{Facets, RankedActor, outlet_refs, search_facets, top_actors};
pub use import::{BATCH, Importer, Outcome, Stop, Tally};
pub use pg::{PG_DROP_ALL, PgLibrary};
pub use query::{fts_query, terms_of};
pub use sqlite::SqliteLibrary;
pub use stories::{Pending, Updated, pending, rebuild_stories, update_stories};

/// Version of the library's schema; bumped with a migration whenever it changes.
pub const SCHEMA_VERSION: u32 = 4;

/// Why a library call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An error of SQLite.
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    /// An error of PostgreSQL.
    #[error("database: {}", pg_message(.0))]
    Postgres(postgres::Error),
    /// The disk (or the database's quota) is full: no later write can succeed, so
    /// a batch stops here rather than failing once per remaining article.
    #[error("the disk is full ({0}); nothing more can be written to the library")]
    Full(String),
    /// Stored data that cannot be read back (damaged JSON, a bad row).
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error(
        "the library's schema version {found} is newer than this parallax ({supported}); upgrade parallax"
    )]
    /// The library was written by a newer parallax.
    TooNew {
        /// The library's schema version.
        found: u32,
        /// The newest this parallax reads.
        supported: u32,
    },
    /// A search the engine refused.
    #[error("bad query: {0}")]
    Query(String),
    /// A file-system error.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull => {
                StoreError::Full(e.to_string())
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

/// PostgreSQL's own message ("db error" alone says nothing).
fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("{}: {}", d.severity(), d.message()),
        None => e.to_string(),
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        if e.code() == Some(&postgres::error::SqlState::DISK_FULL) {
            StoreError::Full(e.to_string())
        } else {
            StoreError::Postgres(e)
        }
    }
}

impl StoreError {
    /// Whether no later write can succeed either (a full disk).
    pub fn is_full(&self) -> bool {
        match self {
            StoreError::Full(_) => true,
            StoreError::Io(e) => e.raw_os_error() == Some(28), // ENOSPC
            _ => false,
        }
    }
}

/// A result of a library call.
pub type Result<T> = std::result::Result<T, StoreError>;

/// What became of one article given to [`Library::import`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// Added to the library.
    Added {
        /// The article's id.
        id: String,
    },
    /// Already in the library: same URL, or the same text.
    Duplicate {
        /// The article's id.
        id: String,
        /// The id of the article already in the library.
        existing: String,
        /// Why it is a copy ("same URL", "same text").
        reason: String,
    },
}

/// An article as the library lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The article's id.
    pub id: String,
    /// Its outlet's name.
    pub outlet: String,
    /// Its headline.
    pub title: String,
    /// Its URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Words in its clean text.
    pub words: usize,
    /// When it was imported (UTC, ISO 8601).
    pub imported_at: String,
}

/// A search: free text (words, "quoted phrases", prefix*), plus filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// The words to find.
    pub text: String,
    /// Only this outlet's articles.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Inclusive ISO dates (YYYY-MM-DD) on the published date.
    #[serde(default)]
    pub from: Option<String>,
    /// Inclusive ISO date (YYYY-MM-DD) the published date must not pass.
    #[serde(default)]
    pub to: Option<String>,
    /// An identity key ("person:nicolas maduro") or a name.
    #[serde(default)]
    pub actor: Option<String>,
    /// At most this many hits (0: 20; at most 200).
    #[serde(default)]
    pub limit: usize,
    /// Hits to skip, for paging.
    #[serde(default)]
    pub offset: usize,
}

impl SearchQuery {
    /// The query as the backends run it: `from` and `to` checked (a year, a month
    /// or a day: `2019`, `2019-03`, `2019-03-14`; anything else is
    /// [`StoreError::Query`], which the CLI reports as a usage error and the API as
    /// 400), and `outlet` matched case-insensitively against `outlets` (the
    /// stored spellings; an unknown outlet is kept as given and finds nothing).
    pub fn checked(&self, outlets: &[String]) -> Result<SearchQuery> {
        let mut q = self.clone();
        for (name, d) in [("from", &mut q.from), ("to", &mut q.to)] {
            if let Some(v) = d {
                let t = v.trim();
                if t.is_empty() {
                    *d = None;
                    continue;
                }
                check_date(t).map_err(|why| {
                    StoreError::Query(format!(
                        "{name} {t:?} is not a date: {why} (give YYYY-MM-DD, YYYY-MM or YYYY)"
                    ))
                })?;
                *v = t.to_string();
            }
        }
        if let Some(o) = &mut q.outlet {
            let t = o.trim();
            if t.is_empty() {
                q.outlet = None;
            } else if let Some(known) = known_outlet(outlets, t) {
                *o = known.to_string();
            }
        }
        Ok(q)
    }
}

/// The stored spelling of `name`, matched case-insensitively and ignoring
/// surrounding spaces.
pub fn known_outlet<'a>(outlets: &'a [String], name: &str) -> Option<&'a str> {
    let name = name.trim();
    outlets
        .iter()
        .find(|o| o.as_str() == name)
        .or_else(|| {
            outlets
                .iter()
                .find(|o| o.to_lowercase() == name.to_lowercase())
        })
        .map(String::as_str)
}

/// Checks an ISO date, or its year or month alone: the calendar's ranges, leap
/// years included.
fn check_date(s: &str) -> std::result::Result<(), &'static str> {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if parts.is_empty() || parts.len() > 3 || !digits(parts[0], 4) {
        return Err("the year must be four digits");
    }
    let year: u32 = parts[0].parse().map_err(|_| "bad year")?;
    if let Some(m) = parts.get(1) {
        if !digits(m, 2) {
            return Err("the month must be two digits");
        }
        let month: u32 = m.parse().map_err(|_| "bad month")?;
        if !(1..=12).contains(&month) {
            return Err("there is no such month");
        }
        if let Some(d) = parts.get(2) {
            if !digits(d, 2) {
                return Err("the day must be two digits");
            }
            let day: u32 = d.parse().map_err(|_| "bad day")?;
            if day == 0 || day > parallax_extract::days_in_month(year, month) {
                return Err("there is no such day in that month");
            }
        }
    }
    Ok(())
}

/// Part of a snippet; `hit` parts matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    /// The snippet's text.
    pub text: String,
    /// Whether it matched the query.
    pub hit: bool,
}

/// One article found by a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The article's id.
    pub id: String,
    /// Its outlet's name.
    pub outlet: String,
    /// Its headline.
    pub title: String,
    /// Its publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Its URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The engine's relevance score (higher is better).
    pub score: f64,
    /// The matching passage, hits marked.
    pub snippet: Vec<SnippetPart>,
}

/// The page of hits a search asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Hits in all.
    pub total: usize,
    /// This page's hits, best first.
    pub hits: Vec<SearchHit>,
}

/// A story as the library lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySummary {
    /// The story's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// How many articles it has.
    pub articles: usize,
    /// The outlets covering it.
    pub outlets: Vec<String>,
    /// The earliest publication date of its articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_published: Option<String>,
    /// The latest publication date of its articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_published: Option<String>,
}

/// A story as stored: the comparison of its articles, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    /// The story, as the comparison found it.
    pub story: Story,
    /// Its articles.
    pub articles: Vec<ArticleRef>,
    /// The identities of its actors.
    pub identities: Vec<Identity>,
    /// The story's outlets with their outlet-book attributes (lean, country…),
    /// for the coverage bar; empty in records saved before it was kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outlets: Vec<parallax_compare::OutletRef>,
}

/// An actor as the library lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorSummary {
    /// The identity key ("person:nicolas maduro").
    pub id: String,
    /// The name shown.
    pub name: String,
    /// Person, organisation, geopolitical entity or place.
    pub kind: ActorKind,
    /// Articles mentioning the actor.
    pub articles: usize,
    /// Mentions in them.
    pub mentions: usize,
}

/// One label an outlet gave the actor, dated by its article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedLabel {
    /// The label's words.
    pub text: String,
    /// The construction that attached it.
    pub kind: LabelKind,
    /// The outlet's words or a quotation's.
    pub voice: Voice,
    /// The article's id.
    pub article: String,
    /// The article's publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// What one outlet does with an actor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorInOutlet {
    /// The outlet's articles mentioning the actor.
    pub articles: usize,
    /// Mentions in them.
    pub mentions: usize,
    /// Quotes of the actor the outlet carries.
    pub quotes: usize,
    /// The labels the outlet gave the actor, oldest first.
    pub labels: Vec<DatedLabel>,
    /// The outlet's articles naming the actor, oldest first, each with its
    /// mentions and quotes of the actor (for a chart over time).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<DatedMentions>,
}

/// One article's mentions and quotes of an actor, dated by the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedMentions {
    /// The article's id.
    pub article: String,
    /// The article's publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Mentions of the actor in it.
    pub mentions: usize,
    /// Quotes of the actor it carries.
    pub quotes: usize,
}

/// Everything the library knows about one actor, per outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorProfile {
    /// The actor.
    pub actor: ActorSummary,
    /// Every way the actor was written.
    pub variants: Vec<String>,
    /// Outlet name -> what the outlet does with the actor.
    pub outlets: BTreeMap<String, ActorInOutlet>,
}

/// The library interface, shared by the SQLite and PostgreSQL backends.
pub trait Library: Send + Sync {
    /// Adds an article with its analysis, or reports it as a duplicate.
    /// Atomic: after a crash either all of it is there or none of it.
    fn import(&self, article: &Article, analysis: &Analysis) -> Result<ImportOutcome>;
    /// Whether an article is already in the library (same id, URL or text), and
    /// which one: a cheap check before analysing it.
    fn known(&self, article: &Article) -> Result<Option<ImportOutcome>>;
    /// The article with its analysis.
    fn article(&self, id: &str) -> Result<Option<AnalyzedArticle>>;
    /// Removes an article (and it from the search index); true when it existed.
    fn delete(&self, id: &str) -> Result<bool>;
    /// How many articles the library holds.
    fn count(&self) -> Result<usize>;
    /// The outlet names of the stored articles, sorted: an import joins these
    /// spellings, a filter checks its outlet against them.
    fn outlets(&self) -> Result<Vec<String>>;
    /// Newest first.
    fn list(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>>;
    /// The articles matching `q`, best first.
    fn search(&self, q: &SearchQuery) -> Result<SearchResults>;
    /// Brings the search index up to date now (it also does so by itself before a
    /// search), so that the first search after a large import is not the slow one.
    fn prepare_search(&self) -> Result<()> {
        Ok(())
    }
    /// Every article with its analysis (tests and one-off comparisons: it holds
    /// the whole library in memory).
    fn all_analyzed(&self) -> Result<Vec<AnalyzedArticle>>;
    /// Runs `f` in one write transaction, committed when it returns `Ok` and
    /// rolled back otherwise. Writers wait for each other (SQLite's write lock,
    /// a PostgreSQL advisory lock), so what `f` reads stays true until it commits.
    /// The story updates ([`stories`]) and the feed watcher's state are written
    /// through it, once for both backends.
    fn write_tx(&self, f: &mut dyn FnMut(&mut dyn db::Db) -> Result<()>) -> Result<()>;
    /// Runs `f` over one consistent snapshot of the library.
    fn read_tx(&self, f: &mut dyn FnMut(&mut dyn db::Db) -> Result<()>) -> Result<()>;
    /// Whether the library can only be read here (a directory this process cannot
    /// write): nothing is written, stories are not updated.
    fn read_only(&self) -> bool {
        false
    }
    /// Stories, most outlets first, then most articles and the latest.
    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>>;
    /// How many stories there are.
    fn story_count(&self) -> Result<usize>;
    /// One story, by id.
    fn story(&self, id: &str) -> Result<Option<StoryRecord>>;
    /// Actors whose name or key matches `query` (accents and case ignored).
    fn find_actors(&self, query: &str, limit: usize) -> Result<Vec<ActorSummary>>;
    /// An actor's profile, by identity key or a key merged into it.
    fn actor(&self, id: &str) -> Result<Option<ActorProfile>>;
    /// Checks the storage's own consistency (SQLite integrity check, index agreement).
    fn check(&self) -> Result<()>;
    /// The schema version of the stored library.
    fn schema_version(&self) -> Result<u32>;
    /// A value that changes whenever a write is committed to the library, by this
    /// process or any other: whatever was read under one token is stale once it
    /// changes. Cheap (one small read), so a cache may check it on every request.
    fn change_token(&self) -> Result<u64>;
}

/// Builds an actor profile from stored articles of the identity's keys.
pub(crate) fn profile_from(
    actor: ActorSummary,
    keys: &[String],
    articles: Vec<(AnalyzedArticle, Option<String>)>,
) -> ActorProfile {
    let mut outlets: BTreeMap<String, ActorInOutlet> = BTreeMap::new();
    let mut variants: Vec<String> = Vec::new();
    for (a, published) in articles {
        let an = &a.analysis;
        let Some(ents): Option<Vec<usize>> = Some(
            (0..an.entities.len())
                .filter(|&i| keys.contains(&an.entities[i].key))
                .collect(),
        ) else {
            continue;
        };
        if ents.is_empty() {
            continue;
        }
        let o = outlets.entry(a.article.outlet.name.clone()).or_default();
        o.articles += 1;
        let before = (o.mentions, o.quotes);
        for &e in &ents {
            o.mentions += an.entities[e].mentions;
            for v in &an.entities[e].variants {
                if !variants.contains(v) {
                    variants.push(v.clone());
                }
            }
        }
        for l in an.labels.iter().filter(|l| ents.contains(&l.entity)) {
            o.labels.push(DatedLabel {
                text: l.text.clone(),
                kind: l.kind,
                voice: l.voice,
                article: a.article.id.clone(),
                published: published.clone(),
            });
        }
        o.quotes += an
            .quotes
            .iter()
            .filter(|q| {
                q.kind != parallax_core::QuoteKind::Scare
                    && q.speaker
                        .as_ref()
                        .and_then(|s| s.entity)
                        .is_some_and(|e| ents.contains(&e))
            })
            .count();
        o.timeline.push(DatedMentions {
            article: a.article.id.clone(),
            published: published.clone(),
            mentions: o.mentions - before.0,
            quotes: o.quotes - before.1,
        });
    }
    for o in outlets.values_mut() {
        o.timeline.sort_by(|a, b| {
            a.published
                .cmp(&b.published)
                .then(a.article.cmp(&b.article))
        });
        o.labels
            .sort_by(|a, b| a.published.cmp(&b.published).then(a.text.cmp(&b.text)));
    }
    ActorProfile {
        actor,
        variants,
        outlets,
    }
}

/// A stable fingerprint of an article's text for duplicate detection: folded
/// (case, accents, quotes, spacing), so a re-scrape with curly quotes matches.
pub fn content_hash(text: &str) -> String {
    parallax_core::short_id(&[&parallax_core::fold(text)])
}

/// The stories of a comparison as stored records with their summaries.
pub(crate) fn story_records(c: &parallax_compare::Comparison) -> Vec<(StorySummary, StoryRecord)> {
    c.stories
        .iter()
        .map(|s| {
            let articles: Vec<ArticleRef> = c
                .articles
                .iter()
                .filter(|a| s.articles.contains(&a.id))
                .cloned()
                .collect();
            let ids: Vec<&str> = s.actors.iter().map(|a| a.identity.as_str()).collect();
            let identities: Vec<Identity> = c
                .identities
                .iter()
                .filter(|i| ids.contains(&i.id.as_str()))
                .cloned()
                .collect();
            let dates: Vec<&String> = articles
                .iter()
                .filter_map(|a| a.published.as_ref())
                .collect();
            let summary = StorySummary {
                id: s.id.clone(),
                title: s.title.clone(),
                articles: s.articles.len(),
                outlets: s.outlets.clone(),
                first_published: dates.iter().min().map(|d| d.to_string()),
                last_published: dates.iter().max().map(|d| d.to_string()),
            };
            (
                summary,
                StoryRecord {
                    story: s.clone(),
                    articles,
                    identities,
                    outlets: c
                        .outlets
                        .iter()
                        .filter(|o| s.outlets.contains(&o.name))
                        .cloned()
                        .collect(),
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod query_tests {
    use super::*;

    fn q(outlet: Option<&str>, from: Option<&str>, to: Option<&str>) -> SearchQuery {
        SearchQuery {
            text: "x".into(),
            outlet: outlet.map(str::to_string),
            from: from.map(str::to_string),
            to: to.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        for good in [
            "2019",
            "2019-03",
            "2019-03-14",
            "2024-02-29",
            "2000-02-29",
            " 2019-12-31 ",
        ] {
            assert!(
                q(None, Some(good), Some(good)).checked(&[]).is_ok(),
                "{good}"
            );
        }
        for bad in [
            "2019-13-01",
            "yesterday",
            "2019-02-29",
            "1900-02-29",
            "2019-04-31",
            "19-01-01",
            "2019-1-1",
            "2019-01-00",
            "2019-01-01-01",
        ] {
            let e = q(None, Some(bad), None).checked(&[]).unwrap_err();
            assert!(
                matches!(e, StoreError::Query(ref m) if m.starts_with("from")),
                "{bad}: {e}"
            );
            let e = q(None, None, Some(bad)).checked(&[]).unwrap_err();
            assert!(
                matches!(e, StoreError::Query(ref m) if m.starts_with("to")),
                "{bad}: {e}"
            );
        }
        assert_eq!(q(None, Some(""), None).checked(&[]).unwrap().from, None);
    }

    #[test]
    fn outlets_match_whatever_their_case() {
        let known = vec!["Fox News".to_string(), "The New York Times".to_string()];
        let c = q(Some("fox news"), None, None).checked(&known).unwrap();
        assert_eq!(c.outlet.as_deref(), Some("Fox News"));
        let c = q(Some(" THE NEW YORK TIMES "), None, None)
            .checked(&known)
            .unwrap();
        assert_eq!(c.outlet.as_deref(), Some("The New York Times"));
        // unknown: kept as given (the CLI warns; the search finds nothing)
        let c = q(Some("Breitbart"), None, None).checked(&known).unwrap();
        assert_eq!(c.outlet.as_deref(), Some("Breitbart"));
        assert_eq!(known_outlet(&known, "breitbart"), None);
    }
}
