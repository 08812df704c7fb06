//! Loaded language about an actor against BASIL's lexical-bias spans (Fan et al.,
//! EMNLP 2019: `annotations/<year>/<stem>_ann.json`).
//!
//! BASIL marks the words an outlet chose to sway the reader about a target entity.
//! The gold here is every span with `bias: lex` and `quote: no` (the outlet's own
//! voice), placed in the clean text through its sentence: BASIL gives character
//! offsets inside one sentence of `body-paragraphs` without saying which, so the
//! sentence is the one whose characters at those offsets are the span's text (or,
//! failing that, the one holding the text nearest those offsets).
//!
//! Reported: recall of parallax's loaded terms in the outlet's voice (a span is found
//! when one overlaps it; also given for both voices), and, over the spans found, the
//! share whose loaded term parallax attaches to an actor (the term lies inside a label
//! of that actor) and the share attached to BASIL's target; the share of spans whose
//! sentence names the target at all bounds what attachment could reach.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use parallax_analyze::Analyzer;
use parallax_core::{Span, Voice};
use serde::Serialize;

use crate::basil::{self, BasilDoc};

/// One lexical-bias span of BASIL, placed in the clean text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldSpan {
    /// BASIL file stem.
    pub article: String,
    /// The span's words.
    pub text: String,
    /// BASIL's target, underscores made spaces ("Donald Trump").
    pub target: String,
    /// Where it is in the clean text.
    pub span: Span,
}

/// A BASIL annotation span: its text, character offsets in a sentence, target.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSpan {
    /// The span's words.
    pub text: String,
    /// First character in its sentence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// BASIL's target of the bias.
    pub target: String,
}

/// The `bias: lex`, `quote: no` spans of one annotation file.
pub fn parse_annotations(name: &str, json: &str) -> Result<Vec<RawSpan>, String> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("{name}: invalid JSON: {e}"))?;
    let spans = v
        .get("phrase-level-annotations")
        .and_then(|x| x.as_array())
        .ok_or_else(|| format!("{name}: no `phrase-level-annotations` list"))?;
    let mut out = Vec::new();
    for s in spans {
        let field = |k: &str| s.get(k).and_then(|x| x.as_str()).unwrap_or_default();
        if field("bias") != "lex" || field("quote") != "no" {
            continue;
        }
        let num = |k: &str| -> Result<usize, String> {
            match s.get(k) {
                Some(serde_json::Value::Number(n)) => n
                    .as_u64()
                    .map(|n| n as usize)
                    .ok_or_else(|| format!("{name}: `{k}` is not an offset")),
                Some(serde_json::Value::String(t)) => t
                    .trim()
                    .parse()
                    .map_err(|_| format!("{name}: `{k}` is not an offset: {t}")),
                _ => Err(format!("{name}: a span without `{k}`")),
            }
        };
        let (start, end) = (num("start")?, num("end")?);
        if end < start {
            return Err(format!("{name}: a span ends before it starts"));
        }
        out.push(RawSpan {
            text: field("txt").to_string(),
            start,
            end,
            target: field("target").replace('_', " ").trim().to_string(),
        });
    }
    Ok(out)
}

/// Byte offset of character `n` of `s` (its length when `n` is past the end).
fn char_to_byte(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

/// Places `raw` in the clean text of `doc` through its sentence.
pub fn place(doc: &BasilDoc, raw: &RawSpan) -> Option<Span> {
    let text = &doc.analyzed.article.text;
    if raw.text.trim().is_empty() {
        return None;
    }
    let mut nearest: Option<(usize, Span)> = None;
    for (_, _, sent) in &doc.sentences {
        let s = sent.text(text);
        let a = char_to_byte(s, raw.start);
        let b = char_to_byte(s, raw.end);
        if s.get(a..b) == Some(raw.text.as_str()) {
            return Some(Span::new(sent.start + a, sent.start + b));
        }
        for (pos, _) in s.match_indices(raw.text.as_str()) {
            let dist = pos.abs_diff(a);
            if nearest.is_none_or(|(d, _)| dist < d) {
                let span = Span::new(sent.start + pos, sent.start + pos + raw.text.len());
                nearest = Some((dist, span));
            }
        }
    }
    nearest.map(|(_, s)| s)
}

/// Loaded terms scored against BASIL's lexical-bias spans in the outlets' voice.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LoadedEval {
    /// Articles read.
    pub articles: usize,
    /// `bias: lex`, `quote: no` spans in the annotations of the articles.
    pub spans: usize,
    /// Of those, placed in the clean text.
    pub placed: usize,
    /// Placed spans overlapped by a loaded term in the outlet's voice.
    pub found_outlet: usize,
    /// Placed spans overlapped by a loaded term in either voice.
    pub found_any: usize,
    /// Of `found_outlet`, spans whose term lies inside a label of some actor.
    pub attached: usize,
    /// Of `found_outlet`, spans whose term is attached to BASIL's target.
    pub attached_to_target: usize,
    /// Placed spans whose sentence names the target (an actor of its statement).
    pub target_in_sentence: usize,
    /// Spans found by the outlet-voice terms, for `--examples`: (article, text, target, actor).
    pub found_examples: Vec<(String, String, String, String)>,
    /// Spans missed, for `--examples`: (article, text, target).
    pub missed_examples: Vec<(String, String, String)>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl LoadedEval {
    /// Placed spans found by a term in the outlet's voice.
    pub fn recall(&self) -> f64 {
        ratio(self.found_outlet, self.placed)
    }
    /// Placed spans found by a term in either voice.
    pub fn recall_any_voice(&self) -> f64 {
        ratio(self.found_any, self.placed)
    }
    /// Share of the found spans attached to BASIL's target.
    pub fn target_share(&self) -> f64 {
        ratio(self.attached_to_target, self.found_outlet)
    }

    /// The text report of `parallax eval loaded`.
    pub fn report(&self) -> String {
        format!(
            "BASIL lexical bias (outlet voice): {} articles, {} spans, {} placed in the clean text\n\
             {:<36} {:.3}  ({} found)\n\
             {:<36} {:.3}  ({} found)\n\
             {:<36} {:.3}  ({} of the found; {} attached to any actor)\n\
             {:<36} {:.3}  ({} of the placed)\n",
            self.articles,
            self.spans,
            self.placed,
            "recall, loaded terms (outlet voice)",
            self.recall(),
            self.found_outlet,
            "recall, loaded terms (either voice)",
            self.recall_any_voice(),
            self.found_any,
            "attached to the target",
            self.target_share(),
            self.attached_to_target,
            self.attached,
            "target named in the sentence",
            ratio(self.target_in_sentence, self.placed),
            self.target_in_sentence,
        )
    }
}

/// Scores `docs` against the spans of `annotations` (file stem -> raw spans).
pub fn score(docs: &[BasilDoc], annotations: &BTreeMap<String, Vec<RawSpan>>) -> LoadedEval {
    let mut e = LoadedEval {
        articles: docs.len(),
        ..Default::default()
    };
    for doc in docs {
        let Some(raws) = annotations.get(&doc.stem) else {
            continue;
        };
        let a = &doc.analyzed.analysis;
        for raw in raws {
            e.spans += 1;
            let Some(span) = place(doc, raw) else {
                continue;
            };
            e.placed += 1;
            let entity_name = |i: usize| a.entities.get(i).map_or("", |x| x.name.as_str());
            let names_target = a.statements.iter().any(|st| {
                st.span.contains(span)
                    && st
                        .actors
                        .iter()
                        .any(|&i| basil::same_actor(entity_name(i), &raw.target))
            });
            e.target_in_sentence += usize::from(names_target);
            let hits: Vec<_> = a.loaded.iter().filter(|l| l.span.overlaps(span)).collect();
            if !hits.is_empty() {
                e.found_any += 1;
            }
            let outlet: Vec<_> = hits.iter().filter(|l| l.voice == Voice::Outlet).collect();
            if outlet.is_empty() {
                e.missed_examples
                    .push((doc.stem.clone(), raw.text.clone(), raw.target.clone()));
                continue;
            }
            e.found_outlet += 1;
            let actors: Vec<&str> = a
                .labels
                .iter()
                .filter(|lb| outlet.iter().any(|t| lb.span.contains(t.span)))
                .map(|lb| entity_name(lb.entity))
                .collect();
            if !actors.is_empty() {
                e.attached += 1;
            }
            if actors.iter().any(|n| basil::same_actor(n, &raw.target)) {
                e.attached_to_target += 1;
            }
            e.found_examples.push((
                doc.stem.clone(),
                raw.text.clone(),
                raw.target.clone(),
                actors.first().copied().unwrap_or("-").to_string(),
            ));
        }
    }
    e
}

/// Reads every `<stem>_ann.json` under `dir/annotations` (or `dir`).
pub fn read_annotations(dir: &Path) -> Result<BTreeMap<String, Vec<RawSpan>>, String> {
    let root = if dir.join("annotations").is_dir() {
        dir.join("annotations")
    } else {
        dir.to_path_buf()
    };
    let mut files: Vec<PathBuf> = Vec::new();
    collect(&root, &mut files)?;
    let mut out = BTreeMap::new();
    for f in files {
        let name = f.display().to_string();
        let Some(stem) = f
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix("_ann.json"))
        else {
            continue;
        };
        let json = std::fs::read_to_string(&f).map_err(|e| format!("{name}: {e}"))?;
        out.insert(stem.to_string(), parse_annotations(&name, &json)?);
    }
    if out.is_empty() {
        return Err(format!(
            "{}: no BASIL annotations (expected annotations/<year>/*_ann.json)",
            dir.display()
        ));
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|e| {
            e.map(|e| e.path())
                .map_err(|e| format!("{}: {e}", dir.display()))
        })
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}

/// Analyses the BASIL articles under `dir` and scores their loaded terms against
/// the annotations beside them.
pub fn eval_basil(dir: &Path, analyzer: &Analyzer) -> Result<LoadedEval, String> {
    let annotations = read_annotations(dir)?;
    let docs = basil::load(dir, analyzer)?;
    Ok(score(&docs, &annotations))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lexical_outlet_spans_only() {
        let json = r#"{"phrase-level-annotations": [
            {"txt": "slammed", "start": 6, "end": 13, "bias": "lex", "quote": "no", "target": "Adam_Schiff"},
            {"txt": "x", "start": 0, "end": 1, "bias": "inf", "quote": "no", "target": "A"},
            {"txt": "y", "start": "2", "end": "3", "bias": "lex", "quote": "yes", "target": "A"},
            {"txt": "gut", "start": "4", "end": "7", "bias": "lex", "quote": "no", "target": "Donald_Trump"}
        ]}"#;
        let v = parse_annotations("a.json", json).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].target, "Adam Schiff");
        assert_eq!((v[1].start, v[1].end), (4, 7));
        assert!(
            parse_annotations("b.json", "{}")
                .unwrap_err()
                .contains("b.json")
        );
        let bad = r#"{"phrase-level-annotations": [{"txt": "a", "bias": "lex", "quote": "no"}]}"#;
        assert!(
            parse_annotations("c.json", bad)
                .unwrap_err()
                .contains("start")
        );
    }

    #[test]
    fn places_spans_by_character_offsets_in_their_sentence() {
        use parallax_core::{AnalyzedArticle, Article, Outlet};
        let text = "Intro.\n\nMaduro’s regime slammed them. He slammed back.".to_string();
        let paras = vec![
            vec!["Intro.".to_string()],
            vec![
                "Maduro’s regime slammed them.".to_string(),
                "He slammed back.".to_string(),
            ],
        ];
        let sentences = basil::locate(&text, &paras);
        let doc = BasilDoc {
            stem: "a_1".into(),
            source: "fox".into(),
            analyzed: AnalyzedArticle {
                article: Article::new(Outlet::named("fox"), Default::default(), text, Vec::new()),
                analysis: Default::default(),
            },
            sentences,
        };
        let raw = |start, end| RawSpan {
            text: "slammed".into(),
            start,
            end,
            target: "X".into(),
        };
        // Characters 16..23 of the first sentence (’ is one character, three bytes).
        let s = place(&doc, &raw(16, 23)).unwrap();
        assert_eq!(s.text(&doc.analyzed.article.text), "slammed");
        assert_eq!(s.start, 8 + 18);
        // Offsets of the second sentence: its own occurrence.
        let s2 = place(&doc, &raw(3, 10)).unwrap();
        assert_eq!(s2.start, 8 + 32 + 3);
        // Wrong offsets: the occurrence nearest them.
        assert!(place(&doc, &raw(40, 47)).is_some());
        let none = RawSpan {
            text: "absent".into(),
            start: 0,
            end: 6,
            target: "X".into(),
        };
        assert!(place(&doc, &none).is_none());
    }
}
