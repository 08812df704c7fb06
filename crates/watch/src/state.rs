//! What the watcher remembers, kept in the library (`watch_feeds`, `watch_items`)
//! so a restart resumes where it stopped: per feed its validators (ETag,
//! Last-Modified), when it is next due, how many polls in a row failed and why;
//! per entry (by its link, else a hash of its content) that it was seen and what
//! became of it, or that its page waits to be fetched.

use parallax_store::db::{Db, Val};
use parallax_store::{Library, Result};

/// A feed's remembered state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Unix seconds at which it is due.
    pub next_poll: i64,
    /// Polls in a row that failed.
    pub failures: i64,
    pub last_error: Option<String>,
    pub last_polled: Option<i64>,
}

/// An entry whose article page waits to be fetched (a teaser: its host's limit
/// was reached, or a fetch failed and is tried again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPage {
    pub feed: String,
    pub item: String,
    pub url: String,
    pub attempts: i64,
}

/// What became of an entry: "pending" (its page waits), or the import's outcome.
pub const PENDING: &str = "pending";

/// Adds the feeds not yet known, due now.
pub fn register(lib: &dyn Library, urls: &[String], now: i64) -> Result<()> {
    lib.write_tx(&mut |db| {
        for u in urls {
            db.exec(
                "INSERT INTO watch_feeds(url, next_poll, failures) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING",
                &[u.as_str().into(), Val::Int(now)],
            )?;
        }
        Ok(())
    })
}

fn feed_of(row: Vec<Val>) -> Result<FeedState> {
    let mut r = row.into_iter();
    let mut next = || r.next().unwrap_or(Val::Null);
    Ok(FeedState {
        url: next().text()?,
        etag: next().opt_text()?,
        last_modified: next().opt_text()?,
        next_poll: next().int()?,
        failures: next().int()?,
        last_error: next().opt_text()?,
        last_polled: next().opt_int()?,
    })
}

/// The state of each of `urls` (registered before), in the order given.
pub fn feeds(lib: &dyn Library, urls: &[String]) -> Result<Vec<FeedState>> {
    let mut out = Vec::with_capacity(urls.len());
    lib.read_tx(&mut |db| {
        out.clear();
        for u in urls {
            if let Some(r) = db.row(
                "SELECT url, etag, last_modified, next_poll, failures, last_error, last_polled FROM watch_feeds WHERE url = $1",
                &[u.as_str().into()],
            )? {
                out.push(feed_of(r)?);
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// Saves a feed's state after a poll.
pub fn save(lib: &dyn Library, f: &FeedState) -> Result<()> {
    lib.write_tx(&mut |db| {
        db.exec(
            "UPDATE watch_feeds SET etag = $1, last_modified = $2, next_poll = $3, failures = $4, last_error = $5, last_polled = $6 WHERE url = $7",
            &[
                f.etag.clone().into(),
                f.last_modified.clone().into(),
                Val::Int(f.next_poll),
                Val::Int(f.failures),
                f.last_error.clone().into(),
                f.last_polled.into(),
                f.url.as_str().into(),
            ],
        )?;
        Ok(())
    })
}

/// Which of `items` (entry keys of `feed`) were seen before.
pub fn seen(lib: &dyn Library, feed: &str, items: &[String]) -> Result<Vec<bool>> {
    let mut out = Vec::with_capacity(items.len());
    lib.read_tx(&mut |db| {
        out.clear();
        for i in items {
            out.push(
                db.row(
                    "SELECT 1 FROM watch_items WHERE feed = $1 AND item = $2",
                    &[feed.into(), i.as_str().into()],
                )?
                .is_some(),
            );
        }
        Ok(())
    })?;
    Ok(out)
}

/// Records what became of an entry (or that its page waits: [`PENDING`]).
pub fn mark(
    db: &mut dyn Db,
    feed: &str,
    item: &str,
    outcome: &str,
    url: Option<&str>,
    attempts: i64,
    now: i64,
) -> Result<()> {
    db.exec(
        "INSERT INTO watch_items(feed, item, seen, outcome, url, attempts) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (feed, item) DO UPDATE SET outcome = excluded.outcome, url = excluded.url, attempts = excluded.attempts",
        &[
            feed.into(),
            item.into(),
            Val::Int(now),
            outcome.into(),
            url.map(str::to_string).into(),
            Val::Int(attempts),
        ],
    )?;
    Ok(())
}

/// The pages waiting to be fetched for `feeds`, oldest first.
pub fn pending_pages(lib: &dyn Library, feeds: &[String]) -> Result<Vec<PendingPage>> {
    let mut out = Vec::new();
    lib.read_tx(&mut |db| {
        out.clear();
        for r in db.query(
            "SELECT feed, item, url, attempts FROM watch_items WHERE outcome = $1 ORDER BY seen, feed, item",
            &[PENDING.into()],
        )? {
            let mut r = r.into_iter();
            let mut next = || r.next().unwrap_or(Val::Null);
            let p = PendingPage {
                feed: next().text()?,
                item: next().text()?,
                url: next().opt_text()?.unwrap_or_default(),
                attempts: next().int()?,
            };
            if feeds.contains(&p.feed) {
                out.push(p);
            }
        }
        Ok(())
    })?;
    Ok(out)
}
