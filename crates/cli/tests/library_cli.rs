//! The library commands' defects of issue 16 (build 5), on the real binary: a
//! missing input among good ones, a closed pipe, an outlet in another case or
//! unknown, a date that is no date, a mistyped `--library`, and `stories` saying
//! how many it did not list.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bin() -> String {
    std::env::var("PARALLAX_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_parallax").into())
}

fn parallax(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A library of `n` articles on `n` unrelated topics (so many stories), from
/// three outlets.
fn library(dir: &Path, n: usize) -> std::path::PathBuf {
    let input = dir.join("in.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    let topics = [
        "granite quarry",
        "river flood",
        "chess final",
        "vaccine trial",
        "rail strike",
        "orchid show",
        "satellite launch",
        "wheat harvest",
    ];
    for i in 0..n {
        let t = topics[i % topics.len()];
        let outlets = ["Fox News", "The New York Times", "HuffPost"];
        let text = format!(
            "The {t} drew crowds on day {i}. Officials said the {t} would continue next week.\n\nResidents described the {t} as unusual for the season."
        );
        let rec = serde_json::json!({"text": text, "outlet": outlets[i % 3], "title": format!("{t} {i}"), "url": format!("https://example.org/{i}"), "published": format!("2024-04-{:02}", 1 + i % 28)});
        writeln!(f, "{rec}").unwrap();
    }
    let lib = dir.join("lib");
    let o = parallax(&[
        "import",
        s(&input),
        "--library",
        s(&lib),
        "-q",
        "--align",
        "lexical",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    lib
}

#[test]
fn a_missing_input_does_not_stop_the_others() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let o = parallax(&[
        "compare",
        s(&seeds),
        "nosuch.txt",
        "--align",
        "lexical",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("nosuch.txt"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["articles"].as_array().map(Vec::len),
        Some(2),
        "the seeds were compared"
    );
}

#[test]
fn filters_say_what_is_wrong() {
    let d = tempfile::tempdir().unwrap();
    let lib = library(d.path(), 12);
    // any case finds the outlet
    let o = parallax(&[
        "search",
        "crowds",
        "--library",
        s(&lib),
        "--outlet",
        "fox news",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["total"], 4, "{v}");
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    // an unknown outlet: a warning naming the known ones
    let o = parallax(&[
        "search",
        "crowds",
        "--library",
        s(&lib),
        "--outlet",
        "Breitbart",
    ]);
    assert!(o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("no outlet \"Breitbart\"")
            && e.contains("Fox News, HuffPost, The New York Times"),
        "{e}"
    );
    // a date that is no date: a usage error, exit 2
    for bad in ["2019-13-01", "yesterday", "2023-02-29"] {
        for flag in ["--from", "--to"] {
            let o = parallax(&["search", "crowds", "--library", s(&lib), flag, bad]);
            assert_eq!(o.status.code(), Some(2), "{flag} {bad}: {}", stderr(&o));
            assert!(stderr(&o).contains("not a date"), "{}", stderr(&o));
        }
    }
    // a month or a year is a date
    let o = parallax(&[
        "search",
        "crowds",
        "--library",
        s(&lib),
        "--from",
        "2024-04",
        "--to",
        "2024",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["total"], 12, "{v}");
}

#[test]
fn read_commands_refuse_a_library_that_does_not_exist() {
    let d = tempfile::tempdir().unwrap();
    let nowhere = d.path().join("mistyped");
    for args in [
        vec!["search", "x"],
        vec!["stories"],
        vec!["actor", "Maduro"],
    ] {
        let mut a = args.clone();
        a.extend(["--library", s(&nowhere)]);
        let o = parallax(&a);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("no library here"), "{}", stderr(&o));
        assert!(!nowhere.exists(), "{args:?} created {}", nowhere.display());
    }
}

#[test]
fn stories_say_how_many_more_there_are() {
    let d = tempfile::tempdir().unwrap();
    let lib = library(d.path(), 8);
    let all = parallax(&["stories", "--library", s(&lib), "--json"]);
    let total = serde_json::from_slice::<serde_json::Value>(&all.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    assert!(total > 2, "{total} stories");
    let o = parallax(&["stories", "--library", s(&lib), "--limit", "2"]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!(
            "… {} more stories (--limit {total} lists them all)",
            total - 2
        )),
        "{out}"
    );
}

#[test]
fn a_closed_pipe_ends_read_commands_quietly() {
    let d = tempfile::tempdir().unwrap();
    let lib = library(d.path(), 12);
    for args in [
        vec!["search", "crowds"],
        vec!["stories"],
        vec!["actor", "Officials"],
    ] {
        let mut a = args.clone();
        a.extend(["--library", s(&lib)]);
        let mut c = Command::new(bin())
            .args(&a)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // the reader goes away before anything is written
        drop(c.stdout.take());
        let o = c.wait_with_output().unwrap();
        assert_ne!(
            o.status.code(),
            Some(101),
            "{args:?} panicked: {}",
            stderr(&o)
        );
        assert!(
            !stderr(&o).contains("panicked") && !stderr(&o).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}
