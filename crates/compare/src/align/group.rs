//! Facts from scored pairs, without chaining: links are taken most probable
//! first, and two groups merge only when every cross-outlet pair between them
//! passes the link threshold on its own (complete linkage), so A~B and B~C never
//! put A with C unless A~C holds too. What is left is sorted into "only in X"
//! (nothing elsewhere comes near) and undecided (something does).

use std::collections::{BTreeMap, BTreeSet};

use super::claims::Story;
use super::score::Scored;
use super::{AlignOptions, Candidate, Fact, Link, Omission, StatementComparison};

/// Sorts the story's statements into facts reported by all, by some, and
/// statements in no fact.
pub(crate) fn sort(
    story: &Story,
    scored: &Scored,
    opts: AlignOptions,
    method: String,
) -> StatementComparison {
    let c = &story.claims;
    let mut links: Vec<(usize, usize, f32)> = scored
        .p
        .iter()
        .filter(|(_, p)| *p >= opts.link)
        .map(|&((i, j), p)| (i, j, p))
        .collect();
    links.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    // group id of each statement; members of each group
    let mut of: Vec<usize> = (0..c.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..c.len()).map(|i| vec![i]).collect();
    for &(i, j, _) in &links {
        let (gi, gj) = (of[i], of[j]);
        if gi == gj {
            continue;
        }
        let ok = members[gi].iter().all(|&x| {
            members[gj]
                .iter()
                .all(|&y| c[x].outlet == c[y].outlet || scored.get(x, y) >= opts.link)
        });
        if !ok {
            continue;
        }
        let (keep, gone) = (gi.min(gj), gi.max(gj));
        let moved = std::mem::take(&mut members[gone]);
        for &x in &moved {
            of[x] = keep;
        }
        members[keep].extend(moved);
    }
    let mut out = StatementComparison {
        method,
        truncated: scored.truncated.clone(),
        ..Default::default()
    };
    let mut in_fact = vec![false; c.len()];
    let mut facts: Vec<(Fact, usize)> = Vec::new();
    for g in members.iter_mut().filter(|g| g.len() > 1) {
        g.sort_by_key(|&i| (c[i].outlet, c[i].r.article.clone(), c[i].r.sentence));
        let outlets: BTreeSet<usize> = g.iter().map(|&i| c[i].outlet).collect();
        if outlets.len() < 2 {
            continue;
        }
        let mut fact_links = Vec::new();
        let mut confidence = 1.0f32;
        let mut all_wire = true;
        for (a, &x) in g.iter().enumerate() {
            in_fact[x] = true;
            for (b, &y) in g.iter().enumerate().skip(a + 1) {
                if c[x].outlet == c[y].outlet {
                    continue;
                }
                let p = scored.get(x, y);
                let wire = scored.wire.contains(&(x.min(y), x.max(y)));
                all_wire &= wire;
                confidence = confidence.min(p);
                fact_links.push(Link {
                    a,
                    b,
                    score: p,
                    wire,
                });
            }
        }
        // what every statement of the fact shares
        let mut shared: Option<BTreeSet<u32>> = None;
        for &i in g.iter() {
            let f: BTreeSet<u32> = c[i].vec.entries.iter().map(|e| e.0).collect();
            shared = Some(match shared {
                None => f,
                Some(s) => s.intersection(&f).copied().collect(),
            });
        }
        let (mut shared_actors, mut shared_terms) = (Vec::new(), Vec::new());
        for f in shared.unwrap_or_default() {
            let name = &story.vocab.names[f as usize];
            match name.strip_prefix('@') {
                Some(id) => shared_actors.push(id.to_string()),
                None => shared_terms.push(name.clone()),
            }
        }
        let first = g[0];
        facts.push((
            Fact {
                outlets: outlets.iter().map(|&o| story.outlets[o].clone()).collect(),
                statements: g.iter().map(|&i| c[i].r.clone()).collect(),
                links: fact_links,
                confidence,
                wire: all_wire,
                shared_actors,
                shared_terms,
            },
            first,
        ));
    }
    facts.sort_by(|(a, x), (b, y)| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(c[*x].r.span.start.cmp(&c[*y].r.span.start))
            .then(x.cmp(y))
    });
    for (f, _) in facts {
        if f.outlets.len() == story.outlets.len() {
            out.all.push(f);
        } else {
            out.some.push(f);
        }
    }
    // statements in no fact
    let mut alone: BTreeMap<String, Vec<(usize, Omission)>> = BTreeMap::new();
    let mut unsure: BTreeMap<String, Vec<(usize, Omission)>> = BTreeMap::new();
    for (i, claim) in c.iter().enumerate() {
        if in_fact[i] || !claim.comparable {
            continue;
        }
        let closest = scored.closest[i].map(|(j, p)| Candidate {
            statement: c[j].r.clone(),
            score: p,
        });
        let mut p = closest.as_ref().map_or(0.0, |x| x.score);
        // a sentence leaning on its neighbour is as likely reported elsewhere as
        // the neighbour is
        if claim.dependent {
            for &n in &claim.neighbours {
                let q = if in_fact[n] {
                    1.0
                } else {
                    scored.closest[n].map_or(0.0, |x| x.1)
                };
                p = p.max(q);
            }
        }
        let o = Omission {
            statement: claim.r.clone(),
            closest,
            confidence: ((1.0 - p) * 10_000.0).round() / 10_000.0,
        };
        let list = if p < opts.omission {
            &mut alone
        } else {
            &mut unsure
        };
        list.entry(claim.r.outlet.clone()).or_default().push((i, o));
    }
    let finish = |m: BTreeMap<String, Vec<(usize, Omission)>>| {
        m.into_iter()
            .map(|(k, mut v)| {
                v.sort_by_key(|(i, _)| *i);
                (k, v.into_iter().map(|(_, o)| o).collect())
            })
            .collect()
    };
    out.only = finish(alone);
    out.undecided = finish(unsure);
    out
}
