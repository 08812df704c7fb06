//! Quotation marks paired per paragraph: curly, straight, typewriter `''` and
//! TeX ``` `` ```, single quotes nested inside double ones, and a quotation left
//! open at a paragraph's end continued when the next paragraph opens with a mark
//! (the news convention for long quotes).

use parallax_core::Span;

/// A pair of quotation marks (or a quotation that runs on to the paragraph's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedQuote {
    /// From the opening mark to just after the closing mark.
    pub span: Span,
    /// The words inside.
    pub content: Span,
    pub paragraph: usize,
    /// Continues the quotation of the previous paragraph.
    pub continued: bool,
}

fn is_open_double(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}

pub(super) fn is_close_double(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Pairs the quotation marks of each paragraph. Only outermost quotations are
/// returned; nested ones are part of their content.
pub fn mark_quotes(text: &str, paras: &[Span]) -> Vec<MarkedQuote> {
    let mut out = Vec::new();
    let mut carry_open = false;
    for (pi, p) in paras.iter().enumerate() {
        let ptext = p.text(text);
        let chars: Vec<(usize, char)> = ptext.char_indices().collect();
        let first_is_open = chars
            .first()
            .is_some_and(|(_, c)| is_open_double(*c) || *c == '"')
            || ptext.starts_with("''")
            || ptext.starts_with("``");
        let continued = carry_open && first_is_open;
        carry_open = false;
        // stack of (byte offset of open mark in paragraph, is_double)
        let mut stack: Vec<(usize, bool, char)> = Vec::new();
        let mut skip = false;
        for (k, &(b, c0)) in chars.iter().enumerate() {
            if std::mem::take(&mut skip) {
                continue;
            }
            let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
            // '' and `` (typewriter and TeX style, as in older NYT text) are double
            // quotation marks two characters wide
            let doubled = matches!(c0, '\'' | '`') && chars.get(k + 1).map(|x| x.1) == Some(c0);
            let (c, width) = if doubled {
                ('"', 2)
            } else {
                (c0, c0.len_utf8())
            };
            skip = doubled;
            let next = chars.get(k + if doubled { 2 } else { 1 }).map(|x| x.1);
            let prev_opening_ctx = prev.is_none_or(|p| {
                p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '“' | '‘' | '/')
            });
            if is_open_double(c) {
                stack.push((b, true, c));
            } else if is_close_double(c) {
                if let Some(pos) = stack.iter().rposition(|s| s.1) {
                    let open = stack[pos].0;
                    stack.truncate(pos);
                    if stack.is_empty() {
                        push_quote(&mut out, p.start, open, b, c.len_utf8(), pi, continued);
                    }
                }
            } else if c == '"' {
                let top_straight = stack.last().is_some_and(|s| s.2 == '"');
                if top_straight && !prev_opening_ctx {
                    let open = stack.pop().unwrap().0;
                    if stack.is_empty() {
                        push_quote(&mut out, p.start, open, b, width, pi, continued);
                    }
                } else if prev_opening_ctx && next.is_some_and(|n| !n.is_whitespace()) {
                    stack.push((b, true, '"'));
                } else if let Some(pos) = stack.iter().rposition(|s| s.1) {
                    let open = stack[pos].0;
                    stack.truncate(pos);
                    if stack.is_empty() {
                        push_quote(&mut out, p.start, open, b, width, pi, continued);
                    }
                }
            } else if c == '‘' || (c == '\'' && prev_opening_ctx) {
                if prev_opening_ctx && next.is_some_and(char::is_alphanumeric) {
                    stack.push((b, false, c));
                }
            } else if c == '’' || c == '\'' {
                // An apostrophe inside a word ("don’t") is not a closing mark.
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if !inside_word {
                    if let Some(pos) = stack.iter().rposition(|s| !s.1) {
                        // Plural possessive "Workers’ Movement" looks like a close: only
                        // accept when the single quote has some words in it.
                        let open = stack[pos].0;
                        if ptext[open..b].split_whitespace().count() >= 1
                            && next.is_none_or(|n| !n.is_alphanumeric())
                        {
                            stack.truncate(pos);
                            if stack.is_empty() {
                                push_quote(&mut out, p.start, open, b, c.len_utf8(), pi, false);
                            }
                        }
                    }
                }
            }
        }
        // Still open at the paragraph's end: the outermost double quote runs to the end.
        if let Some(&(open, _, _)) = stack.iter().find(|s| s.1) {
            let content_start = p.start + open + open_mark_len(&ptext[open..]);
            let content = Span::new(content_start, p.end).trim(text);
            if !content.is_empty() {
                out.push(MarkedQuote {
                    span: Span::new(p.start + open, p.end),
                    content,
                    paragraph: pi,
                    continued: continued && out.last().is_none_or(|q| q.paragraph != pi),
                });
                carry_open = true;
            }
        }
    }
    out
}

fn push_quote(
    out: &mut Vec<MarkedQuote>,
    base: usize,
    open: usize,
    close: usize,
    close_len: usize,
    pi: usize,
    continued: bool,
) {
    // Only the first quotation of a paragraph can continue the previous paragraph's.
    let continued = continued && out.last().is_none_or(|q| q.paragraph != pi);
    let span = Span::new(base + open, base + close + close_len);
    // content excludes the marks; the open mark may be multi-byte
    out.push(MarkedQuote {
        span,
        content: Span::new(base + open, base + close),
        paragraph: pi,
        continued,
    });
}

/// The width of the opening mark at the start of `s` (one character, or '' and ``).
fn open_mark_len(s: &str) -> usize {
    if s.starts_with("''") || s.starts_with("``") {
        2
    } else {
        s.chars().next().map_or(1, char::len_utf8)
    }
}

/// Removes the opening mark from a content span (its width is only known here).
pub(super) fn strip_open_mark(text: &str, content: Span) -> Span {
    let s = content.text(text);
    match s.chars().next() {
        Some(c) if is_open_double(c) || matches!(c, '"' | '‘' | '\'' | '`') => {
            Span::new(content.start + open_mark_len(s), content.end)
        }
        _ => content,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::analyze_text;
    use parallax_core::QuoteKind;

    #[test]
    fn typewriter_double_apostrophes_are_quotation_marks() {
        let a = analyze_text(
            "Golf is in decline. ''It costs $100,000 a month to operate a golf course,'' said Steven M. Ekovich, a broker.\n\n``We are anxious,'' Mr. Chipok said of the members, who don't pay.",
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("It costs"))
            .expect("quote");
        assert_eq!(q.kind, QuoteKind::Direct);
        assert!(
            q.text.starts_with("It costs") && q.text.ends_with("golf course,"),
            "{:?}",
            q.text
        );
        assert_eq!(
            speaker_of(&a, "It costs").as_deref(),
            Some("Steven M. Ekovich")
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("anxious"))
            .expect("TeX-style quote");
        assert!(q.text.starts_with("We are"), "{:?}", q.text);
        assert_eq!(speaker_of(&a, "anxious").as_deref(), Some("Chipok"));
        // an apostrophe in a word and a lone closing one are not marks
        assert!(a.quotes.iter().all(|q| !q.text.contains("don't")));
    }

    #[test]
    fn unmatched_and_mixed_marks() {
        let a = analyze_text(
            "He said \"straight quotes work,” mixed. An “unclosed quote runs to the end of its paragraph\n\nNext paragraph.",
        );
        assert!(
            a.quotes.iter().any(|q| q.text == "straight quotes work,"),
            "{:?}",
            a.quotes
        );
        assert!(
            a.quotes
                .iter()
                .any(|q| q.text.starts_with("unclosed quote runs"))
        );
    }

    #[test]
    fn multi_paragraph_quote() {
        let a = analyze_text(
            "“The first part of a long speech goes here,” Maduro said. “And it continues in this paragraph\n\n“and ends in this one.”",
        );
        let cont = a
            .quotes
            .iter()
            .find(|q| q.text.contains("and ends"))
            .unwrap();
        assert!(cont.speaker.is_some(), "{:?}", a.quotes);
    }

    #[test]
    fn nested_quotes_social_media_and_org_speakers() {
        let a = analyze_text(
            "“She said ‘never again’ and meant it,” Nicolás Maduro wrote on social media.\n\nThe ministry said: “The border stays closed until further notice.”\n\nIn a statement, the International Court of Justice said that the case would be heard in May.",
        );
        let q = a
            .quotes
            .iter()
            .find(|q| q.text.contains("never again"))
            .unwrap();
        assert_eq!(q.text, "She said ‘never again’ and meant it,");
        assert_eq!(
            a.entities[q.speaker.as_ref().unwrap().entity.unwrap()].name,
            "Nicolás Maduro"
        );
        assert_eq!(q.cue.as_ref().unwrap().lemma, "write");
        assert_eq!(
            a.quotes.iter().filter(|q| q.text.contains("never")).count(),
            1,
            "nested quote counted apart"
        );
        let m = a.quotes.iter().find(|q| q.text.contains("border")).unwrap();
        assert_eq!(
            m.speaker.as_ref().unwrap().entity,
            None,
            "an unnamed ministry stays unresolved"
        );
        let icj = a
            .quotes
            .iter()
            .find(|q| q.kind == QuoteKind::Indirect)
            .unwrap();
        assert_eq!(
            a.entities[icj.speaker.as_ref().unwrap().entity.unwrap()].name,
            "International Court of Justice"
        );
    }
}
