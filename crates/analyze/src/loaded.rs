//! Loaded words: matches of the loaded-language lexicon, in the outlet's voice or
//! inside quotation marks.

use parallax_core::{LoadedTerm, Span, Voice};

use crate::context::Context;
use crate::text::TokKind;

/// The loaded words of the article, each in the outlet's voice or, inside
/// `ctx.speech`, the quoted speaker's.
pub(crate) fn find_loaded(ctx: &Context) -> Vec<LoadedTerm> {
    let Context {
        text,
        lex,
        sents,
        speech: quoted,
        ..
    } = *ctx;
    let mut out = Vec::new();
    for st in sents {
        let mut i = 0;
        while i < st.toks.len() {
            if st.toks[i].kind != TokKind::Word {
                i += 1;
                continue;
            }
            let Some(entries) = lex.loaded.get(&st.folded[i]) else {
                i += 1;
                continue;
            };
            let hit = entries.iter().find(|e| {
                let end = i + 1 + e.rest.len();
                end <= st.folded.len() && st.folded[i + 1..end] == e.rest[..]
            });
            match hit {
                Some(e) => {
                    let end = i + e.rest.len();
                    let span = Span::new(st.toks[i].span.start, st.toks[end].span.end);
                    let voice = if crate::index::inside_any(quoted, span) {
                        Voice::Quoted
                    } else {
                        Voice::Outlet
                    };
                    out.push(LoadedTerm {
                        span,
                        text: span.text(text).to_string(),
                        term: e.term.clone(),
                        category: e.category.clone(),
                        voice,
                    });
                    i = end + 1;
                }
                None => i += 1,
            }
        }
    }
    out
}
