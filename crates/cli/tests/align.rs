//! Statement alignment end to end: the demo shows only true same-fact pairs and
//! never calls a shared fact an omission (issue 14, both methods), the paraphrase
//! the lexical method cannot see, `parallax eval align`, and the embedding
//! method's errors. Tests that need the model (`bash scripts/install-model`)
//! say so and pass without it, unless PARALLAX_REQUIRE_MODEL=1 (`scripts/test`, CI),
//! when they fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parallax"));
    c.current_dir(repo());
    c
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

/// Whether the model is installed; panics when it must be and is not.
fn have_model() -> bool {
    let out = run(&["eval", "align", "--method", "embed"]);
    if out.status.code() == Some(2) {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("scripts/install-model"), "{err}");
        if std::env::var("PARALLAX_REQUIRE_MODEL").is_ok_and(|v| v == "1") {
            panic!("PARALLAX_REQUIRE_MODEL=1 but the model is missing: {err}");
        }
        eprintln!("skipped: the embedding model is not installed");
        return false;
    }
    true
}

fn compare_json(args: &[&str]) -> Value {
    let mut all = vec!["compare", "--json", "-q"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Facts as lists of texts, and the statements listed as one outlet's alone.
fn aligned(c: &Value) -> (Vec<Vec<String>>, Vec<(String, String)>) {
    let mut groups = Vec::new();
    let mut unique = Vec::new();
    for s in c["stories"].as_array().unwrap() {
        let st = &s["statements"];
        for kind in ["all", "some"] {
            for g in st[kind].as_array().unwrap() {
                groups.push(
                    g["statements"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| r["text"].as_str().unwrap().to_string())
                        .collect(),
                );
            }
        }
        for (outlet, list) in st["only"].as_object().unwrap() {
            for o in list.as_array().unwrap() {
                unique.push((
                    outlet.clone(),
                    o["statement"]["text"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    (groups, unique)
}

fn linked(groups: &[Vec<String>], a: &str, b: &str) -> bool {
    groups
        .iter()
        .any(|g| g.iter().any(|t| t.contains(a)) && g.iter().any(|t| t.contains(b)))
}

fn alone(unique: &[(String, String)], outlet: &str, snippet: &str) -> bool {
    unique
        .iter()
        .any(|(o, t)| o == outlet && t.contains(snippet))
}

/// Issue 14's criterion on the two example articles (examples/seeds-facts.gold.tsv):
/// every linked pair is the one fact they share, that fact's sentences are never
/// called an omission, and what one outlet says alone is listed as its alone.
fn seed_criterion(c: &Value) {
    let (groups, unique) = aligned(c);
    let gold = (
        "founded by the Cuban and Venezuelan regimes",
        "fellow Alba (the Bolivarian",
    );
    for g in &groups {
        assert!(
            g.len() == 2 && g[0].contains(gold.0) && g[1].contains(gold.1),
            "a linked pair that is no shared fact: {g:#?}"
        );
    }
    assert!(
        !alone(&unique, "Breitbart", gold.0),
        "a shared fact called an omission"
    );
    assert!(
        !alone(&unique, "Morning Star", gold.1),
        "a shared fact called an omission"
    );
    // what one outlet says alone is never linked, and each outlet has statements
    // listed as its alone (the rest are undecided, never wrongly linked)
    for snippet in [
        "halt to all Israeli weapons purchases",
        "Nicaragua took Germany to the ICJ",
        "invaded Israel in October, killing 1,200 people",
        "Support for Hamas dominated the 23rd meeting",
        "Luis Arce proposed that ALBA include",
    ] {
        assert!(
            !groups.iter().any(|g| g.iter().any(|t| t.contains(snippet))),
            "{snippet:?} linked: {groups:#?}"
        );
    }
    for outlet in ["Breitbart", "Morning Star"] {
        let n = unique.iter().filter(|(o, _)| o == outlet).count();
        assert!(n >= 8, "only {n} statements listed as {outlet}'s alone");
    }
}

#[test]
fn seed_criterion_lexical() {
    let c = compare_json(&["examples/seeds", "--align", "lexical"]);
    assert!(c.get("alignment").is_none());
    seed_criterion(&c);
}

#[test]
fn seed_criterion_embed_and_deterministic() {
    if !have_model() {
        return;
    }
    let a = run(&[
        "compare",
        "examples/seeds",
        "--align",
        "embed",
        "--json",
        "-q",
    ]);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let c: Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(c["alignment"]["method"], "embed");
    assert_eq!(c["alignment"]["model"], "static-MiniLM-L6-v2");
    let embedded = c["alignment"]["embedded"].as_u64().unwrap();
    assert!(embedded > 40, "embedded {embedded}");
    assert_eq!(
        c["stories"][0]["statements"]["method"],
        "embed: static-MiniLM-L6-v2"
    );
    seed_criterion(&c);
    let b = run(&[
        "compare",
        "examples/seeds",
        "--align",
        "embed",
        "--json",
        "-q",
    ]);
    assert_eq!(a.stdout, b.stdout, "embed output differs between runs");
}

/// Two outlets report one event; one sentence pair says the same thing in other words.
fn paraphrase_corpus(dir: &Path) {
    let shared = "The Colombian government under President Gustavo Petro cut ties with Israel over the war in Gaza.\n\n\
        Petro accused Israel of genocide in Gaza and recalled Colombia's ambassador from Tel Aviv.\n\n";
    std::fs::write(
        dir.join("a.txt"),
        format!("{shared}Colombia halted Israeli weapons purchases.\n\nThe decision was announced in Bogotá on Wednesday by the foreign ministry.\n"),
    )
    .unwrap();
    std::fs::write(dir.join("a.meta.toml"), "outlet = \"Outlet A\"\n").unwrap();
    std::fs::write(
        dir.join("b.txt"),
        format!("{shared}Bogotá stopped buying Israeli arms.\n\nCritics in the opposition called the move reckless for national security.\n"),
    )
    .unwrap();
    std::fs::write(dir.join("b.meta.toml"), "outlet = \"Outlet B\"\n").unwrap();
}

/// The closest candidate elsewhere of the statement containing `text` when it is in
/// no fact (its text and score), and whether it was listed as an omission.
fn closest(c: &Value, text: &str) -> Option<(String, f64, bool)> {
    for s in c["stories"].as_array().unwrap() {
        for (kind, only) in [("only", true), ("undecided", false)] {
            for list in s["statements"][kind].as_object().unwrap().values() {
                for o in list.as_array().unwrap() {
                    if o["statement"]["text"].as_str().unwrap().contains(text) {
                        return Some((
                            o["closest"]["statement"]["text"]
                                .as_str()
                                .unwrap_or("")
                                .to_string(),
                            o["closest"]["score"].as_f64().unwrap_or(0.0),
                            only,
                        ));
                    }
                }
            }
        }
    }
    None
}

#[test]
fn paraphrase_is_seen_by_embedding_not_by_stems() {
    let dir = tempfile::tempdir().unwrap();
    paraphrase_corpus(dir.path());
    let d = dir.path().to_str().unwrap();
    let lexical = compare_json(&[d, "--align", "lexical"]);
    assert_eq!(lexical["stories"].as_array().unwrap().len(), 1, "one story");
    let (groups, _) = aligned(&lexical);
    // The lexical method sees only "Israeli" in common: no link, and the
    // paraphrase is not even its closest candidate.
    assert!(
        !linked(&groups, "Colombia halted", "Bogotá stopped"),
        "lexical: {groups:#?}"
    );
    let (near, lex_score, _) = closest(&lexical, "Bogotá stopped").unwrap();
    assert!(!near.contains("Colombia halted"), "lexical: {near}");
    if !have_model() {
        return;
    }
    // The embeddings see it: each is the other's closest candidate, well above
    // the omission threshold, so neither is called an omission (the pair is
    // too short and too unlike in words to be linked with confidence).
    let embed = compare_json(&[d, "--align", "embed"]);
    for (a, b) in [
        ("Bogotá stopped", "Colombia halted"),
        ("Colombia halted", "Bogotá stopped"),
    ] {
        let (near, score, only) = closest(&embed, a).unwrap_or_else(|| {
            let (groups, _) = aligned(&embed);
            assert!(linked(&groups, a, b), "{a:?} neither linked nor listed");
            (b.to_string(), 1.0, false)
        });
        assert!(near.contains(b), "embed: {a:?} closest to {near:?}");
        assert!(score > lex_score && score >= 0.2, "embed: {score}");
        assert!(!only, "embed: {a:?} called an omission");
    }
}

#[test]
fn missing_model_is_a_usage_error_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("no-model");
    let out = run(&[
        "compare",
        "examples/seeds",
        "--align",
        "embed",
        "--model-dir",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bash scripts/install-model"), "{err}");
    assert!(err.contains("no-model"), "{err}");
    assert!(out.stdout.is_empty());
    // The same through the environment.
    let out = bin()
        .args(["compare", "examples/seeds", "--align", "embed"])
        .env("PARALLAX_MODEL_DIR", &nowhere)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A broken model directory is an error, not a panic.
    std::fs::create_dir_all(&nowhere).unwrap();
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        std::fs::write(nowhere.join(f), "{}").unwrap();
    }
    let out = run(&[
        "compare",
        "examples/seeds",
        "--align",
        "embed",
        "--model-dir",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    // The lexical method never needs it.
    let out = bin()
        .args(["compare", "examples/seeds", "-q", "--align", "lexical"])
        .env("PARALLAX_MODEL_DIR", &nowhere)
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn eval_align_scores_and_floors() {
    let out = run(&["eval", "align", "--method", "lexical", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v[0];
    assert_eq!(r["method"], "lexical");
    let only = &r["result"]["omissions"];
    // every statement listed as one outlet's alone is the gold's
    assert_eq!(only["tp_pred"], only["predicted"], "{r}");
    assert!(only["predicted"].as_u64().unwrap() >= 30, "{r}");
    let links = &r["result"]["links"];
    assert_eq!(
        links["tp_pred"], links["predicted"],
        "a wrong link in the demo: {r}"
    );
    // A floor above what it measures fails with exit 1.
    let out = run(&[
        "eval",
        "align",
        "--method",
        "lexical",
        "--min-omission-precision",
        "1.01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("below the floor"));
    // A gold whose snippet matches nothing is an error naming the line.
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("g.tsv");
    std::fs::write(&gold, "# x\nonly\tBreitbart\tno such words anywhere\n").unwrap();
    let out = run(&[
        "eval",
        "align",
        "--method",
        "lexical",
        "--gold",
        gold.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("gold line 2"));
}

struct Kill(std::process::Child);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `parallax serve` on `lib`, with extra arguments; returns the server and its URL.
fn serve(lib: &Path, extra: &[&str]) -> (Kill, String) {
    use std::io::BufRead;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = bin()
        .args(["serve", "--library", lib.to_str().unwrap(), "--addr"])
        .arg(format!("127.0.0.1:{port}"))
        .args(extra)
        .env("PARALLAX_TOKEN", "align-test-token-123")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut line = String::new();
    std::io::BufReader::new(stderr)
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains(&format!("127.0.0.1:{port}")), "{line}");
    (Kill(child), format!("http://127.0.0.1:{port}"))
}

fn get(url: &str) -> Value {
    ureq::get(url)
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap()
}

/// The facts of every story of a served library, as `aligned` reads them, with
/// the story's alignment method.
fn served_groups(site: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for s in get(&format!("{site}/api/stories")).as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        let rec = get(&format!("{site}/api/stories/{id}"));
        let method = rec["story"]["statements"]["method"]
            .as_str()
            .unwrap_or("")
            .to_string();
        for kind in ["all", "some"] {
            for g in rec["story"]["statements"][kind]
                .as_array()
                .into_iter()
                .flatten()
            {
                let texts = g["statements"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["text"].as_str().unwrap().to_string())
                    .collect();
                out.push((method.clone(), texts));
            }
        }
    }
    out
}

/// A fact of the corpus linked by the embedding method.
fn paraphrase_linked_by_embedding(groups: &[(String, Vec<String>)]) -> bool {
    groups.iter().any(|(m, g)| {
        m.starts_with("embed")
            && g.len() == 2
            && g.iter().all(|t| t.contains("Petro accused Israel"))
    })
}

#[test]
fn import_and_serve_align_stories_by_embeddings_when_asked() {
    if !have_model() {
        return;
    }
    let corpus = tempfile::tempdir().unwrap();
    paraphrase_corpus(corpus.path());
    // `import --align embed` stores stories aligned by embeddings; a plain server shows them
    let lib = tempfile::tempdir().unwrap();
    let out = run(&[
        "import",
        corpus.path().to_str().unwrap(),
        "--library",
        lib.path().to_str().unwrap(),
        "--align",
        "embed",
        "-q",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_server, site) = serve(lib.path(), &[]);
    let groups = served_groups(&site);
    assert!(paraphrase_linked_by_embedding(&groups), "{groups:#?}");
    drop(_server);

    // `serve --align embed` rebuilds with embeddings after an import over the API
    let lib2 = tempfile::tempdir().unwrap();
    let (_server, site) = serve(lib2.path(), &["--align", "embed"]);
    let records: Vec<Value> = ["a", "b"]
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(corpus.path().join(format!("{n}.txt"))).unwrap();
            serde_json::json!({"text": text, "outlet": format!("Outlet {}", n.to_uppercase()), "id": n})
        })
        .collect();
    let resp: Value = ureq::post(&format!("{site}/api/import"))
        .header("Authorization", "Bearer align-test-token-123")
        .send_json(&records)
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    assert_eq!(resp["results"].as_array().unwrap().len(), 2, "{resp}");
    let t0 = std::time::Instant::now();
    loop {
        let groups = served_groups(&site);
        if paraphrase_linked_by_embedding(&groups) {
            break;
        }
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(120),
            "no embedding-aligned story after the import: {groups:#?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // a missing model is a usage error for both, before anything is opened
    let nowhere = lib2.path().join("no-model");
    for cmd in [&["import", "examples/seeds"][..], &["serve"][..]] {
        let out = bin()
            .args(cmd)
            .args([
                "--library",
                lib2.path().join("other").to_str().unwrap(),
                "--align",
                "embed",
                "--model-dir",
            ])
            .arg(&nowhere)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("install-model"),
            "{cmd:?}"
        );
    }
}

/// Wire copy is the outlets' own words run alike, not one speaker quoted alike:
/// a long sentence copied word for word is marked, a quotation both carry inside
/// differently worded sentences is not.
#[test]
fn wire_copy_is_the_outlets_own_words_not_a_shared_quote() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("two.jsonl");
    let copied = "The regional council approved the new harbour budget on Tuesday after a long debate about dredging costs and jobs.";
    // a long quotation in short frames: most of each sentence's trigrams are the
    // quotation's, so only the frames (12 words and more each) can tell
    let quote = "I always take things seriously, and this harbour matters to every family who fishes here, every shop on the quay, every school that teaches the children of sailors, every nurse who works the night shift at the clinic by the water, every driver who hauls the catch inland before dawn, every builder who mends the old sea wall after the winter storms, and every pensioner who walks the promenade in the evening light, so we will not let it silt up and die while the council argues about money";
    let a = format!(
        "{copied} When asked in the long interview how serious the plan for the harbour really was, the mayor said, \"{quote}.\""
    );
    let b = format!(
        "{copied} Pressed by reporters at the quay on whether the dredging plan was real at all, she answered, \"{quote}.\""
    );
    let recs = [
        serde_json::json!({"text": a, "outlet": "A", "title": "Harbour budget", "published": "2024-05-01"}),
        serde_json::json!({"text": b, "outlet": "B", "title": "Harbour budget approved", "published": "2024-05-01"}),
    ];
    std::fs::write(
        &input,
        recs.iter().map(|r| format!("{r}\n")).collect::<String>(),
    )
    .unwrap();
    let out = run(&[
        "compare",
        input.to_str().unwrap(),
        "--align",
        "lexical",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    let st = &c["stories"][0]["statements"];
    let facts: Vec<&Value> = st["all"]
        .as_array()
        .unwrap()
        .iter()
        .chain(st["some"].as_array().unwrap())
        .collect();
    let fact_with = |needle: &str| {
        facts
            .iter()
            .find(|f| {
                f["statements"][0]["text"]
                    .as_str()
                    .unwrap()
                    .contains(needle)
            })
            .unwrap_or_else(|| panic!("no fact with {needle:?}: {st}"))
    };
    assert_eq!(fact_with("harbour budget")["wire"], true, "{st}");
    let quoted = fact_with("take things seriously");
    assert_ne!(quoted["wire"], true, "{quoted}");
}
