#![no_main]
// Charset detection and decoding, with and without a declared encoding.
// The body is parallax_fuzz_bodies::decode, which the stable replay of saved
// crashes (crates/cli/tests/fuzz_regressions.rs) calls too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz_bodies::decode(data));
