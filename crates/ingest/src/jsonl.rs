//! JSON Lines: one article per line. Fields (all optional but one text field):
//! `text` | `content` | `body` (string, or array of paragraph strings),
//! `body-paragraphs` (array of paragraphs, each an array of sentences),
//! `html` (raw page), `title`, `outlet` | `source` | `site_name` (string),
//! `domain`, `url`, `published` | `date`, `authors` (array) | `author` (string),
//! `language` | `lang`. Unknown fields are ignored. See docs/inputs.md.

use serde_json::Value;

use crate::{IngestError, IngestErrorKind};

/// The fields of one JSON record, before cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRecord {
    pub text: Option<String>,
    pub html: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub domain: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    /// Repairs made on the way (decoding, fields), recorded on the article.
    pub repairs: Vec<String>,
}

pub fn parse_record(source: &str, line: &str) -> Result<RawRecord, IngestError> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        IngestError::new(
            source,
            IngestErrorKind::Malformed,
            format!("invalid JSON: {e}"),
        )
    })?;
    record_from_value(source, &value)
}

pub fn record_from_value(source: &str, value: &Value) -> Result<RawRecord, IngestError> {
    let obj = value.as_object().ok_or_else(|| {
        IngestError::new(
            source,
            IngestErrorKind::Malformed,
            "expected a JSON object per line",
        )
    })?;
    let mut repairs: Vec<String> = Vec::new();
    let mut string = |keys: &[&str]| -> Option<String> {
        for k in keys {
            match obj.get(*k) {
                None | Some(Value::Null) => {}
                Some(Value::String(s)) if s.trim().is_empty() => {}
                Some(Value::String(s)) => return Some(clean_field(k, s, &mut repairs)),
                Some(Value::Object(o)) => match o.get("name") {
                    Some(Value::String(n)) if !n.trim().is_empty() => {
                        return Some(clean_field(k, n, &mut repairs));
                    }
                    _ => repairs.push(format!(
                        "field `{k}` is an object without a `name` string; ignored"
                    )),
                },
                Some(other) => repairs.push(format!(
                    "field `{k}` is {}, not a string; ignored",
                    type_name(other)
                )),
            }
        }
        None
    };
    let title = string(&["title", "headline"]);
    let outlet = string(&["outlet", "source", "site_name", "publisher"]);
    let domain = string(&["domain"]);
    let url = string(&["url", "link", "canonical_url"]);
    let published = string(&["published", "date", "published_at", "publish_date"]);
    let language = string(&["language", "lang"]);
    let html = string(&["html", "raw_html"]);
    let byline = string(&["author", "byline"]);
    let mut wrong_text: Option<String> = None;
    let mut text: Option<String> = None;
    for k in ["text", "content", "body"] {
        match obj.get(k) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                text = Some(s.clone());
                break;
            }
            Some(Value::Array(a)) => {
                let bad = a.iter().filter(|v| !v.is_string()).count();
                if bad > 0 {
                    repairs.push(format!(
                        "{bad} item{} of `{k}` not a string; ignored",
                        if bad == 1 { "" } else { "s" }
                    ));
                }
                text = Some(join_strings(a, "\n\n"));
                break;
            }
            Some(other) => {
                wrong_text.get_or_insert(format!(
                    "field `{k}` is {}, not a string or an array of paragraph strings",
                    type_name(other)
                ));
            }
        }
    }
    let text = text.or_else(|| {
        obj.get("body-paragraphs")
            .and_then(Value::as_array)
            .map(|paras| {
                paras
                    .iter()
                    .map(|p| match p {
                        Value::Array(sents) => join_strings(sents, " "),
                        Value::String(s) => s.clone(),
                        _ => String::new(),
                    })
                    .filter(|p| !p.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
    });
    if text.as_deref().is_none_or(|t| t.trim().is_empty()) && html.is_none() {
        let why = match wrong_text {
            Some(w) => format!("record has no text: {w}"),
            None => "record has no text: give one of text, content, body, body-paragraphs or html"
                .to_string(),
        };
        return Err(IngestError::new(source, IngestErrorKind::Empty, why));
    }
    if let Some(w) = wrong_text {
        repairs.push(format!("{w}; ignored"));
    }
    let mut authors: Vec<String> = match obj.get("authors") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => {
            let bad = a.iter().filter(|v| !v.is_string()).count();
            if bad > 0 {
                repairs.push(format!(
                    "{bad} item{} of `authors` not a string; ignored",
                    if bad == 1 { "" } else { "s" }
                ));
            }
            a.iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(|s| clean_field("authors", s, &mut repairs))
                .collect()
        }
        Some(Value::String(s)) if s.trim().is_empty() => Vec::new(),
        Some(Value::String(s)) => vec![clean_field("authors", s, &mut repairs)],
        Some(other) => {
            repairs.push(format!(
                "field `authors` is {}, not an array of names; ignored",
                type_name(other)
            ));
            Vec::new()
        }
    };
    if authors.is_empty() {
        authors.extend(byline);
    }
    let published = published.and_then(|p| match checked_date(&p) {
        Some(d) if d == p => Some(d),
        Some(d) => {
            repairs.push(format!("published {p:?} read as {d}"));
            Some(d)
        }
        None => {
            repairs.push(format!(
                "published {p:?} is not a date (YYYY-MM-DD, ISO 8601 or RFC 2822); ignored"
            ));
            None
        }
    });
    Ok(RawRecord {
        text,
        html,
        title,
        outlet,
        domain,
        url,
        published,
        authors,
        language,
        repairs,
    })
}

/// A metadata string without control characters (a NUL in an outlet name), the
/// removal recorded.
fn clean_field(key: &str, s: &str, repairs: &mut Vec<String>) -> String {
    let controls = s.chars().filter(|c| c.is_control()).count();
    if controls == 0 {
        return s.to_string();
    }
    repairs.push(format!(
        "{controls} control character{} (NUL, escape…) removed from `{key}`",
        if controls == 1 { "" } else { "s" }
    ));
    let kept: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The date as given when it starts with a valid `YYYY-MM-DD` (ISO 8601, RFC 3339),
/// an RFC 2822 date (`Tue, 30 Apr 2024 09:00:00 GMT`) as `YYYY-MM-DD`, else `None`.
pub fn checked_date(s: &str) -> Option<String> {
    let s = s.trim();
    let valid = |y: u32, m: u32, d: u32| {
        (1..=9999).contains(&y) && (1..=parallax_extract::days_in_month(y, m)).contains(&d)
    };
    if let Some(head) = s.get(..10) {
        let b = head.as_bytes();
        if b[4] == b'-' && b[7] == b'-' {
            let num = |r: std::ops::Range<usize>| head.get(r)?.parse::<u32>().ok();
            if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
                let rest = &s[10..];
                let rest_ok = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
                return (valid(y, m, d) && rest_ok).then(|| s.to_string());
            }
        }
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    words.windows(3).find_map(|w| {
        let d: u32 = w[0].parse().ok()?;
        let m = MONTHS
            .iter()
            .position(|m| w[1].get(..3).is_some_and(|p| p.eq_ignore_ascii_case(m)))?
            as u32
            + 1;
        let y: u32 = w[2].parse().ok().filter(|_| w[2].len() == 4)?;
        valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

fn join_strings(a: &[Value], sep: &str) -> String {
    a.iter()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_aliases() {
        let r = parse_record(
            "x#1",
            r#"{"content":"Hello there.","headline":"H","source":{"name":"NYT"},"author":"A B","date":"2020-01-02"}"#,
        )
        .unwrap();
        assert_eq!(r.text.as_deref(), Some("Hello there."));
        assert_eq!(r.title.as_deref(), Some("H"));
        assert_eq!(r.outlet.as_deref(), Some("NYT"));
        assert_eq!(r.authors, vec!["A B"]);
        assert_eq!(r.published.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn nested_paragraphs() {
        let r = parse_record(
            "x",
            r#"{"body-paragraphs":[["One.","Two."],["Three."]],"source":"fox"}"#,
        )
        .unwrap();
        assert_eq!(r.text.as_deref(), Some("One. Two.\n\nThree."));
    }

    #[test]
    fn errors_name_the_problem() {
        let e = parse_record("f.jsonl#3", "{not json").unwrap_err();
        assert!(e.to_string().starts_with("f.jsonl#3: invalid JSON"));
        let e = parse_record("f.jsonl#4", r#"{"title":"no text"}"#).unwrap_err();
        assert_eq!(e.kind, IngestErrorKind::Empty);
        assert!(parse_record("f", "[1,2]").is_err());
        let e = parse_record("f.jsonl#line 5", r#"{"text":42}"#).unwrap_err();
        assert!(e.message.contains("field `text` is a number"), "{e}");
    }

    #[test]
    fn wrong_types_bad_dates_and_controls_are_recorded_repairs() {
        let r = parse_record(
            "x",
            r#"{"text":"Body.","title":7,"url":["u"],"published":"not-a-date","authors":{"a":1},"outlet":"Fox\u0000News"}"#,
        )
        .unwrap();
        assert_eq!((r.title, r.url, r.published), (None, None, None));
        assert!(r.authors.is_empty());
        assert_eq!(r.outlet.as_deref(), Some("Fox News"));
        let said = r.repairs.join(" | ");
        for want in [
            "field `title` is a number, not a string; ignored",
            "field `url` is an array, not a string; ignored",
            "published \"not-a-date\" is not a date",
            "field `authors` is an object, not an array of names; ignored",
            "1 control character (NUL, escape…) removed from `outlet`",
        ] {
            assert!(said.contains(want), "{want:?} not in {said}");
        }
        let r = parse_record("x", r#"{"text":"B.","published":true,"date":"2024-04-30"}"#).unwrap();
        assert_eq!(r.published.as_deref(), Some("2024-04-30"));
        assert_eq!(
            r.repairs,
            ["field `published` is a boolean, not a string; ignored"]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(checked_date("2024-04-30").as_deref(), Some("2024-04-30"));
        assert_eq!(
            checked_date("2024-04-30T09:00:00Z").as_deref(),
            Some("2024-04-30T09:00:00Z")
        );
        assert_eq!(
            checked_date("Tue, 30 Apr 2024 09:00:00 GMT").as_deref(),
            Some("2024-04-30")
        );
        for bad in [
            "not-a-date",
            "2024-02-30",
            "2024-13-01",
            "soon",
            "30 Foo 2024",
            "1 Éé 2024",
        ] {
            assert_eq!(checked_date(bad), None, "{bad}");
        }
    }
}
