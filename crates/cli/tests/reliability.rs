//! The real binaries under the library and server attacks of issue 17: a
//! `parallax import` while `parallax serve` serves the same library, imports
//! creating one library at once, a library in a directory that cannot be written,
//! a full disk, a bad outlet book, and the order of `import --json` lines.
//! `PARALLAX_TEST_BIN=path` runs them against another build (an older one, to see
//! them fail).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> String {
    std::env::var("PARALLAX_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_parallax").into())
}

fn parallax(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `n` distinct articles as JSON Lines, each holding `word`.
fn corpus(path: &Path, n: usize, word: &str) {
    let mut f = std::fs::File::create(path).unwrap();
    let people = ["Nicolás Maduro", "Gustavo Petro", "Luis Arce"];
    for i in 0..n {
        let p = people[i % people.len()];
        let text = format!(
            "Officials in Caracas met on day {i} to discuss the {word} summit and the budget of year {}. “We will not abandon the cause of number {i},” {p} said on Monday.\n\nThe talks on item {i} continue next week, the ministry said.",
            2000 + i % 25
        );
        let rec = serde_json::json!({"text": text, "outlet": format!("Outlet {}", i % 3), "title": format!("{word} report {i}"), "url": format!("https://example.org/{word}/{i}"), "published": "2024-04-25"});
        writeln!(f, "{rec}").unwrap();
    }
}

fn import(lib: &Path, input: &Path) -> Output {
    parallax(&["import", s(input), "--library", s(lib), "-q"])
}

struct Server(Child, SocketAddr);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `parallax serve` on a free port, as `cmd` runs it (another user, say).
fn serve_with(mut cmd: Command, lib: &Path) -> Server {
    let mut child = cmd
        .args(["serve", "--library", s(lib), "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let t = Instant::now();
    let addr = loop {
        line.clear();
        if err.read_line(&mut line).unwrap() == 0 || t.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("serve did not start: {line}");
        }
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // keep draining stderr so the server never blocks on it
    std::thread::spawn(move || {
        let mut sink = String::new();
        while err.read_line(&mut sink).is_ok_and(|n| n > 0) {
            sink.clear();
        }
    });
    Server(child, addr)
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut st = TcpStream::connect(addr).unwrap();
    st.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        st,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    let _ = st.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (
        status,
        text.split_once("\r\n\r\n")
            .map(|x| x.1)
            .unwrap_or("")
            .into(),
    )
}

/// Issue 17 item 1: a server kept showing the library as it was before another
/// process imported into it (its page cache only knew its own writes). Every
/// view of the articles is read once before the import, so each is cached.
#[test]
fn a_server_sees_an_import_by_another_process_within_a_second() {
    let d = tempfile::tempdir().unwrap();
    let lib = d.path().join("lib");
    let (first, more) = (d.path().join("first.jsonl"), d.path().join("more.jsonl"));
    corpus(&first, 12, "granite");
    corpus(&more, 7, "zebraquux");
    assert!(import(&lib, &first).status.success());
    let srv = serve_with(Command::new(bin()), &lib);
    let views = [
        ("/", "19 articles in the library"),
        ("/api/health", "\"articles\":19"),
        ("/api/search?q=zebraquux", "\"total\":7"),
        ("/search?q=zebraquux", "zebraquux report 3"),
        ("/api/articles?limit=50", "zebraquux report 6"),
    ];
    for (path, fresh) in views {
        let (status, body) = get(srv.1, path);
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains(fresh), "{path} before the import");
    }
    let out = import(&lib, &more);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done = Instant::now();
    let mut stale: Vec<&str> = views.iter().map(|v| v.0).collect();
    while !stale.is_empty() {
        stale.retain(|path| {
            let fresh = views.iter().find(|v| v.0 == *path).unwrap().1;
            !get(srv.1, path).1.contains(fresh)
        });
        assert!(
            done.elapsed() < Duration::from_secs(1) || stale.is_empty(),
            "1 s after the import ended the server still serves the old library at {stale:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    eprintln!(
        "every view fresh {} ms after the import exited",
        done.elapsed().as_millis()
    );
}

/// Issue 17 item 4: two imports creating one library at once; one failed with
/// "table articles already exists".
#[test]
fn imports_creating_one_library_at_once_all_succeed() {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = (d.path().join("a.jsonl"), d.path().join("b.jsonl"));
    corpus(&a, 3, "granite");
    corpus(&b, 3, "basalt");
    for round in 0..10 {
        let lib = d.path().join(format!("lib{round}"));
        let spawn = |input: &Path| {
            Command::new(bin())
                .args([
                    "import",
                    s(input),
                    "--library",
                    s(&lib),
                    "-q",
                    "--no-stories",
                ])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (ca, cb) = (spawn(&a), spawn(&b));
        for c in [ca, cb] {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let out = parallax(&["search", "summit", "--library", s(&lib), "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["total"], 6, "round {round}");
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn chmod(mode: &str, p: &Path) {
    assert!(
        Command::new("chmod")
            .args(["-R", mode, s(p)])
            .status()
            .unwrap()
            .success()
    );
}

/// The command as a user the directory's permissions bind: this user when it is
/// not root (root ignores permission bits), else `nobody` through setpriv, when
/// `nobody` can run the binary where it is.
fn unprivileged() -> Option<Command> {
    if !is_root() {
        return Some(Command::new(bin()));
    }
    let nobody = || {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", &bin()]);
        c
    };
    let ok = nobody()
        .arg("--help")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then(nobody)
}

/// `chattr -i` on drop.
struct Immutable(Vec<std::path::PathBuf>);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").args(&self.0).status();
    }
}

/// Issue 17 item 9: `stories`, `search`, `actor` and `serve` failed on a library
/// in a read-only directory ("unable to open database file", after "Failed to
/// acquire Lockfile"). Permission bits bind a user other than root, so as root
/// the commands run as `nobody`, meeting the real bits; where `nobody` cannot run
/// the binary, the directories are made immutable (`chattr +i`), which binds root.
#[test]
fn a_library_in_a_read_only_directory_can_be_read() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in.jsonl");
    corpus(&input, 9, "granite");
    let lib = d.path().join("lib");
    assert!(import(&lib, &input).status.success());
    // readable and searchable by everyone, writable by nobody
    chmod("a+rX,a-w", &lib);
    chmod("a+rx", d.path());
    let reader: Box<dyn Fn() -> Command> = match unprivileged() {
        Some(_) => Box::new(|| unprivileged().unwrap()),
        None => Box::new(|| Command::new(bin())),
    };
    let mut guard = None;
    if unprivileged().is_none() {
        let dirs = vec![lib.clone(), lib.join("search")];
        let ok = Command::new("chattr")
            .arg("+i")
            .args(&dirs)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            chmod("u+w", &lib);
            eprintln!(
                "SKIPPED: running as root, `nobody` cannot run {} and `chattr +i` is refused, so nothing here can make a directory read-only for this test",
                bin()
            );
            return;
        }
        guard = Some(Immutable(dirs));
    }
    let run = |args: &[&str]| {
        let out = reader().args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let other = d.path().join("other.jsonl");
    corpus(&other, 1, "basalt");
    let writable = run(&["import", s(&other), "--library", s(&lib), "-q"]);
    assert_ne!(
        writable.0,
        Some(0),
        "the directory is not writable to the test user"
    );
    let (code, out, err) = run(&["stories", "--library", s(&lib), "--json"]);
    assert_eq!(code, Some(0), "stories: {err}");
    assert!(out.contains("\"articles\""), "{out}");
    let (code, out, err) = run(&["search", "granite", "--library", s(&lib), "--json"]);
    assert_eq!(code, Some(0), "search: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 9);
    assert!(!err.contains("Lockfile"), "{err}");
    let (code, out, err) = run(&["actor", "Maduro", "--library", s(&lib)]);
    assert_eq!(code, Some(0), "actor: {err}");
    assert!(out.contains("Maduro"), "{out}");
    let srv = serve_with(reader(), &lib);
    let (status, body) = get(srv.1, "/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("9 articles in the library"), "{body}");
    let (status, body) = get(srv.1, "/api/search?q=granite");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"total\":9"), "{body}");
    drop(srv);
    drop(guard);
    chmod("u+w", &lib);
}

/// Issue 17 item 13: on a full disk every remaining article failed with an
/// error of its own. The disk is a 1 MB tmpfs mounted in a mount namespace of
/// the import's own (root, or unprivileged user namespaces, needed).
#[test]
fn a_full_disk_stops_the_import_with_one_message() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in.jsonl");
    corpus(&input, 400, "granite");
    let disk = d.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mut cmd = Command::new("unshare");
    if !is_root() {
        cmd.arg("-r");
    }
    let out = cmd
        .args([
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o size=1m tmpfs \"$1\" || exit 99; shift; exec \"$@\"",
            "sh",
            s(&disk),
            &bin(),
            "import",
            s(&input),
            "--library",
            &format!("{}/lib", s(&disk)),
            "-q",
        ])
        .output()
        .unwrap();
    if out.status.code() == Some(99)
        || out
            .status
            .code()
            .is_none_or(|c| c == 1 && out.stderr.starts_with(b"unshare"))
    {
        eprintln!(
            "SKIPPED: no tmpfs could be mounted here ({})",
            String::from_utf8_lossy(&out.stderr).trim()
        );
        return;
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one message, not one per remaining article: {} lines, first {:?}",
        lines.len(),
        &lines[..lines.len().min(3)]
    );
    assert!(
        lines[0].contains("disk is full") && lines[0].contains("stopped"),
        "{err}"
    );
}

/// Issue 17 item 13: a bad outlet book (a file the user names) is a usage error.
#[test]
fn a_bad_outlet_book_is_a_usage_error() {
    let d = tempfile::tempdir().unwrap();
    let book = d.path().join("outlets.toml");
    std::fs::write(&book, "[[outlet]]\nname = \n").unwrap();
    let input = d.path().join("in.jsonl");
    corpus(&input, 1, "granite");
    for cmd in ["import", "extract", "compare"] {
        let mut args = vec![cmd, s(&input), "--outlets", s(&book)];
        let lib = d.path().join("lib");
        if cmd == "import" {
            args.extend(["--library", s(&lib)]);
        }
        let out = parallax(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert!(err.contains("outlets.toml"), "{cmd}: {err}");
    }
}

/// Issue 17 item 13: `import --json` printed the "duplicate" line naming an
/// article before that article's own "added" line.
#[test]
fn import_json_names_an_article_only_after_adding_it() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    for i in 0..10 {
        let text = format!(
            "The council voted on plan {i} on Monday. “It passes,” the mayor said about plan {i}, and the vote was seven to two."
        );
        // each article twice, under another URL: a copy found within the import
        for copy in 0..2 {
            let rec = serde_json::json!({"text": text, "outlet": "Local", "title": format!("Plan {i}"), "url": format!("https://local.example/{copy}/{i}")});
            writeln!(f, "{rec}").unwrap();
        }
    }
    drop(f);
    let lib = d.path().join("lib");
    let out = parallax(&["import", s(&input), "--library", s(&lib), "--json", "-q"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut added = std::collections::HashSet::new();
    let mut dups = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        match v["outcome"].as_str().unwrap() {
            "added" => {
                added.insert(v["id"].as_str().unwrap().to_string());
            }
            "duplicate" => {
                dups += 1;
                let of = v["existing"].as_str().unwrap();
                assert!(added.contains(of), "{line} comes before {of} is added");
            }
            o => panic!("{o}"),
        }
    }
    assert_eq!((added.len(), dups), (10, 10));
}
