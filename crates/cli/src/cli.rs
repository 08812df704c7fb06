use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Shows how different news outlets cover the same story.
///
/// Give parallax articles from several outlets: HTML pages, WARC archives
/// (.warc, .warc.gz), RSS/Atom feeds, JSON Lines, scraped text (a
/// `NAME.meta.toml` beside a text file names its outlet and title) or
/// http(s) URLs. For each
/// article it finds the clean text, the actors, who is quoted and how each actor
/// is labelled; across articles it groups stories and shows what every outlet
/// reports, what only one reports, and how each frames the same actors.
///
/// Exit status: 0 on success, 1 when an input could not be read or analysed
/// (the others are still reported), 2 on a usage error.
#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Examples:\n  parallax compare examples/seeds\n  parallax compare examples/seeds --format html -o report.html\n  parallax analyze examples/seeds/breitbart-alba-summit-gaza.txt --format json\n  cat article.txt | parallax analyze -\n  parallax extract crawl.warc.gz > articles.jsonl\n  parallax compare https://example.org/feed.rss --fetch-links"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse articles one at a time: clean text, actors, quotes, labels.
    ///
    /// Prints, per article, the actors found (with their variants, roles and
    /// labels), every quote with its speaker and speech verb, and the loaded
    /// words in the outlet's voice and inside quotes.
    Analyze(AnalyzeArgs),
    /// Compare articles across outlets: stories, shared and unique statements.
    ///
    /// Groups the articles into stories and shows, for each story, the actors
    /// every outlet names and the labels each gives them, whose quotes each
    /// carries, scare quotes and loaded words, the statements all outlets make
    /// and those only one makes (the others' omissions).
    Compare(CompareArgs),
    /// Extract clean articles (text and metadata) without analysing them.
    ///
    /// Streams one JSON object per article (JSON Lines, the `parallax import`
    /// record format) or the plain text, as each input is read: a WARC archive of
    /// any size is read one record at a time. Duplicates (same canonical URL or
    /// near-identical text) are skipped and reported on standard error.
    Extract(ExtractArgs),
    /// Add articles to the library (analysed once, kept on disk, searchable).
    ///
    /// Reads every input like `compare` does, analyses the articles and stores
    /// each in its own transaction: an import interrupted at any point keeps
    /// every article reported added. Articles already in the library (same URL or
    /// same text) are skipped and reported; running the same import again resumes
    /// it. At the end each new article joins a story or starts one, and only the
    /// stories that changed are compared again (also what an import that was
    /// killed left to do).
    Import(ImportArgs),
    /// Search the library's articles (words, "phrases", prefix*).
    Search(SearchArgs),
    /// List the library's stories, most outlets first.
    Stories(StoriesArgs),
    /// Show one story of the library (its id from `parallax stories`): the
    /// overview, the comparison and the facts, or its findings as CSV or JSON Lines.
    Story(StoryArgs),
    /// Show how each outlet names, labels and quotes an actor.
    Actor(ActorArgs),
    /// Watch RSS/Atom feeds: poll them on a schedule and import what is new.
    ///
    /// FEEDS.toml lists the feeds, how often each is polled and how many requests
    /// a host may get a minute (docs/watch.md). Unchanged feeds cost their server
    /// a 304 (ETag, Last-Modified); a teaser's page is fetched within its host's
    /// limit; a failing feed is tried again later while the others go on. After
    /// each round that added articles the stories are updated. What it remembers
    /// (validators, entries seen, when each feed is due) is in the library: stop
    /// it at any moment, and it resumes where it stopped, importing nothing twice.
    Watch(WatchArgs),
    /// Serve the library: a web UI and a JSON API (OpenAPI at /api/openapi.json).
    ///
    /// Binds to 127.0.0.1 by default and answers loopback clients only, unless
    /// --allow-remote-reads. Imports and deletions need the token given by
    /// PARALLAX_TOKEN or --token-file; without one the server is read-only.
    Serve(ServeArgs),
    /// Score parallax against gold data and print precision, recall and F1.
    ///
    /// The data sets are not shipped (licences); by default they are read from
    /// ../shared/data/ beside the repository. Use --min-* floors to make the command
    /// fail (exit 1) when accuracy drops below them, as CI does.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Quotes and speakers against PolNeAR (attribution relations in news).
    ///
    /// Direct quotes: text between quotation marks inside a gold Content span;
    /// a predicted quote matches when it overlaps at least half. Speaker accuracy
    /// is over matched quotes with a gold Source. Indirect attributions: gold
    /// Content without quotation marks against parallax's indirect quotes.
    Quotes(EvalQuotesArgs),
    /// Story grouping against BASIL (same-event articles from three outlets).
    ///
    /// Pairwise precision, recall and F1 over article pairs, B-cubed and the
    /// adjusted Rand index against BASIL's event triplets.
    Stories(EvalStoriesArgs),
    /// Main-text extraction against trafilatura's snippet gold or Readability's pages.
    ///
    /// trafilatura-eval-en: each "with" snippet found in the extracted text is a
    /// true positive, each "without" snippet found a false positive (trafilatura's
    /// own method). readability-test-pages: 4-gram word-shingle overlap with the
    /// text of expected.html. The set is recognised from its files.
    Extract(EvalExtractArgs),
    /// Actor mentions against Universal NER or GUM (PER/ORG/LOC), and actor identities.
    ///
    /// Mentions: precision, recall and F1 per type and micro (exact span and type)
    /// of the actor layer of the full analysis (`pipeline`, run on each gold
    /// document; person->PER, org->ORG, gpe/loc->LOC; pronouns, descriptions and
    /// demonyms are not names and not counted) and of the parallax-ner tagger alone
    /// (`tagger`, on each sentence). DIR is uner-english-pud (news and Wikipedia
    /// halves reported too), uner-english-ewt (the tagger's training data) or
    /// gum-dev (*.conllu: GUM's named mentions, person->PER, organization->ORG,
    /// place->LOC; its other types and plural person groups are no actors, and
    /// parallax names on them are counted apart as `other`; per genre too).
    ///
    /// Identities: `--identities` (GUM) compares every GUM document as `parallax
    /// compare` does and scores the identities of its names against GUM's
    /// Wikipedia links (B-cubed over name mentions; an unlinked name's identity is
    /// its chain). `--seeds` scores the cross-article identities of the example
    /// articles against a hand-made gold shipped in crates/eval/data.
    Actors(EvalActorsArgs),
    /// Resolution inside a document against GUM's coreference chains.
    ///
    /// Each mention the analysis resolves to an actor by a rule other than its own
    /// name (a pronoun, a surname or first name, an acronym, a title, a description,
    /// a gazetteer alias, a speaker) is a link to the actor's nearest name that GUM
    /// marks; it is right when both are mentions of one GUM chain (or of chains GUM
    /// links to one Wikipedia title). Precision by the rule that made
    /// the link, recall over GUM mentions of named person, organisation and place
    /// chains by their form (pronouns he/she and they/it apart).
    Coref(EvalCorefArgs),
    /// Cross-outlet facts against a hand-made gold (docs/fact-gold.md).
    ///
    /// Compares the articles (each BASIL triplet on its own; or the articles of
    /// DIR) and scores what the comparison claims: link precision (linked
    /// statement pairs one gold fact holds), fact recall (gold facts × outlet
    /// pairs linked), omission precision and recall ("only in X" statements that
    /// no other outlet reports), conflict precision and recall. Runs the lexical
    /// method, and the embedding method when its model is installed (or --method
    /// embed).
    Align(EvalAlignArgs),
    /// Quote speakers against a hand-judged sample of the BASIL dev articles.
    ///
    /// Analyses the articles of DIR, finds each judged direct quote (by article,
    /// paragraph:sentence and first words) and scores the speaker given now:
    /// precision (right / quotes given a speaker) and coverage (quotes given a
    /// speaker / judged quotes found; an unresolved pronoun is no speaker). Counts the
    /// judged quotes not found and the direct quotes no judgement covers. Gold and
    /// guideline: crates/eval/data/basil-speakers.tsv, docs/speaker-label-gold.md.
    Speakers(EvalSpeakersArgs),
    /// Actor labels against a hand-judged sample of the BASIL dev articles.
    ///
    /// Analyses the articles of DIR, finds each judged label (by article,
    /// paragraph:sentence and its words) and scores it on the actor it is attached
    /// to now: precision over the judged labels still produced, with the number no
    /// longer produced and the labels produced that no judgement covers. Gold and
    /// guideline: crates/eval/data/basil-labels.tsv, docs/speaker-label-gold.md.
    Labels(EvalLabelsArgs),
    /// Loaded words about an actor against BASIL's lexical-bias spans.
    ///
    /// BASIL marks the words each outlet chose about a target entity (`bias: lex`,
    /// in the outlet's own voice: `quote: no`). Analyses the articles of DIR and
    /// reports the recall of parallax's loaded terms in the outlet's voice over those
    /// spans, and the share of the spans found whose term parallax attaches (through a
    /// label) to BASIL's target.
    Loaded(EvalLoadedArgs),
}

#[derive(Debug, Args)]
pub struct EvalLoadedArgs {
    /// The BASIL folder (with articles/ and annotations/).
    #[arg(value_name = "DIR", default_value = "../shared/data/basil")]
    pub dir: PathBuf,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// List up to N missed spans and N found ones with the actor they are attached to.
    #[arg(long, value_name = "N", default_value_t = 0, num_args = 0..=1, default_missing_value = "30")]
    pub examples: usize,
    /// Fail when recall (outlet voice) is below this.
    #[arg(long, value_name = "R")]
    pub min_recall: Option<f64>,
    /// Fail when the share of found spans attached to their target is below this.
    #[arg(long, value_name = "SHARE")]
    pub min_target: Option<f64>,
}

#[derive(Debug, Args)]
pub struct EvalSpeakersArgs {
    /// The BASIL folder (with articles/<year>/*.json).
    #[arg(value_name = "DIR", default_value = "../shared/data/basil")]
    pub dir: PathBuf,
    /// A gold file of your own (the format of crates/eval/data/basil-speakers.tsv)
    /// instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<PathBuf>,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// List the wrong and missed speakers, and the judged quotes not found.
    #[arg(long)]
    pub examples: bool,
    /// Fail when speaker precision is below this.
    #[arg(long, value_name = "P")]
    pub min_precision: Option<f64>,
    /// Fail when the share of judged quotes given a speaker is below this.
    #[arg(long, value_name = "SHARE")]
    pub min_coverage: Option<f64>,
}

#[derive(Debug, Args)]
pub struct EvalLabelsArgs {
    /// The BASIL folder (with articles/<year>/*.json).
    #[arg(value_name = "DIR", default_value = "../shared/data/basil")]
    pub dir: PathBuf,
    /// A gold file of your own (the format of crates/eval/data/basil-labels.tsv)
    /// instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<PathBuf>,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// List the wrong labels and the judged labels no longer produced.
    #[arg(long)]
    pub examples: bool,
    /// Fail when label precision is below this.
    #[arg(long, value_name = "P")]
    pub min_precision: Option<f64>,
}

#[derive(Debug, Args)]
pub struct EvalCorefArgs {
    /// The GUM folder (*.conllu files) or one .conllu file.
    #[arg(value_name = "DIR", default_value = "../shared/data/gum-dev")]
    pub dir: PathBuf,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// List up to N wrong links and N missed gold mentions.
    #[arg(long, value_name = "N", default_value_t = 0, num_args = 0..=1, default_missing_value = "40")]
    pub examples: usize,
    /// Fail when the precision of all links is below this.
    #[arg(long, value_name = "P")]
    pub min_precision: Option<f64>,
    /// Fail when the precision of pronoun links is below this.
    #[arg(long, value_name = "P")]
    pub min_pronoun_precision: Option<f64>,
}

#[derive(Debug, Args)]
pub struct EvalActorsArgs {
    /// The UNER folder (*.iob2 files), one .iob2 file, or the GUM folder (*.conllu).
    #[arg(value_name = "DIR", default_value = "../shared/data/uner-english-pud")]
    pub dir: PathBuf,
    /// GUM only: score cross-document identities (B-cubed over name mentions
    /// against GUM's Wikipedia links) instead of mentions.
    #[arg(long, conflicts_with = "seeds")]
    pub identities: bool,
    /// Score resolution instead: the identities of the articles in this folder
    /// (default examples/seeds) against the hand-made gold.
    #[arg(
        long,
        value_name = "SEEDS_DIR",
        num_args = 0..=1,
        default_missing_value = "examples/seeds"
    )]
    pub seeds: Option<PathBuf>,
    /// Score resolution across the BASIL dev articles in this folder (default
    /// ../shared/data/basil) against the hand-made identity list of its 30
    /// most-mentioned actors (crates/eval/data/basil-identities.tsv).
    #[arg(
        long,
        value_name = "BASIL_DIR",
        num_args = 0..=1,
        default_missing_value = "../shared/data/basil",
        conflicts_with = "seeds"
    )]
    pub basil: Option<PathBuf>,
    /// With --seeds or --basil: a gold file of your own
    /// (article<TAB>surface<TAB>identity lines) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<PathBuf>,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print up to N pipeline errors (missed and false mentions); with --seeds,
    /// every gold name with the identity parallax gave it; with --identities, up
    /// to N merged and split identities and names never found.
    #[arg(long, value_name = "N", default_value_t = 0, num_args = 0..=1, default_missing_value = "40")]
    pub examples: usize,
    /// Fail when the pipeline's micro F1 (with --seeds, --basil or --identities: B-cubed
    /// F1) is below this.
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,
    /// Fail when the tagger's micro F1 is below this.
    #[arg(long, value_name = "F1", conflicts_with_all = ["seeds", "basil", "identities"])]
    pub min_tagger_f1: Option<f64>,
    /// UNER PUD only: fail when the pipeline's micro F1 on the news half (the
    /// sentences issue 15's target and bench/ner.sh's spaCy figure are about) is
    /// below this.
    #[arg(long, value_name = "F1", conflicts_with_all = ["seeds", "basil", "identities"])]
    pub min_news_f1: Option<f64>,
}

#[derive(Debug, Args)]
pub struct EvalAlignArgs {
    /// The articles: BASIL (../shared/data/basil, scored against the hand-made
    /// fact gold of crates/eval/data/basil-facts), MSRP (../shared/data/msrp: the
    /// same-fact decision on judged sentence pairs, beside the plain embedding
    /// cosine), or a folder of articles with a snippet gold (default: the example
    /// articles and examples/seeds-facts.gold.tsv).
    #[arg(value_name = "DIR", default_value = "examples/seeds")]
    pub dir: PathBuf,
    /// The gold: a folder of BASIL triplet files (`fact`/`conflict` lines), or one
    /// snippet file (`pair`/`only`/`conflict` lines) [default: by DIR, see above].
    #[arg(long, value_name = "PATH")]
    pub gold: Option<PathBuf>,
    /// Outlet book for the articles.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
    /// Which methods to score: both (embed only when the model is installed), or one.
    #[arg(long, value_enum, default_value_t = EvalAlignMethod::All)]
    pub method: EvalAlignMethod,
    #[command(flatten)]
    pub model: ModelArgs,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print the wrong links, missed facts, false omissions and wrong conflicts.
    #[arg(long)]
    pub examples: bool,
    /// BASIL only: fit the same-fact model on the gold and write its weights to
    /// FILE (the format of crates/compare/data/same_fact.tsv), after scoring it
    /// triplet by triplet on models fitted without that triplet (leave one out).
    #[arg(long, value_name = "FILE")]
    pub fit: Option<PathBuf>,
    /// Score with this link threshold instead of the default (0.7): the lowest
    /// same-fact probability for a link.
    #[arg(long, value_name = "P")]
    pub link_threshold: Option<f32>,
    /// Score with this omission threshold instead of the default (0.08): a
    /// statement is "only in X" when its closest candidate is below it.
    #[arg(long, value_name = "P")]
    pub omission_threshold: Option<f32>,
    /// Fail when a scored method's link precision is below this.
    #[arg(long, value_name = "P")]
    pub min_link_precision: Option<f64>,
    /// Fail when a scored method's fact recall is below this.
    #[arg(long, value_name = "R")]
    pub min_fact_recall: Option<f64>,
    /// Fail when a scored method's omission precision is below this.
    #[arg(long, value_name = "P")]
    pub min_omission_precision: Option<f64>,
    /// Fail when a scored method's conflict precision is below this.
    #[arg(long, value_name = "P")]
    pub min_conflict_precision: Option<f64>,
    /// MSRP only: fail when the same-fact decision's accuracy on the dev pairs
    /// (threshold chosen on the train pairs) is below this.
    #[arg(long, value_name = "A")]
    pub min_accuracy: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalAlignMethod {
    All,
    Lexical,
    Embed,
}

#[derive(Debug, Args)]
pub struct EvalExtractArgs {
    /// The data set folder (trafilatura-eval-en or readability-test-pages).
    #[arg(
        value_name = "DIR",
        default_value = "../shared/data/trafilatura-eval-en"
    )]
    pub dir: PathBuf,
    /// Print the results as JSON (with per-page details).
    #[arg(long)]
    pub json: bool,
    /// Print the N worst pages with their missed and leaked snippets.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub worst: usize,
    /// Fail when F1 is below this.
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,
}

#[derive(Debug, Args)]
pub struct EvalStoriesArgs {
    /// The BASIL folder (with articles/<year>/*.json).
    #[arg(value_name = "DIR", default_value = "../shared/data/basil")]
    pub dir: PathBuf,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Minimum similarity for two articles to share a story.
    #[arg(long, value_name = "SCORE", default_value_t = parallax_compare::StoryOptions::default().threshold)]
    pub story_threshold: f32,
    /// Also group as a library does: the articles imported a few at a time into
    /// a temporary library whose stories are updated after each batch, in date
    /// order and in file order, beside the full grouping (--min-f1 then holds
    /// the date-order figure).
    #[arg(long)]
    pub incremental: bool,
    /// Articles imported at a time with --incremental.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub batch: usize,
    /// Also group small inputs, as a user comparing a handful of articles
    /// does: each event's articles alone, and runs of 2, 3, 5 and 10 events
    /// (neighbours and spread), each grouped on its own, pairs pooled.
    #[arg(long, conflicts_with = "incremental")]
    pub small_inputs: bool,
    /// Fail when pairwise F1 is below this.
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,
    /// With --small-inputs: fail when the small inputs' pairwise F1 is below this.
    #[arg(long, value_name = "F1", requires = "small_inputs")]
    pub min_small_f1: Option<f64>,
}

#[derive(Debug, Args)]
pub struct EvalQuotesArgs {
    /// The PolNeAR folder (with train/dev/test) or one of its compartments.
    #[arg(value_name = "DIR", default_value = "../shared/data/polnear")]
    pub dir: PathBuf,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print a sample of errors (missed, false and mis-attributed quotes).
    #[arg(long)]
    pub examples: bool,
    /// Fail when direct-quote F1 is below this.
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,
    /// Fail when speaker accuracy is below this.
    #[arg(long, value_name = "ACC")]
    pub min_speaker: Option<f64>,
    /// Fail when indirect recall over speech-cued relations is below this.
    #[arg(long, value_name = "R")]
    pub min_indirect_recall: Option<f64>,
    /// Fail when indirect speaker accuracy is below this.
    #[arg(long, value_name = "ACC")]
    pub min_indirect_speaker: Option<f64>,
}

/// How http(s) inputs are fetched.
#[derive(Debug, Args, Clone)]
pub struct FetchArgs {
    /// For a feed entry that carries only a teaser, fetch the page it links to.
    #[arg(long)]
    pub fetch_links: bool,
    /// Give up on a URL after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub fetch_timeout: f64,
}

/// Marks an error message as a usage error: `main` strips the mark and exits 2
/// (a bad argument or a bad file named by one), where other errors exit 1.
pub const USAGE: char = '\u{1}';

/// `msg` as a usage error (see [`USAGE`]).
pub fn usage(msg: String) -> String {
    format!("{USAGE}{msg}")
}

impl FetchArgs {
    /// The ingest options shared by every command that reads inputs: the outlet
    /// book (when given), the size cap in megabytes and how URLs are fetched.
    pub fn ingest_options(
        &self,
        outlets: Option<&std::path::Path>,
        max_size_mb: usize,
    ) -> Result<parallax_ingest::IngestOptions, String> {
        let outlets = match outlets {
            // the user's own file given on the command line: a usage error (exit 2)
            Some(p) => parallax_ingest::OutletBook::load(p).map_err(|e| usage(e.to_string()))?,
            None => parallax_ingest::OutletBook::default(),
        };
        let max_bytes = max_size_mb.saturating_mul(1 << 20);
        Ok(parallax_ingest::IngestOptions {
            outlets,
            max_bytes,
            format: None,
            fetch: parallax_ingest::fetch::FetchOptions {
                timeout: std::time::Duration::from_secs_f64(self.fetch_timeout.clamp(0.1, 3600.0)),
                max_bytes,
            },
            fetch_links: self.fetch_links,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per article.
    Jsonl,
    /// The clean text, articles separated by a form feed line.
    Text,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, directories, URLs or `-` (standard input).
    #[arg(required = true, value_name = "FILE|DIR|URL|-")]
    pub inputs: Vec<PathBuf>,
    /// Outlet book (TOML), as for `compare`.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
    /// Refuse inputs (and archive records) larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub max_size: usize,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Keep duplicates instead of skipping them.
    #[arg(long)]
    pub keep_duplicates: bool,
    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories or URLs to read (`-` reads standard input). Directories
    /// are walked recursively; `*.meta.toml` sidecars and other `.toml` files are
    /// read as metadata, not articles. See docs/inputs.md for the formats.
    #[arg(required = true, value_name = "FILE|DIR|URL|-")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub fetch: FetchArgs,

    /// Outlet book (TOML): names, domains and attributes such as political lean.
    /// See examples/outlets.toml.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,

    /// Extra loaded-language terms, one `form<TAB>term<TAB>category` per line,
    /// added to the built-in lexicon.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,

    /// Refuse inputs larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub max_size: usize,

    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to colour terminal output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Do not show a progress bar.
    #[arg(short, long)]
    pub quiet: bool,

    /// Skip (and report) an article whose analysis takes longer than this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0, value_parser = positive_seconds)]
    pub time_budget: f64,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Text)]
    pub format: AnalyzeFormat,

    /// Shorthand for `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format: terminal text, JSON (docs/json.md), one self-contained HTML
    /// file, or every story's findings as CSV or JSON Lines.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,

    /// The outlet-book attribute the coverage bars and blindspots are split by
    /// (any attribute of --outlets: lean, country, owner…).
    #[arg(long, value_name = "ATTRIBUTE", default_value = "lean")]
    pub by: String,

    /// Shorthand for `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// Minimum similarity (0-1) for two articles to be in the same story.
    #[arg(long, value_name = "SCORE", default_value_t = parallax_compare::StoryOptions::default().threshold)]
    pub story_threshold: f32,

    /// How statements are compared across outlets: `embed` (sentence embeddings
    /// with words, actors, quotes and figures; the static model distilled from
    /// all-MiniLM-L6-v2, installed once by `bash scripts/install-model`),
    /// `lexical` (words, actors, quotes and figures alone, no model), or `auto`
    /// (embed when the model is installed, else lexical, saying so).
    #[arg(long, value_enum, default_value_t = AlignMethod::Auto)]
    pub align: AlignMethod,

    /// Lowest same-fact probability (0-1) for two statements of different outlets
    /// to be linked as one fact [default: 0.7].
    #[arg(long, value_name = "SCORE")]
    pub align_threshold: Option<f32>,

    /// Align the statements of at most N articles of each story: the latest of
    /// each outlet in turn (0: every article, however long that takes). Actors,
    /// labels, quotes and framing always count every article.
    #[arg(long, value_name = "N", default_value_t = parallax_compare::window::ALIGNED_ARTICLES)]
    pub aligned_articles: usize,

    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Args, Clone)]
pub struct ModelArgs {
    /// The sentence-embedding model directory [default: $PARALLAX_MODEL_DIR, else
    /// models/all-MiniLM-L6-v2 in the checkout, as scripts/install-model puts it].
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,
}

/// How `import`, `serve` and `watch` align the statements of the stories they update.
#[derive(Debug, Args)]
pub struct StoryAlignArgs {
    /// How the statements of the stories (updated after every import) are
    /// compared across outlets: `embed` (sentence embeddings; install the model
    /// once with `bash scripts/install-model`), `lexical`, or `auto` (embed when
    /// the model is installed).
    #[arg(long, value_enum, default_value_t = AlignMethod::Auto)]
    pub align: AlignMethod,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignMethod {
    Auto,
    Lexical,
    Embed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Text,
    Json,
    Html,
    /// Every story's findings, one row each (docs/json.md, "Findings").
    Csv,
    /// The same rows as JSON Lines.
    Jsonl,
}

/// How a library command prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
    /// One row per item, a header line first.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args, Clone)]
pub struct LibraryArgs {
    /// The library directory (`import`, `serve` and `watch` create it when missing;
    /// `search`, `stories` and `actor` refuse one that does not exist).
    #[arg(
        long,
        value_name = "DIR",
        env = "PARALLAX_LIBRARY",
        default_value = "parallax-library"
    )]
    pub library: PathBuf,
    /// Use a PostgreSQL library instead (postgresql://user@host/db).
    #[arg(long, value_name = "URL", env = "PARALLAX_POSTGRES")]
    pub postgres: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files, directories or URLs to import (`-` reads standard input).
    #[arg(required = true, value_name = "FILE|DIR|URL|-")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub fetch: FetchArgs,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Outlet book (TOML), as for `compare`.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
    /// Extra loaded-language entries (TSV: form, term, category), as for
    /// `compare`; the analyses stored carry them.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Refuse inputs larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub max_size: usize,
    /// Print one JSON line per article as soon as it is committed
    /// ({"outcome":"added","id":…,"source":…}).
    #[arg(long)]
    pub json: bool,
    /// Do not update the stories afterwards (the next `import`, `stories`,
    /// `serve` or `watch` does).
    #[arg(long)]
    pub no_stories: bool,
    #[command(flatten)]
    pub stories: StoryAlignArgs,
    /// Do not show a progress bar.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The feeds to watch (TOML: see docs/watch.md and examples/feeds.toml).
    #[arg(value_name = "FEEDS.toml")]
    pub feeds: PathBuf,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Outlet book (TOML), as for `import`.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
    /// Extra loaded-language entries, as for `import`.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Refuse feeds and pages larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub max_size: usize,
    /// One round (the feeds that are due, the pages their hosts allow now), then
    /// exit: for cron. Exits 1 when a feed failed.
    #[arg(long)]
    pub once: bool,
    /// Do not update the stories after a round (the next `import`, `stories`,
    /// `serve` or `watch` does).
    #[arg(long)]
    pub no_stories: bool,
    #[command(flatten)]
    pub stories: StoryAlignArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: words, "quoted phrases", prefix*.
    #[arg(value_name = "QUERY")]
    pub query: String,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Only articles of this outlet (any case: "fox news" finds "Fox News"; an
    /// outlet the library does not hold is a warning listing those it does).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only articles published on or after this date: YYYY-MM-DD, YYYY-MM or YYYY
    /// (an invalid date is a usage error, exit 2).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles published on or before this date, the whole of it: YYYY-MM-DD,
    /// YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only articles naming this actor (a name or an identity id).
    #[arg(long)]
    pub actor: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
    /// Output format; csv and jsonl carry every match up to --limit (a download).
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<ListFormat>,
    /// Also count the matches per outlet and per month.
    #[arg(long)]
    pub facets: bool,
}

#[derive(Debug, Args)]
pub struct StoryArgs {
    /// The story's id (the first column of `parallax stories`).
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Output format: terminal text, the story record as JSON, one self-contained
    /// HTML file, or its findings as CSV or JSON Lines.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
    /// The outlet-book attribute the coverage bar is split by.
    #[arg(long, value_name = "ATTRIBUTE", default_value = "lean")]
    pub by: String,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Rebuild the stories and identities from scratch first, placing every
    /// article again in the order it was imported (without it, articles not yet
    /// placed are placed first).
    #[arg(long)]
    pub rebuild: bool,
    /// Stories listed (most outlets first); the last line says how many more.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// The list as JSON.
    #[arg(long)]
    pub json: bool,
    /// How stories left out of date (or all, with --rebuild) are compared, as
    /// `import` does.
    #[command(flatten)]
    pub stories: StoryAlignArgs,
}

#[derive(Debug, Args)]
pub struct ActorArgs {
    /// A name ("Nicolas Maduro", accents and case ignored) or an identity id.
    #[arg(value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub library: LibraryArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Address to listen on.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
    pub addr: std::net::SocketAddr,
    /// A file holding the write token (first line).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Answer read requests from other machines too (writes always need the token).
    #[arg(long)]
    pub allow_remote_reads: bool,
    /// A host name the server answers for, beside localhost, loopback addresses and
    /// the address it listens on (repeatable): the name remote clients reach it by.
    /// Requests naming another host are refused, against DNS rebinding.
    #[arg(long, value_name = "NAME")]
    pub allowed_host: Vec<String>,
    /// Largest request body accepted, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 8)]
    pub max_body: usize,
    /// Outlet book (TOML) for articles imported through the server, as for
    /// `import`.
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
    /// Extra loaded-language entries for articles imported through the server,
    /// as for `import`.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Watch the feeds of this file while serving, as `parallax watch` does.
    #[arg(long, value_name = "FEEDS.toml")]
    pub watch: Option<PathBuf>,
    #[command(flatten)]
    pub stories: StoryAlignArgs,
}

/// A time budget: a number of seconds above zero (0 would skip every article).
fn positive_seconds(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(format!(
            "{s:?}: the budget must be a number of seconds above 0"
        ))
    }
}
