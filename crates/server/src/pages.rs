//! The web UI: server-rendered pages, no script, everything escaped.

use std::fmt::Write;

use axum::Form;
use axum::extract::{Path, Query, State as AxState};
use axum::http::StatusCode;
use axum::response::Response;
use parallax_core::{AnalyzedArticle, QuoteKind, Voice};
use parallax_report::html::{esc, safe_href};
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

pub async fn stories(AxState(state): AxState<State>, Query(p): Query<Page>) -> Response {
    let (limit, offset) = (p.limit(), p.offset());
    let key = format!("stories:{limit}:{offset}");
    if let Some(html) = state.cached(&key) {
        return body_of((*html).clone(), HTML);
    }
    let data = blocking(&state, move |l| Ok((l.stories(limit, offset)?, l.count()?))).await;
    let (list, count) = match data {
        Ok(x) => x,
        Err(e) => return failure(e),
    };
    let mut b = format!("<h1>Stories</h1><p class=\"muted\">{count} articles in the library.</p>");
    if list.is_empty() {
        b.push_str("<section class=\"card\"><p>No stories yet. <a href=\"/import\">Import articles</a> or run <code>parallax import</code>.</p></section>");
    } else {
        b.push_str("<section class=\"card\"><table class=\"stories\"><thead><tr><th>Story</th><th>Outlets</th><th>Articles</th><th>Dates</th></tr></thead><tbody>");
        for s in &list {
            story_row(&mut b, s);
        }
        b.push_str("</tbody></table>");
        if list.len() == limit {
            let _ = write!(
                b,
                "<p><a href=\"/?offset={}&amp;limit={limit}\">More stories →</a></p>",
                offset + limit
            );
        }
        b.push_str("</section>");
    }
    let html = state.remember(key, layout("Stories", "", &b));
    body_of((*html).clone(), HTML)
}

fn story_row(b: &mut String, s: &StorySummary) {
    let dates = match (&s.first_published, &s.last_published) {
        (Some(a), Some(z)) if a != z => format!("{} – {}", esc(a), esc(z)),
        (Some(a), _) => esc(a),
        _ => "undated".into(),
    };
    let outlets: String = s
        .outlets
        .iter()
        .map(|o| format!("<span class=\"tag\">{}</span>", esc(o)))
        .collect();
    let _ = write!(
        b,
        "<tr><td><a class=\"story-link\" href=\"/stories/{}\">{}</a></td><td>{outlets}</td><td>{}</td><td class=\"muted\">{dates}</td></tr>",
        esc(&s.id),
        esc(&s.title),
        s.articles
    );
}

pub async fn story(AxState(state): AxState<State>, Path(id): Path<String>) -> Response {
    let key = format!("story:{id}");
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
        layout(&rec.story.title, "", &render_story(&rec, &texts)),
    );
    body_of((*html).clone(), HTML)
}

fn render_story(rec: &StoryRecord, texts: &[AnalyzedArticle]) -> String {
    let s = &rec.story;
    let mut b = format!("<h1>{}</h1><p>", esc(&s.title));
    for o in &s.outlets {
        let _ = write!(b, "<span class=\"tag\">{}</span>", esc(o));
    }
    let _ = write!(
        b,
        "<span class=\"muted\">{}</span></p>",
        count(s.articles.len(), "article", "articles")
    );
    let view = StoryView::new(
        s,
        rec.articles.iter().collect(),
        rec.outlets.iter().collect(),
        texts.iter().collect(),
        Links::Web,
    );
    story_sections(&mut b, &view);
    b
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
pub struct ActorsQuery {
    #[serde(default)]
    pub q: String,
}

pub async fn actors(AxState(state): AxState<State>, Query(p): Query<ActorsQuery>) -> Response {
    let q = p.q.clone();
    let found = if q.trim().is_empty() {
        Ok(Vec::new())
    } else {
        blocking(&state, move |l| l.find_actors(&q, 50)).await
    };
    let found = match found {
        Ok(f) => f,
        Err(e) => return failure(e),
    };
    let mut b = format!(
        "<h1>Actors</h1><form action=\"/actors\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"A name: Maduro, ALBA, Cuba…\"> <button>Find</button></form>",
        esc(&p.q)
    );
    if !p.q.trim().is_empty() {
        let _ = write!(
            b,
            "<section class=\"card\"><p class=\"muted\">{} matching actors</p><ul class=\"plain\">",
            found.len()
        );
        for a in &found {
            let _ = write!(
                b,
                "<li><a href=\"/actors/{}\">{}</a> <span class=\"muted\">{} · {} articles, {} mentions</span></li>",
                path_segment(&a.id),
                esc(&a.name),
                a.kind.as_str(),
                a.articles,
                a.mentions
            );
        }
        b.push_str("</ul></section>");
    }
    body_of(layout("Actors", "", &b), HTML)
}

pub async fn actor(AxState(state): AxState<State>, Path(id): Path<String>) -> Response {
    let key = format!("actor:{id}");
    if let Some(html) = state.cached(&key) {
        return body_of((*html).clone(), HTML);
    }
    let p = match blocking(&state, move |l| l.actor(&id)).await {
        Ok(Some(p)) => p,
        Ok(None) => return not_found().await,
        Err(e) => return failure(e),
    };
    let mut b = format!(
        "<h1>{}</h1><p><span class=\"tag\">{}</span><span class=\"muted\">{} articles, {} mentions · named as {}</span></p>",
        esc(&p.actor.name),
        p.actor.kind.as_str(),
        p.actor.articles,
        p.actor.mentions,
        esc(&p.variants.join(", "))
    );
    let _ = write!(
        b,
        "<p><a href=\"/search?q=&amp;actor={}\">Articles naming this actor</a></p>",
        path_segment(&p.actor.id)
    );
    b.push_str(
        "<section class=\"card\"><h3>Labels each outlet uses, over time</h3><div class=\"cols\">",
    );
    for (outlet, o) in &p.outlets {
        let _ = write!(
            b,
            "<div class=\"outlet-labels\"><p class=\"outlet\">{} <span class=\"muted\">{} articles, {} mentions, {} quotes</span></p><table><tbody>",
            esc(outlet),
            o.articles,
            o.mentions,
            o.quotes
        );
        if o.labels.is_empty() {
            b.push_str("<tr><td class=\"muted\">no labels</td></tr>");
        }
        for l in &o.labels {
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
                esc(&l.article)
            );
        }
        b.push_str("</tbody></table></div>");
    }
    b.push_str("</div></section><section class=\"card\"><h3>Quote share</h3><div class=\"bars\">");
    let max = p
        .outlets
        .values()
        .map(|o| o.quotes)
        .max()
        .unwrap_or(1)
        .max(1);
    for (outlet, o) in &p.outlets {
        let _ = write!(
            b,
            "<div class=\"row\"><span>{}</span><progress max=\"{max}\" value=\"{}\"></progress><span>{}</span></div>",
            esc(outlet),
            o.quotes,
            o.quotes
        );
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
    let r = match blocking(&state, move |l| l.search(&q)).await {
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
    let mut b = form;
    let _ = write!(
        b,
        "<section class=\"card\"><p class=\"muted\">{} matching articles</p><ul class=\"plain results\">",
        r.total
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
    b.push_str("</ul></section>");
    let html = state.remember(key, layout("Search", &text, &b));
    body_of((*html).clone(), HTML)
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
