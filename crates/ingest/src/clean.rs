//! Cleaning of already-extracted article text (scraped copies, pasted text).
//!
//! Scrapers leave page furniture in the text: skip links, error banners, job ads
//! and the headline above the article; captions; subscription notices and
//! appeals below it; the same pull-quote twice. The cleaner works paragraph by
//! paragraph and records every cut with its reason, so nothing disappears
//! silently. Rules are generic shapes, never outlets; the furniture vocabulary is
//! `parallax-extract`'s `data/furniture.tsv`, the one the HTML extractor uses.

use std::collections::HashSet;
use std::sync::OnceLock;

use parallax_core::{Removal, RemovalReason, fold, folds_to};
use regex::Regex;

/// Clean text plus what was learned on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// Kept paragraphs joined by "\n\n".
    pub text: String,
    /// The paragraphs cut, each with its reason.
    pub removed: Vec<Removal>,
    /// Headline found in the text when none was known.
    pub title: Option<String>,
    /// Authors named by a byline, standfirst or author biography.
    pub authors: Vec<String>,
    /// The date of a dateline above the article (`YYYY-MM-DD[THH:MM…]`), when one was
    /// there.
    pub published: Option<String>,
}

/// Paragraphs tested against furniture patterns have at most this many words.
const FURNITURE_MAX_WORDS: usize = parallax_extract::FURNITURE_REGEX_MAX_WORDS;
/// A paragraph this long that ends a sentence is article body.
const BODY_MIN_WORDS: usize = 15;
/// Repeats shorter than this are left to the furniture rules.
const DUPLICATE_MIN_WORDS: usize = 5;

fn parse_reason(s: &str) -> Option<RemovalReason> {
    Some(match s {
        "navigation" => RemovalReason::Navigation,
        "paywall" => RemovalReason::Paywall,
        "fundraising" => RemovalReason::Fundraising,
        "promotion" => RemovalReason::Promotion,
        "advertisement" => RemovalReason::Advertisement,
        "caption" => RemovalReason::Caption,
        "byline" => RemovalReason::Byline,
        "notice" => RemovalReason::Notice,
        _ => return None,
    })
}

fn regexes() -> &'static Regexes {
    static R: OnceLock<Regexes> = OnceLock::new();
    R.get_or_init(|| Regexes {
        date_tail: Regex::new(
            r"(?i)(,|\s)\s*((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4})\.?$",
        )
        .unwrap(),
        // ASCII word boundaries (`(?-u:\b)`): Unicode ones keep the regex off its
        // DFA on any line with a non-ASCII character, and it is asked of nearly
        // every paragraph
        credit: Regex::new(
            &r"(?i)(\b(photo|picture|image|credit|pictured)\s*:|\bgetty images\b|\b(ap|afp|reuters|epa|pa) (photo|images?)\b|/\s*(ap|afp|reuters|getty|epa)\b|\((photo|image|picture)\b)"
                .replace(r"\b", r"(?-u:\b)"),
        )
        .unwrap(),
        standfirst_byline: Regex::new(
            r"(?:,|\s)\s*(?:argues|writes|says|reports|explains|asks|warns)\s+((?:[A-Z][A-Z'’.\-]+\s+){1,3}[A-Z][A-Z'’\-]+)\s*$",
        )
        .unwrap(),
        by_line: Regex::new(r"^(?i:by)\s+([A-Z][\p{L}'’.\-]+(?:\s+[A-Z][\p{L}'’.\-]+){1,3})(?:\s*(?:,|\||and|&).*)?$").unwrap(),
        // a paragraph that is a date alone, with its weekday, a time and a zone:
        // "Friday, July 21, 2017", "Updated: 21 July 2017 10:30 a.m. ET"
        dateline: Regex::new(
            r"(?i)^(?:(?:published|updated|posted)\s*:?\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?\s*$",
        )
        .unwrap(),
        bio: Regex::new(
            r"^([A-Z][\p{L}'’.\-]+(?:\s+[A-Z][\p{L}'’.\-]*){1,3}) is (?:an? |the )[^.]{0,80}\b(writer|reporter|journalist|correspondent|editor|columnist|contributor|author)\b",
        )
        .unwrap(),
    })
}

struct Regexes {
    date_tail: Regex,
    dateline: Regex,
    credit: Regex,
    standfirst_byline: Regex,
    by_line: Regex,
    bio: Regex,
}

/// Cleans `raw` text. `known_title` (from a sidecar or metadata) is removed from
/// the body when repeated there and anchors the masthead rule.
pub fn clean_text(raw: &str, known_title: Option<&str>) -> Cleaned {
    let paras = split_paragraphs(raw);
    let mut verdict: Vec<Option<RemovalReason>> = vec![None; paras.len()];
    let mut authors: Vec<String> = Vec::new();
    let mut title: Option<String> = None;

    // Shape-based furniture: patterns, captions, bylines.
    for (i, p) in paras.iter().enumerate() {
        let words = p.split_whitespace().count();
        if words <= FURNITURE_MAX_WORDS {
            // a long paragraph ending a sentence is body: only whole-line patterns
            let body_like = words >= BODY_MIN_WORDS && ends_sentence(p);
            if let Some(reason) =
                parallax_extract::furniture_reason(p, body_like).and_then(parse_reason)
            {
                verdict[i] = Some(reason);
                if reason == RemovalReason::Byline {
                    push_author(&mut authors, bio_author(p));
                }
                continue;
            }
        }
        if let Some(c) = regexes().by_line.captures(p) {
            if words <= 12 {
                verdict[i] = Some(RemovalReason::Byline);
                push_author(&mut authors, Some(c[1].to_string()));
                continue;
            }
        }
        if is_caption(p, words) {
            verdict[i] = Some(RemovalReason::Caption);
        }
    }

    // A dateline is the article's date, never its headline.
    let mut published = None;
    for (i, p) in paras.iter().enumerate() {
        if verdict[i].is_none() && regexes().dateline.is_match(p.trim()) {
            verdict[i] = Some(RemovalReason::Dateline);
            if published.is_none() {
                published = parallax_extract::normalize_date(p);
            }
        }
    }

    // The first body paragraph divides the head (masthead, headline, standfirst)
    // from the article.
    let first_body = paras
        .iter()
        .enumerate()
        .position(|(i, p)| {
            verdict[i].is_none()
                && p.split_whitespace().count() >= BODY_MIN_WORDS
                && ends_sentence(p)
        })
        .unwrap_or(paras.len());

    let title_at = match known_title.map(fold).filter(|t| !t.is_empty()) {
        Some(t) => paras.iter().position(|p| folds_to(p, &t)),
        // A headline is only guessed above a body paragraph, never from a text
        // that has no body to head.
        None if first_body >= paras.len() => None,
        None => (0..first_body).rev().find(|&i| {
            verdict[i].is_none()
                && is_headline(&paras[i])
                && !regexes().standfirst_byline.is_match(&paras[i])
        }),
    };
    if let Some(t) = title_at {
        verdict[t] = Some(RemovalReason::Title);
        if known_title.is_none() {
            title = Some(paras[t].clone());
        }
        for i in 0..t {
            if verdict[i].is_none()
                && !ends_sentence(&paras[i])
                && paras[i].split_whitespace().count() < 12
            {
                verdict[i] = Some(RemovalReason::Masthead);
            }
        }
    }
    // A standfirst ending "…, argues MATT WILLGRESS" names the author; the text stays.
    for p in paras.iter().take(first_body.min(paras.len())) {
        if let Some(c) = regexes().standfirst_byline.captures(p) {
            push_author(&mut authors, Some(title_case(&c[1])));
        }
    }

    // Trailing short lines after the last body paragraph are page furniture
    // (appeal headings, tag lists), unless they end a sentence.
    if let Some(last_body) = (0..paras.len())
        .rev()
        .find(|&i| verdict[i].is_none() && paras[i].split_whitespace().count() >= BODY_MIN_WORDS)
    {
        for i in last_body + 1..paras.len() {
            if verdict[i].is_none()
                && !ends_sentence(&paras[i])
                && paras[i].split_whitespace().count() < 8
            {
                verdict[i] = Some(RemovalReason::Promotion);
            }
        }
    }

    // Verbatim repeats, judged on folded quotes, case and spacing: the second
    // copy of a pull-quote goes.
    let mut seen: HashSet<String> = HashSet::new();
    for (i, p) in paras.iter().enumerate() {
        if verdict[i].is_some() || p.split_whitespace().count() < DUPLICATE_MIN_WORDS {
            continue;
        }
        if !seen.insert(fold(p)) {
            verdict[i] = Some(RemovalReason::Duplicate);
        }
    }

    let mut kept: Vec<&str> = Vec::new();
    let mut removed = Vec::new();
    for (p, v) in paras.iter().zip(&verdict) {
        match v {
            Some(reason) => removed.push(Removal {
                text: p.clone(),
                reason: *reason,
            }),
            None => kept.push(p),
        }
    }
    Cleaned {
        text: kept.join("\n\n"),
        removed,
        title,
        authors,
        published,
    }
}

fn push_author(authors: &mut Vec<String>, name: Option<String>) {
    if let Some(n) = name {
        let n = n.trim().to_string();
        if !n.is_empty() && !authors.contains(&n) {
            authors.push(n);
        }
    }
}

fn bio_author(p: &str) -> Option<String> {
    regexes().bio.captures(p).map(|c| c[1].to_string())
}

/// "MATT WILLGRESS" -> "Matt Willgress".
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’' | '.');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits raw text into trimmed paragraphs. Lines are paragraphs, except that a
/// hard-wrapped line (no sentence end) followed by a line starting in lower case
/// continues the same paragraph.
pub fn split_paragraphs(raw: &str) -> Vec<String> {
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in raw.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{0C}']) {
        let line = normalise_line(line);
        if line.is_empty() {
            if !current.is_empty() {
                paras.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            let continues =
                !ends_sentence(&current) && line.chars().next().is_some_and(|c| c.is_lowercase());
            if continues {
                current.push(' ');
                current.push_str(&line);
                continue;
            }
            paras.push(std::mem::take(&mut current));
        }
        current = line;
    }
    if !current.is_empty() {
        paras.push(current);
    }
    paras
}

/// Collapses whitespace runs to one space and drops control characters.
fn normalise_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() || c == '\u{FEFF}' {
            space = !out.is_empty();
            continue;
        }
        if c.is_control() || matches!(c, '\u{200B}'..='\u{200D}') {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Ends like a sentence: . ! ? … : possibly followed by closing quotes/brackets.
pub fn ends_sentence(p: &str) -> bool {
    let trimmed = p.trim_end_matches(|c: char| {
        matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»') || c.is_whitespace()
    });
    trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn is_headline(p: &str) -> bool {
    let words = p.split_whitespace().count();
    (3..=20).contains(&words)
        && !ends_sentence(p)
        && !p.contains(". ")
        && p.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

fn is_caption(p: &str, words: usize) -> bool {
    if !(6..=60).contains(&words) {
        return false;
    }
    let r = regexes();
    (!ends_sentence(p) && r.date_tail.is_match(p)) || (words <= 40 && r.credit.is_match(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(c: &Cleaned) -> Vec<(String, RemovalReason)> {
        c.removed
            .iter()
            .map(|r| (r.text.clone(), r.reason))
            .collect()
    }

    #[test]
    fn masthead_title_caption_paywall() {
        let raw = "Skip to main content\n\nError message\n\nAn error occurred while searching, try again later.\nNEU Senior Regional Support Officer\nThe left stands with Palestine\n\nA region's support shows resistance to domination, argues JANE DOE\n\nProtesters march through the city centre after the vote in Havana, January 31, 2026\n\nIN NOVEMBER, the president issued a powerful statement reiterating his support for the cause, to applause.\n\nHe added: “We will not abandon it.”\n\nThe 95th Anniversary Appeal\nSupport the Daily Paper\nYou have reached the free limit.\nSubscribe to continue reading.";
        let c = clean_text(raw, None);
        assert_eq!(c.title.as_deref(), Some("The left stands with Palestine"));
        assert_eq!(c.authors, vec!["Jane Doe".to_string()]);
        assert!(c.text.starts_with("A region's support"), "{}", c.text);
        assert!(c.text.ends_with("“We will not abandon it.”"), "{}", c.text);
        let r = reasons(&c);
        assert!(r.contains(&("Skip to main content".into(), RemovalReason::Navigation)));
        assert!(r.contains(&(
            "NEU Senior Regional Support Officer".into(),
            RemovalReason::Masthead
        )));
        assert!(
            r.iter()
                .any(|(t, why)| t.starts_with("Protesters") && *why == RemovalReason::Caption)
        );
        assert!(r.contains(&(
            "You have reached the free limit.".into(),
            RemovalReason::Paywall
        )));
        assert!(r.contains(&("Support the Daily Paper".into(), RemovalReason::Fundraising)));
        assert!(r.contains(&(
            "The 95th Anniversary Appeal".into(),
            RemovalReason::Fundraising
        )));
    }

    #[test]
    fn datelines_are_dates_not_headlines() {
        for (line, date) in [
            ("Friday, July 21, 2017", "2017-07-21"),
            ("July 21, 2017", "2017-07-21"),
            ("Updated: 21 July 2017 10:30 a.m. ET", "2017-07-21"),
            ("Sunday, Jan. 6th, 2019", "2019-01-06"),
        ] {
            let raw = format!(
                "{line}\n\nA Deal At Last\n\nThe council voted on Tuesday to close the \
                 library after a long debate, residents said."
            );
            let c = clean_text(&raw, None);
            assert_eq!(c.title.as_deref(), Some("A Deal At Last"), "{line}");
            assert!(
                c.published.as_deref().unwrap_or("").starts_with(date),
                "{line}: {c:?}"
            );
            assert_eq!(reasons(&c)[0], (line.to_string(), RemovalReason::Dateline));
        }
        // a headline that holds a date is still a headline
        let c = clean_text(
            "Talks resume on July 21, 2017 after a pause\n\nThe council voted on Tuesday to \
             close the library after a long debate, residents said.",
            None,
        );
        assert_eq!(c.published, None);
        assert_eq!(
            c.title.as_deref(),
            Some("Talks resume on July 21, 2017 after a pause")
        );
    }

    #[test]
    fn duplicates_across_quote_styles() {
        let raw = "“ALBA continues with its flag flying high,” Maduro wrote on social media.\n\n\"ALBA continues with its flag flying high,\" Maduro wrote on social media.\n\nAnother paragraph here.";
        let c = clean_text(raw, None);
        assert_eq!(c.text.matches("flag flying").count(), 1);
        assert_eq!(c.removed.len(), 1);
        assert_eq!(c.removed[0].reason, RemovalReason::Duplicate);
    }

    #[test]
    fn author_bio() {
        let raw = "Body text that is long enough to count as the article body, with many words in it.\n\nJohn Q. Public is a Venezuelan writer and documents life. You can follow him on Twitter here.";
        let c = clean_text(raw, Some("Some title"));
        assert_eq!(c.authors, vec!["John Q. Public".to_string()]);
        assert_eq!(c.removed[0].reason, RemovalReason::Byline);
    }

    #[test]
    fn known_title_removed_and_nothing_else() {
        let raw = "Big news today\n\nThe council voted on Tuesday to close the library, a decision many residents said they regretted.";
        let c = clean_text(raw, Some("Big News Today"));
        assert_eq!(c.title, None);
        assert_eq!(c.removed.len(), 1);
        assert_eq!(c.removed[0].reason, RemovalReason::Title);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let p = split_paragraphs(
            "The minister said the plan\nwould go ahead.\nNew paragraph.\n\n\n  spaced   out  ",
        );
        assert_eq!(
            p,
            vec![
                "The minister said the plan would go ahead.",
                "New paragraph.",
                "spaced out"
            ]
        );
    }

    #[test]
    fn empty_and_only_junk() {
        assert_eq!(clean_text("", None).text, "");
        let c = clean_text(
            "Skip to main content\nSubscribe to continue reading.\nAdvertisement",
            None,
        );
        assert_eq!(c.text, "");
        assert_eq!(c.removed.len(), 3);
    }

    #[test]
    fn body_mentioning_subscribe_stays() {
        let raw = "Readers who subscribe to continue reading the paper's archive were told on Monday that the price would rise by a third next year.";
        assert_eq!(clean_text(raw, None).text, raw);
    }
}
