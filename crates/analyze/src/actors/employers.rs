//! A name after a job and "at" or "with" is the employer: "Mark Sheridan, a
//! partner with Patton Boggs", "both men are partners at Patton Boggs", "an
//! economist at Goldman Sachs". The tagger reads many firms named after their
//! founders as people; the job before them says otherwise.
//!
//! Every person candidate of the article with that name, and no title, becomes an
//! organisation, so the firm is one actor wherever it is named. The jobs are the
//! word sets `jobs-at-employer` and `jobs-with-employer` (wordsets.tsv): one is an
//! official with a person as often as with a firm, never a partner. A titled name
//! stays a person, and so does one the article writes as someone's owner
//! ("a strategist with Clinton's campaign": the campaign is the employer).

use std::collections::HashSet;

use parallax_core::fold;

use super::{Cand, CandKind};
use crate::lexicon::Lexicon;
use crate::text::{SentToks, TokKind};

/// Turns the person candidates named as an employer into organisations; returns
/// the folded names turned.
pub(super) fn employers(sents: &[SentToks], lex: &Lexicon, cands: &mut [Cand]) -> HashSet<String> {
    let w = &lex.words;
    let mut names = HashSet::new();
    for c in cands.iter() {
        let CandKind::Person { name } = &c.kind else {
            continue;
        };
        let st = &sents[c.sent];
        let (f, t) = (&st.folded, c.tok_start);
        let owner = st
            .toks
            .get(c.tok_end)
            .is_some_and(|x| x.kind == TokKind::Possessive);
        let employed = t >= 2
            && match f[t - 1].as_str() {
                "at" => w.jobs_at_employer.contains(&f[t - 2]),
                "with" => w.jobs_with_employer.contains(&f[t - 2]),
                _ => false,
            };
        if c.title.is_none() && employed && !owner {
            names.insert(fold(&name.join(" ")));
        }
    }
    if names.is_empty() {
        return names;
    }
    for c in cands.iter_mut() {
        let CandKind::Person { name } = &c.kind else {
            continue;
        };
        let joined = name.join(" ");
        if c.title.is_none() && names.contains(&fold(&joined)) {
            c.kind = CandKind::Org { name: joined };
        }
    }
    names
}
