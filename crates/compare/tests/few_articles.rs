//! Three outlets' articles on one event are one story, however much each adds of
//! its own. Over three articles, the input's own document frequencies give the
//! words all three share (the event's) the lowest weight and each outlet's own
//! words the highest: five of the 60 BASIL triplets compared on their own were
//! split into two stories that way (58f414e5, the congressional baseball game
//! the day after the shooting, left the New York Times alone), and every
//! statement of the lone article was then called an omission of the others.

use parallax_compare::{CompareOptions, compare};
use parallax_core::AnalyzedArticle;

mod common;

fn article(outlet: &str, text: &str) -> AnalyzedArticle {
    common::article(outlet, text, "2017-06-15")
}

const EVENT: &str = "Steve Scalise was hurt in the shooting at the baseball practice. ";

#[test]
fn three_outlets_on_one_event_are_one_story() {
    let fox = format!(
        "{EVENT}Lawmakers asked for new security measures, and Capitol Police \
         reviewed protection for members at public events. Representative Brat said \
         staff members worried about town halls. Senators discussed funding for \
         district offices and armed details."
    );
    let nyt = format!(
        "{EVENT}The lawmakers trotted from their dugouts at Nationals Park, and the \
         crowd cheered the teams. Representative Williams walked out on crutches. \
         Officer Bailey threw the first pitch. The game raised money for charities, \
         and the trophy went to the Democrats."
    );
    let hpo = format!(
        "{EVENT}The gunman, identified by authorities as James Hodgkinson of \
         Belleville, Illinois, died after a firefight with officers. Witnesses \
         described dozens of shots. The members were practicing for the annual game, \
         a tradition dating back to 1909."
    );
    let articles = [
        article("fox", &fox),
        article("nyt", &nyt),
        article("hpo", &hpo),
    ];
    let c = compare(&articles, CompareOptions::default());
    assert_eq!(
        c.stories.len(),
        1,
        "{:?}",
        c.stories.iter().map(|s| &s.outlets).collect::<Vec<_>>()
    );
}

#[test]
fn two_events_stay_two_stories() {
    let shooting = article(
        "fox",
        &format!("{EVENT}Lawmakers asked for new security measures."),
    );
    let budget = article(
        "nyt",
        "The Senate passed the farm bill on Tuesday after months of talks over crop \
         insurance and food stamps. The measure now goes to the House, where the \
         agriculture committee chairman said he expected a vote next week.",
    );
    let c = compare(&[shooting, budget], CompareOptions::default());
    assert_eq!(c.stories.len(), 2);
}
