//! Quotes and speakers against PolNeAR (Newell, Margolin & Ruths, LREC 2018).
//!
//! PolNeAR marks every attribution relation: a Source, a Cue and a Content span.
//! Content covers quotations and paraphrases alike, so two tasks are scored:
//! - **direct quotes**: each stretch of text between paired quotation marks that
//!   lies inside a gold Content span is part of a gold quote (found by a plain
//!   scanner, not by parallax's own); the stretches of one relation are one quote
//!   ("“…,” she said. “…”": PolNeAR counts one attribution, one Content in several
//!   pieces). A predicted direct or partial quote, with all its parts, matches it when
//!   their parts overlap by at least half the longer one. Speaker accuracy is over matched
//!   quotes whose relation has a Source: correct when parallax's speaker span, or a
//!   mention of the actor it resolved to, overlaps the gold Source.
//! - **indirect attributions**: gold Content spans without quotation marks against
//!   parallax's indirect quotes, same overlap rule. PolNeAR's Content also covers
//!   beliefs, intentions and evidence ("polls show …", "Adelson supports …"), which
//!   parallax does not report as speech, so recall is also given over the relations
//!   whose Cue is a verb of speech or reporting ([`speech_cue`], a fixed list kept
//!   here, not parallax's own cue lexicon), and speaker accuracy over the matched
//!   indirect quotes with a gold Source.
//!
//! Texts are analysed as they are (no cleaning) so gold offsets stay valid.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use parallax_analyze::Analyzer;
use parallax_core::{Analysis, QuoteKind, Span};
use rayon::prelude::*;
use serde::Serialize;

use crate::Prf;

/// Quotes scored against PolNeAR's attribution relations.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuoteEval {
    /// Articles read.
    pub articles: usize,
    /// Words in them.
    pub words: usize,
    /// Seconds the analysis took.
    pub seconds: f64,
    /// Direct quotes: spans against the gold's quoted contents.
    pub direct: Prf,
    /// Matched direct quotes whose speaker is the gold source.
    pub speaker_correct: usize,
    /// Matched direct quotes with a gold source.
    pub speaker_total: usize,
    /// Indirect quotes against the gold's unquoted relations.
    pub indirect: Prf,
    /// Gold indirect relations whose cue is a verb of speech or reporting, and how
    /// many of them a predicted indirect quote matches.
    pub indirect_speech_gold: usize,
    /// Of those, the ones a predicted indirect quote matches.
    pub indirect_speech_found: usize,
    /// Matched indirect quotes whose speaker is the gold source.
    pub indirect_speaker_correct: usize,
    /// Matched indirect quotes with a gold source.
    pub indirect_speaker_total: usize,
    /// A sample of errors for inspection: (kind, article, text).
    pub examples: Vec<(String, String, String)>,
}

impl QuoteEval {
    /// Right speakers ÷ matched direct quotes with a gold source.
    pub fn speaker_accuracy(&self) -> f64 {
        if self.speaker_total == 0 {
            0.0
        } else {
            self.speaker_correct as f64 / self.speaker_total as f64
        }
    }

    /// The text report of `parallax eval quotes`.
    pub fn report(&self) -> String {
        let mut s = format!(
            "PolNeAR: {} articles, {} words, {:.1} s ({:.0} words/s)\n",
            self.articles,
            self.words,
            self.seconds,
            self.words as f64 / self.seconds.max(1e-9)
        );
        s.push_str(&self.direct.line("direct quotes"));
        s.push('\n');
        s.push_str(&format!(
            "{:<28} {:.3}  ({} of {} matched quotes with a gold source)\n",
            "speaker accuracy",
            self.speaker_accuracy(),
            self.speaker_correct,
            self.speaker_total
        ));
        s.push_str(&self.indirect.line("indirect attributions"));
        s.push('\n');
        s.push_str(&format!(
            "{:<28} R {:.3}  ({} of {} relations cued by a verb of speech)\n",
            "  of which speech",
            self.indirect_speech_recall(),
            self.indirect_speech_found,
            self.indirect_speech_gold
        ));
        s.push_str(&format!(
            "{:<28} {:.3}  ({} of {} matched indirect quotes with a gold source)\n",
            "indirect speaker accuracy",
            self.indirect_speaker_accuracy(),
            self.indirect_speaker_correct,
            self.indirect_speaker_total
        ));
        s
    }

    /// Speech-cued gold relations found ÷ all of them.
    pub fn indirect_speech_recall(&self) -> f64 {
        ratio(self.indirect_speech_found, self.indirect_speech_gold)
    }

    /// Right speakers ÷ matched indirect quotes with a gold source.
    pub fn indirect_speaker_accuracy(&self) -> f64 {
        ratio(self.indirect_speaker_correct, self.indirect_speaker_total)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Whether a gold Cue is a verb of speech or reporting ("said", "has told", "according
/// to", "wrote in a statement"), as opposed to belief, intention or evidence ("thinks",
/// "wants", "polls show"). Any word of the cue counts, since PolNeAR's cues carry
/// auxiliaries and adverbs ("has also said").
pub fn speech_cue(cue: &str) -> bool {
    const SPEECH: &[&str] = &[
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "telling",
        "according",
        "report",
        "reports",
        "reported",
        "reporting",
        "add",
        "adds",
        "added",
        "adding",
        "write",
        "writes",
        "wrote",
        "written",
        "writing",
        "note",
        "notes",
        "noted",
        "noting",
        "announce",
        "announces",
        "announced",
        "announcing",
        "state",
        "states",
        "stated",
        "claim",
        "claims",
        "claimed",
        "claiming",
        "explain",
        "explains",
        "explained",
        "argue",
        "argues",
        "argued",
        "arguing",
        "insist",
        "insists",
        "insisted",
        "warn",
        "warns",
        "warned",
        "warning",
        "tweet",
        "tweets",
        "tweeted",
        "declare",
        "declares",
        "declared",
        "respond",
        "responds",
        "responded",
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "admit",
        "admits",
        "admitted",
        "deny",
        "denies",
        "denied",
        "assert",
        "asserts",
        "asserted",
        "contend",
        "contends",
        "contended",
        "testify",
        "testified",
        "confirm",
        "confirms",
        "confirmed",
        "reply",
        "replied",
        "recall",
        "recalls",
        "recalled",
        "repeat",
        "repeated",
        "promise",
        "promised",
        "promises",
        "vow",
        "vowed",
        "vows",
        "predict",
        "predicted",
        "predicts",
    ];
    cue.split(|c: char| !c.is_alphabetic())
        .any(|w| SPEECH.contains(&w.to_lowercase().as_str()))
}

/// One attribution relation of the gold.
#[derive(Debug, Clone)]
struct Relation {
    content: Vec<Span>,
    sources: Vec<Span>,
    /// The cue is a verb of speech or reporting ([`speech_cue`]).
    speech: bool,
}

struct Doc {
    name: String,
    text: String,
    relations: Vec<Relation>,
}

/// Scores every article under `dir` (the polnear folder, or one compartment of it).
pub fn eval_polnear(dir: &Path, analyzer: &Analyzer) -> Result<QuoteEval, String> {
    let docs = load(dir)?;
    if docs.is_empty() {
        return Err(format!(
            "{}: no PolNeAR articles (expected */text/*.txt and */attributions/*.ann)",
            dir.display()
        ));
    }
    let start = Instant::now();
    let per: Vec<(QuoteEval, usize)> = docs
        .par_iter()
        .map(|d| {
            let a = analyzer.analyze_text(&d.text);
            (score_doc(d, &a), d.text.split_whitespace().count())
        })
        .collect();
    let mut total = QuoteEval {
        articles: docs.len(),
        seconds: start.elapsed().as_secs_f64(),
        ..Default::default()
    };
    for (e, words) in per {
        total.words += words;
        total.direct.add(e.direct);
        total.indirect.add(e.indirect);
        total.indirect_speech_gold += e.indirect_speech_gold;
        total.indirect_speech_found += e.indirect_speech_found;
        total.indirect_speaker_correct += e.indirect_speaker_correct;
        total.indirect_speaker_total += e.indirect_speaker_total;
        total.speaker_correct += e.speaker_correct;
        total.speaker_total += e.speaker_total;
        total.examples.extend(e.examples);
    }
    Ok(total)
}

fn load(dir: &Path) -> Result<Vec<Doc>, String> {
    let mut text_dirs: Vec<PathBuf> = Vec::new();
    if dir.join("text").is_dir() {
        text_dirs.push(dir.to_path_buf());
    } else {
        for c in ["train", "dev", "test"] {
            if dir.join(c).join("text").is_dir() {
                text_dirs.push(dir.join(c));
            }
        }
    }
    let mut docs = Vec::new();
    for comp in text_dirs {
        let mut names: Vec<PathBuf> = std::fs::read_dir(comp.join("text"))
            .map_err(|e| format!("{}: {e}", comp.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        let mut anns: Vec<PathBuf> = std::fs::read_dir(comp.join("attributions"))
            .map_err(|e| format!("{}: {e}", comp.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        anns.sort();
        for t in names {
            let stem = t.file_stem().unwrap().to_string_lossy().to_string();
            // several annotators for some articles: take the first, as SOURCE.md suggests
            let Some(ann) = anns.iter().find(|a| {
                a.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .strip_prefix(&stem)
                    .is_some_and(|r| r.starts_with('_') && r.ends_with(".ann"))
            }) else {
                continue;
            };
            let text = std::fs::read_to_string(&t).map_err(|e| format!("{}: {e}", t.display()))?;
            let ann_text =
                std::fs::read_to_string(ann).map_err(|e| format!("{}: {e}", ann.display()))?;
            let relations =
                parse_ann(&text, &ann_text).map_err(|e| format!("{}: {e}", ann.display()))?;
            docs.push(Doc {
                name: stem,
                text,
                relations,
            });
        }
    }
    Ok(docs)
}

/// brat standoff -> relations, with character offsets turned into byte offsets.
fn parse_ann(text: &str, ann: &str) -> Result<Vec<Relation>, String> {
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let to_byte = |c: usize| {
        byte_at
            .get(c)
            .copied()
            .ok_or_else(|| format!("offset {c} beyond the text"))
    };
    let mut spans: BTreeMap<String, (String, Vec<Span>)> = BTreeMap::new();
    let mut events: Vec<Vec<(String, String)>> = Vec::new();
    for line in ann.lines() {
        // A covered text with a newline continues on the next line: skip those.
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let is_id = |p: char| {
            id.strip_prefix(p)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if !line.contains('\t') {
            continue;
        }
        if is_id('T') {
            let desc = cols.next().ok_or("T line without a label")?;
            let (label, ranges) = desc.split_once(' ').ok_or("T line without offsets")?;
            let mut v = Vec::new();
            for r in ranges.split(';') {
                let (a, b) = r.trim().split_once(' ').ok_or("bad range")?;
                let a: usize = a.parse().map_err(|_| "bad offset")?;
                let b: usize = b.parse().map_err(|_| "bad offset")?;
                v.push(Span::new(to_byte(a)?, to_byte(b)?));
            }
            spans.insert(id.to_string(), (label.to_string(), v));
        } else if is_id('E') {
            let args = cols.next().unwrap_or("");
            events.push(
                args.split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .map(|(role, t)| (role.to_string(), t.to_string()))
                    .collect(),
            );
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let get = |role: &str| -> Vec<Span> {
            ev.iter()
                .filter(|(r, _)| r == role)
                .filter_map(|(_, t)| spans.get(t))
                .flat_map(|(_, v)| v.clone())
                .collect()
        };
        let content = get("Content");
        if content.is_empty() {
            continue;
        }
        let speech = get("Cue").iter().any(|c| speech_cue(c.text(text)));
        out.push(Relation {
            content,
            sources: get("Source"),
            speech,
        });
    }
    Ok(out)
}

/// Stretches between paired quotation marks, per paragraph (a plain scanner:
/// curly pairs, and straight marks toggling).
fn quote_segments(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for para in text.split("\n\n") {
        let mut open: Option<(usize, char)> = None;
        let mut skip = false;
        for (i, c) in para.char_indices() {
            if std::mem::take(&mut skip) {
                continue;
            }
            // '' and `` (older NYT text) are double quotation marks
            let doubled = para[i..].starts_with("''") || para[i..].starts_with("``");
            skip = doubled;
            let (c, width) = if doubled { ('"', 2) } else { (c, c.len_utf8()) };
            match (open, c) {
                (None, '“') | (None, '"') => open = Some((i + width, c)),
                (Some((s, '“')), '”')
                | (Some((s, '"')), '"')
                | (Some((s, '"')), '”')
                | (Some((s, '“')), '"') => {
                    let span = Span::new(para_start + s, para_start + i).trim(text);
                    if !span.is_empty() {
                        out.push(span);
                    }
                    open = None;
                }
                _ => {}
            }
        }
        para_start += para.len() + 2;
    }
    out
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// The overlap of two quotations in parts: the sum over every pair of parts.
fn overlap_parts(a: &[Span], b: &[Span]) -> usize {
    a.iter()
        .map(|x| b.iter().map(|y| overlap(*x, *y)).sum::<usize>())
        .sum()
}

/// Two quotations in parts match when their parts overlap by at least half the
/// longer one's words.
fn matches_parts(a: &[Span], b: &[Span]) -> bool {
    let len = |v: &[Span]| v.iter().map(|s| s.len()).sum::<usize>();
    overlap_parts(a, b) * 2 >= len(a).max(len(b)).max(1)
}

fn matches(a: Span, b: Span) -> bool {
    overlap(a, b) * 2 >= a.len().max(b.len()).max(1)
}

fn score_doc(d: &Doc, a: &Analysis) -> QuoteEval {
    let text = &d.text;
    let mut e = QuoteEval::default();
    // gold direct quotes: segments inside a Content span (at least half inside); the
    // segments of one relation ("“…,” she said. “…”") are one quote, as PolNeAR
    // counts one attribution
    let mut gold: Vec<(Vec<Span>, Vec<Span>)> = Vec::new();
    let mut gold_of_relation: BTreeMap<usize, usize> = BTreeMap::new();
    for seg in quote_segments(text) {
        if let Some(ri) = d.relations.iter().position(|r| {
            r.content
                .iter()
                .any(|c| overlap(*c, seg) * 2 >= seg.len().max(1))
        }) {
            match gold_of_relation.get(&ri) {
                Some(&g) => gold[g].0.push(seg),
                None => {
                    gold_of_relation.insert(ri, gold.len());
                    gold.push((vec![seg], d.relations[ri].sources.clone()));
                }
            }
        }
    }
    let pred: Vec<&parallax_core::Quote> = a
        .quotes
        .iter()
        .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial))
        .collect();
    let mut gold_hit = vec![false; gold.len()];
    for q in &pred {
        let parts: Vec<Span> = q.contents().collect();
        let best = (0..gold.len())
            .filter(|&g| !gold_hit[g] && matches_parts(&parts, &gold[g].0))
            .max_by_key(|&g| overlap_parts(&parts, &gold[g].0));
        match best {
            Some(g) => {
                gold_hit[g] = true;
                e.direct.tp_pred += 1;
                e.direct.tp_gold += 1;
                let tally = (&mut e.speaker_correct, &mut e.speaker_total);
                judge_speaker(d, a, q, &gold[g].1, "wrong speaker", tally, &mut e.examples);
            }
            None => e
                .examples
                .push(("false quote".into(), d.name.clone(), clip(&q.text))),
        }
    }
    e.direct.predicted = pred.len();
    e.direct.gold = gold.len();
    for (g, hit) in gold.iter().zip(&gold_hit) {
        if !hit {
            // found, but taken for a scare quote (no speaker, short, no speech verb)
            let first = g.0[0];
            let scare = a
                .quotes
                .iter()
                .any(|q| q.kind == QuoteKind::Scare && matches(q.content, first));
            let kind = if scare {
                "missed (scare)"
            } else {
                "missed quote"
            };
            let shown = if scare {
                format!("⟦{}⟧ in: {}", clip(first.text(text)), context(text, first))
            } else {
                clip(first.text(text))
            };
            e.examples.push((kind.into(), d.name.clone(), shown));
        }
    }
    // indirect: gold content without any quotation mark (NYT texts write them as
    // two apostrophes). A content split by its attribution ("The plan, he said, will
    // fail") is found by matching the span covering its pieces or any one piece.
    let gold_ind: Vec<(Vec<Span>, &Relation)> = d
        .relations
        .iter()
        .filter(|r| {
            r.content
                .iter()
                .all(|c| !c.text(text).contains(['“', '”', '"']) && !c.text(text).contains("''"))
        })
        .filter_map(|r| {
            let first = r.content.iter().map(|c| c.start).min()?;
            let last = r.content.iter().map(|c| c.end).max()?;
            let mut forms = vec![Span::new(first, last)];
            if r.content.len() > 1 {
                forms.extend(r.content.iter().copied());
            }
            Some((forms, r))
        })
        .collect();
    let pred_ind: Vec<&parallax_core::Quote> = a
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .collect();
    let mut hit = vec![false; gold_ind.len()];
    for q in &pred_ind {
        let p = q.content;
        let found = (0..gold_ind.len())
            .find(|&g| !hit[g] && gold_ind[g].0.iter().any(|form| matches(p, *form)));
        if found.is_none() {
            e.examples.push((
                "false indirect".into(),
                d.name.clone(),
                format!("⟦{}⟧ in: {}", clip(&q.text), context(text, q.span)),
            ));
        }
        if let Some(g) = found {
            hit[g] = true;
            e.indirect.tp_pred += 1;
            e.indirect.tp_gold += 1;
            let tally = (
                &mut e.indirect_speaker_correct,
                &mut e.indirect_speaker_total,
            );
            let sources = &gold_ind[g].1.sources;
            judge_speaker(
                d,
                a,
                q,
                sources,
                "wrong indirect speaker",
                tally,
                &mut e.examples,
            );
        }
    }
    for ((forms, r), hit) in gold_ind.iter().zip(&hit) {
        if r.speech {
            e.indirect_speech_gold += 1;
            e.indirect_speech_found += usize::from(*hit);
        }
        let g = &forms[0];
        if !hit {
            // a predicted clause that overlaps without matching: cut too long or short
            let near = pred_ind
                .iter()
                .find(|q| overlap(q.content, *g) > 0)
                .map(|q| format!(" ≠ predicted ⟦{}⟧", clip(&q.text)))
                .unwrap_or_default();
            let mut a = g.start.saturating_sub(80);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            let before: String = text[a..g.start]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            e.examples.push((
                if r.speech {
                    "missed indirect speech"
                } else {
                    "missed indirect"
                }
                .into(),
                d.name.clone(),
                format!("{before} ⟦{}⟧{near}", clip(g.text(text))),
            ));
        }
    }
    e.indirect.predicted = pred_ind.len();
    e.indirect.gold = gold_ind.len();
    e
}

/// Counts a matched quote's speaker when its relation has a gold Source (`tally` is
/// correct, total), and keeps the error for `--examples` when it is wrong.
fn judge_speaker(
    d: &Doc,
    a: &Analysis,
    q: &parallax_core::Quote,
    sources: &[Span],
    kind: &str,
    tally: (&mut usize, &mut usize),
    examples: &mut Vec<(String, String, String)>,
) {
    if sources.is_empty() {
        return;
    }
    *tally.1 += 1;
    if speaker_matches(q, sources, a) {
        *tally.0 += 1;
        return;
    }
    let text = &d.text;
    let got = q.speaker.as_ref().map_or("-", |s| s.text.as_str());
    let want = sources.first().map_or("", |s| s.text(text));
    examples.push((
        kind.into(),
        d.name.clone(),
        format!("{got} instead of {want}: {}", context(text, q.span)),
    ));
}

/// parallax's speaker span, or a mention of the actor it resolved to, overlaps a
/// gold Source.
fn speaker_matches(q: &parallax_core::Quote, sources: &[Span], a: &Analysis) -> bool {
    q.speaker.as_ref().is_some_and(|s| {
        sources.iter().any(|src| overlap(s.span, *src) > 0)
            || s.entity.is_some_and(|ent| {
                a.mentions
                    .iter()
                    .any(|m| m.entity == ent && sources.iter().any(|src| overlap(m.span, *src) > 0))
            })
    })
}

/// The quote with some words around it, for reading errors.
fn context(text: &str, span: Span) -> String {
    let mut a = span.start.saturating_sub(120);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (span.end + 100).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let s: String = text[a..b].split_whitespace().collect::<Vec<_>>().join(" ");
    s
}

fn clip(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 100 {
        format!("{}…", s.chars().take(99).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_brat_and_converts_offsets() {
        let text = "Él dijo: “Hola.” Fin.";
        // chars: É=0 l=1, “ at 9, Hola. at 10..15, ” at 15
        let ann = "T1\tSource 0 2\tÉl\nT2\tContent 10 15\tHola.\nT3\tCue 3 7\tdijo\nE1\tAttribution:T3 Content:T2 Cue:T3 Source:T1\n";
        let rels = parse_ann(text, ann).unwrap();
        assert_eq!(rels.len(), 1);
        assert_eq!(rels[0].content[0].text(text), "Hola.");
        assert_eq!(rels[0].sources[0].text(text), "Él");
        assert_eq!(
            quote_segments(text)
                .iter()
                .map(|s| s.text(text))
                .collect::<Vec<_>>(),
            vec!["Hola."]
        );
    }

    #[test]
    fn scores_a_small_document() {
        let text = "“We will win,” Maduro said.\n\nThe party is a “sham” said nobody.";
        let ann = "T1\tSource 15 21\tMaduro\nT2\tContent 1 12\tWe will win\nE1\tAttribution:T2 Content:T2 Source:T1\n";
        let d = Doc {
            name: "x".into(),
            text: text.into(),
            relations: parse_ann(text, ann).unwrap(),
        };
        let a = Analyzer::new().analyze_text(text);
        let e = score_doc(&d, &a);
        assert_eq!(e.direct.gold, 1);
        assert_eq!(e.direct.tp_gold, 1);
        assert_eq!(e.speaker_correct, 1);
    }
}
