//! Accuracy floor on the news half of UNER English-PUD (the dev evaluation set,
//! read from ../shared/data). Skipped, with a message, when the data is absent.

use parallax_ner::Tagger;
use parallax_ner::eval::{self, Subset};

/// Just under the last measured micro F1 (see docs/benchmarks.md).
const NEWS_F1_FLOOR: f64 = 0.67;

#[test]
fn pud_news_f1_floor() {
    let Some(data) = eval::shared_data_dir() else {
        eprintln!(
            "SKIPPED pud_news_f1_floor: shared data not found (../shared/data or $PARALLAX_SHARED/data)"
        );
        return;
    };
    let path = eval::pud_path(&data);
    let Ok(pud) = eval::read_iob2(&path) else {
        eprintln!("SKIPPED pud_news_f1_floor: cannot read {}", path.display());
        return;
    };
    let news: Vec<_> = pud.iter().filter(|s| Subset::News.keeps(s)).collect();
    assert_eq!(news.len(), 500, "PUD news should have 500 sentences");
    let report = eval::evaluate(Tagger::embedded(), &news, 1);
    eprint!("{}", report.table("PUD news"));
    let f1 = report.micro().f1();
    assert!(
        f1 >= NEWS_F1_FLOOR,
        "PUD news micro F1 {f1:.4} < floor {NEWS_F1_FLOOR}"
    );
}
