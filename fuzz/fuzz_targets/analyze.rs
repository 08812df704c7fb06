#![no_main]
// Sentences, actors and their resolution, quotes, labels: spans always valid.
// The body is parallax_fuzz_bodies::analyze, which the stable replay of saved
// crashes (crates/cli/tests/fuzz_regressions.rs) calls too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz_bodies::analyze(data));
