//! Adding articles to a library: the one import path of the CLI and the server.
//!
//! `parallax import` and the server's import (API and form) both hand what the
//! [`Reader`](parallax_ingest::Reader) read to an [`Importer`]: articles gather
//! into batches; an article already in the library is reported without being
//! analysed (resuming an interrupted import costs little); the rest are analysed
//! in parallel ([`Analyzer::analyze_batch`], each within its budget) and
//! committed one by one, so a crash loses at most the batch not yet committed.
//! Every article ends as exactly one [`Outcome`], and a copy is reported only
//! after the article it copies has been reported.

use std::time::Duration;

use parallax_analyze::Analyzer;
use parallax_core::Article;
use parallax_ingest::Read;
use serde::{Deserialize, Serialize};

use crate::{ImportOutcome, Library, StoreError};

/// Why an import stopped before its end: a storage error no later article can
/// escape (a full disk), at the article named.
#[derive(Debug)]
pub struct Stop {
    /// The article being imported.
    pub source: String,
    /// The error.
    pub error: StoreError,
}

/// What became of one input article, as the CLI prints it (`import --json`, one
/// line each) and the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Committed to the library.
    Added {
        /// The article's id.
        id: String,
        /// The input it came from.
        source: String,
        /// Its headline.
        title: String,
    },
    /// A copy of an article in the library or read earlier in this import.
    Duplicate {
        /// The copy's id.
        id: String,
        /// The id of the article it copies.
        existing: String,
        /// Why it is a copy.
        reason: String,
        /// The input it came from.
        source: String,
    },
    /// Not added: unreadable input, analysis over its budget, or a storage error.
    Rejected {
        /// The input.
        source: String,
        /// Why it was not added.
        error: String,
    },
    /// Passed over on purpose, not an error: a symlink loop, a FIFO in a folder,
    /// a second route to a file already read.
    Skipped {
        /// The input.
        source: String,
        /// Why it was passed over.
        note: String,
    },
}

impl Outcome {
    /// A line for people: `source: what happened`.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Added { source, id, .. } => format!("{source}: added as {id}"),
            Outcome::Duplicate {
                source,
                existing,
                reason,
                ..
            } => format!("{source}: duplicate of {existing} ({reason}); skipped"),
            Outcome::Rejected { source, error } => format!("{source}: {error}"),
            Outcome::Skipped { source, note } => format!("{source}: {note}"),
        }
    }
}

/// Articles are analysed in parallel in batches of this size, then committed one
/// by one.
pub const BATCH: usize = 64;

/// Imports what a reader reads into one library.
pub struct Importer<'a> {
    lib: &'a dyn Library,
    analyzer: &'a Analyzer,
    budget: Duration,
    batch: Vec<Article>,
    /// Copies of articles read in this import, reported once the batch that may
    /// hold their original is committed.
    deferred: Vec<Outcome>,
}

impl<'a> Importer<'a> {
    /// `budget` bounds each article's analysis (`parallax_analyze::ARTICLE_BUDGET`
    /// unless the user chose).
    pub fn new(lib: &'a dyn Library, analyzer: &'a Analyzer, budget: Duration) -> Self {
        Importer {
            lib,
            analyzer,
            budget,
            batch: Vec::with_capacity(BATCH),
            deferred: Vec::new(),
        }
    }

    /// Takes one event of the reader; outcomes go to `sink` as they are decided.
    /// Stops at a storage error every later article would meet too (a full
    /// disk), with what was committed before it kept.
    pub fn push(&mut self, read: Read, sink: &mut dyn FnMut(Outcome)) -> Result<(), Stop> {
        match read {
            Read::Article(a) => {
                self.batch.push(a);
                if self.batch.len() >= BATCH {
                    self.flush(sink)?;
                }
            }
            Read::Duplicate { article, of } => self.deferred.push(Outcome::Duplicate {
                id: article.id,
                existing: of.of_id,
                reason: of.reason,
                source: article.meta.source,
            }),
            Read::Failed(e) if e.is_note() => sink(Outcome::Skipped {
                source: e.source,
                note: e.message,
            }),
            Read::Failed(e) => sink(Outcome::Rejected {
                source: e.source,
                error: e.message,
            }),
        }
        Ok(())
    }

    /// Commits what is left; call once the reader is done.
    pub fn finish(&mut self, sink: &mut dyn FnMut(Outcome)) -> Result<(), Stop> {
        self.flush(sink)
    }

    fn flush(&mut self, sink: &mut dyn FnMut(Outcome)) -> Result<(), Stop> {
        let mut fresh = Vec::with_capacity(self.batch.len());
        for art in std::mem::take(&mut self.batch) {
            match self.lib.known(&art) {
                Ok(Some(ImportOutcome::Duplicate {
                    id,
                    existing,
                    reason,
                })) => sink(Outcome::Duplicate {
                    id,
                    existing,
                    reason,
                    source: art.meta.source,
                }),
                _ => fresh.push(art),
            }
        }
        for r in self.analyzer.analyze_batch(fresh, self.budget, &|| {}) {
            let a = match r {
                Ok(a) => a,
                Err(r) => {
                    sink(Outcome::Rejected {
                        source: r.article.meta.source,
                        error: format!("{}; skipped", r.reason),
                    });
                    continue;
                }
            };
            let (art, an) = (&a.article, &a.analysis);
            sink(match self.lib.import(art, an) {
                Ok(ImportOutcome::Added { id }) => Outcome::Added {
                    id,
                    source: art.meta.source.clone(),
                    title: art.display_title(),
                },
                Ok(ImportOutcome::Duplicate {
                    id,
                    existing,
                    reason,
                }) => Outcome::Duplicate {
                    id,
                    existing,
                    reason,
                    source: art.meta.source.clone(),
                },
                Err(e) if e.is_full() => {
                    self.deferred.clear();
                    return Err(Stop {
                        source: art.meta.source.clone(),
                        error: e,
                    });
                }
                Err(e) => Outcome::Rejected {
                    source: art.meta.source.clone(),
                    error: e.to_string(),
                },
            });
        }
        for o in self.deferred.drain(..) {
            sink(o);
        }
        Ok(())
    }
}

/// Counts of outcomes, for the closing line of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Articles added.
    pub added: usize,
    /// Copies found.
    pub duplicates: usize,
    /// Articles not added.
    pub rejected: usize,
    /// Inputs passed over.
    pub skipped: usize,
}

impl Tally {
    /// Counts `o`.
    pub fn add(&mut self, o: &Outcome) {
        match o {
            Outcome::Added { .. } => self.added += 1,
            Outcome::Duplicate { .. } => self.duplicates += 1,
            Outcome::Rejected { .. } => self.rejected += 1,
            Outcome::Skipped { .. } => self.skipped += 1,
        }
    }
}
