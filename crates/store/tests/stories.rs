//! Stories kept up to date one article at a time: whatever the batches, the
//! stories are the ones a full rebuild gives, on both backends alike; every
//! article is in exactly one story; a deletion takes the article out.

use std::collections::BTreeMap;

use parallax_analyze::Analyzer;
use parallax_compare::CompareOptions;
use parallax_core::{Article, ArticleMeta, Outlet};
use parallax_store::{Library, PgLibrary, SqliteLibrary, pending, rebuild_stories, update_stories};

/// Events with their own people, places and words, each reported by three or four
/// outlets in their own phrasing, a day or two apart; the events ten days apart.
pub fn corpus() -> Vec<Article> {
    let events = [
        ("Maria Lopez", "Valparaíso", "dockworkers", "strike", "port"),
        ("Ahmed Karimi", "Tabriz", "earthquake", "rubble", "rescue"),
        ("Olga Petrenko", "Odesa", "grain", "shipment", "corridor"),
        ("Kwame Mensah", "Kumasi", "election", "ballots", "recount"),
        (
            "Lucía Fernández",
            "Córdoba",
            "drought",
            "reservoir",
            "rationing",
        ),
        (
            "Hiroshi Tanaka",
            "Sendai",
            "reactor",
            "inspection",
            "shutdown",
        ),
        (
            "Priya Natarajan",
            "Chennai",
            "cyclone",
            "evacuation",
            "shelters",
        ),
        ("Jonas Berg", "Tromsø", "avalanche", "skiers", "helicopter"),
    ];
    let outlets = [
        "Daily Planet",
        "The Bugle",
        "Morning Herald",
        "Evening Star",
    ];
    let mut out = Vec::new();
    for (e, (person, place, a, b, c)) in events.iter().enumerate() {
        let surname = person.split_whitespace().last().unwrap();
        for (o, outlet) in outlets.iter().enumerate().take(3 + e % 2) {
            let text = match o {
                0 => format!(
                    "{person} said on Monday that the {a} in {place} had turned into a {b}. “The {c} will not wait,” {surname} told reporters in {place}. Officials in {place} confirmed the {b} and promised help with the {c}."
                ),
                1 => format!(
                    "In {place}, the {b} over the {a} deepened on Tuesday. {person}, who leads the response, warned that the {c} could fail. Residents of {place} described the {a} as the worst in years."
                ),
                2 => format!(
                    "The {a} in {place} dominated the news as {surname} addressed the {b}. “We need the {c} now,” said {person}. Critics in {place} blamed the authorities for the {b}."
                ),
                _ => format!(
                    "{person} visited {place} after the {a}. The {b} and the {c} were the main topics, {surname} said, adding that {place} would recover from the {a}."
                ),
            };
            let meta = ArticleMeta {
                title: Some(format!("{outlet}: {a} in {place}")),
                published: Some(format!(
                    "2024-{:02}-{:02}",
                    1 + e * 10 / 28,
                    1 + (e * 10 + o) % 28
                )),
                url: Some(format!(
                    "https://{}.example/{e}",
                    outlet.replace(' ', "").to_lowercase()
                )),
                source: format!("{outlet}-{e}.txt"),
                ..Default::default()
            };
            out.push(Article::new(Outlet::named(*outlet), meta, text, vec![]));
        }
    }
    out
}

/// Every story with its members and title, and the identities, as a library holds them.
fn snapshot(lib: &dyn Library) -> (Vec<String>, BTreeMap<String, String>) {
    let mut stories = Vec::new();
    let mut records = BTreeMap::new();
    for s in lib.stories(1000, 0).unwrap() {
        stories.push(serde_json::to_string(&s).unwrap());
        let r = lib.story(&s.id).unwrap().unwrap();
        records.insert(s.id.clone(), serde_json::to_string(&r).unwrap());
    }
    stories.sort();
    (stories, records)
}

fn members(lib: &dyn Library) -> Vec<String> {
    let mut ids: Vec<String> = lib
        .stories(1000, 0)
        .unwrap()
        .iter()
        .flat_map(|s| lib.story(&s.id).unwrap().unwrap().story.articles)
        .collect();
    ids.sort();
    ids
}

fn exercise(lib: &dyn Library) -> (Vec<String>, BTreeMap<String, String>) {
    let an = Analyzer::new();
    let arts = corpus();
    // fed in uneven batches, updated after each
    for (i, chunk) in arts.chunks(4).enumerate() {
        for a in chunk {
            lib.import(a, &an.analyze(a)).unwrap();
        }
        if i % 2 == 0 {
            update_stories(lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
        }
    }
    update_stories(lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    assert!(pending(lib).unwrap().is_empty());
    // every article in exactly one story
    let mut want: Vec<String> = arts.iter().map(|a| a.id.clone()).collect();
    want.sort();
    assert_eq!(members(lib), want);
    let stories = lib.stories(1000, 0).unwrap();
    assert_eq!(stories.len(), 8, "one story per event: {stories:#?}");
    assert!(stories.iter().all(|s| s.outlets.len() >= 3), "{stories:#?}");
    let incremental = snapshot(lib);

    // the full rebuild gives the same stories
    let done = rebuild_stories(lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    assert_eq!(done.placed, arts.len());
    assert_eq!(snapshot(lib), incremental, "a rebuild changed the stories");

    // a deletion takes the article out of its story, and the story is compared again
    let gone = &arts[0];
    assert!(lib.delete(&gone.id).unwrap());
    let done = update_stories(lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    assert_eq!(done.refreshed, 1, "{done:?}");
    assert!(!members(lib).contains(&gone.id));
    assert_eq!(members(lib).len(), arts.len() - 1);
    // and it can come back
    lib.import(gone, &an.analyze(gone)).unwrap();
    update_stories(lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    assert_eq!(members(lib), want);
    lib.check().unwrap();
    incremental
}

#[test]
fn incremental_stories_equal_a_full_rebuild_on_both_backends() {
    let d = tempfile::tempdir().unwrap();
    let sqlite = exercise(&SqliteLibrary::open(d.path()).unwrap());
    let Ok(url) = std::env::var("PARALLAX_TEST_PG") else {
        if std::env::var_os("PARALLAX_REQUIRE_PG").is_some() {
            panic!("PARALLAX_REQUIRE_PG is set but PARALLAX_TEST_PG is not");
        }
        eprintln!(
            "skipping the PostgreSQL half: set PARALLAX_TEST_PG=postgres://… (scripts/test does)"
        );
        return;
    };
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin.batch_execute(parallax_store::PG_DROP_ALL).unwrap();
    drop(admin);
    let pg = exercise(&PgLibrary::connect(&url).unwrap());
    assert_eq!(pg, sqlite, "the backends keep different stories");
}

/// Two processes updating one library at once place every article once.
#[test]
fn concurrent_updates_place_each_article_once() {
    let d = tempfile::tempdir().unwrap();
    let lib = std::sync::Arc::new(SqliteLibrary::open(d.path()).unwrap());
    let an = Analyzer::new();
    let arts = corpus();
    for a in &arts {
        lib.import(a, &an.analyze(a)).unwrap();
    }
    let other = SqliteLibrary::open(d.path()).unwrap();
    let t = std::thread::spawn(move || {
        update_stories(&other, CompareOptions::default(), None, &mut |_| {}).unwrap()
    });
    let mine = update_stories(lib.as_ref(), CompareOptions::default(), None, &mut |_| {}).unwrap();
    let theirs = t.join().unwrap();
    assert_eq!(mine.placed + theirs.placed, arts.len());
    assert!(pending(lib.as_ref()).unwrap().is_empty());
    let mut want: Vec<String> = arts.iter().map(|a| a.id.clone()).collect();
    want.sort();
    assert_eq!(members(lib.as_ref()), want);
    let incremental = snapshot(lib.as_ref());
    rebuild_stories(lib.as_ref(), CompareOptions::default(), None, &mut |_| {}).unwrap();
    assert_eq!(snapshot(lib.as_ref()), incremental);
}

/// An encoder that fails on every call, as a broken model would.
struct Broken;

impl parallax_compare::SentenceEncoder for Broken {
    fn model(&self) -> String {
        "broken".into()
    }
    fn encode(&self, _: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        Err("the model file is truncated".into())
    }
}

/// Stories compared in parallel with an encoder that fails: the failure is said
/// once, every story is still compared (lexically), and none stays out of date.
#[test]
fn a_failing_encoder_falls_back_to_words_once() {
    let d = tempfile::tempdir().unwrap();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    let an = Analyzer::new();
    for a in corpus() {
        lib.import(&a, &an.analyze(&a)).unwrap();
    }
    let mut said = Vec::new();
    let done = update_stories(&lib, CompareOptions::default(), Some(&Broken), &mut |l| {
        said.push(l.to_string())
    })
    .unwrap();
    let failures: Vec<&String> = said
        .iter()
        .filter(|l| l.contains("embedding failed"))
        .collect();
    assert_eq!(failures.len(), 1, "{said:?}");
    assert!(failures[0].contains("truncated"), "{said:?}");
    assert_eq!(done.refreshed, 8, "{done:?}");
    assert!(pending(&lib).unwrap().is_empty());
    for s in lib.stories(1000, 0).unwrap() {
        let r = lib.story(&s.id).unwrap().unwrap();
        assert_eq!(r.story.statements.method, "lexical", "{}", s.id);
    }
}

/// A library bounds each story's alignment by the same window as `compare`:
/// with a window of two, every story of three or more articles says so, and
/// every article still counts for the story's actors.
#[test]
fn a_story_over_the_window_says_what_it_aligned() {
    let d = tempfile::tempdir().unwrap();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    let an = Analyzer::new();
    for a in corpus() {
        lib.import(&a, &an.analyze(&a)).unwrap();
    }
    let opts = CompareOptions {
        aligned_articles: 2,
        ..CompareOptions::default()
    };
    update_stories(&lib, opts, None, &mut |_| {}).unwrap();
    for s in lib.stories(1000, 0).unwrap() {
        let r = lib.story(&s.id).unwrap().unwrap();
        let why = r.story.statements.truncated.clone().unwrap_or_default();
        assert!(
            why.contains(&format!("2 of the story's {} articles", s.articles)),
            "{}: {why:?}",
            s.id
        );
        let outlets: std::collections::BTreeSet<&String> = r
            .story
            .actors
            .iter()
            .flat_map(|a| a.outlets.keys())
            .collect();
        assert_eq!(outlets.len(), s.outlets.len(), "{}", s.id);
    }
}
