//! Replays every input saved under fuzz/regressions/<target>/ (crashes the fuzzers
//! once found) through the target's own body (`parallax-fuzz-bodies`, which the
//! libFuzzer targets call too), on stable Rust in plain `cargo test`. A fixed crash
//! stays fixed.

use std::path::Path;

use parallax_fuzz_bodies::TARGETS;

fn names_in(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|e| keep(&e.path()))
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn saved_fuzz_crashes_stay_fixed() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut targets: Vec<String> = TARGETS.iter().map(|t| t.to_string()).collect();
    targets.sort();
    // every fuzz target has its body in parallax-fuzz-bodies and a regressions folder
    let files: Vec<String> = names_in(&fuzz.join("fuzz_targets"), |p| {
        p.extension().is_some_and(|e| e == "rs")
    })
    .iter()
    .map(|f| f.trim_end_matches(".rs").to_string())
    .collect();
    assert_eq!(files, targets, "fuzz/fuzz_targets/*.rs and TARGETS differ");
    let folders = names_in(&fuzz.join("regressions"), |p| p.is_dir());
    assert_eq!(folders, targets, "fuzz/regressions/* and TARGETS differ");
    let mut n = 0;
    for t in &targets {
        let dir = fuzz.join("regressions").join(t);
        for f in names_in(&dir, |p| p.is_file()) {
            if f.starts_with('.') {
                continue;
            }
            let data = std::fs::read(dir.join(&f)).unwrap();
            parallax_fuzz_bodies::run(t, &data).unwrap_or_else(|e| panic!("{t}/{f}: {e}"));
            n += 1;
        }
    }
    assert!(n > 0, "no saved fuzz inputs found under {}", fuzz.display());
    eprintln!("replayed {n} saved fuzz inputs");
}
