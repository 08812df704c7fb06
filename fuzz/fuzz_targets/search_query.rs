#![no_main]
// The search box: whatever a user types must become a query the engine accepts.
// The body is parallax_fuzz_bodies::search_query, which the stable replay of saved
// crashes (crates/cli/tests/fuzz_regressions.rs) calls too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| parallax_fuzz_bodies::search_query(data));
