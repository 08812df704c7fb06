//! The HTML report and the web app in a real browser: Debian's Chromium,
//! headless. Checks each rendered page for its sections and for console errors
//! (a Content-Security-Policy violation is one), that a hostile article runs
//! nothing, and that a story page shows its overview, coverage bar and actors
//! table in the first screen at 1400×900; saves a screenshot of each page in
//! tests-output/browser/ (git-ignored) for people to look at.
//!
//! `scripts/test` installs Chromium and sets PARALLAX_REQUIRE_BROWSER=1, so in CI a
//! missing browser is a failure, not a skip.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PARALLAX_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn browser_or_skip() -> Option<PathBuf> {
    match chromium() {
        Some(p) => Some(p),
        None if std::env::var_os("PARALLAX_REQUIRE_BROWSER").is_some() => {
            panic!(
                "PARALLAX_REQUIRE_BROWSER is set but no Chromium was found (apt-get install chromium)"
            )
        }
        None => {
            eprintln!(
                "skipping browser test: no Chromium (install Debian's chromium, or run scripts/test)"
            );
            None
        }
    }
}

/// Loads `page` headless; returns the DOM after load and the console lines.
fn render(browser: &Path, page: &Path, screenshot: Option<&Path>) -> (String, Vec<String>) {
    let size = if screenshot.is_some() {
        (1400, 2600)
    } else {
        (1400, 900)
    };
    load(
        browser,
        &format!("file://{}", page.display()),
        size,
        screenshot,
    )
}

/// Loads `url` headless in a window of `size`: the DOM after load (or, given a
/// path, a screenshot there) and the console lines.
fn load(
    browser: &Path,
    url: &str,
    size: (u32, u32),
    screenshot: Option<&Path>,
) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .arg(format!("--window-size={},{}", size.0, size.1));
    match screenshot {
        Some(png) => {
            cmd.arg(format!("--screenshot={}", png.display()));
        }
        None => {
            cmd.arg("--dump-dom");
        }
    }
    let out = cmd.arg(url).output().expect("chromium runs");
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

fn report(inputs: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            "compare",
            inputs.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Where screenshots are kept for people to look at: tests-output/browser/ at
/// the top of the checkout (git-ignored).
fn artifacts() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests-output/browser");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Takes a screenshot of `url` at `size` into the artefacts as `name`, and
/// checks that there is one.
fn screenshot(browser: &Path, url: &str, size: (u32, u32), name: &str) {
    let png = artifacts().join(name);
    let _ = std::fs::remove_file(&png);
    let (_, console) = load(browser, url, size, Some(&png));
    assert!(console.is_empty(), "{url}: console output: {console:?}");
    assert!(
        std::fs::metadata(&png)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false),
        "no screenshot at {}",
        png.display()
    );
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn parallax(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .unwrap()
}

/// A library of `inputs` read with the outlet book `book`.
fn library(dir: &Path, inputs: &Path, book: &Path) -> PathBuf {
    let lib = dir.join("lib");
    let out = parallax(&[
        "import",
        inputs.to_str().unwrap(),
        "--outlets",
        book.to_str().unwrap(),
        "--library",
        lib.to_str().unwrap(),
        "-q",
    ]);
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    lib
}

struct Server(Child, SocketAddr);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `parallax serve` over `lib` on a free loopback port.
fn serve(lib: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            "serve",
            "--library",
            lib.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let t = Instant::now();
    let addr = loop {
        line.clear();
        if err.read_line(&mut line).unwrap() == 0 || t.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("serve did not start: {line}");
        }
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || {
        let mut sink = String::new();
        while err.read_line(&mut sink).is_ok_and(|n| n > 0) {
            sink.clear();
        }
    });
    Server(child, addr)
}

fn get(addr: SocketAddr, path: &str) -> String {
    let mut st = TcpStream::connect(addr).unwrap();
    st.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        st,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    let _ = st.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    assert!(
        text.starts_with("HTTP/1.1 200"),
        "{path}: {}",
        text.lines().next().unwrap_or("")
    );
    text.split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .into()
}

/// Where each of `selectors` is laid out in a 1400×900 window: (top, bottom)
/// in CSS pixels, none when nothing matches. The served page and its stylesheet
/// are copied into a file with a probe script added (the server's own pages
/// run no script: its CSP forbids them).
fn layout(
    browser: &Path,
    addr: SocketAddr,
    path: &str,
    selectors: &[&str],
) -> Vec<Option<(i64, i64)>> {
    let css = get(addr, "/static/parallax.css");
    let page = get(addr, path).replace(
        "<link rel=\"stylesheet\" href=\"/static/parallax.css\">",
        &format!("<style>{css}</style>"),
    );
    let list = selectors
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(",");
    let probe = format!(
        "<script>const o=[];for(const s of [{list}]){{const e=document.querySelector(s);const r=e&&e.getBoundingClientRect();o.push(r?Math.round(r.top)+':'+Math.round(r.bottom):'none');}}document.body.setAttribute('data-probe',o.join(' '));</script></body>"
    );
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("probe.html");
    std::fs::write(&file, page.replace("</body>", &probe)).unwrap();
    let (dom, _) = load(
        browser,
        &format!("file://{}", file.display()),
        (1400, 900),
        None,
    );
    let found = dom
        .split("data-probe=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("the layout probe did not run: {dom}"));
    found
        .split(' ')
        .map(|x| {
            x.split_once(':')
                .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
        })
        .collect()
}

#[test]
fn console_check_can_fail() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let page = d.path().join("noisy.html");
    std::fs::write(
        &page,
        "<!doctype html><body><script>console.error('canary')</script>hi</body>",
    )
    .unwrap();
    let (_, console) = render(&browser, &page, None);
    assert!(
        console.iter().any(|l| l.contains("canary")),
        "the console check sees nothing: {console:?}"
    );
}

#[test]
fn examples_report_renders_with_its_sections() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let page = d.path().join("report.html");
    report(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds"),
        &page,
    );
    let (dom, console) = render(&browser, &page, None);
    assert!(console.is_empty(), "console output: {console:?}");
    for section in [
        "Actors and their labels",
        "Quote share",
        "Framing: scare quotes and loaded words",
        "Reported by all outlets",
        "Only in Breitbart",
        "Only in Morning Star",
        "Articles side by side",
        "Venezuela’s socialist dictator",
        "Venezuela’s President",
        "Nicolás Maduro",
    ] {
        assert!(
            dom.contains(section),
            "{section} missing from the rendered page"
        );
    }
    let png = artifacts().join("compare-report.png");
    let _ = std::fs::remove_file(&png);
    render(&browser, &page, Some(&png));
    assert!(
        std::fs::metadata(&png)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false),
        "no screenshot at {}",
        png.display()
    );
}

#[test]
fn hostile_article_runs_nothing_in_the_browser() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let inputs = d.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("evil.txt"),
        "Officials in Gaza <script>console.error('pwned-script')</script> said <img src=x onerror=\"console.error('pwned-img')\"> the crossing reopened.\n\n<svg onload=\"console.error('pwned-svg')\"></svg> A second paragraph about Gaza.",
    )
    .unwrap();
    std::fs::write(inputs.join("evil.meta.toml"), "outlet = \"<b onmouseover=alert(1)>Evil</b>\"\nurl = \"javascript:console.error('pwned-url')\"\ntitle = \"</title><script>console.error('pwned-title')</script>\"\n").unwrap();
    std::fs::write(
        inputs.join("calm.txt"),
        "Officials in Gaza said the crossing would reopen on Monday, a spokesman told reporters.",
    )
    .unwrap();
    let page = d.path().join("evil.html");
    report(&inputs, &page);
    let (dom, console) = render(&browser, &page, None);
    assert!(
        console.is_empty(),
        "the hostile article ran code: {console:?}"
    );
    assert!(
        !dom.contains("<script") && !dom.contains("<img"),
        "markup from the article became elements"
    );
    // the report draws its own charts and swatches as SVG, each with its class
    // (`<svg class=…`); any other <svg element came from the article
    let ours = ["coverage", "chart", "track", "swatch"]
        .iter()
        .map(|c| dom.matches(&format!("<svg class=\"{c}")).count())
        .sum::<usize>();
    assert_eq!(
        dom.matches("<svg").count(),
        ours,
        "an <svg from the article became an element"
    );
    assert!(
        dom.contains("pwned-script"),
        "the hostile text should still be shown, as text"
    );
}

#[test]
fn report_has_contents_blindspots_charts_and_downloads() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    // two stories: the example pair, and one covered by Breitbart alone
    let inputs = d.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for f in std::fs::read_dir(repo().join("examples/seeds")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, inputs.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        inputs.join("solo.txt"),
        "The Federal Reserve held interest rates steady on Wednesday, Jerome Powell said, citing inflation data from the Labor Department.\n\nMarkets in New York rose after the Federal Reserve decision, and Powell said rates could fall later in the year.",
    )
    .unwrap();
    std::fs::write(
        inputs.join("solo.meta.toml"),
        "outlet = \"Breitbart\"\npublished = \"2024-05-01\"\ntitle = \"Fed holds rates\"\n",
    )
    .unwrap();
    let page = d.path().join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["compare", inputs.to_str().unwrap(), "--outlets"])
        .arg(repo().join("examples/outlets.toml"))
        .args(["--format", "html", "-o", page.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let (dom, console) = render(&browser, &page, None);
    assert!(console.is_empty(), "console output: {console:?}");
    for section in [
        "<h2>Contents</h2>",
        "Coverage by lean",
        "<h3>Blindspots</h3>",
        "Fed holds rates</a> <span class=\"muted\">only right",
        "coverage by lean:",
        "Coverage over time",
        "<svg class=\"chart\"",
        "named only by Breitbart",
        "Download the findings",
    ] {
        assert!(dom.contains(section), "{section} missing from the report");
    }
    // the CSV link carries the findings, header first ("story," in base64)
    assert!(
        dom.contains("href=\"data:text/csv;charset=utf-8;base64,c3Rvcnks"),
        "no CSV download"
    );
    screenshot(
        &browser,
        &format!("file://{}", page.display()),
        (1400, 900),
        "report-contents.png",
    );
}

#[test]
fn library_pages_render_with_their_sections() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let lib = library(
        d.path(),
        &repo().join("examples/seeds"),
        &repo().join("examples/outlets.toml"),
    );
    let srv = serve(&lib);
    let base = format!("http://{}", srv.1);
    let stories = get(srv.1, "/api/stories");
    let v: serde_json::Value = serde_json::from_str(&stories).unwrap();
    let story = v[0]["id"].as_str().unwrap().to_string();
    let pages: [(&str, String, &[&str]); 5] = [
        (
            "web-stories.png",
            "/".into(),
            &[
                "Coverage by lean",
                "<h3>Blindspots</h3>",
                "class=\"story-link\"",
            ],
        ),
        (
            "web-story.png",
            format!("/stories/{story}"),
            &[
                "coverage by lean:",
                "Actors and their labels",
                "named only by Breitbart",
                "Quote share",
                "Facts, outlet by outlet",
                "Articles side by side",
                "findings.csv",
            ],
        ),
        (
            "web-actors.png",
            "/actors".into(),
            &[
                "Mentions by outlet",
                "Nicolás Maduro",
                "<svg class=\"coverage\"",
            ],
        ),
        (
            "web-actor.png",
            "/actors/person:nicolas%20maduro".into(),
            &[
                "Mentions and labels per outlet, over time",
                "<svg class=\"chart\"",
                "Quote share",
                "Venezuela’s socialist dictator",
            ],
        ),
        (
            "web-search.png",
            "/search?q=maduro".into(),
            &["By outlet", "By month", "search.csv?q=maduro", "<mark>"],
        ),
    ];
    for (png, path, sections) in pages {
        let url = format!("{base}{path}");
        let (dom, console) = load(&browser, &url, (1400, 900), None);
        // a CSP violation (an inline style, a script) is a console error
        assert!(console.is_empty(), "{path}: console output: {console:?}");
        for s in sections {
            assert!(
                dom.contains(s),
                "{path}: {s} missing from the rendered page"
            );
        }
        screenshot(&browser, &url, (1400, 900), png);
    }
}

/// Done when of issue 16: on a library of the BASIL dev articles (Fox right,
/// NYT lean left, HuffPost left), a story page shows the overview, the coverage
/// bar and the actors table in the first screen at 1400×900.
#[test]
fn basil_story_page_shows_the_comparison_in_the_first_screen() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let basil = repo().join("../shared/data/basil/articles");
    if !basil.is_dir() {
        assert!(
            std::env::var_os("PARALLAX_REQUIRE_DATA").is_none(),
            "PARALLAX_REQUIRE_DATA is set but {} is missing",
            basil.display()
        );
        eprintln!("skipping: no BASIL data at {}", basil.display());
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let book = d.path().join("outlets.toml");
    std::fs::write(
        &book,
        "[[outlet]]\nname = \"Fox News\"\naliases = [\"fox\"]\n[outlet.attributes]\nlean = \"right\"\n\n\
[[outlet]]\nname = \"New York Times\"\naliases = [\"nyt\"]\n[outlet.attributes]\nlean = \"lean left\"\n\n\
[[outlet]]\nname = \"HuffPost\"\naliases = [\"hpo\"]\n[outlet.attributes]\nlean = \"left\"\n",
    )
    .unwrap();
    let lib = library(d.path(), &basil, &book);
    let srv = serve(&lib);
    // the story with most outlets and articles: the longest page
    let v: serde_json::Value = serde_json::from_str(&get(srv.1, "/api/stories?limit=1")).unwrap();
    let story = v[0]["id"].as_str().unwrap().to_string();
    assert_eq!(v[0]["outlets"].as_array().unwrap().len(), 3, "{v}");
    let path = format!("/stories/{story}");
    let (dom, console) = load(
        &browser,
        &format!("http://{}{path}", srv.1),
        (1400, 900),
        None,
    );
    assert!(console.is_empty(), "console output: {console:?}");
    for s in [
        "coverage by lean:",
        "right 1",
        "lean left 1",
        "left 1",
        "Fox News",
        "New York Times",
        "HuffPost",
    ] {
        assert!(dom.contains(s), "{s} missing from the story page");
    }
    let at = layout(
        &browser,
        srv.1,
        &path,
        &[
            "section.overview",
            "svg.coverage",
            "table.headlines",
            "section.actors",
            "section.actors tbody tr",
        ],
    );
    // (name, whether all of it must show): sections need only begin on screen
    let names = [
        ("overview", true),
        ("coverage bar", true),
        ("headlines", true),
        ("actors section", false),
        ("first actor row", true),
    ];
    for ((name, whole), pos) in names.iter().zip(&at) {
        let (top, bottom) = pos.unwrap_or_else(|| panic!("no {name} on the page"));
        let end = if *whole { bottom } else { top };
        assert!(
            top >= 0 && end <= 900,
            "the {name} is not in the first screen: {top}..{bottom} px"
        );
    }
    screenshot(
        &browser,
        &format!("http://{}{path}", srv.1),
        (1400, 900),
        "basil-story-first-screen.png",
    );
    // the library's other pages over the same data
    let (home, console) = load(&browser, &format!("http://{}/", srv.1), (1400, 900), None);
    assert!(console.is_empty(), "console output: {console:?}");
    assert!(home.contains("<h3>Blindspots</h3>") && home.contains("Coverage by lean"));
    screenshot(
        &browser,
        &format!("http://{}/", srv.1),
        (1400, 900),
        "basil-stories.png",
    );
    screenshot(
        &browser,
        &format!("http://{}/actors", srv.1),
        (1400, 900),
        "basil-actors.png",
    );
}
