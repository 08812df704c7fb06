//! End-to-end tests of `parallax eval actors` on GUM (names and `--identities`) and
//! `parallax eval coref`, on a one-document folder in GUM's CoNLL-U (the real data
//! is in ../shared/data/gum-dev, scored by the floors of .ci/floors.tsv): the
//! reports, floors and clear errors.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// "President Barack Obama met the University of Helsinki. He smiled."
fn gum_dir(root: &Path) {
    let doc = "# newdoc id = GUM_news_test\n# newpar\n# sent_id = t-1\n\
# text = President Barack Obama met the University of Helsinki.\n\
1\tPresident\tPresident\tPROPN\tNNP\tNumber=Sing\t2\tnmod:desc\t_\tEntity=(1-person-new-s-c-1-coref-Barack_Obama\n\
2\tBarack\tBarack\tPROPN\tNNP\tNumber=Sing\t4\tnsubj\t_\t_\n\
3\tObama\tObama\tPROPN\tNNP\tNumber=Sing\t2\tflat\t_\tEntity=1)\n\
4\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(2-organization-new-s-c-1-coref-University_of_Helsinki\n\
6\tUniversity\tUniversity\tPROPN\tNNP\tNumber=Sing\t4\tobj\t_\t_\n\
7\tof\tof\tADP\tIN\t_\t8\tcase\t_\t_\n\
8\tHelsinki\tHelsinki\tPROPN\tNNP\tNumber=Sing\t6\tnmod\t_\tEntity=(3-place-new-s-c-1-coref-Helsinki)2)|SpaceAfter=No\n\
9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\
\n\
# sent_id = t-2\n# text = He smiled.\n\
1\tHe\the\tPRON\tPRP\tPronType=Prs\t2\tnsubj\t_\tEntity=(1-person-giv-s-c-1-ana)\n\
2\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    std::fs::write(root.join("GUM_news_test.conllu"), doc).unwrap();
}

#[test]
fn gum_names_identities_and_coref() {
    let dir = tempfile::tempdir().unwrap();
    gum_dir(dir.path());
    let d = dir.path().to_str().unwrap();

    let out = run(&["eval", "actors", d]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("GUM name mentions") && text.contains("per genre"),
        "{text}"
    );
    let out = run(&["eval", "actors", d, "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["parts"][0]["pipeline"]["micro"]["gold"], 2, "{v}");

    // One .conllu file is GUM too.
    let file = dir.path().join("GUM_news_test.conllu");
    let out = run(&["eval", "actors", file.to_str().unwrap(), "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 1, "{v}");

    let out = run(&["eval", "actors", d, "--identities", "--min-f1", "0.5"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("B-cubed (every name)"), "{text}");
    // A floor above the figure fails.
    let out = run(&["eval", "actors", d, "--identities", "--min-f1", "1.01"]);
    assert_eq!(out.status.code(), Some(1));

    let out = run(&["eval", "coref", d, "--min-precision", "0.5", "--examples"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("pronoun"), "{text}");
    let out = run(&["eval", "coref", d, "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kinds"][0]["kind"], "pronoun", "{v}");
}

#[test]
fn missing_or_wrong_data_is_a_clear_error() {
    for args in [
        &["eval", "coref", "/nonexistent/gum"][..],
        &["eval", "actors", "/nonexistent/gum", "--identities"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("/nonexistent/gum"), "{args:?}: {err}");
    }
    // A folder without CoNLL-U files is no GUM.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.iob2"), "").unwrap();
    let out = run(&["eval", "coref", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no GUM gold"));
}
