//! Tokens with byte offsets. News-aware: possessive ’s is its own token,
//! hyphenated names (Díaz-Canel, ALBA-TCP) and initialisms (U.S.) stay whole.
//! [`SentToks`] holds one sentence's tokens with their folded forms, the unit
//! every stage after segmentation reads.

use parallax_core::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    /// ’s or ’ after a plural: "Venezuela’s", "Workers’".
    Possessive,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.text(text)
    }
}

/// Tokens of one sentence with their folded forms.
pub struct SentToks {
    pub toks: Vec<Token>,
    pub folded: Vec<String>,
}

impl SentToks {
    /// The tokens of `span` in `text`, with their folded forms.
    pub fn new(text: &str, span: Span) -> SentToks {
        let toks = tokenize(text, span);
        let folded = crate::lexicon::folded_tokens(text, &toks);
        SentToks { toks, folded }
    }

    /// The index of the first token starting at or after byte `offset` (`toks.len()`
    /// when none): the tokens are in text order, so a binary search.
    pub fn first_from(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < offset)
    }

    /// The index of the token starting exactly at byte `offset`.
    pub fn index_at(&self, offset: usize) -> Option<usize> {
        self.toks
            .binary_search_by_key(&offset, |t| t.span.start)
            .ok()
    }
}

/// An abbreviation that keeps its period ("Mr.", "Gen.", "Jan."): the one list of
/// `parallax-ner`'s `data/abbreviations.txt`, which its tokenizer reads too.
pub fn is_abbreviation(word: &str) -> bool {
    parallax_ner::is_abbreviation(word)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_joiner_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// Tokenises `text[range]`, returning spans relative to the whole `text`.
pub fn tokenize(text: &str, range: Span) -> Vec<Token> {
    let slice = range.text(text);
    let base = range.start;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::with_capacity(chars.len() / 4);
    let mut i = 0;
    let end_of = |k: usize| {
        if k < chars.len() {
            chars[k].0
        } else {
            slice.len()
        }
    };
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let next_digit = chars.get(j + 1).is_some_and(|x| x.1.is_ascii_digit());
                if d.is_ascii_digit() || ((d == ',' || d == '.') && next_digit) {
                    j += 1;
                } else {
                    break;
                }
            }
            // "1990s", "7th", "5bn"
            while j < chars.len() && chars[j].1.is_alphabetic() {
                j += 1;
            }
            out.push(Token {
                span: Span::new(base + start, base + end_of(j)),
                kind: TokKind::Number,
            });
            i = j;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                let d = chars[j].1;
                if d.is_alphanumeric() || is_mark(d) {
                    j += 1;
                    continue;
                }
                let next_alnum = chars.get(j + 1).is_some_and(|x| x.1.is_alphanumeric());
                if is_joiner_hyphen(d) && next_alnum {
                    j += 1;
                    continue;
                }
                if is_apostrophe(d) && next_alnum {
                    // Possessive ’s ends the word: "Venezuela’s" -> "Venezuela" "’s".
                    let s_next = chars.get(j + 1).is_some_and(|x| x.1 == 's' || x.1 == 'S');
                    let after_s = chars.get(j + 2).map(|x| x.1);
                    if s_next && after_s.is_none_or(|a| !a.is_alphanumeric()) {
                        break;
                    }
                    j += 1;
                    continue;
                }
                break;
            }
            // Initialisms "U.S." and abbreviations "Mr." keep their period.
            let word = &slice[start..end_of(j)];
            if j < chars.len() && chars[j].1 == '.' {
                let single_letter =
                    word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if single_letter {
                    let mut k = j + 1;
                    // consume further "X." pairs
                    while k + 1 < chars.len() && chars[k].1.is_uppercase() && chars[k + 1].1 == '.'
                    {
                        k += 2;
                    }
                    // "the U.S government": an initialism that lost its final dot
                    if k < chars.len()
                        && chars[k].1.is_uppercase()
                        && chars
                            .get(k + 1)
                            .is_none_or(|x| !x.1.is_alphanumeric() && x.1 != '.')
                    {
                        k += 1;
                    }
                    j = k;
                } else if is_abbreviation(word) {
                    j += 1;
                }
            }
            out.push(Token {
                span: Span::new(base + start, base + end_of(j)),
                kind: TokKind::Word,
            });
            i = j;
            continue;
        }
        if is_apostrophe(c) {
            let prev_alpha = i > 0 && chars[i - 1].1.is_alphanumeric();
            let s_next = chars.get(i + 1).is_some_and(|x| x.1 == 's' || x.1 == 'S');
            let after_s_ok = chars.get(i + 2).is_none_or(|x| !x.1.is_alphanumeric());
            if prev_alpha && s_next && after_s_ok {
                out.push(Token {
                    span: Span::new(base + start, base + end_of(i + 2)),
                    kind: TokKind::Possessive,
                });
                i += 2;
                continue;
            }
            let prev_s = i > 0 && (chars[i - 1].1 == 's' || chars[i - 1].1 == 'S');
            let next_not_alpha = chars.get(i + 1).is_none_or(|x| !x.1.is_alphanumeric());
            if prev_s && next_not_alpha {
                out.push(Token {
                    span: Span::new(base + start, base + end_of(i + 1)),
                    kind: TokKind::Possessive,
                });
                i += 1;
                continue;
            }
        }
        // "Cohen -- Trump's lawyer -- acknowledged": a typed dash is one token
        if c == '-' && chars.get(i + 1).is_some_and(|x| x.1 == '-') {
            let mut j = i + 1;
            while j < chars.len() && chars[j].1 == '-' {
                j += 1;
            }
            out.push(Token {
                span: Span::new(base + start, base + end_of(j)),
                kind: TokKind::Punct,
            });
            i = j;
            continue;
        }
        out.push(Token {
            span: Span::new(base + start, base + end_of(i + 1)),
            kind: TokKind::Punct,
        });
        i += 1;
    }
    out
}

/// A dash set off by spaces or typed as two hyphens: "—", "–", "―", "--".
pub fn is_dash(t: &str) -> bool {
    matches!(t, "—" | "–" | "―" | "--")
}

fn is_mark(c: char) -> bool {
    // Combining marks keep decomposed accents inside the word.
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// First character is an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A compound whose last part is lower case ("Democratic-leaning", "Obama-era",
/// "Qaeda-linked"): an adjective, never the end of a name.
pub fn is_lower_ending_compound(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(_, tail)| tail.starts_with(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, Span::new(0, s.len()))
            .iter()
            .map(|t| t.text(s))
            .collect()
    }

    #[test]
    fn possessives_hyphens_initialisms() {
        assert_eq!(
            words("Venezuela’s President"),
            vec!["Venezuela", "’s", "President"]
        );
        assert_eq!(
            words("the Landless Workers’ Movement"),
            vec!["the", "Landless", "Workers", "’", "Movement"]
        );
        assert_eq!(
            words("Díaz-Canel and ALBA-TCP"),
            vec!["Díaz-Canel", "and", "ALBA-TCP"]
        );
        assert_eq!(words("U.S. sanctions"), vec!["U.S.", "sanctions"]);
        assert_eq!(
            words("Mr. Smith, don't"),
            vec!["Mr.", "Smith", ",", "don't"]
        );
        assert_eq!(
            words("over 1,200 people in 2024."),
            vec!["over", "1,200", "people", "in", "2024", "."]
        );
        assert_eq!(words("“Palestine,”"), vec!["“", "Palestine", ",", "”"]);
        assert_eq!(
            words("Christian K. Caruzo"),
            vec!["Christian", "K.", "Caruzo"]
        );
        assert_eq!(words("Trump 2.0’s war"), vec!["Trump", "2.0", "’s", "war"]);
        // a typed dash is one token, a hyphen between words none
        assert_eq!(
            words("Cohen -- a lawyer--said so; a well-known - man"),
            vec![
                "Cohen",
                "--",
                "a",
                "lawyer",
                "--",
                "said",
                "so",
                ";",
                "a",
                "well-known",
                "-",
                "man"
            ]
        );
    }

    #[test]
    fn offsets_on_boundaries() {
        let s = "Nicolás “Maduro” – ’s 😀 e\u{301}";
        for t in tokenize(s, Span::new(0, s.len())) {
            assert!(t.span.is_valid_in(s));
            assert!(!t.text(s).trim().is_empty());
        }
    }
}
