//! One story, drawn once: the sections every HTML view of a story shows.
//!
//! The self-contained report (`parallax compare --format html`) and the web
//! app's story page (`parallax serve`) both call [`story_sections`] (or the
//! section functions one by one), so a story looks the same, and is fixed in
//! one place, wherever it is read. What differs between them is only where
//! links go ([`Links`]): anchors inside the one file, or the server's article
//! and actor pages.
//!
//! Sections, in reading order: actors and their labels per outlet, quote share
//! (one scale for every outlet), framing (scare quotes, loaded words), the
//! statements (reported by all outlets, by some, only in one, conflicts), and
//! the articles side by side with each sentence marked.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use parallax_compare::{ActorRow, ArticleRef, OutletRef, Story, TermCount};
use parallax_core::{AnalyzedArticle, QuoteKind, Span, Voice};

use crate::html::{esc, safe_href};

/// The style of the story sections, shared by the report (inlined) and the web
/// app (served after its own stylesheet).
pub const STORY_CSS: &str = r#"
.muted{color:var(--muted)}.tag{display:inline-block;padding:1px 8px;border-radius:10px;background:#eef1f7;margin-right:6px;font-size:13px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top;text-align:left}th{font-size:13px;color:var(--muted)}
td.actor{white-space:nowrap;font-weight:600}.label{display:inline-block;margin:2px 4px 2px 0;padding:0 6px;border-radius:4px;background:#fff4d6;border:1px solid #f0dca0}
.label.quoted{background:#eef6ff;border-color:#bcd6f5}.variants{font-size:13px;color:var(--muted)}
.bars .row{display:grid;grid-template-columns:200px 1fr 3em;align-items:center;gap:8px;margin:2px 0}.bars .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{display:block;width:100%;height:14px}svg.coverage{display:block;width:100%;max-width:640px;height:16px;border-radius:3px}.coverage-row .legend{margin:4px 0;font-size:13px}.key{margin-right:10px}.counts{color:var(--muted);margin:4px 0 10px}table.headlines td{vertical-align:middle}.bars .n{text-align:right}.cues{font-size:12px;margin:0 0 4px 208px}.outlet{font-weight:600}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:18px}
.article{border:1px solid var(--line);border-radius:6px;padding:10px 14px;background:#fff}.article p{margin:0 0 10px}
.s.aligned{background:#e3f4e6;border-bottom:2px solid #6bbf7a}.s.unique{background:#fdeaea;border-bottom:2px solid #e08a8a}.s.undecided{background:#f3f0e0}\ntable.facts td{width:auto}table.facts td.conf{white-space:nowrap;color:var(--muted);font-size:13px}a.stmt{color:inherit;text-decoration:none;border-bottom:1px dotted #9aa}a.stmt:hover{border-bottom-color:#333}
.s:target{outline:3px solid #f5b400}.scare{color:#a23b00;font-weight:600}
ul.statements li{margin:6px 0}.pair{border-left:3px solid #6bbf7a;padding-left:10px;margin:10px 0}
details{margin:6px 0}summary{cursor:pointer;color:var(--muted)}.legend span{margin-right:14px}
.flag{display:inline-block;margin-left:6px;padding:0 6px;border-radius:4px;background:#fdeaea;border:1px solid #e8b4b4;font-size:12px;font-weight:400;color:#7a2323}
ul.plain{list-style:none;padding:0}ul.only-named{margin:8px 0}ul.only-named li{margin:4px 0}svg.chart{display:block;width:100%;max-width:760px;height:auto}
nav.toc td.cov{width:200px}nav.toc td:last-child{white-space:nowrap}section.blindspots{margin:0 0 12px}nav.toc svg.coverage{width:200px}.downloads{font-size:13px;margin:6px 0}
.overview table.headlines{margin-top:6px}.overview .counts{margin:2px 0 4px}
"#;

/// Where a story view's links go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// One self-contained file: sentences link to their place in the
    /// side-by-side texts, actors are not links.
    Report,
    /// The web app: sentences link to `/articles/ID#sN`, actors to their page,
    /// cut lists to the story's JSON.
    Web,
}

/// A story and what its view needs beside it.
pub struct StoryView<'a> {
    /// The story.
    pub story: &'a Story,
    /// The story's articles (outlet, headline, date) for the overview.
    pub articles: Vec<&'a ArticleRef>,
    /// The outlets with their outlet-book attributes, for the coverage bar.
    pub outlet_refs: Vec<&'a OutletRef>,
    /// The attribute the coverage bar splits by (`lean` unless chosen).
    pub attribute: String,
    /// The texts of the story's articles for the side-by-side view (may be
    /// empty: the section is then left out).
    pub texts: Vec<&'a AnalyzedArticle>,
    /// Where links go: anchors in the report, or the web app's pages.
    pub links: Links,
    /// The outlets the tables show: all of them, or (in a story of many
    /// outlets) those with most articles, in name order.
    pub shown: Vec<String>,
    /// How many rows a long list shows before the rest is cut (with a note).
    pub max_rows: usize,
}

/// Rows of a long list shown by default.
pub const MAX_ROWS: usize = 40;
/// Outlets shown side by side in a story's tables.
pub const MAX_OUTLETS: usize = 8;

impl<'a> StoryView<'a> {
    /// A view of `story` (its `articles` and the `outlet_refs` of the
    /// collection) showing the [`MAX_OUTLETS`] outlets with most articles.
    pub fn new(
        story: &'a Story,
        articles: Vec<&'a ArticleRef>,
        outlet_refs: Vec<&'a OutletRef>,
        texts: Vec<&'a AnalyzedArticle>,
        links: Links,
    ) -> Self {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for a in &articles {
            *counts.entry(a.outlet.as_str()).or_default() += 1;
        }
        let mut by_articles: Vec<(usize, &String)> = story
            .outlets
            .iter()
            .map(|o| (counts.get(o.as_str()).copied().unwrap_or(0), o))
            .collect();
        by_articles.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let mut shown: Vec<String> = by_articles
            .iter()
            .take(MAX_OUTLETS)
            .map(|(_, o)| (*o).clone())
            .collect();
        shown.sort();
        StoryView {
            story,
            articles,
            outlet_refs,
            attribute: crate::overview::DEFAULT_ATTRIBUTE.to_string(),
            texts,
            links,
            shown,
            max_rows: MAX_ROWS,
        }
    }

    /// Where an article's headline leads: its page on the web; in the report,
    /// its text below when the story shows it, else its own URL.
    fn article_href(&self, a: &ArticleRef) -> Option<String> {
        match self.links {
            Links::Web => Some(format!("/articles/{}", path_segment(&a.id))),
            Links::Report if self.texts.iter().any(|t| t.article.id == a.id) => {
                Some(format!("#{}", anchor(&a.id, 0)))
            }
            Links::Report => a.url.as_deref().and_then(safe_href),
        }
    }

    fn sentence_href(&self, article: &str, sentence: usize) -> String {
        match self.links {
            Links::Report => format!("#{}", anchor(article, sentence)),
            Links::Web => format!("/articles/{}#s{sentence}", path_segment(article)),
        }
    }

    fn actor_name(&self, identity: Option<&str>, name: &str) -> String {
        match (self.links, identity) {
            (Links::Web, Some(id)) => {
                format!("<a href=\"/actors/{}\">{}</a>", path_segment(id), esc(name))
            }
            _ => esc(name),
        }
    }

    /// "N more …" after a cut list: where the rest is.
    fn more(&self, n: usize, what: &str) -> String {
        match self.links {
            Links::Web => format!(
                "<p class=\"muted\">{n} more {what} in <a href=\"/api/stories/{}\">the story's JSON</a>.</p>",
                path_segment(&self.story.id)
            ),
            Links::Report => {
                format!("<p class=\"muted\">{n} more {what} in the JSON output.</p>")
            }
        }
    }
}

/// Every section of the story, in reading order: the overview first.
pub fn story_sections(o: &mut String, v: &StoryView<'_>) {
    overview_section(o, v);
    if v.story.outlets.len() > v.shown.len() {
        let _ = write!(
            o,
            "<p class=\"muted\">{} outlets: the tables show the {} with most articles.</p>",
            v.story.outlets.len(),
            v.shown.len()
        );
    }
    actors_section(o, v);
    quote_share_section(o, v);
    framing_section(o, v);
    let marks = statements_section(o, v);
    side_by_side_section(o, v, &marks);
}

/// The story at a glance: who covered it (a coverage bar by the outlet-book
/// attribute, lean by default), counts and dates, and each outlet's headline
/// and date side by side.
pub fn overview_section(o: &mut String, v: &StoryView<'_>) {
    use crate::overview::{coverage, coverage_bar, dates_text, legend_html, value_colour};
    let outlets: Vec<&str> = v.story.outlets.iter().map(String::as_str).collect();
    let cov = coverage(&outlets, &v.outlet_refs, &v.attribute);
    let quotes: usize = v.story.quote_share.iter().map(|q| q.total).sum();
    let _ = write!(
        o,
        "<section class=\"overview\"><div class=\"coverage-row\">{}<p class=\"legend\">coverage by {}: {}</p></div><p class=\"counts\">{} · {} · {} · {}</p>",
        coverage_bar(&cov, &v.attribute),
        esc(&v.attribute),
        legend_html(&cov),
        count(v.story.articles.len(), "article", "articles"),
        count(outlets.len(), "outlet", "outlets"),
        count(quotes, "quote", "quotes"),
        esc(&dates_text(&v.articles))
    );
    o.push_str("<table class=\"headlines\"><thead><tr><th>Outlet</th><th>Headline</th><th>Date</th></tr></thead><tbody>");
    let mut rows: Vec<&ArticleRef> = v.articles.to_vec();
    rows.sort_by(|a, b| a.outlet.cmp(&b.outlet).then(a.published.cmp(&b.published)));
    // each outlet's first headline in view; its other articles folded below
    type Rows<'r> = Vec<(usize, &'r ArticleRef)>;
    let (first, rest): (Rows<'_>, Rows<'_>) = rows
        .iter()
        .copied()
        .take(v.max_rows)
        .enumerate()
        .partition(|(i, a)| *i == 0 || rows[i - 1].outlet != a.outlet);
    let row = |o: &mut String, a: &ArticleRef| {
        let value = v
            .outlet_refs
            .iter()
            .find(|r| r.name == a.outlet)
            .and_then(|r| r.attributes.get(&v.attribute))
            .map(String::as_str)
            .unwrap_or("unknown");
        let title = match v.article_href(a) {
            Some(href) => format!("<a href=\"{href}\">{}</a>", esc(&a.title)),
            None => esc(&a.title),
        };
        let _ = write!(
            o,
            "<tr><td class=\"outlet\"><svg class=\"swatch\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"{}\"/></svg> {}</td><td>{title}</td><td class=\"muted\">{}</td></tr>",
            value_colour(value),
            esc(&a.outlet),
            esc(a.published.as_deref().unwrap_or("undated"))
        );
    };
    for (_, a) in &first {
        row(o, a);
    }
    o.push_str("</tbody></table>");
    if !rest.is_empty() {
        let _ = write!(
            o,
            "<details><summary>{} more from the same outlets</summary><table class=\"headlines\"><tbody>",
            count(rest.len(), "article", "articles")
        );
        for (_, a) in &rest {
            row(o, a);
        }
        o.push_str("</tbody></table></details>");
    }
    if rows.len() > v.max_rows {
        o.push_str(&v.more(rows.len() - v.max_rows, "articles"));
    }
    if let Some(chart) =
        crate::charts::coverage_over_time(&v.articles, &v.outlet_refs, &v.attribute)
    {
        let _ = write!(
            o,
            "<details class=\"chart-box\"{}><summary>Coverage over time</summary>{chart}</details>",
            if v.articles.len() > 3 { " open" } else { "" }
        );
    }
    o.push_str(&downloads(v));
    o.push_str("</section>");
}

/// Links to the story's findings ([`crate::export`]): the web app's download
/// routes (CSV and JSON Lines), or in the report a `data:` link carrying the CSV
/// (the JSON Lines, the same rows, would double the file: `parallax compare
/// --format jsonl` gives them).
pub fn downloads(v: &StoryView<'_>) -> String {
    match v.links {
        Links::Web => {
            let id = path_segment(&v.story.id);
            format!(
                "<p class=\"downloads\">Download the findings: <a href=\"/stories/{id}/findings.csv\" download>CSV</a> · <a href=\"/stories/{id}/findings.jsonl\" download>JSON Lines</a></p>"
            )
        }
        Links::Report => {
            use crate::export::{base64, findings_csv, story_findings};
            let rows = story_findings(v.story);
            let name = format!("story-{}-findings", path_segment(&v.story.id));
            format!(
                "<p class=\"downloads\">Download the findings: <a href=\"data:text/csv;charset=utf-8;base64,{}\" download=\"{name}.csv\">CSV</a> <span class=\"muted\">(JSON Lines: <code>parallax compare --format jsonl</code>)</span></p>",
                base64(findings_csv(&rows).as_bytes())
            )
        }
    }
}

/// The actors × outlets table: mentions, quotes, the names used and the labels
/// attached, actors named by one outlet only folded away below.
pub fn actors_section(o: &mut String, v: &StoryView<'_>) {
    let s = v.story;
    o.push_str("<section class=\"actors\"><h3>Actors and their labels</h3><table><thead><tr><th>Actor</th>");
    for outlet in &v.shown {
        let _ = write!(o, "<th>{}</th>", esc(outlet));
    }
    o.push_str("</tr></thead><tbody>");
    let (shared, single): (Vec<&ActorRow>, Vec<&ActorRow>) = s
        .actors
        .iter()
        .partition(|a| a.outlets.len() > 1 || s.outlets.len() == 1);
    for a in shared.iter().take(v.max_rows) {
        actor_row(o, v, a);
    }
    o.push_str("</tbody></table>");
    if shared.len() > v.max_rows {
        o.push_str(&v.more(shared.len() - v.max_rows, "actors"));
    }
    if !single.is_empty() {
        // who names whom: the single-outlet actors by outlet, always visible
        let mut by: BTreeMap<&str, Vec<&ActorRow>> = BTreeMap::new();
        for a in &single {
            if let Some(outlet) = a.outlets.keys().next() {
                by.entry(outlet.as_str()).or_default().push(a);
            }
        }
        o.push_str("<ul class=\"only-named plain\">");
        for (outlet, list) in &by {
            let names: Vec<String> = list
                .iter()
                .take(12)
                .map(|a| v.actor_name(Some(&a.identity), &a.name))
                .collect();
            let rest = if list.len() > 12 {
                format!(" and {} more", list.len() - 12)
            } else {
                String::new()
            };
            let _ = write!(
                o,
                "<li><span class=\"flag\">named only by {}</span> {}{rest}</li>",
                esc(outlet),
                names.join(", ")
            );
        }
        o.push_str("</ul>");
        let _ = write!(
            o,
            "<details><summary>{} named by one outlet only: their rows</summary><table><tbody>",
            count(single.len(), "actor", "actors")
        );
        for a in single.iter().take(v.max_rows) {
            actor_row(o, v, a);
        }
        o.push_str("</tbody></table>");
        if single.len() > v.max_rows {
            o.push_str(&v.more(single.len() - v.max_rows, "actors"));
        }
        o.push_str("</details>");
    }
    o.push_str("</section>");
}

fn actor_row(o: &mut String, v: &StoryView<'_>, a: &ActorRow) {
    let only = match (a.outlets.len(), v.story.outlets.len() > 1) {
        (1, true) => a
            .outlets
            .keys()
            .next()
            .map(|x| format!(" <span class=\"flag\">named only by {}</span>", esc(x)))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let _ = write!(
        o,
        "<tr><td class=\"actor\">{} <span class=\"muted\">{}</span>{only}</td>",
        v.actor_name(Some(&a.identity), &a.name),
        a.kind.as_str()
    );
    for outlet in &v.shown {
        let Some(cov) = a.outlets.get(outlet) else {
            o.push_str("<td class=\"muted\">—</td>");
            continue;
        };
        let _ = write!(
            o,
            "<td><div class=\"variants\">{}",
            count(cov.mentions, "mention", "mentions")
        );
        if cov.quotes > 0 {
            let _ = write!(o, ", {}", count(cov.quotes, "quote", "quotes"));
        }
        let _ = write!(o, " · {}</div>", esc(&cov.variants.join(" / ")));
        let mut seen: Vec<&str> = Vec::new();
        for l in &cov.labels {
            if seen.contains(&l.text.as_str()) {
                continue;
            }
            seen.push(&l.text);
            let class = if l.voice == Voice::Quoted {
                "label quoted"
            } else {
                "label"
            };
            let _ = write!(
                o,
                "<span class=\"{class}\" title=\"{:?}\">{}</span>",
                l.kind,
                esc(&l.text)
            );
        }
        o.push_str("</td>");
    }
    o.push_str("</tr>");
}

/// Whose words each outlet carries: one bar per speaker, every outlet on one
/// scale (the most-quoted speaker of the story is the full width), so two
/// quotes draw half as long as four wherever they are.
pub fn quote_share_section(o: &mut String, v: &StoryView<'_>) {
    let shares: Vec<_> = v
        .story
        .quote_share
        .iter()
        .filter(|q| v.shown.contains(&q.outlet))
        .collect();
    let max = shares
        .iter()
        .flat_map(|q| q.speakers.iter().map(|x| x.quotes))
        .max()
        .unwrap_or(1)
        .max(1);
    o.push_str("<section class=\"quotes\"><h3>Quote share: whose words each outlet carries</h3><div class=\"cols\">");
    for q in shares {
        let _ = write!(
            o,
            "<div class=\"bars\"><p class=\"outlet\">{} <span class=\"muted\">{}, {} unattributed</span></p>",
            esc(&q.outlet),
            count(q.total, "quote", "quotes"),
            q.unattributed
        );
        for sp in q.speakers.iter().take(12) {
            let mut cues: Vec<String> = sp
                .cues
                .iter()
                .map(|(k, n)| format!("{} ×{n}", esc(k)))
                .collect();
            if sp.without_verb() > 0 {
                cues.push(format!("no verb ×{}", sp.without_verb()));
            }
            let _ = write!(
                o,
                "<div class=\"row\"><span class=\"name\" title=\"{}\">{}</span>{}<span class=\"n\">{}</span></div>",
                esc(&sp.name),
                v.actor_name(sp.identity.as_deref(), &sp.name),
                bar(sp.quotes, max),
                sp.quotes
            );
            if !cues.is_empty() {
                let _ = write!(o, "<div class=\"cues muted\">{}</div>", cues.join(", "));
            }
        }
        if q.speakers.len() > 12 {
            let _ = write!(
                o,
                "<p class=\"muted\">and {} more</p>",
                count(q.speakers.len() - 12, "speaker", "speakers")
            );
        }
        o.push_str("</div>");
    }
    o.push_str("</div></section>");
}

/// Scare quotes and loaded words, in the outlet's own voice and inside quotes.
pub fn framing_section(o: &mut String, v: &StoryView<'_>) {
    o.push_str("<section class=\"framing\"><h3>Framing: scare quotes and loaded words</h3><div class=\"cols\">");
    for f in v
        .story
        .framing
        .iter()
        .filter(|f| v.shown.contains(&f.outlet))
    {
        let _ = write!(
            o,
            "<div><p class=\"outlet\">{} <span class=\"muted\">{}</span></p>",
            esc(&f.outlet),
            count(f.words, "word", "words")
        );
        let _ = write!(o, "<p>Scare quotes: {}</p>", terms(&f.scare_quotes, true));
        let _ = write!(
            o,
            "<p>Loaded words, own voice: {}</p>",
            terms(&f.loaded, false)
        );
        let _ = write!(
            o,
            "<p>Loaded words, in quotes: {}</p></div>",
            terms(&f.loaded_quoted, false)
        );
    }
    o.push_str("</div></section>");
}

fn terms(v: &[TermCount], scare: bool) -> String {
    if v.is_empty() {
        return "<span class=\"muted\">none</span>".to_string();
    }
    v.iter()
        .map(|t| {
            let term = if scare {
                format!("<span class=\"scare\">“{}”</span>", esc(&t.term))
            } else {
                esc(&t.term)
            };
            let title = if t.category.is_empty() {
                String::new()
            } else {
                format!(" title=\"{}\"", esc(&t.category))
            };
            format!("<span class=\"label\"{title}>{term} ×{}</span>", t.count)
        })
        .collect()
}

/// How each sentence of the story's articles is marked in the side-by-side
/// texts: reported by another outlet too, or by its outlet only.
pub type Marks = HashMap<(String, usize), &'static str>;

/// What the outlets report, as aligned rows (one row per fact, one column per
/// outlet): facts every outlet reports, facts some report, what only one
/// reports (each with the closest candidate the others had), the undecided, and
/// conflicting figures with their two sentences. Returns the sentence marks for
/// the side-by-side texts.
pub fn statements_section(o: &mut String, v: &StoryView<'_>) -> Marks {
    let s = v.story;
    let mut marks = Marks::new();
    if s.outlets.len() < 2 {
        return marks;
    }
    let st = &s.statements;
    o.push_str("<section class=\"statements\"><h2>Facts, outlet by outlet</h2>");
    let _ = write!(
        o,
        "<p class=\"muted\">One row per fact. A fact is listed only when each pair of its sentences is judged the same fact on its own (the confidence is the weakest pair's); {}.</p>",
        esc(&st.method)
    );
    fact_table(
        o,
        v,
        &format!("Reported by all outlets ({})", st.all.len()),
        &st.all,
        &mut marks,
    );
    if !st.some.is_empty() {
        fact_table(
            o,
            v,
            &format!("Reported by some outlets ({})", st.some.len()),
            &st.some,
            &mut marks,
        );
    }
    for outlet in &v.shown {
        let list = st.only.get(outlet).map(Vec::as_slice).unwrap_or(&[]);
        let _ = write!(o, "<h3>Only in {} ({})</h3>", esc(outlet), list.len());
        omissions(o, v, list, "unique", &mut marks);
    }
    let undecided: Vec<&parallax_compare::Omission> = st.undecided.values().flatten().collect();
    if !undecided.is_empty() {
        let _ = write!(
            o,
            "<details><summary>Undecided ({}): another outlet may report these in other words, so they are not counted as omissions</summary>",
            undecided.len()
        );
        let owned: Vec<parallax_compare::Omission> = undecided.into_iter().cloned().collect();
        omissions(o, v, &owned, "undecided", &mut marks);
        o.push_str("</details>");
    }
    // the marks of a cut list still colour the texts
    for (list, mark) in [(&st.only, "unique"), (&st.undecided, "undecided")] {
        for x in list.values().flatten() {
            marks
                .entry((x.statement.article.clone(), x.statement.sentence))
                .or_insert(mark);
        }
    }
    if !st.conflicts.is_empty() {
        o.push_str("<h3>Conflicting figures</h3><ul class=\"statements\">");
        for cf in &st.conflicts {
            let Some(f) = st.fact(cf.fact) else { continue };
            let what = if cf.unit.is_empty() {
                format!("{:?}", cf.kind).to_lowercase()
            } else {
                format!("{:?} ({})", cf.kind, cf.unit).to_lowercase()
            };
            let _ = write!(
                o,
                "<li><b>{}</b>: {} vs {}",
                esc(&what),
                esc(&cf.values[0]),
                esc(&cf.values[1])
            );
            for r in [&f.statements[cf.a], &f.statements[cf.b]] {
                let _ = write!(
                    o,
                    "<br><span class=\"outlet\">{}</span>: <a href=\"{}\">{}</a>",
                    esc(&r.outlet),
                    v.sentence_href(&r.article, r.sentence),
                    esc(&r.text)
                );
            }
            o.push_str("</li>");
        }
        o.push_str("</ul>");
    }
    if let Some(why) = &st.truncated {
        let _ = write!(
            o,
            "<p class=\"muted\">Not every statement was compared: {}.</p>",
            esc(why)
        );
    }
    o.push_str("</section>");
    marks
}

/// Rows a long list shows before the rest is folded into a `<details>`.
pub const SHOWN_ROWS: usize = 8;

/// A titled table of facts, one row per fact and one column per outlet: the
/// first [`SHOWN_ROWS`] open, the rest (up to the view's cut) folded away.
fn fact_table(
    o: &mut String,
    v: &StoryView<'_>,
    title: &str,
    facts: &[parallax_compare::Fact],
    marks: &mut Marks,
) {
    let head = |o: &mut String| {
        o.push_str("<table class=\"facts\"><tr>");
        for outlet in &v.shown {
            let _ = write!(o, "<th>{}</th>", esc(outlet));
        }
        o.push_str("<th>confidence</th></tr>");
    };
    let _ = write!(o, "<h3>{title}</h3>");
    head(o);
    let cut = facts.len().min(v.max_rows);
    let open = cut.min(SHOWN_ROWS);
    fact_rows(o, v, &facts[..open], marks);
    o.push_str("</table>");
    if cut > open {
        let _ = write!(
            o,
            "<details><summary>{} more</summary>",
            count(cut - open, "fact", "facts")
        );
        head(o);
        fact_rows(o, v, &facts[open..cut], marks);
        o.push_str("</table></details>");
    }
    if facts.len() > v.max_rows {
        o.push_str(&v.more(facts.len() - v.max_rows, "facts"));
    }
}

fn fact_rows(
    o: &mut String,
    v: &StoryView<'_>,
    facts: &[parallax_compare::Fact],
    marks: &mut Marks,
) {
    for f in facts {
        o.push_str("<tr>");
        for outlet in &v.shown {
            o.push_str("<td>");
            let mine: Vec<&parallax_compare::StatementRef> = f
                .statements
                .iter()
                .filter(|r| &r.outlet == outlet)
                .collect();
            if mine.is_empty() {
                o.push_str("<span class=\"muted\">—</span>");
            }
            for r in mine {
                marks.insert((r.article.clone(), r.sentence), "aligned");
                let _ = write!(
                    o,
                    "<p><a class=\"stmt\" href=\"{}\">{}</a></p>",
                    v.sentence_href(&r.article, r.sentence),
                    esc(&r.text)
                );
            }
            o.push_str("</td>");
        }
        let wire = if f.wire {
            "<br><span class=\"tag\" title=\"the outlets ran near-identical text: not independent reporting\">wire copy</span>"
        } else {
            ""
        };
        let _ = write!(o, "<td class=\"conf\">{:.2}{wire}</td></tr>", f.confidence);
    }
}

fn omissions(
    o: &mut String,
    v: &StoryView<'_>,
    list: &[parallax_compare::Omission],
    mark: &'static str,
    marks: &mut Marks,
) {
    o.push_str("<ul class=\"statements\">");
    let cut = list.len().min(v.max_rows);
    for (i, x) in list.iter().take(cut).enumerate() {
        if i == SHOWN_ROWS && mark != "undecided" {
            let _ = write!(
                o,
                "</ul><details><summary>{} more</summary><ul class=\"statements\">",
                count(cut - SHOWN_ROWS, "statement", "statements")
            );
        }
        let r = &x.statement;
        marks.insert((r.article.clone(), r.sentence), mark);
        let _ = write!(
            o,
            "<li>{}<a class=\"stmt\" href=\"{}\">{}</a>",
            if mark == "undecided" {
                format!("<span class=\"outlet\">{}</span>: ", esc(&r.outlet))
            } else {
                String::new()
            },
            v.sentence_href(&r.article, r.sentence),
            esc(&r.text)
        );
        if let Some(c) = &x.closest {
            let _ = write!(
                o,
                "<br><span class=\"muted\">closest elsewhere ({:.2}): {} — {}</span>",
                c.score,
                esc(&c.statement.outlet),
                esc(&c.statement.text)
            );
        }
        o.push_str("</li>");
    }
    o.push_str("</ul>");
    if cut > SHOWN_ROWS && mark != "undecided" {
        o.push_str("</details>");
    }
    if list.len() > v.max_rows {
        o.push_str(&v.more(list.len() - v.max_rows, "statements"));
    }
}

/// The articles side by side, each sentence marked as reported elsewhere too
/// or by its outlet only, scare quotes marked.
pub fn side_by_side_section(o: &mut String, v: &StoryView<'_>, marks: &Marks) {
    if v.texts.is_empty() {
        return;
    }
    o.push_str("<section class=\"texts\"><h3>Articles side by side</h3><p class=\"legend muted\"><span class=\"s aligned\">reported by other outlets too</span><span class=\"s unique\">this outlet only</span></p><div class=\"cols\">");
    for a in &v.texts {
        article_html(o, v, a, marks);
    }
    o.push_str("</div></section>");
}

fn article_html(o: &mut String, v: &StoryView<'_>, a: &AnalyzedArticle, marks: &Marks) {
    let art = &a.article;
    let _ = write!(
        o,
        "<article class=\"article\"><p class=\"outlet\">{}</p><h4>",
        esc(&art.outlet.name)
    );
    match art.meta.url.as_deref().and_then(safe_href) {
        Some(href) => {
            let _ = write!(
                o,
                "<a href=\"{href}\" rel=\"noopener noreferrer nofollow\">{}</a>",
                esc(&art.display_title())
            );
        }
        None => o.push_str(&esc(&art.display_title())),
    }
    o.push_str("</h4>");
    let mut meta = Vec::new();
    if let Some(d) = &art.meta.published {
        meta.push(esc(d));
    }
    if !art.meta.authors.is_empty() {
        meta.push(format!("by {}", esc(&art.meta.authors.join(", "))));
    }
    if !meta.is_empty() {
        let _ = write!(o, "<p class=\"muted\">{}</p>", meta.join(" · "));
    }
    sentences_html(o, a, marks, v.links);
    if !art.removed.is_empty() {
        let _ = write!(
            o,
            "<details><summary>{} removed by cleaning</summary><ul>",
            count(art.removed.len(), "line", "lines")
        );
        for r in &art.removed {
            let _ = write!(
                o,
                "<li><span class=\"muted\">{:?}</span>: {}</li>",
                r.reason,
                esc(&r.text)
            );
        }
        o.push_str("</ul></details>");
    }
    o.push_str("</article>");
}

/// An article's paragraphs, each sentence a span with its anchor (`s{N}` on
/// the web, a file-wide anchor in the report) and its mark, scare quotes marked.
pub fn sentences_html(o: &mut String, a: &AnalyzedArticle, marks: &Marks, links: Links) {
    let art = &a.article;
    let scare: Vec<Span> = a
        .analysis
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Scare)
        .map(|q| q.span)
        .collect();
    for pi in 0..a.analysis.paragraphs.len() {
        o.push_str("<p>");
        for (si, s) in a
            .analysis
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.paragraph == pi)
        {
            let class = marks.get(&(art.id.clone(), si)).copied().unwrap_or("");
            let id = match links {
                Links::Report => anchor(&art.id, si),
                Links::Web => format!("s{si}"),
            };
            let _ = write!(o, "<span class=\"s {class}\" id=\"{id}\">");
            o.push_str(&with_marks(&art.text, s.span, &scare));
            o.push_str("</span> ");
        }
        o.push_str("</p>");
    }
}

/// The sentence's text, escaped, with scare quotes marked.
pub fn with_marks(text: &str, span: Span, scare: &[Span]) -> String {
    let mut out = String::new();
    let mut pos = span.start;
    for q in scare.iter().filter(|q| span.contains(**q)) {
        if q.start < pos {
            continue;
        }
        out.push_str(&esc(Span::new(pos, q.start).text(text)));
        let _ = write!(out, "<span class=\"scare\">{}</span>", esc(q.text(text)));
        pos = q.end;
    }
    out.push_str(&esc(Span::new(pos, span.end).text(text)));
    out
}

/// A horizontal bar of `n` out of `max` as inline SVG (presentation attributes,
/// no style: the web app's CSP forbids inline styles and needs none).
pub fn bar(n: usize, max: usize) -> String {
    let w = (n as f64 * 100.0 / max.max(1) as f64).clamp(0.0, 100.0);
    format!(
        "<svg class=\"track\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{n} of {max}\"><rect width=\"100\" height=\"10\" fill=\"#eef1f7\"/><rect width=\"{w:.1}\" height=\"10\" fill=\"#2350a0\"/></svg>"
    )
}

/// The in-file anchor of a sentence.
pub fn anchor(article: &str, sentence: usize) -> String {
    format!("s-{}-{}", esc(article), sentence)
}

/// A value as one URL path segment (or query value): every byte but the
/// unreserved ones of RFC 3986 (and `:`, common in identity ids) percent-encoded,
/// so an id such as `person:barack obama` makes a link that leads back to it.
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// "1 quote", "2 quotes".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "quote", "quotes"), "1 quote");
        assert_eq!(count(0, "quote", "quotes"), "0 quotes");
        assert_eq!(count(2, "mention", "mentions"), "2 mentions");
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(path_segment("person:barack obama"), "person:barack%20obama");
        assert_eq!(path_segment("person:nicolás"), "person:nicol%C3%A1s");
        assert_eq!(path_segment("a/b?c#d&e\"<"), "a%2Fb%3Fc%23d%26e%22%3C");
        assert_eq!(path_segment("abc-1.2_3~"), "abc-1.2_3~");
        assert_eq!(path_segment("a/../b"), "a%2F..%2Fb");
    }
}
