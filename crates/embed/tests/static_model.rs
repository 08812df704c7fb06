//! The installed static model (`bash scripts/install-model` distils it from
//! all-MiniLM-L6-v2). Without it these tests say so and pass, unless
//! PARALLAX_REQUIRE_MODEL=1 (as `scripts/test` and CI set), when they fail.

use parallax_embed::{
    DEFAULT_STATIC_DIR, ModelKind, SentenceModel, StaticEmbedder, cosine, find_static_dir,
};

fn model() -> Option<StaticEmbedder> {
    match find_static_dir(None) {
        Ok(dir) => Some(StaticEmbedder::load(&dir).expect("the installed static model loads")),
        Err(e) => {
            if std::env::var("PARALLAX_REQUIRE_MODEL").is_ok_and(|v| v == "1") {
                panic!("PARALLAX_REQUIRE_MODEL=1 but {e}");
            }
            eprintln!("skipped: {e}");
            None
        }
    }
}

#[test]
fn paraphrases_score_above_unrelated_sentences() {
    let Some(m) = model() else { return };
    assert_eq!(m.dim(), 256);
    let texts = [
        "Colombia halted Israeli weapons purchases.",
        "Colombia announced a halt to all Israeli weapons purchases in 2024.",
        "Cuba provides free medical education to Palestinian students.",
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "The stock market fell sharply on Tuesday.",
        "Shares tumbled on Tuesday as markets dropped.",
    ];
    let v = m.embed(&texts).unwrap();
    for x in &v {
        let norm: f32 = x.iter().map(|a| a * a).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "not normalised: {norm}");
    }
    let s = |a: usize, b: usize| cosine(&v[a], &v[b]);
    // Each paraphrase pair scores above every pairing of its sentences with the
    // other topics.
    for (a, b) in [(0, 1), (3, 4), (5, 6)] {
        for other in 0..texts.len() {
            if other == a || other == b {
                continue;
            }
            assert!(
                s(a, b) > s(a, other) && s(a, b) > s(b, other),
                "{:?}~{:?} = {:.3}, but {:?} scores {:.3}/{:.3}",
                texts[a],
                texts[b],
                s(a, b),
                texts[other],
                s(a, other),
                s(b, other)
            );
        }
    }
    assert!(s(0, 1) > 0.7, "paraphrase {:.3}", s(0, 1));
    assert!(s(0, 3) < 0.5, "unrelated {:.3}", s(0, 3));
    // Batching, order and threads change nothing.
    let many: Vec<&str> = texts.iter().cycle().take(2000).copied().collect();
    let vm = m.embed(&many).unwrap();
    for (i, x) in vm.iter().enumerate() {
        assert_eq!(x, &v[i % texts.len()]);
    }
    assert!(m.embed(&[]).unwrap().is_empty());
}

#[test]
fn a_static_directory_loads_as_a_static_sentence_model() {
    let Some(m) = model() else { return };
    let any = SentenceModel::load(m.dir()).unwrap();
    assert!(matches!(any, SentenceModel::Static(_)));
    assert_eq!(any.dim(), 256);
    if std::env::var_os("PARALLAX_MODEL_DIR").is_none() {
        let found = SentenceModel::locate(None, ModelKind::Static).unwrap();
        assert!(found.dir().ends_with(DEFAULT_STATIC_DIR));
    }
}
