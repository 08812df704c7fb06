//! WARC archives (ISO 28500; what web archives and Common Crawl write), streamed.
//!
//! An archive is read one record at a time from any `BufRead` (a `.warc.gz` is a
//! series of gzip members, one per record, decoded by `MultiGzDecoder`), so a 2 GB
//! archive needs the memory of its largest record, not of the file. Only `response`
//! and `resource` records holding an HTML page become articles; requests, metadata,
//! revisits, images and error pages are skipped. A malformed record is reported and
//! the reader looks for the next `WARC/` line; a truncated archive keeps every record
//! read before the cut.

use std::io::{self, BufRead, Read};

use flate2::read::MultiGzDecoder;

/// One HTML page found in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// 1-based number of the record in the archive.
    pub record: usize,
    pub target_uri: Option<String>,
    /// WARC-Date of the capture (not the article's publication date).
    pub date: Option<String>,
    /// The charset of the HTTP Content-Type header, when given.
    pub charset: Option<String>,
    pub html: Vec<u8>,
}

/// A record that could not be read, with its number and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcError {
    pub record: usize,
    pub target_uri: Option<String>,
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
        Box::new(io::BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    })
}

/// Reads every record of an archive, handing HTML pages and errors to `sink` in order.
/// Records over `max_record` bytes are skipped (and reported when they are pages).
pub fn read_archive(
    reader: &mut dyn BufRead,
    max_record: usize,
    sink: &mut dyn FnMut(Result<WarcPage, WarcError>),
) {
    let mut n = 0usize;
    let mut line = Vec::new();
    loop {
        // Find the version line, skipping the blank lines between records.
        line.clear();
        match read_line(reader, &mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => return sink(Err(fatal(n + 1, None, &e))),
        }
        let trimmed = trim_eol(&line);
        if trimmed.is_empty() {
            continue;
        }
        n += 1;
        if !trimmed.starts_with(b"WARC/") {
            sink(Err(WarcError {
                record: n,
                target_uri: None,
                message: "not a WARC record (no WARC/ version line); looking for the next record"
                    .into(),
                fatal: false,
            }));
            if let Err(e) = resync(reader, &mut line) {
                return sink(Err(fatal(n, None, &e)));
            }
            if line.is_empty() {
                return;
            }
        }
        let headers = match read_headers(reader) {
            Ok(h) => h,
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
            sink(Err(WarcError {
                record: n,
                target_uri: uri,
                message: "record without a valid Content-Length; looking for the next record"
                    .into(),
                fatal: false,
            }));
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
        if !wanted || len > max_record as u64 {
            if wanted {
                sink(Err(WarcError {
                    record: n,
                    target_uri: uri.clone(),
                    message: format!(
                        "record of {len} bytes is over the {max_record} byte limit; skipped"
                    ),
                    fatal: false,
                }));
            }
            match io::copy(&mut reader.take(len), &mut io::sink()) {
                Ok(got) if got == len => continue,
                Ok(got) => return sink(Err(truncated(n, uri, got, len))),
                Err(e) => return sink(Err(fatal(n, uri, &e))),
            }
        }
        let mut block = Vec::with_capacity(len as usize);
        match reader.take(len).read_to_end(&mut block) {
            Ok(got) if got as u64 == len => {}
            Ok(got) => return sink(Err(truncated(n, uri, got as u64, len))),
            Err(e) => return sink(Err(fatal(n, uri, &e))),
        }
        let page = if kind == "resource" {
            Some(Ok(WarcPage {
                record: n,
                target_uri: uri.clone(),
                date,
                charset: charset_of(&content_type),
                html: block,
            }))
        } else {
            http_page(n, uri.clone(), date, &block, max_record).transpose()
        };
        if let Some(p) = page {
            sink(p);
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
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a header line longer than {MAX_LINE} bytes"),
        ));
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

/// Skips lines until one starts with `WARC/` (left in `line`), or the end.
fn resync(r: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<()> {
    loop {
        line.clear();
        match r.take(MAX_LINE).read_until(b'\n', line) {
            Ok(0) => return Ok(()),
            Ok(_) if line.starts_with(b"WARC/") => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(e),
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
}
