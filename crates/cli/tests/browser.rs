//! The HTML report in a real browser: Debian's Chromium, headless. Checks the
//! rendered page for its sections, for console errors, and that a hostile article
//! runs nothing; saves a screenshot in target/test-artifacts/ for people to look at.
//!
//! `scripts/test` installs Chromium and sets PARALLAX_REQUIRE_BROWSER=1, so in CI a
//! missing browser is a failure, not a skip.

use std::path::{Path, PathBuf};
use std::process::Command;

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
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()));
    match screenshot {
        Some(png) => {
            cmd.arg(format!("--screenshot={}", png.display()))
                .arg("--window-size=1400,2600");
        }
        None => {
            cmd.arg("--dump-dom");
        }
    }
    let out = cmd
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
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

fn artifacts() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts");
    std::fs::create_dir_all(&d).unwrap();
    d
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
    // the report draws its own charts as SVG (`<svg class=…` and the legend's
    // `<svg width=…`); any other <svg element came from the article
    let ours = dom.matches("<svg class=\"").count() + dom.matches("<svg width=\"").count();
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
