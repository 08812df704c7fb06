//! Findings as rows, for spreadsheets and scripts: CSV and JSON Lines.
//!
//! A story's findings are flattened into one table ([`Finding`]): each label an
//! outlet gave an actor, each actor's mentions and quotes per outlet, each
//! speaker's quotes, each loaded word and scare quote, each fact with its
//! sentences (one row per outlet's sentence, sharing the fact number), each
//! statement only one outlet made, and each conflicting figure. The same rows
//! go out as CSV (RFC 4180, a header line, cells that a spreadsheet would run as
//! a formula prefixed with `'`) or as JSON Lines (one object per row, the CSV's
//! columns as keys). Every front end (`parallax compare --format csv`, `parallax
//! story ID --format csv`, the web app's download links, the report's) calls
//! these, so the files are the same wherever they come from.

use serde::Serialize;

use parallax_compare::Story;

/// One row of a story's findings. Empty cells are empty strings (or absent
/// numbers) so that every row has the same columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Finding {
    /// The story's id.
    pub story: String,
    /// What the row is: `mentions`, `label`, `quote_share`, `scare_quote`,
    /// `loaded_word`, `loaded_word_quoted`, `fact_all`, `fact_some`, `only_in`,
    /// `undecided`, `conflict`.
    pub kind: String,
    /// The outlet.
    pub outlet: String,
    /// The actor (its name), when the row is about one.
    pub actor: String,
    /// The words: a label, a term, a statement.
    pub text: String,
    /// A count (mentions, quotes, occurrences), when the row has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// The fact's number in its list, for fact rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<usize>,
    /// The article the words are from.
    pub article: String,
    /// The sentence's index in that article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    /// The confidence of a fact or omission.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

const COLUMNS: [&str; 10] = [
    "story",
    "kind",
    "outlet",
    "actor",
    "text",
    "count",
    "fact",
    "article",
    "sentence",
    "confidence",
];

/// Every finding of a story, in the order of the story page.
pub fn story_findings(s: &Story) -> Vec<Finding> {
    let row = |kind: &str, outlet: &str| Finding {
        story: s.id.clone(),
        kind: kind.into(),
        outlet: outlet.into(),
        ..Finding::default()
    };
    let mut out = Vec::new();
    for a in &s.actors {
        for (outlet, cov) in &a.outlets {
            out.push(Finding {
                actor: a.name.clone(),
                text: cov.variants.join(" / "),
                count: Some(cov.mentions),
                ..row("mentions", outlet)
            });
            let mut seen: Vec<&str> = Vec::new();
            for l in &cov.labels {
                if seen.contains(&l.text.as_str()) {
                    continue;
                }
                seen.push(&l.text);
                out.push(Finding {
                    actor: a.name.clone(),
                    text: l.text.clone(),
                    ..row("label", outlet)
                });
            }
        }
    }
    for q in &s.quote_share {
        for sp in &q.speakers {
            out.push(Finding {
                actor: sp.name.clone(),
                count: Some(sp.quotes),
                ..row("quote_share", &q.outlet)
            });
        }
    }
    for f in &s.framing {
        for (kind, list) in [
            ("scare_quote", &f.scare_quotes),
            ("loaded_word", &f.loaded),
            ("loaded_word_quoted", &f.loaded_quoted),
        ] {
            for t in list {
                out.push(Finding {
                    text: t.term.clone(),
                    count: Some(t.count),
                    ..row(kind, &f.outlet)
                });
            }
        }
    }
    let st = &s.statements;
    for (kind, list) in [("fact_all", &st.all), ("fact_some", &st.some)] {
        for (i, f) in list.iter().enumerate() {
            for r in &f.statements {
                out.push(Finding {
                    text: r.text.clone(),
                    fact: Some(i + 1),
                    article: r.article.clone(),
                    sentence: Some(r.sentence),
                    confidence: Some(f.confidence),
                    ..row(kind, &r.outlet)
                });
            }
        }
    }
    for (kind, map) in [("only_in", &st.only), ("undecided", &st.undecided)] {
        for (outlet, list) in map {
            for x in list {
                out.push(Finding {
                    text: x.statement.text.clone(),
                    article: x.statement.article.clone(),
                    sentence: Some(x.statement.sentence),
                    confidence: Some(x.confidence),
                    ..row(kind, outlet)
                });
            }
        }
    }
    for cf in &st.conflicts {
        let Some(f) = st.fact(cf.fact) else { continue };
        for (r, v) in [
            (&f.statements[cf.a], &cf.values[0]),
            (&f.statements[cf.b], &cf.values[1]),
        ] {
            out.push(Finding {
                text: format!("{v}: {}", r.text),
                article: r.article.clone(),
                sentence: Some(r.sentence),
                ..row("conflict", &r.outlet)
            });
        }
    }
    out
}

/// One CSV cell: quoted when it holds a comma, quote or line break; a cell
/// a spreadsheet would evaluate (`=`, `+`, `-`, `@` first) gets a leading `'`.
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_line(cells: &[String]) -> String {
    let mut l = cells
        .iter()
        .map(|c| csv_cell(c))
        .collect::<Vec<_>>()
        .join(",");
    l.push_str("\r\n");
    l
}

/// Findings as CSV, a header line first.
pub fn findings_csv(rows: &[Finding]) -> String {
    let mut o = csv_line(&COLUMNS.map(String::from));
    let opt = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    for r in rows {
        o.push_str(&csv_line(&[
            r.story.clone(),
            r.kind.clone(),
            r.outlet.clone(),
            r.actor.clone(),
            r.text.clone(),
            opt(r.count),
            opt(r.fact),
            r.article.clone(),
            opt(r.sentence),
            r.confidence.map(|c| format!("{c:.3}")).unwrap_or_default(),
        ]));
    }
    o
}

/// Any rows as JSON Lines: one object a line.
pub fn jsonl<T: Serialize>(rows: &[T]) -> String {
    let mut o = String::new();
    for r in rows {
        o.push_str(&serde_json::to_string(r).expect("serialisable"));
        o.push('\n');
    }
    o
}

/// Rows of named cells as CSV, a header line first.
pub fn table_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut o = csv_line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    for r in rows {
        o.push_str(&csv_line(r));
    }
    o
}

/// Standard base64 (RFC 4648, padded), for `data:` links in the report.
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        o.push(A[(n >> 18) as usize & 63] as char);
        o.push(A[(n >> 12) as usize & 63] as char);
        o.push(if c.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        o.push(if c.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn csv_and_jsonl_have_one_row_per_finding() {
        let rows = vec![
            Finding {
                story: "s".into(),
                kind: "label".into(),
                outlet: "A".into(),
                actor: "X".into(),
                text: "dictator, socialist".into(),
                ..Finding::default()
            },
            Finding {
                story: "s".into(),
                kind: "mentions".into(),
                count: Some(3),
                ..Finding::default()
            },
        ];
        let csv = findings_csv(&rows);
        assert_eq!(csv.lines().count(), 3);
        assert!(csv.starts_with(
            "story,kind,outlet,actor,text,count,fact,article,sentence,confidence\r\n"
        ));
        assert!(
            csv.contains("s,label,A,X,\"dictator, socialist\",,,,,\r\n"),
            "{csv}"
        );
        let j = jsonl(&rows);
        assert_eq!(j.lines().count(), 2);
        let v: serde_json::Value = serde_json::from_str(j.lines().nth(1).unwrap()).unwrap();
        assert_eq!(v["count"], 3);
    }
}
