#![no_main]
// Cleaning of scraped text.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let title = text.lines().next().map(str::to_string);
    let _ = parallax_ingest::clean::clean_text(&text, None);
    let _ = parallax_ingest::clean::clean_text(&text, title.as_deref());
});
