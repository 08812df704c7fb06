use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use parallax_analyze::Analyzer;
use parallax_compare::{AlignOptions, CompareOptions, StoryOptions};
use parallax_core::{AnalyzedArticle, Article};
use parallax_ingest::{Input, Read, ReadOptions, Reader};
use parallax_report::text::Style;

use crate::cli::{AnalyzeFormat, Cli, ColorChoice, Command, CompareFormat, EvalCommand, InputArgs};

pub fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Analyze(a) => {
            let format = if a.json {
                AnalyzeFormat::Json
            } else {
                a.format
            };
            let (articles, failed) = load(&a.input)?;
            match format {
                // streamed: a corpus's JSON is many times its text, and is never
                // held whole in memory
                AnalyzeFormat::Json => {
                    write_json(&a.input, &parallax_report::analyze_doc(&articles))?
                }
                AnalyzeFormat::Text => write_out(
                    &a.input,
                    &parallax_report::text::render_analysis(&articles, style(&a.input)),
                )?,
            }
            // the process ends here: freeing every article's layers one by one
            // would only cost time (about 1.5% of a corpus's analysis)
            std::mem::forget(articles);
            Ok(exit(failed))
        }
        Command::Compare(c) => {
            let format = if c.json {
                CompareFormat::Json
            } else {
                c.format
            };
            for (name, v) in [
                ("--story-threshold", Some(c.story_threshold)),
                ("--align-threshold", c.align_threshold),
            ] {
                if let Some(v) = v.filter(|v| !(0.0..=1.0).contains(v)) {
                    eprintln!("parallax: {name} must be between 0 and 1, got {v}");
                    return Ok(ExitCode::from(2));
                }
            }
            // The model is found before any article is read: a missing model is a
            // usage error, reported at once.
            let encoder = match crate::encoder::story_encoder(c.align, &c.model) {
                Ok(e) => e.map(|e| e.with_progress(!c.input.quiet)),
                Err(e) => return crate::encoder::usage_error(&e),
            };
            let (articles, failed) = load(&c.input)?;
            let mut align = AlignOptions {
                budget: Some(std::time::Duration::from_secs_f64(c.input.time_budget)),
                ..AlignOptions::default()
            };
            if let Some(t) = c.align_threshold {
                align.link = t;
            }
            let opts = CompareOptions {
                stories: StoryOptions {
                    threshold: c.story_threshold,
                    ..Default::default()
                },
                align,
                aligned_articles: c.aligned_articles,
            };
            let comparison = parallax_compare::compare_with(
                &articles,
                opts,
                encoder
                    .as_ref()
                    .map(|e| e as &dyn parallax_compare::SentenceEncoder),
            )?;
            if let (Some(info), Some(enc)) = (&comparison.alignment, &encoder) {
                if !c.input.quiet {
                    eprintln!(
                        "parallax: embedded {} distinct sentences ({} candidate statements of {} in multi-outlet stories) in {:.1} s",
                        info.embedded,
                        info.candidates,
                        info.statements,
                        enc.seconds()
                    );
                }
            }
            let out = match format {
                CompareFormat::Json => parallax_report::compare_doc(&comparison) + "\n",
                CompareFormat::Text => {
                    parallax_report::text::render_comparison_by(&comparison, style(&c.input), &c.by)
                }
                CompareFormat::Html => {
                    parallax_report::html::render_comparison_by(&comparison, &articles, &c.by)
                }
                CompareFormat::Csv | CompareFormat::Jsonl => {
                    let rows: Vec<_> = comparison
                        .stories
                        .iter()
                        .flat_map(parallax_report::export::story_findings)
                        .collect();
                    if format == CompareFormat::Csv {
                        parallax_report::export::findings_csv(&rows)
                    } else {
                        parallax_report::export::jsonl(&rows)
                    }
                }
            };
            write_out(&c.input, &out)?;
            Ok(exit(failed))
        }
        Command::Extract(a) => extract(a),
        Command::Import(a) => crate::library::import(a),
        Command::Serve(a) => crate::library::serve(a),
        Command::Watch(a) => crate::library::watch(a),
        Command::Search(a) => crate::library::search(a),
        Command::Stories(a) => crate::library::stories(a),
        Command::Story(a) => crate::library::story(a),
        Command::Actor(a) => crate::library::actor(a),
        Command::Eval(EvalCommand::Stories(e)) => eval_stories(e),
        Command::Eval(EvalCommand::Extract(e)) => eval_extract(e),
        Command::Eval(EvalCommand::Actors(e)) => eval_actors(e),
        Command::Eval(EvalCommand::Coref(e)) => crate::eval_gum::coref(e),
        Command::Eval(EvalCommand::Align(e)) => crate::eval_align::run(e),
        Command::Eval(EvalCommand::Speakers(e)) => crate::eval_basil::speakers(e),
        Command::Eval(EvalCommand::Labels(e)) => crate::eval_basil::labels(e),
        Command::Eval(EvalCommand::Loaded(e)) => crate::eval_basil::loaded(e),
        Command::Eval(EvalCommand::Quotes(e)) => {
            if !e.dir.is_dir() {
                return Err(missing_data(
                    &e.dir,
                    "the PolNeAR data lives in ../shared/data/polnear",
                ));
            }
            let result = parallax_eval::quotes::eval_polnear(&e.dir, &Analyzer::new())?;
            if e.json {
                print_json(&result)?;
            } else {
                out!("{}", result.report());
                if e.examples {
                    for (kind, article, text) in &result.examples {
                        outln!("  {kind:<14} {article}: {text}");
                    }
                }
            }
            let mut ok = floor("direct-quote F1", result.direct.f1(), e.min_f1);
            ok &= floor("speaker accuracy", result.speaker_accuracy(), e.min_speaker);
            ok &= floor(
                "indirect speech recall",
                result.indirect_speech_recall(),
                e.min_indirect_recall,
            );
            ok &= floor(
                "indirect speaker accuracy",
                result.indirect_speaker_accuracy(),
                e.min_indirect_speaker,
            );
            Ok(code(ok))
        }
    }
}

fn eval_extract(e: crate::cli::EvalExtractArgs) -> Result<ExitCode, String> {
    if !e.dir.is_dir() {
        return Err(missing_data(
            &e.dir,
            "the extraction sets live in ../shared/data/",
        ));
    }
    let r = parallax_extract::eval::eval_dir(&e.dir)
        .map_err(|x| format!("{}: {x}", e.dir.display()))?;
    if e.json {
        print_json(&r)?;
    } else {
        outln!(
            "{:?}: {} pages, {:.2} s ({:.0} pages/s, one thread), metric: {}",
            r.dataset,
            r.pages,
            r.seconds,
            r.pages_per_second,
            r.metric
        );
        outln!(
            "{:<28} P {:.3}  R {:.3}  F1 {:.3}",
            "main text",
            r.precision,
            r.recall,
            r.f1
        );
        let mut worst: Vec<&parallax_extract::eval::PageReport> = r.details.iter().collect();
        worst.sort_by(|a, b| a.f1.total_cmp(&b.f1));
        for p in worst.into_iter().take(e.worst) {
            outln!("  {:.3} {} {}", p.f1, p.key, p.url.as_deref().unwrap_or(""));
            for m in p.missed.iter().take(3) {
                outln!("      missed: {m}");
            }
            for l in p.leaked.iter().take(3) {
                outln!("      leaked: {l}");
            }
        }
    }
    Ok(code(floor("extraction F1", r.f1, e.min_f1)))
}

fn eval_actors(e: crate::cli::EvalActorsArgs) -> Result<ExitCode, String> {
    use parallax_eval::actors;
    let analyzer = Analyzer::new();
    if e.seeds.is_some() || e.basil.is_some() {
        let (dir, builtin) = match (&e.seeds, &e.basil) {
            (Some(seeds), _) => (seeds, actors::SEED_GOLD),
            (None, Some(basil)) => (basil, actors::BASIL_GOLD),
            (None, None) => unreachable!("checked above"),
        };
        if !dir.is_dir() {
            return Err(if e.seeds.is_some() {
                format!(
                    "{}: no such directory; the example articles are in examples/seeds (run from the repository root), or give their folder",
                    dir.display()
                )
            } else {
                missing_data(dir, "the BASIL data lives in ../shared/data/basil")
            });
        }
        let gold_text = match &e.gold {
            Some(p) => std::fs::read_to_string(p).map_err(|x| format!("{}: {x}", p.display()))?,
            None => builtin.to_string(),
        };
        let source = e
            .gold
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "built-in gold".into());
        let gold = actors::parse_identity_gold(&gold_text).map_err(|x| format!("{source}: {x}"))?;
        let r = if e.seeds.is_some() {
            actors::eval_seed_identities(dir, &gold, &analyzer)?
        } else {
            actors::eval_basil_identities(dir, &gold, &analyzer)?
        };
        if e.json {
            print_json(&r)?;
        } else {
            out!("{}", r.report(e.examples > 0));
        }
        return Ok(code(floor("resolution B-cubed F1", r.bcubed_f1, e.min_f1)));
    }
    if crate::eval_gum::is_gum(&e.dir) || e.identities {
        if e.min_news_f1.is_some() {
            return Err(no_news_half(&e.dir));
        }
        return crate::eval_gum::actors(e, &analyzer);
    }
    if !e.dir.exists() {
        return Err(missing_data(
            &e.dir,
            "the UNER data lives in ../shared/data/uner-english-pud (or uner-english-ewt)",
        ));
    }
    let r = actors::eval_uner(
        &e.dir,
        &analyzer,
        parallax_ner::Tagger::embedded(),
        e.examples,
    )?;
    if e.json {
        print_json(&r)?;
    } else {
        out!("{}", r.report());
        for x in &r.errors {
            outln!(
                "  {:<7} {:<4} {:<40} {}",
                x.kind,
                x.label,
                x.text,
                x.sentence
            );
        }
    }
    let all = r.all();
    let mut ok = floor("pipeline micro F1", all.pipeline.micro.f1(), e.min_f1);
    ok &= floor("tagger micro F1", all.tagger.micro.f1(), e.min_tagger_f1);
    if let Some(min) = e.min_news_f1 {
        let news = r.part("news").ok_or_else(|| no_news_half(&e.dir))?;
        ok &= floor(
            "news pipeline micro F1",
            news.pipeline.micro.f1(),
            Some(min),
        );
    }
    Ok(code(ok))
}

fn eval_stories(e: crate::cli::EvalStoriesArgs) -> Result<ExitCode, String> {
    if !e.dir.is_dir() {
        return Err(missing_data(
            &e.dir,
            "the BASIL data lives in ../shared/data/basil",
        ));
    }
    let opts = CompareOptions {
        stories: StoryOptions {
            threshold: e.story_threshold,
            ..Default::default()
        },
        ..Default::default()
    };
    #[cfg(not(feature = "library"))]
    if e.incremental {
        return Err("--incremental feeds a library, and this parallax was built without one (the `library` feature, on by default: build without --no-default-features)".to_string());
    }
    #[cfg(feature = "library")]
    if e.incremental {
        let result = parallax_eval::stories::eval_basil_incremental(
            &e.dir,
            &Analyzer::new(),
            opts,
            e.batch.max(1),
        )?;
        if e.json {
            print_json(&result)?;
        } else {
            out!("{}", result.report());
        }
        return Ok(code(floor(
            "pairwise F1 (incremental, date order)",
            result.date_order.pairwise.f1(),
            e.min_f1,
        )));
    }
    // (read and analysed once for both measures)
    let (analyzed, gold) = parallax_eval::stories::read_basil(&e.dir, &Analyzer::new())?;
    let result = parallax_eval::stories::score_compare(&analyzed, &gold, opts);
    let small = e
        .small_inputs
        .then(|| parallax_eval::stories::eval_basil_small(&analyzed, &gold, opts));
    if e.json {
        match &small {
            Some(s) => print_json(&serde_json::json!({ "all": result, "small_inputs": s }))?,
            None => print_json(&result)?,
        }
    } else {
        out!("{}", result.report());
        if let Some(s) = &small {
            out!("{}", s.report());
        }
    }
    let mut ok = floor("pairwise F1", result.pairwise.f1(), e.min_f1);
    if let Some(s) = &small {
        ok &= floor("small inputs pairwise F1", s.pairwise.f1(), e.min_small_f1);
    }
    Ok(code(ok))
}

/// `parallax extract`: articles streamed out as they are read, never all held.
fn extract(a: crate::cli::ExtractArgs) -> Result<ExitCode, String> {
    let opts = a.fetch.ingest_options(a.outlets.as_deref(), a.max_size)?;
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let (mut written, mut failed, mut duplicates) = (0usize, 0usize, 0usize);
    let mut write_error: Option<std::io::Error> = None;
    let mut reader = Reader::new(ReadOptions {
        ingest: opts,
        keep_duplicates: a.keep_duplicates,
    });
    reader.read(Input::Paths(&a.inputs), &mut |r| {
        if write_error.is_some() {
            return;
        }
        let article = match r {
            Read::Article(article) => article,
            r => {
                if matches!(r, Read::Duplicate { .. }) {
                    duplicates += 1;
                }
                return report_read(&r, &mut failed);
            }
        };
        let res = match a.format {
            crate::cli::ExtractFormat::Jsonl => {
                serde_json::to_writer(&mut out, &extract_record(&article))
                    .map_err(std::io::Error::other)
                    .and_then(|_| out.write_all(b"\n"))
            }
            crate::cli::ExtractFormat::Text => {
                let sep = if written > 0 { "\n\u{c}\n" } else { "" };
                writeln!(out, "{sep}{}", article.text)
            }
        };
        match res {
            Ok(()) => written += 1,
            Err(e) => write_error = Some(e),
        }
    });
    match write_error.map_or_else(|| out.flush(), Err) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("writing output: {e}")),
        Ok(()) => {}
    }
    eprintln!(
        "parallax: {}, {} skipped, {} failed",
        parallax_report::story::count(written, "article", "articles"),
        parallax_report::story::count(duplicates, "duplicate", "duplicates"),
        parallax_report::story::count(failed, "input", "inputs")
    );
    Ok(if written == 0 && failed > 0 {
        ExitCode::from(1)
    } else {
        exit(failed)
    })
}

/// An article in the JSON Lines record format that `parallax import` reads back.
fn extract_record(a: &Article) -> serde_json::Value {
    serde_json::json!({
        "id": a.id,
        "source": a.meta.source,
        "outlet": a.outlet.name,
        "domain": a.outlet.domain,
        "url": a.meta.url,
        "title": a.meta.title,
        "authors": a.meta.authors,
        "published": a.meta.published,
        "language": a.meta.language,
        "text": a.text,
    })
}

/// Checks a figure against an optional floor, saying so when it falls short.
pub(crate) fn floor(name: &str, value: f64, min: Option<f64>) -> bool {
    match min {
        Some(m) if value < m => {
            eprintln!("parallax: {name} {value:.3} is below the floor {m:.3}");
            false
        }
        _ => true,
    }
}

/// The error for `--min-news-f1` on a data set without PUD's news half.
fn no_news_half(dir: &std::path::Path) -> String {
    format!(
        "--min-news-f1: {} has no news half (only UNER PUD has one)",
        dir.display()
    )
}

/// The error for evaluation data that is not where it was looked for: `what`
/// says where it lives ("the BASIL data lives in ../shared/data/basil").
pub(crate) fn missing_data(dir: &std::path::Path, what: &str) -> String {
    format!(
        "{}: no such directory; {what} beside the repository (see shared/data/README.md), or give its path",
        dir.display()
    )
}

/// Prints a value as pretty JSON, quiet on a closed pipe.
pub(crate) fn print_json<T: serde::Serialize + ?Sized>(v: &T) -> Result<(), String> {
    emit(&json_text(v)?)
}

/// Success when every floor held, else exit status 1.
pub(crate) fn code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn exit(failed: usize) -> ExitCode {
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn style(input: &InputArgs) -> Style {
    let color = match input.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            input.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    Style { color }
}

fn write_out(input: &InputArgs, text: &str) -> Result<(), String> {
    match &input.output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display())),
        None => emit(text),
    }
}

/// Writes `value` as pretty JSON with a final newline to `--output` or standard
/// output, as it is serialised; a closed pipe ends it quietly, as [`emit`].
fn write_json<T: serde::Serialize + ?Sized>(input: &InputArgs, value: &T) -> Result<(), String> {
    fn finish<W: Write>(mut w: W, value: &(impl serde::Serialize + ?Sized)) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut w, value).map_err(std::io::Error::from)?;
        w.write_all(b"\n")?;
        w.flush()
    }
    match &input.output {
        Some(path) => std::fs::File::create(path)
            .and_then(|f| finish(std::io::BufWriter::with_capacity(1 << 16, f), value))
            .map_err(|e| format!("{}: {e}", path.display())),
        None => {
            let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match finish(out, value) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| format!("writing output: {e}")),
            }
        }
    }
}

/// Writes `text` to standard output; a closed pipe (`| head`) ends the output
/// quietly, not with a panic or a message.
pub(crate) fn emit(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("writing output: {e}")),
    }
}

/// A value as pretty JSON with a final newline.
pub(crate) fn json_text<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, String> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

/// The analyzer of `--lexicon` (the built-in lexicon plus the user's entries).
pub(crate) fn analyzer(lexicon: Option<&std::path::Path>) -> Result<Analyzer, String> {
    match lexicon {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            Analyzer::with_loaded_terms(&text).map_err(|e| format!("{}: {e}", p.display()))
        }
        None => Ok(Analyzer::new()),
    }
}

/// Says what the reader found other than an article: a copy or a note (not
/// input errors) or a failed input (counted in `failed`).
pub(crate) fn report_read(r: &Read, failed: &mut usize) {
    match r {
        Read::Article(_) => {}
        Read::Duplicate { article, of } => eprintln!(
            "parallax: {}: duplicate of {} ({}); skipped",
            article.meta.source, of.of, of.reason
        ),
        Read::Failed(e) => {
            // a note (a symlink loop, a FIFO in a folder) is not a failed input
            *failed += usize::from(!e.is_note());
            eprintln!("parallax: {e}");
        }
    }
}

/// Reads and analyses every input through the one pipeline (reader, then batch
/// analysis). Errors are reported on stderr as they come; the count of failed
/// inputs decides the exit status.
pub(crate) fn load(input: &InputArgs) -> Result<(Vec<AnalyzedArticle>, usize), String> {
    let analyzer = analyzer(input.lexicon.as_deref())?;
    let mut reader = Reader::new(ReadOptions {
        ingest: input
            .fetch
            .ingest_options(input.outlets.as_deref(), input.max_size)?,
        keep_duplicates: false,
    });
    let mut articles: Vec<Article> = Vec::new();
    let mut failed = 0usize;
    reader.read(Input::Paths(&input.inputs), &mut |r| match r {
        Read::Article(a) => articles.push(a),
        r => report_read(&r, &mut failed),
    });
    let bar = progress(input, articles.len());
    let budget = std::time::Duration::from_secs_f64(input.time_budget.max(0.001));
    let mut analyzed = Vec::with_capacity(articles.len());
    for r in analyzer.analyze_batch(articles, budget, &|| bar.inc(1)) {
        match r {
            Ok(a) => analyzed.push(a),
            Err(r) => {
                failed += 1;
                eprintln!("parallax: {}: {}; skipped", r.article.meta.source, r.reason);
            }
        }
    }
    bar.finish_and_clear();
    if analyzed.is_empty() {
        return Err(if failed > 0 {
            "no article could be read".to_string()
        } else {
            "no input articles".to_string()
        });
    }
    Ok((analyzed, failed))
}

/// A progress bar's rate, rounded ("461/s", "3.2/s"): indicatif's own
/// `{per_sec}` prints every digit it has.
pub(crate) fn rate(state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write) {
    let r = state.per_sec();
    let _ = if r >= 10.0 || r == 0.0 {
        write!(w, "{r:.0}/s")
    } else {
        write!(w, "{r:.1}/s")
    };
}

fn progress(input: &InputArgs, n: usize) -> ProgressBar {
    if input.quiet || n < 50 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} analysing {pos}/{len} articles [{bar:40}] {rate} ETA {eta}",
        )
        .expect("valid template")
        .with_key("rate", rate)
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
