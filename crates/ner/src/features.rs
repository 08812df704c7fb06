//! CRF features for one token in its sentence.
//!
//! One function, `Sentence::features`, lists every feature of a token;
//! training collects the names as strings ([`Sentence::emit`]), tagging their
//! keys ([`Sentence::emit_keys`]: a template's constant hash combined with the
//! value's, each word hashed once per sentence), so the two can never drift apart.

use crate::gazetteer::{
    Class, Gazetteer, LEX_LOWER, LEX_PROPER, Lexicon, Match, norm_lower, starts_upper,
};

/// Per-sentence precomputed token properties.
#[derive(Default)]
pub struct Sentence {
    lower: Vec<String>,
    shape: Vec<String>,
    /// Hashes of `lower` and `shape` (each token's are looked up with several
    /// templates).
    lower_hash: Vec<u64>,
    shape_hash: Vec<u64>,
    /// Hashes of "lex|case" and "case|lex" of each token, and of the pairs "word
    /// before|word" and "shape before|shape" that end at each token (0 for the first).
    lex_case_hash: Vec<u64>,
    case_lex_hash: Vec<u64>,
    ww_hash: Vec<u64>,
    ss_hash: Vec<u64>,
    /// Scratch for the values hashed above.
    scratch: String,
    /// Word-list code of each token ("l" common word, "p" proper noun, "lp"
    /// both, "u" unknown word, "" not a word).
    lex: Vec<&'static str>,
    /// Capitalisation class: "bos" (first token), "cap", "acr" (all capitals),
    /// "low", "" (no letters).
    case: Vec<&'static str>,
    /// Gazetteer classes whose match begins at the token.
    gaz_b: Vec<u16>,
    /// Gazetteer classes whose match continues over the token.
    gaz_i: Vec<u16>,
    /// The sentence looks like a headline (most words capitalised).
    headline: bool,
    matches: Vec<Match>,
    /// Capitalised run each token belongs to (index into `runs`), if any.
    run_of: Vec<u32>,
    runs: Vec<Run>,
    len: usize,
}

/// A run of capitalised tokens, possibly joined by lowercase connectors ("of",
/// "for the", "and"): the likely extent of a multi-word name.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
}

const NO_RUN: u32 = u32::MAX;

/// Lowercase words that may join capitalised words inside one name.
fn is_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "for"
            | "the"
            | "and"
            | "&"
            | "de"
            | "del"
            | "da"
            | "do"
            | "dos"
            | "la"
            | "le"
            | "von"
            | "van"
            | "der"
            | "den"
            | "al"
            | "el"
            | "bin"
            | "ibn"
            | "on"
            | "y"
    )
}

/// Word-shape: uppercase `X`, lowercase `x`, digit `d`, other characters kept
/// (apostrophes and quotes folded); runs of the same class collapse to one.
fn shape(word: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() || crate::tokenize::is_word_char(c) && !c.is_numeric() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            match c {
                '’' | '‘' | '`' | 'ʼ' => '\'',
                '“' | '”' | '„' | '«' | '»' => '"',
                '—' | '–' | '‐' | '‑' => '-',
                _ => c,
            }
        };
        if s != last {
            out.push(s);
            last = s;
        }
    }
}

impl Sentence {
    /// Precompute the properties of `tokens`, reusing this value's buffers.
    pub fn prepare(&mut self, tokens: &[&str]) {
        let n = tokens.len();
        self.len = n;
        if self.lower.len() < n {
            self.lower.resize_with(n, String::new);
            self.shape.resize_with(n, String::new);
        }
        self.gaz_b.clear();
        self.gaz_b.resize(n, 0);
        self.gaz_i.clear();
        self.gaz_i.resize(n, 0);
        self.lex.clear();
        self.case.clear();
        self.lower_hash.clear();
        self.shape_hash.clear();
        let lexicon = Lexicon::get();
        let mut alpha = 0usize;
        let mut caps = 0usize;
        for (i, t) in tokens.iter().enumerate() {
            norm_lower(t, &mut self.lower[i]);
            shape(t, &mut self.shape[i]);
            self.lower_hash
                .push(crate::model::hash(self.lower[i].as_bytes()));
            self.shape_hash
                .push(crate::model::hash(self.shape[i].as_bytes()));
            let has_letter = t.chars().any(char::is_alphabetic);
            self.lex.push(if !has_letter {
                ""
            } else {
                match lexicon.lookup(&self.lower[i]) {
                    0 => "u",
                    LEX_LOWER => "l",
                    LEX_PROPER => "p",
                    _ => "lp",
                }
            });
            self.case.push(if !has_letter {
                ""
            } else if i == 0 {
                "bos"
            } else if t.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !t.chars().any(char::is_lowercase)
            {
                "acr"
            } else if starts_upper(t) {
                "cap"
            } else {
                "low"
            });
            if t.chars().next().is_some_and(char::is_alphabetic) && t.len() > 3 {
                alpha += 1;
                if starts_upper(t) {
                    caps += 1;
                }
            }
        }
        self.headline = alpha >= 4 && caps * 10 >= alpha * 8;
        self.hash_pairs(n);
        Gazetteer::get().find(tokens, &self.lower[..n], &mut self.matches);
        for m in &self.matches {
            self.gaz_b[m.start] |= m.bits;
            for k in m.start + 1..m.end {
                self.gaz_i[k] |= m.bits;
            }
        }
        self.find_runs(tokens);
    }

    /// The hashes of the values made of two parts (see `lex_case_hash`).
    fn hash_pairs(&mut self, n: usize) {
        let hash2 = |buf: &mut String, a: &str, b: &str| hash_parts(buf, &[a, "|", b]);
        let buf = &mut self.scratch;
        for v in [
            &mut self.lex_case_hash,
            &mut self.case_lex_hash,
            &mut self.ww_hash,
            &mut self.ss_hash,
        ] {
            v.clear();
        }
        for t in 0..n {
            self.lex_case_hash
                .push(hash2(buf, self.lex[t], self.case[t]));
            self.case_lex_hash
                .push(hash2(buf, self.case[t], self.lex[t]));
            let (w, s) = match t.checked_sub(1) {
                Some(p) => (
                    hash2(buf, &self.lower[p], &self.lower[t]),
                    hash2(buf, &self.shape[p], &self.shape[t]),
                ),
                None => (0, 0),
            };
            self.ww_hash.push(w);
            self.ss_hash.push(s);
        }
    }

    /// Normalised lowercase form of token `t`.
    pub fn lower(&self, t: usize) -> &str {
        &self.lower[t]
    }

    /// The capitalised runs of the sentence, as token ranges.
    pub fn runs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.runs.iter().map(|r| (r.start, r.end))
    }

    /// Does token `t` belong to a gazetteer match of class `c`?
    pub fn has_class(&self, t: usize, c: Class) -> bool {
        (self.gaz_b[t] | self.gaz_i[t]) & (1u16 << c as u16) != 0
    }

    /// Only gazetteer class of token `t` is `c`.
    pub fn only_class(&self, t: usize, c: Class) -> bool {
        (self.gaz_b[t] | self.gaz_i[t]) == (1u16 << c as u16)
    }

    fn find_runs(&mut self, tokens: &[&str]) {
        let n = tokens.len();
        self.runs.clear();
        self.run_of.clear();
        self.run_of.resize(n, NO_RUN);
        let cap = |i: usize| starts_upper(tokens[i]);
        let mut i = 0;
        while i < n {
            if !cap(i) {
                i += 1;
                continue;
            }
            // Extend over capitalised tokens and connectors followed by one.
            let start = i;
            let mut end = i + 1;
            loop {
                if end < n && cap(end) {
                    end += 1;
                    continue;
                }
                let mut j = end;
                while j < n && j < end + 2 && is_connector(&self.lower[j]) {
                    j += 1;
                }
                if j > end && j < n && cap(j) {
                    end = j + 1;
                    continue;
                }
                break;
            }
            let id = self.runs.len() as u32;
            self.runs.push(Run { start, end });
            for k in start..end {
                self.run_of[k] = id;
            }
            i = end;
        }
    }

    /// Call `f` with each feature name of token `t` (buffer `buf` is scratch).
    pub fn emit<F: FnMut(&str)>(&self, t: usize, buf: &mut String, f: &mut F) {
        self.features(t, &mut Names { buf, f });
    }

    /// Call `f` with the key of each feature of token `t`: the key
    /// [`name_key`] gives its name, computed without building the name (`buf` is
    /// scratch for the rare composite values).
    pub fn emit_keys<F: FnMut(u64)>(&self, t: usize, buf: &mut String, f: &mut F) {
        self.features(t, &mut Keys { buf, f });
    }

    /// Every feature of token `t`, into `out`: the one list of the features, for
    /// training (names) and tagging (keys) alike.
    fn features(&self, t: usize, out: &mut impl Sink) {
        let n = self.len;
        let lower = &self.lower[t];
        let shape = &self.shape[t];
        let (lower_h, shape_h) = (self.lower_hash[t], self.shape_hash[t]);
        out.put(&B, &[]);
        out.put_hashed(&W, &[lower], lower_h);
        out.put_hashed(&S, &[shape], shape_h);
        // Affixes on characters, not bytes (accents, non-Latin scripts).
        let mut fwd = lower.char_indices().skip(1);
        for p in &PREFIXES {
            match fwd.next() {
                Some((i, _)) => out.put(p, &[&lower[..i]]),
                None => break,
            }
        }
        // Suffixes only of words longer than the suffix.
        let mut back = lower.char_indices().rev();
        for p in &SUFFIXES {
            match back.next() {
                Some((i, _)) if i > 0 => out.put(p, &[&lower[i..]]),
                _ => break,
            }
        }
        if t == 0 {
            out.put_hashed(&BOS_S, &[shape], shape_h);
        }
        let lex = self.lex[t];
        if !lex.is_empty() {
            out.put(&LX, &[lex]);
            out.put_hashed(&LX_C, &[lex, "|", self.case[t]], self.lex_case_hash[t]);
        }
        if t + 1 == n {
            out.put(&EOS, &[]);
        }
        if self.headline {
            out.put_hashed(&HL_S, &[shape], shape_h);
        }
        for c in Class::ALL {
            let bit = 1u16 << c as u16;
            if self.gaz_b[t] & bit != 0 {
                out.put(&GB, &[c.name()]);
            }
            if self.gaz_i[t] & bit != 0 {
                out.put(&GI, &[c.name()]);
            }
        }
        if let Some(r) = self.runs.get(self.run_of[t] as usize) {
            self.emit_run(t, r, out);
        }
        // Neighbours: words at +-1 and +-2, shapes and gazetteer classes at +-1.
        for (k, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
            let j = t as isize + d;
            if j < 0 || j >= n as isize {
                if d.abs() == 1 {
                    out.put(&NEAR_W[k], &["^$"]);
                }
                continue;
            }
            let j = j as usize;
            out.put_hashed(&NEAR_W[k], &[&self.lower[j]], self.lower_hash[j]);
            if d.abs() == 1 {
                out.put_hashed(&NEAR_S[k], &[&self.shape[j]], self.shape_hash[j]);
                out.put_hashed(
                    &NEAR_C[k],
                    &[self.case[j], "|", self.lex[j]],
                    self.case_lex_hash[j],
                );
            }
            let g = self.gaz_b[j] | self.gaz_i[j];
            if g != 0 {
                for c in Class::ALL {
                    if g & (1u16 << c as u16) != 0 {
                        out.put(&NEAR_G[k], &[c.name()]);
                    }
                }
            }
        }
        // (the pair of words before and after a boundary is one value, hashed once)
        if t > 0 {
            let (l, s) = (&self.lower[t - 1], &self.shape[t - 1]);
            out.put_hashed(&WW_BEFORE, &[l, "|", lower], self.ww_hash[t]);
            out.put_hashed(&SS_BEFORE, &[s, "|", shape], self.ss_hash[t]);
        }
        if t + 1 < n {
            let (l, s) = (&self.lower[t + 1], &self.shape[t + 1]);
            out.put_hashed(&WW_AFTER, &[lower, "|", l], self.ww_hash[t + 1]);
            out.put_hashed(&SS_AFTER, &[shape, "|", s], self.ss_hash[t + 1]);
        }
    }
}

impl Sentence {
    /// Features of token `t` from the capitalised run `r` it belongs to.
    fn emit_run(&self, t: usize, r: &Run, out: &mut impl Sink) {
        let len = r.end - r.start;
        out.put(&R, &[DIGITS[len.min(4)]]);
        out.put(
            &RP,
            &[if t == r.start {
                "B"
            } else if t + 1 == r.end {
                "E"
            } else {
                "I"
            }],
        );
        // Words around the run ("... said", "President ..."), not the token's.
        match r.start.checked_sub(1) {
            Some(j) => out.put_hashed(&R_BEFORE, &[&self.lower[j]], self.lower_hash[j]),
            None => out.put(&R_BEFORE, &["^"]),
        }
        match self.lower.get(r.end).filter(|_| r.end < self.len) {
            Some(w) => out.put_hashed(&R_AFTER, &[w], self.lower_hash[r.end]),
            None => out.put(&R_AFTER, &["$"]),
        }
        // Head words and titles elsewhere in the run, by side.
        let bits = |a: usize, b: usize| (a..b).fold(0u16, |x, k| x | self.gaz_b[k] | self.gaz_i[k]);
        for (g, side) in [(bits(r.start, t), &R_LEFT), (bits(t + 1, r.end), &R_RIGHT)] {
            for c in [
                Class::OrgWord,
                Class::LocWord,
                Class::Title,
                Class::Country,
                Class::Place,
            ] {
                if g & (1u16 << c as u16) != 0 {
                    out.put(side, &[c.name()]);
                }
            }
        }
    }
}

/// A feature template: a name's start up to and including its `=` (or the start
/// of a name without one), with its hash.
pub struct Prefix {
    text: &'static str,
    hash: u64,
    /// The text ends with the name's `=`: what follows is the value.
    valued: bool,
}

impl Prefix {
    const fn new(text: &'static str) -> Prefix {
        let b = text.as_bytes();
        let mut i = 0;
        while i + 1 < b.len() {
            assert!(b[i] != b'=', "a template has at most one '=', at its end");
            i += 1;
        }
        Prefix {
            text,
            hash: crate::model::hash(b),
            valued: !b.is_empty() && b[b.len() - 1] == b'=',
        }
    }
}

/// The key of a feature named `name`: the hash of its start up to its first `=`
/// combined with the hash of the rest (a name without `=` is all start). The model's
/// attributes are looked up by it.
pub fn name_key(name: &[u8]) -> u64 {
    match name.iter().position(|&b| b == b'=') {
        Some(i) => combine(
            crate::model::hash(&name[..=i]),
            crate::model::hash(&name[i + 1..]),
        ),
        None => combine(crate::model::hash(name), EMPTY_HASH),
    }
}

const EMPTY_HASH: u64 = crate::model::hash(b"");

#[inline]
fn combine(prefix: u64, value: u64) -> u64 {
    prefix.rotate_left(17) ^ value
}

/// The hash of the concatenated `parts` (built in `buf` only when there are
/// several).
fn hash_parts(buf: &mut String, parts: &[&str]) -> u64 {
    if let [one] = parts {
        return crate::model::hash(one.as_bytes());
    }
    buf.clear();
    for p in parts {
        buf.push_str(p);
    }
    crate::model::hash(buf.as_bytes())
}

/// Where [`Sentence::features`] puts each feature.
trait Sink {
    /// A feature: the template `p` and the parts of its value.
    fn put(&mut self, p: &Prefix, value: &[&str]);
    /// A feature whose value (the parts `value`) hashes to `hash`, computed once
    /// for the several features that share it.
    fn put_hashed(&mut self, p: &Prefix, value: &[&str], hash: u64);
}

/// Feature names, built in a buffer.
struct Names<'a, F> {
    buf: &'a mut String,
    f: &'a mut F,
}

impl<F: FnMut(&str)> Sink for Names<'_, F> {
    fn put(&mut self, p: &Prefix, value: &[&str]) {
        self.buf.clear();
        self.buf.push_str(p.text);
        for v in value {
            self.buf.push_str(v);
        }
        (self.f)(self.buf);
    }

    fn put_hashed(&mut self, p: &Prefix, value: &[&str], _hash: u64) {
        self.put(p, value);
    }
}

/// Feature keys ([`name_key`]), from the templates' hashes and the values'.
struct Keys<'a, F> {
    buf: &'a mut String,
    f: &'a mut F,
}

impl<F: FnMut(u64)> Sink for Keys<'_, F> {
    #[inline]
    fn put(&mut self, p: &Prefix, value: &[&str]) {
        let key = if !p.valued {
            self.buf.clear();
            self.buf.push_str(p.text);
            for v in value {
                self.buf.push_str(v);
            }
            name_key(self.buf.as_bytes())
        } else {
            combine(p.hash, hash_parts(self.buf, value))
        };
        (self.f)(key);
    }

    #[inline]
    fn put_hashed(&mut self, p: &Prefix, _value: &[&str], hash: u64) {
        (self.f)(combine(p.hash, hash));
    }
}

const B: Prefix = Prefix::new("b");
const EOS: Prefix = Prefix::new("eos");
const W: Prefix = Prefix::new("w=");
const S: Prefix = Prefix::new("s=");
const PREFIXES: [Prefix; 3] = [Prefix::new("p1="), Prefix::new("p2="), Prefix::new("p3=")];
const SUFFIXES: [Prefix; 4] = [
    Prefix::new("x1="),
    Prefix::new("x2="),
    Prefix::new("x3="),
    Prefix::new("x4="),
];
const BOS_S: Prefix = Prefix::new("bos|s=");
const LX: Prefix = Prefix::new("lx=");
const LX_C: Prefix = Prefix::new("lx|c=");
const HL_S: Prefix = Prefix::new("hl|s=");
const GB: Prefix = Prefix::new("gB=");
const GI: Prefix = Prefix::new("gI=");
/// Neighbours at -2, -1, +1, +2.
const NEAR_W: [Prefix; 4] = [
    Prefix::new("w-2="),
    Prefix::new("w-1="),
    Prefix::new("w+1="),
    Prefix::new("w+2="),
];
const NEAR_S: [Prefix; 4] = [
    Prefix::new("s-2="),
    Prefix::new("s-1="),
    Prefix::new("s+1="),
    Prefix::new("s+2="),
];
const NEAR_C: [Prefix; 4] = [
    Prefix::new("c-2="),
    Prefix::new("c-1="),
    Prefix::new("c+1="),
    Prefix::new("c+2="),
];
const NEAR_G: [Prefix; 4] = [
    Prefix::new("g-2="),
    Prefix::new("g-1="),
    Prefix::new("g+1="),
    Prefix::new("g+2="),
];
const WW_BEFORE: Prefix = Prefix::new("ww-1=");
const SS_BEFORE: Prefix = Prefix::new("ss-1=");
const WW_AFTER: Prefix = Prefix::new("ww+1=");
const SS_AFTER: Prefix = Prefix::new("ss+1=");
const R: Prefix = Prefix::new("r=");
const RP: Prefix = Prefix::new("rp=");
const R_BEFORE: Prefix = Prefix::new("r-1=");
const R_AFTER: Prefix = Prefix::new("r+1=");
const R_LEFT: Prefix = Prefix::new("r<");
const R_RIGHT: Prefix = Prefix::new("r>");

const DIGITS: [&str; 5] = ["0", "1", "2", "3", "4"];

/// All feature names of every token of a sentence, for training.
pub fn sentence_features(tokens: &[&str]) -> Vec<Vec<String>> {
    let mut s = Sentence::default();
    s.prepare(tokens);
    let mut buf = String::new();
    (0..tokens.len())
        .map(|t| {
            let mut v = Vec::with_capacity(48);
            s.emit(t, &mut buf, &mut |f: &str| v.push(f.to_string()));
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let mut s = String::new();
        for (w, want) in [
            ("Maduro", "Xx"),
            ("U.S.", "X.X."),
            ("ALBA-TCP", "X-X"),
            ("’s", "'x"),
            ("1990", "d"),
            ("Nicolás", "Xx"),
            ("e\u{301}te\u{301}", "x"),
        ] {
            shape(w, &mut s);
            assert_eq!(s, want, "{w}");
        }
    }

    #[test]
    fn keys_are_the_keys_of_the_names() {
        let sentences: [&[&str]; 4] = [
            &[
                "President",
                "Nicolás",
                "Maduro",
                "of",
                "Venezuela",
                "said",
                ".",
            ],
            &["THE", "BANK", "OF", "ENGLAND", "RAISED", "RATES", "AGAIN"],
            &[
                "a=b",
                "|",
                "x|y",
                "==",
                "Ünïcødé",
                "Fort",
                "Lee",
                "e\u{301}",
            ],
            &["One"],
        ];
        let mut s = Sentence::default();
        let mut buf = String::new();
        for tokens in sentences {
            s.prepare(tokens);
            for t in 0..tokens.len() {
                let mut names = Vec::new();
                s.emit(t, &mut buf, &mut |f: &str| {
                    names.push(name_key(f.as_bytes()))
                });
                let mut keys = Vec::new();
                s.emit_keys(t, &mut buf, &mut |k| keys.push(k));
                assert!(names.len() > 10);
                assert_eq!(names, keys, "{tokens:?} {t}");
            }
        }
    }

    #[test]
    fn features_of_a_sentence() {
        let f = sentence_features(&["President", "Nicolás", "Maduro", "of", "Venezuela"]);
        assert_eq!(f.len(), 5);
        assert!(f[1].contains(&"w-1=president".to_string()));
        assert!(f[1].contains(&"g-1=ttl".to_string()));
        assert!(f[1].contains(&"gB=per".to_string()), "{:?}", f[1]);
        assert!(f[2].contains(&"gI=per".to_string()), "{:?}", f[2]);
        assert!(f[4].contains(&"gB=cty".to_string()));
        assert!(f[0].contains(&"bos|s=Xx".to_string()));
        assert!(sentence_features(&[]).is_empty());
    }
}
