//! Prints what parallax-extract finds in one page (plain or .gz HTML) as JSON.
//!
//! cargo run --release -p parallax-extract --example extract_page -- PAGE.html[.gz] [URL] [--summary]
//!
//! `--summary` prints block and character counts instead of the JSON (for
//! memory measurements, where the JSON copy would dominate).

use std::io::Read;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let summary = args.iter().any(|a| a == "--summary");
    args.retain(|a| a != "--summary");
    let Some(path) = args.first() else {
        eprintln!("usage: extract_page PAGE.html[.gz] [URL]");
        std::process::exit(2);
    };
    let raw = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let bytes = if path.ends_with(".gz") {
        let mut out = vec![];
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .expect("gzip");
        out
    } else {
        raw
    };
    let html = String::from_utf8_lossy(&bytes);
    if std::env::var_os("DEBUG_CONTAINERS").is_some() {
        for c in
            parallax_extract::debug_containers(&html, std::env::var("DEBUG_NEEDLE").ok().as_deref())
        {
            eprintln!("container: {c}");
        }
    }
    match parallax_extract::extract_metadata(&html, args.get(1).map(String::as_str)) {
        Ok(e) if summary => println!(
            "{} blocks, {} chars, title {:?}",
            e.blocks.len(),
            e.blocks.iter().map(|b| b.text.len()).sum::<usize>(),
            e.title
        ),
        Ok(e) => println!("{}", serde_json::to_string_pretty(&e).expect("json")),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1)
        }
    }
}
