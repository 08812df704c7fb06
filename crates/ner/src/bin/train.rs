//! Train the parallax NER model from Universal NER English-EWT.
//!
//! ```text
//! cargo run --release -p parallax-ner --bin parallax-ner-train -- --out crates/ner/model/ner.crfsuite
//! ```
//! Options: `--data DIR` (default `$PARALLAX_SHARED/data` or `../shared/data`),
//! `--train FILE` (repeatable; default EWT dev + test), `--c1 X --c2 X --iters N`,
//! `--eval` (score the new model on PUD afterwards).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crfs::{Attribute, Trainer};
use parallax_ner::eval::{self, Subset};
use parallax_ner::{Tagger, sentence_features};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax-ner-train: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut out: Option<PathBuf> = None;
    let mut data: Option<PathBuf> = None;
    let mut train_files: Vec<PathBuf> = Vec::new();
    let (mut c1, mut c2, mut iters) = (0.05f64, 0.01f64, 300usize);
    let mut do_eval = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--out" => out = Some(val()?.into()),
            "--data" => data = Some(val()?.into()),
            "--train" => train_files.push(val()?.into()),
            "--c1" => c1 = val()?.parse().map_err(|e| format!("--c1: {e}"))?,
            "--c2" => c2 = val()?.parse().map_err(|e| format!("--c2: {e}"))?,
            "--iters" => iters = val()?.parse().map_err(|e| format!("--iters: {e}"))?,
            "--eval" => do_eval = true,
            "-h" | "--help" => {
                println!(
                    "parallax-ner-train --out FILE [--data DIR] [--train FILE]... [--c1 X] [--c2 X] [--iters N] [--eval]"
                );
                return Ok(());
            }
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let out = out.ok_or("--out FILE is required")?;
    let data = match data {
        Some(d) => d,
        None => eval::shared_data_dir().ok_or(
            "shared data not found: set PARALLAX_SHARED or put shared/ next to the repository",
        )?,
    };
    if train_files.is_empty() {
        train_files = eval::ewt_paths(&data).to_vec();
    }
    let mut trainer = Trainer::lbfgs()
        .with_c1(c1)
        .and_then(|t| t.with_c2(c2))
        .and_then(|t| t.with_max_iterations(iters))
        .map_err(|e| e.to_string())?;
    let t0 = Instant::now();
    let mut n_sent = 0;
    let mut n_tok = 0;
    for f in &train_files {
        let sents = eval::read_iob2(f).map_err(|e| format!("{}: {e}", f.display()))?;
        for s in &sents {
            let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let xseq: Vec<Vec<Attribute>> = sentence_features(&words)
                .into_iter()
                .map(|fs| fs.into_iter().map(|f| Attribute::new(f, 1.0)).collect())
                .collect();
            trainer
                .append(&xseq, &s.tags)
                .map_err(|e| format!("{}: {}: {e}", f.display(), s.id))?;
            n_sent += 1;
            n_tok += words.len();
        }
    }
    eprintln!(
        "training on {n_sent} sentences, {n_tok} tokens (c1={c1}, c2={c2}, max {iters} iterations)"
    );
    if let Some(dir) = out.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
    }
    trainer.train(&out).map_err(|e| format!("training: {e}"))?;
    let bytes = std::fs::read(&out).map_err(|e| e.to_string())?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1} s",
        out.display(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    if do_eval {
        let tagger = Tagger::from_bytes(&bytes).map_err(|e| e.to_string())?;
        let pud = eval::read_iob2(&eval::pud_path(&data)).map_err(|e| e.to_string())?;
        for subset in [Subset::News, Subset::Wiki, Subset::All] {
            let part: Vec<_> = pud.iter().filter(|s| subset.keeps(s)).collect();
            let r = eval::evaluate(&tagger, &part, 1);
            print!("{}", r.table(&format!("PUD {}", subset.name())));
        }
    }
    Ok(())
}
