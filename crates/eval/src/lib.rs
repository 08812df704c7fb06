//! Accuracy, measured: scorers that compare parallax's output with gold data.
//!
//! `actors`: mention detection against Universal NER (the analysis pipeline and the
//! `parallax-ner` tagger alone) and cross-article resolution against a hand-made gold
//! for the example articles (`data/seed-identities.tsv`).
//! `gum`: the same name scores on GUM (`../shared/data/gum-dev`), and cross-document
//! identities against GUM's Wikipedia links (B-cubed); `coref`: resolution inside a
//! document (pronouns, short names, titles, descriptions) against GUM's chains.
//! `speakers` and `labels`: quote speakers and actor labels against hand-judged
//! samples of the BASIL dev articles (`data/basil-speakers.tsv`,
//! `data/basil-labels.tsv`; guideline in docs/speaker-label-gold.md), located through
//! `basil` (each BASIL sentence found in the clean text). `loaded`: loaded terms
//! against BASIL's lexical-bias spans in the outlets' own voice.
//!
//! Each module reads one dataset in its published format and prints precision,
//! recall and F1 (and what else the task needs). The datasets are not part of the
//! repository (licences); they are read from `../shared/data/` beside the checkout,
//! or from a directory given on the command line.
//!
//! `floors`: the floors of `.ci/floors.tsv` and the shared data, for the floor tests
//! in `tests/`.
//!
//! Useful for: `parallax eval …`, regression floors in CI, tuning.
//! Not useful for: anything a user runs on their own articles.

#![warn(missing_docs)]

pub mod actors;
pub mod align;
pub mod basil;
pub mod coref;
pub mod facts;
pub mod floors;
pub mod gum;
pub mod labels;
pub mod loaded;
pub mod quotes;
mod score;
pub mod speakers;
pub mod stories;

pub use score::Prf;

use std::path::{Path, PathBuf};

/// The shared data folder: `$PARALLAX_SHARED/data`, else `../shared/data` beside
/// the repository root (`crate_dir` is a crate's manifest directory).
pub fn shared_data(crate_dir: &Path) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PARALLAX_SHARED") {
        let p = PathBuf::from(p).join("data");
        return p.is_dir().then_some(p);
    }
    let p = crate_dir.join("../../../shared/data");
    p.is_dir().then_some(p)
}
