//! User search text to a safe full-text query: words and "quoted phrases" are
//! kept, prefix* allowed, everything else is treated as text. A user can never
//! inject the engine's own syntax.

/// The terms of a search: phrases (several words) and words, with a prefix flag.
pub fn terms_of(input: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == '"' || c == '“' || c == '”' {
            chars.next();
            let mut phrase = String::new();
            while let Some(&d) = chars.peek() {
                chars.next();
                if d == '"' || d == '”' || d == '“' {
                    break;
                }
                phrase.push(d);
            }
            let words = clean_words(&phrase);
            if !words.is_empty() {
                out.push((words.join(" "), false));
            }
        } else if c.is_whitespace() {
            chars.next();
        } else {
            let mut word = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_whitespace() || d == '"' || d == '“' {
                    break;
                }
                word.push(d);
                chars.next();
            }
            let prefix = word.ends_with('*');
            for w in clean_words(&word) {
                out.push((w, prefix));
            }
        }
    }
    out
}

fn clean_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// An SQLite FTS5 MATCH expression: every term quoted, implicitly ANDed.
pub fn fts_query(input: &str) -> Option<String> {
    let terms = terms_of(input);
    if terms.is_empty() {
        return None;
    }
    Some(
        terms
            .iter()
            .map(|(t, prefix)| {
                let q = format!("\"{}\"", t.replace('"', ""));
                if *prefix { format!("{q} *") } else { q }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_words_prefixes_and_junk() {
        assert_eq!(
            fts_query(r#"Maduro "socialist dictator""#).unwrap(),
            r#""maduro" "socialist dictator""#
        );
        assert_eq!(fts_query("genoc*").unwrap(), r#""genoc" *"#);
        assert_eq!(fts_query("  ").as_deref(), None);
        // the engine's own syntax is only text
        assert_eq!(
            fts_query("a OR b NOT c:d (x) ^y -z").unwrap(),
            r#""a" "or" "b" "not" "c" "d" "x" "y" "z""#
        );
        assert_eq!(
            fts_query(r#"unbalanced "quote"#).unwrap(),
            r#""unbalanced" "quote""#
        );
        assert_eq!(fts_query("Chávez’s").unwrap(), "\"chávez’s\"");
    }
}
