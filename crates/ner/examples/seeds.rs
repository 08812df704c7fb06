//! Print the entities the embedded model finds in text files (default: the
//! example articles in ../shared/examples/seeds); with `--uncovered`, print
//! instead the capitalised words (not sentence-initial) that no entity covers,
//! a quick way to spot misses.
//! `cargo run --release -p parallax-ner --example seeds -- [--uncovered] [FILE...]`
use parallax_ner::{Tagger, tokenize};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let uncovered = args.iter().any(|a| a == "--uncovered");
    let mut files: Vec<std::path::PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(Into::into)
        .collect();
    if files.is_empty() {
        let dir = parallax_ner::eval::shared_data_dir()
            .map(|d| d.join("../examples/seeds"))
            .expect("shared data");
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .expect("seeds")
            .flatten()
            .map(|e| e.path())
            .collect();
        v.sort();
        files = v;
    }
    let tagger = Tagger::embedded();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable file");
        println!("== {}", f.display());
        let ents = tagger.tag_document(&text);
        if uncovered {
            let toks = tokenize(&text);
            for (i, t) in toks.iter().enumerate() {
                let w = t.text(&text);
                let after_stop = i == 0
                    || matches!(toks[i - 1].text(&text), "." | "“" | "\"" | "?" | "!")
                    || text[toks[i - 1].end..t.start].contains('\n');
                if w.starts_with(char::is_uppercase)
                    && !after_stop
                    && !ents.iter().any(|e| e.start <= t.start && t.end <= e.end)
                {
                    print!("{w} ");
                }
            }
            println!();
            continue;
        }
        for e in ents {
            println!(
                "{:<4} {:.2} {}",
                e.kind.label(),
                e.confidence,
                &text[e.start..e.end]
            );
        }
    }
}
