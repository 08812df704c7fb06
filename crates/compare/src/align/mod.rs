//! Lining up statements across the outlets of a story: which facts every outlet
//! reports, which only some report, and what only one reports.
//!
//! Each statement is read as a claim (`claims`): its actors resolved across
//! articles, its content stems, its quantities with what they measure, the words
//! it quotes and whom it quotes. Every cross-outlet pair of candidate statements
//! gets a same-fact probability ([`score`]): a logistic model over meaning
//! similarity (sentence embeddings when an encoder is given, shared stems
//! always), agreement of named actors, quoted words and speakers, quantities, and
//! how the pair ranks against each statement's other candidates. The model's
//! weights are data (`data/same_fact.tsv`), fitted on the hand-made fact gold of
//! docs/fact-gold.md by `parallax eval align --fit`.
//!
//! Facts are grouped without chaining (`group`): two statements share a fact
//! only when their own probability passes, and a statement joins a fact only when
//! it passes with every statement of another outlet already in it. A sentence
//! that reports two facts can sit in both, when its link to the second is strong
//! ([`AlignOptions::strong_link`]). A statement in
//! no fact is listed as its outlet's alone ("only in X") only when no statement of
//! another outlet comes near ([`AlignOptions::omission`]); otherwise it is
//! *undecided*, shown with its closest candidate, because a false omission ("Fox
//! never mentioned X") harms the reader more than a missing one. Conflicts
//! (`conflicts`) are figures of one fact that measure the same thing and
//! differ; near-identical passages under different outlets are marked as wire
//! copy, not independent agreement.
//!
//! Work is bounded: candidate pairs per story are capped
//! ([`AlignOptions::max_pairs`]) and a deadline stops the scoring, the
//! comparison then saying what it left out ([`StatementComparison::truncated`]).

mod claims;
mod conflicts;
mod group;
pub mod score;

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use parallax_core::{AnalyzedArticle, Quantity, Span};
use serde::{Deserialize, Serialize};

use crate::identities::IdentityTable;

pub use score::{FEATURES, Model, PairFeatures};

/// How statements are aligned.
#[derive(Debug, Clone, Copy)]
pub struct AlignOptions {
    /// Lowest same-fact probability for two statements to be linked.
    pub link: f32,
    /// A link this probable that complete linkage left out of every fact joins
    /// a fact of one of its statements, or is a fact of its own: one sentence
    /// can report two facts (`group::fact_members`).
    pub strong_link: f32,
    /// A statement in no fact is "only in X" when its closest candidate elsewhere
    /// is below this probability; between this and `link` it is undecided.
    pub omission: f32,
    /// Weight of a place or country feature relative to a term feature in the
    /// stem vectors.
    pub actor_weight: f32,
    /// Weight of a person or organisation feature.
    pub named_weight: f32,
    /// At most this many candidate pairs are scored in one story (the rest of a
    /// huge story is left undecided, and the comparison says so).
    pub max_pairs: usize,
    /// The time one story's alignment may take; past it the rest is left
    /// undecided and the comparison says so.
    pub budget: Option<std::time::Duration>,
    /// Stop scoring when this moment passes (set from `budget` when a story's
    /// alignment starts).
    pub deadline: Option<Instant>,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            link: 0.7,
            strong_link: 0.85,
            omission: 0.08,
            actor_weight: 1.5,
            named_weight: 2.0,
            max_pairs: 400_000,
            budget: None,
            deadline: None,
        }
    }
}

/// One statement, as the comparison shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementRef {
    pub article: String,
    pub outlet: String,
    pub sentence: usize,
    pub span: Span,
    pub text: String,
    /// Identity ids of the actors in the statement.
    pub actors: Vec<String>,
    /// The figures it gives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    /// Identity ids (or, unresolved, the words) of those it quotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    /// Mostly quoted words rather than the outlet's own.
    pub quoted: bool,
}

/// Two statements of a fact and their same-fact probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Indices into the fact's `statements`.
    pub a: usize,
    pub b: usize,
    /// Probability that the two report the same fact.
    pub score: f32,
    /// The two passages are near-identical text (wire copy or a shared press
    /// release), not two outlets' own reporting.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wire: bool,
}

/// One fact reported by more than one outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub outlets: Vec<String>,
    pub statements: Vec<StatementRef>,
    /// Every cross-outlet pair inside the fact, with its probability.
    pub links: Vec<Link>,
    /// The lowest link probability inside the fact.
    pub confidence: f32,
    /// Every outlet's wording is a near-identical copy: the outlets ran the same
    /// text, they did not each report it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wire: bool,
    pub shared_actors: Vec<String>,
    pub shared_terms: Vec<String>,
}

/// The statement of another outlet that came closest to a statement in no fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub statement: StatementRef,
    /// Its same-fact probability.
    pub score: f32,
}

/// A statement in no fact: its outlet's alone, or undecided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Omission {
    pub statement: StatementRef,
    /// The closest statement any other outlet had, so a reader can see why no
    /// match was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closest: Option<Candidate>,
    /// How sure parallax is that no other outlet reports it (1 - the closest
    /// candidate's probability).
    pub confidence: f32,
}

/// Two statements of one fact giving different figures for the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// What the figures measure.
    pub kind: parallax_core::QuantityKind,
    /// The thing counted or the unit ("arrest", "usd", "second", "weekday").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Index into the story's facts, `all` then `some` ([`StatementComparison::fact`]).
    pub fact: usize,
    /// Indices into that fact's `statements`.
    pub a: usize,
    pub b: usize,
    /// The figures as each gives them.
    pub values: [String; 2],
}

/// The statements of one story, sorted by what the outlets share.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatementComparison {
    /// How the statements were scored ("lexical" or "embed: MODEL").
    pub method: String,
    /// Facts every outlet of the story reports, most certain first.
    pub all: Vec<Fact>,
    /// Facts more than one outlet reports, but not all.
    pub some: Vec<Fact>,
    /// Outlet -> statements no other outlet reports (the others' omissions).
    /// Empty in a story of one outlet, and when the pair cap or the time budget
    /// cut the scoring short: what was not compared is not called missing.
    pub only: BTreeMap<String, Vec<Omission>>,
    /// Outlet -> statements in no fact whose closest candidate elsewhere is too
    /// close to call an omission.
    pub undecided: BTreeMap<String, Vec<Omission>>,
    pub conflicts: Vec<Conflict>,
    /// Why some statements were not compared (a huge story, the time budget).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<String>,
}

impl StatementComparison {
    /// Every fact, `all` then `some`: the order [`Conflict::fact`] counts in.
    pub fn facts(&self) -> impl Iterator<Item = &Fact> {
        self.all.iter().chain(&self.some)
    }

    /// The fact numbered `i` in [`StatementComparison::facts`] order.
    pub fn fact(&self, i: usize) -> Option<&Fact> {
        self.facts().nth(i)
    }
}

/// A sentence encoder for the embedding method: one vector per sentence, in
/// order (`parallax-embed` wraps its models behind it; tests can give their own).
pub trait SentenceEncoder: Sync {
    /// The model's name, written into the comparison's `method`.
    fn model(&self) -> String;
    /// One L2-normalised vector per sentence.
    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String>;
}

/// Embeddings of the candidate statements of a corpus, by statement text (a text
/// repeated across articles is embedded once).
#[derive(Debug, Clone, Default)]
pub struct StatementEmbeddings {
    pub model: String,
    index: HashMap<String, usize>,
    vectors: Vec<Vec<f32>>,
}

impl StatementEmbeddings {
    /// Embeds `texts` (deduplicated here) with `encoder`.
    pub fn build(encoder: &dyn SentenceEncoder, texts: &[&str]) -> Result<Self, String> {
        let mut unique: Vec<&str> = texts.to_vec();
        unique.sort_unstable();
        unique.dedup();
        let vectors = encoder.encode(&unique)?;
        if vectors.len() != unique.len() {
            return Err(format!(
                "the encoder gave {} vectors for {} sentences",
                vectors.len(),
                unique.len()
            ));
        }
        let index = unique
            .iter()
            .enumerate()
            .map(|(i, t)| (t.to_string(), i))
            .collect();
        Ok(StatementEmbeddings {
            model: encoder.model(),
            index,
            vectors,
        })
    }

    /// Sentences embedded (distinct texts).
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    /// True when nothing was embedded.
    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// The vector of a statement text, when it was embedded.
    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.index.get(text).map(|&i| self.vectors[i].as_slice())
    }
}

/// Statements worth comparing: the outlet's sentences with at least three words
/// and one content term (datelines, bylines and one-word lines are never the same
/// fact as another outlet's sentence).
pub fn embeddable(s: &parallax_core::Statement) -> bool {
    !s.terms.is_empty() && s.text.split_whitespace().count() >= 3
}

/// The texts of a statement worth embedding: the sentence and each of its
/// clauses (none when it is not [`embeddable`]). `text` is its article's text.
pub fn embedding_texts<'a>(s: &'a parallax_core::Statement, text: &'a str) -> Vec<&'a str> {
    if !embeddable(s) {
        return Vec::new();
    }
    let mut v = vec![s.text.as_str()];
    v.extend(s.clauses.iter().map(|c| c.text(text)));
    v
}

/// Lines up the statements of one story's articles (`members`, indices into
/// `articles`) across outlets, scoring pairs with `model`, with embeddings when
/// given (the embedding model's weights; statements without a vector are then
/// scored by their words alone).
pub fn align(
    articles: &[AnalyzedArticle],
    members: &[usize],
    table: &IdentityTable,
    opts: AlignOptions,
    embeddings: Option<&StatementEmbeddings>,
) -> StatementComparison {
    let model = Model::builtin(embeddings.map(|e| e.model.as_str()));
    align_with(articles, members, table, opts, embeddings, &model)
}

/// [`align`] with the pair model given (for fitting and evaluation).
pub fn align_with(
    articles: &[AnalyzedArticle],
    members: &[usize],
    table: &IdentityTable,
    opts: AlignOptions,
    embeddings: Option<&StatementEmbeddings>,
    model: &Model,
) -> StatementComparison {
    let mut opts = opts;
    if let Some(b) = opts.budget {
        opts.deadline = Some(Instant::now() + b);
    }
    let story = claims::Story::build(articles, members, table, opts, embeddings);
    let scored = score::score_story(&story, model, opts);
    let method = match embeddings {
        Some(e) => format!("embed: {}", e.model),
        None => "lexical".to_string(),
    };
    let mut out = group::sort(&story, &scored, opts, method);
    out.conflicts = conflicts::find(&out);
    out
}

/// The same-fact probability of two sentences on their own (each analysed as
/// an article of its own outlet): the highest over their statements' pairs, 0
/// when none is comparable. What `parallax eval align` scores on MSRP.
pub fn pair_probability(
    a: &AnalyzedArticle,
    b: &AnalyzedArticle,
    embeddings: Option<&StatementEmbeddings>,
) -> f32 {
    pair_features(a, b, embeddings).0
}

/// [`pair_probability`] with the features of the pair that gave it.
pub fn pair_features(
    a: &AnalyzedArticle,
    b: &AnalyzedArticle,
    embeddings: Option<&StatementEmbeddings>,
) -> (f32, PairFeatures) {
    let articles = [a.clone(), b.clone()];
    let table = crate::identities::build(&articles);
    let model = Model::builtin(embeddings.map(|e| e.model.as_str()));
    story_pairs(
        &articles,
        &[0, 1],
        &table,
        AlignOptions::default(),
        embeddings,
    )
    .into_iter()
    .map(|(_, _, f)| (model.probability(&f), f))
    .fold((0.0, PairFeatures::default()), |best, x| {
        if x.0 > best.0 { x } else { best }
    })
}

/// The features of every candidate pair of one story, with the statements they
/// join (for fitting the model: `parallax eval align --fit`).
pub fn story_pairs(
    articles: &[AnalyzedArticle],
    members: &[usize],
    table: &IdentityTable,
    opts: AlignOptions,
    embeddings: Option<&StatementEmbeddings>,
) -> Vec<(StatementRef, StatementRef, PairFeatures)> {
    let story = claims::Story::build(articles, members, table, opts, embeddings);
    let pairs = score::candidate_features(&story, opts);
    pairs
        .into_iter()
        .map(|(i, j, f)| (story.claims[i].r.clone(), story.claims[j].r.clone(), f))
        .collect()
}
