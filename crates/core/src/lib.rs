//! The parallax document model.
//!
//! One [`Article`] carries an immutable clean text (UTF-8) and its metadata. Every
//! finding about it is a [`Span`] of byte offsets into that text, grouped in
//! [`Analysis`] layers (sentences, mentions, quotes, labels, loaded terms,
//! statements). Stages add layers; none rewrites the text under another's offsets.
//! Across articles, [`Identity`] records one real-world actor with every variant
//! seen per outlet and the rule behind each merge.
//!
//! Useful for: building and reading parallax's data; writing tests that construct
//! layers by hand. Not useful for: producing annotations (that is `parallax-analyze`).

#![warn(missing_docs)]

mod article;
mod fold;
mod hash;
mod identity;
mod layers;
mod span;

pub use article::{Article, ArticleMeta, Outlet, Removal, RemovalReason};
pub use fold::{fold, fold_ascii_byte, fold_quotes, folds_to, is_acronym};
pub use hash::{fnv1a64, fnv1a64_of, short_id};
pub use identity::{
    ActorKey, FIRST_NAME_FORMS, Identity, IdentityMerge, Variant, first_name, shown_name,
};
pub use layers::{
    ActorKind, Analysis, AnalyzedArticle, Cue, Entity, Label, LabelKind, LoadedTerm, Mention,
    MentionForm, MentionRule, Quantity, QuantityKind, Quote, QuoteKind, QuotePart, Sentence,
    Speaker, Statement, Voice,
};
pub use span::Span;

/// Version of the JSON documents parallax writes (see docs/json.md). Bump on any
/// change a consumer could notice; additions of optional fields included.
pub const SCHEMA_VERSION: u32 = 4;
