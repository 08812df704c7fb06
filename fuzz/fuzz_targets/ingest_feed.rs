#![no_main]
// One input through the ingest stage as Feed: articles or errors, never a panic.
use parallax_ingest::{Format, IngestOptions, ingest_bytes};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions { max_bytes: 1 << 20, ..Default::default() };
    ingest_bytes("fuzz", data, Some(Format::Feed), None, &opts, &mut |r| {
        if let Ok(a) = r {
            assert!(!a.text.trim().is_empty());
        }
    });
});
