use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an article's clean text.
///
/// Spans are always on `char` boundaries: constructors in the pipeline guarantee it
/// and [`Span::text`] never panics even when handed a foreign text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `[start, end)`; `start` must not be after `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether it covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The covered text, or "" when the span does not fit `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether byte `offset` lies inside this span.
    pub fn contains_offset(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether the two spans share a byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when both ends lie on char boundaries of `text` and inside it.
    pub fn is_valid_in(&self, text: &str) -> bool {
        self.start <= self.end
            && self.end <= text.len()
            && text.is_char_boundary(self.start)
            && text.is_char_boundary(self.end)
    }

    /// The same span with surrounding whitespace excluded.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.text(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail >= s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_never_panics_off_boundary() {
        let t = "Nicolás";
        assert_eq!(Span::new(0, 5).text(t), "Nicol");
        assert!(Span::new(0, 5).is_valid_in(t));
        // byte 5 is inside 'á'
        assert_eq!(Span::new(0, 6).text(t), "");
        assert!(!Span::new(0, 6).is_valid_in(t));
        assert_eq!(Span::new(3, 100).text(t), "");
    }

    #[test]
    fn trim_and_relations() {
        let t = "  ab  ";
        assert_eq!(Span::new(0, 6).trim(t), Span::new(2, 4));
        assert!(Span::new(0, 6).trim("      ").is_empty());
        assert!(Span::new(0, 4).overlaps(Span::new(3, 5)));
        assert!(!Span::new(0, 3).overlaps(Span::new(3, 5)));
        assert!(Span::new(0, 5).contains(Span::new(1, 5)));
    }
}
