//! Terminal reports, readable at 100 columns; ANSI colour only when asked.

use std::collections::BTreeMap;
use std::fmt::Write;

use parallax_compare::{Comparison, Story};
use parallax_core::{AnalyzedArticle, QuoteKind, Voice};

/// The width of the terminal report, in columns.
pub const WIDTH: usize = 100;

/// How the terminal report is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// With ANSI colours (on a terminal).
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn head(&self, s: &str) -> String {
        self.paint("1;36", s)
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn outlet(&self, s: &str) -> String {
        self.paint("1;33", s)
    }
}

/// Wraps `text` at `width` columns, indenting continuation lines by `indent`.
pub fn wrap(text: &str, width: usize, first_indent: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut col = first_indent;
    let mut first = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !first && col + 1 + w > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            col = indent;
        } else if !first {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += w;
        first = false;
    }
    out
}

/// At most `max` characters, cut at a word boundary (a single overlong word is
/// cut inside), with "…" when anything was cut.
fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The terminal report of `parallax analyze`: per article its actors, quotes, labels and
/// loaded words.
pub fn render_analysis(articles: &[AnalyzedArticle], style: Style) -> String {
    let mut o = String::new();
    for (n, a) in articles.iter().enumerate() {
        if n > 0 {
            o.push('\n');
        }
        let art = &a.article;
        let an = &a.analysis;
        let _ = writeln!(
            o,
            "{}",
            style.head(&format!("━━ {}", truncate(&art.display_title(), WIDTH - 3)))
        );
        let mut meta = vec![style.outlet(&art.outlet.name)];
        if let Some(d) = &art.meta.published {
            meta.push(d.clone());
        }
        if !art.meta.authors.is_empty() {
            meta.push(format!("by {}", art.meta.authors.join(", ")));
        }
        meta.push(format!("{} words", art.text.split_whitespace().count()));
        meta.push(art.meta.source.clone());
        let _ = writeln!(o, "   {}", meta.join(" · "));
        if !art.removed.is_empty() {
            let mut by: BTreeMap<String, usize> = BTreeMap::new();
            for r in &art.removed {
                *by.entry(format!("{:?}", r.reason).to_lowercase())
                    .or_default() += 1;
            }
            let parts: Vec<String> = by.iter().map(|(k, v)| format!("{v} {k}")).collect();
            let _ = writeln!(
                o,
                "   {}",
                style.dim(&format!("cleaned: removed {}", parts.join(", ")))
            );
        }
        let _ = writeln!(
            o,
            "   {}, {}",
            plural(an.paragraphs.len(), "paragraph", "paragraphs"),
            plural(an.sentences.len(), "sentence", "sentences")
        );

        let _ = writeln!(o, "\n  {}", style.bold("ACTORS"));
        let mut ents: Vec<(usize, &parallax_core::Entity)> =
            an.entities.iter().enumerate().collect();
        ents.sort_by(|x, y| {
            y.1.mentions
                .cmp(&x.1.mentions)
                .then(x.1.name.cmp(&y.1.name))
        });
        for (ei, e) in ents {
            let mut line = format!("{} ({}) ×{}", e.name, e.kind.as_str(), e.mentions);
            let others: Vec<String> = e
                .variants
                .iter()
                .filter(|v| **v != e.name)
                .cloned()
                .collect();
            if !others.is_empty() {
                line.push_str(&format!(" · also {}", quoted_list(&others)));
            }
            if !e.roles.is_empty() {
                line.push_str(&format!(" · roles: {}", e.roles.join(", ")));
            }
            let labels: Vec<String> = an
                .labels
                .iter()
                .filter(|l| l.entity == ei)
                .map(|l| l.text.clone())
                .collect();
            if !labels.is_empty() {
                line.push_str(&format!(" · labelled {}", quoted_list(&labels)));
            }
            let _ = writeln!(o, "    {}", wrap(&line, WIDTH, 4, 6));
        }

        let _ = writeln!(o, "\n  {}", style.bold("QUOTES"));
        if an.quotes.is_empty() {
            let _ = writeln!(o, "    (none)");
        }
        for q in &an.quotes {
            let who = match &q.speaker {
                Some(s) => match s.entity {
                    Some(e) => an.entities[e].name.clone(),
                    None => format!("{} (unresolved)", s.text),
                },
                None => "—".to_string(),
            };
            let cue = q
                .cue
                .as_ref()
                .map(|c| format!(" [{}]", c.text))
                .unwrap_or_default();
            let kind = match q.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Partial => "partial",
                QuoteKind::Indirect => "indirect",
                QuoteKind::Scare => "scare",
            };
            let line = format!("{kind:<8} {who}{cue}: “{}”", truncate(&q.text, 160));
            let _ = writeln!(o, "    {}", wrap(&line, WIDTH, 4, 13));
        }

        let _ = writeln!(o, "\n  {}", style.bold("LOADED WORDS"));
        let mut own: BTreeMap<&str, usize> = BTreeMap::new();
        let mut quoted: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &an.loaded {
            *(if l.voice == Voice::Outlet {
                &mut own
            } else {
                &mut quoted
            })
            .entry(l.term.as_str())
            .or_default() += 1;
        }
        let fmt = |m: &BTreeMap<&str, usize>| {
            if m.is_empty() {
                "none".to_string()
            } else {
                m.iter()
                    .map(|(k, v)| {
                        if *v > 1 {
                            format!("{k} ×{v}")
                        } else {
                            k.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let _ = writeln!(
            o,
            "    {}",
            wrap(&format!("own voice: {}", fmt(&own)), WIDTH, 4, 6)
        );
        let _ = writeln!(
            o,
            "    {}",
            wrap(&format!("in quotes: {}", fmt(&quoted)), WIDTH, 4, 6)
        );
    }
    o
}

/// The terminal report of `parallax compare`: the story index and blindspots, then per
/// story its overview, actors, quote share, framing and statements by all, some or one
/// outlet; coverage by lean.
pub fn render_comparison(c: &Comparison, style: Style) -> String {
    render_comparison_by(c, style, crate::overview::DEFAULT_ATTRIBUTE)
}

/// [`render_comparison`] with coverage split by `attribute` of the outlet book.
pub fn render_comparison_by(c: &Comparison, style: Style, attribute: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}",
        style.bold(&format!(
            "parallax: {} from {}, {}",
            plural(c.articles.len(), "article", "articles"),
            plural(c.outlets.len(), "outlet", "outlets"),
            plural(c.stories.len(), "story", "stories")
        ))
    );
    contents(&mut o, c, style, attribute);
    for (i, s) in c.stories.iter().enumerate() {
        o.push('\n');
        story(&mut o, c, s, i + 1, style, attribute);
    }
    o
}

/// The coverage of `outlets` by `attribute` as a strip of 20 cells: coloured
/// blocks on a colour terminal, else one letter per value (L left, l lean left,
/// c centre, r lean right, R right, · unknown), then the legend.
pub fn coverage_strip(
    outlets: &[&str],
    refs: &[&parallax_compare::OutletRef],
    attribute: &str,
    style: Style,
) -> String {
    use crate::overview::{coverage, legend, value_colour};
    let cov = coverage(outlets, refs, attribute);
    let total: usize = cov.iter().map(|x| x.1).sum::<usize>().max(1);
    let mut strip = String::new();
    let mut used = 0;
    for (i, (v, n)) in cov.iter().enumerate() {
        let cells = if i + 1 == cov.len() {
            20 - used
        } else {
            (n * 20 + total / 2) / total
        }
        .min(20 - used);
        used += cells;
        if style.color {
            let hex = value_colour(v).trim_start_matches('#');
            let rgb: Vec<u8> = (0..3)
                .map(|k| u8::from_str_radix(&hex[k * 2..k * 2 + 2], 16).unwrap_or(128))
                .collect();
            strip.push_str(&format!(
                "\x1b[38;2;{};{};{}m{}\x1b[0m",
                rgb[0],
                rgb[1],
                rgb[2],
                "█".repeat(cells)
            ));
        } else {
            strip.push_str(&value_letter(v).to_string().repeat(cells));
        }
    }
    format!("[{strip}] {attribute}: {}", legend(&cov))
}

/// The letter of a value in an uncoloured coverage strip.
pub fn value_letter(v: &str) -> char {
    match v.trim().to_lowercase().replace(['_', '-'], " ").as_str() {
        "left" | "far left" => 'L',
        "lean left" | "centre left" | "center left" => 'l',
        "center" | "centre" => 'c',
        "lean right" | "centre right" | "center right" => 'r',
        "right" | "far right" => 'R',
        "unknown" | "" => '·',
        other => other.chars().next().map_or('?', |c| c.to_ascii_uppercase()),
    }
}

/// The story index (one line pair per story: number, title, coverage strip,
/// size and dates) and the blindspots, before the stories.
fn contents(o: &mut String, c: &Comparison, style: Style, attribute: &str) {
    use crate::overview::{blindspot, dates_text};
    if c.stories.len() < 2 {
        return;
    }
    let refs: Vec<&parallax_compare::OutletRef> = c.outlets.iter().collect();
    let _ = writeln!(o, "\n  {}", style.bold("CONTENTS"));
    let mut blind = Vec::new();
    for (i, s) in c.stories.iter().enumerate() {
        let outlets: Vec<&str> = s.outlets.iter().map(String::as_str).collect();
        let arts = story_articles(c, s);
        let _ = writeln!(
            o,
            "  {:>3}. {}\n       {} · {} · {}",
            i + 1,
            truncate(&s.title, WIDTH - 7),
            coverage_strip(&outlets, &refs, attribute, style),
            plural(s.articles.len(), "article", "articles"),
            dates_text(&arts)
        );
        if let Some(side) = blindspot(&outlets, &refs, attribute) {
            blind.push((i, side));
        }
    }
    if !blind.is_empty() {
        let _ = writeln!(
            o,
            "\n  {}",
            style.bold(&format!(
                "BLINDSPOTS — stories covered only by one side ({attribute} in the outlet book)"
            ))
        );
        for (i, side) in blind {
            let s = &c.stories[i];
            let _ = writeln!(
                o,
                "  {:>3}. only {side}: {}",
                i + 1,
                truncate(&s.title, WIDTH - 20 - side.len())
            );
        }
    }
}

fn story_articles<'a>(c: &'a Comparison, s: &Story) -> Vec<&'a parallax_compare::ArticleRef> {
    c.articles
        .iter()
        .filter(|a| s.articles.contains(&a.id))
        .collect()
}

fn outlet_tag(c: &Comparison, name: &str) -> String {
    let attrs = c
        .outlets
        .iter()
        .find(|o| o.name == name)
        .map(|o| &o.attributes);
    match attrs.filter(|a| !a.is_empty()) {
        Some(a) => format!(
            "{name} ({})",
            a.values().cloned().collect::<Vec<_>>().join(", ")
        ),
        None => name.to_string(),
    }
}

fn story(o: &mut String, c: &Comparison, s: &Story, n: usize, style: Style, attribute: &str) {
    let _ = writeln!(
        o,
        "{}",
        style.head(&format!(
            "━━ Story {n} · {}",
            truncate(&s.title, WIDTH - 14)
        ))
    );
    let outs: Vec<String> = s.outlets.iter().map(|x| outlet_tag(c, x)).collect();
    let arts = story_articles(c, s);
    let _ = writeln!(
        o,
        "   {}",
        wrap(
            &format!(
                "{} — {} · {}",
                outs.join(" · "),
                plural(s.articles.len(), "article", "articles"),
                crate::overview::dates_text(&arts)
            ),
            WIDTH,
            3,
            3
        )
    );
    let outlets: Vec<&str> = s.outlets.iter().map(String::as_str).collect();
    let refs: Vec<&parallax_compare::OutletRef> = c.outlets.iter().collect();
    let _ = writeln!(
        o,
        "   {}",
        coverage_strip(&outlets, &refs, attribute, style)
    );
    // each outlet's headline and date, side by side
    let pad = arts
        .iter()
        .map(|a| a.outlet.chars().count())
        .max()
        .unwrap_or(0);
    let mut rows = arts.clone();
    rows.sort_by(|a, b| a.outlet.cmp(&b.outlet).then(a.published.cmp(&b.published)));
    for a in rows.iter().take(12) {
        let date = a
            .published
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d))
            .unwrap_or("undated");
        let _ = writeln!(
            o,
            "   {:<pad$}  {:<10}  {}",
            a.outlet,
            date,
            wrap(&a.title, WIDTH, pad + 17, pad + 17),
            pad = pad
        );
    }
    if rows.len() > 12 {
        let _ = writeln!(
            o,
            "   {}",
            style.dim(&format!(
                "… {} more",
                plural(rows.len() - 12, "article", "articles")
            ))
        );
    }
    if let Some(best) = s.evidence.iter().max_by(|a, b| a.score.total_cmp(&b.score)) {
        let names: Vec<String> = best
            .shared_actors
            .iter()
            .take(6)
            .map(|id| identity_name(c, id))
            .collect();
        let line = format!(
            "grouped by similarity {:.2}; shared actors: {}",
            best.score,
            names.join(", ")
        );
        let _ = writeln!(o, "   {}", style.dim(&wrap(&line, WIDTH, 3, 3)));
    }
    let multi = s.outlets.len() > 1;
    // outlet names in full, padded to the longest
    let pad = s
        .outlets
        .iter()
        .map(|x| x.chars().count())
        .max()
        .unwrap_or(0);

    let _ = writeln!(
        o,
        "\n  {}",
        style.bold(if multi {
            "ACTORS IN MORE THAN ONE OUTLET — names, labels, quotes"
        } else {
            "ACTORS"
        })
    );
    let shown: Vec<_> = s
        .actors
        .iter()
        .filter(|a| !multi || a.outlets.len() > 1)
        .take(15)
        .collect();
    for a in &shown {
        let _ = writeln!(
            o,
            "   {} {}",
            style.bold(&a.name),
            style.dim(&format!("({})", a.kind.as_str()))
        );
        for (outlet, cov) in &a.outlets {
            let mut line = plural(cov.mentions, "mention", "mentions");
            if cov.quotes > 0 {
                line.push_str(&format!(", {}", plural(cov.quotes, "quote", "quotes")));
            }
            line.push_str(&format!(" as {}", quoted_list(&cov.variants)));
            let mut labels: Vec<String> = Vec::new();
            for l in &cov.labels {
                if !labels.contains(&l.text) {
                    labels.push(l.text.clone());
                }
            }
            if !labels.is_empty() {
                line.push_str(&format!("; labelled {}", quoted_list(&labels)));
            }
            let name = format!("{outlet:<pad$}");
            let _ = writeln!(
                o,
                "     {} {}",
                style.outlet(&name),
                wrap(&line, WIDTH, pad + 6, pad + 6)
            );
        }
    }
    let hidden = s.actors.len() - shown.len();
    // who names whom: the actors one outlet alone names, by outlet
    let mut only: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    if multi {
        for a in s.actors.iter().filter(|a| a.outlets.len() == 1) {
            if let Some(outlet) = a.outlets.keys().next() {
                only.entry(outlet.as_str())
                    .or_default()
                    .push(a.name.as_str());
            }
        }
    }
    for (outlet, names) in &only {
        let list = if names.len() > 10 {
            format!("{}, and {} more", names[..10].join(", "), names.len() - 10)
        } else {
            names.join(", ")
        };
        let _ = writeln!(
            o,
            "   {}",
            wrap(&format!("named only by {outlet}: {list}"), WIDTH, 3, 5)
        );
    }
    let single: usize = only.values().map(Vec::len).sum();
    let rest = hidden.saturating_sub(single);
    if rest > 0 {
        let _ = writeln!(
            o,
            "   {}",
            style.dim(&format!(
                "… {} more (see --format json or html)",
                plural(rest, "actor", "actors")
            ))
        );
    }

    let _ = writeln!(
        o,
        "\n  {}",
        style.bold("QUOTES — whose words each outlet carries")
    );
    for q in &s.quote_share {
        let _ = writeln!(
            o,
            "   {} {}, {} unattributed",
            style.outlet(&q.outlet),
            plural(q.total, "quote", "quotes"),
            q.unattributed
        );
        for sp in q.speakers.iter().take(8) {
            let bar = "█".repeat(sp.quotes.min(30));
            let mut cues: Vec<String> = sp
                .cues
                .iter()
                .map(|(k, v)| {
                    if *v > 1 {
                        format!("{k} ×{v}")
                    } else {
                        k.clone()
                    }
                })
                .collect();
            match sp.without_verb() {
                0 => {}
                1 => cues.push("no verb".into()),
                n => cues.push(format!("no verb ×{n}")),
            }
            let _ = writeln!(
                o,
                "     {:<28} {} {} {}",
                truncate(&sp.name, 28),
                bar,
                sp.quotes,
                style.dim(&cues.join(", "))
            );
        }
    }

    let _ = writeln!(
        o,
        "\n  {}",
        style.bold("FRAMING — scare quotes and loaded words")
    );
    for f in &s.framing {
        let _ = writeln!(
            o,
            "   {} {}",
            style.outlet(&f.outlet),
            style.dim(&format!("({})", plural(f.words, "word", "words")))
        );
        let list = |v: &[parallax_compare::TermCount], quote: bool| {
            if v.is_empty() {
                return "none".to_string();
            }
            v.iter()
                .map(|t| {
                    let term = if quote {
                        format!("“{}”", t.term)
                    } else {
                        t.term.clone()
                    };
                    if t.count > 1 {
                        format!("{term} ×{}", t.count)
                    } else {
                        term
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            o,
            "     {}",
            wrap(
                &format!("scare quotes: {}", list(&f.scare_quotes, true)),
                WIDTH,
                5,
                7
            )
        );
        let _ = writeln!(
            o,
            "     {}",
            wrap(
                &format!("own voice: {}", list(&f.loaded, false)),
                WIDTH,
                5,
                7
            )
        );
        let _ = writeln!(
            o,
            "     {}",
            wrap(
                &format!("in quotes: {}", list(&f.loaded_quoted, false)),
                WIDTH,
                5,
                7
            )
        );
    }

    if multi {
        statements(o, s, &style);
    }
}

/// The facts every outlet reports, those some report, what only one reports
/// (with the closest candidate elsewhere), the undecided, and conflicting
/// figures with their two sentences.
fn statements(o: &mut String, s: &parallax_compare::Story, style: &Style) {
    let st = &s.statements;
    let fact_lines = |o: &mut String, f: &parallax_compare::Fact| {
        for (k, r) in f.statements.iter().enumerate() {
            let bullet = if k == 0 { "•" } else { " " };
            let line = format!("[{}] {}", r.outlet, truncate(&r.text, 240));
            let _ = writeln!(o, "   {bullet} {}", wrap(&line, WIDTH, 5, 5));
        }
        let wire = if f.wire {
            " · wire copy: the same text, not independent reporting"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "     {}",
            style.dim(&format!("same fact, confidence {:.2}{wire}", f.confidence))
        );
    };
    let _ = writeln!(
        o,
        "\n  {}",
        style.bold(&format!("REPORTED BY ALL OUTLETS ({})", st.all.len()))
    );
    if st.all.is_empty() {
        let _ = writeln!(
            o,
            "   {}",
            style.dim("none that parallax is sure of (see the undecided below)")
        );
    }
    for f in st.all.iter().take(10) {
        fact_lines(o, f);
    }
    if st.all.len() > 10 {
        let _ = writeln!(
            o,
            "   {}",
            style.dim(&format!("… {} more", st.all.len() - 10))
        );
    }
    if !st.some.is_empty() {
        let _ = writeln!(
            o,
            "\n  {}",
            style.bold(&format!("REPORTED BY SOME OUTLETS ({})", st.some.len()))
        );
        for f in st.some.iter().take(10) {
            let _ = writeln!(
                o,
                "   {}",
                style.dim(&format!("by {}:", f.outlets.join(", ")))
            );
            fact_lines(o, f);
        }
        if st.some.len() > 10 {
            let _ = writeln!(
                o,
                "   {}",
                style.dim(&format!("… {} more", st.some.len() - 10))
            );
        }
    }
    for outlet in &s.outlets {
        let list = st.only.get(outlet).map(Vec::as_slice).unwrap_or(&[]);
        let undecided = st.undecided.get(outlet).map_or(0, Vec::len);
        let more = if undecided > 0 {
            format!("; {undecided} more undecided")
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "\n  {}",
            style.bold(&format!(
                "ONLY IN {} ({}{more})",
                outlet.to_uppercase(),
                plural(list.len(), "statement", "statements")
            ))
        );
        // most informative first: actors and figures
        let mut ranked: Vec<&parallax_compare::Omission> = list
            .iter()
            .filter(|x| x.statement.text.split_whitespace().count() >= 6)
            .collect();
        ranked.sort_by_key(|x| {
            std::cmp::Reverse(x.statement.actors.len() + 2 * x.statement.quantities.len())
        });
        for x in ranked.iter().take(8) {
            let _ = writeln!(
                o,
                "   • {}",
                wrap(&truncate(&x.statement.text, 240), WIDTH, 5, 5)
            );
            if let Some(c) = &x.closest {
                let line = format!(
                    "closest elsewhere ({:.2}): [{}] {}",
                    c.score,
                    c.statement.outlet,
                    truncate(&c.statement.text, 90)
                );
                let _ = writeln!(o, "     {}", style.dim(&wrap(&line, WIDTH, 5, 7)));
            }
        }
        if ranked.len() > 8 {
            let _ = writeln!(
                o,
                "   {}",
                style.dim(&format!("… {} more", ranked.len() - 8))
            );
        }
    }
    let undecided: usize = st.undecided.values().map(Vec::len).sum();
    if undecided > 0 {
        let _ = writeln!(
            o,
            "\n  {}",
            style.bold(&format!(
                "UNDECIDED ({undecided}): another outlet may report these in other words"
            ))
        );
        let mut all: Vec<&parallax_compare::Omission> = st.undecided.values().flatten().collect();
        all.sort_by(|a, b| {
            let s = |x: &parallax_compare::Omission| x.closest.as_ref().map_or(0.0, |c| c.score);
            s(b).total_cmp(&s(a))
        });
        for x in all.iter().take(5) {
            let line = format!(
                "[{}] {}",
                x.statement.outlet,
                truncate(&x.statement.text, 160)
            );
            let _ = writeln!(o, "   • {}", wrap(&line, WIDTH, 5, 5));
            if let Some(c) = &x.closest {
                let line = format!(
                    "closest ({:.2}): [{}] {}",
                    c.score,
                    c.statement.outlet,
                    truncate(&c.statement.text, 90)
                );
                let _ = writeln!(o, "     {}", style.dim(&wrap(&line, WIDTH, 5, 7)));
            }
        }
        if all.len() > 5 {
            let _ = writeln!(o, "   {}", style.dim(&format!("… {} more", all.len() - 5)));
        }
    }
    if !st.conflicts.is_empty() {
        let _ = writeln!(o, "\n  {}", style.bold("CONFLICTING FIGURES"));
        for cf in &st.conflicts {
            let Some(f) = st.fact(cf.fact) else { continue };
            let what = if cf.unit.is_empty() {
                format!("{:?}", cf.kind).to_lowercase()
            } else {
                format!("{:?} ({})", cf.kind, cf.unit).to_lowercase()
            };
            let _ = writeln!(o, "   • {what}: {} vs {}", cf.values[0], cf.values[1]);
            for r in [&f.statements[cf.a], &f.statements[cf.b]] {
                let line = format!("[{}] {}", r.outlet, truncate(&r.text, 200));
                let _ = writeln!(o, "     {}", wrap(&line, WIDTH, 5, 7));
            }
        }
    }
    if let Some(why) = &st.truncated {
        let _ = writeln!(
            o,
            "\n  {}",
            style.dim(&format!("not every statement was compared: {why}"))
        );
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn identity_name(c: &Comparison, id: &str) -> String {
    c.identities
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.name.clone())
        .unwrap_or_else(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_width() {
        let w = wrap(&"word ".repeat(60), 40, 0, 4);
        assert!(w.lines().all(|l| l.chars().count() <= 40));
        assert!(w.lines().skip(1).all(|l| l.starts_with("    ")));
    }

    #[test]
    fn truncates_on_chars() {
        assert_eq!(truncate("Díaz-Canel díaz", 6), "Díaz-…");
        assert_eq!(
            truncate("the talks were held with him", 18),
            "the talks were…"
        );
        assert_eq!(truncate("short", 10), "short");
    }
}
