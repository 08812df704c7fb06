//! What the accuracy-floor tests need: the floors of `.ci/floors.tsv`, the one
//! table of them (`.ci/run` runs the `parallax eval` lines; `test` lines are checked
//! by the tests in `tests/`), and the shared data, whose absence skips a test unless
//! `PARALLAX_REQUIRE_DATA=1` (set by `.ci/run`), when it fails.

use std::path::{Path, PathBuf};

/// The repository root, seen from this crate.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The floor `option` of the `eval` line for `input` in `.ci/floors.tsv` (for a
/// `test` line: `input` is the test's name).
pub fn floor(eval: &str, input: &str, option: &str) -> Result<f64, String> {
    let path = repo().join(".ci/floors.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|c| c.len() >= 4 && c[0] == eval && c[1] == input && c[2] == option)
        .ok_or_else(|| format!("{}: no line {eval} {input} {option}", path.display()))?[3]
        .parse()
        .map_err(|e| format!("{}: {eval} {input} {option}: {e}", path.display()))
}

/// The folder `name` of the shared data (`../shared/data/NAME` beside the
/// repository, or `$PARALLAX_SHARED/data/NAME`) when it holds `needs`. Otherwise
/// `None`, with a message naming `test`, or a panic when `PARALLAX_REQUIRE_DATA=1`:
/// under CI a missing data set is a failure, not a pass.
pub fn data_for_test(test: &str, name: &str, needs: &str) -> Option<PathBuf> {
    let dir = crate::shared_data(Path::new(env!("CARGO_MANIFEST_DIR"))).map(|d| d.join(name));
    match dir {
        Some(d) if d.join(needs).exists() => Some(d),
        _ => {
            let what = format!(
                "{test}: {name}/{needs} not found in ../shared/data beside the repository or $PARALLAX_SHARED/data"
            );
            if std::env::var("PARALLAX_REQUIRE_DATA").is_ok_and(|v| v == "1") {
                panic!("PARALLAX_REQUIRE_DATA=1 but {what}");
            }
            eprintln!("SKIPPED {what}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_are_read_from_the_table() {
        assert!(floor("extract", "../shared/data/trafilatura-eval-en", "--min-f1").unwrap() > 0.9);
        assert!(floor("test", "ner_pud_news", "--min-f1").is_ok());
        assert!(
            floor("extract", "nowhere", "--min-f1")
                .unwrap_err()
                .contains("no line")
        );
    }
}
