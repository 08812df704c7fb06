//! A sentence encoder that remembers: a long-running process (`parallax serve`
//! rebuilding stories after each import) embeds each sentence once, not at every
//! rebuild.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::align::SentenceEncoder;

pub struct CachingEncoder<E> {
    inner: E,
    /// Sentence text -> vector. Cleared whole when it reaches `capacity`: simple,
    /// and a rebuild refills what it needs.
    cache: Mutex<HashMap<String, Vec<f32>>>,
    capacity: usize,
}

impl<E: SentenceEncoder> CachingEncoder<E> {
    /// At most `capacity` sentences are kept (a MiniLM vector is 1.5 KB).
    pub fn new(inner: E, capacity: usize) -> Self {
        CachingEncoder {
            inner,
            cache: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    pub fn inner(&self) -> &E {
        &self.inner
    }

    pub fn cached(&self) -> usize {
        self.cache.lock().map(|c| c.len()).unwrap_or(0)
    }
}

impl<E: SentenceEncoder> SentenceEncoder for CachingEncoder<E> {
    fn model(&self) -> String {
        self.inner.model()
    }

    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        let missing: Vec<&str> = {
            let cache = self.cache.lock().map_err(|_| "encoder cache poisoned")?;
            let mut m: Vec<&str> = sentences
                .iter()
                .copied()
                .filter(|s| !cache.contains_key(*s))
                .collect();
            m.sort_unstable();
            m.dedup();
            m
        };
        // the model runs without the lock held
        let fresh = if missing.is_empty() {
            Vec::new()
        } else {
            self.inner.encode(&missing)?
        };
        if fresh.len() != missing.len() {
            return Err(format!(
                "the encoder gave {} vectors for {} sentences",
                fresh.len(),
                missing.len()
            ));
        }
        let mut cache = self.cache.lock().map_err(|_| "encoder cache poisoned")?;
        let mut out = Vec::with_capacity(sentences.len());
        let fresh: HashMap<&str, Vec<f32>> = missing.into_iter().zip(fresh).collect();
        for s in sentences {
            let v = match fresh.get(s) {
                Some(v) => v.clone(),
                None => match cache.get(*s) {
                    Some(v) => v.clone(),
                    // cleared by another caller meanwhile: encode this one alone
                    None => self
                        .inner
                        .encode(&[s])?
                        .pop()
                        .ok_or("the encoder gave no vector")?,
                },
            };
            out.push(v);
        }
        if cache.len() + fresh.len() > self.capacity {
            cache.clear();
        }
        for (s, v) in fresh {
            cache.insert(s.to_string(), v);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counting(AtomicUsize);
    impl SentenceEncoder for Counting {
        fn model(&self) -> String {
            "counting".into()
        }
        fn encode(&self, s: &[&str]) -> Result<Vec<Vec<f32>>, String> {
            self.0.fetch_add(s.len(), Ordering::SeqCst);
            Ok(s.iter().map(|t| vec![t.len() as f32, 1.0]).collect())
        }
    }

    #[test]
    fn each_sentence_is_encoded_once_and_vectors_keep_their_order() {
        let enc = CachingEncoder::new(Counting(AtomicUsize::new(0)), 100);
        let a = enc.encode(&["one", "three", "one"]).unwrap();
        assert_eq!(a, vec![vec![3.0, 1.0], vec![5.0, 1.0], vec![3.0, 1.0]]);
        assert_eq!(enc.inner().0.load(Ordering::SeqCst), 2);
        let b = enc.encode(&["three", "sixteen", "one"]).unwrap();
        assert_eq!(b, vec![vec![5.0, 1.0], vec![7.0, 1.0], vec![3.0, 1.0]]);
        assert_eq!(
            enc.inner().0.load(Ordering::SeqCst),
            3,
            "only 'sixteen' was new"
        );
        assert_eq!(enc.cached(), 3);
    }

    #[test]
    fn a_full_cache_starts_over_and_still_answers() {
        let enc = CachingEncoder::new(Counting(AtomicUsize::new(0)), 2);
        enc.encode(&["a", "bb"]).unwrap();
        let v = enc.encode(&["ccc", "a"]).unwrap();
        assert_eq!(v, vec![vec![3.0, 1.0], vec![1.0, 1.0]]);
        assert!(enc.cached() <= 2);
    }
}
