//! Print the entities the embedded model finds in text files (default: the
//! example articles in ../shared/examples/seeds).
//! `cargo run --release -p parallax-ner --example seeds -- [FILE...]`
use parallax_ner::Tagger;

fn main() {
    let mut files: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
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
        for e in tagger.tag_document(&text) {
            println!(
                "{:<4} {:.2} {}",
                e.kind.label(),
                e.confidence,
                &text[e.start..e.end]
            );
        }
    }
}
