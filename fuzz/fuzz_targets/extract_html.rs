#![no_main]
// HTML main-text extraction: any bytes, as text.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = parallax_extract::extract(&html, Some("https://example.org/a/2024/01/02/story"));
    let _ = parallax_extract::extract_metadata(&html, None);
});
