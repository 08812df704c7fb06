//! Facts from scored pairs, without chaining: links are taken most probable
//! first, and two groups merge only when every pair between them passes the
//! link threshold on its own (complete linkage) and no outlet would be in the
//! fact twice, so A~B and B~C never put A with C unless A~C holds too; a strong
//! link left out that way makes a second fact for a sentence that reports two.
//! What is left is sorted into "only in X" (nothing elsewhere comes near) and
//! undecided (something does).

use std::collections::{BTreeMap, BTreeSet};

use super::claims::Story;
use super::score::Scored;
use super::{AlignOptions, Candidate, Fact, Link, Omission, StatementComparison};

/// The statements of each fact, from the scored pairs `p` (`(i, j)` with `i < j`,
/// sorted by pair) of statements whose outlets are `outlet`.
///
/// Links are taken most probable first, and two groups merge only when every
/// pair between them passes [`AlignOptions::link`] (complete linkage) and comes
/// from two outlets: a fact holds one statement per outlet, since the pair model
/// judges no two statements of one outlet. A sentence can report two facts ("X,
/// who paid $84,000, resigned on Friday"), and complete linkage gives it to one
/// of them: a link of at least [`AlignOptions::strong_link`] that no group holds
/// then joins a fact of one of its statements (when the newcomer's outlet is not
/// in it yet and it passes the link threshold with every member), else it is a
/// fact of its own. Every returned group spans two outlets or more.
pub(crate) fn fact_members(
    outlet: &[usize],
    p: &[((usize, usize), f32)],
    opts: AlignOptions,
) -> Vec<Vec<usize>> {
    let get = |i: usize, j: usize| super::score::probability_of(p, i, j);
    // two statements may share a fact: of two outlets (the pair model judges
    // statements across outlets only, so two of one outlet would be "the same
    // fact" on no evidence), and linked
    let joins = |x: usize, y: usize| outlet[x] != outlet[y] && get(x, y) >= opts.link;
    let mut links: Vec<(usize, usize, f32)> = p
        .iter()
        .filter(|(_, p)| *p >= opts.link)
        .map(|&((i, j), p)| (i, j, p))
        .collect();
    links.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    // group id of each statement; members of each group
    let mut of: Vec<usize> = (0..outlet.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..outlet.len()).map(|i| vec![i]).collect();
    for &(i, j, _) in &links {
        let (gi, gj) = (of[i], of[j]);
        if gi == gj {
            continue;
        }
        let ok = members[gi]
            .iter()
            .all(|&x| members[gj].iter().all(|&y| joins(x, y)));
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
    // (a group of two or more spans two outlets or more: one statement per outlet)
    members.retain(|g| g.len() > 1);
    for &(i, j, _) in links.iter().take_while(|l| l.2 >= opts.strong_link) {
        if members.iter().any(|g| g.contains(&i) && g.contains(&j)) {
            continue;
        }
        let fits = |g: &[usize], x: usize| g.iter().all(|&y| joins(x, y));
        let home = members.iter_mut().find_map(|g| {
            if g.contains(&i) && fits(g, j) {
                Some((g, j))
            } else if g.contains(&j) && fits(g, i) {
                Some((g, i))
            } else {
                None
            }
        });
        match home {
            Some((g, x)) => g.push(x),
            None => members.push(vec![i, j]),
        }
    }
    members
}

/// Sorts the story's statements into facts reported by all, by some, and
/// statements in no fact.
pub(crate) fn sort(
    story: &Story,
    scored: &Scored,
    opts: AlignOptions,
    method: String,
) -> StatementComparison {
    let c = &story.claims;
    let outlet: Vec<usize> = c.iter().map(|x| x.outlet).collect();
    let mut members = fact_members(&outlet, &scored.p, opts);
    let mut out = StatementComparison {
        method,
        truncated: scored.truncated.clone(),
        ..Default::default()
    };
    let mut in_fact = vec![false; c.len()];
    let mut facts: Vec<(Fact, usize)> = Vec::new();
    for g in &mut members {
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
            // (every pair is of two outlets: a fact holds one statement per outlet)
            for (b, &y) in g.iter().enumerate().skip(a + 1) {
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
    // statements in no fact: none when the story has one outlet (no other
    // outlet to leave it out); never "only in X" when the scoring was cut
    // short, since what was not compared cannot be called missing elsewhere
    let mut alone: BTreeMap<String, Vec<(usize, Omission)>> = BTreeMap::new();
    let mut unsure: BTreeMap<String, Vec<(usize, Omission)>> = BTreeMap::new();
    let comparable_outlets: BTreeSet<usize> = c
        .iter()
        .filter(|x| x.comparable)
        .map(|x| x.outlet)
        .collect();
    let compared = comparable_outlets.len() > 1;
    for (i, claim) in c.iter().enumerate() {
        if in_fact[i] || !claim.comparable || !compared {
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
        let list = if p < opts.omission && scored.truncated.is_none() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn members(outlet: &[usize], pairs: &[(usize, usize, f32)]) -> Vec<Vec<usize>> {
        let mut p: Vec<((usize, usize), f32)> = pairs
            .iter()
            .map(|&(i, j, p)| ((i.min(j), i.max(j)), p))
            .collect();
        p.sort_by_key(|x| x.0);
        let mut g = fact_members(outlet, &p, AlignOptions::default());
        for x in &mut g {
            x.sort();
        }
        g.sort();
        g
    }

    #[test]
    fn groups_never_chain() {
        // 0~1 and 1~2 pass, 0~2 does not: 2 stays out of the fact.
        let g = members(&[0, 1, 2], &[(0, 1, 0.8), (1, 2, 0.7), (0, 2, 0.1)]);
        assert_eq!(g, vec![vec![0, 1]]);
    }

    #[test]
    fn a_sentence_of_two_facts_sits_in_both() {
        // BASIL 06ffda2d: the NYT's lead (2) says Farenthold paid $84,000 and
        // resigned; HuffPost reports the two in two sentences (3: paid, 4:
        // resigned), Fox the resignation (0). The lead goes with the payment
        // first (its strongest link); HuffPost's resignation cannot join that
        // fact (HuffPost is in it), so it makes one with Fox's lead, and the
        // NYT's lead, strongly linked to it, joins as well.
        let outlet = [0, 0, 1, 2, 2];
        let pairs = [
            (2, 3, 0.95),
            (2, 4, 0.9),
            (0, 2, 0.88),
            (0, 4, 0.72),
            (0, 3, 0.05),
            (1, 3, 0.3),
        ];
        let g = members(&outlet, &pairs);
        assert_eq!(g, vec![vec![0, 2, 4], vec![2, 3]]);
        // A link under the strong bar makes no second fact.
        let weak = [(2, 3, 0.95), (2, 4, 0.8), (0, 2, 0.8), (0, 4, 0.72)];
        assert_eq!(members(&outlet, &weak), vec![vec![0, 4], vec![2, 3]]);
    }

    #[test]
    fn a_fact_holds_one_statement_per_outlet() {
        // BASIL 2b95d2cf: the NYT's "Afghanistan is now Mr. Obama's war" (2)
        // and its quote "not a war of Obama's choosing" (1) both link to
        // Fox's "It's not Obama's war" (0); nothing says the NYT's two
        // sentences are one fact, so the weaker link stays out.
        let g = members(&[0, 1, 1], &[(0, 1, 0.9), (0, 2, 0.7)]);
        assert_eq!(g, vec![vec![0, 1]]);
        // Three outlets: the group grows by outlet, never twice by one.
        let g = members(
            &[0, 1, 1, 2],
            &[
                (0, 1, 0.9),
                (0, 2, 0.8),
                (0, 3, 0.8),
                (1, 3, 0.7),
                (2, 3, 0.7),
            ],
        );
        assert_eq!(g, vec![vec![0, 1, 3]]);
    }

    #[test]
    fn a_strong_link_left_out_is_a_fact_of_its_own() {
        // 2 joins the fact 0~1 (it passes with both). 1~3 is strong too, but
        // 3's outlet is already in that fact through 2: 1~3 is a second fact.
        let outlet = [0, 1, 2, 2];
        let pairs = [
            (0, 1, 0.97),
            (1, 3, 0.96),
            (1, 2, 0.9),
            (0, 2, 0.86),
            (0, 3, 0.1),
        ];
        let g = members(&outlet, &pairs);
        assert_eq!(g, vec![vec![0, 1, 2], vec![1, 3]]);
    }
}
