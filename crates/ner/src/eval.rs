//! Scoring on Universal NER files (IOB2, CoNLL-style): exact span + type
//! matches, seqeval/conlleval style, per type (PER, ORG, LOC) and micro-averaged.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::{EntityKind, Tagger};

/// One gold sentence.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// `sent_id` (PUD: `n...` news, `w...` Wikipedia).
    pub id: String,
    /// The `newdoc id` of the document the sentence belongs to (carried over
    /// from the last `# newdoc id` line; empty before the first).
    pub doc: String,
    /// The raw sentence text (`# text =`), when given.
    pub text: String,
    /// The tokens, as the file gives them.
    pub tokens: Vec<String>,
    /// IOB2 tags, one per token.
    pub tags: Vec<String>,
}

/// Read a UNER IOB2 file.
pub fn read_iob2(path: &Path) -> std::io::Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path)?;
    Ok(parse_iob2(&text))
}

/// Parse UNER IOB2 text (see [`read_iob2`]).
pub fn parse_iob2(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut doc = String::new();
    let mut cur = Sentence {
        id: String::new(),
        doc: String::new(),
        text: String::new(),
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    let flush = |cur: &mut Sentence, out: &mut Vec<Sentence>| {
        if !cur.tokens.is_empty() {
            out.push(std::mem::replace(
                cur,
                Sentence {
                    id: String::new(),
                    doc: String::new(),
                    text: String::new(),
                    tokens: Vec::new(),
                    tags: Vec::new(),
                },
            ));
        }
    };
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('#') {
            let rest = rest.trim_start();
            if let Some(v) = rest.strip_prefix("newdoc id =") {
                flush(&mut cur, &mut out);
                doc = v.trim().to_string();
            } else if let Some(v) = rest.strip_prefix("sent_id =") {
                flush(&mut cur, &mut out);
                cur.id = v.trim().to_string();
            } else if let Some(v) = rest.strip_prefix("text =") {
                cur.text = v.trim().to_string();
            }
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(_), Some(form), Some(tag)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if cur.tokens.is_empty() {
            cur.doc = doc.clone();
        }
        cur.tokens.push(form.to_string());
        cur.tags.push(tag.to_string());
    }
    flush(&mut cur, &mut out);
    out
}

/// Entity spans `(start, end, kind)` in token indices from IOB2 tags. An
/// `I-X` not continuing an `X` entity starts one (conlleval's rule); unknown
/// types are ignored.
pub fn spans_from_tags<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (t, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (bio, kind) = match tag.split_once('-') {
            Some((b, k)) => (b, EntityKind::from_label(k)),
            None => (tag, None),
        };
        let continues = bio == "I" && matches!((open, kind), (Some((_, k0)), Some(k)) if k0 == k);
        if continues {
            continue;
        }
        if let Some((s, k0)) = open.take() {
            out.push((s, t, k0));
        }
        if let (Some(k), "B" | "I") = (kind, bio) {
            open = Some((t, k));
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// True positives: predicted spans in the gold.
    pub tp: usize,
    /// False positives: predicted spans not in the gold.
    pub fp: usize,
    /// False negatives: gold spans not predicted.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn), 0 when the gold is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores per type and micro-averaged, with the size and time of the run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Counts per entity kind.
    pub per_type: BTreeMap<EntityKind, Counts>,
    /// Sentences scored.
    pub sentences: usize,
    /// Words scored.
    pub words: usize,
    /// Seconds spent tagging (zero when scoring given predictions).
    pub seconds: f64,
}

impl Report {
    /// The counts of all kinds together (micro average).
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        for v in self.per_type.values() {
            c.add(*v);
        }
        c
    }

    /// Words tagged per second (0 when not timed).
    pub fn words_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.words as f64 / self.seconds
        } else {
            0.0
        }
    }

    /// Add one sentence's gold and predicted spans.
    pub fn add(
        &mut self,
        gold: &[(usize, usize, EntityKind)],
        pred: &[(usize, usize, EntityKind)],
        words: usize,
    ) {
        self.sentences += 1;
        self.words += words;
        for k in [EntityKind::Person, EntityKind::Org, EntityKind::Loc] {
            let g: Vec<_> = gold.iter().filter(|s| s.2 == k).collect();
            let p: Vec<_> = pred.iter().filter(|s| s.2 == k).collect();
            let tp = p.iter().filter(|s| g.contains(s)).count();
            let c = self.per_type.entry(k).or_default();
            c.add(Counts {
                tp,
                fp: p.len() - tp,
                fn_: g.len() - tp,
            });
        }
    }

    /// A plain-text table: one row per type and a micro row.
    pub fn table(&self, name: &str) -> String {
        let mut s = String::new();
        if self.seconds > 0.0 {
            let _ = writeln!(
                s,
                "{name}: {} sentences, {} words, {:.3} s, {:.0} words/s",
                self.sentences,
                self.words,
                self.seconds,
                self.words_per_second()
            );
        } else {
            let _ = writeln!(
                s,
                "{name}: {} sentences, {} words (scored, not timed)",
                self.sentences, self.words
            );
        }
        let _ = writeln!(s, "  type    P      R      F1     gold  pred");
        let mut row = |label: &str, c: Counts| {
            let _ = writeln!(
                s,
                "  {label:<5} {:.3}  {:.3}  {:.3}  {:>5} {:>5}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp + c.fn_,
                c.tp + c.fp
            );
        };
        for (k, c) in &self.per_type {
            row(k.label(), *c);
        }
        row("micro", self.micro());
        s
    }

    /// The report as one JSON object (for scripts).
    pub fn json(&self, name: &str) -> String {
        let mut s = format!(
            "{{\"name\":\"{name}\",\"sentences\":{},\"words\":{},\"seconds\":{:.6},\"words_per_second\":{:.1}",
            self.sentences,
            self.words,
            self.seconds,
            self.words_per_second()
        );
        let mut types: Vec<(String, Counts)> = self
            .per_type
            .iter()
            .map(|(k, c)| (k.label().to_string(), *c))
            .collect();
        types.push(("micro".into(), self.micro()));
        for (label, c) in types {
            let _ = write!(
                s,
                ",\"{label}\":{{\"p\":{:.4},\"r\":{:.4},\"f1\":{:.4},\"tp\":{},\"fp\":{},\"fn\":{}}}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        s.push('}');
        s
    }
}

/// Which part of PUD to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subset {
    /// Sentences whose id starts with `n` (news).
    News,
    /// Sentences whose id starts with `w` (Wikipedia).
    Wiki,
    /// Every sentence.
    All,
}

impl Subset {
    /// Whether sentence `s` belongs to this subset.
    pub fn keeps(self, s: &Sentence) -> bool {
        match self {
            Subset::News => s.id.starts_with('n'),
            Subset::Wiki => s.id.starts_with('w'),
            Subset::All => true,
        }
    }

    /// The subset's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Subset::News => "news",
            Subset::Wiki => "wiki",
            Subset::All => "all",
        }
    }
}

/// Tag the gold tokens of every sentence and score against the gold tags.
/// Tagging is timed (`repeat` passes; the time is per pass).
pub fn evaluate(tagger: &Tagger, sentences: &[&Sentence], repeat: usize) -> Report {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let repeat = repeat.max(1);
    let mut preds = Vec::new();
    let start = Instant::now();
    for _ in 0..repeat {
        preds = words.iter().map(|w| tagger.tag_tokens(w)).collect();
    }
    let seconds = start.elapsed().as_secs_f64() / repeat as f64;
    let mut report = Report {
        seconds,
        ..Report::default()
    };
    for (s, p) in sentences.iter().zip(&preds) {
        let p: Vec<_> = p.iter().map(|&(a, b, k, _)| (a, b, k)).collect();
        report.add(&spans_from_tags(&s.tags), &p, s.tokens.len());
    }
    report
}

/// Tag the raw text of every sentence with the tagger's own tokenizer, then
/// score: a predicted entity counts when its byte span equals a gold entity's
/// span (gold tokens are located in the raw text in order). Sentences whose
/// tokens cannot be located are scored on gold tokens instead.
pub fn evaluate_raw(tagger: &Tagger, sentences: &[&Sentence], repeat: usize) -> Report {
    let repeat = repeat.max(1);
    let mut preds = Vec::new();
    let start = Instant::now();
    for _ in 0..repeat {
        preds = sentences.iter().map(|s| tagger.tag_text(&s.text)).collect();
    }
    let seconds = start.elapsed().as_secs_f64() / repeat as f64;
    let mut report = Report {
        seconds,
        ..Report::default()
    };
    for (s, p) in sentences.iter().zip(&preds) {
        let Some(offsets) = align(&s.text, &s.tokens) else {
            let w: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let p: Vec<_> = tagger
                .tag_tokens(&w)
                .iter()
                .map(|&(a, b, k, _)| (a, b, k))
                .collect();
            report.add(&spans_from_tags(&s.tags), &p, s.tokens.len());
            continue;
        };
        let gold: Vec<_> = spans_from_tags(&s.tags)
            .into_iter()
            .map(|(a, b, k)| (offsets[a].0, offsets[b - 1].1, k))
            .collect();
        let pred: Vec<_> = p.iter().map(|e| (e.start, e.end, e.kind)).collect();
        report.add(&gold, &pred, s.tokens.len());
    }
    report
}

/// Byte offsets of each gold token in the raw text, found left to right.
pub fn align(text: &str, tokens: &[String]) -> Option<Vec<(usize, usize)>> {
    let mut at = 0;
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let i = text[at..].find(t.as_str())? + at;
        // Only whitespace may be skipped between tokens.
        if !text[at..i].trim().is_empty() {
            return None;
        }
        out.push((i, i + t.len()));
        at = i + t.len();
    }
    Some(out)
}

/// The shared data directory: `$PARALLAX_SHARED/data`, else `../shared/data`
/// next to the repository root (found from this crate's manifest directory or
/// the current directory). `None` when absent.
pub fn shared_data_dir() -> Option<PathBuf> {
    if let Ok(s) = std::env::var("PARALLAX_SHARED") {
        let p = PathBuf::from(s).join("data");
        return p.is_dir().then_some(p);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        manifest.join("../../../shared/data"),
        PathBuf::from("../shared/data"),
    ];
    candidates.into_iter().find(|p| p.is_dir())
}

/// The PUD gold file under a shared data directory.
pub fn pud_path(data: &Path) -> PathBuf {
    data.join("uner-english-pud/en_pud-ud-test.iob2")
}

/// The EWT training files under a shared data directory.
pub fn ewt_paths(data: &Path) -> [PathBuf; 2] {
    [
        data.join("uner-english-ewt/en_ewt-ud-dev.iob2"),
        data.join("uner-english-ewt/en_ewt-ud-test.iob2"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_conlleval() {
        let t = [
            "B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "O",
        ];
        assert_eq!(
            spans_from_tags(&t),
            vec![
                (0, 2, EntityKind::Person),
                (3, 5, EntityKind::Loc),
                (5, 6, EntityKind::Loc),
                (6, 7, EntityKind::Org)
            ]
        );
        assert!(spans_from_tags::<&str>(&[]).is_empty());
        assert_eq!(
            spans_from_tags(&["B-PER"]),
            vec![(0, 1, EntityKind::Person)]
        );
    }

    #[test]
    fn scoring_counts() {
        let mut r = Report::default();
        let g = [(0, 2, EntityKind::Person), (3, 4, EntityKind::Loc)];
        let p = [(0, 2, EntityKind::Person), (3, 4, EntityKind::Org)];
        r.add(&g, &p, 5);
        let m = r.micro();
        assert_eq!((m.tp, m.fp, m.fn_), (1, 1, 1));
        assert!((m.f1() - 0.5).abs() < 1e-9);
        assert!(r.table("x").contains("micro"));
        assert!(r.json("x").starts_with("{\"name\":\"x\""));
    }

    #[test]
    fn parse_and_align() {
        let text = "# newdoc id = d1\n# sent_id = n1\n# text = Mr. Li’s day.\n1\tMr.\tO\t-\t-\n2\tLi\tB-PER\t-\t-\n3\t’s\tO\t-\t-\n4\tday\tO\t-\t-\n5\t.\tO\t-\t-\n\n# sent_id = n2\n1\tOK\tO\t-\t-\n\n# newdoc id = d2\n# sent_id = n3\n1\tNo\tO\t-\t-\n";
        let s = parse_iob2(text);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].id, "n1");
        let docs: Vec<&str> = s.iter().map(|x| x.doc.as_str()).collect();
        assert_eq!(docs, ["d1", "d1", "d2"]);
        assert_eq!(s[0].tokens.len(), 5);
        let off = align(&s[0].text, &s[0].tokens).unwrap();
        assert_eq!(&s[0].text[off[1].0..off[1].1], "Li");
    }
}
