//! `parallax serve`: a JSON API and a web UI over a library.
//!
//! Pages are rendered on the server with no script at all, every piece of article
//! text escaped, and a Content-Security-Policy that forbids scripts, so a hostile
//! article renders inert. Reads are open to loopback clients (others only when
//! configured); writes (import, delete) need the token the operator set. Requests
//! naming a host other than the loopback names, the bound address or one the
//! operator allowed are refused (421), so a DNS-rebinding page cannot read the
//! library through a user's browser.
//! Rendered pages are cached per library generation, which every write bumps: the
//! server's own writes at once, writes by other processes (a `parallax import` on
//! the same library) when a watcher thread sees the library's change token move,
//! within [`WATCH_EVERY`].
//! The accept loop is hyper's, with a header-read timeout so slow clients cannot
//! hold connections, a body size cap, a small per-connection buffer, and a bound
//! on library calls running at once, so many busy clients cannot make a thread and
//! a database connection each.
//!
//! Useful for: browsing, searching and importing into a library from a browser or
//! over HTTP. Not useful for: a public deployment without a reverse proxy (no TLS).

#![warn(missing_docs)]
// Handlers return `Result<_, Response>`: an axum response is the natural error of a
// handler, and its size does not matter on this path.
#![allow(clippy::result_large_err)]

mod api;
/// Drives the server in-process with untrusted input (the `api_body` fuzz target and its replay).
#[doc(hidden)]
pub mod harness;
mod pages;
mod security;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use parallax_store::Library;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How `parallax serve` runs: who may read and write, what it accepts, how it reads and
/// aligns.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The token writes need (`Authorization: Bearer …`, or the form's token
    /// field). Without one, writes are refused.
    pub token: Option<String>,
    /// Serve reads to non-loopback clients too.
    pub allow_remote_reads: bool,
    /// Host names accepted in the Host header beside the loopback names
    /// (`localhost`, `*.localhost`, loopback addresses) and the bound address.
    pub allowed_hosts: Vec<String>,
    /// Largest request body accepted.
    pub max_body: usize,
    /// How long a client may take to send its request headers, and a request to run.
    pub timeout: Duration,
    /// The sentence encoder the background story updates align statements with
    /// (`serve --align embed`); without one they align lexically.
    pub encoder: Option<SharedEncoder>,
    /// How imported bodies are read (the outlet book of `serve --outlets`), as
    /// `parallax import` reads files.
    pub read: parallax_ingest::ReadOptions,
    /// The user's loaded-language entries (`serve --lexicon`), checked before the
    /// server starts.
    pub lexicon: Option<String>,
    /// Feeds to watch while serving (`serve --watch FEEDS.toml`): their new
    /// articles are imported as `parallax watch` imports them, and the stories
    /// updated after each round that added some.
    pub watch: Option<parallax_watch::FeedsConfig>,
}

/// A sentence encoder shared by the server's threads.
#[derive(Clone)]
pub struct SharedEncoder(pub Arc<dyn parallax_compare::SentenceEncoder + Send + Sync>);

impl std::fmt::Debug for SharedEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedEncoder({})", self.0.model())
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            token: None,
            allow_remote_reads: false,
            allowed_hosts: Vec::new(),
            max_body: 8 << 20,
            timeout: Duration::from_secs(30),
            encoder: None,
            read: parallax_ingest::ReadOptions::default(),
            lexicon: None,
            watch: None,
        }
    }
}

/// A rendered page as the cache keeps it: shared bytes, so every response of it
/// (and every pipelined one waiting in a slow client's connection) is the same
/// memory, where a copy per response let 300 slow clients pile up copies.
#[derive(Clone)]
pub(crate) struct Page(axum::body::Bytes);

impl From<Page> for axum::body::Body {
    fn from(p: Page) -> Self {
        axum::body::Body::from(p.0)
    }
}

/// Per-connection read and write buffering (hyper's default is about 400 KB): a
/// client that pipelines requests and reads slowly holds at most this much of
/// queued responses (beyond the one being written) and of unread requests.
const CONNECTION_BUFFER: usize = 64 << 10;

/// Library calls at once: enough to keep the cores busy while some wait on disk,
/// no more than the library keeps connections for (16).
const DB_SLOTS: usize = 8;

/// How often the watcher thread reads the library's change token.
pub const WATCH_EVERY: Duration = Duration::from_millis(200);

/// What every request handler shares: the library, the configuration, the page cache and
/// the story rebuild.
pub struct AppState {
    /// The library served.
    pub lib: Arc<dyn Library>,
    /// How the server runs.
    pub cfg: ServerConfig,
    generation: AtomicU64,
    cache: Mutex<HashMap<String, (u64, Arc<Page>)>>,
    /// The generation a page missing from the cache was looked up under, until it
    /// is remembered: a page is stored under the generation its rendering started
    /// in, so a write landing during the rendering leaves no stale page behind.
    pending: Mutex<HashMap<String, u64>>,
    /// Library calls running at once (`api::blocking`). Each one holds a blocking
    /// thread and a SQLite connection with its own page cache: unbounded, 300 busy
    /// connections made 300 of each, and the memory stayed after they left.
    db_slots: tokio::sync::Semaphore,
    updating: AtomicBool,
    update_again: AtomicBool,
    /// Built on the first import and kept: building the lexicon took longer than
    /// analysing a typical article.
    analyzer: OnceLock<Arc<parallax_analyze::Analyzer>>,
}

/// The shared state, as handlers receive it.
pub type State = Arc<AppState>;

impl AppState {
    /// The state for serving `lib`, with a thread watching it for other processes' writes.
    pub fn new(lib: Arc<dyn Library>, cfg: ServerConfig) -> State {
        let state = Arc::new(AppState {
            lib,
            cfg,
            generation: AtomicU64::new(0),
            cache: Mutex::new(HashMap::new()),
            pending: Mutex::new(HashMap::new()),
            db_slots: tokio::sync::Semaphore::new(DB_SLOTS),
            updating: AtomicBool::new(false),
            update_again: AtomicBool::new(false),
            analyzer: OnceLock::new(),
        });
        // the token the first pages are rendered under, read before any page is
        let first = state.lib.change_token().ok();
        watch(Arc::downgrade(&state), first);
        // what a process killed during its update (this server's last run, an
        // import) left behind
        state.update_stories();
        state
    }

    fn analyzer(&self) -> Arc<parallax_analyze::Analyzer> {
        self.analyzer
            .get_or_init(|| {
                Arc::new(match &self.cfg.lexicon {
                    // checked when the server was configured; a lexicon that no
                    // longer parses leaves the built-in one
                    Some(extra) => {
                        parallax_analyze::Analyzer::with_loaded_terms(extra).unwrap_or_default()
                    }
                    None => parallax_analyze::Analyzer::new(),
                })
            })
            .clone()
    }

    /// A cached rendering of `key` for the current library generation. On a miss
    /// the generation is noted for [`remember`](Self::remember).
    fn cached(&self, key: &str) -> Option<Arc<Page>> {
        let g = self.generation.load(Ordering::Acquire);
        let hit = self
            .cache
            .lock()
            .expect("cache lock")
            .get(key)
            .filter(|(gen_, _)| *gen_ == g)
            .map(|(_, v)| v.clone());
        if hit.is_none() {
            let mut p = self.pending.lock().expect("pending lock");
            if p.len() > 2000 {
                p.clear();
            }
            // the earliest: a rendering started before a write may hold old data
            p.entry(key.to_string()).or_insert(g);
        }
        hit
    }

    /// Caches `page`, rendered after `cached(&key)` missed, under the generation of
    /// that miss; not at all when the miss was not noted (another request took it).
    fn remember(&self, key: String, page: String) -> Arc<Page> {
        let page = Arc::new(Page(axum::body::Bytes::from(page)));
        let Some(g) = self.pending.lock().expect("pending lock").remove(&key) else {
            return page;
        };
        let mut c = self.cache.lock().expect("cache lock");
        if c.len() > 2000 {
            c.clear();
        }
        c.insert(key, (g, page.clone()));
        page
    }

    /// Something was written: every cached page is stale.
    fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Brings the stories up to date in the background: the articles not placed
    /// yet join or start a story, and the stories that changed are compared again
    /// (`parallax_store::update_stories`). Writes arriving meanwhile trigger one
    /// more pass. Called after the server's own imports and deletions, at start
    /// (whatever a killed process left to do) and when another process's write
    /// leaves work behind.
    pub(crate) fn update_stories(self: &Arc<Self>) {
        if self.lib.read_only() {
            return;
        }
        if self.updating.swap(true, Ordering::AcqRel) {
            self.update_again.store(true, Ordering::Release);
            return;
        }
        let state = self.clone();
        let spawned = std::thread::Builder::new()
            .name("parallax-stories".into())
            .spawn(move || {
                loop {
                    state.update_again.store(false, Ordering::Release);
                    let started = std::time::Instant::now();
                    let encoder = state
                        .cfg
                        .encoder
                        .as_ref()
                        .map(|e| e.0.as_ref() as &dyn parallax_compare::SentenceEncoder);
                    match parallax_store::update_stories(
                        state.lib.as_ref(),
                        parallax_compare::CompareOptions::default(),
                        encoder,
                        &mut |line| log(line),
                    ) {
                        // one line per update: operators (and bench/serve-embed.sh) see
                        // what an update costs
                        Ok(done) if !done.is_nothing() => log(&format!(
                            "stories updated: {done} in {:.2} s",
                            started.elapsed().as_secs_f64()
                        )),
                        Ok(_) => {}
                        Err(e) => log(&format!("updating the stories failed: {e}")),
                    }
                    state.changed();
                    if !state.update_again.load(Ordering::Acquire) {
                        break;
                    }
                }
                state.updating.store(false, Ordering::Release);
                // a write that came between the last look and the line above
                if state.update_again.load(Ordering::Acquire) {
                    state.update_stories();
                }
            });
        if let Err(e) = spawned {
            self.updating.store(false, Ordering::Release);
            log(&format!("cannot update the stories: {e}"));
        }
    }
}

/// Watches `feeds` on a thread of its own until `stop`: each round's new
/// articles go through the same import path as the API's, and a round that added
/// some makes the pages stale and updates the stories.
fn watch_feeds(
    state: State,
    feeds: parallax_watch::FeedsConfig,
    stop: Arc<AtomicBool>,
) -> std::io::Result<()> {
    if state.lib.read_only() {
        return Err(std::io::Error::other(
            "--watch: the library is read-only here, and watching writes to it",
        ));
    }
    let mut w = parallax_watch::Watcher::new(
        feeds,
        state.lib.clone(),
        state.analyzer(),
        state.cfg.read.clone(),
        parallax_analyze::ARTICLE_BUDGET,
    )
    .map_err(std::io::Error::other)?;
    let n = w.config().feeds.len();
    log(&format!(
        "watching {n} feed{}",
        if n == 1 { "" } else { "s" }
    ));
    std::thread::Builder::new()
        .name("parallax-watch-feeds".into())
        .spawn(move || {
            w.run(
                &stop,
                &mut |r| {
                    if *r != parallax_watch::Round::default() {
                        log(&format!("watch: round: {r}"));
                    }
                    if r.added > 0 {
                        state.changed();
                        state.update_stories();
                    }
                },
                &mut |l| log(&format!("watch: {l}")),
            );
        })?;
    Ok(())
}

/// A line on standard error; a closed stderr (a parent that stopped reading) is
/// no reason for a background thread to panic.
pub(crate) fn log(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "parallax serve: {line}");
}

/// Watches the library's change token on a thread of its own (a token read may
/// wait on the database, which async threads must not) until the state is dropped:
/// a write by another process makes every cached page stale.
fn watch(state: std::sync::Weak<AppState>, first: Option<u64>) {
    let spawned = std::thread::Builder::new()
        .name("parallax-watch".into())
        .spawn(move || {
            let mut last = first;
            loop {
                std::thread::sleep(WATCH_EVERY);
                let Some(s) = state.upgrade() else { return };
                match s.lib.change_token() {
                    Ok(t) => {
                        // also after an error: what was cached meanwhile is suspect
                        if last != Some(t) {
                            s.changed();
                            // another process added articles without placing them
                            // (`import --no-stories`, or it was killed)
                            if !s.lib.read_only()
                                && parallax_store::pending(s.lib.as_ref())
                                    .is_ok_and(|p| !p.is_empty())
                            {
                                s.update_stories();
                            }
                        }
                        last = Some(t);
                    }
                    Err(e) => {
                        // unknown: assume changed, and say it once
                        if last.is_some() {
                            eprintln!("parallax serve: watching the library: {e}");
                        }
                        last = None;
                        s.changed();
                    }
                }
                drop(s);
            }
        });
    if let Err(e) = spawned {
        eprintln!("parallax serve: cannot watch the library for other writers: {e}");
    }
}

/// The routes of the pages and the JSON API over `state`.
pub fn router(state: State) -> Router {
    let max_body = state.cfg.max_body;
    Router::new()
        .route("/", get(pages::stories))
        .route("/stories/{id}", get(pages::story))
        .route("/stories/{id}/{file}", get(pages::story_download))
        .route("/articles/{id}", get(pages::article))
        .route("/actors", get(pages::actors))
        .route("/actors/{id}", get(pages::actor))
        .route("/search", get(pages::search))
        .route("/search.csv", get(pages::search_csv))
        .route("/search.jsonl", get(pages::search_jsonl))
        .route("/import", get(pages::import_form).post(pages::import_post))
        .route("/static/parallax.css", get(pages::css))
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/articles", get(api::articles))
        .route("/api/articles/{id}", get(api::article).delete(api::delete))
        .route("/api/search", get(api::search))
        .route("/api/actors", get(api::actors))
        .route("/api/actors/{id}", get(api::actor))
        .route("/api/import", post(api::import))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// Serves until ctrl-c. `on_ready` gets the bound address (port 0 picks one).
pub async fn serve(
    lib: Arc<dyn Library>,
    addr: SocketAddr,
    cfg: ServerConfig,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    on_ready(bound);
    let mut cfg = cfg;
    cfg.allowed_hosts.push(bound.ip().to_string());
    let timeout = cfg.timeout;
    let state = AppState::new(lib, cfg);
    let stop = Arc::new(AtomicBool::new(false));
    if let Some(feeds) = state.cfg.watch.clone() {
        watch_feeds(state.clone(), feeds, stop.clone())?;
    }
    let app = router(state);
    let shutdown = tokio::signal::ctrl_c();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(_) => continue,
            },
            _ = &mut shutdown => {
                stop.store(true, Ordering::Release);
                return Ok(());
            }
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(
                move |mut req: hyper::Request<hyper::body::Incoming>| {
                    req.extensions_mut()
                        .insert(axum::extract::ConnectInfo(peer));
                    let app = app.clone();
                    async move {
                        match tokio::time::timeout(
                            timeout,
                            app.oneshot(req.map(axum::body::Body::new)),
                        )
                        .await
                        {
                            Ok(r) => r,
                            Err(_) => Ok(security::plain(
                                hyper::StatusCode::SERVICE_UNAVAILABLE,
                                "request took too long",
                            )),
                        }
                    }
                },
            );
            let mut builder = auto::Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(timeout)
                .max_buf_size(CONNECTION_BUFFER)
                .keep_alive(true);
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
