//! Terminal text for the library commands (`parallax search`, `stories`,
//! `actor`): what the CLI prints, drawn here beside the other printers so every
//! front end shares one way of showing a library.

use std::fmt::Write;

use parallax_core::Voice;
use parallax_store::{ActorProfile, ActorSummary, SearchResults, StorySummary};

use crate::story::count;
use crate::text::wrap;

/// Search hits: outlet, date, title and id, then the snippet with the matched
/// words in \[brackets\].
pub fn render_search(r: &SearchResults) -> String {
    let mut o = format!("{} matching {}\n", r.total, plural(r.total, "article"));
    for h in &r.hits {
        let _ = writeln!(
            o,
            "\n{} · {} · {}  [{}]",
            h.outlet,
            h.published.as_deref().unwrap_or("undated"),
            h.title,
            h.id
        );
        let snippet: String = h
            .snippet
            .iter()
            .map(|p| {
                if p.hit {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect();
        let _ = writeln!(o, "  {}", wrap(&snippet, 98, 2, 2));
    }
    o
}

/// One story a line pair: id, size, outlets and dates, then the title.
/// `total`: how many stories the library holds; when more than listed, the last
/// line says how many more and how to see them.
pub fn render_stories(list: &[StorySummary], total: usize) -> String {
    if list.is_empty() {
        return "no stories yet: import articles with `parallax import`\n".to_string();
    }
    let mut o = String::new();
    for s in list {
        let dates = match (&s.first_published, &s.last_published) {
            (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
            (Some(a), _) => a.clone(),
            _ => "undated".into(),
        };
        let _ = writeln!(
            o,
            "{}  {} · {} · {}\n    {}",
            s.id,
            count(s.articles, "article", "articles"),
            s.outlets.join(", "),
            dates,
            s.title
        );
    }
    if total > list.len() {
        let more = total - list.len();
        let _ = writeln!(
            o,
            "… {more} more {} (--limit {total} lists them all)",
            if more == 1 { "story" } else { "stories" }
        );
    }
    o
}

/// An actor's profile: names, then per outlet its counts and the labels it
/// used over time; other actors the name matched come last.
pub fn render_actor(p: &ActorProfile, others: &[ActorSummary]) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({}) · {}, {} · id {}",
        p.actor.name,
        p.actor.kind.as_str(),
        count(p.actor.articles, "article", "articles"),
        count(p.actor.mentions, "mention", "mentions"),
        p.actor.id
    );
    let _ = writeln!(o, "  named as: {}", p.variants.join(", "));
    for (outlet, x) in &p.outlets {
        let _ = writeln!(
            o,
            "\n  {outlet}: {}, {}, {}",
            count(x.articles, "article", "articles"),
            count(x.mentions, "mention", "mentions"),
            count(x.quotes, "quote", "quotes")
        );
        for l in &x.labels {
            let _ = writeln!(
                o,
                "    {}  “{}”{}",
                l.published.as_deref().unwrap_or("undated  "),
                l.text,
                if l.voice == Voice::Quoted {
                    " (in a quote)"
                } else {
                    ""
                }
            );
        }
    }
    if !others.is_empty() {
        let others: Vec<String> = others
            .iter()
            .map(|x| format!("{} [{}]", x.name, x.id))
            .collect();
        let _ = writeln!(o, "\n  other matches: {}", others.join(", "));
    }
    o
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_list_agrees_in_number_and_says_when_empty() {
        assert!(render_stories(&[], 0).contains("no stories yet"));
        let s = StorySummary {
            id: "st1".into(),
            title: "A vote".into(),
            articles: 1,
            outlets: vec!["A".into()],
            first_published: Some("2024-01-02".into()),
            last_published: None,
        };
        let out = render_stories(std::slice::from_ref(&s), 1);
        assert!(out.contains("1 article · A · 2024-01-02"), "{out}");
        assert!(!out.contains("more"), "{out}");
        let out = render_stories(&[s], 62);
        assert!(
            out.contains("… 61 more stories (--limit 62 lists them all)"),
            "{out}"
        );
    }

    #[test]
    fn search_counts_and_brackets_hits() {
        let r = SearchResults {
            total: 1,
            hits: vec![parallax_store::SearchHit {
                id: "a1".into(),
                outlet: "A".into(),
                title: "T".into(),
                published: None,
                url: None,
                score: 1.0,
                snippet: vec![
                    parallax_store::SnippetPart {
                        text: "the ".into(),
                        hit: false,
                    },
                    parallax_store::SnippetPart {
                        text: "vote".into(),
                        hit: true,
                    },
                ],
            }],
        };
        let out = render_search(&r);
        assert!(out.starts_with("1 matching article\n"), "{out}");
        assert!(out.contains("the [vote]"), "{out}");
    }
}
