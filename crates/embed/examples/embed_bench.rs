//! Speed and MSRP accuracy of the sentence encoders, in one run on the same
//! sentences (`bench/embed-speed.sh` runs it on one core and on two).
//!
//!   cargo run --release -p parallax-embed --example embed_bench -- --msrp DIR
//!       [--minilm DIR | --no-minilm] [--static DIR]... [--speed-only N] [--rounds R]
//!
//! The sentences are the distinct sentences of MSRP's train and dev files (about
//! 8,000 news sentences). Each encoder embeds all of them once (timed: that is its
//! sentences/s), and the cosine of each pair is scored as `parallax_embed::msrp`
//! says. `--speed-only N` times the first N sentences and skips the accuracy;
//! `--rounds R` repeats a static model's timing R times and keeps the fastest.

use std::path::PathBuf;
use std::time::Instant;

use parallax_embed::msrp::{self, Decision, Pair, Report};
use parallax_embed::{
    EmbedError, Embedder, SentenceModel, StaticEmbedder, find_model_dir, find_static_dir,
};

fn fail(msg: &str) -> ! {
    eprintln!("embed_bench: {msg}");
    std::process::exit(2)
}

/// The model directory's name, as the tables show it.
fn name(m: &SentenceModel) -> String {
    m.dir()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut msrp_dir: Option<PathBuf> = None;
    let mut minilm: Option<PathBuf> = None;
    let mut no_minilm = false;
    let mut statics: Vec<PathBuf> = Vec::new();
    let mut speed_only: Option<usize> = None;
    let mut rounds = 3usize;
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--msrp" => msrp_dir = Some(PathBuf::from(value())),
            "--minilm" => minilm = Some(PathBuf::from(value())),
            "--no-minilm" => no_minilm = true,
            "--static" => statics.push(PathBuf::from(value())),
            "--speed-only" => {
                speed_only = Some(value().parse().unwrap_or_else(|_| fail("--speed-only N")))
            }
            "--rounds" => rounds = value().parse().unwrap_or_else(|_| fail("--rounds R")),
            other => fail(&format!("unknown argument {other}")),
        }
    }
    let Some(msrp_dir) = msrp_dir else {
        fail(
            "--msrp DIR (the folder of msr_paraphrase_train.txt and msr_paraphrase_dev.txt) is required",
        )
    };
    let (train, dev) = msrp::read_dir(&msrp_dir).unwrap_or_else(|e| fail(&e.to_string()));
    let mut models = Vec::new();
    if !no_minilm {
        let m = find_model_dir(minilm.as_deref())
            .and_then(|d| Embedder::load(&d))
            .unwrap_or_else(|e| fail(&e.to_string()));
        models.push(SentenceModel::MiniLm(m));
    }
    if statics.is_empty() {
        statics.push(find_static_dir(None).unwrap_or_else(|e| fail(&e.to_string())));
    }
    for d in &statics {
        let m = StaticEmbedder::load(d).unwrap_or_else(|e| fail(&e.to_string()));
        models.push(SentenceModel::Static(m));
    }
    let all: Vec<Pair> = train.iter().chain(&dev).cloned().collect();
    let mut sentences: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in &all {
        for s in [p.a.as_str(), p.b.as_str()] {
            if seen.insert(s) {
                sentences.push(s);
            }
        }
    }
    let words: usize = sentences.iter().map(|s| s.split_whitespace().count()).sum();
    let threads = std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into());
    println!(
        "MSRP: {} pairs ({} train, {} dev), {} distinct sentences, {:.1} words each; threads: {threads}",
        all.len(),
        train.len(),
        dev.len(),
        sentences.len(),
        words as f64 / sentences.len() as f64
    );
    let sample = match speed_only {
        Some(n) => &sentences[..n.min(sentences.len())],
        None => &sentences[..],
    };
    println!(
        "\n{:<28} {:>5} {:>10} {:>10} {:>12}",
        "encoder", "dims", "sentences", "seconds", "sentences/s"
    );
    let mut reports: Vec<(String, Report, Vec<f32>)> = Vec::new();
    let labels: Vec<bool> = all.iter().map(|p| p.same).collect();
    for m in &models {
        // MiniLM is timed once (minutes); a static model, fastest of `rounds`.
        let reps = if matches!(m, SentenceModel::MiniLm(_)) {
            1
        } else {
            rounds.max(1)
        };
        let mut best = f64::MAX;
        let mut vectors = Vec::new();
        for _ in 0..reps {
            let t = Instant::now();
            vectors = m.embed(sample).unwrap_or_else(|e| fail(&e.to_string()));
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{:<28} {:>5} {:>10} {:>10.2} {:>12.1}",
            name(m),
            m.dim(),
            sample.len(),
            best,
            sample.len() as f64 / best
        );
        if speed_only.is_none() {
            let index: std::collections::HashMap<&str, usize> =
                sample.iter().enumerate().map(|(i, s)| (*s, i)).collect();
            // The vectors just timed, in the order `cosines` asks for.
            let scores = msrp::cosines(&all, |s: &[&str]| {
                Ok::<_, EmbedError>(s.iter().map(|x| vectors[index[x]].clone()).collect())
            })
            .unwrap_or_else(|e| fail(&e.to_string()));
            let r = msrp::report(&scores, &labels, train.len());
            reports.push((name(m), r, scores));
        }
    }
    if reports.is_empty() {
        return;
    }
    println!(
        "\nMSRP, \"same\" when cosine >= threshold (threshold chosen for accuracy on the first part, scored on the second)"
    );
    println!(
        "{:<28} {:>8} {:<14} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "encoder", "ROC-AUC", "split", "thr", "acc", "P", "R", "F1"
    );
    let row = |name: &str, auc: &str, split: &str, d: &Decision| {
        println!(
            "{:<28} {:>8} {:<14} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
            name, auc, split, d.threshold, d.accuracy, d.precision, d.recall, d.f1
        )
    };
    for (name, r, _) in &reports {
        row(name, &format!("{:.3}", r.auc), "train→dev", &r.train_to_dev);
        row("", "", "even→odd", &r.even_to_odd);
        row("", "", "odd→even", &r.odd_to_even);
        println!(
            "{:<28} {:>8} {:<14} {:>6} {:>6.3} {:>6} {:>6} {:>6.3}",
            "",
            "",
            "cross mean",
            "",
            r.cross_accuracy(),
            "",
            "",
            r.cross_f1()
        );
    }
    if let Some((_, r, _)) = reports.first() {
        println!(
            "(always \"same\": accuracy {:.3} on all pairs)",
            r.same_rate
        );
    }
    // The cosine scales differ from model to model: the thresholds that call the
    // same share of MSRP's "not same" pairs "same" (the pairs MSRP holds are on
    // one story, so these are the near misses an alignment threshold must reject).
    println!(
        "\nThresholds at an equal share of MSRP \"not same\" pairs scoring at or above them (and the share of \"same\" pairs that do)"
    );
    print!("{:<28}", "share of \"not same\"");
    let shares = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
    for f in shares {
        print!(" {:>13}", format!("{:.0}%", f * 100.0));
    }
    println!();
    for (name, _, scores) in &reports {
        let mut neg: Vec<f32> = scores
            .iter()
            .zip(&labels)
            .filter(|(_, y)| !**y)
            .map(|(s, _)| *s)
            .collect();
        neg.sort_by(|a, b| b.total_cmp(a));
        let pos: Vec<f32> = scores
            .iter()
            .zip(&labels)
            .filter(|(_, y)| **y)
            .map(|(s, _)| *s)
            .collect();
        print!("{name:<28}");
        for f in shares {
            let t = neg[((neg.len() as f64 * f) as usize).min(neg.len() - 1)];
            let recall = pos.iter().filter(|&&s| s >= t).count() as f64 / pos.len() as f64;
            print!(" {:>13}", format!("{t:.3} (R {recall:.2})"));
        }
        println!();
    }
}
