#![no_main]
// The search box: whatever a user types must become a query the engine accepts.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    if let Some(fts) = parallax_store::fts_query(&q) {
        // every term is a quoted string, optionally followed by a prefix star
        for part in fts.split("\" ") {
            assert!(!part.contains('\u{0}'));
        }
    }
    let _ = parallax_store::terms_of(&q);
});
