//! Scoring on the two development sets.
//!
//! * trafilatura-eval-en (`gold.json` + `html/<key>.html.gz`): trafilatura's own
//!   method. Each "with" snippet found in the extracted text (whitespace
//!   normalised on both sides) is a true positive, else a false negative; each
//!   "without" snippet found is a false positive. Precision, recall and F1 are
//!   over all snippets of all pages.
//! * readability-test-pages (`<case>/source.html` + `expected.html`): 4-gram
//!   word shingles (lowercased alphanumeric words; block elements are breaks)
//!   of the extraction against the text of `expected.html`, counted as
//!   multisets and pooled over all pages.
//!
//! Only extraction is timed; reading and decompressing the pages is not.
//! [`score_texts`] scores texts produced by another tool with the same code, so
//! comparisons in `bench/extract.sh` use one scorer.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::dom::{self, Tag};

/// Why a dev set could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A JSON file could not be parsed.
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The error.
        source: serde_json::Error,
    },
    #[error(
        "{0}: neither gold.json (trafilatura-eval) nor <case>/expected.html (readability) found"
    )]
    /// The directory holds neither dev set.
    UnknownSet(PathBuf),
    /// The directory holds the other dev set.
    #[error("{dir}: expected the {want:?} set, found {found:?}")]
    WrongSet {
        /// The directory.
        dir: PathBuf,
        /// The set asked for.
        want: DataSet,
        /// The set found.
        found: DataSet,
    },
}

/// A result of the dev-set scoring.
pub type Result<T> = std::result::Result<T, EvalError>;

/// Which dev set a directory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataSet {
    /// trafilatura's evaluation set (`gold.json`, snippets with and without).
    TrafilaturaEval,
    /// Readability's test pages (`<case>/expected.html`).
    Readability,
}

/// Per-page outcome, for inspecting failures.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PageReport {
    /// The page's key in the set.
    pub key: String,
    /// The page's URL, when the set gives it.
    pub url: Option<String>,
    /// Precision of the extracted text.
    pub precision: f64,
    /// Recall of the extracted text.
    pub recall: f64,
    /// F1 of the extracted text.
    pub f1: f64,
    /// Snippet set: gold "with" snippets not found. Shingle set: empty.
    pub missed: Vec<String>,
    /// Snippet set: gold "without" snippets found. Shingle set: empty.
    pub leaked: Vec<String>,
    /// Characters extracted.
    pub chars: usize,
    /// Seconds spent extracting the page.
    pub seconds: f64,
}

/// The scores of a dev set: pooled precision, recall and F1, speed and each page's outcome.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EvalReport {
    /// Which set.
    pub dataset: DataSet,
    /// How text is compared with the gold.
    pub metric: String,
    /// Pooled precision.
    pub precision: f64,
    /// Pooled recall.
    pub recall: f64,
    /// Pooled F1.
    pub f1: f64,
    /// Pages scored.
    pub pages: usize,
    /// Extraction time only.
    pub seconds: f64,
    /// Pages extracted per second (one thread).
    pub pages_per_second: f64,
    /// Each page's outcome.
    pub details: Vec<PageReport>,
}

/// One page of a dev set, loaded into memory.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page's key in the set.
    pub key: String,
    /// The page's URL, when the set gives it.
    pub url: Option<String>,
    /// The page's HTML.
    pub html: String,
    gold: Gold,
}

#[derive(Debug, Clone)]
enum Gold {
    Snippets {
        with: Vec<String>,
        without: Vec<String>,
    },
    Text(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EvalError + '_ {
    move |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Detects the set in `dir`.
pub fn detect(dir: &Path) -> Result<DataSet> {
    if dir.join("gold.json").is_file() {
        Ok(DataSet::TrafilaturaEval)
    } else if std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok())
        .any(|e| e.path().join("expected.html").is_file())
    {
        Ok(DataSet::Readability)
    } else {
        Err(EvalError::UnknownSet(dir.to_path_buf()))
    }
}

#[derive(Deserialize)]
struct GoldEntry {
    url: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

/// Loads every page of a dev set (sorted by key).
pub fn load(dir: &Path) -> Result<(DataSet, Vec<Page>)> {
    let set = detect(dir)?;
    let mut pages = vec![];
    match set {
        DataSet::TrafilaturaEval => {
            let gp = dir.join("gold.json");
            let raw = std::fs::read(&gp).map_err(io(&gp))?;
            let gold: HashMap<String, GoldEntry> =
                serde_json::from_slice(&raw).map_err(|source| EvalError::Json {
                    path: gp.clone(),
                    source,
                })?;
            for (key, g) in gold {
                let p = dir.join("html").join(format!("{key}.html.gz"));
                let f = std::fs::File::open(&p).map_err(io(&p))?;
                let mut bytes = vec![];
                flate2::read::GzDecoder::new(f)
                    .read_to_end(&mut bytes)
                    .map_err(io(&p))?;
                pages.push(Page {
                    key,
                    url: g.url,
                    html: String::from_utf8_lossy(&bytes).into_owned(),
                    gold: Gold::Snippets {
                        with: g.with,
                        without: g.without,
                    },
                });
            }
        }
        DataSet::Readability => {
            for e in std::fs::read_dir(dir)
                .map_err(io(dir))?
                .filter_map(|e| e.ok())
            {
                let case = e.path();
                let (src, exp) = (case.join("source.html"), case.join("expected.html"));
                if !src.is_file() || !exp.is_file() {
                    continue;
                }
                let html =
                    String::from_utf8_lossy(&std::fs::read(&src).map_err(io(&src))?).into_owned();
                let gold =
                    String::from_utf8_lossy(&std::fs::read(&exp).map_err(io(&exp))?).into_owned();
                pages.push(Page {
                    key: e.file_name().to_string_lossy().into_owned(),
                    // The URL Readability's test suite gives every page.
                    url: Some("http://fakehost/test/page.html".into()),
                    html,
                    gold: Gold::Text(html_text(&gold)),
                });
            }
        }
    }
    pages.sort_by(|a, b| a.key.cmp(&b.key));
    Ok((set, pages))
}

/// Scores parallax-extract on the trafilatura-eval set in `dir`.
pub fn eval_trafilatura(dir: &Path) -> Result<EvalReport> {
    expect_set(dir, DataSet::TrafilaturaEval)?;
    eval_dir(dir)
}

/// Scores parallax-extract on the readability test pages in `dir`.
pub fn eval_readability(dir: &Path) -> Result<EvalReport> {
    expect_set(dir, DataSet::Readability)?;
    eval_dir(dir)
}

fn expect_set(dir: &Path, want: DataSet) -> Result<()> {
    let found = detect(dir)?;
    if found == want {
        Ok(())
    } else {
        Err(EvalError::WrongSet {
            dir: dir.to_path_buf(),
            want,
            found,
        })
    }
}

/// Scores parallax-extract on whichever dev set `dir` holds.
pub fn eval_dir(dir: &Path) -> Result<EvalReport> {
    let (set, pages) = load(dir)?;
    Ok(eval_pages(set, &pages, |p| {
        crate::extract(&p.html, p.url.as_deref())
            .map(|e| e.text())
            .unwrap_or_default()
    }))
}

/// Runs `extract` on every page, timing each call, and scores the texts.
pub fn eval_pages(
    set: DataSet,
    pages: &[Page],
    mut extract: impl FnMut(&Page) -> String,
) -> EvalReport {
    let mut texts = Vec::with_capacity(pages.len());
    for p in pages {
        let t0 = Instant::now();
        let text = extract(p);
        texts.push((text, t0.elapsed().as_secs_f64()));
    }
    score(set, pages, &texts)
}

/// Scores texts produced elsewhere (key -> text) with the same code; `seconds`
/// is the other tool's total extraction time. Missing keys count as empty.
pub fn score_texts(
    dir: &Path,
    texts: &HashMap<String, String>,
    seconds: f64,
) -> Result<EvalReport> {
    let (set, pages) = load(dir)?;
    let per = seconds / pages.len().max(1) as f64;
    let t: Vec<(String, f64)> = pages
        .iter()
        .map(|p| (texts.get(&p.key).cloned().unwrap_or_default(), per))
        .collect();
    Ok(score(set, &pages, &t))
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 { 0.0 } else { a / b }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn score(set: DataSet, pages: &[Page], texts: &[(String, f64)]) -> EvalReport {
    let mut details = vec![];
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let (mut overlap, mut npred, mut ngold) = (0usize, 0usize, 0usize);
    let mut seconds = 0.0;
    for (p, (text, secs)) in pages.iter().zip(texts) {
        seconds += secs;
        let (pp, rr, missed, leaked) = match &p.gold {
            Gold::Snippets { with, without } => {
                let t = normalize_ws(text);
                let missed: Vec<String> = with
                    .iter()
                    .filter(|s| !t.contains(&normalize_ws(s)))
                    .cloned()
                    .collect();
                let leaked: Vec<String> = without
                    .iter()
                    .filter(|s| t.contains(&normalize_ws(s)))
                    .cloned()
                    .collect();
                let ptp = with.len() - missed.len();
                tp += ptp;
                fneg += missed.len();
                fp += leaked.len();
                (
                    ratio(ptp as f64, (ptp + leaked.len()) as f64),
                    ratio(ptp as f64, with.len() as f64),
                    missed,
                    leaked,
                )
            }
            Gold::Text(gold) => {
                let a = shingles(text);
                let b = shingles(gold);
                let o: usize = a
                    .iter()
                    .map(|(k, c)| (*c).min(*b.get(k).unwrap_or(&0)))
                    .sum();
                let (na, nb): (usize, usize) = (a.values().sum(), b.values().sum());
                overlap += o;
                npred += na;
                ngold += nb;
                let pp = if na == 0 {
                    f64::from(u8::from(nb == 0))
                } else {
                    o as f64 / na as f64
                };
                let rr = if nb == 0 { 1.0 } else { o as f64 / nb as f64 };
                (pp, rr, vec![], vec![])
            }
        };
        details.push(PageReport {
            key: p.key.clone(),
            url: p.url.clone(),
            precision: pp,
            recall: rr,
            f1: f1(pp, rr),
            missed,
            leaked,
            chars: text.chars().count(),
            seconds: *secs,
        });
    }
    let (precision, recall, metric) = match set {
        DataSet::TrafilaturaEval => (
            ratio(tp as f64, (tp + fp) as f64),
            ratio(tp as f64, (tp + fneg) as f64),
            "snippets (trafilatura method)",
        ),
        DataSet::Readability => (
            ratio(overlap as f64, npred as f64),
            ratio(overlap as f64, ngold as f64),
            "4-gram word shingles vs expected.html (pooled)",
        ),
    };
    EvalReport {
        dataset: set,
        metric: metric.into(),
        precision,
        recall,
        f1: f1(precision, recall),
        pages: pages.len(),
        seconds,
        pages_per_second: ratio(pages.len() as f64, seconds),
        details,
    }
}

fn normalize_ws(s: &str) -> String {
    crate::meta::clean_ws(s)
}

/// Text of an HTML fragment with block elements as line breaks.
pub fn html_text(html: &str) -> String {
    let doc = dom::parse(html);
    let mut out = String::new();
    for (i, n) in doc.nodes.iter().enumerate() {
        match n.tag {
            Tag::Text => {
                let p = doc.nodes[n.parent as usize].tag;
                if !matches!(p, Tag::Script | Tag::Style | Tag::Title) {
                    out.push_str(doc.node_text(i as u32));
                }
            }
            t if t.is_block() || matches!(t, Tag::Li | Tag::Dd | Tag::Dt | Tag::Tr) => {
                out.push('\n')
            }
            _ => {}
        }
    }
    out
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut m = HashMap::new();
    if words.len() < 4 {
        if !words.is_empty() {
            *m.entry(words).or_insert(0) += 1;
        }
        return m;
    }
    for w in words.windows(4) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}
