//! Page furniture: the lines that belong to the page, not the article (menus,
//! paywalls, appeals, share bars, advertising, captions, notices). One vocabulary,
//! `data/furniture.tsv`, read here and used both by this crate's cleanup of an HTML
//! page's blocks (its exact, prefix and phrase patterns) and by `parallax-ingest`'s
//! cleaning of text (every pattern, also on the text of each page extracted here).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::RegexSetBuilder;

/// Why a line is furniture: the reasons `data/furniture.tsv` may give.
pub const REASONS: &[&str] = &[
    "navigation",
    "paywall",
    "fundraising",
    "promotion",
    "advertisement",
    "caption",
    "byline",
    "notice",
];

/// A regex pattern is tried on lines of at most this many words.
pub const REGEX_MAX_WORDS: usize = 25;
/// A prefix pattern is tried on lines of fewer characters than this.
const PREFIX_MAX_CHARS: usize = 120;
/// A phrase pattern is tried on lines of fewer bytes than this.
const PHRASE_MAX_BYTES: usize = 300;

/// The patterns of each kind, each with its rule's place in the file (for the
/// first match) and its reason.
#[derive(Debug)]
struct Furniture {
    exact: HashMap<String, (usize, &'static str)>,
    prefixes: Vec<(String, usize, &'static str)>,
    phrases: Vec<(String, usize, &'static str)>,
    regexes: regex::RegexSet,
    /// Place and reason of each pattern of `regexes`.
    regex_rules: Vec<(usize, &'static str)>,
}

impl Furniture {
    /// The place and reason of the first pattern matching `line` (`lower` is it in
    /// lower case).
    fn first(&self, line: &str, lower: &str, body_like: bool) -> Option<(usize, &'static str)> {
        let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
        let mut best = self.exact.get(trimmed).copied();
        let mut better = |hit: Option<(usize, &'static str)>| {
            if let Some(h) = hit {
                if best.is_none_or(|b| h.0 < b.0) {
                    best = Some(h);
                }
            }
        };
        if !body_like && lower.chars().count() < PREFIX_MAX_CHARS {
            better(
                self.prefixes
                    .iter()
                    .find(|p| starts_with_word(lower, &p.0))
                    .map(|p| (p.1, p.2)),
            );
        }
        if !body_like && lower.len() < PHRASE_MAX_BYTES {
            better(
                self.phrases
                    .iter()
                    .find(|p| lower.contains(&p.0))
                    .map(|p| (p.1, p.2)),
            );
        }
        if line.split_whitespace().count() <= REGEX_MAX_WORDS {
            better(
                self.regexes
                    .matches(line)
                    .iter()
                    .next()
                    .map(|k| self.regex_rules[k]),
            );
        }
        best
    }

    /// Whether an exact, prefix or phrase pattern matches: the question this crate
    /// asks of a page's blocks. (Not the regexes: they would cost the extractor
    /// about 6% of its speed for nothing, since `parallax-ingest` applies every
    /// pattern to the text of each page it extracts.)
    fn any_plain(&self, lower: &str) -> bool {
        let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
        self.exact.contains_key(trimmed)
            || (lower.len() < PHRASE_MAX_BYTES && self.phrases.iter().any(|p| lower.contains(&p.0)))
            || (lower.chars().count() < PREFIX_MAX_CHARS
                && self.prefixes.iter().any(|p| starts_with_word(lower, &p.0)))
    }
}

/// Parses a furniture file; an unknown reason or kind of match, or a bad regex, is an
/// error naming the line.
fn parse(text: &str) -> Result<Furniture, String> {
    let mut exact = HashMap::new();
    let (mut prefixes, mut phrases, mut patterns, mut regex_rules) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("furniture.tsv line {}", i + 1);
        let mut cols = line.splitn(3, '\t');
        let (Some(reason), Some(how), Some(pattern)) = (cols.next(), cols.next(), cols.next())
        else {
            return Err(format!("{}: expected reason<TAB>how<TAB>pattern", at()));
        };
        let reason = *REASONS
            .iter()
            .find(|r| **r == reason.trim())
            .ok_or_else(|| format!("{}: unknown reason {reason:?}", at()))?;
        let pattern = pattern.trim().to_string();
        match how.trim() {
            "exact" => {
                exact.entry(pattern).or_insert((i, reason));
            }
            "prefix" => prefixes.push((pattern, i, reason)),
            "phrase" => phrases.push((pattern, i, reason)),
            "regex" => {
                // ASCII word boundaries: with Unicode ones the set cannot run as a
                // DFA on text with any non-ASCII character (a curly quote), and falls
                // back to its slowest engine (the patterns' words are ASCII)
                patterns.push(pattern.replace(r"\b", r"(?-u:\b)"));
                regex_rules.push((i, reason));
            }
            other => return Err(format!("{}: unknown kind of match {other:?}", at())),
        }
    }
    // each pattern is compiled alone only if the set fails to, to name the bad
    // one's line (compiling every one twice cost each process's start)
    let regexes = RegexSetBuilder::new(&patterns)
        .case_insensitive(true)
        .build()
        .map_err(|e| {
            let bad = patterns
                .iter()
                .zip(&regex_rules)
                .find_map(|(p, (i, _))| regex::Regex::new(p).err().map(|e| (i, e)));
            match bad {
                Some((i, e)) => format!("furniture.tsv line {}: {e}", i + 1),
                None => format!("furniture.tsv: {e}"),
            }
        })?;
    Ok(Furniture {
        exact,
        prefixes,
        phrases,
        regexes,
        regex_rules,
    })
}

fn furniture() -> &'static Furniture {
    static F: OnceLock<Furniture> = OnceLock::new();
    F.get_or_init(|| {
        parse(include_str!("../data/furniture.tsv"))
            .expect("the built-in furniture.tsv parses (a test checks it)")
    })
}

/// `s` starts with the word or words `w`: no letter or digit right after them.
pub(crate) fn starts_with_word(s: &str, w: &str) -> bool {
    s.starts_with(w)
        && s[w.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The reason `line` (one paragraph or block of text, trimmed) is page furniture,
/// if it is: the first pattern of `data/furniture.tsv` that matches it. A caller
/// that knows the line reads as article body (`body_like`: a cleaned text's long
/// paragraph ending a sentence) gets only the whole-line patterns (`exact`, `regex`):
/// a sentence may mention "subscribe to continue reading" or start with "Copyright".
pub fn furniture_reason(line: &str, body_like: bool) -> Option<&'static str> {
    furniture()
        .first(line, &line.to_lowercase(), body_like)
        .map(|(_, reason)| reason)
}

/// Whether a block of a page, `lower` (in lower case), is furniture by an exact,
/// prefix or phrase pattern.
pub(crate) fn is_furniture(lower: &str) -> bool {
    furniture().any_plain(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_loads_and_each_kind_matches() {
        let f = furniture();
        assert_eq!(f.regex_rules.len(), 37);
        assert!(f.exact.len() + f.prefixes.len() + f.phrases.len() > 150);
        assert!(is_furniture("share this"));
        // the regexes are for text (parallax-ingest), not for a page's blocks
        assert!(!is_furniture("error message"));
        assert_eq!(furniture_reason("Error message", false), Some("navigation"));
        assert_eq!(
            furniture_reason("Skip to main content", false),
            Some("navigation")
        );
        assert_eq!(furniture_reason("Share", false), Some("promotion"));
        assert_eq!(
            furniture_reason("— Advertisement —", false),
            Some("advertisement")
        );
        assert_eq!(
            furniture_reason("Photo: Jane Doe/Reuters", false),
            Some("caption")
        );
        assert_eq!(
            furniture_reason("© 2024 The Daily Paper", false),
            Some("notice")
        );
        assert_eq!(
            furniture_reason("You have reached your free article limit.", false),
            Some("paywall")
        );
        assert_eq!(furniture_reason("Cuba sent doctors to Italy.", false), None);
        // a prefix is a whole word: "Sharepoint" is not "share"
        assert_eq!(furniture_reason("Sharepoint was down", false), None);
        // a line that reads as body gets only the whole-line patterns
        let body =
            "Readers who subscribe to continue reading the archive were told the price would rise.";
        assert_eq!(furniture_reason(body, false), Some("paywall"));
        assert_eq!(furniture_reason(body, true), None);
        assert_eq!(
            furniture_reason("Advertisement", true),
            Some("advertisement")
        );
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let err = |t: &str| parse(t).unwrap_err();
        assert!(err("# c\nnavigation\texact\n").contains("line 2: expected"));
        assert!(err("menu\texact\thome\n").contains("unknown reason \"menu\""));
        assert!(err("navigation\tglob\thome*\n").contains("unknown kind of match \"glob\""));
        assert!(err("navigation\tregex\t(\n").contains("line 1:"));
        assert!(parse("navigation\tregex\t^home$\npromotion\tphrase\tshare this\n").is_ok());
    }
}
