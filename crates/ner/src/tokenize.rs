//! News-aware tokenizer: byte-offset tokens close to Universal Dependencies
//! English conventions (the tokenization the model was trained on), except that
//! hyphenated words and names stay whole (`ALBA-TCP`, `Saint-Denis`).
//!
//! Rules, in order, for each whitespace-separated chunk:
//! 1. "hard" punctuation (brackets, straight and curly double quotes, `;!?`,
//!    dashes, ellipses, symbols and emoji) is always a token of its own;
//! 2. `,` and `:` stay inside numbers and times (`1,000`, `10:30`), `.` stays
//!    inside words and numbers (`example.com`, `3.5`) and ends abbreviations
//!    (`U.S.`, `Mr.`, `Jan.`);
//! 3. single quotes and apostrophes at the edges are tokens (`‘word’`); a
//!    possessive `’s`/`'s`, plural possessive `s’` and the clitics `n't 're 've 'll
//!    'd 'm` are split off the word as UD does (`Venezuela ’s`, `do n't`).

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// A token: byte offsets `[start, end)` into the text it came from, always on
/// `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Token {
    /// First byte of the token.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Whether `word` (as written, without its period) is an abbreviation that keeps
/// its final period ("Mr", "gen", "Jan"): the list of `data/abbreviations.txt`,
/// shared with `parallax-analyze`'s sentence splitter. Entries in lower case match
/// in any case; an entry written capitalised ("Reps") matches only a capitalised
/// word, so "Reps. Nancy Pelosi" keeps its period and "ten reps. Then" ends a
/// sentence. Single letters (initials, `J.`) are handled by rule.
pub fn is_abbreviation(word: &str) -> bool {
    // (lower-case entries, capitalised entries folded)
    static SETS: OnceLock<(HashSet<&'static str>, HashSet<String>)> = OnceLock::new();
    let (any_case, capitalised) = SETS.get_or_init(|| {
        let mut any = HashSet::default();
        let mut caps = HashSet::default();
        for l in include_str!("../data/abbreviations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if l.starts_with(char::is_uppercase) {
                caps.insert(l.to_lowercase());
            } else {
                any.insert(l);
            }
        }
        (any, caps)
    });
    let lower = word.to_lowercase();
    any_case.contains(lower.as_str())
        || (word.starts_with(char::is_uppercase) && capitalised.contains(&lower))
}

/// Split `text` into tokens (see the module documentation for the rules).
///
/// Never panics; control characters and all Unicode whitespace separate tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

/// Zero-width characters that do not join anything we care about (ZWSP, BOM,
/// soft hyphen, bidi marks). ZWJ is kept: it glues emoji sequences.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}'
    )
}

/// Characters that belong inside a word: letters, digits, combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Joiners and modifiers that attach to the previous symbol (emoji sequences).
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ')
}

/// Characters that may stay inside a word when surrounded by word characters.
fn is_soft(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ':' | '-' | '‐' | '‑' | '&' | '_' | '@' | '/' | '+' | '=' | '#' | '%'
    ) || is_apostrophe(c)
}

/// Split one whitespace-free chunk `text[s..e]` into tokens.
fn split_chunk(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let chunk = &text[s..e];
    // URLs and e-mail addresses are one token whatever they contain (a trailing
    // sentence period or bracket is still split off).
    if looks_like_url(chunk) {
        let trimmed = chunk.trim_end_matches(['.', ',', ')', ';', ':', '!', '?', '”', '"', '’']);
        let cut = s + trimmed.len();
        out.push(Token { start: s, end: cut });
        split_pieces(text, cut, e, out);
        return;
    }
    split_pieces(text, s, e, out);
}

fn looks_like_url(chunk: &str) -> bool {
    let l = chunk.trim_start_matches(['(', '[', '“', '"', '<']);
    l.starts_with("http://")
        || l.starts_with("https://")
        || l.starts_with("www.")
        || (l.contains('@') && l.contains('.') && l.chars().next().is_some_and(is_word_char))
}

/// Cut a chunk at hard punctuation, then refine each run of word and soft
/// characters with [`split_word`].
fn split_pieces(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let chunk = &text[s..e];
    let mut run_start: Option<usize> = None;
    let mut iter = chunk.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let i = s + off;
        if is_word_char(c) || is_soft(c) {
            if run_start.is_none() {
                run_start = Some(i);
            }
            continue;
        }
        if is_joiner(c) || is_combining(c) {
            // Stays with whatever precedes it (emoji modifier, stray mark).
            if run_start.is_none() {
                if let Some(last) = out.last_mut() {
                    if last.end == i {
                        last.end = i + c.len_utf8();
                        continue;
                    }
                }
                out.push(Token {
                    start: i,
                    end: i + c.len_utf8(),
                });
            }
            continue;
        }
        if let Some(rs) = run_start.take() {
            split_word(text, rs, i, out);
        }
        // Hard punctuation: runs of the same character (`--`, `...`, `!!`) stay
        // one token, as do emoji joined by ZWJ and modifiers.
        let mut end = i + c.len_utf8();
        while let Some(&(noff, nc)) = iter.peek() {
            if nc == c || is_joiner(nc) || (is_joiner_prev(text, end) && !is_word_char(nc)) {
                end = s + noff + nc.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        out.push(Token { start: i, end });
    }
    if let Some(rs) = run_start {
        split_word(text, rs, e, out);
    }
}

/// True when the character just before byte `end` is a zero-width joiner.
fn is_joiner_prev(text: &str, end: usize) -> bool {
    text[..end].ends_with('\u{200D}')
}

/// Refine a run of word and soft characters `text[s..e]`.
fn split_word(text: &str, mut s: usize, mut e: usize, out: &mut Vec<Token>) {
    // Leading soft punctuation that cannot start a word: quotes, dashes, periods.
    let mut tail: Vec<Token> = Vec::new();
    loop {
        let w = &text[s..e];
        let Some(c) = w.chars().next() else { return };
        if is_word_char(c) {
            break;
        }
        // `'90s` keeps its apostrophe; `#tag`, `@user` keep their sigils.
        if is_apostrophe(c) && w[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()) {
            break;
        }
        if (c == '#' || c == '@') && w[1..].starts_with(is_word_char) {
            break;
        }
        let run = same_run(w, c);
        out.push(Token {
            start: s,
            end: s + run,
        });
        s += run;
    }
    // Trailing soft punctuation, peeled from the end (kept in reverse order).
    loop {
        let w = &text[s..e];
        let Some(c) = w.chars().next_back() else {
            break;
        };
        if is_word_char(c) {
            break;
        }
        if c == '.' && keeps_period(&w[..w.len() - 1]) {
            break;
        }
        if c == '%' || (c == '+' && w.len() > 1) {
            // `50%` and `C++`-like words keep their sign.
            break;
        }
        // Plural possessive `Palestinians’`: the apostrophe is its own token.
        let run = same_run_back(w, c);
        tail.push(Token {
            start: e - run,
            end: e,
        });
        e -= run;
    }
    if s < e {
        split_inner(text, s, e, out);
    }
    out.extend(tail.into_iter().rev());
}

/// Length in bytes of the run of `c` at the start of `w`.
fn same_run(w: &str, c: char) -> usize {
    w.chars().take_while(|&d| d == c).map(char::len_utf8).sum()
}

fn same_run_back(w: &str, c: char) -> usize {
    w.chars()
        .rev()
        .take_while(|&d| d == c)
        .map(char::len_utf8)
        .sum()
}

/// Does `w` (without its final period) form an abbreviation that keeps it?
fn keeps_period(w: &str) -> bool {
    if w.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: `J`, `U.S`, `D.C`, `a.m`.
    let mut chars = w.chars();
    let mut dotted = true;
    let mut expect_letter = true;
    for c in chars.by_ref() {
        if expect_letter {
            if !c.is_alphabetic() {
                dotted = false;
                break;
            }
        } else if c != '.' {
            dotted = false;
            break;
        }
        expect_letter = !expect_letter;
    }
    if dotted && !expect_letter {
        return true;
    }
    is_abbreviation(w)
}

/// Split a word that starts and ends with word characters at inner separators
/// that are not word-internal, and split clitics off its end.
fn split_inner(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let w = &text[s..e];
    // `,` `:` `/` `=` split unless between digits (1,000 10:30 1/2); `.` splits
    // when a capitalised word follows without a space after a lowercase one
    // ("end.Next"), which is a missing space, not an abbreviation.
    let bytes: Vec<(usize, char)> = w.char_indices().collect();
    let mut piece_start = 0usize;
    for k in 0..bytes.len() {
        let (off, c) = bytes[k];
        let prev = if k > 0 { Some(bytes[k - 1].1) } else { None };
        let next = bytes.get(k + 1).map(|x| x.1);
        let digits_around =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let split = match c {
            ',' | ':' | '=' => !digits_around,
            '.' => {
                prev.is_some_and(|p| p.is_lowercase() && w[..off].chars().count() > 2)
                    && next.is_some_and(|n| n.is_uppercase())
                    && bytes.get(k + 2).is_some_and(|x| x.1.is_lowercase())
            }
            _ => false,
        };
        if split {
            if piece_start < off {
                clitics(text, s + piece_start, s + off, out);
            }
            out.push(Token {
                start: s + off,
                end: s + off + c.len_utf8(),
            });
            piece_start = off + c.len_utf8();
        }
    }
    if piece_start < w.len() {
        clitics(text, s + piece_start, e, out);
    }
}

/// Split possessive and contraction clitics off the end of a word.
fn clitics(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let w = &text[s..e];
    // Find the last apostrophe; what follows decides.
    if let Some((ap, apc)) = w.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        if ap > 0 {
            let after = &w[ap + apc.len_utf8()..];
            let lower = after.to_ascii_lowercase();
            let is_clitic = matches!(lower.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m");
            if is_clitic {
                // `don't` style: the clitic is `n't`.
                out.push(Token {
                    start: s,
                    end: s + ap,
                });
                out.push(Token {
                    start: s + ap,
                    end: e,
                });
                return;
            }
            if lower == "t" && w[..ap].to_ascii_lowercase().ends_with('n') && ap > 1 {
                let n = ap - 1;
                out.push(Token {
                    start: s,
                    end: s + n,
                });
                out.push(Token {
                    start: s + n,
                    end: e,
                });
                return;
            }
        }
    }
    out.push(Token { start: s, end: e });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t).iter().map(|k| k.text(t)).collect()
    }

    #[test]
    fn possessives_and_quotes() {
        assert_eq!(
            toks("Venezuela’s socialist dictator Nicolás Maduro"),
            [
                "Venezuela",
                "’s",
                "socialist",
                "dictator",
                "Nicolás",
                "Maduro"
            ]
        );
        assert_eq!(
            toks("“We won’t,” the Palestinians’ envoy said."),
            [
                "“",
                "We",
                "wo",
                "n’t",
                ",",
                "”",
                "the",
                "Palestinians",
                "’",
                "envoy",
                "said",
                "."
            ]
        );
        assert_eq!(toks("Trump's"), ["Trump", "'s"]);
        assert_eq!(toks("I'm"), ["I", "'m"]);
    }

    #[test]
    fn acronyms_hyphens_numbers() {
        assert_eq!(
            toks("The U.S. and ALBA-TCP met in Washington, D.C."),
            [
                "The",
                "U.S.",
                "and",
                "ALBA-TCP",
                "met",
                "in",
                "Washington",
                ",",
                "D.C."
            ]
        );
        assert_eq!(
            toks("International Court of Justice (ICJ)."),
            [
                "International",
                "Court",
                "of",
                "Justice",
                "(",
                "ICJ",
                ")",
                "."
            ]
        );
        assert_eq!(
            toks("$1,000.50 at 10:30, 50% up—again..."),
            [
                "$", "1,000.50", "at", "10:30", ",", "50%", "up", "—", "again", "..."
            ]
        );
        assert_eq!(
            toks("Mr. Smith met Gen. Jones in Jan. in St. Louis."),
            [
                "Mr.", "Smith", "met", "Gen.", "Jones", "in", "Jan.", "in", "St.", "Louis", "."
            ]
        );
    }

    #[test]
    fn misc_edge_cases() {
        assert!(toks("").is_empty());
        assert!(toks("   \n\t ").is_empty());
        assert_eq!(toks("!!!"), ["!!!"]);
        assert_eq!(
            toks("see https://example.com/a-b."),
            ["see", "https://example.com/a-b", "."]
        );
        assert_eq!(toks("end.Next"), ["end", ".", "Next"]);
        assert_eq!(toks("'90s"), ["'90s"]);
        assert_eq!(toks("a\u{0}b"), ["a", "b"]);
    }

    #[test]
    fn offsets_on_char_boundaries_and_cover_words() {
        let samples = [
            "Nicolás Maduro’s “Bolivarian” ALBA-TCP — 👍🏽 👨‍👩‍👧 ok?!",
            "日本の首相、岸田文雄は言った。",
            "e\u{301}le\u{300}ve \u{200D}\u{FE0F}x",
            "\u{7}\u{1b}[0m ''' ``` ’’’ --- ",
        ];
        for t in samples {
            let ts = tokenize(t);
            let mut last = 0;
            for k in &ts {
                assert!(k.start < k.end, "{t:?}: empty token {k:?}");
                assert!(k.start >= last, "{t:?}: overlap");
                assert!(t.is_char_boundary(k.start) && t.is_char_boundary(k.end));
                last = k.end;
            }
            // Every non-space character is inside some token.
            for (i, c) in t.char_indices() {
                if !(c.is_whitespace() || c.is_control() || is_invisible(c)) {
                    assert!(
                        ts.iter().any(|k| k.start <= i && i < k.end),
                        "{t:?}: {c:?} at {i} not covered"
                    );
                }
            }
        }
    }
}
