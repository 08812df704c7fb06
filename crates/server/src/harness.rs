//! The whole server, driven in-process with one untrusted input at a time: the
//! `api_body` fuzz target and its stable replay in `cargo test` share this, so both
//! check the same things.
//!
//! An input is a mode byte and a payload: a JSON body for `POST /api/import`, a form
//! body for `POST /import`, or a search typed into `/search`, `/api/search` and
//! `/actors`. Whatever it is, no answer may be a 5xx, and every HTML page it leads to
//! (the import result, the article, the story list) must be inert: only the tags the
//! pages themselves use, no `on…` handler, no `javascript:` link.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

use crate::{AppState, ServerConfig, State, router};

const TOKEN: &str = "harness-token-0123456789";

/// Tags the pages are written with; any other tag in a page came from an input.
const PAGE_TAGS: &[&str] = &[
    "!doctype", "a", "article", "aside", "body", "br", "button", "code", "details", "div", "form",
    "h1", "h2", "h3", "h4", "head", "header", "html", "input", "label", "li", "link", "main",
    "mark", "meta", "nav", "ol", "p", "progress", "section", "span", "strong", "summary", "table",
    "tbody", "td", "textarea", "th", "thead", "title", "tr", "ul",
    // the charts: inline SVG drawn by parallax-report
    "svg", "rect", "g", "line", "polyline", "circle", "text",
];

pub struct Harness {
    rt: tokio::runtime::Runtime,
    state: State,
    app: Router,
    imports: usize,
    /// References to the state held by the harness and its router; more means a
    /// background story update still holds it.
    own_refs: usize,
}

impl Harness {
    /// A server over a fresh SQLite library in `dir`, writes enabled with a token.
    pub fn new(dir: &Path) -> Result<Harness, String> {
        let lib = parallax_store::SqliteLibrary::open(dir).map_err(|e| e.to_string())?;
        let cfg = ServerConfig {
            token: Some(TOKEN.into()),
            max_body: 1 << 20,
            ..ServerConfig::default()
        };
        let state = AppState::new(Arc::new(lib), cfg);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let app = router(state.clone());
        let own_refs = Arc::strong_count(&state);
        Ok(Harness {
            app,
            state,
            rt,
            imports: 0,
            own_refs,
        })
    }

    /// Articles added so far (callers start a fresh library now and then, to stay fast).
    pub fn imports(&self) -> usize {
        self.imports
    }

    /// One input through the server. `Err` names the request and what went wrong.
    pub fn run(&mut self, data: &[u8]) -> Result<(), String> {
        let Some((&mode, payload)) = data.split_first() else {
            return Ok(());
        };
        match mode % 3 {
            0 => {
                let (status, body) =
                    self.send("POST", "/api/import", "application/json", payload.to_vec())?;
                if status == StatusCode::OK {
                    let v: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
                        format!("POST /api/import: 200 with a body that is not JSON: {e}")
                    })?;
                    let added: Vec<String> = v["results"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|r| r["outcome"] == "added")
                        .filter_map(|r| r["id"].as_str().map(str::to_string))
                        .collect();
                    for id in added {
                        self.imports += 1;
                        self.page_must_be_inert(
                            &format!("/articles/{}", pct(id.as_bytes())),
                            true,
                        )?;
                        let (s, _) = self.send(
                            "GET",
                            &format!("/api/articles/{}", pct(id.as_bytes())),
                            "",
                            vec![],
                        )?;
                        if s != StatusCode::OK {
                            return Err(format!(
                                "GET /api/articles/{id}: {s} for an article just added"
                            ));
                        }
                    }
                }
            }
            1 => {
                let mut body = format!("token={TOKEN}&").into_bytes();
                body.extend_from_slice(payload);
                let (status, page) =
                    self.send("POST", "/import", "application/x-www-form-urlencoded", body)?;
                if status == StatusCode::OK {
                    inert(&String::from_utf8_lossy(&page))
                        .map_err(|e| format!("POST /import: {e}"))?;
                    self.imports += 1;
                }
            }
            _ => {
                let q = pct(payload);
                for path in [
                    format!("/search?q={q}"),
                    format!("/actors?q={q}"),
                    "/actors".to_string(),
                    format!("/?by={q}"),
                ] {
                    self.page_must_be_inert(&path, false)?;
                }
                self.send("GET", &format!("/api/search?q={q}"), "", vec![])?;
                // downloads: never a 5xx (send says so)
                self.send("GET", &format!("/search.csv?q={q}"), "", vec![])?;
                self.send("GET", &format!("/search.jsonl?q={q}"), "", vec![])?;
            }
        }
        self.page_must_be_inert("/", true)
    }

    fn page_must_be_inert(&self, path: &str, must_exist: bool) -> Result<(), String> {
        let (status, page) = self.send("GET", path, "", vec![])?;
        if must_exist && status != StatusCode::OK {
            return Err(format!("GET {path}: {status}"));
        }
        inert(&String::from_utf8_lossy(&page)).map_err(|e| format!("GET {path}: {e}"))
    }

    /// One request; a 5xx is an error, any other status is the caller's to judge.
    fn send(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), String> {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"));
        if !content_type.is_empty() {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        let mut req = req
            .body(Body::from(body))
            .map_err(|e| format!("{method} {path}: cannot build the request: {e}"))?;
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 9))));
        let app = self.app.clone();
        let (status, bytes) = self.rt.block_on(async move {
            let res = app.oneshot(req).await.expect("the router is infallible");
            let status = res.status();
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await;
            (status, bytes)
        });
        let bytes =
            bytes.map_err(|e| format!("{method} {path}: the body could not be read: {e}"))?;
        if status.is_server_error() {
            return Err(format!(
                "{method} {path}: {status}: {}",
                String::from_utf8_lossy(&bytes)
            ));
        }
        Ok((status, bytes.to_vec()))
    }
}

impl Drop for Harness {
    /// Waits (a little) for a background story update to let go of the library.
    fn drop(&mut self) {
        for _ in 0..200 {
            if Arc::strong_count(&self.state) <= self.own_refs {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// Percent-encodes every byte that is not unreserved, so any input makes a valid URI.
fn pct(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Checks that a page holds only the pages' own tags, no event-handler attribute and
/// no script URL. A small tokenizer that respects quoted attribute values, so text
/// like `value="a onload=x"` (an escaped search echoed back) is not mistaken for one.
pub fn inert(html: &str) -> Result<(), String> {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        if close {
            i += 1;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'!') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        if name.is_empty() {
            return Err(format!("a bare '<' in markup at byte {}", start - 1));
        }
        if !PAGE_TAGS.contains(&name.as_str()) {
            return Err(format!(
                "a <{name}> tag the pages never write, at byte {}",
                start - 1
            ));
        }
        // attributes up to the closing '>'
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                None => return Err(format!("<{name}> is never closed")),
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let a0 = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !b"=>/".contains(&b[i]) {
                i += 1;
            }
            let attr = html[a0..i].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                let v0;
                match b.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        v0 = i + 1;
                        i = html[v0..].find(q as char).map_or(b.len(), |e| v0 + e);
                        value = html[v0..i].to_string();
                        i = (i + 1).min(b.len());
                    }
                    _ => {
                        v0 = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        value = html[v0..i].to_string();
                    }
                }
            }
            if attr.starts_with("on") {
                return Err(format!("an event handler '{attr}' on <{name}>"));
            }
            if matches!(attr.as_str(), "href" | "src" | "action" | "formaction") {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| v.starts_with(s))
                {
                    return Err(format!("a script URL in {attr} of <{name}>: {value}"));
                }
            }
            if i == a0 {
                i += 1; // a stray character: step over it
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inertness_is_judged_by_tags_and_attributes_not_text() {
        assert!(inert("<p class=\"x\">a &lt;script&gt; b</p><input value=\"a onload=x\">").is_ok());
        assert!(inert("<p>hi</p><script>alert(1)</script>").is_err());
        assert!(inert("<p><img src=x onerror=alert(1)></p>").is_err());
        assert!(inert("<a href=\"  JavaScript:alert(1)\">x</a>").is_err());
        assert!(inert("<span onmouseover='x'>y</span>").is_err());
        assert!(inert("<!-- <script> --><p>ok</p>").is_ok());
    }

    #[test]
    fn hostile_imports_render_inert_and_never_fail_the_server() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = Harness::new(dir.path()).unwrap();
        let record = br#"{"outlet":"<b onmouseover=x>Evil</b>","title":"<script>alert(1)</script>","url":"javascript:alert(2)","text":"Nicol\u00e1s Maduro <img src=x onerror=alert(3)> spoke in Caracas. \u201c<svg onload=alert(4)> is a lie,\u201d Maduro said."}"#;
        let mut input = vec![0u8];
        input.extend_from_slice(record);
        h.run(&input).unwrap();
        assert_eq!(h.imports(), 1);
        let mut form = vec![1u8];
        form.extend_from_slice(b"outlet=%3Cscript%3E&text=A+%3Ciframe+src%3Djavascript%3Aalert(1)%3E+long+enough+text+about+Caracas+and+Havana.");
        h.run(&form).unwrap();
        for q in [
            &b"\x02\"unclosed phrase"[..],
            b"\x02<script>*",
            b"\x02\xff\xfe\x00",
            b"\x02",
        ] {
            h.run(q).unwrap();
        }
        for junk in [
            &b"\x00{"[..],
            b"\x00[1,2,3]",
            b"\x00\xff\xff",
            b"\x01%zz&&==",
            b"",
        ] {
            h.run(junk).unwrap();
        }
    }
}
