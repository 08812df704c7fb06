//! Sparse weighted term vectors and cosine similarity, shared by story grouping
//! and statement alignment.

use std::collections::{BTreeMap, HashMap};

/// A sparse vector: feature id -> weight, L2-normalised.
#[derive(Debug, Clone, Default)]
pub struct SparseVec {
    pub entries: Vec<(u32, f32)>,
}

impl SparseVec {
    pub fn from_counts(counts: &BTreeMap<u32, f32>, idf: &[f32]) -> SparseVec {
        let mut entries: Vec<(u32, f32)> = counts
            .iter()
            .map(|(&f, &c)| (f, c * idf[f as usize]))
            .filter(|e| e.1 > 0.0)
            .collect();
        let norm = entries.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in &mut entries {
                e.1 /= norm;
            }
        }
        SparseVec { entries }
    }

    pub fn dot(&self, other: &SparseVec) -> f32 {
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < self.entries.len() && j < other.entries.len() {
            let (a, b) = (self.entries[i], other.entries[j]);
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += a.1 * b.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    pub fn shared(&self, other: &SparseVec) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < self.entries.len() && j < other.entries.len() {
            match self.entries[i].0.cmp(&other.entries[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out.push(self.entries[i].0);
                    i += 1;
                    j += 1;
                }
            }
        }
        out
    }
}

/// Interns feature strings to ids and counts document frequencies.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: HashMap<String, u32>,
    pub names: Vec<String>,
    pub df: Vec<u32>,
}

impl Vocab {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.to_string(), i);
        self.names.push(s.to_string());
        self.df.push(0);
        i
    }

    /// Counts each feature of one document once.
    pub fn add_doc(&mut self, features: impl IntoIterator<Item = u32>) {
        let mut seen: Vec<u32> = features.into_iter().collect();
        seen.sort_unstable();
        seen.dedup();
        for f in seen {
            self.df[f as usize] += 1;
        }
    }

    /// Smoothed inverse document frequency for `n` documents.
    pub fn idf(&self, n: usize) -> Vec<f32> {
        self.df
            .iter()
            .map(|&d| ((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0)
            .collect()
    }
}
