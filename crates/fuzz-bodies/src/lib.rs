//! The bodies of the fuzz targets: what each of `fuzz/fuzz_targets/*.rs` does with
//! one input, as a library function. The libFuzzer targets (nightly, cargo-fuzz) and
//! the stable replay of saved crashes (`crates/cli/tests/fuzz_regressions.rs`) both
//! call these, so a replayed crash runs exactly the checks the fuzzer ran.
//!
//! Each body panics when a check fails; an input that is merely bad must give an
//! error value, never a panic.
//!
//! Useful for: fuzzing and replaying. Not useful for: anything a user runs.

#![warn(missing_docs)]

use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};
use parallax_ingest::{Format, IngestOptions, ingest_bytes};
use parallax_server::harness::Harness;

/// The fuzz targets, by name (a file `fuzz/fuzz_targets/NAME.rs` and a folder
/// `fuzz/regressions/NAME/` each).
pub const TARGETS: &[&str] = &[
    "extract_html",
    "decode",
    "ingest_warc",
    "ingest_feed",
    "ingest_jsonl",
    "clean_text",
    "analyze",
    "search_query",
    "compare_pair",
    "api_body",
];

/// Runs target `target`'s body on `data`, with a fresh server harness for
/// `api_body`. An unknown target is an error.
pub fn run(target: &str, data: &[u8]) -> Result<(), String> {
    match target {
        "extract_html" => extract_html(data),
        "decode" => decode(data),
        "ingest_warc" => ingest(data, Format::Warc),
        "ingest_feed" => ingest(data, Format::Feed),
        "ingest_jsonl" => ingest(data, Format::Jsonl),
        "clean_text" => clean_text(data),
        "analyze" => analyze(data),
        "search_query" => search_query(data),
        "compare_pair" => compare_pair(data),
        "api_body" => {
            let dir = tempfile::tempdir().map_err(|e| format!("a temporary directory: {e}"))?;
            let mut h = Harness::new(dir.path())?;
            api_body(&mut h, data);
        }
        other => return Err(format!("no fuzz target {other:?}")),
    }
    Ok(())
}

/// HTML main-text extraction: any bytes, as text.
pub fn extract_html(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let _ = parallax_extract::extract(&html, Some("https://example.org/a/2024/01/02/story"));
    let _ = parallax_extract::extract_metadata(&html, None);
}

/// Charset detection and decoding, with and without a declared encoding: the text
/// decoded is UTF-8.
pub fn decode(data: &[u8]) {
    if let Ok(d) = parallax_ingest::decode::decode(data, None) {
        assert!(std::str::from_utf8(d.text.as_bytes()).is_ok());
    }
    let label = data
        .first()
        .map(|b| ["utf-8", "windows-1252", "shift_jis", "utf-16le", "bogus"][*b as usize % 5]);
    let _ = parallax_ingest::decode::decode(data, label);
}

/// One input through the ingest stage as `format`: articles or errors, never a
/// panic; an article has text.
pub fn ingest(data: &[u8], format: Format) {
    let opts = IngestOptions {
        max_bytes: 1 << 20,
        ..Default::default()
    };
    ingest_bytes("fuzz", data, Some(format), None, &opts, &mut |r| {
        if let Ok(a) = r {
            assert!(!a.text.trim().is_empty());
        }
    });
}

/// Cleaning of scraped text, without and with a known title.
pub fn clean_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let title = text.lines().next().map(str::to_string);
    let _ = parallax_ingest::clean::clean_text(&text, None);
    let _ = parallax_ingest::clean::clean_text(&text, title.as_deref());
}

/// Sentences, actors and their resolution, quotes, labels: every span is valid in
/// the text and every mention's entity exists.
pub fn analyze(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let a = parallax_analyze::analyze_text(&text);
    for s in a.all_spans() {
        assert!(s.is_valid_in(&text));
    }
    for m in &a.mentions {
        assert!(m.entity < a.entities.len());
    }
}

/// The search box: whatever a user types becomes a query the engine accepts.
pub fn search_query(data: &[u8]) {
    let q = String::from_utf8_lossy(data);
    if let Some(fts) = parallax_store::fts_query(&q) {
        // every term is a quoted string, optionally followed by a prefix star
        for part in fts.split("\" ") {
            assert!(!part.contains('\u{0}'));
        }
    }
    let _ = parallax_store::terms_of(&q);
}

/// Two arbitrary articles (the input's two halves) compared: identities, stories,
/// alignment, framing.
pub fn compare_pair(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mid = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    let (a, b) = text.split_at(mid);
    let mk = |outlet: &str, t: &str| AnalyzedArticle {
        article: Article::new(
            Outlet::named(outlet),
            ArticleMeta {
                source: outlet.into(),
                ..Default::default()
            },
            t.to_string(),
            vec![],
        ),
        analysis: parallax_analyze::analyze_text(t),
    };
    let _ = parallax_compare::compare(&[mk("A", a), mk("B", b)], Default::default());
}

/// The server in-process: a JSON import body, an import form or a search, through
/// the real router over a real SQLite library (`h`). No 5xx, and every page it
/// leads to is inert (see [`parallax_server::harness`]).
pub fn api_body(h: &mut Harness, data: &[u8]) {
    if let Err(e) = h.run(data) {
        panic!("{e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_runs_on_a_small_input_and_unknown_ones_are_errors() {
        for t in TARGETS {
            run(t, b"Maduro said: \"Palestine will rise.\"").unwrap();
        }
        assert!(run("nope", b"").unwrap_err().contains("\"nope\""));
    }
}
