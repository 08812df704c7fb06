//! Accuracy floors checked by `cargo test` on the shared dev data, each read from
//! `.ci/floors.tsv`: main-text extraction on trafilatura-eval-en (the same floor as
//! `parallax eval extract` in `.ci/run`) and the `parallax-ner` tagger alone on the
//! news half of UNER English-PUD (a `test` line). Without the data a test is skipped
//! with a message, except with `PARALLAX_REQUIRE_DATA=1` (CI), where it fails.

use parallax_eval::floors::{data_for_test, floor};
use parallax_extract::eval as extract_eval;
use parallax_ner::Tagger;
use parallax_ner::eval::{self as ner_eval, Subset};

#[test]
fn trafilatura_eval_f1_floor() {
    let Some(dir) = data_for_test(
        "trafilatura_eval_f1_floor",
        "trafilatura-eval-en",
        "gold.json",
    ) else {
        return;
    };
    let f1_floor = floor("extract", "../shared/data/trafilatura-eval-en", "--min-f1").unwrap();
    assert!(
        extract_eval::eval_readability(&dir).is_err(),
        "set detection"
    );
    let r = extract_eval::eval_trafilatura(&dir).unwrap();
    assert_eq!(r.pages, 165);
    assert!(
        r.f1 >= f1_floor,
        "F1 {:.4} (P {:.4} R {:.4}) fell below {f1_floor}",
        r.f1,
        r.precision,
        r.recall
    );
}

#[test]
fn pud_news_f1_floor() {
    let Some(dir) = data_for_test(
        "pud_news_f1_floor",
        "uner-english-pud",
        "en_pud-ud-test.iob2",
    ) else {
        return;
    };
    let f1_floor = floor("test", "ner_pud_news", "--min-f1").unwrap();
    let path = ner_eval::pud_path(dir.parent().unwrap());
    let pud = ner_eval::read_iob2(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let news: Vec<_> = pud.iter().filter(|s| Subset::News.keeps(s)).collect();
    assert_eq!(news.len(), 500, "PUD news should have 500 sentences");
    let report = ner_eval::evaluate(Tagger::embedded(), &news, 1);
    eprint!("{}", report.table("PUD news"));
    let f1 = report.micro().f1();
    assert!(
        f1 >= f1_floor,
        "PUD news micro F1 {f1:.4} < floor {f1_floor}"
    );
}
