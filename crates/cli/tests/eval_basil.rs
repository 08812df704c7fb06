//! End-to-end tests of `parallax eval speakers`, `eval labels` and `eval loaded` on a
//! tiny hand-made folder in BASIL's layout (the real data is scored by
//! crates/eval/tests/basil_gold.rs): finding items, floors, and clear errors.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// A one-article BASIL folder: articles/2020/t_1.json and its annotation file.
fn basil_dir(root: &Path) {
    let art = root.join("articles/2020");
    std::fs::create_dir_all(&art).unwrap();
    std::fs::write(
        art.join("t_1.json"),
        r#"{"uuid": "empty", "triplet-uuid": "t", "source": "nyt", "title": "A vote",
            "body-paragraphs": [["Senator Maria Lopez, the majority leader, spoke on Monday."],
                                ["“We will win this vote,” Ms. Lopez said.", "The radical regime was silent."]]}"#,
    )
    .unwrap();
    let ann = root.join("annotations/2020");
    std::fs::create_dir_all(&ann).unwrap();
    std::fs::write(
        ann.join("t_1_ann.json"),
        r#"{"phrase-level-annotations": [
            {"txt": "radical", "start": 4, "end": 11, "bias": "lex", "quote": "no", "target": "Regime"},
            {"txt": "silent", "start": 23, "end": 29, "bias": "inf", "quote": "no", "target": "Regime"}]}"#,
    )
    .unwrap();
}

#[test]
fn speakers_labels_and_loaded_on_a_small_folder() {
    let dir = tempfile::tempdir().unwrap();
    basil_dir(dir.path());
    let d = dir.path().to_str().unwrap();
    let gold = dir.path().join("speakers.tsv");
    std::fs::write(
        &gold,
        "# test gold\nt_1\t1:0\tWe will win\tMaria Lopez\tright\tMaria Lopez\t\n",
    )
    .unwrap();
    let g = gold.to_str().unwrap();
    let out = run(&["eval", "speakers", d, "--gold", g, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["judged"], 1, "{v}");
    assert_eq!(v["found"], 1, "{v}");
    let out = run(&["eval", "speakers", d, "--gold", g, "--min-coverage", "1.01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("below the floor"));

    let labels = dir.path().join("labels.tsv");
    std::fs::write(
        &labels,
        "t_1\t0:0\tthe majority leader\tappositive\tMaria Lopez\tright\tMaria Lopez\t\n\
         t_1\t1:1\tsocialist dictator\tpremodifier\tMaria Lopez\twrong\t-\tnot there\n",
    )
    .unwrap();
    let out = run(&[
        "eval",
        "labels",
        d,
        "--gold",
        labels.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["judged"], 2, "{v}");
    assert_eq!(v["not_found"].as_array().unwrap().len(), 1, "{v}");

    let out = run(&["eval", "loaded", d, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["spans"], 1, "only the lexical span: {v}");
    assert_eq!(v["placed"], 1, "{v}");
}

#[test]
fn bad_gold_and_missing_data_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    basil_dir(dir.path());
    let d = dir.path().to_str().unwrap();
    let gold = dir.path().join("bad.tsv");
    std::fs::write(&gold, "# c\nt_1\t1:0\tWe will win\tX\tperhaps\tY\n").unwrap();
    let out = run(&["eval", "speakers", d, "--gold", gold.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.tsv") && err.contains("line 2"), "{err}");

    for cmd in ["speakers", "labels", "loaded"] {
        let out = run(&["eval", cmd, "/nonexistent/basil"]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("/nonexistent/basil"), "{cmd}: {err}");
    }
}
