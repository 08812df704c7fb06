//! Crash safety of the library: `parallax import` is killed with SIGKILL at
//! varied moments, again and again on the same library. After every kill the
//! library must open, pass its integrity check, and hold every article whose
//! import was acknowledged (a `--json` line on stdout, written after the commit).
//! A last, uninterrupted run must complete the import (resumable). A second test
//! kills imports and servers while they update the stories (issue 16).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use parallax_store::{Library, SqliteLibrary};

/// Deterministic, varied articles: enough of them that an import takes a few seconds.
fn corpus(path: &std::path::Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let people = [
        "Nicolás Maduro",
        "Miguel Díaz-Canel",
        "Luis Arce",
        "Gustavo Petro",
        "Claudia Sheinbaum",
        "Ralph Gonsalves",
    ];
    let places = [
        "Caracas",
        "Havana",
        "La Paz",
        "Bogotá",
        "Mexico City",
        "Kingstown",
    ];
    let verbs = ["said", "claimed", "declared", "warned", "insisted", "added"];
    for i in 0..n {
        let p = people[i % people.len()];
        let q = places[(i / 7) % places.len()];
        let v = verbs[(i / 3) % verbs.len()];
        let mut text = String::new();
        for k in 0..3 {
            text.push_str(&format!(
                "In paragraph {k} of report {i}, officials in {q} met to discuss the summit and the budget for year {}. “We will not abandon the cause of number {i},” {p} {v} on day {k}.\n\n",
                2000 + (i + k) % 25
            ));
        }
        let rec = serde_json::json!({"text": text, "outlet": format!("Outlet {}", i % 9), "title": format!("Report {i}"), "url": format!("https://example.org/r/{i}"), "published": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28)});
        writeln!(f, "{rec}").unwrap();
    }
}

#[test]
fn killed_imports_lose_nothing_acknowledged() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("corpus.jsonl");
    corpus(&input, 1500);
    let lib_dir = d.path().join("library");
    let runs: usize = std::env::var("PARALLAX_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let mut acked: BTreeSet<String> = BTreeSet::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut killed_mid_import, mut kills, mut completed) = (0, 0, 0);
    // Until `runs` SIGKILLs have landed: an import that finishes before its kill
    // starts a fresh library, so a fast machine cannot make the test do less.
    for run in 0..runs * 4 {
        if kills >= runs {
            break;
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // kill between 30 ms (often before the first commit) and 2.5 s (mid-import)
        let delay = Duration::from_millis(30 + seed % 2500);
        let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args([
                "import",
                input.to_str().unwrap(),
                "--library",
                lib_dir.to_str().unwrap(),
                "--json",
                "--no-stories",
                "-q",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut ids = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                    if v["outcome"] == "added" {
                        ids.push(v["id"].as_str().unwrap().to_string());
                    }
                }
            }
            ids
        });
        let start = Instant::now();
        while start.elapsed() < delay {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        let ids = reader.join().unwrap();
        if !finished && !ids.is_empty() {
            killed_mid_import += 1;
        }
        acked.extend(ids);
        // the library opens, is consistent, and holds every acknowledged article
        let lib = SqliteLibrary::open(&lib_dir)
            .unwrap_or_else(|e| panic!("run {run}: library does not open: {e}"));
        lib.check().unwrap_or_else(|e| panic!("run {run}: {e}"));
        let count = lib.count().unwrap();
        assert!(
            count >= acked.len(),
            "run {run}: {count} articles stored, {} acknowledged",
            acked.len()
        );
        for id in &acked {
            assert!(
                lib.article(id).unwrap().is_some(),
                "run {run}: acknowledged article {id} is gone"
            );
        }
        if count == 1500 {
            completed += 1;
            drop(lib);
            std::fs::remove_dir_all(&lib_dir).unwrap();
            acked.clear();
        }
    }
    assert!(
        kills >= runs,
        "only {kills} of {runs} runs were killed before finishing"
    );
    assert!(
        killed_mid_import > 0,
        "no kill landed in the middle of an import; the test proves nothing"
    );
    // resume to the end
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            "import",
            input.to_str().unwrap(),
            "--library",
            lib_dir.to_str().unwrap(),
            "--no-stories",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lib = SqliteLibrary::open(&lib_dir).unwrap();
    lib.check().unwrap();
    assert_eq!(lib.count().unwrap(), 1500);
    eprintln!(
        "crash test: {kills} SIGKILLs, {killed_mid_import} of them after some articles were acknowledged, {completed} imports completed between kills, {} acknowledged before the last run",
        acked.len()
    );
}

/// Articles of `events` events (each its own person, place and subject, reported
/// by several outlets over a few days), `per` each, as JSON Lines in `chunks`
/// files of whole events in turn.
fn event_corpus(
    dir: &std::path::Path,
    events: usize,
    per: usize,
    chunks: usize,
) -> Vec<std::path::PathBuf> {
    let first = [
        "Ana", "Boris", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jun",
    ];
    let last = [
        "Ortega",
        "Novak",
        "Lindqvist",
        "Haddad",
        "Okafor",
        "Tanaka",
        "Moreau",
        "Kowalski",
    ];
    let places = [
        "Tarvos",
        "Lumen Bay",
        "Kestrel",
        "Oskarvik",
        "Santa Brisa",
        "Dunmore",
        "Velika",
        "Port Aster",
        "Hollin",
        "Marrow",
    ];
    let subjects = [
        ("bridge", "collapse", "engineers"),
        ("hospital", "strike", "nurses"),
        ("harbour", "spill", "divers"),
        ("election", "recount", "observers"),
        ("factory", "fire", "firefighters"),
        ("school", "closure", "parents"),
        ("railway", "derailment", "investigators"),
        ("reservoir", "drought", "farmers"),
    ];
    let outlets = [
        "Daily Planet",
        "The Bugle",
        "Morning Herald",
        "Evening Star",
        "Gazette",
    ];
    let mut files = Vec::new();
    let per_chunk = events.div_ceil(chunks);
    for c in 0..chunks {
        let path = dir.join(format!("chunk{c}.jsonl"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for e in c * per_chunk..((c + 1) * per_chunk).min(events) {
            let person = format!(
                "{} {}",
                first[e % first.len()],
                last[(e / first.len()) % last.len()]
            );
            let surname = person.split(' ').nth(1).unwrap().to_string();
            let place = places[(e * 7) % places.len()];
            let (thing, event, who) = subjects[e % subjects.len()];
            for k in 0..per {
                let text = match k % 3 {
                    0 => format!(
                        "The {thing} {event} in {place} left {who} working through the night, {person} said on Monday. “We owe answers to the people of {place},” {surname} told reporters. Officials counted the cost of the {event} as {who} arrived from nearby towns, report {e}-{k} said."
                    ),
                    1 => format!(
                        "In {place}, {who} described the {event} at the {thing} as the worst in decades. {person}, who leads the inquiry, promised a full account within a week. “Nobody will be spared scrutiny over the {thing},” {surname} said in {place}, according to note {e}-{k}."
                    ),
                    _ => format!(
                        "{person} faced questions over the {thing} after the {event}. Critics in {place} said warnings from {who} were ignored for years, and {surname} admitted mistakes. The {event} in {place} will be debated again on Friday, dispatch {e}-{k} added."
                    ),
                };
                let rec = serde_json::json!({
                    "text": text,
                    "outlet": outlets[(e + k) % outlets.len()],
                    "title": format!("{event} of the {place} {thing}, report {k}"),
                    "url": format!("https://news.example/{e}/{k}"),
                    "published": format!("2024-{:02}-{:02}", 1 + (e * 3 / 28) % 12, 1 + (e * 3 + k % 3) % 28),
                });
                writeln!(f, "{rec}").unwrap();
            }
        }
        files.push(path);
    }
    files
}

/// Every story's summary and record, as the library holds them.
fn story_snapshot(lib: &SqliteLibrary) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = lib
        .stories(100_000, 0)
        .unwrap()
        .into_iter()
        .map(|s| {
            let r = lib.story(&s.id).unwrap().unwrap();
            (
                serde_json::to_string(&s).unwrap(),
                serde_json::to_string(&r).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Runs `cmd`, SIGKILLs it at `at` (or when it ends); whether it was killed.
fn kill_at(mut cmd: Command, mut at: impl FnMut(&mut std::process::Child) -> bool) -> bool {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if at(&mut child) || t0.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Crash safety of the stories (issue 16): `parallax import` and `parallax serve`
/// are SIGKILLed while they update the stories, again and again. After each kill
/// the library still says what is left to do; the next command (an import, a
/// `stories`, a server) brings the stories up to date without being asked, every
/// article is in exactly one story, and the stories equal a full rebuild's.
#[test]
fn killed_story_updates_are_finished_by_the_next_command() {
    let d = tempfile::tempdir().unwrap();
    let chunks = event_corpus(d.path(), 48, 4, 6);
    let lib_dir = d.path().join("library");
    let bin = env!("CARGO_BIN_EXE_parallax");
    let want: usize = std::env::var("PARALLAX_STORY_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let (mut kills, mut during_update, mut import_kills, mut server_kills, mut fresh) =
        (0, 0, 0, 0, 0);
    // every command aligns statements lexically, as the full rebuild below does
    // (with a model installed, `--align auto` would embed)
    let mut next_chunk = 0;
    let mut round = 0;
    while during_update < want {
        round += 1;
        assert!(
            round < want * 12,
            "only {during_update} of {kills} kills landed during a story update"
        );
        let chunk = &chunks[next_chunk % chunks.len()];
        next_chunk += 1;
        if next_chunk % chunks.len() == 0 {
            // the corpus is all in: start again on a fresh library
            std::fs::remove_dir_all(&lib_dir).ok();
            fresh += 1;
        }
        let killed = if round % 2 == 1 {
            // an import, killed while it places articles or compares stories: once
            // its articles are in (counted by the library), after a random pause
            let pause = Duration::from_millis(rnd(200));
            let target = SqliteLibrary::open(&lib_dir)
                .map(|l| l.count().unwrap())
                .unwrap_or(0)
                + std::fs::read_to_string(chunk).unwrap().lines().count();
            let mut since: Option<Instant> = None;
            let mut cmd = Command::new(bin);
            cmd.args([
                "import",
                chunk.to_str().unwrap(),
                "--library",
                lib_dir.to_str().unwrap(),
                "-q",
                "--align",
                "lexical",
            ]);
            let lib_dir = lib_dir.clone();
            let k = kill_at(cmd, move |_| {
                let all_in = SqliteLibrary::open_read_only(&lib_dir)
                    .map(|l| l.count().unwrap_or(0) >= target)
                    .unwrap_or(false);
                if all_in && since.is_none() {
                    since = Some(Instant::now());
                }
                since.is_some_and(|t| t.elapsed() >= pause)
            });
            import_kills += usize::from(k);
            k
        } else {
            // a server killed during the update it starts with: the chunk imported
            // without stories first, so there is work waiting
            let out = Command::new(bin)
                .args([
                    "import",
                    chunk.to_str().unwrap(),
                    "--library",
                    lib_dir.to_str().unwrap(),
                    "-q",
                    "--align",
                    "lexical",
                    "--no-stories",
                ])
                .output()
                .unwrap();
            assert!(
                out.status.success() || out.status.code() == Some(1),
                "{out:?}"
            );
            let pause = Duration::from_millis(50 + rnd(700));
            let t0 = Instant::now();
            let mut cmd = Command::new(bin);
            cmd.args([
                "serve",
                "--library",
                lib_dir.to_str().unwrap(),
                "--addr",
                "127.0.0.1:0",
                "--align",
                "lexical",
            ]);
            let k = kill_at(cmd, move |_| t0.elapsed() >= pause);
            server_kills += usize::from(k);
            k
        };
        if !killed {
            continue;
        }
        kills += 1;
        let lib = SqliteLibrary::open(&lib_dir).unwrap();
        lib.check().unwrap_or_else(|e| panic!("round {round}: {e}"));
        let left = parallax_store::pending(&lib).unwrap();
        if !left.is_empty() {
            during_update += 1;
        }
        drop(lib);

        // the next command, whichever it is, finishes the work
        match round % 3 {
            0 => {
                let out = Command::new(bin)
                    .args([
                        "stories",
                        "--library",
                        lib_dir.to_str().unwrap(),
                        "--json",
                        "--align",
                        "lexical",
                    ])
                    .output()
                    .unwrap();
                assert!(out.status.success(), "{out:?}");
            }
            1 => {
                // the same import again: nothing new to add, the stories still updated
                let out = Command::new(bin)
                    .args([
                        "import",
                        chunk.to_str().unwrap(),
                        "--library",
                        lib_dir.to_str().unwrap(),
                        "-q",
                        "--align",
                        "lexical",
                    ])
                    .output()
                    .unwrap();
                assert!(out.status.success(), "{out:?}");
            }
            _ => {
                let mut server = Command::new(bin)
                    .args([
                        "serve",
                        "--library",
                        lib_dir.to_str().unwrap(),
                        "--addr",
                        "127.0.0.1:0",
                        "--align",
                        "lexical",
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                let t0 = Instant::now();
                loop {
                    let lib = SqliteLibrary::open_read_only(&lib_dir).unwrap();
                    if parallax_store::pending(&lib).unwrap().is_empty() {
                        break;
                    }
                    assert!(
                        t0.elapsed() < Duration::from_secs(120),
                        "round {round}: the server never caught up"
                    );
                    std::thread::sleep(Duration::from_millis(50));
                }
                // up to date: wait for its last write to end before the kill
                std::thread::sleep(Duration::from_millis(300));
                server.kill().unwrap();
                server.wait().unwrap();
            }
        }
        let lib = SqliteLibrary::open(&lib_dir).unwrap();
        lib.check().unwrap();
        assert!(
            parallax_store::pending(&lib).unwrap().is_empty(),
            "round {round}: work left"
        );
        // every article in exactly one story
        let mut ids: Vec<String> = lib
            .list(100_000, 0)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        ids.sort();
        let mut placed: Vec<String> = lib
            .stories(100_000, 0)
            .unwrap()
            .iter()
            .flat_map(|s| lib.story(&s.id).unwrap().unwrap().story.articles)
            .collect();
        placed.sort();
        assert_eq!(
            placed, ids,
            "round {round}: articles and story members differ"
        );
        // the same stories as a full rebuild
        let before = story_snapshot(&lib);
        drop(lib);
        let copy = d.path().join("rebuilt");
        std::fs::remove_dir_all(&copy).ok();
        std::fs::create_dir_all(&copy).unwrap();
        std::fs::copy(lib_dir.join("library.sqlite"), copy.join("library.sqlite")).unwrap();
        let rebuilt = SqliteLibrary::open(&copy).unwrap();
        parallax_store::rebuild_stories(&rebuilt, Default::default(), None, &mut |_| {}).unwrap();
        assert_eq!(
            story_snapshot(&rebuilt),
            before,
            "round {round}: the stories differ from a full rebuild"
        );
    }
    assert!(
        import_kills > 0 && server_kills > 0,
        "imports killed: {import_kills}, servers: {server_kills}"
    );
    eprintln!(
        "story crash test: {kills} SIGKILLs ({import_kills} imports, {server_kills} servers), {during_update} of them left story work that the next command finished, {fresh} fresh libraries"
    );
}
