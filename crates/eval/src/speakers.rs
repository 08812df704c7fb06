//! Quote speakers against a hand-judged sample of the BASIL dev articles
//! (`data/basil-speakers.tsv`, guideline in docs/speaker-label-gold.md).
//!
//! Each gold item names a direct quote by the BASIL article, the `paragraph:sentence`
//! where the quotation starts and its first words, and gives the true speaker and the
//! hand verdict on the speaker parallax gave when it was judged. The scorer analyses
//! the articles, finds each item's quote (any quote but an indirect one, starting in
//! that sentence, whose words contain the snippet) and takes the speaker parallax
//! gives now: the recorded one keeps its hand verdict; another is judged against the
//! true speaker by name ([`crate::basil::same_actor`]) and counted as re-judged.
//!
//! Reported: precision (right ÷ quotes given a speaker), coverage (quotes given a
//! speaker ÷ judged quotes found; an unresolved pronoun is no speaker), the items not
//! found, and the direct quotes parallax produces that no item judges.

use std::collections::BTreeMap;
use std::path::Path;

use parallax_analyze::Analyzer;
use parallax_core::{Analysis, Quote, QuoteKind, fold};
use serde::Serialize;

use crate::basil::{self, BasilDoc};

/// The gold shipped with parallax.
pub const GOLD: &str = include_str!("../data/basil-speakers.tsv");

/// How a quote's speaker was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The speaker given is the true one.
    Right,
    /// A speaker is given, and it is not the true one.
    Wrong,
    /// No speaker (or an unresolved pronoun), while the text names one.
    Missed,
    /// No speaker, and the text gives none.
    None,
}

impl Verdict {
    fn parse(s: &str) -> Option<Verdict> {
        Some(match s {
            "right" => Verdict::Right,
            "wrong" => Verdict::Wrong,
            "missed" => Verdict::Missed,
            "none" => Verdict::None,
            _ => return None,
        })
    }
}

/// One judged quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Line in the gold file.
    pub line: usize,
    /// BASIL file stem.
    pub article: String,
    /// `(paragraph, sentence)` in `body-paragraphs`.
    pub at: (usize, usize),
    /// The quote's first words.
    pub snippet: String,
    /// The speaker parallax gave when the item was judged.
    pub system: String,
    /// The judgement.
    pub verdict: Verdict,
    /// The true speaker (`|`-separated forms), or `none`.
    pub speaker: String,
    /// Why, in a few words.
    pub note: String,
}

/// Parses the gold TSV (see the file's header); errors name the line.
pub fn parse_gold(text: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("article\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 {
            return Err(format!(
                "line {n}: expected 6 or 7 tab-separated fields (article, at, snippet, system, verdict, speaker, note), found {}",
                f.len()
            ));
        }
        let at = basil::parse_at(f[1])
            .ok_or_else(|| format!("line {n}: `{}` is not paragraph:sentence", f[1]))?;
        let verdict = Verdict::parse(f[4].trim()).ok_or_else(|| {
            format!(
                "line {n}: verdict `{}` is not right, wrong, missed or none",
                f[4]
            )
        })?;
        let (article, snippet, speaker) = (f[0].trim(), f[2].trim(), f[5].trim());
        if article.is_empty() || snippet.is_empty() || speaker.is_empty() {
            return Err(format!(
                "line {n}: article, snippet and speaker must not be empty"
            ));
        }
        items.push(Item {
            line: n,
            article: article.to_string(),
            at,
            snippet: snippet.to_string(),
            system: f[3].trim().to_string(),
            verdict,
            speaker: speaker.to_string(),
            note: f.get(6).map(|s| s.trim().to_string()).unwrap_or_default(),
        });
    }
    if items.is_empty() {
        return Err("no items".to_string());
    }
    Ok(items)
}

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "him", "her", "them", "who", "you",
];

/// The speaker of `q` as the gold records it: the actor's name, `TEXT (unresolved)`
/// for words tied to no actor, or `-`.
pub fn system_speaker(analysis: &Analysis, q: &Quote) -> String {
    match &q.speaker {
        None => "-".to_string(),
        Some(s) => match s.entity.and_then(|e| analysis.entities.get(e)) {
            Some(e) => e.name.clone(),
            None => format!("{} (unresolved)", s.text),
        },
    }
}

/// True when `system` gives a speaker: not `-`, and not a pronoun tied to no actor.
pub fn gives_speaker(system: &str) -> bool {
    match system.strip_suffix(" (unresolved)") {
        _ if system == "-" || system.is_empty() => false,
        Some(text) => !PRONOUNS.contains(&fold(text).as_str()),
        None => true,
    }
}

/// The verdict on `current` (the speaker given now) for `item`, and whether it had
/// to be re-derived because `current` is not the speaker the item records.
pub fn judge(item: &Item, current: &str) -> (Verdict, bool) {
    if fold(current) == fold(&item.system) {
        return (item.verdict, false);
    }
    let gold_none = item.speaker.eq_ignore_ascii_case("none");
    let v = if !gives_speaker(current) {
        if gold_none {
            Verdict::None
        } else {
            Verdict::Missed
        }
    } else if !gold_none && basil::same_actor(current, &item.speaker) {
        Verdict::Right
    } else {
        Verdict::Wrong
    };
    (v, true)
}

/// The item's quote in `doc`: not indirect, starting in the item's sentence (or,
/// failing that, overlapping it), its words containing the snippet (folded).
pub fn find<'a>(doc: &'a BasilDoc, item: &Item) -> Option<(usize, &'a Quote)> {
    let sentence = doc.span_of(item.at)?;
    let text = &doc.analyzed.article.text;
    let snippet = fold(&item.snippet);
    let candidates = doc
        .analyzed
        .analysis
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind != QuoteKind::Indirect)
        .filter(|(_, q)| q.contents().any(|c| fold(c.text(text)).contains(&snippet)));
    let mut overlapping = None;
    // (a quotation in parts is judged on any of its parts)
    for (i, q) in candidates {
        if q.spans().any(|s| sentence.contains_offset(s.start)) {
            return Some((i, q));
        }
        if overlapping.is_none() && q.spans().any(|s| s.overlaps(sentence)) {
            overlapping = Some((i, q));
        }
    }
    overlapping
}

/// One wrong or missed item, for `--examples`.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// BASIL file stem.
    pub article: String,
    /// `paragraph:sentence`.
    pub at: String,
    /// The quote's first words.
    pub snippet: String,
    /// Wrong or missed.
    pub verdict: Verdict,
    /// The speaker parallax gives.
    pub system: String,
    /// The true speaker.
    pub speaker: String,
    /// The judge's note.
    pub note: String,
}

/// Quote speakers scored against the hand-judged BASIL gold.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SpeakerEval {
    /// Articles read.
    pub articles: usize,
    /// Items in the gold.
    pub judged: usize,
    /// Items whose quote was found in the current analysis.
    pub found: usize,
    /// Found items whose speaker is right.
    pub right: usize,
    /// Found items whose speaker is wrong.
    pub wrong: usize,
    /// Found items with no speaker where the text names one.
    pub missed: usize,
    /// Found items with no speaker, rightly.
    pub none: usize,
    /// Found items whose speaker changed since judging (verdict re-derived by name).
    pub rejudged: usize,
    /// Items naming an article that is not in the data.
    pub unknown_article: usize,
    /// Items whose quote was not found (sentence cut, quote gone or changed).
    pub not_found: Vec<String>,
    /// Direct quotes in the analysis (in a located BASIL sentence) that no item judges.
    pub unjudged: usize,
    /// The wrong and missed items, for `--examples`.
    pub examples: Vec<Example>,
}

impl SpeakerEval {
    /// Right ÷ found quotes given a speaker.
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.right + self.wrong)
    }
    /// Found quotes given a speaker ÷ found quotes.
    pub fn coverage(&self) -> f64 {
        ratio(self.right + self.wrong, self.found)
    }

    /// The text report of `parallax eval speakers`.
    pub fn report(&self) -> String {
        format!(
            "BASIL speakers: {} articles, {} judged quotes, {} found ({} re-judged by name), {} not found\n\
             {:<28} {:.3}  ({} right, {} wrong)\n\
             {:<28} {:.3}  ({} given a speaker; {} missed, {} rightly none)\n\
             {:<28} {}\n",
            self.articles,
            self.judged,
            self.found,
            self.rejudged,
            self.not_found.len() + self.unknown_article,
            "speaker precision",
            self.precision(),
            self.right,
            self.wrong,
            "coverage",
            self.coverage(),
            self.right + self.wrong,
            self.missed,
            self.none,
            "direct quotes not judged",
            self.unjudged,
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores the analysed `docs` against `items`.
pub fn score(docs: &[BasilDoc], items: &[Item]) -> SpeakerEval {
    let by_stem: BTreeMap<&str, &BasilDoc> = docs.iter().map(|d| (d.stem.as_str(), d)).collect();
    let mut e = SpeakerEval {
        articles: docs.len(),
        judged: items.len(),
        ..Default::default()
    };
    let mut matched: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for item in items {
        let Some(doc) = by_stem.get(item.article.as_str()) else {
            e.unknown_article += 1;
            continue;
        };
        let Some((qi, q)) = find(doc, item) else {
            e.not_found.push(format!(
                "{} {}:{} {}",
                item.article, item.at.0, item.at.1, item.snippet
            ));
            continue;
        };
        matched.entry(doc.stem.as_str()).or_default().push(qi);
        e.found += 1;
        let current = system_speaker(&doc.analyzed.analysis, q);
        let (v, re) = judge(item, &current);
        e.rejudged += usize::from(re);
        match v {
            Verdict::Right => e.right += 1,
            Verdict::Wrong => e.wrong += 1,
            Verdict::Missed => e.missed += 1,
            Verdict::None => e.none += 1,
        }
        if matches!(v, Verdict::Wrong | Verdict::Missed) {
            e.examples.push(Example {
                article: item.article.clone(),
                at: format!("{}:{}", item.at.0, item.at.1),
                snippet: item.snippet.clone(),
                verdict: v,
                system: current,
                speaker: item.speaker.clone(),
                note: if re {
                    "(re-judged by name)".to_string()
                } else {
                    item.note.clone()
                },
            });
        }
    }
    for doc in docs {
        let done = matched.get(doc.stem.as_str());
        e.unjudged += doc
            .analyzed
            .analysis
            .quotes
            .iter()
            .enumerate()
            .filter(|(i, q)| {
                q.kind == QuoteKind::Direct
                    && doc.sentence_at(q.span.start).is_some()
                    && !done.is_some_and(|d| d.contains(i))
            })
            .count();
    }
    e
}

/// Analyses the BASIL articles under `dir` and scores them against `gold` (TSV text).
pub fn eval_basil(dir: &Path, analyzer: &Analyzer, gold: &str) -> Result<SpeakerEval, String> {
    let items = parse_gold(gold)?;
    let docs = basil::load(dir, analyzer)?;
    Ok(score(&docs, &items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{ActorKind, AnalyzedArticle, Article, Entity, Outlet, Span, Speaker};

    fn item(system: &str, verdict: Verdict, speaker: &str) -> Item {
        Item {
            line: 1,
            article: "a_1".into(),
            at: (1, 0),
            snippet: "we will win".into(),
            system: system.into(),
            verdict,
            speaker: speaker.into(),
            note: String::new(),
        }
    }

    #[test]
    fn parses_the_shipped_gold_and_reports_bad_lines() {
        let items = parse_gold(GOLD).unwrap();
        assert!(items.len() >= 220, "{} items", items.len());
        let stems: std::collections::BTreeSet<&str> =
            items.iter().map(|i| i.article.as_str()).collect();
        assert!(stems.len() >= 150);
        let err = parse_gold("# c\na_1\t0:1\tsnippet\tX\tperhaps\tY\n").unwrap_err();
        assert!(err.contains("line 2") && err.contains("perhaps"), "{err}");
        let err = parse_gold("a_1\t0-1\tsnippet\tX\tright\tY\n").unwrap_err();
        assert!(err.contains("line 1") && err.contains("0-1"), "{err}");
        let err = parse_gold("a_1\t0:1\tsnippet\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
        assert!(parse_gold("# only comments\n").is_err());
    }

    #[test]
    fn judging_keeps_hand_verdicts_and_rederives_changed_speakers() {
        let i = item("Trump Tower Moscow", Verdict::Wrong, "Donald Trump");
        assert_eq!(judge(&i, "Trump Tower Moscow"), (Verdict::Wrong, false));
        assert_eq!(judge(&i, "Trump"), (Verdict::Right, true));
        assert_eq!(judge(&i, "Ivanka Trump"), (Verdict::Wrong, true));
        assert_eq!(judge(&i, "he (unresolved)"), (Verdict::Missed, true));
        assert_eq!(judge(&i, "-"), (Verdict::Missed, true));
        let none = item("Donald Trump", Verdict::Wrong, "none");
        assert_eq!(judge(&none, "-"), (Verdict::None, true));
        assert_eq!(judge(&none, "Barack Obama"), (Verdict::Wrong, true));
        let desc = item("-", Verdict::Missed, "Mike Pence|the governor");
        assert_eq!(
            judge(&desc, "the governor (unresolved)"),
            (Verdict::Right, true)
        );
        assert!(!gives_speaker("she (unresolved)"));
        assert!(gives_speaker("a White House official (unresolved)"));
        assert!(!gives_speaker("-"));
    }

    fn doc_with(quotes: Vec<Quote>, entities: Vec<Entity>) -> BasilDoc {
        let text = "Intro here.\n\n“We will win,” Smith said. “Again.”".to_string();
        let paras = vec![
            vec!["Intro here.".to_string()],
            vec![
                "“We will win,” Smith said.".to_string(),
                "“Again.”".to_string(),
            ],
        ];
        let sentences = basil::locate(&text, &paras);
        let article = Article::new(Outlet::named("nyt"), Default::default(), text, Vec::new());
        BasilDoc {
            stem: "a_1".into(),
            source: "nyt".into(),
            analyzed: AnalyzedArticle {
                article,
                analysis: Analysis {
                    quotes,
                    entities,
                    ..Default::default()
                },
            },
            sentences,
        }
    }

    fn quote(kind: QuoteKind, span: Span, content: Span, speaker: Option<usize>) -> Quote {
        Quote {
            kind,
            span,
            content,
            text: String::new(),
            speaker: speaker.map(|e| Speaker {
                entity: Some(e),
                span: Span::new(32, 37),
                text: "Smith".into(),
                rule: "test".into(),
            }),
            cue: None,
            also_at: Vec::new(),
            parts: Vec::new(),
        }
    }

    #[test]
    fn finds_the_quote_by_sentence_and_snippet_and_counts_unjudged() {
        // “ and ” are 3 bytes each: the first quotation is 13..31, its words 16..28.
        let smith = Entity {
            key: "person:john smith".into(),
            name: "John Smith".into(),
            kind: ActorKind::Person,
            variants: vec!["Smith".into()],
            roles: Vec::new(),
            aliases: Vec::new(),
            mentions: 1,
        };
        let q1 = quote(
            QuoteKind::Direct,
            Span::new(13, 31),
            Span::new(16, 28),
            Some(0),
        );
        let q2 = quote(
            QuoteKind::Direct,
            Span::new(44, 56),
            Span::new(47, 53),
            None,
        );
        let doc = doc_with(vec![q1, q2], vec![smith]);
        assert_eq!(doc.sentence_at(13), Some((1, 0)));
        assert_eq!(doc.sentence_at(44), Some((1, 1)));
        let good = item("John Smith", Verdict::Right, "John Smith");
        let (qi, q) = find(&doc, &good).unwrap();
        assert_eq!(qi, 0);
        assert_eq!(system_speaker(&doc.analyzed.analysis, q), "John Smith");
        let mut elsewhere = good.clone();
        elsewhere.at = (0, 0);
        assert!(find(&doc, &elsewhere).is_none(), "wrong sentence");
        let mut other_words = good.clone();
        other_words.snippet = "we shall lose".into();
        assert!(find(&doc, &other_words).is_none(), "wrong snippet");
        let mut gone = good.clone();
        gone.article = "b_2".into();
        let e = score(std::slice::from_ref(&doc), &[good, other_words, gone]);
        assert_eq!((e.judged, e.found, e.right), (3, 1, 1));
        assert_eq!(e.not_found.len(), 1);
        assert_eq!(e.unknown_article, 1);
        assert_eq!(
            e.unjudged, 1,
            "the second direct quote is judged by no item"
        );
        assert_eq!(e.precision(), 1.0);
        assert_eq!(e.coverage(), 1.0);
    }
}
