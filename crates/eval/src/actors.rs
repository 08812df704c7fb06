//! Actor mentions against Universal NER (UNER English PUD or EWT, IOB2 with
//! PER/ORG/LOC), and cross-article actor resolution against a hand-made gold for
//! the two example articles.
//!
//! **Mentions.** Two systems are scored on the same sentences with the same
//! scorer (exact span and type, seqeval/conlleval rules):
//! * `pipeline`: what users get, the actor layer of the full analysis
//!   ([`Analyzer::analyze_text`]) run on each gold *document* (its sentences'
//!   raw text joined by spaces, so that in-article resolution has the context an
//!   article gives it). A mention's byte span must equal the byte span of a gold
//!   entity's tokens in the raw text. Kinds map onto UNER's: person -> PER,
//!   org -> ORG, gpe and loc -> LOC (UNER has no GPE). Pronouns, descriptions
//!   ("the Prime Minister") and demonyms ("Cuban") are not names and UNER leaves
//!   them untagged, so they are not predictions.
//! * `tagger`: the `parallax-ner` CRF alone on each sentence's raw text, with its
//!   own tokenizer ([`Tagger::tag_text`]), spans compared the same way.
//!
//! Sentences whose gold tokens cannot be found in the raw text in order are left
//! out of both scores (and counted). PUD sentences whose id starts with `n` are
//! news and `w` Wikipedia; both halves are reported.
//!
//! **Resolution.** None of the UNER sets has coreference or identity gold, so
//! resolution is scored on `data/seed-identities.tsv`: every actor name in the
//! two example articles (`examples/seeds/`) with the identity it refers to,
//! written by hand. The articles are analysed and compared as `parallax compare`
//! does and the cross-article identities are scored with B-cubed over the gold
//! (article, surface) pairs.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use parallax_analyze::{ARTICLE_BUDGET, Analyzer};
use parallax_compare::identities;
use parallax_core::{ActorKind, AnalyzedArticle, Article, Mention, MentionForm};
use parallax_ingest::{Input, Read, ReadOptions, Reader};
use parallax_ner::EntityKind;
use parallax_ner::Tagger;
use parallax_ner::eval::{Sentence, align, parse_iob2, spans_from_tags};
use rayon::prelude::*;
use serde::Serialize;

use crate::Prf;

/// The UNER label of a pipeline mention, or `None` when UNER would not tag it
/// (pronouns, descriptions, nationality adjectives).
pub fn uner_kind(m: &Mention) -> Option<EntityKind> {
    match m.form {
        MentionForm::Pronoun | MentionForm::Description | MentionForm::Demonym => None,
        MentionForm::Name | MentionForm::Partial | MentionForm::Acronym => Some(match m.kind {
            ActorKind::Person => EntityKind::Person,
            ActorKind::Org => EntityKind::Org,
            ActorKind::Gpe | ActorKind::Loc => EntityKind::Loc,
        }),
    }
}

/// Precision, recall and F1 per UNER type and micro-averaged.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TypeScores {
    /// Persons.
    #[serde(rename = "PER")]
    pub per: Prf,
    /// Organisations.
    #[serde(rename = "ORG")]
    pub org: Prf,
    /// Locations (gpe and loc).
    #[serde(rename = "LOC")]
    pub loc: Prf,
    /// All types together.
    pub micro: Prf,
}

impl TypeScores {
    fn of(&mut self, k: EntityKind) -> &mut Prf {
        match k {
            EntityKind::Person => &mut self.per,
            EntityKind::Org => &mut self.org,
            EntityKind::Loc => &mut self.loc,
        }
    }

    /// Adds one sentence's gold and predicted spans (byte ranges with a type).
    pub fn add(
        &mut self,
        gold: &[(usize, usize, EntityKind)],
        pred: &[(usize, usize, EntityKind)],
    ) {
        let gold: BTreeSet<_> = gold.iter().copied().collect();
        let pred: BTreeSet<_> = pred.iter().copied().collect();
        for k in [EntityKind::Person, EntityKind::Org, EntityKind::Loc] {
            let g = gold.iter().filter(|s| s.2 == k).count();
            let p = pred.iter().filter(|s| s.2 == k).count();
            let tp = pred.iter().filter(|s| s.2 == k && gold.contains(s)).count();
            let c = Prf {
                tp_pred: tp,
                predicted: p,
                tp_gold: tp,
                gold: g,
            };
            self.of(k).add(c);
            self.micro.add(c);
        }
    }

    pub(crate) fn rows(&self, out: &mut String, system: &str) {
        for (label, c) in [
            ("PER", &self.per),
            ("ORG", &self.org),
            ("LOC", &self.loc),
            ("micro", &self.micro),
        ] {
            let _ = writeln!(
                out,
                "  {system:<9} {label:<6} P {:.3}  R {:.3}  F1 {:.3}   (pred {}, gold {})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.predicted,
                c.gold
            );
        }
    }
}

/// Scores of both systems on one part of the set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PartScores {
    /// `all`, or for PUD also `news` and `wiki`.
    pub part: String,
    /// Sentences scored.
    pub sentences: usize,
    /// Words in them.
    pub words: usize,
    /// The actor layer of the analysis pipeline.
    pub pipeline: TypeScores,
    /// The `parallax-ner` tagger alone.
    pub tagger: TypeScores,
}

/// One pipeline error, for reading (`--examples`).
#[derive(Debug, Clone, Serialize)]
pub struct MentionError {
    /// `missed` (gold, not predicted with this span and type) or `false`
    /// (predicted, not in the gold).
    pub kind: &'static str,
    /// The sentence, as text.
    pub sentence: String,
    /// The mention's words.
    pub text: String,
    /// Its UNER type (PER, ORG, LOC).
    pub label: &'static str,
}

/// Mention detection scored against UNER: the pipeline and the tagger per part of the set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MentionEval {
    /// The gold files read, in order.
    pub files: Vec<String>,
    /// Documents read.
    pub documents: usize,
    /// Sentences left out because their gold tokens are not in the raw text.
    pub unaligned_sentences: usize,
    /// The scores of each part (`all` first).
    pub parts: Vec<PartScores>,
    /// Seconds the pipeline took.
    #[serde(skip)]
    pub pipeline_seconds: f64,
    /// Seconds the tagger took.
    #[serde(skip)]
    pub tagger_seconds: f64,
    /// The pipeline's errors, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<MentionError>,
}

impl MentionEval {
    /// The part with every sentence.
    pub fn all(&self) -> &PartScores {
        self.parts
            .iter()
            .find(|p| p.part == "all")
            .expect("every evaluation has the part `all`")
    }

    /// The part of that name (`all`, and for PUD `news` and `wiki`), if it has one.
    pub fn part(&self, name: &str) -> Option<&PartScores> {
        self.parts.iter().find(|p| p.part == name)
    }

    /// The text report of `parallax eval actors`.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let words = self.all().words;
        let _ = writeln!(
            s,
            "UNER actor mentions: {} ({} documents, {} sentences, {} words{})",
            self.files.join(", "),
            self.documents,
            self.all().sentences,
            words,
            if self.unaligned_sentences > 0 {
                format!(
                    "; {} sentences left out: gold tokens not in the raw text",
                    self.unaligned_sentences
                )
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            s,
            "exact span + type; pipeline = the actor layer of `parallax analyze` on each document \
             (person->PER, org->ORG, gpe/loc->LOC; pronouns, descriptions, demonyms not counted); \
             tagger = parallax-ner alone on each sentence"
        );
        if self.pipeline_seconds > 0.0 && self.tagger_seconds > 0.0 {
            let _ = writeln!(
                s,
                "time: pipeline {:.2} s (whole analysis, {:.0} words/s), tagger {:.2} s ({:.0} words/s)",
                self.pipeline_seconds,
                words as f64 / self.pipeline_seconds,
                self.tagger_seconds,
                words as f64 / self.tagger_seconds
            );
        }
        if self.files.iter().any(|f| f.contains("ewt")) {
            let _ = writeln!(
                s,
                "note: parallax-ner is trained on UNER English-EWT: its figures here are on its own training data (PUD is the held-out set)"
            );
        }
        for p in &self.parts {
            let _ = writeln!(s, "{} ({} sentences):", p.part, p.sentences);
            p.pipeline.rows(&mut s, "pipeline");
            p.tagger.rows(&mut s, "tagger");
        }
        let _ = writeln!(
            s,
            "resolution: UNER has no coreference or identity gold; see `parallax eval actors --seeds`"
        );
        s
    }
}

/// The `.iob2` files of a UNER folder (or the file itself), sorted.
fn gold_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "iob2"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{}: no UNER gold here (expected *.iob2 files, as in uner-english-pud or uner-english-ewt)",
            dir.display()
        ));
    }
    Ok(files)
}

/// One gold document: its text and, per sentence, where it starts in the text
/// and its gold token offsets (None when the tokens are not in the raw text).
struct Doc<'a> {
    text: String,
    sents: Vec<DocSentence<'a>>,
}

/// A sentence, its start in the document text, its gold tokens' byte offsets.
type DocSentence<'a> = (&'a Sentence, usize, Option<Vec<(usize, usize)>>);

fn sentence_text(s: &Sentence) -> String {
    if s.text.is_empty() {
        s.tokens.join(" ")
    } else {
        s.text.clone()
    }
}

fn documents(sentences: &[Sentence]) -> Vec<Doc<'_>> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut last: Option<&str> = None;
    for s in sentences {
        if last != Some(s.doc.as_str()) || docs.is_empty() {
            docs.push(Doc {
                text: String::new(),
                sents: Vec::new(),
            });
            last = Some(s.doc.as_str());
        }
        let d = docs.last_mut().expect("pushed above");
        if !d.text.is_empty() {
            d.text.push(' ');
        }
        let start = d.text.len();
        let t = sentence_text(s);
        let offsets = align(&t, &s.tokens);
        d.text.push_str(&t);
        d.sents.push((s, start, offsets));
    }
    docs
}

/// Scores the pipeline and the tagger on the UNER gold in `dir` (a folder of
/// `.iob2` files or one file). `examples` caps the pipeline errors kept.
pub fn eval_uner(
    dir: &Path,
    analyzer: &Analyzer,
    tagger: &Tagger,
    examples: usize,
) -> Result<MentionEval, String> {
    let files = gold_files(dir)?;
    let mut sentences = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let before = sentences.len();
        sentences.extend(parse_iob2(&text));
        if sentences.len() == before {
            return Err(format!("{}: no sentences in IOB2 format", f.display()));
        }
    }
    let docs = documents(&sentences);

    let start = Instant::now();
    let analyses: Vec<Vec<(usize, usize, EntityKind)>> = docs
        .par_iter()
        .map(|d| {
            let a = analyzer.analyze_text(&d.text);
            a.mentions
                .iter()
                .filter_map(|m| uner_kind(m).map(|k| (m.span.start, m.span.end, k)))
                .collect()
        })
        .collect();
    let pipeline_seconds = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let tagged: Vec<Vec<Vec<(usize, usize, EntityKind)>>> = docs
        .par_iter()
        .map(|d| {
            d.sents
                .iter()
                .map(|(s, _, _)| {
                    tagger
                        .tag_text(&sentence_text(s))
                        .into_iter()
                        .map(|e| (e.start, e.end, e.kind))
                        .collect()
                })
                .collect()
        })
        .collect();
    let tagger_seconds = start.elapsed().as_secs_f64();

    let pud = sentences
        .iter()
        .all(|s| s.id.starts_with('n') || s.id.starts_with('w'));
    let mut parts: Vec<PartScores> = ["all", "news", "wiki"]
        .iter()
        .take(if pud { 3 } else { 1 })
        .map(|p| PartScores {
            part: p.to_string(),
            ..Default::default()
        })
        .collect();
    let mut unaligned = 0;
    let mut errors = Vec::new();
    for ((d, pipe), tags) in docs.iter().zip(&analyses).zip(&tagged) {
        for ((s, start, offsets), tag) in d.sents.iter().zip(tags) {
            let Some(offsets) = offsets else {
                unaligned += 1;
                continue;
            };
            let end = start + sentence_text(s).len();
            let gold: Vec<(usize, usize, EntityKind)> = spans_from_tags(&s.tags)
                .into_iter()
                .map(|(a, b, k)| (offsets[a].0, offsets[b - 1].1, k))
                .collect();
            let pred: Vec<(usize, usize, EntityKind)> = pipe
                .iter()
                .filter(|m| *start <= m.0 && m.1 <= end)
                .map(|&(a, b, k)| (a - start, b - start, k))
                .collect();
            for p in parts.iter_mut() {
                let keep = match p.part.as_str() {
                    "news" => s.id.starts_with('n'),
                    "wiki" => s.id.starts_with('w'),
                    _ => true,
                };
                if keep {
                    p.sentences += 1;
                    p.words += s.tokens.len();
                    p.pipeline.add(&gold, &pred);
                    p.tagger.add(&gold, tag);
                }
            }
            if errors.len() < examples {
                let t = sentence_text(s);
                for (kind, xs, ys) in [("missed", &gold, &pred), ("false", &pred, &gold)] {
                    for x in xs.iter().filter(|x| !ys.contains(x)) {
                        errors.push(MentionError {
                            kind,
                            sentence: s.id.clone(),
                            text: t.get(x.0..x.1).unwrap_or("").to_string(),
                            label: x.2.label(),
                        });
                    }
                }
            }
        }
    }
    errors.truncate(examples);
    Ok(MentionEval {
        files: files
            .iter()
            .map(|f| {
                f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect(),
        documents: docs.len(),
        unaligned_sentences: unaligned,
        parts,
        pipeline_seconds,
        tagger_seconds,
        errors,
    })
}

/// The built-in resolution gold for `examples/seeds/` (see the file's header).
pub const SEED_GOLD: &str = include_str!("../data/seed-identities.tsv");

/// One gold line: in the article whose file name starts with `article`, the
/// name `surface` refers to the actor `identity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldName {
    /// The article's file-name prefix.
    pub article: String,
    /// The name, as written.
    pub surface: String,
    /// The actor it refers to.
    pub identity: String,
}

/// Parses `article<TAB>surface<TAB>identity` lines (`#` comments, blank lines).
pub fn parse_identity_gold(text: &str) -> Result<Vec<GoldName>, String> {
    let mut out: Vec<GoldName> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [article, surface, identity] = cols[..] else {
            return Err(format!(
                "line {}: expected article<TAB>surface<TAB>identity, got {line:?}",
                i + 1
            ));
        };
        if article.is_empty() || surface.is_empty() || identity.is_empty() {
            return Err(format!("line {}: empty column", i + 1));
        }
        if out
            .iter()
            .any(|g| g.article == article && g.surface == surface)
        {
            return Err(format!(
                "line {}: {surface:?} in {article} is listed twice",
                i + 1
            ));
        }
        out.push(GoldName {
            article: article.to_string(),
            surface: surface.to_string(),
            identity: identity.to_string(),
        });
    }
    if out.is_empty() {
        return Err("no gold lines".to_string());
    }
    Ok(out)
}

/// A gold name and what parallax made of it.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedName {
    /// The article's file-name prefix.
    pub article: String,
    /// The name, as written.
    pub surface: String,
    /// The gold identity.
    pub gold: String,
    /// The identity id parallax gave the mentions with this surface, or `None`
    /// when it found no such mention.
    pub predicted: Option<String>,
}

/// Cross-article actor resolution scored against the hand-made gold of the example
/// articles.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResolutionEval {
    /// Articles read.
    pub articles: usize,
    /// Gold (article, surface) pairs scored.
    pub names: usize,
    /// Identities in the gold.
    pub gold_identities: usize,
    /// Identities parallax made of the gold names.
    pub predicted_identities: usize,
    /// Gold names parallax found no mention for (scored as singletons).
    pub not_found: usize,
    /// B-cubed precision over the names.
    pub bcubed_precision: f64,
    /// B-cubed recall over the names.
    pub bcubed_recall: f64,
    /// B-cubed F1.
    pub bcubed_f1: f64,
    /// Pairwise over name pairs: same gold identity vs same predicted identity.
    pub pairwise: Prf,
    /// Each gold name and what parallax made of it.
    pub details: Vec<ResolvedName>,
}

impl ResolutionEval {
    /// The text report of `parallax eval actors --seeds` (`verbose`: every split and
    /// merge).
    pub fn report(&self, verbose: bool) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "actor resolution across articles: {} articles, {} gold names, {} gold identities, {} predicted; {} names not found as mentions",
            self.articles,
            self.names,
            self.gold_identities,
            self.predicted_identities,
            self.not_found
        );
        let _ = writeln!(
            s,
            "{:<28} P {:.3}  R {:.3}  F1 {:.3}",
            "B-cubed (names)", self.bcubed_precision, self.bcubed_recall, self.bcubed_f1
        );
        let _ = writeln!(s, "{}", self.pairwise.line("pairwise (name pairs)"));
        // Which gold identities are split and which predicted ones mix actors.
        let mut by_gold: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        let mut by_pred: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for d in &self.details {
            by_gold
                .entry(d.gold.as_str())
                .or_default()
                .insert(d.predicted.clone().unwrap_or_else(|| "(not found)".into()));
            if let Some(p) = &d.predicted {
                by_pred
                    .entry(p.as_str())
                    .or_default()
                    .insert(d.gold.as_str());
            }
        }
        for (g, ps) in &by_gold {
            if ps.len() > 1 {
                let ps: Vec<&str> = ps.iter().map(String::as_str).collect();
                let _ = writeln!(s, "  split: {g} -> {}", ps.join(", "));
            }
        }
        for (p, gs) in &by_pred {
            if gs.len() > 1 {
                let gs: Vec<&str> = gs.iter().copied().collect();
                let _ = writeln!(s, "  merged: {p} <- {}", gs.join(", "));
            }
        }
        if verbose {
            for d in &self.details {
                let _ = writeln!(
                    s,
                    "  {:<12} {:<45} gold {:<32} parallax {}",
                    d.article,
                    d.surface,
                    d.gold,
                    d.predicted.as_deref().unwrap_or("(not found)")
                );
            }
        }
        let _ = writeln!(
            s,
            "(none of the UNER sets has coreference gold: this hand-made gold is what resolution across articles is scored on)"
        );
        s
    }
}

/// Analyses and compares the articles in `dir` as `parallax compare` does and
/// scores the identities against `gold` (see [`parse_identity_gold`]).
pub fn eval_seed_identities(
    dir: &Path,
    gold: &[GoldName],
    analyzer: &Analyzer,
) -> Result<ResolutionEval, String> {
    // Through the one pipeline, as `parallax compare` reads the same folder.
    let mut reader = Reader::new(ReadOptions::default());
    let (articles, other) = reader.read_all(Input::Paths(&[dir.to_path_buf()]));
    if let Some(Read::Failed(e)) = other.iter().find(|r| matches!(r, Read::Failed(_))) {
        return Err(e.to_string());
    }
    if articles.is_empty() {
        return Err(format!("{}: no articles", dir.display()));
    }
    // The gold names articles by the start of their file name.
    let file_of = |a: &Article| {
        Path::new(&a.meta.source)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let analyzed: Vec<AnalyzedArticle> = analyzer
        .analyze_batch(articles, ARTICLE_BUDGET, &|| {})
        .into_iter()
        .map(|r| r.map_err(|r| format!("{}: {}", r.article.meta.source, r.reason)))
        .collect::<Result<_, _>>()?;
    let names: Vec<String> = analyzed.iter().map(|a| file_of(&a.article)).collect();
    let details = resolve_names(&analyzed, &names, gold, &dir.display().to_string())?;
    Ok(score_resolution(analyzed.len(), details))
}

/// The built-in identity gold for the BASIL dev articles (see the file's header).
pub const BASIL_GOLD: &str = include_str!("../data/basil-identities.tsv");

/// Analyses the BASIL articles of `dir` (read as `parallax eval speakers` reads
/// them), compares them as `parallax compare` does and scores the identities
/// against `gold`, whose articles are BASIL file stems.
pub fn eval_basil_identities(
    dir: &Path,
    gold: &[GoldName],
    analyzer: &Analyzer,
) -> Result<ResolutionEval, String> {
    let docs = crate::basil::load(dir, analyzer)?;
    let names: Vec<String> = docs.iter().map(|d| d.stem.clone()).collect();
    let analyzed: Vec<AnalyzedArticle> = docs.into_iter().map(|d| d.analyzed).collect();
    let details = resolve_names(&analyzed, &names, gold, &dir.display().to_string())?;
    Ok(score_resolution(analyzed.len(), details))
}

/// Builds the corpus identities of `analyzed` (articles named by `names`) and
/// gives each gold name the identity most of the mentions with its surface got in
/// its article (ties: the smallest id, so the result is deterministic).
pub fn resolve_names(
    analyzed: &[AnalyzedArticle],
    names: &[String],
    gold: &[GoldName],
    source: &str,
) -> Result<Vec<ResolvedName>, String> {
    let table = identities::build(analyzed);
    let mut details = Vec::new();
    for g in gold {
        let hits: Vec<usize> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.starts_with(&g.article))
            .map(|(i, _)| i)
            .collect();
        let &[ai] = &hits[..] else {
            return Err(format!(
                "gold article {:?} matches {} articles in {source}",
                g.article,
                hits.len(),
            ));
        };
        let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
        for m in analyzed[ai]
            .analysis
            .mentions
            .iter()
            .filter(|m| m.text == g.surface)
        {
            if let Some(id) = table.identity_of(ai, m.entity) {
                *votes.entry(id.id.as_str()).or_default() += 1;
            }
        }
        let predicted = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(id, _)| id.to_string());
        details.push(ResolvedName {
            article: g.article.clone(),
            surface: g.surface.clone(),
            gold: g.identity.clone(),
            predicted,
        });
    }
    Ok(details)
}

/// B-cubed and pairwise scores of predicted identities against gold ones; a name
/// with no prediction is a cluster of its own.
pub fn score_resolution(articles: usize, details: Vec<ResolvedName>) -> ResolutionEval {
    let s = crate::stories::score_labels(
        details
            .iter()
            .map(|d| (d.gold.as_str(), d.predicted.as_deref())),
    );
    let predicted_identities = details
        .iter()
        .filter_map(|d| d.predicted.as_deref())
        .collect::<BTreeSet<_>>()
        .len();
    ResolutionEval {
        articles,
        names: details.len(),
        gold_identities: s.events,
        predicted_identities,
        not_found: details.iter().filter(|d| d.predicted.is_none()).count(),
        bcubed_precision: s.bcubed_precision,
        bcubed_recall: s.bcubed_recall,
        bcubed_f1: s.bcubed_f1(),
        pairwise: s.pairwise,
        details,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(article: &str, surface: &str, gold: &str, pred: Option<&str>) -> ResolvedName {
        ResolvedName {
            article: article.into(),
            surface: surface.into(),
            gold: gold.into(),
            predicted: pred.map(str::to_string),
        }
    }

    #[test]
    fn resolution_scores() {
        let perfect = score_resolution(
            2,
            vec![
                name("a", "Maduro", "maduro", Some("p:m")),
                name("b", "Nicolás Maduro", "maduro", Some("p:m")),
                name("a", "Cuba", "cuba", Some("g:c")),
            ],
        );
        assert!((perfect.bcubed_f1 - 1.0).abs() < 1e-9);
        // Two actors merged into one: precision drops, recall stays.
        let merged = score_resolution(
            1,
            vec![
                name("a", "Fidel Castro", "fidel", Some("p:castro")),
                name("a", "Raúl Castro", "raul", Some("p:castro")),
            ],
        );
        assert!((merged.bcubed_precision - 0.5).abs() < 1e-9);
        assert!((merged.bcubed_recall - 1.0).abs() < 1e-9);
        // A name not found counts as a singleton: recall drops.
        let missed = score_resolution(
            1,
            vec![
                name("a", "ALBA", "alba", Some("o:alba")),
                name("a", "Alba", "alba", None),
            ],
        );
        assert_eq!(missed.not_found, 1);
        assert!((missed.bcubed_recall - 0.5).abs() < 1e-9);
        assert!((missed.bcubed_precision - 1.0).abs() < 1e-9);
        // Two missing names never share a cluster.
        let two = score_resolution(
            1,
            vec![name("a", "X", "x", None), name("a", "Y", "x", None)],
        );
        assert!((two.bcubed_recall - 0.5).abs() < 1e-9);
    }

    #[test]
    fn gold_parsing() {
        let g = parse_identity_gold("# c\n\nbreitbart\tALBA\talba\nmorning\tAlba\talba\n").unwrap();
        assert_eq!(g.len(), 2);
        assert!(parse_identity_gold("a\tb\n").is_err());
        assert!(parse_identity_gold("a\tb\tc\na\tb\td\n").is_err());
        assert!(parse_identity_gold("# only comments\n").is_err());
        assert!(parse_identity_gold(SEED_GOLD).is_ok());
    }

    #[test]
    fn uner_kinds() {
        let m = |kind, form| Mention {
            span: parallax_core::Span::new(0, 1),
            text: "x".into(),
            kind,
            form,
            entity: 0,
            rule: parallax_core::MentionRule::FullName,
            confidence: 1.0,
        };
        assert_eq!(
            uner_kind(&m(ActorKind::Gpe, MentionForm::Name)),
            Some(EntityKind::Loc)
        );
        assert_eq!(
            uner_kind(&m(ActorKind::Person, MentionForm::Partial)),
            Some(EntityKind::Person)
        );
        assert_eq!(uner_kind(&m(ActorKind::Gpe, MentionForm::Demonym)), None);
        assert_eq!(uner_kind(&m(ActorKind::Person, MentionForm::Pronoun)), None);
    }

    #[test]
    fn mentions_scored_on_a_small_gold() {
        let dir = std::env::temp_dir().join(format!("parallax-uner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("x.iob2");
        std::fs::write(
            &f,
            "# newdoc id = n1\n# sent_id = n1-1\n# text = Nicolás Maduro spoke in Caracas.\n\
             1\tNicolás\tB-PER\t-\t-\n2\tMaduro\tI-PER\t-\t-\n3\tspoke\tO\t-\t-\n4\tin\tO\t-\t-\n5\tCaracas\tB-LOC\t-\t-\n6\t.\tO\t-\t-\n\n\
             # sent_id = n1-2\n# text = Maduro left.\n1\tMaduro\tB-PER\t-\t-\n2\tleft\tO\t-\t-\n3\t.\tO\t-\t-\n\n",
        )
        .unwrap();
        let r = eval_uner(&dir, &Analyzer::new(), Tagger::embedded(), 10).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(r.documents, 1);
        let all = r.all();
        assert_eq!(all.sentences, 2);
        assert_eq!(all.pipeline.micro.gold, 3);
        // The second sentence's "Maduro" is found only through the document:
        // the surname of the full name in the first sentence.
        assert_eq!(all.pipeline.per.tp_gold, 2, "{:?}", r.errors);
        assert_eq!(all.pipeline.loc.tp_gold, 1, "{:?}", r.errors);
        assert!(r.report().contains("micro"));
        assert!(
            eval_uner(
                Path::new("/nonexistent/uner"),
                &Analyzer::new(),
                Tagger::embedded(),
                0
            )
            .is_err()
        );
    }
}
