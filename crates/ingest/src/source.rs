//! From paths (files, directories, `-`) to articles, one record at a time.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use parallax_core::{Article, ArticleMeta, Removal, RemovalReason};

use crate::clean::clean_text;
use crate::decode::decode;
use crate::feed::{FeedEntry, fragment_page, parse_feed};
use crate::fetch::{FetchOptions, Fetched, fetch, is_url};
use crate::jsonl::{RawRecord, parse_record, record_from_value};
use crate::walk::{expand_paths, open_regular};
use crate::warc::{WarcPage, read_archive};
use crate::{IngestError, IngestErrorKind, OutletBook, Sidecar};

/// Input formats parallax recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Already-extracted article text.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines, one article per line.
    Jsonl,
    /// RSS 2.0 or Atom.
    Feed,
    /// A WARC archive, optionally gzipped.
    Warc,
}

impl Format {
    /// From the file name; `None` when the name says nothing.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let ext = |e: &str| name.ends_with(e);
        Some(if ext(".txt") || ext(".text") || ext(".md") {
            Format::Text
        } else if ext(".html") || ext(".htm") || ext(".xhtml") {
            Format::Html
        } else if ext(".jsonl") || ext(".ndjson") || ext(".json") {
            Format::Jsonl
        } else if ext(".rss") || ext(".atom") || ext(".xml") {
            Format::Feed
        } else if ext(".warc") || ext(".warc.gz") {
            Format::Warc
        } else {
            return None;
        })
    }

    /// From the first bytes, for stdin and unknown extensions.
    pub fn sniff(bytes: &[u8]) -> Format {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
        let trimmed = head.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with("warc/") || bytes.starts_with(b"\x1f\x8b") {
            Format::Warc
        } else if trimmed.starts_with('{')
            || (trimmed.starts_with('[') && trimmed[1..].trim_start().starts_with('{'))
        {
            Format::Jsonl
        } else if (trimmed.starts_with("<?xml")
            && (head.contains("<rss") || head.contains("<feed")))
            || trimmed.starts_with("<rss")
            || trimmed.starts_with("<feed")
        {
            Format::Feed
        } else if trimmed.starts_with('<')
            && (head.contains("<html")
                || head.contains("<!doctype html")
                || head.contains("<body")
                || head.contains("<p"))
        {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The user's outlet book.
    pub outlets: OutletBook,
    /// Inputs above this size are refused (per file or record).
    pub max_bytes: usize,
    /// Forces the format instead of guessing it.
    pub format: Option<Format>,
    /// Timeout and size cap for `http(s)` inputs.
    pub fetch: FetchOptions,
    /// Fetch the page of a feed entry that carries only a teaser.
    pub fetch_links: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            outlets: OutletBook::default(),
            max_bytes: 64 << 20,
            format: None,
            fetch: FetchOptions::default(),
            fetch_links: false,
        }
    }
}

/// Reads every input and hands each article (or error) to `sink`, in input order.
/// An unreadable input yields one error; the inputs after it are still read.
pub fn ingest_paths(
    paths: &[PathBuf],
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) {
    for input in expand_paths(paths) {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                sink(Err(e));
                continue;
            }
        };
        if let Some(url) = path.to_str().filter(|p| is_url(p)) {
            ingest_url(url, opts, sink);
            continue;
        }
        let (name, bytes, sidecar) = if path.as_os_str() == "-" {
            let mut buf = Vec::new();
            let limit = opts.max_bytes as u64 + 1;
            let mut stdin = std::io::stdin().lock();
            if let Err(e) = (&mut stdin).take(limit).read_to_end(&mut buf) {
                sink(Err(IngestError::new(
                    "-",
                    IngestErrorKind::Io,
                    e.to_string(),
                )));
                continue;
            }
            let jsonl = opts.format.unwrap_or_else(|| Format::sniff(&buf)) == Format::Jsonl;
            if buf.len() > opts.max_bytes && jsonl {
                // JSON Lines over the cap: read on, one record at a time
                let mut r = std::io::BufReader::new(std::io::Cursor::new(buf).chain(stdin));
                jsonl_lines("-", &mut r, None, opts, sink);
                continue;
            }
            ("-".to_string(), buf, None)
        } else {
            let name = path.display().to_string();
            let format = opts.format.or_else(|| Format::from_path(&path));
            if format == Some(Format::Warc) || (format.is_none() && starts_like_warc(&path)) {
                // Archives are streamed: the size cap is per record, not per file.
                ingest_warc_file(&path, opts, sink);
                continue;
            }
            let sidecar = match Sidecar::load_for(&path) {
                Ok(s) => s,
                Err(e) => {
                    sink(Err(e));
                    continue;
                }
            };
            if let Some(r) = large_jsonl(&path, format, opts.max_bytes) {
                // JSON Lines over the cap are streamed: the cap is per record.
                match r {
                    Ok(mut reader) => jsonl_lines(&name, &mut reader, sidecar.as_ref(), opts, sink),
                    Err(e) => sink(Err(IngestError::new(
                        name,
                        IngestErrorKind::Io,
                        e.to_string(),
                    ))),
                }
                continue;
            }
            match read_capped(&path, opts.max_bytes) {
                Ok(b) => (name, b, sidecar),
                Err(e) => {
                    sink(Err(e));
                    continue;
                }
            }
        };
        let format = opts.format.or_else(|| Format::from_path(Path::new(&name)));
        ingest_bytes(&name, &bytes, format, sidecar.as_ref(), opts, sink);
    }
}

/// A reader for a JSON Lines file over `max` bytes (by its name, the format asked
/// for, or its first bytes), to stream; `None` for anything else.
fn large_jsonl(
    path: &Path,
    format: Option<Format>,
    max: usize,
) -> Option<std::io::Result<std::io::BufReader<std::fs::File>>> {
    let size = std::fs::metadata(path).ok()?.len();
    if size <= max as u64 || format.is_some_and(|f| f != Format::Jsonl) {
        return None;
    }
    let file = match open_regular(path) {
        Ok(f) => f,
        Err(e) => return Some(Err(e)),
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    if format.is_none() {
        match reader.fill_buf() {
            Ok(head) if Format::sniff(head) == Format::Jsonl => {}
            Ok(_) => return None,
            Err(e) => return Some(Err(e)),
        }
    }
    Some(Ok(reader))
}

/// A file of unknown name whose first bytes are gzip or `WARC/`.
fn starts_like_warc(path: &Path) -> bool {
    let mut head = [0u8; 5];
    open_regular(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| head.starts_with(b"\x1f\x8b") || head.starts_with(b"WARC/"))
}

fn ingest_warc_file(
    path: &Path,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) {
    let name = path.display().to_string();
    let reader = open_regular(path)
        .map(|f| std::io::BufReader::with_capacity(1 << 16, f))
        .and_then(crate::warc::open);
    match reader {
        Ok(mut r) => ingest_warc(&name, &mut r, opts, sink),
        Err(e) => sink(Err(IngestError::new(
            name,
            IngestErrorKind::Io,
            e.to_string(),
        ))),
    }
}

/// Every HTML page of an archive as an article; each bad record is one error.
///
/// Reading stays on this thread (a gzip stream cannot be split). Once a first batch
/// of pages fills, a worker decodes and extracts batches in parallel (rayon), nearly
/// all the time spent, while reading goes on; results come out in archive order.
/// Batches are bounded in pages and bytes and at most two wait at once, so memory
/// stays flat on archives of any size. An archive smaller than a batch is done here
/// on this thread: no thread is started for a handful of pages.
fn ingest_warc(
    name: &str,
    reader: &mut dyn std::io::BufRead,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) {
    const BATCH_PAGES: usize = 64;
    const BATCH_BYTES: usize = 16 << 20;
    type Item = Result<WarcPage, IngestError>;
    type Done = Vec<Result<Article, IngestError>>;
    let source_of = |record: usize, uri: &Option<String>| match uri {
        Some(u) => format!("{name}#record {record} ({u})"),
        None => format!("{name}#record {record}"),
    };
    let one = |item: Item| {
        let page = item?;
        let source = source_of(page.record, &page.target_uri);
        page_article(
            &source,
            &page.html,
            page.charset.as_deref(),
            page.target_uri,
            opts,
        )
    };
    let mut pages = 0usize;
    std::thread::scope(|scope| {
        let mut worker: Option<(
            std::sync::mpsc::SyncSender<Vec<Item>>,
            std::sync::mpsc::Receiver<Done>,
        )> = None;
        let mut batch: Vec<Item> = Vec::new();
        let mut batch_bytes = 0usize;
        let mut emit = |done: Done| done.into_iter().for_each(&mut *sink);
        read_archive(reader, opts.max_bytes, &mut |r| {
            match r {
                Ok(page) => {
                    pages += 1;
                    batch_bytes += page.html.len();
                    batch.push(Ok(page));
                }
                Err(e) => {
                    let kind = if e.message.contains("limit") {
                        IngestErrorKind::TooLarge
                    } else {
                        IngestErrorKind::Malformed
                    };
                    batch.push(Err(IngestError::new(
                        source_of(e.record, &e.target_uri),
                        kind,
                        e.message,
                    )));
                }
            }
            if batch.len() >= BATCH_PAGES || batch_bytes >= BATCH_BYTES {
                let (to_worker, results) = worker.get_or_insert_with(|| {
                    let (to_worker, batches) = std::sync::mpsc::sync_channel::<Vec<Item>>(1);
                    let (to_reader, results) = std::sync::mpsc::channel::<Done>();
                    scope.spawn(move || {
                        use rayon::prelude::*;
                        for batch in batches {
                            let done: Done = batch.into_par_iter().map(one).collect();
                            if to_reader.send(done).is_err() {
                                break;
                            }
                        }
                    });
                    (to_worker, results)
                });
                // the worker lives as long as this channel: the send cannot fail
                let _ = to_worker.send(std::mem::take(&mut batch));
                batch_bytes = 0;
                while let Ok(done) = results.try_recv() {
                    emit(done);
                }
            }
        });
        match worker {
            None => emit(batch.into_iter().map(one).collect()),
            Some((to_worker, results)) => {
                if !batch.is_empty() {
                    let _ = to_worker.send(batch);
                }
                drop(to_worker);
                for done in results {
                    emit(done);
                }
            }
        }
    });
    if pages == 0 {
        sink(Err(IngestError::new(
            name,
            IngestErrorKind::Empty,
            "no HTML pages in the archive (only requests, metadata, non-HTML or non-2xx responses)",
        )));
    }
}

/// One HTML page (from an archive or the web) as an article.
fn page_article(
    source: &str,
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<String>,
    opts: &IngestOptions,
) -> Result<Article, IngestError> {
    let d = decode(bytes, charset)
        .map_err(|e| IngestError::new(source, IngestErrorKind::Binary, e.to_string()))?;
    let rec = RawRecord {
        html: Some(d.text),
        url,
        repairs: d.repairs,
        ..Default::default()
    };
    build_article(source, rec, opts)
}

/// An `http(s)` input: a page, a feed or JSON, by its Content-Type or its bytes.
fn ingest_url(url: &str, opts: &IngestOptions, sink: &mut dyn FnMut(Result<Article, IngestError>)) {
    let fetch_opts = FetchOptions {
        max_bytes: opts.fetch.max_bytes.min(opts.max_bytes),
        ..opts.fetch.clone()
    };
    match fetch(url, &fetch_opts) {
        Ok(p) => ingest_fetched(url, &p, opts, sink),
        Err(e) => sink(Err(e)),
    }
}

/// A fetched response: a page, a feed or JSON, by its Content-Type or its bytes.
pub(crate) fn ingest_fetched(
    url: &str,
    page: &Fetched,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) {
    let ct = page.content_type.as_str();
    let format = if ct.contains("html") {
        Some(Format::Html)
    } else if ct.contains("rss") || ct.contains("atom") || ct.contains("xml") {
        Some(Format::Feed)
    } else if ct.contains("json") {
        Some(Format::Jsonl)
    } else {
        None
    };
    match format.unwrap_or_else(|| Format::sniff(&page.body)) {
        Format::Html => sink(page_article(
            url,
            &page.body,
            page.charset.as_deref(),
            Some(page.url.clone()),
            opts,
        )),
        other => ingest_bytes(url, &page.body, Some(other), None, opts, sink),
    }
}

/// One feed entry as an article: the article its entry carries, or for a
/// teaser the page at its link, fetched by `ingest_feed` (with `--fetch-links`)
/// or handed over by the caller (`page`: the feed watcher fetches pages itself,
/// within its limits). Errors name the entry.
pub(crate) fn ingest_entry(
    mut e: FeedEntry,
    page: Option<&Fetched>,
    sidecar: Option<&Sidecar>,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) {
    if e.teaser_only {
        let fetched;
        let page = match (page, &e.record.url, opts.fetch_links) {
            (Some(p), _, _) => p,
            (None, Some(link), true) => {
                let fetch_opts = FetchOptions {
                    max_bytes: opts.fetch.max_bytes.min(opts.max_bytes),
                    ..opts.fetch.clone()
                };
                match fetch(link, &fetch_opts) {
                    Ok(p) => {
                        fetched = p;
                        &fetched
                    }
                    Err(err) => {
                        return sink(Err(IngestError::new(
                            &e.source,
                            err.kind,
                            format!("{link}: {}", err.message),
                        )));
                    }
                }
            }
            (None, Some(link), false) => {
                return sink(Err(IngestError::new(
                    &e.source,
                    IngestErrorKind::Empty,
                    format!(
                        "the entry carries only a teaser; its article is at {link} (use --fetch-links to fetch it)"
                    ),
                )));
            }
            (None, None, _) => {
                return sink(Err(IngestError::new(
                    &e.source,
                    IngestErrorKind::Empty,
                    "the entry carries only a teaser and no link",
                )));
            }
        };
        let link = e.record.url.clone().unwrap_or_else(|| page.url.clone());
        // The page's own metadata is better than the feed's, except the outlet.
        let mut got = None;
        ingest_fetched(&link, page, opts, &mut |r| {
            got.get_or_insert(r);
        });
        let r = got.unwrap_or_else(|| {
            Err(IngestError::new(
                &link,
                IngestErrorKind::Empty,
                "nothing fetched",
            ))
        });
        return sink(r.map_err(|err| {
            IngestError::new(&e.source, err.kind, format!("{link}: {}", err.message))
        }));
    }
    if e.is_html {
        e.record.html = e.record.html.take().map(|h| fragment_page(&h));
    }
    apply_sidecar(&mut e.record, sidecar);
    sink(build_article(&e.source, e.record, opts));
}

/// A feed's entries as articles; a teaser-only entry is fetched or reported.
fn ingest_feed(
    source: &str,
    bytes: &[u8],
    sidecar: Option<&Sidecar>,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) {
    let entries = match parse_feed(source, bytes) {
        Ok(e) => e,
        Err(e) => return sink(Err(e)),
    };
    for e in entries {
        ingest_entry(e, None, sidecar, opts, sink);
    }
}

fn read_capped(path: &Path, max: usize) -> Result<Vec<u8>, IngestError> {
    let name = path.display().to_string();
    let io = |e: std::io::Error| IngestError::new(name.clone(), IngestErrorKind::Io, e.to_string());
    let file = open_regular(path).map_err(io)?;
    let mut buf = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(io)?;
    Ok(buf)
}

/// JSON Lines read record by record: `--max-size` applies to each line, not to
/// the input, and memory is that of the longest line.
fn jsonl_lines(
    source: &str,
    reader: &mut dyn BufRead,
    sidecar: Option<&Sidecar>,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) {
    let max = opts.max_bytes;
    let mut line = Vec::new();
    let mut first = true;
    for n in 1.. {
        line.clear();
        let got = match reader.take(max as u64 + 1).read_until(b'\n', &mut line) {
            Ok(g) => g,
            Err(e) => {
                return sink(Err(IngestError::new(
                    format!("{source}#line {n}"),
                    IngestErrorKind::Io,
                    e.to_string(),
                )));
            }
        };
        if got == 0 {
            return;
        }
        let rec_source = format!("{source}#line {n}");
        if line.len() > max && !line.ends_with(b"\n") {
            let mut rest = 0u64;
            loop {
                let mut chunk = Vec::new();
                match reader.take(1 << 20).read_until(b'\n', &mut chunk) {
                    Ok(0) => break,
                    Ok(g) => rest += g as u64,
                    Err(_) => break,
                }
                if chunk.ends_with(b"\n") {
                    break;
                }
            }
            sink(Err(IngestError::new(
                rec_source,
                IngestErrorKind::TooLarge,
                format!(
                    "record of {} bytes is over the {max} byte limit; skipped",
                    line.len() as u64 + rest
                ),
            )));
            first = false;
            continue;
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let d = match decode(&line, Some("utf-8")) {
            Ok(d) => d,
            Err(e) => {
                sink(Err(IngestError::new(
                    rec_source,
                    IngestErrorKind::Binary,
                    e.to_string(),
                )));
                continue;
            }
        };
        let text = d.text.trim();
        if first
            && (text.starts_with('[') || text == "{")
            && serde_json::from_str::<serde_json::Value>(text).is_err()
        {
            // the start of a JSON document over the limit, not a line of records
            return sink(Err(IngestError::new(
                source,
                IngestErrorKind::TooLarge,
                format!(
                    "a JSON document larger than the {max} byte limit (JSON Lines are read record by record; a JSON array or a multi-line object is not)"
                ),
            )));
        }
        first = false;
        let result = parse_record(&rec_source, text).and_then(|mut rec| {
            rec.repairs.splice(0..0, d.repairs);
            apply_sidecar(&mut rec, sidecar);
            build_article(&rec_source, rec, opts)
        });
        sink(result);
    }
}

/// Turns the bytes of one input into articles.
pub fn ingest_bytes(
    source: &str,
    bytes: &[u8],
    format: Option<Format>,
    sidecar: Option<&Sidecar>,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) {
    if bytes.len() > opts.max_bytes {
        return sink(Err(IngestError::new(
            source,
            IngestErrorKind::TooLarge,
            format!("larger than the {} byte limit", opts.max_bytes),
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return sink(Err(IngestError::new(
            source,
            IngestErrorKind::Empty,
            "empty input",
        )));
    }
    let format = format.unwrap_or_else(|| Format::sniff(bytes));
    match format {
        Format::Text => {
            let (text, repairs) = match decode(bytes, None) {
                Ok(d) => (d.text, d.repairs),
                Err(e) => {
                    return sink(Err(IngestError::new(
                        source,
                        IngestErrorKind::Binary,
                        e.to_string(),
                    )));
                }
            };
            let mut rec = RawRecord {
                text: Some(text),
                repairs,
                ..Default::default()
            };
            apply_sidecar(&mut rec, sidecar);
            sink(build_article(source, rec, opts));
        }
        Format::Jsonl => {
            let d = match decode(bytes, Some("utf-8")) {
                Ok(d) => d,
                Err(e) => {
                    return sink(Err(IngestError::new(
                        source,
                        IngestErrorKind::Binary,
                        e.to_string(),
                    )));
                }
            };
            // A whole-file JSON document: one object, or an array of them.
            if let Ok(doc) = serde_json::from_str::<serde_json::Value>(&d.text) {
                let items: Vec<(String, &serde_json::Value)> = match &doc {
                    serde_json::Value::Array(a) => a
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (format!("{source}#{i}"), v))
                        .collect(),
                    v => vec![(source.to_string(), v)],
                };
                for (rec_source, v) in items {
                    let result = record_from_value(&rec_source, v).and_then(|mut rec| {
                        rec.repairs.splice(0..0, d.repairs.iter().cloned());
                        apply_sidecar(&mut rec, sidecar);
                        build_article(&rec_source, rec, opts)
                    });
                    sink(result);
                }
                return;
            }
            let mut lines: &[u8] = bytes;
            jsonl_lines(source, &mut lines, sidecar, opts, sink);
        }
        Format::Html => {
            let (html, repairs) = match decode(bytes, None) {
                Ok(d) => (d.text, d.repairs),
                Err(e) => {
                    return sink(Err(IngestError::new(
                        source,
                        IngestErrorKind::Binary,
                        e.to_string(),
                    )));
                }
            };
            let mut rec = RawRecord {
                html: Some(html),
                repairs,
                ..Default::default()
            };
            apply_sidecar(&mut rec, sidecar);
            sink(build_article(source, rec, opts));
        }
        Format::Feed => ingest_feed(source, bytes, sidecar, opts, sink),
        Format::Warc => match crate::warc::open(std::io::Cursor::new(bytes.to_vec())) {
            Ok(mut r) => ingest_warc(source, &mut r, opts, sink),
            Err(e) => sink(Err(IngestError::new(
                source,
                IngestErrorKind::Io,
                e.to_string(),
            ))),
        },
    }
}

/// Main text and metadata of an HTML page; what the record already says wins.
fn from_html(source: &str, html: &str, rec: &mut RawRecord) -> Result<String, IngestError> {
    let ex = parallax_extract::extract(html, rec.url.as_deref()).map_err(|e| match e {
        parallax_extract::ExtractError::NoContent => IngestError::new(
            source,
            IngestErrorKind::Empty,
            "no article text found in the page",
        ),
        parallax_extract::ExtractError::TooLarge(n) => IngestError::new(
            source,
            IngestErrorKind::TooLarge,
            format!("page of {n} bytes is over the extraction limit"),
        ),
        other => IngestError::new(source, IngestErrorKind::Malformed, other.to_string()),
    })?;
    let text = ex.text();
    let fill = |slot: &mut Option<String>, v: Option<String>| {
        if slot.is_none() {
            *slot = v.filter(|s| !s.trim().is_empty());
        }
    };
    fill(&mut rec.title, ex.title);
    fill(&mut rec.published, ex.published);
    fill(&mut rec.url, ex.canonical_url);
    fill(&mut rec.language, ex.language);
    fill(&mut rec.outlet, ex.site_name);
    if rec.authors.is_empty() {
        rec.authors = ex.authors;
    }
    Ok(text)
}

fn apply_sidecar(rec: &mut RawRecord, sidecar: Option<&Sidecar>) {
    let Some(s) = sidecar else { return };
    let fill = |slot: &mut Option<String>, v: &Option<String>| {
        if v.is_some() {
            slot.clone_from(v);
        }
    };
    fill(&mut rec.outlet, &s.outlet);
    fill(&mut rec.domain, &s.domain);
    fill(&mut rec.title, &s.title);
    fill(&mut rec.url, &s.url);
    fill(&mut rec.published, &s.published);
    fill(&mut rec.language, &s.language);
    if !s.authors.is_empty() {
        rec.authors.clone_from(&s.authors);
    }
}

/// Cleans a record's text and assembles the article.
fn build_article(
    source: &str,
    rec: RawRecord,
    opts: &IngestOptions,
) -> Result<Article, IngestError> {
    let mut rec = rec;
    let raw = match (rec.text.clone(), rec.html.take()) {
        (Some(t), _) if !t.trim().is_empty() => t,
        (_, Some(html)) => from_html(source, &html, &mut rec)?,
        _ => return Err(IngestError::new(source, IngestErrorKind::Empty, "no text")),
    };
    let cleaned = clean_text(&raw, rec.title.as_deref());
    if cleaned.text.trim().is_empty() {
        let why = if cleaned.removed.is_empty() {
            "no text".to_string()
        } else {
            format!(
                "nothing left after removing {} lines of page furniture",
                cleaned.removed.len()
            )
        };
        return Err(IngestError::new(source, IngestErrorKind::Empty, why));
    }
    let url_for_outlet = rec
        .url
        .clone()
        .or_else(|| rec.domain.as_ref().map(|d| format!("https://{d}/")));
    let mut outlet = opts
        .outlets
        .resolve(rec.outlet.as_deref(), url_for_outlet.as_deref());
    if outlet.domain.is_none() {
        outlet.domain = rec.domain.clone();
    }
    let authors = if rec.authors.is_empty() {
        cleaned.authors
    } else {
        rec.authors
    };
    let meta = ArticleMeta {
        title: rec.title.or(cleaned.title),
        authors,
        published: rec.published.or(cleaned.published),
        url: rec.url,
        language: rec.language,
        source: source.to_string(),
    };
    let mut removed = cleaned.removed;
    removed.extend(rec.repairs.into_iter().map(|text| Removal {
        text,
        reason: RemovalReason::Repair,
    }));
    Ok(Article::new(outlet, meta, cleaned.text, removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(
        source: &str,
        bytes: &[u8],
        format: Option<Format>,
    ) -> Vec<Result<Article, IngestError>> {
        let mut out = Vec::new();
        ingest_bytes(
            source,
            bytes,
            format,
            None,
            &IngestOptions::default(),
            &mut |r| out.push(r),
        );
        out
    }

    #[test]
    fn text_article_with_sidecar() {
        let side = Sidecar {
            outlet: Some("Daily Example".into()),
            title: Some("A vote".into()),
            ..Default::default()
        };
        let mut out = Vec::new();
        ingest_bytes(
            "a.txt",
            "A vote\n\nThe council voted on Tuesday to close the library, residents said."
                .as_bytes(),
            Some(Format::Text),
            Some(&side),
            &IngestOptions::default(),
            &mut |r| out.push(r),
        );
        let a = out.pop().unwrap().unwrap();
        assert_eq!(a.outlet.name, "Daily Example");
        assert_eq!(a.meta.title.as_deref(), Some("A vote"));
        assert!(a.text.starts_with("The council"));
    }

    #[test]
    fn a_dateline_goes_to_the_date_never_the_title() {
        let text = "Friday, July 21, 2017\n\nSenate Leaders Strike A Deal\n\nThe council \
                    voted on Tuesday to close the library after a long debate, residents said.";
        let a = collect("a.txt", text.as_bytes(), Some(Format::Text))
            .pop()
            .unwrap()
            .unwrap();
        assert_eq!(a.meta.published.as_deref(), Some("2017-07-21"));
        assert_eq!(
            a.meta.title.as_deref(),
            Some("Senate Leaders Strike A Deal")
        );
        assert!(a.text.starts_with("The council"), "{}", a.text);
        assert!(
            a.removed
                .iter()
                .any(|r| r.reason == RemovalReason::Dateline && r.text.contains("July 21"))
        );
        // the dateline alone above the body: no title at all, rather than the date
        let a = collect(
            "b.txt",
            "Friday, July 21, 2017\n\nThe council voted on Tuesday to close the library \
             after a long debate, residents said."
                .as_bytes(),
            Some(Format::Text),
        )
        .pop()
        .unwrap()
        .unwrap();
        assert_eq!(a.meta.title, None);
        assert_eq!(a.meta.published.as_deref(), Some("2017-07-21"));
    }

    #[test]
    fn errors_name_the_input() {
        let r = collect("empty.txt", b"", None);
        assert_eq!(
            r[0].as_ref().unwrap_err().to_string(),
            "empty.txt: empty input"
        );
        let r = collect("img.txt", b"\x89PNG\r\n\x1a\n\0\0", Some(Format::Text));
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.kind, IngestErrorKind::Binary);
        assert!(e.to_string().starts_with("img.txt: binary data"));
        let r = collect(
            "junk.txt",
            b"Skip to main content\nSubscribe to continue reading.",
            Some(Format::Text),
        );
        assert_eq!(r[0].as_ref().unwrap_err().kind, IngestErrorKind::Empty);
    }

    #[test]
    fn jsonl_bad_line_keeps_the_good() {
        let data = b"{\"text\":\"First article body.\",\"outlet\":\"A\"}\n{broken\n\n{\"text\":\"Second article body.\",\"outlet\":\"B\"}\n";
        let r = collect("d.jsonl", data, None);
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok() && r[2].is_ok());
        assert!(r[1].as_ref().unwrap_err().source.ends_with("#line 2"));
    }

    #[test]
    fn whole_file_json_object_and_array() {
        let r = collect(
            "a.json",
            b"{\n  \"text\": \"One article body here.\",\n  \"source\": \"fox\"\n}\n",
            None,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].as_ref().unwrap().outlet.name, "fox");
        let r = collect(
            "b.json",
            b"[{\"text\":\"First body.\"},{\"title\":\"no text\"}]",
            None,
        );
        assert_eq!(r.len(), 2);
        assert!(r[0].is_ok());
        assert_eq!(r[1].as_ref().unwrap_err().source, "b.json#1");
    }

    #[test]
    fn too_large() {
        let opts = IngestOptions {
            max_bytes: 10,
            ..Default::default()
        };
        let mut out = Vec::new();
        ingest_bytes("big.txt", b"0123456789ABC", None, None, &opts, &mut |r| {
            out.push(r)
        });
        assert_eq!(out[0].as_ref().unwrap_err().kind, IngestErrorKind::TooLarge);
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::sniff(b"  {\"a\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?><rss>"), Format::Feed);
        assert_eq!(Format::sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff(b"Plain words."), Format::Text);
    }
}

#[cfg(test)]
mod html_tests {
    use super::*;

    fn one(source: &str, bytes: &[u8], format: Option<Format>) -> Result<Article, IngestError> {
        let mut out = Vec::new();
        ingest_bytes(
            source,
            bytes,
            format,
            None,
            &IngestOptions::default(),
            &mut |r| out.push(r),
        );
        assert_eq!(out.len(), 1);
        out.pop().unwrap()
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Council closes library | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
<link rel="canonical" href="https://daily.example/council-library">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council closes library</h1>
<p>The council voted on Tuesday to close the central library, a decision many residents said they regretted deeply.</p>
<p>“We had no choice,” Mayor Jane Smith said after the vote, adding that the budget left the council with few options.</p>
</article><footer>Copyright Daily Example. Subscribe to our newsletter.</footer></body></html>"#;

    #[test]
    fn html_page_gives_text_and_metadata() {
        let a = one("page.html", PAGE.as_bytes(), Some(Format::Html)).unwrap();
        assert_eq!(a.outlet.name, "Daily Example");
        assert_eq!(a.meta.published.as_deref(), Some("2024-05-02T10:00:00Z"));
        assert_eq!(
            a.meta.url.as_deref(),
            Some("https://daily.example/council-library")
        );
        assert!(
            a.text.contains("We had no choice")
                && !a.text.contains("Home")
                && !a.text.contains("newsletter"),
            "{}",
            a.text
        );
        // sniffed from the content when the name says nothing
        assert!(one("-", PAGE.as_bytes(), None).is_ok());
    }

    #[test]
    fn html_in_a_json_record_and_declared_charsets() {
        let rec = serde_json::json!({"html": PAGE, "outlet": "Given Outlet"}).to_string();
        let a = one("r.jsonl", rec.as_bytes(), Some(Format::Jsonl)).unwrap();
        assert_eq!(a.outlet.name, "Given Outlet", "the record's own fields win");
        let latin1 = PAGE
            .replace("utf-8", "iso-8859-1")
            .replace("Smith", "Sm\u{ed}th");
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin1);
        let a = one("l.html", &bytes, Some(Format::Html)).unwrap();
        assert!(a.text.contains("Smíth"), "{}", a.text);
    }

    #[test]
    fn pages_without_an_article_and_broken_html() {
        let e = one(
            "nav.html",
            b"<html><body><nav><a href=/>Home</a></nav></body></html>",
            Some(Format::Html),
        )
        .unwrap_err();
        assert_eq!(e.kind, IngestErrorKind::Empty);
        let deep = format!(
            "<html><body>{}<p>Deep text that is long enough to be an article paragraph in a page.</p></body></html>",
            "<div>".repeat(10_000)
        );
        let _ = one("deep.html", deep.as_bytes(), Some(Format::Html));
        let _ = one(
            "broken.html",
            b"<html><body><p>Unclosed <b>bold <i>and <table><tr><td>cells",
            Some(Format::Html),
        );
    }
}
