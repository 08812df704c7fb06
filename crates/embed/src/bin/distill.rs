//! Distils the static sentence-embedding model from all-MiniLM-L6-v2 (see
//! `parallax_embed::distill`). `scripts/install-model` runs it once:
//!
//!   cargo run --release -p parallax-embed --bin distill -- --out models/static-MiniLM-L6-v2
//!
//! Options: `--from DIR` (the MiniLM directory; found as parallax finds it when
//! not given), `--pca N|none`, `--sif A|none`, `--pooling mean|token`.

use std::path::PathBuf;

use parallax_embed::distill::{DistillOptions, Pooling, distill};
use parallax_embed::{Embedder, find_model_dir};

fn usage(msg: &str) -> ! {
    eprintln!(
        "distill: {msg}\nusage: distill --out DIR [--from DIR] [--pca N|none] [--sif A|none] [--pooling mean|token]"
    );
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut from: Option<PathBuf> = None;
    let mut opts = DistillOptions::default();
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(value())),
            "--from" => from = Some(PathBuf::from(value())),
            "--pca" => {
                let v = value();
                opts.pca_dims = match v.as_str() {
                    "none" => None,
                    n => Some(n.parse().unwrap_or_else(|_| usage(&format!("--pca {n}")))),
                }
            }
            "--sif" => {
                let v = value();
                opts.sif_coefficient = match v.as_str() {
                    "none" => None,
                    n => Some(n.parse().unwrap_or_else(|_| usage(&format!("--sif {n}")))),
                }
            }
            "--pooling" => {
                opts.pooling = match value().as_str() {
                    "mean" => Pooling::Mean,
                    "token" => Pooling::Token,
                    p => usage(&format!("--pooling {p}")),
                }
            }
            "-h" | "--help" => usage("distils the static model"),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let Some(out) = out else {
        usage("--out DIR is required")
    };
    let model = match find_model_dir(from.as_deref()).and_then(|d| Embedder::load(&d)) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("distill: {e}");
            std::process::exit(2);
        }
    };
    eprintln!(
        "distill: running every token of {} through the transformer",
        model.dir().display()
    );
    let mut last = 0;
    let report = distill(&model, &out, &opts, &mut |done, all| {
        if done == all || done - last >= 5000 {
            eprintln!("distill: {done}/{all} tokens");
            last = done;
        }
    });
    match report {
        Ok(r) => eprintln!(
            "distill: {} tokens ({} in the vocabulary) → {} dims in {:.1} s ({:.1} s in the transformer), written to {}",
            r.tokens,
            r.vocab,
            r.dim,
            r.total_seconds,
            r.transformer_seconds,
            out.display()
        ),
        Err(e) => {
            eprintln!("distill: {e}");
            std::process::exit(1);
        }
    }
}
