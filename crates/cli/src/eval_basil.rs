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
        Err(format!(
            "{}: no such directory; the BASIL data lives in ../shared/data/basil beside the repository (see shared/data/README.md), or give its path",
            dir.display()
        ))
    }
}

fn floor(name: &str, value: f64, min: Option<f64>) -> bool {
    match min {
        Some(m) if value < m => {
            eprintln!("parallax: {name} {value:.3} is below the floor {m:.3}");
            false
        }
        _ => true,
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
        println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|x| x.to_string())?
        );
    } else {
        print!("{}", r.report());
        if e.examples {
            for x in &r.examples {
                let verdict = if x.verdict == speakers::Verdict::Wrong {
                    "wrong"
                } else {
                    "missed"
                };
                println!(
                    "  {verdict:<6} {} {} “{}”: parallax {}, gold {}  {}",
                    x.article, x.at, x.snippet, x.system, x.speaker, x.note
                );
            }
            for x in &r.not_found {
                println!("  not found {x}");
            }
        }
    }
    let mut ok = floor("speaker precision", r.precision(), e.min_precision);
    ok &= floor("speaker coverage", r.coverage(), e.min_coverage);
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn labels(e: EvalLabelsArgs) -> Result<ExitCode, String> {
    check_dir(&e.dir)?;
    let gold = gold_text(e.gold.as_deref(), labels::GOLD)?;
    let items = labels::parse_gold(&gold).map_err(|x| gold_error(e.gold.as_deref(), x))?;
    let docs = parallax_eval::basil::load(&e.dir, &Analyzer::new())?;
    let r = labels::score(&docs, &items);
    if e.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|x| x.to_string())?
        );
    } else {
        print!("{}", r.report());
        if e.examples {
            for x in &r.examples {
                println!(
                    "  wrong  {} {} “{}” ({}) on {}: target {}  {}",
                    x.article, x.at, x.label, x.kind, x.actor, x.target, x.note
                );
            }
            for x in &r.not_found {
                println!("  not produced {x}");
            }
        }
    }
    Ok(
        if floor("label precision", r.precision(), e.min_precision) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

pub fn loaded(e: EvalLoadedArgs) -> Result<ExitCode, String> {
    check_dir(&e.dir)?;
    let r = parallax_eval::loaded::eval_basil(&e.dir, &Analyzer::new())?;
    if e.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|x| x.to_string())?
        );
    } else {
        print!("{}", r.report());
        for (article, text, target) in r.missed_examples.iter().take(e.examples) {
            println!("  missed {article} “{text}” (target {target})");
        }
        for (article, text, target, actor) in r.found_examples.iter().take(e.examples) {
            println!("  found  {article} “{text}” (target {target}) attached to {actor}");
        }
    }
    let mut ok = floor("loaded-term recall", r.recall(), e.min_recall);
    ok &= floor(
        "share attached to the target",
        r.target_share(),
        e.min_target,
    );
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
