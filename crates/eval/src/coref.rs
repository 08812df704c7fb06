//! Resolution inside a document against GUM's coreference chains
//! (`parallax eval coref`).
//!
//! **Links.** Every mention the analysis resolved to an actor by a rule other than
//! its own name is a link from that mention to the actor, and the actor is stood
//! for by one of its name mentions: the nearest before the linked mention that is a
//! GUM mention, else the nearest after it. Kinds, by the rule that made the link:
//! * `pronoun`: "he", "she", "his", "her" joined to a person
//!   (`pronoun: nearest preceding person`);
//! * `short name`: a surname or first name joined to the full name it belongs to;
//! * `acronym`: an acronym defined in the text joined to its long name;
//! * `title`: a bare title ("the Prime Minister") joined to the person last given it;
//! * `description`: a description set off before a name ("The Prime Minister of
//!   X, Ralph Gonsalves") joined to that name;
//! * `alias`: a name written otherwise than the actor's name before it, joined by a
//!   gazetteer ("U.S." and "United States");
//! * `speaker`: a quote's speaker whose words are no mention ("…, who said") joined
//!   to an actor.
//!
//! **Precision first.** A link is right when both of its mentions are mentions of
//! one GUM chain (or of chains GUM links to one Wikipedia title: "Ichiyō Higuchi"
//! the writer and her pen name). A parallax mention is GUM's mention when it lies inside it and
//! holds its head word (the smallest such; "Trump" is the mention "U.S. President
//! Donald Trump"; when GUM marks the same words twice, either reading counts), or,
//! when the head is a common noun, the first word of a proper name joined to it by
//! `flat` or `appos` ("John Dalton" is the mention "English schoolteacher John
//! Dalton", which GUM heads by "schoolteacher"). A link whose mention or actor name is no GUM mention is wrong
//! (counted apart as `no gold mention`, so span disagreements can be told from
//! wrong actors).
//!
//! **Recall.** Over the GUM mentions that could be resolved to a named actor: a
//! mention of a person, organisation or place chain that holds a name (a GUM name
//! mention in UNER's conventions, see [`parallax_ner::gum`]) other than itself. By
//! its form: `pronoun` (he, she, him, her, his, hers, himself, herself),
//! `pronoun they/it` (third-person pronouns parallax does not resolve: they, them,
//! their, it, its...), `short name` (a name whose words are fewer than the
//! chain's longest name and end with one of its words), `acronym` (a name in
//! capitals, the chain holding a longer one), `title` (a definite noun phrase
//! headed by a title: "the President") and `description` (any other definite noun
//! phrase: "the company"). A gold mention is found when a right link starts on it.
//! Precision is by the rule that made the link, recall by the gold mention's form.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use parallax_core::{Analysis, Mention, MentionForm, MentionRule, fold, is_acronym};
use parallax_ner::gum::{GumDoc, is_title};
use serde::Serialize;

use crate::Prf;
use crate::gum::GumCorpus;

/// The kinds of link, in report order.
pub const KINDS: [&str; 8] = [
    "pronoun",
    "pronoun they/it",
    "short name",
    "acronym",
    "title",
    "description",
    "alias",
    "speaker",
];

/// Scores of one kind of link.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KindScore {
    /// The kind.
    pub kind: String,
    /// Right links of this kind (by rule) over all of them; gold mentions of this
    /// form found over all of them.
    pub prf: Prf,
    /// Links whose mention or actor name is no GUM mention (counted wrong).
    pub no_gold_mention: usize,
}

/// One link, for reading (`--examples`).
#[derive(Debug, Clone, Serialize)]
pub struct LinkExample {
    /// `wrong` (the two mentions are in different chains, or one is in none) or
    /// `missed` (a resolvable gold mention no right link starts on).
    pub verdict: &'static str,
    /// The kind of link or gold mention.
    pub kind: &'static str,
    /// The document.
    pub doc: String,
    /// The linked mention's words.
    pub mention: String,
    /// The name it was linked to (wrong) or its chain's name (missed).
    pub actor: String,
    /// For a wrong link: the chains GUM puts the mention and the actor's name in
    /// (each by its first name or first words), `-` for no GUM mention.
    pub gold: String,
    /// Byte offset of the mention in the document's text.
    pub at: usize,
    /// The words before the mention in its document (up to 60 bytes).
    pub context: String,
}

/// Up to 60 bytes of `text` before byte `at`, on one line.
fn context_before(text: &str, at: usize) -> String {
    let mut from = at.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at].replace('\n', " ")
}

/// `parallax eval coref` on GUM.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorefEval {
    /// Documents.
    pub documents: usize,
    /// Per kind (see [`KINDS`]).
    pub kinds: Vec<KindScore>,
    /// Every kind together.
    pub micro: Prf,
    /// Links whose actor has no name mention to stand for it (not scored).
    pub unanchored: usize,
    /// Wrong and missed links, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<LinkExample>,
}

impl CorefEval {
    /// The text report.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "GUM coreference inside each document: {} documents; a link (a mention resolved to an actor by \
             a rule other than its name) is right when it and the actor's nearest name GUM marks are in one GUM chain \
             (or in chains GUM links to one Wikipedia title)",
            self.documents
        );
        let _ = writeln!(
            s,
            "precision by the rule that made the link; recall over GUM mentions of named person/organisation/place chains, by their form"
        );
        for k in &self.kinds {
            let _ = writeln!(
                s,
                "  {:<16} P {:.3}  R {:.3}  F1 {:.3}   (links {}, right {}, no gold mention {}; gold {}, found {})",
                k.kind,
                k.prf.precision(),
                k.prf.recall(),
                k.prf.f1(),
                k.prf.predicted,
                k.prf.tp_pred,
                k.no_gold_mention,
                k.prf.gold,
                k.prf.tp_gold
            );
        }
        let _ = writeln!(
            s,
            "  {:<16} P {:.3}  R {:.3}  F1 {:.3}   (links {}, right {}; gold {}, found {})",
            "all",
            self.micro.precision(),
            self.micro.recall(),
            self.micro.f1(),
            self.micro.predicted,
            self.micro.tp_pred,
            self.micro.gold,
            self.micro.tp_gold
        );
        if self.unanchored > 0 {
            let _ = writeln!(
                s,
                "  ({} links not scored: their actor has no name mention)",
                self.unanchored
            );
        }
        for e in &self.examples {
            let _ = writeln!(
                s,
                "  {:<6} {:<16} {:<28} {:<28} -> {:<30} gold: {}   @{} …{}",
                e.verdict,
                e.kind,
                e.doc.trim_start_matches("GUM_"),
                e.mention,
                e.actor,
                e.gold,
                e.at,
                e.context
            );
        }
        s
    }
}

/// A gold mention with byte spans in the document text.
struct GoldMention {
    /// The actor: the chain's Wikipedia title, else the chain.
    eid: String,
    /// The chain.
    chain: String,
    span: (usize, usize),
    /// The words a parallax span must hold to stand for the mention: its head,
    /// and, when the head is a common noun with a proper name joined to it
    /// ("English schoolteacher John Dalton", the name `flat` on "schoolteacher"),
    /// the name's first word.
    heads: Vec<(usize, usize)>,
}

/// The gold mentions a parallax span stands for: the smallest ones that contain
/// the span and whose head word lies inside it. GUM may mark the same words twice
/// ("Ichiyō Higuchi" the writer and the pen name), and a link is right when one
/// reading of each end shares a chain.
fn match_all(gold: &[GoldMention], (a, b): (usize, usize)) -> Vec<usize> {
    let fits: Vec<usize> = (0..gold.len())
        .filter(|&i| {
            let g = &gold[i];
            g.span.0 <= a && b <= g.span.1 && g.heads.iter().any(|h| a <= h.0 && h.1 <= b)
        })
        .collect();
    let Some(min) = fits.iter().map(|&i| gold[i].span.1 - gold[i].span.0).min() else {
        return Vec::new();
    };
    fits.into_iter()
        .filter(|&i| gold[i].span.1 - gold[i].span.0 == min)
        .collect()
}

/// The words of GUM mention `m` that stand for it (see [`GoldMention::heads`]):
/// its head, and when the head is no proper noun, the first word of a proper name
/// joined to it by `flat` or `appos` inside the mention ("the physician Yang
/// Buwei").
fn name_heads(d: &GumDoc, m: &parallax_ner::gum::GumMention) -> Vec<usize> {
    let words = &d.sentences[m.sent].words;
    let mut out = vec![m.head];
    if words[m.head].upos != "PROPN" {
        let joined = (m.start..m.end).find(|&i| {
            words[i].head == Some(m.head)
                && words[i].upos == "PROPN"
                && matches!(words[i].deprel.split(':').next(), Some("flat" | "appos"))
        });
        out.extend(joined);
    }
    out
}

const GENDERED: [&str; 8] = [
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
];
const NEUTER: [&str; 10] = [
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "themself",
    "it",
    "its",
    "itself",
    "their's",
];

/// The kind of a link by the rule that made it, `None` for a mention by its own name.
fn link_kind(m: &Mention, anchor: Option<&Mention>) -> Option<&'static str> {
    Some(match m.rule {
        MentionRule::PronounNearestPerson => "pronoun",
        MentionRule::SurnameOfFullName
        | MentionRule::SurnameOfMostNamed
        | MentionRule::FirstNameOfFullName
        | MentionRule::HeadWordOfName => "short name",
        MentionRule::AcronymDefinedInText => "acronym",
        MentionRule::DescriptionLastTitled => "title",
        MentionRule::DescriptionBeforeName => "description",
        _ if matches!(m.form, MentionForm::Name | MentionForm::Acronym)
            && anchor.is_some_and(|a| fold(&a.text) != fold(&m.text)) =>
        {
            "alias"
        }
        _ => return None,
    })
}

/// Whether mention `j` names its actor (by its name, not through a pronoun,
/// title or description).
fn is_name(a: &Analysis, j: usize) -> bool {
    matches!(a.mentions[j].form, MentionForm::Name | MentionForm::Acronym)
        && !matches!(
            a.mentions[j].rule,
            MentionRule::PronounNearestPerson
                | MentionRule::DescriptionLastTitled
                | MentionRule::DescriptionBeforeName
        )
}

/// The name mentions that can stand for `entity` seen from byte `at` (never
/// mention `skip`), in order of preference: the nearest before `at` first, then
/// those after it.
fn anchors(a: &Analysis, entity: usize, at: usize, skip: Option<usize>) -> Vec<usize> {
    let names: Vec<usize> = (0..a.mentions.len())
        .filter(|&j| Some(j) != skip && a.mentions[j].entity == entity && is_name(a, j))
        .collect();
    let split = names.partition_point(|&j| a.mentions[j].span.start < at);
    let mut out: Vec<usize> = names[..split].iter().rev().copied().collect();
    out.extend(&names[split..]);
    out
}

/// The form of a gold mention that could be resolved to a named actor, or `None`.
fn gold_kind(
    d: &GumDoc,
    mi: usize,
    name_of: &BTreeMap<usize, usize>,
    longest: &BTreeMap<&str, Vec<String>>,
) -> Option<&'static str> {
    let m = &d.mentions[mi];
    let chain = longest.get(m.eid.as_str())?;
    let words = &d.sentences[m.sent].words;
    if let Some(&ni) = name_of.get(&mi) {
        let n = &d.names[ni];
        let forms: Vec<String> = words[n.start..n.end]
            .iter()
            .map(|w| fold(&w.form))
            .collect();
        if forms.len() >= chain.len() {
            return None;
        }
        let text: String = words[n.start..n.end]
            .iter()
            .map(|w| w.form.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if forms.len() == 1 && is_acronym(&text) && text.chars().count() >= 2 {
            return Some("acronym");
        }
        return forms
            .last()
            .is_some_and(|l| chain.contains(l))
            .then_some("short name");
    }
    let head = &words[m.head];
    let lower = head.form.to_lowercase();
    if head.upos == "PRON" && m.end - m.start == 1 {
        if GENDERED.contains(&lower.as_str()) {
            return Some("pronoun");
        }
        if NEUTER.contains(&lower.as_str()) {
            return Some("pronoun they/it");
        }
        return None;
    }
    let titled = is_title(&head.form);
    if (head.upos == "NOUN" || (head.upos == "PROPN" && titled))
        && words[m.start].form.eq_ignore_ascii_case("the")
    {
        return Some(if titled { "title" } else { "description" });
    }
    None
}

/// Scores parallax's resolution inside each document of `corpus` against GUM's
/// chains (see the module docs). `examples` caps the wrong and missed links kept.
pub fn eval_gum_coref(corpus: &GumCorpus, examples: usize) -> CorefEval {
    let mut kinds: BTreeMap<&'static str, KindScore> = KINDS
        .iter()
        .map(|k| {
            (
                *k,
                KindScore {
                    kind: k.to_string(),
                    ..Default::default()
                },
            )
        })
        .collect();
    let mut out = CorefEval {
        documents: corpus.docs.len(),
        ..Default::default()
    };
    let mut wrong_examples = Vec::new();
    let mut missed_examples = Vec::new();
    for (di, d) in corpus.docs.iter().enumerate() {
        let a = &corpus.analyses[di];
        let text = &corpus.texts[di].0;
        // Chains GUM links to one Wikipedia title are one actor ("Ichiyō Higuchi"
        // the writer and the pen name).
        let mut title: BTreeMap<&str, &str> = BTreeMap::new();
        for m in &d.mentions {
            if let Some(t) = &m.identity {
                title.entry(m.eid.as_str()).or_insert(t.as_str());
            }
        }
        let actor = |eid: &str| match title.get(eid) {
            Some(t) => format!("wiki {t}"),
            None => format!("chain {eid}"),
        };
        let gold: Vec<Option<GoldMention>> = d
            .mentions
            .iter()
            .map(|m| {
                Some(GoldMention {
                    eid: actor(&m.eid),
                    chain: m.eid.clone(),
                    span: corpus.span(di, m.sent, m.start, m.end)?,
                    heads: name_heads(d, m)
                        .into_iter()
                        .filter_map(|h| corpus.span(di, m.sent, h, h + 1))
                        .collect(),
                })
            })
            .collect();
        // Keep indices into d.mentions: the aligned mentions and their index.
        let (gidx, gold): (Vec<usize>, Vec<GoldMention>) = gold
            .into_iter()
            .enumerate()
            .filter_map(|(i, g)| g.map(|g| (i, g)))
            .unzip();
        // A chain's name: its first name mention's words.
        let chain_name = |eid: &str| -> String {
            d.names
                .iter()
                .find(|n| d.mentions[n.mention].eid == eid)
                .map(|n| {
                    d.sentences[n.sent].words[n.start..n.end]
                        .iter()
                        .map(|w| w.form.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_else(|| {
                    let m = d.mentions.iter().find(|m| m.eid == eid);
                    m.map(|m| {
                        d.sentences[m.sent].words[m.start..m.end.min(m.start + 6)]
                            .iter()
                            .map(|w| w.form.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default()
                })
        };

        // Links: (kind, mention span, the actor's name mentions in order of preference).
        let mut links: Vec<(&'static str, (usize, usize), Vec<usize>)> = Vec::new();
        for (i, m) in a.mentions.iter().enumerate() {
            let names = anchors(a, m.entity, m.span.start, Some(i));
            let Some(kind) = link_kind(m, names.first().map(|&j| &a.mentions[j])) else {
                continue;
            };
            if names.is_empty() {
                out.unanchored += 1;
                continue;
            }
            links.push((kind, (m.span.start, m.span.end), names));
        }
        let mention_spans: BTreeSet<(usize, usize)> = a
            .mentions
            .iter()
            .map(|m| (m.span.start, m.span.end))
            .collect();
        for q in &a.quotes {
            let Some(sp) = &q.speaker else { continue };
            let Some(e) = sp.entity else { continue };
            if mention_spans.contains(&(sp.span.start, sp.span.end)) {
                continue;
            }
            let names = anchors(a, e, sp.span.start, None);
            if names.is_empty() {
                out.unanchored += 1;
                continue;
            }
            links.push(("speaker", (sp.span.start, sp.span.end), names));
        }
        links.sort_by_key(|l| l.1);
        links.dedup_by_key(|l| l.1);

        // Gold mentions a right link starts on.
        let mut found: BTreeSet<usize> = BTreeSet::new();
        for (kind, span, names) in &links {
            let k = kinds.get_mut(kind).expect("every kind is listed");
            k.prf.predicted += 1;
            let gms = match_all(&gold, *span);
            let gm = gms.first().copied();
            // The actor's nearest name that is a GUM mention stands for it.
            let (anchor, gas) = names
                .iter()
                .map(|&j| {
                    let m = &a.mentions[j];
                    (j, match_all(&gold, (m.span.start, m.span.end)))
                })
                .find(|(_, g)| !g.is_empty())
                .unwrap_or((names[0], Vec::new()));
            let ga = gas.first().copied();
            let anchor_text = &a.mentions[anchor].text;
            let shared = gms
                .iter()
                .find(|&&x| gas.iter().any(|&y| gold[x].eid == gold[y].eid));
            match (gm, ga) {
                _ if shared.is_some() => {
                    k.prf.tp_pred += 1;
                    found.insert(gidx[*shared.expect("checked")]);
                }
                (x, y) => {
                    if x.is_none() || y.is_none() {
                        k.no_gold_mention += 1;
                    }
                    if wrong_examples.len() < examples {
                        wrong_examples.push(LinkExample {
                            verdict: "wrong",
                            kind,
                            doc: d.id.clone(),
                            mention: text[span.0..span.1].to_string(),
                            actor: anchor_text.clone(),
                            gold: format!(
                                "{} / actor's name in {}",
                                x.map_or("-".to_string(), |x| chain_name(&gold[x].chain)),
                                y.map_or("-".to_string(), |y| chain_name(&gold[y].chain))
                            ),
                            at: span.0,
                            context: context_before(text, span.0),
                        });
                    }
                }
            }
        }

        // Recall: the resolvable gold mentions, by form.
        let name_of: BTreeMap<usize, usize> = d
            .names
            .iter()
            .enumerate()
            .map(|(ni, n)| (n.mention, ni))
            .collect();
        // Chains of actors that hold a name: their longest name's folded words.
        let mut longest: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut names_in: BTreeMap<&str, usize> = BTreeMap::new();
        for n in &d.names {
            let m = &d.mentions[n.mention];
            *names_in.entry(m.eid.as_str()).or_default() += 1;
            let forms: Vec<String> = d.sentences[n.sent].words[n.start..n.end]
                .iter()
                .map(|w| fold(&w.form))
                .collect();
            let e = longest.entry(m.eid.as_str()).or_default();
            if forms.len() > e.len() {
                *e = forms;
            }
        }
        for (mi, m) in d.mentions.iter().enumerate() {
            // A name mention needs another name in its chain to be resolved to.
            if name_of.contains_key(&mi) && names_in.get(m.eid.as_str()).copied().unwrap_or(0) < 2 {
                continue;
            }
            let Some(kind) = gold_kind(d, mi, &name_of, &longest) else {
                continue;
            };
            let Some(gi) = gidx.iter().position(|&g| g == mi) else {
                continue;
            };
            let k = kinds.get_mut(kind).expect("every kind is listed");
            k.prf.gold += 1;
            if found.contains(&mi) {
                k.prf.tp_gold += 1;
            } else if missed_examples.len() < examples && kind != "pronoun they/it" {
                let g = &gold[gi];
                missed_examples.push(LinkExample {
                    verdict: "missed",
                    kind,
                    doc: d.id.clone(),
                    mention: text[g.span.0..g.span.1].to_string(),
                    actor: chain_name(&m.eid),
                    gold: String::new(),
                    at: g.span.0,
                    context: context_before(text, g.span.0),
                });
            }
        }
    }
    for k in KINDS {
        let s = kinds.remove(k).expect("every kind is listed");
        out.micro.add(s.prf);
        out.kinds.push(s);
    }
    out.examples = wrong_examples;
    out.examples.extend(missed_examples);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_match_needs_the_head_inside() {
        let g = vec![
            GoldMention {
                eid: "1".into(),
                chain: "1".into(),
                span: (0, 30),
                heads: vec![(20, 25)],
            },
            GoldMention {
                eid: "2".into(),
                chain: "2".into(),
                span: (20, 25),
                heads: vec![(20, 25)],
            },
        ];
        // The smallest mention holding the span and its head.
        assert_eq!(match_all(&g, (20, 25)), [1]);
        // A span without the head of the mention around it is none of them.
        assert!(match_all(&g, (0, 5)).is_empty());
    }
}
