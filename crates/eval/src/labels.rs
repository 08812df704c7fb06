//! Actor labels against a hand-judged sample of the BASIL dev articles
//! (`data/basil-labels.tsv`, guideline in docs/speaker-label-gold.md).
//!
//! Each gold item names a label by the BASIL article, the `paragraph:sentence` it
//! starts in and its own words, with the actor parallax attached it to when it was
//! judged, the hand verdict, and the actor the words truly describe (`-` when they
//! are no label at all). The scorer analyses the articles and looks for a label with
//! the same words (folded) starting in that sentence, preferring one on the recorded
//! actor. Attached to the recorded actor, the hand verdict stands; attached to
//! another, it is right only when the words are a label and the new actor is the
//! target ([`crate::basil::same_actor`]), and it is counted as re-judged.
//!
//! Reported: precision over the judged labels still produced, the judged labels no
//! longer produced, and the labels produced that no item judges (drift).

use std::collections::BTreeMap;
use std::path::Path;

use parallax_analyze::Analyzer;
use parallax_core::{Label, fold};
use serde::Serialize;

use crate::basil::{self, BasilDoc};

/// The gold shipped with parallax.
pub const GOLD: &str = include_str!("../data/basil-labels.tsv");

/// One judged label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Line in the gold file.
    pub line: usize,
    /// BASIL file stem.
    pub article: String,
    /// `(paragraph, sentence)` in `body-paragraphs`.
    pub at: (usize, usize),
    /// The label's words.
    pub label: String,
    /// Its construction (premodifier, appositive, predicate, description).
    pub kind: String,
    /// The actor parallax attached the label to when it was judged.
    pub actor: String,
    /// Whether the label is right for its actor.
    pub right: bool,
    /// The actor the words describe (`|`-separated names), or `-`.
    pub target: String,
    /// Why, in a few words.
    pub note: String,
}

/// Parses the gold TSV (see the file's header); errors name the line.
pub fn parse_gold(text: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("article\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            return Err(format!(
                "line {n}: expected 7 or 8 tab-separated fields (article, at, label, kind, actor, verdict, target, note), found {}",
                f.len()
            ));
        }
        let at = basil::parse_at(f[1])
            .ok_or_else(|| format!("line {n}: `{}` is not paragraph:sentence", f[1]))?;
        let right = match f[5].trim() {
            "right" => true,
            "wrong" => false,
            v => return Err(format!("line {n}: verdict `{v}` is not right or wrong")),
        };
        let (article, label, target) = (f[0].trim(), f[2].trim(), f[6].trim());
        if article.is_empty() || label.is_empty() || target.is_empty() {
            return Err(format!(
                "line {n}: article, label and target must not be empty"
            ));
        }
        if right && target == "-" {
            return Err(format!(
                "line {n}: a right label needs its target actor, not `-`"
            ));
        }
        items.push(Item {
            line: n,
            article: article.to_string(),
            at,
            label: label.to_string(),
            kind: f[3].trim().to_string(),
            actor: f[4].trim().to_string(),
            right,
            target: target.to_string(),
            note: f.get(7).map(|s| s.trim().to_string()).unwrap_or_default(),
        });
    }
    if items.is_empty() {
        return Err("no items".to_string());
    }
    Ok(items)
}

/// The verdict on the item's label now attached to `actor`, and whether it had to be
/// re-derived because `actor` is not the recorded one.
pub fn judge(item: &Item, actor: &str) -> (bool, bool) {
    if fold(actor) == fold(&item.actor) {
        (item.right, false)
    } else {
        (
            item.target != "-" && basil::same_actor(actor, &item.target),
            true,
        )
    }
}

fn actor_name<'a>(doc: &'a BasilDoc, l: &Label) -> &'a str {
    doc.analyzed
        .analysis
        .entities
        .get(l.entity)
        .map(|e| e.name.as_str())
        .unwrap_or("")
}

/// The item's label in `doc`: the same words (folded), starting in the item's
/// sentence; on the recorded actor when several match, else on the target, else the
/// first.
pub fn find<'a>(doc: &'a BasilDoc, item: &Item) -> Option<(usize, &'a Label)> {
    let sentence = doc.span_of(item.at)?;
    let words = fold(&item.label);
    let candidates: Vec<(usize, &Label)> = doc
        .analyzed
        .analysis
        .labels
        .iter()
        .enumerate()
        .filter(|(_, l)| sentence.contains_offset(l.span.start) && fold(&l.text) == words)
        .collect();
    candidates
        .iter()
        .find(|(_, l)| fold(actor_name(doc, l)) == fold(&item.actor))
        .or_else(|| {
            candidates
                .iter()
                .find(|(_, l)| basil::same_actor(actor_name(doc, l), &item.target))
        })
        .or(candidates.first())
        .copied()
}

/// One wrong label, for `--examples`.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// BASIL file stem.
    pub article: String,
    /// `paragraph:sentence`.
    pub at: String,
    /// The label's words.
    pub label: String,
    /// Its construction.
    pub kind: String,
    /// The actor parallax attached it to.
    pub actor: String,
    /// The actor the words describe, or `-`.
    pub target: String,
    /// The judge's note.
    pub note: String,
}

/// Actor labels scored against the hand-judged BASIL gold.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LabelEval {
    /// Articles read.
    pub articles: usize,
    /// Items in the gold.
    pub judged: usize,
    /// Items whose label is still produced.
    pub found: usize,
    /// Items still produced and judged right.
    pub right: usize,
    /// Found items now on another actor than the recorded one (verdict re-derived).
    pub rejudged: usize,
    /// Items naming an article that is not in the data.
    pub unknown_article: usize,
    /// Items no longer produced (words changed, label dropped, sentence cut).
    pub not_found: Vec<String>,
    /// Of those, the items judged right: labels lost, where the others are wrong
    /// labels gone.
    pub lost_right: usize,
    /// Labels produced (in a located BASIL sentence) in all.
    pub produced: usize,
    /// Of those, labels that no item judges.
    pub unjudged: usize,
    /// The wrong labels, for `--examples`.
    pub examples: Vec<Example>,
}

impl LabelEval {
    /// Right ÷ judged labels still produced.
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            0.0
        } else {
            self.right as f64 / self.found as f64
        }
    }

    /// The text report of `parallax eval labels`.
    pub fn report(&self) -> String {
        format!(
            "BASIL labels: {} articles, {} judged labels, {} still produced ({} re-judged by actor), {} not produced ({} of them judged right)\n\
             {:<28} {:.3}  ({} right, {} wrong)\n\
             {:<28} {} of {} produced\n",
            self.articles,
            self.judged,
            self.found,
            self.rejudged,
            self.not_found.len() + self.unknown_article,
            self.lost_right,
            "label precision",
            self.precision(),
            self.right,
            self.found - self.right,
            "labels not judged",
            self.unjudged,
            self.produced,
        )
    }
}

/// Scores the analysed `docs` against `items`.
pub fn score(docs: &[BasilDoc], items: &[Item]) -> LabelEval {
    let by_stem: BTreeMap<&str, &BasilDoc> = docs.iter().map(|d| (d.stem.as_str(), d)).collect();
    let mut e = LabelEval {
        articles: docs.len(),
        judged: items.len(),
        ..Default::default()
    };
    let mut matched: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for item in items {
        let Some(doc) = by_stem.get(item.article.as_str()) else {
            e.unknown_article += 1;
            continue;
        };
        let Some((li, l)) = find(doc, item) else {
            if item.right {
                e.lost_right += 1;
            }
            e.not_found.push(format!(
                "{} {}:{} {}",
                item.article, item.at.0, item.at.1, item.label
            ));
            continue;
        };
        matched.entry(doc.stem.as_str()).or_default().push(li);
        e.found += 1;
        let actor = actor_name(doc, l);
        let (right, re) = judge(item, actor);
        e.rejudged += usize::from(re);
        if right {
            e.right += 1;
        } else {
            e.examples.push(Example {
                article: item.article.clone(),
                at: format!("{}:{}", item.at.0, item.at.1),
                label: item.label.clone(),
                kind: item.kind.clone(),
                actor: actor.to_string(),
                target: item.target.clone(),
                note: if re {
                    "(re-judged by actor)".to_string()
                } else {
                    item.note.clone()
                },
            });
        }
    }
    for doc in docs {
        let done = matched.get(doc.stem.as_str());
        for (i, l) in doc.analyzed.analysis.labels.iter().enumerate() {
            if doc.sentence_at(l.span.start).is_none() {
                continue;
            }
            e.produced += 1;
            if !done.is_some_and(|d| d.contains(&i)) {
                e.unjudged += 1;
            }
        }
    }
    e
}

/// Analyses the BASIL articles under `dir` and scores them against `gold` (TSV text).
pub fn eval_basil(dir: &Path, analyzer: &Analyzer, gold: &str) -> Result<LabelEval, String> {
    let items = parse_gold(gold)?;
    let docs = basil::load(dir, analyzer)?;
    Ok(score(&docs, &items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{
        ActorKind, Analysis, AnalyzedArticle, Article, Entity, LabelKind, Outlet, Span, Voice,
    };

    fn item(label: &str, actor: &str, right: bool, target: &str) -> Item {
        Item {
            line: 1,
            article: "a_1".into(),
            at: (0, 0),
            label: label.into(),
            kind: "premodifier".into(),
            actor: actor.into(),
            right,
            target: target.into(),
            note: String::new(),
        }
    }

    #[test]
    fn parses_the_shipped_gold_and_reports_bad_lines() {
        let items = parse_gold(GOLD).unwrap();
        assert!(items.len() >= 220, "{} items", items.len());
        let err = parse_gold("a_1\t0:0\tSen.\tpremodifier\tX\tmaybe\tX\n").unwrap_err();
        assert!(err.contains("line 1") && err.contains("maybe"), "{err}");
        let err = parse_gold("a_1\t0:0\tSen.\tpremodifier\tX\tright\t-\n").unwrap_err();
        assert!(err.contains("target"), "{err}");
        let err = parse_gold("# x\n\na_1\t0:0\tSen.\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn judging_keeps_hand_verdicts_and_rederives_moved_labels() {
        let split = item("the president's son", "Trump", false, "Donald Trump Jr.");
        assert_eq!(judge(&split, "Trump"), (false, false));
        assert_eq!(judge(&split, "Donald Trump Jr."), (true, true));
        assert_eq!(judge(&split, "Donald Trump"), (false, true));
        let fragment = item("support General", "David Petraeus", false, "-");
        assert_eq!(judge(&fragment, "Petraeus"), (false, true));
        let good = item("Sen.", "Ted Cruz", true, "Ted Cruz");
        assert_eq!(judge(&good, "ted cruz"), (true, false));
        assert_eq!(judge(&good, "Heidi Cruz"), (false, true));
    }

    #[test]
    fn finds_labels_by_sentence_words_and_actor() {
        let text = "President Bush met President Obama. Sen. Cruz spoke.".to_string();
        let paras = vec![vec![
            "President Bush met President Obama.".to_string(),
            "Sen. Cruz spoke.".to_string(),
        ]];
        let sentences = basil::locate(&text, &paras);
        let ent = |name: &str| Entity {
            key: format!("person:{}", name.to_lowercase()),
            name: name.into(),
            kind: ActorKind::Person,
            variants: vec![name.into()],
            roles: Vec::new(),
            aliases: Vec::new(),
            mentions: 1,
        };
        let label = |entity: usize, start: usize, t: &str| Label {
            entity,
            kind: LabelKind::Premodifier,
            span: Span::new(start, start + t.len()),
            text: t.into(),
            voice: Voice::Outlet,
        };
        let doc = BasilDoc {
            stem: "a_1".into(),
            source: "nyt".into(),
            analyzed: AnalyzedArticle {
                article: Article::new(Outlet::named("nyt"), Default::default(), text, Vec::new()),
                analysis: Analysis {
                    entities: vec![ent("George Bush"), ent("Barack Obama"), ent("Ted Cruz")],
                    labels: vec![
                        label(0, 0, "President"),
                        label(1, 19, "President"),
                        label(2, 36, "Sen."),
                    ],
                    ..Default::default()
                },
            },
            sentences,
        };
        let obama = item("president", "Barack Obama", true, "Barack Obama");
        assert_eq!(
            find(&doc, &obama).map(|x| x.0),
            Some(1),
            "the recorded actor"
        );
        let moved = item("President", "Obama", true, "Barack Obama");
        assert_eq!(find(&doc, &moved).map(|x| x.0), Some(1), "the target");
        let mut cruz = item("Sen.", "Ted Cruz", true, "Ted Cruz");
        assert!(find(&doc, &cruz).is_none(), "not in sentence 0:0");
        cruz.at = (0, 1);
        assert_eq!(find(&doc, &cruz).map(|x| x.0), Some(2));
        let gone = item("socialist dictator", "Barack Obama", false, "-");
        let e = score(std::slice::from_ref(&doc), &[obama, cruz, gone]);
        assert_eq!((e.found, e.right, e.not_found.len()), (2, 2, 1));
        assert_eq!((e.produced, e.unjudged), (3, 1));
        assert_eq!(e.precision(), 1.0);
    }
}
