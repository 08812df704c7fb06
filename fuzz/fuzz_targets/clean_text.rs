#![no_main]
// Cleaning of scraped text.
// The body is parallax_fuzz_bodies::clean_text, which the stable replay of saved
// crashes (crates/cli/tests/fuzz_regressions.rs) calls too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz_bodies::clean_text(data));
