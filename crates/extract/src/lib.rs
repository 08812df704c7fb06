//! Main text and metadata from raw news HTML.
//!
//! Useful for: turning one already-decoded HTML page of a news article (or blog
//! post) into its title, authors, dates, canonical URL, site name, language,
//! description and the article body as ordered blocks (headings, paragraphs,
//! quotes, list items, preformatted text), without navigation, share bars,
//! related stories, comments, ads, cookie and paywall notices, captions or
//! byline lines. Not useful for: fetching, charset detection (give it `&str`),
//! rendering JavaScript-built pages, forum threads or comment extraction, or
//! pages whose text is mostly tables of data.
//!
//! # Design
//!
//! Speed and robustness come from the representation; accuracy from a few
//! general rules measured on two dev sets (see [`eval`]).
//!
//! * `dom`: one pass of a hand-written tokenizer (memchr-driven) builds a
//!   compact arena tree: fixed-size nodes in document order, attributes and text
//!   in two shared strings. Only the HTML5 tree-construction rules that change
//!   text structure are implemented. Every later pass is a loop over the arena,
//!   never recursion, so 10,000-deep nesting or junk input cannot overflow the
//!   stack, and work is linear in the input.
//! * `content`: classifies elements (dead, boilerplate by tag/class/id/role,
//!   article-body hints), measures text and link text bottom-up, scores
//!   containers Readability-style, reconciles the winner with explicit
//!   article-body hints (`itemprop=articleBody`, `entry-content`, `<article>`),
//!   adds sibling parts of split bodies, then emits blocks from the chosen
//!   subtrees while pruning boilerplate subtrees and link lists.
//! * A final line-level pass drops what structure cannot tell apart: byline and
//!   date lines, "Advertisement"/"Share this"/"Sign up" lines, cookie and
//!   subscription notices, repeated pull-quotes and captions.
//! * `meta`: JSON-LD first, then meta tags, then markup (`<time>`,
//!   `rel=author`), then the URL.
//!
//! Full-DOM extractors (html5ever-based ports of trafilatura and Readability:
//! rs-trafilatura, the trafilatura crate, dom_smoothie) were measured first:
//! on the primary dev set they are less accurate (F1 0.87–0.92 against 0.936
//! here) and 2–11× slower; docs/benchmarks.md has the figures.
//!
//! Not a browser: no CSS cascade (only inline `display:none`), no scripts, no
//! layout. Pages that ship their text only inside JSON for a script give
//! nothing but metadata.

#![warn(missing_docs)]

use serde::{Deserialize, Serialize};

mod content;
pub(crate) mod dom;
mod entities;
pub mod eval;
mod furniture;
mod meta;

pub use furniture::{
    REASONS as FURNITURE_REASONS, REGEX_MAX_WORDS as FURNITURE_REGEX_MAX_WORDS, furniture_reason,
};
pub use meta::{days_in_month, normalize_date};

/// Inputs larger than this are refused rather than parsed (memory is linear in
/// input size, about 3× here).
pub const MAX_INPUT_BYTES: usize = 100 * 1024 * 1024;

/// What [`extract`] found in a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extracted {
    /// The headline: JSON-LD or meta tags, else the `<title>` without the site's name.
    pub title: Option<String>,
    /// The authors named by JSON-LD, meta tags or a byline marked up in the body.
    pub authors: Vec<String>,
    /// ISO 8601 as found, normalised to `YYYY-MM-DD[THH:MM:SS[Z|±hh:mm]]`.
    pub published: Option<String>,
    /// The date of the last modification, normalised like `published`.
    pub modified: Option<String>,
    /// The canonical URL (`<link rel=canonical>`, `og:url`, JSON-LD), else the page's.
    pub canonical_url: Option<String>,
    /// The site's name (`og:site_name` and other meta tags, JSON-LD publisher).
    pub site_name: Option<String>,
    /// The page's language tag (`<html lang>`, meta tags, JSON-LD).
    pub language: Option<String>,
    /// The page's summary (`og:description`, `description` and other meta tags).
    pub description: Option<String>,
    /// The article's main content, in document order.
    pub blocks: Vec<Block>,
}

/// One unit of main content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What kind of element the block was.
    pub kind: BlockKind,
    /// Its text, white space collapsed.
    pub text: String,
}

/// The kind of element a block of main content came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BlockKind {
    /// A heading (`h1`–`h6`).
    Heading,
    /// A paragraph or other prose.
    Paragraph,
    /// A block quotation.
    Quote,
    /// An item of a list.
    ListItem,
    /// Preformatted text (`pre`), kept as written.
    Preformatted,
}

impl Extracted {
    /// The main text: blocks joined by blank lines.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }
}

/// Why a page gave no article.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The page has no main content (empty input, a link hub, an error page).
    #[error("no main content found")]
    NoContent,
    /// The input exceeds [`MAX_INPUT_BYTES`].
    #[error("input of {0} bytes exceeds the limit of {MAX_INPUT_BYTES} bytes")]
    TooLarge(usize),
    /// The input looks like binary data, not HTML or text.
    #[error("input is not HTML (binary data)")]
    NotHtml,
}

/// Extracts metadata and main content from a decoded HTML page. `url` (the
/// page's address, when known) helps resolve the canonical URL and date.
///
/// Errors when the input is too large, binary, or has no main content; use
/// [`extract_metadata`] to get metadata regardless.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, ExtractError> {
    let out = extract_metadata(html, url)?;
    if out.blocks.is_empty() {
        Err(ExtractError::NoContent)
    } else {
        Ok(out)
    }
}

/// Like [`extract`] but succeeds with empty `blocks` when there is no article.
pub fn extract_metadata(html: &str, url: Option<&str>) -> Result<Extracted, ExtractError> {
    if html.len() > MAX_INPUT_BYTES {
        return Err(ExtractError::TooLarge(html.len()));
    }
    if looks_binary(html) {
        return Err(ExtractError::NotHtml);
    }
    let doc = dom::parse(html);
    let m = meta::extract_meta(&doc, url);
    let blocks = content::extract_blocks(&doc);
    let blocks = content::clean_blocks(blocks, &m.authors, m.title.as_deref());
    Ok(Extracted {
        title: m.title,
        authors: m.authors,
        published: m.published,
        modified: m.modified,
        canonical_url: m.canonical_url,
        site_name: m.site_name,
        language: m.language,
        description: m.description,
        blocks,
    })
}

/// Control characters (other than whitespace) in more than 5% of the first
/// 4 KiB: an image, archive or PDF decoded as text.
fn looks_binary(s: &str) -> bool {
    let head = &s.as_bytes()[..s.len().min(4096)];
    let ctrl = head
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    ctrl * 20 > head.len().max(1)
}

/// The containers the extractor chose, with their ancestors (debugging aid).
#[doc(hidden)]
pub fn debug_containers(html: &str, needle: Option<&str>) -> Vec<String> {
    content::debug_containers(&dom::parse(html), needle)
}

/// Time spent per phase of [`extract_metadata`] on one page, in seconds:
/// parse (tokenizer + tree), metadata, content selection and emission, line
/// cleanup. For `bench/extract.sh`'s "where the time goes".
#[doc(hidden)]
pub fn phase_seconds(html: &str, url: Option<&str>) -> [f64; 4] {
    use std::time::Instant;
    let t0 = Instant::now();
    let doc = dom::parse(html);
    let t1 = Instant::now();
    let m = meta::extract_meta(&doc, url);
    let t2 = Instant::now();
    let blocks = content::extract_blocks(&doc);
    let t3 = Instant::now();
    let blocks = content::clean_blocks(blocks, &m.authors, m.title.as_deref());
    let t4 = Instant::now();
    std::hint::black_box(blocks);
    [
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        (t3 - t2).as_secs_f64(),
        (t4 - t3).as_secs_f64(),
    ]
}

#[cfg(test)]
mod tests;
