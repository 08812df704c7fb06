//! Stories kept up to date one article at a time, crash-safe.
//!
//! An import adds each article to `story_queue` in the transaction that adds the
//! article, so whatever kills a process, the articles not yet placed are known.
//! [`update_stories`] then works in two steps, each of which can be cut short and
//! resumed by any later call (the next `import`, `serve`, `watch` or `stories`):
//!
//! 1. **Placing.** The head of the queue is taken off it, its entities are given
//!    identities ([`choose_identity`]), its features' document frequencies go up,
//!    and it joins the story whose members it is most similar to on average, or
//!    starts one ([`parallax_compare::incremental`]): candidates come from an index
//!    of the stories' distinctive features, at most [`MAX_CANDIDATES`] are scored,
//!    each against its stored [`Profile`]. Then its story and the nearest
//!    neighbouring ones ([`NEIGHBOURS`], at most [`MAX_REGROUPED`] articles) are
//!    grouped again from their members' stored contributions ([`regroup`]), so a
//!    member that joined the wrong story before its siblings came moves to theirs.
//!    Every story whose members changed gets its profile recomputed and is marked
//!    out of date, all in the transaction that takes the article off the queue. No
//!    other story is touched, and the work is bounded per article.
//! 2. **Refreshing.** Each story marked out of date is compared again from its
//!    members alone ([`parallax_compare::compare_story`]) and its stored record
//!    replaced, unless it changed meanwhile (a version number), in which case it
//!    stays marked for the next pass.
//!
//! Placement is a function of the order articles were queued in, never of how
//! the queue was split into runs or transactions, so a library brought up to date
//! after any number of kills holds the stories an uninterrupted run would, and
//! [`rebuild_stories`] (forget everything, queue every article again in the order
//! it was placed, update) gives them too. Memory holds one article, or one story's
//! members, at a time.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use parallax_compare::incremental::{
    Bucket, Counts, Feature, MAX_CANDIDATES, MAX_REGROUPED, NEIGHBOUR_FLOOR, NEIGHBOURS, Profile,
    Query, Scored, best_story, choose_identity, identity_forms, idf, regroup,
};
use parallax_compare::{CompareOptions, SentenceEncoder, StoryOptions};
use parallax_core::{ActorKind, Analysis, AnalyzedArticle, ArticleMeta, Entity, fold};

use crate::db::{Backend, Db, Val, marks};
use crate::{Library, Result, StoreError};

/// Counters of the story state: articles placed, stories started, placements made.
const PLACED: &str = "placed";
const STORIES: &str = "stories";
const SEQ: &str = "seq";

/// Placements per write transaction at most, so another writer waits little.
const PLACE_BATCH: usize = 64;
const PLACE_SLICE: Duration = Duration::from_millis(250);

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Updated {
    /// Articles placed in a story.
    pub placed: usize,
    /// Of those, the ones that started a story of their own.
    pub started: usize,
    /// Stories whose comparison was made again.
    pub refreshed: usize,
    /// Stories left without members, removed.
    pub removed: usize,
    /// Milliseconds spent placing articles.
    pub placing_ms: u64,
    /// Milliseconds spent comparing stories again.
    pub comparing_ms: u64,
}

impl Updated {
    /// Whether there was nothing to do.
    pub fn is_nothing(&self) -> bool {
        self.placed == 0 && self.refreshed == 0 && self.removed == 0
    }
}

impl std::fmt::Display for Updated {
    /// "3 articles placed (1 new story), 2 stories compared again".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        write!(
            f,
            "{} placed ({}), {} compared again",
            n(self.placed, "article", "articles"),
            n(self.started, "new story", "new stories"),
            n(self.refreshed, "story", "stories")
        )?;
        if self.removed > 0 {
            write!(
                f,
                ", {} left empty and removed",
                n(self.removed, "story", "stories")
            )?;
        }
        write!(
            f,
            " (placing {:.2} s, comparing {:.2} s)",
            self.placing_ms as f64 / 1000.0,
            self.comparing_ms as f64 / 1000.0
        )
    }
}

/// Work an update would do: articles not placed, stories out of date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pending {
    /// Articles not placed in a story yet.
    pub queued: usize,
    /// Stories whose comparison is out of date.
    pub stale: usize,
}

impl Pending {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.queued == 0 && self.stale == 0
    }
}

/// How many articles wait to be placed and how many stories are out of date.
pub fn pending(lib: &dyn Library) -> Result<Pending> {
    let mut p = Pending::default();
    lib.read_tx(&mut |db| {
        let q = db.row("SELECT count(*) FROM story_queue", &[])?;
        let s = db.row("SELECT count(*) FROM story_state WHERE dirty = 1", &[])?;
        p.queued = first_int(q)? as usize;
        p.stale = first_int(s)? as usize;
        Ok(())
    })?;
    Ok(p)
}

fn first_int(row: Option<Vec<Val>>) -> Result<i64> {
    match row.and_then(|r| r.into_iter().next()) {
        Some(v) => v.int(),
        None => Ok(0),
    }
}

fn counter(db: &mut dyn Db, name: &str) -> Result<i64> {
    first_int(db.row(
        "SELECT value FROM story_counters WHERE name = $1",
        &[name.into()],
    )?)
}

fn set_counter(db: &mut dyn Db, name: &str, value: i64) -> Result<()> {
    db.exec(
        "INSERT INTO story_counters(name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        &[name.into(), Val::Int(value)],
    )?;
    Ok(())
}

/// Places every queued article, then makes every out-of-date story's comparison
/// again. `log` hears one line per phase. Several processes may update one library
/// at once: each article is placed once, and a story changed while it was being
/// compared is compared again.
pub fn update_stories(
    lib: &dyn Library,
    opts: CompareOptions,
    encoder: Option<&dyn SentenceEncoder>,
    log: &mut dyn FnMut(&str),
) -> Result<Updated> {
    let mut done = Updated::default();
    let placing = Instant::now();
    let queued = pending(lib)?.queued;
    if queued > 0 {
        log(&format!(
            "placing {queued} article{} in stories",
            plural(queued)
        ));
    }
    loop {
        let mut more = false;
        let started = Instant::now();
        lib.write_tx(&mut |db| {
            more = false;
            for _ in 0..PLACE_BATCH {
                match place_next(db, &opts.stories)? {
                    None => return Ok(()),
                    Some(p) => {
                        if p.placed {
                            done.placed += 1;
                            done.started += usize::from(p.started);
                        }
                    }
                }
                if started.elapsed() > PLACE_SLICE {
                    break;
                }
            }
            more = true;
            Ok(())
        })?;
        if !more {
            break;
        }
    }
    done.placing_ms = placing.elapsed().as_millis() as u64;
    let comparing = Instant::now();
    // several stories at once: comparing a story is most of an update's time,
    // and each is compared from its own members alone
    let mut enc = encoder;
    loop {
        let batch = next_stale(lib, rayon::current_num_threads().max(1) * 2)?;
        if batch.is_empty() {
            break;
        }
        use rayon::prelude::*;
        let used = enc;
        let results: Vec<std::result::Result<Refreshed, Failure>> = batch
            .par_iter()
            .map(|s| refresh(lib, s, opts, used))
            .collect();
        for r in results {
            match r {
                Ok(Refreshed::Written) => done.refreshed += 1,
                Ok(Refreshed::Removed) => done.removed += 1,
                Ok(Refreshed::Changed) => {}
                // the story stays out of date, and is compared again lexically
                Err(Failure::Encoder(e)) if used.is_some() => {
                    if enc.is_some() {
                        log(&format!(
                            "embedding failed ({e}); stories aligned lexically"
                        ));
                        enc = None;
                    }
                }
                Err(Failure::Encoder(e)) => return Err(StoreError::Query(e)),
                Err(Failure::Store(e)) => return Err(e),
            }
        }
    }
    done.comparing_ms = comparing.elapsed().as_millis() as u64;
    Ok(done)
}

/// Forgets every story and identity and places every article again, in the order
/// they were placed before (then the ones never placed, in the order they were
/// queued): the stories and identities [`update_stories`] keeps are the ones this
/// gives.
pub fn rebuild_stories(
    lib: &dyn Library,
    opts: CompareOptions,
    encoder: Option<&dyn SentenceEncoder>,
    log: &mut dyn FnMut(&str),
) -> Result<Updated> {
    lib.write_tx(&mut |db| {
        let order = db.query(
            "SELECT a.id FROM articles a
             LEFT JOIN story_members m ON m.article_id = a.id
             LEFT JOIN story_queue q ON q.article_id = a.id
             ORDER BY CASE WHEN m.seq IS NULL THEN 1 ELSE 0 END, m.seq, q.seq, a.id",
            &[],
        )?;
        for t in [
            "story_members",
            "story_state",
            "story_features",
            "story_postings",
            "identity_forms",
            "story_counters",
            "story_queue",
            "stories",
            "identities",
            "identity_keys",
        ] {
            db.exec(&format!("DELETE FROM {t}"), &[])?;
        }
        for row in order {
            let id = row.into_iter().next().map(Val::text).transpose()?;
            db.exec(
                "INSERT INTO story_queue(article_id) VALUES ($1)",
                &[Val::from(id)],
            )?;
        }
        Ok(())
    })?;
    update_stories(lib, opts, encoder, log)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

struct Placed {
    /// False when the queued article was gone or already placed.
    placed: bool,
    started: bool,
}

/// Places the article at the head of the queue; `None` when the queue is empty.
fn place_next(db: &mut dyn Db, opts: &StoryOptions) -> Result<Option<Placed>> {
    let Some(head) = db.row(
        "SELECT seq, article_id FROM story_queue ORDER BY seq LIMIT 1",
        &[],
    )?
    else {
        return Ok(None);
    };
    let mut head = head.into_iter();
    let qseq = head.next().map_or(Ok(0), |v| v.int())?;
    let id = head.next().map_or(Ok(String::new()), Val::text)?;
    db.exec("DELETE FROM story_queue WHERE seq = $1", &[Val::Int(qseq)])?;
    let skipped = Placed {
        placed: false,
        started: false,
    };
    if db
        .row(
            "SELECT 1 FROM story_members WHERE article_id = $1",
            &[id.as_str().into()],
        )?
        .is_some()
    {
        return Ok(Some(skipped));
    }
    let Some(row) = db.row(
        "SELECT meta_json, analysis_json FROM articles WHERE id = $1",
        &[id.as_str().into()],
    )?
    else {
        return Ok(Some(skipped));
    };
    let mut row = row.into_iter();
    let meta: ArticleMeta = from_json(&row.next().map_or(Ok(String::new()), Val::text)?)?;
    let analysis: Analysis = from_json(&row.next().map_or(Ok(String::new()), Val::text)?)?;

    // identities of its entities
    let identities = assign_identities(db, &analysis.entities)?;
    count_identities(db, &analysis.entities, &identities)?;

    // its features, counted
    let counts = Counts::of(&analysis, meta.published.as_deref(), &|e| {
        identities.get(e).cloned()
    });
    let n = counter(db, PLACED)? + 1;
    let feature = |db: &mut dyn Db, name: &str, tf: f32| -> Result<Feature> {
        let r = db
            .row(
                "INSERT INTO story_features(name, df) VALUES ($1, 1)
                 ON CONFLICT (name) DO UPDATE SET df = story_features.df + 1 RETURNING id, df",
                &[name.into()],
            )?
            .ok_or_else(|| StoreError::Corrupt("a feature was not counted".into()))?;
        let id = u32::try_from(r[0].int()?)
            .map_err(|_| StoreError::Corrupt("feature id out of range".into()))?;
        Ok(Feature {
            id,
            tf,
            df: r[1].int()?.max(1) as u64,
        })
    };
    let terms: Vec<Feature> = counts
        .terms
        .iter()
        .map(|(name, tf)| feature(db, name, *tf))
        .collect::<Result<_>>()?;
    let actors: Vec<Feature> = counts
        .actors
        .iter()
        .map(|(name, tf)| feature(db, name, *tf))
        .collect::<Result<_>>()?;
    let q = Query::new(n as u64, counts.day, &terms, &actors);

    // the candidate stories, scored
    let mut shared: BTreeMap<i64, i64> = BTreeMap::new();
    for chunk in q.distinctive.chunks(500) {
        let sql = format!(
            "SELECT story, count(*) FROM story_postings WHERE feature IN ({}) GROUP BY story",
            marks(1, chunk.len())
        );
        let args: Vec<Val> = chunk.iter().map(|&f| Val::Int(f.into())).collect();
        for r in db.query(&sql, &args)? {
            *shared.entry(r[0].int()?).or_default() += r[1].int()?;
        }
    }
    let mut ranked: Vec<(i64, i64)> = shared.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(MAX_CANDIDATES);
    let mut profiles: BTreeMap<i64, Profile> = BTreeMap::new();
    let mut scored: Vec<(i64, Scored)> = Vec::new();
    for (story, _) in ranked {
        let Some(p) = load_profile(db, story)? else {
            continue; // a story whose members were all deleted
        };
        if p.size == 0 {
            continue;
        }
        scored.push((story, p.score(&q, opts)));
        profiles.insert(story, p);
    }
    let best = best_story(&scored, opts);

    // join it, or start one
    let (story, mut profile, started) = match best {
        Some((s, _)) => (s, profiles.remove(&s).unwrap_or_default(), false),
        None => (new_story(db, &id)?, Profile::default(), true),
    };
    let contribution = q.contribution();
    profile.apply(&contribution, 1.0);
    write_profile(db, story, &profile)?;
    let seq = counter(db, SEQ)? + 1;
    set_counter(db, SEQ, seq)?;
    db.exec(
        "INSERT INTO story_members(article_id, story, seq, contribution, posted) VALUES ($1, $2, $3, $4, $5)",
        &[
            id.as_str().into(),
            Val::Int(story),
            Val::Int(seq),
            Val::Blob(contribution.encode()),
            Val::Blob(encode_ids(&q.posted)),
        ],
    )?;
    post(db, story, &q.posted)?;
    set_counter(db, PLACED, n)?;

    // the neighbourhood, grouped again with the newcomer in it
    let mut near: Vec<(i64, f32)> = scored
        .iter()
        .filter(|(s, sc)| *s != story && sc.score >= opts.threshold * NEIGHBOUR_FLOOR)
        .map(|(s, sc)| (*s, sc.score))
        .collect();
    near.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    near.truncate(NEIGHBOURS);
    if !near.is_empty() {
        let keys: Vec<i64> = std::iter::once(story)
            .chain(near.iter().map(|x| x.0))
            .collect();
        regroup_stories(db, &keys, n as u64, opts)?;
    }
    Ok(Some(Placed {
        placed: true,
        started,
    }))
}

/// Feature ids as bytes (little-endian u32s).
fn encode_ids(ids: &[u32]) -> Vec<u8> {
    ids.iter().flat_map(|i| i.to_le_bytes()).collect()
}

fn decode_ids(bytes: &[u8]) -> Result<Vec<u32>> {
    if !bytes.len().is_multiple_of(4) {
        return Err(StoreError::Corrupt("unreadable feature list".into()));
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// Indexes `story` under `features` for later candidates.
fn post(db: &mut dyn Db, story: i64, features: &[u32]) -> Result<()> {
    for &f in features {
        db.exec(
            "INSERT INTO story_postings(feature, story) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[Val::Int(f.into()), Val::Int(story)],
        )?;
    }
    Ok(())
}

/// A placed article as its story keeps it.
struct Member {
    article: String,
    seq: i64,
    story: i64,
    contribution: Bucket,
    posted: Vec<u32>,
}

/// Groups the members of `keys` (the newcomer's story first, then its nearest
/// neighbours) again with [`regroup`], up to [`MAX_REGROUPED`] articles, and
/// moves the members whose group changed: each group keeps the story holding most
/// of its members (the biggest groups choose first), or starts one; a story left
/// without members is emptied, to be removed by the next refresh. Every story
/// whose members changed is marked out of date.
fn regroup_stories(db: &mut dyn Db, keys: &[i64], n: u64, opts: &StoryOptions) -> Result<()> {
    let mut members: Vec<Member> = Vec::new();
    let mut used: Vec<i64> = Vec::new();
    for &k in keys {
        let rows = db.query(
            "SELECT article_id, seq, contribution, posted FROM story_members WHERE story = $1 ORDER BY seq",
            &[Val::Int(k)],
        )?;
        if !used.is_empty() && members.len() + rows.len() > MAX_REGROUPED {
            continue;
        }
        used.push(k);
        for r in rows {
            let mut r = r.into_iter();
            let article = r.next().map_or(Ok(String::new()), Val::text)?;
            let seq = r.next().map_or(Ok(0), |v| v.int())?;
            let bytes = r.next().map_or(Ok(Vec::new()), Val::blob)?;
            let contribution = Bucket::decode(&bytes).ok_or_else(|| {
                StoreError::Corrupt(format!("{article}: unreadable story contribution"))
            })?;
            let posted = decode_ids(&r.next().map_or(Ok(Vec::new()), Val::blob)?)?;
            members.push(Member {
                article,
                seq,
                story: k,
                contribution,
                posted,
            });
        }
    }
    if used.len() < 2 || members.len() > MAX_REGROUPED {
        return Ok(());
    }
    // the current document frequencies of every feature they hold
    let mut features: Vec<u32> = members
        .iter()
        .flat_map(|m| {
            m.contribution
                .terms
                .iter()
                .chain(&m.contribution.actors)
                .map(|x| x.0)
        })
        .collect();
    features.sort_unstable();
    features.dedup();
    let mut df: std::collections::HashMap<u32, u64> =
        std::collections::HashMap::with_capacity(features.len());
    for chunk in features.chunks(500) {
        let sql = format!(
            "SELECT id, df FROM story_features WHERE id IN ({})",
            marks(1, chunk.len())
        );
        let args: Vec<Val> = chunk.iter().map(|&f| Val::Int(f.into())).collect();
        for r in db.query(&sql, &args)? {
            df.insert(r[0].int()? as u32, r[1].int()?.max(1) as u64);
        }
    }
    let buckets: Vec<&Bucket> = members.iter().map(|m| &m.contribution).collect();
    let mut groups = regroup(
        &buckets,
        &|f| idf(n, df.get(&f).copied().unwrap_or(1)),
        opts,
    );
    // nothing moved: every group is one story's members, whole
    let unchanged = groups.len() == used.len()
        && groups.iter().all(|g| {
            let s = members[g[0]].story;
            g.iter().all(|&i| members[i].story == s)
                && members.iter().filter(|m| m.story == s).count() == g.len()
        });
    if unchanged {
        return Ok(());
    }
    // the biggest groups choose their story first
    groups.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(members[a[0]].seq.cmp(&members[b[0]].seq))
    });
    let mut taken: Vec<i64> = Vec::new();
    let mut assigned: Vec<(i64, Vec<usize>)> = Vec::new();
    for g in groups {
        let mut votes: BTreeMap<i64, usize> = BTreeMap::new();
        for &i in &g {
            if !taken.contains(&members[i].story) {
                *votes.entry(members[i].story).or_default() += 1;
            }
        }
        let key = match votes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            Some((&k, _)) => k,
            None => new_story(db, &members[g[0]].article)?,
        };
        taken.push(key);
        assigned.push((key, g));
    }
    for (key, g) in &assigned {
        let old = members.iter().filter(|m| m.story == *key).count();
        let same = old == g.len() && g.iter().all(|&i| members[i].story == *key);
        if same {
            continue;
        }
        let mut profile = Profile::default();
        for &i in g {
            profile.apply(&members[i].contribution, 1.0);
            if members[i].story != *key {
                db.exec(
                    "UPDATE story_members SET story = $1 WHERE article_id = $2",
                    &[Val::Int(*key), members[i].article.as_str().into()],
                )?;
                post(db, *key, &members[i].posted)?;
            }
        }
        write_profile(db, *key, &profile)?;
    }
    for &k in &used {
        if !taken.contains(&k) {
            write_profile(db, k, &Profile::default())?;
        }
    }
    Ok(())
}

fn write_profile(db: &mut dyn Db, story: i64, p: &Profile) -> Result<()> {
    db.exec(
        "UPDATE story_state SET profile = $1, size = $2, version = version + 1, dirty = 1 WHERE story = $3",
        &[Val::Blob(p.encode()), Val::Int(p.size.into()), Val::Int(story)],
    )?;
    Ok(())
}

/// A new, empty story founded by `article`: its public id is the article's short
/// id (another story founded by the same id, deleted and imported again, gets one
/// with the story's number).
fn new_story(db: &mut dyn Db, article: &str) -> Result<i64> {
    let s = counter(db, STORIES)? + 1;
    set_counter(db, STORIES, s)?;
    let mut public = parallax_core::short_id(&[article]);
    if db
        .row(
            "SELECT 1 FROM story_state WHERE public_id = $1",
            &[public.as_str().into()],
        )?
        .is_some()
    {
        public = parallax_core::short_id(&[article, &s.to_string()]);
    }
    db.exec(
        "INSERT INTO story_state(story, public_id, size, version, dirty, profile) VALUES ($1, $2, 0, 0, 1, $3)",
        &[Val::Int(s), public.into(), Val::Blob(Profile::default().encode())],
    )?;
    Ok(s)
}

fn load_profile(db: &mut dyn Db, story: i64) -> Result<Option<Profile>> {
    let Some(r) = db.row(
        "SELECT profile FROM story_state WHERE story = $1",
        &[Val::Int(story)],
    )?
    else {
        return Ok(None);
    };
    let bytes = r.into_iter().next().map_or(Ok(Vec::new()), Val::blob)?;
    Profile::decode(&bytes)
        .map(Some)
        .ok_or_else(|| StoreError::Corrupt(format!("story {story}: unreadable profile")))
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The identity of each entity: the one its key already has, else the one
/// [`choose_identity`] finds by its forms, else a new identity named by its key.
fn assign_identities(db: &mut dyn Db, entities: &[Entity]) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(entities.len());
    for e in entities {
        if let Some(r) = db.row(
            "SELECT identity FROM identity_keys WHERE key = $1",
            &[e.key.as_str().into()],
        )? {
            out.push(r.into_iter().next().map_or(Ok(String::new()), Val::text)?);
            continue;
        }
        let mut failed = None;
        let chosen = choose_identity(e, &mut |form| match db.query(
            "SELECT identity FROM identity_forms WHERE form = $1 ORDER BY identity",
            &[form.into()],
        ) {
            Ok(rows) => rows
                .into_iter()
                .filter_map(|r| r.into_iter().next().and_then(|v| v.text().ok()))
                .collect(),
            Err(err) => {
                failed = Some(err);
                Vec::new()
            }
        });
        if let Some(err) = failed {
            return Err(err);
        }
        let id = chosen.unwrap_or_else(|| e.key.clone());
        db.exec(
            "INSERT INTO identity_keys(key, identity) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[e.key.as_str().into(), id.as_str().into()],
        )?;
        if id == e.key {
            db.exec(
                "INSERT INTO identities(id, name, folded, kind, articles, mentions) VALUES ($1, $2, $3, $4, 0, 0) ON CONFLICT DO NOTHING",
                &[
                    id.as_str().into(),
                    e.name.as_str().into(),
                    fold(&e.name).into(),
                    e.kind.as_str().into(),
                ],
            )?;
        }
        for f in identity_forms(e) {
            db.exec(
                "INSERT INTO identity_forms(form, identity) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[f.into(), id.as_str().into()],
            )?;
        }
        out.push(id);
    }
    Ok(out)
}

/// Whether `name` shows an identity better than `current`: for people more words
/// (a full name over a surname), then more accented letters; for others more
/// accented letters ("Bogotá" over "Bogota").
fn better_name(kind: ActorKind, name: &str, current: &str) -> bool {
    let accents = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let words = |s: &str| s.split_whitespace().count();
    if kind == ActorKind::Person {
        (words(name), accents(name)) > (words(current), accents(current))
    } else {
        accents(name) > accents(current)
    }
}

/// Adds the article to its identities' counts (articles, mentions) and lets a
/// better name show them.
fn count_identities(db: &mut dyn Db, entities: &[Entity], ids: &[String]) -> Result<()> {
    let mut per: BTreeMap<&str, (i64, &Entity)> = BTreeMap::new();
    for (e, id) in entities.iter().zip(ids) {
        let slot = per.entry(id.as_str()).or_insert((0, e));
        slot.0 += e.mentions as i64;
        if better_name(e.kind, &e.name, &slot.1.name) {
            slot.1 = e;
        }
    }
    for (id, (mentions, e)) in per {
        let current = db
            .row(
                "SELECT name, kind FROM identities WHERE id = $1",
                &[id.into()],
            )?
            .map(|r| {
                let mut r = r.into_iter();
                let name = r.next().map_or(Ok(String::new()), Val::text)?;
                let kind = r.next().map_or(Ok(String::new()), Val::text)?;
                Ok::<_, StoreError>((name, kind))
            })
            .transpose()?;
        let Some((name, kind)) = current else {
            continue;
        };
        let kind = ActorKind::parse(&kind).unwrap_or(e.kind);
        let name = if better_name(kind, &e.name, &name) {
            e.name.clone()
        } else {
            name
        };
        db.exec(
            "UPDATE identities SET articles = articles + 1, mentions = mentions + $1, name = $2, folded = $3 WHERE id = $4",
            &[
                Val::Int(mentions),
                name.as_str().into(),
                Val::Text(fold(&name)),
                id.into(),
            ],
        )?;
    }
    Ok(())
}

/// Takes an article out of its story (it is being deleted): the story's profile
/// and the document frequencies lose what it brought, its identities lose its
/// counts, and the story is marked out of date. Runs in the deleting transaction.
pub(crate) fn forget_article(db: &mut dyn Db, id: &str) -> Result<()> {
    db.exec(
        "DELETE FROM story_queue WHERE article_id = $1",
        &[id.into()],
    )?;
    let Some(m) = db.row(
        "SELECT story, contribution FROM story_members WHERE article_id = $1",
        &[id.into()],
    )?
    else {
        return Ok(());
    };
    let mut m = m.into_iter();
    let story = m.next().map_or(Ok(0), |v| v.int())?;
    let bytes = m.next().map_or(Ok(Vec::new()), Val::blob)?;
    let c = Bucket::decode(&bytes)
        .ok_or_else(|| StoreError::Corrupt(format!("{id}: unreadable story contribution")))?;
    db.exec(
        "UPDATE identities SET articles = articles - 1,
            mentions = mentions - (SELECT coalesce(sum(e.mentions), 0) FROM entities e JOIN identity_keys k ON k.key = e.key
                                   WHERE e.article_id = $1 AND k.identity = identities.id)
         WHERE id IN (SELECT k.identity FROM entities e JOIN identity_keys k ON k.key = e.key WHERE e.article_id = $1)",
        &[id.into()],
    )?;
    if let Some(mut p) = load_profile(db, story)? {
        p.apply(&c, -1.0);
        write_profile(db, story, &p)?;
    }
    for (f, _) in c.terms.iter().chain(&c.actors) {
        db.exec(
            "UPDATE story_features SET df = df - 1 WHERE id = $1 AND df > 0",
            &[Val::Int((*f).into())],
        )?;
    }
    let n = counter(db, PLACED)?;
    set_counter(db, PLACED, (n - 1).max(0))?;
    db.exec(
        "DELETE FROM story_members WHERE article_id = $1",
        &[id.into()],
    )?;
    Ok(())
}

/// A story out of date, as it stood when read.
struct Stale {
    story: i64,
    version: i64,
    public_id: String,
    members: Vec<String>,
}

/// The first `limit` stories out of date, with their members, as they stand.
fn next_stale(lib: &dyn Library, limit: usize) -> Result<Vec<Stale>> {
    let mut out = Vec::new();
    lib.read_tx(&mut |db| {
        out.clear();
        let rows = db.query(
            "SELECT story, version, public_id FROM story_state WHERE dirty = 1 ORDER BY story LIMIT $1",
            &[Val::Int(limit as i64)],
        )?;
        for r in rows {
            let mut r = r.into_iter();
            let story = r.next().map_or(Ok(0), |v| v.int())?;
            let version = r.next().map_or(Ok(0), |v| v.int())?;
            let public_id = r.next().map_or(Ok(String::new()), Val::text)?;
            let members = db
                .query(
                    "SELECT article_id FROM story_members WHERE story = $1 ORDER BY seq",
                    &[Val::Int(story)],
                )?
                .into_iter()
                .map(|r| r.into_iter().next().map_or(Ok(String::new()), Val::text))
                .collect::<Result<Vec<_>>>()?;
            out.push(Stale {
                story,
                version,
                public_id,
                members,
            });
        }
        Ok(())
    })?;
    Ok(out)
}

enum Refreshed {
    Written,
    Removed,
    /// The story changed while it was compared: it stays out of date.
    Changed,
}

enum Failure {
    Encoder(String),
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

fn refresh(
    lib: &dyn Library,
    s: &Stale,
    opts: CompareOptions,
    encoder: Option<&dyn SentenceEncoder>,
) -> std::result::Result<Refreshed, Failure> {
    let mut articles: Vec<AnalyzedArticle> = Vec::with_capacity(s.members.len());
    for id in &s.members {
        match lib.article(id)? {
            Some(a) => articles.push(a),
            // Deleted since it was read: the deletion moved the story's version. A
            // member without its article otherwise (written by something else) is
            // taken out now, so the story cannot stay out of date for ever.
            None => {
                if still(lib, s)? {
                    lib.write_tx(&mut |db| forget_article(db, id))?;
                }
                return Ok(Refreshed::Changed);
            }
        }
    }
    let record = if articles.is_empty() {
        None
    } else {
        let c =
            parallax_compare::compare_story(&articles, opts, encoder).map_err(Failure::Encoder)?;
        let mut records = crate::story_records(&c);
        let (mut summary, mut record) = records
            .pop()
            .ok_or_else(|| StoreError::Corrupt("a story compared to nothing".into()))?;
        summary.id.clone_from(&s.public_id);
        record.story.id.clone_from(&s.public_id);
        Some((summary, record))
    };
    let mut outcome = Refreshed::Changed;
    lib.write_tx(&mut |db| {
        outcome = Refreshed::Changed;
        let now = db.row(
            "SELECT version FROM story_state WHERE story = $1",
            &[Val::Int(s.story)],
        )?;
        if first_int(now)? != s.version {
            return Ok(());
        }
        match &record {
            None => {
                db.exec(
                    "DELETE FROM stories WHERE id = $1",
                    &[s.public_id.as_str().into()],
                )?;
                db.exec(
                    "DELETE FROM story_state WHERE story = $1",
                    &[Val::Int(s.story)],
                )?;
                outcome = Refreshed::Removed;
            }
            Some((summary, record)) => {
                write_record(db, summary, record)?;
                db.exec(
                    "UPDATE story_state SET dirty = 0 WHERE story = $1 AND version = $2",
                    &[Val::Int(s.story), Val::Int(s.version)],
                )?;
                outcome = Refreshed::Written;
            }
        }
        Ok(())
    })?;
    Ok(outcome)
}

/// Whether the story still stands as read (its version unchanged).
fn still(lib: &dyn Library, s: &Stale) -> Result<bool> {
    let mut same = false;
    lib.read_tx(&mut |db| {
        let now = db.row(
            "SELECT version FROM story_state WHERE story = $1",
            &[Val::Int(s.story)],
        )?;
        same = first_int(now)? == s.version;
        Ok(())
    })?;
    Ok(same)
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

fn write_record(
    db: &mut dyn Db,
    summary: &crate::StorySummary,
    record: &crate::StoryRecord,
) -> Result<()> {
    let outlets = json(&summary.outlets);
    let args = vec![
        Val::Text(summary.id.clone()),
        Val::Text(summary.title.clone()),
        Val::Int(summary.articles as i64),
        Val::Text(outlets),
        Val::from(summary.first_published.clone()),
        Val::from(summary.last_published.clone()),
        Val::Text(json(record)),
    ];
    match db.backend() {
        Backend::Sqlite => db.exec(
            "INSERT INTO stories(id, title, articles, outlets_json, first_published, last_published, record_json)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, articles = excluded.articles,
                outlets_json = excluded.outlets_json, first_published = excluded.first_published,
                last_published = excluded.last_published, record_json = excluded.record_json",
            &args,
        )?,
        Backend::Postgres => {
            let mut args = args;
            args.push(Val::Int(summary.outlets.len() as i64));
            db.exec(
                "INSERT INTO stories(id, title, articles, outlets_json, first_published, last_published, record_json, outlet_count)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (id) DO UPDATE SET title = excluded.title, articles = excluded.articles,
                    outlets_json = excluded.outlets_json, first_published = excluded.first_published,
                    last_published = excluded.last_published, record_json = excluded.record_json,
                    outlet_count = excluded.outlet_count",
                &args,
            )?
        }
    };
    Ok(())
}
