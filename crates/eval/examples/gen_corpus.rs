//! Generates a large JSON Lines corpus by recombining the dev data, for scale
//! benchmarks of `parallax compare` (bench/compare-scale.sh).
//!
//! Each synthetic article takes one real article (BASIL or PolNeAR) as its base,
//! keeps its first paragraphs, swaps in paragraphs from another article of the same
//! source collection, and is attributed to one of 40 synthetic outlets with its
//! date shifted by a few days, so stories of several outlets exist at scale.
//! Deterministic: the same seed gives the same corpus.
//!
//! cargo run --release -p parallax-eval --example gen_corpus -- 10000 /tmp/corpus.jsonl

use std::io::Write;
use std::path::{Path, PathBuf};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Base {
    title: String,
    date: Option<String>,
    paragraphs: Vec<String>,
    group: usize,
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            walk(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let out_path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "corpus.jsonl".into());
    let data = parallax_eval::shared_data(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("../shared/data not found (set PARALLAX_SHARED)");
    let mut bases: Vec<Base> = Vec::new();
    let mut files = Vec::new();
    walk(&data.join("basil/articles"), "json", &mut files);
    for f in &files {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap();
        let paragraphs: Vec<String> = v["body-paragraphs"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        p.as_array()
                            .map(|s| {
                                s.iter()
                                    .filter_map(|x| x.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .unwrap_or_default()
                    })
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        bases.push(Base {
            title: v["title"].as_str().unwrap_or("").to_string(),
            date: v["date"].as_str().map(str::to_string),
            paragraphs,
            group: 0,
        });
    }
    let mut texts = Vec::new();
    walk(&data.join("polnear"), "txt", &mut texts);
    for f in &texts {
        let t = std::fs::read_to_string(f).unwrap();
        let mut paras = t
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty());
        let title = paras.next().unwrap_or_default();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let date = name.split('_').nth(1).map(str::to_string);
        bases.push(Base {
            title,
            date,
            paragraphs: paras.collect(),
            group: 1,
        });
    }
    assert!(
        !bases.is_empty(),
        "no dev articles found under {}",
        data.display()
    );
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path).unwrap());
    for i in 0..n {
        let b = &bases[i % bases.len()];
        let other = loop {
            let o = &bases[rng.below(bases.len())];
            if o.group == b.group {
                break o;
            }
        };
        let keep = (b.paragraphs.len() * 2 / 3).max(1).min(b.paragraphs.len());
        let mut paras: Vec<&str> = b.paragraphs[..keep].iter().map(String::as_str).collect();
        for _ in 0..2 {
            if !other.paragraphs.is_empty() {
                paras.push(&other.paragraphs[rng.below(other.paragraphs.len())]);
            }
        }
        let outlet = format!("Outlet {:02}", rng.below(40));
        let date = b
            .date
            .as_deref()
            .and_then(|d| shift(d, rng.below(5) as i64));
        let rec = serde_json::json!({
            "title": b.title,
            "outlet": outlet,
            "published": date,
            "url": format!("https://outlet{:02}.example/{i}", i % 40),
            "text": paras.join("\n\n"),
        });
        writeln!(out, "{rec}").unwrap();
    }
    out.flush().unwrap();
    eprintln!("wrote {n} articles to {out_path}");
}

/// Shifts an ISO date by `days` (within the month, enough for a benchmark).
fn shift(date: &str, days: i64) -> Option<String> {
    let d = date.get(..10)?;
    let (ym, day) = d.rsplit_once('-')?;
    let day: i64 = day.parse().ok()?;
    Some(format!("{ym}-{:02}", (day + days).clamp(1, 28)))
}
