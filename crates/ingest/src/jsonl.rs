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
    let string = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| match obj.get(*k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::Object(o)) => o.get("name").and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
    };
    let text = ["text", "content", "body"]
        .iter()
        .find_map(|k| match obj.get(*k) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Array(a)) => Some(join_strings(a, "\n\n")),
            _ => None,
        })
        .or_else(|| {
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
    let html = string(&["html", "raw_html"]);
    if text.as_deref().is_none_or(|t| t.trim().is_empty()) && html.is_none() {
        return Err(IngestError::new(
            source,
            IngestErrorKind::Empty,
            "record has no text: give one of text, content, body, body-paragraphs or html",
        ));
    }
    let mut authors: Vec<String> = match obj.get("authors") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    if authors.is_empty() {
        authors.extend(string(&["author", "byline"]));
    }
    Ok(RawRecord {
        text,
        html,
        title: string(&["title", "headline"]),
        outlet: string(&["outlet", "source", "site_name", "publisher"]),
        domain: string(&["domain"]),
        url: string(&["url", "link", "canonical_url"]),
        published: string(&["published", "date", "published_at", "publish_date"]),
        authors,
        language: string(&["language", "lang"]),
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
    }
}
