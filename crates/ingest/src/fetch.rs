//! `http(s)` URLs fetched with a real HTTP client (ureq, rustls): a global timeout,
//! a size cap, at most 5 redirects, a User-Agent that says who is asking, and the
//! charset of the Content-Type header handed to the decoder. A conditional fetch
//! ([`fetch_if_changed`]) sends the validators of the last answer and tells a 304
//! apart, for polling feeds.

use std::time::Duration;

use crate::{IngestError, IngestErrorKind};

/// Who is asking, so a site can tell parallax from a browser and say no.
pub const USER_AGENT: &str = concat!(
    "parallax/",
    env!("CARGO_PKG_VERSION"),
    " (news comparison; +https://github.com/parallax-news/parallax)"
);

/// A fetched page: the final URL (after redirects), its type and bytes.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    /// The Content-Type's media type ("text/html").
    pub content_type: String,
    /// The Content-Type's charset, when given.
    pub charset: Option<String>,
    /// The body, at most `max_bytes`.
    pub body: Vec<u8>,
}

/// Limits for fetching a URL.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Give up after this long.
    pub timeout: Duration,
    /// Refuse bodies larger than this.
    pub max_bytes: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 16 << 20,
        }
    }
}

/// Whether `s` is an `http://` or `https://` URL.
pub fn is_url(s: &str) -> bool {
    let l = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Fetches one URL. Every failure (DNS, refused, timeout, HTTP status, too large)
/// is an error naming the URL.
#[cfg(feature = "fetch")]
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched, IngestError> {
    match request(url, opts, &[])? {
        Conditional::Fetched { page, .. } => Ok(page),
        // no validator was sent, so a 304 is the server's mistake
        Conditional::NotModified => Err(IngestError::new(
            url,
            IngestErrorKind::Io,
            "HTTP status 304 to an unconditional request",
        )),
    }
}

/// What a conditional request got back.
#[derive(Debug, Clone)]
pub enum Conditional {
    /// 304: unchanged since the validators sent.
    NotModified,
    /// The page, with the validators to send next time.
    Fetched {
        /// The page.
        page: Fetched,
        /// Its `ETag` header, if any.
        etag: Option<String>,
        /// Its `Last-Modified` header, if any.
        last_modified: Option<String>,
    },
}

/// Fetches `url` unless it is unchanged since an earlier fetch answered with
/// these validators (`If-None-Match` with its ETag, `If-Modified-Since` with its
/// Last-Modified): polling an unchanged feed costs its server a 304.
#[cfg(feature = "fetch")]
pub fn fetch_if_changed(
    url: &str,
    opts: &FetchOptions,
    etag: Option<&str>,
    last_modified: Option<&str>,
) -> Result<Conditional, IngestError> {
    let mut headers: Vec<(&str, &str)> = Vec::new();
    if let Some(e) = etag {
        headers.push(("If-None-Match", e));
    }
    if let Some(l) = last_modified {
        headers.push(("If-Modified-Since", l));
    }
    request(url, opts, &headers)
}

#[cfg(feature = "fetch")]
fn request(
    url: &str,
    opts: &FetchOptions,
    headers: &[(&str, &str)],
) -> Result<Conditional, IngestError> {
    let err = |kind, m: String| IngestError::new(url, kind, m);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .max_redirects(5)
        .user_agent(USER_AGENT)
        .build()
        .into();
    let mut req = agent
        .get(url)
        .header("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut resp = req.call().map_err(|e| match e {
        ureq::Error::StatusCode(s) => err(IngestErrorKind::Io, format!("HTTP status {s}")),
        ureq::Error::Timeout(_) => err(
            IngestErrorKind::Io,
            format!("timed out after {:?}", opts.timeout),
        ),
        other => err(IngestErrorKind::Io, format!("cannot fetch: {other}")),
    })?;
    if resp.status().as_u16() == 304 {
        return Ok(Conditional::NotModified);
    }
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header("etag");
    let last_modified = header("last-modified");
    let final_url = ureq::ResponseExt::get_uri(&resp).to_string();
    let content_type = header("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let charset = crate::warc::charset_of(&content_type);
    let body = resp
        .body_mut()
        .with_config()
        .limit(opts.max_bytes as u64)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(n) => err(
                IngestErrorKind::TooLarge,
                format!("response larger than the {n} byte limit"),
            ),
            other => err(
                IngestErrorKind::Io,
                format!("reading the response: {other}"),
            ),
        })?;
    Ok(Conditional::Fetched {
        page: Fetched {
            url: final_url,
            content_type,
            charset,
            body,
        },
        etag,
        last_modified,
    })
}

/// Without the `fetch` feature a URL cannot be read: an error naming it, saying why.
#[cfg(not(feature = "fetch"))]
pub fn fetch(url: &str, _: &FetchOptions) -> Result<Fetched, IngestError> {
    Err(no_fetching(url))
}

/// Without the `fetch` feature: the same error as [`fetch`].
#[cfg(not(feature = "fetch"))]
pub fn fetch_if_changed(
    url: &str,
    _: &FetchOptions,
    _: Option<&str>,
    _: Option<&str>,
) -> Result<Conditional, IngestError> {
    Err(no_fetching(url))
}

#[cfg(not(feature = "fetch"))]
fn no_fetching(url: &str) -> IngestError {
    IngestError::new(
        url,
        IngestErrorKind::Io,
        "this parallax was built without http(s) fetching (the `fetch` feature, on by default: build without --no-default-features)",
    )
}
