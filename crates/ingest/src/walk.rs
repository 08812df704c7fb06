//! From the paths a user gives to the list of inputs to read, safely.
//!
//! Directories are walked recursively (sorted; hidden files, sidecars and TOML
//! configuration skipped). Symbolic links are followed, but every directory is
//! entered once, known by the (device, inode) of what the link leads to: a link
//! back to a directory being walked is a loop and is reported by name, a second
//! route to a directory already read is skipped. Each file is read once, however
//! many links lead to it. Only regular files are read: a FIFO, socket or device
//! found in a folder is skipped with a note, and one given as an argument is
//! refused, since opening or reading it could block for ever (`-` still means
//! stdin). [`open_regular`] opens without blocking and checks the opened file
//! itself, so a file swapped for a FIFO after the walk cannot stall the batch.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::{File, Metadata};
use std::path::{Path, PathBuf};

use crate::fetch::is_url;
use crate::{IngestError, IngestErrorKind, Sidecar};

/// (device, inode): what a path is, whatever the links on the way.
type FileId = (u64, u64);

#[cfg(unix)]
fn file_id(m: &Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &Metadata) -> Option<FileId> {
    None
}

/// What a non-regular file is, for messages.
fn kind_of(m: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = m;
    "not a regular file"
}

/// Expands directories into the files to read, in order, with one `Err` per
/// argument that cannot be read (missing, not a regular file) and one note
/// ([`IngestErrorKind::Skipped`]) per thing skipped on the way (a symlink loop, a
/// FIFO in a folder). `-` and URLs stay as they are.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut w = Walker::default();
    for p in paths {
        if p.as_os_str() == "-" || p.to_str().is_some_and(is_url) {
            w.out.push(Ok(p.clone()));
            continue;
        }
        let name = p.display().to_string();
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                let msg = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or directory".to_string()
                } else {
                    e.to_string()
                };
                w.out
                    .push(Err(IngestError::new(name, IngestErrorKind::Io, msg)));
                continue;
            }
        };
        if meta.is_dir() {
            w.root(p, &meta);
        } else if meta.is_file() {
            w.file(p, &meta, false);
        } else {
            w.out.push(Err(IngestError::new(
                name,
                IngestErrorKind::Unsupported,
                format!(
                    "{}: only regular files, folders, URLs and - (stdin) are read; refused",
                    kind_of(&meta)
                ),
            )));
        }
    }
    w.out
}

#[derive(Default)]
struct Walker {
    out: Vec<Result<PathBuf, IngestError>>,
    /// Directories entered so far, with the path they were entered by.
    dirs: HashMap<FileId, PathBuf>,
    files: HashSet<FileId>,
    /// Links to directories, followed once the real tree of the argument is read,
    /// so that what is reachable without links is read under its own name.
    links: VecDeque<(PathBuf, Metadata)>,
}

impl Walker {
    fn note(&mut self, path: &Path, message: String) {
        self.out.push(Err(IngestError::new(
            path.display().to_string(),
            IngestErrorKind::Skipped,
            message,
        )));
    }

    fn file(&mut self, p: &Path, meta: &Metadata, in_walk: bool) {
        if let Some(id) = file_id(meta) {
            if !self.files.insert(id) {
                if in_walk {
                    self.note(
                        p,
                        "the same file as one already read (a link); skipped".into(),
                    );
                }
                return;
            }
        }
        self.out.push(Ok(p.to_path_buf()));
    }

    /// A directory given as an argument: its real tree, then the links in it.
    fn root(&mut self, dir: &Path, meta: &Metadata) {
        self.dir(dir, meta);
        while let Some((link, meta)) = self.links.pop_front() {
            self.dir(&link, &meta);
        }
    }

    fn dir(&mut self, dir: &Path, meta: &Metadata) {
        if let Some(id) = file_id(meta) {
            if let Some(first) = self.dirs.get(&id) {
                let first = first.clone();
                let inside = match (
                    std::fs::canonicalize(dir),
                    dir.parent().map(std::fs::canonicalize),
                ) {
                    (Ok(target), Some(Ok(parent))) => parent.starts_with(target),
                    _ => false,
                };
                let why = if inside {
                    format!(
                        "symlink loop: leads back to {}, a folder that contains it; not followed",
                        first.display()
                    )
                } else {
                    format!(
                        "the same folder as {}, already read (a link); skipped",
                        first.display()
                    )
                };
                return self.note(dir, why);
            }
            self.dirs.insert(id, dir.to_path_buf());
        }
        self.entries(dir);
    }

    fn entries(&mut self, dir: &Path) {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                return self.out.push(Err(IngestError::new(
                    dir.display().to_string(),
                    IngestErrorKind::Io,
                    e.to_string(),
                )));
            }
        };
        entries.sort();
        // real entries first, links after them: a file is read under its own name
        let is_link = |p: &PathBuf| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink());
        let (links, real): (Vec<PathBuf>, Vec<PathBuf>) = entries.into_iter().partition(is_link);
        for p in real.into_iter().chain(links) {
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden || Sidecar::is_sidecar(&p) || is_config(&p) {
                continue;
            }
            // follows links; a dangling link or an unreadable entry is said once
            let meta = match std::fs::metadata(&p) {
                Ok(m) => m,
                Err(e) => {
                    let why = if is_link(&p) && e.kind() == std::io::ErrorKind::NotFound {
                        "a link to nothing (dangling symlink); skipped".to_string()
                    } else if is_eloop(&e) {
                        // a link chain the system itself gives up on
                        "symlink loop (too many levels of links); skipped".to_string()
                    } else {
                        format!("{e}; skipped")
                    };
                    self.note(&p, why);
                    continue;
                }
            };
            if meta.is_dir() {
                if is_link(&p) {
                    self.links.push_back((p, meta));
                } else {
                    self.dir(&p, &meta);
                }
            } else if meta.is_file() {
                self.file(&p, &meta, true);
            } else {
                let why = format!("{}, not a regular file; skipped", kind_of(&meta));
                self.note(&p, why);
            }
        }
    }
}

#[cfg(unix)]
fn is_eloop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_eloop(_: &std::io::Error) -> bool {
    false
}

/// TOML files in input folders are configuration (outlet books), not articles.
fn is_config(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "toml")
}

/// Opens `path` for reading only if it is a regular file, never blocking: the open
/// does not wait for a FIFO's writer (`O_NONBLOCK`), and the type is checked on
/// the opened file, not on the name (which could have changed since it was listed).
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    let f = o.open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{}, not a regular file; refused", kind_of(&meta)),
        ));
    }
    Ok(f)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(r: &[Result<PathBuf, IngestError>], root: &Path) -> Vec<String> {
        r.iter()
            .filter_map(|x| x.as_ref().ok())
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn symlink_loops_end_with_each_file_once_and_a_warning() {
        let d = tempfile::tempdir().unwrap();
        let l = d.path().join("L");
        std::fs::create_dir_all(l.join("a")).unwrap();
        std::fs::create_dir_all(l.join("b")).unwrap();
        std::fs::write(l.join("a/one.txt"), "one").unwrap();
        std::fs::write(l.join("b/two.txt"), "two").unwrap();
        symlink("../b", l.join("a/tob")).unwrap();
        symlink("../a", l.join("b/toa")).unwrap();
        symlink(".", l.join("a/self2")).unwrap();
        symlink("one.txt", l.join("a/link.txt")).unwrap();
        symlink("nowhere", l.join("a/dangling.txt")).unwrap();
        let got = expand_paths(std::slice::from_ref(&l));
        assert_eq!(names(&got, &l), ["a/one.txt", "b/two.txt"], "{got:?}");
        let notes: Vec<&IngestError> = got.iter().filter_map(|r| r.as_ref().err()).collect();
        assert!(notes.iter().all(|n| n.kind == IngestErrorKind::Skipped));
        let loop_note = notes
            .iter()
            .find(|n| n.source.ends_with("self2"))
            .expect("the self link is named");
        assert!(loop_note.message.starts_with("symlink loop"), "{loop_note}");
        assert!(
            notes.iter().any(|n| n.source.ends_with("a/tob")
                && n.message.starts_with("the same folder as")),
            "{notes:?}"
        );
        assert!(notes.iter().any(|n| n.message.contains("dangling")));
        assert!(notes.iter().any(|n| n.source.ends_with("link.txt")));
    }

    #[test]
    fn fifos_are_skipped_in_folders_and_refused_as_arguments() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.txt"), "text").unwrap();
        let fifo = d.path().join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let got = expand_paths(&[d.path().to_path_buf()]);
        assert_eq!(names(&got, d.path()), ["a.txt"]);
        let note = got[1].as_ref().unwrap_err();
        assert_eq!(note.kind, IngestErrorKind::Skipped);
        assert!(note.message.contains("FIFO"), "{note}");
        let got = expand_paths(std::slice::from_ref(&fifo));
        let e = got[0].as_ref().unwrap_err();
        assert_eq!(e.kind, IngestErrorKind::Unsupported);
        assert!(
            e.source.ends_with("pipe.txt") && e.message.contains("FIFO"),
            "{e}"
        );
        // the open itself never waits for a writer, and refuses what is not a file
        let e = open_regular(&fifo).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
    }
}
