//! The same behaviour checked on both backends: SQLite always, PostgreSQL when
//! PARALLAX_TEST_PG names a server (scripts/test starts one and sets it; CI makes
//! its absence a failure with PARALLAX_REQUIRE_PG).

use parallax_analyze::Analyzer;
use parallax_compare::CompareOptions;
use parallax_core::{Article, ArticleMeta, Outlet};
use parallax_store::{
    ImportOutcome, Library, PgLibrary, SearchQuery, SqliteLibrary, update_stories,
};

fn article(outlet: &str, title: &str, date: &str, url: Option<&str>, text: &str) -> Article {
    let meta = ArticleMeta {
        title: Some(title.into()),
        published: Some(date.into()),
        url: url.map(str::to_string),
        source: format!("{outlet}.txt"),
        ..Default::default()
    };
    Article::new(Outlet::named(outlet), meta, text.into(), vec![])
}

fn corpus() -> Vec<Article> {
    vec![
        article(
            "Breitbart",
            "Leftist summit",
            "2024-04-25",
            Some("https://b.example/1"),
            "Venezuela’s socialist dictator Nicolás Maduro hosted the ALBA summit in Caracas. “Palestine will prevail,” Maduro said.",
        ),
        article(
            "Morning Star",
            "Left stands with Palestine",
            "2024-04-26",
            Some("https://m.example/1"),
            "Venezuela’s President Nicolas Maduro issued a statement backing Palestine at the ALBA summit. He declared: “We will not abandon this cause.”",
        ),
        article(
            "Daily",
            "Weather",
            "2023-01-01",
            None,
            "Rain fell across the region on Monday, forecasters said, and more is expected.",
        ),
    ]
}

fn exercise(lib: &dyn Library) {
    let an = Analyzer::new();
    for a in corpus() {
        let out = lib.import(&a, &an.analyze(&a)).unwrap();
        assert_eq!(out, ImportOutcome::Added { id: a.id.clone() });
    }
    assert_eq!(lib.count().unwrap(), 3);
    // duplicates: same id, same URL, same text (typographic differences folded)
    let again = &corpus()[0];
    assert!(matches!(
        lib.import(again, &an.analyze(again)).unwrap(),
        ImportOutcome::Duplicate { .. }
    ));
    let same_url = article(
        "Breitbart",
        "Other",
        "2024-04-25",
        Some("https://b.example/1"),
        "A different text entirely, for the same page.",
    );
    match lib.import(&same_url, &an.analyze(&same_url)).unwrap() {
        ImportOutcome::Duplicate { reason, .. } => assert!(reason.contains("URL"), "{reason}"),
        other => panic!("{other:?}"),
    }
    let same_text = article(
        "Mirror",
        "Copy",
        "2024-04-25",
        None,
        &corpus()[2].text.replace("Rain", "RAIN"),
    );
    match lib.import(&same_text, &an.analyze(&same_text)).unwrap() {
        ImportOutcome::Duplicate { reason, .. } => assert_eq!(reason, "same text"),
        other => panic!("{other:?}"),
    }
    assert_eq!(lib.count().unwrap(), 3);

    // search: words, phrases, accents folded, filters, snippets
    let r = lib
        .search(&SearchQuery {
            text: "maduro".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 2);
    let r = lib
        .search(&SearchQuery {
            text: "\"socialist dictator\"".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].outlet, "Breitbart");
    assert!(
        r.hits[0]
            .snippet
            .iter()
            .any(|p| p.hit && p.text.to_lowercase().contains("socialist")),
        "{:?}",
        r.hits[0].snippet
    );
    let r = lib
        .search(&SearchQuery {
            text: "maduro".into(),
            outlet: Some("Morning Star".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 1);
    let r = lib
        .search(&SearchQuery {
            text: "maduro".into(),
            from: Some("2024-04-26".into()),
            to: Some("2024-04-26".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 1);
    let r = lib
        .search(&SearchQuery {
            text: "rain".into(),
            actor: Some("Nicolás Maduro".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 0);
    let r = lib
        .search(&SearchQuery {
            text: "summit".into(),
            actor: Some("nicolas maduro".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.total, 2, "actor filter by folded name");
    // hostile query text is only text
    let r = lib
        .search(&SearchQuery {
            text: "maduro\" OR * NEAR(( -- ;".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(r.total <= 2);

    // stories and actors once the stories are up to date
    assert_eq!(lib.all_analyzed().unwrap().len(), 3);
    assert_eq!(
        parallax_store::pending(lib).unwrap(),
        parallax_store::Pending {
            queued: 3,
            stale: 0
        }
    );
    let done = update_stories(lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    assert_eq!(
        (done.placed, done.started, done.refreshed),
        (3, 2, 2),
        "{done:?}"
    );
    assert!(parallax_store::pending(lib).unwrap().is_empty());
    let stories = lib.stories(10, 0).unwrap();
    assert!(!stories.is_empty());
    assert_eq!(
        stories[0].outlets.len(),
        2,
        "the two-outlet story comes first: {stories:?}"
    );
    let rec = lib.story(&stories[0].id).unwrap().unwrap();
    assert_eq!(rec.articles.len(), 2);
    let hits = lib.find_actors("Nicolas Maduro", 5).unwrap();
    assert_eq!(hits[0].name, "Nicolás Maduro");
    let p = lib.actor(&hits[0].id).unwrap().unwrap();
    assert_eq!(p.outlets.len(), 2);
    assert!(
        p.outlets["Breitbart"]
            .labels
            .iter()
            .any(|l| l.text.contains("socialist dictator"))
    );
    assert!(
        p.outlets["Morning Star"]
            .labels
            .iter()
            .any(|l| l.text.contains("President"))
    );
    assert_eq!(p.outlets["Morning Star"].quotes, 1);

    // browsing the whole library (one SQL for both backends)
    let refs = parallax_store::outlet_refs(lib).unwrap();
    let names: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Breitbart", "Daily", "Morning Star"]);
    assert!(refs.iter().all(|r| r.articles == 1));
    let top = parallax_store::top_actors(lib, 10, 0).unwrap();
    assert!(
        top.windows(2)
            .all(|w| w[0].actor.mentions >= w[1].actor.mentions)
    );
    let maduro = top
        .iter()
        .find(|a| a.actor.name.contains("Maduro"))
        .expect("Maduro ranked");
    assert_eq!(maduro.outlets.len(), 2, "{maduro:?}");
    assert_eq!(
        maduro.outlets.values().sum::<usize>(),
        maduro.actor.mentions
    );
    let f = parallax_store::search_facets(
        lib,
        &SearchQuery {
            text: "Maduro".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((f.total, f.counted), (2, 2));
    assert_eq!(f.months.get("2024-04"), Some(&2));
    assert_eq!(f.outlets.get("Breitbart"), Some(&1));
    let p = lib.actor(&maduro.actor.id).unwrap().unwrap();
    let b = &p.outlets["Breitbart"];
    assert_eq!(b.timeline.len(), 1);
    assert_eq!(b.timeline[0].published.as_deref(), Some("2024-04-25"));
    assert_eq!(b.timeline[0].mentions, b.mentions);

    // delete removes it from search, and its story once updated
    let id = corpus()[2].id.clone();
    assert!(lib.delete(&id).unwrap());
    assert_eq!(parallax_store::pending(lib).unwrap().stale, 1);
    let done = update_stories(lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    assert_eq!(done.removed, 1, "{done:?}");
    assert_eq!(lib.stories(10, 0).unwrap().len(), 1);
    assert!(!lib.delete(&id).unwrap());
    assert_eq!(
        lib.search(&SearchQuery {
            text: "rain".into(),
            ..Default::default()
        })
        .unwrap()
        .total,
        0
    );
    assert!(lib.article(&id).unwrap().is_none());
    let back = lib.article(&corpus()[0].id).unwrap().unwrap();
    assert_eq!(back.article, corpus()[0]);
    lib.check().unwrap();
    assert_eq!(
        lib.schema_version().unwrap(),
        parallax_store::SCHEMA_VERSION
    );
}

#[test]
fn sqlite_library() {
    let d = tempfile::tempdir().unwrap();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    exercise(&lib);
    drop(lib);
    // reopening keeps everything and does not re-run migrations
    let lib = SqliteLibrary::open(d.path()).unwrap();
    assert_eq!(lib.count().unwrap(), 2);
    lib.check().unwrap();
}

#[test]
fn postgres_library() {
    let Ok(url) = std::env::var("PARALLAX_TEST_PG") else {
        if std::env::var_os("PARALLAX_REQUIRE_PG").is_some() {
            panic!("PARALLAX_REQUIRE_PG is set but PARALLAX_TEST_PG is not");
        }
        eprintln!(
            "skipping the PostgreSQL backend test: set PARALLAX_TEST_PG=postgres://… (scripts/test does)"
        );
        return;
    };
    // a fresh schema for this run
    let mut admin =
        postgres::Client::connect(&url, postgres::NoTls).expect("connect to PARALLAX_TEST_PG");
    admin.batch_execute(parallax_store::PG_DROP_ALL).unwrap();
    drop(admin);
    let lib = PgLibrary::connect(&url).unwrap();
    exercise(&lib);
}

#[test]
fn newer_schema_is_refused() {
    let d = tempfile::tempdir().unwrap();
    drop(SqliteLibrary::open(d.path()).unwrap());
    let conn = rusqlite::Connection::open(d.path().join("library.sqlite")).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    match SqliteLibrary::open(d.path()) {
        Err(e) => assert!(e.to_string().contains("newer"), "{e}"),
        Ok(_) => panic!("a newer schema must be refused"),
    }
}

#[test]
fn a_version_1_library_is_migrated() {
    let d = tempfile::tempdir().unwrap();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    let a = &corpus()[0];
    lib.import(a, &Analyzer::new().analyze(a)).unwrap();
    drop(lib);
    // make it look like a library written by schema version 1, with an article
    // and a story of a full rebuild
    let conn = rusqlite::Connection::open(d.path().join("library.sqlite")).unwrap();
    conn.execute_batch(
        "DROP INDEX identity_keys_identity; DROP TRIGGER articles_deleted; DROP TABLE deleted_articles;
         DROP TABLE story_queue; DROP TABLE story_members; DROP TABLE story_state; DROP TABLE story_features;
         DROP TABLE story_postings; DROP TABLE identity_forms; DROP TABLE story_counters;
         DROP TABLE watch_feeds; DROP TABLE watch_items;
         INSERT INTO stories(id, title, articles, outlets_json, record_json) VALUES ('old', 'Old', 1, '[]', '{}');
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let lib = SqliteLibrary::open(d.path()).unwrap();
    // the old stories are gone and the article waits for the next update
    assert!(lib.stories(10, 0).unwrap().is_empty());
    assert_eq!(parallax_store::pending(&lib).unwrap().queued, 1);
    update_stories(&lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    assert_eq!(lib.stories(10, 0).unwrap().len(), 1);
    assert_eq!(
        lib.schema_version().unwrap(),
        parallax_store::SCHEMA_VERSION
    );
    let conn = rusqlite::Connection::open(d.path().join("library.sqlite")).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'identity_keys_identity'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('deleted_articles', 'articles_deleted')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 2);
    lib.check().unwrap();
}

fn search(lib: &dyn Library, text: &str) -> Vec<String> {
    lib.search(&SearchQuery {
        text: text.into(),
        limit: 50,
        ..Default::default()
    })
    .unwrap()
    .hits
    .into_iter()
    .map(|h| h.title)
    .collect()
}

/// The search index lags the database and catches up before a search: after
/// imports and deletions by this process or another one, after a top rowid is
/// given out again, and after its directory is lost or damaged.
#[test]
fn the_search_index_follows_the_database() {
    let d = tempfile::tempdir().unwrap();
    let an = Analyzer::new();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    for a in corpus() {
        lib.import(&a, &an.analyze(&a)).unwrap();
    }
    assert_eq!(search(&lib, "maduro").len(), 2);
    // the search went through the index, which recorded what it holds
    let meta = std::fs::read_to_string(d.path().join("search/meta.json")).unwrap();
    assert!(meta.contains(r#"\"rowid\":3"#), "{meta}");
    // another "process" (a second handle on the same directory) adds and deletes
    let other = SqliteLibrary::open(d.path()).unwrap();
    let bridge = article(
        "Local",
        "Bridge reopens",
        "2024-05-01",
        None,
        "The old bridge over the river reopened on Monday, the mayor said.",
    );
    other.import(&bridge, &an.analyze(&bridge)).unwrap();
    assert_eq!(search(&lib, "bridge"), vec!["Bridge reopens".to_string()]);
    assert_eq!(search(&other, "bridge"), vec!["Bridge reopens".to_string()]);
    // the newest article deleted, and its rowid given to the next one
    assert!(other.delete(&bridge.id).unwrap());
    let ferry = article(
        "Local",
        "Ferry resumes",
        "2024-05-02",
        None,
        "The ferry across the river resumed on Tuesday, the harbour master said.",
    );
    other.import(&ferry, &an.analyze(&ferry)).unwrap();
    assert!(
        search(&lib, "bridge").is_empty(),
        "a deleted article is not found"
    );
    assert_eq!(search(&lib, "river"), vec!["Ferry resumes".to_string()]);
    assert_eq!(search(&lib, "harb*"), vec!["Ferry resumes".to_string()]);
    drop((lib, other));
    // the index directory lost, then damaged: rebuilt from the database
    std::fs::remove_dir_all(d.path().join("search")).unwrap();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    assert_eq!(search(&lib, "maduro").len(), 2);
    drop(lib);
    for f in std::fs::read_dir(d.path().join("search")).unwrap() {
        let f = f.unwrap().path();
        if f.file_name().unwrap() == "meta.json" {
            std::fs::write(&f, "{ not json").unwrap();
        }
    }
    let lib = SqliteLibrary::open(d.path()).unwrap();
    assert_eq!(
        search(&lib, "\"socialist dictator\""),
        vec!["Leftist summit".to_string()]
    );
    assert_eq!(search(&lib, "river"), vec!["Ferry resumes".to_string()]);
}

/// A story rebuild writing while imports and deletes run (as `parallax serve` does
/// after every import) must make writers wait, not fail: a deferred transaction that
/// reads first used to get SQLITE_BUSY at once when another writer held the lock.
#[test]
fn concurrent_writers_wait_for_each_other() {
    let d = tempfile::tempdir().unwrap();
    let lib = std::sync::Arc::new(SqliteLibrary::open(d.path()).unwrap());
    let an = Analyzer::new();
    for a in corpus() {
        lib.import(&a, &an.analyze(&a)).unwrap();
    }
    let rebuilder = {
        let lib = lib.clone();
        std::thread::spawn(move || {
            for _ in 0..30 {
                parallax_store::rebuild_stories(
                    lib.as_ref(),
                    CompareOptions::default(),
                    None,
                    &mut |_| {},
                )
                .unwrap();
            }
        })
    };
    for i in 0..30 {
        let a = article(
            "Local",
            &format!("Bridge {i}"),
            "2024-05-01",
            None,
            &format!("The mayor said on day {i} that the old bridge number {i} would reopen."),
        );
        let id = a.id.clone();
        lib.import(&a, &an.analyze(&a)).unwrap();
        assert!(lib.delete(&id).unwrap(), "article {i} deleted");
    }
    rebuilder.join().unwrap();
    assert_eq!(lib.count().unwrap(), 3);
    lib.check().unwrap();
    update_stories(lib.as_ref(), CompareOptions::default(), None, &mut |_| {}).unwrap();
    let members: usize = lib
        .stories(100, 0)
        .unwrap()
        .iter()
        .map(|s| s.articles)
        .sum();
    assert_eq!(
        members, 3,
        "every article in one story, the deleted ones in none"
    );
}
