//! Every input kind through `ingest_paths`, as the CLI reads them: WARC (plain and
//! gzipped, truncated, with bad records), RSS/Atom feeds, and `http` URLs served by a
//! real local HTTP server (redirects, charsets, errors, size cap, timeout).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

use parallax_ingest::fetch::FetchOptions;
use parallax_ingest::{Article, IngestError, IngestOptions, ingest_paths};

fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Daily Example"></head><body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1><p>{body}</p><p>The council said the decision followed months of talks with residents and unions.</p></article>
<footer>Subscribe to our newsletter.</footer></body></html>"#
    )
}

fn run(paths: &[PathBuf], opts: &IngestOptions) -> Vec<Result<Article, IngestError>> {
    let mut out = Vec::new();
    ingest_paths(paths, opts, &mut |r| out.push(r));
    out
}

fn warc_response(uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    block.extend_from_slice(body);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend(block);
    r.extend(b"\r\n\r\n");
    r
}

fn gz(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

#[test]
fn warc_archives_plain_gzipped_and_damaged() {
    let d = tempfile::tempdir().unwrap();
    let one = page(
        "Library closes",
        "The central library closed on Tuesday after a vote.",
    );
    let latin = latin1_page();
    let mut archive = warc_response(
        "https://daily.example/a",
        "Content-Type: text/html\r\n",
        one.as_bytes(),
    );
    archive.extend(warc_response(
        "https://daily.example/b",
        "Content-Type: text/html; charset=windows-1252\r\n",
        &latin,
    ));
    archive.extend(warc_response(
        "https://daily.example/nav",
        "Content-Type: text/html\r\n",
        b"<html><body><nav>Home</nav></body></html>",
    ));
    std::fs::write(d.path().join("crawl.warc"), &archive).unwrap();
    let got = run(&[d.path().join("crawl.warc")], &IngestOptions::default());
    assert_eq!(got.len(), 3, "{got:?}");
    let a = got[0].as_ref().unwrap();
    assert_eq!(a.meta.url.as_deref(), Some("https://daily.example/a"));
    assert!(
        a.meta
            .source
            .ends_with("crawl.warc#record 1 (https://daily.example/a)"),
        "{}",
        a.meta.source
    );
    assert!(a.text.contains("closed on Tuesday") && !a.text.contains("newsletter"));
    assert!(got[1].as_ref().unwrap().text.contains("café in the square"));
    let e = got[2].as_ref().unwrap_err();
    assert!(
        e.source.contains("#record 3") && e.message.contains("no article"),
        "{e}"
    );

    // gzipped, one member per record, the last one cut off: the first two stay
    let mut members: Vec<u8> = Vec::new();
    for i in 0..3 {
        let p = page(
            &format!("Story {i}"),
            &format!("Number {i} of the stories filed on Tuesday by the desk."),
        );
        members.extend(gz(&warc_response(
            &format!("https://daily.example/{i}"),
            "Content-Type: text/html\r\n",
            p.as_bytes(),
        )));
    }
    let cut = members.len() - 40;
    std::fs::write(d.path().join("cut.warc.gz"), &members[..cut]).unwrap();
    let got = run(&[d.path().join("cut.warc.gz")], &IngestOptions::default());
    let oks = got.iter().filter(|r| r.is_ok()).count();
    assert_eq!(oks, 2, "{got:?}");
    let err = got.last().unwrap().as_ref().unwrap_err();
    assert!(err.message.contains("truncated"), "{err}");

    // an unknown name is recognised by its bytes
    std::fs::write(d.path().join("crawl.data"), gz(&archive)).unwrap();
    let got = run(&[d.path().join("crawl.data")], &IngestOptions::default());
    assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 2);

    // binary junk with a .warc name: errors, no panic, no articles
    std::fs::write(
        d.path().join("junk.warc"),
        [0u8, 159, 146, 150, 1, 2, 3].repeat(1000),
    )
    .unwrap();
    let got = run(&[d.path().join("junk.warc")], &IngestOptions::default());
    assert!(!got.is_empty() && got.iter().all(|r| r.is_err()), "{got:?}");
}

/// Pages are extracted in parallel batches: across several batches, with bad records
/// and a cut-off end among them, results still come in archive order, one per record.
#[test]
fn large_archives_keep_record_order_across_parallel_batches() {
    let d = tempfile::tempdir().unwrap();
    let mut members: Vec<u8> = Vec::new();
    let n = 300;
    for i in 1..=n {
        let body = if i % 97 == 0 {
            // a page with no article: an error in its place
            "<html><body><nav>Home</nav></body></html>".to_string()
        } else {
            page(
                &format!("Story number {i}"),
                &format!(
                    "Story {i} is about the vote number {i} the council held on Tuesday in the hall."
                ),
            )
        };
        members.extend(gz(&warc_response(
            &format!("https://daily.example/{i}"),
            "Content-Type: text/html\r\n",
            body.as_bytes(),
        )));
    }
    let cut = members.len() - 40;
    std::fs::write(d.path().join("big.warc.gz"), &members[..cut]).unwrap();
    let got = run(&[d.path().join("big.warc.gz")], &IngestOptions::default());
    // records 1..n-1 each give one result; the cut-off last one is the truncation error
    assert_eq!(got.len(), n, "{}", got.len());
    for (i, r) in got[..n - 1].iter().enumerate() {
        let rec = i + 1;
        match r {
            Ok(a) => {
                assert!(rec % 97 != 0, "record {rec} should have failed");
                assert!(
                    a.meta.source.contains(&format!("#record {rec} (")),
                    "{} at {rec}",
                    a.meta.source
                );
                assert!(
                    a.text.contains(&format!("Story {rec} is about")),
                    "record {rec}"
                );
            }
            Err(e) => {
                assert_eq!(rec % 97, 0, "record {rec}: {e}");
                assert!(e.source.contains(&format!("#record {rec} (")), "{e}");
            }
        }
    }
    assert!(
        got[n - 1]
            .as_ref()
            .unwrap_err()
            .message
            .contains("truncated")
    );
}

#[test]
fn feeds_give_one_article_per_entry() {
    let d = tempfile::tempdir().unwrap();
    let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Daily Example</title><link>https://daily.example/</link>
<item><title>Library closes</title><link>https://daily.example/a</link><pubDate>Tue, 30 Apr 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The council voted on Tuesday to close the central library, a decision many residents said they regretted.</p><p>“We had no choice,” Mayor Jane Smith said after the vote, adding that the budget left the council with very few options this year.</p><script>alert(1)</script>]]></content:encoded></item>
<item><title>Teaser</title><link>https://daily.example/b</link><description>One line only.</description></item>
</channel></rss>"#;
    std::fs::write(d.path().join("news.rss"), rss).unwrap();
    let got = run(&[d.path().join("news.rss")], &IngestOptions::default());
    assert_eq!(got.len(), 2);
    let a = got[0].as_ref().unwrap();
    assert_eq!(a.outlet.name, "Daily Example");
    assert_eq!(a.meta.title.as_deref(), Some("Library closes"));
    assert!(
        a.meta
            .published
            .as_deref()
            .unwrap()
            .starts_with("2024-04-30")
    );
    assert!(
        a.text.contains("We had no choice") && !a.text.contains("alert"),
        "{}",
        a.text
    );
    let e = got[1].as_ref().unwrap_err();
    assert!(
        e.source.ends_with("news.rss#entry 2") && e.message.contains("--fetch-links"),
        "{e}"
    );
}

/// A tiny HTTP server on loopback: `routes` maps a path to (status, headers, body);
/// "/slow" never answers.
fn serve(routes: Vec<(&'static str, u16, String, Vec<u8>)>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let routes = routes.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let n = s.read(&mut buf).unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
                if path == "/slow" {
                    std::thread::sleep(Duration::from_secs(5));
                    return;
                }
                let ua_ok = req.to_ascii_lowercase().contains("user-agent: parallax/");
                let (status, headers, body) = routes
                    .iter()
                    .find(|r| r.0 == path)
                    .map(|r| (r.1, r.2.clone(), r.3.clone()))
                    .unwrap_or((404, String::new(), b"not found".to_vec()));
                let status = if ua_ok { status } else { 403 };
                let head = format!(
                    "HTTP/1.1 {status} X\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(head.as_bytes());
                let _ = s.write_all(&body);
            });
        }
    });
    format!("http://{addr}")
}

#[test]
fn urls_are_fetched_with_redirects_charsets_and_limits() {
    let latin = latin1_page();
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Feedy</title>
<item><title>Teaser</title><link>LINK</link><description>Short.</description></item></channel></rss>"#;
    let routes = vec![
        (
            "/a",
            200,
            "Content-Type: text/html\r\n".to_string(),
            page("Library closes", "The library closed on Tuesday.").into_bytes(),
        ),
        ("/old", 301, "Location: /a\r\n".to_string(), Vec::new()),
        (
            "/latin",
            200,
            "Content-Type: text/html; charset=windows-1252\r\n".to_string(),
            latin.to_vec(),
        ),
        (
            "/big",
            200,
            "Content-Type: text/html\r\n".to_string(),
            vec![b'x'; 200_000],
        ),
    ];
    let base = serve(routes.clone());
    // the feed links to a page of the same server
    let mut routes2 = routes;
    routes2.push((
        "/feed",
        200,
        "Content-Type: application/rss+xml\r\n".to_string(),
        feed.replace("LINK", &format!("{base}/a")).into_bytes(),
    ));
    let base2 = serve(routes2);

    let opts = IngestOptions {
        fetch: FetchOptions {
            timeout: Duration::from_secs(2),
            max_bytes: 100_000,
        },
        ..Default::default()
    };
    let urls: Vec<PathBuf> = ["/old", "/latin", "/missing", "/big", "/slow"]
        .iter()
        .map(|p| PathBuf::from(format!("{base}{p}")))
        .collect();
    let got = run(&urls, &opts);
    assert_eq!(got.len(), 5, "{got:?}");
    let a = got[0].as_ref().unwrap();
    assert_eq!(
        a.meta.url.as_deref(),
        Some(format!("{base}/a").as_str()),
        "final URL after the redirect"
    );
    assert!(a.text.contains("library closed"));
    assert!(got[1].as_ref().unwrap().text.contains("café in the square"));
    let e = got[2].as_ref().unwrap_err();
    assert!(
        e.source.ends_with("/missing") && e.message.contains("404"),
        "{e}"
    );
    assert!(
        got[3].as_ref().unwrap_err().message.contains("limit"),
        "{:?}",
        got[3]
    );
    assert!(
        got[4].as_ref().unwrap_err().message.contains("timed out"),
        "{:?}",
        got[4]
    );

    // a fetched feed whose entry is a teaser: its link is fetched on request
    let feed_url = PathBuf::from(format!("{base2}/feed"));
    let got = run(std::slice::from_ref(&feed_url), &opts);
    assert!(
        got[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("--fetch-links")
    );
    let got = run(
        &[feed_url],
        &IngestOptions {
            fetch_links: true,
            ..opts
        },
    );
    let a = got[0].as_ref().unwrap();
    assert!(a.text.contains("library closed"), "{}", a.text);
}

fn latin1_page() -> Vec<u8> {
    let p = page(
        "Café reopens",
        "The café in the square reopened on Monday, its owner said.",
    )
    .replace("utf-8", "x-unknown");
    encoding_rs::WINDOWS_1252.encode(&p).0.into_owned()
}
