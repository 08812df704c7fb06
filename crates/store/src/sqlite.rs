//! The default backend: one SQLite file (`library.sqlite`) in the library
//! directory, write-ahead logged, full-text search with FTS5 in the same file so
//! the article and its index entry commit together.
//!
//! A library directory this process cannot write (permissions, a read-only mount,
//! an immutable flag) is opened read-only: SQLite in `mode=ro` when a writer left
//! the write-ahead log's `-shm` file, else `immutable=1` (a read-only WAL database
//! needs that file, which cannot be created there; without it no log is left to
//! read); the search index without lock files. Immutable assumes no other account
//! writes the library while it is open. Writes fail with SQLite's "readonly
//! database" error.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use parallax_core::{Analysis, AnalyzedArticle, Article, ArticleMeta, Outlet, fold};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::db::{Db, SqliteDb};
use crate::query::fts_query;
use crate::search_index::SearchIndex;
use crate::{
    ActorProfile, ActorSummary, ArticleSummary, ImportOutcome, Library, Result, SCHEMA_VERSION,
    SearchHit, SearchQuery, SearchResults, SnippetPart, StoreError, StoryRecord, StorySummary,
    content_hash, profile_from,
};

const SCHEMA_V1: &str = "
CREATE TABLE articles(
    id TEXT PRIMARY KEY,
    outlet TEXT NOT NULL,
    outlet_json TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    published TEXT,
    meta_json TEXT NOT NULL,
    text TEXT NOT NULL,
    removed_json TEXT NOT NULL,
    analysis_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    words INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_outlet ON articles(outlet, published);
CREATE INDEX articles_imported ON articles(imported_at);
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
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, outlet UNINDEXED,
    content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE stories(
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    articles INTEGER NOT NULL,
    outlets_json TEXT NOT NULL,
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

/// v3: the search index (tantivy, beside the database) learns of deletions from
/// this log; AUTOINCREMENT so a log position is never given out twice.
const SCHEMA_V3: &str = "
CREATE TABLE deleted_articles(seq INTEGER PRIMARY KEY AUTOINCREMENT, article_rowid INTEGER NOT NULL);
CREATE TRIGGER articles_deleted AFTER DELETE ON articles BEGIN
    INSERT INTO deleted_articles(article_rowid) VALUES (old.rowid);
END;
";

/// v4: stories kept up to date one article at a time (`crate::stories`): the
/// articles not placed yet (queued in the transaction that adds them), each placed
/// article's story and contribution, each story's profile and whether its stored
/// comparison is out of date, the document frequencies, the candidate index, the
/// forms identities are found by, and the feed watcher's state. The stories and
/// identities of the full rebuilds before are dropped, and every article is queued:
/// the next `import`, `serve` or `watch` places them.
const SCHEMA_V4: &str = "
CREATE TABLE story_queue(seq INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL UNIQUE);
CREATE TABLE story_members(
    article_id TEXT PRIMARY KEY,
    story INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    contribution BLOB NOT NULL,
    posted BLOB NOT NULL
);
CREATE INDEX story_members_story ON story_members(story, seq);
CREATE INDEX story_members_seq ON story_members(seq);
CREATE TABLE story_state(
    story INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    version INTEGER NOT NULL,
    dirty INTEGER NOT NULL,
    profile BLOB NOT NULL
);
CREATE INDEX story_state_dirty ON story_state(dirty, story);
CREATE TABLE story_features(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, df INTEGER NOT NULL);
CREATE TABLE story_postings(feature INTEGER NOT NULL, story INTEGER NOT NULL, PRIMARY KEY(feature, story)) WITHOUT ROWID;
CREATE TABLE identity_forms(form TEXT NOT NULL, identity TEXT NOT NULL, PRIMARY KEY(form, identity)) WITHOUT ROWID;
CREATE TABLE story_counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE watch_feeds(
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    next_poll INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    last_error TEXT,
    last_polled INTEGER
);
CREATE TABLE watch_items(
    feed TEXT NOT NULL,
    item TEXT NOT NULL,
    seen INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    url TEXT,
    attempts INTEGER NOT NULL,
    PRIMARY KEY(feed, item)
) WITHOUT ROWID;
CREATE INDEX watch_items_outcome ON watch_items(outcome, seen);
DELETE FROM stories;
DELETE FROM identities;
DELETE FROM identity_keys;
INSERT INTO story_queue(article_id) SELECT id FROM articles ORDER BY rowid;
";

/// Migrations: index i takes the schema from version i to i + 1.
const MIGRATIONS: &[&str] = &[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4];

/// A library in one SQLite file inside its directory, with its tantivy search index beside
/// it (the default).
pub struct SqliteLibrary {
    path: PathBuf,
    /// How connections are opened: read-write, or read-only (and how).
    mode: OpenMode,
    pool: Mutex<Vec<Connection>>,
    /// A connection that only ever reads `PRAGMA data_version`, which changes when
    /// any other connection (of this process or another) commits: the change token.
    watcher: Mutex<Option<Connection>>,
    /// The search engine; `None` when its directory cannot be opened, and then
    /// searches go to the FTS5 table.
    search: Option<SearchIndex>,
    /// The fallback to FTS5 is said once, not at every search.
    search_fallback_said: std::sync::atomic::AtomicBool,
}

fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // ISO 8601 UTC without a date library: days from the epoch to civil date.
    let days = (secs / 86_400) as i64;
    let (y, m, d) = civil(days);
    let s = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenMode {
    ReadWrite,
    /// `mode=ro`: reads the write-ahead log through an existing `-shm` file.
    ReadOnly,
    /// `immutable=1`: no log left to read, and no `-shm` file can be made.
    Immutable,
}

/// Whether this process may create and change files in `p` (`access(2)`, so
/// read-only mounts and immutable files count, and root's rights too).
fn writable(p: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(p.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// `path` as a SQLite `file:` URI with `query`, its special characters escaped.
fn uri(path: &Path, query: &str) -> String {
    let mut out = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out.push('?');
    out.push_str(query);
    out
}

impl SqliteLibrary {
    /// Opens (creating when needed) the library in directory `dir`; read-only when
    /// this process cannot write the directory or the database file.
    pub fn open(dir: &Path) -> Result<SqliteLibrary> {
        if !dir.exists() {
            std::fs::create_dir_all(dir)?;
        }
        let db = dir.join("library.sqlite");
        let read_only = !writable(dir) || (db.exists() && !writable(&db));
        Self::open_in(dir, read_only)
    }

    /// Opens an existing library without writing anything in its directory, as
    /// [`open`](Self::open) does by itself for a directory it cannot write.
    pub fn open_read_only(dir: &Path) -> Result<SqliteLibrary> {
        Self::open_in(dir, true)
    }

    /// Whether the library was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.mode != OpenMode::ReadWrite
    }

    fn open_in(dir: &Path, read_only: bool) -> Result<SqliteLibrary> {
        let path = dir.join("library.sqlite");
        if read_only && !path.exists() {
            return Err(StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no library here, and the directory cannot be written to create one",
            )));
        }
        let search = match SearchIndex::open(&SearchIndex::dir_for(dir), read_only) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!(
                    "parallax: {}: {e}; searching the database instead",
                    dir.display()
                );
                None
            }
        };
        // Read-only: through the write-ahead log's shared-memory file when a writer
        // left one (mode=ro); with none, nothing can be in a log, and immutable reads
        // the database file alone (mode=ro would have to create the -shm file).
        let shm = dir.join("library.sqlite-shm");
        let mode = match (read_only, shm.exists()) {
            (false, _) => OpenMode::ReadWrite,
            (true, true) => OpenMode::ReadOnly,
            (true, false) => OpenMode::Immutable,
        };
        let lib = SqliteLibrary {
            path,
            mode,
            pool: Mutex::new(Vec::new()),
            watcher: Mutex::new(None),
            search,
            search_fallback_said: std::sync::atomic::AtomicBool::new(false),
        };
        let mut conn = lib.connect().map_err(|e| {
            if mode == OpenMode::ReadOnly {
                StoreError::Corrupt(format!(
                    "the library is read-only here and its write-ahead log cannot be read ({e}); open it once where it can be written"
                ))
            } else {
                e
            }
        })?;
        lib.migrate(&mut conn)?;
        lib.pool.lock().expect("pool lock").push(conn);
        Ok(lib)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn connect(&self) -> Result<Connection> {
        use rusqlite::OpenFlags;
        let ro = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match self.mode {
            OpenMode::ReadWrite => Connection::open(&self.path)?,
            OpenMode::ReadOnly => Connection::open_with_flags(uri(&self.path, "mode=ro"), ro)?,
            OpenMode::Immutable => Connection::open_with_flags(uri(&self.path, "immutable=1"), ro)?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Switching a new database to WAL, or reading one while another process
        // recovers its log, can answer "database is locked" at once, without waiting
        // on the busy timeout (two imports creating one library together): retry
        // for as long as the busy timeout would have waited.
        let started = std::time::Instant::now();
        let mut pause = std::time::Duration::from_millis(5);
        loop {
            match self.setup(&conn) {
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if matches!(
                        f.code,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    ) && started.elapsed() < std::time::Duration::from_secs(10) =>
                {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(std::time::Duration::from_millis(200));
                }
                r => {
                    r?;
                    return Ok(conn);
                }
            }
        }
    }

    /// The per-connection settings, and a first read.
    fn setup(&self, conn: &Connection) -> rusqlite::Result<()> {
        if self.mode == OpenMode::ReadWrite {
            // WAL: readers never block the writer; NORMAL sync is durable against a
            // process crash (kill -9), which is what an acknowledged import promises.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // opening is lazy: read now, so a file that cannot be read fails here
        conn.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))?;
        Ok(())
    }

    fn migrate(&self, conn: &mut Connection) -> Result<()> {
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        if self.is_read_only() {
            return Err(StoreError::Corrupt(format!(
                "the library's schema (version {version}) needs migrating to version {SCHEMA_VERSION}, and it is read-only here; open it once where it can be written"
            )));
        }
        // IMMEDIATE: take the write lock up front, and read the version under it:
        // another process creating the same library may have migrated it since the
        // look above ("table articles already exists" otherwise).
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as u32)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let conn = self.pool.lock().expect("pool lock").pop();
        let mut conn = match conn {
            Some(c) => c,
            None => self.connect()?,
        };
        let out = f(&mut conn);
        let mut pool = self.pool.lock().expect("pool lock");
        if pool.len() < 16 {
            pool.push(conn);
        }
        out
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Snippet markers: control characters no article text keeps (the cleaner drops them).
const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

pub(crate) fn snippet_parts(s: &str) -> Vec<SnippetPart> {
    let mut out = Vec::new();
    let mut hit = false;
    let mut cur = String::new();
    for c in s.chars() {
        if c == OPEN || c == CLOSE {
            if !cur.is_empty() {
                out.push(SnippetPart {
                    text: std::mem::take(&mut cur),
                    hit,
                });
            }
            hit = c == OPEN;
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(SnippetPart { text: cur, hit });
    }
    out
}

impl Library for SqliteLibrary {
    fn known(&self, article: &Article) -> Result<Option<ImportOutcome>> {
        self.with(|conn| duplicate_of(conn, article))
    }

    fn import(&self, article: &Article, analysis: &Analysis) -> Result<ImportOutcome> {
        self.with(|conn| {
            // IMMEDIATE: take the write lock up front; a deferred transaction that reads
            // first cannot wait for another writer (SQLITE_BUSY_SNAPSHOT in WAL mode).
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let hash = content_hash(&article.text);
            if let Some(dup) = duplicate_of(&tx, article)? {
                return Ok(dup);
            }

            let words = article.text.split_whitespace().count();
            let title = article.display_title();
            tx.execute(
                "INSERT INTO articles(id, outlet, outlet_json, title, url, published, meta_json, text, removed_json, analysis_json, content_hash, words, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    article.id,
                    article.outlet.name,
                    json(&article.outlet),
                    title,
                    article.meta.url,
                    article.meta.published,
                    json(&article.meta),
                    article.text,
                    json(&article.removed),
                    json(analysis),
                    hash,
                    words as i64,
                    now()
                ],
            )?;
            let rowid = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO articles_fts(rowid, title, text, outlet) VALUES (?1, ?2, ?3, ?4)",
                params![rowid, title, article.text, article.outlet.name],
            )?;
            {
                let mut ins = tx.prepare("INSERT OR IGNORE INTO entities(article_id, key, name, folded, kind, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
                for e in &analysis.entities {
                    ins.execute(params![article.id, e.key, e.name, fold(&e.name), e.kind.as_str(), e.mentions as i64])?;
                }
            }
            // its story is due, in the same transaction: a kill after the commit
            // leaves it queued for the next update (crate::stories)
            tx.execute("INSERT INTO story_queue(article_id) VALUES (?1)", [&article.id])?;
            tx.commit()?;
            Ok(ImportOutcome::Added { id: article.id.clone() })
        })
    }

    fn article(&self, id: &str) -> Result<Option<AnalyzedArticle>> {
        self.with(|conn| {
            let row = conn
                .query_row(
                    "SELECT id, outlet_json, meta_json, text, removed_json, analysis_json FROM articles WHERE id = ?1",
                    [id],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?)),
                )
                .optional()?;
            row.map(decode_article).transpose()
        })
    }

    fn delete(&self, id: &str) -> Result<bool> {
        self.with(|conn| {
            // IMMEDIATE: take the write lock up front; a deferred transaction that reads
            // first cannot wait for another writer (SQLITE_BUSY_SNAPSHOT in WAL mode).
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let row = tx
                .query_row("SELECT rowid, title, text, outlet FROM articles WHERE id = ?1", [id], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
                })
                .optional()?;
            let Some((rowid, title, text, outlet)) = row else { return Ok(false) };
            tx.execute(
                "INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet) VALUES('delete', ?1, ?2, ?3, ?4)",
                params![rowid, title, text, outlet],
            )?;
            crate::stories::forget_article(&mut SqliteDb(&tx), id)?;
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
            tx.commit()?;
            Ok(true)
        })
    }

    fn prepare_search(&self) -> Result<()> {
        match &self.search {
            Some(ix) => self.with(|conn| ix.catch_up(conn)),
            None => Ok(()),
        }
    }

    fn outlets(&self) -> Result<Vec<String>> {
        self.with(|conn| {
            let mut st = conn.prepare("SELECT DISTINCT outlet FROM articles ORDER BY outlet")?;
            let names = st
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(names)
        })
    }

    fn count(&self) -> Result<usize> {
        self.with(|conn| {
            Ok(
                conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?
                    as usize,
            )
        })
    }

    fn list(&self, limit: usize, offset: usize) -> Result<Vec<ArticleSummary>> {
        self.with(|conn| {
            let mut st = conn.prepare_cached(
                "SELECT id, outlet, title, url, published, words, imported_at FROM articles ORDER BY coalesce(published, '') DESC, id LIMIT ?1 OFFSET ?2",
            )?;
            let rows = st.query_map(params![limit as i64, offset as i64], |r| {
                Ok(ArticleSummary {
                    id: r.get(0)?,
                    outlet: r.get(1)?,
                    title: r.get(2)?,
                    url: r.get(3)?,
                    published: r.get(4)?,
                    words: r.get::<_, i64>(5)? as usize,
                    imported_at: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        })
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let outlets = if q.outlet.is_some() {
            self.outlets()?
        } else {
            Vec::new()
        };
        let q = &q.checked(&outlets)?;
        let limit = if q.limit == 0 { 20 } else { q.limit.min(200) };
        let Some(fts) = fts_query(&q.text) else {
            return Ok(SearchResults {
                total: 0,
                hits: Vec::new(),
            });
        };
        let keys = match &q.actor {
            Some(a) => Some(self.actor_keys(a)?),
            None => None,
        };
        self.with(|conn| {
            if let Some(ix) = &self.search {
                // Another process holding the index's writer (or a damaged index)
                // is no reason to fail a search: FTS5 answers it then.
                match ix.catch_up(conn) {
                    Ok(()) => return ix.search(conn, q, keys.as_deref(), limit),
                    Err(e) => {
                        if !self.search_fallback_said.swap(true, std::sync::atomic::Ordering::Relaxed) {
                            eprintln!("parallax: search index: {e}; searching the database instead");
                        }
                    }
                }
            }
            let mut filters = String::new();
            let mut args: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(fts)];
            if let Some(o) = &q.outlet {
                args.push(Box::new(o.clone()));
                filters.push_str(&format!(" AND a.outlet = ?{}", args.len()));
            }
            if let Some(f) = &q.from {
                args.push(Box::new(f.clone()));
                filters.push_str(&format!(" AND a.published >= ?{}", args.len()));
            }
            if let Some(t) = &q.to {
                // inclusive of the whole day
                args.push(Box::new(format!("{t}\u{10FFFF}")));
                filters.push_str(&format!(" AND a.published <= ?{}", args.len()));
            }
            if let Some(keys) = &keys {
                if keys.is_empty() {
                    return Ok(SearchResults { total: 0, hits: Vec::new() });
                }
                let marks: Vec<String> = keys
                    .iter()
                    .map(|k| {
                        args.push(Box::new(k.clone()));
                        format!("?{}", args.len())
                    })
                    .collect();
                filters.push_str(&format!(" AND a.id IN (SELECT article_id FROM entities WHERE key IN ({}))", marks.join(",")));
            }
            // Without filters the index alone answers; the join is only for filters.
            let base = if filters.is_empty() {
                "FROM articles_fts WHERE articles_fts MATCH ?1".to_string()
            } else {
                format!("FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?1{filters}")
            };
            // One pass over the matches gives both the total and the ranking (the
            // match was evaluated twice before: once to count, once to rank); then
            // snippets are built for the page only, never for every match.
            let pass = format!("SELECT articles_fts.rowid, bm25(articles_fts, 4.0, 1.0) {base}");
            let mut scored: Vec<(f64, i64)> = conn
                .prepare_cached(&pass)?
                .query_map(rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())), |r| Ok((r.get::<_, f64>(1)?, r.get::<_, i64>(0)?)))
                .map_err(query_error)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(query_error)?;
            let total = scored.len() as i64;
            let end = (q.offset + limit).min(scored.len());
            if q.offset < end {
                // only the first `end` need ordering
                scored.select_nth_unstable_by(end - 1, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                scored[..end].sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            }
            let ranked: Vec<i64> = if q.offset < end { scored[q.offset..end].iter().map(|x| x.1).collect() } else { Vec::new() };
            if ranked.is_empty() {
                return Ok(SearchResults { total: total as usize, hits: Vec::new() });
            }
            let ids: Vec<String> = ranked.iter().map(i64::to_string).collect();
            let sql = format!(
                "SELECT articles_fts.rowid, a.id, a.outlet, a.title, a.published, a.url, bm25(articles_fts, 4.0, 1.0), snippet(articles_fts, 1, char(2), char(3), '…', 24)
                 FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?1 AND articles_fts.rowid IN ({})",
                ids.join(",")
            );
            let mut st = conn.prepare(&sql)?;
            let mut found: std::collections::HashMap<i64, SearchHit> = st
                .query_map([&args[0]].into_iter().map(|b| b.as_ref()).collect::<Vec<_>>().as_slice(), |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        SearchHit {
                            id: r.get(1)?,
                            outlet: r.get(2)?,
                            title: r.get(3)?,
                            published: r.get(4)?,
                            url: r.get(5)?,
                            score: -r.get::<_, f64>(6)?,
                            snippet: snippet_parts(&r.get::<_, String>(7)?),
                        },
                    ))
                })
                .map_err(query_error)?
                .collect::<std::result::Result<_, _>>()
                .map_err(query_error)?;
            let hits = ranked.iter().filter_map(|r| found.remove(r)).collect();
            Ok(SearchResults { total: total as usize, hits })
        })
    }

    fn all_analyzed(&self) -> Result<Vec<AnalyzedArticle>> {
        self.with(|conn| {
            let mut st = conn.prepare("SELECT id, outlet_json, meta_json, text, removed_json, analysis_json FROM articles ORDER BY id")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
            let mut out = Vec::new();
            for row in rows {
                out.push(decode_article(row?)?);
            }
            Ok(out)
        })
    }

    fn write_tx(&self, f: &mut dyn FnMut(&mut dyn Db) -> Result<()>) -> Result<()> {
        self.with(|conn| {
            // IMMEDIATE: take the write lock up front; a deferred transaction that reads
            // first cannot wait for another writer (SQLITE_BUSY_SNAPSHOT in WAL mode).
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            f(&mut SqliteDb(&tx))?;
            tx.commit()?;
            Ok(())
        })
    }

    fn read_tx(&self, f: &mut dyn FnMut(&mut dyn Db) -> Result<()>) -> Result<()> {
        self.with(|conn| {
            // a deferred transaction reads one snapshot of the write-ahead log
            let tx = conn.transaction()?;
            f(&mut SqliteDb(&tx))?;
            tx.finish()?;
            Ok(())
        })
    }

    fn read_only(&self) -> bool {
        self.is_read_only()
    }

    fn story_count(&self) -> Result<usize> {
        self.with(|conn| {
            Ok(
                conn.query_row("SELECT count(*) FROM stories", [], |r| r.get::<_, i64>(0))?
                    as usize,
            )
        })
    }

    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>> {
        self.with(|conn| {
            let mut st = conn.prepare_cached(
                "SELECT id, title, articles, outlets_json, first_published, last_published FROM stories
                 ORDER BY json_array_length(outlets_json) DESC, articles DESC, coalesce(last_published, '') DESC, id LIMIT ?1 OFFSET ?2",
            )?;
            let rows = st.query_map(params![limit as i64, offset as i64], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?, r.get(4)?, r.get(5)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, title, articles, outlets, first_published, last_published) = row?;
                out.push(StorySummary { id, title, articles: articles as usize, outlets: from_json(&outlets)?, first_published, last_published });
            }
            Ok(out)
        })
    }

    fn story(&self, id: &str) -> Result<Option<StoryRecord>> {
        self.with(|conn| {
            let row: Option<String> = conn
                .query_row("SELECT record_json FROM stories WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            row.map(|s| from_json(&s)).transpose()
        })
    }

    fn find_actors(&self, query: &str, limit: usize) -> Result<Vec<ActorSummary>> {
        let folded = fold(query);
        if folded.is_empty() {
            return Ok(Vec::new());
        }
        let like = format!("%{}%", folded.replace(['%', '_'], ""));
        self.with(|conn| {
            let mut st = conn.prepare_cached(
                "SELECT id, name, kind, articles, mentions FROM identities
                 WHERE folded = ?1 OR id = ?1 OR folded LIKE ?2 OR id IN (SELECT k.identity FROM identity_keys k WHERE k.key LIKE ?2)
                 ORDER BY (folded = ?1) DESC, mentions DESC, id LIMIT ?3",
            )?;
            let rows = st.query_map(params![folded, like, limit as i64], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(4)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, name, kind, articles, mentions) = row?;
                out.push(ActorSummary { id, name, kind: kind_of(&kind)?, articles: articles as usize, mentions: mentions as usize });
            }
            Ok(out)
        })
    }

    fn actor(&self, id: &str) -> Result<Option<ActorProfile>> {
        // An article's link names its own key for the actor; the identity it was
        // merged into answers for it.
        let identity: Option<String> = self.with(|conn| {
            Ok(conn
                .query_row(
                    "SELECT identity FROM identity_keys WHERE key = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?)
        })?;
        let id = identity.as_deref().unwrap_or(id);
        let summary = self.with(|conn| {
            Ok(conn
                .query_row(
                    "SELECT id, name, kind, articles, mentions FROM identities WHERE id = ?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, i64>(4)?,
                        ))
                    },
                )
                .optional()?)
        })?;
        let Some((id, name, kind, articles, mentions)) = summary else {
            return Ok(None);
        };
        let keys = self.actor_keys(&id)?;
        let rows = self.with(|conn| {
            let marks: Vec<String> = (1..=keys.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "SELECT id, outlet_json, meta_json, text, removed_json, analysis_json, published FROM articles
                 WHERE id IN (SELECT article_id FROM entities WHERE key IN ({})) ORDER BY coalesce(published, ''), id",
                marks.join(",")
            );
            let mut st = conn.prepare(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(keys.iter()), |r| {
                Ok(((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?), r.get::<_, Option<String>>(6)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (a, published) = row?;
                out.push((decode_article(a)?, published));
            }
            Ok(out)
        })?;
        let actor = ActorSummary {
            id,
            name,
            kind: kind_of(&kind)?,
            articles: articles as usize,
            mentions: mentions as usize,
        };
        Ok(Some(profile_from(actor, &keys, rows)))
    }

    fn check(&self) -> Result<()> {
        self.with(|conn| {
            let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if result != "ok" {
                return Err(StoreError::Corrupt(format!("integrity check: {result}")));
            }
            conn.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)",
                [],
            )
            .map_err(|e| StoreError::Corrupt(format!("search index: {e}")))?;
            let orphans: i64 = conn.query_row(
                "SELECT count(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)",
                [],
                |r| r.get(0),
            )?;
            if orphans > 0 {
                return Err(StoreError::Corrupt(format!(
                    "{orphans} actor rows without their article"
                )));
            }
            Ok(())
        })
    }

    fn schema_version(&self) -> Result<u32> {
        self.with(|conn| Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?))
    }

    fn change_token(&self) -> Result<u64> {
        let mut w = self.watcher.lock().expect("watcher lock");
        if w.is_none() {
            *w = Some(self.connect()?);
        }
        let conn = w.as_ref().expect("watcher");
        Ok(conn.pragma_query_value(None, "data_version", |r| r.get::<_, i64>(0))? as u64)
    }
}

impl SqliteLibrary {
    /// The stored keys an actor query stands for: an identity's merged keys, or
    /// the article-level keys whose folded name matches.
    fn actor_keys(&self, actor: &str) -> Result<Vec<String>> {
        let folded = fold(actor);
        self.with(|conn| {
            let mut st = conn.prepare_cached(
                "SELECT key FROM identity_keys WHERE identity IN (SELECT id FROM identities WHERE id = ?1 OR folded = ?2)
                 UNION SELECT DISTINCT key FROM entities WHERE key = ?1 OR folded = ?2",
            )?;
            let rows = st.query_map(params![actor, folded], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }
}

/// The article already in the library that `article` duplicates, if any.
fn duplicate_of(conn: &Connection, article: &Article) -> Result<Option<ImportOutcome>> {
    let dup = |existing: String, reason: String| {
        Some(ImportOutcome::Duplicate {
            id: article.id.clone(),
            existing,
            reason,
        })
    };
    if let Some(existing) = conn
        .query_row(
            "SELECT id FROM articles WHERE id = ?1",
            [&article.id],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    {
        return Ok(dup(existing, "same article already in the library".into()));
    }
    if let Some(url) = &article.meta.url {
        if let Some(existing) = conn
            .query_row("SELECT id FROM articles WHERE url = ?1", [url], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
        {
            return Ok(dup(existing, format!("same URL {url}")));
        }
    }
    let hash = content_hash(&article.text);
    if let Some(existing) = conn
        .query_row(
            "SELECT id FROM articles WHERE content_hash = ?1",
            [&hash],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    {
        return Ok(dup(existing, "same text".into()));
    }
    Ok(None)
}

fn query_error(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("fts5") => {
            StoreError::Query(msg.clone())
        }
        _ => StoreError::Sqlite(e),
    }
}

fn kind_of(s: &str) -> Result<parallax_core::ActorKind> {
    from_json(&format!("\"{s}\""))
}

type Row = (String, String, String, String, String, String);

fn decode_article((id, outlet, meta, text, removed, analysis): Row) -> Result<AnalyzedArticle> {
    let outlet: Outlet = from_json(&outlet)?;
    let meta: ArticleMeta = from_json(&meta)?;
    let article = Article {
        id,
        outlet,
        meta,
        text,
        removed: from_json(&removed)?,
    };
    Ok(AnalyzedArticle {
        article,
        analysis: from_json(&analysis)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19838), (2024, 4, 25));
        assert!(now().ends_with('Z') && now().len() == 20);
    }

    /// A full disk, as SQLite reports it (SQLITE_FULL, here from a page quota):
    /// the error says so and can be told from others, so an import stops at it.
    #[test]
    fn a_full_database_is_an_error_of_its_own() {
        let d = tempfile::tempdir().unwrap();
        let lib = SqliteLibrary::open(d.path()).unwrap();
        let pages: i64 = lib
            .with(|c| Ok(c.query_row("PRAGMA page_count", [], |r| r.get(0))?))
            .unwrap();
        lib.with(|c| Ok(c.pragma_update(None, "max_page_count", pages + 2)?))
            .unwrap();
        let mut err = None;
        for i in 0..200 {
            let text = format!(
                "Article number {i}: {}",
                "words of filler text ".repeat(300)
            );
            let a = Article::new(Outlet::named("Local"), ArticleMeta::default(), text, vec![]);
            if let Err(e) = lib.import(&a, &Analysis::default()) {
                err = Some(e);
                break;
            }
        }
        let e = err.expect("the quota was reached");
        assert!(e.is_full(), "{e:?}");
        assert!(e.to_string().contains("disk is full"), "{e}");
    }

    #[test]
    fn snippets() {
        let p = snippet_parts("a \u{2}b\u{3} c");
        assert_eq!(
            p,
            vec![
                SnippetPart {
                    text: "a ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "b".into(),
                    hit: true
                },
                SnippetPart {
                    text: " c".into(),
                    hit: false
                }
            ]
        );
    }
}
