//! `parallax eval align`: cross-outlet facts against the hand-made gold
//! (docs/fact-gold.md): the BASIL triplets of `crates/eval/data/basil-facts`, or
//! the example articles with their snippet gold; `--fit` refits the same-fact
//! model on the BASIL gold.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use parallax_compare::{AlignOptions, CompareOptions};
use parallax_eval::facts::{self, FactEval};

use crate::cli::{ColorChoice, EvalAlignArgs, EvalAlignMethod, InputArgs};
use crate::encoder::Encoder;
use crate::run::{code, floor, print_json};

fn share(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// A precision for a floor: with nothing claimed there is nothing wrong, so a
/// precision floor holds (the recall floors catch a method that claims nothing).
fn precision(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// The encoder the run scores with, or a usage error.
fn encoder(e: &EvalAlignArgs) -> Result<Option<Encoder>, ExitCode> {
    match e.method {
        EvalAlignMethod::Lexical => Ok(None),
        EvalAlignMethod::Embed => match Encoder::locate(&e.model) {
            Ok(enc) => Ok(Some(enc)),
            Err(x) => {
                eprintln!("parallax: --method embed: {x}");
                Err(ExitCode::from(2))
            }
        },
        EvalAlignMethod::All => match Encoder::locate(&e.model) {
            Ok(enc) => Ok(Some(enc)),
            Err(x) => {
                eprintln!("parallax: embed method not scored: {x}");
                Ok(None)
            }
        },
    }
}

/// The alignment options of the run: the defaults, or the thresholds given.
fn align_options(e: &EvalAlignArgs) -> AlignOptions {
    let mut a = AlignOptions::default();
    if let Some(t) = e.link_threshold {
        a.link = t;
    }
    if let Some(t) = e.omission_threshold {
        a.omission = t;
    }
    a
}

pub fn run(e: EvalAlignArgs) -> Result<ExitCode, String> {
    let enc = match encoder(&e) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    if e.dir.join("msr_paraphrase_train.txt").is_file() {
        return msrp(&e, enc.as_ref());
    }
    let basil = e.dir.join("articles").is_dir();
    let mut results: Vec<(String, FactEval)> = Vec::new();
    if basil {
        let gold_dir = e
            .gold
            .clone()
            .unwrap_or_else(|| PathBuf::from("crates/eval/data/basil-facts"));
        let gold = facts::load_gold(&gold_dir)?;
        let docs = parallax_eval::basil::load(&e.dir, &parallax_analyze::Analyzer::new())?;
        let opts = CompareOptions {
            align: align_options(&e),
            ..CompareOptions::default()
        };
        if e.method != EvalAlignMethod::Embed {
            let r = facts::evaluate(&gold, &docs, &|a| Ok(parallax_compare::compare(a, opts)))?;
            results.push(("lexical".into(), r));
        }
        if let Some(enc) = &enc {
            let r = facts::evaluate(&gold, &docs, &|a| {
                parallax_compare::compare_with(a, opts, Some(enc))
            })?;
            results.push(("embed".into(), r));
        }
        if let Some(out) = &e.fit {
            fit(&gold, &docs, enc.as_ref(), e.method, out, align_options(&e))?;
        }
    } else {
        if e.fit.is_some() {
            return Err("--fit needs the BASIL data (../shared/data/basil)".into());
        }
        let gold_path = e
            .gold
            .clone()
            .unwrap_or_else(|| PathBuf::from("examples/seeds-facts.gold.tsv"));
        let text = std::fs::read_to_string(&gold_path)
            .map_err(|x| format!("{}: {x}", gold_path.display()))?;
        let gold = parallax_eval::align::Gold::parse(&text)
            .map_err(|x| format!("{}: {x}", gold_path.display()))?;
        let (articles, failed) = crate::run::load(&input(&e.dir, e.outlets.clone()))?;
        if failed > 0 {
            return Err(format!(
                "{}: {} could not be read",
                e.dir.display(),
                parallax_report::story::count(failed, "input", "inputs")
            ));
        }
        let opts = CompareOptions {
            align: align_options(&e),
            ..CompareOptions::default()
        };
        if e.method != EvalAlignMethod::Embed {
            let c = parallax_compare::compare(&articles, opts);
            results.push(("lexical".into(), parallax_eval::align::score(&c, &gold)?));
        }
        if let Some(enc) = &enc {
            let c = parallax_compare::compare_with(&articles, opts, Some(enc))?;
            results.push(("embed".into(), parallax_eval::align::score(&c, &gold)?));
        }
    }
    if e.json {
        let v: Vec<serde_json::Value> = results
            .iter()
            .map(|(m, r)| serde_json::json!({ "method": m, "result": r }))
            .collect();
        print_json(&v)?;
    } else {
        for (m, r) in &results {
            out!("{}", r.report(m, e.examples));
        }
    }
    let mut ok = true;
    for (m, r) in &results {
        ok &= floor(
            &format!("{m} link precision"),
            precision(r.links.tp_pred, r.links.predicted),
            e.min_link_precision,
        );
        ok &= floor(
            &format!("{m} fact recall"),
            share(r.links.tp_gold, r.links.gold),
            e.min_fact_recall,
        );
        ok &= floor(
            &format!("{m} omission precision"),
            precision(r.omissions.tp_pred, r.omissions.predicted),
            e.min_omission_precision,
        );
        ok &= floor(
            &format!("{m} conflict precision"),
            precision(r.conflicts.tp_pred, r.conflicts.predicted),
            e.min_conflict_precision,
        );
    }
    Ok(code(ok))
}

/// Leave-one-triplet-out figures, then the model fitted on every triplet,
/// written to `out` (both methods when an encoder is given).
fn fit(
    gold: &[facts::TripletGold],
    docs: &[parallax_eval::basil::BasilDoc],
    enc: Option<&Encoder>,
    method: EvalAlignMethod,
    out: &Path,
    opts: AlignOptions,
) -> Result<(), String> {
    let mut tsv = String::from(
        "# Weights of the same-fact model (src/align/score.rs): model <TAB> feature <TAB> weight.\n# Fitted by `parallax eval align ../shared/data/basil --fit FILE` on the hand-made\n# fact gold (crates/eval/data/basil-facts, docs/fact-gold.md): logistic regression,\n# ridge 1.0, every candidate pair of the 22 triplets.\n",
    );
    let mut runs: Vec<(String, Option<&dyn parallax_compare::SentenceEncoder>)> = Vec::new();
    if method != EvalAlignMethod::Embed {
        runs.push(("lexical".into(), None));
    }
    if let Some(enc) = enc {
        runs.push((parallax_compare::SentenceEncoder::model(enc), Some(enc)));
    }
    for (name, encoder) in runs {
        let prepared = facts::prepare(gold, docs, encoder)?;
        if let Ok(dump) = std::env::var("PARALLAX_DUMP_PAIRS") {
            // every labelled candidate pair, for looking at the data
            let mut t = format!(
                "triplet\tlabel\t{}\ta\tb\n",
                parallax_compare::align::FEATURES.join("\t")
            );
            for p in &prepared {
                for (f, y, a, b) in p.labelled_pairs_with_text(opts) {
                    let v: Vec<String> = f.0.iter().map(|x| format!("{x:.4}")).collect();
                    t.push_str(&format!(
                        "{}\t{}\t{}\t{a}\t{b}\n",
                        p.gold.triplet,
                        y as u8,
                        v.join("\t")
                    ));
                }
            }
            let path = format!("{dump}.{name}.tsv");
            std::fs::write(&path, t).map_err(|x| format!("{path}: {x}"))?;
        }
        let name = name.as_str();
        let cv = facts::cross_validate(&prepared, name, opts, 1.0);
        out!(
            "{}",
            cv.report(&format!("{name}, left-out triplets"), false)
        );
        let model = facts::fit(&prepared, name, opts, 1.0);
        tsv.push_str(&model.to_tsv());
    }
    std::fs::write(out, tsv).map_err(|x| format!("{}: {x}", out.display()))?;
    eprintln!("parallax: model weights written to {}", out.display());
    Ok(())
}

/// Without the `embed` feature there is no MSRP reader: an error saying so.
#[cfg(not(feature = "embed"))]
fn msrp(_: &EvalAlignArgs, _: Option<&Encoder>) -> Result<ExitCode, String> {
    Err("the MSRP reader comes with sentence embeddings, and this parallax was built without them (the `embed` feature, on by default: build without --no-default-features)".to_string())
}

/// The same-fact decision on MSRP's judged sentence pairs: each sentence is
/// analysed as an article of its own outlet and the pair scored by the same
/// model as statements in a story, "same" when the probability reaches a
/// threshold chosen on the train pairs (scored on the dev pairs, and across
/// halves); beside it, the plain cosine of the encoder's embeddings.
#[cfg(feature = "embed")]
fn msrp(e: &EvalAlignArgs, enc: Option<&Encoder>) -> Result<ExitCode, String> {
    use parallax_embed::msrp;
    let (train, dev) = msrp::read_dir(&e.dir).map_err(|x| x.to_string())?;
    let pairs: Vec<&msrp::Pair> = train.iter().chain(&dev).collect();
    let labels: Vec<bool> = pairs.iter().map(|p| p.same).collect();
    let analyzer = parallax_analyze::Analyzer::new();
    let analyse = |outlet: &str, text: &str| {
        let article = parallax_core::Article::new(
            parallax_core::Outlet::named(outlet),
            parallax_core::ArticleMeta {
                source: "msrp".into(),
                ..Default::default()
            },
            text.to_string(),
            Vec::new(),
        );
        let analysis = analyzer.analyze(&article);
        parallax_core::AnalyzedArticle { article, analysis }
    };
    use rayon::prelude::*;
    let analysed: Vec<(
        parallax_core::AnalyzedArticle,
        parallax_core::AnalyzedArticle,
    )> = pairs
        .par_iter()
        .map(|p| (analyse("A", &p.a), analyse("B", &p.b)))
        .collect();
    let line = |name: &str, r: &msrp::Report| {
        format!(
            "{name:<34} dev accuracy {:.3}  F1 {:.3}  (threshold {:.3} from train)   halves: accuracy {:.3}  F1 {:.3}   ROC-AUC {:.3}\n",
            r.train_to_dev.accuracy,
            r.train_to_dev.f1,
            r.train_to_dev.threshold,
            r.cross_accuracy(),
            r.cross_f1(),
            r.auc
        )
    };
    let mut out = format!(
        "MSRP: {} train and {} dev pairs ({:.3} of all judged the same)\n",
        train.len(),
        dev.len(),
        labels.iter().filter(|&&y| y).count() as f64 / labels.len().max(1) as f64
    );
    let mut ours: Vec<(String, msrp::Report)> = Vec::new();
    if e.method != EvalAlignMethod::Embed {
        let scores: Vec<f32> = analysed
            .par_iter()
            .map(|(a, b)| parallax_compare::align::pair_probability(a, b, None))
            .collect();
        ours.push((
            "lexical same-fact".into(),
            msrp::report(&scores, &labels, train.len()),
        ));
    }
    if let Some(enc) = enc {
        let model = parallax_compare::SentenceEncoder::model(enc);
        let texts: Vec<&str> = analysed
            .iter()
            .flat_map(|(a, b)| [a, b])
            .flat_map(|x| {
                x.analysis
                    .statements
                    .iter()
                    .flat_map(|s| parallax_compare::align::embedding_texts(s, &x.article.text))
            })
            .collect();
        let emb = parallax_compare::StatementEmbeddings::build(enc, &texts)?;
        let scored: Vec<(f32, parallax_compare::align::PairFeatures)> = analysed
            .par_iter()
            .map(|(a, b)| parallax_compare::align::pair_features(a, b, Some(&emb)))
            .collect();
        let scores: Vec<f32> = scored.iter().map(|x| x.0).collect();
        if let Ok(dump) = std::env::var("PARALLAX_DUMP_PAIRS") {
            let mut t = format!(
                "part\tlabel\t{}\n",
                parallax_compare::align::FEATURES.join("\t")
            );
            for (i, ((_, f), y)) in scored.iter().zip(&labels).enumerate() {
                let v: Vec<String> = f.0.iter().map(|x| format!("{x:.4}")).collect();
                let part = if i < train.len() { "train" } else { "dev" };
                t.push_str(&format!("{part}\t{}\t{}\n", *y as u8, v.join("\t")));
            }
            let path = format!("{dump}.msrp.tsv");
            std::fs::write(&path, t).map_err(|x| format!("{path}: {x}"))?;
        }
        ours.push((
            format!("{model} same-fact"),
            msrp::report(&scores, &labels, train.len()),
        ));
        // the same features, weighed for MSRP's stricter "same" (a sentence
        // that adds a fact is not the same): fitted on the train pairs only
        let fitted = parallax_compare::align::Model::fit(
            "msrp",
            &scored[..train.len()]
                .iter()
                .zip(&labels)
                .map(|((_, f), y)| (*f, *y))
                .collect::<Vec<_>>(),
            1.0,
        );
        let refit: Vec<f32> = scored.iter().map(|(_, f)| fitted.probability(f)).collect();
        ours.push((
            format!("{model} features, MSRP-fitted"),
            msrp::report(&refit, &labels, train.len()),
        ));
        let owned: Vec<msrp::Pair> = pairs.iter().map(|p| (*p).clone()).collect();
        let cos = msrp::cosines(&owned, |s| {
            parallax_compare::SentenceEncoder::encode(enc, s)
        })?;
        out.push_str(&line(
            &format!("{model} cosine (baseline)"),
            &msrp::report(&cos, &labels, train.len()),
        ));
    }
    for (name, r) in &ours {
        out.push_str(&line(name, r));
    }
    if e.json {
        let v: Vec<serde_json::Value> = ours
            .iter()
            .map(|(m, r)| {
                serde_json::json!({
                    "method": m,
                    "dev_accuracy": r.train_to_dev.accuracy,
                    "dev_f1": r.train_to_dev.f1,
                    "threshold": r.train_to_dev.threshold,
                    "halves_accuracy": r.cross_accuracy(),
                    "halves_f1": r.cross_f1(),
                    "auc": r.auc,
                })
            })
            .collect();
        print_json(&v)?;
    } else {
        out!("{out}");
    }
    let mut ok = true;
    for (m, r) in &ours {
        ok &= floor(
            &format!("{m} dev accuracy"),
            r.train_to_dev.accuracy,
            e.min_accuracy,
        );
    }
    Ok(code(ok))
}

fn input(dir: &Path, outlets: Option<PathBuf>) -> InputArgs {
    InputArgs {
        inputs: vec![dir.to_path_buf()],
        fetch: crate::cli::FetchArgs {
            fetch_links: false,
            fetch_timeout: 30.0,
        },
        outlets,
        lexicon: None,
        max_size: 64,
        output: None,
        color: ColorChoice::Never,
        quiet: true,
        time_budget: 30.0,
    }
}
