//! The library commands (`import`, `serve`, `watch`, `search`, `stories`, `story`,
//! `actor`) in a parallax built without the `library` feature (on by default): each
//! says so.

use std::process::ExitCode;

use crate::cli::{ActorArgs, ImportArgs, SearchArgs, ServeArgs, StoriesArgs, StoryArgs, WatchArgs};

fn not_built(command: &str) -> Result<ExitCode, String> {
    Err(format!(
        "`parallax {command}` needs the library, and this parallax was built without it (the `library` feature, on by default: build without --no-default-features)"
    ))
}

pub fn import(_: ImportArgs) -> Result<ExitCode, String> {
    not_built("import")
}

pub fn serve(_: ServeArgs) -> Result<ExitCode, String> {
    not_built("serve")
}

pub fn watch(_: WatchArgs) -> Result<ExitCode, String> {
    not_built("watch")
}

pub fn search(_: SearchArgs) -> Result<ExitCode, String> {
    not_built("search")
}

pub fn stories(_: StoriesArgs) -> Result<ExitCode, String> {
    not_built("stories")
}

pub fn actor(_: ActorArgs) -> Result<ExitCode, String> {
    not_built("actor")
}

pub fn story(_: StoryArgs) -> Result<ExitCode, String> {
    not_built("story")
}
