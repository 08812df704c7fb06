//! "Only in X" says the other outlets of the story left a statement out, so it is
//! claimed only when there is another outlet and every statement was compared.
//!
//! BASIL 58f414e5: the story grouping put the New York Times' article (the
//! congressional baseball game after the shooting) in a story of its own, and all
//! 63 of its statements were listed "only in nyt", among them "Doctors said his
//! condition was critical but improving", which Fox reports in other words.

use parallax_compare::align::{AlignOptions, align};
use parallax_core::AnalyzedArticle;

mod common;

fn article(outlet: &str, text: &str) -> AnalyzedArticle {
    common::article(outlet, text, "2017-06-15")
}

const NYT: &str = "The lawmakers trotted from their dugouts at Nationals Park on Thursday. \
                   Doctors said his condition was critical but improving. \
                   The game raised money for charity.";
const FOX: &str = "Scalise remains in critical condition, but has improved in the last day. \
                   The senators and lobbyists cheered the teams at the ballpark. \
                   Security was tight around the stadium all evening.";

#[test]
fn a_story_of_one_outlet_claims_no_omission() {
    let articles = [article("nyt", NYT), article("nyt", FOX)];
    let table = parallax_compare::identities::build(&articles);
    let st = align(&articles, &[0, 1], &table, AlignOptions::default(), None);
    assert!(st.only.is_empty(), "{:?}", st.only);
    assert!(st.undecided.is_empty(), "{:?}", st.undecided);
    assert!(st.all.is_empty() && st.some.is_empty());
}

#[test]
fn two_outlets_do_claim_omissions() {
    let articles = [article("nyt", NYT), article("fox", FOX)];
    let table = parallax_compare::identities::build(&articles);
    let st = align(&articles, &[0, 1], &table, AlignOptions::default(), None);
    let listed: usize = st
        .only
        .values()
        .chain(st.undecided.values())
        .map(Vec::len)
        .sum();
    assert!(listed >= 3, "{st:?}");
    assert!(!st.only.is_empty(), "{st:?}");
}

#[test]
fn a_comparison_cut_short_claims_no_omission() {
    let articles = [article("nyt", NYT), article("fox", FOX)];
    let table = parallax_compare::identities::build(&articles);
    // a cap of one candidate pair: the rest of the story is never compared
    let opts = AlignOptions {
        max_pairs: 1,
        ..AlignOptions::default()
    };
    let st = align(&articles, &[0, 1], &table, opts, None);
    assert!(st.truncated.is_some(), "{st:?}");
    assert!(st.only.is_empty(), "{:?}", st.only);
    assert!(!st.undecided.is_empty(), "{st:?}");
}
