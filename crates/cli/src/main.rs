//! `parallax`: the command line. A thin layer over the library crates: it reads
//! inputs with `parallax-ingest`, analyses with `parallax-analyze`, compares with
//! `parallax-compare` and prints with `parallax-report`.

mod cli;
mod encoder;
mod eval_align;
mod eval_basil;
mod library;
mod run;

use std::process::ExitCode;

use clap::Parser;

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
