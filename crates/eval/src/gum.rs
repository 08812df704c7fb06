//! Actor names and cross-document identities against GUM (`../shared/data/gum-dev`,
//! the Georgetown University Multilayer corpus in CoNLL-U; read by
//! [`parallax_ner::gum`]).
//!
//! **Names.** The gold is GUM's named mentions in UNER's conventions
//! ([`parallax_ner::gum`] says how): GUM `person` -> PER, `organization` -> ORG,
//! `place` -> LOC; GUM's other types (`event`, `object`, `abstract`, `time`,
//! `substance`, `plant`, `animal`) have no actor kind and are not gold, nor are
//! plural person groups ("Muslims", "the Democrats"). parallax's kinds map as for
//! UNER: person -> PER, org -> ORG, gpe and loc -> LOC; pronouns, descriptions and
//! demonyms are not names. Two systems on the same text, exact span and type:
//! `pipeline`, the actor layer of the whole analysis on each document (sentences
//! joined by spaces, paragraphs by a blank line), and `tagger`, `parallax-ner`
//! alone on each sentence. Beside the typed scores: an untyped score (span alone,
//! so boundary errors and type errors can be told apart) and `other`, the
//! pipeline's names on GUM names of the other types (named events, works,
//! products: no actors), which count as false names.
//!
//! **Identities.** GUM links named entities to Wikipedia titles, across its
//! documents. Every document is analysed as an article and all are compared as
//! `parallax compare` does ([`identities::build`]); each gold name gets the identity
//! of the pipeline's name mention on its words (the same span, else the one holding
//! the name's head word that covers most of it; pronouns, descriptions and demonyms
//! are no names). The gold identity of a name is its Wikipedia title, or for a name
//! GUM does not link its chain in that document. Scored with B-cubed over the
//! names: over all of them (a name parallax did not find is a cluster of its own)
//! and over those found.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use parallax_analyze::Analyzer;
use parallax_compare::identities;
use parallax_core::{Analysis, AnalyzedArticle, Article, ArticleMeta, MentionForm, Outlet};
use parallax_ner::gum::{GumDoc, read_gum};
use parallax_ner::{EntityKind, Tagger};
use rayon::prelude::*;
use serde::Serialize;

use crate::actors::{TypeScores, uner_kind};
use crate::stories::score_labels;
use crate::{Prf, actors::MentionError};

/// GUM read and analysed once: each document, its text, each sentence's start in
/// it and the analysis of the text.
pub struct GumCorpus {
    /// The documents, in file order.
    pub docs: Vec<GumDoc>,
    /// Each document's text and each sentence's byte start in it.
    pub texts: Vec<(String, Vec<usize>)>,
    /// The analysis of each text.
    pub analyses: Vec<Analysis>,
    /// Seconds the analysis took.
    pub seconds: f64,
}

impl GumCorpus {
    /// Reads the GUM folder `dir` (or one `.conllu` file) and analyses every
    /// document with `analyzer`.
    pub fn load(dir: &Path, analyzer: &Analyzer) -> Result<GumCorpus, String> {
        let docs = read_gum(dir)?;
        let texts: Vec<(String, Vec<usize>)> = docs.iter().map(GumDoc::text).collect();
        let start = Instant::now();
        let analyses: Vec<Analysis> = texts
            .par_iter()
            .map(|(t, _)| analyzer.analyze_text(t))
            .collect();
        Ok(GumCorpus {
            docs,
            texts,
            analyses,
            seconds: start.elapsed().as_secs_f64(),
        })
    }

    /// Words in the corpus.
    pub fn words(&self) -> usize {
        self.docs
            .iter()
            .flat_map(|d| &d.sentences)
            .map(|s| s.words.len())
            .sum()
    }

    /// Byte span in document `d`'s text of words `start..end` of sentence `sent`.
    pub fn span(&self, d: usize, sent: usize, start: usize, end: usize) -> Option<(usize, usize)> {
        let (a, b) = self.docs[d].word_span(sent, start, end)?;
        let s = self.texts[d].1[sent];
        Some((s + a, s + b))
    }
}

/// Scores of the two systems on one part of GUM (all documents, or one genre).
#[derive(Debug, Clone, Default, Serialize)]
pub struct GumPart {
    /// `all` or a genre.
    pub part: String,
    /// Documents.
    pub documents: usize,
    /// Words.
    pub words: usize,
    /// The actor layer of the analysis.
    pub pipeline: TypeScores,
    /// The tagger alone.
    pub tagger: TypeScores,
}

/// GUM name mentions scored (see the module docs).
#[derive(Debug, Clone, Default, Serialize)]
pub struct GumNameEval {
    /// Documents read.
    pub documents: usize,
    /// Sentences left out: their words are not in the sentence text in order.
    pub unaligned_sentences: usize,
    /// All documents first, then each genre.
    pub parts: Vec<GumPart>,
    /// The pipeline with spans alone (any type on the right words is right).
    pub pipeline_untyped: Prf,
    /// The tagger with spans alone.
    pub tagger_untyped: Prf,
    /// Pipeline names on the words of a GUM name of another type (event, work,
    /// object...), and how many such GUM names there are.
    pub other: Prf,
    /// Seconds the pipeline took (the whole analysis).
    #[serde(skip)]
    pub pipeline_seconds: f64,
    /// Seconds the tagger took.
    #[serde(skip)]
    pub tagger_seconds: f64,
    /// The pipeline's errors, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<MentionError>,
}

impl GumNameEval {
    /// The part with every document.
    pub fn all(&self) -> &GumPart {
        &self.parts[0]
    }

    /// The text report.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let all = self.all();
        let _ = writeln!(
            s,
            "GUM name mentions: {} documents, {} words{}",
            self.documents,
            all.words,
            if self.unaligned_sentences > 0 {
                format!(
                    "; {} sentences left out: words not in the sentence text",
                    self.unaligned_sentences
                )
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            s,
            "exact span + type; gold: GUM's named person/organization/place mentions in UNER's conventions \
             (person->PER, organization->ORG, place->LOC; other GUM types and plural person groups are no actors); \
             pipeline = the actor layer of the analysis on each document (person->PER, org->ORG, gpe/loc->LOC); \
             tagger = parallax-ner alone on each sentence"
        );
        if self.pipeline_seconds > 0.0 && self.tagger_seconds > 0.0 {
            let _ = writeln!(
                s,
                "time: pipeline {:.2} s (whole analysis, {:.0} words/s), tagger {:.2} s ({:.0} words/s)",
                self.pipeline_seconds,
                all.words as f64 / self.pipeline_seconds,
                self.tagger_seconds,
                all.words as f64 / self.tagger_seconds
            );
        }
        let _ = writeln!(s, "all ({} documents):", all.documents);
        all.pipeline.rows(&mut s, "pipeline");
        all.tagger.rows(&mut s, "tagger");
        let _ = writeln!(
            s,
            "  {:<16} P {:.3}  R {:.3}  F1 {:.3}   (pred {}, gold {})",
            "pipeline untyped",
            self.pipeline_untyped.precision(),
            self.pipeline_untyped.recall(),
            self.pipeline_untyped.f1(),
            self.pipeline_untyped.predicted,
            self.pipeline_untyped.gold
        );
        let _ = writeln!(
            s,
            "  {:<16} P {:.3}  R {:.3}  F1 {:.3}   (pred {}, gold {})",
            "tagger untyped",
            self.tagger_untyped.precision(),
            self.tagger_untyped.recall(),
            self.tagger_untyped.f1(),
            self.tagger_untyped.predicted,
            self.tagger_untyped.gold
        );
        let _ = writeln!(
            s,
            "  other: {} pipeline names fall on GUM names of other types (events, works, objects; {} such names), counted false",
            self.other.tp_pred, self.other.gold
        );
        let _ = writeln!(s, "per genre (micro F1, pipeline / tagger):");
        for p in &self.parts[1..] {
            let _ = writeln!(
                s,
                "  {:<10} {:>3} docs {:>6} words  pipeline {:.3} (gold {:>4})  tagger {:.3}",
                p.part,
                p.documents,
                p.words,
                p.pipeline.micro.f1(),
                p.pipeline.micro.gold,
                p.tagger.micro.f1()
            );
        }
        s
    }
}

type KSpan = (usize, usize, EntityKind);

/// Scores the pipeline (from `corpus`'s analyses) and `tagger` on GUM's name
/// mentions. `examples` caps the pipeline errors kept.
pub fn eval_gum_names(corpus: &GumCorpus, tagger: &Tagger, examples: usize) -> GumNameEval {
    let start = Instant::now();
    let tagged: Vec<Vec<Vec<KSpan>>> = corpus
        .docs
        .par_iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| {
                    tagger
                        .tag_text(&s.text)
                        .into_iter()
                        .map(|e| (e.start, e.end, e.kind))
                        .collect()
                })
                .collect()
        })
        .collect();
    let tagger_seconds = start.elapsed().as_secs_f64();

    let mut genres: BTreeMap<String, GumPart> = BTreeMap::new();
    let mut all = GumPart {
        part: "all".into(),
        ..Default::default()
    };
    let mut out = GumNameEval {
        documents: corpus.docs.len(),
        pipeline_seconds: corpus.seconds,
        tagger_seconds,
        ..Default::default()
    };
    for (di, d) in corpus.docs.iter().enumerate() {
        let g = genres.entry(d.genre.clone()).or_insert_with(|| GumPart {
            part: d.genre.clone(),
            ..Default::default()
        });
        g.documents += 1;
        all.documents += 1;
        let (text, starts) = &corpus.texts[di];
        let pipe: Vec<KSpan> = corpus.analyses[di]
            .mentions
            .iter()
            .filter_map(|m| uner_kind(m).map(|k| (m.span.start, m.span.end, k)))
            .collect();
        for (si, s) in d.sentences.iter().enumerate() {
            let Some(_) = &s.offsets else {
                out.unaligned_sentences += 1;
                continue;
            };
            let (lo, hi) = (starts[si], starts[si] + s.text.len());
            let gold: Vec<KSpan> = d
                .names
                .iter()
                .filter(|n| n.sent == si)
                .filter_map(|n| {
                    corpus
                        .span(di, si, n.start, n.end)
                        .map(|(a, b)| (a, b, n.kind))
                })
                .collect();
            let pred: Vec<KSpan> = pipe
                .iter()
                .copied()
                .filter(|m| lo <= m.0 && m.1 <= hi)
                .collect();
            let tag: Vec<KSpan> = tagged[di][si]
                .iter()
                .map(|&(a, b, k)| (a + lo, b + lo, k))
                .collect();
            for p in [&mut all, &mut *g] {
                p.words += s.words.len();
                p.pipeline.add(&gold, &pred);
                p.tagger.add(&gold, &tag);
            }
            out.pipeline_untyped.add(untyped(&gold, &pred));
            out.tagger_untyped.add(untyped(&gold, &tag));
            // GUM names of the other types in this sentence.
            let others: BTreeSet<(usize, usize)> = d
                .mentions
                .iter()
                .filter(|m| {
                    m.sent == si && !matches!(m.etype.as_str(), "person" | "organization" | "place")
                })
                .filter(|m| d.sentences[si].words[m.head].upos == "PROPN")
                .filter_map(|m| corpus.span(di, si, m.start, m.end))
                .collect();
            let hits = pred
                .iter()
                .filter(|p| {
                    !gold.iter().any(|g| (g.0, g.1) == (p.0, p.1))
                        && others.iter().any(|o| o.0 <= p.0 && p.1 <= o.1)
                })
                .count();
            out.other.add(Prf {
                tp_pred: hits,
                predicted: hits,
                tp_gold: 0,
                gold: others.len(),
            });
            if out.errors.len() < examples {
                for (kind, xs, ys) in [("missed", &gold, &pred), ("false", &pred, &gold)] {
                    for x in xs.iter().filter(|x| !ys.contains(x)) {
                        out.errors.push(MentionError {
                            kind,
                            sentence: s.id.clone(),
                            text: text.get(x.0..x.1).unwrap_or("").to_string(),
                            label: x.2.label(),
                        });
                    }
                }
            }
        }
    }
    out.errors.truncate(examples);
    out.parts.push(all);
    out.parts.extend(genres.into_values());
    out
}

/// Span-only counts: a prediction is right on the words of any gold name.
fn untyped(gold: &[KSpan], pred: &[KSpan]) -> Prf {
    let g: BTreeSet<(usize, usize)> = gold.iter().map(|x| (x.0, x.1)).collect();
    let p: BTreeSet<(usize, usize)> = pred.iter().map(|x| (x.0, x.1)).collect();
    let tp = p.intersection(&g).count();
    Prf {
        tp_pred: tp,
        predicted: p.len(),
        tp_gold: tp,
        gold: g.len(),
    }
}

/// One gold name in the identity scoring.
#[derive(Debug, Clone, Serialize)]
pub struct IdentityItem {
    /// The document id.
    pub doc: String,
    /// The name, as written.
    pub text: String,
    /// The gold identity: a Wikipedia title, or `doc#chain` for a name GUM does
    /// not link.
    pub gold: String,
    /// The identity parallax gave it, `None` when no mention covers it.
    pub predicted: Option<String>,
}

/// Cross-document identities on GUM (see the module docs).
#[derive(Debug, Clone, Default, Serialize)]
pub struct GumIdentityEval {
    /// Documents compared.
    pub documents: usize,
    /// Gold names scored.
    pub names: usize,
    /// Of them, linked to Wikipedia.
    pub linked: usize,
    /// Wikipedia identities named in more than one document.
    pub cross_document_identities: usize,
    /// Names no pipeline mention covers.
    pub not_found: usize,
    /// B-cubed precision over every name (a name not found is its own cluster).
    pub bcubed_precision: f64,
    /// B-cubed recall over every name.
    pub bcubed_recall: f64,
    /// B-cubed F1 over every name.
    pub bcubed_f1: f64,
    /// B-cubed precision over the names found.
    pub found_precision: f64,
    /// B-cubed recall over the names found.
    pub found_recall: f64,
    /// B-cubed F1 over the names found.
    pub found_f1: f64,
    /// B-cubed F1 over every name if every name found had its gold identity and
    /// the names not found stayed their own clusters: the most that resolution can
    /// reach with the names the actor layer finds.
    pub found_ceiling_f1: f64,
    /// Pairwise over name pairs (every name).
    pub pairwise: Prf,
    /// Every name and what parallax made of it.
    #[serde(skip)]
    pub items: Vec<IdentityItem>,
}

impl GumIdentityEval {
    /// The text report (`examples`: that many split and merged identities).
    pub fn report(&self, examples: usize) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "GUM identities across documents: {} documents compared as `parallax compare` does; {} gold names ({} linked to Wikipedia, {} Wikipedia identities in more than one document); {} names not found",
            self.documents, self.names, self.linked, self.cross_document_identities, self.not_found
        );
        let _ = writeln!(
            s,
            "{:<28} P {:.3}  R {:.3}  F1 {:.3}",
            "B-cubed (every name)", self.bcubed_precision, self.bcubed_recall, self.bcubed_f1
        );
        let _ = writeln!(
            s,
            "{:<28} P {:.3}  R {:.3}  F1 {:.3}",
            "B-cubed (names found)", self.found_precision, self.found_recall, self.found_f1
        );
        let _ = writeln!(
            s,
            "{:<28} F1 {:.3}   (every name; names found given their gold identity, names not found alone)",
            "ceiling of the names found", self.found_ceiling_f1
        );
        let _ = writeln!(s, "{}", self.pairwise.line("pairwise (every name)"));
        if examples > 0 {
            let mut by_gold: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
            let mut by_pred: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
            for i in &self.items {
                let p = i.predicted.as_deref().unwrap_or("(not found)");
                *by_gold.entry(&i.gold).or_default().entry(p).or_default() += 1;
                if let Some(p) = &i.predicted {
                    *by_pred.entry(p).or_default().entry(&i.gold).or_default() += 1;
                }
            }
            let fmt = |m: &BTreeMap<&str, usize>| {
                m.iter()
                    .map(|(k, n)| format!("{k} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut merged: Vec<_> = by_pred.iter().filter(|(_, g)| g.len() > 1).collect();
            merged.sort_by_key(|(_, g)| std::cmp::Reverse(g.values().sum::<usize>()));
            for (p, g) in merged.into_iter().take(examples) {
                let _ = writeln!(s, "  merged: {p} <- {}", fmt(g));
            }
            let mut split: Vec<_> = by_gold
                .iter()
                .filter(|(_, p)| p.keys().filter(|k| **k != "(not found)").count() > 1)
                .collect();
            split.sort_by_key(|(_, p)| std::cmp::Reverse(p.values().sum::<usize>()));
            for (g, p) in split.into_iter().take(examples) {
                let _ = writeln!(s, "  split: {g} -> {}", fmt(p));
            }
            // the names no mention covers, the most often missed first
            let mut missed: BTreeMap<(&str, &str), usize> = BTreeMap::new();
            for i in self.items.iter().filter(|i| i.predicted.is_none()) {
                *missed.entry((&i.text, &i.gold)).or_default() += 1;
            }
            let mut missed: Vec<_> = missed.into_iter().collect();
            missed.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
            for ((text, gold), n) in missed.into_iter().take(examples) {
                let _ = writeln!(s, "  not found: {text:?} ({gold}) x{n}");
            }
        }
        s
    }
}

/// Compares every document of `corpus` as `parallax compare` does and scores the
/// identities of GUM's names (see the module docs).
pub fn eval_gum_identities(corpus: &GumCorpus) -> GumIdentityEval {
    let articles: Vec<AnalyzedArticle> = corpus
        .docs
        .iter()
        .zip(&corpus.texts)
        .zip(&corpus.analyses)
        .map(|((d, (text, _)), a)| {
            let meta = ArticleMeta {
                source: d.id.clone(),
                ..Default::default()
            };
            AnalyzedArticle {
                article: Article::new(Outlet::named("GUM"), meta, text.clone(), vec![]),
                analysis: a.clone(),
            }
        })
        .collect();
    let table = identities::build(&articles);
    let mut items = Vec::new();
    let mut docs_of: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    let mut linked = 0;
    for (di, d) in corpus.docs.iter().enumerate() {
        let a = &corpus.analyses[di];
        for n in &d.names {
            let Some((s, e)) = corpus.span(di, n.sent, n.start, n.end) else {
                continue;
            };
            let m = &d.mentions[n.mention];
            if let Some(id) = &m.identity {
                docs_of.entry(id).or_default().insert(di);
                linked += 1;
            }
            // The mention on these words, else the one covering most of them
            // that holds the name's head word.
            let Some(head) = corpus.span(di, n.sent, m.head, m.head + 1) else {
                continue;
            };
            let best = a
                .mentions
                .iter()
                .filter(|m| {
                    !matches!(
                        m.form,
                        MentionForm::Pronoun | MentionForm::Description | MentionForm::Demonym
                    )
                })
                .filter(|m| m.span.start <= head.0 && head.1 <= m.span.end)
                .max_by_key(|m| {
                    let overlap = m.span.end.min(e) - m.span.start.max(s);
                    (
                        (m.span.start, m.span.end) == (s, e),
                        overlap,
                        std::cmp::Reverse(m.span.start),
                    )
                });
            let predicted = best
                .and_then(|m| table.identity_of(di, m.entity))
                .map(|i| i.id.clone());
            items.push(IdentityItem {
                doc: d.id.clone(),
                text: corpus.texts[di].0[s..e].to_string(),
                gold: m
                    .identity
                    .clone()
                    .unwrap_or_else(|| format!("{}#{}", d.id, m.eid)),
                predicted,
            });
        }
    }
    let score = |items: &[&IdentityItem]| {
        score_labels(
            items
                .iter()
                .map(|i| (i.gold.as_str(), i.predicted.as_deref())),
        )
    };
    let every: Vec<&IdentityItem> = items.iter().collect();
    let found: Vec<&IdentityItem> = items.iter().filter(|i| i.predicted.is_some()).collect();
    let a = score(&every);
    let f = score(&found);
    let ceiling = score_labels(items.iter().map(|i| {
        (
            i.gold.as_str(),
            i.predicted.as_ref().map(|_| i.gold.as_str()),
        )
    }));
    GumIdentityEval {
        documents: corpus.docs.len(),
        names: items.len(),
        linked,
        cross_document_identities: docs_of.values().filter(|d| d.len() > 1).count(),
        not_found: items.len() - found.len(),
        bcubed_precision: a.bcubed_precision,
        bcubed_recall: a.bcubed_recall,
        bcubed_f1: a.bcubed_f1(),
        found_precision: f.bcubed_precision,
        found_recall: f.bcubed_recall,
        found_f1: f.bcubed_f1(),
        found_ceiling_f1: ceiling.bcubed_f1(),
        pairwise: a.pairwise,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-sentence GUM document: a titled name, an organisation with a place
    /// nested in it, and a pronoun of the first chain.
    const DOC: &str = "# newdoc id = GUM_news_test\n# newpar\n# sent_id = t-1\n\
# text = President Barack Obama met the University of Helsinki.\n\
1\tPresident\tPresident\tPROPN\tNNP\tNumber=Sing\t2\tnmod:desc\t_\tEntity=(1-person-new-s-c-1-coref-Barack_Obama\n\
2\tBarack\tBarack\tPROPN\tNNP\tNumber=Sing\t4\tnsubj\t_\t_\n\
3\tObama\tObama\tPROPN\tNNP\tNumber=Sing\t2\tflat\t_\tEntity=1)\n\
4\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(2-organization-new-s-c-1-coref-University_of_Helsinki\n\
6\tUniversity\tUniversity\tPROPN\tNNP\tNumber=Sing\t4\tobj\t_\t_\n\
7\tof\tof\tADP\tIN\t_\t8\tcase\t_\t_\n\
8\tHelsinki\tHelsinki\tPROPN\tNNP\tNumber=Sing\t6\tnmod\t_\tEntity=(3-place-new-s-c-1-coref-Helsinki)2)|SpaceAfter=No\n\
9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\
\n\
# sent_id = t-2\n# text = He smiled.\n\
1\tHe\the\tPRON\tPRP\tPronType=Prs\t2\tnsubj\t_\tEntity=(1-person-giv-s-c-1-ana)\n\
2\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn names_identities_and_links_on_a_small_gold() {
        let dir = std::env::temp_dir().join(format!("parallax-gum-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("GUM_news_test.conllu"), DOC).unwrap();
        let corpus = GumCorpus::load(&dir, &Analyzer::new());
        std::fs::remove_dir_all(&dir).ok();
        let corpus = corpus.unwrap();
        assert_eq!(
            corpus.texts[0].0,
            "President Barack Obama met the University of Helsinki. He smiled."
        );

        let names = eval_gum_names(&corpus, Tagger::embedded(), 10);
        let all = names.all();
        assert_eq!(all.pipeline.micro.gold, 2);
        // The title stays outside the name, as in UNER.
        assert_eq!(all.pipeline.per.tp_gold, 1, "{:?}", names.errors);
        assert!(names.report().contains("per genre"));

        let ids = eval_gum_identities(&corpus);
        assert_eq!((ids.names, ids.linked), (2, 2));
        assert!(ids.found_precision > 0.99, "{:?}", ids.items);
        // the report lists a name never found, when there is one
        let mut lost = ids.clone();
        lost.items[0].predicted = None;
        assert!(
            lost.report(5).contains("not found: \"Barack Obama\""),
            "{}",
            lost.report(5)
        );
        assert!(!ids.report(5).contains("not found:"));

        let links = crate::coref::eval_gum_coref(&corpus, 10);
        let pronoun = links.kinds.iter().find(|k| k.kind == "pronoun").unwrap();
        // "He" is Obama's, the one person named before it.
        assert_eq!(
            (pronoun.prf.tp_pred, pronoun.prf.predicted),
            (1, 1),
            "{links:?}"
        );
        assert_eq!((pronoun.prf.tp_gold, pronoun.prf.gold), (1, 1));

        assert!(GumCorpus::load(Path::new("/nonexistent/gum"), &Analyzer::new()).is_err());
    }
}
