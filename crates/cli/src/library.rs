//! `parallax import / search / stories / actor`: the library commands.

use std::io::Write;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use parallax_compare::CompareOptions;
use parallax_ingest::{Input, Read, ReadOptions, Reader};
use parallax_store::{
    BATCH, Importer, Library, Outcome, PgLibrary, SearchQuery, SqliteLibrary, Tally, Updated,
};

use crate::cli::{
    ActorArgs, ImportArgs, LibraryArgs, ListFormat, SearchArgs, StoriesArgs, StoryArgs, WatchArgs,
};
use crate::encoder::{story_encoder, story_encoder_lazily, usage_error};
use crate::run::{emit, json_text};
use parallax_report::story::count;

pub fn open(args: &LibraryArgs) -> Result<Box<dyn Library>, String> {
    match &args.postgres {
        Some(url) => Ok(Box::new(
            PgLibrary::connect(url).map_err(|e| format!("{url}: {e}"))?,
        )),
        None => Ok(Box::new(
            SqliteLibrary::open(&args.library)
                .map_err(|e| format!("{}: {e}", args.library.display()))?,
        )),
    }
}

/// Opens a library that must already exist: the read commands (`search`,
/// `stories`, `actor`) never create one, so a mistyped `--library` is an error
/// rather than an empty answer.
pub fn open_existing(args: &LibraryArgs) -> Result<Box<dyn Library>, String> {
    if args.postgres.is_none() && !args.library.join("library.sqlite").is_file() {
        return Err(format!(
            "{}: no library here (create one with `parallax import --library {} FILES…`, or name another with --library / PARALLAX_LIBRARY)",
            args.library.display(),
            args.library.display()
        ));
    }
    open(args)
}

pub fn import(a: ImportArgs) -> Result<ExitCode, String> {
    // a missing model is a usage error, found before anything is read
    let encoder = match story_encoder(a.stories.align, &a.stories.model) {
        Ok(e) => e.map(|e| e.with_progress(!a.quiet)),
        Err(e) => return usage_error(&e),
    };
    let analyzer = crate::run::analyzer(a.lexicon.as_deref())?;
    let lib = open(&a.library)?;
    let mut reader = Reader::new(ReadOptions {
        ingest: a.fetch.ingest_options(a.outlets.as_deref(), a.max_size)?,
        keep_duplicates: false,
    });
    reader.know_outlets(
        lib.outlets()
            .map_err(|e| e.to_string())?
            .iter()
            .map(String::as_str),
    );
    let bar = if a.quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles, {rate} — {msg}")
                .expect("template")
                .with_key("rate", crate::run::rate),
        );
        b.enable_steady_tick(Duration::from_millis(200));
        b
    };
    // Reading runs on its own thread and feeds the importer; this thread
    // analyses (in parallel, batch by batch) and commits.
    let (tx, rx) = mpsc::sync_channel::<Read>(BATCH * 2);
    let inputs = a.inputs.clone();
    let reader = std::thread::spawn(move || {
        reader.read(Input::Paths(&inputs), &mut |r| {
            let _ = tx.send(r);
        })
    });
    let mut tally = Tally::default();
    let mut stdout = std::io::stdout().lock();
    let mut write_error: Option<std::io::Error> = None;
    let mut sink = |o: Outcome| {
        tally.add(&o);
        bar.inc(1);
        if a.json {
            if write_error.is_none() {
                let line = serde_json::to_string(&o).expect("serialisable");
                if let Err(e) = writeln!(stdout, "{line}").and_then(|_| stdout.flush()) {
                    write_error = Some(e);
                }
            }
        } else if !matches!(o, Outcome::Added { .. }) {
            bar.suspend(|| eprintln!("parallax: {}", o.describe()));
        }
        bar.set_message(format!(
            "{} added, {}, {} rejected",
            tally.added,
            count(tally.duplicates, "duplicate", "duplicates"),
            tally.rejected
        ));
    };
    let budget = parallax_analyze::ARTICLE_BUDGET;
    let mut importer = Importer::new(lib.as_ref(), &analyzer, budget);
    // A full disk fails every article after it the same way: the import stops
    // there, once (what was added stays: each article is committed on its own).
    let stopped = rx
        .into_iter()
        .try_for_each(|r| importer.push(r, &mut sink))
        .and_then(|()| importer.finish(&mut sink));
    bar.finish_and_clear();
    if let Err(stop) = stopped {
        return Err(format!(
            "{}: {}; import stopped after {} added",
            stop.source, stop.error, tally.added
        ));
    }
    let _ = reader.join();
    match write_error {
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(format!("writing output: {e}"));
        }
        _ => {}
    }
    let Tally {
        added,
        duplicates,
        rejected,
        ..
    } = tally;
    // Also when nothing was added: stories left behind by an import that was
    // killed, or by `--no-stories`, are brought up to date now.
    if !a.no_stories {
        update(lib.as_ref(), encoder.as_ref(), a.quiet)?;
    }
    if added > 0 {
        // Indexed now rather than at the first search; a server running on the same
        // library holds the index and catches up by itself.
        if let Err(e) = lib.prepare_search() {
            eprintln!("parallax: the search index will catch up at the next search ({e})");
        }
    }
    eprintln!(
        "parallax: {added} added, {} skipped as {}, {rejected} rejected; the library holds {}",
        duplicates,
        if duplicates == 1 {
            "a duplicate"
        } else {
            "duplicates"
        },
        count(
            lib.count().map_err(|e| e.to_string())?,
            "article",
            "articles"
        )
    );
    Ok(if rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Brings the stories up to date (articles not placed yet, stories out of date)
/// and says what changed, unless nothing was to do.
pub fn update(
    lib: &dyn Library,
    encoder: Option<&crate::encoder::Encoder>,
    quiet: bool,
) -> Result<Updated, String> {
    let started = std::time::Instant::now();
    let done = parallax_store::update_stories(
        lib,
        CompareOptions::default(),
        encoder.map(|e| e as &dyn parallax_compare::SentenceEncoder),
        &mut |line| {
            if !quiet {
                eprintln!("parallax: {line}");
            }
        },
    )
    .map_err(|e| format!("updating the stories: {e}"))?;
    if !done.is_nothing() {
        eprintln!(
            "parallax: stories updated in {:.1} s: {}",
            started.elapsed().as_secs_f64(),
            done
        );
    }
    Ok(done)
}

/// `parallax watch`: rounds until killed (or one with `--once`), the stories
/// updated after each round that added articles.
pub fn watch(a: WatchArgs) -> Result<ExitCode, String> {
    let cfg = parallax_watch::FeedsConfig::read(&a.feeds).map_err(crate::cli::usage)?;
    let encoder = match story_encoder(a.stories.align, &a.stories.model) {
        Ok(e) => e,
        Err(e) => return usage_error(&e),
    };
    let analyzer = std::sync::Arc::new(crate::run::analyzer(a.lexicon.as_deref())?);
    let read = ReadOptions {
        ingest: crate::cli::FetchArgs {
            fetch_links: false,
            fetch_timeout: cfg.fetch_timeout.as_secs_f64(),
        }
        .ingest_options(a.outlets.as_deref(), a.max_size)?,
        keep_duplicates: false,
    };
    let lib: std::sync::Arc<dyn Library> = std::sync::Arc::from(open(&a.library)?);
    if lib.read_only() {
        return Err(format!(
            "{}: the library is read-only here; watch needs to write to it",
            a.library.library.display()
        ));
    }
    let say = |line: &str| {
        let _ = writeln!(std::io::stderr().lock(), "parallax watch: {line}");
    };
    let update_now = |lib: &dyn Library| {
        if a.no_stories {
            return;
        }
        if let Err(e) = update(lib, encoder.as_ref(), true) {
            say(&e);
        }
    };
    // what an earlier run (of any command) left to do, first
    update_now(lib.as_ref());
    let feeds = cfg.feeds.len();
    let mut w = parallax_watch::Watcher::new(
        cfg,
        lib.clone(),
        analyzer,
        read,
        parallax_analyze::ARTICLE_BUDGET,
    )?;
    say(&format!(
        "watching {feeds} feed{} into {}",
        if feeds == 1 { "" } else { "s" },
        a.library
            .postgres
            .clone()
            .unwrap_or_else(|| a.library.library.display().to_string())
    ));
    if a.once {
        let r = w.round(&mut |l| say(l))?;
        say(&format!("round: {r}"));
        if r.added > 0 {
            update_now(lib.as_ref());
        }
        return Ok(if r.failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let stop = std::sync::atomic::AtomicBool::new(false);
    w.run(
        &stop,
        &mut |r| {
            if *r != parallax_watch::Round::default() {
                say(&format!("round: {r}"));
            }
            if r.added > 0 {
                update_now(lib.as_ref());
            }
        },
        &mut |l| say(l),
    );
    Ok(ExitCode::SUCCESS)
}

pub fn search(a: SearchArgs) -> Result<ExitCode, String> {
    let lib = open_existing(&a.library)?;
    if let Some(o) = &a.outlet {
        let known = lib.outlets().map_err(|e| e.to_string())?;
        if parallax_store::known_outlet(&known, o).is_none() {
            eprintln!(
                "parallax: warning: no outlet {o:?} in this library; its outlets are: {}",
                if known.is_empty() {
                    "none yet".to_string()
                } else {
                    known.join(", ")
                }
            );
        }
    }
    let q = SearchQuery {
        text: a.query,
        outlet: a.outlet,
        from: a.from,
        to: a.to,
        actor: a.actor,
        limit: a.limit,
        offset: 0,
    };
    if let Some(f @ (ListFormat::Csv | ListFormat::Jsonl)) = a.format {
        // a download: every match up to --limit, not one page
        let hits = match parallax_report::library::all_hits(lib.as_ref(), &q, a.limit) {
            Ok(h) => h,
            Err(parallax_store::StoreError::Query(m)) => return usage_error(&m),
            Err(e) => return Err(e.to_string()),
        };
        let rows = parallax_report::library::search_rows(&hits);
        emit(&if f == ListFormat::Csv {
            parallax_report::library::search_csv(&rows)
        } else {
            parallax_report::export::jsonl(&rows)
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let r = match lib.search(&q) {
        Ok(r) => r,
        // a date that is no date, a query the engine refuses: the user's to fix
        Err(parallax_store::StoreError::Query(m)) => return usage_error(&m),
        Err(e) => return Err(e.to_string()),
    };
    let facets = if a.facets {
        Some(parallax_store::search_facets(lib.as_ref(), &q).map_err(|e| e.to_string())?)
    } else {
        None
    };
    if a.json || a.format == Some(ListFormat::Json) {
        if let Some(f) = facets {
            emit(&json_text(
                &serde_json::json!({"total": r.total, "hits": r.hits, "facets": f}),
            )?)?;
            return Ok(ExitCode::SUCCESS);
        }
        emit(&json_text(&r)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(f) = &facets {
        emit(&parallax_report::library::render_facets(f))?;
    }
    emit(&parallax_report::library::render_search(&r))?;
    Ok(ExitCode::SUCCESS)
}

/// `parallax story ID`: one stored story in any of `compare`'s formats (the
/// report's renderers, fed the stored record), or its findings as rows.
pub fn story(a: StoryArgs) -> Result<ExitCode, String> {
    use crate::cli::CompareFormat;
    let lib = open_existing(&a.library)?;
    if !lib.read_only() {
        update(lib.as_ref(), None, false)?;
    }
    let Some(rec) = lib.story(&a.id).map_err(|e| e.to_string())? else {
        eprintln!(
            "parallax: no story {:?} in the library (`parallax stories` lists their ids)",
            a.id
        );
        return Ok(ExitCode::from(1));
    };
    let comparison = parallax_compare::Comparison {
        schema: "parallax.compare".into(),
        schema_version: parallax_core::SCHEMA_VERSION,
        articles: rec.articles.clone(),
        outlets: rec.outlets.clone(),
        identities: rec.identities.clone(),
        stories: vec![rec.story.clone()],
        ..Default::default()
    };
    let out = match a.format {
        CompareFormat::Json => json_text(&rec)?,
        CompareFormat::Text => parallax_report::text::render_comparison_by(
            &comparison,
            parallax_report::text::Style {
                color: a.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()),
            },
            &a.by,
        ),
        CompareFormat::Html => {
            let texts = rec
                .articles
                .iter()
                .filter_map(|x| lib.article(&x.id).transpose())
                .collect::<parallax_store::Result<Vec<_>>>()
                .map_err(|e| e.to_string())?;
            parallax_report::html::render_comparison_by(&comparison, &texts, &a.by)
        }
        CompareFormat::Csv => parallax_report::export::findings_csv(
            &parallax_report::export::story_findings(&rec.story),
        ),
        CompareFormat::Jsonl => {
            parallax_report::export::jsonl(&parallax_report::export::story_findings(&rec.story))
        }
    };
    match &a.output {
        Some(p) => std::fs::write(p, out).map_err(|e| format!("{}: {e}", p.display()))?,
        None => emit(&out)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stories(a: StoriesArgs) -> Result<ExitCode, String> {
    let lib = open_existing(&a.library)?;
    // the model only when there is story work: listing alone needs none
    let work = a.rebuild
        || (!lib.read_only()
            && !parallax_store::pending(lib.as_ref())
                .map_err(|e| e.to_string())?
                .is_empty());
    let encoder = if work {
        match story_encoder(a.stories.align, &a.stories.model) {
            Ok(e) => e,
            Err(e) => return usage_error(&e),
        }
    } else {
        None
    };
    if a.rebuild {
        let started = std::time::Instant::now();
        let done = parallax_store::rebuild_stories(
            lib.as_ref(),
            CompareOptions::default(),
            encoder
                .as_ref()
                .map(|e| e as &dyn parallax_compare::SentenceEncoder),
            &mut |line| eprintln!("parallax: {line}"),
        )
        .map_err(|e| format!("rebuilding the stories: {e}"))?;
        eprintln!(
            "parallax: stories rebuilt in {:.1} s: {}",
            started.elapsed().as_secs_f64(),
            done
        );
    } else if !lib.read_only() {
        // what a killed import left behind, before listing
        update(lib.as_ref(), encoder.as_ref(), false)?;
    }
    if a.json {
        let list = lib.stories(a.limit, 0).map_err(|e| e.to_string())?;
        emit(&json_text(&list)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let total = lib.story_count().map_err(|e| e.to_string())?;
    let refs = parallax_store::outlet_refs(lib.as_ref()).map_err(|e| e.to_string())?;
    // every story, for the blindspots (one side's stories sort last); the list
    // is its first `--limit`, in the same order
    let all = lib
        .stories(total.max(a.limit), 0)
        .map_err(|e| e.to_string())?;
    let list = &all[..a.limit.min(all.len())];
    emit(&parallax_report::library::render_stories(
        list, total, &refs, &all,
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn actor(a: ActorArgs) -> Result<ExitCode, String> {
    let lib = open_existing(&a.library)?;
    let found = lib.find_actors(&a.name, 10).map_err(|e| e.to_string())?;
    let Some(best) = found.first() else {
        eprintln!(
            "parallax: no actor matches {:?} (run `parallax stories` after an import with --no-stories)",
            a.name
        );
        return Ok(ExitCode::from(1));
    };
    let p = lib
        .actor(&best.id)
        .map_err(|e| e.to_string())?
        .ok_or("actor vanished")?;
    if a.json {
        emit(&json_text(&p)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    emit(&parallax_report::library::render_actor(
        &p,
        found.get(1..).unwrap_or(&[]),
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn serve(a: crate::cli::ServeArgs) -> Result<ExitCode, String> {
    // the user's lexicon is checked now, not at the first import
    let lexicon = match &a.lexicon {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            parallax_analyze::Analyzer::with_loaded_terms(&text)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            Some(text)
        }
        None => None,
    };
    let encoder = match story_encoder_lazily(a.stories.align, &a.stories.model) {
        Ok(e) => e,
        Err(e) => return usage_error(&e),
    };
    let encoder = encoder.map(|e| {
        // sentences are remembered across rebuilds: 200,000 of them is about 300 MB
        parallax_server::SharedEncoder(std::sync::Arc::new(parallax_compare::CachingEncoder::new(
            e, 200_000,
        )))
    });
    let aligned = if encoder.is_some() {
        "embeddings"
    } else {
        "lexical"
    };
    let token = match (
        &a.token_file,
        std::env::var("PARALLAX_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty()),
    ) {
        (Some(p), _) => {
            let t = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let t = t.lines().next().unwrap_or("").trim().to_string();
            if t.len() < 8 {
                return Err(format!(
                    "{}: the token must be at least 8 characters",
                    p.display()
                ));
            }
            Some(t)
        }
        (None, Some(t)) => Some(t.trim().to_string()),
        (None, None) => None,
    };
    let watch = match &a.watch {
        Some(p) => Some(parallax_watch::FeedsConfig::read(p).map_err(crate::cli::usage)?),
        None => None,
    };
    let lib: std::sync::Arc<dyn Library> = std::sync::Arc::from(open(&a.library)?);
    if let Err(e) = lib.prepare_search() {
        eprintln!("parallax: search index: {e}; searches will use the database");
    }
    let writes = if token.is_some() {
        "enabled with the token"
    } else {
        "disabled (no token)"
    };
    let cfg = parallax_server::ServerConfig {
        token,
        allow_remote_reads: a.allow_remote_reads,
        allowed_hosts: a.allowed_host.clone(),
        max_body: a.max_body.saturating_mul(1 << 20),
        encoder,
        read: ReadOptions {
            ingest: crate::cli::FetchArgs {
                fetch_links: false,
                fetch_timeout: 30.0,
            }
            .ingest_options(a.outlets.as_deref(), 64)?,
            keep_duplicates: false,
        },
        lexicon,
        watch,
        ..Default::default()
    };
    let where_ = a
        .library
        .postgres
        .clone()
        .unwrap_or_else(|| a.library.library.display().to_string());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(parallax_server::serve(lib, a.addr, cfg, |addr| {
        eprintln!(
            "parallax serve: http://{addr}/  (library {where_}; writes {writes}; stories aligned by {aligned}; ctrl-c stops)"
        );
    }))
    .map_err(|e| format!("{}: {e}", a.addr))?;
    Ok(ExitCode::SUCCESS)
}
