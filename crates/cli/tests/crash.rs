//! Crash safety of the library: `parallax import` is killed with SIGKILL at
//! varied moments, again and again on the same library. After every kill the
//! library must open, pass its integrity check, and hold every article whose
//! import was acknowledged (a `--json` line on stdout, written after the commit).
//! A last, uninterrupted run must complete the import (resumable).

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
