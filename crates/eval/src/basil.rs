//! BASIL articles analysed, with each of BASIL's own sentences found in the clean
//! text, so a hand judgement can name an item by the article's file stem and the
//! `paragraph:sentence` index of `body-paragraphs` rather than by byte offsets
//! (which move whenever the cleaner changes).
//!
//! Each BASIL sentence is looked up, in order, in the article's clean text; a
//! sentence the cleaner cut (a caption, a byline) is simply not located, and an
//! item inside it is "not found" by the scorers.

use std::path::{Path, PathBuf};

use parallax_analyze::{ARTICLE_BUDGET, Analyzer};
use parallax_core::{AnalyzedArticle, Article, Span, fold};
use parallax_ingest::{Format, Input, Read, ReadOptions, Reader};

/// One BASIL article, its analysis and where its sentences are in the clean text.
#[derive(Debug, Clone)]
pub struct BasilDoc {
    /// The file stem, `<triplet-uuid>_<n>`: the article's key (BASIL's own `uuid`
    /// is `empty` for two articles).
    pub stem: String,
    /// BASIL's `source` (`nyt`, `fox`, `hpo`), lower-cased.
    pub source: String,
    /// The article as read through the pipeline, with its analysis.
    pub analyzed: AnalyzedArticle,
    /// `(paragraph, sentence, span in the clean text)` of every located sentence,
    /// in text order.
    pub sentences: Vec<(usize, usize, Span)>,
}

impl BasilDoc {
    /// The `(paragraph, sentence)` of BASIL's sentence holding byte `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<(usize, usize)> {
        let i = self
            .sentences
            .partition_point(|(_, _, s)| s.start <= offset)
            .checked_sub(1)?;
        let (p, s, span) = self.sentences[i];
        (offset < span.end).then_some((p, s))
    }

    /// Where BASIL's sentence `(paragraph, sentence)` is in the clean text.
    pub fn span_of(&self, at: (usize, usize)) -> Option<Span> {
        self.sentences
            .iter()
            .find(|(p, s, _)| (*p, *s) == at)
            .map(|x| x.2)
    }
}

/// Finds each sentence of `paragraphs` in `text`, in order (a sentence not found
/// is skipped and the search goes on from where the last one ended).
pub fn locate(text: &str, paragraphs: &[Vec<String>]) -> Vec<(usize, usize, Span)> {
    let mut out = Vec::new();
    let mut cursor = 0;
    for (p, para) in paragraphs.iter().enumerate() {
        for (s, sentence) in para.iter().enumerate() {
            let needle = sentence.trim();
            if needle.is_empty() {
                continue;
            }
            if let Some(pos) = text[cursor..].find(needle) {
                let start = cursor + pos;
                out.push((p, s, Span::new(start, start + needle.len())));
                cursor = start + needle.len();
            }
        }
    }
    out
}

/// Reads BASIL's `articles/<year>/*.json` under `dir` (or `dir` itself when it
/// holds the years) through the pipeline `parallax compare` uses (each file a JSON
/// record, `parallax_ingest::Reader`, then `Analyzer::analyze_batch`).
pub fn load(dir: &Path, analyzer: &Analyzer) -> Result<Vec<BasilDoc>, String> {
    let root = if dir.join("articles").is_dir() {
        dir.join("articles")
    } else {
        dir.to_path_buf()
    };
    if !root.is_dir() {
        return Err(format!(
            "{}: no such directory; the BASIL data lives in ../shared/data/basil beside the repository, or give its path",
            dir.display()
        ));
    }
    let mut files: Vec<PathBuf> = Vec::new();
    collect(&root, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{}: no BASIL articles (expected articles/<year>/*.json)",
            dir.display()
        ));
    }
    let mut reader = Reader::new(ReadOptions::default());
    let mut articles: Vec<Article> = Vec::new();
    let mut meta: Vec<(String, String, Vec<Vec<String>>)> = Vec::new();
    for f in &files {
        let name = f.display().to_string();
        let bytes = std::fs::read(f).map_err(|e| format!("{name}: {e}"))?;
        let (source, paragraphs) = basil_fields(&name, &bytes)?;
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut err = None;
        let mut got = None;
        reader.read(
            Input::Bytes {
                name: &name,
                bytes: &bytes,
                format: Some(Format::Jsonl),
            },
            // A copy of an earlier article is scored too: its items are judged.
            &mut |r| match r {
                Read::Article(a) | Read::Duplicate { article: a, .. } => got = Some(a),
                Read::Failed(e) => err = Some(e.to_string()),
            },
        );
        match (got, err) {
            (Some(a), _) => {
                articles.push(a);
                meta.push((stem, source, paragraphs));
            }
            (None, Some(e)) => return Err(e),
            (None, None) => {}
        }
    }
    let analyzed = analyzer.analyze_batch(articles, ARTICLE_BUDGET, &|| {});
    analyzed
        .into_iter()
        .zip(meta)
        .map(|(r, (stem, source, paragraphs))| {
            let analyzed = r.map_err(|r| format!("{}: {}", r.article.meta.source, r.reason))?;
            let sentences = locate(&analyzed.article.text, &paragraphs);
            Ok(BasilDoc {
                stem,
                source,
                analyzed,
                sentences,
            })
        })
        .collect()
}

/// BASIL's `source` (lower-cased) and `body-paragraphs` of one article file.
fn basil_fields(name: &str, bytes: &[u8]) -> Result<(String, Vec<Vec<String>>), String> {
    let v: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("{name}: invalid JSON: {e}"))?;
    let paragraphs: Vec<Vec<String>> = match v.get("body-paragraphs").and_then(|x| x.as_array()) {
        Some(ps) => ps
            .iter()
            .map(|p| match p {
                serde_json::Value::Array(ss) => ss
                    .iter()
                    .map(|s| s.as_str().unwrap_or_default().to_string())
                    .collect(),
                serde_json::Value::String(s) => vec![s.clone()],
                _ => Vec::new(),
            })
            .collect(),
        None => {
            return Err(format!(
                "{name}: no `body-paragraphs` (not a BASIL article?)"
            ));
        }
    };
    let source = v
        .get("source")
        .and_then(|x| x.as_str())
        .unwrap_or_default()
        .to_lowercase();
    Ok((source, paragraphs))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let p = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}

/// Parses `P:S` (paragraph and sentence indices).
pub fn parse_at(s: &str) -> Option<(usize, usize)> {
    let (p, s) = s.split_once(':')?;
    Some((p.trim().parse().ok()?, s.trim().parse().ok()?))
}

/// Whether the name or description `system` denotes the same actor as one of the
/// `|`-separated forms of `gold`: equal when folded (leading articles and honorifics
/// aside), or the same surname with compatible first names and the same suffixes
/// ("Trump" and "Donald Trump", "Chris Wray" and "Christopher Wray"; never "Bill
/// Clinton" and "Hillary Clinton", nor "Trump" and "Donald Trump Jr."), or an acronym
/// and the name it abbreviates ("ACLU" and "American Civil Liberties Union"). `none`
/// and `-` match nothing.
pub fn same_actor(system: &str, gold: &str) -> bool {
    let sys = name_words(system);
    if sys.is_empty() {
        return false;
    }
    gold.split('|').any(|g| {
        let g = g.trim();
        if g.eq_ignore_ascii_case("none") || g == "-" {
            return false;
        }
        let gw = name_words(g);
        if gw.is_empty() {
            return false;
        }
        if gw == sys || acronym_of(system, g) || acronym_of(g, system) {
            return true;
        }
        let (sn, ss) = split_suffix(&sys);
        let (gn, gs) = split_suffix(&gw);
        if ss != gs || sn.is_empty() || gn.is_empty() || sn.last() != gn.last() {
            return false;
        }
        if sn.len() == 1 || gn.len() == 1 {
            return true;
        }
        let (a, b) = (&sn[0], &gn[0]);
        a.starts_with(b.as_str()) || b.starts_with(a.as_str())
    })
}

/// "ACLU" and "American Civil Liberties Union": `short` is an acronym whose letters
/// are the initials of `long`'s capitalised words (leading articles aside).
fn acronym_of(short: &str, long: &str) -> bool {
    let short = short.trim();
    if !parallax_core::is_acronym(short) || !long.trim().contains(' ') {
        return false;
    }
    let letters: String = fold(short)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let initials: String = long
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .flat_map(char::to_lowercase)
        .collect();
    letters.chars().count() >= 2
        && (initials == letters || initials.get(1..) == Some(letters.as_str()))
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];
const DROPPED: &[&str] = &["the", "a", "an", "mr", "mrs", "ms", "miss", "dr"];

/// Folded words of a name, without punctuation around them, a trailing
/// "(unresolved)", leading articles or honorifics.
fn name_words(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s.strip_suffix("(unresolved)").unwrap_or(s);
    let mut words: Vec<String> = fold(s)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    while words.first().is_some_and(|w| DROPPED.contains(&w.as_str())) {
        words.remove(0);
    }
    words
}

fn split_suffix(words: &[String]) -> (&[String], Option<&str>) {
    match words.split_last() {
        Some((last, rest)) if SUFFIXES.contains(&last.as_str()) => (rest, Some(last.as_str())),
        _ => (words, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_sentences_in_order_and_skips_cut_ones() {
        let text = "One two. Three.\n\nFour five.";
        let paras = vec![
            vec!["One two.".to_string(), "Cut caption.".to_string()],
            vec!["Three.".to_string()],
            vec![" Four five. ".to_string()],
        ];
        let l = locate(text, &paras);
        assert_eq!(
            l,
            vec![
                (0, 0, Span::new(0, 8)),
                (1, 0, Span::new(9, 15)),
                (2, 0, Span::new(17, 27)),
            ]
        );
        let doc = BasilDoc {
            stem: "u_1".into(),
            source: "nyt".into(),
            analyzed: AnalyzedArticle {
                article: parallax_core::Article::new(
                    parallax_core::Outlet::named("nyt"),
                    Default::default(),
                    text.to_string(),
                    Vec::new(),
                ),
                analysis: Default::default(),
            },
            sentences: l,
        };
        assert_eq!(doc.sentence_at(0), Some((0, 0)));
        assert_eq!(doc.sentence_at(8), None, "the space between sentences");
        assert_eq!(doc.sentence_at(20), Some((2, 0)));
        assert_eq!(doc.sentence_at(99), None);
        assert_eq!(doc.span_of((1, 0)), Some(Span::new(9, 15)));
        assert_eq!(doc.span_of((0, 1)), None);
        assert_eq!(parse_at("3:12"), Some((3, 12)));
        assert_eq!(parse_at("3"), None);
        assert_eq!(parse_at("a:1"), None);
    }

    #[test]
    fn same_actor_by_name_and_description() {
        assert!(same_actor("Trump", "Donald Trump"));
        assert!(same_actor("American Civil Liberties Union", "ACLU"));
        assert!(same_actor("ACLU", "The American Civil Liberties Union"));
        assert!(!same_actor("ACLU", "American Bar Association"));
        assert!(same_actor("Donald John Trump", "Donald Trump"));
        assert!(same_actor("Mr. Trump", "Donald Trump"));
        assert!(same_actor("Anthony D. Weiner", "Anthony Weiner"));
        assert!(same_actor("Chris Wray", "Christopher Wray"));
        assert!(same_actor("Trump Jr.", "Donald Trump Jr."));
        assert!(same_actor(
            "the governor (unresolved)",
            "Mike Pence|the governor"
        ));
        assert!(same_actor(
            "a White House official (unresolved)",
            "a White House official"
        ));
        assert!(same_actor("Nicolás Maduro", "nicolas MADURO"));
        assert!(!same_actor("Trump", "Donald Trump Jr."));
        assert!(!same_actor("Bill Clinton", "Hillary Clinton"));
        assert!(!same_actor("Trump Tower Moscow", "Donald Trump"));
        assert!(!same_actor("Delaware", "Joe Biden"));
        assert!(!same_actor("Trump", "none"));
        assert!(!same_actor("-", "-"));
        assert!(!same_actor("the governor", "Mike Pence"));
    }
}
