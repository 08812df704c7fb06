//! The words the rules name, as data: the closed-class words of a language
//! (`data/LANG/closed.tsv`), the open-class words the rules name with their kinds
//! (`words.tsv`), and the word sets each rule reads (`wordsets.tsv`), drawn from
//! those two lists by word or by class. Loaded once per language and checked: a set
//! naming an undeclared word or class, a set no rule reads and a set missing are
//! errors, so the data and the rules cannot drift apart.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A set of lower-case words (or phrases of words) a rule looks for.
#[derive(Debug, Clone, Default)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    /// Whether `word` (as folded: lower case) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    /// `word` without one final dot is in the set ("Mr." and "Mr").
    pub fn contains_undotted(&self, word: &str) -> bool {
        self.contains(word.strip_suffix('.').unwrap_or(word))
    }

    /// `word` ends in a member, with at least three letters before it (a set of
    /// endings: "ous" in "famous", not in "ous").
    pub fn ends_word(&self, word: &str) -> bool {
        word.char_indices()
            .skip(3)
            .any(|(i, _)| self.0.contains(&word[i..]))
    }

    /// `word` is a member written with a capital first letter and the rest as in
    /// the set ("He", "The"; not "HE").
    pub fn contains_capitalized(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_uppercase() {
            return false;
        }
        let lower: String = first.to_lowercase().chain(chars.clone()).collect();
        chars.all(|c| !c.is_uppercase()) && self.contains(&lower)
    }
}

macro_rules! word_sets {
    ($($(#[$doc:meta])* $field:ident = $name:literal,)*) => {
        /// The word sets the rules read, one field a set of `wordsets.tsv`.
        #[derive(Debug, Clone)]
        pub struct WordSets {
            $($(#[$doc])* pub $field: WordSet,)*
        }

        impl WordSets {
            /// The sets by name, each taken out of `named`; what is left over is
            /// read by no rule.
            fn take(named: &mut HashMap<String, WordSet>) -> Result<WordSets, String> {
                Ok(WordSets {
                    $($field: named
                        .remove($name)
                        .ok_or_else(|| format!("wordsets.tsv: no set {:?}, which a rule reads", $name))?,)*
                })
            }
        }
    };
}

word_sets! {
    /// A capitalised one of these after an initialism's dot opens a new sentence ("… in the
    /// U.S. He says …"), never continues a name.
    sentence_openers = "sentence-openers",
    /// Particles inside personal names ("Luiz Inácio Lula da Silva", "Ludwig van
    /// Beethoven").
    name_particles = "name-particles",
    /// A suffix that tells a son from his father ends a personal name ("Donald Trump
    /// Jr."): it stays in the name and is never its surname; matched without a final dot.
    name_suffixes = "name-suffixes",
    /// The party initials of a party-state tag ("Sen. John Cornyn, R-TX, said",
    /// "(D-Calif.)"), which is never an actor nor a speaker.
    party_initials = "party-initials",
    /// Lower-case words that may join capitalised words into one name ("Bank of England",
    /// "Alliance for Progress").
    run_connectors = "run-connectors",
    /// The preposition that splits a capitalised run into a head and its complement
    /// ("Ministry of Health").
    run_prepositions = "run-prepositions",
    /// A run holding one of these names two things ("Cuba and Venezuela").
    run_ands = "run-ands",
    /// The party word that makes a chamber or a state before it a description.
    party_members = "party-members",
    /// A job before "at" and a name makes the name its employer.
    jobs_at_employer = "jobs-at-employer",
    /// A job before "with" and a name makes the name its employer.
    jobs_with_employer = "jobs-with-employer",
    /// Third-person pronouns that refer to a person.
    gendered_pronouns = "gendered-pronouns",
    /// Honorifics outside a name ("Mr. Trump"); matched without a final dot.
    honorifics = "honorifics",
    /// Pronouns that cannot refer to someone called Mrs., Ms. or Miss.
    masculine_pronouns = "masculine-pronouns",
    /// Pronouns that cannot refer to someone called Mr.
    feminine_pronouns = "feminine-pronouns",
    /// Honorifics of a man (without the dot).
    masculine_honorifics = "masculine-honorifics",
    /// Honorifics of a woman (without the dot).
    feminine_honorifics = "feminine-honorifics",
    /// A title or role of a man ("Congressman Smith"): "she" is not him.
    masculine_nouns = "masculine-nouns",
    /// A title or role of a woman ("Congresswoman Dean"): "he" is not her.
    feminine_nouns = "feminine-nouns",
    /// A person who may go unnamed ("a reporter"); with the man and woman nouns.
    unnamed_person_nouns = "unnamed-person-nouns",
    /// The determiners of an unnamed person ("a reporter", "his grandmother").
    unnamed_person_determiners = "unnamed-person-determiners",
    /// A lone surname after one of these is a place ("in Coron"), not the person whose
    /// full name ends with it.
    where_prepositions = "where-prepositions",
    /// A lone surname before one of these names the family ("the Bernoulli family"),
    /// not the person of that surname in the article.
    family_nouns = "family-nouns",
    /// A lone capitalised word followed by one of these is a person ("Cotton was
    /// born"); phrases of up to two words.
    person_cues = "person-cues",
    /// A lone capitalised word followed by one of these ("Wintour herself"), or by a
    /// comma and one of these ("Isner, who produced"), is a person, unless it is a
    /// plain English word.
    person_pronouns = "person-pronouns",
    /// A capitalised run starting with one of these names a place ("Fort Lee").
    place_prefixes = "place-prefixes",
    /// A road word before a number names a road ("U.S. Route 75", "Interstate 44").
    road_words = "road-words",
    /// A capital after one of these is a place, not its government acting ("officials in
    /// Havana said").
    capital_prepositions = "capital-prepositions",
    /// Words between a capital and its speech verb ("Havana has warned", "Beijing also
    /// said").
    capital_fillers = "capital-fillers",
    /// Words between a pronoun and its speech verb ("he also said", "she later
    /// suggested", "he would say").
    pronoun_fillers = "pronoun-fillers",
    /// Generic nouns that say little about an actor on their own, not kept as its roles.
    generic_roles = "generic-roles",
    /// After one of these a speech-verb form is a noun ("the report", "his home state").
    noun_markers = "noun-markers",
    /// "’s" after one of these is "is" or "has" ("he’s claiming"), not a possessive.
    contraction_hosts = "contraction-hosts",
    /// An aspectual cue (cues.tsv) before one of these is not speech ("will continue to
    /// be").
    aspectual_next = "aspectual-next",
    /// An aspectual cue after one of these is not speech either ("will continue").
    aspectual_before = "aspectual-before",
    /// Small words a title leaves in lower case ("Special Communique on the situation in
    /// Palestine").
    title_small_words = "title-small-words",
    /// A quotation right after one of these names words, it does not report speech
    /// ("avoiding the term “radical Islam”").
    word_mention_nouns = "word-mention-nouns",
    /// A name in quotation marks after one of these and "as" is a name given, not
    /// speech ("referred to as “ALBA”").
    naming_words = "naming-words",
    /// A one-word name in quotation marks right after one of these is a show or paper,
    /// not speech ("he told “Today.”").
    venue_words = "venue-words",
    /// A name after one of these and before a colon is where the words were said, not
    /// who said them ("saying on Twitter: “…”").
    venue_prepositions = "venue-prepositions",
    /// A verb after one of these shares the sentence's subject ("… and told them"); in a
    /// reported clause, ", and" or ", but" starts the writer's own words.
    clause_joins = "clause-joins",
    /// Adverbs and auxiliaries skipped between a subject and its speech verb ("Maduro also
    /// said", "he has repeatedly claimed").
    subject_adverbs = "subject-adverbs",
    /// A sentence opening with one of these opens with a prepositional phrase up to its
    /// comma, which holds no subject.
    opening_prepositions = "opening-prepositions",
    /// An actor after one of these (or a place preposition) is not the sentence's subject.
    object_prepositions = "object-prepositions",
    /// Pronouns that can be a subject ("sought to calm his supporters": "his" never is).
    subject_pronouns = "subject-pronouns",
    /// Words inside a title before a name ("Former Secretary of State", "then-Sen.").
    title_words = "title-words",
    /// An honorific and a capitalised word before a speech verb is a named speaker ("Mr.
    /// Prince said"); matched without a final dot.
    speaker_honorifics = "speaker-honorifics",
    /// Pronouns that speak when no actor was resolved ("they said").
    speaker_pronouns = "speaker-pronouns",
    /// Words opening an unresolved description that speaks ("one P&G Amiens employee
    /// told").
    description_openers = "description-openers",
    /// The phrase after a speech verb that names its speaker ends before one of these
    /// ("said one former executive who …").
    speaker_phrase_stops = "speaker-phrase-stops",
    /// Stop words that may still be part of a subject noun phrase.
    subject_words = "subject-words",
    /// Words opening an aside between a subject and its verb ("Huckabee, for his part, is
    /// labeling").
    aside_openers = "aside-openers",
    /// The first word of an aside that the subject's phrase is found past ("Government
    /// officials, who asked not to be identified, said", "The governor, a Republican,
    /// told"); participles are known by their ending.
    aside_starts = "aside-starts",
    /// The lower-case end of a hyphened word before a name that says who controls,
    /// backs or bore it ("the GOP-controlled Congress", "German-born Henry
    /// Kissinger"): no part of the name after it. Endings ("-ed") or words.
    hyphen_modifiers = "hyphen-modifiers",
    /// An acronym naming the kind of organisation before its name ("super PAC America
    /// Rising"): no part of the name, and the name is an organisation's.
    org_descriptors = "org-descriptors",
    /// A party word or "top" before a chamber that modifies a noun after it ("a GOP
    /// Senate majority"), or before a state naming no one ("Democratic Missouri Sen.").
    chamber_modifiers = "chamber-modifiers",
    /// A place after one of these is where, not who ("gathered in Caracas, Venezuela,
    /// condemned").
    place_prepositions = "place-prepositions",
    /// A word that with a period names a time ("last week", "earlier this month").
    time_modifiers = "time-modifiers",
    /// A quantifier opening a subject ("members of both parties have vowed").
    subject_quantifiers = "subject-quantifiers",
    /// Prepositions a subject's head can carry ("Darran Whiting of Liberty Baptist Church",
    /// "officials at the agency").
    subject_prepositions = "subject-prepositions",
    /// A subject's head that stands apart from the organisation named after it
    /// ("critics of Chick-fil-A argue"): the organisation is no speaker of their words.
    outsider_nouns = "outsider-nouns",
    /// An office over a town or a state: a lone name after it and "of" is the place
    /// ("the mayor of Hoboken").
    territorial_offices = "territorial-offices",
    /// Quantifiers and pronouns that can head a subject before a prepositional phrase
    /// ("most of them said").
    head_quantifiers = "head-quantifiers",
    /// A subject after one of these opens its clause ("… and some delegates at the
    /// convention said").
    subject_openers = "subject-openers",
    /// A name after one of these opens its clause.
    aside_name_openers = "aside-name-openers",
    /// Time stamps that may stand before a name opening a clause ("9 a.m., Trump said").
    clock_suffixes = "clock-suffixes",
    /// Words in -ly that are no adverbs ("the family said").
    not_ly_adverbs = "not-ly-adverbs",
    /// A cue after one of these is passive ("Sanders had been told"): its subject did not
    /// speak.
    passive_auxiliaries = "passive-auxiliaries",
    /// Past participles of cues not ending in -ed.
    irregular_participles = "irregular-participles",
    /// Words that open a reported clause after a speech verb ("said he would", "said the
    /// plan").
    clause_starts = "clause-starts",
    /// Auxiliaries and modals, a finite verb whatever the clause's subject.
    finite = "finite",
    /// An indefinite or a number opens an object as often as a clause ("said a prayer"), so
    /// only with a finite verb soon after.
    indefinites = "indefinites",
    /// Words opening an adjunct between a speech verb and "that" ("said on MSNBC that",
    /// "said earlier that").
    adjunct_openers = "adjunct-openers",
    /// After a speech verb, one of these opens no reported clause ("said goodbye", "said in
    /// …").
    not_clause_openers = "not-clause-openers",
    /// A conjunction after a speech verb means what follows is the writer's.
    joins = "joins",
    /// A reported clause may open with one of these ("said if he were president …").
    conditional_openers = "conditional-openers",
    /// A relative pronoun ends the search for a clause's verb.
    relative_pronouns = "relative-pronouns",
    /// One lower-case modifier after one of these modifies a speech noun and is no
    /// speaker ("his on-camera claim").
    possessive_determiners = "possessive-determiners",
    /// Lower-case words after one of these are where or when, never who speaks
    /// ("caught on camera saying").
    non_subject_prepositions = "non-subject-prepositions",
    /// Adverbs of time skipped after a speech verb ("said yesterday that").
    time_adverbs = "time-adverbs",
    /// Periods after a time modifier ("last week", "this morning").
    periods = "periods",
    /// "in a statement", "in an interview": where words were said, skipped after a speech
    /// verb.
    occasions = "occasions",
    /// After a comma, one of these starts the writer's own words (", while …", ",
    /// however").
    contrast_openers = "contrast-openers",
    /// After a comma and a few words of the clause, a relative clause (", which …") is the
    /// writer's.
    relative_openers = "relative-openers",
    /// After a comma, one of these continues the reported clause (", including …").
    clause_continuers = "clause-continuers",
    /// A determiner ends a chain of premodifiers ("an indignant and embarrassed Germany");
    /// quotes/indirect: an -ed word after one is an adjective, not a finite verb.
    determiners = "determiners",
    /// Words that end an appositive or a predicate (a relative clause, a preposition, a
    /// conjunction).
    label_stops = "label-stops",
    /// The label stops that open a clause: they end a predicate even right after
    /// its first word ("became an independent after losing").
    predicate_clause_openers = "predicate-clause-openers",
    /// An appositive holds no verb ("Havana, Cuba, the bloc has issued …" is none).
    label_auxiliaries = "label-auxiliaries",
    /// A subject, a copula, and what it is ("ALBA-TCP … is a self-declared far-left free
    /// trade bloc").
    copulas = "copulas",
    /// An honorific before a name says nothing about the actor ("Mr. Obama"); matched
    /// without a final dot.
    label_honorifics = "label-honorifics",
    /// A chamber before a title belongs to it ("Senate Minority Leader", "House Speaker").
    chambers = "chambers",
    /// A legislature named by its head word alone, capitalised inside a sentence, is
    /// an organisation ("Congress authorized", "the Senate voted").
    legislatures = "legislatures",
    /// A preposition ends a chain of premodifiers ("alongside Sen. John Cornyn").
    label_prepositions = "label-prepositions",
    /// A word after one of these is a verb, which ends a chain of premodifiers ("to
    /// override President Obama").
    verb_markers = "verb-markers",
    /// Endings of adjectives: a lower-case chain of premodifiers joined by "and" after a
    /// determiner is a label only when its words end so ("an indignant and embarrassed
    /// Germany", not "the logjam and provide Congress").
    adjective_suffixes = "adjective-suffixes",
    /// Endings of a word that modifies the noun after it, between a determiner and a
    /// cue form that is then a noun ("a handwritten note", "the latest report").
    modifier_suffixes = "modifier-suffixes",
    /// A verb of not speaking before a speech verb, or before "to" and it: the
    /// words were not said ("by avoiding saying", "refused to say that").
    speech_negators = "speech-negators",
    /// A word between a comma and an -ing speech verb that keeps the sentence's
    /// subject as its speaker (", while acknowledging the matter “…”").
    ing_cue_openers = "ing-cue-openers",
    /// Modifiers that point or count rather than describe: a premodifier chain of
    /// only these is no label ("the nearby St. Louis Tea Party", "the real Mexico").
    non_describing_modifiers = "non-describing-modifiers",
    /// Verbs and auxiliaries that may follow a subject name; another lower-case word after
    /// a country or organisation makes the name a modifier ("the US blockade").
    after_subject = "after-subject",
    /// Nouns after a person's name that make the name a modifier ("the Trump
    /// administration", "the Clinton campaign").
    person_adjuncts = "person-adjuncts",
    /// An appositive opening with one of these is a prepositional phrase that describes no
    /// one.
    appositive_prepositions = "appositive-prepositions",
    /// Adverbs between a subject and its copula ("ALBA-TCP, often …, is").
    predicate_adverbs = "predicate-adverbs",
    /// An adverb between a modal or "to" and its verb ("would best protect").
    verb_adverbs = "verb-adverbs",
    /// Irregular past participles, verb forms that end a chain of premodifiers and are no
    /// predicate ("caught on a hot mic"); the regular ones end in -ed.
    label_participles = "label-participles",
    /// A predicate whose head is one of these says whose or what, not what the actor is
    /// ("is not yours").
    predicate_pronouns = "predicate-pronouns",
    /// A predicate opening with one of these says where or how many, not what the
    /// actor is ("was at the White House", "is just one of 198 people").
    predicate_non_heads = "predicate-non-heads",
    /// Nouns for a government, which a country's description ends with ("Nicaragua’s
    /// communist regime").
    government_nouns = "government-nouns",
    /// After a name, a person's rule ("the Maduro regime", "Obama's administration").
    leadership_nouns = "leadership-nouns",
    /// A document speaks for whoever issued it, the sentence's subject ("Romney released a
    /// statement late Tuesday saying: …").
    documents = "documents",
    /// Time words that may stand before "this" and a period ("earlier this week").
    relative_time_words = "relative-time-words",
    /// "in a statement", "in an interview".
    indefinite_articles = "indefinite-articles",
    /// Articles.
    articles = "articles",
    /// Prepositions (the closed class): a possessive after one belongs to its
    /// phrase ("a friend of his wife"), one after any other word starts a noun
    /// phrase ("a lawsuit his former aide").
    prepositions = "prepositions",
}

/// Word -> its classes (or kinds), from a `word<TAB>classes` file.
fn classes(file: &str, text: &str) -> Result<HashMap<String, Vec<String>>, String> {
    let mut out: HashMap<String, Vec<String>> = HashMap::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, cls) = line
            .split_once('\t')
            .ok_or_else(|| format!("{file} line {}: expected word<TAB>classes", i + 1))?;
        let cls: Vec<String> = cls.split_whitespace().map(str::to_string).collect();
        if word.trim().is_empty() || cls.is_empty() {
            return Err(format!("{file} line {}: expected word<TAB>classes", i + 1));
        }
        if out.insert(word.trim().to_string(), cls).is_some() {
            return Err(format!(
                "{file} line {}: {:?} listed twice",
                i + 1,
                word.trim()
            ));
        }
    }
    Ok(out)
}

/// Parses the three files of a language into the sets the rules read.
pub fn load(closed: &str, words: &str, wordsets: &str) -> Result<WordSets, String> {
    let closed = classes("closed.tsv", closed)?;
    let words = classes("words.tsv", words)?;
    // class or kind -> its words (a word of both lists keeps the classes of both)
    let mut members: HashMap<&str, Vec<&str>> = HashMap::default();
    for table in [&closed, &words] {
        for (w, cls) in table {
            for c in cls {
                members.entry(c.as_str()).or_default().push(w.as_str());
            }
        }
    }
    let declared = |w: &str| closed.contains_key(w) || words.contains_key(w);
    let mut named: HashMap<String, WordSet> = HashMap::default();
    for (i, line) in wordsets.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("wordsets.tsv line {}", i + 1);
        let (name, list) = line
            .split_once('\t')
            .ok_or_else(|| format!("{}: expected set<TAB>members", at()))?;
        let mut set = HashSet::default();
        for m in list.split('|').map(str::trim).filter(|m| !m.is_empty()) {
            if let Some(class) = m.strip_prefix('@') {
                let ws = members
                    .get(class)
                    .ok_or_else(|| format!("{}: no class or kind {class:?}", at()))?;
                set.extend(ws.iter().map(|w| w.to_string()));
            } else if let Some(ending) = m.strip_prefix('-') {
                // a word ending ("-ous"), no word of its own
                set.insert(ending.to_string());
            } else if let Some(w) = m.split(' ').find(|w| !declared(w)) {
                return Err(format!(
                    "{}: {w:?} is in neither closed.tsv nor words.tsv",
                    at()
                ));
            } else {
                set.insert(m.to_string());
            }
        }
        if named
            .insert(name.trim().to_string(), WordSet(set))
            .is_some()
        {
            return Err(format!("{}: set {name:?} defined twice", at()));
        }
    }
    let sets = WordSets::take(&mut named)?;
    if let Some(extra) = named.keys().min() {
        return Err(format!("wordsets.tsv: no rule reads the set {extra:?}"));
    }
    Ok(sets)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOSED: &str = include_str!("../data/en/closed.tsv");
    const WORDS: &str = include_str!("../data/en/words.tsv");
    const SETS: &str = include_str!("../data/en/wordsets.tsv");

    #[test]
    fn the_english_sets_load() {
        let v = load(CLOSED, WORDS, SETS).unwrap();
        assert!(v.articles.contains("the"));
        assert!(v.honorifics.contains_undotted("mr."));
        assert!(v.sentence_openers.contains_capitalized("He"));
        assert!(!v.sentence_openers.contains_capitalized("HE"));
        assert!(!v.sentence_openers.contains_capitalized("he"));
        assert!(v.copulas.contains("has been"));
    }

    #[test]
    fn bad_sets_are_errors() {
        let err = |sets: &str| load(CLOSED, WORDS, &format!("{SETS}\n{sets}\n")).unwrap_err();
        assert!(err("extra\tthe").contains("no rule reads the set \"extra\""));
        assert!(err("extra\tzyzzyva").contains("\"zyzzyva\" is in neither"));
        assert!(err("extra\t@nonsense").contains("no class or kind \"nonsense\""));
        assert!(err("articles\tthe").contains("defined twice"));
        let missing = SETS.replace("\narticles\t", "\nunread\t");
        assert!(
            load(CLOSED, WORDS, &missing)
                .unwrap_err()
                .contains("no set \"articles\"")
        );
        assert!(
            load("the\tarticle\nthe\tarticle\n", WORDS, SETS)
                .unwrap_err()
                .contains("listed twice")
        );
    }
}
