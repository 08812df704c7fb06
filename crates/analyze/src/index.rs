//! Lookups that keep every stage linear in the article's length: sorted layers
//! are searched by bisection, mentions by their start and end offsets.

use std::collections::HashMap;

use parallax_core::{Mention, MentionForm, Sentence, Span};

/// Mentions (sorted by start) that start inside `span`.
pub fn mentions_in(mentions: &[Mention], span: Span) -> &[Mention] {
    let a = mentions.partition_point(|m| m.span.start < span.start);
    let b = mentions.partition_point(|m| m.span.start < span.end);
    &mentions[a..b]
}

/// The union of `spans`, sorted and disjoint: what [`inside_any`] and
/// [`overlaps_any`] need. Quotations nest (a quote inside a quote) and arrive in the
/// order they close, so they are neither sorted by start nor disjoint as found.
pub fn union(spans: impl IntoIterator<Item = Span>) -> Vec<Span> {
    let mut all: Vec<Span> = spans.into_iter().collect();
    all.sort_by_key(|q| (q.start, std::cmp::Reverse(q.end)));
    let mut out: Vec<Span> = Vec::with_capacity(all.len());
    for q in all {
        match out.last_mut() {
            Some(last) if q.start < last.end => last.end = last.end.max(q.end),
            _ => out.push(q),
        }
    }
    out
}

/// Whether `inner` lies inside one of `spans` (sorted, not overlapping).
pub fn inside_any(spans: &[Span], inner: Span) -> bool {
    let i = spans.partition_point(|s| s.start <= inner.start);
    i > 0 && spans[i - 1].contains(inner)
}

/// Whether `inner` overlaps one of `spans` (sorted, not overlapping).
pub fn overlaps_any(spans: &[Span], inner: Span) -> bool {
    let i = spans.partition_point(|s| s.end <= inner.start);
    spans.get(i).is_some_and(|s| s.overlaps(inner))
}

/// The sentence holding byte `offset` (sentences are sorted).
pub fn sentence_at(sentences: &[Sentence], offset: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end < offset);
    sentences
        .get(i)
        .filter(|s| s.span.start <= offset && offset <= s.span.end)
        .map(|_| i)
}

/// Mentions by where they start and end.
#[derive(Debug, Default)]
pub struct MentionIndex {
    /// Start offset -> the longest mention starting there.
    by_start: HashMap<usize, usize>,
    /// End offset -> mentions ending there.
    by_end: HashMap<usize, Vec<usize>>,
}

impl MentionIndex {
    pub fn new(mentions: &[Mention]) -> MentionIndex {
        let mut idx = MentionIndex::default();
        for (i, m) in mentions.iter().enumerate() {
            let e = idx.by_start.entry(m.span.start).or_insert(i);
            if mentions[*e].span.len() < m.span.len() {
                *e = i;
            }
            idx.by_end.entry(m.span.end).or_default().push(i);
        }
        idx
    }

    pub fn starting_at<'a>(&self, mentions: &'a [Mention], start: usize) -> Option<&'a Mention> {
        self.by_start.get(&start).map(|&i| &mentions[i])
    }

    /// The longest non-pronoun mention ending at `end`.
    pub fn ending_at<'a>(&self, mentions: &'a [Mention], end: usize) -> Option<&'a Mention> {
        self.by_end
            .get(&end)?
            .iter()
            .map(|&i| &mentions[i])
            .filter(|m| m.form != MentionForm::Pronoun)
            .max_by_key(|m| m.span.len())
    }

    /// All mentions ending at `end`, pronouns included.
    pub fn all_ending_at<'a>(
        &self,
        mentions: &'a [Mention],
        end: usize,
    ) -> impl Iterator<Item = &'a Mention> {
        self.by_end
            .get(&end)
            .into_iter()
            .flatten()
            .map(move |&i| &mentions[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_quotations_are_one_span_for_lookups() {
        // as marked: the inner quotation closes, so comes, first
        let found = [Span::new(10, 20), Span::new(5, 30), Span::new(40, 50)];
        let u = union(found);
        // sorted and disjoint: the outer one holds position 25, after the inner ends
        assert_eq!(u, vec![Span::new(5, 30), Span::new(40, 50)]);
        assert!(inside_any(&u, Span::new(25, 26)));
        assert!(inside_any(&u, Span::new(12, 14)));
        assert!(!inside_any(&u, Span::new(30, 31)));
        assert!(union([]).is_empty());
    }
}
