//! Comparing articles across outlets.
//!
//! [`compare`] takes analysed articles and returns a [`Comparison`]: one identity
//! per actor across the corpus ([`identities`]), articles grouped into stories
//! ([`stories`]), and per story the statements every outlet makes, some make and
//! only one makes ([`align`]), the labels each outlet gives each actor, whose
//! quotes each outlet carries, and its scare quotes, loaded words and speech
//! verbs. Every finding carries the article id and byte span of its evidence.
//!
//! Useful for: the side-by-side view of a set of articles. Not useful for:
//! analysing a single article (see `parallax-analyze`).

pub mod align;
pub mod encoder_cache;
pub mod identities;
pub mod incremental;
pub mod stories;
mod vectors;
pub mod window;

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::{
    ActorKind, AnalyzedArticle, Identity, LabelKind, QuoteKind, Removal, SCHEMA_VERSION, Span,
    Voice, fold,
};
use serde::{Deserialize, Serialize};

pub use align::{
    AlignOptions, Candidate, Conflict, Fact, Link, Omission, SentenceEncoder, StatementComparison,
    StatementEmbeddings, StatementRef,
};
pub use encoder_cache::CachingEncoder;
pub use stories::{PairEvidence, StoryOptions};

/// A pointer to words in an article: every number in a comparison can show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: String,
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: String,
    pub outlet: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub source: String,
    pub words: usize,
    /// What the cleaner removed from the input, with reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletRef {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    pub articles: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelRef {
    pub text: String,
    pub kind: LabelKind,
    pub voice: Voice,
    pub evidence: Evidence,
}

/// One actor as covered by one outlet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorCoverage {
    pub mentions: usize,
    pub variants: Vec<String>,
    pub labels: Vec<LabelRef>,
    /// Quotes of this actor the outlet carries (direct, partial, indirect).
    pub quotes: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRow {
    pub identity: String,
    pub name: String,
    pub kind: ActorKind,
    /// Outlet -> coverage; outlets that never mention the actor are absent.
    pub outlets: BTreeMap<String, ActorCoverage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerShare {
    /// Identity id, or absent for speakers not tied to an actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    pub name: String,
    pub quotes: usize,
    /// Speech verbs used for this speaker (lemma -> count).
    pub cues: BTreeMap<String, usize>,
    pub evidence: Vec<Evidence>,
}

impl SpeakerShare {
    /// Quotes given this speaker without a speech verb (a quotation that goes on
    /// from the speaker of the sentence before).
    pub fn without_verb(&self) -> usize {
        self.quotes.saturating_sub(self.cues.values().sum())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteShare {
    pub outlet: String,
    /// Direct, partial and indirect quotes (scare quotes excluded).
    pub total: usize,
    pub speakers: Vec<SpeakerShare>,
    /// Quotes whose speaker is not known.
    pub unattributed: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermCount {
    pub term: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    pub count: usize,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletFraming {
    pub outlet: String,
    pub words: usize,
    pub scare_quotes: Vec<TermCount>,
    /// Loaded words in the outlet's own voice.
    pub loaded: Vec<TermCount>,
    /// Loaded words inside quotations.
    pub loaded_quoted: Vec<TermCount>,
    /// Speech verbs (lemma -> count) across all its quotes.
    pub cues: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub articles: Vec<String>,
    pub outlets: Vec<String>,
    pub evidence: Vec<PairEvidence>,
    pub actors: Vec<ActorRow>,
    pub statements: StatementComparison,
    pub quote_share: Vec<QuoteShare>,
    pub framing: Vec<OutletFraming>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub schema: String,
    pub schema_version: u32,
    pub articles: Vec<ArticleRef>,
    pub outlets: Vec<OutletRef>,
    pub identities: Vec<Identity>,
    pub stories: Vec<Story>,
    /// How statements were aligned, when not by the default lexical method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<AlignmentInfo>,
}

/// What the embedding method did: which model, and how much it embedded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignmentInfo {
    /// "embed".
    pub method: String,
    pub model: String,
    /// Lowest same-fact probability for a link.
    pub threshold: f32,
    /// Statements in stories of more than one outlet (the only ones aligned).
    pub statements: usize,
    /// Of those, the candidates that were embedded ([`align::embeddable`]).
    pub candidates: usize,
    /// Distinct sentence texts run through the model (a text repeated across
    /// articles is embedded once).
    pub embedded: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct CompareOptions {
    pub stories: StoryOptions,
    pub align: AlignOptions,
    /// At most this many of a story's articles have their statements aligned
    /// (0: all of them); see [`window`].
    pub aligned_articles: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            stories: StoryOptions::default(),
            align: AlignOptions::default(),
            aligned_articles: window::ALIGNED_ARTICLES,
        }
    }
}

/// Compares articles, aligning statements by the lexical method.
pub fn compare(articles: &[AnalyzedArticle], opts: CompareOptions) -> Comparison {
    let table = identities::build(articles);
    let groups = stories::group(articles, &table, opts.stories);
    assemble(articles, table, &groups, opts, None, None)
}

/// Compares articles, aligning statements by sentence embeddings when `encoder`
/// is given (else as [`compare`]). Only the candidates are embedded: statements of
/// stories reaching more than one outlet that [`align::embeddable`] accepts, each
/// distinct text once, in one length-sorted pass. Fails only when the encoder does.
pub fn compare_with(
    articles: &[AnalyzedArticle],
    opts: CompareOptions,
    encoder: Option<&dyn SentenceEncoder>,
) -> Result<Comparison, String> {
    compare_grouped(articles, opts, encoder, &|table| {
        stories::group(articles, table, opts.stories)
    })
}

/// Compares articles already known to be one story (a library's story, grouped
/// one article at a time): the comparison holds exactly one story of them all, in
/// the order given (its title is the first one's), with identities built from
/// these articles alone. The same articles give the same comparison whenever it is
/// made. Aligned by embeddings when `encoder` is given, as in [`compare_with`].
pub fn compare_story(
    articles: &[AnalyzedArticle],
    opts: CompareOptions,
    encoder: Option<&dyn SentenceEncoder>,
) -> Result<Comparison, String> {
    compare_grouped(articles, opts, encoder, &|table| {
        if articles.is_empty() {
            Vec::new()
        } else {
            vec![stories::one_group(articles, table, opts.stories)]
        }
    })
}

/// [`compare_with`] with the stories `grouping` makes.
fn compare_grouped(
    articles: &[AnalyzedArticle],
    opts: CompareOptions,
    encoder: Option<&dyn SentenceEncoder>,
    grouping: &dyn Fn(&identities::IdentityTable) -> Vec<stories::StoryGroup>,
) -> Result<Comparison, String> {
    let table = identities::build(articles);
    let groups = grouping(&table);
    let mut alignment = None;
    let embeddings = match encoder {
        None => None,
        Some(enc) => {
            let mut statements = 0;
            let mut candidates = 0;
            let mut texts: Vec<&str> = Vec::new();
            for g in &groups {
                let outlets: BTreeSet<&str> = g
                    .members
                    .iter()
                    .map(|&i| articles[i].article.outlet.name.as_str())
                    .collect();
                if outlets.len() < 2 {
                    continue;
                }
                for i in window::aligned(articles, &g.members, opts.aligned_articles) {
                    let text = &articles[i].article.text;
                    for s in &articles[i].analysis.statements {
                        statements += 1;
                        let t = align::embedding_texts(s, text);
                        if !t.is_empty() {
                            candidates += 1;
                        }
                        texts.extend(t);
                    }
                }
            }
            let e = StatementEmbeddings::build(enc, &texts)?;
            alignment = Some(AlignmentInfo {
                method: "embed".to_string(),
                model: e.model.clone(),
                threshold: opts.align.link,
                statements,
                candidates,
                embedded: e.len(),
            });
            Some(e)
        }
    };
    Ok(assemble(
        articles,
        table,
        &groups,
        opts,
        embeddings.as_ref(),
        alignment,
    ))
}

fn assemble(
    articles: &[AnalyzedArticle],
    table: identities::IdentityTable,
    groups: &[stories::StoryGroup],
    opts: CompareOptions,
    embeddings: Option<&StatementEmbeddings>,
    alignment: Option<AlignmentInfo>,
) -> Comparison {
    let stories = groups
        .iter()
        .map(|g| story(articles, &table, g, opts, embeddings))
        .collect();
    let mut outlets: BTreeMap<String, OutletRef> = BTreeMap::new();
    for a in articles {
        let o = outlets
            .entry(a.article.outlet.name.clone())
            .or_insert_with(|| OutletRef {
                name: a.article.outlet.name.clone(),
                domain: a.article.outlet.domain.clone(),
                attributes: a.article.outlet.attributes.clone(),
                articles: 0,
            });
        o.articles += 1;
    }
    Comparison {
        schema: "parallax.compare".to_string(),
        schema_version: SCHEMA_VERSION,
        articles: articles.iter().map(article_ref).collect(),
        outlets: outlets.into_values().collect(),
        identities: table.identities,
        stories,
        alignment,
    }
}

fn article_ref(a: &AnalyzedArticle) -> ArticleRef {
    ArticleRef {
        id: a.article.id.clone(),
        outlet: a.article.outlet.name.clone(),
        title: a.article.display_title(),
        url: a.article.meta.url.clone(),
        published: a.article.meta.published.clone(),
        authors: a.article.meta.authors.clone(),
        source: a.article.meta.source.clone(),
        words: a.article.text.split_whitespace().count(),
        removed: a.article.removed.clone(),
    }
}

fn evidence(a: &AnalyzedArticle, span: Span) -> Evidence {
    Evidence {
        article: a.article.id.clone(),
        span,
        text: span.text(&a.article.text).to_string(),
    }
}

fn story(
    articles: &[AnalyzedArticle],
    table: &identities::IdentityTable,
    g: &stories::StoryGroup,
    opts: CompareOptions,
    embeddings: Option<&StatementEmbeddings>,
) -> Story {
    let members = &g.members;
    let outlets: BTreeSet<String> = members
        .iter()
        .map(|&i| articles[i].article.outlet.name.clone())
        .collect();
    let ids: Vec<String> = members
        .iter()
        .map(|&i| articles[i].article.id.clone())
        .collect();
    let id = parallax_core::short_id(&ids.iter().map(String::as_str).collect::<Vec<_>>());

    // Actor rows.
    let mut rows: BTreeMap<usize, ActorRow> = BTreeMap::new();
    for &ai in members {
        let a = &articles[ai];
        let outlet = &a.article.outlet.name;
        let row_for = |rows: &mut BTreeMap<usize, ActorRow>, e: usize| -> Option<usize> {
            let idx = *table.of_entity.get(&(ai, e))?;
            let ident = &table.identities[idx];
            rows.entry(idx).or_insert_with(|| ActorRow {
                identity: ident.id.clone(),
                name: ident.name.clone(),
                kind: ident.kind,
                outlets: BTreeMap::new(),
            });
            Some(idx)
        };
        for m in &a.analysis.mentions {
            let Some(idx) = row_for(&mut rows, m.entity) else {
                continue;
            };
            let cov = rows
                .get_mut(&idx)
                .unwrap()
                .outlets
                .entry(outlet.clone())
                .or_default();
            cov.mentions += 1;
            let shown = parallax_core::shown_name(&m.text);
            if !matches!(
                m.form,
                parallax_core::MentionForm::Pronoun | parallax_core::MentionForm::Description
            ) && !cov.variants.iter().any(|v| *v == shown)
            {
                cov.variants.push(shown.into_owned());
            }
        }
        for l in &a.analysis.labels {
            let Some(idx) = row_for(&mut rows, l.entity) else {
                continue;
            };
            let cov = rows
                .get_mut(&idx)
                .unwrap()
                .outlets
                .entry(outlet.clone())
                .or_default();
            cov.labels.push(LabelRef {
                text: l.text.clone(),
                kind: l.kind,
                voice: l.voice,
                evidence: evidence(a, l.span),
            });
        }
        for q in &a.analysis.quotes {
            if q.kind == QuoteKind::Scare {
                continue;
            }
            if let Some(e) = q.speaker.as_ref().and_then(|s| s.entity) {
                let Some(idx) = row_for(&mut rows, e) else {
                    continue;
                };
                rows.get_mut(&idx)
                    .unwrap()
                    .outlets
                    .entry(outlet.clone())
                    .or_default()
                    .quotes += 1;
            }
        }
    }
    let mut actors: Vec<ActorRow> = rows.into_values().collect();
    // Actors covered by more outlets first, then by mentions.
    actors.sort_by(|a, b| {
        let ma: usize = a.outlets.values().map(|c| c.mentions).sum();
        let mb: usize = b.outlets.values().map(|c| c.mentions).sum();
        b.outlets
            .len()
            .cmp(&a.outlets.len())
            .then(mb.cmp(&ma))
            .then(a.identity.cmp(&b.identity))
    });

    let aligned = window::aligned(articles, members, opts.aligned_articles);
    let mut statements = align::align(articles, &aligned, table, opts.align, embeddings);
    if let Some(left) = window::note(aligned.len(), members.len()) {
        statements.truncated = Some(match statements.truncated.take() {
            Some(why) => format!("{left}; {why}"),
            None => left,
        });
    }
    let quote_share = outlets
        .iter()
        .map(|o| quote_share(articles, table, members, o))
        .collect();
    let framing = outlets
        .iter()
        .map(|o| framing(articles, members, o))
        .collect();
    // Title: the first article's title.
    let title = articles[members[0]].article.display_title();
    Story {
        id,
        title,
        articles: ids,
        outlets: outlets.into_iter().collect(),
        evidence: g.evidence.clone(),
        actors,
        statements,
        quote_share,
        framing,
    }
}

fn quote_share(
    articles: &[AnalyzedArticle],
    table: &identities::IdentityTable,
    members: &[usize],
    outlet: &str,
) -> QuoteShare {
    let mut speakers: BTreeMap<String, SpeakerShare> = BTreeMap::new();
    let (mut total, mut unattributed) = (0, 0);
    for &ai in members
        .iter()
        .filter(|&&i| articles[i].article.outlet.name == outlet)
    {
        let a = &articles[ai];
        for q in a
            .analysis
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
        {
            total += 1;
            let ident = q
                .speaker
                .as_ref()
                .and_then(|s| s.entity)
                .and_then(|e| table.identity_of(ai, e));
            // an unresolved "he" names nobody: unattributed, like no speaker
            let speaker = q.speaker.as_ref().filter(|s| !s.is_unresolved_pronoun());
            let (key, identity, name) = match (ident, speaker) {
                (Some(i), _) => (i.id.clone(), Some(i.id.clone()), i.name.clone()),
                (None, Some(s)) => (format!("?{}", fold(&s.text)), None, s.text.clone()),
                (None, None) => {
                    unattributed += 1;
                    continue;
                }
            };
            let e = speakers.entry(key).or_insert_with(|| SpeakerShare {
                identity,
                name,
                quotes: 0,
                cues: BTreeMap::new(),
                evidence: Vec::new(),
            });
            e.quotes += 1;
            if let Some(c) = &q.cue {
                *e.cues.entry(c.lemma.clone()).or_default() += 1;
            }
            e.evidence.push(evidence(a, q.content));
        }
    }
    let mut speakers: Vec<SpeakerShare> = speakers.into_values().collect();
    speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(a.name.cmp(&b.name)));
    QuoteShare {
        outlet: outlet.to_string(),
        total,
        speakers,
        unattributed,
    }
}

fn framing(articles: &[AnalyzedArticle], members: &[usize], outlet: &str) -> OutletFraming {
    let mut scare: BTreeMap<String, TermCount> = BTreeMap::new();
    let mut loaded: BTreeMap<String, TermCount> = BTreeMap::new();
    let mut loaded_quoted: BTreeMap<String, TermCount> = BTreeMap::new();
    let mut cues: BTreeMap<String, usize> = BTreeMap::new();
    let mut words = 0;
    for &ai in members
        .iter()
        .filter(|&&i| articles[i].article.outlet.name == outlet)
    {
        let a = &articles[ai];
        words += a.article.text.split_whitespace().count();
        for q in &a.analysis.quotes {
            if q.kind == QuoteKind::Scare {
                let key = fold(q.text.trim_end_matches([',', '.']));
                let t = scare.entry(key.clone()).or_insert_with(|| TermCount {
                    term: q.text.trim_end_matches([',', '.']).to_string(),
                    category: String::new(),
                    count: 0,
                    evidence: Vec::new(),
                });
                t.count += 1;
                t.evidence.push(evidence(a, q.span));
            } else if let Some(c) = &q.cue {
                *cues.entry(c.lemma.clone()).or_default() += 1;
            }
        }
        for l in &a.analysis.loaded {
            let map = if l.voice == Voice::Outlet {
                &mut loaded
            } else {
                &mut loaded_quoted
            };
            let t = map.entry(l.term.clone()).or_insert_with(|| TermCount {
                term: l.term.clone(),
                category: l.category.clone(),
                count: 0,
                evidence: Vec::new(),
            });
            t.count += 1;
            t.evidence.push(evidence(a, l.span));
        }
    }
    let sorted = |m: BTreeMap<String, TermCount>| {
        let mut v: Vec<TermCount> = m.into_values().collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.term.cmp(&b.term)));
        v
    };
    OutletFraming {
        outlet: outlet.to_string(),
        words,
        scare_quotes: sorted(scare),
        loaded: sorted(loaded),
        loaded_quoted: sorted(loaded_quoted),
        cues,
    }
}
