//! What a reader sees in the terminal and downloads from the CLI (issue 16): the
//! story index, blindspots and coverage strips, each outlet's headline and date,
//! who names whom, findings and search hits as CSV and JSON Lines, search facets,
//! coverage by another attribute of the outlet book, counts that agree in number.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The example pair plus a story Breitbart alone covered.
fn inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("in");
    std::fs::create_dir(&inputs).unwrap();
    for f in std::fs::read_dir(repo().join("examples/seeds")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, inputs.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        inputs.join("solo.txt"),
        "The Federal Reserve held interest rates steady on Wednesday, Jerome Powell said, citing inflation data from the Labor Department.\n\nMarkets in New York rose after the Federal Reserve decision, and Powell said rates could fall later in the year.",
    )
    .unwrap();
    std::fs::write(
        inputs.join("solo.meta.toml"),
        "outlet = \"Breitbart\"\npublished = \"2024-05-01\"\ntitle = \"Fed holds rates\"\n",
    )
    .unwrap();
    inputs
}

#[test]
fn terminal_report_leads_with_the_overview() {
    let d = tempfile::tempdir().unwrap();
    let inp = inputs(d.path());
    let book = repo().join("examples/outlets.toml");
    let out = ok(&[
        "compare",
        s(&inp),
        "--outlets",
        s(&book),
        "--color",
        "never",
    ]);
    for want in [
        "parallax: 3 articles from 2 outlets, 2 stories",
        "CONTENTS",
        "BLINDSPOTS — stories covered only by one side (lean in the outlet book)",
        "only right: Fed holds rates",
        "[LLLLLLLLLLRRRRRRRRRR] lean: left 1 · right 1",
        // each outlet's headline and date, names in full
        "Breitbart     2024-04-25  Latin American Leftist Summit",
        "Morning Star  undated     Latin America’s left stands with Palestine",
        "named only by Breitbart: Hamas",
        "1 article",
    ] {
        assert!(out.contains(want), "{want:?} missing:\n{out}");
    }
    for bad in [
        "1 articles",
        "1 mentions",
        "1 quotes",
        "1 outlets",
        "1 stories",
    ] {
        let singular_as_plural = out.match_indices(bad).any(|(i, _)| {
            !out[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
        });
        assert!(!singular_as_plural, "{bad:?} in:\n{out}");
    }
    let by = ok(&[
        "compare",
        s(&inp),
        "--outlets",
        s(&book),
        "--by",
        "country",
        "--color",
        "never",
    ]);
    assert!(by.contains("country: GB 1 · US 1"), "{by}");
    assert!(by.contains("only US: Fed holds rates"), "{by}");
}

#[test]
fn findings_and_hits_download_as_csv_and_jsonl() {
    let d = tempfile::tempdir().unwrap();
    let inp = inputs(d.path());
    let book = repo().join("examples/outlets.toml");
    let csv = ok(&["compare", s(&inp), "--format", "csv"]);
    assert!(
        csv.starts_with("story,kind,outlet,actor,text,count,fact,article,sentence,confidence\r\n")
    );
    assert!(
        csv.contains(",label,Breitbart,Nicolás Maduro,Venezuela’s socialist dictator,"),
        "{csv}"
    );
    let jl = ok(&["compare", s(&inp), "--format", "jsonl"]);
    assert_eq!(jl.lines().count() + 1, csv.matches("\r\n").count());
    for l in jl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["kind"].is_string() && v["story"].is_string(), "{l}");
    }

    // a library: the list with coverage strips and blindspots, one story, search
    let lib = d.path().join("lib");
    ok(&[
        "import",
        s(&inp),
        "--outlets",
        s(&book),
        "--library",
        s(&lib),
        "-q",
    ]);
    let list = ok(&["stories", "--library", s(&lib)]);
    assert!(
        list.contains("[LLLLLLLLLLRRRRRRRRRR] lean: left 1 · right 1"),
        "{list}"
    );
    assert!(list.contains("only right: Fed holds rates"), "{list}");
    let id = list.split_whitespace().next().unwrap();
    let story_csv = ok(&["story", id, "--library", s(&lib), "--format", "csv"]);
    assert!(story_csv.starts_with("story,kind,"));
    assert!(
        story_csv
            .lines()
            .skip(1)
            .all(|l| l.starts_with(id) || !l.contains(','))
    );
    let text = ok(&["story", id, "--library", s(&lib)]);
    assert!(
        text.contains("Breitbart") && text.contains("lean:"),
        "{text}"
    );
    let html = d.path().join("story.html");
    ok(&[
        "story",
        id,
        "--library",
        s(&lib),
        "--format",
        "html",
        "-o",
        s(&html),
    ]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Download the findings") && page.contains("coverage by lean:"));
    let missing = run(&["story", "nosuch", "--library", s(&lib)]);
    assert_eq!(missing.status.code(), Some(1));

    let hits = ok(&["search", "maduro", "--library", s(&lib), "--format", "csv"]);
    assert!(hits.starts_with("id,outlet,published,title,url,score,snippet\r\n"));
    assert_eq!(hits.matches("\r\n").count(), 1 + 2, "{hits}");
    let jl = ok(&[
        "search",
        "maduro",
        "--library",
        s(&lib),
        "--format",
        "jsonl",
    ]);
    assert_eq!(jl.lines().count(), 2);
    let facets = ok(&["search", "maduro", "--library", s(&lib), "--facets"]);
    assert!(
        facets.contains("by outlet: Breitbart 1 · Morning Star 1"),
        "{facets}"
    );
    assert!(
        facets.contains("2024-04 1") && facets.contains("undated 1"),
        "{facets}"
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&[
        "search",
        "maduro",
        "--library",
        s(&lib),
        "--facets",
        "--json",
    ]))
    .unwrap();
    assert_eq!(v["facets"]["outlets"]["Breitbart"], 1);
}
