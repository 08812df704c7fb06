//! The model against sentence-transformers' own figures. Needs the model
//! (`bash scripts/install-model`); without it these tests say so and pass, unless
//! PARALLAX_REQUIRE_MODEL=1 (as `scripts/test` and CI set), when they fail.

use parallax_embed::{Embedder, cosine, find_model_dir};

fn embedder() -> Option<Embedder> {
    match find_model_dir(None) {
        Ok(dir) => Some(Embedder::load(&dir).expect("the installed model loads")),
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
fn reference_similarity() {
    let Some(m) = embedder() else { return };
    let v = m
        .embed(&["A man is eating food.", "A man is eating a piece of bread."])
        .unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].len(), 384);
    let norm: f32 = v[0].iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4, "not normalised: {norm}");
    let s = cosine(&v[0], &v[1]);
    // sentence-transformers (PyTorch) gives 0.7553 for this pair.
    assert!(
        (s - 0.7553).abs() < 0.0005,
        "similarity {s:.4}, reference 0.7553"
    );
}

#[test]
fn paraphrase_beats_unrelated_and_batching_changes_nothing() {
    let Some(m) = embedder() else { return };
    let texts = [
        "Colombia halted Israeli weapons purchases.",
        "Bogotá stopped buying Israeli arms.",
        "Cuba provides free medical education to Palestinian students.",
        "",
    ];
    let v = m.embed(&texts).unwrap();
    let para = cosine(&v[0], &v[1]);
    let unrelated = cosine(&v[0], &v[2]);
    assert!(para > 0.6, "paraphrase {para:.3}");
    assert!(
        para > unrelated + 0.2,
        "paraphrase {para:.3} unrelated {unrelated:.3}"
    );
    assert!(v[3].iter().all(|x| x.is_finite()));
    // Alone or in a batch padded to longer sentences: the same vector.
    let alone = m.embed(&texts[1..2]).unwrap();
    assert!(cosine(&alone[0], &v[1]) > 0.9999);
    // Empty input: no sentences, no work.
    assert!(m.embed(&[]).unwrap().is_empty());
}
