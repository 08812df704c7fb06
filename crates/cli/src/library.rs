//! `parallax import / search / stories / actor`: the library commands.

use std::io::Write;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use parallax_analyze::Analyzer;
use parallax_compare::CompareOptions;
use parallax_core::Article;
use parallax_ingest::ingest_paths;
use parallax_store::{ImportOutcome, Library, PgLibrary, SearchQuery, SqliteLibrary};
use rayon::prelude::*;

use crate::cli::{ActorArgs, ImportArgs, LibraryArgs, SearchArgs, StoriesArgs};

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

/// Articles are analysed in parallel in batches of this size, then committed one
/// by one: a crash loses at most the batch not yet committed.
const BATCH: usize = 64;

/// An article whose analysis takes longer than this is skipped with a reason.
const ANALYSIS_BUDGET_SECS: u64 = 30;

pub fn import(a: ImportArgs) -> Result<ExitCode, String> {
    // a missing model is a usage error, found before anything is read
    let encoder = match story_encoder(a.stories.align, &a.stories.model) {
        Ok(e) => e,
        Err(e) => return usage_error(&e),
    };
    let lib = open(&a.library)?;
    let opts = a.fetch.ingest_options(a.outlets.as_deref(), a.max_size)?;
    let analyzer = Analyzer::new();
    let bar = if a.quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles, {per_sec} — {msg}")
                .expect("template"),
        );
        b.enable_steady_tick(Duration::from_millis(200));
        b
    };
    // Reading runs on its own thread and feeds batches; this thread analyses and commits.
    let (tx, rx) = mpsc::sync_channel::<Result<Article, parallax_ingest::IngestError>>(BATCH * 2);
    let inputs = a.inputs.clone();
    let reader = std::thread::spawn(move || {
        ingest_paths(&inputs, &opts, &mut |r| {
            let _ = tx.send(r);
        })
    });
    let (mut added, mut duplicates, mut rejected) = (0usize, 0usize, 0usize);
    let mut stdout = std::io::stdout().lock();
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    // `--json` lines of copies found within this import wait for the batch holding
    // their original, so an article's "added" comes before "duplicate" lines naming it.
    let mut held: Vec<String> = Vec::new();
    let mut flush = |batch: &mut Vec<Article>,
                     held: &mut Vec<String>,
                     added: &mut usize,
                     duplicates: &mut usize,
                     rejected: &mut usize|
     -> Result<(), String> {
        // Articles already in the library are reported without being analysed:
        // resuming an interrupted import costs little.
        let mut fresh = Vec::with_capacity(batch.len());
        for art in std::mem::take(batch) {
            match lib.known(&art) {
                Ok(Some(ImportOutcome::Duplicate {
                    id,
                    existing,
                    reason,
                })) => {
                    *duplicates += 1;
                    bar.inc(1);
                    if a.json {
                        let line = serde_json::json!({"outcome": "duplicate", "id": id, "existing": existing, "reason": reason, "source": art.meta.source});
                        writeln!(stdout, "{line}")
                            .and_then(|_| stdout.flush())
                            .map_err(|e| e.to_string())?;
                    }
                }
                _ => fresh.push(art),
            }
        }
        let analyzed: Vec<_> = fresh
            .into_par_iter()
            .map(|art| {
                let deadline = std::time::Instant::now()
                    + std::time::Duration::from_secs(ANALYSIS_BUDGET_SECS);
                let an = analyzer.analyze_within(&art.text, Some(deadline));
                (art, an)
            })
            .collect();
        for (art, an) in analyzed {
            let an = match an {
                Ok(an) => an,
                Err(e) => {
                    *rejected += 1;
                    eprintln!("parallax: {}: {e}; skipped", art.meta.source);
                    continue;
                }
            };
            match lib.import(&art, &an) {
                Ok(ImportOutcome::Added { id }) => {
                    *added += 1;
                    if a.json {
                        let line = serde_json::json!({"outcome": "added", "id": id, "source": art.meta.source});
                        writeln!(stdout, "{line}")
                            .and_then(|_| stdout.flush())
                            .map_err(|e| e.to_string())?;
                    }
                }
                Ok(ImportOutcome::Duplicate {
                    id,
                    existing,
                    reason,
                }) => {
                    *duplicates += 1;
                    if a.json {
                        let line = serde_json::json!({"outcome": "duplicate", "id": id, "existing": existing, "reason": reason, "source": art.meta.source});
                        writeln!(stdout, "{line}")
                            .and_then(|_| stdout.flush())
                            .map_err(|e| e.to_string())?;
                    }
                }
                // A full disk fails every article after it the same way: stop here,
                // once (what was added stays: each article committed on its own).
                Err(e) if e.is_full() => {
                    bar.finish_and_clear();
                    return Err(format!(
                        "{}: {e}; import stopped after {added} added",
                        art.meta.source
                    ));
                }
                Err(e) => {
                    *rejected += 1;
                    eprintln!("parallax: {}: {e}", art.meta.source);
                }
            }
            bar.inc(1);
        }
        for line in held.drain(..) {
            writeln!(stdout, "{line}")
                .and_then(|_| stdout.flush())
                .map_err(|e| e.to_string())?;
        }
        bar.set_message(format!(
            "{added} added, {duplicates} duplicates, {rejected} rejected"
        ));
        Ok(())
    };
    // Near-identical copies within this import (the library itself catches the
    // same URL and the same text across imports).
    let mut dedup = parallax_ingest::dedup::Deduper::new();
    for r in rx {
        match r {
            Ok(art) => {
                if let Some(d) = dedup.check(&art) {
                    duplicates += 1;
                    bar.inc(1);
                    if a.json {
                        let line = serde_json::json!({"outcome": "duplicate", "id": art.id, "existing": d.of_id, "reason": d.reason, "source": art.meta.source});
                        held.push(line.to_string());
                    } else {
                        bar.suspend(|| {
                            eprintln!(
                                "parallax: {}: duplicate of {} ({}); skipped",
                                art.meta.source, d.of, d.reason
                            )
                        });
                    }
                    continue;
                }
                batch.push(art);
                if batch.len() >= BATCH {
                    flush(
                        &mut batch,
                        &mut held,
                        &mut added,
                        &mut duplicates,
                        &mut rejected,
                    )?;
                }
            }
            Err(e) => {
                rejected += 1;
                bar.suspend(|| eprintln!("parallax: {e}"));
            }
        }
    }
    flush(
        &mut batch,
        &mut held,
        &mut added,
        &mut duplicates,
        &mut rejected,
    )?;
    let _ = reader.join();
    bar.finish_and_clear();
    if !a.no_stories && added > 0 {
        let n = rebuild(lib.as_ref(), encoder.as_ref())?;
        eprintln!("parallax: stories rebuilt: {n}");
    }
    if added > 0 {
        // Indexed now rather than at the first search; a server running on the same
        // library holds the index and catches up by itself.
        if let Err(e) = lib.prepare_search() {
            eprintln!("parallax: the search index will catch up at the next search ({e})");
        }
    }
    eprintln!(
        "parallax: {added} added, {duplicates} skipped as duplicates, {rejected} rejected; the library holds {} articles",
        lib.count().map_err(|e| e.to_string())?
    );
    Ok(if rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(crate) fn usage_error(msg: &str) -> Result<ExitCode, String> {
    eprintln!("parallax: {msg}");
    Ok(ExitCode::from(2))
}

/// The encoder of `--align embed`, or none for lexical alignment.
pub(crate) fn story_encoder(
    align: crate::cli::AlignMethod,
    model: &crate::cli::ModelArgs,
) -> Result<Option<crate::encoder::Encoder>, String> {
    match align {
        crate::cli::AlignMethod::Lexical => Ok(None),
        crate::cli::AlignMethod::Embed => crate::encoder::Encoder::locate(model)
            .map(Some)
            .map_err(|e| format!("--align embed: {e}")),
    }
}

/// Recompares every article in the library and saves the stories.
pub fn rebuild(
    lib: &dyn Library,
    encoder: Option<&crate::encoder::Encoder>,
) -> Result<usize, String> {
    let all = lib.all_analyzed().map_err(|e| e.to_string())?;
    let c = parallax_compare::compare_with(
        &all,
        CompareOptions::default(),
        encoder.map(|e| e as &dyn parallax_compare::SentenceEncoder),
    )?;
    lib.save_comparison(&c).map_err(|e| e.to_string())?;
    Ok(c.stories.len())
}

pub fn search(a: SearchArgs) -> Result<ExitCode, String> {
    let lib = open(&a.library)?;
    let q = SearchQuery {
        text: a.query,
        outlet: a.outlet,
        from: a.from,
        to: a.to,
        actor: a.actor,
        limit: a.limit,
        offset: 0,
    };
    let r = lib.search(&q).map_err(|e| e.to_string())?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} matching article{}",
        r.total,
        if r.total == 1 { "" } else { "s" }
    );
    for h in &r.hits {
        println!(
            "\n{} · {} · {}  [{}]",
            h.outlet,
            h.published.as_deref().unwrap_or("undated"),
            h.title,
            h.id
        );
        let snippet: String = h
            .snippet
            .iter()
            .map(|p| {
                if p.hit {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect();
        println!("  {}", parallax_report::text::wrap(&snippet, 98, 2, 2));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stories(a: StoriesArgs) -> Result<ExitCode, String> {
    let lib = open(&a.library)?;
    if a.rebuild {
        rebuild(lib.as_ref(), None)?;
    }
    let list = lib.stories(a.limit, 0).map_err(|e| e.to_string())?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    if list.is_empty() {
        println!("no stories yet: import articles with `parallax import`");
    }
    for s in &list {
        let dates = match (&s.first_published, &s.last_published) {
            (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
            (Some(a), _) => a.clone(),
            _ => "undated".into(),
        };
        println!(
            "{}  {} articles · {} · {}\n    {}",
            s.id,
            s.articles,
            s.outlets.join(", "),
            dates,
            s.title
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn actor(a: ActorArgs) -> Result<ExitCode, String> {
    let lib = open(&a.library)?;
    let found = lib.find_actors(&a.name, 10).map_err(|e| e.to_string())?;
    let Some(best) = found.first() else {
        eprintln!(
            "parallax: no actor matches {:?} (run `parallax stories --rebuild` after importing)",
            a.name
        );
        return Ok(ExitCode::from(1));
    };
    let p = lib
        .actor(&best.id)
        .map_err(|e| e.to_string())?
        .ok_or("actor vanished")?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&p).map_err(|e| e.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} ({}) · {} articles, {} mentions · id {}",
        p.actor.name,
        p.actor.kind.as_str(),
        p.actor.articles,
        p.actor.mentions,
        p.actor.id
    );
    println!("  named as: {}", p.variants.join(", "));
    for (outlet, o) in &p.outlets {
        println!(
            "\n  {outlet}: {} articles, {} mentions, {} quotes",
            o.articles, o.mentions, o.quotes
        );
        for l in &o.labels {
            println!(
                "    {}  “{}”{}",
                l.published.as_deref().unwrap_or("undated  "),
                l.text,
                if l.voice == parallax_core::Voice::Quoted {
                    " (in a quote)"
                } else {
                    ""
                }
            );
        }
    }
    if found.len() > 1 {
        let others: Vec<String> = found[1..]
            .iter()
            .map(|x| format!("{} [{}]", x.name, x.id))
            .collect();
        println!("\n  other matches: {}", others.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn serve(a: crate::cli::ServeArgs) -> Result<ExitCode, String> {
    let encoder = match story_encoder(a.stories.align, &a.stories.model) {
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
