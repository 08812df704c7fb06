//! A tiny HTTP/1.1 server for the watcher's tests (here and in
//! `crates/cli/tests`): it serves pages and feeds a test changes between polls,
//! answers `If-None-Match` with 304, fails on request, and logs every request
//! with its host, so a test can check what the watcher asked and when. It
//! listens on 127.0.0.1 and 127.0.0.2 at the same port: two hosts, for per-host
//! limits.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One request as the site saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub at: Instant,
    /// The address it came in on ("127.0.0.1" or "127.0.0.2").
    pub host: String,
    pub path: String,
    pub status: u16,
    pub if_none_match: Option<String>,
}

#[derive(Default)]
struct Site {
    /// path -> (content type, body, etag)
    pages: HashMap<String, (String, String, String)>,
    failing: Vec<String>,
    hits: Vec<Hit>,
    version: u64,
}

pub struct TestSite {
    pub port: u16,
    site: Arc<Mutex<Site>>,
    stop: Arc<AtomicBool>,
}

impl TestSite {
    pub fn start() -> TestSite {
        let a = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = a.local_addr().expect("address").port();
        let b = TcpListener::bind(("127.0.0.2", port)).expect("bind 127.0.0.2 at the same port");
        let site = Arc::new(Mutex::new(Site::default()));
        let stop = Arc::new(AtomicBool::new(false));
        for l in [a, b] {
            let (site, stop) = (site.clone(), stop.clone());
            std::thread::spawn(move || {
                for s in l.incoming() {
                    if stop.load(Ordering::Acquire) {
                        return;
                    }
                    if let Ok(s) = s {
                        let site = site.clone();
                        std::thread::spawn(move || serve(s, &site));
                    }
                }
            });
        }
        TestSite { port, site, stop }
    }

    /// `http://HOST:PORT/PATH`; HOST is 1 or 2 (127.0.0.1 or 127.0.0.2).
    pub fn url(&self, host: u8, path: &str) -> String {
        format!("http://127.0.0.{host}:{}{path}", self.port)
    }

    /// Serves `body` at `path` (a new ETag each time it is set).
    pub fn put(&self, path: &str, content_type: &str, body: &str) {
        let mut s = self.site.lock().expect("site");
        s.version += 1;
        let etag = format!("\"v{}\"", s.version);
        s.pages.insert(
            path.to_string(),
            (content_type.to_string(), body.to_string(), etag),
        );
        s.failing.retain(|p| p != path);
    }

    /// `path` answers 500 until it is put again.
    pub fn fail(&self, path: &str) {
        self.site
            .lock()
            .expect("site")
            .failing
            .push(path.to_string());
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.site.lock().expect("site").hits.clone()
    }
}

impl Drop for TestSite {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        // wake the accept loops
        for h in [1, 2] {
            let _ = TcpStream::connect(SocketAddr::from(([127, 0, 0, h], self.port)));
        }
    }
}

fn serve(stream: TcpStream, site: &Mutex<Site>) {
    let host = stream
        .local_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut inm = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.trim().eq_ignore_ascii_case("if-none-match")
        {
            inm = Some(v.trim().to_string());
        }
    }
    let (status, head, body) = {
        let s = site.lock().expect("site");
        if s.failing.contains(&path) {
            (500, String::new(), "failing on purpose".to_string())
        } else {
            match s.pages.get(&path) {
                None => (404, String::new(), "no such page".to_string()),
                Some((_, _, etag)) if inm.as_deref() == Some(etag.as_str()) => {
                    (304, format!("ETag: {etag}\r\n"), String::new())
                }
                Some((ct, body, etag)) => (
                    200,
                    format!(
                        "Content-Type: {ct}\r\nETag: {etag}\r\nLast-Modified: Wed, 01 May 2024 10:00:00 GMT\r\n"
                    ),
                    body.clone(),
                ),
            }
        }
    };
    site.lock().expect("site").hits.push(Hit {
        at: Instant::now(),
        host,
        path,
        status,
        if_none_match: inm,
    });
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        404 => "Not Found",
        _ => "Internal Server Error",
    };
    let mut out = stream;
    let _ = write!(
        out,
        "HTTP/1.1 {status} {reason}\r\n{head}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = out.flush();
}

/// An RSS feed of `items`: (title, link, full text or `None` for a teaser).
pub fn rss(title: &str, items: &[(&str, &str, Option<&str>)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>{title}</title><link>http://example.org/</link>"
    );
    for (t, link, text) in items {
        out.push_str(&format!(
            "<item><title>{t}</title><link>{link}</link><pubDate>Wed, 01 May 2024 09:00:00 GMT</pubDate><description>A line.</description>"
        ));
        if let Some(text) = text {
            out.push_str(&format!(
                "<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>"
            ));
        }
        out.push_str("</item>");
    }
    out.push_str("</channel></rss>");
    out
}

/// A news page whose article says `text`.
pub fn page(title: &str, text: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title><meta property=\"og:site_name\" content=\"Page News\"></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    )
}

/// An article text of `n` sentences about `topic` (long enough not to be a teaser).
pub fn story_text(topic: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("The council of {topic} met on Wednesday to debate the budget for the harbour, and speaker {i} said the plan for {topic} would cost more than expected."))
        .collect::<Vec<_>>()
        .join(" ")
}
