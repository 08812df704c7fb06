//! One pipeline: the same inputs imported through the CLI (`parallax import`)
//! and through the server's API (`POST /api/import`) give identical libraries:
//! the same articles (outlet book applied, outlet spellings joined, copies
//! caught), the same analyses (the user's lexicon applied), the same outcomes
//! and the same stories.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use parallax_store::{Library, SqliteLibrary};
use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parallax"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    c
}

struct Kill(std::process::Child);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const TOKEN: &str = "pipeline-test-token";

fn records() -> Vec<Value> {
    let text = |s: &str| {
        format!(
            "{s} The minister said the plan would cut costs. “We will not back down,” said Maria Lopez, the union leader. Critics called it a reckless giveaway."
        )
    };
    vec![
        serde_json::json!({"outlet": "Daily Planet", "url": "https://planet.example/a", "title": "Strike looms", "published": "2024-03-01", "text": text("Workers at the port voted to strike on Monday.")}),
        // the same outlet spelt otherwise: one outlet in the library
        serde_json::json!({"outlet": "daily planet", "url": "https://planet.example/b", "title": "Port talks fail", "published": "2024-03-02", "text": text("Talks between the port and the union broke down on Tuesday.")}),
        // named by domain only: the outlet book names it
        serde_json::json!({"url": "https://www.bugle.example/port", "title": "Port strike", "published": "2024-03-01", "text": text("Dock workers voted on Monday to walk out.")}),
        // a copy of the first under another URL: caught by its text
        serde_json::json!({"outlet": "Daily Planet", "url": "https://planet.example/a-copy", "title": "Strike looms", "published": "2024-03-01", "text": text("Workers at the port voted to strike on Monday.")}),
        // no text: rejected with the reason
        serde_json::json!({"outlet": "Daily Planet", "title": "Empty"}),
    ]
}

fn all(lib: &Path) -> (Vec<(String, String, String)>, Vec<String>) {
    let l = SqliteLibrary::open(lib).unwrap();
    let mut arts: Vec<(String, String, String)> = l
        .all_analyzed()
        .unwrap()
        .into_iter()
        .map(|mut a| {
            // where it came from is named by the door it came in by (a file's
            // line, the request's record): everything else must be the same
            a.article.meta.source.clear();
            (
                a.article.id.clone(),
                a.article.outlet.name.clone(),
                serde_json::to_string(&(&a.article, &a.analysis)).unwrap(),
            )
        })
        .collect();
    arts.sort();
    let stories = l
        .stories(100, 0)
        .unwrap()
        .into_iter()
        .map(|s| serde_json::to_string(&s).unwrap())
        .collect();
    (arts, stories)
}

fn outcome_key(v: &Value) -> String {
    format!(
        "{} {} {}",
        v["outcome"].as_str().unwrap_or(""),
        v["id"].as_str().unwrap_or(""),
        v["existing"].as_str().unwrap_or("")
    )
}

#[test]
fn cli_and_api_imports_give_identical_libraries() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("outlets.toml");
    std::fs::write(
        &book,
        "[[outlet]]\nname = \"The Bugle\"\ndomain = \"bugle.example\"\n[outlet.attributes]\nlean = \"right\"\n",
    )
    .unwrap();
    let lexicon = dir.path().join("lexicon.tsv");
    std::fs::write(&lexicon, "reckless giveaway\tgiveaway\tpejorative\n").unwrap();
    let input = dir.path().join("in.jsonl");
    let lines: Vec<String> = records().iter().map(|r| r.to_string()).collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let args = |lib: &PathBuf| -> Vec<String> {
        vec![
            "--library".into(),
            lib.display().to_string(),
            "--outlets".into(),
            book.display().to_string(),
            "--lexicon".into(),
            lexicon.display().to_string(),
        ]
    };

    // through the CLI
    let cli_lib = dir.path().join("cli");
    let out = bin()
        .arg("import")
        .arg(&input)
        .args(args(&cli_lib))
        .args(["--json", "-q"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "one record is rejected: {out:?}"
    );
    let mut cli_outcomes: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| outcome_key(&serde_json::from_str(l).unwrap()))
        .collect();

    // through the server
    let api_lib = dir.path().join("api");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = bin()
        .arg("serve")
        .args(args(&api_lib))
        .arg("--addr")
        .arg(format!("127.0.0.1:{port}"))
        .env("PARALLAX_TOKEN", TOKEN)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // up once it says where it listens (notes, such as a missing model, may come first)
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("http://") {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0, "serve exited");
    }
    drop(err);
    let _server = Kill(child);
    let site = format!("http://127.0.0.1:{port}");
    let resp: Value = ureq::post(&format!("{site}/api/import"))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send_json(records())
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    let mut api_outcomes: Vec<String> = resp["results"]
        .as_array()
        .unwrap()
        .iter()
        .chain(resp["rejected"].as_array().unwrap())
        .map(outcome_key)
        .collect();
    cli_outcomes.sort();
    api_outcomes.sort();
    assert_eq!(cli_outcomes, api_outcomes, "{resp}");
    assert_eq!(
        cli_outcomes
            .iter()
            .filter(|o| o.starts_with("added"))
            .count(),
        3
    );

    // the server rebuilds its stories in the background: wait for them
    let want = all(&cli_lib);
    let t0 = Instant::now();
    let got = loop {
        let got = all(&api_lib);
        if got.1 == want.1 || t0.elapsed() > Duration::from_secs(60) {
            break got;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(got.0, want.0, "articles and analyses differ");
    assert_eq!(got.1, want.1, "stories differ");
    let outlets: Vec<&str> = want.0.iter().map(|a| a.1.as_str()).collect();
    assert_eq!(outlets.iter().filter(|o| **o == "Daily Planet").count(), 2);
    assert!(outlets.contains(&"The Bugle"), "{outlets:?}");
    assert!(
        want.0.iter().any(|a| a.2.contains("pejorative")),
        "the lexicon was applied"
    );
}
