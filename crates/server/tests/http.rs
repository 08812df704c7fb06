//! The server over real HTTP on loopback: reads, writes and their token, limits,
//! timeouts, headers, and hostile article text rendered inert in every page.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parallax_analyze::Analyzer;
use parallax_compare::CompareOptions;
use parallax_core::{Article, ArticleMeta, Outlet};
use parallax_server::{AppState, ServerConfig, router};
use parallax_store::{Library, SqliteLibrary};
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789";

fn hostile() -> Article {
    let meta = ArticleMeta {
        title: Some("<script>window.pwned=1</script>Evil <img src=x onerror=alert(1)>".into()),
        url: Some("javascript:alert(2)".into()),
        published: Some("2024-04-26".into()),
        source: "evil.txt".into(),
        ..Default::default()
    };
    Article::new(
        Outlet::named("<b onmouseover=alert(3)>Evil Outlet</b>"),
        meta,
        "Nicolás Maduro <script>window.pwned=2</script> spoke in Caracas about the ALBA summit and Palestine. “<img src=y onerror=alert(4)> is a lie,” Maduro said.".into(),
        vec![],
    )
}

fn seeds() -> Vec<Article> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut out = Vec::new();
    parallax_ingest::ingest_paths(
        &[dir],
        &parallax_ingest::IngestOptions::default(),
        &mut |r| out.push(r.unwrap()),
    );
    out
}

fn library() -> (tempfile::TempDir, Arc<dyn Library>) {
    let d = tempfile::tempdir().unwrap();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    let an = Analyzer::new();
    for a in seeds().into_iter().chain([hostile()]) {
        lib.import(&a, &an.analyze(&a)).unwrap();
    }
    parallax_store::update_stories(&lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    (d, Arc::new(lib))
}

/// Starts a server on a free loopback port in its own thread.
fn start(lib: Arc<dyn Library>, cfg: ServerConfig) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(parallax_server::serve(
            lib,
            "127.0.0.1:0".parse().unwrap(),
            cfg,
            |a| tx.send(a).unwrap(),
        ))
        .unwrap();
    });
    rx.recv_timeout(Duration::from_secs(10)).unwrap()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn get(addr: SocketAddr, path: &str) -> (u16, String, ureq::http::HeaderMap) {
    let mut r = agent().get(format!("http://{addr}{path}")).call().unwrap();
    let headers = r.headers().clone();
    (
        r.status().as_u16(),
        r.body_mut().read_to_string().unwrap_or_default(),
        headers,
    )
}

fn with_token() -> ServerConfig {
    ServerConfig {
        token: Some(TOKEN.into()),
        ..Default::default()
    }
}

#[test]
fn reads_and_headers() {
    let (_d, lib) = library();
    let addr = start(lib, with_token());
    let (s, body, h) = get(addr, "/");
    assert_eq!(s, 200);
    assert!(body.contains("story-link"));
    let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert!(h.get("access-control-allow-origin").is_none());
    let (s, body, _) = get(addr, "/api/health");
    assert_eq!(s, 200);
    assert!(body.contains("\"articles\":3"), "{body}");
    let (_, body, _) = get(addr, "/api/search?q=%22socialist%20dictator%22");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 1);
    // issue 16: an outlet in any case; a date that is no date is a 400, not nothing
    let (s, body, _) = get(addr, "/api/search?q=maduro&outlet=BREITBART");
    assert_eq!(s, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 1, "{body}");
    for bad in ["2019-13-01", "yesterday"] {
        let (s, body, _) = get(addr, &format!("/api/search?q=maduro&from={bad}"));
        assert_eq!(s, 400, "{bad}: {body}");
        assert!(body.contains("not a date"), "{body}");
    }
    // facets on request: matches per outlet and per month, as the CLI's
    let (s, body, _) = get(addr, "/api/search?q=maduro&facets=1");
    assert_eq!(s, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let f = &v["facets"];
    assert_eq!(f["total"], v["total"], "{body}");
    let per_outlet: u64 = f["outlets"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(per_outlet, v["total"].as_u64().unwrap(), "{body}");
    assert!(!f["months"].as_object().unwrap().is_empty(), "{body}");
    let (_, body, _) = get(addr, "/api/search?q=maduro");
    assert!(!body.contains("\"facets\""), "{body}");
    let (s, body, _) = get(addr, "/api/openapi.json");
    assert_eq!(s, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(v["paths"]["/api/search"]["get"].is_object());
    let (s, _, _) = get(addr, "/api/stories/nope");
    assert_eq!(s, 404);
}

#[test]
fn writes_need_the_token() {
    let (_d, lib) = library();
    let addr = start(lib.clone(), with_token());
    let body = r#"{"text":"The mayor said on Monday that the old bridge would reopen next week.","outlet":"Local"}"#;
    let post = |auth: Option<&str>| {
        let mut req = agent().post(format!("http://{addr}/api/import"));
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        req.content_type("application/json")
            .send(body)
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(post(None), 401);
    assert_eq!(post(Some("Bearer wrong-token")), 401);
    assert_eq!(post(Some("Basic dGVzdA==")), 401);
    assert_eq!(lib.count().unwrap(), 3);
    assert_eq!(post(Some(&format!("Bearer {TOKEN}"))), 200);
    assert_eq!(lib.count().unwrap(), 4);
    // delete
    let id = lib
        .list(10, 0)
        .unwrap()
        .into_iter()
        .find(|a| a.outlet == "Local")
        .unwrap()
        .id;
    let del = |auth: Option<&str>| {
        let mut req = agent().delete(format!("http://{addr}/api/articles/{id}"));
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        req.call().unwrap().status().as_u16()
    };
    assert_eq!(del(None), 401);
    assert_eq!(del(Some(&format!("Bearer {TOKEN}"))), 200);
    assert_eq!(del(Some(&format!("Bearer {TOKEN}"))), 404);
    // the form needs it too
    let form = agent()
        .post(format!("http://{addr}/import"))
        .send_form([
            ("token", "nope"),
            ("outlet", "X"),
            ("text", "Some words here for an article."),
        ])
        .unwrap();
    assert_eq!(form.status().as_u16(), 401);
    // a server without a token is read-only
    let ro = start(lib, ServerConfig::default());
    let r = agent()
        .post(format!("http://{ro}/api/import"))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send(body)
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
}

#[test]
fn limits_traversal_methods_and_slow_clients() {
    let (_d, lib) = library();
    let cfg = ServerConfig {
        max_body: 1024,
        timeout: Duration::from_secs(1),
        ..with_token()
    };
    let addr = start(lib, cfg);
    let big = "x".repeat(10_000);
    let r = agent()
        .post(format!("http://{addr}/api/import"))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send(big.as_str())
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    // raw requests, so no client normalises the paths
    let raw = |req: &str| -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(req.as_bytes()).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    };
    for path in [
        "/static/../../../../etc/passwd",
        "/static/..%2f..%2fetc%2fpasswd",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let resp = raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ));
        assert!(
            resp.starts_with("HTTP/1.1 404") || resp.starts_with("HTTP/1.1 400"),
            "{path}: {}",
            resp.lines().next().unwrap_or("")
        );
        assert!(!resp.contains("root:"), "{path} leaked a file");
    }
    let resp = raw(
        "OPTIONS / HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n",
    );
    assert!(
        resp.starts_with("HTTP/1.1 405"),
        "{}",
        resp.lines().next().unwrap_or("")
    );
    assert!(!resp.to_lowercase().contains("access-control-allow-origin"));
    // a client that never finishes its headers is cut off
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let t = Instant::now();
    let mut buf = [0u8; 256];
    let n = s.read(&mut buf).unwrap_or(0);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "slow client held the connection for {:?}",
        t.elapsed()
    );
    let _ = n;
}

#[tokio::test]
async fn remote_clients_are_refused_unless_allowed() {
    let (_d, lib) = library();
    let req = |path: &str| {
        let mut r = axum::http::Request::get(path)
            .body(axum::body::Body::empty())
            .unwrap();
        r.extensions_mut()
            .insert(axum::extract::ConnectInfo::<SocketAddr>(
                "10.1.2.3:5555".parse().unwrap(),
            ));
        r
    };
    let closed = router(AppState::new(lib.clone(), with_token()));
    assert_eq!(
        closed.oneshot(req("/api/health")).await.unwrap().status(),
        403
    );
    let open = router(AppState::new(
        lib,
        ServerConfig {
            allow_remote_reads: true,
            ..with_token()
        },
    ));
    assert_eq!(
        open.oneshot(req("/api/health")).await.unwrap().status(),
        200
    );
}

#[test]
fn hostile_text_is_inert_in_every_page() {
    let (_d, lib) = library();
    let evil_id = hostile().id;
    let story = lib
        .stories(20, 0)
        .unwrap()
        .into_iter()
        .find(|s| {
            lib.story(&s.id)
                .unwrap()
                .unwrap()
                .articles
                .iter()
                .any(|a| a.id == evil_id)
        })
        .unwrap()
        .id;
    let actor = lib.find_actors("Nicolás Maduro", 1).unwrap()[0].id.clone();
    let addr = start(lib, with_token());
    for path in [
        "/".to_string(),
        format!("/stories/{story}"),
        format!("/articles/{evil_id}"),
        format!("/actors/{}", actor.replace(' ', "%20")),
        "/search?q=maduro".to_string(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&outlet=%22%3E%3Cscript%3E".to_string(),
        "/actors?q=%3Cimg%20src%3Dx%3E".to_string(),
        "/actors".to_string(),
    ] {
        let (s, body, _) = get(addr, &path);
        assert_eq!(s, 200, "{path}");
        let lower = body.to_lowercase();
        for bad in ["<script", "<img", "javascript:", "<b "] {
            assert!(!lower.contains(bad), "{path}: {bad} reached the page");
        }
    }
    let (_, body, _) = get(addr, &format!("/articles/{evil_id}"));
    assert!(body.contains("&lt;script&gt;window.pwned=2&lt;/script&gt;"));
}

#[test]
fn browsing_pages_charts_facets_and_downloads() {
    let (_d, lib) = library();
    let stories = lib.stories(20, 0).unwrap();
    let story = stories
        .iter()
        .find(|s| s.outlets.len() > 1)
        .unwrap()
        .id
        .clone();
    let actor = lib.find_actors("Nicolás Maduro", 1).unwrap()[0].id.clone();
    let addr = start(lib, with_token());

    // the story list: one index with coverage bars, and the blindspots
    let (_, home, _) = get(addr, "/");
    assert!(home.contains("<svg class=\"coverage\""), "{home}");
    assert!(home.contains("<h3>Blindspots</h3>"), "{home}");

    // the story page: the overview first, single-outlet actors flagged, downloads
    let (_, page, _) = get(addr, &format!("/stories/{story}"));
    let at = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing from the story page"))
    };
    assert!(at("class=\"overview\"") < at("Actors and their labels"));
    assert!(at("Actors and their labels") < at("Quote share"));
    assert!(at("Quote share") < at("Facts, outlet by outlet"));
    assert!(at("Facts, outlet by outlet") < at("Articles side by side"));
    assert!(
        page.contains("named only by Breitbart"),
        "no single-outlet flag"
    );
    assert!(
        !page.contains(" style="),
        "an inline style the CSP would refuse"
    );

    // findings as CSV and JSON Lines
    let (s, csv, h) = get(addr, &format!("/stories/{story}/findings.csv"));
    assert_eq!(s, 200);
    assert!(
        h.get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        h.get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    assert!(
        csv.starts_with("story,kind,outlet,actor,text,count,fact,article,sentence,confidence\r\n")
    );
    assert!(
        csv.contains(",label,Breitbart,Nicolás Maduro,Venezuela’s socialist dictator,"),
        "{csv}"
    );
    let (s, jl, _) = get(addr, &format!("/stories/{story}/findings.jsonl"));
    assert_eq!(s, 200);
    // records end in CRLF; a quoted cell may hold a bare line break
    assert_eq!(jl.lines().count() + 1, csv.matches("\r\n").count());
    for l in jl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["story"], story.as_str());
    }
    assert_eq!(get(addr, &format!("/stories/{story}/findings.txt")).0, 404);
    assert_eq!(get(addr, "/stories/nope/findings.csv").0, 404);

    // actors ranked by mentions without a query, no demo placeholder
    let (_, actors, _) = get(addr, "/actors");
    assert!(actors.contains("Nicolás Maduro") && actors.contains("Mentions by outlet"));
    assert!(!actors.contains("Maduro, ALBA, Cuba"));
    let first = actors.find("<td><a href=\"/actors/").unwrap();
    let palestine = actors.find(">Palestine<").unwrap();
    let maduro = actors.find(">Nicolás Maduro<").unwrap();
    assert!(
        first < palestine && palestine < maduro,
        "not ranked by mentions"
    );

    // an actor: mentions over time and quote share as charts
    let (_, a, _) = get(addr, &format!("/actors/{}", actor.replace(' ', "%20")));
    assert!(a.contains("Mentions and labels per outlet, over time"));
    assert!(a.contains("<svg class=\"chart\""), "no timeline chart");
    assert!(
        a.contains("<svg class=\"chart bars-chart\""),
        "no quote-share chart"
    );
    assert!(!a.contains("<progress"));

    // search: facets and downloads
    let (_, sr, _) = get(addr, "/search?q=maduro");
    assert!(sr.contains("By outlet") && sr.contains("By month"));
    assert!(sr.contains("/search.csv?q=maduro"));
    // a month's facet links to that month, which searches as a range
    assert!(
        sr.contains("/search?q=maduro&amp;from=2024-04&amp;to=2024-04"),
        "{sr}"
    );
    let (s, month, _) = get(addr, "/search?q=maduro&from=2024-04&to=2024-04");
    assert_eq!(s, 200);
    assert!(month.contains("2 matching articles"), "{month}");
    let (s, csv, _) = get(addr, "/search.csv?q=maduro");
    assert_eq!(s, 200);
    assert!(csv.starts_with("id,outlet,published,title,url,score,snippet\r\n"));
    assert_eq!(csv.matches("\r\n").count(), 1 + 3, "{csv}");
    let (_, jl, _) = get(addr, "/search.jsonl?q=maduro&outlet=Breitbart");
    assert_eq!(jl.lines().count(), 1, "{jl}");
}

/// The story list's blindspots cover the whole library, not the page shown:
/// the list puts stories of more outlets first, so a story only one side
/// covered sits on the last page.
#[test]
fn blindspots_cover_every_story_not_only_the_page() {
    let d = tempfile::tempdir().unwrap();
    let lib = SqliteLibrary::open(d.path()).unwrap();
    let an = Analyzer::new();
    let outlet = |name: &str, lean: &str| {
        let mut o = Outlet::named(name);
        o.attributes.insert("lean".into(), lean.into());
        o
    };
    let article = |o: Outlet, title: &str, text: &str| {
        let meta = ArticleMeta {
            title: Some(title.into()),
            published: Some("2024-05-02".into()),
            source: format!("{title}.txt"),
            ..Default::default()
        };
        Article::new(o, meta, text.into(), vec![])
    };
    let strike = "Maria Lopez led thousands of dockworkers on strike at the port of Valparaíso on Tuesday, halting copper shipments. The union said the strike would last until wages rose.";
    let quake = "An earthquake struck Tabriz on Monday, and rescuers led by Ahmed Karimi searched the rubble for survivors. The quake destroyed hundreds of homes in the city.";
    for a in [
        article(outlet("Left Daily", "left"), "Port strike", strike),
        article(
            outlet("Right Times", "right"),
            "Dockworkers strike",
            "Copper shipments stopped at the port of Valparaíso on Tuesday as Maria Lopez and her union of dockworkers went on strike. The strike will go on until wages rise, the union said.",
        ),
        article(outlet("Left Daily", "left"), "Tabriz earthquake", quake),
    ] {
        lib.import(&a, &an.analyze(&a)).unwrap();
    }
    parallax_store::update_stories(&lib, CompareOptions::default(), None, &mut |_| {}).unwrap();
    let stories = lib.stories(10, 0).unwrap();
    assert_eq!(stories.len(), 2, "{stories:#?}");
    assert_eq!(stories[1].title, "Tabriz earthquake", "{stories:#?}");
    let addr = start(Arc::new(lib), with_token());
    // a page of one story: the strike, covered from both sides
    let (s, page, _) = get(addr, "/?limit=1");
    assert_eq!(s, 200);
    let blind = &page
        [page.find("<h3>Blindspots</h3>").unwrap()..page.find("<h3>Every story</h3>").unwrap()];
    assert!(blind.contains("Tabriz earthquake"), "{blind}");
    assert!(blind.contains("only left"), "{blind}");
    assert!(!blind.contains("Port strike"), "{blind}");
    let listed = &page[page.find("<h3>Every story</h3>").unwrap()..];
    assert!(!listed.contains("Tabriz earthquake"), "{listed}");
}
