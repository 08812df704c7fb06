//! Resolution inside the article: each candidate becomes a mention of one entity,
//! by the rule that linked it (full name, surname to its one full name unless a
//! preposition of place says the word is a place, pronoun to the subject of the
//! latest sentence naming a person when nothing makes it doubtful (see
//! `Resolver::pronoun`), a legislature by its head word ("Congress
//! authorized"), "the Prime Minister" to the
//! person last given that title, acronyms defined in parentheses, the reading of an
//! ambiguous name the article's words support, a capital acting as its country's
//! government), with that rule's confidence from `rule_confidence.tsv`.

use std::collections::{HashMap, HashSet};

use parallax_core::{
    ActorKey, ActorKind, Entity, Mention, MentionForm, MentionRule, Span, fold, is_acronym,
};
use parallax_ner::EntityKind;

use super::{ActorLayer, Cand, CandKind, Tagged};
use crate::lexicon::{GazForm, HeadClass, Lexicon, RoleKind};
use crate::text::{SentToks, TokKind};
use crate::vocab::WordSet;

/// "The Prime Minister of Saint Vincent and the Grenadines, Ralph Gonsalves": the
/// description names the person after the comma, who takes it as a title.
pub(super) fn link_appositive_descriptions(
    text: &str,
    sents: &[SentToks],
    lex: &Lexicon,
    cands: &mut [Cand],
) {
    for d in 0..cands.len() {
        if !matches!(cands[d].kind, CandKind::Description { .. }) {
            continue;
        }
        let (si, d_end) = (cands[d].sent, cands[d].tok_end);
        let st = &sents[si];
        let target = (d + 1..cands.len())
            .take_while(|&p| cands[p].sent == si)
            .find(|&p| {
                let c = &cands[p];
                c.sent == si
                    && matches!(c.kind, CandKind::Person { .. })
                    && c.tok_start > d_end
                    && c.tok_start - d_end <= 10
                    && st.toks[c.tok_start - 1].text(text) == ","
                    && (d_end..c.tok_start).all(|k| lex.cue(&st.folded[k]).is_none())
            });
        if let Some(p) = target {
            if cands[p].title.is_none() {
                cands[p].title = Some(cands[d].span.text(text).to_string());
            }
            cands[d].appos = Some(p);
        }
    }
}

/// "a 3-year-old daughter, Bella, with a serious disorder, and he said": a name
/// set off by commas right after a noun for a man or a woman ("daughter",
/// "his wife, Karen,") takes that noun as its title, which tells a pronoun the
/// person's gender (BASIL 65cb14cb: "he" was Bella, and she was quoted).
pub(super) fn gendered_noun_appositives(
    text: &str,
    sents: &[SentToks],
    lex: &Lexicon,
    cands: &mut [Cand],
) {
    let words = &lex.words;
    for c in cands.iter_mut() {
        if c.title.is_some() || !matches!(c.kind, CandKind::Person { .. } | CandKind::Single { .. })
        {
            continue;
        }
        let st = &sents[c.sent];
        let (k, e) = (c.tok_start, c.tok_end);
        if k < 2 || st.toks[k - 1].text(text) != "," {
            continue;
        }
        // ("Martin Luther King, Jr.": a suffix is no name)
        if words.name_suffixes.contains_undotted(&st.folded[k]) {
            continue;
        }
        let noun = &st.folded[k - 2];
        let closed = st
            .toks
            .get(e)
            .is_none_or(|t| matches!(t.text(text), "," | "." | ";"));
        if closed && (words.masculine_nouns.contains(noun) || words.feminine_nouns.contains(noun)) {
            c.title = Some(st.toks[k - 2].text(text).to_string());
        }
    }
}

/// The words of a person's name that make its identity: all but a Roman number
/// after two words or more, which articles often leave out ("Robert S. Mueller
/// III" is the Robert Mueller of the next article), while one after a single word
/// is the name ("Henry VIII").
fn identity_words(name: &[String]) -> &[String] {
    match name {
        [rest @ .., last]
            if rest.len() >= 2
                && crate::lexicon::is_roman_numeral(last)
                && last.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            rest
        }
        _ => name,
    }
}

/// The identity key of a person named `name` ("person:robert s. mueller").
fn person_key(name: &[String]) -> String {
    ActorKey::new(ActorKind::Person, &fold(&identity_words(name).join(" "))).to_string()
}

/// Picks, per ambiguous gazetteer entry, the reading the article's words support.
pub(super) struct Ambiguity;

impl Ambiguity {
    /// The alternative reading of each ambiguous entry for which `named` holds (the
    /// article names it) and the article's words support the alternative.
    pub(super) fn resolve(
        text: &str,
        lex: &Lexicon,
        named: impl Fn(usize) -> bool,
    ) -> HashMap<usize, usize> {
        let mut out = HashMap::new();
        let mut lower = None;
        for (di, ai, alt_words, def_words) in &lex.ambiguous {
            if !named(*di) {
                continue;
            }
            let lower: &String = lower.get_or_insert_with(|| text.to_lowercase());
            let count = |words: &str| {
                words
                    .split('|')
                    .map(|w| lower.matches(w.trim()).count())
                    .sum::<usize>()
            };
            let alt_score = count(alt_words);
            let def_score = def_words.as_deref().map(count).unwrap_or(0);
            if alt_score > def_score {
                out.insert(*di, *ai);
            }
        }
        out
    }
}

/// A full person name seen in the article: key, folded parts, mentions.
type FullName = (String, Vec<String>, usize);

struct EntityBuild {
    key: String,
    kind: ActorKind,
    name: String,
    variants: Vec<String>,
    roles: Vec<String>,
    aliases: Vec<String>,
    /// Folded name parts for surname/first-name matching (persons).
    parts: Vec<String>,
    mentions: usize,
}

pub(super) struct Resolver<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    entities: Vec<EntityBuild>,
    by_key: HashMap<String, usize>,
    mentions: Vec<Mention>,
    /// (sentence, start, entity, can be a subject) of each person mention so far,
    /// for pronouns.
    person_trail: Vec<(usize, usize, usize, bool)>,
    /// The same with each pronoun's pick by the attribution rule, resolved or not
    /// (see [`Resolver::pronoun`]).
    attribution_trail: Vec<(usize, usize, usize, bool)>,
    /// (sentence, feminine) of each pronoun left unresolved so far.
    unresolved_pronouns: Vec<(usize, bool)>,
    /// Per sentence, whether it lies wholly inside a quotation.
    quoted_sents: Vec<bool>,
    /// Per person, the masculine and feminine pronouns resolved to it so far.
    pronoun_genders: HashMap<usize, [u32; 2]>,
    /// Names read as a place or organisation at least twice, and more often than
    /// as a person: no person's surname.
    place_names: std::collections::HashSet<String>,
    /// Full names whose surname is their last two words, as a mention by those
    /// words showed ("Peña Nieto" beside "Enrique Peña Nieto"): the first of the
    /// two is a surname too ("President Peña").
    two_word_surnames: HashSet<String>,
    /// A first name in a short form the article wrote in a full name, and the key
    /// of the person it stands for ("dick" -> "person:richard blumenthal"): a lone
    /// "Dick" is that person's first name.
    short_first_names: HashMap<String, String>,
    /// Lone words the article puts after a preposition of place somewhere ("in
    /// Tulsa"): a city the tagger took for a person is then the city.
    located: std::collections::HashSet<String>,
    /// Lone capitalised words no rule made an actor, for [`Resolver::same_name`].
    unlinked: Vec<Cand>,
    quoted: &'a [Span],
    /// Folded names made organisations as employers ([`super::employers`]).
    employers: HashSet<String>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(text: &'a str, lex: &'a Lexicon, quoted: &'a [Span]) -> Self {
        Resolver {
            text,
            lex,
            quoted,
            entities: Vec::new(),
            by_key: HashMap::new(),
            mentions: Vec::new(),
            person_trail: Vec::new(),
            attribution_trail: Vec::new(),
            unresolved_pronouns: Vec::new(),
            pronoun_genders: HashMap::new(),
            place_names: Default::default(),
            two_word_surnames: HashSet::new(),
            short_first_names: HashMap::new(),
            unlinked: Vec::new(),
            located: Default::default(),
            quoted_sents: Vec::new(),
            employers: HashSet::new(),
        }
    }

    /// The names [`super::employers`] made organisations, for their mentions' rule.
    pub(super) fn with_employers(mut self, employers: HashSet<String>) -> Self {
        self.employers = employers;
        self
    }

    fn entity(&mut self, key: &str, kind: ActorKind, name: &str) -> usize {
        if let Some(&i) = self.by_key.get(key) {
            return i;
        }
        let parts = name.split_whitespace().map(fold).collect();
        self.entities.push(EntityBuild {
            key: key.to_string(),
            kind,
            name: name.to_string(),
            variants: Vec::new(),
            roles: Vec::new(),
            aliases: Vec::new(),
            parts,
            mentions: 0,
        });
        self.by_key.insert(key.to_string(), self.entities.len() - 1);
        self.entities.len() - 1
    }

    fn mention(&mut self, c: &Cand, entity: usize, form: MentionForm, rule: MentionRule) {
        let text = c.span.text(self.text).to_string();
        let e = &mut self.entities[entity];
        let shown = parallax_core::shown_name(&text);
        if !matches!(form, MentionForm::Pronoun | MentionForm::Description)
            && !e.variants.iter().any(|v| *v == shown)
        {
            e.variants.push(shown.into_owned());
        }
        if let Some(t) = &c.title {
            if !e.roles.iter().any(|r| fold(r) == fold(t)) {
                e.roles.push(t.clone());
            }
        }
        e.mentions += 1;
        let kind = e.kind;
        // A name inside a quotation is not what a pronoun outside it refers to;
        // pronouns are put on the trails by `pronoun`.
        if kind == ActorKind::Person
            && form != MentionForm::Pronoun
            && !crate::index::inside_any(self.quoted, c.span)
        {
            let subject = !possessed_or_aside(self.text, c.span);
            self.person_trail
                .push((c.sent, c.span.start, entity, subject));
            self.attribution_trail
                .push((c.sent, c.span.start, entity, subject));
        }
        self.mentions.push(Mention {
            span: c.span,
            text,
            kind,
            form,
            entity,
            rule,
            confidence: rule_confidence(rule),
        });
    }

    pub(super) fn resolve(mut self, cands: Vec<Cand>, sents: &[SentToks]) -> ActorLayer {
        self.quoted_sents = sents
            .iter()
            .map(|st| match (st.toks.first(), st.toks.last()) {
                (Some(a), Some(b)) => {
                    crate::index::inside_any(self.quoted, Span::new(a.span.start, b.span.end))
                }
                _ => false,
            })
            .collect();
        // Full names first, so a surname can find its full name anywhere in the article.
        // (key, folded name parts, mentions by full name)
        let mut full: Vec<FullName> = Vec::new();
        for c in &cands {
            if let CandKind::Person { name } = &c.kind {
                let key = person_key(name);
                match full.iter_mut().find(|f| f.0 == key) {
                    Some(f) => f.2 += 1,
                    None => full.push((
                        key,
                        identity_words(name).iter().map(|w| fold(w)).collect(),
                        1,
                    )),
                }
            }
        }
        // "Jared Tristan Padalecki" is "Jared Padalecki": a full name with middle
        // words is the person of the same first name and surname without any, when
        // it is the one longer form ("George W. Bush" beside "George H. W. Bush" and
        // "George Bush" is left alone, and so is "George H. W. Bush" beside "George
        // W. Bush")
        // ("the second son of Pierre L'Enfant", the father of Pierre Charles
        // L'Enfant: a name after a word for a relative is someone else)
        let kin = |w: &str| {
            self.lex.words.masculine_nouns.contains(w) || self.lex.words.feminine_nouns.contains(w)
        };
        let relatives: std::collections::HashSet<String> = cands
            .iter()
            .filter_map(|c| {
                let CandKind::Person { name } = &c.kind else {
                    return None;
                };
                let f = &sents[c.sent].folded;
                let t = c.tok_start;
                let after_kin =
                    (t >= 1 && kin(&f[t - 1])) || (t >= 2 && f[t - 1] == "of" && kin(&f[t - 2]));
                // "Hunter Biden, the president's son, testified"
                let e = c.tok_end;
                let kin_aside = f.get(e).is_some_and(|w| w == ",")
                    && f.get(e + 1)
                        .is_some_and(|w| self.lex.words.unnamed_person_determiners.contains(w))
                    && (e + 2..(e + 6).min(f.len())).any(|k| {
                        kin(&f[k])
                            && (e + 1..k).all(|j| f[j] != ",")
                            && f.get(k + 1)
                                .is_none_or(|w| matches!(w.as_str(), "," | "." | ";"))
                    });
                (after_kin || kin_aside).then(|| person_key(name))
            })
            .collect();
        // full names by first and last word: a pair of one two-word name and one
        // longer form is one person; so is a pair of names whose first words are one
        // name, one in a short form ("Dick Blumenthal" is "Richard Blumenthal";
        // `parallax_core::FIRST_NAME_FORMS`), known by its formal name
        let mut by_ends: HashMap<(&str, &str), Vec<&FullName>> = HashMap::new();
        for f in full.iter().filter(|f| f.1.len() >= 2) {
            by_ends
                .entry((parallax_core::first_name(&f.1[0]), &f.1[f.1.len() - 1]))
                .or_default()
                .push(f);
        }
        let mut longer_forms: HashMap<String, String> = HashMap::new();
        for group in by_ends.values() {
            if let [a, b] = group[..] {
                let (short, long) = if a.1.len() < b.1.len() {
                    (a, b)
                } else {
                    (b, a)
                };
                if a.1[0] != b.1[0] {
                    // one two-word name in a short form and in full
                    let (nick, formal) = if parallax_core::first_name(&a.1[0]) == a.1[0] {
                        (b, a)
                    } else {
                        (a, b)
                    };
                    if a.1.len() == 2
                        && b.1.len() == 2
                        && !relatives.contains(&a.0)
                        && !relatives.contains(&b.0)
                    {
                        longer_forms.insert(nick.0.clone(), formal.0.clone());
                        self.short_first_names
                            .insert(nick.1[0].clone(), formal.0.clone());
                    }
                } else if short.1.len() == 2 && long.1.len() > 2 && !relatives.contains(&short.0) {
                    longer_forms.insert(long.0.clone(), short.0.clone());
                }
            }
        }
        // "Wasserman Schultz" after "Debbie Wasserman Schultz": two words that end
        // one longer name, the first no given name, are its surname of two words
        // ("Trump Jr." is left to tell the son from his father, below)
        let mut surname_forms: Vec<(String, String)> = Vec::new();
        for f2 in full.iter().filter(|f| {
            f.1.len() == 2
                && !self.lex.words.name_suffixes.contains_undotted(&f.1[1])
                && !relatives.contains(&f.0)
                && !self.lex.given_feminine.contains_key(&f.1[0])
                && !longer_forms.contains_key(&f.0)
                && !longer_forms.values().any(|v| v == &f.0)
        }) {
            let mut longs = full
                .iter()
                .filter(|l| l.1.len() >= 3 && l.1[l.1.len() - 2..] == f2.1[..]);
            if let (Some(long), None) = (longs.next(), longs.next()) {
                if !longer_forms.contains_key(&long.0) {
                    surname_forms.push((f2.0.clone(), long.0.clone()));
                }
            }
        }
        self.two_word_surnames = surname_forms.iter().map(|x| x.1.clone()).collect();
        longer_forms.extend(surname_forms);
        for (long, short) in &longer_forms {
            let n = full.iter().find(|f| &f.0 == long).map_or(0, |f| f.2);
            if let Some(f) = full.iter_mut().find(|f| &f.0 == short) {
                f.2 += n;
            }
        }
        full.retain(|f| !longer_forms.contains_key(&f.0));
        // "Fort Lee" once a person and eight times a place or organisation, "Coron"
        // a place while "Penon de Coron" was taken for a person: how often each name
        // is read as a place or organisation, and as a person or a lone word.
        let mut readings: HashMap<String, (u32, u32)> = HashMap::new();
        for c in &cands {
            let (name, place) = match &c.kind {
                CandKind::Place { name } | CandKind::Org { name } => (fold(name), true),
                CandKind::Person { name } => (fold(&name.join(" ")), false),
                CandKind::Single { word } if !word.is_empty() => (fold(word), false),
                _ => continue,
            };
            let r = readings.entry(name).or_default();
            if place {
                r.0 += 1;
            } else {
                r.1 += 1;
            }
        }
        let mostly_place = |name: &str| {
            readings
                .get(name)
                .is_some_and(|&(place, other)| place >= 2 && place > other)
        };
        full.retain(|f| !mostly_place(&f.1.join(" ")));
        self.place_names = readings
            .keys()
            .filter(|k| mostly_place(k))
            .cloned()
            .collect();
        self.located = cands
            .iter()
            .filter_map(|c| match &c.kind {
                // ("in Tulsa, Oklahoma" is a place joined to its state)
                CandKind::Single { word: name } | CandKind::Place { name }
                    if self.after_place_preposition(c, sents) =>
                {
                    Some(fold(name))
                }
                _ => None,
            })
            .collect();
        let full = self.without_told_apart_namesakes(full, &cands, &relatives);
        let mostly_people = mostly_people(&cands);
        // Acronym definitions "Long Name (ACR)" / "ACR (Long Name)".
        let defs = acronym_definitions(self.text, &cands, sents);
        let mut pending: Vec<Cand> = Vec::new();

        for c in &cands {
            match &c.kind {
                CandKind::Gaz { entry, form } => {
                    // A capital acting ("Havana said", "Beijing warned") is its
                    // country's government; a capital as a place stays a place.
                    let government = (*form == GazForm::Name)
                        .then(|| self.lex.gazetteer.entries[*entry].country.as_ref())
                        .flatten()
                        .and_then(|k| self.lex.gazetteer.by_key.get(k).copied())
                        .filter(|_| self.acts_as_government(c, sents));
                    let g = &self.lex.gazetteer.entries[government.unwrap_or(*entry)];
                    let (key, kind, canonical) = (g.key.clone(), g.kind, g.canonical.clone());
                    let aliases = g.aliases.clone();
                    let e = self.entity(&key, kind, &canonical);
                    for a in aliases {
                        if !self.entities[e].aliases.contains(&a) {
                            self.entities[e].aliases.push(a);
                        }
                    }
                    let (mform, rule) = match form {
                        GazForm::Name if government.is_some() => {
                            (MentionForm::Name, MentionRule::CapitalForGovernment)
                        }
                        GazForm::Name => (MentionForm::Name, MentionRule::GazetteerName),
                        GazForm::Acronym => (MentionForm::Acronym, MentionRule::GazetteerAcronym),
                        GazForm::Demonym => (MentionForm::Demonym, MentionRule::GazetteerDemonym),
                    };
                    self.mention(c, e, mform, rule);
                }
                // "Broken Arrow" taken for a person: a name on the city list
                // with no title is the city
                CandKind::Person { name }
                    if c.title.is_none() && self.lex.cities.contains(&fold(&name.join(" "))) =>
                {
                    self.place(c, &name.join(" "), MentionRule::CityName)
                }
                CandKind::Person { name } => {
                    let joined = name.join(" ");
                    let key = person_key(name);
                    let key = longer_forms.get(&key).cloned().unwrap_or(key);
                    // A longer name that contains this one ("Fidel Castro Ruz") is not merged: keep apart.
                    let e = self.entity(&key, ActorKind::Person, &joined);
                    let rule = if c.from_tagger {
                        MentionRule::TaggerFullName
                    } else {
                        MentionRule::FullName
                    };
                    self.mention(c, e, MentionForm::Name, rule);
                }
                CandKind::Place { name } => {
                    let rule = if c.from_tagger {
                        MentionRule::TaggerPlaceName
                    } else {
                        MentionRule::PlaceName
                    };
                    self.place(c, name, rule)
                }
                CandKind::Org { name } => {
                    let key = defs
                        .iter()
                        .find(|(long, _)| fold(long) == fold(name))
                        .map(|(_, acr)| ActorKey::new(ActorKind::Org, &fold(acr)).to_string())
                        .unwrap_or_else(|| ActorKey::new(ActorKind::Org, &fold(name)).to_string());
                    let e = self.entity(&key, ActorKind::Org, name);
                    if let Some((_, acr)) = defs.iter().find(|(long, _)| fold(long) == fold(name)) {
                        if !self.entities[e].aliases.contains(acr) {
                            self.entities[e].aliases.push(acr.clone());
                        }
                    }
                    let rule = if self.employers.contains(&fold(name)) {
                        MentionRule::EmployerAfterJob
                    } else if c.from_tagger {
                        MentionRule::TaggerOrganisationName
                    } else {
                        MentionRule::OrganisationName
                    };
                    self.mention(c, e, MentionForm::Name, rule);
                }
                CandKind::Single { word } if !word.is_empty() => {
                    // "Cara" read as a person 17 times and as a place twice
                    if matches!(c.tagged, Tagged::Is(k) if k != EntityKind::Person)
                        && mostly_people.contains(&fold(word))
                    {
                        let c = Cand {
                            tagged: Tagged::Is(EntityKind::Person),
                            ..c.clone()
                        };
                        self.single(&c, word, &full, &defs, sents);
                        continue;
                    }
                    self.single(c, word, &full, &defs, sents)
                }
                CandKind::Single { .. } => {}
                CandKind::Description { .. } if c.appos.is_some() => pending.push(c.clone()),
                CandKind::Description { role } => {
                    // A description standing alone names the person last given that title.
                    let found = self
                        .person_trail
                        .iter()
                        .rev()
                        .find(|(_, _, e, _)| {
                            self.entities[*e].roles.iter().any(|r| {
                                self.lex.canonical_role(r) == self.lex.canonical_role(role)
                            })
                        })
                        .map(|t| t.2);
                    if let Some(e) = found {
                        self.mention(
                            c,
                            e,
                            MentionForm::Description,
                            MentionRule::DescriptionLastTitled,
                        );
                    }
                }
                CandKind::Pronoun => self.pronoun(c, sents),
            }
        }
        self.same_name();
        self.one_kind_per_lone_name();
        for d in pending {
            let target = &cands[d.appos.expect("pending descriptions are appositive")];
            if let Some(e) = self
                .mentions
                .iter()
                .find(|m| m.span == target.span)
                .map(|m| m.entity)
            {
                self.mention(
                    &d,
                    e,
                    MentionForm::Description,
                    MentionRule::DescriptionBeforeName,
                );
            }
        }
        self.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        self.finish()
    }

    /// The candidate comes right after a preposition of place and is no possessor:
    /// "in Coron", not "in Trump's view".
    fn after_place_preposition(&self, c: &Cand, sents: &[SentToks]) -> bool {
        let st = &sents[c.sent];
        c.tok_start > 0
            && (self.lex.words.where_prepositions).contains(&st.folded[c.tok_start - 1])
            && !possessor(st, c)
    }

    /// The surname of a full name's folded parts: its last word before a
    /// generational suffix or number ("trump" of "donald trump jr." and of "trump
    /// jr."; "elizabeth ii" has none: a lone "II" is nobody's surname, and
    /// "Elizabeth" is her first name).
    fn surname<'p>(&self, parts: &'p [String]) -> Option<&'p String> {
        let suffixes = &self.lex.words.name_suffixes;
        // (not "xi", a surname: "Zhang Xi"; the parts are folded, so a number
        // written in capitals cannot be told from a name here)
        let generation = |w: &String| {
            suffixes.contains_undotted(w)
                || (w.len() >= 2 && w != "xi" && crate::lexicon::is_roman_numeral(w))
        };
        let end = parts.iter().rposition(|w| !generation(w))?;
        let numbered = parts[end + 1..]
            .iter()
            .any(|w| crate::lexicon::is_roman_numeral(w));
        (end > 0 || !numbered).then(|| &parts[end])
    }

    /// The full names a lone surname may join, without a name with a generational
    /// suffix ("Donald Trump Jr.") that the article tells apart from its namesake:
    /// by the short form with the suffix ("Trump Jr.": then "Trump" alone is the
    /// other man) or by a lone surname with a title the suffixed name never has
    /// ("President Trump"). With no such sign, "Mr. Trump" in an article naming
    /// only Donald Trump Jr. is the son.
    ///
    /// A full name introduced as someone's relative (`relatives`: "the
    /// president's daughter Ivanka Trump", "Hunter Biden, the president's son")
    /// is told apart the same way from a lone surname with a title that name
    /// never has: "President Trump" is the relative's namesake, not her.
    fn without_told_apart_namesakes(
        &self,
        full: Vec<FullName>,
        cands: &[Cand],
        relatives: &HashSet<String>,
    ) -> Vec<FullName> {
        let suffixes = &self.lex.words.name_suffixes;
        let suffixed = |parts: &[String]| {
            parts.len() >= 2 && suffixes.contains_undotted(&parts[parts.len() - 1])
        };
        let told_apart: Vec<String> = full
            .iter()
            .filter(|f| f.1.len() == 2 && suffixed(&f.1))
            .map(|f| f.1[0].clone())
            .collect();
        let key_of =
            |parts: &[String]| ActorKey::new(ActorKind::Person, &parts.join(" ")).to_string();
        let apart = |parts: &[String]| suffixed(parts) || relatives.contains(&key_of(parts));
        // (surname, title) of each suffixed or relative's full name written with
        // a title
        let mut own_titles: Vec<(String, String)> = Vec::new();
        for c in cands {
            if let (CandKind::Person { name }, Some(t)) = (&c.kind, &c.title) {
                let parts: Vec<String> = name.iter().map(|w| fold(w)).collect();
                if let Some(sn) = self.surname(&parts).filter(|_| apart(&parts)) {
                    own_titles.push((sn.clone(), fold(t)));
                }
            }
        }
        let mut titled_alone: Vec<String> = Vec::new();
        for c in cands {
            if let (CandKind::Single { word }, Some(t)) = (&c.kind, &c.title) {
                let (w, t) = (fold(word), fold(t));
                if !self.lex.words.honorifics.contains_undotted(&t)
                    && !own_titles.iter().any(|x| x.0 == w && x.1 == t)
                {
                    titled_alone.push(w);
                }
            }
        }
        full.into_iter()
            .filter(|f| {
                let Some(sn) = self.surname(&f.1) else {
                    return true;
                };
                let by_suffix =
                    suffixed(&f.1) && (told_apart.contains(sn) || titled_alone.contains(sn));
                let relative =
                    f.1.len() >= 2 && relatives.contains(&f.0) && titled_alone.contains(sn);
                !(by_suffix || relative)
            })
            .collect()
    }

    /// A pronoun (`he`, `she`, `him`, `her`, `his`) joined to a person, precision
    /// first: an unresolved pronoun is better than a wrong one.
    ///
    /// The pick: among the people named within the last two sentences (not
    /// counting sentences wholly inside a quotation, at most eight back) whose
    /// gender does not disagree (an honorific or a title of one sex,
    /// `masculine-nouns`/`feminine-nouns`; else a given name of one gender,
    /// `given_names.tsv`; else the pronouns already resolved to the person), a
    /// possessive takes the nearest; a subject or object pronoun the first person
    /// of the latest sentence naming one that can be a subject ("Cross said he has
    /// two options: Clinton, whom he called …" is Cross, not Clinton).
    ///
    /// A subject pronoun of attribution ("he said", "said she") takes the pick at
    /// once: news names a speaker and goes on with a pronoun ("Poisson asked him"
    /// is no attribution). Any other pronoun takes it only when the pick is the one
    /// person named in its sentence and the one before, and no pronoun of its
    /// gender there was left unresolved (that one may be someone unnamed, "his
    /// grandmother", whom this one continues); "his" a few words after a name
    /// ("Trump and his supporters") takes that name when "and" joins them or the
    /// sentence names no one else. Either way, a person not named ("a reporter",
    /// "his grandmother", `unnamed-person-nouns`) or a given name no mention holds
    /// ("Mary is working on her novel") between the pick and the pronoun, outside
    /// quotations, leaves it unresolved; so does, for a pronoun that is no
    /// attribution, a pick of unknown gender while someone of the pronoun's gender
    /// was named within six sentences.
    /// Attribution pronouns see a trail where every pronoun before them took its
    /// pick, so a chain of pronouns carries a speaker as far as it always did.
    fn pronoun(&mut self, c: &Cand, sents: &[SentToks]) {
        let word = fold(c.span.text(self.text));
        let words = &self.lex.words;
        let feminine_pronoun = words.feminine_pronouns.contains(&word);
        let masculine_pronoun = words.masculine_pronouns.contains(&word);
        let gender = |e: usize| {
            let roles = &self.entities[e].roles;
            let has = |t: &WordSet, nouns: &WordSet| {
                roles.iter().any(|r| {
                    let r = fold(r);
                    t.contains(r.trim_end_matches('.'))
                        || r.split_whitespace()
                            .last()
                            .is_some_and(|w| nouns.contains(w))
                })
            };
            // an honorific or a title tells the gender ("she" is not Mr. Burton,
            // "his" is not Congresswoman Dean), only when they all say so
            // ("Clinton" may be Mr. and Mrs. in one article); without one, a given
            // name of one gender ("she" is not Tyler Smith); without that, the
            // pronouns already resolved to the person ("she" is not whom "he" and
            // "his" were)
            match (
                has(&words.masculine_honorifics, &words.masculine_nouns),
                has(&words.feminine_honorifics, &words.feminine_nouns),
            ) {
                (true, false) => Some(false),
                (false, true) => Some(true),
                (true, true) => None,
                (false, false) => self.entities[e]
                    .parts
                    .first()
                    .and_then(|p| self.lex.given_feminine.get(p))
                    .copied()
                    .or_else(|| {
                        let [he, she] = self.pronoun_genders.get(&e).copied().unwrap_or_default();
                        (he != she).then_some(she > he)
                    }),
            }
        };
        let agrees = |e: usize| {
            let feminine = gender(e);
            if masculine_pronoun {
                feminine != Some(true)
            } else if feminine_pronoun {
                feminine != Some(false)
            } else {
                true
            }
        };
        // within two sentences, not counting the sentences wholly inside a
        // quotation (“…,” he said. “…” “…” He added: the speaker's own words do
        // not take the reader away from the speaker), and never more than eight
        let within_reach = |s: usize| {
            c.sent >= s
                && c.sent - s <= 8
                && (s + 1..=c.sent)
                    .filter(|&k| !self.quoted_sents.get(k).copied().unwrap_or(false))
                    .count()
                    <= 2
        };
        // the trail is in text order: look back over its last entries only (an
        // antecedent is a few names back, and a huge sentence must not make every
        // pronoun scan all of them)
        let recent = |trail: &[(usize, usize, usize, bool)]| -> Vec<(usize, usize, bool, usize)> {
            trail[trail.len().saturating_sub(64)..]
                .iter()
                .filter(|(s, start, e, _)| *start < c.span.start && within_reach(*s) && agrees(*e))
                .map(|&(s, start, e, subject)| (s, e, subject, start))
                .collect()
        };
        let pick = |recent: &[(usize, usize, bool, usize)]| {
            if word == "his" {
                recent.last().copied()
            } else {
                // not a possessor or a name in an aside ("— months before his
                // kidnapping by Donald Trump’s US — Nicolas Maduro issued …")
                let latest = recent.last().map(|t| t.0);
                recent
                    .iter()
                    .find(|t| Some(t.0) == latest && t.2)
                    .or(recent.last())
                    .copied()
            }
        };
        // "A reporter phoned. He said …", "Tyler kicked his grandmother. She …": a
        // person not named (or named and not resolved) between the pick and the
        // pronoun may be whom it means.
        let unnamed_between =
            |t: &(usize, usize, bool, usize)| {
                (t.0..=c.sent).any(|si| {
                    let st = &sents[si];
                    let from = if si == t.0 { st.first_from(t.3 + 1) } else { 0 };
                    (from..st.toks.len())
                        .take_while(|&k| st.toks[k].span.start < c.span.start)
                        .any(|k| {
                            let w = st.folded[k].as_str();
                            let person = words.unnamed_person_nouns.contains(w)
                                || (words.masculine_nouns.contains(w) && !feminine_pronoun)
                                || (words.feminine_nouns.contains(w) && !masculine_pronoun);
                            // "a reporter", "his father"; not an aside about the name
                            // before it ("Smith, a reporter,"), a title before a name
                            // ("the judge John Bartram"), nor someone in a quotation
                            // ("“As a mother, …,” she said")
                            let described = person
                                && k > 0
                                && words.unnamed_person_determiners.contains(&st.folded[k - 1])
                                && (k < 2 || st.toks[k - 2].text(self.text) != ",")
                                && !st.toks.get(k + 1).is_some_and(|n| {
                                    n.text(self.text).starts_with(char::is_uppercase)
                                });
                            // "Mary is working away on her novel": a given name of the
                            // pronoun's gender that no mention holds, opening its
                            // sentence or joined by "and", is someone the article
                            // names and the analysis did not resolve
                            let tok = st.toks[k].span;
                            let given =
                                (feminine_pronoun || masculine_pronoun)
                                    && (k == 0 || words.run_ands.contains(&st.folded[k - 1]))
                                    && st.toks[k].text(self.text).starts_with(char::is_uppercase)
                                    && self.lex.given_feminine.get(w) == Some(&feminine_pronoun)
                                    && !parallax_ner::is_common_word(st.toks[k].text(self.text))
                                    && !self.mentions.iter().rev().take(64).any(|m| {
                                        m.span.start <= tok.start && tok.end <= m.span.end
                                    });
                            (described || given) && !crate::index::inside_any(self.quoted, tok)
                        })
                })
            };
        let chained = pick(&recent(&self.attribution_trail)).filter(|t| !unnamed_between(t));
        // only a subject pronoun speaks ("Poisson asked him" is no attribution)
        let speaks = words.subject_pronouns.contains(&word) && self.attribution(c, sents);
        let found = if speaks {
            chained
        } else {
            let named = recent(&self.person_trail);
            let mut near: Vec<usize> = named
                .iter()
                .filter(|t| c.sent - t.0 <= 1)
                .map(|t| t.1)
                .collect();
            near.sort_unstable();
            near.dedup();
            let blocked = self
                .unresolved_pronouns
                .iter()
                .rev()
                .take_while(|u| c.sent - u.0 <= 1)
                .any(|u| u.1 == feminine_pronoun);
            // "Trump and his supporters": a possessive right after a name, joined
            // to it by "and" or the one person its sentence names ("Johann … banned
            // Daniel from his house" is Johann's house)
            let mut in_sentence: Vec<usize> = named
                .iter()
                .filter(|t| t.0 == c.sent)
                .map(|t| t.1)
                .collect();
            in_sentence.sort_unstable();
            in_sentence.dedup();
            let st = &sents[c.sent];
            let after_and = c.tok_start > 0 && words.run_ands.contains(&st.folded[c.tok_start - 1]);
            let close = (word == "his" && (in_sentence.len() == 1 || after_and))
                .then(|| named.last())
                .flatten()
                .filter(|t| {
                    t.0 == c.sent && self.text[t.3..c.span.start].split_whitespace().count() <= 4
                })
                .copied();
            close
                .or(pick(&named).filter(|_| near.len() == 1 && !blocked))
                .filter(|t| !unnamed_between(t))
        };
        // "She" with only Devin Thurlow, of no known gender, in reach while a woman
        // was named a few sentences back: she is likelier, so no guess (a pronoun
        // of attribution still takes its pick: news names a speaker and goes on
        // with a pronoun)
        let doubtful = |e: usize| {
            (masculine_pronoun || feminine_pronoun)
                && gender(e).is_none()
                && self.person_trail[self.person_trail.len().saturating_sub(64)..]
                    .iter()
                    .any(|&(s, start, o, _)| {
                        o != e
                            && start < c.span.start
                            && c.sent - s.min(c.sent) <= 6
                            && gender(o) == Some(feminine_pronoun)
                    })
        };
        let (chained, found) = (
            chained.map(|t| t.1),
            found.map(|t| t.1).filter(|&e| speaks || !doubtful(e)),
        );
        let subject = !possessed_or_aside(self.text, c.span);
        if let Some(e) = chained {
            self.attribution_trail
                .push((c.sent, c.span.start, e, subject));
        }
        match found {
            Some(e) => {
                let g = self.pronoun_genders.entry(e).or_default();
                if masculine_pronoun {
                    g[0] += 1;
                } else if feminine_pronoun {
                    g[1] += 1;
                }
                self.person_trail.push((c.sent, c.span.start, e, subject));
                self.mention(
                    c,
                    e,
                    MentionForm::Pronoun,
                    MentionRule::PronounNearestPerson,
                );
            }
            None => self.unresolved_pronouns.push((c.sent, feminine_pronoun)),
        }
    }

    /// A pronoun of attribution: a speech verb right after it (past "also",
    /// "later", a modal…: "he also said", "he later suggested") or right before it
    /// ("said she"), or a quotation
    /// opened after a comma or colon within a few words ("He went on, “…”").
    fn attribution(&self, c: &Cand, sents: &[SentToks]) -> bool {
        let st = &sents[c.sent];
        let mut k = c.tok_end;
        while k < st.folded.len() && self.lex.words.pronoun_fillers.contains(&st.folded[k]) {
            k += 1;
        }
        if st.folded.get(k).is_some_and(|w| self.lex.cue(w).is_some())
            || c.tok_start
                .checked_sub(1)
                .is_some_and(|k| self.lex.cue(&st.folded[k]).is_some())
        {
            return true;
        }
        // "He went on, “You take …”", "She added: “…”": a quotation opened
        // after a comma or colon a few words on.
        (c.tok_end + 1..st.toks.len().min(c.tok_end + 6)).any(|k| {
            matches!(st.toks[k].text(self.text), "“" | "\"")
                && matches!(st.toks[k - 1].text(self.text), "," | ":")
        })
    }

    /// The organisation a capitalised head word after "the" stands for ("the
    /// Committee" after "the House Intelligence Committee", "the Department"
    /// after "the Department of Justice"): the one organisation named before in
    /// the article whose name of two words or more ends in the word or has it
    /// before "of". None when no organisation or several fit, or for a
    /// legislature ("the Senate" is its own actor).
    fn organisation_by_head(
        &self,
        c: &Cand,
        sents: &[SentToks],
        f: &str,
        word: &str,
    ) -> Option<usize> {
        let st = &sents[c.sent];
        if c.tok_end != c.tok_start + 1
            || c.tok_start == 0
            || st.folded[c.tok_start - 1] != "the"
            || !word.starts_with(char::is_uppercase)
            || self.lex.heads.get(f) != Some(&HeadClass::Org)
            || self.lex.words.legislatures.contains(f)
        {
            return None;
        }
        let heads = |name: &str| {
            let parts: Vec<String> = name.split_whitespace().map(fold).collect();
            parts.len() >= 2
                && (parts.last().is_some_and(|l| l == f)
                    || parts.windows(2).any(|w| w[0] == f && w[1] == "of"))
        };
        let mut fits = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == ActorKind::Org && heads(&e.name));
        let (e, _) = fits.next()?;
        fits.next().is_none().then_some(e)
    }

    /// "Havana said", "Beijing has warned": a place name right before a speech
    /// verb, and not after a preposition ("officials in Havana said" are people
    /// in a place).
    fn acts_as_government(&self, c: &Cand, sents: &[SentToks]) -> bool {
        let st = &sents[c.sent];
        let prev = c.tok_start.checked_sub(1).map(|i| st.folded[i].as_str());
        if prev.is_some_and(|w| self.lex.words.capital_prepositions.contains(w)) {
            return false;
        }
        let mut k = c.tok_end;
        // "Havana has warned", "Beijing also said".
        while k < st.folded.len() && self.lex.words.capital_fillers.contains(&st.folded[k]) {
            k += 1;
        }
        st.folded.get(k).is_some_and(|w| self.lex.cue(w).is_some())
    }

    /// "costs 25 CUC", "a 64 GB card", "15 - 25 CUC for a visa": capitals right
    /// after a figure, ending the phrase, are its unit or currency, not an actor
    /// ("two GOP senators" and "5 NATO allies" go on to a noun and stay actors).
    fn unit_after_number(&self, c: &Cand, sents: &[SentToks]) -> bool {
        let st = &sents[c.sent];
        let after_number = c
            .tok_start
            .checked_sub(1)
            .is_some_and(|k| st.toks[k].kind == TokKind::Number);
        let next = st.toks.get(c.tok_end);
        after_number
            && next.is_none_or(|t| {
                t.kind == TokKind::Punct || self.lex.is_stopword(&st.folded[c.tok_end])
            })
    }

    fn single(
        &mut self,
        c: &Cand,
        word: &str,
        full: &[FullName],
        defs: &[(String, String)],
        sents: &[SentToks],
    ) {
        // "Democratic-leaning states", "an Obama-era program": a compound whose
        // last part is lower case is an adjective, not a name
        if crate::text::is_lower_ending_compound(word) {
            return;
        }
        let f = fold(word);
        // "The governor, a Republican, told": a role or descriptor after "a" is a
        // description, whoever the tagger took it for
        if c.tok_start > 0
            && matches!(sents[c.sent].folded[c.tok_start - 1].as_str(), "a" | "an")
            && self.lex.role(&f).is_some()
        {
            return;
        }
        // Surname or first name of exactly one full name in the article; when two
        // share the surname, the one named at least twice as often as every other
        // (Donald Trump over Ivanka Trump), never a tie (Fidel and Raúl Castro).
        // The surname is the last word before a generational suffix ("Mr. Trump" is
        // Donald Trump Jr.'s surname).
        let by_last: Vec<&FullName> = full
            .iter()
            .filter(|x| {
                self.surname(&x.1) == Some(&f)
                    || (self.two_word_surnames.contains(&x.0) && x.1[x.1.len() - 2] == f)
                    // ("President Peña" beside "Enrique Pena Nieto": with a title,
                    // the middle of three words that is no given name nor initial)
                    || (c.title.is_some()
                        && x.1.len() == 3
                        && x.1[1] == f
                        && f.chars().count() > 2
                        && !f.ends_with('.')
                        && !self.lex.given_feminine.contains_key(&f))
            })
            .collect();
        let short_of = self.short_first_names.get(&f);
        let by_first: Vec<&FullName> = full
            .iter()
            .filter(|x| (x.1.first() == Some(&f) || short_of == Some(&x.0)) && x.1.len() > 1)
            .collect();
        // "Mrs. Clinton" beside Hillary and Bill Clinton, "Mr. Trump" beside Donald and
        // Melania Trump: the honorific's sex rules out the full names whose given name
        // (given_names.tsv) is the other's; a given name not listed rules out nobody.
        let woman = c.title.as_deref().and_then(|t| {
            let t = fold(t);
            let t = t.trim_end_matches('.');
            let w = &self.lex.words;
            if w.feminine_honorifics.contains(t) {
                Some(true)
            } else if w.masculine_honorifics.contains(t) {
                Some(false)
            } else {
                None
            }
        });
        let fits = |x: &&FullName| match (
            woman,
            x.1.first().and_then(|g| self.lex.given_feminine.get(g)),
        ) {
            (Some(w), Some(&g)) => w == g,
            _ => true,
        };
        let fitting: Vec<&FullName> = by_last.iter().copied().filter(fits).collect();
        let dominant = fitting
            .iter()
            .find(|x| x.2 >= 2 && fitting.iter().all(|y| y.0 == x.0 || x.2 >= 2 * y.2));
        // "the population of Coron", "Tourism in Coron": a lone word after a
        // preposition of place (not a possessor: "in Trump's view") is a place,
        // not the person "Penon de Coron"
        let st = &sents[c.sent];
        // "Bishop Daniel Jenky, of Peoria, Ill., said": a lone word a state or a
        // country follows after a comma is a town, whatever the tagger read
        let region_after = st
            .toks
            .get(c.tok_end)
            .is_some_and(|t| t.text(self.text) == ",")
            && st.toks.get(c.tok_end + 1).is_some_and(|t| {
                let w = t.text(self.text);
                let dotted = st
                    .toks
                    .get(c.tok_end + 2)
                    .is_some_and(|d| d.text(self.text) == "." && d.span.start == t.span.end);
                // (the region ends the phrase: "Smith, Texas Governor, spoke" is no town)
                let after = st.toks.get(c.tok_end + if dotted { 3 } else { 2 });
                t.kind == TokKind::Word
                    && w.starts_with(char::is_uppercase)
                    && self.lex.is_region(w, dotted)
                    && after.is_none_or(|a| a.kind == TokKind::Punct)
            });
        if region_after && c.title.is_none() && by_last.is_empty() && by_first.is_empty() {
            self.place(c, word, MentionRule::PlaceName);
            return;
        }
        // "the mayor of Hoboken, Dawn Zimmer": after an office over a territory
        // and "of", a lone word no title marks is the place, whatever the tagger
        // read ("Governor of Texas" too)
        if c.title.is_none()
            && c.tok_start >= 2
            && st.folded[c.tok_start - 1] == "of"
            && (self.lex.words.territorial_offices).contains(&st.folded[c.tok_start - 2])
            && !possessor(st, c)
        {
            self.place(c, word, MentionRule::PlaceName);
            return;
        }
        let place = self.after_place_preposition(c, sents);
        // "the Bernoulli family" is the family, not Daniel Bernoulli
        if st
            .folded
            .get(c.tok_end)
            .is_some_and(|w| self.lex.words.family_nouns.contains(w))
        {
            return;
        }
        // "Tulsa", which the tagger took for a person or missed: a lone word on the
        // city list is the city, unless a full name of the article ends or starts
        // with it ("Mishima" beside "Yukio Mishima"), a title or a speech verb makes
        // it a person, the tagger read an organisation ("Toyota"), or the tagger
        // read a person and the article never puts the word after a preposition of
        // place ("Mishima wrote", against "in Tulsa")
        if self.lex.cities.contains(&f)
            && by_last.is_empty()
            && by_first.is_empty()
            && c.title.is_none()
            && c.tagged != Tagged::Is(EntityKind::Org)
            && (c.tagged != Tagged::Is(EntityKind::Person) || self.located.contains(&f))
            && st
                .folded
                .get(c.tok_end)
                .is_none_or(|w| self.lex.cue(w).is_none())
        {
            self.place(c, word, MentionRule::CityName);
            return;
        }
        // "the name was changed from Penon de Coron to Coron … in Coron": a lone
        // word the article puts after a preposition of place elsewhere, which the
        // tagger does not read as a person here and no title marks, is no surname
        let located = self.located.contains(&f)
            && c.title.is_none()
            && c.tagged != Tagged::Is(EntityKind::Person);
        let pick = if place || located || self.place_names.contains(&f) {
            None
        } else if by_last.len() == 1 && fitting.len() == 1 {
            Some((by_last[0], MentionRule::SurnameOfFullName))
        } else if fitting.len() == 1 {
            Some((fitting[0], MentionRule::SurnameByHonorific))
        } else if let Some(d) = dominant {
            Some((*d, MentionRule::SurnameOfMostNamed))
        } else if by_last.is_empty() && by_first.len() == 1 {
            Some((by_first[0], MentionRule::FirstNameOfFullName))
        } else {
            None
        };
        if let Some(((key, parts, _), rule)) = pick {
            let display: Vec<String> = parts.clone();
            let e = match self.by_key.get(key) {
                Some(&e) => e,
                None => self.entity(key, ActorKind::Person, &display.join(" ")),
            };
            self.mention(c, e, MentionForm::Partial, rule);
            return;
        }
        if by_last.len() > 1 {
            return; // people share the surname and none dominates: do not guess
        }
        if is_acronym(word) {
            // ("H.R. 1", "S. 47": letters and a number name a bill, not the House)
            let numbered = sents[c.sent]
                .toks
                .get(c.tok_end)
                .is_some_and(|t| t.kind == TokKind::Number);
            if self.unit_after_number(c, sents) || numbered {
                return;
            }
            if let Some((long, _)) = defs.iter().find(|(_, a)| a == word) {
                let key = ActorKey::new(ActorKind::Org, &fold(word)).to_string();
                let e = self.entity(&key, ActorKind::Org, long);
                if !self.entities[e].aliases.iter().any(|a| a == word) {
                    self.entities[e].aliases.push(word.to_string());
                }
                self.mention(
                    c,
                    e,
                    MentionForm::Acronym,
                    MentionRule::AcronymDefinedInText,
                );
                return;
            }
            // "General Motors … GM": the initials of the one organisation named
            // before it in the article.
            let letters: String = fold(word).chars().filter(|c| c.is_alphanumeric()).collect();
            let named: Vec<usize> = (0..self.entities.len())
                .filter(|&e| {
                    self.entities[e].kind == ActorKind::Org
                        && letters.chars().count() >= 2
                        && name_initials(&self.entities[e].name) == letters
                })
                .collect();
            if let [e] = named[..] {
                if !self.entities[e].aliases.iter().any(|a| a == word) {
                    self.entities[e].aliases.push(word.to_string());
                }
                self.mention(
                    c,
                    e,
                    MentionForm::Acronym,
                    MentionRule::AcronymDefinedInText,
                );
                return;
            }
            // An acronym nobody defines is an actor only when the tagger says so.
            match c.tagged {
                Tagged::Is(EntityKind::Org | EntityKind::Person) => {
                    let e = self.entity(
                        &ActorKey::new(ActorKind::Org, &f).to_string(),
                        ActorKind::Org,
                        word,
                    );
                    self.mention(c, e, MentionForm::Acronym, MentionRule::TaggerLoneName);
                }
                Tagged::Is(EntityKind::Loc) => self.place(c, word, MentionRule::TaggerLoneName),
                _ => {}
            }
            return;
        }
        if self.lex.is_stopword(word) || is_contraction(word) {
            return;
        }
        // "Vice Chairman Ruppersberger", "urge the Special Counsel to": a lone word
        // that a title of two words holds with the word before or after it is part
        // of the title, not a name
        let st = &sents[c.sent];
        let title_with = |a: Option<&String>, b: Option<&String>| {
            a.zip(b).is_some_and(|(a, b)| {
                matches!(
                    self.lex.role(&format!("{a} {b}")),
                    Some(RoleKind::Title | RoleKind::Role)
                )
            })
        };
        if title_with(c.tok_start.checked_sub(1).map(|k| &st.folded[k]), Some(&f))
            || title_with(Some(&f), st.folded.get(c.tok_end))
        {
            return;
        }
        // "the Committee", "the University": an organisation's head word after
        // "the" is the one organisation named before whose name it heads
        if let Some(e) = self.organisation_by_head(c, sents, &f, word) {
            self.mention(c, e, MentionForm::Name, MentionRule::HeadWordOfName);
            return;
        }
        // The tagger's organisations and places ("Congress" too, a head word alone);
        // its persons need no other evidence.
        match c.tagged {
            Tagged::Is(EntityKind::Org) => {
                let e = self.entity(
                    &ActorKey::new(ActorKind::Org, &f).to_string(),
                    ActorKind::Org,
                    word,
                );
                self.mention(c, e, MentionForm::Name, MentionRule::TaggerLoneName);
                return;
            }
            Tagged::Is(EntityKind::Loc) => {
                self.place(c, word, MentionRule::TaggerLoneName);
                return;
            }
            _ => {}
        }
        // "Congress authorized", "the Senate voted": a legislature by its head word
        // alone, capitalised inside a sentence (first in one, it may be any word).
        if c.tok_start > 0
            && self.lex.words.legislatures.contains(&f)
            && word.starts_with(char::is_uppercase)
        {
            let e = self.entity(
                &ActorKey::new(ActorKind::Org, &f).to_string(),
                ActorKind::Org,
                word,
            );
            self.mention(c, e, MentionForm::Name, MentionRule::OrganisationName);
            return;
        }
        if self.lex.heads.contains_key(&f) {
            return;
        }
        // A lone capitalised word is a person only with evidence: a title before it,
        // a speech verb after it, or "government"/"administration" after it.
        let st = &sents[c.sent];
        let next = st.folded.get(c.tok_end).map(String::as_str);
        let next2 = st.folded.get(c.tok_end + 1).map(String::as_str);
        // ("Critics of Chick-fil-A argue": after "of", "with", "by" … the name is
        // no subject, so the verb says nothing of it)
        let object = c.tok_start > 0
            && self
                .lex
                .words
                .object_prepositions
                .contains(&st.folded[c.tok_start - 1]);
        let speech = !object && next.is_some_and(|w| self.lex.cue(w).is_some());
        // "…,” Graham, a former candidate, told": a name right after a quote.
        let prev = |k: usize| {
            c.tok_start
                .checked_sub(k)
                .map(|i| st.toks[i].text(self.text))
        };
        // ("\"Progressivism,\" he declared": a word a quotation mark closes after it
        // is the quotation's, not a speaker after it)
        let closed_after = next == Some(",")
            && st
                .toks
                .get(c.tok_end + 1)
                .is_some_and(|t| matches!(t.text(self.text), "”" | "\""));
        let after_quote = !closed_after
            && (matches!(prev(1), Some("”" | "\""))
                || (prev(1) == Some(",") && matches!(prev(2), Some("”" | "\""))));
        let speech = speech || (after_quote && matches!(next, Some(",") | None));
        // "…, " said Guilbeault.": a name right after a speech verb that follows a
        // quotation, ending the sentence or the clause
        let quote_at = |k: usize| matches!(prev(k), Some("”" | "\""));
        let inverted = c.tok_start >= 2
            && self.lex.cue(&st.folded[c.tok_start - 1]).is_some()
            && (quote_at(2) || (prev(2) == Some(",") && quote_at(3)))
            && matches!(next, Some("." | ",") | None);
        // "Cotton was born", "Wintour herself", "Isner, who produced": what only a
        // person is or does, said of a name ("the Father of our Nation, who" is none)
        let words = &self.lex.words;
        // ("the Senate's top Democrat, who": a role word describes someone)
        let named = (c.tok_start == 0 || !words.determiners.contains(&st.folded[c.tok_start - 1]))
            && self.lex.role(&f).is_none();
        let two = next.zip(next2).map(|(a, b)| format!("{a} {b}"));
        let cued = named
            && (next.is_some_and(|w| words.person_cues.contains(w))
                || two
                    .as_deref()
                    .is_some_and(|w| words.person_cues.contains(w)));
        // ("who" after a plural is a group: "Arabs who")
        let relative = named
            && !f.ends_with('s')
            && (next.is_some_and(|w| words.person_pronouns.contains(w))
                || (next == Some(",") && next2.is_some_and(|w| words.person_pronouns.contains(w))));
        let leadership =
            |w: Option<&str>| w.is_some_and(|w| self.lex.words.leadership_nouns.contains(w));
        // ("Senior administration officials": a plain word opening the sentence
        // is no name before "administration")
        let opening_word = (c.tok_start == 0
            || (c.tok_start == 1 && matches!(st.toks[0].text(self.text), "“" | "\"")))
            && c.tagged == Tagged::Outside;
        let leader =
            !opening_word && (leadership(next) || (next == Some("'s") && leadership(next2)));
        // "Researchers said": a plain English word the tagger saw no name in is no
        // person for a speech verb or "government" after it (a title still counts).
        let (speech, leader, relative) =
            if c.tagged == Tagged::Outside && parallax_ner::is_common_word(word) {
                (false, false, false)
            } else {
                (speech, leader, relative)
            };
        // "the Constitution says", "the Onion reported": a thing or a title speaks
        let speech = speech && named;
        let person_cue = inverted || cued || relative;
        let tagged = c.tagged == Tagged::Is(EntityKind::Person);
        if c.title.is_some() || speech || leader || tagged || person_cue {
            let key = ActorKey::new(ActorKind::Person, &f).to_string();
            let e = self.entity(&key, ActorKind::Person, word);
            let rule = if c.title.is_some() {
                MentionRule::NameAfterTitle
            } else if speech {
                MentionRule::NameBeforeSpeechVerb
            } else if leader {
                MentionRule::NameBeforeGovernment
            } else if person_cue {
                MentionRule::NameWithPersonCue
            } else {
                MentionRule::TaggerLoneName
            };
            self.mention(c, e, MentionForm::Name, rule);
        } else {
            self.unlinked.push(c.clone());
        }
    }

    /// One name, one person in an article: a lone word no rule made an actor
    /// ("Hitchcock preferred to work with …") is the person a lone word of the same
    /// spelling was found to be elsewhere in the article, by a title, a speech verb,
    /// a person's cue or the tagger ("… said Hitchcock"), unless it is a plain English
    /// word ("Blunt" may be the adjective). Run after every other mention, so no
    /// pronoun takes it.
    ///
    /// The tagger's word, or a speech verb's (organisations speak too: "WikiLeaks
    /// said"), counts only as often as the word is left out: a language ("Eegimaa")
    /// the tagger once took for a person and fourteen times for nothing stays
    /// nothing.
    fn same_name(&mut self) {
        let unlinked = std::mem::take(&mut self.unlinked);
        let mut left: HashMap<String, usize> = HashMap::new();
        for c in &unlinked {
            *left.entry(fold(c.span.text(self.text))).or_default() += 1;
        }
        // (entity, folded words) -> (mentions by a title, a person's cue or
        // "government"; by the tagger or a speech verb), counted once
        let mut evidence: HashMap<(usize, String), (usize, usize)> = HashMap::new();
        for m in &self.mentions {
            let (cued, tagged) = match m.rule {
                // organisations speak too ("WikiLeaks said")
                MentionRule::TaggerLoneName | MentionRule::NameBeforeSpeechVerb => (0, 1),
                MentionRule::NameAfterTitle
                | MentionRule::NameBeforeGovernment
                | MentionRule::NameWithPersonCue => (1, 0),
                _ => continue,
            };
            let e = evidence.entry((m.entity, fold(&m.text))).or_default();
            e.0 += cued;
            e.1 += tagged;
        }
        for c in &unlinked {
            let word = c.span.text(self.text);
            let f = fold(word);
            // ("a Republican" is a role, whoever the tagger took it for)
            if parallax_ner::is_common_word(word) || self.lex.role(&f).is_some() {
                continue;
            }
            let key = ActorKey::new(ActorKind::Person, &f).to_string();
            let Some(&e) = self.by_key.get(&key) else {
                continue;
            };
            let (cued, tagged) = evidence.get(&(e, f.clone())).copied().unwrap_or_default();
            if cued > 0 || tagged >= left[&f] {
                self.mention(c, e, MentionForm::Name, MentionRule::SameNameAsPerson);
            }
        }
    }

    /// One lone name, one kind in an article: where the tagger alone read a lone
    /// word as a place or an organisation ("Renata" a place in four sentences of a
    /// story), and the same word is a person by a title or a person's cue
    /// elsewhere ("Renata, who…"), or before two speech verbs, the tagger's
    /// readings go to the person, if the person is named at least as often. A word
    /// the gazetteer or the city list knows, or a reading with any evidence beyond
    /// the tagger, keeps its kind ("Georgia", "Ford Motor … President Ford").
    fn one_kind_per_lone_name(&mut self) {
        // entity -> (mentions by a cue, by a speech verb, by name in all)
        let mut person: HashMap<usize, (usize, usize, usize)> = HashMap::new();
        // entity -> every mention is the tagger's lone name
        let mut tagger_only: HashMap<usize, bool> = HashMap::new();
        for m in &self.mentions {
            if m.form == MentionForm::Pronoun || m.form == MentionForm::Description {
                continue;
            }
            if m.kind == ActorKind::Person {
                let n = person.entry(m.entity).or_default();
                match m.rule {
                    MentionRule::NameAfterTitle
                    | MentionRule::NameWithPersonCue
                    | MentionRule::NameBeforeGovernment => n.0 += 1,
                    MentionRule::NameBeforeSpeechVerb => n.1 += 1,
                    _ => {}
                }
                n.2 += 1;
            } else {
                let lone = m.rule == MentionRule::TaggerLoneName && m.form == MentionForm::Name;
                *tagger_only.entry(m.entity).or_insert(true) &= lone;
            }
        }
        let moves: Vec<(usize, usize)> = self
            .mentions
            .iter()
            .enumerate()
            .filter_map(|(k, m)| {
                if m.kind == ActorKind::Person || tagger_only.get(&m.entity) != Some(&true) {
                    return None;
                }
                let f = fold(&m.text);
                if f.contains(' ')
                    || self.lex.cities.contains(&f)
                    || self.lex.gazetteer.index.contains_key(&f)
                {
                    return None;
                }
                let key = ActorKey::new(ActorKind::Person, &f).to_string();
                let &p = self.by_key.get(&key)?;
                let &(cued, speech, named) = person.get(&p)?;
                let others = self.entities[m.entity].mentions;
                ((cued > 0 || speech > 1) && named >= others).then_some((k, p))
            })
            .collect();
        for (k, p) in moves {
            let old = self.mentions[k].entity;
            self.entities[old].mentions -= 1;
            self.entities[p].mentions += 1;
            let m = &mut self.mentions[k];
            m.entity = p;
            m.kind = ActorKind::Person;
            m.rule = MentionRule::SameNameAsPerson;
            m.confidence = rule_confidence(MentionRule::SameNameAsPerson);
        }
    }

    /// A place the gazetteer does not know: a `loc` when its last word is a place
    /// head ("Potomac River", "Sinai Peninsula"), else a `gpe` (most unknown
    /// places in the news are towns, states and regions).
    fn place(&mut self, c: &Cand, name: &str, rule: MentionRule) {
        // The head is the word before "of" ("Gulf of Mexico"), else the last
        // word that is no number ("Route 75").
        let words: Vec<String> = name.split_whitespace().map(fold).collect();
        let of = words.iter().position(|w| w == "of").filter(|&k| k > 0);
        let last = words
            .iter()
            .rfind(|w| !w.starts_with(|c: char| c.is_ascii_digit()));
        let head = of.map_or(last, |k| words.get(k - 1));
        // ("US-75", "US 169": a road's number ends its name)
        let numbered = words
            .last()
            .is_some_and(|w| w.contains(|c: char| c.is_ascii_digit()));
        let kind =
            if numbered || head.and_then(|h| self.lex.heads.get(h)) == Some(&HeadClass::Place) {
                ActorKind::Loc
            } else {
                ActorKind::Gpe
            };
        let key = ActorKey::new(kind, &fold(name)).to_string();
        let e = self.entity(&key, kind, name);
        self.mention(c, e, MentionForm::Name, rule);
    }

    fn finish(mut self) -> ActorLayer {
        // an entity whose every mention went to another ([`Self::one_kind_per_lone_name`])
        // is dropped, and the mentions' indices follow
        let mut index = Vec::with_capacity(self.entities.len());
        let mut kept = 0;
        for b in &self.entities {
            index.push(kept);
            kept += usize::from(b.mentions > 0);
        }
        if kept < self.entities.len() {
            for m in &mut self.mentions {
                m.entity = index[m.entity];
            }
        }
        let entities = self
            .entities
            .into_iter()
            .filter(|b| b.mentions > 0)
            .map(|b| {
                // Display the variant with the most information (accents, full name).
                let name = if b.kind == ActorKind::Person {
                    b.variants
                        .iter()
                        .filter(|v| fold(v) == fold(&b.name))
                        .max_by_key(|v| v.chars().filter(|c| !c.is_ascii()).count())
                        .cloned()
                        .unwrap_or(b.name)
                } else {
                    b.name
                };
                let _ = &b.parts;
                Entity {
                    key: b.key,
                    name,
                    kind: b.kind,
                    variants: b.variants,
                    roles: b.roles,
                    aliases: b.aliases,
                    mentions: b.mentions,
                }
            })
            .collect();
        ActorLayer {
            mentions: self.mentions,
            entities,
        }
    }
}

/// The candidate owns what follows it ("Trump's view").
fn possessor(st: &SentToks, c: &Cand) -> bool {
    st.toks
        .get(c.tok_end)
        .is_some_and(|t| t.kind == TokKind::Possessive)
}

/// The lone words the tagger read as a person and as another kind in the article,
/// a person at least twice and more often than every other kind together ("Cara"
/// 17 times a person, twice a place): a person wherever the tagger names them. The
/// other way round is left to the rules: a person's evidence (a speech verb, a
/// title) outweighs the tagger's places ("Renata", a place to the tagger seven
/// times, a speaker four; [`Resolver::one_kind_per_lone_name`]), and
/// [`Resolver::single`] already keeps a word read as a place more than as a person
/// from being a surname.
fn mostly_people(cands: &[Cand]) -> HashSet<String> {
    // (as a person, as an organisation or a place)
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for c in cands {
        if let (CandKind::Single { word }, Tagged::Is(k)) = (&c.kind, c.tagged) {
            let n = counts.entry(fold(word)).or_default();
            if k == EntityKind::Person {
                n.0 += 1;
            } else {
                n.1 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (person, other))| other > 0 && person >= 2 && person > other)
        .map(|(w, _)| w)
        .collect()
}

/// The confidence of each resolution rule, from `data/rule_confidence.tsv`: a
/// line naming no rule is an error naming its line (a test loads the table); a
/// rule missing there (a test checks none is) gets 0.5.
fn confidence_table(tsv: &str) -> Result<HashMap<MentionRule, f32>, String> {
    let mut out = HashMap::new();
    for (n, l) in tsv.lines().enumerate() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let at = || format!("rule_confidence.tsv line {}", n + 1);
        let (rule, c) = l
            .split_once('\t')
            .ok_or_else(|| format!("{}: no tab", at()))?;
        let rule = MentionRule::parse(rule.trim())
            .ok_or_else(|| format!("{}: no rule {:?}", at(), rule.trim()))?;
        let c: f32 = c
            .trim()
            .parse()
            .map_err(|_| format!("{}: confidence {:?} is no number", at(), c.trim()))?;
        out.insert(rule, c.clamp(0.0, 1.0));
    }
    Ok(out)
}

/// The confidence of a resolution rule (see [`confidence_table`]).
pub(crate) fn rule_confidence(rule: MentionRule) -> f32 {
    static TABLE: std::sync::OnceLock<HashMap<MentionRule, f32>> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            confidence_table(include_str!("../../data/rule_confidence.tsv"))
                .expect("the built-in rule_confidence.tsv loads (a test checks it)")
        })
        .get(&rule)
        .copied()
        .unwrap_or(0.5)
}

/// "International Court of Justice (ICJ)" and "Alba (the Bolivarian … America)":
/// pairs of (long name, acronym) defined by parentheses in the text.
fn acronym_definitions(text: &str, cands: &[Cand], sents: &[SentToks]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (si, st) in sents.iter().enumerate() {
        // candidates are sorted by position, hence by sentence
        let here =
            &cands[cands.partition_point(|c| c.sent < si)..cands.partition_point(|c| c.sent <= si)];
        for (ti, t) in st.toks.iter().enumerate() {
            if t.text(text) != "(" {
                continue;
            }
            let close = (ti + 1..st.toks.len()).find(|&k| st.toks[k].text(text) == ")");
            let Some(close) = close else { continue };
            let inner_start = st
                .toks
                .get(ti + 1)
                .map(|t| t.span.start)
                .unwrap_or(t.span.end);
            let inner = Span::new(inner_start, st.toks[close].span.start)
                .text(text)
                .trim();
            let inner = inner.strip_prefix("the ").unwrap_or(inner);
            // The name just before the parenthesis.
            let before = here
                .iter()
                .filter(|c| c.sent == si && c.tok_end == ti)
                .max_by_key(|c| c.tok_end - c.tok_start);
            let Some(before) = before else { continue };
            let outer = before.span.text(text);
            // ("Sen. Chuck Schumer (N.Y.)": a person's home state, not his
            // acronym; "John Fitzgerald Kennedy (JFK)" spells its initials)
            let person = matches!(before.kind, CandKind::Person { .. });
            if is_acronym(inner)
                && !is_acronym(outer)
                && outer.contains(' ')
                && (!person || initials_match(inner, outer))
            {
                out.push((outer.to_string(), inner.to_string()));
            } else if (is_acronym(outer) && inner.split_whitespace().count() >= 2)
                || (!outer.contains(' ')
                    && inner.split_whitespace().count() >= 3
                    && initials_match(outer, inner))
            {
                out.push((inner.to_string(), outer.to_string()));
            }
        }
    }
    out
}

/// The initials of a name's capitalised words, folded: "Massachusetts Institute of
/// Technology" is "mit".
fn name_initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .flat_map(char::to_lowercase)
        .collect()
}

/// "Alba" and "Bolivarian Alternative Alliance for the Peoples of Our America"
/// share initials in order (A, L, B, A ⊂ B A A P O A): a loose acronym test for
/// names written in title case.
fn initials_match(short: &str, long: &str) -> bool {
    let initials: Vec<char> = long
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let short: Vec<char> = fold(short).chars().filter(|c| c.is_alphabetic()).collect();
    if short.len() < 2 {
        return false;
    }
    // every letter of the short form appears as an initial, in order
    let mut it = initials.iter();
    short.iter().all(|c| it.any(|i| i == c))
}

/// A name that cannot be its sentence's subject: a possessor ("Trump’s US") or a
/// name inside a parenthesis or between dashes of its paragraph.
fn possessed_or_aside(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    if after.starts_with("’s") || after.starts_with("'s") {
        return true;
    }
    // an aside is short: look back a few hundred bytes within the paragraph, so a
    // huge paragraph costs no more per mention than a normal one
    let mut window = span.start.saturating_sub(400);
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    let para_start = text[window..span.start]
        .rfind('\n')
        .map_or(window, |i| window + i + 1);
    let before = &text[para_start..span.start];
    before.matches(['—', '–']).count() % 2 == 1
        || before.matches('(').count() > before.matches(')').count()
}

/// "I've", "Don't", "We’d": a word with a contracted ending (an apostrophe and
/// at most two lower-case letters) is no name ("O'Neil", "D'Souza" are).
fn is_contraction(word: &str) -> bool {
    word.rsplit_once(['\'', '’']).is_some_and(|(head, tail)| {
        !head.is_empty()
            && (1..=2).contains(&tail.len())
            && tail.chars().all(|c| c.is_ascii_lowercase())
            && tail != "s"
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::entity_of;
    use super::*;
    use crate::analyze_text;

    /// The sentences of `text` as the analysis tokenises them.
    fn sentences_of(text: &str, lex: &Lexicon) -> Vec<SentToks> {
        let paragraphs = crate::segment::paragraphs(text);
        crate::segment::sentences(text, &paragraphs, &lex.words, &lex.regions)
            .iter()
            .map(|s| SentToks::new(text, s.span))
            .collect()
    }

    fn cand(sents: &[SentToks], sent: usize, from: usize, to: usize, kind: CandKind) -> Cand {
        let st = &sents[sent];
        Cand {
            sent,
            tok_start: from,
            tok_end: to,
            span: Span::new(st.toks[from].span.start, st.toks[to - 1].span.end),
            kind,
            title: None,
            appos: None,
            tagged: Tagged::NotRun,
            from_tagger: false,
        }
    }

    #[test]
    fn a_name_read_mostly_as_a_place_gives_no_surname() {
        // GUM's voyage to Fort Lee: the tagger read "Fort Lee" once as a person and
        // many times as a place or an organisation, and every lone "Lee" became
        // that person
        let lex = Lexicon::builtin();
        let text = "Fort Lee spoke. Fort Lee is a town. Visit Fort Lee now. Lee is near.";
        let sents = sentences_of(text, &lex);
        let s = |w: &str| w.to_string();
        let cands = vec![
            cand(
                &sents,
                0,
                0,
                2,
                CandKind::Person {
                    name: vec![s("Fort"), s("Lee")],
                },
            ),
            cand(
                &sents,
                1,
                0,
                2,
                CandKind::Place {
                    name: s("Fort Lee"),
                },
            ),
            cand(
                &sents,
                2,
                1,
                3,
                CandKind::Org {
                    name: s("Fort Lee"),
                },
            ),
            cand(&sents, 3, 0, 1, CandKind::Single { word: s("Lee") }),
        ];
        let layer = Resolver::new(text, &lex, &[]).resolve(cands, &sents);
        let lee = layer.mentions.iter().find(|m| m.text == "Lee");
        assert!(
            lee.is_none_or(|m| layer.entities[m.entity].kind != ActorKind::Person),
            "{:?}",
            layer.mentions
        );
    }

    #[test]
    fn a_lone_name_with_a_persons_cue_is_a_person() {
        let a = analyze_text(
            "“The plan is dead,” said Guilbard.\n\nVandersloot herself arrived late.\n\nWhen Pemberly died, the house was sold.\n\nThe Father of our Nation, who led us, is gone.\n\nThere are Arabs who live there.\n\nDeclares himself emperor\n",
        );
        let people: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| a.entities[m.entity].kind == ActorKind::Person)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(
            people,
            vec!["Guilbard", "Vandersloot", "Pemberly"],
            "{:?}",
            a.mentions
        );
        assert!(
            a.mentions
                .iter()
                .all(|m| m.rule == MentionRule::NameWithPersonCue),
            "{:?}",
            a.mentions
        );
    }

    #[test]
    fn one_name_is_one_person_in_an_article() {
        // the title finds Hitchcock in the second paragraph; the first "Hitchcock",
        // with no evidence of its own, is the same man
        let a = analyze_text(
            "Hitchcock preferred to work with stars.\n\nHis films were long, said Director Hitchcock.\n",
        );
        let rules: Vec<(&str, MentionRule)> = a
            .mentions
            .iter()
            .map(|m| (m.text.as_str(), m.rule))
            .collect();
        assert_eq!(
            rules,
            vec![
                ("Hitchcock", MentionRule::SameNameAsPerson),
                ("Hitchcock", MentionRule::NameAfterTitle)
            ]
        );
    }

    #[test]
    fn the_taggers_lone_person_spreads_only_as_far_as_it_holds() {
        // "Eegimaa", a language, taken once for a person by the tagger and twice
        // for nothing, stays one mention; "Renata", tagged twice and missed once,
        // is a person three times
        let lex = Lexicon::builtin();
        let text = "Eegimaa is spoken. Eegimaa has tones. Eegimaa is old. Renata sang. Renata left. Renata slept.";
        let sents = sentences_of(text, &lex);
        let s = |w: &str| w.to_string();
        let tagged = [
            Tagged::Is(EntityKind::Person),
            Tagged::Outside,
            Tagged::Outside,
            Tagged::Is(EntityKind::Person),
            Tagged::Is(EntityKind::Person),
            Tagged::Outside,
        ];
        let cands: Vec<Cand> = (0..6)
            .map(|i| {
                let word = if i < 3 { "Eegimaa" } else { "Renata" };
                let mut c = cand(&sents, i, 0, 1, CandKind::Single { word: s(word) });
                c.tagged = tagged[i];
                c
            })
            .collect();
        let layer = Resolver::new(text, &lex, &[]).resolve(cands, &sents);
        let count = |w: &str| layer.mentions.iter().filter(|m| m.text == w).count();
        assert_eq!(
            (count("Eegimaa"), count("Renata")),
            (1, 3),
            "{:?}",
            layer.mentions
        );
    }

    #[test]
    fn a_city_on_the_list_is_the_city_unless_the_article_says_otherwise() {
        // the tagger took "Tulsa" for a person, and "Mishima" too; the article
        // puts Tulsa after "in", never Mishima; "Toyota" the tagger read as a
        // company; "Peoria", untagged, is on the list
        let lex = Lexicon::builtin();
        let text = "Tulsa grew. We live in Tulsa. Mishima wrote. Toyota grew. Peoria grew.";
        let sents = sentences_of(text, &lex);
        let s = |w: &str| w.to_string();
        let single = |sent: usize, from: usize, word: &str, tagged: Tagged| {
            let mut c = cand(
                &sents,
                sent,
                from,
                from + 1,
                CandKind::Single { word: s(word) },
            );
            c.tagged = tagged;
            c
        };
        let cands = vec![
            single(0, 0, "Tulsa", Tagged::Is(EntityKind::Person)),
            single(1, 3, "Tulsa", Tagged::Is(EntityKind::Person)),
            single(2, 0, "Mishima", Tagged::Is(EntityKind::Person)),
            single(3, 0, "Toyota", Tagged::Is(EntityKind::Org)),
            single(4, 0, "Peoria", Tagged::Outside),
        ];
        let layer = Resolver::new(text, &lex, &[]).resolve(cands, &sents);
        let kinds: Vec<(&str, ActorKind)> = layer
            .mentions
            .iter()
            .map(|m| (m.text.as_str(), layer.entities[m.entity].kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("Tulsa", ActorKind::Gpe),
                ("Tulsa", ActorKind::Gpe),
                ("Mishima", ActorKind::Person),
                ("Toyota", ActorKind::Org),
                ("Peoria", ActorKind::Gpe),
            ]
        );
        // a full name of the article ending with it makes it the person
        let a = analyze_text("Yukio Mishima was a writer. Mishima wrote plays in Tokyo.");
        let m = a.mentions.iter().find(|m| m.text == "Mishima").unwrap();
        assert_eq!(a.entities[m.entity].name, "Yukio Mishima");
    }

    #[test]
    fn a_word_put_after_in_elsewhere_is_no_surname() {
        // "Coron" follows "in" in the article: it is the town, not the surname
        // of "Penon de Coron"; "in Trump's view" puts no place after "in"
        let a = analyze_text(
            "The town was renamed from Penon de Coron to Coron. Fishing came to Coron later. \
             Most divers stay in Coron. Donald Trump spoke. In Trump's view, it works. Trump left.",
        );
        let of = |w: &str| -> Vec<&str> {
            a.mentions
                .iter()
                .filter(|m| m.text == w)
                .map(|m| a.entities[m.entity].name.as_str())
                .collect()
        };
        assert!(
            of("Coron").iter().all(|n| *n != "Penon de Coron"),
            "{:?}",
            a.mentions
        );
        assert_eq!(of("Trump"), vec!["Donald Trump", "Donald Trump"]);
    }

    #[test]
    fn a_full_name_with_middle_words_is_the_same_person() {
        // the longer form joins the short one, so the lone surname has a person
        // named most often among several of that surname
        let a = analyze_text(
            "Jared Tristan Padalecki is an actor. He was born to Gerald and Sherri Padalecki. \
             Jared Padalecki moved to Los Angeles. Padalecki starred in a film.",
        );
        let (jared, lone) = (
            entity_of(&a, "Jared Tristan Padalecki").map(|e| &e.key),
            entity_of(&a, "Padalecki").map(|e| &e.key),
        );
        assert_eq!(jared, entity_of(&a, "Jared Padalecki").map(|e| &e.key));
        assert_eq!(lone, jared);
        // a name after a word for a relative is someone else ("son of Pierre
        // L'Enfant"), and two longer forms leave the short one alone
        let a = analyze_text(
            "Pierre Charles L'Enfant was an engineer. He was the son of Pierre L'Enfant, a painter. \
             George H. W. Bush and George W. Bush met George Bush.",
        );
        assert_ne!(
            entity_of(&a, "Pierre Charles L'Enfant").map(|e| &e.key),
            entity_of(&a, "Pierre L'Enfant").map(|e| &e.key)
        );
        let bush = |n: &str| entity_of(&a, n).map(|e| e.key.clone());
        assert_ne!(bush("George H. W. Bush"), bush("George W. Bush"));
        assert_ne!(bush("George W. Bush"), bush("George Bush"));
    }

    #[test]
    fn contractions_are_no_names() {
        for w in ["I've", "Don't", "We’d", "You'll"] {
            assert!(is_contraction(w), "{w}");
        }
        for w in ["O'Neil", "D'Souza", "Trump's", "N'Djamena", "'t"] {
            assert!(!is_contraction(w), "{w}");
        }
    }

    #[test]
    fn a_surname_before_family_is_the_family() {
        let a = analyze_text(
            "Daniel Bernoulli was born in Groningen. He was one of many mathematicians in the Bernoulli family. Bernoulli died in Basel.",
        );
        let bernoulli: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.text == "Bernoulli")
            .map(|m| a.entities[m.entity].name.as_str())
            .collect();
        // the family is not linked; the later "Bernoulli" is Daniel
        assert_eq!(bernoulli, vec!["Daniel Bernoulli"], "{:?}", a.mentions);
    }

    #[test]
    fn pronouns_prefer_the_subject_agree_in_gender_and_possessives_stay_near() {
        let a = analyze_text(
            "Mark Cross said he would vote for Hillary Clinton, whom he called divisive.\n\nMr. Burton met Mrs. Kovner. She laughed.\n\nBarack Obama criticised Donald Trump and his supporters.",
        );
        let of = |nth_he: usize, word: &str| {
            a.mentions
                .iter()
                .filter(|m| m.text == word)
                .nth(nth_he)
                .map(|m| a.entities[m.entity].name.clone())
        };
        assert_eq!(of(0, "he").as_deref(), Some("Mark Cross"));
        // "whom he called": the subject, not the nearest name
        assert_eq!(of(1, "he").as_deref(), Some("Mark Cross"));
        // "She" is Mrs. Kovner, not the subject Mr. Burton
        assert_eq!(of(0, "She").as_deref(), Some("Kovner"));
        assert_eq!(of(0, "his").as_deref(), Some("Donald Trump"));
    }

    /// The entity key of the `nth` mention written `word`, if it was resolved.
    fn key_of(a: &parallax_core::Analysis, nth: usize, word: &str) -> Option<String> {
        a.mentions
            .iter()
            .filter(|m| m.text == word)
            .nth(nth)
            .map(|m| a.entities[m.entity].key.clone())
    }

    #[test]
    fn a_pronoun_in_doubt_stays_unresolved() {
        // A given name of one gender: "she" is not Tyler Smith.
        let a = analyze_text("Tyler Smith arrived. She laughed. Anna Ray came in. She smiled.");
        let she: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.text == "She")
            .map(|m| a.entities[m.entity].key.as_str())
            .collect();
        assert_eq!(she, ["person:anna ray"], "{:?}", a.mentions);
        // Two men named around "He": no guess; a pronoun of attribution takes the
        // subject as news writes it ("…,” he said").
        let b = analyze_text("Bob Dole met John Kerry. He smiled. “We agreed,” he said.");
        assert_eq!(key_of(&b, 0, "He"), None, "{:?}", b.mentions);
        assert_eq!(key_of(&b, 0, "he").as_deref(), Some("person:bob dole"));
        assert_eq!(b.mentions.iter().filter(|m| m.text == "he").count(), 1);
        // An unresolved "he" before it makes the next one doubtful too.
        let c = analyze_text(
            "Bob Dole met John Kerry. He smiled. Later John Kerry left, and he waved.",
        );
        assert_eq!(key_of(&c, 0, "he"), None, "{:?}", c.mentions);
    }

    #[test]
    fn pronouns_stay_unresolved_where_gum_showed_them_wrong() {
        // Only a subject pronoun is an attribution: "Poisson asked him" is not
        // Poisson speaking of himself.
        let a = analyze_text("Évariste Galois failed. Siméon Poisson asked him to submit it.");
        assert_eq!(key_of(&a, 0, "him"), None, "{:?}", a.mentions);
        // A title of one sex tells the gender: "his" is not Congresswoman Dean.
        let b = analyze_text(
            "Congresswoman Dean spoke first. As Dean said, he called out for his mother.",
        );
        assert!(
            b.mentions
                .iter()
                .filter(|m| m.text == "his" || m.text == "he")
                .all(|m| b.entities[m.entity].key != "person:dean"),
            "{:?}",
            b.mentions
        );
        // A person not named between the name and the pronoun: "He" may be the
        // reporter.
        let c = analyze_text(
            "Ross Williamson kept the letters. A reporter from the Cleveland Press phoned on \
             Monday. He said that the letters were sold.",
        );
        assert_eq!(key_of(&c, 0, "He"), None, "{:?}", c.mentions);
        // … but not someone inside a quotation: “As a mother, …,” she said.
        let d = analyze_text(
            "The first lady, Melania Trump, questioned her sanity. “As a mother, a wife, and \
             a human being, that photo is very disturbing,” she said.",
        );
        assert_eq!(
            key_of(&d, 0, "she").as_deref(),
            Some("person:melania trump"),
            "{:?}",
            d.mentions
        );
        // The pronouns already resolved to a person tell the gender a given name
        // does not: "She" is not Carroll, whom "He" meant.
        let e = analyze_text(
            "Jim Carroll waited at the door. He was nervous. Carroll said he liked the room. \
             She smiled.",
        );
        assert_eq!(key_of(&e, 0, "He").as_deref(), Some("person:jim carroll"));
        assert_eq!(key_of(&e, 0, "She"), None, "{:?}", e.mentions);
        // "She" with only Devin Thurlow, of no known gender, in reach, while a
        // woman was named a few sentences back: no guess.
        let g = analyze_text(
            "Isabel Ruiz founded the studio. It grew. Those included Mark Cass and Devin \
             Thurlow. She had several ideas.",
        );
        assert_eq!(key_of(&g, 0, "She"), None, "{:?}", g.mentions);
        // An interjection of speech starts no name: "Uh Mitchell" is Mitchell.
        let f = analyze_text("Uh Mitchell Roberts expressed a desire to do the work.");
        assert!(
            f.entities
                .iter()
                .any(|e| e.key == "person:mitchell roberts"),
            "{:?}",
            f.entities
        );
    }

    #[test]
    fn a_legislature_by_its_head_word_and_brackets_in_a_name() {
        let a = analyze_text(
            "The bill passed after Congress voted and the Senate agreed. \
             Reagan won in 1980 and [George H. W.] Bush in 1988.",
        );
        for w in ["Congress", "Senate"] {
            let e = entity_of(&a, w).unwrap_or_else(|| panic!("{w}: {:?}", a.mentions));
            assert_eq!(e.kind, ActorKind::Org);
        }
        let bush = a
            .mentions
            .iter()
            .find(|m| m.text.ends_with("Bush"))
            .expect("Bush");
        assert_eq!(a.entities[bush.entity].key, "person:george h. w. bush");
        // "America" alone is the United States; "Latin America" is not.
        let b = analyze_text("America voted. Latin America watched.");
        assert_eq!(entity_of(&b, "America").unwrap().key, "gpe:usa");
        assert_eq!(
            entity_of(&b, "Latin America").unwrap().key,
            "loc:latin-america"
        );
    }

    #[test]
    fn shared_surname_is_not_guessed() {
        let a = analyze_text("Fidel Castro and Raúl Castro ruled. Castro said little.");
        assert!(entity_of(&a, "Castro").is_none(), "{:?}", a.mentions);
        assert_ne!(
            entity_of(&a, "Fidel Castro").unwrap().key,
            entity_of(&a, "Raúl Castro").unwrap().key
        );
    }

    #[test]
    fn acronym_defined_in_text() {
        let a = analyze_text("The Federation of Small Farms (FSF) met. The FSF said no.");
        let e = entity_of(&a, "FSF").unwrap();
        assert_eq!(e.kind, ActorKind::Org);
        assert_eq!(
            e.key,
            entity_of(&a, "Federation of Small Farms").unwrap().key
        );
        // The initials of the one organisation named before it, no parentheses.
        let b = analyze_text("The Federation of Small Farms met on Monday. Later the FSF said no.");
        let m = b.mentions.iter().find(|m| m.text == "FSF").expect("FSF");
        assert_eq!(m.rule, MentionRule::AcronymDefinedInText);
        assert_eq!(
            b.entities[m.entity].key,
            entity_of(&b, "Federation of Small Farms").unwrap().key
        );
    }

    #[test]
    fn pronouns_and_descriptions() {
        let a = analyze_text(
            "The Prime Minister of Saint Vincent and the Grenadines, Ralph Gonsalves, spoke. He declared victory. The Prime Minister continued.",
        );
        let he = a.mentions.iter().find(|m| m.text == "He").unwrap();
        assert_eq!(a.entities[he.entity].key, "person:ralph gonsalves");
        assert_eq!(
            entity_of(&a, "Saint Vincent and the Grenadines")
                .unwrap()
                .key,
            "gpe:saint-vincent-grenadines"
        );
    }

    #[test]
    fn georgia_by_context() {
        let a = analyze_text("Georgia held a vote. The Kremlin objected and Tbilisi protested.");
        assert_eq!(entity_of(&a, "Georgia").unwrap().key, "gpe:georgia");
        let b = analyze_text(
            "Georgia held a vote. The governor of the state said Atlanta and every county would count.",
        );
        assert_eq!(entity_of(&b, "Georgia").unwrap().key, "gpe:georgia-us");
    }

    #[test]
    fn every_rule_has_a_confidence() {
        let table = confidence_table(include_str!("../../data/rule_confidence.tsv"))
            .expect("the table loads");
        // every rule the code can record has its line, and no line names another
        for r in MentionRule::ALL {
            assert!(table.contains_key(&r), "{r:?} has no confidence");
        }
        assert_eq!(table.len(), MentionRule::ALL.len());
        assert!(
            confidence_table("full name\t1.0\nno such rule\t0.5\n")
                .unwrap_err()
                .contains("line 2")
        );
        let a = analyze_text(
            "Venezuela’s President Nicolás Maduro spoke. Maduro said Cubans and the ICJ agreed. He left. The Federation of Small Farms (FSF) met. The FSF said no. Havana said no. The Ortega government fell. The Prime Minister of Grenada, Joseph Andall, spoke. The Prime Minister continued. Brazil’s Landless Workers’ Movement marched.",
        );
        for m in &a.mentions {
            assert_eq!(m.confidence, rule_confidence(m.rule));
            assert!(m.confidence > 0.0 && m.confidence <= 1.0);
        }
        // Exact names are surer than links from context.
        assert!(
            rule_confidence(MentionRule::FullName)
                > rule_confidence(MentionRule::PronounNearestPerson)
        );
    }

    #[test]
    fn surname_rules_and_their_limits() {
        // The full name named at least twice as often as the other wins the surname…
        let a = analyze_text(
            "Donald Trump spoke. Donald Trump left. Ivanka Trump stayed. Trump said it was over.",
        );
        let m = a.mentions.iter().rfind(|m| m.text == "Trump").unwrap();
        assert_eq!(a.entities[m.entity].key, "person:donald trump");
        assert_eq!(m.rule, "surname of the full name named most often");
        // …but not when the two are named as often: no guess.
        let b = analyze_text("Donald Trump spoke. Ivanka Trump stayed. Trump said it was over.");
        assert!(entity_of(&b, "Trump").is_none(), "{:?}", b.mentions);
        // A first name alone joins the one full name it starts.
        let c = analyze_text("Ralph Gonsalves arrived. Ralph said he was glad.");
        let r = c.mentions.iter().find(|m| m.text == "Ralph").unwrap();
        assert_eq!(c.entities[r.entity].key, "person:ralph gonsalves");
        assert_eq!(r.rule, "first name of a full name in the article");
        // A lone unknown name is a person only with evidence: to the rules, a word
        // around it; with the tagger, the tagger's word.
        let text = "The Ortega government fell. Morales arrived.";
        let d = crate::Analyzer::rules_only().analyze_text(text);
        let o = d.mentions.iter().find(|m| m.text == "Ortega").unwrap();
        assert_eq!(o.rule, "name before government/administration");
        assert!(entity_of(&d, "Morales").is_none());
        let t = analyze_text(text);
        let m = t.mentions.iter().find(|m| m.text == "Morales").unwrap();
        assert_eq!(m.rule, "tagger: lone name");
        assert_eq!(t.entities[m.entity].kind, ActorKind::Person);
    }

    #[test]
    fn a_generational_suffix_is_no_surname() {
        // "Mr. Trump" after "Donald Trump Jr." is the son: the surname comes before
        // the suffix.
        let a = analyze_text(
            "Donald Trump Jr. had multiple conversations with the group. \
             “Already did that,” Mr. Trump said in response.",
        );
        let m = a.mentions.iter().rfind(|m| m.text == "Trump").unwrap();
        assert_eq!(a.entities[m.entity].key, "person:donald trump jr.");
        assert_eq!(m.rule, "surname of a full name in the article");
        let q = &a.quotes[0];
        assert_eq!(q.speaker.as_ref().and_then(|s| s.entity), Some(m.entity));
        // An article that tells the two apart ("Trump Jr.", "President Trump"):
        // "Trump" alone is not the son.
        for text in [
            "Donald Trump Jr. met them. Trump Jr. said no. Trump said yes.",
            "Donald Trump Jr. met them. President Trump said yes. Mr. Trump left.",
        ] {
            let b = analyze_text(text);
            let m = b.mentions.iter().rfind(|m| m.text == "Trump").unwrap();
            assert_ne!(
                b.entities[m.entity].key, "person:donald trump jr.",
                "{text}"
            );
            assert_ne!(b.entities[m.entity].key, "person:trump jr.", "{text}");
        }
    }

    #[test]
    fn capital_acting_is_its_government() {
        let a = analyze_text(
            "Havana said the sanctions were illegal. Thousands rallied in Havana. Officials in Havana said little.",
        );
        let acting = a.mentions.iter().find(|m| m.text == "Havana").unwrap();
        assert_eq!(a.entities[acting.entity].key, "gpe:cuba");
        assert_eq!(acting.rule, "capital standing for its government");
        let places: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.text == "Havana")
            .skip(1)
            .map(|m| a.entities[m.entity].key.as_str())
            .collect();
        assert_eq!(places, ["gpe:havana", "gpe:havana"]);
        // A city without a country in the gazetteer stays itself.
        let b = analyze_text("Jerusalem said no.");
        assert_eq!(entity_of(&b, "Jerusalem").unwrap().key, "gpe:jerusalem");
    }
}
