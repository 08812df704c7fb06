//! Which of a story's articles have their statements aligned.
//!
//! Aligning statements costs work in the square of a story's sentences, and a
//! story that runs for weeks keeps growing: a library of 100,000 articles holds
//! stories of hundreds. Every article still counts for the story's actors,
//! labels, quote share and framing, but only a window of at most
//! [`ALIGNED_ARTICLES`] articles has its statements lined up across outlets:
//! the latest article of each outlet, then each outlet's next latest, in turn,
//! so every outlet of the story stays in the comparison however much more one of
//! them published. "Latest" is by publication date; articles without one come
//! after the dated ones, in the order they joined the story. The comparison then
//! says what it left out ([`note`]), because an "only in X" statement is only
//! known to be missing from the other outlets' aligned articles.

use std::collections::BTreeMap;

use parallax_core::AnalyzedArticle;

/// The most articles of one story whose statements are aligned, unless a
/// caller asks for another bound ([`crate::CompareOptions::aligned_articles`]).
pub const ALIGNED_ARTICLES: usize = 32;

/// The members of a story (indices into `articles`, in the order they joined
/// it) whose statements are aligned: all of them when there are at most `max`
/// (or `max` is 0), else the latest of each outlet in turn, up to `max`. The
/// result keeps the members' order.
pub fn aligned(articles: &[AnalyzedArticle], members: &[usize], max: usize) -> Vec<usize> {
    if max == 0 || members.len() <= max {
        return members.to_vec();
    }
    // each outlet's members, latest first: dated before undated, then the later
    // to join first
    let mut by_outlet: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (pos, &i) in members.iter().enumerate() {
        by_outlet
            .entry(articles[i].article.outlet.name.as_str())
            .or_default()
            .push((pos, i));
    }
    let date = |i: usize| articles[i].article.meta.published.as_deref();
    for list in by_outlet.values_mut() {
        list.sort_by(|&(pa, a), &(pb, b)| match (date(a), date(b)) {
            (Some(x), Some(y)) => y.cmp(x).then(pb.cmp(&pa)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => pb.cmp(&pa),
        });
    }
    let mut chosen: Vec<(usize, usize)> = Vec::with_capacity(max);
    let mut round = 0;
    while chosen.len() < max {
        let mut any = false;
        for list in by_outlet.values() {
            if let Some(&m) = list.get(round) {
                any = true;
                if chosen.len() < max {
                    chosen.push(m);
                }
            }
        }
        if !any {
            break;
        }
        round += 1;
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|(_, i)| i).collect()
}

/// What a comparison says when the window left articles out.
pub fn note(aligned: usize, members: usize) -> Option<String> {
    (aligned < members).then(|| {
        format!(
            "statements of {aligned} of the story's {members} articles were aligned (the latest of each outlet in turn); an \"only in\" statement may be in another outlet's older articles"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{Analysis, Article, ArticleMeta, Outlet};

    fn article(outlet: &str, published: Option<&str>) -> AnalyzedArticle {
        let meta = ArticleMeta {
            published: published.map(str::to_string),
            ..ArticleMeta::default()
        };
        AnalyzedArticle {
            article: Article::new(Outlet::named(outlet), meta, String::new(), Vec::new()),
            analysis: Analysis::default(),
        }
    }

    #[test]
    fn a_small_story_is_aligned_whole() {
        let a = vec![article("A", None), article("B", None)];
        assert_eq!(aligned(&a, &[0, 1], 2), vec![0, 1]);
        assert_eq!(aligned(&a, &[1, 0], 0), vec![1, 0]);
        assert_eq!(note(2, 2), None);
    }

    #[test]
    fn every_outlet_keeps_its_latest_articles() {
        // outlet A published ten articles, B two (one undated): a window of four
        // takes B's both and A's two latest
        let mut a: Vec<AnalyzedArticle> = (0..10)
            .map(|d| article("A", Some(&format!("2024-05-{:02}", d + 1))))
            .collect();
        a.push(article("B", Some("2024-05-03")));
        a.push(article("B", None));
        let members: Vec<usize> = (0..a.len()).collect();
        let w = aligned(&a, &members, 4);
        assert_eq!(w, vec![8, 9, 10, 11]);
        // a window of three: A's latest, B's dated one, then A's next
        assert_eq!(aligned(&a, &members, 3), vec![8, 9, 10]);
        assert!(
            note(w.len(), members.len())
                .unwrap()
                .contains("4 of the story's 12")
        );
    }

    #[test]
    fn undated_articles_go_by_the_order_they_joined() {
        let a: Vec<AnalyzedArticle> = (0..5).map(|_| article("A", None)).collect();
        // members in joining order 3, 0, 4, 1, 2: the last two to join are 1 and 2
        assert_eq!(aligned(&a, &[3, 0, 4, 1, 2], 2), vec![1, 2]);
    }
}
