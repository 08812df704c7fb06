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

/// One story a line pair: id, size, outlets and dates, then the title and
/// its coverage strip by lean (letters: `L` left, `l` lean left, `c` centre,
/// `r` lean right, `R` right, `·` unknown); then the blindspots among `all`
/// (every story of the library: one side's stories sort last, past the list),
/// at most [`BLINDSPOTS_SHOWN`]. `total`: how many stories the library holds;
/// when more than listed, a line says how many more and how to see them.
pub fn render_stories(
    list: &[StorySummary],
    total: usize,
    refs: &[parallax_compare::OutletRef],
    all: &[StorySummary],
) -> String {
    use crate::overview::{DEFAULT_ATTRIBUTE, blindspot};
    if list.is_empty() {
        return "no stories yet: import articles with `parallax import`\n".to_string();
    }
    let refs: Vec<&parallax_compare::OutletRef> = refs.iter().collect();
    let style = crate::text::Style { color: false };
    let mut o = String::new();
    let blind: Vec<(&StorySummary, String)> = all
        .iter()
        .filter_map(|s| {
            let outlets: Vec<&str> = s.outlets.iter().map(String::as_str).collect();
            blindspot(&outlets, &refs, DEFAULT_ATTRIBUTE).map(|side| (s, side))
        })
        .collect();
    for s in list {
        let outlets: Vec<&str> = s.outlets.iter().map(String::as_str).collect();
        let dates = match (&s.first_published, &s.last_published) {
            (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
            (Some(a), _) => a.clone(),
            _ => "undated".into(),
        };
        let _ = writeln!(
            o,
            "{}  {} · {} · {}\n    {}\n    {}",
            s.id,
            count(s.articles, "article", "articles"),
            s.outlets.join(", "),
            dates,
            s.title,
            crate::text::coverage_strip(&outlets, &refs, DEFAULT_ATTRIBUTE, style)
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
    if !blind.is_empty() {
        let _ = writeln!(
            o,
            "\nblindspots: stories covered only by one side ({DEFAULT_ATTRIBUTE} in the outlet book)"
        );
        for (s, side) in blind.iter().take(BLINDSPOTS_SHOWN) {
            let _ = writeln!(o, "{}  only {side}: {}", s.id, s.title);
        }
        if blind.len() > BLINDSPOTS_SHOWN {
            let more = blind.len() - BLINDSPOTS_SHOWN;
            let _ = writeln!(o, "… {}", count(more, "more blindspot", "more blindspots"));
        }
    }
    o
}

/// Blindspots `parallax stories` lists, at most.
pub const BLINDSPOTS_SHOWN: usize = 30;

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

/// One search hit as a row of the CSV and JSON Lines downloads: the snippet as
/// plain text (matched words not marked).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchRow {
    /// The article's id.
    pub id: String,
    /// Its outlet.
    pub outlet: String,
    /// Its publication date, when known.
    pub published: String,
    /// Its headline.
    pub title: String,
    /// Its URL, when known.
    pub url: String,
    /// The engine's relevance score.
    pub score: f64,
    /// The matching passage.
    pub snippet: String,
}

/// Search hits as download rows, in rank order.
pub fn search_rows(hits: &[parallax_store::SearchHit]) -> Vec<SearchRow> {
    hits.iter()
        .map(|h| SearchRow {
            id: h.id.clone(),
            outlet: h.outlet.clone(),
            published: h.published.clone().unwrap_or_default(),
            title: h.title.clone(),
            url: h.url.clone().unwrap_or_default(),
            score: (h.score * 1000.0).round() / 1000.0,
            snippet: h.snippet.iter().map(|p| p.text.as_str()).collect(),
        })
        .collect()
}

/// Search hits as CSV (a header line, then one row per hit).
pub fn search_csv(rows: &[SearchRow]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.outlet.clone(),
                r.published.clone(),
                r.title.clone(),
                r.url.clone(),
                format!("{:.3}", r.score),
                r.snippet.clone(),
            ]
        })
        .collect();
    crate::export::table_csv(
        &[
            "id",
            "outlet",
            "published",
            "title",
            "url",
            "score",
            "snippet",
        ],
        &cells,
    )
}

/// Every hit of a search, page by page, up to `max`: what a download carries.
pub fn all_hits(
    lib: &dyn parallax_store::Library,
    q: &parallax_store::SearchQuery,
    max: usize,
) -> parallax_store::Result<Vec<parallax_store::SearchHit>> {
    let mut page = q.clone();
    page.limit = 200;
    page.offset = 0;
    let mut out = Vec::new();
    loop {
        let r = lib.search(&page)?;
        let n = r.hits.len();
        out.extend(r.hits);
        page.offset += n;
        if n == 0 || page.offset >= r.total || out.len() >= max {
            break;
        }
    }
    out.truncate(max);
    Ok(out)
}

/// The facets of a search as terminal text: matches per outlet and per month.
pub fn render_facets(f: &parallax_store::Facets) -> String {
    let mut o = String::new();
    if f.counted < f.total {
        let _ = writeln!(
            o,
            "facets of the first {} of {} matches",
            f.counted, f.total
        );
    }
    let outlets: Vec<String> = f.outlets.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let months: Vec<String> = f.months.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(o, "by outlet: {}", wrap(&outlets.join(" · "), 98, 11, 2));
    let _ = writeln!(o, "by month: {}", wrap(&months.join(" · "), 98, 10, 2));
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
        assert!(render_stories(&[], 0, &[], &[]).contains("no stories yet"));
        let s = StorySummary {
            id: "st1".into(),
            title: "A vote".into(),
            articles: 1,
            outlets: vec!["A".into()],
            first_published: Some("2024-01-02".into()),
            last_published: None,
        };
        let refs: Vec<parallax_compare::OutletRef> = serde_json::from_value(serde_json::json!([
            {"name": "A", "attributes": {"lean": "left"}, "articles": 1},
            {"name": "B", "attributes": {"lean": "right"}, "articles": 1}
        ]))
        .unwrap();
        let out = render_stories(std::slice::from_ref(&s), 1, &refs, std::slice::from_ref(&s));
        assert!(out.contains("1 article · A · 2024-01-02"), "{out}");
        assert!(!out.contains("more"), "{out}");
        assert!(out.contains("[LLLLLLLLLLLLLLLLLLLL] lean: left 1"), "{out}");
        assert!(out.contains("st1  only left: A vote"), "{out}");
        let out = render_stories(std::slice::from_ref(&s), 62, &refs, &[]);
        assert!(
            out.contains("… 61 more stories (--limit 62 lists them all)"),
            "{out}"
        );
        // the blindspots come from every story, past the listed ones, at most
        // BLINDSPOTS_SHOWN of them
        let both = StorySummary {
            id: "st2".into(),
            outlets: vec!["A".into(), "B".into()],
            ..s.clone()
        };
        let mut all: Vec<StorySummary> = vec![both.clone()];
        for k in 0..BLINDSPOTS_SHOWN + 2 {
            all.push(StorySummary {
                id: format!("one{k}"),
                ..s.clone()
            });
        }
        let out = render_stories(&[both], all.len(), &refs, &all);
        assert!(out.contains("one0  only left: A vote"), "{out}");
        assert!(!out.contains("one31  only"), "{out}");
        assert!(out.contains("… 2 more blindspots"), "{out}");
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
