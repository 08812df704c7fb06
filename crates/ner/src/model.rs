//! The CRF at tagging time.
//!
//! Models are trained and stored in CRFsuite's file format (via the `crfs`
//! crate). At load time the file is turned into a flat table keyed by each
//! attribute name's 64-bit key ([`crate::features::name_key`]: the hash of its
//! template combined with the hash of its value), so tagging computes a feature's
//! key from its template's constant hash and its word's hash, taken once per token,
//! instead of building a `String` per feature and walking CRFsuite's string
//! database. Decoding is Viterbi; span confidences come from
//! forward-backward marginals, which the `crfs` tagger does not expose.

use std::fmt;

/// Error loading a model file.
#[derive(Debug)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid NER model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// 64-bit hash of a feature name (a multiply-rotate over 8-byte words with a
/// final avalanche). Collisions between the model's attributes are checked at
/// load time; a collision between an unseen feature and a model attribute has
/// a probability of about n/2^64.
#[inline]
pub const fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = bytes.len() as u64 ^ 0xC2B2_AE3D_27D4_EB4F;
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let w = u64::from_le_bytes([
            bytes[i],
            bytes[i + 1],
            bytes[i + 2],
            bytes[i + 3],
            bytes[i + 4],
            bytes[i + 5],
            bytes[i + 6],
            bytes[i + 7],
        ]);
        h = (h.rotate_left(23) ^ w).wrapping_mul(K);
        i += 8;
    }
    if i < bytes.len() {
        let mut w = [0u8; 8];
        let mut k = 0;
        while i + k < bytes.len() {
            w[k] = bytes[i + k];
            k += 1;
        }
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    // murmur3 fmix64
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A loaded linear-chain CRF.
pub struct Crf {
    /// Label names in model order (`O`, `B-PER`, ...).
    pub labels: Vec<String>,
    /// Number of labels.
    pub nl: usize,
    /// Open-addressing table: attribute hash -> row in `weights`.
    keys: Vec<u64>,
    rows: Vec<u32>,
    mask: usize,
    /// State weights, `stride` per attribute row (`nl` of them, then zeros).
    weights: Vec<f32>,
    /// Row width of `weights`: [`LANES`] when the labels fit in it (the tagger's
    /// seven do), so that a row is added to the scores as one fixed-size array;
    /// `nl` otherwise.
    stride: usize,
    /// Transition weights `trans[from * nl + to]`.
    pub trans: Vec<f32>,
}

const EMPTY: u32 = u32::MAX;

/// Width of the fixed-size score accumulator ([`Crf::add_lanes`]).
pub const LANES: usize = 8;

fn u32_at(buf: &[u8], at: usize) -> Result<u32, ModelError> {
    buf.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| ModelError(format!("truncated at byte {at}")))
}

fn f64_at(buf: &[u8], at: usize) -> Result<f64, ModelError> {
    buf.get(at..at + 8)
        .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .ok_or_else(|| ModelError(format!("truncated at byte {at}")))
}

impl Crf {
    /// Load a CRFsuite model file (as written by `crfs::Trainer`).
    pub fn from_bytes(buf: &[u8]) -> Result<Crf, ModelError> {
        let model = crfs::Model::new(buf).map_err(|e| ModelError(e.to_string()))?;
        let nl = model.num_labels() as usize;
        let na = model.num_attrs() as usize;
        if nl == 0 {
            return Err(ModelError("no labels".into()));
        }
        let labels = (0..nl as u32)
            .map(|i| model.to_label(i).map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| ModelError("missing label name".into()))?;
        // Header: magic, size, type, version, num_features, num_labels,
        // num_attrs, off_features, ... (all u32, little endian).
        let num_features = u32_at(buf, 16)? as usize;
        let off_features = u32_at(buf, 28)? as usize;
        // The feature chunk has a 12-byte header, then 20-byte records:
        // type u32, source u32, target u32, weight f64.
        let base = off_features + 12;
        let stride = if nl <= LANES { LANES } else { nl };
        let mut weights = vec![0f32; na * stride];
        let mut trans = vec![0f32; nl * nl];
        for fid in 0..num_features {
            let at = base + 20 * fid;
            let kind = u32_at(buf, at)?;
            let src = u32_at(buf, at + 4)? as usize;
            let dst = u32_at(buf, at + 8)? as usize;
            let w = f64_at(buf, at + 12)? as f32;
            if dst >= nl {
                return Err(ModelError(format!("feature {fid}: bad label {dst}")));
            }
            match kind {
                0 if src < na => weights[src * stride + dst] = w,
                1 if src < nl => trans[src * nl + dst] = w,
                _ => return Err(ModelError(format!("feature {fid}: bad type or source"))),
            }
        }
        let cap = (na * 2).next_power_of_two().max(16);
        let mut crf = Crf {
            labels,
            nl,
            keys: vec![0; cap],
            rows: vec![EMPTY; cap],
            mask: cap - 1,
            weights,
            stride,
            trans,
        };
        for a in 0..na as u32 {
            let name = model
                .to_attr(a)
                .ok_or_else(|| ModelError(format!("missing attribute {a}")))?;
            let h = crate::features::name_key(name.as_bytes());
            let mut slot = h as usize & crf.mask;
            loop {
                if crf.rows[slot] == EMPTY {
                    crf.keys[slot] = h;
                    crf.rows[slot] = a;
                    break;
                }
                if crf.keys[slot] == h {
                    return Err(ModelError(format!("attribute hash collision on {name:?}")));
                }
                slot = (slot + 1) & crf.mask;
            }
        }
        Ok(crf)
    }

    /// The state weights of the attribute whose key is `h` (`stride` long), if
    /// the model has it.
    #[inline]
    fn row(&self, h: u64) -> Option<&[f32]> {
        let mut slot = h as usize & self.mask;
        loop {
            let row = self.rows[slot];
            if row == EMPTY {
                return None;
            }
            if self.keys[slot] == h {
                return Some(&self.weights[row as usize * self.stride..][..self.stride]);
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Add the state weights of the attribute whose key is `h` to `scores` (one per
    /// label).
    #[inline]
    pub fn add_state(&self, h: u64, scores: &mut [f32]) {
        if let Some(w) = self.row(h) {
            for (s, x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }

    /// Whether [`Crf::add_lanes`] serves this model (its labels fit in [`LANES`]).
    pub fn fits_lanes(&self) -> bool {
        self.stride == LANES
    }

    /// [`Crf::add_state`] into a fixed-size accumulator, for a model that
    /// [`Crf::fits_lanes`]: the compiler keeps it in vector registers instead of
    /// adding to memory feature after feature. The sums are the same, in the same
    /// order.
    #[inline]
    pub fn add_lanes(&self, h: u64, acc: &mut [f32; LANES]) {
        if let Some(w) = self.row(h) {
            if let Ok(w) = <&[f32; LANES]>::try_from(w) {
                for (a, x) in acc.iter_mut().zip(w) {
                    *a += x;
                }
            }
        }
    }

    /// Best label sequence for state scores `state` (`t * nl + label`).
    pub fn viterbi(&self, state: &[f32], out: &mut Vec<usize>) {
        let nl = self.nl;
        let t_len = state.len() / nl;
        out.clear();
        if t_len == 0 {
            return;
        }
        let mut score = state[..nl].to_vec();
        let mut back = vec![0u8; t_len * nl];
        let mut next = vec![0f32; nl];
        for t in 1..t_len {
            for j in 0..nl {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0usize;
                for (i, s) in score.iter().enumerate() {
                    let v = s + self.trans[i * nl + j];
                    if v > best {
                        best = v;
                        arg = i;
                    }
                }
                next[j] = best + state[t * nl + j];
                back[t * nl + j] = arg as u8;
            }
            std::mem::swap(&mut score, &mut next);
        }
        let mut j = (0..nl)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))
            .unwrap_or(0);
        out.resize(t_len, 0);
        for t in (0..t_len).rev() {
            out[t] = j;
            j = back[t * nl + j] as usize;
        }
    }

    /// Marginal probability of each label at each position (`t * nl + label`),
    /// by scaled forward-backward.
    pub fn marginals(&self, state: &[f32]) -> Vec<f64> {
        let nl = self.nl;
        let t_len = state.len() / nl;
        if t_len == 0 {
            return Vec::new();
        }
        // Shift each position's scores by its maximum before exponentiating;
        // the per-position constant cancels in the normalisation.
        let mut ex = vec![0f64; t_len * nl];
        for t in 0..t_len {
            let row = &state[t * nl..(t + 1) * nl];
            let m = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            for j in 0..nl {
                ex[t * nl + j] = f64::from(row[j] - m).exp();
            }
        }
        let tr: Vec<f64> = self.trans.iter().map(|&w| f64::from(w).exp()).collect();
        let mut alpha = vec![0f64; t_len * nl];
        let mut scale = vec![0f64; t_len];
        for t in 0..t_len {
            for j in 0..nl {
                let a = if t == 0 {
                    1.0
                } else {
                    (0..nl)
                        .map(|i| alpha[(t - 1) * nl + i] * tr[i * nl + j])
                        .sum()
                };
                alpha[t * nl + j] = a * ex[t * nl + j];
            }
            let z: f64 = alpha[t * nl..(t + 1) * nl].iter().sum();
            let z = if z > 0.0 { z } else { 1.0 };
            scale[t] = z;
            for a in &mut alpha[t * nl..(t + 1) * nl] {
                *a /= z;
            }
        }
        let mut beta = vec![0f64; t_len * nl];
        for j in 0..nl {
            beta[(t_len - 1) * nl + j] = 1.0;
        }
        for t in (0..t_len - 1).rev() {
            for i in 0..nl {
                beta[t * nl + i] = (0..nl)
                    .map(|j| tr[i * nl + j] * ex[(t + 1) * nl + j] * beta[(t + 1) * nl + j])
                    .sum::<f64>()
                    / scale[t + 1];
            }
        }
        let mut m = vec![0f64; t_len * nl];
        for t in 0..t_len {
            let row: f64 = (0..nl).map(|j| alpha[t * nl + j] * beta[t * nl + j]).sum();
            let row = if row > 0.0 { row } else { 1.0 };
            for j in 0..nl {
                m[t * nl + j] = alpha[t * nl + j] * beta[t * nl + j] / row;
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::hash;

    #[test]
    fn hash_distinguishes_lengths_and_tails() {
        assert_ne!(hash(b""), hash(b"\0"));
        assert_ne!(hash(b"w=abcdefgh"), hash(b"w=abcdefgi"));
        assert_ne!(hash(b"w=ab"), hash(b"w=ab\0"));
    }
}
