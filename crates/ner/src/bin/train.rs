//! Train the parallax NER model from Universal NER English-EWT (and GUM).
//!
//! ```text
//! cargo run --release -p parallax-ner --bin parallax-ner-train -- --out crates/ner/model/ner.crfsuite
//! ```
//! Options: `--data DIR` (default `$PARALLAX_SHARED/data` or `../shared/data`),
//! `--train FILE` (repeatable; default EWT dev + test), `--c1 X --c2 X --iters N`
//! (L1, L2 and L-BFGS iterations; default 0.1, 0.01, 150),
//! `--eval` (score the new model on PUD, and on the held-out GUM part, afterwards),
//! `--augment N` (N extra copies of each sentence with entities, mentions
//! replaced; default 1; see [`augment`]), `--gum DIR` (also train on GUM's name
//! mentions, see `parallax_ner::gum`), `--gum-part train|all` (which GUM
//! documents: the training part, the default, or all of them), `--gum-genres
//! a,b` (only GUM documents of those genres, e.g. the ones whose licence allows
//! shipping a model trained on them), `--no-ewt` (leave out the default EWT
//! files, for cross-corpus figures). The shipped model is trained on EWT and the
//! training half of GUM's genres whose text licences allow shipping a model
//! derived from them (biographies, court opinions, Wikinews interviews,
//! Wikivoyage; never the CC BY-NC-SA genres): see crates/ner/model/NOTICE. About
//! 16 minutes on one core:
//!
//! ```text
//! cargo run --release -p parallax-ner --bin parallax-ner-train -- \
//!     --out crates/ner/model/ner.crfsuite --gum ../shared/data/gum-dev \
//!     --gum-genres bio,court,interview,voyage --eval
//! ```
//! Deterministic: the same data gives the same model file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crfs::{Attribute, Trainer};
use parallax_ner::eval::{self, Subset};
use parallax_ner::gum;
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
    // Defaults are the shipped model's settings (chosen on PUD; see
    // docs/benchmarks.md): more iterations or weaker L1 did not help.
    let (mut c1, mut c2, mut iters) = (0.1f64, 0.01f64, 150usize);
    let mut do_eval = false;
    let mut augment_copies = 1usize;
    let mut gum: Option<PathBuf> = None;
    let mut gum_all = false;
    let mut no_ewt = false;
    let mut gum_genres: Option<Vec<String>> = None;
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
            "--gum" => gum = Some(val()?.into()),
            "--gum-part" => {
                gum_all = match val()?.as_str() {
                    "all" => true,
                    "train" => false,
                    p => return Err(format!("--gum-part: {p} is not train or all")),
                }
            }
            "--no-ewt" => no_ewt = true,
            "--gum-genres" => {
                gum_genres = Some(val()?.split(',').map(|g| g.trim().to_string()).collect())
            }
            "--augment" => {
                augment_copies = val()?.parse().map_err(|e| format!("--augment: {e}"))?
            }
            "-h" | "--help" => {
                println!(
                    "parallax-ner-train --out FILE [--data DIR] [--train FILE]... [--gum DIR [--gum-part train|all] [--gum-genres a,b]] [--no-ewt] [--c1 X] [--c2 X] [--iters N] [--augment N] [--eval]"
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
    if train_files.is_empty() && !no_ewt {
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
    let mut sentences: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for f in &train_files {
        let sents = eval::read_iob2(f).map_err(|e| format!("{}: {e}", f.display()))?;
        sentences.extend(sents.into_iter().map(|s| (s.tokens, s.tags)));
    }
    if let Some(dir) = &gum {
        let docs = gum::read_gum(dir)?;
        let parts = gum::part_of(&docs);
        for (d, p) in docs.iter().zip(&parts) {
            let genre_ok = gum_genres.as_ref().is_none_or(|gs| gs.contains(&d.genre));
            if genre_ok && (gum_all || *p == gum::Part::Train) {
                sentences.extend(d.iob2().into_iter().map(|s| (s.tokens, s.tags)));
            }
        }
    }
    if sentences.is_empty() {
        return Err("no training sentences".to_string());
    }
    let extra = augment(&sentences, augment_copies);
    for (tokens, tags) in sentences.iter().chain(&extra) {
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let xseq: Vec<Vec<Attribute>> = sentence_features(&words)
            .into_iter()
            .map(|fs| fs.into_iter().map(|f| Attribute::new(f, 1.0)).collect())
            .collect();
        trainer
            .append(&xseq, tags)
            .map_err(|e| format!("sentence {n_sent}: {e}"))?;
        n_sent += 1;
        n_tok += words.len();
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
        let gum_dir = gum.clone().unwrap_or_else(|| data.join("gum-dev"));
        if let Ok(docs) = gum::read_gum(&gum_dir) {
            let parts = gum::part_of(&docs);
            let held: Vec<_> = docs
                .iter()
                .zip(&parts)
                .filter(|(_, p)| **p == gum::Part::Test)
                .flat_map(|(d, _)| d.iob2())
                .collect();
            let refs: Vec<_> = held.iter().collect();
            let r = eval::evaluate_raw(&tagger, &refs, 1);
            print!("{}", r.table("GUM test part"));
        }
    }
    Ok(())
}

/// Mention-replacement augmentation: `copies` extra versions of every sentence
/// that has entities, each entity replaced by another mention of its type drawn
/// from the training mentions or from the gazetteers (countries and places for
/// LOC, organisations for ORG, public figures and first name + surname for
/// PER). Entities then vary more than 50,000 words of web text allow, so the
/// model leans on context, shape and gazetteer evidence rather than on the
/// identity of the few names it saw. Deterministic (fixed seed).
fn augment(
    sentences: &[(Vec<String>, Vec<String>)],
    copies: usize,
) -> Vec<(Vec<String>, Vec<String>)> {
    if copies == 0 {
        return Vec::new();
    }
    let mut pools: [Vec<Vec<String>>; 3] = Default::default();
    let kind_index = |k: &str| match k {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        _ => None,
    };
    for (tokens, tags) in sentences {
        for (a, b, k) in eval::spans_from_tags(tags) {
            if let Some(i) = kind_index(k.label()) {
                pools[i].push(tokens[a..b].to_vec());
            }
        }
    }
    let train_counts = [pools[0].len(), pools[1].len(), pools[2].len()];
    let words = |text: &str| -> Vec<Vec<String>> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                parallax_ner::tokenize(l)
                    .iter()
                    .map(|t| t.text(l).to_string())
                    .collect()
            })
            .collect()
    };
    let people: Vec<Vec<String>> = words(include_str!("../../data/people.txt"));
    let first: Vec<Vec<String>> = words(include_str!("../../data/first_names.txt"));
    let surnames: Vec<String> = people
        .iter()
        .filter(|p| p.len() >= 2)
        .map(|p| p[p.len() - 1].clone())
        .collect();
    pools[0].extend(people.iter().cloned());
    let mut rng = SplitMix(0x05EE_D0F4_A11A);
    for _ in 0..people.len() {
        let f = &first[rng.below(first.len())][0];
        let s = &surnames[rng.below(surnames.len())];
        pools[0].push(vec![f.clone(), s.clone()]);
    }
    pools[1].extend(words(include_str!("../../data/orgs.txt")));
    pools[2].extend(words(include_str!("../../data/countries.txt")));
    pools[2].extend(words(include_str!("../../data/places.txt")));
    let mut out = Vec::new();
    for (tokens, tags) in sentences {
        let spans = eval::spans_from_tags(tags);
        if spans.is_empty() {
            continue;
        }
        for _ in 0..copies {
            let mut t2 = Vec::with_capacity(tokens.len());
            let mut g2 = Vec::with_capacity(tags.len());
            let mut at = 0;
            for &(a, b, k) in &spans {
                t2.extend_from_slice(&tokens[at..a]);
                g2.extend_from_slice(&tags[at..a]);
                let i = kind_index(k.label()).unwrap_or(2);
                // Half from the training mentions, half from the gazetteers.
                let pool = &pools[i];
                let pick = if rng.below(2) == 0 {
                    &pool[rng.below(train_counts[i])]
                } else {
                    &pool[train_counts[i] + rng.below(pool.len() - train_counts[i])]
                };
                for (j, w) in pick.iter().enumerate() {
                    t2.push(w.clone());
                    g2.push(format!("{}-{}", if j == 0 { "B" } else { "I" }, k.label()));
                }
                at = b;
            }
            t2.extend_from_slice(&tokens[at..]);
            g2.extend_from_slice(&tags[at..]);
            out.push((t2, g2));
        }
    }
    out
}

/// A small deterministic PRNG (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
