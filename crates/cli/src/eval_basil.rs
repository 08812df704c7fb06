//! `parallax eval speakers` and `parallax eval labels`: quote speakers and actor
//! labels on the BASIL dev articles against the hand-judged gold of `parallax-eval`
//! (docs/speaker-label-gold.md); `parallax eval loaded`: loaded terms against
//! BASIL's own lexical-bias spans. Kept apart from `run.rs` so the eval commands of
//! issue #15 stay out of the way of the main dispatch.

use std::path::Path;
use std::process::ExitCode;

use parallax_analyze::Analyzer;
use parallax_eval::{labels, speakers};

use crate::cli::{EvalLabelsArgs, EvalLoadedArgs, EvalSpeakersArgs};
use crate::run::{code, floor, missing_data, print_json};

fn gold_text(gold: Option<&Path>, built_in: &str) -> Result<String, String> {
    match gold {
        Some(p) => std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display())),
        None => Ok(built_in.to_string()),
    }
}

fn check_dir(dir: &Path) -> Result<(), String> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(missing_data(
            dir,
            "the BASIL data lives in ../shared/data/basil",
        ))
    }
}

fn gold_error(gold: Option<&Path>, e: String) -> String {
    match gold {
        Some(p) => format!("{}: {e}", p.display()),
        None => format!("built-in gold: {e}"),
    }
}

pub fn speakers(e: EvalSpeakersArgs) -> Result<ExitCode, String> {
    check_dir(&e.dir)?;
    let gold = gold_text(e.gold.as_deref(), speakers::GOLD)?;
    let items = speakers::parse_gold(&gold).map_err(|x| gold_error(e.gold.as_deref(), x))?;
    let docs = parallax_eval::basil::load(&e.dir, &Analyzer::new())?;
    let r = speakers::score(&docs, &items);
    if e.json {
        print_json(&r)?;
    } else {
        out!("{}", r.report());
        if e.examples {
            for x in &r.examples {
                let verdict = if x.verdict == speakers::Verdict::Wrong {
                    "wrong"
                } else {
                    "missed"
                };
                outln!(
                    "  {verdict:<6} {} {} “{}”: parallax {}, gold {}  {}",
                    x.article,
                    x.at,
                    x.snippet,
                    x.system,
                    x.speaker,
                    x.note
                );
            }
            for x in &r.not_found {
                outln!("  not found {x}");
            }
        }
    }
    let mut ok = floor("speaker precision", r.precision(), e.min_precision);
    ok &= floor("speaker coverage", r.coverage(), e.min_coverage);
    Ok(code(ok))
}

pub fn labels(e: EvalLabelsArgs) -> Result<ExitCode, String> {
    check_dir(&e.dir)?;
    let gold = gold_text(e.gold.as_deref(), labels::GOLD)?;
    let items = labels::parse_gold(&gold).map_err(|x| gold_error(e.gold.as_deref(), x))?;
    let docs = parallax_eval::basil::load(&e.dir, &Analyzer::new())?;
    let r = labels::score(&docs, &items);
    if e.json {
        print_json(&r)?;
    } else {
        out!("{}", r.report());
        if e.examples {
            for x in &r.examples {
                outln!(
                    "  wrong  {} {} “{}” ({}) on {}: target {}  {}",
                    x.article,
                    x.at,
                    x.label,
                    x.kind,
                    x.actor,
                    x.target,
                    x.note
                );
            }
            for x in &r.not_found {
                outln!("  not produced {x}");
            }
        }
    }
    Ok(code(floor(
        "label precision",
        r.precision(),
        e.min_precision,
    )))
}

pub fn loaded(e: EvalLoadedArgs) -> Result<ExitCode, String> {
    check_dir(&e.dir)?;
    let r = parallax_eval::loaded::eval_basil(&e.dir, &Analyzer::new())?;
    if e.json {
        print_json(&r)?;
    } else {
        out!("{}", r.report());
        for (article, text, target) in r.missed_examples.iter().take(e.examples) {
            outln!("  missed {article} “{text}” (target {target})");
        }
        for (article, text, target, actor) in r.found_examples.iter().take(e.examples) {
            outln!("  found  {article} “{text}” (target {target}) attached to {actor}");
        }
    }
    let mut ok = floor("loaded-term recall", r.recall(), e.min_recall);
    ok &= floor(
        "share attached to the target",
        r.target_share(),
        e.min_target,
    );
    Ok(code(ok))
}
