//! Metadata: `<title>`, meta tags (OpenGraph, Twitter, `article:*`, Dublin
//! Core, `name=author`...), JSON-LD (including `@graph`), `<time datetime>`,
//! `rel=canonical`, `<html lang>`, bylines marked up in the body, and dates in
//! the URL. Structured sources win over markup guesses; the first value found
//! for a field in a given source wins.

use crate::dom::{Doc, Tag};
use serde_json::Value;

#[derive(Default, Debug)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "posting",
];

#[derive(Default)]
struct Ld {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
    description: Option<String>,
    language: Option<String>,
    url: Option<String>,
    /// Fallbacks from non-article objects (WebPage, WebSite).
    page_published: Option<String>,
    site_name: Option<String>,
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(clean_ws(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(str_of),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(str_of),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn names_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            for a in split_authors(s) {
                push_unique(out, a);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names_of(x, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names_of(n, out);
            } else if let (Some(g), Some(f)) = (o.get("givenName"), o.get("familyName")) {
                if let (Some(g), Some(f)) = (str_of(g), str_of(f)) {
                    push_unique(out, format!("{g} {f}"));
                }
            }
        }
        _ => {}
    }
}

fn types_of(o: &serde_json::Map<String, Value>) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str())
            .map(|s| s.to_ascii_lowercase())
            .collect(),
        _ => vec![],
    }
}

/// Walks a JSON-LD value (objects, arrays, `@graph`, `mainEntity`) with an
/// explicit stack; serde_json has already bounded the nesting depth.
fn walk_ld(root: &Value, ld: &mut Ld) {
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 10_000 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                let types = types_of(o);
                let is_article = types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
                if is_article {
                    if ld.headline.is_none() {
                        ld.headline = o.get("headline").or_else(|| o.get("name")).and_then(str_of);
                    }
                    if ld.authors.is_empty() {
                        if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                            names_of(a, &mut ld.authors);
                        }
                    }
                    if ld.published.is_none() {
                        ld.published = o
                            .get("datePublished")
                            .or_else(|| o.get("dateCreated"))
                            .and_then(str_of);
                    }
                    if ld.modified.is_none() {
                        ld.modified = o.get("dateModified").and_then(str_of);
                    }
                    if ld.publisher.is_none() {
                        ld.publisher = o.get("publisher").and_then(str_of);
                    }
                    if ld.description.is_none() {
                        ld.description = o.get("description").and_then(str_of);
                    }
                    if ld.language.is_none() {
                        ld.language = o.get("inLanguage").and_then(str_of);
                    }
                    if ld.url.is_none() {
                        ld.url = o.get("url").and_then(|u| u.as_str()).map(str::to_string);
                    }
                } else if types.iter().any(|t| t == "webpage" || t.ends_with("page")) {
                    if ld.page_published.is_none() {
                        ld.page_published = o.get("datePublished").and_then(str_of);
                    }
                } else if types
                    .iter()
                    .any(|t| t == "website" || t == "newsmediaorganization")
                    && ld.site_name.is_none()
                {
                    ld.site_name = o.get("name").and_then(str_of);
                }
                for key in [
                    "@graph",
                    "mainEntity",
                    "mainEntityOfPage",
                    "itemListElement",
                ] {
                    if let Some(x) = o.get(key) {
                        if matches!(x, Value::Array(_) | Value::Object(_)) {
                            stack.push(x);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

pub(crate) fn clean_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn push_unique(out: &mut Vec<String>, s: String) {
    if !s.is_empty() && !out.iter().any(|x| x.eq_ignore_ascii_case(&s)) {
        out.push(s);
    }
}

/// "By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"]. URLs and overlong
/// strings are not names.
pub(crate) fn split_authors(s: &str) -> Vec<String> {
    let s = clean_ws(s);
    let mut s = s.as_str();
    for p in ["By ", "by ", "BY ", "Von ", "Par "] {
        if let Some(r) = s.strip_prefix(p) {
            s = r;
        }
    }
    if s.contains("://") || s.starts_with('/') || s.len() > 200 {
        return vec![];
    }
    let mut out = vec![];
    for part in s.split([',', ';', '|', '&']).flat_map(|p| p.split(" and ")) {
        let p = part.trim().trim_end_matches('.').trim();
        if p.len() >= 2 && p.len() <= 80 && p.chars().any(|c| c.is_alphabetic()) {
            push_unique(&mut out, p.to_string());
        }
    }
    out
}

fn month_from(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    let m = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if l.len() < 3 {
        return None;
    }
    m.iter()
        .position(|x| l.starts_with(x))
        .map(|p| p as u32 + 1)
}

/// The days of month `m` (1–12) of year `y` in the Gregorian calendar (29 in a
/// leap February); 0 for a month that does not exist.
pub fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A day of the calendar (no 31 April, 29 February in leap years only) in the
/// years news dates fall in.
fn valid(y: u32, m: u32, d: u32) -> bool {
    (1990..=2100).contains(&y) && (1..=days_in_month(y, m)).contains(&d)
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// Normalises a date found in metadata to `YYYY-MM-DD[THH:MM:SS[Z|±hh:mm]]`.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    // ISO 8601 and close relatives (YYYY/MM/DD, space instead of T).
    if b.len() >= 10
        && b[4] == b[7]
        && matches!(b[4], b'-' | b'/' | b'.')
        && let (Some(y), Some(m), Some(d)) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    {
        if !valid(y, m, d) {
            return None;
        }
        let date = format!("{y:04}-{m:02}-{d:02}");
        let rest = &b[10..];
        if rest.len() >= 6 && matches!(rest[0], b'T' | b' ') && rest[3] == b':' {
            let (Some(hh), Some(mm)) = (digits(&rest[1..3]), digits(&rest[4..6])) else {
                return Some(date);
            };
            let mut k = 6;
            let mut ss = 0;
            if rest.len() >= 9 && rest[6] == b':' {
                ss = digits(&rest[7..9]).unwrap_or(0);
                k = 9;
            }
            while k < rest.len() && (rest[k] == b'.' || rest[k].is_ascii_digit()) {
                k += 1;
            }
            if hh > 23 || mm > 59 || ss > 60 {
                return Some(date);
            }
            let tz = tz_suffix(std::str::from_utf8(&rest[k..]).unwrap_or("").trim());
            return Some(format!("{date}T{hh:02}:{mm:02}:{ss:02}{tz}"));
        }
        return Some(date);
    }
    // Compact YYYYMMDD.
    if b.len() == 8
        && let (Some(y), Some(m), Some(d)) = (digits(&b[0..4]), digits(&b[4..6]), digits(&b[6..8]))
    {
        return valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"));
    }
    // "Tue, 24 Nov 2026 08:34:10 GMT", "November 24, 2026", "24 November 2026".
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut y = None;
    let mut m = None;
    let mut d = None;
    let mut time = None;
    for w in &words {
        let wb = w.as_bytes();
        if wb.len() == 4 && digits(wb).is_some() && y.is_none() {
            y = digits(wb);
        } else if (1..=2).contains(&wb.len()) && digits(wb).is_some() && d.is_none() {
            d = digits(wb);
        } else if m.is_none()
            && wb[0].is_ascii_alphabetic()
            && month_from(w).is_some()
            && w.len() <= 9
        {
            m = month_from(w);
        } else if wb.len() >= 5 && wb[2] == b':' {
            time = Some(*w);
        } else if let Some(x) = w
            .strip_suffix("th")
            .or(w.strip_suffix("st"))
            .or(w.strip_suffix("nd"))
            .or(w.strip_suffix("rd"))
            && d.is_none()
        {
            d = digits(x.as_bytes());
        }
    }
    let (y, m, d) = (y?, m?, d?);
    if !valid(y, m, d) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    if let Some(t) = time {
        let tb = t.as_bytes();
        if let (Some(hh), Some(mm)) = (digits(&tb[0..2]), digits(&tb[3..5])) {
            let ss = if tb.len() >= 8 && tb[5] == b':' {
                digits(&tb[6..8]).unwrap_or(0)
            } else {
                0
            };
            let tail = words.last().copied().unwrap_or("");
            let tz = if tail == t {
                String::new()
            } else {
                tz_suffix(tail)
            };
            if hh <= 23 && mm <= 59 {
                return Some(format!("{date}T{hh:02}:{mm:02}:{ss:02}{tz}"));
            }
        }
    }
    Some(date)
}

fn tz_suffix(t: &str) -> String {
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("gmt") || t.eq_ignore_ascii_case("utc")
    {
        return "Z".into();
    }
    let b = t.as_bytes();
    if !b.is_empty() && matches!(b[0], b'+' | b'-') {
        let dg: Vec<u8> = b[1..].iter().copied().filter(u8::is_ascii_digit).collect();
        if dg.len() == 4 {
            let (h, m) = (&dg[0..2], &dg[2..4]);
            if h == b"00" && m == b"00" {
                return "Z".into();
            }
            return format!(
                "{}{}:{}",
                b[0] as char,
                std::str::from_utf8(h).unwrap_or("00"),
                std::str::from_utf8(m).unwrap_or("00")
            );
        }
        if dg.len() == 2 {
            return format!(
                "{}{}:00",
                b[0] as char,
                std::str::from_utf8(&dg).unwrap_or("00")
            );
        }
    }
    String::new()
}

/// A date in the URL path: /2019/05/12/, /2019-05-12-, /20190512/.
pub(crate) fn url_date(url: &str) -> Option<String> {
    let path = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = path.find('/').map(|i| &path[i..]).unwrap_or("");
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let rest = &b[i..];
        if rest.len() >= 10
            && matches!(rest[4], b'/' | b'-' | b'_')
            && rest[4] == rest[7]
            && let (Some(y), Some(m), Some(d)) = (
                digits(&rest[0..4]),
                digits(&rest[5..7]),
                digits(&rest[8..10]),
            )
            && rest.get(10).is_none_or(|c| !c.is_ascii_digit())
            && valid(y, m, d)
        {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        if rest.len() >= 8
            && i > 0
            && matches!(b[i - 1], b'/' | b'-' | b'_')
            && rest.get(8).is_none_or(|c| !c.is_ascii_alphanumeric())
            && let (Some(y), Some(m), Some(d)) = (
                digits(&rest[0..4]),
                digits(&rest[4..6]),
                digits(&rest[6..8]),
            )
            && valid(y, m, d)
        {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// Resolves `href` against `base` for the simple cases canonical links use.
fn resolve(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    if href.contains("://") {
        return href.to_string();
    }
    let Some(base) = base else {
        return href.to_string();
    };
    let Some((scheme, rest)) = base.split_once("://") else {
        return href.to_string();
    };
    if let Some(h) = href.strip_prefix("//") {
        return format!("{scheme}://{h}");
    }
    let host = rest.split('/').next().unwrap_or("");
    if href.starts_with('/') {
        return format!("{scheme}://{host}{href}");
    }
    href.to_string()
}

/// Strips a " | Site" / " - Site" suffix from a `<title>`.
fn clean_title(t: &str, site: Option<&str>) -> String {
    let t = clean_ws(t);
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| tail.eq_ignore_ascii_case(s.trim()));
            if tail_is_site
                || (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3)
            {
                return head.trim().to_string();
            }
        }
    }
    t
}

pub(crate) fn extract_meta(doc: &Doc, url: Option<&str>) -> Meta {
    let mut metas: Vec<(String, &str)> = vec![];
    let mut title_tag: Option<String> = None;
    let mut canonical: Option<&str> = None;
    let mut lang: Option<&str> = None;
    let mut ld = Ld::default();
    let mut time_pub: Option<&str> = None;
    let mut time_first: Option<&str> = None;
    let mut time_mod: Option<&str> = None;
    let mut byline: Vec<String> = vec![];
    let mut h1: Option<String> = None;
    let mut buf = String::new();
    for i in 1..doc.nodes.len() as u32 {
        let t = doc.nodes[i as usize].tag;
        match t {
            Tag::Html => lang = lang.or(doc.attr(i, "lang").or(doc.attr(i, "xml:lang"))),
            Tag::Title if title_tag.is_none() => {
                buf.clear();
                doc.subtree_text(i, &mut buf);
                let s = clean_ws(&buf);
                if !s.is_empty() {
                    title_tag = Some(s);
                }
            }
            Tag::Meta => {
                let content = doc.attr(i, "content").or(doc.attr(i, "value"));
                let Some(content) = content else { continue };
                for k in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(key) = doc.attr(i, k) {
                        metas.push((key.trim().to_ascii_lowercase(), content));
                    }
                }
            }
            Tag::Link
                if canonical.is_none()
                    && doc.attr(i, "rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|x| x.eq_ignore_ascii_case("canonical"))
                    }) =>
            {
                canonical = doc.attr(i, "href").filter(|h| !h.trim().is_empty());
            }
            Tag::Script => {
                buf.clear();
                doc.subtree_text(i, &mut buf);
                if !buf.trim().is_empty() {
                    let s = buf
                        .trim()
                        .trim_start_matches("<![CDATA[")
                        .trim_end_matches("]]>")
                        .trim();
                    if let Ok(v) = serde_json::from_str::<Value>(s) {
                        walk_ld(&v, &mut ld);
                    }
                }
            }
            Tag::Time => {
                if let Some(dt) = doc.attr(i, "datetime") {
                    let ip = doc.attr(i, "itemprop").unwrap_or("");
                    let cls = doc.attr(i, "class").unwrap_or("");
                    if ip.eq_ignore_ascii_case("datePublished") || cls.contains("publish") {
                        time_pub = time_pub.or(Some(dt));
                    } else if ip.eq_ignore_ascii_case("dateModified")
                        || cls.contains("updat")
                        || cls.contains("modif")
                    {
                        time_mod = time_mod.or(Some(dt));
                    }
                    time_first = time_first.or(Some(dt));
                }
            }
            Tag::H1 if h1.is_none() => {
                buf.clear();
                doc.subtree_text(i, &mut buf);
                let s = clean_ws(&buf);
                if !s.is_empty() {
                    h1 = Some(s);
                }
            }
            _ => {}
        }
        // Bylines marked up in the body.
        if byline.is_empty() && t != Tag::Meta && t != Tag::Text && t != Tag::Link {
            let rel_author = doc
                .attr(i, "rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("author"));
            let ip_author = doc
                .attr(i, "itemprop")
                .is_some_and(|r| r.eq_ignore_ascii_case("author"));
            if rel_author || ip_author {
                buf.clear();
                doc.subtree_text(i, &mut buf);
                if buf.len() < 200 {
                    byline = split_authors(&buf);
                }
            }
        }
    }
    let get = |keys: &[&str]| -> Option<String> {
        for k in keys {
            if let Some((_, v)) = metas.iter().find(|(mk, v)| mk == k && !v.trim().is_empty()) {
                return Some(clean_ws(v));
            }
        }
        None
    };
    let date = |v: Option<String>| v.and_then(|s| normalize_date(&s));
    let mut m = Meta::default();
    m.site_name = get(&["og:site_name", "application-name", "twitter:site"])
        .map(|s| s.trim_start_matches('@').to_string())
        .or(ld.publisher.clone())
        .or(ld.site_name.clone());
    m.title = ld
        .headline
        .clone()
        .or_else(|| get(&["og:title", "twitter:title", "dc.title", "headline", "title"]))
        .or_else(|| {
            title_tag
                .as_deref()
                .map(|t| clean_title(t, m.site_name.as_deref()))
        })
        .or(h1);
    let mut authors = ld.authors.clone();
    if authors.is_empty() {
        for k in [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
            "dcterms.creator",
            "citation_author",
            "twitter:creator",
        ] {
            for (_, v) in metas.iter().filter(|(mk, _)| mk == k) {
                for a in split_authors(v) {
                    if !a.starts_with('@') {
                        push_unique(&mut authors, a);
                    }
                }
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty() {
        authors = byline;
    }
    m.authors = authors;
    m.published = date(ld.published.clone())
        .or_else(|| {
            date(get(&[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "article.published",
                "published_time",
                "publish-date",
                "publishdate",
                "pubdate",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dc.date",
                "dcterms.date",
                "dcterms.created",
                "date",
                "citation_publication_date",
            ]))
        })
        .or_else(|| date(ld.page_published.clone()))
        .or_else(|| time_pub.and_then(normalize_date))
        .or_else(|| time_first.and_then(normalize_date))
        .or_else(|| url.and_then(url_date));
    m.modified = date(ld.modified.clone())
        .or_else(|| {
            date(get(&[
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "dcterms.modified",
                "last-modified",
            ]))
        })
        .or_else(|| time_mod.and_then(normalize_date));
    m.canonical_url = canonical
        .map(|c| resolve(c, url))
        .or_else(|| get(&["og:url"]))
        .or(ld.url.clone())
        .or_else(|| url.map(str::to_string));
    m.language = lang
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .or_else(|| get(&["content-language", "dc.language", "language"]))
        .or(ld.language.clone())
        .or_else(|| get(&["og:locale"]).map(|l| l.replace('_', "-")));
    m.description = get(&[
        "og:description",
        "description",
        "twitter:description",
        "dc.description",
    ])
    .or(ld.description.clone());
    m
}
