//! The web UI: server-rendered pages, no script, everything escaped.

use std::fmt::Write;

use axum::Form;
use axum::extract::{Path, Query, State as AxState};
use axum::http::StatusCode;
use axum::response::Response;
use parallax_core::{AnalyzedArticle, QuoteKind, Voice};
use parallax_report::charts::{Point, bars, outlet_colour, timeline_rows};
use parallax_report::export::{findings_csv, jsonl, story_findings};
use parallax_report::html::{esc, safe_href};
use parallax_report::overview::{
    DEFAULT_ATTRIBUTE, IndexEntry, blindspots_html, stories_table_html,
};
use parallax_report::story::{
    Links, Marks, StoryView, count, path_segment, sentences_html, story_sections,
};
use parallax_store::{Outcome, StoryRecord, StorySummary};
use serde::Deserialize;

use crate::State;
use crate::api::{Page, SearchParams, blocking};
use crate::security::{body_of, may_write};

const HTML: &str = "text/html; charset=utf-8";

fn layout(title: &str, q: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{} · parallax</title><link rel=\"stylesheet\" href=\"/static/parallax.css\"></head><body>\
<header class=\"top\"><a class=\"brand\" href=\"/\">parallax</a><a href=\"/\">Stories</a><a href=\"/actors\">Actors</a><a href=\"/search\">Search</a><a href=\"/import\">Import</a>\
<form action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search articles…\" aria-label=\"Search articles\"></form></header>\
<main>{body}</main></body></html>\n",
        esc(title),
        esc(q)
    )
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let mut r = body_of(layout(title, "", body), HTML);
    *r.status_mut() = status;
    r
}

pub async fn css() -> Response {
    // the app's own style, then the story sections' (shared with the report)
    let mut r = body_of(
        format!(
            "{}{}",
            include_str!("../static/parallax.css"),
            parallax_report::story::STORY_CSS
        ),
        "text/css; charset=utf-8",
    );
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

pub async fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Not found",
        "<h1>Not found</h1><p>There is nothing at this address. <a href=\"/\">Back to the stories</a>.</p>",
    )
}

fn failure(e: Response) -> Response {
    let status = e.status();
    page(
        status,
        "Error",
        &format!(
            "<h1>Something went wrong</h1><p class=\"error\">The request failed ({status}).</p>"
        ),
    )
}

/// Stories read for the blindspot list, at most.
const BLINDSPOT_POOL: usize = 100_000;
/// Blindspots listed on the story list, at most.
const BLINDSPOTS_SHOWN: usize = 30;

pub async fn stories(
    AxState(state): AxState<State>,
    Query(p): Query<Page>,
    Query(by): Query<By>,
) -> Response {
    let (limit, offset) = (p.limit(), p.offset());
    let attribute = by.attribute();
    let key = format!("stories:{limit}:{offset}:{attribute}");
    if let Some(html) = state.cached(&key) {
        return body_of((*html).clone(), HTML);
    }
    let data = blocking(&state, move |l| {
        Ok((
            l.stories(limit, offset)?,
            l.count()?,
            parallax_store::outlet_refs(l)?,
            // every story, for the blindspots: the list is ordered by outlets
            // covering, so one side's stories sit on the last pages
            l.stories(BLINDSPOT_POOL, 0)?,
        ))
    })
    .await;
    let (list, count, refs, all) = match data {
        Ok(x) => x,
        Err(e) => return failure(e),
    };
    let mut b = format!(
        "<h1>Stories</h1><p class=\"muted\">{} in the library{}.</p>",
        parallax_report::story::count(count, "article", "articles"),
        if offset > 0 {
            format!(", stories from number {}", offset + 1)
        } else {
            String::new()
        }
    );
    if list.is_empty() {
        b.push_str("<section class=\"card\"><p>No stories yet. <a href=\"/import\">Import articles</a> or run <code>parallax import</code>.</p></section>");
    } else {
        b.push_str("<section class=\"card\">");
        let entries: Vec<IndexEntry<'_>> = list.iter().map(index_entry).collect();
        let r: Vec<&parallax_compare::OutletRef> = refs.iter().collect();
        b.push_str(&attribute_links(
            &r,
            &attribute,
            &format!("offset={offset}&amp;limit={limit}&amp;"),
        ));
        let every: Vec<IndexEntry<'_>> = all.iter().map(index_entry).collect();
        blindspots_html(&mut b, &every, &r, &attribute, BLINDSPOTS_SHOWN);
        b.push_str("<h3>Every story</h3>");
        stories_table_html(&mut b, &entries, &r, &attribute);
        if list.len() == limit {
            let _ = write!(
                b,
                "<p><a href=\"/?offset={}&amp;limit={limit}&amp;by={}\">More stories →</a></p>",
                offset + limit,
                path_segment(&attribute)
            );
        }
        b.push_str("</section>");
    }
    let html = state.remember(key, layout("Stories", "", &b));
    body_of((*html).clone(), HTML)
}

fn index_entry(s: &StorySummary) -> IndexEntry<'_> {
    let dates = match (&s.first_published, &s.last_published) {
        (Some(a), Some(z)) if a != z => format!("{a} – {z}"),
        (Some(a), _) => a.clone(),
        _ => "undated".into(),
    };
    IndexEntry {
        title: &s.title,
        href: format!("/stories/{}", path_segment(&s.id)),
        outlets: s.outlets.iter().map(String::as_str).collect(),
        articles: s.articles,
        dates,
    }
}

/// `?by=ATTRIBUTE`: the outlet-book attribute coverage is split by (lean unless chosen).
#[derive(Debug, Deserialize, Default)]
pub struct By {
    pub by: Option<String>,
}

impl By {
    fn attribute(&self) -> String {
        self.by
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty() && s.len() <= 64)
            .unwrap_or(DEFAULT_ATTRIBUTE)
            .to_string()
    }
}

/// "Coverage by: lean · country": the attributes the outlet book gives, each a
/// link to the same page split by it (`extra` keeps the page's other query).
fn attribute_links(refs: &[&parallax_compare::OutletRef], current: &str, extra: &str) -> String {
    let mut keys: std::collections::BTreeSet<&str> = refs
        .iter()
        .flat_map(|r| r.attributes.keys().map(String::as_str))
        .collect();
    keys.insert(DEFAULT_ATTRIBUTE);
    keys.insert(current);
    if keys.len() < 2 {
        return String::new();
    }
    let links: Vec<String> = keys
        .iter()
        .map(|k| {
            if *k == current {
                format!("<strong>{}</strong>", esc(k))
            } else {
                format!("<a href=\"?{extra}by={}\">{}</a>", path_segment(k), esc(k))
            }
        })
        .collect();
    format!(
        "<p class=\"by muted\">Coverage by: {}</p>",
        links.join(" · ")
    )
}

pub async fn story(
    AxState(state): AxState<State>,
    Path(id): Path<String>,
    Query(by): Query<By>,
) -> Response {
    let attribute = by.attribute();
    let key = format!("story:{id}:{attribute}");
    if let Some(html) = state.cached(&key) {
        return body_of((*html).clone(), HTML);
    }
    let data = blocking(&state, move |l| {
        let Some(rec) = l.story(&id)? else {
            return Ok(None);
        };
        // the articles' texts for the side-by-side view (small stories only)
        let texts = if rec.articles.len() <= 6 {
            rec.articles
                .iter()
                .filter_map(|a| l.article(&a.id).transpose())
                .collect::<parallax_store::Result<Vec<_>>>()?
        } else {
            Vec::new()
        };
        Ok(Some((rec, texts)))
    })
    .await;
    let (rec, texts) = match data {
        Ok(Some(x)) => x,
        Ok(None) => return not_found().await,
        Err(e) => return failure(e),
    };
    let html = state.remember(
        key,
        layout(
            &rec.story.title,
            "",
            &render_story(&rec, &texts, &attribute),
        ),
    );
    body_of((*html).clone(), HTML)
}

fn render_story(rec: &StoryRecord, texts: &[AnalyzedArticle], attribute: &str) -> String {
    let s = &rec.story;
    let mut b = format!("<h1>{}</h1>", esc(&s.title));
    let refs: Vec<&parallax_compare::OutletRef> = rec.outlets.iter().collect();
    b.push_str(&attribute_links(&refs, attribute, ""));
    let mut view = StoryView::new(
        s,
        rec.articles.iter().collect(),
        rec.outlets.iter().collect(),
        texts.iter().collect(),
        Links::Web,
    );
    view.attribute = attribute.to_string();
    story_sections(&mut b, &view);
    b
}

/// A story's findings as a download: `findings.csv` or `findings.jsonl`.
pub async fn story_download(
    AxState(state): AxState<State>,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let Some(kind) = Export::of(&file, "findings") else {
        return not_found().await;
    };
    let rec = match blocking(&state, move |l| l.story(&id)).await {
        Ok(Some(r)) => r,
        Ok(None) => return not_found().await,
        Err(e) => return failure(e),
    };
    let rows = story_findings(&rec.story);
    let body = match kind {
        Export::Csv => findings_csv(&rows),
        Export::Jsonl => jsonl(&rows),
    };
    download(
        body,
        kind,
        &format!(
            "story-{}-findings",
            rec.story
                .id
                .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
        ),
    )
}

/// The formats of a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Export {
    Csv,
    Jsonl,
}

impl Export {
    /// `NAME.csv` or `NAME.jsonl`.
    fn of(file: &str, name: &str) -> Option<Export> {
        match file.strip_prefix(name)? {
            ".csv" => Some(Export::Csv),
            ".jsonl" => Some(Export::Jsonl),
            _ => None,
        }
    }
}

fn download(body: String, kind: Export, name: &str) -> Response {
    let (mime, ext) = match kind {
        Export::Csv => ("text/csv; charset=utf-8", "csv"),
        Export::Jsonl => ("application/jsonl; charset=utf-8", "jsonl"),
    };
    let mut r = body_of(body, mime);
    if let Ok(v) =
        axum::http::HeaderValue::from_str(&format!("attachment; filename=\"{name}.{ext}\""))
    {
        r.headers_mut()
            .insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    r
}

pub async fn article(AxState(state): AxState<State>, Path(id): Path<String>) -> Response {
    let key = format!("article:{id}");
    if let Some(html) = state.cached(&key) {
        return body_of((*html).clone(), HTML);
    }
    let a = match blocking(&state, move |l| l.article(&id)).await {
        Ok(Some(a)) => a,
        Ok(None) => return not_found().await,
        Err(e) => return failure(e),
    };
    let art = &a.article;
    let an = &a.analysis;
    let mut b = format!(
        "<h1>{}</h1><p><span class=\"tag\">{}</span>",
        esc(&art.display_title()),
        esc(&art.outlet.name)
    );
    if let Some(d) = &art.meta.published {
        let _ = write!(b, "<span class=\"muted\">{}</span> ", esc(d));
    }
    if !art.meta.authors.is_empty() {
        let _ = write!(
            b,
            "<span class=\"muted\">by {}</span> ",
            esc(&art.meta.authors.join(", "))
        );
    }
    if let Some(href) = art.meta.url.as_deref().and_then(safe_href) {
        let _ = write!(
            b,
            "<a href=\"{href}\" rel=\"noopener noreferrer nofollow\">original</a>"
        );
    }
    b.push_str("</p><div class=\"cols\"><section class=\"card article\"><h3>Text</h3>");
    sentences_html(&mut b, &a, &Marks::new(), Links::Web);
    b.push_str("</section><section class=\"card\"><h3>Actors</h3><ul class=\"plain\">");
    let mut ents: Vec<(usize, &parallax_core::Entity)> = an.entities.iter().enumerate().collect();
    ents.sort_by(|x, y| {
        y.1.mentions
            .cmp(&x.1.mentions)
            .then(x.1.name.cmp(&y.1.name))
    });
    for (ei, e) in ents {
        let labels: String = an
            .labels
            .iter()
            .filter(|l| l.entity == ei)
            .map(|l| format!("<span class=\"label\">{}</span>", esc(&l.text)))
            .collect();
        let _ = write!(
            b,
            "<li><a href=\"/actors/{}\">{}</a> <span class=\"muted\">{} ×{}</span> {labels}</li>",
            path_segment(&e.key),
            esc(&e.name),
            e.kind.as_str(),
            e.mentions
        );
    }
    b.push_str("</ul><h3>Quotes</h3><ul class=\"plain\">");
    for q in &an.quotes {
        let who = match q.speaker.as_ref() {
            Some(s) => s
                .entity
                .map(|e| an.entities[e].name.clone())
                .unwrap_or_else(|| s.text.clone()),
            None => "—".into(),
        };
        let kind = match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Scare => "scare",
        };
        let cue = q
            .cue
            .as_ref()
            .map(|c| format!(" [{}]", esc(&c.text)))
            .unwrap_or_default();
        let _ = write!(
            b,
            "<li><span class=\"muted\">{kind}</span> <strong>{}</strong>{cue}: “{}”</li>",
            esc(&who),
            esc(&q.text)
        );
    }
    b.push_str("</ul></section></div>");
    if !art.removed.is_empty() {
        b.push_str("<section class=\"card\"><h3>Removed by cleaning</h3><ul>");
        for r in &art.removed {
            let _ = write!(
                b,
                "<li><span class=\"muted\">{:?}</span>: {}</li>",
                r.reason,
                esc(&r.text)
            );
        }
        b.push_str("</ul></section>");
    }
    let html = state.remember(key, layout(&art.display_title(), "", &b));
    body_of((*html).clone(), HTML)
}

#[derive(Debug, Deserialize, Default)]
pub struct ActorsPage {
    #[serde(default)]
    pub q: String,
    pub offset: Option<usize>,
}

/// Actors ranked by mentions across outlets (each with its mentions per outlet as
/// a bar coloured by the outlet book's lean), or the ones matching a name.
pub async fn actors(AxState(state): AxState<State>, Query(p): Query<ActorsPage>) -> Response {
    let q = p.q.clone();
    let offset = p.offset.unwrap_or(0).min(1_000_000);
    let key = format!("actors:{q}:{offset}");
    if let Some(html) = state.cached(&key) {
        return body_of((*html).clone(), HTML);
    }
    const PER_PAGE: usize = 50;
    let found = blocking(&state, move |l| {
        let refs = parallax_store::outlet_refs(l)?;
        let ranked = if q.trim().is_empty() {
            parallax_store::top_actors(l, PER_PAGE, offset)?
        } else {
            l.find_actors(&q, PER_PAGE)?
                .into_iter()
                .map(|actor| parallax_store::RankedActor {
                    actor,
                    outlets: Default::default(),
                })
                .collect()
        };
        Ok((ranked, refs))
    })
    .await;
    let (found, refs) = match found {
        Ok(f) => f,
        Err(e) => return failure(e),
    };
    let mut b = format!(
        "<h1>Actors</h1><form action=\"/actors\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Find an actor by name\" aria-label=\"Find an actor by name\"> <button>Find</button></form>",
        esc(&p.q)
    );
    let ranked = p.q.trim().is_empty();
    let _ = write!(
        b,
        "<section class=\"card actors-list\"><p class=\"muted\">{}</p>",
        if ranked {
            "The actors named most across the library, with each outlet's mentions.".to_string()
        } else {
            format!(
                "{} matching “{}”",
                count(found.len(), "actor", "actors"),
                esc(&p.q)
            )
        }
    );
    if found.is_empty() {
        b.push_str("<p>No actors yet: import articles first.</p>");
    } else {
        b.push_str("<table class=\"ranked\"><thead><tr><th>#</th><th>Actor</th><th>Kind</th><th>Articles</th><th>Mentions</th>");
        if ranked {
            b.push_str("<th>Mentions by outlet</th>");
        }
        b.push_str("</tr></thead><tbody>");
        for (i, a) in found.iter().enumerate() {
            let _ = write!(
                b,
                "<tr><td class=\"muted\">{}</td><td><a href=\"/actors/{}\">{}</a></td><td class=\"muted\">{}</td><td>{}</td><td>{}</td>",
                offset + i + 1,
                path_segment(&a.actor.id),
                esc(&a.actor.name),
                a.actor.kind.as_str(),
                a.actor.articles,
                a.actor.mentions
            );
            if ranked {
                let _ = write!(
                    b,
                    "<td class=\"cov\">{}</td>",
                    outlet_strip(&a.outlets, &refs)
                );
            }
            b.push_str("</tr>");
        }
        b.push_str("</tbody></table>");
        if ranked && found.len() == PER_PAGE {
            let _ = write!(
                b,
                "<p><a href=\"/actors?offset={}\">More actors →</a></p>",
                offset + PER_PAGE
            );
        }
    }
    b.push_str("</section>");
    let html = state.remember(key, layout("Actors", "", &b));
    body_of((*html).clone(), HTML)
}

/// Mentions per outlet as one stacked bar, each outlet in its lean's colour.
fn outlet_strip(
    by: &std::collections::BTreeMap<String, usize>,
    refs: &[parallax_compare::OutletRef],
) -> String {
    let total: usize = by.values().sum::<usize>().max(1);
    let mut o = String::from(
        "<svg class=\"coverage\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\">",
    );
    let mut x = 0.0;
    let mut parts: Vec<(&String, &usize)> = by.iter().collect();
    parts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (outlet, n) in parts {
        let w = *n as f64 * 100.0 / total as f64;
        let _ = write!(
            o,
            "<rect x=\"{x:.2}\" width=\"{w:.2}\" height=\"8\" fill=\"{}\"><title>{}: {}</title></rect>",
            outlet_colour(refs, DEFAULT_ATTRIBUTE, outlet),
            esc(outlet),
            count(*n, "mention", "mentions")
        );
        x += w;
    }
    o.push_str("</svg>");
    o
}

pub async fn actor(AxState(state): AxState<State>, Path(id): Path<String>) -> Response {
    let key = format!("actor:{id}");
    if let Some(html) = state.cached(&key) {
        return body_of((*html).clone(), HTML);
    }
    let p = match blocking(&state, move |l| {
        Ok(l.actor(&id)?.map(|p| (p, parallax_store::outlet_refs(l))))
    })
    .await
    {
        Ok(Some((p, refs))) => (p, refs.unwrap_or_default()),
        Ok(None) => return not_found().await,
        Err(e) => return failure(e),
    };
    let (p, refs) = p;
    let mut b = format!(
        "<h1>{}</h1><p><span class=\"tag\">{}</span><span class=\"muted\">{}, {} · named as {}</span></p>",
        esc(&p.actor.name),
        p.actor.kind.as_str(),
        count(p.actor.articles, "article", "articles"),
        count(p.actor.mentions, "mention", "mentions"),
        esc(&p.variants.join(", "))
    );
    let _ = write!(
        b,
        "<p><a href=\"/search?q={}&amp;actor={}\">Articles naming this actor</a></p>",
        path_segment(&p.actor.name),
        path_segment(&p.actor.id)
    );
    // mentions and labels per outlet over time, one scale
    let rows: Vec<(String, Vec<Point>)> = p
        .outlets
        .iter()
        .map(|(outlet, o)| {
            let points = o
                .timeline
                .iter()
                .map(|t| Point {
                    date: t.published.clone(),
                    n: t.mentions,
                    labels: o
                        .labels
                        .iter()
                        .filter(|l| l.article == t.article)
                        .map(|l| l.text.clone())
                        .collect(),
                })
                .collect();
            (outlet.clone(), points)
        })
        .collect();
    let colour = |o: &str| outlet_colour(&refs, DEFAULT_ATTRIBUTE, o);
    b.push_str(
        "<section class=\"card timeline\"><h3>Mentions and labels per outlet, over time</h3>",
    );
    match timeline_rows(&rows, &colour, ("mention", "mentions")) {
        Some(svg) => {
            b.push_str(&svg);
            b.push_str("<p class=\"muted chart-note\">Bars: mentions in the outlet's articles; a dot: the outlet labelled the actor then (hover for the words).</p>");
        }
        None => b.push_str("<p class=\"muted\">No dated article names this actor.</p>"),
    }
    b.push_str("</section><section class=\"card quotes\"><h3>Quote share: the actor's quotes each outlet carries</h3>");
    let bars_rows: Vec<(String, usize, &'static str)> = p
        .outlets
        .iter()
        .map(|(outlet, o)| (outlet.clone(), o.quotes, colour(outlet)))
        .collect();
    b.push_str(&bars(&bars_rows, ("quote", "quotes")));
    b.push_str("</section><section class=\"card\"><h3>Labels each outlet uses, by date</h3><div class=\"cols\">");
    for (outlet, o) in &p.outlets {
        let _ = write!(
            b,
            "<div class=\"outlet-labels\"><p class=\"outlet\">{} <span class=\"muted\">{}, {}, {}</span></p><table><tbody>",
            esc(outlet),
            count(o.articles, "article", "articles"),
            count(o.mentions, "mention", "mentions"),
            count(o.quotes, "quote", "quotes")
        );
        if o.labels.is_empty() {
            b.push_str("<tr><td class=\"muted\">no labels</td></tr>");
        }
        for (i, l) in o.labels.iter().enumerate() {
            if i == parallax_report::story::SHOWN_ROWS {
                let _ = write!(
                    b,
                    "</tbody></table><details><summary>{} more</summary><table><tbody>",
                    count(o.labels.len() - i, "label", "labels")
                );
            }
            let class = if l.voice == Voice::Quoted {
                "label quoted"
            } else {
                "label"
            };
            let _ = write!(
                b,
                "<tr><td class=\"muted\">{}</td><td><span class=\"{class}\">{}</span></td><td><a href=\"/articles/{}\">article</a></td></tr>",
                esc(l.published.as_deref().unwrap_or("undated")),
                esc(&l.text),
                path_segment(&l.article)
            );
        }
        b.push_str("</tbody></table>");
        if o.labels.len() > parallax_report::story::SHOWN_ROWS {
            b.push_str("</details>");
        }
        b.push_str("</div>");
    }
    b.push_str("</div></section>");
    let html = state.remember(key, layout(&p.actor.name, "", &b));
    body_of((*html).clone(), HTML)
}

pub async fn search(AxState(state): AxState<State>, Query(p): Query<SearchParams>) -> Response {
    let q = p.query();
    let form = format!(
        "<h1>Search</h1><form class=\"search\" action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" placeholder='words, \"a phrase\", prefix*'> \
<input name=\"outlet\" value=\"{}\" placeholder=\"outlet\"> <input name=\"from\" value=\"{}\" placeholder=\"from YYYY-MM-DD\"> <input name=\"to\" value=\"{}\" placeholder=\"to YYYY-MM-DD\"> \
<input name=\"actor\" value=\"{}\" placeholder=\"actor\"> <button>Search</button></form>",
        esc(&q.text),
        esc(q.outlet.as_deref().unwrap_or("")),
        esc(q.from.as_deref().unwrap_or("")),
        esc(q.to.as_deref().unwrap_or("")),
        esc(q.actor.as_deref().unwrap_or(""))
    );
    if q.text.trim().is_empty() {
        return body_of(layout("Search", "", &form), HTML);
    }
    let text = q.text.clone();
    let key = format!("search:{}", serde_json::to_string(&q).unwrap_or_default());
    if let Some(html) = state.cached(&key) {
        return body_of((*html).clone(), HTML);
    }
    let facet_q = q.clone();
    let r = match blocking(&state, move |l| {
        Ok((l.search(&q)?, parallax_store::search_facets(l, &q)?))
    })
    .await
    {
        Ok(r) => r,
        Err(e) if e.status() == StatusCode::BAD_REQUEST => {
            return page(
                StatusCode::BAD_REQUEST,
                "Search",
                &format!("{form}<p class=\"error\">That query cannot be searched.</p>"),
            );
        }
        Err(e) => return failure(e),
    };
    let (r, facets) = r;
    let mut b = form;
    let link = |q: &parallax_store::SearchQuery| {
        let mut parts = vec![format!("q={}", path_segment(&q.text))];
        for (k, v) in [
            ("outlet", &q.outlet),
            ("from", &q.from),
            ("to", &q.to),
            ("actor", &q.actor),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", path_segment(v)));
            }
        }
        parts.join("&amp;")
    };
    let _ = write!(
        b,
        "<div class=\"search-layout\"><aside class=\"card facets\"><h3>By outlet</h3><ul class=\"plain\">"
    );
    let top = facets.outlets.values().copied().max().unwrap_or(1);
    for (outlet, n) in &facets.outlets {
        let mut fq = facet_q.clone();
        fq.outlet = Some(outlet.clone());
        let _ = write!(
            b,
            "<li><a href=\"/search?{}\">{}</a> <span class=\"muted\">{n}</span>{}</li>",
            link(&fq),
            esc(outlet),
            parallax_report::story::bar(*n, top)
        );
    }
    b.push_str("</ul><h3>By month</h3><ul class=\"plain\">");
    let top = facets.months.values().copied().max().unwrap_or(1);
    for (month, n) in &facets.months {
        let label = if month == "undated" {
            esc(month)
        } else {
            let mut fq = facet_q.clone();
            // a month is a date range of its own (YYYY-MM, both ends inclusive)
            fq.from = Some(month.clone());
            fq.to = Some(month.clone());
            format!("<a href=\"/search?{}\">{}</a>", link(&fq), esc(month))
        };
        let _ = write!(
            b,
            "<li>{label} <span class=\"muted\">{n}</span>{}</li>",
            parallax_report::story::bar(*n, top)
        );
    }
    b.push_str("</ul>");
    if facets.counted < facets.total {
        let _ = write!(
            b,
            "<p class=\"muted\">Counted over the first {} matches.</p>",
            facets.counted
        );
    }
    let _ = write!(
        b,
        "</aside><section class=\"card results\"><p class=\"muted\">{} · download them: <a href=\"/search.csv?{}\" download>CSV</a> · <a href=\"/search.jsonl?{}\" download>JSON Lines</a></p><ul class=\"plain results\">",
        count(r.total, "matching article", "matching articles"),
        link(&facet_q),
        link(&facet_q)
    );
    for h in &r.hits {
        let snippet: String = h
            .snippet
            .iter()
            .map(|s| {
                if s.hit {
                    format!("<mark>{}</mark>", esc(&s.text))
                } else {
                    esc(&s.text)
                }
            })
            .collect();
        let _ = write!(
            b,
            "<li><a href=\"/articles/{}\">{}</a> <span class=\"muted\">{} · {}</span><br>{snippet}</li>",
            esc(&h.id),
            esc(&h.title),
            esc(&h.outlet),
            esc(h.published.as_deref().unwrap_or("undated"))
        );
    }
    b.push_str("</ul></section></div>");
    let html = state.remember(key, layout("Search", &text, &b));
    body_of((*html).clone(), HTML)
}

/// Most hits a search download carries.
const DOWNLOAD_HITS: usize = 5000;

pub async fn search_csv(state: AxState<State>, p: Query<SearchParams>) -> Response {
    search_download(state, p, Export::Csv).await
}

pub async fn search_jsonl(state: AxState<State>, p: Query<SearchParams>) -> Response {
    search_download(state, p, Export::Jsonl).await
}

/// Every hit of a search (up to [`DOWNLOAD_HITS`]) as CSV or JSON Lines.
async fn search_download(
    AxState(state): AxState<State>,
    Query(p): Query<SearchParams>,
    kind: Export,
) -> Response {
    let q = p.query();
    let hits = match blocking(&state, move |l| {
        parallax_report::library::all_hits(l, &q, DOWNLOAD_HITS)
    })
    .await
    {
        Ok(h) => h,
        Err(e) => return e,
    };
    let rows = parallax_report::library::search_rows(&hits);
    let body = match kind {
        Export::Csv => parallax_report::library::search_csv(&rows),
        Export::Jsonl => jsonl(&rows),
    };
    download(body, kind, "search")
}

pub async fn import_form(AxState(state): AxState<State>) -> Response {
    let note = if state.cfg.token.is_none() {
        "<p class=\"error\">Writes are disabled on this server: start <code>parallax serve</code> with a token to enable imports.</p>"
    } else {
        ""
    };
    let b = format!(
        "<h1>Import an article</h1>{note}<section class=\"card\"><form class=\"stack\" action=\"/import\" method=\"post\">\
<label for=\"token\">Token</label><input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required>\
<label for=\"outlet\">Outlet</label><input id=\"outlet\" name=\"outlet\" required>\
<label for=\"title\">Title</label><input id=\"title\" name=\"title\">\
<label for=\"url\">URL</label><input id=\"url\" name=\"url\" type=\"url\">\
<label for=\"published\">Published (YYYY-MM-DD)</label><input id=\"published\" name=\"published\">\
<label for=\"text\">Text</label><textarea id=\"text\" name=\"text\" required></textarea>\
<p><button type=\"submit\">Import</button></p></form></section>"
    );
    body_of(layout("Import", "", &b), HTML)
}

#[derive(Debug, Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub outlet: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub published: String,
    #[serde(default)]
    pub text: String,
}

pub async fn import_post(AxState(state): AxState<State>, Form(f): Form<ImportForm>) -> Response {
    if let Err(r) = may_write(&state, (!f.token.is_empty()).then_some(f.token.as_str())) {
        let status = r.status();
        return page(
            status,
            "Import",
            "<h1>Import refused</h1><p class=\"error\">A valid token is needed to import.</p><p><a href=\"/import\">Back</a></p>",
        );
    }
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let record = serde_json::json!({"text": f.text, "outlet": opt(&f.outlet), "title": opt(&f.title), "url": opt(&f.url), "published": opt(&f.published)});
    let body = serde_json::to_vec(&record).expect("json");
    let result = match crate::api::import_bytes(&state, body, "import form").await {
        Ok(r) => r,
        Err(e) => return failure(e),
    };
    let mut b = String::from("<h1>Import</h1><section class=\"card\"><ul class=\"plain\">");
    for o in &result {
        let _ = match o {
            Outcome::Added { id, title, .. } => write!(
                b,
                "<li class=\"ok\">Added: <a href=\"/articles/{}\">{}</a>. Its story is being updated.</li>",
                esc(id),
                esc(title)
            ),
            Outcome::Duplicate {
                existing, reason, ..
            } => write!(
                b,
                "<li>Already in the library ({}): <a href=\"/articles/{}\">open it</a></li>",
                esc(reason),
                esc(existing)
            ),
            Outcome::Skipped { note, .. } => {
                write!(b, "<li class=\"muted\">Skipped: {}</li>", esc(note))
            }
            Outcome::Rejected { error, .. } => {
                write!(b, "<li class=\"error\">Rejected: {}</li>", esc(error))
            }
        };
    }
    b.push_str("</ul><p><a href=\"/import\">Import another</a></p></section>");
    body_of(layout("Import", "", &b), HTML)
}
