#![no_main]
// One input through the ingest stage as Feed: articles or errors, never a panic.
// The body is parallax_fuzz_bodies::ingest, which the stable replay of saved
// crashes (crates/cli/tests/fuzz_regressions.rs) calls too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz_bodies::ingest(data, parallax_ingest::Format::Feed));
