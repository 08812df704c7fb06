//! Hostile inputs through `ingest_paths`, as the CLI reads them (issue 17): trees
//! with symlink loops and FIFOs, which once hung the batch. Each reading runs on a
//! thread under a time limit, so a regression fails instead of hanging CI.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use parallax_ingest::{Article, IngestError, IngestErrorKind, IngestOptions, ingest_paths};

/// Every result of reading `paths`, or a failure when it takes over 30 s.
fn run_bounded(paths: Vec<PathBuf>, opts: IngestOptions) -> Vec<Result<Article, IngestError>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        ingest_paths(&paths, &opts, &mut |r| out.push(r));
        let _ = tx.send(out);
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("reading the inputs did not finish within 30 s")
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn copy_seeds(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(seeds()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop_tree_reads_each_article_once() {
    use std::os::unix::fs::symlink;
    // the reproduction of issue 17: L/a and L/b linked to each other, and to itself
    let d = tempfile::tempdir().unwrap();
    let l = d.path().join("L");
    copy_seeds(&l.join("a"));
    std::fs::create_dir_all(l.join("b")).unwrap();
    symlink("../b", l.join("a/tob")).unwrap();
    symlink("../a", l.join("b/toa")).unwrap();
    symlink(".", l.join("a/self2")).unwrap();
    let got = run_bounded(vec![l.clone()], IngestOptions::default());
    let articles: Vec<&Article> = got.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(articles.len(), 2, "each seed once: {got:?}");
    let notes: Vec<&IngestError> = got.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(notes.iter().all(|n| n.is_note()), "{notes:?}");
    assert!(
        notes
            .iter()
            .any(|n| n.source.ends_with("self2") && n.message.starts_with("symlink loop")),
        "the loop is named: {notes:?}"
    );
}

#[cfg(unix)]
#[test]
fn fifos_in_a_folder_and_as_an_argument_never_block() {
    let d = tempfile::tempdir().unwrap();
    copy_seeds(d.path());
    let fifo = d.path().join("stalled.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let got = run_bounded(vec![d.path().to_path_buf()], IngestOptions::default());
    assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 2, "{got:?}");
    let note = got.iter().find_map(|r| r.as_ref().err()).unwrap();
    assert_eq!(note.kind, IngestErrorKind::Skipped);
    assert!(note.source.ends_with("stalled.txt") && note.message.contains("FIFO"));
    // given by name, it is refused; the inputs after it are still read
    let got = run_bounded(
        vec![fifo.clone(), seeds().join("breitbart-alba-summit-gaza.txt")],
        IngestOptions::default(),
    );
    let e = got[0].as_ref().unwrap_err();
    assert!(!e.is_note() && e.message.contains("FIFO"), "{e}");
    assert!(got[1].is_ok(), "{got:?}");
}

fn repairs(a: &Article) -> Vec<&str> {
    a.removed
        .iter()
        .filter(|r| r.reason == parallax_core::RemovalReason::Repair)
        .map(|r| r.text.as_str())
        .collect()
}

const BODY: &str = "The council voted on Tuesday to close the central library, a decision that many residents said they regretted deeply.";

#[test]
fn json_lines_over_max_size_are_read_record_by_record() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("big.jsonl");
    let mut data = String::new();
    for i in 0..30 {
        data.push_str(&format!(
            "{{\"text\":\"{BODY} Item {i}.\",\"outlet\":\"A\",\"url\":\"https://a.example/{i}\"}}\n"
        ));
    }
    data.push_str(&format!("{{\"text\":\"{}\"}}\n", "word ".repeat(200)));
    data.push_str(&format!("{{\"text\":\"{BODY} Last.\",\"outlet\":\"A\"}}\n"));
    std::fs::write(&f, &data).unwrap();
    let opts = IngestOptions {
        max_bytes: 400,
        ..Default::default()
    };
    assert!(data.len() > 10 * opts.max_bytes);
    let got = run_bounded(vec![f], opts);
    assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 31, "{got:?}");
    let e = got.iter().find_map(|r| r.as_ref().err()).unwrap();
    assert_eq!(e.kind, IngestErrorKind::TooLarge);
    assert!(e.source.ends_with("big.jsonl#line 31"), "{e}");
    assert!(got[31].as_ref().unwrap().meta.source.ends_with("#line 32"));
}

#[test]
fn a_stray_latin1_byte_and_a_few_nuls_are_repaired_and_recorded() {
    let d = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..28 {
        text.push_str(&format!(
            "“We will not stop,” the mayor said in speech {i}. "
        ));
    }
    let mut bytes = text.into_bytes();
    bytes.extend(b"\n\nThe caf\xE9 on the square stayed open, residents said.\n");
    std::fs::write(d.path().join("stray.txt"), &bytes).unwrap();
    let mut big = format!("{BODY}\n\n").repeat(1600).into_bytes();
    for i in 0..100 {
        big.insert(i * 1800 + 3, 0);
    }
    assert!(big.len() > 190_000);
    std::fs::write(d.path().join("nuls.txt"), &big).unwrap();
    let got = run_bounded(vec![d.path().to_path_buf()], IngestOptions::default());
    let arts: Vec<&Article> = got.iter().map(|r| r.as_ref().unwrap()).collect();
    let nuls = arts
        .iter()
        .find(|a| a.meta.source.ends_with("nuls.txt"))
        .unwrap();
    assert_eq!(repairs(nuls), ["100 NUL bytes removed"]);
    let stray = arts
        .iter()
        .find(|a| a.meta.source.ends_with("stray.txt"))
        .unwrap();
    assert!(stray.text.contains("“We will not stop,”") && stray.text.contains("café"));
    assert!(!stray.text.contains("â€"), "{}", stray.text);
    let r = repairs(stray);
    assert!(
        r.len() == 1 && r[0].contains("read as Windows-1252: é"),
        "{r:?}"
    );
}

#[test]
fn json_lines_fields_of_the_wrong_type_are_recorded_repairs() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("types.jsonl");
    let lines = [
        format!(
            r#"{{"text":"{BODY}","title":12,"url":false,"published":"not-a-date","authors":{{"x":1}},"outlet":"Fox\u0000News"}}"#
        ),
        r#"{"text":{"p":"not text"}}"#.to_string(),
    ];
    std::fs::write(&f, lines.join("\n")).unwrap();
    let got = run_bounded(vec![f], IngestOptions::default());
    let a = got[0].as_ref().unwrap();
    assert_eq!(a.outlet.name, "Fox News");
    assert_eq!(
        (a.meta.title.as_deref(), a.meta.published.as_deref()),
        (None, None)
    );
    assert_eq!(repairs(a).len(), 5, "{:?}", repairs(a));
    let e = got[1].as_ref().unwrap_err();
    assert!(e.source.ends_with("types.jsonl#line 2"), "{e}");
    assert!(e.message.contains("field `text` is an object"), "{e}");
}
