//! End-to-end tests of the `parallax` binary on the example articles and on
//! small hand-made inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> PathBuf {
    repo().join("examples/seeds")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn compare_seeds() -> Value {
    json(&["compare", seeds().to_str().unwrap(), "--format", "json"])
}

fn identity<'a>(c: &'a Value, name_part: &str) -> &'a Value {
    let hits: Vec<&Value> = c["identities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i["variants"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["text"].as_str().unwrap().contains(name_part))
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{name_part}: expected one identity, got {:#?}",
        hits.iter().map(|h| &h["id"]).collect::<Vec<_>>()
    );
    hits[0]
}

fn variants(i: &Value) -> Vec<String> {
    i["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap().to_string())
        .collect()
}

fn labels(c: &Value, identity_id: &str, outlet: &str) -> Vec<String> {
    let row = c["stories"][0]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["identity"] == identity_id)
        .expect("actor row");
    row["outlets"][outlet]["labels"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|x| x["text"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn maduro_is_one_actor_with_each_outlets_labels() {
    let c = compare_seeds();
    let m = identity(&c, "Maduro");
    let v = variants(m);
    assert!(
        v.contains(&"Nicolas Maduro".to_string()) && v.contains(&"Nicolás Maduro".to_string()),
        "{v:?}"
    );
    let id = m["id"].as_str().unwrap();
    let bb = labels(&c, id, "Breitbart");
    let ms = labels(&c, id, "Morning Star");
    assert!(
        bb.iter().any(|l| l.contains("socialist dictator")),
        "{bb:?}"
    );
    assert!(ms.iter().any(|l| l.contains("President")), "{ms:?}");
}

/// The identity holding every one of `forms` as a variant: exactly one identity
/// may hold any of them, and it must hold them all.
fn one_identity_with<'a>(c: &'a Value, forms: &[&str]) -> &'a Value {
    let hits: Vec<&Value> = c["identities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| variants(i).iter().any(|v| forms.contains(&v.as_str())))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{forms:?}: expected one identity, got {:#?}",
        hits.iter()
            .map(|h| (&h["id"], variants(h)))
            .collect::<Vec<_>>()
    );
    let v = variants(hits[0]);
    for f in forms {
        assert!(v.contains(&f.to_string()), "{f:?} not in {v:?}");
    }
    hits[0]
}

/// The done criterion: on the example articles, each of these actors is
/// one identity whose variants are every form the two texts use.
#[test]
fn seed_actors_are_one_identity_each_with_every_form() {
    let c = json(&[
        "compare",
        seeds().to_str().unwrap(),
        "--outlets",
        repo().join("examples/outlets.toml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let people: &[&[&str]] = &[
        &["Nicolás Maduro", "Nicolas Maduro", "Maduro"],
        &["Hugo Chávez", "Hugo Chavez", "Chavez"],
        &["Miguel Díaz-Canel", "Miguel Diaz-Canel", "Díaz-Canel"],
        &["Luis Arce", "Arce"],
        &["Gustavo Petro"],
        &["Claudia Sheinbaum"],
        &["Donald Trump", "Trump"],
    ];
    let others: &[&[&str]] = &[
        &[
            "Alba",
            "ALBA",
            "ALBA-TCP",
            "Bolivarian Alliance for the Peoples of Our America – People’s Trade Treaty",
            "Bolivarian Alternative Alliance for the Peoples of Our America",
        ],
        &["Hamas"],
        &["International Court of Justice", "ICJ"],
        &[
            "UNRWA",
            "United Nations Relief and Works Agency for Palestine Refugees",
        ],
        &["Cuba", "Cuban", "Cubans"],
        &["Venezuela", "Venezuelan"],
        &["Nicaragua", "Nicaraguan"],
        &["Israel", "Israeli"],
        &["Palestine", "Palestinian", "Palestinians"],
    ];
    let mut ids = std::collections::BTreeSet::new();
    for forms in people {
        let i = one_identity_with(&c, forms);
        assert_eq!(i["kind"], "person", "{forms:?}");
        assert!(
            ids.insert(i["id"].as_str().unwrap().to_string()),
            "{forms:?}"
        );
    }
    for forms in others {
        let i = one_identity_with(&c, forms);
        assert!(
            ids.insert(i["id"].as_str().unwrap().to_string()),
            "{forms:?}"
        );
    }
    assert_eq!(one_identity_with(&c, &["ICJ"])["kind"], "org");
    assert_eq!(one_identity_with(&c, &["Hamas"])["kind"], "org");
    // Havana is only ever a place in these texts (founded in, met in, marched in):
    // it stays a city, not Cuba's government.
    let havana = one_identity_with(&c, &["Havana"]);
    assert_ne!(havana["id"], one_identity_with(&c, &["Cuba"])["id"]);

    // No two different people merged: every variant of a person is the display
    // name or a part of it, up to accents.
    let fold = parallax_core::fold;
    for i in c["identities"].as_array().unwrap() {
        if i["kind"] != "person" {
            continue;
        }
        let name = fold(i["name"].as_str().unwrap());
        let words: Vec<&str> = name.split_whitespace().collect();
        for v in variants(i) {
            let fv = fold(&v);
            assert!(
                fv.split_whitespace().all(|w| words.contains(&w)),
                "{v:?} merged into {name:?}"
            );
        }
        // Every merge says why and how sure.
        for m in i["merged"].as_array().into_iter().flatten() {
            assert!(m["rule"].as_str().is_some_and(|r| !r.is_empty()), "{m}");
            let conf = m["confidence"].as_f64().unwrap();
            assert!(conf > 0.0 && conf <= 1.0, "{m}");
        }
    }
}

#[test]
fn eval_actors_seeds_and_missing_data() {
    let out = bin()
        .current_dir(repo())
        .args(["eval", "actors", "--seeds", "--min-f1", "0.9"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("B-cubed"), "{text}");
    assert!(text.contains("coreference"), "{text}");
    let v = json(&[
        "eval",
        "actors",
        "--seeds",
        seeds().to_str().unwrap(),
        "--json",
    ]);
    assert!(v["bcubed_f1"].as_f64().unwrap() > 0.9, "{v}");
    assert_eq!(v["names"], v["details"].as_array().unwrap().len());

    let out = run(&["eval", "actors", "/nonexistent/uner-english-pud"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no such directory") && err.contains("uner-english-pud"),
        "{err}"
    );
}

#[test]
fn eval_actors_on_a_small_uner_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mini.iob2");
    std::fs::write(
        &f,
        "# newdoc id = n1\n# sent_id = n1-1\n# text = Nicolás Maduro spoke in Caracas.\n\
         1\tNicolás\tB-PER\t-\t-\n2\tMaduro\tI-PER\t-\t-\n3\tspoke\tO\t-\t-\n4\tin\tO\t-\t-\n5\tCaracas\tB-LOC\t-\t-\n6\t.\tO\t-\t-\n\n",
    )
    .unwrap();
    let v = json(&["eval", "actors", dir.path().to_str().unwrap(), "--json"]);
    let all = &v["parts"][0];
    assert_eq!(all["part"], "all");
    assert_eq!(all["pipeline"]["micro"]["gold"], 2);
    assert_eq!(all["pipeline"]["PER"]["tp_gold"], 1, "{v}");
    assert_eq!(all["pipeline"]["LOC"]["tp_gold"], 1, "{v}");
    // A floor above the figure fails with exit status 1 and says why.
    let out = run(&[
        "eval",
        "actors",
        f.to_str().unwrap(),
        "--min-tagger-f1",
        "1.01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("below the floor"));
    // A folder without gold says so.
    let empty = tempfile::tempdir().unwrap();
    let out = run(&["eval", "actors", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no UNER gold"));
}

#[test]
fn junk_lines_are_gone() {
    let a = json(&["analyze", seeds().to_str().unwrap(), "--json"]);
    let texts: Vec<&str> = a["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["article"]["text"].as_str().unwrap())
        .collect();
    for junk in [
        "Skip to main content",
        "Error message",
        "An error occurred while searching",
        "You have reached the free limit.",
        "Subscribe to continue reading.",
        "Support the Morning Star",
        "The 95th Anniversary Appeal",
        "NEU Senior Regional Support Officer",
        "You can follow him on Twitter",
    ] {
        assert!(
            texts.iter().all(|t| !t.contains(junk)),
            "{junk} survived cleaning"
        );
    }
    // the article text itself survives
    assert!(
        texts
            .iter()
            .any(|t| t.contains("IN NOVEMBER, on Palestinian Independence Day 2025"))
    );
}

#[test]
fn pull_quotes_count_once() {
    let a = json(&[
        "analyze",
        seeds()
            .join("breitbart-alba-summit-gaza.txt")
            .to_str()
            .unwrap(),
        "--json",
    ]);
    let art = &a["articles"][0];
    let quotes = art["analysis"]["quotes"].as_array().unwrap();
    for needle in ["flag flying high", "stain on the conscience of humanity"] {
        let n = quotes
            .iter()
            .filter(|q| q["text"].as_str().unwrap().contains(needle))
            .count();
        assert_eq!(n, 1, "{needle}");
    }
    let removed = art["article"]["removed"].as_array().unwrap();
    assert_eq!(
        removed
            .iter()
            .filter(|r| r["reason"] == "duplicate")
            .count(),
        2
    );
}

#[test]
fn quotes_have_the_right_speakers() {
    let a = json(&["analyze", seeds().to_str().unwrap(), "--json"]);
    let mut speakers: Vec<String> = Vec::new();
    let mut by_quote: Vec<(String, String)> = Vec::new();
    for art in a["articles"].as_array().unwrap() {
        let ents = art["analysis"]["entities"].as_array().unwrap();
        for q in art["analysis"]["quotes"].as_array().unwrap() {
            if let Some(e) = q["speaker"]["entity"].as_u64() {
                let name = ents[e as usize]["name"].as_str().unwrap().to_string();
                speakers.push(name.clone());
                by_quote.push((q["text"].as_str().unwrap().to_string(), name));
            }
        }
    }
    // each quotation to its speaker, including the Morning Star's "He declared: …"
    // after a sentence that names Donald Trump in an aside before Maduro
    for (words, who) in [
        ("We will not abandon this sacred cause", "Maduro"),
        ("We will only reach real peace", "Maduro"),
        (
            "heroic stand against the aggression",
            "Popular Front for the Liberation of Palestine",
        ),
        ("ALBA continues with its flag flying high", "Maduro"),
        ("The issue of Palestine, it is not a war", "Maduro"),
        ("Only an imperial mentality", "Díaz-Canel"),
        ("We should recall that in October last year", "Arce"),
        ("History will not be kind to us", "Andall"),
    ] {
        let got = by_quote
            .iter()
            .find(|(t, _)| t.contains(words))
            .map(|(_, n)| n.as_str());
        assert!(
            got.is_some_and(|n| n.contains(who)),
            "{words:?}: {got:?}, not {who}"
        );
    }
    assert!(
        !speakers.iter().any(|s| s.contains("Trump")),
        "{speakers:?}"
    );
    for who in [
        "Maduro",
        "Díaz-Canel",
        "Arce",
        "Andall",
        "Gonsalves",
        "Popular Front for the Liberation of Palestine",
    ] {
        assert!(
            speakers.iter().any(|s| s.contains(who)),
            "{who} never quoted: {speakers:?}"
        );
    }
}

#[test]
fn text_html_outputs_and_determinism() {
    let s = seeds();
    let t = run(&["compare", s.to_str().unwrap()]);
    assert!(t.status.success());
    let text = String::from_utf8(t.stdout).unwrap();
    assert!(text.contains("Nicolás Maduro") && text.contains("ONLY IN BREITBART"));
    assert!(
        text.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100 columns"
    );
    let h1 = run(&["compare", s.to_str().unwrap(), "--format", "html"]);
    let h2 = run(&["compare", s.to_str().unwrap(), "--format", "html"]);
    assert_eq!(h1.stdout, h2.stdout, "HTML differs between runs");
    let html = String::from_utf8(h1.stdout).unwrap();
    assert!(html.starts_with("<!doctype html>") && !html.contains("<script"));
    let j1 = run(&["compare", s.to_str().unwrap(), "--json"]);
    let j2 = run(&["compare", s.to_str().unwrap(), "--json"]);
    assert_eq!(j1.stdout, j2.stdout, "JSON differs between runs");
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn bad_inputs_give_clear_errors_and_exit_1() {
    let d = tmp();
    let empty = d.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = d.path().join("photo.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let junk = d.path().join("junk.txt");
    std::fs::write(
        &junk,
        "Skip to main content\n\nSubscribe to continue reading.\n",
    )
    .unwrap();
    for (path, needle) in [
        (&empty, "empty input"),
        (&binary, "binary data"),
        (&junk, "nothing left"),
    ] {
        let out = run(&["analyze", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{path:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(path.to_str().unwrap()) && err.contains(needle),
            "{err}"
        );
    }
    let missing = run(&["analyze", d.path().join("nope.txt").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.txt"));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let d = tmp();
    std::fs::write(d.path().join("a.txt"), "").unwrap();
    std::fs::write(
        d.path().join("b.txt"),
        "The minister said the plan would go ahead next year, officials confirmed.",
    )
    .unwrap();
    let out = run(&["analyze", d.path().to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["compare"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        run(&["compare", "x", "--format", "pdf"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&[
            "compare",
            seeds().to_str().unwrap(),
            "--align-threshold",
            "5"
        ])
        .status
        .code(),
        Some(2)
    );
    let help = run(&["compare", "--help"]);
    assert!(
        help.status.success() && String::from_utf8_lossy(&help.stdout).contains("Exit status")
            || String::from_utf8_lossy(&help.stdout).contains("omissions")
    );
}

#[test]
fn encodings_stdin_and_quotes_edge_cases() {
    let d = tmp();
    // Windows-1252: “Díaz-Canel” – curly quotes and an accent
    let cp1252 = d.path().join("cp1252.txt");
    std::fs::write(&cp1252, b"President Miguel D\xEDaz-Canel spoke in Havana on Monday. \x93We will resist,\x94 D\xEDaz-Canel said.").unwrap();
    // UTF-16 with BOM
    let utf16 = d.path().join("utf16.txt");
    let s = "Nicolás Maduro met officials in Caracas. “Palestine will rise,” Maduro said.";
    let mut b = vec![0xFF, 0xFE];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(&utf16, b).unwrap();
    // no quotes at all; unmatched and mixed quote marks
    let none = d.path().join("none.txt");
    std::fs::write(
        &none,
        "The council met on Tuesday and approved the budget for the coming year.",
    )
    .unwrap();
    let odd = d.path().join("odd.txt");
    std::fs::write(&odd, "He said \"it is over,” then left. An “unclosed remark about the vote\n\nA later paragraph with ” a stray mark.").unwrap();
    let v = json(&[
        "analyze",
        cp1252.to_str().unwrap(),
        utf16.to_str().unwrap(),
        none.to_str().unwrap(),
        odd.to_str().unwrap(),
        "--json",
    ]);
    let arts = v["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 4);
    let speaker = |a: &Value| -> Vec<String> {
        let ents = a["analysis"]["entities"].as_array().unwrap();
        a["analysis"]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|q| q["speaker"]["entity"].as_u64())
            .map(|e| ents[e as usize]["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        arts[0]["article"]["text"]
            .as_str()
            .unwrap()
            .contains("“We will resist,” Díaz-Canel said.")
    );
    assert_eq!(speaker(&arts[0]), vec!["Miguel Díaz-Canel"]);
    assert_eq!(speaker(&arts[1]), vec!["Nicolás Maduro"]);
    assert!(arts[2]["analysis"]["quotes"].as_array().unwrap().is_empty());
    assert!(
        arts[3]["analysis"]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["text"] == "it is over,")
    );
    // stdin
    let mut child = bin()
        .args(["analyze", "-", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("“It works,” Ralph Gonsalves said on Friday.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(speaker(&v["articles"][0]), vec!["Ralph Gonsalves"]);
}

#[test]
fn hostile_article_is_inert_in_html() {
    let d = tmp();
    std::fs::write(
        d.path().join("evil.txt"),
        "<script>alert(1)</script> President <img src=x onerror=alert(2)> Evil Person said “<b>bold</b>” in Gaza.\n\nA second paragraph about Gaza and <a href=\"javascript:alert(3)\">a link</a>.",
    )
    .unwrap();
    std::fs::write(d.path().join("evil.meta.toml"), "outlet = \"<script>x</script>\"\nurl = \"javascript:alert(4)\"\ntitle = \"<svg onload=alert(5)>\"\n").unwrap();
    std::fs::write(d.path().join("other.txt"), "Officials in Gaza said the crossing would reopen, a spokesman for the ministry told reporters.").unwrap();
    let out = run(&["compare", d.path().to_str().unwrap(), "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    for bad in ["<script", "<img", "<svg onload", "href=\"javascript", "<b>"] {
        assert!(
            !html.to_lowercase().contains(bad),
            "{bad} leaked into the report"
        );
    }
    // the report draws its own charts as SVG; every <svg in it is one of those
    let lower = html.to_lowercase();
    let ours = lower.matches("<svg class=\"").count() + lower.matches("<svg width=\"").count();
    assert_eq!(
        lower.matches("<svg").count(),
        ours,
        "an <svg leaked into the report"
    );
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn seed_labels_are_attached_to_the_right_actors() {
    let c = compare_seeds();
    let id_of = |part: &str| {
        if part.contains(':') {
            part.to_string()
        } else {
            identity(&c, part)["id"].as_str().unwrap().to_string()
        }
    };
    let expect = [
        (
            "Arce",
            "Breitbart",
            "Bolivia’s socialist and pro-Iran President",
        ),
        (
            "Díaz-Canel",
            "Breitbart",
            "the Castro regime’s figurehead president",
        ),
        ("Hugo Ch", "Breitbart", "late dictators"),
        ("Fidel Castro", "Breitbart", "late dictators"),
        (
            "Hamas",
            "Breitbart",
            "the radical jihadist terror organization",
        ),
        (
            "Nicolás Maduro",
            "Breitbart",
            "Venezuela’s socialist dictator",
        ),
        ("Nicolas Maduro", "Morning Star", "Venezuela’s President"),
        (
            "Hugo Ch",
            "Morning Star",
            "awarded the Star of Palestine honour",
        ),
        ("Hugo Ch", "Morning Star", "predecessor"),
        ("ALBA-TCP", "Breitbart", "far-left free trade bloc"),
        (
            "Gonsalves",
            "Breitbart",
            "The Prime Minister of Saint Vincent and the Grenadines",
        ),
        ("gpe:nicaragua", "Breitbart", "communist regime"),
        ("Sheinbaum", "Morning Star", "left-wing President"),
    ];
    for (who, outlet, label) in expect {
        let got = labels(&c, &id_of(who), outlet);
        assert!(
            got.iter().any(|l| l.contains(label)),
            "{who} in {outlet}: {label:?} not in {got:?}"
        );
    }
}

#[test]
fn seed_scare_quotes_and_loaded_words() {
    let c = compare_seeds();
    let framing = c["stories"][0]["framing"].as_array().unwrap();
    let bb = framing.iter().find(|f| f["outlet"] == "Breitbart").unwrap();
    let scare: Vec<&str> = bb["scare_quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    for w in ["genocide", "Palestine", "anti-imperialist"] {
        assert!(scare.contains(&w), "{w} not a scare quote in {scare:?}");
    }
    // genocide: the Morning Star's own word, Breitbart's only in quotes
    let ms = framing
        .iter()
        .find(|f| f["outlet"] == "Morning Star")
        .unwrap();
    let own = |f: &Value| -> Vec<String> {
        f["loaded"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["term"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(own(ms).contains(&"genocide".to_string()));
    assert!(!own(bb).contains(&"genocide".to_string()));
    assert!(own(bb).contains(&"dictator".to_string()) && own(bb).contains(&"regime".to_string()));
}

#[test]
fn an_article_over_its_time_budget_is_skipped_and_the_rest_goes_on() {
    let d = tmp();
    let big: String = (0..4000)
        .map(|i| {
            format!("Paragraph {i}: “We will win,” Nicolás Maduro said in Caracas on day {i}.\n\n")
        })
        .collect();
    std::fs::write(d.path().join("a-big.txt"), big).unwrap();
    std::fs::write(
        d.path().join("b-small.txt"),
        "The council voted on Tuesday to close the library, residents said.",
    )
    .unwrap();
    let out = run(&[
        "analyze",
        d.path().to_str().unwrap(),
        "--json",
        "--time-budget",
        "0.05",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a-big.txt") && err.contains("time budget"),
        "{err}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kept: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["article"]["meta"]["source"].as_str().unwrap())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].ends_with("b-small.txt"));
    // with a sane budget both go through
    let out = run(&["analyze", d.path().to_str().unwrap(), "--json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn a_time_budget_of_zero_is_a_usage_error() {
    let seeds = seeds();
    for bad in ["0", "-1", "nan", "soon"] {
        // `=` so that "-1" is the flag's value, not a flag of its own
        let flag = format!("--time-budget={bad}");
        let out = run(&["analyze", seeds.to_str().unwrap(), &flag]);
        assert_eq!(out.status.code(), Some(2), "--time-budget {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--time-budget"), "{err}");
    }
}

#[test]
fn html_report_opens_with_the_overview_and_a_contents_of_many_stories() {
    // the demo: one story, its coverage bar by the outlet book's lean, both headlines
    let seeds = seeds();
    let book = seeds.join("../outlets.toml");
    let out = run(&[
        "compare",
        seeds.to_str().unwrap(),
        "--outlets",
        book.to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert!(out.status.success(), "{out:?}");
    let html = String::from_utf8(out.stdout).unwrap();
    let overview = html
        .find("<section class=\"overview\">")
        .expect("an overview");
    let actors = html
        .find("<section class=\"actors\">")
        .expect("an actors table");
    assert!(overview < actors, "the overview comes first");
    assert!(html.contains("<svg class=\"coverage\""));
    assert!(html.contains("coverage by lean"));
    assert!(
        html.contains("left 1") && html.contains("right 1"),
        "legend"
    );
    assert!(html.contains("<table class=\"headlines\">"));
    assert!(
        html.contains("Latin American Leftist Summit"),
        "Breitbart's headline"
    );
    assert!(
        !html.contains("<nav class=\"toc\""),
        "one story needs no contents"
    );

    // two unrelated stories: a table of contents, and a blindspot when only one
    // side covered a story
    let d = tmp();
    std::fs::write(
        d.path().join("outlets.toml"),
        "[[outlet]]\nname = \"Lefty\"\n[outlet.attributes]\nlean = \"left\"\n[[outlet]]\nname = \"Righty\"\n[outlet.attributes]\nlean = \"right\"\n",
    )
    .unwrap();
    let recs = [
        (
            "Lefty",
            "The city council voted on Tuesday to close three public libraries next year, citing a budget gap of four million dollars.",
        ),
        (
            "Righty",
            "On Tuesday the city council voted to shut three public libraries next year over a four million dollar budget gap.",
        ),
        (
            "Lefty",
            "A rare comet will be visible from the northern hemisphere this weekend, astronomers at the observatory said on Friday.",
        ),
    ];
    let lines: Vec<String> = recs
        .iter()
        .map(|(o, t)| serde_json::json!({"outlet": o, "text": t}).to_string())
        .collect();
    std::fs::write(d.path().join("in.jsonl"), lines.join("\n")).unwrap();
    let out = run(&[
        "compare",
        d.path().join("in.jsonl").to_str().unwrap(),
        "--outlets",
        d.path().join("outlets.toml").to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert!(out.status.success(), "{out:?}");
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<nav class=\"toc\""), "contents");
    assert!(html.contains("href=\"#story-2\""));
    assert!(
        html.contains("<h3>Blindspots</h3>"),
        "the comet only the left covered"
    );
    assert!(html.contains("only left"));
}

/// An evaluation read through `| head` ends quietly: its report and its JSON
/// stop at the closed pipe, with no panic and no "Broken pipe" message.
#[test]
fn eval_output_into_a_closed_pipe_ends_quietly() {
    use std::process::Stdio;
    for json in [false, true] {
        let mut args = vec!["eval", "actors", "--seeds", "--examples", "3"];
        if json {
            args.push("--json");
        }
        let mut c = bin()
            .current_dir(repo())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(c.stdout.take());
        let o = c.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_ne!(o.status.code(), Some(101), "{args:?} panicked: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}
