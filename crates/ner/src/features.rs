//! CRF features for one token in its sentence.
//!
//! One function, [`Sentence::emit`], produces every feature name for a token;
//! training collects the names as strings, tagging hashes them on the fly
//! without allocating, so the two can never drift apart.

use crate::gazetteer::{
    Class, Gazetteer, LEX_LOWER, LEX_PROPER, Lexicon, Match, norm_lower, starts_upper,
};

/// Per-sentence precomputed token properties.
#[derive(Default)]
pub struct Sentence {
    lower: Vec<String>,
    shape: Vec<String>,
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
        let lexicon = Lexicon::get();
        let mut alpha = 0usize;
        let mut caps = 0usize;
        for (i, t) in tokens.iter().enumerate() {
            norm_lower(t, &mut self.lower[i]);
            shape(t, &mut self.shape[i]);
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
        Gazetteer::get().find(tokens, &self.lower[..n], &mut self.matches);
        for m in &self.matches {
            self.gaz_b[m.start] |= m.bits;
            for k in m.start + 1..m.end {
                self.gaz_i[k] |= m.bits;
            }
        }
        self.find_runs(tokens);
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
        let n = self.len;
        let lower = &self.lower[t];
        let shape = &self.shape[t];
        let mut put = |parts: &[&str]| {
            buf.clear();
            for p in parts {
                buf.push_str(p);
            }
            f(buf);
        };
        put(&["b"]);
        put(&["w=", lower]);
        put(&["s=", shape]);
        // Affixes on characters, not bytes (accents, non-Latin scripts).
        let mut fwd = lower.char_indices().skip(1);
        for digit in &DIGITS[1..=3] {
            match fwd.next() {
                Some((i, _)) => put(&["p", digit, "=", &lower[..i]]),
                None => break,
            }
        }
        // Suffixes only of words longer than the suffix.
        let mut back = lower.char_indices().rev();
        for digit in &DIGITS[1..=4] {
            match back.next() {
                Some((i, _)) if i > 0 => put(&["x", digit, "=", &lower[i..]]),
                _ => break,
            }
        }
        if t == 0 {
            put(&["bos|s=", shape]);
        }
        let lex = self.lex[t];
        if !lex.is_empty() {
            put(&["lx=", lex]);
            put(&["lx|c=", lex, "|", self.case[t]]);
        }
        if t + 1 == n {
            put(&["eos"]);
        }
        if self.headline {
            put(&["hl|s=", shape]);
        }
        for c in Class::ALL {
            let bit = 1u16 << c as u16;
            if self.gaz_b[t] & bit != 0 {
                put(&["gB=", c.name()]);
            }
            if self.gaz_i[t] & bit != 0 {
                put(&["gI=", c.name()]);
            }
        }
        if let Some(r) = self.runs.get(self.run_of[t] as usize) {
            self.emit_run(t, r, &mut put);
        }
        // Neighbours: words at +-1 and +-2, shapes and gazetteer classes at +-1.
        for (d, name) in [(-2isize, "-2"), (-1, "-1"), (1, "+1"), (2, "+2")] {
            let j = t as isize + d;
            if j < 0 || j >= n as isize {
                if d.abs() == 1 {
                    put(&["w", name, "=^$"]);
                }
                continue;
            }
            let j = j as usize;
            put(&["w", name, "=", &self.lower[j]]);
            if d.abs() == 1 {
                put(&["s", name, "=", &self.shape[j]]);
                put(&["c", name, "=", self.case[j], "|", self.lex[j]]);
            }
            let g = self.gaz_b[j] | self.gaz_i[j];
            if g != 0 {
                for c in Class::ALL {
                    if g & (1u16 << c as u16) != 0 {
                        put(&["g", name, "=", c.name()]);
                    }
                }
            }
        }
        if t > 0 {
            put(&["ww-1=", &self.lower[t - 1], "|", lower]);
            put(&["ss-1=", &self.shape[t - 1], "|", shape]);
        }
        if t + 1 < n {
            put(&["ww+1=", lower, "|", &self.lower[t + 1]]);
            put(&["ss+1=", shape, "|", &self.shape[t + 1]]);
        }
    }
}

impl Sentence {
    /// Features of token `t` from the capitalised run `r` it belongs to.
    fn emit_run(&self, t: usize, r: &Run, put: &mut impl FnMut(&[&str])) {
        let len = r.end - r.start;
        put(&["r=", DIGITS[len.min(4)]]);
        put(&[
            "rp=",
            if t == r.start {
                "B"
            } else if t + 1 == r.end {
                "E"
            } else {
                "I"
            },
        ]);
        // Words around the run ("... said", "President ..."), not the token's.
        match r.start.checked_sub(1) {
            Some(j) => put(&["r-1=", &self.lower[j]]),
            None => put(&["r-1=^"]),
        }
        match self.lower.get(r.end).filter(|_| r.end < self.len) {
            Some(w) => put(&["r+1=", w]),
            None => put(&["r+1=$"]),
        }
        // Head words and titles elsewhere in the run, by side.
        let bits = |a: usize, b: usize| (a..b).fold(0u16, |x, k| x | self.gaz_b[k] | self.gaz_i[k]);
        for (g, side) in [(bits(r.start, t), "<"), (bits(t + 1, r.end), ">")] {
            for c in [
                Class::OrgWord,
                Class::LocWord,
                Class::Title,
                Class::Country,
                Class::Place,
            ] {
                if g & (1u16 << c as u16) != 0 {
                    put(&["r", side, c.name()]);
                }
            }
        }
    }
}

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
