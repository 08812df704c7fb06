//! `parallax eval actors DIR` when DIR is GUM (name mentions of the pipeline and
//! the tagger, and with `--identities` cross-document identities against GUM's
//! Wikipedia links), and `parallax eval coref` (resolution inside a document
//! against GUM's coreference chains). The scorers are `parallax_eval::gum` and
//! `parallax_eval::coref`.

use std::path::Path;
use std::process::ExitCode;

use parallax_analyze::Analyzer;
use parallax_eval::gum::GumCorpus;
use parallax_eval::{coref, gum};

use crate::cli::{EvalActorsArgs, EvalCorefArgs};
use crate::run::{code, floor, missing_data, print_json};

/// Whether `dir` is GUM (a `.conllu` file, or a folder of them) rather than UNER.
pub fn is_gum(dir: &Path) -> bool {
    if dir.is_file() {
        dir.extension().is_some_and(|x| x == "conllu")
    } else {
        parallax_ner::gum::gum_files(dir).is_ok()
    }
}

fn load(dir: &Path, analyzer: &Analyzer) -> Result<GumCorpus, String> {
    if !dir.exists() {
        return Err(missing_data(
            dir,
            "the GUM data lives in ../shared/data/gum-dev",
        ));
    }
    GumCorpus::load(dir, analyzer)
}

/// `parallax eval actors GUM_DIR [--identities]`.
pub fn actors(e: EvalActorsArgs, analyzer: &Analyzer) -> Result<ExitCode, String> {
    if !is_gum(&e.dir) {
        return Err(format!(
            "{}: --identities needs GUM (*.conllu files, as in ../shared/data/gum-dev): UNER has no identity gold",
            e.dir.display()
        ));
    }
    let corpus = load(&e.dir, analyzer)?;
    if e.identities {
        let r = gum::eval_gum_identities(&corpus);
        if e.json {
            print_json(&r)?;
        } else {
            out!("{}", r.report(e.examples));
        }
        return Ok(code(floor("identity B-cubed F1", r.bcubed_f1, e.min_f1)));
    }
    let r = gum::eval_gum_names(&corpus, parallax_ner::Tagger::embedded(), e.examples);
    if e.json {
        print_json(&r)?;
    } else {
        out!("{}", r.report());
        for x in &r.errors {
            outln!(
                "  {:<7} {:<4} {:<40} {}",
                x.kind,
                x.label,
                x.text,
                x.sentence
            );
        }
    }
    let all = r.all();
    let mut ok = floor("pipeline micro F1", all.pipeline.micro.f1(), e.min_f1);
    ok &= floor("tagger micro F1", all.tagger.micro.f1(), e.min_tagger_f1);
    Ok(code(ok))
}

/// `parallax eval coref GUM_DIR`.
pub fn coref(e: EvalCorefArgs) -> Result<ExitCode, String> {
    if e.dir.exists() && !is_gum(&e.dir) {
        return Err(format!(
            "{}: no GUM gold here (expected *.conllu files, as in ../shared/data/gum-dev)",
            e.dir.display()
        ));
    }
    let corpus = load(&e.dir, &Analyzer::new())?;
    let r = coref::eval_gum_coref(&corpus, e.examples);
    if e.json {
        print_json(&r)?;
    } else {
        out!("{}", r.report());
    }
    let pronoun = r
        .kinds
        .iter()
        .find(|k| k.kind == "pronoun")
        .map_or(0.0, |k| k.prf.precision());
    let mut ok = floor("link precision", r.micro.precision(), e.min_precision);
    ok &= floor("pronoun link precision", pronoun, e.min_pronoun_precision);
    Ok(code(ok))
}
