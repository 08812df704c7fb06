//! WARC archives (ISO 28500; what web archives and Common Crawl write), streamed.
//!
//! An archive is read one record at a time from any `BufRead` (a `.warc.gz` is a
//! series of gzip members, one per record, decoded one by one), so a 2 GB
//! archive needs the memory of its largest record, not of the file. Only `response`
//! and `resource` records holding an HTML page become articles; requests, metadata,
//! revisits, images and error pages are skipped. One bad record costs only itself:
//! - a damaged gzip member is reported and reading goes on at the next member
//!   (members are decoded one by one, [`Members`]);
//! - a Content-Length that does not end the record where the next one starts (too
//!   large: the next record begins inside the block; too small: the block goes on)
//!   is reported, and reading goes on at the next record found;
//! - a header line over 64 KiB, or garbage between records, is reported and the
//!   reader looks for the next `WARC/` line.
//!
//! Only an archive cut short (its last record incomplete) is "truncated", and it keeps
//! every record read before the cut.

use std::io::{self, BufRead, Read};

/// One HTML page found in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// 1-based number of the record in the archive.
    pub record: usize,
    /// The record's WARC-Target-URI.
    pub target_uri: Option<String>,
    /// WARC-Date of the capture (not the article's publication date).
    pub date: Option<String>,
    /// The charset of the HTTP Content-Type header, when given.
    pub charset: Option<String>,
    /// The HTTP response body (the page).
    pub html: Vec<u8>,
}

/// A record that could not be read, with its number and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcError {
    /// 1-based number of the record in the archive.
    pub record: usize,
    /// The record's WARC-Target-URI, when read.
    pub target_uri: Option<String>,
    /// What is wrong with it.
    pub message: String,
    /// True when the reader cannot go on (truncated archive, I/O error).
    pub fatal: bool,
}

/// Longest header line accepted (WARC or HTTP); longer means not a header.
const MAX_LINE: u64 = 64 * 1024;
/// Most header lines accepted in one header block.
const MAX_HEADERS: usize = 500;

/// Wraps `reader` in a gzip decoder when the bytes start with the gzip magic.
pub fn open(mut reader: impl BufRead + 'static) -> io::Result<Box<dyn BufRead>> {
    let gz = reader.fill_buf()?.starts_with(b"\x1f\x8b");
    Ok(if gz {
        Box::new(io::BufReader::with_capacity(1 << 16, Members::new(reader)))
    } else {
        Box::new(reader)
    })
}

/// A damaged gzip member, after which reading goes on at the next member.
#[derive(Debug)]
struct Damaged {
    why: String,
    /// The member gave no byte: the damage is in the record that starts there.
    at_start: bool,
}

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "damaged gzip member ({})", self.why)
    }
}

/// A damaged gzip member that gave no byte: it is the next record's.
fn damaged_at_start(e: &io::Error) -> bool {
    e.get_ref()
        .and_then(|i| i.downcast_ref::<Damaged>())
        .is_some_and(|d| d.at_start)
}

impl std::error::Error for Damaged {}

/// A header line over [`MAX_LINE`]: the record is skipped, not the archive.
#[derive(Debug)]
struct LongLine;

impl std::fmt::Display for LongLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a header line longer than {MAX_LINE} bytes")
    }
}

impl std::error::Error for LongLine {}

fn is_long_line(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|i| i.is::<LongLine>())
}

/// An error after which the next record can still be read.
fn resumable(e: &io::Error) -> bool {
    e.get_ref()
        .is_some_and(|i| i.is::<Damaged>() || i.is::<LongLine>())
}

/// The gzip members of a `.warc.gz`, decoded one after another like
/// `MultiGzDecoder`, except that a damaged member is one `Damaged` error and
/// reading goes on at the next gzip header (`1f 8b 08`) in the compressed bytes.
/// A member cut by the end of the file is an `UnexpectedEof` (a truncated archive).
pub struct Members<R: BufRead> {
    raw: Option<Prefixed<R>>,
    member: Option<flate2::bufread::GzDecoder<Prefixed<R>>>,
    /// Bytes the current member has given.
    given: u64,
}

impl<R: BufRead> Members<R> {
    /// The gzip members of `raw`, one after another.
    pub fn new(raw: R) -> Self {
        Members {
            raw: Some(Prefixed::new(raw)),
            member: None,
            given: 0,
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if let Some(m) = self.member.as_mut() {
                match m.read(buf) {
                    Ok(0) => {
                        self.raw = self.member.take().map(|m| m.into_inner());
                        continue;
                    }
                    Ok(n) => {
                        self.given += n as u64;
                        return Ok(n);
                    }
                    Err(e) => {
                        let Some(mut raw) = self.member.take().map(|m| m.into_inner()) else {
                            return Err(e);
                        };
                        let found = skip_to_member(&mut raw)?;
                        self.raw = Some(raw);
                        if !found && e.kind() == io::ErrorKind::UnexpectedEof {
                            return Err(e);
                        }
                        let at_start = self.given == 0;
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            Damaged {
                                why: e.to_string(),
                                at_start,
                            },
                        ));
                    }
                }
            }
            let Some(mut raw) = self.raw.take() else {
                return Ok(0);
            };
            if raw.fill_buf()?.is_empty() {
                self.raw = Some(raw);
                return Ok(0);
            }
            self.member = Some(flate2::bufread::GzDecoder::new(raw));
            self.given = 0;
        }
    }
}

/// Skips compressed bytes up to the next gzip header (left to be read); false at
/// the end of the file. The damaged member's decoder always consumed its first
/// bytes, so this never finds the same member again.
fn skip_to_member<R: BufRead>(r: &mut Prefixed<R>) -> io::Result<bool> {
    const MAGIC: &[u8] = b"\x1f\x8b\x08";
    let mut matched = 0;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let mut used = 0;
        for &b in buf {
            used += 1;
            if b == MAGIC[matched] {
                matched += 1;
                if matched == MAGIC.len() {
                    r.consume(used);
                    r.unread(MAGIC);
                    return Ok(true);
                }
            } else {
                matched = usize::from(b == MAGIC[0]);
            }
        }
        r.consume(used);
    }
}

/// A reader with bytes put back in front of it.
pub struct Prefixed<R> {
    front: Vec<u8>,
    pos: usize,
    inner: R,
}

impl<R> Prefixed<R> {
    /// `inner` with nothing put back yet.
    pub fn new(inner: R) -> Self {
        Prefixed {
            front: Vec::new(),
            pos: 0,
            inner,
        }
    }

    /// Puts `bytes` back: they are read next, before what was left.
    fn unread(&mut self, bytes: &[u8]) {
        let mut v = bytes.to_vec();
        v.extend_from_slice(&self.front[self.pos..]);
        self.front = v;
        self.pos = 0;
    }
}

impl<R: Read> Read for Prefixed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.front.len() {
            let n = buf.len().min(self.front.len() - self.pos);
            buf[..n].copy_from_slice(&self.front[self.pos..self.pos + n]);
            self.consume_front(n);
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

impl<R> Prefixed<R> {
    fn consume_front(&mut self, n: usize) {
        self.pos += n;
        if self.pos >= self.front.len() {
            self.front.clear();
            self.pos = 0;
        }
    }
}

impl<R: BufRead> BufRead for Prefixed<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.front.len() {
            return Ok(&self.front[self.pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.front.len() {
            self.consume_front(n);
        } else {
            self.inner.consume(n);
        }
    }
}

/// Reads every record of an archive, handing HTML pages and errors to `sink` in order.
/// Records over `max_record` bytes are skipped (and reported when they are pages).
pub fn read_archive(
    reader: &mut dyn BufRead,
    max_record: usize,
    sink: &mut dyn FnMut(Result<WarcPage, WarcError>),
) {
    let reader = &mut Prefixed::new(reader);
    let mut n = 0usize;
    let mut line = Vec::new();
    // After a bad record: lines are skipped quietly up to the next `WARC/` line.
    let mut lost = false;
    let bad = |record: usize, uri: Option<String>, message: String| WarcError {
        record,
        target_uri: uri,
        message,
        fatal: false,
    };
    loop {
        // Find the version line, skipping the blank lines between records.
        line.clear();
        match read_line(reader, &mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) if is_long_line(&e) => {
                if !lost {
                    n += 1;
                    sink(Err(bad(
                        n,
                        None,
                        format!("{e}; looking for the next record"),
                    )));
                }
                if let Err(e) = skip_line(reader) {
                    return sink(Err(fatal(n + 1, None, &e)));
                }
                lost = true;
                continue;
            }
            Err(e) if resumable(&e) => {
                // a damaged member: of the record being skipped, else of the next one
                if !lost {
                    n += 1;
                }
                sink(Err(bad(
                    n,
                    None,
                    format!("{e}; looking for the next record"),
                )));
                lost = true;
                continue;
            }
            Err(e) => return sink(Err(fatal(n + 1, None, &e))),
        }
        let trimmed = trim_eol(&line);
        if trimmed.is_empty() {
            continue;
        }
        if !trimmed.starts_with(b"WARC/") {
            if !lost {
                let after = if n == 0 {
                    String::new()
                } else {
                    format!(" after record {n}, whose Content-Length may be too small")
                };
                n += 1;
                sink(Err(bad(
                    n,
                    None,
                    format!(
                        "not a WARC record (no WARC/ version line{after}); looking for the next record"
                    ),
                )));
                lost = true;
            }
            continue;
        }
        lost = false;
        n += 1;
        let headers = match read_headers(reader) {
            Ok(h) => h,
            Err(e) if resumable(&e) => {
                sink(Err(bad(n, None, format!("{e}; record skipped"))));
                if is_long_line(&e) {
                    if let Err(e) = skip_line(reader) {
                        return sink(Err(fatal(n, None, &e)));
                    }
                }
                lost = true;
                continue;
            }
            Err(e) => return sink(Err(fatal(n, None, &e))),
        };
        let get = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let uri = get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
        let Some(len) = get("Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            sink(Err(bad(
                n,
                uri,
                "record without a valid Content-Length; looking for the next record".into(),
            )));
            lost = true;
            continue;
        };
        let kind = get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let content_type = get("Content-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = match kind.as_str() {
            "response" => content_type.starts_with("application/http"),
            "resource" => is_html_type(&content_type),
            _ => false,
        };
        let date = get("WARC-Date").map(str::to_string);
        if wanted && len > max_record as u64 {
            sink(Err(bad(
                n,
                uri.clone(),
                format!("record of {len} bytes is over the {max_record} byte limit; skipped"),
            )));
        }
        // The block is kept in memory up to the cap (also when it is not wanted, so
        // that a Content-Length running into the next records can be undone); a
        // larger one is skipped as a stream.
        let mut block = Vec::new();
        let got = if len > max_record as u64 {
            io::copy(&mut reader.take(len), &mut io::sink())
        } else {
            block.reserve(len as usize);
            reader.take(len).read_to_end(&mut block).map(|g| g as u64)
        };
        let got = match got {
            Ok(g) => g,
            Err(e) if resumable(&e) => {
                sink(Err(bad(n, uri, format!("{e}; record skipped"))));
                lost = true;
                continue;
            }
            Err(e) => return sink(Err(fatal(n, uri, &e))),
        };
        // Does the next record start where this one's Content-Length says?
        let mut next_damaged = None;
        let ends_well = got == len
            && match next_record_follows(reader) {
                Ok(ok) => ok,
                Err(e) if damaged_at_start(&e) => {
                    // this record ended well; the member after it is damaged
                    next_damaged = Some(e);
                    true
                }
                Err(e) if resumable(&e) => {
                    // a damaged member found after the block (its checksum)
                    sink(Err(bad(n, uri, format!("{e}; record skipped"))));
                    continue;
                }
                Err(e) => return sink(Err(fatal(n, uri, &e))),
            };
        if !ends_well {
            if let Some(at) = next_record_in(&block) {
                // Content-Length too large: the next record starts inside the block.
                sink(Err(bad(
                    n,
                    uri,
                    format!(
                        "Content-Length of {len} bytes runs past the end of the record (the next record starts {at} bytes into its block); record skipped"
                    ),
                )));
                reader.unread(&block[at..]);
                continue;
            }
            if got < len {
                return sink(Err(truncated(n, uri, got, len)));
            }
            // Otherwise what follows is reported as it is read (junk, or the rest
            // of a block whose Content-Length is too small).
        }
        if let Some(e) = next_damaged {
            n += 1;
            lost = true;
            if wanted && len <= max_record as u64 {
                if let Some(p) = page_of(n - 1, &kind, uri, date, &content_type, block, max_record)
                {
                    sink(p);
                }
            }
            sink(Err(bad(
                n,
                None,
                format!("{e}; looking for the next record"),
            )));
            continue;
        }
        if !wanted || len > max_record as u64 {
            continue;
        }
        if let Some(p) = page_of(n, &kind, uri, date, &content_type, block, max_record) {
            sink(p);
        }
    }
}

/// The page of a record's block, if it holds one.
fn page_of(
    n: usize,
    kind: &str,
    uri: Option<String>,
    date: Option<String>,
    content_type: &str,
    block: Vec<u8>,
    max_record: usize,
) -> Option<Result<WarcPage, WarcError>> {
    if kind == "resource" {
        Some(Ok(WarcPage {
            record: n,
            target_uri: uri,
            date,
            charset: charset_of(content_type),
            html: block,
        }))
    } else {
        http_page(n, uri, date, &block, max_record).transpose()
    }
}

/// After a block: blank lines, then a `WARC/` line or the end of the archive.
/// False when something else follows (a wrong Content-Length, or junk); what
/// was read is put back either way.
fn next_record_follows<R: BufRead>(r: &mut Prefixed<R>) -> io::Result<bool> {
    let mut seen = Vec::new();
    loop {
        let from = seen.len();
        match read_line(r, &mut seen) {
            Ok(0) => {
                r.unread(&seen);
                return Ok(true);
            }
            Ok(_) if trim_eol(&seen[from..]).is_empty() => continue,
            Ok(_) => {
                let ok = seen[from..].starts_with(b"WARC/");
                r.unread(&seen);
                return Ok(ok);
            }
            Err(e) if is_long_line(&e) => {
                r.unread(&seen);
                return Ok(false);
            }
            Err(e) => {
                r.unread(&seen);
                return Err(e);
            }
        }
    }
}

/// Where a record begins inside `block` (after a blank line, as records follow
/// each other), for a Content-Length that ran past its record.
fn next_record_in(block: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find(&block[from..], b"\nWARC/1.") {
        let at = from + i + 1;
        let before = &block[..at];
        let after_blank = before.ends_with(b"\r\n\r\n") || before.ends_with(b"\n\n");
        if after_blank && find(&block[at..], b"\n").is_some_and(|eol| eol < 16) {
            return Some(at);
        }
        from = at;
    }
    None
}

/// Skips the rest of a line too long to read as a header.
fn skip_line(r: &mut dyn BufRead) -> io::Result<()> {
    let mut chunk = Vec::new();
    loop {
        chunk.clear();
        let n = r.take(MAX_LINE).read_until(b'\n', &mut chunk)?;
        if n == 0 || chunk.ends_with(b"\n") {
            return Ok(());
        }
    }
}

/// The HTML body of an HTTP response block, `None` when it is not a 2xx HTML page.
fn http_page(
    record: usize,
    uri: Option<String>,
    date: Option<String>,
    block: &[u8],
    max: usize,
) -> Result<Option<WarcPage>, WarcError> {
    let err = |m: String| WarcError {
        record,
        target_uri: uri.clone(),
        message: m,
        fatal: false,
    };
    let Some(head_end) = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
    else {
        return Err(err("HTTP response without the end of its headers".into()));
    };
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| err(format!("bad HTTP status line {:?}", clip(status_line))))?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let mut content_type = String::new();
    let (mut chunked, mut encoding) = (false, String::new());
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim(), v.trim().to_ascii_lowercase());
        if k.eq_ignore_ascii_case("content-type") {
            content_type = v;
        } else if k.eq_ignore_ascii_case("transfer-encoding") {
            chunked = v.contains("chunked");
        } else if k.eq_ignore_ascii_case("content-encoding") {
            encoding = v;
        }
    }
    let mut body = block[head_end.1..].to_vec();
    if !content_type.is_empty() && !is_html_type(&content_type) {
        return Ok(None);
    }
    if chunked {
        // Archives differ: some keep the chunk framing, some store the body
        // de-chunked but keep the header. Undo the framing only when it parses.
        if let Some(b) = dechunk(&body) {
            body = b;
        }
    }
    if encoding.contains("gzip") || encoding.contains("deflate") {
        body = inflate(&body, encoding.contains("gzip"), max)
            .map_err(|m| err(format!("body declared {encoding}: {m}")))?;
    }
    if content_type.is_empty() && !looks_like_html(&body) {
        return Ok(None);
    }
    Ok(Some(WarcPage {
        record,
        target_uri: uri,
        date,
        charset: charset_of(&content_type),
        html: body,
    }))
}

fn is_html_type(ct: &str) -> bool {
    let mime = ct.split(';').next().unwrap_or("").trim();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// The `charset` parameter of a (lowercased) Content-Type value.
pub(crate) fn charset_of(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == "charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

fn looks_like_html(b: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&b[..b.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
}

fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    loop {
        let eol = find(&b[i..], b"\r\n")? + i;
        let size_str = std::str::from_utf8(&b[i..eol]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        i = eol + 2;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        out.extend_from_slice(b.get(i..end)?);
        i = end + 2;
        if i > b.len() {
            return None;
        }
    }
}

/// Decompresses a body, refusing to grow past `max` (a gzip bomb stays small).
fn inflate(b: &[u8], gzip: bool, max: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let r: Box<dyn Read> = if gzip {
        Box::new(flate2::read::GzDecoder::new(b))
    } else {
        Box::new(flate2::read::ZlibDecoder::new(b))
    };
    r.take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() > max {
        return Err(format!("decompresses to more than {max} bytes"));
    }
    Ok(out)
}

fn read_line(r: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    let n = r.take(MAX_LINE).read_until(b'\n', line)?;
    if n as u64 == MAX_LINE && !line.ends_with(b"\n") {
        return Err(io::Error::new(io::ErrorKind::InvalidData, LongLine));
    }
    Ok(n)
}

fn read_headers(r: &mut dyn BufRead) -> io::Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read_line(r, &mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "archive ends inside a record header",
            ));
        }
        let l = trim_eol(&line);
        if l.is_empty() {
            return Ok(out);
        }
        let l = String::from_utf8_lossy(l);
        if l.starts_with([' ', '\t']) {
            // A folded continuation of the previous header.
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(l.trim());
            }
        } else if let Some((k, v)) = l.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
        if out.len() > MAX_HEADERS {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("more than {MAX_HEADERS} header lines"),
            ));
        }
    }
}

fn fatal(record: usize, uri: Option<String>, e: &io::Error) -> WarcError {
    let message = if e.kind() == io::ErrorKind::UnexpectedEof {
        format!("archive truncated ({e}); the records before it were read")
    } else {
        format!("cannot read the archive further: {e}")
    };
    WarcError {
        record,
        target_uri: uri,
        message,
        fatal: true,
    }
}

fn truncated(record: usize, uri: Option<String>, got: u64, len: u64) -> WarcError {
    WarcError {
        record,
        target_uri: uri,
        message: format!(
            "archive truncated: record holds {got} of its {len} bytes; the records before it were read"
        ),
        fatal: true,
    }
}

fn trim_eol(l: &[u8]) -> &[u8] {
    let l = l.strip_suffix(b"\n").unwrap_or(l);
    l.strip_suffix(b"\r").unwrap_or(l)
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    pub(crate) fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-04-25T10:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        block.extend_from_slice(body);
        record(
            "response",
            uri,
            "application/http; msgtype=response",
            &block,
        )
    }

    fn read(bytes: Vec<u8>) -> Vec<Result<WarcPage, WarcError>> {
        let mut r = open(io::Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        read_archive(&mut r, 1 << 20, &mut |x| out.push(x));
        out
    }

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn pages_from_responses_and_resources_only() {
        let mut a = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        a.extend(record(
            "request",
            "http://x/1",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        a.extend(response(
            "http://x/1",
            "Content-Type: text/html; charset=windows-1252\r\n",
            b"<html><p>one</p></html>",
        ));
        a.extend(response(
            "http://x/logo.png",
            "Content-Type: image/png\r\n",
            b"\x89PNG....",
        ));
        a.extend(record(
            "resource",
            "http://x/2",
            "text/html",
            b"<html><p>two</p></html>",
        ));
        let mut redirect = b"HTTP/1.1 301 Moved\r\nLocation: /y\r\n\r\n".to_vec();
        redirect.extend(b"<html>moved</html>");
        a.extend(record(
            "response",
            "http://x/3",
            "application/http; msgtype=response",
            &redirect,
        ));
        let got = read(a);
        assert_eq!(got.len(), 2, "{got:?}");
        let p = got[0].as_ref().unwrap();
        assert_eq!((p.record, p.target_uri.as_deref()), (3, Some("http://x/1")));
        assert_eq!(p.charset.as_deref(), Some("windows-1252"));
        assert_eq!(p.html, b"<html><p>one</p></html>");
        assert_eq!(got[1].as_ref().unwrap().html, b"<html><p>two</p></html>");
    }

    #[test]
    fn gzipped_members_chunked_and_compressed_bodies() {
        let body = b"<html><body><p>hello</p></body></html>";
        let chunked = format!("{:x}\r\n", 10).into_bytes();
        let mut c = chunked;
        c.extend(&body[..10]);
        c.extend(format!("\r\n{:x}\r\n", body.len() - 10).as_bytes());
        c.extend(&body[10..]);
        c.extend(b"\r\n0\r\n\r\n");
        let mut archive = gz(&response(
            "http://x/c",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            &c,
        ));
        archive.extend(gz(&response(
            "http://x/z",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gz(body),
        )));
        let got = read(archive);
        assert_eq!(got.len(), 2, "{got:?}");
        for g in got {
            assert_eq!(g.unwrap().html, body);
        }
    }

    #[test]
    fn truncation_keeps_what_came_before() {
        let mut a = gz(&response(
            "http://x/1",
            "Content-Type: text/html\r\n",
            b"<html>first</html>",
        ));
        let second = gz(&response(
            "http://x/2",
            "Content-Type: text/html\r\n",
            b"<html>second</html>",
        ));
        a.extend(&second[..second.len() / 2]);
        let got = read(a);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].as_ref().unwrap().html, b"<html>first</html>");
        let e = got[1].as_ref().unwrap_err();
        assert!(e.fatal && e.message.contains("truncated"), "{e:?}");
        // plain archive cut inside a block
        let whole = response(
            "http://x/1",
            "Content-Type: text/html\r\n",
            b"<html>first</html>",
        );
        let got = read(whole[..whole.len() - 10].to_vec());
        assert!(got[0].as_ref().unwrap_err().message.contains("truncated"));
    }

    #[test]
    fn garbage_between_records_is_reported_and_skipped() {
        let mut a = b"this is not a warc\r\nmore junk\r\n".to_vec();
        a.extend(response(
            "http://x/1",
            "Content-Type: text/html\r\n",
            b"<html>ok</html>",
        ));
        a.extend(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n");
        a.extend(response(
            "http://x/2",
            "",
            b"<!doctype html><html>sniffed</html>",
        ));
        let got = read(a);
        let oks: Vec<_> = got.iter().filter_map(|g| g.as_ref().ok()).collect();
        let errs: Vec<_> = got.iter().filter_map(|g| g.as_ref().err()).collect();
        assert_eq!(oks.len(), 2, "{got:?}");
        assert_eq!(errs.len(), 2, "{got:?}");
        assert!(errs.iter().all(|e| !e.fatal));
    }

    #[test]
    fn oversized_and_bomb_records() {
        let big = vec![b'a'; 5000];
        let a = response("http://x/big", "Content-Type: text/html\r\n", &big);
        let mut r = open(io::Cursor::new(a)).unwrap();
        let mut out = Vec::new();
        read_archive(&mut r, 1000, &mut |x| out.push(x));
        assert!(out[0].as_ref().unwrap_err().message.contains("limit"));
        let bomb = gz(&vec![b' '; 3 << 20]);
        let got = read(response(
            "http://x/bomb",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &bomb,
        ));
        assert!(
            got[0].as_ref().unwrap_err().message.contains("more than"),
            "{got:?}"
        );
    }

    fn good(i: usize) -> Vec<u8> {
        response(
            &format!("http://x/{i}"),
            "Content-Type: text/html\r\n",
            format!("<html><p>page {i}</p></html>").as_bytes(),
        )
    }

    /// Pages read (by URI) and the errors, of an archive.
    fn outcome(bytes: Vec<u8>) -> (Vec<String>, Vec<WarcError>) {
        let got = read(bytes);
        let pages = got
            .iter()
            .filter_map(|g| g.as_ref().ok())
            .map(|p| p.target_uri.clone().unwrap())
            .collect();
        let errs = got.into_iter().filter_map(Result::err).collect();
        (pages, errs)
    }

    fn with_length(rec: Vec<u8>, delta: i64) -> Vec<u8> {
        let s = String::from_utf8(rec).unwrap();
        let i = s.find("Content-Length: ").unwrap() + "Content-Length: ".len();
        let j = i + s[i..].find('\r').unwrap();
        let len: i64 = s[i..j].parse().unwrap();
        format!("{}{}{}", &s[..i], len + delta, &s[j..]).into_bytes()
    }

    #[test]
    fn a_content_length_too_large_loses_only_its_record() {
        let bad = with_length(good(2), 500);
        for gzipped in [false, true] {
            let parts = [good(1), bad.clone(), good(3), good(4)];
            let bytes: Vec<u8> = if gzipped {
                parts.iter().flat_map(|p| gz(p)).collect()
            } else {
                parts.concat()
            };
            let (pages, errs) = outcome(bytes);
            assert_eq!(
                pages,
                ["http://x/1", "http://x/3", "http://x/4"],
                "{errs:?}"
            );
            assert_eq!(errs.len(), 1, "{errs:?}");
            let e = &errs[0];
            assert_eq!((e.record, e.target_uri.as_deref()), (2, Some("http://x/2")));
            assert!(!e.fatal && e.message.contains("Content-Length"), "{e:?}");
            assert!(!e.message.contains("truncated"), "{e:?}");
        }
    }

    #[test]
    fn a_content_length_too_small_loses_only_its_record() {
        // the page, cut by 7 bytes, is kept; what is left of its block is reported
        let (pages, errs) = outcome([good(1), with_length(good(2), -7), good(3)].concat());
        assert_eq!(
            pages,
            ["http://x/1", "http://x/2", "http://x/3"],
            "{errs:?}"
        );
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0]
                .message
                .contains("after record 2, whose Content-Length"),
            "{errs:?}"
        );
    }

    #[test]
    fn a_corrupt_gzip_member_loses_only_its_record() {
        let mut bad = gz(&good(2));
        let mid = bad.len() / 2;
        for b in &mut bad[mid..mid + 6] {
            *b ^= 0x5a;
        }
        let (pages, errs) = outcome([gz(&good(1)), bad, gz(&good(3)), gz(&good(4))].concat());
        assert_eq!(
            pages,
            ["http://x/1", "http://x/3", "http://x/4"],
            "{errs:?}"
        );
        // the damage may first show as a broken header: every message is of record 2
        assert!(!errs.is_empty() && errs.iter().all(|e| !e.fatal && e.record == 2));
        assert!(
            errs.iter()
                .any(|e| e.message.contains("damaged gzip member")),
            "{errs:?}"
        );
    }

    #[test]
    fn a_damaged_gzip_header_is_its_own_record() {
        let mut bad = gz(&good(2));
        bad[3] = 0xff; // reserved flag bits: not a valid gzip header
        let (pages, errs) = outcome([gz(&good(1)), bad, gz(&good(3))].concat());
        assert_eq!(pages, ["http://x/1", "http://x/3"], "{errs:?}");
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].record, 2, "{errs:?}");
        assert!(errs[0].message.contains("damaged gzip member"), "{errs:?}");
    }

    #[test]
    fn a_header_line_over_64_kib_loses_only_its_record() {
        let long = format!("X-Junk: {}\r\n", "a".repeat(70_000));
        let bad = response("http://x/2", &long, b"<html>two</html>");
        let bad = String::from_utf8(bad)
            .unwrap()
            .replacen(
                "WARC-Date:",
                &format!("X-Long: {}\r\nWARC-Date:", "b".repeat(70_000)),
                1,
            )
            .into_bytes();
        let junk = format!("{}\r\n", "c".repeat(100_000)).into_bytes();
        for gzipped in [false, true] {
            let parts = [good(1), bad.clone(), good(3), junk.clone(), good(4)];
            let bytes: Vec<u8> = if gzipped {
                parts.iter().flat_map(|p| gz(p)).collect()
            } else {
                parts.concat()
            };
            let (pages, errs) = outcome(bytes);
            assert_eq!(
                pages,
                ["http://x/1", "http://x/3", "http://x/4"],
                "{errs:?}"
            );
            assert_eq!(errs.len(), 2, "{errs:?}");
            assert_eq!(errs[0].record, 2);
            assert!(
                errs.iter()
                    .all(|e| !e.fatal && e.message.contains("longer than"))
            );
            assert!(errs.iter().all(|e| !e.message.contains("truncated")));
        }
    }
}
