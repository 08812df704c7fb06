//! The hand-judged speaker and label gold on the real BASIL dev articles
//! (../shared/data/basil, or $PARALLAX_SHARED/data/basil): most judged items must
//! still be found in the current analysis, and precision and coverage must stay
//! above the floors CI also checks; BASIL's lexical-bias spans are placed in the
//! clean text and the loaded terms' recall over them stays above its floor (the
//! floors of `.ci/floors.tsv`). Without the data the test is skipped with a message,
//! except with `PARALLAX_REQUIRE_DATA=1` (CI), where it fails.

use parallax_analyze::Analyzer;
use parallax_eval::floors::{data_for_test, floor};
use parallax_eval::{basil, labels, loaded, speakers};

/// The floors of `.ci/floors.tsv` for the same figures (`parallax eval speakers`,
/// `labels`, `loaded`).
fn basil_floor(eval: &str, option: &str) -> f64 {
    floor(eval, "../shared/data/basil", option).unwrap()
}

#[test]
fn speakers_and_labels_against_the_hand_judged_gold() {
    let Some(dir) = data_for_test("basil_gold", "basil", "articles") else {
        return;
    };
    let speaker_precision_floor = basil_floor("speakers", "--min-precision");
    let speaker_coverage_floor = basil_floor("speakers", "--min-coverage");
    let label_precision_floor = basil_floor("labels", "--min-precision");
    let loaded_recall_floor = basil_floor("loaded", "--min-recall");
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
        s.precision() >= speaker_precision_floor,
        "speaker precision {:.3} < {speaker_precision_floor}",
        s.precision()
    );
    assert!(
        s.coverage() >= speaker_coverage_floor,
        "speaker coverage {:.3} < {speaker_coverage_floor}",
        s.coverage()
    );

    let l = labels::score(&docs, &labels::parse_gold(labels::GOLD).unwrap());
    eprint!("{}", l.report());
    assert_eq!(l.unknown_article, 0);
    // Judged labels no longer produced: a wrong label gone is progress, a right one
    // lost is not; either way, when too few are left the gold needs a fresh sample.
    let judged_right = l.right + l.lost_right;
    assert!(
        l.lost_right * 20 <= judged_right.max(1),
        "{} labels judged right are no longer produced ({:?})",
        l.lost_right,
        l.not_found
    );
    assert!(
        l.found * 100 >= l.judged * 85,
        "only {} of {} judged labels still produced: the gold needs a fresh sample ({:?})",
        l.found,
        l.judged,
        l.not_found
    );
    assert!(
        l.precision() >= label_precision_floor,
        "label precision {:.3} < {label_precision_floor}",
        l.precision()
    );

    // BASIL's own lexical-bias spans in the outlets' voice.
    let ann = loaded::read_annotations(&dir).expect("BASIL annotations");
    let b = loaded::score(&docs, &ann);
    eprint!("{}", b.report());
    assert_eq!(b.spans, 205, "bias: lex, quote: no spans of the dev half");
    assert!(b.placed >= 200, "only {} spans placed", b.placed);
    assert!(
        b.recall() >= loaded_recall_floor,
        "loaded-term recall {:.3} < {loaded_recall_floor}",
        b.recall()
    );
}
