//! The data the analysis reads: gazetteers, titles and roles, cue verbs, the
//! loaded-language lexicon, stop words. Everything lives in `data/` as text with a
//! comment on its origin, compiled into the binary; users can add loaded terms.

use std::collections::{HashMap, HashSet};

use parallax_core::{ActorKey, ActorKind, fold, is_acronym};

use crate::text::{TokKind, tokenize};
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

#[derive(Debug, Clone)]
pub struct CueVerb {
    pub lemma: String,
    pub stance: String,
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
    pub heads: HashMap<String, HeadClass>,
    /// Single-word cue forms (lowercase) and multi-word ones ("according to").
    pub cues: HashMap<String, CueVerb>,
    pub cue_phrases: Vec<(Vec<String>, CueVerb)>,
    /// First folded word -> entries, longest first.
    pub loaded: HashMap<String, Vec<LoadedEntry>>,
    pub stopwords: HashSet<String>,
    /// Capitalised words never part of a personal name ("United", "National").
    pub nonperson: HashSet<String>,
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
    /// The lexicon compiled into parallax.
    pub fn builtin() -> Lexicon {
        let mut gaz = Gazetteer::default();
        for cols in data_lines(include_str!("../data/countries.tsv")) {
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
        for cols in data_lines(include_str!("../data/places.tsv")) {
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
        for cols in data_lines(include_str!("../data/orgs.tsv")) {
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

        let mut roles = HashMap::new();
        let mut role_max_words = 1;
        for cols in data_lines(include_str!("../data/roles.tsv")) {
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
        }
        let heads = data_lines(include_str!("../data/heads.tsv"))
            .filter_map(|c| {
                let class = match *c.get(1)? {
                    "org" => HeadClass::Org,
                    "place" => HeadClass::Place,
                    _ => HeadClass::Thing,
                };
                Some((fold(c.first()?), class))
            })
            .collect();
        let mut cues = HashMap::new();
        let mut cue_phrases = Vec::new();
        for cols in data_lines(include_str!("../data/cues.tsv")) {
            let (Some(form), Some(lemma), Some(stance)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                continue;
            };
            let cue = CueVerb {
                lemma: lemma.to_string(),
                stance: stance.to_string(),
            };
            let words: Vec<String> = form.split_whitespace().map(|w| w.to_lowercase()).collect();
            if words.len() > 1 {
                cue_phrases.push((words, cue));
            } else {
                cues.insert(form.to_lowercase(), cue);
            }
        }
        let stopwords = include_str!("../data/stopwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split_whitespace())
            .map(str::to_string)
            .collect();
        let nonperson = include_str!("../data/nonperson.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split_whitespace())
            .map(str::to_string)
            .collect();
        let mut lex = Lexicon {
            nonperson,
            gazetteer: gaz,
            roles,
            role_max_words,
            heads,
            cues,
            cue_phrases,
            loaded: HashMap::new(),
            stopwords,
        };
        lex.add_loaded(include_str!("../data/loaded.tsv"))
            .expect("built-in lexicon parses");
        lex
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

    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(&word.to_lowercase())
    }

    pub fn role(&self, phrase: &str) -> Option<RoleKind> {
        self.roles.get(&fold(phrase)).copied()
    }

    pub fn cue(&self, word: &str) -> Option<&CueVerb> {
        self.cues.get(&word.to_lowercase())
    }
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
        assert_eq!(lex.cue("claimed").unwrap().stance, "doubt");
        assert!(lex.loaded.contains_key("genocide"));
        assert!(lex.is_stopword("While"));
    }

    #[test]
    fn every_cue_has_a_documented_stance() {
        let lex = Lexicon::builtin();
        let stances = [
            "neutral",
            "doubt",
            "emphatic",
            "concede",
            "hostile",
            "supportive",
        ];
        for (form, cue) in &lex.cues {
            assert!(
                stances.contains(&cue.stance.as_str()),
                "cues.tsv: {form}: stance {:?}",
                cue.stance
            );
        }
        assert_eq!(lex.cue("threatened").unwrap().lemma, "threaten");
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
