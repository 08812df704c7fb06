//! Conflicting figures: two statements of one fact, from different outlets,
//! giving figures that measure the same thing (one kind, one unit or counted
//! thing) and share no value. Years and months are left out (a fact's
//! background dates differ without contradicting it), as are ordinals and
//! vague amounts; an approximate figure ("roughly 520,000") conflicts only when
//! it is more than a fifth away.

use std::collections::BTreeMap;

use parallax_core::{Quantity, QuantityKind};

use super::score::close;
use super::{Conflict, StatementComparison, StatementRef};

fn comparable(q: &Quantity) -> bool {
    q.value.is_some()
        && match q.kind {
            QuantityKind::Ordinal => false,
            QuantityKind::Date => matches!(q.unit.as_str(), "weekday" | "day" | "date"),
            QuantityKind::Count => !q.unit.is_empty(),
            _ => true,
        }
}

fn by_key(s: &StatementRef) -> BTreeMap<(QuantityKind, String), Vec<&Quantity>> {
    let mut m: BTreeMap<(QuantityKind, String), Vec<&Quantity>> = BTreeMap::new();
    for q in s.quantities.iter().filter(|q| comparable(q)) {
        m.entry((q.kind, q.unit.clone())).or_default().push(q);
    }
    m
}

fn agree(a: &Quantity, b: &Quantity) -> bool {
    let (x, y) = (a.value.unwrap_or(0.0), b.value.unwrap_or(0.0));
    if a.approximate || b.approximate {
        (x - y).abs() <= 0.2 * x.abs().max(y.abs())
    } else {
        close(x, y)
    }
}

/// The conflicts inside the comparison's facts.
pub(crate) fn find(c: &StatementComparison) -> Vec<Conflict> {
    let mut out = Vec::new();
    for (fi, f) in c.facts().enumerate() {
        for l in &f.links {
            let (sa, sb) = (&f.statements[l.a], &f.statements[l.b]);
            let (ka, kb) = (by_key(sa), by_key(sb));
            for (key, qa) in &ka {
                let Some(qb) = kb.get(key) else {
                    continue;
                };
                if qa.iter().any(|x| qb.iter().any(|y| agree(x, y))) {
                    continue;
                }
                let text = |v: &[&Quantity]| {
                    v.iter()
                        .map(|q| q.text.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.push(Conflict {
                    kind: key.0,
                    unit: key.1.clone(),
                    fact: fi,
                    a: l.a,
                    b: l.b,
                    values: [text(qa), text(qb)],
                });
            }
        }
    }
    out
}
