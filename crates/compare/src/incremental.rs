//! Stories one article at a time: what a library needs to place a new article
//! without regrouping the others.
//!
//! The similarity is the one [`stories::group`](crate::stories::group) uses:
//! TF-IDF cosine of content stems and of actors (weighted by
//! [`StoryOptions::actor_weight`]), halved every [`StoryOptions::half_life_days`]
//! between dated articles, and an article joins a story when its average
//! similarity to the story's members passes [`StoryOptions::threshold`] (average
//! linkage). What changes is where the members' vectors come from: a story keeps a
//! [`Profile`], per publication day the sum of its members' term and actor
//! frequencies (each member's divided by its own TF-IDF norm), so the average
//! similarity of a newcomer to all members is one sparse dot product per day,
//! weighted by the current inverse document frequencies. Work per article is
//! bounded by its own features and the few candidate stories sharing its
//! distinctive ones, whatever the library's size.
//!
//! Identities are assigned the same way, one key at a time, by the rules of
//! [`identities`](crate::identities) as far as a key arriving alone can apply them
//! ([`choose_identity`]): a key joins an existing identity it shares a name, alias,
//! acronym base, first and last name (short forms of first names included) or a
//! lone surname with; identities never merge after the fact.
//!
//! Everything here is arithmetic and rules over values the caller keeps; the
//! library (`parallax-store`) keeps them on disk, in the transaction of the article.

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::{ActorKey, ActorKind, Analysis, Entity, fold, is_acronym};

use crate::StoryOptions;
use crate::stories::day_number;
use parallax_core::first_name as first_name_form;

/// An article's strongest terms that go into the candidate index (as in `group`).
pub const POSTED_TERMS: usize = 30;

/// Candidate stories scored per article, those sharing the most distinctive features.
pub const MAX_CANDIDATES: usize = 64;

/// Feature names: a content stem or an actor identity, kept apart.
pub fn term_feature(stem: &str) -> String {
    format!("t:{stem}")
}

pub fn actor_feature(identity: &str) -> String {
    format!("a:{identity}")
}

/// An article's features before weighting: sublinear frequencies (1 + ln count)
/// of its content stems and of its actors' identities, each sorted by name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub terms: Vec<(String, f32)>,
    pub actors: Vec<(String, f32)>,
    /// Days since 1970 of the publication date, when it has one.
    pub day: Option<i64>,
}

impl Counts {
    /// The counts of an article's analysis; `published` is its date, and
    /// `identity_of(entity index)` names the identity of each of its entities
    /// (`None`: not an actor of any identity).
    pub fn of(
        analysis: &Analysis,
        published: Option<&str>,
        identity_of: &dyn Fn(usize) -> Option<String>,
    ) -> Counts {
        let mut tc: BTreeMap<String, f32> = BTreeMap::new();
        for s in &analysis.statements {
            for t in &s.terms {
                *tc.entry(term_feature(t)).or_insert(0.0) += 1.0;
            }
        }
        let ids: Vec<Option<String>> = (0..analysis.entities.len())
            .map(|e| identity_of(e).map(|i| actor_feature(&i)))
            .collect();
        let mut ac: BTreeMap<String, f32> = BTreeMap::new();
        for m in &analysis.mentions {
            if let Some(Some(id)) = ids.get(m.entity) {
                *ac.entry(id.clone()).or_insert(0.0) += 1.0;
            }
        }
        let sub = |m: BTreeMap<String, f32>| -> Vec<(String, f32)> {
            m.into_iter().map(|(k, v)| (k, 1.0 + v.ln())).collect()
        };
        Counts {
            terms: sub(tc),
            actors: sub(ac),
            day: published.and_then(day_number),
        }
    }

    /// Every feature name, terms then actors.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .chain(&self.actors)
            .map(|(n, _)| n.as_str())
    }
}

/// Smoothed inverse document frequency, as story grouping computes it
/// ([`crate::stories`]: the corpus IDF, shrunk for a library of few articles).
pub fn idf(n: u64, df: u64) -> f32 {
    crate::stories::few_articles_idf(n, ((1.0 + n as f32) / (1.0 + df as f32)).ln() + 1.0)
}

/// A feature in more documents than this pairs too much to find candidates by
/// (the rule of `group`: 5% of the corpus, at least 20, once it has over 50).
pub fn max_df(n: u64) -> u64 {
    if n > 50 {
        ((n as f32 * 0.05).max(20.0)) as u64
    } else {
        u64::MAX
    }
}

/// One feature of the article being placed: its id in the caller's feature
/// table, its sublinear frequency and its document frequency (this article
/// counted).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    pub id: u32,
    pub tf: f32,
    pub df: u64,
}

/// The article being placed, weighted against `n` documents.
#[derive(Debug, Clone)]
pub struct Query {
    pub day: Option<i64>,
    /// (feature id, tf, idf), sorted by id.
    pub terms: Vec<(u32, f32, f32)>,
    pub actors: Vec<(u32, f32, f32)>,
    pub term_norm: f32,
    pub actor_norm: f32,
    /// Features that may find candidates: the strongest terms and every actor,
    /// in at least 2 documents and at most [`max_df`].
    pub distinctive: Vec<u32>,
    /// Features the article is indexed under for later articles: its
    /// [`POSTED_TERMS`] strongest terms and its actors.
    pub posted: Vec<u32>,
}

impl Query {
    pub fn new(n: u64, day: Option<i64>, terms: &[Feature], actors: &[Feature]) -> Query {
        let weigh = |fs: &[Feature]| -> (Vec<(u32, f32, f32)>, f32) {
            let mut v: Vec<(u32, f32, f32)> =
                fs.iter().map(|f| (f.id, f.tf, idf(n, f.df))).collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| (x.1 * x.2).powi(2)).sum::<f32>().sqrt();
            (v, norm)
        };
        let (t, term_norm) = weigh(terms);
        let (a, actor_norm) = weigh(actors);
        let mut strongest: Vec<&Feature> = terms.iter().collect();
        strongest.sort_by(|x, y| {
            (y.tf * idf(n, y.df))
                .total_cmp(&(x.tf * idf(n, x.df)))
                .then(x.id.cmp(&y.id))
        });
        strongest.truncate(POSTED_TERMS);
        let limit = max_df(n);
        let usable = |f: &&Feature| f.df >= 2 && f.df <= limit;
        let mut distinctive: Vec<u32> = strongest
            .iter()
            .copied()
            .chain(actors)
            .filter(usable)
            .map(|f| f.id)
            .collect();
        distinctive.sort_unstable();
        distinctive.dedup();
        let mut posted: Vec<u32> = strongest
            .iter()
            .copied()
            .chain(actors)
            .map(|f| f.id)
            .collect();
        posted.sort_unstable();
        posted.dedup();
        Query {
            day,
            terms: t,
            actors: a,
            term_norm,
            actor_norm,
            distinctive,
            posted,
        }
    }

    /// What the article adds to its story's profile: its frequencies divided by
    /// its TF-IDF norms, under its day.
    pub fn contribution(&self) -> Bucket {
        let scaled = |v: &[(u32, f32, f32)], norm: f32| -> Vec<(u32, f32)> {
            if norm <= 0.0 {
                return Vec::new();
            }
            v.iter().map(|x| (x.0, x.1 / norm)).collect()
        };
        Bucket {
            day: self.day,
            terms: scaled(&self.terms, self.term_norm),
            actors: scaled(&self.actors, self.actor_norm),
        }
    }
}

/// The members of a story published on one day (or undated): the sums of their
/// scaled frequencies, sorted by feature id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bucket {
    pub day: Option<i64>,
    pub terms: Vec<(u32, f32)>,
    pub actors: Vec<(u32, f32)>,
}

/// What a story keeps to score newcomers against all its members at once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub size: u32,
    /// By day, undated first.
    pub buckets: Vec<Bucket>,
}

fn add_into(into: &mut Vec<(u32, f32)>, from: &[(u32, f32)], sign: f32) {
    let mut out = Vec::with_capacity(into.len() + from.len());
    let (mut i, mut j) = (0, 0);
    while i < into.len() || j < from.len() {
        match (into.get(i), from.get(j)) {
            (Some(a), Some(b)) if a.0 == b.0 => {
                out.push((a.0, a.1 + sign * b.1));
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.0 < b.0 => {
                out.push(*a);
                i += 1;
            }
            (Some(a), None) => {
                out.push(*a);
                i += 1;
            }
            (_, Some(b)) => {
                out.push((b.0, sign * b.1));
                j += 1;
            }
            (None, None) => break,
        }
    }
    // a member taken out leaves rounding dust, not a feature
    out.retain(|x| x.1.abs() > 1e-6);
    *into = out;
}

impl Profile {
    /// Adds a member (`sign` 1) or takes one out (-1).
    pub fn apply(&mut self, c: &Bucket, sign: f32) {
        let at = match self.buckets.binary_search_by(|b| b.day.cmp(&c.day)) {
            Ok(i) => i,
            Err(i) => {
                self.buckets.insert(
                    i,
                    Bucket {
                        day: c.day,
                        ..Default::default()
                    },
                );
                i
            }
        };
        let b = &mut self.buckets[at];
        add_into(&mut b.terms, &c.terms, sign);
        add_into(&mut b.actors, &c.actors, sign);
        if b.terms.is_empty() && b.actors.is_empty() {
            self.buckets.remove(at);
        }
        if sign > 0.0 {
            self.size += 1;
        } else {
            self.size = self.size.saturating_sub(1);
        }
    }

    /// Average similarity of `q` to the story's members, with its term and actor
    /// parts (before the date decay).
    pub fn score(&self, q: &Query, opts: &StoryOptions) -> Scored {
        if self.size == 0 {
            return Scored::default();
        }
        let dot = |qv: &[(u32, f32, f32)], norm: f32, b: &[(u32, f32)]| -> f32 {
            if norm <= 0.0 {
                return 0.0;
            }
            let (mut i, mut j, mut s) = (0, 0, 0.0);
            while i < qv.len() && j < b.len() {
                match qv[i].0.cmp(&b[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        let (_, tf, w) = qv[i];
                        s += tf * w / norm * w * b[j].1;
                        i += 1;
                        j += 1;
                    }
                }
            }
            s
        };
        let (mut total, mut ts, mut as_) = (0.0, 0.0, 0.0);
        for b in &self.buckets {
            let decay = match (q.day, b.day) {
                (Some(x), Some(y)) => {
                    0.5f32.powf((x - y).unsigned_abs() as f32 / opts.half_life_days.max(0.001))
                }
                _ => 1.0,
            };
            let t = dot(&q.terms, q.term_norm, &b.terms);
            let a = dot(&q.actors, q.actor_norm, &b.actors);
            ts += t;
            as_ += a;
            total += decay * ((1.0 - opts.actor_weight) * t + opts.actor_weight * a);
        }
        let n = self.size as f32;
        Scored {
            score: total / n,
            term_similarity: ts / n,
            actor_similarity: as_ / n,
        }
    }

    /// The profile as bytes (little-endian: size, buckets; each bucket its day,
    /// then its terms and actors as (id, weight) pairs).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&self.size.to_le_bytes());
        out.extend_from_slice(&(self.buckets.len() as u32).to_le_bytes());
        for b in &self.buckets {
            encode_bucket(b, &mut out);
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Option<Profile> {
        let mut r = Bytes(bytes);
        let size = r.u32()?;
        let n = r.u32()?;
        let mut buckets = Vec::with_capacity(n.min(4096) as usize);
        for _ in 0..n {
            buckets.push(decode_bucket(&mut r)?);
        }
        r.0.is_empty().then_some(Profile { size, buckets })
    }
}

impl Bucket {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        encode_bucket(self, &mut out);
        out
    }

    pub fn decode(bytes: &[u8]) -> Option<Bucket> {
        let mut r = Bytes(bytes);
        let b = decode_bucket(&mut r)?;
        r.0.is_empty().then_some(b)
    }
}

fn encode_bucket(b: &Bucket, out: &mut Vec<u8>) {
    out.extend_from_slice(&b.day.unwrap_or(i64::MIN).to_le_bytes());
    for v in [&b.terms, &b.actors] {
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
        for (id, w) in v {
            out.extend_from_slice(&id.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (h, t) = self.0.split_at_checked(N)?;
        self.0 = t;
        h.try_into().ok()
    }
    fn u32(&mut self) -> Option<u32> {
        self.take::<4>().map(u32::from_le_bytes)
    }
}

fn decode_bucket(r: &mut Bytes) -> Option<Bucket> {
    let day = i64::from_le_bytes(r.take::<8>()?);
    let mut vs: [Vec<(u32, f32)>; 2] = [Vec::new(), Vec::new()];
    for v in &mut vs {
        let n = r.u32()? as usize;
        if n > r.0.len() / 8 {
            return None;
        }
        v.reserve(n);
        for _ in 0..n {
            let id = r.u32()?;
            let w = f32::from_le_bytes(r.take::<4>()?);
            v.push((id, w));
        }
    }
    let [terms, actors] = vs;
    Some(Bucket {
        day: (day != i64::MIN).then_some(day),
        terms,
        actors,
    })
}

/// How similar an article is to a story's members on average.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scored {
    /// Combined and date-decayed: what passes the threshold or not.
    pub score: f32,
    pub term_similarity: f32,
    pub actor_similarity: f32,
}

/// The best of the scored candidate stories (`(story, score)`, any order): the
/// highest score passing the threshold, the lowest key among equals.
pub fn best_story<K: Ord + Copy>(
    scored: &[(K, Scored)],
    opts: &StoryOptions,
) -> Option<(K, Scored)> {
    scored
        .iter()
        .filter(|(_, s)| s.score >= opts.threshold)
        .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))
        .copied()
}

/// Articles regrouped around a newcomer at most: its story and its neighbours'
/// members, the nearest neighbours first.
pub const MAX_REGROUPED: usize = 128;

/// Neighbouring stories regrouped with a newcomer's: those it scored at least
/// [`NEIGHBOUR_FLOOR`] of the threshold against, the best [`NEIGHBOURS`].
pub const NEIGHBOURS: usize = 5;
pub const NEIGHBOUR_FLOOR: f32 = 0.25;

/// The neighbourhood of a newcomer grouped again, as `group` would group these
/// articles alone: all their pairs scored by the TF-IDF cosine of their stored
/// contributions (frequencies over a norm: the norm cancels, so the cosine is the
/// one of the current `idf`), decayed by date, then average linkage. The story
/// an article joins on arrival depends on what came before it; regrouping its
/// neighbourhood lets the articles that follow pull it back out ("the first
/// report of an event joined a similar event's story until its siblings came").
/// Groups of indices into `members`, each sorted, ordered by first member.
pub fn regroup(
    members: &[&Bucket],
    idf: &dyn Fn(u32) -> f32,
    opts: &StoryOptions,
) -> Vec<Vec<usize>> {
    let unit = |v: &[(u32, f32)]| -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = v.iter().map(|&(f, w)| (f, w * idf(f))).collect();
        let norm = out.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut out {
                x.1 /= norm;
            }
        }
        out
    };
    // each member as a bucket of unit vectors
    let vecs: Vec<Bucket> = members
        .iter()
        .map(|b| Bucket {
            day: b.day,
            terms: unit(&b.terms),
            actors: unit(&b.actors),
        })
        .collect();
    let dot = |x: &[(u32, f32)], y: &[(u32, f32)]| -> f32 {
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += x[i].1 * y[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    };
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for a in 0..vecs.len() {
        for b in a + 1..vecs.len() {
            let mut score = (1.0 - opts.actor_weight) * dot(&vecs[a].terms, &vecs[b].terms)
                + opts.actor_weight * dot(&vecs[a].actors, &vecs[b].actors);
            if let (Some(x), Some(y)) = (vecs[a].day, vecs[b].day) {
                score *=
                    0.5f32.powf((x - y).unsigned_abs() as f32 / opts.half_life_days.max(0.001));
            }
            if score > 0.0 {
                pairs.push((score, a, b));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let root = crate::stories::average_linkage(vecs.len(), &pairs, opts.threshold);
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, r) in root.into_iter().enumerate() {
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// The forms under which an identity can be found by a later key: a
/// non-person's folded names, aliases and key name ("n|org|alba"), an
/// organisation's acronym base ("x|alba" for "ALBA-TCP"), a full name's first
/// name (its long form) and surname ("p|charles schumer") and its surname alone
/// ("l|schumer"), a lone surname ("s|schumer").
pub fn identity_forms(e: &Entity) -> Vec<String> {
    let mut forms: BTreeSet<String> = BTreeSet::new();
    let key = ActorKey::parse(&e.key);
    let key_name = key.map_or(e.key.as_str(), |k| k.name);
    if e.kind != ActorKind::Person {
        let kind = e.kind.as_str();
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            forms.insert(format!("n|{kind}|{}", fold(n)));
            if e.kind == ActorKind::Org && is_acronym(n) {
                if let Some((base, _)) = n.split_once('-') {
                    forms.insert(format!("x|{}", fold(base)));
                }
            }
        }
        forms.insert(format!("n|{kind}|{key_name}"));
    } else {
        let parts: Vec<&str> = key_name.split_whitespace().collect();
        match parts.as_slice() {
            [] => {}
            [s] => {
                forms.insert(format!("s|{s}"));
            }
            [first, .., last] => {
                forms.insert(format!("p|{} {last}", first_name_form(first)));
                forms.insert(format!("l|{last}"));
            }
        }
    }
    forms.retain(|f| !f.ends_with('|'));
    forms.into_iter().collect()
}

/// The existing identity a new key joins, if any: `known(form)` gives the
/// identities registered under a form (see [`identity_forms`]). An organisation
/// "ALBA-TCP" joins "ALBA" and the reverse; a lone surname joins the one full
/// name known with it; a full name joins the same first and last name (a short
/// first name counting as its long form), or a lone surname when no other full
/// name has it. Among several, the smallest identity id.
pub fn choose_identity(e: &Entity, known: &mut dyn FnMut(&str) -> Vec<String>) -> Option<String> {
    let mut hits: BTreeSet<String> = BTreeSet::new();
    if e.kind != ActorKind::Person {
        for f in identity_forms(e) {
            if let Some(base) = f.strip_prefix("x|") {
                // "ALBA-TCP" finds an earlier "ALBA"
                hits.extend(known(&format!("n|org|{base}")));
            } else {
                hits.extend(known(&f));
                if e.kind == ActorKind::Org {
                    // "ALBA" finds an earlier "ALBA-TCP"
                    if let Some(plain) = f.strip_prefix("n|org|") {
                        hits.extend(known(&format!("x|{plain}")));
                    }
                }
            }
        }
        return hits.into_iter().next();
    }
    let forms = identity_forms(e);
    if let Some(s) = forms.iter().find_map(|f| f.strip_prefix("s|")) {
        let fulls = known(&format!("l|{s}"));
        return (fulls.len() == 1).then(|| fulls[0].clone());
    }
    let full = forms.iter().find(|f| f.starts_with("p|"))?;
    if let Some(id) = known(full).into_iter().min() {
        return Some(id);
    }
    let last = forms.iter().find_map(|f| f.strip_prefix("l|"))?;
    if known(&format!("l|{last}")).is_empty() {
        return known(&format!("s|{last}")).into_iter().min();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn entity(key: &str, kind: ActorKind, name: &str, aliases: &[&str]) -> Entity {
        Entity {
            key: key.to_string(),
            name: name.to_string(),
            kind,
            variants: vec![name.to_string()],
            roles: vec![],
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mentions: 1,
        }
    }

    /// Assigns keys in order the way the library does, in memory.
    fn assign(es: &[Entity]) -> Vec<String> {
        let mut forms: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut keys: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for e in es {
            let id = match keys.get(&e.key) {
                Some(id) => id.clone(),
                None => {
                    let id = choose_identity(e, &mut |f| {
                        forms
                            .get(f)
                            .map(|s| s.iter().cloned().collect())
                            .unwrap_or_default()
                    })
                    .unwrap_or_else(|| e.key.clone());
                    keys.insert(e.key.clone(), id.clone());
                    for f in identity_forms(e) {
                        forms.entry(f).or_default().insert(id.clone());
                    }
                    id
                }
            };
            out.push(id);
        }
        out
    }

    #[test]
    fn keys_join_identities_by_the_batch_rules() {
        use ActorKind::*;
        let ids = assign(&[
            entity("person:maduro", Person, "Maduro", &[]),
            entity("person:nicolas maduro", Person, "Nicolás Maduro", &[]),
            entity("person:charles schumer", Person, "Charles Schumer", &[]),
            entity("person:chuck schumer", Person, "Chuck Schumer", &[]),
            entity("person:schumer", Person, "Schumer", &[]),
            entity("org:alba-tcp", Org, "ALBA-TCP", &[]),
            entity("org:alba", Org, "ALBA", &[]),
            entity("gpe:usa", Gpe, "United States", &["US", "America"]),
            entity("gpe:america", Gpe, "America", &[]),
            entity("person:john smith", Person, "John Smith", &[]),
            entity("person:jane smith", Person, "Jane Smith", &[]),
            entity("person:smith", Person, "Smith", &[]),
        ]);
        assert_eq!(
            ids[1], "person:maduro",
            "a full name joins the lone surname before it"
        );
        assert_eq!(ids[3], "person:charles schumer", "Chuck is Charles");
        assert_eq!(ids[4], "person:charles schumer", "the one Schumer");
        assert_eq!(ids[6], "org:alba-tcp", "an acronym's base");
        assert_eq!(ids[8], "gpe:usa", "a shared alias");
        assert_eq!(ids[10], "person:jane smith", "two full names never merge");
        assert_eq!(
            ids[11], "person:smith",
            "a surname shared by two people stays alone"
        );
    }

    #[test]
    fn profiles_round_trip_and_average() {
        let q = Query::new(
            10,
            Some(100),
            &[
                Feature {
                    id: 1,
                    tf: 1.0,
                    df: 2,
                },
                Feature {
                    id: 2,
                    tf: 2.0,
                    df: 5,
                },
            ],
            &[Feature {
                id: 9,
                tf: 1.0,
                df: 2,
            }],
        );
        let mut p = Profile::default();
        p.apply(&q.contribution(), 1.0);
        let opts = StoryOptions::default();
        // an article scores 1 against a story of itself
        let s = p.score(&q, &opts);
        assert!((s.score - 1.0).abs() < 1e-5, "{s:?}");
        // and 0.5 against itself and an article sharing nothing
        let other = Query::new(
            10,
            Some(100),
            &[Feature {
                id: 3,
                tf: 1.0,
                df: 2,
            }],
            &[],
        );
        p.apply(&other.contribution(), 1.0);
        assert!((p.score(&q, &opts).score - 0.5).abs() < 1e-5);
        let bytes = p.encode();
        assert_eq!(Profile::decode(&bytes), Some(p.clone()));
        assert_eq!(Profile::decode(&bytes[..bytes.len() - 1]), None);
        // taking the member out again leaves the first alone
        p.apply(&other.contribution(), -1.0);
        assert_eq!(p.size, 1);
        assert!((p.score(&q, &opts).score - 1.0).abs() < 1e-5);
        // 30 days apart the similarity halves
        let later = Query::new(
            10,
            Some(130),
            &[
                Feature {
                    id: 1,
                    tf: 1.0,
                    df: 2,
                },
                Feature {
                    id: 2,
                    tf: 2.0,
                    df: 5,
                },
            ],
            &[Feature {
                id: 9,
                tf: 1.0,
                df: 2,
            }],
        );
        assert!((p.score(&later, &opts).score - 0.5).abs() < 1e-4);
    }

    #[test]
    fn a_neighbourhood_regroups_as_average_linkage_would() {
        let q = |day, terms: &[u32]| {
            let fs: Vec<Feature> = terms
                .iter()
                .map(|&id| Feature { id, tf: 1.0, df: 2 })
                .collect();
            Query::new(100, Some(day), &fs, &[]).contribution()
        };
        // two events a day apart, and an article of the second that had joined the first
        let members = [
            q(10, &[1, 2, 3]),
            q(10, &[1, 2, 4]),
            q(11, &[7, 8, 9]),
            q(11, &[7, 8, 5]),
            q(10, &[1, 2, 3, 4]),
        ];
        let refs: Vec<&Bucket> = members.iter().collect();
        let groups = regroup(&refs, &|_| 1.0, &StoryOptions::default());
        assert_eq!(groups, vec![vec![0, 1, 4], vec![2, 3]]);
        // a year apart, the same words are two stories
        let far = [q(10, &[1, 2, 3]), q(400, &[1, 2, 3])];
        let refs: Vec<&Bucket> = far.iter().collect();
        assert_eq!(regroup(&refs, &|_| 1.0, &StoryOptions::default()).len(), 2);
    }

    #[test]
    fn best_story_passes_the_threshold_and_breaks_ties_by_key() {
        let opts = StoryOptions::default();
        let s = |score| Scored {
            score,
            ..Default::default()
        };
        assert_eq!(best_story(&[(3, s(0.1))], &opts), None);
        assert_eq!(
            best_story(&[(3, s(0.4)), (2, s(0.4)), (5, s(0.3))], &opts).map(|x| x.0),
            Some(2)
        );
    }
}
