//! The hand-judged speaker and label gold on the real BASIL dev articles
//! (../shared/data/basil, or $PARALLAX_SHARED/data/basil): most judged items must
//! still be found in the current analysis, and precision and coverage must stay
//! above the floors CI also checks; BASIL's lexical-bias spans are placed in the
//! clean text and the loaded terms' recall over them stays above its floor. Without the data the test is skipped with a
//! message, except under CI (the `CI` variable set), where it fails.

use std::path::{Path, PathBuf};

use parallax_analyze::Analyzer;
use parallax_eval::{basil, labels, loaded, speakers};

/// Just under the figures measured at the gold's commit (docs/benchmarks.md).
const SPEAKER_PRECISION_FLOOR: f64 = 0.93;
const SPEAKER_COVERAGE_FLOOR: f64 = 0.89;
const LABEL_PRECISION_FLOOR: f64 = 0.84;
const LOADED_RECALL_FLOOR: f64 = 0.015;

fn basil_dir() -> Option<PathBuf> {
    let data = parallax_eval::shared_data(Path::new(env!("CARGO_MANIFEST_DIR")));
    match data.map(|d| d.join("basil")) {
        Some(d) if d.join("articles").is_dir() => Some(d),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but the BASIL data is missing: expected ../shared/data/basil beside the repository or $PARALLAX_SHARED/data/basil"
            );
            eprintln!(
                "SKIPPED basil_gold: BASIL data not found (../shared/data/basil or $PARALLAX_SHARED/data/basil)"
            );
            None
        }
    }
}

#[test]
fn speakers_and_labels_against_the_hand_judged_gold() {
    let Some(dir) = basil_dir() else {
        return;
    };
    let docs = basil::load(&dir, &Analyzer::new()).expect("BASIL articles");
    assert_eq!(docs.len(), 180, "the BASIL dev half has 180 articles");
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    assert!(sentences > 4000, "only {sentences} BASIL sentences located");

    let s = speakers::score(&docs, &speakers::parse_gold(speakers::GOLD).unwrap());
    eprint!("{}", s.report());
    assert_eq!(s.unknown_article, 0);
    assert!(
        s.found * 10 >= s.judged * 9,
        "only {} of {} judged quotes found: the gold needs a fresh sample ({:?})",
        s.found,
        s.judged,
        s.not_found
    );
    assert!(
        s.precision() >= SPEAKER_PRECISION_FLOOR,
        "speaker precision {:.3} < {SPEAKER_PRECISION_FLOOR}",
        s.precision()
    );
    assert!(
        s.coverage() >= SPEAKER_COVERAGE_FLOOR,
        "speaker coverage {:.3} < {SPEAKER_COVERAGE_FLOOR}",
        s.coverage()
    );

    let l = labels::score(&docs, &labels::parse_gold(labels::GOLD).unwrap());
    eprint!("{}", l.report());
    assert_eq!(l.unknown_article, 0);
    assert!(
        l.found * 10 >= l.judged * 9,
        "only {} of {} judged labels still produced: the gold needs a fresh sample ({:?})",
        l.found,
        l.judged,
        l.not_found
    );
    assert!(
        l.precision() >= LABEL_PRECISION_FLOOR,
        "label precision {:.3} < {LABEL_PRECISION_FLOOR}",
        l.precision()
    );

    // BASIL's own lexical-bias spans in the outlets' voice.
    let ann = loaded::read_annotations(&dir).expect("BASIL annotations");
    let b = loaded::score(&docs, &ann);
    eprint!("{}", b.report());
    assert_eq!(b.spans, 205, "bias: lex, quote: no spans of the dev half");
    assert!(b.placed >= 200, "only {} spans placed", b.placed);
    assert!(
        b.recall() >= LOADED_RECALL_FLOOR,
        "loaded-term recall {:.3} < {LOADED_RECALL_FLOOR}",
        b.recall()
    );
}
