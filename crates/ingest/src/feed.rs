//! RSS 2.0, Atom and JSON Feed: one record per entry, parsed by `feed-rs`.
//!
//! An entry's embedded content (`content:encoded`, Atom `<content>`) is an HTML
//! fragment: its text goes through the same extraction as a page. An entry carrying
//! only a teaser (a summary under [`MIN_WORDS`] words) is not an article: it is
//! reported, and with `fetch_links` its link is fetched instead.

use crate::jsonl::RawRecord;
use crate::{IngestError, IngestErrorKind};

/// Fewer words than this in an entry's text means a teaser, not an article.
pub const MIN_WORDS: usize = 40;

/// One entry of a feed, before extraction.
#[derive(Debug, Clone, Default)]
pub struct FeedEntry {
    /// `source#entry N` (1-based), for messages.
    pub source: String,
    /// The entry's metadata and text, as a record to turn into an article.
    pub record: RawRecord,
    /// The entry's text is HTML (to extract) rather than plain text.
    pub is_html: bool,
    /// The entry's own text is only a teaser; `record.url` is where the article is.
    pub teaser_only: bool,
}

/// Parses a feed; a feed that cannot be parsed at all is one error.
pub fn parse_feed(source: &str, bytes: &[u8]) -> Result<Vec<FeedEntry>, IngestError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| {
        IngestError::new(
            source,
            IngestErrorKind::Malformed,
            format!("not a readable RSS/Atom feed: {e}"),
        )
    })?;
    let outlet = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let site = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone());
    let mut out = Vec::with_capacity(feed.entries.len());
    for (i, e) in feed.entries.into_iter().enumerate() {
        let link = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(e.links.first())
            .map(|l| l.href.clone());
        let (body, is_html) = match (&e.content, &e.summary) {
            (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
                let ty = c.content_type.to_string();
                (c.body.clone(), !ty.starts_with("text/plain"))
            }
            (_, Some(s)) => (
                Some(s.content.clone()),
                !s.content_type.to_string().starts_with("text/plain"),
            ),
            _ => (None, false),
        };
        let words = body.as_deref().map_or(0, |b| word_count(b, is_html));
        let record = RawRecord {
            text: body.clone().filter(|_| !is_html),
            html: body.filter(|_| is_html),
            title: e
                .title
                .as_ref()
                .map(|t| plain(&t.content))
                .filter(|t| !t.is_empty()),
            outlet: outlet.clone(),
            domain: site.as_deref().and_then(crate::outlets::host_of),
            url: link,
            published: e.published.or(e.updated).map(|d| d.to_rfc3339()),
            authors: e
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref().map(|n| n.trim().to_string()))
                .filter(|n| !n.is_empty())
                .collect(),
            language: e.language.clone().or_else(|| feed.language.clone()),
            repairs: Vec::new(),
        };
        out.push(FeedEntry {
            source: format!("{source}#entry {}", i + 1),
            record,
            is_html,
            teaser_only: words < MIN_WORDS,
        });
    }
    if out.is_empty() {
        return Err(IngestError::new(
            source,
            IngestErrorKind::Empty,
            "the feed has no entries",
        ));
    }
    Ok(out)
}

/// Text of a title, which feeds often escape as HTML.
fn plain(s: &str) -> String {
    if s.contains('<') || s.contains('&') {
        parallax_extract::eval::html_text(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn word_count(body: &str, is_html: bool) -> usize {
    if is_html {
        parallax_extract::eval::html_text(body)
            .split_whitespace()
            .count()
    } else {
        body.split_whitespace().count()
    }
}

/// An HTML fragment as a page the extractor reads: the fragment is the article.
pub fn fragment_page(fragment: &str) -> String {
    format!("<!doctype html><html><body><article>{fragment}</article></body></html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Morning Star</title><link>https://morningstaronline.co.uk/</link><language>en-gb</language>
<item><title>Left leaders &amp; Palestine</title><link>https://morningstaronline.co.uk/a/1</link>
<pubDate>Thu, 25 Apr 2024 10:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Venezuela's President Nicolas Maduro said on Wednesday that the alliance stood with Palestine.</p><p>Leaders of the Bolivarian Alliance met in Caracas for a summit that lasted two days and ended with a joint statement on Gaza, signed by every member.</p>]]></content:encoded></item>
<item><title>Teaser only</title><link>https://morningstaronline.co.uk/a/2</link><description>Just a line.</description></item>
</channel></rss>"#;

    #[test]
    fn rss_entries_with_content_and_teasers() {
        let entries = parse_feed("f.rss", RSS.as_bytes()).unwrap();
        assert_eq!(entries.len(), 2);
        let e = &entries[0];
        assert_eq!(e.source, "f.rss#entry 1");
        assert_eq!(e.record.title.as_deref(), Some("Left leaders & Palestine"));
        assert_eq!(e.record.outlet.as_deref(), Some("Morning Star"));
        assert_eq!(
            e.record.url.as_deref(),
            Some("https://morningstaronline.co.uk/a/1")
        );
        assert_eq!(e.record.authors, vec!["Jane Doe".to_string()]);
        assert!(
            e.record
                .published
                .as_deref()
                .unwrap()
                .starts_with("2024-04-25")
        );
        assert!(e.is_html && !e.teaser_only);
        assert!(entries[1].teaser_only);
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Breitbart</title><link href="https://www.breitbart.com/"/>
<id>urn:x</id><updated>2024-04-25T00:00:00Z</updated>
<entry><title type="html">Summit &lt;b&gt;news&lt;/b&gt;</title><link rel="alternate" href="https://www.breitbart.com/x"/>
<id>urn:1</id><updated>2024-04-26T08:00:00Z</updated><author><name>John Roe</name></author>
<content type="text">Plain text content of the article with enough words to count as an article rather than a teaser, since it goes on about the summit in Caracas and what the leaders said there about Israel and Gaza for quite a while.</content></entry>
</feed>"#;
        let entries = parse_feed("f.atom", atom.as_bytes()).unwrap();
        let e = &entries[0];
        assert_eq!(e.record.title.as_deref(), Some("Summit news"));
        assert_eq!(e.record.domain.as_deref(), Some("breitbart.com"));
        assert!(!e.is_html && !e.teaser_only);
        assert!(e.record.text.as_deref().unwrap().starts_with("Plain text"));
    }

    #[test]
    fn broken_and_empty_feeds_are_errors() {
        let e = parse_feed("bad.xml", b"<rss><channel><item><title>unclosed").unwrap_err();
        assert_eq!(e.source, "bad.xml");
        let e = parse_feed(
            "empty.xml",
            b"<rss version=\"2.0\"><channel><title>x</title></channel></rss>",
        )
        .unwrap_err();
        assert_eq!(e.kind, IngestErrorKind::Empty);
    }
}
