//! The server under the attacks of issue 17, over real HTTP on loopback: Host
//! headers of other names (DNS rebinding), the bearer scheme in any case, actor
//! links that lead somewhere, and pages that notice writes by another library
//! handle (another process writes the same way; crates/cli/tests/reliability.rs
//! does it with the real binaries).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parallax_analyze::Analyzer;
use parallax_compare::CompareOptions;
use parallax_core::{Article, ArticleMeta, Outlet};
use parallax_server::ServerConfig;
use parallax_store::{Library, SqliteLibrary};

const TOKEN: &str = "test-token-0123456789";

fn article(outlet: &str, title: &str, text: &str) -> Article {
    let meta = ArticleMeta {
        title: Some(title.into()),
        published: Some("2016-01-12".into()),
        source: format!("{title}.txt"),
        ..Default::default()
    };
    Article::new(Outlet::named(outlet), meta, text.into(), vec![])
}

/// Two outlets; the second names the president by surname only, so its key
/// (`person:obama`) is merged into the identity `person:barack obama`.
fn corpus() -> Vec<Article> {
    vec![
        article(
            "Daily",
            "State of the Union",
            "President Barack Obama gave his last State of the Union address on Tuesday in Washington. Barack Obama said the economy was strong.",
        ),
        article(
            "Courier",
            "Final address",
            "Obama spoke to Congress on Tuesday night about the economy. “We are strong,” Obama said in Washington.",
        ),
    ]
}

fn library() -> (tempfile::TempDir, Arc<dyn Library>) {
    let d = tempfile::tempdir().unwrap();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    let an = Analyzer::new();
    for a in corpus() {
        lib.import(&a, &an.analyze(&a)).unwrap();
    }
    parallax_store::update_stories(&lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    (d, Arc::new(lib))
}

fn start(lib: Arc<dyn Library>, cfg: ServerConfig) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(parallax_server::serve(
            lib,
            "127.0.0.1:0".parse().unwrap(),
            cfg,
            |a| tx.send(a).unwrap(),
        ))
        .unwrap();
    });
    rx.recv_timeout(Duration::from_secs(10)).unwrap()
}

/// One raw HTTP/1.1 request (the Host header as given); the status and body.
fn raw(addr: SocketAddr, head: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
    (status, body.to_string())
}

fn get_host(addr: SocketAddr, host: &str, path: &str) -> u16 {
    raw(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
    .0
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    raw(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
}

/// Issue 17 item 10: `Host: evil.example` was answered 200, so a DNS-rebinding
/// page in a user's browser could read the library.
#[test]
fn requests_for_other_host_names_are_refused() {
    let (_d, lib) = library();
    let addr = start(
        lib,
        ServerConfig {
            allowed_hosts: vec!["Parallax.LAN".into()],
            ..Default::default()
        },
    );
    let port = addr.port();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "10.9.8.7".to_string(),
        String::new(),
    ] {
        for path in ["/api/stories", "/", "/api/health"] {
            assert_eq!(get_host(addr, &host, path), 421, "Host: {host:?} {path}");
        }
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "LOCALHOST".to_string(),
        format!("app.localhost:{port}"),
        format!("[::1]:{port}"),
        "localhost.".to_string(),
        format!("parallax.lan:{port}"),
    ] {
        assert_eq!(get_host(addr, &host, "/api/stories"), 200, "Host: {host:?}");
    }
}

/// Issue 17 item 13: `Authorization: bearer …` was refused; the scheme's name
/// is case-insensitive (RFC 7235).
#[test]
fn the_bearer_scheme_is_case_insensitive() {
    let (_d, lib) = library();
    let addr = start(
        lib,
        ServerConfig {
            token: Some(TOKEN.into()),
            ..Default::default()
        },
    );
    for (i, scheme) in ["Bearer", "bearer", "BEARER", "bEaReR"].iter().enumerate() {
        let body = format!(
            r#"{{"text":"The mayor said on day {i} that the old bridge would reopen next week.","outlet":"Local"}}"#
        );
        let (status, text) = raw(
            addr,
            &format!(
                "POST /api/import HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {scheme}  {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ),
        );
        assert_eq!(status, 200, "{scheme}: {text}");
        assert!(text.contains("\"added\""), "{scheme}: {text}");
    }
    for wrong in [
        format!("Basic {TOKEN}"),
        format!("Bearer{TOKEN}"),
        "Bearer".into(),
    ] {
        let (status, _) = raw(
            addr,
            &format!(
                "POST /api/import HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {wrong}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
            ),
        );
        assert_eq!(status, 401, "{wrong}");
    }
}

/// Every `href="/actors/…"` of a page.
fn actor_links(html: &str) -> Vec<String> {
    html.split("href=\"/actors/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

/// Issue 17 item 11: article pages linked `/actors/person:obama` (raw spaces, and
/// the article's own key, merged into another identity), which answered 404.
#[test]
fn every_actor_link_leads_to_its_actor() {
    let (_d, lib) = library();
    let ids: Vec<String> = lib.list(50, 0).unwrap().into_iter().map(|a| a.id).collect();
    let addr = start(lib, ServerConfig::default());
    let mut links = Vec::new();
    let mut pages = vec!["/".to_string(), "/actors?q=obama".to_string()];
    pages.extend(ids.iter().map(|i| format!("/articles/{i}")));
    let (_, stories) = get(addr, "/api/stories");
    let stories: serde_json::Value = serde_json::from_str(&stories).unwrap();
    for s in stories.as_array().unwrap() {
        pages.push(format!("/stories/{}", s["id"].as_str().unwrap()));
    }
    for p in &pages {
        let (status, html) = get(addr, p);
        assert_eq!(status, 200, "{p}");
        links.extend(actor_links(&html));
    }
    assert!(
        links.iter().any(|l| l == "person:obama"),
        "the surname-only key is linked: {links:?}"
    );
    for l in &links {
        assert!(
            !l.contains(' ') && !l.contains('#') && !l.contains('?'),
            "an unencoded link: {l:?}"
        );
        let (status, html) = get(addr, &format!("/actors/{l}"));
        assert_eq!(status, 200, "/actors/{l}");
        assert!(html.contains("Obama") || !l.contains("obama"), "{l}");
    }
    let (status, _) = get(addr, "/api/actors/person:obama");
    assert_eq!(status, 200);
}

/// Issue 17 item 1, in-process: a second library handle on the same directory
/// (its own connections, as another process has) imports; the server's pages,
/// its JSON and its search see the articles within a second, with no write of
/// the server's own to bump its cache.
#[test]
fn pages_follow_writes_by_another_handle() {
    let (d, lib) = library();
    let addr = start(lib, ServerConfig::default());
    let words = |addr| {
        let (_, html) = get(addr, "/");
        html.contains("3 articles in the library")
    };
    // warm every cache: the page, the JSON search and the search page
    assert!(get(addr, "/").1.contains("2 articles in the library"));
    assert!(
        get(addr, "/api/search?q=zebraquux")
            .1
            .contains("\"total\":0")
    );
    assert!(
        !get(addr, "/search?q=zebraquux")
            .1
            .contains("Zebraquux fair")
    );
    let other = SqliteLibrary::open(d.path()).unwrap();
    let a = article(
        "Gazette",
        "Zebraquux fair",
        "The zebraquux fair opened in the county on Saturday, the organisers said.",
    );
    other.import(&a, &Analyzer::new().analyze(&a)).unwrap();
    let t = Instant::now();
    loop {
        let fresh = words(addr)
            && get(addr, "/api/search?q=zebraquux")
                .1
                .contains("\"total\":1")
            && get(addr, "/search?q=zebraquux")
                .1
                .contains("Zebraquux fair")
            && get(addr, &format!("/articles/{}", a.id)).0 == 200;
        if fresh {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "the server still shows the library as it was 1 s after another handle wrote"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("seen after {} ms", t.elapsed().as_millis());
}
