use serde::Serialize;

/// Counts and the derived precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Predicted items that match the gold.
    pub tp_pred: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items that are matched.
    pub tp_gold: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// tp_pred ÷ predicted (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.tp_pred as f64 / self.predicted as f64
        }
    }
    /// tp_gold ÷ gold (0 when the gold is empty).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp_gold as f64 / self.gold as f64
        }
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds `o`'s counts.
    pub fn add(&mut self, o: Prf) {
        self.tp_pred += o.tp_pred;
        self.predicted += o.predicted;
        self.tp_gold += o.tp_gold;
        self.gold += o.gold;
    }
    /// One report line: `name`, P, R, F1 and the counts.
    pub fn line(&self, name: &str) -> String {
        format!(
            "{name:<28} P {:.3}  R {:.3}  F1 {:.3}   (pred {}, gold {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.predicted,
            self.gold
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf() {
        let p = Prf {
            tp_pred: 8,
            predicted: 10,
            tp_gold: 8,
            gold: 16,
        };
        assert!((p.precision() - 0.8).abs() < 1e-9);
        assert!((p.recall() - 0.5).abs() < 1e-9);
        assert!((p.f1() - 0.6153846).abs() < 1e-6);
        assert_eq!(Prf::default().f1(), 0.0);
    }
}
