#![no_main]
// Two arbitrary articles compared: identities, stories, alignment, framing.
// The body is parallax_fuzz_bodies::compare_pair, which the stable replay of saved
// crashes (crates/cli/tests/fuzz_regressions.rs) calls too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz_bodies::compare_pair(data));
