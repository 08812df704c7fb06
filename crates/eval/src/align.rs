//! Statement alignment against a hand-made gold in the snippet format, for
//! articles without BASIL's sentence indices (the two example articles:
//! `examples/seeds-facts.gold.tsv`, annotated under docs/fact-gold.md). One item
//! a line, tab-separated, `#` comments:
//!
//! ```text
//! pair <TAB> Breitbart <TAB> snippet of one sentence <TAB> Morning Star <TAB> snippet of the other
//! pair <TAB> Breitbart <TAB> one sentence || or another <TAB> Morning Star <TAB> the sentence
//! only <TAB> Morning Star <TAB> snippet of a sentence no other outlet makes
//! conflict <TAB> Breitbart <TAB> snippet <TAB> Morning Star <TAB> snippet <TAB> what differs
//! ```
//!
//! A `pair` line is one fact; when an outlet states it in more than one sentence,
//! its side lists each (`||`). A snippet must occur in exactly one statement of
//! that outlet (the scorer says so otherwise). The pairs are exhaustive: a linked
//! pair no gold fact holds counts against link precision. The measures are those
//! of [`crate::facts`]: link precision, fact recall, omission precision and recall
//! (against the `only` lines), conflict precision and recall.

use std::collections::BTreeSet;

use parallax_compare::{Comparison, StatementRef};

use crate::facts::FactEval;

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
    /// Two sentences of one fact that disagree on a figure.
    Conflict {
        /// One side: (outlet, snippet).
        a: (String, String),
        /// The other side.
        b: (String, String),
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
                ["conflict", oa, sa, ob, sb, _what]
                    if [oa, sa, ob, sb].iter().all(|x| !x.is_empty()) =>
                {
                    GoldItem::Conflict {
                        a: (oa.to_string(), sa.to_string()),
                        b: (ob.to_string(), sb.to_string()),
                    }
                }
                _ => {
                    return Err(format!(
                        "line {n}: expected `pair<TAB>outlet<TAB>snippet<TAB>outlet<TAB>snippet`, `only<TAB>outlet<TAB>snippet` or `conflict<TAB>outlet<TAB>snippet<TAB>outlet<TAB>snippet<TAB>what`"
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

/// Scores the statements of `c` against `gold`.
pub fn score(c: &Comparison, gold: &Gold) -> Result<FactEval, String> {
    // Every compared statement, with what the comparison says of it.
    #[derive(Clone, Copy, PartialEq)]
    enum Said {
        Linked,
        Only,
        Undecided,
    }
    let mut all: Vec<(&StatementRef, Said)> = Vec::new();
    let mut predicted: BTreeSet<(Key, Key)> = BTreeSet::new();
    let mut conflicts: BTreeSet<(Key, Key)> = BTreeSet::new();
    for story in &c.stories {
        let st = &story.statements;
        for f in st.facts() {
            all.extend(f.statements.iter().map(|r| (r, Said::Linked)));
            for l in &f.links {
                predicted.insert(ordered(key(&f.statements[l.a]), key(&f.statements[l.b])));
            }
        }
        for k in &st.conflicts {
            if let Some(f) = st.fact(k.fact) {
                conflicts.insert(ordered(key(&f.statements[k.a]), key(&f.statements[k.b])));
            }
        }
        all.extend(
            st.only
                .values()
                .flatten()
                .map(|o| (&o.statement, Said::Only)),
        );
        all.extend(
            st.undecided
                .values()
                .flatten()
                .map(|o| (&o.statement, Said::Undecided)),
        );
    }
    let texts: std::collections::BTreeMap<Key, &str> =
        all.iter().map(|(r, _)| (key(r), r.text.as_str())).collect();
    let find = |line: usize, outlet: &str, snippet: &str| -> Result<(Key, Option<Said>), String> {
        let want = norm(snippet);
        let mut hits: Vec<(Key, Option<Said>)> = all
            .iter()
            .filter(|(r, _)| r.outlet == outlet && norm(&r.text).contains(&want))
            .map(|(r, s)| (key(r), Some(*s)))
            .collect();
        hits.dedup_by(|a, b| a.0 == b.0);
        match hits.as_slice() {
            [h] => Ok(h.clone()),
            [] => Err(format!(
                "gold line {line}: no compared statement of {outlet:?} contains {snippet:?}"
            )),
            _ => Err(format!(
                "gold line {line}: {} statements of {outlet:?} contain {snippet:?}; make it longer",
                hits.len()
            )),
        }
    };
    let text_of = |k: &Key| short(texts.get(k).copied().unwrap_or(""));
    let mut facts: Vec<BTreeSet<(Key, Key)>> = Vec::new();
    let mut in_pairs: BTreeSet<Key> = BTreeSet::new();
    let mut only: Vec<(Key, Option<Said>)> = Vec::new();
    let mut gold_conflicts: Vec<(Key, Key)> = Vec::new();
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
            GoldItem::Conflict { a, b } => gold_conflicts.push(ordered(
                find(*line, &a.0, &a.1)?.0,
                find(*line, &b.0, &b.1)?.0,
            )),
        }
    }
    for (k, _) in &only {
        if in_pairs.contains(k) {
            return Err(format!(
                "the gold lists {:?} both in a pair and as one outlet's only",
                text_of(k)
            ));
        }
    }
    let mut e = FactEval {
        triplets: 1,
        ..Default::default()
    };
    let ex = |what: &str, text: String| ("seeds".to_string(), what.to_string(), text);
    for p in &predicted {
        e.links.predicted += 1;
        if facts.iter().any(|f| f.contains(p)) {
            e.links.tp_pred += 1;
        } else {
            e.examples.push(ex(
                "wrong",
                format!("{} <> {}", text_of(&p.0), text_of(&p.1)),
            ));
        }
    }
    for f in &facts {
        e.links.gold += 1;
        if f.iter().any(|p| predicted.contains(p)) {
            e.links.tp_gold += 1;
        } else if let Some((a, b)) = f.iter().next() {
            e.examples
                .push(ex("missed", format!("{} <> {}", text_of(a), text_of(b))));
        }
    }
    for (k, said) in all.iter().map(|(r, s)| (key(r), *s)) {
        match said {
            Said::Only => {
                e.omissions.predicted += 1;
                if in_pairs.contains(&k) {
                    e.examples.push(ex("false-only", text_of(&k)));
                } else {
                    e.omissions.tp_pred += 1;
                }
            }
            Said::Undecided => {
                e.unsure += 1;
                e.unsure_under_facts += in_pairs.contains(&k) as usize;
            }
            Said::Linked => {}
        }
    }
    e.omissions.gold = only.len();
    e.omissions.tp_gold = only.iter().filter(|(_, s)| *s == Some(Said::Only)).count();
    e.conflicts.predicted = conflicts.len();
    e.conflicts.gold = gold_conflicts.len();
    e.conflicts.tp_pred = conflicts
        .iter()
        .filter(|c| gold_conflicts.contains(c))
        .count();
    e.conflicts.tp_gold = gold_conflicts
        .iter()
        .filter(|c| conflicts.contains(c))
        .count();
    Ok(e)
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
