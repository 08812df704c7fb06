//! Cross-outlet facts against the hand-made BASIL gold (docs/fact-gold.md).
//!
//! For each BASIL triplet with a gold file (`data/basil-facts/<uuid>.tsv`), the three
//! articles are compared as a user would compare them (`parallax compare` on the
//! three), and what the comparison claims is checked against the gold, sentence by
//! sentence. A statement is mapped to the BASIL sentences (`paragraph:sentence` of
//! `body-paragraphs`) its span overlaps; a statement that overlaps none (a headline,
//! a caption the cleaner kept, text BASIL does not have) is not scored and is
//! counted apart.
//!
//! - **link precision**: the linked cross-outlet statement pairs that one gold fact
//!   holds on both sides;
//! - **fact recall**: per gold fact and pair of outlets that both report it, whether
//!   some link joins a sentence of one side with a sentence of the other;
//! - **omission precision**: the statements listed as "only in X" that no gold fact
//!   holds (by the guideline, a sentence under no fact is its outlet's alone);
//!   **omission recall**: of the located statements under no fact, those listed as
//!   "only in X" (the rest are linked, or left undecided);
//! - **conflict precision and recall**: conflicting statement pairs against the
//!   gold's `conflict` lines (a pair is right when its two statements hold the two
//!   sentences a gold conflict names).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use parallax_compare::{Comparison, StatementRef};
use parallax_core::Span;
use serde::Serialize;

use crate::Prf;
use crate::basil::{BasilDoc, parse_at};

/// A BASIL sentence: `(paragraph, sentence)` of `body-paragraphs`.
pub type At = (usize, usize);

/// The outlets of a BASIL triplet, in the gold's column order.
pub const OUTLETS: [&str; 3] = ["nyt", "fox", "hpo"];

/// One gold fact: the sentences of each outlet stating it.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldFact {
    /// The fact's id in the gold file.
    pub id: String,
    /// Outlet (`nyt`, `fox`, `hpo`) -> its sentences; an outlet that does not
    /// report the fact is absent.
    pub cells: BTreeMap<String, Vec<At>>,
    /// The annotator's short description of the fact.
    pub label: String,
}

/// One gold conflict: two sentences of one fact that disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldConflict {
    /// The id of the fact both sentences state.
    pub fact: String,
    /// One side: outlet and sentence.
    pub a: (String, At),
    /// The other side.
    pub b: (String, At),
    /// What they disagree on.
    pub what: String,
}

/// The gold of one triplet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TripletGold {
    /// The triplet's uuid (the file stem).
    pub triplet: String,
    /// Its facts.
    pub facts: Vec<GoldFact>,
    /// Its conflicts.
    pub conflicts: Vec<GoldConflict>,
}

impl TripletGold {
    /// Parses one gold file; errors name the file and line.
    pub fn parse(name: &str, triplet: &str, text: &str) -> Result<TripletGold, String> {
        let mut g = TripletGold {
            triplet: triplet.to_string(),
            ..Default::default()
        };
        let cell = |n: usize, c: &str| -> Result<(String, Vec<At>), String> {
            let (o, v) = c
                .split_once('=')
                .ok_or_else(|| format!("{name}#line {n}: expected outlet=P:S, got {c:?}"))?;
            if !OUTLETS.contains(&o) {
                return Err(format!("{name}#line {n}: unknown outlet {o:?}"));
            }
            let v = v.trim();
            if v == "-" {
                return Ok((o.to_string(), Vec::new()));
            }
            let ats = v
                .split(',')
                .map(|x| {
                    parse_at(x)
                        .ok_or_else(|| format!("{name}#line {n}: {x:?} is not paragraph:sentence"))
                })
                .collect::<Result<Vec<At>, String>>()?;
            Ok((o.to_string(), ats))
        };
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["fact", id, a, b, c, label] => {
                    let mut cells = BTreeMap::new();
                    for x in [a, b, c] {
                        let (o, ats) = cell(n, x)?;
                        if !ats.is_empty() && cells.insert(o.clone(), ats).is_some() {
                            return Err(format!("{name}#line {n}: outlet {o} given twice"));
                        }
                    }
                    if cells.len() < 2 {
                        return Err(format!(
                            "{name}#line {n}: a fact needs sentences in two outlets or more"
                        ));
                    }
                    if g.facts.iter().any(|f| f.id == *id) {
                        return Err(format!("{name}#line {n}: fact {id} defined twice"));
                    }
                    g.facts.push(GoldFact {
                        id: id.to_string(),
                        cells,
                        label: label.to_string(),
                    });
                }
                ["conflict", id, a, b, what] => {
                    let one = |x: &str| -> Result<(String, At), String> {
                        match cell(n, x)? {
                            (o, ats) if ats.len() == 1 => Ok((o, ats[0])),
                            _ => Err(format!(
                                "{name}#line {n}: a conflict names one sentence per side"
                            )),
                        }
                    };
                    let (a, b) = (one(a)?, one(b)?);
                    let Some(fact) = g.facts.iter().find(|f| f.id == *id) else {
                        return Err(format!("{name}#line {n}: conflict on unknown fact {id}"));
                    };
                    for (o, at) in [&a, &b] {
                        if !fact.cells.get(o).is_some_and(|v| v.contains(at)) {
                            return Err(format!(
                                "{name}#line {n}: {o}={}:{} is not listed under {id}",
                                at.0, at.1
                            ));
                        }
                    }
                    g.conflicts.push(GoldConflict {
                        fact: id.to_string(),
                        a,
                        b,
                        what: what.to_string(),
                    });
                }
                _ => {
                    return Err(format!(
                        "{name}#line {n}: expected `fact ID nyt=… fox=… hpo=… LABEL` or `conflict ID o=P:S o=P:S WHAT` (tab-separated)"
                    ));
                }
            }
        }
        if g.facts.is_empty() {
            return Err(format!("{name}: no facts"));
        }
        Ok(g)
    }

    /// Every sentence some fact holds, by outlet.
    fn under_facts(&self) -> BTreeSet<(String, At)> {
        self.facts
            .iter()
            .flat_map(|f| {
                f.cells
                    .iter()
                    .flat_map(|(o, v)| v.iter().map(move |at| (o.clone(), *at)))
            })
            .collect()
    }
}

/// Reads every `<uuid>.tsv` of `dir`, sorted by name.
pub fn load_gold(dir: &Path) -> Result<Vec<TripletGold>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no gold files (<uuid>.tsv)", dir.display()));
    }
    files
        .iter()
        .map(|p| {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p).map_err(|e| format!("{name}: {e}"))?;
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            TripletGold::parse(&name, &stem, &text)
        })
        .collect()
}

/// A statement of a triplet: which article (index into the triplet's docs), where.
pub type Stmt = (usize, Span);

/// What a comparison claims about a triplet's statements.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    /// Statement pairs of different outlets linked as one fact, with the link's
    /// confidence.
    pub links: Vec<(Stmt, Stmt, f32)>,
    /// Statements listed as their outlet's alone.
    pub only: Vec<Stmt>,
    /// Statements left undecided (a possible counterpart elsewhere, too weak to link).
    pub unsure: Vec<Stmt>,
    /// Statement pairs flagged as giving conflicting figures for one fact.
    pub conflicts: Vec<(Stmt, Stmt)>,
}

/// Reads the claims of `c` about the articles `ids` (in the order of the triplet's
/// docs).
pub fn claims_of(c: &Comparison, ids: &[&str]) -> Claims {
    let stmt = |r: &StatementRef| -> Option<Stmt> {
        ids.iter()
            .position(|&i| i == r.article)
            .map(|a| (a, r.span))
    };
    let mut out = Claims::default();
    for story in &c.stories {
        let st = &story.statements;
        for f in st.facts() {
            for l in &f.links {
                if let (Some(a), Some(b)) = (stmt(&f.statements[l.a]), stmt(&f.statements[l.b])) {
                    out.links.push((a, b, l.score));
                }
            }
        }
        for o in st.only.values().flatten() {
            out.only.extend(stmt(&o.statement));
        }
        for o in st.undecided.values().flatten() {
            out.unsure.extend(stmt(&o.statement));
        }
        for k in &st.conflicts {
            let f = st.fact(k.fact);
            if let (Some(a), Some(b)) = (
                f.and_then(|f| f.statements.get(k.a)).and_then(stmt),
                f.and_then(|f| f.statements.get(k.b)).and_then(stmt),
            ) {
                out.conflicts.push((a, b));
            }
        }
    }
    out
}

/// Counts over one triplet or many.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FactEval {
    /// Triplets scored.
    pub triplets: usize,
    /// Links: tp_pred/predicted = link precision; tp_gold/gold = fact recall (per
    /// fact and outlet pair).
    pub links: Prf,
    /// Links with a statement that is no BASIL sentence (not scored).
    pub links_unlocated: usize,
    /// "Only in X": tp_pred/predicted = omission precision; tp_gold/gold = omission
    /// recall over the located statements no fact holds.
    pub omissions: Prf,
    /// Statements left undecided, and how many of those a gold fact holds.
    pub unsure: usize,
    /// Of those, the ones a gold fact holds.
    pub unsure_under_facts: usize,
    /// Conflicts: precision over flagged pairs, recall over gold conflicts.
    pub conflicts: Prf,
    /// Examples for `--examples`: (triplet, what, text).
    #[serde(skip)]
    pub examples: Vec<(String, String, String)>,
}

impl FactEval {
    /// Adds another triplet's counts.
    pub fn add(&mut self, o: FactEval) {
        self.triplets += o.triplets;
        self.links.add(o.links);
        self.links_unlocated += o.links_unlocated;
        self.omissions.add(o.omissions);
        self.unsure += o.unsure;
        self.unsure_under_facts += o.unsure_under_facts;
        self.conflicts.add(o.conflicts);
        self.examples.extend(o.examples);
    }

    /// The text report of `parallax eval align` on BASIL.
    pub fn report(&self, method: &str, examples: bool) -> String {
        let mut s = String::new();
        let pct = |n: usize, d: usize| {
            if d == 0 {
                "-".to_string()
            } else {
                format!("{:.3}", n as f64 / d as f64)
            }
        };
        s.push_str(&format!(
            "{method}: {} triplets\n  link precision     {}  ({} of {} linked pairs; {} pairs with an unlocated statement not scored)\n  fact recall        {}  ({} of {} fact × outlet-pair cells)\n  omission precision {}  ({} of {} \"only in X\" statements)\n  omission recall    {}  ({} of {} statements no fact holds)\n  undecided          {} statements ({} of them under a gold fact)\n  conflict precision {}  ({} of {})\n  conflict recall    {}  ({} of {})\n",
            self.triplets,
            pct(self.links.tp_pred, self.links.predicted),
            self.links.tp_pred,
            self.links.predicted,
            self.links_unlocated,
            pct(self.links.tp_gold, self.links.gold),
            self.links.tp_gold,
            self.links.gold,
            pct(self.omissions.tp_pred, self.omissions.predicted),
            self.omissions.tp_pred,
            self.omissions.predicted,
            pct(self.omissions.tp_gold, self.omissions.gold),
            self.omissions.tp_gold,
            self.omissions.gold,
            self.unsure,
            self.unsure_under_facts,
            pct(self.conflicts.tp_pred, self.conflicts.predicted),
            self.conflicts.tp_pred,
            self.conflicts.predicted,
            pct(self.conflicts.tp_gold, self.conflicts.gold),
            self.conflicts.tp_gold,
            self.conflicts.gold,
        ));
        if examples {
            for (t, what, text) in &self.examples {
                s.push_str(&format!(
                    "  {:<9} {} {}\n",
                    what,
                    &t[..8.min(t.len())],
                    text
                ));
            }
        }
        s
    }
}

/// The BASIL sentences a statement overlaps, as `(outlet, at)`.
fn located(docs: &[&BasilDoc], s: Stmt) -> Vec<(String, At)> {
    let d = docs[s.0];
    d.sentences
        .iter()
        .filter(|(_, _, sp)| sp.start < s.1.end && s.1.start < sp.end)
        .map(|(p, k, _)| (d.source.clone(), (*p, *k)))
        .collect()
}

fn short(docs: &[&BasilDoc], s: Stmt) -> String {
    let t: String = s.1.text(&docs[s.0].analyzed.article.text).to_string();
    let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let head: String = t.chars().take(90).collect();
    format!("[{}] {}", docs[s.0].source, head)
}

/// A statement as `[outlet P:S,P:S] its whole text`.
fn describe(docs: &[&BasilDoc], s: Stmt) -> String {
    let at: Vec<String> = located(docs, s)
        .iter()
        .map(|(_, (p, k))| format!("{p}:{k}"))
        .collect();
    let t: String = s.1.text(&docs[s.0].analyzed.article.text).to_string();
    let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("[{} {}] {t}", docs[s.0].source, at.join(","))
}

/// Scores the claims about one triplet (`docs`: its articles, in the order the
/// claims index them).
pub fn score_triplet(gold: &TripletGold, docs: &[&BasilDoc], claims: &Claims) -> FactEval {
    let mut e = FactEval {
        triplets: 1,
        ..Default::default()
    };
    let t = &gold.triplet;
    let under = gold.under_facts();
    let facts_of = |loc: &[(String, At)]| -> BTreeSet<usize> {
        gold.facts
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                loc.iter()
                    .any(|(o, at)| f.cells.get(o).is_some_and(|v| v.contains(at)))
            })
            .map(|(i, _)| i)
            .collect()
    };
    // Links.
    let mut found: BTreeSet<(usize, String, String)> = BTreeSet::new();
    for &(a, b, _) in &claims.links {
        let (la, lb) = (located(docs, a), located(docs, b));
        if la.is_empty() || lb.is_empty() {
            e.links_unlocated += 1;
            continue;
        }
        e.links.predicted += 1;
        let (oa, ob) = (&docs[a.0].source, &docs[b.0].source);
        let shared: Vec<usize> = facts_of(&la)
            .intersection(&facts_of(&lb))
            .copied()
            .collect();
        if shared.is_empty() {
            e.examples.push((
                t.clone(),
                "wrong".into(),
                format!("{} <> {}", short(docs, a), short(docs, b)),
            ));
        } else {
            e.links.tp_pred += 1;
            for f in shared {
                let (x, y) = if oa < ob { (oa, ob) } else { (ob, oa) };
                found.insert((f, x.clone(), y.clone()));
            }
        }
    }
    for (fi, f) in gold.facts.iter().enumerate() {
        let outlets: Vec<&String> = f.cells.keys().collect();
        for (i, x) in outlets.iter().enumerate() {
            for y in &outlets[i + 1..] {
                e.links.gold += 1;
                if found.contains(&(fi, (*x).clone(), (*y).clone())) {
                    e.links.tp_gold += 1;
                } else {
                    e.examples.push((
                        t.clone(),
                        "missed".into(),
                        format!("{} {} ({x}/{y})", f.id, f.label),
                    ));
                }
            }
        }
    }
    // Omissions.
    let only: BTreeSet<Stmt> = claims.only.iter().copied().collect();
    for &s in &only {
        let l = located(docs, s);
        if l.is_empty() {
            continue;
        }
        e.omissions.predicted += 1;
        if l.iter().any(|x| under.contains(x)) {
            e.examples
                .push((t.clone(), "false-only".into(), short(docs, s)));
        } else {
            e.omissions.tp_pred += 1;
        }
    }
    for s in &claims.unsure {
        let l = located(docs, *s);
        if l.is_empty() {
            continue;
        }
        e.unsure += 1;
        if l.iter().any(|x| under.contains(x)) {
            e.unsure_under_facts += 1;
        }
    }
    // Omission recall: every located sentence under no fact, listed as only?
    for (di, d) in docs.iter().enumerate() {
        for &(p, k, sp) in &d.sentences {
            if under.contains(&(d.source.clone(), (p, k))) {
                continue;
            }
            e.omissions.gold += 1;
            if only
                .iter()
                .any(|&(a, s)| a == di && s.start < sp.end && sp.start < s.end)
            {
                e.omissions.tp_gold += 1;
            }
        }
    }
    // Conflicts.
    let mut hit: BTreeSet<usize> = BTreeSet::new();
    for &(a, b) in &claims.conflicts {
        e.conflicts.predicted += 1;
        let (la, lb) = (located(docs, a), located(docs, b));
        let m = gold.conflicts.iter().position(|g| {
            (la.contains(&g.a) && lb.contains(&g.b)) || (la.contains(&g.b) && lb.contains(&g.a))
        });
        match m {
            Some(i) => {
                e.conflicts.tp_pred += 1;
                hit.insert(i);
            }
            None => e.examples.push((
                t.clone(),
                "conflict".into(),
                format!("{} <> {}", short(docs, a), short(docs, b)),
            )),
        }
    }
    e.conflicts.gold = gold.conflicts.len();
    e.conflicts.tp_gold = hit.len();
    e
}

/// A gold triplet's BASIL articles (by file stem) and their analyses; an error
/// when fewer than two of them were read.
fn triplet_articles<'a>(
    g: &TripletGold,
    docs: &'a [BasilDoc],
) -> Result<(Vec<&'a BasilDoc>, Vec<parallax_core::AnalyzedArticle>), String> {
    let mut mine: Vec<&BasilDoc> = docs
        .iter()
        .filter(|d| d.stem.starts_with(&g.triplet))
        .collect();
    mine.sort_by(|a, b| a.stem.cmp(&b.stem));
    if mine.len() < 2 {
        return Err(format!(
            "triplet {}: its articles are not among the BASIL articles read",
            g.triplet
        ));
    }
    let articles = mine.iter().map(|d| d.analyzed.clone()).collect();
    Ok((mine, articles))
}

/// Compares each gold triplet's three articles among themselves (as `parallax
/// compare` on the three would) and scores what the comparison claims.
/// `docs` are the analysed BASIL articles (`basil::load`); `compare` runs the
/// comparison under test.
pub fn evaluate(
    gold: &[TripletGold],
    docs: &[BasilDoc],
    compare: &dyn Fn(&[parallax_core::AnalyzedArticle]) -> Result<Comparison, String>,
) -> Result<FactEval, String> {
    let mut total = FactEval::default();
    for g in gold {
        let (mine, articles) = triplet_articles(g, docs)?;
        let c = compare(&articles)?;
        let ids: Vec<&str> = articles.iter().map(|a| a.article.id.as_str()).collect();
        total.add(score_triplet(g, &mine, &claims_of(&c, &ids)));
    }
    Ok(total)
}

/// One gold triplet ready for fitting: its articles as one story, their identity
/// table and the embeddings of their statements.
pub struct Prepared<'a> {
    /// The triplet's gold.
    pub gold: &'a TripletGold,
    /// Its BASIL articles.
    pub docs: Vec<&'a BasilDoc>,
    /// The same, analysed.
    pub articles: Vec<parallax_core::AnalyzedArticle>,
    /// Their identities, resolved across the three.
    pub table: parallax_compare::identities::IdentityTable,
    /// Their statements' embeddings, when an encoder was given.
    pub embeddings: Option<parallax_compare::StatementEmbeddings>,
}

/// Prepares every gold triplet (embedding its statements when `encoder` is given).
pub fn prepare<'a>(
    gold: &'a [TripletGold],
    docs: &'a [BasilDoc],
    encoder: Option<&dyn parallax_compare::SentenceEncoder>,
) -> Result<Vec<Prepared<'a>>, String> {
    let mut out = Vec::new();
    for g in gold {
        let (mine, articles) = triplet_articles(g, docs)?;
        let table = parallax_compare::identities::build(&articles);
        let embeddings = match encoder {
            None => None,
            Some(enc) => {
                let texts: Vec<&str> = articles
                    .iter()
                    .flat_map(|a| {
                        a.analysis.statements.iter().flat_map(|s| {
                            parallax_compare::align::embedding_texts(s, &a.article.text)
                        })
                    })
                    .collect();
                Some(parallax_compare::StatementEmbeddings::build(enc, &texts)?)
            }
        };
        out.push(Prepared {
            gold: g,
            docs: mine,
            articles,
            table,
            embeddings,
        });
    }
    Ok(out)
}

impl Prepared<'_> {
    fn members(&self) -> Vec<usize> {
        (0..self.articles.len()).collect()
    }

    /// The candidate pairs with their features and gold label (pairs with a
    /// statement that is no BASIL sentence are left out).
    pub fn labelled_pairs(
        &self,
        opts: parallax_compare::AlignOptions,
    ) -> Vec<(parallax_compare::align::PairFeatures, bool)> {
        self.labelled_pairs_with_text(opts)
            .into_iter()
            .map(|(f, y, _, _)| (f, y))
            .collect()
    }

    /// [`Prepared::labelled_pairs`] with the two statements' texts.
    pub fn labelled_pairs_with_text(
        &self,
        opts: parallax_compare::AlignOptions,
    ) -> Vec<(parallax_compare::align::PairFeatures, bool, String, String)> {
        let ids: Vec<&str> = self
            .articles
            .iter()
            .map(|a| a.article.id.as_str())
            .collect();
        let stmt = |r: &StatementRef| -> Option<Stmt> {
            ids.iter()
                .position(|&i| i == r.article)
                .map(|a| (a, r.span))
        };
        let pairs = parallax_compare::align::story_pairs(
            &self.articles,
            &self.members(),
            &self.table,
            opts,
            self.embeddings.as_ref(),
        );
        let mut out = Vec::new();
        for (a, b, f) in pairs {
            let (Some(a), Some(b)) = (stmt(&a), stmt(&b)) else {
                continue;
            };
            let (la, lb) = (located(&self.docs, a), located(&self.docs, b));
            if la.is_empty() || lb.is_empty() {
                continue;
            }
            let same = self.gold.facts.iter().any(|f| {
                la.iter()
                    .any(|(o, at)| f.cells.get(o).is_some_and(|v| v.contains(at)))
                    && lb
                        .iter()
                        .any(|(o, at)| f.cells.get(o).is_some_and(|v| v.contains(at)))
            });
            out.push((f, same, describe(&self.docs, a), describe(&self.docs, b)));
        }
        out
    }

    /// Aligns the triplet as one story with `model` and scores it.
    pub fn score_with(
        &self,
        model: &parallax_compare::align::Model,
        opts: parallax_compare::AlignOptions,
    ) -> FactEval {
        let st = parallax_compare::align::align_with(
            &self.articles,
            &self.members(),
            &self.table,
            opts,
            self.embeddings.as_ref(),
            model,
        );
        let story = parallax_compare::Story {
            statements: st,
            ..parallax_compare::Story::default()
        };
        let c = Comparison {
            stories: vec![story],
            ..Comparison::default()
        };
        let ids: Vec<&str> = self
            .articles
            .iter()
            .map(|a| a.article.id.as_str())
            .collect();
        score_triplet(self.gold, &self.docs, &claims_of(&c, &ids))
    }
}

/// Fits the pair model on every triplet but one and scores that one, for each
/// triplet in turn: figures for triplets the model never saw.
pub fn cross_validate(
    prepared: &[Prepared],
    name: &str,
    opts: parallax_compare::AlignOptions,
    ridge: f64,
) -> FactEval {
    let pairs: Vec<Vec<(parallax_compare::align::PairFeatures, bool)>> =
        prepared.iter().map(|p| p.labelled_pairs(opts)).collect();
    let mut total = FactEval::default();
    for (k, p) in prepared.iter().enumerate() {
        let train: Vec<_> = pairs
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != k)
            .flat_map(|(_, v)| v.iter().copied())
            .collect();
        let model = parallax_compare::align::Model::fit(name, &train, ridge);
        total.add(p.score_with(&model, opts));
    }
    total
}

/// Fits the pair model on every triplet.
pub fn fit(
    prepared: &[Prepared],
    name: &str,
    opts: parallax_compare::AlignOptions,
    ridge: f64,
) -> parallax_compare::align::Model {
    let train: Vec<_> = prepared
        .iter()
        .flat_map(|p| p.labelled_pairs(opts))
        .collect();
    parallax_compare::align::Model::fit(name, &train, ridge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_facts_and_conflicts_and_names_bad_lines() {
        let g = TripletGold::parse(
            "g.tsv",
            "u",
            "# c\nfact\tF1\tnyt=3:0,4:1\tfox=2:0\thpo=-\tSenate passes bill\nconflict\tF1\tnyt=3:0\tfox=2:0\t51 vs 50\n",
        )
        .unwrap();
        assert_eq!(g.facts.len(), 1);
        assert_eq!(g.facts[0].cells["nyt"], vec![(3, 0), (4, 1)]);
        assert!(!g.facts[0].cells.contains_key("hpo"));
        assert_eq!(g.conflicts[0].b, ("fox".to_string(), (2, 0)));
        let e =
            TripletGold::parse("g.tsv", "u", "fact\tF1\tnyt=3:0\tfox=-\thpo=-\tx\n").unwrap_err();
        assert!(e.contains("g.tsv#line 1"), "{e}");
        let e = TripletGold::parse(
            "g.tsv",
            "u",
            "fact\tF1\tnyt=3:0\tfox=1:0\thpo=-\tx\nconflict\tF1\tnyt=3:0\tfox=9:0\ty\n",
        )
        .unwrap_err();
        assert!(e.contains("line 2") && e.contains("not listed"), "{e}");
        assert!(
            TripletGold::parse("g.tsv", "u", "fact\tF1\tcnn=1:0\tfox=1:0\thpo=-\tx\n").is_err()
        );
    }
}
