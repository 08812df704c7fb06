//! Gazetteers: word and phrase lists shipped in `data/`, matched over token
//! sequences. They only produce features for the CRF; the model decides.
//!
//! Matching is on normalised lowercase tokens (see [`norm_lower`]), longest
//! match first. Proper-name lists match only when the phrase's first token is
//! capitalised; entries written in capitals in the files (`WHO`, `US`) match
//! only in that exact case, so "who" and "us" never do.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::tokenize::tokenize;

/// Gazetteer classes, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Class {
    Country = 0,
    Demonym,
    Place,
    Org,
    FirstName,
    Person,
    Title,
    OrgWord,
    LocWord,
    Surname,
}

impl Class {
    pub const ALL: [Class; 10] = [
        Class::Country,
        Class::Demonym,
        Class::Place,
        Class::Org,
        Class::FirstName,
        Class::Person,
        Class::Title,
        Class::OrgWord,
        Class::LocWord,
        Class::Surname,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Country => "cty",
            Class::Demonym => "dem",
            Class::Place => "plc",
            Class::Org => "org",
            Class::FirstName => "fn",
            Class::Person => "per",
            Class::Title => "ttl",
            Class::OrgWord => "ow",
            Class::LocWord => "lw",
            Class::Surname => "sn",
        }
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }

    /// Classes that name things and so need a capitalised first token.
    fn needs_capital(self) -> bool {
        !matches!(self, Class::Title)
    }
}

const FILES: &[(Class, &str)] = &[
    (Class::Country, include_str!("../data/countries.txt")),
    (Class::Demonym, include_str!("../data/demonyms.txt")),
    (Class::Place, include_str!("../data/places.txt")),
    (Class::Org, include_str!("../data/orgs.txt")),
    (Class::FirstName, include_str!("../data/first_names.txt")),
    (Class::Person, include_str!("../data/people.txt")),
    (Class::Title, include_str!("../data/titles.txt")),
    (Class::OrgWord, include_str!("../data/org_words.txt")),
    (Class::LocWord, include_str!("../data/loc_words.txt")),
    (Class::Surname, include_str!("../data/surnames.txt")),
];

/// Lowercase a token and fold typographic variants so that curly and straight
/// apostrophes and quotes, and the various dashes, look alike.
pub fn norm_lower(tok: &str, out: &mut String) {
    out.clear();
    if tok.is_ascii() {
        for b in tok.bytes() {
            out.push(match b {
                b'`' => '\'',
                _ => b.to_ascii_lowercase() as char,
            });
        }
        return;
    }
    for c in tok.chars() {
        match c {
            '’' | '‘' | 'ʼ' | '`' | '′' => out.push('\''),
            '“' | '”' | '„' | '«' | '»' | '″' => out.push('"'),
            '—' | '–' | '‐' | '‑' | '−' => out.push('-'),
            _ => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Entry {
    /// Classes matched case-insensitively (with the capitalisation rule).
    any_case: u16,
    /// Classes matched only in the exact case written in the file.
    exact: u16,
    /// Some longer phrase continues with this one as its prefix.
    prefix: bool,
}

/// The merged gazetteer.
pub struct Gazetteer {
    /// Normalised lowercase phrase (tokens joined by a space) -> entry.
    map: HashMap<String, Entry>,
    /// Exact-case phrase -> classes, for capitalised acronyms.
    exact: HashMap<String, u16>,
    max_len: usize,
}

/// A match: tokens `[start, end)` belong to the classes in `bits`.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub bits: u16,
}

impl Gazetteer {
    /// The gazetteer built from the shipped data files, once.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut g = Gazetteer {
            map: HashMap::default(),
            exact: HashMap::default(),
            max_len: 1,
        };
        let mut norm = String::new();
        for &(class, text) in FILES {
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                g.add(class, line, &mut norm);
                if class == Class::Demonym && (line.ends_with('n') || line.ends_with('i')) {
                    // Plural nouns of nationality: Americans, Israelis.
                    g.add(class, &format!("{line}s"), &mut norm);
                }
            }
        }
        g
    }

    fn add(&mut self, class: Class, phrase: &str, norm: &mut String) {
        let toks: Vec<&str> = tokenize(phrase).iter().map(|t| t.text(phrase)).collect();
        if toks.is_empty() {
            return;
        }
        let acronym = toks.len() == 1
            && phrase.chars().filter(|c| c.is_alphabetic()).count() <= 8
            && phrase.chars().any(|c| c.is_uppercase())
            && !phrase.chars().any(|c| c.is_lowercase());
        let mut key = String::new();
        for (i, t) in toks.iter().enumerate() {
            norm_lower(t, norm);
            if i > 0 {
                key.push(' ');
            }
            key.push_str(norm);
            if i + 1 < toks.len() {
                self.map.entry(key.clone()).or_default().prefix = true;
            }
        }
        self.max_len = self.max_len.max(toks.len());
        if acronym && class.needs_capital() {
            *self.exact.entry(phrase.to_string()).or_default() |= class.bit();
            // Still register the lowercase key so lookups reach the exact map.
            self.map.entry(key).or_default().exact |= class.bit();
        } else {
            self.map.entry(key).or_default().any_case |= class.bit();
        }
    }

    /// Find matches over a sentence. `lower` holds the tokens normalised with
    /// [`norm_lower`]; `forms` the original tokens. At each position the longest
    /// phrase wins and matching resumes after it; single-word classes found
    /// inside a longer match are still reported for their token.
    pub fn find(&self, forms: &[&str], lower: &[String], out: &mut Vec<Match>) {
        out.clear();
        let mut key = String::new();
        let n = forms.len();
        let mut i = 0;
        while i < n {
            key.clear();
            let mut best: Option<Match> = None;
            let mut single: u16 = 0;
            for (j, word) in lower
                .iter()
                .enumerate()
                .take(n.min(i + self.max_len))
                .skip(i)
            {
                if j > i {
                    key.push(' ');
                }
                key.push_str(word);
                let Some(e) = self.map.get(key.as_str()) else {
                    break;
                };
                let mut bits = 0u16;
                if e.any_case != 0 {
                    let capital = starts_upper(forms[i]);
                    for c in Class::ALL {
                        if e.any_case & c.bit() != 0 && (capital || !c.needs_capital()) {
                            bits |= c.bit();
                        }
                    }
                }
                if e.exact != 0 && j == i {
                    if let Some(&b) = self.exact.get(forms[i]) {
                        bits |= b;
                    }
                }
                if bits != 0 {
                    if j == i {
                        single = bits;
                    }
                    best = Some(Match {
                        start: i,
                        end: j + 1,
                        bits,
                    });
                }
                if !e.prefix {
                    break;
                }
            }
            match best {
                Some(m) => {
                    if m.end > i + 1 && single != 0 {
                        out.push(Match {
                            start: i,
                            end: i + 1,
                            bits: single & !m.bits,
                        });
                    }
                    out.push(m);
                    i = m.end;
                }
                None => i += 1,
            }
        }
        out.retain(|m| m.bits != 0);
    }
}

/// The English word list (`data/words.txt`): is a lowercased word a common
/// word, a proper noun, or both? Tells the model whether a capitalised word
/// is capitalised because it is a name, which word identity alone cannot for
/// words never seen in training.
pub struct Lexicon {
    /// Keys borrow the list's text when it is already lower case (most of its
    /// 75,000 words: building the map is part of every process's start).
    map: HashMap<Cow<'static, str>, u8>,
}

/// The word appears in lowercase in the list.
pub const LEX_LOWER: u8 = 1;
/// The word appears capitalised (a proper noun) in the list.
pub const LEX_PROPER: u8 = 2;

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| {
            let text = include_str!("../data/words.txt");
            let mut map: HashMap<Cow<'static, str>, u8> =
                HashMap::with_capacity_and_hasher(80_000, Default::default());
            for w in text.lines() {
                if w.is_empty() || w.starts_with('#') {
                    continue;
                }
                let bit = if starts_upper(w) {
                    LEX_PROPER
                } else {
                    LEX_LOWER
                };
                let key = if w.chars().any(char::is_uppercase) {
                    Cow::Owned(w.to_lowercase())
                } else {
                    Cow::Borrowed(w)
                };
                *map.entry(key).or_default() |= bit;
            }
            Lexicon { map }
        })
    }

    /// Bits for a normalised lowercase word (0 when unknown).
    pub fn lookup(&self, lower: &str) -> u8 {
        self.map.get(lower).copied().unwrap_or(0)
    }
}

pub(crate) fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, Vec<&'static str>)> {
        let forms: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
        let lower: Vec<String> = forms
            .iter()
            .map(|f| {
                let mut s = String::new();
                norm_lower(f, &mut s);
                s
            })
            .collect();
        let mut out = Vec::new();
        Gazetteer::get().find(&forms, &lower, &mut out);
        out.iter()
            .map(|m| {
                let names = Class::ALL
                    .iter()
                    .filter(|c| m.bits & c.bit() != 0)
                    .map(|c| c.name())
                    .collect();
                (forms[m.start..m.end].join(" "), names)
            })
            .collect()
    }

    #[test]
    fn phrases_and_case_rules() {
        let f = find("Saint Vincent and the Grenadines joined ALBA-TCP and the WHO , who us US");
        assert!(
            f.contains(&("Saint Vincent and the Grenadines".into(), vec!["cty"])),
            "{f:?}"
        );
        assert!(
            f.iter().any(|(s, c)| s == "ALBA-TCP" && c.contains(&"org")),
            "{f:?}"
        );
        assert!(
            f.iter().any(|(s, c)| s == "WHO" && c.contains(&"org")),
            "{f:?}"
        );
        assert!(!f.iter().any(|(s, _)| s == "who" || s == "us"), "{f:?}");
        assert!(
            f.iter().any(|(s, c)| s == "US" && c.contains(&"cty")),
            "{f:?}"
        );
        let f = find("the president met Prime Minister Li in the United States");
        assert!(
            f.iter()
                .any(|(s, c)| s == "president" && c.contains(&"ttl")),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|(s, c)| s == "Prime Minister" && c.contains(&"ttl")),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|(s, c)| s == "United States" && c.contains(&"cty")),
            "{f:?}"
        );
    }
}
