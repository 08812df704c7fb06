//! Lettered list labels ("A. Inca", "B. Maya" on lines of their own, as in a
//! multiple-choice question or an outline) are not initials: without this, "B.
//! Maya" is a person whose surname takes every later "Maya". A line is a list item
//! when it starts with a capital letter and a dot, and another line of the article
//! starts with the letter before or after it the same way; the label is then cut
//! off the candidates of the line's first sentence.

use std::collections::HashSet;

use super::{Cand, CandKind};
use crate::text::SentToks;

/// The letters that label a line of `text` ("A. …" at a line's start).
fn labelled_lines(text: &str) -> HashSet<u8> {
    let mut out = HashSet::new();
    let b = text.as_bytes();
    let mut at = 0;
    loop {
        let line = &b[at..];
        let line = &line[line.iter().take_while(|c| **c == b' ').count()..];
        if line.len() > 3 && line[0].is_ascii_uppercase() && line[1] == b'.' && line[2] == b' ' {
            out.insert(line[0]);
        }
        match b[at..].iter().position(|&c| c == b'\n') {
            Some(n) => at += n + 1,
            None => return out,
        }
    }
}

/// For each sentence that starts a list item, the byte offset where its content
/// starts (after "B. ").
pub(super) fn list_items(text: &str, sents: &[SentToks]) -> Vec<Option<usize>> {
    let labels = labelled_lines(text);
    sents
        .iter()
        .map(|st| {
            let start = st.toks.first()?.span.start;
            let before = text[..start].trim_end_matches(' ');
            if !(before.is_empty() || before.ends_with('\n')) {
                return None;
            }
            let b = text.as_bytes();
            let letter = *b.get(start)?;
            let labelled = b.get(start + 1) == Some(&b'.')
                && b.get(start + 2) == Some(&b' ')
                && labels.contains(&letter)
                && (labels.contains(&(letter.wrapping_sub(1)))
                    || labels.contains(&(letter.wrapping_add(1))));
            labelled.then_some(start + 3)
        })
        .collect()
}

/// Cuts the list label off the candidates of list-item sentences: a candidate
/// inside the label goes, one that starts in it starts after it.
pub(super) fn cut_labels(
    text: &str,
    sents: &[SentToks],
    items: &[Option<usize>],
    cands: &mut Vec<Cand>,
) {
    cands.retain_mut(|c| {
        let Some(content) = items[c.sent] else {
            return true;
        };
        if c.span.start >= content {
            return true;
        }
        if c.span.end <= content {
            return false;
        }
        let st = &sents[c.sent];
        let first = st.first_from(content);
        c.tok_start = first;
        c.span.start = st.toks[first].span.start;
        let label = text[..content].trim_end();
        match &mut c.kind {
            CandKind::Person { name } => {
                while name.first().is_some_and(|p| {
                    label.ends_with(p.as_str()) || label.trim_end_matches('.').ends_with(p.as_str())
                }) {
                    name.remove(0);
                }
                match name.len() {
                    0 => return false,
                    1 => {
                        let word = name[0].clone();
                        c.kind = CandKind::Single { word };
                    }
                    _ => {}
                }
            }
            CandKind::Org { name } | CandKind::Place { name } => {
                *name = c.span.text(text).to_string();
            }
            _ => {}
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use crate::Analyzer;

    #[test]
    fn lettered_answers_are_not_initials() {
        let a = Analyzer::new().analyze_text(
            "Which culture came first?\n\nA. Inca\n\nB. Maya\n\nC. Olmec\n\nD. Pueblo\n\nThe Maya built cities. The Olmec carved heads. J. Robert Oppenheimer spoke.",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        for bad in ["A. Inca", "B. Maya", "C. Olmec", "D. Pueblo"] {
            assert!(!names.contains(&bad), "{bad} in {names:?}");
        }
        assert!(
            a.mentions
                .iter()
                .all(|m| m.text != "Maya" || a.entities[m.entity].name == "Maya"),
            "{:?}",
            a.mentions
        );
        // an initial that is no list label stays
        assert!(names.contains(&"J. Robert Oppenheimer"), "{names:?}");
    }

    #[test]
    fn a_lone_initial_line_is_not_a_list() {
        let a = Analyzer::new().analyze_text("J. Smith\n\nThe storm hit the coast.");
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"J. Smith"), "{names:?}");
    }
}
