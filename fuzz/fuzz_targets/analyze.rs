#![no_main]
// Sentences, actors and their resolution, quotes, labels: spans always valid.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = parallax_analyze::analyze_text(&text);
    for s in a.all_spans() {
        assert!(s.is_valid_in(&text));
    }
    for m in &a.mentions {
        assert!(m.entity < a.entities.len());
    }
});
