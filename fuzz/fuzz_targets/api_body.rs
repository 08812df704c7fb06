#![no_main]
// The server in-process: a JSON import body, an import form or a search, through the
// real router over a real SQLite library. No 5xx, and every page it leads to is inert
// (parallax_server::harness says what that means). The body is
// parallax_fuzz_bodies::api_body, which the stable replay calls too; this file keeps
// one library for a few hundred inputs, for speed.
use std::sync::Mutex;

use parallax_server::harness::Harness;

static WORLD: Mutex<Option<(tempfile::TempDir, Harness)>> = Mutex::new(None);

fn fresh() -> (tempfile::TempDir, Harness) {
    // memory-backed when the machine has it: the library is thrown away every few hundred imports
    let dir = tempfile::tempdir_in("/dev/shm").or_else(|_| tempfile::tempdir()).expect("a temporary directory");
    let h = Harness::new(dir.path()).expect("a library in a fresh directory");
    (dir, h)
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut world = WORLD.lock().unwrap_or_else(|e| e.into_inner());
    if world.as_ref().is_none_or(|(_, h)| h.imports() >= 200) {
        // the old harness goes first (it waits for its story rebuild), then its directory
        if let Some((dir, h)) = world.take() {
            drop(h);
            drop(dir);
        }
        *world = Some(fresh());
    }
    let (_, h) = world.as_mut().expect("just made");
    parallax_fuzz_bodies::api_body(h, data);
});
