#![no_main]
// Two arbitrary articles compared: identities, stories, alignment, framing.
use parallax_core::{AnalyzedArticle, Article, ArticleMeta, Outlet};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
    let mk = |outlet: &str, t: &str| {
        let art = Article::new(Outlet::named(outlet), ArticleMeta { source: outlet.into(), ..Default::default() }, t.to_string(), vec![]);
        let analysis = parallax_analyze::analyze_text(t);
        AnalyzedArticle { article: art, analysis }
    };
    let _ = parallax_compare::compare(&[mk("A", a), mk("B", b)], Default::default());
});
