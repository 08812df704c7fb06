//! The workspace's `rust-version` is the oldest Rust that builds parallax, as far as
//! it can be known without that toolchain: at least what every locked dependency
//! declares and what the code's own language features need (let chains: 1.88), and
//! no newer. The standard-library side is clippy's `incompatible_msrv` lint, which
//! `.ci/run` denies: an item stabilised after `rust-version` fails the lints.

use std::path::Path;
use std::process::Command;

/// The newest language feature the code uses: let chains, stable since 1.88.
const LANGUAGE_FLOOR: (u32, u32) = (1, 88);

fn parse(v: &str) -> (u32, u32) {
    let mut parts = v
        .split('.')
        .map(|p| p.parse::<u32>().expect("a version number"));
    (parts.next().unwrap(), parts.next().unwrap_or(0))
}

#[test]
fn rust_version_is_what_the_dependencies_and_the_code_need() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut needs = (LANGUAGE_FLOOR, "let chains".to_string());
    for p in meta["packages"].as_array().unwrap() {
        // workspace members have no source; they declare the workspace's version
        if p["source"].is_null() {
            continue;
        }
        if let Some(v) = p["rust_version"].as_str() {
            let v = parse(v);
            if v > needs.0 {
                needs = (v, format!("{} {}", p["name"], p["version"]));
            }
        }
    }
    let declared = parse(env!("CARGO_PKG_RUST_VERSION"));
    assert_eq!(
        declared, needs.0,
        "rust-version is {declared:?}; the newest Rust asked for is {:?}, by {}",
        needs.0, needs.1
    );
}
