//! The overview a reader takes in at a glance: who covered a story, leaning
//! which way, with which headline and when; and which stories only one side
//! covered (blindspots).
//!
//! The side of an outlet is an attribute of the user's outlet book (`lean` by
//! default; any other attribute works: `country`, `owner`…). parallax never
//! decides an outlet's lean itself. Colours are fixed per value, so "left" is
//! the same blue in the terminal legend, the HTML report and the web app.

use std::collections::BTreeMap;
use std::fmt::Write;

use parallax_compare::{ArticleRef, OutletRef};

use crate::html::esc;
use crate::story::count;

/// The attribute the coverage bar splits by unless the user chooses another.
pub const DEFAULT_ATTRIBUTE: &str = "lean";

/// The colour of an attribute value: the lean scale has fixed colours (blue
/// for left through grey for centre to red for right); other values take one
/// of eight colours by a hash of the value, the same in every view.
pub fn value_colour(value: &str) -> &'static str {
    let v = value.trim().to_lowercase().replace(['_', '-'], " ");
    match v.as_str() {
        "left" | "far left" => "#1f5fbf",
        "lean left" | "centre left" | "center left" | "left leaning" => "#79a6e6",
        "center" | "centre" | "neutral" | "mixed" => "#9b8fb8",
        "lean right" | "centre right" | "center right" | "right leaning" => "#e6917f",
        "right" | "far right" => "#c0392b",
        "" | "unknown" | "none" => UNKNOWN_COLOUR,
        _ => {
            const OTHERS: [&str; 8] = [
                "#2a9d8f", "#e9c46a", "#8e6c8a", "#f4a261", "#457b9d", "#6a994e", "#bc6c25",
                "#5e548e",
            ];
            let h = v
                .bytes()
                .fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619));
            OTHERS[h as usize % OTHERS.len()]
        }
    }
}

/// The colour of outlets the outlet book says nothing about.
pub const UNKNOWN_COLOUR: &str = "#d0d4dc";

/// Which side a value is on, for blindspots: every value naming "left" is the
/// left, every one naming "right" the right; any other value is its own side.
pub fn side(value: &str) -> String {
    let v = value.to_lowercase();
    match (v.contains("left"), v.contains("right")) {
        (true, false) => "left".into(),
        (false, true) => "right".into(),
        _ => value.trim().to_string(),
    }
}

/// A story's coverage by one attribute: outlets per value (outlets the book
/// says nothing about counted as "unknown"), in a fixed order (the lean scale
/// first, then other values by name, unknown last).
pub fn coverage(outlets: &[&str], refs: &[&OutletRef], attribute: &str) -> Vec<(String, usize)> {
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    for o in outlets {
        let v = refs
            .iter()
            .find(|r| r.name == *o)
            .and_then(|r| r.attributes.get(attribute))
            .cloned()
            .unwrap_or_else(|| "unknown".into());
        *by.entry(v).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = by.into_iter().collect();
    v.sort_by_key(|(k, _)| (order(k), k.clone()));
    v
}

fn order(v: &str) -> u8 {
    match v.to_lowercase().replace(['_', '-'], " ").as_str() {
        "far left" => 0,
        "left" => 1,
        "lean left" | "centre left" | "center left" => 2,
        "center" | "centre" => 3,
        "lean right" | "centre right" | "center right" => 4,
        "right" => 5,
        "far right" => 6,
        "unknown" => 9,
        _ => 7,
    }
}

/// The coverage bar as inline SVG: one segment per value, as wide as its share
/// of the story's outlets, with its value and count as the segment's title.
pub fn coverage_bar(cov: &[(String, usize)], attribute: &str) -> String {
    let total: usize = cov.iter().map(|(_, n)| n).sum();
    let mut o = format!(
        "<svg class=\"coverage\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"coverage by {}: {}\">",
        esc(attribute),
        esc(&legend(cov))
    );
    let mut x = 0.0;
    for (v, n) in cov {
        let w = *n as f64 * 100.0 / total.max(1) as f64;
        let _ = write!(
            o,
            "<rect x=\"{x:.2}\" width=\"{w:.2}\" height=\"8\" fill=\"{}\"><title>{}: {}</title></rect>",
            value_colour(v),
            esc(v),
            count(*n, "outlet", "outlets")
        );
        x += w;
    }
    o.push_str("</svg>");
    o
}

/// "left 1 · right 2".
pub fn legend(cov: &[(String, usize)]) -> String {
    cov.iter()
        .map(|(v, n)| format!("{v} {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The legend as HTML, each value with its colour swatch.
pub fn legend_html(cov: &[(String, usize)]) -> String {
    cov.iter()
        .map(|(v, n)| {
            format!(
                "<span class=\"key\"><svg class=\"swatch\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"{}\"/></svg> {} {n}</span>",
                value_colour(v),
                esc(v)
            )
        })
        .collect()
}

/// First and last publication dates of a story's articles.
pub fn date_range(articles: &[&ArticleRef]) -> Option<(String, String)> {
    let mut dates: Vec<&str> = articles
        .iter()
        .filter_map(|a| a.published.as_deref())
        .map(|d| d.get(..10).unwrap_or(d))
        .collect();
    dates.sort_unstable();
    Some((dates.first()?.to_string(), dates.last()?.to_string()))
}

/// "2024-04-25", or "2024-04-25 – 2024-05-02", or "undated".
pub fn dates_text(articles: &[&ArticleRef]) -> String {
    match date_range(articles) {
        Some((a, b)) if a != b => format!("{a} – {b}"),
        Some((a, _)) => a,
        None => "undated".into(),
    }
}

/// A story is a blindspot when every outlet that covered it and has a side is
/// on the same side, while the whole collection has outlets on another side:
/// the other side did not cover it. Gives that side.
pub fn blindspot(story_outlets: &[&str], refs: &[&OutletRef], attribute: &str) -> Option<String> {
    let side_of = |name: &str| {
        refs.iter()
            .find(|r| r.name == name)
            .and_then(|r| r.attributes.get(attribute))
            .map(|v| side(v))
    };
    let sides: std::collections::BTreeSet<String> =
        story_outlets.iter().filter_map(|o| side_of(o)).collect();
    let all: std::collections::BTreeSet<String> = refs
        .iter()
        .filter_map(|r| r.attributes.get(attribute))
        .map(|v| side(v))
        .collect();
    (sides.len() == 1 && all.len() > 1).then(|| sides.into_iter().next().unwrap_or_default())
}

/// One story in an index (the report's table of contents, the web app's
/// story list): where it leads, its outlets, size and dates.
pub struct IndexEntry<'a> {
    /// The story's title.
    pub title: &'a str,
    /// Where its link goes (`#story-3` in the report, `/stories/ID` on the web).
    pub href: String,
    /// The outlets that covered it.
    pub outlets: Vec<&'a str>,
    /// How many articles it has.
    pub articles: usize,
    /// Its dates ("2024-04-25 – 2024-05-02", or "undated").
    pub dates: String,
}

/// A story index as HTML: the blindspots (stories only one side covered), then
/// one row per story with its coverage bar (by `attribute`), size, outlets and
/// dates. The report's table of contents is this; the web app's story list
/// draws the two halves itself, the blindspots over the whole library.
pub fn index_html(
    o: &mut String,
    entries: &[IndexEntry<'_>],
    refs: &[&OutletRef],
    attribute: &str,
) {
    blindspots_html(o, entries, refs, attribute, usize::MAX);
    o.push_str("<h3>Every story</h3>");
    stories_table_html(o, entries, refs, attribute);
}

/// The blindspots among `entries` (in their order), at most `shown` of them,
/// then how many more there are.
pub fn blindspots_html(
    o: &mut String,
    entries: &[IndexEntry<'_>],
    refs: &[&OutletRef],
    attribute: &str,
    shown: usize,
) {
    let blind: Vec<(&IndexEntry<'_>, String)> = entries
        .iter()
        .filter_map(|e| blindspot(&e.outlets, refs, attribute).map(|side| (e, side)))
        .collect();
    let _ = write!(
        o,
        "<section class=\"blindspots\"><h3>Blindspots</h3><p class=\"muted\">Stories covered only by outlets on one side ({} in the outlet book).</p>",
        esc(attribute)
    );
    if blind.is_empty() {
        o.push_str("<p class=\"muted\">None: every story here was covered from more than one side, or the outlet book gives fewer than two sides.</p>");
    } else {
        o.push_str("<ul class=\"plain\">");
        for (e, side) in blind.iter().take(shown) {
            let _ = write!(
                o,
                "<li><svg class=\"swatch\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"{}\"/></svg> <a href=\"{}\">{}</a> <span class=\"muted\">only {} · {}</span></li>",
                value_colour(side),
                esc(&e.href),
                esc(e.title),
                esc(side),
                esc(&e.outlets.join(", "))
            );
        }
        o.push_str("</ul>");
        if blind.len() > shown {
            let more = blind.len() - shown;
            let _ = write!(
                o,
                "<p class=\"muted\">… and {more} more {}.</p>",
                if more == 1 { "blindspot" } else { "blindspots" }
            );
        }
    }
    o.push_str("</section>");
}

/// One row per story: its coverage bar (by `attribute`), size, outlets and
/// dates.
pub fn stories_table_html(
    o: &mut String,
    entries: &[IndexEntry<'_>],
    refs: &[&OutletRef],
    attribute: &str,
) {
    o.push_str("<nav class=\"toc\" aria-label=\"stories\"><table class=\"stories\"><thead><tr><th>Story</th><th>Coverage by ");
    o.push_str(&esc(attribute));
    o.push_str("</th><th>Articles</th><th>Outlets</th><th>Dates</th></tr></thead><tbody>");
    for e in entries {
        let cov = coverage(&e.outlets, refs, attribute);
        let _ = write!(
            o,
            "<tr><td><a class=\"story-link\" href=\"{}\">{}</a></td><td class=\"cov\">{}</td><td>{}</td><td>{}</td><td class=\"muted\">{}</td></tr>",
            esc(&e.href),
            esc(e.title),
            coverage_bar(&cov, attribute),
            e.articles,
            esc(&e.outlets.join(", ")),
            esc(&e.dates)
        );
    }
    o.push_str("</tbody></table></nav>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlet(name: &str, lean: Option<&str>) -> OutletRef {
        OutletRef {
            name: name.into(),
            domain: None,
            attributes: lean
                .map(|l| [("lean".to_string(), l.to_string())].into())
                .unwrap_or_default(),
            articles: 1,
        }
    }

    #[test]
    fn colours_are_fixed_per_value() {
        assert_eq!(value_colour("left"), value_colour("Left"));
        assert_eq!(value_colour("lean-left"), value_colour("lean left"));
        assert_ne!(value_colour("left"), value_colour("right"));
        assert_eq!(value_colour("GB"), value_colour("GB"));
        assert_eq!(value_colour(""), UNKNOWN_COLOUR);
    }

    #[test]
    fn coverage_orders_the_lean_scale_and_counts_unknowns() {
        let refs = [
            outlet("A", Some("right")),
            outlet("B", Some("left")),
            outlet("C", Some("lean left")),
            outlet("D", None),
        ];
        let r: Vec<&OutletRef> = refs.iter().collect();
        let cov = coverage(&["A", "B", "C", "D"], &r, "lean");
        let names: Vec<&str> = cov.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(names, ["left", "lean left", "right", "unknown"]);
        assert_eq!(legend(&cov), "left 1 · lean left 1 · right 1 · unknown 1");
        let bar = coverage_bar(&cov, "lean");
        assert_eq!(bar.matches("<rect").count(), 4);
        assert!(bar.contains("width=\"25.00\""), "{bar}");
    }

    #[test]
    fn blindspots_need_the_other_side_in_the_collection() {
        let refs = [
            outlet("Fox", Some("right")),
            outlet("NYT", Some("lean left")),
            outlet("HuffPost", Some("left")),
        ];
        let r: Vec<&OutletRef> = refs.iter().collect();
        assert_eq!(
            blindspot(&["NYT", "HuffPost"], &r, "lean").as_deref(),
            Some("left")
        );
        assert_eq!(blindspot(&["Fox"], &r, "lean").as_deref(), Some("right"));
        assert_eq!(blindspot(&["Fox", "NYT"], &r, "lean"), None);
        let one_side = [outlet("X", Some("left"))];
        let r1: Vec<&OutletRef> = one_side.iter().collect();
        assert_eq!(blindspot(&["X"], &r1, "lean"), None);
    }
}
