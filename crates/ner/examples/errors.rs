//! Print the errors of the embedded model (or `--model FILE`) on PUD news:
//! missed gold entities and spurious predictions, with the sentence.
//! `cargo run --release -p parallax-ner --example errors -- [--model FILE] [--subset wiki]`
use parallax_ner::Tagger;
use parallax_ner::eval::{self, Subset, spans_from_tags};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model = args
        .iter()
        .position(|a| a == "--model")
        .map(|i| std::fs::read(&args[i + 1]).expect("model"));
    let subset = if args.iter().any(|a| a == "wiki") {
        Subset::Wiki
    } else {
        Subset::News
    };
    let owned = model.map(|b| Tagger::from_bytes(&b).expect("valid model"));
    let tagger = owned.as_ref().unwrap_or_else(|| Tagger::embedded());
    let data = eval::shared_data_dir().expect("shared data");
    let pud = eval::read_iob2(&eval::pud_path(&data)).expect("PUD");
    for s in pud.iter().filter(|s| subset.keeps(s)) {
        let w: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let gold = spans_from_tags(&s.tags);
        let pred: Vec<_> = tagger
            .tag_tokens(&w)
            .iter()
            .map(|&(a, b, k, _)| (a, b, k))
            .collect();
        let show = |x: &(usize, usize, parallax_ner::EntityKind)| {
            format!("{}:{}", x.2.label(), w[x.0..x.1].join(" "))
        };
        let missed: Vec<String> = gold
            .iter()
            .filter(|g| !pred.contains(g))
            .map(show)
            .collect();
        let spurious: Vec<String> = pred
            .iter()
            .filter(|p| !gold.contains(p))
            .map(show)
            .collect();
        if !missed.is_empty() || !spurious.is_empty() {
            println!(
                "{}: {}\n   missed: {:?}\n   wrong:  {:?}",
                s.id, s.text, missed, spurious
            );
        }
    }
}
