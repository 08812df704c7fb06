//! Conflicting figures: two statements of one fact, from different outlets,
//! giving figures that measure the same thing (one kind, one unit or counted
//! thing) and share no value. An approximate figure ("roughly 520,000")
//! conflicts only when it is more than a fifth away. Left out, because two
//! outlets give different ones without contradicting each other:
//! - years and months (a fact's background dates);
//! - weekdays: each names a day of its own article's week, and outlets writing
//!   on different days anchor the same story to different ones ("stood firm
//!   Friday" against "dug in Wednesday");
//! - durations: a duration carries no word for what lasted, so "for 35 days"
//!   (the shutdown) and "for three weeks" (the reopening) cannot be told apart
//!   from two lengths of one thing. On the 22 BASIL triplets of the fact gold
//!   (docs/fact-gold.md) every weekday and duration conflict found was false, and
//!   none of the gold's 14 conflicts is one;
//! - ordinals and vague amounts.

use std::collections::BTreeMap;

use parallax_core::{Quantity, QuantityKind};

use super::score::close;
use super::{Conflict, StatementComparison, StatementRef};

fn comparable(q: &Quantity) -> bool {
    q.value.is_some()
        && match q.kind {
            QuantityKind::Ordinal | QuantityKind::Duration => false,
            QuantityKind::Date => matches!(q.unit.as_str(), "day" | "date"),
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

#[cfg(test)]
mod tests {
    use parallax_core::Span;

    use super::*;

    fn q(kind: QuantityKind, value: f64, unit: &str) -> Quantity {
        Quantity {
            span: Span::new(0, 1),
            text: unit.into(),
            kind,
            value: Some(value),
            unit: unit.into(),
            approximate: false,
        }
    }

    #[test]
    fn money_counts_and_days_are_compared() {
        use QuantityKind::*;
        for (kind, value, unit) in [
            (Money, 5.7e9, "usd"),
            (Count, 6.0, "injur"),
            (Date, 25.0, "day"),
        ] {
            assert!(comparable(&q(kind, value, unit)), "{kind:?} {unit}");
        }
    }

    #[test]
    fn weekdays_and_durations_are_not() {
        // issue 14: "stood firm Friday" against "dug in Wednesday"; "90 minutes"
        // against a "13-minute address"; "35 days" against "three weeks"
        use QuantityKind::*;
        let never = [
            (Date, 5.0, "weekday"),
            (Duration, 5400.0, "second"),
            (Date, 2019.0, "year"),
            (Count, 3.0, ""),
        ];
        for (kind, value, unit) in never {
            assert!(!comparable(&q(kind, value, unit)), "{kind:?} {unit}");
        }
    }
}
