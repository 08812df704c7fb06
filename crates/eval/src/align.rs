//! Statement alignment against a hand-made gold.
//!
//! No public data set gives sentence-to-sentence alignment across outlets (BASIL
//! gives event triplets only), so the gold is ours: for a set of articles, the
//! pairs of statements (named by a text snippet each) that report the same fact,
//! and statements only one outlet makes. Format, one item a line, tab-separated,
//! `#` comments:
//!
//! ```text
//! pair <TAB> Breitbart <TAB> snippet of one sentence <TAB> Morning Star <TAB> snippet of the other
//! pair <TAB> Breitbart <TAB> one sentence || or another <TAB> Morning Star <TAB> the sentence
//! only <TAB> Morning Star <TAB> snippet of a sentence no other outlet makes
//! ```
//!
//! A `pair` line is one fact; when an outlet states it in more than one sentence,
//! its side lists each (`||`), and aligning any of them with any of the other
//! side's finds the fact. A snippet must occur in exactly one statement of that
//! outlet (the scorer says so otherwise). The facts are exhaustive: a predicted
//! pair that is no gold fact's counts against precision. Predicted pairs are the
//! cross-outlet pairs of statements inside each aligned group (shared and
//! partial) of every story. Recall is over facts, precision over predicted pairs.

use std::collections::BTreeSet;

use parallax_compare::{Comparison, StatementRef};
use serde::Serialize;

use crate::Prf;

/// One line of the alignment gold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoldItem {
    /// One fact: (outlet, the snippets of the sentences stating it) per side.
    Pair {
        /// One side.
        a: (String, Vec<String>),
        /// The other side.
        b: (String, Vec<String>),
    },
    /// A statement only one outlet reports.
    Only {
        /// The outlet.
        outlet: String,
        /// A snippet of the sentence.
        snippet: String,
    },
}

/// The alignment gold of the example articles.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// Each item with its line in the file.
    pub items: Vec<(usize, GoldItem)>,
}

impl Gold {
    /// Parses the TSV; errors name the line.
    pub fn parse(text: &str) -> Result<Gold, String> {
        let mut items = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let item = match f.as_slice() {
                ["pair", oa, sa, ob, sb] if [oa, sa, ob, sb].iter().all(|x| !x.is_empty()) => {
                    if oa == ob {
                        return Err(format!("line {n}: a pair joins two different outlets"));
                    }
                    let alts = |s: &str| -> Result<Vec<String>, String> {
                        let v: Vec<String> = s.split("||").map(|x| x.trim().to_string()).collect();
                        if v.iter().any(String::is_empty) {
                            return Err(format!("line {n}: an empty alternative"));
                        }
                        Ok(v)
                    };
                    GoldItem::Pair {
                        a: (oa.to_string(), alts(sa)?),
                        b: (ob.to_string(), alts(sb)?),
                    }
                }
                ["only", o, s] if !o.is_empty() && !s.is_empty() => GoldItem::Only {
                    outlet: o.to_string(),
                    snippet: s.to_string(),
                },
                _ => {
                    return Err(format!(
                        "line {n}: expected `pair<TAB>outlet<TAB>snippet<TAB>outlet<TAB>snippet` or `only<TAB>outlet<TAB>snippet`"
                    ));
                }
            };
            items.push((n, item));
        }
        if items.is_empty() {
            return Err("the gold has no items".to_string());
        }
        Ok(Gold { items })
    }
}

/// A statement, by article and sentence index.
type Key = (String, usize);

/// Statement alignment scored against the gold.
#[derive(Debug, Clone, Serialize)]
pub struct AlignEval {
    /// `lexical` or `embed`.
    pub method: String,
    /// Aligned pairs against the gold facts (precision over pairs, recall over facts).
    pub pairs: Prf,
    /// Gold one-outlet statements listed as that outlet's alone.
    pub only_correct: usize,
    /// Gold one-outlet statements.
    pub only_total: usize,
    /// Gold facts not aligned: (a first sentence of each side).
    pub missed: Vec<(String, String)>,
    /// Aligned pairs the gold does not have.
    pub spurious: Vec<(String, String)>,
    /// Gold one-outlet statements that were aligned to something.
    pub wrongly_aligned: Vec<String>,
}

impl AlignEval {
    /// Share of the one-outlet statements listed alone.
    pub fn only_share(&self) -> f64 {
        if self.only_total == 0 {
            0.0
        } else {
            self.only_correct as f64 / self.only_total as f64
        }
    }

    /// The text report of `parallax eval align` (`examples`: the misses and spurious
    /// pairs).
    pub fn report(&self, examples: bool) -> String {
        let mut out = String::new();
        out.push_str(&self.pairs.line(&format!("{}: aligned pairs", self.method)));
        out.push('\n');
        out.push_str(&format!(
            "{:<28} {}/{} listed as that outlet's alone\n",
            format!("{}: one outlet only", self.method),
            self.only_correct,
            self.only_total
        ));
        if examples {
            for (a, b) in &self.missed {
                out.push_str(&format!("  missed:   {} <> {}\n", short(a), short(b)));
            }
            for (a, b) in &self.spurious {
                out.push_str(&format!("  spurious: {} <> {}\n", short(a), short(b)));
            }
            for s in &self.wrongly_aligned {
                out.push_str(&format!("  aligned but one outlet's only: {}\n", short(s)));
            }
        }
        out
    }
}

fn short(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 70 {
        s.chars().take(69).collect::<String>() + "…"
    } else {
        s
    }
}

/// Typographic quotes and runs of spaces folded, so a snippet typed with straight
/// quotes finds the sentence.
fn norm(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '‘' | '’' | '‚' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            '–' | '—' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect::<String>()
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Scores the statement alignment of `c` against `gold`.
pub fn score(c: &Comparison, gold: &Gold, method: &str) -> Result<AlignEval, String> {
    // Every statement of every story, with whether it was aligned.
    let mut all: Vec<(&StatementRef, bool)> = Vec::new();
    let mut predicted: BTreeSet<(Key, Key)> = BTreeSet::new();
    for story in &c.stories {
        let st = &story.statements;
        for g in st.shared.iter().chain(&st.partial) {
            for (i, a) in g.statements.iter().enumerate() {
                all.push((a, true));
                for b in &g.statements[i + 1..] {
                    if a.outlet != b.outlet {
                        predicted.insert(ordered(key(a), key(b)));
                    }
                }
            }
        }
        for list in st.unique.values() {
            all.extend(list.iter().map(|r| (r, false)));
        }
    }
    let texts: std::collections::BTreeMap<Key, &str> =
        all.iter().map(|(r, _)| (key(r), r.text.as_str())).collect();
    let find = |line: usize, outlet: &str, snippet: &str| -> Result<(Key, bool), String> {
        let want = norm(snippet);
        let hits: Vec<&(&StatementRef, bool)> = all
            .iter()
            .filter(|(r, _)| r.outlet == outlet && norm(&r.text).contains(&want))
            .collect();
        match hits.as_slice() {
            [(r, aligned)] => Ok((key(r), *aligned)),
            [] => Err(format!(
                "gold line {line}: no statement of {outlet:?} contains {snippet:?}"
            )),
            _ => Err(format!(
                "gold line {line}: {} statements of {outlet:?} contain {snippet:?}; make it longer",
                hits.len()
            )),
        }
    };
    let text_of = |k: &Key| texts.get(k).copied().unwrap_or("").to_string();
    // Each fact: the set of pairs that find it.
    let mut facts: Vec<BTreeSet<(Key, Key)>> = Vec::new();
    let mut in_pairs: BTreeSet<Key> = BTreeSet::new();
    let mut only: Vec<(Key, bool)> = Vec::new();
    for (line, item) in &gold.items {
        match item {
            GoldItem::Pair { a, b } => {
                let side = |(outlet, snippets): &(String, Vec<String>)| {
                    snippets
                        .iter()
                        .map(|s| find(*line, outlet, s).map(|k| k.0))
                        .collect::<Result<Vec<Key>, String>>()
                };
                let (sa, sb) = (side(a)?, side(b)?);
                let mut fact = BTreeSet::new();
                for ka in &sa {
                    for kb in &sb {
                        fact.insert(ordered(ka.clone(), kb.clone()));
                    }
                }
                in_pairs.extend(sa.into_iter().chain(sb));
                facts.push(fact);
            }
            GoldItem::Only { outlet, snippet } => only.push(find(*line, outlet, snippet)?),
        }
    }
    for (k, _) in &only {
        if in_pairs.contains(k) {
            return Err(format!(
                "the gold lists {:?} both in a pair and as one outlet's only",
                short(&text_of(k))
            ));
        }
    }
    let correct = predicted
        .iter()
        .filter(|p| facts.iter().any(|f| f.contains(*p)))
        .count();
    let found = facts
        .iter()
        .filter(|f| f.iter().any(|p| predicted.contains(p)))
        .count();
    Ok(AlignEval {
        method: method.to_string(),
        pairs: Prf {
            tp_pred: correct,
            predicted: predicted.len(),
            tp_gold: found,
            gold: facts.len(),
        },
        only_correct: only.iter().filter(|(_, aligned)| !aligned).count(),
        only_total: only.len(),
        missed: facts
            .iter()
            .filter(|f| !f.iter().any(|p| predicted.contains(p)))
            .filter_map(|f| f.iter().next())
            .map(|(a, b)| (text_of(a), text_of(b)))
            .collect(),
        spurious: predicted
            .iter()
            .filter(|p| !facts.iter().any(|f| f.contains(*p)))
            .map(|(a, b)| (text_of(a), text_of(b)))
            .collect(),
        wrongly_aligned: only
            .iter()
            .filter(|(_, aligned)| *aligned)
            .map(|(k, _)| text_of(k))
            .collect(),
    })
}

fn key(r: &StatementRef) -> Key {
    (r.article.clone(), r.sentence)
}

fn ordered(a: Key, b: Key) -> (Key, Key) {
    if a <= b { (a, b) } else { (b, a) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_name_the_line() {
        assert!(Gold::parse("# nothing\n").is_err());
        let e = Gold::parse("pair\tA\tx\tA\ty\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
        let e = Gold::parse("# c\nonly\tA\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let g = Gold::parse("pair\tA\tx y || v\tB\tz\r\nonly\tB\tw\n").unwrap();
        assert_eq!(g.items.len(), 2);
        assert!(matches!(&g.items[0].1, GoldItem::Pair { a, .. } if a.1 == ["x y", "v"]));
        assert!(Gold::parse("pair\tA\tx ||\tB\tz\n").is_err());
    }

    #[test]
    fn norm_folds_quotes_and_spaces() {
        assert_eq!(norm("“Palestine”  lives’"), "\"Palestine\" lives'");
    }
}
