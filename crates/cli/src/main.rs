//! `parallax`: the command line. A thin layer over the library crates: it reads
//! inputs with `parallax-ingest`, analyses with `parallax-analyze`, compares with
//! `parallax-compare` and prints with `parallax-report`. The library commands
//! (`parallax-store`, `parallax-server`), `--align embed` (`parallax-embed`) and
//! http(s) inputs are the features `library`, `embed` and `fetch`, all on by
//! default; without them the demo builds in a fraction of the time
//! (docs/benchmarks.md, "First run").

// The doc comments of the argument structs are clap's help text, shown as written
// (`<year>`, `<TAB>`), not rustdoc markup.
#![allow(rustdoc::invalid_html_tags)]

/// `print!` for a command's output: a closed pipe (`| head`) ends it quietly
/// rather than in a panic (used in functions returning `Result<_, String>`).
macro_rules! out {
    ($($t:tt)*) => {
        $crate::run::emit(&format!($($t)*))?
    };
}

/// `println!` for a command's output, quiet on a closed pipe as [`out!`].
macro_rules! outln {
    () => {
        $crate::run::emit("\n")?
    };
    ($($t:tt)*) => {
        $crate::run::emit(&format!("{}\n", format_args!($($t)*)))?
    };
}

mod cli;
mod encoder;
mod eval_align;
mod eval_basil;
mod eval_gum;
#[cfg(feature = "library")]
mod library;
#[cfg(not(feature = "library"))]
#[path = "library_off.rs"]
mod library;
mod run;

use std::process::ExitCode;

use clap::Parser;

/// jemalloc instead of the system allocator: the analysis makes many small
/// short-lived allocations, and jemalloc serves them faster at the same peak
/// memory (docs/benchmarks.md, "Actor mentions").
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match run::run(args) {
        Ok(code) => code,
        Err(e) if e.starts_with(cli::USAGE) => {
            eprintln!("parallax: {}", &e[cli::USAGE.len_utf8()..]);
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("parallax: {e}");
            ExitCode::from(1)
        }
    }
}
