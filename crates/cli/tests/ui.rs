//! The web UI in a real browser: `parallax serve` on a library holding the
//! examples (and a hostile article), driven through WebDriver (Debian's
//! chromedriver + chromium, headless). Clicks from the story list to the
//! comparison and to an actor page, searches, and checks that the hostile
//! article renders inert. Screenshots go to target/test-artifacts/.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Kill(Child);
impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tools() -> Option<(PathBuf, PathBuf)> {
    let driver = PathBuf::from("/usr/bin/chromedriver");
    let browser = PathBuf::from("/usr/bin/chromium");
    if driver.exists() && browser.exists() {
        return Some((driver, browser));
    }
    if std::env::var_os("PARALLAX_REQUIRE_BROWSER").is_some() {
        panic!(
            "PARALLAX_REQUIRE_BROWSER is set but chromium/chromedriver are missing (apt-get install chromium chromium-driver)"
        );
    }
    eprintln!("skipping the UI test: no chromium/chromedriver (run scripts/test)");
    None
}

struct Driver {
    base: String,
    session: String,
    agent: ureq::Agent,
}

impl Driver {
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut resp = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, b) => self.agent.post(&url).send_json(b.unwrap_or(json!({}))),
        }
        .unwrap();
        let v: Value = resp.body_mut().read_json().unwrap();
        if v["value"].get("error").is_some() {
            panic!("webdriver {method} {path}: {}", v["value"]);
        }
        v["value"].clone()
    }
    fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }
    fn click(&self, css: &str) {
        let el = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = el["element-6066-11e4-a52e-4f735466cecf"]
            .as_str()
            .unwrap()
            .to_string();
        self.cmd("POST", &format!("/element/{id}/click"), None);
    }
    fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }
    fn text(&self) -> String {
        self.js("return document.body.innerText")
            .as_str()
            .unwrap_or("")
            .to_string()
    }
    fn screenshot(&self, name: &str) {
        use std::io::Write;
        let b64 = self.cmd("GET", "/screenshot", None);
        let bytes = decode_b64(b64.as_str().unwrap());
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::File::create(dir.join(name))
            .unwrap()
            .write_all(&bytes)
            .unwrap();
    }
}

fn decode_b64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            _ => 63,
        }
    };
    let clean: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &c)| acc | (val(c) << (18 - 6 * i)));
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

#[test]
fn browse_story_actor_search_and_hostile_article() {
    let Some((driver_bin, browser)) = tools() else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_parallax");
    let d = tempfile::tempdir().unwrap();
    let lib = d.path().join("lib");
    let inputs = d.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    for f in std::fs::read_dir(&seeds).unwrap() {
        let p = f.unwrap().path();
        std::fs::copy(&p, inputs.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        inputs.join("evil.txt"),
        "Nicolás Maduro spoke in Caracas about the ALBA summit. <script>window.pwned=1</script> <img src=x onerror=\"window.pwned=2\"> “<svg onload=window.pwned=3>” Maduro said.",
    )
    .unwrap();
    std::fs::write(inputs.join("evil.meta.toml"), "outlet = \"<i onmouseover=window.pwned=4>Evil</i>\"\ntitle = \"<script>window.pwned=5</script>Evil title\"\nurl = \"javascript:window.pwned=6\"\n").unwrap();
    let st = Command::new(bin)
        .args([
            "import",
            inputs.to_str().unwrap(),
            "--library",
            lib.to_str().unwrap(),
            "-q",
        ])
        .status()
        .unwrap();
    assert!(st.success());

    let port = free_port();
    let mut server = Command::new(bin)
        .args([
            "serve",
            "--library",
            lib.to_str().unwrap(),
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = server.stderr.take().unwrap();
    let _server = Kill(server);
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    assert!(line.contains(&format!("127.0.0.1:{port}")), "{line}");
    let site = format!("http://127.0.0.1:{port}");

    let dport = free_port();
    let _driver = Kill(
        Command::new(driver_bin)
            .arg(format!("--port={dport}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let base = format!("http://127.0.0.1:{dport}");
    let t = Instant::now();
    while agent.get(format!("{base}/status")).call().is_err() {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = tempfile::tempdir().unwrap();
    let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
        "binary": browser.to_str().unwrap(),
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1300,1600", format!("--user-data-dir={}", profile.path().display())]
    }}}});
    let mut r = agent
        .post(format!("{base}/session"))
        .send_json(caps)
        .unwrap();
    let v: Value = r.body_mut().read_json().unwrap();
    let session = v["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {v}"))
        .to_string();
    let drv = Driver {
        base,
        session,
        agent,
    };

    // story list -> the two-outlet story
    drv.go(&format!("{site}/"));
    assert!(drv.text().contains("Stories"));
    drv.screenshot("ui-stories.png");
    let first = drv.js("return document.querySelector('a.story-link').textContent");
    drv.click("a.story-link");
    let story = drv.text();
    assert!(
        story.contains("ACTORS AND THEIR LABELS") || story.contains("Actors and their labels"),
        "{first}: {story}"
    );
    assert!(
        story.contains("Venezuela’s socialist dictator") && story.contains("Venezuela’s President"),
        "labels missing"
    );
    assert!(story.contains("Only in Breitbart") || story.contains("ONLY IN BREITBART"));
    drv.screenshot("ui-story.png");
    // -> the actor page
    drv.click("a[href^='/actors/person:nicolas']");
    let actor = drv.text();
    assert!(
        actor.contains("Nicolás Maduro")
            && actor.contains("Breitbart")
            && actor.contains("Morning Star"),
        "{actor}"
    );
    assert!(actor.contains("Venezuela’s socialist dictator"));
    drv.screenshot("ui-actor.png");
    // search with highlights
    drv.go(&format!("{site}/search?q=%22socialist+dictator%22"));
    let marks = drv.js("return document.querySelectorAll('ul.results mark').length");
    assert!(marks.as_u64().unwrap_or(0) >= 1, "no highlighted hit");
    // the hostile article in every page it appears on
    let evil =
        drv.js("return [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))");
    let _ = evil;
    for path in ["/", "/search?q=maduro", "/actors/person%3Anicolas%20maduro"] {
        drv.go(&format!("{site}{path}"));
        check_inert(&drv, path);
    }
    drv.go(&format!("{site}/search?q=maduro"));
    drv.click("ul.results li a");
    check_inert(&drv, "an article page");
    drv.cmd("DELETE", "", None);
}

fn check_inert(drv: &Driver, page: &str) {
    let v = drv.js(
        "return {scripts: document.querySelectorAll('script').length, imgs: document.querySelectorAll('img').length, \
         svgs: [...document.querySelectorAll('svg')].filter(s => !s.matches('svg.coverage, svg.chart, svg.track, svg.swatch')).length, pwned: window.pwned === undefined ? 0 : window.pwned, \
         js_links: [...document.querySelectorAll('a')].filter(a => (a.getAttribute('href')||'').toLowerCase().startsWith('javascript')).length}",
    );
    assert_eq!(
        v,
        json!({"scripts": 0, "imgs": 0, "svgs": 0, "pwned": 0, "js_links": 0}),
        "{page}"
    );
}
