//! Score parallax-ner (or another tagger's predictions) on UNER English PUD.
//!
//! ```text
//! cargo run --release -p parallax-ner --bin parallax-ner-eval -- [--subset news|wiki|all]...
//!     [--raw] [--repeat N] [--model FILE] [--json] [--min-f1 X]
//!     [--pred FILE [--map SPACY=UNER,...] [--strip-the]] [--data DIR]
//! ```
//! Without `--pred`, tags the gold tokens (or, with `--raw`, the raw sentence
//! text with parallax's own tokenizer) and times it. With `--pred`, scores a
//! prediction file instead: lines `sent_id<TAB>tag tag ...` (IOB2 over the gold
//! tokens) or, with `--raw`, `sent_id<TAB>start:end:LABEL ...` (byte offsets in
//! the `# text` line). `--map` renames foreign labels (unmapped labels are
//! dropped). `--min-f1` fails (exit 1) when the micro F1 of the first subset is
//! below the floor. `--gum DIR` also scores the tagger on GUM's name mentions
//! (raw text; the held-out part, the training part and all documents, see
//! `parallax_ner::gum`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use parallax_ner::eval::{self, Report, Sentence, Subset, spans_from_tags};
use parallax_ner::gum;
use parallax_ner::{EntityKind, Tagger};

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("parallax-ner-eval: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Opts {
    data: Option<PathBuf>,
    subsets: Vec<Subset>,
    raw: bool,
    repeat: usize,
    model: Option<PathBuf>,
    json: bool,
    pred: Option<PathBuf>,
    map: HashMap<String, String>,
    strip_the: bool,
    min_f1: Option<f64>,
    name: String,
    gum: Option<PathBuf>,
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts {
        data: None,
        subsets: Vec::new(),
        raw: false,
        repeat: 1,
        model: None,
        json: false,
        pred: None,
        map: HashMap::new(),
        strip_the: false,
        min_f1: None,
        name: String::new(),
        gum: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--data" => o.data = Some(val()?.into()),
            "--subset" => o.subsets.push(match val()?.as_str() {
                "news" => Subset::News,
                "wiki" => Subset::Wiki,
                "all" => Subset::All,
                s => return Err(format!("unknown subset {s}")),
            }),
            "--raw" => o.raw = true,
            "--repeat" => o.repeat = val()?.parse().map_err(|e| format!("--repeat: {e}"))?,
            "--model" => o.model = Some(val()?.into()),
            "--json" => o.json = true,
            "--pred" => o.pred = Some(val()?.into()),
            "--strip-the" => o.strip_the = true,
            "--name" => o.name = val()?,
            "--gum" => o.gum = Some(val()?.into()),
            "--min-f1" => o.min_f1 = Some(val()?.parse().map_err(|e| format!("--min-f1: {e}"))?),
            "--map" => {
                for pair in val()?.split(',') {
                    let (k, v) = pair
                        .split_once('=')
                        .ok_or_else(|| format!("--map: {pair} is not FROM=TO"))?;
                    o.map.insert(k.to_string(), v.to_string());
                }
            }
            "-h" | "--help" => {
                println!("see the module documentation of crates/ner/src/bin/eval.rs");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    if o.subsets.is_empty() {
        o.subsets = vec![Subset::News, Subset::Wiki, Subset::All];
    }
    Ok(o)
}

fn run() -> Result<bool, String> {
    let o = parse_args()?;
    let data = match &o.data {
        Some(d) => d.clone(),
        None => eval::shared_data_dir().ok_or(
            "shared data not found (../shared/data next to the repository, or $PARALLAX_SHARED/data)",
        )?,
    };
    let pud_path = eval::pud_path(&data);
    let pud = eval::read_iob2(&pud_path).map_err(|e| format!("{}: {e}", pud_path.display()))?;
    let mut ok = true;
    let preds = match &o.pred {
        Some(p) => Some(read_preds(p)?),
        None => None,
    };
    let owned;
    let tagger = match (&o.model, &preds) {
        (_, Some(_)) => None,
        (Some(m), None) => {
            let bytes = std::fs::read(m).map_err(|e| format!("{}: {e}", m.display()))?;
            owned = Tagger::from_bytes(&bytes).map_err(|e| e.to_string())?;
            Some(&owned)
        }
        (None, None) => Some(Tagger::embedded()),
    };
    for (i, &subset) in o.subsets.iter().enumerate() {
        let part: Vec<&Sentence> = pud.iter().filter(|s| subset.keeps(s)).collect();
        let report = match (&preds, tagger) {
            (Some(p), _) => score_preds(&part, p, &o)?,
            (None, None) => unreachable!("a tagger is loaded when there are no predictions"),
            (None, Some(tagger)) if o.raw => {
                eval::evaluate_raw(tagger, &part, 1);
                eval::evaluate_raw(tagger, &part, o.repeat)
            }
            (None, Some(tagger)) => {
                // One untimed pass first: page faults and lazy gazetteer set-up.
                eval::evaluate(tagger, &part, 1);
                eval::evaluate(tagger, &part, o.repeat)
            }
        };
        let who = if o.name.is_empty() {
            if o.pred.is_some() {
                "predictions"
            } else {
                "parallax-ner"
            }
        } else {
            o.name.as_str()
        };
        let mode = if o.raw { "raw text" } else { "gold tokens" };
        let name = format!("{who} PUD {} ({mode})", subset.name());
        if o.json {
            println!("{}", report.json(&name));
        } else {
            print!("{}", report.table(&name));
        }
        if i == 0 {
            if let Some(floor) = o.min_f1 {
                let f = report.micro().f1();
                if f < floor {
                    eprintln!("micro F1 {f:.4} is below the floor {floor}");
                    ok = false;
                }
            }
        }
    }
    if let (Some(dir), Some(tagger)) = (&o.gum, tagger) {
        let docs = gum::read_gum(dir)?;
        let parts = gum::part_of(&docs);
        for (name, keep) in [
            ("test part", Some(gum::Part::Test)),
            ("train part", Some(gum::Part::Train)),
            ("all", None),
        ] {
            let sents: Vec<Sentence> = docs
                .iter()
                .zip(&parts)
                .filter(|(_, p)| keep.is_none_or(|k| **p == k))
                .flat_map(|(d, _)| d.iob2())
                .collect();
            let refs: Vec<&Sentence> = sents.iter().collect();
            let report = eval::evaluate_raw(tagger, &refs, 1);
            let name = format!("parallax-ner GUM {name} (raw text)");
            if o.json {
                println!("{}", report.json(&name));
            } else {
                print!("{}", report.table(&name));
            }
        }
    }
    Ok(ok)
}

fn read_preds(path: &PathBuf) -> Result<HashMap<String, String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_once('\t').or(Some((l, ""))))
        .map(|(id, rest)| (id.to_string(), rest.to_string()))
        .collect())
}

fn map_label(o: &Opts, label: &str) -> Option<EntityKind> {
    let l = o.map.get(label).map(String::as_str).unwrap_or(label);
    EntityKind::from_label(l)
}

fn score_preds(
    part: &[&Sentence],
    preds: &HashMap<String, String>,
    o: &Opts,
) -> Result<Report, String> {
    let mut report = Report::default();
    for s in part {
        let line = preds
            .get(&s.id)
            .ok_or_else(|| format!("no prediction for {}", s.id))?;
        let gold_tok = spans_from_tags(&s.tags);
        if o.raw {
            let offsets = eval::align(&s.text, &s.tokens)
                .ok_or_else(|| format!("{}: gold tokens not found in text", s.id))?;
            let gold: Vec<_> = gold_tok
                .iter()
                .map(|&(a, b, k)| (offsets[a].0, offsets[b - 1].1, k))
                .collect();
            let mut pred = Vec::new();
            for item in line.split_whitespace() {
                let mut it = item.splitn(3, ':');
                let (Some(a), Some(b), Some(l)) = (it.next(), it.next(), it.next()) else {
                    return Err(format!("{}: bad span {item}", s.id));
                };
                let (mut a, b): (usize, usize) = (
                    a.parse()
                        .map_err(|_| format!("{}: bad span {item}", s.id))?,
                    b.parse()
                        .map_err(|_| format!("{}: bad span {item}", s.id))?,
                );
                if o.strip_the {
                    let t = s.text.get(a..b).unwrap_or("");
                    if let Some(rest) = t.strip_prefix("the ").or(t.strip_prefix("The ")) {
                        a = b - rest.len();
                    }
                }
                if let Some(k) = map_label(o, l) {
                    pred.push((a, b, k));
                }
            }
            report.add(&gold, &pred, s.tokens.len());
        } else {
            let mut tags: Vec<String> = line
                .split_whitespace()
                .map(|t| match t.split_once('-') {
                    Some((b, l)) => match map_label(o, l) {
                        Some(k) => format!("{b}-{}", k.label()),
                        None => "O".to_string(),
                    },
                    None => "O".to_string(),
                })
                .collect();
            if tags.len() != s.tokens.len() {
                return Err(format!(
                    "{}: {} tags for {} tokens",
                    s.id,
                    tags.len(),
                    s.tokens.len()
                ));
            }
            if o.strip_the {
                for i in 0..tags.len() {
                    if tags[i].starts_with("B-")
                        && s.tokens[i].eq_ignore_ascii_case("the")
                        && tags.get(i + 1).is_some_and(|t| t.starts_with("I-"))
                    {
                        tags[i + 1] = tags[i + 1].replacen("I-", "B-", 1);
                        tags[i] = "O".into();
                    }
                }
            }
            report.add(&gold_tok, &spans_from_tags(&tags), s.tokens.len());
        }
    }
    Ok(report)
}
