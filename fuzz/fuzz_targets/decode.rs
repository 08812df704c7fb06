#![no_main]
// Charset detection and decoding, with and without a declared encoding.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(d) = parallax_ingest::decode::decode(data, None) {
        assert!(std::str::from_utf8(d.text.as_bytes()).is_ok());
    }
    let label = data.first().map(|b| ["utf-8", "windows-1252", "shift_jis", "utf-16le", "bogus"][*b as usize % 5]);
    let _ = parallax_ingest::decode::decode(data, label);
});
