use serde::{Deserialize, Serialize};

use crate::{Article, Span};

/// What kind of actor a mention or identity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A person.
    Person,
    /// Governments, parties, movements, courts, agencies, blocs, companies, media.
    Org,
    /// Countries and other geopolitical entities (cities as governments, states).
    Gpe,
    /// Other places: regions, territories, landmarks.
    Loc,
}

impl ActorKind {
    /// The kind's name, as in keys and JSON ("person", "org", "gpe", "loc").
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Org => "org",
            ActorKind::Gpe => "gpe",
            ActorKind::Loc => "loc",
        }
    }

    /// The kind named `s` (see [`ActorKind::as_str`]).
    pub fn parse(s: &str) -> Option<ActorKind> {
        [
            ActorKind::Person,
            ActorKind::Org,
            ActorKind::Gpe,
            ActorKind::Loc,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A full proper name ("Nicolás Maduro", "International Court of Justice").
    Name,
    /// Part of a name standing for the whole ("Maduro", "Hugo").
    Partial,
    /// An acronym ("ICJ", "ALBA-TCP").
    Acronym,
    /// A demonym or adjective of nationality ("Cuban", "Venezuelans").
    Demonym,
    /// A pronoun ("he", "she", "they").
    Pronoun,
    /// A definite description ("the Prime Minister", "the Cuban leader").
    Description,
}

/// The rule that linked a mention to its entity, serialized as its description
/// ("full name", "pronoun: nearest preceding person").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MentionRule {
    /// A name or alias from a gazetteer.
    #[serde(rename = "gazetteer name")]
    GazetteerName,
    /// An acronym from a gazetteer.
    #[serde(rename = "gazetteer acronym")]
    GazetteerAcronym,
    /// A demonym from a gazetteer ("Cuban").
    #[serde(rename = "gazetteer demonym")]
    GazetteerDemonym,
    /// A capital acting as its country's government ("Havana said").
    #[serde(rename = "capital standing for its government")]
    CapitalForGovernment,
    /// A full person name made by the rules.
    #[serde(rename = "full name")]
    FullName,
    /// An organisation name made by the rules (by its head word).
    #[serde(rename = "organisation name")]
    OrganisationName,
    /// An acronym defined in the article: in parentheses, or the initials of the one
    /// organisation named before it ("General Motors … GM").
    #[serde(rename = "acronym defined in the text")]
    AcronymDefinedInText,
    /// A description set off before the name it describes ("the Prime Minister of X, NAME").
    #[serde(rename = "description set off before the name")]
    DescriptionBeforeName,
    /// A surname joined to the one full name of the article it belongs to.
    #[serde(rename = "surname of a full name in the article")]
    SurnameOfFullName,
    /// A surname joined to the full name named most often.
    #[serde(rename = "surname of the full name named most often")]
    SurnameOfMostNamed,
    /// A surname after an honorific joined to the one full name of that surname whose
    /// given name fits it ("Mrs. Clinton" beside Hillary and Bill Clinton).
    #[serde(rename = "surname of the full name the honorific fits")]
    SurnameByHonorific,
    /// A first name joined to the one full name it belongs to.
    #[serde(rename = "first name of a full name in the article")]
    FirstNameOfFullName,
    /// A single name after a title ("President Arce").
    #[serde(rename = "name after a title")]
    NameAfterTitle,
    /// A single name before a speech verb ("Arce said").
    #[serde(rename = "name before a speech verb")]
    NameBeforeSpeechVerb,
    /// A name before "government" or "administration".
    #[serde(rename = "name before government/administration")]
    NameBeforeGovernment,
    /// A single name with what only a person is or does: after a speech verb that
    /// follows a quotation ("…," said Guilbeault), before "herself", "was born",
    /// ", who".
    #[serde(rename = "name with a person's cue")]
    NameWithPersonCue,
    /// A lone name spelled as a lone name found elsewhere in the article to be a
    /// person ("Hitchcock preferred …" beside "… said Hitchcock").
    #[serde(rename = "same name as a person elsewhere in the article")]
    SameNameAsPerson,
    /// A description ("the Prime Minister") joined to the person last given that title.
    #[serde(rename = "description: person last given this title")]
    DescriptionLastTitled,
    /// A pronoun joined to the person it refers to.
    #[serde(rename = "pronoun: nearest preceding person")]
    PronounNearestPerson,
    /// A place name the gazetteer does not know.
    #[serde(rename = "place name")]
    PlaceName,
    /// A lone name on the list of the world's larger cities (GeoNames) that nothing
    /// else makes an actor of another kind.
    #[serde(rename = "city name")]
    CityName,
    /// A full person name the tagger found.
    #[serde(rename = "tagger: full name")]
    TaggerFullName,
    /// An organisation name the tagger found.
    #[serde(rename = "tagger: organisation name")]
    TaggerOrganisationName,
    /// A place name the tagger found.
    #[serde(rename = "tagger: place name")]
    TaggerPlaceName,
    /// A single name the tagger found.
    #[serde(rename = "tagger: lone name")]
    TaggerLoneName,
    /// A name read as a person's that the article puts after a job and "at" or
    /// "with" ("a partner with Patton Boggs"): the employer, an organisation.
    #[serde(rename = "organisation: employer after a job")]
    EmployerAfterJob,
    /// "the Committee", "the University": a capitalised head word after "the"
    /// joined to the one organisation named before in the article whose name it
    /// heads ("the House Intelligence Committee", "Department of Justice").
    #[serde(rename = "head word of an organisation named before")]
    HeadWordOfName,
}

impl MentionRule {
    /// Every rule, in the order of `rule_confidence.tsv`.
    pub const ALL: [MentionRule; 27] = [
        MentionRule::GazetteerName,
        MentionRule::GazetteerAcronym,
        MentionRule::GazetteerDemonym,
        MentionRule::CapitalForGovernment,
        MentionRule::FullName,
        MentionRule::OrganisationName,
        MentionRule::AcronymDefinedInText,
        MentionRule::DescriptionBeforeName,
        MentionRule::SurnameOfFullName,
        MentionRule::SurnameOfMostNamed,
        MentionRule::SurnameByHonorific,
        MentionRule::FirstNameOfFullName,
        MentionRule::NameAfterTitle,
        MentionRule::NameBeforeSpeechVerb,
        MentionRule::NameBeforeGovernment,
        MentionRule::NameWithPersonCue,
        MentionRule::SameNameAsPerson,
        MentionRule::DescriptionLastTitled,
        MentionRule::PronounNearestPerson,
        MentionRule::PlaceName,
        MentionRule::CityName,
        MentionRule::TaggerFullName,
        MentionRule::TaggerOrganisationName,
        MentionRule::TaggerPlaceName,
        MentionRule::TaggerLoneName,
        MentionRule::EmployerAfterJob,
        MentionRule::HeadWordOfName,
    ];

    /// The rule's description, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionRule::GazetteerName => "gazetteer name",
            MentionRule::GazetteerAcronym => "gazetteer acronym",
            MentionRule::GazetteerDemonym => "gazetteer demonym",
            MentionRule::CapitalForGovernment => "capital standing for its government",
            MentionRule::FullName => "full name",
            MentionRule::OrganisationName => "organisation name",
            MentionRule::AcronymDefinedInText => "acronym defined in the text",
            MentionRule::DescriptionBeforeName => "description set off before the name",
            MentionRule::SurnameOfFullName => "surname of a full name in the article",
            MentionRule::SurnameOfMostNamed => "surname of the full name named most often",
            MentionRule::SurnameByHonorific => "surname of the full name the honorific fits",
            MentionRule::FirstNameOfFullName => "first name of a full name in the article",
            MentionRule::NameAfterTitle => "name after a title",
            MentionRule::NameBeforeSpeechVerb => "name before a speech verb",
            MentionRule::NameBeforeGovernment => "name before government/administration",
            MentionRule::NameWithPersonCue => "name with a person's cue",
            MentionRule::SameNameAsPerson => "same name as a person elsewhere in the article",
            MentionRule::DescriptionLastTitled => "description: person last given this title",
            MentionRule::PronounNearestPerson => "pronoun: nearest preceding person",
            MentionRule::PlaceName => "place name",
            MentionRule::CityName => "city name",
            MentionRule::TaggerFullName => "tagger: full name",
            MentionRule::TaggerOrganisationName => "tagger: organisation name",
            MentionRule::TaggerPlaceName => "tagger: place name",
            MentionRule::TaggerLoneName => "tagger: lone name",
            MentionRule::EmployerAfterJob => "organisation: employer after a job",
            MentionRule::HeadWordOfName => "head word of an organisation named before",
        }
    }

    /// The rule with this description.
    pub fn parse(s: &str) -> Option<MentionRule> {
        MentionRule::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for MentionRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for MentionRule {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A sentence of the clean text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Its span in the clean text.
    pub span: Span,
    /// Index of the paragraph holding the sentence.
    pub paragraph: usize,
}

/// One occurrence of an actor in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where the mention is.
    pub span: Span,
    /// The mention's words, as written.
    pub text: String,
    /// The kind of actor mentioned.
    pub kind: ActorKind,
    /// How the actor is named: full name, partial, acronym, demonym, pronoun, description.
    pub form: MentionForm,
    /// Index into [`Analysis::entities`].
    pub entity: usize,
    /// The rule that linked this mention to its entity.
    pub rule: MentionRule,
    /// How sure the rule is of the link, 0..1 (1.0 for exact names; analyses
    /// saved before the field existed read as 1.0).
    #[serde(default = "full_confidence")]
    pub confidence: f32,
}

fn full_confidence() -> f32 {
    1.0
}

/// An actor as seen inside one article: all its mentions resolved to one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Identity key shared across articles ("person:nicolas maduro", "org:alba").
    pub key: String,
    /// Canonical name chosen for display.
    pub name: String,
    /// The kind of actor.
    pub kind: ActorKind,
    /// Surface forms seen in this article, each once, in order of first use.
    pub variants: Vec<String>,
    /// Titles and roles seen attached to the actor ("President", "Foreign Minister").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Aliases known for the actor (from a gazetteer or an in-text definition),
    /// used to merge identities across articles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// How many mentions the article has of it.
    pub mentions: usize,
}

/// What kind of quotation a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Reported speech in quotation marks, a clause or more.
    Direct,
    /// A short fragment of someone's words inside the writer's sentence.
    Partial,
    /// Paraphrase: "X said that ...", "according to X".
    Indirect,
    /// Quotation marks as a distancing device in the writer's own voice
    /// (“genocide”, “Palestine”).
    Scare,
}

/// Who speaks a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Index into [`Analysis::entities`] when the speaker resolved to an actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// The words naming the speaker in the text ("Maduro", "he", "the Prime Minister").
    pub span: Span,
    /// The words naming the speaker, as written.
    pub text: String,
    /// How the speaker was found.
    pub rule: String,
}

impl Speaker {
    /// The rule of a pronoun ("he said") that found no actor to stand for.
    pub const UNRESOLVED_PRONOUN: &'static str = "unresolved pronoun";

    /// A pronoun that names nobody: the quote has a speaker in the text, but
    /// no one a reader could be told of.
    pub fn is_unresolved_pronoun(&self) -> bool {
        self.entity.is_none() && self.rule == Self::UNRESOLVED_PRONOUN
    }
}

/// The verb or phrase of attribution: its choice ("said" vs "claimed") is framing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// Where the cue is.
    pub span: Span,
    /// The cue's words, as written ("claimed", "according to").
    pub text: String,
    /// Dictionary form ("claim" for "claimed").
    pub lemma: String,
}

/// A quotation or a report of someone's words, with its speaker and cue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Direct, partial, indirect or scare quote.
    pub kind: QuoteKind,
    /// The quotation including its marks (direct, partial, scare) or the
    /// attributed clause (indirect).
    pub span: Span,
    /// The quoted words only.
    pub content: Span,
    /// The quoted words, as written; a quotation in several parts (see `parts`) gives
    /// every part's words, joined by " … ".
    pub text: String,
    /// Who speaks, when found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// The verb of attribution, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Cue>,
    /// Other places the same quotation appears (headline, pull-quote).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_at: Vec<Span>,
    /// The further parts of a quotation interrupted by its attribution ("“…,” she
    /// said, “…”"), in text order; `span` and `content` are its first part. One quote,
    /// counted once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<QuotePart>,
}

/// A further part of a quotation interrupted by its attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotePart {
    /// The part including its marks.
    pub span: Span,
    /// The part's quoted words only.
    pub content: Span,
}

impl Quote {
    /// The spans of the quoted words of every part, the first part's first.
    pub fn contents(&self) -> impl Iterator<Item = Span> + '_ {
        std::iter::once(self.content).chain(self.parts.iter().map(|p| p.content))
    }

    /// The spans of every part including its marks, the first part's first.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        std::iter::once(self.span).chain(self.parts.iter().map(|p| p.span))
    }
}

/// The construction that attaches a label to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    /// Words before a name: "socialist dictator" in "socialist dictator Nicolás Maduro".
    Premodifier,
    /// A noun phrase set off by commas: "Hamas, the radical jihadist terror organization".
    Appositive,
    /// "X is a ...", "X was awarded ...".
    Predicate,
    /// A description standing for the actor: "the leftist trade bloc".
    Description,
}

/// Whose words a label or loaded term is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// The outlet's own words.
    Outlet,
    /// Words inside a quotation.
    Quoted,
}

/// A descriptor an article attaches to an actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// Index into [`Analysis::entities`] of the actor described.
    pub entity: usize,
    /// The construction.
    pub kind: LabelKind,
    /// Where the label is.
    pub span: Span,
    /// The label's words, as written.
    pub text: String,
    /// The outlet's words or a quotation's.
    pub voice: Voice,
}

/// A word with strong connotation, from the loaded-language lexicon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadedTerm {
    /// Where the word is.
    pub span: Span,
    /// The word, as written.
    pub text: String,
    /// Lexicon entry the word matched.
    pub term: String,
    /// Lexicon category ("delegitimising", "violence", "legal", ...).
    pub category: String,
    /// The outlet's words or a quotation's.
    pub voice: Voice,
}

/// What a quantity in a statement measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A count of things: "200 arrests", "five people", "dozens".
    Count,
    /// An amount of money: "$5.7 billion", "£30m".
    Money,
    /// A share: "35 percent", "12%".
    Percent,
    /// A length of time: "90 minutes", "13-minute", "two years".
    Duration,
    /// A calendar date or part of one: "March 2024", "1998", "Tuesday", "Nov. 5".
    Date,
    /// A person's age: "21-year-old", "aged 64".
    Age,
    /// A rank or an ordinal: "23rd", "first".
    Ordinal,
}

/// A number a statement gives, with what it measures, so that two outlets'
/// figures are only compared when they measure the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Where the figure is written.
    pub span: Span,
    /// The words as written ("$5.7 billion", "more than 200", "Tuesday").
    pub text: String,
    /// What the figure measures.
    pub kind: QuantityKind,
    /// The value, scaled ("5.7 billion" = 5.7e9; a year is the year); none for a
    /// weekday, a month alone or a vague amount ("dozens").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The thing counted or the unit, folded and stemmed ("arrest", "worker",
    /// "minute", "usd"); for a date, its granularity ("year", "month", "day",
    /// "weekday").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// "about", "more than", "at least", "nearly": the figure is not exact.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// A claim-sized unit of an article: one sentence with the actors, quantities and
/// quoted speakers it states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The sentence's span.
    pub span: Span,
    /// The sentence, as written.
    pub text: String,
    /// Index into [`Analysis::sentences`].
    pub sentence: usize,
    /// Indices into [`Analysis::entities`], in order of first mention.
    pub actors: Vec<usize>,
    /// The figures the statement gives: counts, money, shares, durations, dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    /// Indices into [`Analysis::quotes`] of the quotations (direct, partial or
    /// indirect; not scare quotes) inside the statement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<usize>,
    /// Content words (lowercase stems) used to line statements up across outlets.
    pub terms: Vec<String>,
    /// The clauses of a sentence that holds several (split at semicolons,
    /// dashes, parentheses, quotation marks and a comma before a conjunction or
    /// a relative pronoun), each of four words or more; empty when the sentence
    /// is one clause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<Span>,
    /// True when the statement is mostly quoted words rather than the outlet's.
    pub quoted: bool,
}

/// All annotation layers of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Mentions of actors, in text order.
    pub mentions: Vec<Mention>,
    /// The actors of the article, each with its mentions resolved to it.
    pub entities: Vec<Entity>,
    /// Quotes of every kind, in text order.
    pub quotes: Vec<Quote>,
    /// Labels attached to actors.
    pub labels: Vec<Label>,
    /// Loaded words.
    pub loaded: Vec<LoadedTerm>,
    /// Statements, one per sentence.
    pub statements: Vec<Statement>,
}

impl Analysis {
    /// Every span of every layer, for invariant checks.
    pub fn all_spans(&self) -> Vec<Span> {
        let mut v: Vec<Span> = self.paragraphs.clone();
        v.extend(self.sentences.iter().map(|s| s.span));
        v.extend(self.mentions.iter().map(|m| m.span));
        for q in &self.quotes {
            v.extend(q.spans());
            v.extend(q.contents());
            v.extend(q.also_at.iter().copied());
            if let Some(s) = &q.speaker {
                v.push(s.span);
            }
            if let Some(c) = &q.cue {
                v.push(c.span);
            }
        }
        v.extend(self.labels.iter().map(|l| l.span));
        v.extend(self.loaded.iter().map(|l| l.span));
        for s in &self.statements {
            v.push(s.span);
            v.extend(s.quantities.iter().map(|q| q.span));
            v.extend(s.clauses.iter().copied());
        }
        v
    }
}

/// An article with its analysis: the unit the compare stage consumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzedArticle {
    /// The article.
    pub article: Article,
    /// Its annotation layers.
    pub analysis: Analysis,
}
