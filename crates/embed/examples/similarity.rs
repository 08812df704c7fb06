//! Prints the embedding cosine of sentence pairs, or the throughput on a file.
//!
//!   cargo run --release -p parallax-embed --example similarity -- "A man is eating food." "A man is eating a piece of bread."
//!   cargo run --release -p parallax-embed --example similarity -- --speed sentences.txt
//!
//! The model is found as `parallax compare --align embed` finds it
//! (`PARALLAX_MODEL_DIR=models/static-MiniLM-L6-v2` picks the static model).

use std::time::Instant;

use parallax_embed::{ModelKind, SentenceModel, cosine};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let m = match SentenceModel::locate(None, ModelKind::MiniLm) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if args.first().is_some_and(|a| a == "--speed") {
        let Some(path) = args.get(1) else {
            eprintln!("--speed FILE: one sentence a line");
            std::process::exit(2);
        };
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        });
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let t = Instant::now();
        let v = m.embed(&lines).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
        let s = t.elapsed().as_secs_f64();
        println!(
            "{} sentences in {s:.2} s: {:.1} sentences/s ({} dims)",
            v.len(),
            v.len() as f64 / s,
            m.dim()
        );
        return;
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let v = m.embed(&refs).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    for i in 0..refs.len() {
        for j in i + 1..refs.len() {
            println!("{:.4}\t{}\t{}", cosine(&v[i], &v[j]), refs[i], refs[j]);
        }
    }
}
