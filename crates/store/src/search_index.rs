//! The SQLite library's search engine: a tantivy index beside the database.
//!
//! SQLite stays the source of truth (and its FTS5 table the fallback); the tantivy
//! index is derived from it and may lag behind: before a search it catches up with
//! the articles added since its last commit (by rowid) and the ones deleted (a log
//! table filled by a trigger). What it has indexed is recorded in the payload of its
//! own commit, so a process killed at any moment leaves an index that is merely
//! behind, never wrong: the next search catches up again. Why tantivy: FTS5 scores
//! every match of a query to rank it (5–20 ms for two common words over 10,000
//! articles), tantivy's top-k collection does not.
//!
//! A library in a directory this process cannot write is opened read-only: the
//! index is read through [`ReadOnlyDir`], which takes no lock files, and while it
//! is behind the database (it cannot catch up) searches go to FTS5.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

use crate::query::terms_of;
use crate::{SearchHit, SearchQuery, SearchResults, StoreError};

const TOKENIZER: &str = "parallax";
/// Title matches weigh as much as in the FTS5 ranking (`bm25(…, 4.0, 1.0)`).
const TITLE_BOOST: f32 = 4.0;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Synced {
    /// Every article up to this rowid is in the index.
    rowid: i64,
    /// Every deletion up to this log entry is applied.
    deleted: i64,
}

struct Fields {
    rowid: Field,
    title: Field,
    text: Field,
    outlet: Field,
    published: Field,
    actor: Field,
}

pub(crate) struct SearchIndex {
    index: Index,
    /// Opened from a directory this process cannot write: never catches up.
    read_only: bool,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    fields: Fields,
    synced: Mutex<Synced>,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Query(format!("search index: {e}"))
}

fn analyzer() -> TextAnalyzer {
    // The FTS5 table's tokenizer is unicode61 with diacritics removed: the same here.
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

impl SearchIndex {
    /// Opens (creating when needed) the index in `dir`. An index that cannot be
    /// opened (damaged, another version) is rebuilt from scratch, except when
    /// `read_only`: then it is only read, and an index that is not there is an error.
    pub(crate) fn open(dir: &Path, read_only: bool) -> Result<SearchIndex, StoreError> {
        let mut sb = Schema::builder();
        let text_opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            rowid: sb.add_i64_field("rowid", INDEXED | STORED),
            title: sb.add_text_field("title", text_opts.clone()),
            text: sb.add_text_field("text", text_opts),
            outlet: sb.add_text_field("outlet", STRING),
            published: sb.add_text_field("published", STRING),
            actor: sb.add_text_field("actor", STRING),
        };
        let schema = sb.build();
        let index = if read_only {
            let d = tantivy::directory::MmapDirectory::open(dir).map_err(err)?;
            Index::open(ReadOnlyDir(d)).map_err(err)?
        } else {
            std::fs::create_dir_all(dir)?;
            let open = |dir: &Path| -> tantivy::Result<Index> {
                let d = tantivy::directory::MmapDirectory::open(dir)?;
                Index::open_or_create(d, schema.clone())
            };
            // Two processes creating a library at once: the other one may create the
            // index between our look and our create (IndexAlreadyExists). Open again
            // before deciding the index is damaged: wiping it would pull files from
            // under the other process.
            let mut tries = 0;
            loop {
                match open(dir) {
                    Ok(i) => break i,
                    Err(_) if tries < 5 => {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(20 * tries));
                    }
                    Err(_) => {
                        let _ = std::fs::remove_dir_all(dir);
                        std::fs::create_dir_all(dir)?;
                        break open(dir).map_err(err)?;
                    }
                }
            }
        };
        index.tokenizers().register(TOKENIZER, analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        let synced = read_synced(&index);
        Ok(SearchIndex {
            index,
            read_only,
            reader,
            writer: Mutex::new(None),
            fields,
            synced: Mutex::new(synced),
        })
    }

    pub(crate) fn dir_for(library_dir: &Path) -> PathBuf {
        library_dir.join("search")
    }

    /// Brings the index up to date with the database. Errs when another process
    /// holds the index's writer; the caller then searches FTS5 instead.
    pub(crate) fn catch_up(&self, conn: &Connection) -> Result<(), StoreError> {
        let max_rowid: i64 =
            conn.query_row("SELECT coalesce(max(rowid), 0) FROM articles", [], |r| {
                r.get(0)
            })?;
        let max_deleted: i64 = conn.query_row(
            "SELECT coalesce(max(seq), 0) FROM deleted_articles",
            [],
            |r| r.get(0),
        )?;
        let mut synced = self.synced.lock().expect("synced lock");
        if synced.rowid == max_rowid && synced.deleted == max_deleted {
            return Ok(());
        }
        if self.read_only {
            return Err(err(
                "the index is behind the database and the library is read-only",
            ));
        }
        let mut guard = self.writer.lock().expect("writer lock");
        if guard.is_none() {
            // one indexing thread with its minimum memory: catching up is small work
            *guard = Some(
                self.index
                    .writer_with_num_threads(1, 15_000_000)
                    .map_err(err)?,
            );
        }
        let writer = guard.as_mut().expect("writer");
        // Another process may have moved the index on: start from its last commit.
        let _ = self.reader.reload();
        let mut state = read_synced(&self.index).max_by(*synced);
        let mut from = state.rowid;
        {
            let mut st = conn.prepare_cached(
                "SELECT seq, article_rowid FROM deleted_articles WHERE seq > ?1 ORDER BY seq",
            )?;
            let rows = st.query_map([state.deleted], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })?;
            for row in rows {
                let (seq, rowid) = row?;
                writer.delete_term(Term::from_field_i64(self.fields.rowid, rowid));
                // a rowid freed at the top of the table is given out again
                from = from.min(rowid - 1);
                state.deleted = seq;
            }
        }
        {
            let mut st = conn.prepare_cached(
                "SELECT rowid, id, title, text, outlet, published FROM articles WHERE rowid > ?1 ORDER BY rowid",
            )?;
            let mut keys = conn.prepare_cached("SELECT key FROM entities WHERE article_id = ?1")?;
            let mut rows = st.query([from])?;
            while let Some(r) = rows.next()? {
                let rowid: i64 = r.get(0)?;
                let id: String = r.get(1)?;
                let mut d = doc!(
                    self.fields.rowid => rowid,
                    self.fields.title => r.get::<_, String>(2)?,
                    self.fields.text => r.get::<_, String>(3)?,
                    self.fields.outlet => r.get::<_, String>(4)?,
                );
                if let Some(p) = r.get::<_, Option<String>>(5)? {
                    d.add_text(self.fields.published, p);
                }
                for k in keys.query_map([&id], |r| r.get::<_, String>(0))? {
                    d.add_text(self.fields.actor, k?);
                }
                writer.delete_term(Term::from_field_i64(self.fields.rowid, rowid));
                writer.add_document(d).map_err(err)?;
                state.rowid = state.rowid.max(rowid);
            }
        }
        let mut commit = writer.prepare_commit().map_err(err)?;
        commit.set_payload(&serde_json::to_string(&state).map_err(err)?);
        commit.commit().map_err(err)?;
        self.reader.reload().map_err(err)?;
        *synced = state;
        Ok(())
    }

    /// Top hits of a query (ranked by BM25, title matches boosted) and the total.
    /// Article fields and snippets come from the database by rowid.
    pub(crate) fn search(
        &self,
        conn: &Connection,
        q: &SearchQuery,
        keys: Option<&[String]>,
        limit: usize,
    ) -> Result<SearchResults, StoreError> {
        let empty = SearchResults {
            total: 0,
            hits: Vec::new(),
        };
        let Some(text_query) = self.text_query(&q.text) else {
            return Ok(empty);
        };
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        let f = &self.fields;
        if let Some(o) = &q.outlet {
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.outlet, o),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if q.from.is_some() || q.to.is_some() {
            let lower = q.from.as_ref().map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_text(f.published, d))
            });
            // inclusive of the whole day
            let upper = q.to.as_ref().map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_text(
                    f.published,
                    &format!("{d}\u{10FFFF}"),
                ))
            });
            must.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        if let Some(keys) = keys {
            if keys.is_empty() {
                return Ok(empty);
            }
            let any: Vec<(Occur, Box<dyn Query>)> = keys
                .iter()
                .map(|k| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(f.actor, k),
                            IndexRecordOption::Basic,
                        )) as Box<dyn Query>,
                    )
                })
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let query = BooleanQuery::new(must);
        let searcher = self.reader.searcher();
        let (top, total) = searcher
            .search(
                &query,
                &(TopDocs::with_limit(limit).and_offset(q.offset), Count),
            )
            .map_err(err)?;
        if top.is_empty() {
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
            });
        }
        let mut ranked = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(err)?;
            let rowid = d
                .get_first(f.rowid)
                .and_then(|v| v.as_i64())
                .ok_or_else(|| err("a document without its rowid"))?;
            ranked.push((rowid, score));
        }
        let mut snippets = SnippetGenerator::create(&searcher, &text_query, f.text).map_err(err)?;
        snippets.set_max_num_chars(180);
        let ids: Vec<String> = ranked.iter().map(|(r, _)| r.to_string()).collect();
        let sql = format!(
            "SELECT rowid, id, outlet, title, published, url, text FROM articles WHERE rowid IN ({})",
            ids.join(",")
        );
        let mut st = conn.prepare(&sql)?;
        let mut rows: std::collections::HashMap<i64, SearchHit> = std::collections::HashMap::new();
        let mut it = st.query([])?;
        while let Some(r) = it.next()? {
            let text: String = r.get(6)?;
            let s = snippets.snippet(&text);
            rows.insert(
                r.get(0)?,
                SearchHit {
                    id: r.get(1)?,
                    outlet: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    url: r.get(5)?,
                    score: 0.0,
                    snippet: snippet_parts(s.fragment(), s.highlighted(), &text),
                },
            );
        }
        // An article deleted since the index last caught up is simply left out.
        let hits = ranked
            .into_iter()
            .filter_map(|(rowid, score)| {
                rows.remove(&rowid).map(|mut h| {
                    h.score = f64::from(score);
                    h
                })
            })
            .collect();
        Ok(SearchResults { total, hits })
    }

    /// Every term must match, in the title (boosted) or the text; phrases keep their
    /// order; `word*` is a prefix.
    fn text_query(&self, input: &str) -> Option<Box<dyn Query>> {
        let mut an = analyzer();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (term, prefix) in terms_of(input) {
            let mut words = Vec::new();
            let mut stream = an.token_stream(&term);
            while stream.advance() {
                words.push(stream.token().text.clone());
            }
            if words.is_empty() {
                continue;
            }
            let per_field = |field: Field| -> Box<dyn Query> {
                let terms: Vec<Term> = words
                    .iter()
                    .map(|w| Term::from_field_text(field, w))
                    .collect();
                if prefix {
                    Box::new(PhrasePrefixQuery::new(terms))
                } else if terms.len() == 1 {
                    Box::new(TermQuery::new(
                        terms[0].clone(),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new(terms))
                }
            };
            let either = BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(per_field(self.fields.title), TITLE_BOOST))
                        as Box<dyn Query>,
                ),
                (Occur::Should, per_field(self.fields.text)),
            ]);
            clauses.push((Occur::Must, Box::new(either)));
        }
        if clauses.is_empty() {
            return None;
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }
}

/// A tantivy directory for an index this process cannot write: reads go to the
/// memory-mapped directory; locks are taken without a lock file (nothing here
/// writes, and meta.json is replaced atomically by a writer elsewhere); writes fail.
#[derive(Debug, Clone)]
struct ReadOnlyDir(tantivy::directory::MmapDirectory);

fn read_only_io() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        "the search index is opened read-only",
    )
}

impl tantivy::Directory for ReadOnlyDir {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> Result<
        std::sync::Arc<dyn tantivy::directory::FileHandle>,
        tantivy::directory::error::OpenReadError,
    > {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), tantivy::directory::error::DeleteError> {
        Err(tantivy::directory::error::DeleteError::IoError {
            io_error: std::sync::Arc::new(read_only_io()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, tantivy::directory::error::OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(
        &self,
        path: &Path,
    ) -> Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError> {
        Err(tantivy::directory::error::OpenWriteError::IoError {
            io_error: std::sync::Arc::new(read_only_io()),
            filepath: path.to_path_buf(),
        })
    }

    fn atomic_read(
        &self,
        path: &Path,
    ) -> Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(read_only_io())
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(
        &self,
        _lock: &tantivy::directory::Lock,
    ) -> Result<tantivy::directory::DirectoryLock, tantivy::directory::error::LockError> {
        Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
    }

    fn watch(
        &self,
        _cb: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        Ok(tantivy::directory::WatchHandle::empty())
    }
}

impl Synced {
    fn max_by(self, other: Synced) -> Synced {
        if (other.rowid, other.deleted) > (self.rowid, self.deleted) {
            other
        } else {
            self
        }
    }
}

fn read_synced(index: &Index) -> Synced {
    index
        .load_metas()
        .ok()
        .and_then(|m| m.payload)
        .and_then(|p| serde_json::from_str(&p).ok())
        .unwrap_or_default()
}

/// The fragment with its highlighted ranges as snippet parts, with an ellipsis
/// where it does not start or end the text.
fn snippet_parts(
    fragment: &str,
    highlighted: &[std::ops::Range<usize>],
    text: &str,
) -> Vec<crate::SnippetPart> {
    let mut out = Vec::new();
    let push = |out: &mut Vec<crate::SnippetPart>, s: &str, hit: bool| {
        if !s.is_empty() {
            out.push(crate::SnippetPart {
                text: s.to_string(),
                hit,
            });
        }
    };
    if fragment.is_empty() {
        let head: String = text.chars().take(160).collect();
        push(&mut out, &head, false);
        return out;
    }
    let lead = !text.starts_with(fragment);
    let trail = !text.ends_with(fragment);
    let mut at = 0;
    let mut first = true;
    for r in highlighted {
        let (s, e) = (r.start.min(fragment.len()), r.end.min(fragment.len()));
        if s < at || !fragment.is_char_boundary(s) || !fragment.is_char_boundary(e) {
            continue;
        }
        let before = &fragment[at..s];
        if first && lead {
            push(&mut out, &format!("…{before}"), false);
        } else {
            push(&mut out, before, false);
        }
        first = false;
        push(&mut out, &fragment[s..e], true);
        at = e;
    }
    let rest = &fragment[at..];
    match (first && lead, trail) {
        (true, true) => push(&mut out, &format!("…{rest}…"), false),
        (true, false) => push(&mut out, &format!("…{rest}"), false),
        (false, true) => push(&mut out, &format!("{rest}…"), false),
        (false, false) => push(&mut out, rest, false),
    }
    out
}
