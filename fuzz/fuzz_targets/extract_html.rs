#![no_main]
// HTML main-text extraction: any bytes, as text.
// The body is parallax_fuzz_bodies::extract_html, which the stable replay of saved
// crashes (crates/cli/tests/fuzz_regressions.rs) calls too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz_bodies::extract_html(data));
