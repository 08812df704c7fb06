//! The data the analysis reads: gazetteers, titles and roles, cue verbs, the
//! loaded-language lexicon, stop words and the word sets of the rules. Everything
//! lives in `data/LANG/` (one folder a language, `en` the only one today) as text
//! with a comment on its origin, compiled into the binary and loaded by language;
//! users can add loaded terms.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use parallax_core::{ActorKey, ActorKind, fold, is_acronym};

use crate::text::{TokKind, tokenize};
use crate::vocab::{self, WordSets};
use parallax_core::Span;

/// How a gazetteer pattern names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazForm {
    Name,
    Acronym,
    Demonym,
}

#[derive(Debug, Clone)]
pub struct GazEntry {
    /// Kind-prefixed identity key ("gpe:cuba", "org:alba").
    pub key: String,
    pub canonical: String,
    pub kind: ActorKind,
    /// For cities: the country whose government the name can stand for.
    pub country: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct GazPattern {
    /// Folded tokens after the first.
    pub rest: Vec<String>,
    /// For acronyms: the exact tokens required (case matters: "US" is not "us").
    pub exact: Option<Vec<String>>,
    /// The alias starts in lower case ("global South"), so no capital is required.
    pub lower_ok: bool,
    pub form: GazForm,
    pub entry: usize,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazEntry>,
    /// First folded token -> patterns, longest first.
    pub index: HashMap<String, Vec<GazPattern>>,
    pub by_key: HashMap<String, usize>,
}

impl Gazetteer {
    fn add(&mut self, entry: GazEntry, names: &[String], demonyms: &[String]) {
        let idx = self.entries.len();
        self.by_key.insert(entry.key.clone(), idx);
        self.entries.push(entry);
        for (forms, is_dem) in [(names, false), (demonyms, true)] {
            for name in forms {
                let name = name.trim();
                let name = name.strip_prefix("the ").unwrap_or(name);
                if name.is_empty() {
                    continue;
                }
                let toks: Vec<String> = tokenize(name, Span::new(0, name.len()))
                    .iter()
                    .map(|t| t.text(name).to_string())
                    .collect();
                if toks.is_empty() {
                    continue;
                }
                let folded: Vec<String> = toks.iter().map(|t| fold(t)).collect();
                let acronym = !is_dem && toks.len() == 1 && is_acronym(name);
                let form = if is_dem {
                    GazForm::Demonym
                } else if acronym {
                    GazForm::Acronym
                } else {
                    GazForm::Name
                };
                let lower_ok = toks[0].chars().next().is_some_and(char::is_lowercase);
                let pat = GazPattern {
                    rest: folded[1..].to_vec(),
                    exact: acronym.then(|| toks.clone()),
                    lower_ok,
                    form,
                    entry: idx,
                };
                let list = self.index.entry(folded[0].clone()).or_default();
                if !list
                    .iter()
                    .any(|p| p.rest == pat.rest && p.entry == idx && p.form == pat.form)
                {
                    list.push(pat);
                }
            }
        }
    }

    fn finish(&mut self) {
        for list in self.index.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
    }

    #[cfg(test)]
    fn get(&self, key: &str) -> Option<&GazEntry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }
}

/// Plural of a demonym: Cuban -> Cubans; Chinese, Swiss, French stay as they are.
fn demonym_plural(d: &str) -> Option<String> {
    let l = d.to_lowercase();
    if l.ends_with("ese")
        || l.ends_with("ss")
        || l.ends_with("sh")
        || l.ends_with("ch")
        || l.ends_with('s')
    {
        None
    } else {
        Some(format!("{d}s"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    Title,
    Role,
    Descriptor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadClass {
    Org,
    /// A natural place ("River", "Peninsula"): the name is a `loc`.
    Place,
    Thing,
}

/// What a cue verb's choice says about the words it reports (`cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Neutral,
    Doubt,
    Emphatic,
    Concede,
    Hostile,
    Supportive,
}

impl Stance {
    fn parse(s: &str) -> Option<Stance> {
        Some(match s {
            "neutral" => Stance::Neutral,
            "doubt" => Stance::Doubt,
            "emphatic" => Stance::Emphatic,
            "concede" => Stance::Concede,
            "hostile" => Stance::Hostile,
            "supportive" => Stance::Supportive,
            _ => return None,
        })
    }
}

/// The properties of a cue lemma (the same on each of its forms in `cues.tsv`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LemmaProps {
    /// Its complement can be a bare clause ("said he would").
    pub clause: bool,
    /// A plain verb of attribution (say, tell, add).
    pub plain: bool,
    /// Takes who is told before the clause ("told reporters that").
    pub hearer: bool,
    /// Reports a commitment by its infinitive ("vowed to").
    pub commitment: bool,
    /// Names the source after it ("according to X").
    pub source: bool,
    /// Not speech before a preposition or an infinitive ("continue to be").
    pub aspectual: bool,
}

#[derive(Debug, Clone)]
pub struct CueVerb {
    pub lemma: String,
    pub stance: Stance,
    pub props: LemmaProps,
    /// A noun unless "that" follows ("five states").
    pub verb_before_that: bool,
    /// As often a noun ("populist notes similar to …").
    pub noun: bool,
    /// A noun inside a subject ("ALBA member states expressed").
    pub in_subject: bool,
}

#[derive(Debug, Clone)]
pub struct LoadedEntry {
    /// Folded words after the first.
    pub rest: Vec<String>,
    pub term: String,
    pub category: String,
}

pub struct Lexicon {
    pub gazetteer: Gazetteer,
    /// Folded phrase -> kind; `role_max_words` bounds phrase matching.
    pub roles: HashMap<String, RoleKind>,
    pub role_max_words: usize,
    /// An abbreviated title's full form (`roles.tsv`'s third column): "gov." -> "governor".
    pub role_full: HashMap<String, String>,
    pub heads: HashMap<String, HeadClass>,
    /// Single-word cue forms (lowercase) and multi-word ones ("according to").
    pub cues: HashMap<String, CueVerb>,
    pub cue_phrases: Vec<(Vec<String>, CueVerb)>,
    /// First folded word -> entries, longest first.
    pub loaded: HashMap<String, Vec<LoadedEntry>>,
    pub stopwords: HashSet<String>,
    /// Capitalised words never part of a personal name ("United", "National").
    pub nonperson: HashSet<String>,
    /// Given names of one gender (`given_names.tsv`): folded name -> `true` for a
    /// woman's name, `false` for a man's.
    pub given_feminine: HashMap<String, bool>,
    /// Cue lemma -> its properties.
    pub lemmas: HashMap<String, LemmaProps>,
    /// Ambiguous names: (default entry, alternative entry, the alternative's
    /// context words, the default's), `ambiguous.tsv`.
    pub ambiguous: Vec<(usize, usize, String, Option<String>)>,
    /// The word sets the rules read.
    pub words: WordSets,
    /// Folded names of the world's larger cities (`cities.tsv`, from GeoNames): a
    /// weaker list than the gazetteer's, read only for a lone word or name no
    /// other evidence makes an actor of another kind.
    pub cities: HashSet<String>,
    /// What may follow a town after a comma to say where it is ("Paris, Texas",
    /// "Paramus, NJ", "Sochi, Russia"): the names and abbreviations of
    /// `regions.tsv` and the countries' names, as written, without spaces.
    pub regions: HashSet<String>,
}

/// The languages whose data ships with parallax (`data/LANG/`).
pub const LANGUAGES: &[&str] = &["en"];

/// The data files of one language, compiled in.
struct Files {
    countries: &'static str,
    places: &'static str,
    cities: &'static str,
    regions: &'static str,
    orgs: &'static str,
    roles: &'static str,
    heads: &'static str,
    cues: &'static str,
    stopwords: &'static str,
    nonperson: &'static str,
    given_names: &'static str,
    loaded: &'static str,
    ambiguous: &'static str,
    closed: &'static str,
    words: &'static str,
    wordsets: &'static str,
}

fn files(lang: &str) -> Option<Files> {
    match lang {
        "en" => Some(Files {
            countries: include_str!("../data/en/countries.tsv"),
            places: include_str!("../data/en/places.tsv"),
            cities: include_str!("../data/en/cities.tsv"),
            regions: include_str!("../data/en/regions.tsv"),
            orgs: include_str!("../data/en/orgs.tsv"),
            roles: include_str!("../data/en/roles.tsv"),
            heads: include_str!("../data/en/heads.tsv"),
            cues: include_str!("../data/en/cues.tsv"),
            stopwords: include_str!("../data/en/stopwords.txt"),
            nonperson: include_str!("../data/en/nonperson.txt"),
            given_names: include_str!("../data/en/given_names.tsv"),
            loaded: include_str!("../data/en/loaded.tsv"),
            ambiguous: include_str!("../data/en/ambiguous.tsv"),
            closed: include_str!("../data/en/closed.tsv"),
            words: include_str!("../data/en/words.tsv"),
            wordsets: include_str!("../data/en/wordsets.tsv"),
        }),
        _ => None,
    }
}

/// `given_names.tsv`: name<TAB>m|f, each name once.
fn given_names(tsv: &str) -> Result<HashMap<String, bool>, String> {
    let mut out = HashMap::default();
    for (n, l) in tsv.lines().enumerate() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let at = || format!("given_names.tsv line {}", n + 1);
        let (name, g) = l
            .split_once('\t')
            .ok_or_else(|| format!("{}: no tab", at()))?;
        let feminine = match g.trim() {
            "f" => true,
            "m" => false,
            other => return Err(format!("{}: gender {other:?} is not m or f", at())),
        };
        if out.insert(fold(name.trim()), feminine).is_some() {
            return Err(format!("{}: {:?} is listed twice", at(), name.trim()));
        }
    }
    Ok(out)
}

/// Cue forms and phrases from `cues.tsv`: form<TAB>lemma<TAB>stance<TAB>properties.
/// An unknown stance or property, a line without a stance, or a lemma whose forms
/// disagree on its properties is an error naming the line.
#[allow(clippy::type_complexity)]
fn parse_cues(
    text: &str,
) -> Result<
    (
        HashMap<String, CueVerb>,
        Vec<(Vec<String>, CueVerb)>,
        HashMap<String, LemmaProps>,
    ),
    String,
> {
    let mut cues = HashMap::default();
    let mut phrases = Vec::new();
    let mut lemmas: HashMap<String, (LemmaProps, usize)> = HashMap::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("cues.tsv line {}", i + 1);
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let (Some(form), Some(lemma), Some(stance)) = (cols.first(), cols.get(1), cols.get(2))
        else {
            return Err(format!("{}: expected form<TAB>lemma<TAB>stance", at()));
        };
        let stance = Stance::parse(stance).ok_or_else(|| {
            format!(
                "{}: unknown stance {stance:?} (neutral, doubt, emphatic, concede, hostile, supportive)",
                at()
            )
        })?;
        let mut props = LemmaProps::default();
        let mut cue = CueVerb {
            lemma: lemma.to_string(),
            stance,
            props,
            verb_before_that: false,
            noun: false,
            in_subject: false,
        };
        for p in cols.get(3).map_or("", |p| p).split_whitespace() {
            match p {
                "clause" => props.clause = true,
                "plain" => props.plain = true,
                "hearer" => props.hearer = true,
                "commitment" => props.commitment = true,
                "source" => props.source = true,
                "aspectual" => props.aspectual = true,
                "verb-before-that" => cue.verb_before_that = true,
                "noun" => cue.noun = true,
                "in-subject" => cue.in_subject = true,
                _ => return Err(format!("{}: unknown property {p:?}", at())),
            }
        }
        cue.props = props;
        match lemmas.get(*lemma) {
            Some((seen, line)) if *seen != props => {
                return Err(format!(
                    "{}: the properties of {lemma:?} differ from line {line}",
                    at()
                ));
            }
            Some(_) => {}
            None => {
                lemmas.insert(lemma.to_string(), (props, i + 1));
            }
        }
        let words: Vec<String> = form.split_whitespace().map(|w| w.to_lowercase()).collect();
        if words.len() > 1 {
            phrases.push((words, cue));
        } else {
            cues.insert(form.to_lowercase(), cue);
        }
    }
    let lemmas = lemmas.into_iter().map(|(l, (p, _))| (l, p)).collect();
    Ok((cues, phrases, lemmas))
}

fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn split_bar(s: Option<&&str>) -> Vec<String> {
    s.map(|s| {
        s.split('|')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

impl Lexicon {
    /// The English lexicon compiled into parallax.
    pub fn builtin() -> Lexicon {
        Lexicon::load("en").expect("the built-in English data loads (a test checks it)")
    }

    /// The lexicon of language `lang` (a folder of `data/`, see [`LANGUAGES`]).
    pub fn load(lang: &str) -> Result<Lexicon, String> {
        let f = files(lang).ok_or_else(|| {
            format!(
                "no analysis data for language {lang:?} (there is: {})",
                LANGUAGES.join(", ")
            )
        })?;
        let at = |e: String| format!("data/{lang}/{e}");
        let mut gaz = Gazetteer::default();
        for cols in data_lines(f.countries) {
            let (Some(key), Some(name)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let aliases = split_bar(cols.get(2));
            let mut demonyms = split_bar(cols.get(3));
            let plurals: Vec<String> = demonyms.iter().filter_map(|d| demonym_plural(d)).collect();
            demonyms.extend(plurals);
            let mut names = vec![name.to_string()];
            names.extend(aliases.iter().cloned());
            let entry = GazEntry {
                key: ActorKey::new(ActorKind::Gpe, key).to_string(),
                canonical: name.to_string(),
                kind: ActorKind::Gpe,
                country: None,
                aliases: aliases.clone(),
            };
            gaz.add(entry, &names, &demonyms);
        }
        for cols in data_lines(f.places) {
            let (Some(key), Some(name), Some(kind)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                continue;
            };
            let kind = if *kind == "loc" {
                ActorKind::Loc
            } else {
                ActorKind::Gpe
            };
            let aliases = split_bar(cols.get(3));
            let country = cols
                .get(4)
                .filter(|c| !c.is_empty())
                .map(|c| ActorKey::new(ActorKind::Gpe, c).to_string());
            let mut demonyms = split_bar(cols.get(5));
            let plurals: Vec<String> = demonyms.iter().filter_map(|d| demonym_plural(d)).collect();
            demonyms.extend(plurals);
            let mut names = vec![name.to_string()];
            names.extend(aliases.iter().cloned());
            let entry = GazEntry {
                key: ActorKey::new(kind, key).to_string(),
                canonical: name.to_string(),
                kind,
                country,
                aliases: aliases.clone(),
            };
            gaz.add(entry, &names, &demonyms);
        }
        for cols in data_lines(f.orgs) {
            let (Some(key), Some(name)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let aliases = split_bar(cols.get(2));
            let mut names = vec![name.to_string()];
            names.extend(aliases.iter().cloned());
            let entry = GazEntry {
                key: ActorKey::new(ActorKind::Org, key).to_string(),
                canonical: name.to_string(),
                kind: ActorKind::Org,
                country: None,
                aliases: aliases.clone(),
            };
            gaz.add(entry, &names, &[]);
        }
        gaz.finish();

        let mut roles = HashMap::default();
        let mut role_full = HashMap::default();
        let mut role_max_words = 1;
        for cols in data_lines(f.roles) {
            let (Some(phrase), Some(kind)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let kind = match *kind {
                "title" => RoleKind::Title,
                "role" => RoleKind::Role,
                _ => RoleKind::Descriptor,
            };
            role_max_words = role_max_words.max(phrase.split_whitespace().count());
            roles.insert(fold(phrase), kind);
            if let Some(full) = cols.get(2).filter(|f| !f.is_empty()) {
                role_full.insert(fold(phrase), fold(full));
            }
        }
        // a title elected and not yet in office is a title too ("Representative-elect
        // Mikie Sherrill", "Governor-elect"), written with its hyphen; the list
        // keeps only the ones it spells out ("president-elect")
        let elect: Vec<String> = roles
            .iter()
            .filter(|(p, k)| **k == RoleKind::Title && !p.ends_with('.') && !p.ends_with("-elect"))
            .map(|(p, _)| format!("{p}-elect"))
            .collect();
        for p in elect {
            roles.entry(p).or_insert(RoleKind::Title);
        }
        let heads = data_lines(f.heads)
            .filter_map(|c| {
                let class = match *c.get(1)? {
                    "org" => HeadClass::Org,
                    "place" => HeadClass::Place,
                    _ => HeadClass::Thing,
                };
                Some((fold(c.first()?), class))
            })
            .collect();
        let (cues, cue_phrases, lemmas) = parse_cues(f.cues).map_err(at)?;
        let stopwords = f
            .stopwords
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split_whitespace())
            .map(str::to_string)
            .collect();
        let nonperson = f
            .nonperson
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split_whitespace())
            .map(str::to_string)
            .collect();
        let given_feminine = given_names(f.given_names).map_err(at)?;
        let mut regions: HashSet<String> = HashSet::default();
        for cols in data_lines(f.regions) {
            let names = cols.first().into_iter().map(|n| n.to_string());
            for n in names.chain(split_bar(cols.get(1))) {
                regions.insert(n.replace(' ', ""));
            }
        }
        for cols in data_lines(f.countries) {
            let names = cols.get(1).into_iter().map(|n| n.to_string());
            for n in names.chain(split_bar(cols.get(2))) {
                regions.insert(n.replace(' ', ""));
            }
        }
        let cities = data_lines(f.cities)
            .filter_map(|cols| cols.get(1).map(|n| fold(n)))
            .collect();
        let mut lex = Lexicon {
            cities,
            regions,
            nonperson,
            given_feminine,
            gazetteer: gaz,
            roles,
            role_max_words,
            role_full,
            heads,
            cues,
            cue_phrases,
            loaded: HashMap::default(),
            stopwords,
            lemmas,
            ambiguous: Vec::new(),
            words: vocab::load(f.closed, f.words, f.wordsets).map_err(at)?,
        };
        lex.ambiguous = ambiguous(f.ambiguous, &lex.gazetteer);
        lex.add_loaded(f.loaded)
            .map_err(|e| at(format!("loaded.tsv {e}")))?;
        Ok(lex)
    }

    /// Adds loaded-language entries in the `loaded.tsv` format (form, term,
    /// category). Returns the number added, or the first bad line.
    pub fn add_loaded(&mut self, text: &str) -> Result<usize, String> {
        let mut n = 0;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 || cols[0].is_empty() {
                return Err(format!(
                    "line {}: expected form<TAB>term<TAB>category",
                    i + 1
                ));
            }
            let words: Vec<String> = cols[0].split_whitespace().map(fold).collect();
            let list = self.loaded.entry(words[0].clone()).or_default();
            list.push(LoadedEntry {
                rest: words[1..].to_vec(),
                term: cols[1].to_string(),
                category: cols[2].to_string(),
            });
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
            n += 1;
        }
        Ok(n)
    }

    /// A party-state tag as one token ("R-TX", "D-Calif", "I-Vt"): a party
    /// initial (`party-initials`), a hyphen, and a capitalised word of letters
    /// (dots allowed: "R-N.Y"). It says which party and state a legislator serves;
    /// it names no actor.
    pub fn is_party_tag(&self, token: &str) -> bool {
        let Some((party, state)) = token.split_once('-') else {
            return false;
        };
        let mut letters = state.chars();
        party.chars().count() == 1
            && party.chars().all(|c| c.is_ascii_uppercase())
            && self
                .words
                .party_initials
                .contains(&party.to_ascii_lowercase())
            && letters.next().is_some_and(|c| c.is_ascii_uppercase())
            && letters.all(|c| c.is_ascii_alphabetic() || c == '.')
            && state.len() <= 14
    }

    /// The first token of a party-state tag that ends with token `i` of `st`: the
    /// tag's token, then at most three dots and initials ("R-N", ".", "C." for
    /// "R-N.C."; "D-Ill", "."). `None` when no tag ends there.
    pub fn party_tag_ending_at(
        &self,
        text: &str,
        st: &crate::text::SentToks,
        i: usize,
    ) -> Option<usize> {
        let initial = |w: &str| {
            w == "." || {
                let mut c = w.chars();
                c.next().is_some_and(|c| c.is_ascii_uppercase()) && c.as_str() == "."
            }
        };
        (i.saturating_sub(3)..=i).rev().find(|&t| {
            st.toks
                .get(t)
                .is_some_and(|tok| self.is_party_tag(tok.text(text)))
                && (t + 1..=i).all(|k| initial(st.toks[k].text(text)))
        })
    }

    /// A state or a country that may follow a town after a comma (`regions`),
    /// as written: "Texas", or with `dotted` (a full stop right after the word)
    /// "Ill." too.
    pub fn is_region(&self, word: &str, dotted: bool) -> bool {
        self.regions.contains(word) || (dotted && self.regions.contains(&format!("{word}.")))
    }

    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(&word.to_lowercase())
    }

    pub fn role(&self, phrase: &str) -> Option<RoleKind> {
        self.roles.get(&fold(phrase)).copied()
    }

    /// A role phrase folded, an abbreviated title as its full form ("Gov." and
    /// "governor" are both "governor").
    pub fn canonical_role(&self, phrase: &str) -> String {
        let f = fold(phrase);
        self.role_full.get(&f).cloned().unwrap_or(f)
    }

    pub fn cue(&self, word: &str) -> Option<&CueVerb> {
        self.cues.get(&word.to_lowercase())
    }

    /// The properties of a cue's lemma (none for a lemma not in `cues.tsv`).
    pub fn lemma(&self, lemma: &str) -> LemmaProps {
        self.lemmas.get(lemma).copied().unwrap_or_default()
    }
}

/// The ambiguous names of `ambiguous.tsv` whose two entries are in the gazetteer.
fn ambiguous(text: &str, gaz: &Gazetteer) -> Vec<(usize, usize, String, Option<String>)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let (def, alt, alt_words) = (cols.first()?, cols.get(1)?, cols.get(2)?);
            Some((
                *gaz.by_key.get(*def)?,
                *gaz.by_key.get(*alt)?,
                alt_words.to_string(),
                cols.get(3).map(|w| w.to_string()),
            ))
        })
        .collect()
}

/// Tokens with their folded form, the unit the matchers work on.
pub fn folded_tokens(text: &str, toks: &[crate::text::Token]) -> Vec<String> {
    toks.iter()
        .map(|t| {
            if t.kind == TokKind::Possessive {
                "'s".to_string()
            } else {
                fold(t.text(text))
            }
        })
        .collect()
}

/// A Roman number from I to XXXIX, in either case ("iii" as folded): the numbers
/// of kings, popes and sons named after their fathers.
pub fn is_roman_numeral(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    let rest = w.trim_start_matches('x');
    let tens = w.len() - rest.len();
    let units = matches!(
        rest,
        "" | "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix"
    );
    !w.is_empty() && tens <= 3 && units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads() {
        let lex = Lexicon::builtin();
        assert!(lex.gazetteer.entries.len() > 250);
        let cuba = lex.gazetteer.get("gpe:cuba").unwrap();
        assert_eq!(cuba.canonical, "Cuba");
        assert!(
            lex.gazetteer.index["cubans"]
                .iter()
                .any(|p| p.form == GazForm::Demonym)
        );
        assert!(
            lex.gazetteer.index["alba-tcp"]
                .iter()
                .any(|p| p.form == GazForm::Acronym)
        );
        assert_eq!(lex.role("Prime Minister"), Some(RoleKind::Title));
        assert_eq!(lex.cue("claimed").unwrap().stance, Stance::Doubt);
        assert!(lex.loaded.contains_key("genocide"));
        assert!(lex.is_stopword("While"));
    }

    #[test]
    fn cue_stances_and_properties_are_checked_when_loaded() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.cue("threatened").unwrap().lemma, "threaten");
        assert!(lex.lemma("say").clause && lex.lemma("say").plain);
        assert!(lex.lemma("according to").source);
        assert!(!lex.lemma("condemn").clause);
        assert!(lex.cue("states").unwrap().verb_before_that);
        let err = |t: &str| parse_cues(t).err().unwrap();
        assert!(
            err("say\tsay\tneutral\nslam\tslam\tangry\n")
                .contains("line 2: unknown stance \"angry\"")
        );
        assert!(err("say\tsay\n").contains("line 1: expected"));
        assert!(err("say\tsay\tneutral\tclausal\n").contains("unknown property \"clausal\""));
        assert!(
            err("say\tsay\tneutral\tclause\nsaid\tsay\tneutral\n")
                .contains("line 2: the properties of \"say\" differ from line 1")
        );
        assert!(parse_cues("# c\nsay\tsay\tneutral\tclause noun\n").is_ok());
    }

    #[test]
    fn languages_are_folders_of_data() {
        assert!(Lexicon::load("en").is_ok());
        let err = Lexicon::load("xx").err().unwrap();
        assert!(
            err.contains("no analysis data for language \"xx\" (there is: en)"),
            "{err}"
        );
    }

    #[test]
    fn user_lexicon_lines_are_checked() {
        let mut lex = Lexicon::builtin();
        assert_eq!(
            lex.add_loaded("# c\nbaddie\tbaddie\tcontempt\n").unwrap(),
            1
        );
        assert!(lex.add_loaded("just-one-column").is_err());
    }
}
