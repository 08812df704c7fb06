//! Charts as inline SVG, drawn on the server (or into the report file): no
//! script, no inline style (presentation attributes only), so they render under
//! the web app's Content-Security-Policy and in the self-contained report alike.
//!
//! - [`coverage_over_time`]: a story's articles per day (week, month or year,
//!   whichever keeps the bars readable), each bar split by the outlet-book
//!   attribute's values in the colours of [`crate::overview::value_colour`].
//! - [`timeline_rows`]: one row per outlet of counts over time (an actor's
//!   mentions, with the labels the outlet gave it marked), all rows on one scale.
//!
//! Dates are the articles' `YYYY-MM-DD` prefixes; undated articles are counted
//! beside the chart, never placed on it.

use std::collections::BTreeMap;
use std::fmt::Write;

use parallax_compare::{ArticleRef, OutletRef};

use crate::html::esc;
use crate::overview::{UNKNOWN_COLOUR, coverage, value_colour};
use crate::story::count;

/// Days since 1970-01-01 of a `YYYY-MM-DD` prefix (Howard Hinnant's
/// days-from-civil), or none when the text is no date.
pub fn day_number(date: &str) -> Option<i64> {
    let d = date.get(..10)?;
    let b = d.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = d[..4].parse().ok()?;
    let m: i64 = d[5..7].parse().ok()?;
    let day: i64 = d[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

/// `YYYY-MM-DD` of a day number (the inverse of [`day_number`]).
pub fn date_of(z: i64) -> String {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// How dates are grouped into bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// One bar a day.
    Day,
    /// One bar a week (from the first day).
    Week,
    /// One bar a calendar month.
    Month,
    /// One bar a calendar year.
    Year,
}

impl Step {
    /// The step that keeps a span of `days` under about 60 bars.
    pub fn for_span(days: i64) -> Step {
        match days {
            ..=45 => Step::Day,
            46..=366 => Step::Week,
            367..=3700 => Step::Month,
            _ => Step::Year,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Step::Day => "day",
            Step::Week => "week",
            Step::Month => "month",
            Step::Year => "year",
        }
    }
}

/// The bins of a set of dates: the step, and each date's bin index with the
/// label of every bin.
struct Bins {
    step: Step,
    labels: Vec<String>,
    first: i64,
}

impl Bins {
    fn new<'a>(dates: impl Iterator<Item = &'a str>) -> Option<Bins> {
        let days: Vec<i64> = dates.filter_map(day_number).collect();
        let (lo, hi) = (*days.iter().min()?, *days.iter().max()?);
        let step = Step::for_span(hi - lo);
        let mut b = Bins {
            step,
            labels: Vec::new(),
            first: lo,
        };
        let n = b.index(hi) + 1;
        b.labels = (0..n).map(|i| b.label(i)).collect();
        Some(b)
    }

    fn month(day: i64) -> i64 {
        let d = date_of(day);
        d[..4].parse::<i64>().unwrap_or(0) * 12 + d[5..7].parse::<i64>().unwrap_or(1) - 1
    }

    fn index(&self, day: i64) -> usize {
        let i = match self.step {
            Step::Day => day - self.first,
            Step::Week => (day - self.first) / 7,
            Step::Month => Self::month(day) - Self::month(self.first),
            Step::Year => Self::month(day) / 12 - Self::month(self.first) / 12,
        };
        i.max(0) as usize
    }

    fn label(&self, i: usize) -> String {
        match self.step {
            Step::Day => date_of(self.first + i as i64),
            Step::Week => format!("week of {}", date_of(self.first + 7 * i as i64)),
            Step::Month => {
                let m = Self::month(self.first) + i as i64;
                format!("{:04}-{:02}", m / 12, m % 12 + 1)
            }
            Step::Year => format!("{}", Self::month(self.first) / 12 + i as i64),
        }
    }

    fn of(&self, date: &str) -> Option<usize> {
        Some(self.index(day_number(date)?))
    }
}

const W: f64 = 720.0;
const PLOT_LEFT: f64 = 36.0;
const PLOT_RIGHT: f64 = 712.0;

/// A story's coverage over time: its articles per day (or week, month, year),
/// each bar split by the attribute's values. None when no article is dated.
pub fn coverage_over_time(
    articles: &[&ArticleRef],
    refs: &[&OutletRef],
    attribute: &str,
) -> Option<String> {
    let bins = Bins::new(articles.iter().filter_map(|a| a.published.as_deref()))?;
    let n = bins.labels.len();
    // per bin: value -> articles, in the coverage order of the values
    let mut per: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); n];
    let mut undated = 0;
    for a in articles {
        match a.published.as_deref().and_then(|d| bins.of(d)) {
            Some(i) if i < n => {
                let cov = coverage(&[a.outlet.as_str()], refs, attribute);
                for (v, k) in cov {
                    *per[i].entry(v).or_default() += k;
                }
            }
            _ => undated += 1,
        }
    }
    let outlets: Vec<&str> = articles.iter().map(|a| a.outlet.as_str()).collect();
    let order: Vec<String> = coverage(&outlets, refs, attribute)
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    let max = per
        .iter()
        .map(|m| m.values().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let h = 120.0;
    let (top, bottom) = (10.0, 96.0);
    let slot = (PLOT_RIGHT - PLOT_LEFT) / n as f64;
    let bw = (slot * 0.8).clamp(1.0, 60.0);
    let mut o = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"articles per {} by {}\">",
        bins.step.word(),
        esc(attribute)
    );
    axes(&mut o, max, top, bottom);
    for (i, m) in per.iter().enumerate() {
        let x = PLOT_LEFT + slot * i as f64 + (slot - bw) / 2.0;
        let mut y = bottom;
        for v in &order {
            let Some(&k) = m.get(v) else { continue };
            let bh = k as f64 * (bottom - top) / max as f64;
            y -= bh;
            let _ = write!(
                o,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{bh:.1}\" fill=\"{}\"><title>{}: {}, {}</title></rect>",
                value_colour(v),
                esc(&bins.labels[i]),
                count(k, "article", "articles"),
                esc(v)
            );
        }
    }
    x_labels(&mut o, &bins.labels, bottom);
    o.push_str("</svg>");
    if undated > 0 {
        let _ = write!(
            o,
            "<p class=\"muted chart-note\">{} without a date not shown.</p>",
            count(undated, "article", "articles")
        );
    }
    Some(o)
}

fn axes(o: &mut String, max: usize, top: f64, bottom: f64) {
    let _ = write!(
        o,
        "<line x1=\"{PLOT_LEFT}\" y1=\"{bottom}\" x2=\"{PLOT_RIGHT}\" y2=\"{bottom}\" stroke=\"#8a93a5\" stroke-width=\"1\"/>\
<line x1=\"{PLOT_LEFT}\" y1=\"{top}\" x2=\"{PLOT_RIGHT}\" y2=\"{top}\" stroke=\"#e3e6ee\" stroke-width=\"1\"/>\
<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6475\">{max}</text>\
<text x=\"{}\" y=\"{bottom}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6475\">0</text>",
        PLOT_LEFT - 4.0,
        top + 4.0,
        PLOT_LEFT - 4.0,
    );
}

fn x_labels(o: &mut String, labels: &[String], bottom: f64) {
    let y = bottom + 16.0;
    let first = labels.first().map(String::as_str).unwrap_or("");
    let _ = write!(
        o,
        "<text x=\"{PLOT_LEFT}\" y=\"{y}\" font-size=\"11\" fill=\"#5b6475\">{}</text>",
        esc(first)
    );
    if labels.len() > 1 {
        let _ = write!(
            o,
            "<text x=\"{PLOT_RIGHT}\" y=\"{y}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6475\">{}</text>",
            esc(labels.last().map(String::as_str).unwrap_or(""))
        );
    }
}

/// One dated observation of a row of [`timeline_rows`]: a date, a count, and
/// the labels given that day (shown as a mark above the bar, listed in its title).
#[derive(Debug, Clone)]
pub struct Point {
    /// `YYYY-MM-DD…`, or none (undated: counted beside the chart).
    pub date: Option<String>,
    /// The count drawn as the bar (an actor's mentions).
    pub n: usize,
    /// Labels given with it.
    pub labels: Vec<String>,
}

/// One row per series (an outlet), counts over time on one common scale and one
/// common time axis; a dot above a bar marks labels, listed in its title.
/// `colour` gives each row's colour. None when nothing is dated.
pub fn timeline_rows(
    rows: &[(String, Vec<Point>)],
    colour: &dyn Fn(&str) -> &'static str,
    what: (&str, &str),
) -> Option<String> {
    let bins = Bins::new(
        rows.iter()
            .flat_map(|(_, p)| p.iter().filter_map(|x| x.date.as_deref())),
    )?;
    let n = bins.labels.len();
    let mut grid: Vec<(Vec<usize>, Vec<Vec<String>>, usize)> = Vec::new();
    for (_, points) in rows {
        let mut counts = vec![0usize; n];
        let mut labels: Vec<Vec<String>> = vec![Vec::new(); n];
        let mut undated = 0;
        for p in points {
            match p.date.as_deref().and_then(|d| bins.of(d)) {
                Some(i) if i < n => {
                    counts[i] += p.n;
                    for l in &p.labels {
                        if !labels[i].contains(l) {
                            labels[i].push(l.clone());
                        }
                    }
                }
                _ => undated += p.n,
            }
        }
        grid.push((counts, labels, undated));
    }
    let max = grid
        .iter()
        .flat_map(|g| g.0.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1);
    let row_h = 46.0;
    let label_w = 150.0;
    let h = row_h * rows.len() as f64 + 22.0;
    let left = label_w;
    let slot = (PLOT_RIGHT - left) / n as f64;
    let bw = (slot * 0.8).clamp(1.0, 40.0);
    let mut o = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"{} per {} and outlet\">",
        esc(what.1),
        bins.step.word()
    );
    for (r, ((name, _), (counts, labels, undated))) in rows.iter().zip(&grid).enumerate() {
        let top = r as f64 * row_h + 10.0;
        let bottom = top + row_h - 14.0;
        let short: String = name.chars().take(22).collect();
        let _ = write!(
            o,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"12\" fill=\"#1d2330\">{}<title>{}{}</title></text>\
<line x1=\"{left}\" y1=\"{bottom:.1}\" x2=\"{PLOT_RIGHT}\" y2=\"{bottom:.1}\" stroke=\"#8a93a5\" stroke-width=\"1\"/>",
            bottom - 4.0,
            esc(&short),
            esc(name),
            if *undated > 0 {
                format!(" ({} undated)", count(*undated, what.0, what.1))
            } else {
                String::new()
            }
        );
        let fill = colour(name);
        for i in 0..n {
            let x = left + slot * i as f64 + (slot - bw) / 2.0;
            if counts[i] > 0 {
                let bh = (counts[i] as f64 * (bottom - top - 8.0) / max as f64).max(1.5);
                let _ = write!(
                    o,
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{bh:.1}\" fill=\"{fill}\"><title>{} · {}: {}</title></rect>",
                    bottom - bh,
                    esc(name),
                    esc(&bins.labels[i]),
                    count(counts[i], what.0, what.1)
                );
            }
            if !labels[i].is_empty() {
                let _ = write!(
                    o,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#f5b400\" stroke=\"#8a6500\" stroke-width=\"0.5\"><title>{} · {}: labelled {}</title></circle>",
                    x + bw / 2.0,
                    top + 2.0,
                    esc(name),
                    esc(&bins.labels[i]),
                    esc(&labels[i]
                        .iter()
                        .map(|l| format!("“{l}”"))
                        .collect::<Vec<_>>()
                        .join(", "))
                );
            }
        }
    }
    let bottom = row_h * rows.len() as f64 + 6.0;
    let y = bottom + 12.0;
    let _ = write!(
        o,
        "<text x=\"{left}\" y=\"{y}\" font-size=\"11\" fill=\"#5b6475\">{}</text><text x=\"{PLOT_RIGHT}\" y=\"{y}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6475\">{} · tallest bar {}</text>",
        esc(&bins.labels[0]),
        esc(bins.labels.last().map(String::as_str).unwrap_or("")),
        count(max, what.0, what.1)
    );
    o.push_str("</svg>");
    Some(o)
}

/// Horizontal bars, one per row, all on one scale (the largest is the full
/// width), each with its name and number: a quote share or any count per outlet.
pub fn bars(rows: &[(String, usize, &'static str)], what: (&str, &str)) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let row_h = 22.0;
    let h = row_h * rows.len() as f64 + 4.0;
    let left = 190.0;
    let right = 660.0;
    let mut o = format!(
        "<svg class=\"chart bars-chart\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"{} per outlet\">",
        esc(what.1)
    );
    for (i, (name, n, fill)) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 4.0;
        let w = *n as f64 * (right - left) / max as f64;
        let short: String = name.chars().take(26).collect();
        let _ = write!(
            o,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"12\" fill=\"#1d2330\">{}<title>{}</title></text>\
<rect x=\"{left}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"14\" fill=\"#eef1f7\"/>\
<rect x=\"{left}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"14\" fill=\"{fill}\"><title>{}: {}</title></rect>\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1d2330\">{n}</text>",
            y + 12.0,
            esc(&short),
            esc(name),
            right - left,
            esc(name),
            count(*n, what.0, what.1),
            right + 8.0,
            y + 12.0
        );
    }
    o.push_str("</svg>");
    o
}

/// The colour of an outlet in per-outlet charts: its attribute value's colour,
/// or a neutral blue when the outlet book says nothing.
pub fn outlet_colour(refs: &[OutletRef], attribute: &str, outlet: &str) -> &'static str {
    refs.iter()
        .find(|r| r.name == outlet)
        .and_then(|r| r.attributes.get(attribute))
        .map(|v| value_colour(v))
        .filter(|c| *c != UNKNOWN_COLOUR)
        .unwrap_or("#2350a0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for d in ["1970-01-01", "2000-02-29", "2024-12-31", "2019-03-01"] {
            assert_eq!(date_of(day_number(d).unwrap()), d);
        }
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(day_number("25 April 2024"), None);
        assert_eq!(day_number("2024-13-01"), None);
    }

    fn art(id: &str, outlet: &str, date: Option<&str>) -> ArticleRef {
        serde_json::from_value(serde_json::json!({
            "id": id, "outlet": outlet, "title": id, "source": id, "words": 0,
            "published": date,
        }))
        .unwrap()
    }

    #[test]
    fn coverage_over_time_stacks_by_value_and_counts_undated() {
        let refs: Vec<OutletRef> = serde_json::from_value(serde_json::json!([
            {"name": "A", "attributes": {"lean": "left"}, "articles": 2},
            {"name": "B", "attributes": {"lean": "right"}, "articles": 1}
        ]))
        .unwrap();
        let r: Vec<&OutletRef> = refs.iter().collect();
        let arts = [
            art("1", "A", Some("2024-04-25")),
            art("2", "B", Some("2024-04-25")),
            art("3", "A", Some("2024-04-27")),
            art("4", "A", None),
        ];
        let a: Vec<&ArticleRef> = arts.iter().collect();
        let svg = coverage_over_time(&a, &r, "lean").unwrap();
        // three days, two bars: the first stacked of two values
        assert_eq!(svg.matches("<rect").count(), 3, "{svg}");
        assert!(svg.contains(value_colour("left")) && svg.contains(value_colour("right")));
        assert!(svg.contains("2024-04-25") && svg.contains("2024-04-27"));
        assert!(svg.contains("1 article without a date"), "{svg}");
        assert!(coverage_over_time(&a[3..], &r, "lean").is_none());
    }

    #[test]
    fn steps_keep_bars_readable() {
        assert_eq!(Step::for_span(0), Step::Day);
        assert_eq!(Step::for_span(200), Step::Week);
        assert_eq!(Step::for_span(3000), Step::Month);
        let b = Bins::new(["2008-01-15", "2019-06-01"].into_iter()).unwrap();
        assert_eq!(b.step, Step::Year);
        assert_eq!(b.labels.first().unwrap(), "2008");
        assert_eq!(b.labels.last().unwrap(), "2019");
        assert_eq!(b.of("2010-12-31"), Some(2));
    }

    #[test]
    fn timeline_rows_share_one_scale() {
        let p = |d: &str, n, l: &[&str]| Point {
            date: Some(d.into()),
            n,
            labels: l.iter().map(|s| s.to_string()).collect(),
        };
        let rows = vec![
            ("Left outlet".to_string(), vec![p("2024-01-01", 4, &[])]),
            (
                "Right outlet".to_string(),
                vec![p("2024-01-02", 2, &["dictator"])],
            ),
        ];
        let svg = timeline_rows(&rows, &|_| "#123456", ("mention", "mentions")).unwrap();
        assert!(
            svg.contains("4 mentions") && svg.contains("2 mentions"),
            "{svg}"
        );
        assert!(svg.contains("labelled “dictator”"), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 1);
    }

    #[test]
    fn bars_share_one_scale() {
        let svg = bars(
            &[("A".into(), 4, "#111111"), ("B".into(), 2, "#222222")],
            ("quote", "quotes"),
        );
        assert!(
            svg.contains("width=\"470.0\" height=\"14\" fill=\"#111111\""),
            "{svg}"
        );
        assert!(
            svg.contains("width=\"235.0\" height=\"14\" fill=\"#222222\""),
            "{svg}"
        );
    }
}
