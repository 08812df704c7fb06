//! Watching feeds: `parallax watch FEEDS.toml` and `parallax serve --watch`.
//!
//! A [`Watcher`] polls the RSS/Atom feeds of a [`FeedsConfig`] on their
//! schedules and imports their new entries into a library through the one import
//! path (`parallax_ingest::Reader` and `parallax_store::Importer`, as `parallax
//! import` does):
//! - a feed is fetched with the validators of its last answer (`If-None-Match`,
//!   `If-Modified-Since`), so an unchanged feed costs its server a 304;
//! - an entry seen before (by its link, else a hash of its content) is passed
//!   over; an entry carrying its article is imported at once; a teaser's page is
//!   fetched when its host allows, else it waits for a later round;
//! - no host gets more than `per_host_per_minute` requests in any minute, feeds
//!   and pages counted together;
//! - a feed that fails (network, HTTP status, not a feed) is tried again later,
//!   the pause doubling with each failure in a row (up to 6 hours, or its interval
//!   when longer), while the others go on.
//!
//! Everything it must remember lives in the library ([`state`]), so a watcher
//! restarted, or killed at any moment, resumes where it stopped; an entry whose
//! import committed but was not yet marked seen is found to be a duplicate by the
//! library, so nothing is imported twice. The caller brings the stories up to date
//! after a round that added articles.
//!
//! Useful for: following outlets as they publish. Not useful for: crawling a
//! site (only what the feeds list is fetched).

pub mod config;
pub mod state;
/// A local HTTP server whose feeds change between polls, for tests.
#[doc(hidden)]
pub mod test_site;

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use parallax_analyze::Analyzer;
use parallax_ingest::feed::{FeedEntry, parse_feed};
use parallax_ingest::fetch::{Conditional, FetchOptions, Fetched, fetch, fetch_if_changed};
use parallax_ingest::{Input, Read, ReadOptions, Reader};
use parallax_store::{Importer, Library, Outcome};

pub use config::{Feed, FeedsConfig};
pub use state::FeedState;

/// A page fetch that failed is tried this many times in all.
pub const PAGE_ATTEMPTS: i64 = 3;

/// The longest pause a failing feed gets (unless its own interval is longer).
pub const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Round {
    /// Feeds fetched (a 304 included).
    pub polled: usize,
    pub not_modified: usize,
    pub failed: usize,
    /// Entries not seen before.
    pub new_entries: usize,
    pub added: usize,
    pub duplicates: usize,
    pub rejected: usize,
    /// Feeds and pages waiting for their host's limit.
    pub waiting: usize,
}

/// "1 entry", "2 entries".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl std::fmt::Display for Round {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} polled ({} not modified, {} failed), {}: {} added, {}, {} rejected; {} waiting for their host",
            self.polled,
            self.not_modified,
            self.failed,
            count(self.new_entries, "new entry", "new entries"),
            self.added,
            count(self.duplicates, "duplicate", "duplicates"),
            self.rejected,
            self.waiting
        )
    }
}

/// Requests per host in a sliding window.
struct Hosts {
    per: u32,
    window: Duration,
    recent: HashMap<String, VecDeque<Instant>>,
}

impl Hosts {
    fn prune(&mut self, host: &str, now: Instant) -> &mut VecDeque<Instant> {
        let q = self.recent.entry(host.to_string()).or_default();
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        q
    }

    /// Takes a request slot of `host` if one is free now.
    fn take(&mut self, host: &str) -> bool {
        let now = Instant::now();
        let per = self.per as usize;
        let q = self.prune(host, now);
        if q.len() < per {
            q.push_back(now);
            true
        } else {
            false
        }
    }

    /// The request of the last slot `host` took has ended: its slot counts from
    /// now, so the window holds between answers too, however slow they were.
    fn finished(&mut self, host: &str) {
        if let Some(t) = self.recent.get_mut(host).and_then(|q| q.back_mut()) {
            *t = Instant::now();
        }
    }

    /// How long until `host` has a free slot.
    fn free_in(&mut self, host: &str) -> Duration {
        let now = Instant::now();
        let (per, window) = (self.per as usize, self.window);
        let q = self.prune(host, now);
        if q.len() < per {
            Duration::ZERO
        } else {
            q.front().map_or(Duration::ZERO, |t| {
                window.saturating_sub(now.duration_since(*t))
            })
        }
    }
}

fn host(url: &str) -> String {
    parallax_ingest::outlets::host_of(url).unwrap_or_else(|| url.to_string())
}

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// How an entry is known across polls: its link, else a hash of what it says.
pub fn item_key(e: &FeedEntry) -> String {
    match &e.record.url {
        Some(u) => format!("url:{u}"),
        None => {
            let r = &e.record;
            let parts = [
                r.title.as_deref().unwrap_or(""),
                r.published.as_deref().unwrap_or(""),
                r.text.as_deref().unwrap_or(""),
                r.html.as_deref().unwrap_or(""),
            ];
            format!("hash:{}", parallax_core::short_id(&parts))
        }
    }
}

/// The pause after the `failures`-th failure in a row: the interval, doubled
/// with each further failure, at most [`MAX_BACKOFF`] (or the interval).
pub fn backoff(interval: Duration, failures: i64) -> Duration {
    let doublings = failures.clamp(1, 16) as u32 - 1;
    let d = interval.saturating_mul(1u32 << doublings.min(12));
    d.min(MAX_BACKOFF.max(interval))
}

fn human(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 && s.is_multiple_of(3600) {
        format!("{} h", s / 3600)
    } else if s >= 60 && s.is_multiple_of(60) {
        format!("{} min", s / 60)
    } else {
        format!("{:.0} s", d.as_secs_f64().max(1.0))
    }
}

/// Polls feeds and imports what is new into one library.
pub struct Watcher {
    cfg: FeedsConfig,
    lib: Arc<dyn Library>,
    analyzer: Arc<Analyzer>,
    read: ReadOptions,
    budget: Duration,
    hosts: Hosts,
}

impl Watcher {
    /// A watcher of the feeds of `cfg`; feeds it has not seen before are due now.
    /// `read` gives the outlet book and size cap, as for `parallax import`;
    /// `budget` bounds each article's analysis.
    pub fn new(
        cfg: FeedsConfig,
        lib: Arc<dyn Library>,
        analyzer: Arc<Analyzer>,
        read: ReadOptions,
        budget: Duration,
    ) -> Result<Watcher, String> {
        let urls: Vec<String> = cfg.feeds.iter().map(|f| f.url.clone()).collect();
        state::register(lib.as_ref(), &urls, unix_now()).map_err(|e| e.to_string())?;
        let hosts = Hosts {
            per: cfg.per_host,
            window: cfg.window,
            recent: HashMap::new(),
        };
        Ok(Watcher {
            cfg,
            lib,
            analyzer,
            read,
            budget,
            hosts,
        })
    }

    pub fn config(&self) -> &FeedsConfig {
        &self.cfg
    }

    fn urls(&self) -> Vec<String> {
        self.cfg.feeds.iter().map(|f| f.url.clone()).collect()
    }

    fn fetch_opts(&self) -> FetchOptions {
        FetchOptions {
            timeout: self.cfg.fetch_timeout,
            max_bytes: self
                .read
                .ingest
                .fetch
                .max_bytes
                .min(self.read.ingest.max_bytes),
        }
    }

    /// One round: the pages waiting for their host, then every feed that is due,
    /// each within its host's limit. Storage errors stop the round; a feed's or a
    /// page's own failure never does.
    pub fn round(&mut self, log: &mut dyn FnMut(&str)) -> Result<Round, String> {
        let mut round = Round::default();
        let lib = self.lib.clone();
        let err = |e: parallax_store::StoreError| e.to_string();
        let mut reader = Reader::new(self.read.clone());
        reader.know_outlets(lib.outlets().map_err(err)?.iter().map(String::as_str));
        let analyzer = self.analyzer.clone();
        let mut importer = Importer::new(lib.as_ref(), &analyzer, self.budget);
        let urls = self.urls();

        // 1. pages of teaser entries waiting for their host, oldest first
        let first = self.round_pages_only(&mut reader, &mut importer, log)?;
        round.added += first.added;
        round.duplicates += first.duplicates;
        round.rejected += first.rejected;

        // 2. feeds that are due, the longest due first
        let now = unix_now();
        let mut due: Vec<FeedState> = state::feeds(lib.as_ref(), &urls)
            .map_err(err)?
            .into_iter()
            .filter(|s| s.next_poll <= now)
            .collect();
        due.sort_by(|a, b| a.next_poll.cmp(&b.next_poll).then(a.url.cmp(&b.url)));
        for mut st in due {
            let Some(feed) = self.cfg.feeds.iter().find(|f| f.url == st.url).cloned() else {
                continue;
            };
            if !self.hosts.take(&host(&feed.url)) {
                round.waiting += 1;
                continue;
            }
            round.polled += 1;
            st.last_polled = Some(unix_now());
            let fetched = fetch_if_changed(
                &feed.url,
                &self.fetch_opts(),
                st.etag.as_deref(),
                st.last_modified.as_deref(),
            );
            self.hosts.finished(&host(&feed.url));
            let got = fetched.and_then(|c| match c {
                Conditional::NotModified => Ok(None),
                Conditional::Fetched {
                    page,
                    etag,
                    last_modified,
                } => parse_feed(&feed.url, &page.body)
                    .map(|entries| Some((entries, etag, last_modified))),
            });
            match got {
                Err(e) => {
                    round.failed += 1;
                    st.failures += 1;
                    let pause = backoff(feed.interval, st.failures);
                    st.next_poll = unix_now() + pause.as_secs() as i64;
                    st.last_error = Some(e.message.clone());
                    log(&format!(
                        "{}: {}; tried again in {} (failure {} in a row)",
                        feed.url,
                        e.message,
                        human(pause),
                        st.failures
                    ));
                }
                Ok(None) => {
                    round.not_modified += 1;
                    st.failures = 0;
                    st.last_error = None;
                    st.next_poll = unix_now() + feed.interval.as_secs() as i64;
                    log(&format!("{}: not modified", feed.url));
                }
                Ok(Some((entries, etag, last_modified))) => {
                    let keys: Vec<String> = entries.iter().map(item_key).collect();
                    let seen = state::seen(lib.as_ref(), &feed.url, &keys).map_err(err)?;
                    let fresh: Vec<usize> = (0..entries.len()).filter(|&i| !seen[i]).collect();
                    let taken = fresh.len().min(self.cfg.max_items);
                    let (mut added, mut queued) = (0, 0);
                    for &i in &fresh[..taken] {
                        let e = &entries[i];
                        round.new_entries += 1;
                        match (&e.record.url, e.teaser_only) {
                            (Some(link), true) => {
                                // its page is fetched in a later step, within its host's limit
                                self.mark(&feed.url, &keys[i], state::PENDING, Some(link), 0)?;
                                queued += 1;
                            }
                            _ => {
                                let before = round.added;
                                let outcome = import_entry(
                                    &mut reader,
                                    &mut importer,
                                    e,
                                    None,
                                    feed.outlet.as_deref(),
                                    &mut round,
                                )?;
                                added += round.added - before;
                                self.mark(
                                    &feed.url,
                                    &keys[i],
                                    &outcome,
                                    e.record.url.as_deref(),
                                    1,
                                )?;
                            }
                        }
                    }
                    // Entries left for the next poll must come back in full: the
                    // validators are kept only when everything new was taken.
                    if taken == fresh.len() {
                        st.etag = etag;
                        st.last_modified = last_modified;
                    } else {
                        st.etag = None;
                        st.last_modified = None;
                    }
                    st.failures = 0;
                    st.last_error = None;
                    st.next_poll = unix_now() + feed.interval.as_secs() as i64;
                    log(&format!(
                        "{}: {}, {} new: {added} added, {} to fetch{}",
                        feed.url,
                        count(entries.len(), "entry", "entries"),
                        fresh.len(),
                        count(queued, "page", "pages"),
                        if taken < fresh.len() {
                            format!(", {} left for the next poll", fresh.len() - taken)
                        } else {
                            String::new()
                        }
                    ));
                }
            }
            state::save(lib.as_ref(), &st).map_err(err)?;
        }
        // pages queued in this round, while their hosts still allow
        if round.new_entries > 0 {
            let more = self.round_pages_only(&mut reader, &mut importer, log)?;
            round.added += more.added;
            round.duplicates += more.duplicates;
            round.rejected += more.rejected;
            round.waiting = more.waiting;
        }
        Ok(round)
    }

    /// The pages waiting, fetched while their hosts allow (the first step of a
    /// round, run again after the feeds queued new ones).
    fn round_pages_only(
        &mut self,
        reader: &mut Reader,
        importer: &mut Importer<'_>,
        log: &mut dyn FnMut(&str),
    ) -> Result<Round, String> {
        let mut round = Round::default();
        let urls = self.urls();
        let lib = self.lib.clone();
        for p in state::pending_pages(lib.as_ref(), &urls).map_err(|e| e.to_string())? {
            if !self.hosts.take(&host(&p.url)) {
                round.waiting += 1;
                continue;
            }
            let outlet = self
                .cfg
                .feeds
                .iter()
                .find(|f| f.url == p.feed)
                .and_then(|f| f.outlet.clone());
            let entry = teaser(&p.feed, &p.url);
            let fetched = fetch(&p.url, &self.fetch_opts());
            self.hosts.finished(&host(&p.url));
            match fetched {
                Ok(page) => {
                    let outcome = import_entry(
                        reader,
                        importer,
                        &entry,
                        Some(&page),
                        outlet.as_deref(),
                        &mut round,
                    )?;
                    log(&format!("{}: {outcome}", p.url));
                    self.mark(&p.feed, &p.item, &outcome, Some(&p.url), p.attempts + 1)?;
                }
                Err(e) => {
                    let attempts = p.attempts + 1;
                    let (outcome, note) = if attempts >= PAGE_ATTEMPTS {
                        round.rejected += 1;
                        (
                            format!("rejected: {}", e.message),
                            format!("given up after {attempts} attempts"),
                        )
                    } else {
                        round.waiting += 1;
                        (state::PENDING.to_string(), "tried again later".to_string())
                    };
                    log(&format!("{}: {}; {note}", p.url, e.message));
                    self.mark(&p.feed, &p.item, &outcome, Some(&p.url), attempts)?;
                }
            }
        }
        Ok(round)
    }

    fn mark(
        &self,
        feed: &str,
        item: &str,
        outcome: &str,
        url: Option<&str>,
        attempts: i64,
    ) -> Result<(), String> {
        let now = unix_now();
        self.lib
            .write_tx(&mut |db| state::mark(db, feed, item, outcome, url, attempts, now))
            .map_err(|e| e.to_string())
    }

    /// How long until the next round has something to do: a feed due, or a
    /// waiting page's host free again.
    pub fn next_round_in(&mut self) -> Result<Duration, String> {
        let urls = self.urls();
        let now = unix_now();
        let mut wait = Duration::from_secs(3600);
        for s in state::feeds(self.lib.as_ref(), &urls).map_err(|e| e.to_string())? {
            let d = Duration::from_secs((s.next_poll - now).max(0) as u64);
            let d = if d.is_zero() {
                // due, but maybe its host is busy
                self.hosts.free_in(&host(&s.url))
            } else {
                d
            };
            wait = wait.min(d);
        }
        for p in state::pending_pages(self.lib.as_ref(), &urls).map_err(|e| e.to_string())? {
            wait = wait.min(self.hosts.free_in(&host(&p.url)));
        }
        Ok(wait)
    }

    /// Rounds until `stop` is set: `after` hears each round, and a round that
    /// fails (the library unreachable) is logged and tried again a little later.
    pub fn run(
        &mut self,
        stop: &AtomicBool,
        after: &mut dyn FnMut(&Round),
        log: &mut dyn FnMut(&str),
    ) {
        while !stop.load(Ordering::Acquire) {
            match self.round(log) {
                Ok(r) => after(&r),
                Err(e) => log(&format!("this round failed: {e}; trying again in 10 s")),
            }
            let wait = self
                .next_round_in()
                .unwrap_or(Duration::from_secs(10))
                .max(Duration::from_millis(100));
            let until = Instant::now() + wait;
            while !stop.load(Ordering::Acquire) && Instant::now() < until {
                std::thread::sleep((until - Instant::now()).min(Duration::from_millis(200)));
            }
        }
    }
}

/// A teaser entry whose page is at `url`, as a pending page is rebuilt.
fn teaser(feed: &str, url: &str) -> FeedEntry {
    let mut e = FeedEntry {
        source: format!("{feed}#entry ({url})"),
        teaser_only: true,
        ..Default::default()
    };
    e.record.url = Some(url.to_string());
    e
}

/// Reads one entry (with its page) and imports it; the outcome as stored.
fn import_entry(
    reader: &mut Reader,
    importer: &mut Importer<'_>,
    entry: &FeedEntry,
    page: Option<&Fetched>,
    outlet: Option<&str>,
    round: &mut Round,
) -> Result<String, String> {
    let mut entry = entry.clone();
    if let Some(o) = outlet {
        entry.record.outlet = Some(o.to_string());
    }
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut stopped = None;
    reader.read(
        Input::Entry {
            entry: &entry,
            page,
        },
        &mut |r| {
            let r = match (r, outlet) {
                (Read::Article(mut a), Some(o)) => {
                    a.outlet.name = o.to_string();
                    Read::Article(a)
                }
                (r, _) => r,
            };
            if stopped.is_none()
                && let Err(s) = importer.push(r, &mut |o| outcomes.push(o))
            {
                stopped = Some(s);
            }
        },
    );
    if stopped.is_none()
        && let Err(s) = importer.finish(&mut |o| outcomes.push(o))
    {
        stopped = Some(s);
    }
    if let Some(s) = stopped {
        return Err(format!("{}: {}", s.source, s.error));
    }
    let mut parts = Vec::new();
    for o in &outcomes {
        match o {
            Outcome::Added { id, .. } => {
                round.added += 1;
                parts.push(format!("added {id}"));
            }
            Outcome::Duplicate { existing, .. } => {
                round.duplicates += 1;
                parts.push(format!("duplicate of {existing}"));
            }
            Outcome::Rejected { error, .. } => {
                round.rejected += 1;
                parts.push(format!("rejected: {error}"));
            }
            Outcome::Skipped { note, .. } => parts.push(format!("skipped: {note}")),
        }
    }
    if parts.is_empty() {
        parts.push("nothing read".into());
    }
    Ok(parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_cap() {
        let m = Duration::from_secs(60);
        assert_eq!(backoff(m, 1), m);
        assert_eq!(backoff(m, 2), m * 2);
        assert_eq!(backoff(m, 4), m * 8);
        assert_eq!(backoff(m, 40), MAX_BACKOFF);
        let day = Duration::from_secs(86_400);
        assert_eq!(backoff(day, 5), day, "never less than the interval");
    }

    #[test]
    fn hosts_get_so_many_requests_per_window() {
        let mut h = Hosts {
            per: 2,
            window: Duration::from_millis(300),
            recent: HashMap::new(),
        };
        assert!(h.take("a") && h.take("a"));
        assert!(!h.take("a"), "a third request in the window");
        assert!(h.take("b"), "another host has its own");
        assert!(h.free_in("a") > Duration::ZERO);
        std::thread::sleep(Duration::from_millis(320));
        assert!(h.take("a"));
    }
}
