use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ActorKind;

/// One surface form of an actor with how often each outlet used it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub text: String,
    /// Outlet name -> number of mentions with this exact form.
    pub counts: BTreeMap<String, usize>,
}

/// Why two article-level entities were taken to be the same actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityMerge {
    /// The key of the entity merged in.
    pub key: String,
    /// The rule that fired ("same folded name", "alias in gazetteer", ...).
    pub rule: String,
    /// 0..1; exact matches are 1.0, inferred ones lower.
    pub confidence: f32,
}

/// One real-world actor across a corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    /// Stable key ("person:nicolas maduro").
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub variants: Vec<Variant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Keys merged into this identity, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<IdentityMerge>,
    /// Outlet name -> mentions.
    pub mentions: BTreeMap<String, usize>,
}

impl Identity {
    pub fn total_mentions(&self) -> usize {
        self.mentions.values().sum()
    }
}
