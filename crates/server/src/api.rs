//! The JSON API (documented at /api/openapi.json).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as AxState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use parallax_analyze::ARTICLE_BUDGET;
use parallax_ingest::{Format, Input, Reader};
use parallax_store::{Importer, Library, Outcome, SearchQuery};
use serde::Deserialize;
use serde_json::json;

use crate::State;
use crate::security::{bearer, may_write};

pub fn error(status: StatusCode, msg: impl Into<String>) -> Response {
    (status, Json(json!({ "error": msg.into() }))).into_response()
}

/// Runs a library call off the async threads.
pub async fn blocking<T: Send + 'static>(
    state: &State,
    f: impl FnOnce(&dyn Library) -> parallax_store::Result<T> + Send + 'static,
) -> Result<T, Response> {
    let lib = state.lib.clone();
    // waits for a slot (never closed): a bounded number of calls run at once
    let _slot = state.db_slots.acquire().await.ok();
    match tokio::task::spawn_blocking(move || f(lib.as_ref())).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(parallax_store::StoreError::Query(m))) => Err(error(StatusCode::BAD_REQUEST, m)),
        Ok(Err(e)) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
        Err(_) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request failed",
        )),
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct Page {
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl Page {
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(50).clamp(1, 200)
    }
    pub fn offset(&self) -> usize {
        self.offset.unwrap_or(0).min(1_000_000)
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub actor: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
    /// `facets=1` (or `true`): the API's answer adds the matches per outlet and
    /// per month, as `parallax search --json --facets` does.
    pub facets: Option<String>,
}

impl SearchParams {
    /// Whether the facets were asked for.
    pub fn with_facets(&self) -> bool {
        matches!(
            self.facets.as_deref().map(str::trim),
            Some("1" | "true" | "yes" | "on")
        )
    }

    pub fn query(&self) -> SearchQuery {
        let nonempty = |o: &Option<String>| {
            o.as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        SearchQuery {
            text: self.q.chars().take(500).collect(),
            outlet: nonempty(&self.outlet),
            from: nonempty(&self.from),
            to: nonempty(&self.to),
            actor: nonempty(&self.actor),
            limit: self.limit.unwrap_or(20).clamp(1, 100),
            offset: self.offset.unwrap_or(0).min(10_000),
        }
    }
}

pub async fn health(AxState(state): AxState<State>) -> Response {
    match blocking(&state, |l| Ok((l.count()?, l.schema_version()?))).await {
        Ok((n, v)) => {
            Json(json!({"status": "ok", "articles": n, "schema_version": v})).into_response()
        }
        Err(e) => e,
    }
}

pub async fn stories(AxState(state): AxState<State>, Query(p): Query<Page>) -> Response {
    let (limit, offset) = (p.limit(), p.offset());
    match blocking(&state, move |l| l.stories(limit, offset)).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e,
    }
}

pub async fn story(AxState(state): AxState<State>, Path(id): Path<String>) -> Response {
    match blocking(&state, move |l| l.story(&id)).await {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "no such story"),
        Err(e) => e,
    }
}

pub async fn articles(AxState(state): AxState<State>, Query(p): Query<Page>) -> Response {
    let (limit, offset) = (p.limit(), p.offset());
    match blocking(&state, move |l| l.list(limit, offset)).await {
        Ok(v) => Json(v).into_response(),
        Err(e) => e,
    }
}

pub async fn article(AxState(state): AxState<State>, Path(id): Path<String>) -> Response {
    match blocking(&state, move |l| l.article(&id)).await {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "no such article"),
        Err(e) => e,
    }
}

pub async fn delete(
    AxState(state): AxState<State>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Err(r) = may_write(&state, bearer(&headers).as_deref()) {
        return r;
    }
    match blocking(&state, move |l| l.delete(&id)).await {
        Ok(true) => {
            state.changed();
            state.update_stories();
            Json(json!({"deleted": true})).into_response()
        }
        Ok(false) => error(StatusCode::NOT_FOUND, "no such article"),
        Err(e) => e,
    }
}

pub async fn search(AxState(state): AxState<State>, Query(p): Query<SearchParams>) -> Response {
    let q = p.query();
    let facets = p.with_facets();
    let key = format!(
        "api-search:{facets}:{}",
        serde_json::to_string(&q).unwrap_or_default()
    );
    if let Some(body) = state.cached(&key) {
        return crate::security::body_of((*body).clone(), "application/json");
    }
    match blocking(&state, move |l| {
        let r = l.search(&q)?;
        Ok(if facets {
            let f = parallax_store::search_facets(l, &q)?;
            serde_json::json!({"total": r.total, "hits": r.hits, "facets": f})
        } else {
            serde_json::to_value(&r).expect("serialisable")
        })
    })
    .await
    {
        Ok(v) => {
            let body = state.remember(key, serde_json::to_string(&v).expect("serialisable"));
            crate::security::body_of((*body).clone(), "application/json")
        }
        Err(e) => e,
    }
}

#[derive(Debug, Deserialize)]
pub struct ActorQuery {
    #[serde(default)]
    pub q: String,
}

/// Actors matching `q`; without one, the actors with most mentions.
pub async fn actors(AxState(state): AxState<State>, Query(p): Query<ActorQuery>) -> Response {
    match blocking(&state, move |l| {
        if p.q.trim().is_empty() {
            Ok(parallax_store::top_actors(l, 50, 0)?
                .into_iter()
                .map(|r| r.actor)
                .collect())
        } else {
            l.find_actors(&p.q, 50)
        }
    })
    .await
    {
        Ok(v) => Json(v).into_response(),
        Err(e) => e,
    }
}

pub async fn actor(AxState(state): AxState<State>, Path(id): Path<String>) -> Response {
    match blocking(&state, move |l| l.actor(&id)).await {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "no such actor"),
        Err(e) => e,
    }
}

/// Imports the articles of a JSON body (one record object, or an array of them,
/// in the JSON Lines record format of docs/inputs.md), then updates the stories in
/// the background.
pub async fn import(AxState(state): AxState<State>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(r) = may_write(&state, bearer(&headers).as_deref()) {
        return r;
    }
    match import_bytes(&state, body.to_vec(), "api").await {
        Ok(v) => Json(import_answer(v)).into_response(),
        Err(e) => e,
    }
}

/// Shared by the API and the import form: the articles of a JSON body (one
/// record or an array, docs/inputs.md) go through the same reader and importer
/// as `parallax import` (outlet book, outlet names joined to the library's,
/// copies caught, each analysis within the same budget).
pub async fn import_bytes(
    state: &State,
    body: Vec<u8>,
    source: &'static str,
) -> Result<Vec<Outcome>, Response> {
    let analyzer = state.analyzer();
    let read = state.cfg.read.clone();
    let outcomes = blocking(state, move |lib| {
        let mut reader = Reader::new(read);
        reader.know_outlets(lib.outlets()?.iter().map(String::as_str));
        let mut importer = Importer::new(lib, &analyzer, ARTICLE_BUDGET);
        let mut outcomes = Vec::new();
        let mut stopped = Ok(());
        reader.read(
            Input::Bytes {
                name: source,
                bytes: &body,
                format: Some(Format::Jsonl),
            },
            &mut |r| {
                if stopped.is_ok() {
                    stopped = importer.push(r, &mut |o| outcomes.push(o));
                }
            },
        );
        // a full disk: what was committed stays, the rest of the body is refused
        stopped
            .and_then(|()| importer.finish(&mut |o| outcomes.push(o)))
            .map_err(|stop| stop.error)?;
        Ok(outcomes)
    })
    .await?;
    if outcomes.iter().any(|o| matches!(o, Outcome::Added { .. })) {
        state.changed();
        state.update_stories();
    }
    Ok(outcomes)
}

/// The API's answer to an import: `results` (added and duplicate) and `rejected`.
fn import_answer(outcomes: Vec<Outcome>) -> serde_json::Value {
    let (rejected, results): (Vec<Outcome>, Vec<Outcome>) = outcomes
        .into_iter()
        .partition(|o| matches!(o, Outcome::Rejected { .. }));
    json!({"results": results, "rejected": rejected})
}

pub async fn openapi() -> Response {
    let id = |what: &str| json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": what});
    let page = json!([
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}},
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}}
    ]);
    let ok = |d: &str| json!({"200": {"description": d, "content": {"application/json": {}}}, "404": {"description": "not found"}});
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "parallax", "version": env!("CARGO_PKG_VERSION"),
                 "description": "How different news outlets cover the same story: a library of analysed articles, their stories, actors and search. Reads are open to loopback clients; writes need `Authorization: Bearer <token>`. JSON shapes follow docs/json.md."},
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/api/health": {"get": {"summary": "Library size and schema version", "responses": ok("status")}},
            "/api/stories": {"get": {"summary": "Stories, most outlets first", "parameters": page, "responses": ok("story summaries")}},
            "/api/stories/{id}": {"get": {"summary": "One story's comparison", "parameters": [id("story id")], "responses": ok("story record")}},
            "/api/articles": {"get": {"summary": "Articles, newest first", "parameters": page, "responses": ok("article summaries")}},
            "/api/articles/{id}": {
                "get": {"summary": "An article with its analysis", "parameters": [id("article id")], "responses": ok("analysed article")},
                "delete": {"summary": "Delete an article", "security": [{"token": []}], "parameters": [id("article id")],
                           "responses": {"200": {"description": "deleted"}, "401": {"description": "missing or wrong token"}, "403": {"description": "writes disabled"}, "404": {"description": "not found"}}}
            },
            "/api/search": {"get": {"summary": "Full-text search", "parameters": [
                {"name": "q", "in": "query", "required": true, "schema": {"type": "string"}, "description": "words, \"phrases\", prefix*"},
                {"name": "outlet", "in": "query", "schema": {"type": "string"}},
                {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
                {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
                {"name": "actor", "in": "query", "schema": {"type": "string"}, "description": "a name or an identity id"},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                {"name": "facets", "in": "query", "description": "1: add the matches per outlet and per month", "schema": {"type": "string", "enum": ["1", "true"]}}
            ], "responses": {"200": {"description": "hits with highlighted snippets"}, "400": {"description": "bad query"}}}},
            "/api/actors": {"get": {"summary": "Find actors by name; without a name, the 50 with most mentions", "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}], "responses": ok("actor summaries")}},
            "/api/actors/{id}": {"get": {"summary": "An actor's labels and quotes per outlet", "parameters": [id("identity id")], "responses": ok("actor profile")}},
            "/api/import": {"post": {"summary": "Import articles", "security": [{"token": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]}}}},
                "responses": {"200": {"description": "outcome per article"}, "401": {"description": "missing or wrong token"}, "403": {"description": "writes disabled"}, "413": {"description": "body too large"}}}}
        }
    });
    Json(doc).into_response()
}
