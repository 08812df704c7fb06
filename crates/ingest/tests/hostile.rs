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
