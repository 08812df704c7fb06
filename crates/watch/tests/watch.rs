//! The watcher against a real HTTP server on loopback whose feeds change
//! between polls: new entries are picked up, teasers' pages fetched within each
//! host's limit, unchanged feeds cost a 304, a failing feed is tried again later
//! while the others go on, and a restarted watcher resumes without importing
//! anything twice.

use std::sync::Arc;
use std::time::{Duration, Instant};

use parallax_analyze::Analyzer;
use parallax_ingest::ReadOptions;
use parallax_store::{Library, SqliteLibrary};
use parallax_watch::test_site::{TestSite, page, rss, story_text};
use parallax_watch::{FeedsConfig, Round, Watcher, state};

fn watcher(cfg: &FeedsConfig, lib: &Arc<dyn Library>) -> Watcher {
    Watcher::new(
        cfg.clone(),
        lib.clone(),
        Arc::new(Analyzer::new()),
        ReadOptions::default(),
        parallax_analyze::ARTICLE_BUDGET,
    )
    .unwrap()
}

fn round(w: &mut Watcher, log: &mut Vec<String>) -> Round {
    w.round(&mut |l| log.push(l.to_string())).unwrap()
}

/// No host got more than `per` requests in any `window`.
fn within_limits(site: &TestSite, per: usize, window: Duration) {
    let hits = site.hits();
    for h in &hits {
        let n = hits
            .iter()
            .filter(|x| x.host == h.host && x.at >= h.at && x.at.duration_since(h.at) < window)
            .count();
        assert!(
            n <= per,
            "{n} requests to {} within {window:?}: {hits:#?}",
            h.host
        );
    }
}

#[test]
fn watching_feeds_that_change() {
    let d = tempfile::tempdir().unwrap();
    exercise(Arc::new(SqliteLibrary::open(d.path()).unwrap()));
}

/// The same on PostgreSQL, when PARALLAX_TEST_PG names a server (scripts/test sets it).
#[test]
fn watching_feeds_that_change_on_postgres() {
    let Ok(url) = std::env::var("PARALLAX_TEST_PG") else {
        if std::env::var_os("PARALLAX_REQUIRE_PG").is_some() {
            panic!("PARALLAX_REQUIRE_PG is set but PARALLAX_TEST_PG is not");
        }
        eprintln!("skipping: set PARALLAX_TEST_PG=postgres://… (scripts/test does)");
        return;
    };
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin.batch_execute(parallax_store::PG_DROP_ALL).unwrap();
    drop(admin);
    exercise(Arc::new(parallax_store::PgLibrary::connect(&url).unwrap()));
}

fn exercise(lib: Arc<dyn Library>) {
    let site = TestSite::start();
    site.put(
        "/a.rss",
        "application/rss+xml",
        &rss(
            "Harbour Times",
            &[
                (
                    "Budget vote",
                    "http://a.example/1",
                    Some(&story_text("Portmouth", 4)),
                ),
                (
                    "Ferry strike",
                    "http://a.example/2",
                    Some(&story_text("Ferrybridge", 4)),
                ),
            ],
        ),
    );
    let pages: Vec<String> = (1..=3)
        .map(|i| site.url(2, &format!("/page/{i}.html")))
        .collect();
    site.put(
        "/b.rss",
        "application/rss+xml",
        &rss(
            "Teaser Daily",
            &[
                ("One", &pages[0], None),
                ("Two", &pages[1], None),
                ("Three", &pages[2], None),
            ],
        ),
    );
    for (i, town) in ["Lowtown", "Midvale", "Highcliff"].iter().enumerate() {
        site.put(
            &format!("/page/{}.html", i + 1),
            "text/html",
            &page(town, &story_text(town, 5)),
        );
    }
    site.fail("/c.rss");
    let mut cfg = FeedsConfig::parse(&format!(
        "interval = 1\nper_host_per_minute = 2\n[[feed]]\nurl = \"{}\"\n[[feed]]\nurl = \"{}\"\n[[feed]]\nurl = \"{}\"\n",
        site.url(1, "/a.rss"),
        site.url(2, "/b.rss"),
        site.url(1, "/c.rss")
    ))
    .unwrap();
    // a minute is long for a test: the same limit over one second
    cfg.window = Duration::from_secs(1);
    let mut log = Vec::new();
    let mut w = watcher(&cfg, &lib);

    // the first round: both entries of A, B's three pages queued and one fetched
    // (B's host allows two requests a second: the feed and one page), C fails
    let r = round(&mut w, &mut log);
    assert_eq!(r.polled, 3, "{r:?} {log:#?}");
    assert_eq!(r.failed, 1, "{log:#?}");
    assert_eq!(r.new_entries, 5, "{log:#?}");
    assert_eq!(r.added, 3, "{r:?} {log:#?}");
    assert_eq!(r.waiting, 2, "{r:?} {log:#?}");
    assert_eq!(lib.count().unwrap(), 3);
    assert!(
        log.iter()
            .any(|l| l.contains("c.rss") && l.contains("500") && l.contains("tried again in")),
        "{log:#?}"
    );

    // later rounds fetch the waiting pages as the host allows
    let t0 = Instant::now();
    while lib.count().unwrap() < 5 {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "pages never fetched: {log:#?}"
        );
        std::thread::sleep(w.next_round_in().unwrap().max(Duration::from_millis(50)));
        round(&mut w, &mut log);
    }
    within_limits(&site, 2, Duration::from_secs(1));

    // A changes, B does not: B's poll is a 304, A's new entry comes in
    site.put(
        "/a.rss",
        "application/rss+xml",
        &rss(
            "Harbour Times",
            &[
                (
                    "Budget vote",
                    "http://a.example/1",
                    Some(&story_text("Portmouth", 4)),
                ),
                (
                    "Ferry strike",
                    "http://a.example/2",
                    Some(&story_text("Ferrybridge", 4)),
                ),
                (
                    "Bridge opens",
                    "http://a.example/3",
                    Some(&story_text("Bridgeford", 4)),
                ),
            ],
        ),
    );
    // C recovers
    site.put(
        "/c.rss",
        "application/rss+xml",
        &rss(
            "Cove Courier",
            &[(
                "Storm",
                "http://c.example/1",
                Some(&story_text("Stormhaven", 4)),
            )],
        ),
    );
    let t0 = Instant::now();
    while lib.count().unwrap() < 7 {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "changes never picked up: {log:#?}"
        );
        std::thread::sleep(w.next_round_in().unwrap().max(Duration::from_millis(50)));
        round(&mut w, &mut log);
    }
    let hits = site.hits();
    assert!(
        hits.iter()
            .any(|h| h.path == "/b.rss" && h.status == 304 && h.if_none_match.is_some()),
        "B was not polled with its ETag: {hits:#?}"
    );
    let c = state::feeds(lib.as_ref(), &[site.url(1, "/c.rss")])
        .unwrap()
        .remove(0);
    assert_eq!((c.failures, c.last_error.as_deref()), (0, None), "{c:?}");
    within_limits(&site, 2, Duration::from_secs(1));

    // a restarted watcher resumes: nothing imported twice, unchanged feeds are 304s
    drop(w);
    let polls_before = site.hits().len();
    let mut w = watcher(&cfg, &lib);
    std::thread::sleep(Duration::from_millis(1100));
    let r = round(&mut w, &mut log);
    assert_eq!((r.added, r.new_entries), (0, 0), "{r:?} {log:#?}");
    assert_eq!(lib.count().unwrap(), 7);
    let after: Vec<_> = site.hits()[polls_before..].to_vec();
    assert!(after.iter().all(|h| h.status == 304), "{after:#?}");
    within_limits(&site, 2, Duration::from_secs(1));
}
