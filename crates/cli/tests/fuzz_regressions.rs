//! Replays every input saved under fuzz/regressions/<target>/ (crashes the fuzzers
//! once found) through the same entry point, on stable Rust in plain `cargo test`.
//! A fixed crash stays fixed.

use std::path::Path;

use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};
use parallax_ingest::{Format, IngestOptions, ingest_bytes};

fn run(target: &str, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let opts = IngestOptions {
        max_bytes: 1 << 20,
        ..Default::default()
    };
    match target {
        "extract_html" => {
            let _ =
                parallax_extract::extract(&text, Some("https://example.org/a/2024/01/02/story"));
            let _ = parallax_extract::extract_metadata(&text, None);
        }
        "decode" => {
            let _ = parallax_ingest::decode::decode(data, None);
        }
        "ingest_warc" => ingest_bytes("r", data, Some(Format::Warc), None, &opts, &mut |_| {}),
        "ingest_feed" => ingest_bytes("r", data, Some(Format::Feed), None, &opts, &mut |_| {}),
        "ingest_jsonl" => ingest_bytes("r", data, Some(Format::Jsonl), None, &opts, &mut |_| {}),
        "clean_text" => {
            let _ = parallax_ingest::clean::clean_text(&text, None);
        }
        "analyze" => {
            let a = parallax_analyze::analyze_text(&text);
            assert!(a.all_spans().iter().all(|s| s.is_valid_in(&text)));
        }
        "search_query" => {
            let _ = parallax_store::fts_query(&text);
        }
        "compare_pair" => {
            let mid = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(0, |(i, _)| i);
            let (a, b) = text.split_at(mid);
            let mk = |o: &str, t: &str| AnalyzedArticle {
                article: Article::new(
                    Outlet::named(o),
                    ArticleMeta {
                        source: o.into(),
                        ..Default::default()
                    },
                    t.to_string(),
                    vec![],
                ),
                analysis: parallax_analyze::analyze_text(t),
            };
            let _ = parallax_compare::compare(&[mk("A", a), mk("B", b)], Default::default());
        }
        "api_body" => {
            let dir = tempfile::tempdir().unwrap();
            let mut h = parallax_server::harness::Harness::new(dir.path()).unwrap();
            if let Err(e) = h.run(data) {
                panic!("{e}");
            }
        }
        other => panic!("fuzz/regressions/{other}: no such fuzz target"),
    }
}

#[test]
fn saved_fuzz_crashes_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let mut n = 0;
    for dir in std::fs::read_dir(&root).unwrap().flatten() {
        if !dir.path().is_dir() {
            continue;
        }
        let target = dir.file_name().to_string_lossy().to_string();
        for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
            if f.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            run(&target, &std::fs::read(f.path()).unwrap());
            n += 1;
        }
    }
    eprintln!("replayed {n} saved fuzz inputs");
}
