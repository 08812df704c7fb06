//! The PostgreSQL backend, for teams sharing one library: the same interface and
//! the same transactional import, search with a GIN-indexed tsvector.

use std::sync::Mutex;

use parallax_core::{Analysis, AnalyzedArticle, Article, fold};
use postgres::{Client, NoTls};

use crate::db::{Db, PgDb};
use crate::query::terms_of;
use crate::sqlite::snippet_parts;
use crate::{
    ActorProfile, ActorSummary, ArticleSummary, ImportOutcome, Library, Result, SCHEMA_VERSION,
    SearchHit, SearchQuery, SearchResults, StoreError, StoryRecord, StorySummary, content_hash,
    profile_from,
};

const SCHEMA_V1: &str = "
CREATE TABLE articles(
    id TEXT PRIMARY KEY,
    outlet TEXT NOT NULL,
    outlet_json TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT UNIQUE,
    published TEXT,
    meta_json TEXT NOT NULL,
    text TEXT NOT NULL,
    removed_json TEXT NOT NULL,
    analysis_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    words INTEGER NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    tsv TSVECTOR NOT NULL
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_outlet ON articles(outlet, published);
CREATE INDEX articles_tsv ON articles USING gin(tsv);
CREATE TABLE entities(
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    folded TEXT NOT NULL,
    kind TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY(article_id, key)
);
CREATE INDEX entities_key ON entities(key);
CREATE TABLE stories(
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    articles INTEGER NOT NULL,
    outlets_json TEXT NOT NULL,
    outlet_count INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT,
    record_json TEXT NOT NULL
);
CREATE TABLE identities(
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    folded TEXT NOT NULL,
    kind TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE TABLE identity_keys(key TEXT PRIMARY KEY, identity TEXT NOT NULL);
";

/// v2: looking keys up by identity (story rebuilds) was a full scan per identity.
const SCHEMA_V2: &str = "CREATE INDEX identity_keys_identity ON identity_keys(identity);";

/// v3 only concerns the SQLite library (its search index's deletion log).
const SCHEMA_V3: &str = "SELECT 1;";

/// v4: the incremental stories and the feed watcher's state (see the SQLite
/// schema's v4); every article is queued in the order it was imported.
const SCHEMA_V4: &str = "
CREATE TABLE story_queue(seq BIGSERIAL PRIMARY KEY, article_id TEXT NOT NULL UNIQUE);
CREATE TABLE story_members(
    article_id TEXT PRIMARY KEY,
    story BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    contribution BYTEA NOT NULL,
    posted BYTEA NOT NULL
);
CREATE INDEX story_members_story ON story_members(story, seq);
CREATE INDEX story_members_seq ON story_members(seq);
CREATE TABLE story_state(
    story BIGINT PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    size BIGINT NOT NULL,
    version BIGINT NOT NULL,
    dirty BIGINT NOT NULL,
    profile BYTEA NOT NULL
);
CREATE INDEX story_state_dirty ON story_state(dirty, story);
CREATE TABLE story_features(id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, df BIGINT NOT NULL);
CREATE TABLE story_postings(feature BIGINT NOT NULL, story BIGINT NOT NULL, PRIMARY KEY(feature, story));
CREATE TABLE identity_forms(form TEXT NOT NULL, identity TEXT NOT NULL, PRIMARY KEY(form, identity));
CREATE TABLE story_counters(name TEXT PRIMARY KEY, value BIGINT NOT NULL);
CREATE TABLE watch_feeds(
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    next_poll BIGINT NOT NULL,
    failures BIGINT NOT NULL,
    last_error TEXT,
    last_polled BIGINT
);
CREATE TABLE watch_items(
    feed TEXT NOT NULL,
    item TEXT NOT NULL,
    seen BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    url TEXT,
    attempts BIGINT NOT NULL,
    PRIMARY KEY(feed, item)
);
CREATE INDEX watch_items_outcome ON watch_items(outcome, seen);
DELETE FROM stories;
DELETE FROM identities;
DELETE FROM identity_keys;
INSERT INTO story_queue(article_id) SELECT id FROM articles ORDER BY imported_at, id;
";

const MIGRATIONS: &[&str] = &[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4];

/// Drops every table of a PostgreSQL library: tests start from a fresh schema.
#[doc(hidden)]
pub const PG_DROP_ALL: &str = "DROP TABLE IF EXISTS articles, entities, stories, identities, identity_keys, parallax_meta,
    story_queue, story_members, story_state, story_features, story_postings, identity_forms, story_counters,
    watch_feeds, watch_items CASCADE";

/// A library in PostgreSQL, for teams sharing one (see the crate docs).
pub struct PgLibrary {
    client: Mutex<Client>,
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// A `to_tsquery('simple', …)` expression: phrases joined with <->, terms with &.
fn ts_query(input: &str) -> Option<String> {
    let terms = terms_of(input);
    let parts: Vec<String> = terms
        .iter()
        .filter_map(|(t, prefix)| {
            let words: Vec<String> = t
                .split_whitespace()
                .map(|w| {
                    w.chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>()
                })
                .filter(|w| !w.is_empty())
                .map(|w| format!("'{w}'"))
                .collect();
            if words.is_empty() {
                return None;
            }
            let mut p = words.join(" <-> ");
            if *prefix {
                p.push_str(":*");
            }
            Some(format!("({p})"))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" & "))
}

impl PgLibrary {
    /// Connects (`postgres://user@host/db`) and migrates the schema.
    pub fn connect(url: &str) -> Result<PgLibrary> {
        let mut client = Client::connect(url, NoTls)?;
        // Two processes creating the library at once: one migrates, the other waits
        // and then finds it done (CREATE TABLE IF NOT EXISTS alone races in the
        // catalogue). The lock is the session's, released at the end.
        client.batch_execute("SELECT pg_advisory_lock(7231680213)")?;
        let migrated = Self::migrate(&mut client);
        let unlocked = client.batch_execute("SELECT pg_advisory_unlock(7231680213)");
        migrated?;
        unlocked?;
        Ok(PgLibrary {
            client: Mutex::new(client),
        })
    }

    fn migrate(client: &mut Client) -> Result<()> {
        client.batch_execute(
            "CREATE TABLE IF NOT EXISTS parallax_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO parallax_meta(key, value) VALUES ('generation', '0') ON CONFLICT (key) DO NOTHING;",
        )?;
        let version: u32 = client
            .query_opt(
                "SELECT value FROM parallax_meta WHERE key = 'schema_version'",
                &[],
            )?
            .map(|r| r.get::<_, String>(0).parse().unwrap_or(0))
            .unwrap_or(0);
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let mut tx = client.transaction()?;
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO parallax_meta(key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = $1",
                &[&(i + 1).to_string()],
            )?;
            tx.commit()?;
        }
        Ok(())
    }

    fn with<T>(&self, f: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        let mut c = self.client.lock().expect("client lock");
        f(&mut c)
    }

    fn actor_keys(&self, actor: &str) -> Result<Vec<String>> {
        let folded = fold(actor);
        self.with(|c| {
            Ok(c.query(
                "SELECT key FROM identity_keys WHERE identity IN (SELECT id FROM identities WHERE id = $1 OR folded = $2)
                 UNION SELECT DISTINCT key FROM entities WHERE key = $1 OR folded = $2",
                &[&actor, &folded],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
        })
    }
}

fn decode(r: &postgres::Row) -> Result<AnalyzedArticle> {
    let article = Article {
        id: r.get(0),
        outlet: from_json(r.get(1))?,
        meta: from_json(r.get(2))?,
        text: r.get(3),
        removed: from_json(r.get(4))?,
    };
    Ok(AnalyzedArticle {
        article,
        analysis: from_json(r.get(5))?,
    })
}

/// The article already in the library that `article` duplicates, if any.
fn duplicate_of(
    tx: &mut postgres::Transaction,
    article: &Article,
) -> Result<Option<ImportOutcome>> {
    let dup = |existing: String, reason: String| {
        Some(ImportOutcome::Duplicate {
            id: article.id.clone(),
            existing,
            reason,
        })
    };
    if let Some(r) = tx.query_opt("SELECT id FROM articles WHERE id = $1", &[&article.id])? {
        return Ok(dup(r.get(0), "same article already in the library".into()));
    }
    if let Some(url) = &article.meta.url {
        if let Some(r) = tx.query_opt("SELECT id FROM articles WHERE url = $1", &[url])? {
            return Ok(dup(r.get(0), format!("same URL {url}")));
        }
    }
    if let Some(r) = tx.query_opt(
        "SELECT id FROM articles WHERE content_hash = $1",
        &[&content_hash(&article.text)],
    )? {
        return Ok(dup(r.get(0), "same text".into()));
    }
    Ok(None)
}

/// Every write transaction bumps the library's generation (a row of parallax_meta)
/// before it commits, so the change is visible exactly when the write is: the
/// change token of [`Library::change_token`].
const BUMP_GENERATION: &str =
    "UPDATE parallax_meta SET value = (value::bigint + 1)::text WHERE key = 'generation'";

/// Taken by every transaction that changes the stories (placing, refreshing,
/// deleting an article), so they run one at a time as SQLite's writers do.
const STORY_LOCK: &str = "SELECT pg_advisory_xact_lock(7231680214)";

const ARTICLE_COLUMNS: &str = "id, outlet_json, meta_json, text, removed_json, analysis_json";

impl Library for PgLibrary {
    fn known(&self, article: &Article) -> Result<Option<ImportOutcome>> {
        self.with(|c| {
            let mut tx = c.transaction()?;
            let d = duplicate_of(&mut tx, article)?;
            tx.commit()?;
            Ok(d)
        })
    }

    fn import(&self, article: &Article, analysis: &Analysis) -> Result<ImportOutcome> {
        self.with(|c| {
            let mut tx = c.transaction()?;
            // one writer at a time decides duplicates
            tx.batch_execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")?;
            let hash = content_hash(&article.text);
            if let Some(dup) = duplicate_of(&mut tx, article)? {
                return Ok(dup);
            }
            let title = article.display_title();
            let words = article.text.split_whitespace().count() as i32;
            tx.execute(
                "INSERT INTO articles(id, outlet, outlet_json, title, url, published, meta_json, text, removed_json, analysis_json, content_hash, words, tsv)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                         setweight(to_tsvector('simple', $4), 'A') || setweight(to_tsvector('simple', $8), 'B'))",
                &[
                    &article.id,
                    &article.outlet.name,
                    &json(&article.outlet),
                    &title,
                    &article.meta.url,
                    &article.meta.published,
                    &json(&article.meta),
                    &article.text,
                    &json(&article.removed),
                    &json(analysis),
                    &hash,
                    &words,
                ],
            )?;
            for e in &analysis.entities {
                tx.execute(
                    "INSERT INTO entities(article_id, key, name, folded, kind, mentions) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                    &[&article.id, &e.key, &e.name, &fold(&e.name), &e.kind.as_str(), &(e.mentions as i32)],
                )?;
            }
            // its story is due, in the same transaction (crate::stories)
            tx.execute("INSERT INTO story_queue(article_id) VALUES ($1)", &[&article.id])?;
            tx.batch_execute(BUMP_GENERATION)?;
            tx.commit()?;
            Ok(ImportOutcome::Added { id: article.id.clone() })
        })
    }

    fn article(&self, id: &str) -> Result<Option<AnalyzedArticle>> {
        self.with(|c| {
            c.query_opt(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"),
                &[&id],
            )?
            .map(|r| decode(&r))
            .transpose()
        })
    }

    fn delete(&self, id: &str) -> Result<bool> {
        self.with(|c| {
            let mut tx = c.transaction()?;
            tx.batch_execute(STORY_LOCK)?;
            crate::stories::forget_article(&mut PgDb::new(&mut tx), id)?;
            let n = tx.execute("DELETE FROM articles WHERE id = $1", &[&id])?;
            if n > 0 {
                tx.batch_execute(BUMP_GENERATION)?;
            }
            tx.commit()?;
            Ok(n > 0)
        })
    }

    fn outlets(&self) -> Result<Vec<String>> {
        self.with(|c| {
            Ok(
                c.query("SELECT DISTINCT outlet FROM articles ORDER BY outlet", &[])?
                    .iter()
                    .map(|r| r.get::<_, String>(0))
                    .collect(),
            )
        })
    }

    fn count(&self) -> Result<usize> {
        self.with(|c| {
            Ok(c.query_one("SELECT count(*) FROM articles", &[])?
                .get::<_, i64>(0) as usize)
        })
    }

    fn list(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
        self.with(|c| {
            Ok(c.query(
                "SELECT id, outlet, title, url, published, words, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                 FROM articles ORDER BY coalesce(published, '') DESC, id LIMIT $1 OFFSET $2",
                &[&(limit as i64), &(offset as i64)],
            )?
            .iter()
            .map(|r| ArticleSummary {
                id: r.get(0),
                outlet: r.get(1),
                title: r.get(2),
                url: r.get(3),
                published: r.get(4),
                words: r.get::<_, i32>(5) as usize,
                imported_at: r.get(6),
            })
            .collect())
        })
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let outlets = if q.outlet.is_some() {
            self.outlets()?
        } else {
            Vec::new()
        };
        let q = &q.checked(&outlets)?;
        let limit = if q.limit == 0 { 20 } else { q.limit.min(200) } as i64;
        let Some(tsq) = ts_query(&q.text) else {
            return Ok(SearchResults {
                total: 0,
                hits: Vec::new(),
            });
        };
        let keys: Option<Vec<String>> = match &q.actor {
            Some(a) => Some(self.actor_keys(a)?),
            None => None,
        };
        let to = q.to.as_ref().map(|t| format!("{t}\u{10FFFF}"));
        self.with(|c| {
            let filters = "a.tsv @@ query
                AND ($2::text IS NULL OR a.outlet = $2)
                AND ($3::text IS NULL OR a.published >= $3)
                AND ($4::text IS NULL OR a.published <= $4)
                AND ($5::text[] IS NULL OR a.id IN (SELECT article_id FROM entities WHERE key = ANY($5)))";
            let args: [&(dyn postgres::types::ToSql + Sync); 5] = [&tsq, &q.outlet, &q.from, &to, &keys];
            let total: i64 = c.query_one(&format!("SELECT count(*) FROM articles a, to_tsquery('simple', $1) query WHERE {filters}"), &args)?.get(0);
            let rows = c.query(
                &format!(
                    "SELECT a.id, a.outlet, a.title, a.published, a.url, ts_rank_cd(a.tsv, query)::float8,
                            ts_headline('simple', a.text, query, 'StartSel=\u{2}, StopSel=\u{3}, MaxWords=30, MinWords=12, MaxFragments=1')
                     FROM articles a, to_tsquery('simple', $1) query WHERE {filters}
                     ORDER BY ts_rank_cd(a.tsv, query) DESC, a.id LIMIT {limit} OFFSET {}",
                    q.offset
                ),
                &args,
            )?;
            let hits = rows
                .iter()
                .map(|r| SearchHit {
                    id: r.get(0),
                    outlet: r.get(1),
                    title: r.get(2),
                    published: r.get(3),
                    url: r.get(4),
                    score: r.get(5),
                    snippet: snippet_parts(r.get(6)),
                })
                .collect();
            Ok(SearchResults { total: total as usize, hits })
        })
    }

    fn all_analyzed(&self) -> Result<Vec<AnalyzedArticle>> {
        self.with(|c| {
            c.query(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY id"),
                &[],
            )?
            .iter()
            .map(decode)
            .collect()
        })
    }

    fn write_tx(&self, f: &mut dyn FnMut(&mut dyn Db) -> Result<()>) -> Result<()> {
        self.with(|c| {
            let mut tx = c.transaction()?;
            tx.batch_execute(STORY_LOCK)?;
            f(&mut PgDb::new(&mut tx))?;
            tx.batch_execute(BUMP_GENERATION)?;
            tx.commit()?;
            Ok(())
        })
    }

    fn read_tx(&self, f: &mut dyn FnMut(&mut dyn Db) -> Result<()>) -> Result<()> {
        self.with(|c| {
            let mut tx = c
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            f(&mut PgDb::new(&mut tx))?;
            tx.commit()?;
            Ok(())
        })
    }

    fn story_count(&self) -> Result<usize> {
        self.with(|c| {
            Ok(c.query_one("SELECT count(*) FROM stories", &[])?
                .get::<_, i64>(0) as usize)
        })
    }

    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>> {
        self.with(|c| {
            c.query(
                "SELECT id, title, articles, outlets_json, first_published, last_published FROM stories
                 ORDER BY outlet_count DESC, articles DESC, coalesce(last_published, '') DESC, id LIMIT $1 OFFSET $2",
                &[&(limit as i64), &(offset as i64)],
            )?
            .iter()
            .map(|r| {
                Ok(StorySummary {
                    id: r.get(0),
                    title: r.get(1),
                    articles: r.get::<_, i32>(2) as usize,
                    outlets: from_json(r.get(3))?,
                    first_published: r.get(4),
                    last_published: r.get(5),
                })
            })
            .collect()
        })
    }

    fn story(&self, id: &str) -> Result<Option<StoryRecord>> {
        self.with(|c| {
            c.query_opt("SELECT record_json FROM stories WHERE id = $1", &[&id])?
                .map(|r| from_json(r.get(0)))
                .transpose()
        })
    }

    fn find_actors(&self, query: &str, limit: usize) -> Result<Vec<ActorSummary>> {
        let folded = fold(query);
        if folded.is_empty() {
            return Ok(Vec::new());
        }
        let like = format!("%{}%", folded.replace(['%', '_'], ""));
        self.with(|c| {
            c.query(
                "SELECT id, name, kind, articles, mentions FROM identities
                 WHERE folded = $1 OR id = $1 OR folded LIKE $2 OR id IN (SELECT k.identity FROM identity_keys k WHERE k.key LIKE $2)
                 ORDER BY (folded = $1) DESC, mentions DESC, id LIMIT $3",
                &[&folded, &like, &(limit as i64)],
            )?
            .iter()
            .map(|r| {
                Ok(ActorSummary {
                    id: r.get(0),
                    name: r.get(1),
                    kind: from_json(&format!("\"{}\"", r.get::<_, String>(2)))?,
                    articles: r.get::<_, i32>(3) as usize,
                    mentions: r.get::<_, i32>(4) as usize,
                })
            })
            .collect()
        })
    }

    fn actor(&self, id: &str) -> Result<Option<ActorProfile>> {
        // An article's link names its own key for the actor; the identity it was
        // merged into answers for it.
        let identity: Option<String> = self.with(|c| {
            Ok(
                c.query_opt("SELECT identity FROM identity_keys WHERE key = $1", &[&id])?
                    .map(|r| r.get(0)),
            )
        })?;
        let id = identity.as_deref().unwrap_or(id);
        let Some(actor) = self.find_actors(id, 50)?.into_iter().find(|a| a.id == id) else {
            return Ok(None);
        };
        let keys = self.actor_keys(id)?;
        let rows = self.with(|c| {
            c.query(
                &format!(
                    "SELECT {ARTICLE_COLUMNS}, published FROM articles WHERE id IN (SELECT article_id FROM entities WHERE key = ANY($1)) ORDER BY coalesce(published, ''), id"
                ),
                &[&keys],
            )?
            .iter()
            .map(|r| Ok((decode(r)?, r.get::<_, Option<String>>(6))))
            .collect::<Result<Vec<_>>>()
        })?;
        Ok(Some(profile_from(actor, &keys, rows)))
    }

    fn check(&self) -> Result<()> {
        self.with(|c| {
            let orphans: i64 = c.query_one("SELECT count(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)", &[])?.get(0);
            if orphans > 0 {
                return Err(StoreError::Corrupt(format!("{orphans} actor rows without their article")));
            }
            Ok(())
        })
    }

    fn schema_version(&self) -> Result<u32> {
        self.with(|c| {
            Ok(c.query_opt(
                "SELECT value FROM parallax_meta WHERE key = 'schema_version'",
                &[],
            )?
            .map(|r| r.get::<_, String>(0).parse().unwrap_or(0))
            .unwrap_or(0))
        })
    }

    fn change_token(&self) -> Result<u64> {
        self.with(|c| {
            let v: String = c
                .query_one(
                    "SELECT value FROM parallax_meta WHERE key = 'generation'",
                    &[],
                )?
                .get(0);
            v.parse()
                .map_err(|_| StoreError::Corrupt(format!("library generation {v:?}")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsqueries_are_built_from_words_only() {
        assert_eq!(
            ts_query(r#"Maduro "socialist dictator""#).unwrap(),
            "('maduro') & ('socialist' <-> 'dictator')"
        );
        assert_eq!(ts_query("genoc*").unwrap(), "('genoc':*)");
        assert_eq!(
            ts_query("x' | !y & z:*").unwrap(),
            "('x') & ('y') & ('z':*)"
        );
        assert_eq!(ts_query("   "), None);
    }
}
