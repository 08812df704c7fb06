//! `parallax extract` end to end: archives streamed out as JSON Lines that
//! `parallax compare` reads back, duplicates reported, damaged archives keep the
//! good records.

use std::io::Write;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

/// The seed texts as HTML pages in one gzipped WARC (one member per record).
fn seed_archive(dir: &Path) -> std::path::PathBuf {
    let mut archive = Vec::new();
    for (name, url) in [
        (
            "breitbart-alba-summit-gaza.txt",
            "https://www.breitbart.com/latin-america/2024/04/25/alba/",
        ),
        (
            "morning-star-latin-america-left-palestine.txt",
            "https://morningstaronline.co.uk/article/alba",
        ),
    ] {
        let text = std::fs::read_to_string(seeds().join(name)).unwrap();
        let paras: String = text
            .split("\n\n")
            .map(|p| format!("<p>{}</p>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
            .collect();
        let html = format!(
            "<!doctype html><html><head><meta charset=utf-8><title>{name}</title></head><body><nav><a href=/>Home</a></nav><article>{paras}</article></body></html>"
        );
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        block.extend(html.as_bytes());
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        rec.extend(block);
        rec.extend(b"\r\n\r\n");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&rec).unwrap();
        archive.extend(gz.finish().unwrap());
    }
    let p = dir.join("seeds.warc.gz");
    std::fs::write(&p, archive).unwrap();
    p
}

#[test]
fn warc_to_jsonl_to_compare() {
    let d = tempfile::tempdir().unwrap();
    let warc = seed_archive(d.path());
    let out = bin()
        .args(["extract", warc.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["outlet"], "breitbart.com");
    assert!(
        lines[0]["source"]
            .as_str()
            .unwrap()
            .contains("#record 1 (https://www.breitbart.com/")
    );
    assert!(lines[1]["text"].as_str().unwrap().contains("Maduro"));
    assert!(!lines[1]["text"].as_str().unwrap().contains("Home"));

    // the JSON Lines read back: same articles, one story
    let jsonl = d.path().join("articles.jsonl");
    let out = bin()
        .args([
            "extract",
            warc.to_str().unwrap(),
            "-o",
            jsonl.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = bin()
        .args(["compare", jsonl.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["stories"].as_array().unwrap().len(), 1);
}

#[test]
fn duplicates_are_reported_and_damaged_archives_keep_good_records() {
    let d = tempfile::tempdir().unwrap();
    let warc = seed_archive(d.path());
    // the same archive twice, and the seed texts besides: the copies are skipped, said so
    let out = bin()
        .args([
            "compare",
            warc.to_str().unwrap(),
            warc.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("duplicate of").count(), 2, "{err}");
    assert!(err.contains("same outlet, URL and text"), "{err}");

    // cut the archive in the middle of its second record
    let bytes = std::fs::read(&warc).unwrap();
    let cut = d.path().join("cut.warc.gz");
    std::fs::write(&cut, &bytes[..bytes.len() - 2000]).unwrap();
    let out = bin()
        .args(["extract", cut.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "an input error is exit 1");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "the first record survives"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cut.warc.gz#record 2") && err.contains("truncated"),
        "{err}"
    );
}
