//! Paragraphs and sentences as spans of the clean text.

use rustc_hash::FxHashSet as HashSet;

use parallax_core::{Sentence, Span};

use crate::text::is_abbreviation;
use crate::vocab::WordSets;

/// Paragraphs are separated by blank lines (the cleaner's "\n\n"); a single newline
/// inside a paragraph is kept as part of it.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut blank_run = 0;
    for (i, line) in split_keep(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank_run += 1;
            if blank_run >= 1 {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, last_end).trim(text));
                }
            }
            continue;
        }
        blank_run = 0;
        if start.is_none() {
            start = Some(i);
        }
        last_end = i + line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end).trim(text));
    }
    out.retain(|s| !s.is_empty());
    out
}

fn split_keep(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split('\n').map(move |line| {
        let here = pos;
        pos += line.len() + 1;
        (here, line)
    })
}

/// Sentences of each paragraph. A sentence ends at . ! ? … (with any closing
/// quotes or brackets) followed by white space and a capital, digit or opening
/// quote, unless the word before the period is an abbreviation or an initial.
pub fn sentences(
    text: &str,
    paras: &[Span],
    words: &WordSets,
    regions: &HashSet<String>,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        let ptext = p.text(text);
        let chars: Vec<(usize, char)> = ptext.char_indices().collect();
        let mut sent_start = 0usize;
        let mut i = 0;
        while i < chars.len() {
            let (_, c) = chars[i];
            if matches!(c, '.' | '!' | '?' | '…') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
                    j += 1;
                }
                while j < chars.len()
                    && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
                {
                    j += 1;
                }
                let end_byte = if j < chars.len() {
                    chars[j].0
                } else {
                    ptext.len()
                };
                let mut k = j;
                let mut saw_space = false;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    saw_space = true;
                    k += 1;
                }
                let next = chars.get(k).map(|x| x.1);
                let starts_new = next.is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
                });
                let abbreviated = c == '.'
                    && abbreviation_before(ptext, chars[i].0)
                    && !(initialism_before(ptext, chars[i].0)
                        && opens_sentence(
                            words,
                            &ptext[chars.get(k).map_or(ptext.len(), |x| x.0)..],
                        ));
                // "with Wash. Gov. Jay Inslee": a state's abbreviation before an
                // abbreviated title is inside the sentence
                let state_title = || {
                    c == '.'
                        && title_abbreviation(&ptext[chars.get(k).map_or(ptext.len(), |x| x.0)..])
                        && regions.contains(&format!("{}.", word_before(ptext, chars[i].0)))
                };
                if saw_space && starts_new && !abbreviated && !state_title() {
                    push(&mut out, text, p.start + sent_start, p.start + end_byte, pi);
                    sent_start = chars[k].0;
                    i = k;
                    continue;
                }
                i = j.max(i + 1);
                continue;
            }
            i += 1;
        }
        push(&mut out, text, p.start + sent_start, p.end, pi);
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, start: usize, end: usize, paragraph: usize) {
    let span = Span::new(start, end).trim(text);
    if !span.is_empty() {
        out.push(Sentence { span, paragraph });
    }
}

/// The word ending at `dot` is an initialism with dots ("U.S", "D.C"), which ends a
/// sentence as often as it sits inside one.
fn initialism_before(ptext: &str, dot: usize) -> bool {
    let word = word_before(ptext, dot);
    dotted_capitals(word) && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// The word that ends at byte `dot`: back to white space or an opening bracket or mark.
fn word_before(ptext: &str, dot: usize) -> &str {
    ptext[..dot]
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
        .next()
        .unwrap_or("")
}

/// "U.S", "D.C": capitals and dots only, with a dot inside.
fn dotted_capitals(word: &str) -> bool {
    word.contains('.') && word.chars().all(|c| c.is_uppercase() || c == '.')
}

/// The text starts with a word that opens sentences, never continues a name: "He",
/// "The", "But" ("… attacks in the U.S. He says …", not "U.S. Navy"), capitalised
/// (`sentence-openers` of wordsets.tsv).
fn opens_sentence(words: &WordSets, rest: &str) -> bool {
    let word = rest
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .next()
        .unwrap_or("");
    let bare = word.split(['\'', '’']).next().unwrap_or(word);
    words.sentence_openers.contains_capitalized(bare)
}

/// The text starts with an abbreviated title ("Gov.", "Sen.", "Rep."): a capitalised
/// abbreviation and its dot.
fn title_abbreviation(rest: &str) -> bool {
    let word = rest.split_whitespace().next().unwrap_or("");
    word.len() > 2
        && word.ends_with('.')
        && word.starts_with(char::is_uppercase)
        && is_abbreviation(&word[..word.len() - 1])
}

/// The word ending at `dot` is an abbreviation ("Mr", "then-Sen"), an initial ("K")
/// or part of an initialism ("U.S").
fn abbreviation_before(ptext: &str, dot: usize) -> bool {
    let word = word_before(ptext, dot);
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && word.chars().next().is_some_and(char::is_uppercase))
        || is_abbreviation(word)
        || word.rsplit('-').next().is_some_and(is_abbreviation)
        || dotted_capitals(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        let p = paragraphs(t);
        let lex = crate::lexicon::Lexicon::builtin();
        sentences(t, &p, &lex.words, &lex.regions)
            .iter()
            .map(|s| s.span.text(t))
            .collect()
    }

    #[test]
    fn an_initialism_ends_a_sentence_before_a_sentence_opener() {
        assert_eq!(
            sents(
                "He fought attacks in the U.S. He says more. The U.S. Navy sailed. \
                 Devine argued then-Sen. Barack Obama was close."
            ),
            vec![
                "He fought attacks in the U.S.",
                "He says more.",
                "The U.S. Navy sailed.",
                "Devine argued then-Sen. Barack Obama was close."
            ]
        );
    }

    #[test]
    fn splits_and_keeps_abbreviations() {
        assert_eq!(
            sents(
                "Christian K. Caruzo is a writer. You can follow him. Mr. Smith met U.S. officials."
            ),
            vec![
                "Christian K. Caruzo is a writer.",
                "You can follow him.",
                "Mr. Smith met U.S. officials."
            ]
        );
    }

    #[test]
    fn a_state_before_a_title_is_inside_the_sentence() {
        // BASIL 4f473faf (Fox): the sentence was cut after "Wash.", which left a
        // "Wash" person and a fragment among the statements
        assert_eq!(
            sents(
                "Indiana faced a backlash, with Wash. Gov. Jay Inslee banning travel. He left. She moved to Wash. Sen. Murray said so."
            ),
            vec![
                "Indiana faced a backlash, with Wash. Gov. Jay Inslee banning travel.",
                "He left.",
                "She moved to Wash. Sen. Murray said so."
            ]
        );
        assert_eq!(
            sents("The firm is based in Seattle, Wash. The deal closed."),
            vec!["The firm is based in Seattle, Wash.", "The deal closed."]
        );
    }

    #[test]
    fn plural_titles_keep_their_period() {
        // "Reps" is capitalised in the list: a title only as written capitalised.
        assert_eq!(
            sents(
                "Two senators did not vote: Sens. Lindsey Graham and Joe Manchin. \
                 Reps. Nancy Pelosi and Steny Hoyer said so. Do ten reps. Then rest."
            ),
            vec![
                "Two senators did not vote: Sens. Lindsey Graham and Joe Manchin.",
                "Reps. Nancy Pelosi and Steny Hoyer said so.",
                "Do ten reps.",
                "Then rest."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let t = "He declared: “We will not abandon it.” He added: “Only then.”\n\nNew paragraph! “Is it?” he asked.";
        assert_eq!(
            sents(t),
            vec![
                "He declared: “We will not abandon it.”",
                "He added: “Only then.”",
                "New paragraph!",
                "“Is it?” he asked."
            ]
        );
    }

    #[test]
    fn paragraphs_trimmed() {
        let t = "  one  \n\n\n two\nstill two \n\n";
        let p: Vec<&str> = paragraphs(t).iter().map(|s| s.text(t)).collect();
        assert_eq!(p, vec!["one", "two\nstill two"]);
    }
}
