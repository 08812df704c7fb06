//! The same article read twice: by canonical URL, or by near-identical text.
//!
//! URLs are compared after normalisation (scheme and `www.` dropped, host lowercased,
//! fragment, tracking parameters and trailing slash removed). Texts are compared by
//! MinHash over word 5-shingles (one permutation hashing into 64 bins, densified; 16
//! bands of 4 rows for candidates), so
//! checking an article costs the same whether 10 or 100,000 came before it. Buckets
//! are kept per outlet (only same-outlet pairs can be duplicates) and hold at most
//! [`MAX_BUCKET`] articles each: template-like records (a feed whose entries share
//! most of their words without being copies) once filled a few buckets with every
//! article and made checking quadratic; now each check compares at most
//! 16 × [`MAX_BUCKET`] signatures. A real copy shares about ten of the sixteen bands
//! with its original, so it is still found unless all of them are full. A pair
//! of the same outlet is a duplicate at an estimated Jaccard similarity of
//! [`NEAR_DUPLICATE`] or more: the same story re-published with a changed headline,
//! a corrected typo or a different footer. The same text under two outlets is wire
//! copy, which both outlets chose to carry: it is kept, and `parallax-compare` puts it
//! in one story.

use std::collections::HashMap;

use parallax_core::{Article, fnv1a64, fnv1a64_of, fold, fold_ascii_byte};

/// Estimated Jaccard similarity of shingles from which two texts are one article.
pub const NEAR_DUPLICATE: f32 = 0.9;
const HASHES: usize = 64;
/// log2 of [`HASHES`]: the bits of a shingle's hash that pick its bin.
const HASH_BITS: u32 = 6;
const ROWS: usize = 4;
const SHINGLE: usize = 5;
/// The signature is of the first this many words: a copy shows in its start, and a
/// 50 MB text costs no more than a long article (6 s to hash every shingle before).
const SIGNATURE_WORDS: usize = 20_000;
/// Most articles remembered under one band key (the first ones seen).
pub const MAX_BUCKET: usize = 16;

/// Why an article was judged a copy of one seen before.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// `meta.source` of the article seen first.
    pub of: String,
    /// `id` of the article seen first.
    pub of_id: String,
    /// "same id", "same canonical URL", "near-identical text (0.96)".
    pub reason: String,
}

/// Remembers the articles kept so far and tells whether a new one is a copy of one of them
/// (same id, canonical URL or near-identical text).
#[derive(Default)]
pub struct Deduper {
    ids: HashMap<String, usize>,
    urls: HashMap<String, usize>,
    /// (outlet hash, band, band key) -> the first articles kept with that key.
    bands: HashMap<(u64, usize, u64), Vec<usize>>,
    /// (source, id, folded outlet name, signature) of every article kept.
    seen: Vec<(String, String, String, Option<[u64; HASHES]>)>,
    /// Signatures compared so far (the work done, for tests and benchmarks).
    comparisons: u64,
}

impl Deduper {
    /// A deduper that has seen nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks `article` against every one checked before; a new article is remembered.
    pub fn check(&mut self, article: &Article) -> Option<Duplicate> {
        let dup = |this: &Self, i: usize, reason: String| {
            let (of, of_id, _, _) = &this.seen[i];
            Some(Duplicate {
                of: of.clone(),
                of_id: of_id.clone(),
                reason,
            })
        };
        if let Some(&i) = self.ids.get(&article.id) {
            return dup(self, i, "same outlet, URL and text".into());
        }
        let url = article.meta.url.as_deref().map(canonical_url);
        if let Some(&i) = url.as_ref().and_then(|u| self.urls.get(u)) {
            return dup(self, i, "same canonical URL".into());
        }
        let sig = signature(&article.text);
        let outlet = fold(&article.outlet.name);
        let outlet_key = fnv1a64(outlet.as_bytes());
        if let Some(sig) = &sig {
            let mut candidates: Vec<usize> = band_keys(sig)
                .enumerate()
                .flat_map(|(b, key)| self.bands.get(&(outlet_key, b, key)).into_iter().flatten())
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let mut best: Option<(usize, f32)> = None;
            for i in candidates {
                let (_, _, other_outlet, Some(other)) = &self.seen[i] else {
                    continue;
                };
                if *other_outlet != outlet {
                    continue;
                }
                self.comparisons += 1;
                let sim = similarity(sig, other);
                if sim >= NEAR_DUPLICATE && best.is_none_or(|(_, s)| sim > s) {
                    best = Some((i, sim));
                }
            }
            if let Some((i, sim)) = best {
                return dup(self, i, format!("near-identical text ({sim:.2})"));
            }
        }
        let i = self.seen.len();
        self.ids.insert(article.id.clone(), i);
        if let Some(u) = url {
            self.urls.insert(u, i);
        }
        if let Some(sig) = &sig {
            for (b, key) in band_keys(sig).enumerate() {
                let bucket = self.bands.entry((outlet_key, b, key)).or_default();
                if bucket.len() < MAX_BUCKET {
                    bucket.push(i);
                }
            }
        }
        self.seen
            .push((article.meta.source.clone(), article.id.clone(), outlet, sig));
        None
    }
}

impl Deduper {
    /// Signatures compared so far: at most 16 × [`MAX_BUCKET`] per article checked.
    pub fn comparisons(&self) -> u64 {
        self.comparisons
    }
}

/// `"https://www.Example.com/a/?utm_source=x#top"` -> `"example.com/a"`.
pub fn canonical_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or("");
    let (hostpath, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = hostpath.split_once('/').unwrap_or((hostpath, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host
        .strip_suffix(":80")
        .or(host.strip_suffix(":443"))
        .unwrap_or(host);
    let path = path.trim_end_matches('/');
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let k = p.split('=').next().unwrap_or("").to_ascii_lowercase();
            !p.is_empty()
                && !k.starts_with("utm_")
                && !matches!(
                    k.as_str(),
                    "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ref" | "cmpid" | "ocid"
                )
        })
        .collect();
    params.sort_unstable();
    let mut out = format!("{host}/{path}");
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

/// MinHash signature of the text's word shingles; `None` for texts too short to judge.
fn signature(text: &str) -> Option<[u64; HASHES]> {
    // each folded word's hash (an ASCII word is lower-cased as it is hashed, so no
    // string is built for it: the first 20,000 words of every article pass here)
    let words: Vec<u64> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            if w.is_ascii() {
                return Some(fnv1a64_of(w.bytes().map(fold_ascii_byte)));
            }
            let f = fold(w);
            (!f.is_empty()).then(|| fnv1a64(f.as_bytes()))
        })
        .take(SIGNATURE_WORDS)
        .collect();
    if words.len() < SHINGLE * 4 {
        return None;
    }
    // One permutation hashing: each shingle is hashed once (from its words'
    // hashes, in order), its hash's top bits pick one of the 64 bins and the bin
    // keeps its smallest hash (rather than 64 hashes of every shingle: a fifth of
    // the reading time of a corpus went there)
    let mut sig = [u64::MAX; HASHES];
    for sh in words.windows(SHINGLE) {
        let h = sh.iter().fold(0u64, |acc, &w| {
            (acc ^ w)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29)
        });
        let v = mix(h);
        let slot = &mut sig[(v >> (64 - HASH_BITS)) as usize];
        *slot = (*slot).min(v);
    }
    // An empty bin (a short text) takes the value of the first filled bin of its
    // own fixed sequence of bins, the same for every text ("optimal densification",
    // Shrivastava 2017), so that two texts still agree on it as often as on a bin
    let filled = sig;
    for (k, slot) in sig.iter_mut().enumerate() {
        let mut attempt = 0u64;
        while *slot == u64::MAX && attempt < 4096 {
            let j = mix(((k as u64) << 32) ^ attempt) >> (64 - HASH_BITS);
            *slot = filled[j as usize];
            attempt += 1;
        }
    }
    Some(sig)
}

/// splitmix64's finaliser: a cheap, well-spread permutation of 64-bit values.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn band_keys(sig: &[u64; HASHES]) -> impl Iterator<Item = u64> + '_ {
    sig.chunks(ROWS)
        .map(|rows| rows.iter().fold(0u64, |acc, &v| mix(acc ^ v)))
}

fn similarity(a: &[u64; HASHES], b: &[u64; HASHES]) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / HASHES as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{ArticleMeta, Outlet};

    fn art(outlet: &str, url: Option<&str>, text: &str, source: &str) -> Article {
        let meta = ArticleMeta {
            url: url.map(str::to_string),
            source: source.into(),
            ..Default::default()
        };
        Article::new(Outlet::named(outlet), meta, text.into(), vec![])
    }

    const TEXT: &str = "The council voted on Tuesday to close the central library, a decision that many residents said they regretted deeply. The mayor said the budget left the council with few options, and that the building would be sold next year to a developer who plans to turn it into flats. Opposition members walked out of the meeting in protest.";

    #[test]
    fn urls_are_normalised() {
        assert_eq!(
            canonical_url("https://www.Example.com/a/b/?utm_source=x&id=3#top"),
            canonical_url("http://example.com/a/b?id=3")
        );
        assert_ne!(
            canonical_url("https://e.com/a?id=3"),
            canonical_url("https://e.com/a?id=4")
        );
    }

    #[test]
    fn same_url_same_text_near_text_and_distinct() {
        let mut d = Deduper::new();
        assert!(
            d.check(&art("A", Some("https://a.example/x"), TEXT, "one"))
                .is_none()
        );
        let again = d
            .check(&art("A", Some("https://a.example/x"), TEXT, "two"))
            .unwrap();
        assert_eq!(
            (again.of.as_str(), again.reason.starts_with("same outlet")),
            ("one", true)
        );
        let url = d
            .check(&art(
                "A",
                Some("https://www.a.example/x/?utm_medium=rss"),
                "Different words entirely.",
                "three",
            ))
            .unwrap();
        assert_eq!(url.reason, "same canonical URL");
        // a longer report, re-published with one word changed and a footer added
        let long: String = (0..12)
            .map(|i| format!("On day {i} the committee heard from witness number {i}, who described what happened at the depot. "))
            .collect();
        assert!(d.check(&art("A", None, &long, "long")).is_none());
        let edited = long.replace("depot. On day 5", "old depot. On day 5") + " Copyright A.";
        let near = d.check(&art("A", None, &edited, "four")).unwrap();
        assert!(
            near.reason.starts_with("near-identical text"),
            "{}",
            near.reason
        );
        // the same event told in other words is not a duplicate
        let other = "Residents protested on Tuesday after councillors decided to shut the main library. The mayor blamed the budget. The site will go to a developer, officials confirmed, and flats are planned there from next year onwards.";
        assert!(d.check(&art("B", None, other, "five")).is_none());
        // short texts are only caught by id or URL
        assert!(d.check(&art("C", None, "Short text.", "six")).is_none());
    }

    /// Template-like texts: the same sentences with a few words changed, so that
    /// pairs share many shingles (and MinHash bands) without being copies.
    pub(crate) fn template_text(n: u64) -> String {
        const TOWNS: [&str; 7] = ["Leeds", "Hull", "York", "Bath", "Ely", "Wells", "Ripon"];
        const TOPICS: [&str; 5] = ["library", "bus", "school", "bridge", "market"];
        let mut x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut pick = |k: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % k as u64) as usize
        };
        let mut out = format!("Report number {n}. ");
        for s in 0..8 {
            out.push_str(&format!(
                "The council of {} met on day {} to discuss the {} budget, and officials said item {s} would be decided soon. ",
                TOWNS[pick(TOWNS.len())],
                pick(3),
                TOPICS[pick(TOPICS.len())],
            ));
        }
        out
    }

    #[test]
    fn template_like_records_cost_linear_work() {
        let mut d = Deduper::new();
        let n = 20_000u64;
        let mut kept = 0;
        for i in 0..n {
            let a = art("Feed", None, &template_text(i), &format!("e{i}"));
            kept += usize::from(d.check(&a).is_none());
        }
        assert!(kept > 1000, "{kept} kept");
        // without the bucket cap: 1.3e8 comparisons for 20,000 of these records
        assert!(
            d.comparisons() <= n * 16 * MAX_BUCKET as u64,
            "{} comparisons for {n} records",
            d.comparisons()
        );
        // a real copy is still found among them, once its buckets hold many others
        let original = template_text(999_999) + &TEXT.repeat(2);
        assert!(d.check(&art("Feed", None, &original, "orig")).is_none());
        let edited = original.replacen("would be decided", "will be decided", 1) + " Copyright.";
        let dup = d
            .check(&art("Feed", None, &edited, "copy"))
            .expect("the copy");
        assert_eq!(dup.of, "orig");
    }
}
