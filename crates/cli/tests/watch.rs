//! `parallax watch` and `parallax serve --watch` against a real HTTP server on
//! loopback whose feeds change between polls: what is new is imported once and
//! lands in a story; unchanged feeds are polled with their validators; a bad
//! FEEDS.toml is a usage error naming the file.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use parallax_store::{Library, SqliteLibrary};
use parallax_watch::test_site::{TestSite, page, rss, story_text};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

fn feed_a(site: &TestSite, n: usize) {
    let towns = ["Portmouth", "Ferrybridge", "Bridgeford"];
    let items: Vec<(String, String, String)> = towns[..n]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("News from {t}"),
                format!("http://a.example/{i}"),
                story_text(t, 4),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, Option<&str>)> = items
        .iter()
        .map(|(t, l, x)| (t.as_str(), l.as_str(), Some(x.as_str())))
        .collect();
    site.put(
        "/a.rss",
        "application/rss+xml",
        &rss("Harbour Times", &refs),
    );
}

fn feeds_file(dir: &Path, site: &TestSite) -> std::path::PathBuf {
    let p = dir.join("feeds.toml");
    std::fs::write(
        &p,
        format!(
            "interval = 1\nper_host_per_minute = 10\n[[feed]]\nurl = \"{}\"\n[[feed]]\nurl = \"{}\"\noutlet = \"Teaser Daily\"\n",
            site.url(1, "/a.rss"),
            site.url(2, "/b.rss")
        ),
    )
    .unwrap();
    p
}

fn count(lib: &Path) -> usize {
    SqliteLibrary::open(lib).unwrap().count().unwrap()
}

fn members(lib: &Path) -> usize {
    let l = SqliteLibrary::open(lib).unwrap();
    l.stories(100, 0).unwrap().iter().map(|s| s.articles).sum()
}

#[test]
fn watch_once_imports_what_is_new() {
    let site = TestSite::start();
    feed_a(&site, 2);
    let link = site.url(2, "/page/1.html");
    site.put(
        "/b.rss",
        "application/rss+xml",
        &rss("Teasers", &[("Lowtown", &link, None)]),
    );
    site.put(
        "/page/1.html",
        "text/html",
        &page("Lowtown", &story_text("Lowtown", 5)),
    );
    let d = tempfile::tempdir().unwrap();
    let feeds = feeds_file(d.path(), &site);
    let lib = d.path().join("lib");
    let once = || {
        bin()
            .arg("watch")
            .arg(&feeds)
            .args(["--once", "--library"])
            .arg(&lib)
            .output()
            .unwrap()
    };
    let out = once();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("2 entries, 2 new: 2 added"), "{err}");
    assert!(err.contains("round: 2 polled"), "{err}");
    assert_eq!(count(&lib), 3, "{err}");
    assert_eq!(members(&lib), 3, "every article in a story: {err}");
    let l = SqliteLibrary::open(&lib).unwrap();
    let outlets = l.outlets().unwrap();
    assert!(outlets.contains(&"Teaser Daily".to_string()), "{outlets:?}");
    drop(l);

    // again: nothing new, the feeds answer 304 to their validators
    std::thread::sleep(Duration::from_millis(1100));
    let out = once();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("not modified"), "{err}");
    assert_eq!(count(&lib), 3);

    // a new entry is picked up, once
    feed_a(&site, 3);
    std::thread::sleep(Duration::from_millis(1100));
    let err = String::from_utf8_lossy(&once().stderr).to_string();
    assert!(err.contains("3 entries, 1 new: 1 added"), "{err}");
    assert_eq!((count(&lib), members(&lib)), (4, 4), "{err}");

    // a failing feed: exit 1 with the reason, the other feed still polled
    site.fail("/b.rss");
    feed_a(&site, 3);
    std::thread::sleep(Duration::from_millis(1100));
    let out = once();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("500") && err.contains("tried again in"),
        "{err}"
    );
    assert!(err.contains("a.rss: 3 entries, 0 new"), "{err}");

    // a bad FEEDS.toml is a usage error naming it
    let bad = d.path().join("bad.toml");
    std::fs::write(&bad, "[[feed]]\nurl = \"gopher://x\"\n").unwrap();
    let out = bin()
        .arg("watch")
        .arg(&bad)
        .args(["--once", "--library"])
        .arg(&lib)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("bad.toml") && err.contains("http://"), "{err}");
}

struct Kill(std::process::Child);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_watch_imports_while_serving() {
    let site = TestSite::start();
    feed_a(&site, 2);
    site.put("/b.rss", "application/rss+xml", &rss("Teasers", &[]));
    let d = tempfile::tempdir().unwrap();
    let feeds = feeds_file(d.path(), &site);
    let lib = d.path().join("lib");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Kill(
        bin()
            .arg("serve")
            .arg("--library")
            .arg(&lib)
            .arg("--addr")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--watch")
            .arg(&feeds)
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let stories = |want: usize| {
        let t0 = Instant::now();
        loop {
            let got: usize = ureq::get(&format!("http://127.0.0.1:{port}/api/stories?limit=100"))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_json::<serde_json::Value>().ok())
                .and_then(|v| {
                    v.as_array().map(|a| {
                        a.iter()
                            .map(|s| s["articles"].as_u64().unwrap_or(0) as usize)
                            .sum()
                    })
                })
                .unwrap_or(0);
            if got == want {
                return;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(60),
                "{got} articles in stories, not {want}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    };
    stories(2);
    feed_a(&site, 3);
    stories(3);
}
