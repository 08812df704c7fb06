use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ActorKind;

/// An identity key, typed: the actor's kind and the name after the colon (a
/// folded name or a gazetteer key). Written as the string `Entity::key` and
/// `Identity::id` hold ("person:nicolas maduro", "gpe:cuba"); [`ActorKey::parse`]
/// reads the kind back instead of matching prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ActorKey<'a> {
    /// The kind the key names.
    pub kind: ActorKind,
    /// The part after the colon.
    pub name: &'a str,
}

impl<'a> ActorKey<'a> {
    /// The key of an actor of `kind` named `name` (already folded, or a gazetteer key).
    pub fn new(kind: ActorKind, name: &'a str) -> Self {
        ActorKey { kind, name }
    }

    /// The kind and name of a key string; `None` when it starts with no kind.
    pub fn parse(key: &'a str) -> Option<Self> {
        let (kind, name) = key.split_once(':')?;
        Some(ActorKey {
            kind: ActorKind::parse(kind)?,
            name,
        })
    }
}

impl std::fmt::Display for ActorKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.name)
    }
}

/// One surface form of an actor with how often each outlet used it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// The surface form, as written.
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
    /// The name chosen for display.
    pub name: String,
    /// Person, organisation, geopolitical entity or place.
    pub kind: ActorKind,
    /// Each way the actor was written, with its counts per outlet.
    pub variants: Vec<Variant>,
    /// Titles and roles seen attached to the actor in any article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Keys merged into this identity, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<IdentityMerge>,
    /// Outlet name -> mentions.
    pub mentions: BTreeMap<String, usize>,
}

impl Identity {
    /// Mentions over all outlets.
    pub fn total_mentions(&self) -> usize {
        self.mentions.values().sum()
    }
}

/// Short forms of English first names and the name they stand for ("chuck" is
/// "charles"). Only forms that stand for one name: "Ted" (Edward or Theodore),
/// "Chris", "Pat", "Sam", "Alex" and "Jack" are left out, since a wrong merge is
/// worse than a missed one.
pub const FIRST_NAME_FORMS: &[(&str, &str)] = &[
    ("bill", "william"),
    ("billy", "william"),
    ("will", "william"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("rob", "robert"),
    ("robbie", "robert"),
    ("chuck", "charles"),
    ("charlie", "charles"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("rich", "richard"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("joey", "joseph"),
    ("mike", "michael"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("tony", "anthony"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("steve", "steven"),
    ("stephen", "steven"),
    ("nick", "nicholas"),
    ("matt", "matthew"),
    ("ben", "benjamin"),
    ("andy", "andrew"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("larry", "lawrence"),
    ("ron", "ronald"),
    ("ronnie", "ronald"),
    ("don", "donald"),
    ("doug", "douglas"),
    ("ken", "kenneth"),
    ("kenny", "kenneth"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betsy", "elizabeth"),
    ("peggy", "margaret"),
    ("maggie", "margaret"),
    ("sue", "susan"),
    ("jen", "jennifer"),
    ("jenny", "jennifer"),
    ("becky", "rebecca"),
    ("hank", "henry"),
    ("fred", "frederick"),
    ("gene", "eugene"),
    ("jake", "jacob"),
    ("josh", "joshua"),
    ("rudy", "rudolph"),
    ("tim", "timothy"),
    ("walt", "walter"),
    ("zach", "zachary"),
    ("abe", "abraham"),
    ("phil", "philip"),
    ("phillip", "philip"),
    ("mitch", "mitchell"),
    ("newt", "newton"),
    ("vlad", "vladimir"),
];

/// The name a first name stands for: "chuck" -> "charles", others unchanged.
pub fn first_name(folded: &str) -> &str {
    FIRST_NAME_FORMS
        .iter()
        .find(|(short, _)| *short == folded)
        .map_or(folded, |(_, full)| full)
}

/// A name's words as a reader is shown them: an editor's brackets inside it
/// left out ("[special counsel Robert] Mueller" gives the mention "Robert]
/// Mueller", shown "Robert Mueller"); a name without brackets is returned as is.
pub fn shown_name(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['[', ']']) {
        return text.into();
    }
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(['[', ']']))
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_shown_without_an_editors_brackets() {
        assert_eq!(shown_name("Robert] Mueller"), "Robert Mueller");
        assert_eq!(shown_name("[George H. W.] Bush"), "George H. W. Bush");
        assert_eq!(shown_name("Barack ] Obama"), "Barack Obama");
        assert_eq!(shown_name("Nancy Pelosi"), "Nancy Pelosi");
    }

    #[test]
    fn keys_read_back_their_kind() {
        for kind in [
            ActorKind::Person,
            ActorKind::Org,
            ActorKind::Gpe,
            ActorKind::Loc,
        ] {
            let key = ActorKey::new(kind, "saint-vincent-grenadines").to_string();
            assert_eq!(
                ActorKey::parse(&key),
                Some(ActorKey::new(kind, "saint-vincent-grenadines"))
            );
        }
        assert_eq!(
            ActorKey::new(ActorKind::Person, "nicolas maduro").to_string(),
            "person:nicolas maduro"
        );
        let k = ActorKey::parse("person:a: b").unwrap();
        assert_eq!((k.kind, k.name), (ActorKind::Person, "a: b"));
        assert_eq!(ActorKey::parse("stories:1"), None);
        assert_eq!(ActorKey::parse("person"), None);
    }
}
