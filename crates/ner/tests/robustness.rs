//! Pathological input never panics and yields valid spans.

use parallax_ner::{Tagger, tokenize};

fn check(text: &str) {
    let tagger = Tagger::embedded();
    for spans in [tagger.tag_text(text), tagger.tag_document(text)] {
        for e in spans {
            assert!(e.start < e.end && e.end <= text.len(), "{e:?}");
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            assert!(e.confidence.is_finite());
        }
    }
    for t in tokenize(text) {
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    }
}

#[test]
fn empty_and_blank() {
    assert!(Tagger::embedded().tag_text("").is_empty());
    assert!(Tagger::embedded().tag_tokens(&[]).is_empty());
    assert!(Tagger::embedded().tag_document("").is_empty());
    check("   \n\n\t  ");
}

#[test]
fn punctuation_emoji_and_control_characters() {
    check(".,;:!?()[]{}“”‘’\"'—–-…/\\|@#$%^&*+=<>~`");
    check("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    check("👍🏽 👨‍👩‍👧‍👦 🇻🇪🇨🇺 Maduro 🤝 Putin ‍‍‍ \u{FE0F}\u{200D}");
    check("\u{0}\u{1}\u{7}\u{1b}[31mRed\u{1b}[0m Trump\u{8}\u{7f} said\r\n\u{85}\u{2028}ok");
    check("e\u{301}\u{301}\u{301} \u{301}Maduro \u{FEFF}Obama\u{200B}Biden");
    check("日本の岸田文雄首相は、バイデン大統領と会談した。");
    check("مادورو قال إن فنزويلا");
}

#[test]
fn very_long_sentence() {
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(if i % 7 == 0 { "Maduro " } else { "and " });
    }
    let spans = Tagger::embedded().tag_text(&text);
    assert!(spans.len() <= 20_000);
    check(&"Ab".repeat(50_000));
    check(&"x".repeat(100_000));
}

#[test]
fn tokens_with_odd_shapes() {
    let tagger = Tagger::embedded();
    let toks = ["", " ", "\u{0}", "U.S.", "--", "’s", "ALBA-TCP", "🙂"];
    let out = tagger.tag_tokens(&toks);
    for (s, e, _, c) in out {
        assert!(s < e && e <= toks.len());
        assert!((0.0..=1.0).contains(&c));
    }
}
