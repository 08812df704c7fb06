//! Per-article analysis: the layers of [`parallax_core::Analysis`].
//!
//! The stages run in a fixed order and each adds one layer without touching the
//! text: paragraphs and sentences (`segment`), quotation marks, actors
//! (`actors/`), quotes with speakers (`quotes/`), labels (`labels`), loaded
//! words (`loaded`) and statements (`statements`). Everything is rules over
//! data files in `data/`, except mention detection, where the `parallax-ner` tagger
//! joins the rules (`actors/combine.rs`); all of it is linear in the article's
//! length and deterministic. The stages are private: [`Analyzer`] and
//! [`analyze_text`] are the whole interface.
//!
//! Useful for: annotating one article at a time, in parallel across articles.
//! Not useful for: anything across articles (see `parallax-compare`).

#![warn(missing_docs)]

mod actors;
mod batch;
mod context;
mod index;
mod labels;
mod lexicon;
mod loaded;
mod quantities;
mod quotes;
mod segment;
mod statements;
mod text;
mod vocab;

use std::sync::OnceLock;
use std::time::Instant;

use parallax_core::{Analysis, Article, QuoteKind, Span, fold};
use parallax_ner::Tagger;

use crate::actors::find_actors;
use crate::context::Context;
use crate::labels::find_labels;
use crate::lexicon::{Lexicon, RoleKind};
use crate::quotes::{
    find_indirect, find_quotes, mark_quotes, no_place_speakers, resolve_described,
    resolve_documents,
};
use crate::text::SentToks;

pub use batch::{ARTICLE_BUDGET, Rejected};
pub use lexicon::LANGUAGES;

/// The analysis of an article ran past its time budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverBudget {
    /// The last stage finished before the deadline passed.
    pub stage: &'static str,
}

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "analysis ran over its time budget (after {})",
            self.stage
        )
    }
}

/// Runs the analysis stages with one lexicon and the `parallax-ner` tagger.
pub struct Analyzer {
    lex: Lexicon,
    tagger: Option<&'static Tagger>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            lex: Lexicon::builtin(),
            tagger: Some(Tagger::embedded()),
        }
    }
}

impl Analyzer {
    /// The built-in lexicon and the tagger shipped with `parallax-ner` (loaded
    /// once per process, embedded in the binary).
    pub fn new() -> Self {
        Self::default()
    }

    /// The analysis of language `lang`: its data from `data/LANG/` (see
    /// [`LANGUAGES`]; English, `"en"`, is the only one today) and the `parallax-ner`
    /// tagger. An unknown language is an error naming the ones there are.
    pub fn for_language(lang: &str) -> Result<Self, String> {
        Ok(Analyzer {
            lex: Lexicon::load(lang)?,
            ..Self::default()
        })
    }

    /// The built-in lexicon plus the user's loaded-language entries
    /// (`form<TAB>term<TAB>category` lines).
    pub fn with_loaded_terms(extra: &str) -> Result<Self, String> {
        let mut lex = Lexicon::builtin();
        lex.add_loaded(extra)?;
        Ok(Analyzer {
            lex,
            ..Self::default()
        })
    }

    /// The actor layer from the rules alone (gazetteers and capitalised runs),
    /// without the tagger: what the analysis was before the tagger joined it;
    /// for comparisons.
    pub fn rules_only() -> Self {
        Analyzer {
            lex: Lexicon::builtin(),
            tagger: None,
        }
    }

    /// The layers of one article.
    pub fn analyze(&self, article: &Article) -> Analysis {
        self.analyze_text(&article.text)
    }

    /// The layers of a text (an article's clean text).
    pub fn analyze_text(&self, text: &str) -> Analysis {
        self.analyze_within(text, None)
            .expect("no deadline, no overrun")
    }

    /// Analyses `text`, giving up when `deadline` passes (checked between stages,
    /// each linear in the text's length): a pathological article is skipped with
    /// a reason instead of holding up a batch.
    pub fn analyze_within(
        &self,
        text: &str,
        deadline: Option<Instant>,
    ) -> Result<Analysis, OverBudget> {
        let check = |stage: &'static str| match deadline {
            Some(d) if Instant::now() > d => Err(OverBudget { stage }),
            _ => Ok(()),
        };
        let lex = &self.lex;
        let paragraphs = segment::paragraphs(text);
        let sentences = segment::sentences(text, &paragraphs, &lex.words, &lex.regions);
        let sents: Vec<SentToks> = sentences
            .iter()
            .map(|s| SentToks::new(text, s.span))
            .collect();
        check("segmentation")?;
        let marked = mark_quotes(text, &paragraphs);
        let quoted: Vec<Span> = marked.iter().map(|m| m.span).collect();
        let actors = find_actors(text, &sents, &quoted, lex, self.tagger);
        check("actors")?;
        let midx = index::MentionIndex::new(&actors.mentions);
        let ctx = Context {
            text,
            lex,
            sentences: &sentences,
            sents: &sents,
            mentions: &actors.mentions,
            idx: &midx,
            speech: &[],
        };
        let mut quotes = find_quotes(&ctx, &marked);
        quotes.extend(find_indirect(&ctx, &marked));
        quotes.sort_by_key(|q| (q.span.start, q.span.end));
        // Scare quotes are the outlet's words; only speech counts as quoted voice.
        check("quotes")?;
        let speech = index::union(
            quotes
                .iter()
                .filter(|q| q.kind != QuoteKind::Indirect)
                .flat_map(|q| q.spans()),
        );
        let ctx = Context {
            speech: &speech,
            ..ctx
        };
        let labels = find_labels(&ctx);
        check("labels")?;
        let loaded = loaded::find_loaded(&ctx);
        let mut entities = actors.entities;
        // Roles seen in labels join the entity's roles ("dictator", "Foreign Minister").
        for l in &labels {
            for role in role_phrases(lex, &l.text) {
                let e = &mut entities[l.entity];
                if !e.roles.iter().any(|r| fold(r) == fold(&role)) {
                    e.roles.push(role);
                }
            }
        }
        // ("the governor said": with every role known, a described speaker names
        // the one actor of that role)
        resolve_described(lex, &actors.mentions, &entities, &mut quotes);
        resolve_documents(lex, &actors.mentions, &mut quotes);
        no_place_speakers(&entities, &mut quotes);
        let statements = statements::find_statements(&ctx, &quotes);
        Ok(Analysis {
            paragraphs,
            sentences,
            mentions: actors.mentions,
            entities,
            quotes,
            labels,
            loaded,
            statements,
        })
    }
}

/// Title and role phrases inside a label, longest first, as written.
fn role_phrases(lex: &Lexicon, label: &str) -> Vec<String> {
    let words: Vec<&str> = label
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut hit = 0;
        for len in (1..=lex.role_max_words.min(words.len() - i)).rev() {
            let phrase = words[i..i + len].join(" ");
            if matches!(lex.role(&phrase), Some(RoleKind::Title | RoleKind::Role)) {
                // skip generic nouns that say little on their own
                if !lex.words.generic_roles.contains(&fold(&phrase)) {
                    out.push(phrase);
                }
                hit = len;
                break;
            }
        }
        i += hit.max(1);
    }
    out
}

/// Analyses text with the built-in lexicon (shared, loaded once).
pub fn analyze_text(text: &str) -> Analysis {
    static DEFAULT: OnceLock<Analyzer> = OnceLock::new();
    DEFAULT.get_or_init(Analyzer::new).analyze_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_junk_do_not_panic() {
        for t in [
            "",
            " ",
            "\n\n\n",
            "“",
            "”",
            "\"",
            "‘’",
            "’s",
            "(",
            "((((",
            "A.",
            "...",
            "😀 “😀” ’😀’",
            "\u{0}\u{1}",
            "Mr. . . ",
            "e\u{301}\u{301}\u{301}",
        ] {
            let a = analyze_text(t);
            for s in a.all_spans() {
                assert!(s.is_valid_in(t), "{t:?}: {s:?}");
            }
        }
    }

    #[test]
    fn the_language_is_a_parameter() {
        assert_eq!(LANGUAGES, ["en"]);
        let t = "Maduro said: “Palestine will rise.”";
        let en = Analyzer::for_language("en").unwrap();
        assert_eq!(en.analyze_text(t), analyze_text(t));
        let err = Analyzer::for_language("fr").err().unwrap();
        assert!(err.contains("\"fr\""), "{err}");
    }

    #[test]
    fn deterministic() {
        let t = "Venezuela’s President Nicolás Maduro said: “Palestine will rise.” Cuba agreed.";
        assert_eq!(analyze_text(t), analyze_text(t));
    }

    #[test]
    fn loaded_voice() {
        let a = analyze_text("The regime held a sham vote. “This is genocide,” Maduro said.");
        let sham = a.loaded.iter().find(|l| l.term == "sham").unwrap();
        assert_eq!(sham.voice, parallax_core::Voice::Outlet);
        let genocide = a.loaded.iter().find(|l| l.term == "genocide").unwrap();
        assert_eq!(genocide.voice, parallax_core::Voice::Quoted);
    }
}
