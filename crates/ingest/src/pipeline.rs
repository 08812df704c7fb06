//! One way in: every front end reads its articles through a [`Reader`].
//!
//! `parallax compare`, `analyze`, `extract` and `import`, the server's import
//! (API and form) and the evaluation commands all turn their inputs into articles
//! here, so the same bytes give the same articles whichever door they came in by:
//! - the inputs are read (files, folders, URLs, stdin, or bytes a caller holds),
//!   with the outlet book and size cap of [`IngestOptions`];
//! - each outlet gets one spelling of its name ([`OutletNames`]: the first
//!   spelling seen wins, and a library seeds it with the spellings it already
//!   holds), so "nyt" and "NYT" are one outlet;
//! - copies are caught ([`Deduper`]: same id, canonical URL or near-identical
//!   text) and reported, never silently dropped (unless the caller keeps them).
//!
//! What happens to the articles next (analysis, storage, printing) is the
//! caller's; [`Read`] events arrive in input order as they are read, so a caller
//! that streams holds little at a time.

use std::collections::HashMap;
use std::path::PathBuf;

use parallax_core::{Article, fold};

use crate::dedup::{Deduper, Duplicate};
use crate::feed::FeedEntry;
use crate::fetch::Fetched;
use crate::{Format, IngestError, IngestOptions, ingest_bytes, ingest_paths};

/// Where articles come from.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// Files, folders, `http(s)` URLs and `-` for standard input.
    Paths(&'a [PathBuf]),
    /// Bytes the caller already holds (an HTTP request body), named `name` in
    /// errors; `format` forces the format instead of guessing it.
    Bytes {
        /// The name errors give the input.
        name: &'a str,
        /// The bytes.
        bytes: &'a [u8],
        /// The format, or `None` to guess it.
        format: Option<Format>,
    },
    /// One entry of a feed the caller parsed (`feed::parse_feed`), with the page
    /// at its link when the caller fetched it (a teaser's article): the feed
    /// watcher decides itself which entries are new and when a host may be asked.
    Entry {
        /// The feed's entry.
        entry: &'a FeedEntry,
        /// The page it links to, when fetched.
        page: Option<&'a Fetched>,
    },
}

/// What the reader found, one event per article or failure, in input order.
#[derive(Debug)]
pub enum Read {
    /// A new article.
    Article(Article),
    /// A copy of an article read before in this run (or known to the caller),
    /// with the reason; it is not handed on as an article.
    Duplicate {
        /// The copy.
        article: Article,
        /// What it is a copy of, and why.
        of: Duplicate,
    },
    /// An input or record that could not be read, naming it and the problem.
    Failed(IngestError),
}

/// How inputs are read: format options and the outlet book, and whether copies
/// are kept (`parallax extract --keep-duplicates`).
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Formats, size caps and the outlet book.
    pub ingest: IngestOptions,
    /// Hand copies on as articles too (`parallax extract --keep-duplicates`).
    pub keep_duplicates: bool,
}

/// One spelling per outlet: names that differ only in case or accents ("nyt",
/// "NYT") take the first spelling seen. Seeded by a library with the names it
/// already holds, so an import joins the outlets already there.
#[derive(Debug, Clone, Default)]
pub struct OutletNames {
    chosen: HashMap<String, String>,
}

impl OutletNames {
    /// Remembers `name` as the spelling of its outlet unless one is known.
    pub fn know(&mut self, name: &str) {
        self.chosen
            .entry(fold(name))
            .or_insert_with(|| name.to_string());
    }

    /// Gives `article` its outlet's chosen spelling (the first one seen).
    pub fn unify(&mut self, article: &mut Article) {
        let chosen = self
            .chosen
            .entry(fold(&article.outlet.name))
            .or_insert_with(|| article.outlet.name.clone());
        if *chosen != article.outlet.name {
            article.outlet.name.clone_from(chosen);
        }
    }
}

/// Reads inputs into articles: outlet names unified, copies caught. One reader
/// serves one run (a compare, an import): copies are caught across all the
/// inputs it reads.
pub struct Reader {
    opts: ReadOptions,
    names: OutletNames,
    dedup: Deduper,
}

impl Reader {
    /// A reader for one run, with no outlet names known yet.
    pub fn new(opts: ReadOptions) -> Self {
        Reader {
            opts,
            names: OutletNames::default(),
            dedup: Deduper::new(),
        }
    }

    /// Outlet spellings already in use (a library's): they win over new ones.
    pub fn know_outlets<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for n in names {
            self.names.know(n);
        }
    }

    /// The options it reads with.
    pub fn options(&self) -> &ReadOptions {
        &self.opts
    }

    /// Reads `input`, handing each article, copy or failure to `sink` as it comes.
    /// A missing or unreadable input is one failure; the others are still read.
    pub fn read(&mut self, input: Input<'_>, sink: &mut dyn FnMut(Read)) {
        let Reader { opts, names, dedup } = self;
        let mut each = |r: Result<Article, IngestError>| match r {
            Err(e) => sink(Read::Failed(e)),
            Ok(mut article) => {
                names.unify(&mut article);
                let copy = if opts.keep_duplicates {
                    None
                } else {
                    dedup.check(&article)
                };
                match copy {
                    Some(of) => sink(Read::Duplicate { article, of }),
                    None => sink(Read::Article(article)),
                }
            }
        };
        match input {
            Input::Paths(paths) => {
                // each path on its own: one that is missing is one error, and the
                // others are still read
                for p in paths {
                    ingest_paths(std::slice::from_ref(p), &opts.ingest, &mut each);
                }
            }
            Input::Bytes {
                name,
                bytes,
                format,
            } => ingest_bytes(name, bytes, format, None, &opts.ingest, &mut each),
            Input::Entry { entry, page } => {
                crate::source::ingest_entry(entry.clone(), page, None, &opts.ingest, &mut each)
            }
        }
    }

    /// Reads `input` whole: the articles, and the copies and failures in order.
    pub fn read_all(&mut self, input: Input<'_>) -> (Vec<Article>, Vec<Read>) {
        let mut articles = Vec::new();
        let mut other = Vec::new();
        self.read(input, &mut |r| match r {
            Read::Article(a) => articles.push(a),
            r => other.push(r),
        });
        (articles, other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(lines: &[&str]) -> Vec<u8> {
        lines.join("\n").into_bytes()
    }

    fn read(reader: &mut Reader, bytes: &[u8]) -> (Vec<Article>, Vec<Read>) {
        reader.read_all(Input::Bytes {
            name: "body",
            bytes,
            format: Some(Format::Jsonl),
        })
    }

    #[test]
    fn outlet_spellings_are_unified_first_seen_wins() {
        let mut r = Reader::new(ReadOptions::default());
        let (arts, other) = read(
            &mut r,
            &jsonl(&[
                r#"{"outlet":"nyt","text":"One article about the budget vote in the Senate on Tuesday."}"#,
                r#"{"outlet":"NYT","text":"Another article, about a storm that hit the coast overnight."}"#,
            ]),
        );
        assert!(other.is_empty(), "{other:?}");
        let names: Vec<&str> = arts.iter().map(|a| a.outlet.name.as_str()).collect();
        assert_eq!(names, ["nyt", "nyt"]);
    }

    #[test]
    fn known_outlets_win() {
        let mut r = Reader::new(ReadOptions::default());
        r.know_outlets(["Fox News"]);
        let (arts, _) = read(
            &mut r,
            &jsonl(&[
                r#"{"outlet":"fox news","text":"The governor signed the bill into law on Friday."}"#,
            ]),
        );
        assert_eq!(arts[0].outlet.name, "Fox News");
    }

    #[test]
    fn copies_are_reported_unless_kept() {
        let line = r#"{"outlet":"A","url":"https://a.example/x","text":"The council voted to close the library branch next year."}"#;
        let mut r = Reader::new(ReadOptions::default());
        let (arts, other) = read(&mut r, &jsonl(&[line, line]));
        assert_eq!(arts.len(), 1);
        assert!(matches!(&other[..], [Read::Duplicate { .. }]), "{other:?}");
        let mut keep = Reader::new(ReadOptions {
            keep_duplicates: true,
            ..Default::default()
        });
        assert_eq!(read(&mut keep, &jsonl(&[line, line])).0.len(), 2);
    }

    #[test]
    fn a_missing_path_does_not_stop_the_others() {
        let dir = std::env::temp_dir().join(format!("parallax-pipeline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("a.txt");
        std::fs::write(
            &good,
            "The mayor opened the new bridge on Monday morning.\n",
        )
        .unwrap();
        let paths = vec![dir.join("nosuch.txt"), good];
        let mut r = Reader::new(ReadOptions::default());
        let (arts, other) = r.read_all(Input::Paths(&paths));
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(arts.len(), 1);
        assert!(
            matches!(&other[..], [Read::Failed(e)] if e.source.ends_with("nosuch.txt")),
            "{other:?}"
        );
    }
}
